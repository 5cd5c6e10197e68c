//! The second pass's work per draw for the linear methods (weighted sum, PROMETHEE II): whether
//! each option ranks first under its own central weights, without scoring every option.
//!
//! Under an option's central weights most options cannot come near it whatever the draw: each
//! option's highest possible score under those weights (every drawn cell at its most
//! favourable value) is worked out once, and a draw scores only the options whose highest
//! score reaches the members' (highest first, stopping at the first that cannot), and stops
//! as soon as one clearly beats every member. The options left out score below the members by
//! more than the tie tolerance, so the counts are those of scoring every option.

use super::model::Model;
use super::tally::Tally;

/// One central weight vector and the options whose central weights it is.
pub(super) struct Candidate {
    w: Vec<f64>,
    members: Vec<usize>,
    /// Every option's score under `w` at the point values.
    at_base: Vec<f64>,
    /// The other options by their highest possible score under `w`, highest first.
    rivals: Vec<(usize, f64)>,
}

/// What the pass shares between threads.
pub(super) struct Pass<'m, 'a> {
    model: &'m Model<'a>,
    /// [`Model::reach`].
    reach: Vec<Vec<(usize, f64)>>,
    candidates: Vec<Candidate>,
}

/// Far above the rounding of a score's few dozen additions and above the tie tolerance (10⁻⁹
/// relative), and far below any difference that matters: a rival whose highest score is this
/// much below a member's score cannot tie with or beat it.
fn margin(x: f64) -> f64 {
    1e-6 * x.abs().max(1.0)
}

impl<'m, 'a> Pass<'m, 'a> {
    /// `groups`: central weight vectors with the options whose central weights they are.
    pub fn new(model: &'m Model<'a>, groups: Vec<(Vec<f64>, Vec<usize>)>) -> Self {
        let m = model.options();
        let reach = model.reach();
        let mut buffers = model.score_buffers();
        let candidates = groups
            .into_iter()
            .map(|(w, members)| {
                let mut at_base = vec![0.0; m];
                model.scores(model.base(), &w, &mut buffers, &mut at_base);
                let mut rivals: Vec<(usize, f64)> = (0..m)
                    .filter(|k| !members.contains(k))
                    .map(|k| (k, model.highest_score(k, &reach[k], &w, at_base[k])))
                    .collect();
                rivals.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                Candidate {
                    w,
                    members,
                    at_base,
                    rivals,
                }
            })
            .collect();
        Self {
            model,
            reach,
            candidates,
        }
    }

    /// Counts one draw (columns `t`) for every candidate; `near` is the thread's buffer.
    pub fn count(&self, t: &[f64], tally: &mut Tally, near: &mut Vec<(usize, f64)>) {
        for c in &self.candidates {
            self.count_one(c, t, tally, near);
        }
    }

    fn count_one(&self, c: &Candidate, t: &[f64], tally: &mut Tally, near: &mut Vec<(usize, f64)>) {
        let score = |k: usize| {
            self.model
                .score_of(k, &self.reach[k], t, &c.w, c.at_base[k])
        };
        near.clear();
        let (mut top, mut bottom) = (f64::NEG_INFINITY, f64::INFINITY);
        for &i in &c.members {
            let s = score(i);
            near.push((i, s));
            top = top.max(s);
            bottom = bottom.min(s);
        }
        let (beaten, floor) = (top + margin(top), bottom - margin(bottom));
        for &(k, highest) in &c.rivals {
            if highest < floor {
                // This one and every later one score clearly below every member.
                break;
            }
            let s = score(k);
            if s > beaten {
                // Clearly above every member: none of them is first.
                return;
            }
            near.push((k, s));
        }
        // The members come first in `near`.
        for a in 0..c.members.len() {
            let (i, mine) = near[a];
            tally.add_first_among(near.iter().copied(), i, mine);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sampling::DrawRng;
    use crate::analysis::smaa::model::Kind;
    use crate::files::scenario_file::default_scenario;
    use crate::scenario::model::{Method, Normalization};

    #[test]
    fn scoring_only_the_options_near_the_lead_counts_as_scoring_them_all() {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let (m, n) = (s.options.len(), s.criteria.len());
        for (method, norm) in [
            (Method::Wsm, Normalization::Scale),
            (Method::Wsm, Normalization::MinMax),
            (
                Method::Promethee2,
                Method::Promethee2.default_normalization(),
            ),
        ] {
            let model = Model::new(&s, Kind::new(method, norm, 0.5), &vec![true; n])
                .unwrap_or_else(|e| panic!("{e}"));
            // Each option under weights leaning to its own strengths, so that it wins some
            // draws and loses others; and one vector shared by every option.
            let base = model.base();
            let mut groups: Vec<(Vec<f64>, Vec<usize>)> = (0..m)
                .map(|i| {
                    let w: Vec<f64> = (0..n).map(|j| (base[j * m + i] + 1.1).powi(6)).collect();
                    let total: f64 = w.iter().sum();
                    (w.iter().map(|x| x / total).collect(), vec![i])
                })
                .collect();
            groups.push((vec![1.0 / n as f64; n], (0..m).collect()));
            let pass = Pass::new(&model, groups.clone());
            let (mut quick, mut full) = (Tally::new(m, n), Tally::new(m, n));
            let (mut scratch, mut buffers) = (model.scratch(), model.score_buffers());
            let (mut scores, mut near) = (vec![0.0; m], Vec::new());
            for k in 0..400 {
                model
                    .draw_scores(&mut DrawRng::new(2, 1, k), &mut scratch)
                    .unwrap_or_else(|e| panic!("{e}"));
                pass.count(&scratch.t, &mut quick, &mut near);
                for (w, members) in &groups {
                    model.scores(&scratch.t, w, &mut buffers, &mut scores);
                    for &i in members {
                        full.add_first(&scores, i);
                    }
                }
            }
            assert_eq!(quick.confident, full.confident, "{method:?} {norm:?}");
            let winners = full.confident.iter().filter(|&&c| c > 0).count();
            assert!(winners > 2, "{method:?} {norm:?}: {:?}", full.confident);
        }
    }
}
