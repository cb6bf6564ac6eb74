//! Rules and their exceptions, as defaults: an exception that holds replaces the verdict of
//! what it is an exception to; unknown conditions give every outcome they could lead to.

use jiff::civil::Date;

use super::EvalError;
use super::expr::Context;
use crate::diagnostic::Diagnostic;
use crate::language::program::{CExpr, RuleBody};
use crate::language::value::Value;

/// One outcome a rule could have.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Possible {
    /// `None`: the rule gives no verdict.
    pub verdict: Option<u32>,
    /// The exception that decided.
    pub by: Option<u32>,
    /// The last day of the exception's verdict.
    pub until: Option<Date>,
    /// An exception that held but expired, with its last day.
    pub expired: Option<(u32, Option<Date>)>,
}

impl Possible {
    fn verdict(verdict: u32) -> Possible {
        Possible {
            verdict: Some(verdict),
            by: None,
            until: None,
            expired: None,
        }
    }
}

/// What a rule decided.
#[derive(Clone, Debug)]
pub(crate) struct Outcome {
    pub decided: Possible,
    /// Unknown facts met on the way (they matter only if the verdict is undecided).
    pub blockers: Vec<u32>,
}

/// Three-valued truth of a condition's value.
enum Truth {
    True,
    False,
    Unknown,
}

impl Context<'_> {
    fn truth(&mut self, expr: &CExpr, blockers: &mut Vec<u32>) -> Result<Truth, EvalError> {
        Ok(match self.holds(expr, blockers)? {
            Some(true) => Truth::True,
            Some(false) => Truth::False,
            None => Truth::Unknown,
        })
    }

    /// Evaluates a rule (in force) to its outcome.
    pub(crate) fn rule_outcome(
        &mut self,
        rule: u32,
        body: &RuleBody,
    ) -> Result<Outcome, EvalError> {
        let mut blockers = Vec::new();
        let applies = match &body.applies {
            Some(applies) => self.truth(applies, &mut blockers)?,
            None => Truth::True,
        };
        // One buffer for every rule of the evaluation, rather than one per rule.
        let mut options = std::mem::take(&mut self.outcomes);
        options.clear();
        match applies {
            Truth::False => {
                self.outcomes = options;
                return Ok(Outcome {
                    decided: Possible {
                        verdict: None,
                        by: None,
                        until: None,
                        expired: None,
                    },
                    blockers: Vec::new(),
                });
            }
            Truth::Unknown => options.push(Possible {
                verdict: None,
                by: None,
                until: None,
                expired: None,
            }),
            Truth::True => {}
        }
        let requires = self.truth(&body.requires, &mut blockers)?;
        let satisfied = self.program.scale.satisfied;
        if matches!(requires, Truth::True) {
            options.push(Possible::verdict(satisfied));
        } else {
            // Borrowed from the program, which outlives this context: no copy per rule.
            let program = self.program;
            let children = program
                .snapshots
                .get(self.texts.saturating_sub(1))
                .and_then(|s| s.rule_children.get(rule as usize))
                .map_or(&[][..], Vec::as_slice);
            let default = Possible::verdict(body.violation);
            let start = options.len();
            self.resolve(children, default, &mut blockers, &mut options)?;
            // An unknown requirement leaves the satisfied verdict possible, unless what
            // follows its failure gives that verdict anyway: then the requirement does not
            // matter, and what gave the verdict (an exception that holds) explains it.
            let failed = options.get(start..).unwrap_or(&[]);
            let same_anyway = failed.iter().all(|o| o.verdict == Some(satisfied));
            if matches!(requires, Truth::Unknown) && !same_anyway {
                options.push(Possible::verdict(satisfied));
            }
        }
        blockers.sort_unstable();
        blockers.dedup();
        let decided = self.settle(&options);
        self.outcomes = options;
        Ok(Outcome { decided, blockers })
    }

    /// Adds to `out` the possible outcomes under a node whose own outcome is `default`.
    /// Their order does not matter: [`Context::settle`] reads them as a set.
    fn resolve(
        &mut self,
        children: &[u32],
        default: Possible,
        blockers: &mut Vec<u32>,
        out: &mut Vec<Possible>,
    ) -> Result<(), EvalError> {
        // Most nodes have no exception: no buffer to fill.
        if children.is_empty() {
            out.push(default);
            return Ok(());
        }
        let program = self.program;
        let mut definite: Vec<(u32, Option<Option<u32>>)> = Vec::new();
        for &child in children {
            let Some(body) = program
                .exceptions
                .get(child as usize)
                .and_then(|e| e.versions.at(self.texts))
            else {
                continue;
            };
            let truth = self.truth(&body.when, blockers)?;
            if matches!(truth, Truth::False) {
                continue;
            }
            // The last day: known, not set (no end), or unknown (then it may have passed).
            let mut until_unknown = false;
            let until = match &body.until {
                Some(until) => {
                    let mark = self.reads.len();
                    match self.eval(until)? {
                        Value::Date(d) => Some(d),
                        Value::Unknown(facts) => {
                            blockers.extend(facts.iter());
                            until_unknown = true;
                            None
                        }
                        _ => {
                            self.reads.truncate(mark);
                            None
                        }
                    }
                }
                None => None,
            };
            if let Some(last) = until {
                self.note_until(last);
            }
            let own = match until {
                Some(last) if self.today > last => Possible {
                    expired: Some((child, Some(last))),
                    ..default.clone()
                },
                _ => Possible {
                    verdict: Some(body.gives),
                    by: Some(child),
                    until,
                    expired: None,
                },
            };
            let grandchildren = program
                .snapshots
                .get(self.texts.saturating_sub(1))
                .and_then(|s| s.exception_children.get(child as usize))
                .map_or(&[][..], Vec::as_slice);
            let start = out.len();
            self.resolve(grandchildren, own, blockers, out)?;
            if until_unknown {
                out.push(Possible {
                    expired: Some((child, None)),
                    ..default.clone()
                });
            }
            if matches!(truth, Truth::True) {
                definite.push((child, single_verdict(out.get(start..).unwrap_or(&[]))));
            }
        }
        self.check_conflict(&definite)?;
        if definite.is_empty() {
            out.push(default);
        }
        Ok(())
    }

    /// Fails when two exceptions that hold give different verdicts (each with its outcomes'
    /// single verdict, if they have one).
    fn check_conflict(&self, definite: &[(u32, Option<Option<u32>>)]) -> Result<(), EvalError> {
        for (index, (first, a)) in definite.iter().enumerate() {
            for (second, b) in definite.iter().skip(index + 1) {
                let (Some(x), Some(y)) = (a, b) else {
                    continue;
                };
                if x != y {
                    let name = |e: &u32| self.program.exceptions.get(*e as usize);
                    let (Some(e1), Some(e2)) = (name(first), name(second)) else {
                        continue;
                    };
                    return Err(conflict((&e1.id, e1.span), (&e2.id, e2.span), "verdicts"));
                }
            }
        }
        Ok(())
    }

    /// Collapses possible outcomes into one: agreed, or not given, or undecided.
    fn settle(&self, options: &[Possible]) -> Possible {
        let Some(first) = options.first().cloned() else {
            return Possible::verdict(self.program.scale.undecided);
        };
        if options.iter().all(|o| o.verdict == first.verdict) {
            let agree = |f: &dyn Fn(&Possible) -> bool| options.iter().all(f);
            return Possible {
                verdict: first.verdict,
                by: if agree(&|o| o.by == first.by) {
                    first.by
                } else {
                    None
                },
                until: if agree(&|o| o.until == first.until) {
                    first.until
                } else {
                    None
                },
                expired: if agree(&|o| o.expired == first.expired) {
                    first.expired
                } else {
                    None
                },
            };
        }
        let satisfied = self.program.scale.satisfied;
        let only_none_or_satisfied = options
            .iter()
            .all(|o| o.verdict.is_none() || o.verdict == Some(satisfied));
        if only_none_or_satisfied {
            return Possible {
                verdict: None,
                by: None,
                until: None,
                expired: None,
            };
        }
        Possible::verdict(self.program.scale.undecided)
    }
}

/// Two sibling exceptions that both hold and give different verdicts (or values): which
/// wins is for the policy to say.
pub(crate) fn conflict(
    (first, first_span): (&str, crate::source::Span),
    (second, second_span): (&str, crate::source::Span),
    what: &str,
) -> EvalError {
    let message =
        format!("the exceptions `{first}` and `{second}` both hold and give different {what}");
    EvalError {
        message: message.clone(),
        span: Some(first_span),
        diagnostic: Some(Box::new(
            Diagnostic::error("doctrine::eval::conflict", message)
                .with_label(first_span, "holds")
                .with_label(second_span, "holds too")
                .with_help(format!(
                    "state which wins: make one an exception to the other (`exception {second} to {first} …`)"
                )),
        )),
        facts: Vec::new(),
    }
}

fn single_verdict(outcomes: &[Possible]) -> Option<Option<u32>> {
    let first = outcomes.first()?;
    outcomes
        .iter()
        .all(|o| o.verdict == first.verdict)
        .then_some(first.verdict)
}
