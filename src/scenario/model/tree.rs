//! The value tree and what hangs on it: clusters and principles of options, families and
//! criteria with their direction, scale, value function and outranking parameters.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::*;
use crate::i18n::Lang;

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
