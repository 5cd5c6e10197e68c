//! Where A gains and loses against B: weighted differences as bars, with their key and labels.

use super::*;

pub(super) fn difference_panel(
    ui: &mut Ui,
    s: &Scenario,
    r: &Ranking,
    c: &Compared,
    by_family: bool,
    height: f32,
) {
    let Some(diff) = &c.diff else {
        return;
    };
    let t = i18n::s();
    let lang = i18n::lang();
    let top = ui.min_rect().top();
    let (a, b) = (&s.options[diff.a], &s.options[diff.b]);
    let (name_a, name_b) = (a.label_in(lang), b.label_in(lang));
    ui.label(RichText::new(fill(t.compare_gains_losses, &[&name_a, &name_b])).strong());
    let help = fill(
        t.compare_per_item,
        &[&if by_family {
            t.family_word
        } else {
            t.criterion_word
        }],
    );
    let total = ui.label(fill(
        t.compare_total,
        &[
            &format!("{:+.3}", diff.total),
            &name_a,
            &format!("{:.3}", r.scores[diff.a]),
            &name_b,
            &format!("{:.3}", r.scores[diff.b]),
        ],
    ));
    // On a short panel the note on how bars are computed moves into a tooltip, for the bars.
    if height >= 560.0 {
        ui.label(RichText::new(help).weak());
    } else {
        total.on_hover_text(help);
    }
    let (colour_a, colour_b) = (theme::option_colour(diff.a), theme::option_colour(diff.b));
    let rows = &diff.rows;
    let m = rows.len();
    let row = |pos: usize| (m - 1 - pos) as f64;
    let bar = |pos: usize, (_, name, d): &(String, String, f64), colour: egui::Color32| {
        Bar::new(row(pos), *d)
            .name(name)
            .width(0.7)
            .fill(colour.gamma_multiply(0.8))
            .stroke(egui::Stroke::new(1.0, colour))
    };
    let gains: Vec<Bar> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.2 >= 0.0)
        .map(|(pos, r)| bar(pos, r, colour_a))
        .collect();
    let losses: Vec<Bar> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.2 < 0.0)
        .map(|(pos, r)| bar(pos, r, colour_b))
        .collect();
    let labels: Vec<String> = rows.iter().map(|r| r.0.replace('\n', " ")).collect();
    let max = rows
        .iter()
        .map(|r| r.2.abs())
        .fold(0.0_f64, f64::max)
        .max(0.005);
    let text_colour = ui.visuals().text_color();
    let zero = ui.visuals().weak_text_color();
    // Which colour is whose, above the bars (a legend inside the plot covered the last rows).
    ui.horizontal_wrapped(|ui| {
        for (colour, name) in [(colour_a, name_a), (colour_b, name_b)] {
            let ahead = fill(t.compare_ahead, &[&name]);
            crate::app::views::legend_entry(ui, colour, &ahead, &ahead);
            ui.add_space(8.0);
        }
    });
    let em = ui.text_style_height(&egui::TextStyle::Body);
    // Room below for the axis title, wrapped to the panel's width.
    let title_height = ui
        .painter()
        .layout(
            t.compare_axis.to_string(),
            egui::TextStyle::Body.resolve(ui.style()),
            egui::Color32::WHITE,
            ui.available_width(),
        )
        .size()
        .y;
    let plot_h = (height - (ui.min_rect().bottom() - top) - title_height - 14.0).max(220.0);
    // Room either side of the bars for their value labels ("+0.025"): the plot spans
    // ±`reach` × the longest bar, so that a label fits beyond it at this width.
    let label_w = 7.0
        + ui.painter()
            .layout_no_wrap(
                "+0.000".into(),
                egui::FontId::proportional(12.0),
                text_colour,
            )
            .size()
            .x;
    let bars_w = (ui.available_width() - 110.0).max(60.0);
    let reach = f64::from(1.0 / (1.0 - 2.0 * label_w / bars_w).max(0.33)).clamp(1.3, 3.0);
    // Row names as large as the rows allow (the plot's frame and axis take about 40 points).
    let body_size = egui::TextStyle::Body.resolve(ui.style()).size;
    let row_font = ((plot_h - 40.0) / (m as f32 + 1.0) * 0.8).clamp(9.0, body_size);
    Plot::new("compare-difference")
        .height(plot_h)
        .show_crosshair(false)
        // A tooltip on the row under the pointer: full name and difference. (Bar hover text
        // would be drawn inside the plot, where long names get cut off.)
        .label_formatter(move |pos| {
            let HoverPosition::Elsewhere { position } = pos else {
                return None;
            };
            let v = position.y.round();
            if (position.y - v).abs() > 0.4 || v < 0.0 {
                return None;
            }
            let pos = usize::try_from(m as i64 - 1 - v as i64).ok()?;
            let (_, name, d) = rows.get(pos)?;
            let a_minus_b = fill(t.compare_a_minus_b, &[&name_a, &name_b]);
            Some(format!(
                "{name}\n{}",
                fill(t.label_value, &[&a_minus_b, &format!("{d:+.3}")])
            ))
        })
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid([true, false])
        .include_x(-max * reach)
        .include_x(max * reach)
        .include_y(-0.6)
        .include_y(m as f64 - 0.4)
        // Every row's name at full strength while the rows are a line apart (egui_plot fades
        // them below 30 points apart).
        .custom_y_axes(vec![
            egui_plot::AxisHints::new_y()
                .formatter(move |mark, _| {
                    let v = mark.value;
                    if (v - v.round()).abs() > 1e-6 || v < 0.0 {
                        return String::new();
                    }
                    let pos = m as i64 - 1 - v.round() as i64;
                    usize::try_from(pos)
                        .ok()
                        .and_then(|p| labels.get(p).cloned())
                        .unwrap_or_default()
                })
                .min_thickness(100.0)
                .tick_label_font(egui::FontId::proportional(row_font))
                .label_spacing(1.0..=2.0),
        ])
        .x_grid_spacer(move |input| crate::app::views::value_marks(input, em))
        .x_axis_formatter(|mark, _| crate::app::views::mark_text(mark))
        .show(ui, |plot| {
            plot.vline(
                VLine::new("", 0.0)
                    .color(zero)
                    .width(1.0)
                    .allow_hover(false),
            );
            plot.bar_chart(
                BarChart::new(fill(t.compare_ahead, &[&name_a]), gains)
                    .horizontal()
                    .color(colour_a)
                    .allow_hover(false),
            );
            plot.bar_chart(
                BarChart::new(fill(t.compare_ahead, &[&name_b]), losses)
                    .horizontal()
                    .color(colour_b)
                    .allow_hover(false),
            );
            for (pos, (_, _, d)) in rows.iter().enumerate() {
                let right = *d >= 0.0;
                let pad = max * 0.03 * if right { 1.0 } else { -1.0 };
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(d + pad, row(pos)),
                        RichText::new(format!("{d:+.3}")).size(12.0),
                    )
                    .anchor(if right {
                        Align2::LEFT_CENTER
                    } else {
                        Align2::RIGHT_CENTER
                    })
                    .color(text_colour),
                );
            }
        });
    ui.vertical_centered(|ui| {
        ui.add(egui::Label::new(RichText::new(t.compare_axis).weak()).wrap());
    });
}
