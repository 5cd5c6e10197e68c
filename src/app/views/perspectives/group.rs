//! "Make group profile…": choose profiles (all at first) and a rule (mean, median, or the
//! geometric mean of pairwise judgements where every chosen profile has them), see the group's
//! weights with how far apart the chosen profiles are on each, and add the group as a new
//! profile in one undoable edit.

use egui::{Id, RichText, TextEdit, Ui};

use crate::analysis::group::{Group, GroupRule, group_profile};
use crate::app::{Command, theme};
use crate::i18n::perspectives::t;
use crate::i18n::{self, fill};
use crate::scenario::edit::Edit;
use crate::scenario::model::{Scenario, unique_id};

const RULES: [GroupRule; 3] = [GroupRule::Mean, GroupRule::Median, GroupRule::Geometric];

/// The open dialog.
pub struct GroupDialog {
    /// Whether each profile (scenario order) is chosen.
    chosen: Vec<bool>,
    rule: GroupRule,
    name: String,
    /// Whether the name was typed (else it follows the rule).
    named: bool,
    /// The group for the inputs it was made from; remade when they change, not every frame.
    preview: Option<Preview>,
    /// Frames drawn so far, up to [`SETTLE_FRAMES`].
    frames: u8,
}

/// A new modal finds its size and place over a few frames (egui's auto-sized area moves as its
/// wrapped rows and table are measured) without asking for them: these are asked for, so the
/// dialog does not wait for the pointer to move to sit still.
const SETTLE_FRAMES: u8 = 8;

struct Preview {
    revision: u64,
    chosen: Vec<bool>,
    rule: GroupRule,
    group: Result<Group, String>,
    /// Whether the geometric rule can pool these profiles (why not, if not).
    geometric: Result<(), String>,
}

impl GroupDialog {
    /// Every profile chosen, the mean rule.
    pub fn new(s: &Scenario) -> Self {
        Self {
            chosen: vec![true; s.profiles.len()],
            rule: GroupRule::Mean,
            name: default_name(GroupRule::Mean),
            named: false,
            preview: None,
            frames: 0,
        }
    }
}

fn rule_name(rule: GroupRule) -> &'static str {
    let tx = t();
    match rule {
        GroupRule::Mean => tx.group_rule_mean,
        GroupRule::Median => tx.group_rule_median,
        GroupRule::Geometric => tx.group_rule_geometric,
    }
}

fn rule_hover(rule: GroupRule) -> &'static str {
    let tx = t();
    match rule {
        GroupRule::Mean => tx.group_rule_mean_hover,
        GroupRule::Median => tx.group_rule_median_hover,
        GroupRule::Geometric => tx.group_rule_geometric_hover,
    }
}

fn default_name(rule: GroupRule) -> String {
    fill(t().group_default_name, &[&rule_name(rule)])
}

/// Shows the dialog; returns false when it is closed (added or cancelled).
pub(super) fn show(
    ui: &mut Ui,
    s: &Scenario,
    revision: u64,
    d: &mut GroupDialog,
    out: &mut Vec<Command>,
) -> bool {
    let tx = t();
    let lang = i18n::lang();
    // The profiles changed under the dialog (an undo): start the choice afresh.
    if d.chosen.len() != s.profiles.len() {
        d.chosen = vec![true; s.profiles.len()];
    }
    let members: Vec<usize> = (0..d.chosen.len()).filter(|&k| d.chosen[k]).collect();
    let fresh = d
        .preview
        .as_ref()
        .is_some_and(|p| p.revision == revision && p.chosen == d.chosen && p.rule == d.rule);
    if !fresh {
        let id = unique_id("group", |id| s.profile_index(id).is_some());
        let make = |rule| group_profile(s, &members, rule, &id, "").map_err(|e| e.to_string());
        d.preview = Some(Preview {
            revision,
            chosen: d.chosen.clone(),
            rule: d.rule,
            group: make(d.rule),
            geometric: make(GroupRule::Geometric).map(|_| ()),
        });
    }
    if d.frames < SETTLE_FRAMES {
        d.frames += 1;
        ui.ctx().request_repaint();
    }
    let mut add = false;
    let mut cancel = false;
    let modal = egui::Modal::new(Id::unique("perspectives-group")).show(ui.ctx(), |ui| {
        let body = ui.text_style_height(&egui::TextStyle::Body);
        ui.set_width((body * 34.0).min(ui.ctx().content_rect().width() * 0.9));
        ui.heading(tx.group_title);
        ui.label(RichText::new(tx.group_intro).weak());
        ui.add_space(6.0);
        ui.label(RichText::new(tx.group_profiles).strong());
        ui.horizontal_wrapped(|ui| {
            for (k, p) in s.profiles.iter().enumerate() {
                ui.checkbox(&mut d.chosen[k], p.name_in(lang));
            }
        });
        ui.add_space(6.0);
        ui.label(RichText::new(tx.group_rule).strong());
        let geometric = d.preview.as_ref().map(|p| p.geometric.clone());
        ui.horizontal_wrapped(|ui| {
            for rule in RULES {
                let why_not = match (rule, &geometric) {
                    (GroupRule::Geometric, Some(Err(e))) => Some(e.clone()),
                    _ => None,
                };
                let response = ui
                    .add_enabled(
                        why_not.is_none(),
                        egui::RadioButton::new(d.rule == rule, rule_name(rule)),
                    )
                    .on_hover_text(rule_hover(rule))
                    .on_disabled_hover_text(why_not.unwrap_or_default());
                if response.clicked() {
                    d.rule = rule;
                    if !d.named {
                        d.name = default_name(rule);
                    }
                }
            }
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label(RichText::new(tx.group_name).strong());
            let r = ui
                .add(TextEdit::singleline(&mut d.name).desired_width(body * 18.0))
                .labelled_by(label.id);
            if r.changed() {
                d.named = true;
            }
        });
        ui.add_space(6.0);
        let group = d.preview.as_ref().map(|p| &p.group);
        match group {
            Some(Ok(g)) => weights_table(ui, s, g),
            Some(Err(e)) => {
                ui.colored_label(theme::ERROR, e);
            }
            None => {}
        }
        ui.add_space(8.0);
        let ready = matches!(group, Some(Ok(_))) && !d.name.trim().is_empty();
        ui.horizontal(|ui| {
            add = ui
                .add_enabled(ready, egui::Button::new(tx.group_add))
                .clicked();
            cancel = ui.button(i18n::s().cancel).clicked();
        });
    });
    if add && let Some(Ok(g)) = d.preview.as_ref().map(|p| &p.group) {
        let mut profile = g.profile.clone();
        profile.name = d.name.trim().to_string();
        out.push(Command::Edit(Edit::AddProfile(Box::new(profile))));
        return false;
    }
    !(cancel || modal.should_close())
}

/// The group's weight of each criterion, with the chosen profiles' lowest, highest and
/// interquartile range beside it, in percent.
fn weights_table(ui: &mut Ui, s: &Scenario, g: &Group) {
    let tx = t();
    let lang = i18n::lang();
    egui::ScrollArea::vertical()
        .max_height(ui.ctx().content_rect().height() * 0.4)
        .show(ui, |ui| {
            egui::Grid::new("perspectives-group-weights")
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    for h in [
                        tx.group_col_criterion,
                        tx.group_col_weight,
                        tx.group_col_min,
                        tx.group_col_max,
                        tx.group_col_iqr,
                    ] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    let pct = |x: f64| format!("{:.1} %", x * 100.0);
                    for (j, c) in s.criteria.iter().enumerate() {
                        crate::app::views::legend_entry(
                            ui,
                            theme::criterion_colour(j),
                            c.label_in(lang),
                            c.name_in(lang),
                        );
                        let w = g.weights.get(j).copied().unwrap_or(0.0);
                        ui.label(RichText::new(pct(w)).strong().monospace());
                        match g.spread.get(j) {
                            Some(sp) => {
                                for x in [sp.min, sp.max, sp.iqr] {
                                    ui.label(RichText::new(pct(x)).monospace());
                                }
                            }
                            None => {
                                for _ in 0..3 {
                                    ui.label("");
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}
