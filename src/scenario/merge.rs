//! Merging participants' weight profiles into a scenario: the profiles gathered from weights
//! forms, other scenario files or the quick-entry table, each checked against the scenario's
//! value tree before it is let in.
//!
//! A participant is matched by profile id: a profile whose id the scenario already has
//! replaces that profile; any other is added. [`plan`] decides, profile by profile, without
//! changing anything; [`put_profiles`] (through `Edit::ImportProfiles`) applies what it let
//! through, so one undo takes a whole import back.

use std::collections::HashMap;

use crate::scenario::model::{Scenario, WeightProfile};
use crate::scenario::validate::validate_profiles;

/// One profile let in by [`plan`].
#[derive(Clone, Debug, PartialEq)]
pub struct Merged<P> {
    /// Where it came from (a file and place, a table row).
    pub from: P,
    pub id: String,
    pub name: String,
}

/// What a merge would do: the profiles to put in (see [`put_profiles`]), and for each
/// candidate whether it is added, replaces a profile of the same id, or is refused and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan<P> {
    pub profiles: Vec<WeightProfile>,
    pub added: Vec<Merged<P>>,
    pub replaced: Vec<Merged<P>>,
    /// The candidate's origin, the field at fault within the profile (`family_weights["x"]`,
    /// empty for the whole profile) and the reason.
    pub refused: Vec<(P, String, String)>,
}

/// Decides, for each candidate profile in order, whether it goes into `scenario`: each is
/// checked alone against the scenario's value tree (the checks a scenario file's profile
/// passes: known and complete weight maps, finite weights of 0 or more, a vote weight in
/// range, not every weight zero, sound elicitation records). A participant coming twice in
/// one import keeps the first and refuses the second. Linear in the candidates and the tree.
pub fn plan<P>(
    scenario: &Scenario,
    candidates: impl IntoIterator<Item = (P, WeightProfile)>,
) -> Plan<P> {
    let mut out = Plan {
        profiles: Vec::new(),
        added: Vec::new(),
        replaced: Vec::new(),
        refused: Vec::new(),
    };
    // The scenario's tree with one profile at a time: the checks then cost the tree, not the
    // options or the other profiles.
    let mut shell = Scenario {
        metadata: scenario.metadata.clone(),
        clusters: Vec::new(),
        principles: Vec::new(),
        families: scenario.families.clone(),
        criteria: scenario.criteria.clone(),
        options: Vec::new(),
        performance: Vec::new(),
        profiles: Vec::new(),
        settings: Default::default(),
    };
    let mut first_in_batch: HashMap<String, usize> = HashMap::new();
    for (k, (from, profile)) in candidates.into_iter().enumerate() {
        if let Some(&j) = first_in_batch.get(&profile.id) {
            out.refused.push((
                from,
                "id".to_string(),
                format!(
                    "participant `{}` comes twice in this import (as candidate {} and {}); the first is kept",
                    profile.id,
                    j + 1,
                    k + 1
                ),
            ));
            continue;
        }
        shell.profiles = vec![profile];
        let problem = validate_profiles(&shell).into_iter().next();
        let Some(profile) = shell.profiles.pop() else {
            continue;
        };
        if let Some(p) = problem {
            let field = p
                .field
                .strip_prefix("profiles[0]")
                .map_or(p.field.as_str(), |f| f.trim_start_matches('.'))
                .to_string();
            out.refused.push((from, field, p.message));
            continue;
        }
        first_in_batch.insert(profile.id.clone(), k);
        let merged = Merged {
            from,
            id: profile.id.clone(),
            name: profile.name.clone(),
        };
        if scenario.profile_index(&profile.id).is_some() {
            out.replaced.push(merged);
        } else {
            out.added.push(merged);
        }
        out.profiles.push(profile);
    }
    out
}

/// Puts `profiles` into `s`: each replaces the profile with its id, in its place, or is
/// added at the end. (The active profile stays the one it was.)
pub fn put_profiles(s: &mut Scenario, profiles: &[WeightProfile]) {
    let mut index: HashMap<String, usize> = s
        .profiles
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    for p in profiles {
        match index.get(&p.id) {
            Some(&i) => s.profiles[i] = p.clone(),
            None => {
                index.insert(p.id.clone(), s.profiles.len());
                s.profiles.push(p.clone());
            }
        }
    }
}

/// A profile id made from a participant's name: lower-case letters and digits (any script),
/// other runs of characters as one hyphen; `participant` when nothing is left.
pub fn id_from_name(name: &str) -> String {
    let mut id = String::new();
    for c in name.trim().chars().take(64) {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "participant".to_string()
    } else {
        id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::scenario_file::default_scenario;
    use crate::scenario::model::WeightMap;

    fn scenario() -> Scenario {
        default_scenario().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn same_id_replaces_in_place_and_a_new_id_is_added_at_the_end() {
        let s = scenario();
        let mut same = s.profiles[0].clone();
        same.name = "Revised".into();
        let mut new = s.profiles[0].clone();
        new.id = "newcomer".into();
        let plan = plan(&s, [("a", same.clone()), ("b", new.clone())]);
        assert_eq!(plan.replaced.len(), 1);
        assert_eq!(plan.replaced[0].from, "a");
        assert_eq!(plan.added.len(), 1);
        assert_eq!(plan.added[0].id, "newcomer");
        assert!(plan.refused.is_empty());
        let mut t = s.clone();
        put_profiles(&mut t, &plan.profiles);
        assert_eq!(t.profiles.len(), s.profiles.len() + 1);
        assert_eq!(t.profiles[0].name, "Revised");
        assert_eq!(t.profiles.last(), Some(&new));
        assert_eq!(t.settings, s.settings);
    }

    #[test]
    fn a_bad_profile_is_refused_with_its_field_and_the_others_go_in() {
        let s = scenario();
        let mut bad = s.profiles[0].clone();
        bad.id = "bad".into();
        bad.family_weights = WeightMap(vec![("nowhere".into(), 1.0)]);
        let mut nan = s.profiles[0].clone();
        nan.id = "nan".into();
        nan.vote_weight = f64::NAN;
        let mut good = s.profiles[0].clone();
        good.id = "good".into();
        let plan = plan(&s, [(1, bad), (2, nan), (3, good.clone()), (4, good)]);
        assert_eq!(plan.added.len(), 1);
        assert_eq!(plan.refused.len(), 3, "{:?}", plan.refused);
        assert_eq!(plan.refused[0].0, 1);
        assert_eq!(plan.refused[0].1, "family_weights[\"nowhere\"]");
        assert!(plan.refused[0].2.contains("unknown family"));
        assert_eq!(plan.refused[1].1, "vote_weight");
        assert!(plan.refused[2].2.contains("twice"), "{}", plan.refused[2].2);
    }

    #[test]
    fn ids_from_names() {
        assert_eq!(
            id_from_name("  Delegation of X (2019) "),
            "delegation-of-x-2019"
        );
        assert_eq!(id_from_name("中国 代表团"), "中国-代表团");
        assert_eq!(id_from_name("!!!"), "participant");
    }
}
