//! The interface in Chinese: switched from the View menu, remembered in the preferences, drawn
//! with the bundled font (kittest panics on a character no font has), and names taken from the
//! scenario's translations.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::app::{Command, TidelineApp, View};
use tideline::i18n::Lang;

fn harness(app: TidelineApp) -> Harness<'static, TidelineApp> {
    let mut harness = Harness::builder()
        // Background results (the ranking's badges) may settle a few frames later.
        .with_max_steps(12)
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn default_app() -> TidelineApp {
    TidelineApp::with_default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_view_menu_switches_the_interface_to_chinese_and_back() {
    let mut harness = harness(default_app());
    assert_eq!(harness.state().prefs.lang, Lang::En);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Language").click();
    harness.run();
    // Each language is offered in its own name.
    assert!(harness.query_by_label("English").is_some());
    harness.get_by_label("简体中文").click();
    harness.run();
    assert_eq!(harness.state().prefs.lang, Lang::ZhCn);

    // The navigator and the view speak Chinese; the options have their Chinese names.
    assert_eq!(harness.state().view, View::Ranking);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "排序")
            .is_some(),
        "the navigator's ranking button"
    );
    harness.get_by_role_and_label(Role::Button, "方法").click();
    harness.run();
    assert_eq!(harness.state().view, View::Methods);
    assert!(
        harness.query_by_label("方法比较").is_some(),
        "the view's heading"
    );
    let s = harness.state().scenario.clone();
    let top = &s.options[0];
    let short = top.label_in(Lang::ZhCn);
    assert_ne!(
        short,
        top.label(),
        "the default scenario has a Chinese short label"
    );
    assert!(
        harness.query_by_label(short).is_some(),
        "{short} in the methods table"
    );
    assert!(harness.query_by_label(top.label()).is_none());

    // The menus are Chinese too, and lead back to English.
    harness.get_by_label("视图").click();
    harness.run();
    harness.get_by_label("语言").click();
    harness.run();
    harness.get_by_label("English").click();
    harness.run();
    assert_eq!(harness.state().prefs.lang, Lang::En);
    assert!(harness.query_by_label("Method comparison").is_some());
}

#[test]
fn every_view_draws_in_chinese_with_the_bundled_font() {
    let mut app = default_app();
    app.execute(Command::SetLanguage(Lang::ZhCn));
    let mut harness = harness(app);
    // Each view through its navigator button, by its Chinese name, and back to the first.
    let names = [
        (View::Options, "方案"),
        (View::Matrix, "矩阵"),
        (View::Ranking, "排序"),
        (View::Compare, "比较"),
        (View::Tradeoff, "权衡"),
        (View::Methods, "方法"),
        (View::Robustness, "稳健性"),
        (View::Perspectives, "观点"),
        (View::Portfolio, "方案组合"),
        (View::Options, "方案"),
    ];
    for (view, name) in names {
        harness.get_by_role_and_label(Role::Button, name).click();
        harness.run();
        assert_eq!(harness.state().view, view, "{name}");
    }
    assert_eq!(View::ALL.len(), 9, "a view without a Chinese name here");
    // Chinese names in the ranking details, and the family names in the weights panel.
    harness
        .state_mut()
        .execute(Command::ShowView(View::Ranking));
    harness.run();
    let s = harness.state().scenario.clone();
    for o in &s.options {
        assert!(
            harness.query_by_label(o.name_in(Lang::ZhCn)).is_some(),
            "{}",
            o.id
        );
    }
    assert!(harness.query_by_label("权重").is_some());
    // Projection mode, with its own header and larger type.
    harness.state_mut().execute(Command::Projection(true));
    harness.run();
    assert!(
        harness
            .query_by_label(tideline::i18n::Lang::ZhCn.strings().projection_keys)
            .is_some()
    );
}

#[test]
fn the_language_of_one_window_does_not_leak_into_another() {
    // Tests run on their own threads, and the language is per thread; two windows on one thread
    // each set theirs at the start of a frame.
    let mut zh = default_app();
    zh.execute(Command::SetLanguage(Lang::ZhCn));
    let mut zh = harness(zh);
    let mut en = harness(default_app());
    zh.run();
    en.run();
    assert!(
        en.query_by_role_and_label(Role::Button, "Ranking")
            .is_some()
    );
    assert!(zh.query_by_role_and_label(Role::Button, "排序").is_some());
    assert!(en.query_by_role_and_label(Role::Button, "排序").is_none());
}

#[test]
fn the_bundled_font_has_every_character_of_the_chinese_text() {
    let s = tideline::files::scenario_file::default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let mut texts: Vec<String> = tideline::i18n::all_entries(Lang::ZhCn)
        .into_iter()
        .map(|(_, text)| text.to_string())
        .collect();
    for t in s.options.iter().flat_map(|o| o.i18n.values()) {
        texts.extend([t.name.clone(), t.short.clone(), t.description.clone()]);
    }
    for t in s.criteria.iter().flat_map(|c| c.i18n.values()) {
        texts.extend([t.name.clone(), t.short.clone(), t.description.clone()]);
    }
    for t in s.families.iter().flat_map(|f| f.i18n.values()) {
        texts.extend([t.name.clone(), t.description.clone()]);
    }
    for t in s.principles.iter().flat_map(|p| p.i18n.values()) {
        texts.push(t.name.clone());
    }
    for t in s.clusters.iter().flat_map(|k| k.i18n.values()) {
        texts.extend([t.name.clone(), t.description.clone()]);
    }
    for t in s.profiles.iter().flat_map(|p| p.i18n.values()) {
        texts.extend([t.name.clone(), t.description.clone()]);
    }
    for t in s.metadata.i18n.values() {
        texts.extend([t.name.clone(), t.description.clone()]);
    }
    // kittest panics on any character that no installed font has.
    let mut harness = Harness::new_ui(move |ui| {
        tideline::app::theme::apply(ui.ctx());
        for t in &texts {
            ui.label(t);
            ui.monospace(t);
        }
    });
    harness.run();
}
