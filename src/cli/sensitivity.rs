//! `tideline sensitivity`: one-way sensitivity of the ranking to a single weight, as a table or
//! JSON. With `--criterion` or `--family`, that weight's sweep; without, the stability of every
//! criterion and family and the most critical criterion. Weights are shares of 1 in JSON and
//! percentages in the table.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{Chosen, MethodArg, NormalizationArg, load_and_choose, name_width, print_or_fail};
use crate::analysis::sensitivity::{
    Interval, Sensitivity, SensitivityError, Settings, Stable, Summary, Sweep, Target,
    TargetStability,
};
use crate::files::limits::grouped;
use crate::scenario::model::{Method, Scenario};

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// Scenario file (.ron) or CSV matrix (.csv).
    pub file: PathBuf,
    /// Sweep this criterion's weight (by id).
    #[arg(long, value_name = "ID")]
    pub criterion: Option<String>,
    /// Sweep this family's share (by id); its criteria keep their proportions.
    #[arg(long, value_name = "ID")]
    pub family: Option<String>,
    /// Weight profile, by id or name (default: the scenario's active profile).
    #[arg(long)]
    pub profile: Option<String>,
    /// Scoring method (default: the scenario's).
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Normalisation (default: the scenario's if the method takes it, else the method's own).
    #[arg(long, value_enum)]
    pub normalization: Option<NormalizationArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SensitivityFormat::Table)]
    pub format: SensitivityFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SensitivityFormat {
    Table,
    Json,
}

pub fn run(args: &SensitivityArgs) -> ExitCode {
    let file = args.file.as_path();
    if args.criterion.is_some() && args.family.is_some() {
        say!(
            "{}: sweep one weight at a time: give --criterion or --family, not both",
            file.display()
        );
        return ExitCode::FAILURE;
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
        say!(
            "{}: sensitivity sweeps one method at a time; pick one with --method (wsm, wpm, topsis, promethee2, vikor)",
            file.display()
        );
        return ExitCode::FAILURE;
    };
    let fail = |message: String| {
        say!("{}: {message}", file.display());
        ExitCode::FAILURE
    };
    let sweeps = if args.criterion.is_some() || args.family.is_some() {
        1
    } else {
        scenario.criteria.len() + scenario.families.len()
    };
    if let Some(message) = too_costly(&scenario, method, sweeps) {
        return fail(message);
    }
    // A missing value is placed at its line and column, as `score` places it.
    let failed = |e: SensitivityError| {
        let cause = match &e {
            SensitivityError::Score(s) | SensitivityError::Sweep { source: s, .. } => Some(s),
            _ => None,
        };
        say!("{}", super::files::placed(file, &scenario, cause, &e));
        ExitCode::FAILURE
    };
    let analysis = match Sensitivity::new(&scenario, profile, method, normalization) {
        Ok(a) => a,
        Err(e) => return failed(e),
    };
    let settings = Settings::default();
    let target = match (&args.criterion, &args.family) {
        (Some(id), None) => Some(find(&scenario, &analysis, id, false)),
        (None, Some(id)) => Some(find(&scenario, &analysis, id, true)),
        _ => None,
    };
    let text = match target {
        Some(Err(message)) => return fail(message),
        Some(Ok(target)) => match analysis.sweep(target, &settings) {
            Ok(sweep) => match args.format {
                SensitivityFormat::Table => sweep_table(&scenario, &analysis, &sweep),
                SensitivityFormat::Json => sweep_json(&scenario, &analysis, &sweep),
            },
            Err(e) => return failed(e),
        },
        None => {
            let summary = analysis.summary(&settings);
            match args.format {
                SensitivityFormat::Table => summary_table(&scenario, &analysis, &summary),
                SensitivityFormat::Json => summary_json(&scenario, &analysis, &summary),
            }
        }
    };
    print_or_fail(&text)
}

/// Most options² × sweeps done where crossings have a closed form (the weighted sum and
/// product, PROMETHEE II): every pair of options may cross once per sweep. 2,000 options ×
/// 11 weights (4.4e7) sweep in about 1.4 s of processor time on the development machine;
/// 5,000 options (2.75e8) took 12.6 s.
const MAX_PAIR_SWEEPS: u64 = 60_000_000;

/// Most options × criteria × sweeps for the closed-form methods: 200 options × 1,000
/// criteria × 1,001 weights (2e8) took 9.9 s of processor time.
const MAX_CELL_SWEEPS: u64 = 40_000_000;

/// Most options × criteria × sweeps for TOPSIS and VIKOR, which evaluate a 1,000-point grid
/// per sweep (0.1 s for the default scenario's 10 × 12 × 17 = 2,040).
const MAX_GRID_SWEEPS: u64 = 40_000;

/// Why sweeping `sweeps` weights of `scenario` would take far past a few seconds, or `None`.
fn too_costly(scenario: &Scenario, method: Method, sweeps: usize) -> Option<String> {
    let (m, n, k) = (
        scenario.options.len() as u64,
        scenario.criteria.len() as u64,
        sweeps as u64,
    );
    let grid = matches!(method, Method::Topsis | Method::Vikor);
    // Every sweep also rescores options × criteria at each crossing it checks.
    let (cost, limit, what) = if grid {
        (
            m * n * k,
            MAX_GRID_SWEEPS,
            "options × criteria × weights swept",
        )
    } else if m * m * k > MAX_PAIR_SWEEPS {
        (m * m * k, MAX_PAIR_SWEEPS, "options² × weights swept")
    } else {
        (
            m * n * k,
            MAX_CELL_SWEEPS,
            "options × criteria × weights swept",
        )
    };
    (cost > limit).then(|| {
        format!(
            "too large to sweep with {}: {m} options, {n} criteria and {k} weights to sweep make {} ({what}), over the limit of {}; sweep one weight with --criterion or --family{}",
            method.keyword(),
            grouped(cost as usize),
            grouped(limit as usize),
            if grid {
                ", or use the weighted sum (its crossings are found directly)"
            } else {
                ""
            }
        )
    })
}

/// The criterion (or family) with id `id`, or a message naming the known ones.
fn find(scenario: &Scenario, a: &Sensitivity, id: &str, family: bool) -> Result<Target, String> {
    a.find(id, family).ok_or_else(|| {
        let (kind, known): (&str, Vec<&str>) = if family {
            (
                "family",
                scenario.families.iter().map(|f| f.id.as_str()).collect(),
            )
        } else {
            (
                "criterion",
                scenario.criteria.iter().map(|c| c.id.as_str()).collect(),
            )
        };
        format!(
            "unknown {kind} `{id}`; expected one of: {}",
            known.join(", ")
        )
    })
}

fn ids<'a>(scenario: &'a Scenario, options: &[usize]) -> Vec<&'a str> {
    options
        .iter()
        .filter_map(|&i| scenario.options.get(i).map(|o| o.id.as_str()))
        .collect()
}

fn names(scenario: &Scenario, options: &[usize]) -> String {
    let names: Vec<&str> = options
        .iter()
        .filter_map(|&i| scenario.options.get(i).map(|o| o.name.as_str()))
        .collect();
    names.join(" = ")
}

fn kind(target: Target) -> &'static str {
    match target {
        Target::Criterion(_) => "criterion",
        Target::Family(_) => "family",
    }
}

#[derive(Serialize)]
struct SweepJson<'a> {
    method: &'static str,
    normalization: &'static str,
    profile: &'a str,
    target: &'a str,
    /// `criterion` or `family`.
    target_kind: &'static str,
    current_weight: f64,
    higher_is_better: bool,
    /// Whether the reversals are closed-form roots (else located to 1e-9 by bisection).
    closed_form: bool,
    /// The option(s) ranked first now.
    top: Vec<&'a str>,
    curves: Vec<CurveJson<'a>>,
    reversals: Vec<ReversalJson<'a>>,
    top_stable: [f64; 2],
    ranking_stable: [f64; 2],
    /// The smallest change of this weight that changes the top option; null when none does.
    top_change: Option<ChangeJson<'a>>,
}

#[derive(Serialize)]
struct CurveJson<'a> {
    option: &'a str,
    points: Vec<[f64; 2]>,
}

#[derive(Serialize)]
struct ReversalJson<'a> {
    weight: f64,
    /// Ahead just below the weight, then ahead just above it.
    options: [&'a str; 2],
    top_changes: bool,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    /// In percentage points of the weight.
    change: f64,
    to_weight: f64,
    new_top: Vec<&'a str>,
}

fn change_json<'a>(scenario: &'a Scenario, s: &Stable, weight: f64) -> Option<ChangeJson<'a>> {
    s.critical_change(weight)
        .map(|(change, to_weight, new_top)| ChangeJson {
            change: 100.0 * change,
            to_weight,
            new_top: ids(scenario, new_top),
        })
}

fn pair(i: &Interval) -> [f64; 2] {
    [i.lo, i.hi]
}

fn to_json(value: &impl Serialize) -> String {
    let mut text =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

fn sweep_json(scenario: &Scenario, a: &Sensitivity, s: &Sweep) -> String {
    let option = |i: usize| scenario.options.get(i).map_or("?", |o| o.id.as_str());
    to_json(&SweepJson {
        method: a.current.method.keyword(),
        normalization: a.current.normalization.keyword(),
        profile: &a.current.profile,
        target: a.target_id(s.target),
        target_kind: kind(s.target),
        current_weight: s.current_weight,
        higher_is_better: s.higher_is_better,
        closed_form: s.closed_form,
        top: ids(scenario, &s.stable.top_now),
        curves: s
            .curves
            .iter()
            .enumerate()
            .map(|(i, c)| CurveJson {
                option: option(i),
                points: s.weights.iter().zip(c).map(|(&w, &y)| [w, y]).collect(),
            })
            .collect(),
        reversals: s
            .reversals
            .iter()
            .map(|r| ReversalJson {
                weight: r.weight,
                options: [option(r.before), option(r.after)],
                top_changes: r.top_changes,
            })
            .collect(),
        top_stable: pair(&s.stable.top),
        ranking_stable: pair(&s.stable.ranking),
        top_change: change_json(scenario, &s.stable, s.current_weight),
    })
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    method: &'static str,
    normalization: &'static str,
    profile: &'a str,
    top: Vec<&'a str>,
    criteria: Vec<TargetJson<'a>>,
    families: Vec<TargetJson<'a>>,
    /// The criterion whose weight needs the smallest change to change the top; null if none.
    most_critical: Option<CriticalJson<'a>>,
    most_critical_family: Option<CriticalJson<'a>>,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    criterion: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<&'a str>,
    weight: f64,
    /// Null when the weight cannot be swept (see `error`).
    top_stable: Option<[f64; 2]>,
    ranking_stable: Option<[f64; 2]>,
    top_change: Option<ChangeJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct CriticalJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    criterion: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<&'a str>,
    /// In percentage points.
    change: f64,
    to_weight: f64,
    new_top: Vec<&'a str>,
}

fn target_json<'a>(
    scenario: &'a Scenario,
    a: &'a Sensitivity,
    t: &TargetStability,
) -> TargetJson<'a> {
    let id = a.target_id(t.target);
    let (criterion, family) = match t.target {
        Target::Criterion(_) => (Some(id), None),
        Target::Family(_) => (None, Some(id)),
    };
    let ok = t.stable.as_ref().ok();
    TargetJson {
        criterion,
        family,
        weight: t.weight,
        top_stable: ok.map(|s| pair(&s.top)),
        ranking_stable: ok.map(|s| pair(&s.ranking)),
        top_change: ok.and_then(|s| change_json(scenario, s, t.weight)),
        error: t.stable.as_ref().err().map(ToString::to_string),
    }
}

fn summary_json(scenario: &Scenario, a: &Sensitivity, s: &Summary) -> String {
    let critical = |c: &Option<crate::analysis::sensitivity::Critical>| {
        c.as_ref().map(|c| {
            let id = a.target_id(c.target);
            let is_family = matches!(c.target, Target::Family(_));
            CriticalJson {
                criterion: (!is_family).then_some(id),
                family: is_family.then_some(id),
                change: 100.0 * c.change,
                to_weight: c.to_weight,
                new_top: ids(scenario, &c.new_top),
            }
        })
    };
    let top: Vec<usize> = (0..a.current.ranks.len())
        .filter(|&i| a.current.ranks[i] == 1)
        .collect();
    to_json(&SummaryJson {
        method: a.current.method.keyword(),
        normalization: a.current.normalization.keyword(),
        profile: &a.current.profile,
        top: ids(scenario, &top),
        criteria: s
            .criteria
            .iter()
            .map(|t| target_json(scenario, a, t))
            .collect(),
        families: s
            .families
            .iter()
            .map(|t| target_json(scenario, a, t))
            .collect(),
        most_critical: critical(&s.most_critical),
        most_critical_family: critical(&s.most_critical_family),
    })
}

fn percent(w: f64) -> String {
    format!("{:.2} %", 100.0 * w)
}

fn heading(scenario: &Scenario, a: &Sensitivity) -> String {
    let r = &a.current;
    let profile = scenario
        .profile_index(&r.profile)
        .map_or(r.profile.as_str(), |i| scenario.profiles[i].name.as_str());
    format!(
        "{}\nmethod {} ({}), normalisation {}, profile {}\n",
        scenario.metadata.title,
        r.method.keyword(),
        r.method.title(),
        r.normalization.keyword(),
        profile
    )
}

/// "+1.23 pp to 8.92 %: New top" or "no weight in 0–100 % changes it".
fn change_text(scenario: &Scenario, s: &Stable, weight: f64) -> String {
    match s.critical_change(weight) {
        Some((change, to, new_top)) => format!(
            "{}{:.2} pp, at {}: {} first",
            if to < weight { "−" } else { "+" },
            100.0 * change,
            percent(to),
            names(scenario, new_top)
        ),
        None => "no weight in 0–100 % changes it".to_string(),
    }
}

fn sweep_table(scenario: &Scenario, a: &Sensitivity, s: &Sweep) -> String {
    let mut out = heading(scenario, a);
    let st = &s.stable;
    out.push_str(&format!(
        "{} {}: weight now {}\n\n",
        kind(s.target),
        a.target_id(s.target),
        percent(s.current_weight)
    ));
    out.push_str(&format!(
        "first now:           {}\ntop option stable:   {} – {}   (nearest change: {})\nwhole ranking stable: {} – {}\n\n",
        names(scenario, &st.top_now),
        percent(st.top.lo),
        percent(st.top.hi),
        change_text(scenario, st, s.current_weight),
        percent(st.ranking.lo),
        percent(st.ranking.hi),
    ));
    let name_width = name_width(scenario);
    if s.reversals.is_empty() {
        out.push_str("no pair of options changes order over 0–100 %\n");
    } else {
        out.push_str(&format!(
            "reversals ({}):\n{:>8}  {:<4}  {:<name_width$}  ahead above\n",
            if s.closed_form {
                "closed form"
            } else {
                "located to 1e-9 by bisection"
            },
            "weight",
            "top",
            "ahead below"
        ));
        for r in &s.reversals {
            out.push_str(&format!(
                "{:>8}  {:<4}  {:<name_width$}  {}\n",
                percent(r.weight),
                if r.top_changes { "yes" } else { "" },
                names(scenario, &[r.before]),
                names(scenario, &[r.after]),
            ));
        }
    }
    // Each option's score at the ends and now.
    let now = s
        .weights
        .iter()
        .position(|&w| w == s.current_weight)
        .unwrap_or(0);
    let last = s.weights.len().saturating_sub(1);
    out.push_str(&format!(
        "\n{:<name_width$}  {:>8}  {:>8}  {:>8}\n",
        "score at", "0 %", "now", "100 %"
    ));
    for i in a.current.order() {
        let c = &s.curves[i];
        out.push_str(&format!(
            "{:<name_width$}  {:>8.4}  {:>8.4}  {:>8.4}\n",
            names(scenario, &[i]),
            c.first().copied().unwrap_or(f64::NAN),
            c.get(now).copied().unwrap_or(f64::NAN),
            c.get(last).copied().unwrap_or(f64::NAN),
        ));
    }
    out
}

fn summary_table(scenario: &Scenario, a: &Sensitivity, s: &Summary) -> String {
    let mut out = heading(scenario, a);
    let top: Vec<usize> = (0..a.current.ranks.len())
        .filter(|&i| a.current.ranks[i] == 1)
        .collect();
    out.push_str(&format!("first now: {}\n", names(scenario, &top)));
    let width = scenario
        .criteria
        .iter()
        .map(|c| c.id.chars().count())
        .chain(scenario.families.iter().map(|f| f.id.chars().count()))
        .max()
        .unwrap_or(8)
        .clamp(9, super::MAX_NAME_WIDTH);
    let rows = |out: &mut String, title: &str, list: &[TargetStability]| {
        out.push_str(&format!(
            "\n{title:<width$}  {:>8}  {:>19}  {:>19}  smallest change of the top\n",
            "weight", "top stable", "ranking stable"
        ));
        for t in list {
            let id = a.target_id(t.target);
            match &t.stable {
                Ok(st) => out.push_str(&format!(
                    "{id:<width$}  {:>8}  {:>19}  {:>19}  {}\n",
                    percent(t.weight),
                    format!("{} – {}", percent(st.top.lo), percent(st.top.hi)),
                    format!("{} – {}", percent(st.ranking.lo), percent(st.ranking.hi)),
                    change_text(scenario, st, t.weight),
                )),
                Err(e) => out.push_str(&format!(
                    "{id:<width$}  {:>8}  cannot be swept: {e}\n",
                    percent(t.weight)
                )),
            }
        }
    };
    rows(&mut out, "criterion", &s.criteria);
    rows(&mut out, "family", &s.families);
    out.push('\n');
    for (label, c) in [
        ("most critical criterion", &s.most_critical),
        ("most critical family", &s.most_critical_family),
    ] {
        match c {
            Some(c) => out.push_str(&format!(
                "{label}: {}, by {:.2} pp (to {}): {} first\n",
                a.target_id(c.target),
                100.0 * c.change,
                percent(c.to_weight),
                names(scenario, &c.new_top)
            )),
            None => out.push_str(&format!(
                "{label}: none; no change of a single weight changes the top option\n"
            )),
        }
    }
    out
}
