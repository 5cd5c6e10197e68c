//! The window's side of the robustness analyses: keeping the background job in step with the
//! document and the views that show it, and reading its latest results.

use super::{TidelineApp, View};
use crate::analysis::sensitivity::Sweep;
use crate::analysis::smaa::{Smaa, WeightInfo};

impl TidelineApp {
    /// Keeps the robustness job in step with the document. Its results are wanted where they
    /// are shown: the Robustness view, and the Ranking view's first-rank badges.
    pub(super) fn update_robustness(&mut self) {
        let on_show = |pick: fn(View) -> bool| {
            pick(self.view) || self.projector.as_ref().is_some_and(|p| pick(p.view))
        };
        let wanted = on_show(|v| matches!(v, View::Robustness | View::Ranking));
        // Only the Robustness view has a progress bar to keep moving.
        let progress = on_show(|v| v == View::Robustness);
        let r = &mut self.views.robustness;
        // The sweeps are wanted where the progress bar is: the Robustness view.
        let inputs = r.inputs(&self.scenario, self.revision, progress);
        r.job
            .update(self.ctx.as_ref(), &self.scenario, inputs, wanted, progress);
    }

    /// Runs the robustness analyses the current view wants for the document as it is now, if
    /// they are not yet done, and waits for them (tests; the window never waits).
    pub fn finish_robustness(&mut self) {
        let r = &mut self.views.robustness;
        let inputs = r.inputs(&self.scenario, self.revision, self.view == View::Robustness);
        r.job.finish(&self.scenario, inputs);
    }

    /// The latest SMAA results and the revision they belong to (possibly an older one).
    pub fn robustness_smaa(&self) -> Option<(u64, Result<&Smaa, &str>)> {
        let out = self.views.robustness.job.results.as_ref()?;
        Some((
            out.inputs.revision,
            out.smaa.as_ref().map_err(String::as_str),
        ))
    }

    /// The latest sweep and the revision it belongs to.
    pub fn robustness_sweep(&self) -> Option<(u64, Result<&Sweep, &str>)> {
        let out = self.views.robustness.job.results.as_ref()?;
        Some((
            out.inputs.revision,
            out.sweep.as_ref().map_err(String::as_str),
        ))
    }

    /// Whether a robustness run is going.
    pub fn robustness_running(&self) -> bool {
        self.views.robustness.job.is_running()
    }

    /// Stops the robustness run in progress (the view's Cancel button).
    pub fn cancel_robustness(&mut self) {
        self.views.robustness.job.cancel();
    }

    /// Chooses the weight information SMAA uses (the view's combo box).
    pub fn set_robustness_weights(&mut self, w: WeightInfo) {
        self.views.robustness.weights = Some(w);
    }
}
