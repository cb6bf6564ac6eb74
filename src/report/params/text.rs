//! Parameters with their provenance as text for a person: one block per parameter, its
//! value on the day, the text (or `--set`) it comes from, the step in force, its sources.

use std::fmt::Write;

use anstyle::Style;

use super::{ParamsView, version_values};
use crate::analysis::provenance::{Origin, ParamOnDay, Provenance};
use crate::language::ast::Lang;
use crate::language::program::ParamInfo;

crate::words! {
    /// Words of the report itself, per language.
    struct Words in "params" {
        heading,
        on,
        texts,
        none,
        from,
        step,
        base,
        amendment,
        since,
        instead_of,
        from_text,
        repealed,
        repealed_by,
        not_in_force,
        brought_by,
        in_force_from,
        source,
        versions,
        no_param,
        colon,
        computed,
        with,
    }
}

fn words(lang: Lang) -> &'static Words {
    Words::of(lang)
}

/// The whole report.
pub fn params(view: &ParamsView<'_>) -> String {
    let w = words(view.lang);
    let (bold, dim) = (Style::new().bold(), Style::new().dimmed());
    let mut out = String::new();
    let applied: Vec<&str> = view
        .program
        .texts
        .iter()
        .take(view.texts_applied())
        .map(|t| t.id.as_str())
        .collect();
    let applied = if applied.is_empty() {
        w.none.to_string()
    } else {
        applied.join(", ")
    };
    let _ = writeln!(
        out,
        "{bold}{} {} {} {}{bold:#}",
        w.heading, view.program.id, w.on, view.on
    );
    let _ = writeln!(out, "{dim}{}{}{applied}{dim:#}", w.texts, w.colon);
    if view.params.is_empty() {
        let _ = writeln!(out, "\n{}", w.no_param);
    }
    for item in &view.params {
        let _ = writeln!(out);
        entry(&mut out, view, item);
    }
    out
}

fn entry(out: &mut String, view: &ParamsView<'_>, item: &ParamOnDay<'_>) {
    let w = words(view.lang);
    let bold = Style::new().bold();
    let ty = view.type_name(item.param);
    let name = &item.param.name;
    let current = &item.current;
    let _ = match (&current.value, current.origin) {
        (Some(value), _) => writeln!(out, "{bold}{name}{bold:#}: {ty} = {}", view.value(value)),
        (None, Origin::Repealed) => writeln!(out, "{bold}{name}{bold:#}: {ty} ({})", w.repealed),
        (None, _) => writeln!(out, "{bold}{name}{bold:#}: {ty} ({})", w.not_in_force),
    };
    if let Some(label) = view.label(item.body) {
        let _ = writeln!(out, "    {label}");
    }
    if let Some(derivation) = view.derivation(item) {
        let mut line = format!("    {}{}{}", w.computed, w.colon, derivation.expression);
        let inputs: Vec<String> = derivation
            .inputs
            .iter()
            .map(|(name, value)| match value {
                Some(value) => format!("{name} = {}", view.value(value)),
                None => format!("{name} ({})", w.not_in_force),
            })
            .collect();
        if !inputs.is_empty() {
            let _ = write!(line, ", {} {}", w.with, inputs.join(", "));
        }
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "    {}", origin_line(view, current, item));
    for cite in view.text_cites(&current.cites) {
        let _ = writeln!(out, "    {}{}{cite}", w.source, w.colon);
    }
    if view.all {
        versions(out, view, item.param);
    }
}

/// "from: TEXT (base text, FILE), step of DAY", or what else the value comes from.
fn origin_line(view: &ParamsView<'_>, p: &Provenance, item: &ParamOnDay<'_>) -> String {
    let w = words(view.lang);
    match p.origin {
        Origin::Base | Origin::Amendment => format!("{}{}{}", w.from, w.colon, text_step(view, p)),
        Origin::Set => {
            let mut line = format!("{}{}--set", w.from, w.colon);
            match &item.overridden {
                Some(
                    texts @ Provenance {
                        value: Some(value), ..
                    },
                ) => {
                    let _ = write!(
                        line,
                        ", {} {} {} {}",
                        w.instead_of,
                        view.value(value),
                        w.from_text,
                        text_step(view, texts)
                    );
                }
                Some(texts) => {
                    let _ = write!(line, "; {}", origin_line(view, texts, item));
                }
                None => {}
            }
            line
        }
        Origin::Repealed => format!("{}{}{}", w.repealed_by, w.colon, text_ref(view, p.text)),
        Origin::NotInForce => {
            // The text that first brings it, when one of the policy's texts does.
            match item.param.versions.versions.first() {
                Some((text, _)) => format!(
                    "{}{}{}, {} {}",
                    w.brought_by,
                    w.colon,
                    text_ref(view, Some(*text)),
                    w.in_force_from,
                    view.text_in_force(*text)
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                ),
                None => w.not_in_force.to_string(),
            }
        }
    }
}

/// "TEXT (base text, FILE), step of DAY".
fn text_step(view: &ParamsView<'_>, p: &Provenance) -> String {
    let mut out = text_ref(view, p.text);
    if let Some(step) = p.step {
        let _ = write!(out, ", {} {step}", words(view.lang).step);
    }
    out
}

/// "TEXT (base text, FILE)".
fn text_ref(view: &ParamsView<'_>, text: Option<u32>) -> String {
    let w = words(view.lang);
    let Some(text) = text else {
        return String::new();
    };
    let kind = match Origin::of_text(text) {
        Origin::Base => w.base,
        _ => w.amendment,
    };
    format!("{} ({kind}, {})", view.text_id(text), view.text_file(text))
}

/// Every version, its text, and each value from its first day; `→` marks the one in force.
fn versions(out: &mut String, view: &ParamsView<'_>, param: &ParamInfo) {
    let w = words(view.lang);
    let dim = Style::new().dimmed();
    let in_force = param.versions.text_at(view.texts_applied());
    let _ = writeln!(out, "    {}{}", w.versions, w.colon.trim_end());
    for (text, body) in &param.versions.versions {
        let day = view
            .text_in_force(*text)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let _ = writeln!(out, "      {}", text_ref(view, Some(*text)));
        let Some(body) = body else {
            let mark = if in_force == Some(*text) {
                "→"
            } else {
                "•"
            };
            let _ = writeln!(
                out,
                "        {mark} {} {day}{}{}",
                w.since, w.colon, w.repealed
            );
            continue;
        };
        for value in version_values(body, view.on, in_force == Some(*text)) {
            let mark = if value.current { "→" } else { "•" };
            let from = value.from.map_or_else(|| day.clone(), |d| d.to_string());
            let mut line = format!(
                "        {mark} {} {from}{}{}",
                w.since,
                w.colon,
                view.value(value.value)
            );
            let cites = view.text_cites(value.cites);
            if !cites.is_empty() {
                let _ = write!(line, " {dim}— {}{dim:#}", cites.join("; "));
            }
            let _ = writeln!(out, "{line}");
        }
    }
}
