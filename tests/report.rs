//! Briefings and CSV exports: the HTML parses as strict XML and lists what the scenario holds,
//! hostile text stays text in both formats, Markdown tables are well formed, and the matrix
//! (as CSV, and as the Markdown appendix) reads back through the CSV importer.

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use tideline::analysis::scoring::score_with;
use tideline::analysis::sensitivity::{Sensitivity, Settings, Target};
use tideline::analysis::smaa::{self, WeightInfo};
use tideline::files::csv_import::parse_csv;
use tideline::files::scenario_file::{default_scenario, load_path};
use tideline::i18n::Lang;
use tideline::report::export::{csv_line, matrix_csv};
use tideline::report::{self, Briefing, Request};
use tideline::scenario::model::{Direction, Method, Normalization, Relation, Scenario};
use tideline::scenario::weights::effective_weights;

const STAMP: &str = "2025-03-01 09:30 UTC";

fn default() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

fn briefing_with(s: &Scenario, method: Method) -> Briefing {
    let mut request = Request::new(s, "test.ron", STAMP);
    request.method = method;
    request.normalization = method.normalization_for(s.settings.normalization);
    report::briefing(s, &request).unwrap_or_else(|e| panic!("{e}"))
}

fn briefing(s: &Scenario) -> Briefing {
    briefing_with(s, s.settings.method)
}

// ---- A small XML tree from quick-xml events: parsing fails on anything not well formed. ----

#[derive(Debug)]
enum Node {
    Element {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<Node>,
    },
    Text(String),
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Node::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            Node::Text(_) => None,
        }
    }

    fn name(&self) -> &str {
        match self {
            Node::Element { name, .. } => name,
            Node::Text(_) => "",
        }
    }

    fn children(&self) -> &[Node] {
        match self {
            Node::Element { children, .. } => children,
            Node::Text(_) => &[],
        }
    }

    fn text(&self) -> String {
        match self {
            Node::Text(t) => t.clone(),
            Node::Element { children, .. } => children.iter().map(Node::text).collect(),
        }
    }

    /// Every element below this one (depth first) for which `pred` holds.
    fn find_all<'a>(&'a self, pred: &dyn Fn(&Node) -> bool, out: &mut Vec<&'a Node>) {
        for c in self.children() {
            if pred(c) {
                out.push(c);
            }
            c.find_all(pred, out);
        }
    }

    fn by_id(&self, id: &str) -> Option<&Node> {
        let mut found = Vec::new();
        self.find_all(&|n| n.attr("id") == Some(id), &mut found);
        assert!(found.len() <= 1, "id `{id}` used {} times", found.len());
        found.into_iter().next()
    }

    fn elements(&self, name: &str) -> Vec<&Node> {
        let mut found = Vec::new();
        self.find_all(&|n| n.name() == name, &mut found);
        found
    }
}

/// Parses `text` as strict XML (end tags must match, attributes well formed, only XML's own
/// entities), returning a root holding the document's elements.
fn parse_xml(text: &str) -> Node {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Node> = vec![Node::Element {
        name: "#root".into(),
        attrs: Vec::new(),
        children: Vec::new(),
    }];
    let push = |stack: &mut Vec<Node>, node: Node| {
        if let Some(Node::Element { children, .. }) = stack.last_mut() {
            children.push(node);
        }
    };
    let element = |e: &quick_xml::events::BytesStart| Node::Element {
        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.unwrap_or_else(|err| panic!("bad attribute: {err}"));
                let value = a
                    .normalized_value(XmlVersion::Implicit1_0)
                    .unwrap_or_else(|err| panic!("bad attribute value: {err}"));
                (
                    String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                    value.into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
    };
    loop {
        match reader.read_event() {
            Err(e) => panic!("not well-formed at byte {}: {e}", reader.buffer_position()),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => stack.push(element(&e)),
            Ok(Event::Empty(e)) => {
                let node = element(&e);
                push(&mut stack, node);
            }
            Ok(Event::End(_)) => {
                let node = stack.pop().unwrap_or_else(|| panic!("unbalanced end tag"));
                assert!(!stack.is_empty(), "end tag without a start");
                push(&mut stack, node);
            }
            Ok(Event::Text(t)) => {
                let text = t.decode().unwrap_or_else(|e| panic!("{e}")).into_owned();
                push(&mut stack, Node::Text(text));
            }
            Ok(Event::GeneralRef(r)) => {
                let text = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .ok()
                        .flatten()
                        .unwrap_or_else(|| panic!("bad character reference"))
                        .to_string()
                } else {
                    match r.decode().unwrap_or_else(|e| panic!("{e}")).as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("entity &{other}; is not one of XML's own"),
                    }
                };
                push(&mut stack, Node::Text(text));
            }
            Ok(Event::CData(_)) => panic!("unexpected CDATA"),
            Ok(_) => {} // doctype, comments
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements at the end");
    stack.pop().unwrap_or_else(|| panic!("no root"))
}

/// A table's header cells and its body rows as text.
fn table_text(table: &Node) -> (Vec<String>, Vec<Vec<String>>) {
    let cells = |row: &Node| -> Vec<String> {
        row.children()
            .iter()
            .filter(|c| matches!(c.name(), "th" | "td"))
            .map(Node::text)
            .collect()
    };
    let rows = table.elements("tr");
    let header = rows.first().map(|r| cells(r)).unwrap_or_default();
    let body = rows.iter().skip(1).map(|r| cells(r)).collect();
    (header, body)
}

fn html_table(doc: &Node, id: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let table = doc
        .by_id(id)
        .unwrap_or_else(|| panic!("no element with id `{id}`"));
    assert_eq!(table.name(), "table");
    table_text(table)
}

#[test]
fn html_is_well_formed_self_contained_and_lists_every_option_and_the_ranking_in_order() {
    let s = default();
    let b = briefing(&s);
    let html = report::to_html(&b);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\"/>"));
    // Nothing to fetch, nothing to run.
    for needle in ["<script", "<link", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(needle), "found `{needle}`");
    }
    let doc = parse_xml(&html);
    let text = doc.text();
    for o in &s.options {
        assert!(text.contains(&o.name), "missing option {}", o.name);
    }
    for needle in [
        "UNEP/EA.4/1/Rev.1",
        "2019-03",
        "test.ron",
        STAMP,
        "Annex ¶11(d)",
    ] {
        assert!(text.contains(needle), "missing `{needle}`");
    }
    // The ranking table lists the options best first, with their ranks.
    let (header, rows) = html_table(&doc, "table-ranking");
    assert_eq!(header[..2], ["Rank".to_string(), "Option".to_string()]);
    let want: Vec<(String, String)> = b
        .ranking
        .order()
        .into_iter()
        .map(|i| (b.ranking.ranks[i].to_string(), s.options[i].name.clone()))
        .collect();
    let got: Vec<(String, String)> = rows.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    assert_eq!(got, want);
    // Six charts (ranking, weights, tornado, rank acceptability, the room's agreement, the
    // portfolio frontier), inline SVG, named for screen readers.
    let svgs = doc.elements("svg");
    assert_eq!(svgs.len(), 6);
    for svg in svgs {
        assert_eq!(svg.attr("xmlns"), Some("http://www.w3.org/2000/svg"));
        assert!(svg.attr("aria-label").is_some_and(|l| !l.is_empty()));
    }
    // Every table has header cells, and each row the header's width.
    for table in doc.elements("table") {
        let (header, rows) = table_text(table);
        assert!(!header.is_empty());
        assert!(table.elements("th").len() >= header.len());
        for r in rows {
            assert_eq!(r.len(), header.len(), "{r:?}");
        }
    }
    // The assumptions box says the scores are judgements and counts them.
    let aside = doc
        .by_id("assumptions")
        .unwrap_or_else(|| panic!("no assumptions box"));
    let said = aside.text();
    assert!(said.contains("Every score marked Illustrative is a judgement by"));
    assert!(said.contains(&format!(
        "{} of the {} scores are illustrative and 0 are sourced",
        s.performance.len(),
        s.performance.len()
    )));
    assert!(said.contains("Weighted sum (wsm)") && said.contains("“scale”"));
}

#[test]
fn the_ranking_chart_stacks_contributions_for_the_additive_methods_only() {
    let s = default();
    let count = |method: Method| {
        let doc = parse_xml(&report::to_html(&briefing_with(&s, method)));
        let svg = doc.elements("svg")[1];
        svg.elements("rect").len()
    };
    // The weighted sum draws one rectangle per option and weighted criterion with a part above
    // 0; VIKOR one bar per option. (Both add the background and legend swatches.)
    let wsm = count(Method::Wsm);
    let vikor = count(Method::Vikor);
    assert!(wsm >= s.options.len() * 8, "{wsm}");
    assert!(vikor <= s.options.len() + 3, "{vikor}");
}

#[test]
fn each_method_s_own_numbers_are_in_the_ranking_table() {
    let s = default();
    for (method, columns) in [
        (Method::Topsis, vec!["Closeness C", "D+", "D−"]),
        (Method::Promethee2, vec!["Net flow φ", "φ+", "φ−"]),
        (
            Method::Vikor,
            vec!["Q (lower is better)", "S", "R", "Compromise"],
        ),
    ] {
        let b = briefing_with(&s, method);
        let doc = parse_xml(&report::to_html(&b));
        let (header, rows) = html_table(&doc, "table-ranking");
        assert_eq!(header[2..], columns[..], "{method:?}");
        assert_eq!(rows.len(), s.options.len());
        if method == Method::Vikor {
            assert!(doc.text().contains("Compromise solution:"));
            assert!(rows.iter().any(|r| r[5] == "yes"));
        }
        let md = report::to_markdown(&b);
        for c in &columns {
            assert!(md.contains(c), "{method:?}: {c}");
        }
    }
}

#[test]
fn perspectives_give_each_profile_s_top_three() {
    let s = default();
    let b = briefing(&s);
    let doc = parse_xml(&report::to_html(&b));
    let (_, rows) = html_table(&doc, "table-perspectives");
    assert_eq!(rows.len(), s.profiles.len());
    for (k, row) in rows.iter().enumerate() {
        let r =
            score_with(&s, k, Method::Wsm, Normalization::Scale).unwrap_or_else(|e| panic!("{e}"));
        let first: Vec<&str> = (0..s.options.len())
            .filter(|&i| r.ranks[i] == 1)
            .map(|i| s.options[i].name.as_str())
            .collect();
        assert_eq!(row[1], first.join("; "), "{}", s.profiles[k].name);
        assert!(row[0].starts_with(&s.profiles[k].name));
    }
    // Every option first somewhere is named with the profiles that put it first.
    let leaders: Vec<&str> = b
        .leaders
        .iter()
        .map(|l| s.options[l.option].name.as_str())
        .collect();
    for row in &rows {
        assert!(leaders.contains(&row[1].as_str()), "{row:?}");
    }
}

#[test]
fn a_method_that_cannot_score_is_reported_in_the_comparison() {
    let mut s = default();
    // A 0 defeats the weighted product on raw values (it raises each value to a power).
    s.performance[0].value = Some(0.0);
    let b = briefing(&s);
    let doc = parse_xml(&report::to_html(&b));
    assert!(doc.text().contains("Weighted product: not scored:"));
    let (_, rows) = html_table(&doc, "table-method-ranks");
    assert!(rows.iter().all(|r| r[2] == "—"));
}

#[test]
fn the_how_sure_section_is_in_both_formats_and_only_when_attached() {
    let s = default();
    let mut b = briefing(&s);
    let html = report::to_html(&b);
    let doc = parse_xml(&html);
    let heading = doc
        .by_id("sensitivity")
        .unwrap_or_else(|| panic!("no section"));
    assert_eq!(heading.text(), "How sure is this ranking?");
    for id in ["table-stability", "table-acceptability"] {
        assert!(doc.by_id(id).is_some(), "{id}");
    }
    let labels: Vec<&str> = doc
        .elements("svg")
        .iter()
        .filter_map(|svg| svg.attr("aria-label"))
        .collect();
    assert!(labels.iter().any(|l| l.starts_with("Top-stable interval")));
    assert!(labels.iter().any(|l| l.starts_with("Rank acceptability")));
    assert!(!html.contains("Not analysed."));
    let md = report::to_markdown(&b);
    for part in [
        "## How sure is this ranking?",
        "**Most critical criterion:**",
        "*Tornado chart (drawn in the HTML briefing)",
        "*Rank acceptability chart (drawn in the HTML briefing)",
        "| Criterion | Weight (%) | From (%) | To (%) |",
        "| Option | First rank (%) | ± SE (pp) | Holistic (%) | Confidence (%) |",
        "```sh\ntideline smaa test.ron --draws 10000 --seed 2019 --weights ordinal",
    ] {
        assert!(md.contains(part), "{part}");
    }
    assert_tables_well_formed(&md);

    b.sensitivity = None;
    let html = report::to_html(&b);
    assert!(!html.contains("id=\"sensitivity\""));
    assert!(html.contains("Not analysed."));
    assert!(!report::to_markdown(&b).contains("How sure"));
}

// ---- "How sure is this ranking?" against the engines, run here on their own ----

/// The option (or options, "A and B") named in a cell.
fn option_names(s: &Scenario, options: &[usize]) -> String {
    let names: Vec<&str> = options
        .iter()
        .map(|&i| s.options[i].name.as_str())
        .collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "—".to_string(),
    }
}

fn pct2(w: f64) -> String {
    format!("{:.2}", w * 100.0)
}

#[test]
fn the_stability_table_and_most_critical_criterion_are_the_sensitivity_engine_s() {
    let s = default();
    for method in [Method::Wsm, Method::Promethee2, Method::Topsis] {
        let b = briefing_with(&s, method);
        let norm = method.normalization_for(s.settings.normalization);
        let engine = Sensitivity::new(&s, s.active_profile_index(), method, norm)
            .unwrap_or_else(|e| panic!("{e}"));
        let summary = engine.summary(&Settings::default());
        let doc = parse_xml(&report::to_html(&b));
        let (_, rows) = html_table(&doc, "table-stability");
        assert_eq!(rows.len(), s.criteria.len());
        for t in &summary.criteria {
            let Target::Criterion(j) = t.target else {
                panic!("not a criterion")
            };
            let row = rows
                .iter()
                .find(|r| r[0] == s.criteria[j].name)
                .unwrap_or_else(|| panic!("no row for {}", s.criteria[j].name));
            let st = t.stable.as_ref().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(row[1], pct2(t.weight), "{method:?} {row:?}");
            assert_eq!(row[2], pct2(st.top.lo), "{method:?} {row:?}");
            assert_eq!(row[3], pct2(st.top.hi), "{method:?} {row:?}");
            match st.critical_change(t.weight) {
                Some((change, _, top)) => {
                    assert_eq!(row[4], pct2(change));
                    assert_eq!(row[5], option_names(&s, top));
                }
                None => assert_eq!(row[4], "none"),
            }
        }
        // Narrowest interval first.
        let widths: Vec<f64> = rows
            .iter()
            .map(|r| r[3].parse::<f64>().unwrap_or(0.0) - r[2].parse::<f64>().unwrap_or(0.0))
            .collect();
        assert!(
            widths.windows(2).all(|w| w[0] <= w[1] + 0.011),
            "{widths:?}"
        );

        let text = doc.text();
        match &summary.most_critical {
            Some(c) => {
                let Target::Criterion(j) = c.target else {
                    panic!("not a criterion")
                };
                let from = engine.current_weight(c.target);
                let sentence = format!(
                    "moving “{}”'s weight by {} percentage points, from {} % to {} %, ",
                    s.criteria[j].name,
                    pct2(c.change),
                    pct2(from),
                    pct2(c.to_weight)
                );
                assert!(text.contains(&sentence), "{method:?}: {sentence}");
                assert!(text.contains(&option_names(&s, &c.new_top)));
            }
            None => assert!(text.contains("No single weight change alters the top option")),
        }
    }
}

#[test]
fn no_single_weight_change_is_said_when_one_option_is_best_everywhere() {
    let mut s = default();
    // The first option gets the best value on every criterion: no weight can unseat it.
    let first = s.options[0].id.clone();
    let best: Vec<(String, f64)> = s
        .criteria
        .iter()
        .map(|c| {
            let x = match c.direction {
                Direction::Maximize => c.scale.max,
                Direction::Minimize => c.scale.min,
            };
            (c.id.clone(), x)
        })
        .collect();
    for cell in s.performance.iter_mut().filter(|c| c.option == first) {
        if let Some((_, x)) = best.iter().find(|(id, _)| *id == cell.criterion) {
            cell.value = Some(*x);
            cell.uncertainty = None;
        }
    }
    for cell in s.performance.iter_mut().filter(|c| c.option != first) {
        if let Some(v) = cell.value.as_mut() {
            let c = s.criteria.iter().find(|c| c.id == cell.criterion);
            if let Some(c) = c {
                // Strictly worse than the first option everywhere, uncertainty included.
                *v = match c.direction {
                    Direction::Maximize => v.min(c.scale.max - 1.0),
                    Direction::Minimize => v.max(c.scale.min + 1.0),
                };
            }
            if let Some(u) = cell.uncertainty.as_mut() {
                *u = tideline::scenario::model::Uncertainty::Range {
                    low: *v - 0.25,
                    high: *v + 0.25,
                };
            }
        }
    }
    let b = briefing(&s);
    let text = parse_xml(&report::to_html(&b)).text();
    assert!(text.contains(&format!(
        "No single weight change alters the top option: whatever weight one criterion gets, {} stays first.",
        s.options[0].name
    )));
}

#[test]
fn the_acceptability_table_is_the_smaa_engine_s_for_the_same_request() {
    let s = default();
    let prevention = s.profile_index("prevention-first");
    for (profile, weights) in [
        (s.active_profile_index(), WeightInfo::Ordinal),
        (prevention.unwrap_or(0), WeightInfo::Ranges),
    ] {
        // The default's active profile gives no ranges; prevention-first does.
        assert_eq!(
            s.profiles[profile].weight_ranges.is_empty(),
            weights == WeightInfo::Ordinal
        );
        let mut request = Request::new(&s, "test.ron", STAMP);
        request.profile = profile;
        let b = report::briefing(&s, &request).unwrap_or_else(|e| panic!("{e}"));
        let mut req = smaa::Request::from_settings(&s);
        req.profile = profile;
        req.weights = weights;
        let r = smaa::run(&s, &req, &smaa::Control::default()).unwrap_or_else(|e| panic!("{e}"));
        let doc = parse_xml(&report::to_html(&b));
        let (_, rows) = html_table(&doc, "table-acceptability");
        assert_eq!(rows.len(), s.options.len());
        for (i, o) in r.options.iter().enumerate() {
            let row = rows
                .iter()
                .find(|row| row[0] == s.options[i].name)
                .unwrap_or_else(|| panic!("no row for {}", s.options[i].name));
            let pct = |x: f64| format!("{:.1}", x * 100.0);
            assert_eq!(row[1], pct(o.rank_acceptability[0]), "{row:?}");
            assert_eq!(row[2], format!("{:.2}", o.standard_error[0] * 100.0));
            assert_eq!(row[3], pct(o.holistic));
            assert_eq!(row[4], o.confidence.map_or_else(|| "—".to_string(), pct));
        }
        let text = doc.text();
        assert!(text.contains(&format!(
            "weights {}, 10,000 draws, seed 2019",
            weights.keyword()
        )));
        assert!(text.contains(&format!("{} uncertain scores", r.uncertain_cells)));
    }
}

#[test]
fn the_tornado_s_bars_span_the_top_stable_intervals() {
    let s = default();
    let b = briefing(&s);
    let doc = parse_xml(&report::to_html(&b));
    let (_, rows) = html_table(&doc, "table-stability");
    let intervals: Vec<(f64, f64)> = rows
        .iter()
        .map(|r| {
            let x = |k: usize| r[k].parse::<f64>().unwrap_or_else(|e| panic!("{e}"));
            (x(2), x(3))
        })
        .collect();
    let svgs = doc.elements("svg");
    let svg = svgs
        .iter()
        .find(|svg| {
            svg.attr("aria-label")
                .is_some_and(|l| l.starts_with("Top-stable"))
        })
        .unwrap_or_else(|| panic!("no tornado"));
    let number = |n: &Node, key: &str| -> f64 {
        n.attr(key)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {key}"))
    };
    // The bars, top to bottom: one per criterion, in the table's order.
    let mut bars: Vec<(f64, f64, f64)> = svg
        .elements("rect")
        .into_iter()
        .filter(|r| r.attr("fill") == Some("#56B4E9"))
        .map(|r| (number(r, "y"), number(r, "x"), number(r, "width")))
        .collect();
    bars.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert_eq!(bars.len(), intervals.len());
    // Pixels are an affine map of percent: fit it on the widest bar and the one starting
    // furthest right, then every bar's ends must follow it (to plotters' whole pixels).
    let widest = (0..bars.len())
        .max_by(|&a, &b| {
            (intervals[a].1 - intervals[a].0).total_cmp(&(intervals[b].1 - intervals[b].0))
        })
        .unwrap_or(0);
    let scale = bars[widest].2 / (intervals[widest].1 - intervals[widest].0);
    let origin = bars[widest].1 - scale * intervals[widest].0;
    assert!(scale > 3.0, "{scale} px per percent");
    for (k, (&(_, x, w), &(lo, hi))) in bars.iter().zip(&intervals).enumerate() {
        assert!(
            (x - (origin + scale * lo)).abs() <= 1.5,
            "bar {k}: x {x}, lo {lo}"
        );
        assert!(
            (x + w - (origin + scale * hi)).abs() <= 1.5,
            "bar {k}: end {}, hi {hi}",
            x + w
        );
    }
}

#[test]
fn the_reproduction_command_prints_the_same_first_rank_acceptabilities() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/unep-aheg-2018.ron");
    let s = load_path(std::path::Path::new(path)).unwrap_or_else(|e| panic!("{e}"));
    for profile in [
        s.active_profile_index(),
        s.profile_index("prevention-first").unwrap_or(0),
    ] {
        let mut request = Request::new(&s, path, STAMP);
        request.profile = profile;
        let b = report::briefing(&s, &request).unwrap_or_else(|e| panic!("{e}"));
        let md = report::to_markdown(&b);
        let command = md
            .split("```sh\n")
            .nth(1)
            .and_then(|rest| rest.split('\n').next())
            .unwrap_or_else(|| panic!("no command"));
        let words: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(&words[..3], ["tideline", "smaa", path]);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tideline"))
            .args(&words[1..])
            .args(["--format", "json"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
        let doc = parse_xml(&report::to_html(&b));
        let (_, rows) = html_table(&doc, "table-acceptability");
        let options = json["options"]
            .as_array()
            .unwrap_or_else(|| panic!("{json}"));
        assert_eq!(options.len(), rows.len());
        for o in options {
            let id = o["option"].as_str().unwrap_or_default();
            let name = &s.options[s.option_index(id).unwrap_or_else(|| panic!("{id}"))].name;
            let first = o["rank_acceptability"][0].as_f64().unwrap_or(f64::NAN);
            let row = rows
                .iter()
                .find(|r| &r[0] == name)
                .unwrap_or_else(|| panic!("{name}"));
            assert_eq!(row[1], format!("{:.1}", first * 100.0), "{name}");
        }
    }
}

#[test]
fn many_draws_are_capped_and_many_options_skip_smaa_with_a_sentence() {
    let mut s = default();
    s.settings.monte_carlo.draws = 10_000_000;
    let b = briefing(&s);
    let r = b
        .sensitivity
        .as_ref()
        .unwrap_or_else(|| panic!("no section"));
    assert_eq!(r.setup.capped_from, Some(10_000_000));
    assert!(r.setup.draws < 1_000_000 && r.setup.draws >= 1_000);
    assert!(
        r.setup
            .command
            .contains(&format!("--draws {} ", r.setup.draws))
    );
    let md = report::to_markdown(&b);
    assert!(md.contains("The scenario asks for 10,000,000 draws; this briefing used"));

    let mut s = default();
    let template = s.options[0].clone();
    let cells: Vec<_> = s
        .performance
        .iter()
        .filter(|c| c.option == template.id)
        .cloned()
        .collect();
    for k in 0..=report::robustness::MAX_SMAA_OPTIONS {
        let mut o = template.clone();
        o.id = format!("copy-{k}");
        for c in &cells {
            let mut c = c.clone();
            c.option = o.id.clone();
            s.performance.push(c);
        }
        s.options.push(o);
    }
    let b = briefing(&s);
    let md = report::to_markdown(&b);
    assert!(md.contains(&format!(
        "Not run: the scenario has {} options, more than the 200 a briefing analyses",
        s.options.len()
    )));
    assert!(!md.contains("| Option | First rank (%)"));
    // The sweeps too, past a size that would hold up the briefing.
    assert!(md.contains(&format!(
        "Not swept: with {} options and {} criteria",
        s.options.len(),
        s.criteria.len()
    )));
    assert!(!md.contains("Tornado chart"));
}

#[test]
fn the_same_scenario_and_time_give_the_same_briefing() {
    let s = default();
    assert_eq!(
        report::to_html(&briefing(&s)),
        report::to_html(&briefing(&s))
    );
    assert_eq!(
        report::to_markdown(&briefing(&s)),
        report::to_markdown(&briefing(&s))
    );
}

// ---- Hostile text ----

const HOSTILE: &str = "<script>alert(\"x\")</script> & 'q' | a\nb";

/// The default scenario with markup, quotes, pipes and line breaks in every kind of text, and
/// an option id that needs CSV quoting and Markdown escaping.
fn hostile() -> Scenario {
    let mut s = default();
    s.metadata.title = format!("Title {HOSTILE}");
    s.metadata.description = format!("- {HOSTILE}");
    s.metadata.source = format!("Doc {HOSTILE}");
    s.metadata.author = format!("Author {HOSTILE}");
    s.clusters[0].name = format!("Cluster {HOSTILE}");
    s.families[0].name = format!("Family {HOSTILE}");
    s.criteria[0].name = format!("Criterion {HOSTILE}");
    s.criteria[0].short = format!("C|<b>{HOSTILE}");
    s.criteria[0].scale.unit = "<i>units</i>".into();
    s.profiles[0].name = format!("Profile {HOSTILE}");
    s.profiles[0].note = HOSTILE.into();
    for (k, o) in s.options.iter_mut().enumerate() {
        o.name = format!("Option {k} {HOSTILE}");
        o.short = format!("O{k} <b>|");
        o.description = HOSTILE.into();
        o.provenance.paragraph = format!("¶{k} {HOSTILE}");
    }
    let old = s.options[1].id.clone();
    let new = "a|<b>,\"c\"".to_string();
    s.options[1].id = new.clone();
    for cell in &mut s.performance {
        if cell.option == old {
            cell.option = new.clone();
        }
    }
    s.settings.active_profile = s.profiles[0].id.clone();
    s
}

#[test]
fn hostile_text_is_escaped_in_html() {
    let s = hostile();
    let html = report::to_html(&briefing(&s));
    assert!(!html.contains("<script"), "raw script tag");
    assert!(!html.contains("<b>") && !html.contains("<i>"));
    // It parses strictly, and the text reads back as it was written.
    let doc = parse_xml(&html);
    let text = doc.text();
    for o in &s.options {
        assert!(text.contains(&o.name), "{}", o.name);
    }
    assert!(text.contains("<i>units</i>"));
    // The title element is escaped too.
    let title = &doc.elements("title")[0];
    assert_eq!(title.text(), format!("Title {HOSTILE}: briefing"));
    // Chart labels (plotters' SVG text) are escaped and on one line.
    let svg = doc.elements("svg")[1].text();
    assert!(svg.contains("O2 <b>|"), "{svg}");
}

#[test]
fn a_hostile_file_name_is_one_quoted_word_of_the_command_in_both_formats() {
    let s = hostile();
    let name = "it's <b>```</b> & $(x).ron";
    let request = Request::new(&s, name, STAMP);
    let b = report::briefing(&s, &request).unwrap_or_else(|e| panic!("{e}"));
    let quoted = r"'it'\''s <b>```</b> & $(x).ron'";
    let html = report::to_html(&b);
    assert!(!html.contains("<b>"));
    let doc = parse_xml(&html);
    let code = doc.elements("code");
    assert_eq!(code.len(), 2);
    assert!(
        code[0]
            .text()
            .starts_with(&format!("tideline smaa {quoted} --draws ")),
        "{}",
        code[0].text()
    );
    assert!(
        code[1]
            .text()
            .starts_with(&format!("tideline portfolio {quoted} --core --draws ")),
        "{}",
        code[1].text()
    );
    // Markdown: a fence longer than the name's backticks, the command on its one line.
    let md = report::to_markdown(&b);
    assert!(
        md.contains(&format!("````sh\ntideline smaa {quoted} --draws ")),
        "{md}"
    );
}

/// Splits a Markdown table row into cells at the `|` not escaped by a backslash.
fn md_cells(line: &str) -> Vec<String> {
    let inner = line
        .trim()
        .strip_prefix('|')
        .and_then(|l| l.strip_suffix('|'))
        .unwrap_or_else(|| panic!("not a table row: {line}"));
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next()
                    && let Some(cell) = cells.last_mut()
                {
                    cell.push('\\');
                    cell.push(next);
                }
            }
            '|' => cells.push(String::new()),
            c => {
                if let Some(cell) = cells.last_mut() {
                    cell.push(c);
                }
            }
        }
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// Removes Markdown backslash escapes.
fn md_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Every table in a Markdown text: runs of lines starting with `|`.
fn md_tables(md: &str) -> Vec<Vec<&str>> {
    let mut tables = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in md.lines() {
        if line.starts_with('|') {
            current.push(line);
        } else if !current.is_empty() {
            tables.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tables.push(current);
    }
    tables
}

fn assert_tables_well_formed(md: &str) {
    let tables = md_tables(md);
    assert!(tables.len() >= 8, "{} tables", tables.len());
    for t in tables {
        let width = md_cells(t[0]).len();
        let delimiter = md_cells(t[1]);
        assert!(
            delimiter.iter().all(|c| c == "---" || c == "---:"),
            "{}",
            t[1]
        );
        for line in &t {
            assert_eq!(md_cells(line).len(), width, "{line}");
        }
    }
}

#[test]
fn hostile_text_is_escaped_in_markdown() {
    let s = hostile();
    let md = report::to_markdown(&briefing(&s));
    // No unescaped markup: every `<` is escaped, and the hostile line break is gone.
    for (k, _) in md.match_indices('<') {
        assert_eq!(
            &md[k - 1..k],
            "\\",
            "unescaped `<` at {k}: {}",
            &md[k - 1..]
        );
    }
    assert!(!md.contains("a\nb"));
    assert!(md.contains("\\<script\\>alert(\"x\")\\</script\\> \\& 'q' \\| a b"));
    // A description starting "- " stays a paragraph.
    assert!(md.contains("\n\\- \\<script"));
    assert_tables_well_formed(&md);
}

#[test]
fn markdown_tables_are_well_formed_under_every_method() {
    let s = default();
    for method in Method::ALL {
        let md = report::to_markdown(&briefing_with(&s, method));
        assert_tables_well_formed(&md);
        assert!(md.starts_with("# UNEA-4 expert group options"));
        for o in &s.options {
            assert!(md.contains(&o.name), "{}", o.name);
        }
    }
}

// ---- Round trips through the CSV importer ----

/// The importer's scenario has the values, directions and weights of `s` (by position: the
/// importer makes its own ids).
fn assert_same_matrix(s: &Scenario, profile: usize, again: &Scenario) {
    assert_eq!(again.options.len(), s.options.len());
    assert_eq!(again.criteria.len(), s.criteria.len());
    assert_eq!(again.matrix(), s.matrix());
    let dirs = |s: &Scenario| -> Vec<_> { s.criteria.iter().map(|c| c.direction).collect() };
    assert_eq!(dirs(again), dirs(s));
    let want = effective_weights(s, &s.profiles[profile]);
    let got = effective_weights(again, &again.profiles[0]);
    for (g, w) in got.iter().zip(&want) {
        assert!((g - w).abs() < 1e-12, "{got:?} vs {want:?}");
    }
}

/// Ids with names, in order.
type Named<'a> = Vec<(&'a str, &'a str)>;

/// Option and criterion ids and names, in order.
fn ids_and_names(s: &Scenario) -> (Named<'_>, Named<'_>) {
    (
        s.options
            .iter()
            .map(|o| (o.id.as_str(), o.name.as_str()))
            .collect(),
        s.criteria
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect(),
    )
}

#[test]
fn the_matrix_csv_reads_back_with_the_same_values_directions_and_weights() {
    for path in [
        "scenarios/unep-aheg-2018.ron",
        "scenarios/unep-ea3-inf5-architectures.ron",
    ] {
        let s = load_path(std::path::Path::new(path)).unwrap_or_else(|e| panic!("{e}"));
        for profile in 0..s.profiles.len() {
            let csv = matrix_csv(&s, profile).unwrap_or_else(|e| panic!("{e}"));
            let again = parse_csv(csv.as_bytes(), "export.csv").unwrap_or_else(|e| panic!("{e}"));
            assert_same_matrix(&s, profile, &again);
            assert_eq!(ids_and_names(&again), ids_and_names(&s));
        }
    }
    // Quoting: ids and names with commas, quotes, pipes and line breaks read back whole.
    let s = hostile();
    let csv = matrix_csv(&s, 0).unwrap_or_else(|e| panic!("{e}"));
    let again = parse_csv(csv.as_bytes(), "export.csv").unwrap_or_else(|e| panic!("{e}"));
    assert_same_matrix(&s, 0, &again);
    assert_eq!(again.options[1].id, "a|<b>,\"c\"");
    assert_eq!(ids_and_names(&again), ids_and_names(&s));
}

#[test]
fn the_markdown_matrix_turned_into_csv_reads_back_as_the_scenario_s_matrix() {
    for s in [default(), hostile()] {
        let b = briefing(&s);
        let md = report::to_markdown(&b);
        let start = md
            .find("## Appendix: performance matrix")
            .unwrap_or_else(|| panic!("no matrix appendix"));
        let table = md_tables(&md[start..])
            .into_iter()
            .next()
            .unwrap_or_default();
        let csv: String = table
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != 1) // the delimiter row
            .map(|(_, line)| {
                let cells: Vec<String> = md_cells(line).iter().map(|c| md_unescape(c)).collect();
                csv_line(&cells)
            })
            .collect();
        let again =
            parse_csv(csv.as_bytes(), "from-markdown.csv").unwrap_or_else(|e| panic!("{e}\n{csv}"));
        let profile = s.active_profile_index();
        assert_same_matrix(&s, profile, &again);
        // The appendix names criteria by id; the importer takes them as names.
        let names: Vec<&str> = again.criteria.iter().map(|c| c.name.as_str()).collect();
        let ids: Vec<&str> = s.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(names, ids);
    }
}

// ---- Fitting the page ----

/// A4 portrait with the briefing's 18 mm margins leaves 174 mm of text: 657 CSS px.
const A4_TEXT_PX: f64 = 174.0 / 25.4 * 96.0;
/// Columns side by side on that width at the tables' 9 pt: a row header of about a quarter and
/// five columns of about 100 px, each room for a 14-letter word such as "Enforceability".
const A4_COLUMNS: usize = 6;

/// The default scenario with every criterion twice (24 criteria), one equal-weights profile:
/// wider than any page.
fn wide() -> Scenario {
    let mut s = default();
    let copies: Vec<_> = s
        .criteria
        .iter()
        .map(|c| {
            let mut d = c.clone();
            d.id = format!("{}-again", c.id);
            d.name = format!("{} (again)", c.name);
            d.short = format!("{} 2", c.label());
            d
        })
        .collect();
    let cells: Vec<_> = s
        .performance
        .iter()
        .map(|cell| {
            let mut d = cell.clone();
            d.criterion = format!("{}-again", cell.criterion);
            d
        })
        .collect();
    s.criteria.extend(copies);
    s.performance.extend(cells);
    s.profiles.truncate(1);
    let p = &mut s.profiles[0];
    p.family_weights = Default::default();
    p.criterion_weights = Default::default();
    p.elicited.clear();
    s.settings.active_profile = p.id.clone();
    let problems = tideline::scenario::validate::validate(&s);
    assert!(problems.is_empty(), "{problems:?}");
    s
}

/// The body of the CSS rule whose selector is exactly `selector`.
fn css_rule<'a>(css: &'a str, selector: &str) -> &'a str {
    css.split('}')
        .find_map(|rule| {
            let (sel, body) = rule.split_once('{')?;
            (sel.trim().rsplit('\n').next()?.trim() == selector).then_some(body)
        })
        .unwrap_or_else(|| panic!("no CSS rule `{selector}`"))
}

/// The parts of a table that HTML splits: the table `table-<id>`, then `table-<id>-2`, …
fn table_parts<'a>(doc: &'a Node, id: &str) -> Vec<&'a Node> {
    let first = doc.by_id(&format!("table-{id}")).into_iter();
    let rest = (2..).map_while(|k| doc.by_id(&format!("table-{id}-{k}")));
    first.chain(rest).collect()
}

#[test]
fn html_tables_and_charts_are_made_to_fit_an_a4_page() {
    for s in [default(), wide()] {
        for method in Method::ALL {
            let b = briefing_with(&s, method);
            let doc = parse_xml(&report::to_html(&b));
            let css = doc.elements("style")[0].text();
            // Printed on A4; split tables lay out in the page's width and wrap long words.
            assert!(css_rule(&css, "@page").contains("size: A4"));
            let wide_rule = css_rule(&css, "table.wide");
            assert!(wide_rule.contains("table-layout: fixed") && wide_rule.contains("width: 100%"));
            assert!(
                css_rule(&css, "table.wide th, table.wide td").contains("overflow-wrap: anywhere")
            );
            assert!(css_rule(&css, "th, td").contains("overflow-wrap: break-word"));
            // Numbers stay on one line in data cells only: a header must be free to wrap.
            assert!(!css_rule(&css, ".num").contains("nowrap"));

            for table in doc.elements("table") {
                let (header, rows) = table_text(table);
                assert!(
                    header.len() <= A4_COLUMNS,
                    "{method:?}: {} columns in {:?}",
                    header.len(),
                    table.attr("id")
                );
                assert!(rows.iter().all(|r| r.len() == header.len()));
                if table.attr("class") == Some("wide") {
                    let cols = table.elements("col");
                    assert_eq!(cols.len(), header.len());
                    assert!(cols[0].attr("style").is_some_and(|w| w.contains('%')));
                }
            }

            // Split, the contributions still show every weighted criterion and the score,
            // in order, each part led by the options in ranking order.
            let r = &b.ranking;
            let mut want: Vec<String> = (0..s.criteria.len())
                .filter(|&j| r.weights[j] > 0.0)
                .map(|j| s.criteria[j].label().to_string())
                .collect();
            want.push(
                match method {
                    Method::Wsm | Method::Wpm => "Score",
                    Method::Topsis => "Closeness C",
                    Method::Promethee2 => "Net flow φ",
                    Method::Vikor => "Q (lower is better)",
                }
                .to_string(),
            );
            let parts = table_parts(&doc, "contributions");
            assert_eq!(
                parts.len(),
                want.len().div_ceil(A4_COLUMNS - 1),
                "{method:?}"
            );
            let mut got = Vec::new();
            for part in &parts {
                assert_eq!(part.attr("class"), Some("wide"));
                let (header, rows) = table_text(part);
                assert_eq!(header[0], "Option");
                got.extend(header[1..].iter().cloned());
                let names: Vec<&str> = rows.iter().map(|row| row[0].as_str()).collect();
                let order: Vec<&str> = r
                    .order()
                    .iter()
                    .map(|&i| s.options[i].name.as_str())
                    .collect();
                assert_eq!(names, order);
            }
            assert_eq!(got, want, "{method:?}");
            // The appendix keeps every criterion id.
            let ids: Vec<String> = table_parts(&doc, "matrix")
                .iter()
                .flat_map(|t| table_text(t).0[1..].to_vec())
                .collect();
            let want_ids: Vec<String> = s.criteria.iter().map(|c| c.id.clone()).collect();
            assert_eq!(ids, want_ids);

            // Charts: drawn no wider than the page's text, so never scaled down, and no text
            // under 12 px.
            for svg in doc.elements("svg") {
                let width: f64 = svg
                    .attr("width")
                    .and_then(|w| w.parse().ok())
                    .unwrap_or(f64::MAX);
                assert!(width <= A4_TEXT_PX, "chart {width} px wide");
                let view_box: Vec<f64> = svg
                    .attr("viewBox")
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter_map(|x| x.parse().ok())
                    .collect();
                assert_eq!(view_box.get(2), Some(&width));
                let mut sized = Vec::new();
                svg.find_all(&|n| n.attr("font-size").is_some(), &mut sized);
                assert!(!sized.is_empty());
                for t in sized {
                    let size: f64 = t
                        .attr("font-size")
                        .and_then(|f| f.parse().ok())
                        .unwrap_or(0.0);
                    assert!(size >= 12.0, "{method:?}: {size} px text `{}`", t.text());
                }
            }
        }
    }
}

// ---- The portfolio section, checked against this file's own enumeration of every subset. ----

/// Every feasible portfolio of `s` as (member option indices, cost, value), by brute force:
/// each subset of the options other than the baseline, its value the members' scores above
/// the baseline's plus the effects between members, refused if it breaks an exclusion, a
/// requirement, must-in/must-out or the budget (`None`: no budget).
fn every_portfolio(s: &Scenario, budget: Option<f64>) -> Vec<(Vec<usize>, f64, f64)> {
    let p = &s.settings.portfolio;
    assert!(
        p.clusters.is_empty() && p.resource.is_none(),
        "not enumerated here"
    );
    let scores = score_with(
        s,
        s.active_profile_index(),
        Method::Wsm,
        Normalization::Scale,
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .scores;
    let base_index = s.options.iter().position(|o| o.id == p.baseline);
    let base = base_index.map_or(0.0, |b| scores[b]);
    let candidates: Vec<usize> = (0..s.options.len())
        .filter(|&o| Some(o) != base_index)
        .collect();
    let mut out = Vec::new();
    'subsets: for mask in 0u32..1 << candidates.len() {
        let members: Vec<usize> = (0..candidates.len())
            .filter(|k| mask >> k & 1 == 1)
            .map(|k| candidates[k])
            .collect();
        let is_in = |id: &str| members.iter().any(|&o| s.options[o].id == id);
        let (mut cost, mut value) = (0.0, 0.0);
        for &o in &members {
            let opt = &s.options[o];
            cost += opt.cost.unwrap_or_else(|| panic!("{} has no cost", opt.id));
            value += scores[o] - base;
            if p.exclude.contains(&opt.id) {
                continue 'subsets;
            }
            for x in &opt.interactions {
                match x.relation {
                    Relation::Effect if is_in(&x.with) => value += x.effect,
                    Relation::Effect => {}
                    Relation::Excludes if is_in(&x.with) => continue 'subsets,
                    Relation::Excludes => {}
                    Relation::Requires if !is_in(&x.with) => continue 'subsets,
                    Relation::Requires => {}
                }
            }
        }
        if p.include.iter().any(|id| !is_in(id)) || budget.is_some_and(|b| cost > b + 1e-9) {
            continue;
        }
        out.push((members, cost, value));
    }
    out
}

/// The figure of the portfolio section (its caption starts "Efficient portfolios").
fn frontier_figure(doc: &Node) -> &Node {
    doc.elements("figure")
        .into_iter()
        .find(|f| {
            f.elements("figcaption")
                .first()
                .is_some_and(|c| c.text().starts_with("Efficient portfolios"))
        })
        .unwrap_or_else(|| panic!("no frontier chart"))
}

#[test]
fn the_best_portfolio_listed_is_the_best_of_every_subset_within_the_budget() {
    let s = default();
    let budget = s.settings.budget;
    assert!(budget.is_some(), "the built-in scenario has a budget");
    let all = every_portfolio(&s, budget);
    let top = all.iter().map(|p| p.2).fold(f64::NEG_INFINITY, f64::max);
    let best: Vec<&(Vec<usize>, f64, f64)> = all.iter().filter(|p| p.2 > top - 1e-9).collect();
    assert_eq!(
        best.len(),
        1,
        "one best portfolio, so that the test is well defined"
    );
    let names: Vec<String> = best[0]
        .0
        .iter()
        .map(|&o| s.options[o].name.clone())
        .collect();

    let doc = parse_xml(&report::to_html(&briefing(&s)));
    let (header, rows) = html_table(&doc, "table-portfolio-best");
    assert_eq!(header[0], "Option");
    let listed: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    assert_eq!(listed, names);
    // The cost and value said above the table are the enumeration's.
    assert!(doc.by_id("portfolio-best").is_some());
    assert!(report::to_markdown(&briefing(&s)).contains(&format!(
        "{} options, costing {} effort units of the budget of 20 effort units, with a value of {:.3}.",
        names.len(),
        best[0].1,
        best[0].2
    )));
}

#[test]
fn the_frontier_chart_has_one_point_per_non_dominated_portfolio() {
    let s = default();
    let all = every_portfolio(&s, None);
    // Non-dominated: no other is at most as dear and at least as good, one of them strictly;
    // portfolios equal in both count once.
    let mut points: Vec<(f64, f64)> = all
        .iter()
        .filter(|a| {
            !all.iter().any(|b| {
                b.1 <= a.1 + 1e-9 && b.2 >= a.2 - 1e-9 && (b.1 < a.1 - 1e-9 || b.2 > a.2 + 1e-9)
            })
        })
        .map(|a| (a.1, a.2))
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    points.dedup_by(|a, b| (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9);
    assert!(points.len() > 10, "a frontier worth drawing");

    let doc = parse_xml(&report::to_html(&briefing(&s)));
    let figure = frontier_figure(&doc);
    assert_eq!(figure.elements("circle").len(), points.len());
    let (_, rows) = html_table(&doc, "table-portfolio-frontier");
    assert_eq!(rows.len(), points.len());
    for (row, (cost, value)) in rows.iter().zip(&points) {
        let listed: f64 = row[0].parse().unwrap_or_else(|e| panic!("{e}"));
        assert!((listed - cost).abs() < 1e-9, "{row:?} against {cost}");
        let listed: f64 = row[1].parse().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            (listed - value).abs() <= 0.000_5 + 1e-9,
            "{row:?} against {value}"
        );
    }
}

#[test]
fn a_method_whose_scores_do_not_add_up_gets_one_line_saying_so_in_either_language() {
    let s = default();
    for method in [Method::Topsis, Method::Vikor, Method::Wpm] {
        let b = briefing_with(&s, method);
        assert!(b.portfolio.is_err());
        let doc = parse_xml(&report::to_html(&b));
        assert!(doc.by_id("table-portfolio-best").is_none());
        let md = report::to_markdown(&b);
        let section = md
            .split("## Portfolios: which options to pursue together")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .unwrap_or_else(|| panic!("no portfolio section"));
        assert_eq!(section.trim().lines().count(), 1, "{section}");
        assert!(section.contains("No portfolio can be given: portfolios need scores that add up"));
        // The other sections are still there.
        assert!(md.contains("## Appendix: performance matrix"));
    }
    let mut request = Request::new(&s, "test.ron", STAMP);
    request.method = Method::Topsis;
    request.normalization = Method::Topsis.normalization_for(s.settings.normalization);
    request.lang = Lang::ZhCn;
    let md = report::to_markdown(&report::briefing(&s, &request).unwrap_or_else(|e| panic!("{e}")));
    assert!(
        md.contains(
            "## 组合：哪些方案一起推行\n\n无法给出组合：portfolios need scores that add up"
        )
    );
}

#[test]
fn without_costs_the_section_says_which_option_lacks_one_and_the_briefing_is_made() {
    let mut s = default();
    s.options[3].cost = None;
    let b = briefing(&s);
    let html = report::to_html(&b);
    parse_xml(&html);
    assert!(html.contains(&format!(
        "No portfolio can be given: option `{}` has no cost",
        s.options[3].id
    )));
}

#[test]
fn the_portfolio_section_is_written_in_chinese_when_asked() {
    let s = default();
    let mut request = Request::new(&s, "test.ron", STAMP);
    request.lang = Lang::ZhCn;
    let b = report::briefing(&s, &request).unwrap_or_else(|e| panic!("{e}"));
    let doc = parse_xml(&report::to_html(&b));
    let (header, _) = html_table(&doc, "table-portfolio-core");
    assert_eq!(header, ["方案", "属于最佳组合（抽样 %）", "类别"]);
    let md = report::to_markdown(&b);
    assert!(md.contains("### 预算内的最佳组合"));
    assert!(md.contains("这是模拟，而非精确结果：在 2000 次抽样（种子 2019）中"));
}
