//! Output lines and the line-breaking rules: long expressions, sets and labels.

use super::expr::Printer;
use crate::language::ast::{BinaryOp, Citation, Expr, ExprKind, GroundExpr, Label};

/// Lines are broken to stay within this many columns where the layout allows.
pub const WIDTH: usize = 100;

/// One output line, and where its content starts in the source (comments are placed by it).
#[derive(Clone, Debug)]
pub struct Line {
    /// Spaces before the text.
    pub indent: usize,
    /// The text.
    pub text: String,
    /// Byte offset in the source of what the line starts with.
    pub anchor: usize,
}

impl Line {
    /// A line.
    pub fn new(indent: usize, text: impl Into<String>, anchor: u32) -> Line {
        Line {
            indent,
            text: text.into(),
            anchor: anchor as usize,
        }
    }

    /// Its width in columns.
    pub fn width(&self) -> usize {
        self.indent + self.text.chars().count()
    }
}

/// Builds the lines of one item.
pub struct Layout<'a> {
    /// The expression printer.
    pub printer: Printer<'a>,
}

impl Layout<'_> {
    /// `head EXPR` from `indent`, continued 4 columns further in when too long: chains of
    /// `or`/`and` (or of one other operator) break before an operator, sets after a comma.
    pub fn expr_lines(&self, head: &str, indent: usize, anchor: u32, expr: &Expr) -> Vec<Line> {
        let gap = if head.is_empty() || head.ends_with('(') {
            ""
        } else {
            " "
        };
        let whole = Line::new(
            indent,
            format!("{head}{gap}{}", self.printer.expr(expr)),
            anchor,
        );
        // Grounds go one a line, whatever their length: each is read on its own.
        if let ExprKind::Grounds(grounds) = &expr.kind {
            return self.grounds_lines(head, indent, anchor, grounds);
        }
        let broken = self.broken_chain(expr);
        if whole.width() <= WIDTH && !broken {
            return vec![whole];
        }
        let more = indent + 4;
        match &expr.kind {
            ExprKind::Binary(op @ (BinaryOp::And | BinaryOp::Or), _, _) => {
                self.chain_lines(head, indent, anchor, expr, *op)
            }
            ExprKind::Binary(op, _, _) => {
                let mut pieces = Vec::new();
                chain(&self.printer, *op, expr, &mut pieces);
                let mut lines = Vec::new();
                let mut current = Line::new(indent, head.to_string(), anchor);
                let mut first = true;
                for (operand, text) in pieces {
                    let piece = if first {
                        text.clone()
                    } else {
                        format!("{} {text}", op.symbol())
                    };
                    let joined = joined(&current.text, &piece);
                    if first || current.indent + joined.chars().count() <= WIDTH {
                        current.text = joined;
                    } else {
                        lines.push(current);
                        let alone = Line::new(more, piece, operand.span.start);
                        // An operand too long on its own line breaks in turn, inside its
                        // brackets when it has some.
                        let printed = self.printer.expr(operand);
                        let bare = text == printed;
                        let bracketed = text == format!("({printed})");
                        if alone.width() > WIDTH && (bare || bracketed) {
                            let head = if bare {
                                op.symbol().to_string()
                            } else {
                                format!("{} (", op.symbol())
                            };
                            let mut inner =
                                self.expr_lines(&head, more, operand.span.start, operand);
                            if bracketed && let Some(last) = inner.last_mut() {
                                last.text.push(')');
                            }
                            current = inner.pop().unwrap_or(alone);
                            lines.extend(inner);
                        } else {
                            current = alone;
                        }
                    }
                    first = false;
                }
                lines.push(current);
                lines
            }
            ExprKind::Set(items) if !items.is_empty() => {
                let mut lines = Vec::new();
                let mut current = Line::new(indent, format!("{head}{gap}{{"), anchor);
                let count = items.len();
                for (index, item) in items.iter().enumerate() {
                    let end = if index + 1 == count { "}" } else { "," };
                    let piece = format!("{}{end}", self.printer.expr(item));
                    let opening = current.text.ends_with('{');
                    let joined = joined(&current.text, &piece);
                    if opening || current.indent + joined.chars().count() <= WIDTH {
                        current.text = joined;
                    } else {
                        lines.push(current);
                        current = Line::new(more, piece, item.span.start);
                    }
                }
                lines.push(current);
                lines
            }
            ExprKind::If(..) => {
                // `if … then …` then one `else if … then …` or `else …` a line.
                let mut lines = Vec::new();
                let mut branch = expr;
                let mut keyword = format!("{head}{gap}if");
                let mut line_indent = indent;
                let mut at = anchor;
                while let ExprKind::If(cond, then, otherwise) = &branch.kind {
                    lines.push(Line::new(
                        line_indent,
                        format!(
                            "{keyword} {} then {}",
                            self.printer.expr(cond),
                            self.printer.expr(then)
                        ),
                        at,
                    ));
                    keyword = String::from("else if");
                    line_indent = more;
                    at = otherwise.span.start;
                    branch = otherwise;
                }
                lines.push(Line::new(
                    more,
                    format!("else {}", self.printer.expr(branch)),
                    at,
                ));
                lines
            }
            _ => vec![whole],
        }
    }

    /// `head any of:`, then each ground on its own line, 4 further in, its citations under it.
    fn grounds_lines(
        &self,
        head: &str,
        indent: usize,
        anchor: u32,
        grounds: &[GroundExpr],
    ) -> Vec<Line> {
        let gap = if head.is_empty() { "" } else { " " };
        let mut lines = vec![Line::new(indent, format!("{head}{gap}any of:"), anchor)];
        let inner = indent + 6;
        for ground in grounds {
            let head = self.printer.ground_head(ground);
            let at = ground.id.span.start;
            let whole = self.expr_lines(&head, indent + 4, at, &ground.expr);
            let head_line = Line::new(indent + 4, head.clone(), at);
            let fits = whole.len() == 1 && whole.iter().all(|l| l.width() <= WIDTH);
            if ground.title.is_none() && fits {
                // `ID: condition` on one line.
                lines.extend(whole);
            } else if head_line.width() <= WIDTH {
                // `ID "title":`, then the condition under it.
                lines.push(head_line);
                lines.extend(self.expr_lines("", inner, ground.expr.span.start, &ground.expr));
            } else {
                // `ID`, the title one language a line ending with `:`, then the condition.
                lines.push(Line::new(indent + 4, ground.id.name.clone(), at));
                let mut title = match &ground.title {
                    Some(title) => self.label_parts(title, inner),
                    None => Vec::new(),
                };
                if let Some(last) = title.last_mut() {
                    last.text.push(':');
                }
                lines.extend(title);
                lines.extend(self.expr_lines("", inner, ground.expr.span.start, &ground.expr));
            }
            lines.extend(self.cites_line(&ground.cites, inner));
        }
        lines
    }

    /// A label on one line: `"…"` or `fr "…" en "…"`.
    pub fn label_inline(&self, label: &Label) -> String {
        self.printer.label(label)
    }

    /// A label, each language on its own line.
    pub fn label_parts(&self, label: &Label, indent: usize) -> Vec<Line> {
        label
            .parts
            .iter()
            .map(|(lang, text)| {
                let written = match lang {
                    Some(lang) => format!("{} {}", lang.code(), self.printer.string(text)),
                    None => self.printer.string(text),
                };
                Line::new(indent, written, text.span.start)
            })
            .collect()
    }

    /// A label on its own line at `indent`, or one line per language when too long.
    pub fn label_below(&self, label: &Label, indent: usize) -> Vec<Line> {
        let line = Line::new(indent, self.label_inline(label), label.span.start);
        if line.width() <= WIDTH {
            vec![line]
        } else {
            self.label_parts(label, indent)
        }
    }

    /// A title or label after a single line when it fits there, else below (indent 2
    /// further in than the first line).
    pub fn append_label(&self, lines: &mut Vec<Line>, label: Option<&Label>) {
        let Some(label) = label else {
            return;
        };
        let indent = lines.first().map_or(0, |l| l.indent) + 2;
        let inline = self.label_inline(label);
        // After an expression of several lines, a label on its last line would be lost.
        let single = lines.len() == 1;
        if let (Some(last), true) = (lines.last_mut(), single) {
            let joined = format!("{} {inline}", last.text);
            if last.indent + joined.chars().count() <= WIDTH {
                last.text = joined;
                return;
            }
        }
        lines.extend(self.label_below(label, indent));
    }

    /// Each citation as written: `KEY "pinpoint"` or `KEY`, with where it starts.
    fn citation_pieces(&self, cites: &[Citation]) -> Vec<(String, u32)> {
        cites
            .iter()
            .map(|c| {
                let text = match &c.pinpoint {
                    Some(pin) => format!("{} {}", c.key.name, self.printer.string(pin)),
                    None => c.key.name.clone(),
                };
                (text, c.key.span.start)
            })
            .collect()
    }

    /// A `cites …` clause on its own lines at `indent`, when there are citations; wrapped
    /// after a comma at 100 columns, continued 4 columns further in.
    pub fn cites_line(&self, cites: &[Citation], indent: usize) -> Vec<Line> {
        let Some(first) = cites.first() else {
            return Vec::new();
        };
        let start = Line::new(indent, "cites", first.key.span.start);
        list_lines(start, self.citation_pieces(cites), indent + 4)
    }

    /// A value's own citations after it on its last line (`= 10 cites src "§ 1"`), wrapped
    /// at 100 columns, continued 8 columns further in than that line (past the 4 of a
    /// parameter's dated steps).
    pub fn value_cites(&self, lines: &mut Vec<Line>, cites: &[Citation]) {
        let Some(mut last) = lines.pop() else {
            return;
        };
        if cites.is_empty() {
            lines.push(last);
            return;
        }
        let pieces = self.citation_pieces(cites);
        let more = last.indent + 8;
        let first = pieces.first().map_or(0, |(text, _)| text.chars().count());
        // `cites` and its first citation go on the value's line when they fit there, else on
        // the next line.
        // The first citation, with its comma when more follow.
        let comma = usize::from(pieces.len() > 1);
        let start = if last.width() + " cites ".len() + first + comma <= WIDTH {
            last.text.push_str(" cites");
            last
        } else {
            let at = pieces.first().map_or(0, |(_, at)| *at);
            lines.push(last);
            Line::new(more, "cites", at)
        };
        let continued = if start.indent == more { more + 4 } else { more };
        lines.extend(list_lines(start, pieces, continued));
    }
}

/// `start` followed by `pieces` separated by `, `, packed within 100 columns: a piece that
/// does not fit goes on a new line at `more` (the first piece always stays on `start`).
pub fn list_lines(start: Line, pieces: Vec<(String, u32)>, more: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current = start;
    let count = pieces.len();
    for (index, (text, at)) in pieces.into_iter().enumerate() {
        let piece = if index + 1 == count {
            text
        } else {
            format!("{text},")
        };
        let joined = format!("{} {piece}", current.text);
        if index == 0 || current.indent + joined.chars().count() <= WIDTH {
            current.text = joined;
        } else {
            lines.push(current);
            current = Line::new(more, piece, at);
        }
    }
    lines.push(current);
    lines
}

/// The operands of a left-leaning chain of one operator, each printed as the chain needs.
pub(super) fn chain<'e>(
    printer: &Printer<'_>,
    op: BinaryOp,
    expr: &'e Expr,
    out: &mut Vec<(&'e Expr, String)>,
) {
    if let ExprKind::Binary(inner, lhs, rhs) = &expr.kind
        && *inner == op
    {
        let (left, right) = printer.binary_operands(op, lhs, rhs);
        if matches!(&lhs.kind, ExprKind::Binary(left_op, _, _) if *left_op == op) {
            chain(printer, op, lhs, out);
        } else {
            out.push((lhs, left));
        }
        out.push((rhs, right));
    }
}

/// A piece after a line's text: alone on an empty line, glued to an opening bracket, else
/// after a space.
fn joined(text: &str, piece: &str) -> String {
    if text.is_empty() {
        piece.to_string()
    } else if text.ends_with(['(', '{']) {
        format!("{text}{piece}")
    } else {
        format!("{text} {piece}")
    }
}
