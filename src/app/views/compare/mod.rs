//! Compare view: 2–4 options side by side (radar over criteria or families, and weighted
//! differences against a reference option).

use std::f64::consts::{FRAC_PI_2, TAU};

use egui::{Align2, ComboBox, RichText, Ui};
use egui_plot::{Bar, BarChart, HoverPosition, Line, Plot, PlotPoint, Polygon, Text, VLine};

use crate::analysis::pareto::{family_members, family_scores};
use crate::analysis::scoring::Ranking;
use crate::app::{Derived, theme};
use crate::i18n::{self, Lang, fill};
use crate::scenario::model::Scenario;

mod bars;
mod picker;
mod radar;

use bars::difference_panel;
use radar::radar_panel;

/// At most this many options are compared at once.
pub const MAX_CHOSEN: usize = 4;

#[derive(Default)]
pub struct CompareState {
    /// Ids of the chosen options, in the order they were ticked; `None` until the view is
    /// first shown, when the top two of the ranking are chosen.
    chosen: Option<Vec<String>>,
    /// Radar and differences by family instead of by criterion.
    by_family: bool,
    /// The option compared (A) and the reference (B); `None` (or one no longer chosen) means
    /// the default: the first two chosen.
    subject: Option<String>,
    reference: Option<String>,
    /// Why the last tick was refused.
    note: Option<String>,
    /// What the picker's search field holds (scenarios of many options).
    search: String,
    cache: Option<Cache>,
    /// How many times the charts' data were computed.
    computed: u64,
}

/// The charts' data for one scenario revision and one set of choices.
struct Cache {
    key: Key,
    data: Compared,
}

#[derive(Clone, PartialEq)]
struct Key {
    revision: u64,
    /// The names in the charts are in this language.
    lang: Lang,
    chosen: Vec<String>,
    by_family: bool,
    subject: Option<String>,
    reference: Option<String>,
}

struct Compared {
    /// The chosen options (scenario indices), in the order ticked.
    chosen: Vec<usize>,
    /// Spoke labels (short) and names (for hover).
    spokes: Vec<String>,
    spoke_names: Vec<String>,
    /// The radar value of each chosen option on each spoke, parallel to `chosen`.
    radar: Vec<Vec<f64>>,
    /// One line per chosen option: "Name: score 0.612 (rank 2)".
    legend: Vec<String>,
    diff: Option<Difference>,
}

/// Where option `a` gains and loses against option `b`.
struct Difference {
    a: usize,
    b: usize,
    /// (short label, full name, weighted difference), largest magnitude first; items whose
    /// weight is 0 are left out (their difference is 0).
    rows: Vec<(String, String, f64)>,
    /// `a`'s score minus `b`'s, which the differences add up to.
    total: f64,
}

pub fn show(ui: &mut Ui, s: &Scenario, d: &Derived, state: &mut CompareState) {
    let t = i18n::s();
    ui.heading(t.view_compare);
    let r = match &d.ranking {
        Ok(r) => r,
        Err(e) => {
            ui.colored_label(theme::ERROR, fill(t.cannot_score, &[e]));
            return;
        }
    };
    if state.chosen.is_none() {
        state.chosen = Some(
            r.order()
                .into_iter()
                .take(2)
                .filter_map(|i| s.options.get(i).map(|o| o.id.clone()))
                .collect(),
        );
    }
    choices(ui, s, state);
    refresh(s, r, d.revision, state);
    if pair_choice(ui, s, state) {
        refresh(s, r, d.revision, state);
    }
    let Some(c) = state.cache.as_ref().map(|c| &c.data) else {
        return;
    };
    if c.chosen.len() < 2 {
        ui.label(RichText::new(t.compare_tick_two).weak());
    }
    let wide = ui.available_width() >= 640.0;
    let height = (ui.available_height() - 8.0).max(300.0);
    if wide {
        // The radar needs room for its spoke labels on both sides: give it a little more.
        let gap = ui.spacing().item_spacing.x * 2.0;
        let width = ui.available_width() - gap;
        let layout = egui::Layout::top_down(egui::Align::LEFT);
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(egui::vec2(width * 0.58, height), layout, |ui| {
                radar_panel(ui, s, c, state.by_family, height);
            });
            ui.add_space(gap / 2.0);
            ui.allocate_ui_with_layout(egui::vec2(width * 0.42, height), layout, |ui| {
                difference_panel(ui, s, r, c, state.by_family, height);
            });
        });
    } else {
        egui::ScrollArea::vertical().show(ui, |ui| {
            radar_panel(ui, s, c, state.by_family, 420.0);
            difference_panel(ui, s, r, c, state.by_family, 420.0);
        });
    }
}

/// The option check boxes (the picker, past a few dozen options) and the criterion/family
/// switch.
fn choices(ui: &mut Ui, s: &Scenario, state: &mut CompareState) {
    let t = i18n::s();
    if s.options.len() > picker::CHECK_BOXES_UP_TO {
        picker::picker(ui, s, state);
    } else {
        check_boxes(ui, s, state);
    }
    if let Some(note) = &state.note {
        ui.colored_label(theme::WARNING, note);
    }
    ui.horizontal(|ui| {
        ui.label(t.compare_spokes);
        ui.selectable_value(&mut state.by_family, false, t.compare_by_criterion);
        ui.selectable_value(&mut state.by_family, true, t.compare_by_family);
    });
}

/// A check box per option, in the scenario's order.
fn check_boxes(ui: &mut Ui, s: &Scenario, state: &mut CompareState) {
    let t = i18n::s();
    let lang = i18n::lang();
    let chosen = state.chosen.get_or_insert_with(Vec::new);
    ui.horizontal_wrapped(|ui| {
        ui.label(t.compare_options);
        for (i, o) in s.options.iter().enumerate() {
            let was = chosen.contains(&o.id);
            let mut on = was;
            // The swatch is part of the check box, so a wrapped row never parts the two.
            let swatch = crate::app::views::swatch_atom(theme::option_colour(i), SWATCH);
            if ui
                .add(egui::Checkbox::new(&mut on, (swatch, o.label_in(lang))))
                .on_hover_text(o.name_in(lang))
                .changed()
            {
                if on && !was {
                    if chosen.len() >= MAX_CHOSEN {
                        state.note =
                            Some(fill(t.compare_at_most, &[&MAX_CHOSEN, &o.label_in(lang)]));
                    } else {
                        chosen.push(o.id.clone());
                        state.note = None;
                    }
                } else if !on {
                    chosen.retain(|id| id != &o.id);
                    state.note = None;
                }
            }
        }
    });
}

/// The "A against B" combo boxes; true when the user changed one.
fn pair_choice(ui: &mut Ui, s: &Scenario, state: &mut CompareState) -> bool {
    let Some(c) = state.cache.as_ref().map(|c| &c.data) else {
        return false;
    };
    let Some(diff) = &c.diff else {
        return false;
    };
    let t = i18n::s();
    let lang = i18n::lang();
    let name = |i: usize| {
        s.options
            .get(i)
            .map_or("", |o| o.label_in(lang))
            .to_string()
    };
    let mut subject = None;
    let mut reference = None;
    // Each label stays beside its list: one row when both pairs fit, else a row each.
    let text = |s: &str| {
        ui.painter()
            .layout_no_wrap(
                s.to_string(),
                egui::TextStyle::Button.resolve(ui.style()),
                egui::Color32::WHITE,
            )
            .size()
            .x
    };
    let widest = c.chosen.iter().map(|&i| text(&name(i))).fold(0.0, f32::max);
    let sp = ui.spacing();
    let pair = widest + sp.icon_width + 2.0 * sp.button_padding.x + 4.0 * sp.item_spacing.x + 12.0;
    let needed = text(t.compare_option_a) + text(t.compare_reference_b) + 2.0 * pair + 12.0;
    let pick_a = |ui: &mut Ui, subject: &mut Option<usize>| {
        let l = ui.label(t.compare_option_a);
        ComboBox::from_id_salt("compare-a")
            .selected_text(name(diff.a))
            .show_ui(ui, |ui| {
                for &i in c.chosen.iter().filter(|&&i| i != diff.b) {
                    if ui.selectable_label(i == diff.a, name(i)).clicked() && i != diff.a {
                        *subject = Some(i);
                    }
                }
            })
            .response
            .labelled_by(l.id);
    };
    let pick_b = |ui: &mut Ui, reference: &mut Option<usize>| {
        let l = ui.label(t.compare_reference_b);
        ComboBox::from_id_salt("compare-b")
            .selected_text(name(diff.b))
            .show_ui(ui, |ui| {
                for &i in &c.chosen {
                    if ui.selectable_label(i == diff.b, name(i)).clicked() && i != diff.b {
                        *reference = Some(i);
                    }
                }
            })
            .response
            .labelled_by(l.id);
    };
    if ui.available_width() >= needed {
        ui.horizontal(|ui| {
            pick_a(ui, &mut subject);
            ui.add_space(12.0);
            pick_b(ui, &mut reference);
        });
    } else {
        ui.horizontal(|ui| pick_a(ui, &mut subject));
        ui.horizontal(|ui| pick_b(ui, &mut reference));
    }
    let (a, b) = (diff.a, diff.b);
    let id = |i: usize| s.options.get(i).map(|o| o.id.clone());
    match (subject, reference) {
        (Some(new_a), _) => {
            state.subject = id(new_a);
            state.reference = id(b);
            true
        }
        (None, Some(new_b)) => {
            // Picking A as the reference swaps the two.
            state.subject = if new_b == a { id(b) } else { id(a) };
            state.reference = id(new_b);
            true
        }
        (None, None) => false,
    }
}

/// Brings the cached data up to date with the revision and the choices.
fn refresh(s: &Scenario, r: &Ranking, revision: u64, state: &mut CompareState) {
    let key = Key {
        revision,
        lang: i18n::lang(),
        chosen: state.chosen.clone().unwrap_or_default(),
        by_family: state.by_family,
        subject: state.subject.clone(),
        reference: state.reference.clone(),
    };
    if state.cache.as_ref().is_some_and(|c| c.key == key) {
        return;
    }
    state.computed += 1;
    state.cache = Some(Cache {
        data: compute(s, r, &key),
        key,
    });
}

fn compute(s: &Scenario, r: &Ranking, key: &Key) -> Compared {
    let lang = key.lang;
    let n = s.options.len().min(r.scores.len());
    let chosen: Vec<usize> = key
        .chosen
        .iter()
        .filter_map(|id| s.option_index(id))
        .filter(|&i| i < n)
        .collect();
    let members = family_members(s);
    // Spokes: every criterion, or every family that has criteria.
    let families: Vec<usize> = (0..s.families.len())
        .filter(|&f| !members[f].is_empty())
        .collect();
    let (spokes, spoke_names): (Vec<String>, Vec<String>) = if key.by_family {
        families
            .iter()
            .map(|&f| {
                let name = s.families[f].name_in(lang);
                (wrap(name, 16), name.to_string())
            })
            .unzip()
    } else {
        s.criteria
            .iter()
            .map(|c| (wrap(c.label_in(lang), 10), c.name_in(lang).to_string()))
            .unzip()
    };
    let sub = if key.by_family {
        family_scores(s, r)
    } else {
        Vec::new()
    };
    let radar: Vec<Vec<f64>> = chosen
        .iter()
        .map(|&i| {
            if key.by_family {
                families.iter().map(|&f| sub[i][f]).collect()
            } else {
                r.normalized[i].clone()
            }
        })
        .collect();
    let legend = chosen
        .iter()
        .map(|&i| {
            fill(
                lang.strings().compare_legend,
                &[
                    &s.options[i].name_in(lang),
                    &format!("{:.3}", r.scores[i]),
                    &r.ranks[i],
                ],
            )
        })
        .collect();

    // A and B: the remembered ones while they are still chosen, else the first two chosen.
    let find = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| s.option_index(id))
            .filter(|i| chosen.contains(i))
    };
    let b = find(&key.reference).or_else(|| chosen.get(1).copied());
    let a = find(&key.subject)
        .filter(|&a| Some(a) != b)
        .or_else(|| chosen.iter().copied().find(|&i| Some(i) != b));
    let diff = match (a, b) {
        (Some(a), Some(b)) if a != b => Some(difference(s, r, &members, &families, key, a, b)),
        _ => None,
    };
    Compared {
        chosen,
        spokes,
        spoke_names,
        radar,
        legend,
        diff,
    }
}

/// Weighted differences of `a` against `b`, per criterion or per family.
fn difference(
    s: &Scenario,
    r: &Ranking,
    members: &[Vec<usize>],
    families: &[usize],
    key: &Key,
    a: usize,
    b: usize,
) -> Difference {
    let per_criterion: Vec<f64> = r.contributions[a]
        .iter()
        .zip(&r.contributions[b])
        .map(|(x, y)| x - y)
        .collect();
    // The bars add up to this (up to rounding): taken from the scores themselves so that the
    // stated total is exactly the score difference, also when it sits on a rounding boundary.
    let total = r.scores[a] - r.scores[b];
    let lang = key.lang;
    let mut rows: Vec<(String, String, f64)> = if key.by_family {
        families
            .iter()
            .filter(|&&f| members[f].iter().any(|&j| r.weights[j] > 0.0))
            .map(|&f| {
                let family = &s.families[f];
                let d = members[f].iter().map(|&j| per_criterion[j]).sum();
                let name = family.name_in(lang);
                (short_name(name), name.to_string(), d)
            })
            .collect()
    } else {
        s.criteria
            .iter()
            .enumerate()
            .filter(|&(j, _)| r.weights[j] > 0.0)
            .map(|(j, c)| {
                (
                    c.label_in(lang).to_string(),
                    c.name_in(lang).to_string(),
                    per_criterion[j],
                )
            })
            .collect()
    };
    rows.sort_by(|x, y| y.2.abs().total_cmp(&x.2.abs()));
    Difference { a, b, rows, total }
}

/// A family's name for a bar label (families have no short label): the name when short,
/// else its first word ("Environmental costs and benefits" → "Environmental").
fn short_name(name: &str) -> String {
    if name.chars().count() <= 16 {
        return name.to_string();
    }
    name.split_whitespace()
        .next()
        .unwrap_or(name)
        .trim_end_matches([',', ':', ';'])
        .to_string()
}

/// Splits a name longer than `max` characters over two lines at the space nearest its middle.
fn wrap(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let mid = name.len() / 2;
    let split = name
        .match_indices(' ')
        .map(|(k, _)| k)
        .min_by_key(|&k| k.abs_diff(mid));
    match split {
        Some(k) => format!("{}\n{}", &name[..k], &name[k + 1..]),
        None => name.to_string(),
    }
}

/// Side of an option's colour swatch.
const SWATCH: f32 = 11.0;

/// A small square of an option's colour.
fn swatch(ui: &mut Ui, colour: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(SWATCH, SWATCH), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::files::scenario_file::default_scenario;

    #[test]
    fn wrap_splits_long_names_near_the_middle() {
        assert_eq!(wrap("Feasibility", 16), "Feasibility");
        assert_eq!(
            wrap("Environmental costs and benefits", 16),
            "Environmental\ncosts and benefits"
        );
        assert_eq!(wrap("Health & comm.", 10), "Health\n& comm.");
        assert_eq!(short_name("Economic costs and benefits"), "Economic");
        assert_eq!(short_name("Effectiveness"), "Effectiveness");
        assert_eq!(wrap("Enforceability", 10), "Enforceability");
    }

    #[test]
    fn differences_add_up_to_the_score_difference() {
        let s = default_scenario().unwrap();
        let d = Derived::compute(&s, 1);
        let r = d.ranking.as_ref().unwrap();
        for by_family in [false, true] {
            let key = Key {
                revision: 1,
                lang: Lang::En,
                chosen: vec![s.options[0].id.clone(), s.options[3].id.clone()],
                by_family,
                subject: None,
                reference: None,
            };
            let c = compute(&s, r, &key);
            let diff = c.diff.unwrap();
            assert_eq!((diff.a, diff.b), (0, 3));
            let want = r.scores[0] - r.scores[3];
            assert!((diff.total - want).abs() < 1e-12);
            let bars: f64 = diff.rows.iter().map(|r| r.2).sum();
            assert!((bars - want).abs() < 1e-12, "by_family {by_family}");
            for pair in diff.rows.windows(2) {
                assert!(pair[0].2.abs() >= pair[1].2.abs());
            }
        }
    }

    #[test]
    fn the_charts_are_computed_once_per_revision_and_choice() {
        let s = default_scenario().unwrap();
        let d = Derived::compute(&s, 3);
        let mut harness = egui_kittest::Harness::builder()
            .with_size(egui::vec2(1000.0, 800.0))
            .build_ui_state(
                |ui, state: &mut CompareState| show(ui, &s, &d, state),
                CompareState::default(),
            );
        harness.run();
        assert_eq!(harness.state().computed, 1);
        harness.run_steps(10);
        assert_eq!(harness.state().computed, 1, "recomputed on idle frames");
        harness.state_mut().by_family = true;
        harness.run();
        assert_eq!(harness.state().computed, 2);
        harness.run_steps(5);
        assert_eq!(harness.state().computed, 2);
    }
}
