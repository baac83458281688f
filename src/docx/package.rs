//! The zip package: its signature (an OLE compound file is how Office stores an
//! encrypted document), its entries read as XML under the size limits of [`Limits`].

use super::{DocxError, Limits};
use crate::foreign;
use std::io::{BufReader, Cursor, Read};

use quick_xml::reader::NsReader;

pub(crate) const DOCUMENT_PART: &str = "word/document.xml";
pub(crate) const NUMBERING_PART: &str = "word/numbering.xml";
pub(crate) const STYLES_PART: &str = "word/styles.xml";
pub(crate) const FOOTNOTES_PART: &str = "word/footnotes.xml";
pub(crate) const ENDNOTES_PART: &str = "word/endnotes.xml";

/// Magic number of an OLE compound file (how Office stores an encrypted package).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(crate) struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    limits: &'a Limits,
    total_read: u64,
}

/// A reader that fails once more than the entry or total budget has been read.
pub(crate) struct Capped<R> {
    inner: std::io::Take<R>,
    read: u64,
    entry_limit: u64,
    total_left: u64,
    total_limit: u64,
    exceeded: Option<(&'static str, u64)>,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read = self.read.saturating_add(n as u64);
        if self.read > self.entry_limit {
            self.exceeded = Some(("uncompressed zip entry size", self.entry_limit));
        } else if self.read > self.total_left {
            self.exceeded = Some(("total uncompressed size", self.total_limit));
        }
        if self.exceeded.is_some() {
            return Err(std::io::Error::other("size limit exceeded"));
        }
        Ok(n)
    }
}

pub(crate) type XmlReader<'r, 'a> =
    NsReader<BufReader<Capped<zip::read::ZipFile<'r, Cursor<&'a [u8]>>>>>;

impl<'a> Package<'a> {
    /// Opens the archive: an OLE file is [`DocxError::Encrypted`], anything without a
    /// zip signature or with too many entries is refused.
    pub(crate) fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, DocxError> {
        if bytes.starts_with(&OLE_MAGIC) {
            return Err(DocxError::Encrypted);
        }
        if !bytes.starts_with(b"PK") {
            return Err(DocxError::NotZip("no zip signature".to_string()));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(msg) if msg.contains("assword") => {
                DocxError::Encrypted
            }
            other => DocxError::NotZip(foreign::clean(&other.to_string())),
        })?;
        if zip.len() > limits.max_entries {
            return Err(DocxError::LimitExceeded {
                what: "zip entries",
                limit: limits.max_entries as u64,
            });
        }
        Ok(Package {
            zip,
            limits,
            total_read: 0,
        })
    }

    /// Runs `f` over the XML of entry `name`; `Ok(None)` if there is no such entry.
    pub(crate) fn parse<T, F>(&mut self, name: &str, f: F) -> Result<Option<T>, DocxError>
    where
        F: for<'r> FnOnce(&mut XmlReader<'r, 'a>, &Limits) -> Result<T, DocxError>,
    {
        let limits = self.limits;
        let file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(msg)) if msg.contains("assword") => {
                return Err(DocxError::Encrypted)
            }
            Err(e) => return Err(DocxError::Zip(foreign::clean(&format!("{name}: {e}")))),
        };
        if file.encrypted() {
            return Err(DocxError::Encrypted);
        }
        if file.size() > limits.max_entry_bytes {
            return Err(DocxError::LimitExceeded {
                what: "uncompressed zip entry size",
                limit: limits.max_entry_bytes,
            });
        }
        let capped = Capped {
            inner: file.take(limits.max_entry_bytes.saturating_add(1)),
            read: 0,
            entry_limit: limits.max_entry_bytes,
            total_left: limits.max_total_bytes.saturating_sub(self.total_read),
            total_limit: limits.max_total_bytes,
            exceeded: None,
        };
        let mut reader = NsReader::from_reader(BufReader::with_capacity(64 * 1024, capped));
        let result = f(&mut reader, limits);
        let capped = reader.get_mut().get_ref();
        self.total_read = self.total_read.saturating_add(capped.read);
        if let Some((what, limit)) = capped.exceeded {
            return Err(DocxError::LimitExceeded { what, limit });
        }
        result.map(Some)
    }

    /// The bytes of entry `name`, under the same limits; `Ok(None)` if there is no such
    /// entry.
    pub(crate) fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, DocxError> {
        self.parse(name, |reader, _| {
            let mut out = Vec::new();
            reader
                .get_mut()
                .read_to_end(&mut out)
                .map_err(|e| DocxError::Zip(foreign::clean(&format!("{name}: {e}"))))?;
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::test_support::{doc, p, tracked_table, W};
    use crate::docx::testkit::{build_test_docx, write_stored_zip};
    use crate::docx::{extract, Options};

    /// Sets the uncompressed-size fields of every entry (local and central
    /// headers) to `size`, so that the declared size lies.
    fn lie_about_sizes(zip: &mut [u8], size: u32) {
        let mut i = 0;
        while i + 46 <= zip.len() {
            let sig = &zip[i..i + 4];
            if sig == b"PK\x03\x04" {
                zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
            } else if sig == b"PK\x01\x02" {
                zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
            }
            i += 1;
        }
    }

    fn deflated_docx(document_xml: &str) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(DOCUMENT_PART, o).unwrap();
        w.write_all(document_xml.as_bytes()).unwrap();
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn zip_bomb_like_entry_is_refused() {
        let big = doc(&p(&"x".repeat(200_000)));
        let limits = Limits {
            max_entry_bytes: 10_000,
            ..Limits::default()
        };
        let opts = Options {
            limits,
            ..Options::default()
        };
        // Declared size over the limit.
        let err = extract(&deflated_docx(&big), &opts).unwrap_err();
        assert!(
            matches!(err, DocxError::LimitExceeded { limit: 10_000, .. }),
            "{err:?}"
        );
        // Declared size lies (small): refused while reading (the zip crate
        // checks the declared size, our cap on bytes read is a second guard).
        let mut lying = deflated_docx(&big);
        lie_about_sizes(&mut lying, 9_000);
        let err = extract(&lying, &opts).unwrap_err();
        assert!(
            matches!(err, DocxError::LimitExceeded { .. } | DocxError::Zip(_)),
            "{err:?}"
        );
        // Within the limits it reads.
        let ok = extract(&deflated_docx(&big), &Options::default()).unwrap();
        assert_eq!(ok.lines[0].text.len(), 200_000);
    }

    #[test]
    fn capped_reader_stops_an_endless_stream() {
        let limit = 4096u64;
        let mut capped = Capped {
            inner: std::io::repeat(b'x').take(limit + 1),
            read: 0,
            entry_limit: limit,
            total_left: u64::MAX,
            total_limit: u64::MAX,
            exceeded: None,
        };
        let mut sink = Vec::new();
        assert!(capped.read_to_end(&mut sink).is_err());
        assert_eq!(
            capped.exceeded,
            Some(("uncompressed zip entry size", limit))
        );
        assert!(sink.len() as u64 <= limit + 1);
    }

    #[test]
    fn total_size_entry_count_and_depth_limits() {
        let numbering = format!(
            r#"<w:numbering xmlns:w="{W}">{}</w:numbering>"#,
            " ".repeat(5_000)
        );
        let bytes = build_test_docx(&doc(&p("hello")), &[("word/numbering.xml", &numbering)]);
        let mut opts = Options::default();
        opts.limits.max_total_bytes = 5_200;
        let err = extract(&bytes, &opts).unwrap_err();
        assert!(
            matches!(
                err,
                DocxError::LimitExceeded {
                    what: "total uncompressed size",
                    ..
                }
            ),
            "{err:?}"
        );

        let mut opts = Options::default();
        opts.limits.max_entries = 3;
        let err = extract(&bytes, &opts).unwrap_err();
        assert!(
            matches!(
                err,
                DocxError::LimitExceeded {
                    what: "zip entries",
                    ..
                }
            ),
            "{err:?}"
        );

        let deep = format!(
            "{}{}",
            "<w:sdt><w:sdtContent>".repeat(200),
            "</w:sdtContent></w:sdt>".repeat(200)
        );
        let bytes = build_test_docx(&doc(&deep), &[]);
        let err = extract(&bytes, &Options::default()).unwrap_err();
        assert!(
            matches!(
                err,
                DocxError::LimitExceeded {
                    what: "xml element depth",
                    ..
                }
            ),
            "{err:?}"
        );
        let mut opts = Options::default();
        opts.limits.max_xml_depth = 1_000;
        assert!(extract(&bytes, &opts).is_ok());
    }

    #[test]
    fn ole_file_is_encrypted() {
        let mut bytes = OLE_MAGIC.to_vec();
        bytes.extend_from_slice(&[0u8; 504]);
        assert!(matches!(
            extract(&bytes, &Options::default()),
            Err(DocxError::Encrypted)
        ));
    }

    #[test]
    fn random_bytes_are_not_zip() {
        // xorshift: deterministic "random" bytes
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        assert!(matches!(
            extract(&bytes, &Options::default()),
            Err(DocxError::NotZip(_))
        ));
        let mut pk = b"PK\x03\x04".to_vec();
        pk.extend_from_slice(&bytes);
        assert!(matches!(
            extract(&pk, &Options::default()),
            Err(DocxError::NotZip(_))
        ));
        assert!(matches!(
            extract(&[], &Options::default()),
            Err(DocxError::NotZip(_))
        ));
    }

    #[test]
    fn missing_document_and_malformed_xml() {
        let bytes = write_stored_zip(&[("word/styles.xml", "<x/>")]).unwrap();
        assert!(matches!(
            extract(&bytes, &Options::default()),
            Err(DocxError::MissingPart("word/document.xml"))
        ));
        let bytes = build_test_docx(&doc("<w:p><w:r><w:t>unclosed</w:r></w:p>"), &[]);
        assert!(matches!(
            extract(&bytes, &Options::default()),
            Err(DocxError::Xml(_))
        ));
    }

    #[test]
    fn truncated_and_mutated_archives_never_panic() {
        let good = build_test_docx(&doc(&format!("{}{}", p("a"), tracked_table())), &[]);
        for cut in (0..good.len()).step_by(7) {
            let _ = extract(&good[..cut], &Options::default());
        }
        for i in (0..good.len()).step_by(3) {
            let mut bad = good.clone();
            bad[i] ^= 0x5A;
            let _ = extract(&bad, &Options::default());
        }
    }
}
