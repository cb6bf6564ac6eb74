//! Parsing: policy text → syntax tree, with every syntax error collected.

mod grammar;
mod lower;
mod lower_call;
mod lower_expr;
mod lower_outcome;
mod nesting;
#[cfg(test)]
mod tests;

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};

use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::language::ast;
use crate::source::{FileId, Span};
use grammar::{PolicyParser, Rule, human_name};

/// Item keywords a line may start with; a syntax error is resumed at the next such line.
const ITEM_KEYWORDS: &[&str] = &[
    "verdicts",
    "scope",
    "vocabulary",
    "fact",
    "param",
    "def",
    "outcome",
    "decision",
    "rule",
    "exception",
    "advice",
    "note",
    "replace",
    "add",
    "repeal",
];

/// Words of the language other than the item keywords that cannot name anything either
/// (as in `grammar/policy.pest`).
const RESERVED: &[&str] = &[
    "policy",
    "amendment",
    "as",
    "fr",
    "en",
    "set",
    "not",
    "and",
    "or",
    "in",
    "is",
    "empty",
    "subset",
    "meets",
    "union",
    "intersect",
    "minus",
    "if",
    "then",
    "else",
    "any",
    "all",
    "count",
    "verdict",
    "applies",
    "today",
    "true",
    "false",
];

/// Parses a whole policy file.
pub fn parse_file(text: &str, file: FileId) -> Result<ast::File, Diagnostics> {
    check_nesting(text, file)?;
    match PolicyParser::parse(Rule::file, text) {
        Ok(mut pairs) => match pairs.next() {
            Some(pair) => lower::lower_file(pair, file),
            None => Err(Diagnostic::error("doctrine::syntax", "empty parse").into()),
        },
        Err(first) => Err(resume_after_errors(text, file, first)),
    }
}

/// Parses one value or expression, as `--set NAME=VALUE` takes it.
pub fn parse_value(text: &str, file: FileId) -> Result<ast::Expr, Diagnostics> {
    check_nesting(text, file)?;
    let mut pairs = PolicyParser::parse(Rule::value_alone, text)
        .map_err(|error| Diagnostics::from(pest_error(&error, text, file, 0)))?;
    let expr = pairs
        .next()
        .and_then(|pair| pair.into_inner().find(|p| p.as_rule() == Rule::expr))
        .ok_or_else(|| Diagnostic::error("doctrine::syntax", "expected a value"))?;
    lower_expr::lower_expr(expr, file).map_err(Diagnostics::from)
}

/// Refuses a text that starts with a byte-order mark, or nests deeper than the configured
/// limit ([`crate::limits`]), before the recursive parser sees it.
fn check_nesting(text: &str, file: FileId) -> Result<(), Diagnostics> {
    crate::limits::refuse_byte_order_mark(text, file)?;
    nesting::check(text, file, crate::limits::current().max_depth)?;
    Ok(())
}

/// After a syntax error, parses the header and each item on its own, so that every
/// syntax error of the file is reported, not just the first.
fn resume_after_errors(text: &str, file: FileId, first: pest::error::Error<Rule>) -> Diagnostics {
    let mut starts = vec![0usize];
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let word: String = line
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if offset > 0 && ITEM_KEYWORDS.contains(&word.as_str()) {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts.push(text.len());
    let mut diagnostics = Diagnostics::new();
    for (index, window) in starts.windows(2).enumerate() {
        let (Some(&start), Some(&end)) = (window.first(), window.get(1)) else {
            continue;
        };
        let chunk = text.get(start..end).unwrap_or("");
        let rule = if index == 0 {
            Rule::header_alone
        } else {
            Rule::item_alone
        };
        if let Err(error) = PolicyParser::parse(rule, chunk) {
            diagnostics.push(pest_error(&error, chunk, file, start));
        }
    }
    if diagnostics.is_empty() {
        diagnostics.push(pest_error(&first, text, file, 0));
    }
    diagnostics
}

/// Turns a pest error into a diagnostic with human names for what was expected.
fn pest_error(
    error: &pest::error::Error<Rule>,
    text: &str,
    file: FileId,
    base: usize,
) -> Diagnostic {
    let position = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let rest = text.get(position..).unwrap_or("");
    let position = position + (rest.len() - rest.trim_start().len());
    let found = token_at(text, position);
    let span = Span::new(file, base + position, base + position + found.len());
    let found_text = if found.is_empty() {
        String::from("end of file")
    } else {
        format!("`{found}`")
    };
    if let Some(open) = unclosed_string(text, position) {
        return Diagnostic::error("doctrine::syntax", "this string is not closed")
            .with_label(Span::new(file, base + open, base + open + 1), "opened here")
            .with_help("close it with `\"`; write `\\\"` for a quote inside it");
    }
    match &error.variant {
        ErrorVariant::ParsingError {
            positives,
            negatives,
        } => {
            let mut expected: Vec<&str> = Vec::new();
            for rule in positives {
                if let Some(name) = human_name(*rule)
                    && !expected.contains(&name)
                {
                    expected.push(name);
                }
            }
            summarise_expression_starts(&mut expected);
            if expected.is_empty() && negatives.contains(&Rule::kw_text) {
                expected.push("the policy's id");
            }
            let list = join_alternatives(&expected);
            let message = if list.is_empty() {
                format!("unexpected {found_text}")
            } else {
                format!("expected {list}, found {found_text}")
            };
            let label = if list.is_empty() {
                String::from("here")
            } else {
                format!("expected {list}")
            };
            let diagnostic = Diagnostic::error("doctrine::syntax", message).with_label(span, label);
            let names_expected = expected.iter().any(|e| {
                e.contains("name") || e.contains("identifier") || e.contains("expression")
            });
            let keywords: Vec<&str> = expected
                .iter()
                .filter_map(|e| e.strip_prefix('`')?.strip_suffix('`'))
                .filter(|e| e.chars().all(|c| c.is_ascii_alphabetic()))
                .collect();
            if let Some(help) = did_you_mean(found, keywords) {
                diagnostic.with_help(help)
            } else if names_expected
                && (ITEM_KEYWORDS.contains(&found) || RESERVED.contains(&found))
            {
                diagnostic.with_help(format!(
                    "`{found}` is a word of the language: choose another name"
                ))
            } else {
                diagnostic
            }
        }
        ErrorVariant::CustomError { message } => {
            Diagnostic::error("doctrine::syntax", message.clone()).with_label(span, "here")
        }
    }
}

/// The human names of everything that can start an expression: listed together, they read
/// better as "an expression".
const EXPRESSION_STARTS: &[&str] = &[
    "`not`",
    "`-`",
    "`if`",
    "`any` or `all`",
    "a function (`count`, `min`, `max`, `abs`, `round`, `verdict`, `applies`)",
    "a set `{…}`",
    "`(`",
    "`{`",
    "`today`",
    "a date (YYYY-MM-DD)",
    "a duration (`12 months`)",
    "a number",
    "`true` or `false`",
    "a string",
    "a name",
];

fn summarise_expression_starts(expected: &mut Vec<&str>) {
    let starts = expected
        .iter()
        .filter(|e| EXPRESSION_STARTS.contains(e))
        .count();
    if starts >= 3 {
        let first = expected
            .iter()
            .position(|e| EXPRESSION_STARTS.contains(e))
            .unwrap_or(0);
        expected.retain(|e| !EXPRESSION_STARTS.contains(e));
        expected.insert(first.min(expected.len()), "an expression");
    }
}

/// Where a string that is still open at `position` was opened, if one is.
fn unclosed_string(text: &str, position: usize) -> Option<usize> {
    let mut open = None;
    let mut escaped = false;
    let mut in_comment = false;
    for (index, byte) in text.bytes().enumerate().take(position) {
        match (open, byte) {
            (None, b'\n') => in_comment = false,
            (None, _) if in_comment => {}
            (None, b'#') => in_comment = true,
            (None, b'/') if text.as_bytes().get(index + 1) == Some(&b'/') => in_comment = true,
            (None, b'"') => open = Some(index),
            (Some(_), _) if escaped => escaped = false,
            (Some(_), b'\\') => escaped = true,
            (Some(_), b'"') => open = None,
            _ => {}
        }
    }
    // Only a string that runs to the end of the text is unclosed; one that the error
    // merely sits in (an interpolation) is not.
    open.filter(|_| !text.get(position..).unwrap_or("").contains('"'))
}

/// The word or character at a position, for "found …".
fn token_at(text: &str, position: usize) -> &str {
    let rest = text.get(position..).unwrap_or("");
    let word_len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-' || *c == '.')
        .map(char::len_utf8)
        .sum();
    if word_len > 0 {
        return rest.get(..word_len).unwrap_or("");
    }
    let trimmed = rest.trim_start();
    if trimmed.is_empty() {
        return "";
    }
    rest.chars()
        .next()
        .and_then(|c| rest.get(..c.len_utf8()))
        .unwrap_or("")
}

/// `a`, `a or b`, `a, b or c`.
fn join_alternatives(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
