//! Decision reports as one HTML page: inline CSS, no script, no external asset, every text
//! escaped; readable on screen, printable, with a language and table headers for readers.

use std::fmt::Write;

use super::document::{Block, Inline, Report, Tone, TreeItem};
use crate::language::ast::Lang;

/// The page's style: system fonts, verdicts coloured and named, one decision per printed page.
const STYLE: &str = "
:root { color-scheme: light; --ink: #1d2330; --muted: #5a6275; --line: #d5d9e2; --head: #f1f3f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif; color: var(--ink); background: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 2rem 2.5rem 3rem; }
article + article { margin-top: 3rem; padding-top: 2rem; border-top: 3px double var(--line); }
h1 { font-size: 1.5rem; margin: 0 0 .75rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
.headline { font-size: 1.3rem; font-weight: 600; margin: 0 0 1.2rem; padding: .8rem 1.1rem; border-left: .45rem solid; border-radius: .3rem; }
.worst { color: #9b1c1c; background: #fdecec; border-color: #c62828; }
.between { color: #7a4b00; background: #fff3dc; border-color: #e0a100; }
.undecided { color: #3f2d84; background: #efebfa; border-color: #6a52c7; }
.satisfied { color: #1b5e20; background: #e7f4e8; border-color: #2e7d32; }
.inapplicable { color: #414a5c; background: #eef0f4; border-color: #7a8396; }
.verdict { font-weight: 600; padding: 0 .35rem; border-radius: .25rem; white-space: nowrap; }
.headline .verdict { padding: 0; background: none; }
dl.about { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.2rem; margin: 0 0 1rem; }
dl.about dt { color: var(--muted); }
dl.about dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: .4rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border: 1px solid var(--line); }
thead th { background: var(--head); }
tbody th { font-weight: normal; }
tbody tr:nth-child(even) td { background: #fafbfc; }
td, th { overflow-wrap: break-word; }
.rules tbody th { width: 14%; }
.rules td:nth-child(2) { width: 15%; }
.rules td:nth-child(3) { width: 32%; }
.rules td:nth-child(4) { width: 26%; }
.why tbody th { width: 12%; }
.texts td:nth-child(5) { width: 24%; }
.texts td:nth-child(3) { white-space: nowrap; }
.remedies tbody th { width: 2.5rem; }
code { font: .88em/1.4 ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace; background: var(--head); padding: 0 .25rem; border-radius: .2rem; }
.texts code, dd code { overflow-wrap: anywhere; }
ul { padding-left: 1.3rem; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.4rem; margin: .1rem 0; }
ul.tree { padding-left: 0; }
ul.tree ul { border-left: 1px solid var(--line); margin-left: .35rem; padding-left: 1rem; }
ul.tree li { margin: .15rem 0; }
li { margin: .35rem 0; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  article + article { break-before: page; border-top: none; margin-top: 0; padding-top: 0; }
  .verdict { white-space: normal; }
  tr, li, .headline { break-inside: avoid; }
  h2 { break-after: avoid; }
  .headline, .verdict, thead th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
";

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Worst => "worst",
        Tone::Between => "between",
        Tone::Undecided => "undecided",
        Tone::Satisfied => "satisfied",
        Tone::Inapplicable => "inapplicable",
    }
}

fn inlines(line: &[Inline]) -> String {
    let mut out = String::new();
    for inline in line {
        match inline {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Strong(t) => {
                let _ = write!(out, "<strong>{}</strong>", escape(t));
            }
            Inline::Code(t) => {
                let _ = write!(out, "<code>{}</code>", escape(t));
            }
            Inline::Verdict(t, tone) => {
                let _ = write!(
                    out,
                    "<span class=\"verdict {}\">{}</span>",
                    tone_class(*tone),
                    escape(t)
                );
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
    out
}

fn tree(out: &mut String, items: &[TreeItem]) {
    out.push_str("<ul class=\"tree\">\n");
    for item in items {
        let _ = write!(out, "<li>{}", inlines(&item.line));
        if !item.children.is_empty() {
            out.push('\n');
            tree(out, &item.children);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

fn block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph(line) => {
            let _ = writeln!(out, "<p>{}</p>", inlines(line));
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", inlines(item));
            }
            out.push_str("</ul>\n");
        }
        Block::Tree(items) => tree(out, items),
        Block::Table { head, rows } => {
            out.push_str("<table>\n<thead><tr>");
            for h in head {
                let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for (i, cell) in row.iter().enumerate() {
                    // The first column names the row: a header for screen readers.
                    if i == 0 {
                        let _ = write!(out, "<th scope=\"row\">{}</th>", inlines(cell));
                    } else {
                        let _ = write!(out, "<td>{}</td>", inlines(cell));
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
    }
}

fn article(out: &mut String, report: &Report) {
    out.push_str("<article>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&report.title));
    let _ = writeln!(
        out,
        "<p class=\"headline {}\">{}</p>",
        tone_class(report.tone),
        inlines(&report.headline)
    );
    out.push_str("<dl class=\"about\">\n");
    for (label, value) in &report.about {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), inlines(value));
    }
    out.push_str("</dl>\n");
    for section in &report.sections {
        let _ = writeln!(out, "<section class=\"{}\">", section.id);
        let _ = writeln!(out, "<h2>{}</h2>", escape(&section.heading));
        for b in &section.blocks {
            block(out, b);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</article>\n");
}

/// One HTML page holding the report of each decision, in `lang`.
pub fn reports(reports: &[Report], lang: Lang) -> String {
    let title = match reports {
        [one] => one.title.clone(),
        _ => {
            let words = super::words(lang);
            format!("{} ({})", words.titles, reports.len())
        }
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        lang.code(),
        escape(&title)
    );
    for report in reports {
        article(&mut out, report);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn the_style_loads_nothing() {
        for needle in ["http", "url(", "@import", "@font-face"] {
            assert!(!STYLE.contains(needle), "{needle}");
        }
    }
}
