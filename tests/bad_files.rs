//! Every malformed file under `tests/data/bad/` gives its own precise error: file, line,
//! column, field and message, and the text at that line and column is the culprit.

use std::collections::BTreeMap;
use std::path::Path;

use tideline::files::diagnostic::{Diagnostic, LoadError};
use tideline::files::scenario_file::{MAX_FILE_BYTES, load_path, parse_ron};
use tideline::scenario::model::Scenario;

struct Expect {
    file: &'static str,
    /// Line and column, or `None` for a problem with the whole file.
    at: Option<(usize, usize)>,
    /// What the file's text starts with at that place.
    starts: &'static str,
    field: &'static str,
    message: &'static str,
}

const EXPECTED: &[Expect] = &[
    Expect {
        file: "bad-vote-weight.ron",
        at: Some((23, 59)),
        starts: "0.0)",
        field: "profiles[0].vote_weight",
        message: "vote weight 0 is outside (0, 1000000]",
    },
    Expect {
        file: "all-zero-weights.ron",
        at: Some((24, 9)),
        starts: "(id: \"preven",
        field: "profiles[1]",
        message: "profile `prevention` gives every criterion a weight of zero; at least one weight must be above zero",
    },
    Expect {
        file: "bad-translation.ron",
        at: Some((9, 151)),
        starts: "\"  \"",
        field: "criteria[0].i18n[\"zh-CN\"].name",
        message: "must not be blank",
    },
    Expect {
        file: "bad-translation.ron",
        at: Some((13, 122)),
        starts: "\"fr\": (name",
        field: "options[0].i18n[\"fr\"]",
        message: "unknown language `fr`; expected one of `en`, `zh-CN`",
    },
    Expect {
        file: "bad-translation.ron",
        at: Some((14, 130)),
        starts: "\"zh-CN\": ()",
        field: "options[1].i18n[\"zh-CN\"]",
        message: "the translation is empty; give a name, short or description",
    },
    Expect {
        file: "duplicate-cell.ron",
        at: Some((20, 9)),
        starts: "(option: \"tr",
        field: "performance[3]",
        message: "second value for option `treaty` on criterion `leakage` (first at performance[2])",
    },
    Expect {
        file: "duplicate-cell.ron",
        at: Some((16, 18)),
        starts: "[",
        field: "performance",
        message: "no cell for treaty/cost (option/criterion); write `value: None` for a value that is not known",
    },
    Expect {
        file: "duplicate-criterion.csv",
        at: Some((1, 21)),
        starts: "leakage",
        field: "header, column 4",
        message: "duplicate criterion `leakage` (also column 2)",
    },
    Expect {
        file: "duplicate-option-id.ron",
        at: Some((14, 14)),
        starts: "\"hub\"",
        field: "options[1].id",
        message: "duplicate id `hub` (first used by options[0])",
    },
    Expect {
        file: "duplicate-option-id.ron",
        at: Some((19, 18)),
        starts: "\"treaty\"",
        field: "performance[2].option",
        message: "unknown option `treaty`",
    },
    Expect {
        file: "duplicate-option-id.ron",
        at: Some((20, 18)),
        starts: "\"treaty\"",
        field: "performance[3].option",
        message: "unknown option `treaty`",
    },
    Expect {
        file: "duplicate-option.csv",
        at: Some((3, 1)),
        starts: "Knowledge hu",
        field: "row `Knowledge hub`",
        message: "duplicate option `Knowledge hub` (also on line 2)",
    },
    Expect {
        file: "duplicate-weight-key.ron",
        at: Some((24, 103)),
        starts: "\"leakage\": 2",
        field: "profiles[1].criterion_weights[\"leakage\"]",
        message: "criterion `leakage` is weighted twice",
    },
    Expect {
        file: "elicitation-duplicate-scope.ron",
        at: Some((27, 25)),
        starts: "Families",
        field: "profiles[1].elicited[1].scope",
        message: "a second record for the family weights (first at elicited[0]); keep one record per scope",
    },
    Expect {
        file: "elicitation-judgement-off-scale.ron",
        at: Some((26, 138)),
        starts: "12.0",
        field: "profiles[1].elicited[0].input.judgements[0].2",
        message: "judgement 12 is outside Saaty's scale 1/9 to 9",
    },
    Expect {
        file: "elicitation-unknown-method.ron",
        at: Some((26, 42)),
        starts: "Ahp(",
        field: "profiles[1].elicited[0].input",
        message: "unknown value `Ahp`; expected one of `Direct`, `Swing`, `Pairwise`, `Ranking`",
    },
    Expect {
        file: "elicitation-unknown-scope.ron",
        at: Some((26, 25)),
        starts: "Family(\"social\")",
        field: "profiles[1].elicited[0].scope",
        message: "unknown family `social`; expected one of `environmental`, `feasibility`",
    },
    Expect {
        file: "elicitation-wrong-items.ron",
        at: Some((26, 72)),
        starts: "\"leakage\"",
        field: "profiles[1].elicited[0].input.order[0][0]",
        message: "criterion `leakage` belongs to family `environmental`, not `feasibility`",
    },
    Expect {
        file: "elicitation-wrong-items.ron",
        at: Some((26, 70)),
        starts: "[[\"leakage\"]]",
        field: "profiles[1].elicited[0].input.order",
        message: "no input for `cost`; a record covers every criterion of family `feasibility`",
    },
    Expect {
        file: "empty-criteria.ron",
        at: Some((8, 15)),
        starts: "[",
        field: "criteria",
        message: "the list is empty; a scenario needs at least one criterion",
    },
    Expect {
        file: "empty-file.ron",
        at: None,
        starts: "",
        field: "",
        message: "the file is empty; expected a scenario `( metadata: (...), ... )`",
    },
    Expect {
        file: "empty-options.ron",
        at: Some((12, 14)),
        starts: "[",
        field: "options",
        message: "the list is empty; a scenario needs at least one option",
    },
    Expect {
        file: "empty-provenance-document.ron",
        at: Some((13, 67)),
        starts: "\"\"",
        field: "options[0].provenance.document",
        message: "every option must cite the document it comes from",
    },
    Expect {
        file: "incomplete-weights.ron",
        at: Some((24, 73)),
        starts: "{\"leakage\":",
        field: "profiles[1].criterion_weights",
        message: "no weight for criterion `cost`; give every criterion a weight (0 leaves it out) or leave the map empty for equal weights",
    },
    Expect {
        file: "infinite-scale.ron",
        at: Some((10, 103)),
        starts: "inf",
        field: "criteria[1].scale.max",
        message: "expected a finite number, found inf",
    },
    Expect {
        file: "inverted-range.ron",
        at: Some((19, 86)),
        starts: "9.0",
        field: "performance[2].uncertainty.low",
        message: "inverted range: low 9 is above high 5",
    },
    Expect {
        file: "inverted-scale.ron",
        at: Some((9, 105)),
        starts: "(min: 10.0",
        field: "criteria[0].scale",
        message: "inverted or empty scale: min 10 must be below max 0",
    },
    Expect {
        file: "method-normalization.ron",
        at: Some((26, 72)),
        starts: "Scale",
        field: "settings.normalization",
        message: "the `topsis` method does not work with the `scale` normalisation; use `vector` or `minmax`",
    },
    Expect {
        file: "method-normalization.ron",
        at: Some((26, 88)),
        starts: "1.5",
        field: "settings.vikor_v",
        message: "VIKOR's v must be between 0 and 1, found 1.5",
    },
    Expect {
        file: "missing-cell.ron",
        at: Some((16, 18)),
        starts: "[",
        field: "performance",
        message: "no cell for hub/cost (option/criterion); write `value: None` for a value that is not known",
    },
    Expect {
        file: "missing-provenance.ron",
        at: Some((14, 49)),
        starts: "),",
        field: "options[1]",
        message: "missing field `provenance`",
    },
    Expect {
        file: "nan-value.ron",
        at: Some((17, 54)),
        starts: "NaN",
        field: "performance[0].value",
        message: "expected a finite number, found NaN",
    },
    Expect {
        file: "negative-weight.csv",
        at: Some((2, 10)),
        starts: "-1",
        field: "weight, column `cost`",
        message: "weight -1 is negative; weights must be 0 or more",
    },
    Expect {
        file: "negative-weight.ron",
        at: Some((24, 90)),
        starts: "\"cost\": -1.0",
        field: "profiles[1].criterion_weights[\"cost\"]",
        message: "weight -1 is negative; weights must be 0 or more",
    },
    Expect {
        file: "no-header.csv",
        at: Some((1, 1)),
        starts: "Knowledge hu",
        field: "header",
        message: "the first header cell must be `option`, found `Knowledge hub`",
    },
    Expect {
        file: "not-a-number.csv",
        at: Some((3, 19)),
        starts: "high",
        field: "row `Binding agreement`, column `leakage`",
        message: "expected a number, found `high`",
    },
    Expect {
        file: "not-utf8.ron",
        at: Some((5, 48)),
        starts: "",
        field: "",
        message: "the file is not UTF-8 text (is it a scenario file?)",
    },
    Expect {
        file: "portfolio-settings.ron",
        at: Some((16, 73)),
        starts: "0.1), (with:",
        field: "options[0].interactions[0].effect",
        message: "an `Excludes` relation has no effect on value; leave `effect` out",
    },
    Expect {
        file: "portfolio-settings.ron",
        at: Some((16, 86)),
        starts: "\"forum\", rel",
        field: "options[0].interactions[1].with",
        message: "unknown option `forum`",
    },
    Expect {
        file: "portfolio-settings.ron",
        at: Some((30, 19)),
        starts: "\"status-quo\"",
        field: "settings.portfolio.baseline",
        message: "unknown option `status-quo`; expected one of `hub`, `treaty`",
    },
    Expect {
        file: "portfolio-settings.ron",
        at: Some((32, 19)),
        starts: "\"treaty\"],",
        field: "settings.portfolio.exclude[0]",
        message: "`treaty` is both in `include` and in `exclude`",
    },
    Expect {
        file: "portfolio-settings.ron",
        at: Some((33, 57)),
        starts: "Some(1))],",
        field: "settings.portfolio.clusters[0].max",
        message: "the most members, 1, is below the fewest, 2",
    },
    Expect {
        file: "portfolio-settings.ron",
        at: Some((34, 59)),
        starts: "\"hub\": -1.0}",
        field: "settings.portfolio.resource.uses[\"hub\"]",
        message: "use -1 is negative",
    },
    Expect {
        file: "ragged.csv",
        at: Some((4, 1)),
        starts: "Binding agre",
        field: "row `Binding agreement`",
        message: "row has 2 cells but the header has 3",
    },
    Expect {
        file: "several-problems.ron",
        at: Some((14, 14)),
        starts: "\"hub\"",
        field: "options[1].id",
        message: "duplicate id `hub` (first used by options[0])",
    },
    Expect {
        file: "several-problems.ron",
        at: Some((19, 18)),
        starts: "\"treaty\"",
        field: "performance[2].option",
        message: "unknown option `treaty`",
    },
    Expect {
        file: "several-problems.ron",
        at: Some((20, 18)),
        starts: "\"treaty\"",
        field: "performance[3].option",
        message: "unknown option `treaty`",
    },
    Expect {
        file: "several-problems.ron",
        at: Some((24, 90)),
        starts: "\"cost\": -1.0",
        field: "profiles[1].criterion_weights[\"cost\"]",
        message: "weight -1 is negative; weights must be 0 or more",
    },
    Expect {
        file: "string-for-number.ron",
        at: Some((19, 57)),
        starts: "\"high\"",
        field: "performance[2].value",
        message: "expected a number",
    },
    // Structural errors say what is probably missing, and where the bracket it would close
    // opened (positions checked by hand in each file).
    Expect {
        file: "syntax-cut-short.ron",
        at: Some((17, 25)),
        starts: "c",
        field: "performance[0]",
        message: "the file ends with 3 brackets still open, the last a `(` at line 17, column 9: is the file cut short?",
    },
    Expect {
        file: "syntax-extra-paren.ron",
        at: Some((13, 114)),
        starts: "),",
        field: "options",
        message: "this `)` has nothing open to close: probably one too many",
    },
    Expect {
        file: "syntax-missing-colon.ron",
        at: Some((13, 26)),
        starts: "\"Knowledge hub\"",
        field: "options[0]",
        message: "expected `:` after `name`: a field is written `name: value`",
    },
    Expect {
        file: "syntax-missing-comma-between-items.ron",
        at: Some((14, 9)),
        starts: "(id: \"treaty\"",
        field: "options[1]",
        message: "probably a comma is missing before this `(`",
    },
    Expect {
        file: "syntax-missing-comma.ron",
        at: Some((18, 55)),
        starts: "rationale: \"",
        field: "performance[1]",
        message: "probably a comma is missing before `rationale`",
    },
    // The case from the issue: a missing `)` was reported as "unknown field `i18n`".
    Expect {
        file: "syntax-paren-before-field.ron",
        at: Some((13, 114)),
        starts: "i18n: {",
        field: "options[0].provenance",
        message: "`i18n` is not a field here: probably a `)` is missing before it, to close the `(` at line 13, column 56",
    },
    Expect {
        file: "syntax-unclosed-item.ron",
        at: Some((14, 9)),
        starts: "(id: \"treaty\"",
        field: "options[0]",
        message: "probably a `)` is missing before this `(`, to close the `(` at line 13, column 9",
    },
    Expect {
        file: "syntax-unclosed-list.ron",
        at: Some((16, 5)),
        starts: "performance: [",
        field: "options",
        message: "probably a `]` is missing before `performance`, to close the `[` at line 12, column 14",
    },
    Expect {
        file: "syntax-unclosed-map.ron",
        at: Some((24, 101)),
        starts: "),",
        field: "profiles[1].criterion_weights",
        message: "probably a `}` is missing before this `)`, to close the `{` at line 24, column 73",
    },
    Expect {
        file: "syntax-unclosed-paren.ron",
        at: Some((27, 1)),
        starts: "",
        field: "",
        message: "the file ends before the `(` at line 2, column 1 is closed: probably a `)` is missing at the end",
    },
    Expect {
        file: "syntax-unclosed-string.ron",
        at: Some((13, 67)),
        starts: "UNEP/EA.4",
        field: "options[0]",
        message: "the text that starts at line 13, column 27 runs on into what follows: probably its closing `\"` is missing",
    },
    Expect {
        file: "unclosed-quote.csv",
        at: Some((2, 1)),
        starts: "\"Knowledge h",
        field: "",
        message: "a quoted cell is not closed",
    },
    Expect {
        file: "unknown-active-profile.ron",
        at: Some((26, 32)),
        starts: "\"delegation-",
        field: "settings.active_profile",
        message: "unknown profile `delegation-x`; expected one of `equal`, `prevention`",
    },
    Expect {
        file: "unknown-criterion.ron",
        at: Some((20, 39)),
        starts: "\"costs\"",
        field: "performance[3].criterion",
        message: "unknown criterion `costs`",
    },
    Expect {
        file: "unknown-criterion.ron",
        at: Some((16, 18)),
        starts: "[",
        field: "performance",
        message: "no cell for treaty/cost (option/criterion); write `value: None` for a value that is not known",
    },
    Expect {
        file: "unknown-direction.csv",
        at: Some((2, 15)),
        starts: "lower",
        field: "direction, column `cost`",
        message: "expected `max` or `min`, found `lower`",
    },
    Expect {
        file: "unknown-direction.ron",
        at: Some((10, 70)),
        starts: "Lower",
        field: "criteria[1].direction",
        message: "unknown value `Lower`; expected one of `Maximize`, `Minimize`",
    },
    Expect {
        file: "unknown-family.ron",
        at: Some((10, 44)),
        starts: "\"feasability",
        field: "criteria[1].family",
        message: "unknown family `feasability`; expected one of `environmental`, `feasibility`",
    },
    Expect {
        file: "unknown-field.ron",
        at: Some((14, 51)),
        starts: "descripton:",
        field: "options[1]",
        message: "unknown field `descripton`; expected one of `id`, `name`, `short`, `cluster`, `description`, `provenance`, `tags`, `principles`, `cost`, `interactions`, `i18n`",
    },
    Expect {
        file: "unknown-format-version.ron",
        at: Some((3, 32)),
        starts: "7",
        field: "metadata.format_version",
        message: "unknown format version 7; this build of Tideline reads version 1",
    },
    Expect {
        file: "unknown-weight-key.ron",
        at: Some((24, 103)),
        starts: "\"speed\": 2.0",
        field: "profiles[1].criterion_weights[\"speed\"]",
        message: "unknown criterion `speed`; expected one of `leakage`, `cost`",
    },
    Expect {
        file: "value-outside-own-range.ron",
        at: Some((19, 57)),
        starts: "9.5",
        field: "performance[2].value",
        message: "value 9.5 is outside its own uncertainty range 5 to 9",
    },
    Expect {
        file: "value-outside-scale.ron",
        at: Some((20, 54)),
        starts: "12.5",
        field: "performance[3].value",
        message: "12.5 is outside the scale of criterion `cost` (0 to 10)",
    },
];

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bad");

fn diagnostics(file: &str) -> Vec<Diagnostic> {
    match load_path(&Path::new(DIR).join(file)) {
        Ok(_) => panic!("{file} loaded without error"),
        Err(e) => e.diagnostics,
    }
}

/// The text of `file` from 1-based `line`, `col` (in characters).
fn text_at(file: &str, line: usize, col: usize) -> String {
    let bytes = std::fs::read(Path::new(DIR).join(file)).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    text.split('\n')
        .nth(line - 1)
        .map(|l| l.chars().skip(col - 1).collect())
        .unwrap_or_default()
}

#[test]
fn every_bad_file_gives_its_precise_errors() {
    let mut by_file: BTreeMap<&str, Vec<&Expect>> = BTreeMap::new();
    for e in EXPECTED {
        by_file.entry(e.file).or_default().push(e);
    }
    for (file, expected) in &by_file {
        let got = diagnostics(file);
        let shown: Vec<String> = got.iter().map(ToString::to_string).collect();
        assert_eq!(got.len(), expected.len(), "{file}: {shown:#?}");
        for (d, e) in got.iter().zip(expected) {
            assert_eq!(d.location, e.at, "{file}: {d}");
            assert_eq!(d.field, e.field, "{file}: {d}");
            assert_eq!(d.message, e.message, "{file}: {d}");
            // Compiler-style: the message starts with the file's path.
            let path = Path::new(DIR).join(file).display().to_string();
            assert!(d.to_string().starts_with(&path), "{d}");
            if let Some((line, col)) = e.at {
                let text = text_at(file, line, col);
                assert!(
                    text.starts_with(e.starts),
                    "{file}:{line}:{col} shows {text:?}, expected {:?}",
                    e.starts
                );
            }
        }
    }
}

/// Where a message names a bracket ("the `(` at line 13, column 56") or the start of a text
/// ("the text that starts at line 13, column 27"), that is what stands there.
#[test]
fn the_places_named_in_messages_hold_what_they_say() {
    let mut checked = 0;
    for e in EXPECTED {
        for (what, marker) in [
            ("(", "`(` at line "),
            ("[", "`[` at line "),
            ("{", "`{` at line "),
            ("\"", "text that starts at line "),
        ] {
            let Some((_, place)) = e.message.split_once(marker) else {
                continue;
            };
            let mut numbers = place
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse::<usize>().unwrap_or(0));
            let (line, col) = (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0));
            let text = text_at(e.file, line, col);
            assert!(
                text.starts_with(what),
                "{}: line {line}, column {col} shows {text:?}, not {what}",
                e.file
            );
            checked += 1;
        }
    }
    assert!(checked >= 7, "only {checked} places checked");
}

#[test]
fn every_file_in_the_folder_is_covered() {
    let listed: Vec<&str> = EXPECTED.iter().map(|e| e.file).collect();
    let mut count = 0;
    for entry in std::fs::read_dir(DIR).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            listed.contains(&name.as_str()),
            "{name} has no expected error"
        );
        count += 1;
    }
    assert!(count >= 20, "only {count} bad files");
}

#[test]
fn the_base_of_the_bad_files_is_itself_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good-base.ron");
    if let Err(e) = load_path(&path) {
        panic!("{e}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let dir = std::env::temp_dir().join(format!("tideline-big-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("huge.ron");
    let size = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX) + 10;
    std::fs::write(&path, vec![b' '; size]).unwrap_or_else(|e| panic!("{e}"));
    let err = load_path(&path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(err.contains("over the limit of 16777216 bytes"), "{err}");
    assert!(err.starts_with(&path.display().to_string()), "{err}");
}

#[test]
fn a_missing_file_names_itself() {
    let err = load_path(Path::new("no/such/file.ron"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.starts_with("no/such/file.ron: cannot open the file"),
        "{err}"
    );
}

/// Lines and the characters of each line in `bytes` (read as UTF-8 up to its first bad byte).
fn line_lengths(bytes: &[u8]) -> Vec<usize> {
    let good = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
    };
    good.split('\n').map(|l| l.chars().count()).collect()
}

/// Where byte `i` of `bytes` stands as 1-based line and character column, counted here from
/// the text (the character it falls in, if it falls inside one).
fn place_of(bytes: &[u8], i: usize) -> (usize, usize) {
    let mut start = i;
    while start > 0 && (bytes[start] & 0xC0) == 0x80 {
        start -= 1;
    }
    let before = String::from_utf8_lossy(&bytes[..start]);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// `bytes` was refused: with at least one problem, each naming `file` and placed at a line and
/// column that exist in the text (a column may sit just past the end of its line).
fn assert_refused_with_located_errors(
    result: Result<Scenario, LoadError>,
    bytes: &[u8],
    file: &str,
) {
    let what = format!("{file} from {:?}", String::from_utf8_lossy(bytes));
    let err = match result {
        Ok(_) => panic!("{what}: accepted"),
        Err(e) => e,
    };
    assert!(
        !err.diagnostics.is_empty(),
        "{what}: an error without problems"
    );
    let lines = line_lengths(bytes);
    for d in &err.diagnostics {
        assert_eq!(d.file, file, "{what}: {d}");
        assert!(!d.message.is_empty(), "{what}: {d}");
        let Some((line, col)) = d.location else {
            panic!("{what}: not located: {d}")
        };
        assert!(
            line >= 1 && line <= lines.len() && col >= 1 && col <= lines[line - 1] + 1,
            "{what}: {d} is outside the text"
        );
    }
}

/// What a byte of a file is part of, worked out by a small scan of its own.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    /// Structure: brackets, separators, names of fields and values, quotes, the `//` of a comment.
    Structure,
    /// The rest of a comment's line.
    Comment,
    /// The text inside a quoted string.
    Quoted,
    /// A digit or decimal point of a number.
    Plain,
}

/// Whether replacing a byte of `part` of a RON file by `new` may leave a valid file: inside a
/// comment anything goes; inside a string anything but a quote (a string may still be an id
/// that something else refers to, so this is "may", not "must"); a number may become another
/// number; structure may not change.
fn may_stay_valid(part: Part, new: u8) -> bool {
    match part {
        Part::Comment => true,
        Part::Quoted => new != b'"',
        Part::Plain => new.is_ascii_digit() || new == b'.',
        Part::Structure => false,
    }
}

fn ron_parts(text: &[u8]) -> Vec<Part> {
    let mut parts = vec![Part::Structure; text.len()];
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'/' if text.get(i + 1) == Some(&b'/') => {
                i += 2;
                while i < text.len() && text[i] != b'\n' {
                    parts[i] = Part::Comment;
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < text.len() && text[i] != b'"' {
                    parts[i] = Part::Quoted;
                    i += 1;
                }
                i += 1;
            }
            b'0'..=b'9' | b'.' => {
                parts[i] = Part::Plain;
                i += 1;
            }
            _ => i += 1,
        }
    }
    parts
}

/// Every prefix of a valid file and the file with bytes replaced by characters that break RON
/// in different ways: never a panic, and each is refused with located errors, unless it is
/// still a valid scenario (only the whole file, or a change inside a comment, a string or a
/// number can be).
#[test]
fn truncated_or_corrupted_files_are_refused_with_located_errors() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good-base.ron");
    let good = std::fs::read(&path).unwrap_or_default();
    assert!(!good.is_empty());
    let whole = parse_ron(&good, "good.ron").unwrap_or_else(|e| panic!("{e}"));
    let content_end = String::from_utf8_lossy(&good).trim_end().len();
    for cut in 0..good.len() {
        let bytes = &good[..cut];
        let result = parse_ron(bytes, "cut.ron");
        if cut >= content_end {
            // Only trailing white space is gone.
            assert_eq!(result.ok().as_ref(), Some(&whole), "cut at {cut}");
        } else if bytes.iter().all(u8::is_ascii_whitespace) {
            let e = result.err().map(|e| e.diagnostics).unwrap_or_default();
            assert_eq!(e.len(), 1, "cut at {cut}");
            assert_eq!((e[0].location, e[0].field.as_str()), (None, ""));
            assert!(e[0].message.starts_with("the file is empty"), "{}", e[0]);
        } else {
            assert_refused_with_located_errors(result, bytes, "cut.ron");
        }
    }
    let parts = ron_parts(&good);
    let mut accepted = 0;
    for i in (0..good.len()).step_by(5) {
        for b in [b'(', b')', b'"', b'[', b'{', b'/', 0xff, b'9'] {
            if good[i] == b {
                continue;
            }
            let mut bytes = good.clone();
            bytes[i] = b;
            let result = parse_ron(&bytes, "flip.ron");
            let what = format!("byte {i} ({:?}) → {:?}", good[i] as char, b as char);
            if b == 0xff {
                // Not UTF-8: one problem, at the very character replaced.
                let e = result.err().map(|e| e.diagnostics).unwrap_or_default();
                assert_eq!(e.len(), 1, "{what}");
                assert_eq!(e[0].location, Some(place_of(&bytes, i)), "{what}: {}", e[0]);
                assert!(e[0].message.contains("not UTF-8"), "{what}: {}", e[0]);
            } else if result.is_ok() {
                assert!(may_stay_valid(parts[i], b), "{what}: accepted");
                accepted += 1;
            } else {
                assert_refused_with_located_errors(result, &bytes, "flip.ron");
            }
        }
    }
    // Some changes inside names and comments are harmless, and were accepted.
    assert!(accepted > 0);
}

/// The CSV base: the cells of its option rows, as written, for judging what a cut leaves.
const GOOD_CSV: &[u8] =
    b"option,leakage,\"cost, total\"\r\ndirection,max,min\nweight,2,1\n\"Hub \"\"A\"\"\",4,3\nTreaty,8,NA\n";

/// Every prefix of a valid matrix and single-byte corruptions: never a panic, and each is
/// refused with located errors, unless it is still a valid matrix. A cut is valid when it keeps
/// the settings rows and leaves whole option rows (the last one may lose trailing cells' text
/// only where that leaves a number or an empty, missing, value); a corrupted file may be valid
/// when it is still a matrix on two criteria whose untouched option rows read as before.
#[test]
fn truncated_or_corrupted_csv_is_refused_with_located_errors() {
    use tideline::files::csv_import::parse_csv;
    let good = GOOD_CSV;
    let whole = parse_csv(good, "good.csv").unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = whole.options.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["Hub \"A\"", "Treaty"]);
    let values = [[Some(4.0), Some(3.0)], [Some(8.0), None]];
    for cut in 0..good.len() {
        let bytes = &good[..cut];
        match parse_csv(bytes, "cut.csv") {
            Ok(s) => {
                // What is left is the start of the file: its options, each value as in the
                // file or gone (a cut inside the last row's last cell).
                let what = format!("cut at {cut}: {:?}", String::from_utf8_lossy(bytes));
                assert!(!s.options.is_empty() && s.options.len() <= 2, "{what}");
                assert_eq!(s.criteria.len(), 2, "{what}");
                for (i, o) in s.options.iter().enumerate() {
                    assert_eq!(o.name, names[i], "{what}");
                    for (j, got) in s.matrix()[i].iter().enumerate() {
                        assert!(
                            *got == values[i][j] || got.is_none(),
                            "{what}: {got:?} for {:?}",
                            values[i][j]
                        );
                    }
                }
            }
            Err(e) if bytes.iter().all(u8::is_ascii_whitespace) => {
                assert_eq!(e.diagnostics.len(), 1, "cut at {cut}");
                assert!(
                    e.diagnostics[0].message.starts_with("the file is empty"),
                    "{e}"
                );
            }
            result @ Err(_) => assert_refused_with_located_errors(result, bytes, "cut.csv"),
        }
    }
    // The byte range of each option row, so a change is known to hit one row or none.
    let row_start = |k: usize| {
        good.iter()
            .enumerate()
            .filter(|(_, c)| **c == b'\n')
            .nth(k - 1)
            .map_or(0, |(i, _)| i + 1)
    };
    let rows = [row_start(3)..row_start(4), row_start(4)..good.len()];
    let mut accepted = 0;
    for i in 0..good.len() {
        for b in [b',', b'"', b'\n', b'\r', 0xff, b'x', b'-'] {
            if good[i] == b {
                continue;
            }
            let mut bytes = good.to_vec();
            bytes[i] = b;
            let what = format!("byte {i} ({:?}) → {:?}", good[i] as char, b as char);
            let result = parse_csv(&bytes, "flip.csv");
            if b == 0xff {
                let e = result.err().map(|e| e.diagnostics).unwrap_or_default();
                assert_eq!(e.len(), 1, "{what}");
                assert_eq!(e[0].location, Some(place_of(&bytes, i)), "{what}: {}", e[0]);
            } else if let Ok(s) = &result {
                // Still a matrix on two criteria, in which each option row the change did not
                // touch reads as before. (A change to a settings row may turn it into an
                // option: `weight` with its `w` replaced by a line break is option `eight`.)
                assert_eq!(s.criteria.len(), 2, "{what}");
                for (k, range) in rows.iter().enumerate() {
                    if !range.contains(&i) {
                        let at = s.options.iter().position(|o| o.name == names[k]);
                        let at = at.unwrap_or_else(|| panic!("{what}: {} is gone", names[k]));
                        assert_eq!(s.matrix()[at], values[k], "{what}");
                    }
                }
                accepted += 1;
            } else {
                assert_refused_with_located_errors(result, &bytes, "flip.csv");
            }
        }
    }
    assert!(accepted > 0);
}
