//! Checking: resolves every name, types every expression and lines up each item's
//! versions across the base text and its amendments. All errors are collected.

mod compute;
mod conflicts;
mod declare;
mod expr;
mod functions;
mod items;
mod labels;
mod operators;
mod order;
mod outcomes;
mod params;
mod ranges;
mod register;
mod totals;
mod versions;

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::language::ast;
use crate::language::program::{
    CExpr, FactInfo, Program, SourceInfo, TextInfo, VerdictScale, Vocabulary,
};
use crate::language::types::Type;
use crate::language::value::Value;
use crate::source::Span;

/// Computes a checked constant expression (a parameter's value, a default, a `--set`
/// value), or says why it cannot. Computing is the evaluator's job (`eval::constant`): the
/// caller hands it to the checker, so that the language does not depend on evaluation.
/// The second argument is the values of the parameters it reads, by slot (empty for a
/// constant that reads none).
pub type Constants = fn(&CExpr, &[Value]) -> Result<Value, String>;

/// Checks a base policy and its amendments (in any order) into a [`Program`], computing
/// constants with `constants`.
pub fn check(files: &[ast::File], constants: Constants) -> Result<Program, Diagnostics> {
    let mut checker = Checker::new(files, constants);
    let program = checker.run();
    if checker.diagnostics.has_errors() {
        Err(checker.diagnostics)
    } else {
        program.ok_or(checker.diagnostics)
    }
}

/// Checks a constant (a `--set` value) against a program's vocabularies and computes it.
pub fn constant_for(
    program: &Program,
    expr: &ast::Expr,
    ty: &Type,
    constants: Constants,
) -> Result<Value, Diagnostics> {
    let mut checker = Checker::new(&[], constants);
    checker.vocabularies = program.vocabularies.clone();
    checker.vocabulary_index = program
        .vocabularies
        .iter()
        .enumerate()
        .map(|(i, v)| (v.name.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    match checker.constant(expr, ty) {
        Some(value) if !checker.diagnostics.has_errors() => Ok(value),
        _ => Err(checker.diagnostics),
    }
}

/// An item that names can point at, for the checks across versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ItemRef {
    Param(u32),
    Def(u32),
    Rule(u32),
    Exception(u32),
    Remark(u32),
    Scope,
}

/// A reference from one version of an item to another item.
#[derive(Clone, Debug)]
pub(crate) struct Reference {
    pub from: ItemRef,
    pub from_text: u32,
    pub to: ItemRef,
    pub span: Span,
}

/// An item's versions as written: `(text index, declaration or None for a repeal)`.
pub(crate) struct Pending<'a, T> {
    pub name: String,
    pub span: Span,
    pub versions: Vec<(u32, Option<&'a T>)>,
}

/// The state of a definition's type inference.
#[derive(Clone, Debug)]
pub(crate) enum DefState {
    Unchecked,
    InProgress,
    Done(Option<Type>),
}

/// The checker's working state.
pub(crate) struct Checker<'a> {
    pub files: &'a [ast::File],
    /// How constants are computed.
    pub constants: Constants,
    /// File indices in application order (base first).
    pub order: Vec<usize>,
    pub diagnostics: Diagnostics,
    pub policy_id: String,
    pub policy_title: Option<&'a ast::Label>,
    pub texts: Vec<TextInfo>,
    pub sources: Vec<SourceInfo>,
    pub source_index: HashMap<String, u32>,
    pub scale: Option<VerdictScale>,
    pub vocabularies: Vec<Vocabulary>,
    pub vocabulary_index: HashMap<String, u32>,
    pub facts: Vec<FactInfo>,
    pub fact_index: HashMap<String, u32>,
    /// Every proper prefix (`a`, `a.b` for `a.b.c`) of a declared fact's path, to the first
    /// fact under it: finds overlapping paths without comparing every pair.
    pub fact_groups: HashMap<String, u32>,
    pub fact_decls: Vec<&'a ast::FactDecl>,
    pub params: Vec<Pending<'a, ast::ParamDecl>>,
    pub param_types: Vec<Option<Type>>,
    pub defs: Vec<Pending<'a, ast::DefDecl>>,
    pub def_states: Vec<DefState>,
    pub rules: Vec<Pending<'a, ast::RuleDecl>>,
    pub exceptions: Vec<Pending<'a, ast::ExceptionDecl>>,
    pub remarks: Vec<Pending<'a, ast::RemarkDecl>>,
    pub scopes: Vec<(u32, &'a ast::Expr)>,
    /// Item ids by kind, for look-ups and "did you mean".
    pub index: HashMap<(ast::ItemKind, String), u32>,
    pub references: Vec<Reference>,
    /// The item version being checked, to record its references.
    pub current: Option<(ItemRef, u32)>,
    pub local_slots: u32,
    /// Checked def bodies by slot and version.
    pub def_bodies: Vec<Vec<Option<CExpr>>>,
    /// Items left out, by span: the second of two conflicting amendments' (already reported).
    pub skipped: HashSet<Span>,
    /// `total over …` declarations, checked.
    pub totals: Vec<crate::language::program::Total>,
    /// The facts the `and` or `or` checked last narrows (its span, whether when false): the
    /// operator whose left operand it is reads them here instead of walking it again, so
    /// that a chain of n operators is checked in linear work, not quadratic.
    pub narrowed_last: Option<(Span, bool, Vec<u32>)>,
    /// The labelled grounds of `any of:`, by slot.
    pub grounds: Vec<crate::language::program::GroundInfo>,
    /// `decision …` declarations, with their text.
    pub decisions: Vec<(u32, &'a ast::DecisionDecl)>,
    /// How many definitions are being checked, each inside the one that reads it.
    pub def_depth: usize,
    /// Where each ground id is first declared, by file: ids are unique within a text.
    pub ground_ids: HashMap<(crate::source::FileId, String), Span>,
}

impl<'a> Checker<'a> {
    fn new(files: &'a [ast::File], constants: Constants) -> Checker<'a> {
        Checker {
            files,
            constants,
            order: Vec::new(),
            diagnostics: Diagnostics::new(),
            policy_id: String::new(),
            policy_title: None,
            texts: Vec::new(),
            sources: Vec::new(),
            source_index: HashMap::new(),
            scale: None,
            vocabularies: Vec::new(),
            vocabulary_index: HashMap::new(),
            facts: Vec::new(),
            fact_index: HashMap::new(),
            fact_groups: HashMap::new(),
            fact_decls: Vec::new(),
            params: Vec::new(),
            param_types: Vec::new(),
            defs: Vec::new(),
            def_states: Vec::new(),
            rules: Vec::new(),
            exceptions: Vec::new(),
            remarks: Vec::new(),
            scopes: Vec::new(),
            index: HashMap::new(),
            references: Vec::new(),
            current: None,
            local_slots: 0,
            def_bodies: Vec::new(),
            skipped: HashSet::new(),
            totals: Vec::new(),
            narrowed_last: None,
            grounds: Vec::new(),
            decisions: Vec::new(),
            def_depth: 0,
            ground_ids: HashMap::new(),
        }
    }

    pub(crate) fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn run(&mut self) -> Option<Program> {
        self.order_texts()?;
        self.check_conflicts();
        self.declare_globals();
        self.register_items();
        let params = self.check_params();
        let defs = self.check_defs();
        let scope = self.check_scope();
        let rules = self.check_rules();
        let exceptions = self.check_exceptions();
        let remarks = self.check_remarks();
        let decision = self.check_decision(&defs);
        let scale = self.scale.clone()?;
        let mut program = Program {
            id: self.policy_id.clone(),
            title: self
                .policy_title
                .map(|label| self.localized(label))
                .unwrap_or_default(),
            texts: self.texts.clone(),
            sources: self.sources.clone(),
            scale,
            vocabularies: self.vocabularies.clone(),
            facts: self.facts.clone(),
            params,
            defs,
            rules,
            exceptions,
            remarks,
            scope,
            snapshots: Vec::new(),
            local_slots: self.local_slots,
            totals: self.totals.clone(),
            languages: Vec::new(),
            grounds: self.grounds.clone(),
            decision,
        };
        program.languages = labels::languages_written(&program);
        self.check_versions(&mut program);
        Some(program)
    }
}
