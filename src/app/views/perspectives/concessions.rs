//! For each profile, what it would take to change its winner: how far its weights must move (in
//! percentage points) for another option to draw level with its top option, which option that
//! is, and whether the figure is exact (weighted sum) or a search's estimate. Worked out by
//! [`ConcessionJob`]; earlier results stay on show, faded, while new ones are worked out.

use egui::{RichText, Ui};

use super::{option_label, profile_name};
use crate::analysis::perspectives::{Concession, Perspectives};
use crate::app::perspectives_job::ConcessionJob;
use crate::app::robustness_job::Status;
use crate::app::theme;
use crate::i18n::perspectives::t;
use crate::i18n::{self, fill};
use crate::scenario::model::Scenario;

pub(super) fn show(
    ui: &mut Ui,
    s: &Scenario,
    p: &Perspectives,
    revision: u64,
    job: &mut ConcessionJob,
) {
    let status = job.status(revision);
    progress(ui, job, status);
    let Some(out) = job.results.clone() else {
        return;
    };
    let list = match &out.concessions {
        Ok(list) => list,
        Err(e) => {
            ui.colored_label(theme::ERROR, fill(i18n::s().cannot_score, &[e]));
            return;
        }
    };
    ui.scope(|ui| {
        if status != Status::UpToDate {
            ui.multiply_opacity(0.55);
        }
        table(ui, s, p, list);
    });
}

/// How the run stands: progress with Cancel, or a cancelled run with Run again.
fn progress(ui: &mut Ui, job: &mut ConcessionJob, status: Status) {
    let t = i18n::s();
    ui.horizontal(|ui| match status {
        Status::UpToDate => {}
        Status::Running(f) => {
            ui.add(
                egui::ProgressBar::new(f as f32)
                    .desired_width(160.0)
                    .show_percentage(),
            );
            ui.label(t.robust_updating);
            if ui.button(t.cancel).clicked() {
                job.cancel();
            }
        }
        Status::Waiting => {
            ui.label(t.robust_updating);
        }
        Status::Cancelled => {
            ui.label(t.robust_cancelled);
            if ui.button(t.robust_run_again).clicked() {
                job.retry();
            }
        }
    });
}

fn table(ui: &mut Ui, s: &Scenario, p: &Perspectives, list: &[Concession]) {
    let tx = t();
    egui::ScrollArea::horizontal()
        .id_salt("perspectives-concessions")
        .show(ui, |ui| {
            egui::Grid::new("perspectives-concessions-grid")
                .striped(true)
                .spacing([16.0, 5.0])
                .show(ui, |ui| {
                    for h in [tx.col_profile, tx.col_top, tx.col_rival, tx.col_change, ""] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    // Like-minded profiles together, as in the matrix above.
                    for &k in &p.order {
                        // Results of an older revision may lack a profile added since.
                        let Some(c) = list.iter().find(|c| c.profile == k) else {
                            continue;
                        };
                        row(ui, s, p, c);
                        ui.end_row();
                    }
                });
        });
}

fn row(ui: &mut Ui, s: &Scenario, p: &Perspectives, c: &Concession) {
    let tx = t();
    ui.label(profile_name(s, p, c.profile));
    ui.label(option_label(s, c.top));
    match &c.reach {
        Some(r) => {
            ui.label(option_label(s, r.rival));
            let change = if r.change_pp < 0.05 {
                tx.already_tied.to_string()
            } else {
                fill(tx.change_pp, &[&format!("{:.1}", r.change_pp)])
            };
            ui.label(RichText::new(change).strong().monospace());
        }
        None => {
            let none = if c.exact {
                tx.no_rival
            } else {
                tx.no_rival_found
            };
            ui.label(RichText::new(none).weak());
            ui.label("");
        }
    }
    let (kind, hover) = match (c.exact, c.complete) {
        (true, _) => (tx.exact, tx.exact_hover),
        (false, true) => (tx.estimate, tx.estimate_hover),
        (false, false) => (tx.estimate_partial, tx.estimate_partial_hover),
    };
    ui.label(RichText::new(kind).weak()).on_hover_text(hover);
}
