//! The command line: `tideline [FILE]` opens the app; `check`, `score`, `import`, `report` and
//! `export` run the engine headless, for scripts and reproducible briefings.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgGroup, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::export;
use crate::method_comparison::{MethodComparison, compare_with};
use crate::model::{Method, Normalization, Scenario};
use crate::report;
use crate::scenario_file::{self, load_path};
use crate::scoring::{MethodDetail, Ranking, allowed_list, score_with};

pub mod smaa;

#[derive(Debug, Parser)]
#[command(
    name = "tideline",
    version,
    about = "Explore, score and compare policy options (default: the UN expert group's options on marine litter and microplastics)",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Scenario to open in the app (.ron, or a .csv matrix); the built-in UNEP scenario when omitted.
    pub file: Option<PathBuf>,
    /// Render the window once, write it to this PNG file, and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// The view to show: options, matrix, ranking, compare, tradeoff, methods.
    #[arg(long, value_name = "NAME", value_parser = parse_view)]
    pub view: Option<crate::app::View>,
    /// The interface language: en or zh-CN (default: the saved preference, else en).
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    pub lang: Option<crate::i18n::Lang>,
    /// Start in projection mode (full screen, large type, high contrast; Esc leaves).
    #[arg(long)]
    pub projection: bool,
}

fn parse_lang(s: &str) -> Result<crate::i18n::Lang, String> {
    crate::i18n::Lang::from_code(s).ok_or_else(|| {
        let codes: Vec<&str> = crate::i18n::Lang::ALL.iter().map(|l| l.code()).collect();
        format!(
            "unknown language `{s}`; expected one of: {}",
            codes.join(", ")
        )
    })
}

fn parse_view(s: &str) -> Result<crate::app::View, String> {
    crate::app::View::from_keyword(s).ok_or_else(|| {
        let names: Vec<&str> = crate::app::View::ALL.iter().map(|v| v.keyword()).collect();
        format!("unknown view `{s}`; expected one of: {}", names.join(", "))
    })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files and print every problem; exit 1 if any file has one.
    Check {
        /// Scenario files (.ron) or CSV matrices (.csv).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Score a scenario and print the ranking.
    Score {
        /// Scenario file (.ron) or CSV matrix (.csv).
        file: PathBuf,
        /// Weight profile, by id or name (default: the scenario's active profile).
        #[arg(long)]
        profile: Option<String>,
        /// Scoring method, or `all` to compare every method (default: the scenario's).
        #[arg(long, value_enum)]
        method: Option<MethodArg>,
        /// Normalisation (default: the scenario's if the method takes it, else the method's own).
        #[arg(long, value_enum)]
        normalization: Option<NormalizationArg>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// How sure is the ranking? SMAA-2 over uncertain scores and weights: rank acceptability,
    /// central weights, confidence, pairwise winning.
    Smaa(smaa::SmaaArgs),
    /// Turn a CSV matrix into a full scenario file.
    Import {
        /// CSV matrix: header `option,<criterion>,...`, optional `direction` and `weight` rows.
        file: PathBuf,
        /// Scenario file to write (.ron).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write a briefing: a self-contained HTML page or Markdown, by the output's extension.
    Report {
        /// Scenario file (.ron) or CSV matrix (.csv).
        file: PathBuf,
        /// Briefing to write: .html (or .htm) or .md (or .markdown).
        #[arg(short, long, value_name = "OUT.html|OUT.md")]
        output: PathBuf,
        /// Weight profile, by id or name (default: the scenario's active profile).
        #[arg(long)]
        profile: Option<String>,
        /// Method of the ranking (default: the scenario's); every method is compared anyway.
        #[arg(long, value_enum)]
        method: Option<MethodArg>,
        /// Normalisation (default: the scenario's if the method takes it, else the method's own).
        #[arg(long, value_enum)]
        normalization: Option<NormalizationArg>,
    },
    /// Export the performance matrix (in the CSV dialect `import` reads) and/or the results as CSV.
    #[command(group(
        ArgGroup::new("outputs")
            .required(true)
            .multiple(true)
            .args(["matrix", "results"])
    ))]
    Export {
        /// Scenario file (.ron) or CSV matrix (.csv).
        file: PathBuf,
        /// Write the matrix here: criterion ids, direction, the profile's weights, PROMETHEE
        /// rows if used, one row per option id.
        #[arg(long, value_name = "OUT.csv")]
        matrix: Option<PathBuf>,
        /// Write the results here, as `score --format csv` prints them.
        #[arg(long, value_name = "OUT.csv")]
        results: Option<PathBuf>,
        /// Weight profile, by id or name (default: the scenario's active profile).
        #[arg(long)]
        profile: Option<String>,
        /// Scoring method for the results, or `all` for every method's ranks.
        #[arg(long, value_enum)]
        method: Option<MethodArg>,
        /// Normalisation (default: the scenario's if the method takes it, else the method's own).
        #[arg(long, value_enum)]
        normalization: Option<NormalizationArg>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    Wsm,
    Wpm,
    Topsis,
    Promethee2,
    Vikor,
    /// Every method, ranks side by side, with Kendall's τ between them.
    All,
}

impl MethodArg {
    /// The one method asked for, or `None` for `all`.
    pub fn method(self) -> Option<Method> {
        match self {
            MethodArg::Wsm => Some(Method::Wsm),
            MethodArg::Wpm => Some(Method::Wpm),
            MethodArg::Topsis => Some(Method::Topsis),
            MethodArg::Promethee2 => Some(Method::Promethee2),
            MethodArg::Vikor => Some(Method::Vikor),
            MethodArg::All => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NormalizationArg {
    Scale,
    Minmax,
    Max,
    Linear,
    Sum,
    Vector,
    /// Raw values (PROMETHEE II, VIKOR, the weighted product).
    None,
}

impl From<NormalizationArg> for Normalization {
    fn from(n: NormalizationArg) -> Self {
        match n {
            NormalizationArg::Scale => Normalization::Scale,
            NormalizationArg::Minmax => Normalization::MinMax,
            NormalizationArg::Max => Normalization::Max,
            NormalizationArg::Linear => Normalization::Linear,
            NormalizationArg::Sum => Normalization::Sum,
            NormalizationArg::Vector => Normalization::Vector,
            NormalizationArg::None => Normalization::None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// Runs a headless command and returns the process's exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Check { files } => check(&files),
        Command::Score {
            file,
            profile,
            method,
            normalization,
            format,
        } => score(
            &file,
            profile.as_deref(),
            method,
            normalization.map(Into::into),
            format,
        ),
        Command::Smaa(args) => smaa::run(&args),
        Command::Import { file, output } => import(&file, &output),
        Command::Report {
            file,
            output,
            profile,
            method,
            normalization,
        } => report_command(
            &file,
            &output,
            profile.as_deref(),
            method,
            normalization.map(Into::into),
        ),
        Command::Export {
            file,
            matrix,
            results,
            profile,
            method,
            normalization,
        } => export_command(
            &file,
            matrix.as_deref(),
            results.as_deref(),
            profile.as_deref(),
            method,
            normalization.map(Into::into),
        ),
    }
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = 0;
    for file in files {
        match load_path(file) {
            Ok(s) => println!(
                "{}: ok ({} options, {} criteria, {} profiles)",
                file.display(),
                s.options.len(),
                s.criteria.len(),
                s.profiles.len()
            ),
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("{failed} of {} files have problems", files.len());
        ExitCode::FAILURE
    }
}

/// Finds a profile by id, else by name ignoring case.
pub fn find_profile(scenario: &Scenario, wanted: &str) -> Option<usize> {
    scenario.profile_index(wanted).or_else(|| {
        scenario
            .profiles
            .iter()
            .position(|p| p.name.eq_ignore_ascii_case(wanted))
    })
}

/// The method (or `all`) and normalisation a command was given, resolved against the scenario.
enum Chosen {
    One(Method, Normalization),
    /// `--method all`: every method, each with this normalisation where it takes it.
    All(Normalization),
}

/// The profile asked for (by id or name), else the scenario's active one; or the message.
fn choose_profile(
    scenario: &Scenario,
    file: &Path,
    profile: Option<&str>,
) -> Result<usize, String> {
    match profile {
        None => Ok(scenario.active_profile_index()),
        Some(p) => find_profile(scenario, p).ok_or_else(|| {
            let known: Vec<&str> = scenario.profiles.iter().map(|p| p.id.as_str()).collect();
            format!(
                "{}: unknown profile `{p}`; expected one of: {}",
                file.display(),
                known.join(", ")
            )
        }),
    }
}

/// The method and normalisation asked for, with the scenario's as defaults; or the message
/// when the method does not take the normalisation.
fn choose_method(
    scenario: &Scenario,
    file: &Path,
    method: Option<MethodArg>,
    normalization: Option<Normalization>,
) -> Result<Chosen, String> {
    let method = match method {
        Some(arg) => arg.method(),
        None => Some(scenario.settings.method),
    };
    let Some(method) = method else {
        // `--method all`: an explicit normalisation is preferred wherever a method takes it.
        return Ok(Chosen::All(
            normalization.unwrap_or(scenario.settings.normalization),
        ));
    };
    match normalization {
        Some(n) if !method.allows(n) => Err(format!(
            "{}: the `{}` method does not work with the `{}` normalisation; use {}",
            file.display(),
            method.keyword(),
            n.keyword(),
            allowed_list(method)
        )),
        Some(n) => Ok(Chosen::One(method, n)),
        None => Ok(Chosen::One(
            method,
            method.normalization_for(scenario.settings.normalization),
        )),
    }
}

/// Loads a scenario and resolves the profile and method options, or prints why not.
fn load_and_choose(
    file: &Path,
    profile: Option<&str>,
    method: Option<MethodArg>,
    normalization: Option<Normalization>,
) -> Result<(Scenario, usize, Chosen), ExitCode> {
    let scenario = load_path(file).map_err(|e| {
        eprintln!("{e}");
        ExitCode::FAILURE
    })?;
    let chosen = choose_profile(&scenario, file, profile).and_then(|p| {
        choose_method(&scenario, file, method, normalization).map(|chosen| (p, chosen))
    });
    match chosen {
        Ok((p, chosen)) => Ok((scenario, p, chosen)),
        Err(message) => {
            eprintln!("{message}");
            Err(ExitCode::FAILURE)
        }
    }
}

fn score(
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
                        eprintln!("{}: {}: {e}", file.display(), m.keyword());
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
            eprintln!("{}: {e}", file.display());
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

/// The time a briefing is stamped with: `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set, so scripted briefings can be byte-identical; else now.
fn export_time() -> String {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map_or_else(report::now_utc, report::utc_timestamp)
}

/// A file's name without its folders, for a briefing's "scenario file" line.
fn file_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn report_command(
    file: &Path,
    output: &Path,
    profile: Option<&str>,
    method: Option<MethodArg>,
    normalization: Option<Normalization>,
) -> ExitCode {
    let Some(format) = report::Format::from_path(output) else {
        eprintln!(
            "{}: unknown briefing format; name the output .html (a self-contained web page) or .md (Markdown)",
            output.display()
        );
        return ExitCode::FAILURE;
    };
    let (scenario, profile_index, chosen) =
        match load_and_choose(file, profile, method, normalization) {
            Ok(x) => x,
            Err(code) => return code,
        };
    let Chosen::One(method, normalization) = chosen else {
        eprintln!(
            "{}: a briefing ranks by one method and compares all of them anyway; pick one with --method (wsm, wpm, topsis, promethee2, vikor)",
            file.display()
        );
        return ExitCode::FAILURE;
    };
    let stamp = export_time();
    let name = file_name(file);
    let request = report::Request {
        file_name: &name,
        exported_at: &stamp,
        profile: profile_index,
        method,
        normalization,
    };
    let briefing = match report::briefing(&scenario, &request) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    let text = report::render(&briefing, format);
    match scenario_file::write_atomic(output, &text) {
        Ok(()) => {
            println!(
                "{}: wrote the briefing to {}",
                file.display(),
                output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: cannot write the briefing: {e}", output.display());
            ExitCode::FAILURE
        }
    }
}

fn export_command(
    file: &Path,
    matrix: Option<&Path>,
    results: Option<&Path>,
    profile: Option<&str>,
    method: Option<MethodArg>,
    normalization: Option<Normalization>,
) -> ExitCode {
    let (scenario, profile_index, chosen) =
        match load_and_choose(file, profile, method, normalization) {
            Ok(x) => x,
            Err(code) => return code,
        };
    // Everything is worked out before anything is written, so a failure leaves no half export.
    let mut writes: Vec<(&Path, String)> = Vec::new();
    if let Some(out) = matrix {
        match export::matrix_csv(&scenario, profile_index) {
            Ok(text) => writes.push((out, text)),
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                return ExitCode::FAILURE;
            }
        }
    }
    if let Some(out) = results {
        let text = match chosen {
            Chosen::One(m, n) => match score_with(&scenario, profile_index, m, n) {
                Ok(r) => export::results_csv(&scenario, &r),
                Err(e) => {
                    eprintln!("{}: {e}", file.display());
                    return ExitCode::FAILURE;
                }
            },
            Chosen::All(preferred) => {
                let cmp = compare_with(&scenario, profile_index, preferred);
                for (m, r) in cmp.methods.iter().zip(&cmp.results) {
                    if let Err(e) = r {
                        eprintln!("{}: {}: {e}", file.display(), m.keyword());
                    }
                }
                if cmp.results.iter().all(Result::is_err) {
                    return ExitCode::FAILURE;
                }
                export::ranks_csv(&scenario, &cmp)
            }
        };
        writes.push((out, text));
    }
    for (out, text) in writes {
        if let Err(e) = scenario_file::write_atomic(out, &text) {
            eprintln!("{}: cannot write: {e}", out.display());
            return ExitCode::FAILURE;
        }
        println!("{}: wrote {}", file.display(), out.display());
    }
    ExitCode::SUCCESS
}

fn print_or_fail(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
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
            r.ranks[i], scenario.options[i].name, r.scores[i]
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
        out.push_str(&format!("{:<name_width$}", scenario.options[i].name));
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

fn import(file: &Path, output: &Path) -> ExitCode {
    if !scenario_file::is_csv(file) {
        eprintln!("{}: expected a .csv file to import", file.display());
        return ExitCode::FAILURE;
    }
    let scenario = match load_path(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match scenario_file::save(output, &scenario) {
        Ok(()) => {
            println!(
                "{}: wrote {} options × {} criteria to {}",
                file.display(),
                scenario.options.len(),
                scenario.criteria.len(),
                output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Width of the option-name column of the text tables: the longest name, at least 6.
fn name_width(scenario: &Scenario) -> usize {
    scenario
        .options
        .iter()
        .map(|o| o.name.chars().count())
        .max()
        .unwrap_or(6)
        .max(6)
}
