//! Remedies as text for a person: the decision now, then each remedy, smallest first, with
//! its changes and the rules whose outcome it changes.

use std::fmt::Write;

use anstyle::Style;

use crate::ast::Lang;
use crate::decision::VerdictRef;
use crate::eval::render::value_text;
use crate::program::Program;
use crate::remedy::{Change, ChangeKind, Goal, Remedy, RemedyReport};
use crate::report::decision::text::verdict_style;
use crate::value::Value;

struct Words {
    title: &'static str,
    now: &'static str,
    better: &'static str,
    at_least: &'static str,
    up_to: &'static str,
    changes: &'static str,
    change: &'static str,
    found: &'static str,
    best: &'static str,
    reached: &'static str,
    best_now: &'static str,
    none: &'static str,
    until: &'static str,
    by: &'static str,
    no_verdict: &'static str,
    scope: &'static str,
    scope_values: [&'static str; 3],
    across: &'static str,
    added: &'static str,
    removed: &'static str,
    shown: &'static str,
    stopped: &'static str,
    colon: &'static str,
}

const EN: Words = Words {
    title: "Remedies",
    now: "decision now",
    better: "a better decision",
    at_least: "at least",
    up_to: "up to",
    changes: "changes",
    change: "change",
    found: "found",
    best: "best reached",
    reached: "The decision already reaches the target: nothing to change.",
    best_now: "The decision is already the best that changing facts can reach.",
    none: "No set of changes reaches the target.",
    until: "until",
    by: "by",
    no_verdict: "no verdict",
    scope: "scope",
    scope_values: ["unknown", "in", "out"],
    across: "threshold",
    added: "add",
    removed: "remove",
    shown: "shown",
    stopped: "Larger sets were not searched: the remedies above are the smallest; --limit widens the search.",
    colon: ": ",
};

const FR: Words = Words {
    title: "Remèdes",
    now: "décision actuelle",
    better: "une meilleure décision",
    at_least: "au moins",
    up_to: "jusqu'à",
    changes: "changements",
    change: "changement",
    found: "trouvé(s)",
    best: "meilleure atteinte",
    reached: "La décision atteint déjà la cible : rien à changer.",
    best_now: "La décision est déjà la meilleure qu'un changement des faits puisse atteindre.",
    none: "Aucun ensemble de changements n'atteint la cible.",
    until: "jusqu'au",
    by: "par",
    no_verdict: "pas de verdict",
    scope: "champ",
    scope_values: ["inconnu", "dans le champ", "hors du champ"],
    across: "seuil",
    added: "ajouter",
    removed: "retirer",
    shown: "affiché(s)",
    stopped: "Les ensembles plus grands n'ont pas été cherchés : les remèdes ci-dessus sont les plus petits ; --limit élargit la recherche.",
    colon: " : ",
};

fn label(verdict: &VerdictRef, lang: Lang) -> String {
    verdict.label.get(lang).unwrap_or(&verdict.name).to_string()
}

fn styled(program: &Program, verdict: &VerdictRef, lang: Lang) -> String {
    let style = verdict_style(verdict.rank, verdict.rank >= program.scale.satisfied);
    format!("{style}{}{style:#}", label(verdict, lang))
}

/// Renders a search's remedies; `shown` caps the list.
pub fn report(
    program: &Program,
    report: &RemedyReport,
    facts: &str,
    shown: usize,
    lang: Lang,
) -> String {
    let words = match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    };
    let (bold, dim) = (Style::new().bold(), Style::new().dimmed());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{bold}{}{bold:#} {dim}{facts}{dim:#} · {}{}{}",
        words.title,
        words.now,
        words.colon,
        styled(program, &report.decision, lang)
    );
    let target = match &report.goal {
        Goal::Better => words.better.to_string(),
        Goal::AtLeast(v) => format!("{} {}", words.at_least, label(v, lang)),
    };
    let count = report.remedies.len();
    let noun = if report.max_changes == 1 {
        words.change
    } else {
        words.changes
    };
    let mut summary = format!(
        "{target} · {} {} {noun} · {count} {}",
        words.up_to, report.max_changes, words.found
    );
    if count > shown {
        let _ = write!(summary, ", {shown} {}", words.shown);
    }
    if let Some(best) = &report.best {
        let _ = write!(
            summary,
            " · {}{}{}",
            words.best,
            words.colon,
            label(best, lang)
        );
    }
    let _ = writeln!(out, "{dim}{summary}{dim:#}");
    if report.reached {
        let message = match report.goal {
            Goal::Better => words.best_now,
            Goal::AtLeast(_) => words.reached,
        };
        let _ = writeln!(out, "\n{message}");
        return out;
    }
    if report.remedies.is_empty() {
        let _ = writeln!(out, "\n{}", words.none);
    }
    for (index, remedy) in report.remedies.iter().take(shown).enumerate() {
        one(&mut out, program, report, remedy, index + 1, words, lang);
    }
    if !report.exhausted {
        let _ = writeln!(out, "\n{dim}{}{dim:#}", words.stopped);
    }
    out
}

fn one(
    out: &mut String,
    program: &Program,
    report: &RemedyReport,
    remedy: &Remedy,
    number: usize,
    words: &Words,
    lang: Lang,
) {
    let dim = Style::new().dimmed();
    let size = remedy.changes.len();
    let noun = if size == 1 {
        words.change
    } else {
        words.changes
    };
    let mut head = styled(program, &remedy.decision, lang);
    if let Some(until) = remedy.until {
        let _ = write!(head, " {} {until}", words.until);
    }
    let _ = writeln!(out, "\n{number:>2}. {head}  {dim}({size} {noun}){dim:#}");
    for change in &remedy.changes {
        let _ = writeln!(out, "      • {}", change_text(program, change, words, lang));
    }
    if remedy.in_scope != report.in_scope {
        let scope = |s: Option<bool>| match s {
            None => words.scope_values[0],
            Some(true) => words.scope_values[1],
            Some(false) => words.scope_values[2],
        };
        let _ = writeln!(
            out,
            "        {dim}{}{}{} → {}{dim:#}",
            words.scope,
            words.colon,
            scope(report.in_scope),
            scope(remedy.in_scope)
        );
    }
    for effect in &remedy.effects {
        let verdict = |v: &Option<VerdictRef>| {
            v.as_ref()
                .map_or_else(|| words.no_verdict.to_string(), |v| label(v, lang))
        };
        let mut line = format!(
            "{}{}{} → {}",
            effect.rule,
            words.colon,
            verdict(&effect.before),
            verdict(&effect.after)
        );
        if let Some(until) = effect.until {
            let _ = write!(line, " {} {until}", words.until);
        }
        if let Some(by) = &effect.by {
            let _ = write!(line, ", {} {by}", words.by);
        }
        let _ = writeln!(out, "        {dim}{line}{dim:#}");
    }
}

/// Values as names; unknown and unset in the reader's language.
fn shown(program: &Program, value: &Value, lang: Lang) -> String {
    match value {
        Value::Unknown(_) | Value::NotSet => value_text(program, value, Some(lang)),
        _ => value_text(program, value, None),
    }
}

/// One change in words: `fact: from → to`, with what a set gains or loses and the value a
/// number or day moves across.
fn change_text(program: &Program, change: &Change, words_lang: &Words, lang: Lang) -> String {
    if let ChangeKind::Elements { added, removed } = &change.kind {
        let mut parts = Vec::new();
        let list = |l: &[Value]| {
            l.iter()
                .map(|v| shown(program, v, lang))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !removed.is_empty() {
            parts.push(format!("{} {}", words_lang.removed, list(removed)));
        }
        if !added.is_empty() {
            parts.push(format!("{} {}", words_lang.added, list(added)));
        }
        return format!(
            "{}{}{} → {}",
            change.fact,
            words_lang.colon,
            parts.join("; "),
            shown(program, &change.to, lang)
        );
    }
    let mut line = format!(
        "{}{}{} → {}",
        change.fact,
        words_lang.colon,
        shown(program, &change.from, lang),
        shown(program, &change.to, lang)
    );
    if let ChangeKind::Move { across } = &change.kind {
        let _ = write!(
            line,
            " ({} {})",
            words_lang.across,
            shown(program, across, lang)
        );
    }
    line
}
