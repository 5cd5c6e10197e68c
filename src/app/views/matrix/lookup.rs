//! What the table reads from the scenario, cached per revision so a frame costs no search:
//! where each cell sits in `performance`, the widest text of each column, and the row order
//! for the current sort.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::text::cell_text;
use crate::app::Derived;
use crate::i18n::{self, Lang};
use crate::scenario::model::{Cell, Direction, Scenario};

/// What the rows are sorted by.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) enum SortKey {
    /// The scenario's own order.
    #[default]
    File,
    Name,
    Score,
    /// A criterion, by id.
    Criterion(String),
}

/// The row order: a key, best (or A to Z) first unless reversed.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Sort {
    pub(super) key: SortKey,
    pub(super) reversed: bool,
}

impl Sort {
    /// A click on a header: sort by it, then reverse, then back to file order.
    pub(super) fn click(&mut self, key: SortKey) {
        if self.key != key {
            *self = Sort {
                key,
                reversed: false,
            };
        } else if !self.reversed {
            self.reversed = true;
        } else {
            *self = Sort::default();
        }
    }
}

/// Lookups that change only with the scenario.
pub(super) struct Lookup {
    pub(super) revision: u64,
    /// Index into `performance` of the cell `[option][criterion]` (a later duplicate wins).
    cells: Vec<Vec<Option<usize>>>,
    /// The longest value and range texts of each criterion column, to size the column.
    pub(super) widest: Vec<(String, String)>,
}

impl Lookup {
    pub(super) fn build(s: &Scenario, revision: u64) -> Self {
        let opt: HashMap<&str, usize> = s
            .options
            .iter()
            .enumerate()
            .rev()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let crit: HashMap<&str, usize> = s
            .criteria
            .iter()
            .enumerate()
            .rev()
            .map(|(j, c)| (c.id.as_str(), j))
            .collect();
        let mut cells = vec![vec![None; s.criteria.len()]; s.options.len()];
        for (k, cell) in s.performance.iter().enumerate() {
            if let (Some(&i), Some(&j)) = (
                opt.get(cell.option.as_str()),
                crit.get(cell.criterion.as_str()),
            ) {
                cells[i][j] = Some(k);
            }
        }
        let mut widest = vec![(String::new(), String::new()); s.criteria.len()];
        for row in &cells {
            for (j, k) in row.iter().enumerate() {
                let (v, r) = cell_text(k.and_then(|k| s.performance.get(k)));
                let w = &mut widest[j];
                if v.chars().count() > w.0.chars().count() {
                    w.0 = v;
                }
                if r.chars().count() > w.1.chars().count() {
                    w.1 = r;
                }
            }
        }
        Self {
            revision,
            cells,
            widest,
        }
    }

    /// The cell of option `i` and criterion `j`, if the scenario has one.
    pub(super) fn cell<'s>(&self, s: &'s Scenario, i: usize, j: usize) -> Option<&'s Cell> {
        self.cells
            .get(i)
            .and_then(|row| row.get(j).copied().flatten())
            .and_then(|k| s.performance.get(k))
    }
}

/// The cached row order for one revision and one sort.
pub(super) struct Order {
    pub(super) revision: u64,
    pub(super) sort: Sort,
    /// Names sort in this language.
    pub(super) lang: Lang,
    /// Option indices, top row first.
    pub(super) rows: Vec<usize>,
}

/// Option indices in the order `sort` asks for. Missing values go last either way; ties keep
/// the scenario's order.
pub(super) fn sorted_rows(s: &Scenario, d: &Derived, lookup: &Lookup, sort: &Sort) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..s.options.len()).collect();
    let flip = |o: Ordering| if sort.reversed { o.reverse() } else { o };
    match &sort.key {
        SortKey::File => {}
        SortKey::Name => {
            let lang = i18n::lang();
            let names: Vec<String> = s
                .options
                .iter()
                .map(|o| o.label_in(lang).to_lowercase())
                .collect();
            rows.sort_by(|&a, &b| flip(names[a].cmp(&names[b])));
        }
        SortKey::Score => {
            if let Ok(r) = &d.ranking {
                let rank = |i: usize| r.ranks.get(i).copied().unwrap_or(usize::MAX);
                rows.sort_by(|&a, &b| flip(rank(a).cmp(&rank(b))));
            }
        }
        SortKey::Criterion(id) => {
            if let Some(j) = s.criterion_index(id) {
                let best_high = s.criteria[j].direction == Direction::Maximize;
                let values: Vec<Option<f64>> = (0..s.options.len())
                    .map(|i| lookup.cell(s, i, j).and_then(|c| c.value))
                    .collect();
                rows.sort_by(|&a, &b| match (values[a], values[b]) {
                    (Some(x), Some(y)) => {
                        let best_first = if best_high {
                            y.total_cmp(&x)
                        } else {
                            x.total_cmp(&y)
                        };
                        flip(best_first)
                    }
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::scenario_file::default_scenario;

    #[test]
    fn a_header_click_sorts_then_reverses_then_restores_file_order() {
        let mut sort = Sort::default();
        let key = SortKey::Criterion("speed".into());
        sort.click(key.clone());
        assert_eq!((&sort.key, sort.reversed), (&key, false));
        sort.click(key.clone());
        assert_eq!((&sort.key, sort.reversed), (&key, true));
        sort.click(key);
        assert_eq!(sort, Sort::default());
        sort.click(SortKey::Name);
        sort.click(SortKey::Score);
        assert_eq!((&sort.key, sort.reversed), (&SortKey::Score, false));
    }

    #[test]
    fn missing_values_sort_last_both_ways() {
        let mut s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let c = s.criteria[0].id.clone();
        let first = s.options[0].id.clone();
        for cell in &mut s.performance {
            if cell.option == first && cell.criterion == c {
                cell.value = None;
                cell.uncertainty = None;
            }
        }
        let d = Derived::compute(&s, 0);
        let lookup = Lookup::build(&s, 0);
        for reversed in [false, true] {
            let sort = Sort {
                key: SortKey::Criterion(c.clone()),
                reversed,
            };
            let rows = sorted_rows(&s, &d, &lookup, &sort);
            assert_eq!(rows.last(), Some(&0), "reversed: {reversed}");
        }
    }
}
