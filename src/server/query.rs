//! Query parameters: read from the raw query string (so that `set=` may repeat), each
//! checked by name; a parameter an endpoint does not know is refused, not ignored.

use axum::extract::{FromRequestParts, RawQuery};
use axum::http::request::Parts;
use jiff::civil::Date;

use super::problem::Problem;
use crate::language::ast::Lang;

/// A request's query parameters, in order.
#[derive(Debug, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Query, Problem> {
        let RawQuery(raw) = RawQuery::from_request_parts(parts, state)
            .await
            .unwrap_or(RawQuery(None));
        Ok(Query::parse(raw.as_deref().unwrap_or("")))
    }
}

/// A query parameter an endpoint takes: what the endpoint checks requests against, and
/// what its OpenAPI description lists.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// Its name.
    pub name: &'static str,
    /// What it means, for the OpenAPI description.
    pub doc: &'static str,
    /// The JSON Schema type of one value: `string`, `integer`, `boolean`.
    pub kind: &'static str,
    /// Its format (`date`), if any.
    pub format: Option<&'static str>,
    /// Whether it may be given more than once.
    pub repeats: bool,
    /// The values it takes, as the OpenAPI description tells them.
    pub values: Values,
}

/// The values a query parameter takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Values {
    /// Any value of its type.
    Any,
    /// Text matching a regular expression.
    Pattern(&'static str),
    /// A whole number from the first to the second, both included.
    Range(u64, u64),
    /// A rule id of the policy loaded.
    Rules,
    /// An outcome name of the policy loaded.
    Outcomes,
    /// `NAME=VALUE`, NAME a parameter of the policy loaded.
    Overrides,
}

impl Param {
    /// A parameter given at most once, taking any value of its type.
    pub const fn one(name: &'static str, kind: &'static str, doc: &'static str) -> Param {
        Param {
            name,
            doc,
            kind,
            format: None,
            repeats: false,
            values: Values::Any,
        }
    }

    /// The same parameter, taking only `values`.
    pub const fn taking(self, values: Values) -> Param {
        Param { values, ..self }
    }
}

/// `on=YYYY-MM-DD`.
pub const ON: Param = Param {
    name: "on",
    doc: "The evaluation date (YYYY-MM-DD); default: the facts' `evaluated_on`, else today",
    kind: "string",
    format: Some("date"),
    repeats: false,
    values: Values::Any,
};

/// `lang=TAG`.
pub const LANG: Param = Param::one(
    "lang",
    "string",
    "The language of messages (a BCP 47 tag such as `fr` or `en`); default: the server's",
)
// A language, a script and a region at most: the tags of the languages policies are written in.
.taking(Values::Pattern(
    "^[A-Za-z]{2,3}([-_][A-Za-z]{4})?([-_]([A-Za-z]{2}|[0-9]{3}))?$",
));

/// `set=NAME=VALUE`, repeatable.
pub const SET: Param = Param {
    name: "set",
    doc: "A parameter override for this request only, `NAME=VALUE` as `--set` takes it; repeatable",
    kind: "string",
    format: None,
    repeats: true,
    values: Values::Overrides,
};

/// The parameters every endpoint that decides one case takes.
pub const CASE_PARAMS: &[Param] = &[ON, LANG, SET];

impl Query {
    /// Reads a query string (`a=1&b=2`, percent-encoded).
    pub fn parse(raw: &str) -> Query {
        Query {
            pairs: form_urlencoded::parse(raw.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        }
    }

    /// Refuses a parameter that is not in `known`, and one given twice that does not repeat.
    pub fn only(&self, known: &[Param]) -> Result<(), Problem> {
        for (key, _) in &self.pairs {
            let Some(param) = known.iter().find(|p| p.name == key) else {
                let all: Vec<String> = known.iter().map(|p| format!("`{}`", p.name)).collect();
                return Err(Problem::bad_request(format!(
                    "unknown query parameter `{key}`: this endpoint takes {}",
                    if all.is_empty() {
                        "none".to_string()
                    } else {
                        all.join(", ")
                    }
                ))
                .with("parameter", serde_json::json!(key)));
            };
            if !param.repeats {
                self.one(key)?;
            }
        }
        Ok(())
    }

    /// Every value of a parameter, in order.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The value of a parameter given at most once.
    pub fn one(&self, key: &str) -> Result<Option<&str>, Problem> {
        let mut values = self.pairs.iter().filter(|(k, _)| k == key);
        let first = values.next().map(|(_, v)| v.as_str());
        if values.next().is_some() {
            return Err(Problem::bad_request(format!(
                "the query parameter `{key}` is given more than once"
            ))
            .with("parameter", serde_json::json!(key)));
        }
        Ok(first)
    }

    /// A date parameter (`YYYY-MM-DD`).
    pub fn date(&self, key: &str) -> Result<Option<Date>, Problem> {
        self.one(key)?
            .map(|text| {
                text.parse::<Date>().map_err(|_| {
                    Problem::bad_request(format!(
                        "`{key}={text}`: not a date: expected YYYY-MM-DD, a day that exists"
                    ))
                    .with("parameter", serde_json::json!(key))
                })
            })
            .transpose()
    }

    /// A flag: absent, or `true`/`false` (a bare `key` is true).
    pub fn flag(&self, key: &str) -> Result<bool, Problem> {
        match self.one(key)? {
            None => Ok(false),
            Some("" | "true") => Ok(true),
            Some("false") => Ok(false),
            Some(other) => Err(Problem::bad_request(format!(
                "`{key}={other}`: expected `true` or `false`"
            ))
            .with("parameter", serde_json::json!(key))),
        }
    }

    /// The whole number `param` takes (in its [`Values::Range`]), or `default`.
    pub fn count(&self, param: &Param, default: u64) -> Result<u64, Problem> {
        let (min, max) = match param.values {
            Values::Range(min, max) => (min, max),
            _ => (0, u64::MAX),
        };
        self.number(param.name, min, max, default)
    }

    /// A whole number in `min..=max`, or `default`.
    pub fn number(&self, key: &str, min: u64, max: u64, default: u64) -> Result<u64, Problem> {
        let Some(text) = self.one(key)? else {
            return Ok(default);
        };
        match text.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(Problem::bad_request(format!(
                "`{key}={text}`: expected a whole number from {min} to {max}"
            ))
            .with("parameter", serde_json::json!(key))),
        }
    }

    /// The language asked for (`lang=`), else `default`.
    pub fn lang(&self, default: Lang) -> Result<Lang, Problem> {
        match self.one("lang")? {
            None => Ok(default),
            Some(tag) => Lang::parse(tag).map_err(|e| {
                Problem::bad_request(format!("`lang={tag}`: {e}"))
                    .with("parameter", serde_json::json!("lang"))
            }),
        }
    }
}
