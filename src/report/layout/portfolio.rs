//! "Portfolios": the frontier chart and table, the best portfolio at the budget with the
//! interactions at work, the core index (a simulation, said so), and each profile's choice.
//! Words come from the area catalogue `i18n::portfolio_report`, in the briefing's language.

use super::{Block, Briefing, Chart, Span, Table, method_label, num, para, strong, text};
use crate::analysis::portfolio::CoreClass;
use crate::analysis::smaa::WeightInfo;
use crate::i18n::fill;
use crate::i18n::portfolio_report::{Texts, texts};
use crate::report::portfolio::{AtWork, Chosen, PortfolioReport};

/// The most frontier portfolios the briefing lists in a table (the chart shows them all).
const MAX_FRONTIER_ROWS: usize = 60;

/// A cost or budget: up to two decimals, no trailing zeros (costs are often whole).
pub(in crate::report) fn amount(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// A cost with the scenario's unit.
fn with_unit(p: &PortfolioReport, x: f64) -> String {
    if p.cost_unit.is_empty() {
        amount(x)
    } else {
        format!("{} {}", amount(x), p.cost_unit)
    }
}

fn option_name(b: &Briefing, i: usize) -> String {
    b.options
        .get(i)
        .map_or_else(|| format!("#{}", i + 1), |o| o.name.clone())
}

/// A portfolio's members by their short labels (as the charts name options), for the long
/// tables; the best portfolio's own table gives the full names.
fn members(b: &Briefing, t: &Texts, c: &Chosen) -> String {
    if c.members.is_empty() {
        t.none.to_string()
    } else {
        let labels: Vec<String> = c
            .members
            .iter()
            .map(|&i| {
                b.options
                    .get(i)
                    .map_or_else(|| option_name(b, i), |o| o.label.clone())
            })
            .collect();
        labels.join("; ")
    }
}

pub(super) fn portfolio(b: &Briefing, out: &mut Vec<Block>) {
    let t = texts(b.lang);
    out.push(Block::Heading(2, "portfolio", t.heading.into()));
    let p = match &b.portfolio {
        Ok(p) => p,
        Err(e) => {
            out.push(para(vec![text(fill(
                t.cannot,
                &[&e.trim_end_matches('.')],
            ))]));
            return;
        }
    };
    let above = match p.baseline {
        Some(i) => fill(t.above_baseline, &[&option_name(b, i)]),
        None => t.above_zero.to_string(),
    };
    out.push(para(vec![text(fill(
        t.intro,
        &[&method_label(p.method, p.normalization), &above],
    ))]));
    frontier(b, t, p, out);
    best(b, t, p, out);
    core(b, t, p, out);
    profiles(b, t, p, out);
}

fn frontier(b: &Briefing, t: &Texts, p: &PortfolioReport, out: &mut Vec<Block>) {
    let f = match &p.frontier {
        Ok(f) => f,
        Err(e) => {
            out.push(para(vec![text(fill(
                t.frontier_not_shown,
                &[&e.trim_end_matches('.')],
            ))]));
            return;
        }
    };
    let caption = match p.budget {
        Some(budget) => fill(t.chart_caption, &[&with_unit(p, budget)]),
        None => t.chart_caption_no_budget.to_string(),
    };
    out.push(Block::Chart(Chart::Frontier, caption));
    if f.len() > MAX_FRONTIER_ROWS {
        out.push(para(vec![text(fill(t.frontier_long, &[&f.len()]))]));
        return;
    }
    out.push(Block::Table(
        "portfolio-frontier".into(),
        Table {
            caption: t.frontier_caption.into(),
            header: vec![t.cost.into(), t.value.into(), t.options.into()],
            rows: f
                .iter()
                .map(|c| vec![amount(c.cost), num(c.value), members(b, t, c)])
                .collect(),
        },
    ));
}

fn best(b: &Briefing, t: &Texts, p: &PortfolioReport, out: &mut Vec<Block>) {
    out.push(Block::Heading(3, "portfolio-best", t.best_heading.into()));
    let best = &p.best;
    if best.members.is_empty() {
        out.push(para(vec![text(t.best_empty)]));
        return;
    }
    let count = best.members.len();
    let line = match p.budget {
        Some(budget) => fill(
            t.best_line,
            &[
                &count,
                &with_unit(p, best.cost),
                &with_unit(p, budget),
                &num(best.value),
            ],
        ),
        None => fill(
            t.best_line_no_budget,
            &[&count, &with_unit(p, best.cost), &num(best.value)],
        ),
    };
    out.push(para(vec![text(line)]));
    out.push(Block::Table(
        "portfolio-best".into(),
        Table {
            caption: t.best_caption.into(),
            header: vec![t.option.into(), t.cost.into(), t.own_value.into()],
            rows: p
                .member_rows
                .iter()
                .map(|&(i, cost, value)| vec![option_name(b, i), amount(cost), num(value)])
                .collect(),
        },
    ));
    if (best.value - p.own_value).abs() > 1e-12 {
        out.push(para(vec![text(fill(
            t.interactions_sum,
            &[
                &format!("{:+.3}", best.value - p.own_value),
                &num(p.own_value),
            ],
        ))]));
    }
    if p.at_work.is_empty() {
        out.push(para(vec![text(t.at_work_none)]));
        return;
    }
    out.push(para(vec![strong(t.at_work)]));
    let n = |i: usize| option_name(b, i);
    out.push(Block::List(
        p.at_work
            .iter()
            .map(|w| -> Vec<Span> {
                vec![text(match *w {
                    AtWork::Effect(a, c, e) => fill(t.effect, &[&n(a), &n(c), &format!("{e:+}")]),
                    AtWork::Requires(a, c) => fill(t.requires, &[&n(a), &n(c)]),
                    AtWork::Excludes(a, c) => fill(t.excludes, &[&n(a), &n(c)]),
                })]
            })
            .collect(),
    ));
}

fn weight_text(b: &Briefing, t: &Texts, w: WeightInfo) -> String {
    let name: &dyn std::fmt::Display = &b.profile.name;
    match w {
        WeightInfo::Ranges => fill(t.weights_ranges, &[name]),
        WeightInfo::Ordinal => fill(t.weights_ordinal, &[name]),
        WeightInfo::Exact => fill(t.weights_exact, &[name]),
        WeightInfo::None => t.weights_none.into(),
        WeightInfo::Profiles => t.weights_profiles.into(),
        WeightInfo::Blend => t.weights_blend.into(),
    }
}

pub(in crate::report) fn class_name(t: &Texts, c: CoreClass) -> &'static str {
    match c {
        CoreClass::Core => t.class_core,
        CoreClass::Borderline => t.class_borderline,
        CoreClass::Exterior => t.class_exterior,
    }
}

fn core(b: &Briefing, t: &Texts, p: &PortfolioReport, out: &mut Vec<Block>) {
    out.push(Block::Heading(3, "portfolio-core", t.core_heading.into()));
    let s = &p.core_setup;
    match &p.core {
        Err(e) => out.push(para(vec![text(fill(
            t.core_not_run,
            &[&e.trim_end_matches('.')],
        ))])),
        Ok(rows) => {
            out.push(para(vec![text(fill(
                t.core_intro,
                &[&s.draws, &s.seed, &weight_text(b, t, s.weights)],
            ))]));
            if let Some(wanted) = s.capped_from {
                out.push(para(vec![text(fill(t.core_capped, &[&wanted, &s.draws]))]));
            }
            let mut order: Vec<_> = rows.iter().collect();
            // Most often in first; the scenario's order on a tie.
            order.sort_by(|a, c| c.share.total_cmp(&a.share));
            out.push(Block::Table(
                "portfolio-core".into(),
                Table {
                    caption: t.core_caption.into(),
                    header: vec![t.option.into(), t.core_share.into(), t.core_class.into()],
                    rows: order
                        .into_iter()
                        .map(|r| {
                            vec![
                                option_name(b, r.option),
                                format!("{:.1}", r.share * 100.0),
                                class_name(t, r.class).into(),
                            ]
                        })
                        .collect(),
                },
            ));
        }
    }
    out.push(para(vec![text(t.reproduce)]));
    out.push(Block::Code(s.command.clone()));
}

fn profiles(b: &Briefing, t: &Texts, p: &PortfolioReport, out: &mut Vec<Block>) {
    if p.profiles.is_empty() {
        return;
    }
    out.push(Block::Heading(
        3,
        "portfolio-profiles",
        t.profiles_heading.into(),
    ));
    out.push(para(vec![text(t.profiles_intro)]));
    let rows = p
        .profiles
        .iter()
        .map(|pick| {
            let name = if pick.in_use {
                fill(t.in_use, &[&pick.profile])
            } else {
                pick.profile.clone()
            };
            match &pick.choice {
                Ok(c) => vec![name, amount(c.cost), num(c.value), members(b, t, c)],
                Err(e) => vec![name, "—".into(), "—".into(), e.clone()],
            }
        })
        .collect();
    out.push(Block::Table(
        "portfolio-profiles".into(),
        Table {
            caption: t.profiles_caption.into(),
            header: vec![
                t.profile.into(),
                t.cost.into(),
                t.value.into(),
                t.options.into(),
            ],
            rows,
        },
    ));
}
