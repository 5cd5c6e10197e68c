//! The efficient frontier: every efficient portfolio a point of value against cost, the step
//! line of the best value for each budget through them, the budget as a vertical line with the
//! best point for it highlighted; a click selects the nearest point.

use egui::Ui;
use egui_plot::{HoverPosition, Line, LineStyle, MarkerShape, Plot, PlotPoint, Points, VLine};

use super::{PortfolioState, money, num};
use crate::analysis::portfolio::Portfolio;
use crate::app::portfolio_job::Plan;
use crate::app::theme;
use crate::i18n::{fill, portfolio as pf};
use crate::scenario::model::Scenario;

/// The frontier point that is best for `budget`: the dearest one within it (costs and values
/// both rise along the frontier).
pub(super) fn best_for(frontier: &[Portfolio], budget: f64) -> Option<usize> {
    let tol = 1e-9 * (1.0 + budget.abs());
    frontier.iter().rposition(|p| p.cost <= budget + tol)
}

pub(super) fn show(
    ui: &mut Ui,
    s: &Scenario,
    plan: &Plan,
    budget: f64,
    state: &mut PortfolioState,
    height: f32,
) {
    let t = pf::t();
    let frontier = match &plan.frontier {
        Ok(f) => f.as_slice(),
        Err(e) => {
            ui.colored_label(theme::WARNING, fill(t.no_frontier, &[e]));
            return;
        }
    };
    let points: Vec<[f64; 2]> = frontier.iter().map(|p| [p.cost, p.value]).collect();
    let end = state.total.1.max(budget);
    // The step line: the best value for every budget, flat until the next point's cost.
    let mut steps: Vec<[f64; 2]> = Vec::with_capacity(2 * points.len() + 1);
    for (k, p) in points.iter().enumerate() {
        if k > 0 {
            steps.push([p[0], points[k - 1][1]]);
        }
        steps.push(*p);
    }
    if let Some(last) = points.last() {
        steps.push([end.max(last[0]), last[1]]);
    }
    let best = best_for(frontier, budget);
    let hover: Vec<String> = frontier
        .iter()
        .map(|p| {
            fill(
                t.point_hover,
                &[&money(s, p.cost), &num(p.value, 3), &p.members.len()],
            )
        })
        .collect();
    let frontier_name = t.frontier_name.to_string();
    let unit = s.settings.cost_unit.clone();
    let em = ui.text_style_height(&egui::TextStyle::Body);
    let accent = ui.visuals().selection.bg_fill;
    let strong = ui.visuals().strong_text_color();
    let weak = ui.visuals().weak_text_color();
    let name_for_hover = frontier_name.clone();
    let response = Plot::new("portfolio-frontier")
        .height(height.max(120.0))
        .x_axis_label(if unit.is_empty() {
            t.axis_cost.to_string()
        } else {
            format!("{} ({unit})", t.axis_cost)
        })
        .y_axis_label(t.axis_value)
        .x_grid_spacer(move |input| crate::app::views::value_marks(input, em))
        .y_grid_spacer(move |input| crate::app::views::value_marks(input, em * 0.5))
        .x_axis_formatter(|mark, _| crate::app::views::mark_text(mark))
        .y_axis_formatter(|mark, _| crate::app::views::mark_text(mark))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_x(0.0)
        .include_x(end)
        .include_y(0.0)
        .label_formatter(move |pos| match pos {
            HoverPosition::NearDataPoint {
                plot_name, index, ..
            } if *plot_name == name_for_hover => hover.get(*index).cloned(),
            _ => None,
        })
        .show(ui, |plot| {
            plot.line(
                Line::new("", steps)
                    .color(weak)
                    .width(1.5)
                    // Its vertical risers would otherwise be drawn as one filled band.
                    .allow_band(false)
                    .allow_hover(false),
            );
            plot.vline(
                VLine::new("", budget)
                    .color(accent)
                    .width(2.0)
                    .style(LineStyle::dashed_loose()),
            );
            plot.points(
                Points::new(frontier_name.clone(), points.clone())
                    .color(theme::option_colour(0))
                    .shape(MarkerShape::Circle)
                    .radius(4.5)
                    .filled(true),
            );
            if let Some(k) = best {
                plot.points(
                    Points::new("", vec![points[k]])
                        .color(accent)
                        .shape(MarkerShape::Diamond)
                        .radius(9.0)
                        .filled(true)
                        .allow_hover(false),
                );
            }
            if let Some((c, v)) = state.selected {
                plot.points(
                    Points::new("", vec![[c, v]])
                        .color(strong)
                        .shape(MarkerShape::Circle)
                        .radius(8.0)
                        .filled(false)
                        .allow_hover(false),
                );
            }
        });
    // A click selects the nearest point within reach.
    if response.response.clicked()
        && let Some(pos) = response.response.interact_pointer_pos()
    {
        let reach = em * 1.2;
        let nearest = points
            .iter()
            .map(|p| {
                let at = response
                    .transform
                    .position_from_point(&PlotPoint::new(p[0], p[1]));
                (at.distance(pos), *p)
            })
            .filter(|(d, _)| *d <= reach)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        state.selected = nearest.map(|(_, p)| (p[0], p[1]));
    }
}
