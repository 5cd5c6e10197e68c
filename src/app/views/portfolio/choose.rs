//! Must-in and must-out per option: three states (free, must be in, must stay out), each change
//! one undoable edit of `settings.portfolio.include`/`exclude`, so that a saved file and the
//! command line give what the view shows. The baseline is shown, never a candidate.

use egui::{RichText, Ui};

use super::money;
use crate::app::Command;
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

pub(super) fn show(ui: &mut Ui, s: &Scenario, out: &mut Vec<Command>) {
    let t = pf::t();
    let lang = i18n::lang();
    let p = &s.settings.portfolio;
    ui.add_space(10.0);
    let heading = ui.text_style_height(&egui::TextStyle::Heading) * 0.85;
    ui.label(RichText::new(t.choose_heading).strong().size(heading));
    ui.label(RichText::new(t.choose_note).weak());
    egui::Grid::new("portfolio-choose")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for o in &s.options {
                let name = o.name_in(lang);
                ui.label(name);
                if o.id == p.baseline {
                    ui.label(RichText::new(t.baseline_note).weak());
                    ui.label("");
                    ui.end_row();
                    continue;
                }
                let now = if p.include.contains(&o.id) {
                    Choice::In
                } else if p.exclude.contains(&o.id) {
                    Choice::Out
                } else {
                    Choice::Free
                };
                ui.horizontal(|ui| {
                    for (c, text) in [
                        (Choice::Free, t.choice_free),
                        (Choice::In, t.choice_in),
                        (Choice::Out, t.choice_out),
                    ] {
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
                ui.label(
                    RichText::new(o.cost.map_or_else(
                        || t.no_cost_short.to_string(),
                        |c| fill(t.cost_is, &[&money(s, c)]),
                    ))
                    .weak(),
                );
                ui.end_row();
            }
        });
}
