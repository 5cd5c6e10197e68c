//! Reading the rows of a CSV matrix into a [`Sheet`]: every cell parsed and kept with its
//! position, every problem with a single cell reported at that cell. Checks that need several
//! rows at once (scales against values, ranges against values, thresholds against functions)
//! come after, in `build.rs`.

use std::collections::{HashMap, HashSet};

use crate::scenario::model::{
    Basis, Direction, Method, Normalization, PreferenceFunction, ValueFunction,
};

use super::{Field, Record, number};

/// One optional value per column with the byte offset of its cell.
pub(super) type Cells<T> = Vec<(Option<T>, usize)>;

/// What a row is, from its first cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Criterion names (the header then holds ids).
    Name,
    Family,
    Direction,
    Weight,
    /// `scale min` (0) or `scale max` (1).
    Scale(usize),
    Unit,
    ValueFunction,
    Preference,
    /// `q` (0), `p` (1) or `s` (2).
    Threshold(usize),
    Method,
    Normalization,
    VikorV,
    /// `low` (0), `likely` (1) or `high` (2) of the option row above.
    Spread(usize),
    /// Whether each value of the option row above is sourced or illustrative.
    Basis,
}

/// Every row label with a meaning, as written in a file (compared ignoring case and runs of
/// spaces). An option whose first cell is one of these would be read as that row.
pub const ROW_LABELS: [&str; 20] = [
    "name",
    "family",
    "direction",
    "weight",
    "scale min",
    "scale max",
    "unit",
    "value function",
    "preference",
    "q",
    "p",
    "s",
    "method",
    "normalization",
    "normalisation",
    "vikor v",
    "low",
    "likely",
    "high",
    "basis",
];

/// The row label as compared: trimmed, ASCII lower case, inner runs of spaces as one.
pub(super) fn folded(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// The row label that `label` would be read as, if any.
pub fn row_label(label: &str) -> Option<&'static str> {
    let f = folded(label);
    ROW_LABELS.into_iter().find(|r| *r == f)
}

fn kind(label: &str) -> Option<Kind> {
    Some(match folded(label).as_str() {
        "name" => Kind::Name,
        "family" => Kind::Family,
        "direction" => Kind::Direction,
        "weight" => Kind::Weight,
        "scale min" => Kind::Scale(0),
        "scale max" => Kind::Scale(1),
        "unit" => Kind::Unit,
        "value function" => Kind::ValueFunction,
        "preference" => Kind::Preference,
        "q" => Kind::Threshold(0),
        "p" => Kind::Threshold(1),
        "s" => Kind::Threshold(2),
        "method" => Kind::Method,
        "normalization" | "normalisation" => Kind::Normalization,
        "vikor v" => Kind::VikorV,
        "low" => Kind::Spread(0),
        "likely" => Kind::Spread(1),
        "high" => Kind::Spread(2),
        "basis" => Kind::Basis,
        _ => return None,
    })
}

/// One option row and the `low`, `likely` and `high` rows under it.
#[derive(Clone, Debug)]
pub(super) struct OptionRow {
    /// The first cell: the option's id when the file has a name column, else its name.
    pub label: String,
    /// The name column's cell, when there is one and it is not empty.
    pub name: Option<String>,
    pub line: usize,
    pub values: Cells<f64>,
    /// `low`, `likely`, `high`.
    pub spread: [Option<Cells<f64>>; 3],
    /// The `basis` row: each value's basis, `None` for an empty cell.
    pub basis: Option<Vec<Option<Basis>>>,
}

/// Everything a CSV matrix says, cell by cell, before the checks across rows.
#[derive(Debug, Default)]
pub(super) struct Sheet {
    /// Header cells after `option` (and `name`): criterion ids or names.
    pub labels: Vec<String>,
    /// Whether the second header cell is `name`: then the first column holds option ids.
    pub name_column: bool,
    /// The `name` row: then the header holds criterion ids.
    pub criterion_names: Option<Vec<String>>,
    /// The `family` row: family names.
    pub families: Option<Vec<(String, usize)>>,
    pub directions: Option<Vec<Direction>>,
    pub weights: Option<Vec<f64>>,
    /// `scale min`, `scale max`.
    pub scale: [Option<Cells<f64>>; 2],
    pub units: Option<Vec<String>>,
    pub value_functions: Option<Vec<Option<ValueFunction>>>,
    pub preference: Option<Cells<PreferenceFunction>>,
    /// `q`, `p`, `s`.
    pub thresholds: [Option<Cells<f64>>; 3],
    pub method: Option<(Method, usize)>,
    pub normalization: Option<(Normalization, usize)>,
    pub vikor_v: Option<f64>,
    pub options: Vec<OptionRow>,
    /// Offsets of the number cells that did not read (already reported), so that the checks
    /// across rows do not also call them missing.
    pub unreadable: HashSet<usize>,
}

/// Reads rows into a [`Sheet`], sending each problem (byte offset, field, message) to `problem`.
pub(super) struct Reader<'a> {
    pub sheet: Sheet,
    /// Index of the first criterion column (1, or 2 after a name column).
    first: usize,
    width: usize,
    /// Whether the previous row was an option row or one of its `low`/`likely`/`high` rows.
    after_option: bool,
    /// The line of each option label read so far, to report a duplicate in one look-up.
    option_lines: HashMap<String, usize>,
    line_of: &'a dyn Fn(usize) -> usize,
    problem: &'a mut dyn FnMut(usize, String, String),
}

impl<'a> Reader<'a> {
    /// A reader for rows under `header` (already checked to start with `option`).
    pub fn new(
        header: &Record,
        line_of: &'a dyn Fn(usize) -> usize,
        problem: &'a mut dyn FnMut(usize, String, String),
    ) -> Self {
        let name_column = header
            .fields
            .get(1)
            .is_some_and(|f| f.text.trim().eq_ignore_ascii_case("name"));
        let first = if name_column { 2 } else { 1 };
        let labels = header
            .fields
            .iter()
            .skip(first)
            .map(|f| f.text.trim().to_string())
            .collect();
        Self {
            sheet: Sheet {
                labels,
                name_column,
                ..Sheet::default()
            },
            first,
            width: header.fields.len(),
            after_option: false,
            option_lines: HashMap::new(),
            line_of,
            problem,
        }
    }

    fn report(&mut self, at: usize, field: impl Into<String>, message: impl Into<String>) {
        (self.problem)(at, field.into(), message.into());
    }

    /// `row, column `<criterion>``: how a cell is named in messages.
    fn field(&self, row: &str, k: usize) -> String {
        format!(
            "{row}, column `{}`",
            self.sheet.labels.get(k).map_or("", String::as_str)
        )
    }

    /// Reads one record.
    pub fn row(&mut self, row: &Record) {
        let label = row.fields[0].text.trim().to_string();
        let kind = kind(&label);
        if let Some(Kind::Method | Kind::Normalization | Kind::VikorV) = kind {
            self.after_option = false;
            return self.setting(row, &folded(&label), kind);
        }
        if row.fields.len() != self.width {
            self.report(
                row.start,
                format!("row `{label}`"),
                format!(
                    "row has {} cells but the header has {}",
                    row.fields.len(),
                    self.width
                ),
            );
            // A broken option row still owns the range rows under it.
            self.after_option =
                kind.is_none() || matches!(kind, Some(Kind::Spread(_) | Kind::Basis));
            return;
        }
        let cells = &row.fields[self.first..];
        let row_name = folded(&label);
        match kind {
            None => return self.option(row, label),
            Some(Kind::Spread(slot)) => return self.spread(row, &row_name, slot, cells),
            Some(Kind::Basis) => return self.basis(row, cells),
            Some(_) => self.after_option = false,
        }
        if self.already(kind, row, &row_name) {
            return;
        }
        let text = |f: &Field| f.text.trim().to_string();
        match kind {
            Some(Kind::Name) => self.sheet.criterion_names = Some(cells.iter().map(text).collect()),
            Some(Kind::Unit) => self.sheet.units = Some(cells.iter().map(text).collect()),
            Some(Kind::Family) => self.families(cells),
            Some(Kind::Direction) => self.directions(cells),
            Some(Kind::Weight) => self.weights(row, cells),
            Some(Kind::Scale(slot)) => {
                let values = self.numbers(&row_name, cells, |_| None);
                self.sheet.scale[slot] = Some(values);
            }
            Some(Kind::Threshold(slot)) => {
                let values = self.numbers(&row_name, cells, |x| {
                    (x < 0.0).then(|| format!("threshold {x} is negative"))
                });
                self.sheet.thresholds[slot] = Some(values);
            }
            Some(Kind::ValueFunction) => self.value_functions(cells),
            Some(Kind::Preference) => self.preference(cells),
            _ => {}
        }
    }

    /// Whether a row of this kind was read before (and says so).
    fn already(&mut self, kind: Option<Kind>, row: &Record, name: &str) -> bool {
        let s = &self.sheet;
        let seen = match kind {
            Some(Kind::Name) => s.criterion_names.is_some(),
            Some(Kind::Family) => s.families.is_some(),
            Some(Kind::Direction) => s.directions.is_some(),
            Some(Kind::Weight) => s.weights.is_some(),
            Some(Kind::Scale(slot)) => s.scale[slot].is_some(),
            Some(Kind::Unit) => s.units.is_some(),
            Some(Kind::ValueFunction) => s.value_functions.is_some(),
            Some(Kind::Preference) => s.preference.is_some(),
            Some(Kind::Threshold(slot)) => s.thresholds[slot].is_some(),
            Some(Kind::Method) => s.method.is_some(),
            Some(Kind::Normalization) => s.normalization.is_some(),
            Some(Kind::VikorV) => s.vikor_v.is_some(),
            Some(Kind::Spread(_) | Kind::Basis) | None => false,
        };
        if seen {
            self.report(row.start, name, format!("a second `{name}` row"));
        }
        seen
    }

    /// Numbers of a row, each empty cell `None`; `check` may refuse a number (kept all the same,
    /// so that a later check does not also call it missing).
    fn numbers(
        &mut self,
        row: &str,
        cells: &[Field],
        check: impl Fn(f64) -> Option<String>,
    ) -> Cells<f64> {
        let mut out = Vec::with_capacity(cells.len());
        for (k, f) in cells.iter().enumerate() {
            match number(&f.text) {
                Ok(x) => {
                    if let Some(m) = x.and_then(&check) {
                        self.report(f.start, self.field(row, k), m);
                    }
                    out.push((x, f.start));
                }
                Err(m) => {
                    self.report(f.start, self.field(row, k), m);
                    self.sheet.unreadable.insert(f.start);
                    out.push((None, f.start));
                }
            }
        }
        out
    }

    fn option(&mut self, row: &Record, label: String) {
        self.after_option = false;
        let line = (self.line_of)(row.start);
        if label.is_empty() {
            self.report(
                row.start,
                format!("line {line}"),
                "the option name is empty",
            );
            return;
        }
        if let Some(&first) = self.option_lines.get(&label) {
            self.report(
                row.start,
                format!("row `{label}`"),
                format!("duplicate option `{label}` (also on line {first})"),
            );
            return;
        }
        let values = self.numbers(&format!("row `{label}`"), &row.fields[self.first..], |_| {
            None
        });
        let name = self
            .sheet
            .name_column
            .then(|| row.fields[1].text.trim().to_string())
            .filter(|n| !n.is_empty());
        self.option_lines.insert(label.clone(), line);
        self.sheet.options.push(OptionRow {
            label,
            name,
            line,
            values,
            spread: [None, None, None],
            basis: None,
        });
        self.after_option = true;
    }

    /// The label of the option row that a `low`, `likely`, `high` or `basis` row belongs to:
    /// the one right above it, unless it has such a row already (`taken`). Says why not.
    fn owner(
        &mut self,
        row: &Record,
        name: &str,
        taken: impl Fn(&OptionRow) -> bool,
    ) -> Option<String> {
        let last = self.sheet.options.last().filter(|_| self.after_option);
        let Some(owner) = last.map(|o| (o.label.clone(), taken(o))) else {
            self.report(
                row.start,
                name,
                format!("a `{name}` row must come right after the option row it belongs to"),
            );
            return None;
        };
        if owner.1 {
            self.report(
                row.start,
                format!("{name} of `{}`", owner.0),
                format!("a second `{name}` row for option `{}`", owner.0),
            );
            return None;
        }
        Some(owner.0)
    }

    /// A `low`, `likely` or `high` row: the range of each value of the option row above.
    fn spread(&mut self, row: &Record, name: &str, slot: usize, cells: &[Field]) {
        let Some(owner) = self.owner(row, name, |o| o.spread[slot].is_some()) else {
            return;
        };
        let values = self.numbers(&format!("{name} of `{owner}`"), cells, |_| None);
        if let Some(o) = self.sheet.options.last_mut() {
            o.spread[slot] = Some(values);
        }
    }

    /// A `basis` row: `sourced` or `illustrative` for each value of the option row above.
    fn basis(&mut self, row: &Record, cells: &[Field]) {
        let Some(owner) = self.owner(row, "basis", |o| o.basis.is_some()) else {
            return;
        };
        let mut out = Vec::with_capacity(cells.len());
        for (k, f) in cells.iter().enumerate() {
            let t = f.text.trim();
            out.push(match t.to_ascii_lowercase().as_str() {
                "" => None,
                "sourced" => Some(Basis::Sourced),
                "illustrative" => Some(Basis::Illustrative),
                _ => {
                    self.report(
                        f.start,
                        self.field(&format!("basis of `{owner}`"), k),
                        format!(
                            "expected `sourced` or `illustrative` (or an empty cell for sourced), found `{t}`"
                        ),
                    );
                    None
                }
            });
        }
        if let Some(o) = self.sheet.options.last_mut() {
            o.basis = Some(out);
        }
    }

    fn families(&mut self, cells: &[Field]) {
        let mut out = Vec::with_capacity(cells.len());
        for (k, f) in cells.iter().enumerate() {
            let t = f.text.trim();
            if t.is_empty() {
                self.report(
                    f.start,
                    self.field("family", k),
                    "the family is missing; name one for every criterion",
                );
            }
            out.push((t.to_string(), f.start));
        }
        self.sheet.families = Some(out);
    }

    fn directions(&mut self, cells: &[Field]) {
        let mut dirs = Vec::with_capacity(cells.len());
        for (k, f) in cells.iter().enumerate() {
            match f.text.trim().to_ascii_lowercase().as_str() {
                "max" => dirs.push(Direction::Maximize),
                "min" => dirs.push(Direction::Minimize),
                other => self.report(
                    f.start,
                    self.field("direction", k),
                    format!("expected `max` or `min`, found `{other}`"),
                ),
            }
        }
        self.sheet.directions = Some(dirs);
    }

    fn weights(&mut self, row: &Record, cells: &[Field]) {
        let mut ws = Vec::with_capacity(cells.len());
        for (k, f) in cells.iter().enumerate() {
            let field = self.field("weight", k);
            match number(&f.text) {
                Ok(Some(w)) if w >= 0.0 => ws.push(w),
                Ok(Some(w)) => self.report(
                    f.start,
                    field,
                    format!("weight {w} is negative; weights must be 0 or more"),
                ),
                Ok(None) => self.report(f.start, field, "a weight is missing"),
                Err(m) => self.report(f.start, field, m),
            }
        }
        if ws.len() == cells.len() && ws.iter().all(|&w| w == 0.0) {
            self.report(
                row.start,
                "weight",
                "every weight is zero; at least one must be above zero",
            );
        }
        self.sheet.weights = Some(ws);
    }

    fn preference(&mut self, cells: &[Field]) {
        let mut fs = Vec::with_capacity(cells.len());
        for (k, f) in cells.iter().enumerate() {
            let t = f.text.trim();
            let function = PreferenceFunction::from_keyword(t);
            if function.is_none() && !t.is_empty() {
                let known: Vec<String> = PreferenceFunction::ALL
                    .iter()
                    .map(|f| format!("`{}`", f.keyword()))
                    .collect();
                self.report(
                    f.start,
                    self.field("preference", k),
                    format!(
                        "expected one of {} (or an empty cell for the usual criterion), found `{t}`",
                        known.join(", ")
                    ),
                );
            }
            fs.push((function, f.start));
        }
        self.sheet.preference = Some(fs);
    }

    fn value_functions(&mut self, cells: &[Field]) {
        let mut out = Vec::with_capacity(cells.len());
        for (k, f) in cells.iter().enumerate() {
            match value_function(&f.text) {
                Ok(vf) => out.push(vf),
                Err(m) => {
                    self.report(f.start, self.field("value function", k), m);
                    out.push(None);
                }
            }
        }
        self.sheet.value_functions = Some(out);
    }

    /// A `method`, `normalization` or `vikor v` row: one value in the cell after the label,
    /// whatever the width of the row; the cells after it empty.
    fn setting(&mut self, row: &Record, name: &str, kind: Option<Kind>) {
        if self.already(kind, row, name) {
            return;
        }
        let Some(cell) = row.fields.get(1) else {
            self.report(
                row.start,
                name,
                format!("expected a value in the cell after `{name}`"),
            );
            return;
        };
        if let Some(extra) = row.fields[2..].iter().find(|f| !f.text.trim().is_empty()) {
            self.report(
                extra.start,
                name,
                format!(
                    "`{name}` takes one value, in the cell after the label; found `{}` further on",
                    extra.text.trim()
                ),
            );
        }
        let t = cell.text.trim();
        let word = t.to_ascii_lowercase();
        let one_of = |words: &mut dyn Iterator<Item = &'static str>| {
            words
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match kind {
            Some(Kind::Method) => match Method::from_keyword(&word) {
                Some(m) => self.sheet.method = Some((m, cell.start)),
                None => self.report(
                    cell.start,
                    name,
                    format!(
                        "expected one of {}, found `{t}`",
                        one_of(&mut Method::ALL.iter().map(|m| m.keyword()))
                    ),
                ),
            },
            Some(Kind::Normalization) => match Normalization::from_keyword(&word) {
                Some(n) => self.sheet.normalization = Some((n, cell.start)),
                None => self.report(
                    cell.start,
                    name,
                    format!(
                        "expected one of {}, found `{t}`",
                        one_of(&mut Normalization::ALL.iter().map(|n| n.keyword()))
                    ),
                ),
            },
            _ => match number(t) {
                Ok(Some(v)) if (0.0..=1.0).contains(&v) => self.sheet.vikor_v = Some(v),
                Ok(Some(v)) => self.report(
                    cell.start,
                    name,
                    format!("VIKOR's v must be between 0 and 1, found {v}"),
                ),
                Ok(None) => self.report(cell.start, name, "a value is missing"),
                Err(m) => self.report(cell.start, name, m),
            },
        }
    }
}

/// A value function cell: `x:v` points separated by `;` (`0:0; 5:0.8; 10:1`), `x` increasing,
/// `v` in 0..1; an empty cell for none.
pub(super) fn value_function(cell: &str) -> Result<Option<ValueFunction>, String> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    let mut points: Vec<(f64, f64)> = Vec::new();
    for part in cell.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((x, v)) = part.split_once(':') else {
            return Err(format!(
                "expected points `x:value` separated by `;` (e.g. `0:0; 5:0.8; 10:1`), found `{part}`"
            ));
        };
        let x = number(x)?.ok_or_else(|| format!("the point `{part}` has no x"))?;
        let v = number(v)?.ok_or_else(|| format!("the point `{part}` has no value"))?;
        if !(0.0..=1.0).contains(&v) {
            return Err(format!("value {v} of the point `{part}` is outside 0..1"));
        }
        if let Some(&(before, _)) = points.last()
            && x <= before
        {
            return Err(format!("x values must increase: {x} follows {before}"));
        }
        points.push((x, v));
    }
    if points.len() < 2 {
        return Err(
            "a value function needs at least two points `x:value` (e.g. `0:0; 10:1`)".into(),
        );
    }
    Ok(Some(ValueFunction { points }))
}
