//! `generate`: a made-up scenario of a given size, for benchmarks, tests and trying the window
//! at scale (see `files::generate`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::files::generate::generate_ron;
use crate::files::scenario_file::write_atomic;

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of options (the first is the status quo, the portfolios' baseline).
    #[arg(long, value_name = "N")]
    pub options: usize,
    /// Number of criteria.
    #[arg(long, value_name = "M")]
    pub criteria: usize,
    /// Seed: the same size and seed give the same file.
    #[arg(long, value_name = "S", default_value_t = 2019)]
    pub seed: u64,
    /// Scenario file to write (.ron).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

pub(super) fn run(args: &GenerateArgs) -> ExitCode {
    let text = match generate_ron(args.options, args.criteria, args.seed) {
        Ok(text) => text,
        Err(message) => {
            say!("{}: {message}", args.output.display());
            return ExitCode::FAILURE;
        }
    };
    match write_atomic(&args.output, &text) {
        Ok(()) => {
            println!(
                "{}: wrote {} options × {} criteria (seed {}), {} bytes",
                args.output.display(),
                args.options,
                args.criteria,
                args.seed,
                text.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("{}: cannot save: {e}", args.output.display());
            ExitCode::FAILURE
        }
    }
}
