//! From a [`Sheet`] to a scenario: the checks that need several rows at once (each reported at
//! the cell at fault), then the scenario itself.

use std::collections::HashMap;

use crate::scenario::model::{
    AnalysisSettings, Basis, Cell, Criterion, DEFAULT_VIKOR_V, Direction, FORMAT_VERSION, Family,
    Metadata, Method, Normalization, Outranking, PolicyOption, Provenance, Scale, Scenario,
    Uncertainty, WeightProfile,
};
use crate::scenario::weights::WeightMap;

use super::sheet::{Cells, Sheet};
use super::unique_ids;

/// What the checks across rows work out: each criterion's outranking parameters and scale,
/// and each value's uncertainty `[option][criterion]` (an empty list for an option without
/// range rows).
pub(super) struct Derived {
    outranking: Vec<Option<Outranking>>,
    scales: Vec<(f64, f64)>,
    spreads: Vec<Vec<Option<Uncertainty>>>,
}

/// The value of column `k` in an optional row, and its offset.
fn at(row: Option<&Cells<f64>>, k: usize) -> Option<(f64, usize)> {
    row.and_then(|r| r.get(k))
        .and_then(|&(v, start)| v.map(|v| (v, start)))
}

/// Runs the checks across rows, sending each problem (offset, field, message) to `problem`.
pub(super) fn derive(sheet: &Sheet, problem: &mut dyn FnMut(usize, String, String)) -> Derived {
    let outranking = outranking_rows(sheet, problem);
    let spreads: Vec<Vec<Option<Uncertainty>>> = sheet
        .options
        .iter()
        .map(|o| {
            // Most options have no range rows: no list for them.
            if o.spread.iter().all(Option::is_none) {
                return Vec::new();
            }
            (0..sheet.labels.len())
                .map(|k| spread(sheet, o, k, problem))
                .collect()
        })
        .collect();
    let scales = (0..sheet.labels.len())
        .map(|k| scale(sheet, &spreads, k, problem))
        .collect();
    Derived {
        outranking,
        scales,
        spreads,
    }
}

/// The uncertainty of option `o`'s value in column `k` from its `low`, `likely` and `high` rows.
fn spread(
    sheet: &Sheet,
    o: &super::sheet::OptionRow,
    k: usize,
    problem: &mut dyn FnMut(usize, String, String),
) -> Option<Uncertainty> {
    let column = sheet.labels.get(k).map_or("", String::as_str);
    let field = |row: &str| format!("{row} of `{}`, column `{column}`", o.label);
    let unreadable = (0..3).any(|slot| {
        o.spread[slot]
            .as_ref()
            .and_then(|r| r.get(k))
            .is_some_and(|c| sheet.unreadable.contains(&c.1))
    });
    if unreadable {
        return None;
    }
    let [low, likely, high] = [0, 1, 2].map(|slot| at(o.spread[slot].as_ref(), k));
    let (l, h) = match (low, high) {
        (None, None) => {
            if let Some((_, start)) = likely {
                problem(
                    start,
                    field("likely"),
                    "a `likely` value needs `low` and `high` values in the same column".into(),
                );
            }
            return None;
        }
        (Some((_, start)), None) => {
            problem(
                start,
                field("low"),
                "a `low` value needs a `high` value in the same column".into(),
            );
            return None;
        }
        (None, Some((_, start))) => {
            problem(
                start,
                field("high"),
                "a `high` value needs a `low` value in the same column".into(),
            );
            return None;
        }
        (Some(l), Some(h)) => (l, h),
    };
    if l.0 > h.0 {
        problem(
            l.1,
            field("low"),
            format!("inverted range: low {} is above high {}", l.0, h.0),
        );
        return None;
    }
    let inside = |x: f64| (l.0..=h.0).contains(&x);
    if let Some((m, start)) = likely
        && !inside(m)
    {
        problem(
            start,
            field("likely"),
            format!("likely value {m} is outside its range {} to {}", l.0, h.0),
        );
    }
    if let Some((x, start)) = at(Some(&o.values), k)
        && !inside(x)
    {
        problem(
            start,
            format!("row `{}`, column `{column}`", o.label),
            format!(
                "value {x} is outside its own range {} to {} (the `low` and `high` rows)",
                l.0, h.0
            ),
        );
    }
    Some(match likely {
        Some((m, _)) => Uncertainty::Triangular {
            low: l.0,
            likely: m,
            high: h.0,
        },
        None => Uncertainty::Range {
            low: l.0,
            high: h.0,
        },
    })
}

/// Column `k`'s scale: the `scale min` and `scale max` cells, or else the lowest and highest
/// value or range bound in the column (a single value x gets x to x + 1, none 0 to 1).
fn scale(
    sheet: &Sheet,
    spreads: &[Vec<Option<Uncertainty>>],
    k: usize,
    problem: &mut dyn FnMut(usize, String, String),
) -> (f64, f64) {
    let column = sheet.labels.get(k).map_or("", String::as_str);
    // Every number of the column that must lie on the scale, with its place, its option and
    // its row (`None` for the option row, else `low`, `likely` or `high`); the field is
    // named only for a number that is off the scale.
    let mut points: Vec<(f64, usize, usize, Option<&str>)> = Vec::new();
    for (i, (o, row_spreads)) in sheet.options.iter().zip(spreads).enumerate() {
        if let Some((x, start)) = at(Some(&o.values), k) {
            points.push((x, start, i, None));
        }
        if row_spreads.get(k).is_some_and(Option::is_some) {
            for (slot, row) in ["low", "likely", "high"].into_iter().enumerate() {
                if let Some((x, start)) = at(o.spread[slot].as_ref(), k) {
                    points.push((x, start, i, Some(row)));
                }
            }
        }
    }
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.0), hi.max(p.0))
        });
    let (lo, hi) = match (lo.is_finite(), hi.is_finite()) {
        (true, true) if lo < hi => (lo, hi),
        (true, true) => (lo, lo + 1.0),
        _ => (0.0, 1.0),
    };
    let given_min = at(sheet.scale[0].as_ref(), k);
    let given_max = at(sheet.scale[1].as_ref(), k);
    let (lo, hi) = (given_min.map_or(lo, |g| g.0), given_max.map_or(hi, |g| g.0));
    if given_min.is_none() && given_max.is_none() {
        return (lo, hi);
    }
    if lo >= hi {
        let (row, start) = match (given_max, given_min) {
            (Some((_, start)), _) => ("scale max", start),
            (None, Some((_, start))) => ("scale min", start),
            (None, None) => return (lo, hi),
        };
        problem(
            start,
            format!("{row}, column `{column}`"),
            format!("inverted or empty scale: min {lo} must be below max {hi}"),
        );
        return (lo, hi);
    }
    for (x, start, i, row) in points {
        if !(lo..=hi).contains(&x) {
            let label = &sheet.options[i].label;
            let row = match row {
                None => format!("row `{label}`"),
                Some(row) => format!("{row} of `{label}`"),
            };
            problem(
                start,
                format!("{row}, column `{column}`"),
                format!(
                    "{x} is outside the scale of criterion `{column}` ({lo} to {hi}; the `scale min` and `scale max` rows)"
                ),
            );
        }
    }
    (lo, hi)
}

/// Each criterion's outranking parameters from the `preference`, `q`, `p` and `s` rows, with
/// a positioned problem for a threshold without a function, a function without the thresholds
/// it needs, and q above p.
fn outranking_rows(
    sheet: &Sheet,
    problem: &mut dyn FnMut(usize, String, String),
) -> Vec<Option<Outranking>> {
    const ROWS: [&str; 3] = ["q", "p", "s"];
    let names = &sheet.labels;
    let preference = sheet.preference.as_deref();
    let cell = |slot: usize, k: usize| {
        sheet.thresholds[slot]
            .as_ref()
            .and_then(|t| t.get(k))
            .copied()
    };
    (0..names.len())
        .map(|k| {
            let function = preference.and_then(|p| p.get(k)).and_then(|c| c.0);
            let [q, p, s] = [0, 1, 2].map(|slot| cell(slot, k).and_then(|c| c.0));
            let Some(function) = function else {
                for (slot, row) in ROWS.iter().enumerate() {
                    if let Some((Some(_), at)) = cell(slot, k) {
                        problem(
                            at,
                            format!("{row}, column `{}`", names[k]),
                            format!(
                                "a `{row}` threshold needs a preference function for this column in a `preference` row"
                            ),
                        );
                    }
                }
                return None;
            };
            let (nq, np, ns) = function.needs();
            let missing: Vec<&str> = [(nq, q, "q"), (np, p, "p"), (ns, s, "s")]
                .into_iter()
                .filter(|(needed, value, _)| *needed && value.is_none())
                .map(|(_, _, name)| name)
                .collect();
            if let (false, Some(at)) = (missing.is_empty(), preference.and_then(|p| p.get(k))) {
                problem(
                    at.1,
                    format!("preference, column `{}`", names[k]),
                    format!(
                        "the `{}` preference function needs a value in the {} row{}",
                        function.keyword(),
                        missing
                            .iter()
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(" and "),
                        if missing.len() > 1 { "s" } else { "" }
                    ),
                );
            }
            if let (true, true, Some(qv), Some(pv)) = (nq, np, q, p)
                && qv > pv
                && let Some((_, at)) = cell(0, k)
            {
                problem(
                    at,
                    format!("q, column `{}`", names[k]),
                    format!("indifference threshold q = {qv} exceeds preference threshold p = {pv}"),
                );
            }
            Some(Outranking {
                function,
                q,
                p,
                s,
            })
        })
        .collect()
}

/// The method and normalisation: the `method` row (else the weighted sum) and the
/// `normalization` row (else `minmax` where the method allows it, else the method's default),
/// with a problem at the `normalization` cell when the method does not work with it.
pub(super) fn method(
    sheet: &Sheet,
    problem: &mut dyn FnMut(usize, String, String),
) -> (Method, Normalization) {
    let method = sheet.method.map_or(Method::Wsm, |m| m.0);
    match sheet.normalization {
        Some((n, start)) => {
            if !method.allows(n) {
                problem(
                    start,
                    "normalization".into(),
                    format!(
                        "the `{}` method does not work with the `{}` normalisation; use {}",
                        method.keyword(),
                        n.keyword(),
                        crate::scenario::model::allowed_list(method)
                    ),
                );
            }
            (method, n)
        }
        None => (method, method.normalization_for(Normalization::MinMax)),
    }
}

/// The criteria's families as `Family` items and each criterion's family id: one family
/// `criteria` without a `family` row.
fn families(sheet: &Sheet) -> (Vec<Family>, Vec<String>) {
    let family = |id: String, name: String| Family {
        id,
        name,
        description: String::new(),
        provenance: None,
        i18n: Default::default(),
    };
    let Some(row) = &sheet.families else {
        let all = vec!["criteria".to_string(); sheet.labels.len()];
        return (vec![family("criteria".into(), "Criteria".into())], all);
    };
    let mut names: Vec<String> = Vec::new();
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (name, _) in row {
        if !position.contains_key(name.as_str()) {
            position.insert(name, names.len());
            names.push(name.clone());
        }
    }
    let ids = unique_ids(names.iter().cloned());
    let of = row
        .iter()
        .map(|(name, _)| {
            position
                .get(name.as_str())
                .map_or_else(String::new, |&i| ids[i].clone())
        })
        .collect();
    let list = ids
        .into_iter()
        .zip(names)
        .map(|(i, n)| family(i, n))
        .collect();
    (list, of)
}

/// The imported profile. The `weight` row holds each criterion's share of the whole; with
/// families, each family weighs the sum of its criteria's weights, so that the effective
/// weights (family × share within it) are the row's own, scaled to sum 1.
fn profile(sheet: &Sheet, crit_ids: &[String], family_of: &[String], file: &str) -> WeightProfile {
    let raw: Option<Vec<f64>> = match (&sheet.weights, &sheet.families) {
        (Some(ws), _) => Some(ws.clone()),
        (None, Some(_)) => Some(vec![1.0; crit_ids.len()]),
        (None, None) => None,
    };
    let criterion_weights: WeightMap = raw.as_ref().map_or_else(WeightMap::default, |ws| {
        crit_ids.iter().cloned().zip(ws.iter().copied()).collect()
    });
    let mut family_weights = WeightMap::default();
    if let (Some(ws), Some(_)) = (&raw, &sheet.families) {
        // Summed in the criteria's order, as `effective_weights` sums them.
        for (family, w) in family_of.iter().zip(ws) {
            let so_far = family_weights.get(family).unwrap_or(0.0);
            family_weights.set(family, so_far + w);
        }
    }
    WeightProfile {
        id: "imported".into(),
        name: "Imported weights".into(),
        author: String::new(),
        note: format!("The weight row of {file}, or equal weights if it has none."),
        provenance: None,
        elicitation: Default::default(),
        vote_weight: 1.0,
        family_weights,
        criterion_weights,
        weight_ranges: Vec::new(),
        elicited: Vec::new(),
        room: None,
        i18n: Default::default(),
    }
}

/// The scenario, once every check has passed; `file` names the CSV file in sources.
pub(super) fn build(
    file: &str,
    sheet: &Sheet,
    derived: Derived,
    (method, normalization): (Method, Normalization),
) -> Scenario {
    let file_name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    // With names given apart, the header and first column are ids, kept as written.
    let crit_ids = match sheet.criterion_names {
        Some(_) => sheet.labels.clone(),
        None => unique_ids(sheet.labels.iter().cloned()),
    };
    let opt_ids = if sheet.name_column {
        sheet.options.iter().map(|o| o.label.clone()).collect()
    } else {
        unique_ids(sheet.options.iter().map(|o| o.label.clone()))
    };
    let (family_list, family_of) = families(sheet);
    let text_cell = |row: &Option<Vec<String>>, k: usize| {
        row.as_ref()
            .and_then(|r| r.get(k))
            .filter(|t| !t.is_empty())
            .cloned()
    };
    let criteria = (0..sheet.labels.len())
        .map(|k| Criterion {
            id: crit_ids[k].clone(),
            name: text_cell(&sheet.criterion_names, k).unwrap_or_else(|| sheet.labels[k].clone()),
            short: String::new(),
            family: family_of[k].clone(),
            description: String::new(),
            direction: sheet
                .directions
                .as_ref()
                .and_then(|d| d.get(k).copied())
                .unwrap_or(Direction::Maximize),
            scale: Scale {
                min: derived.scales[k].0,
                max: derived.scales[k].1,
                unit: text_cell(&sheet.units, k).unwrap_or_default(),
            },
            provenance: None,
            value_function: sheet
                .value_functions
                .as_ref()
                .and_then(|v| v.get(k).cloned().flatten()),
            outranking: derived.outranking.get(k).cloned().flatten(),
            i18n: Default::default(),
        })
        .collect();
    let options = sheet
        .options
        .iter()
        .zip(&opt_ids)
        .map(|(o, id)| PolicyOption {
            id: id.clone(),
            name: o.name.clone().unwrap_or_else(|| o.label.clone()),
            short: String::new(),
            cluster: String::new(),
            description: String::new(),
            provenance: Provenance {
                document: file_name.clone(),
                paragraph: format!("line {}", o.line),
            },
            tags: Vec::new(),
            principles: Vec::new(),
            cost: None,
            interactions: Vec::new(),
            i18n: Default::default(),
        })
        .collect();
    let performance = sheet
        .options
        .iter()
        .zip(&opt_ids)
        .zip(derived.spreads)
        .flat_map(|((o, oid), spreads)| {
            let file_name = &file_name;
            let basis = |k: usize| {
                o.basis
                    .as_ref()
                    .and_then(|b| b.get(k).copied().flatten())
                    .unwrap_or(Basis::Sourced)
            };
            o.values
                .iter()
                .zip(&crit_ids)
                .enumerate()
                .map(move |(k, (v, cid))| Cell {
                    option: oid.clone(),
                    criterion: cid.clone(),
                    value: v.0,
                    uncertainty: spreads.get(k).cloned().flatten(),
                    basis: basis(k),
                    rationale: String::new(),
                    source: format!("{file_name}, line {}", o.line),
                })
        })
        .collect();
    let profile = profile(sheet, &crit_ids, &family_of, &file_name);
    Scenario {
        metadata: Metadata {
            format_version: FORMAT_VERSION,
            title: file_name.clone(),
            description: format!("Imported from the matrix {file_name}."),
            source: file_name.clone(),
            date: String::new(),
            author: String::new(),
            languages: vec!["en".into()],
            i18n: Default::default(),
        },
        clusters: Vec::new(),
        principles: Vec::new(),
        families: family_list,
        criteria,
        options,
        performance,
        profiles: vec![profile],
        settings: AnalysisSettings {
            method,
            normalization,
            active_profile: "imported".into(),
            vikor_v: sheet.vikor_v.unwrap_or(DEFAULT_VIKOR_V),
            ..AnalysisSettings::default()
        },
    }
}
