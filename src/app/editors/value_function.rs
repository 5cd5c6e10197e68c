//! The value function part of the criterion editor: points `(x, value)` typed in a table and
//! dragged on a chart. The format asks for at least two points, `x` strictly increasing and
//! values in 0..1 (not monotonic: a value may rise, then fall); the editor keeps a dragged
//! point between its neighbours and in 0..1, and shows what is typed as it is typed.

use egui::{Color32, RichText, TextEdit, Ui};
use egui_plot::{Line, LineStyle, Plot, PlotPoints, Points};

use super::checks::{entered, need_number, number_text, snap, step_for};
use crate::i18n::editors as e;
use crate::i18n::fill;
use crate::scenario::model::{Direction, ValueFunction};

/// Distance in points within which a press picks up a point of the chart.
const GRAB: f32 = 14.0;

/// Widths of the x and value fields of the table of points.
const X_WIDTH: f32 = 72.0;
const V_WIDTH: f32 = 64.0;

/// The value function's fields, as typed.
pub(super) struct ValueFunctionForm {
    /// Whether the criterion has a value function (else its values map linearly onto its scale).
    pub on: bool,
    /// `(x, value)` as typed, in order.
    pub points: Vec<[String; 2]>,
    /// The point being dragged on the chart.
    dragging: Option<usize>,
}

impl ValueFunctionForm {
    pub(super) fn new(vf: Option<&ValueFunction>) -> Self {
        Self {
            on: vf.is_some(),
            points: vf.map_or_else(Vec::new, |vf| {
                vf.points
                    .iter()
                    .map(|&(x, v)| [number_text(x), number_text(v)])
                    .collect()
            }),
            dragging: None,
        }
    }

    /// A straight line across the scale, worst end 0 and best end 1: the same values as no
    /// value function, to be bent from there.
    fn start(&mut self, lo: f64, hi: f64, direction: Direction) {
        let (a, b) = match direction {
            Direction::Maximize => (0.0, 1.0),
            Direction::Minimize => (1.0, 0.0),
        };
        let mid = lo + (hi - lo) / 2.0;
        let mid_v = (a + b) / 2.0;
        self.points = vec![
            [number_text(lo), number_text(a)],
            [
                number_text(snap(mid, step_for(hi - lo))),
                number_text(mid_v),
            ],
            [number_text(hi), number_text(b)],
        ];
    }

    /// The points that read as numbers, for the chart (a point being typed may not).
    fn parsed(&self) -> Vec<Option<(f64, f64)>> {
        self.points
            .iter()
            .map(|[x, v]| Some((x.trim().parse().ok()?, v.trim().parse().ok()?)))
            .map(|p: Option<(f64, f64)>| p.filter(|(x, v)| x.is_finite() && v.is_finite()))
            .collect()
    }

    /// The value function the fields describe (`None` when off), or what is wrong with a
    /// number; the rules of the format are left to validation.
    pub(super) fn build(&self) -> Result<Option<ValueFunction>, String> {
        if !self.on {
            return Ok(None);
        }
        let t = e::t();
        let mut points = Vec::with_capacity(self.points.len());
        for (k, [x, v]) in self.points.iter().enumerate() {
            let x = need_number(x, &fill(t.vf_point_x, &[&(k + 1)]))?;
            let v = need_number(v, &fill(t.vf_point_value, &[&(k + 1)]))?;
            points.push((x, v));
        }
        Ok(Some(ValueFunction { points }))
    }
}

/// The value function section: a switch, the chart and the table of points. `scale` is the
/// scale as typed (when it reads); true when Enter ended input in a field.
pub(super) fn ui(
    ui: &mut Ui,
    form: &mut ValueFunctionForm,
    scale: Option<(f64, f64)>,
    direction: Direction,
    unit: &str,
) -> bool {
    let t = e::t();
    let before = form.on;
    ui.checkbox(&mut form.on, t.vf_use)
        .on_hover_text(t.vf_use_hover);
    if form.on && !before && form.points.len() < 2 {
        let (lo, hi) = scale.unwrap_or((0.0, 1.0));
        form.start(lo, hi, direction);
    }
    if !form.on {
        ui.label(RichText::new(t.vf_off_note).weak());
        return false;
    }
    let mut apply = false;
    let wide = ui.available_width() > 620.0;
    let chart_width = if wide {
        (ui.available_width() * 0.55).min(420.0)
    } else {
        ui.available_width()
    };
    if wide {
        ui.horizontal_top(|ui| {
            chart(ui, form, scale, unit, chart_width);
            ui.vertical(|ui| apply |= points_table(ui, form));
        });
    } else {
        chart(ui, form, scale, unit, chart_width);
        apply |= points_table(ui, form);
    }
    ui.label(RichText::new(t.vf_note).small().weak());
    apply
}

/// The chart: the function as a line (held flat beyond its end points, dashed), its points as
/// handles to drag.
fn chart(
    ui: &mut Ui,
    form: &mut ValueFunctionForm,
    scale: Option<(f64, f64)>,
    unit: &str,
    width: f32,
) {
    let t = e::t();
    let parsed = form.parsed();
    let shown: Vec<(f64, f64)> = parsed.iter().flatten().copied().collect();
    // The x range: the scale, widened to every point typed.
    let (mut lo, mut hi) = scale.unwrap_or((0.0, 1.0));
    for &(x, _) in &shown {
        lo = lo.min(x);
        hi = hi.max(x);
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    let pad = (hi - lo) * 0.04;
    let step = step_for(hi - lo);
    let line_colour = ui.visuals().strong_text_color();
    let handle = ui.visuals().selection.bg_fill;
    let x_label = if unit.is_empty() {
        t.vf_x_axis.to_string()
    } else {
        format!("{} ({unit})", t.vf_x_axis)
    };
    let dragging = form.dragging;
    let em = ui.text_style_height(&egui::TextStyle::Body);
    let mut moved: Option<(usize, f64, f64)> = None;
    let mut grabbed = None;
    let mut released = false;
    Plot::new("criterion-value-function")
        .width(width)
        .height(180.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .x_axis_label(x_label)
        .y_axis_label(t.vf_y_axis)
        .x_grid_spacer(move |input| crate::app::views::value_marks(input, em))
        .y_grid_spacer(move |input| crate::app::views::value_marks(input, em))
        .x_axis_formatter(|m, _| crate::app::views::mark_text(m))
        .y_axis_formatter(|m, _| crate::app::views::mark_text(m))
        .show(ui, |plot| {
            plot.set_plot_bounds_x(lo - pad..=hi + pad);
            plot.set_plot_bounds_y(-0.05..=1.05);
            if let (Some(first), Some(last)) = (shown.first(), shown.last()) {
                // Outside its points the function holds its end values.
                let held = LineStyle::dashed_loose();
                plot.line(
                    Line::new(
                        t.vf_held,
                        PlotPoints::from(vec![[lo, first.1], [first.0, first.1]]),
                    )
                    .color(line_colour.gamma_multiply(0.6))
                    .style(held),
                );
                plot.line(
                    Line::new(
                        t.vf_held,
                        PlotPoints::from(vec![[last.0, last.1], [hi, last.1]]),
                    )
                    .color(line_colour.gamma_multiply(0.6))
                    .style(held),
                );
            }
            let pts: Vec<[f64; 2]> = shown.iter().map(|&(x, v)| [x, v]).collect();
            plot.line(
                Line::new(t.vf_y_axis, PlotPoints::from(pts.clone()))
                    .color(line_colour)
                    .width(2.0),
            );
            plot.points(
                Points::new(t.vf_y_axis, PlotPoints::from(pts))
                    .color(handle)
                    .radius(5.0),
            );
            if let Some(k) = dragging
                && let Some(Some((x, v))) = parsed.get(k)
            {
                plot.points(
                    Points::new(t.vf_y_axis, PlotPoints::from(vec![[*x, *v]]))
                        .color(Color32::from_rgb(240, 170, 40))
                        .radius(7.0),
                );
            }
            let r = plot.response().clone();
            // Where the press was, not where the pointer is once it has moved far enough to
            // count as a drag: a quick flick still picks up what was under the pointer.
            let pressed_at = r.ctx.input(|i| i.pointer.press_origin());
            if r.drag_started()
                && let Some(at) = pressed_at.or(r.interact_pointer_pos())
            {
                grabbed = parsed
                    .iter()
                    .enumerate()
                    .filter_map(|(k, p)| {
                        let (x, v) = (*p)?;
                        let d = plot.screen_from_plot([x, v].into()).distance(at);
                        (d < GRAB).then_some((k, d))
                    })
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(k, _)| k);
            }
            let held = grabbed.or(dragging);
            if r.dragged()
                && let (Some(k), Some(at)) = (held, plot.pointer_coordinate())
            {
                let (x, v) = dragged(&parsed, k, (at.x, at.y), (lo, hi), step);
                moved = Some((k, x, v));
            }
            released = r.drag_stopped();
        });
    if let Some(k) = grabbed {
        form.dragging = Some(k);
    }
    if let Some((k, x, v)) = moved
        && let Some(p) = form.points.get_mut(k)
    {
        *p = [number_text(x), number_text(v)];
    }
    if released {
        form.dragging = None;
    }
}

/// Where point `k` goes when dragged to `at`: x within `range` and strictly between its
/// neighbours (a `step` from each, so x keeps increasing), the value in 0..1, both snapped.
fn dragged(
    parsed: &[Option<(f64, f64)>],
    k: usize,
    at: (f64, f64),
    range: (f64, f64),
    step: f64,
) -> (f64, f64) {
    let below = k
        .checked_sub(1)
        .and_then(|j| parsed.get(j).copied().flatten())
        .map_or(f64::NEG_INFINITY, |p| p.0 + step);
    let above = parsed
        .get(k + 1)
        .copied()
        .flatten()
        .map_or(f64::INFINITY, |p| p.0 - step);
    let x = snap(at.0.clamp(range.0, range.1), step);
    let x = if below <= above {
        snap(x.clamp(below, above), step)
    } else {
        x
    };
    (x, snap(at.1.clamp(0.0, 1.0), 0.01))
}

/// The table of points: x and value for each, a button to remove it (while more than two are
/// left), and one to add a point in the middle of the widest gap.
fn points_table(ui: &mut Ui, form: &mut ValueFunctionForm) -> bool {
    let t = e::t();
    let mut apply = false;
    let mut remove = None;
    egui::Grid::new("criterion-vf-points")
        .num_columns(4)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            // A grid column is as wide as its widest cell of the last frame, and a text field
            // no wider: the headings hold the columns open for the fields.
            let heading = |ui: &mut Ui, text: &str, width: f32| {
                ui.scope(|ui| {
                    ui.set_min_width(width);
                    ui.label(RichText::new(text).strong());
                });
            };
            ui.label("");
            heading(ui, t.vf_x, X_WIDTH);
            heading(ui, t.vf_value, V_WIDTH);
            ui.label("");
            ui.end_row();
            let n = form.points.len();
            for (k, [x, v]) in form.points.iter_mut().enumerate() {
                ui.label(format!("{}", k + 1));
                let r = ui
                    .add(TextEdit::singleline(x).desired_width(X_WIDTH))
                    .accessible_name(fill(t.vf_point_x, &[&(k + 1)]));
                apply |= entered(ui, &r);
                let r = ui
                    .add(TextEdit::singleline(v).desired_width(V_WIDTH))
                    .accessible_name(fill(t.vf_point_value, &[&(k + 1)]));
                apply |= entered(ui, &r);
                if ui
                    .add_enabled(n > 2, egui::Button::new("✖").small())
                    .on_hover_text(t.vf_remove_point)
                    .clicked()
                {
                    remove = Some(k);
                }
                ui.end_row();
            }
        });
    if let Some(k) = remove {
        form.points.remove(k);
    }
    if ui
        .button(t.vf_add_point)
        .on_hover_text(t.vf_add_point_hover)
        .clicked()
    {
        add_point(form);
    }
    apply
}

/// Adds a point halfway along the widest gap between two points, on the line between them
/// (so the function does not change until the point is moved).
fn add_point(form: &mut ValueFunctionForm) {
    let parsed = form.parsed();
    let widest = parsed
        .windows(2)
        .enumerate()
        .filter_map(|(k, w)| Some((k, w[0]?, w[1]?)))
        .max_by(|a, b| (a.2.0 - a.1.0).total_cmp(&(b.2.0 - b.1.0)));
    match widest {
        Some((k, a, b)) => {
            let step = step_for(b.0 - a.0);
            let x = snap((a.0 + b.0) / 2.0, step);
            let v = snap(a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0), 0.001);
            form.points.insert(k + 1, [number_text(x), number_text(v)]);
        }
        None => form.points.push([String::new(), String::new()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_value_function_ranks_as_the_linear_scale_does() {
        // Without a value function a benefit on 0..10 maps x to x / 10 (and a cost to
        // 1 − x / 10): the starting line must give the same values.
        for (direction, f) in [
            (Direction::Maximize, (|x: f64| x / 10.0) as fn(f64) -> f64),
            (Direction::Minimize, |x: f64| 1.0 - x / 10.0),
        ] {
            let mut form = ValueFunctionForm::new(None);
            form.on = true;
            form.start(0.0, 10.0, direction);
            let vf = form
                .build()
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|| panic!("on"));
            for x in [0.0, 2.5, 5.0, 7.5, 10.0] {
                assert!((vf.value(x) - f(x)).abs() < 1e-12, "{direction:?} at {x}");
            }
        }
    }

    #[test]
    fn a_dragged_point_stays_between_its_neighbours_and_in_0_to_1() {
        let pts = [Some((0.0, 0.0)), Some((5.0, 0.5)), Some((10.0, 1.0))];
        let range = (0.0, 10.0);
        // Past the next point and below 0: held a step short of it, at 0.
        assert_eq!(dragged(&pts, 1, (11.0, -0.2), range, 0.01), (9.99, 0.0));
        // Before the previous point and above 1.
        assert_eq!(dragged(&pts, 1, (-3.0, 1.4), range, 0.01), (0.01, 1.0));
        // Freely in between, snapped to the step.
        assert_eq!(
            dragged(&pts, 1, (3.23456, 0.4242), range, 0.01),
            (3.23, 0.42)
        );
        // An end point moves within the chart's range.
        assert_eq!(dragged(&pts, 2, (14.0, 0.9), range, 0.01), (10.0, 0.9));
    }

    #[test]
    fn an_added_point_lies_on_the_line_it_splits() {
        let mut form = ValueFunctionForm::new(Some(&ValueFunction {
            points: vec![(0.0, 0.0), (2.0, 0.5), (10.0, 1.0)],
        }));
        add_point(&mut form);
        let vf = form
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("on"));
        // The widest gap is 2..10; its middle is 6, where the line is at 0.5 + 0.5 × 4/8.
        assert_eq!(vf.points[2], (6.0, 0.75));
        assert_eq!(vf.points.len(), 4);
    }

    #[test]
    fn a_point_not_typed_as_a_number_is_named() {
        let mut form = ValueFunctionForm::new(Some(&ValueFunction {
            points: vec![(0.0, 0.0), (10.0, 1.0)],
        }));
        form.points[1][1] = "high".into();
        let err = form.build().err().unwrap_or_default();
        assert!(err.contains('2') && err.contains("high"), "{err}");
    }
}
