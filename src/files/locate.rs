//! Finds where each field of a RON text stands, so that a problem found after parsing
//! (a duplicate id, a value off its scale) can still name its line and column, and a parse
//! error can name its field.
//!
//! This is a tolerant scanner, not a parser: it follows brackets, field names, list indices and
//! map keys, and stops quietly where the text stops making sense. It never fails.

use std::collections::{HashMap, HashSet};

/// Deepest nesting followed; deeper text is skipped (ron itself refuses it).
const MAX_DEPTH: usize = 128;

/// Byte span of field paths in a RON text, and whether each is a record with named fields.
///
/// Only the fields asked for are kept ([`FieldMap::of_paths`], [`FieldMap::around`]): a scan
/// keeping every field of a large file would hold its every path, many times the file's size.
#[derive(Debug, Default)]
pub struct FieldMap {
    spans: HashMap<String, Span>,
}

#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
    named: bool,
}

/// Which fields a scan keeps.
enum Keep<'a> {
    All,
    /// These paths (with their enclosing fields, the fallbacks of [`FieldMap::start_of`]).
    Paths(HashSet<&'a str>),
    /// The fields whose span holds this byte.
    Around(usize),
}

impl FieldMap {
    /// Scans `text`, keeping every field (small texts and tests).
    pub fn new(text: &str) -> Self {
        Self::scan(text, Keep::All)
    }

    /// Scans `text`, keeping `paths` and the fields enclosing them.
    pub fn of_paths<'p>(text: &str, paths: impl IntoIterator<Item = &'p str>) -> Self {
        let mut wanted = HashSet::new();
        for path in paths {
            let mut p = Some(path);
            while let Some(q) = p {
                if !wanted.insert(q) {
                    break;
                }
                p = parent(q);
            }
        }
        Self::scan(text, Keep::Paths(wanted))
    }

    /// Scans `text`, keeping the fields whose span holds byte `offset` (for [`Self::field_at`]
    /// and [`Self::has_named_field`] at a parse error).
    pub fn around(text: &str, offset: usize) -> Self {
        Self::scan(text, Keep::Around(offset))
    }

    fn scan(text: &str, keep: Keep<'_>) -> Self {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            keep,
            map: FieldMap::default(),
        };
        scanner.value(String::new(), 0);
        scanner.map
    }

    /// Start byte of `path`, or of its nearest enclosing field that was found.
    pub fn start_of(&self, path: &str) -> Option<usize> {
        let mut p = path;
        loop {
            if let Some(span) = self.spans.get(p) {
                return Some(span.start);
            }
            p = parent(p)?;
        }
    }

    /// Start byte of `path` itself, when the scan found it (no fallback to its parents).
    pub fn exact_start(&self, path: &str) -> Option<usize> {
        self.spans.get(path).map(|s| s.start)
    }

    /// The innermost field whose span holds byte `offset`.
    pub fn field_at(&self, offset: usize) -> Option<&str> {
        self.spans
            .iter()
            .filter(|(path, s)| !path.is_empty() && s.start <= offset && offset < s.end)
            .min_by_key(|(path, s)| (s.end - s.start, std::cmp::Reverse(path.len())))
            .map(|(p, _)| p.as_str())
    }

    /// Whether the record at `path` has a field found by name (`path.name`), as opposed to
    /// tuple members only.
    pub fn has_named_field(&self, path: &str) -> bool {
        self.spans.get(path).is_some_and(|s| s.named)
    }
}

/// `a.b[2]` → `a.b`; `a.b` → `a`; `a` → ``; `` → none.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

struct Scanner<'a, 'k> {
    bytes: &'a [u8],
    pos: usize,
    keep: Keep<'k>,
    map: FieldMap,
}

impl Scanner<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    /// Skips whitespace, `//` line comments, nested `/* */` comments and `#![…]` attributes.
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.pos += 2;
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.peek(), self.peek_at(1)) {
                            (None, _) => return,
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.pos += 2;
                            }
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.pos += 2;
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                (Some(b'#'), Some(b'!')) => {
                    while let Some(c) = self.peek() {
                        self.pos += 1;
                        if c == b']' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn ident(&mut self) -> &str {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
                self.pos += 1;
            } else {
                break;
            }
        }
        std::str::from_utf8(&self.bytes[start..self.pos]).unwrap_or("")
    }

    /// Skips a quoted string (`"…"` or `'…'`) and returns its raw contents.
    fn quoted(&mut self, quote: u8) -> String {
        self.pos += 1;
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c == b'\\' {
                self.pos += 2;
                continue;
            }
            if c == quote {
                let s = String::from_utf8_lossy(&self.bytes[start..self.pos]).into_owned();
                self.pos += 1;
                return s;
            }
            self.pos += 1;
        }
        self.pos = self.bytes.len();
        String::from_utf8_lossy(&self.bytes[start..]).into_owned()
    }

    /// Skips a raw string `r#"…"#` (the `r` already consumed).
    fn raw_string(&mut self) {
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        if self.peek() != Some(b'"') {
            return;
        }
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'"' {
                let closing = (0..hashes).all(|i| self.peek_at(i) == Some(b'#'));
                if closing {
                    self.pos += hashes;
                    return;
                }
            }
        }
    }

    /// Notes the field at `path` from `start` to here, if it is kept. A path seen again (a
    /// `Some(…)` around its value, a map entry located at its key) takes the later span and
    /// keeps having named fields.
    fn record(&mut self, path: String, start: usize, named: bool) {
        let end = self.pos.max(start);
        let kept = match &self.keep {
            Keep::All => true,
            Keep::Paths(wanted) => wanted.contains(path.as_str()),
            Keep::Around(offset) => start <= *offset && *offset < end,
        };
        if kept {
            let named = named || self.map.spans.get(&path).is_some_and(|s| s.named);
            self.map.spans.insert(path, Span { start, end, named });
        }
    }

    fn value(&mut self, path: String, depth: usize) {
        self.skip_trivia();
        let start = self.pos;
        let Some(c) = self.peek() else { return };
        if depth > MAX_DEPTH {
            self.pos = self.bytes.len();
            return;
        }
        let mut named = false;
        match c {
            b'(' => named = self.fields(&path, depth),
            b'[' => self.list(&path, depth),
            b'{' => self.map_entries(&path, depth),
            b'"' | b'\'' => {
                self.quoted(c);
            }
            b'r' if matches!(self.peek_at(1), Some(b'#' | b'"')) => {
                self.pos += 1;
                self.raw_string();
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let name = self.ident().to_string();
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    if name == "Some" {
                        self.pos += 1;
                        self.value(path.clone(), depth + 1);
                        self.skip_trivia();
                        if self.peek() == Some(b')') {
                            self.pos += 1;
                        }
                    } else {
                        named = self.fields(&path, depth);
                    }
                }
            }
            _ => {
                // A number or other bare token: runs to the next delimiter.
                while let Some(c) = self.peek() {
                    if c.is_ascii_whitespace() || b",)]}:".contains(&c) {
                        break;
                    }
                    self.pos += 1;
                }
                if self.pos == start {
                    self.pos += 1; // a stray delimiter: step over it so the scan moves on
                }
            }
        }
        self.record(path, start, named);
    }

    /// `( name: value, … )` or a tuple `( value, … )`; whether a field had a name.
    fn fields(&mut self, path: &str, depth: usize) -> bool {
        self.pos += 1;
        let mut index = 0;
        let mut named = false;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return named,
                Some(b')') => {
                    self.pos += 1;
                    return named;
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let before = self.pos;
            let name = self.field_name();
            named |= name.is_some();
            let child = match name {
                Some(name) if path.is_empty() => name,
                Some(name) => format!("{path}.{name}"),
                None => {
                    index += 1;
                    format!("{path}.{}", index - 1)
                }
            };
            self.value(child, depth + 1);
            if self.pos == before {
                self.pos += 1;
            }
        }
    }

    /// Consumes `name :` if it stands here, returning the name.
    fn field_name(&mut self) -> Option<String> {
        let save = self.pos;
        let c = self.peek()?;
        if !(c.is_ascii_alphabetic() || c == b'_') {
            return None;
        }
        let name = self.ident().to_string();
        self.skip_trivia();
        if self.peek() == Some(b':') && self.peek_at(1) != Some(b':') {
            self.pos += 1;
            return Some(name);
        }
        self.pos = save;
        None
    }

    fn list(&mut self, path: &str, depth: usize) {
        self.pos += 1;
        let mut index = 0;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b']') => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let before = self.pos;
            self.value(format!("{path}[{index}]"), depth + 1);
            index += 1;
            if self.pos == before {
                self.pos += 1;
            }
        }
    }

    fn map_entries(&mut self, path: &str, depth: usize) {
        self.pos += 1;
        loop {
            self.skip_trivia();
            let entry_start = self.pos;
            let key = match self.peek() {
                None => return,
                Some(b'}') => {
                    self.pos += 1;
                    return;
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                Some(q @ (b'"' | b'\'')) => self.quoted(q),
                Some(_) => {
                    let before = self.pos;
                    self.value(format!("{path}[?]"), depth + 1);
                    if self.pos == before {
                        self.pos += 1;
                    }
                    String::from_utf8_lossy(&self.bytes[before..self.pos]).into_owned()
                }
            };
            let key_start = self.pos;
            self.skip_trivia();
            if self.peek() == Some(b':') {
                self.pos += 1;
            }
            let child = format!("{path}[\"{key}\"]");
            let before = self.pos;
            self.value(child.clone(), depth + 1);
            // A map entry is located at its key, where a reader looks for it.
            self.record(child, entry_start, false);
            // Stepping over a byte that is not there would leave the scan past the end (`{{"a`
            // at the end of a file: a key, no value; found by fuzzing).
            if self.pos == before && self.pos == key_start && self.pos < self.bytes.len() {
                self.pos += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// comment
(
    metadata: (format_version: 1, title: "T"),
    options: [
        (id: "a", provenance: (document: "D")), /* note ) */
        (id: "b", cost: Some(2.0)),
    ],
    profiles: [(family_weights: {"env": 1.0, "soc": 2.0})],
)"#;

    #[test]
    fn a_map_key_cut_short_at_the_end_stays_in_the_text() {
        // Found by fuzzing: a map as the key of a map whose own key ends the file left the scan
        // one past the end, and the outer key's slice panicked.
        for text in [r#"{{"a"#, "{{'a", r#"(x: {{"a"#, r#"[{ {"k""#, r#"{{r#"a"#] {
            for end in 0..=text.len() {
                let cut = &text[..end];
                let _ = FieldMap::new(cut);
                let _ = FieldMap::around(cut, end);
            }
        }
    }

    #[test]
    fn finds_fields_indices_and_map_keys() {
        let map = FieldMap::new(TEXT);
        let at = |p: &str| {
            map.start_of(p)
                .map(|b| crate::files::diagnostic::line_col(TEXT, b))
        };
        assert_eq!(at("metadata.title"), Some((3, 42)));
        assert_eq!(at("options[1].id"), Some((6, 14)));
        assert_eq!(at("options[1].cost"), Some((6, 25)));
        assert_eq!(at("options[0].provenance.document"), Some((5, 42)));
        assert_eq!(at("profiles[0].family_weights[\"soc\"]"), Some((8, 46)));
        // Unknown paths fall back to the nearest enclosing field.
        assert_eq!(at("options[1].tags"), at("options[1]"));
    }

    #[test]
    fn names_the_field_at_an_offset() {
        let map = FieldMap::new(TEXT);
        let offset = TEXT.find("2.0").unwrap_or(0);
        assert_eq!(map.field_at(offset), Some("options[1].cost"));
    }

    /// Broken text maps no field name it does not hold, and still maps the fields it does hold
    /// up to where it breaks off.
    #[test]
    fn tells_records_with_named_fields_from_tuples() {
        let map = FieldMap::new(TEXT);
        assert!(map.has_named_field("options[0]"));
        assert!(map.has_named_field(""));
        // `Some(2.0)` has no fields; nor does a path that is not there.
        assert!(!map.has_named_field("options[1].cost"));
        assert!(!map.has_named_field("settings"));
        let tuple = FieldMap::new("(j: [(\"a\", \"b\", 3.0)])");
        assert!(!tuple.has_named_field("j[0]"));
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "((((",
            "[}",
            "\"unterminated",
            "r#\"x",
            "{:::}",
            "/*",
            &"[".repeat(10_000),
        ] {
            let map = FieldMap::new(text);
            for offset in 0..text.len().min(64) {
                // At most positional places (`.0`, `[0]`): there are no names to find.
                let field = map.field_at(offset);
                assert!(
                    field.is_none_or(|f| !f.chars().any(char::is_alphabetic)),
                    "{text:?} at {offset}: {field:?}"
                );
            }
            // A field that is not there falls back to the whole text, if anything.
            assert!(
                matches!(map.start_of("metadata.title"), None | Some(0)),
                "{text:?}"
            );
        }
        // Cut off inside a list: `a`, `a.b` and the two items are where they start.
        let text = "(a: (b: [1, 2";
        let map = FieldMap::new(text);
        assert_eq!(map.start_of("a"), Some(4));
        assert_eq!(map.start_of("a.b"), Some(8));
        assert_eq!(map.start_of("a.b[1]"), Some(12));
        assert_eq!(map.field_at(12), Some("a.b[1]"));
        assert_eq!(map.start_of("a.c"), Some(4), "falls back to `a`");
    }

    /// Keeping only some fields finds them where keeping all of them does, and keeps no more.
    #[test]
    fn keeping_some_fields_finds_them_where_keeping_all_does() {
        let all = FieldMap::new(TEXT);
        let asked = [
            "options[1].cost",
            "profiles[0].family_weights[\"soc\"]",
            "nowhere.x",
        ];
        let some = FieldMap::of_paths(TEXT, asked);
        for p in asked {
            assert_eq!(some.start_of(p), all.start_of(p), "{p}");
        }
        assert!(some.spans.len() <= 8, "{:?}", some.spans.keys());
        for offset in 0..TEXT.len() {
            let around = FieldMap::around(TEXT, offset);
            assert_eq!(around.field_at(offset), all.field_at(offset), "at {offset}");
            if let Some(f) = all.field_at(offset) {
                let mut p = Some(f);
                while let Some(q) = p {
                    assert_eq!(around.has_named_field(q), all.has_named_field(q), "{q}");
                    p = parent(q);
                }
            }
        }
    }
}
