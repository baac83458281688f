use super::*;

#[test]
fn every_embedded_framework_parses() {
    let mut n = 0;
    for (id, text) in SOURCES {
        let all = Framework::from_toml_all(text).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(all.iter().all(|f| &f.id == id));
        n += all.len();
    }
    assert_eq!(Framework::all().len(), n);
    // probation-2018 has its NPS and CRC variants; every key is unique.
    assert_eq!(n, SOURCES.len() + 1);
    let keys: BTreeSet<String> = Framework::all().iter().map(Framework::key).collect();
    assert_eq!(keys.len(), n);
}

use std::collections::BTreeSet;

#[test]
fn youth_2018_is_the_published_framework() {
    let fw = Framework::by_id("youth-2018").unwrap();
    assert_eq!(fw.standards.len(), 12);
    assert_eq!(fw.scored_count(), 12);
    let r = fw.score_range.as_ref().unwrap();
    assert_eq!((r.min, r.max), (0, 36));
    assert_eq!(fw.standard_scale(), Some((0, 3)));
    let kq: usize = fw.standards.iter().map(|s| s.key_questions.len()).sum();
    assert_eq!(kq, 14 + 23);
    assert_eq!(fw.standard("3.4").unwrap().name, "Joint working");
    assert_eq!(fw.sample_key("2.3"), Some("court"));
    assert_eq!(fw.sample_key("1.1"), None);
    // Everything a check uses is confirmed.
    assert!(fw.standards.iter().all(|s| s.confidence.is_confirmed()));
    assert!(fw.overall_bands.as_ref().unwrap().confidence.is_confirmed());
    assert!(fw.case_bands.as_ref().unwrap().confidence.is_confirmed());
    assert!(fw.unchecked().is_empty());
}

#[test]
fn youth_2021_has_an_unscored_optional_standard() {
    let fw = Framework::by_id("youth-2021").unwrap();
    let s = fw.standard("4.1").unwrap();
    assert!(!s.scored && s.optional);
    assert_eq!(fw.scored_count(), 12);
    assert_eq!(fw.standards.len(), 13);
    assert_eq!(fw.score_range.as_ref().unwrap().max, 36);
    assert_eq!(s.kind_confidence(), Confidence::Uncertain);
    assert_eq!(
        fw.discretion.as_ref().unwrap().confidence,
        Confidence::Uncertain
    );
}

#[test]
fn probation_2018_variants_differ_in_domain_three_only() {
    let nps = Framework::by_id("probation-2018:nps").unwrap();
    let crc = Framework::by_id("probation-2018:crc").unwrap();
    assert_eq!(
        Framework::by_id("probation-2018").unwrap().key(),
        "probation-2018:nps"
    );
    assert_eq!(Framework::variants("probation-2018").len(), 2);
    for fw in [nps, crc] {
        assert_eq!(fw.standards.len(), 10);
        assert_eq!(fw.score_range.as_ref().unwrap().max, 30);
        let bands = fw.overall_bands.as_ref().unwrap();
        assert_eq!(bands.confidence, Confidence::Derived);
        // Tipping point, N = 10, k = 6: 0-5 / 6-15 / 16-25 / 26-30.
        let froms: Vec<u32> = bands.iter().map(|b| b.from).collect();
        assert_eq!(froms, [0, 6, 16, 26]);
        assert_eq!(bands.last().unwrap().to, 31);
    }
    assert_eq!(nps.standard("3.2").unwrap().name, "Victim work");
    assert_eq!(crc.standard("3.1").unwrap().name, "Unpaid work");
    assert_eq!(
        nps.standard("1.1").unwrap().name,
        crc.standard("1.1").unwrap().name
    );
}

#[test]
fn pdu_2021_scores_out_of_27_with_derived_bands() {
    let fw = Framework::by_id("probation-pdu-2021").unwrap();
    assert_eq!(fw.standards.len(), 9);
    assert_eq!(fw.scored_count(), 9);
    let r = fw.score_range.as_ref().unwrap();
    assert_eq!((r.max, r.confidence), (27, Confidence::Confirmed));
    let froms: Vec<u32> = fw
        .overall_bands
        .as_ref()
        .unwrap()
        .iter()
        .map(|b| b.from)
        .collect();
    assert_eq!(froms, [0, 5, 14, 23]);
    assert_eq!(fw.scores.as_ref().unwrap().confidence, Confidence::Derived);
}

#[test]
fn unpublished_scoring_is_absent() {
    for id in ["youth-2025", "probation-2023"] {
        let fw = Framework::by_id(id).unwrap();
        assert!(fw.scores.is_none() && fw.score_range.is_none(), "{id}");
        assert!(
            fw.overall_bands.is_none() && fw.case_bands.is_none(),
            "{id}"
        );
        assert!(fw.discretion.is_none(), "{id}");
        assert_eq!(fw.standard_scale(), None);
        assert!(!fw.standard_list.complete);
        let rules: Vec<&str> = fw.unchecked().iter().map(|u| u.rule).collect();
        for r in ["score-band", "stated-score", "band-rule", "standard-name"] {
            assert!(rules.contains(&r), "{id} {r}");
        }
    }
}

#[test]
fn detection_uses_evidence() {
    assert_eq!(
        Framework::detect("3.4 Joint working Good").unwrap().id,
        "youth-2018"
    );
    assert_eq!(
        Framework::detect("4.1 Resettlement policy and provision Good")
            .unwrap()
            .id,
        "youth-2021"
    );
    // No framework evidence: no framework (it used to default to youth-2018).
    assert!(Framework::detect("nothing").is_none());
}

#[test]
fn rejects_gapped_bands_and_bands_without_scores() {
    let text = SOURCES[0].1.replacen("from = 50", "from = 51", 1);
    assert!(Framework::from_toml(&text).is_err());
    let at = SOURCES[0].1.find("[scores]").unwrap();
    let end = SOURCES[0].1.find("[score_range]").unwrap();
    let text = format!("{}{}", &SOURCES[0].1[..at], &SOURCES[0].1[end..]);
    let e = Framework::from_toml(&text).unwrap_err();
    assert!(e.contains("need scores"), "{e}");
}

#[test]
fn every_number_has_a_confidence() {
    // A band set, range, score table or discretion block without one does not parse.
    let text = SOURCES[0]
        .1
        .replacen("confidence = \"confirmed\"   # rules notes 2.2\n", "", 1);
    assert!(Framework::from_toml(&text).is_err());
}

#[test]
fn periods_are_inclusive_months() {
    let p = Period {
        from: Some("2021-10".into()),
        to: Some("2025-04".into()),
        confidence: Confidence::Confirmed,
    };
    assert!(p.contains("2021-10") && p.contains("2025-04") && !p.contains("2021-09"));
}

/// `build.rs` writes each TOML file as the statics the binary reads: both read as the
/// same frameworks, and every file in `grammars/frameworks` is embedded.
#[test]
fn the_embedded_statics_are_the_toml() {
    assert_eq!(SOURCES.len(), EMBEDDED.len());
    for ((id, toml), (lit_id, tree)) in SOURCES.iter().zip(EMBEDDED) {
        assert_eq!(id, lit_id);
        let a = Framework::from_toml_all(toml).unwrap();
        let b = Framework::from_lit_all(tree).unwrap();
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{id}");
        assert!(!a.is_empty());
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("grammars/frameworks");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "toml").then(|| p.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    files.sort();
    let mut ids: Vec<String> = SOURCES.iter().map(|(id, _)| id.to_string()).collect();
    ids.sort();
    assert_eq!(files, ids);
}
