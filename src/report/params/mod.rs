//! Parameters with their provenance (`doctrine params`), as text or JSON.

pub mod json;
pub mod text;

use jiff::civil::Date;

use crate::analysis::provenance::{Origin, ParamOnDay};
use crate::language::ast::Lang;
use crate::language::program::{Citation, ParamBody, ParamInfo, Program};
use crate::language::value::Value;
use crate::source::SourceMap;

/// What a parameters report shows: the parameters of a program on a day.
#[derive(Clone, Debug)]
pub struct ParamsView<'a> {
    /// The program.
    pub program: &'a Program,
    /// Its files, for their names.
    pub sources: &'a SourceMap,
    /// The day.
    pub on: Date,
    /// Each parameter on that day.
    pub params: Vec<ParamOnDay<'a>>,
    /// Whether to list every version and step too.
    pub all: bool,
    /// The language of labels and of the report's words.
    pub lang: Lang,
}

impl<'a> ParamsView<'a> {
    /// How many texts are in force on the day.
    fn texts_applied(&self) -> usize {
        crate::analysis::provenance::texts_in_force(self.program, self.on)
    }

    /// A text's id.
    fn text_id(&self, text: u32) -> &str {
        self.program
            .texts
            .get(text as usize)
            .map_or("", |t| t.id.as_str())
    }

    /// The file a text comes from, as it was given.
    fn text_file(&self, text: u32) -> &str {
        self.program
            .texts
            .get(text as usize)
            .and_then(|t| self.sources.get(t.file))
            .map_or("", |f| f.name.as_str())
    }

    /// The day a text comes into force.
    fn text_in_force(&self, text: u32) -> Option<Date> {
        self.program.texts.get(text as usize).map(|t| t.in_force)
    }

    /// A value as a policy writes it, digits grouped for a reader.
    pub(crate) fn value(&self, value: &Value) -> String {
        super::literal::literal(self.program, value)
    }

    /// A value as a policy writes it, digits not grouped, for tools.
    fn plain_value(&self, value: &Value) -> String {
        super::literal::plain_literal(self.program, value)
    }

    /// Citations as "source title, pinpoint".
    fn cites(&self, cites: &[Citation]) -> Vec<String> {
        crate::eval::citations(self.program, cites)
    }

    /// Citations as text shows them: by the source's short name when it has one.
    fn text_cites(&self, cites: &[Citation]) -> Vec<String> {
        crate::language::short_names::ShortNames::of(&self.program.sources)
            .cites(&self.cites(cites))
    }

    /// A parameter's type as a policy writes it.
    pub(crate) fn type_name(&self, param: &ParamInfo) -> String {
        let names: Vec<String> = self
            .program
            .vocabularies
            .iter()
            .map(|v| v.name.clone())
            .collect();
        param.ty.display(&names).to_string()
    }

    /// How a computed parameter's value in force is computed: its value as written (spaces
    /// and line breaks as one space), and each parameter it reads directly with its value on
    /// the day. `None` for a parameter whose value is written, set or not in force.
    pub(crate) fn derivation(&self, item: &ParamOnDay<'_>) -> Option<Derivation<'a>> {
        if !matches!(item.current.origin, Origin::Base | Origin::Amendment) {
            return None;
        }
        let formula = item.body?.formula.as_ref()?;
        let expr = formula.expr_on(self.on)?;
        let span = expr.span;
        let written = self
            .sources
            .get(span.file)?
            .text
            .get(span.start as usize..span.end as usize)?;
        let inputs = formula
            .reads_on(self.on)
            .into_iter()
            .filter_map(|slot| {
                let input = self.params.get(slot as usize)?;
                Some((input.param.name.as_str(), input.current.value.clone()))
            })
            .collect();
        Some(Derivation {
            expression: written.split_whitespace().collect::<Vec<_>>().join(" "),
            inputs,
        })
    }

    /// A version's label in the report's language.
    pub(crate) fn label<'b>(&self, body: Option<&'b ParamBody>) -> Option<&'b str> {
        body.and_then(|b| b.label.get(self.lang))
    }
}

/// One value of a version: its first day (`None`: the day its text comes into force), the
/// value, its sources (its own, else the parameter's), and whether it is in force.
pub(crate) struct VersionValue<'a> {
    /// The step's first day; `None` for the version's first value.
    pub from: Option<Date>,
    /// The value.
    pub value: &'a Value,
    /// Its sources: its own, else the parameter's.
    pub cites: &'a [Citation],
    /// Whether it is the value in force on the day.
    pub current: bool,
}

/// The values of one version; `applied`: whether that version is the one in force on `day`.
pub(crate) fn version_values(body: &ParamBody, day: Date, applied: bool) -> Vec<VersionValue<'_>> {
    let in_force = body.step_on(day).map(|s| s.from);
    std::iter::once(VersionValue {
        from: None,
        value: &body.initial,
        cites: body.cites_of(None),
        current: applied && in_force.is_none(),
    })
    .chain(body.steps.iter().map(|step| VersionValue {
        from: Some(step.from),
        value: &step.value,
        cites: body.cites_of(Some(step)),
        current: applied && in_force == Some(step.from),
    }))
    .collect()
}

/// How a computed parameter's value is computed.
pub(crate) struct Derivation<'a> {
    /// Its value as written.
    pub expression: String,
    /// The parameters it reads directly, with their values on the day (`None`: none).
    pub inputs: Vec<(&'a str, Option<Value>)>,
}
