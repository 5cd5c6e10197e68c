//! The room's parts of the window: the Room menu, the dialog that starts a session, the
//! session panel (address, QR code, PIN, state, who submitted) and the join card that fills
//! the central area for the projector.

use egui::{Align, Color32, FontId, Layout, RichText, Ui, Vec2};

use super::room::{RoomCommand, RoomState, StartForm, clock, profile_of};
use super::{Command, qr, theme};
use crate::i18n::{self, fill, room as texts};
use crate::room::{Participant, Session};
use crate::scenario::model::Scenario;
use crate::scenario::weights::effective_weights;

fn push(out: &mut Vec<Command>, c: RoomCommand) {
    out.push(Command::Room(c));
}

/// The PIN in two groups of three, as people read it out: "123 456".
pub fn grouped(pin: &str) -> String {
    if pin.len() == 6 && pin.is_ascii() {
        format!("{} {}", &pin[..3], &pin[3..])
    } else {
        pin.to_string()
    }
}

/// The Room menu of the menu bar.
pub fn menu(ui: &mut Ui, room: &RoomState, out: &mut Vec<Command>) {
    let t = texts::t();
    ui.menu_button(t.menu_room, |ui| {
        let open = room.session().is_some();
        if ui
            .add_enabled(!open, egui::Button::new(t.menu_open_session))
            .on_hover_text(t.menu_open_session_hover)
            .clicked()
        {
            push(out, RoomCommand::OpenDialog);
        }
        let mut panel = open && !room.folded;
        if ui
            .add_enabled(open, egui::Checkbox::new(&mut panel, t.menu_panel))
            .clicked()
        {
            push(out, RoomCommand::ShowPanel(panel));
        }
        let mut showing = room.shows_card();
        if ui
            .add_enabled(open, egui::Checkbox::new(&mut showing, t.show_to_room))
            .on_hover_text(t.show_to_room_hover)
            .clicked()
        {
            push(out, RoomCommand::ShowToRoom(showing));
        }
        if ui
            .add_enabled(open, egui::Button::new(t.close_session))
            .on_hover_text(t.close_session_hover)
            .clicked()
        {
            push(out, RoomCommand::Close);
        }
    });
}

/// The start dialog and the session panel (a side panel: call before the central one).
pub fn show(
    ui: &mut Ui,
    s: &Scenario,
    room: &mut RoomState,
    out: &mut Vec<Command>,
    presenting: bool,
) {
    if let Some(form) = &mut room.form
        && !presenting
    {
        start_dialog(ui.ctx(), form, out);
    }
    let Some(session) = room.session() else {
        return;
    };
    if presenting || room.folded {
        return;
    }
    egui::Panel::right("room")
        .default_size(270.0)
        .min_size(220.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| panel(ui, s, room, session, out));
        });
}

fn start_dialog(ctx: &egui::Context, form: &mut StartForm, out: &mut Vec<Command>) {
    let t = texts::t();
    let mut open = true;
    egui::Window::new(t.start_title)
        .collapsible(false)
        .resizable(false)
        .open(&mut open)
        .anchor(egui::Align2::CENTER_CENTER, Vec2::ZERO)
        .show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.label(t.start_intro);
            ui.add_space(6.0);
            egui::Grid::new("room-start").num_columns(2).show(ui, |ui| {
                ui.label(t.start_bind);
                ui.vertical(|ui| {
                    ui.radio_value(&mut form.bind, 0, t.start_bind_all);
                    ui.radio_value(&mut form.bind, 1, t.start_bind_loopback);
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut form.bind, 2, t.start_bind_address);
                        let r = ui.add_enabled(
                            form.bind == 2,
                            egui::TextEdit::singleline(&mut form.address).desired_width(150.0),
                        );
                        let label = t.start_bind_address;
                        ui.ctx()
                            .accesskit_node_builder(r.id, |node| node.set_label(label));
                    });
                });
                ui.end_row();
                ui.label(t.start_port);
                ui.vertical(|ui| {
                    ui.radio_value(&mut form.automatic_port, true, t.start_port_auto);
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut form.automatic_port, false, t.start_port_number);
                        let r = ui.add_enabled(
                            !form.automatic_port,
                            egui::TextEdit::singleline(&mut form.port).desired_width(70.0),
                        );
                        let label = t.start_port_number;
                        ui.ctx()
                            .accesskit_node_builder(r.id, |node| node.set_label(label));
                    });
                });
                ui.end_row();
            });
            ui.label(RichText::new(t.start_firewall).small().weak());
            if let Some(e) = &form.error {
                ui.colored_label(theme::ERROR, e);
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(t.start_button).clicked() {
                    match form.parsed() {
                        Ok((bind, port)) => push(out, RoomCommand::Start { bind, port }),
                        Err(e) => form.error = Some(e),
                    }
                }
                if ui.button(i18n::s().cancel).clicked() {
                    push(out, RoomCommand::CancelDialog);
                }
            });
        });
    if !open {
        push(out, RoomCommand::CancelDialog);
    }
}

/// A label of `size` points, in monospace if `mono`, strong.
fn big(ui: &mut Ui, text: &str, size: f32, mono: bool) -> egui::Response {
    let font = if mono {
        FontId::monospace(size)
    } else {
        FontId::proportional(size)
    };
    ui.add(
        egui::Label::new(RichText::new(text).font(font).strong())
            .wrap_mode(egui::TextWrapMode::Extend),
    )
}

/// The largest size (points) at which `text` in `font` fits `width`, within `min..=max`.
fn fitting_size(ui: &Ui, text: &str, mono: bool, width: f32, min: f32, max: f32) -> f32 {
    let probe = 100.0;
    let font = if mono {
        FontId::monospace(probe)
    } else {
        FontId::proportional(probe)
    };
    let w = ui
        .painter()
        .layout_no_wrap(text.to_string(), font, Color32::WHITE)
        .size()
        .x;
    if w <= 0.0 {
        return min;
    }
    (probe * width / w).clamp(min, max)
}

fn counts(participants: &[Participant]) -> String {
    let submitted = participants
        .iter()
        .filter(|p| p.submitted.is_some())
        .count();
    fill(texts::t().counts, &[&participants.len(), &submitted])
}

fn panel(ui: &mut Ui, s: &Scenario, room: &RoomState, session: &Session, out: &mut Vec<Command>) {
    let t = texts::t();
    ui.horizontal(|ui| {
        ui.heading(t.panel_heading);
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.button("▶").on_hover_text(t.menu_panel).clicked() {
                push(out, RoomCommand::ShowPanel(false));
            }
        });
    });
    let width = ui.available_width();
    // While the join card shows the address, the code and the PIN, the panel does not.
    if !room.shows_card() {
        ui.label(RichText::new(t.join_address).weak());
        let size = fitting_size(ui, session.url(), true, width, 11.0, 22.0);
        big(ui, session.url(), size, true);
        ui.add_space(4.0);
        if let Some(code) = &room.qr {
            // Small enough on a laptop's screen to leave the list of submissions in view.
            let side = width
                .min(220.0)
                .min(ui.ctx().content_rect().height() * 0.25);
            qr::show(ui, code, side, &fill(t.qr_label, &[&code.text]));
        }
        ui.add_space(4.0);
        ui.label(RichText::new(t.join_pin).weak());
        big(ui, &grouped(session.pin()), 40.0, true);
        ui.add_space(4.0);
    }
    ui.label(counts(&room.participants));
    let open = session.is_open();
    ui.label(if open { t.state_open } else { t.state_closed });
    if room.revealed {
        ui.label(RichText::new(t.state_revealed).color(theme::WARNING));
    }
    ui.add_space(4.0);
    let wide = |ui: &mut Ui, text: &str| ui.add_sized([width, 0.0], egui::Button::new(text));
    let text = if room.showing {
        t.back_to_view
    } else {
        t.show_to_room
    };
    if wide(ui, text).on_hover_text(t.show_to_room_hover).clicked() {
        push(out, RoomCommand::ShowToRoom(!room.showing));
    }
    let (text, hover) = if open {
        (t.close_submissions, t.close_submissions_hover)
    } else {
        (t.reopen, t.close_submissions_hover)
    };
    if wide(ui, text).on_hover_text(hover).clicked() {
        push(out, RoomCommand::SetOpen(!open));
    }
    let text = if room.revealed { t.hide } else { t.reveal };
    if wide(ui, text).on_hover_text(t.reveal_hover).clicked() {
        push(out, RoomCommand::Reveal(!room.revealed));
    }
    if wide(ui, t.close_session)
        .on_hover_text(t.close_session_hover)
        .clicked()
    {
        push(out, RoomCommand::Close);
    }
    ui.separator();
    submissions(ui, s, &room.participants, out);
}

/// Who submitted (name, time, revision, their weights as a bar, Remove), then who is waiting.
fn submissions(ui: &mut Ui, s: &Scenario, participants: &[Participant], out: &mut Vec<Command>) {
    let t = texts::t();
    if participants.is_empty() {
        ui.label(RichText::new(t.none_yet).weak());
        return;
    }
    let (done, waiting): (Vec<&Participant>, Vec<&Participant>) =
        participants.iter().partition(|p| p.submitted.is_some());
    if !done.is_empty() {
        ui.strong(t.submitted_heading);
    }
    for p in done {
        ui.horizontal(|ui| {
            ui.strong(&p.delegation);
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui
                    .small_button(t.remove)
                    .on_hover_text(t.remove_hover)
                    .clicked()
                {
                    push(out, RoomCommand::Remove(p.delegation.clone()));
                }
            });
        });
        let when = p.submitted.as_deref().map(clock).unwrap_or_default();
        let rev = fill(t.revision, &[&p.revision]);
        ui.label(RichText::new(format!("{when} · {rev}")).small().weak());
        match profile_of(s, &p.delegation) {
            Some(profile) => weight_bar(ui, s, &effective_weights(s, profile)),
            None => {
                ui.label(RichText::new(t.not_in_scenario).small().weak());
            }
        }
        ui.add_space(4.0);
    }
    if !waiting.is_empty() {
        ui.strong(t.waiting_heading);
        for p in waiting {
            ui.label(RichText::new(&p.delegation).weak());
        }
    }
}

/// A profile's criterion weights as one stacked bar in the criteria's colours; the heaviest
/// three named on hover.
fn weight_bar(ui: &mut Ui, s: &Scenario, weights: &[f64]) {
    let total: f64 = weights.iter().filter(|w| w.is_finite()).sum();
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), 10.0), egui::Sense::hover());
    if total > 0.0 {
        let mut x = rect.left();
        for (k, w) in weights.iter().enumerate() {
            let dx = (w / total) as f32 * rect.width();
            if dx > 0.0 && dx.is_finite() {
                let r = egui::Rect::from_min_size(
                    egui::pos2(x, rect.top()),
                    Vec2::new(dx, rect.height()),
                );
                ui.painter().rect_filled(r, 0.0, theme::criterion_colour(k));
                x += dx;
            }
        }
    }
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]));
    let lang = i18n::lang();
    let top: Vec<String> = order
        .iter()
        .take(3)
        .filter_map(|&k| {
            let c = s.criteria.get(k)?;
            let pct = if total > 0.0 {
                weights[k] / total * 100.0
            } else {
                0.0
            };
            Some(format!("{} {pct:.0} %", c.name_in(lang)))
        })
        .collect();
    let text = fill(texts::t().top_criteria, &[&top.join(", ")]);
    let label = text.clone();
    ui.ctx()
        .accesskit_node_builder(response.id, move |node| node.set_label(label));
    response.on_hover_text(text);
}

/// The join card in the central area: the address, the QR code and the PIN as large as the
/// area allows, for the back of the room. Returns false (drawing nothing) unless the card is
/// to be shown.
pub fn card(ui: &mut Ui, room: &RoomState, out: &mut Vec<Command>) -> bool {
    let Some(session) = room.session().filter(|_| room.shows_card()) else {
        return false;
    };
    let t = texts::t();
    // The button first, at the right; the heading as large as the rest of the row allows.
    ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
        if ui.button(t.back_to_view).clicked() {
            push(out, RoomCommand::ShowToRoom(false));
        }
        ui.add_space(12.0);
        ui.with_layout(Layout::left_to_right(Align::Min), |ui| {
            let size = fitting_size(ui, t.join_heading, false, ui.available_width(), 16.0, 36.0);
            big(ui, t.join_heading, size, false);
        });
    });
    ui.label(RichText::new(t.join_how).size(20.0));
    ui.add_space(12.0);
    let avail = ui.available_size();
    // The small labels, counts and gaps of the text column, in points; the address and the PIN
    // share what is left of its height (line height about 1.25 × the font size).
    const FIXED: f32 = 170.0;
    // Side by side when the area is wide, the code above the text otherwise.
    let wide = avail.x > avail.y * 1.2;
    let (code_side, text_height) = if wide {
        ((avail.y - 8.0).min(avail.x * 0.48), avail.y)
    } else {
        let side = (avail.y - FIXED - 160.0).min(avail.x).max(120.0);
        (side, avail.y - side - 12.0)
    };
    let big_room = ((text_height - FIXED) / 1.25).max(0.0);
    let text_column = |ui: &mut Ui, width: f32| {
        ui.label(RichText::new(t.join_address).size(22.0).weak());
        // A little short of the edge, so the last character never touches it.
        let size = fitting_size(ui, session.url(), true, width - 12.0, 14.0, 64.0);
        big(ui, session.url(), size.min(big_room * 0.3).max(14.0), true);
        ui.add_space(16.0);
        ui.label(RichText::new(t.join_pin).size(22.0).weak());
        let pin = grouped(session.pin());
        let size = fitting_size(ui, &pin, true, width - 12.0, 24.0, 160.0);
        big(ui, &pin, size.min(big_room * 0.7).max(24.0), true);
        ui.add_space(16.0);
        ui.label(RichText::new(counts(&room.participants)).size(24.0));
        let state = if session.is_open() {
            t.state_open
        } else {
            t.state_closed
        };
        ui.label(RichText::new(state).size(20.0).weak());
    };
    let label = room
        .qr
        .as_ref()
        .map(|c| fill(t.qr_label, &[&c.text]))
        .unwrap_or_default();
    if wide {
        ui.horizontal_top(|ui| {
            if let Some(code) = &room.qr {
                qr::show(ui, code, code_side, &label);
            }
            ui.add_space(24.0);
            let width = ui.available_width();
            ui.vertical(|ui| text_column(ui, width));
        });
    } else {
        if let Some(code) = &room.qr {
            ui.vertical_centered(|ui| qr::show(ui, code, code_side, &label));
        }
        ui.add_space(12.0);
        let width = ui.available_width();
        text_column(ui, width);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn a_pin_reads_in_two_groups_of_three() {
        assert_eq!(grouped("123456"), "123 456");
        assert_eq!(grouped("012345"), "012 345");
        // Anything else is shown as it is.
        assert_eq!(grouped("12345"), "12345");
        assert_eq!(grouped("１２３４５６"), "１２３４５６");
    }
}
