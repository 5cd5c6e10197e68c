//! Perspectives view: every weight profile (a delegation, a stakeholder group, a participant)
//! side by side, for a facilitator looking for common ground and sticking points. The options
//! in every profile's top k, said in words; each profile's ranks ([`ranks`]); how alike the
//! rankings are, as a heat map of Kendall's τ-b ([`tau`]); each profile's weights ([`weights`]);
//! and what it would take to change each profile's winner ([`concessions`], worked out off the
//! UI thread by [`ConcessionJob`]).
//!
//! The ranks, τ and the clustering order are derived once per change (`Derived::perspectives`);
//! the common ground for the chosen k and the sorted rows once per change of k or sort.

mod concessions;
mod group;
mod ranks;
mod tau;
mod weights;

use egui::{RichText, Ui};

use crate::analysis::perspectives::{DEFAULT_TOP_K, Perspectives, common_ground};
use crate::app::perspectives_job::ConcessionJob;
use crate::app::{Command, Derived, labels, theme};
use crate::i18n::perspectives::t;
use crate::i18n::{self, fill};
use crate::scenario::model::Scenario;

/// How the options of the rank matrix are ordered.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Sort {
    /// As in the scenario.
    #[default]
    File,
    /// By the mean of the profiles' ranks, best first.
    MeanRank,
    /// By one profile's ranking (its id), best first.
    Profile(String),
}

/// View state: the chosen k and sort, what they give for the current revision, and the
/// concessions job.
pub struct PerspectivesState {
    pub top_k: usize,
    pub sort: Sort,
    pub job: ConcessionJob,
    cache: Option<Cache>,
    /// The "Make group profile…" dialog, while it is open.
    group: Option<group::GroupDialog>,
    /// Projection mode or the projector's window: no group dialog (an edit) there.
    pub presenting: bool,
}

impl Default for PerspectivesState {
    fn default() -> Self {
        Self {
            top_k: DEFAULT_TOP_K,
            sort: Sort::File,
            job: ConcessionJob::default(),
            cache: None,
            group: None,
            presenting: false,
        }
    }
}

/// The common ground and the row order for one revision, k and sort.
struct Cache {
    revision: u64,
    /// The revision of the options' names and the other data (not the weights): the option
    /// column's width is measured again only when it moves.
    data_revision: u64,
    k: usize,
    sort: Sort,
    /// Options in every profile's top k, in scenario order.
    ground: Vec<usize>,
    /// Each option's mean rank over the profiles.
    mean_rank: Vec<f64>,
    /// Options in the order of the rows.
    rows: Vec<usize>,
}

impl Cache {
    fn new(p: &Perspectives, revision: (u64, u64), k: usize, sort: &Sort) -> Self {
        let (revision, data_revision) = revision;
        let n = p.options.len();
        let profiles = p.ranks.len().max(1) as f64;
        let mean_rank: Vec<f64> = (0..n)
            .map(|i| p.ranks.iter().map(|r| r[i] as f64).sum::<f64>() / profiles)
            .collect();
        let mut rows: Vec<usize> = (0..n).collect();
        match sort {
            Sort::File => {}
            Sort::MeanRank => rows.sort_by(|&a, &b| mean_rank[a].total_cmp(&mean_rank[b])),
            // A stable sort: ties keep the scenario's order.
            Sort::Profile(id) => {
                if let Some(r) = p.profile_index(id).and_then(|k| p.ranks.get(k)) {
                    rows.sort_by_key(|&i| r[i]);
                }
            }
        }
        Self {
            revision,
            data_revision,
            k,
            sort: sort.clone(),
            ground: common_ground(&p.ranks, k),
            mean_rank,
            rows,
        }
    }
}

pub fn show(
    ui: &mut Ui,
    s: &Scenario,
    d: &Derived,
    state: &mut PerspectivesState,
    out: &mut Vec<Command>,
) {
    let tx = t();
    ui.heading(tx.view_perspectives);
    if s.profiles.len() < 2 {
        ui.add_space(6.0);
        ui.label(fill(tx.few_profiles, &[&s.profiles.len()]));
        ui.label(RichText::new(tx.few_profiles_how).weak());
        return;
    }
    let p = match d.perspectives(s) {
        Ok(p) => p,
        Err(e) => {
            ui.colored_label(theme::ERROR, fill(i18n::s().cannot_score, &[&e]));
            return;
        }
    };
    ui.label(
        RichText::new(fill(
            tx.intro,
            &[
                &p.profiles.len(),
                &labels::method_title(p.method),
                &labels::normalization_name(p.normalization),
            ],
        ))
        .weak(),
    );
    let n = p.options.len();
    state.top_k = state.top_k.clamp(1, n.max(1));
    if k_control(ui, n, &mut state.top_k, !state.presenting) {
        state.group = Some(group::GroupDialog::new(s));
    }
    if let Some(dialog) = state.group.as_mut().filter(|_| !state.presenting)
        && !group::show(ui, s, d.revision, dialog, out)
    {
        state.group = None;
    }
    let fresh = state
        .cache
        .as_ref()
        .is_some_and(|c| c.revision == d.revision && c.k == state.top_k && c.sort == state.sort);
    if !fresh {
        state.cache = Some(Cache::new(
            p,
            (d.revision, d.data_revision),
            state.top_k,
            &state.sort,
        ));
    }
    let Some(cache) = state.cache.as_ref() else {
        return;
    };
    ground_sentence(ui, s, cache);
    let mut sort = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            section(ui, tx.ranks_heading, tx.ranks_note);
            sort = ranks::matrix(ui, s, p, cache, &state.sort);
            ui.add_space(12.0);
            section(ui, tx.tau_heading, tx.tau_note);
            tau::heat_map(ui, s, p);
            ui.add_space(12.0);
            section(ui, tx.weights_heading, tx.weights_note);
            weights::bars(ui, s, p);
            ui.add_space(12.0);
            section(ui, tx.concessions_heading, tx.concessions_note);
            concessions::show(ui, s, p, d.revision, &mut state.job);
            ui.add_space(8.0);
        });
    if let Some(sort) = sort {
        state.sort = sort;
    }
}

/// A section's heading and a line on how to read it.
fn section(ui: &mut Ui, heading: &str, note: &str) {
    ui.label(
        RichText::new(heading)
            .strong()
            .size(ui.text_style_height(&egui::TextStyle::Heading) * 0.85),
    );
    ui.label(RichText::new(note).weak());
    ui.add_space(4.0);
}

/// The k of the common ground: − and + around the number; then, with `editing`, the group
/// profile's button (whether it was clicked).
fn k_control(ui: &mut Ui, n: usize, k: &mut usize, editing: bool) -> bool {
    let tx = t();
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(tx.top_k_label);
        if ui
            .add_enabled(*k > 1, egui::Button::new("−"))
            .on_hover_text(tx.top_k_fewer)
            .clicked()
        {
            *k -= 1;
        }
        ui.label(RichText::new(k.to_string()).strong().monospace());
        if ui
            .add_enabled(*k < n, egui::Button::new("+"))
            .on_hover_text(tx.top_k_more)
            .clicked()
        {
            *k += 1;
        }
        ui.label(tx.top_k_after);
        ui.add_space(16.0);
        editing
            && ui
                .button(tx.group_open)
                .on_hover_text(tx.group_open_hover)
                .clicked()
    })
    .inner
}

/// The options in every profile's top k, in words.
fn ground_sentence(ui: &mut Ui, s: &Scenario, cache: &Cache) {
    let tx = t();
    let names: Vec<String> = cache.ground.iter().map(|&i| option_label(s, i)).collect();
    let text = if names.is_empty() {
        fill(tx.common_ground_none, &[&cache.k])
    } else {
        let list = names.join(i18n::s().list_sep);
        // Short labels may end in an abbreviation's full stop.
        let end = if list.ends_with('.') {
            ""
        } else {
            i18n::s().full_stop
        };
        fill(tx.common_ground_some, &[&cache.k, &list]) + end
    };
    ui.label(RichText::new(text).strong());
    ui.add_space(6.0);
}

/// The profile's name in the current language, by index in the scenario.
fn profile_name(s: &Scenario, p: &Perspectives, k: usize) -> String {
    let lang = i18n::lang();
    s.profiles
        .get(k)
        .filter(|x| Some(&x.id) == p.profiles.get(k))
        .map_or_else(
            || p.profiles.get(k).cloned().unwrap_or_default(),
            |x| x.name_in(lang).to_string(),
        )
}

/// The option's short label in the current language, by index in the scenario.
fn option_label(s: &Scenario, i: usize) -> String {
    s.options
        .get(i)
        .map_or_else(String::new, |o| o.label_in(i18n::lang()).to_string())
}
