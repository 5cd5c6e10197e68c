//! The briefing's view of the room: every profile's ranks side by side, τ-b between them, the
//! common ground, each profile's concession, and the ranking under the mean of all profiles
//! with the spread of each weight. Gathered once, only when the scenario has two or more
//! profiles.

use crate::analysis::group::{GroupRule, Spread, group_profile};
use crate::analysis::perspectives::{
    Concession, DEFAULT_TOP_K, Perspectives, concessions, perspectives,
};
use crate::analysis::scoring::{Problem, ranks, score_problem};
use crate::scenario::model::{Method, Normalization, Scenario};

/// What the briefing says about the room.
#[derive(Clone, Debug, PartialEq)]
pub struct Room {
    pub perspectives: Perspectives,
    /// One a profile, in scenario order.
    pub concessions: Vec<Concession>,
    /// The vote-weighted mean of every profile: its effective weights, ranks, and the spread
    /// of each weight across the profiles; `None` if it could not be scored.
    pub mean: Option<MeanProfile>,
}

/// The mean profile of the room.
#[derive(Clone, Debug, PartialEq)]
pub struct MeanProfile {
    pub weights: Vec<f64>,
    pub ranks: Vec<usize>,
    pub spread: Vec<Spread>,
}

/// The room under `method` and `normalization`, or why it is left out: fewer than two
/// profiles, or a profile that cannot be scored (the message).
pub fn gather(
    scenario: &Scenario,
    method: Method,
    normalization: Normalization,
) -> Option<Result<Room, String>> {
    if scenario.profiles.len() < 2 {
        return None;
    }
    let result = perspectives(scenario, method, normalization, DEFAULT_TOP_K)
        .and_then(|p| concessions(scenario, method, normalization).map(|c| (p, c)));
    Some(
        result
            .map(|(perspectives, concessions)| Room {
                mean: mean_profile(scenario, method, normalization),
                perspectives,
                concessions,
            })
            .map_err(|e| e.to_string()),
    )
}

fn mean_profile(
    scenario: &Scenario,
    method: Method,
    normalization: Normalization,
) -> Option<MeanProfile> {
    let all: Vec<usize> = (0..scenario.profiles.len()).collect();
    let group = group_profile(scenario, &all, GroupRule::Mean, "room-mean", "Mean").ok()?;
    let ids: Vec<&str> = scenario.options.iter().map(|o| o.id.as_str()).collect();
    let matrix = scenario.matrix();
    let problem = Problem {
        options: &ids,
        criteria: &scenario.criteria,
        matrix: &matrix,
        weights: &group.weights,
        vikor_v: scenario.settings.vikor_v,
    };
    let out = score_problem(&problem, method, normalization).ok()?;
    Some(MeanProfile {
        ranks: ranks(&out.scores, method.higher_is_better()),
        weights: group.weights,
        spread: group.spread,
    })
}
