//! Weight profiles: named perspectives with their weights, how they were elicited, and
//! plausible weight ranges.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserializer, Serializer};

use super::*;
use crate::i18n::Lang;

impl WeightProfile {
    /// The name in `lang`, else the name.
    pub fn name_in(&self, lang: Lang) -> &str {
        translated(&self.name, &self.i18n, lang, |t| &t.name)
    }

    /// The note in `lang`, else the note.
    pub fn note_in(&self, lang: Lang) -> &str {
        translated(&self.note, &self.i18n, lang, |t| &t.description)
    }
}

/// How a profile's weights were obtained.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Elicitation {
    /// Points given directly.
    #[default]
    Direct,
    /// Swing weighting.
    Swing,
    /// Pairwise comparisons (AHP).
    Pairwise,
    /// A ranking turned into weights (rank-order centroid and kin).
    Ranking,
}

/// What one elicitation sets: the family weights, or the weights of one family's criteria.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ElicitationScope {
    /// `family_weights`: one item per family.
    Families,
    /// The `criterion_weights` of the criteria of this family (by id).
    Family(String),
}

/// The inputs of one elicitation, kept so that a user can reopen and revise them.
/// `elicitation.rs` turns them into weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElicitationRecord {
    pub scope: ElicitationScope,
    pub input: ElicitationInput,
}

/// The answers given in one elicitation, one variant per method. Items are family or criterion
/// ids, and must be exactly the members of the record's scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ElicitationInput {
    /// Points per item (any unit, 0 or more); weight = points / Σ points.
    Direct { points: WeightMap },
    /// Swings ranked best first, each `(id, rating)`: the first is rated 100 and no rating is
    /// above one ranked before it; weight = rating / Σ ratings.
    Swing { swings: Vec<(String, f64)> },
    /// Pairwise comparisons on Saaty's 1–9 scale: `(a, b, x)` says `a` matters `x` times as
    /// much as `b` (`x` from 1/9 to 9). Every pair of `items` is judged once.
    Pairwise {
        items: Vec<String>,
        judgements: Vec<(String, String, f64)>,
        #[serde(default)]
        weighting: PairwiseWeighting,
    },
    /// A ranking, best first; the items of an inner list are tied.
    Ranking {
        order: Vec<Vec<String>>,
        #[serde(default)]
        rule: RankRule,
    },
}

impl ElicitationInput {
    /// The method, as the profile's summary tag names it.
    pub fn method(&self) -> Elicitation {
        match self {
            ElicitationInput::Direct { .. } => Elicitation::Direct,
            ElicitationInput::Swing { .. } => Elicitation::Swing,
            ElicitationInput::Pairwise { .. } => Elicitation::Pairwise,
            ElicitationInput::Ranking { .. } => Elicitation::Ranking,
        }
    }
}

/// How pairwise judgements become weights.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PairwiseWeighting {
    /// Saaty's principal right eigenvector.
    #[default]
    Eigenvector,
    /// The normalised geometric mean of each row (Crawford & Williams 1985).
    GeometricMean,
}

/// How a ranking becomes weights.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RankRule {
    /// Rank-order centroid (Barron & Barrett 1996): w_k = (1/n) Σ_{i=k..n} 1/i.
    #[default]
    Centroid,
    /// Rank sum: w_k ∝ n + 1 − k.
    RankSum,
    /// Reciprocal rank: w_k ∝ 1/k.
    Reciprocal,
}

/// A named set of weights: one perspective on what matters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightProfile {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    #[serde(default)]
    pub elicitation: Elicitation,
    /// How much this profile counts when profiles are pooled (group weights, SMAA over the
    /// room): a delegation or bloc may count more than one voice. 1 unless set.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub vote_weight: f64,
    /// Weight of each family; empty means all families weigh the same.
    #[serde(default, skip_serializing_if = "WeightMap::is_empty")]
    pub family_weights: WeightMap,
    /// Weight of each criterion within its family; empty means equal within each family.
    #[serde(default, skip_serializing_if = "WeightMap::is_empty")]
    pub criterion_weights: WeightMap,
    /// Optional plausible range of each criterion weight, for uncertainty analysis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weight_ranges: Vec<WeightRange>,
    /// The name and note (`description`) in other languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub i18n: Translations,
    /// The inputs of the elicitations that set these weights, at most one per scope. A record
    /// stays when its weights are later edited by hand (see `elicitation::record_matches_weights`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elicited: Vec<ElicitationRecord>,
    /// Set when the profile was submitted from a phone in the room (`tideline room`, Room ›
    /// Open a session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<RoomMark>,
}

/// The mark of a profile submitted from the room: when it arrived and which revision it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomMark {
    /// When the submission arrived, RFC 3339 in UTC, e.g. `"2026-12-02T19:32:05Z"`.
    pub submitted: String,
    /// The delegation's revision: 1 for its first submission, one more for each revision.
    pub revision: u32,
}

fn one() -> f64 {
    1.0
}

#[allow(clippy::trivially_copy_pass_by_ref, clippy::float_cmp)] // serde passes a reference
fn is_one(x: &f64) -> bool {
    *x == 1.0
}

/// A plausible range for one criterion's weight (same units as `criterion_weights`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightRange {
    pub criterion: String,
    pub low: f64,
    pub high: f64,
}

/// An id → weight map that keeps the file's order and its duplicates, so that validation can
/// report a key written twice instead of silently keeping one of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeightMap(pub Vec<(String, f64)>);

impl WeightMap {
    /// The weight of `id` (the last entry when written twice).
    pub fn get(&self, id: &str) -> Option<f64> {
        self.0.iter().rev().find(|(k, _)| k == id).map(|&(_, w)| w)
    }

    /// Sets the weight of `id` (the entry [`Self::get`] reads), adding it at the end when absent.
    pub fn set(&mut self, id: &str, weight: f64) {
        match self.0.iter_mut().rev().find(|(k, _)| k == id) {
            Some(entry) => entry.1 = weight,
            None => self.0.push((id.to_string(), weight)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.0.iter().map(|(k, w)| (k.as_str(), *w))
    }
}

impl FromIterator<(String, f64)> for WeightMap {
    fn from_iter<I: IntoIterator<Item = (String, f64)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl Serialize for WeightMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for WeightMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = WeightMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from id to weight, e.g. {\"cost\": 2.0}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<WeightMap, A::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = access.next_entry::<String, f64>()? {
                    entries.push((k, v));
                }
                Ok(WeightMap(entries))
            }
        }
        deserializer.deserialize_map(MapVisitor)
    }
}
