//! The option editor: every field of one option — names and description beside their
//! translations, cluster, provenance, cost, tags, the principles it serves and its
//! interactions with other options — sent as one [`Edit::ReplaceOption`]. The id stays.
//!
//! The fields are kept as typed. A problem found in them, or a refusal by the scenario's
//! checks, leaves the scenario as it was and the text where it was, and marks the field.

mod lists;

use egui::{RichText, Ui};

use super::fields::{
    self, Reply, entered, grid, in_language, line, lines, mark, not_changed, parse_number, section,
};
use crate::i18n::{self, Lang, editors, fill};
use crate::scenario::edit::Edit;
use crate::scenario::model::{Interaction, PolicyOption, Relation, Scenario, Translation};

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

/// Synergy (positive effect), conflict (negative), or one of the portfolio's relations, which
/// carry no effect: never both (excludes), this one only with that one (requires).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Synergy,
    Conflict,
    Excludes,
    Requires,
}

impl Kind {
    /// Whether the kind carries an effect size.
    fn has_effect(self) -> bool {
        matches!(self, Kind::Synergy | Kind::Conflict)
    }
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
                kind: match x.relation {
                    Relation::Excludes => Kind::Excludes,
                    Relation::Requires => Kind::Requires,
                    Relation::Effect if x.effect < 0.0 => Kind::Conflict,
                    Relation::Effect => Kind::Synergy,
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
            if self.interactions[..k].iter().any(|r| r.with == row.with) {
                return Err(at(e.option_interaction_twice.to_string()));
            }
            let (relation, effect) = match row.kind {
                Kind::Excludes => (Relation::Excludes, 0.0),
                Kind::Requires => (Relation::Requires, 0.0),
                kind => {
                    let size = parse_number(&row.size, e.option_effect)
                        .map_err(at)?
                        .ok_or_else(|| at(fill(t.form_needed, &[&e.option_effect])))?;
                    if size < 0.0 {
                        return Err(at(e.option_effect_negative.to_string()));
                    }
                    let sign = if kind == Kind::Conflict { -1.0 } else { 1.0 };
                    (Relation::Effect, sign * size)
                }
            };
            o.interactions.push(Interaction {
                with: row.with.clone(),
                relation,
                effect,
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
    lists::tags(ui, s, form);

    section(ui, e.option_principles);
    lists::principles(ui, s, form);

    section(ui, e.option_interactions);
    ui.label(RichText::new(e.option_interactions_note).small().weak());
    apply |= lists::interactions(ui, s, form);
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
        // A second effect for the same pair is refused on the second row.
        form.interactions.push(InteractionRow {
            with: s.options[1].id.clone(),
            kind: Kind::Synergy,
            size: "0.1".into(),
            note: String::new(),
        });
        assert_eq!(
            form.option(o).err().map(|p| p.0),
            Some(Field::Interaction(k + 1))
        );
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
