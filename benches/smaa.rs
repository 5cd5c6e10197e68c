//! What SMAA-2 costs, both passes included, on every core (and on one, for comparison):
//! the default scenario (10 options × 12 criteria, 40 uncertain cells) and a generated
//! 200 × 50 scenario. Targets: 10,000 draws on the default scenario under 10 ms with the
//! weighted sum and under 100 ms with PROMETHEE II; 1,000,000 with the weighted sum under 2 s;
//! 10,000 at 200 × 50 under 1 s. Prints figures (best of a few runs); run with
//! `cargo bench --bench smaa` (add `-- 200×50 none` for only the lines naming both).

use std::num::NonZeroUsize;
use std::time::Instant;

use tideline::analysis::smaa::{self, Control, Request, WeightInfo};
use tideline::files::scenario_file::{default_scenario, parse_ron};
use tideline::scenario::model::{Method, Normalization, Scenario};

/// SplitMix64, so the generated scenario is the same on every run.
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

/// `m` options × `n` criteria in 5 families, values 1..10; every `every`-th cell uncertain
/// (a range of ±0.5 around its value, or triangular), none when `every` is 0.
fn generated(m: usize, n: usize, every: usize) -> Scenario {
    let mut rng = Rng(2019);
    let mut t = String::from("(metadata: (format_version: 1, title: \"generated\"),\nfamilies: [");
    for f in 0..5 {
        t.push_str(&format!("(id: \"f{f}\", name: \"Family {f}\"),"));
    }
    t.push_str("],\ncriteria: [");
    for j in 0..n {
        let dir = if j % 4 == 0 { "Minimize" } else { "Maximize" };
        t.push_str(&format!(
            "(id: \"c{j}\", name: \"Criterion {j}\", family: \"f{}\", direction: {dir}, scale: (min: 0, max: 11)),",
            j % 5
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
            let k = i * n + j;
            let u = if every > 0 && k.is_multiple_of(every) {
                if k.is_multiple_of(2 * every) {
                    format!(", uncertainty: Range(low: {}, high: {})", x - 0.5, x + 0.5)
                } else {
                    format!(
                        ", uncertainty: Triangular(low: {}, likely: {x}, high: {})",
                        x - 0.5,
                        x + 0.5
                    )
                }
            } else {
                String::new()
            };
            t.push_str(&format!(
                "(option: \"o{i}\", criterion: \"c{j}\", value: {x}{u}),"
            ));
        }
    }
    t.push_str("],\nprofiles: [(id: \"equal\", name: \"Equal\")],\n)");
    parse_ron(t.as_bytes(), "generated.ron").unwrap_or_else(|e| panic!("{e}"))
}

/// This process's CPU time so far (user + system, every thread), in ms, from `/proc/self/stat`
/// (in clock ticks, 10 ms on Linux); `None` elsewhere.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime and stime are 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0)
}

/// Best wall time of `reps` runs and the mean CPU time a run, in ms. On a machine shared with
/// other builds the wall time waits for a free core; the CPU time does not.
fn time(s: &Scenario, req: &Request, threads: Option<usize>, reps: u32) -> (f64, f64) {
    let control = Control {
        threads: threads.and_then(NonZeroUsize::new),
        ..Control::default()
    };
    let mut best = f64::INFINITY;
    let cpu_start = cpu_ms();
    for _ in 0..reps {
        let start = Instant::now();
        let r = smaa::run(s, req, &control).unwrap_or_else(|e| panic!("{e}"));
        std::hint::black_box(r);
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    let cpu = match (cpu_start, cpu_ms()) {
        (Some(a), Some(b)) => (b - a) / f64::from(reps),
        _ => f64::NAN,
    };
    (best, cpu)
}

fn line(label: &str, s: &Scenario, req: &Request, reps: u32, target_ms: f64) {
    // `cargo bench --bench smaa -- WORDS`: only the lines whose label holds every word.
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if !words.iter().all(|w| label.contains(w.as_str())) {
        return;
    }
    let (all, cpu) = time(s, req, None, reps);
    let (one, _) = time(s, req, Some(1), reps);
    let verdict = if all <= target_ms { "ok" } else { "OVER" };
    println!(
        "{label:<62} {all:>8.2} ms (1 thread {one:>8.2}, CPU {cpu:>8.1}) target {target_ms:>5} ms {verdict}"
    );
}

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    println!(
        "SMAA-2, both passes, on {cores} cores: best wall time of the runs; CPU time a run, all threads"
    );
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let req = |method: Method, weights: WeightInfo, draws: u32| {
        let mut r = Request::from_settings(&s);
        r.method = method;
        r.normalization = method.default_normalization();
        r.weights = weights;
        r.draws = draws;
        if weights == WeightInfo::Ranges {
            r.profile = s.profile_index("prevention-first").unwrap_or(0);
        }
        r
    };
    for weights in WeightInfo::ALL {
        line(
            &format!(
                "default 10×12, 10,000 draws, wsm, weights {}",
                weights.keyword()
            ),
            &s,
            &req(Method::Wsm, weights, 10_000),
            20,
            10.0,
        );
    }
    for weights in [WeightInfo::Exact, WeightInfo::None] {
        line(
            &format!(
                "default 10×12, 10,000 draws, promethee2, weights {}",
                weights.keyword()
            ),
            &s,
            &req(Method::Promethee2, weights, 10_000),
            5,
            100.0,
        );
    }
    for method in [Method::Wpm, Method::Topsis, Method::Vikor] {
        let mut r = req(method, WeightInfo::None, 10_000);
        if method == Method::Wpm {
            // The default scenario has zeros, which the raw product refuses.
            r.normalization = Normalization::Linear;
        }
        line(
            &format!(
                "default 10×12, 10,000 draws, {} {}, weights none",
                method.keyword(),
                r.normalization.keyword()
            ),
            &s,
            &r,
            5,
            100.0,
        );
    }
    line(
        "default 10×12, 1,000,000 draws, wsm, weights none",
        &s,
        &req(Method::Wsm, WeightInfo::None, 1_000_000),
        1,
        2000.0,
    );
    for (every, label) in [
        (0, "certain"),
        (10, "10% of cells uncertain"),
        (1, "every cell uncertain"),
    ] {
        let g = generated(200, 50, every);
        let mut r = Request::from_settings(&g);
        r.draws = 10_000;
        for weights in [WeightInfo::Exact, WeightInfo::None] {
            r.weights = weights;
            line(
                &format!(
                    "200×50 {label}, 10,000 draws, wsm, weights {}",
                    weights.keyword()
                ),
                &g,
                &r,
                1,
                1000.0,
            );
        }
    }
}
