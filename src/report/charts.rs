//! The briefing's charts as SVG text, drawn with plotters' SVG backend: the ranking as
//! horizontal bars (stacked by criterion contribution for the additive methods, PROMETHEE's
//! negative parts to the left of 0) and the criterion weights. plotters escapes the text it
//! writes; labels are also cleaned of control characters and shortened here.

use plotters::coord::Shift;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordusize};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Briefing;
use super::layout::{Chart, num, percent, score_header};

mod how_sure;
mod portfolio;
mod room;

/// One colour for the bars of a method whose score does not split by criterion.
const SCORE_COLOUR: RGBColor = RGBColor(0, 114, 178);
const AXIS_GREY: RGBColor = RGBColor(110, 110, 110);

const FONT: &str = "sans-serif";
/// Width of the chart in SVG units (pixels at 100 %): no wider than the text of an A4 page
/// with the briefing's 18 mm margins (174 mm ≈ 657 px), so that print never scales it down.
const WIDTH: u32 = 640;
/// Font sizes as plotters takes them: its SVG backend writes `size / 1.24` px, so 15 is about
/// 12.1 px and 16 about 12.9 px, at least 12 px on the page since the chart is not scaled.
const TEXT: f64 = 15.0;
const AXIS_TEXT: f64 = 16.0;
/// Height of one bar's row.
const ROW: u32 = 26;

fn criterion_colour(j: usize) -> RGBColor {
    let [r, g, b] = super::palette::criterion(j);
    RGBColor(r, g, b)
}

/// A label fit for a chart axis: one line, no control characters, at most `max` characters.
fn label(s: &str, max: usize) -> String {
    let clean: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if clean.chars().count() <= max {
        clean
    } else {
        let mut cut: String = clean.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// Room for the longest label at the axis font size (about 7.5 px a character).
fn label_width(labels: &[String]) -> u32 {
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u32;
    (longest * 15 / 2 + 16).clamp(60, 240)
}

/// The chart as an SVG document, or what went wrong drawing it.
pub(super) fn svg(b: &Briefing, chart: Chart) -> Result<String, String> {
    let mut out = String::new();
    match chart {
        Chart::Ranking => ranking(b, &mut out),
        Chart::Weights => weights(b, &mut out),
        Chart::Tornado => how_sure::tornado(b, &mut out),
        Chart::Acceptability => how_sure::acceptability(b, &mut out),
        Chart::Agreement => room::agreement(b, &mut out),
        Chart::Frontier => portfolio::frontier(b, &mut out),
    }
    .map_err(|e| format!("the chart could not be drawn: {e}"))?;
    Ok(out)
}

/// One band per bar: plotters' segmented range `0..k` has k + 1 segments. (One option still
/// gets two, the top one empty.)
fn segments(n: usize) -> SegmentedCoord<RangedCoordusize> {
    (0..n.max(2) - 1).into_segmented()
}

/// A chart whose rows are labels (top to bottom) and whose x axis is a percentage.
type RowsChart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordusize>>>;

/// The chart of `weights` and the briefing's two "How sure?" charts share this frame: one row
/// per label, top to bottom, over `x` in percent, with the briefing's axis styling.
fn percent_rows<'a, 'b>(
    area: &'a DrawingArea<SVGBackend<'b>, Shift>,
    labels: &[String],
    x: std::ops::Range<f64>,
    x_desc: &str,
) -> Result<RowsChart<'a, 'b>, DrawingAreaErrorKind<std::io::Error>> {
    let n = labels.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(label_width(labels))
        .build_cartesian_2d(x, segments(n))?;
    let y_label = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(s) if *s < n => labels.get(n - 1 - s).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&y_label)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .x_desc(x_desc)
        .label_style((FONT, AXIS_TEXT))
        .axis_desc_style((FONT, AXIS_TEXT))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .axis_style(AXIS_GREY)
        .draw()?;
    Ok(chart)
}

/// An axis tick with as many decimals as the axis's span needs; 0 where rounding left a trace.
fn tick(x: f64, span: f64) -> String {
    if x.abs() <= span * 1e-9 {
        "0".to_string()
    } else if span >= 50.0 {
        format!("{x:.0}")
    } else if span >= 5.0 {
        format!("{x:.1}")
    } else if span >= 0.05 {
        format!("{x:.2}")
    } else {
        num(x)
    }
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn ranking(b: &Briefing, out: &mut String) -> DrawResult {
    let r = &b.ranking;
    let order = r.order();
    let n = order.len().max(1);
    // Criteria that add something: the weighted ones, for the stacked bars and the legend.
    let used: Vec<usize> = if r.additive {
        (0..b.criteria.len())
            .filter(|&j| r.weights[j] > 0.0)
            .collect()
    } else {
        Vec::new()
    };
    // Each bar's extent: positive parts stack right of 0, negative parts left of it.
    let extent = |i: usize| -> (f64, f64) {
        if r.additive {
            let row = &r.contributions[i];
            let pos: f64 = row.iter().filter(|&&c| c > 0.0).sum();
            let neg: f64 = row.iter().filter(|&&c| c < 0.0).sum();
            (neg.min(r.scores[i]), pos.max(r.scores[i]))
        } else {
            (r.scores[i].min(0.0), r.scores[i].max(0.0))
        }
    };
    let (mut lo, mut hi) = order.iter().fold((0.0f64, 0.0f64), |(lo, hi), &i| {
        let (a, b) = extent(i);
        (lo.min(a), hi.max(b))
    });
    if !(hi - lo).is_finite() || hi - lo <= 0.0 {
        hi = lo + 1.0;
    }
    let span = hi - lo;
    // Room right of the longest bar for its value, and left of a negative one.
    hi += span * 0.12;
    if lo < 0.0 {
        lo -= span * 0.04;
    }

    let labels: Vec<String> = order
        .iter()
        .map(|&i| label(&b.options[i].label, 28))
        .collect();
    let legend_width = if used.is_empty() { 0 } else { 180 };
    // Tall enough for the bars, and for the legend when there are few options.
    let height = (70 + ROW * n as u32).max(50 + 20 * used.len() as u32);
    let root = SVGBackend::with_string(out, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let (plot, legend) = root.split_horizontally(WIDTH - legend_width);

    let mut chart = ChartBuilder::on(&plot)
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(label_width(&labels))
        .build_cartesian_2d(lo..hi, segments(n))?;
    // Best first, at the top: the option at position k of the order sits in segment n − 1 − k.
    let segment = |k: usize| n - 1 - k;
    let y_label = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(s) if *s < n => labels.get(n - 1 - s).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    let axis_title = format!(
        "{}: {} ({})",
        score_header(r.method),
        r.method.title(),
        r.normalization.keyword()
    );
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&y_label)
        .x_label_formatter(&|x| tick(*x, span))
        .x_desc(axis_title)
        .label_style((FONT, AXIS_TEXT))
        .axis_desc_style((FONT, AXIS_TEXT))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .axis_style(AXIS_GREY)
        .draw()?;

    let bar = |x0: f64, x1: f64, k: usize, colour: RGBColor| {
        let s = segment(k);
        let mut rect = Rectangle::new(
            [
                (x0, SegmentValue::Exact(s)),
                (x1, SegmentValue::Exact(s + 1)),
            ],
            colour.filled(),
        );
        rect.set_margin(4, 4, 0, 0);
        rect
    };
    if used.is_empty() {
        chart.draw_series(
            order
                .iter()
                .enumerate()
                .map(|(k, &i)| bar(0.0, r.scores[i], k, SCORE_COLOUR)),
        )?;
    } else {
        for &j in &used {
            // Each option's part of criterion j, placed after the parts of the criteria before it.
            let parts = order.iter().enumerate().filter_map(|(k, &i)| {
                let c = r.contributions[i][j];
                if c == 0.0 {
                    return None;
                }
                let before: f64 = used
                    .iter()
                    .take_while(|&&u| u != j)
                    .map(|&u| r.contributions[i][u])
                    .filter(|&x| (x > 0.0) == (c > 0.0))
                    .sum();
                Some(bar(before, before + c, k, criterion_colour(j)))
            });
            chart.draw_series(parts)?;
        }
    }
    if lo < 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, SegmentValue::Exact(0)), (0.0, SegmentValue::Exact(n))],
            AXIS_GREY.stroke_width(1),
        )))?;
    }
    // Where parts point both ways, the net score is not the end of the bar: mark it.
    let signed = r.additive && order.iter().any(|&i| extent(i).0 < 0.0);
    if signed {
        chart.draw_series(order.iter().enumerate().map(|(k, &i)| {
            let s = segment(k);
            PathElement::new(
                vec![
                    (r.scores[i], SegmentValue::Exact(s)),
                    (r.scores[i], SegmentValue::Exact(s + 1)),
                ],
                BLACK.stroke_width(2),
            )
        }))?;
    }
    let value_style = TextStyle::from((FONT, TEXT).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    chart.draw_series(order.iter().enumerate().map(|(k, &i)| {
        let end = extent(i).1.max(0.0) + span * 0.01;
        Text::new(
            num(r.scores[i]),
            (end, SegmentValue::CenterOf(segment(k))),
            value_style.clone(),
        )
    }))?;

    if !used.is_empty() {
        legend_box(
            &legend,
            "Criteria",
            used.iter()
                .map(|&j| (label(&b.criteria[j].label, 22), criterion_colour(j))),
        )?;
    }
    root.present()?;
    Ok(())
}

/// A legend: a title, then one swatch and label a line.
fn legend_box(
    area: &DrawingArea<SVGBackend, Shift>,
    title: &str,
    items: impl Iterator<Item = (String, RGBColor)>,
) -> DrawResult {
    let style = TextStyle::from((FONT, TEXT).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    area.draw(&Text::new(title.to_string(), (4, 18), style.clone()))?;
    for (k, (name, colour)) in items.enumerate() {
        let y = 40 + 20 * k as i32;
        area.draw(&Rectangle::new([(4, y - 6), (16, y + 6)], colour.filled()))?;
        area.draw(&Text::new(name, (22, y), style.clone()))?;
    }
    Ok(())
}

fn weights(b: &Briefing, out: &mut String) -> DrawResult {
    // Criteria in family order, as the tables list them.
    let order: Vec<usize> = b
        .families
        .iter()
        .flat_map(|f| f.criteria.iter().copied())
        .collect();
    let n = order.len().max(1);
    let labels: Vec<String> = order
        .iter()
        .map(|&j| label(&b.criteria[j].label, 28))
        .collect();
    let top = order
        .iter()
        .map(|&j| b.criteria[j].weight * 100.0)
        .fold(0.0f64, f64::max);
    let hi = if top > 0.0 { top * 1.15 } else { 1.0 };
    let height = 70 + 22 * n as u32;
    let root = SVGBackend::with_string(out, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let x_desc = format!("Weight (%), profile {}", label(&b.profile.name, 40));
    let mut chart = percent_rows(&root, &labels, 0.0..hi, &x_desc)?;
    chart.draw_series(order.iter().enumerate().map(|(k, &j)| {
        let s = n - 1 - k;
        let mut rect = Rectangle::new(
            [
                (0.0, SegmentValue::Exact(s)),
                (b.criteria[j].weight * 100.0, SegmentValue::Exact(s + 1)),
            ],
            criterion_colour(j).filled(),
        );
        rect.set_margin(3, 3, 0, 0);
        rect
    }))?;
    let value_style = TextStyle::from((FONT, TEXT).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    chart.draw_series(order.iter().enumerate().map(|(k, &j)| {
        let w = b.criteria[j].weight;
        Text::new(
            percent(w),
            (w * 100.0 + hi * 0.01, SegmentValue::CenterOf(n - 1 - k)),
            value_style.clone(),
        )
    }))?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_one_line_and_short() {
        assert_eq!(label("a\n b\tc", 10), "a b c");
        assert_eq!(label("abcdefghij", 5), "abcd…");
        assert_eq!(label("x\u{0}y", 5), "xy");
    }

    #[test]
    fn ticks_fit_the_span() {
        assert_eq!(tick(-1.1e-16, 1.2), "0");
        assert_eq!(tick(0.25, 0.6), "0.25");
        assert_eq!(tick(12.0, 80.0), "12");
        assert_eq!(tick(0.000_5, 0.001), "5.00e-4");
    }
}
