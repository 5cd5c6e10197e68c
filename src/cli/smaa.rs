//! `tideline smaa`: how sure a ranking is (SMAA-2), as a table or JSON.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;
use serde::ser::SerializeMap;

use super::{Chosen, MethodArg, NormalizationArg, load_and_choose, name_width, print_or_fail};
use crate::analysis::smaa::{self, Control, Request, Smaa, WeightInfo};
use crate::scenario::model::Scenario;
use crate::scenario::validate::MAX_DRAWS;

#[derive(Debug, Args)]
pub struct SmaaArgs {
    /// Scenario file (.ron) or CSV matrix (.csv).
    file: PathBuf,
    /// Number of draws (default: the scenario's `monte_carlo.draws`), 1 to 10,000,000.
    #[arg(long)]
    draws: Option<u64>,
    /// Seed of the random draws (default: the scenario's `monte_carlo.seed`).
    #[arg(long)]
    seed: Option<u64>,
    /// What is known about the weights: the profile's (exact), its weight ranges, their order
    /// (ordinal), nothing (none), one of the scenario's profiles a draw by vote weight
    /// (profiles), or a random blend of every profile's weights (blend).
    #[arg(long, value_enum, default_value_t = WeightsArg::Exact)]
    weights: WeightsArg,
    /// With `--weights ordinal`: criterion ids most important first, `>` between places and
    /// `=` between equals, e.g. `scope>leakage-reduction=enforceability` (default: the
    /// profile's order). Criteria left out weigh 0.
    #[arg(long, value_name = "A>B=C")]
    order: Option<String>,
    /// Weight profile, by id or name (default: the scenario's active profile).
    #[arg(long)]
    profile: Option<String>,
    /// Scoring method (default: the scenario's).
    #[arg(long, value_enum)]
    method: Option<MethodArg>,
    /// Normalisation (default: the scenario's if the method takes it, else the method's own).
    #[arg(long, value_enum)]
    normalization: Option<NormalizationArg>,
    /// Threads to use (default: every core); the result does not depend on it.
    #[arg(long)]
    threads: Option<NonZeroUsize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SmaaFormat::Table)]
    format: SmaaFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum WeightsArg {
    Exact,
    Ranges,
    Ordinal,
    None,
    Profiles,
    Blend,
}

impl From<WeightsArg> for WeightInfo {
    fn from(w: WeightsArg) -> Self {
        match w {
            WeightsArg::Exact => WeightInfo::Exact,
            WeightsArg::Ranges => WeightInfo::Ranges,
            WeightsArg::Ordinal => WeightInfo::Ordinal,
            WeightsArg::None => WeightInfo::None,
            WeightsArg::Profiles => WeightInfo::Profiles,
            WeightsArg::Blend => WeightInfo::Blend,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SmaaFormat {
    Table,
    Json,
}

/// Runs `tideline smaa`.
pub fn run(args: &SmaaArgs) -> ExitCode {
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
    if args.order.is_some() && args.weights != WeightsArg::Ordinal {
        return fail("--order needs --weights ordinal".into());
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
        return fail(
            "SMAA analyses one method at a time; pick one with --method (wsm, wpm, topsis, promethee2, vikor)".into(),
        );
    };
    let mut req = Request::from_settings(&scenario);
    req.profile = profile;
    req.method = method;
    req.normalization = normalization;
    req.weights = args.weights.into();
    req.order = args.order.as_deref().map(parse_order);
    if let Some(d) = args.draws {
        req.draws = u32::try_from(d).unwrap_or(u32::MAX);
    }
    if let Some(s) = args.seed {
        req.seed = s;
    }
    let control = Control {
        threads: args.threads,
        ..Control::default()
    };
    let result = match smaa::run(&scenario, &req, &control) {
        Ok(r) => r,
        Err(e) => {
            // A missing value is placed at its line and column, as `score` places it.
            let cause = match &e {
                smaa::SmaaError::Score(s) => Some(s),
                _ => None,
            };
            say!("{}", super::files::placed(file, &scenario, cause, &e));
            return ExitCode::FAILURE;
        }
    };
    let text = match args.format {
        SmaaFormat::Table => table(&scenario, &result),
        SmaaFormat::Json => json(&scenario, &result),
    };
    print_or_fail(&text)
}

/// `a>b=c` → `[[a], [b, c]]`, spaces trimmed; empty places are kept, for the engine to refuse.
fn parse_order(text: &str) -> Vec<Vec<String>> {
    text.split('>')
        .map(|place| {
            place
                .split('=')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(String::from)
                .collect()
        })
        .collect()
}

/// Central weights as a JSON object keyed by criterion id, in the scenario's criterion order.
struct WeightObject<'a> {
    criteria: &'a [String],
    weights: &'a [f64],
}

impl Serialize for WeightObject<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.criteria.len()))?;
        for (c, w) in self.criteria.iter().zip(self.weights) {
            map.serialize_entry(c, w)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct JsonOut<'a> {
    method: &'static str,
    normalization: &'static str,
    profile: &'a str,
    weights: &'static str,
    draws: u32,
    seed: u64,
    uncertain_cells: usize,
    options: Vec<JsonOption<'a>>,
    pairwise_winning: &'a [Vec<f64>],
}

#[derive(Serialize)]
struct JsonOption<'a> {
    option: &'a str,
    rank_acceptability: &'a [f64],
    standard_error: &'a [f64],
    central_weights: Option<WeightObject<'a>>,
    confidence: Option<f64>,
    holistic: f64,
}

/// The results as JSON, options in the scenario's order.
pub fn json(_scenario: &Scenario, r: &Smaa) -> String {
    let out = JsonOut {
        method: r.method.keyword(),
        normalization: r.normalization.keyword(),
        profile: &r.profile,
        weights: r.weights.keyword(),
        draws: r.draws,
        seed: r.seed,
        uncertain_cells: r.uncertain_cells,
        options: r
            .options
            .iter()
            .map(|o| JsonOption {
                option: &o.option,
                rank_acceptability: &o.rank_acceptability,
                standard_error: &o.standard_error,
                central_weights: o.central_weights.as_deref().map(|w| WeightObject {
                    criteria: &r.criteria,
                    weights: w,
                }),
                confidence: o.confidence,
                holistic: o.holistic,
            })
            .collect(),
        pairwise_winning: &r.pairwise_winning,
    };
    let mut text =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

/// Ranks shown in the acceptability table; JSON has them all.
const TABLE_RANKS: usize = 12;

fn percent(x: f64) -> String {
    format!("{:.1}", 100.0 * x)
}

/// The results as aligned text tables: acceptability (best holistic first), central weights,
/// and pairwise winning for up to 15 options.
pub fn table(scenario: &Scenario, r: &Smaa) -> String {
    let m = r.options.len();
    let every = format!("every one of the {}", scenario.profiles.len());
    let profile_name = if r.weights.pools_profiles() {
        every.as_str()
    } else {
        scenario
            .profile_index(&r.profile)
            .map_or(r.profile.as_str(), |i| scenario.profiles[i].name.as_str())
    };
    let mut out = format!(
        "{}\nSMAA-2: method {} ({}), normalisation {}, profile {}, weights {}\n{} draws, seed {}, {} uncertain cells\n\n",
        scenario.metadata.title,
        r.method.keyword(),
        r.method.title(),
        r.normalization.keyword(),
        profile_name,
        r.weights.keyword(),
        r.draws,
        r.seed,
        r.uncertain_cells
    );
    // Options are numbered in the file's order; the other tables refer to them as #k.
    let w = name_width(scenario) + 4;
    let label = |i: usize| format!("#{} {}", i + 1, scenario.options[i].name);
    let shown = m.min(TABLE_RANKS);
    out.push_str(
        "rank acceptability (% of draws at each rank), best holistic acceptability first\n",
    );
    out.push_str(&format!(
        "{:<w$}  {:>8}  {:>10}",
        "option", "holistic", "confidence"
    ));
    for rank in 1..=shown {
        out.push_str(&format!("  {rank:>5}"));
    }
    out.push('\n');
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| r.options[b].holistic.total_cmp(&r.options[a].holistic));
    for &i in &order {
        let o = &r.options[i];
        let confidence = o.confidence.map_or_else(|| "-".to_string(), percent);
        out.push_str(&format!(
            "{:<w$}  {:>8}  {:>10}",
            label(i),
            percent(o.holistic),
            confidence
        ));
        for b in &o.rank_acceptability[..shown] {
            out.push_str(&format!("  {:>5}", percent(*b)));
        }
        out.push('\n');
    }
    if shown < m {
        out.push_str(&format!("(ranks beyond {TABLE_RANKS}: --format json)\n"));
    }
    let max_se = r
        .options
        .iter()
        .flat_map(|o| &o.standard_error)
        .fold(0.0_f64, |a, &b| a.max(b));
    out.push_str(&format!(
        "largest Monte Carlo standard error: {} points\n",
        percent(max_se)
    ));

    let winners: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| r.options[i].central_weights.is_some())
        .collect();
    if !winners.is_empty() {
        out.push_str(
            "\ncentral weights (%: mean weights of the draws in which the option ranks first)\n",
        );
        let cw = r
            .criteria
            .iter()
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(9)
            .max(9);
        out.push_str(&format!("{:<cw$}", "criterion"));
        for &i in &winners {
            out.push_str(&format!("  {:>5}", format!("#{}", i + 1)));
        }
        out.push('\n');
        for (j, c) in r.criteria.iter().enumerate() {
            out.push_str(&format!("{c:<cw$}"));
            for &i in &winners {
                let x = r.options[i].central_weights.as_ref().map_or(0.0, |w| w[j]);
                out.push_str(&format!("  {:>5}", percent(x)));
            }
            out.push('\n');
        }
    }

    if m <= 15 {
        out.push_str("\npairwise winning (% of draws in which the row ranks above the column)\n");
        out.push_str(&format!("{:<w$}", ""));
        for k in 1..=m {
            out.push_str(&format!("  {:>5}", format!("#{k}")));
        }
        out.push('\n');
        for i in 0..m {
            out.push_str(&format!("{:<w$}", label(i)));
            for k in 0..m {
                let cell = if i == k {
                    "-".to_string()
                } else {
                    percent(r.pairwise_winning[i][k])
                };
                out.push_str(&format!("  {cell:>5}"));
            }
            out.push('\n');
        }
    }
    out
}
