//! What every matrix dialog shares, so they look and answer alike: labelled text rows in a
//! two-column grid, focus on open, Enter to apply, an error line, Apply/Cancel buttons, the
//! modal frame, and the pre-check of an edit against the scenario.

use egui::text_selection::CCursorRange;
use egui::{Id, Response, RichText, TextEdit, Ui};

use super::Outcome;
pub(super) use crate::app::editors::fields::{entered, parse_number};
use crate::app::theme;
use crate::i18n::{self, fill};
use crate::scenario::edit::{self, Edit};
use crate::scenario::model::Scenario;

/// What the user answered a modal dialog this frame.
pub(super) enum Reply {
    /// Nothing yet: keep the dialog open.
    Waiting,
    /// Cancel, Escape or a click outside.
    Cancel,
    /// The apply button, or Enter in a field.
    Apply,
}

/// The frame of every modal dialog here: a fixed-width modal with id `salt`, a heading, the
/// dialog's own `body` (which says whether Enter ended input in one of its fields), the error
/// line and the `ok` / Cancel buttons.
pub(super) fn modal(
    ui: &mut Ui,
    salt: &'static str,
    heading: &str,
    ok: &str,
    error: Option<&String>,
    body: impl FnOnce(&mut Ui) -> bool,
) -> Reply {
    let mut apply = false;
    let mut cancel = false;
    let modal = egui::Modal::new(Id::unique(salt)).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        ui.heading(heading);
        apply |= body(ui);
        error_line(ui, error);
        let (yes, no) = buttons(ui, ok, "");
        apply |= yes;
        cancel |= no;
    });
    if cancel || modal.should_close() {
        Reply::Cancel
    } else if apply {
        Reply::Apply
    } else {
        Reply::Waiting
    }
}

/// The two-column grid (label, field) that holds a dialog's rows.
pub(super) fn grid<R>(ui: &mut Ui, salt: &str, rows: impl FnOnce(&mut Ui) -> R) -> R {
    egui::Grid::new(salt)
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, rows)
        .inner
}

/// A labelled single-line text field on a row of a two-column grid.
pub(super) fn text_row(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    hint: &str,
    width: f32,
) -> Response {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(width),
        )
        .labelled_by(l.id);
    ui.end_row();
    r
}

/// Gives `r` (a text field) keyboard focus with all its text selected, so typing replaces it.
pub(super) fn focus_all(ui: &Ui, r: &Response, text: &str) {
    r.request_focus();
    let mut st = egui::text_edit::TextEditState::load(ui.ctx(), r.id).unwrap_or_default();
    st.cursor
        .set_char_range(Some(CCursorRange::select_all_str(text)));
    st.store(ui.ctx(), r.id);
}

/// Apply and Cancel buttons; returns (apply, cancel).
pub(super) fn buttons(ui: &mut Ui, apply: &str, hint: &str) -> (bool, bool) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let ok = ui.button(apply).clicked();
        let cancel = ui.button(i18n::s().cancel).clicked();
        ui.label(RichText::new(hint).small().weak());
        (ok, cancel)
    })
    .inner
}

/// Why the last apply failed, if it did.
pub(super) fn error_line(ui: &mut Ui, error: Option<&String>) {
    if let Some(e) = error {
        ui.add_space(4.0);
        ui.colored_label(theme::ERROR, e);
    }
}

/// Why an edit was refused, without the field path (the dialog shows where).
fn refusal(why: &str) -> String {
    let message = why.split_once(": ").map_or(why, |(_, m)| m);
    fill(i18n::s().not_changed, &[&message])
}

/// Checks `e` against the scenario: the edit to send, or the refusal to show.
pub(super) fn checked(s: &Scenario, e: Edit) -> Result<Edit, String> {
    match edit::apply(s, &e) {
        Ok(_) => Ok(e),
        Err(why) => Err(refusal(&why)),
    }
}

/// Turns a checked edit into the dialog's outcome, keeping the dialog open on a refusal.
pub(super) fn outcome(result: Result<Edit, String>, error: &mut Option<String>) -> Outcome {
    match result {
        Ok(e) => Outcome::Send(e),
        Err(why) => {
            *error = Some(why);
            Outcome::Keep
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_finite_or_refused() {
        assert_eq!(parse_number("  ", "Value"), Ok(None));
        assert_eq!(parse_number(" 6.5 ", "Value"), Ok(Some(6.5)));
        assert_eq!(parse_number("-2", "Value"), Ok(Some(-2.0)));
        for bad in ["6,5", "abc", "NaN", "inf", "1e999"] {
            assert!(parse_number(bad, "Value").is_err(), "{bad}");
        }
    }
}
