//! The decision record: what an evaluation read (each text applied and the facts, with the
//! SHA-256 of their bytes), its date, language, overrides and the tool's version: enough to
//! replay it later and get the same bytes.

use serde::{Deserialize, Serialize};

use crate::eval::decision::Decision;
use crate::language::ast::Lang;
use crate::language::program::Program;
use crate::source::{FileId, SourceMap};

/// The name the tool records itself under.
pub const TOOL: &str = "doctrine";

/// The record of one decision, the `record` object of `eval --format json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The tool that decided (`doctrine`).
    pub tool: String,
    /// Its version.
    pub version: String,
    /// The day the evaluation spoke of (`YYYY-MM-DD`).
    pub evaluated_on: String,
    /// The language of the messages (`fr` or `en`).
    pub lang: String,
    /// The policy, its amendments and overrides, as given.
    #[serde(flatten)]
    pub given: Given,
    /// The texts applied, base first: each with its file and the SHA-256 of its bytes.
    pub texts: Vec<TextFile>,
    /// The fact file and the SHA-256 of the bytes read (`-`: standard input).
    pub facts: FactsFile,
}

/// A text applied and the file it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextFile {
    /// The text's id, as its file declares it.
    pub id: String,
    /// The file, as the evaluation named it.
    pub file: String,
    /// The SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
}

/// The fact file an evaluation read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactsFile {
    /// The path as given (`-` for standard input).
    pub file: String,
    /// The SHA-256 of the bytes read, lowercase hex.
    pub sha256: String,
}

/// How a run was given its policy: what a record keeps to load it again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Given {
    /// The policy argument, as given: a file or a folder.
    pub policy: String,
    /// The local amendments (`--amend`), as given, in order.
    pub amendments: Vec<String>,
    /// The parameter overrides (`--set NAME=VALUE`), as given, in order.
    pub set: Vec<String>,
}

/// What a run was asked, as given on its command line.
#[derive(Clone, Debug)]
pub struct Inputs {
    /// The policy, its amendments and overrides.
    pub given: Given,
    /// The message language.
    pub lang: Lang,
}

impl Record {
    /// The record of `decision`, whose facts were read as `facts` (given as `facts_name`).
    pub fn new(
        inputs: &Inputs,
        program: &Program,
        sources: &SourceMap,
        decision: &Decision,
        facts_name: &str,
        facts: FileId,
    ) -> Record {
        let digest = sources.get(facts).map(|f| f.sha256()).unwrap_or_default();
        Record::with_facts_digest(inputs, program, sources, decision, facts_name, digest)
    }

    /// The record of a decision on facts known by their SHA-256 only (a line of a batch).
    pub fn with_facts_digest(
        inputs: &Inputs,
        program: &Program,
        sources: &SourceMap,
        decision: &Decision,
        facts_name: &str,
        facts_sha256: String,
    ) -> Record {
        let texts = decision
            .texts
            .iter()
            .map(|applied| {
                let file = program
                    .texts
                    .iter()
                    .find(|t| t.id == applied.id)
                    .and_then(|t| sources.get(t.file));
                TextFile {
                    id: applied.id.clone(),
                    file: file.map(|f| f.name.clone()).unwrap_or_default(),
                    sha256: file.map(|f| f.sha256()).unwrap_or_default(),
                }
            })
            .collect();
        Record {
            tool: TOOL.to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            evaluated_on: decision.evaluated_on.to_string(),
            lang: inputs.lang.code().to_string(),
            given: inputs.given.clone(),
            texts,
            facts: FactsFile {
                file: facts_name.to_string(),
                sha256: facts_sha256,
            },
        }
    }

    /// The recorded language, if it is a language tag.
    pub fn language(&self) -> Option<Lang> {
        Lang::parse(&self.lang).ok()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests may unwrap")]
    use super::*;

    #[test]
    fn a_record_reads_back_as_written() {
        let record = Record {
            tool: TOOL.into(),
            version: "1.2.3".into(),
            evaluated_on: "2024-01-15".into(),
            lang: "fr".into(),
            given: Given {
                policy: "p".into(),
                amendments: vec!["a.doctrine".into()],
                set: vec!["n=3".into()],
            },
            texts: vec![TextFile {
                id: "t".into(),
                file: "p/t.doctrine".into(),
                sha256: "00".into(),
            }],
            facts: FactsFile {
                file: "-".into(),
                sha256: "11".into(),
            },
        };
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(serde_json::from_value::<Record>(json).unwrap(), record);
        assert_eq!(record.language(), Some(Lang::FR));
    }

    #[test]
    fn sha256_is_the_standard_digest() {
        assert_eq!(
            crate::source::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
