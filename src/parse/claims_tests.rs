//! Unit tests of `parse::claims`, on sentences of the shared reports.

use super::*;

fn fw() -> &'static Framework {
    Framework::by_id("youth-2018").unwrap_or_else(|| panic!("youth-2018"))
}

fn std(id: &str) -> Standard<'_> {
    Standard::new(id, None, fw(), &[])
}

fn tie(id: &str, sentence: &str) -> Option<String> {
    let lower = sentence.to_ascii_lowercase();
    let figs = figures(&lower);
    assert_eq!(figs.len(), 1, "{sentence}");
    std(id).tie(&lower)
}

#[test]
fn activity_stems() {
    assert_eq!(stems("Assessment"), ["assess"]);
    assert_eq!(stems("Planning"), ["plan"]);
    assert_eq!(
        stems("Implementation and delivery"),
        ["implement", "deliver"]
    );
    assert_eq!(stems("Reviewing"), ["review"]);
    assert_eq!(stems("Joint working"), ["joint", "work"]);
}

#[test]
fn key_question_subjects_from_the_framework() {
    let kqs: Vec<(String, Subject)> = std("3.4").kqs;
    assert_eq!(
        kqs,
        [
            ("3.4.1".to_string(), Subject::Recommendations),
            ("3.4.2".to_string(), Subject::Police)
        ]
    );
    let kqs: Vec<Subject> = std("2.3").kqs.into_iter().map(|(_, s)| s).collect();
    assert_eq!(kqs, [Subject::Desistance, Subject::Child, Subject::Others]);
}

#[test]
fn figures_in_sentences() {
    let f = |s: &str| -> Vec<(ClaimValue, bool)> {
        figures(&s.to_ascii_lowercase())
            .into_iter()
            .map(|f| (f.value, f.approx))
            .collect()
    };
    assert_eq!(
        f("in 84 per cent of cases"),
        [(ClaimValue::Percent(84.0), false)]
    );
    assert_eq!(f("in 84% of cases"), [(ClaimValue::Percent(84.0), false)]);
    assert_eq!(f("is 16.6 per cent"), [(ClaimValue::Percent(16.6), false)]);
    assert_eq!(
        f("over 80 per cent of staff"),
        [(ClaimValue::Percent(80.0), true)]
    );
    assert_eq!(
        f("more than 80% of staff"),
        [(ClaimValue::Percent(80.0), true)]
    );
    assert_eq!(
        f("In 11 of the 50 cases we inspected"),
        [(ClaimValue::Count(11, 50), false)]
    );
    assert_eq!(
        f("in 24 of 28 cases,"),
        [(ClaimValue::Count(24, 28), false)]
    );
    assert_eq!(
        f("in only four out of six post-court cases."),
        [(ClaimValue::Count(4, 6), false)]
    );
    assert_eq!(
        f("in all but 2 of the 28 cases."),
        [(ClaimValue::Count(26, 28), false)]
    );
    assert!(f("Of the 6 cases inspected: Six of the cases selected").is_empty());
    assert!(f("each of the 12 standards; 3.4 per year; 184 percentage").is_empty());
    assert!(f("in 140 per cent of cases").is_empty());
}

#[test]
fn sentence_split() {
    let s = sentences(
        "We rated it. In 84 per cent of cases, e.g. this one, 16.6 per cent. “Quoted.” end",
    );
    let texts: Vec<&str> = s.iter().map(|(_, t)| *t).collect();
    assert_eq!(
        texts,
        [
            "We rated it.",
            "In 84 per cent of cases, e.g. this one, 16.6 per cent. “Quoted.” end"
        ]
    );
    assert_eq!(s.get(1).map(|(o, _)| *o), Some(13));
}

/// Key-question restatements in the shared reports are tied.
#[test]
fn restatements_are_tied() {
    let cases = [
        ("2.1", "Overall, we were satisfied that in 84 per cent of cases the assessment sufficiently analysed how to support the child or young person's desistance.", "2.1.1"),
        ("2.4", "Overall, we assessed that reviewing focused sufficiently on keeping the child or young person safe in 64 per cent of cases.", "2.4.2"),
        ("3.2", "Inspectors found just 30 per cent of cases where planning to manage risk of harm to others was sufficient.", "3.2.3"),
        ("3.4", "We assessed that the YOT worked effectively with the police in implementing the out-of-court disposal in 86 per cent of cases.", "3.4.2"),
        ("2.3", "In 72 per cent of the cases, there was sufficient delivery of interventions designed to keep children safe.", "2.3.2"),
    ];
    for (id, s, kq) in cases {
        assert_eq!(tie(id, s).as_deref(), Some(kq), "{s}");
    }
}

/// Prompt-level, negated, hedged or ambiguous figures of the shared reports are not.
#[test]
fn prompts_and_negations_are_not_tied() {
    let cases = [
        ("2.1", "We found that, in 30 per cent of cases, there was no assessment of the child or young person's desistance within an appropriate period following the start of the sentence."),
        ("2.1", "In 92 per cent of cases, we agreed with assessed risk of harm levels."),
        ("2.1", "In 11 of the 50 cases we inspected, we found that risks to the safety and wellbeing of the child or young person had not been assessed well enough."),
        ("2.1", "We disagreed with the assessment of safety and wellbeing in 16 per cent of cases, as the level of concern had been underestimated."),
        ("2.4", "We found that reviews of safety and wellbeing were informed by input from other relevant agencies in only 67 per cent of cases."),
        ("3.1", "We agreed with the case manager's assessment of risk of harm in 74 per cent of cases."),
        ("3.2", "Plans set out the services most likely to support desistance, paying sufficient attention to the available timescales and the sequencing of interventions in 81 per cent of cases."),
        ("3.2", "Planning promoted the safety and wellbeing of the child or young person, sufficiently addressing risks in 83 per cent of cases."),
        ("3.1", "Inspectors judged that assessments focused on the child or young person's strengths and protective factors in 25 of the 28 cases."),
        ("2.1", "Does assessment sufficiently analyse how to keep other people safe? 62%"),
        ("2.3", "The safety of other people was supported effectively in 74 per cent of cases."),
        ("3.1", "Assessment of safety and wellbeing, and of the risk of harm to others, was sufficient in 32 per cent of cases."),
        ("1.2", "For court disposals, oversight was found to be sufficient in just 55 per cent of cases."),
    ];
    for (id, s) in cases {
        assert_eq!(tie(id, s), None, "{s}");
    }
}

#[test]
fn ratings_of_the_whole_standard() {
    let r = |id: &str, s: &str| rating_claim(&std(id), &s.to_ascii_lowercase()).map(|(r, _)| r);
    use Rating::*;
    assert_eq!(
        r("2.1", "We rated assessment of cases as 'Outstanding'."),
        Some(Outstanding)
    );
    assert_eq!(
        r("1.2", "We therefore rated this standard as good."),
        Some(Good)
    );
    assert_eq!(
        r("2.2", "We rated this standard as requiring improvement."),
        Some(RequiresImprovement)
    );
    assert_eq!(
        r(
            "1.3",
            "Overall, we therefore judged partnership and services to be good."
        ),
        Some(Good)
    );
    assert_eq!(
        r(
            "3.1",
            "Assessment was judged to be inadequate because, although ..."
        ),
        Some(Inadequate)
    );
    assert_eq!(
        r(
            "3.4",
            "We rated the quality of joint work as 'Outstanding'."
        ),
        Some(Outstanding)
    );
    assert_eq!(
        r("2.4", "We rated reviewing for desistance, safety and wellbeing, and risk of harm to others as 'Good', with case managers taking account"),
        Some(Good)
    );
    assert_eq!(
        r("2.4", "We rated reviewing for desistance as 'Good'."),
        None
    );
    assert_eq!(r("2.4", "We rated planning as 'Good'."), None);
    assert_eq!(r("1.2", "Nearly all respondents rated the quality of their supervision as quite good or very good."), None);
    assert_eq!(
        r(
            "1.2",
            "A children's service rated 'outstanding' supports it."
        ),
        None
    );
}

#[test]
fn sections_end_at_domain_headings() {
    let text = "2.4 Reviewing\tGood\nIt was done well in 70 per cent of cases.\n\nSummary\n\nIn 50 per cent of cases.\n\n3. Out-of-court disposals\n\n3.1 Assessment\tGood\nIn 40 per cent.\n";
    let doc = crate::text::normalise(text);
    let body = super::super::body::body_headings(&doc, 0, doc.rows.len());
    let paras = crate::text::paragraphs(&doc);
    let lowered = Lowered::new(&paras);
    let got: Vec<(String, u32)> = claims(&doc, &paras, fw(), &body, &[], doc.rows.len(), &lowered)
        .into_iter()
        .map(|c| (c.standard, c.value.span.line))
        .collect();
    assert_eq!(got, [("2.4".to_string(), 2), ("3.1".to_string(), 11)]);
}

/// The prefilter never drops a sentence that holds a claim: over every sentence of every
/// fixture text, one with a figure, or with "rated" or "judged" (a rating sentence needs
/// one), passes it; and it drops most sentences of prose.
#[test]
fn sentences_skipped_hold_no_claim() {
    let (mut sentences_seen, mut passed) = (0usize, 0usize);
    for (path, text) in crate::fixtures::texts() {
        let doc = crate::text::normalise(&text);
        for para in crate::text::paragraphs(&doc) {
            let lower = para.text.to_ascii_lowercase();
            for (off, s) in sentences(&para.text) {
                let low = &lower[off..off + s.len()];
                sentences_seen += 1;
                let claims =
                    !figures(low).is_empty() || low.contains("rated") || low.contains("judged");
                passed += usize::from(may_claim(low));
                assert!(!claims || may_claim(low), "{path:?}: {s}");
                assert!(!claims || may_claim(&lower), "{path:?}: {s}");
            }
        }
    }
    assert!(passed * 2 < sentences_seen, "{passed} of {sentences_seen}");
}

#[test]
fn of_positions_are_a_substring_search() {
    for s in [
        " of ",
        "most of the 12 of 14 cases",
        " of of of ",
        "of of",
        "",
        "profit offers of  of ",
        "café of the",
    ] {
        let want: Vec<usize> = s.match_indices(" of ").map(|(i, _)| i).collect();
        assert_eq!(of_positions(s.as_bytes()).to_vec(), want, "{s:?}");
    }
}

#[test]
fn row_of_by_binary_search_is_the_linear_search() {
    let doc = crate::text::normalise("a\n\n| x | y |\n| 1 | 2 |\nb\r c\n\nd\n");
    assert!(doc.rows.windows(2).all(|w| w[0].line <= w[1].line));
    for line in 0..12 {
        assert_eq!(
            row_of(&doc, true, line),
            row_of(&doc, false, line),
            "{line}"
        );
    }
}
