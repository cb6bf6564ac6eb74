//! How deeply a policy text nests, measured before the recursive parser sees it: brackets,
//! string interpolations, `if … else`, `any`/`all … in`, `any of:`, and runs of `not` or `-`.
//!
//! The parser recurses once per level of each of these; a hostile file nested thousands of
//! levels deep would overflow the stack, so it is refused here, with the place.

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

/// The item keywords that start a new item at the start of a line (nesting starts afresh).
use super::ITEM_KEYWORDS;

/// What the scanner is inside of.
#[derive(Default)]
struct Frame {
    /// Inside a string (`"…"`), not code.
    string: bool,
    /// `if` seen in this frame and not yet closed by its `else`.
    open_ifs: usize,
    /// `any`/`all` quantifiers opened in this frame (they run to the frame's end).
    quantifiers: usize,
}

/// Refuses a text that nests deeper than `limit`; the error points at the first place too deep.
pub(super) fn check(text: &str, file: FileId, limit: usize) -> Result<(), Diagnostic> {
    let bytes = text.as_bytes();
    let mut frames = vec![Frame::default()];
    let mut run = 0usize; // consecutive prefix operators (`not`, `-`)
    let mut previous_word: &str = "";
    let mut i = 0usize;
    let mut line_start = true;
    while let Some(&byte) = bytes.get(i) {
        let in_string = frames.last().is_some_and(|f| f.string);
        // A dash right after a digit is part of a date (`2021-07-05`), not a negation.
        let in_date = i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
        let mut grew = false;
        let mut width = 1;
        if in_string {
            match byte {
                b'\\' => width = 2,
                b'{' if bytes.get(i + 1) == Some(&b'{') => width = 2,
                b'}' if bytes.get(i + 1) == Some(&b'}') => width = 2,
                b'{' => {
                    frames.push(Frame::default());
                    grew = true;
                }
                b'"' => {
                    frames.pop();
                }
                _ => {}
            }
        } else {
            match byte {
                b'#' => width = comment_len(bytes, i),
                b'/' if bytes.get(i + 1) == Some(&b'/') => width = comment_len(bytes, i),
                b'"' => frames.push(Frame {
                    string: true,
                    ..Frame::default()
                }),
                b'(' | b'{' | b'[' => {
                    frames.push(Frame::default());
                    grew = true;
                }
                b')' | b'}' | b']' => {
                    if frames.len() > 1 {
                        frames.pop();
                    }
                }
                b'-' if !in_date => {
                    run += 1;
                    grew = true;
                }
                b'\n' => line_start = true,
                b if b.is_ascii_alphabetic() || b == b'_' => {
                    let word = word_at(text, i);
                    width = word.len().max(1);
                    if line_start && frames.len() == 1 && ITEM_KEYWORDS.contains(&word) {
                        frames = vec![Frame::default()];
                    }
                    line_start = false;
                    let frame = frames.last_mut();
                    match word {
                        "not" if previous_word != "is" && next_word(text, i + width) != "in" => {
                            run += 1;
                            grew = true;
                        }
                        "if" => {
                            if let Some(f) = frame {
                                f.open_ifs += 1;
                            }
                            grew = true;
                        }
                        "else" => {
                            if let Some(f) = frame {
                                f.open_ifs = f.open_ifs.saturating_sub(1);
                            }
                        }
                        // `any of:` grounds run to the frame's end, as quantifiers do.
                        "any" if next_word(text, i + width) == "of" => {
                            if let Some(f) = frame {
                                f.quantifiers += 1;
                            }
                            grew = true;
                        }
                        "any" | "all" if quantifies(text, i + width) => {
                            if let Some(f) = frame {
                                f.quantifiers += 1;
                            }
                            grew = true;
                        }
                        _ => {}
                    }
                    if word != "not" {
                        run = 0;
                    }
                    previous_word = word;
                }
                b' ' | b'\t' | b'\r' => {}
                _ => {
                    run = 0;
                    line_start = false;
                }
            }
        }
        if grew {
            let depth = frames.iter().filter(|f| !f.string).count() - 1
                + run
                + frames
                    .iter()
                    .map(|f| f.open_ifs + f.quantifiers)
                    .sum::<usize>();
            if depth > limit {
                return Err(Diagnostic::error(
                    "doctrine::syntax::too_deep",
                    format!("the expression nests more than {limit} levels deep"),
                )
                .with_label(Span::new(file, i, i + width), "too deep here")
                .with_help(format!(
                    "split the expression into definitions (`def`); {}",
                    crate::limits::deeper_help()
                )));
            }
        }
        i += width;
    }
    Ok(())
}

/// The length of a comment from `start` to the end of its line.
fn comment_len(bytes: &[u8], start: usize) -> usize {
    bytes
        .get(start..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .unwrap_or(bytes.len().saturating_sub(start))
        .max(1)
}

/// The word (letters, digits, `_`) starting at `start`.
fn word_at(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or("");
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    rest.get(..end).unwrap_or("")
}

/// Whether `any`/`all` ending at `end` opens a quantifier: `any NAME in`.
fn quantifies(text: &str, end: usize) -> bool {
    let name_start = end + next_word_gap(text, end);
    let name = word_at(text, name_start);
    !name.is_empty() && next_word(text, name_start + name.len()) == "in"
}

/// How many blanks follow `start`.
fn next_word_gap(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or("");
    rest.len() - rest.trim_start().len()
}

/// The word after the blanks that follow `start`.
fn next_word(text: &str, start: usize) -> &str {
    word_at(text, start + next_word_gap(text, start))
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::source::FileId;

    fn depth_ok(text: &str, limit: usize) -> bool {
        check(text, FileId(0), limit).is_ok()
    }

    #[test]
    fn counts_brackets_prefixes_and_ifs() {
        assert!(depth_ok("rule R requires not (a)", 2));
        assert!(!depth_ok("rule R requires not not (a)", 2));
        assert!(!depth_ok(
            "rule R requires if a then if b then c else d else e",
            1
        ));
        assert!(!depth_ok(
            "rule R requires any x in s: all y in t: x = y",
            1
        ));
        assert!(!depth_ok("rule R requires - - - n > 0", 2));
    }

    #[test]
    fn operators_that_do_not_nest_are_not_counted() {
        let text = "rule R requires a is not set and b not in s and c is not empty";
        assert!(depth_ok(text, 0));
        assert!(depth_ok(
            "rule R requires d >= 2021-07-05 # ----------\n",
            0
        ));
        assert!(depth_ok(
            "rule R requires a otherwise refused \"not not not (\"",
            0
        ));
        assert!(depth_ok("advice A when a \"all of it: if any x in y\"", 0));
    }

    #[test]
    fn each_item_starts_afresh() {
        let text = "def a = if x then y\ndef b = if x then y\nrule R requires z";
        assert!(depth_ok(text, 1));
    }

    #[test]
    fn interpolations_nest_inside_strings() {
        assert!(!depth_ok(
            "rule R requires a otherwise refused \"{\"{x}\"}\"",
            1
        ));
        assert!(depth_ok(
            "rule R requires a otherwise refused \"{{ {x} }}\"",
            1
        ));
    }
}
