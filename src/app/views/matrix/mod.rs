//! Matrix view: options × criteria in a table, cells coloured by normalised value, uncertainty
//! as a range, rationale and source on hover. Cells are edited in place; options and criteria
//! are added, renamed and removed from a toolbar and context menus. Every change is pushed as a
//! [`Command::Edit`], pre-validated with [`crate::scenario::edit::apply`] so a refusal shows where it was
//! made.
//!
//! Where things live:
//! - this module: the view state, [`show`], and what the table's [`Action`]s and a dialog's
//!   [`Outcome`] do to that state;
//! - `lookup`: the cached cell index and the sorted row order;
//! - `table`: the two tables (frozen names, scrolling values), headers, keyboard moves, legend;
//! - `cells`: the body cells (name, score, value) and their tooltips;
//! - `text`: how numbers, scales and cells are written, so table, tooltips and editor agree;
//! - `form`: what every dialog shares (fields, buttons, error line, modal frame, pre-checks);
//! - `cell_editor`: the in-place value editor;
//! - `dialogs`: add option, add criterion, rename and remove.

mod cell_editor;
mod cells;
mod dialogs;
mod form;
mod lookup;
mod metrics;
mod table;
mod text;

use egui::{RichText, Ui, vec2};

use crate::app::{Command, Derived, theme};
use crate::i18n::{self, fill};
use crate::scenario::edit::Edit;
use crate::scenario::model::Scenario;

use cell_editor::CellForm;
use dialogs::{AddCriterion, AddForm, AddOption, RemoveForm, RenameForm};
use lookup::{Lookup, Order, Sort, SortKey, sorted_rows};
use metrics::{Metrics, Table};

/// Option or criterion, for the rename and remove dialogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Thing {
    Option,
    Criterion,
}

impl Thing {
    fn word(self) -> &'static str {
        let t = i18n::s();
        match self {
            Thing::Option => t.option_word,
            Thing::Criterion => t.criterion_word,
        }
    }

    /// Name and short label of the item `id`, or `None` when there is none (removed by undo).
    fn names<'s>(self, s: &'s Scenario, id: &str) -> Option<(&'s str, &'s str)> {
        match self {
            Thing::Option => s
                .option_index(id)
                .map(|i| (s.options[i].name.as_str(), s.options[i].short.as_str())),
            Thing::Criterion => s
                .criterion_index(id)
                .map(|j| (s.criteria[j].name.as_str(), s.criteria[j].short.as_str())),
        }
    }
}

/// The one dialog open at a time.
enum Dialog {
    Cell(CellForm),
    AddOption(AddForm<AddOption>),
    AddCriterion(AddForm<AddCriterion>),
    Rename(RenameForm),
    Remove(RemoveForm),
}

/// What a dialog asks for after this frame.
enum Outcome {
    Keep,
    Close,
    Send(Edit),
}

/// What the user did in the table this frame.
enum Action {
    Sort(SortKey),
    /// A cell took focus (click or Tab): select it.
    Select(usize, usize),
    /// The keyboard moved the selection: select the cell and give it focus.
    Move(usize, usize),
    /// Open the editor on a cell, below this rectangle.
    Edit(usize, usize, egui::Rect),
    Rename(Thing, String),
    Remove(Thing, String),
    /// Open the criterion editor (the header's context menu).
    EditCriterion(String),
    /// Open the option editor (double-click or context menu on the option's name).
    EditOption(String),
}

/// View state of the matrix (nothing here is part of the scenario).
#[derive(Default)]
pub struct MatrixState {
    sort: Sort,
    lookup: Option<Lookup>,
    order: Option<Order>,
    /// The selected cell, by option and criterion id.
    selected: Option<(String, String)>,
    /// Vertical scroll offset shared by the names table and the values table.
    scroll_y: f32,
    /// Give the selected cell keyboard focus (and scroll to it) when it is next drawn.
    focus_selected: bool,
    dialog: Option<Dialog>,
    /// The tables' sizes, measured once per lookup, language, font and room (at 1,000 options
    /// measuring every name each frame took a millisecond).
    metrics: Option<(MetricsKey, Metrics)>,
}

/// What the tables' sizes depend on.
#[derive(PartialEq)]
struct MetricsKey {
    revision: u64,
    lang: i18n::Lang,
    body: egui::FontId,
    room: egui::Vec2,
}

impl MatrixState {
    /// Brings the cached lookups and row order up to date; cheap when nothing changed.
    fn refresh(&mut self, s: &Scenario, d: &Derived) {
        if self
            .lookup
            .as_ref()
            .is_none_or(|l| l.revision != d.data_revision)
        {
            self.lookup = Some(Lookup::build(s, d.data_revision));
        }
        let stale = self.order.as_ref().is_none_or(|o| {
            o.revision != d.revision || o.sort != self.sort || o.lang != i18n::lang()
        });
        if stale && let Some(lookup) = &self.lookup {
            self.order = Some(Order {
                revision: d.revision,
                sort: self.sort.clone(),
                lang: i18n::lang(),
                rows: sorted_rows(s, d, lookup, &self.sort),
            });
        }
    }
}

pub fn show(
    ui: &mut Ui,
    s: &Scenario,
    d: &Derived,
    state: &mut MatrixState,
    out: &mut Vec<Command>,
) {
    state.refresh(s, d);
    toolbar(ui, s, state);
    if let Err(e) = &d.ranking {
        ui.colored_label(theme::ERROR, fill(i18n::s().cannot_score, &[e]));
    }
    ui.add_space(2.0);

    let mut actions = Vec::new();
    if let (Some(lookup), Some(order)) = (&state.lookup, &state.order) {
        let selected = state
            .selected
            .as_ref()
            .and_then(|(o, c)| Some((s.option_index(o)?, s.criterion_index(c)?)));
        if state.dialog.is_none() {
            table::keyboard(ui, s, &order.rows, selected, &mut actions);
        }
        let t = Table {
            s,
            d,
            lookup,
            rows: &order.rows,
            sort: &state.sort,
            selected,
            focus: state.focus_selected,
        };
        // Thin gaps between cells, so the colours read as one grid.
        ui.spacing_mut().item_spacing.y = 3.0;
        let key = MetricsKey {
            revision: lookup.revision,
            lang: i18n::lang(),
            body: egui::TextStyle::Body.resolve(ui.style()),
            room: ui.available_size(),
        };
        if state.metrics.as_ref().is_none_or(|(k, _)| *k != key) {
            state.metrics = Some((key, Metrics::new(ui, s, lookup)));
        }
        let Some((_, m)) = &state.metrics else {
            return;
        };
        let before = state.scroll_y;
        let (left, right) = ui
            .horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = 3.0;
                let left = ui
                    .vertical(|ui| table::names_table(ui, &t, m, before, &mut actions))
                    .inner;
                // A solid scroll bar, so it is plain that more criteria lie to the right.
                ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
                let right = egui::ScrollArea::horizontal()
                    .id_salt("matrix-scroll")
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        let (y, reveal) = ui
                            .vertical(|ui| table::values_table(ui, &t, m, before, &mut actions))
                            .inner;
                        // The table body's own (vertical) scroll area swallows sideways scroll
                        // requests, so a cell that takes focus is brought into view from here.
                        if let Some(rect) = reveal {
                            ui.scroll_to_rect(rect, None);
                        }
                        y
                    })
                    .inner;
                (left, right)
            })
            .inner;
        // The two tables scroll up and down together: whichever moved leads.
        state.scroll_y = if (left - before).abs() > 0.1 {
            left
        } else {
            right
        };
        if (state.scroll_y - before).abs() > 0.1 {
            ui.ctx().request_repaint();
        }
    }
    state.focus_selected = false;

    for action in actions {
        act(s, state, action, out);
    }

    let outcome = match &mut state.dialog {
        None => Outcome::Keep,
        Some(Dialog::Cell(form)) => cell_editor::show(ui, s, form),
        Some(Dialog::AddOption(form)) => dialogs::add(ui, s, form),
        Some(Dialog::AddCriterion(form)) => dialogs::add(ui, s, form),
        Some(Dialog::Rename(form)) => dialogs::rename(ui, s, form),
        Some(Dialog::Remove(form)) => dialogs::remove(ui, s, form),
    };
    match outcome {
        Outcome::Keep => {}
        Outcome::Close => close_dialog(state),
        Outcome::Send(e) => {
            out.push(Command::Edit(e));
            close_dialog(state);
        }
    }
}

/// Applies one table action to the view state (the scenario changes only through dialogs).
fn act(s: &Scenario, state: &mut MatrixState, action: Action, out: &mut Vec<Command>) {
    match action {
        Action::Sort(key) => state.sort.click(key),
        Action::Select(i, j) => {
            state.selected = Some((s.options[i].id.clone(), s.criteria[j].id.clone()));
        }
        Action::Move(i, j) => {
            state.selected = Some((s.options[i].id.clone(), s.criteria[j].id.clone()));
            state.focus_selected = true;
        }
        Action::Edit(i, j, rect) => {
            let (o, c) = (&s.options[i].id, &s.criteria[j].id);
            let cell = state.lookup.as_ref().and_then(|l| l.cell(s, i, j));
            let form = CellForm::new(o, c, cell, rect.left_bottom() + vec2(0.0, 6.0));
            state.selected = Some((o.clone(), c.clone()));
            state.dialog = Some(Dialog::Cell(form));
        }
        Action::Rename(what, id) => {
            if let Some(form) = RenameForm::new(s, what, id) {
                state.dialog = Some(Dialog::Rename(form));
            }
        }
        Action::Remove(what, id) => {
            state.dialog = Some(Dialog::Remove(RemoveForm::new(what, id)));
        }
        Action::EditCriterion(id) => {
            out.push(Command::OpenEditor(crate::app::EditorRequest::Criterion(
                id,
            )));
        }
        Action::EditOption(id) => {
            out.push(Command::OpenEditor(crate::app::EditorRequest::Option(id)));
        }
    }
}

/// Closes the dialog; a closed cell editor hands the keyboard back to its cell.
fn close_dialog(state: &mut MatrixState) {
    if matches!(state.dialog, Some(Dialog::Cell(_))) {
        state.focus_selected = true;
    }
    state.dialog = None;
}

fn toolbar(ui: &mut Ui, s: &Scenario, state: &mut MatrixState) {
    let t = i18n::s();
    let lang = i18n::lang();
    ui.horizontal_wrapped(|ui| {
        ui.heading(t.matrix_heading);
        ui.add_space(12.0);
        if ui
            .button(t.matrix_add_option)
            .on_hover_text(t.matrix_add_option_hover)
            .clicked()
        {
            state.dialog = Some(Dialog::AddOption(AddForm::new(AddOption::default())));
        }
        if ui
            .button(t.matrix_add_criterion)
            .on_hover_text(t.matrix_add_criterion_hover)
            .clicked()
        {
            state.dialog = Some(Dialog::AddCriterion(AddForm::new(AddCriterion::new(s))));
        }
        ui.add_space(16.0);
        table::legend(ui);
    });
    ui.horizontal_wrapped(|ui| {
        let reversed = state.sort.reversed;
        let sorted = match &state.sort.key {
            SortKey::File => None,
            SortKey::Name => Some(if reversed {
                t.matrix_sort_name_za.to_string()
            } else {
                t.matrix_sort_name_az.to_string()
            }),
            SortKey::Score => Some(if reversed {
                t.matrix_sort_score_worst.to_string()
            } else {
                t.matrix_sort_score_best.to_string()
            }),
            SortKey::Criterion(id) => Some(fill(
                if reversed {
                    t.matrix_sort_criterion_worst
                } else {
                    t.matrix_sort_criterion_best
                },
                &[&s.criterion_index(id)
                    .map_or(id.as_str(), |j| s.criteria[j].label_in(lang))],
            )),
        };
        match sorted {
            Some(text) => {
                ui.label(RichText::new(fill(t.matrix_sorted_by, &[&text])).weak());
                if ui.small_button(t.matrix_scenario_order).clicked() {
                    state.sort = Sort::default();
                }
            }
            None => {
                ui.label(RichText::new(t.matrix_help).weak());
            }
        }
    });
}
