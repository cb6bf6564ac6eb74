//! The workbench's pages as HTML: askama templates under `templates/workbench/` (on
//! `layout.html`), which read the page models; askama escapes every text they write. The
//! pages link one stylesheet (`/assets/style.css`) and hold no style or script of their
//! own, so that a Content-Security-Policy without `unsafe-inline` serves them.

use askama::Template;

use super::law::Law;
use super::params::ParamRow;
use super::rule::ItemPage;
use super::{Context, Link, Words};

/// The stylesheet the pages link: the reports' style and the workbench's.
pub const STYLE: &str = concat!(
    include_str!("../../../templates/style.css"),
    include_str!("../../../templates/workbench/workbench.css"),
);

/// The address of the stylesheet, naming the version that serves it: it may be cached for
/// good.
pub const STYLE_HREF: &str = concat!("/assets/style.css?v=", env!("CARGO_PKG_VERSION"));

/// What the shared layout shows around every page.
pub struct Layout {
    /// The page's language code.
    lang: String,
    /// The page's title.
    title: String,
    /// The interface's words.
    words: &'static Words,
    /// The path of the page (the date form's target).
    path: String,
    /// The day shown.
    on: String,
    /// The language asked for, kept by the date form.
    lang_asked: Option<String>,
    /// Links to `/` and `/params`, keeping the day and language.
    home: String,
    params: String,
    /// The languages to switch to, the current one marked.
    languages: Vec<(Link, bool)>,
}

impl Layout {
    /// The layout of the page at `path` titled `title`.
    pub fn new(cx: &Context<'_>, path: &str, title: String) -> Layout {
        let query = cx.query();
        Layout {
            lang: cx.lang.code().to_string(),
            title,
            words: Words::of(cx.lang),
            path: path.to_string(),
            on: cx.on.to_string(),
            lang_asked: cx.lang_asked.then(|| cx.lang.code().to_string()),
            home: format!("/{query}"),
            params: format!("/params{query}"),
            languages: cx.languages(path),
        }
    }

    /// Keeps a parameter of the page (the search) in its language links.
    pub fn keep(&mut self, key: &str, value: &str) {
        if value.is_empty() {
            return;
        }
        let pair: String = form_urlencoded::Serializer::new(String::new())
            .append_pair(key, value)
            .finish();
        for (link, _) in &mut self.languages {
            let joint = if link.href.contains('?') { '&' } else { '?' };
            link.href = format!("{}{joint}{pair}", link.href);
        }
    }

    /// The stylesheet's address.
    fn style(&self) -> &'static str {
        STYLE_HREF
    }
}

#[derive(Template)]
#[template(path = "workbench/law.html")]
struct LawHtml<'a> {
    layout: &'a Layout,
    page: &'a Law,
}

#[derive(Template)]
#[template(path = "workbench/item.html")]
struct ItemHtml<'a> {
    layout: &'a Layout,
    page: &'a ItemPage,
}

#[derive(Template)]
#[template(path = "workbench/params.html")]
struct ParamsHtml<'a> {
    layout: &'a Layout,
    rows: &'a [ParamRow],
}

#[derive(Template)]
#[template(path = "workbench/error.html")]
struct ErrorHtml<'a> {
    layout: &'a Layout,
    heading: &'a str,
    detail: &'a str,
}

#[derive(Template)]
#[template(path = "workbench/items.html")]
struct ItemsHtml<'a> {
    words: &'static Words,
    items: &'a [super::law::Item],
}

// The list's output is markup its template made, every text in it escaped.
impl askama::filters::HtmlSafe for ItemsHtml<'_> {}

impl LawHtml<'_> {
    fn items<'b>(&self, items: &'b [super::law::Item]) -> ItemsHtml<'b> {
        ItemsHtml {
            words: self.layout.words,
            items,
        }
    }
}

impl ItemsHtml<'_> {
    fn under<'b>(&self, items: &'b [super::law::Item]) -> ItemsHtml<'b> {
        ItemsHtml {
            words: self.words,
            items,
        }
    }
}

// Rendering writes to a string and calls no fallible filter: it cannot fail.

/// `/` as HTML.
pub fn law(layout: &Layout, page: &Law) -> String {
    LawHtml { layout, page }.render().unwrap_or_default()
}

/// `/rules/ID` as HTML.
pub fn item(layout: &Layout, page: &ItemPage) -> String {
    ItemHtml { layout, page }.render().unwrap_or_default()
}

/// `/params` as HTML.
pub fn params(layout: &Layout, rows: &[ParamRow]) -> String {
    ParamsHtml { layout, rows }.render().unwrap_or_default()
}

/// An error page: a heading and what went wrong.
pub fn error(layout: &Layout, heading: &str, detail: &str) -> String {
    ErrorHtml {
        layout,
        heading,
        detail,
    }
    .render()
    .unwrap_or_default()
}
