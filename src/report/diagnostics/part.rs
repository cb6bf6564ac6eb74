//! Source text for miette that may be one part of a file (a line of a JSON Lines file):
//! its line numbers count the lines of the file before it.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// A text and the number of lines of its file before it.
#[derive(Debug)]
pub(crate) struct Part {
    /// The text.
    pub text: String,
    /// Lines before it in its file.
    pub lines_before: usize,
}

impl SourceCode for Part {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            *inner.span(),
            inner.line() + self.lines_before,
            inner.column(),
            inner.line_count(),
        )))
    }
}
