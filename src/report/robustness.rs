//! "How sure is this ranking?" for a briefing: each criterion's top-stable weight interval and
//! the most critical criterion (one-way sensitivity), and SMAA-2 rank acceptability under the
//! scenario's Monte Carlo settings, with what it takes to reproduce them.

use crate::analysis::sensitivity::{Sensitivity, Settings, Target};
use crate::analysis::smaa::{self, Control, Smaa, WeightInfo};
use crate::scenario::model::{Method, Normalization, Scenario};

/// Past this many options the briefing leaves SMAA out: the chart and table would not fit a
/// page, and a run would hold up the export.
pub const MAX_SMAA_OPTIONS: usize = 200;

/// Draws × options × max(options, criteria) a briefing spends on SMAA at most (a few tenths
/// of a second on two cores): the weighted sum rescores a draw as one matrix-vector product;
/// the other methods recompute each uncertain column (PROMETHEE II's flows compare every pair
/// of options), so they get a tenth. More draws are cut to fit; below [`MIN_DRAWS`], SMAA is
/// left out.
fn smaa_budget(method: Method) -> u64 {
    match method {
        Method::Wsm => 40_000_000,
        _ => 4_000_000,
    }
}

/// Fewer draws than this say too little to print (a standard error of up to 1.6 points).
const MIN_DRAWS: u64 = 1_000;

/// One criterion's top-stable interval.
#[derive(Clone, Debug, PartialEq)]
pub struct CriterionStability {
    /// Index into the scenario's criteria (and [`super::Briefing::criteria`]).
    pub criterion: usize,
    /// Its effective weight now, 0..=1.
    pub weight: f64,
    /// `(lo, hi)`, shares of 1: the weights over which the top option stays the same; or why
    /// the criterion cannot be swept.
    pub top_stable: Result<(f64, f64), String>,
    /// The smallest change (share of 1) that changes the top option and the option(s) first
    /// past it; `None` when no weight of this criterion changes it.
    pub change: Option<(f64, Vec<usize>)>,
}

/// The most critical criterion: the smallest single weight change that changes the top option.
#[derive(Clone, Debug, PartialEq)]
pub struct MostCritical {
    pub criterion: usize,
    /// Shares of 1: the change, the weight now and the weight it leads to.
    pub change: f64,
    pub from: f64,
    pub to: f64,
    /// The option(s) first past `to`.
    pub new_top: Vec<usize>,
}

/// What SMAA ran with, and how to run it again.
#[derive(Clone, Debug, PartialEq)]
pub struct SmaaSetup {
    pub method: Method,
    pub normalization: Normalization,
    pub profile_id: String,
    pub weights: WeightInfo,
    pub draws: u32,
    pub seed: u64,
    /// The draws the scenario asks for when the briefing used fewer.
    pub capped_from: Option<u32>,
    /// `tideline smaa FILE …` with every setting spelled out.
    pub command: String,
}

/// The briefing's robustness section, gathered once.
#[derive(Clone, Debug, PartialEq)]
pub struct Robustness {
    /// The option(s) ranked first now.
    pub top_now: Vec<usize>,
    /// Every criterion, in the scenario's order; or why no sweep could be made.
    pub stability: Result<Vec<CriterionStability>, String>,
    pub most_critical: Option<MostCritical>,
    pub setup: SmaaSetup,
    /// The run's results, or why it was not made (too large, refused by the engine).
    pub smaa: Result<Smaa, String>,
}

impl Robustness {
    /// The criteria as the tornado and its table list them: narrowest top-stable interval
    /// first (the weight to watch), the scenario's order on a tie, those that cannot be swept
    /// last. Empty when no sweep could be made.
    pub fn tornado_order(&self) -> Vec<&CriterionStability> {
        let Ok(rows) = &self.stability else {
            return Vec::new();
        };
        let width = |r: &CriterionStability| match r.top_stable {
            Ok((lo, hi)) => hi - lo,
            Err(_) => f64::INFINITY,
        };
        let mut order: Vec<&CriterionStability> = rows.iter().collect();
        order.sort_by(|a, b| width(a).total_cmp(&width(b)));
        order
    }
}

/// Options by holistic acceptability, highest first (the file's order on a tie), as SMAA's
/// table and chart list them.
pub fn acceptability_order(s: &Smaa) -> Vec<usize> {
    let mut order: Vec<usize> = (0..s.options.len()).collect();
    order.sort_by(|&a, &b| s.options[b].holistic.total_cmp(&s.options[a].holistic));
    order
}

/// Sweeps every criterion and runs SMAA with the scenario's draws and seed, for the profile,
/// method and normalisation of the briefing. `file_name` goes into the reproduction command.
pub fn gather(
    scenario: &Scenario,
    file_name: &str,
    profile: usize,
    method: Method,
    normalization: Normalization,
) -> Robustness {
    let (m, n) = (scenario.options.len(), scenario.criteria.len());
    let (top_now, stability, most_critical) = match too_large_to_sweep(m, n, method) {
        Some(why) => (Vec::new(), Err(why), None),
        None => match Sensitivity::new(scenario, profile, method, normalization) {
            Ok(s) => {
                let summary = s.summary(&Settings::default());
                let top_now = s
                    .current
                    .order()
                    .into_iter()
                    .filter(|&i| s.current.ranks[i] == 1);
                let rows = summary
                    .criteria
                    .iter()
                    .map(|t| {
                        let Target::Criterion(j) = t.target else {
                            return None;
                        };
                        Some(match &t.stable {
                            Ok(st) => CriterionStability {
                                criterion: j,
                                weight: t.weight,
                                top_stable: Ok((st.top.lo, st.top.hi)),
                                change: st
                                    .critical_change(t.weight)
                                    .map(|(c, _, top)| (c, top.to_vec())),
                            },
                            Err(e) => CriterionStability {
                                criterion: j,
                                weight: t.weight,
                                top_stable: Err(e.to_string()),
                                change: None,
                            },
                        })
                    })
                    .collect::<Option<Vec<_>>>()
                    .unwrap_or_default();
                let critical = summary.most_critical.and_then(|c| match c.target {
                    Target::Criterion(j) => Some(MostCritical {
                        criterion: j,
                        change: c.change,
                        from: s.current_weight(c.target),
                        to: c.to_weight,
                        new_top: c.new_top,
                    }),
                    Target::Family(_) => None,
                });
                (top_now.collect(), Ok(rows), critical)
            }
            Err(e) => (Vec::new(), Err(e.to_string()), None),
        },
    };

    let chosen = scenario.profiles.get(profile);
    let weights = if chosen.is_some_and(|p| !p.weight_ranges.is_empty()) {
        WeightInfo::Ranges
    } else {
        WeightInfo::Ordinal
    };
    let wanted = scenario.settings.monte_carlo.draws;
    let size = (m as u64).max(1) * (n.max(m) as u64).max(1);
    let fit = smaa_budget(method) / size;
    let draws = if u64::from(wanted) > fit && fit >= MIN_DRAWS {
        // Down to a round number, so the figures read as chosen.
        (fit / 1_000 * 1_000) as u32
    } else {
        wanted
    };
    let req = smaa::Request {
        profile,
        method,
        normalization,
        weights,
        order: None,
        draws,
        seed: scenario.settings.monte_carlo.seed,
    };
    let profile_id = chosen.map_or_else(String::new, |p| p.id.clone());
    let command = format!(
        "tideline smaa {} --draws {} --seed {} --weights {} --profile {} --method {} --normalization {}",
        shell_word(file_name),
        req.draws,
        req.seed,
        weights.keyword(),
        shell_word(&profile_id),
        method.keyword(),
        normalization.keyword()
    );
    let smaa = if m > MAX_SMAA_OPTIONS {
        Err(format!(
            "the scenario has {m} options, more than the {MAX_SMAA_OPTIONS} a briefing analyses; run the command below for the figures."
        ))
    } else if fit < MIN_DRAWS && u64::from(wanted) > fit {
        Err(format!(
            "with {m} options and {n} criteria, even {MIN_DRAWS} draws would hold up the briefing; run the command below for the figures."
        ))
    } else {
        smaa::run(scenario, &req, &Control::default()).map_err(|e| e.to_string())
    };
    Robustness {
        top_now,
        stability,
        most_critical,
        setup: SmaaSetup {
            method,
            normalization,
            profile_id,
            weights,
            draws: req.draws,
            seed: req.seed,
            capped_from: (draws != wanted).then_some(wanted),
            command,
        },
        smaa,
    }
}

/// Why the briefing leaves the weight sweeps out, if it does: every criterion's sweep costs
/// about options² × criteria where crossings have a closed form (the weighted sum, PROMETHEE
/// II, the weighted product: 0.3 ms on the default 10 × 12, seconds at 200 × 50), and options ×
/// criteria × a 1,000-point grid for TOPSIS and VIKOR (0.1 s on the default).
fn too_large_to_sweep(m: usize, n: usize, method: Method) -> Option<String> {
    let grid = matches!(method, Method::Topsis | Method::Vikor);
    let too_large = if grid {
        m * n > 600
    } else {
        m * m * n > 250_000
    };
    too_large.then(|| {
        format!(
            "with {m} options and {n} criteria, sweeping every weight would hold up the briefing; “tideline sensitivity” gives the intervals"
        )
    })
}

/// `s` as one word of a POSIX shell command: bare when it is plainly safe, else single-quoted.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-/+:,=@".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("unep-aheg-2018.ron"), "unep-aheg-2018.ron");
        assert_eq!(shell_word("my file.ron"), "'my file.ron'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("$(rm -rf)"), "'$(rm -rf)'");
    }
}
