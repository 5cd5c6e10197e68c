//! The participant's page in a real browser: headless Chromium, driven through chromedriver,
//! joins a real room session on loopback, sets weights with the page's sliders and number
//! fields, submits, and the submission becomes a profile of the scenario with exactly those
//! weights. Once in English (a wrong PIN, a revision, the revealed result, leaving and coming
//! back), once in Chinese (chosen with the page's picker, a Chinese delegation name, resumed
//! after a reload) and once in Arabic (chosen from the browser's language; the page runs right
//! to left). Also: criteria changed by the facilitator mid-session, and no polling while the
//! tab is hidden.
//!
//! Without Chromium and chromedriver each test says so and passes; with `CI` set it fails.
//! `cargo test --test room_browser -- --ignored` remakes the README's phone screenshots.

mod support;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Mutex;

use serde_json::json;
use support::webdriver::{Browser, Options, Tools, keys, tools_or_skip};
use tideline::files::scenario_file::default_scenario;
use tideline::room::{RoomConfig, Session, Submission, group_reveal, profile_from, room_profiles};
use tideline::scenario::edit::{Edit, apply};
use tideline::scenario::model::Scenario;
use tideline::scenario::weights::effective_weights;

/// One browser at a time: the machine is small and the tests measure nothing about speed.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// The points the test gives, and how: (family or criterion, id, points, by slider keys or by
/// typing in the number field). Families start at 50 points each.
const FAMILIES: [(&str, f64); 5] = [
    ("environmental", 40.0),
    ("social", 20.0),
    ("economic", 20.0),
    ("feasibility", 20.0),
    ("effectiveness", 0.0),
];
/// Criteria given points other than the starting 50.
const CRITERIA: [(&str, f64); 2] = [("leakage-reduction", 75.0), ("ecosystem-legacy", 25.0)];

fn scenario() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

fn open_session(scenario: &Scenario) -> Session {
    let config = RoomConfig {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        ..RoomConfig::default()
    };
    Session::open(&config, scenario, Box::new(|| {})).unwrap_or_else(|e| panic!("{e}"))
}

fn url(session: &Session) -> String {
    format!("http://{}/", session.local_addr())
}

fn visible(browser: &Browser, css: &str) -> bool {
    browser.property(css, "hidden") == json!(false)
}

/// The whole number a percentage element shows ("30%", "30 %", "‎30‎%").
fn percent(browser: &Browser, css: &str) -> u32 {
    let text = browser.text(css);
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("{css} shows {text:?}, not a percentage"))
}

fn number_field(kind: &str, id: &str) -> String {
    format!("input[type=number][data-{kind}=\"{id}\"]")
}

fn slider(kind: &str, id: &str) -> String {
    format!("input[type=range][data-{kind}=\"{id}\"]")
}

/// Types `points` into a number field, replacing what it holds.
fn type_points(browser: &Browser, css: &str, points: f64) {
    browser.clear(css);
    browser.type_into(css, &points.to_string());
}

/// Joins with the session's PIN and `delegation`, and waits for the weights step.
fn join(browser: &Browser, session: &Session, delegation: &str) {
    browser.clear("#pin");
    browser.clear("#delegation");
    browser.type_into("#pin", session.pin());
    browser.type_into("#delegation", delegation);
    browser.click("#join-button");
    browser.wait_for(10, "the weights step", || {
        visible(browser, "#weights").then_some(())
    });
}

/// Sets the test's weights, half by the sliders' keys and half by typing, and checks that
/// each slider and its number field agree and that the page shows the resulting percentages.
fn set_weights(browser: &Browser) {
    // Typed: the slider follows the number.
    type_points(browser, &number_field("family", "environmental"), 40.0);
    type_points(browser, &number_field("family", "economic"), 20.0);
    type_points(
        browser,
        &number_field("criterion", "leakage-reduction"),
        75.0,
    );
    // Keys on the sliders (Arrow Down: one point less, whatever the direction of the page;
    // Home: the minimum): the number follows the slider.
    browser.type_into(&slider("family", "social"), &keys::ARROW_DOWN.repeat(30));
    browser.type_into(
        &slider("family", "feasibility"),
        &keys::ARROW_DOWN.repeat(30),
    );
    browser.type_into(&slider("family", "effectiveness"), keys::HOME);
    browser.type_into(
        &slider("criterion", "ecosystem-legacy"),
        &keys::ARROW_DOWN.repeat(25),
    );

    for (id, points) in FAMILIES {
        let shown = browser.property(&number_field("family", id), "value");
        let at = browser.property(&slider("family", id), "value");
        assert_eq!(shown, json!(points.to_string()), "number field of {id}");
        assert_eq!(at, json!(points.to_string()), "slider of {id}");
    }
    // Points 40 : 20 : 20 : 20 : 0 of 100 are the families' shares; within the environmental
    // family 75 : 25; overall 40 % × 75 % = 30 % and 40 % × 25 % = 10 %; the other families'
    // two criteria split their 20 % evenly; effectiveness weighs nothing.
    let family_share = |id: &str| percent(browser, &format!("[data-family-share=\"{id}\"]"));
    let within = |id: &str| percent(browser, &format!("[data-within=\"{id}\"]"));
    let overall = |id: &str| percent(browser, &format!("[data-overall=\"{id}\"]"));
    assert_eq!(family_share("environmental"), 40);
    assert_eq!(family_share("social"), 20);
    assert_eq!(family_share("effectiveness"), 0);
    assert_eq!(within("leakage-reduction"), 75);
    assert_eq!(within("ecosystem-legacy"), 25);
    assert_eq!(overall("leakage-reduction"), 30);
    assert_eq!(overall("ecosystem-legacy"), 10);
    assert_eq!(overall("health-community"), 10);
    assert_eq!(within("speed"), 25);
    assert_eq!(overall("speed"), 0);
}

/// Submits and waits for the confirmation; returns its text.
fn submit(browser: &Browser) -> String {
    browser.click("#submit-button");
    browser.wait_for(10, "the confirmation", || {
        visible(browser, "#confirmation").then(|| browser.text("#confirmation"))
    })
}

/// The one submission the session has received since the last call.
fn one_submission(session: &Session, delegation: &str) -> Submission {
    let mut got = session.take_submissions();
    assert_eq!(got.len(), 1, "{got:?}");
    let sub = got.remove(0);
    assert_eq!(sub.delegation, delegation);
    sub
}

/// The submission carries exactly the points given, and becomes, through the project's own
/// import edit, a profile whose effective weights are the analytic ones.
fn check_submission(scenario: &Scenario, sub: &Submission) -> Scenario {
    let mut families = sub.families.clone();
    families.sort_by(|a, b| a.0.cmp(&b.0));
    let mut want: Vec<(String, f64)> = FAMILIES.iter().map(|&(k, v)| (k.into(), v)).collect();
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(families, want);
    assert_eq!(sub.criteria.len(), scenario.criteria.len());
    for c in &scenario.criteria {
        let points = CRITERIA
            .iter()
            .find(|(id, _)| *id == c.id)
            .map_or(50.0, |&(_, p)| p);
        let got: Vec<f64> = sub
            .criteria
            .iter()
            .filter(|(id, _)| *id == c.id)
            .map(|&(_, w)| w)
            .collect();
        assert_eq!(got, vec![points], "criterion {}", c.id);
    }

    let profile = profile_from(sub, scenario);
    let with =
        apply(scenario, &Edit::ImportProfiles(vec![profile])).unwrap_or_else(|e| panic!("{e}"));
    let room = room_profiles(&with);
    assert_eq!(room.len(), 1);
    let p = &with.profiles[room[0]];
    assert_eq!(p.name, sub.delegation);
    for (id, points) in FAMILIES {
        assert_eq!(p.family_weights.get(id), Some(points), "family {id}");
    }
    let weights = effective_weights(&with, p);
    for (c, w) in with.criteria.iter().zip(&weights) {
        let expected = match c.id.as_str() {
            "leakage-reduction" => 0.30,
            "ecosystem-legacy" => 0.10,
            _ if c.family == "effectiveness" => 0.0,
            _ => 0.10,
        };
        assert!((w - expected).abs() < 1e-12, "{}: {w} ≠ {expected}", c.id);
    }
    with
}

/// Nothing went wrong in the page, and its content security policy refused nothing (a wrong
/// PIN's 401 is the one expected complaint: Chromium logs refused requests).
fn assert_no_console_errors(browser: &Browser) {
    let errors: Vec<String> = browser
        .console_errors()
        .into_iter()
        .filter(|m| !m.contains("401"))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

fn lang_and_dir(browser: &Browser) -> (String, String) {
    let v = browser.script(
        "return [document.documentElement.lang, document.documentElement.dir];",
        &[],
    );
    (
        v[0].as_str().unwrap_or_default().to_string(),
        v[1].as_str().unwrap_or_default().to_string(),
    )
}

fn start_browser(tools: &Tools, lang: &str) -> Browser {
    Browser::start(tools, &Options { lang, phone: None }).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn english_page_submits_weights_that_become_a_profile() {
    let Some(tools) = tools_or_skip("english_page_submits_weights_that_become_a_profile") else {
        return;
    };
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let scenario = scenario();
    let session = open_session(&scenario);
    let browser = start_browser(&tools, "en");
    browser.goto(&url(&session));
    assert_eq!(lang_and_dir(&browser), ("en".into(), "ltr".into()));
    assert_eq!(browser.text("#join h2"), "Join the session");

    // A wrong PIN is refused next to the PIN field, in the page's words.
    let wrong = if session.pin() == "000000" {
        "111111"
    } else {
        "000000"
    };
    browser.type_into("#pin", wrong);
    browser.type_into("#delegation", "Kenya");
    browser.click("#join-button");
    browser.wait_for(10, "the wrong-PIN message", || {
        let t = browser.text("#pin-error");
        (!t.is_empty()).then_some(t)
    });
    assert_eq!(
        browser.text("#pin-error"),
        "Wrong PIN. Check the six digits shown on the screen."
    );

    join(&browser, &session, "Kenya");
    set_weights(&browser);
    let confirmation = submit(&browser);
    assert!(confirmation.contains("(revision 1)"), "{confirmation}");
    let sub = one_submission(&session, "Kenya");
    assert_eq!(sub.revision, 1);
    let with = check_submission(&scenario, &sub);

    // A revision: one more point typed for health, sent again, arrives as revision 2.
    type_points(
        &browser,
        &number_field("criterion", "health-community"),
        51.0,
    );
    let confirmation = submit_again(&browser);
    assert!(confirmation.contains("(revision 2)"), "{confirmation}");
    let sub = one_submission(&session, "Kenya");
    assert_eq!(sub.revision, 2);
    assert!(
        sub.criteria
            .contains(&("health-community".to_string(), 51.0))
    );

    // Nothing of the group until the facilitator reveals it; then the phone shows it (the
    // page polls every 3 s).
    assert!(!visible(&browser, "#result"));
    let reveal = group_reveal(&with, &room_profiles(&with)).unwrap_or_else(|e| panic!("{e}"));
    let best = reveal.ranking[0].name.clone();
    let options = reveal.ranking.len();
    session.reveal(Some(reveal));
    browser.wait_for(10, "the revealed result", || {
        visible(&browser, "#result").then_some(())
    });
    let rows = browser.script(
        "return Array.from(document.querySelectorAll('#result-ranking li .option'), e => e.textContent);",
        &[],
    );
    assert_eq!(rows.as_array().map(Vec::len), Some(options));
    assert_eq!(rows[0], json!(best));

    assert_no_console_errors(&browser);

    // Leaving and joining again under the same name resumes the same participant (the name
    // is not "taken" by this very phone), with the weights last sent.
    browser.click("#leave-button");
    assert!(visible(&browser, "#join"));
    join(&browser, &session, "Kenya");
    assert_eq!(
        browser.property(&number_field("criterion", "health-community"), "value"),
        json!("51")
    );
    assert_eq!(session.participants().len(), 1);
}

/// Submits after an earlier submission: waits for the confirmation's text to change.
fn submit_again(browser: &Browser) -> String {
    let before = browser.text("#confirmation");
    browser.click("#submit-button");
    browser.wait_for(10, "the new confirmation", || {
        let now = browser.text("#confirmation");
        (now != before).then_some(now)
    })
}

#[test]
fn chinese_page_with_a_chinese_delegation_name() {
    let Some(tools) = tools_or_skip("chinese_page_with_a_chinese_delegation_name") else {
        return;
    };
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let scenario = scenario();
    let session = open_session(&scenario);
    let browser = start_browser(&tools, "en");
    browser.goto(&url(&session));
    // Chosen on the page's own picker.
    browser.click("#lang option[value=\"zh-CN\"]");
    assert_eq!(lang_and_dir(&browser), ("zh-CN".into(), "ltr".into()));
    assert_eq!(browser.text("#join h2"), "加入本次会议");

    let name = "肯尼亚代表团";
    join(&browser, &session, name);
    // The scenario's own Chinese names label the inputs.
    assert_eq!(browser.text("#f0-name"), "环境成本和惠益");
    set_weights(&browser);
    let confirmation = submit(&browser);
    assert!(confirmation.contains("第 1 版"), "{confirmation}");
    let sub = one_submission(&session, name);
    check_submission(&scenario, &sub);

    // A reload resumes the same participant, in the language chosen, with the weights sent.
    browser.goto(&url(&session));
    browser.wait_for(10, "the weights step after a reload", || {
        visible(&browser, "#weights").then_some(())
    });
    assert_eq!(lang_and_dir(&browser).0, "zh-CN");
    assert_eq!(
        browser.property(&number_field("family", "environmental"), "value"),
        json!("40")
    );
    assert!(browser.text("#confirmation").contains("第 1 版"));
    assert_eq!(session.participants().len(), 1);

    // The revealed result in the scenario's own Chinese names, the method in the page's words.
    let with = check_submission(&scenario, &sub);
    let reveal = group_reveal(&with, &room_profiles(&with)).unwrap_or_else(|e| panic!("{e}"));
    let best = reveal.ranking[0].names.get("zh-CN").cloned();
    assert!(
        best.is_some(),
        "the built-in scenario names its options in Chinese"
    );
    session.reveal(Some(reveal));
    browser.wait_for(10, "the revealed result", || {
        visible(&browser, "#result").then_some(())
    });
    assert_eq!(browser.text("#result-method"), "方法：加权和法");
    assert_eq!(
        Some(browser.text("#result-ranking li:first-child .option")),
        best
    );
    assert_no_console_errors(&browser);
}

#[test]
fn arabic_page_runs_right_to_left() {
    let Some(tools) = tools_or_skip("arabic_page_runs_right_to_left") else {
        return;
    };
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let scenario = scenario();
    let session = open_session(&scenario);
    // Chosen from the browser's language.
    let browser = start_browser(&tools, "ar");
    browser.goto(&url(&session));
    assert_eq!(lang_and_dir(&browser), ("ar".into(), "rtl".into()));
    assert_eq!(browser.text("#join h2"), "الانضمام إلى الجلسة");
    // Mirrored: the language picker sits at the left edge of the top bar.
    let picker_left = browser.script(
        "const r = document.getElementById('lang').getBoundingClientRect(); return r.left < innerWidth / 2;",
        &[],
    );
    assert_eq!(picker_left, json!(true));

    let name = "وفد المملكة الأردنية الهاشمية";
    join(&browser, &session, name);
    set_weights(&browser);
    let confirmation = submit(&browser);
    assert!(confirmation.contains("النسخة 1"), "{confirmation}");
    let sub = one_submission(&session, name);
    check_submission(&scenario, &sub);
    assert_no_console_errors(&browser);
}

/// Remakes `docs/images/room-phone-{en,zh,ar}.png` (the weights step on a 390 × 844 phone,
/// at twice the pixels) and `room-phone-result.png` (the revealed group result):
/// `cargo test --test room_browser -- --ignored`. Needs Chromium, chromedriver and the CJK
/// and Arabic fonts (`fonts-noto-cjk`, `fonts-noto-ui-core`).
#[test]
#[ignore = "writes the README's screenshots"]
fn phone_screenshots() {
    let Some(tools) = tools_or_skip("phone_screenshots") else {
        return;
    };
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/images");
    let scenario = scenario();
    for (lang, file, name) in [
        ("en", "room-phone-en.png", "Kenya"),
        ("zh-CN", "room-phone-zh.png", "肯尼亚代表团"),
        ("ar", "room-phone-ar.png", "وفد المملكة الأردنية الهاشمية"),
    ] {
        let session = open_session(&scenario);
        let browser = Browser::start(
            &tools,
            &Options {
                lang,
                phone: Some((390, 844, 2.0)),
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
        browser.goto(&url(&session));
        join(&browser, &session, name);
        set_weights(&browser);
        // The top of the page, without a focus ring.
        browser.script("document.activeElement.blur(); window.scrollTo(0, 0);", &[]);
        write_png(&folder.join(file), &browser.screenshot());

        if lang == "en" {
            submit(&browser);
            let sub = one_submission(&session, name);
            let with = check_submission(&scenario, &sub);
            let reveal =
                group_reveal(&with, &room_profiles(&with)).unwrap_or_else(|e| panic!("{e}"));
            session.reveal(Some(reveal));
            browser.wait_for(10, "the revealed result", || {
                visible(&browser, "#result").then_some(())
            });
            browser.script("document.activeElement.blur(); window.scrollTo(0, 0);", &[]);
            write_png(&folder.join("room-phone-result.png"), &browser.screenshot());
        }
    }
}

fn write_png(path: &std::path::Path, png: &[u8]) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    std::fs::write(path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    eprintln!("wrote {}", path.display());
}

#[test]
fn criteria_changed_during_the_session_reach_the_page() {
    let Some(tools) = tools_or_skip("criteria_changed_during_the_session_reach_the_page") else {
        return;
    };
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let scenario = scenario();
    let session = open_session(&scenario);
    let browser = start_browser(&tools, "en");
    browser.goto(&url(&session));
    join(&browser, &session, "Fiji");
    type_points(&browser, &number_field("criterion", "speed"), 80.0);

    // The facilitator removes a criterion while the page shows the old tree: the server
    // refuses the stale weights, the page fetches the new tree and keeps the points given.
    let fewer = apply(&scenario, &Edit::RemoveCriterion("knowledge-gain".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    session.set_scenario(&fewer);
    browser.click("#submit-button");
    browser.wait_for(10, "the changed-criteria message", || {
        let t = browser.text("#submit-error");
        (!t.is_empty()).then_some(t)
    });
    assert_eq!(
        browser.text("#submit-error"),
        "The facilitator has changed the criteria. Check your weights and submit again."
    );
    let left = browser.script(
        "return document.querySelectorAll('input[data-criterion=\"knowledge-gain\"]').length;",
        &[],
    );
    assert_eq!(left, json!(0));
    assert_eq!(
        browser.property(&number_field("criterion", "speed"), "value"),
        json!("80")
    );
    assert!(session.take_submissions().is_empty());

    submit(&browser);
    let sub = one_submission(&session, "Fiji");
    assert_eq!(sub.criteria.len(), fewer.criteria.len());
    assert!(sub.criteria.contains(&("speed".to_string(), 80.0)));
    assert!(!sub.criteria.iter().any(|(id, _)| id == "knowledge-gain"));
}

#[test]
fn polling_stops_while_the_tab_is_hidden() {
    let Some(tools) = tools_or_skip("polling_stops_while_the_tab_is_hidden") else {
        return;
    };
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let scenario = scenario();
    let session = open_session(&scenario);
    let browser = start_browser(&tools, "en");
    let page_url = url(&session);
    browser.goto(&page_url);
    join(&browser, &session, "Tuvalu");
    // Log the page's status requests where another tab of the same origin can read them (the
    // page calls the global fetch each time).
    browser.script(
        "const f = window.fetch; window.fetch = (u, o) => { if (String(u).endsWith('/api/status')) { const log = JSON.parse(localStorage.getItem('statusLog') || '[]'); log.push(document.visibilityState); localStorage.setItem('statusLog', JSON.stringify(log)); } return f(u, o); };",
        &[],
    );
    let log = |b: &Browser| {
        let v = b.script(
            "return JSON.parse(localStorage.getItem('statusLog') || '[]');",
            &[],
        );
        v.as_array().cloned().unwrap_or_default()
    };
    let page = browser.window();
    // Another tab of the same origin (the style sheet: no script of its own) in front hides
    // the page for longer than a polling interval (3 s).
    let other = browser.new_tab();
    browser.switch_to(&other);
    browser.goto(&format!("{page_url}room.css"));
    let before = log(&browser).len();
    std::thread::sleep(std::time::Duration::from_millis(4000));
    let while_hidden = log(&browser);
    assert_eq!(
        while_hidden.len(),
        before,
        "polled while hidden: {while_hidden:?}"
    );
    // In front again, it asks at once and goes on polling.
    browser.switch_to(&page);
    let entries = browser.wait_for(2, "a status request once visible", || {
        let l = log(&browser);
        (l.len() > before).then_some(l)
    });
    assert!(entries.iter().all(|v| v == "visible"), "{entries:?}");
}
