//! The scenario editor's portfolio settings (`settings.portfolio`): the baseline, each
//! cluster's fewest and most members, a second resource with its limit and each option's use
//! of it, and which options must be in or stay out. Held as typed; built into settings that
//! validation checks with the rest of the form, and a refusal names the field on this form.

use egui::{ComboBox, RichText, Ui};

use super::super::checks::{need_number, number_text, parse_number};
use super::super::fields::{entered, line, name_it};
use crate::i18n::editors as e;
use crate::i18n::{self, fill};
use crate::scenario::model::{ClusterLimit, PortfolioSettings, Resource, Scenario};

/// Whether an option may be chosen, must be in, or must stay out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Must {
    May,
    In,
    Out,
}

impl Must {
    const ALL: [Must; 3] = [Must::May, Must::In, Must::Out];

    fn name(self) -> &'static str {
        let t = e::t();
        match self {
            Must::May => t.pf_may,
            Must::In => t.pf_must_in,
            Must::Out => t.pf_must_out,
        }
    }
}

/// One option's row, as typed.
struct OptionRow {
    id: String,
    must: Must,
    /// Its use of the second resource; empty: unknown.
    uses: String,
}

/// One cluster's limits, as typed; empty: 0 fewest, no most.
struct ClusterRow {
    id: String,
    min: String,
    max: String,
}

/// The portfolio settings as typed.
pub(super) struct PortfolioForm {
    /// The settings when the editor opened: lists keep their order, limits their entries.
    original: PortfolioSettings,
    baseline: String,
    options: Vec<OptionRow>,
    clusters: Vec<ClusterRow>,
    resource: bool,
    resource_name: String,
    resource_limit: String,
}

impl PortfolioForm {
    pub(super) fn new(s: &Scenario) -> Self {
        let p = &s.settings.portfolio;
        let options = s
            .options
            .iter()
            .map(|o| OptionRow {
                id: o.id.clone(),
                must: if p.include.contains(&o.id) {
                    Must::In
                } else if p.exclude.contains(&o.id) {
                    Must::Out
                } else {
                    Must::May
                },
                uses: p
                    .resource
                    .as_ref()
                    .and_then(|r| r.uses.get(&o.id))
                    .map_or_else(String::new, |&x| number_text(x)),
            })
            .collect();
        let clusters = s
            .clusters
            .iter()
            .map(|c| {
                let limit = p.clusters.iter().find(|l| l.cluster == c.id);
                ClusterRow {
                    id: c.id.clone(),
                    min: limit.map_or_else(String::new, |l| l.min.to_string()),
                    max: limit
                        .and_then(|l| l.max)
                        .map_or_else(String::new, |m| m.to_string()),
                }
            })
            .collect();
        Self {
            original: p.clone(),
            baseline: p.baseline.clone(),
            options,
            clusters,
            resource: p.resource.is_some(),
            resource_name: p
                .resource
                .as_ref()
                .map_or_else(String::new, |r| r.name.clone()),
            resource_limit: p
                .resource
                .as_ref()
                .map_or_else(String::new, |r| number_text(r.limit)),
        }
    }

    /// The settings as typed, or why a field cannot be read (named as on the form).
    pub(super) fn settings(&self, s: &Scenario) -> Result<PortfolioSettings, String> {
        let t = e::t();
        let mut p = self.original.clone();
        p.baseline = self.baseline.clone();
        // The baseline is never a member: its row has no choice, whatever was picked before.
        let wanted = |m: Must| -> Vec<&str> {
            self.options
                .iter()
                .filter(|r| r.must == m && r.id != self.baseline)
                .map(|r| r.id.as_str())
                .collect()
        };
        p.include = keep_order(&self.original.include, &wanted(Must::In));
        p.exclude = keep_order(&self.original.exclude, &wanted(Must::Out));

        let whole = |text: &str, what: &str| -> Result<Option<u32>, String> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            text.parse::<u32>()
                .map(Some)
                .map_err(|_| fill(t.scen_not_whole, &[&what, &text]))
        };
        let mut limits: Vec<ClusterLimit> = Vec::new();
        for row in &self.clusters {
            let name = cluster_name(s, &row.id);
            let min = whole(&row.min, &fill(t.pf_fewest_of, &[&name]))?.unwrap_or(0);
            let max = whole(&row.max, &fill(t.pf_most_of, &[&name]))?;
            let before = self.original.clusters.iter().find(|l| l.cluster == row.id);
            // An unchanged entry stays as written, even one that limits nothing.
            if before.is_some_and(|l| l.min == min && l.max == max) || min > 0 || max.is_some() {
                limits.push(ClusterLimit {
                    cluster: row.id.clone(),
                    min,
                    max,
                });
            }
        }
        // The file's order first, then new limits in the order of the clusters.
        let place = |id: &str| {
            self.original
                .clusters
                .iter()
                .position(|l| l.cluster == id)
                .unwrap_or(usize::MAX)
        };
        limits.sort_by_key(|l| place(&l.cluster));
        p.clusters = limits;

        p.resource = if self.resource {
            let mut uses = std::collections::BTreeMap::new();
            for row in &self.options {
                let what = fill(t.pf_use_of, &[&option_name(s, &row.id)]);
                if let Some(x) = parse_number(&row.uses, &what)? {
                    uses.insert(row.id.clone(), x);
                }
            }
            Some(Resource {
                name: self.resource_name.trim().to_string(),
                limit: need_number(&self.resource_limit, t.pf_resource_limit)?,
                uses,
            })
        } else {
            None
        };
        Ok(p)
    }

    /// A refusal of validation at `path` (under `settings.portfolio`) with `message`, named as
    /// the field is on this form, in the interface language.
    pub(super) fn refusal(&self, s: &Scenario, path: &str, message: &str) -> String {
        let t = e::t();
        let rest = path.strip_prefix("settings.portfolio.").unwrap_or(path);
        let built = self.settings(s).unwrap_or_default();
        let index = |list: &str| -> Option<usize> {
            rest.strip_prefix(list)?
                .strip_prefix('[')?
                .split(']')
                .next()?
                .parse()
                .ok()
        };
        let membership = |id: &str| fill(t.pf_membership_of, &[&option_name(s, id)]);
        let said = if rest == "baseline" {
            fill(t.why_pf_other, &[&t.pf_baseline, &message])
        } else if let Some(k) = index("include") {
            let id = built.include.get(k).map_or("", String::as_str);
            baseline_or(id == built.baseline, &membership(id), message)
        } else if let Some(k) = index("exclude") {
            let id = built.exclude.get(k).map_or("", String::as_str);
            baseline_or(id == built.baseline, &membership(id), message)
        } else if let Some(k) = index("clusters") {
            let name = built
                .clusters
                .get(k)
                .map_or_else(String::new, |l| cluster_name(s, &l.cluster));
            if rest.ends_with(".max") {
                fill(t.why_pf_max_below_min, &[&fill(t.pf_most_of, &[&name])])
            } else {
                fill(t.why_pf_other, &[&name, &message])
            }
        } else if rest == "resource.limit" {
            fill(t.why_pf_negative, &[&t.pf_resource_limit])
        } else if let Some(id) = rest
            .strip_prefix("resource.uses[\"")
            .and_then(|r| r.strip_suffix("\"]"))
        {
            let what = fill(t.pf_use_of, &[&option_name(s, id)]);
            if message.contains("negative") {
                fill(t.why_pf_negative, &[&what])
            } else {
                fill(t.why_pf_other, &[&what, &message])
            }
        } else {
            fill(t.why_pf_other, &[&t.pf_heading, &message])
        };
        fill(i18n::s().not_changed, &[&said])
    }
}

/// `wanted` ids, those already in `before` first in its order, then the rest in their order.
fn keep_order(before: &[String], wanted: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = before
        .iter()
        .filter(|id| wanted.contains(&id.as_str()))
        .cloned()
        .collect();
    for id in wanted {
        if !out.iter().any(|x| x == id) {
            out.push((*id).to_string());
        }
    }
    out
}

fn baseline_or(is_baseline: bool, what: &str, message: &str) -> String {
    let t = e::t();
    if is_baseline {
        fill(t.why_pf_baseline_member, &[&what])
    } else {
        fill(t.why_pf_other, &[&what, &message])
    }
}

fn option_name(s: &Scenario, id: &str) -> String {
    s.option_index(id).map_or_else(
        || id.to_string(),
        |i| s.options[i].name_in(i18n::lang()).to_string(),
    )
}

fn cluster_name(s: &Scenario, id: &str) -> String {
    s.clusters
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_string(), |c| c.name_in(i18n::lang()).to_string())
}

/// A name in a cell `width` wide, cut with "…" when longer (the full name on hover).
fn name_cell(ui: &mut Ui, name: &str, width: f32) {
    let height = ui.spacing().interact_size.y;
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            ui.add(egui::Label::new(name).truncate());
        },
    );
}

/// Draws the portfolio settings; true when Enter ended input in a field.
pub(super) fn body(ui: &mut Ui, s: &Scenario, form: &mut PortfolioForm, labels: f32) -> bool {
    let t = e::t();
    let mut apply = false;
    ui.label(RichText::new(t.pf_heading).strong());
    ui.label(RichText::new(t.pf_note).small().weak());
    egui::Grid::new("scenario-editor-portfolio")
        .num_columns(2)
        .min_col_width(labels)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label(t.pf_baseline);
            let current = if form.baseline.is_empty() {
                t.pf_baseline_none.to_string()
            } else {
                option_name(s, &form.baseline)
            };
            ComboBox::from_id_salt("scenario-editor-baseline")
                .selected_text(current)
                .width(320.0)
                .truncate()
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut form.baseline, String::new(), t.pf_baseline_none);
                    for o in &s.options {
                        let name = o.name_in(i18n::lang());
                        ui.selectable_value(&mut form.baseline, o.id.clone(), name);
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            ui.label("");
            ui.label(RichText::new(t.pf_baseline_note).small().weak());
            ui.end_row();
        });

    if !form.clusters.is_empty() {
        ui.add_space(6.0);
        ui.label(t.pf_clusters);
        egui::Grid::new("scenario-editor-portfolio-clusters")
            .num_columns(3)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                ui.label(RichText::new(t.pf_cluster).weak());
                ui.label(RichText::new(t.pf_fewest).weak());
                ui.label(RichText::new(t.pf_most).weak());
                ui.end_row();
                for row in &mut form.clusters {
                    let name = cluster_name(s, &row.id);
                    name_cell(ui, &name, 300.0);
                    let r = line(ui, &mut row.min, &fill(t.pf_fewest_of, &[&name]), "0", 70.0);
                    apply |= entered(ui, &r);
                    let most = fill(t.pf_most_of, &[&name]);
                    let r = line(ui, &mut row.max, &most, t.pf_no_limit, 90.0);
                    apply |= entered(ui, &r);
                    ui.end_row();
                }
            });
    }

    ui.add_space(6.0);
    ui.checkbox(&mut form.resource, t.pf_resource_on);
    if form.resource {
        egui::Grid::new("scenario-editor-portfolio-resource")
            .num_columns(2)
            .min_col_width(labels)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label(t.pf_resource_name);
                let hint = t.pf_resource_name_hint;
                let r = line(ui, &mut form.resource_name, t.pf_resource_name, hint, 220.0);
                let r = r.labelled_by(l.id);
                apply |= entered(ui, &r);
                ui.end_row();
                let l = ui.label(t.pf_resource_limit);
                let limit = t.pf_resource_limit;
                let r = line(ui, &mut form.resource_limit, limit, "", 100.0).labelled_by(l.id);
                apply |= entered(ui, &r);
                ui.end_row();
            });
    }

    ui.add_space(6.0);
    ui.label(t.pf_options);
    egui::Grid::new("scenario-editor-portfolio-options")
        .num_columns(if form.resource { 3 } else { 2 })
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label(RichText::new(t.pf_option).weak());
            ui.label(RichText::new(t.pf_membership).weak());
            if form.resource {
                ui.label(RichText::new(t.pf_use).weak());
            }
            ui.end_row();
            for row in &mut form.options {
                let name = option_name(s, &row.id);
                name_cell(ui, &name, 300.0);
                if row.id == form.baseline {
                    ui.label(RichText::new(t.pf_baseline).weak());
                } else {
                    let r = ComboBox::from_id_salt(("scenario-editor-must", &row.id))
                        .selected_text(row.must.name())
                        .width(150.0)
                        .show_ui(ui, |ui| {
                            for m in Must::ALL {
                                ui.selectable_value(&mut row.must, m, m.name());
                            }
                        })
                        .response;
                    name_it(ui, &r, &fill(t.pf_membership_of, &[&name]));
                }
                if form.resource {
                    let what = fill(t.pf_use_of, &[&name]);
                    let r = line(ui, &mut row.uses, &what, "", 90.0);
                    apply |= entered(ui, &r);
                }
                ui.end_row();
            }
        });
    if form.resource {
        ui.label(RichText::new(t.pf_use_note).small().weak());
    }
    apply
}
