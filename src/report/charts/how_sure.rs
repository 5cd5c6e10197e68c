//! The charts of "How sure is this ranking?": the tornado of each criterion's top-stable
//! weight interval, and SMAA's rank acceptability as bars stacked by rank.

use plotters::prelude::*;

use super::{DrawResult, ROW, WIDTH, label, legend_box, percent_rows};
use crate::report::Briefing;
use crate::report::robustness::acceptability_order;

/// The colour of the tornado's bars (the weight now is a black mark across its bar).
pub(in crate::report) const TORNADO_COLOUR: RGBColor = RGBColor(86, 180, 233);

/// At most this many options get a bar in the acceptability chart (the best by holistic
/// acceptability); the table lists every one.
pub(in crate::report) const ACCEPTABILITY_BARS: usize = 30;

/// Ranks with their own colour; ranks from here down share the last one.
const RANK_COLOURS: usize = 10;

pub(super) fn tornado(b: &Briefing, out: &mut String) -> DrawResult {
    let Some(r) = &b.sensitivity else {
        return Ok(());
    };
    let rows: Vec<(usize, f64, f64, f64)> = r
        .tornado_order()
        .into_iter()
        .filter_map(|s| {
            let (lo, hi) = s.top_stable.as_ref().ok()?;
            Some((s.criterion, *lo, *hi, s.weight))
        })
        .collect();
    let n = rows.len().max(1);
    let labels: Vec<String> = rows
        .iter()
        .map(|&(j, ..)| label(b.criteria.get(j).map_or("", |c| c.label.as_str()), 28))
        .collect();
    let height = 70 + ROW * n as u32;
    let root = SVGBackend::with_string(out, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = percent_rows(
        &root,
        &labels,
        0.0..100.0,
        "Weight (%) over which the top option stays first",
    )?;
    chart.draw_series(rows.iter().enumerate().map(|(k, &(_, lo, hi, _))| {
        let s = n - 1 - k;
        let mut rect = Rectangle::new(
            [
                (lo * 100.0, SegmentValue::Exact(s)),
                (hi * 100.0, SegmentValue::Exact(s + 1)),
            ],
            TORNADO_COLOUR.filled(),
        );
        rect.set_margin(4, 4, 0, 0);
        rect
    }))?;
    chart.draw_series(rows.iter().enumerate().map(|(k, &(.., w))| {
        let s = n - 1 - k;
        PathElement::new(
            vec![
                (w * 100.0, SegmentValue::Exact(s)),
                (w * 100.0, SegmentValue::Exact(s + 1)),
            ],
            BLACK.stroke_width(2),
        )
    }))?;
    root.present()?;
    Ok(())
}

/// Rank `k` (0 for first) of `m`: dark blue for first, paler down the ranks.
fn rank_colour(k: usize, m: usize) -> RGBColor {
    let steps = m.min(RANK_COLOURS).saturating_sub(1).max(1) as f64;
    let t = (k.min(RANK_COLOURS - 1) as f64 / steps).min(1.0);
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(mix(8, 198), mix(48, 219), mix(107, 239))
}

pub(super) fn acceptability(b: &Briefing, out: &mut String) -> DrawResult {
    let Some(Ok(s)) = b.sensitivity.as_ref().map(|r| &r.smaa) else {
        return Ok(());
    };
    let m = s.options.len();
    let order: Vec<usize> = acceptability_order(s)
        .into_iter()
        .take(ACCEPTABILITY_BARS)
        .collect();
    let n = order.len().max(1);
    let labels: Vec<String> = order
        .iter()
        .map(|&i| label(b.options.get(i).map_or("", |o| o.label.as_str()), 28))
        .collect();
    let bands = m.min(RANK_COLOURS);
    let legend_width = 130;
    let height = (70 + ROW * n as u32).max(50 + 20 * bands as u32);
    let root = SVGBackend::with_string(out, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let (plot, legend) = root.split_horizontally(WIDTH - legend_width);
    let mut chart = percent_rows(&plot, &labels, 0.0..100.0, "Share of draws (%)")?;
    for (k, &i) in order.iter().enumerate() {
        let shares = &s.options[i].rank_acceptability;
        let seg = n - 1 - k;
        let mut start = 0.0;
        for band in 0..bands {
            // The last band holds every rank from it down.
            let share: f64 = if band + 1 == bands {
                shares.iter().skip(band).sum()
            } else {
                shares.get(band).copied().unwrap_or(0.0)
            };
            if share <= 0.0 {
                continue;
            }
            let end = (start + share * 100.0).min(100.0);
            let mut rect = Rectangle::new(
                [
                    (start, SegmentValue::Exact(seg)),
                    (end, SegmentValue::Exact(seg + 1)),
                ],
                rank_colour(band, m).filled(),
            );
            rect.set_margin(4, 4, 0, 0);
            chart.draw_series(std::iter::once(rect))?;
            start = end;
        }
    }
    legend_box(
        &legend,
        "Rank",
        (0..bands).map(|band| {
            let name = if band + 1 == bands && m > bands {
                format!("{} to {m}", band + 1)
            } else {
                (band + 1).to_string()
            };
            (name, rank_colour(band, m))
        }),
    )?;
    root.present()?;
    Ok(())
}
