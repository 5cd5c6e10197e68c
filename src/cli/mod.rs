//! The command line: `tideline [FILE]` opens the app; `check`, `score`, `sensitivity`, `smaa`,
//! `perspectives`, `group`, `portfolio`, `room`, `generate`, `import`, `report`, `export`,
//! `weights-form` and `merge-profiles` run the engine headless, for scripts and reproducible
//! briefings.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgGroup, Parser, Subcommand, ValueEnum};

use crate::analysis::method_comparison::compare_with;
use crate::analysis::scoring::{allowed_list, score_with};
use crate::files::scenario_file::{self, load_path};
use crate::report;
use crate::report::export;
use crate::scenario::model::{Method, Normalization, Scenario};

/// `eprintln!` with every control character from a file shown escaped.
macro_rules! say {
    ($($t:tt)*) => {
        eprintln!("{}", $crate::files::diagnostic::printable(&format!($($t)*)))
    };
}

mod briefing;
mod files;
mod generate;
mod group;
mod perspectives;
mod portfolio;
mod room;
mod score;
mod sensitivity;
pub mod smaa;
mod weights;

use briefing::{export_command, report_command};
use files::{check, import};
use score::score;
pub use score::{json, json_all, table, table_all};
pub use sensitivity::{SensitivityArgs, SensitivityFormat};

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
    /// The view to show: options, matrix, ranking, compare, tradeoff, methods, robustness,
    /// perspectives.
    #[arg(long, value_name = "NAME", value_parser = parse_view)]
    pub view: Option<crate::app::View>,
    /// The interface language: en or zh-CN (default: the saved preference, else en).
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    pub lang: Option<crate::i18n::Lang>,
    /// Start in projection mode (full screen, large type, high contrast; Esc leaves).
    #[arg(long)]
    pub projection: bool,
    /// The window's size in points, e.g. 1280x720 (at least 800x500), as for a screenshot of a
    /// small laptop or a projector.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<[f32; 2]>,
    /// Import participants' weights from this weights form or scenario file at start (repeat
    /// for several; one undo step), and show what was added, replaced and refused.
    #[arg(long, value_name = "FILE")]
    pub import_weights: Vec<std::path::PathBuf>,
    /// Open the quick-entry table of weights at start.
    #[arg(long)]
    pub quick_entry: bool,
}

fn parse_size(s: &str) -> Result<[f32; 2], String> {
    let bad = || format!("`{s}` is not a window size such as 1280x720");
    let (w, h) = s.split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let (w, h): (u16, u16) = (
        w.trim().parse().map_err(|_| bad())?,
        h.trim().parse().map_err(|_| bad())?,
    );
    if w < 800 || h < 500 {
        return Err(format!("{w}x{h} is below the smallest window, 800x500"));
    }
    Ok([f32::from(w), f32::from(h)])
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
    /// One-way sensitivity: how the ranking moves as one weight sweeps 0–100 %, and how far
    /// each weight can move before the top option or the ranking changes.
    Sensitivity(SensitivityArgs),
    /// How sure is the ranking? SMAA-2 over uncertain scores and weights: rank acceptability,
    /// central weights, confidence, pairwise winning.
    Smaa(smaa::SmaaArgs),
    /// Every weight profile side by side: ranks, Kendall's tau-b between profiles, the common
    /// ground (options in every profile's top K) and each profile's concession (the smallest
    /// weight change that gives it another winner).
    Perspectives(perspectives::PerspectivesArgs),
    /// Pool chosen profiles into a group profile (mean, median, or geometric mean of pairwise
    /// judgements; vote weights respected) and write the scenario with it added.
    Group(group::GroupArgs),
    /// Which set of options to pursue under the budget: the best portfolio, the efficient
    /// frontier, each option's share of SMAA draws in the best portfolio, each profile's choice.
    Portfolio(portfolio::PortfolioArgs),
    /// A session on the room's network: delegations submit weights from their phones (address,
    /// PIN and QR code printed); each submission becomes its delegation's profile, saved to
    /// OUT. Commands on standard input: list, close, open, reveal, hide, remove NAME, quit.
    Room(room::RoomArgs),
    /// Write a made-up scenario of the given size (random values; families, both directions,
    /// uncertainty, costs, a budget, interactions, a baseline, several profiles): the same
    /// size and seed give the same file.
    Generate(generate::GenerateArgs),
    /// Turn a CSV matrix into a full scenario file.
    Import {
        /// CSV matrix: header `option,<criterion>,...`, optional `direction` and `weight` rows.
        file: PathBuf,
        /// Scenario file to write (.ron).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Merge participants' weights (weights forms, or scenario files whose profiles are
    /// taken) into a scenario: a profile with an id the scenario has replaces it, others are
    /// added. Bad files are reported with file:line:col and the good ones still merge; exit 1
    /// if anything was refused.
    MergeProfiles {
        /// The scenario to merge into (.ron or .csv); it is not changed.
        scenario: PathBuf,
        /// Weights forms or scenario files.
        #[arg(required = true)]
        weights: Vec<PathBuf>,
        /// The merged scenario to write (.ron); never one of the inputs.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write a weights form: the scenario's families and criteria and one participant's
    /// points, to fill in by hand (see docs/weights-form.md).
    WeightsForm {
        /// Scenario file (.ron) or CSV matrix (.csv).
        scenario: PathBuf,
        /// Fill in this profile's weights, by id or name (default: the active profile).
        #[arg(long, conflicts_with = "empty")]
        profile: Option<String>,
        /// An empty form, every point left `None`, for a new participant.
        #[arg(long)]
        empty: bool,
        /// The form to write (.ron).
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
        Command::Sensitivity(args) => sensitivity::run(&args),
        Command::Smaa(args) => smaa::run(&args),
        Command::Perspectives(args) => perspectives::run(&args),
        Command::Group(args) => group::run(&args),
        Command::Portfolio(args) => portfolio::run(&args),
        Command::Room(args) => room::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Import { file, output } => import(&file, &output),
        Command::MergeProfiles {
            scenario,
            weights,
            output,
        } => weights::merge_profiles(&scenario, &weights, &output),
        Command::WeightsForm {
            scenario,
            profile,
            empty,
            output,
        } => weights::weights_form(&scenario, profile.as_deref(), empty, &output),
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
        say!("{e}");
        ExitCode::FAILURE
    })?;
    let chosen = choose_profile(&scenario, file, profile).and_then(|p| {
        choose_method(&scenario, file, method, normalization).map(|chosen| (p, chosen))
    });
    match chosen {
        Ok((p, chosen)) => Ok((scenario, p, chosen)),
        Err(message) => {
            say!("{message}");
            Err(ExitCode::FAILURE)
        }
    }
}

/// A file's name without its folders, for a briefing's "scenario file" line.
fn file_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn print_or_fail(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let text = crate::files::diagnostic::printable(text);
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say!("cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Widest the option-name column of a text table grows; a longer name runs past it.
const MAX_NAME_WIDTH: usize = 60;

/// Width of the option-name column of the text tables: the longest name, at least 6 and at
/// most [`MAX_NAME_WIDTH`] (a width from the file is never handed to `format!` unchecked).
fn name_width(scenario: &Scenario) -> usize {
    scenario
        .options
        .iter()
        .map(|o| crate::files::diagnostic::printable(&o.name).chars().count())
        .max()
        .unwrap_or(6)
        .clamp(6, MAX_NAME_WIDTH)
}
