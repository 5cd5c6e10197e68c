//! The scatter of two axes: dots, the Pareto front's line, and labels placed ring by ring so
//! that close dots' names stay apart.

use super::*;

/// The scatter chart itself, drawn from the cached data.
pub(super) fn scatter(ui: &mut Ui, s: &Scenario, sc: &Scatter, height: f32) {
    let lang = i18n::lang();
    let text_colour = ui.visuals().text_color();
    let line_colour = ui.visuals().weak_text_color();
    let (x_name, y_name) = (sc.x_name.as_str(), sc.y_name.as_str());
    let (min_x, max_x) = range(sc.points.iter().map(|p| p[0]));
    let (min_y, max_y) = range(sc.points.iter().map(|p| p[1]));
    let font = egui::FontId::proportional(LABEL_SIZE);
    let sizes: Vec<egui::Vec2> = sc
        .labels
        .iter()
        .map(|(_, text)| {
            ui.painter()
                .layout_no_wrap(text.clone(), font.clone(), text_colour)
                .size()
        })
        .collect();
    let em = ui.text_style_height(&egui::TextStyle::Body);
    Plot::new("tradeoff")
        .height(height)
        .x_grid_spacer(move |input| crate::app::views::value_marks(input, em))
        .y_grid_spacer(move |input| crate::app::views::value_marks(input, em * 0.5))
        .x_axis_formatter(|mark, _| crate::app::views::mark_text(mark))
        .y_axis_formatter(|mark, _| crate::app::views::mark_text(mark))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_x(min_x)
        .include_x(max_x)
        .include_y(min_y)
        .include_y(max_y)
        .label_formatter(move |pos| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } if !plot_name.is_empty() => Some(format!(
                "{plot_name}\n{x_name}: {:.3}\n{y_name}: {:.3}",
                position.x, position.y
            )),
            _ => None,
        })
        .show(ui, |plot| {
            if sc.front.len() > 1 {
                let line: Vec<[f64; 2]> = sc.front.iter().map(|&i| sc.points[i]).collect();
                plot.line(
                    Line::new("", line)
                        .color(line_colour)
                        .width(1.5)
                        .style(LineStyle::dashed_loose())
                        .allow_hover(false),
                );
            }
            for (i, p) in sc.points.iter().enumerate() {
                let colour = theme::option_colour(i);
                plot.points(
                    Points::new(s.options[i].name_in(lang), vec![*p])
                        .color(colour)
                        .shape(if sc.on_front[i] {
                            MarkerShape::Diamond
                        } else {
                            MarkerShape::Circle
                        })
                        .radius(if sc.on_front[i] { 7.0 } else { 5.5 })
                        .filled(true),
                );
            }
            // Labels go where they overlap nothing, in screen space (last frame's transform:
            // on the very first frame it is not known yet, so draw once more).
            let transform = *plot.transform();
            let bounds = transform.bounds();
            if bounds.min()[0] > min_x || bounds.max()[0] < max_x {
                plot.ctx().request_repaint();
            }
            let anchors: Vec<egui::Pos2> = sc
                .labels
                .iter()
                .map(|(p, _)| transform.position_from_point(&PlotPoint::new(p[0], p[1])))
                .collect();
            let markers: Vec<egui::Pos2> = sc
                .points
                .iter()
                .map(|p| transform.position_from_point(&PlotPoint::new(p[0], p[1])))
                .collect();
            let front_line: Vec<egui::Pos2> = sc.front.iter().map(|&i| markers[i]).collect();
            let placed = place_labels(&anchors, &sizes, &markers, &front_line, *transform.frame());
            for (((_, text), (min, far)), (anchor, size)) in
                sc.labels.iter().zip(placed).zip(anchors.iter().zip(&sizes))
            {
                if far {
                    // A leader from the dot to the nearest point of its label.
                    let rect = egui::Rect::from_min_size(min, *size);
                    let end = rect.clamp(*anchor);
                    let from = *anchor + (end - *anchor).normalized() * 7.0;
                    plot.line(
                        Line::new(
                            "",
                            vec![
                                point(transform.value_from_position(from)),
                                point(transform.value_from_position(end)),
                            ],
                        )
                        .color(line_colour)
                        .width(1.0)
                        .allow_hover(false),
                    );
                }
                plot.text(
                    Text::new(
                        "",
                        transform.value_from_position(min),
                        RichText::new(text).size(LABEL_SIZE),
                    )
                    .anchor(Align2::LEFT_TOP)
                    .color(text_colour),
                );
            }
        });
}

fn point(p: PlotPoint) -> [f64; 2] {
    [p.x, p.y]
}

/// Text size of the dots' labels.
pub(super) const LABEL_SIZE: f32 = 13.0;

/// Distances (points) from a dot at which its label is tried, nearest first. Labels beyond
/// the first ring get a leader line back to their dot.
const RINGS: [f32; 4] = [8.0, 22.0, 38.0, 58.0];

/// Greedy label placement: for each label (in order) the first spot around its dot, ring by
/// ring outwards, that overlaps no dot, no label placed before, not the polyline `line`, and
/// stays inside `frame`; failing that, the spot that overlaps least. Returns each label's
/// top-left corner and whether it sits beyond the first ring (and so needs a leader line).
fn place_labels(
    anchors: &[egui::Pos2],
    sizes: &[egui::Vec2],
    markers: &[egui::Pos2],
    line: &[egui::Pos2],
    frame: egui::Rect,
) -> Vec<(egui::Pos2, bool)> {
    use egui::{Rect, pos2, vec2};
    let dots: Vec<Rect> = markers
        .iter()
        .map(|&m| Rect::from_center_size(m, vec2(12.0, 12.0)))
        .collect();
    // The line as points 3 px apart: each one inside a label counts as a little overlap.
    let line_samples: Vec<egui::Pos2> = line
        .windows(2)
        .flat_map(|w| {
            let steps = ((w[1] - w[0]).length() / 3.0).ceil().max(1.0) as usize;
            (0..=steps).map(move |k| w[0].lerp(w[1], k as f32 / steps as f32))
        })
        .collect();
    let mut placed: Vec<(Rect, bool)> = Vec::new();
    for (&p, &size) in anchors.iter().zip(sizes) {
        let (w, h) = (size.x, size.y);
        // Only what lies within reach of this label's spots can overlap it (with 1,000 dots,
        // testing every spot against every dot took milliseconds).
        let reach = RINGS.iter().copied().fold(0.0, f32::max) + size.length() + 12.0;
        let near = Rect::from_center_size(p, vec2(2.0 * reach, 2.0 * reach));
        let dots: Vec<Rect> = dots
            .iter()
            .filter(|d| d.intersects(near))
            .copied()
            .collect();
        let line_samples: Vec<egui::Pos2> = line_samples
            .iter()
            .filter(|q| near.contains(**q))
            .copied()
            .collect();
        let spots: Vec<(egui::Pos2, bool)> = RINGS
            .iter()
            .enumerate()
            .flat_map(|(ring, &gap)| {
                let d = gap * 0.7;
                [
                    pos2(p.x + gap, p.y - h / 2.0),
                    pos2(p.x + d, p.y - d - h),
                    pos2(p.x + d, p.y + d),
                    pos2(p.x - gap - w, p.y - h / 2.0),
                    pos2(p.x - w / 2.0, p.y - gap - h),
                    pos2(p.x - w / 2.0, p.y + gap),
                    pos2(p.x - d - w, p.y - d - h),
                    pos2(p.x - d - w, p.y + d),
                ]
                .map(|m| (m, ring > 0))
            })
            .collect();
        let overlap = |min: egui::Pos2| -> f32 {
            let r = Rect::from_min_size(min, size);
            let area = |o: &Rect| {
                let i = r.intersect(*o);
                if i.is_positive() { i.area() } else { 0.0 }
            };
            let outside = r.area() - area(&frame);
            let crossed = line_samples.iter().filter(|&&q| r.contains(q)).count() as f32;
            placed
                .iter()
                .map(|(o, _)| o)
                .chain(&dots)
                .map(area)
                .sum::<f32>()
                + outside * 4.0
                + crossed * 6.0
        };
        let best = spots
            .iter()
            .copied()
            .find(|&(m, _)| overlap(m) <= 0.0)
            .or_else(|| {
                spots
                    .iter()
                    .copied()
                    .min_by(|&a, &b| overlap(a.0).total_cmp(&overlap(b.0)))
            })
            .unwrap_or((pos2(p.x + RINGS[0], p.y - h / 2.0), false));
        placed.push((Rect::from_min_size(best.0, size), best.1));
    }
    placed.iter().map(|(r, far)| (r.min, *far)).collect()
}

#[cfg(test)]
mod placement_tests {
    use egui::{Rect, pos2, vec2};

    use super::place_labels;

    fn overlaps(a: Rect, b: Rect) -> bool {
        a.intersect(b).is_positive()
    }

    #[test]
    fn labels_of_close_dots_do_not_overlap() {
        // Dots as the default scenario puts them in a small chart: a tight cluster (two dots
        // 6 points apart, as Source-to-sea and the stakeholder forum) along a front.
        let frame = Rect::from_min_size(pos2(0.0, 0.0), vec2(460.0, 200.0));
        let dots = [
            pos2(100.0, 60.0),
            pos2(280.0, 78.0),
            pos2(318.0, 88.0),
            pos2(350.0, 98.0),
            pos2(350.0, 104.0),
            pos2(376.0, 100.0),
            pos2(268.0, 96.0),
            pos2(240.0, 104.0),
            pos2(70.0, 122.0),
            pos2(430.0, 160.0),
        ];
        let sizes = [
            vec2(100.0, 17.0),
            vec2(100.0, 17.0),
            vec2(110.0, 17.0),
            vec2(100.0, 17.0),
            vec2(105.0, 17.0),
            vec2(115.0, 17.0),
            vec2(100.0, 17.0),
            vec2(110.0, 17.0),
            vec2(110.0, 17.0),
            vec2(80.0, 17.0),
        ];
        let line = [dots[0], dots[1], dots[2], dots[5], dots[9]];
        let placed = place_labels(&dots, &sizes, &dots, &line, frame);
        assert_eq!(placed.len(), dots.len());
        let rects: Vec<Rect> = placed
            .iter()
            .zip(&sizes)
            .map(|((min, _), size)| Rect::from_min_size(*min, *size))
            .collect();
        for (a, ra) in rects.iter().enumerate() {
            assert!(
                frame.contains_rect(*ra),
                "label {a} leaves the chart: {ra:?}"
            );
            for (b, rb) in rects.iter().enumerate().skip(a + 1) {
                assert!(!overlaps(*ra, *rb), "labels {a} and {b} overlap");
            }
            for (k, d) in dots.iter().enumerate() {
                let dot = Rect::from_center_size(*d, vec2(12.0, 12.0));
                assert!(!overlaps(*ra, dot), "label {a} covers dot {k}");
            }
        }
        // Near labels need no leader; a label pushed out to a far ring gets one.
        for ((min, far), (d, size)) in placed.iter().zip(dots.iter().zip(&sizes)) {
            let rect = Rect::from_min_size(*min, *size);
            let distance = rect.distance_to_pos(*d);
            assert_eq!(*far, distance > 12.0, "leader flag at distance {distance}");
        }
    }
}
