//! The profile editor driven through the window with egui_kittest: opened from the weights
//! panel, a change to one profile as one undoable edit, refusals (a vote weight of 0, a range
//! with low above high) leaving the document as it was, and a save and load keeping it all.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tideline::analysis::scoring::score;
use tideline::app::{Command, TidelineApp, View};
use tideline::files::scenario_file;
use tideline::i18n::Lang;
use tideline::scenario::model::{Translation, WeightProfile, WeightRange};

fn harness() -> Harness<'static, TidelineApp> {
    let mut app = TidelineApp::with_default_scenario().expect("the built-in scenario loads");
    app.execute(Command::ShowView(View::Ranking));
    let mut harness = Harness::builder()
        .with_max_steps(12)
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    harness.run();
    harness
}

fn active(h: &Harness<'_, TidelineApp>) -> WeightProfile {
    let s = &h.state().scenario;
    s.profiles[s.active_profile_index()].clone()
}

fn open_editor(h: &mut Harness<'_, TidelineApp>) {
    h.get_by_role_and_label(Role::Button, "Edit profile…")
        .click();
    h.run();
    assert!(editor_is_open(h), "the button did not open the editor");
}

fn editor_is_open(h: &Harness<'_, TidelineApp>) -> bool {
    h.query_by_label_contains("Edit profile: ").is_some()
}

fn text_role(h: &Harness<'_, TidelineApp>, name: &str) -> Role {
    if h.query_by_role_and_label(Role::TextInput, name).is_some() {
        Role::TextInput
    } else {
        Role::MultilineTextInput
    }
}

/// Replaces the text of the field named `name` with `text`.
fn set_text(h: &mut Harness<'_, TidelineApp>, name: &str, text: &str) {
    let role = text_role(h, name);
    h.get_by_role_and_label(role, name).scroll_to_me();
    h.run();
    h.get_by_role_and_label(role, name).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(role, name).type_text(text);
    h.run();
}

fn field_text(h: &Harness<'_, TidelineApp>, name: &str) -> String {
    h.get_by_role_and_label(text_role(h, name), name)
        .value()
        .unwrap_or_default()
}

fn click(h: &mut Harness<'_, TidelineApp>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

#[test]
fn the_vote_weight_and_author_change_in_one_undoable_edit() {
    let mut h = harness();
    let s0 = h.state().scenario.clone();
    let p0 = active(&h);
    let revision = h.state().revision();
    open_editor(&mut h);
    assert_eq!(field_text(&h, "Vote weight"), "1");
    set_text(&mut h, "Vote weight", "2.5");
    set_text(&mut h, "Author", "Delegation of Fiji");
    click(&mut h, "Apply");

    assert!(!editor_is_open(&h), "Apply left the editor open");
    let mut expected = p0.clone();
    expected.vote_weight = 2.5;
    expected.author = "Delegation of Fiji".into();
    let mut whole = s0.clone();
    let k = s0.active_profile_index();
    whole.profiles[k] = expected;
    let app = h.state();
    assert_eq!(app.scenario, whole, "only that profile changed");
    assert_eq!(app.revision(), revision + 1);
    assert!(app.is_dirty());
    // A vote weight counts where profiles are pooled; one profile's ranking stays.
    assert_eq!(app.ranking().unwrap(), &score(&whole).unwrap());
    assert_eq!(app.ranking().unwrap(), &score(&s0).unwrap());

    h.state_mut().execute(Command::Undo);
    h.run();
    assert_eq!(h.state().scenario, s0, "undo restores the profile");
}

#[test]
fn a_vote_weight_of_zero_is_refused_with_the_reason() {
    let mut h = harness();
    let s0 = h.state().scenario.clone();
    open_editor(&mut h);
    set_text(&mut h, "Vote weight", "0");
    click(&mut h, "Apply");
    assert!(editor_is_open(&h), "a refused edit closed the editor");
    let reason = h.get_by_label_contains("Vote weight 0 is outside the allowed range");
    assert!(
        reason
            .value()
            .unwrap_or_default()
            .starts_with("Not changed"),
        "{:?}",
        reason.value()
    );
    assert_eq!(field_text(&h, "Vote weight"), "0", "the typed text stays");
    assert_eq!(h.state().scenario, s0);

    // In Chinese, the same refusal in Chinese.
    h.state_mut().execute(Command::SetLanguage(Lang::ZhCn));
    h.run();
    click(&mut h, "应用");
    h.get_by_label_contains("投票权重 0 超出允许范围");
    assert_eq!(h.state().scenario, s0);
}

#[test]
fn weight_ranges_are_checked_shown_beside_the_weight_and_survive_save_and_load() {
    let mut h = harness();
    let s0 = h.state().scenario.clone();
    let p0 = active(&h);
    assert!(
        p0.weight_ranges.is_empty() && p0.criterion_weights.is_empty(),
        "precondition: the active profile weighs criteria equally and has no ranges"
    );
    let c = &s0.criteria[0];
    let siblings = s0.criteria.iter().filter(|x| x.family == c.family).count();
    open_editor(&mut h);
    click(&mut h, "Add range");
    // Equal weights: 1 each in the profile's units, 1/n of the family.
    h.get_by_label(&format!("1 ({:.0} %)", 100.0 / siblings as f64));
    assert_eq!(field_text(&h, &format!("Low of {}", c.label())), "0.5");
    assert_eq!(field_text(&h, &format!("High of {}", c.label())), "1.5");

    set_text(&mut h, &format!("Low of {}", c.label()), "3");
    set_text(&mut h, &format!("High of {}", c.label()), "2");
    click(&mut h, "Apply");
    h.get_by_label_contains("Low 3 is above high 2");
    assert_eq!(h.state().scenario, s0, "an inverted range changes nothing");
    assert_eq!(field_text(&h, &format!("Low of {}", c.label())), "3");

    set_text(&mut h, &format!("High of {}", c.label()), "4");
    set_text(&mut h, "Name (简体中文)", "代表团观点");
    set_text(&mut h, "Vote weight", "3");
    click(&mut h, "Apply");
    assert!(!editor_is_open(&h), "the edit was refused");

    let mut expected = p0.clone();
    expected.weight_ranges = vec![WeightRange {
        criterion: c.id.clone(),
        low: 3.0,
        high: 4.0,
    }];
    expected.vote_weight = 3.0;
    expected.i18n.insert(
        "zh-CN".into(),
        Translation {
            name: "代表团观点".into(),
            ..p0.i18n.get("zh-CN").cloned().unwrap_or_default()
        },
    );
    let s1 = h.state().scenario.clone();
    assert_eq!(s1.profiles[s1.active_profile_index()], expected);

    let dir = std::env::temp_dir().join(format!("tideline-edit-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("edited.ron");
    scenario_file::save(&path, &s1).unwrap();
    assert_eq!(scenario_file::load_path(&path).unwrap(), s1);
    let _ = std::fs::remove_dir_all(&dir);

    // Reopened, the range is there and can be taken off again.
    open_editor(&mut h);
    assert_eq!(field_text(&h, &format!("High of {}", c.label())), "4");
    click(&mut h, &format!("Remove the range of {}", c.label()));
    click(&mut h, "Apply");
    let p2 = active(&h);
    assert!(p2.weight_ranges.is_empty());
    assert_eq!(p2.vote_weight, 3.0);
}
