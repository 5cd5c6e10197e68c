//! The criterion editor: names (English and each translation side by side), description,
//! family, direction, scale and unit, the value function and the PROMETHEE preference function.
//! The id stays as it is: cells, weights and records name the criterion by it.

use egui::{RichText, TextEdit, Ui, vec2};

use super::Outcome;
use super::checks::{self, entered, need_number, number_text, parse_number};
use super::preference::{self, PreferenceForm};
use super::value_function::{self, ValueFunctionForm};
use crate::i18n::editors as e;
use crate::i18n::{self, Lang, fill};
use crate::scenario::edit::Edit;
use crate::scenario::model::{Criterion, Direction, Scenario, Translation};

/// A criterion's name, short label and description in one language, as typed.
#[derive(Clone, Default)]
struct Words {
    name: String,
    short: String,
    description: String,
}

/// One of the texts of [`Words`].
type Field = fn(&mut Words) -> &mut String;

/// The criterion editor's fields, as typed.
pub(super) struct CriterionForm {
    /// The criterion as it was when the editor opened, for the fields the editor does not show
    /// (provenance, translations into languages the window does not speak).
    original: Criterion,
    english: Words,
    /// The translations into every other language the window speaks, in `Lang::ALL` order.
    other: Vec<(Lang, Words)>,
    family: String,
    direction: Direction,
    min: String,
    max: String,
    unit: String,
    vf: ValueFunctionForm,
    pref: PreferenceForm,
    error: Option<String>,
}

impl CriterionForm {
    pub(super) fn new(c: &Criterion) -> Self {
        let other = Lang::ALL
            .into_iter()
            .filter(|l| *l != Lang::En)
            .map(|l| {
                let t = c.i18n.get(l.code()).cloned().unwrap_or_default();
                let words = Words {
                    name: t.name,
                    short: t.short,
                    description: t.description,
                };
                (l, words)
            })
            .collect();
        Self {
            original: c.clone(),
            english: Words {
                name: c.name.clone(),
                short: c.short.clone(),
                description: c.description.clone(),
            },
            other,
            family: c.family.clone(),
            direction: c.direction,
            min: number_text(c.scale.min),
            max: number_text(c.scale.max),
            unit: c.scale.unit.clone(),
            vf: ValueFunctionForm::new(c.value_function.as_ref()),
            pref: PreferenceForm::new(c.outranking.as_ref()),
            error: None,
        }
    }

    /// The criterion the fields describe, or what is wrong with a number.
    fn build(&self) -> Result<Criterion, String> {
        let t = e::t();
        let mut c = self.original.clone();
        c.name = self.english.name.trim().to_string();
        c.short = self.english.short.trim().to_string();
        c.description = self.english.description.trim().to_string();
        c.family = self.family.clone();
        c.direction = self.direction;
        c.scale.min = need_number(&self.min, t.crit_scale_from)?;
        c.scale.max = need_number(&self.max, t.crit_scale_to)?;
        c.scale.unit = self.unit.trim().to_string();
        c.value_function = self.vf.build()?;
        c.outranking = self.pref.build()?;
        for (lang, w) in &self.other {
            let tr = Translation {
                name: w.name.trim().to_string(),
                short: w.short.trim().to_string(),
                description: w.description.trim().to_string(),
            };
            if tr == Translation::default() {
                c.i18n.remove(lang.code());
            } else {
                c.i18n.insert(lang.code().to_string(), tr);
            }
        }
        Ok(c)
    }

    /// The scale as typed, when both ends read as numbers.
    fn scale(&self) -> Option<(f64, f64)> {
        let lo = parse_number(&self.min, "").ok().flatten()?;
        let hi = parse_number(&self.max, "").ok().flatten()?;
        Some((lo, hi))
    }
}

/// Draws the editor; closes it when its criterion is gone (undo of its addition meanwhile).
pub(super) fn show(ctx: &egui::Context, s: &Scenario, form: &mut CriterionForm) -> Outcome {
    let Some(j) = s.criterion_index(&form.original.id) else {
        return Outcome::Close;
    };
    let t = e::t();
    let title = fill(t.crit_title, &[&s.criteria[j].name_in(i18n::lang())]);
    let mut enter = false;
    let error = form.error.clone();
    let pressed = checks::window(
        ctx,
        "criterion-editor",
        &title,
        vec2(860.0, 900.0),
        error.as_ref(),
        |ui| enter = body(ui, s, form),
    );
    if pressed.close {
        return Outcome::Close;
    }
    if !(pressed.ok || pressed.apply || enter) {
        return Outcome::Keep;
    }
    let close = pressed.ok;
    let c = match form.build() {
        Ok(c) => c,
        Err(why) => {
            form.error = Some(why);
            return Outcome::Keep;
        }
    };
    if s.criteria[j] == c {
        form.error = None;
        return if close { Outcome::Close } else { Outcome::Keep };
    }
    match checks::checked(s, vec![Edit::ReplaceCriterion(Box::new(c))]) {
        Ok(edits) => {
            form.error = None;
            Outcome::Send { edits, close }
        }
        Err(why) => {
            form.error = Some(why);
            Outcome::Keep
        }
    }
}

/// The fields; true when Enter ended input in one of them.
fn body(ui: &mut Ui, s: &Scenario, form: &mut CriterionForm) -> bool {
    let (t, lang) = (e::t(), i18n::lang());
    let mut apply = false;
    ui.label(RichText::new(fill(t.crit_id_note, &[&form.original.id])).weak());
    ui.add_space(4.0);
    // Names: English and each translation side by side.
    let column =
        ((ui.available_width() - 150.0) / (1 + form.other.len()) as f32 - 12.0).clamp(140.0, 320.0);
    egui::Grid::new("criterion-editor-names")
        .num_columns(2 + form.other.len())
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label("");
            // A grid sizes a column by its widest cell of the last frame, and a text field takes
            // no more than that: the headings hold each column open at its full width.
            let heading = |ui: &mut Ui, l: Lang| {
                ui.scope(|ui| {
                    ui.set_min_width(column);
                    ui.label(RichText::new(l.native_name()).strong());
                });
            };
            heading(ui, Lang::En);
            for (l, _) in &form.other {
                heading(ui, *l);
            }
            ui.end_row();
            let rows: [(&str, Field, bool); 3] = [
                (i18n::s().name, |w| &mut w.name, false),
                (i18n::s().short_label, |w| &mut w.short, false),
                (t.crit_description, |w| &mut w.description, true),
            ];
            for (label, field, multi) in rows {
                ui.label(label);
                let mut cell = |ui: &mut Ui, text: &mut String, lang: Lang| {
                    let name = format!("{label} ({})", lang.native_name());
                    let r = if multi {
                        // A long description scrolls in three lines rather than push the charts
                        // out of view.
                        egui::ScrollArea::vertical()
                            .id_salt(("criterion-description", lang.code()))
                            .max_height(ui.text_style_height(&egui::TextStyle::Body) * 3.6)
                            .show(ui, |ui| {
                                ui.add(
                                    TextEdit::multiline(text)
                                        .desired_rows(2)
                                        .desired_width(column),
                                )
                            })
                            .inner
                    } else {
                        ui.add(TextEdit::singleline(text).desired_width(column))
                    }
                    .accessible_name(name);
                    if !multi {
                        apply |= entered(ui, &r);
                    }
                };
                cell(ui, field(&mut form.english), Lang::En);
                for (l, w) in &mut form.other {
                    cell(ui, field(w), *l);
                }
                ui.end_row();
            }
        });
    ui.label(RichText::new(t.crit_translation_note).small().weak());
    ui.add_space(8.0);

    egui::Grid::new("criterion-editor-grid")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label(t.crit_family);
            egui::ComboBox::from_id_salt("criterion-editor-family")
                .selected_text(s.family_name_in(&form.family, lang))
                .width(300.0)
                .show_ui(ui, |ui| {
                    for f in &s.families {
                        ui.selectable_value(&mut form.family, f.id.clone(), f.name_in(lang));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            ui.label(t.crit_direction);
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut form.direction,
                    Direction::Maximize,
                    t.crit_more_is_better,
                );
                ui.radio_value(
                    &mut form.direction,
                    Direction::Minimize,
                    t.crit_less_is_better,
                );
            });
            ui.end_row();
            ui.label(t.crit_scale);
            ui.horizontal(|ui| {
                let mut number = |ui: &mut Ui, label: &str, text: &mut String, width: f32| {
                    let l = ui.label(label);
                    let r = ui
                        .add(TextEdit::singleline(text).desired_width(width))
                        .labelled_by(l.id);
                    apply |= entered(ui, &r);
                };
                number(ui, t.crit_scale_from, &mut form.min, 70.0);
                number(ui, t.crit_scale_to, &mut form.max, 70.0);
                number(ui, t.crit_unit, &mut form.unit, 130.0);
            });
            ui.end_row();
        });
    if form.vf.on && form.direction != form.original.direction {
        ui.label(RichText::new(t.crit_direction_vf_note).small().weak());
    }

    ui.add_space(10.0);
    ui.separator();
    ui.label(RichText::new(t.vf_heading).strong());
    let scale = form.scale();
    apply |= value_function::ui(ui, &mut form.vf, scale, form.direction, form.unit.trim());

    ui.add_space(10.0);
    ui.separator();
    ui.label(RichText::new(t.pref_heading).strong());
    let span = scale.map_or(1.0, |(lo, hi)| (hi - lo).abs());
    apply |= preference::ui(ui, &mut form.pref, span, form.unit.trim());
    apply
}
