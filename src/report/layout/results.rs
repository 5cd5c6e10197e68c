//! The briefing's result sections: the ranking under the chosen method, every method side by
//! side, and every perspective.

use super::*;

pub(super) fn ranking(b: &Briefing, out: &mut Vec<Block>) {
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

pub(super) fn comparison(b: &Briefing, out: &mut Vec<Block>) {
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

pub(super) fn perspectives(b: &Briefing, out: &mut Vec<Block>) {
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
