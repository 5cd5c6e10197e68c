//! The engine against extreme but valid input: weights near the largest float, many problems,
//! many duplicate names, big matrices answered in bounded time.

use tideline::files::scenario_file::default_scenario;
use tideline::scenario::model::{Scenario, WeightMap};
use tideline::scenario::validate::validate;
use tideline::scenario::weights::{criterion_shares, effective_weights, family_shares};

fn default() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

/// Family weights that overflow when summed (each 1e308) were read as all zero and refused
/// with "every criterion has a weight of zero"; they are proportions like any others.
#[test]
fn weights_whose_sum_overflows_keep_their_proportions() {
    let mut s = default();
    let families: Vec<String> = s.families.iter().map(|f| f.id.clone()).collect();
    let criteria: Vec<(String, String)> = s
        .criteria
        .iter()
        .map(|c| (c.id.clone(), c.family.clone()))
        .collect();
    let p = &mut s.profiles[0];
    // Every family 1e308 except the first, 5e307: the first has half the share of the others.
    p.family_weights = families
        .iter()
        .enumerate()
        .map(|(i, f)| (f.clone(), if i == 0 { 5e307 } else { 1e308 }))
        .collect::<WeightMap>();
    p.criterion_weights = criteria
        .iter()
        .map(|(c, _)| (c.clone(), 1e308))
        .collect::<WeightMap>();
    let problems = validate(&s);
    assert!(problems.is_empty(), "{problems:?}");

    let n = families.len() as f64;
    let fam = family_shares(&s, &s.profiles[0]);
    let half = 1.0 / (2.0 * n - 1.0);
    assert!((fam[0] - half).abs() < 1e-12, "{fam:?}");
    assert!(
        fam[1..].iter().all(|&x| (x - 2.0 * half).abs() < 1e-12),
        "{fam:?}"
    );

    let within = criterion_shares(&s, &s.profiles[0]);
    let w = effective_weights(&s, &s.profiles[0]);
    assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{w:?}");
    for (k, (c, family)) in criteria.iter().enumerate() {
        let size = criteria.iter().filter(|(_, f)| f == family).count() as f64;
        assert!((within[k] - 1.0 / size).abs() < 1e-12, "{c}: {within:?}");
        let f = families.iter().position(|x| x == family).unwrap_or(0);
        assert!((w[k] - fam[f] / size).abs() < 1e-12, "{c}: {w:?}");
    }
}

/// A pairwise record of 20,000 items with no judgements: 199,990,000 pairs are missing. The
/// message names five and counts the rest (it built every pair first: gigabytes).
#[test]
fn a_pairwise_input_missing_most_pairs_names_a_few_and_counts_the_rest() {
    use tideline::scenario::elicitation::input_problems;
    use tideline::scenario::model::{ElicitationInput, PairwiseWeighting};
    let n = 20_000usize;
    let items: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
    let judgements = vec![("c0".to_string(), "c1".to_string(), 3.0)];
    let input = ElicitationInput::Pairwise {
        items,
        judgements,
        weighting: PairwiseWeighting::default(),
    };
    let problems = input_problems(&input);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let pairs = n * (n - 1) / 2;
    let message = &problems[0].message;
    assert!(
        message.starts_with(
            "no judgement for `c0`–`c2`, `c0`–`c3`, `c0`–`c4`, `c0`–`c5`, `c0`–`c6` and "
        ),
        "{message}"
    );
    assert!(
        message.contains(&format!(" and {} more;", pairs - 1 - 5)),
        "{message}"
    );
    assert!(message.len() < 300, "{message}");
}

/// A scenario of 4,000 options and 4,000 criteria with no performance cells: 16 million cells
/// absent, reported in one short message (every absent cell was written out first).
#[test]
fn a_matrix_missing_every_cell_is_reported_in_one_short_message() {
    let mut s = default();
    let (o0, c0) = (s.options[0].clone(), s.criteria[0].clone());
    s.options = (0..4000)
        .map(|i| {
            let mut o = o0.clone();
            o.id = format!("o{i}");
            o
        })
        .collect();
    s.criteria = (0..4000)
        .map(|i| {
            let mut c = c0.clone();
            c.id = format!("k{i}");
            c
        })
        .collect();
    s.performance.clear();
    for p in &mut s.profiles {
        p.criterion_weights = WeightMap::default();
    }
    let problems = validate(&s);
    let absent: Vec<_> = problems
        .iter()
        .filter(|p| p.field == "performance")
        .collect();
    assert_eq!(absent.len(), 1, "{absent:?}");
    assert_eq!(
        absent[0].message,
        "no cell for o0/k0, o0/k1, o0/k2, o0/k3, o0/k4 (option/criterion) and 15999995 more; write `value: None` for a value that is not known"
    );
    // Other messages that list ids list a few and count the rest.
    assert!(
        problems.iter().all(|p| p.message.len() < 400),
        "a long message"
    );
}

/// A file with more problems than the limit lists the first 1,000 and says how many more.
#[test]
fn past_1000_problems_the_rest_are_counted() {
    use tideline::files::csv_import::parse_csv;
    let mut text = String::from("option,cost\n");
    for i in 0..1500 {
        text.push_str(&format!("o{i},not a number\n"));
    }
    let err = parse_csv(text.as_bytes(), "m.csv")
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(err.diagnostics.len(), 1001);
    assert_eq!(err.diagnostics[999].location, Some((1001, 6)));
    assert!(
        err.diagnostics[1000]
            .message
            .starts_with("… and 500 more problems not listed"),
        "{}",
        err.diagnostics[1000]
    );
}

/// A CSV matrix of as many rows as the limit allows (20,000) is read, its problems placed by
/// line (each place was found by counting from the start of the file: 23 s for 40,000 rows in
/// a release build).
#[test]
fn a_csv_of_the_most_rows_is_read_and_its_problems_placed() {
    use tideline::files::csv_import::parse_csv;
    let n = tideline::files::limits::MAX_OPTIONS - 1;
    let mut text = String::from("option,cost,effect\n");
    for i in 0..n {
        text.push_str(&format!("option {i},{},{}\n", i % 97, i % 13));
    }
    let s = parse_csv(text.as_bytes(), "m.csv").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.options.len(), n);
    text.push_str("last,x,1\n");
    let err = parse_csv(text.as_bytes(), "m.csv")
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(err.diagnostics[0].location, Some((n + 2, 6)));
}

/// PROMETHEE with a Gaussian criterion compares every pair: past the limit it is refused with
/// a reason, not left running for minutes; below it, it scores.
#[test]
fn gaussian_promethee_past_its_limit_is_refused_with_a_reason() {
    use tideline::analysis::scoring::{MAX_GAUSSIAN_COMPARISONS, ScoreError, score_with};
    use tideline::files::csv_import::parse_csv;
    use tideline::scenario::model::{Method, Normalization};
    let matrix = |n: usize| {
        let mut text = String::from(
            "option,cost,effect\ndirection,min,max\npreference,gaussian,linear\ns,2,\nq,,1\np,,3\n",
        );
        for i in 0..n {
            text.push_str(&format!("o{i},{},{}\n", i % 89, i % 7));
        }
        parse_csv(text.as_bytes(), "m.csv").unwrap_or_else(|e| panic!("{e}"))
    };
    let over = (MAX_GAUSSIAN_COMPARISONS as f64).sqrt() as usize + 1;
    let s = matrix(over);
    let err = score_with(&s, 0, Method::Promethee2, Normalization::None).err();
    assert!(
        matches!(err, Some(ScoreError::TooManyPairs { options, criteria: 1, .. }) if options == over),
        "{err:?}"
    );
    let text = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        text.contains("use the linear or V-shape function"),
        "{text}"
    );
    // The other methods still score it.
    assert!(score_with(&s, 0, Method::Wsm, Normalization::MinMax).is_ok());
    let small = matrix(300);
    assert!(score_with(&small, 0, Method::Promethee2, Normalization::None).is_ok());
}

/// Past the limits on options, criteria and values (options × criteria), a CSV matrix is
/// refused at the first row or column past them, with the count and the limit; just within
/// them it is read. (The limits keep every command on a 16 MiB file within about 2 s and
/// 512 MB: `cargo bench --bench large_files`.)
#[test]
fn a_csv_matrix_past_the_size_limits_is_refused_with_the_count_and_the_limit() {
    use tideline::files::csv_import::parse_csv;
    use tideline::files::limits::{MAX_CELLS, MAX_CRITERIA, MAX_OPTIONS};
    let refusal = |text: &str| {
        let err = parse_csv(text.as_bytes(), "m.csv")
            .err()
            .unwrap_or_else(|| panic!("accepted"));
        assert_eq!(err.diagnostics.len(), 1, "{err}");
        err.diagnostics[0].clone()
    };
    let tail = "Tideline reads at most 20,000 options, 1,000 criteria and 200,000 values (options × criteria)";

    // Criteria: one column too many, refused at the header.
    let header = |n: usize| {
        let mut t = String::from("option");
        (0..n).for_each(|k| t.push_str(&format!(",c{k}")));
        t.push('\n');
        t
    };
    let mut text = header(MAX_CRITERIA + 1);
    text.push_str(&format!("A{}\n", ",1".repeat(MAX_CRITERIA + 1)));
    let d = refusal(&text);
    assert_eq!(d.location, Some((1, 1)));
    assert_eq!(
        d.message,
        format!("too large: 1,001 criteria, over the limit of 1,000; {tail}")
    );

    // Options: five rows too many, refused at the first of them, all counted.
    let mut text = String::from("option,x\ndirection,max\n");
    for i in 0..MAX_OPTIONS + 5 {
        text.push_str(&format!("o{i},{}\n", i % 7));
    }
    let d = refusal(&text);
    assert_eq!(d.location, Some((MAX_OPTIONS + 3, 1)));
    assert_eq!(
        d.message,
        format!("too large: 20,005 options, over the limit of 20,000; {tail}")
    );
    // Exactly at the limit it is read.
    let at_limit: String = text
        .lines()
        .take(MAX_OPTIONS + 2)
        .map(|l| format!("{l}\n"))
        .collect();
    let s = parse_csv(at_limit.as_bytes(), "m.csv").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.options.len(), MAX_OPTIONS);

    // Values: 100 criteria allow 2,000 options; 2,001 are refused.
    let criteria = 100;
    assert_eq!(MAX_CELLS / criteria, 2_000);
    let mut text = header(criteria);
    for i in 0..2_001 {
        text.push_str(&format!("o{i}{}\n", ",1".repeat(criteria)));
    }
    let d = refusal(&text);
    assert_eq!(d.location, Some((2_002, 1)));
    assert_eq!(
        d.message,
        format!(
            "too large: 200,100 performance values (2,001 options × 100 criteria), over the limit of 200,000; {tail}"
        )
    );
}

/// A scenario file past a limit is refused at the first item past it, with the count.
#[test]
fn a_scenario_file_past_the_size_limits_is_refused_at_the_first_item_past_them() {
    use tideline::files::limits::MAX_CRITERIA;
    use tideline::files::scenario_file::parse_ron;
    let n = MAX_CRITERIA + 1;
    let mut text = String::from(
        "(metadata:(format_version:1,title:\"t\",description:\"\",source:\"s\",date:\"\",author:\"\",languages:[\"en\"]),\nfamilies:[(id:\"f\",name:\"f\")],\ncriteria:[\n",
    );
    for k in 0..n {
        text.push_str(&format!(
            "(id:\"c{k}\",name:\"c{k}\",family:\"f\",direction:Maximize,scale:(min:0,max:1)),\n"
        ));
    }
    text.push_str("],options:[(id:\"o\",name:\"o\",provenance:(document:\"d\"))],performance:[");
    for k in 0..n {
        text.push_str(&format!("(option:\"o\",criterion:\"c{k}\",value:1),"));
    }
    text.push_str(
        "],profiles:[(id:\"p\",name:\"p\",family_weights:{\"f\":1},criterion_weights:{})])",
    );
    let err = parse_ron(text.as_bytes(), "s.ron")
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    let d = &err.diagnostics[0];
    // Criterion number 1,000 (from 0) is on line 4 + 1,000.
    assert_eq!(d.location, Some((4 + MAX_CRITERIA, 1)));
    assert_eq!(d.field, format!("criteria[{MAX_CRITERIA}]"));
    assert!(
        d.message.starts_with(
            "too large: 1,001 criteria, over the limit of 1,000; Tideline reads at most"
        ),
        "{}",
        d.message
    );
}
