//! `check` and `import`: scenario files read, checked and converted.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::*;

pub(super) fn check(files: &[PathBuf]) -> ExitCode {
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
                say!("{e}");
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        say!("{failed} of {} files have problems", files.len());
        ExitCode::FAILURE
    }
}

pub(super) fn import(file: &Path, output: &Path) -> ExitCode {
    if !scenario_file::is_csv(file) {
        say!("{}: expected a .csv file to import", file.display());
        return ExitCode::FAILURE;
    }
    if refuses_overwriting(file, output) {
        return ExitCode::FAILURE;
    }
    let scenario = match load_path(file) {
        Ok(s) => s,
        Err(e) => {
            say!("{e}");
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
            say!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Whether `output` names the input file itself (through any path or link); if so, says so.
/// A command never writes over the file it reads.
pub(super) fn refuses_overwriting(input: &Path, output: &Path) -> bool {
    let same = scenario_file::same_file(input, output);
    if same {
        say!(
            "{}: the output is the input file; name another file to write",
            output.display()
        );
    }
    same
}

/// A scoring error as the command line prints it: `file: message`, with the line and column
/// of the value at fault when there is one (a missing value met when scoring).
pub(super) fn score_error(
    file: &Path,
    scenario: &Scenario,
    e: &crate::analysis::scoring::ScoreError,
) -> String {
    placed(file, scenario, Some(e), e)
}

/// `file:line:col: message` when `cause` is a missing value that can be placed in the file,
/// else `file: message`. Every command that scores reports a missing value this way.
pub(super) fn placed(
    file: &Path,
    scenario: &Scenario,
    cause: Option<&crate::analysis::scoring::ScoreError>,
    message: impl std::fmt::Display,
) -> String {
    use crate::analysis::scoring::ScoreError;
    let place = match cause {
        Some(ScoreError::MissingValue { option, criterion }) => {
            scenario_file::value_place(file, scenario, option, criterion)
        }
        _ => None,
    };
    match place {
        Some((line, col)) => format!("{}:{line}:{col}: {message}", file.display()),
        None => format!("{}: {message}", file.display()),
    }
}
