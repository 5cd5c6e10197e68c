//! Portfolio view: with the budget there is, which options to pursue? The efficient frontier
//! of value against cost (`chart`), a budget slider and the best portfolio for it with the
//! reasons behind every member and every option left out (`reasons`), must-in and must-out
//! choices per option (`choose`), how often each option is in the best portfolio under SMAA's
//! draws, and each profile's choice (`core`). Everything comes from [`PortfolioJobs`]'s
//! background runs; the view only reads their results and pushes `Command`s.

mod chart;
mod choose;
mod core;
mod reasons;

use egui::{RichText, Ui};

use crate::analysis::smaa::WeightInfo;
use crate::app::portfolio_job::{
    CoreInputs, CoreOutcome, Job, PlanInputs, PlanOutcome, Refusal, core_work, plan_work,
};
use crate::app::robustness_job::{self, Status};
use crate::app::{Command, Derived, labels, theme};
use crate::i18n::{self, fill, portfolio as pf};
use crate::scenario::edit::Edit;
use crate::scenario::model::{Method, Scenario};

/// The background runs of the view.
#[derive(Default)]
pub struct PortfolioJobs {
    pub plan: Job<PlanInputs, PlanOutcome>,
    pub core: Job<CoreInputs, CoreOutcome>,
}

/// View state: the choices on show and the background runs.
#[derive(Default)]
pub struct PortfolioState {
    /// The budget on the slider; `None`: the scenario's (else every candidate's cost).
    pub budget: Option<f64>,
    /// The frontier point clicked, by its cost and value (it stays while they are on show).
    pub selected: Option<(f64, f64)>,
    /// The weight information of the core index; `None`: as the Robustness view starts.
    pub weights: Option<WeightInfo>,
    /// Draws of the core index; `None`: the scenario's Monte Carlo setting.
    pub draws: Option<u32>,
    pub jobs: PortfolioJobs,
    /// What every candidate costs together, and the revision it was summed for.
    total: (u64, f64),
    /// The height of the view's visible area this frame, for the chart's size.
    visible: f32,
}

impl PortfolioState {
    /// The sum of every candidate's cost (the slider's end), summed once per revision.
    pub fn total_cost(&mut self, s: &Scenario, revision: u64) -> f64 {
        if self.total.0 != revision || self.total.1 == 0.0 {
            let baseline = &s.settings.portfolio.baseline;
            let sum = s
                .options
                .iter()
                .filter(|o| &o.id != baseline)
                .filter_map(|o| o.cost)
                .filter(|c| c.is_finite() && *c > 0.0)
                .sum::<f64>();
            self.total = (revision, sum);
        }
        self.total.1
    }

    /// The budget the view answers for now.
    pub fn budget_now(&mut self, s: &Scenario, revision: u64) -> f64 {
        let total = self.total_cost(s, revision);
        self.budget
            .or(s.settings.budget)
            .filter(|b| b.is_finite() && *b >= 0.0)
            .unwrap_or(total)
    }

    pub fn plan_inputs(&mut self, s: &Scenario, revision: u64) -> PlanInputs {
        PlanInputs {
            revision,
            budget: self.budget_now(s, revision),
        }
    }

    pub fn core_inputs(&mut self, s: &Scenario, revision: u64) -> CoreInputs {
        CoreInputs {
            revision,
            budget: self.budget_now(s, revision),
            weights: self
                .weights
                .unwrap_or_else(|| robustness_job::default_weights(s)),
            draws: self.draws.unwrap_or(s.settings.monte_carlo.draws),
        }
    }

    /// Keeps both runs in step with the document and the choices (every frame).
    pub fn update(
        &mut self,
        ctx: Option<&egui::Context>,
        s: &Scenario,
        revision: u64,
        wanted: bool,
    ) {
        let plan = self.plan_inputs(s, revision);
        self.jobs
            .plan
            .update(ctx, plan, wanted, || plan_work(s, plan));
        let core = self.core_inputs(s, revision);
        // The simulation only where the plan can be made at all.
        let possible = additive(s.settings.method);
        self.jobs
            .core
            .update(ctx, core, wanted && possible, || core_work(s, core));
    }

    /// Runs both for the document as it is now and waits for them (tests).
    pub fn finish(&mut self, s: &Scenario, revision: u64) {
        let plan = self.plan_inputs(s, revision);
        self.jobs.plan.finish(plan, || plan_work(s, plan));
        if additive(s.settings.method) {
            let core = self.core_inputs(s, revision);
            self.jobs.core.finish(core, || core_work(s, core));
        }
    }
}

/// Whether a method's scores add up (the engine's own test).
fn additive(m: Method) -> bool {
    crate::analysis::portfolio::check_additive(m).is_ok()
}

pub fn show(
    ui: &mut Ui,
    s: &Scenario,
    d: &Derived,
    state: &mut PortfolioState,
    out: &mut Vec<Command>,
) {
    let t = pf::t();
    ui.heading(t.view_portfolio);
    let revision = d.revision;
    let plan_in = state.plan_inputs(s, revision);
    let status = state.jobs.plan.status(plan_in);
    state.visible = ui.available_height();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            intro(ui, s);
            budget_controls(ui, s, state, revision, status, out);
            let Some(done) = state.jobs.plan.results.clone() else {
                ui.label(RichText::new(i18n::s().robust_updating).weak());
                return;
            };
            // Old results stay on show, faded, while new ones are worked out.
            let stale = status != Status::UpToDate;
            match &done.out {
                Err((inst, refusal)) => {
                    ui.scope(|ui| {
                        if stale {
                            ui.multiply_opacity(0.55);
                        }
                        refused(ui, s, inst.as_deref(), refusal, out);
                    });
                    if !matches!(refusal, Refusal::NotAdditive(_)) {
                        choose::show(ui, s, d.data_revision, out);
                    }
                }
                Ok(plan) => {
                    ui.scope(|ui| {
                        if stale {
                            ui.multiply_opacity(0.55);
                        }
                        reasons::top(ui, s, plan, plan_in.budget, state);
                    });
                    choose::show(ui, s, d.data_revision, out);
                    core::show(ui, s, state, revision, plan);
                }
            }
        });
}

/// What the view answers, under which method and profile.
fn intro(ui: &mut Ui, s: &Scenario) {
    let lang = i18n::lang();
    let profile = s
        .profiles
        .get(s.active_profile_index())
        .map_or("", |p| p.name_in(lang));
    let baseline = s
        .option_index(&s.settings.portfolio.baseline)
        .map(|o| s.options[o].name_in(lang));
    let t = pf::t();
    let text = match baseline {
        Some(b) => fill(
            t.intro_baseline,
            &[&labels::method_title(s.settings.method), &profile, &b],
        ),
        None => fill(
            t.intro_no_baseline,
            &[&labels::method_title(s.settings.method), &profile],
        ),
    };
    ui.label(RichText::new(text).weak());
}

/// A number with as few decimals as it needs, at most `places`.
pub(super) fn num(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// An amount in the scenario's cost unit.
pub(super) fn money(s: &Scenario, x: f64) -> String {
    let unit = &s.settings.cost_unit;
    if unit.is_empty() {
        num(x, 2)
    } else {
        format!("{} {unit}", num(x, 2))
    }
}

/// The slider, the buttons that tie it to the scenario's budget, and the run's state.
fn budget_controls(
    ui: &mut Ui,
    s: &Scenario,
    state: &mut PortfolioState,
    revision: u64,
    status: Status,
    out: &mut Vec<Command>,
) {
    let t = pf::t();
    let total = state.total_cost(s, revision);
    let mut b = state.budget_now(s, revision);
    let end = total.max(s.settings.budget.unwrap_or(0.0)).max(b);
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(RichText::new(t.budget_label).strong());
        // Steps of a tenth of a power of ten near a twentieth of the range: 0.1 for a total of
        // 35.5, fine enough to reach every sum of costs given to one decimal.
        let step = 10f64.powf((end / 20.0).max(1e-9).log10().floor()) / 10.0;
        // The slider may snap the value it is shown to its steps: only a change is taken.
        let mut shown = b;
        let slider = egui::Slider::new(&mut shown, 0.0..=end.max(step))
            .step_by(step.max(1e-6))
            .suffix(if s.settings.cost_unit.is_empty() {
                String::new()
            } else {
                format!(" {}", s.settings.cost_unit)
            });
        ui.spacing_mut().slider_width = (ui.available_width() * 0.45).clamp(160.0, 420.0);
        let r = ui.add(slider).labelled_by(label.id);
        if r.changed() {
            b = shown;
            state.budget = Some(b);
        }
        ui.label(RichText::new(fill(t.budget_of_total, &[&money(s, total)])).weak());
    });
    ui.horizontal_wrapped(|ui| {
        let differs = s.settings.budget.is_none_or(|x| (x - b).abs() > 1e-9);
        // Shown only when the slider is elsewhere than the scenario's budget.
        if differs
            && ui
                .button(fill(t.set_budget, &[&money(s, b)]))
                .on_hover_text(t.set_budget_hover)
                .clicked()
        {
            let mut settings = s.settings.clone();
            settings.budget = Some(b);
            out.push(Command::Edit(Edit::SetSettings(Box::new(settings))));
            state.budget = None;
        }
        if let Some(own) = s.settings.budget
            && differs
            && ui
                .button(fill(t.back_to_budget, &[&money(s, own)]))
                .clicked()
        {
            state.budget = None;
        }
        match status {
            Status::UpToDate | Status::Cancelled => {}
            Status::Running(f) => {
                ui.add(egui::ProgressBar::new(f as f32).desired_width(160.0));
                ui.label(i18n::s().robust_updating);
            }
            Status::Waiting => {
                ui.label(i18n::s().robust_updating);
            }
        }
    });
}

/// Why there is no portfolio, and what to do.
fn refused(
    ui: &mut Ui,
    s: &Scenario,
    inst: Option<&crate::analysis::portfolio::Instance>,
    refusal: &Refusal,
    out: &mut Vec<Command>,
) {
    let t = pf::t();
    let lang = i18n::lang();
    let name = |id: &str| {
        s.option_index(id).map_or_else(
            || id.to_string(),
            |o| s.options[o].name_in(lang).to_string(),
        )
    };
    ui.add_space(8.0);
    match refusal {
        Refusal::NotAdditive(m) => {
            ui.colored_label(
                theme::ERROR,
                fill(t.not_additive, &[&labels::method_title(*m)]),
            );
            ui.label(t.not_additive_what);
            ui.horizontal_wrapped(|ui| {
                for m in [Method::Wsm, Method::Promethee2] {
                    if ui
                        .button(fill(t.switch_to, &[&labels::method_title(m)]))
                        .clicked()
                    {
                        out.push(Command::Edit(Edit::SetMethod(m)));
                    }
                }
            });
        }
        Refusal::NoCost(ids) => {
            ui.colored_label(theme::ERROR, t.no_cost);
            let names: Vec<String> = ids.iter().map(|id| name(id)).collect();
            ui.label(fill(t.no_cost_list, &[&names.join(", ")]));
            ui.label(RichText::new(t.no_cost_what).weak());
        }
        Refusal::NoResourceUse(ids) => {
            ui.colored_label(theme::ERROR, t.no_resource);
            let names: Vec<String> = ids.iter().map(|id| name(id)).collect();
            ui.label(fill(t.no_cost_list, &[&names.join(", ")]));
        }
        Refusal::Infeasible(list, smallest) => {
            ui.colored_label(theme::ERROR, t.infeasible);
            if let Some(inst) = inst {
                reasons::clashes(ui, s, inst, list);
            }
            if !smallest {
                ui.label(RichText::new(t.infeasible_not_smallest).weak());
            }
            ui.label(RichText::new(t.infeasible_what).weak());
        }
        Refusal::Other(e) => {
            ui.colored_label(theme::ERROR, fill(i18n::s().cannot_score, &[e]));
        }
    }
}
