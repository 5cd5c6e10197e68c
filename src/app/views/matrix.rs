//! Matrix view: options × criteria in a table, cells coloured by normalised value, uncertainty
//! as a range, rationale and source on hover. Cells are edited in place; options and criteria
//! are added, renamed and removed from a toolbar and context menus. Every change is pushed as a
//! [`Command::Edit`], pre-validated with [`edit::apply`] so a refusal shows where it was made.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::text_selection::CCursorRange;
use egui::{
    Align, Align2, Color32, EventFilter, FontId, Galley, Id, Key, KeyboardShortcut, Modifiers,
    Pos2, Rect, Response, RichText, Role, Sense, Stroke, TextEdit, TextStyle, Ui, Vec2, WidgetInfo,
    vec2,
};
use egui_extras::{Column, TableBuilder};

use crate::app::{Command, Derived, theme};
use crate::csv_import::slug;
use crate::edit::{self, Edit};
use crate::model::{
    Basis, Cell, Criterion, Direction, PolicyOption, Provenance, Scale, Scenario, Uncertainty,
    unique_id,
};

/// The provenance of an option added here when the user names no document.
const ADDED_HERE: &str = "added in Tideline";

/// What the rows are sorted by.
#[derive(Clone, Debug, Default, PartialEq)]
enum SortKey {
    /// The scenario's own order.
    #[default]
    File,
    Name,
    Score,
    /// A criterion, by id.
    Criterion(String),
}

/// The row order: a key, best (or A to Z) first unless reversed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Sort {
    key: SortKey,
    reversed: bool,
}

impl Sort {
    /// A click on a header: sort by it, then reverse, then back to file order.
    fn click(&mut self, key: SortKey) {
        if self.key != key {
            *self = Sort {
                key,
                reversed: false,
            };
        } else if !self.reversed {
            self.reversed = true;
        } else {
            *self = Sort::default();
        }
    }
}

/// Lookups that change only with the scenario.
struct Lookup {
    revision: u64,
    /// Index into `performance` of the cell `[option][criterion]` (a later duplicate wins).
    cells: Vec<Vec<Option<usize>>>,
    /// The longest value and range texts of each criterion column, to size the column.
    widest: Vec<(String, String)>,
}

impl Lookup {
    fn build(s: &Scenario, revision: u64) -> Self {
        let opt: HashMap<&str, usize> = s
            .options
            .iter()
            .enumerate()
            .rev()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let crit: HashMap<&str, usize> = s
            .criteria
            .iter()
            .enumerate()
            .rev()
            .map(|(j, c)| (c.id.as_str(), j))
            .collect();
        let mut cells = vec![vec![None; s.criteria.len()]; s.options.len()];
        for (k, cell) in s.performance.iter().enumerate() {
            if let (Some(&i), Some(&j)) = (
                opt.get(cell.option.as_str()),
                crit.get(cell.criterion.as_str()),
            ) {
                cells[i][j] = Some(k);
            }
        }
        let mut widest = vec![(String::new(), String::new()); s.criteria.len()];
        for row in &cells {
            for (j, k) in row.iter().enumerate() {
                let (v, r) = cell_text(k.and_then(|k| s.performance.get(k)));
                let w = &mut widest[j];
                if v.chars().count() > w.0.chars().count() {
                    w.0 = v;
                }
                if r.chars().count() > w.1.chars().count() {
                    w.1 = r;
                }
            }
        }
        Self {
            revision,
            cells,
            widest,
        }
    }

    fn cell<'s>(&self, s: &'s Scenario, i: usize, j: usize) -> Option<&'s Cell> {
        self.cells
            .get(i)
            .and_then(|row| row.get(j).copied().flatten())
            .and_then(|k| s.performance.get(k))
    }
}

/// The cached row order for one revision and one sort.
struct Order {
    revision: u64,
    sort: Sort,
    /// Option indices, top row first.
    rows: Vec<usize>,
}

/// Option or criterion, for the rename and remove dialogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Thing {
    Option,
    Criterion,
}

impl Thing {
    fn word(self) -> &'static str {
        match self {
            Thing::Option => "option",
            Thing::Criterion => "criterion",
        }
    }
}

/// The kind of uncertainty in the cell editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Spread {
    None,
    Range,
    Triangular,
}

/// The cell editor's fields, as typed.
struct CellForm {
    option: String,
    criterion: String,
    /// Where the window first appears: under the cell.
    anchor: Pos2,
    value: String,
    spread: Spread,
    low: String,
    likely: String,
    high: String,
    basis: Basis,
    rationale: String,
    source: String,
    error: Option<String>,
    /// The first frame: focus the value and select it.
    fresh: bool,
}

/// Shortest text that parses back to exactly `v`.
fn number_text(v: f64) -> String {
    format!("{v}")
}

impl CellForm {
    fn new(option: &str, criterion: &str, cell: Option<&Cell>, anchor: Pos2) -> Self {
        let value = cell
            .and_then(|c| c.value)
            .map_or(String::new(), number_text);
        let (spread, low, likely, high) = match cell.and_then(|c| c.uncertainty.as_ref()) {
            None => (Spread::None, String::new(), String::new(), String::new()),
            Some(Uncertainty::Range { low, high }) => (
                Spread::Range,
                number_text(*low),
                String::new(),
                number_text(*high),
            ),
            Some(Uncertainty::Triangular { low, likely, high }) => (
                Spread::Triangular,
                number_text(*low),
                number_text(*likely),
                number_text(*high),
            ),
        };
        Self {
            option: option.to_string(),
            criterion: criterion.to_string(),
            anchor,
            value,
            spread,
            low,
            likely,
            high,
            basis: cell.map_or(Basis::Illustrative, |c| c.basis),
            rationale: cell.map_or(String::new(), |c| c.rationale.clone()),
            source: cell.map_or(String::new(), |c| c.source.clone()),
            error: None,
            fresh: true,
        }
    }

    /// The cell the fields describe, or what is wrong with a number.
    fn cell(&self) -> Result<Cell, String> {
        let value = parse_number(&self.value, "Value")?;
        let need = |text: &str, what: &str| {
            parse_number(text, what)?
                .ok_or(format!("{what} is needed for this kind of uncertainty"))
        };
        let uncertainty = match self.spread {
            Spread::None => None,
            Spread::Range => Some(Uncertainty::Range {
                low: need(&self.low, "Low")?,
                high: need(&self.high, "High")?,
            }),
            Spread::Triangular => Some(Uncertainty::Triangular {
                low: need(&self.low, "Low")?,
                likely: need(&self.likely, "Likely")?,
                high: need(&self.high, "High")?,
            }),
        };
        Ok(Cell {
            option: self.option.clone(),
            criterion: self.criterion.clone(),
            value,
            uncertainty,
            basis: self.basis,
            rationale: self.rationale.trim().to_string(),
            source: self.source.trim().to_string(),
        })
    }
}

/// A number typed by the user: empty is `None`; anything else must be a finite number.
fn parse_number(text: &str, what: &str) -> Result<Option<f64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        Ok(_) => Err(format!("{what}: \"{t}\" is not a finite number")),
        Err(_) if t.contains(',') => Err(format!(
            "{what}: \"{t}\" is not a number (write decimals with a point, e.g. 6.5)"
        )),
        Err(_) => Err(format!("{what}: \"{t}\" is not a number")),
    }
}

/// The "add option" dialog's fields.
#[derive(Default)]
struct OptionForm {
    name: String,
    short: String,
    cluster: String,
    document: String,
    paragraph: String,
    error: Option<String>,
    fresh: bool,
}

/// The "add criterion" dialog's fields.
struct CriterionForm {
    name: String,
    short: String,
    family: String,
    direction: Direction,
    min: String,
    max: String,
    unit: String,
    description: String,
    error: Option<String>,
    fresh: bool,
}

/// The one dialog open at a time.
enum Dialog {
    Cell(CellForm),
    AddOption(OptionForm),
    AddCriterion(CriterionForm),
    Rename {
        what: Thing,
        id: String,
        name: String,
        short: String,
        error: Option<String>,
        fresh: bool,
    },
    Remove {
        what: Thing,
        id: String,
        error: Option<String>,
    },
}

/// What a dialog asks for after this frame.
enum Outcome {
    Keep,
    Close,
    Send(Edit),
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
}

impl MatrixState {
    /// Brings the cached lookups and row order up to date; cheap when nothing changed.
    fn refresh(&mut self, s: &Scenario, d: &Derived) {
        if self
            .lookup
            .as_ref()
            .is_none_or(|l| l.revision != d.revision)
        {
            self.lookup = Some(Lookup::build(s, d.revision));
        }
        let stale = self
            .order
            .as_ref()
            .is_none_or(|o| o.revision != d.revision || o.sort != self.sort);
        if stale && let Some(lookup) = &self.lookup {
            self.order = Some(Order {
                revision: d.revision,
                sort: self.sort.clone(),
                rows: sorted_rows(s, d, lookup, &self.sort),
            });
        }
    }
}

/// Option indices in the order `sort` asks for. Missing values go last either way; ties keep
/// the scenario's order.
fn sorted_rows(s: &Scenario, d: &Derived, lookup: &Lookup, sort: &Sort) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..s.options.len()).collect();
    let flip = |o: std::cmp::Ordering| if sort.reversed { o.reverse() } else { o };
    match &sort.key {
        SortKey::File => {}
        SortKey::Name => {
            let names: Vec<String> = s.options.iter().map(|o| o.label().to_lowercase()).collect();
            rows.sort_by(|&a, &b| flip(names[a].cmp(&names[b])));
        }
        SortKey::Score => {
            if let Ok(r) = &d.ranking {
                let rank = |i: usize| r.ranks.get(i).copied().unwrap_or(usize::MAX);
                rows.sort_by(|&a, &b| flip(rank(a).cmp(&rank(b))));
            }
        }
        SortKey::Criterion(id) => {
            if let Some(j) = s.criterion_index(id) {
                let best_high = s.criteria[j].direction == Direction::Maximize;
                let values: Vec<Option<f64>> = (0..s.options.len())
                    .map(|i| lookup.cell(s, i, j).and_then(|c| c.value))
                    .collect();
                rows.sort_by(|&a, &b| match (values[a], values[b]) {
                    (Some(x), Some(y)) => {
                        let best_first = if best_high {
                            y.total_cmp(&x)
                        } else {
                            x.total_cmp(&y)
                        };
                        flip(best_first)
                    }
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                });
            }
        }
    }
    rows
}

/// A cell's value text (one decimal, `—` when missing) and its range text (may be empty).
fn cell_text(cell: Option<&Cell>) -> (String, String) {
    let value = cell
        .and_then(|c| c.value)
        .map_or("—".to_string(), |v| format!("{v:.1}"));
    let range = cell
        .and_then(|c| c.uncertainty.as_ref())
        .map_or(String::new(), |u| {
            let (lo, hi) = u.bounds();
            format!(" ({lo:.1}–{hi:.1})")
        });
    (value, range)
}

fn scale_text(c: &Criterion) -> String {
    let unit = if c.scale.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", c.scale.unit)
    };
    let way = match c.direction {
        Direction::Maximize => "more is better",
        Direction::Minimize => "less is better",
    };
    format!(
        "scale {}–{}{unit}, {way}",
        number_text(c.scale.min),
        number_text(c.scale.max)
    )
}

/// The header text of a criterion: its short label, with `(min)` for a cost.
fn header_text(c: &Criterion) -> String {
    match c.direction {
        Direction::Maximize => c.label().to_string(),
        Direction::Minimize => format!("{} (min)", c.label()),
    }
}

/// Why an edit was refused, without the field path (the dialog shows where).
fn refusal(why: &str) -> String {
    let message = why.split_once(": ").map_or(why, |(_, m)| m);
    format!("Not changed: {message}")
}

/// What the user did in the table this frame.
enum Action {
    Sort(SortKey),
    /// A cell took focus (click or Tab): select it.
    Select(usize, usize),
    /// The keyboard moved the selection: select the cell and give it focus.
    Move(usize, usize),
    /// Open the editor on a cell, below this rectangle.
    Edit(usize, usize, Rect),
    Rename(Thing, String),
    Remove(Thing, String),
}

/// The widget id of a value cell: stable while rows are sorted.
fn cell_id(o: &PolicyOption, c: &Criterion) -> Id {
    Id::unique(("matrix-cell", &o.id, &c.id))
}

/// Everything the table reads.
struct Table<'a> {
    s: &'a Scenario,
    d: &'a Derived,
    lookup: &'a Lookup,
    rows: &'a [usize],
    sort: &'a Sort,
    /// `(option, criterion)` indices of the selected cell.
    selected: Option<(usize, usize)>,
    /// Give the selected cell keyboard focus and scroll it into view.
    focus: bool,
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
        ui.colored_label(theme::ERROR, format!("This scenario cannot be scored: {e}"));
    }
    ui.add_space(2.0);

    let mut actions = Vec::new();
    if let (Some(lookup), Some(order)) = (&state.lookup, &state.order) {
        let selected = state
            .selected
            .as_ref()
            .and_then(|(o, c)| Some((s.option_index(o)?, s.criterion_index(c)?)));
        if state.dialog.is_none() {
            keyboard(ui, s, &order.rows, selected, &mut actions);
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
        let m = Metrics::new(ui, s, lookup);
        let before = state.scroll_y;
        let (left, right) = ui
            .horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = 3.0;
                let left = ui
                    .vertical(|ui| names_table(ui, &t, &m, before, &mut actions))
                    .inner;
                // A solid scroll bar, so it is plain that more criteria lie to the right.
                ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
                let right = egui::ScrollArea::horizontal()
                    .id_salt("matrix-scroll")
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        let (y, reveal) = ui
                            .vertical(|ui| values_table(ui, &t, &m, before, &mut actions))
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
                let names = match what {
                    Thing::Option => s
                        .option_index(&id)
                        .map(|i| (s.options[i].name.clone(), s.options[i].short.clone())),
                    Thing::Criterion => s
                        .criterion_index(&id)
                        .map(|j| (s.criteria[j].name.clone(), s.criteria[j].short.clone())),
                };
                if let Some((name, short)) = names {
                    state.dialog = Some(Dialog::Rename {
                        what,
                        id,
                        name,
                        short,
                        error: None,
                        fresh: true,
                    });
                }
            }
            Action::Remove(what, id) => {
                state.dialog = Some(Dialog::Remove {
                    what,
                    id,
                    error: None,
                });
            }
        }
    }

    let outcome = match &mut state.dialog {
        None => Outcome::Keep,
        Some(Dialog::Cell(form)) => cell_editor(ui, s, form),
        Some(Dialog::AddOption(form)) => add_option(ui, s, form),
        Some(Dialog::AddCriterion(form)) => add_criterion(ui, s, form),
        Some(Dialog::Rename {
            what,
            id,
            name,
            short,
            error,
            fresh,
        }) => rename(ui, s, *what, id, (name, short), error, fresh),
        Some(Dialog::Remove { what, id, error }) => remove(ui, s, *what, id, error),
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

/// Closes the dialog; a closed cell editor hands the keyboard back to its cell.
fn close_dialog(state: &mut MatrixState) {
    if matches!(state.dialog, Some(Dialog::Cell(_))) {
        state.focus_selected = true;
    }
    state.dialog = None;
}

fn toolbar(ui: &mut Ui, s: &Scenario, state: &mut MatrixState) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("Performance matrix");
        ui.add_space(12.0);
        if ui
            .button("Add option")
            .on_hover_text("Add a policy option; its values start missing")
            .clicked()
        {
            state.dialog = Some(Dialog::AddOption(OptionForm {
                fresh: true,
                ..Default::default()
            }));
        }
        if ui
            .button("Add criterion")
            .on_hover_text("Add a criterion; its values start missing and its weight at 0")
            .clicked()
        {
            state.dialog = Some(Dialog::AddCriterion(CriterionForm {
                name: String::new(),
                short: String::new(),
                family: s.families.first().map_or(String::new(), |f| f.id.clone()),
                direction: Direction::Maximize,
                min: "0".into(),
                max: "10".into(),
                unit: "points".into(),
                description: String::new(),
                error: None,
                fresh: true,
            }));
        }
        ui.add_space(16.0);
        legend(ui);
    });
    ui.horizontal_wrapped(|ui| {
        let first = if state.sort.reversed { "worst" } else { "best" };
        let sorted = match &state.sort.key {
            SortKey::File => None,
            SortKey::Name => Some(if state.sort.reversed {
                "option name, Z to A".to_string()
            } else {
                "option name, A to Z".to_string()
            }),
            SortKey::Score => Some(format!("overall score, {first} first")),
            SortKey::Criterion(id) => Some(format!(
                "{}, {first} first",
                s.criterion_index(id)
                    .map_or(id.as_str(), |j| s.criteria[j].label())
            )),
        };
        match sorted {
            Some(text) => {
                ui.label(RichText::new(format!("Sorted by {text}.")).weak());
                if ui.small_button("Scenario order").clicked() {
                    state.sort = Sort::default();
                }
            }
            None => {
                ui.label(
                    RichText::new(
                        "Click a header to sort · double-click a cell to edit · right-click a name or header to rename or remove",
                    )
                    .weak(),
                );
            }
        }
    });
}

/// The colour ramp of the cells, worse to better.
fn legend(ui: &mut Ui) {
    let dark = ui.visuals().dark_mode;
    ui.label(RichText::new("worse").small().weak());
    let (rect, _) = ui.allocate_exact_size(vec2(80.0, 12.0), Sense::hover());
    let steps = 24;
    let w = rect.width() / steps as f32;
    for k in 0..steps {
        let t = (f64::from(k) + 0.5) / f64::from(steps);
        let r = Rect::from_min_size(
            rect.min + vec2(k as f32 * w, 0.0),
            vec2(w + 0.5, rect.height()),
        );
        ui.painter()
            .rect_filled(r, 0.0, theme::value_colour(t, dark));
    }
    ui.label(RichText::new("better").small().weak())
        .on_hover_text("Cell colour: the normalised value, 0 (worst) to 1 (best)");
    ui.label(
        RichText::new("· (min) less is better · — missing")
            .small()
            .weak(),
    );
}

/// Arrow keys move the selection and Enter opens the editor, while the selected cell has focus.
fn keyboard(
    ui: &Ui,
    s: &Scenario,
    rows: &[usize],
    selected: Option<(usize, usize)>,
    actions: &mut Vec<Action>,
) {
    let Some((i, j)) = selected else { return };
    let id = cell_id(&s.options[i], &s.criteria[j]);
    if !ui.memory(|m| m.has_focus(id)) {
        return;
    }
    let Some(p) = rows.iter().position(|&r| r == i) else {
        return;
    };
    let key = |k: Key| ui.input_mut(|input| input.consume_key(Modifiers::NONE, k));
    if key(Key::Enter) {
        let rect = ui
            .ctx()
            .read_response(id)
            .map_or(Rect::from_min_size(ui.max_rect().min, Vec2::ZERO), |r| {
                r.rect
            });
        actions.push(Action::Edit(i, j, rect));
        return;
    }
    let (mut p2, mut j2) = (p, j);
    if key(Key::ArrowUp) {
        p2 = p2.saturating_sub(1);
    }
    if key(Key::ArrowDown) {
        p2 = (p2 + 1).min(rows.len().saturating_sub(1));
    }
    if key(Key::ArrowLeft) {
        j2 = j2.saturating_sub(1);
    }
    if key(Key::ArrowRight) {
        j2 = (j2 + 1).min(s.criteria.len().saturating_sub(1));
    }
    if (p2, j2) != (p, j)
        && let Some(&i2) = rows.get(p2)
    {
        actions.push(Action::Move(i2, j2));
    }
}

/// Sizes shared by the two tables.
struct Metrics {
    body: FontId,
    small: FontId,
    /// Inner padding of a cell.
    pad: f32,
    header_height: f32,
    row_height: f32,
    name_width: f32,
    score_width: f32,
    /// Initial width of each criterion column.
    widths: Vec<f32>,
    /// Width of the widest value (the part before the range) of each criterion.
    value_width: Vec<f32>,
}

fn text_width(ui: &Ui, text: &str, font: &FontId) -> f32 {
    ui.painter()
        .layout_no_wrap(text.to_string(), font.clone(), Color32::WHITE)
        .size()
        .x
}

impl Metrics {
    fn new(ui: &Ui, s: &Scenario, lookup: &Lookup) -> Self {
        let body = TextStyle::Body.resolve(ui.style());
        let small = TextStyle::Small.resolve(ui.style());
        let line = ui.text_style_height(&TextStyle::Body);
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
            // A header wraps onto two lines, so a column need only fit its longest word.
            let word = header_text(c)
                .split(' ')
                .map(|w| text_width(ui, w, &body))
                .fold(0.0, f32::max);
            let label = text_width(ui, c.label(), &body);
            // Longer labels wrap rather than widen the column.
            let head = word.max(label.min(84.0)) + 2.0 * pad + mark + 2.0;
            widths.push((vw + rw + 2.0 * pad).max(head).clamp(56.0, 220.0));
        }
        let name_width = s
            .options
            .iter()
            .map(|o| text_width(ui, o.label(), &body))
            .fold(text_width(ui, "Option", &body), f32::max)
            + 2.0 * pad
            + 8.0;
        let score_width = text_width(ui, "#00  0.000", &body) + 2.0 * pad;
        Self {
            body,
            small,
            pad,
            header_height: 2.0 * line + 8.0,
            row_height: line + 9.0,
            name_width: name_width.clamp(110.0, 260.0),
            score_width,
            widths,
            value_width,
        }
    }
}

/// The row of the selected cell, when a keyboard move asks to show it.
fn row_to_show(t: &Table<'_>) -> Option<usize> {
    let (i, _) = t.selected.filter(|_| t.focus)?;
    t.rows.iter().position(|&r| r == i)
}

/// The frozen left table: option names and scores. Returns its vertical scroll offset.
fn names_table(
    ui: &mut Ui,
    t: &Table<'_>,
    m: &Metrics,
    scroll_y: f32,
    actions: &mut Vec<Action>,
) -> f32 {
    let s = t.s;
    let mut builder = TableBuilder::new(ui)
        .id_salt("matrix-names")
        .striped(true)
        .resizable(true)
        .auto_shrink([true, true])
        .vertical_scroll_offset(scroll_y)
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::initial(m.name_width).at_least(60.0).clip(true))
        .column(Column::initial(m.score_width).at_least(56.0).clip(true));
    if let Some(p) = row_to_show(t) {
        builder = builder.scroll_to_row(p, None);
    }
    builder
        .header(m.header_height, |mut header| {
            header.col(|ui| {
                let r = header_cell(ui, t.sort, &SortKey::Name, false, "Option", "", m)
                    .on_hover_text("Policy options. Click to sort by name.");
                if r.clicked() {
                    actions.push(Action::Sort(SortKey::Name));
                }
            });
            header.col(|ui| {
                let r = header_cell(ui, t.sort, &SortKey::Score, true, "Score", "", m)
                    .on_hover_text(
                        "Overall score (weighted sum of normalised values) and rank under the active profile. Click to sort.",
                    );
                if r.clicked() {
                    actions.push(Action::Sort(SortKey::Score));
                }
            });
        })
        .body(|body| {
            body.rows(m.row_height, t.rows.len(), |mut row| {
                let Some(&i) = t.rows.get(row.index()) else {
                    return;
                };
                let o = &s.options[i];
                row.col(|ui| option_cell(ui, s, o, i, m, actions));
                row.col(|ui| score_cell(ui, t.d, o, i, m));
            });
        })
        .state
        .clamped_offset()
        .y
}

/// The criteria table. Returns its vertical scroll offset and the rectangle of a cell that
/// took keyboard focus this frame.
fn values_table(
    ui: &mut Ui,
    t: &Table<'_>,
    m: &Metrics,
    scroll_y: f32,
    actions: &mut Vec<Action>,
) -> (f32, Option<Rect>) {
    let s = t.s;
    let mut builder = TableBuilder::new(ui)
        .id_salt("matrix-values")
        .striped(true)
        .resizable(true)
        .auto_shrink([true, true])
        .vertical_scroll_offset(scroll_y)
        .cell_layout(egui::Layout::left_to_right(Align::Center));
    for w in &m.widths {
        builder = builder.column(Column::initial(*w).at_least(44.0).clip(true));
    }
    if let Some(p) = row_to_show(t) {
        builder = builder.scroll_to_row(p, None);
    }
    let mut reveal = None;
    let y = builder
        .header(m.header_height, |mut header| {
            for c in &s.criteria {
                header.col(|ui| criterion_header(ui, s, c, t.sort, m, actions));
            }
        })
        .body(|body| {
            body.rows(m.row_height, t.rows.len(), |mut row| {
                let Some(&i) = t.rows.get(row.index()) else {
                    return;
                };
                for (j, c) in s.criteria.iter().enumerate() {
                    row.col(|ui| {
                        if let Some(rect) = value_cell(ui, t, i, j, c, m, actions) {
                            reveal = Some(rect);
                        }
                    });
                }
            });
        })
        .state
        .clamped_offset()
        .y;
    (y, reveal)
}

/// Whether sorting by `key` puts high values first.
fn descending(key: &SortKey, high_is_best: bool, reversed: bool) -> bool {
    let natural = match key {
        SortKey::File | SortKey::Name => false,
        SortKey::Score => true,
        SortKey::Criterion(_) => high_is_best,
    };
    natural != reversed
}

/// A clickable header: text (wrapping onto two lines) aligned to the bottom, a sort mark at
/// the right.
fn header_cell(
    ui: &mut Ui,
    sort: &Sort,
    key: &SortKey,
    high_is_best: bool,
    text: &str,
    suffix: &str,
    m: &Metrics,
) -> Response {
    let rect = ui.max_rect();
    let id = Id::unique(("matrix-header", key_name(key)));
    let resp = ui.interact(rect, id, Sense::click());
    let visuals = ui.visuals();
    let (strong, weak) = (visuals.strong_text_color(), visuals.weak_text_color());
    if resp.hovered() {
        ui.painter()
            .rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
    }
    // Some(true): high values at the top.
    let marker = (&sort.key == key).then(|| descending(key, high_is_best, sort.reversed));
    let mut job = LayoutJob::default();
    job.append(text, 0.0, TextFormat::simple(m.body.clone(), strong));
    if !suffix.is_empty() {
        job.append(suffix, 0.0, TextFormat::simple(m.body.clone(), weak));
    }
    job.wrap = TextWrapping {
        max_width: (rect.width() - 2.0 * m.pad - 12.0).max(8.0),
        max_rows: 2,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    let galley = ui.painter().layout_job(job);
    let pos = egui::pos2(rect.left() + m.pad, rect.bottom() - 4.0 - galley.size().y);
    ui.painter().galley(pos, galley, strong);
    if let Some(down) = marker {
        // A small triangle (drawn: the fonts have no arrow glyphs), pointing down when the
        // highest values are at the top.
        let c = rect.right_bottom() + vec2(-9.0, -11.0);
        let (w, h) = (4.5, 4.0);
        let points = if down {
            vec![c + vec2(-w, -h), c + vec2(w, -h), c + vec2(0.0, h)]
        } else {
            vec![c + vec2(0.0, -h), c + vec2(w, h), c + vec2(-w, h)]
        };
        ui.painter()
            .add(egui::Shape::convex_polygon(points, strong, Stroke::NONE));
    }
    let label = format!("{text}{suffix}");
    let state = marker.map(|down| {
        if down {
            "sorted, highest first".to_string()
        } else {
            "sorted, lowest first".to_string()
        }
    });
    resp.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::ColumnHeader, true, &label);
        info.current_text_value = state.clone();
        info
    });
    resp
}

fn key_name(key: &SortKey) -> String {
    match key {
        SortKey::File => "file".into(),
        SortKey::Name => "name".into(),
        SortKey::Score => "score".into(),
        SortKey::Criterion(id) => format!("criterion:{id}"),
    }
}

fn criterion_header(
    ui: &mut Ui,
    s: &Scenario,
    c: &Criterion,
    sort: &Sort,
    m: &Metrics,
    actions: &mut Vec<Action>,
) {
    let key = SortKey::Criterion(c.id.clone());
    let suffix = match c.direction {
        Direction::Maximize => "",
        Direction::Minimize => " (min)",
    };
    let high_is_best = c.direction == Direction::Maximize;
    let r = header_cell(ui, sort, &key, high_is_best, c.label(), suffix, m).on_hover_ui(|ui| {
        plain_tooltip(ui, 380.0);
        ui.label(RichText::new(&c.name).strong());
        ui.label(RichText::new(s.family_name(&c.family)).weak());
        if !c.description.is_empty() {
            ui.label(&c.description);
        }
        ui.label(scale_text(c));
        ui.label(
            RichText::new("Click to sort best first, again for worst first, again for scenario order. Right-click to rename or remove.")
                .small()
                .weak(),
        );
    });
    if r.clicked() {
        actions.push(Action::Sort(key));
    }
    r.context_menu(|ui| {
        if ui.button("Rename…").clicked() {
            actions.push(Action::Rename(Thing::Criterion, c.id.clone()));
            ui.close();
        }
        if ui.button("Remove…").clicked() {
            actions.push(Action::Remove(Thing::Criterion, c.id.clone()));
            ui.close();
        }
    });
}

/// A tooltip of plain text: not selectable, so it never catches the pointer and stays over
/// the row below.
fn plain_tooltip(ui: &mut Ui, width: f32) {
    ui.set_max_width(width);
    ui.style_mut().interaction.selectable_labels = false;
}

/// `c`, lightened (dark mode) or darkened (light mode) as far as text in it needs to read.
fn legible(c: Color32, dark: bool) -> Color32 {
    let luma = 0.2126 * f32::from(c.r()) + 0.7152 * f32::from(c.g()) + 0.0722 * f32::from(c.b());
    if dark && luma < 120.0 {
        c.lerp_to_gamma(Color32::WHITE, (120.0 - luma) / 120.0 * 0.6)
    } else if !dark && luma > 140.0 {
        c.lerp_to_gamma(Color32::BLACK, (luma - 140.0) / 115.0 * 0.6)
    } else {
        c
    }
}

/// One line of text, cut with `…` to `width`.
fn one_line(ui: &Ui, text: &str, font: &FontId, colour: Color32, width: f32) -> Arc<Galley> {
    let mut job = LayoutJob::simple_singleline(text.to_string(), font.clone(), colour);
    job.wrap = TextWrapping::truncate_at_width(width.max(8.0));
    ui.painter().layout_job(job)
}

fn option_cell(
    ui: &mut Ui,
    s: &Scenario,
    o: &PolicyOption,
    i: usize,
    m: &Metrics,
    actions: &mut Vec<Action>,
) {
    let rect = ui.max_rect();
    let resp = ui.interact(rect, Id::unique(("matrix-option", &o.id)), Sense::click());
    let colour = theme::option_colour(i);
    let dark = ui.visuals().dark_mode;
    // The exact colour as a bar; the name in a shade of it that reads on the background.
    let bar = Rect::from_min_size(
        rect.left_top() + vec2(2.0, 4.0),
        vec2(4.0, rect.height() - 8.0),
    );
    ui.painter().rect_filled(bar, 1.0, colour);
    let text_left = bar.right() + m.pad;
    let galley = one_line(
        ui,
        o.label(),
        &m.body,
        legible(colour, dark),
        rect.right() - m.pad - text_left,
    );
    let pos = egui::pos2(text_left, rect.center().y - galley.size().y / 2.0);
    ui.painter().galley(pos, galley, colour);
    resp.widget_info(|| WidgetInfo::labeled(Role::RowHeader, true, o.label()));
    let resp = resp.on_hover_ui(|ui| {
        plain_tooltip(ui, 380.0);
        ui.label(RichText::new(&o.name).strong());
        if let Some(cluster) = s.clusters.iter().find(|k| k.id == o.cluster) {
            ui.label(RichText::new(&cluster.name).weak());
        }
        ui.label(format!("Source: {}", o.provenance));
        ui.label(
            RichText::new("Right-click to rename or remove.")
                .small()
                .weak(),
        );
    });
    resp.context_menu(|ui| {
        if ui.button("Rename…").clicked() {
            actions.push(Action::Rename(Thing::Option, o.id.clone()));
            ui.close();
        }
        if ui.button("Remove…").clicked() {
            actions.push(Action::Remove(Thing::Option, o.id.clone()));
            ui.close();
        }
    });
}

fn score_cell(ui: &mut Ui, d: &Derived, o: &PolicyOption, i: usize, m: &Metrics) {
    let rect = ui.max_rect();
    let resp = ui.interact(rect, Id::unique(("matrix-score", &o.id)), Sense::hover());
    let visuals = ui.visuals();
    let (strong, weak) = (visuals.strong_text_color(), visuals.weak_text_color());
    let scored = d.ranking.as_ref().ok().and_then(|r| {
        Some((
            r.scores.get(i).copied()?,
            r.ranks.get(i).copied()?,
            r.scores.len(),
        ))
    });
    let painter = ui.painter();
    let centre = rect.center().y;
    let text = match scored {
        Some((score, rank, n)) => {
            painter.text(
                egui::pos2(rect.left() + m.pad, centre),
                Align2::LEFT_CENTER,
                format!("#{rank}"),
                m.small.clone(),
                weak,
            );
            painter.text(
                egui::pos2(rect.right() - m.pad, centre),
                Align2::RIGHT_CENTER,
                format!("{score:.3}"),
                m.body.clone(),
                strong,
            );
            format!("rank {rank} of {n}, score {score:.3}")
        }
        None => {
            painter.text(
                egui::pos2(rect.right() - m.pad, centre),
                Align2::RIGHT_CENTER,
                "—",
                m.body.clone(),
                weak,
            );
            "not scored".to_string()
        }
    };
    let label = format!("{}, Score", o.label());
    resp.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::Cell, true, &label);
        info.current_text_value = Some(text.clone());
        info
    });
    resp.on_hover_text(format!("{}: {text}", o.name));
}

fn value_cell(
    ui: &mut Ui,
    t: &Table<'_>,
    i: usize,
    j: usize,
    c: &Criterion,
    m: &Metrics,
    actions: &mut Vec<Action>,
) -> Option<Rect> {
    let s = t.s;
    let o = &s.options[i];
    let rect = ui.max_rect();
    let id = cell_id(o, c);
    let resp = ui.interact(rect, id, Sense::click());
    let cell = t.lookup.cell(s, i, j);
    let value = cell.and_then(|c| c.value);
    let dark = ui.visuals().dark_mode;
    let normalised =
        t.d.ranking
            .as_ref()
            .ok()
            .and_then(|r| r.normalized.get(i)?.get(j).copied());
    let painter = ui.painter();
    if let (Some(_), Some(n)) = (value, normalised) {
        painter.rect_filled(rect, 2.0, theme::value_colour(n, dark));
    }
    let (value_text, range_text) = cell_text(cell);
    let (ink, faint) = if value.is_none() {
        let weak = ui.visuals().weak_text_color();
        (weak, weak)
    } else if dark {
        (Color32::WHITE, Color32::from_gray(195))
    } else {
        (Color32::BLACK, Color32::from_gray(60))
    };
    // The value right-aligned in its slot, so decimal points line up down the column.
    let slot = m.value_width.get(j).copied().unwrap_or(0.0);
    let value_galley = painter.layout_no_wrap(value_text.clone(), m.body.clone(), ink);
    let x = rect.left() + m.pad + (slot - value_galley.size().x).max(0.0);
    let mut job = LayoutJob::default();
    job.append(&value_text, 0.0, TextFormat::simple(m.body.clone(), ink));
    job.append(&range_text, 0.0, TextFormat::simple(m.small.clone(), faint));
    let galley = painter.layout_job(job);
    let y = rect.center().y - galley.size().y / 2.0;
    painter.galley(egui::pos2(x, y), galley, ink);

    let is_selected = t.selected == Some((i, j));
    let focused = resp.has_focus();
    if is_selected || resp.hovered() {
        let width = if is_selected && focused { 2.0 } else { 1.0 };
        let colour = if is_selected {
            ui.visuals().strong_text_color()
        } else {
            ui.visuals().weak_text_color()
        };
        painter.rect_stroke(
            rect.shrink(width / 2.0),
            2.0,
            Stroke::new(width, colour),
            egui::StrokeKind::Inside,
        );
    }

    let label = format!("{}, {}", o.label(), c.label());
    let text = format!("{value_text}{range_text}");
    resp.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::Cell, true, &label);
        info.current_text_value = Some(text.clone());
        info
    });
    if resp.clicked() {
        resp.request_focus();
    }
    if resp.clicked() || resp.gained_focus() {
        actions.push(Action::Select(i, j));
    }
    if resp.double_clicked() {
        actions.push(Action::Edit(i, j, rect));
    }
    if is_selected && t.focus {
        resp.request_focus();
    }
    if focused {
        // The arrow keys move the selection, not egui's focus.
        ui.memory_mut(|mem| {
            mem.set_focus_lock_filter(
                id,
                EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    ..Default::default()
                },
            );
        });
    }
    let revealed = (resp.gained_focus() || (is_selected && t.focus)).then_some(rect);
    resp.on_hover_ui(|ui| cell_tooltip(ui, o, c, cell, normalised));
    revealed
}

fn cell_tooltip(
    ui: &mut Ui,
    o: &PolicyOption,
    c: &Criterion,
    cell: Option<&Cell>,
    normalised: Option<f64>,
) {
    plain_tooltip(ui, 400.0);
    ui.label(RichText::new(&o.name).strong());
    ui.label(RichText::new(format!("{} ({})", c.name, scale_text(c))).weak());
    ui.add_space(2.0);
    match cell.and_then(|c| c.value) {
        Some(v) => {
            let norm = normalised.map_or(String::new(), |n| format!(" (normalised {n:.2})"));
            ui.label(format!("Value: {}{norm}", number_text(v)));
        }
        None => {
            ui.label("No value: missing, not zero.");
        }
    }
    match cell.and_then(|c| c.uncertainty.as_ref()) {
        Some(Uncertainty::Range { low, high }) => {
            ui.label(format!(
                "Range: {} to {} (any value in between)",
                number_text(*low),
                number_text(*high)
            ));
        }
        Some(Uncertainty::Triangular { low, likely, high }) => {
            ui.label(format!(
                "Range: {} to {}, most likely {}",
                number_text(*low),
                number_text(*high),
                number_text(*likely)
            ));
        }
        None => {}
    }
    if let Some(cell) = cell {
        ui.label(match cell.basis {
            Basis::Illustrative => "Basis: illustrative judgement by the scenario's authors",
            Basis::Sourced => "Basis: sourced (taken from or computed from a cited source)",
        });
        if !cell.rationale.is_empty() {
            ui.label(format!("Why: {}", cell.rationale));
        }
        if !cell.source.is_empty() {
            ui.label(format!("Source: {}", cell.source));
        }
    }
    ui.label(
        RichText::new("Double-click, or select and press Enter, to edit.")
            .small()
            .weak(),
    );
}

/// A labelled single-line text field on a row of a two-column grid.
fn text_row(ui: &mut Ui, label: &str, text: &mut String, hint: &str, width: f32) -> Response {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(width),
        )
        .labelled_by(l.id);
    ui.end_row();
    r
}

/// Gives `r` (a text field) keyboard focus with all its text selected, so typing replaces it.
fn focus_all(ui: &Ui, r: &Response, text: &str) {
    r.request_focus();
    let mut st = egui::text_edit::TextEditState::load(ui.ctx(), r.id).unwrap_or_default();
    st.cursor
        .set_char_range(Some(CCursorRange::select_all_str(text)));
    st.store(ui.ctx(), r.id);
}

/// Whether Enter ended the input of text field `r` this frame.
fn entered(ui: &Ui, r: &Response) -> bool {
    r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))
}

/// Apply and Cancel buttons; returns (apply, cancel).
fn buttons(ui: &mut Ui, apply: &str, hint: &str) -> (bool, bool) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let ok = ui.button(apply).clicked();
        let cancel = ui.button("Cancel").clicked();
        ui.label(RichText::new(hint).small().weak());
        (ok, cancel)
    })
    .inner
}

fn error_line(ui: &mut Ui, error: Option<&String>) {
    if let Some(e) = error {
        ui.add_space(4.0);
        ui.colored_label(theme::ERROR, e);
    }
}

/// Checks `e` against the scenario: the edit to send, or the refusal to show.
fn checked(s: &Scenario, e: Edit) -> Result<Edit, String> {
    match edit::apply(s, &e) {
        Ok(_) => Ok(e),
        Err(why) => Err(refusal(&why)),
    }
}

/// Turns a checked edit into the dialog's outcome, keeping the dialog open on a refusal.
fn outcome(result: Result<Edit, String>, error: &mut Option<String>) -> Outcome {
    match result {
        Ok(e) => Outcome::Send(e),
        Err(why) => {
            *error = Some(why);
            Outcome::Keep
        }
    }
}

fn cell_editor(ui: &mut Ui, s: &Scenario, form: &mut CellForm) -> Outcome {
    let (Some(i), Some(j)) = (
        s.option_index(&form.option),
        s.criterion_index(&form.criterion),
    ) else {
        return Outcome::Close;
    };
    let (o, c) = (&s.options[i], &s.criteria[j]);
    let fresh = std::mem::take(&mut form.fresh);
    let mut apply = false;
    let mut cancel = false;
    egui::Window::new("Edit value")
        .id(Id::unique((
            "matrix-cell-editor",
            &form.option,
            &form.criterion,
        )))
        .default_pos(form.anchor)
        .collapsible(false)
        .resizable(false)
        .show(ui.ctx(), |ui| {
            ui.label(RichText::new(&o.name).strong());
            ui.label(RichText::new(format!("{} ({})", c.name, scale_text(c))).weak());
            ui.add_space(6.0);
            egui::Grid::new("matrix-cell-editor-grid")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    let l = ui.label("Value");
                    ui.horizontal(|ui| {
                        let r = ui
                            .add(
                                TextEdit::singleline(&mut form.value)
                                    .hint_text("missing")
                                    .desired_width(80.0),
                            )
                            .labelled_by(l.id);
                        if fresh {
                            focus_all(ui, &r, &form.value);
                        }
                        apply |= entered(ui, &r);
                        ui.label(RichText::new("empty = missing").small().weak());
                    });
                    ui.end_row();

                    ui.label("Uncertainty");
                    let before = form.spread;
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut form.spread, Spread::None, "None");
                        ui.radio_value(&mut form.spread, Spread::Range, "Range");
                        ui.radio_value(&mut form.spread, Spread::Triangular, "Low–likely–high");
                    });
                    ui.end_row();
                    if form.spread != before {
                        // Start a new range around the value.
                        for field in [&mut form.low, &mut form.likely, &mut form.high] {
                            if field.trim().is_empty() {
                                field.clone_from(&form.value);
                            }
                        }
                    }
                    if form.spread != Spread::None {
                        ui.label("");
                        ui.horizontal(|ui| {
                            let mut number = |ui: &mut Ui, label: &str, text: &mut String| {
                                let l = ui.label(label);
                                let r = ui
                                    .add(TextEdit::singleline(text).desired_width(56.0))
                                    .labelled_by(l.id);
                                apply |= entered(ui, &r);
                            };
                            number(ui, "Low", &mut form.low);
                            if form.spread == Spread::Triangular {
                                number(ui, "Likely", &mut form.likely);
                            }
                            number(ui, "High", &mut form.high);
                        });
                        ui.end_row();
                    }

                    ui.label("Basis");
                    ui.horizontal(|ui| {
                        ui.radio_value(
                            &mut form.basis,
                            Basis::Illustrative,
                            "Illustrative judgement",
                        )
                        .on_hover_text(
                            "A judgement by the scenario's authors, not a figure from the source",
                        );
                        ui.radio_value(&mut form.basis, Basis::Sourced, "Sourced")
                            .on_hover_text("Taken from or computed from a cited source");
                    });
                    ui.end_row();

                    let l = ui.label("Rationale");
                    let r = ui
                        .add(
                            TextEdit::multiline(&mut form.rationale)
                                .desired_rows(3)
                                .desired_width(340.0)
                                .hint_text("why this value")
                                .return_key(KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter)),
                        )
                        .labelled_by(l.id)
                        .on_hover_text("Shift+Enter starts a new line");
                    apply |= r.has_focus()
                        && ui.input(|i| i.key_pressed(Key::Enter) && i.modifiers.is_none());
                    ui.end_row();

                    let r = text_row(
                        ui,
                        "Source",
                        &mut form.source,
                        "document, page or dataset",
                        340.0,
                    );
                    apply |= entered(ui, &r);
                });
            error_line(ui, form.error.as_ref());
            let (ok, no) = buttons(ui, "Apply", "Enter applies, Escape cancels");
            apply |= ok;
            cancel |= no;
        });
    if cancel || ui.input(|i| i.key_pressed(Key::Escape)) {
        return Outcome::Close;
    }
    if !apply {
        return Outcome::Keep;
    }
    let cell = match form.cell() {
        Ok(cell) => cell,
        Err(why) => {
            form.error = Some(why);
            return Outcome::Keep;
        }
    };
    if s.cell(&cell.option, &cell.criterion) == Some(&cell) {
        return Outcome::Close; // nothing changed: no undo step
    }
    outcome(checked(s, Edit::SetCell(Box::new(cell))), &mut form.error)
}

fn add_option(ui: &mut Ui, s: &Scenario, form: &mut OptionForm) -> Outcome {
    let fresh = std::mem::take(&mut form.fresh);
    let mut apply = false;
    let mut cancel = false;
    let modal = egui::Modal::new(Id::unique("matrix-add-option")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        ui.heading("Add an option");
        ui.label(RichText::new("Its values start missing; score it in the matrix.").weak());
        ui.add_space(6.0);
        egui::Grid::new("matrix-add-option-grid")
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                let r = text_row(
                    ui,
                    "Name",
                    &mut form.name,
                    "e.g. Global extended producer responsibility",
                    320.0,
                );
                if fresh {
                    r.request_focus();
                }
                apply |= entered(ui, &r);
                let r = text_row(
                    ui,
                    "Short label",
                    &mut form.short,
                    "optional, for charts and tables",
                    320.0,
                );
                apply |= entered(ui, &r);
                let l = ui.label("Cluster");
                let current = s
                    .clusters
                    .iter()
                    .find(|k| k.id == form.cluster)
                    .map_or("(none)", |k| k.name.as_str());
                egui::ComboBox::from_id_salt("matrix-add-option-cluster")
                    .selected_text(current)
                    .width(320.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut form.cluster, String::new(), "(none)");
                        for k in &s.clusters {
                            ui.selectable_value(&mut form.cluster, k.id.clone(), &k.name);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                let r = text_row(ui, "Source document", &mut form.document, ADDED_HERE, 320.0);
                apply |= entered(ui, &r);
                let r = text_row(
                    ui,
                    "Paragraph",
                    &mut form.paragraph,
                    "optional, e.g. Annex ¶11(d)",
                    320.0,
                );
                apply |= entered(ui, &r);
            });
        error_line(ui, form.error.as_ref());
        let (ok, no) = buttons(ui, "Add", "");
        apply |= ok;
        cancel |= no;
    });
    if cancel || modal.should_close() {
        return Outcome::Close;
    }
    if !apply {
        return Outcome::Keep;
    }
    let name = form.name.trim();
    if name.is_empty() {
        form.error = Some("Give the option a name.".into());
        return Outcome::Keep;
    }
    let document = form.document.trim();
    let option = PolicyOption {
        id: unique_id(&slug(name), |id| s.option_index(id).is_some()),
        name: name.to_string(),
        short: form.short.trim().to_string(),
        cluster: form.cluster.clone(),
        description: String::new(),
        provenance: Provenance {
            document: if document.is_empty() {
                ADDED_HERE.to_string()
            } else {
                document.to_string()
            },
            paragraph: form.paragraph.trim().to_string(),
        },
        tags: Vec::new(),
        principles: Vec::new(),
        cost: None,
        interactions: Vec::new(),
    };
    outcome(
        checked(s, Edit::AddOption(Box::new(option))),
        &mut form.error,
    )
}

fn add_criterion(ui: &mut Ui, s: &Scenario, form: &mut CriterionForm) -> Outcome {
    let fresh = std::mem::take(&mut form.fresh);
    let mut apply = false;
    let mut cancel = false;
    let modal = egui::Modal::new(Id::unique("matrix-add-criterion")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        ui.heading("Add a criterion");
        ui.label(
            RichText::new(
                "Its values start missing. Profiles that weigh criteria one by one give it weight 0 until you weigh it.",
            )
            .weak(),
        );
        ui.add_space(6.0);
        egui::Grid::new("matrix-add-criterion-grid")
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                let r = text_row(ui, "Name", &mut form.name, "e.g. Cost to industry", 320.0);
                if fresh {
                    r.request_focus();
                }
                apply |= entered(ui, &r);
                let r = text_row(ui, "Short label", &mut form.short, "optional, for headers and charts", 320.0);
                apply |= entered(ui, &r);
                let l = ui.label("Family");
                egui::ComboBox::from_id_salt("matrix-add-criterion-family")
                    .selected_text(s.family_name(&form.family))
                    .width(320.0)
                    .show_ui(ui, |ui| {
                        for f in &s.families {
                            ui.selectable_value(&mut form.family, f.id.clone(), &f.name);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                ui.label("Direction");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut form.direction, Direction::Maximize, "More is better");
                    ui.radio_value(&mut form.direction, Direction::Minimize, "Less is better (a cost)");
                });
                ui.end_row();
                ui.label("Scale");
                ui.horizontal(|ui| {
                    let l = ui.label("from");
                    let r = ui
                        .add(TextEdit::singleline(&mut form.min).desired_width(56.0))
                        .labelled_by(l.id);
                    apply |= entered(ui, &r);
                    let l = ui.label("to");
                    let r = ui
                        .add(TextEdit::singleline(&mut form.max).desired_width(56.0))
                        .labelled_by(l.id);
                    apply |= entered(ui, &r);
                    let l = ui.label("unit");
                    let r = ui
                        .add(TextEdit::singleline(&mut form.unit).desired_width(110.0))
                        .labelled_by(l.id);
                    apply |= entered(ui, &r);
                });
                ui.end_row();
                let r = text_row(ui, "Description", &mut form.description, "optional: what 0 and the top of the scale mean", 320.0);
                apply |= entered(ui, &r);
            });
        error_line(ui, form.error.as_ref());
        let (ok, no) = buttons(ui, "Add", "");
        apply |= ok;
        cancel |= no;
    });
    if cancel || modal.should_close() {
        return Outcome::Close;
    }
    if !apply {
        return Outcome::Keep;
    }
    let name = form.name.trim();
    if name.is_empty() {
        form.error = Some("Give the criterion a name.".into());
        return Outcome::Keep;
    }
    let scale = (|| {
        let min = parse_number(&form.min, "Scale from")?.ok_or("Scale from is needed")?;
        let max = parse_number(&form.max, "Scale to")?.ok_or("Scale to is needed")?;
        Ok::<_, String>((min, max))
    })();
    let (min, max) = match scale {
        Ok(v) => v,
        Err(why) => {
            form.error = Some(why);
            return Outcome::Keep;
        }
    };
    let criterion = Criterion {
        id: unique_id(&slug(name), |id| s.criterion_index(id).is_some()),
        name: name.to_string(),
        short: form.short.trim().to_string(),
        family: form.family.clone(),
        description: form.description.trim().to_string(),
        direction: form.direction,
        scale: Scale {
            min,
            max,
            unit: form.unit.trim().to_string(),
        },
        provenance: None,
        value_function: None,
        outranking: None,
    };
    outcome(
        checked(s, Edit::AddCriterion(Box::new(criterion))),
        &mut form.error,
    )
}

fn rename(
    ui: &mut Ui,
    s: &Scenario,
    what: Thing,
    id: &str,
    (name, short): (&mut String, &mut String),
    error: &mut Option<String>,
    fresh: &mut bool,
) -> Outcome {
    let (old, old_short) = match what {
        Thing::Option => s
            .option_index(id)
            .map(|i| (&s.options[i].name, &s.options[i].short)),
        Thing::Criterion => s
            .criterion_index(id)
            .map(|j| (&s.criteria[j].name, &s.criteria[j].short)),
    }
    .map_or((String::new(), String::new()), |(n, sh)| {
        (n.clone(), sh.clone())
    });
    if old.is_empty() {
        return Outcome::Close; // gone meanwhile (undo)
    }
    let first = std::mem::take(fresh);
    let mut apply = false;
    let mut cancel = false;
    let modal = egui::Modal::new(Id::unique("matrix-rename")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        ui.heading(format!("Rename {}", what.word()));
        ui.add_space(6.0);
        egui::Grid::new("matrix-rename-grid")
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                let r = text_row(ui, "Name", name, "", 340.0);
                if first {
                    focus_all(ui, &r, name);
                }
                apply |= entered(ui, &r);
                let r = text_row(
                    ui,
                    "Short label",
                    short,
                    "optional, for headers and charts",
                    340.0,
                );
                apply |= entered(ui, &r);
            });
        ui.label(
            RichText::new("Tables and charts show the short label; empty shows the name.")
                .small()
                .weak(),
        );
        error_line(ui, error.as_ref());
        let (ok, no) = buttons(ui, "Rename", "");
        apply |= ok;
        cancel |= no;
    });
    if cancel || modal.should_close() {
        return Outcome::Close;
    }
    if !apply {
        return Outcome::Keep;
    }
    let (new, new_short) = (name.trim().to_string(), short.trim().to_string());
    if new == old && new_short == old_short {
        return Outcome::Close;
    }
    let e = match what {
        Thing::Option => Edit::RenameOption {
            id: id.to_string(),
            name: new,
            short: new_short,
        },
        Thing::Criterion => Edit::RenameCriterion {
            id: id.to_string(),
            name: new,
            short: new_short,
        },
    };
    outcome(checked(s, e), error)
}

fn remove(ui: &mut Ui, s: &Scenario, what: Thing, id: &str, error: &mut Option<String>) -> Outcome {
    let name = match what {
        Thing::Option => s.option_index(id).map(|i| s.options[i].name.clone()),
        Thing::Criterion => s.criterion_index(id).map(|j| s.criteria[j].name.clone()),
    };
    let Some(name) = name else {
        return Outcome::Close;
    };
    let values = s
        .performance
        .iter()
        .filter(|c| match what {
            Thing::Option => c.option == id,
            Thing::Criterion => c.criterion == id,
        })
        .filter(|c| c.value.is_some())
        .count();
    let mut apply = false;
    let mut cancel = false;
    let modal = egui::Modal::new(Id::unique("matrix-remove")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        ui.heading(format!("Remove {}?", what.word()));
        ui.add_space(4.0);
        ui.label(RichText::new(&name).strong());
        let also = match what {
            Thing::Option => format!("Its {values} values go with it."),
            Thing::Criterion => {
                format!("Its {values} values and its weight in every profile go with it.")
            }
        };
        ui.label(format!("{also} Undo (Ctrl+Z) brings it all back."));
        error_line(ui, error.as_ref());
        let (ok, no) = buttons(ui, "Remove", "");
        apply |= ok;
        cancel |= no;
    });
    if cancel || modal.should_close() {
        return Outcome::Close;
    }
    if !apply {
        return Outcome::Keep;
    }
    let e = match what {
        Thing::Option => Edit::RemoveOption(id.to_string()),
        Thing::Criterion => Edit::RemoveCriterion(id.to_string()),
    };
    outcome(checked(s, e), error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario_file::default_scenario;

    #[test]
    fn a_header_click_sorts_then_reverses_then_restores_file_order() {
        let mut sort = Sort::default();
        let key = SortKey::Criterion("speed".into());
        sort.click(key.clone());
        assert_eq!((&sort.key, sort.reversed), (&key, false));
        sort.click(key.clone());
        assert_eq!((&sort.key, sort.reversed), (&key, true));
        sort.click(key);
        assert_eq!(sort, Sort::default());
        sort.click(SortKey::Name);
        sort.click(SortKey::Score);
        assert_eq!((&sort.key, sort.reversed), (&SortKey::Score, false));
    }

    #[test]
    fn typed_numbers_are_finite_or_refused() {
        assert_eq!(parse_number("  ", "Value"), Ok(None));
        assert_eq!(parse_number(" 6.5 ", "Value"), Ok(Some(6.5)));
        assert_eq!(parse_number("-2", "Value"), Ok(Some(-2.0)));
        for bad in ["6,5", "abc", "NaN", "inf", "1e999"] {
            assert!(parse_number(bad, "Value").is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_of_new_items_are_unique() {
        let taken = ["a", "a-2"];
        assert_eq!(unique_id("b", |id| taken.contains(&id)), "b");
        assert_eq!(unique_id("a", |id| taken.contains(&id)), "a-3");
    }

    #[test]
    fn the_editor_fields_give_back_every_cell_exactly() {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        for cell in &s.performance {
            let form = CellForm::new(&cell.option, &cell.criterion, Some(cell), Pos2::ZERO);
            assert_eq!(form.cell().as_ref(), Ok(cell));
        }
        let missing = CellForm::new("o", "c", None, Pos2::ZERO)
            .cell()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((missing.value, missing.uncertainty), (None, None));
    }

    #[test]
    fn missing_values_sort_last_both_ways() {
        let mut s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let c = s.criteria[0].id.clone();
        let first = s.options[0].id.clone();
        for cell in &mut s.performance {
            if cell.option == first && cell.criterion == c {
                cell.value = None;
                cell.uncertainty = None;
            }
        }
        let d = Derived::compute(&s, 0);
        let lookup = Lookup::build(&s, 0);
        for reversed in [false, true] {
            let sort = Sort {
                key: SortKey::Criterion(c.clone()),
                reversed,
            };
            let rows = sorted_rows(&s, &d, &lookup, &sort);
            assert_eq!(rows.last(), Some(&0), "reversed: {reversed}");
        }
    }
}
