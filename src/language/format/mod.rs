//! `doctrine fmt`: prints a policy file in one canonical layout, its comments kept.
//!
//! The layout is built from the syntax tree (so that formatting never changes what the
//! policy means) and the comments, which the grammar drops, are found in the text and put
//! back by position: a comment alone on its line before what follows it, a comment at the
//! end of a line after the line that holds what precedes it. See `docs/fmt.md`.

mod chains;
mod comments;
mod expr;
mod items;
mod layout;

use crate::diagnostic::Diagnostics;
use crate::source::FileId;
use expr::Printer;
use layout::{Layout, Line};

pub use comments::{Comment, scan as scan_comments};
pub(crate) use expr::escape_into;

/// Formats a policy text; the errors are the parser's when it does not parse.
pub fn format_text(source: &str, file: FileId) -> Result<String, Diagnostics> {
    let tree = crate::language::syntax::parse_file(source, file)?;
    let layout = Layout {
        printer: Printer { source },
    };
    let comments = comments::scan(source);
    let block = |span: crate::source::Span, lines: Vec<Line>| Block {
        start: span.start as usize,
        end: content_end(source, span.start as usize, span.end as usize, &comments),
        lines,
    };
    let mut blocks = vec![block(tree.header.span, layout.header(&tree.header))];
    for item in &tree.items {
        blocks.push(block(item.span, layout.item(item)));
    }
    Ok(render(source, blocks, comments))
}

/// Where a construct's text really ends: the parser's span of a rule that ends with an
/// optional part runs over the spaces and comments after it.
fn content_end(source: &str, start: usize, mut end: usize, comments: &[Comment]) -> usize {
    loop {
        let text = source.get(start..end).unwrap_or("");
        end = start + text.trim_end().len();
        match comments.iter().find(|c| c.end() == end && c.start >= start) {
            Some(comment) => end = comment.start,
            None => return end,
        }
    }
}

/// The lines of the header or of one item, and the source range it comes from.
struct Block {
    start: usize,
    end: usize,
    lines: Vec<Line>,
}

/// What the file is made of, in order: blocks and the comments between them.
enum Entry {
    Block(Block, Vec<Placed>),
    Comment(Comment),
}

/// A comment inside a block: at the end of line `line`, or on its own after it.
struct Placed {
    line: usize,
    own: bool,
    text: String,
}

fn render(source: &str, blocks: Vec<Block>, comments: Vec<Comment>) -> String {
    let mut entries: Vec<Entry> = Vec::new();
    let mut pending = comments.into_iter().peekable();
    for block in blocks {
        while let Some(comment) = pending.next_if(|c| c.start < block.start) {
            attach_outside(&mut entries, comment);
        }
        let mut inside = Vec::new();
        while let Some(comment) = pending.next_if(|c| c.start < block.end) {
            inside.push(comment);
        }
        let placed = place(&block.lines, inside);
        entries.push(Entry::Block(block, placed));
    }
    for comment in pending {
        attach_outside(&mut entries, comment);
    }
    let mut out = String::new();
    let mut previous: Option<&Entry> = None;
    for entry in &entries {
        if let Some(before) = previous
            && blank_between(source, before, entry)
        {
            out.push('\n');
        }
        match entry {
            Entry::Comment(comment) => {
                out.push_str(&comment.text);
                out.push('\n');
            }
            Entry::Block(block, placed) => write_block(&mut out, block, placed),
        }
        previous = Some(entry);
    }
    out
}

/// A comment between blocks: on its own, or at the end of the block it follows.
fn attach_outside(entries: &mut Vec<Entry>, comment: Comment) {
    if !comment.own_line
        && let Some(Entry::Block(block, placed)) = entries.last_mut()
    {
        let last = block.lines.len().saturating_sub(1);
        let taken = placed.iter().any(|p| p.line >= last);
        placed.push(Placed {
            line: last,
            own: taken,
            text: comment.text,
        });
        return;
    }
    entries.push(Entry::Comment(comment));
}

/// Places the comments inside a block on its lines, keeping their order.
fn place(lines: &[Line], comments: Vec<Comment>) -> Vec<Placed> {
    let mut placed: Vec<Placed> = Vec::new();
    // Slots in output order: (line, 0) at the end of the line, (line, 1) after it.
    let mut last_slot = (0usize, 0u8);
    let mut trailing_taken = false;
    for comment in comments {
        let line = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.anchor <= comment.start)
            .map(|(index, _)| index)
            .max()
            .unwrap_or(0);
        let mut slot = (line, u8::from(comment.own_line));
        if slot < last_slot {
            slot = (last_slot.0, 1);
        }
        if slot.1 == 0 && slot == last_slot && trailing_taken {
            slot.1 = 1;
        }
        trailing_taken = slot.1 == 0;
        last_slot = slot;
        placed.push(Placed {
            line: slot.0,
            own: slot.1 == 1,
            text: comment.text,
        });
    }
    placed
}

fn write_block(out: &mut String, block: &Block, placed: &[Placed]) {
    for (index, line) in block.lines.iter().enumerate() {
        push_line(out, line.indent, &line.text);
        for comment in placed.iter().filter(|p| p.line == index && !p.own) {
            out.push(' ');
            out.push_str(&comment.text);
        }
        out.push('\n');
        let indent = block.lines.get(index + 1).map_or(0, |next| next.indent);
        for comment in placed.iter().filter(|p| p.line == index && p.own) {
            push_line(out, indent, &comment.text);
            out.push('\n');
        }
    }
}

fn push_line(out: &mut String, indent: usize, text: &str) {
    out.extend(std::iter::repeat_n(' ', indent));
    out.push_str(text);
}

/// An empty line after a block of several lines, before one after a block, and wherever
/// the author left one.
fn blank_between(source: &str, before: &Entry, after: &Entry) -> bool {
    let (end, before_long, before_block) = match before {
        Entry::Block(block, _) => (block.end, block.lines.len() > 1, true),
        Entry::Comment(comment) => (comment.end(), false, false),
    };
    let (start, after_long) = match after {
        Entry::Block(block, _) => (block.start, block.lines.len() > 1),
        Entry::Comment(comment) => (comment.start, false),
    };
    if before_long || (before_block && after_long) {
        return true;
    }
    let between = source.get(end..start).unwrap_or("");
    let pieces: Vec<&str> = between.split('\n').collect();
    pieces.len() > 2
        && pieces
            .iter()
            .skip(1)
            .take(pieces.len() - 2)
            .any(|piece| piece.trim().is_empty())
}
