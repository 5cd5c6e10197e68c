//! Generated scenarios of any size within the limits, for benchmarks, tests and trying the
//! window at scale (`tideline generate`). The values are random and mean nothing; the
//! structure is that of a real scenario: families, benefit and cost criteria on their own
//! scales (some with a value function, every one with outranking parameters), uncertainty of
//! both kinds on some cells, clusters, costs and a budget, interactions (synergies, conflicts,
//! a few exclusions and requirements that cannot contradict each other), a baseline, and
//! weight profiles (equal, by family, by criterion, with weight ranges and a vote weight).
//!
//! The same size and seed give the same scenario, and so the same file, on every machine: the
//! generator is a SplitMix64 stream, values are rounded to two decimals, and nothing depends on
//! the clock or on hashing.

use std::collections::BTreeMap;

use super::limits::too_large;
use super::scenario_file::{MAX_FILE_BYTES, to_ron};
use crate::scenario::model::*;

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Two decimals, so the file stays short and reads like hand-entered data.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The fewest options and criteria a generated scenario has: a baseline and one other
/// option, one criterion.
pub const MIN_OPTIONS: usize = 2;
pub const MIN_CRITERIA: usize = 1;

/// The scale of criterion `j`: a few kinds of unit, so normalising by scale matters.
fn scale(j: usize) -> Scale {
    let (max, unit) = match j % 3 {
        0 => (10.0, "score"),
        1 => (100.0, "%"),
        _ => (1000.0, "units"),
    };
    Scale {
        min: 0.0,
        max,
        unit: unit.to_string(),
    }
}

/// Criterion `j`'s outranking parameters: the piecewise-linear functions in turn, thresholds in
/// the scale's units. (The Gaussian function is left out: it compares every pair of options,
/// and PROMETHEE refuses it on a large scenario.)
fn outranking(j: usize, width: f64) -> Outranking {
    use PreferenceFunction as F;
    let (function, q, p) = match j % 5 {
        0 => (F::Usual, None, None),
        1 => (F::UShape, Some(0.05), None),
        2 => (F::VShape, None, Some(0.3)),
        3 => (F::Level, Some(0.05), Some(0.2)),
        _ => (F::Linear, Some(0.05), Some(0.3)),
    };
    Outranking {
        function,
        q: q.map(|t| round2(t * width)),
        p: p.map(|t| round2(t * width)),
        s: None,
    }
}

/// A concave value function over the scale, rising for a benefit and falling for a cost.
fn value_function(s: &Scale, direction: Direction) -> ValueFunction {
    let at = |t: f64| s.min + t * (s.max - s.min);
    let v = |t: f64| match direction {
        Direction::Maximize => t,
        Direction::Minimize => 1.0 - t,
    };
    ValueFunction {
        points: vec![(at(0.0), v(0.0)), (at(0.3), v(0.6)), (at(1.0), v(1.0))],
    }
}

fn criteria(n: usize, families: usize) -> Vec<Criterion> {
    (0..n)
        .map(|j| {
            let direction = if j % 4 == 3 {
                Direction::Minimize
            } else {
                Direction::Maximize
            };
            let scale = scale(j);
            let width = scale.max - scale.min;
            Criterion {
                id: format!("c{}", j + 1),
                name: format!("Criterion {}", j + 1),
                short: format!("C{}", j + 1),
                family: format!("f{}", j % families + 1),
                description: String::new(),
                direction,
                value_function: (j % 7 == 6).then(|| value_function(&scale, direction)),
                outranking: Some(outranking(j, width)),
                scale,
                provenance: None,
                i18n: BTreeMap::new(),
            }
        })
        .collect()
}

/// One cell: a value on the scale; about one cell in ten has a range and one in ten a
/// triangular spread around it, inside the scale. Values and spreads stay at least 1 % of the
/// scale above its minimum (0), so the weighted product on raw values, which needs every value
/// above 0, scores every draw too.
fn cell(rng: &mut Rng, option: &str, c: &Criterion) -> Cell {
    let (min, max) = (c.scale.min, c.scale.max);
    let floor = min + 0.01 * (max - min);
    let value = round2(floor + rng.unit() * (max - floor));
    let spread = round2((0.02 + 0.1 * rng.unit()) * (max - min));
    let low = round2(value - spread).max(floor).min(value);
    let high = round2(value + spread).min(max).max(value);
    let uncertainty = match rng.below(10) {
        0 => Some(Uncertainty::Range { low, high }),
        1 => Some(Uncertainty::Triangular {
            low,
            likely: value,
            high,
        }),
        _ => None,
    };
    let sourced = rng.chance(0.2);
    Cell {
        option: option.to_string(),
        criterion: c.id.clone(),
        value: Some(value),
        uncertainty,
        basis: if sourced {
            Basis::Sourced
        } else {
            Basis::Illustrative
        },
        rationale: String::new(),
        source: if sourced {
            "generated".to_string()
        } else {
            String::new()
        },
    }
}

/// Options with costs and interactions; option 1 is the baseline (no cost, no interaction).
/// Exclusions and requirements each take their own options, never shared, so no option both
/// requires and excludes another and no requirement runs in a circle.
fn options(rng: &mut Rng, n: usize, clusters: usize) -> Vec<PolicyOption> {
    let mut options: Vec<PolicyOption> = (0..n)
        .map(|i| PolicyOption {
            id: format!("o{}", i + 1),
            name: if i == 0 {
                "Status quo".to_string()
            } else {
                format!("Option {}", i + 1)
            },
            short: format!("O{}", i + 1),
            cluster: format!("k{}", i % clusters + 1),
            description: String::new(),
            provenance: Provenance {
                document: "tideline generate".to_string(),
                paragraph: String::new(),
            },
            tags: Vec::new(),
            principles: Vec::new(),
            cost: (i > 0).then(|| round2(1.0 + 19.0 * rng.unit())),
            interactions: Vec::new(),
            i18n: BTreeMap::new(),
        })
        .collect();
    let members = n - 1; // every option but the baseline
    if members < 2 {
        return options;
    }
    // Effects: about one option in five has a synergy or conflict with another.
    for (i, option) in options.iter_mut().enumerate().skip(1) {
        if !rng.chance(0.2) {
            continue;
        }
        // Any member but `i` itself.
        let other = 1 + (i + rng.below(members - 1)) % members;
        // Scores run 0..1, so an effect of a few hundredths; four decimals.
        let size = 0.005 + 0.025 * rng.unit();
        let signed = if rng.chance(0.6) { size } else { -size };
        let effect = (signed * 1e4).round() / 1e4;
        if effect != 0.0 {
            option.interactions.push(Interaction {
                with: format!("o{}", other + 1),
                relation: Relation::Effect,
                effect,
                note: String::new(),
            });
        }
    }
    // A few exclusions and requirements on distinct options, picked by a partial shuffle.
    let pairs = (members / 4).min(3);
    let mut pool: Vec<usize> = (1..n).collect();
    for t in 0..(4 * pairs) {
        let k = t + rng.below(pool.len() - t);
        pool.swap(t, k);
    }
    for (k, pair) in pool[..4 * pairs].chunks_exact(2).enumerate() {
        let relation = if k < pairs {
            Relation::Excludes
        } else {
            Relation::Requires
        };
        options[pair[0]].interactions.push(Interaction {
            with: format!("o{}", pair[1] + 1),
            relation,
            effect: 0.0,
            note: String::new(),
        });
    }
    options
}

/// Points from 1 to 10 for each id.
fn points<'a>(rng: &mut Rng, ids: impl Iterator<Item = &'a str>) -> WeightMap {
    WeightMap(
        ids.map(|id| (id.to_string(), (1 + rng.below(10)) as f64))
            .collect(),
    )
}

fn profile(id: &str, name: &str) -> WeightProfile {
    WeightProfile {
        id: id.to_string(),
        name: name.to_string(),
        author: String::new(),
        note: String::new(),
        provenance: None,
        elicitation: Elicitation::Direct,
        vote_weight: 1.0,
        family_weights: WeightMap::default(),
        criterion_weights: WeightMap::default(),
        weight_ranges: Vec::new(),
        i18n: BTreeMap::new(),
        elicited: Vec::new(),
        room: None,
    }
}

fn profiles(rng: &mut Rng, families: &[Family], criteria: &[Criterion]) -> Vec<WeightProfile> {
    let family_ids = || families.iter().map(|f| f.id.as_str());
    let criterion_ids = || criteria.iter().map(|c| c.id.as_str());
    let mut by_family = profile("families", "By family");
    by_family.family_weights = points(rng, family_ids());
    let mut by_criterion = profile("criteria", "By criterion");
    by_criterion.family_weights = points(rng, family_ids());
    by_criterion.criterion_weights = points(rng, criterion_ids());
    // Ranges of ±50 % on the first few criteria, and twice the vote.
    let mut ranged = profile("ranges", "With weight ranges");
    ranged.criterion_weights = points(rng, criterion_ids());
    ranged.vote_weight = 2.0;
    ranged.weight_ranges = ranged
        .criterion_weights
        .iter()
        .take(5)
        .map(|(id, w)| WeightRange {
            criterion: id.to_string(),
            low: w * 0.5,
            high: w * 1.5,
        })
        .collect();
    vec![profile("equal", "Equal"), by_family, by_criterion, ranged]
}

/// A valid scenario of `n_options` options and `n_criteria` criteria from `seed`, or why not
/// (a size below the fewest or past the limits of [`super::limits`]).
pub fn generate(n_options: usize, n_criteria: usize, seed: u64) -> Result<Scenario, String> {
    if n_options < MIN_OPTIONS || n_criteria < MIN_CRITERIA {
        return Err(format!(
            "a generated scenario needs at least {MIN_OPTIONS} options and {MIN_CRITERIA} criterion, asked for {n_options} × {n_criteria}"
        ));
    }
    if let Some(why) = too_large(n_options, n_criteria, n_options.saturating_mul(n_criteria)) {
        return Err(why);
    }
    let mut rng = Rng(seed);
    let n_families = n_criteria.div_ceil(5).clamp(1, 8);
    let families: Vec<Family> = (1..=n_families)
        .map(|f| Family {
            id: format!("f{f}"),
            name: format!("Family {f}"),
            description: String::new(),
            provenance: None,
            i18n: BTreeMap::new(),
        })
        .collect();
    let n_clusters = n_options.div_ceil(20).clamp(1, 5);
    let clusters = (1..=n_clusters)
        .map(|k| Cluster {
            id: format!("k{k}"),
            name: format!("Cluster {k}"),
            description: String::new(),
            provenance: None,
            i18n: BTreeMap::new(),
        })
        .collect();
    let criteria = criteria(n_criteria, n_families);
    let options = options(&mut rng, n_options, n_clusters);
    let mut performance = Vec::with_capacity(n_options * n_criteria);
    for o in &options {
        for c in &criteria {
            performance.push(cell(&mut rng, &o.id, c));
        }
    }
    let total_cost: f64 = options.iter().filter_map(|o| o.cost).sum();
    let profiles = profiles(&mut rng, &families, &criteria);
    Ok(Scenario {
        metadata: Metadata {
            format_version: FORMAT_VERSION,
            title: format!("Generated: {n_options} options × {n_criteria} criteria (seed {seed})"),
            description: "Made by `tideline generate`: random values with the structure of a real scenario, for benchmarks and tests; they mean nothing.".to_string(),
            source: String::new(),
            date: String::new(),
            author: "tideline generate".to_string(),
            languages: vec!["en".to_string()],
            i18n: BTreeMap::new(),
        },
        clusters,
        principles: Vec::new(),
        families,
        criteria,
        options,
        performance,
        settings: AnalysisSettings {
            active_profile: "equal".to_string(),
            monte_carlo: MonteCarlo { draws: 10_000, seed },
            budget: Some(round2(0.3 * total_cost)),
            cost_unit: "units".to_string(),
            portfolio: PortfolioSettings {
                baseline: "o1".to_string(),
                ..PortfolioSettings::default()
            },
            ..AnalysisSettings::default()
        },
        profiles,
    })
}

/// [`generate`] as the text of a scenario file, refused when it would be larger than Tideline
/// reads ([`MAX_FILE_BYTES`]).
pub fn generate_ron(n_options: usize, n_criteria: usize, seed: u64) -> Result<String, String> {
    let scenario = generate(n_options, n_criteria, seed)?;
    let text = to_ron(&scenario)?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "too large: the file would be {} bytes, over the limit of {MAX_FILE_BYTES} bytes ({} MiB) that Tideline reads; ask for fewer options or criteria",
            text.len(),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(text)
}
