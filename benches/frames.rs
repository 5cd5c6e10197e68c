//! What a drawn frame costs while a weight is dragged: the real app, driven headless through
//! egui_kittest, on the built-in scenario and on generated 200 × 50 and 1,000 × 50 scenarios
//! (`tideline::files::generate`, seed 1), in every view. Each frame changes a family's weight
//! (as a slider does: one `Edit` through `execute`), runs the app's UI and tessellates what it
//! drew, as eframe does before painting. Prints the median and 99th percentile of the frame's
//! CPU time on the UI thread (the thread's own clock, so background jobs on other threads and
//! waiting for a core are not counted) and, beside them, the wall time. Views with background
//! results (Robustness, Portfolio, Perspectives' concessions) have them on show before the drag
//! starts.
//!
//! `cargo bench --bench frames` (release). Budget on the 2-core development machine: p99 under
//! 8 ms at 200 × 50 and under 16 ms at 1,000 × 50. `cargo bench --bench frames -- matrix 200`
//! runs only the views and sizes whose names contain the words given.
//!
//! The harness has egui build AccessKit's tree every frame and diffs it (kittest queries it),
//! which a window without a screen reader does not: the last two columns ("bare") are the same
//! drag on a bare `egui::Context`, CPU time, as the window runs it.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use tideline::app::{Command, TidelineApp, View};
use tideline::files::generate::generate;
use tideline::scenario::edit::Edit;
use tideline::scenario::model::Scenario;

/// The window's default inner size (`launch.rs`).
const WINDOW: egui::Vec2 = egui::vec2(1400.0, 860.0);
/// Frames measured per view and size, after `WARM_UP` unmeasured ones.
const FRAMES: usize = 120;
const WARM_UP: usize = 10;

/// CPU time used by this thread so far.
#[cfg(target_os = "linux")]
fn thread_cpu() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Elsewhere the wall clock stands in (run on an idle machine).
#[cfg(not(target_os = "linux"))]
fn thread_cpu() -> Duration {
    use std::sync::OnceLock;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// The `q`-quantile of sorted milliseconds (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let k = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[k - 1]
}

struct Figures {
    cpu_median: f64,
    cpu_p99: f64,
    wall_median: f64,
    wall_p99: f64,
}

/// Lets the view's background runs (robustness, portfolio, concessions) finish, so that the
/// drag shows their results (faded while new ones wait for the slider to rest), as it does
/// once a delegate has looked at the view; without it every frame drew "Updating…".
fn settle(app: &mut TidelineApp, view: View) {
    match view {
        View::Robustness => app.finish_robustness(),
        View::Portfolio => app.finish_portfolio(),
        View::Perspectives => app.finish_concessions(),
        _ => {}
    }
}

/// Drags the first family's weight back and forth for `FRAMES` frames in `view`.
fn measure(scenario: &Scenario, view: View) -> Figures {
    let mut app = TidelineApp::new(scenario.clone(), "bench");
    app.execute(Command::ShowView(view));
    let mut h = Harness::builder()
        .with_size(WINDOW)
        .build_ui_state(|ui, app: &mut TidelineApp| app.show(ui), app);
    h.step();
    settle(h.state_mut(), view);
    h.step();
    let family = scenario
        .families
        .first()
        .map(|f| f.id.clone())
        .unwrap_or_default();
    let ppp = h.ctx.pixels_per_point();
    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    for k in 0..WARM_UP + FRAMES {
        // 0.20, 0.21, … 0.59, then back down: a slow drag.
        let step = (k % 80) as f64;
        let share = 0.2 + 0.01 * if step < 40.0 { step } else { 80.0 - step };
        let (c0, w0) = (thread_cpu(), Instant::now());
        h.state_mut().execute(Command::Edit(Edit::SetFamilyShare {
            family: family.clone(),
            share,
            locked: Vec::new(),
        }));
        h.step();
        let shapes = h.output().shapes.clone();
        std::hint::black_box(h.ctx.tessellate(shapes, ppp));
        let (c, w) = (thread_cpu() - c0, w0.elapsed());
        if k >= WARM_UP {
            cpu.push(c.as_secs_f64() * 1000.0);
            wall.push(w.as_secs_f64() * 1000.0);
        }
    }
    h.state_mut().execute(Command::EndGesture);
    figures(cpu, wall)
}

/// The same drag on a bare `egui::Context`, as the window runs it without a screen reader: no
/// AccessKit tree, which kittest has egui build (and diffs) every frame.
fn measure_bare(scenario: &Scenario, view: View) -> Figures {
    let mut app = TidelineApp::new(scenario.clone(), "bench");
    app.execute(Command::ShowView(view));
    let ctx = egui::Context::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, WINDOW)),
        ..Default::default()
    };
    let _ = ctx.run_ui(input(), |ui| app.show(ui));
    settle(&mut app, view);
    let family = scenario
        .families
        .first()
        .map(|f| f.id.clone())
        .unwrap_or_default();
    let (mut cpu, mut wall) = (Vec::new(), Vec::new());
    for k in 0..WARM_UP + FRAMES {
        let step = (k % 80) as f64;
        let share = 0.2 + 0.01 * if step < 40.0 { step } else { 80.0 - step };
        let (c0, w0) = (thread_cpu(), Instant::now());
        app.execute(Command::Edit(Edit::SetFamilyShare {
            family: family.clone(),
            share,
            locked: Vec::new(),
        }));
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        let (c, w) = (thread_cpu() - c0, w0.elapsed());
        if k >= WARM_UP {
            cpu.push(c.as_secs_f64() * 1000.0);
            wall.push(w.as_secs_f64() * 1000.0);
        }
    }
    app.execute(Command::EndGesture);
    figures(cpu, wall)
}

fn figures(mut cpu: Vec<f64>, mut wall: Vec<f64>) -> Figures {
    cpu.sort_by(f64::total_cmp);
    wall.sort_by(f64::total_cmp);
    Figures {
        cpu_median: quantile(&cpu, 0.5),
        cpu_p99: quantile(&cpu, 0.99),
        wall_median: quantile(&wall, 0.5),
        wall_p99: quantile(&wall, 0.99),
    }
}

fn main() {
    // `cargo bench` passes `--bench`; other arguments choose views and sizes.
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let mut sizes: Vec<(String, Scenario, f64)> = Vec::new();
    let built_in = TidelineApp::with_default_scenario()
        .unwrap_or_else(|e| panic!("the built-in scenario does not load: {e}"));
    sizes.push(("default".into(), built_in.scenario.clone(), 8.0));
    for (n, budget) in [(200, 8.0), (1000, 16.0)] {
        let s = generate(n, 50, 1).unwrap_or_else(|e| panic!("generate {n}×50: {e}"));
        sizes.push((format!("{n}x50"), s, budget));
    }
    println!(
        "frame while a weight is dragged, {FRAMES} frames, window {}×{}; ms",
        WINDOW.x, WINDOW.y
    );
    println!(
        "{:<10} {:<13} {:>9} {:>9} {:>9} {:>9}  budget  {:>9} {:>9}",
        "size", "view", "cpu p50", "cpu p99", "wall p50", "wall p99", "bare p50", "bare p99"
    );
    let mut over = 0;
    for (name, s, budget) in &sizes {
        for view in View::ALL {
            if !words_match(&words, name, view) {
                continue;
            }
            let f = measure(s, view);
            let b = measure_bare(s, view);
            let ok = f.cpu_p99 < *budget;
            over += usize::from(!ok);
            println!(
                "{name:<10} {:<13} {:>9.2} {:>9.2} {:>9.2} {:>9.2}  {} {budget}   {:>9.2} {:>9.2}",
                view.keyword(),
                f.cpu_median,
                f.cpu_p99,
                f.wall_median,
                f.wall_p99,
                if ok { "<" } else { "OVER" },
                b.cpu_median,
                b.cpu_p99,
            );
        }
    }
    println!("{over} view(s) over budget");
}

/// With words given, a size word and a view word must both match when both kinds are given.
fn words_match(words: &[String], size: &str, view: View) -> bool {
    let is_size = |w: &String| w.contains("x50") || w == "default" || w.parse::<u32>().is_ok();
    let (sizes, views): (Vec<&String>, Vec<&String>) = words.iter().partition(|w| is_size(w));
    (sizes.is_empty() || sizes.iter().any(|w| size.contains(w.as_str())))
        && (views.is_empty() || views.iter().any(|w| view.keyword().contains(w.as_str())))
}
