//! doctrine side by side with the same decision logic hand-written in plain Rust, in Rego
//! (regorus) and in Cedar, on the same inputs. See `benches/peers.rs` and
//! `docs/performance.md` in the main crate.

pub mod cedar;
pub mod engine;
pub mod native;
pub mod rego;
pub mod system;
