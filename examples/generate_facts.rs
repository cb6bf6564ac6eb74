//! Writes realistic, varied fact sets for the shipped "Cloud au Centre" policy as JSON
//! Lines, for batch runs and benchmarks:
//!
//! ```text
//! cargo run --release --example generate_facts -- 1000000 > big.jsonl
//! cargo run --release --example generate_facts -- 1000 42 > seeded.jsonl
//! ```
//!
//! The first argument is the number of fact sets, the second the seed (default 1): the same
//! arguments always give the same bytes. Entities, projects, data and hosting are drawn
//! so that every rule gets to decide, and some facts are left out (unknown) now and then.

use std::io::Write;

/// xorshift64*: small, fast and good enough to vary test data; never zero.
pub struct Rng(u64);

impl Rng {
    /// A generator for a seed.
    pub fn seeded(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// True with probability `percent` in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let index = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items.get(index).copied().unwrap_or("")
    }
}

const ENTITIES: &[&str] = &[
    "Ministère de l'Intérieur",
    "Ministère des Armées",
    "DGFiP",
    "Insee",
    "Météo-France",
    "CNRS",
    "Urssaf",
    "France Travail",
    "Région Bretagne",
    "ANTS",
];
const KINDS: &[&str] = &[
    "state_administration",
    "state_administration",
    "state_administration",
    "state_operator",
    "state_operator",
    "local_authority",
    "other",
];
const STAGES: &[&str] = &["new", "new", "evolution", "existing"];
const SERVICES: &[&str] = &[
    "email",
    "personal_drive",
    "documents",
    "collaboration",
    "instant_messaging",
    "audioconference",
    "videoconference",
    "webinar",
    "office_suite",
    "business_application",
    "website",
    "other",
];
const IMPACTS: &[&str] = &[
    "public_order",
    "public_security",
    "health_life",
    "intellectual_property",
];
const HOSTING: &[&str] = &["internal_cloud", "commercial_cloud", "on_premises"];
const INTERNAL: &[&str] = &["pi", "nubo", "other"];
const OFFERS: &[&str] = &[
    "Scaleway",
    "OVHcloud",
    "Outscale",
    "Microsoft 365 (Azure)",
    "Bleu",
];

fn bool_fact(rng: &mut Rng, out: &mut Vec<String>, name: &str, percent: u64) {
    // Now and then a required fact is left out: the decision then names it as missing.
    if rng.chance(2) {
        return;
    }
    out.push(format!("\"{name}\":{}", rng.chance(percent)));
}

fn date(rng: &mut Rng, from_year: u64, years: u64) -> String {
    format!(
        "{}-{:02}-{:02}",
        from_year + rng.below(years),
        1 + rng.below(12),
        1 + rng.below(28)
    )
}

/// Keeps the first of each member: a fact file gives a set's members once each.
fn once_each(members: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    members.retain(|m| seen.insert(m.clone()));
}

/// One fact set, as a line of JSON.
pub fn fact_set(rng: &mut Rng) -> String {
    let mut top = Vec::new();
    top.push(format!("\"evaluated_on\":\"{}\"", date(rng, 2021, 5)));
    top.push(format!(
        "\"entity\":{{\"name\":\"{}\",\"kind\":\"{}\"}}",
        rng.pick(ENTITIES),
        rng.pick(KINDS)
    ));
    let mut project = vec![
        format!("\"name\":\"Projet {}\"", rng.below(100_000)),
        format!("\"stage\":\"{}\"", rng.pick(STAGES)),
        format!("\"full_cost_eur\":{}", rng.below(40_000) * 1_000),
    ];
    if rng.chance(40) {
        project.push(format!("\"evolution_cost_ratio\":0.{:02}", rng.below(100)));
        bool_fact(rng, &mut project, "provider_change", 30);
    }
    bool_fact(rng, &mut project, "comparative_study_sent", 30);
    if rng.chance(50) {
        project.push(format!("\"engaged_on\":\"{}\"", date(rng, 2019, 5)));
    }
    bool_fact(rng, &mut project, "very_advanced", 10);
    bool_fact(rng, &mut project, "bespoke", 30);
    bool_fact(rng, &mut project, "equivalent_exists", 30);
    top.push(format!("\"project\":{{{}}}", project.join(",")));
    let mut services: Vec<String> = (0..1 + rng.below(4))
        .map(|_| format!("\"{}\"", rng.pick(SERVICES)))
        .collect();
    once_each(&mut services);
    top.push(format!("\"services\":[{}]", services.join(",")));
    let mut data = Vec::new();
    for (name, percent) in [
        ("personal", 60),
        ("health", 10),
        ("citizens_personal", 30),
        ("companies_economic", 15),
        ("agents_business", 20),
        ("legal_secret", 10),
        ("essential_mission", 10),
        ("restricted", 3),
    ] {
        bool_fact(rng, &mut data, name, percent);
    }
    let mut impacts: Vec<String> = (0..rng.below(3))
        .map(|_| format!("\"{}\"", rng.pick(IMPACTS)))
        .collect();
    once_each(&mut impacts);
    data.push(format!("\"breach_impact\":[{}]", impacts.join(",")));
    top.push(format!("\"data\":{{{}}}", data.join(",")));
    let kind = rng.pick(HOSTING);
    let mut hosting = vec![format!("\"kind\":\"{kind}\"")];
    match kind {
        "internal_cloud" => hosting.push(format!("\"internal_cloud\":\"{}\"", rng.pick(INTERNAL))),
        "commercial_cloud" => hosting.push(format!("\"offer\":\"{}\"", rng.pick(OFFERS))),
        _ => {}
    }
    bool_fact(rng, &mut hosting, "secnumcloud", 30);
    bool_fact(rng, &mut hosting, "extra_eu_immune", 70);
    bool_fact(rng, &mut hosting, "hds", 20);
    if !rng.chance(2) {
        hosting.push(format!("\"zones\":{}", 1 + rng.below(3)));
    }
    bool_fact(rng, &mut hosting, "reversibility_planned", 85);
    bool_fact(rng, &mut hosting, "strong_lock_in", 20);
    bool_fact(rng, &mut hosting, "lock_in_funded", 50);
    top.push(format!("\"hosting\":{{{}}}", hosting.join(",")));
    if rng.chance(25) {
        let mut derogation = Vec::new();
        bool_fact(rng, &mut derogation, "minister", 60);
        bool_fact(rng, &mut derogation, "prime_minister", 30);
        if rng.chance(50) {
            derogation.push(format!(
                "\"acceptable_offer_since\":\"{}\"",
                date(rng, 2021, 4)
            ));
        }
        top.push(format!("\"derogation\":{{{}}}", derogation.join(",")));
    }
    format!("{{{}}}", top.join(","))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: u64 = match args.next().map(|a| a.parse()) {
        Some(Ok(count)) => count,
        _ => {
            eprintln!("usage: generate_facts COUNT [SEED]");
            std::process::exit(2);
        }
    };
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let mut rng = Rng::seeded(seed);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for _ in 0..count {
        let line = fact_set(&mut rng);
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
    let _ = out.flush();
}
