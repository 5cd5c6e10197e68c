//! A submission as a weight profile of the scenario.

use super::Submission;
use crate::scenario::model::{
    Elicitation, RoomMark, Scenario, WeightMap, WeightProfile, unique_id,
};

/// The base of a delegation's profile id: its name in lower case, letters and digits kept (in
/// any script), every other run of characters one `-`. Two names with the same base are one
/// delegation to the room.
pub fn name_key(delegation: &str) -> String {
    let mut key = String::new();
    for c in delegation.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('-') {
            key.push('-');
        }
    }
    while key.ends_with('-') {
        key.pop();
    }
    if key.is_empty() {
        "delegation".to_string()
    } else {
        key
    }
}

/// The id of `delegation`'s profile in `scenario`: the name's key, unless another profile (one
/// not submitted from the room under this name) holds it; then `key-2`, `key-3`… So a revision
/// finds the profile of the first submission again.
pub fn profile_id(delegation: &str, scenario: &Scenario) -> String {
    let ours = |p: &WeightProfile| p.room.is_some() && p.name == delegation;
    unique_id(&name_key(delegation), |id| {
        scenario.profiles.iter().any(|p| p.id == id && !ours(p))
    })
}

/// The profile a submission becomes: named after the delegation, weights as submitted (points
/// given directly), marked as from the room with its time and revision.
pub fn profile_from(submission: &Submission, scenario: &Scenario) -> WeightProfile {
    WeightProfile {
        id: profile_id(&submission.delegation, scenario),
        name: submission.delegation.clone(),
        author: String::new(),
        note: String::new(),
        provenance: None,
        elicitation: Elicitation::Direct,
        vote_weight: 1.0,
        family_weights: WeightMap(submission.families.clone()),
        criterion_weights: WeightMap(submission.criteria.clone()),
        weight_ranges: Vec::new(),
        i18n: Default::default(),
        elicited: Vec::new(),
        room: Some(RoomMark {
            submitted: submission.received.clone(),
            revision: submission.revision,
        }),
    }
}

/// The indices of the profiles submitted from the room.
pub fn room_profiles(scenario: &Scenario) -> Vec<usize> {
    (0..scenario.profiles.len())
        .filter(|&i| scenario.profiles[i].room.is_some())
        .collect()
}
