//! XML helpers shared by the part readers: namespaces, attributes, on/off values,
//! entity and character references, and the bounded event walk (element depth capped by
//! [`Limits::max_xml_depth`]) that every part is read with.

use super::{DocxError, Limits};
use crate::foreign;
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::reader::NsReader;
use quick_xml::XmlVersion;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_NS_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
pub(crate) const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The namespaces the readers tell apart.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent` and its branches).
    Mc,
    Other,
}

fn ns_of(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(Namespace(n)) if *n == W_NS || *n == W_NS_STRICT => Ns::W,
        ResolveResult::Bound(Namespace(n)) if *n == MC_NS => Ns::Mc,
        _ => Ns::Other,
    }
}

pub(crate) fn xml_error(part: &str, e: quick_xml::Error) -> DocxError {
    match e {
        quick_xml::Error::Io(io) => DocxError::Zip(foreign::clean(&format!("{part}: {io}"))),
        other => DocxError::Xml(foreign::clean(&format!("{part}: {other}"))),
    }
}

/// Value of the attribute whose local name is `local` (prefix ignored).
pub(crate) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    for a in attrs.flatten() {
        if a.key.local_name().as_ref() == local {
            return a
                .normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned());
        }
    }
    None
}

/// An on/off property: present without `w:val`, or with a true value.
pub(crate) fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// The character of a general entity reference (`amp`, ..., `#8217`, `#x2019`).
pub(crate) fn resolve_ref(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// What [`visit`] calls back while it walks a part.
pub(crate) trait Visitor {
    /// Kept from an element's start to its end.
    type Tag;
    /// The start of an element (an empty element is a start directly followed by its
    /// end), whose `<` is at byte `at` of the part: the tag to keep, or `None` to skip
    /// the element's whole subtree.
    fn start(&mut self, e: &BytesStart<'_>, ns: Ns, at: u64) -> Option<Self::Tag>;
    /// The end of an element whose start gave `tag`.
    fn end(&mut self, tag: Self::Tag);
    /// Text (character data, CDATA or one resolved reference) inside the open element
    /// whose tag is `top`, `None` at the top level.
    fn text(&mut self, top: Option<&Self::Tag>, s: &str);
}

/// Streams the events of `part` into `visitor`, failing once elements nest deeper than
/// the limit (skipped subtrees count too).
pub(crate) fn visit<R, V>(
    reader: &mut NsReader<R>,
    part: &str,
    limits: &Limits,
    visitor: &mut V,
) -> Result<(), DocxError>
where
    R: BufRead,
    V: Visitor,
{
    let mut buf = Vec::new();
    let mut tags: Vec<V::Tag> = Vec::new();
    // Depth inside a skipped subtree (0: not skipping).
    let mut skip_depth = 0usize;
    loop {
        buf.clear();
        // Text is never trimmed, so an element's event starts at its `<`.
        let at = reader.buffer_position();
        let (ns, ev) = reader
            .read_resolved_event_into(&mut buf)
            .map_err(|e| xml_error(part, e))?;
        let ns = ns_of(&ns);
        match ev {
            Event::Start(e) => {
                if tags.len() + skip_depth >= limits.max_xml_depth {
                    return Err(DocxError::LimitExceeded {
                        what: "xml element depth",
                        limit: limits.max_xml_depth as u64,
                    });
                }
                if skip_depth > 0 {
                    skip_depth += 1;
                    continue;
                }
                match visitor.start(&e, ns, at) {
                    Some(tag) => tags.push(tag),
                    None => skip_depth = 1,
                }
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    continue;
                }
                if let Some(tag) = visitor.start(&e, ns, at) {
                    visitor.end(tag);
                }
            }
            Event::End(_) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                if let Some(tag) = tags.pop() {
                    visitor.end(tag);
                }
            }
            Event::Text(t) if skip_depth == 0 => {
                let s = t.xml_content(XmlVersion::Implicit1_0);
                visitor.text(tags.last(), &s);
            }
            Event::CData(t) if skip_depth == 0 => {
                let s = t.xml_content(XmlVersion::Implicit1_0);
                visitor.text(tags.last(), &s);
            }
            Event::GeneralRef(r) if skip_depth == 0 => {
                if let Some(c) = resolve_ref(&r) {
                    let mut tmp = [0u8; 4];
                    visitor.text(tags.last(), c.encode_utf8(&mut tmp));
                }
            }
            // A part that ends inside an element was cut short (a damaged or half-written
            // file): reading on would take what is left for the whole report.
            Event::Eof if tags.is_empty() && skip_depth == 0 => return Ok(()),
            Event::Eof => {
                return Err(DocxError::Xml(format!(
                    "{part}: ends inside an element (the file is cut short)"
                )))
            }
            _ => {}
        }
    }
}

/// The [`Visitor`] behind [`walk`]: the tag is the local name of a W element.
struct Elements<F>(F);

impl<F> Visitor for Elements<F>
where
    F: FnMut(&str, Option<&BytesStart<'_>>),
{
    type Tag = Option<String>;

    fn start(&mut self, e: &BytesStart<'_>, ns: Ns, _at: u64) -> Option<Self::Tag> {
        if ns != Ns::W {
            return Some(None);
        }
        let name = e.local_name();
        (self.0)(name.as_ref(), Some(e));
        Some(Some(name.as_ref().to_string()))
    }

    fn end(&mut self, tag: Self::Tag) {
        if let Some(name) = tag {
            (self.0)(&name, None);
        }
    }

    fn text(&mut self, _top: Option<&Self::Tag>, _s: &str) {}
}

/// Simpler walk for the small parts (numbering, styles): `on_elem(local name,
/// Some(element))` on the start of a W element (also an empty one, then followed by an
/// end call), `on_elem(local name, None)` on its end; text is ignored.
pub(crate) fn walk<R, F>(
    reader: &mut NsReader<R>,
    part: &str,
    limits: &Limits,
    on_elem: F,
) -> Result<(), DocxError>
where
    R: BufRead,
    F: FnMut(&str, Option<&BytesStart<'_>>),
{
    visit(reader, part, limits, &mut Elements(on_elem))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walked(xml: &str) -> Result<Vec<String>, DocxError> {
        let mut reader = NsReader::from_reader(xml.as_bytes());
        let mut names = Vec::new();
        walk(
            &mut reader,
            "word/document.xml",
            &Limits::default(),
            |n, e| {
                if e.is_some() {
                    names.push(n.to_string());
                }
            },
        )?;
        Ok(names)
    }

    #[test]
    fn a_whole_part_is_walked() {
        let xml = format!("<w:document xmlns:w=\"{W_NS}\"><w:body><w:p/></w:body></w:document>");
        assert_eq!(
            walked(&xml).ok(),
            Some(vec!["document".into(), "body".into(), "p".into()])
        );
    }

    #[test]
    fn a_part_cut_short_is_an_error() {
        let xml = format!("<w:document xmlns:w=\"{W_NS}\"><w:body><w:p><w:r><w:t>Go");
        let e = walked(&xml)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("word/document.xml: ends inside an element"),
            "{e}"
        );
        // Also when the cut is inside a subtree the reader skips.
        let xml = format!("<w:document xmlns:w=\"{W_NS}\"><o:x xmlns:o=\"urn:o\"><o:y>");
        assert!(walked(&xml).is_err());
    }
}
