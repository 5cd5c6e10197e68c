//! The briefing as one self-contained HTML file: inline CSS that prints well, tables with
//! header cells (they paste into a word processor as tables), charts as inline SVG, no scripts
//! and nothing fetched. The markup is also well-formed XML (void elements self-closed, only
//! XML's own entities), which the tests check with a strict parser.

use super::layout::{Block, Span, blocks, numeric_column};
use super::{Briefing, Table, charts};

/// The most columns a table shows side by side, its row header included: about what the text
/// of an A4 page holds at the table's type size. A wider table is split into parts of at
/// most this many columns, each repeating the row header (see [`parts`]).
const MAX_COLUMNS: usize = 6;

/// The row header's share of a split table's width; the other columns share the rest.
const ROW_HEADER_WIDTH: &str = "24%";

const CSS: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif;
  color: #1b1b1b; line-height: 1.45; margin: 0; background: #fff; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .6rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid #c8c8c8; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
ul.facts { list-style: none; padding: 0; margin: 0 0 1rem; }
ul.facts li { display: inline-block; margin-right: 1.5rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: .4rem 0 1.2rem; font-size: .9em; max-width: 100%; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 .3rem; }
th, td { border: 1px solid #b9b9b9; padding: .25rem .5rem; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
table.wide { table-layout: fixed; width: 100%; }
table.wide th, table.wide td { overflow-wrap: anywhere; hyphens: auto; padding: .25rem .35rem; }
table.wide td.num { white-space: normal; }
thead th { background: #eef1f4; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
figure { margin: 1rem 0 1.5rem; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #444; margin-top: .3rem; }
aside.box { border: 2px solid #b36b00; background: #fff8eb; padding: .2rem 1.2rem .6rem; margin: 2rem 0; }
aside.box h2 { border-bottom: none; margin-top: .8rem; }
p.chart-error { color: #a00; }
pre.command { background: #f3f4f6; border: 1px solid #d5d8dc; padding: .5rem .7rem; font-size: .85em;
  white-space: pre-wrap; overflow-wrap: anywhere; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, figure, aside.box { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  aside.box { background: none; }
}
@page { size: A4; margin: 18mm; }
";

/// Escapes text for HTML content and attribute values (`& < > " '`), and drops control
/// characters other than tab and line breaks, which XML does not allow.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The briefing as a self-contained HTML document.
pub fn to_html(b: &Briefing) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    out.push_str(&format!(
        "<meta name=\"generator\" content=\"Tideline {}\"/>\n",
        env!("CARGO_PKG_VERSION")
    ));
    out.push_str(&format!(
        "<title>{}: briefing</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        escape(&b.title)
    ));
    for block in &blocks(b) {
        write_block(b, block, &mut out);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn spans(s: &[Span]) -> String {
    s.iter()
        .map(|s| match s {
            Span::Text(t) => escape(t),
            Span::Strong(t) => format!("<strong>{}</strong>", escape(t)),
        })
        .collect()
}

fn id_attr(id: &str) -> String {
    if id.is_empty() {
        String::new()
    } else {
        format!(" id=\"{}\"", escape(id))
    }
}

fn write_block(b: &Briefing, block: &Block, out: &mut String) {
    match block {
        Block::Heading(level, id, text) => out.push_str(&format!(
            "<h{level}{}>{}</h{level}>\n",
            id_attr(id),
            escape(text)
        )),
        Block::Paragraph(s) => out.push_str(&format!("<p>{}</p>\n", spans(s))),
        Block::List(items) | Block::Facts(items) => {
            out.push_str(if matches!(block, Block::Facts(_)) {
                "<ul class=\"facts\">\n"
            } else {
                "<ul>\n"
            });
            for item in items {
                out.push_str(&format!("<li>{}</li>\n", spans(item)));
            }
            out.push_str("</ul>\n");
        }
        Block::Table(id, t) => {
            let split = parts(t.header.len());
            for (k, columns) in split.iter().enumerate() {
                let caption = if split.len() == 1 {
                    t.caption.clone()
                } else {
                    format!("{} (part {} of {})", t.caption, k + 1, split.len())
                };
                let anchor = if k == 0 {
                    format!("table-{id}")
                } else {
                    format!("table-{id}-{}", k + 1)
                };
                write_table(t, columns, &caption, &anchor, split.len() > 1, out);
            }
        }
        Block::Code(code) => out.push_str(&format!(
            "<pre class=\"command\"><code>{}</code></pre>\n",
            escape(code)
        )),
        Block::Chart(chart, text) => match charts::svg(b, *chart) {
            Ok(svg) => {
                // Name the picture for screen readers; the SVG itself is plotters' output.
                let svg = svg.replacen(
                    "<svg ",
                    &format!("<svg role=\"img\" aria-label=\"{}\" ", escape(text)),
                    1,
                );
                out.push_str(&format!(
                    "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
                    svg.trim_end(),
                    escape(text)
                ));
            }
            Err(e) => out.push_str(&format!("<p class=\"chart-error\">{}</p>\n", escape(&e))),
        },
        Block::Aside(id, title, body) => {
            out.push_str(&format!(
                "<aside class=\"box\"{}>\n<h2>{}</h2>\n",
                id_attr(id),
                escape(title)
            ));
            for inner in body {
                write_block(b, inner, out);
            }
            out.push_str("</aside>\n");
        }
    }
}

/// The columns of each part of a table of `n` columns: one part when it fits in
/// [`MAX_COLUMNS`], else as few parts as it takes, of sizes as even as can be, each starting
/// with the row header (column 0) and then the next columns in order.
fn parts(n: usize) -> Vec<Vec<usize>> {
    if n <= MAX_COLUMNS {
        return vec![(0..n).collect()];
    }
    let rest = n - 1;
    let per = MAX_COLUMNS - 1;
    let count = rest.div_ceil(per);
    let mut out = Vec::with_capacity(count);
    let mut next = 1;
    for k in 0..count {
        // The first `rest % count` parts take one column more.
        let size = rest / count + usize::from(k < rest % count);
        out.push(std::iter::once(0).chain(next..next + size).collect());
        next += size;
    }
    out
}

/// One `<table>` with the given columns of `t`. A part of a split table has a fixed layout
/// (`class="wide"`): the row header takes [`ROW_HEADER_WIDTH`], the rest share the remainder,
/// and long words wrap, so the table never runs past the page.
fn write_table(
    t: &Table,
    columns: &[usize],
    caption: &str,
    anchor: &str,
    wide: bool,
    out: &mut String,
) {
    let numeric: Vec<bool> = (0..t.header.len()).map(|k| numeric_column(t, k)).collect();
    let class = |k: usize| {
        if numeric.get(k).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        }
    };
    out.push_str(&format!(
        "<div class=\"table-wrap\"><table{}{}>\n<caption>{}</caption>\n",
        id_attr(anchor),
        if wide { " class=\"wide\"" } else { "" },
        escape(caption)
    ));
    if wide {
        out.push_str(&format!(
            "<colgroup><col style=\"width: {ROW_HEADER_WIDTH}\"/>{}</colgroup>\n",
            "<col/>".repeat(columns.len().saturating_sub(1))
        ));
    }
    out.push_str("<thead><tr>");
    for &k in columns {
        let h = t.header.get(k).map_or("", String::as_str);
        out.push_str(&format!("<th scope=\"col\"{}>{}</th>", class(k), escape(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for &k in columns {
            let cell = escape(row.get(k).map_or("", String::as_str));
            if k == 0 {
                out.push_str(&format!("<th scope=\"row\"{}>{cell}</th>", class(k)));
            } else {
                out.push_str(&format!("<td{}>{cell}</td>", class(k)));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_control_characters() {
        assert_eq!(
            escape("<script>a & \"b\" 'c'</script>\u{1}"),
            "&lt;script&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/script&gt;"
        );
        assert_eq!(escape("¶11(d) 中文\n"), "¶11(d) 中文\n");
    }

    #[test]
    fn wide_tables_split_into_even_parts_that_repeat_the_row_header() {
        assert_eq!(parts(3), vec![vec![0, 1, 2]]);
        assert_eq!(parts(MAX_COLUMNS).len(), 1);
        for n in MAX_COLUMNS + 1..40 {
            let p = parts(n);
            // Every column once, in order, after the repeated row header.
            let rest: Vec<usize> = p.iter().flat_map(|c| c[1..].to_vec()).collect();
            assert_eq!(rest, (1..n).collect::<Vec<_>>());
            assert!(p.iter().all(|c| c[0] == 0 && c.len() <= MAX_COLUMNS));
            // As few parts as it takes, sizes within one of each other.
            assert_eq!(p.len(), (n - 1).div_ceil(MAX_COLUMNS - 1));
            let sizes: Vec<usize> = p.iter().map(Vec::len).collect();
            let (lo, hi) = (sizes.iter().min(), sizes.iter().max());
            assert!(
                hi.zip(lo).is_some_and(|(h, l)| h - l <= 1),
                "{n}: {sizes:?}"
            );
        }
    }
}
