//! The parsers are not tuned to two files: this test writes hundreds of reports in the
//! 2018-19 layout with other services, dates, samples, ratings, percentages, 5-8
//! recommendations for 2-3 addressees, and every cell shape seen in real texts (tab rows,
//! `<p>` cells, name and description merged, bullets, curly or straight quotes), then
//! checks that extraction returns exactly what was written and that no rule fires.

mod common;
use hmip::extract::document;
use hmip::{analyse, Rating, ReadOptions};

/// A small deterministic generator (no dependency needed for test data).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

const STANDARDS: [(&str, &str, &str); 12] = [
    ("1.1", "Governance and leadership", "The governance and leadership of the YOS supports and promotes the delivery of a high-quality service."),
    ("1.2", "Staff", "Staff within the YOS are empowered to deliver a high-quality service."),
    ("1.3", "Partnerships and services", "A comprehensive range of high-quality services is in place."),
    ("1.4", "Information and facilities", "Timely and relevant information is available."),
    ("2.1", "Assessment", "Assessment is well-informed, analytical and personalised."),
    ("2.2", "Planning", "Planning is well-informed, holistic and personalised."),
    ("2.3", "Implementation and delivery", "High-quality, well-focused, personalised and coordinated services are delivered."),
    ("2.4", "Reviewing", "Reviewing of progress is well-informed, analytical and personalised."),
    ("3.1", "Assessment", "Assessment is well-informed, analytical and personalised."),
    ("3.2", "Planning", "Planning is well-informed, holistic and personalised."),
    ("3.3", "Implementation and delivery", "High-quality, well-focused, personalised and coordinated services are delivered."),
    ("3.4", "Joint working", "Joint working with the police supports the delivery of high-quality services."),
];

fn band(p: u32) -> Rating {
    match p {
        0..=49 => Rating::Inadequate,
        50..=64 => Rating::RequiresImprovement,
        65..=79 => Rating::Good,
        _ => Rating::Outstanding,
    }
}

fn overall(total: u32) -> Rating {
    match total {
        0..=6 => Rating::Inadequate,
        7..=18 => Rating::RequiresImprovement,
        19..=30 => Rating::Good,
        _ => Rating::Outstanding,
    }
}

fn score(r: Rating) -> u32 {
    r.rank() as u32
}

const WORDS: [&str; 9] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const PLACES: [&str; 8] = [
    "Northshire",
    "Kingston upon Hull",
    "St Helens",
    "Bath and North East Somerset",
    "Blackburn with Darwen",
    "Isle of Wight",
    "Tower Hamlets",
    "Merthyr Tydfil",
];
const KINDS: [&str; 4] = [
    "Youth Offending Team",
    "Youth Justice Service",
    "Youth Offending Service",
    "YOT",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ADDRESSEES: [&str; 5] = [
    "The {S} Manager",
    "The Director of Children's Services",
    "The {S} Management Board",
    "The Police and Crime Commissioner",
    "The Chief Executive of the Council",
];

struct Spec {
    service: String,
    published: (u32, usize),
    fieldwork: (u32, usize),
    court: u32,
    ooc: u32,
    ratings: Vec<Rating>,
    percents: Vec<Vec<u32>>,
    recs: Vec<(String, Vec<String>)>,
    overall: Rating,
    total: u32,
}

fn spec(rng: &mut Lcg) -> Spec {
    let place = rng.pick(&PLACES).to_string();
    let service = format!("{place} {}", rng.pick(&KINDS));
    let mut ratings = Vec::new();
    let mut percents = Vec::new();
    for (i, _) in STANDARDS.iter().enumerate() {
        if i < 4 {
            ratings.push(*rng.pick(&Rating::ALL));
            percents.push(vec![]);
        } else {
            let n = if i == 11 { 2 } else { 3 };
            let ps: Vec<u32> = (0..n).map(|_| 20 + rng.below(81) as u32).collect();
            ratings.push(band(*ps.iter().min().unwrap_or(&0)));
            percents.push(ps);
        }
    }
    let total: u32 = ratings.iter().map(|r| score(*r)).sum();
    let n_recs = 5 + rng.below(4) as usize;
    let n_addr = 2 + rng.below(2) as usize;
    let mut recs = Vec::new();
    let mut k = 0;
    for (a, addressee) in ADDRESSEES.iter().enumerate().take(n_addr) {
        let who = addressee.replace("{S}", &service);
        let take = if a + 1 == n_addr {
            n_recs - k
        } else {
            1 + rng.below((n_recs - k - (n_addr - a - 1)) as u64) as usize
        };
        let items = (0..take)
            .map(|j| {
                format!(
                    "make sure that item {} is done, including the 'hard' parts, for all children",
                    k + j + 1
                )
            })
            .collect();
        k += take;
        recs.push((who, items));
    }
    Spec {
        service,
        published: (2018 + rng.below(3) as u32, rng.below(12) as usize),
        fieldwork: (2018 + rng.below(3) as u32, rng.below(12) as usize),
        court: 10 + rng.below(60) as u32,
        ooc: 5 + rng.below(40) as u32,
        ratings,
        percents,
        recs,
        overall: overall(total),
        total,
    }
}

fn write(spec: &Spec, rng: &mut Lcg) -> String {
    let q = |s: &str, rng: &mut Lcg| {
        if rng.below(2) == 0 {
            format!("'{s}'")
        } else {
            format!("\u{2018}{s}\u{2019}")
        }
    };
    let mut t = String::new();
    let (py, pm) = spec.published;
    t += &format!("An inspection of youth offending services in\n\n{}\n\nHM Inspectorate of Probation\n\n{} {py}\n\n", spec.service, MONTHS[pm].to_uppercase());
    t += "Contents\n\nForeword\t4\nRecommendations\t8\n";
    for (id, name, _) in STANDARDS {
        t += &format!("{id} {name}\t{}\n", 10 + rng.below(20));
    }
    t +=
        "Annex 1 \u{2013} Methodology\t29\nAnnex 2 \u{2013} Inspection results\t30\n\nForeword\n\n";
    t += &format!(
        "We have given {} an overall rating of {}.\n\n",
        spec.service,
        q(spec.overall.as_str(), rng)
    );
    t += &format!(
        "Service: {}\n\nFieldwork started: {} {}\n\nOverall rating\n\n{}\n\n",
        spec.service, MONTHS[spec.fieldwork.1], spec.fieldwork.0, spec.overall
    );
    for (i, (id, name, _)) in STANDARDS.iter().enumerate() {
        if i % 4 == 0 {
            t += &format!(
                "\n{}. {}\n\n",
                i / 4 + 1,
                [
                    "Organisational delivery",
                    "Court disposals",
                    "Out-of-court disposals"
                ][i / 4]
            );
        }
        t += &format!("{id}\t{name}\t{}\t\n", spec.ratings[i]);
    }
    let n: usize = spec.recs.iter().map(|(_, r)| r.len()).sum();
    t += &format!("\nRecommendations\n\nAs a result of our inspection findings, we have made {} recommendations that we believe will help.\n\n", WORDS[n - 1]);
    let mut k = 0;
    for (who, items) in &spec.recs {
        t += &format!("{who} should:\n\n");
        for it in items {
            k += 1;
            t += &format!("{k}. {it}\n");
        }
        t += "\n";
    }
    t += "Introduction\n\nYOTs supervise 10\u{2013}18-year-olds.\n\n";
    for (i, (id, name, _)) in STANDARDS.iter().enumerate() {
        if i == 4 {
            t += &format!("2. Court disposals\n\nIn this inspection, we looked at a sample of {} of these cases.\n\n", spec.court);
        }
        if i == 8 {
            t += &format!("3. Out-of-court disposals\n\nIn our inspection, we looked at a sample of {} such cases.\n\n", spec.ooc);
        }
        t += &format!("{id} {name}\t{}\nSome findings about this standard, with {} of cases and a 'quote'.\n\n", spec.ratings[i], 10 + rng.below(80));
    }
    t += &format!("Annex 1 \u{2013} Methodology\n\nWe examined {} post-court cases. The sample size was set.\n\nWe examined {} out-of-court disposals.\n\n", spec.court, spec.ooc);
    t += &format!("Annex 2 \u{2013} Inspection results\n\nIn this inspection, we conducted a detailed examination of a sample of {} post court cases and {} out-of-court disposals.\n\n", spec.court, spec.ooc);
    t += "Lowest banding (key question level)\tRating (standard)\nMinority: <50%\tInadequate\nToo few: 50-64%\tRequires improvement\nReasonable majority: 65-79%\tGood\nLarge majority: 80%+\tOutstanding \u{2606}\n\n";
    t += "Each of the 12 standards are scored on a 0\u{2013}3 scale. Adding these scores produces a total score ranging from 0-36, as follows:\n\n- 0-6 = 'Inadequate'\n- 7-18 = 'Requires improvement'\n- 19-30 = 'Good'\n- 31-36 = 'Outstanding'.\n\n";
    for (i, (id, name, desc)) in STANDARDS.iter().enumerate() {
        let r = spec.ratings[i];
        if i % 4 == 0 {
            t += &format!(
                "{}. Domain\n\nStandards and key questions\tRating and % yes\n",
                i / 4 + 1
            );
        }
        match rng.below(4) {
            0 => t += &format!("<p>{id}. {name}</p> <p>{desc}</p>\t<p>{r}</p>\n"),
            1 => t += &format!("{id}. {name} {desc}\t{r}\n"),
            2 => t += &format!("{id}. {name}\t{r}\n{desc}\t\n"),
            _ => t += &format!("{id}. {name}\n\n{r}\n\n{desc}\n\n"),
        }
        for (j, p) in spec.percents[i].iter().enumerate() {
            let kq = format!("{id}.{}. Does the work focus sufficiently on the child\u{2019}s desistance and safety?", j + 1);
            if rng.below(2) == 0 {
                t += &format!("<p>{kq}</p>\t<p>{p}%</p>\n");
            } else {
                t += &format!("{kq}\t{p}%\n");
            }
        }
    }
    t += "\nAnnex 3 \u{2013} Glossary\n\nYOT\tYouth Offending Team.\n";
    t
}

/// Writes `cases` reports, passes each through `shape`, and checks that extraction gives
/// exactly what was written and that no rule fires.
fn check_generated(seed: u64, cases: usize, shape: &dyn Fn(&str) -> String) {
    let mut rng = Lcg(seed);
    for case in 0..cases {
        let s = spec(&mut rng);
        let text = shape(&write(&s, &mut rng));
        let a = analyse("gen.txt", text.as_bytes(), &ReadOptions::default(), None)
            .unwrap_or_else(|e| panic!("case {case}: {e}"));
        let d = document(&a);
        let ctx = || format!("case {case}:\n{text}");
        assert_eq!(d.service.as_deref(), Some(s.service.as_str()), "{}", ctx());
        assert_eq!(
            d.published,
            Some(format!("{}-{:02}", s.published.0, s.published.1 + 1)),
            "{}",
            ctx()
        );
        assert_eq!(
            d.fieldwork_start,
            Some(format!("{}-{:02}", s.fieldwork.0, s.fieldwork.1 + 1)),
            "{}",
            ctx()
        );
        assert_eq!(d.overall.stated, Some(s.overall), "{}", ctx());
        assert_eq!(d.overall.computed_score, Some(s.total), "{}", ctx());
        assert_eq!(
            (d.samples.court, d.samples.out_of_court),
            (Some(s.court), Some(s.ooc))
        );
        for (i, st) in d.standards.iter().enumerate() {
            assert_eq!(st.stated, Some(s.ratings[i]), "{} {}", st.id, ctx());
            assert_eq!(
                st.ratings.summary,
                Some(s.ratings[i]),
                "{} {}",
                st.id,
                ctx()
            );
            assert_eq!(st.ratings.body, Some(s.ratings[i]), "{} {}", st.id, ctx());
            let got: Vec<u32> = st
                .key_questions
                .iter()
                .filter_map(|k| k.percent.as_ref()?.as_u64())
                .map(|p| p as u32)
                .collect();
            assert_eq!(got, s.percents[i], "{} {}", st.id, ctx());
        }
        let recs: Vec<(String, String)> = d
            .recommendations
            .iter()
            .map(|r| (r.addressee.clone().unwrap_or_default(), r.text.clone()))
            .collect();
        let want: Vec<(String, String)> = s
            .recs
            .iter()
            .flat_map(|(w, items)| {
                let who = w.strip_suffix(" should:").unwrap_or(w).to_string();
                items.iter().map(move |i| (who.clone(), i.clone()))
            })
            .collect();
        assert_eq!(recs, want, "{}", ctx());
        assert_eq!(d.stated_recommendation_count, Some(want.len() as u32));
        assert!(
            a.findings.is_empty(),
            "case {case}: {:#?}\n{text}",
            a.findings
        );
    }
}

#[test]
fn generated_reports_extract_exactly_and_check_clean() {
    check_generated(20_190_701, 300, &|t| t.to_string());
}

/// The cells of a tab row: `<p>` fragments joined, cells trimmed.
fn cells(line: &str) -> Vec<String> {
    line.split('\t')
        .map(|c| {
            c.replace("</p> <p>", " ")
                .replace("<p>", "")
                .replace("</p>", "")
                .trim()
                .to_string()
        })
        .collect()
}

/// Applies `f` to every run of consecutive tab rows (a table), leaving the rest.
fn tables(text: &str, f: &dyn Fn(&[Vec<String>]) -> String) -> String {
    let mut out = String::new();
    let mut run: Vec<Vec<String>> = Vec::new();
    let flush = |run: &mut Vec<Vec<String>>, out: &mut String| {
        if !run.is_empty() {
            out.push_str(&f(run));
            run.clear();
        }
    };
    for line in text.lines() {
        if line.contains('\t') {
            run.push(cells(line));
        } else {
            flush(&mut run, &mut out);
            out.push_str(line);
            out.push('\n');
        }
    }
    flush(&mut run, &mut out);
    out
}

/// pypdf, pdfplumber, PyMuPDF: every cell on a line of its own.
fn one_cell_per_line(text: &str) -> String {
    tables(text, &|rows| {
        rows.iter()
            .flat_map(|r| r.iter().filter(|c| !c.is_empty()))
            .map(|c| format!("{c}\n"))
            .collect()
    })
}

/// pdftotext's reading order, pdfminer: a table column by column.
fn column_blocks(text: &str) -> String {
    tables(text, &|rows| {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut out = String::new();
        for col in 0..width {
            for r in rows {
                if let Some(c) = r.get(col).filter(|c| !c.is_empty()) {
                    out += &format!("{c}\n");
                }
            }
            out.push('\n');
        }
        out
    })
}

/// pymupdf4llm, markitdown, pandoc -t gfm: Markdown pipe tables, a rule after the first row.
fn pipe_tables(text: &str) -> String {
    tables(text, &|rows| {
        let width = rows.iter().map(Vec::len).max().unwrap_or(1);
        let mut out = String::from("\n");
        for (i, r) in rows.iter().enumerate() {
            let mut cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
            cells.resize(width, String::new());
            out += &format!("| {} |\n", cells.join(" | "));
            if i == 0 {
                out += &format!("|{}\n", "---|".repeat(width));
            }
        }
        out + "\n"
    })
}

/// A narrow rating column: "Requires" and "improvement" on lines of their own, or
/// hyphenated at the line end.
fn split_ratings(text: &str) -> String {
    let mut n = 0;
    tables(text, &|rows| {
        rows.iter()
            .map(|r| {
                r.iter()
                    .filter(|c| !c.is_empty())
                    .map(|c| c.replace("Requires improvement", "Requires\nimprovement"))
                    .collect::<Vec<_>>()
                    .join("\t")
                    + "\n"
            })
            .collect()
    })
    .lines()
    .map(|l| {
        n += 1;
        if n % 2 == 0 && l == "Requires improvement" {
            "Requires im-\nprovement\n".to_string()
        } else {
            format!("{l}\n")
        }
    })
    .collect()
}

/// pandoc -t plain at 72 columns: the percentage on the line after its wrapped question.
fn wrapped_questions(text: &str) -> String {
    tables(text, &|rows| {
        rows.iter()
            .map(|r| match r.as_slice() {
                [q, p] if p.ends_with('%') && q.len() > 40 => {
                    let cut = q[..40].rfind(' ').unwrap_or(40);
                    format!("{}\n{}\n{p}\n", &q[..cut], q[cut..].trim_start())
                }
                _ => r.join("\t") + "\n",
            })
            .collect()
    })
}

#[test]
fn generated_reports_in_one_cell_per_line() {
    check_generated(1, 60, &one_cell_per_line);
}

#[test]
fn generated_reports_in_column_blocks() {
    check_generated(2, 60, &column_blocks);
}

#[test]
fn generated_reports_as_pipe_tables() {
    check_generated(3, 60, &pipe_tables);
}

#[test]
fn generated_reports_with_split_ratings() {
    check_generated(4, 60, &split_ratings);
}

#[test]
fn generated_reports_with_wrapped_questions() {
    check_generated(5, 60, &wrapped_questions);
}
