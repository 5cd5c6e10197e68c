//! Trade-off view: a scatter of any two measures (a criterion, a family or the overall score)
//! with the Pareto front, the options no other option beats on both axes.

use egui::{Align2, ComboBox, RichText, Ui};
use egui_plot::{HoverPosition, Line, LineStyle, MarkerShape, Plot, PlotPoint, Points, Text};

use crate::analysis::pareto::{family_members, family_scores, pareto_front};
use crate::analysis::scoring::Ranking;
use crate::app::{Derived, theme};
use crate::i18n::{self, Lang, fill};
use crate::scenario::model::{Direction, Scenario};

mod chart;

use chart::{LABEL_SIZE, scatter};

/// What an axis shows. Criteria and families are named by id, which survives edits that
/// reorder or rename them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Axis {
    /// The overall (weighted-sum) score.
    Overall,
    /// A criterion's normalised value.
    Criterion(String),
    /// A family's sub-score (see [`crate::analysis::pareto::family_scores`]).
    Family(String),
}

/// The most dots named on the chart.
const MAX_LABELS: usize = 40;

#[derive(Default)]
pub struct TradeoffState {
    /// The user's choice of axes; `None` (or a criterion or family that no longer exists)
    /// means the default.
    x: Option<Axis>,
    y: Option<Axis>,
    cache: Option<Cache>,
    /// How many times the plotted data were computed.
    computed: u64,
}

/// The plotted data, for one scenario revision and one choice of axes.
struct Cache {
    /// Revision, language of the names, and the chosen axes.
    key: (u64, Lang, Option<Axis>, Option<Axis>),
    result: Result<Scatter, String>,
}

struct Scatter {
    /// The axes in use (the defaults filled in).
    x: Axis,
    y: Axis,
    /// Axis names as the combo boxes show them.
    x_name: String,
    y_name: String,
    /// Axis titles under and beside the chart.
    x_title: String,
    y_title: String,
    /// `[x, y]` of each option, in scenario order.
    points: Vec<[f64; 2]>,
    on_front: Vec<bool>,
    /// The front's members from left to right.
    front: Vec<usize>,
    /// "Pareto front: A, B, C".
    front_text: String,
    /// One label per distinct position (options at the same place share one).
    labels: Vec<([f64; 2], String)>,
}

pub fn show(ui: &mut Ui, s: &Scenario, d: &Derived, state: &mut TradeoffState) {
    let t = i18n::s();
    ui.heading(t.view_tradeoff);
    let r = match &d.ranking {
        Ok(r) => r,
        Err(e) => {
            ui.colored_label(theme::ERROR, fill(t.cannot_score, &[e]));
            return;
        }
    };
    refresh(s, r, d.revision, state);
    let Some(Ok(sc)) = state.cache.as_ref().map(|c| &c.result) else {
        if let Some(Err(e)) = state.cache.as_ref().map(|c| &c.result) {
            ui.colored_label(theme::ERROR, e);
        }
        return;
    };
    let (cur_x, cur_y) = (sc.x.clone(), sc.y.clone());
    let (name_x, name_y) = (sc.x_name.clone(), sc.y_name.clone());
    let mut new_x = None;
    let mut new_y = None;
    // Each label stays beside its list: side by side when both pairs fit, else one a row.
    let pair = |label: &str| {
        COMBO_WIDTH
            + 3.0 * ui.spacing().item_spacing.x
            + ui.spacing().interact_size.y
            + ui.painter()
                .layout_no_wrap(
                    label.to_string(),
                    egui::TextStyle::Body.resolve(ui.style()),
                    egui::Color32::WHITE,
                )
                .size()
                .x
    };
    if ui.available_width() >= pair(t.tradeoff_x) + pair(t.tradeoff_y) + 16.0 {
        ui.horizontal(|ui| {
            new_x = axis_combo(ui, s, t.tradeoff_x, "tradeoff-x", &cur_x, &name_x);
            ui.add_space(16.0);
            new_y = axis_combo(ui, s, t.tradeoff_y, "tradeoff-y", &cur_y, &name_y);
        });
    } else {
        ui.horizontal(|ui| {
            new_x = axis_combo(ui, s, t.tradeoff_x, "tradeoff-x", &cur_x, &name_x);
        });
        ui.horizontal(|ui| {
            new_y = axis_combo(ui, s, t.tradeoff_y, "tradeoff-y", &cur_y, &name_y);
        });
    }
    if new_x.is_some() || new_y.is_some() {
        state.x = new_x.or(state.x.take());
        state.y = new_y.or(state.y.take());
        refresh(s, r, d.revision, state);
    }
    let Some(Ok(sc)) = state.cache.as_ref().map(|c| &c.result) else {
        return;
    };
    ui.label(RichText::new(t.tradeoff_help).weak());
    // The axis titles are wrapped labels above and below the chart (egui_plot's own run off a
    // small chart), and under them the front's names and the key, as tall as they will wrap.
    let width = ui.available_width();
    let wrapped = |text: &str| {
        ui.painter()
            .layout(
                text.to_string(),
                egui::TextStyle::Body.resolve(ui.style()),
                egui::Color32::WHITE,
                width,
            )
            .size()
            .y
    };
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let key_height = if width >= key_width(ui) {
        line
    } else {
        2.0 * line + 4.0
    };
    let around = wrapped(&sc.y_title)
        + wrapped(&sc.x_title)
        + wrapped(&sc.front_text)
        + key_height
        + 6.0 * ui.spacing().item_spacing.y
        + 8.0;
    let height = ui.available_height() - around;
    let body = |ui: &mut Ui, height: f32| {
        ui.add(egui::Label::new(RichText::new(&sc.y_title).weak()).wrap());
        scatter(ui, s, sc, height);
        ui.vertical_centered(|ui| {
            ui.add(egui::Label::new(RichText::new(&sc.x_title).weak()).wrap());
        });
        ui.add_space(4.0);
        ui.add(egui::Label::new(RichText::new(&sc.front_text).strong()).wrap());
        key(ui);
    };
    if height >= MIN_CHART {
        body(ui, height);
    } else {
        // Too little room: the chart keeps a readable size and the rest scrolls, never cut off.
        egui::ScrollArea::vertical()
            .id_salt("tradeoff-scroll")
            .show(ui, |ui| body(ui, MIN_CHART));
    }
}

/// The chart's least height: below it the view scrolls.
const MIN_CHART: f32 = 200.0;

/// Width of the markers' key on one line.
fn key_width(ui: &Ui) -> f32 {
    let t = i18n::s();
    let text = |s: &str| {
        ui.painter()
            .layout_no_wrap(
                s.to_string(),
                egui::TextStyle::Body.resolve(ui.style()),
                egui::Color32::WHITE,
            )
            .size()
            .x
    };
    text(t.tradeoff_key_front) + text(t.tradeoff_key_other) + 4.0 * LABEL_SIZE + 40.0
}

/// What the two markers mean: a diamond on the front, a circle off it.
fn key(ui: &mut Ui) {
    let t = i18n::s();
    let colour = ui.visuals().text_color();
    let side = ui.text_style_height(&egui::TextStyle::Body);
    let marker = |diamond: bool| {
        egui::Atom::paint(egui::vec2(side, side), move |ui, args| {
            let c = args.rect.center();
            let r = side * 0.32;
            let shape = if diamond {
                let r = r * 1.2;
                egui::Shape::convex_polygon(
                    vec![
                        c + egui::vec2(0.0, -r),
                        c + egui::vec2(r, 0.0),
                        c + egui::vec2(0.0, r),
                        c + egui::vec2(-r, 0.0),
                    ],
                    colour,
                    egui::Stroke::NONE,
                )
            } else {
                egui::Shape::circle_filled(c, r, colour)
            };
            ui.painter().add(shape);
        })
    };
    let entry = |ui: &mut Ui, diamond: bool, text: &str| {
        let r = ui.add(egui::WidgetAtom::new((marker(diamond), text)));
        r.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, text));
    };
    if ui.available_width() >= key_width(ui) {
        ui.horizontal(|ui| {
            entry(ui, true, t.tradeoff_key_front);
            ui.add_space(16.0);
            entry(ui, false, t.tradeoff_key_other);
        });
    } else {
        entry(ui, true, t.tradeoff_key_front);
        entry(ui, false, t.tradeoff_key_other);
    }
}

/// Brings the cached scatter up to date with the scenario revision and the chosen axes.
fn refresh(s: &Scenario, r: &Ranking, revision: u64, state: &mut TradeoffState) {
    let key = (revision, i18n::lang(), state.x.clone(), state.y.clone());
    if state.cache.as_ref().is_some_and(|c| c.key == key) {
        return;
    }
    state.computed += 1;
    state.cache = Some(Cache {
        result: compute(s, r, state.x.as_ref(), state.y.as_ref()),
        key,
    });
}

/// Width of an axis's list.
const COMBO_WIDTH: f32 = 260.0;

/// A labelled combo box of every axis; returns the newly picked axis.
fn axis_combo(
    ui: &mut Ui,
    s: &Scenario,
    label: &str,
    salt: &str,
    current: &Axis,
    current_name: &str,
) -> Option<Axis> {
    let l = ui.label(label);
    let mut picked = None;
    ComboBox::from_id_salt(salt)
        .selected_text(current_name)
        .width(COMBO_WIDTH)
        .show_ui(ui, |ui| {
            for axis in all_axes(s) {
                let selected = &axis == current;
                if ui.selectable_label(selected, axis_name(s, &axis)).clicked() && !selected {
                    picked = Some(axis);
                }
            }
        })
        .response
        .labelled_by(l.id);
    picked
}

/// Every axis on offer: the overall score, each criterion, each family with criteria.
fn all_axes(s: &Scenario) -> Vec<Axis> {
    let members = family_members(s);
    std::iter::once(Axis::Overall)
        .chain(s.criteria.iter().map(|c| Axis::Criterion(c.id.clone())))
        .chain(
            s.families
                .iter()
                .zip(&members)
                .filter(|(_, m)| !m.is_empty())
                .map(|(f, _)| Axis::Family(f.id.clone())),
        )
        .collect()
}

/// The axis's name in the combo boxes.
fn axis_name(s: &Scenario, axis: &Axis) -> String {
    let t = i18n::s();
    let lang = i18n::lang();
    match axis {
        Axis::Overall => t.tradeoff_overall.into(),
        Axis::Criterion(id) => s
            .criteria
            .iter()
            .find(|c| &c.id == id)
            .map_or_else(|| id.clone(), |c| c.name_in(lang).to_string()),
        Axis::Family(id) => fill(t.tradeoff_family_axis, &[&s.family_name_in(id, lang)]),
    }
}

/// The axis's title on the chart, saying which way is better.
fn axis_title(s: &Scenario, axis: &Axis) -> String {
    let t = i18n::s();
    match axis {
        Axis::Overall => t.tradeoff_title_overall.into(),
        Axis::Criterion(_) => fill(t.tradeoff_title_criterion, &[&axis_name(s, axis)]),
        Axis::Family(id) => fill(
            t.tradeoff_title_family,
            &[&s.family_name_in(id, i18n::lang())],
        ),
    }
}

/// The chosen axis if it still exists, else `None`.
fn valid(s: &Scenario, axis: Option<&Axis>) -> Option<Axis> {
    let axis = axis?;
    let ok = match axis {
        Axis::Overall => true,
        Axis::Criterion(id) => s.criterion_index(id).is_some(),
        Axis::Family(id) => s.families.iter().any(|f| &f.id == id),
    };
    ok.then(|| axis.clone())
}

/// Default X: the economic cost criterion (a "less is better" criterion in an economic
/// family, or named a cost), else the first cost criterion, else the first criterion.
fn default_x(s: &Scenario) -> Axis {
    let economic = |text: &str| text.to_lowercase().contains("econom");
    let costly = |text: &str| text.to_lowercase().contains("cost");
    let costs: Vec<_> = s
        .criteria
        .iter()
        .filter(|c| c.direction == Direction::Minimize)
        .collect();
    costs
        .iter()
        .find(|c| economic(&c.family) || economic(&s.family_name(&c.family)))
        .or_else(|| costs.iter().find(|c| costly(&c.id) || costly(&c.name)))
        .or_else(|| costs.first())
        .map(|c| c.id.clone())
        .or_else(|| s.criteria.first().map(|c| c.id.clone()))
        .map_or(Axis::Overall, Axis::Criterion)
}

/// Default Y: the effectiveness family when there is one, else the overall score.
fn default_y(s: &Scenario) -> Axis {
    let members = family_members(s);
    s.families
        .iter()
        .zip(&members)
        .find(|(f, m)| {
            !m.is_empty()
                && (f.id.to_lowercase().contains("effective")
                    || f.name.to_lowercase().contains("effective"))
        })
        .map_or(Axis::Overall, |(f, _)| Axis::Family(f.id.clone()))
}

/// The value of every option on `axis`, in scenario order.
fn values(s: &Scenario, r: &Ranking, families: &[Vec<f64>], axis: &Axis) -> Vec<f64> {
    match axis {
        Axis::Overall => r.scores.clone(),
        Axis::Criterion(id) => {
            let j = s.criterion_index(id);
            r.normalized
                .iter()
                .map(|row| j.and_then(|j| row.get(j)).copied().unwrap_or(0.0))
                .collect()
        }
        Axis::Family(id) => {
            let f = s.families.iter().position(|f| &f.id == id);
            families
                .iter()
                .map(|row| f.and_then(|f| row.get(f)).copied().unwrap_or(0.0))
                .collect()
        }
    }
}

fn compute(
    s: &Scenario,
    r: &Ranking,
    x: Option<&Axis>,
    y: Option<&Axis>,
) -> Result<Scatter, String> {
    let t = i18n::s();
    let lang = i18n::lang();
    if s.options.len() != r.scores.len() {
        return Err(t.tradeoff_out_of_date.into());
    }
    let x = valid(s, x).unwrap_or_else(|| default_x(s));
    let y = valid(s, y).unwrap_or_else(|| default_y(s));
    let families = family_scores(s, r);
    let xs = values(s, r, &families, &x);
    let ys = values(s, r, &families, &y);
    let pairs: Vec<(f64, f64)> = xs.iter().copied().zip(ys.iter().copied()).collect();
    let on_front = pareto_front(&pairs);
    let mut front: Vec<usize> = (0..pairs.len()).filter(|&i| on_front[i]).collect();
    // Left to right; at equal x the higher first, so the line steps down.
    front.sort_by(|&a, &b| {
        pairs[a]
            .0
            .total_cmp(&pairs[b].0)
            .then(pairs[b].1.total_cmp(&pairs[a].1))
            .then(a.cmp(&b))
    });
    let names: Vec<&str> = front.iter().map(|&i| s.options[i].name_in(lang)).collect();
    let front_text = fill(t.tradeoff_front, &[&names.join(t.list_sep)]);
    let mut labels: Vec<([f64; 2], String)> = Vec::new();
    // Front members get the first pick of label spots, then the rest from the top down.
    let mut label_order: Vec<usize> = front.clone();
    let mut rest: Vec<usize> = (0..pairs.len()).filter(|&i| !on_front[i]).collect();
    rest.sort_by(|&a, &b| pairs[b].1.total_cmp(&pairs[a].1));
    label_order.extend(rest);
    for i in label_order {
        let (px, py) = pairs[i];
        let label = s.options[i].label_in(lang);
        match labels
            .iter_mut()
            .find(|(p, _)| (p[0] - px).abs() < 1e-9 && (p[1] - py).abs() < 1e-9)
        {
            Some((_, text)) => {
                text.push_str(" / ");
                text.push_str(label);
            }
            None => labels.push(([px, py], label.to_string())),
        }
    }
    // Past a few dozen the names cover the chart: the front's and the highest others' are
    // written, every dot still names itself on hover (and placing 1,000 labels took a frame).
    labels.truncate(MAX_LABELS);
    Ok(Scatter {
        x_name: axis_name(s, &x),
        y_name: axis_name(s, &y),
        x_title: axis_title(s, &x),
        y_title: axis_title(s, &y),
        x,
        y,
        points: pairs.iter().map(|&(a, b)| [a, b]).collect(),
        on_front,
        front,
        front_text,
        labels,
    })
}

/// The range of `values`, widened to 0..1 (the scale of every axis).
fn range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values
        .filter(|v| v.is_finite())
        .fold((0.0_f64, 1.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::files::scenario_file::default_scenario;

    fn setup() -> (Scenario, Derived) {
        let s = default_scenario().unwrap();
        let d = Derived::compute(&s, 7);
        (s, d)
    }

    #[test]
    fn defaults_are_the_economic_cost_and_the_effectiveness_family() {
        let (s, _) = setup();
        assert_eq!(default_x(&s), Axis::Criterion("implementation-cost".into()));
        assert_eq!(default_y(&s), Axis::Family("effectiveness".into()));
    }

    #[test]
    fn the_scatter_is_computed_once_per_revision_and_choice() {
        let (s, d) = setup();
        let mut state = TradeoffState::default();
        let mut harness = egui_kittest::Harness::builder()
            .with_size(egui::vec2(900.0, 700.0))
            .build_ui_state(
                |ui, state: &mut TradeoffState| show(ui, &s, &d, state),
                std::mem::take(&mut state),
            );
        harness.run();
        assert_eq!(harness.state().computed, 1);
        harness.run_steps(10);
        assert_eq!(harness.state().computed, 1, "recomputed on idle frames");
        harness.state_mut().y = Some(Axis::Overall);
        harness.run();
        assert_eq!(harness.state().computed, 2);
        harness.run_steps(5);
        assert_eq!(harness.state().computed, 2);
    }

    #[test]
    fn a_new_revision_recomputes() {
        let (s, d) = setup();
        let r = d.ranking.as_ref().unwrap();
        let mut state = TradeoffState::default();
        refresh(&s, r, 1, &mut state);
        refresh(&s, r, 1, &mut state);
        assert_eq!(state.computed, 1);
        refresh(&s, r, 2, &mut state);
        assert_eq!(state.computed, 2);
    }
}
