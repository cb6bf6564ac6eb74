//! The workbench's pages (`/`, `/rules/ID`, `/params`) and their stylesheet: each handler
//! reads its query, builds the page's model in the report layer and answers its HTML, under
//! a Content-Security-Policy that lets the page load its stylesheet and nothing else.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::decide::{case_workspace, version_header};
use super::policy::ON_DAY;
use super::problem::Problem;
use super::query::{LANG, Param, Query};
use super::state::{Loaded, Shared};
use crate::app::Workspace;
use crate::report::params::ParamsView;
use crate::report::workbench::html::{self, Layout};
use crate::report::workbench::{Context, Words, law, params, rule};

/// `q=`: the search on `/`.
pub const SEARCH: Param = Param::one(
    "q",
    "string",
    "Words the listed rules, outcomes and remarks hold in their id, title or citations (case ignored)",
);

/// The parameters of `/`.
pub const LAW_PARAMS: &[Param] = &[ON_DAY, LANG, SEARCH];

/// The parameters of `/rules/{id}` and `/params`.
pub const PAGE_PARAMS: &[Param] = &[ON_DAY, LANG];

/// `v=`: the version a stylesheet's address names (for caching only).
pub const STYLE_PARAMS: &[Param] = &[Param::one(
    "v",
    "string",
    "The version of the server whose stylesheet is asked for; any value serves the one it has",
)];

/// What these pages may load: their stylesheet, from this server; nothing inline, no
/// script, no frame around them.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                   base-uri 'none'; frame-ancestors 'none'";

/// `GET /?on=&lang=&q=`: the policy as law on the day.
pub async fn law(State(shared): State<Arc<Shared>>, query: Query) -> Response {
    page(&shared, &query, LAW_PARAMS, "/", |cx, _| {
        let search = query.one("q").ok().flatten().unwrap_or("");
        let page = law::law(cx, search);
        let mut layout = Layout::new(cx, "/", page.title.clone());
        layout.keep("q", &page.search);
        Ok(html::law(&layout, &page))
    })
}

/// `GET /rules/{id}?on=&lang=`: one rule, exception, outcome or remark.
pub async fn item(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    query: Query,
) -> Response {
    let path = format!(
        "/rules/{}",
        form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>()
    );
    page(&shared, &query, PAGE_PARAMS, &path, |cx, _| {
        let page = rule::item(cx, &id).ok_or(StatusCode::NOT_FOUND)?;
        let layout = Layout::new(cx, &path, format!("{} {}", page.kind, page.id));
        Ok(html::item(&layout, &page))
    })
}

/// `GET /params?on=&lang=`: every parameter on the day, with its history.
pub async fn params(State(shared): State<Arc<Shared>>, query: Query) -> Response {
    page(&shared, &query, PAGE_PARAMS, "/params", |cx, ws| {
        let (on, params) = ws
            .params(Some(cx.on))
            .map_err(|_| StatusCode::BAD_REQUEST)?;
        let view = ParamsView {
            program: &ws.program,
            sources: &ws.sources,
            on,
            params,
            all: true,
            lang: ws.lang,
        };
        let rows = params::params(cx, &view);
        let layout = Layout::new(cx, "/params", Words::of(cx.lang).params.to_string());
        Ok(html::params(&layout, &rows))
    })
}

/// `GET /assets/style.css`: the pages' stylesheet, compiled in.
pub async fn style(query: Query) -> Response {
    if let Err(problem) = query.only(STYLE_PARAMS) {
        return problem.into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            // Its address names the server's version: a new version is a new address.
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        html::STYLE,
    )
        .into_response()
}

/// A page at `path`: its query checked (a bad one answers an HTML 400 naming the
/// parameter), then `draw` on the policy in force, the day and the language asked for; a
/// status `draw` answers is an HTML error page.
fn page(
    shared: &Shared,
    query: &Query,
    known: &[Param],
    path: &str,
    draw: impl FnOnce(&Context<'_>, &Workspace) -> Result<String, StatusCode>,
) -> Response {
    let loaded = shared.current();
    let fallback = |lang_asked: bool| Context {
        program: &loaded.workspace.program,
        sources: &loaded.workspace.sources,
        on: loaded.workspace.today.get(),
        lang: if lang_asked {
            query
                .lang(loaded.workspace.lang)
                .unwrap_or(loaded.workspace.lang)
        } else {
            loaded.workspace.lang
        },
        on_asked: false,
        lang_asked: false,
    };
    let asked = query
        .only(known)
        .and_then(|()| case_workspace(&loaded, query));
    let (ws, on) = match asked {
        Ok(asked) => asked,
        Err(problem) => {
            let cx = fallback(true);
            return error(&loaded, &cx, path, StatusCode::BAD_REQUEST, &problem);
        }
    };
    let cx = Context {
        program: &ws.program,
        sources: &ws.sources,
        on: on.unwrap_or_else(|| ws.today.get()),
        lang: ws.lang,
        on_asked: on.is_some(),
        lang_asked: query.one("lang").ok().flatten().is_some(),
    };
    match draw(&cx, &ws) {
        Ok(body) => answer(&loaded, StatusCode::OK, body),
        Err(status) => {
            let words = Words::of(cx.lang);
            let detail = if status == StatusCode::NOT_FOUND {
                words.not_found_detail
            } else {
                words.bad_request
            };
            let problem = Problem::new(status, "page", "The page cannot be drawn", detail);
            error(&loaded, &cx, path, status, &problem)
        }
    }
}

/// An error page: the problem's detail under a heading for its status.
fn error(
    loaded: &Loaded,
    cx: &Context<'_>,
    path: &str,
    status: StatusCode,
    problem: &Problem,
) -> Response {
    let words = Words::of(cx.lang);
    let heading = if status == StatusCode::NOT_FOUND {
        words.not_found
    } else {
        words.bad_request
    };
    let layout = Layout::new(cx, path, heading.to_string());
    answer(
        loaded,
        status,
        html::error(&layout, heading, &problem.detail),
    )
}

/// An HTML answer with the headers every page has.
fn answer(loaded: &Loaded, status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    version_header(&mut response, loaded);
    response
}
