//! Decision reports as Markdown (CommonMark with GitHub tables): every text escaped, so that
//! no fact value, label or message can add markup, break a table or hide a line.

use std::fmt::Write;

use super::document::{Block, Inline, Report, TreeItem};

/// Where an inline is written: table cells cannot hold a line break nor a bare `|`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Line,
    Item,
    Cell,
}

/// Escapes plain text that begins a line: each character that could start markup gets a
/// backslash, and a line break becomes a space (a report's line holds one thought).
pub fn escape(text: &str) -> String {
    escape_at(text, true)
}

/// Escapes plain text; `line_start`: the text begins a line, where `#`, `-`, `+`, `=` and
/// `1.` would start a block.
fn escape_at(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = line_start;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = if c == '\n' || c == '\r' { ' ' } else { c };
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            // These start a block only at the beginning of a line: a text may land there.
            '#' | '-' | '+' | '=' if start => {
                out.push('\\');
                out.push(c);
            }
            c if start && c.is_ascii_digit() => {
                out.push(c);
                // "1." or "1)" would start a numbered list.
                while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    out.push(d);
                    chars.next();
                }
                if let Some(&d) = chars.peek().filter(|d| matches!(d, '.' | ')')) {
                    out.push('\\');
                    out.push(d);
                    chars.next();
                }
            }
            c => out.push(c),
        }
        start = start && c == ' ';
    }
    out
}

/// A code span holding `text` as it is: a fence longer than any run of backticks in it.
fn code(text: &str, place: Place) -> String {
    let text = text.replace(['\n', '\r'], " ");
    if text.is_empty() {
        return String::new();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) {
        " "
    } else {
        ""
    };
    // In a table, GitHub splits cells on `|` even inside code: it must be escaped there.
    let body = if place == Place::Cell {
        text.replace('|', "\\|")
    } else {
        text
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

fn inlines(line: &[Inline], place: Place) -> String {
    let mut out = String::new();
    // Table cells hold inlines only: nothing there starts a block.
    let mut start = place != Place::Cell;
    for inline in line {
        match inline {
            Inline::Text(t) => out.push_str(&escape_at(t, start)),
            Inline::Strong(t) | Inline::Verdict(t, _) if !t.trim().is_empty() => {
                let _ = write!(out, "**{}**", escape_at(t.trim(), false));
            }
            Inline::Strong(t) | Inline::Verdict(t, _) => out.push_str(&escape_at(t, start)),
            Inline::Code(t) => out.push_str(&code(t, place)),
            Inline::Break => out.push_str(match place {
                Place::Cell => "<br>",
                Place::Item => "\\\n  ",
                Place::Line => "\\\n",
            }),
        }
        start = place != Place::Cell && *inline == Inline::Break;
    }
    out
}

fn flat(line: &[Inline]) -> String {
    line.iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Strong(t) | Inline::Code(t) | Inline::Verdict(t, _) => {
                t.as_str()
            }
            Inline::Break => " ",
        })
        .collect()
}

fn block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph(line) => {
            let _ = writeln!(out, "{}\n", inlines(line, Place::Line));
        }
        Block::List(items) => {
            for item in items {
                let _ = writeln!(out, "- {}", inlines(item, Place::Item));
            }
            out.push('\n');
        }
        Block::Tree(items) => {
            tree(out, items, 0);
            out.push('\n');
        }
        Block::Table { head, rows } => {
            let head: Vec<String> = head.iter().map(|h| escape(h)).collect();
            let _ = writeln!(out, "| {} |", head.join(" | "));
            let _ = writeln!(out, "|{}", " --- |".repeat(head.len()));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| inlines(c, Place::Cell)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
            out.push('\n');
        }
    }
}

/// Nested lists: each level indented by the width of its parent's marker.
fn tree(out: &mut String, items: &[TreeItem], depth: usize) {
    for item in items {
        let _ = writeln!(
            out,
            "{}- {}",
            "  ".repeat(depth),
            inlines(&item.line, Place::Item)
                .replace("\n  ", &format!("\n{}", "  ".repeat(depth + 1)))
        );
        tree(out, &item.children, depth + 1);
    }
}

/// One decision report.
pub fn report(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&report.title));
    let _ = writeln!(out, "**{}**\n", escape(flat(&report.headline).trim()));
    let colon = report.words().colon;
    for (label, value) in &report.about {
        let _ = writeln!(
            out,
            "- **{}**{}{}",
            escape(label),
            escape(colon),
            inlines(value, Place::Item)
        );
    }
    out.push('\n');
    for section in &report.sections {
        let _ = writeln!(out, "## {}\n", escape(&section.heading));
        for b in &section.blocks {
            block(&mut out, b);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Several reports, one after the other, separated by a rule.
pub fn reports(reports: &[Report]) -> String {
    reports
        .iter()
        .map(report)
        .collect::<Vec<_>>()
        .join("\n---\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>a|b*c_d</script>"),
            "\\<script\\>a\\|b\\*c\\_d\\</script\\>"
        );
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("12. point"), "12\\. point");
        assert_eq!(escape("a - b 12. c"), "a - b 12. c");
        assert_eq!(escape("# title\nnext"), "\\# title next");
        assert_eq!(escape("[x](javascript:y)"), "\\[x\\](javascript:y)");
        assert_eq!(escape_at(" = 3", false), " = 3");
        assert_eq!(escape_at("- 3", true), "\\- 3");
    }

    #[test]
    fn code_spans_hold_backticks_and_pipes() {
        assert_eq!(code("a`b", Place::Line), "``a`b``");
        assert_eq!(code("`a", Place::Line), "`` `a ``");
        assert_eq!(code("a|b", Place::Cell), "`a\\|b`");
        assert_eq!(code("a|b", Place::Item), "`a|b`");
    }

    #[test]
    fn a_cell_never_breaks_its_row() {
        let line = [
            Inline::Text("x|y\nz".into()),
            Inline::Break,
            Inline::Code("p|q".into()),
        ];
        let cell = inlines(&line, Place::Cell);
        assert!(!cell.contains('\n'));
        assert_eq!(cell.matches('|').count(), cell.matches("\\|").count());
    }
}
