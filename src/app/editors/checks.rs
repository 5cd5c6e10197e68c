//! What the editors share: the window frame (fields that scroll, the error line and buttons
//! that do not), typed numbers, and the check of an edit against the scenario with its refusal
//! put in the interface language.

use egui::{Id, Key, RichText, Ui};

pub(super) use super::fields::{entered, parse_number};
use crate::app::theme;
use crate::i18n::editors as e;
use crate::i18n::{self, fill};
use crate::scenario::edit::{self, Edit};
use crate::scenario::model::Scenario;
use crate::scenario::validate::MAX_DRAWS;

/// What the user pressed at the foot of an editor this frame.
#[derive(Default)]
pub(super) struct Pressed {
    /// Apply and close.
    pub ok: bool,
    /// Apply and keep the editor open.
    pub apply: bool,
    /// Cancel, Escape or the window's close button.
    pub close: bool,
}

/// The editor's size: as large as `want`, within the window with a margin; what does not fit
/// scrolls inside.
pub(super) fn size(ctx: &egui::Context, want: egui::Vec2) -> egui::Vec2 {
    let screen = ctx.content_rect().size();
    egui::vec2(
        want.x.min(screen.x - 40.0).max(300.0),
        want.y.min(screen.y - 110.0).max(240.0),
    )
}

/// An editor window: `body` in a scrolling area above a fixed foot with the error line and the
/// OK / Apply / Cancel buttons.
pub(super) fn window(
    ctx: &egui::Context,
    salt: &str,
    title: &str,
    want: egui::Vec2,
    error: Option<&String>,
    body: impl FnOnce(&mut Ui),
) -> Pressed {
    // Escape closes the editor, unless it is meant for an open list or a field being typed in.
    let escape = !egui::Popup::is_any_open(ctx)
        && !ctx.egui_wants_keyboard_input()
        && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape));
    let mut pressed = Pressed::default();
    let mut open = true;
    egui::Window::new(title)
        .id(Id::unique(salt))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 60.0))
        .fixed_size(size(ctx, want))
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Panel::bottom(Id::unique((salt, "foot")))
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    ui.add_space(4.0);
                    if let Some(why) = error {
                        ui.colored_label(theme::ERROR, why);
                    }
                    ui.horizontal(|ui| {
                        let (t, et) = (i18n::s(), e::t());
                        pressed.ok = ui.button(et.ok).clicked();
                        pressed.apply = ui.button(t.apply).clicked();
                        pressed.close = ui.button(t.cancel).clicked();
                        ui.label(RichText::new(et.keys).small().weak());
                    });
                });
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, body);
        });
    pressed.close |= !open || escape;
    pressed
}

/// A number that must be given.
pub(super) fn need_number(text: &str, what: &str) -> Result<f64, String> {
    parse_number(text, what)?.ok_or_else(|| fill(i18n::s().form_needed, &[&what]))
}

/// How a number is shown in a field: as short as gives it back exactly.
pub(super) fn number_text(x: f64) -> String {
    format!("{x}")
}

/// `x` rounded to a multiple of `step` (a power of ten), so a dragged point reads well.
pub(super) fn snap(x: f64, step: f64) -> f64 {
    if step > 0.0 && step.is_finite() {
        let r = (x / step).round() * step;
        // Printing at the step's precision drops the binary residue (0.30000000000000004).
        let places = (-step.log10()).ceil().clamp(0.0, 12.0) as usize;
        format!("{r:.places$}").parse().unwrap_or(r)
    } else {
        x
    }
}

/// A power of ten about a thousandth of `span`: the precision of a dragged value.
pub(super) fn step_for(span: f64) -> f64 {
    if span > 0.0 && span.is_finite() {
        10f64.powf((span / 1000.0).log10().floor())
    } else {
        0.001
    }
}

/// Checks `edits`, applied one after the other to a copy of the scenario: the edits to send,
/// or why they are refused in the interface language.
pub(super) fn checked(s: &Scenario, edits: Vec<Edit>) -> Result<Vec<Edit>, String> {
    let mut copy = s.clone();
    for e in &edits {
        edit::apply_mut(&mut copy, e).map_err(|why| refusal(&why))?;
    }
    Ok(edits)
}

/// A refusal ("field: message" from validation) in the interface language: the problems an
/// editor can cause are said in its words; anything else keeps validation's (English) text.
pub(super) fn refusal(why: &str) -> String {
    let (field, message) = why.split_once(": ").unwrap_or(("", why));
    let said = explain(field, message).unwrap_or_else(|| message.to_string());
    fill(i18n::s().not_changed, &[&said])
}

/// The words for a problem the editors can cause, found by the field validation names.
fn explain(field: &str, message: &str) -> Option<String> {
    let t = e::t();
    // `points[3].0` → 4: points are counted from 1 on screen.
    let point = || {
        let after = field.split("points[").nth(1)?;
        after
            .split(']')
            .next()?
            .parse::<usize>()
            .ok()
            .map(|k| k + 1)
    };
    let threshold = || field.rsplit('.').next().unwrap_or("");
    let said = if field.contains(".i18n[") {
        t.why_translation_blank.to_string()
    } else if field.ends_with(".scale") && message.contains("too wide") {
        t.why_scale_too_wide.to_string()
    } else if field.ends_with(".scale") {
        t.why_scale_inverted.to_string()
    } else if field.ends_with(".value_function.points") {
        t.why_vf_two_points.to_string()
    } else if field.contains(".value_function.points[") && field.ends_with(".0") {
        fill(t.why_vf_x_increase, &[&point()?])
    } else if field.contains(".value_function.points[") && field.ends_with(".1") {
        fill(t.why_vf_value_range, &[&point()?])
    } else if field.contains(".outranking.") && message.contains("exceeds") {
        t.why_q_above_p.to_string()
    } else if field.contains(".outranking.") && message.contains("needs") {
        fill(t.why_threshold_needed, &[&threshold()])
    } else if field.contains(".outranking.") && message.contains("negative") {
        fill(t.why_threshold_negative, &[&threshold()])
    } else if field.starts_with("performance[") && message.contains("outside the scale") {
        let value = message.split_whitespace().next().unwrap_or("");
        fill(t.why_value_off_scale, &[&value])
    } else if field.starts_with("criteria[") && field.ends_with(".name") {
        t.why_name_empty.to_string()
    } else if field == "metadata.title" {
        t.why_title_empty.to_string()
    } else if field == "settings.monte_carlo.draws" {
        fill(t.why_draws, &[&MAX_DRAWS])
    } else if field == "settings.budget" {
        t.why_budget_negative.to_string()
    } else if field == "settings.vikor_v" {
        t.why_vikor_v.to_string()
    } else if field == "settings.normalization" {
        t.why_normalisation.to_string()
    } else {
        return None;
    };
    Some(said)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn validation_problems_are_said_in_the_interface_language() {
        i18n::set(Lang::ZhCn);
        let zh = refusal("criteria[2].outranking.q: indifference threshold q = 3 exceeds p = 2");
        assert_eq!(zh, fill(i18n::s().not_changed, &[&e::t().why_q_above_p]));
        let point = refusal("criteria[0].value_function.points[2].0: x values must increase");
        assert!(point.contains('3'), "{point}");
        // Something no editor causes keeps validation's words.
        let other = refusal("profiles[0]: every weight is zero");
        assert!(other.contains("every weight is zero"), "{other}");
        i18n::set(Lang::En);
    }

    #[test]
    fn dragged_values_snap_to_a_readable_step() {
        assert_eq!(step_for(10.0), 0.01);
        assert_eq!(step_for(1000.0), 1.0);
        assert_eq!(snap(0.1 + 0.2, 0.01), 0.3);
        assert_eq!(snap(4.567, 0.1), 4.6);
        assert_eq!(snap(1234.4, 1.0), 1234.0);
    }
}
