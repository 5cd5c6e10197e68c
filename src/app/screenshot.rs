//! Screenshot mode: render the window once, write a PNG, close. Used by the README and by CI
//! to check real pixels.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
}

impl Job {
    pub fn new(out: PathBuf) -> Self {
        Self {
            out,
            frames: 0,
            requested: false,
            outcome: Arc::new(Mutex::new(None)),
        }
    }

    /// Called once per frame after drawing; returns true when the window should close.
    pub fn step(&mut self, ctx: &egui::Context) -> bool {
        if let Ok(done) = self.outcome.lock()
            && done.is_some()
        {
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

/// Writes `image` as an RGBA PNG.
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
    image::save_buffer(path, &bytes, w, h, image::ExtendedColorType::Rgba8)
        .map_err(|e| format!("{}: cannot write the screenshot: {e}", path.display()))
}
