//! What the matrix's tables read and the sizes their parts share: the option names table, the
//! values table and the cells measure themselves against one `Metrics`.

use egui::{Color32, FontId, Ui};

use super::lookup::{Lookup, Sort};
use super::text::header_suffix;
use crate::app::Derived;
use crate::i18n;
use crate::scenario::model::Scenario;

/// Everything the table reads.
pub(super) struct Table<'a> {
    pub(super) s: &'a Scenario,
    pub(super) d: &'a Derived,
    pub(super) lookup: &'a Lookup,
    pub(super) rows: &'a [usize],
    pub(super) sort: &'a Sort,
    /// `(option, criterion)` indices of the selected cell.
    pub(super) selected: Option<(usize, usize)>,
    /// Give the selected cell keyboard focus and scroll it into view.
    pub(super) focus: bool,
}

/// Sizes shared by the two tables.
pub(super) struct Metrics {
    pub(super) body: FontId,
    pub(super) small: FontId,
    /// Inner padding of a cell.
    pub(super) pad: f32,
    pub(super) header_height: f32,
    pub(super) row_height: f32,
    pub(super) name_width: f32,
    pub(super) score_width: f32,
    /// Initial width of each criterion column.
    pub(super) widths: Vec<f32>,
    /// Width of the widest value (the part before the range) of each criterion.
    pub(super) value_width: Vec<f32>,
    /// Too many criteria for the width: headers run upwards and cells show the value alone
    /// (the range is in the cell's tooltip), so every criterion fits.
    pub(super) compact: bool,
}

pub(super) fn text_width(ui: &Ui, text: &str, font: &FontId) -> f32 {
    ui.painter()
        .layout_no_wrap(text.to_string(), font.clone(), Color32::WHITE)
        .size()
        .x
}

impl Metrics {
    pub(super) fn new(ui: &Ui, s: &Scenario, lookup: &Lookup) -> Self {
        let lang = i18n::lang();
        let body = egui::TextStyle::Body.resolve(ui.style());
        let small = egui::TextStyle::Small.resolve(ui.style());
        let line = ui.text_style_height(&egui::TextStyle::Body);
        let pad = 6.0;
        // Room for the sort mark at the right of a header.
        let mark = 14.0;
        let mut widths = Vec::with_capacity(s.criteria.len());
        let mut value_width = Vec::with_capacity(s.criteria.len());
        for (j, c) in s.criteria.iter().enumerate() {
            let (value, range) = lookup
                .widest
                .get(j)
                .map_or(("—", ""), |w| (w.0.as_str(), w.1.as_str()));
            let vw = text_width(ui, value, &body).max(text_width(ui, "0.0", &body));
            let rw = text_width(ui, range, &small);
            value_width.push(vw);
            // A header wraps onto two lines, so a column need only fit its longest word. The
            // suffix is a word of its own: in Chinese no space comes before it.
            let word = c
                .label_in(lang)
                .split(' ')
                .chain(header_suffix(c).split(' '))
                .map(|w| text_width(ui, w, &body))
                .fold(0.0, f32::max);
            let label = text_width(ui, c.label_in(lang), &body);
            // Longer labels wrap rather than widen the column.
            let head = word.max(label.min(84.0)) + 2.0 * pad + mark + 2.0;
            widths.push((vw + rw + 2.0 * pad).max(head).clamp(56.0, 220.0));
        }
        let name_width = s
            .options
            .iter()
            .map(|o| text_width(ui, o.label_in(lang), &body))
            .fold(text_width(ui, i18n::s().col_option, &body), f32::max)
            + 2.0 * pad
            + 8.0;
        let score_width = text_width(ui, "#00  0.000", &body) + 2.0 * pad;
        let name_width = name_width.clamp(110.0, 260.0);
        let gap = 3.0;
        let natural =
            name_width + score_width + widths.iter().map(|w| w + gap).sum::<f32>() + 2.0 * gap;
        let compact = natural > ui.available_width();
        let mut header_height = 2.0 * line + 8.0;
        if compact {
            // Columns as wide as their values; headers turned to read upwards, as tall as the
            // longest (cut with "…" past a limit).
            for (w, vw) in widths.iter_mut().zip(&value_width) {
                *w = (vw + 2.0 * pad).max(line + 2.0 * pad).max(40.0);
            }
            let longest = s
                .criteria
                .iter()
                .map(|c| {
                    text_width(
                        ui,
                        &format!("{}{}", c.label_in(lang), header_suffix(c)),
                        &body,
                    )
                })
                .fold(0.0, f32::max);
            // Leaving the table body its least height (egui_extras' 200 points and the scroll
            // bar), so a short window keeps rows to scroll through; labels cut short there.
            let most = (ui.available_height() - 240.0).clamp(header_height, ROTATED_HEADER_MAX);
            header_height = (longest + 2.0 * pad + mark).clamp(header_height, most);
        }
        Self {
            body,
            small,
            pad,
            header_height,
            row_height: line + 9.0,
            name_width,
            score_width,
            widths,
            value_width,
            compact,
        }
    }
}

/// Tallest header of a compact table, turned upwards.
const ROTATED_HEADER_MAX: f32 = 180.0;
