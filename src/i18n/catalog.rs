//! One language's interface words: its Fluent resource, parsed once, and its plain messages
//! formatted once.

use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::Lang;

/// The interface's words in one language.
pub struct Catalog {
    /// The language of the resource.
    pub lang: Lang,
    bundle: FluentBundle<FluentResource>,
    /// Messages without variables, formatted once: most words are looked up in a loop.
    plain: HashMap<String, String>,
    /// The resource's syntax errors (its other messages still serve; a test keeps this
    /// empty for every resource shipped).
    pub errors: Vec<String>,
}

impl Catalog {
    /// Parses a resource, keeping the messages that parse.
    pub fn new(lang: Lang, source: &'static str) -> Result<Catalog, String> {
        let (resource, mut errors) = match FluentResource::try_new(source.to_string()) {
            Ok(resource) => (resource, Vec::new()),
            Err((resource, errors)) => (resource, vec![format!("{lang}.ftl: {errors:?}")]),
        };
        let ids: Vec<String> = resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        let locale = lang
            .code()
            .parse()
            .map_err(|_| format!("{lang}: not a locale"))?;
        let mut bundle = FluentBundle::new_concurrent(vec![locale]);
        // Unicode isolation marks around placeables would change every output byte.
        bundle.set_use_isolating(false);
        if let Err(more) = bundle.add_resource(resource) {
            errors.push(format!("{lang}.ftl: {more:?}"));
        }
        let mut catalog = Catalog {
            lang,
            bundle,
            plain: HashMap::new(),
            errors,
        };
        for id in ids {
            if let Some(text) = catalog.format(&id, None) {
                catalog.plain.insert(id, text);
            }
        }
        Ok(catalog)
    }

    /// A message without variables, formatted once.
    pub fn plain(&self, id: &str) -> Option<&str> {
        self.plain.get(id).map(String::as_str)
    }

    /// A message formatted with `args`; none when it is missing or does not format cleanly.
    pub fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }

    /// Whether the resource has this message.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

/// Arguments of a message, from pairs.
pub fn args<'a>(pairs: &[(&'a str, FluentValue<'a>)]) -> FluentArgs<'a> {
    let mut args = FluentArgs::new();
    for (name, value) in pairs {
        args.set(*name, value.clone());
    }
    args
}
