//! The central views. Each view is a module with a state struct (view state only) and a
//! `show` function that reads the scenario and the cached results and pushes [`Command`]s.

mod compare;
mod matrix;
mod methods;
mod options;
mod perspectives;
mod portfolio;
mod ranking;
mod robustness;
mod rows;
mod tradeoff;

pub use perspectives::PerspectivesState;
pub use portfolio::PortfolioState;
pub use robustness::RobustnessState;

use serde::{Deserialize, Serialize};

use super::{Command, Derived};
use crate::scenario::model::Scenario;

/// A central view. The lower-case title is its name on the command line (`--view`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    Options,
    Matrix,
    #[default]
    Ranking,
    Compare,
    Tradeoff,
    Methods,
    Robustness,
    Perspectives,
    Portfolio,
}

impl View {
    /// Navigator order.
    pub const ALL: [View; 9] = [
        View::Options,
        View::Matrix,
        View::Ranking,
        View::Compare,
        View::Tradeoff,
        View::Methods,
        View::Robustness,
        View::Perspectives,
        View::Portfolio,
    ];

    /// The view's name in the current language.
    pub fn title(self) -> &'static str {
        let t = crate::i18n::s();
        match self {
            View::Options => t.view_options,
            View::Matrix => t.view_matrix,
            View::Ranking => t.view_ranking,
            View::Compare => t.view_compare,
            View::Tradeoff => t.view_tradeoff,
            View::Methods => t.view_methods,
            View::Robustness => t.view_robustness,
            View::Perspectives => crate::i18n::perspectives::t().view_perspectives,
            View::Portfolio => crate::i18n::portfolio::t().view_portfolio,
        }
    }

    /// The name used by `--view`: the lower-case title without punctuation.
    pub fn keyword(self) -> &'static str {
        match self {
            View::Options => "options",
            View::Matrix => "matrix",
            View::Ranking => "ranking",
            View::Compare => "compare",
            View::Tradeoff => "tradeoff",
            View::Methods => "methods",
            View::Robustness => "robustness",
            View::Perspectives => "perspectives",
            View::Portfolio => "portfolio",
        }
    }

    pub fn from_keyword(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.keyword() == s)
    }
}

/// The view state of every view, kept while switching between them.
#[derive(Default)]
pub struct ViewStates {
    pub options: options::OptionsState,
    pub matrix: matrix::MatrixState,
    pub ranking: ranking::RankingState,
    pub compare: compare::CompareState,
    pub tradeoff: tradeoff::TradeoffState,
    pub robustness: RobustnessState,
    pub perspectives: PerspectivesState,
    pub portfolio: PortfolioState,
}

/// Draws `view` into the central panel.
pub fn show(
    ui: &mut egui::Ui,
    view: View,
    scenario: &Scenario,
    derived: &Derived,
    states: &mut ViewStates,
    out: &mut Vec<Command>,
) {
    match view {
        View::Options => options::show(ui, scenario, &mut states.options, out),
        View::Matrix => matrix::show(ui, scenario, derived, &mut states.matrix, out),
        View::Ranking => ranking::show(ui, scenario, derived, &states.ranking, &states.robustness),
        View::Compare => compare::show(ui, scenario, derived, &mut states.compare),
        View::Tradeoff => tradeoff::show(ui, scenario, derived, &mut states.tradeoff),
        View::Methods => methods::show(ui, scenario, derived),
        View::Robustness => robustness::show(ui, scenario, derived, &mut states.robustness),
        View::Perspectives => {
            // Projection and the projector's window show; the group dialog edits.
            states.perspectives.presenting = states.ranking.presenting;
            perspectives::show(ui, scenario, derived, &mut states.perspectives, out);
        }
        View::Portfolio => portfolio::show(ui, scenario, derived, &mut states.portfolio, out),
    }
}

/// egui_plot's default `grid_spacing` minimum, in points: the unit of `GridInput::base_step_size`.
const GRID_MIN_POINTS: f64 = 8.0;

/// Tick marks for a value axis, 1, 2 or 5 × 10ⁿ apart and wide enough apart for a label at the
/// current text size (`em`, a line's height). egui_plot's default marks are powers of ten and it
/// hides a label closer than 60 points to the next, so on a narrow chart or in large type only
/// "0" was left on the axis. Half-steps are added as unlabelled grid lines.
pub(super) fn value_marks(input: egui_plot::GridInput, em: f32) -> Vec<egui_plot::GridMark> {
    let (lo, hi) = input.bounds;
    let per_point = input.base_step_size / GRID_MIN_POINTS;
    // Labels such as "−0.25" are about four ems wide; egui_plot wants at least 60 points.
    let min_step = per_point * f64::from((em * 4.5).max(84.0));
    if !(min_step.is_finite() && min_step > 0.0 && hi > lo) {
        return Vec::new();
    }
    let magnitude = 10f64.powf(min_step.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= min_step)
        .unwrap_or(10.0 * magnitude);
    let half = step / 2.0;
    // A hair of slack, so that 0.6 / 0.1 = 5.999… still counts 0.6 as a mark.
    let first = (lo / half - 1e-9).ceil() as i64;
    let last = (hi / half + 1e-9).floor() as i64;
    if last - first > 1000 {
        return Vec::new();
    }
    (first..=last)
        .map(|k| {
            let labelled = k % 2 == 0;
            egui_plot::GridMark {
                value: k as f64 * half,
                step_size: if labelled { step } else { half },
            }
        })
        .collect()
}

/// A square of `colour`, `side` points wide, as an atom to sit inside a widget beside its text:
/// part of the same widget, a wrapping row can never part a swatch from its label.
pub(super) fn swatch_atom(colour: egui::Color32, side: f32) -> egui::Atom<'static> {
    egui::Atom::paint(egui::vec2(side, side), move |ui, args| {
        let rect = egui::Rect::from_center_size(args.rect.center(), egui::vec2(side, side));
        ui.painter().rect_filled(rect, 2.0, colour);
    })
}

/// A legend entry: a colour swatch and a label, one widget (named by its label for screen
/// readers), with `hover` as its tooltip.
pub(super) fn legend_entry(
    ui: &mut egui::Ui,
    colour: egui::Color32,
    label: &str,
    hover: &str,
) -> egui::Response {
    let side = ui.text_style_height(&egui::TextStyle::Body) * 0.8;
    let response = ui.add(egui::WidgetAtom::new((swatch_atom(colour, side), label)));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, label));
    response.on_hover_text(hover)
}

/// A value axis's tick label: as few decimals as the value needs (0.25, 0.3, 1), up to six.
/// egui_plot's default takes its decimals from the step, so a step of 0.5 read "0", "0", "1".
pub(super) fn mark_text(mark: egui_plot::GridMark) -> String {
    let v = mark.value;
    let decimals = (0..6)
        .find(|&d| {
            let scale = 10f64.powi(d);
            ((v * scale).round() - v * scale).abs() < 1e-6 * scale.max(1.0)
        })
        .unwrap_or(6);
    let text = format!("{v:.*}", decimals as usize);
    // No "-0".
    if text
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        text.trim_start_matches('-').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_marks_are_one_two_five_steps_wide_enough_for_labels() {
        // A 300-point axis from 0 to 0.6 with 14-point lines: labels need 84 points, so 0.168
        // at least; the next 1-2-5 step is 0.2.
        let per_point = 0.6 / 300.0;
        let input = egui_plot::GridInput {
            bounds: (0.0, 0.6),
            base_step_size: per_point * GRID_MIN_POINTS,
        };
        let marks = value_marks(input, 14.0);
        let labelled: Vec<f64> = marks
            .iter()
            .filter(|m| (m.step_size - 0.2).abs() < 1e-12)
            .map(|m| m.value)
            .collect();
        assert_eq!(labelled.len(), 4);
        for (k, v) in labelled.iter().enumerate() {
            assert!((v - 0.2 * k as f64).abs() < 1e-12);
        }
        // Half-steps in between, unlabelled (step below 60 points).
        assert_eq!(marks.len(), 7);
        assert!(
            value_marks(
                egui_plot::GridInput {
                    bounds: (1.0, 0.0),
                    base_step_size: 0.1
                },
                14.0
            )
            .is_empty()
        );
    }

    #[test]
    fn mark_text_uses_the_decimals_a_value_needs() {
        let text = |value: f64| {
            mark_text(egui_plot::GridMark {
                value,
                step_size: 0.5,
            })
        };
        assert_eq!(text(0.0), "0");
        assert_eq!(text(-0.0), "0");
        assert_eq!(text(0.5), "0.5");
        assert_eq!(text(0.25), "0.25");
        assert_eq!(text(1.0), "1");
        assert_eq!(text(-0.05), "-0.05");
        assert_eq!(text(0.1 + 0.2), "0.3");
    }
}
