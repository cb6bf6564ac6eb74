# The doctrine's scope, R6 with R7, R9 with its transitional derogation, R4 and R5, in Rego:
# the same rules as subset.doctrine. Entry point: data.cloud.result.
package cloud

import rego.v1

agent_tools := {
	"email", "personal_drive", "documents", "collaboration", "instant_messaging",
	"audioconference", "videoconference", "webinar", "office_suite",
}

derogable_tools := {"email", "personal_drive"}

doctrine_date := "2021-07-05"

in_scope if input.entity.kind in {"state_administration", "state_operator"}

cloud if input.hosting.kind in {"internal_cloud", "commercial_cloud"}

commercial if input.hosting.kind == "commercial_cloud"

trusted if {
	input.hosting.secnumcloud
	input.hosting.extra_eu_immune
}

agent_tools_used if {
	some s in input.services
	s in agent_tools
}

sensitive if input.data.citizens_personal

sensitive if input.data.companies_economic

sensitive if input.data.agents_business

sensitive if agent_tools_used

cloud_by_default if input.project.stage == "new"

cloud_by_default if {
	input.project.stage == "evolution"
	input.project.provider_change
}

cloud_by_default if {
	input.project.stage == "evolution"
	input.project.evolution_cost_ratio >= 0.5
}

# ISO days compare as text.
engaged_before_doctrine if {
	is_string(input.project.engaged_on)
	input.project.engaged_on < doctrine_date
}

tools_derogable if not agent_tools_used

tools_derogable if {
	input.project.very_advanced
	used := {s | some s in input.services; s in agent_tools}
	count(used - derogable_tools) == 0
}

derogation_holds if {
	input.derogation.minister
	engaged_before_doctrine
	tools_derogable
}

# Open until the acceptable offer's day + 12 months, that day included: the same day a year
# later (a 29 February bound compares as the 28th would with ISO days).
derogation_open if {
	derogation_holds
	not is_string(input.derogation.acceptable_offer_since)
}

derogation_open if {
	derogation_holds
	since := input.derogation.acceptable_offer_since
	until := sprintf("%d%s", [to_number(substring(since, 0, 4)) + 1, substring(since, 4, -1)])
	input.evaluated_on <= until
}

r6_violated if {
	cloud_by_default
	input.hosting.kind == "on_premises"
}

r7 if input.project.full_cost_eur < 1000000

r7 if input.project.comparative_study_sent

r9_violated if {
	commercial
	sensitive
	not trusted
}

r6 := "compliant" if {
	in_scope
	cloud_by_default
	not r6_violated
}

r6 := "compliant" if {
	in_scope
	r6_violated
	r7
}

r6 := "non_compliant" if {
	in_scope
	r6_violated
	not r7
}

r9 := "compliant" if {
	in_scope
	commercial
	not r9_violated
}

r9 := "temporarily_allowed" if {
	in_scope
	r9_violated
	derogation_open
}

r9 := "non_compliant" if {
	in_scope
	r9_violated
	not derogation_open
}

r4 := "compliant" if {
	in_scope
	commercial
	input.hosting.reversibility_planned
}

r4 := "non_compliant" if {
	in_scope
	commercial
	not input.hosting.reversibility_planned
}

r5 := "compliant" if {
	in_scope
	cloud
	input.hosting.zones >= 2
}

r5 := "non_compliant" if {
	in_scope
	cloud
	input.hosting.zones < 2
}

default r6 := "none"

default r9 := "none"

default r4 := "none"

default r5 := "none"

# Each rule that gives a verdict.
verdicts := {rule: verdict |
	some rule, verdict in {"R6": r6, "R9": r9, "R4": r4, "R5": r5}
	verdict != "none"
}

default decision := "not_applicable"

decision := "non_compliant" if {
	in_scope
	"non_compliant" in verdicts
}

decision := "temporarily_allowed" if {
	in_scope
	not "non_compliant" in verdicts
	"temporarily_allowed" in verdicts
}

decision := "compliant" if {
	in_scope
	not "non_compliant" in verdicts
	not "temporarily_allowed" in verdicts
}

result := {"decision": decision, "verdicts": verdicts}
