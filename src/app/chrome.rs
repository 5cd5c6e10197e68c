//! The window's frame around the views: menus, top bar, view navigator, status line,
//! keyboard shortcuts, dropped files and the modal questions.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, ScrollArea, Ui};

use super::files::Export;
use super::{Command, Pending, TidelineApp, View, theme};
use crate::diagnostic::LoadError;
use crate::edit::Edit;
use crate::model::{Method, Normalization};

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
const VIEW_KEYS: [Key; 9] = [
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

/// Files dropped on the window open like File › Open.
pub fn dropped_files(ctx: &egui::Context, out: &mut Vec<Command>) {
    let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    });
    if let Some(p) = dropped.into_iter().next() {
        out.push(Command::OpenPath(p));
    }
}

fn menu_item(ui: &mut Ui, text: &str, key: Option<&KeyboardShortcut>, enabled: bool) -> bool {
    let mut button = egui::Button::new(text);
    if let Some(k) = key {
        button = button.shortcut_text(ui.ctx().format_shortcut(k));
    }
    ui.add_enabled(enabled, button).clicked()
}

pub fn top_bar(ui: &mut Ui, app: &TidelineApp, out: &mut Vec<Command>) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if menu_item(ui, "Open…", Some(&OPEN), true) {
                    out.push(Command::Open);
                }
                if menu_item(ui, "Import a CSV matrix…", None, true) {
                    out.push(Command::Open);
                }
                if menu_item(ui, "Open the built-in UNEP scenario", None, true) {
                    out.push(Command::OpenDefault);
                }
                ui.menu_button("Open recent", |ui| {
                    if app.prefs.recent.is_empty() {
                        ui.label(RichText::new("No recent files").weak());
                    }
                    for p in &app.prefs.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Command::OpenPath(p.clone()));
                        }
                    }
                });
                ui.separator();
                if menu_item(ui, "Save", Some(&SAVE), true) {
                    out.push(Command::Save);
                }
                if menu_item(ui, "Save as…", Some(&SAVE_AS), true) {
                    out.push(Command::SaveAs);
                }
                ui.separator();
                ui.menu_button("Export", |ui| {
                    for (what, text) in [
                        (Export::BriefingHtml, "Briefing (HTML)…"),
                        (Export::BriefingMarkdown, "Briefing (Markdown)…"),
                        (Export::MatrixCsv, "Matrix as CSV…"),
                        (Export::ResultsCsv, "Results as CSV…"),
                    ] {
                        if menu_item(ui, text, None, true) {
                            out.push(Command::Export(what));
                        }
                    }
                });
                if menu_item(ui, "Save a picture of this view…", Some(&PICTURE), true) {
                    out.push(Command::SavePicture);
                }
                ui.separator();
                if menu_item(ui, "Quit", Some(&QUIT), true) {
                    out.push(Command::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = app
                    .history
                    .undo_label()
                    .map_or("Undo".to_string(), |l| format!("Undo {l}"));
                if menu_item(ui, &undo, Some(&UNDO), app.can_undo()) {
                    out.push(Command::Undo);
                }
                let redo = app
                    .history
                    .redo_label()
                    .map_or("Redo".to_string(), |l| format!("Redo {l}"));
                if menu_item(ui, &redo, Some(&REDO), app.can_redo()) {
                    out.push(Command::Redo);
                }
            });
            ui.menu_button("View", |ui| {
                for (k, v) in View::ALL.iter().enumerate() {
                    let key = shortcut(Modifiers::COMMAND, VIEW_KEYS[k]);
                    if menu_item(ui, v.title(), Some(&key), *v != app.view) {
                        out.push(Command::ShowView(*v));
                    }
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Projection mode").shortcut_text("F5"))
                    .on_hover_text("Full screen, large type, high contrast; Esc leaves")
                    .clicked()
                {
                    out.push(Command::Projection(true));
                }
                let dark = app.prefs.dark_mode;
                if menu_item(
                    ui,
                    if dark { "Light theme" } else { "Dark theme" },
                    None,
                    true,
                ) {
                    out.push(Command::SetDarkMode(!dark));
                }
            });
        });
    });
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(&app.scenario.metadata.title);
            if app.is_dirty() {
                ui.label(RichText::new("• unsaved").color(theme::WARNING))
                    .on_hover_text("The scenario has changes that are not saved.");
            }
        });
        ui.horizontal(|ui| {
            let s = &app.scenario;
            let active = s.active_profile_index();
            let current = s.profiles.get(active).map_or("", |p| p.name.as_str());
            let label = ui.label("Profile:");
            egui::ComboBox::from_id_salt("profile")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (i, p) in s.profiles.iter().enumerate() {
                        if ui.selectable_label(i == active, &p.name).clicked() && i != active {
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
                "Method:",
                method,
                &Method::ALL,
                Method::title,
                Method::description,
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
                    .on_hover_text(
                        "VIKOR's weight of group utility (S) against the worst regret (R): 1 = majority rule, 0 = veto, 0.5 = consensus",
                    );
                if r.changed() {
                    out.push(Command::Edit(Edit::SetVikorV(v)));
                }
            }
            // Only the normalisations the method works with are offered.
            let allowed = method.normalizations();
            ui.add_enabled_ui(allowed.len() > 1, |ui| {
                if let Some(n) = choice(
                    ui,
                    "Normalisation:",
                    s.settings.normalization,
                    allowed,
                    Normalization::keyword,
                    Normalization::description,
                ) {
                    out.push(Command::Edit(Edit::SetNormalization(n)));
                }
            })
            .response
            .on_disabled_hover_text(format!(
                "{} works on the criteria's own values, without normalisation.",
                method.title()
            ));
            ui.separator();
            if ui
                .add_enabled(app.can_undo(), egui::Button::new("Undo"))
                .on_hover_text(ui.ctx().format_shortcut(&UNDO))
                .clicked()
            {
                out.push(Command::Undo);
            }
            if ui
                .add_enabled(app.can_redo(), egui::Button::new("Redo"))
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
                    RichText::new(format!(
                        "{} options · {} criteria · {} profiles · scores are illustrative judgements unless marked sourced",
                        s.options.len(),
                        s.criteria.len(),
                        s.profiles.len()
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
    egui::Window::new("The file could not be opened")
        .default_width(780.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .collapsible(false)
        .show(ui.ctx(), |ui| {
            ui.label("The open scenario is unchanged. Problems found:");
            ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                for d in &errors.diagnostics {
                    ui.label(RichText::new(d.to_string()).monospace().color(theme::ERROR));
                }
            });
            ui.add_space(6.0);
            if ui.button("Dismiss").clicked() {
                out.push(Command::DismissLoadErrors);
            }
        });
}

/// The user's answer to "save changes first?".
pub enum Answer {
    Save,
    Discard,
    Cancel,
}

pub fn unsaved_prompt(ui: &mut Ui, pending: Option<&Pending>, title: &str) -> Option<Answer> {
    let pending = pending?;
    let what = match pending {
        Pending::Quit => "before closing",
        _ => "before opening another scenario",
    };
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("unsaved_prompt")).show(ui.ctx(), |ui| {
        ui.heading("Save changes?");
        ui.label(format!("{title} has unsaved changes. Save them {what}?"));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                answer = Some(Answer::Save);
            }
            if ui.button("Don't save").clicked() {
                answer = Some(Answer::Discard);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                answer = Some(Answer::Cancel);
            }
        });
    });
    answer
}

/// The user's answer to "restore unsaved work from last time?".
pub fn recovery_prompt(ui: &mut Ui, origin: Option<&str>) -> Option<bool> {
    let origin = origin?;
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("recovery_prompt")).show(ui.ctx(), |ui| {
        ui.heading("Restore unsaved work?");
        ui.label(format!(
            "Tideline closed with unsaved changes to {origin}. Restore them?"
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                answer = Some(true);
            }
            if ui.button("Discard").clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}
