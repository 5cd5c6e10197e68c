//! Choosing the compared options when there are too many for a strip of check boxes (1,000
//! check boxes filled the view): the chosen options as chips that remove themselves when
//! clicked, and "Add an option…", a list that a search narrows and that lays out only the
//! rows in sight.

use egui::{PopupCloseBehavior, RichText, Ui};

use super::{CompareState, MAX_CHOSEN, SWATCH};
use crate::app::theme;
use crate::i18n::{self, fill};
use crate::scenario::model::Scenario;

/// With more options than this, the view offers the picker instead of check boxes.
pub(super) const CHECK_BOXES_UP_TO: usize = 24;

/// Height of the list of options under "Add an option…", in rows.
const LIST_ROWS: f32 = 12.0;

/// The chosen options' chips and the "Add an option…" list.
pub(super) fn picker(ui: &mut Ui, s: &Scenario, state: &mut CompareState) {
    let tx = i18n::compare::t();
    let lang = i18n::lang();
    let chosen = state.chosen.get_or_insert_with(Vec::new);
    let mut remove = None;
    let mut add = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(i18n::s().compare_options);
        for id in chosen.iter() {
            let Some(i) = s.option_index(id) else {
                continue;
            };
            let o = &s.options[i];
            let swatch = crate::app::views::swatch_atom(theme::option_colour(i), SWATCH);
            let label = o.label_in(lang);
            let r = ui
                .add(egui::Button::new((swatch, label, "✖")).corner_radius(10.0))
                .on_hover_text(format!(
                    "{}\n{}",
                    o.name_in(lang),
                    fill(tx.picker_remove_hover, &[&label])
                ));
            let name = fill(tx.picker_remove, &[&label]);
            ui.ctx()
                .accesskit_node_builder(r.id, |node| node.set_label(name.as_str()));
            if r.clicked() {
                remove = Some(id.clone());
            }
        }
        if chosen.len() >= MAX_CHOSEN {
            ui.label(RichText::new(fill(tx.picker_full, &[&MAX_CHOSEN])).weak());
        } else {
            add = add_list(ui, s, chosen, &mut state.search);
        }
    });
    if let Some(id) = remove {
        chosen.retain(|c| c != &id);
    }
    if let Some(id) = add {
        chosen.push(id);
        state.search.clear();
    }
    state.note = None;
}

/// "Add an option…": a search field over the options not yet chosen; the id picked, if any.
fn add_list(ui: &mut Ui, s: &Scenario, chosen: &[String], search: &mut String) -> Option<String> {
    let tx = i18n::compare::t();
    let lang = i18n::lang();
    let mut picked = None;
    let row = ui.spacing().interact_size.y;
    let r = egui::ComboBox::from_id_salt("compare-add")
        .selected_text(tx.picker_add)
        .width(ui.text_style_height(&egui::TextStyle::Body) * 12.0)
        .height(row * (LIST_ROWS + 3.0))
        // Clicking into the search field must not close the list.
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            let field = ui.add(
                egui::TextEdit::singleline(search)
                    .hint_text(tx.picker_search_hint)
                    .desired_width(f32::INFINITY),
            );
            if !field.has_focus() && search.is_empty() {
                field.request_focus();
            }
            let needle = search.trim().to_lowercase();
            let matches: Vec<usize> = (0..s.options.len())
                .filter(|&i| {
                    let o = &s.options[i];
                    !chosen.contains(&o.id)
                        && (needle.is_empty()
                            || o.label_in(lang).to_lowercase().contains(&needle)
                            || o.name_in(lang).to_lowercase().contains(&needle)
                            || o.id.to_lowercase().contains(&needle))
                })
                .collect();
            let free = s.options.len() - chosen.len().min(s.options.len());
            ui.label(
                RichText::new(if matches.is_empty() {
                    tx.picker_none.to_string()
                } else {
                    fill(tx.picker_matches, &[&matches.len(), &free])
                })
                .weak(),
            );
            egui::ScrollArea::vertical()
                .max_height(row * LIST_ROWS)
                .auto_shrink([false, true])
                .show_rows(ui, row, matches.len(), |ui, range| {
                    for &i in &matches[range] {
                        let o = &s.options[i];
                        let swatch =
                            crate::app::views::swatch_atom(theme::option_colour(i), SWATCH);
                        let text = if o.label_in(lang) == o.name_in(lang) {
                            o.label_in(lang).to_string()
                        } else {
                            format!("{} — {}", o.label_in(lang), o.name_in(lang))
                        };
                        let r = ui.add(
                            egui::Button::selectable(false, (swatch, text))
                                .truncate()
                                .min_size(egui::vec2(ui.available_width(), row)),
                        );
                        if r.clicked() {
                            picked = Some(o.id.clone());
                            ui.close();
                        }
                    }
                });
            // Enter takes the first match.
            if field.lost_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
                && let Some(&i) = matches.first()
            {
                picked = Some(s.options[i].id.clone());
                ui.close();
            }
        });
    // Named for screen readers by what it does, not only by the text it shows.
    ui.ctx()
        .accesskit_node_builder(r.response.id, |node| node.set_label(tx.picker_add));
    r.response.on_hover_text(tx.picker_add_hover);
    picked
}
