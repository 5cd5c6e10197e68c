//! The session's address as a QR code, drawn with egui's painter: dark modules on white
//! whatever the theme, a quiet zone of four modules, every module a whole number of physical
//! pixels so that a phone's camera reads it from across the room.

use egui::{Color32, Mesh, Pos2, Rect, Ui, Vec2};
use qrcode::{Color, QrCode};

/// The quiet zone around the code, in modules (the standard's minimum).
pub const QUIET: usize = 4;

/// A QR code's modules, row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct Qr {
    /// The text encoded.
    pub text: String,
    /// Modules per side (without the quiet zone).
    pub width: usize,
    dark: Vec<bool>,
}

impl Qr {
    /// The code of `text`, or `None` if it is too long for any QR code.
    pub fn new(text: &str) -> Option<Self> {
        let code = QrCode::new(text.as_bytes()).ok()?;
        Some(Self {
            text: text.to_string(),
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    /// Modules per side with the quiet zone.
    pub fn side(&self) -> usize {
        self.width + 2 * QUIET
    }

    fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }

    /// The dark rectangles of the code drawn at `origin` with modules of `module` points:
    /// each run of dark modules in a row is one rectangle, so no seam shows between them.
    pub fn dark_rects(&self, origin: Pos2, module: f32) -> Vec<Rect> {
        let mut rects = Vec::new();
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.width && self.is_dark(x, y) {
                    x += 1;
                }
                let at = |col: usize, row: usize| {
                    origin + Vec2::new((col + QUIET) as f32, (row + QUIET) as f32) * module
                };
                rects.push(Rect::from_min_max(at(start, y), at(x, y + 1)));
            }
        }
        rects
    }
}

/// The size a code drawn in at most `max_side` points takes, and its module, in points: the
/// largest whole number of physical pixels per module that fits (at least one).
pub fn fit(qr: &Qr, max_side: f32, pixels_per_point: f32) -> (f32, f32) {
    let ppp = pixels_per_point.max(0.1);
    let modules = qr.side() as f32;
    let pixels = ((max_side * ppp) / modules).floor().max(1.0);
    let module = pixels / ppp;
    (module * modules, module)
}

/// Draws `qr` in a square of at most `max_side` points; named for screen readers (and tests)
/// with `label`.
pub fn show(ui: &mut Ui, qr: &Qr, max_side: f32, label: &str) -> egui::Response {
    let ppp = ui.ctx().pixels_per_point();
    let (side, module) = fit(qr, max_side, ppp);
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(side), egui::Sense::hover());
    // On the pixel grid, so that every module edge is a pixel edge (no blur, no seams).
    let origin = Pos2::new(
        (rect.min.x * ppp).round() / ppp,
        (rect.min.y * ppp).round() / ppp,
    );
    let mut mesh = Mesh::default();
    mesh.add_colored_rect(
        Rect::from_min_size(origin, Vec2::splat(side)),
        Color32::WHITE,
    );
    for r in qr.dark_rects(origin, module) {
        mesh.add_colored_rect(r, Color32::BLACK);
    }
    ui.painter().add(mesh);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Image, true, label));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the point lies in a dark rectangle.
    fn dark_at(rects: &[Rect], p: Pos2) -> bool {
        rects.iter().any(|r| r.contains(p))
    }

    #[test]
    fn the_drawing_has_the_code_s_modules_and_a_light_quiet_zone() {
        let url = "http://192.168.1.20:40123/";
        let qr = Qr::new(url).unwrap_or_else(|| panic!("encodes"));
        // The crate's own matrix, read independently of `Qr`.
        let code = QrCode::new(url.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let colors = code.to_colors();
        assert_eq!(qr.width, code.width());
        // A URL this short fits version 2 (25 modules) at the crate's default level (M).
        assert_eq!(qr.width, 25);
        let module = 3.0;
        let origin = Pos2::new(10.0, 20.0);
        let rects = qr.dark_rects(origin, module);
        let side = qr.side();
        for y in 0..side {
            for x in 0..side {
                let centre = origin + Vec2::new(x as f32 + 0.5, y as f32 + 0.5) * module;
                let inside = (QUIET..QUIET + qr.width).contains(&x)
                    && (QUIET..QUIET + qr.width).contains(&y);
                let want = inside && colors[(y - QUIET) * qr.width + (x - QUIET)] == Color::Dark;
                assert_eq!(dark_at(&rects, centre), want, "module ({x}, {y})");
            }
        }
        // The three finder patterns' corners are dark.
        assert!(dark_at(
            &rects,
            origin + Vec2::splat(QUIET as f32 + 0.5) * module
        ));
    }

    #[test]
    fn modules_are_whole_pixels_and_fit() {
        let qr = Qr::new("http://10.0.0.5:8080/").unwrap_or_else(|| panic!("encodes"));
        let modules = qr.side() as f32;
        for (max, ppp) in [(300.0, 1.0), (300.0, 1.5), (517.0, 2.0), (10.0, 1.0)] {
            let (side, module) = fit(&qr, max, ppp);
            let px = module * ppp;
            assert!((px - px.round()).abs() < 1e-4, "{px} pixels per module");
            assert!((side - module * modules).abs() < 1e-3);
            // As large as fits: one more pixel per module would not.
            if px > 1.0 {
                assert!(side <= max + 1e-3);
                assert!((px + 1.0) * modules / ppp > max);
            }
        }
    }
}
