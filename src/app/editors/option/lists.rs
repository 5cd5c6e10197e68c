//! The option editor's lists: tags (taken off, typed or picked from those in use), the
//! checklist of principles, and the interactions with other options.

use egui::{RichText, Ui};

use super::super::fields::{entered, grid, line, mark, name_it};
use super::{Field, InteractionRow, Kind, OptionForm};
use crate::i18n::{self, editors, fill};
use crate::scenario::model::Scenario;

/// The option's tags, each with a button that takes it off, and a field to add one.
pub(super) fn tags(ui: &mut Ui, s: &Scenario, form: &mut OptionForm) {
    let e = editors::t();
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        for (k, tag) in form.tags.iter().enumerate() {
            let r = ui
                .add(egui::Button::new(format!("{tag}  ✖")).corner_radius(10.0))
                .on_hover_text(fill(e.option_tag_remove, &[tag]));
            name_it(ui, &r, &fill(e.option_tag_remove, &[tag]));
            if r.clicked() {
                remove = Some(k);
            }
        }
        if form.tags.is_empty() {
            ui.label(RichText::new(e.option_no_tags).weak());
        }
    });
    if let Some(k) = remove {
        form.tags.remove(k);
    }
    ui.horizontal(|ui| {
        let r = line(
            ui,
            &mut form.new_tag,
            e.option_new_tag,
            e.option_new_tag_hint,
            200.0,
        );
        let add = ui.button(e.option_add_tag).clicked() || entered(ui, &r);
        if let Some((Field::Tag, why)) = &form.error {
            mark(ui, &r, why, &mut form.reveal);
        }
        // Tags used by other options, one click away.
        let others: std::collections::BTreeSet<&str> = s
            .options
            .iter()
            .flat_map(|o| o.tags.iter().map(String::as_str))
            .filter(|t| !form.tags.iter().any(|mine| mine == t))
            .collect();
        let mut picked = None;
        if !others.is_empty() {
            let r = egui::ComboBox::from_id_salt("option-editor-known-tags")
                .selected_text(e.option_known_tags)
                .show_ui(ui, |ui| {
                    for tag in others {
                        if ui.selectable_label(false, tag).clicked() {
                            picked = Some(tag.to_string());
                        }
                    }
                })
                .response;
            name_it(ui, &r, e.option_known_tags);
        }
        let typed = form.new_tag.trim().to_string();
        let new = picked.or((add && !typed.is_empty()).then_some(typed));
        if let Some(tag) = new {
            if !form.tags.contains(&tag) {
                form.tags.push(tag);
            }
            form.new_tag.clear();
            if add {
                r.request_focus();
            }
        }
    });
}

/// A checklist of the scenario's principles. Ticked ones keep the order they had; newly
/// ticked ones follow in the scenario's order, so an untouched list is written back as it was.
pub(super) fn principles(ui: &mut Ui, s: &Scenario, form: &mut OptionForm) {
    let lang = i18n::lang();
    if s.principles.is_empty() {
        ui.label(RichText::new(editors::t().option_no_principles).weak());
        return;
    }
    let mut flagged = None;
    for p in &s.principles {
        let mut on = form.principles.contains(&p.id);
        let r = ui.checkbox(&mut on, p.name_in(lang));
        let r = match &p.provenance {
            Some(pv) => r.on_hover_text(pv.to_string()),
            None => r,
        };
        if r.changed() {
            if on {
                form.principles.push(p.id.clone());
            } else {
                form.principles.retain(|id| id != &p.id);
            }
        }
        flagged.get_or_insert(r);
    }
    // A principle ticked in the file but no longer declared: say so, and offer to untick it.
    let unknown: Vec<String> = form
        .principles
        .iter()
        .filter(|id| !s.principles.iter().any(|p| &p.id == *id))
        .cloned()
        .collect();
    for id in unknown {
        let mut on = true;
        if ui
            .checkbox(&mut on, fill(editors::t().option_unknown_principle, &[&id]))
            .changed()
        {
            form.principles.retain(|p| p != &id);
        }
    }
    if let Some(r) = flagged
        && let Some((Field::Principles, why)) = &form.error
    {
        mark(ui, &r, why, &mut form.reveal);
    }
}

/// The option's interactions: a row each (other option, synergy or conflict, size, note, a
/// button to take it off), a button to add one, and the pairs other options declare with it.
pub(super) fn interactions(ui: &mut Ui, s: &Scenario, form: &mut OptionForm) -> bool {
    let (e, lang) = (editors::t(), i18n::lang());
    let mut apply = false;
    let mut remove = None;
    let name_of = |id: &str| {
        s.option_index(id)
            .map_or(id.to_string(), |i| s.options[i].label_in(lang).to_string())
    };
    // The note takes what the other columns (and the gaps between them) leave.
    let note_w =
        (ui.available_width() - 170.0 - 100.0 - 60.0 - 30.0 - 4.0 * 10.0 - 24.0).max(140.0);
    if !form.interactions.is_empty() {
        grid(ui, "option-editor-interactions", 5, |ui| {
            for label in [
                e.option_with,
                e.option_kind,
                e.option_effect,
                e.option_note,
                "",
            ] {
                ui.label(RichText::new(label).weak());
            }
            ui.end_row();
            for (k, row) in form.interactions.iter_mut().enumerate() {
                let with = if row.with.is_empty() {
                    e.option_choose.to_string()
                } else {
                    name_of(&row.with)
                };
                let r = egui::ComboBox::from_id_salt(("option-editor-with", k))
                    .selected_text(with)
                    .width(170.0)
                    .show_ui(ui, |ui| {
                        for o in s.options.iter().filter(|o| o.id != form.id) {
                            ui.selectable_value(&mut row.with, o.id.clone(), o.label_in(lang));
                        }
                    })
                    .response;
                name_it(ui, &r, &fill(e.option_with_n, &[&(k + 1)]));
                let bad = matches!(&form.error, Some((Field::Interaction(j), _)) if *j == k);
                if bad && let Some((_, why)) = &form.error {
                    mark(ui, &r, why, &mut form.reveal);
                }
                let r = egui::ComboBox::from_id_salt(("option-editor-kind", k))
                    .selected_text(match row.kind {
                        Kind::Synergy => e.option_synergy,
                        Kind::Conflict => e.option_conflict,
                        Kind::Excludes => e.option_excludes,
                        Kind::Requires => e.option_requires,
                    })
                    .width(100.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut row.kind, Kind::Synergy, e.option_synergy);
                        ui.selectable_value(&mut row.kind, Kind::Conflict, e.option_conflict);
                        ui.selectable_value(&mut row.kind, Kind::Excludes, e.option_excludes)
                            .on_hover_text(e.option_excludes_hover);
                        ui.selectable_value(&mut row.kind, Kind::Requires, e.option_requires)
                            .on_hover_text(e.option_requires_hover);
                    })
                    .response;
                name_it(ui, &r, &fill(e.option_kind_n, &[&(k + 1)]));
                // Exclusions and requirements have no size: the field is greyed out.
                let r = ui
                    .add_enabled_ui(row.kind.has_effect(), |ui| {
                        line(
                            ui,
                            &mut row.size,
                            &fill(e.option_effect_n, &[&(k + 1)]),
                            "0.03",
                            60.0,
                        )
                    })
                    .inner;
                apply |= entered(ui, &r);
                let r = line(
                    ui,
                    &mut row.note,
                    &fill(e.option_note_n, &[&(k + 1)]),
                    e.option_note_hint,
                    note_w,
                );
                apply |= entered(ui, &r);
                let r = ui
                    .small_button("✖")
                    .on_hover_text(e.option_interaction_remove);
                name_it(ui, &r, &fill(e.option_interaction_remove_n, &[&(k + 1)]));
                if r.clicked() {
                    remove = Some(k);
                }
                ui.end_row();
            }
        });
    }
    if let Some(k) = remove {
        form.interactions.remove(k);
        form.error = None;
    }
    if ui.button(e.option_add_interaction).clicked() {
        form.interactions.push(InteractionRow {
            with: String::new(),
            kind: Kind::Synergy,
            size: String::new(),
            note: String::new(),
        });
    }
    // A pair is written once, on one of its options: show those written on the others.
    let elsewhere: Vec<String> = s
        .options
        .iter()
        .flat_map(|o| o.interactions.iter().map(move |x| (o, x)))
        .filter(|(_, x)| x.with == form.id)
        .map(|(o, x)| format!("{} ({:+})", o.label_in(lang), x.effect))
        .collect();
    if !elsewhere.is_empty() {
        ui.label(
            RichText::new(fill(e.option_declared_elsewhere, &[&elsewhere.join(", ")]))
                .small()
                .weak(),
        );
    }
    apply
}
