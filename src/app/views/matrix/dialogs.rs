//! The structural dialogs: add an option, add a criterion, rename and remove either. The two
//! add dialogs share one flow ([`add`]): name and short label first, then the fields of their
//! own ([`NewItem`]), and an id derived from the name so it never clashes.

use egui::{RichText, TextEdit, Ui};

use super::form::{
    Reply, checked, entered, focus_all, grid, modal, outcome, parse_number, text_row,
};
use super::{Outcome, Thing};
use crate::files::csv_import::slug;
use crate::i18n::{self, fill};
use crate::scenario::edit::Edit;
use crate::scenario::model::{
    Criterion, Direction, PolicyOption, Provenance, Scale, Scenario, unique_id,
};

/// The provenance of an option added here when the user names no document.
const ADDED_HERE: &str = "added in Tideline";

/// What an add dialog asks beyond name and short label, and how it makes the new item.
pub(super) trait NewItem {
    const THING: Thing;
    /// Id of the modal; its grid is `"{SALT}-grid"`.
    const SALT: &'static str;
    /// The texts of the dialog, in the current language: heading, a line under it on what the
    /// new item starts with, and the hints of the name and short label fields.
    fn texts() -> Texts;

    /// The grid rows after name and short label; true when Enter ended input in one of them.
    fn rows(&mut self, ui: &mut Ui, s: &Scenario) -> bool;

    /// The edit that adds the item, or what is wrong with a field.
    fn edit(&self, id: String, name: &str, short: &str) -> Result<Edit, String>;
}

/// The words of one add dialog.
pub(super) struct Texts {
    heading: &'static str,
    intro: &'static str,
    name_hint: &'static str,
    short_hint: &'static str,
}

/// An add dialog's state: the fields every new item has, and `F`'s own.
pub(super) struct AddForm<F> {
    name: String,
    short: String,
    error: Option<String>,
    /// The first frame: focus the name.
    fresh: bool,
    fields: F,
}

impl<F> AddForm<F> {
    pub(super) fn new(fields: F) -> Self {
        Self {
            name: String::new(),
            short: String::new(),
            error: None,
            fresh: true,
            fields,
        }
    }
}

/// The "add option" dialog's own fields.
#[derive(Default)]
pub(super) struct AddOption {
    cluster: String,
    document: String,
    paragraph: String,
}

impl NewItem for AddOption {
    const THING: Thing = Thing::Option;
    const SALT: &'static str = "matrix-add-option";

    fn texts() -> Texts {
        let t = i18n::s();
        Texts {
            heading: t.add_option_heading,
            intro: t.add_option_intro,
            name_hint: t.add_option_name_hint,
            short_hint: t.add_option_short_hint,
        }
    }

    fn rows(&mut self, ui: &mut Ui, s: &Scenario) -> bool {
        let t = i18n::s();
        let lang = i18n::lang();
        let l = ui.label(t.add_cluster);
        let current = s
            .clusters
            .iter()
            .find(|k| k.id == self.cluster)
            .map_or(t.add_none, |k| k.name_in(lang));
        egui::ComboBox::from_id_salt("matrix-add-option-cluster")
            .selected_text(current)
            .width(320.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.cluster, String::new(), t.add_none);
                for k in &s.clusters {
                    ui.selectable_value(&mut self.cluster, k.id.clone(), k.name_in(lang));
                }
            })
            .response
            .labelled_by(l.id);
        ui.end_row();
        let r = text_row(
            ui,
            t.add_source_document,
            &mut self.document,
            ADDED_HERE,
            320.0,
        );
        let mut apply = entered(ui, &r);
        let r = text_row(
            ui,
            t.add_paragraph,
            &mut self.paragraph,
            t.add_paragraph_hint,
            320.0,
        );
        apply |= entered(ui, &r);
        apply
    }

    fn edit(&self, id: String, name: &str, short: &str) -> Result<Edit, String> {
        let document = self.document.trim();
        let option = PolicyOption {
            id,
            name: name.to_string(),
            short: short.to_string(),
            cluster: self.cluster.clone(),
            description: String::new(),
            provenance: Provenance {
                document: if document.is_empty() {
                    ADDED_HERE.to_string()
                } else {
                    document.to_string()
                },
                paragraph: self.paragraph.trim().to_string(),
            },
            tags: Vec::new(),
            principles: Vec::new(),
            cost: None,
            interactions: Vec::new(),
            i18n: Default::default(),
        };
        Ok(Edit::AddOption(Box::new(option)))
    }
}

/// The "add criterion" dialog's own fields.
pub(super) struct AddCriterion {
    family: String,
    direction: Direction,
    min: String,
    max: String,
    unit: String,
    description: String,
}

impl AddCriterion {
    /// A benefit on a 0–10 point scale in the first family: the commonest case.
    pub(super) fn new(s: &Scenario) -> Self {
        Self {
            family: s.families.first().map_or(String::new(), |f| f.id.clone()),
            direction: Direction::Maximize,
            min: "0".into(),
            max: "10".into(),
            unit: i18n::s().add_unit_points.into(),
            description: String::new(),
        }
    }
}

impl NewItem for AddCriterion {
    const THING: Thing = Thing::Criterion;
    const SALT: &'static str = "matrix-add-criterion";

    fn texts() -> Texts {
        let t = i18n::s();
        Texts {
            heading: t.add_criterion_heading,
            intro: t.add_criterion_intro,
            name_hint: t.add_criterion_name_hint,
            short_hint: t.add_short_hint,
        }
    }

    fn rows(&mut self, ui: &mut Ui, s: &Scenario) -> bool {
        let t = i18n::s();
        let lang = i18n::lang();
        let mut apply = false;
        let l = ui.label(t.add_family);
        egui::ComboBox::from_id_salt("matrix-add-criterion-family")
            .selected_text(s.family_name_in(&self.family, lang))
            .width(320.0)
            .show_ui(ui, |ui| {
                for f in &s.families {
                    ui.selectable_value(&mut self.family, f.id.clone(), f.name_in(lang));
                }
            })
            .response
            .labelled_by(l.id);
        ui.end_row();
        ui.label(t.add_direction);
        ui.horizontal(|ui| {
            ui.radio_value(
                &mut self.direction,
                Direction::Maximize,
                t.add_more_is_better,
            );
            ui.radio_value(
                &mut self.direction,
                Direction::Minimize,
                t.add_less_is_better,
            );
        });
        ui.end_row();
        ui.label(t.add_scale);
        ui.horizontal(|ui| {
            let mut number = |ui: &mut Ui, label: &str, text: &mut String, width: f32| {
                let l = ui.label(label);
                let r = ui
                    .add(TextEdit::singleline(text).desired_width(width))
                    .labelled_by(l.id);
                apply |= entered(ui, &r);
            };
            number(ui, t.add_from, &mut self.min, 56.0);
            number(ui, t.add_to, &mut self.max, 56.0);
            number(ui, t.add_unit, &mut self.unit, 110.0);
        });
        ui.end_row();
        let r = text_row(
            ui,
            t.add_description,
            &mut self.description,
            t.add_description_hint,
            320.0,
        );
        apply |= entered(ui, &r);
        apply
    }

    fn edit(&self, id: String, name: &str, short: &str) -> Result<Edit, String> {
        let t = i18n::s();
        let needed = |what: &str| fill(t.form_needed, &[&what]);
        let min =
            parse_number(&self.min, t.add_scale_from)?.ok_or_else(|| needed(t.add_scale_from))?;
        let max = parse_number(&self.max, t.add_scale_to)?.ok_or_else(|| needed(t.add_scale_to))?;
        let criterion = Criterion {
            id,
            name: name.to_string(),
            short: short.to_string(),
            family: self.family.clone(),
            description: self.description.trim().to_string(),
            direction: self.direction,
            scale: Scale {
                min,
                max,
                unit: self.unit.trim().to_string(),
            },
            provenance: None,
            value_function: None,
            outranking: None,
            i18n: Default::default(),
        };
        Ok(Edit::AddCriterion(Box::new(criterion)))
    }
}

/// An add dialog: the shared frame and name rows around `F`'s fields. A name is required; the
/// id is the name's slug, made unique among the items of its kind.
pub(super) fn add<F: NewItem>(ui: &mut Ui, s: &Scenario, form: &mut AddForm<F>) -> Outcome {
    let fresh = std::mem::take(&mut form.fresh);
    let grid_salt = format!("{}-grid", F::SALT);
    let (t, words) = (i18n::s(), F::texts());
    let reply = modal(
        ui,
        F::SALT,
        words.heading,
        t.add,
        form.error.as_ref(),
        |ui| {
            ui.label(RichText::new(words.intro).weak());
            ui.add_space(6.0);
            grid(ui, &grid_salt, |ui| {
                let r = text_row(ui, t.name, &mut form.name, words.name_hint, 320.0);
                if fresh {
                    r.request_focus();
                }
                let mut apply = entered(ui, &r);
                let r = text_row(ui, t.short_label, &mut form.short, words.short_hint, 320.0);
                apply |= entered(ui, &r);
                apply |= form.fields.rows(ui, s);
                apply
            })
        },
    );
    match reply {
        Reply::Cancel => return Outcome::Close,
        Reply::Waiting => return Outcome::Keep,
        Reply::Apply => {}
    }
    let name = form.name.trim();
    if name.is_empty() {
        form.error = Some(fill(t.form_give_name, &[&F::THING.word()]));
        return Outcome::Keep;
    }
    let id = unique_id(&slug(name), |id| F::THING.names(s, id).is_some());
    let edit = form.fields.edit(id, name, form.short.trim());
    outcome(edit.and_then(|e| checked(s, e)), &mut form.error)
}

/// The rename dialog's state: name and short label, starting from the current ones.
pub(super) struct RenameForm {
    what: Thing,
    id: String,
    name: String,
    short: String,
    error: Option<String>,
    /// The first frame: focus the name and select it.
    fresh: bool,
}

impl RenameForm {
    /// `None` when the item is gone.
    pub(super) fn new(s: &Scenario, what: Thing, id: String) -> Option<Self> {
        let (name, short) = what.names(s, &id)?;
        Some(Self {
            what,
            name: name.to_string(),
            short: short.to_string(),
            id,
            error: None,
            fresh: true,
        })
    }
}

pub(super) fn rename(ui: &mut Ui, s: &Scenario, form: &mut RenameForm) -> Outcome {
    let Some((old, old_short)) = form
        .what
        .names(s, &form.id)
        .filter(|(name, _)| !name.is_empty())
    else {
        return Outcome::Close; // gone meanwhile (undo)
    };
    let first = std::mem::take(&mut form.fresh);
    let t = i18n::s();
    let heading = fill(t.rename_heading, &[&form.what.word()]);
    let reply = modal(
        ui,
        "matrix-rename",
        &heading,
        t.rename,
        form.error.as_ref(),
        |ui| {
            ui.add_space(6.0);
            let apply = grid(ui, "matrix-rename-grid", |ui| {
                let r = text_row(ui, t.name, &mut form.name, "", 340.0);
                if first {
                    focus_all(ui, &r, &form.name);
                }
                let mut apply = entered(ui, &r);
                let r = text_row(ui, t.short_label, &mut form.short, t.add_short_hint, 340.0);
                apply |= entered(ui, &r);
                apply
            });
            ui.label(RichText::new(t.rename_note).small().weak());
            apply
        },
    );
    match reply {
        Reply::Cancel => return Outcome::Close,
        Reply::Waiting => return Outcome::Keep,
        Reply::Apply => {}
    }
    let (name, short) = (form.name.trim().to_string(), form.short.trim().to_string());
    if name == old && short == old_short {
        return Outcome::Close;
    }
    let id = form.id.clone();
    let e = match form.what {
        Thing::Option => Edit::RenameOption { id, name, short },
        Thing::Criterion => Edit::RenameCriterion { id, name, short },
    };
    outcome(checked(s, e), &mut form.error)
}

/// The remove dialog's state: what to remove, and why it could not be.
pub(super) struct RemoveForm {
    what: Thing,
    id: String,
    error: Option<String>,
}

impl RemoveForm {
    pub(super) fn new(what: Thing, id: String) -> Self {
        Self {
            what,
            id,
            error: None,
        }
    }
}

/// Asks before removing, saying what goes with the item (its values, a criterion's weights).
pub(super) fn remove(ui: &mut Ui, s: &Scenario, form: &mut RemoveForm) -> Outcome {
    let (what, id) = (form.what, form.id.as_str());
    let Some((name, _)) = what.names(s, id) else {
        return Outcome::Close;
    };
    let values = s
        .performance
        .iter()
        .filter(|c| match what {
            Thing::Option => c.option == id,
            Thing::Criterion => c.criterion == id,
        })
        .filter(|c| c.value.is_some())
        .count();
    let t = i18n::s();
    let heading = fill(t.remove_heading, &[&what.word()]);
    let reply = modal(
        ui,
        "matrix-remove",
        &heading,
        t.remove,
        form.error.as_ref(),
        |ui| {
            ui.add_space(4.0);
            ui.label(RichText::new(name).strong());
            let also = match what {
                Thing::Option => fill(t.remove_option_values, &[&values]),
                Thing::Criterion => fill(t.remove_criterion_values, &[&values]),
            };
            ui.label(fill(t.remove_undo_note, &[&also]));
            false
        },
    );
    match reply {
        Reply::Cancel => return Outcome::Close,
        Reply::Waiting => return Outcome::Keep,
        Reply::Apply => {}
    }
    let e = match what {
        Thing::Option => Edit::RemoveOption(id.to_string()),
        Thing::Criterion => Edit::RemoveCriterion(id.to_string()),
    };
    outcome(checked(s, e), &mut form.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_new_items_are_unique() {
        let taken = ["a", "a-2"];
        assert_eq!(unique_id("b", |id| taken.contains(&id)), "b");
        assert_eq!(unique_id("a", |id| taken.contains(&id)), "a-3");
    }
}
