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
    use super::*;
    use crate::report::decision::document::Section;

    const MARKUP: &str = "<script>alert('x')</script> & \"q\"";
    const SHOWN: &str = "&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; &#34;q&#34;";

    /// A report with markup in every text, every kind of block and inline.
    fn report() -> Report {
        let text = || Inline::Text(MARKUP.into());
        let line = || {
            vec![
                text(),
                Inline::Strong(MARKUP.into()),
                Inline::Code(MARKUP.into()),
                Inline::Verdict(MARKUP.into(), Tone::Between),
                Inline::Break,
            ]
        };
        let leaf = || TreeItem {
            line: line(),
            children: vec![],
        };
        Report {
            lang: Lang::EN,
            title: MARKUP.into(),
            headline: line(),
            tone: Tone::Worst,
            about: vec![(MARKUP.into(), line())],
            sections: vec![Section {
                id: "rules",
                heading: MARKUP.into(),
                blocks: vec![
                    Block::Paragraph(line()),
                    Block::List(vec![line()]),
                    Block::Tree(vec![TreeItem {
                        line: line(),
                        children: vec![leaf(), leaf()],
                    }]),
                    Block::Table {
                        head: vec![MARKUP.into(), MARKUP.into()],
                        rows: vec![vec![line(), line()]],
                    },
                ],
            }],
        }
    }

    #[test]
    fn every_text_is_escaped_and_only_the_page_makes_markup() {
        let page = reports(&[report()], Lang::EN);
        assert!(page.contains(&format!("<title>{SHOWN}</title>")), "{page}");
        assert!(page.contains(&format!("<h1>{SHOWN}</h1>")), "{page}");
        assert!(page.contains(&format!("<span class=\"verdict between\">{SHOWN}</span>")));
        assert!(page.contains(&format!("<th scope=\"col\">{SHOWN}</th>")));
        assert!(!page.contains("<script"), "{page}");
        // A tree's items hold a tree, drawn once and not escaped again.
        assert_eq!(page.matches("<ul class=\"tree\">").count(), 2, "{page}");
        assert!(!page.contains("&#60;ul"), "{page}");
        // Nine lines of four texts each (the headline, the fact about the run, the paragraph,
        // the list item, three tree items, two cells), the page's title, the article's, the
        // heading, the label and two column heads: every one shown, escaped once.
        assert_eq!(page.matches(SHOWN).count(), 9 * 4 + 6, "{page}");
    }

    #[test]
    fn several_reports_make_one_page_titled_by_their_number() {
        let page = reports(&[report(), report()], Lang::EN);
        assert!(page.contains("<title>Decisions (2)</title>"), "{page}");
        assert_eq!(page.matches("<article>").count(), 2);
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
        assert!(page.ends_with("</main>\n</body>\n</html>\n"));
    }

    #[test]
    fn the_style_loads_nothing() {
        let style = include_str!("../../../templates/style.css");
        for needle in ["http", "url(", "@import", "@font-face"] {
            assert!(!style.contains(needle), "{needle}");
        }
    }
}
