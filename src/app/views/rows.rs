//! Tables of many rows that lay out only the rows in sight, inside the view's own scroll area
//! (a 1,000-row `Grid` took 30–40 ms a frame): every row has one height, so the rows off screen
//! only take their room, and the columns have widths measured once, not per row.

use std::hash::{Hash, Hasher};

use egui::{Align, FontId, Layout, Rect, Sense, TextStyle, Ui, UiBuilder, vec2};

/// Allocates `n` rows of `height` across `width` and calls `row(ui, i)` for each row that can be
/// seen, in a child ui spanning the row, left to right and centred vertically. Odd rows are
/// striped like a striped `Grid`.
pub fn rows(ui: &mut Ui, width: f32, height: f32, n: usize, mut row: impl FnMut(&mut Ui, usize)) {
    let (rect, _) = ui.allocate_exact_size(vec2(width, height * n as f32), Sense::hover());
    let seen = ui.clip_rect().intersect(rect);
    if n == 0 || !seen.is_positive() {
        return;
    }
    let first = ((seen.top() - rect.top()) / height).floor().max(0.0) as usize;
    let last = (((seen.bottom() - rect.top()) / height).ceil().max(0.0) as usize).min(n);
    for i in first..last {
        let r = Rect::from_min_size(rect.min + vec2(0.0, i as f32 * height), vec2(width, height));
        if i % 2 == 1 {
            ui.painter()
                .rect_filled(r, 0.0, ui.visuals().faint_bg_color);
        }
        let mut child = ui.new_child(
            UiBuilder::new()
                .max_rect(r)
                .layout(Layout::left_to_right(Align::Center))
                .id_salt(("row", i)),
        );
        row(&mut child, i);
    }
}

/// A heading `width` wide above a column, as tall as what `add` lays out in it (top down, each
/// line aligned by `align`).
pub fn heading<R>(ui: &mut Ui, width: f32, align: Align, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.allocate_ui_with_layout(vec2(width, 0.0), Layout::top_down(align), |ui| {
        ui.set_min_width(width);
        ui.set_max_width(width);
        add(ui)
    })
    .inner
}

/// A cell `width` wide in a row: `add` lays out its contents in it, left to right.
pub fn cell<R>(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
    let height = ui.available_height().max(0.0);
    ui.allocate_ui_with_layout(
        vec2(width, height),
        Layout::left_to_right(Align::Center),
        |ui| {
            ui.set_min_width(width);
            ui.set_max_width(width);
            add(ui)
        },
    )
    .inner
}

/// The width of the widest of `texts` in `font`, measured again only when `key` (what the
/// texts depend on: a revision, the language) or the font changes. `salt` tells apart the
/// columns measured in one ui.
pub fn widest<'a>(
    ui: &Ui,
    salt: &str,
    key: impl Hash,
    texts: impl IntoIterator<Item = &'a str>,
    font: FontId,
) -> f32 {
    let id = ui.scope_id().with(("widest", salt));
    let key = {
        let mut h = std::hash::DefaultHasher::new();
        (key, &font).hash(&mut h);
        h.finish()
    };
    if let Some((k, w)) = ui.data(|d| d.get_temp::<(u64, f32)>(id))
        && k == key
    {
        return w;
    }
    let w = texts
        .into_iter()
        .map(|t| {
            ui.fonts_mut(|f| f.layout_no_wrap(t.to_string(), font.clone(), egui::Color32::WHITE))
                .size()
                .x
        })
        .fold(0.0, f32::max);
    ui.data_mut(|d| d.insert_temp(id, (key, w)));
    w
}

/// The body text's font in `ui`.
pub fn body(ui: &Ui) -> FontId {
    TextStyle::Body.resolve(ui.style())
}
