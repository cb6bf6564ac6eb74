//! `doctrine schema` checked by a real JSON Schema validator (the `jsonschema` crate): the
//! shipped examples, test cases and `doctrine init` templates validate; broken fact files
//! are rejected, by the schema and by `doctrine eval` alike.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use jsonschema::{Draft, Validator};
use serde_json::{Value, json};

const CLOUD: &str = "policies/cloud-au-centre";
const PROCUREMENT: &str = "examples/procurement";
const AMENDMENT: &str = "examples/local-amendment/ministere-exemple.doctrine";
/// The keys a test case holds beside its facts.
const CASE_KEYS: [&str; 4] = ["on", "set", "expect", "amend"];

fn doctrine(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.code().is_some(), "killed: {stderr}");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn schema_of(policy: &str) -> Value {
    schema_with(&["schema", policy, "--lang", "en"])
}

fn schema_with(args: &[&str]) -> Value {
    let (status, out) = doctrine(args);
    assert_eq!(status, 0);
    serde_json::from_str(&out).unwrap()
}

fn validator(schema: &Value) -> Validator {
    jsonschema::meta::validate(schema).expect("a valid 2020-12 schema");
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
}

/// A fact file as a JSON value, whatever its format.
fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::from_str(&text).unwrap(),
        Some("toml") => toml_json(text.parse::<toml::Table>().unwrap().into()),
        _ => serde_saphyr::from_str(&text).unwrap(),
    }
}

fn toml_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, toml_json(v))).collect())
        }
    }
}

fn fact_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.extension()
            .is_some_and(|e| ["yaml", "yml", "json", "toml"].contains(&e.to_str().unwrap_or("")))
    });
    files.sort();
    files
}

fn assert_valid(validator: &Validator, path: &Path, mut value: Value, strip_case_keys: bool) {
    if strip_case_keys && let Some(object) = value.as_object_mut() {
        for key in CASE_KEYS {
            object.remove(key);
        }
    }
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
}

fn shipped_fact_files_validate() {
    let cloud = validator(&schema_of(CLOUD));
    // The facts the local amendment adds (`project.critical`), for the files written for it.
    let amended = validator(&schema_with(&["schema", CLOUD, "--amend", AMENDMENT]));
    let mut count = 0;
    for dir in ["examples", "examples/corpus"] {
        for path in fact_files(dir) {
            let amended_case = path.ends_with("two-zones-non-critical.yaml");
            let validator = if amended_case { &amended } else { &cloud };
            assert_valid(validator, &path, read(&path), false);
            count += 1;
        }
    }
    for path in fact_files("policies/cloud-au-centre/tests") {
        assert_valid(&cloud, &path, read(&path), true);
        count += 1;
    }
    let procurement = validator(&schema_of(PROCUREMENT));
    for path in fact_files("examples/procurement/facts") {
        assert_valid(&procurement, &path, read(&path), false);
        count += 1;
    }
    for path in fact_files("examples/procurement/tests") {
        assert_valid(&procurement, &path, read(&path), true);
        count += 1;
    }
    assert!(count > 100, "only {count} fact files found");
}

fn templates_validate() {
    for policy in [CLOUD, PROCUREMENT] {
        let validator = validator(&schema_of(policy));
        let (status, template) = doctrine(&["init", policy, "--lang", "fr"]);
        assert_eq!(status, 0);
        let value: Value = serde_saphyr::from_str(&template).unwrap();
        assert_valid(&validator, Path::new(policy), value, false);
    }
}

/// A fact file that is fine, to break one way at a time.
fn good() -> Value {
    let mut value = read(Path::new("examples/derogation-open.yaml"));
    value["$schema"] = json!("facts.schema.json");
    value
}

fn broken() -> Vec<(&'static str, Value)> {
    let mut cases = Vec::new();
    let mut add = |name, edit: &dyn Fn(&mut Value)| {
        let mut value = good();
        edit(&mut value);
        cases.push((name, value));
    };
    add("unknown top-level key", &|v| v["hostnig"] = json!({}));
    add("unknown key in a group", &|v| {
        v["hosting"]["kinds"] = json!("x")
    });
    add("wrong type: text for integer", &|v| {
        v["hosting"]["zones"] = json!("two")
    });
    add("wrong type: decimal for integer", &|v| {
        v["hosting"]["zones"] = json!(1.5)
    });
    add("wrong type: number for bool", &|v| {
        v["data"]["personal"] = json!(1)
    });
    add("group given a value", &|v| v["hosting"] = json!("cloud"));
    add("name outside the vocabulary", &|v| {
        v["entity"]["kind"] = json!("kingdom")
    });
    add("name outside the vocabulary in a set", &|v| {
        v["services"] = json!(["email", "fax"])
    });
    add("a set given a name", &|v| v["services"] = json!("email"));
    add("null in a set", &|v| v["services"] = json!([null]));
    add("a day that does not exist", &|v| {
        v["evaluated_on"] = json!("2023-02-30")
    });
    add("a day badly written", &|v| {
        v["evaluated_on"] = json!("2023-2-3")
    });
    add("a date fact not a date", &|v| {
        v["project"]["engaged_on"] = json!("soon")
    });
    add("`$schema` not a text", &|v| v["$schema"] = json!(3));
    add("not a map", &|v| *v = json!([1, 2]));
    cases
}

fn broken_fact_files_are_rejected_by_schema_and_by_eval() {
    let validator = validator(&schema_of(CLOUD));
    assert_valid(&validator, Path::new("good"), good(), false);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schema-broken");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("good.json");
    std::fs::write(&file, good().to_string()).unwrap();
    let (status, _) = doctrine(&["eval", CLOUD, file.to_str().unwrap()]);
    assert!(status == 0 || status == 1, "good.json: exit {status}");
    for (index, (name, value)) in broken().into_iter().enumerate() {
        assert!(!validator.is_valid(&value), "the schema accepts: {name}");
        let file = dir.join(format!("broken-{index}.json"));
        std::fs::write(&file, value.to_string()).unwrap();
        let (status, _) = doctrine(&["eval", CLOUD, file.to_str().unwrap()]);
        assert_eq!(status, 2, "doctrine eval accepts: {name}");
    }
}

fn nulls_and_left_out_facts_are_valid() {
    let validator = validator(&schema_of(CLOUD));
    let mut value = good();
    value["entity"]["kind"] = Value::Null; // required: unknown
    value["project"]["engaged_on"] = Value::Null; // optional: not set
    value["derogation"] = Value::Null; // a whole group left out
    assert_valid(&validator, Path::new("nulls"), value, false);
    assert_valid(&validator, Path::new("empty"), json!({}), false);
}

fn durations_validate_as_fact_files_write_them() {
    let validator = validator(&schema_of(PROCUREMENT));
    for (duration, ok) in [
        ("8 years", true),
        ("1 month", true),
        ("30days", true),
        ("1_000 days", true),
        ("1__0 days", false),
        ("eight years", false),
        ("8", false),
    ] {
        let value = json!({"purchase": {"duration": duration}});
        assert_eq!(validator.is_valid(&value), ok, "{duration}");
    }
}

fn schema_is_deterministic_and_follows_lang() {
    let (_, first) = doctrine(&["schema", CLOUD, "--lang", "fr"]);
    let (_, second) = doctrine(&["schema", CLOUD, "--lang", "fr"]);
    assert_eq!(first, second);
    let schema: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(
        schema["$schema"],
        json!("https://json-schema.org/draft/2020-12/schema")
    );
    assert_eq!(
        schema["properties"]["entity"]["properties"]["kind"]["title"],
        json!("Nature de l'entité")
    );
    let english = schema_of(CLOUD);
    assert_eq!(
        english["properties"]["entity"]["properties"]["kind"]["title"],
        json!("Kind of entity")
    );
    assert!(
        english.get("required").is_none(),
        "no fact is required in a fact file"
    );
}

tests![
    shipped_fact_files_validate,
    templates_validate,
    broken_fact_files_are_rejected_by_schema_and_by_eval,
    nulls_and_left_out_facts_are_valid,
    durations_validate_as_fact_files_write_them,
    schema_is_deterministic_and_follows_lang,
];
