//! Front matter and facts stated in prose: the service inspected, the publication month,
//! when fieldwork started, other statements of the overall rating, and the sample sizes.

use super::common::{month_year, rating, PResult};
use super::phrase::{count, word_end, Lowered, Needle, Prose};
use super::sections::Sections;
use crate::model::{Rating, Samples, Spanned};
use crate::text::{Doc, Para};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::{char, one_of, space0};
use nom::combinator::{map_res, opt};
use nom::Parser;

pub struct Metadata {
    pub service: Option<Spanned<String>>,
    pub published: Option<Spanned<String>>,
    pub fieldwork_start: Option<Spanned<String>>,
    pub overall_mentions: Vec<Spanned<Rating>>,
    pub samples: Samples,
}

/// `overall_mention := ("is " | "was " | "has been ") "rated as" [":"] " "* non_word{0,3} rating`
/// where `i` starts at "rated as" and `before` is the text before it. Returns the rating
/// and the offset of its first letter in `i`.
pub fn overall_mention<'a>(before: &str, i: &'a str) -> PResult<'a, (Rating, usize)> {
    if !(before.ends_with("is ") || before.ends_with("was ") || before.ends_with("has been ")) {
        return Err(fail(i));
    }
    let (rest, _) = (tag("rated as"), opt(char(':')), space0).parse(i)?;
    rating_after_marks(i, rest)
}

/// `given_overall := "have given" text{0,160} "an overall rating of" non_word{0,3} rating`
/// (no full stop in the text): `i` starts at "an overall rating of".
pub fn given_overall<'a>(before: &str, i: &'a str) -> PResult<'a, (Rating, usize)> {
    let window = before
        .get(before.len().saturating_sub(160)..)
        .unwrap_or(before);
    let given = window
        .rfind("have given")
        .is_some_and(|g| !window.get(g..).unwrap_or("").contains('.'));
    if !given {
        return Err(fail(i));
    }
    let (rest, _) = tag("an overall rating of").parse(i)?;
    rating_after_marks(i, rest)
}

/// Up to three quote or emphasis marks, then a rating ending a word.
fn rating_after_marks<'a>(i: &'a str, rest: &'a str) -> PResult<'a, (Rating, usize)> {
    let (rest, _) = take_while_m_n(0, 3, |c: char| !c.is_alphanumeric()).parse(rest)?;
    let at = i.len() - rest.len();
    let (rest, (r, _)) = (rating, word_end).parse(rest)?;
    Ok((rest, (r, at)))
}

/// `court_cases := "post court cases" | "post-court cases" | "postcourt cases" | "court disposals"`
pub fn court_cases(i: &str) -> PResult<'_, ()> {
    let (rest, _) = alt((
        (tag("post"), opt(one_of("- ")), tag("court cases")).map(|_| ()),
        tag("court disposals").map(|_| ()),
    ))
    .parse(i)?;
    Ok((rest, ()))
}

/// `out_of_court := "out" ("-" | " ") "of" ("-" | " ") "court"`
pub fn out_of_court(i: &str) -> PResult<'_, ()> {
    let (rest, _) = (
        tag("out"),
        one_of("- "),
        tag("of"),
        one_of("- "),
        tag("court"),
    )
        .parse(i)?;
    Ok((rest, ()))
}

/// `examined_count := count " " (court_cases | out_of_court " " ("disposals" | "cases"))`
/// Returns the count and whether the cases are out-of-court.
pub fn examined_count(i: &str) -> PResult<'_, (u32, bool)> {
    let (rest, ((n, _), _)) = (count, char(' ')).parse(i)?;
    if let Ok((rest, _)) = court_cases(rest) {
        return Ok((rest, (n, false)));
    }
    let (rest, _) = (
        out_of_court,
        char(' '),
        alt((tag("disposals"), tag("cases"))),
    )
        .parse(rest)?;
    Ok((rest, (n, true)))
}

/// `examined_sentence := "we examined " examined_count [" and " examined_count]`
/// ("We examined 50 post-court cases and 32 out-of-court disposals"). Returns each count,
/// its offset in `i`, and whether its cases are out-of-court.
pub fn examined_sentence(i: &str) -> PResult<'_, Vec<(u32, usize, bool)>> {
    let (after, _) = tag("we examined ").parse(i)?;
    let (rest, (n, ooc)) = examined_count(after)?;
    let mut out = vec![(n, i.len() - after.len(), ooc)];
    let second = tag::<_, _, nom::error::Error<&str>>(" and ")
        .parse(rest)
        .ok()
        .and_then(|(b, _)| Some((b, examined_count(b).ok()?)));
    let Some((b, (rest, (m, ooc)))) = second else {
        return Ok((rest, out));
    };
    out.push((m, i.len() - b.len(), ooc));
    Ok((rest, out))
}

/// `sample_both := "sample of " count " " court_cases " and " count " " out_of_court`
/// Returns (court count, its offset, out-of-court count, its offset).
pub fn sample_both(i: &str) -> PResult<'_, [(u32, usize); 2]> {
    let (a, _) = tag("sample of ").parse(i)?;
    let (rest, ((court, _), _, _, _)) = (count, char(' '), court_cases, tag(" and ")).parse(a)?;
    let b = rest;
    let (rest, ((ooc, _), _, _)) = (count, char(' '), out_of_court).parse(b)?;
    let off = |s: &str| i.len() - s.len();
    Ok((rest, [(court, off(a)), (ooc, off(b))]))
}

/// `looked_at_sentence := "we looked at a sample of " digit{1,4}` (the domain is the
/// section's).
pub fn looked_at_sentence(i: &str) -> PResult<'_, (u32, usize)> {
    let (after, _) = tag("we looked at a sample of ").parse(i)?;
    let (rest, (n, _)) = (
        map_res(
            take_while_m_n(1, 4, |c: char| c.is_ascii_digit()),
            |d: &str| d.parse::<u32>(),
        ),
        word_end,
    )
        .parse(after)?;
    Ok((rest, (n, i.len() - after.len())))
}

/// `took_place := "took place " ("between" | "from") " " [digit{1,2} ["st" | "nd" | "rd" | "th"] " "] month [" " year]`
/// Returns the month word and the year when it follows.
pub fn took_place(i: &str) -> PResult<'_, (&str, Option<&str>)> {
    let (rest, _) = (
        tag("took place "),
        alt((tag("between"), tag("from"))),
        char(' '),
        opt((
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))),
            char(' '),
        )),
    )
        .parse(i)?;
    let (rest, month) = take_while1(|c: char| c.is_ascii_lowercase()).parse(rest)?;
    let (rest, year) = opt(nom::sequence::preceded(
        char(' '),
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
    ))
    .parse(rest)?;
    Ok((rest, (month, year)))
}

fn fail(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))
}

/// Month-year on a cover line of its own ("JULY 2019").
fn cover_date(doc: &Doc, before: usize) -> Option<Spanned<String>> {
    doc.rows.iter().take(before.min(80)).find_map(|r| {
        let h = super::sections::heading(r)?;
        month_year(&h).map(|d| Spanned::new(d, r.span()))
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
    lowered: &Lowered,
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
    for row in &doc.rows {
        if m.service.is_some() && m.fieldwork_start.is_some() {
            break;
        }
        let Some(seg) = row.single() else { continue };
        // Both lines open with a capital ("Service:", "Fieldwork started:"): every other
        // row (nearly all) is passed over by its first byte, not trimmed at both ends.
        let t = seg.text.trim_start();
        if !matches!(t.as_bytes().first(), Some(b'S' | b'F')) {
            continue;
        }
        let t = t.trim_end();
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
    // Only paragraphs holding one of the phrases read here are parsed: found with one pass
    // over the whole lower-cased text per phrase.
    static PHRASES: [Needle; 6] = [
        Needle::new("we examined "),
        Needle::new("sample of "),
        Needle::new("we looked at "),
        Needle::new("rated as"),
        Needle::new("an overall rating of"),
        Needle::new("took place "),
    ];
    let wanted = lowered.holding(&PHRASES);
    for (i, para) in paras.iter().enumerate() {
        let lower = lowered.get(i);
        if lower.starts_with("2. court disposals")
            || lower.starts_with("domain two: court disposals")
        {
            domain = Some("court");
        } else if lower.starts_with("3. out-of-court disposals")
            || lower.starts_with("domain three: out-of-court disposals")
        {
            domain = Some("out_of_court");
        }
        if !wanted.get(i).copied().unwrap_or(true) {
            continue;
        }
        let prose = Prose::lowered(lower);
        let at = |off: usize| para.span_at(off);
        if para.first_row < front_end {
            m.overall_mentions.extend(overall_mentions(&prose, at));
        }
        for (hit, rest) in prose.hits("we examined ") {
            for (n, off, ooc) in examined_sentence(rest).map(|(_, e)| e).unwrap_or_default() {
                let v = Spanned::new(n, at(hit + off));
                if ooc {
                    m.samples.out_of_court.push(v)
                } else {
                    m.samples.court.push(v)
                }
            }
        }
        for (hit, rest) in prose.hits("sample of ") {
            if let Ok((_, [(c, co), (o, oo)])) = sample_both(rest) {
                m.samples.court.push(Spanned::new(c, at(hit + co)));
                m.samples.out_of_court.push(Spanned::new(o, at(hit + oo)));
            }
        }
        if let Some(d) = domain {
            for (hit, rest) in prose.hits("we looked at ") {
                if let Ok((_, (n, off))) = looked_at_sentence(rest) {
                    let v = Spanned::new(n, at(hit + off));
                    match d {
                        "court" => m.samples.court.push(v),
                        _ => m.samples.out_of_court.push(v),
                    }
                }
            }
        }
        if m.fieldwork_start.is_none() {
            m.fieldwork_start = fieldwork_from_prose(&prose, at);
        }
    }
    if m.service.is_none() {
        m.service = summary_service;
    }
    m
}

/// Every statement of the overall rating in a paragraph.
fn overall_mentions(
    prose: &Prose,
    at: impl Fn(usize) -> crate::model::Span,
) -> Vec<Spanned<Rating>> {
    let lower = prose.lower();
    let mut out = Vec::new();
    for (anchor, parser) in [
        (
            "rated as",
            overall_mention as for<'x> fn(&str, &'x str) -> PResult<'x, (Rating, usize)>,
        ),
        ("an overall rating of", given_overall),
    ] {
        for (hit, rest) in prose.hits(anchor) {
            let before = lower.get(..hit).unwrap_or("");
            if let Ok((_, (r, off))) = parser(before, rest) {
                out.push(Spanned::new(r, at(hit + off)));
            }
        }
    }
    out.sort_by_key(|s| s.span);
    out
}

/// "Our fieldwork took place between 26 October and 29 October 2020" → 2020-10.
fn fieldwork_from_prose(
    prose: &Prose,
    at: impl Fn(usize) -> crate::model::Span,
) -> Option<Spanned<String>> {
    prose.hits("took place ").find_map(|(hit, rest)| {
        let (after, (month, year)) = took_place(rest).ok()?;
        // "between 26 October and 29 October 2020": the year closes the range.
        let year = year.map(str::to_string).or_else(|| year_after(after, 0))?;
        let d = month_year(&format!("{month} {year}"))?;
        Some(Spanned::new(d, at(hit)))
    })
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

    fn read(doc: &crate::text::Doc) -> Metadata {
        let paras = crate::text::paragraphs(doc);
        metadata(doc, &locate(doc), None, &paras, &Lowered::new(&paras))
    }

    #[test]
    fn reads_front_matter_and_samples() {
        let text = "JULY 2019\n\nOverall, X YOT is rated as: **Good**. This rating\n\nService: X Youth Offending Team\n\nFieldwork started: April 2019\n\n2. Court disposals\n\nIn this inspection, we looked at a sample of 50 of these cases.\n\nWe examined 50 post-court cases.\nWe examined 32 out-of-court disposals.\nA detailed examination of a sample of 50 post court cases and 32 out-of-court disposals.\nwe were not able to give Leeds an overall rating of 'Good'.";
        let doc = normalise(text);
        let m = read(&doc);
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
        let m = read(&doc);
        assert_eq!(m.fieldwork_start.unwrap().value, "2020-10");
    }

    #[test]
    fn both_samples_in_one_examined_sentence() {
        let doc = normalise("2. Court disposals\n\nWe examined 50 post-court cases and 32 out-of-court disposals.\nWe examined six court disposals and four out of court cases. We examined 9 court disposals and then some.\n");
        let m = read(&doc);
        let c: Vec<u32> = m.samples.court.iter().map(|s| s.value).collect();
        let o: Vec<u32> = m.samples.out_of_court.iter().map(|s| s.value).collect();
        assert_eq!(c, [50, 6, 9]);
        assert_eq!(o, [32, 4]);
        let line = |s: &Spanned<u32>| (s.span.line, s.span.column);
        assert_eq!(line(&m.samples.out_of_court[0]), (3, 37));
    }

    #[test]
    fn samples_in_words_and_wrapped() {
        let doc = normalise("We examined six court disposals. The sample \n\nWe examined four out-of-court disposals.\n\nIn this inspection, we conducted a detailed examination of a sample of six court \ndisposals and four out-of-court disposals.");
        let m = read(&doc);
        let c: Vec<u32> = m.samples.court.iter().map(|s| s.value).collect();
        let o: Vec<u32> = m.samples.out_of_court.iter().map(|s| s.value).collect();
        assert_eq!((c, o), (vec![6, 6], vec![4, 4]));
        assert_eq!(m.samples.court[1].span.line, 5);
    }
}
