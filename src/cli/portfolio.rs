//! `tideline portfolio`: the best set of options for a budget, the efficient frontier, how often
//! each option is in the best portfolio under SMAA's draws, and each profile's choice.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::smaa::WeightsArg;
use super::{Chosen, MethodArg, NormalizationArg, load_and_choose, print_or_fail};
use crate::analysis::portfolio::{
    self, CoreRequest, CoreShare, Instance, Portfolio, ProfileChoice, by_profile, scored,
};
use crate::scenario::model::{Method, Normalization, Scenario};
use crate::scenario::validate::MAX_DRAWS;

#[derive(Debug, Args)]
pub struct PortfolioArgs {
    /// Scenario file (.ron) or CSV matrix (.csv).
    file: PathBuf,
    /// Budget, in the unit of the options' costs (default: the scenario's `budget`; none: no
    /// limit).
    #[arg(long)]
    budget: Option<f64>,
    /// Weight profile, by id or name (default: the scenario's active profile).
    #[arg(long)]
    profile: Option<String>,
    /// Scoring method: wsm or promethee2, whose scores add up (default: the scenario's).
    #[arg(long, value_enum)]
    method: Option<MethodArg>,
    /// Normalisation (default: the scenario's if the method takes it, else the method's own).
    #[arg(long, value_enum)]
    normalization: Option<NormalizationArg>,
    /// Also list the efficient frontier over every budget.
    #[arg(long)]
    frontier: bool,
    /// Also give each option's share of SMAA draws in which it is in the best portfolio.
    #[arg(long)]
    core: bool,
    /// With --core: number of draws (default: the scenario's `monte_carlo.draws`).
    #[arg(long, requires = "core")]
    draws: Option<u64>,
    /// With --core: seed of the draws (default: the scenario's `monte_carlo.seed`).
    #[arg(long, requires = "core")]
    seed: Option<u64>,
    /// With --core: what is known about the weights (as for `smaa`).
    #[arg(long, value_enum, requires = "core")]
    weights: Option<WeightsArg>,
    /// With --core: threads to use (default: every core); the result does not depend on it.
    #[arg(long, requires = "core")]
    threads: Option<NonZeroUsize>,
    /// Also give the best portfolio under each weight profile, side by side.
    #[arg(long)]
    by_profile: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PortfolioFormat::Table)]
    format: PortfolioFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PortfolioFormat {
    Table,
    Json,
}

/// Everything asked for, computed.
struct Results {
    method: Method,
    normalization: Normalization,
    profile: String,
    budget: Option<f64>,
    inst: Instance,
    best: Portfolio,
    frontier: Option<Vec<Portfolio>>,
    core: Option<Vec<CoreShare>>,
    profiles: Option<Vec<ProfileChoice>>,
}

/// Runs `tideline portfolio`.
pub fn run(args: &PortfolioArgs) -> ExitCode {
    let file = args.file.as_path();
    let fail = |message: String| {
        say!("{}: {message}", file.display());
        ExitCode::FAILURE
    };
    if let Some(d) = args.draws
        && (d == 0 || d > u64::from(MAX_DRAWS))
    {
        return fail(format!("--draws must be 1 to {MAX_DRAWS}, found {d}"));
    }
    if let Some(b) = args.budget
        && !(b.is_finite() && b >= 0.0)
    {
        return fail(format!("--budget must be a number of 0 or more, found {b}"));
    }
    let (scenario, profile, chosen) = match load_and_choose(
        file,
        args.profile.as_deref(),
        args.method,
        args.normalization.map(Into::into),
    ) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let Chosen::One(method, normalization) = chosen else {
        return fail("a portfolio is chosen by one method; pick wsm or promethee2".into());
    };
    match compute(&scenario, args, profile, method, normalization) {
        Ok(r) => print_or_fail(&match args.format {
            PortfolioFormat::Json => json(&r),
            PortfolioFormat::Table => table(&scenario, &r),
        }),
        Err(e) => fail(e.to_string()),
    }
}

fn compute(
    scenario: &Scenario,
    args: &PortfolioArgs,
    profile: usize,
    method: Method,
    normalization: Normalization,
) -> Result<Results, portfolio::PortfolioError> {
    let budget = args.budget.or(scenario.settings.budget);
    let inst = scored(scenario, profile, method, normalization, budget)?;
    let best = portfolio::best(&inst)?;
    let frontier = if args.frontier {
        Some(portfolio::frontier(&inst)?)
    } else {
        None
    };
    let core = if args.core {
        let mc = &scenario.settings.monte_carlo;
        let req = CoreRequest {
            profile,
            method,
            normalization,
            weights: args.weights.unwrap_or(WeightsArg::Exact).into(),
            draws: args
                .draws
                .map_or(mc.draws, |d| u32::try_from(d).unwrap_or(u32::MAX)),
            seed: args.seed.unwrap_or(mc.seed),
            budget,
            threads: args.threads,
        };
        Some(portfolio::core(scenario, &req)?)
    } else {
        None
    };
    let profiles = args
        .by_profile
        .then(|| by_profile(scenario, method, normalization, budget));
    Ok(Results {
        method,
        normalization,
        profile: scenario.profiles[profile].id.clone(),
        budget,
        inst,
        best,
        frontier,
        core,
        profiles,
    })
}

#[derive(Serialize)]
struct JsonPortfolio<'a> {
    options: Vec<&'a str>,
    cost: f64,
    value: f64,
}

impl<'a> JsonPortfolio<'a> {
    fn new(inst: &'a Instance, p: &Portfolio) -> Self {
        Self {
            options: p.ids(inst),
            cost: p.cost,
            value: p.value,
        }
    }
}

#[derive(Serialize)]
struct JsonCore<'a> {
    option: &'a str,
    share: f64,
    class: &'static str,
}

#[derive(Serialize)]
struct JsonProfile<'a> {
    profile: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    method: &'static str,
    normalization: &'static str,
    profile: &'a str,
    budget: Option<f64>,
    best: JsonPortfolio<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    frontier: Option<Vec<JsonPortfolio<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    core: Option<Vec<JsonCore<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    profiles: Option<Vec<JsonProfile<'a>>>,
}

fn json(r: &Results) -> String {
    let out = JsonOut {
        method: r.method.keyword(),
        normalization: r.normalization.keyword(),
        profile: &r.profile,
        budget: r.budget,
        best: JsonPortfolio::new(&r.inst, &r.best),
        frontier: r
            .frontier
            .as_ref()
            .map(|f| f.iter().map(|p| JsonPortfolio::new(&r.inst, p)).collect()),
        core: r.core.as_ref().map(|c| {
            c.iter()
                .map(|s| JsonCore {
                    option: &s.option,
                    share: s.share,
                    class: s.class.keyword(),
                })
                .collect()
        }),
        profiles: r.profiles.as_ref().map(|ps| {
            ps.iter()
                .map(|c| match &c.result {
                    Ok(p) => JsonProfile {
                        profile: &c.profile,
                        options: Some(&c.options),
                        cost: Some(p.cost),
                        value: Some(p.value),
                        error: None,
                    },
                    Err(e) => JsonProfile {
                        profile: &c.profile,
                        options: None,
                        cost: None,
                        value: None,
                        error: Some(e.to_string()),
                    },
                })
                .collect()
        }),
    };
    let mut text =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

/// A number without trailing zeros: 4, 1.5, 0.3125.
fn num(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn table(scenario: &Scenario, r: &Results) -> String {
    let unit = &scenario.settings.cost_unit;
    let with_unit = |x: f64| {
        if unit.is_empty() {
            num(x)
        } else {
            format!("{} {unit}", num(x))
        }
    };
    let profile_name = scenario
        .profile_index(&r.profile)
        .map_or(r.profile.as_str(), |i| scenario.profiles[i].name.as_str());
    let baseline = &scenario.settings.portfolio.baseline;
    let mut out = format!(
        "{}\nPortfolio: method {} ({}), normalisation {}, profile {}\nbudget {}; value = Σ score above {}{}\n\n",
        scenario.metadata.title,
        r.method.keyword(),
        r.method.title(),
        r.normalization.keyword(),
        profile_name,
        r.budget.map_or_else(|| "none".to_string(), with_unit),
        if baseline.is_empty() {
            "0"
        } else {
            "the baseline "
        },
        if baseline.is_empty() {
            String::new()
        } else {
            format!("`{baseline}`")
        } + " + interaction effects"
    );
    let name = |id: &str| -> String {
        scenario
            .option_index(id)
            .map_or_else(|| id.to_string(), |o| scenario.options[o].name.clone())
    };
    out.push_str(&format!(
        "best portfolio: {} option(s), cost {}, value {}\n",
        r.best.members.len(),
        with_unit(r.best.cost),
        num(r.best.value)
    ));
    for &i in &r.best.members {
        let item = &r.inst.items[i];
        out.push_str(&format!(
            "  {:<28} cost {:>7}  value {:>8}  {}\n",
            item.id,
            num(item.cost),
            num(item.value),
            name(&item.id)
        ));
    }
    let own: f64 = r.best.members.iter().map(|&i| r.inst.items[i].value).sum();
    if (r.best.value - own).abs() > 1e-12 {
        out.push_str(&format!(
            "  interaction effects between members: {:+}\n",
            num(r.best.value - own)
        ));
    }
    if let Some(f) = &r.frontier {
        out.push_str(&format!(
            "\nefficient frontier ({} portfolios, cheapest first; none is beaten on both value and cost)\n{:>9}  {:>8}  options\n",
            f.len(),
            "cost",
            "value"
        ));
        for p in f {
            out.push_str(&format!(
                "{:>9}  {:>8}  {}\n",
                num(p.cost),
                num(p.value),
                p.ids(&r.inst).join(", ")
            ));
        }
    }
    if let Some(c) = &r.core {
        out.push_str("\nshare of draws in which each option is in the best portfolio\n");
        let mut order: Vec<&CoreShare> = c.iter().collect();
        order.sort_by(|a, b| b.share.total_cmp(&a.share));
        for s in order {
            out.push_str(&format!(
                "  {:<28} {:>6.1} %  {}\n",
                s.option,
                100.0 * s.share,
                s.class.keyword()
            ));
        }
    }
    if let Some(ps) = &r.profiles {
        out.push_str("\nbest portfolio by profile\n");
        for c in ps {
            match &c.result {
                Ok(p) => out.push_str(&format!(
                    "  {:<20} cost {:>7}  value {:>8}  {}\n",
                    c.profile,
                    num(p.cost),
                    num(p.value),
                    c.options.join(", ")
                )),
                Err(e) => out.push_str(&format!("  {:<20} {e}\n", c.profile)),
            }
        }
    }
    out
}
