//! Questions for unknown facts as text (a short section of a decision) and as JSON.

use std::fmt::Write;

use anstyle::Style;
use serde_json::{Value as Json, json};

use crate::analysis::questions::Question;
use crate::eval::decision::Decision;
use crate::language::ast::Lang;

/// The allowed values of a question, as a reader types them: `true | false`, the names of a
/// vocabulary, else the type.
pub fn allowed(question: &Question) -> String {
    if question.choices.is_empty() {
        return question.type_name.clone();
    }
    let names: Vec<&str> = question.choices.iter().map(|c| c.name.as_str()).collect();
    if question.type_name.starts_with("set of") {
        format!("{}: {}", question.type_name, names.join(", "))
    } else {
        names.join(" | ")
    }
}

/// The questions as a section of a text decision (empty when there are none).
pub fn text(questions: &[Question], lang: Lang) -> String {
    if questions.is_empty() {
        return String::new();
    }
    let words = crate::i18n::words(lang);
    let (heading, unblocks, scope) = (
        words.get("questions-heading"),
        words.get("questions-unblocks"),
        words.get("questions-scope"),
    );
    let (bold, dim) = (Style::new().bold(), Style::new().dimmed());
    let mut out = format!("\n{bold}{heading}{bold:#}\n");
    for (index, question) in questions.iter().enumerate() {
        let what = question.unblocks(scope);
        let _ = writeln!(
            out,
            "  {}. {} — {} [{}] {dim}· {unblocks} {}{dim:#}",
            index + 1,
            question.fact,
            question.label.get(lang).unwrap_or(""),
            allowed(question),
            what.join(", ")
        );
    }
    out
}

/// The questions as a JSON array.
pub fn json(questions: &[Question], lang: Lang) -> Json {
    Json::Array(
        questions
            .iter()
            .map(|q| {
                let mut one = json!({
                    "fact": q.fact,
                    "label": q.label.get(lang),
                    "type": q.type_name,
                    "values": q.choices.iter().map(|c| c.name.clone()).collect::<Vec<_>>(),
                    "rules": q.rules,
                    "scope": q.scope,
                });
                // Only for a policy that declares outcomes, as in a decision.
                if let (Some(outcomes), Some(object)) = (&q.outcomes, one.as_object_mut()) {
                    object.insert("outcomes".into(), json!(outcomes));
                }
                one
            })
            .collect(),
    )
}

/// The questions of one decision as a form filling it in needs them: the run (`facts`,
/// `policy`, `texts`, `evaluated_on`, `decision`, `until`, as `eval --format json` writes
/// them), `in_scope`, the facts `missing`, and the `questions` (as `eval` lists them; empty
/// when the case is decided); `facts_name` names the fact set.
pub fn answer(decision: &Decision, questions: &[Question], facts_name: &str, lang: Lang) -> Json {
    let mut out = crate::report::run::Run::from(decision).json(facts_name);
    out.insert(
        "in_scope".into(),
        decision.in_scope.map_or(Json::Null, Json::Bool),
    );
    let missing: Vec<&str> = decision.missing.iter().map(|f| f.path.as_str()).collect();
    out.insert("missing".into(), json!(missing));
    out.insert("questions".into(), json(questions, lang));
    Json::Object(out)
}
