//! Coverage of outcomes: the cases of the outcomes in force and the labelled grounds their
//! conditions can reach, and those a decision exercised (a case that decided its outcome, a
//! ground that held).

use super::coverage::Tally;
use crate::eval::decision::Decision;
use crate::language::program::{CExpr, CKind, Program};

/// Records the outcome cases and grounds in force in `texts`, and those `decision` exercised.
pub(super) fn record(
    cases: &mut Tally,
    grounds: &mut Tally,
    program: &Program,
    decision: &Decision,
) {
    let texts = decision.texts.len();
    let mut seen = vec![false; program.defs.len()];
    let mut reached = Vec::new();
    for def in program.defs.iter().filter(|d| d.outcome.is_some()) {
        let Some(CKind::Cases(list)) = def.versions.at(texts).map(|b| &b.kind) else {
            continue;
        };
        let title = def.labels.at(texts).cloned().unwrap_or_default();
        for case in list {
            let shown = if case.title.is_empty() {
                title.clone()
            } else {
                case.title.clone()
            };
            cases.in_force.insert(case_id(&def.name, &case.id), shown);
            if let Some(when) = &case.when {
                reach(program, texts, when, &mut seen, &mut reached);
            }
        }
    }
    for slot in reached {
        if let Some(ground) = program.grounds.get(slot as usize) {
            grounds
                .in_force
                .insert(ground.id.clone(), ground.title.clone());
        }
    }
    for outcome in &decision.outcomes {
        if let Some(by) = &outcome.by {
            cases.exercised.insert(case_id(&outcome.name, by));
        }
        for ground in &outcome.grounds {
            grounds.exercised.insert(ground.id.clone());
        }
    }
}

/// A case as coverage names it: `outcome.CASE` (case ids are unique within an outcome).
fn case_id(outcome: &str, case: &str) -> String {
    format!("{outcome}.{case}")
}

/// The grounds an expression can reach, through the definitions it reads (not through
/// other outcomes, whose own cases are walked).
fn reach(program: &Program, texts: usize, expr: &CExpr, seen: &mut [bool], out: &mut Vec<u32>) {
    match &expr.kind {
        CKind::Grounds(list) => {
            for (slot, _) in list {
                if !out.contains(slot) {
                    out.push(*slot);
                }
            }
        }
        CKind::Def(slot) => {
            let Some(def) = program.defs.get(*slot as usize) else {
                return;
            };
            let first = seen
                .get_mut(*slot as usize)
                .is_some_and(|s| !std::mem::replace(s, true));
            if first
                && def.outcome.is_none()
                && let Some(body) = def.versions.at(texts)
            {
                reach(program, texts, body, seen, out);
            }
            return;
        }
        _ => {}
    }
    expr.any_operand(|operand| {
        reach(program, texts, operand, seen, out);
        false
    });
}
