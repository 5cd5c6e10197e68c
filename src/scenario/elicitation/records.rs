//! Elicitation records in a scenario: checked against the value tree, applied to a profile,
//! and kept only while they still match its weights.

#[allow(unused_imports)]
use std::collections::{HashMap, HashSet};

use super::*;

/// The ids a scope weighs, in scenario order; `None` when it names an unknown family.
pub fn scope_members<'a>(scenario: &'a Scenario, scope: &ElicitationScope) -> Option<Vec<&'a str>> {
    match scope {
        ElicitationScope::Families => {
            Some(scenario.families.iter().map(|f| f.id.as_str()).collect())
        }
        ElicitationScope::Family(id) => scenario.families.iter().any(|f| &f.id == id).then(|| {
            scenario
                .criteria
                .iter()
                .filter(|c| &c.family == id)
                .map(|c| c.id.as_str())
                .collect()
        }),
    }
}

/// A short description of a scope, for labels and menus: "family weights", "weights within
/// economic" (the family's id).
pub fn scope_label(scope: &ElicitationScope) -> String {
    match scope {
        ElicitationScope::Families => "family weights".to_string(),
        ElicitationScope::Family(id) => format!("weights within {id}"),
    }
}

/// Every problem of a record in `scenario`: its scope exists, its items are exactly the scope's
/// members, and its inputs are sound. Fields are relative to the record (`scope`,
/// `input.judgements[0].2`, …).
pub fn check_record(scenario: &Scenario, record: &ElicitationRecord) -> Vec<ElicitationError> {
    let mut out = Vec::new();
    match scope_members(scenario, &record.scope) {
        None => out.push(err(
            "scope",
            format!(
                "unknown family `{}`; expected one of {}",
                scope_family(&record.scope),
                listed(scenario.families.iter().map(|f| f.id.as_str()))
            ),
        )),
        Some(members) if members.is_empty() => out.push(err(
            "scope",
            format!(
                "family `{}` has no criteria to weigh",
                scope_family(&record.scope)
            ),
        )),
        Some(members) => membership_problems(scenario, record, &members, &mut out),
    }
    out.extend(input_problems(&record.input));
    out
}

fn scope_family(scope: &ElicitationScope) -> &str {
    match scope {
        ElicitationScope::Families => "",
        ElicitationScope::Family(id) => id,
    }
}

fn membership_problems(
    scenario: &Scenario,
    record: &ElicitationRecord,
    members: &[&str],
    out: &mut Vec<ElicitationError>,
) {
    let (list_path, items) = item_paths(&record.input);
    let mut seen = HashSet::new();
    for (id, path) in items {
        if !seen.insert(id) || members.contains(&id) {
            continue;
        }
        let message = match &record.scope {
            ElicitationScope::Families => format!(
                "unknown family `{id}`; expected one of {}",
                listed(members.iter().copied())
            ),
            ElicitationScope::Family(family) => {
                match scenario.criteria.iter().find(|c| c.id == id) {
                    Some(c) => format!(
                        "criterion `{id}` belongs to family `{}`, not `{family}`",
                        c.family
                    ),
                    None => format!(
                        "unknown criterion `{id}`; the criteria of family `{family}` are {}",
                        listed(members.iter().copied())
                    ),
                }
            }
        };
        out.push(err(path, message));
    }
    let missing: Vec<&str> = members
        .iter()
        .copied()
        .filter(|m| !seen.contains(m))
        .collect();
    if !missing.is_empty() {
        let scope = match &record.scope {
            ElicitationScope::Families => "every family".to_string(),
            ElicitationScope::Family(f) => format!("every criterion of family `{f}`"),
        };
        out.push(err(
            list_path,
            format!(
                "no input for {}; a record covers {scope}",
                listed(missing.into_iter())
            ),
        ));
    }
}

/// Every problem of a profile's records, fields starting `[k].`; also refuses a second record
/// for the same scope.
pub fn check_records(scenario: &Scenario, records: &[ElicitationRecord]) -> Vec<ElicitationError> {
    let mut out = Vec::new();
    let mut first: HashMap<&ElicitationScope, usize> = HashMap::new();
    for (k, record) in records.iter().enumerate() {
        if let Some(j) = first.get(&record.scope) {
            out.push(err(
                format!("[{k}].scope"),
                format!(
                    "a second record for {} (first at elicited[{j}]); keep one record per scope",
                    match &record.scope {
                        ElicitationScope::Families => "the family weights".to_string(),
                        ElicitationScope::Family(id) => format!("the weights within `{id}`"),
                    }
                ),
            ));
        } else {
            first.insert(&record.scope, k);
        }
        out.extend(
            check_record(scenario, record)
                .into_iter()
                .map(|e| err(format!("[{k}].{}", e.field), e.message)),
        );
    }
    out
}

/// The profile's record for `scope`, to reopen and revise.
pub fn find_record<'a>(
    profile: &'a WeightProfile,
    scope: &ElicitationScope,
) -> Option<&'a ElicitationRecord> {
    profile.elicited.iter().find(|r| &r.scope == scope)
}

/// Applies an elicitation to profile `profile_id`: computes its weights, writes them into the
/// profile's map for the record's scope, replaces any earlier record for that scope and sets
/// the profile's `elicitation` tag to the record's method. Returns the new profile; the scenario
/// is not changed (use `Edit::Elicit` for a validated, undoable change).
///
/// For a family's criteria, an empty `criterion_weights` (equal within every family) is first
/// written out in full, so the other families keep their shares.
pub fn apply_record(
    scenario: &Scenario,
    profile_id: &str,
    record: &ElicitationRecord,
) -> Result<WeightProfile, ElicitationError> {
    let i = scenario
        .profile_index(profile_id)
        .ok_or_else(|| err("", format!("no profile `{profile_id}`")))?;
    if let Some(problem) = check_record(scenario, record).into_iter().next() {
        return Err(problem);
    }
    let outcome = compute(&record.input)?;
    let mut profile = scenario.profiles[i].clone();
    match &record.scope {
        ElicitationScope::Families => {
            profile.family_weights = scenario
                .families
                .iter()
                .map(|f| (f.id.clone(), outcome.weight(&f.id).unwrap_or(0.0)))
                .collect();
        }
        ElicitationScope::Family(_) => {
            if profile.criterion_weights.is_empty() {
                profile.criterion_weights = scenario
                    .criteria
                    .iter()
                    .map(|c| c.id.clone())
                    .zip(criterion_shares(scenario, &profile))
                    .collect();
            }
            for (id, w) in &outcome.weights {
                profile.criterion_weights.set(id, *w);
            }
        }
    }
    match profile
        .elicited
        .iter_mut()
        .find(|r| r.scope == record.scope)
    {
        Some(old) => *old = record.clone(),
        None => profile.elicited.push(record.clone()),
    }
    profile.elicitation = record.input.method();
    Ok(profile)
}

/// Whether the profile's weights in the record's scope are still the ones the record gives
/// (shares equal within 1e-6). False once a weight it set has been edited by hand: the record
/// is kept, and the UI can say "weights edited since elicitation".
pub fn record_matches_weights(profile: &WeightProfile, record: &ElicitationRecord) -> bool {
    let Ok(outcome) = compute(&record.input) else {
        return false;
    };
    let map: &WeightMap = match record.scope {
        ElicitationScope::Families => &profile.family_weights,
        ElicitationScope::Family(_) => &profile.criterion_weights,
    };
    let raw: Vec<f64> = outcome
        .weights
        .iter()
        .map(|(id, _)| {
            if map.is_empty() {
                1.0
            } else {
                map.get(id).unwrap_or(0.0)
            }
        })
        .collect();
    normalized(raw)
        .iter()
        .zip(&outcome.weights)
        .all(|(now, (_, elicited))| (now - elicited).abs() <= 1e-6)
}

/// Removes records whose items no longer match their scope's members (after a criterion is
/// added, removed or moved, or a family goes): their inputs describe another tree. The weights
/// they produced stay. Returns how many were removed.
pub fn drop_stale_records(scenario: &mut Scenario) -> usize {
    let mut stale: Vec<(usize, usize)> = Vec::new();
    for (p, profile) in scenario.profiles.iter().enumerate() {
        for (k, record) in profile.elicited.iter().enumerate() {
            let covers = scope_members(scenario, &record.scope).is_some_and(|members| {
                let items: HashSet<&str> = items(&record.input).into_iter().collect();
                let members: HashSet<&str> = members.into_iter().collect();
                !members.is_empty() && items == members
            });
            if !covers {
                stale.push((p, k));
            }
        }
    }
    for &(p, k) in stale.iter().rev() {
        scenario.profiles[p].elicited.remove(k);
    }
    stale.len()
}
