//! The option editor: every field of one option — names and description beside their
//! translations, cluster, provenance, cost, tags, the principles it serves and its
//! interactions with other options — sent as one [`Edit::ReplaceOption`]. The id stays.
//!
//! The fields are kept as typed. A problem found in them, or a refusal by the scenario's
//! checks, leaves the scenario as it was and the text where it was, and marks the field.

use egui::{RichText, Ui};

use super::fields::{
    self, Reply, entered, grid, in_language, line, lines, mark, name_it, not_changed, parse_number,
    section,
};
use crate::i18n::{self, Lang, editors, fill};
use crate::scenario::edit::Edit;
use crate::scenario::model::{Interaction, PolicyOption, Scenario, Translation};

/// Which field holds the problem, to mark it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    Translation,
    Cluster,
    Document,
    Cost,
    Tag,
    Principles,
    Interaction(usize),
    /// A problem no one field holds.
    Whole,
}

/// Synergy (positive effect) or conflict (negative).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Synergy,
    Conflict,
}

/// One interaction as typed.
struct InteractionRow {
    with: String,
    kind: Kind,
    /// The size of the effect, 0 or more; its sign is the kind.
    size: String,
    note: String,
}

/// The option editor's fields, as typed.
pub struct OptionForm {
    id: String,
    name: String,
    short: String,
    description: String,
    translations: Vec<(Lang, Translation)>,
    cluster: String,
    document: String,
    paragraph: String,
    cost: String,
    tags: Vec<String>,
    new_tag: String,
    principles: Vec<String>,
    interactions: Vec<InteractionRow>,
    error: Option<(Field, String)>,
    /// Scroll the marked field into view when next drawn.
    reveal: bool,
}

impl OptionForm {
    pub fn new(o: &PolicyOption) -> Self {
        let interactions = o
            .interactions
            .iter()
            .map(|x| InteractionRow {
                with: x.with.clone(),
                kind: if x.effect < 0.0 {
                    Kind::Conflict
                } else {
                    Kind::Synergy
                },
                size: format!("{}", x.effect.abs()),
                note: x.note.clone(),
            })
            .collect();
        Self {
            id: o.id.clone(),
            name: o.name.clone(),
            short: o.short.clone(),
            description: o.description.clone(),
            translations: fields::other_languages(&o.i18n),
            cluster: o.cluster.clone(),
            document: o.provenance.document.clone(),
            paragraph: o.provenance.paragraph.clone(),
            cost: o.cost.map_or(String::new(), |c| format!("{c}")),
            tags: o.tags.clone(),
            new_tag: String::new(),
            principles: o.principles.clone(),
            interactions,
            error: None,
            reveal: false,
        }
    }

    /// The option the fields describe, built on `base` (the option as it is now), or the
    /// field at fault and why, in the interface language.
    fn option(&self, base: &PolicyOption) -> Result<PolicyOption, (Field, String)> {
        let (t, e) = (i18n::s(), editors::t());
        let mut o = base.clone();
        o.name = self.name.trim().to_string();
        if o.name.is_empty() {
            return Err((Field::Name, fill(t.form_give_name, &[&t.option_word])));
        }
        o.short = self.short.trim().to_string();
        o.description = self.description.trim().to_string();
        fields::write_languages(&mut o.i18n, &self.translations);
        o.cluster.clone_from(&self.cluster);
        o.provenance.document = self.document.trim().to_string();
        if o.provenance.document.is_empty() {
            return Err((Field::Document, e.option_cite_document.to_string()));
        }
        o.provenance.paragraph = self.paragraph.trim().to_string();
        o.cost = parse_number(&self.cost, e.option_cost).map_err(|why| (Field::Cost, why))?;
        if o.cost.is_some_and(|c| c < 0.0) {
            return Err((
                Field::Cost,
                fill(e.option_cost_negative, &[&self.cost.trim()]),
            ));
        }
        o.tags.clone_from(&self.tags);
        o.principles.clone_from(&self.principles);
        o.interactions = Vec::with_capacity(self.interactions.len());
        for (k, row) in self.interactions.iter().enumerate() {
            let at = |why: String| (Field::Interaction(k), why);
            if row.with.is_empty() {
                return Err(at(e.option_interaction_choose.to_string()));
            }
            let size = parse_number(&row.size, e.option_effect)
                .map_err(at)?
                .ok_or_else(|| at(fill(t.form_needed, &[&e.option_effect])))?;
            if size < 0.0 {
                return Err(at(e.option_effect_negative.to_string()));
            }
            o.interactions.push(Interaction {
                with: row.with.clone(),
                effect: match row.kind {
                    Kind::Synergy => size,
                    Kind::Conflict => -size,
                },
                note: row.note.trim().to_string(),
            });
        }
        Ok(o)
    }

    /// The field a problem the scenario's checks found belongs to, from its path
    /// (`options[3].interactions[1].with` → the second interaction).
    fn field_of(path: &str) -> Field {
        let rest = path.split_once("].").map_or("", |(_, r)| r);
        let index = |r: &str| {
            r.split_once('[')
                .and_then(|(_, r)| r.split_once(']'))
                .and_then(|(k, _)| k.parse().ok())
        };
        match rest.split(['.', '[']).next().unwrap_or("") {
            "name" | "short" | "description" => Field::Name,
            "i18n" => Field::Translation,
            "cluster" => Field::Cluster,
            "provenance" => Field::Document,
            "cost" => Field::Cost,
            "tags" => Field::Tag,
            "principles" => Field::Principles,
            "interactions" => index(rest).map_or(Field::Whole, Field::Interaction),
            _ => Field::Whole,
        }
    }

    /// Marks `r` if it is the field at fault.
    fn mark_if(&mut self, ui: &Ui, r: &egui::Response, field: Field) {
        if let Some((f, why)) = &self.error
            && *f == field
        {
            mark(ui, r, why, &mut self.reveal);
        }
    }
}

/// Draws the editor; returns whether it stays open.
pub fn show(ctx: &egui::Context, s: &Scenario, form: &mut OptionForm, out: &mut Vec<Edit>) -> bool {
    let Some(i) = s.option_index(&form.id) else {
        return false; // gone meanwhile (undo)
    };
    let base = &s.options[i];
    let e = editors::t();
    let title = fill(e.option_title, &[&base.name_in(i18n::lang())]);
    let error = form.error.as_ref().map(|(_, why)| not_changed(why));
    let reply = fields::window(ctx, "option-editor", &title, error.as_ref(), |ui| {
        body(ui, s, form)
    });
    match reply {
        Reply::Cancel => false,
        Reply::Waiting => true,
        Reply::Apply => {
            let option = match form.option(base) {
                Ok(o) => o,
                Err(problem) => {
                    form.error = Some(problem);
                    form.reveal = true;
                    return true;
                }
            };
            if &option == base {
                return false; // nothing changed: no undo step
            }
            let edit = Edit::ReplaceOption(Box::new(option));
            match fields::check(s, &edit) {
                Ok(()) => {
                    out.push(edit);
                    false
                }
                Err((path, why)) => {
                    form.error = Some((OptionForm::field_of(&path), why));
                    form.reveal = true;
                    true
                }
            }
        }
    }
}

fn body(ui: &mut Ui, s: &Scenario, form: &mut OptionForm) -> bool {
    let (t, e, lang) = (i18n::s(), editors::t(), i18n::lang());
    let mut apply = false;
    ui.label(
        RichText::new(fill(e.option_id_is, &[&form.id]))
            .small()
            .weak(),
    );
    // Each text beside its translations: one column per language.
    let languages = 1 + form.translations.len();
    let label_w = fields::label_width(
        ui,
        &[
            t.name,
            t.short_label,
            t.add_description,
            t.add_cluster,
            t.add_source_document,
            t.add_paragraph,
            e.option_cost,
        ],
    );
    let gaps = 10.0 * languages as f32 + 8.0;
    let w = ((ui.available_width() - label_w - gaps) / languages as f32).max(120.0);
    grid(ui, "option-editor-names", 1 + languages, |ui| {
        fields::label(ui, "", label_w);
        ui.label(RichText::new(Lang::En.native_name()).weak());
        for (l, _) in &form.translations {
            ui.label(RichText::new(l.native_name()).weak());
        }
        ui.end_row();

        fields::label(ui, t.name, label_w);
        let r = line(ui, &mut form.name, t.name, "", w);
        form.mark_if(ui, &r, Field::Name);
        apply |= entered(ui, &r);
        for (l, tr) in &mut form.translations {
            let r = line(ui, &mut tr.name, &in_language(t.name, *l), "", w);
            apply |= entered(ui, &r);
        }
        ui.end_row();

        fields::label(ui, t.short_label, label_w);
        let r = line(ui, &mut form.short, t.short_label, e.option_short_hint, w);
        apply |= entered(ui, &r);
        for (l, tr) in &mut form.translations {
            let r = line(ui, &mut tr.short, &in_language(t.short_label, *l), "", w);
            apply |= entered(ui, &r);
        }
        ui.end_row();
    });
    // Outside the grid, whose rows centre their cells: boxes of several lines align at the top.
    fields::top_row(ui, |ui| {
        fields::label(ui, t.add_description, label_w);
        lines(ui, &mut form.description, t.add_description, w);
        for (l, tr) in &mut form.translations {
            let r = lines(
                ui,
                &mut tr.description,
                &in_language(t.add_description, *l),
                w,
            );
            form_mark_translation(ui, &r, &mut form.error, &mut form.reveal);
        }
    });

    section(ui, e.option_where_from);
    grid(ui, "option-editor-facts", 2, |ui| {
        let l = fields::label(ui, t.add_cluster, label_w);
        let current = s
            .clusters
            .iter()
            .find(|k| k.id == form.cluster)
            .map_or(t.add_none, |k| k.name_in(lang));
        let r = egui::ComboBox::from_id_salt("option-editor-cluster")
            .selected_text(current)
            .width(w.min(360.0))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.cluster, String::new(), t.add_none);
                for k in &s.clusters {
                    ui.selectable_value(&mut form.cluster, k.id.clone(), k.name_in(lang));
                }
            })
            .response
            .labelled_by(l.id);
        form.mark_if(ui, &r, Field::Cluster);
        ui.end_row();

        fields::label(ui, t.add_source_document, label_w);
        let r = line(
            ui,
            &mut form.document,
            t.add_source_document,
            "",
            w.min(360.0),
        );
        form.mark_if(ui, &r, Field::Document);
        apply |= entered(ui, &r);
        ui.end_row();

        fields::label(ui, t.add_paragraph, label_w);
        let r = line(
            ui,
            &mut form.paragraph,
            t.add_paragraph,
            t.add_paragraph_hint,
            w.min(360.0),
        );
        apply |= entered(ui, &r);
        ui.end_row();

        fields::label(ui, e.option_cost, label_w);
        ui.horizontal(|ui| {
            let r = line(ui, &mut form.cost, e.option_cost, e.option_cost_hint, 90.0);
            form.mark_if(ui, &r, Field::Cost);
            apply |= entered(ui, &r);
            let unit = if s.settings.cost_unit.is_empty() {
                t.options_units
            } else {
                &s.settings.cost_unit
            };
            ui.label(RichText::new(unit).weak());
        });
        ui.end_row();
    });

    section(ui, e.option_tags);
    tags(ui, s, form);

    section(ui, e.option_principles);
    principles(ui, s, form);

    section(ui, e.option_interactions);
    ui.label(RichText::new(e.option_interactions_note).small().weak());
    apply |= interactions(ui, s, form);
    apply
}

/// Marks a translation field when the problem is in a translation.
fn form_mark_translation(
    ui: &Ui,
    r: &egui::Response,
    error: &mut Option<(Field, String)>,
    reveal: &mut bool,
) {
    if let Some((Field::Translation, why)) = error {
        mark(ui, r, why, reveal);
    }
}

/// The option's tags, each with a button that takes it off, and a field to add one.
fn tags(ui: &mut Ui, s: &Scenario, form: &mut OptionForm) {
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
fn principles(ui: &mut Ui, s: &Scenario, form: &mut OptionForm) {
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
fn interactions(ui: &mut Ui, s: &Scenario, form: &mut OptionForm) -> bool {
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
                    })
                    .width(100.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut row.kind, Kind::Synergy, e.option_synergy);
                        ui.selectable_value(&mut row.kind, Kind::Conflict, e.option_conflict);
                    })
                    .response;
                name_it(ui, &r, &fill(e.option_kind_n, &[&(k + 1)]));
                let r = line(
                    ui,
                    &mut row.size,
                    &fill(e.option_effect_n, &[&(k + 1)]),
                    "0.03",
                    60.0,
                );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::scenario_file::default_scenario;

    #[test]
    fn the_fields_give_back_every_option_exactly() {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        for o in &s.options {
            let form = OptionForm::new(o);
            assert_eq!(form.option(o).as_ref(), Ok(o), "{}", o.id);
        }
    }

    #[test]
    fn problems_are_found_in_the_field_that_holds_them() {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let o = &s.options[0];
        let mut form = OptionForm::new(o);
        form.cost = "-2".into();
        assert_eq!(form.option(o).err().map(|p| p.0), Some(Field::Cost));
        form.cost = "2".into();
        form.interactions.push(InteractionRow {
            with: String::new(),
            kind: Kind::Conflict,
            size: "0.1".into(),
            note: String::new(),
        });
        let k = form.interactions.len() - 1;
        assert_eq!(
            form.option(o).err().map(|p| p.0),
            Some(Field::Interaction(k))
        );
        form.interactions[k].with = s.options[1].id.clone();
        let built = form.option(o).unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(built.interactions[k].effect, -0.1);
        for (path, field) in [
            ("options[3].cost", Field::Cost),
            ("options[3].interactions[2].with", Field::Interaction(2)),
            ("options[3].i18n[\"zh-CN\"].name", Field::Translation),
            ("options[3].provenance.document", Field::Document),
            ("options", Field::Whole),
        ] {
            assert_eq!(OptionForm::field_of(path), field, "{path}");
        }
    }
}
