//! The application layer as a server would call it: a workspace, facts in memory, a fixed
//! today, and the evaluation-date rule.

use serde_json::json;

use super::{PolicySpec, Today, Workspace};
use crate::language::ast::Lang;

fn workspace() -> Workspace {
    let spec = PolicySpec {
        policy: "policies/cloud-au-centre".into(),
        ..PolicySpec::default()
    };
    let Ok(mut ws) = Workspace::open(spec, Lang::EN) else {
        panic!("the shipped policy loads");
    };
    ws.today = Today::fixed(jiff::civil::date(2024, 3, 1));
    ws
}

fn day(ws: &mut Workspace, facts: &serde_json::Value, on: Option<&str>) -> String {
    let on = on.map(|d| d.parse().unwrap_or(jiff::civil::Date::MIN));
    match ws.decide_json("request", facts, on) {
        Ok(decided) => decided.decision.evaluated_on.to_string(),
        Err(errors) => panic!("{errors:?}"),
    }
}

#[test]
fn the_day_asked_wins_then_the_facts_day_then_today() {
    let mut ws = workspace();
    let dated = json!({"evaluated_on": "2023-05-01"});
    assert_eq!(day(&mut ws, &json!({}), None), "2024-03-01");
    assert_eq!(day(&mut ws, &dated, None), "2023-05-01");
    assert_eq!(day(&mut ws, &dated, Some("2022-01-01")), "2022-01-01");
}

#[test]
fn facts_in_memory_that_do_not_fit_are_errors_named_by_the_request() {
    let mut ws = workspace();
    let Err(errors) = ws.decide_json("request", &json!({"no_such_fact": 1}), None) else {
        panic!("an unknown key is an error");
    };
    let rendered = crate::report::diagnostics::render_as(
        &errors,
        &ws.sources,
        crate::report::diagnostics::ErrorFormat::Plain,
        false,
    );
    assert!(rendered.contains("request"), "{rendered}");
}

#[test]
fn bad_overrides_wait_for_the_request() {
    let spec = PolicySpec {
        policy: "policies/cloud-au-centre".into(),
        set: vec!["no_such_param=1".into()],
        ..PolicySpec::default()
    };
    let Ok(ws) = Workspace::open(spec, Lang::EN) else {
        panic!("the policy itself loads");
    };
    assert!(!ws.errors().is_empty());
}
