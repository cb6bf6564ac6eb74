//! `doctrine check --format sarif` writes a SARIF 2.1.0 log code hosts accept: the keys
//! they require, every result naming a listed rule, and a known finding at its place.

#![allow(clippy::indexing_slicing)]

use std::process::Command;

fn sarif_log_has_the_required_shape_and_a_known_finding() -> Result<(), String> {
    let output = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .args([
            "check",
            "tests/cases/lint/unused-fact/policy.doctrine",
            "--format",
            "sarif",
        ])
        .output()
        .map_err(|e| e.to_string())?;
    assert_eq!(output.status.code(), Some(0));
    let log: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
    assert_eq!(log["version"], "2.1.0");
    assert!(
        log["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("sarif-2.1.0"))
    );
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "doctrine");
    let rules = driver["rules"].as_array().ok_or("rules is not an array")?;
    for rule in rules {
        assert!(rule["id"].is_string(), "a rule without id: {rule}");
        assert!(rule["shortDescription"]["text"].is_string());
    }
    let results = run["results"].as_array().ok_or("results is not an array")?;
    for result in results {
        let id = result["ruleId"].as_str().ok_or("a result without ruleId")?;
        let index = result["ruleIndex"]
            .as_u64()
            .ok_or("a result without ruleIndex")?;
        assert_eq!(rules[index as usize]["id"], id);
        assert!(
            ["error", "warning", "note", "none"].contains(&result["level"].as_str().unwrap_or(""))
        );
        assert!(result["message"]["text"].is_string());
        for location in result["locations"].as_array().ok_or("no locations")? {
            let physical = &location["physicalLocation"];
            assert!(physical["artifactLocation"]["uri"].is_string());
            let region = &physical["region"];
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(
                    region[key].as_u64().is_some_and(|n| n >= 1),
                    "{key} in {region}"
                );
            }
        }
    }
    let unused = results
        .iter()
        .find(|r| {
            r["ruleId"] == "doctrine::lint::unused_fact"
                && r["message"]["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("`colour`"))
        })
        .ok_or("the unused fact `colour` is not reported")?;
    assert_eq!(unused["level"], "warning");
    let region = &unused["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 7);
    assert_eq!(region["startColumn"], 6);
    assert_eq!(region["endColumn"], 12);
    Ok(())
}

tests![sarif_log_has_the_required_shape_and_a_known_finding,];
