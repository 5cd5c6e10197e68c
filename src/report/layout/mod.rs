//! The briefing as a list of blocks (headings, paragraphs, lists, tables, charts, a boxed
//! aside) that both renderers walk, so HTML and Markdown say the same things in the same order.
//! Text here is plain; the renderers escape it.

use crate::analysis::scoring::MethodDetail;
use crate::scenario::model::{Direction, Elicitation, Method, Normalization};

use super::{Briefing, Table};

mod how_sure;
pub(super) mod portfolio;
mod results;
mod room;

use how_sure::sensitivity;
use portfolio::portfolio;
use results::{comparison, perspectives, ranking};
use room::room;

/// A run of text in a paragraph or list item.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Span {
    Text(String),
    Strong(String),
}

/// Which chart to draw (HTML only; Markdown names it in a note).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Chart {
    Ranking,
    Weights,
    /// Each criterion's top-stable weight interval.
    Tornado,
    /// SMAA's rank acceptability, stacked by rank.
    Acceptability,
    /// Kendall's τ-b between every pair of profiles, as a heat map.
    Agreement,
    /// The efficient portfolios, value against cost, with the budget marked.
    Frontier,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Block {
    /// Level 1–3, an anchor id, the text.
    Heading(u8, &'static str, String),
    Paragraph(Vec<Span>),
    List(Vec<Vec<Span>>),
    /// Short labelled facts under the title (source, date, file, export time).
    Facts(Vec<Vec<Span>>),
    /// An anchor id (HTML writes it `table-<id>`) and the table.
    Table(String, Table),
    /// A command to type, shown as code.
    Code(String),
    /// The chart and a one-line description of what it shows.
    Chart(Chart, String),
    /// A boxed section: anchor id, heading, body.
    Aside(&'static str, String, Vec<Block>),
}

fn text(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

fn strong(s: impl Into<String>) -> Span {
    Span::Strong(s.into())
}

fn para(spans: Vec<Span>) -> Block {
    Block::Paragraph(spans)
}

/// A score or method figure: three decimals in the usual range, else three significant digits
/// in scientific notation (raw weighted products can be large or tiny).
pub(super) fn num(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let a = x.abs();
    if a == 0.0 || (1e-3..1e4).contains(&a) {
        format!("{x:.3}")
    } else {
        format!("{x:.2e}")
    }
}

/// A weight (0..=1) as percent with one decimal, without the sign: the column says "%".
pub(super) fn percent(w: f64) -> String {
    format!("{:.1}", w * 100.0)
}

fn direction_text(d: Direction) -> &'static str {
    match d {
        Direction::Maximize => "more is better",
        Direction::Minimize => "less is better",
    }
}

fn elicitation_text(e: Elicitation) -> &'static str {
    match e {
        Elicitation::Direct => "weights given directly",
        Elicitation::Swing => "swing weighting",
        Elicitation::Pairwise => "pairwise comparisons (AHP)",
        Elicitation::Ranking => "a ranking turned into weights",
    }
}

/// "Weighted sum (scale)": a method and the normalisation it used.
fn method_label(m: Method, n: Normalization) -> String {
    format!("{} ({})", m.title(), n.keyword())
}

/// The name of a method's headline score in a table header.
pub(super) fn score_header(m: Method) -> &'static str {
    match m {
        Method::Wsm | Method::Wpm => "Score",
        Method::Topsis => "Closeness C",
        Method::Promethee2 => "Net flow φ",
        Method::Vikor => "Q (lower is better)",
    }
}

/// Every block of the briefing, in order.
pub(super) fn blocks(b: &Briefing) -> Vec<Block> {
    let mut out = Vec::new();
    header(b, &mut out);
    options(b, &mut out);
    criteria(b, &mut out);
    ranking(b, &mut out);
    comparison(b, &mut out);
    perspectives(b, &mut out);
    room(b, &mut out);
    sensitivity(b, &mut out);
    portfolio(b, &mut out);
    assumptions(b, &mut out);
    matrix(b, &mut out);
    out
}

fn or_dash(s: &str) -> String {
    if s.is_empty() {
        "—".to_string()
    } else {
        s.to_string()
    }
}

fn header(b: &Briefing, out: &mut Vec<Block>) {
    out.push(Block::Heading(1, "title", b.title.clone()));
    out.push(Block::Facts(vec![
        vec![strong("Source document: "), text(or_dash(&b.source))],
        vec![strong("Date: "), text(or_dash(&b.date))],
        vec![strong("Scenario file: "), text(or_dash(&b.file_name))],
        vec![strong("Exported: "), text(or_dash(&b.exported_at))],
    ]));
    if !b.description.is_empty() {
        out.push(para(vec![text(&b.description)]));
    }
    let e = b.evidence;
    let scored = e.illustrative + e.sourced;
    if e.illustrative > 0 {
        out.push(para(vec![
            strong("Read with care: "),
            text(format!(
                "{} of the {scored} scores are illustrative judgements by {}, not figures from {}. See “Assumptions”.",
                e.illustrative,
                judge(b),
                source_ref(b)
            )),
        ]));
    }
}

/// Who made the illustrative judgements.
fn judge(b: &Briefing) -> String {
    if b.author.is_empty() {
        "the scenario's authors".to_string()
    } else {
        format!("the scenario's authors ({})", b.author)
    }
}

fn source_ref(b: &Briefing) -> String {
    if b.source.is_empty() {
        "the source document".to_string()
    } else {
        b.source.clone()
    }
}

fn options(b: &Briefing, out: &mut Vec<Block>) {
    out.push(Block::Heading(2, "options", "Options".into()));
    for (k, c) in b.clusters.iter().enumerate() {
        out.push(Block::Heading(3, "", c.name.clone()));
        let mut about = Vec::new();
        if !c.description.is_empty() {
            about.push(text(&c.description));
        }
        if !c.provenance.is_empty() {
            if !about.is_empty() {
                about.push(text(" "));
            }
            about.push(text(format!("({})", c.provenance)));
        }
        if !about.is_empty() {
            out.push(para(about));
        }
        let rows = c
            .options
            .iter()
            .map(|&i| {
                let o = &b.options[i];
                let label = if o.label == o.name {
                    String::new()
                } else {
                    o.label.clone()
                };
                vec![
                    o.name.clone(),
                    label,
                    o.provenance.clone(),
                    o.description.clone(),
                ]
            })
            .collect();
        out.push(Block::Table(
            format!("options-{}", k + 1),
            Table {
                caption: format!("Options: {}", c.name),
                header: ["Option", "Short label", "Provenance", "Description"]
                    .map(String::from)
                    .to_vec(),
                rows,
            },
        ));
    }
}

fn criteria(b: &Briefing, out: &mut Vec<Block>) {
    out.push(Block::Heading(2, "criteria", "Criteria and weights".into()));
    out.push(para(vec![
        text("Weights of the profile "),
        strong(&b.profile.name),
        text(": each family's share, split among its criteria; all criteria sum to 100 %."),
    ]));
    for (k, f) in b.families.iter().enumerate() {
        out.push(Block::Heading(
            3,
            "",
            format!("{} ({} %)", f.name, percent(f.weight)),
        ));
        let rows = f
            .criteria
            .iter()
            .map(|&j| {
                let c = &b.criteria[j];
                let mut scale = format!("{} to {}", c.scale.min, c.scale.max);
                if !c.scale.unit.is_empty() {
                    scale.push(' ');
                    scale.push_str(&c.scale.unit);
                }
                if c.value_function {
                    scale.push_str(", value function");
                }
                vec![
                    c.name.clone(),
                    c.label.clone(),
                    direction_text(c.direction).to_string(),
                    scale,
                    percent(c.weight),
                ]
            })
            .collect();
        out.push(Block::Table(
            format!("criteria-{}", k + 1),
            Table {
                caption: format!("Criteria: {}", f.name),
                header: [
                    "Criterion",
                    "Short label",
                    "Direction",
                    "Scale",
                    "Weight (%)",
                ]
                .map(String::from)
                .to_vec(),
                rows,
            },
        ));
    }
    out.push(Block::Chart(
        Chart::Weights,
        format!(
            "Effective weight of each criterion under “{}”, in percent.",
            b.profile.name
        ),
    ));
}

fn assumptions(b: &Briefing, out: &mut Vec<Block>) {
    let r = &b.ranking;
    let e = b.evidence;
    let total = e.illustrative + e.sourced + e.missing;
    let mut body = Vec::new();
    let scores = if e.illustrative == 0 {
        format!(
            "None of the {total} scores is marked Illustrative; {} are marked Sourced (taken or computed from a cited source).",
            e.sourced
        )
    } else {
        format!(
            "Every score marked Illustrative is a judgement by {}, not a figure from {}: {} of the {total} scores are illustrative and {} are sourced (taken or computed from a cited source).",
            judge(b),
            source_ref(b),
            e.illustrative,
            e.sourced
        )
    };
    body.push(para(vec![strong("Scores. "), text(scores)]));
    if e.missing > 0 {
        body.push(para(vec![text(format!(
            "{} values are missing. A missing value is never read as zero; a criterion with missing values must weigh 0 to be scored.",
            e.missing
        ))]));
    }
    let mut method = format!(
        "{} ({}): {}. Normalisation “{}”: {}.",
        r.method.title(),
        r.method.keyword(),
        r.method.description(),
        r.normalization.keyword(),
        r.normalization.description()
    );
    match r.method {
        Method::Vikor => method.push_str(&format!(
            " v = {} (the weight of group utility against individual regret).",
            b.vikor_v
        )),
        Method::Promethee2 => {
            let with: Vec<String> = b
                .criteria
                .iter()
                .filter(|c| !c.preference.is_empty())
                .map(|c| format!("{}: {}", c.label, c.preference))
                .collect();
            if with.is_empty() {
                method.push_str(" Every criterion uses the usual preference function.");
            } else {
                method.push_str(&format!(
                    " Preference functions: {}; the usual function elsewhere.",
                    with.join("; ")
                ));
            }
        }
        _ => {}
    }
    body.push(para(vec![strong("Method. "), text(method)]));
    let mut weights = format!(
        "Profile “{}” ({}",
        b.profile.name,
        elicitation_text(b.profile.elicitation)
    );
    if !b.profile.author.is_empty() {
        weights.push_str(&format!(", by {}", b.profile.author));
    }
    weights.push(')');
    if b.profile.note.is_empty() {
        weights.push('.');
    } else {
        weights.push_str(&format!(": {}", b.profile.note));
    }
    body.push(para(vec![strong("Weights. "), text(weights)]));
    if b.sensitivity.is_none() {
        body.push(para(vec![
            strong("Not analysed. "),
            text("This briefing does not test how the ranking responds to other weights or to the uncertainty of the scores, beyond the other profiles shown under “Perspectives”."),
        ]));
    }
    out.push(Block::Aside("assumptions", "Assumptions".into(), body));
}

fn matrix(b: &Briefing, out: &mut Vec<Block>) {
    out.push(Block::Heading(
        2,
        "matrix",
        "Appendix: performance matrix".into(),
    ));
    out.push(para(vec![text(
        "Options by criterion id, with each criterion's direction and weight (share of 1), in the CSV matrix layout: copied into a spreadsheet and saved as CSV, it can be opened in Tideline again. An empty cell is a missing value. (“tideline export --matrix” writes the same values with names, families, scales, ranges and settings, so that the file scores exactly as the scenario.)",
    )]));
    let (header, rows) = match b.matrix.split_first() {
        Some((h, rows)) => (h.clone(), rows.to_vec()),
        None => (Vec::new(), Vec::new()),
    };
    out.push(Block::Table(
        "matrix".into(),
        Table {
            caption: "Performance matrix".into(),
            header,
            rows,
        },
    ));
}

/// Whether every non-empty cell of column `k` is a number (for right alignment).
pub(super) fn numeric_column(t: &Table, k: usize) -> bool {
    let mut any = false;
    for row in &t.rows {
        match row.get(k).map(|s| s.trim()) {
            None | Some("" | "—") => {}
            Some(s) => {
                if s.replace('−', "-").parse::<f64>().is_err() {
                    return false;
                }
                any = true;
            }
        }
    }
    any
}
