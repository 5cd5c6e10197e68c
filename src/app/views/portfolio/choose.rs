//! Must-in and must-out per option: three states (free, must be in, must stay out), each change
//! one undoable edit of `settings.portfolio.include`/`exclude`, so that a saved file and the
//! command line give what the view shows. The baseline is shown, never a candidate.

use egui::{RichText, Ui};

use super::money;
use crate::app::Command;
use crate::app::views::rows;
use crate::i18n::{self, fill, portfolio as pf};
use crate::scenario::edit::Edit;
use crate::scenario::model::Scenario;

/// An option's place in the constraints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Choice {
    Free,
    In,
    Out,
}

/// The list lays out only the rows in sight ([`rows`]): 1,000 options each with three buttons
/// took tens of milliseconds a frame.
pub(super) fn show(ui: &mut Ui, s: &Scenario, data_revision: u64, out: &mut Vec<Command>) {
    let t = pf::t();
    let lang = i18n::lang();
    let p = &s.settings.portfolio;
    ui.add_space(10.0);
    let heading = ui.text_style_height(&egui::TextStyle::Heading) * 0.85;
    ui.label(RichText::new(t.choose_heading).strong().size(heading));
    ui.label(RichText::new(t.choose_note).weak());
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let gap = ui.spacing().item_spacing.x * 2.0;
    let name_w = rows::widest(
        ui,
        "portfolio-choose-names",
        (data_revision, lang),
        s.options.iter().map(|o| o.name_in(lang)),
        rows::body(ui),
    )
    .clamp(body * 4.0, body * 18.0);
    let choices = [
        (Choice::Free, t.choice_free),
        (Choice::In, t.choice_in),
        (Choice::Out, t.choice_out),
    ];
    let buttons_w = rows::widest(
        ui,
        "portfolio-choose-buttons",
        lang,
        [t.baseline_note],
        rows::body(ui),
    )
    .max(
        choices
            .iter()
            .map(|(_, text)| {
                egui::WidgetText::from(*text)
                    .into_galley(ui, None, f32::INFINITY, egui::TextStyle::Button)
                    .size()
                    .x
                    + 2.0 * ui.spacing().button_padding.x
                    + ui.spacing().item_spacing.x
            })
            .sum(),
    );
    let cost_w = body * 9.0;
    let width = name_w + buttons_w + cost_w + 2.0 * gap;
    let height = ui.spacing().interact_size.y + 6.0;
    rows::rows(ui, width, height, s.options.len(), |ui, row| {
        let o = &s.options[row];
        let name = o.name_in(lang);
        ui.spacing_mut().item_spacing.x = gap;
        rows::cell(ui, name_w, |ui| {
            ui.add(egui::Label::new(name).truncate());
        });
        if o.id == p.baseline {
            rows::cell(ui, buttons_w, |ui| {
                ui.label(RichText::new(t.baseline_note).weak());
            });
            return;
        }
        let now = if p.include.contains(&o.id) {
            Choice::In
        } else if p.exclude.contains(&o.id) {
            Choice::Out
        } else {
            Choice::Free
        };
        rows::cell(ui, buttons_w, |ui| {
            ui.spacing_mut().item_spacing.x = ui.spacing().button_padding.x;
            for (c, text) in choices {
                let r = ui.add(egui::Button::selectable(now == c, text));
                // Named with its option for screen readers (and the tests).
                let label = format!("{name}: {text}");
                r.widget_info(|| {
                    egui::WidgetInfo::selected(
                        egui::accesskit::Role::Button,
                        true,
                        now == c,
                        &label,
                    )
                });
                if r.clicked() && now != c {
                    let mut settings = s.settings.clone();
                    let q = &mut settings.portfolio;
                    q.include.retain(|x| x != &o.id);
                    q.exclude.retain(|x| x != &o.id);
                    match c {
                        Choice::In => q.include.push(o.id.clone()),
                        Choice::Out => q.exclude.push(o.id.clone()),
                        Choice::Free => {}
                    }
                    out.push(Command::Edit(Edit::SetSettings(Box::new(settings))));
                }
            }
        });
        rows::cell(ui, cost_w, |ui| {
            ui.label(
                RichText::new(o.cost.map_or_else(
                    || t.no_cost_short.to_string(),
                    |c| fill(t.cost_is, &[&money(s, c)]),
                ))
                .weak(),
            );
        });
    });
}
