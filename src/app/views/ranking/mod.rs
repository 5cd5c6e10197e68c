//! Ranking view: horizontal bars of the overall score, best at the top, with ranks and scores
//! labelled. Additive methods (weighted sum, PROMETHEE II) split each bar by criterion; the
//! others show one bar per option. Below the chart, the method's own numbers.

use crate::app::labels;
use egui::{RichText, Ui};
use egui_plot::{AxisHints, Bar, BarChart, HoverPosition, Plot, PlotPoint, Text};

use crate::analysis::scoring::{MethodDetail, Ranking};
use crate::app::views::RobustnessState;
use crate::app::{Derived, theme};
use crate::i18n::{self, fill};
use crate::scenario::model::{Method, Scenario};

mod chart;

use chart::chart;

/// View state: how much of the ranking is revealed (projection mode's reveal step).
#[derive(Default)]
pub struct RankingState {
    /// `Some(k)`: only the `k` lowest-ranked options are shown, so a room sees the ranking
    /// build up to the top; `None`: all of it.
    pub reveal: Option<usize>,
    /// Projection mode: the chart and its legend take the whole view; the numbers stay on the
    /// presenter's screen.
    pub presenting: bool,
}

pub fn show(
    ui: &mut Ui,
    s: &Scenario,
    d: &Derived,
    state: &RankingState,
    robustness: &RobustnessState,
) {
    let t = i18n::s();
    ui.heading(t.view_ranking);
    let r = match &d.ranking {
        Ok(r) => r,
        Err(e) => {
            ui.colored_label(theme::ERROR, fill(t.cannot_score, &[e]));
            return;
        }
    };
    let profile = s
        .profiles
        .get(s.active_profile_index())
        .map_or("", |p| p.name_in(crate::i18n::lang()));
    ui.label(
        RichText::new(fill(
            t.ranking_subtitle,
            &[
                &labels::method_title(r.method),
                &labels::normalization_name(r.normalization),
                &profile,
                &caption(r),
            ],
        ))
        .weak(),
    );
    // Positions (0 = best) still hidden by the reveal step.
    let n = r.scores.len();
    let hidden = state.reveal.map_or(0, |k| n.saturating_sub(k));
    if state.reveal.is_some() {
        ui.label(
            RichText::new(if hidden == 0 {
                t.ranking_all_revealed.to_string()
            } else {
                fill(t.ranking_revealing, &[&hidden])
            })
            .strong(),
        );
    }
    // Measured after every line above, so the chart (and its axis title) ends at the bottom.
    let details_height = if state.presenting {
        0.0
    } else {
        (ui.available_height() * 0.36).clamp(110.0, 280.0)
    };
    // Never so short that the bars run together: about 14 points an option and the axis.
    let legible = s.options.len() as f32 * 14.0 + 60.0;
    let chart_height = (ui.available_height() - details_height).max(160.0);
    let legend = if r.additive {
        stack_order(r)
    } else {
        Vec::new()
    };
    ui.allocate_ui(egui::vec2(ui.available_width(), chart_height), |ui| {
        chart_and_legend(ui, s, r, hidden, &legend, chart_height, legible);
    });
    if state.presenting {
        return;
    }
    egui::CollapsingHeader::new(fill(
        t.ranking_in_numbers,
        &[&labels::method_title(r.method)],
    ))
    .default_open(true)
    .show(ui, |ui| {
        let first = robustness.first_rank(s, d.revision);
        details(ui, s, d, r, hidden, first.as_deref());
    });
}

/// The chart with the criteria's legend beside it (or above it when the view is narrow), never
/// over the bars.
fn chart_and_legend(
    ui: &mut Ui,
    s: &Scenario,
    r: &Ranking,
    hidden: usize,
    legend: &[usize],
    height: f32,
    legible: f32,
) {
    if legend.is_empty() {
        chart(ui, s, r, hidden, height);
        return;
    }
    let lang = i18n::lang();
    let body = egui::TextStyle::Body.resolve(ui.style());
    let swatch = ui.text_style_height(&egui::TextStyle::Body) * 0.8;
    let gap = ui.spacing().item_spacing.x;
    let widest = legend
        .iter()
        .map(|&j| {
            ui.painter()
                .layout_no_wrap(
                    s.criteria[j].label_in(lang).to_string(),
                    body.clone(),
                    egui::Color32::WHITE,
                )
                .size()
                .x
        })
        .fold(0.0_f32, f32::max);
    let legend_width = widest + swatch + 3.0 * gap;
    let rows_height = legend.len() as f32 * (ui.text_style_height(&egui::TextStyle::Body) + 4.0);
    if ui.available_width() - legend_width >= 360.0 {
        // Beside the chart, top-aligned with the bars.
        ui.horizontal_top(|ui| {
            let chart_width = ui.available_width() - legend_width - gap;
            ui.allocate_ui(egui::vec2(chart_width, height), |ui| {
                chart(ui, s, r, hidden, height);
            });
            let down = egui::Layout::top_down(egui::Align::LEFT);
            ui.allocate_ui_with_layout(egui::vec2(legend_width, height), down, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("ranking-legend")
                    .max_height(height)
                    .show(ui, |ui| {
                        ui.add_space(6.0);
                        for &j in legend {
                            legend_row(ui, s, j);
                        }
                    });
            });
        });
    } else {
        // Narrow: a wrapped strip above the chart, at most a third of the height.
        let strip = egui::ScrollArea::vertical()
            .id_salt("ranking-legend")
            .max_height((height / 3.0).min(rows_height))
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for &j in legend {
                        legend_row(ui, s, j);
                    }
                });
            });
        // Never squashed: past the height, the chart scrolls its rows.
        let left = (height - strip.inner_rect.height() - gap).max(legible.min(height));
        chart(ui, s, r, hidden, left);
    }
}

/// One legend entry: the criterion's colour and short label (its full name on hover).
fn legend_row(ui: &mut Ui, s: &Scenario, j: usize) {
    let lang = i18n::lang();
    let c = &s.criteria[j];
    crate::app::views::legend_entry(
        ui,
        theme::criterion_colour(j),
        c.label_in(lang),
        c.name_in(lang),
    );
}

/// The criteria in the order their segments are stacked, from 0 outwards: those that weigh
/// something. The legend lists them in this order, so it reads like the bars.
fn stack_order(r: &Ranking) -> Vec<usize> {
    (0..r.weights.len())
        .filter(|&j| r.weights[j] != 0.0)
        .filter(|&j| {
            r.contributions
                .iter()
                .any(|row| row.get(j).is_some_and(|x| *x != 0.0))
        })
        .collect()
}

/// The criterion whose segment of an option's stacked bar covers `x`: positive parts stack
/// rightwards from 0 and negative parts leftwards, both in `order`.
fn segment_at(contributions: &[f64], order: &[usize], x: f64) -> Option<usize> {
    let (mut right, mut left) = (0.0, 0.0);
    for &j in order {
        let part = *contributions.get(j)?;
        if part > 0.0 {
            if x >= right && x <= right + part {
                return Some(j);
            }
            right += part;
        } else if part < 0.0 {
            if x <= left && x >= left + part {
                return Some(j);
            }
            left += part;
        }
    }
    None
}

/// What the bars mean, in one line.
fn caption(r: &Ranking) -> String {
    let t = i18n::s();
    match (&r.method, &r.detail) {
        (Method::Wsm, _) => t.ranking_caption_wsm.into(),
        (Method::Wpm, _) => t.ranking_caption_wpm.into(),
        (Method::Topsis, _) => t.ranking_caption_topsis.into(),
        (Method::Promethee2, _) => t.ranking_caption_promethee2.into(),
        (Method::Vikor, MethodDetail::Vikor { v, .. }) => {
            fill(t.ranking_caption_vikor_v, &[&format!("{v:.2}")])
        }
        (Method::Vikor, _) => t.ranking_caption_vikor.into(),
    }
}

/// Options of the VIKOR compromise set, if the ranking has one.
fn compromise(r: &Ranking) -> &[usize] {
    match &r.detail {
        MethodDetail::Vikor { compromise, .. } => compromise,
        _ => &[],
    }
}

/// The method's own numbers, per option in rank order, and what they say.
fn details(
    ui: &mut Ui,
    s: &Scenario,
    d: &Derived,
    r: &Ranking,
    hidden: usize,
    first: Option<&[f64]>,
) {
    let t = i18n::s();
    let lang = i18n::lang();
    if hidden > 0 {
        ui.label(RichText::new(t.ranking_reveal_details).weak());
        return;
    }
    let order = r.order();
    let (heads, columns): (Vec<&str>, Vec<&[f64]>) = match &r.detail {
        MethodDetail::None => (vec![score_head(r)], vec![&r.scores]),
        MethodDetail::Topsis { d_plus, d_minus } => {
            (vec!["D+", "D−", "C"], vec![d_plus, d_minus, &r.scores])
        }
        MethodDetail::Promethee {
            phi_plus,
            phi_minus,
            phi_net,
        } => (vec!["φ+", "φ−", "φ"], vec![phi_plus, phi_minus, phi_net]),
        MethodDetail::Vikor {
            s: gs, r: rr, q, ..
        } => (vec!["S", "R", "Q"], vec![gs, rr, q]),
    };
    let body_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    // The method's notes first, wrapped to the view's width, then the table: its header stays
    // put while the rows scroll under it.
    notes(ui, s, d, r);
    let lang_names: Vec<&str> = order.iter().map(|&i| s.options[i].name_in(lang)).collect();
    let table_height = ui.available_height().max(body_height * 2.0);
    let mut table = egui_extras::TableBuilder::new(ui)
        .id_salt("ranking-details")
        .striped(true)
        .auto_shrink([false, true])
        .max_scroll_height(table_height)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(egui_extras::Column::auto().at_least(40.0))
        .column(egui_extras::Column::auto().at_least(120.0).clip(true));
    for _ in &heads {
        table = table.column(egui_extras::Column::auto().at_least(70.0));
    }
    if first.is_some() {
        table = table.column(egui_extras::Column::auto().at_least(70.0));
    }
    table
        .header(body_height, |mut header| {
            header.col(|ui| {
                ui.label(RichText::new(t.col_rank).strong());
            });
            header.col(|ui| {
                ui.label(RichText::new(t.col_option).strong());
            });
            for h in &heads {
                header.col(|ui| {
                    ui.label(RichText::new(*h).strong());
                });
            }
            if first.is_some() {
                header.col(|ui| {
                    ui.label(RichText::new(t.ranking_badge_column).strong())
                        .on_hover_text(t.ranking_badge_hover);
                });
            }
        })
        .body(|body| {
            body.rows(body_height, order.len(), |mut row| {
                let k = row.index();
                let (Some(&i), Some(name)) = (order.get(k), lang_names.get(k)) else {
                    return;
                };
                row.col(|ui| {
                    ui.label(format!("{}", r.ranks[i]));
                });
                row.col(|ui| {
                    ui.label(*name);
                });
                for col in &columns {
                    row.col(|ui| {
                        ui.label(
                            RichText::new(col.get(i).map_or(String::new(), |x| format!("{x:.4}")))
                                .monospace(),
                        );
                    });
                }
                if let Some(f) = first {
                    row.col(|ui| badge(ui, f.get(i).copied()));
                }
            });
        });
}

/// The option's first-rank acceptability (SMAA) as a small coloured badge; "…" while it is
/// worked out.
fn badge(ui: &mut Ui, value: Option<f64>) {
    let t = i18n::s();
    let (text, fill_colour) = match value {
        Some(v) => (
            fill(t.ranking_badge, &[&format!("{:.0}", v * 100.0)]),
            theme::value_colour(v),
        ),
        _ => (
            t.ranking_badge_pending.to_string(),
            ui.visuals().faint_bg_color,
        ),
    };
    let size = ui.text_style_height(&egui::TextStyle::Small).max(11.0);
    let galley = ui.painter().layout_no_wrap(
        text.clone(),
        egui::FontId::proportional(size),
        theme::text_on(fill_colour),
    );
    let (rect, response) =
        ui.allocate_exact_size(galley.size() + egui::vec2(10.0, 2.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 4.0, fill_colour);
    ui.painter().galley(
        rect.center() - galley.size() / 2.0,
        galley,
        egui::Color32::WHITE,
    );
    // A meter to screen readers: a share of draws, not a line of the table's text.
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::accesskit::Role::Meter, true, text.clone())
    });
    response.on_hover_text(t.ranking_badge_hover);
}

/// What the method adds in words: VIKOR's compromise set, PROMETHEE I's incomparable pairs.
fn notes(ui: &mut Ui, s: &Scenario, d: &Derived, r: &Ranking) {
    let t = i18n::s();
    let lang = i18n::lang();
    match &r.detail {
        MethodDetail::Vikor {
            compromise,
            advantage,
            stability,
            ..
        } => {
            let names: Vec<&str> = compromise
                .iter()
                .filter_map(|&i| s.options.get(i).map(|o| o.label_in(lang)))
                .collect();
            ui.add(
                egui::Label::new(fill(t.ranking_compromise_set, &[&names.join(t.list_sep)])).wrap(),
            );
            ui.label(
                RichText::new(fill(
                    t.ranking_vikor_conditions,
                    &[&yes_no(*advantage), &yes_no(*stability)],
                ))
                .weak(),
            );
        }
        MethodDetail::Promethee { .. } => {
            let pairs: Vec<String> = d
                .incomparable_pairs()
                .iter()
                .filter_map(|&(a, b)| {
                    Some(format!(
                        "{} – {}",
                        s.options.get(a)?.label_in(lang),
                        s.options.get(b)?.label_in(lang)
                    ))
                })
                .collect();
            if pairs.is_empty() {
                ui.label(t.ranking_promethee1_none);
            } else {
                let text = if pairs.len() == 1 {
                    t.ranking_promethee1_one
                } else {
                    t.ranking_promethee1_many
                };
                ui.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "{} {}",
                            fill(text, &[&pairs.len()]),
                            pairs.join(" · ")
                        ))
                        .weak(),
                    )
                    .wrap(),
                );
            }
        }
        _ => {}
    }
}

fn score_head(r: &Ranking) -> &'static str {
    let t = i18n::s();
    match r.method {
        Method::Wpm => t.ranking_product,
        _ => t.col_score,
    }
}

fn yes_no(b: bool) -> &'static str {
    let t = i18n::s();
    if b { t.ranking_met } else { t.ranking_not_met }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use egui_plot::PlotItem as _;

    use super::chart::stacked_bars;
    use super::*;
    use crate::files::scenario_file::default_scenario;

    #[test]
    fn segment_at_finds_the_part_under_the_pointer() {
        // Parts of criteria 0..4: +0.1, −0.2, 0 (weight 0), +0.3, −0.05. Positive parts run
        // 0–0.1 (criterion 0) and 0.1–0.4 (criterion 3); negative ones 0 to −0.2 (1) and
        // −0.2 to −0.25 (4).
        let row = [0.1, -0.2, 0.0, 0.3, -0.05];
        let order = [0, 1, 3, 4];
        for (x, want) in [
            (0.05, Some(0)),
            (0.1, Some(0)),
            (0.11, Some(3)),
            (0.39, Some(3)),
            (0.41, None),
            (-0.1, Some(1)),
            (-0.21, Some(4)),
            (-0.26, None),
        ] {
            assert_eq!(segment_at(&row, &order, x), want, "x = {x}");
        }
        // A criterion left out of the order is never found.
        assert_eq!(segment_at(&row, &[1, 3, 4], 0.05), Some(3));
    }

    #[test]
    fn the_legend_lists_the_criteria_in_the_order_the_bars_stack() {
        let mut s = default_scenario().unwrap();
        // Weight 0 for the second criterion: it leaves the bars and the legend.
        let gone = s.criteria[1].id.clone();
        let ids: Vec<String> = s.criteria.iter().map(|c| c.id.clone()).collect();
        for p in &mut s.profiles {
            for id in &ids {
                p.criterion_weights
                    .set(id, if *id == gone { 0.0 } else { 1.0 });
            }
        }
        let d = Derived::compute(&s, 1);
        let r = d.ranking.as_ref().unwrap();
        let legend = stack_order(r);
        assert!(!legend.contains(&1), "a criterion of weight 0 is listed");
        let want: Vec<usize> = (0..s.criteria.len())
            .filter(|&j| r.weights[j] > 0.0)
            .collect();
        assert_eq!(legend, want);
        // The positive charts, in the order egui_plot stacks them, carry the legend's names.
        let order = r.order();
        let row = |pos: usize| pos as f64;
        let charts = stacked_bars(&s, r, &legend, &order, &row, egui::Stroke::NONE);
        let names: Vec<String> = charts
            .iter()
            .map(|c| c.name().to_string())
            .take(legend.len())
            .collect();
        let labels: Vec<String> = legend
            .iter()
            .map(|&j| s.criteria[j].label_in(i18n::Lang::En).to_string())
            .collect();
        assert_eq!(names, labels);
    }
}
