//! The shared inputs: realistic fact sets as JSON, the same text for every engine, read into
//! plain serde structs; and the outcome every engine's answer is brought to for comparison.

use jiff::civil::Date;
use serde::Deserialize;

/// One input: a name and its JSON text (every fact of the shipped doctrine, and the day).
pub struct Input {
    /// A short name, used in benchmark ids.
    pub name: &'static str,
    /// The fact set as JSON.
    pub json: &'static str,
}

/// The inputs, each a different path through the rules.
pub const INPUTS: [Input; 7] = [
    input(
        "office365-non-compliant",
        include_str!("../inputs/office365-non-compliant.json"),
    ),
    input(
        "derogation-open",
        include_str!("../inputs/derogation-open.json"),
    ),
    input(
        "derogation-expired",
        include_str!("../inputs/derogation-expired.json"),
    ),
    input(
        "website-trusted-cloud",
        include_str!("../inputs/website-trusted-cloud.json"),
    ),
    input(
        "on-premises-large",
        include_str!("../inputs/on-premises-large.json"),
    ),
    input(
        "internal-cloud-one-zone",
        include_str!("../inputs/internal-cloud-one-zone.json"),
    ),
    input(
        "local-authority",
        include_str!("../inputs/local-authority.json"),
    ),
];

const fn input(name: &'static str, json: &'static str) -> Input {
    Input { name, json }
}

/// A system, as plain Rust reads it: the fact vocabulary of the shipped doctrine.
#[derive(Clone, Debug, Deserialize)]
pub struct System {
    pub evaluated_on: Date,
    pub entity: Entity,
    pub project: Project,
    pub services: Vec<Service>,
    pub data: Data,
    pub hosting: Hosting,
    pub derogation: Derogation,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    StateAdministration,
    StateOperator,
    LocalAuthority,
    Other,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Project {
    pub stage: Stage,
    #[serde(default)]
    pub provider_change: bool,
    #[serde(default)]
    pub evolution_cost_ratio: f64,
    pub full_cost_eur: f64,
    #[serde(default)]
    pub comparative_study_sent: bool,
    pub engaged_on: Option<Date>,
    #[serde(default)]
    pub very_advanced: bool,
    #[serde(default)]
    pub bespoke: bool,
    #[serde(default)]
    pub equivalent_exists: bool,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    New,
    Evolution,
    Existing,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Email,
    PersonalDrive,
    Documents,
    Collaboration,
    InstantMessaging,
    Audioconference,
    Videoconference,
    Webinar,
    OfficeSuite,
    BusinessApplication,
    Website,
    Other,
}

impl Service {
    /// The name in fact files.
    pub fn name(self) -> &'static str {
        match self {
            Service::Email => "email",
            Service::PersonalDrive => "personal_drive",
            Service::Documents => "documents",
            Service::Collaboration => "collaboration",
            Service::InstantMessaging => "instant_messaging",
            Service::Audioconference => "audioconference",
            Service::Videoconference => "videoconference",
            Service::Webinar => "webinar",
            Service::OfficeSuite => "office_suite",
            Service::BusinessApplication => "business_application",
            Service::Website => "website",
            Service::Other => "other",
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct Data {
    pub personal: bool,
    pub health: bool,
    pub citizens_personal: bool,
    pub companies_economic: bool,
    pub agents_business: bool,
    pub legal_secret: bool,
    pub essential_mission: bool,
    pub breach_impact: Vec<String>,
    #[serde(default)]
    pub restricted: bool,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Hosting {
    pub kind: HostingKind,
    pub internal_cloud: Option<String>,
    pub secnumcloud: bool,
    pub extra_eu_immune: bool,
    #[serde(default)]
    pub hds: bool,
    pub zones: i64,
    pub reversibility_planned: bool,
    #[serde(default)]
    pub strong_lock_in: bool,
    #[serde(default)]
    pub lock_in_funded: bool,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum HostingKind {
    InternalCloud,
    CommercialCloud,
    OnPremises,
}

impl HostingKind {
    /// The name in fact files.
    pub fn name(self) -> &'static str {
        match self {
            HostingKind::InternalCloud => "internal_cloud",
            HostingKind::CommercialCloud => "commercial_cloud",
            HostingKind::OnPremises => "on_premises",
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct Derogation {
    #[serde(default)]
    pub minister: bool,
    #[serde(default)]
    pub prime_minister: bool,
    pub acceptable_offer_since: Option<Date>,
}

/// Reads an input into plain structs.
pub fn system(input: &Input) -> System {
    match serde_json::from_str(input.json) {
        Ok(system) => system,
        Err(e) => panic!("{}: {e}", input.name),
    }
}

/// What every engine can say about a system, for checking that they agree: the decision,
/// the rules found non-compliant, and (unless the decision is non-compliant, where Cedar
/// reports only the denials) the rules temporarily allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub decision: String,
    pub non_compliant: Vec<String>,
    pub temporarily_allowed: Vec<String>,
}

impl Outcome {
    /// An outcome from each rule's verdict (rules without a verdict left out).
    pub fn from_verdicts<'a>(
        decision: &str,
        verdicts: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Outcome {
        let mut outcome = Outcome {
            decision: decision.to_owned(),
            non_compliant: Vec::new(),
            temporarily_allowed: Vec::new(),
        };
        for (rule, verdict) in verdicts {
            match verdict {
                "non_compliant" => outcome.non_compliant.push(rule.to_owned()),
                "temporarily_allowed" => outcome.temporarily_allowed.push(rule.to_owned()),
                _ => {}
            }
        }
        outcome.normalise()
    }

    /// Sorted lists; no temporary verdicts under a non-compliant decision.
    pub fn normalise(mut self) -> Outcome {
        self.non_compliant.sort();
        self.temporarily_allowed.sort();
        if self.decision == "non_compliant" {
            self.temporarily_allowed.clear();
        }
        self
    }
}
