//! Front matter and facts stated in prose: the service inspected, the publication month,
//! when fieldwork started, other statements of the overall rating, and the sample sizes.

use super::common::{count_word, month_year, rating};
use super::sections::Sections;
use crate::model::{Rating, Samples, Spanned};
use crate::text::{Doc, Para};
use regex::Regex;
use std::sync::LazyLock;

pub struct Metadata {
    pub service: Option<Spanned<String>>,
    pub published: Option<Spanned<String>>,
    pub fieldwork_start: Option<Spanned<String>>,
    pub overall_mentions: Vec<Spanned<Rating>>,
    pub samples: Samples,
}

struct Patterns {
    /// "is rated as: **Good**", "was rated as 'Good'", "have given X an overall rating of 'Good'"
    rated_as: Regex,
    /// "We examined 50 post-court cases"
    examined_court: Regex,
    /// "We examined 32 out-of-court disposals"
    examined_ooc: Regex,
    /// "a sample of 50 post court cases and 32 out-of-court disposals"
    sample_both: Regex,
    /// "we looked at a sample of 50 of these cases" (domain from the section)
    looked_at: Regex,
    /// "took place between 26 October and 29 October 2020"
    took_place: Regex,
}

static PATTERNS: LazyLock<Option<Patterns>> = LazyLock::new(|| {
    Some(Patterns {
        rated_as: Regex::new(
            r"(?i)(?-u:\b)(?:is|was|has been) rated as:? *[^a-zA-Z0-9]{0,3}(outstanding|good|requires improvement|inadequate)(?-u:\b)|(?-u:\b)have given(?-u:\b)[^.]{0,160}?(?-u:\b)an overall rating of[^a-zA-Z0-9]{0,3}(outstanding|good|requires improvement|inadequate)(?-u:\b)",
        )
        .ok()?,
        examined_court: Regex::new(r"(?i)(?-u:\b)we examined ([0-9]{1,4}|[a-z]+) (?:post[- ]?court cases|court disposals)").ok()?,
        examined_ooc: Regex::new(r"(?i)(?-u:\b)we examined ([0-9]{1,4}|[a-z]+) out[- ]of[- ]court (?:disposals|cases)").ok()?,
        sample_both: Regex::new(
            r"(?i)(?-u:\b)sample of ([0-9]{1,4}|[a-z]+) (?:post[- ]?court cases|court disposals) and ([0-9]{1,4}|[a-z]+) out[- ]of[- ]court",
        )
        .ok()?,
        looked_at: Regex::new(r"(?i)(?-u:\b)we looked at a sample of ([0-9]{1,4})(?-u:\b)").ok()?,
        took_place: Regex::new(
            r"(?i)(?-u:\b)took place (?:between|from) (?:[0-9]{1,2}(?:st|nd|rd|th)? )?([a-z]+)(?: ([0-9]{4}))?",
        )
        .ok()?,
    })
});

/// Month-year on a cover line of its own ("JULY 2019").
fn cover_date(doc: &Doc, before: usize) -> Option<Spanned<String>> {
    doc.rows.iter().take(before.min(80)).find_map(|r| {
        let seg = r.single()?;
        month_year(&seg.text).map(|d| Spanned::new(d, seg.span()))
    })
}

/// `service_line := "Service:" ws* text`
fn service_line(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("Service:")?.trim();
    (!rest.is_empty()).then_some(rest)
}

/// `fieldwork_line := "Fieldwork started:" ws* month_year`
fn fieldwork_line(text: &str) -> Option<String> {
    month_year(text.strip_prefix("Fieldwork started:")?.trim())
}

/// Parses the metadata. `summary_service` is the name printed in a 2020+ ratings block.
pub fn metadata(
    doc: &Doc,
    secs: &Sections,
    summary_service: Option<Spanned<String>>,
    paras: &[Para<'_>],
) -> Metadata {
    let mut m = Metadata {
        service: None,
        published: None,
        fieldwork_start: None,
        overall_mentions: Vec::new(),
        samples: Samples::default(),
    };
    let front_end = secs.first_annex.unwrap_or(doc.rows.len());
    m.published = cover_date(doc, front_end);
    let Some(p) = PATTERNS.as_ref() else { return m };
    for row in &doc.rows {
        let Some(seg) = row.single() else { continue };
        let t = seg.text.trim();
        if m.service.is_none() {
            if let Some(s) = service_line(t) {
                m.service = Some(Spanned::new(s.to_string(), seg.span_of(s)));
            }
        }
        if m.fieldwork_start.is_none() {
            if let Some(d) = fieldwork_line(t) {
                m.fieldwork_start = Some(Spanned::new(d, seg.span()));
            }
        }
    }
    // Prose, sentence by sentence across wrapped lines. The domain a body paragraph
    // belongs to comes from the last domain heading seen.
    let mut domain: Option<&'static str> = None;
    for para in paras {
        let t = para.text.as_str();
        // Domain headings open a paragraph: only its first characters are lower-cased.
        let lower: String = t.chars().take(40).collect::<String>().to_ascii_lowercase();
        if lower.starts_with("2. court disposals")
            || lower.starts_with("domain two: court disposals")
        {
            domain = Some("court");
        } else if lower.starts_with("3. out-of-court disposals")
            || lower.starts_with("domain three: out-of-court disposals")
        {
            domain = Some("out_of_court");
        }
        if para.first_row < front_end && (t.contains("rated as") || t.contains("overall rating of"))
        {
            for c in p.rated_as.captures_iter(t) {
                if let Some(g) = c.get(1).or_else(|| c.get(2)) {
                    if let Ok((_, r)) = rating(g.as_str()) {
                        m.overall_mentions
                            .push(Spanned::new(r, para.span_at(g.start())));
                    }
                }
            }
        }
        if !(t.contains("court") || t.contains("sample") || t.contains("took place")) {
            continue;
        }
        let num = |c: &regex::Captures, k: usize| {
            c.get(k).and_then(|g| {
                count_word(g.as_str()).map(|n| Spanned::new(n, para.span_at(g.start())))
            })
        };
        // Each pattern runs only where its key word occurs (a plain substring search).
        if t.contains("xamined") {
            for c in p.examined_court.captures_iter(t) {
                m.samples.court.extend(num(&c, 1));
            }
            for c in p.examined_ooc.captures_iter(t) {
                m.samples.out_of_court.extend(num(&c, 1));
            }
        }
        if t.contains("sample of") {
            for c in p.sample_both.captures_iter(t) {
                m.samples.court.extend(num(&c, 1));
                m.samples.out_of_court.extend(num(&c, 2));
            }
        }
        if let Some(d) = domain.filter(|_| t.contains("looked at")) {
            for c in p.looked_at.captures_iter(t) {
                match d {
                    "court" => m.samples.court.extend(num(&c, 1)),
                    _ => m.samples.out_of_court.extend(num(&c, 1)),
                }
            }
        }
        if m.fieldwork_start.is_none() && t.contains("took place") {
            if let Some(c) = p.took_place.captures(t) {
                let month = c.get(1).map(|g| g.as_str()).unwrap_or("");
                // "between 26 October and 29 October 2020": the year closes the range.
                let year = c
                    .get(2)
                    .map(|g| g.as_str().to_string())
                    .or_else(|| year_after(t, c.get(0).map_or(0, |g| g.end())));
                if let Some(y) = year {
                    if let Some(d) = month_year(&format!("{month} {y}")) {
                        let at = c.get(0).map_or(0, |g| g.start());
                        m.fieldwork_start = Some(Spanned::new(d, para.span_at(at)));
                    }
                }
            }
        }
    }
    if m.service.is_none() {
        m.service = summary_service;
    }
    m
}

/// The first four-digit year within the next 40 bytes of `t` after `from`.
fn year_after(t: &str, from: usize) -> Option<String> {
    let tail = t.get(from..)?;
    let tail = tail.get(..tail.len().min(40)).or(Some(tail))?;
    tail.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::sections::locate;
    use crate::text::normalise;

    #[test]
    fn reads_front_matter_and_samples() {
        let text = "JULY 2019\n\nOverall, X YOT is rated as: **Good**. This rating\n\nService: X Youth Offending Team\n\nFieldwork started: April 2019\n\n2. Court disposals\n\nIn this inspection, we looked at a sample of 50 of these cases.\n\nWe examined 50 post-court cases.\nWe examined 32 out-of-court disposals.\nA detailed examination of a sample of 50 post court cases and 32 out-of-court disposals.\nwe were not able to give Leeds an overall rating of 'Good'.";
        let doc = normalise(text);
        let m = metadata(&doc, &locate(&doc), None, &crate::text::paragraphs(&doc));
        assert_eq!(m.published.unwrap().value, "2019-07");
        assert_eq!(m.service.unwrap().value, "X Youth Offending Team");
        assert_eq!(m.fieldwork_start.unwrap().value, "2019-04");
        assert_eq!(m.overall_mentions.len(), 1);
        let c: Vec<u32> = m.samples.court.iter().map(|s| s.value).collect();
        assert_eq!(c, vec![50, 50, 50]);
        let o: Vec<u32> = m.samples.out_of_court.iter().map(|s| s.value).collect();
        assert_eq!(o, vec![32, 32]);
    }

    #[test]
    fn fieldwork_from_prose() {
        let doc = normalise("took place between 26 \nOctober and 29 October 2020.\nOur fieldwork took place between 26 October and 29 October 2020.");
        let m = metadata(&doc, &locate(&doc), None, &crate::text::paragraphs(&doc));
        assert_eq!(m.fieldwork_start.unwrap().value, "2020-10");
    }

    #[test]
    fn samples_in_words_and_wrapped() {
        let doc = normalise("We examined six court disposals. The sample \n\nWe examined four out-of-court disposals.\n\nIn this inspection, we conducted a detailed examination of a sample of six court \ndisposals and four out-of-court disposals.");
        let m = metadata(&doc, &locate(&doc), None, &crate::text::paragraphs(&doc));
        let c: Vec<u32> = m.samples.court.iter().map(|s| s.value).collect();
        let o: Vec<u32> = m.samples.out_of_court.iter().map(|s| s.value).collect();
        assert_eq!((c, o), (vec![6, 6], vec![4, 4]));
        assert_eq!(m.samples.court[1].span.line, 5);
    }
}
