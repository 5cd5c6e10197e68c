//! The quick-entry table's contents, apart from drawing: one row per profile (and new
//! participants), one text cell per family or per criterion and one for the vote weight, each
//! kept as typed. Only rows that were changed become profiles; a cell that cannot be read
//! stays as typed and says why.

use std::collections::HashSet;

use crate::files::weights_form::MAX_POINTS;
use crate::i18n::perspectives::t;
use crate::scenario::merge::id_from_name;
use crate::scenario::model::{Elicitation, Scenario, WeightMap, WeightProfile, unique_id};
use crate::scenario::validate::MAX_VOTE_WEIGHT;
use crate::scenario::weights::effective_weights;

/// One cell: the text as typed, and the exact value it showed at first (kept when the text
/// is left as it was, so a rounded display never changes an untouched weight).
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    initial: Option<(String, f64)>,
}

impl Cell {
    fn showing(x: f64) -> Self {
        let text = points_text(x);
        Self {
            text: text.clone(),
            initial: Some((text, x)),
        }
    }

    fn blank() -> Self {
        Self {
            text: String::new(),
            initial: None,
        }
    }

    fn changed(&self) -> bool {
        self.initial.as_ref().is_none_or(|(t, _)| *t != self.text)
    }

    /// The number in the cell, or why it cannot be read.
    fn value(&self, check: fn(f64) -> Option<&'static str>) -> Result<f64, &'static str> {
        if let Some((text, x)) = &self.initial
            && *text == self.text
        {
            return Ok(*x);
        }
        let typed = self.text.trim().trim_end_matches('%').trim();
        if typed.is_empty() {
            return Err(t().quick_empty);
        }
        let x: f64 = typed.parse().map_err(|_| t().quick_bad_number)?;
        if !x.is_finite() {
            return Err(t().quick_bad_number);
        }
        match check(x) {
            Some(why) => Err(why),
            None => Ok(x),
        }
    }
}

fn check_points(x: f64) -> Option<&'static str> {
    if x < 0.0 {
        Some(t().quick_negative)
    } else if x > MAX_POINTS {
        Some(t().quick_too_large)
    } else {
        None
    }
}

fn check_vote(x: f64) -> Option<&'static str> {
    (!(x > 0.0 && x <= MAX_VOTE_WEIGHT)).then_some(t().quick_bad_vote)
}

/// Points as the table shows them: at most two decimals, no trailing zeros.
fn points_text(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// One participant's row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The profile it edits; `None` for a new participant.
    pub profile: Option<String>,
    /// A new participant's name (existing rows show the profile's).
    pub name: String,
    pub vote: Cell,
    pub cells: Vec<Cell>,
}

/// Why a cell of the table is refused: its row, its column (`None`: the name; `Some(0)`: the
/// vote weight; `Some(k + 1)`: points column `k`) and the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Bad {
    pub row: usize,
    pub column: Option<usize>,
    pub why: &'static str,
}

/// The table.
#[derive(Clone, Debug, PartialEq)]
pub struct QuickEntry {
    /// Points per criterion (over all criteria) instead of per family.
    pub by_criterion: bool,
    pub rows: Vec<Row>,
    /// The cells refused at the last Apply.
    pub bad: Vec<Bad>,
    /// Why the last Apply did nothing, when it is not a cell's fault.
    pub problem: Option<String>,
}

impl QuickEntry {
    /// The table for `s`'s profiles as they stand.
    pub fn new(s: &Scenario, by_criterion: bool) -> Self {
        let rows = s
            .profiles
            .iter()
            .map(|p| Row {
                profile: Some(p.id.clone()),
                name: p.name.clone(),
                vote: Cell::showing(p.vote_weight),
                cells: if by_criterion {
                    effective_weights(s, p)
                        .into_iter()
                        .map(|w| Cell::showing(w * 100.0))
                        .collect()
                } else {
                    s.families
                        .iter()
                        .map(|f| {
                            Cell::showing(if p.family_weights.is_empty() {
                                1.0
                            } else {
                                p.family_weights.get(&f.id).unwrap_or(0.0)
                            })
                        })
                        .collect()
                },
            })
            .collect();
        Self {
            by_criterion,
            rows,
            bad: Vec::new(),
            problem: None,
        }
    }

    /// How many points columns the table has for `s`.
    pub fn columns(&self, s: &Scenario) -> usize {
        if self.by_criterion {
            s.criteria.len()
        } else {
            s.families.len()
        }
    }

    /// Adds an empty row for a new participant.
    pub fn add_row(&mut self, s: &Scenario) {
        self.rows.push(Row {
            profile: None,
            name: String::new(),
            vote: Cell::showing(1.0),
            cells: vec![Cell::blank(); self.columns(s)],
        });
    }

    /// Whether anything was typed since the table was made.
    pub fn is_edited(&self) -> bool {
        self.rows
            .iter()
            .any(|r| r.profile.is_none() || r.vote.changed() || r.cells.iter().any(Cell::changed))
    }

    /// Whether cell `column` of row `row` was refused at the last Apply.
    pub fn bad_cell(&self, row: usize, column: Option<usize>) -> Option<&'static str> {
        self.bad
            .iter()
            .find(|b| b.row == row && b.column == column)
            .map(|b| b.why)
    }

    /// The profiles the changed rows give, or every cell that cannot be read. Untouched rows
    /// give nothing; an untouched new row (no name, no points) is left out.
    pub fn profiles(&self, s: &Scenario) -> Result<Vec<WeightProfile>, Vec<Bad>> {
        let mut out = Vec::new();
        let mut bad = Vec::new();
        let mut new_ids: HashSet<String> = HashSet::new();
        for (r, row) in self.rows.iter().enumerate() {
            let blank_new = row.profile.is_none()
                && row.name.trim().is_empty()
                && row.cells.iter().all(|c| c.text.trim().is_empty());
            let changed =
                row.profile.is_none() || row.vote.changed() || row.cells.iter().any(Cell::changed);
            if blank_new || !changed {
                continue;
            }
            let before = bad.len();
            let vote = row.vote.value(check_vote).map_err(|why| {
                bad.push(Bad {
                    row: r,
                    column: Some(0),
                    why,
                })
            });
            let points: Vec<f64> = row
                .cells
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    c.value(check_points).unwrap_or_else(|why| {
                        bad.push(Bad {
                            row: r,
                            column: Some(k + 1),
                            why,
                        });
                        0.0
                    })
                })
                .collect();
            if row.profile.is_none() && row.name.trim().is_empty() {
                bad.push(Bad {
                    row: r,
                    column: None,
                    why: t().quick_no_name,
                });
            }
            if bad.len() > before {
                continue;
            }
            let (Ok(vote), true) = (vote, points.len() == self.columns(s)) else {
                continue;
            };
            let mut p = match &row.profile {
                Some(id) => match s.profile_index(id) {
                    Some(i) => s.profiles[i].clone(),
                    None => continue,
                },
                None => {
                    let id = unique_id(&id_from_name(&row.name), |id| {
                        s.profile_index(id).is_some() || new_ids.contains(id)
                    });
                    new_ids.insert(id.clone());
                    new_profile(id, row.name.trim())
                }
            };
            p.vote_weight = vote;
            if self.by_criterion {
                // Points over all criteria: each family weighs the sum of its criteria's.
                p.family_weights = s
                    .families
                    .iter()
                    .map(|f| {
                        let sum = s
                            .criteria
                            .iter()
                            .zip(&points)
                            .filter(|(c, _)| c.family == f.id)
                            .map(|(_, x)| x)
                            .sum();
                        (f.id.clone(), sum)
                    })
                    .collect();
                p.criterion_weights = s
                    .criteria
                    .iter()
                    .zip(&points)
                    .map(|(c, &x)| (c.id.clone(), x))
                    .collect();
            } else {
                p.family_weights = s
                    .families
                    .iter()
                    .zip(&points)
                    .map(|(f, &x)| (f.id.clone(), x))
                    .collect();
            }
            if effective_weights(s, &p).iter().all(|&w| w == 0.0) {
                bad.push(Bad {
                    row: r,
                    column: None,
                    why: t().quick_all_zero,
                });
                continue;
            }
            p.elicitation = Elicitation::Direct;
            out.push(p);
        }
        if bad.is_empty() { Ok(out) } else { Err(bad) }
    }
}

fn new_profile(id: String, name: &str) -> WeightProfile {
    WeightProfile {
        id,
        name: name.to_string(),
        author: String::new(),
        note: String::new(),
        provenance: None,
        elicitation: Elicitation::Direct,
        vote_weight: 1.0,
        family_weights: WeightMap::default(),
        criterion_weights: WeightMap::default(),
        weight_ranges: Vec::new(),
        i18n: Default::default(),
        elicited: Vec::new(),
        room: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::scenario_file::default_scenario;
    use crate::i18n::{Lang, set};

    fn scenario() -> Scenario {
        default_scenario().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn untouched_rows_give_nothing() {
        let s = scenario();
        for by_criterion in [false, true] {
            let q = QuickEntry::new(&s, by_criterion);
            assert!(!q.is_edited());
            assert_eq!(q.profiles(&s), Ok(Vec::new()));
        }
    }

    /// Family points typed for the built-in "prevention-first" profile, whose criteria weigh
    /// 3:1 in the environmental family and 1:2:1.5:1 in effectiveness. Typed 50, 0, 0, 0, 50:
    /// by hand, leakage = 0.5 × 3/4 = 0.375, legacy = 0.125, and the effectiveness criteria
    /// 0.5 × (1, 2, 1.5, 1)/5.5.
    #[test]
    fn typed_family_points_give_the_weights_worked_out_by_hand() {
        set(Lang::En);
        let s = scenario();
        let mut q = QuickEntry::new(&s, false);
        let r = s.profile_index("prevention-first").unwrap_or(0);
        for (k, x) in ["50", "0", "0", "0", "50"].iter().enumerate() {
            q.rows[r].cells[k].text = (*x).into();
        }
        q.rows[r].vote.text = "3".into();
        let got = q.profiles(&s).unwrap_or_else(|b| panic!("{b:?}"));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].vote_weight, 3.0);
        let w = effective_weights(&s, &got[0]);
        let at = |id: &str| w[s.criterion_index(id).unwrap_or(0)];
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(close(at("leakage-reduction"), 0.375));
        assert!(close(at("ecosystem-legacy"), 0.125));
        assert!(close(at("speed"), 0.5 / 5.5));
        assert!(close(at("scope"), 0.5 * 2.0 / 5.5));
        assert!(close(at("enforceability"), 0.5 * 1.5 / 5.5));
        assert!(close(at("health-community"), 0.0));
    }

    /// Criterion points over all criteria: a new participant giving 30 to one criterion and 10
    /// to another, 0 elsewhere, weighs them 75 % and 25 %.
    #[test]
    fn a_new_participant_by_criterion() {
        set(Lang::En);
        let s = scenario();
        let mut q = QuickEntry::new(&s, true);
        q.add_row(&s);
        let r = q.rows.len() - 1;
        q.rows[r].name = "Delegation C".into();
        for c in &mut q.rows[r].cells {
            c.text = "0".into();
        }
        q.rows[r].cells[0].text = "30".into();
        q.rows[r].cells[5].text = "10 %".into();
        let got = q.profiles(&s).unwrap_or_else(|b| panic!("{b:?}"));
        assert_eq!(got[0].id, "delegation-c");
        let w = effective_weights(&s, &got[0]);
        assert!(
            (w[0] - 0.75).abs() < 1e-12 && (w[5] - 0.25).abs() < 1e-12,
            "{w:?}"
        );
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn bad_cells_are_refused_and_keep_their_text() {
        set(Lang::En);
        let s = scenario();
        let mut q = QuickEntry::new(&s, false);
        q.rows[0].cells[0].text = "forty".into();
        q.rows[0].cells[1].text = "-2".into();
        q.rows[0].cells[2].text = "NaN".into();
        q.rows[1].vote.text = "0".into();
        q.add_row(&s);
        let last = q.rows.len() - 1;
        q.rows[last].cells[0].text = "5".into();
        let bad = q.profiles(&s).err().unwrap_or_default();
        let at = |row, column| {
            bad.iter()
                .find(|b| b.row == row && b.column == column)
                .map(|b| b.why)
        };
        assert_eq!(at(0, Some(1)), Some(t().quick_bad_number));
        assert_eq!(at(0, Some(2)), Some(t().quick_negative));
        assert_eq!(at(0, Some(3)), Some(t().quick_bad_number));
        assert_eq!(at(1, Some(0)), Some(t().quick_bad_vote));
        assert_eq!(at(last, None), Some(t().quick_no_name));
        assert_eq!(at(last, Some(2)), Some(t().quick_empty));
        assert_eq!(q.rows[0].cells[0].text, "forty");
        // All zeros is refused for the row.
        let mut q = QuickEntry::new(&s, false);
        for c in &mut q.rows[0].cells {
            c.text = "0".into();
        }
        let bad = q.profiles(&s).err().unwrap_or_default();
        assert_eq!(bad[0].why, t().quick_all_zero);
    }
}
