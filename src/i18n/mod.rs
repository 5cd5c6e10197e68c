//! The interface's languages and the catalogue of every string the window shows.
//!
//! [`Strings`] has one `&'static str` field per message; each language is one `static` of it
//! (`en.rs`, `zh_cn.rs`), so a message missing from a language is a build error, never a
//! silent English fallback. Messages with values in them mark the places `{0}`, `{1}`, …, which
//! [`fill`] replaces; a translation may put them in any order.
//!
//! The current language is per thread ([`set`], [`lang`], [`s`]): the window sets it from its
//! preferences at the start of every frame, and code deep in a view reads it without a parameter
//! threaded through. Per thread rather than per process, so that UI tests running side by side
//! on their own threads do not switch each other's language.
//!
//! To add a message: add its field to the list in [`catalogue!`] below, then its text to every
//! language file (the compiler lists any file that lacks it), and read it as `i18n::s().field`.
//! Newer areas keep their strings in a file of their own, every language side by side
//! (`area.rs` explains; `perspectives.rs`, `editors.rs`): prefer one of those, or a new one, over
//! growing the main catalogue.
//!
//! No egui here: the engine's model uses [`Lang`] to pick a scenario's translated names.

#[macro_use]
mod area;
pub mod compare;
pub mod editors;
mod en;
pub mod files;
pub mod perspectives;
pub mod portfolio;
pub mod portfolio_report;
pub mod robustness;
pub mod room;
mod zh_cn;

use std::cell::Cell;
use std::fmt::Display;

use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    /// Every interface language, in menu order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag, as `--lang` and a scenario's translations name the language.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's name in itself, for the menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    /// The language with this tag (case does not matter).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// This language's catalogue.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &en::EN,
            Lang::ZhCn => &zh_cn::ZH_CN,
        }
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Makes `lang` the language of this thread's interface.
pub fn set(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// The language of this thread's interface (English until [`set`]).
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// The catalogue of the current language.
pub fn s() -> &'static Strings {
    lang().strings()
}

/// Every message of `lang`, the main catalogue's and every area's, as `(field, text)`.
pub fn all_entries(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut all = lang.strings().entries();
    all.extend(perspectives::texts(lang).entries());
    all.extend(editors::texts(lang).entries());
    all.extend(compare::texts(lang).entries());
    all.extend(robustness::texts(lang).entries());
    all.extend(portfolio::texts(lang).entries());
    all.extend(portfolio_report::texts(lang).entries());
    all.extend(room::texts(lang).entries());
    all.extend(files::texts(lang).entries());
    all
}

/// `template` with each `{N}` replaced by `args[N]`. A place with no argument is left as it is.
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after.find('}').and_then(|close| {
            let index: usize = after[..close].parse().ok()?;
            Some((args.get(index)?, close))
        });
        match arg {
            Some((value, close)) => {
                out.push_str(&value.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The places (`{0}`, `{1}`, …) a template uses, sorted, each once.
pub fn placeholders(template: &str) -> Vec<usize> {
    let mut found: Vec<usize> = template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}')?.0.parse().ok())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Declares [`Strings`] with one field per name, and [`Strings::entries`] to list them.
macro_rules! catalogue {
    ($($field:ident),* $(,)?) => {
        /// Every interface string of one language. See the module documentation.
        pub struct Strings {
            $(pub $field: &'static str,)*
        }

        impl Strings {
            /// Every message as `(field name, text)`, in declaration order.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}

catalogue! {
    // Words and patterns shared by several places.
    cancel,
    close,
    ok,
    apply,
    add,
    rename,
    remove,
    delete,
    save,
    discard,
    restore,
    dismiss,
    up,
    down,
    name,
    short_label,
    option_word,
    criterion_word,
    family_word,
    col_rank,
    col_option,
    col_score,
    cannot_score,
    not_changed,
    label_value,
    list_sep,
    and_sep,
    full_stop,
    source_is,
    profile_is,
    // Views.
    view_options,
    view_matrix,
    view_ranking,
    view_compare,
    view_tradeoff,
    view_methods,
    view_robustness,
    // Menus.
    menu_file,
    menu_open,
    menu_open_default,
    menu_open_recent,
    menu_no_recent,
    menu_save_as,
    menu_quit,
    menu_edit,
    menu_undo,
    menu_undo_what,
    menu_redo,
    menu_redo_what,
    menu_view,
    menu_light_theme,
    menu_dark_theme,
    menu_language,
    // Top bar and status line.
    top_unsaved,
    top_unsaved_hover,
    top_profile,
    top_method,
    top_vikor_v_hover,
    top_normalisation,
    top_no_normalisation,
    status_summary,
    status_opened,
    status_open_failed,
    status_saved,
    status_undone,
    status_redone,
    status_nothing_to_undo,
    status_nothing_to_redo,
    status_restored,
    status_saving,
    status_still_saving,
    status_write_stopped,
    unsaved_save_failed,
    chooser_up,
    chooser_up_hover,
    chooser_folder,
    chooser_home,
    chooser_document_folder,
    chooser_working_folder,
    chooser_file_name,
    chooser_file,
    chooser_open,
    chooser_empty,
    chooser_truncated,
    chooser_no_name,
    chooser_no_such_file,
    chooser_no_such_folder,
    chooser_replace,
    chooser_replace_yes,
    chooser_replace_no,
    // Files and prompts.
    file_open_title,
    file_open_filter,
    file_save_title,
    file_save_filter,
    recovery_unknown_origin,
    load_errors_title,
    load_errors_intro,
    unsaved_heading,
    unsaved_body,
    unsaved_before_closing,
    unsaved_before_opening,
    dont_save,
    recovery_heading,
    recovery_body,
    // Export, pictures and projection mode.
    menu_import_csv,
    menu_export,
    menu_export_html,
    menu_export_markdown,
    menu_export_matrix,
    menu_export_results,
    menu_picture,
    menu_projection,
    menu_projection_hover,
    menu_projector,
    menu_projector_hover,
    projector_window_title,
    projection_keys,
    file_picture_title,
    file_picture_filter,
    export_briefing_title,
    export_html_filter,
    export_markdown_filter,
    export_matrix_title,
    export_matrix_filter,
    export_results_title,
    export_results_filter,
    status_exported,
    status_not_exported,
    status_over_document,
    status_picture_saved,
    ranking_all_revealed,
    ranking_revealing,
    ranking_reveal_details,
    // Methods and normalisations.
    method_wsm,
    method_wpm,
    method_topsis,
    method_promethee2,
    method_vikor,
    method_wsm_desc,
    method_wpm_desc,
    method_topsis_desc,
    method_promethee2_desc,
    method_vikor_desc,
    norm_scale,
    norm_minmax,
    norm_max,
    norm_linear,
    norm_sum,
    norm_vector,
    norm_none,
    norm_scale_desc,
    norm_minmax_desc,
    norm_max_desc,
    norm_linear_desc,
    norm_sum_desc,
    norm_vector_desc,
    norm_none_desc,
    // Undo steps.
    edit_switch_profile,
    edit_weight_of,
    edit_reset_weights,
    edit_value_of,
    edit_add_option,
    edit_rename_option,
    edit_remove_option,
    edit_add_criterion,
    edit_rename_criterion,
    edit_remove_criterion,
    edit_add_profile,
    edit_rename_profile,
    edit_delete_profile,
    edit_elicit_families,
    edit_elicit_family,
    edit_method,
    edit_normalisation,
    edit_vikor_v,
    // Weights panel.
    weights_heading,
    weights_hide,
    weights_show,
    weights_no_profile,
    weights_criterion_hover,
    weights_slider_hover,
    weights_locked_hover,
    weights_unlocked_hover,
    weights_lock,
    weights_reset,
    weights_reset_hover,
    weights_new,
    weights_new_hover,
    weights_new_profile_name,
    weights_duplicate,
    weights_copy_name,
    weights_elicit,
    weights_elicit_hover,
    weights_elicited_by,
    elicited_direct,
    elicited_swing,
    elicited_pairwise,
    elicited_ranking,
    // Elicitation dialog.
    elicit_title,
    elicit_weigh,
    elicit_scope_families,
    elicit_scope_family,
    elicit_points,
    elicit_points_help,
    elicit_swing,
    elicit_swing_help,
    elicit_pairwise,
    elicit_pairwise_help,
    elicit_ranking,
    elicit_ranking_help,
    elicit_single_item,
    elicit_edited_by_hand,
    elicit_apply_to,
    elicit_resulting,
    elicit_now,
    elicit_cr_undefined,
    elicit_cr_too_high,
    elicit_cr_ok,
    elicit_most_inconsistent,
    elicit_order_by_rating,
    elicit_order_by_rating_hover,
    elicit_pair_question,
    elicit_pair_label,
    elicit_weights_by,
    elicit_eigenvector,
    elicit_geometric_mean,
    elicit_drag,
    elicit_tied,
    elicit_rule,
    elicit_centroid,
    elicit_centroid_hover,
    elicit_rank_sum,
    elicit_reciprocal,
    // Ranking view.
    ranking_subtitle,
    ranking_in_numbers,
    ranking_badge,
    ranking_badge_column,
    ranking_badge_pending,
    ranking_badge_hover,
    ranking_caption_wsm,
    ranking_caption_wpm,
    ranking_caption_topsis,
    ranking_caption_promethee2,
    ranking_caption_vikor_v,
    ranking_caption_vikor,
    ranking_axis_wsm,
    ranking_axis_wpm,
    ranking_axis_topsis,
    ranking_axis_promethee2,
    ranking_axis_vikor,
    ranking_product,
    ranking_compromise_set,
    ranking_vikor_conditions,
    ranking_met,
    ranking_not_met,
    ranking_promethee1_none,
    ranking_promethee1_one,
    ranking_promethee1_many,
    // Robustness view (several to a line: the catalogue is long).
    robust_intro, robust_weights_label, robust_weights_exact, robust_weights_ranges,
    robust_weights_ordinal, robust_weights_none, robust_draws, robust_up_to_date, robust_updating,
    robust_cancelled, robust_run_again, robust_sensitivity_heading, robust_sweep_label,
    robust_family_item, robust_sweep_axis, robust_top_stable, robust_reversal,
    robust_current_weight, robust_sweep_words, robust_no_reversals, robust_reversals_heading,
    robust_reversal_item, robust_top_changes, robust_more, robust_tornado_heading,
    robust_tornado_note, robust_smaa_heading, robust_smaa_note, robust_acceptability_heading,
    robust_acceptability_note, robust_precision, robust_pairwise_heading, robust_pairwise_note,
    robust_central_heading, robust_central_note, robust_confidence,
    // Methods view.
    methods_heading,
    methods_intro,
    methods_tau_heading,
    methods_tau_help,
    methods_none_scored,
    methods_all_agree,
    methods_disagree,
    methods_column_hover,
    methods_spread,
    methods_spread_hover,
    // Options view.
    options_search,
    options_search_hint,
    options_clear_tags,
    options_tags,
    options_tag_on_hover,
    options_tag_off_hover,
    options_other,
    options_no_match,
    options_cost,
    options_cost_of_budget,
    options_units,
    options_cost_hover,
    options_principles_served,
    // Compare view.
    compare_options,
    compare_at_most,
    compare_spokes,
    compare_by_criterion,
    compare_by_family,
    compare_option_a,
    compare_reference_b,
    compare_tick_two,
    compare_legend,
    compare_radar_families,
    compare_radar_criteria,
    compare_radar_three,
    compare_rings,
    compare_gains_losses,
    compare_total,
    compare_per_item,
    compare_a_minus_b,
    compare_axis,
    compare_ahead,
    // Trade-off view.
    tradeoff_x,
    tradeoff_y,
    tradeoff_help,
    tradeoff_front_help,
    tradeoff_key_front,
    tradeoff_key_other,
    tradeoff_front,
    tradeoff_overall,
    tradeoff_family_axis,
    tradeoff_title_overall,
    tradeoff_title_criterion,
    tradeoff_title_family,
    tradeoff_out_of_date,
    // Matrix view.
    matrix_heading,
    matrix_add_option,
    matrix_add_option_hover,
    matrix_add_criterion,
    matrix_add_criterion_hover,
    matrix_sort_name_az,
    matrix_sort_name_za,
    matrix_sort_score_best,
    matrix_sort_score_worst,
    matrix_sort_criterion_best,
    matrix_sort_criterion_worst,
    matrix_sorted_by,
    matrix_scenario_order,
    matrix_help,
    matrix_scale,
    matrix_more_is_better,
    matrix_less_is_better,
    matrix_min_suffix,
    matrix_worse,
    matrix_better,
    matrix_legend_hover,
    matrix_legend_rest,
    matrix_option_hover,
    matrix_score_hover,
    matrix_sorted_high_first,
    matrix_sorted_low_first,
    matrix_criterion_hover,
    matrix_rename_menu,
    matrix_remove_menu,
    matrix_right_click,
    matrix_rank_of,
    matrix_not_scored,
    matrix_score_label,
    matrix_value_is,
    matrix_normalised,
    matrix_no_value,
    matrix_range,
    matrix_range_likely,
    matrix_basis_illustrative,
    matrix_basis_sourced,
    matrix_why,
    matrix_edit_hint,
    // Matrix dialogs.
    form_not_finite,
    form_decimal_comma,
    form_not_a_number,
    form_needed,
    form_give_name,
    add_option_heading,
    add_option_intro,
    add_option_name_hint,
    add_option_short_hint,
    add_cluster,
    add_none,
    add_source_document,
    add_paragraph,
    add_paragraph_hint,
    add_criterion_heading,
    add_criterion_intro,
    add_criterion_name_hint,
    add_short_hint,
    add_family,
    add_direction,
    add_more_is_better,
    add_less_is_better,
    add_scale,
    add_from,
    add_to,
    add_unit,
    add_unit_points,
    add_description,
    add_description_hint,
    add_scale_from,
    add_scale_to,
    rename_heading,
    rename_note,
    remove_heading,
    remove_option_values,
    remove_criterion_values,
    remove_undo_note,
    cell_title,
    cell_value,
    cell_missing,
    cell_empty_is_missing,
    cell_uncertainty,
    cell_none,
    cell_range,
    cell_triangular,
    cell_low,
    cell_likely,
    cell_high,
    cell_needed_for_spread,
    cell_basis,
    cell_illustrative,
    cell_illustrative_hover,
    cell_sourced,
    cell_sourced_hover,
    cell_rationale,
    cell_rationale_hint,
    cell_new_line,
    cell_source,
    cell_source_hint,
    cell_keys,
}

#[cfg(test)]
mod tests;
