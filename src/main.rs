//! Entry point: parse the command line, then run a headless command or open the window.

use std::process::ExitCode;

use clap::Parser;
use tideline::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => tideline::cli::run(command),
        None => tideline::app::run(tideline::app::Launch {
            file: cli.file,
            screenshot: cli.screenshot,
            view: cli.view,
            lang: cli.lang,
            projection: cli.projection,
            size: cli.size,
            import_weights: cli.import_weights,
            quick_entry: cli.quick_entry,
        }),
    }
}
