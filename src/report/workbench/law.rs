//! `/`: the policy as law on a day: its texts (in force or not yet, with their dates and
//! hashes), and its rules, outcomes and remarks with their titles and citations, filtered by
//! a search.

use super::{Context, Link};

/// The page.
#[derive(Debug)]
pub struct Law {
    /// The policy's title (else its id).
    pub title: String,
    /// The texts in force on the day, base first.
    pub texts: Vec<TextRow>,
    /// The rules in force, each with its exceptions.
    pub rules: Vec<Item>,
    /// The outcomes in force.
    pub outcomes: Vec<Item>,
    /// The advice and notes in force.
    pub remarks: Vec<Item>,
    /// The search asked for (empty: none).
    pub search: String,
}

/// A text of the policy.
#[derive(Debug)]
pub struct TextRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Whether it is the base text (else an amendment).
    pub base: bool,
    /// The day it comes into force.
    pub in_force: String,
    /// Whether it is in force on the day.
    pub applied: bool,
    /// Its file, as given.
    pub file: String,
    /// The SHA-256 of the file.
    pub sha256: String,
}

/// An item listed: a link to its page, its citations, the items under it.
#[derive(Debug)]
pub struct Item {
    /// Its link (its title shown).
    pub link: Link,
    /// Its id.
    pub id: String,
    /// Its citations.
    pub cites: Vec<String>,
    /// Its exceptions (a rule's, an outcome's), each with its own.
    pub under: Vec<Item>,
}

/// The page on the context's day; `search`: the words the items must hold (case ignored,
/// in the id, title or a citation; an item also shows when an exception under it matches).
pub fn law(cx: &Context<'_>, search: &str) -> Law {
    let program = cx.program;
    let texts_applied = cx.texts();
    let texts = program
        .texts
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let file = cx.sources.get(text.file);
            TextRow {
                id: text.id.clone(),
                title: cx.text(&text.title),
                base: index == 0,
                in_force: text.in_force.to_string(),
                applied: index < texts_applied,
                file: file.map(|f| f.name.clone()).unwrap_or_default(),
                sha256: file.map(|f| f.sha256()).unwrap_or_default(),
            }
        })
        .filter(|text| text.applied)
        .collect();
    let snapshot = cx.snapshot();
    let rules = program
        .rules
        .iter()
        .enumerate()
        .filter_map(|(slot, rule)| {
            let body = rule.versions.at(texts_applied)?;
            let children = snapshot
                .and_then(|s| s.rule_children.get(slot))
                .map_or(&[][..], Vec::as_slice);
            Some(item(
                cx,
                &rule.id,
                cx.text(&body.title),
                cx.cites(&body.cites),
                exceptions(cx, children),
            ))
        })
        .collect();
    let outcomes = program
        .outcomes()
        .filter_map(|(slot, def)| {
            def.versions.at(texts_applied)?;
            let label = def
                .labels
                .at(texts_applied)
                .map(|l| cx.text(l))
                .unwrap_or_default();
            let cites = def
                .outcome
                .as_ref()
                .and_then(|o| o.at(texts_applied))
                .map(|c| cx.cites(c))
                .unwrap_or_default();
            let children = snapshot
                .and_then(|s| s.outcome_children.get(slot as usize))
                .map_or(&[][..], Vec::as_slice);
            Some(item(cx, &def.name, label, cites, exceptions(cx, children)))
        })
        .collect();
    let remarks = program
        .remarks
        .iter()
        .filter_map(|remark| {
            let body = remark.versions.at(texts_applied)?;
            Some(item(
                cx,
                &remark.id,
                cx.text(&body.title),
                cx.cites(&body.cites),
                Vec::new(),
            ))
        })
        .collect();
    let search = search.trim().to_string();
    let keep = |items: Vec<Item>| -> Vec<Item> {
        items
            .into_iter()
            .filter(|i| search.is_empty() || matches(i, &search.to_lowercase()))
            .collect()
    };
    Law {
        title: Some(cx.text(&program.title))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| program.id.clone()),
        texts,
        rules: keep(rules),
        outcomes: keep(outcomes),
        remarks: keep(remarks),
        search,
    }
}

fn item(cx: &Context<'_>, id: &str, title: String, cites: Vec<String>, under: Vec<Item>) -> Item {
    let shown = if title.is_empty() {
        id.to_string()
    } else {
        title
    };
    Item {
        link: cx.item(id, shown),
        id: id.to_string(),
        cites,
        under,
    }
}

/// The exceptions `slots` in force on the day, each with those under it.
fn exceptions(cx: &Context<'_>, slots: &[u32]) -> Vec<Item> {
    let texts = cx.texts();
    slots
        .iter()
        .filter_map(|slot| {
            let exception = cx.program.exceptions.get(*slot as usize)?;
            let body = exception.versions.at(texts)?;
            let children = cx
                .snapshot()
                .and_then(|s| s.exception_children.get(*slot as usize))
                .map_or(&[][..], Vec::as_slice);
            Some(item(
                cx,
                &exception.id,
                cx.text(&body.title),
                cx.cites(&body.cites),
                exceptions(cx, children),
            ))
        })
        .collect()
}

/// Whether an item, or one under it, holds `needle` (lowercase) in its id, title or
/// citations.
fn matches(item: &Item, needle: &str) -> bool {
    let holds = |text: &str| text.to_lowercase().contains(needle);
    holds(&item.id)
        || holds(&item.link.text)
        || item.cites.iter().any(|c| holds(c))
        || item.under.iter().any(|i| matches(i, needle))
}
