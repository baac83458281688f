//! Debugging aid, test-only: what the reader saw on one page of a PDF (rules, laid-out
//! items) and the lines it made of the whole document. Run with
//! `HMIP_DUMP=file.pdf HMIP_DUMP_PAGE=12 cargo test --lib pdf::dump -- --ignored --nocapture`
//! (`dump_lines` prints every line of the document with its page).

use super::*;

#[test]
#[ignore = "debugging aid: prints one page of the PDF named by HMIP_DUMP"]
fn dump_page() {
    let Some(path) = std::env::var_os("HMIP_DUMP") else {
        return;
    };
    let page: u32 = std::env::var("HMIP_DUMP_PAGE")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let bytes = std::fs::read(&path).unwrap_or_default();
    let limits = Limits::default();
    let doc = Document::load_mem(&bytes).expect("pdf loads");
    let pages = collect_pages(&doc, &limits).expect("pages");
    let p = pages.get(page as usize - 1).expect("page exists");
    let fonts = font::FontCache::default();
    let budget = Budget::new(&limits);
    let c = interp::run_page(&doc, p, page, &fonts, &budget, &limits).expect("page reads");
    for r in &c.rules {
        let hv = if r.horizontal { "H" } else { "V" };
        println!("RULE {hv} pos={:.1} {:.1}..{:.1}", r.pos, r.from, r.to);
    }
    let pl = layout::layout_page(&c);
    for it in &pl.items {
        println!(
            "ITEM row={} top={:.1} y={:.1} x0={:.1} x1={:.1} sz={:.1} b={} cols={:?} {:?}",
            it.row, it.top, it.y, it.x0, it.x1, it.size, it.bold, it.columns, it.text
        );
    }
}

#[test]
#[ignore = "debugging aid: prints the words of one page of the PDF named by HMIP_DUMP"]
fn dump_words() {
    let Some(path) = std::env::var_os("HMIP_DUMP") else {
        return;
    };
    let page: u32 = std::env::var("HMIP_DUMP_PAGE")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let bytes = std::fs::read(&path).unwrap_or_default();
    let limits = Limits::default();
    let doc = Document::load_mem(&bytes).expect("pdf loads");
    let pages = collect_pages(&doc, &limits).expect("pages");
    let p = pages.get(page as usize - 1).expect("page exists");
    let fonts = font::FontCache::default();
    let budget = Budget::new(&limits);
    let c = interp::run_page(&doc, p, page, &fonts, &budget, &limits).expect("page reads");
    println!("{}", layout::debug_words(&c));
}

#[test]
#[ignore = "debugging aid: prints the lines of the whole PDF named by HMIP_DUMP"]
fn dump_lines() {
    let Some(path) = std::env::var_os("HMIP_DUMP") else {
        return;
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let ex = extract(&bytes, &Limits::default()).expect("pdf reads");
    for l in &ex.lines {
        println!("{:>3}| {}", l.page, l.text);
    }
    for w in &ex.warnings {
        println!("WARNING {:?}: {}", w.page, w.message);
    }
}
