//! `tideline perspectives`: every weight profile's ranking side by side, how alike they are,
//! the common ground and each profile's concession, as a table or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;
use serde::ser::SerializeMap;

use super::{Chosen, MethodArg, NormalizationArg, load_and_choose, name_width, print_or_fail};
use crate::analysis::perspectives::{
    Concession, DEFAULT_TOP_K, Perspectives, concessions, perspectives,
};
use crate::scenario::model::Scenario;

#[derive(Debug, Args)]
pub struct PerspectivesArgs {
    /// Scenario file (.ron) or CSV matrix (.csv).
    file: PathBuf,
    /// Scoring method (default: the scenario's). Concessions are exact for the weighted sum
    /// and estimated by a bounded search for the others.
    #[arg(long, value_enum)]
    method: Option<MethodArg>,
    /// Normalisation (default: the scenario's if the method takes it, else the method's own).
    #[arg(long, value_enum)]
    normalization: Option<NormalizationArg>,
    /// The common ground is the options ranked K or better by every profile (options tied at
    /// place K are in).
    #[arg(long, value_name = "K", default_value_t = DEFAULT_TOP_K)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PerspectivesFormat::Table)]
    format: PerspectivesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PerspectivesFormat {
    Table,
    Json,
}

/// Runs `tideline perspectives`.
pub fn run(args: &PerspectivesArgs) -> ExitCode {
    let file = args.file.as_path();
    let fail = |message: String| {
        say!("{}: {message}", file.display());
        ExitCode::FAILURE
    };
    let (scenario, _, chosen) =
        match load_and_choose(file, None, args.method, args.normalization.map(Into::into)) {
            Ok(x) => x,
            Err(code) => return code,
        };
    let Chosen::One(method, normalization) = chosen else {
        return fail(
            "perspectives compare profiles under one method; pick one with --method (wsm, wpm, topsis, promethee2, vikor)".into(),
        );
    };
    let result = perspectives(&scenario, method, normalization, args.top)
        .and_then(|p| concessions(&scenario, method, normalization).map(|c| (p, c)));
    let (p, c) = match result {
        Ok(x) => x,
        Err(e) => return fail(e.to_string()),
    };
    let text = match args.format {
        PerspectivesFormat::Table => table(&scenario, &p, &c),
        PerspectivesFormat::Json => json(&scenario, &p, &c),
    };
    print_or_fail(&text)
}

/// A JSON object whose keys keep the given order.
struct Ordered<'a, T: Serialize>(Vec<(&'a str, T)>);

impl<T: Serialize> Serialize for Ordered<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct JsonOut<'a> {
    method: &'static str,
    normalization: &'static str,
    top_k: usize,
    profiles: &'a [String],
    vote_weights: Vec<f64>,
    options: &'a [String],
    ranks: Ordered<'a, &'a [usize]>,
    scores: Ordered<'a, &'a [f64]>,
    weights: Ordered<'a, Ordered<'a, f64>>,
    kendall_tau: &'a [Vec<Option<f64>>],
    order: Vec<&'a str>,
    common_ground: Vec<&'a str>,
    concessions: Vec<JsonConcession<'a>>,
}

#[derive(Serialize)]
struct JsonConcession<'a> {
    profile: &'a str,
    top: &'a str,
    rival: Option<&'a str>,
    change_pp: Option<f64>,
    exact: bool,
    complete: bool,
    weights: Option<Ordered<'a, f64>>,
}

fn weight_object<'a>(scenario: &'a Scenario, w: &[f64]) -> Ordered<'a, f64> {
    Ordered(
        scenario
            .criteria
            .iter()
            .zip(w)
            .map(|(c, &x)| (c.id.as_str(), x))
            .collect(),
    )
}

/// The results as JSON: profiles in scenario order, options in file order, τ `null` where
/// undefined.
pub fn json(scenario: &Scenario, p: &Perspectives, c: &[Concession]) -> String {
    let option = |i: usize| p.options[i].as_str();
    let by_profile = |k: usize| p.profiles[k].as_str();
    let out = JsonOut {
        method: p.method.keyword(),
        normalization: p.normalization.keyword(),
        top_k: p.top_k,
        profiles: &p.profiles,
        vote_weights: scenario.profiles.iter().map(|x| x.vote_weight).collect(),
        options: &p.options,
        ranks: Ordered(
            (0..p.profiles.len())
                .map(|k| (by_profile(k), p.ranks[k].as_slice()))
                .collect(),
        ),
        scores: Ordered(
            (0..p.profiles.len())
                .map(|k| (by_profile(k), p.scores[k].as_slice()))
                .collect(),
        ),
        weights: Ordered(
            (0..p.profiles.len())
                .map(|k| (by_profile(k), weight_object(scenario, &p.weights[k])))
                .collect(),
        ),
        kendall_tau: &p.kendall_tau,
        order: p.order.iter().map(|&k| by_profile(k)).collect(),
        common_ground: p.common_ground.iter().map(|&i| option(i)).collect(),
        concessions: c
            .iter()
            .map(|x| JsonConcession {
                profile: by_profile(x.profile),
                top: option(x.top),
                rival: x.reach.as_ref().map(|r| option(r.rival)),
                change_pp: x.reach.as_ref().map(|r| r.change_pp),
                exact: x.exact,
                complete: x.complete,
                weights: x
                    .reach
                    .as_ref()
                    .map(|r| weight_object(scenario, &r.weights)),
            })
            .collect(),
    };
    let mut text =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

/// Profiles shown as columns of the text tables; JSON has them all.
const TABLE_PROFILES: usize = 20;

/// The results as aligned text: the profiles (numbered in clustering order), the rank
/// matrix, τ, the common ground and the concessions.
pub fn table(scenario: &Scenario, p: &Perspectives, c: &[Concession]) -> String {
    let mut out = format!(
        "{}\nPerspectives: method {} ({}), normalisation {}, {} profiles\n\n",
        scenario.metadata.title,
        p.method.keyword(),
        p.method.title(),
        p.normalization.keyword(),
        p.profiles.len()
    );
    let shown: Vec<usize> = p.order.iter().copied().take(TABLE_PROFILES).collect();
    let column = |n: usize| format!("P{}", n + 1);
    out.push_str("profiles, similar rankings next to each other (P1 … in that order)\n");
    for (n, &k) in shown.iter().enumerate() {
        let profile = &scenario.profiles[k];
        out.push_str(&format!(
            "  {:>4}  {} ({}), vote weight {}\n",
            column(n),
            profile.name,
            profile.id,
            profile.vote_weight
        ));
    }
    if shown.len() < p.order.len() {
        out.push_str(&format!(
            "  (profiles beyond {TABLE_PROFILES}: --format json)\n"
        ));
    }
    let w = name_width(scenario);
    out.push_str("\nranks (1 best; tied options share a rank)\n");
    out.push_str(&format!("{:<w$}", "option"));
    for n in 0..shown.len() {
        out.push_str(&format!("  {:>4}", column(n)));
    }
    out.push('\n');
    for (i, o) in scenario.options.iter().enumerate() {
        out.push_str(&format!("{:<w$}", o.name));
        for &k in &shown {
            out.push_str(&format!("  {:>4}", p.ranks[k][i]));
        }
        out.push('\n');
    }
    out.push_str("\nKendall's tau-b between the profiles' rankings (1 same, -1 reversed)\n");
    out.push_str(&format!("{:<4}", ""));
    for n in 0..shown.len() {
        out.push_str(&format!("  {:>5}", column(n)));
    }
    out.push('\n');
    for (a, &ka) in shown.iter().enumerate() {
        out.push_str(&format!("{:<4}", column(a)));
        for &kb in &shown {
            let cell = p.kendall_tau[ka][kb].map_or_else(|| "-".to_string(), |t| format!("{t:.2}"));
            out.push_str(&format!("  {cell:>5}"));
        }
        out.push('\n');
    }
    let names: Vec<&str> = p
        .common_ground
        .iter()
        .map(|&i| scenario.options[i].name.as_str())
        .collect();
    out.push_str(&format!(
        "\ncommon ground (in every profile's top {}): {}\n",
        p.top_k,
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join("; ")
        }
    ));
    out.push_str("\nconcessions: the smallest change of a profile's weights (sum of absolute changes, percentage points) at which another option reaches its top\n");
    for (n, &k) in shown.iter().enumerate() {
        let Some(x) = c.iter().find(|x| x.profile == k) else {
            continue;
        };
        let top = &scenario.options[x.top].name;
        let line = match &x.reach {
            Some(r) => format!(
                "{}: top {top}; {} reaches it at {:.1} points ({})",
                column(n),
                scenario.options[r.rival].name,
                r.change_pp,
                if x.exact {
                    "exact"
                } else if x.complete {
                    "estimate"
                } else {
                    "estimate, search budget ran out"
                }
            ),
            None => format!(
                "{}: top {top}; no other option reaches it under any weights{}",
                column(n),
                if x.exact { "" } else { " found" }
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}
