//! regorus, in its fastest mode: the policy compiled once to its bytecode VM, the VM reused,
//! each evaluation setting the input and executing.

use std::sync::Arc;

use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::RegoVM;
use regorus::{Engine, Value};

use crate::system::{Input, Outcome};

/// The policy (`policy/subset.rego`).
pub const POLICY: &str = include_str!("../policy/subset.rego");
const ENTRY_POINT: &str = "data.cloud.result";

/// A VM loaded with the compiled policy.
pub fn vm() -> RegoVM {
    let mut engine = Engine::new();
    if let Err(e) = engine.add_policy("subset.rego".to_owned(), POLICY.to_owned()) {
        panic!("subset.rego: {e}");
    }
    let entry: regorus::Rc<str> = ENTRY_POINT.into();
    let compiled = match engine.compile_with_entrypoint(&entry) {
        Ok(compiled) => compiled,
        Err(e) => panic!("subset.rego: {e}"),
    };
    let program = match Compiler::compile_from_policy(&compiled, &[ENTRY_POINT]) {
        Ok(program) => program,
        Err(e) => panic!("subset.rego to bytecode: {e}"),
    };
    let mut vm = RegoVM::new();
    vm.load_program(Arc::clone(&program));
    vm
}

/// An input as a Rego value.
pub fn input(input: &Input) -> Value {
    match Value::from_json_str(input.json) {
        Ok(value) => value,
        Err(e) => panic!("{}: {e}", input.name),
    }
}

/// Evaluates an input.
pub fn evaluate(vm: &mut RegoVM, input: &Value) -> Value {
    vm.set_input(input.clone());
    match vm.execute() {
        Ok(value) => value,
        Err(e) => panic!("subset.rego: {e}"),
    }
}

/// The outcome to compare with the other engines.
pub fn outcome(result: &Value) -> Outcome {
    let text = |v: &Value| match v {
        Value::String(s) => s.to_string(),
        other => format!("{other}"),
    };
    let decision = text(&result["decision"]);
    let mut verdicts = Vec::new();
    if let Ok(map) = result["verdicts"].as_object() {
        for (rule, verdict) in map.iter() {
            verdicts.push((text(rule), text(verdict)));
        }
    }
    Outcome::from_verdicts(
        &decision,
        verdicts.iter().map(|(r, v)| (r.as_str(), v.as_str())),
    )
}
