//! The interface's own words (headings, verdict words, "because", questions…) in every
//! language shipped, from one Fluent resource per language under `locales/`.
//!
//! A language is looked up as asked, then as its primary language (`fr` for `fr-CA`), then
//! in English; a message missing from a resource is taken from English. Adding a language
//! is adding `locales/TAG.ftl` and its line in `RESOURCES`.

mod catalog;

use std::sync::OnceLock;

pub use catalog::Catalog;
pub use fluent_bundle::FluentValue;

mod lang;

pub use lang::{Lang, LangError};

/// The resources compiled in: a language tag and its Fluent text. English first: it is
/// the last resort of every look-up.
const RESOURCES: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en.ftl")),
    ("fr", include_str!("../../locales/fr.ftl")),
    ("de", include_str!("../../locales/de.ftl")),
];

/// The catalogs, parsed on first use. A message that does not parse is left out and taken
/// from English; the tests keep every resource free of errors and complete.
fn catalogs() -> &'static [Catalog] {
    static CATALOGS: OnceLock<Vec<Catalog>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        RESOURCES
            .iter()
            .filter_map(|(tag, source)| Catalog::new(Lang::parse(tag).ok()?, source).ok())
            .collect()
    })
}

/// The languages the interface speaks, English first.
pub fn languages() -> impl Iterator<Item = Lang> {
    catalogs().iter().map(|c| c.lang)
}

/// The language whose words serve `lang`: itself, else its primary language, else English.
pub fn serving(lang: Lang) -> Lang {
    find(lang).map_or(Lang::EN, |c| c.lang)
}

fn find(lang: Lang) -> Option<&'static Catalog> {
    let all = catalogs();
    all.iter()
        .find(|c| c.lang == lang)
        .or_else(|| all.iter().find(|c| c.lang == lang.primary()))
}

/// The interface's words in one language, English behind it.
#[derive(Clone, Copy)]
pub struct Words {
    first: Option<&'static Catalog>,
    english: Option<&'static Catalog>,
}

/// The words for `lang` (through its primary language to English).
pub fn words(lang: Lang) -> Words {
    Words {
        first: find(lang),
        english: catalogs().first(),
    }
}

impl Words {
    /// A message without variables; its id when no resource has it (never empty-handed).
    pub fn get(&self, id: &'static str) -> &'static str {
        self.first
            .and_then(|c| c.plain(id))
            .or_else(|| self.english.and_then(|c| c.plain(id)))
            .unwrap_or(id)
    }

    /// `GROUP-FIELD`, with the field's `_` written `-`: the id of a field of a table of
    /// words (see [`words!`](crate::words)).
    pub fn word(&self, group: &str, field: &str) -> &'static str {
        let id = format!("{group}-{}", field.replace('_', "-"));
        self.first
            .and_then(|c| c.plain(&id))
            .or_else(|| self.english.and_then(|c| c.plain(&id)))
            .unwrap_or_default()
    }

    /// A message with variables: `("n", 3.into())`.
    pub fn format(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let args = catalog::args(args);
        self.first
            .and_then(|c| c.format(id, Some(&args)))
            .or_else(|| self.english.and_then(|c| c.format(id, Some(&args))))
            .unwrap_or_else(|| id.to_string())
    }
}

// Which language a reader gets when the one asked for is missing, and the notes that say so.

/// The language a policy's texts are shown in for a reader of `lang`, among the languages
/// the policy writes (`written`, its default first): `lang`, else a text in the same
/// primary language (`fr` for `fr-CA`), else the default. None when the policy writes no
/// language (its texts serve every reader).
pub fn texts_shown(written: &[Lang], lang: Lang) -> Option<Lang> {
    let find = |wanted: &dyn Fn(Lang) -> bool| written.iter().copied().find(|l| wanted(*l));
    find(&|l| l == lang)
        .or_else(|| find(&|l| l == lang.primary()))
        .or_else(|| find(&|l| l.same_primary(lang)))
        .or_else(|| written.first().copied())
}

/// The notes for a reader who asked for `lang`: one when the policy's texts are shown in
/// another language, one when the tool's own words are; one for both when it is the same.
/// `written` is the languages the policy writes: empty for a policy written without any
/// language tag, whose texts are shown as written (noted too when the reader asks for
/// another language than English, the tool's own: `--lang en` is how scripts ask for the
/// default words, and would be told at every run); `None` where no one policy speaks.
pub fn fallback_notes(written: Option<&[Lang]>, lang: Lang) -> Vec<String> {
    let w = words(lang);
    let neutral = written.is_some_and(<[Lang]>::is_empty) && !lang.same_primary(Lang::EN);
    let texts = written
        .and_then(|written| texts_shown(written, lang))
        .filter(|l| *l != lang);
    let interface = Some(serving(lang)).filter(|l| *l != lang);
    let note = |id: &str, shown: Lang| {
        let args = [
            ("requested", lang.code().into()),
            ("shown", shown.code().into()),
        ];
        w.format(id, &args)
    };
    let mut notes = match (texts, interface) {
        (Some(t), Some(i)) if t == i => vec![note("lang-fallback-both", t)],
        (t, i) => t
            .map(|t| note("lang-fallback-texts", t))
            .into_iter()
            .chain(i.map(|i| note("lang-fallback-words", i)))
            .collect(),
    };
    if neutral {
        notes.insert(0, note("lang-fallback-neutral", lang));
    }
    notes
}

/// A table of interface words: a struct of `&'static str` fields, each read from the
/// message `GROUP-FIELD` of the reader's language, and its `new(lang)`.
#[macro_export]
macro_rules! words {
    ($(#[$meta:meta])* $vis:vis struct $name:ident in $group:literal {
        $($(#[$field_meta:meta])* $field:ident),* $(,)?
    }) => {
        $(#[$meta])*
        $vis struct $name {
            $($(#[$field_meta])* pub $field: &'static str,)*
        }

        impl $name {
            /// The words in `lang`, built once for each language the interface speaks.
            $vis fn of(lang: $crate::i18n::Lang) -> &'static Self {
                static TABLES: std::sync::OnceLock<Vec<$name>> = std::sync::OnceLock::new();
                let tables = TABLES.get_or_init(|| {
                    $crate::i18n::languages().map($name::build).collect()
                });
                let serving = $crate::i18n::serving(lang);
                let index = $crate::i18n::languages().position(|l| l == serving);
                match index.and_then(|index| tables.get(index)) {
                    Some(table) => table,
                    // Only when no resource parses, which the tests rule out.
                    None => Box::leak(Box::new($name::build(lang))),
                }
            }

            fn build(lang: $crate::i18n::Lang) -> Self {
                let words = $crate::i18n::words(lang);
                $name { $($field: words.word($group, stringify!($field)),)* }
            }
        }
    };
}

#[cfg(test)]
mod tests;
