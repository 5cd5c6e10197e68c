//! Trade-off view: a scatter of any two criteria or families with the Pareto front.

use crate::app::Derived;
use crate::model::Scenario;

#[derive(Default)]
pub struct TradeoffState {}

pub fn show(ui: &mut egui::Ui, _s: &Scenario, _d: &Derived, _state: &mut TradeoffState) {
    ui.heading("Trade-off");
}
