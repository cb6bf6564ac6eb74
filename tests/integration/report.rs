//! Decision reports: the HTML page loads nothing from outside, and the Markdown parses back
//! (CommonMark with tables) into exactly the text it was given: no markup from a fact value,
//! a label or a message, no broken table.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests may unwrap, index and panic"
)]

use std::process::Command;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const ESCAPING: &str = "tests/cases/report/escaping-markdown";

/// Runs `doctrine eval` and returns its stdout, failing on exit 2.
fn eval(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .arg("eval")
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every fact file of the shipped doctrine's examples and corpus, and the procurement
/// policy's, with its policy (the one example that needs a local amendment left out).
fn examples() -> Vec<(String, String)> {
    let mut files: Vec<_> = ["examples", "examples/corpus"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap().flatten())
        .map(|e| e.path())
        .filter(|p| doctrine::app::inputs::is_fact_file(p))
        .filter(|p| !p.ends_with("two-zones-non-critical.yaml"))
        .collect();
    files.sort();
    let mut cases: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            (
                String::from("policies/cloud-au-centre"),
                f.display().to_string(),
            )
        })
        .collect();
    for file in ["voirie-2025.toml", "infogerance-2026.json"] {
        cases.push((
            String::from("examples/procurement"),
            format!("examples/procurement/facts/{file}"),
        ));
    }
    cases
}

fn escaping(format: &str) -> String {
    eval(&[
        &format!("{ESCAPING}/policy.doctrine"),
        &format!("{ESCAPING}/facts.yaml"),
        "--format",
        format,
        "--on",
        "2024-01-01",
    ])
}

/// The tags a report writes: every `<` of a page opens or closes one of them.
const TAGS: [&str; 28] = [
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "main", "article", "h1", "h2",
    "p", "span", "dl", "dt", "dd", "section", "table", "thead", "tbody", "tr", "th", "td", "ul",
    "li", "strong", "code", "br",
];

fn assert_only_report_tags(html: &str, what: &str) {
    for (at, _) in html.match_indices('<') {
        let rest = &html[at + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(TAGS.contains(&name.as_str()), "{what}: a `<{name}` tag");
    }
}

fn assert_self_contained(html: &str, what: &str) {
    assert_only_report_tags(html, what);
    for needle in [
        "http", "src=", "<link", "@import", "url(", "<script", "<img", "<iframe", "<object",
    ] {
        assert!(
            !html.to_ascii_lowercase().contains(needle),
            "{what}: the page holds `{needle}`"
        );
    }
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\""), "{what}");
    assert_eq!(
        html.matches("<table>").count(),
        html.matches("<thead>").count(),
        "{what}: a table without headers"
    );
}

fn html_reports_load_nothing_from_outside() {
    for (policy, facts) in examples() {
        for lang in ["fr", "en"] {
            let html = eval(&[&policy, &facts, "--format", "html", "--lang", lang]);
            assert_self_contained(&html, &facts);
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{facts}");
        }
    }
    assert_only_report_tags(&escaping("html"), "escaping");
}

fn html_shows_markup_as_text() {
    let html = escaping("html");
    assert!(
        html.contains("&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; | ** `code` [a](b)")
    );
    assert!(html.contains("Name &#60;img src=x onerror=alert(1)&#62; | *star*"));
}

/// A policy whose title, labels and messages, and a fact value, hold quotes, ampersands
/// and markup: the page shows each as text (every `&` starts an entity, no quote or angle
/// bracket outside a tag, and the title of the page escaped too).
fn html_escapes_quotes_ampersands_and_markup() {
    const CASE: &str = "tests/cases/report/escaping-html-quotes";
    let html = eval(&[
        &format!("{CASE}/policy.doctrine"),
        &format!("{CASE}/facts.json"),
        "--format",
        "html",
        "--on",
        "2024-01-01",
    ]);
    assert_only_report_tags(&html, CASE);
    for shown in [
        "<title>Decision — tests/cases/report/escaping-html-quotes/facts.json</title>",
        "Title &#34;q&#34; &#38; &#39;a&#39; &#60;script&#62;alert(1)&#60;/script&#62;",
        "refused &#34;no&#34; &#38; &#60;b&#62;bold&#60;/b&#62;",
        "Rule &#60;script&#62;x&#60;/script&#62;",
        "Name &#34;n&#34; &#60;i&#62;&#38;amp;&#60;/i&#62;",
        "&#60;script&#62;alert(&#34;x&#34; + &#39;y&#39;)&#60;/script&#62; &#38; &#38;lt; &#34;&#62;&#60;img src=x&#62;",
        "is &#34;not&#34; safe &#38; &#60;br&#62;",
        "Text &#38; &#34;one&#34;",
    ] {
        assert!(html.contains(shown), "`{shown}` not in:\n{html}");
    }
    for (at, _) in html.match_indices('&') {
        let entity: String = html[at + 1..].chars().take_while(|c| *c != ';').collect();
        assert!(
            entity
                .strip_prefix('#')
                .is_some_and(|n| n.parse::<u32>().is_ok()),
            "a bare `&` at {at}: {entity}"
        );
    }
    // Between one tag's end and the next tag's start is text: no quote nor bracket there
    // (the style sheet, with its quoted font names, is not text of the report).
    let body = &html[html.find("<body>").unwrap()..];
    for text in body.split('>').filter_map(|piece| piece.split('<').next()) {
        assert!(
            !text.contains(['"', '\'', '<', '>']),
            "unescaped text: {text}"
        );
    }
}

/// The text of a Markdown document as a reader sees it, and its table rows' cell counts.
fn parse(markdown: &str) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut rows = Vec::new();
    let (mut columns, mut cells) = (0, 0);
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            // `<br>` is the one piece of HTML a report writes: a line break in a cell.
            Event::InlineHtml(html) if &*html == "<br>" => text.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) => panic!("markup in the report: {h}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::List(Some(_))) => {
                panic!("a link, an image or a numbered list in the report: {event:?}")
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) => columns = cells,
            Event::End(TagEnd::TableRow) => rows.push((columns, cells)),
            Event::Start(Tag::Heading { .. } | Tag::Item) | Event::End(TagEnd::Paragraph) => {
                text.push('\n');
            }
            _ => {}
        }
    }
    (text, rows)
}

fn markdown_parses_back_into_the_text_given() {
    let (text, rows) = parse(&escaping("markdown"));
    for shown in [
        "<script>alert('x')</script> | ** `code` [a](b)",
        "Name <img src=x onerror=alert(1)> | *star*",
        "Rule *one* | <em>two</em>",
        "refused <script>alert(1)</script>",
        "Manual <script>x</script> | [link](javascript:alert(1)), § 1 | <b>",
        "\n- a list?",
        "Note # heading",
        "Policy <b>bold</b> | pipe *star* & `tick`",
    ] {
        assert!(text.contains(shown), "`{shown}` not in:\n{text}");
    }
    assert!(!rows.is_empty());
    for (columns, cells) in rows {
        assert_eq!(columns, cells, "a row with a cell too many or too few");
    }
}

fn markdown_reports_of_the_examples_parse_cleanly() {
    for (policy, facts) in examples() {
        for lang in ["fr", "en"] {
            let markdown = eval(&[&policy, &facts, "--format", "markdown", "--lang", lang]);
            let (text, rows) = parse(&markdown);
            assert!(text.contains(&facts), "{facts}");
            for (columns, cells) in rows {
                assert_eq!(columns, cells, "{facts}: a broken table row");
            }
        }
    }
}

tests![
    html_reports_load_nothing_from_outside,
    html_shows_markup_as_text,
    html_escapes_quotes_ampersands_and_markup,
    markdown_parses_back_into_the_text_given,
    markdown_reports_of_the_examples_parse_cleanly,
];
