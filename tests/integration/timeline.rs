//! The timeline evaluates only on the days where something can change; evaluating on every
//! single day of the window must give exactly the same periods. This proves, for these
//! policies and fact files, that the days it skips change nothing. The same check over every
//! test case of every policy is slower: `cargo test --release --test integration -- --ignored timeline::`.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests may unwrap, index and panic"
)]

use doctrine::analysis::timeline::{default_from, default_to, same_state, timeline};
use doctrine::eval::FactSet;
use doctrine::eval::overrides::Override;
use doctrine::source::SourceMap;
use doctrine::{Decision, EvalOptions, Program, evaluate};
use jiff::civil::Date;

/// The periods found by evaluating on every day: (first day, last day, decision).
fn every_day(
    program: &Program,
    facts: &FactSet,
    overrides: &[Override],
    from: Date,
    to: Date,
) -> Vec<(Date, Date, Decision)> {
    let mut periods: Vec<(Date, Date, Decision)> = Vec::new();
    let mut day = from;
    while day <= to {
        let options = EvalOptions {
            on: day,
            overrides: overrides.to_vec(),
        };
        let decision = evaluate(program, facts, &options).unwrap();
        match periods.last_mut() {
            Some((_, last, d)) if same_state(d, &decision) => *last = day,
            _ => periods.push((day, day, decision)),
        }
        day = day.tomorrow().unwrap();
    }
    periods
}

fn check(program: &Program, facts: &FactSet, overrides: &[Override], window: Option<(&str, &str)>) {
    let (from, to) = match window {
        Some((from, to)) => (from.parse().unwrap(), to.parse().unwrap()),
        None => {
            let from = default_from(program);
            (from, default_to(program, facts, from))
        }
    };
    let fast = timeline(program, facts, overrides, from, to).unwrap();
    let slow = every_day(program, facts, overrides, from, to);
    let shown = |p: &[(Date, Date, String)]| {
        p.iter()
            .map(|(a, b, d)| format!("{a} → {b} {d}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let fast_list: Vec<(Date, Date, String)> = fast
        .iter()
        .map(|p| (p.from, p.to.unwrap_or(to), p.decision.decision.name.clone()))
        .collect();
    let slow_list: Vec<(Date, Date, String)> = slow
        .iter()
        .map(|(a, b, d)| (*a, *b, d.decision.name.clone()))
        .collect();
    assert_eq!(
        shown(&fast_list),
        shown(&slow_list),
        "timeline (left) and every day (right) differ"
    );
    for (period, (_, _, decision)) in fast.iter().zip(&slow) {
        assert!(same_state(&period.decision, decision), "{}", period.from);
    }
    // Open-ended only when nothing changes after the window either.
    if let Some(last) = fast.last()
        && last.to.is_none()
    {
        let later = to.checked_add(jiff::Span::new().years(20)).unwrap();
        let options = EvalOptions {
            on: later,
            overrides: overrides.to_vec(),
        };
        let decision = evaluate(program, facts, &options).unwrap();
        assert!(same_state(&last.decision, &decision), "changes after {to}");
    }
}

fn load(policy: &str, facts: &str, set: &[&str]) -> (Program, FactSet, Vec<Override>) {
    let mut sources = SourceMap::new();
    let program = doctrine::app::load::load_policy(policy.as_ref(), &[], &mut sources).unwrap();
    let (facts, _, _) =
        doctrine::app::load::load_facts(facts, &program, &mut sources, &["expect", "on", "set"])
            .unwrap();
    let overrides = set
        .iter()
        .map(|s| doctrine::eval::overrides::parse_override(&program, s, &mut sources).unwrap())
        .collect();
    (program, facts, overrides)
}

fn cloud_doctrine_examples() {
    for file in [
        "examples/derogation-open.yaml",
        "examples/derogation-expired.yaml",
        "examples/office365-azure-2021.yaml",
        "examples/on-premises-small.yaml",
        "examples/unknown-facts.yaml",
    ] {
        let (program, facts, overrides) = load("policies/cloud-au-centre", file, &[]);
        check(&program, &facts, &overrides, None);
    }
    let (program, facts, overrides) = load(
        "policies/cloud-au-centre",
        "examples/derogation-open.yaml",
        &["derogation_period=1 month"],
    );
    check(&program, &facts, &overrides, None);
}

fn procurement_examples() {
    for file in [
        "examples/procurement/facts/voirie-2025.toml",
        "examples/procurement/facts/infogerance-2026.json",
        "examples/procurement/tests/30-complementary-last-day.yaml",
        "examples/procurement/tests/40-framework-5-years.yaml",
    ] {
        let (program, facts, overrides) = load("examples/procurement", file, &[]);
        check(&program, &facts, &overrides, None);
    }
}

/// Outcomes split periods too: NIS2's `today < application_date`, a dated parameter step, a
/// limit computed from a date fact, an amendment replacing an outcome.
fn outcomes_examples() {
    for file in [
        "examples/nis2/grid-operator.yaml",
        "examples/nis2/cloud-provider-medium.yaml",
        "examples/nis2/hospital-unknown-staff.yaml",
    ] {
        let (program, facts, overrides) = load("policies/nis2", file, &[]);
        check(
            &program,
            &facts,
            &overrides,
            Some(("2023-01-10", "2025-06-30")),
        );
    }
    let (program, facts, overrides) = load(
        "tests/policies/outcomes-causes",
        "tests/policies/outcomes-causes/facts.yaml",
        &[],
    );
    check(&program, &facts, &overrides, None);
}

fn language_tour() {
    for file in [
        "tests/policies/language/tests/06-exception-until.yaml",
        "tests/policies/language/tests/02-dated-step.yaml",
        "tests/policies/language/tests/15-mixed-durations.yaml",
    ] {
        let (program, facts, overrides) = load("tests/policies/language", file, &[]);
        check(
            &program,
            &facts,
            &overrides,
            Some(("2019-06-01", "2024-06-30")),
        );
    }
}

/// The head of the policies that read `today`.
const CLOCK: &str = r#"
policy clock text clock-v1 in force from 2020-01-01
verdicts bad unsure as undecided temp good as satisfied out as inapplicable
fact start: date
fact end: date?
fact deadlines: set of date
fact span: duration
fact lengths: set of duration
param grace: duration = 1 month from 2021-03-01 = 45 days
def elapsed = today - start
def late = today > start + span
"#;

/// `today` under arithmetic, compared: each comparison changes where bisection finds it.
const ARITHMETIC: &str = r#"
rule LATE requires not late otherwise bad
rule ELAPSED requires elapsed < 60 days otherwise temp
rule AGO requires start + 3 months != today otherwise temp
rule NEG requires -(today - start) > -400 days otherwise bad
rule DEADLINES requires all d in deadlines: today < d + grace otherwise bad
rule LENGTHS requires any l in lengths: start + l >= today otherwise temp
rule IF requires (if end is set then end else start + 2 years) >= today otherwise bad
rule END applies when end is set requires end is set and end - today >= 10 days otherwise temp
rule HOLD requires false otherwise bad
exception HOLD-grace to HOLD when true gives temp until start + grace + span
exception HOLD-late to HOLD-grace when today > start + 1 year gives good
"#;

/// Durations of mixed units, and `today` twice: followed day by day.
const CALENDAR: &str = r#"
rule ELAPSED requires elapsed < 2 months otherwise temp
rule MIXED requires all l in lengths: l <= span + 1 day otherwise temp
rule TWICE requires today + 1 month > today + 30 days otherwise temp
"#;

/// `today` outside arithmetic: every day may differ.
const ANYWHERE: &str = r#"
rule SET requires today not in {2020-02-29, 2021-03-01} otherwise temp
rule HOLD requires false otherwise bad
exception HOLD-late to HOLD when late gives temp until today + 1 day
"#;

fn clock(rules: &str, facts: &str) -> (Program, FactSet) {
    let mut sources = SourceMap::new();
    let policy = sources.add("clock.doctrine", format!("{CLOCK}{rules}"));
    let program = doctrine::compile(&sources, &[policy]).unwrap();
    let facts = sources.add("facts.json", facts);
    let facts =
        doctrine::bind_facts(&program, &sources, facts, doctrine::facts::Format::Json).unwrap();
    (program, facts)
}

fn every_use_of_today() {
    for rules in [ARITHMETIC, CALENDAR, ANYWHERE] {
        for facts in [
            r#"{"start": "2020-01-31", "deadlines": ["2020-03-31", "2021-02-28"], "span": "1 month", "lengths": ["30 days", "2 months"]}"#,
            r#"{"start": "2020-02-29", "end": "2021-06-30", "deadlines": [], "span": "30 days", "lengths": ["1 year"]}"#,
            r#"{"start": "2019-12-31", "end": "2020-01-05", "deadlines": ["2022-12-31"], "span": "2 months", "lengths": ["61 days"]}"#,
        ] {
            let (program, facts) = clock(rules, facts);
            check(&program, &facts, &[], Some(("2019-12-01", "2023-03-31")));
        }
    }
}

/// Without `today` beyond arithmetic and comparisons, the last period is open-ended.
fn open_ended() {
    let (program, facts, overrides) = load(
        "policies/cloud-au-centre",
        "examples/derogation-expired.yaml",
        &[],
    );
    let from = default_from(&program);
    let periods = timeline(
        &program,
        &facts,
        &overrides,
        from,
        default_to(&program, &facts, from),
    )
    .unwrap();
    assert!(periods.last().unwrap().to.is_none());
    assert_eq!(
        periods.first().unwrap().decision.decision.name,
        "not_applicable"
    );
}

fn every_policy_case() {
    for policy in [
        "policies/cloud-au-centre",
        "examples/procurement",
        "tests/policies/language",
    ] {
        let mut cases: Vec<_> = std::fs::read_dir(format!("{policy}/tests"))
            .unwrap()
            .flatten()
            .map(|e| e.path().display().to_string())
            .filter(|p| [".yaml", ".json", ".toml"].iter().any(|x| p.ends_with(x)))
            .collect();
        cases.sort();
        for case in cases {
            let (program, facts, overrides) = load(policy, &case, &[]);
            check(&program, &facts, &overrides, None);
        }
    }
}

tests![
    cloud_doctrine_examples,
    procurement_examples,
    outcomes_examples,
    language_tour,
    every_use_of_today,
    open_ended,
    #[ignore = "slow: every test case of every policy, evaluated on every day"]
    every_policy_case,
];
