//! "How sure is this ranking?": the tornado of top-stable weight intervals, the most critical
//! criterion, SMAA's rank acceptability and the command that reproduces it.

use super::*;
use crate::analysis::smaa::{Smaa, WeightInfo};
use crate::report::robustness::{Robustness, acceptability_order};

/// Names of options, joined: "A", "A and B", "A, B and C".
fn names(b: &Briefing, options: &[usize]) -> String {
    let names: Vec<&str> = options
        .iter()
        .filter_map(|&i| b.options.get(i).map(|o| o.name.as_str()))
        .collect();
    match names.split_last() {
        None => "—".to_string(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// "makes A the top option", or "puts A and B level at the top".
fn makes_top(b: &Briefing, options: &[usize]) -> String {
    if options.len() > 1 {
        format!("puts {} level at the top", names(b, options))
    } else {
        format!("makes {} the top option", names(b, options))
    }
}

/// A weight in percent with two decimals (intervals can be narrow).
fn percent2(w: f64) -> String {
    format!("{:.2}", w * 100.0)
}

pub(super) fn sensitivity(b: &Briefing, out: &mut Vec<Block>) {
    let Some(r) = &b.sensitivity else {
        return;
    };
    out.push(Block::Heading(
        2,
        "sensitivity",
        "How sure is this ranking?".into(),
    ));
    out.push(para(vec![text(
        "Two checks of the ranking above: how far one criterion's weight can move before another option comes first (the other weights keep their proportions and still sum to 100 %), and how often each option takes each rank when the uncertain scores and the weights are drawn at random (SMAA-2).",
    )]));
    weights(b, r, out);
    acceptability(b, r, out);
    reproduce(b, r, out);
}

fn weights(b: &Briefing, r: &Robustness, out: &mut Vec<Block>) {
    out.push(Block::Heading(3, "", "One weight at a time".into()));
    if let Err(e) = &r.stability {
        out.push(para(vec![text(format!("Not swept: {e}."))]));
        return;
    }
    let top = names(b, &r.top_now);
    match &r.most_critical {
        Some(c) => {
            let criterion = b.criteria.get(c.criterion).map_or("?", |c| c.name.as_str());
            out.push(para(vec![
                strong("Most critical criterion: "),
                text(format!(
                    "moving “{criterion}”'s weight by {:.2} percentage points, from {} % to {} %, {}.",
                    c.change * 100.0,
                    percent2(c.from),
                    percent2(c.to),
                    makes_top(b, &c.new_top)
                )),
            ]));
        }
        None => out.push(para(vec![
            strong("Most critical criterion: none. "),
            text(format!(
                "No single weight change alters the top option: whatever weight one criterion gets, {top} stays first."
            )),
        ])),
    }
    out.push(Block::Chart(
        Chart::Tornado,
        format!(
            "Top-stable interval of each criterion's weight, in percent: {top} stays first while the weight stays within its bar (the mark is the weight now). Narrowest first."
        ),
    ));
    let rows = r
        .tornado_order()
        .into_iter()
        .map(|s| {
            let name = b
                .criteria
                .get(s.criterion)
                .map_or_else(String::new, |c| c.name.clone());
            let (lo, hi) = match &s.top_stable {
                Ok((lo, hi)) => (percent2(*lo), percent2(*hi)),
                Err(e) => (format!("cannot be swept: {e}"), String::new()),
            };
            let (change, then) = match &s.change {
                Some((c, top)) => (format!("{:.2}", c * 100.0), names(b, top)),
                None => ("none".to_string(), "—".to_string()),
            };
            vec![name, percent2(s.weight), lo, hi, change, then]
        })
        .collect();
    out.push(Block::Table(
        "stability".into(),
        Table {
            caption: "Top-stable weight intervals".into(),
            header: [
                "Criterion",
                "Weight (%)",
                "From (%)",
                "To (%)",
                "Smallest change (pp)",
                "Then first",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        },
    ));
}

/// Why these weights were drawn.
fn weight_text(b: &Briefing, w: WeightInfo) -> String {
    match w {
        WeightInfo::Ranges => format!(
            "each weight drawn uniformly within the weight ranges of the profile “{}” (the weights without a range as the profile has them), since the profile gives ranges",
            b.profile.name
        ),
        WeightInfo::Ordinal => format!(
            "drawn uniformly among all weights that keep the order of importance of the profile “{}” (most important first; equal weights unordered among themselves), since the profile gives no weight ranges and its exact numbers are a judgement too",
            b.profile.name
        ),
        WeightInfo::Exact => format!("the weights of the profile “{}”", b.profile.name),
        WeightInfo::None => "drawn uniformly over all weights".to_string(),
        WeightInfo::Profiles => {
            "in each draw the weights of one of the scenario's profiles, chosen in proportion to its vote weight".to_string()
        }
        WeightInfo::Blend => {
            "in each draw a random blend of every profile's weights (blend shares drawn from a Dirichlet distribution with the profiles' vote weights)".to_string()
        }
    }
}

fn acceptability(b: &Briefing, r: &Robustness, out: &mut Vec<Block>) {
    out.push(Block::Heading(
        3,
        "",
        "Scores and weights drawn together".into(),
    ));
    let s = match &r.smaa {
        Ok(s) => s,
        Err(e) => {
            out.push(para(vec![text(format!(
                "Not run: {}.",
                e.trim_end_matches('.')
            ))]));
            return;
        }
    };
    let scores = if s.uncertain_cells == 0 {
        "No score carries an uncertainty, so only the weights vary.".to_string()
    } else {
        format!(
            "{} uncertain scores are drawn anew in every draw (uniformly over their range, or triangular); the other scores are kept.",
            s.uncertain_cells
        )
    };
    out.push(para(vec![text(format!(
        "{} draws. Weights: {}. {scores}",
        thousands(s.draws),
        weight_text(b, s.weights)
    ))]));
    if let Some(wanted) = r.setup.capped_from {
        out.push(para(vec![text(format!(
            "The scenario asks for {} draws; this briefing used {} to stay quick on a scenario of this size. Give --draws {wanted} to the command below for the full run.",
            thousands(wanted),
            thousands(s.draws)
        ))]));
    }
    out.push(Block::Chart(
        Chart::Acceptability,
        "Rank acceptability: the share of draws in which each option takes each rank, in percent (darkest: first).".into(),
    ));
    out.push(Block::Table(
        "acceptability".into(),
        acceptability_table(b, s),
    ));
    out.push(para(vec![text(
        "First rank: the share of draws in which the option ranks first, with its Monte Carlo standard error. Holistic: the rank shares weighted from 100 % for first to 0 for last. Confidence: how often the option ranks first when the weights are fixed at the typical weights that make it win (its central weights) and only the scores are drawn; a dash when it never ranks first.",
    )]));
}

fn acceptability_table(b: &Briefing, s: &Smaa) -> Table {
    let rows = acceptability_order(s)
        .into_iter()
        .map(|i| {
            let o = &s.options[i];
            let first = o.rank_acceptability.first().copied().unwrap_or(0.0);
            let se = o.standard_error.first().copied().unwrap_or(0.0);
            vec![
                b.options
                    .get(i)
                    .map_or_else(|| o.option.clone(), |o| o.name.clone()),
                percent(first),
                format!("{:.2}", se * 100.0),
                percent(o.holistic),
                o.confidence.map_or_else(|| "—".to_string(), percent),
            ]
        })
        .collect();
    Table {
        caption: "Rank acceptability".into(),
        header: [
            "Option",
            "First rank (%)",
            "± SE (pp)",
            "Holistic (%)",
            "Confidence (%)",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

fn reproduce(b: &Briefing, r: &Robustness, out: &mut Vec<Block>) {
    let st = &r.setup;
    out.push(Block::Heading(3, "", "Reproduce these figures".into()));
    out.push(para(vec![text(format!(
        "Method {}, profile “{}” ({}), weights {}, {} draws, seed {}. The intervals are those of “tideline sensitivity” on the same profile and method; the rank acceptability comes from this command:",
        method_label(st.method, st.normalization),
        b.profile.name,
        st.profile_id,
        st.weights.keyword(),
        thousands(st.draws),
        st.seed
    ))]));
    out.push(Block::Code(st.command.clone()));
}

/// 10000 as "10,000".
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(10_000_000), "10,000,000");
    }
}
