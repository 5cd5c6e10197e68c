//! The sweep of one weight (scores along it, reversals, the top-stable interval) and the
//! tornado chart of every criterion's top-stable interval.

use egui::{Align2, Color32, FontId, RichText, Stroke, Ui, pos2, vec2};
use egui_plot::{Line, Plot, PlotPoints, Points, Polygon, VLine};

use crate::analysis::sensitivity::{Reversal, Summary, Sweep, Target};
use crate::app::theme;
use crate::i18n::{self, fill};
use crate::scenario::model::Scenario;

/// A target's name in the current language.
fn target_name(s: &Scenario, target: Target) -> String {
    let lang = i18n::lang();
    match target {
        Target::Criterion(j) => s
            .criteria
            .get(j)
            .map_or_else(|| "?".into(), |c| c.name_in(lang).to_string()),
        Target::Family(f) => s
            .families
            .get(f)
            .map_or_else(|| "?".into(), |x| x.name_in(lang).to_string()),
    }
}

/// A target's short label (criteria) or name (families), for tight rows.
fn short_name(s: &Scenario, target: Target) -> String {
    match target {
        Target::Criterion(j) => s
            .criteria
            .get(j)
            .map_or_else(|| "?".into(), |c| c.label_in(i18n::lang()).to_string()),
        Target::Family(_) => target_name(s, target),
    }
}

fn option_name(s: &Scenario, i: usize) -> String {
    s.options
        .get(i)
        .map_or_else(|| "?".into(), |o| o.label_in(i18n::lang()).to_string())
}

/// With more options than this, the sweep chart draws only the ones that matter (a chart of
/// 1,000 curves and their half a million crossings took 100 ms a frame, and showed nothing).
const CURVES_SHOWN: usize = 12;

/// The options whose curves are drawn: all of them, or past [`CURVES_SHOWN`] the best that many
/// at the current weight and every option ranked first somewhere along the sweep. As flags by
/// option, with how many are set.
fn drawn(sw: &Sweep) -> (Vec<bool>, usize) {
    let n = sw.curves.len();
    if n <= CURVES_SHOWN {
        return (vec![true; n], n);
    }
    let mut on = vec![false; n];
    // The sample at the current weight (the sweep always samples it).
    let k = (0..sw.weights.len())
        .min_by(|&a, &b| {
            (sw.weights[a] - sw.current_weight)
                .abs()
                .total_cmp(&(sw.weights[b] - sw.current_weight).abs())
        })
        .unwrap_or(0);
    let now = |i: usize| sw.curves[i].get(k).copied().unwrap_or(f64::NAN);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (now(a), now(b));
        if sw.higher_is_better {
            y.total_cmp(&x)
        } else {
            x.total_cmp(&y)
        }
    });
    for &i in order.iter().take(CURVES_SHOWN) {
        on[i] = true;
    }
    for r in sw.reversals.iter().filter(|r| r.top_changes) {
        on[r.before] = true;
        on[r.after] = true;
    }
    for &i in sw
        .stable
        .top_now
        .iter()
        .chain(&sw.stable.top_below)
        .chain(&sw.stable.top_above)
    {
        if let Some(x) = on.get_mut(i) {
            *x = true;
        }
    }
    let count = on.iter().filter(|&&x| x).count();
    (on, count)
}

fn pct(w: f64) -> String {
    format!("{:.1} %", w * 100.0)
}

/// Option `i`'s score at weight `w`, read off its sampled curve (linear between samples).
fn score_at(sw: &Sweep, i: usize, w: f64) -> Option<f64> {
    let curve = sw.curves.get(i)?;
    let k = sw.weights.partition_point(|x| *x < w);
    match (k.checked_sub(1), sw.weights.get(k)) {
        (Some(a), Some(&wb)) => {
            let wa = sw.weights[a];
            let f = if wb > wa { (w - wa) / (wb - wa) } else { 0.0 };
            Some(curve[a] + (curve.get(k)? - curve[a]) * f)
        }
        (None, _) => curve.first().copied(),
        (_, None) => curve.last().copied(),
    }
}

/// The target chooser, the sweep chart and, beside it, what it means in words.
pub(super) fn show_sweep(ui: &mut Ui, s: &Scenario, sw: &Sweep, target: &mut Option<Target>) {
    let t = i18n::s();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(t.robust_sweep_label);
        egui::ComboBox::from_id_salt("robust-target")
            .selected_text(target_name(s, sw.target))
            .show_ui(ui, |ui| {
                for f in 0..s.families.len() {
                    let tg = Target::Family(f);
                    let text = fill(t.robust_family_item, &[&target_name(s, tg)]);
                    if ui.selectable_label(sw.target == tg, text).clicked() {
                        *target = Some(tg);
                    }
                }
                for j in 0..s.criteria.len() {
                    let tg = Target::Criterion(j);
                    if ui
                        .selectable_label(sw.target == tg, target_name(s, tg))
                        .clicked()
                    {
                        *target = Some(tg);
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    let height = (ui.available_width() * 0.32).clamp(200.0, 380.0);
    let em = ui.text_style_height(&egui::TextStyle::Body);
    let (lo, hi) = (sw.stable.top.lo, sw.stable.top.hi);
    let (on, count) = drawn(sw);
    let (ymin, ymax) = sw
        .curves
        .iter()
        .zip(&on)
        .filter(|(_, on)| **on)
        .flat_map(|(c, _)| c)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    let (ymin, ymax) = if ymin.is_finite() && ymax.is_finite() {
        (ymin, ymax.max(ymin + 1e-6))
    } else {
        (0.0, 1.0)
    };
    let axis_x = fill(t.robust_sweep_axis, &[&target_name(s, sw.target)]);
    let text_colour = ui.visuals().text_color();
    Plot::new("robust-sweep")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_crosshair(false)
        .include_x(0.0)
        .include_x(100.0)
        .include_y(ymin)
        .include_y(ymax)
        .x_axis_label(axis_x)
        .y_axis_label(t.col_score)
        .x_grid_spacer(move |input| crate::app::views::value_marks(input, em))
        .y_grid_spacer(move |input| crate::app::views::value_marks(input, em))
        .x_axis_formatter(|m, _| crate::app::views::mark_text(m))
        .y_axis_formatter(|m, _| crate::app::views::mark_text(m))
        .show(ui, |plot| {
            // The top-stable interval, shaded.
            let shade = Color32::from_rgba_unmultiplied(90, 160, 90, 50);
            plot.polygon(
                Polygon::new(
                    t.robust_top_stable,
                    PlotPoints::from(vec![
                        [lo * 100.0, ymin],
                        [hi * 100.0, ymin],
                        [hi * 100.0, ymax],
                        [lo * 100.0, ymax],
                    ]),
                )
                .fill_color(shade)
                .stroke(Stroke::NONE),
            );
            for (i, curve) in sw.curves.iter().enumerate().filter(|(i, _)| on[*i]) {
                let pts: Vec<[f64; 2]> = sw
                    .weights
                    .iter()
                    .zip(curve)
                    .map(|(w, v)| [w * 100.0, *v])
                    .collect();
                plot.line(
                    Line::new(option_name(s, i), PlotPoints::from(pts))
                        .color(theme::option_colour(i))
                        .width(2.0),
                );
            }
            // Reversals that change the top option as dashed lines; the others as dots where
            // the two curves cross (dozens of lines would hide the curves).
            let dots: Vec<[f64; 2]> = sw
                .reversals
                .iter()
                .filter(|r| !r.top_changes && on[r.before] && on[r.after])
                .filter_map(|r| Some([r.weight * 100.0, score_at(sw, r.before, r.weight)?]))
                .collect();
            plot.points(
                Points::new(t.robust_reversal, PlotPoints::from(dots))
                    .color(text_colour.gamma_multiply(0.7))
                    .radius(3.0),
            );
            for r in sw.reversals.iter().filter(|r| r.top_changes) {
                plot.vline(
                    VLine::new(t.robust_reversal, r.weight * 100.0)
                        .color(theme::WARNING)
                        .style(egui_plot::LineStyle::dashed_loose())
                        .width(2.0),
                );
            }
            plot.vline(
                VLine::new(t.robust_current_weight, sw.current_weight * 100.0)
                    .color(text_colour)
                    .width(2.5),
            );
        });
    if count < sw.curves.len() {
        ui.label(
            RichText::new(fill(
                i18n::robustness::t().sweep_some,
                &[&count, &sw.curves.len(), &CURVES_SHOWN],
            ))
            .weak(),
        );
    }
    // The legend: one swatch per option drawn.
    ui.horizontal_wrapped(|ui| {
        for i in (0..sw.curves.len()).filter(|&i| on[i]) {
            crate::app::views::legend_entry(
                ui,
                theme::option_colour(i),
                &option_name(s, i),
                &option_name(s, i),
            );
        }
    });
    // In words: the current weight, where the top stays, the reversals.
    let top: Vec<String> = sw
        .stable
        .top_now
        .iter()
        .map(|&i| option_name(s, i))
        .collect();
    ui.label(fill(
        t.robust_sweep_words,
        &[
            &target_name(s, sw.target),
            &pct(sw.current_weight),
            &top.join(t.list_sep),
            &pct(lo),
            &pct(hi),
        ],
    ));
    if sw.reversals.is_empty() {
        ui.label(RichText::new(t.robust_no_reversals).weak());
    } else {
        ui.label(t.robust_reversals_heading);
        const SHOWN: usize = 8;
        let (top, other): (Vec<&Reversal>, Vec<&Reversal>) =
            sw.reversals.iter().partition(|r| r.top_changes);
        let shown = top.len() + other.len().min(SHOWN);
        let mut list: Vec<_> = top
            .into_iter()
            .chain(other.into_iter().take(SHOWN))
            .collect();
        list.sort_by(|a, b| a.weight.total_cmp(&b.weight));
        for r in list {
            let line = fill(
                t.robust_reversal_item,
                &[
                    &pct(r.weight),
                    &option_name(s, r.after),
                    &option_name(s, r.before),
                ],
            );
            let text = if r.top_changes {
                RichText::new(format!("{line} {}", t.robust_top_changes)).strong()
            } else {
                RichText::new(line)
            };
            ui.label(text);
        }
        if sw.reversals.len() > shown {
            ui.label(fill(t.robust_more, &[&(sw.reversals.len() - shown)]));
        }
    }
}

/// Every criterion's top-stable interval as a bar over 0..100 %, the current weight marked,
/// the narrowest (the most sensitive) first.
pub(super) fn tornado(ui: &mut Ui, s: &Scenario, summary: &Summary) {
    let t = i18n::s();
    ui.add_space(8.0);
    ui.label(RichText::new(t.robust_tornado_heading).strong());
    ui.label(RichText::new(t.robust_tornado_note).weak());
    let mut rows: Vec<(Target, f64, f64, f64)> = summary
        .criteria
        .iter()
        .filter_map(|c| {
            let st = c.stable.as_ref().ok()?;
            Some((c.target, c.weight, st.top.lo, st.top.hi))
        })
        .collect();
    rows.sort_by(|a, b| (a.3 - a.2).total_cmp(&(b.3 - b.2)));
    let font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) * 0.9);
    let row_h = ui.text_style_height(&egui::TextStyle::Body) * 1.5;
    let names: Vec<String> = rows.iter().map(|r| short_name(s, r.0)).collect();
    let name_w = names
        .iter()
        .map(|n| {
            ui.painter()
                .layout_no_wrap(n.clone(), font.clone(), Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0_f32, f32::max)
        .min(ui.available_width() * 0.35)
        + 8.0;
    let width = ui.available_width().min(900.0);
    let (rect, _) = ui.allocate_exact_size(
        vec2(width, row_h * (rows.len() as f32 + 1.0)),
        egui::Sense::hover(),
    );
    let p = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let bar_x0 = rect.left() + name_w;
    let bar_w = (rect.right() - bar_x0 - 60.0).max(40.0);
    let x_of = |w: f64| bar_x0 + bar_w * w.clamp(0.0, 1.0) as f32;
    let bar = theme::value_colour(0.75);
    for (k, ((_, w, lo, hi), name)) in rows.iter().zip(&names).enumerate() {
        let y = rect.top() + row_h * k as f32;
        p.text(
            pos2(bar_x0 - 8.0, y + row_h / 2.0),
            Align2::RIGHT_CENTER,
            name,
            font.clone(),
            text,
        );
        let track =
            egui::Rect::from_min_max(pos2(x_of(0.0), y + 4.0), pos2(x_of(1.0), y + row_h - 4.0));
        p.rect_filled(track, 2.0, ui.visuals().faint_bg_color);
        let band =
            egui::Rect::from_min_max(pos2(x_of(*lo), y + 4.0), pos2(x_of(*hi), y + row_h - 4.0));
        p.rect_filled(band, 2.0, bar);
        p.line_segment(
            [pos2(x_of(*w), y + 1.0), pos2(x_of(*w), y + row_h - 1.0)],
            Stroke::new(2.5, text),
        );
        p.text(
            pos2(x_of(1.0) + 6.0, y + row_h / 2.0),
            Align2::LEFT_CENTER,
            format!("{:.0}–{:.0} %", lo * 100.0, hi * 100.0),
            font.clone(),
            text,
        );
    }
    // The scale under the bars.
    let y = rect.top() + row_h * rows.len() as f32 + row_h / 2.0;
    for k in 0..=4 {
        let w = f64::from(k) * 0.25;
        p.text(
            pos2(x_of(w), y),
            Align2::CENTER_CENTER,
            format!("{:.0} %", w * 100.0),
            font.clone(),
            text,
        );
    }
}
