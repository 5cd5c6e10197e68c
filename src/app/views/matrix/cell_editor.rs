//! The in-place cell editor: a small window under the cell with value, uncertainty, basis,
//! rationale and source. A window rather than a modal, so the table stays in view; Enter
//! applies, Escape cancels, and an unchanged cell closes without an undo step.

use egui::{Id, Key, KeyboardShortcut, Modifiers, Pos2, RichText, TextEdit, Ui};

use super::Outcome;
use super::form::{
    buttons, checked, entered, error_line, focus_all, grid, outcome, parse_number, text_row,
};
use super::text::{number_text, scale_text};
use crate::i18n::{self, editors, fill};
use crate::scenario::edit::Edit;
use crate::scenario::model::{Basis, Cell, Criterion, Scenario, Uncertainty};

/// The kind of uncertainty in the cell editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Spread {
    None,
    Range,
    Triangular,
}

/// The cell editor's fields, as typed.
pub(super) struct CellForm {
    option: String,
    criterion: String,
    /// Where the window first appears: under the cell.
    anchor: Pos2,
    value: String,
    spread: Spread,
    low: String,
    likely: String,
    high: String,
    basis: Basis,
    rationale: String,
    source: String,
    error: Option<String>,
    /// The first frame: focus the value and select it.
    fresh: bool,
}

impl CellForm {
    pub(super) fn new(option: &str, criterion: &str, cell: Option<&Cell>, anchor: Pos2) -> Self {
        let value = cell
            .and_then(|c| c.value)
            .map_or(String::new(), number_text);
        let (spread, low, likely, high) = match cell.and_then(|c| c.uncertainty.as_ref()) {
            None => (Spread::None, String::new(), String::new(), String::new()),
            Some(Uncertainty::Range { low, high }) => (
                Spread::Range,
                number_text(*low),
                String::new(),
                number_text(*high),
            ),
            Some(Uncertainty::Triangular { low, likely, high }) => (
                Spread::Triangular,
                number_text(*low),
                number_text(*likely),
                number_text(*high),
            ),
        };
        Self {
            option: option.to_string(),
            criterion: criterion.to_string(),
            anchor,
            value,
            spread,
            low,
            likely,
            high,
            basis: cell.map_or(Basis::Illustrative, |c| c.basis),
            rationale: cell.map_or(String::new(), |c| c.rationale.clone()),
            source: cell.map_or(String::new(), |c| c.source.clone()),
            error: None,
            fresh: true,
        }
    }

    /// The cell the fields describe, or what is wrong with a number.
    fn cell(&self) -> Result<Cell, String> {
        let t = i18n::s();
        let value = parse_number(&self.value, t.cell_value)?;
        let need = |text: &str, what: &str| {
            parse_number(text, what)?.ok_or(fill(t.cell_needed_for_spread, &[&what]))
        };
        let uncertainty = match self.spread {
            Spread::None => None,
            Spread::Range => Some(Uncertainty::Range {
                low: need(&self.low, t.cell_low)?,
                high: need(&self.high, t.cell_high)?,
            }),
            Spread::Triangular => Some(Uncertainty::Triangular {
                low: need(&self.low, t.cell_low)?,
                likely: need(&self.likely, t.cell_likely)?,
                high: need(&self.high, t.cell_high)?,
            }),
        };
        Ok(Cell {
            option: self.option.clone(),
            criterion: self.criterion.clone(),
            value,
            uncertainty,
            basis: self.basis,
            rationale: self.rationale.trim().to_string(),
            source: self.source.trim().to_string(),
        })
    }
}

/// Draws the editor for one frame; closes it when its cell is gone (undo meanwhile).
pub(super) fn show(ui: &mut Ui, s: &Scenario, form: &mut CellForm) -> Outcome {
    let (Some(i), Some(j)) = (
        s.option_index(&form.option),
        s.criterion_index(&form.criterion),
    ) else {
        return Outcome::Close;
    };
    let (o, c) = (&s.options[i], &s.criteria[j]);
    let (t, lang) = (i18n::s(), i18n::lang());
    let fresh = std::mem::take(&mut form.fresh);
    let mut apply = false;
    let mut cancel = false;
    egui::Window::new(t.cell_title)
        .id(Id::unique((
            "matrix-cell-editor",
            &form.option,
            &form.criterion,
        )))
        .default_pos(form.anchor)
        .collapsible(false)
        .resizable(false)
        .show(ui.ctx(), |ui| {
            ui.label(RichText::new(o.name_in(lang)).strong());
            ui.label(RichText::new(format!("{} ({})", c.name_in(lang), scale_text(c))).weak());
            ui.add_space(6.0);
            grid(ui, "matrix-cell-editor-grid", |ui| {
                let l = ui.label(t.cell_value);
                ui.horizontal(|ui| {
                    let r = ui
                        .add(
                            TextEdit::singleline(&mut form.value)
                                .hint_text(t.cell_missing)
                                .desired_width(80.0),
                        )
                        .labelled_by(l.id);
                    if fresh {
                        focus_all(ui, &r, &form.value);
                    }
                    apply |= entered(ui, &r);
                    ui.label(RichText::new(t.cell_empty_is_missing).small().weak());
                });
                ui.end_row();

                ui.label(t.cell_uncertainty);
                let before = form.spread;
                ui.horizontal(|ui| {
                    ui.radio_value(&mut form.spread, Spread::None, t.cell_none);
                    ui.radio_value(&mut form.spread, Spread::Range, t.cell_range);
                    ui.radio_value(&mut form.spread, Spread::Triangular, t.cell_triangular);
                });
                ui.end_row();
                if form.spread != before {
                    // Start a new range around the value.
                    for field in [&mut form.low, &mut form.likely, &mut form.high] {
                        if field.trim().is_empty() {
                            field.clone_from(&form.value);
                        }
                    }
                }
                if form.spread != Spread::None {
                    ui.label("");
                    ui.horizontal(|ui| {
                        let mut number = |ui: &mut Ui, label: &str, text: &mut String| {
                            let l = ui.label(label);
                            let r = ui
                                .add(TextEdit::singleline(text).desired_width(56.0))
                                .labelled_by(l.id);
                            apply |= entered(ui, &r);
                        };
                        number(ui, t.cell_low, &mut form.low);
                        if form.spread == Spread::Triangular {
                            number(ui, t.cell_likely, &mut form.likely);
                        }
                        number(ui, t.cell_high, &mut form.high);
                    });
                    ui.end_row();
                }

                ui.label(editors::t().cell_interval);
                interval(ui, c, form);
                ui.end_row();

                ui.label(t.cell_basis);
                ui.horizontal(|ui| {
                    ui.radio_value(&mut form.basis, Basis::Illustrative, t.cell_illustrative)
                        .on_hover_text(t.cell_illustrative_hover);
                    ui.radio_value(&mut form.basis, Basis::Sourced, t.cell_sourced)
                        .on_hover_text(t.cell_sourced_hover);
                });
                ui.end_row();

                let l = ui.label(t.cell_rationale);
                let r = ui
                    .add(
                        TextEdit::multiline(&mut form.rationale)
                            .desired_rows(3)
                            .desired_width(340.0)
                            .hint_text(t.cell_rationale_hint)
                            .return_key(KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter)),
                    )
                    .labelled_by(l.id)
                    .on_hover_text(t.cell_new_line);
                apply |= r.has_focus()
                    && ui.input(|i| i.key_pressed(Key::Enter) && i.modifiers.is_none());
                ui.end_row();

                let r = text_row(
                    ui,
                    t.cell_source,
                    &mut form.source,
                    t.cell_source_hint,
                    340.0,
                );
                apply |= entered(ui, &r);
            });
            error_line(ui, form.error.as_ref());
            let (ok, no) = buttons(ui, t.apply, t.cell_keys);
            apply |= ok;
            cancel |= no;
        });
    if cancel || ui.input(|i| i.key_pressed(Key::Escape)) {
        return Outcome::Close;
    }
    if !apply {
        return Outcome::Keep;
    }
    let cell = match form.cell() {
        Ok(cell) => cell,
        Err(why) => {
            form.error = Some(why);
            return Outcome::Keep;
        }
    };
    if s.cell(&cell.option, &cell.criterion) == Some(&cell) {
        return Outcome::Close; // nothing changed: no undo step
    }
    outcome(checked(s, Edit::SetCell(Box::new(cell))), &mut form.error)
}

/// The value and its uncertainty as typed, drawn on the criterion's scale (lowest on the left):
/// a band from low to high (a triangle peaking at the likely value for low–likely–high) and a
/// dot at the value. A number not yet readable is left out; one off the scale sits at its end.
fn interval(ui: &mut Ui, c: &Criterion, form: &CellForm) {
    let read = |text: &str| parse_number(text, "").ok().flatten();
    let value = read(&form.value);
    let (low, likely, high) = match form.spread {
        Spread::None => (None, None, None),
        Spread::Range => (read(&form.low), None, read(&form.high)),
        Spread::Triangular => (read(&form.low), read(&form.likely), read(&form.high)),
    };
    let small = egui::TextStyle::Small.resolve(ui.style());
    let size = egui::vec2(340.0, 14.0 + small.size * 1.4);
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::hover());
    let (min, max) = (c.scale.min, c.scale.max);
    let x = |v: f64| {
        let f = if max > min {
            (v - min) / (max - min)
        } else {
            0.5
        };
        rect.left() + 6.0 + (rect.width() - 12.0) * f.clamp(0.0, 1.0) as f32
    };
    let visuals = ui.visuals();
    let (weak, strong) = (visuals.weak_text_color(), visuals.strong_text_color());
    let band = visuals.selection.bg_fill;
    let painter = ui.painter();
    let y = rect.top() + 7.0;
    painter.line_segment(
        [egui::pos2(x(min), y), egui::pos2(x(max), y)],
        egui::Stroke::new(1.0, weak),
    );
    for end in [min, max] {
        painter.line_segment(
            [egui::pos2(x(end), y - 4.0), egui::pos2(x(end), y + 4.0)],
            egui::Stroke::new(1.0, weak),
        );
    }
    let ends = rect.top() + 14.0;
    painter.text(
        egui::pos2(x(min), ends),
        egui::Align2::LEFT_TOP,
        number_text(min),
        small.clone(),
        weak,
    );
    painter.text(
        egui::pos2(x(max), ends),
        egui::Align2::RIGHT_TOP,
        number_text(max),
        small,
        weak,
    );
    let e = editors::t();
    let mut parts = Vec::new();
    if let (Some(lo), Some(hi)) = (low, high) {
        let (a, b) = (x(lo.min(hi)), x(lo.max(hi)));
        match likely {
            Some(m) => {
                let peak = egui::pos2(x(m).clamp(a, b), y - 6.0);
                let base = [egui::pos2(a, y + 5.0), peak, egui::pos2(b, y + 5.0)];
                painter.add(egui::Shape::convex_polygon(
                    base.to_vec(),
                    band,
                    egui::Stroke::NONE,
                ));
                parts.push(fill(e.cell_interval_range, &[&lo, &hi]));
                parts.push(fill(e.cell_interval_likely, &[&m]));
            }
            None => {
                let r = egui::Rect::from_min_max(
                    egui::pos2(a, y - 4.0),
                    egui::pos2(b.max(a + 2.0), y + 4.0),
                );
                painter.rect_filled(r, 2.0, band);
                parts.push(fill(e.cell_interval_range, &[&lo, &hi]));
            }
        }
    }
    if let Some(v) = value {
        painter.circle(
            egui::pos2(x(v), y),
            4.0,
            strong,
            egui::Stroke::new(1.0, band),
        );
        parts.insert(0, fill(e.cell_interval_value, &[&v]));
    }
    let text = fill(e.cell_interval_name, &[&min, &max, &parts.join(", ")]);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Image, true, &text));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::scenario_file::default_scenario;

    #[test]
    fn the_editor_fields_give_back_every_cell_exactly() {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        for cell in &s.performance {
            let form = CellForm::new(&cell.option, &cell.criterion, Some(cell), Pos2::ZERO);
            assert_eq!(form.cell().as_ref(), Ok(cell));
        }
        let missing = CellForm::new("o", "c", None, Pos2::ZERO)
            .cell()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((missing.value, missing.uncertainty), (None, None));
    }
}
