//! `score`: one method's ranking, or every method's side by side, as a text table, JSON or CSV.

use std::path::Path;
use std::process::ExitCode;

use super::*;
use serde::Serialize;

use crate::analysis::method_comparison::MethodComparison;
use crate::analysis::scoring::{MethodDetail, Ranking};
use crate::files::diagnostic::printable;

pub(super) fn score(
    file: &Path,
    profile: Option<&str>,
    method: Option<MethodArg>,
    normalization: Option<Normalization>,
    format: Format,
) -> ExitCode {
    let (scenario, profile_index, chosen) =
        match load_and_choose(file, profile, method, normalization) {
            Ok(x) => x,
            Err(code) => return code,
        };
    let (method, normalization) = match chosen {
        Chosen::One(m, n) => (m, n),
        Chosen::All(preferred) => {
            let cmp = compare_with(&scenario, profile_index, preferred);
            if cmp.results.iter().all(Result::is_err) {
                for (m, r) in cmp.methods.iter().zip(&cmp.results) {
                    if let Err(e) = r {
                        let message = format!("{}: {e}", m.keyword());
                        say!(
                            "{}",
                            super::files::placed(file, &scenario, Some(e), message)
                        );
                    }
                }
                return ExitCode::FAILURE;
            }
            let text = match format {
                Format::Table => table_all(&scenario, &cmp),
                Format::Json => json_all(&scenario, &cmp),
                Format::Csv => export::ranks_csv(&scenario, &cmp),
            };
            return print_or_fail(&text);
        }
    };
    let ranking = match score_with(&scenario, profile_index, method, normalization) {
        Ok(r) => r,
        Err(e) => {
            say!("{}", super::files::score_error(file, &scenario, &e));
            return ExitCode::FAILURE;
        }
    };
    let text = match format {
        Format::Table => table(&scenario, &ranking),
        Format::Json => json(&scenario, &ranking),
        Format::Csv => export::results_csv(&scenario, &ranking),
    };
    print_or_fail(&text)
}

/// The ranking as an aligned text table, best first.
pub fn table(scenario: &Scenario, r: &Ranking) -> String {
    let profile_name = scenario
        .profile_index(&r.profile)
        .map_or(r.profile.as_str(), |i| scenario.profiles[i].name.as_str());
    let mut out = format!(
        "{}\nmethod {} ({}), normalisation {}, profile {}\n\n",
        scenario.metadata.title,
        r.method.keyword(),
        r.method.title(),
        r.normalization.keyword(),
        profile_name
    );
    let name_width = name_width(scenario);
    let (extra_names, extra) = detail_columns(&r.detail);
    out.push_str(&format!(
        "{:>4}  {:<name_width$}  {:>7}",
        "rank",
        "option",
        score_name(r.method)
    ));
    for name in &extra_names {
        out.push_str(&format!("  {name:>7}"));
    }
    out.push('\n');
    for i in r.order() {
        out.push_str(&format!(
            "{:>4}  {:<name_width$}  {:>7.4}",
            r.ranks[i],
            printable(&scenario.options[i].name),
            r.scores[i]
        ));
        for column in &extra {
            out.push_str(&format!("  {:>7.4}", column[i]));
        }
        out.push('\n');
    }
    if let MethodDetail::Vikor {
        v,
        compromise,
        advantage,
        stability,
        ..
    } = &r.detail
    {
        let names: Vec<&str> = compromise
            .iter()
            .map(|&i| scenario.options[i].name.as_str())
            .collect();
        out.push_str(&format!(
            "\nv = {v}; compromise: {} (acceptable advantage: {}, acceptable stability: {})\n",
            names.join(", "),
            yes_no(*advantage),
            yes_no(*stability)
        ));
    }
    out
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The headline score's name in a table header.
fn score_name(method: Method) -> &'static str {
    match method {
        Method::Wsm | Method::Wpm => "score",
        Method::Topsis => "C",
        Method::Promethee2 => "φ",
        Method::Vikor => "Q",
    }
}

/// Extra per-option columns a method's detail adds to the table and CSV: names and values.
fn detail_columns(detail: &MethodDetail) -> (Vec<&'static str>, Vec<&[f64]>) {
    match detail {
        MethodDetail::None => (Vec::new(), Vec::new()),
        MethodDetail::Topsis { d_plus, d_minus } => (vec!["D+", "D-"], vec![d_plus, d_minus]),
        MethodDetail::Promethee {
            phi_plus,
            phi_minus,
            ..
        } => (vec!["φ+", "φ-"], vec![phi_plus, phi_minus]),
        MethodDetail::Vikor { s, r, .. } => (vec!["S", "R"], vec![s, r]),
    }
}

#[derive(Serialize)]
struct JsonOut<'a> {
    method: &'static str,
    normalization: &'static str,
    profile: &'a str,
    /// Whether a higher score is better (false for VIKOR's Q).
    higher_is_better: bool,
    /// VIKOR's v.
    #[serde(skip_serializing_if = "Option::is_none")]
    v: Option<f64>,
    /// VIKOR's compromise solution: option ids, best Q first.
    #[serde(skip_serializing_if = "Option::is_none")]
    compromise: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acceptable_advantage: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acceptable_stability: Option<bool>,
    results: Vec<JsonResult<'a>>,
}

#[derive(Serialize)]
struct JsonResult<'a> {
    option: &'a str,
    name: &'a str,
    score: f64,
    rank: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    d_plus: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    d_minus: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phi_plus: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phi_minus: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phi_net: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    q: Option<f64>,
}

fn json_result<'a>(scenario: &'a Scenario, r: &Ranking, i: usize) -> JsonResult<'a> {
    let o = &scenario.options[i];
    let mut out = JsonResult {
        option: &o.id,
        name: &o.name,
        score: r.scores[i],
        rank: r.ranks[i],
        d_plus: None,
        d_minus: None,
        phi_plus: None,
        phi_minus: None,
        phi_net: None,
        s: None,
        r: None,
        q: None,
    };
    match &r.detail {
        MethodDetail::None => {}
        MethodDetail::Topsis { d_plus, d_minus } => {
            out.d_plus = Some(d_plus[i]);
            out.d_minus = Some(d_minus[i]);
        }
        MethodDetail::Promethee {
            phi_plus,
            phi_minus,
            phi_net,
        } => {
            out.phi_plus = Some(phi_plus[i]);
            out.phi_minus = Some(phi_minus[i]);
            out.phi_net = Some(phi_net[i]);
        }
        MethodDetail::Vikor { s, r, q, .. } => {
            out.s = Some(s[i]);
            out.r = Some(r[i]);
            out.q = Some(q[i]);
        }
    }
    out
}

/// The ranking as JSON, options in the scenario's order.
pub fn json(scenario: &Scenario, r: &Ranking) -> String {
    let vikor = match &r.detail {
        MethodDetail::Vikor {
            v,
            compromise,
            advantage,
            stability,
            ..
        } => Some((*v, compromise, *advantage, *stability)),
        _ => None,
    };
    let out = JsonOut {
        method: r.method.keyword(),
        normalization: r.normalization.keyword(),
        profile: &r.profile,
        higher_is_better: r.higher_is_better,
        v: vikor.map(|(v, ..)| v),
        compromise: vikor
            .map(|(_, c, ..)| c.iter().map(|&i| scenario.options[i].id.as_str()).collect()),
        acceptable_advantage: vikor.map(|(_, _, a, _)| a),
        acceptable_stability: vikor.map(|(.., s)| s),
        results: (0..scenario.options.len())
            .map(|i| json_result(scenario, r, i))
            .collect(),
    };
    let mut text =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

/// Every method's ranks side by side, best first by the first method that scored, then
/// Kendall's τ-b between the methods and any method's error.
pub fn table_all(scenario: &Scenario, cmp: &MethodComparison) -> String {
    let profile_name = cmp
        .results
        .iter()
        .flatten()
        .next()
        .and_then(|r| scenario.profile_index(&r.profile))
        .map_or("", |i| scenario.profiles[i].name.as_str());
    let used: Vec<String> = cmp
        .methods
        .iter()
        .zip(&cmp.normalizations)
        .map(|(m, n)| format!("{} {}", m.keyword(), n.keyword()))
        .collect();
    let mut out = format!(
        "{}\nranks by method (normalisation: {}), profile {}\n\n",
        scenario.metadata.title,
        used.join(", "),
        profile_name
    );
    let name_width = name_width(scenario);
    let widths: Vec<usize> = cmp
        .methods
        .iter()
        .map(|m| m.keyword().len().max(4))
        .collect();
    out.push_str(&format!("{:<name_width$}", "option"));
    for (m, w) in cmp.methods.iter().zip(&widths) {
        out.push_str(&format!("  {:>w$}", m.keyword()));
    }
    out.push('\n');
    let order = cmp
        .results
        .iter()
        .flatten()
        .next()
        .map_or_else(|| (0..scenario.options.len()).collect(), Ranking::order);
    for i in order {
        out.push_str(&format!(
            "{:<name_width$}",
            printable(&scenario.options[i].name)
        ));
        for (k, w) in widths.iter().enumerate() {
            match cmp.ranks(k) {
                Some(ranks) => out.push_str(&format!("  {:>w$}", ranks[i])),
                None => out.push_str(&format!("  {:>w$}", "-")),
            }
        }
        out.push('\n');
    }
    out.push_str("\nKendall's tau-b between methods\n");
    let label = cmp
        .methods
        .iter()
        .map(|m| m.keyword().len())
        .max()
        .unwrap_or(4);
    out.push_str(&format!("{:<label$}", ""));
    for (m, w) in cmp.methods.iter().zip(&widths) {
        let w = (*w).max(5);
        out.push_str(&format!("  {:>w$}", m.keyword()));
    }
    out.push('\n');
    for (a, m) in cmp.methods.iter().enumerate() {
        out.push_str(&format!("{:<label$}", m.keyword()));
        for (b, w) in widths.iter().enumerate() {
            let w = (*w).max(5);
            match cmp.tau[a][b] {
                Some(t) => out.push_str(&format!("  {t:>w$.2}")),
                None => out.push_str(&format!("  {:>w$}", "-")),
            }
        }
        out.push('\n');
    }
    let errors: Vec<String> = cmp
        .methods
        .iter()
        .zip(&cmp.results)
        .filter_map(|(m, r)| r.as_ref().err().map(|e| format!("{}: {e}", m.keyword())))
        .collect();
    if !errors.is_empty() {
        out.push_str("\nnot scored:\n");
        for e in errors {
            out.push_str(&format!("  {e}\n"));
        }
    }
    out
}

#[derive(Serialize)]
struct JsonAll<'a> {
    profile: &'a str,
    methods: Vec<JsonMethod<'a>>,
    /// `tau[a][b]`, methods in the order of `methods`; null where undefined or not scored.
    tau: &'a [Vec<Option<f64>>],
}

#[derive(Serialize)]
struct JsonMethod<'a> {
    method: &'static str,
    normalization: &'static str,
    higher_is_better: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    results: Vec<JsonResult<'a>>,
}

/// Every method's results and the τ matrix as JSON.
pub fn json_all(scenario: &Scenario, cmp: &MethodComparison) -> String {
    let profile = cmp
        .results
        .iter()
        .flatten()
        .next()
        .map_or("", |r| r.profile.as_str());
    let out = JsonAll {
        profile,
        methods: cmp
            .methods
            .iter()
            .zip(&cmp.normalizations)
            .zip(&cmp.results)
            .map(|((m, n), r)| JsonMethod {
                method: m.keyword(),
                normalization: n.keyword(),
                higher_is_better: m.higher_is_better(),
                error: r.as_ref().err().map(ToString::to_string),
                results: match r {
                    Ok(r) => (0..scenario.options.len())
                        .map(|i| json_result(scenario, r, i))
                        .collect(),
                    Err(_) => Vec::new(),
                },
            })
            .collect(),
        tau: &cmp.tau,
    };
    let mut text =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}
