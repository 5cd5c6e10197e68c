//! Each profile's effective criterion weights as one stacked bar (criteria in the shared
//! colours, in scenario order, so the same criterion sits at the same place in every bar), with
//! the percentage printed where it fits and on hover, and a legend of the criteria.

use egui::{Align2, Color32, FontId, Rect, Sense, Ui, pos2, vec2};

use super::profile_name;
use crate::analysis::perspectives::Perspectives;
use crate::app::theme;
use crate::i18n::perspectives::t;
use crate::i18n::{self, fill};
use crate::scenario::model::Scenario;

pub(super) fn bars(ui: &mut Ui, s: &Scenario, p: &Perspectives) {
    let tx = t();
    let lang = i18n::lang();
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let font = FontId::proportional(body * 0.85);
    let text_colour = ui.visuals().text_color();
    let fonts = ui.ctx().clone();
    let width = |s: &str| {
        fonts
            .fonts_mut(|f| f.layout_no_wrap(s.to_string(), font.clone(), Color32::WHITE))
            .size()
            .x
    };
    let names: Vec<String> = p.order.iter().map(|&k| profile_name(s, p, k)).collect();
    let name_w = names.iter().map(|n| width(n)).fold(0.0_f32, f32::max) + 12.0;
    // The bars take what is left of the width, within reason.
    let bar_w = (ui.available_width() - name_w - 8.0).clamp(body * 16.0, body * 48.0);
    let row_h = body * 1.7;
    let size = vec2(name_w + bar_w, row_h * names.len() as f32);
    let criterion = |j: usize| {
        s.criteria
            .get(j)
            .map_or_else(String::new, |c| c.label_in(lang).to_string())
    };
    let mut hovered = None;
    egui::ScrollArea::horizontal()
        .id_salt("perspectives-weights")
        .show(ui, |ui| {
            let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
            let painter = ui.painter_at(rect);
            let pointer = response.hover_pos();
            for (r, &k) in p.order.iter().enumerate() {
                let top = rect.top() + row_h * r as f32;
                painter.text(
                    pos2(rect.left() + name_w - 12.0, top + row_h / 2.0),
                    Align2::RIGHT_CENTER,
                    &names[r],
                    font.clone(),
                    text_colour,
                );
                let mut x = rect.left() + name_w;
                for (j, &w) in p.weights[k].iter().enumerate() {
                    if w <= 0.0 {
                        continue;
                    }
                    let seg = Rect::from_min_size(
                        pos2(x, top + row_h * 0.12),
                        vec2(bar_w * w as f32, row_h * 0.76),
                    );
                    x = seg.right();
                    let colour = theme::criterion_colour(j);
                    painter.rect_filled(seg, 0.0, colour);
                    let label = format!("{:.0}", w * 100.0);
                    if width(&label) + 4.0 <= seg.width() {
                        painter.text(
                            seg.center(),
                            Align2::CENTER_CENTER,
                            label,
                            font.clone(),
                            theme::text_on(colour),
                        );
                    }
                    if pointer.is_some_and(|pos| seg.contains(pos)) {
                        hovered = Some((k, j, w));
                    }
                }
            }
            if let Some((k, j, w)) = hovered {
                response.on_hover_text_at_pointer(fill(
                    tx.weight_hover,
                    &[
                        &profile_name(s, p, k),
                        &criterion(j),
                        &format!("{:.1}", w * 100.0),
                    ],
                ));
            }
        });
    // The criteria that weigh something under some profile.
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        for (j, c) in s.criteria.iter().enumerate() {
            if p.weights.iter().any(|w| w.get(j).is_some_and(|x| *x > 0.0)) {
                crate::app::views::legend_entry(
                    ui,
                    theme::criterion_colour(j),
                    c.label_in(lang),
                    c.name_in(lang),
                );
            }
        }
    });
}
