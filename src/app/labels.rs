//! The interface's names for the engine's things: methods, normalisations, elicitation
//! methods and undo steps. The engine keeps its English keywords and labels for files and the
//! command line; the window shows these.

use crate::i18n::{editors, fill, s};
use crate::scenario::edit::Edit;
use crate::scenario::model::{Elicitation, ElicitationScope, Method, Normalization};

/// A method's name in the current language.
pub fn method_title(m: Method) -> &'static str {
    let t = s();
    match m {
        Method::Wsm => t.method_wsm,
        Method::Wpm => t.method_wpm,
        Method::Topsis => t.method_topsis,
        Method::Promethee2 => t.method_promethee2,
        Method::Vikor => t.method_vikor,
    }
}

/// One line on what a method does, in the current language.
pub fn method_description(m: Method) -> &'static str {
    let t = s();
    match m {
        Method::Wsm => t.method_wsm_desc,
        Method::Wpm => t.method_wpm_desc,
        Method::Topsis => t.method_topsis_desc,
        Method::Promethee2 => t.method_promethee2_desc,
        Method::Vikor => t.method_vikor_desc,
    }
}

/// A normalisation's name in the current language (in English, its keyword).
pub fn normalization_name(n: Normalization) -> &'static str {
    let t = s();
    match n {
        Normalization::Scale => t.norm_scale,
        Normalization::MinMax => t.norm_minmax,
        Normalization::Max => t.norm_max,
        Normalization::Linear => t.norm_linear,
        Normalization::Sum => t.norm_sum,
        Normalization::Vector => t.norm_vector,
        Normalization::None => t.norm_none,
    }
}

/// One line on what a normalisation does, in the current language.
pub fn normalization_description(n: Normalization) -> &'static str {
    let t = s();
    match n {
        Normalization::Scale => t.norm_scale_desc,
        Normalization::MinMax => t.norm_minmax_desc,
        Normalization::Max => t.norm_max_desc,
        Normalization::Linear => t.norm_linear_desc,
        Normalization::Sum => t.norm_sum_desc,
        Normalization::Vector => t.norm_vector_desc,
        Normalization::None => t.norm_none_desc,
    }
}

/// How a profile's weights were obtained, in a few words of the current language.
pub fn elicitation_name(e: Elicitation) -> &'static str {
    let t = s();
    match e {
        Elicitation::Direct => t.elicited_direct,
        Elicitation::Swing => t.elicited_swing,
        Elicitation::Pairwise => t.elicited_pairwise,
        Elicitation::Ranking => t.elicited_ranking,
    }
}

/// An edit as the Edit menu names its undo step, in the current language (the interface's
/// counterpart of [`Edit::label`]).
pub fn edit_label(e: &Edit) -> String {
    let t = s();
    match e {
        Edit::SetActiveProfile(_) => t.edit_switch_profile.to_string(),
        Edit::SetFamilyShare { family, .. } => fill(t.edit_weight_of, &[family]),
        Edit::SetCriterionShare { criterion, .. } => fill(t.edit_weight_of, &[criterion]),
        Edit::ReplaceProfile(p) => fill(editors::t().profile_step, &[&p.name]),
        Edit::SetCell(c) => fill(t.edit_value_of, &[&c.option, &c.criterion]),
        Edit::AddOption(o) => fill(t.edit_add_option, &[&o.name]),
        Edit::RenameOption { name, .. } => fill(t.edit_rename_option, &[name]),
        Edit::ReplaceOption(o) => fill(editors::t().option_step, &[&o.name]),
        Edit::RemoveOption(id) => fill(t.edit_remove_option, &[id]),
        Edit::AddCriterion(c) => fill(t.edit_add_criterion, &[&c.name]),
        Edit::RenameCriterion { name, .. } => fill(t.edit_rename_criterion, &[name]),
        Edit::ReplaceCriterion(c) => fill(editors::t().step_edit_criterion, &[&c.name]),
        Edit::SetMetadata(_) => editors::t().step_scenario_details.to_string(),
        Edit::SetSettings(_) => editors::t().step_analysis_settings.to_string(),
        Edit::SetCatalogues { .. } => editors::t().cat_step.to_string(),
        Edit::RemoveCriterion(id) => fill(t.edit_remove_criterion, &[id]),
        Edit::AddProfile(p) => fill(t.edit_add_profile, &[&p.name]),
        Edit::ImportProfiles(p) if p.len() == 1 && p[0].room.is_some() => {
            fill(crate::i18n::room::t().step_submission, &[&p[0].name])
        }
        Edit::ImportProfiles(p) => fill(
            crate::i18n::perspectives::t().edit_import_profiles,
            &[&p.len()],
        ),
        Edit::RenameProfile { name, .. } => fill(t.edit_rename_profile, &[name]),
        Edit::DeleteProfile(id) => fill(t.edit_delete_profile, &[id]),
        Edit::Elicit { record, .. } => match &record.scope {
            ElicitationScope::Families => t.edit_elicit_families.to_string(),
            ElicitationScope::Family(id) => fill(t.edit_elicit_family, &[id]),
        },
        Edit::SetMethod(m) => fill(t.edit_method, &[&m.keyword()]),
        Edit::SetNormalization(n) => fill(t.edit_normalisation, &[&n.keyword()]),
        Edit::SetVikorV(v) => fill(t.edit_vikor_v, &[&format!("{v:.2}")]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, set};

    #[test]
    fn english_names_are_the_engine_s() {
        set(Lang::En);
        for m in Method::ALL {
            assert_eq!(method_title(m), m.title());
            assert_eq!(method_description(m), m.description());
        }
        for n in Normalization::ALL {
            assert_eq!(normalization_name(n), n.keyword());
            assert_eq!(normalization_description(n), n.description());
        }
        let e = Edit::SetVikorV(0.25);
        assert_eq!(edit_label(&e), e.label());
    }
}
