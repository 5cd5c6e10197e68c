//! Weights forms: a small RON file holding a scenario's value tree (families and their
//! criteria, with names so a participant knows what they weigh) and one participant's points,
//! to fill in by hand or in Tideline and bring back. `docs/weights-form.md` is its reference.
//!
//! Reading a form checks it against the scenario it is brought into and gives the participant's
//! profile, or every problem at its line and column, as scenario files are read.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use serde::Deserialize;

use crate::files::diagnostic::{Diagnostic, LoadError, utf8};
use crate::files::scenario_file::{located, parse_located};
use crate::i18n::Lang;
use crate::scenario::merge::id_from_name;
use crate::scenario::model::{
    Elicitation, Scenario, Translation, WeightMap, WeightProfile, id_list,
};
use crate::scenario::validate::{MAX_VOTE_WEIGHT, Problem};
use crate::scenario::weights::effective_weights;

pub mod import;

/// The form version this build reads and writes.
pub const FORM_VERSION: u32 = 1;

/// Most points one family or criterion may be given: only ratios count, and a number this
/// large is a slip of the keyboard.
pub const MAX_POINTS: f64 = 1e9;

/// A weights form as written in the file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// The form version, first in the file: tells a form from a scenario.
    pub weights_form: u32,
    /// The scenario's title, for the reader; not checked.
    #[serde(default)]
    pub scenario: String,
    pub participant: Participant,
    pub families: Vec<FormFamily>,
}

/// Who gives the weights.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// The profile id; made from the name when empty.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// The name in Simplified Chinese, if any.
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub note: String,
    #[serde(default = "one")]
    pub vote_weight: f64,
}

fn one() -> f64 {
    1.0
}

/// A family of the value tree, its points and its criteria.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormFamily {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub points: Option<f64>,
    #[serde(default)]
    pub criteria: Vec<FormCriterion>,
}

/// A criterion and its points within its family.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormCriterion {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub points: Option<f64>,
}

/// Just the version, read before anything else.
#[derive(Deserialize)]
struct VersionProbe {
    weights_form: u32,
}

/// The form for `scenario`: filled with `profile`'s weights, or empty (every `points: None`,
/// no participant) when `profile` is `None`.
pub fn write_form(scenario: &Scenario, profile: Option<&WeightProfile>) -> String {
    let mut out = String::new();
    let title = scenario.metadata.title.replace(['\n', '\r'], " ");
    let _ = writeln!(
        out,
        "// Tideline weights form, version {FORM_VERSION}, for the scenario \"{title}\".\n\
         // See docs/weights-form.md. Give each family points, then each criterion points\n\
         // within its family: any numbers of 0 or more, only their ratios count (40 and 20\n\
         // weigh the first twice the second). Write `points: None` for every family, or for\n\
         // every criterion of a family, to weigh them all alike. Ids must stay as they are."
    );
    out.push_str("(\n");
    let _ = writeln!(out, "    weights_form: {FORM_VERSION},");
    let _ = writeln!(out, "    scenario: {},", quote(&scenario.metadata.title));
    out.push_str("    participant: (\n");
    let (id, name, name_zh, author, note, vote) = match profile {
        Some(p) => (
            p.id.as_str(),
            p.name.as_str(),
            zh_name(&p.i18n),
            p.author.as_str(),
            p.note.as_str(),
            p.vote_weight,
        ),
        None => ("", "", "", "", "", 1.0),
    };
    let _ = writeln!(
        out,
        "        id: {},  // left empty, it is made from the name",
        quote(id)
    );
    let _ = writeln!(out, "        name: {},", quote(name));
    if !name_zh.is_empty() || profile.is_none() {
        let _ = writeln!(out, "        name_zh: {},", quote(name_zh));
    }
    let _ = writeln!(out, "        author: {},", quote(author));
    let _ = writeln!(out, "        note: {},", quote(note));
    let _ = writeln!(
        out,
        "        vote_weight: {},   // how much this participant counts when profiles are pooled",
        number(vote)
    );
    out.push_str("    ),\n    families: [\n");
    for f in &scenario.families {
        let points = profile.map(|p| map_points(&p.family_weights, &f.id));
        out.push_str("        (\n");
        let _ = writeln!(out, "            id: {},", quote(&f.id));
        let _ = writeln!(out, "            name: {},", quote(&f.name));
        let zh = zh_name(&f.i18n);
        if !zh.is_empty() {
            let _ = writeln!(out, "            name_zh: {},", quote(zh));
        }
        let _ = writeln!(out, "            points: {},", points_text(points));
        out.push_str("            criteria: [\n");
        for c in scenario.criteria.iter().filter(|c| c.family == f.id) {
            let points = profile.map(|p| map_points(&p.criterion_weights, &c.id));
            let zh = zh_name(&c.i18n);
            let zh = if zh.is_empty() {
                String::new()
            } else {
                format!(", name_zh: {}", quote(zh))
            };
            let _ = writeln!(
                out,
                "                (id: {}, name: {}{zh}, points: {}),",
                quote(&c.id),
                quote(&c.name),
                points_text(points)
            );
        }
        out.push_str("            ],\n        ),\n");
    }
    out.push_str("    ],\n)\n");
    out
}

/// A weight as the form writes it: the map's, or 1 when the map is empty (equal weights).
fn map_points(map: &WeightMap, id: &str) -> f64 {
    if map.is_empty() {
        1.0
    } else {
        map.get(id).unwrap_or(0.0)
    }
}

fn points_text(points: Option<f64>) -> String {
    points.map_or_else(|| "None".to_string(), number)
}

/// A number as RON reads it back exactly (`40.0`, `0.1`, `1e300`).
fn number(x: f64) -> String {
    format!("{x:?}")
}

/// Text as a RON string, escaped.
fn quote(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

fn zh_name(i18n: &crate::scenario::model::Translations) -> &str {
    i18n.get(Lang::ZhCn.code()).map_or("", |t| t.name.as_str())
}

/// Whether `text` is a weights form rather than a scenario: its top-level record has a
/// `weights_form` field. A tolerant scan, so a broken form is still told apart.
pub fn looks_like_form(text: &str) -> bool {
    let fields = crate::files::locate::FieldMap::of_paths(text, ["weights_form", "metadata"]);
    let form = fields.exact_start("weights_form");
    let scenario = fields.exact_start("metadata");
    match (form, scenario) {
        (Some(_), None) => true,
        (Some(f), Some(m)) => f < m,
        _ => false,
    }
}

/// Whether the file at `path` is a weights form (read within the size limit; an unreadable
/// file is not).
pub fn is_form_file(path: &std::path::Path) -> bool {
    crate::files::scenario_file::read_limited(path)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .is_some_and(|t| looks_like_form(&t))
}

/// Reads a weights form and checks it against `target`: the participant's profile, or every
/// problem at its line and column.
pub fn read_form(bytes: &[u8], file: &str, target: &Scenario) -> Result<WeightProfile, LoadError> {
    let text = utf8(bytes, file)?;
    if text.trim().is_empty() {
        return Err(LoadError::single(Diagnostic::whole_file(
            file,
            "the file is empty; expected a weights form `( weights_form: 1, ... )`",
        )));
    }
    if let Ok(probe) = crate::files::scenario_file::ron_options().from_str::<VersionProbe>(text)
        && probe.weights_form != FORM_VERSION
    {
        let problem = Problem {
            field: "weights_form".to_string(),
            message: format!(
                "unknown form version {}; this build of Tideline reads version {FORM_VERSION}",
                probe.weights_form
            ),
        };
        return Err(located(text, file, vec![problem]));
    }
    let form: Form = parse_located(text, file)?;
    profile_of(&form, target).map_err(|problems| located(text, file, problems))
}

/// The participant's profile from a parsed form, or the problems with their form fields.
pub fn profile_of(form: &Form, target: &Scenario) -> Result<WeightProfile, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut err = |field: String, message: String| problems.push(Problem { field, message });
    let who = &form.participant;
    if form.weights_form != FORM_VERSION {
        err(
            "weights_form".into(),
            format!("expected form version {FORM_VERSION}"),
        );
    }
    if who.id.trim().is_empty() && who.name.trim().is_empty() {
        err(
            "participant.name".into(),
            "the participant has no name; write who gives these weights".into(),
        );
    }
    if who.id.trim() != who.id {
        err(
            "participant.id".into(),
            format!("id `{}` has leading or trailing spaces", who.id),
        );
    }
    if !(who.vote_weight.is_finite() && who.vote_weight > 0.0 && who.vote_weight <= MAX_VOTE_WEIGHT)
    {
        err(
            "participant.vote_weight".into(),
            format!(
                "vote weight {} is outside (0, {MAX_VOTE_WEIGHT}]",
                who.vote_weight
            ),
        );
    }
    tree_problems(form, target, &mut err);
    points_problems(form, &mut err);
    if !problems.is_empty() {
        return Err(problems);
    }
    let profile = build_profile(form, target);
    let filled = form
        .families
        .iter()
        .any(|f| f.points.is_some() || f.criteria.iter().any(|c| c.points.is_some()));
    if !filled {
        return Err(vec![Problem {
            field: "families".into(),
            message: "no points are filled in: give each family (and, if you like, each criterion) points".into(),
        }]);
    }
    if effective_weights(target, &profile)
        .iter()
        .all(|&w| w == 0.0)
    {
        return Err(vec![Problem {
            field: "families".into(),
            message: "every criterion ends up with weight zero; at least one must be above zero"
                .into(),
        }]);
    }
    Ok(profile)
}

/// Where the form's tree differs from the scenario's: families and criteria unknown, given
/// twice, under another family, or missing.
fn tree_problems(form: &Form, target: &Scenario, err: &mut impl FnMut(String, String)) {
    let families: HashSet<&str> = target.families.iter().map(|f| f.id.as_str()).collect();
    let family_of: HashMap<&str, &str> = target
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.family.as_str()))
        .collect();
    let differs = "the form's value tree differs from the scenario's:";
    let mut seen_f = HashSet::new();
    let mut seen_c = HashSet::new();
    for (i, f) in form.families.iter().enumerate() {
        let at = format!("families[{i}]");
        if !seen_f.insert(f.id.as_str()) {
            err(
                format!("{at}.id"),
                format!("family `{}` is given twice", f.id),
            );
        } else if !families.contains(f.id.as_str()) {
            err(
                format!("{at}.id"),
                format!(
                    "{differs} the scenario has no family `{}` (its families: {})",
                    f.id,
                    id_list(target.families.iter().map(|f| f.id.as_str()))
                ),
            );
            continue;
        }
        for (j, c) in f.criteria.iter().enumerate() {
            let at = format!("{at}.criteria[{j}].id");
            if !seen_c.insert(c.id.as_str()) {
                err(at, format!("criterion `{}` is given twice", c.id));
                continue;
            }
            match family_of.get(c.id.as_str()) {
                None => err(
                    at,
                    format!("{differs} the scenario has no criterion `{}`", c.id),
                ),
                Some(&fam) if fam != f.id => err(
                    at,
                    format!(
                        "{differs} criterion `{}` is in family `{fam}` in the scenario, not `{}`",
                        c.id, f.id
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    let missing_f: Vec<&str> = target
        .families
        .iter()
        .map(|f| f.id.as_str())
        .filter(|id| !seen_f.contains(id))
        .collect();
    if !missing_f.is_empty() {
        err(
            "families".into(),
            format!(
                "{differs} the form lacks the scenario's family {}",
                id_list(missing_f.into_iter())
            ),
        );
    }
    let missing_c: Vec<&str> = target
        .criteria
        .iter()
        .map(|c| c.id.as_str())
        // A criterion of a missing family is already said.
        .filter(|id| !seen_c.contains(id) && family_of.get(id).is_some_and(|f| seen_f.contains(f)))
        .collect();
    if !missing_c.is_empty() {
        err(
            "families".into(),
            format!(
                "{differs} the form lacks the scenario's criterion {}",
                id_list(missing_c.into_iter())
            ),
        );
    }
}

/// Points that are not numbers of 0 to [`MAX_POINTS`], and levels filled in part.
fn points_problems(form: &Form, err: &mut impl FnMut(String, String)) {
    let check = |x: f64| -> Option<String> {
        if !x.is_finite() {
            Some(format!("expected a number of 0 or more, found {x}"))
        } else if x < 0.0 {
            Some(format!("points {x} are negative; give 0 or more"))
        } else if x > MAX_POINTS {
            Some(format!(
                "{x:e} points is over the limit of 1e9: only ratios count, use smaller numbers"
            ))
        } else {
            None
        }
    };
    let partly = |given: usize, all: usize| given > 0 && given < all;
    let given_f = form.families.iter().filter(|f| f.points.is_some()).count();
    for (i, f) in form.families.iter().enumerate() {
        match f.points {
            Some(x) => {
                if let Some(m) = check(x) {
                    err(format!("families[{i}].points"), m);
                }
            }
            None if partly(given_f, form.families.len()) => err(
                format!("families[{i}].points"),
                format!(
                    "no points for family `{}`: give every family points (0 leaves one out), or none for equal weights",
                    f.id
                ),
            ),
            None => {}
        }
        let given_c = f.criteria.iter().filter(|c| c.points.is_some()).count();
        for (j, c) in f.criteria.iter().enumerate() {
            let at = format!("families[{i}].criteria[{j}].points");
            match c.points {
                Some(x) => {
                    if let Some(m) = check(x) {
                        err(at, m);
                    }
                }
                None if partly(given_c, f.criteria.len()) => err(
                    at,
                    format!(
                        "no points for criterion `{}`: give every criterion of family `{}` points, or none to weigh them alike",
                        c.id, f.id
                    ),
                ),
                None => {}
            }
        }
    }
}

/// The profile a sound form gives: family points as family weights (none: equal), criterion
/// points as criterion weights (a family with none: its criteria alike), in the scenario's
/// order.
fn build_profile(form: &Form, target: &Scenario) -> WeightProfile {
    let who = &form.participant;
    let family_points: HashMap<&str, Option<f64>> = form
        .families
        .iter()
        .map(|f| (f.id.as_str(), f.points))
        .collect();
    let criterion_points: HashMap<&str, Option<f64>> = form
        .families
        .iter()
        .flat_map(|f| f.criteria.iter().map(|c| (c.id.as_str(), c.points)))
        .collect();
    let family_weights = if family_points.values().all(Option::is_none) {
        WeightMap::default()
    } else {
        target
            .families
            .iter()
            .map(|f| {
                let w = family_points.get(f.id.as_str()).copied().flatten();
                (f.id.clone(), w.unwrap_or(0.0))
            })
            .collect()
    };
    let criterion_weights = if criterion_points.values().all(Option::is_none) {
        WeightMap::default()
    } else {
        target
            .criteria
            .iter()
            .map(|c| {
                // A family left unfilled weighs its criteria alike.
                let w = criterion_points.get(c.id.as_str()).copied().flatten();
                (c.id.clone(), w.unwrap_or(1.0))
            })
            .collect()
    };
    let mut i18n = crate::scenario::model::Translations::new();
    if !who.name_zh.trim().is_empty() {
        i18n.insert(
            Lang::ZhCn.code().to_string(),
            Translation {
                name: who.name_zh.clone(),
                ..Default::default()
            },
        );
    }
    let name = if who.name.trim().is_empty() {
        who.id.clone()
    } else {
        who.name.clone()
    };
    WeightProfile {
        id: if who.id.is_empty() {
            id_from_name(&who.name)
        } else {
            who.id.clone()
        },
        name,
        author: who.author.clone(),
        note: who.note.clone(),
        provenance: None,
        elicitation: Elicitation::Direct,
        vote_weight: who.vote_weight,
        family_weights,
        criterion_weights,
        weight_ranges: Vec::new(),
        i18n,
        elicited: Vec::new(),
        room: None,
    }
}
