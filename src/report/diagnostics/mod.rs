//! Diagnostics rendered with miette, with the source text of the file they point into.

mod part;
pub mod sarif;

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use self::part::Part;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::source::SourceMap;

/// One diagnostic made ready for miette: its source attached, labels in other files as
/// related reports.
#[derive(Debug)]
struct Rendered {
    message: String,
    code: String,
    help: Option<String>,
    /// `None` for the related reports that only show another place.
    severity: Option<Severity>,
    source: Option<NamedSource<Part>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Rendered>,
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Some(Severity::Error) => miette::Severity::Error,
            Some(Severity::Warning) => miette::Severity::Warning,
            Some(Severity::Note) => miette::Severity::Advice,
            None => miette::Severity::Advice,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

/// The longest source line shown with its underline; past it, only the place is named.
const MAX_SHOWN_LINE: usize = 400;

/// Whether the line a span starts on is short enough to show.
fn showable(sources: &SourceMap, span: crate::source::Span) -> bool {
    let Some(file) = sources.get(span.file) else {
        return false;
    };
    let start = span.start as usize;
    let before = file.text.get(..start).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = file
        .text
        .get(start..)
        .and_then(|rest| rest.find('\n'))
        .map_or(file.text.len(), |i| start + i);
    line_end.saturating_sub(line_start) <= MAX_SHOWN_LINE
}

fn part(file: &crate::source::SourceFile) -> Part {
    Part {
        text: file.text.to_string(),
        lines_before: file.lines_before,
    }
}

fn prepare(diagnostic: &Diagnostic, sources: &SourceMap) -> Rendered {
    if let Some(span) = diagnostic.primary_span()
        && !showable(sources, span)
    {
        return Rendered {
            message: format!("{} (at {})", diagnostic.message, sources.location(span)),
            code: diagnostic.code.to_string(),
            help: diagnostic.help.clone(),
            severity: Some(diagnostic.severity),
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        };
    }
    let primary_file = diagnostic.primary_span().map(|s| s.file);
    let source = primary_file
        .and_then(|file| sources.get(file))
        .map(|f| NamedSource::new(f.name.clone(), part(f)).with_language("doctrine"));
    let mut labels = Vec::new();
    let mut related = Vec::new();
    for label in &diagnostic.labels {
        let span = SourceSpan::new((label.span.start as usize).into(), label.span.len());
        if Some(label.span.file) == primary_file {
            labels.push(LabeledSpan::new_with_span(
                Some(label.message.clone()),
                span,
            ));
        } else {
            related.push(Rendered {
                message: label.message.clone(),
                code: String::new(),
                help: None,
                severity: None,
                source: sources
                    .get(label.span.file)
                    .map(|f| NamedSource::new(f.name.clone(), part(f))),
                labels: vec![LabeledSpan::new_with_span(
                    Some(label.message.clone()),
                    span,
                )],
                related: Vec::new(),
            });
        }
    }
    Rendered {
        message: diagnostic.message.clone(),
        code: diagnostic.code.to_string(),
        help: diagnostic.help.clone(),
        severity: Some(diagnostic.severity),
        source,
        labels,
        related,
    }
}

/// How diagnostics are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ErrorFormat {
    /// Boxes and underlines, for people (colour where the terminal takes it).
    #[default]
    Human,
    /// Plain sentences with file, line and column: for screen readers and logs.
    Plain,
    /// One JSON object per diagnostic, one per line: for tools.
    Json,
}

/// Renders diagnostics in a format.
pub fn render_as(
    diagnostics: &Diagnostics,
    sources: &SourceMap,
    format: ErrorFormat,
    colour: bool,
) -> String {
    match format {
        ErrorFormat::Human => render(diagnostics, sources, colour),
        ErrorFormat::Plain => {
            let handler = miette::NarratableReportHandler::new();
            render_with(diagnostics, sources, &|out, d| {
                handler.render_report(out, d)
            })
        }
        ErrorFormat::Json => render_json(diagnostics, sources),
    }
}

/// One JSON object per line per diagnostic, every place with its file, line and column.
fn render_json(diagnostics: &Diagnostics, sources: &SourceMap) -> String {
    let mut out = String::new();
    for object in to_json(diagnostics, sources) {
        out.push_str(&object.to_string());
        out.push('\n');
    }
    out
}

/// Each diagnostic as a JSON object, every place with its file, line and column.
pub fn to_json(diagnostics: &Diagnostics, sources: &SourceMap) -> Vec<serde_json::Value> {
    let place = |span: crate::source::Span| {
        let file = sources.get(span.file);
        let (line, column) = file.map_or((0, 0), |f| f.line_col(span.start as usize));
        let (end_line, end_column) = file.map_or((0, 0), |f| f.line_col(span.end as usize));
        serde_json::json!({
            "file": file.map(|f| f.name.clone()),
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
        })
    };
    let mut out = Vec::new();
    for diagnostic in &diagnostics.0 {
        let labels: Vec<serde_json::Value> = diagnostic
            .labels
            .iter()
            .map(|label| {
                let mut entry = place(label.span);
                if let Some(object) = entry.as_object_mut() {
                    object.insert("label".into(), serde_json::json!(label.message));
                }
                entry
            })
            .collect();
        let mut object = serde_json::json!({
            "severity": match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            },
            "code": diagnostic.code,
            "message": diagnostic.message,
            "help": diagnostic.help,
            "labels": labels,
        });
        if let (Some(span), Some(map)) = (diagnostic.primary_span(), object.as_object_mut())
            && let Some(primary) = place(span).as_object()
        {
            for (key, value) in primary {
                map.insert(key.clone(), value.clone());
            }
        }
        out.push(object);
    }
    out
}

/// Renders each diagnostic with a handler that writes one report per call.
fn render_with(
    diagnostics: &Diagnostics,
    sources: &SourceMap,
    handler: &dyn Fn(&mut String, &dyn miette::Diagnostic) -> std::fmt::Result,
) -> String {
    let mut out = String::new();
    for diagnostic in &diagnostics.0 {
        let rendered = prepare(diagnostic, sources);
        if handler(&mut out, &rendered).is_err() {
            out.push_str(&diagnostic.message);
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Renders diagnostics for a terminal (`colour`) or a file, with the source underlined.
pub fn render(diagnostics: &Diagnostics, sources: &SourceMap, colour: bool) -> String {
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for (index, diagnostic) in diagnostics.0.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let rendered = prepare(diagnostic, sources);
        if handler.render_report(&mut out, &rendered).is_err() {
            out.push_str(&diagnostic.message);
            out.push('\n');
        }
    }
    out
}
