//! `extract` on the two 2018-19 reports: every rating, key-question percentage, the overall
//! rating, the computed score and every recommendation; snapshots reviewed by eye against
//! the text (see fixtures/text and the README's review notes).

mod common;
use common::*;
use hmip::extract::document;
use hmip::Rating;

fn ratings(doc: &hmip::extract::Document) -> Vec<(String, Option<Rating>)> {
    doc.standards
        .iter()
        .map(|s| (s.id.clone(), s.stated))
        .collect()
}

#[test]
fn lancashire_values() {
    let a = run("lancashire-yot-2019.txt", &lancashire());
    let d = document(&a);
    use Rating::*;
    let want = [
        ("1.1", RequiresImprovement),
        ("1.2", Good),
        ("1.3", RequiresImprovement),
        ("1.4", RequiresImprovement),
        ("2.1", Good),
        ("2.2", RequiresImprovement),
        ("2.3", Good),
        ("2.4", RequiresImprovement),
        ("3.1", Good),
        ("3.2", Outstanding),
        ("3.3", Outstanding),
        ("3.4", Outstanding),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(i, r)| (i.to_string(), Some(*r)))
        .collect();
    assert_eq!(ratings(&d), want);
    // Every place agrees with the stated rating.
    for s in &d.standards {
        assert_eq!(s.ratings.summary, s.stated, "{}", s.id);
        assert_eq!(s.ratings.body, s.stated, "{}", s.id);
        assert_eq!(s.ratings.annex, s.stated, "{}", s.id);
    }
    let pct: Vec<(String, i64)> = d
        .standards
        .iter()
        .flat_map(|s| s.key_questions.iter())
        .filter_map(|k| Some((k.id.clone(), k.percent.as_ref()?.as_i64()?)))
        .collect();
    let want_pct = [
        ("2.1.1", 84),
        ("2.1.2", 74),
        ("2.1.3", 84),
        ("2.2.1", 72),
        ("2.2.2", 67),
        ("2.2.3", 61),
        ("2.3.1", 68),
        ("2.3.2", 72),
        ("2.3.3", 66),
        ("2.4.1", 70),
        ("2.4.2", 64),
        ("2.4.3", 67),
        ("3.1.1", 81),
        ("3.1.2", 69),
        ("3.1.3", 71),
        ("3.2.1", 84),
        ("3.2.2", 83),
        ("3.2.3", 81),
        ("3.3.1", 91),
        ("3.3.2", 91),
        ("3.3.3", 94),
        ("3.4.1", 87),
        ("3.4.2", 86),
    ];
    let want_pct: Vec<_> = want_pct.iter().map(|(i, p)| (i.to_string(), *p)).collect();
    assert_eq!(pct, want_pct);
    assert_eq!(d.overall.stated, Some(Good));
    assert_eq!(d.overall.computed, Some(Good));
    assert_eq!(d.overall.computed_score, Some(22));
    assert_eq!(d.stated_recommendation_count, Some(6));
    assert_eq!(d.recommendations.len(), 6);
    let addressees: Vec<_> = d
        .recommendations
        .iter()
        .map(|r| r.addressee.clone().unwrap_or_default())
        .collect();
    assert_eq!(addressees[..3], ["Lancashire YOT Manager"; 3]);
    assert_eq!(addressees[3..], ["The Director of Children's Services"; 3]);
    assert_eq!(
        d.service.as_deref(),
        Some("Lancashire Youth Offending Team")
    );
    assert_eq!(d.published.as_deref(), Some("2019-07"));
    assert_eq!(d.fieldwork_start.as_deref(), Some("2019-04"));
    assert_eq!(
        (d.samples.court, d.samples.out_of_court),
        (Some(50), Some(32))
    );
}

#[test]
fn leeds_values() {
    let a = run("leeds-yjs-2019.txt", &leeds());
    let d = document(&a);
    use Rating::*;
    let stated: Vec<Option<Rating>> = d.standards.iter().map(|s| s.stated).collect();
    assert_eq!(
        stated,
        [
            RequiresImprovement,
            Good,
            Good,
            Good,
            RequiresImprovement,
            RequiresImprovement,
            Good,
            RequiresImprovement,
            Inadequate,
            Inadequate,
            RequiresImprovement,
            Outstanding
        ]
        .map(Some)
    );
    let n_pct = d
        .standards
        .iter()
        .flat_map(|s| &s.key_questions)
        .filter(|k| k.percent.is_some())
        .count();
    assert_eq!(n_pct, 23);
    let kq = |id: &str| {
        d.standards
            .iter()
            .flat_map(|s| &s.key_questions)
            .find(|k| k.id == id)
            .and_then(|k| k.percent.as_ref()?.as_i64())
    };
    assert_eq!(kq("2.1.3"), Some(62));
    assert_eq!(kq("2.2.2"), Some(56));
    assert_eq!(kq("3.4.2"), Some(100));
    assert_eq!(d.overall.stated, Some(RequiresImprovement));
    assert_eq!(d.overall.computed_score, Some(16));
    assert_eq!(d.overall.computed, Some(RequiresImprovement));
    assert_eq!(d.recommendations.len(), 8);
    assert_eq!(d.stated_recommendation_count, Some(8));
    let nums: Vec<u32> = d.recommendations.iter().map(|r| r.number).collect();
    assert_eq!(nums, (1..=8).collect::<Vec<_>>());
    assert_eq!(
        d.recommendations[6].addressee.as_deref(),
        Some("The Youth Justice Management Board")
    );
    assert_eq!(
        (d.samples.court, d.samples.out_of_court),
        (Some(42), Some(28))
    );
}

#[test]
fn snapshot_lancashire() {
    let a = run("lancashire-yot-2019.txt", &lancashire());
    insta::assert_json_snapshot!(document(&a));
}

#[test]
fn snapshot_leeds() {
    let a = run("leeds-yjs-2019.txt", &leeds());
    insta::assert_json_snapshot!(document(&a));
}
