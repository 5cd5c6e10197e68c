//! The window's side of the Portfolio view's background runs: kept in step with the document
//! while the view is on show (here or on the projector).

use super::{TidelineApp, View};

impl TidelineApp {
    /// Keeps the plan and the core index in step with the document and the view's choices.
    pub(super) fn update_portfolio(&mut self) {
        let wanted = self.view == View::Portfolio
            || self
                .projector
                .as_ref()
                .is_some_and(|p| p.view == View::Portfolio);
        self.views
            .portfolio
            .update(self.ctx.as_ref(), &self.scenario, self.revision, wanted);
    }

    /// Works out the plan and the core index for the document as it is now, if not yet done,
    /// and waits for them (tests; the window never waits).
    pub fn finish_portfolio(&mut self) {
        self.views.portfolio.finish(&self.scenario, self.revision);
    }

    /// Whether a portfolio run is going.
    pub fn portfolio_running(&self) -> bool {
        let j = &self.views.portfolio.jobs;
        j.plan.is_running() || j.core.is_running()
    }
}
