//! The room's agreement chart: Kendall's τ-b between every pair of profiles as a heat map, the
//! profiles in the clustering order (rows and columns alike), numbered, with their names on the
//! left.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{AXIS_GREY, AXIS_TEXT, Briefing, DrawResult, FONT, TEXT, WIDTH, label, label_width};

/// Largest cell side.
const CELL: u32 = 44;

/// Blue for agreement (τ = 1), white for none, red for reversal (τ = −1); grey where τ is
/// undefined.
fn tau_colour(tau: Option<f64>) -> RGBColor {
    let Some(t) = tau.filter(|t| t.is_finite()) else {
        return RGBColor(200, 200, 200);
    };
    let t = t.clamp(-1.0, 1.0);
    let (end, s) = if t >= 0.0 {
        ((33.0, 102.0, 172.0), t)
    } else {
        ((178.0, 24.0, 43.0), -t)
    };
    let mix = |e: f64| (255.0 + (e - 255.0) * s).round() as u8;
    RGBColor(mix(end.0), mix(end.1), mix(end.2))
}

pub(super) fn agreement(b: &Briefing, out: &mut String) -> DrawResult {
    let Some(Ok(room)) = &b.room else {
        return Ok(());
    };
    let p = &room.perspectives;
    let order = &p.order;
    let n = order.len().max(1) as u32;
    let labels: Vec<String> = order
        .iter()
        .enumerate()
        .map(|(pos, &k)| {
            let name = b
                .perspectives
                .get(k)
                .map_or("", |x| x.profile_name.as_str());
            format!("{} {}", pos + 1, label(name, 26))
        })
        .collect();
    let left = label_width(&labels) + 10;
    let cell = ((WIDTH - left - 20) / n).clamp(8, CELL);
    let top = 30;
    let height = top + cell * n + 20;
    let root = SVGBackend::with_string(out, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let x0 = left as i32;
    let y0 = top as i32;
    let c = cell as i32;
    let show_values = cell >= 30;
    for (row, &a) in order.iter().enumerate() {
        let y = y0 + row as i32 * c;
        root.draw(&Text::new(
            labels[row].clone(),
            (x0 - 8, y + c / 2),
            (FONT, AXIS_TEXT)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
        for (col, &k) in order.iter().enumerate() {
            let x = x0 + col as i32 * c;
            let tau = p.kendall_tau[a][k];
            let colour = tau_colour(tau);
            root.draw(&Rectangle::new([(x, y), (x + c, y + c)], colour.filled()))?;
            root.draw(&Rectangle::new(
                [(x, y), (x + c, y + c)],
                WHITE.stroke_width(1),
            ))?;
            if show_values && let Some(t) = tau {
                let ink = if t.abs() > 0.75 { WHITE } else { BLACK };
                root.draw(&Text::new(
                    format!("{t:.2}"),
                    (x + c / 2, y + c / 2),
                    (FONT, TEXT)
                        .into_font()
                        .color(&ink)
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                ))?;
            }
        }
    }
    for col in 0..order.len() {
        root.draw(&Text::new(
            (col + 1).to_string(),
            (x0 + col as i32 * c + c / 2, y0 - 8),
            (FONT, AXIS_TEXT)
                .into_font()
                .color(&AXIS_GREY)
                .pos(Pos::new(HPos::Center, VPos::Bottom)),
        ))?;
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_run_from_red_through_white_to_blue() {
        assert_eq!(tau_colour(Some(1.0)), RGBColor(33, 102, 172));
        assert_eq!(tau_colour(Some(0.0)), RGBColor(255, 255, 255));
        assert_eq!(tau_colour(Some(-1.0)), RGBColor(178, 24, 43));
        assert_eq!(tau_colour(None), RGBColor(200, 200, 200));
    }
}
