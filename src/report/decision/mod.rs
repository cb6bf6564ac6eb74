//! Decisions as reports: JSON for tools, text for a person, and a document (with its
//! sections: the base, the explanation, the remedies) rendered as Markdown or HTML.

mod base;
pub mod document;
pub mod explain;
pub mod html;
pub mod json;
pub mod markdown;
mod outcomes;
pub mod remedy;
pub mod short;
pub mod text;

use crate::language::ast::Lang;

// The words of decision reports (Markdown and HTML), in each language of the interface.

crate::words! {
    /// Headings and labels of a decision report.
    pub(crate) struct Words in "report" {
        title,
        titles,
        decision,
        until,
        policy,
        facts,
        evaluated_on,
        in_scope,
        yes,
        no,
        unknown,
        overrides,
        amendments,
        tool,
        texts,
        text,
        text_title,
        in_force,
        file,
        sha256,
        none,
        rules,
        no_rule,
        rule,
        verdict,
        message,
        cites,
        exception,
        expired,
        why,
        read,
        param,
        unknown_facts,
        advice,
        notes,
        missing,
        missing_lead,
        explanation,
        scope,
        in_scope_holds,
        out_of_scope,
        scope_unknown,
        applies_when,
        requires,
        exception_to,
        gives,
        no_verdict,
        value_unknown,
        not_set,
        not_evaluated,
        shown_above,
        remedies,
        remedies_lead,
        remedies_none,
        remedies_more_before,
        remedies_more_command,
        remedies_more_after,
        changes,
        effects,
        across,
        added,
        removed,
        by,
        colon,
        outcomes,
        outcome,
        value,
        case,
        grounds,
        outcome_case,
    }
}

/// The words in `lang`.
pub(crate) fn words(lang: Lang) -> &'static Words {
    Words::of(lang)
}
