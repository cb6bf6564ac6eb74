//! Decision reports as one HTML page: inline CSS, no script, no external asset; readable on
//! screen, printable, with a language and table headers for readers. The page is drawn by
//! the templates `templates/report/decision.html` (on `templates/base.html`), which read the
//! report's model; askama escapes every text they write.

use askama::Template;

use super::document::{Block, Inline, Report, Tone, TreeItem};
use crate::language::ast::Lang;

/// The page: the reports of the decisions, in one language.
#[derive(Template)]
#[template(path = "report/decision.html")]
struct Page<'a> {
    /// The language code of the page.
    lang: &'a str,
    /// The page's title.
    title: &'a str,
    /// One article each.
    reports: &'a [Report],
}

/// A tree: drawn by a template of its own, since a tree holds trees.
#[derive(Template)]
#[template(path = "report/tree.html")]
struct Tree<'a> {
    items: &'a [TreeItem],
}

// A tree's output is markup its template made, every text in it escaped: the page takes it
// as it is rather than escaping it twice.
impl askama::filters::HtmlSafe for Tree<'_> {}

impl Page<'_> {
    fn tree<'b>(&self, items: &'b [TreeItem]) -> Tree<'b> {
        Tree { items }
    }
}

impl Tree<'_> {
    fn under<'b>(&self, item: &'b TreeItem) -> Tree<'b> {
        Tree {
            items: &item.children,
        }
    }
}

impl Tone {
    /// The class that colours a verdict of this tone (see `templates/style.css`).
    fn class(self) -> &'static str {
        match self {
            Tone::Worst => "worst",
            Tone::Between => "between",
            Tone::Undecided => "undecided",
            Tone::Satisfied => "satisfied",
            Tone::Inapplicable => "inapplicable",
        }
    }
}

/// One HTML page holding the report of each decision, in `lang`.
pub fn reports(reports: &[Report], lang: Lang) -> String {
    let title = match reports {
        [one] => one.title.clone(),
        _ => {
            let words = super::words(lang);
            format!("{} ({})", words.titles, reports.len())
        }
    };
    let page = Page {
        lang: lang.code(),
        title: &title,
        reports,
    };
    // Rendering writes to a string and calls no fallible filter: it cannot fail.
    page.render().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_style_loads_nothing() {
        let style = include_str!("../../../templates/style.css");
        for needle in ["http", "url(", "@import", "@font-face"] {
            assert!(!style.contains(needle), "{needle}");
        }
    }
}
