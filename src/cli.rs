//! The command line: `tideline [FILE]` opens the app; `check`, `score` and `import` run the
//! engine headless, for scripts and reproducible briefings.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::model::{Method, Normalization, Scenario};
use crate::scenario_file::{self, load_path};
use crate::scoring::{Ranking, score_with};

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
    /// The view to show: options, matrix, ranking, compare, tradeoff.
    #[arg(long, value_name = "NAME", value_parser = parse_view)]
    pub view: Option<crate::app::View>,
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
        /// Scoring method (default: the scenario's).
        #[arg(long, value_enum)]
        method: Option<MethodArg>,
        /// Normalisation (default: the scenario's).
        #[arg(long, value_enum)]
        normalization: Option<NormalizationArg>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Turn a CSV matrix into a full scenario file.
    Import {
        /// CSV matrix: header `option,<criterion>,...`, optional `direction` and `weight` rows.
        file: PathBuf,
        /// Scenario file to write (.ron).
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    Wsm,
}

impl From<MethodArg> for Method {
    fn from(m: MethodArg) -> Self {
        match m {
            MethodArg::Wsm => Method::Wsm,
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
            method.map(Into::into),
            normalization.map(Into::into),
            format,
        ),
        Command::Import { file, output } => import(&file, &output),
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

fn score(
    file: &Path,
    profile: Option<&str>,
    method: Option<Method>,
    normalization: Option<Normalization>,
    format: Format,
) -> ExitCode {
    let scenario = match load_path(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let profile_index = match profile {
        None => scenario.active_profile_index(),
        Some(p) => match find_profile(&scenario, p) {
            Some(i) => i,
            None => {
                let known: Vec<&str> = scenario.profiles.iter().map(|p| p.id.as_str()).collect();
                eprintln!(
                    "{}: unknown profile `{p}`; expected one of: {}",
                    file.display(),
                    known.join(", ")
                );
                return ExitCode::FAILURE;
            }
        },
    };
    let method = method.unwrap_or(scenario.settings.method);
    let normalization = normalization.unwrap_or(scenario.settings.normalization);
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
        Format::Csv => csv(&scenario, &ranking),
    };
    print_or_fail(&text)
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
    let name_width = scenario
        .options
        .iter()
        .map(|o| o.name.chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    out.push_str(&format!(
        "{:>4}  {:<name_width$}  {:>7}\n",
        "rank", "option", "score"
    ));
    for i in r.order() {
        out.push_str(&format!(
            "{:>4}  {:<name_width$}  {:>7.4}\n",
            r.ranks[i], scenario.options[i].name, r.scores[i]
        ));
    }
    out
}

#[derive(Serialize)]
struct JsonOut<'a> {
    method: &'static str,
    normalization: &'static str,
    profile: &'a str,
    results: Vec<JsonResult<'a>>,
}

#[derive(Serialize)]
struct JsonResult<'a> {
    option: &'a str,
    name: &'a str,
    score: f64,
    rank: usize,
}

/// The ranking as JSON, options in the scenario's order.
pub fn json(scenario: &Scenario, r: &Ranking) -> String {
    let out = JsonOut {
        method: r.method.keyword(),
        normalization: r.normalization.keyword(),
        profile: &r.profile,
        results: scenario
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| JsonResult {
                option: &o.id,
                name: &o.name,
                score: r.scores[i],
                rank: r.ranks[i],
            })
            .collect(),
    };
    let mut text =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

/// One CSV cell, quoted when it needs to be.
pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The ranking as CSV, options in the scenario's order.
pub fn csv(scenario: &Scenario, r: &Ranking) -> String {
    let mut out = String::from("option,name,score,rank\n");
    for (i, o) in scenario.options.iter().enumerate() {
        out.push_str(&format!(
            "{},{},{},{}\n",
            csv_cell(&o.id),
            csv_cell(&o.name),
            r.scores[i],
            r.ranks[i]
        ));
    }
    out
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
