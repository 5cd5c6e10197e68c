//! Ranking view: horizontal bars of the overall score, best at the top, with ranks and scores
//! labelled. Additive methods (weighted sum, PROMETHEE II) split each bar by criterion; the
//! others show one bar per option. Below the chart, the method's own numbers.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot, PlotPoint, Text};

use crate::app::{Derived, theme};
use crate::i18n::{self, fill};
use crate::model::{Method, Scenario};
use crate::scoring::{MethodDetail, Ranking};

/// View state: how much of the ranking is revealed (projection mode's reveal step).
#[derive(Default)]
pub struct RankingState {
    /// `Some(k)`: only the `k` lowest-ranked options are shown, so a room sees the ranking
    /// build up to the top; `None`: all of it.
    pub reveal: Option<usize>,
    /// Projection mode: the chart takes the whole view; the numbers and the legend (the
    /// weights panel shows each criterion's colour) stay on the presenter's screen.
    pub presenting: bool,
}

pub fn show(ui: &mut Ui, s: &Scenario, d: &Derived, state: &RankingState) {
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
                &i18n::method_title(r.method),
                &i18n::normalization_name(r.normalization),
                &profile,
                &caption(r),
            ],
        ))
        .weak(),
    );
    let details_height = if state.presenting {
        0.0
    } else if s.options.len() > 12 {
        260.0
    } else {
        200.0
    };
    let chart_height = (ui.available_height() - details_height).max(220.0);
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
    ui.allocate_ui(egui::vec2(ui.available_width(), chart_height), |ui| {
        chart(ui, s, r, hidden, !state.presenting);
    });
    if state.presenting {
        return;
    }
    egui::CollapsingHeader::new(fill(t.ranking_in_numbers, &[&i18n::method_title(r.method)]))
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(details_height - 30.0)
                .show(ui, |ui| details(ui, s, d, r, hidden));
        });
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

/// The ranking chart; the best `hidden` positions are left blank.
fn chart(ui: &mut Ui, s: &Scenario, r: &Ranking, hidden: usize, legend: bool) {
    let full = r.order();
    let order: Vec<usize> = full.iter().skip(hidden).copied().collect();
    let blanks = hidden;
    let n = full.len();
    // Row of the option at `pos` among those shown: best at the top, hidden rows kept empty.
    let row = |pos: usize| (n - 1 - (pos + blanks)) as f64;
    // Solid segments with a hairline in the background colour between them read better on a
    // projector than egui_plot's default translucent fill.
    let edge = egui::Stroke::new(1.0, ui.visuals().extreme_bg_color);
    let charts = if r.additive {
        stacked_bars(s, r, &order, &row, edge)
    } else {
        vec![plain_bars(s, r, &order, &row, edge)]
    };
    let marks = compromise(r);
    let lang = i18n::lang();
    let labels: Vec<String> = (0..blanks)
        .map(|_| "?".to_string())
        .chain(order.iter().map(|&i| {
            let mark = if marks.contains(&i) { " *" } else { "" };
            format!("#{}  {}{mark}", r.ranks[i], s.options[i].label_in(lang))
        }))
        .collect();
    let text_colour = ui.visuals().text_color();
    let max = r.scores.iter().copied().fold(0.0_f64, f64::max).max(0.05);
    let min = r.scores.iter().copied().fold(0.0_f64, f64::min);
    // The most negative stacked part can reach past the most negative score.
    let min_part = if r.additive {
        r.contributions
            .iter()
            .map(|row| row.iter().filter(|x| **x < 0.0).sum::<f64>())
            .fold(0.0_f64, f64::min)
    } else {
        0.0
    };
    let max_part = if r.additive {
        r.contributions
            .iter()
            .map(|row| row.iter().filter(|x| **x > 0.0).sum::<f64>())
            .fold(0.0_f64, f64::max)
    } else {
        0.0
    };
    let right = max.max(max_part);
    let span = (right - min.min(min_part)).max(0.05);
    let mut plot = Plot::new("ranking");
    // A legend of criteria for split bars; one-bar-per-option charts name the option on the axis.
    // While revealing (on a projector) the legend would cover the bars: the colours are
    // explained on the presenter's screen beforehand.
    if r.additive && legend {
        plot = plot.legend(Legend::default().position(egui_plot::Corner::RightTop));
    }
    plot
        // Hidden rows keep their place, so the ranking fills in from the bottom.
        .include_y(-0.5)
        .include_y(n as f64 - 0.5)
        // One mark per row, all of the same weight, so every option's label is equally strong.
        .y_grid_spacer(move |_| {
            (0..n)
                .map(|k| egui_plot::GridMark {
                    value: k as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([true, false])
        .include_x(0.0)
        .include_x(min.min(min_part) - span * 0.02)
        // Room on the right for the score labels and the legend.
        .include_x(right + span * if legend { 0.6 } else { 0.15 })
        .y_axis_min_width(170.0)
        .y_axis_formatter(move |mark, _| {
            let v = mark.value;
            if (v - v.round()).abs() > 1e-6 || v < 0.0 {
                return String::new();
            }
            let pos = n as i64 - 1 - v.round() as i64;
            usize::try_from(pos)
                .ok()
                .and_then(|p| labels.get(p).cloned())
                .unwrap_or_default()
        })
        .x_axis_label(axis_label(r))
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
            for (pos, &i) in order.iter().enumerate() {
                let end = if r.additive {
                    r.contributions[i].iter().filter(|x| **x > 0.0).sum::<f64>()
                } else {
                    r.scores[i].max(0.0)
                };
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(end + span * 0.01, row(pos)),
                        RichText::new(format!("{:.3}", r.scores[i])).strong(),
                    )
                    .anchor(egui::Align2::LEFT_CENTER)
                    .color(text_colour),
                );
            }
        });
}

fn axis_label(r: &Ranking) -> &'static str {
    let t = i18n::s();
    match r.method {
        Method::Wsm => t.ranking_axis_wsm,
        Method::Wpm => t.ranking_axis_wpm,
        Method::Topsis => t.ranking_axis_topsis,
        Method::Promethee2 => t.ranking_axis_promethee2,
        Method::Vikor => t.ranking_axis_vikor,
    }
}

/// One chart per criterion, stacked. Positive and negative parts stack separately from 0, so
/// PROMETHEE's signed contributions read correctly; both halves share a legend entry.
fn stacked_bars(
    s: &Scenario,
    r: &Ranking,
    order: &[usize],
    row: &dyn Fn(usize) -> f64,
    edge: egui::Stroke,
) -> Vec<BarChart> {
    let lang = i18n::lang();
    let mut positive: Vec<BarChart> = Vec::new();
    let mut negative: Vec<BarChart> = Vec::new();
    for (j, c) in s.criteria.iter().enumerate() {
        if r.weights.get(j).is_none_or(|w| *w == 0.0) {
            continue;
        }
        for (side, keep) in [
            (&mut positive, (|x: f64| x.max(0.0)) as fn(f64) -> f64),
            (&mut negative, |x: f64| x.min(0.0)),
        ] {
            let bars: Vec<Bar> = order
                .iter()
                .enumerate()
                .map(|(pos, &i)| {
                    Bar::new(row(pos), keep(r.contributions[i][j]))
                        .name(format!(
                            "{}: {} {:+.3}",
                            s.options[i].name_in(lang),
                            c.name_in(lang),
                            r.contributions[i][j]
                        ))
                        .width(0.72)
                        .fill(theme::criterion_colour(j))
                        .stroke(edge)
                })
                .collect();
            if bars.iter().all(|b| b.value == 0.0) {
                continue;
            }
            let below: Vec<&BarChart> = side.iter().collect();
            let chart = BarChart::new(c.label_in(lang), bars)
                .horizontal()
                .color(theme::criterion_colour(j))
                .stack_on(&below);
            side.push(chart);
        }
    }
    positive.extend(negative);
    positive
}

/// One bar per option, in the option's colour.
fn plain_bars(
    s: &Scenario,
    r: &Ranking,
    order: &[usize],
    row: &dyn Fn(usize) -> f64,
    edge: egui::Stroke,
) -> BarChart {
    let lang = i18n::lang();
    let bars: Vec<Bar> = order
        .iter()
        .enumerate()
        .map(|(pos, &i)| {
            Bar::new(row(pos), r.scores[i])
                .name(format!(
                    "{}: {:.4}",
                    s.options[i].name_in(lang),
                    r.scores[i]
                ))
                .fill(theme::option_colour(i))
                .stroke(edge)
                .width(0.72)
        })
        .collect();
    BarChart::new(i18n::method_title(r.method), bars).horizontal()
}

/// The method's own numbers, per option in rank order, and what they say.
fn details(ui: &mut Ui, s: &Scenario, d: &Derived, r: &Ranking, hidden: usize) {
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
    egui::Grid::new("ranking-details")
        .striped(true)
        .num_columns(heads.len() + 2)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new(t.col_rank).strong());
            ui.label(RichText::new(t.col_option).strong());
            for h in &heads {
                ui.label(RichText::new(*h).strong());
            }
            ui.end_row();
            for &i in &order {
                ui.label(format!("{}", r.ranks[i]));
                ui.label(s.options[i].name_in(lang));
                for col in &columns {
                    ui.label(
                        RichText::new(col.get(i).map_or(String::new(), |x| format!("{x:.4}")))
                            .monospace(),
                    );
                }
                ui.end_row();
            }
        });
    match &r.detail {
        MethodDetail::Vikor {
            compromise,
            advantage,
            stability,
            ..
        } => {
            ui.add_space(4.0);
            let names: Vec<&str> = compromise
                .iter()
                .filter_map(|&i| s.options.get(i).map(|o| o.label_in(lang)))
                .collect();
            ui.label(fill(t.ranking_compromise_set, &[&names.join(t.list_sep)]));
            ui.label(
                RichText::new(fill(
                    t.ranking_vikor_conditions,
                    &[&yes_no(*advantage), &yes_no(*stability)],
                ))
                .weak(),
            );
        }
        MethodDetail::Promethee { .. } => {
            ui.add_space(4.0);
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
                ui.label(fill(text, &[&pairs.len()]));
                ui.label(RichText::new(pairs.join(" · ")).weak());
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
