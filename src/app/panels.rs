//! The first window: options, matrix, weights and a live ranking chart. Drawing reads the
//! document and cached results and returns edits; it never changes the scenario itself.

use egui::{Color32, RichText, ScrollArea, Ui};
use egui_plot::{Bar, BarChart, Plot, PlotPoint, Text};

use super::{Action, Edit, TidelineApp, theme};
use crate::model::{Direction, Scenario};
use crate::scoring::Ranking;
use crate::weights::{criterion_shares, family_shares};

/// Lays out the whole window and returns the edits the user made this frame.
pub fn workspace(ui: &mut Ui, app: &TidelineApp) -> Vec<Action> {
    let mut edits = Vec::new();
    let mut dismiss = false;
    let s = &app.scenario;
    egui::Panel::top("top_bar").show(ui, |ui| top_bar(ui, app, &mut edits));
    egui::Panel::bottom("status").show(ui, |ui| status_line(ui, app));
    egui::Panel::left("options")
        .default_size(300.0)
        .show(ui, |ui| options_list(ui, s));
    egui::Panel::right("weights")
        .default_size(330.0)
        .show(ui, |ui| weights_panel(ui, s, &mut edits));
    egui::CentralPanel::default().show(ui, |ui| match app.ranking() {
        Ok(r) => {
            ranking_chart(ui, s, r);
            ui.separator();
            matrix(ui, s, r);
        }
        Err(e) => {
            ui.colored_label(theme::ERROR, format!("This scenario cannot be scored: {e}"));
        }
    });
    if let Some(errors) = &app.load_errors {
        egui::Window::new("The file could not be opened")
            .default_width(780.0)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .collapsible(false)
            .show(ui.ctx(), |ui| {
                ui.label("The open scenario is unchanged. Problems found:");
                ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    for d in &errors.diagnostics {
                        ui.label(RichText::new(d.to_string()).monospace().color(theme::ERROR));
                    }
                });
                ui.add_space(6.0);
                if ui.button("Dismiss").clicked() {
                    dismiss = true;
                }
            });
    }
    let mut actions: Vec<Action> = edits.into_iter().map(Action::Edit).collect();
    if dismiss {
        actions.push(Action::DismissLoadErrors);
    }
    actions
}

fn top_bar(ui: &mut Ui, app: &TidelineApp, edits: &mut Vec<Edit>) {
    let s = &app.scenario;
    ui.horizontal(|ui| {
        ui.heading(&s.metadata.title);
        ui.separator();
        let active = s.active_profile_index();
        let current = s.profiles.get(active).map_or("", |p| p.name.as_str());
        let label = ui.label("Profile:");
        egui::ComboBox::from_id_salt("profile")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (i, p) in s.profiles.iter().enumerate() {
                    if ui.selectable_label(i == active, &p.name).clicked() && i != active {
                        edits.push(Edit::SetActiveProfile(i));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.separator();
        ui.label(format!(
            "Method: {} · normalisation: {}",
            s.settings.method.title(),
            s.settings.normalization.keyword()
        ));
    });
}

fn status_line(ui: &mut Ui, app: &TidelineApp) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(&app.source).weak());
        ui.separator();
        let s = &app.scenario;
        ui.label(
            RichText::new(format!(
                "{} options · {} criteria · {} profiles · scores are illustrative judgements unless marked sourced",
                s.options.len(),
                s.criteria.len(),
                s.profiles.len()
            ))
            .weak(),
        );
    });
}

fn options_list(ui: &mut Ui, s: &Scenario) {
    ui.heading("Options");
    ScrollArea::vertical().show(ui, |ui| {
        let mut clusters: Vec<(String, String)> = s
            .clusters
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect();
        if s.options.iter().any(|o| o.cluster.is_empty()) {
            clusters.push((String::new(), "Other".to_string()));
        }
        for (id, name) in clusters {
            let members: Vec<usize> = (0..s.options.len())
                .filter(|&i| s.options[i].cluster == id)
                .collect();
            if members.is_empty() {
                continue;
            }
            egui::CollapsingHeader::new(RichText::new(name).strong())
                .id_salt(("cluster", &id))
                .default_open(true)
                .show(ui, |ui| {
                    for i in members {
                        let o = &s.options[i];
                        ui.horizontal(|ui| {
                            swatch(ui, theme::option_colour(i));
                            ui.label(&o.name).on_hover_text(&o.description);
                        });
                        ui.label(RichText::new(o.provenance.to_string()).small().weak());
                    }
                });
        }
    });
}

/// A small square in an option's colour.
fn swatch(ui: &mut Ui, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
}

fn weights_panel(ui: &mut Ui, s: &Scenario, edits: &mut Vec<Edit>) {
    ui.heading("Weights");
    let Some(profile) = s.profiles.get(s.active_profile_index()) else {
        ui.label("No weight profile.");
        return;
    };
    if !profile.note.is_empty() {
        ui.label(RichText::new(&profile.note).small().weak());
    }
    let fam = family_shares(s, profile);
    let crit = criterion_shares(s, profile);
    ScrollArea::vertical().show(ui, |ui| {
        for (f, family) in s.families.iter().enumerate() {
            ui.add_space(4.0);
            let mut pct = fam[f] * 100.0;
            let response = ui.add(
                egui::Slider::new(&mut pct, 0.0..=100.0)
                    .text(RichText::new(&family.name).strong())
                    .suffix(" %")
                    .fixed_decimals(0)
                    .clamping(egui::SliderClamping::Edits),
            );
            if response.changed() {
                edits.push(Edit::SetFamilyShare {
                    family: f,
                    share: pct / 100.0,
                });
            }
            ui.indent(("family", f), |ui| {
                for (c, criterion) in s.criteria.iter().enumerate() {
                    if criterion.family != family.id {
                        continue;
                    }
                    let mut pct = crit[c] * 100.0;
                    let response = ui
                        .add(
                            egui::Slider::new(&mut pct, 0.0..=100.0)
                                .text(criterion.label())
                                .suffix(" %")
                                .fixed_decimals(0)
                                .clamping(egui::SliderClamping::Edits),
                        )
                        .on_hover_text(format!(
                            "{}\n{}\nShare within its family; overall weight {:.1} %.",
                            criterion.name,
                            criterion.description,
                            fam[f] * crit[c] * 100.0
                        ));
                    if response.changed() {
                        edits.push(Edit::SetCriterionShare {
                            criterion: c,
                            share: pct / 100.0,
                        });
                    }
                }
            });
        }
    });
}

fn ranking_chart(ui: &mut Ui, s: &Scenario, r: &Ranking) {
    ui.heading("Ranking");
    let order = r.order();
    let n = order.len();
    // Best at the top: position 0 is drawn highest.
    let bars: Vec<Bar> = order
        .iter()
        .enumerate()
        .map(|(pos, &i)| {
            Bar::new((n - 1 - pos) as f64, r.scores[i])
                .name(format!("#{} {}", r.ranks[i], s.options[i].name))
                .fill(theme::option_colour(i))
                .width(0.7)
        })
        .collect();
    let labels: Vec<String> = order
        .iter()
        .map(|&i| format!("#{} {}", r.ranks[i], s.options[i].label()))
        .collect();
    let text_colour = ui.visuals().text_color();
    let height = (ui.available_height() * 0.5).clamp(160.0, 40.0 + 34.0 * n as f32);
    Plot::new("ranking")
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([true, false])
        .include_x(0.0)
        .include_x(1.08)
        .y_axis_min_width(150.0)
        .y_axis_formatter(move |mark, _| {
            let v = mark.value;
            if (v - v.round()).abs() > 1e-6 || v < 0.0 {
                return String::new();
            }
            let pos = n as i64 - 1 - v.round() as i64;
            usize::try_from(pos)
                .ok()
                .and_then(|p| labels.get(p).cloned())
                .unwrap_or_default()
        })
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("score", bars).horizontal());
            for (pos, &i) in order.iter().enumerate() {
                let at = PlotPoint::new(r.scores[i] + 0.01, (n - 1 - pos) as f64);
                plot.text(
                    Text::new("score", at, format!("{:.3}", r.scores[i]))
                        .anchor(egui::Align2::LEFT_CENTER)
                        .color(text_colour),
                );
            }
        });
}

fn matrix(ui: &mut Ui, s: &Scenario, r: &Ranking) {
    ui.heading("Performance matrix");
    let dark = ui.visuals().dark_mode;
    ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("matrix")
            .striped(false)
            .spacing([6.0, 4.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Option").strong());
                for c in &s.criteria {
                    let mark = match c.direction {
                        Direction::Maximize => "",
                        Direction::Minimize => " (min)",
                    };
                    ui.label(RichText::new(format!("{}{mark}", c.label())).strong())
                        .on_hover_text(format!(
                            "{}\n{}\n{}: {} to {} {}",
                            c.name,
                            c.description,
                            if c.direction == Direction::Maximize {
                                "More is better"
                            } else {
                                "Less is better"
                            },
                            c.scale.min,
                            c.scale.max,
                            c.scale.unit
                        ));
                }
                ui.end_row();
                for (i, o) in s.options.iter().enumerate() {
                    ui.colored_label(theme::option_colour(i), o.label())
                        .on_hover_text(&o.name);
                    for (j, c) in s.criteria.iter().enumerate() {
                        let cell = s.cell(&o.id, &c.id);
                        let value = cell.and_then(|c| c.value);
                        let text = match value {
                            Some(v) => format!("{v:.1}"),
                            None => "—".to_string(),
                        };
                        let fill = value.map_or(Color32::TRANSPARENT, |_| {
                            theme::value_colour(r.normalized[i][j], dark)
                        });
                        let mut hover = String::new();
                        if let Some(cell) = cell {
                            if let Some(u) = &cell.uncertainty {
                                let (lo, hi) = u.bounds();
                                hover.push_str(&format!("Range {lo} to {hi}\n"));
                            }
                            hover.push_str(&cell.rationale);
                            if !cell.source.is_empty() {
                                hover.push_str(&format!("\nSource: {}", cell.source));
                            }
                        }
                        egui::Frame::new()
                            .fill(fill)
                            .inner_margin(egui::Margin::symmetric(6, 2))
                            .show(ui, |ui| {
                                ui.label(RichText::new(text).color(if dark {
                                    Color32::WHITE
                                } else {
                                    Color32::BLACK
                                }))
                            })
                            .response
                            .on_hover_text(hover);
                    }
                    ui.end_row();
                }
            });
    });
}
