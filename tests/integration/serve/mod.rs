//! `doctrine serve` tested over HTTP: the real server on an ephemeral loopback port.

mod analyses;
mod decide;
mod docs;
mod openapi;
mod pages;
mod reload;
pub mod support;

/// The trials of every server test module.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let mut all = decide::trials();
    all.extend(analyses::trials());
    all.extend(reload::trials());
    all.extend(docs::trials());
    all.extend(openapi::trials());
    all.extend(pages::trials());
    all
}
