//! What exact portfolios cost: the best portfolio of 40 options with 100 interactions, the
//! efficient frontier of 30 options, and the default scenario's frontier. Targets (release, a
//! shared 2-core machine): under 50 ms, under 2 s and under 10 ms. Each line is the slowest of
//! several generated instances (seeds 1…5), each timed as the best of three runs; run with
//! `cargo bench --bench portfolio`.

use std::time::{Duration, Instant};

use tideline::analysis::portfolio::{Instance, Item, best, frontier, scored};
use tideline::analysis::portfolio::{NODE_LIMIT, PortfolioError};
use tideline::files::scenario_file::default_scenario;
use tideline::scenario::model::{Method, Normalization};

/// SplitMix64, so the generated instances are the same on every run.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n - 1)
    }
}

/// `n` options with values like weighted-sum scores above a baseline (0 to 0.3), non-integer
/// costs (0.5 to 10), `pairs` interactions (−0.05 to 0.08: synergies and conflicts), a few
/// exclusions and requirements, and a budget of 40 % of the total cost.
fn generated(n: usize, pairs: usize, seed: u64) -> Instance {
    let mut rng = Rng(seed);
    let items: Vec<Item> = (0..n)
        .map(|i| Item {
            id: format!("o{i}"),
            value: 0.3 * rng.unit(),
            cost: 0.5 + 9.5 * rng.unit(),
            resource: 0.0,
            cluster: None,
        })
        .collect();
    let total: f64 = items.iter().map(|i| i.cost).sum();
    let mut inst = Instance {
        items,
        budget: Some(0.4 * total),
        ..Instance::default()
    };
    let pair = |rng: &mut Rng| {
        let a = rng.below(n);
        let b = (a + 1 + rng.below(n - 1)) % n;
        (a, b)
    };
    for _ in 0..pairs {
        let (a, b) = pair(&mut rng);
        inst.effects.push((a, b, -0.05 + 0.13 * rng.unit()));
    }
    for _ in 0..3 {
        inst.excludes.push(pair(&mut rng));
        inst.requires.push(pair(&mut rng));
    }
    inst
}

/// The best of three runs of `f`.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = None;
    let mut fastest = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let r = f();
        fastest = fastest.min(t.elapsed());
        out = Some(r);
    }
    match out {
        Some(r) => (fastest, r),
        None => unreachable!(),
    }
}

fn main() {
    let mut slowest = Duration::ZERO;
    for seed in 1..=5 {
        let inst = generated(40, 100, seed);
        let (t, r) = time(|| best(&inst));
        let p = r.unwrap_or_else(|e| panic!("{e}"));
        println!(
            "best portfolio, 40 options, 100 interactions, seed {seed}: {:>8.2} ms ({} members, value {:.4})",
            t.as_secs_f64() * 1e3,
            p.members.len(),
            p.value
        );
        slowest = slowest.max(t);
    }
    println!(
        "  slowest: {:.2} ms (target 50 ms)",
        slowest.as_secs_f64() * 1e3
    );

    let mut slowest = Duration::ZERO;
    for seed in 1..=5 {
        let inst = generated(30, 60, seed);
        let (t, r) = time(|| frontier(&inst));
        let f = r.unwrap_or_else(|e| panic!("{e}"));
        println!(
            "frontier, 30 options, 60 interactions, seed {seed}: {:>8.2} ms ({} points)",
            t.as_secs_f64() * 1e3,
            f.len()
        );
        slowest = slowest.max(t);
    }
    println!(
        "  slowest: {:.2} ms (target 2,000 ms)",
        slowest.as_secs_f64() * 1e3
    );

    // Hostile: value proportional to cost, so no bound can cut; the search must stop at its
    // node limit, with an error, in bounded time.
    let mut rng = Rng(3);
    let items: Vec<Item> = (0..200)
        .map(|i| {
            let c = 1.0 + rng.unit();
            Item {
                id: format!("o{i}"),
                value: c,
                cost: c,
                resource: 0.0,
                cluster: None,
            }
        })
        .collect();
    let total: f64 = items.iter().map(|i| i.cost).sum();
    let hostile = Instance {
        items,
        budget: Some(total / 2.0 + 0.123_456),
        ..Instance::default()
    };
    let t = Instant::now();
    let r = best(&hostile);
    println!(
        "hostile, 200 options with value = cost: {:.2} s to {} ({NODE_LIMIT} nodes)",
        t.elapsed().as_secs_f64(),
        if r == Err(PortfolioError::NodeLimit) {
            "the node limit"
        } else {
            "an answer"
        }
    );

    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let (t, r) = time(|| {
        scored(
            &s,
            s.active_profile_index(),
            Method::Wsm,
            Normalization::Scale,
            s.settings.budget,
        )
        .and_then(|inst| frontier(&inst))
    });
    let f = r.unwrap_or_else(|e| panic!("{e}"));
    println!(
        "default scenario, scoring and frontier: {:.3} ms ({} points; target 10 ms)",
        t.as_secs_f64() * 1e3,
        f.len()
    );
}
