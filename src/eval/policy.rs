//! What an expression reads of the policy it belongs to: parameters, definitions, rules'
//! conditions, the verdict scale and vocabularies. A checked program answers from its
//! declarations; a constant (a parameter's value, a fact's default, a `--set` value), computed
//! while a policy is checked and before any program exists, reads nothing: [`NoPolicy`].

use jiff::civil::Date;

use crate::language::program::{CExpr, ExceptionBody, ParamInfo, Program, Vocabulary};
use crate::language::value::Value;

/// The policy an expression is evaluated in.
pub(crate) trait Policy: AsRef<[Vocabulary]> {
    /// How many definitions, rules and local slots it has (the evaluation's caches).
    fn sizes(&self) -> (usize, usize, usize);

    /// A parameter's value on `today`, the first `texts` texts in force (`None`: no such
    /// parameter).
    fn param_on(&self, slot: u32, texts: usize, today: Date) -> Option<&Value>;

    /// A definition's body in force.
    fn def_body(&self, slot: u32, texts: usize) -> Option<&CExpr>;

    /// A parameter's declaration (none where only values are known): how a computed one is
    /// computed again when `--set` changes one of its inputs.
    fn param_info(&self, _slot: u32) -> Option<&ParamInfo> {
        None
    }

    /// How many parameters it declares.
    fn param_count(&self) -> usize {
        0
    }

    /// A rule's condition of application, when the rule is in force (`Some(None)`: it
    /// always applies).
    fn rule_applies(&self, rule: u32, texts: usize) -> Option<Option<&CExpr>>;

    /// The rank of the inapplicable verdict (the verdict of a rule that gave none).
    fn inapplicable(&self) -> u32;

    /// Whether an expression may depend on `today`, each definition's answer kept in `memo`.
    fn reaches_today(&self, texts: usize, memo: &mut [Option<bool>], expr: &CExpr) -> bool;

    /// The exceptions directly under an outcome (by definition slot), in force.
    fn outcome_exceptions(&self, _def: u32, _texts: usize) -> &[u32] {
        &[]
    }

    /// The exceptions directly under an exception, in force.
    fn exception_children(&self, _exception: u32, _texts: usize) -> &[u32] {
        &[]
    }

    /// An exception's version in force.
    fn exception_body(&self, _exception: u32, _texts: usize) -> Option<&ExceptionBody> {
        None
    }

    /// An exception's id and where it is declared.
    fn exception_named(&self, _exception: u32) -> Option<(&str, crate::source::Span)> {
        None
    }
}

impl AsRef<[Vocabulary]> for Program {
    fn as_ref(&self) -> &[Vocabulary] {
        &self.vocabularies
    }
}

impl Policy for Program {
    fn sizes(&self) -> (usize, usize, usize) {
        (self.defs.len(), self.rules.len(), self.local_slots as usize)
    }

    fn param_on(&self, slot: u32, texts: usize, today: Date) -> Option<&Value> {
        let param = self.params.get(slot as usize)?;
        Some(
            param
                .versions
                .at(texts)
                .map_or(&Value::NotSet, |b| b.value_on(today)),
        )
    }

    fn def_body(&self, slot: u32, texts: usize) -> Option<&CExpr> {
        self.defs.get(slot as usize)?.versions.at(texts)
    }

    fn param_info(&self, slot: u32) -> Option<&ParamInfo> {
        self.params.get(slot as usize)
    }

    fn param_count(&self) -> usize {
        self.params.len()
    }

    fn rule_applies(&self, rule: u32, texts: usize) -> Option<Option<&CExpr>> {
        let body = self.rules.get(rule as usize)?.versions.at(texts)?;
        Some(body.applies.as_ref())
    }

    fn inapplicable(&self) -> u32 {
        self.scale.inapplicable
    }

    fn reaches_today(&self, texts: usize, memo: &mut [Option<bool>], expr: &CExpr) -> bool {
        super::operand::reaches_today(self, texts, memo, expr)
    }

    fn outcome_exceptions(&self, def: u32, texts: usize) -> &[u32] {
        self.snapshots
            .get(texts.saturating_sub(1))
            .and_then(|s| s.outcome_children.get(def as usize))
            .map_or(&[], Vec::as_slice)
    }

    fn exception_children(&self, exception: u32, texts: usize) -> &[u32] {
        self.snapshots
            .get(texts.saturating_sub(1))
            .and_then(|s| s.exception_children.get(exception as usize))
            .map_or(&[], Vec::as_slice)
    }

    fn exception_body(&self, exception: u32, texts: usize) -> Option<&ExceptionBody> {
        self.exceptions.get(exception as usize)?.versions.at(texts)
    }

    fn exception_named(&self, exception: u32) -> Option<(&str, crate::source::Span)> {
        let info = self.exceptions.get(exception as usize)?;
        Some((info.id.as_str(), info.span))
    }
}

/// No policy: what a constant is evaluated in. It declares nothing, so a constant's text
/// writes no vocabulary's names.
pub(crate) struct NoPolicy;

impl AsRef<[Vocabulary]> for NoPolicy {
    fn as_ref(&self) -> &[Vocabulary] {
        &[]
    }
}

impl Policy for NoPolicy {
    fn sizes(&self) -> (usize, usize, usize) {
        (0, 0, 0)
    }

    fn param_on(&self, _: u32, _: usize, _: Date) -> Option<&Value> {
        None
    }

    fn def_body(&self, _: u32, _: usize) -> Option<&CExpr> {
        None
    }

    fn rule_applies(&self, _: u32, _: usize) -> Option<Option<&CExpr>> {
        None
    }

    fn inapplicable(&self) -> u32 {
        0
    }

    fn reaches_today(&self, _: usize, _: &mut [Option<bool>], _: &CExpr) -> bool {
        false
    }
}

/// Parameters' values and nothing else: what a computed parameter's value is evaluated in
/// while the policy is checked, on each day one of its inputs changes.
pub(crate) struct ParamValues<'v>(pub &'v [Value]);

impl ParamValues<'_> {
    /// Evaluates a parameter's value as written over these values.
    pub fn eval(&self, expr: &CExpr) -> Result<Value, super::EvalError> {
        super::expr::Context::new(self, &[], Date::ZERO, 0, &[]).eval(expr)
    }
}

impl AsRef<[Vocabulary]> for ParamValues<'_> {
    fn as_ref(&self) -> &[Vocabulary] {
        &[]
    }
}

impl Policy for ParamValues<'_> {
    fn sizes(&self) -> (usize, usize, usize) {
        (0, 0, 0)
    }

    fn param_on(&self, slot: u32, _: usize, _: Date) -> Option<&Value> {
        self.0.get(slot as usize)
    }

    fn def_body(&self, _: u32, _: usize) -> Option<&CExpr> {
        None
    }

    fn rule_applies(&self, _: u32, _: usize) -> Option<Option<&CExpr>> {
        None
    }

    fn inapplicable(&self) -> u32 {
        0
    }

    fn reaches_today(&self, _: usize, _: &mut [Option<bool>], _: &CExpr) -> bool {
        false
    }
}
