//! Explanations of decisions (see [`crate::analysis::explain`]) as prose for a person, in the
//! language asked for, and as JSON for tools.

pub mod json;
mod outcome;
pub mod text;
mod tree;

use crate::language::ast::Lang;

use crate::analysis::explain::Truth;

/// A line's mark: ✓ holds, ✗ does not hold, ? unknown, • a value that is not a condition.
pub(crate) fn mark(truth: Option<Truth>) -> &'static str {
    match truth {
        Some(Truth::True) => "✓",
        Some(Truth::False) => "✗",
        Some(Truth::Unknown) => "?",
        None => "•",
    }
}

// The words of an explanation in prose, per language.

crate::words! {
    /// The fixed words of the prose; labels and messages come from the policy.
    pub(super) struct Words in "explain" {
        decision,
        until,
        policy,
        on,
        texts,
        none,
        overrides,
        scope,
        in_scope,
        out_of_scope,
        scope_unknown,
        always_applies,
        applies,
        does_not_apply,
        applies_unknown,
        requirement_met,
        requirement_not_met,
        requirement_unknown,
        not_looked_at,
        exceptions_tried,
        exceptions_not_tried,
        holds_gives,
        does_not_hold,
        holds_unknown,
        expired,
        last_day,
        verdict,
        no_verdict,
        no_verdict_short,
        decided_by,
        sources,
        other_rules,
        not_applying,
        no_rule,
        no_text,
        missing,
        is,
        is_unknown,
        is_not_set,
        unknown,
        not_set,
        not_evaluated,
        missing_facts,
        param,
        set_by,
        step_from,
        source,
        empty,
        see_above,
        colon,
        open_quote,
        close_quote,
        outcome_value,
        decided_by_case,
        case_otherwise,
        case_unknown_gives,
        possible_values,
        grounds_held,
        outcome_tag,
        the_decision,
        outcome_missing,
    }
}

/// The words of a language.
pub(super) fn words(lang: Lang) -> &'static Words {
    Words::of(lang)
}
