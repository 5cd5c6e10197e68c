//! Projection mode (F5 to enter, Esc to leave): full screen, large type, a high-contrast theme,
//! the editing chrome hidden and the weights panel kept for live scoring. Keys move between
//! views and profiles, and "reveal" shows the ranking one option at a time, from the bottom up.

use egui::{Key, RichText, Ui};

use super::views::View;
use super::{Command, theme};
use crate::i18n::{self, fill};
use crate::scenario::model::Scenario;

/// How much larger everything is drawn on the projector.
pub const ZOOM: f32 = 1.5;

/// A step of the reveal: how many options of the ranking are shown, counted from the bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reveal {
    /// Start revealing: hide every option.
    Start,
    /// Show one more option.
    More,
    /// Hide the last one shown.
    Less,
    /// Show everything again.
    Stop,
}

/// Projection mode is on. Leaving always returns to zoom 1 (see `TidelineApp::apply_look`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Projection;

/// Turns projection keys into commands. Arrows and number keys are left to a focused widget
/// (a slider moves with arrows) and to text fields; Escape is left to an open list or dialog.
pub fn keys(ctx: &egui::Context, on: bool, view: View, out: &mut Vec<Command>) {
    let typing = ctx.egui_wants_keyboard_input();
    let focused = ctx.memory(|m| m.focused().is_some());
    let popup = egui::Popup::is_any_open(ctx);
    ctx.input_mut(|i| {
        if i.consume_key(egui::Modifiers::NONE, Key::F5) {
            out.push(Command::Projection(!on));
        }
        if !on {
            return;
        }
        if !popup && !focused && i.consume_key(egui::Modifiers::NONE, Key::Escape) {
            out.push(Command::Projection(false));
        }
        if typing {
            return;
        }
        let k = View::ALL.iter().position(|v| *v == view).unwrap_or(0);
        let n = View::ALL.len();
        if !focused {
            if i.consume_key(egui::Modifiers::NONE, Key::ArrowRight) {
                out.push(Command::ShowView(View::ALL[(k + 1) % n]));
            }
            if i.consume_key(egui::Modifiers::NONE, Key::ArrowLeft) {
                out.push(Command::ShowView(View::ALL[(k + n - 1) % n]));
            }
        }
        // The same number keys as Ctrl+1… outside projection, without Ctrl.
        for (view, key) in View::ALL.iter().zip(super::chrome::VIEW_KEYS) {
            if i.consume_key(egui::Modifiers::NONE, key) {
                out.push(Command::ShowView(*view));
            }
        }
        if i.consume_key(egui::Modifiers::NONE, Key::PageDown) {
            out.push(Command::StepProfile(1));
        }
        if i.consume_key(egui::Modifiers::NONE, Key::PageUp) {
            out.push(Command::StepProfile(-1));
        }
        if i.consume_key(egui::Modifiers::NONE, Key::R) {
            out.push(Command::Reveal(Reveal::Start));
        }
        if !focused {
            if i.consume_key(egui::Modifiers::NONE, Key::Space)
                || i.consume_key(egui::Modifiers::NONE, Key::ArrowDown)
            {
                out.push(Command::Reveal(Reveal::More));
            }
            if i.consume_key(egui::Modifiers::NONE, Key::Backspace)
                || i.consume_key(egui::Modifiers::NONE, Key::ArrowUp)
            {
                out.push(Command::Reveal(Reveal::Less));
            }
        }
        if i.consume_key(egui::Modifiers::NONE, Key::A) {
            out.push(Command::Reveal(Reveal::Stop));
        }
    });
}

/// Whether W was pressed to fold or unfold the weights panel (in projection, not while typing).
pub fn weights_key(ctx: &egui::Context) -> bool {
    !ctx.egui_wants_keyboard_input()
        && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::W))
}

/// The slim header that replaces menus and toolbars: title, views, profile, and the keys.
pub fn header(ui: &mut Ui, s: &Scenario, view: View) {
    egui::Panel::top("projection_header").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.heading(RichText::new(s.metadata.title_in(crate::i18n::lang())).strong());
            ui.separator();
            let profile = s
                .profiles
                .get(s.active_profile_index())
                .map_or("", |p| p.name_in(crate::i18n::lang()));
            ui.label(RichText::new(fill(i18n::s().profile_is, &[&profile])).strong());
        });
        ui.horizontal_wrapped(|ui| {
            for (k, v) in View::ALL.iter().enumerate() {
                let text = RichText::new(format!("{} {}", k + 1, v.title()));
                ui.label(if *v == view {
                    text.strong().background_color(theme::PROJECTION_ACCENT)
                } else {
                    text
                });
            }
            ui.separator();
            ui.label(RichText::new(i18n::s().projection_keys).small());
        });
        ui.add_space(4.0);
    });
}
