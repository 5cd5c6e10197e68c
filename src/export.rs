//! CSV exports: the performance matrix in the dialect `csv_import` reads, so a matrix can go
//! out to a spreadsheet and come back; and the results of one method or of every method.
//!
//! Cells are written RFC 4180 style (quoted when they hold a comma, a quote or a line break);
//! numbers in Rust's shortest form that reads back to the same `f64`.

use thiserror::Error;

use crate::method_comparison::MethodComparison;
use crate::model::Scenario;
use crate::scoring::{MethodDetail, Ranking};
use crate::weights::effective_weights;

/// Row labels that `csv_import` reads as settings rows, not as options (compared ignoring case).
pub const RESERVED_ROW_LABELS: [&str; 6] = ["direction", "weight", "preference", "q", "p", "s"];

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

/// One CSV cell, quoted when it needs to be.
pub fn csv_cell(s: &str) -> String {
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
/// per option (its id) with an empty cell for a missing value. The briefing shows the same rows.
pub fn matrix_rows(scenario: &Scenario, weights: &[f64]) -> Vec<Vec<String>> {
    let criteria = &scenario.criteria;
    let mut rows = Vec::with_capacity(scenario.options.len() + 6);
    let row = |label: &str, cells: &mut dyn Iterator<Item = String>| {
        std::iter::once(label.to_string())
            .chain(cells)
            .collect::<Vec<_>>()
    };
    rows.push(row("option", &mut criteria.iter().map(|c| c.id.clone())));
    rows.push(row(
        "direction",
        &mut criteria.iter().map(|c| c.direction.keyword().to_string()),
    ));
    rows.push(row(
        "weight",
        &mut (0..criteria.len()).map(|j| number(weights.get(j).copied().unwrap_or(0.0))),
    ));
    if criteria.iter().any(|c| c.outranking.is_some()) {
        rows.push(row(
            "preference",
            &mut criteria.iter().map(|c| {
                c.outranking
                    .as_ref()
                    .map_or_else(String::new, |o| o.function.keyword().to_string())
            }),
        ));
        type Pick = fn(&crate::model::Outranking) -> Option<f64>;
        let thresholds: [(&str, Pick); 3] = [("q", |o| o.q), ("p", |o| o.p), ("s", |o| o.s)];
        for (label, pick) in thresholds {
            let values: Vec<Option<f64>> = criteria
                .iter()
                .map(|c| c.outranking.as_ref().and_then(pick))
                .collect();
            if values.iter().any(Option::is_some) {
                rows.push(row(
                    label,
                    &mut values.iter().map(|v| v.map_or_else(String::new, number)),
                ));
            }
        }
    }
    for (option, values) in scenario.options.iter().zip(scenario.matrix()) {
        rows.push(row(
            &option.id,
            &mut values.iter().map(|v| v.map_or_else(String::new, number)),
        ));
    }
    rows
}

/// The option whose id `csv_import` would take for a settings row, and that row's label.
fn reserved_option(scenario: &Scenario) -> Option<(&str, &'static str)> {
    scenario.options.iter().find_map(|o| {
        RESERVED_ROW_LABELS
            .iter()
            .find(|r| o.id.trim().eq_ignore_ascii_case(r))
            .map(|r| (o.id.as_str(), *r))
    })
}

/// The performance matrix as a CSV file that `csv_import` reads back to the same values,
/// directions, weights (the effective weights of the profile at `profile`, summing to 1) and
/// PROMETHEE parameters. Names, families, scales and rationales do not travel: the CSV dialect
/// has no room for them.
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
    Ok(matrix_rows(scenario, &weights)
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
    use crate::csv_import::parse_csv;
    use crate::scenario_file::default_scenario;

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

    /// Outranking rows appear only when a criterion uses them, and read back the same.
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
        assert_eq!(
            out,
            "option,cost,effect,reach\n\
             direction,min,max,max\n\
             weight,0.25,0.5,0.25\n\
             preference,linear,v-shape,\n\
             q,1,,\n\
             p,3,2,\n\
             a,2,4,1\n\
             b,6,,1\n"
        );
        let again = parse_csv(out.as_bytes(), "again.csv").unwrap_or_else(|e| panic!("{e}"));
        let functions =
            |s: &Scenario| -> Vec<_> { s.criteria.iter().map(|c| c.outranking.clone()).collect() };
        assert_eq!(functions(&again), functions(&s));
        assert_eq!(again.matrix(), s.matrix());
    }
}
