//! The answer editors of the elicitation dialog: swing ratings, the pairwise matrix on Saaty's
//! scale, and drag-to-rank.

use super::*;

/// "3", "1/3", or a decimal for values off the scale.
pub(super) fn saaty_text(x: f64) -> String {
    if x >= 1.0 {
        if (x - x.round()).abs() < 1e-9 {
            format!("{}", x.round())
        } else {
            format!("{x:.2}")
        }
    } else {
        let inv = 1.0 / x;
        if (inv - inv.round()).abs() < 1e-9 {
            format!("1/{}", inv.round())
        } else {
            format!("{x:.2}")
        }
    }
}

pub(super) fn swing_editor(
    ui: &mut Ui,
    swings: &mut [(String, f64)],
    name_of: &dyn Fn(&str) -> String,
) {
    let t = i18n::s();
    let mut swap: Option<(usize, usize)> = None;
    let n = swings.len();
    egui::Grid::new("elicit-swing")
        .num_columns(4)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            for (k, (id, rating)) in swings.iter_mut().enumerate() {
                ui.label(format!("{}.", k + 1));
                let label = ui.label(name_of(id));
                if k == 0 {
                    *rating = 100.0;
                }
                ui.add_enabled(
                    k > 0,
                    egui::Slider::new(rating, 0.0..=100.0)
                        .fixed_decimals(0)
                        .suffix(" / 100"),
                )
                .labelled_by(label.id);
                ui.horizontal(|ui| {
                    if ui.add_enabled(k > 0, egui::Button::new(t.up)).clicked() {
                        swap = Some((k - 1, k));
                    }
                    if ui
                        .add_enabled(k + 1 < n, egui::Button::new(t.down))
                        .clicked()
                    {
                        swap = Some((k, k + 1));
                    }
                });
                ui.end_row();
            }
        });
    if let Some((a, b)) = swap {
        swings.swap(a, b);
    }
    if ui
        .button(t.elicit_order_by_rating)
        .on_hover_text(t.elicit_order_by_rating_hover)
        .clicked()
    {
        elicitation::sort_swings(swings);
    }
}

pub(super) fn pairwise_editor(
    ui: &mut Ui,
    items: &[String],
    judgements: &mut Vec<(String, String, f64)>,
    weighting: &mut PairwiseWeighting,
    name_of: &dyn Fn(&str) -> String,
) {
    let t = i18n::s();
    let n = items.len();
    egui::Grid::new("elicit-pairwise")
        .num_columns(n + 1)
        .spacing([6.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            // Columns by number, rows by number and name: the matrix stays as narrow as the
            // combo boxes, however long the names.
            ui.label("");
            for (j, id) in items.iter().enumerate() {
                ui.label(RichText::new(format!("{}", j + 1)).strong())
                    .on_hover_text(name_of(id));
            }
            ui.end_row();
            for (i, a) in items.iter().enumerate() {
                ui.label(RichText::new(format!("{}  {}", i + 1, name_of(a))).strong());
                for (j, b) in items.iter().enumerate() {
                    if i == j {
                        ui.label(RichText::new("1").weak());
                        continue;
                    }
                    let x = elicitation::judgement(judgements, a, b).unwrap_or(1.0);
                    if i > j {
                        // The lower triangle is the reciprocal of the upper one.
                        ui.label(RichText::new(saaty_text(x)).weak());
                        continue;
                    }
                    let mut picked = None;
                    let r = egui::ComboBox::from_id_salt(("pair", i, j))
                        .selected_text(saaty_text(x))
                        .width(52.0)
                        .show_ui(ui, |ui| {
                            // Strongest preference for the row first.
                            for &v in elicitation::SAATY_SCALE.iter().rev() {
                                if ui
                                    .selectable_label((v - x).abs() < 1e-9, saaty_text(v))
                                    .clicked()
                                {
                                    picked = Some(v);
                                }
                            }
                        })
                        .response;
                    let question = fill(t.elicit_pair_question, &[&name_of(a), &name_of(b)]);
                    let r = r.on_hover_text(&question);
                    ui.ctx().accesskit_node_builder(r.id, |node| {
                        node.set_label(fill(t.elicit_pair_label, &[&name_of(a), &name_of(b)]));
                    });
                    if let Some(v) = picked {
                        elicitation::set_judgement(judgements, a, b, v);
                    }
                }
                ui.end_row();
            }
        });
    ui.horizontal(|ui| {
        ui.label(t.elicit_weights_by);
        ui.radio_value(
            weighting,
            PairwiseWeighting::Eigenvector,
            t.elicit_eigenvector,
        );
        ui.radio_value(
            weighting,
            PairwiseWeighting::GeometricMean,
            t.elicit_geometric_mean,
        );
    });
}

/// A drag-to-rank list, best first, with Up/Down buttons for the keyboard and a "tied" tick
/// that puts an item in the same place as the one above.
pub(super) fn ranking_editor(
    ui: &mut Ui,
    order: &mut Vec<Vec<String>>,
    rule: &mut RankRule,
    name_of: &dyn Fn(&str) -> String,
) {
    let t = i18n::s();
    // Flatten to (id, tied with the one above).
    let mut flat: Vec<(String, bool)> = order
        .iter()
        .flat_map(|g| g.iter().enumerate().map(|(k, id)| (id.clone(), k > 0)))
        .collect();
    let n = flat.len();
    let mut moved: Option<(usize, usize)> = None;
    let mut toggled: Option<usize> = None;
    let mut place = 0;
    for (k, (id, tied)) in flat.iter().enumerate() {
        if !tied {
            place = k + 1;
        }
        let row = ui.horizontal(|ui| {
            let handle = ui
                .dnd_drag_source(egui::Id::unique(("rank-item", k)), k, |ui| {
                    ui.label(RichText::new(format!("{place}.  {}", name_of(id))).strong());
                })
                .response;
            handle.on_hover_text(t.elicit_drag);
            if ui.add_enabled(k > 0, egui::Button::new(t.up)).clicked() {
                moved = Some((k, k - 1));
            }
            if ui
                .add_enabled(k + 1 < n, egui::Button::new(t.down))
                .clicked()
            {
                moved = Some((k, k + 1));
            }
            let mut tied = flat[k].1;
            if ui
                .add_enabled(k > 0, egui::Checkbox::new(&mut tied, t.elicit_tied))
                .changed()
            {
                toggled = Some(k);
            }
        });
        let rect = row.response.rect;
        // Where a dragged item would land: above or below this row by the pointer's height.
        if row.response.dnd_hover_payload::<usize>().is_some() {
            let below = ui
                .input(|i| i.pointer.interact_pos())
                .is_some_and(|p| p.y > rect.center().y);
            let y = if below { rect.bottom() } else { rect.top() };
            ui.painter().hline(
                rect.x_range(),
                y,
                egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
            );
            if let Some(from) = row.response.dnd_release_payload::<usize>() {
                let to = if below { k + 1 } else { k };
                let to = if *from < to { to - 1 } else { to };
                moved = Some((*from, to));
            }
        }
    }
    if let Some((from, to)) = moved
        && from < n
        && to < n
    {
        let item = flat.remove(from);
        flat.insert(to, item);
        flat[0].1 = false;
    }
    if let Some(k) = toggled {
        flat[k].1 = !flat[k].1;
    }
    // Rebuild the groups.
    let mut groups: Vec<Vec<String>> = Vec::new();
    for (id, tied) in flat {
        match groups.last_mut() {
            Some(g) if tied => g.push(id),
            _ => groups.push(vec![id]),
        }
    }
    *order = groups;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(t.elicit_rule);
        ui.radio_value(rule, RankRule::Centroid, t.elicit_centroid)
            .on_hover_text(t.elicit_centroid_hover);
        ui.radio_value(rule, RankRule::RankSum, t.elicit_rank_sum);
        ui.radio_value(rule, RankRule::Reciprocal, t.elicit_reciprocal);
    });
}
