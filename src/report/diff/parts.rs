//! What a case's comparison shows both as text and as Markdown: a rule's change, the lists
//! of advice, notes and facts still needed that changed, and a count with its label.

use super::words::{count, rule_result, words};
use crate::analysis::diff::{CaseDiff, RuleChange};
use crate::eval::decision::{FactRef, RemarkResult};
use crate::language::ast::Lang;

/// One item of a list that changed: advice or a note, or a fact still needed.
pub(super) enum Item<'a> {
    /// Advice or a note.
    Remark(&'a RemarkResult),
    /// A fact still needed.
    Fact(&'a FactRef),
}

impl Item<'_> {
    /// Its id: a remark's id, a fact's path.
    pub(super) fn id(&self) -> &str {
        match self {
            Item::Remark(r) => &r.id,
            Item::Fact(f) => &f.path,
        }
    }
}

/// The lists of a case that are not empty, each after its heading, in reading order:
/// advice added and removed, notes added and removed, facts still needed added and removed.
pub(super) fn lists(case: &CaseDiff, lang: Lang) -> Vec<(&'static str, Vec<Item<'_>>)> {
    fn remarks(list: &[RemarkResult]) -> Vec<Item<'_>> {
        list.iter().map(Item::Remark).collect()
    }
    fn facts(list: &[FactRef]) -> Vec<Item<'_>> {
        list.iter().map(Item::Fact).collect()
    }
    let w = words(lang);
    let lists = [
        (w.advice_added, remarks(&case.advice.added)),
        (w.advice_removed, remarks(&case.advice.removed)),
        (w.notes_added, remarks(&case.notes.added)),
        (w.notes_removed, remarks(&case.notes.removed)),
        (w.missing_added, facts(&case.missing.added)),
        (w.missing_removed, facts(&case.missing.removed)),
    ];
    lists
        .into_iter()
        .filter(|(_, items)| !items.is_empty())
        .collect()
}

/// A rule's results on both sides: `A → B`.
pub(super) fn rule_change(rule: &RuleChange, lang: Lang) -> String {
    format!(
        "{} → {}",
        rule_result(rule.before.as_ref(), lang),
        rule_result(rule.after.as_ref(), lang)
    )
}

/// `label: n of total cases`.
pub(super) fn counted(label: &str, n: usize, total: usize, lang: Lang) -> String {
    format!("{label}{}{}", words(lang).colon, count(n, total, lang))
}
