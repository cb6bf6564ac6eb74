//! NIS2's classification written out by hand from `nis2.md` (a reference classifier in
//! Kleene's three-valued logic, each unknown carrying the facts that made it unknown),
//! compared with what `policies/nis2` decides on thousands of generated fact sets and on the
//! examples of `examples/nis2`, and with the expectations of every hand-written case of
//! `policies/nis2/tests` and of the examples' README.
//!
//! The reference shares no code with the policy or the evaluator: it reads `nis2.md`'s
//! tables as Rust. Where the two disagree, `nis2.md` says which one is wrong.

use std::collections::BTreeSet;
use std::path::Path;

use doctrine::app::{FactSource, PolicySpec, Workspace};
use doctrine::facts::Format;
use doctrine::facts::raw::{RawKind, RawNode};
use doctrine::language::ast::Lang;
use doctrine::source::SourceMap;
use jiff::civil::Date;
use rust_decimal::Decimal;

/// The policy under test.
const POLICY: &str = "policies/nis2";

/// The Annex I names of `nis2-facts.yaml` (the public administration sector is not a name).
const ANNEX_I: &[&str] = &[
    "electricity_supplier",
    "dso_electricity",
    "tso_electricity",
    "electricity_producer",
    "nemo_electricity",
    "electricity_market_participant",
    "recharging_point_operator",
    "district_heating_cooling",
    "oil_pipeline_operator",
    "oil_facility_operator",
    "oil_central_stockholding",
    "gas_supplier",
    "dso_gas",
    "tso_gas",
    "gas_storage",
    "lng_operator",
    "natural_gas_undertaking",
    "gas_refining",
    "hydrogen_operator",
    "air_carrier",
    "airport",
    "air_traffic_control",
    "rail_infrastructure_manager",
    "railway_undertaking",
    "water_transport_company",
    "port",
    "vessel_traffic_service",
    "road_authority",
    "its_operator",
    "credit_institution",
    "trading_venue",
    "central_counterparty",
    "healthcare_provider",
    "eu_reference_laboratory",
    "medicinal_research",
    "pharmaceutical_manufacturer",
    "critical_medical_device_manufacturer",
    "drinking_water_supplier",
    "waste_water_undertaking",
    "ixp",
    "dns_service",
    "tld_registry",
    "cloud_computing",
    "data_centre",
    "cdn",
    "qualified_trust_service",
    "non_qualified_trust_service",
    "public_electronic_communications",
    "managed_service",
    "managed_security_service",
    "space_ground_infrastructure",
];

/// The Annex II names.
const ANNEX_II: &[&str] = &[
    "postal_courier",
    "waste_management",
    "chemicals",
    "food_business",
    "medical_device_manufacturer",
    "electronics_manufacturer",
    "electrical_equipment_manufacturer",
    "machinery_manufacturer",
    "motor_vehicle_manufacturer",
    "transport_equipment_manufacturer",
    "online_marketplace",
    "search_engine",
    "social_network",
    "research_organisation",
];

/// The names with a ground of their own (any size), and the registrar, in neither annex.
const SPECIAL: &[&str] = &[
    "dns_service",
    "tld_registry",
    "qualified_trust_service",
    "non_qualified_trust_service",
    "public_electronic_communications",
    "domain_registration",
];

const TYPES: &str = "entity.types";
const STAFF: &str = "entity.staff";
const TURNOVER: &str = "entity.turnover_eur";
const BALANCE: &str = "entity.balance_sheet_eur";
const PUBLIC: &str = "entity.public_administration";
const EU: &str = "entity.eu_activity";
const DESIGNATION: &str = "designation";

/// A truth value of Kleene's logic; an unknown one names the facts that made it unknown.
#[derive(Clone, Debug, PartialEq, Eq)]
enum K {
    True,
    False,
    Unknown(BTreeSet<&'static str>),
}

impl K {
    fn known(value: bool) -> K {
        if value { K::True } else { K::False }
    }

    fn unknown(fact: &'static str) -> K {
        K::Unknown(BTreeSet::from([fact]))
    }

    /// `false and unknown` is false; otherwise unknown with the union of the unknowns' facts.
    fn and(items: Vec<K>) -> K {
        let mut facts = BTreeSet::new();
        let mut unknown = false;
        for item in items {
            match item {
                K::False => return K::False,
                K::True => {}
                K::Unknown(f) => {
                    unknown = true;
                    facts.extend(f);
                }
            }
        }
        if unknown { K::Unknown(facts) } else { K::True }
    }

    /// `true or unknown` is true; otherwise unknown with the union of the unknowns' facts.
    fn or(items: Vec<K>) -> K {
        let mut facts = BTreeSet::new();
        let mut unknown = false;
        for item in items {
            match item {
                K::True => return K::True,
                K::False => {}
                K::Unknown(f) => {
                    unknown = true;
                    facts.extend(f);
                }
            }
        }
        if unknown { K::Unknown(facts) } else { K::False }
    }

    fn not(self) -> K {
        match self {
            K::True => K::False,
            K::False => K::True,
            unknown => unknown,
        }
    }
}

/// One entity's facts; `None` is a fact left out (unknown when required, false when
/// optional).
#[derive(Clone, Debug)]
struct Facts {
    on: Date,
    types: Option<Vec<String>>,
    staff: Option<String>,
    turnover: Option<String>,
    balance: Option<String>,
    public_administration: Option<String>,
    eu_activity: Option<bool>,
    designation: Option<String>,
    cer_critical_entity: Option<bool>,
    nis1_oes: Option<bool>,
    excluded_activities: Option<bool>,
    exempted_by_member_state: Option<bool>,
    dora_exempted: Option<bool>,
}

/// The parameters of `nis2.md`, with the overrides of a run.
#[derive(Clone, Debug)]
struct Params {
    application_date: Date,
    medium_staff: Decimal,
    medium_turnover_eur: Decimal,
    medium_balance_sheet_eur: Decimal,
    large_staff: Decimal,
    large_turnover_eur: Decimal,
    large_balance_sheet_eur: Decimal,
    nis1_option: bool,
}

fn decimal(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|e| panic!("`{text}` is not a decimal: {e}"))
}

impl Default for Params {
    fn default() -> Params {
        Params {
            application_date: jiff::civil::date(2024, 10, 18),
            medium_staff: decimal("50"),
            medium_turnover_eur: decimal("10000000"),
            medium_balance_sheet_eur: decimal("10000000"),
            large_staff: decimal("250"),
            large_turnover_eur: decimal("50000000"),
            large_balance_sheet_eur: decimal("43000000"),
            nis1_option: false,
        }
    }
}

impl Params {
    /// The parameters with `NAME=VALUE` overrides applied (the values this test writes).
    fn with(overrides: &[(&str, &str)]) -> Params {
        let mut p = Params::default();
        for (name, value) in overrides {
            let value = value.replace('_', "");
            match *name {
                "application_date" => p.application_date = value.parse().unwrap(),
                "medium_staff" => p.medium_staff = decimal(&value),
                "medium_turnover_eur" => p.medium_turnover_eur = decimal(&value),
                "medium_balance_sheet_eur" => p.medium_balance_sheet_eur = decimal(&value),
                "large_staff" => p.large_staff = decimal(&value),
                "large_turnover_eur" => p.large_turnover_eur = decimal(&value),
                "large_balance_sheet_eur" => p.large_balance_sheet_eur = decimal(&value),
                "nis1_option" => p.nis1_option = value == "true",
                other => panic!("no parameter {other}"),
            }
        }
        p
    }
}

impl Facts {
    /// `entity.types` holds one of `names`.
    fn has(&self, names: &[&str]) -> K {
        match &self.types {
            None => K::unknown(TYPES),
            Some(types) => K::known(types.iter().any(|t| names.contains(&t.as_str()))),
        }
    }

    fn public_in(&self, names: &[&str]) -> K {
        match &self.public_administration {
            None => K::unknown(PUBLIC),
            Some(pa) => K::known(names.contains(&pa.as_str())),
        }
    }

    fn designation_in(&self, names: &[&str]) -> K {
        match &self.designation {
            None => K::unknown(DESIGNATION),
            Some(d) => K::known(names.contains(&d.as_str())),
        }
    }

    fn eu(&self) -> K {
        self.eu_activity.map_or_else(|| K::unknown(EU), K::known)
    }

    /// An optional fact: left out is false.
    fn flag(value: Option<bool>) -> K {
        K::known(value.unwrap_or(false))
    }
}

/// `x >= n` (`at_least`) or `x > n`, unknown when `x` is.
fn compare(value: &Option<String>, n: Decimal, at_least: bool, fact: &'static str) -> K {
    match value {
        None => K::unknown(fact),
        Some(v) => {
            let v = decimal(v);
            K::known(if at_least { v >= n } else { v > n })
        }
    }
}

/// Medium-sized or larger (`nis2.md`, "Size classes").
fn medium(f: &Facts, p: &Params) -> K {
    K::or(vec![
        compare(&f.staff, p.medium_staff, true, STAFF),
        K::and(vec![
            compare(&f.turnover, p.medium_turnover_eur, false, TURNOVER),
            compare(&f.balance, p.medium_balance_sheet_eur, false, BALANCE),
        ]),
    ])
}

/// Large: exceeds the ceilings for medium-sized enterprises.
fn large(f: &Facts, p: &Params) -> K {
    K::or(vec![
        compare(&f.staff, p.large_staff, true, STAFF),
        K::and(vec![
            compare(&f.turnover, p.large_turnover_eur, false, TURNOVER),
            compare(&f.balance, p.large_balance_sheet_eur, false, BALANCE),
        ]),
    ])
}

fn annex_i(f: &Facts) -> K {
    f.has(ANNEX_I)
}

fn annex_ii(f: &Facts) -> K {
    f.has(ANNEX_II)
}

fn annex_type(f: &Facts) -> K {
    K::or(vec![
        annex_i(f),
        annex_ii(f),
        f.public_in(&["central", "regional"]),
    ])
}

fn trust_service_provider(f: &Facts) -> K {
    f.has(&["qualified_trust_service", "non_qualified_trust_service"])
}

/// EXCL-2-7, EXEMPT-2-8, EXCL-2-10.
fn excluded(f: &Facts) -> K {
    K::or(vec![
        K::and(vec![
            Facts::flag(f.excluded_activities),
            f.public_in(&["none"]).not(),
            trust_service_provider(f).not(),
        ]),
        K::and(vec![
            Facts::flag(f.exempted_by_member_state),
            trust_service_provider(f).not(),
        ]),
        Facts::flag(f.dora_exempted),
    ])
}

fn nis1(f: &Facts, p: &Params) -> K {
    K::and(vec![K::known(p.nis1_option), Facts::flag(f.nis1_oes)])
}

/// In scope: `eu` and one of SCOPE-2-1 … SCOPE-3-1-g.
fn in_scope(f: &Facts, p: &Params) -> K {
    K::and(vec![
        f.eu(),
        K::or(vec![
            K::and(vec![K::or(vec![annex_i(f), annex_ii(f)]), medium(f, p)]),
            f.has(&["public_electronic_communications"]),
            trust_service_provider(f),
            f.has(&["tld_registry", "dns_service"]),
            K::and(vec![
                annex_type(f),
                f.designation_in(&["essential", "important"]),
            ]),
            f.public_in(&["central"]),
            Facts::flag(f.cer_critical_entity),
            nis1(f, p),
        ]),
    ])
}

/// Essential: `eu` and one of ESS-3-1-a … g.
fn essential(f: &Facts, p: &Params) -> K {
    K::and(vec![
        f.eu(),
        K::or(vec![
            K::and(vec![annex_i(f), large(f, p)]),
            f.has(&["qualified_trust_service", "tld_registry", "dns_service"]),
            K::and(vec![
                f.has(&["public_electronic_communications"]),
                medium(f, p),
            ]),
            f.public_in(&["central"]),
            K::and(vec![annex_type(f), f.designation_in(&["essential"])]),
            Facts::flag(f.cer_critical_entity),
            nis1(f, p),
        ]),
    ])
}

fn registrar(f: &Facts) -> K {
    K::and(vec![f.eu(), f.has(&["domain_registration"])])
}

/// The decision and its sorted `missing`, by the walk of `nis2.md`'s "Unknown facts":
/// the conditions in order of precedence; the first true one decides when no unknown came
/// before it; any unknown met before the walk stops makes it `needs_review`, missing the
/// facts of every unknown met.
fn classify(f: &Facts, p: &Params) -> (String, Vec<String>) {
    if f.on < p.application_date {
        return ("not_yet_applicable".into(), vec![]);
    }
    let steps = [
        (excluded(f), "excluded"),
        (essential(f, p), "essential"),
        (in_scope(f, p), "important"),
        (registrar(f), "domain_registration_only"),
    ];
    let mut missing = BTreeSet::new();
    let mut undecided = false;
    for (condition, decision) in steps {
        match condition {
            K::True if undecided => break,
            K::True => return (decision.into(), vec![]),
            K::False => {}
            K::Unknown(facts) => {
                undecided = true;
                missing.extend(facts);
            }
        }
    }
    if undecided {
        let missing = missing.into_iter().map(String::from).collect();
        ("needs_review".into(), missing)
    } else {
        ("out_of_scope".into(), vec![])
    }
}

/// The notes: `DOMAIN-REGISTRATION` whenever the types hold `domain_registration` and the
/// decision is neither `not_yet_applicable` nor `excluded` (Reading 1).
fn expected_notes(f: &Facts, decision: &str) -> Vec<String> {
    let registrar = f
        .types
        .as_ref()
        .is_some_and(|t| t.iter().any(|n| n == "domain_registration"));
    if registrar && decision != "not_yet_applicable" && decision != "excluded" {
        vec!["DOMAIN-REGISTRATION".into()]
    } else {
        vec![]
    }
}

/// The facts as a JSON fact file; left-out facts are absent.
fn facts_json(f: &Facts) -> String {
    let mut entity = Vec::new();
    if let Some(types) = &f.types {
        let names: Vec<String> = types.iter().map(|t| format!("\"{t}\"")).collect();
        entity.push(format!("\"types\": [{}]", names.join(", ")));
    }
    for (key, value) in [
        ("staff", &f.staff),
        ("turnover_eur", &f.turnover),
        ("balance_sheet_eur", &f.balance),
    ] {
        if let Some(v) = value {
            entity.push(format!("\"{key}\": {v}"));
        }
    }
    if let Some(pa) = &f.public_administration {
        entity.push(format!("\"public_administration\": \"{pa}\""));
    }
    if let Some(eu) = f.eu_activity {
        entity.push(format!("\"eu_activity\": {eu}"));
    }
    let mut top = vec![
        format!("\"evaluated_on\": \"{}\"", f.on),
        format!("\"entity\": {{{}}}", entity.join(", ")),
    ];
    if let Some(d) = &f.designation {
        top.push(format!("\"designation\": \"{d}\""));
    }
    for (key, value) in [
        ("cer_critical_entity", f.cer_critical_entity),
        ("nis1_oes", f.nis1_oes),
        ("excluded_activities", f.excluded_activities),
        ("exempted_by_member_state", f.exempted_by_member_state),
        ("dora_exempted", f.dora_exempted),
    ] {
        if let Some(v) = value {
            top.push(format!("\"{key}\": {v}"));
        }
    }
    format!("{{{}}}", top.join(", "))
}

/// SplitMix64: a small seeded generator, so every run draws the same fact sets.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Staff around every boundary: 50 (medium), 200 (an overridden large), 250 (large).
const STAFF_VALUES: &[&str] = &[
    "0", "9", "10", "49", "49.9", "50", "50.5", "120", "199", "199.99", "200", "249", "249.5",
    "250", "250.01", "1000",
];
/// Turnover around 10 M (medium) and 50 M (large).
const TURNOVER_VALUES: &[&str] = &[
    "0",
    "5000000",
    "10000000",
    "10000000.01",
    "20000000",
    "43000000.01",
    "50000000",
    "50000000.01",
    "60000000",
    "100000000",
];
/// Balance sheet around 10 M (medium) and 43 M (large).
const BALANCE_VALUES: &[&str] = &[
    "0",
    "5000000",
    "10000000",
    "10000000.01",
    "20000000",
    "43000000",
    "43000000.01",
    "50000000",
    "100000000",
];
const DATES: &[(i16, i8, i8)] = &[
    (2022, 12, 31),
    (2023, 1, 16),
    (2024, 10, 17),
    (2024, 10, 18),
    (2024, 10, 18),
    (2024, 10, 18),
    (2024, 12, 31),
    (2025, 1, 1),
    (2025, 1, 1),
    (2025, 3, 1),
    (2025, 3, 1),
    (2025, 3, 1),
    (2025, 3, 1),
    (2025, 3, 1),
    (2025, 3, 1),
    (2026, 6, 30),
    (2026, 6, 30),
];

/// A required text fact: left out `missing` percent of the time, else one of `values`.
fn maybe(rng: &mut Rng, missing: usize, values: &[&str]) -> Option<String> {
    if rng.chance(missing) {
        None
    } else {
        Some(rng.pick(values).to_string())
    }
}

/// An optional bool: left out 55 % of the time, else true `percent` % of the time.
fn optional(rng: &mut Rng, percent: usize) -> Option<bool> {
    if rng.chance(55) {
        None
    } else {
        Some(rng.chance(percent))
    }
}

/// One fact set, with every required fact sometimes left out.
fn generate(rng: &mut Rng) -> Facts {
    let types = if rng.chance(8) {
        None
    } else {
        let mut names = Vec::new();
        // Mostly one name, sometimes none or several, each from Annex I, Annex II or the
        // names with a ground of their own; the registrar's name beside them, sometimes.
        let count = match rng.below(20) {
            0..=2 => 0,
            3..=12 => 1,
            13..=17 => 2,
            _ => 3,
        };
        for _ in 0..count {
            let name = match rng.below(20) {
                0..=8 => rng.pick(ANNEX_I),
                9..=15 => rng.pick(ANNEX_II),
                _ => rng.pick(SPECIAL),
            };
            if !names.iter().any(|n: &String| n == name) {
                names.push(name.to_string());
            }
        }
        if rng.chance(12) && !names.iter().any(|n| n == "domain_registration") {
            names.push("domain_registration".to_string());
        }
        Some(names)
    };
    let (y, m, d) = DATES[rng.below(DATES.len())];
    Facts {
        on: jiff::civil::date(y, m, d),
        types,
        staff: maybe(rng, 10, STAFF_VALUES),
        turnover: maybe(rng, 10, TURNOVER_VALUES),
        balance: maybe(rng, 10, BALANCE_VALUES),
        public_administration: maybe(
            rng,
            8,
            &[
                "none", "none", "none", "none", "none", "none", "none", "central", "regional",
                "regional", "local",
            ],
        ),
        eu_activity: if rng.chance(7) {
            None
        } else {
            Some(rng.chance(88))
        },
        designation: maybe(
            rng,
            7,
            &["none", "none", "none", "none", "essential", "important"],
        ),
        cer_critical_entity: optional(rng, 12),
        nis1_oes: optional(rng, 25),
        excluded_activities: optional(rng, 18),
        exempted_by_member_state: optional(rng, 10),
        dora_exempted: optional(rng, 6),
    }
}

/// The runs: their overrides and how many fact sets each decides.
const RUNS: &[(&[(&str, &str)], usize)] = &[
    (&[], 2000),
    (&[("nis1_option", "true")], 800),
    (&[("application_date", "2025-01-01")], 400),
    (&[("large_staff", "200")], 400),
];

/// The policy's decision and sorted `missing` on a fact file, as `eval --format json` gives.
fn policy_decides(workspace: &mut Workspace, text: &str) -> Result<(String, Vec<String>), String> {
    let source = FactSource::Text {
        name: "generated.json",
        text,
        format: Format::Json,
    };
    let decided = workspace
        .decide(&[source], None)
        .map_err(|e| format!("the fact set did not load or evaluate: {e:?}"))?;
    let decided = decided.first().ok_or("nothing was decided")?;
    Ok(decision_and_missing(&decided.decision, "generated.json"))
}

/// The `decision` and `missing` of a decision's JSON, as `eval --format json` prints them.
fn decision_and_missing(decision: &doctrine::Decision, name: &str) -> (String, Vec<String>) {
    let json = doctrine::report::decision::json::decision(decision, name, Lang::EN);
    let missing = json["missing"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|m| m.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    (json["decision"].as_str().unwrap_or("").to_string(), missing)
}

/// Thousands of generated fact sets: the policy decides each as the reference does.
fn policy_decides_as_the_reference() -> Result<(), String> {
    let mut rng = Rng(0x4E15_2022_2555);
    let mut compared = 0;
    for (overrides, count) in RUNS {
        let spec = PolicySpec {
            policy: POLICY.into(),
            amend: vec![],
            set: overrides.iter().map(|(n, v)| format!("{n}={v}")).collect(),
        };
        let mut workspace = Workspace::open(spec, Lang::EN)
            .map_err(|f| format!("{POLICY} does not load: {:?}", f.diagnostics))?;
        if !workspace.errors().is_empty() {
            return Err(format!(
                "bad overrides {overrides:?}: {:?}",
                workspace.errors()
            ));
        }
        let params = Params::with(overrides);
        for _ in 0..*count {
            let facts = generate(&mut rng);
            let text = facts_json(&facts);
            let expected = classify(&facts, &params);
            let actual = policy_decides(&mut workspace, &text)
                .map_err(|e| format!("{e}\noverrides {overrides:?}\nfacts {text}"))?;
            if actual != expected {
                return Err(format!(
                    "after {compared} agreements, the policy and the reference differ\n\
                     overrides: {overrides:?}\nfacts: {text}\n\
                     reference: {} missing {:?}\npolicy:    {} missing {:?}",
                    expected.0, expected.1, actual.0, actual.1
                ));
            }
            compared += 1;
        }
    }
    Ok(())
}

/// The value at `key` of a map node.
fn get<'a>(node: &'a RawNode, key: &str) -> Option<&'a RawNode> {
    match &node.kind {
        RawKind::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
        _ => None,
    }
}

fn scalar(node: &RawNode) -> String {
    match &node.kind {
        RawKind::String(s) | RawKind::Number(s) | RawKind::Datetime(s) => s.clone(),
        RawKind::Bool(b) => b.to_string(),
        other => panic!("expected a value, found {}", other.describe()),
    }
}

fn list(node: &RawNode) -> Vec<String> {
    match &node.kind {
        RawKind::Seq(items) => items.iter().map(scalar).collect(),
        RawKind::Null => vec![],
        other => panic!("expected a list, found {}", other.describe()),
    }
}

fn boolean(node: Option<&RawNode>) -> Option<bool> {
    node.map(|n| match n.kind {
        RawKind::Bool(b) => b,
        _ => panic!("expected a bool, found {}", n.kind.describe()),
    })
}

/// A fact file's tree, its facts, and its parameters (a test case's `set:`).
fn read_facts(path: &Path) -> (RawNode, Facts, Params) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut sources = SourceMap::new();
    let id = sources.add(path.display().to_string(), text);
    let root = doctrine::facts::parse(sources.get(id).unwrap(), id, Format::Yaml)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    let entity = get(&root, "entity");
    let field = |key: &str| entity.and_then(|e| get(e, key));
    let on = get(&root, "on")
        .or_else(|| get(&root, "evaluated_on"))
        .map(scalar)
        .unwrap_or_else(|| panic!("{}: no date", path.display()));
    let set: Vec<(String, String)> = match get(&root, "set").map(|n| &n.kind) {
        Some(RawKind::Map(entries)) => entries
            .iter()
            .map(|(k, v)| (k.name.clone(), scalar(v)))
            .collect(),
        _ => vec![],
    };
    let set: Vec<(&str, &str)> = set.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let facts = Facts {
        on: on.parse().unwrap(),
        types: field("types").map(list),
        staff: field("staff").map(scalar),
        turnover: field("turnover_eur").map(scalar),
        balance: field("balance_sheet_eur").map(scalar),
        public_administration: field("public_administration").map(scalar),
        eu_activity: boolean(field("eu_activity")),
        designation: get(&root, "designation").map(scalar),
        cer_critical_entity: boolean(get(&root, "cer_critical_entity")),
        nis1_oes: boolean(get(&root, "nis1_oes")),
        excluded_activities: boolean(get(&root, "excluded_activities")),
        exempted_by_member_state: boolean(get(&root, "exempted_by_member_state")),
        dora_exempted: boolean(get(&root, "dora_exempted")),
    };
    let params = Params::with(&set);
    (root, facts, params)
}

/// A test case's facts, parameters and expectation (decision, sorted missing, notes).
fn read_case(path: &Path) -> (Facts, Params, (String, Vec<String>, Vec<String>)) {
    let (root, facts, params) = read_facts(path);
    let expect = get(&root, "expect").unwrap_or_else(|| panic!("{}: no expect", path.display()));
    let mut missing = expect_list(expect, "missing");
    missing.sort();
    let expected = (
        get(expect, "decision").map(scalar).unwrap_or_default(),
        missing,
        expect_list(expect, "notes"),
    );
    (facts, params, expected)
}

fn expect_list(expect: &RawNode, key: &str) -> Vec<String> {
    get(expect, key).map(list).unwrap_or_default()
}

/// Every hand-written case of `policies/nis2/tests` expects what the reference decides:
/// the cases and the reference were worked out separately from `nis2.md`, so each checks
/// the other, without the policy.
fn cases_agree_with_the_reference() -> Result<(), String> {
    let mut paths: Vec<_> = std::fs::read_dir(Path::new(POLICY).join("tests"))
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    if paths.len() < 60 {
        return Err(format!("only {} cases", paths.len()));
    }
    let mut differences = Vec::new();
    for path in &paths {
        let (facts, params, (decision, missing, notes)) = read_case(path);
        let (reference, reference_missing) = classify(&facts, &params);
        let reference_notes = expected_notes(&facts, &reference);
        if (&decision, &missing, &notes) != (&reference, &reference_missing, &reference_notes) {
            differences.push(format!(
                "{}: expects {decision} {missing:?} {notes:?}, the reference gives \
                 {reference} {reference_missing:?} {reference_notes:?}",
                path.display()
            ));
        }
    }
    if differences.is_empty() {
        Ok(())
    } else {
        Err(differences.join("\n"))
    }
}

/// The example fact files of `examples/nis2`, with the decision, missing facts and notes
/// its README gives each.
const EXAMPLES: &[(&str, &str, &[&str], &[&str])] = &[
    ("grid-operator.yaml", "essential", &[], &[]),
    ("cloud-provider-medium.yaml", "important", &[], &[]),
    ("trust-service-small.yaml", "essential", &[], &[]),
    ("ministry.yaml", "essential", &[], &[]),
    ("region-designated.yaml", "important", &[], &[]),
    (
        "registrar.yaml",
        "domain_registration_only",
        &[],
        &["DOMAIN-REGISTRATION"],
    ),
    (
        "hospital-unknown-staff.yaml",
        "needs_review",
        &["entity.staff"],
        &[],
    ),
    ("defence-agency.yaml", "excluded", &[], &[]),
];

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The reference decides every example as its README says, and the README lists them all.
fn examples_agree_with_the_reference() -> Result<(), String> {
    let dir = Path::new("examples/nis2");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut listed: Vec<String> = EXAMPLES.iter().map(|e| e.0.to_string()).collect();
    listed.sort();
    if files != listed {
        return Err(format!("examples {files:?}, listed {listed:?}"));
    }
    let readme = std::fs::read_to_string(dir.join("README.md")).map_err(|e| e.to_string())?;
    for (file, decision, missing, notes) in EXAMPLES {
        if !readme.contains(&format!("| `{file}` |")) {
            return Err(format!("the README does not list {file}"));
        }
        let (_, facts, params) = read_facts(&dir.join(file));
        let reference = classify(&facts, &params);
        let reference_notes = expected_notes(&facts, &reference.0);
        let expected = ((decision.to_string(), strings(missing)), strings(notes));
        if (reference.clone(), reference_notes.clone()) != expected {
            return Err(format!(
                "{file}: listed {expected:?}, the reference gives {reference:?} {reference_notes:?}"
            ));
        }
    }
    Ok(())
}

/// The policy decides every example as its README says.
fn policy_decides_the_examples() -> Result<(), String> {
    let spec = PolicySpec {
        policy: POLICY.into(),
        ..PolicySpec::default()
    };
    let mut workspace = Workspace::open(spec, Lang::EN)
        .map_err(|f| format!("{POLICY} does not load: {:?}", f.diagnostics))?;
    for (file, decision, missing, _) in EXAMPLES {
        let path = format!("examples/nis2/{file}");
        let decided = workspace
            .decide(&[FactSource::Path(&path)], None)
            .map_err(|e| format!("{path}: {e:?}"))?;
        let decided = decided.first().ok_or("nothing was decided")?;
        let actual = decision_and_missing(&decided.decision, &path);
        if actual != (decision.to_string(), strings(missing)) {
            return Err(format!(
                "{path}: expected {decision} {missing:?}, the policy gives {actual:?}"
            ));
        }
    }
    Ok(())
}

tests![
    policy_decides_as_the_reference,
    policy_decides_the_examples,
    cases_agree_with_the_reference,
    examples_agree_with_the_reference,
];
