//! Finding the comments of a policy text: the grammar drops them, the formatter keeps them.

/// A comment as written: from `//` or `#` to the end of its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Byte offset of its first character.
    pub start: usize,
    /// Its text, marker included, trailing spaces removed.
    pub text: String,
    /// Whether it is alone on its line (nothing but spaces before it).
    pub own_line: bool,
}

impl Comment {
    /// One past its last byte (trailing spaces left out).
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// What the scanner is inside of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Policy text; the number is the depth of `{` opened inside an interpolation.
    Code(usize),
    /// A string literal.
    Text,
}

/// The comments of a text, in order. Strings (and the expressions interpolated in them)
/// are skipped, so a `#` or `//` inside a string is not a comment.
pub fn scan(source: &str) -> Vec<Comment> {
    let bytes = source.as_bytes();
    let mut comments = Vec::new();
    // The stack of modes: a string inside an interpolation inside a string…
    let mut stack = vec![Mode::Code(0)];
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let next = bytes.get(index + 1).copied();
        match stack.last().copied().unwrap_or(Mode::Code(0)) {
            Mode::Code(depth) => match byte {
                b'#' | b'/' if byte == b'#' || next == Some(b'/') => {
                    let end = source
                        .get(index..)
                        .and_then(|rest| rest.find('\n'))
                        .map_or(source.len(), |at| index + at);
                    comments.push(comment(source, index, end));
                    index = end;
                    continue;
                }
                b'"' => stack.push(Mode::Text),
                b'{' => set_top(&mut stack, Mode::Code(depth + 1)),
                b'}' if depth > 0 => set_top(&mut stack, Mode::Code(depth - 1)),
                // The `}` that closes an interpolation: back to its string.
                b'}' if stack.len() > 1 => {
                    stack.pop();
                }
                _ => {}
            },
            Mode::Text => match byte {
                b'\\' => index += 1,
                b'"' => {
                    stack.pop();
                }
                b'{' if next == Some(b'{') => index += 1,
                b'}' if next == Some(b'}') => index += 1,
                b'{' => stack.push(Mode::Code(0)),
                _ => {}
            },
        }
        index += 1;
    }
    comments
}

fn set_top(stack: &mut [Mode], mode: Mode) {
    if let Some(top) = stack.last_mut() {
        *top = mode;
    }
}

fn comment(source: &str, start: usize, end: usize) -> Comment {
    let line_start = source
        .get(..start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |at| at + 1);
    let own_line = source
        .get(line_start..start)
        .is_some_and(|before| before.trim().is_empty());
    Comment {
        start,
        text: source.get(start..end).unwrap_or("").trim_end().to_string(),
        own_line,
    }
}

#[cfg(test)]
mod tests {
    use super::scan;

    #[test]
    fn skips_strings_and_interpolations() {
        let text = "a \"# not {x} {{ \\\" // no\" // yes\n# own\n\nb";
        let found: Vec<_> = scan(text).into_iter().map(|c| c.text).collect();
        assert_eq!(found, vec!["// yes", "# own"]);
        let own: Vec<_> = scan(text).into_iter().map(|c| c.own_line).collect();
        assert_eq!(own, vec![false, true]);
    }
}
