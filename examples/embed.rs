//! Embedding the library: load the shipped doctrine once, then evaluate fact sets.
//!
//! Run it with `cargo run --example embed`.

use std::path::Path;

use doctrine::eval::EvalOptions;
use doctrine::facts::Format;
use doctrine::language::ast::Lang;
use doctrine::source::SourceMap;

fn main() -> std::process::ExitCode {
    let mut sources = SourceMap::new();
    // Parse and check the base text and its amendments once.
    let program = match doctrine::app::load::load_policy(
        Path::new("policies/cloud-au-centre"),
        &[],
        &mut sources,
    ) {
        Ok(program) => program,
        Err(diagnostics) => {
            eprint!(
                "{}",
                doctrine::report::diagnostics::render(&diagnostics, &sources, false)
            );
            return std::process::ExitCode::from(2);
        }
    };
    // A fact set from any text: here, JSON built by the embedding service.
    let system = r#"{
        "entity": {"kind": "state_operator"},
        "project": {"stage": "new", "full_cost_eur": 450000},
        "services": ["website"],
        "data": {"personal": false, "health": false, "citizens_personal": false,
                 "companies_economic": false, "agents_business": false,
                 "legal_secret": false, "essential_mission": false, "breach_impact": []},
        "hosting": {"kind": "commercial_cloud", "secnumcloud": false, "extra_eu_immune": false,
                    "zones": 3, "reversibility_planned": true}
    }"#;
    let file = sources.add("system.json", system);
    let facts = match doctrine::bind_facts(&program, &sources, file, Format::Json) {
        Ok(facts) => facts,
        Err(diagnostics) => {
            eprint!(
                "{}",
                doctrine::report::diagnostics::render(&diagnostics, &sources, false)
            );
            return std::process::ExitCode::from(2);
        }
    };
    // Evaluate the same system under the 2021 text and under the 2023 amendment.
    for day in ["2022-03-01", "2024-03-01"] {
        let Ok(on) = day.parse() else { continue };
        let options = EvalOptions {
            on,
            overrides: Vec::new(),
        };
        match doctrine::evaluate(&program, &facts, &options) {
            Ok(decision) => {
                let texts: Vec<&str> = decision.texts.iter().map(|t| t.id.as_str()).collect();
                let advice: Vec<&str> = decision.advice.iter().map(|a| a.id.as_str()).collect();
                println!(
                    "{day}: {} (texts: {}; advice: {})",
                    decision.decision.name,
                    texts.join(", "),
                    advice.join(", ")
                );
                for result in &decision.results {
                    println!(
                        "  {} {}: {}",
                        result.rule,
                        result.verdict.name,
                        result.message.get(Lang::EN).unwrap_or("")
                    );
                }
            }
            Err(error) => eprintln!("{}", error.message),
        }
    }
    std::process::ExitCode::SUCCESS
}
