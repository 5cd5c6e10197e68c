//! The portfolio section's chart: the efficient portfolios, value against cost, one circle
//! each (the best at the budget filled), joined by the step line of the best value any budget
//! buys, and the budget as a dashed vertical line.

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{AXIS_GREY, AXIS_TEXT, Briefing, DrawResult, FONT, SCORE_COLOUR, TEXT, WIDTH, tick};
use crate::i18n::fill;
use crate::i18n::portfolio_report::texts;
use crate::report::layout::portfolio::amount;
use crate::report::portfolio::Chosen;

const HEIGHT: u32 = 360;
/// Radius of a point.
const DOT: i32 = 5;

pub(super) fn frontier(b: &Briefing, out: &mut String) -> DrawResult {
    let (Ok(p), t) = (&b.portfolio, texts(b.lang)) else {
        return Ok(());
    };
    let Ok(points) = &p.frontier else {
        return Ok(());
    };
    let max_cost = points
        .iter()
        .map(|c| c.cost)
        .chain(p.budget)
        .fold(0.0f64, f64::max);
    let (lo_v, hi_v) = points.iter().fold((0.0f64, 0.0f64), |(lo, hi), c| {
        (lo.min(c.value), hi.max(c.value))
    });
    let x_hi = if max_cost > 0.0 { max_cost * 1.08 } else { 1.0 };
    let span_v = if hi_v - lo_v > 0.0 { hi_v - lo_v } else { 1.0 };
    let (y_lo, y_hi) = (lo_v - span_v * 0.06, hi_v + span_v * 0.1);
    let x_desc = if p.cost_unit.is_empty() {
        t.axis_cost_plain.to_string()
    } else {
        fill(t.axis_cost, &[&super::label(&p.cost_unit, 30)])
    };

    let root = SVGBackend::with_string(out, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(0.0..x_hi, y_lo..y_hi)?;
    chart
        .configure_mesh()
        .x_label_formatter(&|x| tick(*x, x_hi))
        .y_label_formatter(&|y| tick(*y, y_hi - y_lo))
        .x_desc(x_desc)
        .y_desc(t.axis_value)
        .label_style((FONT, AXIS_TEXT))
        .axis_desc_style((FONT, AXIS_TEXT))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .axis_style(AXIS_GREY)
        .draw()?;

    // The best value a budget buys: flat from one point to the next one's cost, then up.
    let mut steps = Vec::with_capacity(2 * points.len() + 1);
    for (k, c) in points.iter().enumerate() {
        if k > 0 {
            steps.push((c.cost, points[k - 1].value));
        }
        steps.push((c.cost, c.value));
    }
    if let Some(last) = points.last() {
        steps.push((x_hi, last.value));
    }
    chart.draw_series(std::iter::once(PathElement::new(
        steps,
        SCORE_COLOUR.mix(0.5).stroke_width(1),
    )))?;

    if let Some(budget) = p.budget {
        chart.draw_series(std::iter::once(DashedPathElement::new(
            vec![(budget, y_lo), (budget, y_hi)],
            6,
            4,
            AXIS_GREY.stroke_width(1),
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            format!("{} {}", t.budget_mark, amount(budget)),
            (budget, y_hi),
            (FONT, TEXT)
                .into_font()
                .color(&AXIS_GREY)
                .pos(Pos::new(HPos::Right, VPos::Top)),
        )))?;
    }

    // One circle per efficient portfolio, each with its outline (a path, so that the count of
    // circles stays one per portfolio); the best at the budget filled, larger and last, on top.
    let is_best = |c: &&Chosen| c.members == p.best.members;
    let others = points.iter().filter(|c| !is_best(c));
    let best = points.iter().filter(is_best);
    for (c, top) in others.map(|c| (c, false)).chain(best.map(|c| (c, true))) {
        let (r, fill) = if top {
            (DOT + 1, SCORE_COLOUR)
        } else {
            (DOT, WHITE)
        };
        chart.draw_series(std::iter::once(Circle::new(
            (c.cost, c.value),
            r,
            fill.filled(),
        )))?;
        chart.draw_series(std::iter::once(
            EmptyElement::at((c.cost, c.value))
                + PathElement::new(ring(r), SCORE_COLOUR.stroke_width(2)),
        ))?;
    }
    root.present()?;
    Ok(())
}

/// A closed polygon approximating a circle of radius `r` around (0, 0), in pixels.
fn ring(r: i32) -> Vec<(i32, i32)> {
    (0..=16)
        .map(|k| {
            let a = f64::from(k) * std::f64::consts::TAU / 16.0;
            let r = f64::from(r);
            ((r * a.cos()).round() as i32, (r * a.sin()).round() as i32)
        })
        .collect()
}
