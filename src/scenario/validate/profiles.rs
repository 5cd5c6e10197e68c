//! Checks of the weight profiles: their weight maps, ranges, vote weights and elicitation
//! records.

use std::collections::HashSet;

use super::{MAX_VOTE_WEIGHT, Validator, list};
use crate::scenario::model::Scenario;
use crate::scenario::weights::{WeightMap, effective_weights};

impl Validator {
    pub(super) fn weight_map(&mut self, at: &str, map: &WeightMap, kind: &str, known: &[&str]) {
        let mut seen = HashSet::new();
        for (key, w) in map.iter() {
            let field = format!("{at}[\"{key}\"]");
            if !seen.insert(key) {
                self.err(field, format!("{kind} `{key}` is weighted twice"));
                continue;
            }
            if !known.contains(&key) {
                self.err(
                    field,
                    format!(
                        "unknown {kind} `{key}`; expected one of {}",
                        list(known.iter().copied())
                    ),
                );
                continue;
            }
            if self.finite(field.clone(), w) && w < 0.0 {
                self.err(
                    field,
                    format!("weight {w} is negative; weights must be 0 or more"),
                );
            }
        }
        if !map.is_empty() {
            let missing: Vec<&str> = known
                .iter()
                .copied()
                .filter(|k| !seen.contains(k))
                .collect();
            if !missing.is_empty() {
                self.err(
                    at.to_string(),
                    format!(
                        "no weight for {kind} {}; give every {kind} a weight (0 leaves it out) or leave the map empty for equal weights",
                        list(missing.into_iter())
                    ),
                );
            }
        }
    }

    pub(super) fn profiles(&mut self, s: &Scenario) {
        if s.profiles.is_empty() {
            self.err(
                "profiles",
                "the list is empty; a scenario needs at least one weight profile",
            );
        }
        self.ids("profiles", s.profiles.iter().map(|p| p.id.as_str()));
        let families: Vec<&str> = s.families.iter().map(|f| f.id.as_str()).collect();
        let criteria: Vec<&str> = s.criteria.iter().map(|c| c.id.as_str()).collect();
        for (i, p) in s.profiles.iter().enumerate() {
            let at = format!("profiles[{i}]");
            let before = self.problems.len();
            self.weight_map(
                &format!("{at}.family_weights"),
                &p.family_weights,
                "family",
                &families,
            );
            self.weight_map(
                &format!("{at}.criterion_weights"),
                &p.criterion_weights,
                "criterion",
                &criteria,
            );
            if self.finite(format!("{at}.vote_weight"), p.vote_weight)
                && !(p.vote_weight > 0.0 && p.vote_weight <= MAX_VOTE_WEIGHT)
            {
                self.err(
                    format!("{at}.vote_weight"),
                    format!(
                        "vote weight {} is outside (0, {MAX_VOTE_WEIGHT}]",
                        p.vote_weight
                    ),
                );
            }
            if let Some(mark) = &p.room {
                if mark.revision == 0 {
                    self.err(format!("{at}.room.revision"), "a revision counts from 1");
                }
                if !is_utc_timestamp(&mark.submitted) {
                    self.err(
                        format!("{at}.room.submitted"),
                        format!(
                            "`{}` is not a time like \"2026-12-02T19:32:05Z\" (RFC 3339, UTC)",
                            mark.submitted.chars().take(40).collect::<String>()
                        ),
                    );
                }
            }
            for (k, r) in p.weight_ranges.iter().enumerate() {
                let field = format!("{at}.weight_ranges[{k}]");
                if !criteria.contains(&r.criterion.as_str()) {
                    self.err(
                        format!("{field}.criterion"),
                        format!("unknown criterion `{}`", r.criterion),
                    );
                }
                if self.finite(format!("{field}.low"), r.low)
                    && self.finite(format!("{field}.high"), r.high)
                {
                    if r.low < 0.0 {
                        self.err(
                            format!("{field}.low"),
                            format!("weight {} is negative", r.low),
                        );
                    }
                    if r.low > r.high {
                        self.err(
                            format!("{field}.low"),
                            format!("inverted range: low {} is above high {}", r.low, r.high),
                        );
                    }
                }
            }
            let weights_sound = self.problems.len() == before;
            if weights_sound
                && !s.criteria.is_empty()
                && effective_weights(s, p).iter().all(|&w| w == 0.0)
            {
                self.err(
                    at,
                    format!(
                        "profile `{}` gives every criterion a weight of zero; at least one weight must be above zero",
                        p.id
                    ),
                );
            }
            // Elicitation records are checked after the weights so a bad record does not
            // hide the all-zero check above.
            for problem in crate::scenario::elicitation::check_records(s, &p.elicited) {
                self.err(
                    format!("profiles[{i}].elicited{}", problem.field),
                    problem.message,
                );
            }
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ`, digits where digits go (the shape the room writes).
fn is_utc_timestamp(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'Z',
            _ => c.is_ascii_digit(),
        })
}
