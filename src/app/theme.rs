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

/// Criterion colours (`report::palette::CRITERIA`, shared with the briefings' charts).
pub const CRITERIA: [Color32; 12] = {
    let rgb = crate::report::palette::CRITERIA;
    let mut out = [Color32::BLACK; 12];
    let mut k = 0;
    while k < out.len() {
        out[k] = Color32::from_rgb(rgb[k][0], rgb[k][1], rgb[k][2]);
        k += 1;
    }
    out
};

/// Colour of the criterion at `index` in stacked charts and the weights panel.
pub fn criterion_colour(index: usize) -> Color32 {
    CRITERIA[index % CRITERIA.len()]
}

/// Control points of cividis (Nuñez, Anderton & Renslow 2018, PLOS ONE 13(7): e0199239; the
/// table matplotlib ships), every 32nd of its 256 entries: a sequential scale whose lightness
/// rises steadily from dark blue to yellow and reads the same to colour-blind eyes.
const CIVIDIS: [[u8; 3]; 9] = [
    [0, 34, 78],
    [26, 56, 111],
    [67, 78, 108],
    [97, 101, 111],
    [125, 124, 120],
    [155, 148, 118],
    [188, 174, 108],
    [222, 201, 88],
    [254, 232, 56],
];

/// Background of a matrix cell by normalised value (0 worst … 1 best): cividis, interpolated
/// linearly between its control points.
pub fn value_colour(t: f64) -> Color32 {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (CIVIDIS.len() - 1) as f64;
    let k = (x.floor() as usize).min(CIVIDIS.len() - 2);
    let f = x - k as f64;
    let (a, b) = (CIVIDIS[k], CIVIDIS[k + 1]);
    let mix = |c: usize| (f64::from(a[c]) + (f64::from(b[c]) - f64::from(a[c])) * f).round() as u8;
    Color32::from_rgb(mix(0), mix(1), mix(2))
}

/// Relative luminance (WCAG 2) of an opaque colour, 0 black … 1 white.
pub fn luminance(c: Color32) -> f64 {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
}

/// Black or white, whichever contrasts more with `background` (text on a coloured cell).
pub fn text_on(background: Color32) -> Color32 {
    // Contrast with black equals contrast with white where luminance is about 0.179.
    if luminance(background) > 0.179 {
        Color32::BLACK
    } else {
        Color32::WHITE
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

#[cfg(test)]
mod tests {
    use super::*;

    /// CIE L* (0–100) from relative luminance.
    fn lightness(c: Color32) -> f64 {
        let y = luminance(c);
        if y > 0.008856 {
            116.0 * y.cbrt() - 16.0
        } else {
            903.3 * y
        }
    }

    /// CIE L*a*b* (D65) of `c` as seen through the 3×3 matrix `m`, applied to linear RGB.
    fn lab_seen(c: Color32, m: &[[f64; 3]; 3]) -> [f64; 3] {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let rgb = [lin(c.r()), lin(c.g()), lin(c.b())];
        let l: Vec<f64> = m
            .iter()
            .map(|row| (0..3).map(|k| row[k] * rgb[k]).sum::<f64>().clamp(0.0, 1.0))
            .collect();
        let x = 0.4124 * l[0] + 0.3576 * l[1] + 0.1805 * l[2];
        let y = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
        let z = 0.0193 * l[0] + 0.1192 * l[1] + 0.9505 * l[2];
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        let (fx, fy, fz) = (f(x / 0.9505), f(y), f(z / 1.089));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    /// Normal vision and Machado, Oliveira & Fernandes (2009) full-severity simulations of
    /// protanopia, deuteranopia and tritanopia (their published matrices, severity 1.0).
    const VISIONS: [(&str, [[f64; 3]; 3]); 4] = [
        (
            "normal",
            [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        ),
        (
            "protan",
            [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
        ),
        (
            "deutan",
            [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
        ),
        (
            "tritan",
            [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        ),
    ];

    fn distance(a: [f64; 3], b: [f64; 3]) -> f64 {
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).powi(2))
            .sum::<f64>()
            .sqrt()
    }

    #[test]
    fn criterion_colours_stay_apart_for_colour_blind_eyes() {
        // ΔE*ab 12 is a clearly visible difference between two flat patches; the palette this
        // one replaced (Tableau's category20 pairs) came to ΔE 4 under deuteranopia.
        for (name, m) in &VISIONS {
            for (a, ca) in CRITERIA.iter().enumerate() {
                for (b, cb) in CRITERIA.iter().enumerate().skip(a + 1) {
                    let d = distance(lab_seen(*ca, m), lab_seen(*cb, m));
                    assert!(
                        d >= 12.0,
                        "{name}: colours {a} and {b} only ΔE {d:.1} apart"
                    );
                }
            }
        }
        // Side by side in a stack, neighbours differ more still.
        for (name, m) in &VISIONS {
            for (a, pair) in CRITERIA.windows(2).enumerate() {
                let d = distance(lab_seen(pair[0], m), lab_seen(pair[1], m));
                assert!(d >= 20.0, "{name}: neighbours {a} and {} ΔE {d:.1}", a + 1);
            }
        }
    }

    #[test]
    fn criterion_colours_show_on_a_black_ground() {
        for (j, c) in CRITERIA.iter().enumerate() {
            assert!(
                lightness(*c) >= 40.0,
                "colour {j} is too dark: L* {}",
                lightness(*c)
            );
        }
    }

    #[test]
    fn the_value_scale_grows_lighter_from_worst_to_best() {
        let steps = 200;
        let l: Vec<f64> = (0..=steps)
            .map(|k| lightness(value_colour(f64::from(k) / f64::from(steps))))
            .collect();
        // Never darker by more than 8-bit rounding can make it (a tenth of an L* unit)...
        for (k, w) in l.windows(2).enumerate() {
            assert!(
                w[1] > w[0] - 0.1,
                "lightness falls at step {k}: {} → {}",
                w[0],
                w[1]
            );
        }
        // ...and clearly lighter from each control point to the next.
        let at_points: Vec<f64> = (0..CIVIDIS.len())
            .map(|k| lightness(value_colour(k as f64 / (CIVIDIS.len() - 1) as f64)))
            .collect();
        for (k, w) in at_points.windows(2).enumerate() {
            assert!(w[1] > w[0] + 5.0, "control points {k} and {}: {w:?}", k + 1);
        }
        // And spans most of the range, so the ends are far apart.
        assert!(l[steps as usize] - l[0] > 70.0);
        assert_eq!(value_colour(-3.0), value_colour(0.0));
        assert_eq!(value_colour(f64::NAN), value_colour(0.0));
        assert_eq!(value_colour(7.0), value_colour(1.0));
    }

    #[test]
    fn text_on_a_cell_keeps_a_readable_contrast() {
        let contrast = |a: Color32, b: Color32| {
            let (x, y) = (luminance(a), luminance(b));
            (x.max(y) + 0.05) / (x.min(y) + 0.05)
        };
        for k in 0..=100 {
            let bg = value_colour(f64::from(k) / 100.0);
            let c = contrast(text_on(bg), bg);
            assert!(c >= 4.5, "contrast {c:.2} on cell {k} (WCAG AA asks 4.5)");
        }
    }
}
