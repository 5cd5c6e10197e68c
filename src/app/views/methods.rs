//! Methods view: every scoring method's ranks side by side for the active profile, and
//! Kendall's τ between each pair of methods, so a delegate sees whether a ranking is an
//! artefact of the method.

use crate::app::labels;
use egui::{Color32, RichText, Ui};

use crate::analysis::method_comparison::MethodComparison;
use crate::app::{Derived, theme};
use crate::i18n::{self, fill};
use crate::scenario::model::Scenario;

pub fn show(ui: &mut Ui, s: &Scenario, d: &Derived) {
    let t = i18n::s();
    ui.heading(t.methods_heading);
    let c = d.comparison(s);
    let profile = s
        .profiles
        .get(s.active_profile_index())
        .map_or("", |p| p.name_in(crate::i18n::lang()));
    ui.label(RichText::new(fill(t.methods_intro, &[&profile])).weak());
    ui.add_space(6.0);
    agreement(ui, s, c);
    ui.add_space(6.0);
    egui::ScrollArea::both().show(ui, |ui| {
        rank_table(ui, s, c);
        ui.add_space(12.0);
        ui.label(RichText::new(t.methods_tau_heading).strong());
        ui.label(RichText::new(t.methods_tau_help).weak());
        ui.add_space(4.0);
        tau_table(ui, c);
        failures(ui, c);
    });
}

/// One sentence on whether the methods agree about the top of the ranking.
fn agreement(ui: &mut Ui, s: &Scenario, c: &MethodComparison) {
    let t = i18n::s();
    let lang = i18n::lang();
    let tops: Vec<(String, Vec<&str>)> = c
        .methods
        .iter()
        .enumerate()
        .filter_map(|(k, m)| {
            let ranks = c.ranks(k)?;
            let best: Vec<&str> = ranks
                .iter()
                .enumerate()
                .filter(|(_, r)| **r == 1)
                .filter_map(|(i, _)| s.options.get(i).map(|o| o.label_in(lang)))
                .collect();
            Some((labels::method_title(*m).to_string(), best))
        })
        .collect();
    let Some((_, first)) = tops.first() else {
        ui.colored_label(theme::ERROR, t.methods_none_scored);
        return;
    };
    if tops.iter().all(|(_, t)| t == first) {
        ui.label(RichText::new(fill(t.methods_all_agree, &[&first.join(t.and_sep)])).strong());
    } else {
        let list: Vec<String> = tops
            .iter()
            .map(|(m, top)| fill(t.label_value, &[m, &top.join(t.and_sep)]))
            .collect();
        let list = list.join(" · ");
        // Short labels may end in an abbreviation's full stop.
        let end = if list.ends_with('.') { "" } else { t.full_stop };
        ui.label(
            RichText::new(fill(t.methods_disagree, &[&list]) + end)
                .strong()
                .color(theme::WARNING),
        );
    }
}

fn rank_table(ui: &mut Ui, s: &Scenario, c: &MethodComparison) {
    let t = i18n::s();
    let lang = i18n::lang();
    // Rows in the order of the first method that scored.
    let mut rows: Vec<usize> = (0..s.options.len()).collect();
    if let Some(ranks) = (0..c.methods.len()).find_map(|k| c.ranks(k)) {
        rows.sort_by_key(|&i| ranks.get(i).copied().unwrap_or(usize::MAX));
    }
    let n = s.options.len();
    egui::Grid::new("method-ranks")
        .striped(true)
        .num_columns(c.methods.len() + 2)
        .spacing([16.0, 5.0])
        .show(ui, |ui| {
            ui.label(RichText::new(t.col_option).strong());
            for (k, m) in c.methods.iter().enumerate() {
                ui.label(RichText::new(labels::method_title(*m)).strong())
                    .on_hover_text(fill(
                        t.methods_column_hover,
                        &[
                            &labels::method_description(*m),
                            &labels::normalization_name(c.normalizations[k]),
                        ],
                    ));
            }
            ui.label(RichText::new(t.methods_spread).strong())
                .on_hover_text(t.methods_spread_hover);
            ui.end_row();
            for &i in &rows {
                ui.label(s.options[i].label_in(lang))
                    .on_hover_text(s.options[i].name_in(lang));
                let mut seen = Vec::new();
                for k in 0..c.methods.len() {
                    match c.ranks(k).and_then(|r| r.get(i)) {
                        Some(&rank) => {
                            seen.push(rank);
                            let bg = rank_colour(rank, n);
                            let text = RichText::new(rank.to_string())
                                .monospace()
                                .background_color(bg)
                                .color(theme::text_on(bg));
                            ui.label(if rank == 1 { text.strong() } else { text });
                        }
                        None => {
                            ui.label(RichText::new("—").weak());
                        }
                    }
                }
                let (lo, hi) = (
                    seen.iter().min().copied().unwrap_or(0),
                    seen.iter().max().copied().unwrap_or(0),
                );
                let spread = if lo == hi {
                    format!("{lo}")
                } else {
                    format!("{lo}–{hi}")
                };
                ui.label(RichText::new(spread).weak());
                ui.end_row();
            }
        });
}

/// The matrix's value scale: light for the top ranks, dark for the bottom.
fn rank_colour(rank: usize, n: usize) -> Color32 {
    let t = if n > 1 {
        1.0 - (rank.saturating_sub(1)) as f64 / (n - 1) as f64
    } else {
        1.0
    };
    theme::value_colour(t)
}

fn tau_table(ui: &mut Ui, c: &MethodComparison) {
    egui::Grid::new("method-tau")
        .striped(true)
        .num_columns(c.methods.len() + 1)
        .spacing([16.0, 5.0])
        .show(ui, |ui| {
            ui.label("");
            // Columns and rows named alike, so a cell reads as "row against column".
            for m in &c.methods {
                ui.label(RichText::new(labels::method_title(*m)).strong());
            }
            ui.end_row();
            for (a, m) in c.methods.iter().enumerate() {
                ui.label(RichText::new(labels::method_title(*m)).strong());
                for b in 0..c.methods.len() {
                    let text = c
                        .tau
                        .get(a)
                        .and_then(|row| row.get(b))
                        .copied()
                        .flatten()
                        .map_or("—".to_string(), |t| format!("{t:+.2}"));
                    ui.label(RichText::new(text).monospace());
                }
                ui.end_row();
            }
        });
}

/// Why a method could not score, if any could not.
fn failures(ui: &mut Ui, c: &MethodComparison) {
    for (m, r) in c.methods.iter().zip(&c.results) {
        if let Err(e) = r {
            ui.colored_label(
                theme::ERROR,
                fill(i18n::s().label_value, &[&labels::method_title(*m), e]),
            );
        }
    }
}
