//! Diagnostics as SARIF 2.1.0, so that code hosts show the findings inline.

use serde_json::{Value as Json, json};

use crate::diagnostic::{Diagnostics, Severity};
use crate::source::{SourceMap, Span};

/// The SARIF log of one run: the tool with its rules (`rules`: code and short description),
/// and one result per diagnostic shown; when a file has more than the cap per file, the
/// run's invocation has a note that counts those left out (`properties.omitted`).
pub fn render(diagnostics: &Diagnostics, sources: &SourceMap, rules: &[(&str, &str)]) -> String {
    let (shown, omitted) = diagnostics.capped(crate::limits::current().max_errors);
    let mut rule_ids: Vec<(&str, &str)> = rules.to_vec();
    // Errors have codes of their own: list them too, so that every result names a rule.
    for diagnostic in &shown {
        if !rule_ids.iter().any(|(id, _)| *id == diagnostic.code) {
            rule_ids.push((diagnostic.code, "An error in the policy"));
        }
    }
    let results: Vec<Json> = shown
        .iter()
        .map(|diagnostic| {
            let mut text = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut result = json!({
                "ruleId": diagnostic.code,
                "ruleIndex": rule_ids.iter().position(|(id, _)| *id == diagnostic.code),
                "level": match diagnostic.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "note",
                },
                "message": { "text": text },
                "locations": diagnostic.primary_span().map(|span| vec![location(sources, span, None)]).unwrap_or_default(),
            });
            let related: Vec<Json> = diagnostic
                .labels
                .iter()
                .skip(1)
                .map(|label| location(sources, label.span, Some(&label.message)))
                .collect();
            if let (false, Some(object)) = (related.is_empty(), result.as_object_mut()) {
                object.insert("relatedLocations".into(), Json::from(related));
            }
            result
        })
        .collect();
    let rules: Vec<Json> = rule_ids
        .iter()
        .map(|(id, description)| {
            json!({
                "id": id,
                "name": id.rsplit("::").next().unwrap_or(id),
                "shortDescription": { "text": description },
            })
        })
        .collect();
    let mut log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "doctrine",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    if !omitted.is_empty()
        && let Some(run) = log.pointer_mut("/runs/0").and_then(Json::as_object_mut)
    {
        let notes: Vec<Json> = omitted
            .iter()
            .map(|left| {
                let uri = left
                    .file
                    .and_then(|file| sources.get(file))
                    .map(|f| f.name.replace('\\', "/"));
                json!({
                    "level": "note",
                    "descriptor": { "id": super::OMITTED_CODE },
                    "message": { "text": super::omitted_message(left, sources) },
                    "locations": uri.map(|uri| vec![json!({
                        "physicalLocation": { "artifactLocation": { "uri": uri } },
                    })]).unwrap_or_default(),
                    "properties": {
                        "omitted": left.total(),
                        "errors": left.errors,
                        "warnings": left.warnings,
                        "notes": left.notes,
                    },
                })
            })
            .collect();
        run.insert(
            "invocations".into(),
            json!([{ "executionSuccessful": true, "toolExecutionNotifications": notes }]),
        );
    }
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// A physical location: the file as given, and the region in 1-based lines and columns.
fn location(sources: &SourceMap, span: Span, message: Option<&str>) -> Json {
    let file = sources.get(span.file);
    let (start_line, start_column) = file.map_or((1, 1), |f| f.line_col(span.start as usize));
    let (end_line, end_column) = file.map_or((1, 1), |f| f.line_col(span.end as usize));
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": file.map(|f| f.name.replace('\\', "/")) },
            "region": {
                "startLine": start_line,
                "startColumn": start_column,
                "endLine": end_line,
                "endColumn": end_column,
            },
        },
    });
    if let (Some(message), Some(object)) = (message, location.as_object_mut()) {
        object.insert("message".into(), json!({ "text": message }));
    }
    location
}
