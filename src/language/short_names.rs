//! The short names sources are cited by in text output (`short "NIS2"`): a citation written
//! "title, pinpoint" becomes "short, pinpoint", so a long title is not repeated at each rule.

use crate::language::program::SourceInfo;

/// The titles of the sources that have a short name, each with it, the longest title first
/// (so that a title that begins another one never takes its citations).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShortNames(Vec<(String, String)>);

impl ShortNames {
    /// The short names of a policy's sources; empty when none has one.
    pub fn of(sources: &[SourceInfo]) -> ShortNames {
        let mut names: Vec<(String, String)> = sources
            .iter()
            .filter_map(|s| Some((s.title.clone(), s.short.clone()?)))
            .collect();
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        ShortNames(names)
    }

    /// Whether no source has a short name: text output is then as written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A citation as text output shows it: "NIS2, Art. 3(1)(a)" for "Directive …, Art.
    /// 3(1)(a)"; unchanged when its source has no short name.
    pub fn cite(&self, cite: &str) -> String {
        for (title, short) in &self.0 {
            if cite == title {
                return short.clone();
            }
            if let Some(pinpoint) = cite
                .strip_prefix(title.as_str())
                .and_then(|rest| rest.strip_prefix(", "))
            {
                return format!("{short}, {pinpoint}");
            }
        }
        cite.to_string()
    }

    /// Each citation as text output shows it.
    pub fn cites(&self, cites: &[String]) -> Vec<String> {
        cites.iter().map(|c| self.cite(c)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(title: &str, short: Option<&str>) -> SourceInfo {
        SourceInfo {
            key: String::from("k"),
            title: title.to_string(),
            short: short.map(str::to_string),
            url: None,
        }
    }

    #[test]
    fn a_citation_takes_its_source_short_name() {
        let names = ShortNames::of(&[
            source("Code", Some("C")),
            source("Code, part 2", Some("C2")),
            source("Memo", None),
        ]);
        assert_eq!(names.cite("Code, part 2, art. 1"), "C2, art. 1");
        assert_eq!(names.cite("Code, art. 1"), "C, art. 1");
        assert_eq!(names.cite("Code"), "C");
        assert_eq!(names.cite("Memo, § 2"), "Memo, § 2");
        assert!(ShortNames::of(&[source("Memo", None)]).is_empty());
    }
}
