//! Projection in a second window: a facilitator drags it onto the projector while the laptop
//! keeps the whole workspace, and both stay live (a weight dragged on the laptop moves the
//! chart on the wall). The window shows the slim projection header and one view, in large
//! type and the high-contrast theme; its own keys change its view, the profile and the reveal,
//! and Escape closes it. While the room's join card is shown, it shows that instead.

use super::views::{self, View};
use super::{Command, Derived, projection, theme};
use crate::i18n;
use crate::scenario::model::Scenario;

/// The second window, while it is open.
#[derive(Clone, Copy, Debug)]
pub struct Projector {
    /// The view it shows, chosen independently of the laptop's.
    pub view: View,
}

/// The window's id among the app's viewports.
pub fn viewport_id() -> egui::ViewportId {
    egui::ViewportId::from_hash_of("tideline-projector")
}

/// Draws the projector window and returns what was asked in it. `close` is set when the window
/// is closed (its close button, or Escape).
pub fn show(
    ctx: &egui::Context,
    projector: &mut Projector,
    scenario: &Scenario,
    derived: &Derived,
    states: &mut views::ViewStates,
    room: &super::room::RoomState,
    close: &mut bool,
) -> Vec<Command> {
    let mut out = Vec::new();
    let builder = egui::ViewportBuilder::default()
        .with_title(format!("{} — Tideline", i18n::s().projector_window_title))
        .with_inner_size([1280.0, 720.0])
        .with_min_inner_size([640.0, 360.0]);
    ctx.show_viewport_immediate(viewport_id(), builder, |ui, _class| {
        if ui.ctx().input(|i| i.viewport().close_requested()) {
            *close = true;
        }
        // Large type and the high-contrast theme here only: the laptop's window keeps its own.
        let style = ui.style_mut();
        style.visuals = theme::projection_visuals();
        scale_text(style, projection::ZOOM);
        let mut asked = Vec::new();
        projection::keys(ui.ctx(), true, projector.view, &mut asked);
        for c in asked {
            match c {
                // Its own view, and Escape (leave projection) closes it.
                Command::ShowView(v) => projector.view = v,
                Command::Projection(false) => *close = true,
                Command::Reveal(r) => {
                    if r == projection::Reveal::Start {
                        projector.view = View::Ranking;
                    }
                    out.push(Command::Reveal(r));
                }
                other => out.push(other),
            }
        }
        projection::header(ui, scenario, projector.view);
        let presenting = std::mem::replace(&mut states.ranking.presenting, true);
        egui::CentralPanel::default().show(ui, |ui| {
            // Views only read here: edits belong to the laptop's window.
            let mut ignored = Vec::new();
            // The room's join card, while the laptop shows it to the room, shows here too.
            if !super::room_panel::card(ui, room, &mut out) {
                views::show(ui, projector.view, scenario, derived, states, &mut ignored);
            }
        });
        states.ranking.presenting = presenting;
    });
    out
}

/// Every text style and the spacing around widgets `factor` times larger.
fn scale_text(style: &mut egui::Style, factor: f32) {
    for font in style.text_styles.values_mut() {
        font.size *= factor;
    }
    style.spacing.item_spacing *= factor;
    style.spacing.button_padding *= factor;
    style.spacing.interact_size *= factor;
}
