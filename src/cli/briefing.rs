//! `report` and `export`: a briefing (HTML or Markdown) and the matrix or results as CSV.

use std::path::Path;
use std::process::ExitCode;

use super::*;

/// The time a briefing is stamped with: `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set, so scripted briefings can be byte-identical; else now.
pub(super) fn export_time() -> String {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map_or_else(report::now_utc, report::utc_timestamp)
}

pub(super) fn report_command(
    file: &Path,
    output: &Path,
    profile: Option<&str>,
    method: Option<MethodArg>,
    normalization: Option<Normalization>,
) -> ExitCode {
    let Some(format) = report::Format::from_path(output) else {
        say!(
            "{}: unknown briefing format; name the output .html (a self-contained web page) or .md (Markdown)",
            output.display()
        );
        return ExitCode::FAILURE;
    };
    if super::files::refuses_overwriting(file, output) {
        return ExitCode::FAILURE;
    }
    let (scenario, profile_index, chosen) =
        match load_and_choose(file, profile, method, normalization) {
            Ok(x) => x,
            Err(code) => return code,
        };
    let Chosen::One(method, normalization) = chosen else {
        say!(
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
        lang: crate::i18n::Lang::En,
    };
    let briefing = match report::briefing(&scenario, &request) {
        Ok(b) => b,
        Err(e) => {
            say!("{}", super::files::score_error(file, &scenario, &e));
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
            say!("{}: cannot write the briefing: {e}", output.display());
            ExitCode::FAILURE
        }
    }
}

pub(super) fn export_command(
    file: &Path,
    matrix: Option<&Path>,
    results: Option<&Path>,
    profile: Option<&str>,
    method: Option<MethodArg>,
    normalization: Option<Normalization>,
) -> ExitCode {
    let outputs = [matrix, results];
    if outputs
        .iter()
        .flatten()
        .any(|out| super::files::refuses_overwriting(file, out))
    {
        return ExitCode::FAILURE;
    }
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
                say!("{}: {e}", file.display());
                return ExitCode::FAILURE;
            }
        }
    }
    if let Some(out) = results {
        let text = match chosen {
            Chosen::One(m, n) => match score_with(&scenario, profile_index, m, n) {
                Ok(r) => export::results_csv(&scenario, &r),
                Err(e) => {
                    say!("{}", super::files::score_error(file, &scenario, &e));
                    return ExitCode::FAILURE;
                }
            },
            Chosen::All(preferred) => {
                let cmp = compare_with(&scenario, profile_index, preferred);
                for (m, r) in cmp.methods.iter().zip(&cmp.results) {
                    if let Err(e) = r {
                        let message = format!("{}: {e}", m.keyword());
                        say!(
                            "{}",
                            super::files::placed(file, &scenario, Some(e), message)
                        );
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
            say!("{}: cannot write: {e}", out.display());
            return ExitCode::FAILURE;
        }
        println!("{}: wrote {}", file.display(), out.display());
    }
    ExitCode::SUCCESS
}
