//! "The room": every profile's ranks side by side, how alike they are, the common ground,
//! each profile's concession, and the mean of all profiles with the spread of each weight.

use super::{Block, Briefing, Chart, Table, method_label, para, percent, strong, text};

/// A profile's name for the room's tables, by its index in the scenario.
fn profile_name(b: &Briefing, k: usize) -> String {
    b.perspectives
        .get(k)
        .map_or_else(|| format!("#{}", k + 1), |p| p.profile_name.clone())
}

pub(super) fn room(b: &Briefing, out: &mut Vec<Block>) {
    let Some(result) = &b.room else {
        return;
    };
    out.push(Block::Heading(
        2,
        "room",
        "The room: every profile compared".into(),
    ));
    let room = match result {
        Ok(room) => room,
        Err(e) => {
            out.push(para(vec![text(format!(
                "The profiles could not be compared: {e}"
            ))]));
            return;
        }
    };
    let p = &room.perspectives;
    out.push(para(vec![text(format!(
        "Each weight profile ranks the options under {}; profiles whose rankings are alike are placed next to each other (average-linkage clustering on 1 − Kendall's τ-b). Options that tie share a rank.",
        method_label(p.method, p.normalization)
    ))]));
    let order = &p.order;
    let mut header = vec!["Option".to_string()];
    header.extend(order.iter().map(|&k| profile_name(b, k)));
    if room.mean.is_some() {
        header.push("Mean of all".into());
    }
    let rows = (0..p.options.len())
        .map(|i| {
            let mut row = vec![
                b.options
                    .get(i)
                    .map_or_else(String::new, |o| o.name.clone()),
            ];
            row.extend(order.iter().map(|&k| p.ranks[k][i].to_string()));
            if let Some(mean) = &room.mean {
                row.push(mean.ranks[i].to_string());
            }
            row
        })
        .collect();
    out.push(Block::Table(
        "room-ranks".into(),
        Table {
            caption: "Rank of each option under each profile (1 best)".into(),
            header,
            rows,
        },
    ));
    out.push(Block::Chart(
        Chart::Agreement,
        "Kendall's τ-b between the profiles' rankings: 1 (dark blue) when they agree on every pair of options, 0 when unrelated, −1 (dark red) when one reverses the other.".into(),
    ));
    let mut header = vec![String::new()];
    header.extend(order.iter().map(|&k| profile_name(b, k)));
    let rows = order
        .iter()
        .map(|&a| {
            let mut row = vec![profile_name(b, a)];
            row.extend(order.iter().map(|&c| {
                p.kendall_tau[a][c].map_or_else(|| "—".to_string(), |t| format!("{t:.2}"))
            }));
            row
        })
        .collect();
    out.push(Block::Table(
        "room-tau".into(),
        Table {
            caption: "Kendall's τ-b between the profiles' rankings".into(),
            header,
            rows,
        },
    ));
    let common: Vec<String> = p
        .common_ground
        .iter()
        .filter_map(|&i| b.options.get(i).map(|o| o.name.clone()))
        .collect();
    out.push(para(if common.is_empty() {
        vec![
            strong("Common ground: "),
            text(format!("no option is in every profile's top {}.", p.top_k)),
        ]
    } else {
        vec![
            strong(format!(
                "Common ground (in every profile's top {}): ",
                p.top_k
            )),
            text(common.join("; ")),
        ]
    }));
    out.push(para(vec![
        strong("Concessions: "),
        text("the smallest change of a profile's weights (percentage points, summed over the criteria) at which another option reaches its first place. Exact for the weighted sum; otherwise the best a bounded search found."),
    ]));
    let option = |i: usize| {
        b.options
            .get(i)
            .map_or_else(String::new, |o| o.name.clone())
    };
    out.push(Block::List(
        order
            .iter()
            .filter_map(|&k| room.concessions.iter().find(|c| c.profile == k))
            .map(|c| {
                let line = match &c.reach {
                    Some(r) => format!(
                        "first {}; {} reaches it with a change of {:.1} points{}",
                        option(c.top),
                        option(r.rival),
                        r.change_pp,
                        if c.exact { "" } else { " (estimate)" }
                    ),
                    None => format!(
                        "first {}; no other option reaches it under any weights{}",
                        option(c.top),
                        if c.exact { "" } else { " found" }
                    ),
                };
                vec![
                    strong(format!("{}: ", profile_name(b, c.profile))),
                    text(line),
                ]
            })
            .collect(),
    ));
    if let Some(mean) = &room.mean {
        out.push(para(vec![text(
            "The mean of all profiles (each counting its vote weight) ranks the options in the last column of the first table. Its weights, and how far apart the profiles are on each:",
        )]));
        let rows = b
            .criteria
            .iter()
            .enumerate()
            .map(|(j, c)| {
                let s = mean.spread[j];
                vec![
                    c.name.clone(),
                    percent(mean.weights[j]),
                    percent(s.min),
                    percent(s.max),
                    percent(s.iqr),
                ]
            })
            .collect();
        out.push(Block::Table(
            "room-mean".into(),
            Table {
                caption: "Weights of the mean profile and their spread across profiles".into(),
                header: [
                    "Criterion",
                    "Mean (%)",
                    "Lowest (%)",
                    "Highest (%)",
                    "Interquartile range (points)",
                ]
                .map(String::from)
                .to_vec(),
                rows,
            },
        ));
    }
}
