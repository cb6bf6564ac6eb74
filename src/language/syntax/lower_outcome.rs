//! Lowering of outcomes, their cases, `any of:` grounds and `decision`.

use pest::iterators::Pair;

use super::grammar::Rule;
use super::lower::{
    Clauses, Lowered, lower_label, lower_optional_cites, lower_optional_label, lower_type, missing,
    parts_of,
};
use super::lower_expr::{ident, lower_expr, span_of};
use crate::language::ast::{Case, DecisionDecl, DefDecl, Expr, ExprKind, GroundExpr};
use crate::source::FileId;

/// Lowers `outcome NAME: TYPE "title" cites… case…` into a definition whose value is its
/// cases.
pub(super) fn lower_outcome(pair: Pair<'_, Rule>, file: FileId) -> Lowered<DefDecl> {
    let clauses = Clauses::new(&pair);
    let name = clauses.first(Rule::name).map(|p| ident(&p, file));
    let ty = clauses.lower(Rule::type_expr, file, lower_type)?;
    let label = clauses.lower(Rule::label, file, lower_label)?;
    let cites = lower_optional_cites(&clauses, file)?;
    let cases = parts_of(&pair, Rule::outcome_case)
        .map(|case| lower_case(case, file))
        .collect::<Lowered<Vec<_>>>()?;
    let (Some(name), Some(ty)) = (name, ty) else {
        return Err(missing(&pair, file, "`outcome NAME: TYPE case…`"));
    };
    let span = cases
        .iter()
        .map(|c| c.span)
        .reduce(|a, b| a.to(b))
        .unwrap_or(name.span);
    Ok(DefDecl {
        name,
        ty: Some(ty),
        value: Expr {
            kind: ExprKind::Cases(cases),
            span,
        },
        label,
        outcome: Some(cites),
    })
}

/// Lowers `case ID "title" cites… [when EXPR] gives EXPR message`.
fn lower_case(pair: Pair<'_, Rule>, file: FileId) -> Lowered<Case> {
    let clauses = Clauses::new(&pair);
    let id = clauses.first(Rule::item_id).map(|p| ident(&p, file));
    let when = match clauses.after(Rule::kw_when) {
        Some(e) if e.as_rule() == Rule::expr => Some(lower_expr(e, file)?),
        _ => None,
    };
    let gives = match clauses.after(Rule::kw_gives) {
        Some(e) if e.as_rule() == Rule::expr => Some(lower_expr(e, file)?),
        _ => None,
    };
    let (Some(id), Some(gives)) = (id, gives) else {
        return Err(missing(&pair, file, "`case ID [when …] gives VALUE`"));
    };
    let message = clauses
        .parts
        .iter()
        .skip_while(|p| p.as_rule() != Rule::kw_gives)
        .nth(2)
        .cloned();
    Ok(Case {
        id,
        title: clauses.title(file)?,
        cites: lower_optional_cites(&clauses, file)?,
        when,
        gives,
        message: lower_optional_label(message, file)?,
        span: span_of(&pair, file),
    })
}

/// Lowers one ground of `any of:`: `ID "title": EXPR cites…`.
pub(super) fn lower_ground(pair: Pair<'_, Rule>, file: FileId) -> Lowered<GroundExpr> {
    let clauses = Clauses::new(&pair);
    let id = clauses.first(Rule::item_id).map(|p| ident(&p, file));
    let expr = clauses.lower(Rule::expr, file, lower_expr)?;
    let (Some(id), Some(expr)) = (id, expr) else {
        return Err(missing(&pair, file, "`ID: CONDITION`"));
    };
    Ok(GroundExpr {
        id,
        title: clauses.title(file)?,
        expr,
        cites: lower_optional_cites(&clauses, file)?,
    })
}

/// Lowers `decision OUTCOME fails on …`.
pub(super) fn lower_decision(pair: Pair<'_, Rule>, file: FileId) -> DecisionDecl {
    let clauses = Clauses::new(&pair);
    let mut names = parts_of(&pair, Rule::name).map(|p| ident(&p, file));
    let outcome = if clauses.first(Rule::kw_verdict).is_some() {
        None
    } else {
        names.next()
    };
    DecisionDecl {
        outcome,
        fails_on: names.collect(),
        span: span_of(&pair, file),
    }
}
