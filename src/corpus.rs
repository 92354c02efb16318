//! Synthetic news articles for benchmarks: `actorgraph gen-corpus N DIR`.
//!
//! Articles are recombined from the gazetteer's actor and place names and
//! from sentence patterns written for this generator in French and English
//! (attacks, strikes, captures, agreements, alliances, withdrawals, death
//! tolls, denials), with dates spread over 2012–2025. No news text is
//! shipped. A seeded generator makes the corpus reproducible: the same seed
//! and ontology give the same articles, one at a time, so a corpus of any
//! size is written in constant memory.

use crate::extract::{ActorKind, Lang};
use crate::ontology::{Knowledge, Label, PlaceType};

/// A small, fast, seeded generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `bound` (which must not be 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Names of one language: actors by role, and towns.
#[derive(Debug, Default)]
struct Names {
    /// Armed groups, state forces and coalitions: the ones that fight.
    fighters: Vec<String>,
    /// Governments, organisations and people: the ones that speak and sign.
    speakers: Vec<String>,
    /// Towns and regions.
    places: Vec<String>,
}

/// Generates synthetic articles from the gazetteer.
#[derive(Debug)]
pub struct CorpusGenerator {
    rng: Rng,
    fr: Names,
    en: Names,
}

const MONTHS_FR: [&str; 12] = [
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
const MONTHS_EN: [&str; 12] = [
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

/// The first label in `lang`, else the first without a language.
fn label_in(labels: &[Label], lang: Lang) -> Option<&str> {
    labels
        .iter()
        .find(|l| l.lang == Some(lang))
        .or_else(|| labels.iter().find(|l| l.lang.is_none()))
        .map(|l| l.text.as_str())
}

impl CorpusGenerator {
    /// A generator over the gazetteer of `knowledge`, started from `seed`.
    pub fn new(knowledge: &Knowledge, seed: u64) -> Self {
        let gazetteer = &knowledge.gazetteer;
        let mut fr = Names::default();
        let mut en = Names::default();
        for actor in &gazetteer.actors {
            for (lang, names) in [(Lang::Fr, &mut fr), (Lang::En, &mut en)] {
                // Labels and aliases of the language: "JNIM" as often as its long name.
                let mut texts: Vec<&str> = label_in(&actor.labels, lang).into_iter().collect();
                texts.extend(
                    actor
                        .aliases
                        .iter()
                        .filter(|l| l.lang.is_none_or(|l| l == lang))
                        .map(|l| l.text.as_str())
                        .take(2),
                );
                let role = match actor.kind {
                    ActorKind::ArmedGroup | ActorKind::StateArmedForce | ActorKind::Coalition => {
                        &mut names.fighters
                    }
                    _ => &mut names.speakers,
                };
                role.extend(texts.into_iter().map(str::to_owned));
            }
        }
        for place in &gazetteer.places {
            if place.needs_context
                || !matches!(place.place_type, PlaceType::Town | PlaceType::Region)
            {
                continue;
            }
            for (lang, names) in [(Lang::Fr, &mut fr), (Lang::En, &mut en)] {
                if let Some(text) = label_in(&place.labels, lang) {
                    names.places.push(text.to_owned());
                }
            }
        }
        for names in [&mut fr, &mut en] {
            for list in [&mut names.fighters, &mut names.speakers, &mut names.places] {
                list.sort();
                list.dedup();
                if list.is_empty() {
                    list.push("X".to_owned());
                }
            }
        }
        Self {
            rng: Rng::new(seed),
            fr,
            en,
        }
    }

    /// Article number `n` as a text file with header lines (`date`, `lang`,
    /// `title`), French or English at random, three to nine sentences.
    pub fn article(&mut self, n: usize) -> String {
        let year = 2012 + self.rng.below(14);
        let month = 1 + self.rng.below(12);
        let day = 1 + self.rng.below(28);
        let lang = if self.rng.below(2) == 0 {
            Lang::Fr
        } else {
            Lang::En
        };
        let sentences = 3 + self.rng.below(7);
        let mut body = String::new();
        let mut title = String::new();
        for s in 0..sentences {
            let sentence = self.sentence(lang, day, month, year, s == 0);
            if s == 0 {
                title = sentence.split([',', '.']).next().unwrap_or("").to_owned();
            } else {
                body.push_str(if s % 4 == 0 { "\n\n" } else { " " });
            }
            body.push_str(&sentence);
        }
        let tag = match lang {
            Lang::Fr => format!("(Dépêche {n})"),
            Lang::En => format!("(Dispatch {n})"),
        };
        format!(
            "date {year}-{month:02}-{day:02}\nlang {}\ntitle {title}\n\n{body} {tag}\n",
            lang.code()
        )
    }

    /// Article number `n` as one line of JSON Lines (`date`, `lang`, `title`, `text`).
    pub fn json_line(&mut self, n: usize) -> String {
        let text = self.article(n);
        let (header, body) = text.split_once("\n\n").unwrap_or(("", &text));
        let mut object = serde_json::Map::new();
        for line in header.lines() {
            if let Some((key, value)) = line.split_once(' ') {
                object.insert(key.to_owned(), value.into());
            }
        }
        object.insert("text".to_owned(), body.trim_end().into());
        serde_json::Value::Object(object).to_string()
    }

    fn sentence(
        &mut self,
        lang: Lang,
        day: usize,
        month: usize,
        year: usize,
        first: bool,
    ) -> String {
        let names = match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        };
        let rng = &mut self.rng;
        let a = rng.pick(&names.fighters).clone();
        let mut b = rng.pick(&names.fighters).clone();
        if b == a {
            b = rng.pick(&names.fighters).clone();
        }
        let speaker = rng.pick(&names.speakers).clone();
        let place = rng.pick(&names.places).clone();
        let other = rng.pick(&names.places).clone();
        let toll = 2 + rng.below(60);
        // The first sentence dates the event; later ones say "the day before" and such.
        let pattern = rng.below(if first { 5 } else { 10 });
        match lang {
            Lang::Fr => {
                let when = if first {
                    format!("le {day} {}", MONTHS_FR[month - 1])
                } else {
                    ["la veille", "lundi", "mercredi", "samedi", "dimanche"][rng.below(5)]
                        .to_owned()
                };
                match pattern {
                    0 => format!("{a} a attaqué une position de {b} près de {place} {when}."),
                    1 => format!(
                        "Une frappe aérienne de {a} a visé {place} {when}, faisant au moins {toll} morts."
                    ),
                    2 => format!("{a} a repris le contrôle de {place} {when}, selon {speaker}."),
                    3 if first => format!(
                        "{a} et {b} ont signé un accord de cessez-le-feu à {place} {when} {year}."
                    ),
                    3 => format!("{a} et {b} ont signé un accord de cessez-le-feu à {place} {when}."),
                    4 => format!("Des affrontements entre {a} et {b} ont fait {toll} morts à {place} {when}."),
                    5 => format!("{a} s'est retiré de {place} après des combats avec {b}."),
                    6 => format!("{speaker} a dénoncé l'attaque de {a} contre des civils à {other}."),
                    7 => format!("{a}, allié de {b}, contrôle désormais la route entre {place} et {other}."),
                    8 => format!(
                        "Selon un responsable local, {toll} civils ont été tués dans l'embuscade tendue par {a} près de {other}."
                    ),
                    _ => format!("{speaker} a démenti toute implication de {a} dans l'attentat de {place}."),
                }
            }
            Lang::En => {
                let when = if first {
                    format!("on {} {day}", MONTHS_EN[month - 1])
                } else {
                    [
                        "the day before",
                        "on Monday",
                        "on Wednesday",
                        "on Saturday",
                        "on Sunday",
                    ][rng.below(5)]
                    .to_owned()
                };
                match pattern {
                    0 => format!("{a} attacked a position held by {b} near {place} {when}."),
                    1 => format!("An air strike by {a} hit {place} {when}, killing at least {toll} people."),
                    2 => format!("{a} retook control of {place} {when}, {speaker} said."),
                    3 if first => format!(
                        "{a} and {b} signed a ceasefire agreement in {place} {when}, {year}."
                    ),
                    3 => format!("{a} and {b} signed a ceasefire agreement in {place} {when}."),
                    4 => format!("Clashes between {a} and {b} killed {toll} people in {place} {when}."),
                    5 => format!("{a} withdrew from {place} after fighting with {b}."),
                    6 => format!("{speaker} condemned the attack by {a} on civilians in {other}."),
                    7 => format!("{a}, an ally of {b}, now controls the road between {place} and {other}."),
                    8 => format!(
                        "A local official said {toll} civilians were killed in the ambush laid by {a} near {other}."
                    ),
                    _ => format!("{speaker} denied that {a} was behind the bombing in {place}."),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology;

    fn knowledge() -> Knowledge {
        Knowledge::load(&ontology::default_dir()).expect("the ontology loads")
    }

    #[test]
    fn the_same_seed_gives_the_same_corpus_and_another_seed_another() {
        let kb = knowledge();
        let corpus = |seed| {
            let mut generator = CorpusGenerator::new(&kb, seed);
            (0..20).map(|n| generator.article(n)).collect::<Vec<_>>()
        };
        assert_eq!(corpus(1), corpus(1));
        assert_ne!(corpus(1), corpus(2));
    }

    #[test]
    fn articles_are_french_and_english_over_years_and_yield_facts() {
        let kb = knowledge();
        let mut generator = CorpusGenerator::new(&kb, 7);
        let (mut langs, mut years) = (
            std::collections::BTreeSet::new(),
            std::collections::BTreeSet::new(),
        );
        let mut with_actors = 0;
        for n in 0..60 {
            let text = generator.article(n);
            let article = crate::article::parse_text(&text).expect("a generated article parses");
            langs.insert(article.lang.code());
            years.insert(text[5..9].to_owned());
            let facts = crate::extract::extract(&article, &kb);
            if !facts.actors.is_empty() {
                with_actors += 1;
            }
            let line = generator.json_line(n);
            crate::article::parse_json(&line).expect("a generated JSON line parses");
        }
        assert_eq!(langs.len(), 2, "{langs:?}");
        assert!(years.len() >= 5, "{years:?}");
        assert!(
            with_actors >= 50,
            "{with_actors} of 60 articles have actors"
        );
    }
}
