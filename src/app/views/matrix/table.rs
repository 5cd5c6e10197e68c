//! The table itself: option names and scores in a frozen table on the left, criteria in a
//! table that scrolls sideways on the right, kept level by one shared vertical offset. Also
//! the sortable headers, the arrow-key selection and the colour legend.

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{
    Align, Color32, Id, Key, Modifiers, Rect, Response, RichText, Role, Sense, Stroke, Ui, Vec2,
    WidgetInfo, vec2,
};
use egui_extras::{Column, TableBuilder};

use super::cells::{
    cell_id, option_cell, plain_tooltip, rename_remove_menu, score_cell, value_cell,
};
use super::lookup::{Sort, SortKey};
use super::metrics::{Metrics, Table, text_width};
use super::text::{header_suffix, scale_text};
use super::{Action, Thing};
use crate::app::theme;
use crate::i18n;
use crate::scenario::model::{Criterion, Direction, Scenario};

/// The colour ramp of the cells, worse to better.
pub(super) fn legend(ui: &mut Ui) {
    let t = i18n::s();
    ui.label(RichText::new(t.matrix_worse).small().weak());
    let (rect, _) = ui.allocate_exact_size(vec2(80.0, 12.0), Sense::hover());
    let steps = 24;
    let w = rect.width() / steps as f32;
    for k in 0..steps {
        let t = (f64::from(k) + 0.5) / f64::from(steps);
        let r = Rect::from_min_size(
            rect.min + vec2(k as f32 * w, 0.0),
            vec2(w + 0.5, rect.height()),
        );
        ui.painter().rect_filled(r, 0.0, theme::value_colour(t));
    }
    ui.label(RichText::new(t.matrix_better).small().weak())
        .on_hover_text(t.matrix_legend_hover);
    ui.label(RichText::new(t.matrix_legend_rest).small().weak());
}

/// Arrow keys move the selection and Enter opens the editor, while the selected cell has focus.
pub(super) fn keyboard(
    ui: &Ui,
    s: &Scenario,
    rows: &[usize],
    selected: Option<(usize, usize)>,
    actions: &mut Vec<Action>,
) {
    let Some((i, j)) = selected else { return };
    let id = cell_id(&s.options[i], &s.criteria[j]);
    if !ui.memory(|m| m.has_focus(id)) {
        return;
    }
    let Some(p) = rows.iter().position(|&r| r == i) else {
        return;
    };
    let key = |k: Key| ui.input_mut(|input| input.consume_key(Modifiers::NONE, k));
    if key(Key::Enter) {
        let rect = ui
            .ctx()
            .read_response(id)
            .map_or(Rect::from_min_size(ui.max_rect().min, Vec2::ZERO), |r| {
                r.rect
            });
        actions.push(Action::Edit(i, j, rect));
        return;
    }
    let (mut p2, mut j2) = (p, j);
    if key(Key::ArrowUp) {
        p2 = p2.saturating_sub(1);
    }
    if key(Key::ArrowDown) {
        p2 = (p2 + 1).min(rows.len().saturating_sub(1));
    }
    if key(Key::ArrowLeft) {
        j2 = j2.saturating_sub(1);
    }
    if key(Key::ArrowRight) {
        j2 = (j2 + 1).min(s.criteria.len().saturating_sub(1));
    }
    if (p2, j2) != (p, j)
        && let Some(&i2) = rows.get(p2)
    {
        actions.push(Action::Move(i2, j2));
    }
}

/// The row of the selected cell, when a keyboard move asks to show it.
fn row_to_show(t: &Table<'_>) -> Option<usize> {
    let (i, _) = t.selected.filter(|_| t.focus)?;
    t.rows.iter().position(|&r| r == i)
}

/// The frozen left table: option names and scores. Returns its vertical scroll offset.
pub(super) fn names_table(
    ui: &mut Ui,
    t: &Table<'_>,
    m: &Metrics,
    scroll_y: f32,
    actions: &mut Vec<Action>,
) -> f32 {
    let s = t.s;
    let words = i18n::s();
    let mut builder = TableBuilder::new(ui)
        .id_salt("matrix-names")
        .striped(true)
        .resizable(true)
        .auto_shrink([true, true])
        .vertical_scroll_offset(scroll_y)
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::initial(m.name_width).at_least(60.0).clip(true))
        .column(Column::initial(m.score_width).at_least(56.0).clip(true));
    if let Some(p) = row_to_show(t) {
        builder = builder.scroll_to_row(p, None);
    }
    builder
        .header(m.header_height, |mut header| {
            header.col(|ui| {
                let r = header_cell(ui, t.sort, &SortKey::Name, false, words.col_option, "", m)
                    .on_hover_text(words.matrix_option_hover);
                if r.clicked() {
                    actions.push(Action::Sort(SortKey::Name));
                }
            });
            header.col(|ui| {
                let r = header_cell(ui, t.sort, &SortKey::Score, true, words.col_score, "", m)
                    .on_hover_text(words.matrix_score_hover);
                if r.clicked() {
                    actions.push(Action::Sort(SortKey::Score));
                }
            });
        })
        .body(|body| {
            body.rows(m.row_height, t.rows.len(), |mut row| {
                let Some(&i) = t.rows.get(row.index()) else {
                    return;
                };
                let o = &s.options[i];
                row.col(|ui| option_cell(ui, s, o, i, m, actions));
                row.col(|ui| score_cell(ui, t.d, o, i, m));
            });
        })
        .state
        .clamped_offset()
        .y
}

/// The criteria table. Returns its vertical scroll offset and the rectangle of a cell that
/// took keyboard focus this frame.
pub(super) fn values_table(
    ui: &mut Ui,
    t: &Table<'_>,
    m: &Metrics,
    scroll_y: f32,
    actions: &mut Vec<Action>,
) -> (f32, Option<Rect>) {
    let s = t.s;
    let mut builder = TableBuilder::new(ui)
        .id_salt("matrix-values")
        .striped(true)
        .resizable(true)
        .auto_shrink([true, true])
        .vertical_scroll_offset(scroll_y)
        .cell_layout(egui::Layout::left_to_right(Align::Center));
    for w in &m.widths {
        builder = builder.column(Column::initial(*w).at_least(44.0).clip(true));
    }
    if let Some(p) = row_to_show(t) {
        builder = builder.scroll_to_row(p, None);
    }
    let mut reveal = None;
    let y = builder
        .header(m.header_height, |mut header| {
            for c in &s.criteria {
                header.col(|ui| criterion_header(ui, s, c, t.sort, m, actions));
            }
        })
        .body(|body| {
            body.rows(m.row_height, t.rows.len(), |mut row| {
                let Some(&i) = t.rows.get(row.index()) else {
                    return;
                };
                for (j, c) in s.criteria.iter().enumerate() {
                    row.col(|ui| {
                        if let Some(rect) = value_cell(ui, t, i, j, c, m, actions) {
                            reveal = Some(rect);
                        }
                    });
                }
            });
        })
        .state
        .clamped_offset()
        .y;
    (y, reveal)
}

/// Whether sorting by `key` puts high values first.
fn descending(key: &SortKey, high_is_best: bool, reversed: bool) -> bool {
    let natural = match key {
        SortKey::File | SortKey::Name => false,
        SortKey::Score => true,
        SortKey::Criterion(_) => high_is_best,
    };
    natural != reversed
}

/// A clickable header: text (wrapping onto two lines) aligned to the bottom, a sort mark at
/// the right.
fn header_cell(
    ui: &mut Ui,
    sort: &Sort,
    key: &SortKey,
    high_is_best: bool,
    text: &str,
    suffix: &str,
    m: &Metrics,
) -> Response {
    let rect = ui.max_rect();
    let id = Id::unique(("matrix-header", key_name(key)));
    let resp = ui.interact(rect, id, Sense::click());
    let visuals = ui.visuals();
    let (strong, weak) = (visuals.strong_text_color(), visuals.weak_text_color());
    if resp.hovered() {
        ui.painter()
            .rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
    }
    // Some(true): high values at the top.
    let marker = (&sort.key == key).then(|| descending(key, high_is_best, sort.reversed));
    let max_width = (rect.width() - 2.0 * m.pad - 12.0).max(8.0);
    if m.compact && key_is_criterion(key) {
        rotated_header(ui, rect, text, suffix, marker, m, strong, weak);
    } else {
        // A suffix that does not fit beside a one-line label goes whole onto the second line, so
        // a wrap never splits it (Chinese text may break between any two characters).
        let shown_suffix = if !suffix.is_empty()
            && text_width(ui, text, &m.body) <= max_width
            && text_width(ui, &format!("{text}{suffix}"), &m.body) > max_width
        {
            format!("\n{}", suffix.trim_start())
        } else {
            suffix.to_string()
        };
        let mut job = LayoutJob::default();
        job.append(text, 0.0, TextFormat::simple(m.body.clone(), strong));
        if !shown_suffix.is_empty() {
            job.append(&shown_suffix, 0.0, TextFormat::simple(m.body.clone(), weak));
        }
        job.wrap = TextWrapping {
            max_width,
            max_rows: 2,
            break_anywhere: false,
            overflow_character: Some('…'),
        };
        let galley = ui.painter().layout_job(job);
        let pos = egui::pos2(rect.left() + m.pad, rect.bottom() - 4.0 - galley.size().y);
        ui.painter().galley(pos, galley, strong);
        if let Some(down) = marker {
            // A small triangle (drawn: the fonts have no arrow glyphs), pointing down when the
            // highest values are at the top.
            let c = rect.right_bottom() + vec2(-9.0, -11.0);
            let (w, h) = (4.5, 4.0);
            let points = if down {
                vec![c + vec2(-w, -h), c + vec2(w, -h), c + vec2(0.0, h)]
            } else {
                vec![c + vec2(0.0, -h), c + vec2(w, h), c + vec2(-w, h)]
            };
            ui.painter()
                .add(egui::Shape::convex_polygon(points, strong, Stroke::NONE));
        }
    }
    let label = format!("{text}{suffix}");
    let state = marker.map(|down| {
        let t = i18n::s();
        if down {
            t.matrix_sorted_high_first.to_string()
        } else {
            t.matrix_sorted_low_first.to_string()
        }
    });
    resp.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::ColumnHeader, true, &label);
        info.current_text_value = state.clone();
        info
    });
    resp
}

fn key_is_criterion(key: &SortKey) -> bool {
    matches!(key, SortKey::Criterion(_))
}

/// A header whose text reads upwards from the bottom of a narrow column, with the sort mark
/// at the top.
#[allow(clippy::too_many_arguments)]
fn rotated_header(
    ui: &Ui,
    rect: Rect,
    text: &str,
    suffix: &str,
    marker: Option<bool>,
    m: &Metrics,
    strong: Color32,
    weak: Color32,
) {
    let mut job = LayoutJob::default();
    job.append(text, 0.0, TextFormat::simple(m.body.clone(), strong));
    if !suffix.is_empty() {
        job.append(suffix, 0.0, TextFormat::simple(m.body.clone(), weak));
    }
    job.wrap = TextWrapping {
        max_width: (rect.height() - 2.0 * m.pad - 14.0).max(8.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    let galley = ui.painter().layout_job(job);
    // Turned a quarter left about its top-left corner, the text runs up from there and its
    // lines stack rightwards: centre it across the column.
    let pos = egui::pos2(
        rect.center().x - galley.size().y / 2.0,
        rect.bottom() - m.pad,
    );
    ui.painter().add(
        egui::epaint::TextShape::new(pos, galley, strong).with_angle(-std::f32::consts::FRAC_PI_2),
    );
    if let Some(down) = marker {
        let c = egui::pos2(rect.center().x, rect.top() + 8.0);
        let (w, h) = (4.5, 4.0);
        let points = if down {
            vec![c + vec2(-w, -h), c + vec2(w, -h), c + vec2(0.0, h)]
        } else {
            vec![c + vec2(0.0, -h), c + vec2(w, h), c + vec2(-w, h)]
        };
        ui.painter()
            .add(egui::Shape::convex_polygon(points, strong, Stroke::NONE));
    }
}

/// A stable name for a sort key, for the header's widget id.
fn key_name(key: &SortKey) -> String {
    match key {
        SortKey::File => "file".into(),
        SortKey::Name => "name".into(),
        SortKey::Score => "score".into(),
        SortKey::Criterion(id) => format!("criterion:{id}"),
    }
}

fn criterion_header(
    ui: &mut Ui,
    s: &Scenario,
    c: &Criterion,
    sort: &Sort,
    m: &Metrics,
    actions: &mut Vec<Action>,
) {
    let key = SortKey::Criterion(c.id.clone());
    let (t, lang) = (i18n::s(), i18n::lang());
    let suffix = header_suffix(c);
    let high_is_best = c.direction == Direction::Maximize;
    let label = c.label_in(lang);
    let r = header_cell(ui, sort, &key, high_is_best, label, suffix, m).on_hover_ui(|ui| {
        plain_tooltip(ui, 380.0);
        ui.label(RichText::new(c.name_in(lang)).strong());
        ui.label(RichText::new(s.family_name_in(&c.family, lang)).weak());
        if !c.description.is_empty() {
            ui.label(c.description_in(lang));
        }
        ui.label(scale_text(c));
        ui.label(RichText::new(t.matrix_criterion_hover).small().weak());
    });
    if r.clicked() {
        actions.push(Action::Sort(key));
    }
    rename_remove_menu(&r, Thing::Criterion, &c.id, actions);
}
