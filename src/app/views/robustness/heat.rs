//! SMAA's results as painted heat maps (cividis, the number in each cell): rank acceptability,
//! pairwise winning, and central weights with confidence factors.

use egui::{Align2, FontId, Pos2, RichText, Ui, pos2, vec2};

use super::Room;
use crate::analysis::smaa::Smaa;
use crate::app::theme;
use crate::app::views::rows;
use crate::i18n::{self, fill};
use crate::scenario::model::Scenario;

/// The "robust across the room" choices (how many top places, what share of draws) and what
/// they mark.
pub(super) fn room_controls(ui: &mut Ui, r: &Smaa, room: &mut Room) {
    let rt = i18n::robustness::t();
    let m = r.options.len().max(1);
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        let size = ui.text_style_height(&egui::TextStyle::Body);
        let (rect, _) = ui.allocate_exact_size(vec2(size, size), egui::Sense::hover());
        diamond(ui, rect.center(), size * 0.4);
        ui.label(RichText::new(rt.room_label).strong());
        let places = ui.label(rt.room_places);
        ui.add(egui::DragValue::new(&mut room.places).range(1..=m))
            .labelled_by(places.id);
        let share = ui.label(rt.room_share);
        let mut percent = (room.share * 100.0).round();
        if ui
            .add(
                egui::DragValue::new(&mut percent)
                    .range(0.0..=100.0)
                    .speed(1.0)
                    .suffix(" %"),
            )
            .labelled_by(share.id)
            .changed()
        {
            room.share = percent / 100.0;
        }
    });
    let percent = format!("{:.0}", room.share * 100.0);
    let any = (0..r.options.len()).any(|i| room.holds(r, i));
    let note = if any { rt.room_marked } else { rt.room_none };
    ui.label(RichText::new(fill(note, &[&room.places.min(m), &percent])).weak());
}

/// The marker of an option robust across the room: a filled diamond.
fn diamond(ui: &Ui, c: Pos2, r: f32) {
    let points = vec![
        pos2(c.x, c.y - r),
        pos2(c.x + r, c.y),
        pos2(c.x, c.y + r),
        pos2(c.x - r, c.y),
    ];
    let fill = ui.visuals().selection.bg_fill;
    let stroke = egui::Stroke::new(1.0, ui.visuals().strong_text_color());
    ui.painter()
        .add(egui::Shape::convex_polygon(points, fill, stroke));
}

pub(super) fn show_smaa(ui: &mut Ui, s: &Scenario, r: &Smaa, room: Room) {
    let t = i18n::s();
    let lang = i18n::lang();
    ui.label(
        RichText::new(fill(
            t.robust_smaa_note,
            &[
                &r.draws,
                &super::weights_name(r.weights),
                &r.uncertain_cells,
            ],
        ))
        .weak(),
    );
    let m = r.options.len();
    // Options by holistic acceptability, the surest first.
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| r.options[b].holistic.total_cmp(&r.options[a].holistic));
    let name = |i: usize| {
        s.options.get(i).map_or_else(
            || r.options[i].option.clone(),
            |o| o.label_in(lang).to_string(),
        )
    };
    let rows: Vec<String> = order.iter().map(|&i| name(i)).collect();
    // Pairwise: rows numbered, the columns by those numbers, so the map stays square.
    let numbered: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(k, n)| format!("{}  {n}", k + 1))
        .collect();

    ui.add_space(6.0);
    ui.label(RichText::new(t.robust_acceptability_heading).strong());
    ui.label(RichText::new(t.robust_acceptability_note).weak());
    let cols: Vec<String> = (1..=m).map(|k| format!("#{k}")).collect();
    // Rows robust across the room carry a marker, explained on hover.
    let rt = i18n::robustness::t();
    let marks: Vec<Option<String>> = order
        .iter()
        .map(|&i| {
            room.holds(r, i).then(|| {
                let share = format!("{:.0}", room.top_share(r, i) * 100.0);
                let asked = format!("{:.0}", room.share * 100.0);
                fill(rt.room_hover, &[&room.places.min(m), &asked, &share])
            })
        })
        .collect();
    heat_map(
        ui,
        "acc",
        &rows,
        &cols,
        (r.weights == crate::analysis::smaa::WeightInfo::Profiles).then_some(&marks[..]),
        |_| 1.0,
        |row, col| r.options[order[row]].rank_acceptability.get(col).copied(),
    );
    // The Monte Carlo error: twice the largest standard error, in percentage points.
    let se = r
        .options
        .iter()
        .flat_map(|o| o.standard_error.iter().copied())
        .fold(0.0_f64, f64::max);
    ui.label(RichText::new(fill(t.robust_precision, &[&format!("{:.1}", 200.0 * se)])).weak());

    ui.add_space(8.0);
    ui.label(RichText::new(t.robust_pairwise_heading).strong());
    ui.label(RichText::new(t.robust_pairwise_note).weak());
    let short: Vec<String> = (1..=m).map(|k| k.to_string()).collect();
    heat_map(
        ui,
        "pair",
        &numbered,
        &short,
        None,
        |_| 1.0,
        |row, col| (row != col).then(|| r.pairwise_winning[order[row]][order[col]]),
    );

    ui.add_space(8.0);
    ui.label(RichText::new(t.robust_central_heading).strong());
    ui.label(RichText::new(t.robust_central_note).weak());
    let mut cols: Vec<String> = r
        .criteria
        .iter()
        .map(|id| {
            s.criteria
                .iter()
                .find(|c| &c.id == id)
                .map_or_else(|| id.clone(), |c| c.label_in(lang).to_string())
        })
        .collect();
    cols.push(t.robust_confidence.to_string());
    let n = r.criteria.len();
    // Central weights are coloured against the largest of them (a dozen weights share 1, so
    // against 1 they would all look alike); confidence against 1.
    let top = r
        .options
        .iter()
        .filter_map(|o| o.central_weights.as_ref())
        .flatten()
        .copied()
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let scale = move |col: usize| if col == n { 1.0 } else { top };
    heat_map(ui, "central", &rows, &cols, None, scale, |row, col| {
        let o = &r.options[order[row]];
        if col == n {
            o.confidence
        } else {
            o.central_weights.as_ref()?.get(col).copied()
        }
    });
}

/// A grid of cells coloured by value (cividis, 0 to the column's `scale`) with the value as a
/// percentage in each; `None` cells are left blank. With `marks`, a column before the names
/// holds a marker on the rows that have a hover text.
fn heat_map(
    ui: &mut Ui,
    id: &str,
    rows: &[String],
    cols: &[String],
    marks: Option<&[Option<String>]>,
    scale: impl Fn(usize) -> f64,
    value: impl Fn(usize, usize) -> Option<f64>,
) {
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let font = FontId::proportional(body * 0.9);
    let text = ui.visuals().text_color();
    // Measured again only when the names or the font change (1,000 of them each frame cost
    // a millisecond); the texts themselves are the key.
    let widest = |salt: &str, texts: &[String]| {
        rows::widest(
            ui,
            salt,
            texts,
            texts.iter().map(String::as_str),
            font.clone(),
        )
    };
    let mark_w = if marks.is_some() { body * 1.4 } else { 0.0 };
    let name_w = widest(&format!("{id}-rows"), rows) + 10.0 + mark_w;
    let cell_w =
        widest(&format!("{id}-cols"), cols).max(widest("percent", &["100 %".into()])) + 10.0;
    let cell_h = body * 1.6;
    let size = vec2(
        name_w + cell_w * cols.len() as f32,
        cell_h * (rows.len() as f32 + 1.0),
    );
    egui::ScrollArea::horizontal()
        .id_salt(("robust-heat", id))
        .show(ui, |ui| {
            let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let p = ui.painter_at(rect);
            // Only the cells in sight are painted: at 200 options the two n × n maps held
            // 80,000 cells, and a frame took over 100 ms.
            let seen = ui.clip_rect().intersect(rect);
            if !seen.is_positive() {
                return;
            }
            let span = |from: f32, to: f32, origin: f32, step: f32, n: usize| {
                let first = ((from - origin) / step).floor().max(0.0) as usize;
                let last = (((to - origin) / step).ceil().max(0.0) as usize).min(n);
                first..last.max(first)
            };
            let body_top = rect.top() + cell_h;
            let cells_left = rect.left() + name_w;
            let row_range = span(seen.top(), seen.bottom(), body_top, cell_h, rows.len());
            let col_range = span(seen.left(), seen.right(), cells_left, cell_w, cols.len());
            for c in col_range.clone() {
                let x = cells_left + cell_w * (c as f32 + 0.5);
                p.text(
                    pos2(x, rect.top() + cell_h / 2.0),
                    Align2::CENTER_CENTER,
                    &cols[c],
                    font.clone(),
                    text,
                );
            }
            for r in row_range {
                let y = body_top + cell_h * r as f32;
                p.text(
                    pos2(cells_left - 10.0, y + cell_h / 2.0),
                    Align2::RIGHT_CENTER,
                    &rows[r],
                    font.clone(),
                    text,
                );
                if let Some(hover) = marks.and_then(|m| m.get(r)).and_then(Option::as_ref) {
                    let at = pos2(rect.left() + mark_w / 2.0, y + cell_h / 2.0);
                    diamond(ui, at, body * 0.4);
                    let area = egui::Rect::from_center_size(at, vec2(mark_w, cell_h));
                    let response = ui.interact(
                        area,
                        ui.scope_id().with((id, "mark", r)),
                        egui::Sense::hover(),
                    );
                    // Screen readers (and tests) read the marker as its explanation.
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, hover)
                    });
                    response.on_hover_text(hover.as_str());
                }
                for c in col_range.clone() {
                    let Some(v) = value(r, c) else { continue };
                    let cell = egui::Rect::from_min_size(
                        pos2(cells_left + cell_w * c as f32, y),
                        vec2(cell_w, cell_h),
                    )
                    .shrink(1.0);
                    let fill = theme::value_colour(v / scale(c));
                    p.rect_filled(cell, 2.0, fill);
                    p.text(
                        cell.center(),
                        Align2::CENTER_CENTER,
                        format!("{:.0} %", v * 100.0),
                        font.clone(),
                        theme::text_on(fill),
                    );
                }
            }
        });
}
