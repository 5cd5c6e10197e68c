//! How the matrix writes numbers, scales and cells: one place, so the table, its tooltips and
//! the cell editor agree.

use crate::i18n::{self, fill};
use crate::scenario::model::{Cell, Criterion, Direction};

/// Shortest text that parses back to exactly `v`.
pub(super) fn number_text(v: f64) -> String {
    format!("{v}")
}

/// A cell's value text (one decimal, `—` when missing) and its range text (may be empty).
pub(super) fn cell_text(cell: Option<&Cell>) -> (String, String) {
    let value = cell
        .and_then(|c| c.value)
        .map_or("—".to_string(), |v| format!("{v:.1}"));
    let range = cell
        .and_then(|c| c.uncertainty.as_ref())
        .map_or(String::new(), |u| {
            let (lo, hi) = u.bounds();
            format!(" ({lo:.1}–{hi:.1})")
        });
    (value, range)
}

/// A criterion's scale and direction, e.g. "scale 0–10 points, more is better".
pub(super) fn scale_text(c: &Criterion) -> String {
    let unit = if c.scale.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", c.scale.unit)
    };
    let t = i18n::s();
    let way = match c.direction {
        Direction::Maximize => t.matrix_more_is_better,
        Direction::Minimize => t.matrix_less_is_better,
    };
    fill(
        t.matrix_scale,
        &[
            &number_text(c.scale.min),
            &number_text(c.scale.max),
            &unit,
            &way,
        ],
    )
}

/// What follows a criterion's label in its header: `(min)` for a cost, else nothing.
pub(super) fn header_suffix(c: &Criterion) -> &'static str {
    match c.direction {
        Direction::Maximize => "",
        Direction::Minimize => i18n::s().matrix_min_suffix,
    }
}
