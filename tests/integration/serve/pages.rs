//! The workbench's pages (`/`, `/rules/ID`, `/params`) on the shipped doctrine: their
//! content on a day and in a language, their errors as HTML pages, their headers, the
//! escaping of policy texts, and every link of `/` followed once.

use super::support::{Answer, Server};

const POLICY: &str = "policies/cloud-au-centre";

/// A page answered 200 as HTML, with the headers every page has.
fn page(server: &Server, path: &str) -> Answer {
    let answer = server.get(path);
    assert_eq!(answer.status, 200, "{path}: {}", answer.body);
    html_headers(path, &answer);
    answer
}

fn html_headers(path: &str, answer: &Answer) {
    assert_eq!(answer.content_type, "text/html; charset=utf-8", "{path}");
    let csp = answer
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{path}: no Content-Security-Policy"));
    assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
    assert!(csp.contains("style-src 'self'"), "{path}: {csp}");
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
    assert!(answer.version.is_some(), "{path}: no policy version");
    // Nothing inline the policy would refuse anyway.
    assert!(!answer.body.contains("<style"), "{path}");
    assert!(!answer.body.contains("<script"), "{path}");
    assert!(!answer.body.contains(" style="), "{path}");
}

/// The `href` of every link of a page, as written (entities for `&` undone).
fn links(body: &str) -> Vec<String> {
    body.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&#38;", "&").replace("&amp;", "&"))
        .collect()
}

fn the_law_lists_the_texts_in_force() {
    let server = Server::start(&[POLICY]);
    let later = page(&server, "/?on=2024-01-01").body;
    assert!(later.contains("circulaire-6282-SG"), "{later}");
    assert!(later.contains("circulaire-6404-SG"), "{later}");
    assert!(later.contains("<html lang=\"en\">"), "{later}");
    assert!(
        later.contains("href=\"/rules/R9?on=2024-01-01\""),
        "{later}"
    );
    assert!(
        later.contains("Commercial cloud and sensitive data"),
        "{later}"
    );
    assert!(later.contains("<meta name=\"viewport\""), "{later}");
    assert!(later.contains("<label for=\"on\">"), "{later}");
    assert!(later.contains("<label for=\"q\">"), "{later}");
    // The hashes of the texts.
    let hash = later
        .split("class=\"hash\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap();
    assert_eq!(hash.len(), 64, "{hash}");
    let earlier = page(&server, "/?on=2022-01-01").body;
    assert!(earlier.contains("circulaire-6282-SG"), "{earlier}");
    assert!(!earlier.contains("circulaire-6404-SG"), "{earlier}");
    // In French.
    let fr = page(&server, "/?on=2024-01-01&lang=fr").body;
    assert!(fr.contains("<html lang=\"fr\">"), "{fr}");
    assert!(fr.contains("Cloud commercial et données sensibles"), "{fr}");
    assert!(
        fr.contains("href=\"/rules/R9?on=2024-01-01&#38;lang=fr\""),
        "{fr}"
    );
}

fn the_search_filters_rules() {
    let server = Server::start(&[POLICY]);
    let body = page(&server, "/?on=2024-01-01&q=health").body;
    assert!(body.contains("/rules/R9-HDS"), "{body}");
    assert!(!body.contains("/rules/R4?"), "{body}");
    // By id, case ignored, and by citation.
    let body = page(&server, "/?on=2024-01-01&q=r10").body;
    assert!(body.contains("/rules/R10?"), "{body}");
    assert!(!body.contains("/rules/R5?"), "{body}");
    let body = page(&server, "/?on=2024-01-01&q=Office%20365").body;
    assert!(body.contains("/rules/R9?"), "{body}");
    assert!(!body.contains("/rules/R13?"), "{body}");
    // The language switch keeps the search.
    assert!(
        body.contains("href=\"/?on=2024-01-01&#38;lang=fr&#38;q=Office+365\""),
        "{body}"
    );
    let body = page(&server, "/?on=2024-01-01&q=zzzz-nothing").body;
    assert!(!body.contains("/rules/R"), "{body}");
    assert!(body.contains("Nothing matches"), "{body}");
}

fn a_rule_has_its_page() {
    let server = Server::start(&[POLICY]);
    let en = page(&server, "/rules/R9?on=2024-01-01").body;
    assert!(en.contains("Commercial cloud and sensitive data"), "{en}");
    // Its citations, its condition as written, its exceptions, what it reads.
    assert!(en.contains("Circulaire n° 6282-SG"), "{en}");
    assert!(en.contains("Requires"), "{en}");
    assert!(
        en.contains("<pre><code>not sensitive or trusted</code></pre>"),
        "{en}"
    );
    assert!(
        en.contains("href=\"/rules/R9-derogation?on=2024-01-01\""),
        "{en}"
    );
    assert!(en.contains("<code>hosting.secnumcloud</code>"), "{en}");
    assert!(
        en.contains("href=\"/params?on=2024-01-01#derogation_period\""),
        "{en}"
    );
    let fr = page(&server, "/rules/R9?on=2024-01-01&lang=fr").body;
    assert!(fr.contains("Cloud commercial et données sensibles"), "{fr}");
    assert!(fr.contains("<html lang=\"fr\">"), "{fr}");
    // Its language switch keeps the day.
    assert!(
        fr.contains("href=\"/rules/R9?on=2024-01-01&#38;lang=en\""),
        "{fr}"
    );
    // An exception names what it is an exception to, and is read by it.
    let exception = page(&server, "/rules/R9-derogation?on=2024-01-01").body;
    assert!(exception.contains("Exception to"), "{exception}");
    assert!(
        exception.contains("href=\"/rules/R9?on=2024-01-01\""),
        "{exception}"
    );
}

fn an_unknown_rule_is_an_html_404() {
    let server = Server::start(&[POLICY]);
    let answer = server.get("/rules/NO-SUCH-RULE");
    assert_eq!(answer.status, 404, "{}", answer.body);
    html_headers("/rules/NO-SUCH-RULE", &answer);
    assert!(
        answer.body.contains("<h1>Not found</h1>"),
        "{}",
        answer.body
    );
    // A rule of the amendment, before it is in force, is not found either.
    let answer = server.get("/rules/R9?on=2020-01-01");
    assert_eq!(answer.status, 404, "{}", answer.body);
}

fn a_bad_query_is_an_html_400_naming_it() {
    let server = Server::start(&[POLICY]);
    for (path, name) in [
        ("/?on=2024-13-01", "on"),
        ("/params?on=yesterday", "on"),
        ("/rules/R9?lang=not%20a%20tag", "lang"),
        ("/?nope=1", "nope"),
        ("/params?q=x", "q"),
    ] {
        let answer = server.get(path);
        assert_eq!(answer.status, 400, "{path}: {}", answer.body);
        html_headers(path, &answer);
        assert!(
            answer.body.contains(&format!("`{name}")),
            "{path}: {}",
            answer.body
        );
    }
}

fn the_params_page_shows_history() {
    let server = Server::start(&[POLICY]);
    let body = page(&server, "/params?on=2024-01-01").body;
    assert!(body.contains("id=\"derogation_period\""), "{body}");
    assert!(body.contains("<code>12 months</code>"), "{body}");
    assert!(body.contains("History"), "{body}");
    // Its history: each value with the day it takes effect and the text that gives it.
    let section = body
        .split("id=\"derogation_period\"")
        .nth(1)
        .and_then(|rest| rest.split("<section").next())
        .unwrap();
    assert!(
        section.contains("<tr class=\"current\"><th scope=\"row\">2021-07-10"),
        "{section}"
    );
    assert!(
        section.contains("<code>circulaire-6282-SG</code>"),
        "{section}"
    );
    assert!(section.contains("R9, dernier alinéa"), "{section}");
    let fr = page(&server, "/params?on=2024-01-01&lang=fr").body;
    assert!(fr.contains("Historique"), "{fr}");
}

fn the_stylesheet_is_served_and_cached() {
    let server = Server::start(&[POLICY]);
    let body = page(&server, "/").body;
    let href = links(&body)
        .into_iter()
        .find(|l| l.starts_with("/assets/style.css"))
        .expect("a stylesheet linked");
    let answer = server.get(&href);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type, "text/css; charset=utf-8");
    assert!(answer.header("cache-control").unwrap().contains("max-age="));
    assert!(answer.body.contains(":focus-visible"), "{}", answer.body);
}

fn markup_in_policy_texts_is_escaped() {
    let server = Server::start(&["tests/cases/report/escaping-markdown/policy.doctrine"]);
    for path in [
        "/?on=2024-01-01",
        "/rules/R1?on=2024-01-01",
        "/rules/A1?on=2024-01-01",
    ] {
        let body = page(&server, path).body;
        assert!(!body.contains("<script>x"), "{path}: {body}");
        assert!(!body.contains("<b>bold"), "{path}: {body}");
        assert!(!body.contains("<em>two"), "{path}: {body}");
        assert!(!body.contains("<img"), "{path}: {body}");
    }
    let home = page(&server, "/?on=2024-01-01").body;
    assert!(
        home.contains("Policy &#60;b&#62;bold&#60;/b&#62;"),
        "{home}"
    );
    assert!(
        home.contains("Manual &#60;script&#62;x&#60;/script&#62;"),
        "{home}"
    );
    let rule = page(&server, "/rules/R1?on=2024-01-01").body;
    assert!(
        rule.contains("Rule *one* | &#60;em&#62;two&#60;/em&#62;"),
        "{rule}"
    );
}

fn every_link_of_the_law_answers() {
    let server = Server::start(&[POLICY]);
    for start in ["/?on=2024-01-01", "/?on=2022-01-01&lang=fr"] {
        let body = page(&server, start).body;
        let mut seen = std::collections::BTreeSet::new();
        for href in links(&body) {
            let path = href.split('#').next().unwrap().to_string();
            if !seen.insert(path.clone()) {
                continue;
            }
            let answer = server.get(&path);
            assert_eq!(answer.status, 200, "{start} → {path}: {}", answer.body);
        }
        assert!(seen.len() > 10, "{seen:?}");
    }
}

fn the_pages_are_described() {
    let server = Server::start(&[POLICY]);
    let doc = server.get("/v1/openapi.json").json();
    for path in ["/", "/rules/{id}", "/params"] {
        let op = &doc["paths"][path]["get"];
        assert!(
            op["responses"]["200"]["content"]["text/html"].is_object(),
            "{path}: {op}"
        );
        assert!(
            op["responses"]["400"]["content"]["text/html"].is_object(),
            "{path}: {op}"
        );
    }
    let item = &doc["paths"]["/rules/{id}"]["get"];
    assert!(item["responses"]["404"].is_object(), "{item}");
    let id = item["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "id")
        .unwrap();
    assert_eq!(id["in"], "path");
    let style = &doc["paths"]["/assets/style.css"]["get"];
    assert!(
        style["responses"]["200"]["content"]["text/css"].is_object(),
        "{style}"
    );
}

fn an_outcome_has_its_page() {
    let server = Server::start(&["policies/nis2"]);
    let home = page(&server, "/?on=2024-01-01").body;
    assert!(
        home.contains("href=\"/rules/classification?on=2024-01-01\""),
        "{home}"
    );
    let outcome = page(&server, "/rules/classification?on=2024-01-01").body;
    assert!(outcome.contains("Classification under NIS2"), "{outcome}");
    // Its cases as written, each citation once.
    assert!(outcome.contains("case ESSENTIAL"), "{outcome}");
    assert_eq!(outcome.matches("<li>Directive (EU) 2022/2555").count(), {
        let mut cites: Vec<&str> = outcome
            .split("<li>Directive (EU) 2022/2555")
            .skip(1)
            .filter_map(|rest| rest.split("</li>").next())
            .collect();
        cites.sort_unstable();
        cites.dedup();
        cites.len()
    });
    // What reads an outcome.
    let scope = page(&server, "/rules/within_scope?on=2024-01-01").body;
    let read_by = scope.split("What reads it").nth(1).unwrap();
    assert!(
        read_by.contains("href=\"/rules/classification?on=2024-01-01\""),
        "{scope}"
    );
    // Every link of its home answers.
    for href in links(&home) {
        let path = href.split('#').next().unwrap();
        assert_eq!(server.get(path).status, 200, "{path}");
    }
}

tests![
    an_outcome_has_its_page,
    the_pages_are_described,
    the_law_lists_the_texts_in_force,
    the_search_filters_rules,
    a_rule_has_its_page,
    an_unknown_rule_is_an_html_404,
    a_bad_query_is_an_html_400_naming_it,
    the_params_page_shows_history,
    the_stylesheet_is_served_and_cached,
    markup_in_policy_texts_is_escaped,
    every_link_of_the_law_answers,
];
