//! The options × profiles matrix of ranks: one row per option, one column per profile (similar
//! profiles side by side), each cell coloured by rank with the score on hover. Clicking a
//! heading sorts the rows: by the scenario's order, by mean rank, or by one profile's ranking.

use egui::{Align, Align2, Color32, FontId, Layout, RichText, Sense, Ui, vec2};

use super::{Cache, Sort, option_label, profile_name};
use crate::analysis::perspectives::Perspectives;
use crate::app::theme;
use crate::app::views::rows;
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
    let lang = i18n::lang();
    let option_w = rows::widest(
        ui,
        "perspectives-options",
        (cache.data_revision, lang),
        s.options.iter().map(|o| o.label_in(lang)).chain([tx.col_option]),
        rows::body(ui),
    )
    .clamp(body * 2.0, body * 16.0)
        // Room for the tick of the common ground and its strong face.
        + if cache.ground.is_empty() { 0.0 } else { body * 1.5 };
    let gap = 6.0;
    let width = option_w + mean_w + (col_w + gap) * p.order.len() as f32 + gap;
    let mut asked = None;
    egui::ScrollArea::horizontal()
        .id_salt("perspectives-ranks")
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = gap;
                let on = *sort == Sort::File;
                if rows::heading(ui, option_w, Align::Min, |ui| {
                    heading(ui, tx.col_option, tx.sort_file_hover, on)
                }) {
                    asked = Some(Sort::File);
                }
                let on = *sort == Sort::MeanRank;
                if rows::heading(ui, mean_w, Align::Center, |ui| {
                    heading(ui, tx.col_mean_rank, tx.sort_mean_hover, on)
                }) {
                    asked = Some(Sort::MeanRank);
                }
                for &k in &p.order {
                    let name = profile_name(s, p, k);
                    let id = &p.profiles[k];
                    let on = matches!(sort, Sort::Profile(x) if x == id);
                    let hover = fill(tx.sort_profile_hover, &[&name]);
                    if rows::heading(ui, col_w, Align::Center, |ui| {
                        heading(ui, &name, &hover, on)
                    }) {
                        asked = Some(Sort::Profile(id.clone()));
                    }
                }
            });
            ui.add_space(3.0);
            rows::rows(ui, width, cell.y + 3.0, cache.rows.len(), |ui, row| {
                let i = cache.rows[row];
                ui.spacing_mut().item_spacing.x = gap;
                rows::cell(ui, option_w, |ui| option_cell(ui, s, cache, i));
                rows::cell(ui, mean_w, |ui| {
                    ui.with_layout(
                        Layout::centered_and_justified(egui::Direction::LeftToRight),
                        |ui| ui.label(format!("{:.1}", cache.mean_rank[i])),
                    );
                });
                for &k in &p.order {
                    rank_cell(ui, s, p, k, i, n, cell);
                }
            });
        });
    asked
}

/// A heading that sorts when clicked, wrapped to its column, highlighted while its sort is on.
fn heading(ui: &mut Ui, text: &str, hover: &str, on: bool) -> bool {
    let mut rich = RichText::new(text).strong();
    if on {
        let bg = ui.visuals().selection.bg_fill;
        rich = rich.background_color(bg).color(theme::text_on(bg));
    }
    ui.add(egui::Label::new(rich).wrap().sense(Sense::click()))
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
