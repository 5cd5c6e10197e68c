//! Colours and sizes, in one place: every chart takes an option's colour from here.

use egui::{Color32, FontId, TextStyle};

/// Colour-blind-safe categorical palette (Okabe–Ito, plus darker variants for more options).
const PALETTE: [Color32; 12] = [
    Color32::from_rgb(0, 114, 178),
    Color32::from_rgb(230, 159, 0),
    Color32::from_rgb(0, 158, 115),
    Color32::from_rgb(213, 94, 0),
    Color32::from_rgb(86, 180, 233),
    Color32::from_rgb(204, 121, 167),
    Color32::from_rgb(240, 228, 66),
    Color32::from_rgb(120, 120, 120),
    Color32::from_rgb(170, 51, 119),
    Color32::from_rgb(160, 110, 0),
    Color32::from_rgb(0, 110, 80),
    Color32::from_rgb(150, 65, 0),
];

/// The stable colour of the option at `index` in the scenario.
pub fn option_colour(index: usize) -> Color32 {
    PALETTE[index % PALETTE.len()]
}

/// Colour of the criterion at `index` in stacked charts: a palette distinct from the options'.
pub fn criterion_colour(index: usize) -> Color32 {
    const CRITERIA: [Color32; 12] = [
        Color32::from_rgb(31, 119, 180),
        Color32::from_rgb(174, 199, 232),
        Color32::from_rgb(44, 160, 44),
        Color32::from_rgb(152, 223, 138),
        Color32::from_rgb(214, 39, 40),
        Color32::from_rgb(255, 152, 150),
        Color32::from_rgb(148, 103, 189),
        Color32::from_rgb(197, 176, 213),
        Color32::from_rgb(140, 86, 75),
        Color32::from_rgb(196, 156, 148),
        Color32::from_rgb(227, 119, 194),
        Color32::from_rgb(188, 189, 34),
    ];
    CRITERIA[index % CRITERIA.len()]
}

/// Background of a matrix cell by normalised value (0 worst … 1 best): a red–white–teal ramp.
pub fn value_colour(t: f64, dark: bool) -> Color32 {
    let t = t.clamp(0.0, 1.0) as f32;
    let (bad, mid, good) = if dark {
        (
            Color32::from_rgb(110, 40, 40),
            Color32::from_rgb(50, 50, 50),
            Color32::from_rgb(20, 100, 95),
        )
    } else {
        (
            Color32::from_rgb(244, 180, 170),
            Color32::from_rgb(250, 250, 250),
            Color32::from_rgb(150, 215, 205),
        )
    };
    if t < 0.5 {
        bad.lerp_to_gamma(mid, t * 2.0)
    } else {
        mid.lerp_to_gamma(good, (t - 0.5) * 2.0)
    }
}

/// Colour of error text.
pub const ERROR: Color32 = Color32::from_rgb(200, 40, 40);

/// Colour of warnings (unsaved changes).
pub const WARNING: Color32 = Color32::from_rgb(220, 150, 30);

/// Sets text sizes a notch above egui's defaults, for legibility on laptops and projectors,
/// and adds the bundled CJK font as a fallback.
pub fn apply(ctx: &egui::Context) {
    super::fonts::install(ctx);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::proportional(20.0)),
            (TextStyle::Body, FontId::proportional(14.5)),
            (TextStyle::Monospace, FontId::monospace(13.5)),
            (TextStyle::Button, FontId::proportional(14.5)),
            (TextStyle::Small, FontId::proportional(11.5)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
    });
}

/// Accent behind the current view's name in projection mode.
pub const PROJECTION_ACCENT: Color32 = Color32::from_rgb(0, 85, 190);

/// Projection: black ground, white text and strokes, a saturated selection, for a room whose
/// projector washes out greys.
pub fn projection_visuals() -> egui::Visuals {
    let mut v = egui::Visuals::dark();
    let white = Color32::WHITE;
    v.override_text_color = Some(white);
    v.panel_fill = Color32::BLACK;
    v.window_fill = Color32::from_gray(12);
    v.extreme_bg_color = Color32::BLACK;
    v.faint_bg_color = Color32::from_gray(28);
    v.selection.bg_fill = PROJECTION_ACCENT;
    v.selection.stroke = egui::Stroke::new(2.0, white);
    for w in [
        &mut v.widgets.noninteractive,
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
    ] {
        w.fg_stroke = egui::Stroke::new(w.fg_stroke.width.max(1.5), white);
    }
    v.widgets.inactive.bg_fill = Color32::from_gray(55);
    v.widgets.inactive.weak_bg_fill = Color32::from_gray(40);
    v.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(120));
    v
}
