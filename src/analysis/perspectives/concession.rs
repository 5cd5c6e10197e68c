//! Concessions: for each profile, the smallest change of its weights at which another option
//! reaches (ties or overtakes) its top option, which option that is, and the weights.
//!
//! A change is measured as the sum of absolute changes of the effective criterion weights, in
//! percentage points, staying on the weight simplex (every weight 0 or more, summing to 1).
//! Criteria with a missing value stay at their weight of 0 (the methods cannot score them).
//!
//! Under the weighted sum the answer is exact ([`wsm`]); under the other methods it is the best
//! point a bounded search finds ([`search`]), marked `exact: false`.

mod search;
mod wsm;

use crate::analysis::perspectives::{PerspectiveError, Prepared, check_size};
use crate::analysis::scoring::ScoreError;
use crate::scenario::model::{Method, Normalization, Scenario};
use crate::scenario::weights::effective_weights;

/// One profile's concession.
#[derive(Clone, Debug, PartialEq)]
pub struct Concession {
    /// The profile's index in the scenario.
    pub profile: usize,
    /// Its top option: the first in file order among those ranked 1.
    pub top: usize,
    /// The cheapest rival and the change that brings it level; `None` when no weights make
    /// any other option reach the top (or, for an estimate, none were found).
    pub reach: Option<Reach>,
    /// Whether `reach` is the exact minimum (the weighted sum) or a search's estimate.
    pub exact: bool,
    /// False when the search's budget ran out before every rival was tried (estimates only).
    pub complete: bool,
}

/// The change that brings a rival level with a profile's top option.
#[derive(Clone, Debug, PartialEq)]
pub struct Reach {
    /// The rival's option index.
    pub rival: usize,
    /// Σ |w′ − w| over the criteria, in percentage points (0 to 200).
    pub change_pp: f64,
    /// The changed effective weights w′, one per criterion, summing to 1.
    pub weights: Vec<f64>,
}

/// Every profile's concession under `method` and `normalization`, in scenario order. Exact and
/// quick under the weighted sum (O(rivals · m log m) a profile); otherwise a search of at most
/// 20,000 scorings a profile, fewer on a large scenario (a budget of cells shared out over the
/// profiles, see `search.rs`).
pub fn concessions(
    scenario: &Scenario,
    method: Method,
    normalization: Normalization,
) -> Result<Vec<Concession>, PerspectiveError> {
    let all = concessions_while(scenario, method, normalization, |_| true)?;
    Ok(all.unwrap_or_default())
}

/// [`concessions`], asking `go_on(done)` before each profile (with the number of profiles done
/// so far) whether to carry on: the window's background job reports progress and hears Cancel
/// through it. `None` when `go_on` stopped the run. The same size check, preparation and
/// search budget as [`concessions`], so the window and the command line give the same figures.
pub fn concessions_while(
    scenario: &Scenario,
    method: Method,
    normalization: Normalization,
    mut go_on: impl FnMut(usize) -> bool,
) -> Result<Option<Vec<Concession>>, PerspectiveError> {
    check_size(scenario)?;
    let prepared = Prepared::new(scenario, method, normalization);
    let budget = search::budget(scenario, scenario.profiles.len());
    let mut out = Vec::with_capacity(scenario.profiles.len());
    for p in 0..scenario.profiles.len() {
        if !go_on(p) {
            return Ok(None);
        }
        out.push(concession_in(&prepared, p, budget)?);
    }
    Ok(Some(out))
}

fn concession_in(
    prepared: &Prepared,
    p: usize,
    budget: usize,
) -> Result<Concession, PerspectiveError> {
    let profile = &prepared.scenario.profiles[p];
    let fail = |error| PerspectiveError::Profile {
        profile: profile.id.clone(),
        error,
    };
    let w = effective_weights(prepared.scenario, profile);
    if w.iter().all(|&x| x == 0.0) {
        return Err(fail(ScoreError::AllZeroWeights {
            profile: profile.id.clone(),
        }));
    }
    let (scores, normalized) = prepared.score(&w).map_err(fail)?;
    let ranks = prepared.ranks(&scores);
    let top = ranks.iter().position(|&r| r == 1).unwrap_or(0);
    let done = |reach, exact, complete| Concession {
        profile: p,
        top,
        reach,
        exact,
        complete,
    };
    // Two options already share the top: no change is needed.
    if let Some(rival) = (0..ranks.len()).find(|&i| i != top && ranks[i] == 1) {
        let reach = Reach {
            rival,
            change_pp: 0.0,
            weights: w,
        };
        return Ok(done(Some(reach), true, true));
    }
    let open = open_criteria(&prepared.matrix, prepared.scenario.criteria.len());
    if prepared.method == Method::Wsm {
        let reach = wsm::cheapest_rival(&normalized, &w, top, &open);
        return Ok(done(reach, true, true));
    }
    let found = search::cheapest_rival(prepared, budget, &w, &scores, &normalized, top, &open);
    Ok(done(found.reach, false, found.complete))
}

/// Whether each criterion's weight may move: every option has a value for it.
fn open_criteria(matrix: &[Vec<Option<f64>>], criteria: usize) -> Vec<bool> {
    (0..criteria)
        .map(|j| {
            matrix
                .iter()
                .all(|row| row.get(j).is_some_and(Option::is_some))
        })
        .collect()
}

/// Σ |a − b| × 100.
pub(crate) fn change_pp(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f64>() * 100.0
}
