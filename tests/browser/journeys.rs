//! The journeys of a user in the workbench.

use fantoccini::Locator;

use super::{Browser, Journey};

/// Every journey, by name.
pub fn trials() -> Vec<(&'static str, Journey)> {
    vec![("the_server_answers_a_browser", the_server_answers_a_browser)]
}

fn the_server_answers_a_browser(browser: &Browser, base: &str) -> Result<(), String> {
    let url = format!("{base}/health/live");
    let text = browser.step(async |c| {
        c.goto(&url).await?;
        c.find(Locator::Css("body")).await?.text().await
    })?;
    if text.contains("live") {
        Ok(())
    } else {
        Err(format!("the page shows {text:?}"))
    }
}
