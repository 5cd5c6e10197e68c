//! How sure the choice is: each option's share of SMAA draws in which it belongs to the best
//! portfolio for the budget (core, borderline, exterior), with the weight information and the
//! number of draws to choose, and the portfolio each weight profile would choose.

use egui::{Color32, RichText, Ui, vec2};

use super::PortfolioState;
use super::reasons::item_name;
use crate::analysis::portfolio::CoreClass;
use crate::analysis::smaa::WeightInfo;
use crate::app::portfolio_job::Plan;
use crate::app::robustness_job::Status;
use crate::app::views::{legend_entry, robustness::weights_name};
use crate::i18n::{self, fill, portfolio as pf};
use crate::scenario::model::Scenario;
use crate::scenario::validate::MAX_DRAWS;

/// Core, borderline, exterior: the Okabe–Ito green, orange and a grey.
fn class_colour(c: CoreClass) -> Color32 {
    match c {
        CoreClass::Core => Color32::from_rgb(0, 158, 115),
        CoreClass::Borderline => Color32::from_rgb(230, 159, 0),
        CoreClass::Exterior => Color32::from_rgb(140, 140, 140),
    }
}

fn class_name(c: CoreClass) -> &'static str {
    let t = pf::t();
    match c {
        CoreClass::Core => t.class_core,
        CoreClass::Borderline => t.class_borderline,
        CoreClass::Exterior => t.class_exterior,
    }
}

pub(super) fn show(
    ui: &mut Ui,
    s: &Scenario,
    state: &mut PortfolioState,
    revision: u64,
    plan: &Plan,
) {
    let t = pf::t();
    let heading = ui.text_style_height(&egui::TextStyle::Heading) * 0.85;
    ui.add_space(10.0);
    ui.label(RichText::new(t.core_heading).strong().size(heading));
    let inputs = state.core_inputs(s, revision);
    let status = state.jobs.core.status(inputs);
    controls(ui, state, inputs.weights, inputs.draws, status);
    if let Some(done) = state.jobs.core.results.clone() {
        ui.scope(|ui| {
            if status != Status::UpToDate {
                ui.multiply_opacity(0.55);
            }
            let d = &done.inputs;
            ui.label(
                RichText::new(fill(
                    t.core_note,
                    &[
                        &d.draws,
                        &done.out.seed,
                        &weights_name(d.weights),
                        &super::money(s, d.budget),
                    ],
                ))
                .weak(),
            );
            match &done.out.shares {
                Ok(shares) => bars(ui, s, plan, shares),
                Err(e) => {
                    ui.colored_label(crate::app::theme::ERROR, fill(i18n::s().cannot_score, &[e]));
                }
            }
        });
    }
    by_profile(ui, s, plan);
}

/// The weight information, the number of draws, and the run's progress with Cancel.
fn controls(
    ui: &mut Ui,
    state: &mut PortfolioState,
    current: WeightInfo,
    draws: u32,
    status: Status,
) {
    let t = i18n::s();
    let pt = pf::t();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(t.robust_weights_label);
        egui::ComboBox::from_id_salt("portfolio-weights")
            .selected_text(weights_name(current))
            .show_ui(ui, |ui| {
                for w in WeightInfo::ALL {
                    if ui.selectable_label(w == current, weights_name(w)).clicked() {
                        state.weights = Some(w);
                    }
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label(pt.draws_label);
        let mut n = draws;
        if ui
            .add(
                egui::DragValue::new(&mut n)
                    .range(100..=MAX_DRAWS)
                    .speed(50),
            )
            .labelled_by(label.id)
            .changed()
        {
            state.draws = Some(n);
        }
        if (state.weights.is_some() || state.draws.is_some())
            && ui.small_button(pt.core_reset).clicked()
        {
            state.weights = None;
            state.draws = None;
        }
    });
    ui.horizontal(|ui| match status {
        Status::UpToDate => {}
        Status::Running(f) => {
            ui.add(
                egui::ProgressBar::new(f as f32)
                    .desired_width(220.0)
                    .show_percentage(),
            );
            ui.label(t.robust_updating);
            if ui.button(t.cancel).clicked() {
                state.jobs.core.cancel();
            }
        }
        Status::Waiting => {
            ui.label(t.robust_updating);
        }
        Status::Cancelled => {
            ui.label(t.robust_cancelled);
            if ui.button(t.robust_run_again).clicked() {
                state.jobs.core.retry();
            }
        }
    });
}

/// One bar per option, the surest first.
fn bars(ui: &mut Ui, s: &Scenario, plan: &Plan, shares: &[crate::analysis::portfolio::CoreShare]) {
    let t = pf::t();
    ui.horizontal_wrapped(|ui| {
        for c in [CoreClass::Core, CoreClass::Borderline, CoreClass::Exterior] {
            let hover = match c {
                CoreClass::Core => t.class_core_hover,
                CoreClass::Borderline => t.class_borderline_hover,
                CoreClass::Exterior => t.class_exterior_hover,
            };
            legend_entry(ui, class_colour(c), class_name(c), hover);
        }
    });
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| shares[b].share.total_cmp(&shares[a].share));
    let em = ui.text_style_height(&egui::TextStyle::Body);
    let width = (ui.available_width() * 0.35).clamp(8.0 * em, 22.0 * em);
    egui::Grid::new("portfolio-core")
        .num_columns(3)
        .spacing(vec2(12.0, 4.0))
        .show(ui, |ui| {
            for i in order {
                let c = &shares[i];
                let name = plan
                    .inst
                    .items
                    .iter()
                    .position(|x| x.id == c.option)
                    .map_or_else(|| c.option.clone(), |k| item_name(s, &plan.inst, k));
                ui.label(&name);
                let (rect, r) = ui.allocate_exact_size(vec2(width, em * 0.9), egui::Sense::hover());
                let painter = ui.painter();
                painter.rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
                let mut filled = rect;
                filled.set_width(rect.width() * c.share.clamp(0.0, 1.0) as f32);
                painter.rect_filled(filled, 2.0, class_colour(c.class));
                let percent = format!("{:.1} %", 100.0 * c.share);
                r.on_hover_text(fill(t.core_hover, &[&name, &percent]));
                ui.label(format!("{percent}  {}", class_name(c.class)));
                ui.end_row();
            }
        });
}

/// Profiles × options: which options each profile's best portfolio holds.
fn by_profile(ui: &mut Ui, s: &Scenario, plan: &Plan) {
    let t = pf::t();
    let lang = i18n::lang();
    let heading = ui.text_style_height(&egui::TextStyle::Heading) * 0.85;
    ui.add_space(10.0);
    ui.label(RichText::new(t.profiles_heading).strong().size(heading));
    ui.label(
        RichText::new(fill(
            t.profiles_note,
            &[&super::money(s, plan.inst.budget.unwrap_or(0.0))],
        ))
        .weak(),
    );
    let em = ui.text_style_height(&egui::TextStyle::Body);
    let column = 7.5 * em;
    egui::ScrollArea::horizontal()
        .id_salt("portfolio-profiles")
        .show(ui, |ui| {
            egui::Grid::new("portfolio-by-profile")
                .striped(true)
                .num_columns(plan.profiles.len() + 1)
                .show(ui, |ui| {
                    ui.label("");
                    for c in &plan.profiles {
                        let name = s
                            .profile_index(&c.profile)
                            .map_or(c.profile.as_str(), |p| s.profiles[p].name_in(lang));
                        ui.allocate_ui(vec2(column, 3.0 * em), |ui| {
                            ui.set_max_width(column);
                            ui.add(egui::Label::new(RichText::new(name).strong()).wrap());
                        });
                    }
                    ui.end_row();
                    for (i, item) in plan.inst.items.iter().enumerate() {
                        ui.label(item_name(s, &plan.inst, i));
                        for c in &plan.profiles {
                            let held = c.options.contains(&item.id);
                            ui.vertical_centered(|ui| {
                                ui.set_max_width(column);
                                ui.label(if held { "●" } else { "" });
                            });
                        }
                        ui.end_row();
                    }
                    ui.label(RichText::new(t.profiles_total).weak());
                    for c in &plan.profiles {
                        let text = match &c.result {
                            Ok(p) => fill(
                                t.profile_total,
                                &[&super::num(p.cost, 2), &super::num(p.value, 3)],
                            ),
                            Err(_) => t.profile_none.to_string(),
                        };
                        ui.vertical_centered(|ui| {
                            ui.set_max_width(column);
                            ui.label(RichText::new(text).weak());
                        });
                    }
                    ui.end_row();
                });
        });
}
