//! Questions for unknown facts: when a decision is undecided, the unknown facts that would
//! decide it (those that keep a rule, the scope or the outcome the policy decides by from
//! deciding), with their labels, types and allowed values, most decisive first.

use crate::eval::decision::Decision;
use crate::eval::{EvalError, EvalOptions, FactSet, expression_with};
use crate::language::program::{DecisionOf, Localized, Program};
use crate::language::types::Type;
use crate::language::value::Value;

/// A question: one unknown fact, and what answering it would unblock.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// The fact's slot in [`Program::facts`].
    pub slot: u32,
    /// Its dotted path.
    pub fact: String,
    /// Its label.
    pub label: Localized,
    /// Its type (without the optional mark).
    pub ty: Type,
    /// The type as a policy writes it (`bool`, `decimal`, `set of service`…).
    pub type_name: String,
    /// The values it may take, when they are few: `true`/`false`, or a vocabulary's names
    /// (for a set: the names its elements are taken from). Empty: any value of the type.
    pub choices: Vec<Choice>,
    /// The rules that cannot decide without it, in policy order.
    pub rules: Vec<String>,
    /// Whether telling if the case is in the policy's scope waits for it.
    pub scope: bool,
    /// The outcomes that cannot decide without it, in policy order; `None` for a policy
    /// that declares no outcome.
    pub outcomes: Option<Vec<String>>,
}

impl Question {
    /// How many things (rules, outcomes, and the scope) answering it unblocks.
    pub fn weight(&self) -> usize {
        self.rules.len() + self.outcomes.as_ref().map_or(0, Vec::len) + usize::from(self.scope)
    }

    /// What answering it unblocks, as named to a reader: the scope (as `scope` words it),
    /// then the outcomes, then the rules.
    pub fn unblocks<'q>(&'q self, scope: &'q str) -> Vec<&'q str> {
        let mut what: Vec<&str> = Vec::new();
        if self.scope {
            what.push(scope);
        }
        what.extend(self.outcomes.iter().flatten().map(String::as_str));
        what.extend(self.rules.iter().map(String::as_str));
        what
    }
}

/// Whether a decision is undecided: the undecided verdict, or for a policy that decides by
/// an outcome, its vocabulary's `as undecided` name.
pub fn undecided(program: &Program, decision: &Decision) -> bool {
    match &program.decision {
        DecisionOf::Verdicts { .. } => decision.decision.rank == program.scale.undecided,
        DecisionOf::Outcome { vocabulary, .. } => program
            .vocabularies
            .get(*vocabulary as usize)
            .and_then(|v| v.undecided)
            .is_some_and(|member| member == decision.decision.rank),
    }
}

/// An allowed value: its name (as a fact file writes it) and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// The name: `true`, `false`, or a vocabulary's name.
    pub name: String,
    /// Its label.
    pub label: Localized,
}

/// The questions of a decision: none unless it is undecided; else one per unknown fact that
/// keeps the decision from deciding (its `missing`: a rule, the scope, or the outcome the
/// policy decides by), the ones that unblock most (rules, outcomes and the scope) first,
/// then by path.
pub fn questions(
    program: &Program,
    facts: &FactSet,
    options: &EvalOptions,
    decision: &Decision,
) -> Result<Vec<Question>, EvalError> {
    if !undecided(program, decision) {
        return Ok(Vec::new());
    }
    let declares_outcomes = program.defs.iter().any(|d| d.outcome.is_some());
    let texts = crate::eval::texts_in_force(program, options.on);
    let scope_blockers: Vec<u32> = match (decision.in_scope, program.scope.at(texts)) {
        (None, Some(scope)) => match expression_with(program, &facts.values, options, scope)? {
            Value::Unknown(blockers) => blockers.to_vec(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let names: Vec<String> = program
        .vocabularies
        .iter()
        .map(|v| v.name.clone())
        .collect();
    let mut out = Vec::new();
    for missing in &decision.missing {
        let Some(slot) = program.facts.iter().position(|f| f.path == missing.path) else {
            continue;
        };
        let Some(fact) = program.facts.get(slot) else {
            continue;
        };
        let slot = u32::try_from(slot).unwrap_or(u32::MAX);
        let ty = fact.ty.required().clone();
        out.push(Question {
            slot,
            fact: fact.path.clone(),
            label: fact.label.clone(),
            type_name: ty.display(&names).to_string(),
            choices: choices(program, &ty),
            rules: decision
                .results
                .iter()
                .filter(|r| r.missing.iter().any(|m| m.path == fact.path))
                .map(|r| r.rule.clone())
                .collect(),
            scope: scope_blockers.contains(&slot),
            outcomes: declares_outcomes.then(|| {
                decision
                    .outcomes
                    .iter()
                    .filter(|o| o.missing.iter().any(|m| m.path == fact.path))
                    .map(|o| o.name.clone())
                    .collect()
            }),
            ty,
        });
    }
    out.sort_by(|a, b| {
        b.weight()
            .cmp(&a.weight())
            .then_with(|| a.fact.cmp(&b.fact))
    });
    Ok(out)
}

/// The allowed values of a type, when they are few.
pub fn choices(program: &Program, ty: &Type) -> Vec<Choice> {
    match ty {
        Type::Bool => [(true, "choice-yes"), (false, "choice-no")]
            .into_iter()
            .map(|(b, id)| Choice {
                name: b.to_string(),
                label: Localized::from_fn(crate::i18n::languages(), |lang| {
                    crate::i18n::words(lang).get(id).to_string()
                }),
            })
            .collect(),
        Type::Enum(vocabulary) => program
            .vocabularies
            .get(*vocabulary as usize)
            .map(|v| {
                v.members
                    .iter()
                    .map(|m| Choice {
                        name: m.name.clone(),
                        label: m.label.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        Type::Set(inner) => choices(program, inner),
        _ => Vec::new(),
    }
}
