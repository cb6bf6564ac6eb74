//! Values and messages as text, with vocabulary labels in the reader's language.

use super::EvalError;
use super::expr::Context;
use crate::ast::Lang;
use crate::program::{Localized, Message, MessageSegment, Vocabulary};
use crate::value::{Value, format_decimal};

/// A value as a person reads it: labels in `lang` when given, names otherwise.
pub fn value_text(
    program: &(impl AsRef<[Vocabulary]> + ?Sized),
    value: &Value,
    lang: Option<Lang>,
) -> String {
    match value {
        Value::Bool(b) => match lang {
            Some(Lang::Fr) => String::from(if *b { "oui" } else { "non" }),
            _ => b.to_string(),
        },
        Value::Integer(i) => group_digits(&i.to_string(), lang),
        Value::Decimal(d) => group_digits(&format_decimal(*d), lang),
        Value::Text(t) => t.to_string(),
        Value::Date(d) => d.to_string(),
        Value::Duration(k) => k.words(lang == Some(Lang::Fr)),
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
        Value::Unknown(_) => String::from(match lang {
            Some(Lang::Fr) => "(inconnu)",
            _ => "(unknown)",
        }),
        Value::NotSet => String::from(match lang {
            Some(Lang::Fr) => "(non renseigné)",
            _ => "(not set)",
        }),
    }
}

impl Context<'_> {
    /// Renders a message in both languages; its reads are not counted as the rule's.
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
        for lang in [Lang::Fr, Lang::En] {
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
            match lang {
                Lang::Fr => out.fr = Some(text),
                Lang::En => out.en = Some(text),
            }
        }
        self.reads.truncate(mark);
        Ok(out)
    }
}

/// Groups the digits of a number for a reader: `12 000 000,5` in French, `12,000,000.5` in
/// English; unchanged when no language is given (values as a policy writes them).
fn group_digits(number: &str, lang: Option<Lang>) -> String {
    let Some(lang) = lang else {
        return number.to_string();
    };
    let (sign, unsigned) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let (separator, point) = match lang {
        Lang::Fr => ('\u{202f}', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 && whole.len() > 4 {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}{point}{f}"),
        None => format!("{sign}{grouped}"),
    }
}
