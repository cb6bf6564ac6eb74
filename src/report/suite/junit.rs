//! Test-suite results as JUnit XML, the format CI systems read: one `testsuite`, one
//! `testcase` per case, with a `failure` or an `error` element.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::text::Summary;
use crate::analysis::testing::{CaseReport, Outcome};
use crate::source::SourceMap;

/// Replaces the characters XML 1.0 cannot hold at all, even escaped (control characters
/// other than tab and line breaks), by U+FFFD: a fact file may hold anything, and the
/// report must stay well-formed. The XML writer escapes the rest.
fn xml_chars(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// The suite as JUnit XML, `suite` naming the `testsuite` (the policy's id). A failure's
/// message counts the differences and its body lists them; an error's message is its
/// first diagnostic and its body the diagnostics as a terminal shows them, uncoloured.
pub fn junit(cases: &[CaseReport], suite: &str, sources: &SourceMap) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into memory does not fail.
    let _ = write(&mut writer, cases, &xml_chars(suite), sources);
    let mut out = String::from_utf8_lossy(&writer.into_inner()).into_owned();
    out.push('\n');
    out
}

fn write(
    writer: &mut Writer<Vec<u8>>,
    cases: &[CaseReport],
    suite: &str,
    sources: &SourceMap,
) -> io::Result<()> {
    let summary = Summary::of(cases);
    let (total, failed, errors) = (
        cases.len().to_string(),
        summary.failed.to_string(),
        summary.errors.to_string(),
    );
    let counts = [
        ("tests", total.as_str()),
        ("failures", failed.as_str()),
        ("errors", errors.as_str()),
    ];
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("testsuites")
        .with_attribute(("name", "doctrine test"))
        .with_attributes(counts)
        .write_inner_content(|writer| {
            writer
                .create_element("testsuite")
                .with_attribute(("name", suite))
                .with_attributes(counts)
                .with_attribute(("skipped", "0"))
                .write_inner_content(|writer| {
                    cases
                        .iter()
                        .try_for_each(|case| testcase(writer, case, suite, sources))
                })?;
            Ok(())
        })?;
    Ok(())
}

fn testcase(
    writer: &mut Writer<Vec<u8>>,
    case: &CaseReport,
    suite: &str,
    sources: &SourceMap,
) -> io::Result<()> {
    let name = xml_chars(&case.path);
    let element = writer
        .create_element("testcase")
        .with_attribute(("name", name.as_str()))
        .with_attribute(("classname", suite));
    match &case.outcome {
        Outcome::Passed => {
            element.write_empty()?;
        }
        Outcome::Failed(failures) => {
            let body: Vec<String> = failures.iter().map(ToString::to_string).collect();
            let what = if failures.len() == 1 {
                "field differs"
            } else {
                "fields differ"
            };
            let message = format!("{} {what} from the expectation", failures.len());
            let body = xml_chars(&body.join("\n"));
            element.write_inner_content(|writer| {
                writer
                    .create_element("failure")
                    .with_attribute(("type", "mismatch"))
                    .with_attribute(("message", message.as_str()))
                    .write_text_content(BytesText::new(&body))?;
                Ok(())
            })?;
        }
        Outcome::Error(diagnostics) => {
            let brief = super::json::brief(diagnostics, sources);
            let message = xml_chars(brief.first().map_or("", String::as_str));
            let kind = xml_chars(diagnostics.0.first().map_or("doctrine", |d| d.code));
            let body = xml_chars(&crate::report::diagnostics::render(
                diagnostics,
                sources,
                false,
            ));
            element.write_inner_content(|writer| {
                writer
                    .create_element("error")
                    .with_attribute(("type", kind.as_str()))
                    .with_attribute(("message", message.as_str()))
                    .write_text_content(BytesText::new(&body))?;
                Ok(())
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests may unwrap")]

    use super::*;
    use crate::analysis::testing::{Failure, Shown};
    use crate::diagnostic::{Diagnostic, Diagnostics};

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
