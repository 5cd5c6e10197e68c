//! The body cells, each painted by hand into the table's cell rectangle: option name (with its
//! colour bar), score and rank, and the coloured value cells that select, focus and open the
//! editor. Each cell carries its accessible role and label, and a tooltip with the details.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{
    Align2, Color32, EventFilter, FontId, Galley, Id, Rect, Response, RichText, Role, Sense,
    Stroke, Ui, WidgetInfo, vec2,
};

use super::metrics::{Metrics, Table};
use super::text::{cell_text, number_text, scale_text};
use super::{Action, Thing};
use crate::app::{Derived, theme};
use crate::i18n::{self, editors, fill};
use crate::scenario::model::{Basis, Cell, Criterion, PolicyOption, Scenario, Uncertainty};

/// The widget id of a value cell: stable while rows are sorted.
pub(super) fn cell_id(o: &PolicyOption, c: &Criterion) -> Id {
    Id::unique(("matrix-cell", &o.id, &c.id))
}

/// A tooltip of plain text: not selectable, so it never catches the pointer and stays over
/// the row below.
pub(super) fn plain_tooltip(ui: &mut Ui, width: f32) {
    ui.set_max_width(width);
    ui.style_mut().interaction.selectable_labels = false;
}

/// The context menu of an option name or a criterion header.
pub(super) fn rename_remove_menu(r: &Response, what: Thing, id: &str, actions: &mut Vec<Action>) {
    r.context_menu(|ui| {
        let t = i18n::s();
        if what == Thing::Criterion && ui.button(i18n::editors::t().edit_criterion).clicked() {
            actions.push(Action::EditCriterion(id.to_string()));
            ui.close();
        }
        if what == Thing::Option && ui.button(editors::t().option_edit_menu).clicked() {
            actions.push(Action::EditOption(id.to_string()));
            ui.close();
        }
        if ui.button(t.matrix_rename_menu).clicked() {
            actions.push(Action::Rename(what, id.to_string()));
            ui.close();
        }
        if ui.button(t.matrix_remove_menu).clicked() {
            actions.push(Action::Remove(what, id.to_string()));
            ui.close();
        }
    });
}

/// `c`, lightened (dark mode) or darkened (light mode) as far as text in it needs to read.
fn legible(c: Color32, dark: bool) -> Color32 {
    let luma = 0.2126 * f32::from(c.r()) + 0.7152 * f32::from(c.g()) + 0.0722 * f32::from(c.b());
    if dark && luma < 120.0 {
        c.lerp_to_gamma(Color32::WHITE, (120.0 - luma) / 120.0 * 0.6)
    } else if !dark && luma > 140.0 {
        c.lerp_to_gamma(Color32::BLACK, (luma - 140.0) / 115.0 * 0.6)
    } else {
        c
    }
}

/// One line of text, cut with `…` to `width`.
fn one_line(ui: &Ui, text: &str, font: &FontId, colour: Color32, width: f32) -> Arc<Galley> {
    let mut job = LayoutJob::simple_singleline(text.to_string(), font.clone(), colour);
    job.wrap = TextWrapping::truncate_at_width(width.max(8.0));
    ui.painter().layout_job(job)
}

pub(super) fn option_cell(
    ui: &mut Ui,
    s: &Scenario,
    o: &PolicyOption,
    i: usize,
    m: &Metrics,
    actions: &mut Vec<Action>,
) {
    let rect = ui.max_rect();
    let (t, lang) = (i18n::s(), i18n::lang());
    let label = o.label_in(lang);
    let resp = ui.interact(rect, Id::unique(("matrix-option", &o.id)), Sense::click());
    let colour = theme::option_colour(i);
    let dark = ui.visuals().dark_mode;
    // The exact colour as a bar; the name in a shade of it that reads on the background.
    let bar = Rect::from_min_size(
        rect.left_top() + vec2(2.0, 4.0),
        vec2(4.0, rect.height() - 8.0),
    );
    ui.painter().rect_filled(bar, 1.0, colour);
    let text_left = bar.right() + m.pad;
    let galley = one_line(
        ui,
        label,
        &m.body,
        legible(colour, dark),
        rect.right() - m.pad - text_left,
    );
    let pos = egui::pos2(text_left, rect.center().y - galley.size().y / 2.0);
    ui.painter().galley(pos, galley, colour);
    resp.widget_info(|| WidgetInfo::labeled(Role::RowHeader, true, label));
    let resp = resp.on_hover_ui(|ui| {
        plain_tooltip(ui, 380.0);
        ui.label(RichText::new(o.name_in(lang)).strong());
        if let Some(cluster) = s.clusters.iter().find(|k| k.id == o.cluster) {
            ui.label(RichText::new(cluster.name_in(lang)).weak());
        }
        ui.label(fill(t.source_is, &[&o.provenance]));
        ui.label(RichText::new(t.matrix_right_click).small().weak());
        ui.label(
            RichText::new(editors::t().option_double_click)
                .small()
                .weak(),
        );
    });
    if resp.double_clicked() {
        actions.push(Action::EditOption(o.id.clone()));
    }
    rename_remove_menu(&resp, Thing::Option, &o.id, actions);
}

pub(super) fn score_cell(ui: &mut Ui, d: &Derived, o: &PolicyOption, i: usize, m: &Metrics) {
    let rect = ui.max_rect();
    let (t, lang) = (i18n::s(), i18n::lang());
    let resp = ui.interact(rect, Id::unique(("matrix-score", &o.id)), Sense::hover());
    let visuals = ui.visuals();
    let (strong, weak) = (visuals.strong_text_color(), visuals.weak_text_color());
    let scored = d.ranking.as_ref().ok().and_then(|r| {
        Some((
            r.scores.get(i).copied()?,
            r.ranks.get(i).copied()?,
            r.scores.len(),
        ))
    });
    let painter = ui.painter();
    let centre = rect.center().y;
    let text = match scored {
        Some((score, rank, n)) => {
            painter.text(
                egui::pos2(rect.left() + m.pad, centre),
                Align2::LEFT_CENTER,
                format!("#{rank}"),
                m.small.clone(),
                weak,
            );
            painter.text(
                egui::pos2(rect.right() - m.pad, centre),
                Align2::RIGHT_CENTER,
                format!("{score:.3}"),
                m.body.clone(),
                strong,
            );
            fill(t.matrix_rank_of, &[&rank, &n, &format!("{score:.3}")])
        }
        None => {
            painter.text(
                egui::pos2(rect.right() - m.pad, centre),
                Align2::RIGHT_CENTER,
                "—",
                m.body.clone(),
                weak,
            );
            t.matrix_not_scored.to_string()
        }
    };
    let label = fill(t.matrix_score_label, &[&o.label_in(lang)]);
    resp.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::Cell, true, &label);
        info.current_text_value = Some(text.clone());
        info
    });
    resp.on_hover_text(fill(t.label_value, &[&o.name_in(lang), &text]));
}

/// A value cell: coloured by its normalised value, selectable by click or Tab, editable by
/// double-click. Returns its rectangle when it took keyboard focus, to scroll it into view.
pub(super) fn value_cell(
    ui: &mut Ui,
    t: &Table<'_>,
    i: usize,
    j: usize,
    c: &Criterion,
    m: &Metrics,
    actions: &mut Vec<Action>,
) -> Option<Rect> {
    let s = t.s;
    let o = &s.options[i];
    let rect = ui.max_rect();
    let id = cell_id(o, c);
    let resp = ui.interact(rect, id, Sense::click());
    let cell = t.lookup.cell(s, i, j);
    let value = cell.and_then(|c| c.value);
    let normalised =
        t.d.ranking
            .as_ref()
            .ok()
            .and_then(|r| r.normalized.get(i)?.get(j).copied());
    let painter = ui.painter();
    let background = match (value, normalised) {
        (Some(_), Some(n)) => Some(theme::value_colour(n)),
        _ => None,
    };
    if let Some(bg) = background {
        painter.rect_filled(rect, 2.0, bg);
    }
    let (value_text, range_text) = cell_text(cell);
    // Black or white on the cell's colour, whichever reads better (the scale runs dark to light).
    let (ink, faint) = match (value, background) {
        (None, _) => {
            let weak = ui.visuals().weak_text_color();
            (weak, weak)
        }
        (Some(_), Some(bg)) => {
            let ink = theme::text_on(bg);
            (ink, ink.gamma_multiply(0.8))
        }
        (Some(_), None) => (ui.visuals().text_color(), ui.visuals().weak_text_color()),
    };
    // The value right-aligned in its slot, so decimal points line up down the column.
    let slot = m.value_width.get(j).copied().unwrap_or(0.0);
    let value_galley = painter.layout_no_wrap(value_text.clone(), m.body.clone(), ink);
    let x = rect.left() + m.pad + (slot - value_galley.size().x).max(0.0);
    let mut job = LayoutJob::default();
    job.append(&value_text, 0.0, TextFormat::simple(m.body.clone(), ink));
    if !m.compact {
        job.append(&range_text, 0.0, TextFormat::simple(m.small.clone(), faint));
    }
    let galley = painter.layout_job(job);
    let y = rect.center().y - galley.size().y / 2.0;
    painter.galley(egui::pos2(x, y), galley, ink);

    let is_selected = t.selected == Some((i, j));
    let focused = resp.has_focus();
    if is_selected || resp.hovered() {
        let width = if is_selected && focused { 2.0 } else { 1.0 };
        let colour = if is_selected {
            background.map_or(ui.visuals().strong_text_color(), theme::text_on)
        } else {
            ui.visuals().weak_text_color()
        };
        painter.rect_stroke(
            rect.shrink(width / 2.0),
            2.0,
            Stroke::new(width, colour),
            egui::StrokeKind::Inside,
        );
    }

    let lang = i18n::lang();
    let label = format!("{}, {}", o.label_in(lang), c.label_in(lang));
    let text = format!("{value_text}{range_text}");
    resp.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::Cell, true, &label);
        info.current_text_value = Some(text.clone());
        info
    });
    if resp.clicked() {
        resp.request_focus();
    }
    if resp.clicked() || resp.gained_focus() {
        actions.push(Action::Select(i, j));
    }
    if resp.double_clicked() {
        actions.push(Action::Edit(i, j, rect));
    }
    if is_selected && t.focus {
        resp.request_focus();
    }
    if focused {
        // The arrow keys move the selection, not egui's focus.
        ui.memory_mut(|mem| {
            mem.set_focus_lock_filter(
                id,
                EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    ..Default::default()
                },
            );
        });
    }
    let revealed = (resp.gained_focus() || (is_selected && t.focus)).then_some(rect);
    resp.on_hover_ui(|ui| cell_tooltip(ui, o, c, cell, normalised));
    revealed
}

fn cell_tooltip(
    ui: &mut Ui,
    o: &PolicyOption,
    c: &Criterion,
    cell: Option<&Cell>,
    normalised: Option<f64>,
) {
    let (t, lang) = (i18n::s(), i18n::lang());
    plain_tooltip(ui, 400.0);
    ui.label(RichText::new(o.name_in(lang)).strong());
    ui.label(RichText::new(format!("{} ({})", c.name_in(lang), scale_text(c))).weak());
    ui.add_space(2.0);
    match cell.and_then(|c| c.value) {
        Some(v) => {
            let norm = normalised.map_or(String::new(), |n| {
                fill(t.matrix_normalised, &[&format!("{n:.2}")])
            });
            ui.label(fill(t.matrix_value_is, &[&number_text(v), &norm]));
        }
        None => {
            ui.label(t.matrix_no_value);
        }
    }
    match cell.and_then(|c| c.uncertainty.as_ref()) {
        Some(Uncertainty::Range { low, high }) => {
            ui.label(fill(
                t.matrix_range,
                &[&number_text(*low), &number_text(*high)],
            ));
        }
        Some(Uncertainty::Triangular { low, likely, high }) => {
            ui.label(fill(
                t.matrix_range_likely,
                &[
                    &number_text(*low),
                    &number_text(*high),
                    &number_text(*likely),
                ],
            ));
        }
        None => {}
    }
    if let Some(cell) = cell {
        ui.label(match cell.basis {
            Basis::Illustrative => t.matrix_basis_illustrative,
            Basis::Sourced => t.matrix_basis_sourced,
        });
        if !cell.rationale.is_empty() {
            ui.label(fill(t.matrix_why, &[&cell.rationale]));
        }
        if !cell.source.is_empty() {
            ui.label(fill(t.source_is, &[&cell.source]));
        }
    }
    ui.label(RichText::new(t.matrix_edit_hint).small().weak());
}
