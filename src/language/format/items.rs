//! The canonical layout of the header and of each kind of item.

use super::layout::{Layout, Line, WIDTH};
use crate::language::ast::*;

impl Layout<'_> {
    /// The header's lines.
    pub fn header(&self, header: &Header) -> Vec<Line> {
        let mut lines = Vec::new();
        match &header.kind {
            HeaderKind::Policy { id, title } => {
                let mut head = vec![Line::new(
                    0,
                    format!("policy {}", id.name),
                    header.span.start,
                )];
                self.append_label(&mut head, title.as_ref());
                lines.extend(head);
                let mut text = vec![Line::new(
                    0,
                    format!("text {}", header.text_id.name),
                    header.text_id.span.start,
                )];
                self.append_label(&mut text, header.text_title.as_ref());
                lines.extend(text);
            }
            HeaderKind::Amendment { of } => {
                let mut head = vec![Line::new(
                    0,
                    format!("amendment {} of {}", header.text_id.name, of.name),
                    header.span.start,
                )];
                self.append_label(&mut head, header.text_title.as_ref());
                lines.extend(head);
            }
        }
        lines.push(Line::new(
            0,
            format!("in force from {}", header.in_force.date),
            header.in_force.span.start,
        ));
        for source in &header.sources {
            let head = format!(
                "source {} {}",
                source.key.name,
                self.printer.string(&source.title)
            );
            let mut line = Line::new(0, head, source.key.span.start);
            // The short name, then the url: each on the line if it fits, else on its own.
            let tails = [("short", &source.short), ("url", &source.url)];
            for (word, tail) in tails {
                let Some(tail) = tail else { continue };
                let tail_text = format!("{word} {}", self.printer.string(tail));
                if line.text.chars().count() + 1 + tail_text.chars().count() <= WIDTH {
                    line.text = format!("{} {tail_text}", line.text);
                } else {
                    lines.push(line);
                    line = Line::new(2, tail_text, tail.span.start);
                }
            }
            lines.push(line);
        }
        lines
    }

    /// An item's lines.
    pub fn item(&self, item: &Item) -> Vec<Line> {
        let action = match item.action {
            Action::Declare => "",
            Action::Add => "add ",
            Action::Replace => "replace ",
        };
        let at = item.span.start;
        match &item.decl {
            Decl::Verdicts(entries) => self.verdicts(entries, at),
            Decl::Scope(expr) => self.expr_lines(&format!("{action}scope"), 0, at, expr),
            Decl::Vocabulary(vocabulary) => self.vocabulary(action, vocabulary, at),
            Decl::Fact(fact) => {
                let head = format!(
                    "{action}fact {}: {}{}",
                    fact.path.name,
                    ty(&fact.ty),
                    self.range(fact.range.as_ref())
                );
                let mut lines = match &fact.default {
                    Some(default) => self.expr_lines(&format!("{head} ="), 0, at, default),
                    None => vec![Line::new(0, head, at)],
                };
                self.append_label(&mut lines, fact.label.as_ref());
                lines
            }
            Decl::Param(param) => self.param(action, param, at),
            Decl::Def(def) if def.outcome.is_some() => self.outcome(action, def, at),
            Decl::Def(def) => {
                let typed = def.ty.as_ref().map(|t| format!(": {}", ty(t)));
                let head = format!(
                    "{action}def {}{} =",
                    def.name.name,
                    typed.unwrap_or_default()
                );
                let mut lines = self.expr_lines(&head, 0, at, &def.value);
                self.append_label(&mut lines, def.label.as_ref());
                lines
            }
            Decl::Rule(rule) => self.rule(action, rule, at),
            Decl::Exception(exception) => self.exception(action, exception, at),
            Decl::Remark(remark) => self.remark(action, remark, at),
            Decl::Total(facts) => {
                let names = facts.iter().map(|f| (f.name.clone(), f.span.start));
                let start = Line::new(0, format!("{action}total over"), at);
                super::layout::list_lines(start, names.collect(), 4)
            }
            Decl::Decision(decision) => {
                let what = decision
                    .outcome
                    .as_ref()
                    .map_or("verdict", |o| o.name.as_str());
                if decision.fails_on.is_empty() {
                    return vec![Line::new(0, format!("decision {what}"), at)];
                }
                // The names wrap at 100 columns, continued 4 further in.
                let start = Line::new(0, format!("decision {what} fails on"), at);
                let names = decision
                    .fails_on
                    .iter()
                    .map(|n| (n.name.clone(), n.span.start))
                    .collect();
                super::layout::list_lines(start, names, 4)
            }
            Decl::Repeal { kind, id } => vec![Line::new(
                0,
                format!("repeal {} {}", kind.keyword(), id.name),
                at,
            )],
        }
    }

    fn verdicts(&self, entries: &[VerdictEntry], at: u32) -> Vec<Line> {
        let mut lines = vec![Line::new(0, "verdicts", at)];
        let width = entries.iter().map(|e| e.name.name.len()).max().unwrap_or(0);
        for entry in entries {
            let roles: Vec<String> = entry
                .roles
                .iter()
                .map(|r| format!("as {}", r.name))
                .collect();
            lines.extend(self.member(&entry.name, entry.label.as_ref(), &roles, width));
        }
        lines
    }

    /// A verdict or vocabulary name, padded to `width`, its label and roles after it; a
    /// label too long for the line puts each language on its own line, lined up.
    fn member(
        &self,
        name: &Ident,
        label: Option<&Label>,
        roles: &[String],
        width: usize,
    ) -> Vec<Line> {
        let mut tail: Vec<String> = label.iter().map(|l| self.label_inline(l)).collect();
        tail.extend(roles.iter().cloned());
        if tail.is_empty() {
            return vec![Line::new(2, name.name.clone(), name.span.start)];
        }
        let line = Line::new(
            2,
            format!("{:width$} {}", name.name, tail.join(" ")),
            name.span.start,
        );
        let Some(label) =
            label.filter(|l| l.parts.len() > 1 && 2 + line.text.chars().count() > WIDTH)
        else {
            return vec![line];
        };
        let mut lines = self.label_parts(label, 2 + width + 1);
        if let Some(first) = lines.first_mut() {
            first.indent = 2;
            first.text = format!("{:width$} {}", name.name, first.text);
            first.anchor = name.span.start as usize;
        }
        if let (Some(last), false) = (lines.last_mut(), roles.is_empty()) {
            last.text = format!("{} {}", last.text, roles.join(" "));
        }
        lines
    }

    fn vocabulary(&self, action: &str, vocabulary: &VocabularyDecl, at: u32) -> Vec<Line> {
        let mut lines = vec![Line::new(
            0,
            format!("{action}vocabulary {}", vocabulary.name.name),
            at,
        )];
        self.append_label(&mut lines, vocabulary.label.as_ref());
        let width = vocabulary
            .members
            .iter()
            .map(|(name, _)| name.name.len())
            .max()
            .unwrap_or(0);
        for (name, label) in &vocabulary.members {
            let roles: Vec<String> = vocabulary
                .roles
                .iter()
                .filter(|(_, member)| member.name == name.name)
                .map(|(role, _)| format!("as {}", role.name))
                .collect();
            lines.extend(self.member(name, label.as_ref(), &roles, width));
        }
        lines
    }

    /// `outcome NAME: TYPE`, its title and citations, then each case: `case ID "title"`,
    /// its citations, `when …`, `gives …` and its message.
    fn outcome(&self, action: &str, def: &DefDecl, at: u32) -> Vec<Line> {
        let typed = def.ty.as_ref().map(|t| format!(": {}", ty(t)));
        let head = format!(
            "{action}outcome {}{}",
            def.name.name,
            typed.unwrap_or_default()
        );
        let mut lines = vec![Line::new(0, head, at)];
        self.append_label(&mut lines, def.label.as_ref());
        lines.extend(self.cites_line(def.outcome.as_deref().unwrap_or(&[]), 2));
        let ExprKind::Cases(cases) = &def.value.kind else {
            return lines;
        };
        for case in cases {
            let mut head = vec![Line::new(
                2,
                format!("case {}", case.id.name),
                case.span.start,
            )];
            self.append_label(&mut head, case.title.as_ref());
            lines.extend(head);
            lines.extend(self.cites_line(&case.cites, 4));
            if let Some(when) = &case.when {
                lines.extend(self.expr_lines("when", 4, when.span.start, when));
            }
            lines.extend(self.expr_lines("gives", 4, case.gives.span.start, &case.gives));
            if let Some(message) = &case.message {
                lines.extend(self.label_parts(message, 6));
            }
        }
        lines
    }

    /// A range after a type, with its leading space: ` at least 0`, ` between 1 and 3`.
    fn range(&self, range: Option<&RangeExpr>) -> String {
        match range.map(|r| (r.min.as_ref(), r.max.as_ref())) {
            Some((Some(min), Some(max))) => {
                format!(
                    " between {} and {}",
                    self.printer.expr(min),
                    self.printer.expr(max)
                )
            }
            Some((Some(min), None)) => format!(" at least {}", self.printer.expr(min)),
            Some((None, Some(max))) => format!(" at most {}", self.printer.expr(max)),
            _ => String::new(),
        }
    }

    fn param(&self, action: &str, param: &ParamDecl, at: u32) -> Vec<Line> {
        let head = format!(
            "{action}param {}: {}{} =",
            param.name.name,
            ty(&param.ty),
            self.range(param.range.as_ref())
        );
        let mut lines = self.expr_lines(&head, 0, at, &param.value);
        self.value_cites(&mut lines, &param.value_cites);
        for step in &param.steps {
            let head = format!("from {} =", step.from.date);
            let step_lines = self.expr_lines(&head, 4, step.from.span.start, &step.value);
            lines.extend(step_lines);
            self.value_cites(&mut lines, &step.cites);
        }
        if let Some(label) = &param.label {
            lines.extend(self.label_below(label, 2));
        }
        lines.extend(self.cites_line(&param.cites, 2));
        lines
    }

    fn rule(&self, action: &str, rule: &RuleDecl, at: u32) -> Vec<Line> {
        let mut lines = vec![Line::new(0, format!("{action}rule {}", rule.id.name), at)];
        self.append_label(&mut lines, rule.title.as_ref());
        lines.extend(self.cites_line(&rule.cites, 2));
        if let Some(applies) = &rule.applies {
            lines.extend(self.expr_lines("applies when", 2, applies.span.start, applies));
        }
        lines.extend(self.expr_lines("requires", 2, rule.requires.span.start, &rule.requires));
        lines.push(Line::new(
            2,
            format!("otherwise {}", rule.otherwise.name),
            rule.otherwise.span.start,
        ));
        self.messages(
            &mut lines,
            rule.message.as_ref(),
            "satisfied",
            rule.satisfied.as_ref(),
        );
        lines
    }

    fn exception(&self, action: &str, exception: &ExceptionDecl, at: u32) -> Vec<Line> {
        // The targets wrap at 100 columns, continued 4 further in.
        let start = Line::new(0, format!("{action}exception {} to", exception.id.name), at);
        let targets = exception
            .targets
            .iter()
            .map(|t| (t.name.clone(), t.span.start))
            .collect();
        let mut lines = super::layout::list_lines(start, targets, 4);
        self.append_label(&mut lines, exception.title.as_ref());
        lines.extend(self.cites_line(&exception.cites, 2));
        lines.extend(self.expr_lines("when", 2, exception.when.span.start, &exception.when));
        let gives = format!("gives {}", self.printer.expr(&exception.value));
        match &exception.until {
            Some(until) => lines.extend(self.expr_lines(
                &format!("{gives} until"),
                2,
                exception.gives.span.start,
                until,
            )),
            None => lines.push(Line::new(2, gives, exception.gives.span.start)),
        }
        let expired = exception.expired.as_ref();
        self.messages(&mut lines, exception.message.as_ref(), "expired", expired);
        lines
    }

    /// A rule's or an exception's message, under the line it follows, then its other
    /// message under its keyword (`satisfied`, `expired`).
    fn messages(
        &self,
        lines: &mut Vec<Line>,
        message: Option<&Label>,
        keyword: &str,
        other: Option<&Label>,
    ) {
        if let Some(message) = message {
            lines.extend(self.label_parts(message, 4));
        }
        if let Some(other) = other {
            lines.push(Line::new(2, keyword, other.span.start));
            lines.extend(self.label_parts(other, 4));
        }
    }

    fn remark(&self, action: &str, remark: &RemarkDecl, at: u32) -> Vec<Line> {
        let keyword = match remark.kind {
            RemarkKind::Advice => "advice",
            RemarkKind::Note => "note",
        };
        let outside = if remark.outside_scope {
            " outside scope"
        } else {
            ""
        };
        let head = format!("{action}{keyword} {}{outside}", remark.id.name);
        let mut lines = vec![Line::new(0, head, at)];
        self.append_label(&mut lines, remark.title.as_ref());
        lines.extend(self.cites_line(&remark.cites, 2));
        lines.extend(self.expr_lines("when", 2, remark.when.span.start, &remark.when));
        lines.extend(self.label_parts(&remark.message, 2));
        lines
    }
}

/// A type as written: `set of NAME`, `NAME?`.
fn ty(ty: &TypeExpr) -> String {
    let set = if ty.set { "set of " } else { "" };
    let optional = if ty.optional { "?" } else { "" };
    format!("{set}{}{optional}", ty.name.name)
}
