//! The syntax tree of a policy file, as written, with a span on every node.

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::language::value::CalendarDuration;
use crate::source::Span;

/// A name as written, with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// A parsed policy file: a base text or an amendment, and its items.
#[derive(Clone, Debug)]
pub struct File {
    /// What the file is.
    pub header: Header,
    /// Its items, in order.
    pub items: Vec<Item>,
}

/// The first declaration of a file.
#[derive(Clone, Debug)]
pub struct Header {
    /// Base policy or amendment.
    pub kind: HeaderKind,
    /// The id of the text this file holds (the base text's id, or the amendment's).
    pub text_id: Ident,
    /// The title of the text.
    pub text_title: Option<Label>,
    /// The day the text comes into force.
    pub in_force: DateLit,
    /// The sources it cites.
    pub sources: Vec<SourceDecl>,
    /// The whole header.
    pub span: Span,
}

/// Base policy or amendment.
#[derive(Clone, Debug)]
pub enum HeaderKind {
    /// `policy ID "title" text TEXT-ID …`
    Policy {
        /// The policy's id.
        id: Ident,
        /// The policy's title.
        title: Option<Label>,
    },
    /// `amendment TEXT-ID of POLICY …`
    Amendment {
        /// The id of the policy amended.
        of: Ident,
    },
}

/// A date literal with its span.
#[derive(Clone, Debug)]
pub struct DateLit {
    /// The date.
    pub date: Date,
    /// Where it is written.
    pub span: Span,
}

/// `source KEY "title" short "…" url "…"`
#[derive(Clone, Debug)]
pub struct SourceDecl {
    /// The key citations use.
    pub key: Ident,
    /// The title of the source.
    pub title: StringLit,
    /// The name text output cites it by (`short "NIS2"`).
    pub short: Option<StringLit>,
    /// Where to read it.
    pub url: Option<StringLit>,
}

/// A text in one or several languages.
#[derive(Clone, Debug)]
pub struct Label {
    /// Each part: a language (or none) and its string.
    pub parts: Vec<(Option<Lang>, StringLit)>,
    /// The whole label.
    pub span: Span,
}

pub use crate::i18n::Lang;

/// A string literal: plain text and `{expr}` interpolations.
#[derive(Clone, Debug)]
pub struct StringLit {
    /// Its segments in order.
    pub segments: Vec<Segment>,
    /// The whole literal, quotes included.
    pub span: Span,
}

impl StringLit {
    /// The literal's text when it has no interpolation.
    pub fn plain(&self) -> Option<String> {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(text) => out.push_str(text),
                Segment::Expr(_) => return None,
            }
        }
        Some(out)
    }
}

/// A piece of a string literal.
#[derive(Clone, Debug)]
pub enum Segment {
    /// Literal text.
    Text(String),
    /// An interpolated expression.
    Expr(Expr),
}

/// What an item does to the policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Declared in a base text, or added by an amendment without `add`.
    Declare,
    /// `add …`
    Add,
    /// `replace …`
    Replace,
}

/// One item of a file.
#[derive(Clone, Debug)]
pub struct Item {
    /// Declare, add or replace (repeals are their own declaration).
    pub action: Action,
    /// The declaration.
    pub decl: Decl,
    /// The whole item.
    pub span: Span,
}

/// The kinds of items that can be replaced or repealed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// `param`
    Param,
    /// `def`
    Def,
    /// `rule`
    Rule,
    /// `exception`
    Exception,
    /// `advice`
    Advice,
    /// `note`
    Note,
}

impl ItemKind {
    /// The keyword of this kind.
    pub fn keyword(self) -> &'static str {
        match self {
            ItemKind::Param => "param",
            ItemKind::Def => "def",
            ItemKind::Rule => "rule",
            ItemKind::Exception => "exception",
            ItemKind::Advice => "advice",
            ItemKind::Note => "note",
        }
    }
}

/// A declaration.
#[derive(Clone, Debug)]
pub enum Decl {
    /// The verdict scale.
    Verdicts(Vec<VerdictEntry>),
    /// The scope condition.
    Scope(Expr),
    /// `total over PATH, …`: the facts whose combinations must all get a verdict.
    Total(Vec<Ident>),
    /// A vocabulary.
    Vocabulary(VocabularyDecl),
    /// A fact.
    Fact(FactDecl),
    /// A parameter.
    Param(ParamDecl),
    /// A definition.
    Def(DefDecl),
    /// A rule.
    Rule(RuleDecl),
    /// An exception.
    Exception(ExceptionDecl),
    /// Advice or a note.
    Remark(RemarkDecl),
    /// `decision OUTCOME fails on …`: what the decision is.
    Decision(DecisionDecl),
    /// `repeal KIND ID`
    Repeal {
        /// What kind of item.
        kind: ItemKind,
        /// Its id.
        id: Ident,
    },
}

/// One verdict of the scale.
#[derive(Clone, Debug)]
pub struct VerdictEntry {
    /// Its name.
    pub name: Ident,
    /// Its label.
    pub label: Option<Label>,
    /// Roles: `undecided`, `satisfied`, `inapplicable`.
    pub roles: Vec<Ident>,
}

/// `vocabulary NAME` and its members.
#[derive(Clone, Debug)]
pub struct VocabularyDecl {
    /// The vocabulary's name.
    pub name: Ident,
    /// Its label.
    pub label: Option<Label>,
    /// Its names, in order.
    pub members: Vec<(Ident, Option<Label>)>,
    /// Members marked `as undecided` or `as inapplicable`: the role's word, and the member.
    pub roles: Vec<(Ident, Ident)>,
}

/// A type as written.
#[derive(Clone, Debug)]
pub struct TypeExpr {
    /// The element or scalar type's name.
    pub name: Ident,
    /// `set of …`
    pub set: bool,
    /// `…?`
    pub optional: bool,
    /// The whole type.
    pub span: Span,
}

/// `at least MIN`, `at most MAX`, `between MIN and MAX`: the values a fact or a parameter
/// may take, bounds included.
#[derive(Clone, Debug)]
pub struct RangeExpr {
    /// The lower bound: a literal, negative with `-`.
    pub min: Option<Expr>,
    /// The upper bound.
    pub max: Option<Expr>,
    /// The whole range.
    pub span: Span,
}

/// `fact PATH: TYPE [RANGE] [= DEFAULT] LABEL`
#[derive(Clone, Debug)]
pub struct FactDecl {
    /// The dotted path.
    pub path: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// The values it may take.
    pub range: Option<RangeExpr>,
    /// Its default.
    pub default: Option<Expr>,
    /// Its label.
    pub label: Option<Label>,
}

/// `param NAME: TYPE [RANGE] = VALUE [cites…] [from DATE = VALUE [cites…]]… LABEL cites…`
#[derive(Clone, Debug)]
pub struct ParamDecl {
    /// Its name.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// The values it may take.
    pub range: Option<RangeExpr>,
    /// Its first value.
    pub value: Expr,
    /// The first value's own sources (written right after it).
    pub value_cites: Vec<Citation>,
    /// Dated steps.
    pub steps: Vec<ParamStep>,
    /// Its label.
    pub label: Option<Label>,
    /// Its sources: the parameter's, and each value's that has none of its own.
    pub cites: Vec<Citation>,
}

/// `from DATE = VALUE [cites…]`: a dated step of a parameter.
#[derive(Clone, Debug)]
pub struct ParamStep {
    /// The first day of the step.
    pub from: DateLit,
    /// Its value.
    pub value: Expr,
    /// Its own sources.
    pub cites: Vec<Citation>,
}

/// `def NAME [: TYPE] = EXPR`, or `outcome NAME: TYPE "title" cites… case…` (a definition
/// whose value is its cases', listed with the decision).
#[derive(Clone, Debug)]
pub struct DefDecl {
    /// Its name.
    pub name: Ident,
    /// Its declared type.
    pub ty: Option<TypeExpr>,
    /// Its value (an outcome's: [`ExprKind::Cases`]).
    pub value: Expr,
    /// Its label (an outcome's title).
    pub label: Option<Label>,
    /// For an outcome: its sources.
    pub outcome: Option<Vec<Citation>>,
}

/// `decision OUTCOME [fails on VALUE, …]` or `decision verdict [fails on VERDICT]`.
#[derive(Clone, Debug)]
pub struct DecisionDecl {
    /// The outcome that is the decision (none: the worst verdict).
    pub outcome: Option<Ident>,
    /// The values that make `eval` exit 1.
    pub fails_on: Vec<Ident>,
    /// Where it is written.
    pub span: Span,
}

/// `KEY "pinpoint"`
#[derive(Clone, Debug)]
pub struct Citation {
    /// The source key.
    pub key: Ident,
    /// Where in the source.
    pub pinpoint: Option<StringLit>,
}

/// A rule.
#[derive(Clone, Debug)]
pub struct RuleDecl {
    /// Its id.
    pub id: Ident,
    /// Its title.
    pub title: Option<Label>,
    /// Its citations.
    pub cites: Vec<Citation>,
    /// `applies when`
    pub applies: Option<Expr>,
    /// `requires`
    pub requires: Expr,
    /// `otherwise VERDICT`
    pub otherwise: Ident,
    /// Message when violated.
    pub message: Option<Label>,
    /// Message when satisfied.
    pub satisfied: Option<Label>,
}

/// An exception to a rule or to another exception.
#[derive(Clone, Debug)]
pub struct ExceptionDecl {
    /// Its id.
    pub id: Ident,
    /// What it is an exception to: one item or several.
    pub targets: Vec<Ident>,
    /// Its title.
    pub title: Option<Label>,
    /// Its citations.
    pub cites: Vec<Citation>,
    /// `when`
    pub when: Expr,
    /// `gives VERDICT`: the verdict's name (empty when what it gives is not a name).
    pub gives: Ident,
    /// What it gives as written: a verdict's name, or a value of the outcome it is an
    /// exception to.
    pub value: Expr,
    /// `until`
    pub until: Option<Expr>,
    /// Its message.
    pub message: Option<Label>,
    /// Message once expired.
    pub expired: Option<Label>,
}

/// Advice or a note.
#[derive(Clone, Debug)]
pub struct RemarkDecl {
    /// Advice or note.
    pub kind: RemarkKind,
    /// Its id.
    pub id: Ident,
    /// Given only outside the scope.
    pub outside_scope: bool,
    /// Its title.
    pub title: Option<Label>,
    /// Its citations.
    pub cites: Vec<Citation>,
    /// `when`
    pub when: Expr,
    /// Its message.
    pub message: Label,
}

/// Advice or note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RemarkKind {
    /// `advice`
    Advice,
    /// `note`
    Note,
}

/// An expression.
#[derive(Clone, Debug)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is written.
    pub span: Span,
}

/// The kinds of expressions.
#[derive(Clone, Debug)]
pub enum ExprKind {
    /// `true`, `false`
    Bool(bool),
    /// `12`
    Integer(i64),
    /// `0.5`, `50%`
    Decimal(Decimal),
    /// `"…"`
    Text(StringLit),
    /// `2021-07-05`
    Date(Date),
    /// `12 months`
    Duration(CalendarDuration),
    /// A name or dotted path.
    Path(String),
    /// `{a, b}`
    Set(Vec<Expr>),
    /// `today`
    Today,
    /// A prefix operator.
    Unary(UnaryOp, Box<Expr>),
    /// A postfix test.
    Postfix(PostfixOp, Box<Expr>),
    /// An infix operator.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `if c then a else b`
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `any x in S: body`, `all x in S: body`
    Quantifier {
        /// `any` (true) or `all` (false).
        any: bool,
        /// The bound name.
        var: Ident,
        /// The set ranged over.
        set: Box<Expr>,
        /// The condition.
        body: Box<Expr>,
    },
    /// `count(S)`
    Count(Box<Expr>),
    /// `verdict(RULE)`
    Verdict(Ident),
    /// `applies(RULE)`
    Applies(Ident),
    /// A function by name: `max(a, b)`, `round(x, to 0.01, half even)`.
    Call(crate::language::functions::Call),
    /// An outcome's cases: the value of the first that holds.
    Cases(Vec<Case>),
    /// `any of: ID: EXPR cites…, …`: labelled grounds, any of which holds.
    Grounds(Vec<GroundExpr>),
}

/// One case of an outcome: `case ID "title" cites… when EXPR gives EXPR message`.
#[derive(Clone, Debug)]
pub struct Case {
    /// Its id.
    pub id: Ident,
    /// Its title.
    pub title: Option<Label>,
    /// Its sources.
    pub cites: Vec<Citation>,
    /// When it holds (none: always).
    pub when: Option<Expr>,
    /// The value it gives.
    pub gives: Expr,
    /// Why, in words.
    pub message: Option<Label>,
    /// Where it is written.
    pub span: Span,
}

/// One labelled ground of `any of:`.
#[derive(Clone, Debug)]
pub struct GroundExpr {
    /// Its id.
    pub id: Ident,
    /// Its title.
    pub title: Option<Label>,
    /// When it holds.
    pub expr: Expr,
    /// Its sources.
    pub cites: Vec<Citation>,
}

/// Prefix operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not`
    Not,
    /// `-`
    Neg,
}

/// Postfix tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostfixOp {
    /// `is set`
    IsSet,
    /// `is not set`
    IsNotSet,
    /// `is empty`
    IsEmpty,
    /// `is not empty`
    IsNotEmpty,
}

/// Infix operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `or`
    Or,
    /// `and`
    And,
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
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `subset of`
    Subset,
    /// `meets`
    Meets,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `union`
    Union,
    /// `intersect`
    Intersect,
    /// `minus`
    Minus,
}

impl BinaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "=",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::NotIn => "not in",
            BinaryOp::Subset => "subset of",
            BinaryOp::Meets => "meets",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Union => "union",
            BinaryOp::Intersect => "intersect",
            BinaryOp::Minus => "minus",
        }
    }
}
