//! Robustness view: how sure the ranking is. The top half sweeps one weight (the scores along
//! the sweep, reversal points, where the top option stays) and shows every criterion's
//! top-stable interval as a tornado chart; the bottom half shows SMAA over uncertain scores and
//! weights (rank acceptability, pairwise winning, central weights and confidence). Both come
//! from [`RobustnessJob`], which runs off the UI thread.

mod heat;
mod sweep;

use egui::{RichText, Ui};

use crate::analysis::sensitivity::Target;
use crate::analysis::smaa::WeightInfo;
use crate::app::robustness_job::{self, Inputs, RobustnessJob, Status};
use crate::app::{Derived, theme};
use crate::i18n::{self, fill};
use crate::scenario::model::Scenario;

/// View state: the choices, and the background job with its latest results.
#[derive(Default)]
pub struct RobustnessState {
    /// The weight information chosen; `None`: [`robustness_job::default_weights`].
    pub weights: Option<WeightInfo>,
    /// The swept target; `None`: the most critical criterion.
    pub target: Option<Target>,
    /// Which options count as robust across the room, under [`WeightInfo::Profiles`].
    pub room: Room,
    pub job: RobustnessJob,
}

/// "Robust across the room": an option in the top `places` in at least `share` of the draws
/// that each take one profile's weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Room {
    pub places: usize,
    pub share: f64,
}

impl Default for Room {
    fn default() -> Self {
        Self {
            places: 3,
            share: 0.5,
        }
    }
}

impl Room {
    /// The share of draws in which option `i` of `r` is in the top `places`.
    pub fn top_share(&self, r: &crate::analysis::smaa::Smaa, i: usize) -> f64 {
        r.options[i]
            .rank_acceptability
            .iter()
            .take(self.places)
            .sum()
    }

    /// Whether option `i` is robust across the room (a share within rounding of the threshold
    /// counts).
    pub fn holds(&self, r: &crate::analysis::smaa::Smaa, i: usize) -> bool {
        r.weights == WeightInfo::Profiles && self.top_share(r, i) >= self.share - 1e-12
    }
}

impl RobustnessState {
    /// The inputs of the results wanted now; with `sensitivity`, the sweeps too.
    pub fn inputs(&self, scenario: &Scenario, revision: u64, sensitivity: bool) -> Inputs {
        Inputs {
            revision,
            weights: self
                .weights
                .unwrap_or_else(|| robustness_job::default_weights(scenario)),
            // A target the scenario no longer has (a criterion removed): back to the default.
            target: self.target.filter(|t| match *t {
                Target::Criterion(j) => sensitivity && j < scenario.criteria.len(),
                Target::Family(f) => sensitivity && f < scenario.families.len(),
            }),
            sensitivity,
        }
    }
}

impl RobustnessState {
    /// Each option's first-rank acceptability under the current scenario (`revision`) and
    /// weight information, or an empty list while it is worked out; `None` when SMAA cannot
    /// be run on this scenario.
    pub fn first_rank(&self, s: &Scenario, revision: u64) -> Option<Vec<f64>> {
        let out = self.job.results.as_ref();
        let want = self.inputs(s, revision, false);
        match out {
            Some(o) if o.inputs.revision == want.revision && o.inputs.weights == want.weights => {
                let r = o.smaa.as_ref().ok()?;
                Some(
                    r.options
                        .iter()
                        .map(|x| x.rank_acceptability.first().copied().unwrap_or(0.0))
                        .collect(),
                )
            }
            _ => Some(Vec::new()),
        }
    }
}

/// What the weight information means, in a delegate's words.
pub fn weights_name(w: WeightInfo) -> &'static str {
    let t = i18n::s();
    match w {
        WeightInfo::Exact => t.robust_weights_exact,
        WeightInfo::Ranges => t.robust_weights_ranges,
        WeightInfo::Ordinal => t.robust_weights_ordinal,
        WeightInfo::None => t.robust_weights_none,
        WeightInfo::Profiles => i18n::robustness::t().weights_profiles,
        WeightInfo::Blend => i18n::robustness::t().weights_blend,
    }
}

pub fn show(ui: &mut Ui, s: &Scenario, d: &Derived, state: &mut RobustnessState) {
    let t = i18n::s();
    ui.heading(t.view_robustness);
    let inputs = state.inputs(s, d.revision, true);
    let status = state.job.status(inputs);
    // Old results stay on show, faded, while new ones are worked out.
    let stale = status != Status::UpToDate;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(RichText::new(t.robust_intro).weak());
            controls(ui, s, state, status);
            let Some(out) = state.job.results.clone() else {
                return;
            };
            if stale {
                ui.multiply_opacity(0.55);
            }
            ui.add_space(6.0);
            ui.label(
                RichText::new(t.robust_sensitivity_heading)
                    .strong()
                    .size(ui.text_style_height(&egui::TextStyle::Heading) * 0.85),
            );
            // Results made for the Ranking view's badges have no sweeps.
            if out.inputs.sensitivity {
                match &out.sweep {
                    Ok(sw) => sweep::show_sweep(ui, s, sw, &mut state.target),
                    Err(e) => {
                        ui.colored_label(theme::ERROR, fill(t.cannot_score, &[e]));
                    }
                }
                if let Ok(summary) = &out.summary {
                    sweep::tornado(ui, s, summary);
                }
            }
            ui.add_space(10.0);
            ui.label(
                RichText::new(t.robust_smaa_heading)
                    .strong()
                    .size(ui.text_style_height(&egui::TextStyle::Heading) * 0.85),
            );
            match &out.smaa {
                Ok(r) => {
                    if r.weights == WeightInfo::Profiles {
                        heat::room_controls(ui, r, &mut state.room);
                    }
                    heat::show_smaa(ui, s, r, state.room);
                }
                Err(e) => {
                    ui.colored_label(theme::ERROR, fill(t.cannot_score, &[e]));
                }
            }
        });
}

/// The weight-information choice, the number of draws, and the run's progress with Cancel.
fn controls(ui: &mut Ui, s: &Scenario, state: &mut RobustnessState, status: Status) {
    let t = i18n::s();
    let current = state
        .weights
        .unwrap_or_else(|| robustness_job::default_weights(s));
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(t.robust_weights_label);
        egui::ComboBox::from_id_salt("robust-weights")
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
        ui.label(fill(t.robust_draws, &[&s.settings.monte_carlo.draws]));
    });
    ui.horizontal(|ui| match status {
        Status::UpToDate => {
            ui.label(RichText::new(t.robust_up_to_date).weak());
        }
        Status::Running(f) => {
            ui.add(
                egui::ProgressBar::new(f as f32)
                    .desired_width(220.0)
                    .show_percentage(),
            );
            ui.label(t.robust_updating);
            if ui.button(t.cancel).clicked() {
                state.job.cancel();
            }
        }
        Status::Waiting => {
            ui.label(t.robust_updating);
        }
        Status::Cancelled => {
            ui.label(t.robust_cancelled);
            if ui.button(t.robust_run_again).clicked() {
                state.job.retry();
            }
        }
    });
}
