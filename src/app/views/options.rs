//! Options view: the options grouped by cluster, with description, provenance, tags, cost and
//! the checklist of principles; filter by tag and search by text.

use std::collections::{BTreeSet, HashMap};

use egui::{RichText, ScrollArea, Ui};

use crate::app::{Command, EditorRequest, theme};
use crate::i18n::{self, editors, fill};
use crate::scenario::model::{PolicyOption, Scenario};

#[derive(Default)]
pub struct OptionsState {
    pub search: String,
    pub tags: BTreeSet<String>,
    /// Each option's card height (with the gap after it) when last drawn, at `heights_width`:
    /// cards out of sight take their room without being laid out.
    heights: HashMap<usize, f32>,
    heights_width: f32,
}

/// Whether `o` passes the search text (name, description, provenance, tags, in English or in
/// the current language) and every chosen tag.
pub fn matches(o: &PolicyOption, search: &str, tags: &BTreeSet<String>) -> bool {
    let q = search.trim().to_lowercase();
    let lang = i18n::lang();
    let text_ok = q.is_empty()
        || [
            o.name.as_str(),
            &o.short,
            &o.description,
            &o.provenance.to_string(),
            o.name_in(lang),
            o.label_in(lang),
            o.description_in(lang),
        ]
        .iter()
        .any(|t| t.to_lowercase().contains(&q))
        || o.tags.iter().any(|t| t.to_lowercase().contains(&q));
    text_ok && tags.iter().all(|t| o.tags.contains(t))
}

pub fn show(ui: &mut Ui, s: &Scenario, state: &mut OptionsState, out: &mut Vec<Command>) {
    let t = i18n::s();
    let lang = i18n::lang();
    ui.heading(t.view_options);
    ui.horizontal(|ui| {
        let label = ui.label(t.options_search);
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text(t.options_search_hint)
                .desired_width(260.0),
        )
        .labelled_by(label.id);
        if !state.tags.is_empty() && ui.button(t.options_clear_tags).clicked() {
            state.tags.clear();
        }
    });
    let all_tags: BTreeSet<&str> = s
        .options
        .iter()
        .flat_map(|o| o.tags.iter().map(String::as_str))
        .collect();
    ui.horizontal_wrapped(|ui| {
        ui.label(t.options_tags);
        for tag in all_tags {
            let on = state.tags.contains(tag);
            if tag_toggle(ui, tag, on).clicked() {
                if on {
                    state.tags.remove(tag);
                } else {
                    state.tags.insert(tag.to_string());
                }
            }
        }
    });
    ui.separator();
    let mut clusters: Vec<(String, String, String)> = s
        .clusters
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.name_in(lang).to_string(),
                c.provenance
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
        })
        .collect();
    if s.options.iter().any(|o| o.cluster.is_empty()) {
        clusters.push((String::new(), t.options_other.into(), String::new()));
    }
    let mut shown = 0;
    if state.heights_width != ui.available_width() {
        state.heights.clear();
        state.heights_width = ui.available_width();
    }
    let heights = &mut state.heights;
    ScrollArea::vertical().show_viewport(ui, |ui, viewport| {
        // Cards more than a screen away are not laid out (1,000 cards took tens of
        // milliseconds a frame): their room is what they took when last drawn.
        let top = ui.min_rect().top();
        let near = viewport.expand2(egui::vec2(0.0, viewport.height()));
        for (cid, cname, cprov) in &clusters {
            let members: Vec<usize> = (0..s.options.len())
                .filter(|&i| {
                    &s.options[i].cluster == cid
                        && matches(&s.options[i], &state.search, &state.tags)
                })
                .collect();
            if members.is_empty() {
                continue;
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new(cname).heading());
                if !cprov.is_empty() {
                    ui.label(RichText::new(cprov).weak());
                }
            });
            for i in members {
                shown += 1;
                let y = ui.cursor().top() - top;
                match heights.get(&i) {
                    Some(&h) if y + h < near.top() || y > near.bottom() => ui.add_space(h),
                    _ => {
                        option_card(ui, s, i, out);
                        heights.insert(i, ui.cursor().top() - top - y);
                    }
                }
            }
        }
        if shown == 0 {
            ui.label(t.options_no_match);
        }
    });
}

/// A tag filter: a framed, rounded toggle that reads as one whether on (filled, ticked) or off,
/// unlike plain text.
fn tag_toggle(ui: &mut Ui, tag: &str, on: bool) -> egui::Response {
    let t = i18n::s();
    let text = if on {
        format!("✔ {tag}")
    } else {
        tag.to_string()
    };
    let r = ui
        .add(
            egui::Button::selectable(on, text)
                .frame_when_inactive(true)
                .corner_radius(10.0),
        )
        .on_hover_text(fill(
            if on {
                t.options_tag_on_hover
            } else {
                t.options_tag_off_hover
            },
            &[&tag],
        ));
    ui.ctx().accesskit_node_builder(r.id, |node| {
        node.set_label(tag);
        node.set_toggled(if on {
            egui::accesskit::Toggled::True
        } else {
            egui::accesskit::Toggled::False
        });
    });
    r
}

/// "cost 4 effort units", or "cost 4 of a budget of 20 effort units", in the scenario's unit.
fn cost_text(cost: f64, budget: Option<f64>, unit: &str) -> String {
    let t = i18n::s();
    let unit = if unit.is_empty() {
        t.options_units
    } else {
        unit
    };
    match budget {
        Some(b) => fill(t.options_cost_of_budget, &[&cost, &b, &unit]),
        None => fill(t.options_cost, &[&cost, &unit]),
    }
}

fn option_card(ui: &mut Ui, s: &Scenario, i: usize, out: &mut Vec<Command>) {
    let t = i18n::s();
    let lang = i18n::lang();
    let o = &s.options[i];
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        // The Edit button at the top right of every card; the rest of the line is wrapped, so
        // that a long name, source and cost (large type on a projector) take a second line
        // rather than widening the card past the view.
        ui.horizontal_top(|ui| {
            let e = editors::t();
            let font = egui::TextStyle::Small.resolve(ui.style());
            let button_w = ui.fonts_mut(|f| {
                f.layout_no_wrap(e.option_edit_button.into(), font, egui::Color32::WHITE)
                    .size()
                    .x
            }) + 2.0 * ui.spacing().button_padding.x
                + 2.0 * ui.spacing().item_spacing.x;
            let rest = (ui.available_width() - button_w).max(80.0);
            let wrapped = egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true);
            ui.allocate_ui_with_layout(egui::vec2(rest, 0.0), wrapped, |ui| {
                ui.set_width(rest);
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                ui.painter().rect_filled(rect, 2.0, theme::option_colour(i));
                ui.label(RichText::new(o.name_in(lang)).strong().size(16.0));
                ui.label(RichText::new(o.provenance.to_string()).weak());
                if let Some(cost) = o.cost {
                    ui.label(
                        RichText::new(cost_text(cost, s.settings.budget, &s.settings.cost_unit))
                            .weak(),
                    )
                    .on_hover_text(t.options_cost_hover);
                }
            });
            let edit = ui
                .small_button(e.option_edit_button)
                .on_hover_text(e.option_edit_hover);
            // "Edit…" alone says nothing to a screen reader among many cards: name the option.
            let name = format!("{} {}", e.option_edit_button, o.name_in(lang));
            ui.ctx()
                .accesskit_node_builder(edit.id, move |node| node.set_label(name));
            if edit.clicked() {
                out.push(Command::OpenEditor(EditorRequest::Option(o.id.clone())));
            }
        });
        if !o.description.is_empty() {
            ui.label(o.description_in(lang));
        }
        if !o.tags.is_empty() {
            ui.horizontal_wrapped(|ui| {
                for t in &o.tags {
                    ui.label(
                        RichText::new(t)
                            .small()
                            .background_color(ui.visuals().faint_bg_color),
                    );
                }
            });
        }
        if !s.principles.is_empty() {
            egui::CollapsingHeader::new(fill(
                t.options_principles_served,
                &[&o.principles.len(), &s.principles.len()],
            ))
            .id_salt(("principles", &o.id))
            .show(ui, |ui| {
                for p in &s.principles {
                    let served = o.principles.contains(&p.id);
                    let mark = if served { "✔" } else { "—" };
                    let text = format!("{mark} {}", p.name_in(lang));
                    let mut label = RichText::new(text);
                    if !served {
                        label = label.weak();
                    }
                    let r = ui.label(label);
                    if let Some(pv) = &p.provenance {
                        r.on_hover_text(pv.to_string());
                    }
                }
            });
        }
    });
}
