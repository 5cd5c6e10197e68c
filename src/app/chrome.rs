//! The window's frame around the views: menus, top bar, view navigator, status line,
//! keyboard shortcuts, dropped files and the modal questions.

use crate::app::labels;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, ScrollArea, Ui};

use super::files::Export;
use super::{Answer, Command, Pending, TidelineApp, View, theme};
use crate::files::diagnostic::LoadError;
use crate::i18n::{self, Lang, fill, perspectives};
use crate::scenario::edit::Edit;
use crate::scenario::model::Method;

const fn shortcut(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

pub const OPEN: KeyboardShortcut = shortcut(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = shortcut(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut = shortcut(CTRL_SHIFT, Key::S);
pub const UNDO: KeyboardShortcut = shortcut(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut = shortcut(CTRL_SHIFT, Key::Z);
pub const REDO_ALT: KeyboardShortcut = shortcut(Modifiers::COMMAND, Key::Y);
pub const QUIT: KeyboardShortcut = shortcut(Modifiers::COMMAND, Key::Q);
pub const PICTURE: KeyboardShortcut = shortcut(CTRL_SHIFT, Key::P);

/// Ctrl+1 … Ctrl+9 select the views in navigator order.
pub(super) const VIEW_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Turns this frame's shortcuts into commands. Longer chords are checked first, since egui
/// lets Ctrl+Z match Ctrl+Shift+Z too.
pub fn shortcuts(ctx: &egui::Context, out: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        if i.consume_shortcut(&SAVE_AS) {
            out.push(Command::SaveAs);
        }
        if i.consume_shortcut(&SAVE) {
            out.push(Command::Save);
        }
        if i.consume_shortcut(&OPEN) {
            out.push(Command::Open);
        }
        if i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_ALT) {
            out.push(Command::Redo);
        }
        if i.consume_shortcut(&UNDO) {
            out.push(Command::Undo);
        }
        if i.consume_shortcut(&QUIT) {
            out.push(Command::Quit);
        }
        if i.consume_shortcut(&PICTURE) {
            out.push(Command::SavePicture);
        }
        // Before projection's own F5, which would also match Shift+F5.
        if i.consume_key(Modifiers::SHIFT, Key::F5) {
            out.push(Command::ToggleProjector);
        }
        for (view, key) in View::ALL.iter().zip(VIEW_KEYS) {
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, key)) {
                out.push(Command::ShowView(*view));
            }
        }
        // A slider drag (or a key held on a slider) ends when the pointer or key is released.
        if i.pointer.any_released()
            || i.events
                .iter()
                .any(|e| matches!(e, egui::Event::Key { pressed: false, .. }))
        {
            out.push(Command::EndGesture);
        }
    });
}

/// Files dropped on the window open like File › Open; several files, or a weights form,
/// are imported as participants' weights instead.
pub fn dropped_files(ctx: &egui::Context, out: &mut Vec<Command>) {
    let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    });
    let weights = dropped.len() > 1
        || dropped
            .first()
            .is_some_and(|p| crate::files::weights_form::is_form_file(p));
    if weights {
        out.push(Command::ImportWeightsFrom(dropped));
    } else if let Some(p) = dropped.into_iter().next() {
        out.push(Command::OpenPath(p));
    }
}

/// File › Export a weights form: with the active profile's weights, or empty.
fn weights_form_menu(ui: &mut Ui, app: &TidelineApp, out: &mut Vec<Command>) {
    let a = perspectives::t();
    ui.menu_button(a.menu_export_form, |ui| {
        let s = &app.scenario;
        let active = s
            .profiles
            .get(s.active_profile_index())
            .map_or("", |p| p.name_in(i18n::lang()));
        if ui
            .button(fill(a.menu_export_form_active, &[&active]))
            .on_hover_text(a.menu_export_form_hover)
            .clicked()
        {
            out.push(Command::Export(Export::WeightsFormActive));
        }
        if ui
            .button(a.menu_export_form_empty)
            .on_hover_text(a.menu_export_form_hover)
            .clicked()
        {
            out.push(Command::Export(Export::WeightsFormEmpty));
        }
    });
}

fn menu_item(ui: &mut Ui, text: &str, key: Option<&KeyboardShortcut>, enabled: bool) -> bool {
    let mut button = egui::Button::new(text);
    if let Some(k) = key {
        button = button.shortcut_text(ui.ctx().format_shortcut(k));
    }
    ui.add_enabled(enabled, button).clicked()
}

pub fn top_bar(ui: &mut Ui, app: &TidelineApp, out: &mut Vec<Command>) {
    let t = i18n::s();
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t.menu_file, |ui| {
                let et = crate::i18n::editors::t();
                if ui
                    .button(et.menu_new_scenario)
                    .on_hover_text(et.menu_new_scenario_hover)
                    .clicked()
                {
                    out.push(Command::NewScenario);
                }
                if menu_item(ui, t.menu_open, Some(&OPEN), true) {
                    out.push(Command::Open);
                }
                if menu_item(ui, t.menu_import_csv, None, true) {
                    out.push(Command::Open);
                }
                if ui
                    .button(perspectives::t().menu_import_weights)
                    .on_hover_text(perspectives::t().menu_import_weights_hover)
                    .clicked()
                {
                    out.push(Command::ImportWeights);
                }
                if menu_item(ui, t.menu_open_default, None, true) {
                    out.push(Command::OpenDefault);
                }
                ui.menu_button(t.menu_open_recent, |ui| {
                    if app.prefs.recent.is_empty() {
                        ui.label(RichText::new(t.menu_no_recent).weak());
                    }
                    for p in &app.prefs.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Command::OpenPath(p.clone()));
                        }
                    }
                });
                ui.separator();
                if menu_item(ui, t.save, Some(&SAVE), true) {
                    out.push(Command::Save);
                }
                if menu_item(ui, t.menu_save_as, Some(&SAVE_AS), true) {
                    out.push(Command::SaveAs);
                }
                ui.separator();
                // Straight in the File menu: a briefing is two clicks away.
                for (what, text) in [
                    (Export::BriefingHtml, t.menu_export_html),
                    (Export::BriefingMarkdown, t.menu_export_markdown),
                    (Export::MatrixCsv, t.menu_export_matrix),
                    (Export::ResultsCsv, t.menu_export_results),
                ] {
                    if menu_item(ui, text, None, true) {
                        out.push(Command::Export(what));
                    }
                }
                weights_form_menu(ui, app, out);
                if menu_item(ui, t.menu_picture, Some(&PICTURE), true) {
                    out.push(Command::SavePicture);
                }
                ui.separator();
                if menu_item(ui, t.menu_quit, Some(&QUIT), true) {
                    out.push(Command::Quit);
                }
            });
            ui.menu_button(t.menu_edit, |ui| {
                let undo = app
                    .history
                    .undo_label()
                    .map_or(t.menu_undo.to_string(), |l| fill(t.menu_undo_what, &[&l]));
                if menu_item(ui, &undo, Some(&UNDO), app.can_undo()) {
                    out.push(Command::Undo);
                }
                let redo = app
                    .history
                    .redo_label()
                    .map_or(t.menu_redo.to_string(), |l| fill(t.menu_redo_what, &[&l]));
                if menu_item(ui, &redo, Some(&REDO), app.can_redo()) {
                    out.push(Command::Redo);
                }
                ui.separator();
                if ui
                    .button(perspectives::t().menu_quick_entry)
                    .on_hover_text(perspectives::t().menu_quick_entry_hover)
                    .clicked()
                {
                    out.push(Command::QuickEntry);
                }
                let e = crate::i18n::editors::t();
                if ui
                    .button(e.menu_criteria)
                    .on_hover_text(e.menu_criteria_hover)
                    .clicked()
                {
                    out.push(Command::OpenEditor(super::EditorRequest::Criteria));
                }
                if ui
                    .button(e.menu_scenario)
                    .on_hover_text(e.menu_scenario_hover)
                    .clicked()
                {
                    out.push(Command::OpenEditor(super::EditorRequest::Scenario));
                }
                if ui
                    .button(e.menu_catalogues)
                    .on_hover_text(e.menu_catalogues_hover)
                    .clicked()
                {
                    out.push(Command::OpenEditor(super::EditorRequest::Catalogues));
                }
            });
            ui.menu_button(t.menu_view, |ui| {
                for (k, v) in View::ALL.iter().enumerate() {
                    let key = shortcut(Modifiers::COMMAND, VIEW_KEYS[k]);
                    if menu_item(ui, v.title(), Some(&key), *v != app.view) {
                        out.push(Command::ShowView(*v));
                    }
                }
                ui.separator();
                if ui
                    .add(egui::Button::new(t.menu_projection).shortcut_text("F5"))
                    .on_hover_text(t.menu_projection_hover)
                    .clicked()
                {
                    out.push(Command::Projection(true));
                }
                let mut second = app.projector.is_some();
                if ui
                    .checkbox(&mut second, t.menu_projector)
                    .on_hover_text(t.menu_projector_hover)
                    .clicked()
                {
                    out.push(Command::ToggleProjector);
                }
                let dark = app.prefs.dark_mode;
                if menu_item(
                    ui,
                    if dark {
                        t.menu_light_theme
                    } else {
                        t.menu_dark_theme
                    },
                    None,
                    true,
                ) {
                    out.push(Command::SetDarkMode(!dark));
                }
                // Each language in its own name, so anyone can find theirs.
                ui.menu_button(t.menu_language, |ui| {
                    for lang in Lang::ALL {
                        let on = lang == app.prefs.lang;
                        if ui.radio(on, lang.native_name()).clicked() && !on {
                            out.push(Command::SetLanguage(lang));
                        }
                    }
                });
            });
            super::room_panel::menu(ui, &app.room, out);
        });
    });
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(app.scenario.metadata.title_in(crate::i18n::lang()));
            if app.is_dirty() {
                ui.label(RichText::new(t.top_unsaved).color(theme::WARNING))
                    .on_hover_text(t.top_unsaved_hover);
            }
        });
        ui.horizontal(|ui| {
            let s = &app.scenario;
            let active = s.active_profile_index();
            let current = s
                .profiles
                .get(active)
                .map_or("", |p| p.name_in(crate::i18n::lang()));
            let label = ui.label(t.top_profile);
            egui::ComboBox::from_id_salt("profile")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (i, p) in s.profiles.iter().enumerate() {
                        let name = p.name_in(crate::i18n::lang());
                        let name = match super::room::mark(p) {
                            Some(mark) => format!("{name} — {mark}"),
                            None => name.to_string(),
                        };
                        if ui.selectable_label(i == active, name).clicked() && i != active {
                            out.push(Command::Edit(Edit::SetActiveProfile(p.id.clone())));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.separator();
            let method = s.settings.method;
            if let Some(m) = choice(
                ui,
                t.top_method,
                method,
                &Method::ALL,
                labels::method_title,
                labels::method_description,
            ) {
                out.push(Command::Edit(Edit::SetMethod(m)));
            }
            if method == Method::Vikor {
                let mut v = s.settings.vikor_v;
                let label = ui.label("v:");
                let r = ui
                    .add(
                        egui::DragValue::new(&mut v)
                            .range(0.0..=1.0)
                            .speed(0.01)
                            .fixed_decimals(2),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(t.top_vikor_v_hover);
                if r.changed() {
                    out.push(Command::Edit(Edit::SetVikorV(v)));
                }
            }
            // Only the normalisations the method works with are offered.
            let allowed = method.normalizations();
            ui.add_enabled_ui(allowed.len() > 1, |ui| {
                if let Some(n) = choice(
                    ui,
                    t.top_normalisation,
                    s.settings.normalization,
                    allowed,
                    labels::normalization_name,
                    labels::normalization_description,
                ) {
                    out.push(Command::Edit(Edit::SetNormalization(n)));
                }
            })
            .response
            .on_disabled_hover_text(fill(
                t.top_no_normalisation,
                &[&labels::method_title(method)],
            ));
            ui.separator();
            if ui
                .add_enabled(app.can_undo(), egui::Button::new(t.menu_undo))
                .on_hover_text(ui.ctx().format_shortcut(&UNDO))
                .clicked()
            {
                out.push(Command::Undo);
            }
            if ui
                .add_enabled(app.can_redo(), egui::Button::new(t.menu_redo))
                .on_hover_text(ui.ctx().format_shortcut(&REDO))
                .clicked()
            {
                out.push(Command::Redo);
            }
        });
    });
}

/// A labelled combo box over `items`; returns the item picked, if it differs from `current`.
fn choice<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    current: T,
    items: &[T],
    name: fn(T) -> &'static str,
    hover: fn(T) -> &'static str,
) -> Option<T> {
    let mut picked = None;
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(label.id)
        .selected_text(name(current))
        .show_ui(ui, |ui| {
            for &item in items {
                if ui
                    .selectable_label(item == current, name(item))
                    .on_hover_text(hover(item))
                    .clicked()
                    && item != current
                {
                    picked = Some(item);
                }
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(hover(current));
    picked
}

pub fn status_line(ui: &mut Ui, app: &TidelineApp) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(&app.source).weak());
            ui.separator();
            if app.status.is_empty() {
                let s = &app.scenario;
                ui.label(
                    RichText::new(fill(
                        i18n::s().status_summary,
                        &[&s.options.len(), &s.criteria.len(), &s.profiles.len()],
                    ))
                    .weak(),
                );
            } else {
                ui.label(&app.status);
            }
        });
    });
}

pub fn navigator(ui: &mut Ui, current: View, out: &mut Vec<Command>) {
    egui::Panel::left("navigator")
        .resizable(false)
        .exact_size(150.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            for (k, v) in View::ALL.iter().enumerate() {
                let key = shortcut(Modifiers::COMMAND, VIEW_KEYS[k]);
                let r = ui
                    .add_sized(
                        [ui.available_width(), 30.0],
                        egui::Button::selectable(*v == current, v.title()),
                    )
                    .on_hover_text(ui.ctx().format_shortcut(&key));
                if r.clicked() && *v != current {
                    out.push(Command::ShowView(*v));
                }
            }
        });
}

pub fn load_errors(ui: &mut Ui, errors: Option<&LoadError>, out: &mut Vec<Command>) {
    let Some(errors) = errors else { return };
    let t = i18n::s();
    egui::Window::new(t.load_errors_title)
        .default_width(780.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .collapsible(false)
        .show(ui.ctx(), |ui| {
            ui.label(t.load_errors_intro);
            ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                for d in &errors.diagnostics {
                    ui.label(RichText::new(d.to_string()).monospace().color(theme::ERROR));
                }
            });
            ui.add_space(6.0);
            if ui.button(t.dismiss).clicked() {
                out.push(Command::DismissLoadErrors);
            }
        });
}

/// "Save changes first?"; after a failed save it says why and offers another file.
pub fn unsaved_prompt(
    ui: &mut Ui,
    pending: Option<&Pending>,
    title: &str,
    error: Option<&str>,
) -> Option<Answer> {
    let pending = pending?;
    let t = i18n::s();
    let what = match pending {
        Pending::Quit => t.unsaved_before_closing,
        _ => t.unsaved_before_opening,
    };
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("unsaved_prompt")).show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        ui.heading(t.unsaved_heading);
        ui.label(fill(t.unsaved_body, &[&title, &what]));
        if let Some(e) = error {
            ui.add_space(6.0);
            ui.label(RichText::new(fill(t.unsaved_save_failed, &[&e])).color(theme::ERROR));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if error.is_some() {
                if ui.button(t.menu_save_as).clicked() {
                    answer = Some(Answer::SaveAs);
                }
            } else if ui.button(t.save).clicked() {
                answer = Some(Answer::Save);
            }
            if ui.button(t.dont_save).clicked() {
                answer = Some(Answer::Discard);
            }
            if ui.button(t.cancel).clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                answer = Some(Answer::Cancel);
            }
        });
    });
    answer
}

/// The user's answer to "restore unsaved work from last time?".
pub fn recovery_prompt(ui: &mut Ui, origin: Option<&str>) -> Option<bool> {
    let origin = origin?;
    let t = i18n::s();
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("recovery_prompt")).show(ui.ctx(), |ui| {
        ui.heading(t.recovery_heading);
        ui.label(fill(t.recovery_body, &[&origin]));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(t.restore).clicked() {
                answer = Some(true);
            }
            if ui.button(t.discard).clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}
