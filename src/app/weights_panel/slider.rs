//! The weights panel's percentage slider. Unlike egui's own it takes whatever width it is given,
//! and it has a fine mode: with Shift held, a drag moves the value a tenth as fast as the pointer
//! (in steps of 0.1 %) from where Shift was pressed, and the arrow keys step by 0.1 % instead
//! of 1 %. A plain drag or click sets whole percent where the pointer is.

use egui::{Event, Id, Key, Rect, Response, Sense, Ui, WidgetInfo, accesskit, lerp, pos2, vec2};

/// Percent per point of pointer travel in fine mode, as a share of the coarse rate.
const FINE: f64 = 0.1;

/// Where a fine drag started: the pointer's x and the value then.
#[derive(Clone, Copy)]
struct Anchor {
    x: f32,
    value: f64,
}

/// A 0–100 % slider `width` points wide, named `label` for screen readers and tests. Returns
/// the response, marked changed when `value` changed.
pub fn percent_slider(ui: &mut Ui, value: &mut f64, width: f32, label: &str) -> Response {
    let height = ui.spacing().interact_size.y;
    let (rect, mut response) = ui.allocate_exact_size(vec2(width.max(40.0), height), Sense::drag());
    let radius = rect.height() / 2.5;
    let rail = rect.x_range().shrink(radius);
    let old = *value;

    if let Some(pointer) = response.interact_pointer_pos() {
        *value = from_pointer(ui, response.id, rail.min, rail.max, pointer.x, *value);
    } else {
        ui.data_mut(|d| d.remove::<Anchor>(response.id));
    }
    if response.has_focus() {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                response.id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    ..Default::default()
                },
            );
        });
        for (up, fine) in arrow_presses(ui) {
            *value = stepped(*value, up, if fine { FINE } else { 1.0 });
        }
    }
    let (inc, dec, set) = ui.input(|i| {
        (
            i.num_accesskit_action_requests(response.id, accesskit::Action::Increment),
            i.num_accesskit_action_requests(response.id, accesskit::Action::Decrement),
            i.accesskit_action_requests(response.id, accesskit::Action::SetValue)
                .filter_map(|r| match r.data {
                    Some(accesskit::ActionData::NumericValue(v)) => Some(v),
                    _ => None,
                })
                .last(),
        )
    });
    for up in std::iter::repeat_n(true, inc).chain(std::iter::repeat_n(false, dec)) {
        *value = stepped(*value, up, 1.0);
    }
    if let Some(v) = set.filter(|v| v.is_finite()) {
        *value = v.clamp(0.0, 100.0);
    }
    if *value != old {
        response.mark_changed();
    }

    let v = *value;
    response.widget_info(|| WidgetInfo::slider(ui.is_enabled(), v, label));
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_min_numeric_value(0.0);
        node.set_max_numeric_value(100.0);
        node.set_numeric_value_step(1.0);
        node.add_action(accesskit::Action::SetValue);
        node.add_action(accesskit::Action::Increment);
        node.add_action(accesskit::Action::Decrement);
    });
    paint(ui, rect, rail.min, rail.max, radius, v, &response);
    response
}

/// The value the pointer asks for: whole percent under the pointer, or with Shift held, a
/// tenth of the pointer's travel since Shift was pressed, in steps of 0.1 %.
fn from_pointer(ui: &Ui, id: Id, left: f32, right: f32, x: f32, value: f64) -> f64 {
    let fine = ui.input(|i| i.modifiers.shift);
    if !fine {
        ui.data_mut(|d| d.remove::<Anchor>(id));
        let t = f64::from(((x - left) / (right - left).max(1.0)).clamp(0.0, 1.0));
        return (t * 100.0).round();
    }
    let anchor = ui.data_mut(|d| *d.get_temp_mut_or_insert_with(id, || Anchor { x, value }));
    let per_point = 100.0 / f64::from((right - left).max(1.0));
    let moved = f64::from(x - anchor.x) * per_point * FINE;
    ((anchor.value + moved) * 10.0).round().clamp(0.0, 1000.0) / 10.0
}

/// Arrow presses this frame on a focused slider: (towards 100 %, with Shift).
fn arrow_presses(ui: &Ui) -> Vec<(bool, bool)> {
    ui.input(|i| {
        i.events
            .iter()
            .filter_map(|e| match e {
                Event::Key {
                    key: key @ (Key::ArrowRight | Key::ArrowLeft),
                    pressed: true,
                    modifiers,
                    ..
                } => Some((*key == Key::ArrowRight, modifiers.shift)),
                _ => None,
            })
            .collect()
    })
}

/// The next value on the grid of `step` up or down from `value` (23.4 → 24 or 23 by 1 %),
/// within 0–100 %.
pub fn stepped(value: f64, up: bool, step: f64) -> f64 {
    let k = value / step;
    let next = if up {
        (k + 1e-6).floor() + 1.0
    } else {
        (k - 1e-6).ceil() - 1.0
    };
    // Back through tenths, so that 0.1 steps land on 23.4, not 23.400000000000002.
    ((next * step * 10.0).round() / 10.0).clamp(0.0, 100.0)
}

fn paint(ui: &Ui, rect: Rect, left: f32, right: f32, radius: f32, value: f64, r: &Response) {
    if !ui.is_rect_visible(rect) {
        return;
    }
    let visuals = ui.visuals();
    let rail_h = (ui.spacing().slider_rail_height / 2.0).max(0.0);
    let y = rect.center().y;
    let rail = Rect::from_min_max(
        pos2(rect.left(), y - rail_h),
        pos2(rect.right(), y + rail_h),
    );
    let corner = visuals.widgets.inactive.corner_radius;
    let painter = ui.painter();
    painter.rect_filled(rail, corner, visuals.widgets.inactive.bg_fill);
    let x = lerp(left..=right, (value / 100.0).clamp(0.0, 1.0) as f32);
    let fill = Rect::from_min_max(rail.min, pos2(x, rail.max.y));
    painter.rect_filled(fill, corner, visuals.selection.bg_fill);
    let style = ui.style().interact(r);
    painter.circle(
        pos2(x, y),
        radius + style.expansion,
        style.bg_fill,
        style.fg_stroke,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_land_on_the_grid() {
        assert_eq!(stepped(23.4, true, 1.0), 24.0);
        assert_eq!(stepped(23.4, false, 1.0), 23.0);
        assert_eq!(stepped(24.0, true, 1.0), 25.0);
        assert_eq!(stepped(24.0, false, 1.0), 23.0);
        assert_eq!(stepped(23.4, true, 0.1), 23.5);
        assert_eq!(stepped(23.45, false, 0.1), 23.4);
        assert_eq!(stepped(0.0, false, 1.0), 0.0);
        assert_eq!(stepped(99.6, true, 1.0), 100.0);
        assert_eq!(stepped(100.0, true, 0.1), 100.0);
    }
}
