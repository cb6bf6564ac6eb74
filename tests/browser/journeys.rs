//! The journeys of a user in the workbench.

use fantoccini::Locator;

use super::{Browser, Journey};

/// Every journey, by name.
pub fn trials() -> Vec<(&'static str, Journey)> {
    vec![(
        "browse_to_r9_and_switch_languages",
        browse_to_r9_and_switch_languages,
    )]
}

/// The heading of the page shown.
fn heading(browser: &Browser) -> Result<String, String> {
    browser.step(async |c| c.find(Locator::Css("h1")).await?.text().await)
}

/// From the policy as law, to rule R9 by its link, in French, then in English by the
/// language switch.
fn browse_to_r9_and_switch_languages(browser: &Browser, base: &str) -> Result<(), String> {
    let home = format!("{base}/?lang=fr&on=2024-01-01");
    browser.step(async |c| {
        c.goto(&home).await?;
        c.find(Locator::Css(
            r#"a[href^="/rules/R9?"], a[href="/rules/R9"]"#,
        ))
        .await?
        .click()
        .await
    })?;
    let french = heading(browser)?;
    browser.screenshot("r9-fr");
    if !french.contains("R9") || !french.contains("Cloud commercial et données sensibles") {
        return Err(format!("R9's page in French shows the heading {french:?}"));
    }
    browser.step(async |c| {
        c.find(Locator::Css(r#"nav.languages a[hreflang="en"]"#))
            .await?
            .click()
            .await
    })?;
    let english = heading(browser)?;
    browser.screenshot("r9-en");
    if !english.contains("Commercial cloud and sensitive data") {
        return Err(format!(
            "R9's page in English shows the heading {english:?}"
        ));
    }
    let lang = browser.step(async |c| c.find(Locator::Css("html")).await?.attr("lang").await)?;
    if lang.as_deref() != Some("en") {
        return Err(format!("the page's language is {lang:?}"));
    }
    Ok(())
}
