//! The analyses of one case on a loaded policy: explain a decision, search remedies, follow
//! a decision through time, and list the parameters on a day. Each checks the whole
//! request first and returns every error of it together.

use jiff::civil::Date;

use super::load::FactSource;
use super::names;
use super::workspace::Workspace;
use crate::analysis::explain::{Detail, Explanation};
use crate::analysis::provenance::ParamOnDay;
use crate::analysis::remedy::{RemedyReport, Request};
use crate::analysis::timeline::{Period, default_from, default_to};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::{EvalError, EvalOptions, FactSet};
use crate::source::FileId;

/// What remedies to search for.
#[derive(Clone, Debug)]
pub struct RemedyAsk {
    /// What to reach, as `--target` writes it: a verdict (reached or bettered), a name of the
    /// outcome the policy decides by, or `OUTCOME=VALUE`; `None`: any better verdict, or for
    /// a policy that decides by an outcome, any decision but those it fails on.
    pub target: Option<String>,
    /// Patterns of the facts that may not change.
    pub fixed: Vec<String>,
    /// The most changes in one remedy.
    pub max_changes: usize,
    /// How many remedies to find.
    pub limit: usize,
    /// The most evaluations the search makes (and, in proportion, the memory it keeps).
    pub budget: usize,
}

/// The remedies found, and the day they were searched on.
#[derive(Debug)]
pub struct Remedies {
    /// The report of the search.
    pub report: RemedyReport,
    /// The evaluation date.
    pub on: Date,
}

/// One case's decision through time.
#[derive(Debug)]
pub struct Timeline {
    /// The fact set's name.
    pub facts: String,
    /// The last day looked at.
    pub to: Date,
    /// The periods in which the decision stands.
    pub periods: Vec<Period>,
}

impl Timeline {
    /// What its report shows above the periods: the fact set, the policy `policy`, the
    /// window from `from` and the overrides in force.
    pub fn heading<'a>(
        &'a self,
        policy: &'a str,
        from: Date,
    ) -> crate::report::timeline::Heading<'a> {
        crate::report::timeline::Heading {
            facts: &self.facts,
            policy,
            from,
            to: self.to,
            overrides: self.periods.first().map_or(&[], |p| &p.decision.overrides),
        }
    }
}

impl Workspace {
    /// Loads one case and sets its options by the evaluation-date rule, after the errors
    /// already found (`errors`); `None` while any error stands.
    pub fn case(
        &mut self,
        facts: FactSource<'_>,
        on: Option<Date>,
        errors: &mut Diagnostics,
    ) -> Option<(FactSet, EvalOptions, FileId)> {
        let (facts, file) = self.fact_set(facts, errors)?;
        let options = self.options(on, &facts);
        Some((facts, options, file))
    }

    /// An evaluation error of a case, pointing at the values it read in the case's file.
    fn in_case(&self, error: &EvalError, name: &str, file: FileId) -> Diagnostics {
        error
            .in_fact_file(name, &self.program, &self.sources, file)
            .into()
    }

    /// Explains one case's decision, all of it, one rule (`detail.rule`, which must be
    /// in force on the day) or one outcome (`detail.outcome`).
    pub fn explain(
        &mut self,
        facts: FactSource<'_>,
        on: Option<Date>,
        detail: &Detail,
    ) -> Result<Explanation, Diagnostics> {
        let mut errors = self.errors();
        if let Some(id) = &detail.rule
            && let Err(e) = names::rule(&self.program, id)
        {
            errors.push(e);
        }
        if let Some(name) = &detail.outcome
            && let Err(e) = names::outcome(&self.program, name)
        {
            errors.push(e);
        }
        let Some((facts_set, options, file)) = self.case(facts, on, &mut errors) else {
            return Err(errors);
        };
        if let Some(id) = &detail.rule {
            let texts = crate::analysis::provenance::texts_in_force(&self.program, options.on);
            let rules = &self.program.rules;
            if !rules
                .iter()
                .any(|r| &r.id == id && r.versions.at(texts).is_some())
            {
                return Err(Diagnostic::error(
                    "doctrine::cli",
                    format!("`--rule {id}`: the rule is not in force on {}", options.on),
                )
                .with_help("a text in force on that day must declare it; see `--on`")
                .into());
            }
        }
        if let Some(name) = &detail.outcome {
            let texts = crate::analysis::provenance::texts_in_force(&self.program, options.on);
            let defs = &self.program.defs;
            if !defs
                .iter()
                .any(|d| &d.name == name && d.versions.at(texts).is_some())
            {
                return Err(Diagnostic::error(
                    "doctrine::cli",
                    format!(
                        "`--outcome {name}`: the outcome is not in force on {}",
                        options.on
                    ),
                )
                .with_help("a text in force on that day must declare it; see `--on`")
                .into());
            }
        }
        let decision = crate::eval::evaluate(&self.program, &facts_set, &options)
            .map_err(|error| self.in_case(&error, facts.name(), file))?;
        Ok(crate::analysis::explain::explain(
            &self.program,
            &self.sources,
            &facts_set,
            &options,
            &decision,
            detail,
        ))
    }

    /// The smallest sets of fact changes that would move one case's decision to a target.
    pub fn remedy(
        &mut self,
        facts: FactSource<'_>,
        on: Option<Date>,
        ask: &RemedyAsk,
    ) -> Result<Remedies, Diagnostics> {
        let mut errors = self.errors();
        let target = if errors.is_empty() {
            super::target::remedy_target(&self.program, &mut self.sources, ask.target.as_deref())
                .map_err(|e| errors.extend(e))
                .ok()
                .flatten()
        } else {
            None
        };
        let fixed = names::fixed_facts(&self.program, &ask.fixed, &mut errors);
        let Some((facts_set, options, file)) = self.case(facts, on, &mut errors) else {
            return Err(errors);
        };
        let request = Request {
            target,
            fixed,
            max_changes: ask.max_changes,
            limit: ask.limit,
            budget: ask.budget,
        };
        let report =
            crate::analysis::remedy::remedies(&self.program, &facts_set, &options, &request)
                .map_err(|error| self.in_case(&error, facts.name(), file))?;
        Ok(Remedies {
            report,
            on: options.on,
        })
    }

    /// Each case's decision from `from` (default: the day before the first text comes into
    /// force) to `to` (default: five years after the latest date of the policy and facts).
    pub fn timelines(
        &mut self,
        facts: &[FactSource<'_>],
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<(Date, Vec<Timeline>), Diagnostics> {
        let mut errors = Diagnostics::new();
        let start = from.unwrap_or_else(|| default_from(&self.program));
        if let Some(to) = to
            && to < start
        {
            errors.push(match from {
                Some(_) => Diagnostic::error(
                    "doctrine::cli",
                    format!("`--from {start}` is after `--to {to}`"),
                )
                .with_help("the window runs from --from to --to, both included"),
                None => Diagnostic::error(
                    "doctrine::cli",
                    format!(
                        "`--to {to}` is before {start}, the day before the first text comes into force"
                    ),
                )
                .with_help("give --from too"),
            });
        }
        errors.extend(self.errors());
        let mut loaded = Vec::new();
        for source in facts {
            match source.load(&self.program, &mut self.sources, &[]) {
                Ok((facts, _, id)) => loaded.push((source.name().to_string(), facts, id)),
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut timelines = Vec::new();
        for (name, facts, id) in loaded {
            let end = to.unwrap_or_else(|| default_to(&self.program, &facts, start));
            let periods = crate::analysis::timeline::timeline(
                &self.program,
                &facts,
                &self.overrides,
                start,
                end,
            );
            match periods {
                Ok(periods) => timelines.push(Timeline {
                    facts: name,
                    to: end,
                    periods,
                }),
                Err(error) => {
                    errors.push(error.in_fact_file(&name, &self.program, &self.sources, id));
                }
            }
        }
        if errors.is_empty() {
            Ok((start, timelines))
        } else {
            Err(errors)
        }
    }

    /// Every parameter on `on` (default: today), with its value and where it comes from.
    pub fn params(&self, on: Option<Date>) -> Result<(Date, Vec<ParamOnDay<'_>>), Diagnostics> {
        let errors = self.errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        let on = on.unwrap_or_else(|| self.today.get());
        let params = crate::analysis::provenance::params_on(&self.program, on, &self.overrides);
        Ok((on, params))
    }
}
