//! Test-suite results as JUnit XML, the format CI systems read: one `testsuite`, one
//! `testcase` per case, with a `failure` or an `error` element.

use std::fmt::Write;

use super::text::Summary;
use crate::source::SourceMap;
use crate::testing::{CaseReport, Outcome};

/// Escapes text for XML content and attribute values. Characters XML 1.0 cannot hold at
/// all (control characters other than tab and line breaks) become U+FFFD: a fact file
/// may hold anything, and the report must stay well-formed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // A parser would turn a carriage return into a line feed.
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for an attribute value, where a parser would turn tabs and line breaks
/// into spaces.
fn attribute(text: &str) -> String {
    escape(text).replace('\n', "&#10;").replace('\t', "&#9;")
}

/// The suite as JUnit XML, `suite` naming the `testsuite` (the policy's id). A failure's
/// message counts the differences and its body lists them; an error's message is its
/// first diagnostic and its body the diagnostics as a terminal shows them, uncoloured.
pub fn junit(cases: &[CaseReport], suite: &str, sources: &SourceMap) -> String {
    let summary = Summary::of(cases);
    let total = cases.len();
    let suite = attribute(suite);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let counts = format!(
        "tests=\"{total}\" failures=\"{}\" errors=\"{}\"",
        summary.failed, summary.errors
    );
    let _ = writeln!(out, "<testsuites name=\"doctrine test\" {counts}>");
    let _ = writeln!(out, "  <testsuite name=\"{suite}\" {counts} skipped=\"0\">");
    for case in cases {
        let name = attribute(&case.path);
        let open = format!("    <testcase name=\"{name}\" classname=\"{suite}\"");
        match &case.outcome {
            Outcome::Passed => {
                let _ = writeln!(out, "{open}/>");
            }
            Outcome::Failed(failures) => {
                let body: Vec<String> = failures.iter().map(ToString::to_string).collect();
                let what = if failures.len() == 1 {
                    "field differs"
                } else {
                    "fields differ"
                };
                let _ = writeln!(out, "{open}>");
                let _ = writeln!(
                    out,
                    "      <failure type=\"mismatch\" message=\"{} {what} from the expectation\">{}</failure>",
                    failures.len(),
                    escape(&body.join("\n"))
                );
                let _ = writeln!(out, "    </testcase>");
            }
            Outcome::Error(diagnostics) => {
                let brief = super::json::brief(diagnostics, sources);
                let message = brief.first().map_or("", String::as_str);
                let kind = diagnostics.0.first().map_or("doctrine", |d| d.code);
                let body = crate::report::diagnostics::render(diagnostics, sources, false);
                let _ = writeln!(out, "{open}>");
                let _ = writeln!(
                    out,
                    "      <error type=\"{}\" message=\"{}\">{}</error>",
                    attribute(kind),
                    attribute(message),
                    escape(&body)
                );
                let _ = writeln!(out, "    </testcase>");
            }
        }
    }
    let _ = writeln!(out, "  </testsuite>");
    let _ = writeln!(out, "</testsuites>");
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests may unwrap")]

    use super::*;
    use crate::diagnostic::{Diagnostic, Diagnostics};
    use crate::testing::{Failure, Shown};

    #[test]
    fn the_report_is_well_formed_xml_and_keeps_every_character() {
        let awkward = "a<b>&\"c\"'d'\u{1}é\r\n\tz";
        let cases = vec![
            CaseReport {
                path: String::from("ok & fine.yaml"),
                outcome: Outcome::Passed,
            },
            CaseReport {
                path: String::from("<bad>.yaml"),
                outcome: Outcome::Failed(vec![Failure {
                    field: String::from("decision"),
                    expected: Shown::Text(awkward.into()),
                    actual: Shown::Text(String::from("compliant")),
                }]),
            },
            CaseReport {
                path: String::from("error.json"),
                outcome: Outcome::Error(Diagnostics::from(Diagnostic::error(
                    "doctrine::test",
                    awkward,
                ))),
            },
        ];
        let xml = junit(&cases, "policy \"x\"", &SourceMap::new());
        let document = roxmltree::Document::parse(&xml).unwrap();
        let root = document.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        assert_eq!(root.attribute("tests"), Some("3"));
        assert_eq!(root.attribute("failures"), Some("1"));
        assert_eq!(root.attribute("errors"), Some("1"));
        let suite = root.first_element_child().unwrap();
        assert_eq!(suite.attribute("name"), Some("policy \"x\""));
        let names: Vec<&str> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .filter_map(|n| n.attribute("name"))
            .collect();
        assert_eq!(names, ["ok & fine.yaml", "<bad>.yaml", "error.json"]);
        let failure = document
            .descendants()
            .find(|n| n.has_tag_name("failure"))
            .unwrap();
        assert_eq!(
            failure.text(),
            Some("decision: expected a<b>&\"c\"'d'\u{fffd}é\r\n\tz, got compliant")
        );
        let error = document
            .descendants()
            .find(|n| n.has_tag_name("error"))
            .unwrap();
        assert_eq!(
            error.attribute("message"),
            Some("a<b>&\"c\"'d'\u{fffd}é\r\n\tz")
        );
        assert_eq!(error.attribute("type"), Some("doctrine::test"));
    }
}
