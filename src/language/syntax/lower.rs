//! Lowering of the pest tree into the syntax tree: one function per grammar rule.

use pest::iterators::Pair;

use super::grammar::Rule;
use super::lower_expr::{ident, lower_date, lower_expr, lower_string, span_of};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::language::ast::*;
use crate::source::FileId;

pub(super) type Lowered<T> = Result<T, Diagnostic>;

pub(super) fn missing(pair: &Pair<'_, Rule>, file: FileId, what: &str) -> Diagnostic {
    Diagnostic::error("doctrine::syntax", format!("expected {what}"))
        .with_label(span_of(pair, file), format!("expected {what} here"))
}

/// Lowers a whole `file` pair, collecting the errors of every item.
pub(super) fn lower_file(pair: Pair<'_, Rule>, file: FileId) -> Result<File, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut header = None;
    let mut items = Vec::new();
    for part in pair.into_inner() {
        let result = match part.as_rule() {
            Rule::policy_header | Rule::amendment_header => {
                lower_header(part, file).map(|h| header = Some(h))
            }
            Rule::EOI => Ok(()),
            _ => lower_item(part, file).map(|item| items.push(item)),
        };
        if let Err(error) = result {
            diagnostics.push(error);
        }
    }
    match header {
        Some(header) if diagnostics.is_empty() => Ok(File { header, items }),
        _ => {
            if diagnostics.is_empty() {
                diagnostics.push(Diagnostic::error(
                    "doctrine::syntax",
                    "expected `policy` or `amendment`",
                ));
            }
            Err(diagnostics)
        }
    }
}

fn lower_header(pair: Pair<'_, Rule>, file: FileId) -> Lowered<Header> {
    let span = span_of(&pair, file);
    let is_policy = pair.as_rule() == Rule::policy_header;
    let mut ids = Vec::new();
    let mut labels: Vec<(usize, Label)> = Vec::new();
    let mut in_force = None;
    let mut sources = Vec::new();
    for part in pair.clone().into_inner() {
        match part.as_rule() {
            Rule::item_id => ids.push(ident(&part, file)),
            Rule::label => labels.push((ids.len(), lower_label(part, file)?)),
            Rule::in_force => {
                let date = part
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::date_lit)
                    .ok_or_else(|| missing(&pair, file, "a date"))?;
                in_force = Some(DateLit {
                    date: lower_date(&date, file)?,
                    span: span_of(&date, file),
                });
            }
            Rule::source_decl => sources.push(lower_source(part, file)?),
            _ => {}
        }
    }
    let in_force = in_force.ok_or_else(|| missing(&pair, file, "`in force from DATE`"))?;
    let mut ids = ids.into_iter();
    let (Some(first), Some(second)) = (ids.next(), ids.next()) else {
        return Err(missing(&pair, file, "an identifier"));
    };
    let label_after = |n: usize| {
        labels
            .iter()
            .find(|(at, _)| *at == n)
            .map(|(_, l)| l.clone())
    };
    Ok(if is_policy {
        Header {
            kind: HeaderKind::Policy {
                id: first,
                title: label_after(1),
            },
            text_id: second,
            text_title: label_after(2),
            in_force,
            sources,
            span,
        }
    } else {
        Header {
            kind: HeaderKind::Amendment { of: second },
            text_id: first,
            text_title: label_after(2),
            in_force,
            sources,
            span,
        }
    })
}

fn lower_source(pair: Pair<'_, Rule>, file: FileId) -> Lowered<SourceDecl> {
    let mut key = None;
    let mut strings = Vec::new();
    let mut short = None;
    for part in pair.clone().into_inner() {
        match part.as_rule() {
            Rule::item_id => key = Some(ident(&part, file)),
            Rule::string => strings.push(lower_string(part, file)?),
            Rule::source_short => {
                if let Some(string) = parts_of(&part, Rule::string).next() {
                    short = Some(lower_string(string, file)?);
                }
            }
            _ => {}
        }
    }
    let mut strings = strings.into_iter();
    match (key, strings.next()) {
        (Some(key), Some(title)) => Ok(SourceDecl {
            key,
            title,
            short,
            url: strings.next(),
        }),
        _ => Err(missing(&pair, file, "a source key and title")),
    }
}

/// Lowers a `label` or `message`.
pub(super) fn lower_label(pair: Pair<'_, Rule>, file: FileId) -> Lowered<Label> {
    let span = span_of(&pair, file);
    let mut parts = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::string => parts.push((None, lower_string(part, file)?)),
            Rule::lang_text => {
                let mut lang = None;
                let mut text = None;
                for piece in part.into_inner() {
                    match piece.as_rule() {
                        Rule::lang => lang = Some(lower_lang(&piece, file)?),
                        Rule::string => text = Some(lower_string(piece, file)?),
                        _ => {}
                    }
                }
                if let Some(text) = text {
                    // Two texts in one language: which one is meant cannot be guessed.
                    if parts.iter().any(|(l, _)| *l == lang) {
                        return Err(Diagnostic::error(
                            "doctrine::syntax",
                            "a text gives the same language twice",
                        )
                        .with_label(text.span, "the same language again here")
                        .with_help("keep one text per language"));
                    }
                    parts.push((lang, text));
                }
            }
            _ => {}
        }
    }
    Ok(Label { parts, span })
}

/// A language tag, checked (`de`, `fr-CA`).
fn lower_lang(pair: &Pair<'_, Rule>, file: FileId) -> Lowered<Lang> {
    Lang::parse(pair.as_str()).map_err(|e| {
        Diagnostic::error("doctrine::syntax", e.to_string())
            .with_label(span_of(pair, file), "not a language tag")
    })
}

fn lower_item(pair: Pair<'_, Rule>, file: FileId) -> Lowered<Item> {
    let span = span_of(&pair, file);
    let (action, decl_pair) = match pair.as_rule() {
        Rule::replace_item | Rule::add_item => {
            let action = if pair.as_rule() == Rule::replace_item {
                Action::Replace
            } else {
                Action::Add
            };
            let inner = pair
                .clone()
                .into_inner()
                .find(|p| !matches!(p.as_rule(), Rule::kw_replace | Rule::kw_add))
                .ok_or_else(|| missing(&pair, file, "an item"))?;
            (action, inner)
        }
        _ => (Action::Declare, pair),
    };
    let decl = lower_decl(decl_pair, file)?;
    Ok(Item { action, decl, span })
}

fn lower_decl(pair: Pair<'_, Rule>, file: FileId) -> Lowered<Decl> {
    Ok(match pair.as_rule() {
        Rule::verdicts_decl => Decl::Verdicts(
            pair.into_inner()
                .filter(|p| p.as_rule() == Rule::verdict_entry)
                .map(|p| lower_verdict_entry(p, file))
                .collect::<Lowered<_>>()?,
        ),
        Rule::scope_decl => {
            let expr = pair
                .clone()
                .into_inner()
                .find(|p| p.as_rule() == Rule::expr)
                .ok_or_else(|| missing(&pair, file, "a condition"))?;
            Decl::Scope(lower_expr(expr, file)?)
        }
        Rule::total_decl => Decl::Total(
            pair.into_inner()
                .filter(|p| p.as_rule() == Rule::path)
                .map(|p| ident(&p, file))
                .collect(),
        ),
        Rule::vocabulary_decl => Decl::Vocabulary(lower_vocabulary(pair, file)?),
        Rule::fact_decl => Decl::Fact(lower_fact(pair, file)?),
        Rule::param_decl => Decl::Param(lower_param(pair, file)?),
        Rule::def_decl => Decl::Def(lower_def(pair, file)?),
        Rule::rule_decl => Decl::Rule(lower_rule(pair, file)?),
        Rule::exception_decl => Decl::Exception(lower_exception(pair, file)?),
        Rule::advice_decl | Rule::note_decl => Decl::Remark(lower_remark(pair, file)?),
        Rule::outcome_decl => Decl::Def(super::lower_outcome::lower_outcome(pair, file)?),
        Rule::decision_decl => Decl::Decision(super::lower_outcome::lower_decision(pair, file)),
        Rule::repeal_item => {
            let mut kind = None;
            let mut id = None;
            for part in pair.clone().into_inner() {
                match part.as_rule() {
                    Rule::item_kind => {
                        kind = Some(match part.as_str() {
                            "param" => ItemKind::Param,
                            "def" | "outcome" => ItemKind::Def,
                            "rule" => ItemKind::Rule,
                            "exception" => ItemKind::Exception,
                            "advice" => ItemKind::Advice,
                            _ => ItemKind::Note,
                        })
                    }
                    Rule::item_id => id = Some(ident(&part, file)),
                    _ => {}
                }
            }
            match (kind, id) {
                (Some(kind), Some(id)) => Decl::Repeal { kind, id },
                _ => return Err(missing(&pair, file, "`repeal KIND ID`")),
            }
        }
        _ => return Err(missing(&pair, file, "an item")),
    })
}

fn lower_verdict_entry(pair: Pair<'_, Rule>, file: FileId) -> Lowered<VerdictEntry> {
    let (name, label) = name_and_label(&pair, file)?;
    let roles = parts_of(&pair, Rule::verdict_role)
        .map(|part| ident(&part, file))
        .collect();
    let name = name.ok_or_else(|| missing(&pair, file, "a verdict name"))?;
    Ok(VerdictEntry { name, label, roles })
}

fn lower_vocabulary(pair: Pair<'_, Rule>, file: FileId) -> Lowered<VocabularyDecl> {
    let (name, label) = name_and_label(&pair, file)?;
    let mut members = Vec::new();
    let mut roles = Vec::new();
    for part in parts_of(&pair, Rule::vocabulary_member) {
        if let (Some(member), member_label) = name_and_label(&part, file)? {
            if let Some(role) = parts_of(&part, Rule::member_role).next() {
                roles.push((ident(&role, file), member.clone()));
            }
            members.push((member, member_label));
        }
    }
    let name = name.ok_or_else(|| missing(&pair, file, "a vocabulary name"))?;
    Ok(VocabularyDecl {
        name,
        label,
        members,
        roles,
    })
}

/// The name and the label of a verdict, a vocabulary or one of its members.
fn name_and_label(pair: &Pair<'_, Rule>, file: FileId) -> Lowered<(Option<Ident>, Option<Label>)> {
    let clauses = Clauses::new(pair);
    let label = clauses.lower(Rule::label, file, lower_label)?;
    Ok((clauses.first(Rule::name).map(|p| ident(&p, file)), label))
}

/// The inner pairs of `pair` of one rule.
pub(super) fn parts_of<'a>(
    pair: &Pair<'a, Rule>,
    rule: Rule,
) -> impl Iterator<Item = Pair<'a, Rule>> {
    pair.clone()
        .into_inner()
        .filter(move |p| p.as_rule() == rule)
}

pub(super) fn lower_type(pair: Pair<'_, Rule>, file: FileId) -> Lowered<TypeExpr> {
    let span = span_of(&pair, file);
    let mut set = false;
    let mut optional = false;
    let mut name = None;
    for part in pair.clone().into_inner() {
        match part.as_rule() {
            Rule::optional_mark => optional = true,
            Rule::set_type => {
                set = true;
                name = part
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::scalar_type)
                    .map(|p| ident(&p, file));
            }
            Rule::scalar_type => name = Some(ident(&part, file)),
            _ => {}
        }
    }
    let name = name.ok_or_else(|| missing(&pair, file, "a type"))?;
    Ok(TypeExpr {
        name,
        set,
        optional,
        span,
    })
}

fn lower_fact(pair: Pair<'_, Rule>, file: FileId) -> Lowered<FactDecl> {
    let shape = (Rule::path, "`fact PATH: TYPE`");
    let range = Clauses::new(&pair).lower(Rule::range, file, lower_range)?;
    lower_named(pair, file, shape, |path, ty, default, label| {
        Some(FactDecl {
            path: path?,
            ty: ty?,
            range,
            default,
            label,
        })
    })
}

/// Lowers a `range`: `at least MIN`, `at most MAX` or `between MIN and MAX`, or the same
/// as comparisons (`>= MIN`, `<= MAX`, `>= MIN and <= MAX`).
fn lower_range(pair: Pair<'_, Rule>, file: FileId) -> Lowered<RangeExpr> {
    let span = span_of(&pair, file);
    let form = pair
        .clone()
        .into_inner()
        .next()
        .ok_or_else(|| missing(&pair, file, "a range"))?;
    let rule = form.as_rule();
    let mut bounds = parts_of(&form, Rule::range_bound)
        .map(|bound| lower_expr(bound, file))
        .collect::<Lowered<Vec<_>>>()?
        .into_iter();
    let (min, max) = match rule {
        Rule::range_between => (bounds.next(), bounds.next()),
        // `>= MIN`, `>= MIN and <= MAX`, `<= MAX`: the first operator says which bound
        // comes first.
        Rule::range_compare => {
            if form.clone().into_inner().next().map(|op| op.as_rule()) == Some(Rule::op_le) {
                (None, bounds.next())
            } else {
                (bounds.next(), bounds.next())
            }
        }
        Rule::range_at_least => (bounds.next(), None),
        _ => (None, bounds.next()),
    };
    Ok(RangeExpr { min, max, span })
}

/// The clauses a fact and a definition are made of: a name (of the rule `name_rule`: a
/// fact's path), a type, an expression (a fact's default, a definition's value) and a label.
/// `build` makes the item of them, `None` when a clause it needs is missing (then the error
/// says the item's `shape`).
fn lower_named<T>(
    pair: Pair<'_, Rule>,
    file: FileId,
    (name_rule, shape): (Rule, &str),
    build: impl FnOnce(Option<Ident>, Option<TypeExpr>, Option<Expr>, Option<Label>) -> Option<T>,
) -> Lowered<T> {
    let clauses = Clauses::new(&pair);
    let name = clauses.first(name_rule).map(|p| ident(&p, file));
    let ty = clauses.lower(Rule::type_expr, file, lower_type)?;
    let expr = clauses.lower(Rule::expr, file, lower_expr)?;
    let label = clauses.lower(Rule::label, file, lower_label)?;
    build(name, ty, expr, label).ok_or_else(|| missing(&pair, file, shape))
}

pub(super) fn lower_cites(pair: Pair<'_, Rule>, file: FileId) -> Lowered<Vec<Citation>> {
    let mut cites = Vec::new();
    for citation in pair.into_inner().filter(|p| p.as_rule() == Rule::citation) {
        let mut key = None;
        let mut pinpoint = None;
        for part in citation.clone().into_inner() {
            match part.as_rule() {
                Rule::item_id => key = Some(ident(&part, file)),
                Rule::string => pinpoint = Some(lower_string(part, file)?),
                _ => {}
            }
        }
        let key = key.ok_or_else(|| missing(&citation, file, "a source key"))?;
        cites.push(Citation { key, pinpoint });
    }
    Ok(cites)
}

fn lower_param(pair: Pair<'_, Rule>, file: FileId) -> Lowered<ParamDecl> {
    let clauses = Clauses::new(&pair);
    let name = clauses.first(Rule::name).map(|p| ident(&p, file));
    let ty = clauses.lower(Rule::type_expr, file, lower_type)?;
    let range = clauses.lower(Rule::range, file, lower_range)?;
    let value = clauses.lower(Rule::expr, file, lower_expr)?;
    let value_cites = clauses.lower(Rule::value_cites, file, lower_value_cites)?;
    let steps = clauses
        .parts
        .iter()
        .filter(|p| p.as_rule() == Rule::param_step)
        .map(|p| lower_param_step(p.clone(), file))
        .collect::<Lowered<Vec<_>>>()?;
    let label = clauses.lower(Rule::label, file, lower_label)?;
    let cites = lower_optional_cites(&clauses, file)?;
    let (Some(name), Some(ty), Some(value)) = (name, ty, value) else {
        return Err(missing(&pair, file, "`param NAME: TYPE = VALUE`"));
    };
    Ok(ParamDecl {
        name,
        ty,
        range,
        value,
        value_cites: value_cites.unwrap_or_default(),
        steps,
        label,
        cites,
    })
}

/// Lowers `value_cites`: the `cites` clause it wraps.
fn lower_value_cites(pair: Pair<'_, Rule>, file: FileId) -> Lowered<Vec<Citation>> {
    match pair.into_inner().find(|p| p.as_rule() == Rule::cites) {
        Some(cites) => lower_cites(cites, file),
        None => Ok(Vec::new()),
    }
}

fn lower_param_step(pair: Pair<'_, Rule>, file: FileId) -> Lowered<ParamStep> {
    let clauses = Clauses::new(&pair);
    let from = clauses.lower(Rule::date_lit, file, |piece, file| {
        Ok(DateLit {
            date: lower_date(&piece, file)?,
            span: span_of(&piece, file),
        })
    })?;
    let value = clauses.lower(Rule::expr, file, lower_expr)?;
    let cites = clauses.lower(Rule::value_cites, file, lower_value_cites)?;
    let (Some(from), Some(value)) = (from, value) else {
        return Err(missing(&pair, file, "`from DATE = VALUE`"));
    };
    Ok(ParamStep {
        from,
        value,
        cites: cites.unwrap_or_default(),
    })
}

fn lower_def(pair: Pair<'_, Rule>, file: FileId) -> Lowered<DefDecl> {
    let shape = (Rule::name, "`def NAME = EXPR`");
    lower_named(pair, file, shape, |name, ty, value, label| {
        Some(DefDecl {
            name: name?,
            ty,
            value: value?,
            label,
            outcome: None,
        })
    })
}

/// The parts of a clause-structured item, in the order the grammar gives them.
pub(super) struct Clauses<'a> {
    pub(super) parts: Vec<Pair<'a, Rule>>,
}

impl<'a> Clauses<'a> {
    pub(super) fn new(pair: &Pair<'a, Rule>) -> Clauses<'a> {
        Clauses {
            parts: pair.clone().into_inner().collect(),
        }
    }

    /// The pair right after the keyword `keyword`, if that keyword is present.
    pub(super) fn after(&self, marker: Rule) -> Option<Pair<'a, Rule>> {
        let mut iter = self.parts.iter();
        while let Some(part) = iter.next() {
            if part.as_rule() == marker {
                return iter.next().cloned();
            }
        }
        None
    }

    /// The first pair of a rule.
    pub(super) fn first(&self, rule: Rule) -> Option<Pair<'a, Rule>> {
        self.parts.iter().find(|p| p.as_rule() == rule).cloned()
    }

    /// The first pair of a rule, lowered.
    pub(super) fn lower<T>(
        &self,
        rule: Rule,
        file: FileId,
        lower: impl FnOnce(Pair<'a, Rule>, FileId) -> Lowered<T>,
    ) -> Lowered<Option<T>> {
        self.first(rule).map(|pair| lower(pair, file)).transpose()
    }

    /// The nth pair of a rule.
    pub(super) fn nth(&self, rule: Rule, n: usize) -> Option<Pair<'a, Rule>> {
        self.parts
            .iter()
            .filter(|p| p.as_rule() == rule)
            .nth(n)
            .cloned()
    }

    /// A label that directly follows the first `item_id`s (the title).
    pub(super) fn title(&self, file: FileId) -> Lowered<Option<Label>> {
        let mut seen_id = false;
        for part in &self.parts {
            match part.as_rule() {
                Rule::item_id
                | Rule::kw_to
                | Rule::kw_case
                | Rule::comma
                | Rule::outside_scope
                | Rule::kw_rule
                | Rule::kw_exception
                | Rule::kw_advice
                | Rule::kw_note => seen_id = true,
                Rule::label if seen_id => return lower_label(part.clone(), file).map(Some),
                _ => return Ok(None),
            }
        }
        Ok(None)
    }
}

pub(super) fn lower_optional_label(
    pair: Option<Pair<'_, Rule>>,
    file: FileId,
) -> Lowered<Option<Label>> {
    match pair {
        Some(p) if matches!(p.as_rule(), Rule::message | Rule::label) => {
            lower_label(p, file).map(Some)
        }
        _ => Ok(None),
    }
}

pub(super) fn lower_optional_cites(clauses: &Clauses<'_>, file: FileId) -> Lowered<Vec<Citation>> {
    clauses
        .first(Rule::cites)
        .map_or(Ok(Vec::new()), |c| lower_cites(c, file))
}

fn expr_after(clauses: &Clauses<'_>, marker: Rule, file: FileId) -> Lowered<Option<Expr>> {
    match clauses.after(marker) {
        Some(p) if p.as_rule() == Rule::kw_when => match clauses.after(Rule::kw_when) {
            Some(e) if e.as_rule() == Rule::expr => lower_expr(e, file).map(Some),
            _ => Ok(None),
        },
        Some(p) if p.as_rule() == Rule::expr => lower_expr(p, file).map(Some),
        _ => Ok(None),
    }
}

fn lower_rule(pair: Pair<'_, Rule>, file: FileId) -> Lowered<RuleDecl> {
    let clauses = Clauses::new(&pair);
    let id = clauses.first(Rule::item_id).map(|p| ident(&p, file));
    let requires = expr_after(&clauses, Rule::kw_requires, file)?;
    let otherwise = clauses.after(Rule::kw_otherwise).map(|p| ident(&p, file));
    let (Some(id), Some(requires), Some(otherwise)) = (id, requires, otherwise) else {
        return Err(missing(
            &pair,
            file,
            "`rule ID … requires … otherwise VERDICT`",
        ));
    };
    let message = clauses
        .parts
        .iter()
        .skip_while(|p| p.as_rule() != Rule::kw_otherwise)
        .nth(2)
        .cloned();
    Ok(RuleDecl {
        id,
        title: clauses.title(file)?,
        cites: lower_optional_cites(&clauses, file)?,
        applies: expr_after(&clauses, Rule::kw_applies, file)?,
        requires,
        otherwise,
        message: lower_optional_label(message, file)?,
        satisfied: lower_optional_label(clauses.after(Rule::kw_satisfied), file)?,
    })
}

fn lower_exception(pair: Pair<'_, Rule>, file: FileId) -> Lowered<ExceptionDecl> {
    let clauses = Clauses::new(&pair);
    let id = clauses.nth(Rule::item_id, 0).map(|p| ident(&p, file));
    // The targets: the ids after `to`, before the title and the citations.
    let targets: Vec<Ident> = clauses
        .parts
        .iter()
        .skip_while(|p| p.as_rule() != Rule::kw_to)
        .skip(1)
        .take_while(|p| matches!(p.as_rule(), Rule::item_id | Rule::comma))
        .filter(|p| p.as_rule() == Rule::item_id)
        .map(|p| ident(p, file))
        .collect();
    let when = expr_after(&clauses, Rule::kw_when, file)?;
    let value = match clauses.after(Rule::kw_gives) {
        Some(e) if e.as_rule() == Rule::expr => Some(lower_expr(e, file)?),
        _ => None,
    };
    // A verdict is a bare name; anything else is a value, for an exception to an outcome.
    let gives = value.as_ref().map(|v| match &v.kind {
        ExprKind::Path(name) if !name.contains('.') => Ident {
            name: name.clone(),
            span: v.span,
        },
        _ => Ident {
            name: String::new(),
            span: v.span,
        },
    });
    let (Some(id), false, Some(when), Some(gives), Some(value)) =
        (id, targets.is_empty(), when, gives, value)
    else {
        return Err(missing(
            &pair,
            file,
            "`exception ID to TARGET when … gives VERDICT`",
        ));
    };
    let until = expr_after(&clauses, Rule::kw_until, file)?;
    let message = clauses
        .parts
        .iter()
        .skip_while(|p| p.as_rule() != Rule::kw_gives)
        .skip(2)
        .find(|p| p.as_rule() != Rule::kw_until && p.as_rule() != Rule::expr)
        .filter(|p| p.as_rule() == Rule::message)
        .cloned();
    Ok(ExceptionDecl {
        id,
        targets,
        title: clauses.title(file)?,
        cites: lower_optional_cites(&clauses, file)?,
        when,
        gives,
        value,
        until,
        message: lower_optional_label(message, file)?,
        expired: lower_optional_label(clauses.after(Rule::kw_expired), file)?,
    })
}

fn lower_remark(pair: Pair<'_, Rule>, file: FileId) -> Lowered<RemarkDecl> {
    let kind = if pair.as_rule() == Rule::advice_decl {
        RemarkKind::Advice
    } else {
        RemarkKind::Note
    };
    let clauses = Clauses::new(&pair);
    let id = clauses.first(Rule::item_id).map(|p| ident(&p, file));
    let when = expr_after(&clauses, Rule::kw_when, file)?;
    let message = clauses.first(Rule::message);
    let (Some(id), Some(when), Some(message)) = (id, when, message) else {
        return Err(missing(&pair, file, "`advice ID when … MESSAGE`"));
    };
    Ok(RemarkDecl {
        kind,
        id,
        outside_scope: clauses.first(Rule::outside_scope).is_some(),
        title: clauses.title(file)?,
        cites: lower_optional_cites(&clauses, file)?,
        when,
        message: lower_label(message, file)?,
    })
}
