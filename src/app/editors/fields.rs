//! What the option and profile editors share: the window with its pinned footer, labelled
//! rows in a grid, a field marked when it holds the problem, numbers as typed, and the check
//! of an edit against the scenario before it is sent.

use egui::{Id, Response, RichText, TextEdit, Ui};

use crate::app::theme;
use crate::i18n::{self, Lang, fill};
use crate::scenario::edit::{self, Edit};
use crate::scenario::model::{Scenario, Translation, Translations};

/// What the user did with an editor's window this frame.
pub(super) enum Reply {
    Waiting,
    Cancel,
    Apply,
}

/// The window of an editor: `title`, a scrolling `body`, then the problem (if any) and the
/// Apply / Cancel buttons, which stay in view however long the body is. Escape, Cancel and the
/// window's close button cancel; the body returns true when Enter ended input in a field.
pub(super) fn window(
    ctx: &egui::Context,
    salt: &str,
    title: &str,
    error: Option<&String>,
    body: impl FnOnce(&mut Ui) -> bool,
) -> Reply {
    let screen = ctx.content_rect().size();
    // As wide as the rows need, as tall as the screen allows; never off a small screen.
    let size = egui::vec2(
        720.0_f32.min(screen.x - 24.0).max(300.0),
        900.0_f32.min(screen.y - 80.0).max(240.0),
    );
    // Escape in a field only leaves the field; a second Escape cancels.
    let escape = !egui::Popup::is_any_open(ctx)
        && !ctx.egui_wants_keyboard_input()
        && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    let mut open = true;
    let (mut apply, mut cancel) = (false, false);
    egui::Window::new(title)
        .id(Id::unique(salt))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 40.0))
        .fixed_size(size)
        .collapsible(false)
        .show(ctx, |ui| {
            let row = ui.spacing().interact_size.y;
            // Room for the buttons and a problem of up to two lines.
            let footer = row * 4.0 + 12.0;
            egui::ScrollArea::vertical()
                .id_salt((salt, "scroll"))
                .max_height((ui.available_height() - footer).max(row * 3.0))
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    apply |= body(ui);
                });
            ui.separator();
            if let Some(e) = error {
                ui.colored_label(theme::ERROR, e);
            }
            ui.horizontal(|ui| {
                apply |= ui.button(i18n::s().apply).clicked();
                cancel |= ui.button(i18n::s().cancel).clicked();
            });
        });
    if cancel || escape || !open {
        Reply::Cancel
    } else if apply {
        Reply::Apply
    } else {
        Reply::Waiting
    }
}

/// The width of the widest of `labels`: the label column of every grid of one editor, so
/// that their fields line up.
pub(super) fn label_width(ui: &Ui, labels: &[&str]) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    labels
        .iter()
        .map(|l| {
            ui.fonts_mut(|f| {
                f.layout_no_wrap((*l).to_string(), font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            })
        })
        .fold(60.0, f32::max)
}

/// A row's label in a cell `width` wide (see [`label_width`]).
pub(super) fn label(ui: &mut Ui, text: &str, width: f32) -> Response {
    let height = ui.spacing().interact_size.y;
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_width(width);
            ui.label(text)
        },
    )
    .inner
}

/// A grid of `columns` columns (a label, then fields) for an editor's rows.
pub(super) fn grid<R>(
    ui: &mut Ui,
    salt: &str,
    columns: usize,
    rows: impl FnOnce(&mut Ui) -> R,
) -> R {
    egui::Grid::new(salt)
        .num_columns(columns)
        .spacing([10.0, 6.0])
        .show(ui, rows)
        .inner
}

/// A row laid out like a grid's (cells 10 points apart) whose cells align at the top, for
/// fields of several lines.
pub(super) fn top_row(ui: &mut Ui, cells: impl FnOnce(&mut Ui)) {
    ui.add_space(6.0);
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        cells(ui);
    });
}

/// A section heading between groups of rows.
pub(super) fn section(ui: &mut Ui, text: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new(text).strong());
}

/// A single-line text field `width` wide, named `name` for screen readers. Sized exactly: a
/// grid would otherwise hold a field to its column's width of the frame before.
pub(super) fn line(ui: &mut Ui, text: &mut String, name: &str, hint: &str, width: f32) -> Response {
    let height = ui.spacing().interact_size.y;
    let r = ui.add_sized(
        [width, height],
        TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(width),
    );
    name_it(ui, &r, name);
    r
}

/// A text field of at least three lines, `width` wide, growing with its text (Enter starts a
/// new line). Laid out top-down in a cell of exactly that width, for the grid's sake.
pub(super) fn lines(ui: &mut Ui, text: &mut String, name: &str, width: f32) -> Response {
    let r = ui
        .allocate_ui_with_layout(
            egui::vec2(width, 0.0),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                ui.set_width(width);
                ui.add(
                    TextEdit::multiline(text)
                        .desired_rows(3)
                        .desired_width(width),
                )
            },
        )
        .inner;
    name_it(ui, &r, name);
    r
}

/// Gives a widget the accessible name `name` (a field beside a shared row label has none).
pub(super) fn name_it(ui: &Ui, r: &Response, name: &str) {
    let name = name.to_string();
    ui.ctx()
        .accesskit_node_builder(r.id, move |node| node.set_label(name));
}

/// Marks `r` as the field that holds the problem: a red outline, the problem on hover, and
/// (once, when `reveal`) scrolled into view.
pub(super) fn mark(ui: &Ui, r: &Response, problem: &str, reveal: &mut bool) {
    ui.painter().rect_stroke(
        r.rect.expand(1.0),
        3.0,
        egui::Stroke::new(2.0, theme::ERROR),
        egui::StrokeKind::Outside,
    );
    if std::mem::take(reveal) {
        r.scroll_to_me(None);
    }
    r.clone().on_hover_text(problem);
}

/// Whether Enter ended the input of text field `r` this frame. (Also the matrix's dialogs'.)
pub(in crate::app) fn entered(ui: &Ui, r: &Response) -> bool {
    r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// A number typed by the user: empty is `None`; anything else must be a finite number. (Also
/// the matrix's dialogs'.)
pub(in crate::app) fn parse_number(text: &str, what: &str) -> Result<Option<f64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let s = i18n::s();
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        Ok(_) => Err(fill(s.form_not_finite, &[&what, &t])),
        Err(_) if t.contains(',') => Err(fill(s.form_decimal_comma, &[&what, &t])),
        Err(_) => Err(fill(s.form_not_a_number, &[&what, &t])),
    }
}

/// Checks `e` against the scenario (applied to a copy and validated). A refusal comes back as
/// the field path the validation named (e.g. `options[2].cost`) and its message.
pub(super) fn check(s: &Scenario, e: &Edit) -> Result<(), (String, String)> {
    match edit::apply(s, e) {
        Ok(_) => Ok(()),
        Err(why) => {
            let (path, message) = why.split_once(": ").unwrap_or(("", why.as_str()));
            Err((path.to_string(), message.to_string()))
        }
    }
}

/// "Not changed: …", the line a refused edit shows.
pub(super) fn not_changed(why: &str) -> String {
    fill(i18n::s().not_changed, &[&why])
}

/// An item's text in each language other than the original (English), as typed.
pub(super) fn other_languages(i18n: &Translations) -> Vec<(Lang, Translation)> {
    Lang::ALL
        .into_iter()
        .filter(|&l| l != Lang::En)
        .map(|l| (l, i18n.get(l.code()).cloned().unwrap_or_default()))
        .collect()
}

/// Writes the typed translations back into `i18n`, trimmed; a language left wholly empty is
/// dropped (a file may not hold an empty translation). Other languages' entries stay.
pub(super) fn write_languages(i18n: &mut Translations, typed: &[(Lang, Translation)]) {
    for (lang, t) in typed {
        let t = Translation {
            name: t.name.trim().to_string(),
            short: t.short.trim().to_string(),
            description: t.description.trim().to_string(),
        };
        if t == Translation::default() {
            i18n.remove(lang.code());
        } else {
            i18n.insert(lang.code().to_string(), t);
        }
    }
}

/// A field's accessible name in another language: "Name (中文)".
pub(super) fn in_language(field: &str, lang: Lang) -> String {
    format!("{field} ({})", lang.native_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_finite_or_refused() {
        assert_eq!(parse_number("  ", "Cost"), Ok(None));
        assert_eq!(parse_number(" 6.5 ", "Cost"), Ok(Some(6.5)));
        for bad in ["6,5", "abc", "NaN", "inf", "1e999"] {
            assert!(parse_number(bad, "Cost").is_err(), "{bad}");
        }
    }
}
