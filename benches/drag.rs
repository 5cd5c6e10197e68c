//! What one frame of a weight drag costs on a large scenario: the edit (in place, checking only
//! the profiles, as the app does; and with a full copy and validation, for comparison) and the
//! re-scoring, for a generated 200-option × 50-criterion scenario. Prints figures; run with
//! `cargo bench --bench drag`. A frame at 60 fps has 16.7 ms.

use std::hint::black_box;
use std::time::Instant;

use egui_kittest::Harness;
use tideline::analysis::scoring::score;
use tideline::app::{Command, TidelineApp, View};
use tideline::files::scenario_file::parse_ron;
use tideline::scenario::edit::{Edit, apply, apply_mut};

/// A valid scenario text with `m` options and `n` criteria in 5 families, values spread 0..10.
fn generated(m: usize, n: usize) -> String {
    let mut t = String::from("(metadata: (format_version: 1, title: \"generated\"),\nfamilies: [");
    for f in 0..5 {
        t.push_str(&format!("(id: \"f{f}\", name: \"Family {f}\"),"));
    }
    t.push_str("],\ncriteria: [");
    for j in 0..n {
        let dir = if j % 4 == 0 { "Minimize" } else { "Maximize" };
        t.push_str(&format!(
            "(id: \"c{j}\", name: \"Criterion {j}\", family: \"f{}\", direction: {dir}, scale: (min: 0, max: 10)),",
            j % 5
        ));
    }
    t.push_str("],\noptions: [");
    for i in 0..m {
        t.push_str(&format!(
            "(id: \"o{i}\", name: \"Option {i}\", provenance: (document: \"gen\")),"
        ));
    }
    t.push_str("],\nperformance: [");
    for i in 0..m {
        for j in 0..n {
            let v = ((i * 37 + j * 11) % 101) as f64 / 10.0;
            t.push_str(&format!(
                "(option: \"o{i}\", criterion: \"c{j}\", value: {v}, rationale: \"generated\"),"
            ));
        }
    }
    t.push_str("],\nprofiles: [(id: \"equal\", name: \"Equal\")],\n)");
    t
}

fn time<T>(label: &str, reps: u32, mut f: impl FnMut() -> T) {
    let start = Instant::now();
    for _ in 0..reps {
        black_box(f());
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / f64::from(reps);
    println!("{label:<45} {per:>9.3} ms");
}

fn main() {
    let text = generated(200, 50);
    let s = parse_ron(text.as_bytes(), "generated.ron").unwrap_or_else(|e| panic!("{e}"));
    println!("200 options × 50 criteria ({} cells)", s.performance.len());
    time("load (parse + validate)", 10, || {
        parse_ron(text.as_bytes(), "g.ron")
    });
    time("score (WSM, scale)", 50, || score(&s));
    let mut share = 0.1;
    time("weight edit (copy + apply + validate)", 20, || {
        share = if share > 0.8 { 0.1 } else { share + 0.01 };
        apply(
            &s,
            &Edit::SetFamilyShare {
                family: "f1".into(),
                share,
                locked: Vec::new(),
            },
        )
    });
    let mut live = s.clone();
    time("weight edit in place (apply_mut, as the app)", 200, || {
        share = if share > 0.8 { 0.1 } else { share + 0.01 };
        apply_mut(
            &mut live,
            &Edit::SetFamilyShare {
                family: "f1".into(),
                share,
                locked: Vec::new(),
            },
        )
    });
    time("one drag frame as the app (apply_mut + score)", 50, || {
        share = if share > 0.8 { 0.1 } else { share + 0.01 };
        apply_mut(
            &mut live,
            &Edit::SetFamilyShare {
                family: "f2".into(),
                share,
                locked: Vec::new(),
            },
        )
        .map(|()| score(&live))
    });
    time("one drag frame with a copy (apply + score)", 20, || {
        apply(
            &s,
            &Edit::SetFamilyShare {
                family: "f2".into(),
                share: 0.3,
                locked: Vec::new(),
            },
        )
        .map(|t| score(&t))
    });

    // The whole frame as the window draws it (layout and tessellation, no GPU): every view
    // with the weight changing each frame, as during a drag.
    let drawn_frame = |view: View| {
        let mut app = TidelineApp::new(s.clone(), "generated");
        app.execute(Command::ShowView(view));
        let mut h = Harness::builder()
            .with_size(egui::vec2(1600.0, 1000.0))
            .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
        h.run();
        let mut share = 0.1;
        time(
            &format!("one drawn frame during a drag, {} view", view.keyword()),
            20,
            || {
                share = if share > 0.8 { 0.1 } else { share + 0.01 };
                h.state_mut().execute(Command::Edit(Edit::SetFamilyShare {
                    family: "f3".into(),
                    share,
                    locked: Vec::new(),
                }));
                h.step();
            },
        );
    };
    for view in View::ALL {
        drawn_frame(view);
    }
}
