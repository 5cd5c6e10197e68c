//! The scenario: plain data that a `.ron` file holds, with no behaviour beyond lookups.
//!
//! Everything that changes a number lives here, so a result can be reproduced from the file
//! alone. Field order in each struct is the order a saved file shows. `docs/scenario-format.md`
//! documents the format with an annotated example.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

mod options;
mod profiles;
mod settings;
mod text;
mod tree;

pub use options::*;
pub use profiles::*;
pub use settings::*;
pub use text::*;
pub use tree::*;

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole scenario file. Equality is written out below, not derived.
#[derive(Clone, Debug, Serialize, Deserialize)]
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

/// Compares the small, often edited parts first: whether the document differs from the saved
/// one is asked on every edit (every frame of a slider's drag), and the derived order compared
/// every cell of a 1,000 × 50 matrix before reaching the weights that differ.
impl PartialEq for Scenario {
    fn eq(&self, other: &Self) -> bool {
        // Destructured, so that a new field cannot be left out of the comparison.
        let Scenario {
            metadata,
            clusters,
            principles,
            families,
            criteria,
            options,
            performance,
            profiles,
            settings,
        } = self;
        *settings == other.settings
            && *profiles == other.profiles
            && *families == other.families
            && *criteria == other.criteria
            && *metadata == other.metadata
            && *clusters == other.clusters
            && *principles == other.principles
            && *options == other.options
            && *performance == other.performance
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

/// Most ids a message lists; the rest are counted.
pub const IDS_LISTED: usize = 8;

/// Ids as a message lists them: `` `a`, `b` ``, at most [`IDS_LISTED`] then "and N more", or
/// "(none declared)". A message about one item of a large file stays short.
pub fn id_list<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let mut shown = Vec::new();
    let mut total = 0;
    for id in ids {
        if total < IDS_LISTED {
            shown.push(format!("`{id}`"));
        }
        total += 1;
    }
    match total {
        0 => "(none declared)".to_string(),
        t if t > IDS_LISTED => format!("{} and {} more", shown.join(", "), t - IDS_LISTED),
        _ => shown.join(", "),
    }
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
    use crate::files::scenario_file::default_scenario;

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
