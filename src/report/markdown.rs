//! The briefing as GitHub-flavoured Markdown: the same sections and tables as the HTML, charts
//! named in a note. Scenario text is escaped so that it stays text: Markdown and HTML markup,
//! and the `|` that would split a table cell, are backslash-escaped; line breaks become spaces.

use super::Briefing;
use super::layout::{Block, Chart, Span, blocks, numeric_column};
use crate::i18n::Lang;

/// Characters that Markdown (or inline HTML) could read as markup. All are ASCII punctuation,
/// which CommonMark lets a backslash escape.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '&', '~', '#', '!',
];

/// One line of inline text, trimmed: whitespace runs (line breaks included) become one space,
/// control characters go, and markup characters are backslash-escaped.
pub(crate) fn inline(s: &str) -> String {
    run(s).trim().to_string()
}

/// As [`inline`], but keeps one space where `s` starts or ends with whitespace, for text that
/// is joined to other runs.
fn run(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if c.is_control() {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    if space {
        out.push(' ');
    }
    out
}

/// Inline text that starts a paragraph or list item: also escapes what would begin a list,
/// a heading underline or a numbered item there.
fn leading(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some('-' | '+' | '=') => format!("\\{s}"),
        Some(c) if c.is_ascii_digit() => {
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            let rest = &s[digits.len()..];
            if rest.starts_with('.') || rest.starts_with(')') {
                format!("{digits}\\{rest}")
            } else {
                s
            }
        }
        _ => s,
    }
}

fn spans(s: &[Span]) -> String {
    let text: String = s
        .iter()
        .map(|s| match s {
            Span::Text(t) => run(t),
            Span::Strong(t) => {
                // Emphasis markers must touch the text: spaces go outside them.
                let t = run(t);
                let before = if t.starts_with(' ') { " " } else { "" };
                let after = if t.ends_with(' ') { " " } else { "" };
                format!("{before}**{}**{after}", t.trim())
            }
        })
        .collect();
    leading(text.trim().to_string())
}

/// The briefing as Markdown.
pub fn to_markdown(b: &Briefing) -> String {
    let mut out = String::with_capacity(32 * 1024);
    for block in &blocks(b) {
        write_block(block, b.lang, &mut out);
    }
    // One trailing line break.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn write_block(block: &Block, lang: Lang, out: &mut String) {
    match block {
        Block::Heading(level, _, text) => {
            out.push_str(&"#".repeat(usize::from(*level)));
            out.push(' ');
            out.push_str(&inline(text));
            out.push_str("\n\n");
        }
        Block::Paragraph(s) => {
            out.push_str(&spans(s));
            out.push_str("\n\n");
        }
        Block::List(items) | Block::Facts(items) => {
            for item in items {
                out.push_str("- ");
                out.push_str(&spans(item));
                out.push('\n');
            }
            out.push('\n');
        }
        Block::Table(_, t) => {
            if !t.caption.is_empty() {
                out.push_str(&format!("*{}*\n\n", inline(&t.caption)));
            }
            let row = |cells: &mut dyn Iterator<Item = String>| {
                let mut line = String::from("|");
                for c in cells {
                    line.push(' ');
                    line.push_str(&c);
                    line.push_str(" |");
                }
                line.push('\n');
                line
            };
            let width = t.header.len();
            out.push_str(&row(&mut t.header.iter().map(|h| inline(h))));
            out.push_str(&row(&mut (0..width).map(|k| {
                if numeric_column(t, k) {
                    "---:".to_string()
                } else {
                    "---".to_string()
                }
            })));
            for r in &t.rows {
                // Every row has the header's width, whatever the data: a short row is padded,
                // a long one cut, so the table stays a table.
                out.push_str(&row(
                    &mut (0..width).map(|k| r.get(k).map_or_else(String::new, |c| inline(c)))
                ));
            }
            out.push('\n');
        }
        Block::Code(code) => {
            // A fence longer than any run of backticks inside, so nothing closes it early.
            let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            let one_line: String = code.chars().filter(|c| !c.is_control()).collect();
            out.push_str(&format!("{fence}sh\n{one_line}\n{fence}\n\n"));
        }
        Block::Chart(chart, text) => {
            let name = match chart {
                Chart::Ranking => "Ranking chart",
                Chart::Weights => "Weights chart",
                Chart::Tornado => "Tornado chart",
                Chart::Acceptability => "Rank acceptability chart",
                Chart::Agreement => "Agreement chart",
                Chart::Frontier => crate::i18n::portfolio_report::texts(lang).chart_name,
            };
            out.push_str(&format!(
                "*{name} (drawn in the HTML briefing): {}*\n\n",
                inline(text)
            ));
        }
        Block::Aside(_, title, body) => {
            out.push_str(&format!("## {}\n\n", inline(title)));
            let mut inner = String::new();
            for b in body {
                write_block(b, lang, &mut inner);
            }
            for line in inner.trim_end().lines() {
                if line.is_empty() {
                    out.push_str(">\n");
                } else {
                    out.push_str("> ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_is_one_line_with_markup_escaped() {
        assert_eq!(inline("a | b\nc"), "a \\| b c");
        assert_eq!(
            inline("<script>x</script> & *y*"),
            "\\<script\\>x\\</script\\> \\& \\*y\\*"
        );
        assert_eq!(inline("  two  words \r\n"), "two words");
    }

    #[test]
    fn paragraph_starts_that_would_be_markup_are_escaped() {
        assert_eq!(leading("- not a list".into()), "\\- not a list");
        assert_eq!(leading("12. not numbered".into()), "12\\. not numbered");
        assert_eq!(leading("2019 was".into()), "2019 was");
    }
}
