//! Property tests through the real pipeline: formatting is idempotent and keeps decisions,
//! logic over unknowns is Kleene's, evaluation is deterministic, date arithmetic clamps to
//! the month's end and keeps order, the three fact formats read the same numbers alike. Case counts are kept small so the file runs in seconds.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests may unwrap and panic"
)]
#![allow(clippy::expect_used, reason = "tests may expect")]
#![allow(clippy::indexing_slicing, reason = "tests index their own tables")]

use doctrine::facts::Format;
use doctrine::source::SourceMap;
use doctrine::{EvalOptions, Program};
use jiff::civil::Date;
use proptest::prelude::*;

/// The header every generated policy shares: three boolean facts, required (left out, they
/// are unknown), an integer and two dates.
const HEADER: &str = "policy p text t in force from 2020-01-01
verdicts refused allowed as satisfied unknown as undecided out as inapplicable
fact a: bool
fact b: bool
fact c: bool
fact n: integer
fact d: date
fact e: date
";

/// A truth value of three-valued logic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Truth {
    True,
    False,
    Unknown,
}

/// A boolean expression over the facts `a`, `b`, `c`.
#[derive(Clone, Debug)]
enum Logic {
    Fact(usize),
    Not(Box<Logic>),
    And(Box<Logic>, Box<Logic>),
    Or(Box<Logic>, Box<Logic>),
    /// `n >= K`: a comparison that is never unknown (n is always given).
    AtLeast(i64),
}

const NAMES: [&str; 3] = ["a", "b", "c"];

impl Logic {
    /// The expression as policy text, fully bracketed so precedence is never in question.
    fn text(&self) -> String {
        match self {
            Logic::Fact(i) => NAMES[*i].to_string(),
            Logic::Not(x) => format!("not ({})", x.text()),
            Logic::And(x, y) => format!("({}) and ({})", x.text(), y.text()),
            Logic::Or(x, y) => format!("({}) or ({})", x.text(), y.text()),
            Logic::AtLeast(k) => format!("n >= {k}"),
        }
    }

    /// Kleene's strong three-valued logic, the reference the evaluator must agree with.
    fn kleene(&self, values: &[Truth; 3], n: i64) -> Truth {
        use Truth::*;
        match self {
            Logic::Fact(i) => values[*i],
            Logic::Not(x) => match x.kleene(values, n) {
                True => False,
                False => True,
                Unknown => Unknown,
            },
            Logic::And(x, y) => match (x.kleene(values, n), y.kleene(values, n)) {
                (False, _) | (_, False) => False,
                (True, True) => True,
                _ => Unknown,
            },
            Logic::Or(x, y) => match (x.kleene(values, n), y.kleene(values, n)) {
                (True, _) | (_, True) => True,
                (False, False) => False,
                _ => Unknown,
            },
            Logic::AtLeast(k) => {
                if n >= *k {
                    True
                } else {
                    False
                }
            }
        }
    }
}

fn logic() -> impl Strategy<Value = Logic> {
    let leaf = prop_oneof![
        4 => (0usize..3).prop_map(Logic::Fact),
        1 => (-2i64..3).prop_map(Logic::AtLeast),
    ];
    leaf.prop_recursive(4, 16, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|x| Logic::Not(Box::new(x))),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| Logic::And(Box::new(x), Box::new(y))),
            (inner.clone(), inner).prop_map(|(x, y)| Logic::Or(Box::new(x), Box::new(y))),
        ]
    })
}

fn truth() -> impl Strategy<Value = Truth> {
    prop_oneof![Just(Truth::True), Just(Truth::False), Just(Truth::Unknown)]
}

fn compile(text: &str) -> Program {
    let mut sources = SourceMap::new();
    let id = sources.add("generated.doctrine", text);
    doctrine::compile(&sources, &[id]).unwrap_or_else(|e| panic!("{e:?}\n{text}"))
}

/// The facts as JSON: unknown facts are left out.
fn facts_json(values: &[Truth; 3], n: i64, d: Date, e: Date) -> String {
    let mut fields = vec![
        format!("\"n\": {n}"),
        format!("\"d\": \"{d}\""),
        format!("\"e\": \"{e}\""),
    ];
    for (name, value) in NAMES.iter().zip(values) {
        match value {
            Truth::True => fields.push(format!("\"{name}\": true")),
            Truth::False => fields.push(format!("\"{name}\": false")),
            Truth::Unknown => {}
        }
    }
    format!("{{{}}}", fields.join(", "))
}

/// The decision of a program over facts, as the JSON bytes `doctrine eval` prints.
fn decide(program: &Program, facts: &str) -> String {
    let mut sources = SourceMap::new();
    let id = sources.add("facts.json", facts);
    let facts = doctrine::bind_facts(program, &sources, id, Format::Json).unwrap();
    let options = EvalOptions {
        on: "2024-01-15".parse().unwrap(),
        overrides: vec![],
    };
    let decision = doctrine::evaluate(program, &facts, &options).unwrap();
    doctrine::report::decision::json::decision(
        &decision,
        "facts.json",
        doctrine::language::ast::Lang::EN,
    )
    .to_string()
}

/// What the one rule `R` gave, as a truth value.
fn verdict(program: &Program, facts: &str) -> Truth {
    let json: serde_json::Value = serde_json::from_str(&decide(program, facts)).unwrap();
    match json["decision"].as_str().unwrap() {
        "allowed" => Truth::True,
        "refused" => Truth::False,
        "unknown" => Truth::Unknown,
        other => panic!("unexpected decision {other}"),
    }
}

fn rule_policy(condition: &str) -> String {
    format!("{HEADER}rule R requires {condition} otherwise refused\n")
}

fn day() -> impl Strategy<Value = Date> {
    (1990i16..2060, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| {
        let first = Date::new(y, m, 1).unwrap();
        Date::new(y, m, d.min(first.days_in_month())).unwrap()
    })
}

/// Adds months the way the language documents it, computed here without the library:
/// the same day of the target month, or that month's last day when it has no such day.
fn add_months(date: Date, months: i32) -> Date {
    let index = i32::from(date.year()) * 12 + i32::from(date.month()) - 1 + months;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let first = Date::new(year as i16, month as i8, 1).unwrap();
    Date::new(
        year as i16,
        month as i8,
        date.day().min(first.days_in_month()),
    )
    .unwrap()
}

const FACT_SETS: [[Truth; 3]; 4] = [
    [Truth::True, Truth::False, Truth::Unknown],
    [Truth::Unknown, Truth::Unknown, Truth::True],
    [Truth::False, Truth::True, Truth::True],
    [Truth::Unknown, Truth::False, Truth::Unknown],
];

/// A policy over one decimal and one whole number, each compared with a threshold that
/// generated numbers fall on, just under and just over.
const NUMBERS: &str = "policy p text t in force from 2020-01-01
verdicts refused allowed as satisfied unknown as undecided out as inapplicable
fact x: decimal
fact n: integer
rule X requires x < 1_000_000 otherwise refused
rule N requires n >= -5 otherwise refused
";

/// A number as JSON, TOML and YAML all write it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn number_text() -> impl Strategy<Value = String> {
    let whole = prop_oneof![
        Just(String::from("0")),
        "[1-9][0-9]{0,35}",
        Just(String::from("999999")),
        Just(String::from("1000000")),
        Just(String::from("5")),
        Just(String::from("9223372036854775807")),
        Just(String::from("9223372036854775808")),
    ];
    let fraction = prop_oneof![
        3 => Just(String::new()),
        2 => "\\.[0-9]{1,35}",
        1 => Just(String::from(".99999999999999999999999999")),
        1 => Just(String::from(".0")),
    ];
    let exponent = prop_oneof![
        4 => Just(String::new()),
        1 => "[eE][+-]?[0-9]{1,3}",
        1 => (-30i32..30).prop_map(|e| format!("e{e}")),
    ];
    (any::<bool>(), whole, fraction, exponent).prop_map(|(negative, whole, fraction, exponent)| {
        format!(
            "{}{whole}{fraction}{exponent}",
            if negative { "-" } else { "" }
        )
    })
}

/// A decimal on, just under or just over the threshold of `x` (1,000,000), in many
/// spellings a 64-bit float cannot tell apart, all within what a decimal holds exactly;
/// with whether it is under the threshold.
fn near_threshold() -> impl Strategy<Value = (String, bool)> {
    (0usize..20, 0usize..4, 0usize..6, any::<bool>()).prop_map(|(digits, shape, shift, big_e)| {
        let nines = "9".repeat(digits.max(1));
        let zeros = "0".repeat(digits);
        let e = if big_e { "E" } else { "e" };
        match shape {
            0 => (format!("999999.{nines}"), true),
            1 => (format!("1000000.{zeros}1"), false),
            2 => (format!("1{}{e}{}", "0".repeat(6 - shift), shift), false),
            // Just under, with the point moved into the exponent.
            _ => {
                let (whole, fraction) = "999999".split_at(6 - shift);
                (format!("{whole}.{fraction}{nines}{e}+{shift}"), true)
            }
        }
    })
}

/// A whole number near the threshold of `n` (-5), or any number.
fn whole_or_any() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (-9i64..9).prop_map(|n| n.to_string()),
        1 => number_text(),
    ]
}

/// What a fact file gives: the decision's JSON (without the file's name), or the messages
/// of its refusal.
fn outcome(
    program: &Program,
    name: &str,
    text: &str,
    format: Format,
) -> Result<String, Vec<String>> {
    let mut sources = SourceMap::new();
    let id = sources.add(name, text);
    let facts = doctrine::bind_facts(program, &sources, id, format)
        .map_err(|errors| errors.0.into_iter().map(|e| e.message).collect::<Vec<_>>())?;
    let options = EvalOptions {
        on: "2024-01-15".parse().unwrap(),
        overrides: vec![],
    };
    let decision = doctrine::evaluate(program, &facts, &options).unwrap();
    Ok(doctrine::report::decision::json::decision(
        &decision,
        "facts",
        doctrine::language::ast::Lang::EN,
    )
    .to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Numbers a float would round across a threshold decide exactly, in every format.
    fn numbers_near_a_threshold_decide_exactly(x in near_threshold()) {
        let ((x, under), program) = (x, compile(NUMBERS));
        let expected = if under { "allowed" } else { "refused" };
        for (name, text, format) in [
            ("f.yaml", format!("x: {x}\nn: 0\n"), Format::Yaml),
            ("f.json", format!("{{\"x\": {x}, \"n\": 0}}"), Format::Json),
            ("f.toml", format!("x = {x}\nn = 0\n"), Format::Toml),
        ] {
            let decision = outcome(&program, name, &text, format);
            let json: serde_json::Value = serde_json::from_str(decision.as_ref().unwrap()).unwrap();
            prop_assert_eq!(json["results"][0]["verdict"].as_str(), Some(expected), "{}: x = {}", name, x);
        }
    }

    /// The same numbers written in YAML, JSON and TOML give the same decision, or the same
    /// refusal with the same words: each is read from its text, exactly, by one grammar
    /// (the fast JSON reader agrees too).
    fn the_three_formats_read_numbers_alike(
        x in prop_oneof![near_threshold().prop_map(|(x, _)| x), number_text()],
        n in whole_or_any(),
    ) {
        let program = compile(NUMBERS);
        let yaml = outcome(&program, "f.yaml", &format!("x: {x}\nn: {n}\n"), Format::Yaml);
        let json = outcome(&program, "f.json", &format!("{{\"x\": {x}, \"n\": {n}}}"), Format::Json);
        let toml = outcome(&program, "f.toml", &format!("x = {x}\nn = {n}\n"), Format::Toml);
        prop_assert_eq!(&yaml, &json, "x = {}, n = {}", x, n);
        prop_assert_eq!(&toml, &json, "x = {}, n = {}", x, n);
        let fast = doctrine::facts::read_json(
            &doctrine::facts::FactIndex::new(&program),
            &format!("{{\"x\": {x}, \"n\": {n}}}"),
        );
        prop_assert_eq!(fast.is_some(), json.is_ok(), "x = {}, n = {}", x, n);
    }

    /// The evaluator computes Kleene's logic, unknowns included: so every law of it holds
    /// (double negation, De Morgan, `false and unknown` is false, …).
    fn logic_over_unknowns_is_kleene(expr in logic(), values in prop::array::uniform3(truth()), n in -3i64..4) {
        let program = compile(&rule_policy(&expr.text()));
        let facts = facts_json(&values, n, Date::constant(2024, 1, 1), Date::constant(2024, 1, 1));
        prop_assert_eq!(verdict(&program, &facts), expr.kleene(&values, n), "{}", expr.text());
    }

    /// The laws stated one by one, over every triple of truth values.
    fn kleene_laws_hold(x in logic(), y in logic(), values in prop::array::uniform3(truth())) {
        let (x, y) = (x.text(), y.text());
        let laws = [
            (format!("not (not ({x}))"), x.clone()),
            (format!("not (({x}) and ({y}))"), format!("(not ({x})) or (not ({y}))")),
            (format!("not (({x}) or ({y}))"), format!("(not ({x})) and (not ({y}))")),
            (format!("({x}) and ({y})"), format!("({y}) and ({x})")),
            (format!("({x}) or ({y})"), format!("({y}) or ({x})")),
            (format!("({x}) and (({x}) or ({y}))"), x.clone()),
        ];
        let facts = facts_json(&values, 0, Date::constant(2024, 1, 1), Date::constant(2024, 1, 1));
        for (left, right) in laws {
            let left_truth = verdict(&compile(&rule_policy(&left)), &facts);
            let right_truth = verdict(&compile(&rule_policy(&right)), &facts);
            prop_assert_eq!(left_truth, right_truth, "{} vs {}", left, right);
        }
    }

    /// Formatting a policy twice gives what formatting it once gave, and the formatted policy
    /// decides as the original does.
    fn fmt_is_idempotent_and_keeps_decisions(rules in prop::collection::vec(logic(), 1..4)) {
        let mut text = String::from(HEADER);
        for (i, rule) in rules.iter().enumerate() {
            // Unbracketed where the grammar allows, so the formatter has work to do.
            let condition = rule.text().replace("(a)", "a").replace("(b)", "b").replace("(c)", "c");
            text.push_str(&format!("rule R{i}   requires   {condition}\n   otherwise refused\n"));
        }
        let file = doctrine::source::FileId(0);
        let once = doctrine::language::format::format_text(&text, file).unwrap();
        let twice = doctrine::language::format::format_text(&once, file).unwrap();
        prop_assert_eq!(&twice, &once);
        let (original, formatted) = (compile(&text), compile(&once));
        for values in FACT_SETS {
            let facts = facts_json(&values, 1, Date::constant(2024, 1, 1), Date::constant(2024, 1, 1));
            prop_assert_eq!(decide(&original, &facts), decide(&formatted, &facts));
        }
    }

    /// The same policy and facts give the same bytes, every time.
    fn evaluation_is_deterministic(expr in logic(), values in prop::array::uniform3(truth())) {
        let text = rule_policy(&expr.text());
        let facts = facts_json(&values, 1, Date::constant(2024, 1, 1), Date::constant(2024, 2, 1));
        let first = decide(&compile(&text), &facts);
        let second = decide(&compile(&text), &facts);
        prop_assert_eq!(first, second);
    }

    /// `d + N months` is the same day N months on, or that month's last day when it has
    /// none (`2022-01-31 + 1 month` is `2022-02-28`).
    fn adding_months_clamps_to_the_month_end(d in day(), months in 0i32..30) {
        let expected = add_months(d, months);
        let program = compile(&rule_policy(&format!("d + {months} months = e")));
        let facts = facts_json(&[Truth::True; 3], 0, d, expected);
        prop_assert_eq!(verdict(&program, &facts), Truth::True, "{} + {} months", d, months);
    }

    /// Adding the same duration keeps the order of two days.
    fn adding_a_duration_keeps_order(d1 in day(), d2 in day(), n in 0i32..400, unit in prop_oneof![Just("days"), Just("months"), Just("years")]) {
        let (d, e) = if d1 <= d2 { (d1, d2) } else { (d2, d1) };
        let program = compile(&rule_policy(&format!("d + {n} {unit} <= e + {n} {unit}")));
        let facts = facts_json(&[Truth::True; 3], 0, d, e);
        prop_assert_eq!(verdict(&program, &facts), Truth::True, "{} <= {} + {} {}", d, e, n, unit);
    }

    /// Days added then taken away give the day back.
    fn days_added_then_removed_give_the_day_back(d in day(), n in 0i32..2000) {
        let program = compile(&rule_policy(&format!("d + {n} days - {n} days = d and e - d = {n} days")));
        let e = d.checked_add(jiff::Span::new().days(i64::from(n))).unwrap();
        let facts = facts_json(&[Truth::True; 3], 0, d, e);
        prop_assert_eq!(verdict(&program, &facts), Truth::True, "{} ± {} days", d, n);
    }
}

tests![
    numbers_near_a_threshold_decide_exactly,
    the_three_formats_read_numbers_alike,
    logic_over_unknowns_is_kleene,
    kleene_laws_hold,
    fmt_is_idempotent_and_keeps_decisions,
    evaluation_is_deterministic,
    adding_months_clamps_to_the_month_end,
    adding_a_duration_keeps_order,
    days_added_then_removed_give_the_day_back,
];
