//! Matrix view: options × criteria, cells coloured by normalised value, uncertainty as a
//! range, rationale and source on hover.

use egui::{Color32, RichText, ScrollArea, Ui};

use crate::app::{Command, Derived, theme};
use crate::model::{Direction, Scenario};

#[derive(Default)]
pub struct MatrixState {}

pub fn show(
    ui: &mut Ui,
    s: &Scenario,
    d: &Derived,
    _state: &mut MatrixState,
    _out: &mut Vec<Command>,
) {
    ui.heading("Performance matrix");
    let dark = ui.visuals().dark_mode;
    let normalized = d.ranking.as_ref().ok().map(|r| &r.normalized);
    ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("matrix")
            .spacing([6.0, 4.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Option").strong());
                for c in &s.criteria {
                    let mark = match c.direction {
                        Direction::Maximize => "",
                        Direction::Minimize => " (min)",
                    };
                    ui.label(RichText::new(format!("{}{mark}", c.label())).strong())
                        .on_hover_text(format!("{}\n{}", c.name, c.description));
                }
                ui.end_row();
                for (i, o) in s.options.iter().enumerate() {
                    ui.colored_label(theme::option_colour(i), o.label())
                        .on_hover_text(&o.name);
                    for (j, c) in s.criteria.iter().enumerate() {
                        let cell = s.cell(&o.id, &c.id);
                        let value = cell.and_then(|c| c.value);
                        let mut text = value.map_or("—".to_string(), |v| format!("{v:.1}"));
                        if let Some((lo, hi)) = cell
                            .and_then(|c| c.uncertainty.as_ref())
                            .map(|u| u.bounds())
                        {
                            text.push_str(&format!(" [{lo}–{hi}]"));
                        }
                        let fill = match (value, normalized) {
                            (Some(_), Some(n)) => theme::value_colour(n[i][j], dark),
                            _ => Color32::TRANSPARENT,
                        };
                        let hover = cell.map_or(String::new(), |c| {
                            format!("{}\nSource: {}", c.rationale, c.source)
                        });
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
