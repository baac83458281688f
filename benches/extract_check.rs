//! Extract + check of one report from text: the per-report cost of the whole pipeline
//! after reading the file (normalise, parse, rules, extract document).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn fixture(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/text")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("extract_check");
    for name in [
        "lancashire-yot-2019.txt",
        "leeds-yjs-2019.txt",
        "hartlepool-yjs-2020.txt",
    ] {
        let text = fixture(name);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                let src = hmip::Source::text(name, black_box(text.clone()));
                let a = hmip::analyse_source(src, None).unwrap_or_else(|e| panic!("{e}"));
                black_box(hmip::extract::document(&a))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
