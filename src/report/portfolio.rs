//! The briefing's portfolio section, gathered once: the efficient frontier, the best portfolio
//! at the scenario's budget with the interactions at work in it, how often each option is in
//! the best portfolio under SMAA's draws (the core index), and each profile's choice. Every
//! search is bounded, so that the briefing never waits long; what cannot be computed becomes a
//! sentence, never a failed briefing.

use crate::analysis::portfolio::{
    self, CoreClass, CoreRequest, Instance, NODE_LIMIT, Portfolio, check_additive, core_within,
    setup,
};
use crate::analysis::scoring::score_with;
use crate::analysis::smaa::WeightInfo;
use crate::report::robustness::shell_word;
use crate::scenario::model::{Method, Normalization, Scenario};

/// The most draws the briefing's core index takes: enough for shares to about ±1 point.
pub const MAX_CORE_DRAWS: u32 = 2_000;

/// Draws × candidates × max(options, criteria) the core index may cost in scoring (as the
/// briefing's SMAA section bounds its own: a few tenths of a second).
const CORE_SCORING_BUDGET: u64 = 4_000_000;

/// Fewer draws than this say too little to print.
const MIN_CORE_DRAWS: u64 = 200;

/// Branch-and-bound nodes the whole core index may visit, shared out among its draws.
const CORE_NODES: u64 = NODE_LIMIT / 4;

/// Branch-and-bound nodes the frontier may visit over all its points, and those every
/// profile's choice may visit together: a quarter of a search's limit each (about half a
/// second), so that the section as a whole takes about as long as one search may.
const FRONTIER_NODES: u64 = NODE_LIMIT / 4;
const PROFILE_NODES: u64 = NODE_LIMIT / 4;

/// One portfolio, its members as option indices of the scenario (ascending).
#[derive(Clone, Debug, PartialEq)]
pub struct Chosen {
    pub members: Vec<usize>,
    pub cost: f64,
    pub value: f64,
}

/// An interaction at work in the best portfolio, options by scenario index.
#[derive(Clone, Debug, PartialEq)]
pub enum AtWork {
    /// Both are members: the effect is added to the value.
    Effect(usize, usize, f64),
    /// The first is a member and needs the second, a member too.
    Requires(usize, usize),
    /// The first is a member and keeps the second out.
    Excludes(usize, usize),
}

/// One option's share of draws in which it is in the best portfolio.
#[derive(Clone, Debug, PartialEq)]
pub struct CoreRow {
    pub option: usize,
    pub share: f64,
    pub class: CoreClass,
}

/// The core index's settings, and how to run it again.
#[derive(Clone, Debug, PartialEq)]
pub struct CoreSetup {
    pub weights: WeightInfo,
    pub draws: u32,
    pub seed: u64,
    /// The draws the scenario asks for when the briefing used fewer.
    pub capped_from: Option<u32>,
    /// `tideline portfolio FILE --core …` with every setting spelled out.
    pub command: String,
}

/// The portfolio each profile would choose, or why it has none.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfilePick {
    pub profile: String,
    pub in_use: bool,
    pub choice: Result<Chosen, String>,
}

/// What the briefing says about portfolios.
#[derive(Clone, Debug, PartialEq)]
pub struct PortfolioReport {
    pub method: Method,
    pub normalization: Normalization,
    pub budget: Option<f64>,
    pub cost_unit: String,
    /// The baseline's option index: values are scores above its score.
    pub baseline: Option<usize>,
    pub best: Chosen,
    /// Each member's option index, cost and own value (score above the baseline's).
    pub member_rows: Vec<(usize, f64, f64)>,
    /// The sum of the members' own values, without interactions.
    pub own_value: f64,
    pub at_work: Vec<AtWork>,
    /// Cheapest first; or why it is not shown.
    pub frontier: Result<Vec<Chosen>, String>,
    pub core_setup: CoreSetup,
    /// In the scenario's option order (the baseline left out); or why it was not run.
    pub core: Result<Vec<CoreRow>, String>,
    /// Each profile's choice, when the scenario has two or more profiles.
    pub profiles: Vec<ProfilePick>,
}

fn chosen(p: &Portfolio, option_of: &[usize]) -> Chosen {
    Chosen {
        members: p.members.iter().map(|&i| option_of[i]).collect(),
        cost: p.cost,
        value: p.value,
    }
}

/// The interactions that shape `best`: effects between members, and each member's
/// requirements and exclusions.
fn at_work(inst: &Instance, best: &Portfolio, option_of: &[usize]) -> Vec<AtWork> {
    let member = |i: usize| best.members.contains(&i);
    let mut out = Vec::new();
    for &(a, b, e) in &inst.effects {
        if member(a) && member(b) {
            out.push(AtWork::Effect(option_of[a], option_of[b], e));
        }
    }
    for &(a, b) in &inst.requires {
        if member(a) {
            out.push(AtWork::Requires(option_of[a], option_of[b]));
        }
    }
    for &(a, b) in &inst.excludes {
        if member(a) {
            out.push(AtWork::Excludes(option_of[a], option_of[b]));
        } else if member(b) {
            out.push(AtWork::Excludes(option_of[b], option_of[a]));
        }
    }
    out
}

/// The portfolio section for `profile`, `method` and `normalization` at the scenario's budget,
/// or the one-line reason it cannot be given (a method whose scores do not add up, an option
/// without a cost, constraints no portfolio meets, a search past its limit).
pub fn gather(
    scenario: &Scenario,
    file_name: &str,
    profile: usize,
    method: Method,
    normalization: Normalization,
) -> Result<PortfolioReport, String> {
    let budget = scenario.settings.budget;
    check_additive(method).map_err(|e| e.to_string())?;
    let set = setup(scenario, budget).map_err(|e| e.to_string())?;
    let ranking =
        score_with(scenario, profile, method, normalization).map_err(|e| e.to_string())?;
    let inst = set.with_scores(&ranking.scores);
    let best = portfolio::best(&inst).map_err(|e| e.to_string())?;
    let own_value = best.members.iter().map(|&i| inst.items[i].value).sum();
    let frontier = portfolio::frontier_within(&inst, FRONTIER_NODES)
        .map(|f| f.iter().map(|p| chosen(p, &set.option_of)).collect())
        .map_err(|e| e.to_string());

    let (core_setup, core) = core_index(scenario, file_name, profile, method, normalization);
    let profiles = if scenario.profiles.len() < 2 {
        Vec::new()
    } else {
        // One search budget shared by every profile.
        let nodes = PROFILE_NODES / scenario.profiles.len() as u64;
        (0..scenario.profiles.len())
            .map(|k| {
                let choice = score_with(scenario, k, method, normalization)
                    .map_err(|e| e.to_string())
                    .and_then(|r| {
                        let inst = set.with_scores(&r.scores);
                        portfolio::best_within(&inst, nodes)
                            .map(|p| chosen(&p, &set.option_of))
                            .map_err(|e| e.to_string())
                    });
                ProfilePick {
                    profile: scenario.profiles[k].name.clone(),
                    in_use: k == profile,
                    choice,
                }
            })
            .collect()
    };
    Ok(PortfolioReport {
        method,
        normalization,
        budget,
        cost_unit: scenario.settings.cost_unit.clone(),
        baseline: set.baseline,
        at_work: at_work(&inst, &best, &set.option_of),
        member_rows: best
            .members
            .iter()
            .map(|&i| (set.option_of[i], inst.items[i].cost, inst.items[i].value))
            .collect(),
        best: chosen(&best, &set.option_of),
        own_value,
        frontier,
        core_setup,
        core,
        profiles,
    })
}

/// The core index with a bounded number of draws (the scenario's, cut to
/// [`MAX_CORE_DRAWS`] and to the scoring budget) and a bounded search per draw.
fn core_index(
    scenario: &Scenario,
    file_name: &str,
    profile: usize,
    method: Method,
    normalization: Normalization,
) -> (CoreSetup, Result<Vec<CoreRow>, String>) {
    let chosen_profile = scenario.profiles.get(profile);
    // As the briefing's SMAA section: the profile's ranges if it has them, else its order.
    let weights = if chosen_profile.is_some_and(|p| !p.weight_ranges.is_empty()) {
        WeightInfo::Ranges
    } else {
        WeightInfo::Ordinal
    };
    let (m, n) = (scenario.options.len(), scenario.criteria.len());
    let wanted = scenario.settings.monte_carlo.draws;
    let fit = CORE_SCORING_BUDGET / ((m as u64).max(1) * (n.max(m) as u64).max(1));
    let draws = u64::from(wanted).min(u64::from(MAX_CORE_DRAWS)).min(fit);
    let draws = if draws >= 1_000 {
        draws / 1_000 * 1_000
    } else {
        draws
    } as u32;
    let seed = scenario.settings.monte_carlo.seed;
    let profile_id = chosen_profile.map_or_else(String::new, |p| p.id.clone());
    let budget = scenario
        .settings
        .budget
        .map_or_else(String::new, |b| format!(" --budget {b}"));
    let too_large = u64::from(draws) < MIN_CORE_DRAWS && wanted > draws;
    let command = format!(
        "tideline portfolio {} --core --draws {} --seed {seed} --weights {} --profile {} --method {} --normalization {}{budget}",
        shell_word(file_name),
        // Left out here, the scenario's own number is the one to run.
        if too_large { wanted } else { draws.max(1) },
        weights.keyword(),
        shell_word(&profile_id),
        method.keyword(),
        normalization.keyword(),
    );
    let setup = CoreSetup {
        weights,
        draws,
        seed,
        capped_from: (draws != wanted).then_some(wanted),
        command,
    };
    if too_large {
        let why = format!(
            "with {m} options and {n} criteria, even {MIN_CORE_DRAWS} draws would hold up the briefing; the command below gives the figures"
        );
        return (setup, Err(why));
    }
    let req = CoreRequest {
        profile,
        method,
        normalization,
        weights,
        draws,
        seed,
        budget: scenario.settings.budget,
        threads: None,
    };
    let nodes = (CORE_NODES / u64::from(draws.max(1))).max(1);
    let result = core_within(scenario, &req, nodes)
        .map(|shares| {
            shares
                .into_iter()
                .filter_map(|s| {
                    Some(CoreRow {
                        option: scenario.option_index(&s.option)?,
                        share: s.share,
                        class: s.class,
                    })
                })
                .collect()
        })
        .map_err(|e| e.to_string());
    (setup, result)
}
