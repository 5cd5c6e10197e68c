//! Editors of the scenario's items, each in a window of its own: opened from a view or panel
//! by [`Command::OpenEditor`], they send their change as one [`Edit`], checked against the
//! scenario first, so a refusal keeps the window open with the typed text and the reason.
//!
//! - `fields`: what the editors share (window, rows, marks, numbers, the pre-check);
//! - `option`: every field of an option (`option/lists.rs`: tags, principles, interactions);
//! - `profile`: a weight profile's names, author, note, vote weight and weight ranges.

mod fields;
mod option;
mod profile;

use super::Command;
use crate::scenario::model::Scenario;

/// What an editor is opened on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The option with this id.
    Option(String),
    /// The weight profile with this id.
    Profile(String),
}

impl Target {
    /// The target named by `option`, `option:<id>`, `profile` or `profile:<id>` (the first
    /// option, the active profile when no id is given); for pictures of an editor.
    pub fn parse(text: &str, s: &Scenario) -> Option<Target> {
        let (kind, id) = text.split_once(':').unwrap_or((text, ""));
        match kind {
            "option" if id.is_empty() => s.options.first().map(|o| Target::Option(o.id.clone())),
            "option" => Some(Target::Option(id.to_string())),
            "profile" if id.is_empty() => s
                .profiles
                .get(s.active_profile_index())
                .map(|p| Target::Profile(p.id.clone())),
            "profile" => Some(Target::Profile(id.to_string())),
            _ => None,
        }
    }
}

/// The editor that is open, if any (one at a time).
#[derive(Default)]
pub struct Editors {
    open: Option<Open>,
}

enum Open {
    Option(option::OptionForm),
    Profile(profile::ProfileForm),
}

impl Editors {
    /// Opens the editor on `target` with its fields as they are now; nothing when it is gone.
    pub fn open(&mut self, s: &Scenario, target: &Target) {
        self.open = match target {
            Target::Option(id) => s
                .option_index(id)
                .map(|i| Open::Option(option::OptionForm::new(&s.options[i]))),
            Target::Profile(id) => s
                .profile_index(id)
                .map(|i| Open::Profile(profile::ProfileForm::new(&s.profiles[i]))),
        };
    }

    /// Draws the open editor and pushes the edit it sends.
    pub fn show(&mut self, ctx: &egui::Context, s: &Scenario, out: &mut Vec<Command>) {
        let mut edits = Vec::new();
        let keep = match &mut self.open {
            None => return,
            Some(Open::Option(form)) => option::show(ctx, s, form, &mut edits),
            Some(Open::Profile(form)) => profile::show(ctx, s, form, &mut edits),
        };
        out.extend(edits.into_iter().map(Command::Edit));
        if !keep {
            self.open = None;
        }
    }
}
