//! Edit › Criteria…: every criterion under its family, with what the editor sets (direction,
//! scale, value function, preference function) at a glance and a button to edit it.

use egui::{RichText, vec2};

use super::checks::number_text;
use super::preference::function_name;
use super::{Outcome, Request};
use crate::i18n::editors as e;
use crate::i18n::{self, fill};
use crate::scenario::model::{Criterion, Direction, Scenario};

pub(super) fn show(ctx: &egui::Context, s: &Scenario) -> Outcome {
    let (t, lang) = (e::t(), i18n::lang());
    let mut open = true;
    let mut outcome = Outcome::Keep;
    let escape = !ctx.egui_wants_keyboard_input()
        && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    egui::Window::new(t.list_title)
        .id(egui::Id::unique("criteria-list"))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + vec2(0.0, 60.0))
        .fixed_size(super::checks::size(ctx, vec2(720.0, 640.0)))
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(RichText::new(t.list_intro).weak());
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    // One grid for every family, so the columns line up down the list; a
                    // family's name heads its rows in the name column.
                    egui::Grid::new("criteria-list")
                        .num_columns(3)
                        .spacing([12.0, 4.0])
                        .show(ui, |ui| {
                            for f in &s.families {
                                ui.label("");
                                ui.label(RichText::new(f.name_in(lang)).strong());
                                ui.end_row();
                                for c in s.criteria.iter().filter(|c| c.family == f.id) {
                                    if ui
                                        .button(t.list_edit)
                                        .on_hover_text(fill(t.list_edit_hover, &[&c.name_in(lang)]))
                                        .clicked()
                                    {
                                        outcome = Outcome::Switch(Request::Criterion(c.id.clone()));
                                    }
                                    ui.label(c.name_in(lang));
                                    ui.label(RichText::new(facts(c)).weak());
                                    ui.end_row();
                                }
                            }
                        });
                });
        });
    if !open || escape {
        return Outcome::Close;
    }
    outcome
}

/// What the criterion editor sets, in a line: direction, scale, value function, preference.
fn facts(c: &Criterion) -> String {
    let t = e::t();
    let direction = match c.direction {
        Direction::Maximize => t.list_max,
        Direction::Minimize => t.list_min,
    };
    let unit = if c.scale.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", c.scale.unit)
    };
    let mut facts = vec![
        direction.to_string(),
        format!(
            "{}–{}{unit}",
            number_text(c.scale.min),
            number_text(c.scale.max)
        ),
    ];
    if let Some(vf) = &c.value_function {
        facts.push(fill(t.list_vf, &[&vf.points.len()]));
    }
    if let Some(o) = &c.outranking {
        facts.push(function_name(Some(o.function)).to_string());
    }
    facts.join(" · ")
}
