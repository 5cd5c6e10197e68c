//! Kendall's τ-b between every two profiles' rankings as a painted heat map (cividis from −1 to
//! +1), profiles in the clustering order so that blocks of like-minded profiles show, with the
//! value in each cell where it fits, on hover, and a legend.

use egui::{Align2, Color32, FontId, Rect, Sense, Ui, pos2, vec2};

use super::profile_name;
use crate::analysis::perspectives::Perspectives;
use crate::app::theme;
use crate::i18n::fill;
use crate::i18n::perspectives::t;
use crate::scenario::model::Scenario;

/// τ-b as a fraction of the colour scale: −1 → 0, +1 → 1.
fn colour(tau: f64) -> Color32 {
    theme::value_colour((tau + 1.0) / 2.0)
}

/// τ as shown: a sign and two decimals ("+0.64", "−0.20").
pub(super) fn tau_text(tau: f64) -> String {
    let text = format!("{tau:+.2}");
    text.replace('-', "−")
}

pub(super) fn heat_map(ui: &mut Ui, s: &Scenario, p: &Perspectives) {
    let tx = t();
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let font = FontId::proportional(body * 0.9);
    let text_colour = ui.visuals().text_color();
    let width = |s: &str| {
        ui.painter()
            .layout_no_wrap(s.to_string(), font.clone(), Color32::WHITE)
            .size()
            .x
    };
    let m = p.order.len();
    // Rows "1  name"; columns by those numbers, so the map stays square and narrow.
    let rows: Vec<String> = p
        .order
        .iter()
        .enumerate()
        .map(|(r, &k)| format!("{}  {}", r + 1, profile_name(s, p, k)))
        .collect();
    let name_w = rows.iter().map(|r| width(r)).fold(0.0_f32, f32::max) + 12.0;
    let text_w = width("−0.00");
    // Cells at least a line high and square-ish; the value is printed when it fits.
    let cell_w = (text_w + 10.0).max(body * 2.0);
    let cell_h = body * 1.6;
    let size = vec2(name_w + cell_w * m as f32, cell_h * (m as f32 + 1.0));
    let mut hovered = None;
    egui::ScrollArea::horizontal()
        .id_salt("perspectives-tau")
        .show(ui, |ui| {
            let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
            let painter = ui.painter_at(rect);
            let cell_rect = |r: usize, c: usize| {
                Rect::from_min_size(
                    pos2(
                        rect.left() + name_w + cell_w * c as f32,
                        rect.top() + cell_h * (r as f32 + 1.0),
                    ),
                    vec2(cell_w, cell_h),
                )
            };
            for c in 0..m {
                let x = rect.left() + name_w + cell_w * (c as f32 + 0.5);
                painter.text(
                    pos2(x, rect.top() + cell_h / 2.0),
                    Align2::CENTER_CENTER,
                    (c + 1).to_string(),
                    font.clone(),
                    text_colour,
                );
            }
            for (r, label) in rows.iter().enumerate() {
                let y = rect.top() + cell_h * (r as f32 + 1.5);
                painter.text(
                    pos2(rect.left() + name_w - 12.0, y),
                    Align2::RIGHT_CENTER,
                    label,
                    font.clone(),
                    text_colour,
                );
                for c in 0..m {
                    let cell = cell_rect(r, c).shrink(1.0);
                    let (a, b) = (p.order[r], p.order[c]);
                    match p.kendall_tau[a][b] {
                        // A profile against itself says nothing: an outline only.
                        _ if a == b => {
                            painter.rect_stroke(
                                cell,
                                2.0,
                                (1.0, ui.visuals().weak_text_color()),
                                egui::StrokeKind::Inside,
                            );
                        }
                        Some(tau) => {
                            let fill_colour = colour(tau);
                            painter.rect_filled(cell, 2.0, fill_colour);
                            if text_w + 4.0 <= cell.width() {
                                painter.text(
                                    cell.center(),
                                    Align2::CENTER_CENTER,
                                    tau_text(tau),
                                    font.clone(),
                                    theme::text_on(fill_colour),
                                );
                            }
                        }
                        None => {
                            painter.text(
                                cell.center(),
                                Align2::CENTER_CENTER,
                                "—",
                                font.clone(),
                                ui.visuals().weak_text_color(),
                            );
                        }
                    }
                }
            }
            if let Some(pos) = response.hover_pos() {
                hovered = (0..m)
                    .flat_map(|r| (0..m).map(move |c| (r, c)))
                    .find(|&(r, c)| cell_rect(r, c).contains(pos));
            }
            if let Some((r, c)) = hovered {
                let (a, b) = (p.order[r], p.order[c]);
                let value = p.kendall_tau[a][b].map_or(tx.tau_undefined.to_string(), tau_text);
                response.on_hover_text_at_pointer(fill(
                    tx.tau_hover,
                    &[&profile_name(s, p, a), &profile_name(s, p, b), &value],
                ));
            }
        });
    legend(ui, body);
}

/// The colour scale from −1 to +1, with its ends in words.
fn legend(ui: &mut Ui, body: f32) {
    let tx = t();
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(tx.tau_legend_low).weak());
        let (rect, _) = ui.allocate_exact_size(vec2(body * 10.0, body), Sense::hover());
        let steps = 40;
        let w = rect.width() / steps as f32;
        for k in 0..steps {
            let x = k as f64 / (steps - 1) as f64;
            let r = Rect::from_min_size(
                pos2(rect.left() + w * k as f32, rect.top()),
                vec2(w + 0.5, rect.height()),
            );
            ui.painter().rect_filled(r, 0.0, theme::value_colour(x));
        }
        ui.label(egui::RichText::new(tx.tau_legend_high).weak());
    });
}
