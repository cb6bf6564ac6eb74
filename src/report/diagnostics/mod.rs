//! Diagnostics rendered with miette, with the source text of the file they point into.

mod part;
pub mod sarif;

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use std::collections::HashMap;
use std::sync::Arc;

use self::part::{Part, Shown};
use crate::diagnostic::{Diagnostic, Diagnostics, Omitted, Severity};
use crate::language::value::group_digits;
use crate::report::escape::{visible, visible_line};
use crate::source::{FileId, SourceMap, Span};

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
fn showable(sources: &SourceMap, span: Span) -> bool {
    sources
        .get(span.file)
        .is_some_and(|file| file.line_range(span.start as usize).len() <= MAX_SHOWN_LINE)
}

/// The most lines a label underlines; a longer one (a whole rule, a block of forty lines)
/// underlines its first line only, so that a diagnostic shows each place it names with a
/// little context, not every line between. Labels far apart are already shown apart (miette
/// joins two places only when their lines of context meet).
const MAX_LABEL_LINES: usize = 6;

/// The offsets a label underlines: its span, or the first line of a span longer than
/// [`MAX_LABEL_LINES`].
fn underlined(sources: &SourceMap, span: Span) -> (usize, usize) {
    let (start, end) = (span.start as usize, span.end as usize);
    let Some(file) = sources.get(span.file) else {
        return (start, end);
    };
    let (first, _) = file.line_col(start);
    let (last, _) = file.line_col(end);
    if last.saturating_sub(first) < MAX_LABEL_LINES {
        return (start, end);
    }
    (start, file.line_range(start).end.max(start))
}

/// The texts shown of the files of one rendering, each escaped once however many
/// diagnostics point into it.
#[derive(Default)]
struct Texts(HashMap<FileId, Arc<Shown>>);

impl Texts {
    fn part(&mut self, sources: &SourceMap, file: FileId) -> Option<(String, Part)> {
        let source = sources.get(file)?;
        let shown = self
            .0
            .entry(file)
            .or_insert_with(|| Arc::new(Shown::new(source)));
        Some((
            visible_line(&source.name).into_owned(),
            Part {
                shown: Arc::clone(shown),
                lines_before: source.lines_before,
            },
        ))
    }
}

fn prepare(diagnostic: &Diagnostic, sources: &SourceMap, texts: &mut Texts) -> Rendered {
    let message = visible(&diagnostic.message).into_owned();
    let help = diagnostic.help.as_deref().map(|h| visible(h).into_owned());
    if let Some(span) = diagnostic.primary_span()
        && !showable(sources, span)
    {
        return Rendered {
            message: format!("{message} (at {})", visible_line(&sources.location(span))),
            code: diagnostic.code.to_string(),
            help,
            severity: Some(diagnostic.severity),
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        };
    }
    let primary_file = diagnostic.primary_span().map(|s| s.file);
    let primary = primary_file.and_then(|file| texts.part(sources, file));
    let mut labels = Vec::new();
    let mut related = Vec::new();
    for label in &diagnostic.labels {
        let text = visible(&label.message).into_owned();
        let (start, end) = underlined(sources, label.span);
        if Some(label.span.file) == primary_file {
            let span = primary.as_ref().map_or_else(
                || SourceSpan::new(start.into(), end.saturating_sub(start)),
                |(_, part)| part.shown.span(start, end),
            );
            labels.push(LabeledSpan::new_with_span(Some(text), span));
        } else {
            let other = texts.part(sources, label.span.file);
            let span = other.as_ref().map_or_else(
                || SourceSpan::new(start.into(), end.saturating_sub(start)),
                |(_, part)| part.shown.span(start, end),
            );
            related.push(Rendered {
                message: text.clone(),
                code: String::new(),
                help: None,
                severity: None,
                source: other.map(|(name, part)| NamedSource::new(name, part)),
                labels: vec![LabeledSpan::new_with_span(Some(text), span)],
                related: Vec::new(),
            });
        }
    }
    Rendered {
        message,
        code: diagnostic.code.to_string(),
        help,
        severity: Some(diagnostic.severity),
        source: primary.map(|(name, part)| NamedSource::new(name, part).with_language("doctrine")),
        labels,
        related,
    }
}

/// The line that ends a capped list: what was left out of one file, and how to see it; the
/// file's name as it is (text output escapes the line, JSON keeps it exact).
pub fn omitted_message(omitted: &Omitted, sources: &SourceMap) -> String {
    let count = |n: usize, one: &str, many: &str| {
        let word = if n == 1 { one } else { many };
        format!("{} more {word}", group_digits(&n.to_string(), ",", "."))
    };
    let parts: Vec<String> = [
        (omitted.errors, "error", "errors"),
        (omitted.warnings, "warning", "warnings"),
        (omitted.notes, "note", "notes"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| count(n, one, many))
    .collect();
    let what = match parts.as_slice() {
        [] => count(0, "error", "errors"),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    let place = omitted
        .file
        .and_then(|file| sources.get(file))
        .map_or_else(String::new, |file| format!(" in {}", file.name));
    format!(
        "… and {what}{place}, not shown (at most {} per file): `--max-errors 0` shows them all",
        crate::limits::current().max_errors
    )
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
            render_with(diagnostics, sources, false, &|out, d| {
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

/// Each diagnostic shown as a JSON object, every place with its file, line and column (the
/// texts exact, as JSON escapes them); then, for each file with more diagnostics than are
/// shown, a `note` that counts them (`omitted`, `errors`, `warnings`).
pub fn to_json(diagnostics: &Diagnostics, sources: &SourceMap) -> Vec<serde_json::Value> {
    let place = |span: Span| {
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
    let (shown, omitted) = diagnostics.capped(crate::limits::current().max_errors);
    let mut out = Vec::new();
    for diagnostic in shown {
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
    for left in &omitted {
        out.push(serde_json::json!({
            "severity": "note",
            "code": OMITTED_CODE,
            "message": omitted_message(left, sources),
            "help": null,
            "labels": [],
            "file": left.file.and_then(|file| sources.get(file)).map(|f| f.name.clone()),
            "omitted": left.total(),
            "errors": left.errors,
            "warnings": left.warnings,
            "notes": left.notes,
        }));
    }
    out
}

/// The code of the note that counts the diagnostics a cap left out.
pub const OMITTED_CODE: &str = "doctrine::omitted";

/// Renders each diagnostic shown with a handler that writes one report per call, then a
/// line per file whose diagnostics were capped.
fn render_with(
    diagnostics: &Diagnostics,
    sources: &SourceMap,
    separate: bool,
    handler: &dyn Fn(&mut String, &dyn miette::Diagnostic) -> std::fmt::Result,
) -> String {
    let (shown, omitted) = diagnostics.capped(crate::limits::current().max_errors);
    let mut texts = Texts::default();
    let mut out = String::new();
    for (index, diagnostic) in shown.into_iter().enumerate() {
        if separate && index > 0 {
            out.push('\n');
        }
        let rendered = prepare(diagnostic, sources, &mut texts);
        if handler(&mut out, &rendered).is_err() {
            out.push_str(&rendered.message);
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    for left in &omitted {
        if separate {
            out.push('\n');
        }
        out.push_str(&visible_line(&omitted_message(left, sources)));
        out.push('\n');
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
    render_with(diagnostics, sources, true, &|out, d| {
        handler.render_report(out, d)
    })
}
