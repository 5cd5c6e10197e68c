//! Import of a matrix prepared in a spreadsheet:
//!
//! ```text
//! option,cost,effect
//! direction,min,max      (optional)
//! weight,1,2             (optional)
//! Option A,3,7
//! Option B,5,
//! ```
//!
//! An empty cell or `NA` is a missing value. The result is a full scenario: one family
//! `criteria`, scale bounds from the data, normalisation `minmax` (the bounds carry no more
//! information than the data), one profile from the weight row.
//!
//! Optional rows set each criterion's PROMETHEE preference function and thresholds (in the
//! criterion's units); an empty cell leaves the criterion on the usual criterion:
//!
//! ```text
//! preference,linear,v-shape    (usual, u-shape, v-shape, level, linear, gaussian)
//! q,1,                         (indifference: u-shape, level, linear)
//! p,3,2                        (preference: v-shape, level, linear)
//! s,,                          (gaussian)
//! ```

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, LoadError, line_col};
use crate::model::{
    AnalysisSettings, Basis, Cell, Criterion, Direction, FORMAT_VERSION, Family, Metadata,
    Normalization, Outranking, PolicyOption, PreferenceFunction, Provenance, Scale, Scenario,
    WeightProfile, unique_id,
};
use crate::scenario_file::utf8;
use crate::validate::validate;
use crate::weights::WeightMap;

/// One CSV cell and where it starts (byte offset).
#[derive(Clone, Debug)]
struct Field {
    text: String,
    start: usize,
}

/// One CSV record: its fields and the byte offset of its line.
#[derive(Clone, Debug)]
struct Record {
    fields: Vec<Field>,
    start: usize,
}

/// Splits RFC 4180 CSV text into records, keeping each cell's position. Quoted cells may hold
/// commas, doubled quotes and line breaks. Blank lines are skipped.
fn records(text: &str) -> Result<Vec<Record>, (usize, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let start = pos;
        let mut fields = Vec::new();
        loop {
            let field_start = pos;
            let mut value = String::new();
            if bytes.get(pos) == Some(&b'"') {
                pos += 1;
                let mut closed = false;
                let mut run = pos;
                while pos < bytes.len() {
                    if bytes[pos] == b'"' {
                        value.push_str(&text[run..pos]);
                        if bytes.get(pos + 1) == Some(&b'"') {
                            value.push('"');
                            pos += 2;
                            run = pos;
                            continue;
                        }
                        pos += 1;
                        closed = true;
                        break;
                    }
                    pos += 1;
                }
                if !closed {
                    return Err((field_start, "a quoted cell is not closed".to_string()));
                }
                if !matches!(bytes.get(pos), None | Some(b',' | b'\n' | b'\r')) {
                    return Err((pos, "unexpected text after a closing quote".to_string()));
                }
            } else {
                let run = pos;
                while pos < bytes.len() && !matches!(bytes[pos], b',' | b'\n' | b'\r') {
                    pos += 1;
                }
                value.push_str(&text[run..pos]);
            }
            fields.push(Field {
                text: value,
                start: field_start,
            });
            match bytes.get(pos) {
                Some(b',') => pos += 1,
                Some(b'\r') => {
                    pos += 1;
                    if bytes.get(pos) == Some(&b'\n') {
                        pos += 1;
                    }
                    break;
                }
                Some(b'\n') => {
                    pos += 1;
                    break;
                }
                _ => break,
            }
        }
        let blank = fields.len() == 1 && fields[0].text.trim().is_empty();
        if !blank {
            out.push(Record { fields, start });
        }
    }
    Ok(out)
}

/// Parses a CSV matrix into a validated scenario; `file` names it in messages.
pub fn parse_csv(bytes: &[u8], file: &str) -> Result<Scenario, LoadError> {
    let text = utf8(bytes, file)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diags = Vec::new();
    let diag = |offset: usize, field: String, message: String| Diagnostic {
        file: file.to_string(),
        location: Some(line_col(text, offset)),
        field,
        message,
    };
    let recs = records(text).map_err(|(at, m)| LoadError::single(diag(at, String::new(), m)))?;
    let Some((header, rows)) = recs.split_first() else {
        return Err(LoadError::single(Diagnostic::whole_file(
            file,
            "the file is empty; expected a header `option,<criterion>,...`",
        )));
    };

    // Header: `option` then criterion names.
    if !header.fields[0].text.trim().eq_ignore_ascii_case("option") {
        diags.push(diag(
            header.fields[0].start,
            "header".into(),
            format!(
                "the first header cell must be `option`, found `{}`",
                header.fields[0].text.trim()
            ),
        ));
    }
    let names: Vec<String> = header.fields[1..]
        .iter()
        .map(|f| f.text.trim().to_string())
        .collect();
    if names.is_empty() {
        diags.push(diag(
            header.start,
            "header".into(),
            "no criteria: expected `option,<criterion>,...`".into(),
        ));
    }
    let mut seen_names: HashMap<&str, usize> = HashMap::new();
    for (k, name) in names.iter().enumerate() {
        let f = &header.fields[k + 1];
        if name.is_empty() {
            diags.push(diag(
                f.start,
                format!("header, column {}", k + 2),
                "empty criterion name".into(),
            ));
        } else if let Some(first) = seen_names.insert(name, k) {
            diags.push(diag(
                f.start,
                format!("header, column {}", k + 2),
                format!("duplicate criterion `{name}` (also column {})", first + 2),
            ));
        }
    }
    let width = header.fields.len();

    let mut directions: Option<Vec<Direction>> = None;
    let mut weights: Option<Vec<f64>> = None;
    // Each cell's value and position, per outranking row.
    let mut preference: Option<Vec<(Option<PreferenceFunction>, usize)>> = None;
    let mut thresholds: [Option<Cells<f64>>; 3] = [None, None, None];
    let mut options: Vec<(String, usize, Vec<Option<f64>>)> = Vec::new();
    let mut seen_options: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let label = row.fields[0].text.trim().to_string();
        let (line, _) = line_col(text, row.start);
        if row.fields.len() != width {
            diags.push(diag(
                row.start,
                format!("row `{label}`"),
                format!(
                    "row has {} cells but the header has {width}",
                    row.fields.len()
                ),
            ));
            continue;
        }
        let cells = &row.fields[1..];
        match label.to_ascii_lowercase().as_str() {
            "direction" => {
                if directions.is_some() {
                    diags.push(diag(
                        row.start,
                        "direction".into(),
                        "a second `direction` row".into(),
                    ));
                    continue;
                }
                let mut dirs = Vec::new();
                for (k, f) in cells.iter().enumerate() {
                    match f.text.trim().to_ascii_lowercase().as_str() {
                        "max" => dirs.push(Direction::Maximize),
                        "min" => dirs.push(Direction::Minimize),
                        other => diags.push(diag(
                            f.start,
                            format!("direction, column `{}`", names[k]),
                            format!("expected `max` or `min`, found `{other}`"),
                        )),
                    }
                }
                directions = Some(dirs);
            }
            "weight" => {
                if weights.is_some() {
                    diags.push(diag(
                        row.start,
                        "weight".into(),
                        "a second `weight` row".into(),
                    ));
                    continue;
                }
                let mut ws = Vec::new();
                for (k, f) in cells.iter().enumerate() {
                    let field = format!("weight, column `{}`", names[k]);
                    match number(&f.text) {
                        Ok(Some(w)) if w >= 0.0 => ws.push(w),
                        Ok(Some(w)) => diags.push(diag(
                            f.start,
                            field,
                            format!("weight {w} is negative; weights must be 0 or more"),
                        )),
                        Ok(None) => diags.push(diag(f.start, field, "a weight is missing".into())),
                        Err(m) => diags.push(diag(f.start, field, m)),
                    }
                }
                if ws.len() == cells.len() && ws.iter().all(|&w| w == 0.0) {
                    diags.push(diag(
                        row.start,
                        "weight".into(),
                        "every weight is zero; at least one must be above zero".into(),
                    ));
                }
                weights = Some(ws);
            }
            "preference" => {
                if preference.is_some() {
                    diags.push(diag(
                        row.start,
                        "preference".into(),
                        "a second `preference` row".into(),
                    ));
                    continue;
                }
                let mut fs = Vec::new();
                for (k, f) in cells.iter().enumerate() {
                    let t = f.text.trim();
                    let function = PreferenceFunction::from_keyword(t);
                    if function.is_none() && !t.is_empty() {
                        let known: Vec<String> = PreferenceFunction::ALL
                            .iter()
                            .map(|f| format!("`{}`", f.keyword()))
                            .collect();
                        diags.push(diag(
                            f.start,
                            format!("preference, column `{}`", names[k]),
                            format!(
                                "expected one of {} (or an empty cell for the usual criterion), found `{t}`",
                                known.join(", ")
                            ),
                        ));
                    }
                    fs.push((function, f.start));
                }
                preference = Some(fs);
            }
            name @ ("q" | "p" | "s") => {
                let slot = match name {
                    "q" => 0,
                    "p" => 1,
                    _ => 2,
                };
                if thresholds[slot].is_some() {
                    diags.push(diag(
                        row.start,
                        name.into(),
                        format!("a second `{name}` row"),
                    ));
                    continue;
                }
                let mut ts = Vec::new();
                for (k, f) in cells.iter().enumerate() {
                    let field = format!("{name}, column `{}`", names[k]);
                    match number(&f.text) {
                        Ok(Some(x)) if x < 0.0 => {
                            diags.push(diag(f.start, field, format!("threshold {x} is negative")));
                            // Kept, so that the function is not also told it lacks one.
                            ts.push((Some(x), f.start));
                        }
                        Ok(x) => ts.push((x, f.start)),
                        Err(m) => {
                            diags.push(diag(f.start, field, m));
                            ts.push((None, f.start));
                        }
                    }
                }
                thresholds[slot] = Some(ts);
            }
            _ => {
                if label.is_empty() {
                    diags.push(diag(
                        row.start,
                        format!("line {line}"),
                        "the option name is empty".into(),
                    ));
                    continue;
                }
                if let Some(first) = seen_options.insert(label.clone(), line) {
                    diags.push(diag(
                        row.start,
                        format!("row `{label}`"),
                        format!("duplicate option `{label}` (also on line {first})"),
                    ));
                    continue;
                }
                let mut values = Vec::new();
                for (k, f) in cells.iter().enumerate() {
                    match number(&f.text) {
                        Ok(v) => values.push(v),
                        Err(m) => {
                            diags.push(diag(
                                f.start,
                                format!("row `{label}`, column `{}`", names[k]),
                                m,
                            ));
                            values.push(None);
                        }
                    }
                }
                options.push((label, line, values));
            }
        }
    }
    let outranking = outranking_rows(
        &names,
        preference.as_deref(),
        &thresholds,
        &mut |at, field, message| diags.push(diag(at, field, message)),
    );
    if options.is_empty() && diags.is_empty() {
        diags.push(diag(
            text.len(),
            String::new(),
            "no option rows: expected one row per option after the header".into(),
        ));
    }
    if !diags.is_empty() {
        return Err(LoadError { diagnostics: diags });
    }

    let scenario = build(file, &names, directions, weights, &outranking, &options);
    // The import is built to be valid; anything validation still finds is reported, not hidden.
    let problems = validate(&scenario);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(LoadError {
            diagnostics: problems
                .into_iter()
                .map(|p| Diagnostic {
                    file: file.to_string(),
                    location: None,
                    field: p.field,
                    message: p.message,
                })
                .collect(),
        })
    }
}

/// One optional value per column with the byte offset of its cell.
type Cells<T> = Vec<(Option<T>, usize)>;

/// Each criterion's outranking parameters from the `preference`, `q`, `p` and `s` rows, with
/// a positioned problem (cell offset, field, message) for a threshold without a function, a
/// function without the thresholds it needs, and q above p.
fn outranking_rows(
    names: &[String],
    preference: Option<&[(Option<PreferenceFunction>, usize)]>,
    thresholds: &[Option<Cells<f64>>; 3],
    problem: &mut dyn FnMut(usize, String, String),
) -> Vec<Option<Outranking>> {
    const ROWS: [&str; 3] = ["q", "p", "s"];
    let cell = |slot: usize, k: usize| thresholds[slot].as_ref().and_then(|t| t.get(k)).copied();
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

/// A cell as a number: `Ok(None)` when empty or `NA`, an error when not a finite number.
fn number(cell: &str) -> Result<Option<f64>, String> {
    let t = cell.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("na") {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(Some(x)),
        Ok(x) => Err(format!("expected a finite number, found {x}")),
        Err(_) => Err(format!("expected a number, found `{t}`")),
    }
}

/// An id from a display name: lower case, runs of other characters as `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.trim().chars() {
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "item".to_string()
    } else {
        out
    }
}

/// Unique slugs for `names`, suffixing `-2`, `-3`… where two names slug alike.
fn unique_ids(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    names
        .map(|n| {
            let id = unique_id(&slug(&n), |id| used.contains(id));
            used.insert(id.clone());
            id
        })
        .collect()
}

fn build(
    file: &str,
    names: &[String],
    directions: Option<Vec<Direction>>,
    weights: Option<Vec<f64>>,
    outranking: &[Option<Outranking>],
    options: &[(String, usize, Vec<Option<f64>>)],
) -> Scenario {
    let file_name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    let crit_ids = unique_ids(names.iter().cloned());
    let opt_ids = unique_ids(options.iter().map(|(n, _, _)| n.clone()));
    let criteria = names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let column = options.iter().filter_map(|(_, _, v)| v[k]);
            let (lo, hi) = column.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                (lo.min(x), hi.max(x))
            });
            let (lo, hi) = match (lo.is_finite(), hi.is_finite()) {
                (true, true) if lo < hi => (lo, hi),
                (true, true) => (lo, lo + 1.0),
                _ => (0.0, 1.0),
            };
            Criterion {
                id: crit_ids[k].clone(),
                name: name.clone(),
                short: String::new(),
                family: "criteria".into(),
                description: String::new(),
                direction: directions.as_ref().map_or(Direction::Maximize, |d| d[k]),
                scale: Scale {
                    min: lo,
                    max: hi,
                    unit: String::new(),
                },
                provenance: None,
                value_function: None,
                outranking: outranking.get(k).cloned().flatten(),
                i18n: Default::default(),
            }
        })
        .collect();
    let policy_options = options
        .iter()
        .zip(&opt_ids)
        .map(|((name, line, _), id)| PolicyOption {
            id: id.clone(),
            name: name.clone(),
            short: String::new(),
            cluster: String::new(),
            description: String::new(),
            provenance: Provenance {
                document: file_name.clone(),
                paragraph: format!("line {line}"),
            },
            tags: Vec::new(),
            principles: Vec::new(),
            cost: None,
            interactions: Vec::new(),
            i18n: Default::default(),
        })
        .collect();
    let performance = options
        .iter()
        .zip(&opt_ids)
        .flat_map(|((_, line, values), oid)| {
            let file_name = &file_name;
            values.iter().zip(&crit_ids).map(move |(v, cid)| Cell {
                option: oid.clone(),
                criterion: cid.clone(),
                value: *v,
                uncertainty: None,
                basis: Basis::Sourced,
                rationale: String::new(),
                source: format!("{file_name}, line {line}"),
            })
        })
        .collect();
    let criterion_weights: WeightMap = match weights {
        Some(ws) => crit_ids.iter().cloned().zip(ws).collect(),
        None => WeightMap::default(),
    };
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
        families: vec![Family {
            id: "criteria".into(),
            name: "Criteria".into(),
            description: String::new(),
            provenance: None,
            i18n: Default::default(),
        }],
        criteria,
        options: policy_options,
        performance,
        profiles: vec![WeightProfile {
            id: "imported".into(),
            name: "Imported weights".into(),
            author: String::new(),
            note: format!("The weight row of {file_name}, or equal weights if it has none."),
            provenance: None,
            elicitation: Default::default(),
            family_weights: WeightMap::default(),
            criterion_weights,
            weight_ranges: Vec::new(),
            elicited: Vec::new(),
            i18n: Default::default(),
        }],
        settings: AnalysisSettings {
            normalization: Normalization::MinMax,
            active_profile: "imported".into(),
            ..AnalysisSettings::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_cells_with_commas_quotes_and_newlines() {
        let recs = records("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",2,3\n").unwrap_or_default();
        let texts: Vec<Vec<&str>> = recs
            .iter()
            .map(|r| r.fields.iter().map(|f| f.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            vec![vec!["a", "b,c", "say \"hi\""], vec!["x\ny", "2", "3"]]
        );
        assert_eq!(
            recs[1].fields[1].start,
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",".len()
        );
    }

    #[test]
    fn slugs_are_unique_and_readable() {
        let ids = unique_ids(
            [
                "Knowledge hub".to_string(),
                "knowledge-hub".into(),
                "¶9 (a)".into(),
            ]
            .into_iter(),
        );
        assert_eq!(ids, vec!["knowledge-hub", "knowledge-hub-2", "9-a"]);
    }

    const OUTRANKING: &str = "option,cost,effect,reach\n\
        direction,min,max,max\n\
        preference,linear,V-Shape,\n\
        q,1,,\n\
        p,3,2,\n\
        A,2,4,1\n\
        B,6,9,1\n\
        C,5,5,1\n";

    #[test]
    fn preference_rows_set_each_criterion_s_outranking_and_survive_a_round_trip() {
        use crate::model::{Method, Outranking, PreferenceFunction as F};
        let s = parse_csv(OUTRANKING.as_bytes(), "m.csv").unwrap_or_else(|e| panic!("{e}"));
        let got: Vec<Option<Outranking>> =
            s.criteria.iter().map(|c| c.outranking.clone()).collect();
        let want = vec![
            Some(Outranking {
                function: F::Linear,
                q: Some(1.0),
                p: Some(3.0),
                s: None,
            }),
            Some(Outranking {
                function: F::VShape,
                q: None,
                p: Some(2.0),
                s: None,
            }),
            None,
        ];
        assert_eq!(got, want);
        let text = crate::scenario_file::to_ron(&s).unwrap_or_else(|e| panic!("{e}"));
        let again = crate::scenario_file::parse_ron(text.as_bytes(), "m.ron")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, s);
        // PROMETHEE II with those thresholds, worked out by hand (weights 1/3 each; reach is
        // constant and adds nothing). Cost, linear q = 1, p = 3: A is 4 cheaper than B (P = 1)
        // and 3 cheaper than C (P = 1); C is 1 cheaper than B (P = 0). Effect, V-shape p = 2:
        // B − A = 5 (1), B − C = 4 (1), C − A = 1 (0.5).
        // φ(A) = [(1 + 1) − (0 + 0)]/2/3 + [0 − (1 + 0.5)]/2/3 = (2 − 1.5)/6.
        let r = crate::scoring::score_with(&again, 0, Method::Promethee2, Normalization::None)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!((r.scores[0] - 0.5 / 6.0).abs() < 1e-12, "{:?}", r.scores);
    }

    /// Each bad outranking entry is reported at its own cell.
    #[test]
    fn bad_outranking_entries_are_located() {
        let cases: [(&str, (usize, usize), &str, &str); 5] = [
            (
                "option,a,b\npreference,linear,sigmoid\nq,1,\np,2,\nX,1,2\n",
                (2, 19),
                "preference, column `b`",
                "expected one of `usual`, `u-shape`, `v-shape`, `level`, `linear`, `gaussian` (or an empty cell for the usual criterion), found `sigmoid`",
            ),
            (
                "option,a,b\npreference,u-shape,\nq,-1,\nX,1,2\n",
                (3, 3),
                "q, column `a`",
                "threshold -1 is negative",
            ),
            (
                "option,a,b\npreference,usual,\np,,4\nX,1,2\n",
                (3, 4),
                "p, column `b`",
                "a `p` threshold needs a preference function for this column in a `preference` row",
            ),
            (
                "option,a,b\npreference,,level\nX,1,2\n",
                (2, 13),
                "preference, column `b`",
                "the `level` preference function needs a value in the `q` and `p` rows",
            ),
            (
                "option,a\npreference,linear\nq,5\np,2\nX,1\n",
                (3, 3),
                "q, column `a`",
                "indifference threshold q = 5 exceeds preference threshold p = 2",
            ),
        ];
        for (text, at, field, message) in cases {
            let e = parse_csv(text.as_bytes(), "bad.csv")
                .err()
                .unwrap_or_else(|| panic!("accepted: {text}"));
            assert_eq!(e.diagnostics.len(), 1, "{e}");
            let d = &e.diagnostics[0];
            assert_eq!(
                (d.location, d.field.as_str(), d.message.as_str()),
                (Some(at), field, message),
                "{text}"
            );
        }
    }
}
