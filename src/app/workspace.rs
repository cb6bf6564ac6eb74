//! A loaded policy: its base text and amendments compiled, its `--set` overrides parsed, the
//! message language and the day that stands for today. Every operation starts here.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;

use super::load::FactSource;
use crate::diagnostic::Diagnostics;
use crate::eval::overrides::Override;
use crate::eval::{EvalOptions, FactSet};
use crate::language::ast::Lang;
use crate::language::program::Program;
use crate::source::{FileId, SourceMap};

/// What names a policy: its file or folder, local amendments, and parameter overrides.
#[derive(Clone, Debug, Default)]
pub struct PolicySpec {
    /// The policy: a `.doctrine` file, or a folder with a base policy and its amendments.
    pub policy: PathBuf,
    /// Local amendments, applied after the policy's own.
    pub amend: Vec<PathBuf>,
    /// `NAME=VALUE` overrides, each value written as in a policy file.
    pub set: Vec<String>,
}

/// A policy that could not be loaded: its errors, and the sources they point into.
#[derive(Debug)]
pub struct Failed {
    /// The errors.
    pub diagnostics: Diagnostics,
    /// The files read, for rendering the errors.
    pub sources: SourceMap,
}

/// A loaded policy and what every operation on it shares. Cloning it is cheap (the checked
/// policy and the texts are shared): a server clones its workspace for each request, which
/// then adds its facts, overrides, language and day to its own copy.
#[derive(Clone, Debug)]
pub struct Workspace {
    /// Every file read so far (policy, amendments, facts); diagnostics point into it.
    pub sources: SourceMap,
    /// The checked policy.
    pub program: Arc<Program>,
    /// Its fact index: what the fast reader of JSON fact sets binds by.
    pub index: Arc<crate::facts::FactIndex>,
    /// The overrides that parsed.
    pub overrides: Vec<Override>,
    /// What named the policy.
    pub spec: PolicySpec,
    /// The language of messages and reports.
    pub lang: Lang,
    /// The day that stands for today.
    pub today: Today,
    /// The errors of the overrides that did not parse: reported with a request's own.
    override_errors: Diagnostics,
}

impl Workspace {
    /// Loads and checks the policy and its amendments, and parses the overrides. A policy
    /// that does not load fails at once; bad overrides are kept for [`Workspace::errors`].
    pub fn open(spec: PolicySpec, lang: Lang) -> Result<Workspace, Failed> {
        let mut sources = SourceMap::new();
        let program = match super::load::load_policy(&spec.policy, &spec.amend, &mut sources) {
            Ok(program) => program,
            Err(diagnostics) => {
                return Err(Failed {
                    diagnostics,
                    sources,
                });
            }
        };
        let mut override_errors = Diagnostics::new();
        let overrides = parse_overrides(&program, &spec.set, &mut sources, &mut override_errors);
        Ok(Workspace {
            sources,
            index: Arc::new(crate::facts::FactIndex::new(&program)),
            program: Arc::new(program),
            overrides,
            spec,
            lang,
            today: Today::system(),
            override_errors,
        })
    }

    /// A copy of this workspace for one request: messages in `lang`, `today` for today, and
    /// the request's own `NAME=VALUE` overrides added to the workspace's (for a parameter
    /// set by both, the request's wins). Their errors are the copy's [`Workspace::errors`].
    pub fn for_request(&self, lang: Lang, set: &[String], today: Today) -> Workspace {
        let mut copy = self.clone();
        copy.lang = lang;
        copy.today = today;
        if !set.is_empty() {
            let added = parse_overrides(
                &copy.program,
                set,
                &mut copy.sources,
                &mut copy.override_errors,
            );
            copy.overrides
                .retain(|given| !added.iter().any(|o| o.0 == given.0));
            // The record names what decided: the workspace's assignments the request
            // replaced are left out of it, so that a replay sets what the request set.
            let replaced = |assignment: &String| {
                let name = assignment.split_once('=').map_or("", |(n, _)| n.trim());
                added.iter().any(|o| {
                    copy.program
                        .params
                        .get(o.0 as usize)
                        .is_some_and(|p| p.name == name)
                })
            };
            copy.spec.set.retain(|a| !replaced(a));
            copy.overrides.extend(added);
            copy.spec.set.extend(set.iter().cloned());
        }
        copy
    }

    /// The errors standing before any request: those of the overrides. A request adds its
    /// own and runs only if there are none.
    pub fn errors(&self) -> Diagnostics {
        self.override_errors.clone()
    }

    /// The options of an evaluation of `facts`: the evaluation-date rule (`asked`, else the
    /// facts' `evaluated_on`, else today) and the overrides.
    pub fn options(&self, asked: Option<Date>, facts: &FactSet) -> EvalOptions {
        EvalOptions {
            on: self.today.date_for(asked, facts),
            overrides: self.overrides.clone(),
        }
    }

    /// Loads one fact set; its errors join `errors`, and nothing is returned while any
    /// error (of the facts or before them) stands.
    pub fn fact_set(
        &mut self,
        source: FactSource<'_>,
        errors: &mut Diagnostics,
    ) -> Option<(FactSet, FileId)> {
        match source.load(&self.program, &mut self.sources, &[]) {
            Ok((facts, _, file)) if errors.is_empty() => Some((facts, file)),
            Ok(_) => None,
            Err(e) => {
                errors.extend(e);
                None
            }
        }
    }

    /// What a decision record keeps of how the policy was loaded.
    pub fn record_inputs(&self) -> crate::analysis::record::Inputs {
        crate::analysis::record::Inputs {
            given: crate::analysis::record::Given {
                policy: self.spec.policy.display().to_string(),
                amendments: self
                    .spec
                    .amend
                    .iter()
                    .map(|a| a.display().to_string())
                    .collect(),
                set: self.spec.set.clone(),
            },
            lang: self.lang,
        }
    }
}

/// Parses `NAME=VALUE` overrides, adding the errors of the bad ones to `errors`.
pub fn parse_overrides(
    program: &Program,
    assignments: &[String],
    sources: &mut SourceMap,
    errors: &mut Diagnostics,
) -> Vec<Override> {
    let mut overrides = Vec::new();
    for assignment in assignments {
        match crate::eval::overrides::parse_override(program, assignment, sources) {
            Ok(o) => overrides.push(o),
            Err(e) => errors.extend(e),
        }
    }
    overrides
}

impl Workspace {
    /// The JSON Schema (2020-12) of the policy's fact files, in the workspace's language.
    pub fn schema(&self) -> serde_json::Value {
        crate::facts::schema::schema(&self.program, self.lang)
    }

    /// A commented YAML fact-file template with every fact the policy reads.
    pub fn template(&self) -> String {
        crate::facts::template::template(&self.program, self.lang)
    }
}

/// The day that stands for "today": the system clock's, read lazily, or a fixed day (a
/// server's request, a reproducible run).
#[derive(Clone, Debug, Default)]
pub struct Today {
    day: OnceLock<Date>,
}

impl Today {
    /// Today by the system clock, read on first use.
    pub fn system() -> Today {
        Today::default()
    }

    /// A fixed day standing for today.
    pub fn fixed(day: Date) -> Today {
        Today {
            day: OnceLock::from(day),
        }
    }

    /// The day, reading the clock the first time only.
    pub fn get(&self) -> Date {
        *self.day.get_or_init(|| jiff::ZonedDateTime::now().date())
    }

    /// The evaluation date of `facts` ([`crate::eval::evaluation_date`]): the day `asked`,
    /// else the facts' own `evaluated_on`, else this day.
    pub fn date_for(&self, asked: Option<Date>, facts: &FactSet) -> Date {
        crate::eval::evaluation_date(asked, facts, || self.get())
    }
}

impl From<Date> for Today {
    fn from(day: Date) -> Today {
        Today::fixed(day)
    }
}
