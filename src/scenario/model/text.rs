//! Text that travels with the data: metadata, provenance, and translations of names.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

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

pub(super) fn default_languages() -> Vec<String> {
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
pub(super) fn translated<'a>(
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

/// The short label in `lang`; without one, the translated name; without that, `label`.
pub(super) fn label_in<'a>(
    label: &'a str,
    name: &'a str,
    i18n: &'a Translations,
    lang: Lang,
) -> &'a str {
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
