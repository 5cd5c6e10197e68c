//! The PROMETHEE preference function part of the criterion editor: the function (usual,
//! U-shape, V-shape, level, linear, Gaussian), its thresholds q, p and s typed or dragged, and
//! the preference P(d) drawn against the difference d, so the effect of each threshold is seen.
//! The curve is the scoring code's own [`preference`], so the chart shows what PROMETHEE uses.

use egui::{Color32, RichText, TextEdit, Ui};
use egui_plot::{Line, LineStyle, Plot, PlotPoints, VLine};

use super::checks::{entered, number_text, parse_number, snap, step_for};
use crate::analysis::scoring::preference;
use crate::i18n::editors as e;
use crate::scenario::model::{Outranking, PreferenceFunction};

/// Distance in points within which a press picks up a threshold line.
const GRAB: f32 = 10.0;

/// Points sampled along the curve between its breaks.
const SAMPLES: usize = 160;

/// A threshold of a preference function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Threshold {
    Q,
    P,
    S,
}

/// The preference function's fields, as typed.
pub(super) struct PreferenceForm {
    /// `None`: not set (PROMETHEE uses the usual criterion).
    function: Option<PreferenceFunction>,
    q: String,
    p: String,
    s: String,
    /// The criterion's parameters as loaded, kept whole when they come back unchanged (a file
    /// may give a threshold its function does not use).
    original: Option<Outranking>,
    dragging: Option<Threshold>,
    /// The d axis while a threshold is dragged, so it does not rescale under the pointer.
    frozen: Option<f64>,
}

impl PreferenceForm {
    pub(super) fn new(o: Option<&Outranking>) -> Self {
        let text = |x: Option<f64>| x.map_or(String::new(), number_text);
        Self {
            function: o.map(|o| o.function),
            q: text(o.and_then(|o| o.q)),
            p: text(o.and_then(|o| o.p)),
            s: text(o.and_then(|o| o.s)),
            original: o.cloned(),
            dragging: None,
            frozen: None,
        }
    }

    /// The parameters the fields describe: the thresholds the function uses (an empty one is
    /// left for validation to name), or what is wrong with a number.
    pub(super) fn build(&self) -> Result<Option<Outranking>, String> {
        let Some(function) = self.function else {
            return Ok(None);
        };
        let t = e::t();
        let (nq, np, ns) = function.needs();
        let get = |on: bool, text: &str, what: &str| -> Result<Option<f64>, String> {
            if on {
                parse_number(text, what)
            } else {
                Ok(None)
            }
        };
        let built = Outranking {
            function,
            q: get(nq, &self.q, t.pref_q)?,
            p: get(np, &self.p, t.pref_p)?,
            s: get(ns, &self.s, t.pref_s)?,
        };
        Ok(Some(match &self.original {
            Some(o) if used_only(o) == built => o.clone(),
            _ => built,
        }))
    }

    /// The parameters for the chart: what reads as a number, the rest left out.
    fn shown(&self) -> Option<Outranking> {
        let function = self.function?;
        let (nq, np, ns) = function.needs();
        let get = |on: bool, text: &str| {
            on.then(|| text.trim().parse::<f64>().ok())
                .flatten()
                .filter(|x| x.is_finite())
        };
        Some(Outranking {
            function,
            q: get(nq, &self.q),
            p: get(np, &self.p),
            s: get(ns, &self.s),
        })
    }
}

/// `o` without the thresholds its function does not use.
fn used_only(o: &Outranking) -> Outranking {
    let (nq, np, ns) = o.function.needs();
    Outranking {
        function: o.function,
        q: o.q.filter(|_| nq),
        p: o.p.filter(|_| np),
        s: o.s.filter(|_| ns),
    }
}

/// A function's name in the current language.
pub(super) fn function_name(f: Option<PreferenceFunction>) -> &'static str {
    let t = e::t();
    match f {
        None => t.pref_not_set,
        Some(PreferenceFunction::Usual) => t.pref_usual,
        Some(PreferenceFunction::UShape) => t.pref_u_shape,
        Some(PreferenceFunction::VShape) => t.pref_v_shape,
        Some(PreferenceFunction::Level) => t.pref_level,
        Some(PreferenceFunction::Linear) => t.pref_linear,
        Some(PreferenceFunction::Gaussian) => t.pref_gaussian,
    }
}

/// The right end of the d axis: past the largest threshold, else half the scale.
fn d_max(o: Option<&Outranking>, span: f64) -> f64 {
    let t = o.map_or(0.0, |o| {
        [o.q, o.p, o.s.map(|s| 3.0 * s)]
            .into_iter()
            .flatten()
            .fold(0.0, f64::max)
    });
    let m = if t > 0.0 { t * 1.4 } else { span / 2.0 };
    if m > 0.0 && m.is_finite() { m } else { 1.0 }
}

/// P(d) for d in `0..=max` as a polyline: even samples, plus each break (q, p) twice — the
/// value there and just after it — so the steps of U-shape and level are drawn upright.
pub(super) fn curve(o: Option<&Outranking>, max: f64) -> Vec<[f64; 2]> {
    let mut ds: Vec<f64> = (0..=SAMPLES)
        .map(|k| max * k as f64 / SAMPLES as f64)
        .collect();
    let breaks: Vec<f64> = o
        .map(|o| [o.q, o.p].into_iter().flatten().collect())
        .unwrap_or_default();
    ds.extend(breaks.iter().filter(|&&b| b >= 0.0 && b <= max));
    ds.push(0.0);
    ds.sort_by(f64::total_cmp);
    ds.dedup();
    let mut out = Vec::with_capacity(ds.len() + breaks.len() + 1);
    for d in ds {
        let at = preference(o, d);
        out.push([d, at]);
        // Just after d: where P jumps (at 0 for the usual criterion, at q or p for steps).
        let after = preference(o, d + max * 1e-9);
        if (after - at).abs() > 1e-6 {
            out.push([d, after]);
        }
    }
    out
}

/// The section: the function, its thresholds and the chart. `span` is the scale's width (for
/// the d axis when no threshold is set); true when Enter ended input in a field.
pub(super) fn ui(ui: &mut Ui, form: &mut PreferenceForm, span: f64, unit: &str) -> bool {
    let t = e::t();
    let mut apply = false;
    ui.horizontal(|ui| {
        let l = ui.label(t.pref_function);
        egui::ComboBox::from_id_salt("criterion-preference-function")
            .selected_text(function_name(form.function))
            .width(220.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.function, None, function_name(None));
                for f in PreferenceFunction::ALL {
                    ui.selectable_value(&mut form.function, Some(f), function_name(Some(f)));
                }
            })
            .response
            .labelled_by(l.id);
    });
    let (nq, np, ns) = form.function.map_or((false, false, false), |f| f.needs());
    if nq || np || ns {
        ui.horizontal_wrapped(|ui| {
            let mut field = |ui: &mut Ui, on: bool, name: &str, hover: &str, text: &mut String| {
                if on {
                    let l = ui.label(name).on_hover_text(hover);
                    let r = ui
                        .add(TextEdit::singleline(text).desired_width(64.0))
                        .labelled_by(l.id)
                        .on_hover_text(hover);
                    apply |= entered(ui, &r);
                    ui.add_space(8.0);
                }
            };
            field(ui, nq, t.pref_q, t.pref_q_hover, &mut form.q);
            field(ui, np, t.pref_p, t.pref_p_hover, &mut form.p);
            field(ui, ns, t.pref_s, t.pref_s_hover, &mut form.s);
            if !unit.is_empty() {
                ui.label(RichText::new(unit).weak());
            }
        });
    }
    chart(ui, form, span, unit);
    ui.label(RichText::new(t.pref_note).small().weak());
    apply
}

/// P(d) against d, with the thresholds as lines to drag.
fn chart(ui: &mut Ui, form: &mut PreferenceForm, span: f64, unit: &str) {
    let t = e::t();
    let shown = form.shown();
    let max = form.frozen.unwrap_or_else(|| d_max(shown.as_ref(), span));
    let points = curve(shown.as_ref(), max);
    let colour = ui.visuals().strong_text_color();
    let marks: Vec<(Threshold, f64, &str, Color32)> = shown
        .as_ref()
        .map(|o| {
            [
                (Threshold::Q, o.q, "q", Color32::from_rgb(90, 160, 230)),
                (Threshold::P, o.p, "p", Color32::from_rgb(230, 140, 60)),
                (Threshold::S, o.s, "s", Color32::from_rgb(160, 110, 220)),
            ]
            .into_iter()
            .filter_map(|(k, x, name, c)| Some((k, x?, name, c)))
            .collect()
        })
        .unwrap_or_default();
    let x_label = if unit.is_empty() {
        t.pref_d_axis.to_string()
    } else {
        format!("{} ({unit})", t.pref_d_axis)
    };
    let step = step_for(max);
    let mut grabbed = None;
    let mut moved = None;
    let mut released = false;
    let held = form.dragging;
    let em = ui.text_style_height(&egui::TextStyle::Body);
    Plot::new("criterion-preference")
        .width(ui.available_width().min(520.0))
        .height(160.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .x_axis_label(x_label)
        .y_axis_label(t.pref_p_axis)
        .x_grid_spacer(move |input| crate::app::views::value_marks(input, em))
        .y_grid_spacer(move |input| crate::app::views::value_marks(input, em))
        .x_axis_formatter(|m, _| crate::app::views::mark_text(m))
        .y_axis_formatter(|m, _| crate::app::views::mark_text(m))
        .show(ui, |plot| {
            plot.set_plot_bounds_x(-max * 0.03..=max * 1.03);
            plot.set_plot_bounds_y(-0.05..=1.08);
            plot.line(
                Line::new(t.pref_p_axis, PlotPoints::from(points))
                    .color(colour)
                    .width(2.0),
            );
            for &(k, x, name, c) in &marks {
                let width = if held == Some(k) { 3.0 } else { 1.5 };
                plot.vline(
                    VLine::new(name, x)
                        .color(c)
                        .width(width)
                        .style(LineStyle::dashed_loose()),
                );
                // The name just right of its line, high up where the curve is not.
                plot.text(
                    egui_plot::Text::new(
                        name,
                        [x + max * 0.012, 0.82].into(),
                        RichText::new(name).color(c).strong(),
                    )
                    .anchor(egui::Align2::LEFT_CENTER),
                );
            }
            let r = plot.response().clone();
            // Where the press was, not where the pointer is once it has moved far enough to
            // count as a drag: a quick flick still picks up what was under the pointer.
            let pressed_at = r.ctx.input(|i| i.pointer.press_origin());
            if r.drag_started()
                && let Some(at) = pressed_at.or(r.interact_pointer_pos())
            {
                grabbed = marks
                    .iter()
                    .map(|&(k, x, ..)| (k, (plot.screen_from_plot([x, 0.0].into()).x - at.x).abs()))
                    .filter(|&(_, d)| d < GRAB)
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(k, _)| k);
            }
            if r.dragged()
                && let (Some(k), Some(at)) = (grabbed.or(held), plot.pointer_coordinate())
            {
                moved = Some((k, snap(at.x.clamp(0.0, max), step)));
            }
            released = r.drag_stopped();
        });
    if let Some(k) = grabbed {
        form.dragging = Some(k);
        form.frozen = Some(max);
    }
    if let Some((k, x)) = moved {
        let text = number_text(x);
        match k {
            Threshold::Q => form.q = text,
            Threshold::P => form.p = text,
            Threshold::S => form.s = text,
        }
    }
    if released {
        form.dragging = None;
        form.frozen = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PreferenceFunction as F;

    fn o(function: F, q: Option<f64>, p: Option<f64>, s: Option<f64>) -> Outranking {
        Outranking { function, q, p, s }
    }

    /// The six generalised criteria as Brans, Vincke & Mareschal (1986, "How to select and how
    /// to rank projects: the PROMETHEE method", EJOR 24, fig. 1) define them, written out here
    /// independently of the scoring code: P(d) for d > 0.
    fn textbook(o: &Outranking, d: f64) -> f64 {
        let (q, p, s) = (o.q.unwrap_or(0.0), o.p.unwrap_or(0.0), o.s.unwrap_or(0.0));
        if d <= 0.0 {
            return 0.0;
        }
        match o.function {
            F::Usual => 1.0,
            F::UShape => f64::from(u8::from(d > q)),
            F::VShape => (d / p).min(1.0),
            F::Level if d <= q => 0.0,
            F::Level if d <= p => 0.5,
            F::Level => 1.0,
            F::Linear if d <= q => 0.0,
            F::Linear => ((d - q) / (p - q)).min(1.0),
            F::Gaussian => 1.0 - (-d * d / (2.0 * s * s)).exp(),
        }
    }

    #[test]
    fn the_curve_drawn_matches_the_formulas_at_hand_computed_points() {
        // (parameters, d, P(d) worked by hand)
        let cases = [
            (o(F::Usual, None, None, None), 0.4, 1.0),
            (o(F::UShape, Some(2.0), None, None), 1.0, 0.0),
            (o(F::UShape, Some(2.0), None, None), 2.5, 1.0),
            (o(F::VShape, None, Some(4.0), None), 1.0, 0.25),
            (o(F::VShape, None, Some(4.0), None), 5.0, 1.0),
            (o(F::Level, Some(1.0), Some(3.0), None), 2.0, 0.5),
            (o(F::Level, Some(1.0), Some(3.0), None), 3.5, 1.0),
            (o(F::Linear, Some(1.0), Some(3.0), None), 2.0, 0.5),
            (o(F::Linear, Some(1.0), Some(3.0), None), 1.5, 0.25),
            // 1 − e^(−2²/(2·2²)) = 1 − e^(−1/2) = 0.3934693…
            (
                o(F::Gaussian, None, None, Some(2.0)),
                2.0,
                0.393_469_340_287_366_6,
            ),
        ];
        for (params, d, by_hand) in cases {
            assert!(
                (textbook(&params, d) - by_hand).abs() < 1e-12,
                "{params:?} at {d}"
            );
            // The chart's polyline passes through (d, P(d)) when d is one of its vertices; put
            // d on one by choosing the axis so a sample lands there.
            let max = d * 2.0;
            let pts = curve(Some(&params), max);
            let at = pts
                .iter()
                .find(|[x, _]| (*x - d).abs() < 1e-12)
                .unwrap_or_else(|| panic!("no vertex at {d} for {params:?}"));
            assert!(
                (at[1] - by_hand).abs() < 1e-12,
                "{params:?} at {d}: {}",
                at[1]
            );
        }
    }

    #[test]
    fn every_vertex_of_every_curve_lies_on_the_textbook_function() {
        let all = [
            o(F::Usual, None, None, None),
            o(F::UShape, Some(1.5), None, None),
            o(F::VShape, None, Some(2.5), None),
            o(F::Level, Some(0.5), Some(2.0), None),
            o(F::Linear, Some(0.5), Some(2.0), None),
            o(F::Gaussian, None, None, Some(1.2)),
        ];
        for params in all {
            let max = d_max(Some(&params), 10.0);
            let pts = curve(Some(&params), max);
            assert!(
                pts.windows(2).all(|w| w[0][0] <= w[1][0]),
                "{params:?}: d goes back"
            );
            for [d, y] in &pts {
                // At a break the polyline has two vertices: the value there, and the value just
                // after (the top of the step).
                let after = textbook(&params, d + 1e-7);
                assert!(
                    (y - textbook(&params, *d)).abs() < 1e-9 || (y - after).abs() < 1e-6,
                    "{params:?} at {d}: {y}"
                );
            }
            // The curve reaches the right end of the axis.
            assert!(pts.last().is_some_and(|p| (p[0] - max).abs() < 1e-12));
        }
    }

    #[test]
    fn unchanged_parameters_come_back_whole_and_unused_thresholds_go() {
        // A file may give the usual criterion a q it does not use: kept while nothing changes.
        let loaded = o(F::Usual, Some(1.0), None, None);
        let mut form = PreferenceForm::new(Some(&loaded));
        assert_eq!(form.build(), Ok(Some(loaded)));
        form.function = Some(F::Linear);
        form.p = "4".into();
        assert_eq!(
            form.build(),
            Ok(Some(o(F::Linear, Some(1.0), Some(4.0), None)))
        );
        form.function = Some(F::Gaussian);
        form.s = "2".into();
        assert_eq!(
            form.build(),
            Ok(Some(o(F::Gaussian, None, None, Some(2.0))))
        );
        form.function = None;
        assert_eq!(form.build(), Ok(None));
    }
}
