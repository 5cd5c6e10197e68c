//! Importing participants' weights from files: weights forms, and whole scenario files whose
//! profiles are taken. Each file is read (size limit, UTF-8, parse, checks against the open
//! scenario's value tree); the profiles of the good ones are merged by
//! [`crate::scenario::merge::plan`]; every refusal keeps its file, line, column and reason.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::files::diagnostic::{Diagnostic, LineIndex, LoadError, utf8};
use crate::files::locate::FieldMap;
use crate::files::scenario_file::{located, parse_ron, read_limited};
use crate::files::weights_form::{looks_like_form, read_form};
use crate::scenario::merge::{self, Merged};
use crate::scenario::model::{Scenario, WeightProfile, id_list};
use crate::scenario::validate::Problem;

/// Where a profile read from a file stands in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub location: Option<(usize, usize)>,
    /// The profile's field path in its file (`participant`, `profiles[2]`).
    pub field: String,
}

/// What an import did, or would do: the profiles to put in, and the summary shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Import {
    /// The profiles to put in, in one `Edit::ImportProfiles`.
    pub profiles: Vec<WeightProfile>,
    pub summary: Summary,
}

/// Added, replaced and refused, each with where it came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub added: Vec<Merged<Place>>,
    pub replaced: Vec<Merged<Place>>,
    /// Every refusal: a whole file (unreadable, not a form, another value tree) or one
    /// profile, each at its file, line and column.
    pub refused: Vec<Diagnostic>,
    /// How many files were read.
    pub files: usize,
}

impl Summary {
    /// The files with at least one refusal.
    pub fn refused_files(&self) -> usize {
        self.refused
            .iter()
            .map(|d| d.file.as_str())
            .collect::<HashSet<_>>()
            .len()
    }
}

/// The profiles a file holds, checked against `target`'s value tree: one participant from a
/// weights form, every profile from a scenario file.
pub fn read_profiles(
    bytes: &[u8],
    file: &str,
    target: &Scenario,
) -> Result<Vec<(Place, WeightProfile)>, LoadError> {
    let text = utf8(bytes, file)?;
    if text.trim().is_empty() {
        return Err(LoadError::single(Diagnostic::whole_file(
            file,
            "the file is empty; expected a weights form `( weights_form: 1, ... )` or a scenario file",
        )));
    }
    if looks_like_form(text) {
        let profile = read_form(bytes, file, target)?;
        let fields = FieldMap::of_paths(text, ["participant"]);
        let location = fields
            .start_of("participant")
            .map(|b| LineIndex::new(text).line_col(b));
        return Ok(vec![(
            Place {
                file: file.to_string(),
                location,
                field: "participant".to_string(),
            },
            profile,
        )]);
    }
    let source = parse_ron(bytes, file).map_err(|mut e| {
        // A file that is neither: say what was expected of it.
        if let Some(first) = e.diagnostics.first_mut()
            && first.field.is_empty()
            && first.location == Some((1, 1))
        {
            first.message.push_str(
                " (expected a weights form `( weights_form: 1, ... )` or a scenario file)",
            );
        }
        e
    })?;
    let problems = tree_differences(&source, target);
    if !problems.is_empty() {
        return Err(located(text, file, problems));
    }
    let paths: Vec<String> = (0..source.profiles.len())
        .map(|i| format!("profiles[{i}]"))
        .collect();
    let fields = FieldMap::of_paths(text, paths.iter().map(String::as_str));
    let lines = LineIndex::new(text);
    Ok(source
        .profiles
        .into_iter()
        .zip(paths)
        .map(|(p, field)| {
            let place = Place {
                file: file.to_string(),
                location: fields.start_of(&field).map(|b| lines.line_col(b)),
                field,
            };
            (place, p)
        })
        .collect())
}

/// Where a scenario file's value tree differs from `target`'s, at its families' and
/// criteria's places: the same family ids, and each criterion in the same family.
fn tree_differences(source: &Scenario, target: &Scenario) -> Vec<Problem> {
    let differs = "this scenario's value tree differs from the open scenario's, so its profiles cannot be taken:";
    let mut problems = Vec::new();
    let families: HashSet<&str> = target.families.iter().map(|f| f.id.as_str()).collect();
    let family_of: HashMap<&str, &str> = target
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.family.as_str()))
        .collect();
    for (i, f) in source.families.iter().enumerate() {
        if !families.contains(f.id.as_str()) {
            problems.push(Problem {
                field: format!("families[{i}].id"),
                message: format!("{differs} the open scenario has no family `{}`", f.id),
            });
        }
    }
    for (i, c) in source.criteria.iter().enumerate() {
        match family_of.get(c.id.as_str()) {
            None => problems.push(Problem {
                field: format!("criteria[{i}].id"),
                message: format!("{differs} the open scenario has no criterion `{}`", c.id),
            }),
            Some(&f) if f != c.family => problems.push(Problem {
                field: format!("criteria[{i}].family"),
                message: format!(
                    "{differs} criterion `{}` is in family `{f}` in the open scenario",
                    c.id
                ),
            }),
            Some(_) => {}
        }
    }
    let has_f: HashSet<&str> = source.families.iter().map(|f| f.id.as_str()).collect();
    let has_c: HashSet<&str> = source.criteria.iter().map(|c| c.id.as_str()).collect();
    let missing_f: Vec<&str> = families
        .iter()
        .copied()
        .filter(|f| !has_f.contains(f))
        .collect();
    let missing_c: Vec<&str> = target
        .criteria
        .iter()
        .map(|c| c.id.as_str())
        .filter(|c| !has_c.contains(c))
        .collect();
    if !missing_f.is_empty() {
        problems.push(Problem {
            field: "families".into(),
            message: format!(
                "{differs} it lacks family {}",
                id_list(missing_f.into_iter())
            ),
        });
    }
    if !missing_c.is_empty() {
        problems.push(Problem {
            field: "criteria".into(),
            message: format!(
                "{differs} it lacks criterion {}",
                id_list(missing_c.into_iter())
            ),
        });
    }
    problems
}

/// Imports the files `inputs` (name, contents) into `target`: every good profile merged,
/// every bad file or profile refused with its reason. Nothing in `target` changes; apply
/// [`Import::profiles`] as one edit.
pub fn import_bytes<'a>(
    target: &Scenario,
    inputs: impl IntoIterator<Item = (String, &'a [u8])>,
) -> Import {
    let mut refused = Vec::new();
    let mut candidates = Vec::new();
    let mut files = 0;
    for (name, bytes) in inputs {
        files += 1;
        match read_profiles(bytes, &name, target) {
            Ok(found) => candidates.extend(found),
            Err(e) => refused.extend(e.diagnostics),
        }
    }
    finish(target, candidates, refused, files)
}

/// [`import_bytes`] for files on disk, read one at a time (each within the size limit of
/// scenario files).
pub fn import_paths(target: &Scenario, paths: &[impl AsRef<Path>]) -> Import {
    let mut refused = Vec::new();
    let mut candidates = Vec::new();
    for path in paths {
        let name = path.as_ref().display().to_string();
        let read = read_limited(path.as_ref())
            .map_err(|m| LoadError::single(Diagnostic::whole_file(&name, m)))
            .and_then(|bytes| read_profiles(&bytes, &name, target));
        match read {
            Ok(found) => candidates.extend(found),
            Err(e) => refused.extend(e.diagnostics),
        }
    }
    finish(target, candidates, refused, paths.len())
}

fn finish(
    target: &Scenario,
    candidates: Vec<(Place, WeightProfile)>,
    mut refused: Vec<Diagnostic>,
    files: usize,
) -> Import {
    let plan = merge::plan(target, candidates);
    refused.extend(
        plan.refused
            .into_iter()
            .map(|(at, field, message)| Diagnostic {
                file: at.file,
                location: at.location,
                field: match (at.field.is_empty(), field.is_empty()) {
                    (_, true) => at.field,
                    (true, false) => field,
                    (false, false) => format!("{}.{field}", at.field),
                },
                message,
            }),
    );
    Import {
        profiles: plan.profiles,
        summary: Summary {
            added: plan.added,
            replaced: plan.replaced,
            refused,
            files,
        },
    }
}
