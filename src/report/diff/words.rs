//! The words and phrases the comparison reports share: labels per language, a verdict with
//! its last day, a rule's result with its exception, a side, a count, a transition.

use std::fmt::Write;

use crate::ast::Lang;
use crate::decision::{RuleResult, VerdictRef};
use crate::diff::{Side, Transition};
use crate::program::Localized;

/// Words of the comparison reports, per language.
pub(crate) struct Words {
    pub decision: &'static str,
    pub unchanged: &'static str,
    pub as_of: &'static str,
    pub each_date: &'static str,
    pub texts: &'static str,
    pub none: &'static str,
    pub until: &'static str,
    pub by: &'static str,
    pub expired: &'static str,
    pub no_verdict: &'static str,
    pub advice_added: &'static str,
    pub advice_removed: &'static str,
    pub notes_added: &'static str,
    pub notes_removed: &'static str,
    pub missing_added: &'static str,
    pub missing_removed: &'static str,
    pub changed: &'static str,
    pub count_header: &'static str,
    pub detail: &'static str,
    pub detail_hint: &'static str,
    pub case: &'static str,
    pub why: &'static str,
    pub change: &'static str,
    pub colon: &'static str,
    pub semicolon: &'static str,
    pub last_day: &'static str,
}

const FR: Words = Words {
    decision: "Décision",
    unchanged: "inchangée",
    as_of: "au",
    each_date: "à la date de chaque cas",
    texts: "textes appliqués",
    none: "aucun",
    until: "jusqu'au",
    by: "par l'exception",
    expired: "expirée le",
    no_verdict: "sans verdict",
    advice_added: "Conseils ajoutés",
    advice_removed: "Conseils retirés",
    notes_added: "Notes ajoutées",
    notes_removed: "Notes retirées",
    missing_added: "Faits désormais à renseigner",
    missing_removed: "Faits qui ne sont plus à renseigner",
    changed: "Décision modifiée",
    count_header: "Cas",
    detail: "Même décision, détail modifié",
    detail_hint: "--all les liste",
    case: "Cas",
    why: "Pourquoi",
    change: "Changement",
    colon: " : ",
    semicolon: " ; ",
    last_day: "(date de fin modifiée)",
};

const EN: Words = Words {
    decision: "Decision",
    unchanged: "unchanged",
    as_of: "as of",
    each_date: "as of each case's date",
    texts: "texts applied",
    none: "none",
    until: "until",
    by: "by the exception",
    expired: "expired on",
    no_verdict: "no verdict",
    advice_added: "Advice added",
    advice_removed: "Advice removed",
    notes_added: "Notes added",
    notes_removed: "Notes removed",
    missing_added: "Facts now needed",
    missing_removed: "Facts no longer needed",
    changed: "Decision changed",
    count_header: "Cases",
    detail: "Same decision, details changed",
    detail_hint: "--all lists them",
    case: "Case",
    why: "Why",
    change: "Change",
    colon: ": ",
    semicolon: "; ",
    last_day: "(last day changed)",
};

/// The words of a language.
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

pub(crate) fn pick(localized: &Localized, lang: Lang) -> &str {
    localized.get(lang).unwrap_or("")
}

/// A verdict in the reader's language, with its last day when it has one.
pub(crate) fn verdict(v: &VerdictRef, until: Option<jiff::civil::Date>, lang: Lang) -> String {
    let label = v.label.get(lang).unwrap_or(&v.name);
    match until {
        Some(day) => format!("{label} {} {day}", words(lang).until),
        None => label.to_string(),
    }
}

/// A rule's result: its verdict, the exception that decided it or that expired.
pub(crate) fn rule_result(result: Option<&RuleResult>, lang: Lang) -> String {
    let w = words(lang);
    let Some(r) = result else {
        return w.no_verdict.to_string();
    };
    let mut out = verdict(&r.verdict, r.until, lang);
    if let Some(by) = &r.by {
        let _ = write!(out, ", {} {by}", w.by);
    }
    if let Some((exception, last)) = &r.expired {
        let last = last
            .map(|d| format!(" {} {d}", w.expired))
            .unwrap_or_default();
        let _ = write!(out, " ({exception}{last})");
    }
    out
}

/// One side: its policy and amendments, its date, its overrides.
pub(crate) fn side(s: &Side, lang: Lang) -> String {
    let w = words(lang);
    let mut out = s.path.clone();
    for amendment in &s.amendments {
        let _ = write!(out, " + {amendment}");
    }
    match s.on {
        Some(day) => {
            let _ = write!(out, ", {} {day}", w.as_of);
        }
        None => {
            let _ = write!(out, ", {}", w.each_date);
        }
    }
    for (name, value) in &s.overrides {
        let _ = write!(out, ", {name} = {value}");
    }
    out
}

/// `n of total cases`, in the reader's language.
pub(crate) fn count(n: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{n} cas sur {total}"),
        Lang::En if total == 1 => format!("{n} of 1 case"),
        Lang::En => format!("{n} of {total} cases"),
    }
}

/// A transition of decisions: `old → new`, saying so when only the last day changed.
pub(crate) fn transition(t: &Transition, lang: Lang) -> String {
    let mut out = format!(
        "{} → {}",
        verdict(&t.before, None, lang),
        verdict(&t.after, None, lang)
    );
    if t.before.name == t.after.name {
        let _ = write!(out, " {}", words(lang).last_day);
    }
    out
}

/// `x` when both sides say the same, else `x → y`.
pub(crate) fn either(before: String, after: String) -> String {
    if before == after {
        before
    } else {
        format!("{before} → {after}")
    }
}
