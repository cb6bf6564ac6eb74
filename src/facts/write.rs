//! A fact set written back as a YAML fact file: every known fact, nested by its dotted path,
//! in the policy's order.

use serde_json::{Map, Value as Json};

use super::convert::value_json;
use crate::facts::FactSet;
use crate::facts::tree::{Entry, Group};
use crate::language::program::Program;
use crate::language::value::Value;

/// The fact file of a fact set, as YAML: `evaluated_on` when it has one, then the facts
/// that have a value (unknown and unset facts are left out).
pub fn yaml(program: &Program, facts: &FactSet) -> Result<String, String> {
    let mut root = Map::new();
    if let Some(day) = facts.evaluated_on {
        root.insert(super::EVALUATED_ON.into(), Json::String(day.to_string()));
    }
    let tree = crate::facts::tree::tree(program);
    group(program, facts, &tree, &mut root);
    serde_saphyr::to_string(&Json::Object(root)).map_err(|e| e.to_string())
}

fn group(program: &Program, facts: &FactSet, group_: &Group<'_>, out: &mut Map<String, Json>) {
    for (name, entry) in &group_.entries {
        match entry {
            Entry::Fact(fact) => {
                let slot = program.facts.iter().position(|f| f.path == fact.path);
                let value = slot.and_then(|s| facts.values.get(s));
                if let Some(value) =
                    value.filter(|v| !matches!(v, Value::Unknown(_) | Value::NotSet))
                {
                    out.insert(name.clone(), value_json(program, value));
                }
            }
            Entry::Group(inner) => {
                let mut map = Map::new();
                group(program, facts, inner, &mut map);
                if !map.is_empty() {
                    out.insert(name.clone(), Json::Object(map));
                }
            }
        }
    }
}
