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

pub(super) fn import(file: &Path, output: &Path) -> ExitCode {
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
