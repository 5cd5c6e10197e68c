//! Problems found in an input file, each with its place, in the form compilers use:
//! `file:line:column: field: message`.

use std::fmt;

/// One problem in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line and column, when the problem has a place in the text.
    pub location: Option<(usize, usize)>,
    /// Path of the field at fault, e.g. `options[3].provenance`; empty when none applies.
    pub field: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// A problem with no place in the text (e.g. the file cannot be read).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            location: None,
            field: String::new(),
            message: message.into(),
        }
    }

    pub fn line(&self) -> Option<usize> {
        self.location.map(|(l, _)| l)
    }

    pub fn column(&self) -> Option<usize> {
        self.location.map(|(_, c)| c)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.location {
            write!(f, ":{line}:{col}")?;
        }
        f.write_str(": ")?;
        if !self.field.is_empty() {
            write!(f, "{}: ", printable(&self.field))?;
        }
        f.write_str(&printable(&self.message))
    }
}

/// Every problem found in one file; never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn single(d: Diagnostic) -> Self {
        Self {
            diagnostics: vec![d],
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Text from a file made safe to show on a terminal: every control character but the line
/// break (ESC, BEL, carriage return, tab, C1 codes) shown escaped, `\x1b` or `\u{9b}`, so a
/// name cannot move the cursor, retitle the window or hide what precedes it.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            c if c.is_control() && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// 1-based line and column (in characters) of a byte offset in `text`. For many offsets in
/// one text, build a [`LineIndex`] once.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(byte)
}

/// Line and column of byte offsets in one text, each found in time independent of the text's
/// size: the start of every line (binary search) and the count of characters before every
/// block of [`LineIndex::BLOCK`] bytes (columns count characters, not bytes).
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    chars_before_block: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    const BLOCK: usize = 4096;

    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut chars_before_block = Vec::with_capacity(bytes.len() / Self::BLOCK + 1);
        let mut total = 0;
        for block in bytes.chunks(Self::BLOCK) {
            chars_before_block.push(total);
            total += count_chars(block);
        }
        chars_before_block.push(total);
        Self {
            text,
            line_starts,
            chars_before_block,
        }
    }

    /// 1-based line and column (in characters) of byte offset `byte` (clamped to the text).
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        // The last line start at or before `byte`; there is always line 1 at 0.
        let line = self.line_starts.partition_point(|&s| s <= byte).max(1);
        let line_start = self.line_starts[line - 1];
        // A short line is counted directly; a long one through the block counts.
        let chars = if byte - line_start <= Self::BLOCK {
            count_chars(&self.text.as_bytes()[line_start..byte])
        } else {
            self.chars_before(byte) - self.chars_before(line_start)
        };
        let col = chars + 1;
        (line, col)
    }

    /// Characters in `text[..byte]`, `byte` on a character boundary.
    fn chars_before(&self, byte: usize) -> usize {
        let block = byte / Self::BLOCK;
        let from = block * Self::BLOCK;
        self.chars_before_block.get(block).copied().unwrap_or(0)
            + count_chars(&self.text.as_bytes()[from..byte])
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Most problems listed for one file; past it, one line says how many more there are.
pub const MAX_PROBLEMS: usize = 1000;

/// `diagnostics` with at most [`MAX_PROBLEMS`] listed, then one saying how many were left out.
pub fn capped(diagnostics: Vec<Diagnostic>, file: &str) -> Vec<Diagnostic> {
    let total = diagnostics.len();
    capped_of(diagnostics, total, file)
}

/// [`capped`] for the first of `total` problems (the rest were never made into diagnostics).
pub fn capped_of(mut diagnostics: Vec<Diagnostic>, total: usize, file: &str) -> Vec<Diagnostic> {
    if total > MAX_PROBLEMS {
        diagnostics.truncate(MAX_PROBLEMS);
        diagnostics.push(Diagnostic::whole_file(
            file,
            format!(
                "… and {} more problems not listed (the first {MAX_PROBLEMS} are shown)",
                total - MAX_PROBLEMS
            ),
        ));
    }
    diagnostics
}

/// The text of a file as UTF-8, or a diagnostic at the first byte that is not.
pub(crate) fn utf8<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, LoadError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let text = std::str::from_utf8(good).unwrap_or("");
        LoadError::single(Diagnostic {
            file: file.to_string(),
            location: Some(line_col(text, text.len())),
            field: String::new(),
            message: "the file is not UTF-8 text (is it a scenario file?)".to_string(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_file_line_column_field_and_message() {
        let d = Diagnostic {
            file: "a.ron".into(),
            location: Some((3, 7)),
            field: "options[0].id".into(),
            message: "duplicate id".into(),
        };
        assert_eq!(d.to_string(), "a.ron:3:7: options[0].id: duplicate id");
        assert_eq!(
            Diagnostic::whole_file("b", "too big").to_string(),
            "b: too big"
        );
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\n¶¶x";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, text.len() - 1), (2, 3));
    }

    /// The index agrees with counting from the start, at every offset of a text whose lines
    /// and multi-byte characters straddle the index's blocks.
    #[test]
    fn the_line_index_agrees_with_counting_from_the_start() {
        let brute = |text: &str, byte: usize| {
            let mut byte = byte.min(text.len());
            while !text.is_char_boundary(byte) {
                byte -= 1;
            }
            let before = &text[..byte];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            (line, before[line_start..].chars().count() + 1)
        };
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(["a", "¶", "水", "🌊", "\n", "bc"][i % 6]);
            if i % 997 == 0 {
                text.push_str(&"x".repeat(5000));
            }
        }
        let index = LineIndex::new(&text);
        for byte in (0..=text.len() + 2).step_by(7).chain([0, text.len()]) {
            assert_eq!(index.line_col(byte), brute(&text, byte), "at {byte}");
        }
        assert_eq!(LineIndex::new("").line_col(5), (1, 1));
    }

    #[test]
    fn past_the_limit_problems_are_counted_not_listed() {
        let many: Vec<Diagnostic> = (0..MAX_PROBLEMS + 5)
            .map(|i| Diagnostic::whole_file("f", format!("p{i}")))
            .collect();
        let shown = capped(many, "f");
        assert_eq!(shown.len(), MAX_PROBLEMS + 1);
        assert_eq!(
            shown[MAX_PROBLEMS - 1].message,
            format!("p{}", MAX_PROBLEMS - 1)
        );
        assert!(shown[MAX_PROBLEMS].message.contains("5 more problems"));
        assert_eq!(capped(shown[..3].to_vec(), "f").len(), 3);
    }
}
