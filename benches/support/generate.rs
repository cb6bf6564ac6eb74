//! Generated policies of any size, and a fact set that fits them, for the scaling benchmark.
//!
//! Each rule owns its facts, a definition and a parameter, and every fourth rule has an
//! exception, so checking and evaluation do the same work per rule at every size: a cost
//! that grows faster than the rule count shows in the per-rule figure.

use std::fmt::Write;

/// A policy with `rules` rules (and as many definitions and parameters, a quarter as many
/// exceptions, three facts per rule).
pub fn policy(rules: usize) -> String {
    let mut out = String::new();
    out.push_str(
        "policy generated text generated-v1 in force from 2020-01-01\n\
         verdicts\n  refused \"refused\"\n  unsure \"unsure\" as undecided\n  \
         tolerated \"tolerated\"\n  accepted \"accepted\" as satisfied\n  \
         elsewhere \"elsewhere\" as inapplicable\n\
         vocabulary channel\n  post \"post\"\n  mail \"mail\"\n  phone \"phone\"\n  desk \"desk\"\n",
    );
    for i in 0..rules {
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            "fact case{i}.amount: integer \"amount {i}\"\n\
             fact case{i}.active: bool = false \"active {i}\"\n\
             fact case{i}.channels: set of channel \"channels {i}\"\n\
             param limit{i}: integer = {limit} \"limit {i}\"\n\
             def over{i} = case{i}.amount > limit{i} and case{i}.channels meets {{mail, phone}}\n\
             rule R{i} \"rule {i}\"\n  \
               applies when case{i}.active or case{i}.amount >= 0\n  \
               requires not over{i} or case{i}.amount < 2 * limit{i}\n  \
               otherwise refused \"amount {{case{i}.amount}} over {{limit{i}}}\"\n",
            limit = 1000 + i,
        );
        if i % 4 == 0 {
            let _ = write!(
                out,
                "exception E{i} to R{i} \"exception {i}\"\n  \
                   when case{i}.active and desk in case{i}.channels\n  \
                   gives tolerated\n",
            );
        }
    }
    out
}

/// A JSON fact set for [`policy`] of the same size: every fact known, a mix of verdicts.
pub fn facts(rules: usize) -> String {
    let mut out = String::from("{");
    for i in 0..rules {
        let amount = match i % 3 {
            0 => 10,
            1 => 1500 + i,
            _ => 5000 + 3 * i,
        };
        let channels = match i % 4 {
            0 => "[\"desk\", \"mail\"]",
            1 => "[\"phone\"]",
            2 => "[]",
            _ => "[\"post\", \"mail\"]",
        };
        let separator = if i == 0 { "" } else { "," };
        let _ = write!(
            out,
            "{separator}\"case{i}\": {{\"amount\": {amount}, \"active\": {active}, \"channels\": {channels}}}",
            active = i % 2 == 0,
        );
    }
    out.push('}');
    out
}
