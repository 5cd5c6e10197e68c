//! Edit › Families, clusters and principles…: the three lists an option or a criterion points
//! into. Each item's name, its name in every other language the window speaks, description
//! (families and clusters) and provenance; items added by id and removed while nothing uses
//! them. One Apply sends one `SetCatalogues` edit, one undo step.

use egui::{Button, RichText, TextEdit, Ui, vec2};

use super::Outcome;
use super::checks::{self, entered};
use crate::i18n::editors as e;
use crate::i18n::{Lang, fill};
use crate::scenario::edit::{self, Edit, InUse};
use crate::scenario::model::{
    Cluster, Family, Principle, Provenance, Scenario, Translation, Translations,
};

/// Which of the three lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Family,
    Cluster,
    Principle,
}

impl Kind {
    const ALL: [Kind; 3] = [Kind::Family, Kind::Cluster, Kind::Principle];

    fn heading(self) -> &'static str {
        let t = e::t();
        match self {
            Kind::Family => t.cat_families,
            Kind::Cluster => t.cat_clusters,
            Kind::Principle => t.cat_principles,
        }
    }

    /// The new-id field's label and the add button's.
    fn adding(self) -> (&'static str, &'static str) {
        let t = e::t();
        match self {
            Kind::Family => (t.cat_new_family, t.cat_add_family),
            Kind::Cluster => (t.cat_new_cluster, t.cat_add_cluster),
            Kind::Principle => (t.cat_new_principle, t.cat_add_principle),
        }
    }

    /// Principles have no description in the format.
    fn has_description(self) -> bool {
        self != Kind::Principle
    }

    /// Why the item `id` of the scenario cannot be removed, in the interface language.
    fn in_use(self, s: &Scenario, id: &str) -> Option<String> {
        let t = e::t();
        let why = match self {
            Kind::Family => edit::family_in_use(s, id),
            Kind::Cluster => edit::cluster_in_use(s, id),
            Kind::Principle => edit::principle_in_use(s, id),
        }?;
        Some(match why {
            InUse::Criteria(ids) => fill(t.cat_used_criteria, &[&ids.join(", ")]),
            InUse::Options(ids) => fill(t.cat_used_options, &[&ids.join(", ")]),
            InUse::PortfolioLimit => t.cat_used_limit.to_string(),
            InUse::Serving(ids) => fill(t.cat_used_serving, &[&ids.join(", ")]),
        })
    }
}

/// One item as typed.
struct Row {
    id: String,
    name: String,
    /// The name in every other language the window speaks.
    other: Vec<(Lang, String)>,
    description: String,
    document: String,
    paragraph: String,
    /// The translations as they were, for the fields this form does not show.
    i18n: Translations,
}

impl Row {
    fn new(
        id: &str,
        name: &str,
        description: &str,
        p: Option<&Provenance>,
        i18n: &Translations,
    ) -> Self {
        let other = Lang::ALL
            .into_iter()
            .filter(|l| *l != Lang::En)
            .map(|l| {
                (
                    l,
                    i18n.get(l.code()).map_or(String::new(), |t| t.name.clone()),
                )
            })
            .collect();
        Self {
            id: id.to_string(),
            name: name.to_string(),
            other,
            description: description.to_string(),
            document: p.map_or(String::new(), |p| p.document.clone()),
            paragraph: p.map_or(String::new(), |p| p.paragraph.clone()),
            i18n: i18n.clone(),
        }
    }

    fn name(&self) -> Result<String, String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(fill(e::t().cat_name_needed, &[&self.id]));
        }
        Ok(name.to_string())
    }

    fn provenance(&self) -> Result<Option<Provenance>, String> {
        let (document, paragraph) = (self.document.trim(), self.paragraph.trim());
        if document.is_empty() {
            if !paragraph.is_empty() {
                return Err(fill(e::t().cat_paragraph_alone, &[&self.id]));
            }
            return Ok(None);
        }
        Ok(Some(Provenance {
            document: document.to_string(),
            paragraph: paragraph.to_string(),
        }))
    }

    /// The translations with the typed names put in; an emptied translation goes.
    fn translations(&self) -> Translations {
        let mut all = self.i18n.clone();
        for (lang, name) in &self.other {
            let mut tr = all.get(lang.code()).cloned().unwrap_or_default();
            tr.name = name.trim().to_string();
            if tr == Translation::default() {
                all.remove(lang.code());
            } else {
                all.insert(lang.code().to_string(), tr);
            }
        }
        all
    }
}

/// One of the three lists as typed, with the id of an item about to be added.
struct Section {
    kind: Kind,
    rows: Vec<Row>,
    new_id: String,
}

/// The catalogue editor's fields, as typed.
pub(super) struct CataloguesForm {
    sections: Vec<Section>,
    error: Option<String>,
}

impl CataloguesForm {
    pub(super) fn new(s: &Scenario) -> Self {
        let rows = |kind| -> Vec<Row> {
            match kind {
                Kind::Family => (s.families.iter())
                    .map(|f| {
                        Row::new(
                            &f.id,
                            &f.name,
                            &f.description,
                            f.provenance.as_ref(),
                            &f.i18n,
                        )
                    })
                    .collect(),
                Kind::Cluster => (s.clusters.iter())
                    .map(|c| {
                        Row::new(
                            &c.id,
                            &c.name,
                            &c.description,
                            c.provenance.as_ref(),
                            &c.i18n,
                        )
                    })
                    .collect(),
                Kind::Principle => (s.principles.iter())
                    .map(|p| Row::new(&p.id, &p.name, "", p.provenance.as_ref(), &p.i18n))
                    .collect(),
            }
        };
        Self {
            sections: Kind::ALL
                .into_iter()
                .map(|kind| Section {
                    kind,
                    rows: rows(kind),
                    new_id: String::new(),
                })
                .collect(),
            error: None,
        }
    }

    fn rows(&self, kind: Kind) -> &[Row] {
        self.sections
            .iter()
            .find(|sec| sec.kind == kind)
            .map_or(&[], |sec| &sec.rows)
    }

    /// The edit the fields make, or why they cannot.
    fn edit(&self) -> Result<Edit, String> {
        let families = (self.rows(Kind::Family).iter())
            .map(|r| {
                Ok(Family {
                    id: r.id.clone(),
                    name: r.name()?,
                    description: r.description.trim().to_string(),
                    provenance: r.provenance()?,
                    i18n: r.translations(),
                })
            })
            .collect::<Result<_, String>>()?;
        let clusters = (self.rows(Kind::Cluster).iter())
            .map(|r| {
                Ok(Cluster {
                    id: r.id.clone(),
                    name: r.name()?,
                    description: r.description.trim().to_string(),
                    provenance: r.provenance()?,
                    i18n: r.translations(),
                })
            })
            .collect::<Result<_, String>>()?;
        let principles = (self.rows(Kind::Principle).iter())
            .map(|r| {
                Ok(Principle {
                    id: r.id.clone(),
                    name: r.name()?,
                    provenance: r.provenance()?,
                    i18n: r.translations(),
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Edit::SetCatalogues {
            families,
            clusters,
            principles,
        })
    }
}

/// Whether `id` may name an item: letters, digits, `-` and `_`.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

pub(super) fn show(ctx: &egui::Context, s: &Scenario, form: &mut CataloguesForm) -> Outcome {
    let mut enter = false;
    let error = form.error.clone();
    let pressed = checks::window(
        ctx,
        "catalogue-editor",
        e::t().cat_title,
        vec2(900.0, 820.0),
        error.as_ref(),
        |ui| enter = body(ui, s, form),
    );
    if pressed.close {
        return Outcome::Close;
    }
    if !(pressed.ok || pressed.apply || enter) {
        return Outcome::Keep;
    }
    let close = pressed.ok;
    let edit = match form.edit() {
        Ok(edit) => edit,
        Err(why) => {
            form.error = Some(why);
            return Outcome::Keep;
        }
    };
    let unchanged = edit
        == Edit::SetCatalogues {
            families: s.families.clone(),
            clusters: s.clusters.clone(),
            principles: s.principles.clone(),
        };
    if unchanged {
        form.error = None;
        return if close { Outcome::Close } else { Outcome::Keep };
    }
    match checks::checked(s, vec![edit]) {
        Ok(edits) => {
            form.error = None;
            Outcome::Send { edits, close }
        }
        Err(why) => {
            form.error = Some(why);
            Outcome::Keep
        }
    }
}

/// A labelled single-line field; true when Enter ended input.
fn field(ui: &mut Ui, label: &str, text: &mut String, hint: &str, width: f32) -> bool {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(width),
        )
        .labelled_by(l.id);
    entered(ui, &r)
}

fn body(ui: &mut Ui, s: &Scenario, form: &mut CataloguesForm) -> bool {
    let t = e::t();
    let mut apply = false;
    ui.label(RichText::new(t.cat_note).small().weak());
    let mut error = None;
    for section in &mut form.sections {
        ui.add_space(8.0);
        ui.separator();
        ui.label(RichText::new(section.kind.heading()).strong());
        if section.rows.is_empty() {
            ui.label(RichText::new(t.cat_none).weak());
        }
        let mut remove = None;
        for (k, row) in section.rows.iter_mut().enumerate() {
            ui.push_id((section.kind.heading(), k), |ui| {
                let (a, gone) = item(ui, s, section.kind, row);
                apply |= a;
                if gone {
                    remove = Some(k);
                }
            });
        }
        if let Some(k) = remove {
            section.rows.remove(k);
        }
        ui.horizontal(|ui| {
            let (label, button) = section.kind.adding();
            let enter = field(ui, label, &mut section.new_id, "", 160.0);
            let add = ui.button(button).on_hover_text(t.cat_add_hover).clicked();
            if add || enter {
                let id = section.new_id.trim().to_string();
                if !valid_id(&id) {
                    error = Some(fill(t.cat_id_bad, &[&id]));
                } else if section.rows.iter().any(|r| r.id == id) {
                    error = Some(fill(t.cat_id_taken, &[&id]));
                } else {
                    section
                        .rows
                        .push(Row::new(&id, "", "", None, &Translations::new()));
                    section.new_id.clear();
                }
            }
        });
    }
    if error.is_some() {
        form.error = error;
    }
    apply
}

/// The width of the label columns, so the fields of every item line up.
const LABELS: f32 = 120.0;

/// A labelled single-line field in a grid cell pair.
fn cell(ui: &mut Ui, label: &str, text: &mut String, hint: &str) -> bool {
    let l = ui.label(label);
    // Sized outright: a grid cell would otherwise hold a field to the column's first width.
    let size = vec2(260.0, ui.spacing().interact_size.y);
    let r = ui
        .add_sized(size, TextEdit::singleline(text).hint_text(hint))
        .labelled_by(l.id);
    entered(ui, &r)
}

/// One item's fields: returns whether Enter ended input, and whether Remove was pressed.
fn item(ui: &mut Ui, s: &Scenario, kind: Kind, row: &mut Row) -> (bool, bool) {
    let t = e::t();
    let mut apply = false;
    let mut remove = false;
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(fill(t.cat_id, &[&row.id]))
                    .monospace()
                    .strong(),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let used = kind.in_use(s, &row.id);
                let button = ui.add_enabled(used.is_none(), Button::new(t.cat_remove));
                let button = match &used {
                    Some(why) => button.on_disabled_hover_text(why),
                    None => button.on_hover_text(t.cat_remove_hover),
                };
                remove = button.clicked();
            });
        });
        egui::Grid::new("fields")
            .num_columns(4)
            .min_col_width(LABELS)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                apply |= cell(ui, t.cat_name, &mut row.name, "");
                // One more row per further language the window speaks.
                for (k, (l, name)) in row.other.iter_mut().enumerate() {
                    if k > 0 {
                        ui.end_row();
                        ui.label("");
                        ui.label("");
                    }
                    let label = fill(t.cat_name_in, &[&l.native_name()]);
                    apply |= cell(ui, &label, name, "");
                }
                ui.end_row();
                apply |= cell(ui, t.cat_document, &mut row.document, t.cat_document_hint);
                apply |= cell(
                    ui,
                    t.cat_paragraph,
                    &mut row.paragraph,
                    t.cat_paragraph_hint,
                );
                ui.end_row();
            });
        if kind.has_description() {
            ui.horizontal(|ui| {
                let at = egui::Layout::left_to_right(egui::Align::TOP);
                let size = vec2(LABELS, ui.spacing().interact_size.y);
                let l = ui.allocate_ui_with_layout(size, at, |ui| {
                    ui.set_min_width(LABELS);
                    ui.label(t.cat_description)
                });
                let l = l.inner;
                ui.add_space(2.0);
                ui.add(
                    TextEdit::multiline(&mut row.description)
                        .desired_rows(1)
                        .desired_width(ui.available_width()),
                )
                .labelled_by(l.id);
            });
        }
    });
    (apply, remove)
}
