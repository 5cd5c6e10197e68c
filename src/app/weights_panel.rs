//! The weights panel, always visible on the right: a slider per family and per criterion as
//! percentages that sum to 100 %, locks, reset, and profile management. In projection it is
//! narrower, without the profile tools and locks, and W folds it away to a strip.

use crate::app::labels;
use std::collections::BTreeSet;

use egui::{RichText, ScrollArea, Ui};

mod slider;

use super::{Command, Derived};
use crate::i18n::{self, fill};
use crate::scenario::edit::Edit;
use crate::scenario::model::{Elicitation, ElicitationScope, Scenario, WeightProfile, unique_id};
use crate::scenario::weights::rounded_percents;

/// View state of the panel: which weights are locked, and the profile name being typed.
#[derive(Default)]
pub struct WeightsState {
    pub locked_families: BTreeSet<String>,
    pub locked_criteria: BTreeSet<String>,
    pub rename: Option<(String, String)>,
    /// The active profile as first seen, for "Reset".
    pub original: Vec<WeightProfile>,
    /// Folded away to a strip in projection mode (W).
    pub folded: bool,
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
    if presenting {
        // On the projector the view is the point: a narrow panel that W folds away to a
        // strip and brings back (the choice holds for the rest of the session).
        if super::projection::weights_key(ui.ctx()) {
            state.folded = !state.folded;
        }
        let before = state.folded;
        let mut open = !before;
        egui::Panel::show_switched(
            ui,
            &mut open,
            egui::Panel::right("weights_projection_folded")
                .resizable(false)
                .exact_size(36.0),
            egui::Panel::right("weights_projection")
                .default_size(270.0)
                .min_size(180.0),
            |ui, expanded| {
                if expanded {
                    panel(ui, s, derived, state, out, presenting);
                } else {
                    folded_strip(ui, state);
                }
            },
        );
        // Dragging the panel's edge past its narrowest also folds it (and back).
        if open == before {
            state.folded = !open;
        }
    } else {
        // About a third of the space beside the navigator, less on a small window, so the view keeps room to show
        // its chart; never more than about half, however it was dragged before.
        let width = ui.available_width();
        egui::Panel::right("weights")
            .default_size((width * 0.35).clamp(280.0, 400.0))
            .min_size(240.0)
            .max_size((width * 0.45).max(260.0))
            .show(ui, |ui| panel(ui, s, derived, state, out, presenting));
    }
    // Eliciting is editing, which projection leaves to the presenter's own screen: a dialog
    // left open waits until projection ends.
    if !presenting {
        super::elicit::show(ui.ctx(), s, derived, &mut state.elicit, out);
    }
}

/// The folded panel in projection: one button that brings the weights back.
fn folded_strip(ui: &mut Ui, state: &mut WeightsState) {
    ui.add_space(4.0);
    if fold_button(ui, "◀", i18n::s().weights_show).clicked() {
        state.folded = false;
    }
}

/// A small arrow button that folds or unfolds the panel, named for screen readers and tests.
fn fold_button(ui: &mut Ui, arrow: &str, name: &str) -> egui::Response {
    let r = ui.button(arrow).on_hover_text(name);
    ui.ctx()
        .accesskit_node_builder(r.id, |node| node.set_label(name));
    r
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
    ui.horizontal(|ui| {
        ui.heading(t.weights_heading);
        if presenting {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if fold_button(ui, "▶", t.weights_hide).clicked() {
                    state.folded = true;
                }
            });
        }
    });
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
    if let Some(mark) = super::room::mark(profile) {
        ui.label(RichText::new(mark).small().weak());
    }
    if !presenting && !profile.note.is_empty() {
        ui.label(RichText::new(profile.note_in(i18n::lang())).small().weak());
    }
    ui.separator();
    weight_rows(ui, s, derived, state, out, presenting);
}

/// The family and criterion weights: per family a heading row (lock, name, percentage) and a
/// slider across the panel, then a row per criterion (colour, lock, name, slider, percentage).
/// Percentages are rounded by largest remainder, so each level adds up to exactly 100.
///
/// On the projector the locks are left out (they are the presenter's tool, and a narrow panel
/// needs the room); locks set before still hold.
fn weight_rows(
    ui: &mut Ui,
    s: &Scenario,
    derived: &Derived,
    state: &mut WeightsState,
    out: &mut Vec<Command>,
    presenting: bool,
) {
    let t = i18n::s();
    let lang = i18n::lang();
    let (fam, crit) = (&derived.family_shares, &derived.criterion_shares);
    let fam_shown = shown_percents(fam);
    // Each criterion's overall weight, for its tooltip: also to add up to 100.
    let overall: Vec<f64> = s
        .criteria
        .iter()
        .zip(crit)
        .map(|(c, w)| {
            let f = s.families.iter().position(|f| f.id == c.family);
            w * f.and_then(|f| fam.get(f)).copied().unwrap_or(0.0)
        })
        .collect();
    let overall = rounded_percents(&overall, 1);
    let readout_w = readout_width(ui);
    ScrollArea::vertical().show(ui, |ui| {
        // Compact rows, so that every weight fits without scrolling on a 720-pixel screen.
        ui.spacing_mut().item_spacing.y = 2.0;
        for (f, family) in s.families.iter().enumerate() {
            ui.add_space(4.0);
            let family_name = family.name_in(lang);
            let mut pct = fam.get(f).copied().unwrap_or(0.0) * 100.0;
            let shown = fam_shown.get(f).cloned().unwrap_or_default();
            let locked = state.locked_families.contains(&family.id);
            let mut changed = false;
            let name = ui
                .horizontal(|ui| {
                    if !presenting {
                        lock_toggle(ui, &mut state.locked_families, &family.id, family_name);
                    }
                    name_cell(
                        ui,
                        ui.available_width(),
                        RichText::new(family_name).strong(),
                    )
                })
                .inner;
            ui.horizontal(|ui| {
                if !presenting {
                    // Past the lock, so the slider starts where the name does.
                    ui.add_space(ui.spacing().indent);
                }
                let width = ui.available_width() - readout_w - ui.spacing().item_spacing.x;
                ui.add_enabled_ui(!locked, |ui| {
                    changed |= slider::percent_slider(ui, &mut pct, width, family_name)
                        .on_hover_text(t.weights_slider_hover)
                        .changed();
                });
                changed |= readout(ui, &mut pct, &shown, locked, readout_w)
                    .labelled_by(name.id)
                    .changed();
            });
            if changed && !locked {
                out.push(Command::Edit(Edit::SetFamilyShare {
                    family: family.id.clone(),
                    share: pct / 100.0,
                    locked: state.locked_families.iter().cloned().collect(),
                }));
            }
            let members: Vec<usize> = (0..s.criteria.len())
                .filter(|&c| s.criteria[c].family == family.id)
                .collect();
            let local: Vec<f64> = members
                .iter()
                .map(|&c| crit.get(c).copied().unwrap_or(0.0))
                .collect();
            let local_shown = shown_percents(&local);
            for (k, &c) in members.iter().enumerate() {
                let criterion = &s.criteria[c];
                let mut pct = local[k] * 100.0;
                let shown = local_shown.get(k).cloned().unwrap_or_default();
                let locked = state.locked_criteria.contains(&criterion.id);
                let mut changed = false;
                ui.horizontal(|ui| {
                    ui.add_space(ui.spacing().indent);
                    // The criterion's colour in the charts, so the panel doubles as legend.
                    let (swatch, _) =
                        ui.allocate_exact_size(egui::vec2(9.0, 9.0), egui::Sense::hover());
                    ui.painter()
                        .rect_filled(swatch, 2.0, super::theme::criterion_colour(c));
                    if !presenting {
                        lock_toggle(
                            ui,
                            &mut state.locked_criteria,
                            &criterion.id,
                            criterion.name_in(lang),
                        );
                    }
                    let label = criterion.label_in(lang);
                    let rest = ui.available_width() - readout_w - 2.0 * ui.spacing().item_spacing.x;
                    // The name takes half of what is left, the slider the other half.
                    let name = name_cell(ui, rest / 2.0, RichText::new(label));
                    let hover = fill(
                        t.weights_criterion_hover,
                        &[
                            &criterion.name_in(lang),
                            &criterion.description_in(lang),
                            &format!("{:.1}", overall.get(c).copied().unwrap_or_default()),
                        ],
                    );
                    let name = name.on_hover_text(&hover);
                    ui.add_enabled_ui(!locked, |ui| {
                        changed |= slider::percent_slider(ui, &mut pct, rest / 2.0, label)
                            .on_hover_text(format!("{hover}\n\n{}", t.weights_slider_hover))
                            .changed();
                    });
                    changed |= readout(ui, &mut pct, &shown, locked, readout_w)
                        .labelled_by(name.id)
                        .changed();
                });
                if changed && !locked {
                    out.push(Command::Edit(Edit::SetCriterionShare {
                        criterion: criterion.id.clone(),
                        share: pct / 100.0,
                        locked: state.locked_criteria.iter().cloned().collect(),
                    }));
                }
            }
        }
    });
}

/// Percentages of `shares` that add up to exactly 100 (largest remainder), as text: whole
/// percent when that is exact, else with one decimal, so a fine adjustment shows.
fn shown_percents(shares: &[f64]) -> Vec<String> {
    let tenths = rounded_percents(shares, 1);
    if tenths.iter().all(|p| p.fract() == 0.0) {
        tenths.iter().map(|p| format!("{p:.0}")).collect()
    } else {
        tenths.iter().map(|p| format!("{p:.1}")).collect()
    }
}

/// A name in a cell `width` wide, cut short with "…" (and shown whole on hover) if longer.
fn name_cell(ui: &mut Ui, width: f32, text: RichText) -> egui::Response {
    let height = ui.spacing().interact_size.y;
    ui.allocate_ui_with_layout(
        egui::vec2(width.max(24.0), height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width.max(24.0));
            ui.add(egui::Label::new(text).truncate())
        },
    )
    .inner
}

/// The width of every readout: that of the widest text one can show, so that the readouts
/// line up in a column and a row never grows past the panel (which would widen it).
fn readout_width(ui: &Ui) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let text = ui.fonts_mut(|f| {
        f.layout_no_wrap("100.0 %".into(), font, egui::Color32::WHITE)
            .size()
            .x
    });
    text + 2.0 * ui.spacing().button_padding.x + 2.0
}

/// The percentage beside a slider, `shown` as rounded for the panel; click to type an exact
/// value, or drag it for steps of 0.1 %.
fn readout(ui: &mut Ui, pct: &mut f64, shown: &str, locked: bool, width: f32) -> egui::Response {
    let shown = shown.to_string();
    ui.add_enabled(
        !locked,
        egui::DragValue::new(pct)
            .range(0.0..=100.0)
            .speed(0.1)
            .suffix(" %")
            .custom_formatter(move |_, _| shown.clone())
            .custom_parser(|text| {
                text.trim()
                    .trim_end_matches('%')
                    .trim()
                    .replace(',', ".")
                    .parse::<f64>()
                    .ok()
            })
            .update_while_editing(false)
            .min_size(egui::vec2(width, 0.0)),
    )
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
                vote_weight: 1.0,
                family_weights: Default::default(),
                criterion_weights: Default::default(),
                weight_ranges: Vec::new(),
                elicited: Vec::new(),
                i18n: Default::default(),
                room: None,
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
        let e = crate::i18n::editors::t();
        if ui
            .button(e.profile_edit_button)
            .on_hover_text(e.profile_edit_hover)
            .clicked()
        {
            out.push(Command::OpenEditor(super::EditorRequest::Profile(
                profile.id.clone(),
            )));
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
                &[&labels::elicitation_name(profile.elicitation)],
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
