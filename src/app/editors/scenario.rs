//! Edit › Scenario details…: the metadata (title, description, source document, date, author,
//! languages, and the title and description in each other language the window speaks) and
//! every analysis setting (method, normalisation, profile in use, VIKOR's v, Monte Carlo draws
//! and seed, budget and its unit, and the portfolio's constraints: `scenario/portfolio.rs`).
//! One Apply sends one undo step.

use egui::{RichText, TextEdit, Ui, vec2};

mod portfolio;

use super::Outcome;
use super::checks::{self, entered, number_text, parse_number};
use super::fields;
use crate::app::labels::{method_title, normalization_name};
use crate::i18n::editors as e;
use crate::i18n::{self, Lang, fill};
use crate::scenario::edit::Edit;
use crate::scenario::model::{
    AnalysisSettings, Metadata, Method, MonteCarlo, Normalization, Scenario, Translation,
};

/// The scenario editor's fields, as typed.
pub(super) struct ScenarioForm {
    /// The metadata as it was when the editor opened (for the short labels of translations).
    original: Metadata,
    title: String,
    description: String,
    source: String,
    date: String,
    author: String,
    languages: String,
    /// Title and description in every other language the window speaks.
    other: Vec<(Lang, String, String)>,
    method: Method,
    normalization: Normalization,
    active_profile: String,
    vikor_v: String,
    draws: String,
    seed: String,
    budget: String,
    cost_unit: String,
    portfolio: portfolio::PortfolioForm,
    error: Option<String>,
}

impl ScenarioForm {
    pub(super) fn new(s: &Scenario) -> Self {
        let m = &s.metadata;
        let st = &s.settings;
        let other = Lang::ALL
            .into_iter()
            .filter(|l| *l != Lang::En)
            .map(|l| {
                let tr = m.i18n.get(l.code()).cloned().unwrap_or_default();
                (l, tr.name, tr.description)
            })
            .collect();
        Self {
            original: m.clone(),
            title: m.title.clone(),
            description: m.description.clone(),
            source: m.source.clone(),
            date: m.date.clone(),
            author: m.author.clone(),
            languages: m.languages.join(", "),
            other,
            method: st.method,
            normalization: st.normalization,
            active_profile: s
                .profiles
                .get(s.active_profile_index())
                .map_or(String::new(), |p| p.id.clone()),
            vikor_v: number_text(st.vikor_v),
            draws: st.monte_carlo.draws.to_string(),
            seed: st.monte_carlo.seed.to_string(),
            budget: st.budget.map_or(String::new(), number_text),
            cost_unit: st.cost_unit.clone(),
            portfolio: portfolio::PortfolioForm::new(s),
            error: None,
        }
    }

    fn metadata(&self) -> Result<Metadata, String> {
        let mut m = self.original.clone();
        m.title = self.title.trim().to_string();
        m.description = self.description.trim().to_string();
        m.source = self.source.trim().to_string();
        m.date = self.date.trim().to_string();
        m.author = self.author.trim().to_string();
        m.languages = self
            .languages
            .split([',', ' ', ';'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if m.languages.is_empty() {
            return Err(e::t().scen_languages_needed.to_string());
        }
        for (lang, title, description) in &self.other {
            let short = m
                .i18n
                .get(lang.code())
                .map_or(String::new(), |t| t.short.clone());
            let tr = Translation {
                name: title.trim().to_string(),
                short,
                description: description.trim().to_string(),
            };
            if tr == Translation::default() {
                m.i18n.remove(lang.code());
            } else {
                m.i18n.insert(lang.code().to_string(), tr);
            }
        }
        Ok(m)
    }

    fn settings(&self, s: &Scenario) -> Result<AnalysisSettings, String> {
        let t = e::t();
        let whole = |text: &str, what: &str| -> Result<u64, String> {
            text.trim()
                .parse::<u64>()
                .map_err(|_| fill(t.scen_not_whole, &[&what, &text.trim()]))
        };
        let draws = whole(&self.draws, t.scen_draws)?;
        let draws = u32::try_from(draws)
            .map_err(|_| fill(t.why_draws, &[&crate::scenario::validate::MAX_DRAWS]))?;
        let vikor_v = parse_number(&self.vikor_v, t.scen_vikor_v)?
            .ok_or_else(|| fill(i18n::s().form_needed, &[&t.scen_vikor_v]))?;
        Ok(AnalysisSettings {
            method: self.method,
            normalization: self.normalization,
            // The first profile is named as the empty id when the file named none.
            active_profile: if s.settings.active_profile.is_empty()
                && s.profiles
                    .first()
                    .is_some_and(|p| p.id == self.active_profile)
            {
                String::new()
            } else {
                self.active_profile.clone()
            },
            monte_carlo: MonteCarlo {
                draws,
                seed: whole(&self.seed, t.scen_seed)?,
            },
            budget: parse_number(&self.budget, t.scen_budget)?,
            cost_unit: self.cost_unit.trim().to_string(),
            vikor_v,
            portfolio: self.portfolio.settings(s)?,
        })
    }
}

pub(super) fn show(ctx: &egui::Context, s: &Scenario, form: &mut ScenarioForm) -> Outcome {
    let t = e::t();
    let mut enter = false;
    let error = form.error.clone();
    let pressed = checks::window(
        ctx,
        "scenario-editor",
        t.scen_title,
        vec2(760.0, 800.0),
        error.as_ref(),
        |ui| enter = body(ui, s, form),
    );
    if pressed.close {
        return Outcome::Close;
    }
    if !(pressed.ok || pressed.apply || enter) {
        return Outcome::Keep;
    }
    let close = pressed.ok;
    let built = form.metadata().and_then(|m| Ok((m, form.settings(s)?)));
    let (metadata, settings) = match built {
        Ok(both) => both,
        Err(why) => {
            form.error = Some(why);
            return Outcome::Keep;
        }
    };
    let mut edits = Vec::new();
    if metadata != s.metadata {
        edits.push(Edit::SetMetadata(Box::new(metadata)));
    }
    if settings != s.settings {
        // A refused portfolio setting is named as on the form (the list entry validation
        // names is not what the user sees).
        let edit = Edit::SetSettings(Box::new(settings));
        if let Err((path, message)) = fields::check(s, &edit)
            && path.starts_with("settings.portfolio")
        {
            form.error = Some(form.portfolio.refusal(s, &path, &message));
            return Outcome::Keep;
        }
        edits.push(edit);
    }
    if edits.is_empty() {
        form.error = None;
        return if close { Outcome::Close } else { Outcome::Keep };
    }
    match checks::checked(s, edits) {
        Ok(edits) => {
            form.error = None;
            Outcome::Send { edits, close }
        }
        Err(why) => {
            form.error = Some(why);
            Outcome::Keep
        }
    }
}

/// The width of the label column of both grids, so their fields line up.
const LABELS: f32 = 150.0;

/// A labelled description on a row of a two-column grid: a long one scrolls in five lines.
fn long_text(ui: &mut Ui, label: &str, text: &mut String, width: f32) {
    let l = ui.label(label);
    egui::ScrollArea::vertical()
        .id_salt(("scenario-editor-long", label))
        .max_height(ui.text_style_height(&egui::TextStyle::Body) * 5.6)
        .show(ui, |ui| {
            ui.add(
                TextEdit::multiline(text)
                    .desired_rows(2)
                    .desired_width(width),
            )
            .labelled_by(l.id);
        });
    ui.end_row();
}

/// A labelled single-line field on a row of a two-column grid; true when Enter ended input.
fn row(ui: &mut Ui, label: &str, text: &mut String, hint: &str, width: f32) -> bool {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(width),
        )
        .labelled_by(l.id);
    ui.end_row();
    entered(ui, &r)
}

fn body(ui: &mut Ui, s: &Scenario, form: &mut ScenarioForm) -> bool {
    let (t, lang) = (e::t(), i18n::lang());
    let mut apply = false;
    let wide = (ui.available_width() - 170.0).clamp(200.0, 520.0);
    ui.label(RichText::new(t.scen_document).strong());
    egui::Grid::new("scenario-editor-document")
        .num_columns(2)
        .min_col_width(LABELS)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            // Each text in English, then in every other language the window speaks.
            apply |= row(ui, t.scen_title_field, &mut form.title, "", wide);
            for (l, title, _) in &mut form.other {
                let label = format!("{} ({})", t.scen_title_field, l.native_name());
                apply |= row(ui, &label, title, "", wide);
            }
            long_text(ui, t.scen_description, &mut form.description, wide);
            for (l, _, description) in &mut form.other {
                let label = format!("{} ({})", t.scen_description, l.native_name());
                long_text(ui, &label, description, wide);
            }
            ui.label("");
            ui.label(RichText::new(t.scen_translation_note).small().weak());
            ui.end_row();
            apply |= row(
                ui,
                t.scen_source,
                &mut form.source,
                t.scen_source_hint,
                wide,
            );
            apply |= row(ui, t.scen_date, &mut form.date, t.scen_date_hint, 160.0);
            apply |= row(ui, t.scen_author, &mut form.author, "", wide);
            apply |= row(
                ui,
                t.scen_languages,
                &mut form.languages,
                "en, zh-CN",
                200.0,
            );
            ui.label("");
            ui.label(RichText::new(t.scen_languages_note).small().weak());
            ui.end_row();
        });

    ui.add_space(10.0);
    ui.separator();
    ui.label(RichText::new(t.scen_analysis).strong());
    egui::Grid::new("scenario-editor-settings")
        .num_columns(2)
        .min_col_width(LABELS)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label(t.scen_method);
            let before = form.method;
            egui::ComboBox::from_id_salt("scenario-editor-method")
                .selected_text(method_title(form.method))
                .width(220.0)
                .show_ui(ui, |ui| {
                    for m in Method::ALL {
                        ui.selectable_value(&mut form.method, m, method_title(m));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            if form.method != before {
                form.normalization = form.method.normalization_for(form.normalization);
            }
            let l = ui.label(t.scen_normalisation);
            egui::ComboBox::from_id_salt("scenario-editor-normalisation")
                .selected_text(normalization_name(form.normalization))
                .width(220.0)
                .show_ui(ui, |ui| {
                    for &n in form.method.normalizations() {
                        ui.selectable_value(&mut form.normalization, n, normalization_name(n));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(t.scen_profile);
            let current = s
                .profile_index(&form.active_profile)
                .map_or("", |i| s.profiles[i].name_in(lang));
            egui::ComboBox::from_id_salt("scenario-editor-profile")
                .selected_text(current)
                .width(220.0)
                .show_ui(ui, |ui| {
                    for p in &s.profiles {
                        ui.selectable_value(
                            &mut form.active_profile,
                            p.id.clone(),
                            p.name_in(lang),
                        );
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            apply |= row(ui, t.scen_vikor_v, &mut form.vikor_v, "0.5", 80.0);
            ui.label("");
            ui.label(RichText::new(t.scen_vikor_v_note).small().weak());
            ui.end_row();
            apply |= row(ui, t.scen_draws, &mut form.draws, "10000", 100.0);
            apply |= row(ui, t.scen_seed, &mut form.seed, "2019", 160.0);
            ui.label("");
            ui.label(RichText::new(t.scen_monte_carlo_note).small().weak());
            ui.end_row();
            apply |= row(
                ui,
                t.scen_budget,
                &mut form.budget,
                t.scen_budget_hint,
                100.0,
            );
            apply |= row(
                ui,
                t.scen_cost_unit,
                &mut form.cost_unit,
                t.scen_cost_unit_hint,
                200.0,
            );
            ui.label(t.scen_format_version);
            ui.label(RichText::new(form.original.format_version.to_string()).weak());
            ui.end_row();
        });
    ui.add_space(10.0);
    ui.separator();
    apply |= portfolio::body(ui, s, &mut form.portfolio, LABELS);
    apply
}
