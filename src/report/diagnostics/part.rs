//! Source text for miette: a file's text with its terminal controls escaped, read one
//! window of lines at a time, and line numbers that count the lines of the file before it
//! (a line of a JSON Lines file is a part of its file).

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::report::escape::{escaped, is_hazard};
use crate::source::{LineStarts, SourceFile};

/// A file's text as shown: built once per file per rendering, shared by its diagnostics.
#[derive(Debug)]
pub(crate) struct Shown {
    /// The text, its hazardous characters escaped (a `\r` that ends a line is kept).
    text: Arc<str>,
    /// Where its lines start.
    starts: LineStarts,
    /// For each escaped character: the offset after it in the file, and how many bytes
    /// longer the text shown is from there on.
    shifts: Vec<(usize, usize)>,
}

impl Shown {
    /// Reads a file's text once.
    pub fn new(file: &SourceFile) -> Shown {
        let source = &file.text;
        let hazard = |(index, c): (usize, char)| {
            is_hazard(c) && !(c == '\r' && source.as_bytes().get(index + 1) == Some(&b'\n'))
        };
        if !source.char_indices().any(hazard) {
            return Shown {
                text: Arc::clone(source),
                starts: file.line_starts().clone(),
                shifts: Vec::new(),
            };
        }
        let mut text = String::with_capacity(source.len() + 64);
        let mut shifts = Vec::new();
        for (index, c) in source.char_indices() {
            if hazard((index, c)) {
                let shown = escaped(c);
                text.push_str(&shown);
                let added = shifts.last().map_or(0, |(_, added)| *added);
                shifts.push((index + c.len_utf8(), added + shown.len() - c.len_utf8()));
            } else {
                text.push(c);
            }
        }
        let starts = LineStarts::new(&text);
        Shown {
            text: Arc::from(text),
            starts,
            shifts,
        }
    }

    /// Where an offset of the file is in the text shown.
    fn shifted(&self, offset: usize) -> usize {
        let after = self.shifts.partition_point(|(at, _)| *at <= offset);
        let added = after
            .checked_sub(1)
            .and_then(|index| self.shifts.get(index))
            .map_or(0, |(_, added)| *added);
        offset + added
    }

    /// A span of the file as a span of the text shown.
    pub fn span(&self, start: usize, end: usize) -> SourceSpan {
        let (start, end) = (self.shifted(start), self.shifted(end));
        SourceSpan::new(start.into(), end.saturating_sub(start))
    }
}

/// A file's text as shown and the number of lines of its file before it.
#[derive(Debug)]
pub(crate) struct Part {
    /// The text.
    pub shown: Arc<Shown>,
    /// Lines before it in its file.
    pub lines_before: usize,
}

impl SourceCode for Part {
    /// Reads only the lines around the span (miette reads a text from its start to the
    /// span: per diagnostic, that was the whole file).
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let shown = &self.shown;
        let start = span.offset();
        let end = start.saturating_add(span.len());
        // One line more on each side than asked: the window reads as the whole text would.
        let first = shown
            .starts
            .line_of(start)
            .saturating_sub(context_lines_before + 1);
        let last = shown
            .starts
            .line_of(end)
            .saturating_add(context_lines_after + 2);
        let from = shown.starts.start(first).unwrap_or(0);
        let to = shown.starts.start(last).unwrap_or(shown.text.len());
        let window = shown.text.get(from..to).ok_or(MietteError::OutOfBounds)?;
        let inner = window.read_span(
            &SourceSpan::new(start.saturating_sub(from).into(), span.len()),
            context_lines_before,
            context_lines_after,
        )?;
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + first + self.lines_before,
            inner.column(),
            inner.line_count(),
        )))
    }
}
