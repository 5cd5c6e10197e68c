//! The best portfolio for the budget beside the frontier chart: its members and why each is in,
//! the interactions at work, the point clicked on the chart; then every option left out and why.

use egui::{Color32, RichText, Ui};

use super::{PortfolioState, chart, money, num};
use crate::analysis::portfolio::{Clash, Instance, Portfolio, Why};
use crate::app::portfolio_job::Plan;
use crate::i18n::{self, fill, portfolio as pf};
use crate::scenario::model::Scenario;

/// The colour of a good (positive) and a bad (negative) effect.
const GAIN: Color32 = Color32::from_rgb(0, 158, 115);
const LOSS: Color32 = Color32::from_rgb(213, 94, 0);

/// An item's option name in the current language.
pub(super) fn item_name(s: &Scenario, inst: &Instance, i: usize) -> String {
    let id = inst.items.get(i).map_or("?", |x| x.id.as_str());
    s.option_index(id).map_or_else(
        || id.to_string(),
        |o| s.options[o].name_in(i18n::lang()).to_string(),
    )
}

/// A signed number: +0.04, −0.02.
fn signed(x: f64) -> String {
    let text = num(x.abs(), 3);
    if x < 0.0 && text != "0" {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

/// The chart with the options left out, and the best portfolio, side by side when there is
/// room.
pub(super) fn top(ui: &mut Ui, s: &Scenario, plan: &Plan, budget: f64, state: &mut PortfolioState) {
    let em = ui.text_style_height(&egui::TextStyle::Body);
    let width = ui.available_width();
    // About half of what shows of the view, so that the best portfolio starts on screen.
    let chart_height = (state.visible * 0.5).clamp(12.0 * em, 30.0 * em);
    if width >= 60.0 * em {
        let left = (width * 0.55).floor();
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(
                egui::vec2(left, chart_height),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    chart::show(ui, s, plan, budget, state, chart_height - 2.0 * em);
                    selected(ui, s, plan, state);
                    left_out(ui, s, plan);
                },
            );
            // (A separator here would stretch to the scroll area's whole height.)
            ui.add_space(1.5 * em);
            ui.vertical(|ui| best(ui, s, plan, budget));
        });
    } else {
        chart::show(ui, s, plan, budget, state, chart_height - 2.0 * em);
        selected(ui, s, plan, state);
        best(ui, s, plan, budget);
        left_out(ui, s, plan);
    }
}

/// The point clicked on the chart, and its members.
fn selected(ui: &mut Ui, s: &Scenario, plan: &Plan, state: &mut PortfolioState) {
    let t = pf::t();
    let Ok(frontier) = &plan.frontier else {
        return;
    };
    let at = state.selected.and_then(|(cost, value)| {
        frontier
            .iter()
            .position(|p| (p.cost - cost).abs() < 1e-9 && (p.value - value).abs() < 1e-9)
    });
    if at.is_none() {
        state.selected = None;
    }
    let entry = |p: &Portfolio| {
        fill(
            t.selected,
            &[&money(s, p.cost), &num(p.value, 3), &p.members.len()],
        )
    };
    ui.label(RichText::new(t.click_hint).weak().small());
    // The same choice from the keyboard: every point of the frontier, cheapest first.
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(t.pick_point);
        egui::ComboBox::from_id_salt("portfolio-point")
            .selected_text(at.map_or_else(|| "—".to_string(), |k| entry(&frontier[k])))
            .show_ui(ui, |ui| {
                for (k, p) in frontier.iter().enumerate() {
                    if ui.selectable_label(at == Some(k), entry(p)).clicked() {
                        state.selected = Some((p.cost, p.value));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if at.is_some()
            && ui
                .small_button("×")
                .on_hover_text(t.clear_selection)
                .clicked()
        {
            state.selected = None;
        }
    });
    let Some(p) = at.map(|k| &frontier[k]) else {
        return;
    };
    let names: Vec<String> = p
        .members
        .iter()
        .map(|&i| item_name(s, &plan.inst, i))
        .collect();
    ui.add(
        egui::Label::new(fill(
            t.point_members,
            &[&if names.is_empty() {
                t.nothing.to_string()
            } else {
                names.join(", ")
            }],
        ))
        .wrap(),
    );
}

/// The best portfolio for the budget: members and why each is in, and the interactions at work.
fn best(ui: &mut Ui, s: &Scenario, plan: &Plan, budget: f64) {
    let t = pf::t();
    let p: &Portfolio = &plan.best;
    let heading = ui.text_style_height(&egui::TextStyle::Heading) * 0.85;
    ui.label(
        RichText::new(fill(t.best_heading, &[&money(s, budget)]))
            .strong()
            .size(heading),
    );
    ui.label(fill(
        t.best_summary,
        &[&p.members.len(), &money(s, p.cost), &num(p.value, 3)],
    ));
    let Some(r) = &plan.reasons else {
        return;
    };
    if r.members.is_empty() {
        ui.label(RichText::new(t.best_empty).weak());
    } else {
        for m in &r.members {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("✔ {}", item_name(s, &plan.inst, m.item))).strong());
                ui.label(
                    RichText::new(fill(t.cost_is, &[&num(plan.inst.items[m.item].cost, 2)])).weak(),
                );
            });
            let mut why = fill(t.above_baseline, &[&signed(m.value)]);
            for &(j, e) in &m.synergies {
                why.push_str(t.sep);
                why.push_str(&fill(
                    t.with_member,
                    &[&item_name(s, &plan.inst, j), &signed(e)],
                ));
            }
            if m.must_in {
                why.push_str(t.sep);
                why.push_str(t.is_must_in);
            }
            ui.indent(("portfolio-why", m.item), |ui| {
                ui.add(egui::Label::new(RichText::new(why).weak()).wrap());
            });
        }
    }
    ui.add_space(4.0);
    ui.label(RichText::new(t.at_work).strong());
    if r.effects.is_empty() && r.excludes.is_empty() && r.requires.is_empty() {
        ui.label(RichText::new(t.none_at_work).weak());
    }
    let name = |i: usize| item_name(s, &plan.inst, i);
    for &(a, b, e) in &r.effects {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(if e < 0.0 { LOSS } else { GAIN }, signed(e));
            ui.label(fill(t.effect_pair, &[&name(a), &name(b)]));
        });
    }
    let is = |i: usize| p.members.contains(&i);
    for &(a, b) in &r.excludes {
        let (inside, outside) = if is(a) { (a, b) } else { (b, a) };
        ui.label(fill(t.excludes_at_work, &[&name(inside), &name(outside)]));
    }
    for &(a, b) in &r.requires {
        let text = if is(a) { t.requires_in } else { t.requires_out };
        ui.label(fill(text, &[&name(a), &name(b)]));
    }
}

/// Every option left out, and why.
fn left_out(ui: &mut Ui, s: &Scenario, plan: &Plan) {
    let t = pf::t();
    let Some(r) = &plan.reasons else {
        ui.label(RichText::new(t.reasons_unknown).weak());
        return;
    };
    if r.left_out.is_empty() {
        return;
    }
    ui.add_space(10.0);
    let heading = ui.text_style_height(&egui::TextStyle::Heading) * 0.85;
    ui.label(RichText::new(t.left_out_heading).strong().size(heading));
    let budget = plan.inst.budget.unwrap_or(0.0);
    for o in &r.left_out {
        ui.label(RichText::new(item_name(s, &plan.inst, o.item)).strong());
        let text: Vec<String> = o
            .why
            .iter()
            .map(|w| why_text(s, plan, o.item, w, budget))
            .collect();
        ui.indent(("portfolio-why-out", o.item), |ui| {
            ui.add(egui::Label::new(RichText::new(text.join(pf::t().sep)).weak()).wrap());
        });
    }
}

fn why_text(s: &Scenario, plan: &Plan, i: usize, why: &Why, budget: f64) -> String {
    let t = pf::t();
    let inst = &plan.inst;
    match why {
        Why::MustStayOut => t.why_must_out.into(),
        Why::TooDear => fill(
            t.why_too_dear,
            &[&money(s, inst.items[i].cost), &money(s, budget)],
        ),
        Why::ExcludedBy(j) => fill(t.why_excluded_by, &[&item_name(s, inst, *j)]),
        Why::RequiresOut(j) => fill(t.why_requires_out, &[&item_name(s, inst, *j)]),
        Why::ClusterFull(k) => {
            let id = inst.clusters.get(*k).map_or("", |c| c.id.as_str());
            let name = s
                .clusters
                .iter()
                .find(|c| c.id == id)
                .map_or(id, |c| c.name_in(i18n::lang()));
            let max = inst.clusters.get(*k).and_then(|c| c.max).unwrap_or(0);
            fill(t.why_cluster_full, &[&name, &max])
        }
        Why::Unreachable => t.why_unreachable.into(),
        Why::BetterUse { with_it, loss } if *loss > 0.0 => fill(
            t.why_better_use,
            &[
                &num(*loss, 3),
                &num(with_it.value, 3),
                &money(s, with_it.cost),
            ],
        ),
        Why::BetterUse { with_it, .. } => fill(t.why_tie, &[&num(with_it.value, 3)]),
        Why::Unknown => t.why_unknown.into(),
    }
}

/// The constraints that clash, one a line.
pub(super) fn clashes(ui: &mut Ui, s: &Scenario, inst: &Instance, list: &[Clash]) {
    let t = pf::t();
    let name = |i: usize| item_name(s, inst, i);
    let cluster = |k: usize| {
        let id = inst.clusters.get(k).map_or("", |c| c.id.as_str());
        s.clusters
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name_in(i18n::lang()).to_string())
    };
    for c in list {
        let text = match *c {
            Clash::Budget(b) => fill(t.clash_budget, &[&money(s, b)]),
            Clash::Resource(r) => {
                let name = s
                    .settings
                    .portfolio
                    .resource
                    .as_ref()
                    .map_or("", |x| x.name.as_str());
                fill(t.clash_resource, &[&num(r, 2), &name])
            }
            Clash::MustIn(i) => fill(t.clash_must_in, &[&name(i)]),
            Clash::MustOut(i) => fill(t.clash_must_out, &[&name(i)]),
            Clash::ClusterMin(k) => fill(
                t.clash_cluster_min,
                &[&inst.clusters.get(k).map_or(0, |c| c.min), &cluster(k)],
            ),
            Clash::ClusterMax(k) => fill(
                t.clash_cluster_max,
                &[
                    &inst.clusters.get(k).and_then(|c| c.max).unwrap_or(0),
                    &cluster(k),
                ],
            ),
            Clash::Excludes(a, b) => fill(t.clash_excludes, &[&name(a), &name(b)]),
            Clash::Requires(a, b) => fill(t.clash_requires, &[&name(a), &name(b)]),
        };
        ui.label(format!("• {text}"));
    }
}
