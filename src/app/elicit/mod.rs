//! The weight elicitation dialog: points, swing weighting, pairwise comparisons (AHP) and
//! ranking, for the family weights or the weights within one family of the active profile.
//!
//! The dialog edits a draft `ElicitationInput`, previews the weights it gives on every change
//! (`elicitation::compute`), and only "Apply" sends one undoable `Edit::Elicit`.

use egui::{RichText, Ui};

use super::{Command, Derived, theme};
use crate::i18n::{self, fill};
use crate::scenario::edit::Edit;
use crate::scenario::elicitation::{self, Outcome};
use crate::scenario::model::{
    Elicitation, ElicitationInput, ElicitationRecord, ElicitationScope, PairwiseWeighting,
    RankRule, Scenario, WeightProfile,
};
use crate::scenario::weights::rounded_percents;

mod editors;

use editors::{pairwise_editor, ranking_editor, saaty_text, swing_editor};

/// The methods on offer: each with its name and how to answer, in the current language.
fn methods() -> [(Elicitation, &'static str, &'static str); 4] {
    let t = i18n::s();
    [
        (Elicitation::Direct, t.elicit_points, t.elicit_points_help),
        (Elicitation::Swing, t.elicit_swing, t.elicit_swing_help),
        (
            Elicitation::Pairwise,
            t.elicit_pairwise,
            t.elicit_pairwise_help,
        ),
        (
            Elicitation::Ranking,
            t.elicit_ranking,
            t.elicit_ranking_help,
        ),
    ]
}

/// State of the dialog: open or not, what is being weighed, how, and the draft answers.
#[derive(Default)]
pub struct ElicitState {
    pub open: bool,
    scope: Option<ElicitationScope>,
    method: Elicitation,
    /// The draft answers, for the profile they were started on.
    draft: Option<(String, ElicitationInput)>,
}

impl ElicitState {
    /// Opens the dialog on `scope` of the active profile.
    pub fn open_on(&mut self, scope: ElicitationScope) {
        self.open = true;
        self.scope = Some(scope);
        self.draft = None;
    }
}

/// Ids, display names and current shares of the items `scope` weighs, in the active profile
/// (whose shares `derived` already holds).
fn members(s: &Scenario, derived: &Derived, scope: &ElicitationScope) -> Vec<Member> {
    let lang = i18n::lang();
    match scope {
        ElicitationScope::Families => {
            let shares = derived.family_shares.iter().copied();
            s.families
                .iter()
                .zip(shares)
                .map(|(f, share)| Member {
                    id: f.id.clone(),
                    name: f.name_in(lang).to_string(),
                    share,
                })
                .collect()
        }
        ElicitationScope::Family(fid) => {
            let shares = derived.criterion_shares.iter().copied();
            s.criteria
                .iter()
                .zip(shares)
                .filter(|(c, _)| &c.family == fid)
                .map(|(c, share)| Member {
                    id: c.id.clone(),
                    name: c.label_in(lang).to_string(),
                    share,
                })
                .collect()
        }
    }
}

struct Member {
    id: String,
    name: String,
    share: f64,
}

/// A starting draft: the profile's own record when it used this method, else one that
/// reproduces the current weights as far as the method can.
fn start(
    profile: &WeightProfile,
    scope: &ElicitationScope,
    method: Elicitation,
    m: &[Member],
) -> ElicitationInput {
    if let Some(r) = elicitation::find_record(profile, scope)
        && r.input.method() == method
    {
        return r.input.clone();
    }
    let mut by_weight: Vec<&Member> = m.iter().collect();
    by_weight.sort_by(|a, b| b.share.total_cmp(&a.share));
    let top = by_weight.first().map_or(0.0, |x| x.share);
    match method {
        Elicitation::Direct => ElicitationInput::Direct {
            points: m
                .iter()
                .map(|x| (x.id.clone(), (x.share * 1000.0).round() / 10.0))
                .collect(),
        },
        Elicitation::Swing => ElicitationInput::Swing {
            swings: by_weight
                .iter()
                .map(|x| {
                    let rating = if top > 0.0 {
                        x.share / top * 100.0
                    } else {
                        100.0
                    };
                    (x.id.clone(), rating.round())
                })
                .collect(),
        },
        Elicitation::Pairwise => {
            let ids: Vec<String> = m.iter().map(|x| x.id.clone()).collect();
            elicitation::blank_input(Elicitation::Pairwise, &ids)
        }
        Elicitation::Ranking => {
            let mut order: Vec<Vec<String>> = Vec::new();
            let mut last = f64::NAN;
            for x in by_weight {
                match order.last_mut() {
                    Some(group) if (x.share - last).abs() < 1e-9 => group.push(x.id.clone()),
                    _ => order.push(vec![x.id.clone()]),
                }
                last = x.share;
            }
            ElicitationInput::Ranking {
                order,
                rule: RankRule::Centroid,
            }
        }
    }
}

/// The dialog's size: the same for every method and scope, so that the method tabs stay under
/// the pointer while switching; what does not fit scrolls inside.
fn dialog_size(ctx: &egui::Context) -> egui::Vec2 {
    let screen = ctx.content_rect().size();
    egui::vec2(
        700.0_f32.min(screen.x - 40.0).max(320.0),
        560.0_f32.min(screen.y - 120.0).max(260.0),
    )
}

pub fn show(
    ctx: &egui::Context,
    s: &Scenario,
    derived: &Derived,
    state: &mut ElicitState,
    out: &mut Vec<Command>,
) {
    if !state.open {
        return;
    }
    let Some(profile) = s.profiles.get(s.active_profile_index()) else {
        state.open = false;
        return;
    };
    // Escape closes the dialog, unless it is meant for an open list or a field being typed in.
    let escape = !egui::Popup::is_any_open(ctx)
        && !ctx.egui_wants_keyboard_input()
        && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    let mut open = true;
    let mut close = false;
    egui::Window::new(i18n::s().elicit_title)
        .open(&mut open)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 90.0))
        .fixed_size(dialog_size(ctx))
        .collapsible(false)
        .show(ctx, |ui| {
            close = body(ui, s, derived, profile, state, out);
        });
    if !open || close || escape {
        state.open = false;
        state.draft = None;
    }
}

/// The dialog's content; true when it should close.
fn body(
    ui: &mut Ui,
    s: &Scenario,
    derived: &Derived,
    profile: &WeightProfile,
    state: &mut ElicitState,
    out: &mut Vec<Command>,
) -> bool {
    let mut scope = state
        .scope
        .clone()
        .filter(|sc| elicitation::scope_members(s, sc).is_some())
        .unwrap_or(ElicitationScope::Families);
    let t = i18n::s();
    let lang = i18n::lang();
    ui.label(RichText::new(fill(t.profile_is, &[&profile.name_in(lang)])).strong());
    // What to weigh.
    let mut new_scope = None;
    ui.horizontal(|ui| {
        let label = ui.label(t.elicit_weigh);
        let text = |sc: &ElicitationScope| match sc {
            ElicitationScope::Families => t.elicit_scope_families.to_string(),
            ElicitationScope::Family(id) => fill(
                t.elicit_scope_family,
                &[&s.families
                    .iter()
                    .find(|f| &f.id == id)
                    .map_or(id.as_str(), |f| f.name_in(lang))],
            ),
        };
        egui::ComboBox::from_id_salt("elicit-scope")
            .selected_text(text(&scope))
            .width(360.0)
            .show_ui(ui, |ui| {
                let all = std::iter::once(ElicitationScope::Families).chain(
                    s.families
                        .iter()
                        .map(|f| ElicitationScope::Family(f.id.clone())),
                );
                for sc in all {
                    if ui.selectable_label(sc == scope, text(&sc)).clicked() && sc != scope {
                        new_scope = Some(sc);
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    if let Some(sc) = new_scope {
        state.scope = Some(sc.clone());
        state.draft = None;
        scope = sc;
    }
    // How.
    ui.horizontal(|ui| {
        ui.label(t.top_method);
        for (m, name, help) in methods() {
            if ui
                .selectable_label(state.method == m, name)
                .on_hover_text(help)
                .clicked()
                && state.method != m
            {
                state.method = m;
                state.draft = None;
            }
        }
    });
    ui.separator();
    // Everything that changes with the method scrolls in a fixed space above the buttons.
    let footer = ui.spacing().interact_size.y + 3.0 * ui.spacing().item_spacing.y + 6.0;
    let mut apply = None;
    egui::ScrollArea::vertical()
        .id_salt("elicit-body")
        .auto_shrink(false)
        .max_height((ui.available_height() - footer).max(80.0))
        .show(ui, |ui| {
            apply = answers(ui, s, derived, profile, &scope, state);
        });
    ui.separator();
    let mut close = false;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                apply.is_some(),
                egui::Button::new(fill(t.elicit_apply_to, &[&profile.name_in(lang)])),
            )
            .clicked()
            && let Some(record) = apply.take()
        {
            out.push(Command::Edit(Edit::Elicit {
                profile: profile.id.clone(),
                record: Box::new(record),
            }));
        }
        if ui.button(t.close).clicked() {
            close = true;
        }
    });
    close
}

/// The method's help, the answers being edited and the weights they give; the record to apply
/// when the answers give weights.
fn answers(
    ui: &mut Ui,
    s: &Scenario,
    derived: &Derived,
    profile: &WeightProfile,
    scope: &ElicitationScope,
    state: &mut ElicitState,
) -> Option<ElicitationRecord> {
    let t = i18n::s();
    let help = methods()
        .iter()
        .find(|(m, ..)| *m == state.method)
        .map_or("", |(_, _, h)| *h);
    ui.label(RichText::new(help).weak());
    ui.add_space(4.0);
    let m = members(s, derived, scope);
    if m.len() < 2 {
        ui.label(t.elicit_single_item);
        return None;
    }
    let fresh = !matches!(&state.draft, Some((p, input)) if p == &profile.id && input.method() == state.method);
    if fresh {
        state.draft = Some((profile.id.clone(), start(profile, scope, state.method, &m)));
    }
    let (_, input) = state.draft.as_mut()?;
    let name_of = |id: &str| {
        m.iter()
            .find(|x| x.id == id)
            .map_or(id.to_string(), |x| x.name.clone())
    };
    match input {
        ElicitationInput::Direct { points } => {
            egui::Grid::new("elicit-points")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for (id, p) in &mut points.0 {
                        let label = ui.label(name_of(id));
                        ui.add(egui::DragValue::new(p).range(0.0..=1000.0).speed(0.5))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
        }
        ElicitationInput::Swing { swings } => swing_editor(ui, swings, &name_of),
        ElicitationInput::Pairwise {
            items,
            judgements,
            weighting,
        } => {
            // A matrix of many items may be wider than the dialog: it scrolls sideways.
            egui::ScrollArea::horizontal()
                .id_salt("elicit-matrix")
                .show(ui, |ui| {
                    pairwise_editor(ui, items, judgements, weighting, &name_of);
                });
        }
        ElicitationInput::Ranking { order, rule } => ranking_editor(ui, order, rule, &name_of),
    }
    ui.separator();
    let outcome = elicitation::compute(input);
    match &outcome {
        Ok(o) => preview(ui, o, &m, input),
        Err(e) => {
            ui.colored_label(theme::ERROR, e.message.clone());
        }
    }
    if let Some(old) = elicitation::find_record(profile, scope)
        && !elicitation::record_matches_weights(profile, old)
    {
        ui.label(RichText::new(t.elicit_edited_by_hand).color(theme::WARNING));
    }
    outcome.is_ok().then(|| ElicitationRecord {
        scope: scope.clone(),
        input: input.clone(),
    })
}

/// The weights the answers give, next to the current ones.
fn preview(ui: &mut Ui, o: &Outcome, m: &[Member], input: &ElicitationInput) {
    let t = i18n::s();
    ui.label(RichText::new(t.elicit_resulting).strong());
    // Both columns rounded by largest remainder, so each adds up to exactly 100 %.
    let now: Vec<f64> = o
        .weights
        .iter()
        .map(|(id, _)| m.iter().find(|x| &x.id == id).map_or(0.0, |x| x.share))
        .collect();
    let now = rounded_percents(&now, 1);
    let given: Vec<f64> = o.weights.iter().map(|(_, w)| *w).collect();
    let given = rounded_percents(&given, 1);
    egui::Grid::new("elicit-preview")
        .num_columns(3)
        .spacing([12.0, 3.0])
        .show(ui, |ui| {
            for (k, (id, w)) in o.weights.iter().enumerate() {
                let member = m.iter().find(|x| &x.id == id);
                ui.label(member.map_or(id.as_str(), |x| x.name.as_str()));
                ui.add(
                    egui::ProgressBar::new(*w as f32)
                        .desired_width(220.0)
                        .text(format!("{:.1} %", given.get(k).copied().unwrap_or(0.0))),
                );
                ui.label(
                    RichText::new(fill(
                        t.elicit_now,
                        &[&format!("{:.1}", now.get(k).copied().unwrap_or(0.0))],
                    ))
                    .weak(),
                );
                ui.end_row();
            }
        });
    let Some(p) = &o.pairwise else { return };
    let cr =
        p.cr.map_or(t.elicit_cr_undefined.to_string(), |cr| format!("{cr:.3}"));
    let line = format!(
        "λmax {:.3} · CI {:.3} · CR {cr}{}",
        p.lambda_max,
        p.ci,
        if p.warning {
            t.elicit_cr_too_high
        } else {
            t.elicit_cr_ok
        }
    );
    ui.label(RichText::new(line).color(if p.warning {
        theme::WARNING
    } else {
        ui.visuals().text_color()
    }));
    if let (Some(worst), ElicitationInput::Pairwise { items, .. }) = (&p.most_inconsistent, input) {
        let name = |k: usize| {
            items
                .get(k)
                .and_then(|id| m.iter().find(|x| &x.id == id))
                .map_or("?", |x| x.name.as_str())
        };
        ui.label(fill(
            t.elicit_most_inconsistent,
            &[
                &name(worst.row),
                &name(worst.col),
                &saaty_text(worst.given),
                &saaty_text(worst.consistent),
                &saaty_text(worst.nearest_scale),
            ],
        ));
    }
}
