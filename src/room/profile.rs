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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::scenario_file::{default_scenario, parse_ron, to_ron};
    use crate::scenario::validate::validate;

    fn submission(delegation: &str, revision: u32, s: &Scenario) -> Submission {
        Submission {
            delegation: delegation.to_string(),
            families: s.families.iter().map(|f| (f.id.clone(), 2.0)).collect(),
            criteria: s.criteria.iter().map(|c| (c.id.clone(), 1.0)).collect(),
            revision,
            received: "2026-12-02T19:32:05Z".to_string(),
        }
    }

    #[test]
    fn name_keys() {
        assert_eq!(name_key("Kenya"), "kenya");
        assert_eq!(name_key("  Côte d'Ivoire "), "côte-d-ivoire");
        assert_eq!(
            name_key("United States of America"),
            "united-states-of-america"
        );
        assert_eq!(name_key("中国"), "中国");
        assert_eq!(name_key("!!!"), "delegation");
    }

    #[test]
    fn a_revision_finds_its_profile_and_others_are_not_taken_over() {
        let mut s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        // A profile of the scenario's own already holds `kenya`.
        let mut own = s.profiles[0].clone();
        own.id = "kenya".into();
        own.room = None;
        s.profiles.push(own);
        let first = profile_from(&submission("Kenya", 1, &s), &s);
        assert_eq!(first.id, "kenya-2");
        s.profiles.push(first);
        let again = profile_from(&submission("Kenya", 2, &s), &s);
        assert_eq!(again.id, "kenya-2");
        assert_eq!(again.room.map(|m| m.revision), Some(2));
        assert_eq!(room_profiles(&s), vec![s.profiles.len() - 1]);
    }

    #[test]
    fn the_mark_is_written_only_when_present_and_read_back() {
        let mut s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let plain = to_ron(&s).unwrap_or_default();
        assert!(!plain.contains("room:"));
        s.profiles
            .push(profile_from(&submission("Kenya", 3, &s), &s));
        assert!(validate(&s).is_empty(), "{:?}", validate(&s));
        let text = to_ron(&s).unwrap_or_default();
        let at = text.find("room: (").unwrap_or_else(|| panic!("{text}"));
        let mark = &text[at..];
        assert!(
            mark.starts_with(r#"room: (submitted: "2026-12-02T19:32:05Z", revision: 3)"#),
            "{}",
            &mark[..80.min(mark.len())]
        );
        let back = parse_ron(text.as_bytes(), "x.ron").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.profiles, s.profiles);
        // A hand-written mark is checked.
        let bad = text.replace("2026-12-02T19:32:05Z", "yesterday");
        assert!(parse_ron(bad.as_bytes(), "x.ron").is_err());
        let bad = text.replace("revision: 3", "revision: 0");
        assert!(parse_ron(bad.as_bytes(), "x.ron").is_err());
    }
}
