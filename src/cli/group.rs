//! `tideline group`: a group profile pooled from chosen profiles, written into a copy of the
//! scenario.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::files::refuses_overwriting;
use super::find_profile;
use crate::analysis::group::{GroupRule, group_profile};
use crate::files::scenario_file::{self, load_path};
use crate::scenario::model::unique_id;
use crate::scenario::validate::validate;

#[derive(Debug, Args)]
pub struct GroupArgs {
    /// Scenario file (.ron) or CSV matrix (.csv).
    file: PathBuf,
    /// The profiles to pool, by id or name, separated by commas; each counts its vote weight.
    #[arg(long, value_name = "A,B,…", value_delimiter = ',', required = true)]
    profiles: Vec<String>,
    /// How to pool: the mean or the median of the effective weights, or the geometric mean of
    /// the pairwise judgements every chosen profile holds for the same scope.
    #[arg(long, value_enum, default_value_t = RuleArg::Mean)]
    rule: RuleArg,
    /// Id of the new profile (default: `group`, or `group-2`… if taken).
    #[arg(long)]
    id: Option<String>,
    /// Name of the new profile (default: "Group (mean)" and the like).
    #[arg(long)]
    name: Option<String>,
    /// Scenario file to write (.ron): the input with the group profile added.
    #[arg(short, long, value_name = "OUT.ron")]
    output: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RuleArg {
    Mean,
    Median,
    Geometric,
}

impl From<RuleArg> for GroupRule {
    fn from(r: RuleArg) -> Self {
        match r {
            RuleArg::Mean => GroupRule::Mean,
            RuleArg::Median => GroupRule::Median,
            RuleArg::Geometric => GroupRule::Geometric,
        }
    }
}

/// Runs `tideline group`.
pub fn run(args: &GroupArgs) -> ExitCode {
    let file = args.file.as_path();
    let fail = |message: String| {
        say!("{}: {message}", file.display());
        ExitCode::FAILURE
    };
    if refuses_overwriting(file, &args.output) {
        return ExitCode::FAILURE;
    }
    let mut scenario = match load_path(file) {
        Ok(s) => s,
        Err(e) => {
            say!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut members = Vec::new();
    let mut seen = HashSet::new();
    for wanted in args.profiles.iter().map(|p| p.trim()) {
        let Some(k) = find_profile(&scenario, wanted) else {
            let known: Vec<&str> = scenario.profiles.iter().map(|p| p.id.as_str()).collect();
            return fail(format!(
                "unknown profile `{wanted}`; expected one of: {}",
                crate::scenario::model::id_list(known.into_iter())
            ));
        };
        if !seen.insert(k) {
            return fail(format!(
                "profile `{wanted}` is listed twice; to count a profile more, set its vote_weight"
            ));
        }
        members.push(k);
    }
    let rule: GroupRule = args.rule.into();
    let taken = |id: &str| scenario.profile_index(id).is_some();
    let id = match &args.id {
        Some(id) if taken(id) => return fail(format!("a profile `{id}` already exists")),
        Some(id) => id.clone(),
        None => unique_id("group", taken),
    };
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| format!("Group ({})", rule.keyword()));
    let group = match group_profile(&scenario, &members, rule, &id, &name) {
        Ok(g) => g,
        Err(e) => return fail(e.to_string()),
    };
    scenario.profiles.push(group.profile);
    if let Some(problem) = validate(&scenario).into_iter().next() {
        return fail(format!(
            "the group profile is not valid: {}: {}",
            problem.field, problem.message
        ));
    }
    match scenario_file::save(&args.output, &scenario) {
        Ok(()) => {
            println!(
                "{}: added profile `{id}` ({} of {} profiles) to {}",
                file.display(),
                rule.keyword(),
                members.len(),
                args.output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
