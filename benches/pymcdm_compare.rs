//! Tideline's methods on the matrices `benches/pymcdm_compare.py` times pymcdm on: writes each
//! matrix (10×10, 200×50, 1,000×20) as CSV, times every method here, and writes the times and
//! the scores next to them for the script to compare. Run the whole comparison with
//! `benches/pymcdm_compare.sh` (it makes a throwaway virtual environment with pymcdm 1.4.0);
//! this part alone is `cargo bench --bench pymcdm_compare -- --out DIR`.
//!
//! Each time is the best, over batches of about 20 ms for 0.5 s, of the mean time a call in a
//! batch, as Python's `timeit.repeat` gives it; the script takes pymcdm's the same way.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use tideline::analysis::scoring::{Prepared, Problem, score_problem};
use tideline::scenario::model::{
    Criterion, Direction, Method, Normalization, Outranking, PreferenceFunction, Scale,
};

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

/// The configurations compared: pymcdm's name of each is in the script.
const CONFIGS: [(&str, Method, Normalization); 7] = [
    ("wsm-minmax", Method::Wsm, Normalization::MinMax),
    ("wsm-sum", Method::Wsm, Normalization::Sum),
    ("wpm-sum", Method::Wpm, Normalization::Sum),
    ("topsis-minmax", Method::Topsis, Normalization::MinMax),
    ("topsis-vector", Method::Topsis, Normalization::Vector),
    ("vikor", Method::Vikor, Normalization::None),
    ("promethee2-linear", Method::Promethee2, Normalization::None),
];

/// Indifference and preference thresholds of every criterion (PROMETHEE's linear function).
const Q: f64 = 0.5;
const P: f64 = 3.0;

/// Seconds a call takes: the best over batches of the mean call in a batch.
fn time(mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    f();
    let once = start.elapsed().max(Duration::from_nanos(50));
    let per_batch = (Duration::from_millis(20).as_secs_f64() / once.as_secs_f64()).ceil() as u32;
    let per_batch = per_batch.max(1);
    let mut best = f64::INFINITY;
    let until = Instant::now() + Duration::from_millis(500);
    while Instant::now() < until || best.is_infinite() {
        let t = Instant::now();
        for _ in 0..per_batch {
            f();
        }
        best = best.min(t.elapsed().as_secs_f64() / f64::from(per_batch));
    }
    best
}

fn criterion(j: usize) -> Criterion {
    Criterion {
        id: format!("c{j}"),
        name: format!("C{j}"),
        short: String::new(),
        family: "f".to_string(),
        description: String::new(),
        direction: if j % 4 == 3 {
            Direction::Minimize
        } else {
            Direction::Maximize
        },
        scale: Scale {
            min: 0.0,
            max: 10.0,
            unit: String::new(),
        },
        provenance: None,
        value_function: None,
        outranking: Some(Outranking {
            function: PreferenceFunction::Linear,
            q: Some(Q),
            p: Some(P),
            s: None,
        }),
        i18n: Default::default(),
    }
}

fn write(path: &Path, text: &str) {
    if let Err(e) = std::fs::write(path, text) {
        panic!("{}: {e}", path.display());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(out) = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|k| args.get(k + 1))
    else {
        println!("usage: cargo bench --bench pymcdm_compare -- --out DIR");
        return;
    };
    let out = Path::new(out);
    let mut times = String::from("size,config,prepared_s,score_problem_s\n");
    for (m, n) in [(10, 10), (200, 50), (1000, 20)] {
        let size = format!("{m}x{n}");
        let mut rng = Rng(2019);
        let criteria: Vec<Criterion> = (0..n).map(criterion).collect();
        let raw: Vec<f64> = (0..n).map(|_| 1.0 + (9.0 * rng.unit())).collect();
        let total: f64 = raw.iter().sum();
        let weights: Vec<f64> = raw.iter().map(|w| w / total).collect();
        let x: Vec<Vec<f64>> = (0..m)
            .map(|_| {
                (0..n)
                    .map(|_| 1.0 + (900.0 * rng.unit()).round() / 100.0)
                    .collect()
            })
            .collect();
        let mut csv = String::new();
        let line = |v: &mut String, xs: &mut dyn Iterator<Item = String>| {
            let items: Vec<String> = xs.collect();
            let _ = writeln!(v, "{}", items.join(","));
        };
        line(
            &mut csv,
            &mut criteria.iter().map(|c| {
                if c.direction == Direction::Maximize {
                    "1"
                } else {
                    "-1"
                }
                .to_string()
            }),
        );
        line(&mut csv, &mut weights.iter().map(|w| format!("{w:?}")));
        line(&mut csv, &mut (0..n).map(|_| format!("{Q:?}")));
        line(&mut csv, &mut (0..n).map(|_| format!("{P:?}")));
        for row in &x {
            line(&mut csv, &mut row.iter().map(|v| format!("{v:?}")));
        }
        write(&out.join(format!("{size}.csv")), &csv);

        let matrix: Vec<Vec<Option<f64>>> = x
            .iter()
            .map(|r| r.iter().map(|&v| Some(v)).collect())
            .collect();
        let ids: Vec<String> = (0..m).map(|i| format!("o{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let problem = Problem {
            options: &ids,
            criteria: &criteria,
            matrix: &matrix,
            weights: &weights,
            vikor_v: 0.5,
        };
        let mut prepared = Prepared::new(&problem);
        for (name, method, norm) in CONFIGS {
            let scores = match prepared.score(&weights, method, norm) {
                Ok(s) => s.scores().to_vec(),
                Err(e) => panic!("{name}: {e}"),
            };
            let text: String = scores.iter().map(|s| format!("{s:?}\n")).collect();
            write(&out.join(format!("scores-{size}-{name}.txt")), &text);
            let fast = time(|| {
                let _ = black_box(prepared.score(black_box(&weights), method, norm).is_ok());
            });
            let whole = time(|| {
                let _ = black_box(score_problem(black_box(&problem), method, norm).is_ok());
            });
            println!(
                "{size:>8} {name:<18} prepared {:>9.1} µs   score_problem {:>9.1} µs",
                fast * 1e6,
                whole * 1e6
            );
            let _ = writeln!(times, "{size},{name},{fast:e},{whole:e}");
        }
    }
    write(&out.join("tideline-times.csv"), &times);
}
