//! `/params`: each parameter on the day: its value, the text or amendment that set it, its
//! citations, and its history by date, from the provenance `doctrine params` reports.

use super::Context;
use crate::analysis::provenance::{Origin, ParamOnDay, Provenance};
use crate::report::params::{ParamsView, version_values};

/// One parameter.
#[derive(Debug)]
pub struct ParamRow {
    /// Its name (the row's anchor).
    pub name: String,
    /// Its label.
    pub label: String,
    /// Its type as the policy writes it.
    pub ty: String,
    /// Where its value on the day comes from.
    pub current: Source,
    /// What the texts give, when the server's `--set` overrides it.
    pub overridden: Option<Source>,
    /// How it is computed, for a computed parameter: its expression as written.
    pub computed: Option<String>,
    /// Every value any text gives it, in the order the texts apply.
    pub history: Vec<Step>,
}

/// A value and where it comes from.
#[derive(Debug)]
pub struct Source {
    /// The value as the policy writes it (empty: none on the day).
    pub value: String,
    /// `base`, `amendment`, `set`…
    pub origin: &'static str,
    /// The text that set it.
    pub text: String,
    /// The first day of the step in force, if a dated step is.
    pub step: String,
    /// Its citations.
    pub cites: Vec<String>,
}

/// One value in a parameter's history.
#[derive(Debug)]
pub struct Step {
    /// The text that gives it.
    pub text: String,
    /// The day it takes effect: its step's first day, else its text's day in force.
    pub from: String,
    /// The value (empty when the text repeals the parameter).
    pub value: String,
    /// Its citations.
    pub cites: Vec<String>,
    /// Whether it is the value in force on the day.
    pub current: bool,
}

/// The rows of the parameters of `view` (the parameters on the context's day).
pub fn params(cx: &Context<'_>, view: &ParamsView<'_>) -> Vec<ParamRow> {
    view.params.iter().map(|item| row(cx, view, item)).collect()
}

fn row(cx: &Context<'_>, view: &ParamsView<'_>, item: &ParamOnDay<'_>) -> ParamRow {
    let program = cx.program;
    let applied = cx.texts();
    let in_force = item.param.versions.text_at(applied);
    let text_id = |text: u32| {
        program
            .texts
            .get(text as usize)
            .map(|t| t.id.clone())
            .unwrap_or_default()
    };
    let mut history = Vec::new();
    for (text, body) in &item.param.versions.versions {
        let day = program
            .texts
            .get(*text as usize)
            .map(|t| t.in_force.to_string())
            .unwrap_or_default();
        match body {
            Some(body) => {
                for value in version_values(body, cx.on, in_force == Some(*text)) {
                    history.push(Step {
                        text: text_id(*text),
                        from: value.from.map_or_else(|| day.clone(), |d| d.to_string()),
                        value: view.value(value.value),
                        cites: cx.cites(value.cites),
                        current: value.current,
                    });
                }
            }
            None => history.push(Step {
                text: text_id(*text),
                from: day,
                value: String::new(),
                cites: Vec::new(),
                current: false,
            }),
        }
    }
    let source = |p: &Provenance| Source {
        value: p.value.as_ref().map(|v| view.value(v)).unwrap_or_default(),
        origin: p.origin.name(),
        text: p.text.map(text_id).unwrap_or_default(),
        step: p.step.map(|d| d.to_string()).unwrap_or_default(),
        cites: cx.cites(&p.cites),
    };
    let computed = matches!(item.current.origin, Origin::Base | Origin::Amendment)
        .then(|| view.derivation(item).map(|d| d.expression))
        .flatten();
    ParamRow {
        name: item.param.name.clone(),
        label: view.label(item.body).unwrap_or_default().to_string(),
        ty: view.type_name(item.param),
        current: source(&item.current),
        overridden: item.overridden.as_ref().map(source),
        computed,
        history,
    }
}
