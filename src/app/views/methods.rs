//! Methods view: every scoring method's ranks side by side for the active profile, and
//! Kendall's τ between each pair of methods, so a delegate sees whether a ranking is an
//! artefact of the method.

use egui::{Color32, RichText, Ui};

use super::rows;
use crate::app::labels;

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
        rank_table(ui, s, c, d.data_revision);
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

fn rank_table(ui: &mut Ui, s: &Scenario, c: &MethodComparison, data_revision: u64) {
    let t = i18n::s();
    let lang = i18n::lang();
    // Rows in the order of the first method that scored.
    let mut order: Vec<usize> = (0..s.options.len()).collect();
    if let Some(ranks) = (0..c.methods.len()).find_map(|k| c.ranks(k)) {
        order.sort_by_key(|&i| ranks.get(i).copied().unwrap_or(usize::MAX));
    }
    let n = s.options.len();
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let gap = 16.0;
    let option_w = rows::widest(
        ui,
        "method-options",
        (data_revision, lang),
        s.options
            .iter()
            .map(|o| o.label_in(lang))
            .chain([t.col_option]),
        rows::body(ui),
    )
    .clamp(body * 4.0, body * 18.0);
    let titles: Vec<String> = c
        .methods
        .iter()
        .map(|m| labels::method_title(*m).to_string())
        .collect();
    let strong = |ui: &Ui, text: &str| {
        egui::WidgetText::from(RichText::new(text).strong())
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            )
            .size()
            .x
    };
    let digits = body * 0.6 * (n.max(1).ilog10() + 2) as f32;
    let method_w: Vec<f32> = titles.iter().map(|x| strong(ui, x).max(digits)).collect();
    let spread_w = strong(ui, t.methods_spread).max(digits * 2.2);
    let width =
        option_w + method_w.iter().sum::<f32>() + spread_w + gap * (titles.len() + 1) as f32;
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        rows::heading(ui, option_w, egui::Align::Min, |ui| {
            ui.label(RichText::new(t.col_option).strong())
        });
        for (k, m) in c.methods.iter().enumerate() {
            rows::heading(ui, method_w[k], egui::Align::Min, |ui| {
                ui.label(RichText::new(&titles[k]).strong())
                    .on_hover_text(fill(
                        t.methods_column_hover,
                        &[
                            &labels::method_description(*m),
                            &labels::normalization_name(c.normalizations[k]),
                        ],
                    ))
            });
        }
        rows::heading(ui, spread_w, egui::Align::Min, |ui| {
            ui.label(RichText::new(t.methods_spread).strong())
                .on_hover_text(t.methods_spread_hover)
        });
    });
    let height = (body + 10.0).max(ui.spacing().interact_size.y);
    rows::rows(ui, width, height, order.len(), |ui, row| {
        let i = order[row];
        ui.spacing_mut().item_spacing.x = gap;
        rows::cell(ui, option_w, |ui| {
            ui.add(egui::Label::new(s.options[i].label_in(lang)).truncate())
                .on_hover_text(s.options[i].name_in(lang))
        });
        let mut seen = Vec::new();
        for (k, w) in method_w.iter().enumerate() {
            rows::cell(ui, *w, |ui| match c.ranks(k).and_then(|r| r.get(i)) {
                Some(&rank) => {
                    seen.push(rank);
                    let bg = rank_colour(rank, n);
                    let text = RichText::new(rank.to_string())
                        .monospace()
                        .background_color(bg)
                        .color(theme::text_on(bg));
                    ui.label(if rank == 1 { text.strong() } else { text })
                }
                None => ui.label(RichText::new("—").weak()),
            });
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
        rows::cell(ui, spread_w, |ui| ui.label(RichText::new(spread).weak()));
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
