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

/// The parameters every endpoint that evaluates takes.
pub const CASE_PARAMS: &[&str] = &["on", "lang", "set"];

impl Query {
    /// Reads a query string (`a=1&b=2`, percent-encoded).
    pub fn parse(raw: &str) -> Query {
        Query {
            pairs: form_urlencoded::parse(raw.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        }
    }

    /// Refuses a parameter that is neither in `known` nor in `more`.
    pub fn only(&self, known: &[&str], more: &[&str]) -> Result<(), Problem> {
        for (key, _) in &self.pairs {
            if !known.contains(&key.as_str()) && !more.contains(&key.as_str()) {
                let all: Vec<String> = known.iter().chain(more).map(|k| format!("`{k}`")).collect();
                return Err(Problem::bad_request(format!(
                    "unknown query parameter `{key}`: this endpoint takes {}",
                    if all.is_empty() {
                        "none".to_string()
                    } else {
                        all.join(", ")
                    }
                ))
                .with("parameter", serde_json::json!(key)));
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
