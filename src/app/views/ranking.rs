//! Ranking view: horizontal bars of the overall score, each stacked by criterion contribution,
//! best at the top, with ranks and scores labelled.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot, PlotPoint, Text};

use crate::app::{Derived, theme};
use crate::model::Scenario;

pub fn show(ui: &mut Ui, s: &Scenario, d: &Derived) {
    ui.heading("Ranking");
    let r = match &d.ranking {
        Ok(r) => r,
        Err(e) => {
            ui.colored_label(theme::ERROR, format!("This scenario cannot be scored: {e}"));
            return;
        }
    };
    let profile = s
        .profiles
        .get(s.active_profile_index())
        .map_or("", |p| p.name.as_str());
    ui.label(
        RichText::new(format!(
            "{} · normalisation {} · profile {} · bars stacked by criterion contribution (weight × normalised value)",
            r.method.title(),
            r.normalization.keyword(),
            profile
        ))
        .weak(),
    );
    let order = r.order();
    let n = order.len();
    // Row of option i: best at the top.
    let row = |pos: usize| (n - 1 - pos) as f64;
    let mut charts: Vec<BarChart> = Vec::new();
    for (j, c) in s.criteria.iter().enumerate() {
        if r.weights[j] == 0.0 {
            continue;
        }
        let bars: Vec<Bar> = order
            .iter()
            .enumerate()
            .map(|(pos, &i)| {
                Bar::new(row(pos), r.contributions[i][j])
                    .name(format!("{}: {}", s.options[i].name, c.name))
                    .width(0.72)
            })
            .collect();
        let mut chart = BarChart::new(c.label(), bars)
            .horizontal()
            .color(theme::criterion_colour(j));
        {
            let below: Vec<&BarChart> = charts.iter().collect();
            chart = chart.stack_on(&below);
        }
        charts.push(chart);
    }
    let labels: Vec<String> = order
        .iter()
        .map(|&i| format!("#{}  {}", r.ranks[i], s.options[i].label()))
        .collect();
    let text_colour = ui.visuals().text_color();
    let max = r.scores.iter().copied().fold(0.0_f64, f64::max).max(0.05);
    Plot::new("ranking")
        .legend(Legend::default().position(egui_plot::Corner::RightTop))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([true, false])
        .include_x(0.0)
        // Room on the right for the score labels and the legend.
        .include_x(max * 1.6)
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
        .x_axis_label("score")
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
            for (pos, &i) in order.iter().enumerate() {
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(r.scores[i] + max * 0.01, row(pos)),
                        RichText::new(format!("{:.3}", r.scores[i])).strong(),
                    )
                    .anchor(egui::Align2::LEFT_CENTER)
                    .color(text_colour),
                );
            }
        });
}
