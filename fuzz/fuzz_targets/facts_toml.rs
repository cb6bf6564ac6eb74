//! Fuzz target `facts_toml`: see `fuzz/src/lib.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    doctrine_fuzz::facts_toml(data);
});
