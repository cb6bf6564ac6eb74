//! A fact file's values and the typed values of facts, both ways: a number or a text as
//! written, read as a value of its fact's type (for both readers, [`super::bind`] and
//! [`super::read_json`], so they accept the same values), and a value written back as a fact
//! file holds it.

use std::str::FromStr;

use jiff::civil::Date;
use serde_json::{Number, Value as Json};

use crate::language::program::Program;
use crate::language::types::Type;
use crate::language::value::{Value, format_decimal};
use crate::source::FileId;

/// Why a value as written does not fit its type. The spanned reader words each case; the
/// fast reader only refuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Misfit {
    /// Not a value of the type at all.
    Kind,
    /// A number of the type's kind, too large (or too precise) for it.
    OutOfRange,
    /// A text shaped as a date, of a day that does not exist.
    NoSuchDay,
    /// A text that is not one of the vocabulary's names.
    UnknownName,
    /// A decimal with more digits after the point than a decimal holds (28): never rounded.
    TooPrecise,
    /// A number of the format that no fact holds: an infinity or NaN (`inf`, `.nan`).
    NotANumber,
}

/// A number as written (`-12`, `0.5`, `1e3`), as a value of `ty` (a whole number or a
/// decimal), read exactly by the grammar every format shares ([`super::number`]): `0.1` is
/// one tenth, and a whole-number fact refuses `2.0` and `1e3` in every format.
pub(crate) fn number(ty: &Type, text: &str) -> Result<Value, Misfit> {
    // Digit groups (`10_000_000`, from a plain YAML scalar) are read as the policy reads them.
    let grouped = super::number::without_digit_groups(text);
    let text = grouped.as_deref().unwrap_or(text);
    match ty {
        Type::Integer => super::number::integer(text).map(Value::Integer),
        Type::Decimal => super::number::decimal(text).map(Value::Decimal),
        _ => Err(Misfit::Kind),
    }
}

/// A text as written, as a value of `ty` (a text, a date `YYYY-MM-DD`, a duration
/// `12 months`, or a name of a vocabulary, which `member` finds by vocabulary and name).
pub(crate) fn text(
    ty: &Type,
    text: &str,
    member: impl FnOnce(u32, &str) -> Option<u32>,
) -> Result<Value, Misfit> {
    match ty {
        Type::Text => Ok(Value::Text(text.into())),
        Type::Date => {
            let looks_like_date = text.len() == 10 && text.as_bytes().get(4) == Some(&b'-');
            match Date::from_str(text) {
                Ok(date) if looks_like_date => Ok(Value::Date(date)),
                _ if looks_like_date => Err(Misfit::NoSuchDay),
                _ => Err(Misfit::Kind),
            }
        }
        Type::Duration => match crate::language::syntax::parse_value(text, FileId::default())
            .ok()
            .map(|e| e.kind)
        {
            Some(crate::language::ast::ExprKind::Duration(d)) => Ok(Value::Duration(d)),
            _ => Err(Misfit::Kind),
        },
        Type::Enum(vocabulary) => match member(*vocabulary, text) {
            Some(member) => Ok(Value::Enum {
                vocabulary: *vocabulary,
                member,
            }),
            None => Err(Misfit::UnknownName),
        },
        _ => Err(Misfit::Kind),
    }
}

/// A value as a fact file writes it.
pub fn value_json(program: &Program, value: &Value) -> Json {
    match value {
        Value::Bool(b) => Json::Bool(*b),
        Value::Integer(i) => Json::from(*i),
        Value::Decimal(d) => {
            let text = format_decimal(*d);
            text.parse::<Number>()
                .map_or(Json::String(text), Json::Number)
        }
        Value::Text(t) => Json::from(t.as_ref()),
        Value::Date(d) => Json::from(d.to_string()),
        Value::Duration(d) => Json::from(d.to_string()),
        Value::Enum { vocabulary, member } => program
            .vocabularies
            .get(*vocabulary as usize)
            .and_then(|v| v.members.get(*member as usize))
            .map_or(Json::Null, |m| Json::from(m.name.as_str())),
        Value::Set(items) => Json::Array(items.iter().map(|v| value_json(program, v)).collect()),
        Value::Unknown(_) | Value::NotSet => Json::Null,
    }
}
