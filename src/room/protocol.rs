//! The JSON the page and the server exchange: request bodies read and checked, the scenario as
//! the page sees it, and the group result revealed to the phones.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use thiserror::Error;

use crate::analysis::group::{GroupError, GroupRule, group_profile};
use crate::analysis::scoring::{ScoreError, score_with};
use crate::scenario::model::{Scenario, Translations};

/// Longest delegation name, in characters.
pub const NAME_CHARS: usize = 60;
/// Largest weight a participant may give.
pub const MAX_WEIGHT: f64 = 1e6;

/// `POST /api/join`.
#[derive(Deserialize)]
pub struct JoinRequest {
    pub pin: String,
    pub delegation: String,
    #[serde(default)]
    pub token: Option<String>,
}

/// `POST /api/submit`: weights are kept as written, so that a weight that is not a number (or
/// one too large for a double, `1e999`) is refused as invalid rather than as malformed.
#[derive(Deserialize)]
pub struct SubmitRequest {
    pub pin: String,
    pub token: String,
    pub families: Entries,
    pub criteria: Entries,
}

/// `POST /api/status`.
#[derive(Deserialize)]
pub struct StatusRequest {
    pub pin: String,
    pub token: String,
}

/// A JSON object's entries in the order written, duplicates kept.
pub struct Entries(pub Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object from id to weight")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = access.next_entry::<String, Box<RawValue>>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// A delegation's name trimmed, or why it is refused.
pub fn delegation_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    let chars = name.chars().count();
    if chars == 0 {
        return Err("the delegation's name is empty".into());
    }
    if chars > NAME_CHARS {
        return Err(format!(
            "the delegation's name has {chars} characters; at most {NAME_CHARS}"
        ));
    }
    // Control characters, line separators and the bidirectional overrides and isolates, which
    // could make a name display as another.
    let bad = |c: char| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if name.chars().any(bad) {
        return Err("the delegation's name has control characters".into());
    }
    Ok(name.to_string())
}

/// The families and criteria a submission must weigh, from the scenario.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    /// Family ids, with the ids of each family's criteria.
    pub families: Vec<(String, Vec<String>)>,
    /// Every criterion id, in scenario order.
    pub criteria: Vec<String>,
}

impl Tree {
    pub fn of(scenario: &Scenario) -> Self {
        Self {
            families: scenario
                .families
                .iter()
                .map(|f| {
                    let members = scenario.criteria.iter().filter(|c| c.family == f.id);
                    (f.id.clone(), members.map(|c| c.id.clone()).collect())
                })
                .collect(),
            criteria: scenario.criteria.iter().map(|c| c.id.clone()).collect(),
        }
    }
}

/// Weights checked against the tree: every id once, each finite in 0..=1e6, something weighed.
/// The weights come back in the tree's order.
pub type Weights = (Vec<(String, f64)>, Vec<(String, f64)>);

pub fn check_weights(
    tree: &Tree,
    families: &Entries,
    criteria: &Entries,
) -> Result<Weights, String> {
    let family_ids: Vec<&str> = tree.families.iter().map(|(id, _)| id.as_str()).collect();
    let criterion_ids: Vec<&str> = tree.criteria.iter().map(String::as_str).collect();
    let families = weights_of("families", &family_ids, families)?;
    let criteria = weights_of("criteria", &criterion_ids, criteria)?;
    if families.iter().all(|(_, w)| *w == 0.0) {
        return Err("every family's weight is 0".into());
    }
    let mut weighed = false;
    for ((family, members), (_, fw)) in tree.families.iter().zip(&families) {
        if *fw == 0.0 || members.is_empty() {
            continue;
        }
        let within = criteria.iter().filter(|(id, _)| members.contains(id));
        if within.clone().all(|(_, w)| *w == 0.0) {
            return Err(format!(
                "family `{family}` has a weight but all its criteria weigh 0"
            ));
        }
        weighed = true;
    }
    if !weighed {
        return Err("no criterion has a weight".into());
    }
    Ok((families, criteria))
}

/// The weights of `what`: exactly the ids `expected`, each once, in that order.
fn weights_of(
    what: &str,
    expected: &[&str],
    given: &Entries,
) -> Result<Vec<(String, f64)>, String> {
    let mut found: Vec<Option<f64>> = vec![None; expected.len()];
    for (id, raw) in &given.0 {
        let Some(k) = expected.iter().position(|e| e == id) else {
            return Err(format!("{what}: unknown id `{}`", short(id)));
        };
        if found[k].is_some() {
            return Err(format!("{what}: `{id}` given twice"));
        }
        let w = serde_json::from_str::<f64>(raw.get())
            .map_err(|_| format!("{what}: the weight of `{id}` is not a number"))?;
        if !w.is_finite() || !(0.0..=MAX_WEIGHT).contains(&w) {
            return Err(format!(
                "{what}: the weight of `{id}` must be from 0 to {MAX_WEIGHT}"
            ));
        }
        found[k] = Some(w);
    }
    expected
        .iter()
        .zip(found)
        .map(|(id, w)| {
            w.map(|w| ((*id).to_string(), w))
                .ok_or_else(|| format!("{what}: `{id}` is missing"))
        })
        .collect()
}

/// At most 40 characters of a client's text, for a message.
fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

/// The scenario as the page shows it: title and the tree with names in every language.
pub fn scenario_summary(scenario: &Scenario) -> serde_json::Value {
    let families: Vec<serde_json::Value> = scenario
        .families
        .iter()
        .map(|f| {
            let criteria: Vec<serde_json::Value> = scenario
                .criteria
                .iter()
                .filter(|c| c.family == f.id)
                .map(|c| serde_json::json!({"id": c.id, "name": c.name, "names": names(&c.i18n)}))
                .collect();
            serde_json::json!({
                "id": f.id, "name": f.name, "names": names(&f.i18n), "criteria": criteria,
            })
        })
        .collect();
    serde_json::json!({
        "title": scenario.metadata.title,
        "titles": names(&scenario.metadata.i18n),
        "families": families,
    })
}

/// The translated names, by language code, leaving out empty ones.
fn names(i18n: &Translations) -> BTreeMap<String, String> {
    i18n.iter()
        .filter(|(_, t)| !t.name.is_empty())
        .map(|(code, t)| (code.clone(), t.name.clone()))
        .collect()
}

/// The group result the facilitator reveals to the phones.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reveal {
    /// The method's name, e.g. "Weighted sum".
    pub method: String,
    /// Options from best to worst.
    pub ranking: Vec<RevealedOption>,
    /// The group's effective criterion weights, in scenario order.
    pub weights: Vec<RevealedWeight>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RevealedOption {
    pub id: String,
    pub name: String,
    pub names: BTreeMap<String, String>,
    pub rank: usize,
    pub score: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RevealedWeight {
    pub id: String,
    pub name: String,
    pub names: BTreeMap<String, String>,
    /// A fraction of 1.
    pub share: f64,
}

/// Why no group result could be made.
#[derive(Debug, Error)]
pub enum RevealError {
    #[error("no profile has been submitted from the room yet")]
    NoSubmissions,
    #[error("{0}")]
    Group(#[from] GroupError),
    #[error("{0}")]
    Score(#[from] ScoreError),
}

/// The group result of the profiles at `members`: the vote-weighted mean of their effective
/// weights (`analysis::group`), scored by the scenario's method and normalisation.
pub fn group_reveal(scenario: &Scenario, members: &[usize]) -> Result<Reveal, RevealError> {
    if members.is_empty() {
        return Err(RevealError::NoSubmissions);
    }
    let group = group_profile(scenario, members, GroupRule::Mean, "room-group", "Group")?;
    let mut pooled = scenario.clone();
    pooled.profiles.push(group.profile);
    let method = scenario.settings.method;
    let normalization = method.normalization_for(scenario.settings.normalization);
    let ranking = score_with(&pooled, pooled.profiles.len() - 1, method, normalization)?;
    let options = ranking
        .order()
        .into_iter()
        .filter_map(|i| {
            let o = scenario.options.get(i)?;
            Some(RevealedOption {
                id: o.id.clone(),
                name: o.name.clone(),
                names: names(&o.i18n),
                rank: ranking.ranks[i],
                score: ranking.scores[i],
            })
        })
        .collect();
    let weights = scenario
        .criteria
        .iter()
        .zip(&group.weights)
        .map(|(c, &share)| RevealedWeight {
            id: c.id.clone(),
            name: c.name.clone(),
            names: names(&c.i18n),
            share,
        })
        .collect();
    Ok(Reveal {
        method: method.title().to_string(),
        ranking: options,
        weights,
    })
}
