//! The per-document decompression budget, shared by the threads reading pages.

use std::sync::atomic::{AtomicU64, Ordering};

use super::{scan, Limits, PdfError};

/// Decompressed bytes used so far, against [`Limits::max_stream_bytes`] per stream and
/// [`Limits::max_document_bytes`] for the document.
pub(crate) struct Budget {
    used: AtomicU64,
    limits: Limits,
}

impl Budget {
    pub fn new(limits: &Limits) -> Budget {
        Budget {
            used: AtomicU64::new(0),
            limits: limits.clone(),
        }
    }

    /// Decompress a stream under the per-stream and per-document limits.
    pub fn stream_bytes(&self, stream: &lopdf::Stream) -> Result<Vec<u8>, PdfError> {
        self.stream_bytes_within(stream, self.limits.max_stream_bytes)
    }

    /// [`Self::stream_bytes`] with at most `room` bytes of output: a page's content
    /// streams are one stream split in parts, and together they get the per-stream limit.
    ///
    /// Pages decode at the same time, so the room left in the document is read before
    /// decoding and the bytes are added after: a stream that takes the total over the
    /// limit fails even when another page's stream was decoded meanwhile.
    pub fn stream_bytes_within(
        &self,
        stream: &lopdf::Stream,
        room: u64,
    ) -> Result<Vec<u8>, PdfError> {
        let max_doc = self.limits.max_document_bytes;
        let per_document = PdfError::LimitExceeded {
            what: "decompressed bytes per document",
            limit: max_doc,
        };
        let room = room.min(self.limits.max_stream_bytes);
        let remaining = max_doc.saturating_sub(self.used.load(Ordering::Relaxed));
        let cap = room.min(remaining);
        let data = scan::decode_stream(stream, cap).map_err(|e| match e {
            scan::DecodeError::TooBig if remaining < room => PdfError::LimitExceeded {
                what: "decompressed bytes per document",
                limit: max_doc,
            },
            scan::DecodeError::TooBig => PdfError::LimitExceeded {
                what: "decompressed bytes per stream",
                limit: self.limits.max_stream_bytes,
            },
            scan::DecodeError::Bad(m) => PdfError::Malformed(crate::foreign::clean(&m)),
        })?;
        let len = data.len() as u64;
        let before = self.used.fetch_add(len, Ordering::Relaxed);
        if before.saturating_add(len) > max_doc {
            return Err(per_document);
        }
        Ok(data)
    }
}
