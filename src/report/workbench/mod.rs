//! The workbench's pages (`doctrine serve`'s `/`, `/rules/ID`, `/params`): models built from
//! a loaded program on a day, in a language, and the HTML askama draws from them.

pub mod html;
pub mod law;
pub mod params;
pub mod rule;

use jiff::civil::Date;

use crate::language::ast::Lang;
use crate::language::program::{Citation, Localized, Program, Snapshot};
use crate::source::{SourceMap, Span};

crate::words! {
    /// The workbench's interface words.
    pub(crate) struct Words in "workbench" {
        title,
        navigation,
        law,
        params,
        language,
        on,
        show,
        search,
        search_label,
        texts,
        base,
        amendment,
        in_force,
        not_yet,
        status,
        file,
        sha256,
        rules,
        outcomes,
        remarks,
        rule,
        exception,
        outcome,
        advice,
        note,
        cites,
        exceptions,
        written,
        applies,
        requires,
        when,
        until,
        value,
        facts,
        defs,
        reads,
        read_by,
        exception_to,
        none,
        no_match,
        text,
        origin,
        history,
        from,
        computed,
        overridden,
        not_found,
        not_found_detail,
        bad_request,
        in_text,
    }
}

/// What every page is drawn for: a program as loaded, its files, the day, the language,
/// and the query that keeps both in the page's links.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The program.
    pub program: &'a Program,
    /// Its files: the texts as written, their names and hashes.
    pub sources: &'a SourceMap,
    /// The day.
    pub on: Date,
    /// The language.
    pub lang: Lang,
    /// Whether the day was asked for (`?on=`), so that links keep it.
    pub on_asked: bool,
    /// Whether the language was asked for (`?lang=`), so that links keep it.
    pub lang_asked: bool,
}

/// A link: where it goes, what it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The address, with the page's query.
    pub href: String,
    /// The text shown.
    pub text: String,
}

impl<'a> Context<'a> {
    /// How many texts are in force on the day.
    pub fn texts(&self) -> usize {
        crate::eval::texts_in_force(self.program, self.on)
    }

    /// The exception tree in force on the day, if any text is.
    pub fn snapshot(&self) -> Option<&'a Snapshot> {
        self.program.snapshots.get(self.texts().checked_sub(1)?)
    }

    /// A title or label in the page's language (with the usual fallbacks), else empty.
    pub fn text(&self, localized: &Localized) -> String {
        localized.get(self.lang).unwrap_or_default().to_string()
    }

    /// Citations as "source title, pinpoint".
    pub fn cites(&self, cites: &[Citation]) -> Vec<String> {
        crate::eval::citations(self.program, cites)
    }

    /// The query that keeps the day and language asked for: `""` or `?on=…&lang=…`.
    pub fn query(&self) -> String {
        self.query_with(self.lang_asked.then_some(self.lang))
    }

    /// The query with the language `lang` (none: the default).
    fn query_with(&self, lang: Option<Lang>) -> String {
        let mut pairs = form_urlencoded::Serializer::new(String::new());
        if self.on_asked {
            pairs.append_pair("on", &self.on.to_string());
        }
        if let Some(lang) = lang {
            pairs.append_pair("lang", lang.code());
        }
        let query = pairs.finish();
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }

    /// A link to an item's page.
    pub fn item(&self, id: &str, text: String) -> Link {
        Link {
            href: format!("/rules/{}{}", encode(id), self.query()),
            text,
        }
    }

    /// The languages a reader may switch to: the policy's, then the interface's, each
    /// once, with a link to `path` in that language.
    pub fn languages(&self, path: &str) -> Vec<(Link, bool)> {
        let mut langs: Vec<Lang> = Vec::new();
        for lang in self
            .program
            .languages
            .iter()
            .copied()
            .chain(crate::i18n::languages())
        {
            if !langs.contains(&lang) {
                langs.push(lang);
            }
        }
        langs
            .into_iter()
            .map(|lang| {
                let link = Link {
                    href: format!("{path}{}", self.query_with(Some(lang))),
                    text: lang.code().to_string(),
                };
                (link, lang == self.lang)
            })
            .collect()
    }

    /// The source text of a span, its common indentation removed.
    pub fn written(&self, span: Span) -> Option<String> {
        let file = self.sources.get(span.file)?;
        let text = file.text.get(span.start as usize..span.end as usize)?;
        // The first line starts at the span, the others at the line's start: the first
        // line's indentation is the column the span starts in.
        let line_start = file
            .text
            .get(..span.start as usize)
            .and_then(|before| before.rfind('\n'))
            .map_or(0, |i| i + 1);
        let column = file
            .text
            .get(line_start..span.start as usize)
            .map_or(0, |prefix| prefix.chars().count());
        let indent = text
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(column)
            .min(column);
        let lines: Vec<&str> = text
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    l
                } else {
                    l.get(indent.min(l.len() - l.trim_start().len())..)
                        .unwrap_or(l)
                }
            })
            .collect();
        Some(lines.join("\n"))
    }
}

/// An id as a path segment: ids are names, but a name is not trusted to be one.
fn encode(id: &str) -> String {
    form_urlencoded::byte_serialize(id.as_bytes()).collect()
}
