//! Compare view: 2–4 options side by side (radar over criteria or families, and weighted
//! differences against a reference option).

use crate::app::Derived;
use crate::model::Scenario;

#[derive(Default)]
pub struct CompareState {}

pub fn show(ui: &mut egui::Ui, _s: &Scenario, _d: &Derived, _state: &mut CompareState) {
    ui.heading("Compare");
}
