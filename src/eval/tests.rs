//! Unit tests of the verdict pass through both [`evaluate`](super::evaluate) and
//! [`verdicts`](super::verdicts): a rule whose requirement is unknown while an exception holds,
//! for each verdict an exception can give.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use super::{EvalOptions, evaluate, verdicts};
use crate::eval::decision::RuleResult;
use crate::facts::Format;
use crate::source::SourceMap;

/// Each rule requires `ok`; its exception holds when `waived` does.
const POLICY: &str = r#"
policy p text p-v1 in force from 2020-01-01
verdicts refused unknown as undecided temporary allowed as satisfied out as inapplicable
fact ok: bool
fact waived: bool
fact other: bool
fact day: date
rule SAT requires ok otherwise refused "not ok: {ok}" satisfied "ok: {ok}"
exception SAT-e to SAT when waived gives allowed "waived"
rule LAST requires ok otherwise refused satisfied "ok: {ok}"
exception LAST-e to LAST when waived gives allowed until day "waived until {day}"
rule TEMP requires ok otherwise refused satisfied "ok: {ok}"
exception TEMP-e to TEMP when waived gives temporary until day "temporary until {day}"
rule REF requires ok otherwise temporary satisfied "ok: {ok}"
exception REF-e to REF when waived gives refused "refused anyway"
rule GONE requires ok otherwise refused satisfied "ok: {ok}"
exception GONE-e to GONE when waived gives allowed until 2021-01-01 "waived" expired "waiver over"
rule NEST requires ok otherwise refused satisfied "ok: {ok}"
exception NEST-e to NEST when waived gives refused "refused by the first"
exception NEST-f to NEST-e when waived gives allowed "allowed by the second"
rule MAYBE requires ok otherwise refused satisfied "ok: {ok}"
exception MAYBE-e to MAYBE when other gives allowed "other"
"#;

/// The result of `rule` and the verdict `verdicts` gives it, over facts written in JSON; both
/// are checked to agree.
fn run(facts: &str, rule: &str) -> RuleResult {
    let mut sources = SourceMap::new();
    let policy = sources.add("p.doctrine", POLICY);
    let program = crate::compile(&sources, &[policy]).unwrap();
    let file = sources.add("facts.json", facts.to_string());
    let facts = crate::bind_facts(&program, &sources, file, Format::Json).unwrap();
    let options = EvalOptions {
        on: "2024-01-01".parse().unwrap(),
        overrides: Vec::new(),
    };
    let decision = evaluate(&program, &facts, &options).unwrap();
    let verdicts = verdicts(&program, &facts, &options).unwrap();
    assert_eq!(verdicts.decision, decision.decision.rank);
    assert_eq!(verdicts.until, decision.until);
    let result = decision
        .results
        .iter()
        .find(|r| r.rule == rule)
        .unwrap()
        .clone();
    let slot = program.rules.iter().position(|r| r.id == rule).unwrap();
    let verdict = verdicts
        .rules
        .iter()
        .find(|v| v.rule as usize == slot)
        .unwrap();
    assert_eq!(verdict.verdict, result.verdict.rank, "{rule}");
    let by = verdict
        .by
        .map(|e| program.exceptions.get(e as usize).unwrap().id.clone());
    assert_eq!(by, result.by, "{rule}");
    assert_eq!(verdict.until, result.until, "{rule}");
    result
}

const UNKNOWN: &str = r#"{"waived": true, "other": false, "day": "2025-06-30"}"#;
const FAILED: &str = r#"{"ok": false, "waived": true, "other": false, "day": "2025-06-30"}"#;

fn en(result: &RuleResult) -> &str {
    result.message.get(crate::i18n::Lang::EN).unwrap()
}

/// What a reader is told: the same whether the requirement is unknown or known to fail.
fn shown(result: &RuleResult) -> (String, Option<String>, Option<String>, String) {
    (
        result.verdict.name.clone(),
        result.by.clone(),
        result.until.map(|d| d.to_string()),
        en(result).to_string(),
    )
}

#[test]
fn an_exception_giving_the_satisfied_verdict_decides_an_unknown_requirement() {
    let result = run(UNKNOWN, "SAT");
    assert_eq!(result.verdict.name, "allowed");
    assert_eq!(result.by.as_deref(), Some("SAT-e"));
    assert_eq!(en(&result), "waived");
    assert!(result.missing.is_empty());
    assert_eq!(shown(&result), shown(&run(FAILED, "SAT")));
}

#[test]
fn an_exception_giving_the_satisfied_verdict_until_a_day_keeps_its_day() {
    let result = run(UNKNOWN, "LAST");
    assert_eq!(result.verdict.name, "allowed");
    assert_eq!(result.by.as_deref(), Some("LAST-e"));
    assert_eq!(
        result.until.map(|d| d.to_string()).as_deref(),
        Some("2025-06-30")
    );
    assert_eq!(en(&result), "waived until 2025-06-30");
    assert_eq!(shown(&result), shown(&run(FAILED, "LAST")));
}

#[test]
fn an_exception_to_an_exception_decides_an_unknown_requirement() {
    let result = run(UNKNOWN, "NEST");
    assert_eq!(result.by.as_deref(), Some("NEST-f"));
    assert_eq!(en(&result), "allowed by the second");
    assert_eq!(shown(&result), shown(&run(FAILED, "NEST")));
}

/// When the exception gives another verdict than the satisfied one, the unknown requirement
/// still decides between the two: the rule cannot decide, and says which fact it needs.
#[test]
fn an_exception_giving_another_verdict_leaves_an_unknown_requirement_undecided() {
    for rule in ["TEMP", "REF", "GONE"] {
        let result = run(UNKNOWN, rule);
        assert_eq!(result.verdict.name, "unknown", "{rule}");
        assert_eq!(result.by, None, "{rule}");
        assert_eq!(result.until, None, "{rule}");
        let missing: Vec<&str> = result.missing.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(missing, ["ok"], "{rule}");
    }
    let temporary = run(FAILED, "TEMP");
    assert_eq!(temporary.verdict.name, "temporary");
    assert_eq!(temporary.by.as_deref(), Some("TEMP-e"));
    let refused = run(FAILED, "REF");
    assert_eq!(refused.by.as_deref(), Some("REF-e"));
    let expired = run(FAILED, "GONE");
    assert_eq!(expired.verdict.name, "refused");
    assert_eq!(en(&expired), "waiver over");
}

#[test]
fn an_exception_that_does_not_hold_leaves_the_rule_to_its_requirement() {
    let result = run(UNKNOWN, "MAYBE");
    assert_eq!(result.verdict.name, "unknown");
    let missing: Vec<&str> = result.missing.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(missing, ["ok"]);
    let unknown_exception = r#"{"waived": true, "day": "2025-06-30"}"#;
    let result = run(unknown_exception, "MAYBE");
    assert_eq!(result.verdict.name, "unknown");
    let missing: Vec<&str> = result.missing.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(missing, ["ok", "other"]);
}

#[test]
fn a_requirement_that_holds_gives_the_rule_its_own_message() {
    let met = r#"{"ok": true, "waived": true, "other": true, "day": "2025-06-30"}"#;
    for rule in ["SAT", "LAST", "TEMP", "NEST", "MAYBE"] {
        let result = run(met, rule);
        assert_eq!(result.verdict.name, "allowed", "{rule}");
        assert_eq!(result.by, None, "{rule}");
        assert_eq!(en(&result), "ok: true", "{rule}");
    }
}
