//! Cedar: the policy set parsed once; requests built in advance (the fastest mode), or built
//! from the serde structs on each evaluation.

use std::str::FromStr;

use cedar_policy::{
    Authorizer, Context, Decision, Entities, EntityUid, PolicySet, Request, Response,
    RestrictedExpression,
};
use jiff::ToSpan;
use jiff::civil::{Date, date};

use crate::system::{Outcome, System};

/// The policy (`policy/subset.cedar`).
pub const POLICY: &str = include_str!("../policy/subset.cedar");

/// Everything an evaluation needs besides the request.
pub struct Cedar {
    pub authorizer: Authorizer,
    pub policies: PolicySet,
    pub entities: Entities,
    principal: EntityUid,
    action: EntityUid,
    resource: EntityUid,
}

fn uid(text: &str) -> EntityUid {
    match EntityUid::from_str(text) {
        Ok(uid) => uid,
        Err(e) => panic!("{text}: {e}"),
    }
}

impl Cedar {
    /// Parses the policy set.
    pub fn new() -> Cedar {
        let policies = match PolicySet::from_str(POLICY) {
            Ok(policies) => policies,
            Err(e) => panic!("subset.cedar: {e}"),
        };
        Cedar {
            authorizer: Authorizer::new(),
            policies,
            entities: Entities::empty(),
            principal: uid(r#"Ministry::"system""#),
            action: uid(r#"Action::"decide""#),
            resource: uid(r#"System::"system""#),
        }
    }

    /// A request for a system: its facts as the context.
    pub fn request(&self, system: &System) -> Request {
        let context = match Context::from_pairs(context(system)) {
            Ok(context) => context,
            Err(e) => panic!("context: {e}"),
        };
        match Request::new(
            self.principal.clone(),
            self.action.clone(),
            self.resource.clone(),
            context,
            None,
        ) {
            Ok(request) => request,
            Err(e) => panic!("request: {e}"),
        }
    }

    /// Decides a request.
    pub fn evaluate(&self, request: &Request) -> Response {
        self.authorizer
            .is_authorized(request, &self.policies, &self.entities)
    }

    /// The outcome to compare with the other engines: a denial names the violated rules, an
    /// allowance the derogation when it holds.
    pub fn outcome(&self, response: &Response) -> Outcome {
        let rules: Vec<String> = response
            .diagnostics()
            .reason()
            .filter_map(|id| self.policies.policy(id))
            .filter_map(|policy| policy.annotation("rule").map(str::to_owned))
            .collect();
        let outcome = match response.decision() {
            Decision::Deny if rules.is_empty() => Outcome::from_verdicts("not_applicable", []),
            Decision::Deny => Outcome::from_verdicts(
                "non_compliant",
                rules.iter().map(|r| (r.as_str(), "non_compliant")),
            ),
            Decision::Allow if rules.iter().any(|r| r == "R9-derogation") => {
                Outcome::from_verdicts("temporarily_allowed", [("R9", "temporarily_allowed")])
            }
            Decision::Allow => Outcome::from_verdicts("compliant", []),
        };
        outcome.normalise()
    }
}

impl Default for Cedar {
    fn default() -> Cedar {
        Cedar::new()
    }
}

/// Days from 1970-01-01: Cedar compares whole numbers, not days.
fn days(day: Date) -> i64 {
    day.since(date(1970, 1, 1))
        .map_or(0, |span| i64::from(span.get_days()))
}

fn string(text: &str) -> RestrictedExpression {
    RestrictedExpression::new_string(text.to_owned())
}

fn context(system: &System) -> Vec<(String, RestrictedExpression)> {
    let project = &system.project;
    let data = &system.data;
    let hosting = &system.hosting;
    let derogation = &system.derogation;
    let kind = match system.entity.kind {
        crate::system::EntityKind::StateAdministration => "state_administration",
        crate::system::EntityKind::StateOperator => "state_operator",
        crate::system::EntityKind::LocalAuthority => "local_authority",
        crate::system::EntityKind::Other => "other",
    };
    let stage = match project.stage {
        crate::system::Stage::New => "new",
        crate::system::Stage::Evolution => "evolution",
        crate::system::Stage::Existing => "existing",
    };
    let ratio = format!("{:.4}", project.evolution_cost_ratio);
    let ratio = RestrictedExpression::new_decimal(ratio);
    let mut pairs = vec![
        ("entity_kind".to_owned(), string(kind)),
        ("stage".to_owned(), string(stage)),
        (
            "provider_change".to_owned(),
            RestrictedExpression::new_bool(project.provider_change),
        ),
        ("evolution_cost_ratio".to_owned(), ratio),
        (
            // Whole euros: Cedar has no exact decimal this large with cents to spare.
            "full_cost_eur".to_owned(),
            RestrictedExpression::new_long(project.full_cost_eur as i64),
        ),
        (
            "comparative_study_sent".to_owned(),
            RestrictedExpression::new_bool(project.comparative_study_sent),
        ),
        (
            "very_advanced".to_owned(),
            RestrictedExpression::new_bool(project.very_advanced),
        ),
        (
            "services".to_owned(),
            RestrictedExpression::new_set(system.services.iter().map(|s| string(s.name()))),
        ),
        (
            "citizens_personal".to_owned(),
            RestrictedExpression::new_bool(data.citizens_personal),
        ),
        (
            "companies_economic".to_owned(),
            RestrictedExpression::new_bool(data.companies_economic),
        ),
        (
            "agents_business".to_owned(),
            RestrictedExpression::new_bool(data.agents_business),
        ),
        ("hosting_kind".to_owned(), string(hosting.kind.name())),
        (
            "secnumcloud".to_owned(),
            RestrictedExpression::new_bool(hosting.secnumcloud),
        ),
        (
            "extra_eu_immune".to_owned(),
            RestrictedExpression::new_bool(hosting.extra_eu_immune),
        ),
        (
            "zones".to_owned(),
            RestrictedExpression::new_long(hosting.zones),
        ),
        (
            "reversibility_planned".to_owned(),
            RestrictedExpression::new_bool(hosting.reversibility_planned),
        ),
        (
            "minister".to_owned(),
            RestrictedExpression::new_bool(derogation.minister),
        ),
        (
            "today".to_owned(),
            RestrictedExpression::new_long(days(system.evaluated_on)),
        ),
    ];
    if let Some(engaged) = project.engaged_on {
        pairs.push((
            "engaged_on".to_owned(),
            RestrictedExpression::new_long(days(engaged)),
        ));
    }
    // Cedar has no calendar months: the request carries the derogation's last day.
    if let Some(until) = derogation
        .acceptable_offer_since
        .and_then(|since| since.checked_add(12.months()).ok())
    {
        pairs.push((
            "derogation_until".to_owned(),
            RestrictedExpression::new_long(days(until)),
        ));
    }
    pairs
}
