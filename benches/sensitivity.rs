//! What one-way sensitivity costs on the default scenario (10 options × 12 criteria in 5
//! families), method by method: preparing, one criterion's sweep, every criterion's sweep, and
//! the summary (both stability intervals of every criterion and family, and the most critical
//! criterion). Target: the sweeps and stability intervals of every criterion under 5 ms on the
//! default scenario (weighted sum). Prints figures; run with `cargo bench --bench sensitivity`.

use std::hint::black_box;
use std::time::Instant;

use tideline::analysis::sensitivity::{Sensitivity, Settings, Target};
use tideline::files::scenario_file::default_scenario;
use tideline::scenario::model::Method;

/// Runs `f` until about 0.3 s have passed (at least 3 times) and prints the mean.
fn time<T>(label: &str, mut f: impl FnMut() -> T) {
    black_box(f());
    let start = Instant::now();
    let mut reps = 0u32;
    while reps < 3 || start.elapsed().as_secs_f64() < 0.3 {
        black_box(f());
        reps += 1;
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / f64::from(reps);
    println!("{label:<58} {per:>9.3} ms");
}

fn main() {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let profile = s.profile_index("equal").unwrap_or(0);
    let settings = Settings::default();
    println!(
        "default scenario: {} options × {} criteria in {} families; grid {} cells where needed",
        s.options.len(),
        s.criteria.len(),
        s.families.len(),
        settings.cells
    );
    for method in Method::ALL {
        let norm = method.default_normalization();
        let name = method.keyword();
        time(&format!("{name}: prepare (score + copy)"), || {
            Sensitivity::new(&s, profile, method, norm)
        });
        let a = Sensitivity::new(&s, profile, method, norm).unwrap_or_else(|e| panic!("{e}"));
        time(
            &format!("{name}: one criterion's sweep (101-point curves)"),
            || a.sweep(Target::Criterion(0), &settings),
        );
        time(&format!("{name}: every criterion's sweep"), || {
            (0..s.criteria.len())
                .map(|j| a.sweep(Target::Criterion(j), &settings))
                .collect::<Vec<_>>()
        });
        time(
            &format!("{name}: summary (every criterion and family)"),
            || a.summary(&settings),
        );
        time(
            &format!("{name}: all of it, as a view would on a change"),
            || {
                let a = Sensitivity::new(&s, profile, method, norm);
                a.map(|a| {
                    let sweeps: Vec<_> = (0..s.criteria.len())
                        .map(|j| a.sweep(Target::Criterion(j), &settings))
                        .collect();
                    (sweeps, a.summary(&settings))
                })
            },
        );
    }
}
