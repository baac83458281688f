//! The package parts a comment needs besides the text: `word/comments.xml` (created, or
//! extended keeping every comment in it), its relationship from the main part, and its
//! content type.

use super::index::{qname_of, w_prefix};
use super::xml_text;
use crate::docx::xml::attr;
use quick_xml::events::Event;
use quick_xml::Reader;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// One comment: its id and its paragraphs (the first is the headline, in bold).
#[derive(Debug, Clone)]
pub(crate) struct Comment {
    pub id: u32,
    pub paragraphs: Vec<String>,
}

/// Who and when, for every comment written.
pub(crate) struct Stamp<'a> {
    pub author: &'a str,
    pub initials: &'a str,
    pub date: Option<&'a str>,
}

/// The root element of a part: its name as written, the prefix it gives the
/// WordprocessingML namespace, and where its end tag starts (or, for an empty root, the
/// whole element's span).
struct Root {
    qname: String,
    w_prefix: Option<String>,
    /// Where new children go: the start of the end tag.
    end_tag: Option<u64>,
    /// An empty root element (`<x .../>`): its span.
    empty: Option<(u64, u64)>,
}

fn root(xml: &[u8], part: &str) -> Result<Root, String> {
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut found: Option<Root> = None;
    loop {
        buf.clear();
        let before = r.buffer_position();
        let ev = r
            .read_event_into(&mut buf)
            .map_err(|e| format!("{part}: {e}"))?;
        let after = r.buffer_position();
        match ev {
            Event::Start(e) => {
                if depth == 0 && found.is_none() {
                    found = Some(Root {
                        qname: qname_of(&e),
                        w_prefix: w_prefix(&e),
                        end_tag: None,
                        empty: None,
                    });
                }
                depth += 1;
            }
            Event::Empty(e) if depth == 0 && found.is_none() => {
                found = Some(Root {
                    qname: qname_of(&e),
                    w_prefix: w_prefix(&e),
                    end_tag: None,
                    empty: Some((before, after)),
                });
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some(f) = found.as_mut() {
                        f.end_tag.get_or_insert(before);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    found.ok_or_else(|| format!("{part}: no root element"))
}

/// `xml` with `children` added as the last children of its root element.
fn append_to_root(xml: &[u8], part: &str, children: &str) -> Result<Vec<u8>, String> {
    let root = root(xml, part)?;
    let at = |p: u64| usize::try_from(p).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(xml.len() + children.len() + 16);
    if let Some((from, to)) = root.empty {
        let (from, to) = (at(from), at(to));
        let tag = xml
            .get(from..to)
            .ok_or_else(|| format!("{part}: bad root"))?;
        let open = tag
            .strip_suffix(b"/>")
            .ok_or_else(|| format!("{part}: bad root"))?;
        out.extend_from_slice(xml.get(..from).unwrap_or_default());
        out.extend_from_slice(open);
        out.push(b'>');
        out.extend_from_slice(children.as_bytes());
        out.extend_from_slice(format!("</{}>", root.qname).as_bytes());
        out.extend_from_slice(xml.get(to..).unwrap_or_default());
        return Ok(out);
    }
    let end = root
        .end_tag
        .map(at)
        .ok_or_else(|| format!("{part}: the root element is not closed"))?;
    out.extend_from_slice(xml.get(..end).unwrap_or_default());
    out.extend_from_slice(children.as_bytes());
    out.extend_from_slice(xml.get(end..).unwrap_or_default());
    Ok(out)
}

/// The ids of the comments in a comments part.
pub(crate) fn comment_ids(xml: &[u8]) -> Vec<i64> {
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut ids = Vec::new();
    loop {
        buf.clear();
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "comment" => {
                if let Some(id) = attr(&e, "id").and_then(|v| v.trim().parse().ok()) {
                    ids.push(id);
                }
            }
            Ok(Event::Eof) | Err(_) => return ids,
            Ok(_) => {}
        }
    }
}

fn comment_xml(w: &str, c: &Comment, stamp: &Stamp<'_>) -> String {
    let date = stamp
        .date
        .map_or(String::new(), |d| format!(" {w}:date=\"{}\"", xml_text(d)));
    let mut s = format!(
        "<{w}:comment {w}:id=\"{}\" {w}:author=\"{}\"{date} {w}:initials=\"{}\">",
        c.id,
        xml_text(stamp.author),
        xml_text(stamp.initials)
    );
    for (i, p) in c.paragraphs.iter().enumerate() {
        s.push_str(&format!("<{w}:p>"));
        if i == 0 {
            s.push_str(&format!("<{w}:r><{w}:annotationRef/></{w}:r>"));
        }
        let bold = if i == 0 {
            format!("<{w}:rPr><{w}:b/></{w}:rPr>")
        } else {
            String::new()
        };
        s.push_str(&format!(
            "<{w}:r>{bold}<{w}:t xml:space=\"preserve\">{}</{w}:t></{w}:r></{w}:p>",
            xml_text(p)
        ));
    }
    s.push_str(&format!("</{w}:comment>"));
    s
}

/// The comments part: `existing` with `new` appended, or a new part.
pub(crate) fn comments_part(
    existing: Option<&[u8]>,
    new: &[Comment],
    stamp: &Stamp<'_>,
) -> Result<Vec<u8>, String> {
    let part = "comments part";
    match existing {
        Some(xml) => {
            let w = root(xml, part)?.w_prefix.unwrap_or_else(|| "w".to_string());
            let children: String = new.iter().map(|c| comment_xml(&w, c, stamp)).collect();
            append_to_root(xml, part, &children)
        }
        None => {
            let children: String = new.iter().map(|c| comment_xml("w", c, stamp)).collect();
            Ok(format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{W_NS}\">{children}</w:comments>"
            )
            .into_bytes())
        }
    }
}

/// The comments part named by the main part's relationships, if there is one: its
/// target resolved against `word/`.
pub(crate) fn comments_target(rels: &[u8]) -> Option<String> {
    relationships(rels)
        .into_iter()
        .find(|(_, ty, _)| ty == COMMENTS_REL)
        .map(|(_, _, target)| resolve(&target))
}

fn resolve(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("word/{}", target.trim_start_matches("./")),
    }
}

/// (Id, Type, Target) of each relationship.
fn relationships(rels: &[u8]) -> Vec<(String, String, String)> {
    let mut r = Reader::from_reader(rels);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        buf.clear();
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                out.push((
                    attr(&e, "Id").unwrap_or_default(),
                    attr(&e, "Type").unwrap_or_default(),
                    attr(&e, "Target").unwrap_or_default(),
                ));
            }
            Ok(Event::Eof) | Err(_) => return out,
            Ok(_) => {}
        }
    }
}

/// The main part's relationships with one to `comments.xml` added.
pub(crate) fn add_comments_relationship(rels: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let part = "word/_rels/document.xml.rels";
    let Some(rels) = rels else {
        return Ok(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"{RELS_NS}\"><Relationship Id=\"rIdHmipComments\" Type=\"{COMMENTS_REL}\" Target=\"comments.xml\"/></Relationships>"
        )
        .into_bytes());
    };
    let ids: Vec<String> = relationships(rels)
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    let id = (1..)
        .map(|n| format!("rIdHmip{n}"))
        .find(|c| !ids.contains(c))
        .unwrap_or_default();
    let prefix = relationship_prefix(rels);
    append_to_root(
        rels,
        part,
        &format!(
            "<{prefix}Relationship Id=\"{id}\" Type=\"{COMMENTS_REL}\" Target=\"comments.xml\"/>"
        ),
    )
}

/// The prefix (with its colon) of the root element's name: `Relationship` elements are
/// written the same way.
fn relationship_prefix(xml: &[u8]) -> String {
    root(xml, "relationships")
        .ok()
        .and_then(|r| r.qname.rsplit_once(':').map(|(p, _)| format!("{p}:")))
        .unwrap_or_default()
}

/// `[Content_Types].xml` with the comments part's type, unless it has it already.
pub(crate) fn add_content_type(types: &[u8], part: &str) -> Result<Vec<u8>, String> {
    let name = format!("/{part}");
    let mut r = Reader::from_reader(types);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Override" => {
                if attr(&e, "PartName").is_some_and(|p| p.eq_ignore_ascii_case(&name)) {
                    return Ok(types.to_vec());
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("[Content_Types].xml: {e}")),
            Ok(_) => {}
        }
    }
    let prefix = relationship_prefix(types);
    append_to_root(
        types,
        "[Content_Types].xml",
        &format!(
            "<{prefix}Override PartName=\"{}\" ContentType=\"{COMMENTS_TYPE}\"/>",
            xml_text(&name)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_to_a_closed_or_an_empty_root() {
        let a = append_to_root(b"<?xml version=\"1.0\"?><a x=\"1\"><b/></a>", "t", "<c/>").unwrap();
        assert_eq!(
            String::from_utf8(a).unwrap(),
            "<?xml version=\"1.0\"?><a x=\"1\"><b/><c/></a>"
        );
        let a = append_to_root(b"<p:a x=\"1\"/>\n", "t", "<c/>").unwrap();
        assert_eq!(String::from_utf8(a).unwrap(), "<p:a x=\"1\"><c/></p:a>\n");
        assert!(append_to_root(b"<a>", "t", "<c/>").is_err());
    }

    #[test]
    fn relationship_and_content_type_added_once() {
        let rels = br#"<Relationships xmlns="x"><Relationship Id="rIdHmip1" Type="t" Target="styles.xml"/></Relationships>"#;
        let out = add_comments_relationship(Some(rels)).unwrap();
        assert_eq!(comments_target(&out).as_deref(), Some("word/comments.xml"));
        assert!(String::from_utf8_lossy(&out).contains("Id=\"rIdHmip2\""));
        let types =
            br#"<Types xmlns="x"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
        let once = add_content_type(types, "word/comments.xml").unwrap();
        assert!(String::from_utf8_lossy(&once).contains("PartName=\"/word/comments.xml\""));
        assert_eq!(add_content_type(&once, "word/comments.xml").unwrap(), once);
    }
}
