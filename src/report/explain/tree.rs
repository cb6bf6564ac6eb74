//! A condition in prose: one line per expression, marked by its truth, with its value, and
//! under it the expressions that mattered; facts and parameters with their labels, and where
//! each parameter's value comes from.

use std::fmt::Write;

use super::mark;
use super::text::Prose;
use crate::analysis::explain::{Node, NodeKind, ParamOrigin, Shown};
use crate::analysis::provenance::Origin;
use crate::language::ast::Lang;
use crate::language::program::Localized;

/// `name (label)`, or the name alone when there is no label.
fn named(name: &str, label: &Localized, lang: Lang) -> String {
    match label.get(lang) {
        Some(label) if !label.is_empty() => format!("{name} ({label})"),
        _ => name.to_string(),
    }
}

impl Prose<'_> {
    /// A value for a reader: labels in the reader's language, words in quotes.
    pub(super) fn value(&self, shown: &Shown) -> String {
        let w = self.words;
        let read = shown.brief.get(self.lang).unwrap_or(&shown.written);
        if shown.unknown {
            w.unknown.to_string()
        } else if shown.not_set {
            w.not_set.to_string()
        } else if shown.words {
            format!("{}{read}{}", w.open_quote, w.close_quote)
        } else if read.is_empty() && shown.written == "[]" {
            w.empty.to_string()
        } else if shown.written.starts_with('[') {
            format!("{{{read}}}")
        } else {
            read.to_string()
        }
    }

    /// What a fact or parameter is: `vaut X`, `est inconnu`, `n'est pas renseigné`.
    fn is(&self, node: &Node) -> String {
        let w = self.words;
        match &node.value {
            None => w.not_evaluated.to_string(),
            Some(shown) if shown.unknown => w.is_unknown.to_string(),
            Some(shown) if shown.not_set => w.is_not_set.to_string(),
            Some(shown) => format!("{} {}", w.is, self.value(shown)),
        }
    }

    pub(super) fn node(&mut self, node: &Node, depth: usize) {
        let w = self.words;
        let lang = self.lang;
        let mark = mark(node.truth);
        let mut line = match &node.kind {
            NodeKind::Fact { path, label } => {
                format!("{mark} {} {}", named(path, label, lang), self.is(node))
            }
            NodeKind::Param {
                name,
                label,
                origin,
            } => {
                let label = label.text(lang);
                format!(
                    "{mark} {} {name} ({label}) {}{}",
                    w.param,
                    self.is(node),
                    self.origin(origin)
                )
            }
            NodeKind::Def { name, label } => {
                let value = node.value.as_ref().map(|v| self.value(v));
                let value = value.unwrap_or_else(|| w.not_evaluated.to_string());
                let above = if node.repeated { w.see_above } else { "" };
                format!(
                    "{mark} {}{}{value}{above}",
                    named(name, label, lang),
                    w.colon
                )
            }
            NodeKind::Outcome { name, label } => {
                let value = node.value.as_ref().map(|v| self.value(v));
                let value = value.unwrap_or_else(|| w.not_evaluated.to_string());
                let named = named(name, label, lang);
                format!("{mark} {named}{}{value}{}", w.colon, w.outcome_tag)
            }
            NodeKind::AnyOf => {
                let value = node.value.as_ref().map(|v| self.value(v));
                let value = value.unwrap_or_else(|| w.not_evaluated.to_string());
                format!("{mark} any of{}{value}", w.colon)
            }
            NodeKind::Ground { id, title, cites } => {
                let value = node.value.as_ref().map(|v| self.value(v));
                let value = value.unwrap_or_else(|| w.not_evaluated.to_string());
                let title = title.text(lang);
                let cites = if cites.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", self.short_names.cites(cites).join(" ; "))
                };
                format!("{mark} {id} — {title}{cites}{}{value}", w.colon)
            }
            _ => {
                let value = node.value.as_ref().map(|v| self.value(v));
                let value = value.unwrap_or_else(|| w.not_evaluated.to_string());
                format!("{mark} {}{}{value}", node.source, w.colon)
            }
        };
        let is_leaf = matches!(node.kind, NodeKind::Fact { .. } | NodeKind::Param { .. });
        if !node.blockers.is_empty() && !is_leaf {
            let facts: Vec<&str> = node.blockers.iter().map(|f| f.path.as_str()).collect();
            let _ = write!(line, " — {} {}", w.missing, facts.join(", "));
        }
        self.line(depth, &line);
        for child in &node.children {
            self.node(child, depth + 1);
        }
    }

    /// Where a parameter's value comes from: `, fixé par TEXT (palier du D ; source : …)`.
    fn origin(&self, origin: &ParamOrigin) -> String {
        let w = self.words;
        let by = match (origin.origin, &origin.text, &origin.set) {
            (Origin::Set, _, Some(set)) => format!("--set {set}"),
            (_, Some(text), _) => text.clone(),
            _ => return String::new(),
        };
        let mut details = Vec::new();
        if let Some(step) = origin.step {
            details.push(format!("{} {step}", w.step_from));
        }
        if !origin.cites.is_empty() {
            details.push(format!(
                "{}{}{}",
                w.source,
                w.colon,
                self.short_names.cites(&origin.cites).join(" ; ")
            ));
        }
        let details = if details.is_empty() {
            String::new()
        } else {
            format!(" ({})", details.join(" ; "))
        };
        format!(", {} {by}{details}", w.set_by)
    }
}
