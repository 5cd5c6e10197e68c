//! The profile editor: a weight profile's name and note beside their translations, its
//! author, its vote weight, and the plausible range of criterion weights that SMAA draws
//! from, each shown beside the criterion's current weight. Sent as one
//! [`Edit::ReplaceProfile`]; the weights themselves stay with the sliders and elicitation.

use egui::{RichText, Ui};

use super::fields::{
    self, Reply, entered, grid, in_language, line, lines, mark, name_it, not_changed, parse_number,
    section,
};
use crate::i18n::{self, Lang, editors, fill};
use crate::scenario::edit::Edit;
use crate::scenario::model::{Scenario, Translation, WeightProfile, WeightRange};
use crate::scenario::validate::MAX_VOTE_WEIGHT;
use crate::scenario::weights::criterion_shares;

/// Which field holds the problem, to mark it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    Translation,
    VoteWeight,
    /// The low end of range k (or the range as a whole).
    Low(usize),
    High(usize),
    Whole,
}

/// One weight range as typed.
struct RangeRow {
    criterion: String,
    low: String,
    high: String,
}

/// The profile editor's fields, as typed.
pub struct ProfileForm {
    id: String,
    name: String,
    author: String,
    note: String,
    /// Name and note (as `description`) in other languages.
    translations: Vec<(Lang, Translation)>,
    vote_weight: String,
    ranges: Vec<RangeRow>,
    error: Option<(Field, String)>,
    reveal: bool,
}

impl ProfileForm {
    pub fn new(p: &WeightProfile) -> Self {
        Self {
            id: p.id.clone(),
            name: p.name.clone(),
            author: p.author.clone(),
            note: p.note.clone(),
            translations: fields::other_languages(&p.i18n),
            vote_weight: format!("{}", p.vote_weight),
            ranges: p
                .weight_ranges
                .iter()
                .map(|r| RangeRow {
                    criterion: r.criterion.clone(),
                    low: format!("{}", r.low),
                    high: format!("{}", r.high),
                })
                .collect(),
            error: None,
            reveal: false,
        }
    }

    /// The profile the fields describe, built on `base`, or the field at fault and why.
    fn profile(&self, base: &WeightProfile) -> Result<WeightProfile, (Field, String)> {
        let (t, e) = (i18n::s(), editors::t());
        let mut p = base.clone();
        p.name = self.name.trim().to_string();
        if p.name.is_empty() {
            return Err((Field::Name, fill(t.form_give_name, &[&e.profile_word])));
        }
        p.author = self.author.trim().to_string();
        p.note = self.note.trim().to_string();
        fields::write_languages(&mut p.i18n, &self.translations);
        let vote = parse_number(&self.vote_weight, e.profile_vote_weight)
            .map_err(|why| (Field::VoteWeight, why))?
            .ok_or_else(|| {
                (
                    Field::VoteWeight,
                    fill(t.form_needed, &[&e.profile_vote_weight]),
                )
            })?;
        if !(vote > 0.0 && vote <= MAX_VOTE_WEIGHT) {
            return Err((
                Field::VoteWeight,
                fill(e.profile_vote_weight_bounds, &[&vote, &MAX_VOTE_WEIGHT]),
            ));
        }
        p.vote_weight = vote;
        p.weight_ranges = Vec::with_capacity(self.ranges.len());
        for (k, row) in self.ranges.iter().enumerate() {
            let number = |text: &str, what: &str, field: Field| {
                parse_number(text, what)
                    .map_err(|why| (field, why))?
                    .ok_or_else(|| (field, fill(t.form_needed, &[&what])))
            };
            let low = number(&row.low, e.profile_low, Field::Low(k))?;
            let high = number(&row.high, e.profile_high, Field::High(k))?;
            if low < 0.0 {
                return Err((Field::Low(k), fill(e.profile_range_negative, &[&low])));
            }
            if low > high {
                return Err((
                    Field::Low(k),
                    fill(e.profile_range_inverted, &[&low, &high]),
                ));
            }
            p.weight_ranges.push(WeightRange {
                criterion: row.criterion.clone(),
                low,
                high,
            });
        }
        Ok(p)
    }

    /// The field a problem the scenario's checks found belongs to, from its path.
    fn field_of(path: &str) -> Field {
        let rest = path.split_once("].").map_or("", |(_, r)| r);
        let index = || {
            rest.split_once('[')
                .and_then(|(_, r)| r.split_once(']'))
                .and_then(|(k, _)| k.parse().ok())
        };
        match rest.split(['.', '[']).next().unwrap_or("") {
            "name" => Field::Name,
            "i18n" => Field::Translation,
            "vote_weight" => Field::VoteWeight,
            "weight_ranges" if rest.ends_with("high") => index().map_or(Field::Whole, Field::High),
            "weight_ranges" => index().map_or(Field::Whole, Field::Low),
            _ => Field::Whole,
        }
    }

    fn mark_if(&mut self, ui: &Ui, r: &egui::Response, field: Field) {
        if let Some((f, why)) = &self.error
            && *f == field
        {
            mark(ui, r, why, &mut self.reveal);
        }
    }
}

/// Draws the editor; returns whether it stays open.
pub fn show(
    ctx: &egui::Context,
    s: &Scenario,
    form: &mut ProfileForm,
    out: &mut Vec<Edit>,
) -> bool {
    let Some(i) = s.profile_index(&form.id) else {
        return false; // gone meanwhile (undo, delete)
    };
    let base = &s.profiles[i];
    let e = editors::t();
    let title = fill(e.profile_title, &[&base.name_in(i18n::lang())]);
    let error = form.error.as_ref().map(|(_, why)| not_changed(why));
    let reply = fields::window(ctx, "profile-editor", &title, error.as_ref(), |ui| {
        body(ui, s, base, form)
    });
    match reply {
        Reply::Cancel => false,
        Reply::Waiting => true,
        Reply::Apply => {
            let profile = match form.profile(base) {
                Ok(p) => p,
                Err(problem) => {
                    form.error = Some(problem);
                    form.reveal = true;
                    return true;
                }
            };
            if &profile == base {
                return false;
            }
            let edit = Edit::ReplaceProfile(Box::new(profile));
            match fields::check(s, &edit) {
                Ok(()) => {
                    out.push(edit);
                    false
                }
                Err((path, why)) => {
                    form.error = Some((ProfileForm::field_of(&path), why));
                    form.reveal = true;
                    true
                }
            }
        }
    }
}

fn body(ui: &mut Ui, s: &Scenario, base: &WeightProfile, form: &mut ProfileForm) -> bool {
    let (t, e) = (i18n::s(), editors::t());
    let mut apply = false;
    ui.label(
        RichText::new(fill(e.profile_id_is, &[&form.id]))
            .small()
            .weak(),
    );
    let languages = 1 + form.translations.len();
    let label_w = fields::label_width(
        ui,
        &[
            t.name,
            e.profile_note,
            e.profile_author,
            e.profile_vote_weight,
        ],
    );
    let gaps = 10.0 * languages as f32 + 8.0;
    let w = ((ui.available_width() - label_w - gaps) / languages as f32).max(120.0);
    grid(ui, "profile-editor-names", 1 + languages, |ui| {
        fields::label(ui, "", label_w);
        ui.label(RichText::new(Lang::En.native_name()).weak());
        for (l, _) in &form.translations {
            ui.label(RichText::new(l.native_name()).weak());
        }
        ui.end_row();

        fields::label(ui, t.name, label_w);
        let r = line(ui, &mut form.name, t.name, "", w);
        form.mark_if(ui, &r, Field::Name);
        apply |= entered(ui, &r);
        for (l, tr) in &mut form.translations {
            let r = line(ui, &mut tr.name, &in_language(t.name, *l), "", w);
            if let Some((Field::Translation, why)) = &form.error {
                mark(ui, &r, why, &mut form.reveal);
            }
            apply |= entered(ui, &r);
        }
        ui.end_row();
    });
    fields::top_row(ui, |ui| {
        fields::label(ui, e.profile_note, label_w);
        lines(ui, &mut form.note, e.profile_note, w);
        for (l, tr) in &mut form.translations {
            lines(ui, &mut tr.description, &in_language(e.profile_note, *l), w);
        }
    });
    ui.add_space(6.0);
    grid(ui, "profile-editor-facts", 2, |ui| {
        fields::label(ui, e.profile_author, label_w);
        let r = line(
            ui,
            &mut form.author,
            e.profile_author,
            e.profile_author_hint,
            w.min(360.0),
        );
        apply |= entered(ui, &r);
        ui.end_row();

        fields::label(ui, e.profile_vote_weight, label_w);
        ui.horizontal(|ui| {
            let r = line(ui, &mut form.vote_weight, e.profile_vote_weight, "1", 90.0);
            form.mark_if(ui, &r, Field::VoteWeight);
            apply |= entered(ui, &r);
            ui.label(RichText::new(e.profile_vote_weight_hint).small().weak());
        });
        ui.end_row();
    });

    section(ui, e.profile_ranges);
    ui.label(RichText::new(e.profile_ranges_note).small().weak());
    apply |= ranges(ui, s, base, form);
    apply
}

/// The weight ranges: a row each (criterion, current weight, low, high, a button to take it
/// off), then a button that adds a range for a criterion that has none.
fn ranges(ui: &mut Ui, s: &Scenario, base: &WeightProfile, form: &mut ProfileForm) -> bool {
    let (e, lang) = (editors::t(), i18n::lang());
    let mut apply = false;
    let shares = criterion_shares(s, base);
    // The weight in the profile's own units: its entry, or 1 each when the map is empty.
    let current = |id: &str| {
        let raw = if base.criterion_weights.is_empty() {
            1.0
        } else {
            base.criterion_weights.get(id).unwrap_or(0.0)
        };
        let share = s
            .criterion_index(id)
            .and_then(|j| shares.get(j))
            .map_or(String::new(), |w| format!(" ({:.0} %)", w * 100.0));
        format!("{raw}{share}")
    };
    let mut remove = None;
    if !form.ranges.is_empty() {
        grid(ui, "profile-editor-ranges", 5, |ui| {
            for label in [
                e.profile_criterion,
                e.profile_current,
                e.profile_low,
                e.profile_high,
                "",
            ] {
                ui.label(RichText::new(label).weak());
            }
            ui.end_row();
            let taken: Vec<String> = form.ranges.iter().map(|r| r.criterion.clone()).collect();
            for (k, row) in form.ranges.iter_mut().enumerate() {
                let name = s
                    .criterion_index(&row.criterion)
                    .map_or(row.criterion.clone(), |j| {
                        s.criteria[j].label_in(lang).to_string()
                    });
                let r = egui::ComboBox::from_id_salt(("profile-editor-criterion", k))
                    .selected_text(&name)
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        // A criterion has at most one range.
                        let mine = row.criterion.clone();
                        for c in s
                            .criteria
                            .iter()
                            .filter(|c| c.id == mine || !taken.contains(&c.id))
                        {
                            ui.selectable_value(&mut row.criterion, c.id.clone(), c.label_in(lang));
                        }
                    })
                    .response;
                name_it(ui, &r, &fill(e.profile_criterion_n, &[&(k + 1)]));
                ui.label(current(&row.criterion));
                let low_name = fill(e.profile_low_of, &[&name]);
                let r = line(ui, &mut row.low, &low_name, "", 70.0);
                if let Some((f, why)) = &form.error
                    && *f == Field::Low(k)
                {
                    mark(ui, &r, why, &mut form.reveal);
                }
                apply |= entered(ui, &r);
                let high_name = fill(e.profile_high_of, &[&name]);
                let r = line(ui, &mut row.high, &high_name, "", 70.0);
                if let Some((f, why)) = &form.error
                    && *f == Field::High(k)
                {
                    mark(ui, &r, why, &mut form.reveal);
                }
                apply |= entered(ui, &r);
                let r = ui.small_button("✖").on_hover_text(e.profile_range_remove);
                name_it(ui, &r, &fill(e.profile_range_remove_of, &[&name]));
                if r.clicked() {
                    remove = Some(k);
                }
                ui.end_row();
            }
        });
    }
    if let Some(k) = remove {
        form.ranges.remove(k);
        form.error = None;
    }
    let free = s
        .criteria
        .iter()
        .find(|c| !form.ranges.iter().any(|r| r.criterion == c.id));
    if let Some(c) = free
        && ui.button(e.profile_add_range).clicked()
    {
        // Start at half to one and a half times the current weight: a range to adjust.
        let raw = if base.criterion_weights.is_empty() {
            1.0
        } else {
            base.criterion_weights.get(&c.id).unwrap_or(0.0)
        };
        form.ranges.push(RangeRow {
            criterion: c.id.clone(),
            low: format!("{}", raw * 0.5),
            high: format!("{}", raw * 1.5),
        });
    }
    apply
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::scenario_file::default_scenario;

    #[test]
    fn the_fields_give_back_every_profile_exactly() {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        for p in &s.profiles {
            let form = ProfileForm::new(p);
            assert_eq!(form.profile(p).as_ref(), Ok(p), "{}", p.id);
        }
    }

    #[test]
    fn problems_are_found_in_the_field_that_holds_them() {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let p = &s.profiles[0];
        let mut form = ProfileForm::new(p);
        for bad in ["0", "-1", "1e7", "abc", ""] {
            form.vote_weight = bad.into();
            assert_eq!(
                form.profile(p).err().map(|e| e.0),
                Some(Field::VoteWeight),
                "{bad}"
            );
        }
        form.vote_weight = "1e6".into();
        assert_eq!(form.profile(p).map(|p| p.vote_weight), Ok(1e6));
        form.ranges.push(RangeRow {
            criterion: s.criteria[0].id.clone(),
            low: "3".into(),
            high: "2".into(),
        });
        let k = form.ranges.len() - 1;
        assert_eq!(form.profile(p).err().map(|e| e.0), Some(Field::Low(k)));
        for (path, field) in [
            ("profiles[0].vote_weight", Field::VoteWeight),
            ("profiles[0].weight_ranges[1].high", Field::High(1)),
            ("profiles[0].weight_ranges[2].criterion", Field::Low(2)),
            ("profiles[0].criterion_weights", Field::Whole),
        ] {
            assert_eq!(ProfileForm::field_of(path), field, "{path}");
        }
    }
}
