//! Edits of a scenario: the one vocabulary the UI uses to change a document. Each edit is
//! applied to a copy and validated before it is accepted, so a bad edit leaves the document as
//! it was and says why.

use crate::scenario::elicitation;
use crate::scenario::model::{
    AnalysisSettings, Basis, Cell, Cluster, Criterion, ElicitationRecord, Family, Metadata, Method,
    Normalization, PolicyOption, Principle, Scenario, WeightProfile,
};
use crate::scenario::validate::{validate, validate_profiles};
use crate::scenario::weights;

/// A change to a scenario. Things are named by id, which stays stable while lists reorder.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetActiveProfile(String),
    /// Sets a family's share (0..=1) in the active profile, rescaling the other families
    /// except the `locked` ones.
    SetFamilyShare {
        family: String,
        share: f64,
        locked: Vec<String>,
    },
    /// Sets a criterion's share within its family (0..=1), rescaling its siblings except the
    /// `locked` ones.
    SetCriterionShare {
        criterion: String,
        share: f64,
        locked: Vec<String>,
    },
    /// Replaces the profile with the same id (e.g. a reset to the weights as loaded).
    ReplaceProfile(Box<WeightProfile>),
    /// Sets one cell (matched by option and criterion), adding it if absent.
    SetCell(Box<Cell>),
    /// Adds an option with a missing value on every criterion.
    AddOption(Box<PolicyOption>),
    /// Sets an option's name and short label (empty: tables and charts show the name).
    RenameOption {
        id: String,
        name: String,
        short: String,
    },
    /// Replaces the option with the same id: every field but the id (names, translations,
    /// cluster, provenance, tags, principles, cost, interactions) in one undo step.
    ReplaceOption(Box<PolicyOption>),
    RemoveOption(String),
    /// Adds a criterion with a missing value for every option and weight 0 in profiles that
    /// weigh criteria explicitly, so no ranking changes until it is scored and weighted.
    AddCriterion(Box<Criterion>),
    /// Sets a criterion's name and short label (empty: headers and axes show the name).
    RenameCriterion {
        id: String,
        name: String,
        short: String,
    },
    /// Replaces the criterion with the same id: every field but the id (the criterion editor).
    /// A change of family drops that family's elicitation records, as a removal does.
    ReplaceCriterion(Box<Criterion>),
    /// Replaces the title, description, source, date, author, languages and translations; the
    /// format version must stay the one this build writes.
    SetMetadata(Box<Metadata>),
    /// Replaces the families, clusters and principles at once (their editor): added, renamed
    /// and removed items in one undo step. Removing an item still in use is refused.
    SetCatalogues {
        families: Vec<Family>,
        clusters: Vec<Cluster>,
        principles: Vec<Principle>,
    },
    /// Replaces every analysis setting at once (the scenario editor).
    SetSettings(Box<AnalysisSettings>),
    RemoveCriterion(String),
    AddProfile(Box<WeightProfile>),
    /// Puts participants' profiles in at once (an import of weights forms, the quick-entry
    /// table): each replaces the profile with its id or is added. One undo step.
    ImportProfiles(Vec<WeightProfile>),
    RenameProfile {
        id: String,
        name: String,
    },
    DeleteProfile(String),
    /// Applies an elicitation to a profile: writes the weights of the record's scope and keeps
    /// the record (replacing an earlier one for that scope). See `elicitation::apply_record`.
    Elicit {
        profile: String,
        record: Box<ElicitationRecord>,
    },
    /// Sets the method, and the normalisation too when the method does not work with the
    /// current one (it then takes the method's default).
    SetMethod(Method),
    SetNormalization(Normalization),
    /// VIKOR's weight of group utility against regret, 0..=1.
    SetVikorV(f64),
}

impl Edit {
    /// A short description for the undo menu.
    pub fn label(&self) -> String {
        match self {
            Edit::SetActiveProfile(_) => "switch profile".into(),
            Edit::SetFamilyShare { family, .. } => format!("weight of {family}"),
            Edit::SetCriterionShare { criterion, .. } => format!("weight of {criterion}"),
            Edit::ReplaceProfile(p) => format!("change profile {}", p.name),
            Edit::SetCell(c) => format!("value of {} on {}", c.option, c.criterion),
            Edit::AddOption(o) => format!("add option {}", o.name),
            Edit::RenameOption { name, .. } => format!("rename option to {name}"),
            Edit::ReplaceOption(o) => format!("edit option {}", o.name),
            Edit::RemoveOption(id) => format!("remove option {id}"),
            Edit::AddCriterion(c) => format!("add criterion {}", c.name),
            Edit::RenameCriterion { name, .. } => format!("rename criterion to {name}"),
            Edit::ReplaceCriterion(c) => format!("edit criterion {}", c.name),
            Edit::SetMetadata(_) => "scenario details".into(),
            Edit::SetCatalogues { .. } => "families, clusters and principles".into(),
            Edit::SetSettings(_) => "analysis settings".into(),
            Edit::RemoveCriterion(id) => format!("remove criterion {id}"),
            Edit::AddProfile(p) => format!("add profile {}", p.name),
            Edit::ImportProfiles(p) => format!("weights of {} participants", p.len()),
            Edit::RenameProfile { name, .. } => format!("rename profile to {name}"),
            Edit::DeleteProfile(id) => format!("delete profile {id}"),
            Edit::Elicit { record, .. } => {
                format!("elicit {}", elicitation::scope_label(&record.scope))
            }
            Edit::SetMethod(m) => format!("method {}", m.keyword()),
            Edit::SetNormalization(n) => format!("normalisation {}", n.keyword()),
            Edit::SetVikorV(v) => format!("VIKOR v = {v:.2}"),
        }
    }

    /// Edits with the same key during one gesture merge into one undo step.
    pub fn group(&self) -> Option<String> {
        match self {
            Edit::SetFamilyShare { family, .. } => Some(format!("family:{family}")),
            Edit::SetCriterionShare { criterion, .. } => Some(format!("criterion:{criterion}")),
            Edit::SetVikorV(_) => Some("vikor-v".into()),
            // The scenario editor sends both at once when both changed: one Apply, one step.
            // Between two Applies a click or key is released, which ends the gesture.
            Edit::SetMetadata(_) | Edit::SetSettings(_) => Some("scenario-details".into()),
            _ => None,
        }
    }
}

impl Edit {
    /// Whether the edit changes the weight profiles alone (shares, the active profile, whole
    /// profiles), leaving options, criteria, values and settings as they were.
    pub fn profiles_only(&self) -> bool {
        matches!(
            self,
            Edit::SetActiveProfile(_)
                | Edit::SetFamilyShare { .. }
                | Edit::SetCriterionShare { .. }
                | Edit::ReplaceProfile(_)
                | Edit::AddProfile(_)
                | Edit::ImportProfiles(_)
                | Edit::RenameProfile { .. }
                | Edit::DeleteProfile(_)
        )
    }
}

/// Applies `edit` to a copy of `scenario`; returns the new scenario, or why the edit is refused.
pub fn apply(scenario: &Scenario, edit: &Edit) -> Result<Scenario, String> {
    let mut s = scenario.clone();
    apply_mut(&mut s, edit)?;
    Ok(s)
}

/// Applies `edit` to `scenario` in place; a refused edit leaves it exactly as it was.
///
/// Edits of weights and settings alone (every frame of a slider drag) touch only the profiles
/// and settings: those are saved, changed, checked with [`validate_profiles`] and restored on
/// refusal, so a drag costs neither a copy of a large matrix nor a full validation.
pub fn apply_mut(scenario: &mut Scenario, edit: &Edit) -> Result<(), String> {
    if touches_only_profiles(edit) {
        let profiles = scenario.profiles.clone();
        let settings = scenario.settings.clone();
        let outcome =
            change(scenario, edit).and_then(|()| first_problem(validate_profiles(scenario)));
        if outcome.is_err() {
            scenario.profiles = profiles;
            scenario.settings = settings;
        }
        return outcome;
    }
    let mut s = scenario.clone();
    change(&mut s, edit)?;
    // A criterion added, removed or moved leaves its family's elicitation records covering the
    // wrong items: drop them (the weights stay; undo brings them back).
    elicitation::drop_stale_records(&mut s);
    first_problem(validate(&s))?;
    *scenario = s;
    Ok(())
}

/// Whether `edit` changes nothing but weight profiles and analysis settings.
fn touches_only_profiles(edit: &Edit) -> bool {
    edit.profiles_only()
        || matches!(
            edit,
            Edit::Elicit { .. }
                | Edit::SetMethod(_)
                | Edit::SetNormalization(_)
                | Edit::SetVikorV(_)
                | Edit::SetSettings(_)
        )
}

/// What uses an item of the catalogues, if anything: a criterion of a family, an option or a
/// portfolio limit of a cluster, an option serving a principle. Items in use cannot be removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InUse {
    /// The family's criteria, by id.
    Criteria(Vec<String>),
    /// The cluster's options, by id.
    Options(Vec<String>),
    /// The cluster has limits in the portfolio settings.
    PortfolioLimit,
    /// The options serving the principle, by id.
    Serving(Vec<String>),
}

impl InUse {
    fn describe(&self, what: &str, id: &str) -> String {
        match self {
            InUse::Criteria(c) => format!("family `{id}` still has criteria: {}", c.join(", ")),
            InUse::Options(o) => format!("{what} `{id}` still has options: {}", o.join(", ")),
            InUse::PortfolioLimit => format!("cluster `{id}` has limits in the portfolio settings"),
            InUse::Serving(o) => format!("{what} `{id}` is served by options: {}", o.join(", ")),
        }
    }
}

/// Why the family `id` cannot be removed, if it cannot.
pub fn family_in_use(s: &Scenario, id: &str) -> Option<InUse> {
    let ids: Vec<String> = (s.criteria.iter())
        .filter(|c| c.family == id)
        .map(|c| c.id.clone())
        .collect();
    (!ids.is_empty()).then_some(InUse::Criteria(ids))
}

/// Why the cluster `id` cannot be removed, if it cannot.
pub fn cluster_in_use(s: &Scenario, id: &str) -> Option<InUse> {
    let ids: Vec<String> = (s.options.iter())
        .filter(|o| o.cluster == id)
        .map(|o| o.id.clone())
        .collect();
    if !ids.is_empty() {
        return Some(InUse::Options(ids));
    }
    let limited = s
        .settings
        .portfolio
        .clusters
        .iter()
        .any(|l| l.cluster == id);
    limited.then_some(InUse::PortfolioLimit)
}

/// Why the principle `id` cannot be removed, if it cannot.
pub fn principle_in_use(s: &Scenario, id: &str) -> Option<InUse> {
    let ids: Vec<String> = (s.options.iter())
        .filter(|o| o.principles.iter().any(|p| p == id))
        .map(|o| o.id.clone())
        .collect();
    (!ids.is_empty()).then_some(InUse::Serving(ids))
}

/// Puts in the new catalogues, refusing an empty name or the removal of an item in use
/// (duplicate and empty ids are left to validation). A removed family's weights go with it.
fn set_catalogues(
    s: &mut Scenario,
    families: &[Family],
    clusters: &[Cluster],
    principles: &[Principle],
) -> Result<(), String> {
    let names = (families.iter().map(|f| ("families", &f.id, &f.name)))
        .chain(clusters.iter().map(|c| ("clusters", &c.id, &c.name)))
        .chain(principles.iter().map(|p| ("principles", &p.id, &p.name)));
    for (list, id, name) in names {
        if name.trim().is_empty() {
            return Err(format!("{list}.{id}.name: name must not be empty"));
        }
    }
    for f in &s.families {
        if !families.iter().any(|g| g.id == f.id)
            && let Some(why) = family_in_use(s, &f.id)
        {
            return Err(format!("families: {}", why.describe("family", &f.id)));
        }
    }
    for c in &s.clusters {
        if !clusters.iter().any(|d| d.id == c.id)
            && let Some(why) = cluster_in_use(s, &c.id)
        {
            return Err(format!("clusters: {}", why.describe("cluster", &c.id)));
        }
    }
    for p in &s.principles {
        if !principles.iter().any(|q| q.id == p.id)
            && let Some(why) = principle_in_use(s, &p.id)
        {
            return Err(format!("principles: {}", why.describe("principle", &p.id)));
        }
    }
    for p in &mut s.profiles {
        (p.family_weights.0).retain(|(id, _)| families.iter().any(|f| &f.id == id));
    }
    s.families = families.to_vec();
    s.clusters = clusters.to_vec();
    s.principles = principles.to_vec();
    Ok(())
}

fn first_problem(problems: Vec<crate::scenario::validate::Problem>) -> Result<(), String> {
    match problems.into_iter().next() {
        None => Ok(()),
        Some(p) => Err(format!("{}: {}", p.field, p.message)),
    }
}

/// Makes the change itself, without validation.
fn change(s: &mut Scenario, edit: &Edit) -> Result<(), String> {
    let active = s.active_profile_index();
    match edit {
        Edit::SetActiveProfile(id) => {
            s.profile_index(id).ok_or(format!("no profile `{id}`"))?;
            s.settings.active_profile = id.clone();
        }
        Edit::SetFamilyShare {
            family,
            share,
            locked,
        } => {
            let k = s
                .families
                .iter()
                .position(|f| &f.id == family)
                .ok_or(format!("no family `{family}`"))?;
            let locks: Vec<bool> = s.families.iter().map(|f| locked.contains(&f.id)).collect();
            let mut p = s.profiles.get(active).cloned().ok_or("no profile")?;
            weights::set_family_share(s, &mut p, k, *share, &locks);
            s.profiles[active] = p;
        }
        Edit::SetCriterionShare {
            criterion,
            share,
            locked,
        } => {
            let k = s
                .criterion_index(criterion)
                .ok_or(format!("no criterion `{criterion}`"))?;
            let locks: Vec<bool> = s.criteria.iter().map(|c| locked.contains(&c.id)).collect();
            let mut p = s.profiles.get(active).cloned().ok_or("no profile")?;
            weights::set_criterion_share(s, &mut p, k, *share, &locks);
            s.profiles[active] = p;
        }
        Edit::ReplaceProfile(p) => {
            let i = s
                .profile_index(&p.id)
                .ok_or(format!("no profile `{}`", p.id))?;
            s.profiles[i] = (**p).clone();
        }
        Edit::SetCell(cell) => {
            match s
                .performance
                .iter_mut()
                .find(|c| c.option == cell.option && c.criterion == cell.criterion)
            {
                Some(c) => *c = (**cell).clone(),
                None => s.performance.push((**cell).clone()),
            }
        }
        Edit::AddOption(o) => {
            for c in &s.criteria {
                s.performance.push(missing_cell(&o.id, &c.id));
            }
            s.options.push((**o).clone());
        }
        Edit::RenameOption { id, name, short } => {
            let i = s.option_index(id).ok_or(format!("no option `{id}`"))?;
            s.options[i].name = name.clone();
            s.options[i].short = short.clone();
        }
        Edit::ReplaceOption(o) => {
            let i = s
                .option_index(&o.id)
                .ok_or(format!("no option `{}`", o.id))?;
            s.options[i] = (**o).clone();
        }
        Edit::RemoveOption(id) => {
            let i = s.option_index(id).ok_or(format!("no option `{id}`"))?;
            s.options.remove(i);
            s.performance.retain(|c| &c.option != id);
            for o in &mut s.options {
                o.interactions.retain(|x| &x.with != id);
            }
            // The portfolio's settings name options too: a removed option leaves them all.
            let p = &mut s.settings.portfolio;
            if &p.baseline == id {
                p.baseline.clear();
            }
            p.include.retain(|x| x != id);
            p.exclude.retain(|x| x != id);
            if let Some(r) = &mut p.resource {
                r.uses.remove(id);
            }
        }
        Edit::AddCriterion(c) => {
            for o in &s.options {
                s.performance.push(missing_cell(&o.id, &c.id));
            }
            for p in &mut s.profiles {
                if !p.criterion_weights.is_empty() {
                    p.criterion_weights.set(&c.id, 0.0);
                }
            }
            s.criteria.push((**c).clone());
        }
        Edit::RenameCriterion { id, name, short } => {
            let i = s
                .criterion_index(id)
                .ok_or(format!("no criterion `{id}`"))?;
            s.criteria[i].name = name.clone();
            s.criteria[i].short = short.clone();
        }
        Edit::ReplaceCriterion(c) => {
            let i = s
                .criterion_index(&c.id)
                .ok_or(format!("no criterion `{}`", c.id))?;
            s.criteria[i] = (**c).clone();
        }
        Edit::SetMetadata(m) => s.metadata = (**m).clone(),
        Edit::SetCatalogues {
            families,
            clusters,
            principles,
        } => set_catalogues(s, families, clusters, principles)?,
        Edit::SetSettings(st) => s.settings = (**st).clone(),
        Edit::RemoveCriterion(id) => {
            let i = s
                .criterion_index(id)
                .ok_or(format!("no criterion `{id}`"))?;
            s.criteria.remove(i);
            s.performance.retain(|c| &c.criterion != id);
            for p in &mut s.profiles {
                p.criterion_weights.0.retain(|(k, _)| k != id);
                p.weight_ranges.retain(|r| &r.criterion != id);
            }
        }
        Edit::AddProfile(p) => s.profiles.push((**p).clone()),
        Edit::ImportProfiles(profiles) => {
            if profiles.is_empty() {
                return Err("no profiles to put in".into());
            }
            crate::scenario::merge::put_profiles(s, profiles);
        }
        Edit::RenameProfile { id, name } => {
            let i = s.profile_index(id).ok_or(format!("no profile `{id}`"))?;
            s.profiles[i].name = name.clone();
        }
        Edit::DeleteProfile(id) => {
            let i = s.profile_index(id).ok_or(format!("no profile `{id}`"))?;
            if s.profiles.len() == 1 {
                return Err("the last profile cannot be deleted".into());
            }
            s.profiles.remove(i);
            if &s.settings.active_profile == id {
                s.settings.active_profile = s.profiles[i.min(s.profiles.len() - 1)].id.clone();
            }
        }
        Edit::Elicit { profile, record } => {
            let i = s
                .profile_index(profile)
                .ok_or(format!("no profile `{profile}`"))?;
            s.profiles[i] =
                elicitation::apply_record(s, profile, record).map_err(|e| e.to_string())?;
        }
        Edit::SetMethod(m) => {
            s.settings.method = *m;
            s.settings.normalization = m.normalization_for(s.settings.normalization);
        }
        Edit::SetNormalization(n) => s.settings.normalization = *n,
        Edit::SetVikorV(v) => s.settings.vikor_v = *v,
    }
    Ok(())
}

fn missing_cell(option: &str, criterion: &str) -> Cell {
    Cell {
        option: option.to_string(),
        criterion: criterion.to_string(),
        value: None,
        uncertainty: None,
        basis: Basis::Illustrative,
        rationale: String::new(),
        source: String::new(),
    }
}

#[cfg(test)]
mod tests;
