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

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, col)
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
}
