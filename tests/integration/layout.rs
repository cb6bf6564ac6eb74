//! The integration tests stay one binary: a `tests/*.rs` file would be built and linked as a
//! test program of its own, so each one belongs in `tests/integration/` as a module.

#![allow(clippy::panic, reason = "tests may panic")]

fn no_test_file_outside_the_binary() {
    let mut outside: Vec<String> = std::fs::read_dir("tests")
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .map(|p| p.display().to_string())
                .collect()
        })
        .unwrap_or_default();
    outside.sort();
    if !outside.is_empty() {
        panic!(
            "move these into tests/integration/ as modules (see tests/integration/main.rs): {}",
            outside.join(", ")
        );
    }
}

tests![no_test_file_outside_the_binary];
