//! The ranking chart: bars stacked by each criterion's contribution (additive methods), or one
//! bar of each option's score, with hover and axis marks.

use super::*;

/// The ranking chart; the best `hidden` positions are left blank. When the options do not
/// fit at a legible row height, the chart shows as many rows as fit and scrolls; only the rows
/// in sight are built (at 1,000 options × 50 criteria all of them took most of a frame).
pub(super) fn chart(ui: &mut Ui, s: &Scenario, r: &Ranking, hidden: usize, height: f32) {
    let n = r.scores.len();
    let row_height = (ui.text_style_height(&egui::TextStyle::Body) + 2.0).max(14.0);
    // The horizontal axis, its marks and its title below the rows.
    let axis = 3.5 * ui.text_style_height(&egui::TextStyle::Body);
    if n as f32 * row_height + axis <= height {
        chart_rows(ui, s, r, hidden, height, (0, n));
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("ranking-rows")
        .max_height(height)
        .auto_shrink([false, true])
        .show_viewport(ui, |ui, viewport| {
            let fit = (((viewport.height() - axis) / row_height).floor() as usize).max(3);
            let first = ((viewport.top() / row_height).floor().max(0.0) as usize)
                .min(n.saturating_sub(fit));
            let place = egui::Rect::from_min_size(
                ui.min_rect().min + egui::vec2(0.0, viewport.top()),
                egui::vec2(ui.available_width(), viewport.height()),
            );
            ui.scope_builder(egui::UiBuilder::new().max_rect(place), |ui| {
                chart_rows(ui, s, r, hidden, viewport.height(), (first, first + fit));
            });
            ui.set_min_height(n as f32 * row_height + axis);
        });
}

/// The chart of the rows at positions `window.0..window.1` (0 the best, hidden ones counted).
fn chart_rows(
    ui: &mut Ui,
    s: &Scenario,
    r: &Ranking,
    hidden: usize,
    height: f32,
    window: (usize, usize),
) {
    let full = r.order();
    let order: Vec<usize> = full.iter().skip(hidden).copied().collect();
    let blanks = hidden;
    let n = full.len();
    let (a, b) = (window.0.min(n), window.1.min(n));
    // Row of the option at `pos` among those shown: best at the top, hidden rows kept empty.
    let row = |pos: usize| (n - 1 - (pos + blanks)) as f64;
    // The shown options in the window, and the row of the `k`-th of them.
    let lo = a.saturating_sub(blanks).min(order.len());
    let hi = b.saturating_sub(blanks).clamp(lo, order.len());
    let in_sight = &order[lo..hi];
    let row_in_sight = |k: usize| row(k + lo);
    // Solid segments with a hairline in the background colour between them read better on a
    // projector than egui_plot's default translucent fill.
    let edge = egui::Stroke::new(1.0, ui.visuals().extreme_bg_color);
    let stack = stack_order(r);
    let charts = if r.additive {
        stacked_bars(s, r, &stack, in_sight, &row_in_sight, edge)
    } else {
        vec![plain_bars(r, in_sight, &row_in_sight, edge)]
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
    // Hover: the option and, on a stacked bar, the criterion under the pointer, in a tooltip
    // (egui_plot's own bar labels are drawn above the bar, over the subtitle at the top row).
    let tip_order = order.clone();
    let t = i18n::s();
    let tooltip = move |pos: &HoverPosition<'_>| {
        let HoverPosition::Elsewhere { position } = pos else {
            return None;
        };
        let v = position.y.round();
        if (position.y - v).abs() > 0.36 || v < 0.0 {
            return None;
        }
        let shown = (n as i64 - 1 - v as i64 - blanks as i64).max(-1);
        let i = *tip_order.get(usize::try_from(shown).ok()?)?;
        let name = s.options.get(i)?.name_in(lang);
        if !r.additive {
            return Some(fill(
                t.label_value,
                &[&name, &format!("{:.4}", r.scores[i])],
            ));
        }
        let row = r.contributions.get(i)?;
        let j = segment_at(row, &stack, position.x)?;
        let criterion = s.criteria.get(j)?.name_in(lang);
        let part = fill(t.label_value, &[&criterion, &format!("{:+.3}", row[j])]);
        Some(format!("{name}\n{part}"))
    };
    let em = ui.text_style_height(&egui::TextStyle::Body);
    let axis_width = (ui.available_width() * 0.4).min(170.0);
    Plot::new("ranking")
        .height(height)
        .show_crosshair(false)
        .label_formatter(tooltip)
        .x_grid_spacer(move |input| crate::app::views::value_marks(input, em))
        // Hidden rows keep their place, so the ranking fills in from the bottom.
        .include_y((n - b) as f64 - 0.5)
        .include_y((n - a) as f64 - 0.5)
        // One mark per row, all of the same weight, so every option's label is equally strong.
        .y_grid_spacer(move |_| {
            (n - b..n - a)
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
        // Room on the right for the score labels.
        .include_x(right + span * 0.15)
        // Option names at full strength while they fit between the rows (egui_plot fades them
        // out below 30 points apart, which hid them in projection's large type).
        .custom_y_axes(vec![
            AxisHints::new_y()
                .formatter(move |mark, _| {
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
                .min_thickness(axis_width)
                .label_spacing(1.0..=2.0),
        ])
        .x_axis_formatter(|mark, _| crate::app::views::mark_text(mark))
        .x_axis_label(axis_label(r))
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
            for (k, &i) in in_sight.iter().enumerate() {
                let end = if r.additive {
                    r.contributions[i].iter().filter(|x| **x > 0.0).sum::<f64>()
                } else {
                    r.scores[i].max(0.0)
                };
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(end + span * 0.01, row_in_sight(k)),
                        RichText::new(format!("{:.3}", r.scores[i])).strong(),
                    )
                    .anchor(egui::Align2::LEFT_CENTER)
                    .color(text_colour)
                    .allow_hover(false),
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
pub(super) fn stacked_bars(
    s: &Scenario,
    r: &Ranking,
    stack: &[usize],
    order: &[usize],
    row: &dyn Fn(usize) -> f64,
    edge: egui::Stroke,
) -> Vec<BarChart> {
    let lang = i18n::lang();
    let mut positive: Vec<BarChart> = Vec::new();
    let mut negative: Vec<BarChart> = Vec::new();
    for &j in stack {
        let Some(c) = s.criteria.get(j) else {
            continue;
        };
        for (side, keep) in [
            (&mut positive, (|x: f64| x.max(0.0)) as fn(f64) -> f64),
            (&mut negative, |x: f64| x.min(0.0)),
        ] {
            let bars: Vec<Bar> = order
                .iter()
                .enumerate()
                .map(|(pos, &i)| {
                    // No name: hover on the charts is off (the plot's tooltip names the
                    // part), and formatting one for every bar cost more than drawing it.
                    Bar::new(row(pos), keep(r.contributions[i][j]))
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
                .allow_hover(false)
                .stack_on(&below);
            side.push(chart);
        }
    }
    positive.extend(negative);
    positive
}

/// One bar per option, in the option's colour.
fn plain_bars(
    r: &Ranking,
    order: &[usize],
    row: &dyn Fn(usize) -> f64,
    edge: egui::Stroke,
) -> BarChart {
    let bars: Vec<Bar> = order
        .iter()
        .enumerate()
        .map(|(pos, &i)| {
            Bar::new(row(pos), r.scores[i])
                .fill(theme::option_colour(i))
                .stroke(edge)
                .width(0.72)
        })
        .collect();
    BarChart::new(labels::method_title(r.method), bars)
        .horizontal()
        .allow_hover(false)
}
