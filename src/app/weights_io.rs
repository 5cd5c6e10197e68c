//! Participants' weights in the window: importing weights forms and scenario files (one undo
//! step for the whole import, then a summary of what was added, replaced and refused), and
//! the quick-entry table, where every participant's points are typed in one grid.

use std::path::PathBuf;

use egui::{RichText, ScrollArea, Ui};

use super::{Command, TidelineApp, theme};
use crate::files::weights_form::import::{Summary, import_paths};
use crate::i18n::{self, fill, perspectives};
use crate::scenario::edit::Edit;
use crate::scenario::model::Scenario;

pub mod quick;

use quick::QuickEntry;

/// The state of the import summary and the quick-entry table.
#[derive(Default)]
pub struct WeightsIo {
    /// The summary of the last import, while it is shown.
    pub summary: Option<Summary>,
    /// The quick-entry table, while it is open.
    pub quick: Option<QuickEntry>,
}

impl TidelineApp {
    /// Imports participants' weights from `paths` (weights forms or scenario files): every
    /// profile that fits goes in as one undoable edit; the summary says what happened to each.
    pub fn import_weights(&mut self, paths: &[PathBuf]) {
        let import = import_paths(&self.scenario, paths);
        let taken = import.profiles.len();
        if taken > 0 {
            self.execute(Command::Edit(Edit::ImportProfiles(import.profiles)));
        }
        // Set after the edit, which clears the status line.
        if self.status.is_empty() || taken == 0 {
            self.status = fill(
                perspectives::t().status_imported,
                &[&taken, &import.summary.refused.len()],
            );
        }
        self.weights_io.summary = Some(import.summary);
    }

    /// The summary of the last weights import, while it is shown.
    pub fn import_summary(&self) -> Option<&Summary> {
        self.weights_io.summary.as_ref()
    }

    /// Opens the quick-entry table for the profiles as they stand.
    pub fn open_quick_entry(&mut self) {
        self.weights_io.quick = Some(QuickEntry::new(&self.scenario, false));
    }

    /// The quick-entry table, while it is open (tests).
    pub fn quick_entry(&mut self) -> Option<&mut QuickEntry> {
        self.weights_io.quick.as_mut()
    }
}

/// Draws the import summary and the quick-entry table, when open.
pub fn show(ui: &mut Ui, scenario: &Scenario, state: &mut WeightsIo, out: &mut Vec<Command>) {
    if let Some(summary) = &state.summary
        && summary_window(ui, scenario, summary)
    {
        state.summary = None;
    }
    if let Some(q) = &mut state.quick
        && quick_window(ui, scenario, q, out)
    {
        state.quick = None;
    }
}

/// The summary of an import; true once closed.
fn summary_window(ui: &mut Ui, scenario: &Scenario, summary: &Summary) -> bool {
    let a = perspectives::t();
    let mut close = false;
    let screen = ui.ctx().content_rect().size();
    egui::Modal::new(egui::Id::unique("weights_import_summary")).show(ui.ctx(), |ui| {
        ui.set_width((screen.x - 120.0).clamp(360.0, 900.0));
        ui.heading(a.summary_title);
        ui.label(fill(
            a.summary_counts,
            &[
                &summary.files,
                &summary.added.len(),
                &summary.replaced.len(),
                &summary.refused.len(),
                &summary.refused_files(),
            ],
        ));
        ui.add_space(4.0);
        ScrollArea::vertical()
            .max_height((screen.y - 260.0).clamp(120.0, 520.0))
            .show(ui, |ui| {
                for (title, list) in [
                    (a.summary_added, &summary.added),
                    (a.summary_replaced, &summary.replaced),
                ] {
                    if list.is_empty() {
                        continue;
                    }
                    ui.label(RichText::new(title).strong());
                    for m in list {
                        // The profile's name in the window's language, while it is there.
                        let name = scenario.profile_index(&m.id).map_or(m.name.as_str(), |i| {
                            scenario.profiles[i].name_in(i18n::lang())
                        });
                        ui.horizontal_wrapped(|ui| {
                            ui.label(format!("• {name} ({})", m.id));
                            ui.label(RichText::new(fill(a.summary_from, &[&m.from.file])).weak());
                        });
                    }
                    ui.add_space(4.0);
                }
                if !summary.refused.is_empty() {
                    ui.label(RichText::new(a.summary_refused).strong());
                    for d in &summary.refused {
                        ui.label(RichText::new(d.to_string()).monospace().color(theme::ERROR));
                    }
                }
            });
        ui.add_space(6.0);
        let taken = summary.added.len() + summary.replaced.len();
        ui.label(
            RichText::new(if taken > 0 {
                a.summary_undo_hint
            } else {
                a.summary_none_taken
            })
            .weak(),
        );
        ui.add_space(4.0);
        if ui.button(a.summary_close).clicked() {
            close = true;
        }
    });
    close
}

/// The quick-entry table; true once closed (applied or discarded).
fn quick_window(ui: &mut Ui, s: &Scenario, q: &mut QuickEntry, out: &mut Vec<Command>) -> bool {
    let a = perspectives::t();
    let lang = i18n::lang();
    let mut close = false;
    let screen = ui.ctx().content_rect().size();
    egui::Modal::new(egui::Id::unique("weights_quick_entry")).show(ui.ctx(), |ui| {
        ui.set_width((screen.x - 80.0).clamp(400.0, 1200.0));
        ui.heading(a.quick_title);
        ui.label(if q.by_criterion {
            a.quick_intro_criteria
        } else {
            a.quick_intro
        });
        let edited = q.is_edited();
        let mut by_criterion = q.by_criterion;
        let toggle = ui.add_enabled(
            !edited,
            egui::Checkbox::new(&mut by_criterion, a.quick_by_criterion),
        );
        let toggle = if edited {
            toggle.on_disabled_hover_text(a.quick_toggle_locked)
        } else {
            toggle.on_hover_text(a.quick_by_criterion_hover)
        };
        if toggle.changed() {
            *q = QuickEntry::new(s, by_criterion);
        }
        ui.add_space(4.0);
        let headers: Vec<(String, String)> = if q.by_criterion {
            s.criteria
                .iter()
                .map(|c| (c.label_in(lang).to_string(), c.name_in(lang).to_string()))
                .collect()
        } else {
            s.families
                .iter()
                .map(|f| {
                    (
                        f.name_in(lang).to_string(),
                        f.description_in(lang).to_string(),
                    )
                })
                .collect()
        };
        ScrollArea::both()
            .max_height((screen.y - 300.0).clamp(120.0, 560.0))
            .auto_shrink([false, true])
            .show(ui, |ui| {
                egui::Grid::new("quick_entry_grid")
                    .striped(true)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        ui.label(RichText::new(a.quick_participant).strong());
                        ui.label(RichText::new(a.quick_vote_weight).strong())
                            .on_hover_text(a.quick_vote_weight_hover);
                        for (label, hover) in &headers {
                            let r = ui.label(RichText::new(label).strong());
                            if !hover.is_empty() {
                                r.on_hover_text(hover);
                            }
                        }
                        ui.end_row();
                        for r in 0..q.rows.len() {
                            row_ui(ui, s, q, r);
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(4.0);
        if ui.button(a.quick_add_row).clicked() {
            q.add_row(s);
        }
        if !q.bad.is_empty() {
            ui.label(RichText::new(fill(a.quick_bad_cells, &[&q.bad.len()])).color(theme::ERROR));
        }
        if let Some(p) = &q.problem {
            ui.label(RichText::new(p).color(theme::ERROR));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(a.quick_apply).clicked() {
                close = apply(s, q, out);
            }
            if ui.button(a.quick_discard).clicked() {
                close = true;
            }
        });
    });
    close
}

/// One participant's row: name, vote weight, points.
fn row_ui(ui: &mut Ui, s: &Scenario, q: &mut QuickEntry, r: usize) {
    let a = perspectives::t();
    let lang = i18n::lang();
    let bad_name = q.bad_cell(r, None);
    let row = &mut q.rows[r];
    match row.profile.as_ref().and_then(|id| s.profile_index(id)) {
        Some(i) => {
            let label = ui.label(s.profiles[i].name_in(lang));
            if let Some(why) = bad_name {
                label.on_hover_text(RichText::new(why).color(theme::ERROR));
            }
        }
        None => {
            let edit = egui::TextEdit::singleline(&mut row.name)
                .hint_text(a.quick_new_name)
                .desired_width(160.0);
            let edit = if bad_name.is_some() {
                edit.background_color(theme::ERROR.gamma_multiply(0.35))
            } else {
                edit
            };
            let response = ui.add(edit).on_hover_text(a.quick_new_name);
            if let Some(why) = bad_name {
                response.on_hover_text(why);
            }
        }
    }
    let name = s
        .profiles
        .iter()
        .find(|p| Some(&p.id) == row.profile.as_ref())
        .map_or_else(
            || {
                if row.name.trim().is_empty() {
                    a.quick_new_name.to_string()
                } else {
                    row.name.clone()
                }
            },
            |p| p.name_in(lang).to_string(),
        );
    cell_ui(
        ui,
        &mut row.vote.text,
        q.bad
            .iter()
            .find(|b| b.row == r && b.column == Some(0))
            .map(|b| b.why),
        &format!("{name}: {}", a.quick_vote_weight),
        70.0,
    );
    let columns = row.cells.len();
    for k in 0..columns {
        let why = q
            .bad
            .iter()
            .find(|b| b.row == r && b.column == Some(k + 1))
            .map(|b| b.why);
        let column = if q.by_criterion {
            s.criteria.get(k).map_or("", |c| c.label_in(lang))
        } else {
            s.families.get(k).map_or("", |f| f.name_in(lang))
        };
        cell_ui(
            ui,
            &mut q.rows[r].cells[k].text,
            why,
            &format!("{name}: {column}"),
            64.0,
        );
    }
}

/// One text cell: red with the reason on hover when it was refused.
fn cell_ui(ui: &mut Ui, text: &mut String, bad: Option<&str>, label: &str, width: f32) {
    // A grid cell offers last frame's column width: the minimum keeps the cell from
    // shrinking to a narrow header.
    let mut edit = egui::TextEdit::singleline(text)
        .desired_width(width)
        .min_size(egui::vec2(width, 0.0))
        .align(egui::Align2::RIGHT_CENTER);
    if bad.is_some() {
        edit = edit
            .background_color(theme::ERROR.gamma_multiply(0.35))
            .text_color(theme::ERROR);
    }
    let r = ui.add(edit);
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
    if let Some(why) = bad {
        r.on_hover_text(why);
    }
}

/// Turns the changed rows into one edit; true when it went out (the table then closes).
fn apply(s: &Scenario, q: &mut QuickEntry, out: &mut Vec<Command>) -> bool {
    let a = perspectives::t();
    q.problem = None;
    match q.profiles(s) {
        Err(bad) => {
            q.bad = bad;
            false
        }
        Ok(profiles) if profiles.is_empty() => {
            q.bad.clear();
            q.problem = Some(a.quick_nothing_changed.to_string());
            false
        }
        Ok(profiles) => {
            q.bad.clear();
            // The same checks an import makes: nothing goes out that the edit would refuse.
            let plan = crate::scenario::merge::plan(s, profiles.into_iter().map(|p| ((), p)));
            if let Some((_, field, why)) = plan.refused.first() {
                q.problem = Some(fill(a.quick_refused, &[&format!("{field}: {why}")]));
                return false;
            }
            out.push(Command::Edit(Edit::ImportProfiles(plan.profiles)));
            true
        }
    }
}
