//! The decision logic hand-written in plain Rust over the serde structs: the practical limit
//! of speed. Known facts only (no three-valued logic), no explanation: verdicts, the
//! exception's last day, and the ids of advice and notes.

use jiff::ToSpan;
use jiff::civil::{Date, date};

use crate::system::{EntityKind, HostingKind, Outcome, Service, Stage, System};

/// The verdicts of the shipped doctrine, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    NonCompliant,
    NeedsReview,
    TemporarilyAllowed,
    Compliant,
    NotApplicable,
}

impl Verdict {
    /// The name in the policy.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::NonCompliant => "non_compliant",
            Verdict::NeedsReview => "needs_review",
            Verdict::TemporarilyAllowed => "temporarily_allowed",
            Verdict::Compliant => "compliant",
            Verdict::NotApplicable => "not_applicable",
        }
    }
}

/// A decision: the worst verdict, until when, each rule's verdict, advice and notes.
#[derive(Clone, Debug, Default)]
pub struct Decision {
    pub decision: Option<Verdict>,
    pub until: Option<Date>,
    pub rules: Vec<(&'static str, Verdict, Option<Date>)>,
    pub advice: Vec<&'static str>,
    pub notes: Vec<&'static str>,
}

impl Decision {
    /// The outcome to compare with the other engines.
    pub fn outcome(&self) -> Outcome {
        let decision = self.decision.unwrap_or(Verdict::NotApplicable);
        Outcome::from_verdicts(
            decision.name(),
            self.rules
                .iter()
                .map(|(rule, verdict, _)| (*rule, verdict.name())),
        )
    }

    fn finish(&mut self) {
        let worst = self
            .rules
            .iter()
            .map(|r| r.1)
            .min()
            .unwrap_or(Verdict::Compliant);
        self.decision = Some(worst);
        self.until = self
            .rules
            .iter()
            .filter(|r| r.1 == worst)
            .filter_map(|r| r.2)
            .min();
    }
}

const BASE_IN_FORCE: Date = date(2021, 7, 10);
const AMENDMENT_IN_FORCE: Date = date(2023, 6, 1);
const DOCTRINE_DATE: Date = date(2021, 7, 5);
const MAJOR_EVOLUTION_RATIO: f64 = 0.5;
const STUDY_THRESHOLD_EUR: f64 = 1_000_000.0;
const MIN_ZONES: i64 = 2;

fn agent_tool(service: Service) -> bool {
    !matches!(
        service,
        Service::BusinessApplication | Service::Website | Service::Other
    )
}

fn derogable_tool(service: Service) -> bool {
    matches!(service, Service::Email | Service::PersonalDrive)
}

fn snap_covered(service: Service) -> bool {
    matches!(
        service,
        Service::Documents
            | Service::Collaboration
            | Service::InstantMessaging
            | Service::Audioconference
            | Service::Videoconference
            | Service::Webinar
    )
}

/// What the rules share.
struct Facts<'a> {
    system: &'a System,
    on: Date,
    cloud: bool,
    commercial: bool,
    trusted: bool,
    agent_tools_used: bool,
}

impl<'a> Facts<'a> {
    fn new(system: &'a System) -> Facts<'a> {
        let kind = system.hosting.kind;
        Facts {
            system,
            on: system.evaluated_on,
            cloud: matches!(
                kind,
                HostingKind::InternalCloud | HostingKind::CommercialCloud
            ),
            commercial: kind == HostingKind::CommercialCloud,
            trusted: system.hosting.secnumcloud && system.hosting.extra_eu_immune,
            agent_tools_used: system.services.iter().any(|s| agent_tool(*s)),
        }
    }

    fn in_scope(&self) -> bool {
        matches!(
            self.system.entity.kind,
            EntityKind::StateAdministration | EntityKind::StateOperator
        )
    }

    fn sensitive_2021(&self) -> bool {
        let data = &self.system.data;
        data.citizens_personal
            || data.companies_economic
            || data.agents_business
            || self.agent_tools_used
    }

    fn cloud_by_default(&self) -> bool {
        let project = &self.system.project;
        project.stage == Stage::New
            || (project.stage == Stage::Evolution
                && (project.provider_change
                    || project.evolution_cost_ratio >= MAJOR_EVOLUTION_RATIO))
    }

    fn engaged_before_doctrine(&self) -> bool {
        self.system
            .project
            .engaged_on
            .is_some_and(|d| d < DOCTRINE_DATE)
    }

    fn tools_derogable(&self) -> bool {
        !self.agent_tools_used
            || (self.system.project.very_advanced
                && self
                    .system
                    .services
                    .iter()
                    .all(|s| !agent_tool(*s) || derogable_tool(*s)))
    }

    /// R6 and its exception R7.
    fn r6(&self) -> Option<Verdict> {
        let project = &self.system.project;
        self.cloud_by_default().then(|| {
            if self.system.hosting.kind != HostingKind::OnPremises
                || project.full_cost_eur < STUDY_THRESHOLD_EUR
                || project.comparative_study_sent
            {
                Verdict::Compliant
            } else {
                Verdict::NonCompliant
            }
        })
    }

    /// R9 and its transitional derogation, with the derogation's last day.
    fn r9(&self, sensitive: bool, conditions: bool) -> Option<(Verdict, Option<Date>)> {
        if !self.commercial {
            return None;
        }
        if !sensitive || self.trusted {
            return Some((Verdict::Compliant, None));
        }
        if self.system.derogation.minister && conditions {
            let until = self
                .system
                .derogation
                .acceptable_offer_since
                .and_then(|since| since.checked_add(12.months()).ok());
            if until.is_none_or(|last| self.on <= last) {
                return Some((Verdict::TemporarilyAllowed, until));
            }
        }
        Some((Verdict::NonCompliant, None))
    }

    fn r4(&self) -> Option<Verdict> {
        self.commercial
            .then(|| pass(self.system.hosting.reversibility_planned))
    }

    fn r5(&self) -> Option<Verdict> {
        self.cloud
            .then(|| pass(self.system.hosting.zones >= MIN_ZONES))
    }
}

fn pass(holds: bool) -> Verdict {
    if holds {
        Verdict::Compliant
    } else {
        Verdict::NonCompliant
    }
}

fn push(decision: &mut Decision, rule: &'static str, verdict: Option<Verdict>) {
    if let Some(verdict) = verdict {
        decision.rules.push((rule, verdict, None));
    }
}

/// The subset the peer policies encode: scope, R6 with R7, R9 with its derogation, R4, R5,
/// under the base text.
pub fn subset(system: &System) -> Decision {
    let facts = Facts::new(system);
    let mut decision = Decision::default();
    if facts.on < BASE_IN_FORCE || !facts.in_scope() {
        return decision;
    }
    push(&mut decision, "R6", facts.r6());
    let conditions = facts.engaged_before_doctrine() && facts.tools_derogable();
    if let Some((verdict, until)) = facts.r9(facts.sensitive_2021(), conditions) {
        decision.rules.push(("R9", verdict, until));
    }
    push(&mut decision, "R4", facts.r4());
    push(&mut decision, "R5", facts.r5());
    decision.finish();
    decision
}

/// The whole shipped doctrine: both texts, every rule, advice and notes.
pub fn full(system: &System) -> Decision {
    let facts = Facts::new(system);
    let mut decision = Decision::default();
    if facts.on < BASE_IN_FORCE {
        return decision;
    }
    if !facts.in_scope() {
        decision.advice.push("SNC-RECOMMENDED");
        return decision;
    }
    let amended = facts.on >= AMENDMENT_IN_FORCE;
    let data = &system.data;
    let hosting = &system.hosting;
    let project = &system.project;
    let sensitive = if amended {
        (data.legal_secret || data.essential_mission) && !data.breach_impact.is_empty()
    } else {
        facts.sensitive_2021()
    };
    let conditions = facts.engaged_before_doctrine()
        && facts.tools_derogable()
        && (!amended || system.derogation.prime_minister);
    push(&mut decision, "R6", facts.r6());
    let r9 = facts.r9(sensitive, conditions);
    if let Some((verdict, until)) = r9 {
        decision.rules.push(("R9", verdict, until));
    }
    push(
        &mut decision,
        "R9-HDS",
        (facts.commercial && data.health).then(|| pass(hosting.hds)),
    );
    push(
        &mut decision,
        "DR",
        (data.restricted && hosting.kind != HostingKind::OnPremises).then(|| {
            pass(
                hosting.kind == HostingKind::InternalCloud
                    && hosting.internal_cloud.as_deref() == Some("pi"),
            )
        }),
    );
    push(&mut decision, "R4", facts.r4());
    push(&mut decision, "R5", facts.r5());
    push(
        &mut decision,
        "R10",
        (facts.cloud && hosting.strong_lock_in).then(|| pass(hosting.lock_in_funded)),
    );
    push(
        &mut decision,
        "R13",
        (project.stage == Stage::New && project.bespoke).then(|| pass(!project.equivalent_exists)),
    );
    decision.finish();
    let r9_violated = matches!(r9, Some((Verdict::NonCompliant, _)));
    if data.personal {
        decision.advice.push("GDPR");
    }
    if r9_violated && system.services.iter().any(|s| snap_covered(*s)) {
        decision.advice.push("SNAP");
    }
    if !amended && facts.commercial && !sensitive && !facts.trusted {
        decision.advice.push("PREFER-SNC");
    }
    if r9_violated && conditions && !system.derogation.minister {
        decision.advice.push("DEROGATION-POSSIBLE");
    }
    if facts.cloud_by_default() {
        decision.notes.push("R8");
    }
    decision
}
