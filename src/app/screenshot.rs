//! Screenshot mode: render the window once, write a PNG, close. Used by the README and by CI
//! to check real pixels.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// How many frames to draw before taking the picture, so that layout and plots have settled.
const SETTLE_FRAMES: u32 = 6;

/// The outcome of a screenshot run, shared with `run` so it can set the exit code.
pub type Outcome = Arc<Mutex<Option<Result<PathBuf, String>>>>;

/// A screenshot waiting to be taken.
pub struct Job {
    out: PathBuf,
    frames: u32,
    requested: bool,
    pub outcome: Outcome,
    /// `TIDELINE_FIRST_FRAME=1`: when the window started opening. The time to the first drawn
    /// frame is printed and the window closes, with no picture (`benches/startup.sh`).
    first_frame: Option<Instant>,
}

impl Job {
    pub fn new(out: PathBuf) -> Self {
        Self {
            out,
            frames: 0,
            requested: false,
            outcome: Arc::new(Mutex::new(None)),
            first_frame: std::env::var_os("TIDELINE_FIRST_FRAME").map(|_| Instant::now()),
        }
    }

    /// Called once per frame after drawing; returns true when the window should close.
    pub fn step(&mut self, ctx: &egui::Context) -> bool {
        if let Ok(done) = self.outcome.lock()
            && done.is_some()
        {
            return true;
        }
        // The second call comes once the first frame has been painted and shown.
        if let (Some(start), 1) = (self.first_frame, self.frames) {
            println!(
                "first frame drawn after {:.0} ms",
                start.elapsed().as_secs_f64() * 1000.0
            );
            if let Ok(mut slot) = self.outcome.lock() {
                *slot = Some(Ok(PathBuf::new()));
            }
            return true;
        }
        self.frames += 1;
        ctx.request_repaint();
        if self.frames >= SETTLE_FRAMES && !self.requested {
            self.requested = true;
            let out = self.out.clone();
            let outcome = Arc::clone(&self.outcome);
            let repaint = ctx.clone();
            ctx.request_screenshot(move |image| {
                let result = write_png(&out, &image).map(|()| out.clone());
                if let Ok(mut slot) = outcome.lock() {
                    *slot = Some(result);
                }
                repaint.request_repaint();
            });
        }
        false
    }
}

/// Takes a picture of `rect` (in points) of the window at the next frame and writes it to
/// `path` as a PNG; the outcome arrives in the returned slot.
pub fn save_region(ctx: &egui::Context, rect: egui::Rect, path: PathBuf) -> Outcome {
    let outcome: Outcome = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&outcome);
    let ppp = ctx.pixels_per_point();
    let repaint = ctx.clone();
    ctx.request_screenshot(move |image| {
        // PNG encoding of a full window takes tens of milliseconds: off the UI thread.
        std::thread::spawn(move || {
            let picture = if rect.is_positive() {
                image.region(&rect, Some(ppp))
            } else {
                (*image).clone()
            };
            let result = write_png(&path, &picture).map(|()| path.clone());
            if let Ok(mut s) = slot.lock() {
                *s = Some(result);
            }
            repaint.request_repaint();
        });
    });
    ctx.request_repaint();
    outcome
}

/// Writes `image` as an RGBA PNG, atomically (a failed write leaves no half picture).
pub fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let (w, h) = (
        u32::try_from(w).map_err(|e| e.to_string())?,
        u32::try_from(h).map_err(|e| e.to_string())?,
    );
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &bytes,
        w,
        h,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| format!("{}: cannot encode the picture: {e}", path.display()))?;
    crate::files::scenario_file::write_atomic_with(path, |f| std::io::Write::write_all(f, &png))
        .map_err(|e| format!("{}: cannot write the picture: {e}", path.display()))
}

/// Whether an input event comes from the pointer. Pictures are taken as if no pointer were
/// over the window: the real one would leave its hover (crosshairs, tooltips) in them.
pub fn is_pointer_event(e: &egui::Event) -> bool {
    matches!(
        e,
        egui::Event::PointerMoved(_)
            | egui::Event::MouseMoved(_)
            | egui::Event::PointerButton { .. }
            | egui::Event::PointerGone
            | egui::Event::MouseWheel { .. }
            | egui::Event::Touch { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_of_the_window_is_written_as_a_png_of_that_size_and_colour() {
        // 4 × 2 pixels: the left half red, the right half blue.
        let mut image = egui::ColorImage::filled([4, 2], egui::Color32::RED);
        for y in 0..2 {
            for x in 2..4 {
                image.pixels[y * 4 + x] = egui::Color32::BLUE;
            }
        }
        // The right half, in points at 2 pixels per point: x 1..2, y 0..1.
        let rect = egui::Rect::from_min_max(egui::pos2(1.0, 0.0), egui::pos2(2.0, 1.0));
        let part = image.region(&rect, Some(2.0));
        let dir = std::env::temp_dir().join(format!("tideline-png-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join("view.png");
        write_png(&path, &part).unwrap_or_else(|e| panic!("{e}"));
        let back = image::open(&path)
            .unwrap_or_else(|e| panic!("{e}"))
            .to_rgba8();
        assert_eq!(back.dimensions(), (2, 2));
        assert!(back.pixels().all(|p| p.0 == [0, 0, 255, 255]), "{back:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn screenshots_see_no_pointer_but_keep_other_input() {
        let moved = egui::Event::PointerMoved(egui::pos2(10.0, 10.0));
        let click = egui::Event::PointerButton {
            pos: egui::pos2(10.0, 10.0),
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        };
        let key = egui::Event::Key {
            key: egui::Key::A,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        };
        assert!(is_pointer_event(&moved));
        assert!(is_pointer_event(&click));
        assert!(is_pointer_event(&egui::Event::PointerGone));
        assert!(!is_pointer_event(&key));
        assert!(!is_pointer_event(&egui::Event::Text("a".into())));
    }
}
