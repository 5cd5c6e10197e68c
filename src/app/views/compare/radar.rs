//! The radar: each option's normalised values on spokes, by criterion or by family.

use super::*;

/// How a spoke label at `(x, y)` on the unit circle is anchored: away from the centre.
fn side(x: f64, y: f64) -> Align2 {
    if x > 0.2 {
        Align2::LEFT_CENTER
    } else if x < -0.2 {
        Align2::RIGHT_CENTER
    } else if y > 0.0 {
        Align2::CENTER_BOTTOM
    } else {
        Align2::CENTER_TOP
    }
}

/// The point at radius `radius` on spoke `k` of `n` (spoke 0 at the top, clockwise).
fn spoke_point(k: usize, n: usize, radius: f64) -> [f64; 2] {
    let angle = FRAC_PI_2 - TAU * k as f64 / n.max(1) as f64;
    [radius * angle.cos(), radius * angle.sin()]
}

/// Text size of the spoke labels.
const SPOKE_LABEL_SIZE: f32 = 12.5;

pub(super) fn radar_panel(ui: &mut Ui, s: &Scenario, c: &Compared, by_family: bool, height: f32) {
    let t = i18n::s();
    let lang = i18n::lang();
    let top = ui.min_rect().top();
    ui.label(
        RichText::new(if by_family {
            t.compare_radar_families
        } else {
            t.compare_radar_criteria
        })
        .strong(),
    );
    for (k, &i) in c.chosen.iter().enumerate() {
        if let Some(line) = c.legend.get(k) {
            ui.horizontal_top(|ui| {
                swatch(ui, theme::option_colour(i));
                ui.add(egui::Label::new(line).wrap());
            });
        }
    }
    let n = c.spokes.len();
    if n < 3 {
        ui.label(RichText::new(t.compare_radar_three).weak());
        return;
    }
    let grid = ui.visuals().weak_text_color().gamma_multiply(0.6);
    let text_colour = ui.visuals().text_color();
    // Size the radar so that the spoke labels fit around it: the widest on each side, the
    // tallest at the top and the bottom.
    let font = egui::FontId::proportional(SPOKE_LABEL_SIZE);
    let (mut left, mut right, mut above, mut below) = (0.0_f32, 0.0_f32, 0.0_f32, 0.0_f32);
    for (k, l) in c.spokes.iter().enumerate() {
        let size = ui
            .painter()
            .layout_no_wrap(l.clone(), font.clone(), text_colour)
            .size();
        let [x, y] = spoke_point(k, n, 1.0);
        match side(x, y) {
            Align2::LEFT_CENTER => right = right.max(size.x),
            Align2::RIGHT_CENTER => left = left.max(size.x),
            Align2::CENTER_BOTTOM => above = above.max(size.y),
            _ => below = below.max(size.y),
        }
        above = above.max(size.y / 2.0);
        below = below.max(size.y / 2.0);
    }
    let plot_h = (height - (ui.min_rect().bottom() - top) - 24.0).max(220.0);
    let plot_w = ui.available_width();
    let pad = 12.0;
    let radius = ((plot_w - left - right - 2.0 * pad) / 2.0)
        .min((plot_h - above - below - 2.0 * pad) / 2.0)
        .max(60.0);
    let reach = |extra: f32| 1.0 + f64::from((extra + pad) / radius);
    let spoke_names = &c.spoke_names;
    let options: Vec<&str> = c
        .chosen
        .iter()
        .map(|&i| s.options[i].name_in(lang))
        .collect();
    Plot::new("compare-radar")
        .show_crosshair(false)
        .width(plot_w)
        .height(plot_h)
        .data_aspect(1.0)
        .set_margin_fraction(egui::Vec2::ZERO)
        .show_axes(false)
        .show_grid(false)
        .show_background(false)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_x(-reach(left))
        .include_x(reach(right))
        .include_y(-reach(below))
        .include_y(reach(above))
        .label_formatter(move |pos| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                index,
            } if options.contains(plot_name) => {
                let spoke = spoke_names.get(index % n)?;
                let value = (position.x * position.x + position.y * position.y).sqrt();
                Some(format!("{plot_name}\n{spoke}: {value:.3}"))
            }
            _ => None,
        })
        .show(ui, |plot| {
            for ring in [0.25, 0.5, 0.75, 1.0] {
                let pts: Vec<[f64; 2]> = (0..=n).map(|k| spoke_point(k % n, n, ring)).collect();
                plot.line(
                    Line::new("", pts)
                        .color(grid)
                        .width(if ring == 1.0 { 1.4 } else { 0.8 })
                        .allow_hover(false),
                );
            }
            let label_gap = f64::from(6.0 / radius);
            for (k, label) in c.spokes.iter().enumerate() {
                plot.line(
                    Line::new("", vec![[0.0, 0.0], spoke_point(k, n, 1.0)])
                        .color(grid)
                        .width(0.8)
                        .allow_hover(false),
                );
                let [x, y] = spoke_point(k, n, 1.0 + label_gap);
                let anchor = side(x, y);
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(x, y),
                        RichText::new(label).size(SPOKE_LABEL_SIZE),
                    )
                    .anchor(anchor)
                    .color(text_colour),
                );
            }
            for (&i, values) in c.chosen.iter().zip(&c.radar) {
                let colour = theme::option_colour(i);
                let pts: Vec<[f64; 2]> = (0..=n)
                    .map(|k| spoke_point(k % n, n, values[k % n].clamp(0.0, 1.5)))
                    .collect();
                // The shape is star-like, not convex: fill it as triangles from the centre.
                for k in 0..n {
                    plot.polygon(
                        Polygon::new("", vec![[0.0, 0.0], pts[k], pts[k + 1]])
                            .fill_color(colour.gamma_multiply(0.10))
                            .stroke(egui::Stroke::NONE)
                            .allow_hover(false),
                    );
                }
                plot.line(
                    Line::new(s.options[i].name_in(lang), pts)
                        .color(colour)
                        .width(2.2),
                );
            }
        });
    ui.label(RichText::new(t.compare_rings).weak().small());
}
