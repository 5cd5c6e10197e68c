//! Properties that must hold for every valid scenario, checked on generated ones (proptest):
//! a save and a load give the same scenario back; any run of edits is undone by as many undos;
//! every method and normalisation gives finite scores and a competition ranking; SMAA's rank
//! acceptabilities form a doubly stochastic matrix; the best portfolio keeps to its budget and
//! its must-in and must-out lists, and no feasible set of options is worth more (brute force).
//!
//! Scenarios are written as RON text from generated parts and read with the program's own
//! reader, which validates them: a generated scenario the reader refuses is a failure of the
//! generator, counted and required to be rare. `PROPTEST_CASES` raises the number of cases.

use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};
use tideline::analysis::portfolio::{self, Instance};
use tideline::analysis::scoring::{ScoreError, nearly_equal, score_with};
use tideline::analysis::smaa::{self, Control, Request, WeightInfo};
use tideline::app::{Command, TidelineApp};
use tideline::files::scenario_file::{parse_ron, save, to_ron};
use tideline::scenario::edit::Edit;
use tideline::scenario::model::{Method, Normalization, Scenario};
use tideline::scenario::validate::validate;

/// Cases per property: modest by default (the whole file in a few seconds in debug), more with
/// `PROPTEST_CASES`.
fn config(default_cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    Config {
        cases,
        max_shrink_iters: 200,
        ..Config::default()
    }
}

/// One criterion's generated parts.
#[derive(Clone, Debug)]
struct CriterionSpec {
    family: usize,
    maximize: bool,
    min: f64,
    width: f64,
    /// A middle point of a value function, as (fraction of the scale, value).
    value_function: Option<(f64, f64)>,
}

/// One cell: its value as a fraction of the scale, or missing; and an uncertainty spread.
#[derive(Clone, Debug)]
struct CellSpec {
    at: Option<f64>,
    /// (below, above) as fractions of the room to the scale's ends; triangular if `tri`.
    spread: Option<(f64, f64, bool)>,
}

/// A profile: family weights and criterion weights (`None`: equal), whether it has ranges.
type ProfileSpec = (Option<Vec<f64>>, Option<Vec<f64>>, bool);

#[derive(Clone, Debug)]
struct Spec {
    families: usize,
    criteria: Vec<CriterionSpec>,
    /// Per option: cost, cells (one per criterion).
    options: Vec<(f64, Vec<CellSpec>)>,
    /// (a, b, effect) between options a < b; `None` effect: an exclusion.
    interactions: Vec<(usize, usize, Option<f64>)>,
    profiles: Vec<ProfileSpec>,
    method: Method,
    normalization: Normalization,
    budget: f64,
    /// Option 0 as the baseline.
    baseline: bool,
    include: Vec<usize>,
    exclude: Vec<usize>,
}

fn criterion_spec(families: usize) -> impl Strategy<Value = CriterionSpec> {
    (
        0..families,
        any::<bool>(),
        prop_oneof![Just(0.0), Just(1.0), -50.0..50.0f64],
        prop_oneof![Just(10.0), 0.5..200.0f64],
        proptest::option::weighted(0.25, (0.05..0.95f64, 0.0..=1.0f64)),
    )
        .prop_map(
            |(family, maximize, min, width, value_function)| CriterionSpec {
                family,
                maximize,
                min,
                width,
                value_function,
            },
        )
}

fn cell_spec(missing: bool) -> impl Strategy<Value = CellSpec> {
    let at = if missing {
        proptest::option::weighted(0.85, 0.0..=1.0f64).boxed()
    } else {
        (0.0..=1.0f64).prop_map(Some).boxed()
    };
    (
        at,
        proptest::option::weighted(0.3, (0.0..=1.0f64, 0.0..=1.0f64, any::<bool>())),
    )
        .prop_map(|(at, spread)| CellSpec { at, spread })
}

fn method() -> impl Strategy<Value = Method> {
    prop::sample::select(Method::ALL.to_vec())
}

/// Valid scenarios; `missing` allows cells without a value.
fn spec(missing: bool) -> impl Strategy<Value = Spec> {
    (1usize..=3, 1usize..=5, 2usize..=7).prop_flat_map(move |(families, extra, n_options)| {
        let n_criteria = families.max(extra);
        (
            proptest::collection::vec(criterion_spec(families), n_criteria),
            proptest::collection::vec(
                (
                    prop_oneof![Just(0.0), 0.0..10.0f64],
                    proptest::collection::vec(cell_spec(missing), n_criteria),
                ),
                n_options,
            ),
            proptest::collection::vec(
                (
                    0..n_options,
                    0..n_options,
                    proptest::option::weighted(0.8, -0.05..0.05f64),
                ),
                0..4,
            ),
            proptest::collection::vec(
                (
                    // A weight map is empty (equal weights) or names every family or criterion.
                    proptest::option::of(proptest::collection::vec(0.05..10.0f64, families)),
                    proptest::option::of(proptest::collection::vec(0.05..10.0f64, n_criteria)),
                    any::<bool>(),
                ),
                1..=3,
            ),
            method(),
            prop::sample::select(Normalization::ALL.to_vec()),
            0.0..40.0f64,
            any::<bool>(),
            proptest::collection::vec(0..n_options, 0..2),
            proptest::collection::vec(0..n_options, 0..2),
        )
            .prop_map(
                move |(
                    criteria,
                    options,
                    interactions,
                    profiles,
                    method,
                    normalization,
                    budget,
                    baseline,
                    include,
                    exclude,
                )| {
                    // Criteria cover every family (the first ones, in order).
                    let mut criteria = criteria;
                    for (f, c) in criteria.iter_mut().enumerate().take(families) {
                        c.family = f;
                    }
                    Spec {
                        families,
                        criteria,
                        options,
                        interactions,
                        profiles,
                        method,
                        normalization,
                        budget,
                        baseline,
                        include,
                        exclude,
                    }
                },
            )
    })
}

impl Spec {
    fn value(&self, c: usize, at: f64) -> f64 {
        let k = &self.criteria[c];
        k.min + at * k.width
    }

    /// The scenario as RON text, as a user would write it.
    fn ron(&self) -> String {
        let mut t = String::from(
            "(\n metadata: (format_version: 1, title: \"Generated\", languages: [\"en\"]),\n families: [\n",
        );
        for f in 0..self.families {
            let _ = writeln!(t, "  (id: \"f{f}\", name: \"Family {f}\"),");
        }
        t.push_str(" ],\n criteria: [\n");
        for (i, c) in self.criteria.iter().enumerate() {
            let dir = if c.maximize { "Maximize" } else { "Minimize" };
            let _ = write!(
                t,
                "  (id: \"c{i}\", name: \"Criterion {i}\", family: \"f{}\", direction: {dir}, scale: (min: {:?}, max: {:?})",
                c.family,
                c.min,
                c.min + c.width
            );
            if let Some((x, v)) = c.value_function {
                let (lo, hi) = if c.maximize { (0.0, 1.0) } else { (1.0, 0.0) };
                let _ = write!(
                    t,
                    ", value_function: (points: [({:?}, {lo:?}), ({:?}, {v:?}), ({:?}, {hi:?})])",
                    c.min,
                    self.value(i, x),
                    c.min + c.width
                );
            }
            t.push_str("),\n");
        }
        t.push_str(" ],\n options: [\n");
        for (o, (cost, _)) in self.options.iter().enumerate() {
            let _ = write!(
                t,
                "  (id: \"o{o}\", name: \"Option {o}\", provenance: (document: \"generated\"), cost: {cost:?}, interactions: ["
            );
            let mut seen = Vec::new();
            for &(a, b, effect) in &self.interactions {
                let (a, b) = (a.min(b), a.max(b));
                // The baseline is never a member, so it has no interactions.
                if a != o || a == b || seen.contains(&b) || (self.baseline && a == 0) {
                    continue;
                }
                seen.push(b);
                match effect {
                    Some(e) => {
                        let _ = write!(t, "(with: \"o{b}\", effect: {e:?}),");
                    }
                    None => {
                        let _ = write!(t, "(with: \"o{b}\", relation: Excludes),");
                    }
                }
            }
            t.push_str("]),\n");
        }
        t.push_str(" ],\n performance: [\n");
        for (o, (_, cells)) in self.options.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                let value = cell.at.map(|a| self.value(c, a));
                let _ = write!(
                    t,
                    "  (option: \"o{o}\", criterion: \"c{c}\", value: {}",
                    value.map_or("None".to_string(), |v| format!("Some({v:?})"))
                );
                if let (Some(v), Some((below, above, tri))) = (value, cell.spread) {
                    let k = &self.criteria[c];
                    let low = v - below * (v - k.min);
                    let high = v + above * (k.min + k.width - v);
                    let (low, high) = (low.min(v), high.max(v));
                    if tri {
                        let _ = write!(
                            t,
                            ", uncertainty: Triangular(low: {low:?}, likely: {v:?}, high: {high:?})"
                        );
                    } else {
                        let _ = write!(t, ", uncertainty: Range(low: {low:?}, high: {high:?})");
                    }
                }
                t.push_str(", basis: Illustrative),\n");
            }
        }
        t.push_str(" ],\n profiles: [\n");
        for (p, (fw, cw, ranges)) in self.profiles.iter().enumerate() {
            let map = |prefix: &str, ws: &Option<Vec<f64>>| {
                ws.iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, w)| format!("\"{prefix}{i}\": {w:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = write!(
                t,
                "  (id: \"p{p}\", name: \"Profile {p}\", family_weights: {{{}}}, criterion_weights: {{{}}}",
                map("f", fw),
                map("c", cw)
            );
            if *ranges {
                t.push_str(", weight_ranges: [(criterion: \"c0\", low: 0.5, high: 2.0)]");
            }
            t.push_str("),\n");
        }
        let n = self.options.len();
        let ids = |v: &[usize]| {
            let mut v: Vec<usize> = v
                .iter()
                .copied()
                .filter(|&o| !(self.baseline && o == 0))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let include = ids(&self.include);
        let exclude: Vec<usize> = ids(&self.exclude)
            .into_iter()
            .filter(|o| !include.contains(o))
            .collect();
        let list = |v: &[usize]| {
            v.iter()
                .map(|o| format!("\"o{o}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = write!(
            t,
            " ],\n settings: (method: {:?}, normalization: {:?}, active_profile: \"p0\", monte_carlo: (draws: 200, seed: 7), budget: {:?}, portfolio: (baseline: \"{}\", include: [{}], exclude: [{}])),\n)\n",
            self.method,
            self.method.normalization_for(self.normalization),
            self.budget,
            if self.baseline && n > 1 { "o0" } else { "" },
            list(&include),
            list(&exclude)
        );
        t
    }

    /// The scenario, read and validated by the program's reader.
    fn scenario(&self) -> Result<Scenario, TestCaseError> {
        let text = self.ron();
        parse_ron(text.as_bytes(), "generated.ron").map_err(|e| {
            TestCaseError::fail(format!("a generated scenario was refused: {e}\n{text}"))
        })
    }
}

/// The ranks are a competition ranking of the scores: 1 for the best, equal scores sharing the
/// best rank of their group and the next rank skipping the group's size; better scores rank
/// higher. Checked from the definition, by counting.
fn check_competition_ranking(
    scores: &[f64],
    ranks: &[usize],
    higher_is_better: bool,
) -> Result<(), TestCaseError> {
    let n = scores.len();
    prop_assert_eq!(ranks.len(), n);
    for (i, &s) in scores.iter().enumerate() {
        prop_assert!(s.is_finite(), "score {} of option {} is not finite", s, i);
    }
    let better =
        |a: f64, b: f64| !nearly_equal(a, b) && if higher_is_better { a > b } else { a < b };
    for i in 0..n {
        // Rank = 1 + the number of options clearly better (ties count as equal).
        let ahead = (0..n).filter(|&j| better(scores[j], scores[i])).count();
        prop_assert!(ranks[i] >= 1 && ranks[i] <= n);
        prop_assert_eq!(
            ranks[i],
            ahead + 1,
            "option {} scores {:?}, ranks {:?}",
            i,
            scores,
            ranks
        );
    }
    // The ranks as a multiset: each rank r held by k options is followed by r + k.
    let mut sorted = ranks.to_vec();
    sorted.sort_unstable();
    let mut expect = 1;
    let mut k = 0;
    while k < n {
        prop_assert_eq!(sorted[k], expect, "ranks {:?}", ranks);
        let group = sorted[k..].iter().take_while(|&&r| r == sorted[k]).count();
        expect += group;
        k += group;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn a_valid_scenario_survives_save_and_load_unchanged(spec in spec(true)) {
        let s = spec.scenario()?;
        prop_assert!(validate(&s).is_empty());
        let dir = std::env::temp_dir().join(format!("tideline-props-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.join("saved.ron");
        save(&path, &s).map_err(TestCaseError::fail)?;
        let bytes = std::fs::read(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = parse_ron(&bytes, "saved.ron").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &s);
        // And the text is stable: saving what was read writes the same bytes.
        let again = to_ron(&back).map_err(TestCaseError::fail)?;
        prop_assert_eq!(again.as_bytes(), &bytes[..]);
    }
}

/// One edit, chosen by indices into whatever the scenario holds when it is applied.
#[derive(Clone, Debug)]
enum EditSpec {
    FamilyShare(usize, f64),
    CriterionShare(usize, f64),
    Cell(usize, usize, f64),
    RenameOption(usize, String),
    RenameCriterion(usize, String),
    Method(Method),
    Normalization(Normalization),
    VikorV(f64),
    ActiveProfile(usize),
    RemoveOption(usize),
    RemoveCriterion(usize),
    CopyOption(usize),
    DeleteProfile(usize),
    RenameProfile(usize, String),
}

fn edit_spec() -> impl Strategy<Value = EditSpec> {
    let name = "[A-Za-z ]{0,12}";
    prop_oneof![
        (0..8usize, 0.0..=1.0f64).prop_map(|(i, s)| EditSpec::FamilyShare(i, s)),
        (0..8usize, 0.0..=1.0f64).prop_map(|(i, s)| EditSpec::CriterionShare(i, s)),
        (0..8usize, 0..8usize, -0.2..1.2f64).prop_map(|(o, c, x)| EditSpec::Cell(o, c, x)),
        (0..8usize, name).prop_map(|(i, n)| EditSpec::RenameOption(i, n)),
        (0..8usize, name).prop_map(|(i, n)| EditSpec::RenameCriterion(i, n)),
        method().prop_map(EditSpec::Method),
        prop::sample::select(Normalization::ALL.to_vec()).prop_map(EditSpec::Normalization),
        (-0.5..1.5f64).prop_map(EditSpec::VikorV),
        (0..4usize).prop_map(EditSpec::ActiveProfile),
        (0..8usize).prop_map(EditSpec::RemoveOption),
        (0..8usize).prop_map(EditSpec::RemoveCriterion),
        (0..8usize).prop_map(EditSpec::CopyOption),
        (0..4usize).prop_map(EditSpec::DeleteProfile),
        (0..4usize, name).prop_map(|(i, n)| EditSpec::RenameProfile(i, n)),
    ]
}

impl EditSpec {
    /// The edit on `s`, indices taken modulo what it holds (some edits are refused, e.g.
    /// removing the last option or a value off its scale: they must change nothing).
    fn edit(&self, s: &Scenario) -> Edit {
        let pick = |i: usize, n: usize| i % n.max(1);
        let family = |i| {
            s.families
                .get(pick(i, s.families.len()))
                .map(|f| f.id.clone())
        };
        let criterion = |i| s.criteria.get(pick(i, s.criteria.len()));
        let option = |i| s.options.get(pick(i, s.options.len()));
        let profile = |i| s.profiles.get(pick(i, s.profiles.len()));
        let unknown = || Edit::RemoveOption("no-such-option".into());
        match self {
            EditSpec::FamilyShare(i, share) => {
                family(*i).map_or_else(unknown, |family| Edit::SetFamilyShare {
                    family,
                    share: *share,
                    locked: Vec::new(),
                })
            }
            EditSpec::CriterionShare(i, share) => {
                criterion(*i).map_or_else(unknown, |c| Edit::SetCriterionShare {
                    criterion: c.id.clone(),
                    share: *share,
                    locked: Vec::new(),
                })
            }
            EditSpec::Cell(o, c, x) => match (option(*o), criterion(*c)) {
                (Some(o), Some(c)) => {
                    let mut cell = s
                        .performance
                        .iter()
                        .find(|k| k.option == o.id && k.criterion == c.id)
                        .cloned()
                        .unwrap_or_else(|| tideline::scenario::model::Cell {
                            option: o.id.clone(),
                            criterion: c.id.clone(),
                            value: None,
                            uncertainty: None,
                            basis: Default::default(),
                            rationale: String::new(),
                            source: String::new(),
                        });
                    cell.value = Some(c.scale.min + x * (c.scale.max - c.scale.min));
                    Edit::SetCell(Box::new(cell))
                }
                _ => unknown(),
            },
            EditSpec::RenameOption(i, name) => {
                option(*i).map_or_else(unknown, |o| Edit::RenameOption {
                    id: o.id.clone(),
                    name: name.clone(),
                    short: String::new(),
                })
            }
            EditSpec::RenameCriterion(i, name) => {
                criterion(*i).map_or_else(unknown, |c| Edit::RenameCriterion {
                    id: c.id.clone(),
                    name: name.clone(),
                    short: String::new(),
                })
            }
            EditSpec::Method(m) => Edit::SetMethod(*m),
            EditSpec::Normalization(n) => Edit::SetNormalization(*n),
            EditSpec::VikorV(v) => Edit::SetVikorV(*v),
            EditSpec::ActiveProfile(i) => {
                profile(*i).map_or_else(unknown, |p| Edit::SetActiveProfile(p.id.clone()))
            }
            EditSpec::RemoveOption(i) => {
                option(*i).map_or_else(unknown, |o| Edit::RemoveOption(o.id.clone()))
            }
            EditSpec::RemoveCriterion(i) => {
                criterion(*i).map_or_else(unknown, |c| Edit::RemoveCriterion(c.id.clone()))
            }
            EditSpec::CopyOption(i) => option(*i).map_or_else(unknown, |o| {
                let mut copy = o.clone();
                copy.id = format!("{}-copy{}", o.id, s.options.len());
                copy.interactions.clear();
                Edit::AddOption(Box::new(copy))
            }),
            EditSpec::DeleteProfile(i) => {
                profile(*i).map_or_else(unknown, |p| Edit::DeleteProfile(p.id.clone()))
            }
            EditSpec::RenameProfile(i, name) => {
                profile(*i).map_or_else(unknown, |p| Edit::RenameProfile {
                    id: p.id.clone(),
                    name: name.clone(),
                })
            }
        }
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn any_edits_are_undone_by_as_many_undos(
        spec in spec(true),
        edits in proptest::collection::vec(edit_spec(), 1..12),
    ) {
        let original = spec.scenario()?;
        let mut app = TidelineApp::new(original.clone(), "generated.ron");
        let mut steps = 0;
        let mut states = vec![original.clone()];
        for e in &edits {
            let before = app.revision();
            let edit = e.edit(&app.scenario);
            app.execute(Command::Edit(edit));
            // Each edit its own gesture, so its own undo step.
            app.execute(Command::EndGesture);
            if app.revision() != before {
                steps += 1;
                prop_assert!(validate(&app.scenario).is_empty(), "an accepted edit left the scenario invalid");
                states.push(app.scenario.clone());
            } else {
                prop_assert_eq!(&app.scenario, states.last().unwrap_or(&original), "a refused edit changed the document");
            }
        }
        // Undo walks back through every state in turn, to the original.
        for k in (0..steps).rev() {
            app.execute(Command::Undo);
            prop_assert_eq!(&app.scenario, &states[k]);
        }
        prop_assert!(!app.can_undo());
        prop_assert!(!app.is_dirty(), "back at the saved state");
        // And redo walks forward again.
        for state in states.iter().skip(1) {
            app.execute(Command::Redo);
            prop_assert_eq!(&app.scenario, state);
        }
    }
}

/// Whether a refusal is one the documentation names for this input: a missing value that
/// weighs, a normalisation undefined on the data (a zero where it divides), or the weighted
/// product on raw values of 0 or less.
fn documented_refusal(e: &ScoreError) -> bool {
    matches!(
        e,
        ScoreError::MissingValue { .. }
            | ScoreError::Undefined { .. }
            | ScoreError::NotPositive { .. }
    )
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn every_method_gives_finite_scores_and_a_competition_ranking(spec in spec(true)) {
        let s = spec.scenario()?;
        // Every value present and every scale positive: nothing may be refused.
        let complete = spec.options.iter().all(|(_, cells)| cells.iter().all(|c| c.at.is_some()))
            && spec.criteria.iter().all(|c| c.min > 0.0);
        for profile in 0..s.profiles.len() {
            for method in Method::ALL {
                for &normalization in method.normalizations() {
                    match score_with(&s, profile, method, normalization) {
                        Ok(r) => check_competition_ranking(&r.scores, &r.ranks, r.higher_is_better)?,
                        Err(e) => {
                            prop_assert!(
                                !complete && documented_refusal(&e),
                                "{:?}/{:?} refused: {}", method, normalization, e
                            );
                        }
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn smaa_rank_acceptabilities_sum_to_one_by_row_and_by_column(
        spec in spec(false),
        method in method(),
        weights in prop::sample::select(vec![WeightInfo::Exact, WeightInfo::None, WeightInfo::Ordinal]),
        draws in 100u32..400,
    ) {
        let s = spec.scenario()?;
        let req = Request {
            profile: 0,
            method,
            normalization: method.default_normalization(),
            weights,
            order: None,
            draws,
            seed: 11,
        };
        let r = match smaa::run(&s, &req, &Control::default()) {
            Ok(r) => r,
            Err(smaa::SmaaError::Score(e)) if documented_refusal(&e) => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(format!("SMAA refused: {e}"))),
        };
        let m = s.options.len();
        prop_assert_eq!(r.options.len(), m);
        for o in &r.options {
            prop_assert_eq!(o.rank_acceptability.len(), m);
            prop_assert!(o.rank_acceptability.iter().all(|b| (0.0..=1.0).contains(b)));
            let row: f64 = o.rank_acceptability.iter().sum();
            prop_assert!((row - 1.0).abs() < 1e-9, "row of {} sums to {}", o.option, row);
        }
        for rank in 0..m {
            let col: f64 = r.options.iter().map(|o| o.rank_acceptability[rank]).sum();
            // Ties share the best rank, so a rank below a tie may be held by no one in a draw;
            // the column sums to the share of draws in which that rank is taken: at most 1,
            // and exactly 1 for rank 1.
            prop_assert!(col <= 1.0 + 1e-9, "rank {} column sums to {}", rank + 1, col);
            if rank == 0 {
                prop_assert!((col - 1.0).abs() < 1e-9, "first rank column sums to {}", col);
            }
        }
    }
}

/// The value of a set of items (bit `i` of `set` for item `i`), if it meets every constraint.
fn brute_value(inst: &Instance, set: u32) -> Option<(f64, f64)> {
    let has = |i: usize| set & (1 << i) != 0;
    let n = inst.items.len();
    let cost: f64 = (0..n).filter(|&i| has(i)).map(|i| inst.items[i].cost).sum();
    let fits = inst.budget.is_none_or(|b| cost <= b + 1e-9);
    let ok = fits
        && inst.include.iter().all(|&i| has(i))
        && inst.exclude.iter().all(|&i| !has(i))
        && inst.excludes.iter().all(|&(a, b)| !(has(a) && has(b)))
        && inst.requires.iter().all(|&(a, b)| !has(a) || has(b));
    if !ok {
        return None;
    }
    let mut value: f64 = (0..n)
        .filter(|&i| has(i))
        .map(|i| inst.items[i].value)
        .sum();
    for &(a, b, e) in &inst.effects {
        if has(a) && has(b) {
            value += e;
        }
    }
    Some((value, cost))
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn the_best_portfolio_keeps_to_the_budget_and_the_lists_and_nothing_feasible_is_worth_more(
        spec in spec(false),
    ) {
        let s = spec.scenario()?;
        let budget = s.settings.budget;
        let inst = match portfolio::scored(&s, 0, Method::Wsm, Normalization::Scale, budget) {
            Ok(i) => i,
            Err(e) => return Err(TestCaseError::fail(format!("no instance: {e}"))),
        };
        let n = inst.items.len();
        prop_assert!(n <= 12);
        let brute = (0u32..(1 << n))
            .filter_map(|set| brute_value(&inst, set))
            .map(|(v, _)| v)
            .fold(None, |best: Option<f64>, v| Some(best.map_or(v, |b| b.max(v))));
        match portfolio::best(&inst) {
            Ok(p) => {
                let cost: f64 = p.members.iter().map(|&i| inst.items[i].cost).sum();
                if let Some(b) = inst.budget {
                    prop_assert!(cost <= b + 1e-9, "cost {} over the budget {}", cost, b);
                }
                prop_assert!((cost - p.cost).abs() < 1e-9);
                for &i in &inst.include {
                    prop_assert!(p.members.contains(&i), "must-in {} left out", inst.items[i].id);
                }
                for &i in &inst.exclude {
                    prop_assert!(!p.members.contains(&i), "must-out {} chosen", inst.items[i].id);
                }
                let set = p.members.iter().fold(0u32, |acc, &i| acc | (1 << i));
                let own = brute_value(&inst, set);
                prop_assert!(own.is_some(), "the chosen set breaks a constraint");
                let best = brute.unwrap_or(f64::NEG_INFINITY);
                prop_assert!((p.value - best).abs() < 1e-9, "value {} but brute force finds {}", p.value, best);
            }
            Err(portfolio::PortfolioError::Infeasible(_)) => {
                prop_assert!(brute.is_none(), "declared infeasible, but a feasible set exists");
            }
            Err(e) => return Err(TestCaseError::fail(format!("no portfolio: {e}"))),
        }
    }
}
