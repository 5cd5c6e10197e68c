//! The options × profiles matrix of ranks: one row per option, one column per profile (similar
//! profiles side by side), each cell coloured by rank with the score on hover. Clicking a
//! heading sorts the rows: by the scenario's order, by mean rank, or by one profile's ranking.

use egui::{Align, Align2, Color32, FontId, Layout, RichText, Sense, Ui, vec2};

use super::{Cache, Sort, option_label, profile_name};
use crate::analysis::perspectives::Perspectives;
use crate::app::theme;
use crate::i18n::perspectives::t;
use crate::i18n::{self, fill};
use crate::scenario::model::Scenario;

/// Draws the matrix; returns the sort asked for by a click on a heading.
pub(super) fn matrix(
    ui: &mut Ui,
    s: &Scenario,
    p: &Perspectives,
    cache: &Cache,
    sort: &Sort,
) -> Option<Sort> {
    let tx = t();
    let body = ui.text_style_height(&egui::TextStyle::Body);
    // The profiles' columns share what the option and mean-rank columns leave, each wide
    // enough for a name on a few lines; past that the matrix scrolls sideways.
    let profiles = p.order.len().max(1) as f32;
    let col_w =
        ((ui.available_width() - body * 13.0) / profiles - 6.0).clamp(body * 5.0, body * 7.5);
    let cell = vec2(col_w, body * 1.5);
    let mean_w = body * 5.0;
    let n = p.options.len();
    let mut asked = None;
    egui::ScrollArea::horizontal()
        .id_salt("perspectives-ranks")
        .show(ui, |ui| {
            egui::Grid::new("perspectives-ranks-grid")
                .spacing([6.0, 3.0])
                .min_col_width(0.0)
                .show(ui, |ui| {
                    if heading(
                        ui,
                        tx.col_option,
                        tx.sort_file_hover,
                        *sort == Sort::File,
                        None,
                    ) {
                        asked = Some(Sort::File);
                    }
                    let mean = *sort == Sort::MeanRank;
                    if heading(ui, tx.col_mean_rank, tx.sort_mean_hover, mean, Some(mean_w)) {
                        asked = Some(Sort::MeanRank);
                    }
                    for &k in &p.order {
                        let name = profile_name(s, p, k);
                        let id = &p.profiles[k];
                        let on = matches!(sort, Sort::Profile(x) if x == id);
                        let hover = fill(tx.sort_profile_hover, &[&name]);
                        if heading(ui, &name, &hover, on, Some(col_w)) {
                            asked = Some(Sort::Profile(id.clone()));
                        }
                    }
                    ui.end_row();
                    for &i in &cache.rows {
                        option_cell(ui, s, cache, i);
                        ui.allocate_ui_with_layout(
                            vec2(mean_w, cell.y),
                            Layout::centered_and_justified(egui::Direction::LeftToRight),
                            |ui| {
                                ui.label(format!("{:.1}", cache.mean_rank[i]));
                            },
                        );
                        for &k in &p.order {
                            rank_cell(ui, s, p, k, i, n, cell);
                        }
                        ui.end_row();
                    }
                });
        });
    asked
}

/// A heading that sorts when clicked, wrapped to `width` when given, highlighted while its sort
/// is on.
fn heading(ui: &mut Ui, text: &str, hover: &str, on: bool, width: Option<f32>) -> bool {
    let mut rich = RichText::new(text).strong();
    if on {
        let bg = ui.visuals().selection.bg_fill;
        rich = rich.background_color(bg).color(theme::text_on(bg));
    }
    let label = egui::Label::new(rich).wrap().sense(Sense::click());
    let response = match width {
        Some(w) => {
            // Top-aligned in the row, `w` wide, as tall as the wrapped name.
            ui.with_layout(Layout::top_down(Align::Center), |ui| {
                ui.set_width(w);
                ui.add(label)
            })
            .inner
        }
        None => {
            ui.with_layout(Layout::top_down(Align::Min), |ui| ui.add(label))
                .inner
        }
    };
    response
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text(hover)
        .clicked()
}

/// The option's label, highlighted when it is in every profile's top k.
fn option_cell(ui: &mut Ui, s: &Scenario, cache: &Cache, i: usize) {
    let tx = t();
    let label = option_label(s, i);
    let full = s
        .options
        .get(i)
        .map_or_else(String::new, |o| o.name_in(i18n::lang()).to_string());
    if cache.ground.contains(&i) {
        let bg = ui.visuals().selection.bg_fill;
        let text = RichText::new(format!("✔ {label}"))
            .strong()
            .background_color(bg)
            .color(theme::text_on(bg));
        ui.label(text)
            .on_hover_text(format!("{full}\n{}", fill(tx.in_ground_hover, &[&cache.k])));
    } else {
        ui.label(label).on_hover_text(full);
    }
}

/// One rank, painted in its colour (light for the top ranks), the score on hover.
fn rank_cell(
    ui: &mut Ui,
    s: &Scenario,
    p: &Perspectives,
    k: usize,
    i: usize,
    n: usize,
    size: egui::Vec2,
) {
    let tx = t();
    let rank = p.ranks[k][i];
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let fill_colour = rank_colour(rank, n);
    let body = ui.text_style_height(&egui::TextStyle::Body);
    ui.painter().rect_filled(rect.shrink(1.0), 2.0, fill_colour);
    ui.painter().text(
        rect.center(),
        Align2::CENTER_CENTER,
        rank.to_string(),
        FontId::monospace(body * 0.95),
        theme::text_on(fill_colour),
    );
    let text = rank.to_string();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, &text));
    let score = p.scores[k][i];
    response.on_hover_text(fill(
        tx.cell_hover,
        &[
            &option_label(s, i),
            &profile_name(s, p, k),
            &rank,
            &n,
            &format!("{score:.3}"),
        ],
    ));
}

/// Light for the top ranks, dark for the bottom (the Methods view's scale).
fn rank_colour(rank: usize, n: usize) -> Color32 {
    let x = if n > 1 {
        1.0 - rank.saturating_sub(1) as f64 / (n - 1) as f64
    } else {
        1.0
    };
    theme::value_colour(x)
}
