//! `merge-profiles` and `weights-form`: participants' weights taken in from weights forms and
//! scenario files, and blank or filled forms written out.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::files::refuses_overwriting;
use super::*;
use crate::files::weights_form::{import::import_paths, write_form};

/// Merges the profiles of `weights` (forms or scenario files) into `scenario` and writes the
/// result to `output`. Every refusal is printed at its file, line and column; the good files
/// still merge; exit 1 when anything was refused or nothing could be written.
pub(super) fn merge_profiles(scenario: &Path, weights: &[PathBuf], output: &Path) -> ExitCode {
    if refuses_overwriting(scenario, output)
        || weights.iter().any(|w| refuses_overwriting(w, output))
    {
        return ExitCode::FAILURE;
    }
    let mut s = match load_path(scenario) {
        Ok(s) => s,
        Err(e) => {
            say!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let import = import_paths(&s, weights);
    let summary = &import.summary;
    for m in &summary.added {
        println!("{}: added `{}` ({})", m.from.file, m.id, m.name);
    }
    for m in &summary.replaced {
        println!("{}: replaced `{}` ({})", m.from.file, m.id, m.name);
    }
    for d in &summary.refused {
        say!("{d}");
    }
    crate::scenario::merge::put_profiles(&mut s, &import.profiles);
    // The merged profiles were each checked alone; the whole is checked before it is written.
    if let Some(p) = crate::scenario::validate::validate(&s).first() {
        say!(
            "{}: not written: {}: {}",
            output.display(),
            p.field,
            p.message
        );
        return ExitCode::FAILURE;
    }
    if let Err(e) = scenario_file::save(output, &s) {
        say!("{e}");
        return ExitCode::FAILURE;
    }
    println!(
        "{}: {} added, {} replaced, {} refused ({} of {} files with problems)",
        output.display(),
        summary.added.len(),
        summary.replaced.len(),
        summary.refused.len(),
        summary.refused_files(),
        weights.len()
    );
    if summary.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Writes a weights form for `scenario`: empty, or filled with a profile's weights (the one
/// named, else the active one).
pub(super) fn weights_form(
    scenario: &Path,
    profile: Option<&str>,
    empty: bool,
    output: &Path,
) -> ExitCode {
    if refuses_overwriting(scenario, output) {
        return ExitCode::FAILURE;
    }
    let s = match load_path(scenario) {
        Ok(s) => s,
        Err(e) => {
            say!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let text = if empty {
        write_form(&s, None)
    } else {
        match choose_profile(&s, scenario, profile) {
            Ok(p) => write_form(&s, s.profiles.get(p)),
            Err(m) => {
                say!("{m}");
                return ExitCode::FAILURE;
            }
        }
    };
    match scenario_file::write_atomic(output, &text) {
        Ok(()) => {
            println!("wrote {}", output.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("{}: {e}", output.display());
            ExitCode::FAILURE
        }
    }
}
