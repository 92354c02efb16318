//! Synthetic articles for the crash and load tests: short French and English
//! sentences written for these tests from templates, with actor and place
//! names of the gazetteer and dates, varied by a seeded generator. No news text.
//!
//! `bench/` uses it too, through `examples/synthetic_articles.rs`.

/// Actors of the gazetteer, as French and English texts name them.
const ACTORS_FR: &[&str] = &[
    "le JNIM",
    "les FAMa",
    "l'armée malienne",
    "le groupe Wagner",
    "le CSP-DPA",
    "l'armée burkinabè",
    "l'État islamique au Sahel",
];
const ACTORS_EN: &[&str] = &[
    "JNIM",
    "the Malian army",
    "the Wagner Group",
    "the CSP-DPA",
    "Burkina Faso's army",
    "Islamic State Sahel Province",
];
/// Places of the gazetteer.
const PLACES: &[&str] = &[
    "Kidal",
    "Gao",
    "Tombouctou",
    "Ménaka",
    "Djibo",
    "Tessalit",
    "Mopti",
    "Ségou",
    "Niamey",
    "Ouagadougou",
];
const MONTHS_FR: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A small deterministic generator (64-bit LCG): the same seed gives the same articles.
pub struct Generator {
    state: u64,
}

impl Generator {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            state: seed ^ 0x9e37_79b9_7f4a_7c15,
        }
    }

    /// The next number below `bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        self.state = self
            .state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.state >> 33) % bound as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// Article number `n` as a text file with header lines (French or English,
    /// alternately); `n` appears in the text, so every article is distinct.
    pub fn article(&mut self, n: usize) -> String {
        let year = 2019 + self.below(6);
        let month = 1 + self.below(12);
        let day = 1 + self.below(28);
        let french = n.is_multiple_of(2);
        let (a, b) = if french {
            (self.pick(ACTORS_FR), self.pick(ACTORS_FR))
        } else {
            (self.pick(ACTORS_EN), self.pick(ACTORS_EN))
        };
        let (place, other) = (self.pick(PLACES), self.pick(PLACES));
        let casualties = 2 + self.below(40);
        let body = if french {
            let month_name = MONTHS_FR[month - 1];
            match self.below(3) {
                0 => format!(
                    "{} a attaqué une position de {b} près de {place} le {day} {month_name}. \
                     Selon un responsable local, {casualties} personnes ont été tuées. \
                     Les combats se sont ensuite déplacés vers {other}. Dépêche {n}.",
                    capitalise(a)
                ),
                1 => format!(
                    "{} et {b} ont signé un accord à {place} le {day} {month_name} {year}. \
                     Des observateurs à {other} doutent qu'il tienne. Dépêche {n}.",
                    capitalise(a)
                ),
                _ => format!(
                    "Une frappe aérienne de {a} a visé {place} le {day} {month_name}, \
                     a affirmé {b}, qui dénonce {casualties} morts civils. Dépêche {n}."
                ),
            }
        } else {
            let month_name = MONTHS_EN[month - 1];
            match self.below(3) {
                0 => format!(
                    "{} attacked a position held by {b} near {place} on {month_name} {day}. \
                     A local official said {casualties} people were killed. \
                     Fighting later moved towards {other}. Dispatch {n}.",
                    capitalise(a)
                ),
                1 => format!(
                    "{} and {b} signed an agreement in {place} on {month_name} {day}, {year}. \
                     Observers in {other} doubt it will hold. Dispatch {n}.",
                    capitalise(a)
                ),
                _ => format!(
                    "An air strike by {a} hit {place} on {month_name} {day}, {b} said, \
                     reporting {casualties} civilian deaths. Dispatch {n}."
                ),
            }
        };
        format!("date {year}-{month:02}-{day:02}\n\n{body}\n")
    }

    /// Article number `n` as one line of JSON Lines.
    pub fn json_line(&mut self, n: usize) -> String {
        let text = self.article(n);
        let (header, body) = text.split_once("\n\n").unwrap_or(("", &text));
        let date = header.strip_prefix("date ").unwrap_or("2024");
        format!(
            "{{\"date\": \"{date}\", \"text\": \"{}\"}}",
            body.trim().replace('\\', "\\\\").replace('"', "\\\"")
        )
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `n_articles` articles as a JSON Lines document, from `seed`.
pub fn json_lines(seed: u64, n_articles: usize) -> String {
    let mut generator = Generator::new(seed);
    (0..n_articles)
        .map(|n| generator.json_line(n) + "\n")
        .collect()
}
