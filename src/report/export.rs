//! CSV exports: the performance matrix in the dialect `csv_import` reads, so a matrix can go
//! out to a spreadsheet and come back; and the results of one method or of every method.
//!
//! Cells are written RFC 4180 style (quoted when they hold a comma, a quote or a line break);
//! numbers in Rust's shortest form that reads back to the same `f64`. Text that a spreadsheet
//! would run as a formula is written with a leading apostrophe, removed again on import.

use thiserror::Error;

use crate::analysis::method_comparison::MethodComparison;
use crate::analysis::scoring::{MethodDetail, Ranking};
use crate::files::csv_import::{guarded, row_label};
use crate::scenario::model::{Basis, Scenario, Uncertainty};
use crate::scenario::weights::effective_weights;

/// Why the matrix cannot be exported as asked.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ExportError {
    #[error(
        "option id `{option}` would be read back as the `{row}` row of a CSV matrix; rename the option (its id) before exporting the matrix"
    )]
    ReservedLabel { option: String, row: &'static str },
    #[error("the scenario has no weight profile at position {0}")]
    NoProfile(usize),
}

/// One CSV cell, guarded against formulas ([`guarded`]) and quoted when it needs to be.
pub fn csv_cell(s: &str) -> String {
    let s = guarded(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV line (with its line break) from cells.
pub fn csv_line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| csv_cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// A number as the matrix writes it: the shortest text that parses back to the same value.
fn number(x: f64) -> String {
    format!("{x}")
}

/// The matrix in the layout of a CSV matrix, one `Vec` per row, cells unquoted: header
/// `option,<criterion ids>`, a `direction` row, a `weight` row from `weights` (one per
/// criterion), the `preference`, `q`, `p` and `s` rows that any criterion uses, then one row
/// per option (its id) with an empty cell for a missing value. The briefing's appendix shows
/// these rows; [`csv_rows`] adds names, families, scales and ranges for a full round trip.
pub fn matrix_rows(scenario: &Scenario, weights: &[f64]) -> Vec<Vec<String>> {
    let criteria = &scenario.criteria;
    let row = |label: &str, cells: Vec<String>| {
        std::iter::once(label.to_string())
            .chain(cells)
            .collect::<Vec<_>>()
    };
    let mut rows = Vec::with_capacity(scenario.options.len() + 6);
    rows.push(row(
        "option",
        criteria.iter().map(|c| c.id.clone()).collect(),
    ));
    rows.push(row("direction", direction_cells(scenario)));
    rows.push(row("weight", weight_cells(scenario, weights)));
    for (label, cells) in outranking_rows(scenario) {
        rows.push(row(label, cells));
    }
    for (option, values) in scenario.options.iter().zip(scenario.matrix()) {
        rows.push(row(&option.id, values.into_iter().map(optional).collect()));
    }
    rows
}

/// A value, or an empty cell for a missing one.
fn optional(v: Option<f64>) -> String {
    v.map_or_else(String::new, number)
}

fn direction_cells(scenario: &Scenario) -> Vec<String> {
    scenario
        .criteria
        .iter()
        .map(|c| c.direction.keyword().to_string())
        .collect()
}

/// The weights to 15 significant digits, so that a share of 1/5 reads `0.2` and not
/// `0.20000000000000004`: the change (relative, at most 5e-16) is below what any score shows,
/// and the import scales the row to sum 1 again.
fn weight_cells(scenario: &Scenario, weights: &[f64]) -> Vec<String> {
    (0..scenario.criteria.len())
        .map(|j| {
            let w = weights.get(j).copied().unwrap_or(0.0);
            let rounded = format!("{w:.14e}").parse::<f64>().unwrap_or(w);
            number(rounded)
        })
        .collect()
}

/// The `preference`, `q`, `p` and `s` rows that any criterion uses (none when no criterion
/// has outranking parameters).
fn outranking_rows(scenario: &Scenario) -> Vec<(&'static str, Vec<String>)> {
    let criteria = &scenario.criteria;
    if criteria.iter().all(|c| c.outranking.is_none()) {
        return Vec::new();
    }
    let mut rows = vec![(
        "preference",
        criteria
            .iter()
            .map(|c| {
                c.outranking
                    .as_ref()
                    .map_or_else(String::new, |o| o.function.keyword().to_string())
            })
            .collect(),
    )];
    type Pick = fn(&crate::scenario::model::Outranking) -> Option<f64>;
    let thresholds: [(&str, Pick); 3] = [("q", |o| o.q), ("p", |o| o.p), ("s", |o| o.s)];
    for (label, pick) in thresholds {
        let values: Vec<Option<f64>> = criteria
            .iter()
            .map(|c| c.outranking.as_ref().and_then(pick))
            .collect();
        if values.iter().any(Option::is_some) {
            rows.push((label, values.into_iter().map(optional).collect()));
        }
    }
    rows
}

/// The option whose id `csv_import` would take for a settings row, and that row's label.
fn reserved_option(scenario: &Scenario) -> Option<(&str, &'static str)> {
    scenario
        .options
        .iter()
        .find_map(|o| row_label(&o.id).map(|r| (o.id.as_str(), r)))
}

/// Each criterion's family as the `family` row writes it: the family's name, or its id where
/// the name is empty or two families share it (the import groups criteria by this text).
fn family_labels(scenario: &Scenario) -> Vec<String> {
    let name_of = |id: &str| scenario.families.iter().find(|f| f.id == id);
    scenario
        .criteria
        .iter()
        .map(|c| match name_of(&c.family) {
            Some(f)
                if !f.name.trim().is_empty()
                    && scenario
                        .families
                        .iter()
                        .filter(|g| g.name.trim() == f.name.trim())
                        .count()
                        == 1 =>
            {
                f.name.trim().to_string()
            }
            _ => c.family.clone(),
        })
        .collect()
}

/// A value function as its cell: `x:v` points separated by `; `.
fn value_function_cell(c: &crate::scenario::model::Criterion) -> String {
    c.value_function.as_ref().map_or_else(String::new, |vf| {
        vf.points
            .iter()
            .map(|&(x, v)| format!("{}:{}", number(x), number(v)))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// The rows of the full CSV layout (see `docs/scenario-format.md`): header
/// `option,name,<criterion ids>`; rows `name`, `family`, `direction`, `weight` (`weights`, one
/// per criterion), `scale min`, `scale max`, then `unit`, `value function` and the outranking
/// rows where a criterion uses them; `method`, `normalization` and (when it matters) `vikor v`;
/// then one row per option (id, name, values), each followed by a `basis` row when any of its
/// values is illustrative, and `low`, `likely` and `high` rows when any has a range.
pub fn csv_rows(scenario: &Scenario, weights: &[f64]) -> Vec<Vec<String>> {
    let criteria = &scenario.criteria;
    let row = |label: &str, second: &str, cells: Vec<String>| {
        [label.to_string(), second.to_string()]
            .into_iter()
            .chain(cells)
            .collect::<Vec<_>>()
    };
    let each = |f: &dyn Fn(&crate::scenario::model::Criterion) -> String| -> Vec<String> {
        criteria.iter().map(f).collect()
    };
    let mut rows = vec![
        row("option", "name", each(&|c| c.id.clone())),
        row("name", "", each(&|c| c.name.clone())),
        row("family", "", family_labels(scenario)),
    ];
    rows.push(row("direction", "", direction_cells(scenario)));
    rows.push(row("weight", "", weight_cells(scenario, weights)));
    rows.push(row("scale min", "", each(&|c| number(c.scale.min))));
    rows.push(row("scale max", "", each(&|c| number(c.scale.max))));
    if criteria.iter().any(|c| !c.scale.unit.is_empty()) {
        rows.push(row("unit", "", each(&|c| c.scale.unit.clone())));
    }
    if criteria.iter().any(|c| c.value_function.is_some()) {
        rows.push(row("value function", "", each(&value_function_cell)));
    }
    for (label, cells) in outranking_rows(scenario) {
        rows.push(row(label, "", cells));
    }
    let pad = |label: &str, value: String| {
        let mut r = row(label, &value, Vec::new());
        r.resize(criteria.len() + 2, String::new());
        r
    };
    let st = &scenario.settings;
    rows.push(pad("method", st.method.keyword().to_string()));
    rows.push(pad("normalization", st.normalization.keyword().to_string()));
    if st.method == crate::scenario::model::Method::Vikor
        || st.vikor_v != crate::scenario::model::DEFAULT_VIKOR_V
    {
        rows.push(pad("vikor v", number(st.vikor_v)));
    }
    for (option, values) in scenario.options.iter().zip(scenario.matrix()) {
        rows.push(row(
            &option.id,
            &option.name,
            values.into_iter().map(optional).collect(),
        ));
        let spreads: Vec<Option<&Uncertainty>> = criteria
            .iter()
            .map(|c| {
                scenario
                    .cell(&option.id, &c.id)
                    .and_then(|cell| cell.uncertainty.as_ref())
            })
            .collect();
        rows.extend(basis_row(scenario, option));
        if spreads.iter().all(Option::is_none) {
            continue;
        }
        type Pick = fn(&Uncertainty) -> Option<f64>;
        let parts: [(&str, Pick); 3] = [
            ("low", |u| Some(u.bounds().0)),
            ("likely", |u| match u {
                Uncertainty::Triangular { likely, .. } => Some(*likely),
                Uncertainty::Range { .. } => None,
            }),
            ("high", |u| Some(u.bounds().1)),
        ];
        for (label, pick) in parts {
            let cells: Vec<Option<f64>> = spreads.iter().map(|u| u.and_then(pick)).collect();
            if cells.iter().any(Option::is_some) {
                rows.push(row(label, "", cells.into_iter().map(optional).collect()));
            }
        }
    }
    rows
}

/// The option's `basis` row when any of its values is illustrative (without one, every value
/// reads back as sourced).
fn basis_row(
    scenario: &Scenario,
    option: &crate::scenario::model::PolicyOption,
) -> Option<Vec<String>> {
    let basis: Vec<Option<Basis>> = scenario
        .criteria
        .iter()
        .map(|c| scenario.cell(&option.id, &c.id).map(|cell| cell.basis))
        .collect();
    basis.contains(&Some(Basis::Illustrative)).then(|| {
        ["basis".to_string(), String::new()]
            .into_iter()
            .chain(basis.into_iter().map(|b| {
                match b {
                    Some(Basis::Illustrative) => "illustrative",
                    Some(Basis::Sourced) => "sourced",
                    None => "",
                }
                .to_string()
            }))
            .collect()
    })
}

/// The performance matrix as a CSV file that `csv_import` reads back to the same scores under
/// every method and normalisation: values with their ranges and basis, option and criterion
/// ids and names, families, directions, scales (with units and value functions), the
/// effective weights of the profile at `profile` (summing to 1), PROMETHEE parameters, and the
/// scenario's method, normalisation and VIKOR v. Descriptions, provenance, rationales,
/// translations and the other profiles stay in the `.ron` file.
pub fn matrix_csv(scenario: &Scenario, profile: usize) -> Result<String, ExportError> {
    let profile = scenario
        .profiles
        .get(profile)
        .ok_or(ExportError::NoProfile(profile))?;
    if let Some((option, row)) = reserved_option(scenario) {
        return Err(ExportError::ReservedLabel {
            option: option.to_string(),
            row,
        });
    }
    let weights = effective_weights(scenario, profile);
    Ok(csv_rows(scenario, &weights)
        .iter()
        .map(|r| csv_line(r))
        .collect())
}

/// The results of one method as CSV, options in the scenario's order: `option,name,score,rank`;
/// TOPSIS adds `d_plus,d_minus`, PROMETHEE II `phi_plus,phi_minus`, VIKOR `s,r` and
/// `compromise` (1 for an option in the compromise set, else 0). (`tideline score --format csv`
/// prints the same.)
pub fn results_csv(scenario: &Scenario, r: &Ranking) -> String {
    let (names, extra): (&[&str], Vec<&[f64]>) = match &r.detail {
        MethodDetail::None => (&[], Vec::new()),
        MethodDetail::Topsis { d_plus, d_minus } => (&["d_plus", "d_minus"], vec![d_plus, d_minus]),
        MethodDetail::Promethee {
            phi_plus,
            phi_minus,
            ..
        } => (&["phi_plus", "phi_minus"], vec![phi_plus, phi_minus]),
        MethodDetail::Vikor { s, r, .. } => (&["s", "r"], vec![s, r]),
    };
    let compromise = match &r.detail {
        MethodDetail::Vikor { compromise, .. } => Some(compromise),
        _ => None,
    };
    let mut out = String::from("option,name,score,rank");
    for name in names {
        out.push(',');
        out.push_str(name);
    }
    if compromise.is_some() {
        out.push_str(",compromise");
    }
    out.push('\n');
    for (i, o) in scenario.options.iter().enumerate() {
        out.push_str(&format!(
            "{},{},{},{}",
            csv_cell(&o.id),
            csv_cell(&o.name),
            r.scores[i],
            r.ranks[i]
        ));
        for column in &extra {
            out.push_str(&format!(",{}", column[i]));
        }
        if let Some(c) = compromise {
            out.push_str(if c.contains(&i) { ",1" } else { ",0" });
        }
        out.push('\n');
    }
    out
}

/// Every method's ranks as CSV, one column per method, options in the scenario's order; an
/// empty cell where a method could not score.
pub fn ranks_csv(scenario: &Scenario, cmp: &MethodComparison) -> String {
    let mut out = String::from("option,name");
    for m in &cmp.methods {
        out.push(',');
        out.push_str(m.keyword());
    }
    out.push('\n');
    for (i, o) in scenario.options.iter().enumerate() {
        out.push_str(&format!("{},{}", csv_cell(&o.id), csv_cell(&o.name)));
        for k in 0..cmp.methods.len() {
            match cmp.ranks(k) {
                Some(ranks) => out.push_str(&format!(",{}", ranks[i])),
                None => out.push(','),
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::csv_import::parse_csv;
    use crate::files::scenario_file::default_scenario;

    #[test]
    fn cells_are_quoted_only_when_needed() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_line(&["a", "b,c", ""]), "a,\"b,c\",\n");
    }

    #[test]
    fn an_option_named_like_a_settings_row_is_refused() {
        let mut s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let old = s.options[1].id.clone();
        s.options[1].id = "Q".into();
        for cell in &mut s.performance {
            if cell.option == old {
                cell.option = "Q".into();
            }
        }
        assert_eq!(
            matrix_csv(&s, 0),
            Err(ExportError::ReservedLabel {
                option: "Q".into(),
                row: "q"
            })
        );
    }

    /// Outranking rows appear only when a criterion uses them, and read back the same; the
    /// full layout adds names, families, scales and the settings around the first dialect's
    /// rows.
    #[test]
    fn promethee_rows_round_trip() {
        let text = "option,cost,effect,reach\n\
            direction,min,max,max\n\
            weight,1,2,1\n\
            preference,linear,v-shape,\n\
            q,1,,\n\
            p,3,2,\n\
            A,2,4,1\n\
            B,6,,1\n";
        let s = parse_csv(text.as_bytes(), "m.csv").unwrap_or_else(|e| panic!("{e}"));
        let out = matrix_csv(&s, 0).unwrap_or_else(|e| panic!("{e}"));
        // Scales from the data: cost 2..6, effect 4..5 (one value), reach 1..2 (one value).
        assert_eq!(
            out,
            "option,name,cost,effect,reach\n\
             name,,cost,effect,reach\n\
             family,,Criteria,Criteria,Criteria\n\
             direction,,min,max,max\n\
             weight,,0.25,0.5,0.25\n\
             scale min,,2,4,1\n\
             scale max,,6,5,2\n\
             preference,,linear,v-shape,\n\
             q,,1,,\n\
             p,,3,2,\n\
             method,wsm,,,\n\
             normalization,minmax,,,\n\
             a,A,2,4,1\n\
             b,B,6,,1\n"
        );
        let again = parse_csv(out.as_bytes(), "again.csv").unwrap_or_else(|e| panic!("{e}"));
        let functions =
            |s: &Scenario| -> Vec<_> { s.criteria.iter().map(|c| c.outranking.clone()).collect() };
        assert_eq!(functions(&again), functions(&s));
        assert_eq!(again.matrix(), s.matrix());
    }

    /// Every row label the importer knows is refused as an option id, whatever its case and
    /// spacing.
    #[test]
    fn an_option_named_like_any_row_is_refused() {
        let base = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        for label in crate::files::csv_import::ROW_LABELS {
            let mut s = base.clone();
            let old = s.options[0].id.clone();
            let id = label.to_uppercase().replace(' ', "  ");
            s.options[0].id = id.clone();
            for cell in &mut s.performance {
                if cell.option == old {
                    cell.option = id.clone();
                }
            }
            assert_eq!(
                matrix_csv(&s, 0),
                Err(ExportError::ReservedLabel {
                    option: id,
                    row: label
                })
            );
        }
    }
}
