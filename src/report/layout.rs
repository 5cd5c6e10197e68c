//! The briefing as a list of blocks (headings, paragraphs, lists, tables, charts, a boxed
//! aside) that both renderers walk, so HTML and Markdown say the same things in the same order.
//! Text here is plain; the renderers escape it.

use crate::analysis::scoring::MethodDetail;
use crate::scenario::model::{Direction, Elicitation, Method, Normalization};

use super::{Briefing, Table};

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
    sensitivity(b, &mut out);
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

fn ranking(b: &Briefing, out: &mut Vec<Block>) {
    let r = &b.ranking;
    out.push(Block::Heading(2, "ranking", "Ranking".into()));
    let better = if r.higher_is_better {
        "higher is better"
    } else {
        "lower is better"
    };
    out.push(para(vec![
        text("Method "),
        strong(method_label(r.method, r.normalization)),
        text(format!(
            ", profile “{}”; {}. {}.",
            b.profile.name,
            better,
            r.method.description()
        )),
    ]));

    let mut header = vec![
        "Rank".to_string(),
        "Option".to_string(),
        score_header(r.method).to_string(),
    ];
    let (names, columns): (Vec<&str>, Vec<&[f64]>) = match &r.detail {
        MethodDetail::None => (Vec::new(), Vec::new()),
        MethodDetail::Topsis { d_plus, d_minus } => (vec!["D+", "D−"], vec![d_plus, d_minus]),
        MethodDetail::Promethee {
            phi_plus,
            phi_minus,
            ..
        } => (vec!["φ+", "φ−"], vec![phi_plus, phi_minus]),
        MethodDetail::Vikor { s, r, .. } => (vec!["S", "R"], vec![s, r]),
    };
    header.extend(names.iter().map(|s| s.to_string()));
    let compromise = match &r.detail {
        MethodDetail::Vikor { compromise, .. } => Some(compromise),
        _ => None,
    };
    if compromise.is_some() {
        header.push("Compromise".into());
    }
    let rows = r
        .order()
        .into_iter()
        .map(|i| {
            let mut row = vec![
                r.ranks[i].to_string(),
                b.options[i].name.clone(),
                num(r.scores[i]),
            ];
            row.extend(columns.iter().map(|c| num(c[i])));
            if let Some(c) = compromise {
                row.push(if c.contains(&i) { "yes" } else { "" }.to_string());
            }
            row
        })
        .collect();
    out.push(Block::Table(
        "ranking".into(),
        Table {
            caption: format!(
                "Ranking by {}, profile “{}”",
                method_label(r.method, r.normalization),
                b.profile.name
            ),
            header,
            rows,
        },
    ));
    if let MethodDetail::Vikor {
        v,
        compromise,
        advantage,
        stability,
        ..
    } = &r.detail
    {
        let names: Vec<String> = compromise
            .iter()
            .map(|&i| b.options[i].name.clone())
            .collect();
        let yes_no = |x: bool| if x { "met" } else { "not met" };
        out.push(para(vec![
            strong("Compromise solution: "),
            text(format!(
                "{} (v = {v}; acceptable advantage {}, acceptable stability {}).",
                names.join("; "),
                yes_no(*advantage),
                yes_no(*stability)
            )),
        ]));
    }
    if let MethodDetail::Promethee { .. } = &r.detail {
        out.push(para(vec![text(
            "φ+ is how strongly an option outranks the others, φ− how strongly it is outranked; φ = φ+ − φ−.",
        )]));
    }
    if let MethodDetail::Topsis { .. } = &r.detail {
        out.push(para(vec![text(
            "D+ is the distance to the ideal option, D− to the worst; C = D− / (D+ + D−).",
        )]));
    }
    let chart_text = if r.additive {
        "Score of each option, split into each criterion's contribution."
    } else {
        "Score of each option."
    };
    out.push(Block::Chart(Chart::Ranking, chart_text.to_string()));

    let caption = if r.additive {
        "Contribution of each criterion to the score (each row sums to the score)".to_string()
    } else {
        format!(
            "Weighted normalised performance, weight × normalised value ({} normalisation): where each option is strong; it does not add up to the {} score",
            if r.normalization == Normalization::None {
                "min-max"
            } else {
                r.normalization.keyword()
            },
            r.method.title()
        )
    };
    let used: Vec<usize> = (0..b.criteria.len())
        .filter(|&j| r.weights[j] > 0.0)
        .collect();
    let mut header = vec!["Option".to_string()];
    header.extend(used.iter().map(|&j| b.criteria[j].label.clone()));
    header.push(score_header(r.method).to_string());
    let rows = r
        .order()
        .into_iter()
        .map(|i| {
            let mut row = vec![b.options[i].name.clone()];
            row.extend(used.iter().map(|&j| num(r.contributions[i][j])));
            row.push(num(r.scores[i]));
            row
        })
        .collect();
    out.push(Block::Table(
        "contributions".into(),
        Table {
            caption,
            header,
            rows,
        },
    ));
}

fn comparison(b: &Briefing, out: &mut Vec<Block>) {
    let cmp = &b.comparison;
    out.push(Block::Heading(2, "methods", "Do the methods agree?".into()));
    out.push(para(vec![text(format!(
        "The rank of each option under every method, profile “{}”. Each method uses the briefing's normalisation where it takes it, else its own default.",
        b.profile.name
    ))]));
    let labels: Vec<String> = cmp
        .methods
        .iter()
        .zip(&cmp.normalizations)
        .map(|(&m, &n)| method_label(m, n))
        .collect();
    let mut header = vec!["Option".to_string()];
    header.extend(labels.iter().cloned());
    let rows = b
        .ranking
        .order()
        .into_iter()
        .map(|i| {
            let mut row = vec![b.options[i].name.clone()];
            row.extend((0..cmp.methods.len()).map(|k| {
                cmp.ranks(k)
                    .map_or_else(|| "—".to_string(), |r| r[i].to_string())
            }));
            row
        })
        .collect();
    out.push(Block::Table(
        "method-ranks".into(),
        Table {
            caption: "Rank under each method".into(),
            header,
            rows,
        },
    ));
    let mut header = vec!["Method".to_string()];
    header.extend(cmp.methods.iter().map(|m| m.title().to_string()));
    let rows = cmp
        .methods
        .iter()
        .enumerate()
        .map(|(a, m)| {
            let mut row = vec![m.title().to_string()];
            row.extend(
                cmp.tau[a]
                    .iter()
                    .map(|t| t.map_or_else(|| "—".to_string(), |t| format!("{t:.2}"))),
            );
            row
        })
        .collect();
    out.push(Block::Table(
        "kendall-tau".into(),
        Table {
            caption: "Kendall's τ-b between the methods' rankings (1: same order; −1: reversed)"
                .into(),
            header,
            rows,
        },
    ));
    let errors: Vec<Vec<Span>> = cmp
        .methods
        .iter()
        .zip(&cmp.results)
        .filter_map(|(m, r)| {
            r.as_ref().err().map(|e| {
                vec![
                    strong(format!("{}: ", m.title())),
                    text(format!("not scored: {e}")),
                ]
            })
        })
        .collect();
    if !errors.is_empty() {
        out.push(Block::List(errors));
    }
}

fn perspectives(b: &Briefing, out: &mut Vec<Block>) {
    out.push(Block::Heading(2, "perspectives", "Perspectives".into()));
    out.push(para(vec![text(format!(
        "The options ranked first, second and third under each weight profile ({}). Options that tie share a rank.",
        method_label(b.ranking.method, b.ranking.normalization)
    ))]));
    let rows = b
        .perspectives
        .iter()
        .map(|p| {
            let mut name = p.profile_name.clone();
            if p.in_use {
                name.push_str(" (this briefing)");
            }
            let mut row = vec![name];
            match &p.top {
                Ok(top) => row.extend((1..=3).map(|rank| {
                    let names: Vec<&str> = top
                        .iter()
                        .filter(|t| t.1 == rank)
                        .map(|t| b.options[t.0].name.as_str())
                        .collect();
                    if names.is_empty() {
                        "—".to_string()
                    } else {
                        names.join("; ")
                    }
                })),
                Err(e) => {
                    row.push(format!("not scored: {e}"));
                    row.extend([String::new(), String::new()]);
                }
            }
            row
        })
        .collect();
    out.push(Block::Table(
        "perspectives".into(),
        Table {
            caption: "Top three under each profile".into(),
            header: ["Profile", "First", "Second", "Third"]
                .map(String::from)
                .to_vec(),
            rows,
        },
    ));
    if !b.leaders.is_empty() {
        out.push(para(vec![strong(
            "Ranked first under at least one profile:",
        )]));
        out.push(Block::List(
            b.leaders
                .iter()
                .map(|l| {
                    vec![
                        text(format!("{}: ", b.options[l.option].name)),
                        text(l.profiles.join("; ")),
                    ]
                })
                .collect(),
        ));
    }
}

/// The hook for sensitivity and uncertainty results: nothing unless a caller attached some.
fn sensitivity(b: &Briefing, out: &mut Vec<Block>) {
    let Some(s) = &b.sensitivity else {
        return;
    };
    out.push(Block::Heading(
        2,
        "sensitivity",
        "Sensitivity and uncertainty".into(),
    ));
    for f in &s.findings {
        out.push(para(vec![text(f)]));
    }
    for (k, t) in s.tables.iter().enumerate() {
        out.push(Block::Table(format!("sensitivity-{}", k + 1), t.clone()));
    }
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
