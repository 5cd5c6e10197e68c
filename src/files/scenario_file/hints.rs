//! Plain words for ron's structural errors. ron says where parsing stopped and what its parser
//! expected there ("unknown field `i18n`", "expected identifier"); someone editing a file by hand
//! needs to know what is probably missing. Every guess is checked before it is offered: the
//! repair (a closing bracket or a comma put in, a stray bracket taken out) is made on a copy of
//! the text, which is parsed again, and only a repair that gets the parse past the error is
//! suggested. When none does, the caller keeps its plain rewording of ron's message.

use crate::files::diagnostic::line_col;

/// Where a parse of some text stopped: `None` when it parsed, else the byte offset of the error.
pub(super) type Parse<'a> = &'a dyn Fn(&str) -> Option<usize>;

/// What a structural error probably means.
pub(super) struct Hint {
    pub message: String,
    /// The bracket the message is about, when it names one: the diagnostic names its field.
    pub bracket: Option<usize>,
}

impl Hint {
    fn plain(message: String) -> Self {
        Self {
            message,
            bracket: None,
        }
    }
}

/// What a file with a structural error at byte `at` probably lacks, in plain words; `None` when
/// no small repair explains the error.
pub(super) fn describe(text: &str, at: usize, code: &ron::Error, parse: Parse<'_>) -> Option<Hint> {
    use ron::Error as E;
    let scan = Scan::upto(text, at);
    let here = token_at(text, at);
    // A file cut short often ends in half a word, which ron reads as a wrong one.
    if text.get(at..).is_some_and(|rest| rest.trim_end() == here) && !here.is_empty() {
        return Some(end_of_file(text));
    }
    match code {
        E::Eof => Some(end_of_file(text)),
        E::NoSuchStructField { found, .. } => {
            let (closer, opener) = scan.closer()?;
            repairs(text, at, &[Repair::Insert(scan.last_end, closer)], parse)?;
            Some(Hint {
                message: format!(
                    "`{found}` is not a field here: probably a `{closer}` is missing before it, \
                     to close the `{}` at {}",
                    opener_char(closer),
                    place(text, opener)
                ),
                bracket: Some(opener),
            })
        }
        E::ExpectedComma
        | E::ExpectedStructLikeEnd
        | E::ExpectedArrayEnd
        | E::ExpectedMapEnd
        | E::ExpectedIdentifier
        | E::ExpectedDifferentStructName { .. }
        | E::ExpectedNamedStructLike(_)
        | E::ExpectedStructLike => {
            if let Some(message) = unclosed_text(text, at, &scan, parse) {
                return Some(Hint::plain(message));
            }
            let mut tries = vec![Repair::Insert(scan.last_end, ",")];
            if let Some((closer, _)) = scan.closer() {
                tries.push(Repair::Insert(scan.last_end, closer));
            }
            // A closing bracket where a comma was expected may be one too many.
            if matches!(text.as_bytes().get(at), Some(b')' | b']' | b'}')) {
                tries.push(Repair::Remove(at));
            }
            match repairs(text, at, &tries, parse)? {
                Repair::Remove(_) => Some(Hint {
                    message: format!(
                        "this `{here}` has nothing open to close: probably one too many"
                    ),
                    // Named by what it stands in (after the bracket it meant to close).
                    bracket: Scan::upto(text, at).open.last().map(|&(_, p)| p),
                }),
                Repair::Insert(_, ",") => Some(Hint::plain(format!(
                    "probably a comma is missing before {}",
                    naming(&here)
                ))),
                Repair::Insert(_, closer) => {
                    let (_, opener) = scan.closer()?;
                    Some(Hint {
                        message: format!(
                            "probably a `{closer}` is missing before {}, to close the `{}` at {}",
                            naming(&here),
                            opener_char(closer),
                            place(text, opener)
                        ),
                        bracket: Some(opener),
                    })
                }
            }
        }
        E::ExpectedMapColon => {
            let before = text.get(..at).unwrap_or("").trim_end();
            let name: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            Some(Hint::plain(if name.is_empty() {
                "expected `:` here: a field is written `name: value`".to_string()
            } else {
                format!("expected `:` after `{name}`: a field is written `{name}: value`")
            }))
        }
        _ => None,
    }
}

/// When the last text before byte `at` runs on over what look like further fields (`…hub,
/// provenance: (document: `), its closing `"` is probably missing: checked by putting one in
/// before the first such field.
fn unclosed_text(text: &str, at: usize, scan: &Scan, parse: Parse<'_>) -> Option<String> {
    let b = text.as_bytes();
    let end = scan.last_end;
    if end == 0 || b.get(end - 1) != Some(&b'"') {
        return None;
    }
    let start = Scan::upto(text, end - 1).in_string?;
    let inside = text.get(start + 1..end - 1)?;
    // The first ", name:" inside the text.
    let comma = inside.char_indices().find_map(|(k, c)| {
        let rest = inside[k + c.len_utf8()..].trim_start();
        let name_len = rest
            .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
            .unwrap_or(rest.len());
        let looks_like_field =
            c == ',' && name_len > 0 && rest[name_len..].trim_start().starts_with(':');
        looks_like_field.then_some(start + 1 + k)
    })?;
    repairs(text, at, &[Repair::Insert(comma, "\"")], parse)?;
    Some(format!(
        "the text that starts at {} runs on into what follows: probably its closing `\"` is \
         missing",
        place(text, start)
    ))
}

/// The message for a file that ends too soon: which bracket or string is left open.
fn end_of_file(text: &str) -> Hint {
    let scan = Scan::upto(text, text.len());
    if let Some(start) = scan.in_string {
        return Hint::plain(format!(
            "the file ends inside the text that starts at {}: a closing `\"` is missing",
            place(text, start)
        ));
    }
    let Some((closer, opener)) = scan.closer() else {
        return Hint::plain("the file ends too soon".to_string());
    };
    let message = match scan.open.len() {
        1 => format!(
            "the file ends before the `{}` at {} is closed: probably a `{closer}` is missing \
             at the end",
            opener_char(closer),
            place(text, opener)
        ),
        n => format!(
            "the file ends with {n} brackets still open, the last a `{}` at {}: is the file \
             cut short?",
            opener_char(closer),
            place(text, opener)
        ),
    };
    Hint {
        message,
        bracket: Some(opener),
    }
}

/// A small change to the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Repair {
    /// Put this text in at a byte offset.
    Insert(usize, &'static str),
    /// Take out the one-byte bracket at an offset.
    Remove(usize),
}

/// Of `tries`, the one that gets the parse furthest past byte `at` (the first of equals; one
/// after which the text parses is furthest of all); none when no repair gets past `at`.
fn repairs(text: &str, at: usize, tries: &[Repair], parse: Parse<'_>) -> Option<Repair> {
    let reach = |r: &Repair| -> Option<usize> {
        let fixed = match *r {
            Repair::Insert(p, s) if text.is_char_boundary(p) => {
                format!("{}{s}{}", &text[..p], &text[p..])
            }
            Repair::Remove(p) if text.is_char_boundary(p) && text.is_char_boundary(p + 1) => {
                format!("{}{}", &text[..p], &text[p + 1..])
            }
            _ => return None,
        };
        // The new error's offset, counted in the original text.
        let original = |e: usize| match *r {
            Repair::Insert(p, s) if e >= p => e.saturating_sub(s.len()).max(p),
            Repair::Remove(p) if e >= p => e + 1,
            _ => e,
        };
        let reach = parse(&fixed).map_or(usize::MAX, original);
        (reach > at).then_some(reach)
    };
    let mut best: Option<(usize, Repair)> = None;
    for r in tries {
        if let Some(n) = reach(r)
            && best.is_none_or(|(b, _)| n > b)
        {
            best = Some((n, *r));
        }
    }
    best.map(|(_, r)| r)
}

/// "line 13, column 58".
fn place(text: &str, byte: usize) -> String {
    let (line, col) = line_col(text, byte);
    format!("line {line}, column {col}")
}

fn opener_char(closer: &str) -> char {
    match closer {
        "]" => '[',
        "}" => '{',
        _ => '(',
    }
}

/// A token as a message names it: "`name`" for a word, "this `(`" for a bracket or other mark.
fn naming(token: &str) -> String {
    if token.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
        format!("`{token}`")
    } else {
        format!("this `{token}`")
    }
}

/// The word or character at byte `at`, to name in a message.
fn token_at(text: &str, at: usize) -> String {
    let rest = text.get(at..).unwrap_or("");
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .take(40)
        .collect();
    if word.is_empty() {
        rest.chars().next().map_or_else(String::new, String::from)
    } else {
        word
    }
}

/// What a scan of the text up to a byte offset found.
#[derive(Debug, Default)]
struct Scan {
    /// The brackets still open, innermost last: the bracket and its byte offset.
    open: Vec<(u8, usize)>,
    /// The end of the last token before the offset, not counting commas: where a missing
    /// bracket or comma would go.
    last_end: usize,
    /// The start of a string the offset is inside, if any.
    in_string: Option<usize>,
}

impl Scan {
    /// Scans `text` up to byte `upto`, stepping over strings, characters and comments.
    fn upto(text: &str, upto: usize) -> Self {
        let b = text.as_bytes();
        let upto = upto.min(b.len());
        let mut scan = Scan::default();
        let mut i = 0;
        while i < upto {
            let c = b[i];
            match c {
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    while i < upto && b[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    let mut depth = 0;
                    while i < upto {
                        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                            depth += 1;
                            i += 2;
                        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                            depth -= 1;
                            i += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            i += 1;
                        }
                    }
                    continue;
                }
                b'"' | b'\'' => {
                    let start = i;
                    i += 1;
                    while i < upto && b[i] != c {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                    if i >= upto {
                        scan.in_string = Some(start);
                        return scan;
                    }
                    i += 1;
                    scan.last_end = i;
                    continue;
                }
                b'r' if matches!(b.get(i + 1), Some(b'#' | b'"')) => {
                    let start = i;
                    i += 1;
                    let mut hashes = 0;
                    while b.get(i) == Some(&b'#') {
                        hashes += 1;
                        i += 1;
                    }
                    let close: Vec<u8> = std::iter::once(b'"')
                        .chain(std::iter::repeat_n(b'#', hashes))
                        .collect();
                    i += 1;
                    while i < upto && !b[i..].starts_with(&close) {
                        i += 1;
                    }
                    if i >= upto {
                        scan.in_string = Some(start);
                        return scan;
                    }
                    i += close.len();
                    scan.last_end = i;
                    continue;
                }
                b'(' | b'[' | b'{' => scan.open.push((c, i)),
                b')' | b']' | b'}' => {
                    scan.open.pop();
                }
                _ => {}
            }
            if !c.is_ascii_whitespace() && c != b',' {
                scan.last_end = i + 1;
            }
            i += 1;
        }
        scan
    }

    /// The closing bracket the innermost open one needs, and where that one opened.
    fn closer(&self) -> Option<(&'static str, usize)> {
        let &(open, at) = self.open.last()?;
        let closer = match open {
            b'[' => "]",
            b'{' => "}",
            _ => ")",
        };
        Some((closer, at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_steps_over_strings_and_comments() {
        let text = "(a: \"(\", /* ( [ */ b: [1, 2 // ]\n";
        let scan = Scan::upto(text, text.len());
        let open: Vec<u8> = scan.open.iter().map(|(c, _)| *c).collect();
        assert_eq!(open, b"([");
        // The last token is `2`, before the comment.
        assert_eq!(&text[..scan.last_end], "(a: \"(\", /* ( [ */ b: [1, 2");
        assert_eq!(Scan::upto("(a: \"open", 9).in_string, Some(4));
        assert_eq!(Scan::upto("r#\"x", 4).in_string, Some(0));
    }

    #[test]
    fn names_the_token_at_an_offset() {
        assert_eq!(token_at("x i18n: 1", 2), "i18n");
        assert_eq!(token_at("x (a)", 2), "(");
        assert_eq!(token_at("", 0), "");
    }
}
