//! Options and their performance: each option, how options interact, and each cell's value
//! with its uncertainty and basis.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::*;
use crate::i18n::Lang;

/// How one option relates to another in a portfolio.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Relation {
    /// Both chosen: `effect` is added to the portfolio's value (a synergy if positive, a
    /// conflict if negative). The kind every interaction had before relations existed.
    #[default]
    Effect,
    /// Never both in one portfolio.
    Excludes,
    /// This option only with the other one (not the other way round).
    Requires,
}

impl Relation {
    pub fn is_effect(&self) -> bool {
        *self == Relation::Effect
    }
}

/// How one option relates to another when both are considered for a portfolio.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    /// The other option's id.
    pub with: String,
    /// What kind of relation: a value effect (the default), an exclusion or a requirement.
    #[serde(default, skip_serializing_if = "Relation::is_effect")]
    pub relation: Relation,
    /// For [`Relation::Effect`]: added to the portfolio's value when both are members,
    /// positive for a synergy, negative for a conflict. Must be 0 (or left out) for the
    /// other relations.
    #[serde(default)]
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
