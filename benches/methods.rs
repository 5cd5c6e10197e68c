//! What scoring costs, method by method, on generated 10×10, 200×50 and 1,000×20 matrices.
//! Three figures each: `prepared`, the method on a prepared matrix (`scoring::Prepared`, the
//! matrix already flat and column-major: what SMAA, sensitivity and concessions pay per
//! scoring), `core`, one `scoring::score_problem` (the matrix of rows copied flat, the method,
//! and the result turned back into rows), and `scenario`, the whole `score_with` (effective
//! weights and the matrix built from the scenario's cells by id, then the method). Targets at
//! 200×50: every method on a prepared matrix under 50 µs, PROMETHEE II under 300 µs.
//!
//! `load/200x50` reads a scenario made by `tideline generate --options 200 --criteria 50`
//! (1.6 MB: read, parsed, validated), target under 50 ms.
//!
//! Run with `cargo bench --bench methods` (`-- 200x50` for one size, `-- load` for loading).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tideline::analysis::scoring::{Prepared, Problem, score_problem, score_with};
use tideline::files::generate::generate_ron;
use tideline::files::scenario_file::{load_path, parse_ron};
use tideline::scenario::model::{Method, Scenario};
use tideline::scenario::weights::effective_weights;

/// SplitMix64, so the matrices are the same on every run.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A valid scenario with `m` options and `n` criteria in 5 families: values 1..10 (positive,
/// so the raw weighted product can score), every fourth criterion a cost, and PROMETHEE
/// functions cycling through the five piecewise-linear ones.
fn generated(m: usize, n: usize) -> Scenario {
    let mut rng = Rng(2019);
    let functions = [
        "(function: Usual)",
        "(function: UShape, q: Some(0.5))",
        "(function: VShape, p: Some(3))",
        "(function: Level, q: Some(0.5), p: Some(2))",
        "(function: Linear, q: Some(0.5), p: Some(3))",
    ];
    let mut t = String::from("(metadata: (format_version: 1, title: \"generated\"),\nfamilies: [");
    for f in 0..5 {
        t.push_str(&format!("(id: \"f{f}\", name: \"Family {f}\"),"));
    }
    t.push_str("],\ncriteria: [");
    for j in 0..n {
        let dir = if j % 4 == 0 { "Minimize" } else { "Maximize" };
        t.push_str(&format!(
            "(id: \"c{j}\", name: \"Criterion {j}\", family: \"f{}\", direction: {dir}, scale: (min: 0, max: 10), outranking: Some({})),",
            j % 5,
            functions[j % functions.len()]
        ));
    }
    t.push_str("],\noptions: [");
    for i in 0..m {
        t.push_str(&format!(
            "(id: \"o{i}\", name: \"Option {i}\", provenance: (document: \"gen\")),"
        ));
    }
    t.push_str("],\nperformance: [");
    for i in 0..m {
        for j in 0..n {
            let x = 1.0 + (9.0 * rng.unit() * 100.0).round() / 100.0;
            t.push_str(&format!(
                "(option: \"o{i}\", criterion: \"c{j}\", value: {x}),"
            ));
        }
    }
    t.push_str("],\nprofiles: [(id: \"equal\", name: \"Equal\")],\n)");
    match parse_ron(t.as_bytes(), "generated.ron") {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

fn methods(c: &mut Criterion) {
    for (m, n) in [(10, 10), (200, 50), (1000, 20)] {
        let s = generated(m, n);
        let weights = effective_weights(&s, &s.profiles[0]);
        let matrix = s.matrix();
        let ids: Vec<&str> = s.options.iter().map(|o| o.id.as_str()).collect();
        let problem = Problem {
            options: &ids,
            criteria: &s.criteria,
            matrix: &matrix,
            weights: &weights,
            vikor_v: s.settings.vikor_v,
        };
        let mut group = c.benchmark_group(format!("{m}x{n}"));
        group
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        let mut prepared = Prepared::new(&problem);
        for method in Method::ALL {
            let norm = method.default_normalization();
            if let Err(e) = score_problem(&problem, method, norm) {
                panic!("{method:?}: {e}");
            }
            group.bench_function(format!("{}/prepared", method.keyword()), |b| {
                b.iter(|| {
                    prepared
                        .score(black_box(&weights), method, norm)
                        .map(|s| s.scores()[0])
                });
            });
            group.bench_function(format!("{}/core", method.keyword()), |b| {
                b.iter(|| score_problem(black_box(&problem), method, norm));
            });
            group.bench_function(format!("{}/scenario", method.keyword()), |b| {
                b.iter(|| score_with(black_box(&s), 0, method, norm));
            });
        }
        group.finish();
    }
}

/// Loading a generated 200 × 50 scenario from its file: read, parse, validate.
fn load(c: &mut Criterion) {
    let text = match generate_ron(200, 50, 2019) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    let path = std::env::temp_dir().join(format!("tideline-load-{}.ron", std::process::id()));
    if let Err(e) = std::fs::write(&path, &text) {
        panic!("{}: {e}", path.display());
    }
    let mut group = c.benchmark_group("load");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("200x50", |b| {
        b.iter(|| load_path(black_box(&path)).map(|s| s.options.len()));
    });
    group.finish();
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, methods, load);
criterion_main!(benches);
