//! Where each parameter's value comes from on a day: the text whose version is in force
//! (or `--set`), the dated step in force, and the sources of that value.

use jiff::civil::Date;

use crate::eval::overrides::Override;
use crate::language::program::{Citation, ParamBody, ParamInfo, Program};
use crate::language::value::Value;

/// Where a parameter's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The base text's version.
    Base,
    /// An amendment's version.
    Amendment,
    /// `--set` on the command line.
    Set,
    /// An amendment in force repealed it: it has no value.
    Repealed,
    /// No text in force declares it (yet).
    NotInForce,
}

impl Origin {
    /// The origin's name in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Base => "base",
            Origin::Amendment => "amendment",
            Origin::Set => "set",
            Origin::Repealed => "repealed",
            Origin::NotInForce => "not_in_force",
        }
    }

    /// The origin of a text's version, by the text's index.
    pub fn of_text(text: u32) -> Origin {
        if text == 0 {
            Origin::Base
        } else {
            Origin::Amendment
        }
    }
}

/// A parameter's value on a day and where it comes from.
#[derive(Clone, Debug)]
pub struct Provenance {
    /// Where it comes from.
    pub origin: Origin,
    /// The value; `None` when repealed or not in force.
    pub value: Option<Value>,
    /// The text (index in [`Program::texts`]) whose version is in force, or that repealed it.
    pub text: Option<u32>,
    /// The first day of the step in force; `None` while a version's first value is.
    pub step: Option<Date>,
    /// The sources of the value: its own, else the parameter's.
    pub cites: Vec<Citation>,
}

/// One parameter on a day.
#[derive(Clone, Debug)]
pub struct ParamOnDay<'p> {
    /// The parameter.
    pub param: &'p ParamInfo,
    /// Where its value comes from.
    pub current: Provenance,
    /// What the texts give, when `--set` overrides it.
    pub overridden: Option<Provenance>,
    /// The version that gives its label and sources: the one in force, else the last one
    /// in force before a repeal, else its first.
    pub body: Option<&'p ParamBody>,
}

pub use crate::eval::texts_in_force;

/// Every parameter of a program on a day, in declaration order, with `--set` overrides.
pub fn params_on<'p>(
    program: &'p Program,
    day: Date,
    overrides: &[Override],
) -> Vec<ParamOnDay<'p>> {
    let texts = texts_in_force(program, day);
    program
        .params
        .iter()
        .enumerate()
        .map(|(slot, param)| {
            let from_texts = from_texts(param, texts, day);
            let set = overrides
                .iter()
                .find(|(s, _, _)| *s as usize == slot)
                .map(|(_, value, _)| value.clone());
            let body = param.versions.at(texts).or_else(|| {
                // Repealed: the last version in force before; not yet in force: the first.
                let before = param
                    .versions
                    .versions
                    .iter()
                    .filter(|(text, _)| (*text as usize) < texts)
                    .rev()
                    .find_map(|(_, body)| body.as_ref());
                before.or_else(|| param.versions.versions.iter().find_map(|(_, b)| b.as_ref()))
            });
            match set {
                Some(value) => ParamOnDay {
                    param,
                    current: Provenance {
                        origin: Origin::Set,
                        value: Some(value),
                        text: None,
                        step: None,
                        cites: Vec::new(),
                    },
                    overridden: Some(from_texts),
                    body,
                },
                None => ParamOnDay {
                    param,
                    current: recomputed(program, slot, day, overrides, from_texts),
                    overridden: None,
                    body,
                },
            }
        })
        .collect()
}

/// What the texts in force give a parameter on a day.
fn from_texts(param: &ParamInfo, texts: usize, day: Date) -> Provenance {
    let text = param.versions.text_at(texts);
    match (text, param.versions.at(texts)) {
        (Some(text), Some(body)) => Provenance {
            origin: Origin::of_text(text),
            value: Some(body.value_on(day).clone()),
            text: Some(text),
            step: body.step_on(day).map(|step| step.from),
            cites: body.cites_on(day).to_vec(),
        },
        (Some(text), None) => Provenance {
            origin: Origin::Repealed,
            value: None,
            text: Some(text),
            step: None,
            cites: Vec::new(),
        },
        (None, _) => Provenance {
            origin: Origin::NotInForce,
            value: None,
            text: None,
            step: None,
            cites: Vec::new(),
        },
    }
}

/// What the texts give a computed parameter when `--set` changes one of its inputs: its
/// value computed again (an error in computing it leaves the texts' value).
fn recomputed(
    program: &Program,
    slot: usize,
    day: Date,
    overrides: &[Override],
    mut from_texts: Provenance,
) -> Provenance {
    if overrides.is_empty() || from_texts.value.is_none() {
        return from_texts;
    }
    let slot = u32::try_from(slot).unwrap_or(u32::MAX);
    if let Ok(Some(value)) = crate::eval::overrides::param_value(program, slot, day, overrides) {
        from_texts.value = Some(value);
    }
    from_texts
}
