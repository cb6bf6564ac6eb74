//! The checked policy: every name resolved to a slot, every expression typed, and each
//! item's versions across the base text and its amendments.

use jiff::civil::Date;

use crate::language::ast::{Lang, RemarkKind};
use crate::language::range::Range;
use crate::language::types::Type;
use crate::language::value::Value;
use crate::source::{FileId, Span};

/// A policy ready to evaluate: the base text and its amendments, checked together.
#[derive(Clone, Debug)]
pub struct Program {
    /// The policy's id.
    pub id: String,
    /// The policy's title.
    pub title: Localized,
    /// The texts, in the order they apply: the base first, then amendments by date.
    pub texts: Vec<TextInfo>,
    /// The sources the texts cite.
    pub sources: Vec<SourceInfo>,
    /// The verdict scale's roles; its names are vocabulary 0.
    pub scale: VerdictScale,
    /// Vocabularies; index 0 is the verdict scale.
    pub vocabularies: Vec<Vocabulary>,
    /// The facts the policy reads, by slot.
    pub facts: Vec<FactInfo>,
    /// Parameters, by slot.
    pub params: Vec<ParamInfo>,
    /// Definitions, by slot.
    pub defs: Vec<DefInfo>,
    /// Rules, in declaration order.
    pub rules: Vec<RuleInfo>,
    /// Exceptions, in declaration order.
    pub exceptions: Vec<ExceptionInfo>,
    /// Advice and notes, in declaration order.
    pub remarks: Vec<RemarkInfo>,
    /// The scope condition (none: everything is in scope).
    pub scope: Versioned<CExpr>,
    /// For each number of texts in force (index k-1 for k texts), which exceptions hang
    /// under each rule and each exception.
    pub snapshots: Vec<Snapshot>,
    /// How many local slots quantifiers need.
    pub local_slots: u32,
    /// `total over …` declarations: facts whose combinations must all get a verdict.
    pub totals: Vec<Total>,
    /// The languages its texts are written in (BCP 47 tags), the title's first; empty when
    /// every text is written without a language.
    pub languages: Vec<Lang>,
    /// The labelled grounds of `any of:` disjunctions, by slot.
    pub grounds: Vec<GroundInfo>,
    /// What the decision is: the worst verdict, or an outcome's value.
    pub decision: DecisionOf,
}

/// What a policy's decision is, and which decisions fail a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecisionOf {
    /// The worst verdict of the rules; a run fails at `fails_on` or worse (none: the worst
    /// verdict of the scale).
    Verdicts {
        /// The rank of the verdict `decision verdict fails on …` names.
        fails_on: Option<u32>,
    },
    /// The value of an outcome of a vocabulary's type.
    Outcome {
        /// The outcome's definition slot.
        def: u32,
        /// Its vocabulary.
        vocabulary: u32,
        /// The members that fail a run (none: no decision fails).
        fails_on: Vec<u32>,
    },
}

/// A labelled ground of `any of:`.
#[derive(Clone, Debug)]
pub struct GroundInfo {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: Localized,
    /// Its sources.
    pub cites: Vec<Citation>,
    /// Where it is written.
    pub span: Span,
}

/// One case of an outcome, checked.
#[derive(Clone, Debug)]
pub struct CCase {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: Localized,
    /// Its sources.
    pub cites: Vec<Citation>,
    /// When it holds (none: always).
    pub when: Option<CExpr>,
    /// The value it gives.
    pub gives: CExpr,
    /// Why, in words.
    pub message: Option<Message>,
    /// Where it is written.
    pub span: Span,
}

impl Program {
    /// Whether, with the first `texts` texts in force, some rule is decided before one
    /// declared ahead of it (it reads a later rule's verdict): results are then put back in
    /// policy order.
    pub fn rules_reordered(&self, texts: usize) -> bool {
        let order = self
            .snapshots
            .get(texts.saturating_sub(1))
            .map_or(&[][..], |s| s.rule_order.as_slice());
        order.windows(2).any(|w| w.first() > w.get(1))
    }

    /// The outcomes, by definition slot, in policy order.
    pub fn outcomes(&self) -> impl Iterator<Item = (u32, &DefInfo)> + Clone + '_ {
        self.defs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.outcome.is_some())
            .map(|(slot, d)| (u32::try_from(slot).unwrap_or(u32::MAX), d))
    }

    /// The languages messages and values are rendered in: the policy's own, then the
    /// interface's other languages, so that a text written without a language reads in each.
    pub fn output_langs(&self) -> impl Iterator<Item = Lang> + '_ {
        let own = self.languages.iter().copied();
        own.chain(crate::i18n::languages().filter(|l| !self.languages.contains(l)))
    }
}

/// `total over PATH, …`: every combination of these facts must get a verdict from a rule.
#[derive(Clone, Debug)]
pub struct Total {
    /// The facts, by slot (bool or enum, maybe optional).
    pub facts: Vec<u32>,
    /// Where it is declared.
    pub span: Span,
}

/// The exception tree in force when the first k texts apply.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// Exceptions directly under each rule.
    pub rule_children: Vec<Vec<u32>>,
    /// Exceptions directly under each exception.
    pub exception_children: Vec<Vec<u32>>,
    /// The rules in the order they are decided: each after the rules whose verdict it
    /// reads, else in declaration order.
    pub rule_order: Vec<u32>,
    /// Exceptions directly under each outcome, by definition slot.
    pub outcome_children: Vec<Vec<u32>>,
}

/// An item's successive versions: which text brought each, and `None` for a repeal.
#[derive(Clone, Debug)]
pub struct Versioned<T> {
    /// `(text index, body)`, in application order.
    pub versions: Vec<(u32, Option<T>)>,
}

impl<T> Default for Versioned<T> {
    fn default() -> Self {
        Versioned {
            versions: Vec::new(),
        }
    }
}

impl<T> Versioned<T> {
    /// The version in force when the first `texts` texts apply.
    pub fn at(&self, texts: usize) -> Option<&T> {
        self.versions
            .iter()
            .rev()
            .find(|(text, _)| (*text as usize) < texts)
            .and_then(|(_, body)| body.as_ref())
    }

    /// The text that brought the version in force, if any.
    pub fn text_at(&self, texts: usize) -> Option<u32> {
        self.versions
            .iter()
            .rev()
            .find(|(text, _)| (*text as usize) < texts)
            .map(|(text, _)| *text)
    }
}

/// A text without interpolation, in one or more languages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Localized {
    /// The text in each language, in the order written.
    pub texts: Vec<(Lang, String)>,
    /// Written without a language.
    pub neutral: Option<String>,
}

impl Localized {
    /// The text in `lang`; else in its primary language (`fr` for `fr-CA`), else without
    /// language, else in the first language written.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let found = pick(&self.texts, lang, self.neutral.is_some());
        match found {
            Some(text) => Some(text.as_str()),
            None => self.neutral.as_deref(),
        }
    }

    /// The text in `lang` as [`get`](Self::get) finds it, or nothing: the one way reports
    /// show a title or message.
    pub fn text(&self, lang: Lang) -> &str {
        self.get(lang).unwrap_or_default()
    }

    /// The text written in exactly `lang`, without falling back.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        self.texts
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, text)| text.as_str())
    }

    /// Sets the text of one language (none: the neutral text); a later text replaces an
    /// earlier one of the same language.
    pub fn set(&mut self, lang: Option<Lang>, text: String) {
        let Some(lang) = lang else {
            self.neutral = Some(text);
            return;
        };
        match self.texts.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, old)) => *old = text,
            None => self.texts.push((lang, text)),
        }
    }

    /// A text in each of `langs`, as `text` gives it.
    pub fn from_fn(
        langs: impl IntoIterator<Item = Lang>,
        mut text: impl FnMut(Lang) -> String,
    ) -> Self {
        Localized {
            texts: langs.into_iter().map(|l| (l, text(l))).collect(),
            neutral: None,
        }
    }

    /// Whether no text is written at all.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty() && self.neutral.is_none()
    }
}

/// In a list of texts by language: `lang`, else its primary language, else (when there is
/// no neutral text to take instead) the first written.
fn pick<T>(texts: &[(Lang, T)], lang: Lang, has_neutral: bool) -> Option<&T> {
    let find = |wanted: &dyn Fn(Lang) -> bool| texts.iter().find(|(l, _)| wanted(*l));
    find(&|l| l == lang)
        .or_else(|| find(&|l| l == lang.primary()))
        .or_else(|| find(&|l| l.same_primary(lang)))
        .or_else(|| if has_neutral { None } else { texts.first() })
        .map(|(_, text)| text)
}

/// A message: per language, text and interpolated expressions.
#[derive(Clone, Debug, Default)]
pub struct Message {
    /// `(language, segments)`
    pub parts: Vec<(Option<Lang>, Vec<MessageSegment>)>,
}

impl Message {
    /// The segments for `lang`, else its primary language, else without language, else in
    /// the first language written.
    pub fn get(&self, lang: Lang) -> Option<&[MessageSegment]> {
        let find =
            |wanted: &dyn Fn(Option<Lang>) -> bool| self.parts.iter().find(|(l, _)| wanted(*l));
        find(&|l| l == Some(lang))
            .or_else(|| find(&|l| l == Some(lang.primary())))
            .or_else(|| find(&|l| l.is_some_and(|l| l.same_primary(lang))))
            .or_else(|| find(&|l| l.is_none()))
            .or_else(|| self.parts.first())
            .map(|(_, segments)| segments.as_slice())
    }

    /// The languages it is written in, in order.
    pub fn langs(&self) -> impl Iterator<Item = Lang> + '_ {
        self.parts.iter().filter_map(|(l, _)| *l)
    }

    /// Whether part of it is written without a language.
    pub fn has_neutral(&self) -> bool {
        self.parts.iter().any(|(l, _)| l.is_none())
    }
}

/// A piece of a message.
#[derive(Clone, Debug)]
pub enum MessageSegment {
    /// Literal text.
    Text(String),
    /// An interpolated expression.
    Expr(CExpr),
}

/// A text: the base policy or an amendment.
#[derive(Clone, Debug)]
pub struct TextInfo {
    /// Its id, as the file declares it.
    pub id: String,
    /// Its title.
    pub title: Localized,
    /// The day it comes into force.
    pub in_force: Date,
    /// The file it comes from.
    pub file: FileId,
    /// Where the header is.
    pub span: Span,
}

/// A cited source.
#[derive(Clone, Debug)]
pub struct SourceInfo {
    /// The key citations use.
    pub key: String,
    /// Its title.
    pub title: String,
    /// The name text output cites it by (`NIS2`), when the policy gives one.
    pub short: Option<String>,
    /// Where to read it.
    pub url: Option<String>,
}

/// A citation: a source and a place in it.
#[derive(Clone, Debug)]
pub struct Citation {
    /// The source's index in [`Program::sources`].
    pub source: u32,
    /// Where in the source.
    pub pinpoint: Option<String>,
}

/// The roles of the verdict scale.
#[derive(Clone, Debug)]
pub struct VerdictScale {
    /// Verdict of a rule that cannot decide.
    pub undecided: u32,
    /// Verdict of a rule whose requirement holds; the decision when nothing is worse.
    pub satisfied: u32,
    /// The decision outside the scope or before any text is in force.
    pub inapplicable: u32,
}

/// A vocabulary: names with labels.
#[derive(Clone, Debug)]
pub struct Vocabulary {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: Localized,
    /// Its names, in order.
    pub members: Vec<Member>,
    /// The member marked `as undecided`: an outcome's value when unknown facts keep it from
    /// deciding.
    pub undecided: Option<u32>,
    /// The member marked `as inapplicable`: the decision before any text is in force.
    pub inapplicable: Option<u32>,
}

/// A name of a vocabulary.
#[derive(Clone, Debug)]
pub struct Member {
    /// The name.
    pub name: String,
    /// Its label.
    pub label: Localized,
}

/// What leaving a fact out means.
#[derive(Clone, Debug)]
pub enum Presence {
    /// Left out: unknown.
    Required,
    /// Left out: this value.
    Default(Value),
    /// Left out: not set (testable with `is set`).
    Optional,
}

/// A declared fact.
#[derive(Clone, Debug)]
pub struct FactInfo {
    /// The dotted path.
    pub path: String,
    /// Its type (`T?` for optional facts).
    pub ty: Type,
    /// The values it may take (`at least 0`), when declared.
    pub range: Option<Range>,
    /// What leaving it out means.
    pub presence: Presence,
    /// Its label.
    pub label: Localized,
    /// Where it is declared.
    pub span: Span,
}

/// A parameter.
#[derive(Clone, Debug)]
pub struct ParamInfo {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// The values it may take, when declared: every version's values lie in it, and so
    /// must a value given with `--set`.
    pub range: Option<Range>,
    /// Where it is first declared.
    pub span: Span,
    /// Its versions.
    pub versions: Versioned<ParamBody>,
}

/// One version of a parameter.
#[derive(Clone, Debug)]
pub struct ParamBody {
    /// The first value: in force from the day the text that brings this version is.
    pub initial: Value,
    /// The first value's own sources (none: the parameter's serve).
    pub initial_cites: Vec<Citation>,
    /// Dated steps, in date order.
    pub steps: Vec<ParamStep>,
    /// Its label.
    pub label: Localized,
    /// Its sources: the parameter's, and each value's that has none of its own.
    pub cites: Vec<Citation>,
    /// Where this version is written.
    pub span: Span,
    /// For a parameter computed from others: its values as written. Its `initial` and
    /// `steps` are then what they give on each day, with a step on each day an input steps.
    pub formula: Option<Formula>,
}

/// The values of a computed parameter as written (`param large = medium * 5`).
#[derive(Clone, Debug)]
pub struct Formula {
    /// Each value as written, with the day it starts from (`None`: the version's first), in
    /// date order.
    pub values: Vec<(Option<Date>, CExpr)>,
    /// The parameters it reads, directly or through other computed ones, by slot.
    pub inputs: Vec<u32>,
}

impl Formula {
    /// The value as written in force on a day.
    pub fn expr_on(&self, day: Date) -> Option<&CExpr> {
        self.values
            .iter()
            .rev()
            .find(|(from, _)| from.is_none_or(|from| from <= day))
            .map(|(_, expr)| expr)
    }

    /// The parameters the value as written in force on a day reads directly, by slot, in
    /// the order it reads them.
    pub fn reads_on(&self, day: Date) -> Vec<u32> {
        let mut out = Vec::new();
        if let Some(expr) = self.expr_on(day) {
            crate::language::walk::node(expr, &mut |e| {
                if let CKind::Param(slot) = e.kind
                    && !out.contains(&slot)
                {
                    out.push(slot);
                }
            });
        }
        out
    }
}

/// A dated step of a parameter: from this day on, this value.
#[derive(Clone, Debug)]
pub struct ParamStep {
    /// The step's first day.
    pub from: Date,
    /// Its value.
    pub value: Value,
    /// Its own sources (none: the parameter's serve).
    pub cites: Vec<Citation>,
}

impl ParamBody {
    /// The value on a day.
    pub fn value_on(&self, day: Date) -> &Value {
        self.step_on(day).map_or(&self.initial, |step| &step.value)
    }

    /// The step in force on a day; `None` while the first value is.
    pub fn step_on(&self, day: Date) -> Option<&ParamStep> {
        self.steps.iter().rev().find(|step| step.from <= day)
    }

    /// The sources of the value in force on a day: its own, else the parameter's.
    pub fn cites_on(&self, day: Date) -> &[Citation] {
        self.cites_of(self.step_on(day))
    }

    /// The sources of one value (`None`: the first): its own, else the parameter's.
    pub fn cites_of<'a>(&'a self, step: Option<&'a ParamStep>) -> &'a [Citation] {
        let own = step.map_or(self.initial_cites.as_slice(), |step| step.cites.as_slice());
        if own.is_empty() { &self.cites } else { own }
    }
}

/// A definition.
#[derive(Clone, Debug)]
pub struct DefInfo {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// Where it is first declared.
    pub span: Span,
    /// Its versions.
    pub versions: Versioned<CExpr>,
    /// Its label in each version (empty when a version has none).
    pub labels: Versioned<Localized>,
    /// For an outcome: its sources in each version (`None`: a plain definition).
    pub outcome: Option<Versioned<Vec<Citation>>>,
}

/// A rule.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    /// Its id.
    pub id: String,
    /// Where it is first declared.
    pub span: Span,
    /// Its versions.
    pub versions: Versioned<RuleBody>,
}

/// One version of a rule.
#[derive(Clone, Debug)]
pub struct RuleBody {
    /// Its title.
    pub title: Localized,
    /// Its sources.
    pub cites: Vec<Citation>,
    /// When it applies (none: always).
    pub applies: Option<CExpr>,
    /// What it requires.
    pub requires: CExpr,
    /// Its verdict when violated.
    pub violation: u32,
    /// Message when violated.
    pub message: Option<Message>,
    /// Message when satisfied.
    pub satisfied: Option<Message>,
}

/// What an exception is an exception to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A rule, by slot.
    Rule(u32),
    /// Another exception, by slot.
    Exception(u32),
    /// An outcome, by definition slot.
    Outcome(u32),
}

/// An exception.
#[derive(Clone, Debug)]
pub struct ExceptionInfo {
    /// Its id.
    pub id: String,
    /// Where it is first declared.
    pub span: Span,
    /// Its versions.
    pub versions: Versioned<ExceptionBody>,
}

/// One version of an exception.
#[derive(Clone, Debug)]
pub struct ExceptionBody {
    /// What it is an exception to: one item or several.
    pub targets: Vec<Target>,
    /// Its title.
    pub title: Localized,
    /// Its sources.
    pub cites: Vec<Citation>,
    /// When it holds.
    pub when: CExpr,
    /// The verdict it gives (an exception to an outcome gives a value instead).
    pub gives: u32,
    /// What an exception to an outcome (or to such an exception) gives: a value of the
    /// outcome's type.
    pub value: Option<CExpr>,
    /// The last day it holds, when it has one.
    pub until: Option<CExpr>,
    /// Its message.
    pub message: Option<Message>,
    /// Its message once expired.
    pub expired: Option<Message>,
}

/// Advice or a note.
#[derive(Clone, Debug)]
pub struct RemarkInfo {
    /// Its id.
    pub id: String,
    /// Advice or note.
    pub kind: RemarkKind,
    /// Where it is first declared.
    pub span: Span,
    /// Its versions.
    pub versions: Versioned<RemarkBody>,
}

/// One version of advice or a note.
#[derive(Clone, Debug)]
pub struct RemarkBody {
    /// Given only outside the scope (otherwise only inside).
    pub outside_scope: bool,
    /// Its title.
    pub title: Localized,
    /// Its sources.
    pub cites: Vec<Citation>,
    /// When it is given.
    pub when: CExpr,
    /// Its message.
    pub message: Message,
}

/// A checked expression.
#[derive(Clone, Debug)]
pub struct CExpr {
    /// What it computes.
    pub kind: CKind,
    /// Its type.
    pub ty: Type,
    /// Where it is written.
    pub span: Span,
}

impl CExpr {
    /// Whether `test` holds for one of the expression's direct operands, in order (the
    /// expressions of a text's placeholders too): one walk for every analysis of a tree.
    pub fn any_operand(&self, mut test: impl FnMut(&CExpr) -> bool) -> bool {
        match &self.kind {
            CKind::Const(_)
            | CKind::Fact(_)
            | CKind::Param(_)
            | CKind::Def(_)
            | CKind::Local(_)
            | CKind::Today
            | CKind::Verdict(_)
            | CKind::Applies(_) => false,
            CKind::Cases(cases) => cases.iter().any(|case| {
                case.when.as_ref().is_some_and(&mut test)
                    || test(&case.gives)
                    || case.message.as_ref().is_some_and(|m| {
                        m.parts.iter().any(|(_, segments)| {
                            segments.iter().any(|s| match s {
                                MessageSegment::Expr(e) => test(e),
                                MessageSegment::Text(_) => false,
                            })
                        })
                    })
            }),
            CKind::Grounds(grounds) => grounds.iter().any(|(_, e)| test(e)),
            CKind::Not(a) | CKind::Neg(a) | CKind::Count(a) => test(a),
            CKind::IsSet { operand, .. } | CKind::IsEmpty { operand, .. } => test(operand),
            CKind::And(a, b)
            | CKind::Or(a, b)
            | CKind::Compare(_, a, b)
            | CKind::Arith(_, a, b)
            | CKind::SetOp(_, a, b)
            | CKind::Subset(a, b)
            | CKind::Meets(a, b)
            | CKind::In {
                element: a, set: b, ..
            }
            | CKind::Quantifier {
                set: a, body: b, ..
            } => test(a) || test(b),
            CKind::If(c, a, b) => test(c) || test(a) || test(b),
            CKind::SetLiteral(items) | CKind::Call(_, items) => items.iter().any(test),
            CKind::Format(segments) => segments.iter().any(|s| match s {
                MessageSegment::Expr(e) => test(e),
                MessageSegment::Text(_) => false,
            }),
        }
    }
}

impl Program {
    /// A type as a policy writes it, with its vocabularies' names.
    pub fn type_name(&self, ty: &Type) -> String {
        let names: Vec<String> = self.vocabularies.iter().map(|v| v.name.clone()).collect();
        ty.display(&names).to_string()
    }
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Compare {
    /// Whether the comparison holds for two sides in this order.
    pub fn holds(self, order: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering;
        match self {
            Compare::Eq => order == Ordering::Equal,
            Compare::Ne => order != Ordering::Equal,
            Compare::Lt => order == Ordering::Less,
            Compare::Le => order != Ordering::Greater,
            Compare::Gt => order == Ordering::Greater,
            Compare::Ge => order != Ordering::Less,
        }
    }
}

/// Arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// Set operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOp {
    /// `union`
    Union,
    /// `intersect`
    Intersect,
    /// `minus`
    Minus,
}

/// The kinds of checked expressions.
#[derive(Clone, Debug)]
pub enum CKind {
    /// A constant.
    Const(Value),
    /// A fact, by slot.
    Fact(u32),
    /// A parameter, by slot.
    Param(u32),
    /// A definition, by slot.
    Def(u32),
    /// A quantifier's variable, by local slot.
    Local(u32),
    /// The evaluation date.
    Today,
    /// `not`
    Not(Box<CExpr>),
    /// `-`
    Neg(Box<CExpr>),
    /// `and`
    And(Box<CExpr>, Box<CExpr>),
    /// `or`
    Or(Box<CExpr>, Box<CExpr>),
    /// A comparison.
    Compare(Compare, Box<CExpr>, Box<CExpr>),
    /// Arithmetic.
    Arith(Arith, Box<CExpr>, Box<CExpr>),
    /// A set operation.
    SetOp(SetOp, Box<CExpr>, Box<CExpr>),
    /// `x in S` (negated: `not in`).
    In {
        /// `not in`
        negated: bool,
        /// The element.
        element: Box<CExpr>,
        /// The set.
        set: Box<CExpr>,
    },
    /// `A subset of B`
    Subset(Box<CExpr>, Box<CExpr>),
    /// `A meets B`
    Meets(Box<CExpr>, Box<CExpr>),
    /// `is set` / `is not set`
    IsSet {
        /// `is not set`
        negated: bool,
        /// The operand.
        operand: Box<CExpr>,
    },
    /// `is empty` / `is not empty`
    IsEmpty {
        /// `is not empty`
        negated: bool,
        /// The operand.
        operand: Box<CExpr>,
    },
    /// `if c then a else b`
    If(Box<CExpr>, Box<CExpr>, Box<CExpr>),
    /// `any`/`all x in S: body`
    Quantifier {
        /// `any` (true) or `all`.
        any: bool,
        /// The variable's local slot.
        local: u32,
        /// The set.
        set: Box<CExpr>,
        /// The condition.
        body: Box<CExpr>,
    },
    /// `count(S)`
    Count(Box<CExpr>),
    /// `{a, b}`
    SetLiteral(Vec<CExpr>),
    /// A string with interpolations.
    Format(Vec<MessageSegment>),
    /// `verdict(RULE)`
    Verdict(u32),
    /// `applies(RULE)`
    Applies(u32),
    /// An outcome's cases: the value of the first that holds.
    Cases(Vec<CCase>),
    /// `any of:` labelled grounds (ground slot, condition): true when one holds.
    Grounds(Vec<(u32, CExpr)>),
    /// A function by name, on its arguments.
    Call(crate::language::functions::Function, Vec<CExpr>),
}
