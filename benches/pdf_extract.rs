//! Reading a PDF alone (our extractor, then its lines joined into the text the parsers
//! see; no parsing or checking): time per document and per page.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("pdf_extract");
    g.sample_size(30);
    for name in [
        "lancashire-yot-2019.pdf",
        "lancashire-yot-2019.calibri.pdf",
        "leeds-yjs-2019.pdf",
        "leeds-yjs-2019.weasy.pdf",
        "lancashire-yot-2019.chromium.pdf",
        "lancashire-yot-2019.serif.pdf",
        "lancashire-yot-2019.latex.pdf",
        "hartlepool-yjs-2020.pdf",
        "hartlepool-yjs-2020.chromium.pdf",
    ] {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/pdf")
            .join(name);
        let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let opts = hmip::ReadOptions::default();
        let pages = hmip::read(name, &bytes, &opts)
            .ok()
            .and_then(|s| s.pages)
            .unwrap_or(1);
        // Elements = pages, so criterion reports pages per second.
        g.throughput(Throughput::Elements(u64::from(pages)));
        g.bench_function(name, |b| {
            b.iter(|| black_box(hmip::read(name, black_box(&bytes), &opts)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
