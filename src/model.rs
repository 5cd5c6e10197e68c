//! The scenario: plain data that a `.ron` file holds, with no behaviour beyond lookups.
//!
//! Everything that changes a number lives here, so a result can be reproduced from the file
//! alone. Field order in each struct is the order a saved file shows. `docs/scenario-format.md`
//! documents the format with an annotated example.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::weights::WeightMap;

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole scenario file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub metadata: Metadata,
    /// Groups of options (e.g. the report's ¶9 and ¶11).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<Cluster>,
    /// Principles each option can be checked against (e.g. the report's annex ¶10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<Principle>,
    /// The upper level of the value tree.
    pub families: Vec<Family>,
    pub criteria: Vec<Criterion>,
    pub options: Vec<PolicyOption>,
    /// One cell per option and criterion; a value that is not known is written `value: None`.
    pub performance: Vec<Cell>,
    pub profiles: Vec<WeightProfile>,
    #[serde(default)]
    pub settings: AnalysisSettings,
}

/// Title, source and format version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub format_version: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The document the options come from, e.g. `UNEP/EA.4/1/Rev.1`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Free-form date of the scenario or its source, e.g. `2019-03`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Languages the scenario's text is written in (BCP 47 tags); the first is the original.
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    /// The title (`name`) and description in other languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub i18n: Translations,
}

impl Metadata {
    /// The title in `lang`, else the title.
    pub fn title_in(&self, lang: Lang) -> &str {
        translated(&self.title, &self.i18n, lang, |t| &t.name)
    }

    /// The description in `lang`, else the description.
    pub fn description_in(&self, lang: Lang) -> &str {
        translated(&self.description, &self.i18n, lang, |t| &t.description)
    }
}

fn default_languages() -> Vec<String> {
    vec!["en".to_string()]
}

/// Where a piece of the scenario comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Document symbol or title, e.g. `UNEP/EA.4/1/Rev.1`.
    pub document: String,
    /// Paragraph within the document, e.g. `Annex ¶11(d)`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub paragraph: String,
}

impl std::fmt::Display for Provenance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.document.is_empty(), self.paragraph.is_empty()) {
            (_, true) => f.write_str(&self.document),
            (true, false) => f.write_str(&self.paragraph),
            (false, false) => write!(f, "{}, {}", self.document, self.paragraph),
        }
    }
}

/// An item's name, short label and description in one other language. A field left out (or
/// empty) falls back to the item's own text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Translations by language code (a code `Lang::from_code` knows, e.g. `"zh-CN"`).
pub type Translations = BTreeMap<String, Translation>;

/// `base`, or its translation into `lang` when the scenario has one.
fn translated<'a>(
    base: &'a str,
    i18n: &'a Translations,
    lang: Lang,
    field: fn(&Translation) -> &str,
) -> &'a str {
    if lang == Lang::En {
        return base;
    }
    i18n.get(lang.code())
        .map(field)
        .filter(|t| !t.is_empty())
        .unwrap_or(base)
}

/// A group of options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The item's text in other languages, by language code (`"zh-CN"`); each field optional.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub i18n: Translations,
}

/// A principle from a checklist (e.g. annex ¶10 of the report).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The item's text in other languages, by language code (`"zh-CN"`); each field optional.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub i18n: Translations,
}

/// A family of criteria: the upper level of a two-level value tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The item's text in other languages, by language code (`"zh-CN"`); each field optional.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub i18n: Translations,
}

/// Whether more or less of a criterion is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// More is better (a benefit).
    Maximize,
    /// Less is better (a cost).
    Minimize,
}

impl Direction {
    /// The word used in CSV files and tables.
    pub fn keyword(self) -> &'static str {
        match self {
            Direction::Maximize => "max",
            Direction::Minimize => "min",
        }
    }
}

/// The declared range of a criterion's values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
}

/// A piecewise-linear value function: points `(x, v)` with `x` increasing and `v` in 0..=1.
/// Between points the value is interpolated; outside them it is held at the end value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueFunction {
    pub points: Vec<(f64, f64)>,
}

impl ValueFunction {
    /// The value of `x`; assumes the function passed validation (at least one point, `x` sorted).
    pub fn value(&self, x: f64) -> f64 {
        let pts = &self.points;
        let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
            return 0.0;
        };
        if x <= first.0 {
            return first.1;
        }
        if x >= last.0 {
            return last.1;
        }
        for pair in pts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if x <= b.0 {
                let span = b.0 - a.0;
                if span <= 0.0 {
                    return b.1;
                }
                return a.1 + (b.1 - a.1) * (x - a.0) / span;
            }
        }
        last.1
    }
}

/// PROMETHEE preference function for a criterion (used by outranking methods).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PreferenceFunction {
    Usual,
    UShape,
    VShape,
    Level,
    Linear,
    Gaussian,
}

impl PreferenceFunction {
    pub const ALL: [PreferenceFunction; 6] = [
        PreferenceFunction::Usual,
        PreferenceFunction::UShape,
        PreferenceFunction::VShape,
        PreferenceFunction::Level,
        PreferenceFunction::Linear,
        PreferenceFunction::Gaussian,
    ];

    /// The name used in CSV files.
    pub fn keyword(self) -> &'static str {
        match self {
            PreferenceFunction::Usual => "usual",
            PreferenceFunction::UShape => "u-shape",
            PreferenceFunction::VShape => "v-shape",
            PreferenceFunction::Level => "level",
            PreferenceFunction::Linear => "linear",
            PreferenceFunction::Gaussian => "gaussian",
        }
    }

    /// Parses a keyword, ignoring case.
    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.keyword().eq_ignore_ascii_case(s))
    }

    /// Which thresholds the function needs: `(q, p, s)`.
    pub fn needs(self) -> (bool, bool, bool) {
        match self {
            PreferenceFunction::Usual => (false, false, false),
            PreferenceFunction::UShape => (true, false, false),
            PreferenceFunction::VShape => (false, true, false),
            PreferenceFunction::Level | PreferenceFunction::Linear => (true, true, false),
            PreferenceFunction::Gaussian => (false, false, true),
        }
    }
}

/// Outranking parameters of a criterion: preference function and its thresholds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outranking {
    pub function: PreferenceFunction,
    /// Indifference threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<f64>,
    /// Preference threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p: Option<f64>,
    /// Gaussian parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s: Option<f64>,
}

/// A criterion: the lower level of the value tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    /// A short label for narrow table headers and chart axes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short: String,
    /// The id of the family this criterion belongs to.
    pub family: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub direction: Direction,
    pub scale: Scale,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_function: Option<ValueFunction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outranking: Option<Outranking>,
    /// The item's text in other languages, by language code (`"zh-CN"`); each field optional.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub i18n: Translations,
}

impl Criterion {
    /// The short label, or the name when no short label is given.
    pub fn label(&self) -> &str {
        if self.short.is_empty() {
            &self.name
        } else {
            &self.short
        }
    }

    /// The name in `lang`, else the name.
    pub fn name_in(&self, lang: Lang) -> &str {
        translated(&self.name, &self.i18n, lang, |t| &t.name)
    }

    /// The short label in `lang`, else the name in `lang`, else [`Self::label`].
    pub fn label_in(&self, lang: Lang) -> &str {
        label_in(self.label(), &self.name, &self.i18n, lang)
    }

    /// The description in `lang`, else the description.
    pub fn description_in(&self, lang: Lang) -> &str {
        translated(&self.description, &self.i18n, lang, |t| &t.description)
    }
}

/// The short label in `lang`; without one, the translated name; without that, `label`.
fn label_in<'a>(label: &'a str, name: &'a str, i18n: &'a Translations, lang: Lang) -> &'a str {
    let short = translated("", i18n, lang, |t| &t.short);
    if !short.is_empty() {
        return short;
    }
    let translated_name = translated(name, i18n, lang, |t| &t.name);
    if translated_name != name {
        translated_name
    } else {
        label
    }
}

/// How one option changes the value of another when both are chosen (for portfolios).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    /// The other option's id.
    pub with: String,
    /// Added to the pair's combined value: positive for a synergy, negative for a conflict.
    pub effect: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A policy option (named so as not to clash with `std::option::Option`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyOption {
    pub id: String,
    pub name: String,
    /// A short label for chart axes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short: String,
    /// The id of a declared cluster, or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cluster: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub provenance: Provenance,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Ids of the principles this option serves (a checklist).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<String>,
    /// Cost or effort, in the scenario's own unit, for portfolios under a budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interactions: Vec<Interaction>,
    /// The item's text in other languages, by language code (`"zh-CN"`); each field optional.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub i18n: Translations,
}

impl PolicyOption {
    /// The short label, or the name when no short label is given.
    pub fn label(&self) -> &str {
        if self.short.is_empty() {
            &self.name
        } else {
            &self.short
        }
    }

    /// The name in `lang`, else the name.
    pub fn name_in(&self, lang: Lang) -> &str {
        translated(&self.name, &self.i18n, lang, |t| &t.name)
    }

    /// The short label in `lang`, else the name in `lang`, else [`Self::label`].
    pub fn label_in(&self, lang: Lang) -> &str {
        label_in(self.label(), &self.name, &self.i18n, lang)
    }

    /// The description in `lang`, else the description.
    pub fn description_in(&self, lang: Lang) -> &str {
        translated(&self.description, &self.i18n, lang, |t| &t.description)
    }
}

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

impl Family {
    /// The name in `lang`, else the name.
    pub fn name_in(&self, lang: Lang) -> &str {
        translated(&self.name, &self.i18n, lang, |t| &t.name)
    }

    /// The description in `lang`, else the description.
    pub fn description_in(&self, lang: Lang) -> &str {
        translated(&self.description, &self.i18n, lang, |t| &t.description)
    }
}

impl Principle {
    /// The name in `lang`, else the name.
    pub fn name_in(&self, lang: Lang) -> &str {
        translated(&self.name, &self.i18n, lang, |t| &t.name)
    }
}

impl Cluster {
    /// The name in `lang`, else the name.
    pub fn name_in(&self, lang: Lang) -> &str {
        translated(&self.name, &self.i18n, lang, |t| &t.name)
    }

    /// The description in `lang`, else the description.
    pub fn description_in(&self, lang: Lang) -> &str {
        translated(&self.description, &self.i18n, lang, |t| &t.description)
    }
}

/// The spread of a performance value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Uncertainty {
    /// Any value from `low` to `high` (uniform).
    Range { low: f64, high: f64 },
    /// Low, most likely and high values (triangular).
    Triangular { low: f64, likely: f64, high: f64 },
}

impl Uncertainty {
    /// The lowest and highest plausible values.
    pub fn bounds(&self) -> (f64, f64) {
        match *self {
            Uncertainty::Range { low, high } | Uncertainty::Triangular { low, high, .. } => {
                (low, high)
            }
        }
    }
}

/// Whether a score is measured or judged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis {
    /// A judgement by the scenario's authors, not a figure from the source.
    #[default]
    Illustrative,
    /// Taken from or computed from a cited source.
    Sourced,
}

/// The performance of one option on one criterion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    pub option: String,
    pub criterion: String,
    /// The point value; `None` marks a value that is not known (never read as zero).
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<Uncertainty>,
    #[serde(default)]
    pub basis: Basis,
    /// One line on why this value.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
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
}

/// A plausible range for one criterion's weight (same units as `criterion_weights`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightRange {
    pub criterion: String,
    pub low: f64,
    pub high: f64,
}

/// Scoring method.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// Weighted sum of normalised values (additive value model).
    #[default]
    Wsm,
    /// Weighted product: `Π x^w` (Bridgman 1922; Miller & Starr 1969).
    Wpm,
    /// Closeness to the ideal and distance from the anti-ideal (Hwang & Yoon 1981).
    Topsis,
    /// Net outranking flow (Brans & Vincke 1985).
    Promethee2,
    /// Compromise ranking by group utility and individual regret (Opricovic & Tzeng 2004).
    Vikor,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::Wsm,
        Method::Wpm,
        Method::Topsis,
        Method::Promethee2,
        Method::Vikor,
    ];

    /// The name used on the command line and in JSON.
    pub fn keyword(self) -> &'static str {
        match self {
            Method::Wsm => "wsm",
            Method::Wpm => "wpm",
            Method::Topsis => "topsis",
            Method::Promethee2 => "promethee2",
            Method::Vikor => "vikor",
        }
    }

    /// A human-readable name.
    pub fn title(self) -> &'static str {
        match self {
            Method::Wsm => "Weighted sum",
            Method::Wpm => "Weighted product",
            Method::Topsis => "TOPSIS",
            Method::Promethee2 => "PROMETHEE II",
            Method::Vikor => "VIKOR",
        }
    }

    /// One line on what the method does, for tooltips.
    pub fn description(self) -> &'static str {
        match self {
            Method::Wsm => "Σ weight × normalised value; each criterion adds its share",
            Method::Wpm => "Π value^weight; a poor value on one criterion weighs heavily",
            Method::Topsis => "Closeness to the ideal option, distance from the worst (0..1)",
            Method::Promethee2 => "Pairwise preferences per criterion: net outranking flow (−1..1)",
            Method::Vikor => "Compromise of group utility and worst regret; Q, lower is better",
        }
    }

    /// Parses a command-line keyword.
    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.keyword() == s)
    }

    /// The normalisations this method works with; the first is its default.
    pub fn normalizations(self) -> &'static [Normalization] {
        use Normalization as N;
        match self {
            Method::Wsm => &[N::Scale, N::MinMax, N::Max, N::Linear, N::Sum, N::Vector],
            Method::Wpm => &[N::None, N::Linear, N::Sum],
            Method::Topsis => &[N::Vector, N::MinMax],
            // Both work on raw differences (PROMETHEE's thresholds are in criterion units).
            Method::Promethee2 | Method::Vikor => &[N::None],
        }
    }

    /// The normalisation used when none is asked for.
    pub fn default_normalization(self) -> Normalization {
        self.normalizations()
            .first()
            .copied()
            .unwrap_or(Normalization::Scale)
    }

    /// Whether the method works with `n`.
    pub fn allows(self, n: Normalization) -> bool {
        self.normalizations().contains(&n)
    }

    /// `preferred` if the method works with it, else the method's default.
    pub fn normalization_for(self, preferred: Normalization) -> Normalization {
        if self.allows(preferred) {
            preferred
        } else {
            self.default_normalization()
        }
    }

    /// Whether a higher headline score is better (false for VIKOR's Q).
    pub fn higher_is_better(self) -> bool {
        self != Method::Vikor
    }
}

/// How raw values are turned into comparable 0..1 scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Normalization {
    /// The criterion's declared scale (or its value function).
    #[default]
    Scale,
    /// The observed minimum and maximum.
    MinMax,
    /// `x / max`; cost `1 - x / max`.
    Max,
    /// `x / max`; cost `min / x`.
    Linear,
    /// `x / Σx`; cost `(1/x) / Σ(1/x)`.
    Sum,
    /// `x / √Σx²`; cost `1 - x / √Σx²`.
    Vector,
    /// Raw values: for methods that work on the criterion's own units.
    None,
}

impl Normalization {
    pub const ALL: [Normalization; 7] = [
        Normalization::Scale,
        Normalization::MinMax,
        Normalization::Max,
        Normalization::Linear,
        Normalization::Sum,
        Normalization::Vector,
        Normalization::None,
    ];

    /// The name used on the command line and in JSON.
    pub fn keyword(self) -> &'static str {
        match self {
            Normalization::Scale => "scale",
            Normalization::MinMax => "minmax",
            Normalization::Max => "max",
            Normalization::Linear => "linear",
            Normalization::Sum => "sum",
            Normalization::Vector => "vector",
            Normalization::None => "none",
        }
    }

    /// One line on what the normalisation does, for tooltips.
    pub fn description(self) -> &'static str {
        match self {
            Normalization::Scale => "The criterion's declared scale (or its value function)",
            Normalization::MinMax => "Worst observed value → 0, best → 1",
            Normalization::Max => "x / max; costs 1 − x / max",
            Normalization::Linear => "x / max; costs min / x",
            Normalization::Sum => "x / Σx; costs (1/x) / Σ(1/x)",
            Normalization::Vector => "x / √Σx²; costs 1 − x / √Σx²",
            Normalization::None => "Raw values, no normalisation",
        }
    }

    /// Parses a command-line keyword.
    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.keyword() == s)
    }
}

/// Monte Carlo settings, so an uncertainty run can be reproduced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonteCarlo {
    pub draws: u32,
    pub seed: u64,
}

impl Default for MonteCarlo {
    fn default() -> Self {
        Self {
            draws: 10_000,
            seed: 2019,
        }
    }
}

/// Everything about the analysis that changes a number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnalysisSettings {
    pub method: Method,
    pub normalization: Normalization,
    /// The id of the profile in use; empty means the first.
    pub active_profile: String,
    pub monte_carlo: MonteCarlo,
    /// Budget for portfolios, in the unit of the options' `cost`.
    pub budget: Option<f64>,
    /// The unit of the options' `cost` and of the budget ("effort units", "USD million");
    /// empty: plain units.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cost_unit: String,
    /// VIKOR's weight of group utility against individual regret, in 0..=1.
    #[serde(skip_serializing_if = "is_default_vikor_v")]
    pub vikor_v: f64,
}

/// VIKOR's customary v: group utility and individual regret weigh alike.
pub const DEFAULT_VIKOR_V: f64 = 0.5;

fn is_default_vikor_v(v: &f64) -> bool {
    *v == DEFAULT_VIKOR_V
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        Self {
            method: Method::Wsm,
            normalization: Normalization::Scale,
            active_profile: String::new(),
            monte_carlo: MonteCarlo::default(),
            budget: None,
            cost_unit: String::new(),
            vikor_v: DEFAULT_VIKOR_V,
        }
    }
}

impl Scenario {
    /// Index of the criterion with this id.
    pub fn criterion_index(&self, id: &str) -> Option<usize> {
        self.criteria.iter().position(|c| c.id == id)
    }

    /// Index of the option with this id.
    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }

    /// Index of the profile with this id.
    pub fn profile_index(&self, id: &str) -> Option<usize> {
        self.profiles.iter().position(|p| p.id == id)
    }

    /// The profile named in the settings, else the first.
    pub fn active_profile_index(&self) -> usize {
        self.profile_index(&self.settings.active_profile)
            .unwrap_or(0)
    }

    /// The family name of a criterion, or its id when the family is unknown.
    pub fn family_name(&self, family_id: &str) -> String {
        self.families
            .iter()
            .find(|f| f.id == family_id)
            .map_or_else(|| family_id.to_string(), |f| f.name.clone())
    }

    /// The family name of a criterion in `lang`, or its id when the family is unknown.
    pub fn family_name_in(&self, family_id: &str, lang: Lang) -> String {
        self.families
            .iter()
            .find(|f| f.id == family_id)
            .map_or_else(|| family_id.to_string(), |f| f.name_in(lang).to_string())
    }

    /// The performance matrix `[option][criterion]`; `None` where a value is missing.
    /// Cells naming unknown ids are skipped (validation reports them); a later duplicate wins.
    pub fn matrix(&self) -> Vec<Vec<Option<f64>>> {
        let opt: HashMap<&str, usize> = index_by_id(self.options.iter().map(|o| o.id.as_str()));
        let crit: HashMap<&str, usize> = index_by_id(self.criteria.iter().map(|c| c.id.as_str()));
        let (n_opt, n_crit) = (self.options.len(), self.criteria.len());
        let mut m = vec![vec![None; n_crit]; n_opt];
        // Files usually list cells option by option, criteria in order: try the position after
        // the previous cell first (two string compares) before the hash lookups.
        let mut next = (0usize, 0usize);
        for cell in &self.performance {
            let (po, pc) = next;
            let place = if po < n_opt
                && pc < n_crit
                && self.options[po].id == cell.option
                && self.criteria[pc].id == cell.criterion
            {
                Some((po, pc))
            } else {
                match (
                    opt.get(cell.option.as_str()),
                    crit.get(cell.criterion.as_str()),
                ) {
                    (Some(&o), Some(&c)) => Some((o, c)),
                    _ => None,
                }
            };
            if let Some((o, c)) = place {
                m[o][c] = cell.value;
                next = if c + 1 < n_crit {
                    (o, c + 1)
                } else {
                    (o + 1, 0)
                };
            }
        }
        m
    }

    /// The cell for this option and criterion, if the file has one.
    pub fn cell(&self, option: &str, criterion: &str) -> Option<&Cell> {
        self.performance
            .iter()
            .find(|c| c.option == option && c.criterion == criterion)
    }
}

/// `base`, or `base-2`, `base-3`… : the first id that `taken` says is free.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n: u32| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_string())
}

/// Maps each id to its first index.
pub(crate) fn index_by_id<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        map.entry(id).or_insert(i);
    }
    map
}

#[cfg(test)]
mod tests {
    use crate::scenario_file::default_scenario;

    #[test]
    fn the_matrix_does_not_depend_on_the_order_of_cells() {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let in_order = s.matrix();
        // Every value, looked up one by one: what `matrix` must agree with.
        for (i, o) in s.options.iter().enumerate() {
            for (j, c) in s.criteria.iter().enumerate() {
                assert_eq!(in_order[i][j], s.cell(&o.id, &c.id).and_then(|x| x.value));
            }
        }
        let mut shuffled = s.clone();
        shuffled.performance.reverse();
        shuffled.performance.rotate_left(7);
        assert_eq!(shuffled.matrix(), in_order);
        // A later duplicate wins; a cell naming an unknown option is skipped.
        let mut dup = s.clone();
        let mut late = dup.performance[3].clone();
        late.value = Some(1.25);
        let mut stray = late.clone();
        stray.option = "nobody".into();
        dup.performance.push(late.clone());
        dup.performance.push(stray);
        let m = dup.matrix();
        let i = dup.option_index(&late.option).unwrap_or(usize::MAX);
        let j = dup.criterion_index(&late.criterion).unwrap_or(usize::MAX);
        assert_eq!(m[i][j], Some(1.25));
    }
}
