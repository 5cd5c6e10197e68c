//! The weights panel, always visible on the right: a slider per family and per criterion as
//! percentages that sum to 100 %, locks, reset, and profile management.

use std::collections::BTreeSet;

use egui::{RichText, ScrollArea, Ui};

use super::{Command, Derived};
use crate::edit::Edit;
use crate::i18n::{self, fill};
use crate::model::{Elicitation, ElicitationScope, Scenario, WeightProfile, unique_id};

/// View state of the panel: which weights are locked, and the profile name being typed.
#[derive(Default)]
pub struct WeightsState {
    pub locked_families: BTreeSet<String>,
    pub locked_criteria: BTreeSet<String>,
    pub rename: Option<(String, String)>,
    /// The active profile as first seen, for "Reset".
    pub original: Vec<WeightProfile>,
    /// The elicitation dialog, opened from the panel.
    pub elicit: super::elicit::ElicitState,
}

pub fn show(
    ui: &mut Ui,
    s: &Scenario,
    derived: &Derived,
    state: &mut WeightsState,
    out: &mut Vec<Command>,
    presenting: bool,
) {
    // Projection has its own, narrower panel (widths are remembered per panel).
    let (id, width) = if presenting {
        ("weights_projection", 300.0)
    } else {
        ("weights", 340.0)
    };
    egui::Panel::right(id)
        .default_size(width)
        .show(ui, |ui| panel(ui, s, derived, state, out, presenting));
    super::elicit::show(ui.ctx(), s, derived, &mut state.elicit, out);
}

fn panel(
    ui: &mut Ui,
    s: &Scenario,
    derived: &Derived,
    state: &mut WeightsState,
    out: &mut Vec<Command>,
    presenting: bool,
) {
    let t = i18n::s();
    let lang = i18n::lang();
    ui.heading(t.weights_heading);
    let Some(profile) = s.profiles.get(s.active_profile_index()) else {
        ui.label(t.weights_no_profile);
        return;
    };
    if !state.original.iter().any(|p| p.id == profile.id) {
        state.original.push(profile.clone());
    }
    // On a projector the weights stay for live scoring; managing profiles does not.
    if !presenting {
        profile_tools(ui, s, profile, state, out);
    }
    if !presenting && !profile.note.is_empty() {
        ui.label(
            RichText::new(profile.note_in(crate::i18n::lang()))
                .small()
                .weak(),
        );
    }
    ui.separator();
    let (fam, crit) = (&derived.family_shares, &derived.criterion_shares);
    ScrollArea::vertical().show(ui, |ui| {
        for (f, family) in s.families.iter().enumerate() {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let family_name = family.name_in(lang);
                lock_toggle(ui, &mut state.locked_families, &family.id, family_name);
                let mut pct = fam.get(f).copied().unwrap_or(0.0) * 100.0;
                let r = ui.add(
                    egui::Slider::new(&mut pct, 0.0..=100.0)
                        .text(RichText::new(family_name).strong())
                        .suffix(" %")
                        .fixed_decimals(0)
                        .clamping(egui::SliderClamping::Edits),
                );
                if r.changed() && !state.locked_families.contains(&family.id) {
                    out.push(Command::Edit(Edit::SetFamilyShare {
                        family: family.id.clone(),
                        share: pct / 100.0,
                        locked: state.locked_families.iter().cloned().collect(),
                    }));
                }
            });
            ui.indent(("family", f), |ui| {
                for (c, criterion) in s.criteria.iter().enumerate() {
                    if criterion.family != family.id {
                        continue;
                    }
                    ui.horizontal(|ui| {
                        // The criterion's colour in the charts, so the panel doubles as legend.
                        let (swatch, _) =
                            ui.allocate_exact_size(egui::vec2(9.0, 9.0), egui::Sense::hover());
                        ui.painter()
                            .rect_filled(swatch, 2.0, super::theme::criterion_colour(c));
                        lock_toggle(
                            ui,
                            &mut state.locked_criteria,
                            &criterion.id,
                            criterion.name_in(lang),
                        );
                        let mut pct = crit.get(c).copied().unwrap_or(0.0) * 100.0;
                        let r = ui
                            .add(
                                egui::Slider::new(&mut pct, 0.0..=100.0)
                                    .text(criterion.label_in(lang))
                                    .suffix(" %")
                                    .fixed_decimals(0)
                                    .clamping(egui::SliderClamping::Edits),
                            )
                            .on_hover_text(fill(
                                t.weights_criterion_hover,
                                &[
                                    &criterion.name_in(lang),
                                    &criterion.description_in(lang),
                                    &format!(
                                        "{:.1}",
                                        fam.get(f).copied().unwrap_or(0.0)
                                            * crit.get(c).copied().unwrap_or(0.0)
                                            * 100.0
                                    ),
                                ],
                            ));
                        if r.changed() && !state.locked_criteria.contains(&criterion.id) {
                            out.push(Command::Edit(Edit::SetCriterionShare {
                                criterion: criterion.id.clone(),
                                share: pct / 100.0,
                                locked: state.locked_criteria.iter().cloned().collect(),
                            }));
                        }
                    });
                }
            });
        }
    });
}

/// A small toggle that locks one weight.
fn lock_toggle(ui: &mut Ui, locked: &mut BTreeSet<String>, id: &str, name: &str) {
    let is = locked.contains(id);
    let t = i18n::s();
    let text = if is { "🔒" } else { "🔓" };
    let r = ui
        .add(egui::Button::selectable(is, text).small())
        .on_hover_text(if is {
            fill(t.weights_locked_hover, &[&name])
        } else {
            fill(t.weights_unlocked_hover, &[&name])
        });
    // The glyph says nothing to a screen reader or a test: name the toggle and its state.
    ui.ctx().accesskit_node_builder(r.id, |node| {
        node.set_label(fill(t.weights_lock, &[&name]));
        node.set_toggled(if is {
            egui::accesskit::Toggled::True
        } else {
            egui::accesskit::Toggled::False
        });
    });
    if r.clicked() {
        if is {
            locked.remove(id);
        } else {
            locked.insert(id.to_string());
        }
    }
}

fn profile_tools(
    ui: &mut Ui,
    s: &Scenario,
    profile: &WeightProfile,
    state: &mut WeightsState,
    out: &mut Vec<Command>,
) {
    let t = i18n::s();
    ui.horizontal_wrapped(|ui| {
        let original = state.original.iter().find(|p| p.id == profile.id);
        let changed = original.is_some_and(|o| o != profile);
        if ui
            .add_enabled(changed, egui::Button::new(t.weights_reset))
            .on_hover_text(t.weights_reset_hover)
            .clicked()
            && let Some(o) = original
        {
            out.push(Command::Edit(Edit::ReplaceProfile(Box::new(o.clone()))));
        }
        if ui
            .button(t.weights_new)
            .on_hover_text(t.weights_new_hover)
            .clicked()
        {
            let id = unique_id("profile", |id| s.profile_index(id).is_some());
            out.push(Command::Edit(Edit::AddProfile(Box::new(WeightProfile {
                id: id.clone(),
                name: fill(t.weights_new_profile_name, &[&(s.profiles.len() + 1)]),
                author: String::new(),
                note: String::new(),
                provenance: None,
                elicitation: Default::default(),
                family_weights: Default::default(),
                criterion_weights: Default::default(),
                weight_ranges: Vec::new(),
                elicited: Vec::new(),
                i18n: Default::default(),
            }))));
            out.push(Command::Edit(Edit::SetActiveProfile(id)));
        }
        if ui.button(t.weights_duplicate).clicked() {
            let id = unique_id(&format!("{}-copy", profile.id), |id| {
                s.profile_index(id).is_some()
            });
            let mut copy = profile.clone();
            copy.id = id.clone();
            copy.name = fill(t.weights_copy_name, &[&profile.name]);
            out.push(Command::Edit(Edit::AddProfile(Box::new(copy))));
            out.push(Command::Edit(Edit::SetActiveProfile(id)));
        }
        if ui.button(t.rename).clicked() {
            state.rename = Some((profile.id.clone(), profile.name.clone()));
        }
        if ui
            .add_enabled(s.profiles.len() > 1, egui::Button::new(t.delete))
            .clicked()
        {
            out.push(Command::Edit(Edit::DeleteProfile(profile.id.clone())));
        }
        if ui
            .button(t.weights_elicit)
            .on_hover_text(t.weights_elicit_hover)
            .clicked()
        {
            state.elicit.open_on(ElicitationScope::Families);
        }
    });
    if profile.elicitation != Elicitation::Direct {
        ui.label(
            RichText::new(fill(
                t.weights_elicited_by,
                &[&i18n::elicitation_name(profile.elicitation)],
            ))
            .small()
            .weak(),
        );
    }
    if let Some((id, name)) = &mut state.rename {
        let mut done = false;
        ui.horizontal(|ui| {
            let r = ui.add(egui::TextEdit::singleline(name).desired_width(180.0));
            r.request_focus();
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(t.ok).clicked() || enter {
                if !name.trim().is_empty() {
                    out.push(Command::Edit(Edit::RenameProfile {
                        id: id.clone(),
                        name: name.trim().to_string(),
                    }));
                }
                done = true;
            }
            if ui.button(t.cancel).clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                done = true;
            }
        });
        if done {
            state.rename = None;
        }
    }
}
