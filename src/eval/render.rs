//! Values and messages as text, with vocabulary labels in the reader's language.

use super::EvalError;
use super::expr::Context;
use crate::i18n::{self, Words};
use crate::language::ast::Lang;
use crate::language::program::{Localized, Message, MessageSegment, Vocabulary};
use crate::language::value::{CalendarDuration, Value, format_decimal};

/// A value as a person reads it: labels in `lang` when given, names otherwise.
pub fn value_text(
    program: &(impl AsRef<[Vocabulary]> + ?Sized),
    value: &Value,
    lang: Option<Lang>,
) -> String {
    let words = lang.map(i18n::words);
    match value {
        Value::Bool(b) => match words {
            Some(w) => String::from(w.get(if *b { "value-true" } else { "value-false" })),
            None => b.to_string(),
        },
        Value::Integer(i) => group_digits(&i.to_string(), words),
        Value::Decimal(d) => group_digits(&format_decimal(*d), words),
        Value::Text(t) => t.to_string(),
        Value::Date(d) => d.to_string(),
        Value::Duration(k) => match words {
            Some(w) => duration_words(*k, w),
            None => k.to_string(),
        },
        Value::Enum { vocabulary, member } => {
            let member = program
                .as_ref()
                .get(*vocabulary as usize)
                .and_then(|v| v.members.get(*member as usize));
            match (member, lang) {
                (Some(m), Some(lang)) => m.label.get(lang).unwrap_or(&m.name).to_string(),
                (Some(m), None) => m.name.clone(),
                (None, _) => String::from("?"),
            }
        }
        Value::Set(items) => {
            let parts: Vec<String> = items.iter().map(|v| value_text(program, v, lang)).collect();
            match lang {
                Some(_) => parts.join(", "),
                None => format!("[{}]", parts.join(", ")),
            }
        }
        Value::Unknown(_) => {
            String::from(i18n::words(lang.unwrap_or(Lang::EN)).get("value-unknown"))
        }
        Value::NotSet => String::from(i18n::words(lang.unwrap_or(Lang::EN)).get("value-not-set")),
    }
}

/// Members of a set shown in full up to this many; past it, the first [`BRIEF_SET_SHOWN`]
/// and a count of the rest. A set parameter of 26 members read by every rule would otherwise
/// fill the screen at each use.
const BRIEF_SET_MAX: usize = 10;
/// Members shown of an abbreviated set.
const BRIEF_SET_SHOWN: usize = 5;
/// Characters of a text shown in full up to this many; past it, the first [`BRIEF_TEXT_SHOWN`]
/// and an ellipsis.
const BRIEF_TEXT_MAX: usize = 120;
/// Characters shown of an abbreviated text.
const BRIEF_TEXT_SHOWN: usize = 100;

/// A value as a person reads it in a text format, abbreviated when large: a set of more than
/// ten members shows its first five and "and 21 more", a text of more than 120 characters
/// its first hundred and "…". `lang` is as for [`value_text`] (labels, or names when `None`);
/// `reader` is the language of "and 21 more". The one place text output abbreviates: machine
/// formats (JSON, SARIF) use [`value_text`] and stay complete.
pub fn value_brief(
    program: &(impl AsRef<[Vocabulary]> + ?Sized),
    value: &Value,
    lang: Option<Lang>,
    reader: Lang,
) -> String {
    match value {
        Value::Set(items) => {
            let long = items.len() > BRIEF_SET_MAX;
            let shown = if long { BRIEF_SET_SHOWN } else { items.len() };
            let first = items
                .iter()
                .take(shown)
                .map(|v| value_brief(program, v, lang, reader))
                .collect::<Vec<_>>()
                .join(", ");
            let list = if long {
                let rest = items.len().saturating_sub(shown);
                i18n::words(reader).format(
                    "value-and-more",
                    &[("first", first.into()), ("n", rest.into())],
                )
            } else {
                first
            };
            match lang {
                Some(_) => list,
                None => format!("[{list}]"),
            }
        }
        Value::Text(t) if t.chars().count() > BRIEF_TEXT_MAX => {
            let kept: String = t.chars().take(BRIEF_TEXT_SHOWN).collect();
            format!("{}…", kept.trim_end())
        }
        _ => value_text(program, value, lang),
    }
}

/// A duration in the reader's words: `12 months`, `3 years`, `30 days`. Whole years are
/// written in years from two years on, so that `12 months` stays as the texts say it.
fn duration_words(k: CalendarDuration, words: Words) -> String {
    let unit = |id: &str, n: i64| words.format(id, &[("n", n.into())]);
    match (k.months, k.days) {
        (0, 0) => unit("value-days", 0),
        (m, 0) if m % 12 == 0 && m.abs() >= 24 => unit("value-years", m / 12),
        (m, 0) => unit("value-months", m),
        (0, d) => unit("value-days", d),
        (m, d) => format!("{} {}", unit("value-months", m), unit("value-days", d)),
    }
}

impl Context<'_> {
    /// Renders a message in every language of the program's output (see
    /// [`Program::output_langs`]); its reads are not counted as the rule's.
    /// Messages do not decide, so they are not watched; a definition first computed for a
    /// message is forgotten after it, so that a later use that decides is watched.
    pub fn render(&mut self, message: &Message) -> Result<Localized, EvalError> {
        let Some(watch) = self.watch.take() else {
            return self.render_message(message);
        };
        let cached: Vec<bool> = self.def_cache.iter().map(Option::is_some).collect();
        let rendered = self.render_message(message);
        for (entry, was) in self.def_cache.iter_mut().zip(cached) {
            if !was {
                *entry = None;
            }
        }
        self.watch = Some(watch);
        rendered
    }

    fn render_message(&mut self, message: &Message) -> Result<Localized, EvalError> {
        let mark = self.reads.len();
        let mut out = Localized::default();
        for lang in self.program.output_langs() {
            // A message written in other languages only is read in one of those (see
            // `Localized::get`): rendering it again for this language would be wasted.
            if !message.has_neutral() && !message.langs().any(|l| l.same_primary(lang)) {
                continue;
            }
            let Some(segments) = message.get(lang) else {
                continue;
            };
            let mut text = String::new();
            for segment in segments {
                match segment {
                    MessageSegment::Text(t) => text.push_str(t),
                    MessageSegment::Expr(e) => {
                        let value = self.eval(e)?;
                        text.push_str(&value_text(self.program, &value, Some(lang)));
                    }
                }
            }
            out.set(Some(lang), text);
        }
        self.reads.truncate(mark);
        Ok(out)
    }
}

/// Groups the digits of a number for a reader: `12 000 000,5` in French, `12,000,000.5` in
/// English; unchanged when no language is given (values as a policy writes them).
fn group_digits(number: &str, words: Option<Words>) -> String {
    let Some(words) = words else {
        return number.to_string();
    };
    crate::language::value::group_digits(
        number,
        words.get("value-group-separator"),
        words.get("value-decimal-point"),
    )
}
