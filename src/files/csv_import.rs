//! Import of a matrix prepared in a spreadsheet. The smallest file:
//!
//! ```text
//! option,cost,effect
//! direction,min,max      (optional)
//! weight,1,2             (optional)
//! Option A,3,7
//! Option B,5,
//! ```
//!
//! An empty cell or `NA` is a missing value. Without more, the result is a scenario with one
//! family `criteria`, scale bounds from the data, normalisation `minmax` (the bounds carry no
//! more information than the data), one profile from the weight row.
//!
//! Optional rows and a `name` column carry the rest of what changes a score, so that a matrix
//! exported by `export::matrix_csv` reads back to the same scores (`docs/scenario-format.md`
//! lists them): criterion `name`, `family`, `scale min`, `scale max`, `unit`, `value function`;
//! PROMETHEE's `preference`, `q`, `p`, `s`; the settings `method`, `normalization`, `vikor v`;
//! and under an option row, `low`, `likely` and `high` rows giving its values' ranges and a
//! `basis` row saying which are illustrative.
//!
//! Rows are read cell by cell in `sheet.rs`; the checks across rows and the scenario itself
//! are in `build.rs`. Every problem is reported at the cell at fault.

mod build;
mod sheet;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::files::diagnostic::{Diagnostic, LineIndex, LoadError, capped, utf8};
use crate::files::limits;
use crate::scenario::model::Scenario;
use crate::scenario::validate::validate;

use sheet::Reader;
pub use sheet::{ROW_LABELS, row_label};

/// One CSV cell and where it starts (byte offset). The text is borrowed from the file unless
/// it had to be changed (doubled quotes, a guard apostrophe removed): a matrix of millions of
/// cells allocates for none of them.
#[derive(Clone, Debug)]
struct Field<'a> {
    text: Cow<'a, str>,
    start: usize,
}

/// One CSV record: its fields and the byte offset of its line.
#[derive(Clone, Debug)]
struct Record<'a> {
    fields: Vec<Field<'a>>,
    start: usize,
}

/// Splits RFC 4180 CSV text into records, one at a time, keeping each cell's position.
/// Quoted cells may hold commas, doubled quotes and line breaks. Blank lines are skipped. The
/// first malformed record ends the iteration with its offset and message.
struct Records<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }

    /// One cell starting at `self.pos`, leaving `self.pos` on the byte after it.
    fn field(&mut self) -> Result<Field<'a>, (usize, String)> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let start = self.pos;
        let mut pos = start;
        let value: Cow<'a, str> = if bytes.get(pos) == Some(&b'"') {
            pos += 1;
            let mut value = Cow::Borrowed("");
            let mut run = pos;
            let mut closed = false;
            while let Some(q) = bytes[pos..].iter().position(|&b| b == b'"') {
                pos += q;
                if bytes.get(pos + 1) == Some(&b'"') {
                    // A doubled quote: the text so far and one quote, owned from here on.
                    let owned = value.to_mut();
                    owned.push_str(&text[run..=pos]);
                    pos += 2;
                    run = pos;
                    continue;
                }
                value = match value {
                    Cow::Borrowed(_) => Cow::Borrowed(&text[run..pos]),
                    Cow::Owned(mut s) => {
                        s.push_str(&text[run..pos]);
                        Cow::Owned(s)
                    }
                };
                pos += 1;
                closed = true;
                break;
            }
            if !closed {
                return Err((start, "a quoted cell is not closed".to_string()));
            }
            if !matches!(bytes.get(pos), None | Some(b',' | b'\n' | b'\r')) {
                return Err((pos, "unexpected text after a closing quote".to_string()));
            }
            value
        } else {
            let len = bytes[pos..]
                .iter()
                .position(|&b| matches!(b, b',' | b'\n' | b'\r'))
                .unwrap_or(bytes.len() - pos);
            pos += len;
            Cow::Borrowed(&text[start..pos])
        };
        self.pos = pos;
        Ok(Field {
            text: unguarded(value),
            start,
        })
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, (usize, String)>;

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() {
            let start = self.pos;
            let mut fields = Vec::new();
            loop {
                match self.field() {
                    Ok(f) => fields.push(f),
                    Err(e) => {
                        // Nothing after a malformed record is read.
                        self.pos = bytes.len();
                        return Some(Err(e));
                    }
                }
                match bytes.get(self.pos) {
                    Some(b',') => self.pos += 1,
                    Some(b'\r') => {
                        self.pos += 1;
                        if bytes.get(self.pos) == Some(&b'\n') {
                            self.pos += 1;
                        }
                        break;
                    }
                    Some(b'\n') => {
                        self.pos += 1;
                        break;
                    }
                    _ => break,
                }
            }
            let blank = fields.len() == 1 && fields[0].text.trim().is_empty();
            if !blank {
                return Some(Ok(Record { fields, start }));
            }
        }
        None
    }
}

/// Line and column of the cell of the `option`-th option row (0-based, in file order) in the
/// `criterion`-th criterion column of a CSV matrix that imported cleanly (the import keeps
/// both orders), to place a problem found after import.
pub fn cell_place(text: &str, option: usize, criterion: usize) -> Option<(usize, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut recs = Records::new(text);
    let header = recs.next()?.ok()?;
    let name_column = header
        .fields
        .get(1)
        .is_some_and(|f| f.text.trim().eq_ignore_ascii_case("name"));
    let first = if name_column { 2 } else { 1 };
    let row = recs
        .map_while(Result::ok)
        .filter(|r| row_label(r.fields[0].text.trim()).is_none())
        .nth(option)?;
    let offset = row
        .fields
        .get(first + criterion)
        .map_or(row.start, |f| f.start);
    Some(LineIndex::new(text).line_col(offset))
}

/// Characters that make a spreadsheet read a cell as a formula (or hide how it starts).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell's text, written raw, could start a spreadsheet formula: it begins with one
/// of [`FORMULA_STARTS`] after any apostrophes and is not a plain number (`-3.5` stays a
/// number). A guarded cell is written with one more leading apostrophe.
fn needs_guard(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_STARTS) && text.parse::<f64>().is_err()
}

/// A cell as Tideline writes it to CSV: text that a spreadsheet would run as a formula
/// (`=HYPERLINK(…)`, `+cmd`, `@SUM(…)`) gets a leading apostrophe, which spreadsheets read as
/// "this is text" and [`unguarded`] removes on import, so the text reads back the same.
pub fn guarded(text: &str) -> std::borrow::Cow<'_, str> {
    if needs_guard(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A cell's text as read: the apostrophe [`guarded`] added, removed.
fn unguarded(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(t) => match t.strip_prefix('\'') {
            Some(rest) if needs_guard(rest) => Cow::Borrowed(rest),
            _ => Cow::Borrowed(t),
        },
        Cow::Owned(t) => match t.strip_prefix('\'') {
            Some(rest) if needs_guard(rest) => Cow::Owned(rest.to_string()),
            _ => Cow::Owned(t),
        },
    }
}

/// Parses a CSV matrix into a validated scenario; `file` names it in messages.
pub fn parse_csv(bytes: &[u8], file: &str) -> Result<Scenario, LoadError> {
    let text = utf8(bytes, file)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diags = Vec::new();
    let lines = LineIndex::new(text);
    let diag = |offset: usize, field: String, message: String| Diagnostic {
        file: file.to_string(),
        location: Some(lines.line_col(offset)),
        field,
        message,
    };
    let malformed = |(at, m): (usize, String)| LoadError::single(diag(at, String::new(), m));
    let mut recs = Records::new(text);
    let header = match recs.next() {
        Some(h) => h.map_err(malformed)?,
        None => {
            return Err(LoadError::single(Diagnostic::whole_file(
                file,
                "the file is empty; expected a header `option,<criterion>,...`",
            )));
        }
    };
    check_header(&header, &mut |at, field, message| {
        diags.push(diag(at, field, message))
    });
    let line_of = |offset: usize| lines.line_col(offset).0;
    let mut problem =
        |at: usize, field: String, message: String| diags.push(diag(at, field, message));
    let mut reader = Reader::new(&header, &line_of, &mut problem);
    let criteria = reader.sheet.labels.len();
    if let Some(m) = limits::too_large(0, criteria, 0) {
        return Err(LoadError::single(diag(header.start, "header".into(), m)));
    }
    // Rows past the limit are only counted, so the message can say how many there are.
    let most = limits::MAX_OPTIONS.min(limits::MAX_CELLS / criteria.max(1));
    let mut past = None;
    for row in recs {
        let row = row.map_err(malformed)?;
        if reader.sheet.options.len() >= most && row_label(row.fields[0].text.trim()).is_none() {
            past.get_or_insert((row.start, 0)).1 += 1;
            continue;
        }
        reader.row(&row);
    }
    if let Some((at, more)) = past {
        let options = reader.sheet.options.len() + more;
        if let Some(m) = limits::too_large(options, criteria, options.saturating_mul(criteria)) {
            return Err(LoadError::single(diag(at, String::new(), m)));
        }
    }
    let sheet = reader.sheet;
    let derived = build::derive(&sheet, &mut problem);
    let chosen = build::method(&sheet, &mut problem);
    if sheet.options.is_empty() {
        problem(
            text.len(),
            String::new(),
            "no option rows: expected one row per option after the header".into(),
        );
    }
    if !diags.is_empty() {
        return Err(LoadError {
            diagnostics: capped(diags, file),
        });
    }

    let scenario = build::build(file, &sheet, derived, chosen);
    // The import is built to be valid; anything validation still finds is reported, not hidden.
    let problems = validate(&scenario);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(LoadError {
            diagnostics: capped(
                problems
                    .into_iter()
                    .map(|p| Diagnostic {
                        file: file.to_string(),
                        location: None,
                        field: p.field,
                        message: p.message,
                    })
                    .collect(),
                file,
            ),
        })
    }
}

/// Checks the header: `option`, an optional `name`, then unique, non-empty criterion labels.
fn check_header(header: &Record, problem: &mut dyn FnMut(usize, String, String)) {
    let first = &header.fields[0];
    if !first.text.trim().eq_ignore_ascii_case("option") {
        problem(
            first.start,
            "header".into(),
            format!(
                "the first header cell must be `option`, found `{}`",
                first.text.trim()
            ),
        );
    }
    let skip = if header
        .fields
        .get(1)
        .is_some_and(|f| f.text.trim().eq_ignore_ascii_case("name"))
    {
        2
    } else {
        1
    };
    if header.fields.len() <= skip {
        problem(
            header.start,
            "header".into(),
            "no criteria: expected `option,<criterion>,...`".into(),
        );
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (k, f) in header.fields.iter().enumerate().skip(skip) {
        let name = f.text.trim();
        if name.is_empty() {
            problem(
                f.start,
                format!("header, column {}", k + 1),
                "empty criterion name".into(),
            );
        } else if let Some(first) = seen.insert(name, k) {
            problem(
                f.start,
                format!("header, column {}", k + 1),
                format!("duplicate criterion `{name}` (also column {})", first + 1),
            );
        }
    }
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

/// Unique slugs for `names`, suffixing `-2`, `-3`… where two names slug alike. Each slug
/// remembers the next suffix to try, so many names with one slug take linear time, not a
/// search from `-2` each.
fn unique_ids(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    let mut next_suffix: HashMap<String, u64> = HashMap::new();
    names
        .map(|n| {
            let base = slug(&n);
            let id = if used.contains(&base) {
                let next = next_suffix.entry(base.clone()).or_insert(2);
                let id = (*next..)
                    .map(|k| format!("{base}-{k}"))
                    .find(|id| !used.contains(id))
                    .unwrap_or_else(|| base.clone());
                *next = id
                    .rsplit_once('-')
                    .and_then(|(_, k)| k.parse::<u64>().ok())
                    .map_or(*next, |k| k + 1);
                id
            } else {
                base
            };
            used.insert(id.clone());
            id
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_cells_with_commas_quotes_and_newlines() {
        let recs: Vec<Record> = Records::new("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",2,3\n")
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        let texts: Vec<Vec<&str>> = recs
            .iter()
            .map(|r| r.fields.iter().map(|f| f.text.as_ref()).collect())
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
        // A name that slugs to a suffixed id is skipped over, not duplicated.
        let ids = unique_ids(["a", "a", "a 3", "a", "a"].into_iter().map(String::from));
        assert_eq!(ids, vec!["a", "a-2", "a-3", "a-4", "a-5"]);
        let ids = unique_ids(["a 2", "a", "a"].into_iter().map(String::from));
        assert_eq!(ids, vec!["a-2", "a", "a-3"]);
    }

    /// Many names with one slug get `-2` … `-n` in order (each suffix found in one step; the
    /// search from `-2` for every name was quadratic: minutes at this size in a debug build).
    #[test]
    fn many_names_with_one_slug_are_numbered_in_order() {
        let n = 60_000;
        let ids = unique_ids(std::iter::repeat_n("Same name".to_string(), n));
        assert_eq!(ids[0], "same-name");
        for (k, id) in ids.iter().enumerate().skip(1) {
            assert_eq!(*id, format!("same-name-{}", k + 1));
        }
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
        use crate::scenario::model::{Method, Normalization, Outranking, PreferenceFunction as F};
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
        let text = crate::files::scenario_file::to_ron(&s).unwrap_or_else(|e| panic!("{e}"));
        let again = crate::files::scenario_file::parse_ron(text.as_bytes(), "m.ron")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, s);
        // PROMETHEE II with those thresholds, worked out by hand (weights 1/3 each; reach is
        // constant and adds nothing). Cost, linear q = 1, p = 3: A is 4 cheaper than B (P = 1)
        // and 3 cheaper than C (P = 1); C is 1 cheaper than B (P = 0). Effect, V-shape p = 2:
        // B − A = 5 (1), B − C = 4 (1), C − A = 1 (0.5).
        // φ(A) = [(1 + 1) − (0 + 0)]/2/3 + [0 − (1 + 0.5)]/2/3 = (2 − 1.5)/6.
        let r = crate::analysis::scoring::score_with(
            &again,
            0,
            Method::Promethee2,
            Normalization::None,
        )
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
