//! The briefing's room section: present with two or more profiles, its ranks those of each
//! profile scored on its own, the agreement chart drawn, and absent with one profile.

use tideline::analysis::scoring::score_with;
use tideline::files::scenario_file::default_scenario;
use tideline::report::{self, Request};
use tideline::scenario::model::Scenario;

const STAMP: &str = "2025-03-01 09:30 UTC";

fn default() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_room_holds_every_profile_scored_on_its_own() {
    let s = default();
    let b = report::briefing(&s, &Request::new(&s, "test.ron", STAMP))
        .unwrap_or_else(|e| panic!("{e}"));
    let room = match &b.room {
        Some(Ok(room)) => room,
        other => panic!("{other:?}"),
    };
    assert_eq!(room.perspectives.profiles.len(), s.profiles.len());
    for k in 0..s.profiles.len() {
        let alone = score_with(&s, k, s.settings.method, s.settings.normalization)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(room.perspectives.ranks[k], alone.ranks);
    }
    assert_eq!(room.concessions.len(), s.profiles.len());
    // The mean profile's weights are the mean of the profiles' effective weights.
    let mean = room.mean.as_ref().unwrap_or_else(|| panic!("no mean"));
    for (j, w) in mean.weights.iter().enumerate() {
        let by_hand: f64 =
            room.perspectives.weights.iter().map(|r| r[j]).sum::<f64>() / s.profiles.len() as f64;
        assert!((w - by_hand).abs() < 1e-12);
    }

    let html = report::to_html(&b);
    assert!(html.contains("The room: every profile compared"));
    let room_at = html
        .find("id=\"room\"")
        .unwrap_or_else(|| panic!("no room anchor"));
    let svg = html[room_at..].find("<svg").unwrap_or(usize::MAX);
    let next_section = html[room_at + 10..].find("<h2").unwrap_or(usize::MAX);
    assert!(
        svg < next_section,
        "the agreement chart is drawn in the room section"
    );
    // One cell per pair of profiles, plus the background.
    let section = &html[room_at..room_at + 10 + next_section.min(html.len() - room_at - 10)];
    let p = s.profiles.len();
    assert!(section.matches("<rect").count() > 2 * p * p);

    let md = report::to_markdown(&b);
    assert!(md.contains("## The room: every profile compared"));
    assert!(md.contains("Agreement chart"));
}

#[test]
fn one_profile_leaves_the_room_out() {
    let mut s = default();
    s.profiles.truncate(1);
    s.settings.active_profile = s.profiles[0].id.clone();
    let b = report::briefing(&s, &Request::new(&s, "test.ron", STAMP))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(b.room.is_none());
    assert!(!report::to_html(&b).contains("The room"));
    assert!(!report::to_markdown(&b).contains("The room"));
}
