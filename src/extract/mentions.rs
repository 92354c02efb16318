//! Mentions: gazetteer names, state bodies ("armée malienne"), descriptions,
//! directional regions ("le nord du Mali"), and proper nouns discovered from cues.
//! Descriptions and pronouns are resolved here too (in-article coreference).

use super::analysis::{ActorDraft, Analysis, PlaceDraft, Referent};
use super::{ActorKind, EntityKey, Lang};
use crate::ontology::{best_label, BodyKind, NameTarget, PlaceType};
use crate::text::{slug, TokenKind};
use std::collections::HashMap;
use std::ops::Range;

/// A description waiting to be resolved to an actor.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingDescription {
    /// Index of the lexicon description.
    pub description: usize,
    /// The country its demonym names, if any ("alliés russes").
    pub country: Option<usize>,
    /// The noun phrase, for naming a new actor.
    pub phrase: String,
}

/// Finds every mention and resolves descriptions and pronouns.
pub fn find(analysis: &mut Analysis) {
    skip_dateline(analysis);
    mark_news_agencies(analysis);
    let demonyms = gazetteer_names(analysis);
    analysis.demonyms = demonyms.clone();
    designated_regions(analysis);
    analysis.main_country = main_country(analysis, &demonyms);
    state_bodies(analysis, &demonyms);
    ministries(analysis, &demonyms);
    capitals_as_governments(analysis);
    super::organisations::find(analysis);
    descriptions(analysis, &demonyms);
    directional_places(analysis);
    border_places(analysis);
    discover_proper_nouns(analysis);
    place_anaphora(analysis);
    resolve_descriptions(analysis);
    pronouns(analysis);
    possessive_forces(analysis);
    rivals(analysis);
    analysis
        .mentions
        .sort_by_key(|m| (m.tokens.start, std::cmp::Reverse(m.tokens.end)));
}

/// A capital that acts stands for its country's government: "Islamabad accused …",
/// "Moscou a démenti", "Kyiv said": a capital's mention, not after a locative
/// word, right before a reporting verb, a relation cue or an event trigger.
fn capitals_as_governments(analysis: &mut Analysis) {
    let n = analysis.doc.tokens.len();
    let lexicon = &analysis.kb.lexicon;
    let mut found = Vec::new();
    for (i, m) in analysis.mentions.iter().enumerate() {
        let Referent::Place(p) = m.referent else {
            continue;
        };
        let EntityKey::Known(id) = &analysis.places[p].key else {
            continue;
        };
        let gazetteer = &analysis.kb.gazetteer;
        let Some(country) = gazetteer
            .place(id)
            .and_then(|place| place.capital_of.as_deref())
            .and_then(|c| gazetteer.place_position(c))
        else {
            continue;
        };
        let end = m.tokens.end;
        if end >= n
            || analysis.doc.quoted[m.tokens.start]
            || super::events::is_locative(analysis, m.tokens.start)
        {
            continue;
        }
        let acts = analysis
            .doc
            .form_at(&lexicon.claim_cue_forms, end, n)
            .is_some()
            || analysis
                .doc
                .form_at(&lexicon.relation_cue_forms, end, n)
                .is_some()
            || analysis
                .doc
                .form_at(&lexicon.trigger_forms, end, n)
                .is_some();
        if acts {
            found.push((i, country));
        }
    }
    for (i, country) in found {
        let government = analysis.state_body_actor(country, false);
        analysis.mentions[i].referent = Referent::Actor(government);
    }
}

/// A dateline opening the article ("BAMAKO (Reuters) -", "GOMA, Congo —") names where the
/// story was filed, not a place of the story: its words are skipped.
fn skip_dateline(analysis: &mut Analysis) {
    let tokens = &analysis.doc.tokens;
    let capitals = tokens
        .iter()
        .take_while(|t| {
            t.is_word()
                && (t.acronym
                    || t.text
                        .chars()
                        .all(|c| !c.is_alphabetic() || c.is_uppercase()))
        })
        .count();
    let next = tokens.get(capitals);
    let dateline = capitals > 0
        && next.is_some_and(|t| {
            t.is_punct('(')
                || t.is_punct('-')
                || t.is_punct('—')
                || t.is_punct('–')
                || t.is_punct(',')
        });
    if dateline {
        for slot in &mut analysis.occupied[..capitals] {
            *slot = true;
        }
    }
}

fn mark_news_agencies(analysis: &mut Analysis) {
    let doc = &analysis.doc;
    let forms = analysis.kb.lexicon.class("news-agency");
    let n = doc.tokens.len();
    let mut spans = Vec::new();
    let mut at = 0;
    while at < n {
        match doc.form_at_any_lang(forms, at, n) {
            Some(end) if doc.tokens[at].capitalised => {
                spans.push(at..end);
                at = end;
            }
            _ => at += 1,
        }
    }
    for span in spans {
        for t in span.clone() {
            analysis.occupied[t] = true;
        }
        analysis.agencies.push(span);
    }
}

/// Gazetteer matching, longest name first; returns demonym hits (token → country place index).
fn gazetteer_names(analysis: &mut Analysis) -> HashMap<usize, usize> {
    let gazetteer = &analysis.kb.gazetteer;
    let doc = &analysis.doc;
    let n = doc.tokens.len();
    let mut hits: Vec<(Range<usize>, Vec<NameTarget>)> = Vec::new();
    let mut at = 0;
    while at < n {
        if analysis.occupied[at] || doc.tokens[at].kind == TokenKind::Punct {
            at += 1;
            continue;
        }
        let mut found = None;
        // Only names that begin with this token, over free words, can match here.
        let first = crate::text::key_form(&doc.tokens[at].fold);
        let longest = gazetteer
            .name_starts
            .get(&first)
            .map_or(0, |&l| l.min(n - at));
        let free = (at..at + longest)
            .take_while(|&t| doc.tokens[t].kind != TokenKind::Punct && !analysis.occupied[t])
            .count();
        let mut key: Vec<String> = Vec::with_capacity(free);
        key.push(first);
        key.extend(
            doc.tokens[at + 1..at + free.max(1)]
                .iter()
                .map(|t| crate::text::key_form(&t.fold)),
        );
        for len in (1..=free).rev() {
            let range = at..at + len;
            let Some(entries) = gazetteer.names.get(&key[..len]) else {
                continue;
            };
            let written_ok: Vec<NameTarget> = entries
                .iter()
                .filter(|e| {
                    let first = &doc.tokens[at];
                    if e.exact_case {
                        let text = doc.tokens[range.clone()]
                            .iter()
                            .map(|t| t.text.replace('.', ""))
                            .collect::<String>();
                        let written = e.written.replace(['.', ' ', '-'], "");
                        // An acronym of four letters or more is also written as a word
                        // ("Jnim", "Nato", "Ecowas").
                        return text == written
                            || written.chars().count() >= 4
                                && written.chars().all(|c| c.is_uppercase())
                                && text.chars().next().is_some_and(char::is_uppercase)
                                && text.chars().skip(1).all(char::is_lowercase)
                                && text.to_uppercase() == written;
                    }
                    // "al-Qaïda", "el-Fasher": a lower-case article before a capitalised name.
                    let article_first = matches!(
                        first.text.as_str(),
                        "al" | "el" | "ad" | "as" | "ash" | "an" | "ar"
                    ) && doc.tokens.get(at + 1).is_some_and(|t| t.capitalised);
                    !e.capitalised
                        || first.capitalised
                        || first.kind == TokenKind::Number
                        || article_first
                })
                .map(|e| e.target)
                .collect();
            let mut targets: Vec<NameTarget> = Vec::with_capacity(written_ok.len());
            for target in written_ok {
                if !targets.contains(&target) {
                    targets.push(target); // one entry may own a name twice (in two languages)
                }
            }
            if !targets.is_empty() {
                found = Some((range, targets));
                break;
            }
        }
        match found {
            Some((range, targets)) => {
                at = range.end;
                hits.push((range, targets));
            }
            None => at += 1,
        }
    }
    let context = PlaceContext::of_hits(gazetteer, &hits);
    let mut demonyms = HashMap::new();
    for (range, targets) in hits {
        if looks_like_person_name(analysis, &range, &targets) {
            continue;
        }
        let Some((target, confidence)) = choose_target(analysis, &targets, &context) else {
            continue;
        };
        let sentence = analysis.doc.sentence_of[range.start];
        match target {
            NameTarget::Demonym(p) => {
                for t in range {
                    demonyms.insert(t, p);
                }
            }
            NameTarget::Actor(a) => {
                let actor = analysis.known_actor(a, confidence);
                analysis.push_mention(range, sentence, Referent::Actor(actor), confidence);
            }
            NameTarget::Place(p)
                if analysis.kb.gazetteer.places[p].place_type == PlaceType::Country =>
            {
                analysis.push_mention(range, sentence, Referent::Country(p), confidence);
            }
            NameTarget::Place(p) => {
                let place = analysis.known_place(p, confidence);
                analysis.push_mention(range, sentence, Referent::Place(place), confidence);
            }
        }
    }
    demonyms
}

/// A place this large is named without its country ("Paris", "Kyiv").
const SELF_EVIDENT_POPULATION: u64 = 100_000;

/// What the article says about where it happens, from the names that are not towns
/// and have one reading: countries, demonyms, regions, areas, actors with a country.
#[derive(Debug, Default)]
struct PlaceContext {
    /// Country id → how many times it is named or implied.
    countries: HashMap<String, usize>,
    /// Country id → how many times a place or demonym names or implies it (not an
    /// actor: Wagner is Russian, and fights in Mali).
    place_countries: HashMap<String, usize>,
    /// Ids of the regions and areas named.
    places: Vec<String>,
}

impl PlaceContext {
    fn of_hits(
        gazetteer: &crate::ontology::Gazetteer,
        hits: &[(Range<usize>, Vec<NameTarget>)],
    ) -> Self {
        let mut context = Self::default();
        for (_, targets) in hits {
            let [single] = targets.as_slice() else {
                continue;
            };
            let (country, of_place) = match *single {
                NameTarget::Place(p) | NameTarget::Demonym(p) => {
                    let place = &gazetteer.places[p];
                    if place.place_type == PlaceType::Town {
                        continue; // a town could itself be a namesake: it needs context, it gives none
                    }
                    context.places.push(place.id.clone());
                    (place.country.clone(), true)
                }
                NameTarget::Actor(a) => (gazetteer.actors[a].country.clone(), false),
            };
            if let Some(country) = country {
                if of_place {
                    *context.place_countries.entry(country.clone()).or_default() += 1;
                }
                *context.countries.entry(country).or_default() += 1;
            }
        }
        context
    }

    /// The article's main country so far: the one named most.
    fn main_country(&self) -> Option<&str> {
        self.countries
            .iter()
            .max_by_key(|&(id, n)| (*n, std::cmp::Reverse(id.as_str())))
            .map(|(id, _)| id.as_str())
    }
}

/// "Tangi Salaün", "Assimi Goïta": a town name run together with another capitalised
/// word (not at the sentence start, not a known name) is part of a person's name.
fn looks_like_person_name(
    analysis: &Analysis,
    range: &Range<usize>,
    targets: &[NameTarget],
) -> bool {
    let gazetteer = &analysis.kb.gazetteer;
    let all_towns = targets.iter().all(
        |t| matches!(t, NameTarget::Place(p) if gazetteer.places[*p].place_type == PlaceType::Town),
    );
    if !all_towns {
        return false;
    }
    let doc = &analysis.doc;
    let sentence = &doc.sentences[doc.sentence_of[range.start]].tokens;
    let name_like = |t: usize| {
        let token = &doc.tokens[t];
        token.is_word() && token.capitalised && !token.acronym && !analysis.occupied[t]
    };
    let before = range.start > sentence.start + 1 && name_like(range.start - 1);
    let after = range.end < sentence.end && name_like(range.end);
    before || after
}

/// Picks among namesakes, and says how sure the pick is (`None`: not a place after all).
///
/// Actors: the one valid at the article date, in a country the article names.
/// Places: the one the article's context confirms (its country named or implied, its
/// region named, the article's main country), then the most populous. A small town
/// nothing in the article confirms is dropped: it is likely a namesake word or person.
fn choose_target(
    analysis: &Analysis,
    targets: &[NameTarget],
    context: &PlaceContext,
) -> Option<(NameTarget, f32)> {
    let gazetteer = &analysis.kb.gazetteer;
    let main_country = context.main_country();
    // (valid, context evidence, population for a place or start of validity for an actor)
    let score = |target: &NameTarget| -> (bool, usize, u64) {
        match *target {
            NameTarget::Place(p) | NameTarget::Demonym(p) => {
                let place = &gazetteer.places[p];
                let country = place.country.as_deref();
                let mut evidence = country
                    .and_then(|c| context.countries.get(c).copied())
                    .unwrap_or(0);
                if place
                    .part_of
                    .as_ref()
                    .is_some_and(|r| context.places.contains(r))
                {
                    evidence += 2;
                }
                if country.is_some() && country == main_country {
                    evidence += 1;
                }
                (true, evidence, place.population.unwrap_or(0))
            }
            NameTarget::Actor(a) => {
                let actor = &gazetteer.actors[a];
                let valid = analysis.date.is_none_or(|d| {
                    actor.valid_from.is_none_or(|from| from <= d)
                        && actor.valid_until.is_none_or(|until| d <= until)
                        || actor.valid_until.is_some_and(|u| u.year == d.year)
                });
                let evidence = actor
                    .country
                    .as_ref()
                    .and_then(|c| context.countries.get(c).copied())
                    .unwrap_or(0);
                // Of a renamed actor's names valid at once ("CSP" in 2024), the newer one.
                let since = actor.valid_from.map_or(0, |d| {
                    u64::from(d.year.unsigned_abs()) * 100 + u64::from(d.month.unwrap_or(0))
                });
                (valid, evidence, since)
            }
        }
    };
    let mut ranked: Vec<(NameTarget, (bool, usize, u64))> =
        targets.iter().map(|t| (*t, score(t))).collect();
    ranked.sort_by_key(|(_, s)| std::cmp::Reverse(*s));
    let (best, (_, evidence, _)) = *ranked.first()?;
    // A generated small town whose country the article never names is more likely
    // a namesake word or person than the place.
    let needs_context = matches!(best, NameTarget::Place(p) if gazetteer.places[p].needs_context);
    if needs_context && evidence == 0 {
        return None;
    }
    // A small place of a country the article never names, in an article that names
    // others as places, is a namesake: "la région du Nord" of an article about Mali is
    // not Burkina Faso's Nord region. An actor's country does not count: Wagner
    // (Russian) near Tombouctou is in Mali.
    let foreign = matches!(best, NameTarget::Place(p)
        if gazetteer.places[p].place_type != PlaceType::Country
            && gazetteer.places[p].country.is_some()
            && gazetteer.places[p].population.unwrap_or(0) < SELF_EVIDENT_POPULATION);
    if foreign && evidence == 0 && !context.place_countries.is_empty() {
        return None;
    }
    let unconfirmed_town = matches!(best, NameTarget::Place(p)
        if gazetteer.places[p].place_type == PlaceType::Town && evidence == 0);
    let runner_up = ranked.get(1).map(|(_, s)| *s);
    let confidence = match runner_up {
        None if !unconfirmed_town => 0.95,
        None => 0.8,
        // The context tells the namesakes apart.
        Some((_, other, _)) if evidence > other => 0.85,
        // Only the population does.
        Some(_) if evidence > 0 => 0.6,
        Some(_) => 0.5,
    };
    Some((best, confidence))
}

fn main_country(analysis: &Analysis, demonyms: &HashMap<usize, usize>) -> Option<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for mention in &analysis.mentions {
        let country = match mention.referent {
            Referent::Country(p) => Some(p),
            Referent::Place(p) => analysis.places[p].country,
            Referent::Actor(a) => analysis.actors[a].country,
            _ => None,
        };
        if let Some(c) = country {
            *counts.entry(c).or_default() += 2;
        }
    }
    for &p in demonyms.values() {
        *counts.entry(p).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(p, c)| (c, std::cmp::Reverse(p)))
        .map(|(p, _)| p)
}

/// "armée malienne", "militaires tchadiens", "Sudanese army", "Congo's government", "… de Wagner et maliens".
fn state_bodies(analysis: &mut Analysis, demonyms: &HashMap<usize, usize>) {
    let doc = &analysis.doc;
    let n = doc.tokens.len();
    let bodies = &analysis.kb.lexicon.state_bodies;
    let body_forms = &analysis.kb.lexicon.state_body_forms;
    let mut found: Vec<(Range<usize>, usize, bool)> = Vec::new();
    for (body, range) in doc.find_forms(body_forms, 0..n) {
        if bodies[body].body == BodyKind::Ministry {
            continue;
        }
        let armed = bodies[body].body == BodyKind::ArmedForces;
        // French: noun + demonym ("forces armées maliennes"); English: demonym + noun.
        if let Some(&country) = demonyms.get(&range.end) {
            let mut end = range.end + 1;
            while demonyms.get(&end) == Some(&country) {
                end += 1;
            }
            found.push((range.start..end, country, armed));
        } else if let Some(&country) = range.start.checked_sub(1).and_then(|p| demonyms.get(&p)) {
            found.push((range.start - 1..range.end, country, armed));
            // "Ethiopian and Eritrean government troops": each demonym names a force.
            if range.start >= 3 && matches!(doc.keys[range.start - 2].as_str(), "and" | "et") {
                if let Some(&other) = demonyms.get(&(range.start - 3)) {
                    found.push((range.start - 3..range.start - 2, other, armed));
                }
            }
        } else if let Some(Referent::Actor(government)) = range
            .start
            .checked_sub(1)
            .and_then(|p| analysis.mention_ending_at(p))
            .map(|m| m.referent.clone())
            .filter(|_| armed)
        {
            // "Eritrean government troops": the troops of that government's country.
            let actor = &analysis.actors[government];
            if let (ActorKind::Government, Some(country)) = (actor.kind, actor.country) {
                let start = analysis
                    .mention_ending_at(range.start - 1)
                    .map_or(range.start, |m| m.tokens.start);
                found.push((start..range.end, country, true));
            }
        } else if range.start >= 2 && doc.tokens[range.start - 1].fold.ends_with("'s") {
            if let Some(Referent::Country(country)) = analysis
                .mention_ending_at(range.start - 1)
                .map(|m| m.referent.clone())
            {
                let start = analysis
                    .mention_ending_at(range.start - 1)
                    .map_or(range.start, |m| m.tokens.start);
                found.push((start..range.end, country, armed));
            }
        }
    }
    // Elliptic coordination: "les militaires de Wagner et maliens".
    for (&t, &country) in demonyms {
        if t >= 1 && doc.keys[t - 1] == "et" && !analysis.occupied[t] {
            let window = t.saturating_sub(7)..t;
            let body = bodies.iter().find(|b| {
                window
                    .clone()
                    .any(|w| doc.list_form_at(&b.forms, w, t).is_some())
            });
            if let Some(body) = body.filter(|b| b.body != BodyKind::Ministry) {
                found.push((t..t + 1, country, body.body == BodyKind::ArmedForces));
            }
        }
    }
    // The gazetteer may have taken the demonym with the noun ("Eritrean troops",
    // "Eritrean government"): "Eritrean government troops" are still the forces, and
    // "Ethiopian and Eritrean troops" still names two forces.
    for (body, range) in doc.find_forms(body_forms, 0..n) {
        if bodies[body].body != BodyKind::ArmedForces {
            continue;
        }
        let covering = analysis.mentions.iter().find_map(|m| match m.referent {
            Referent::Actor(a)
                if m.tokens.start < range.start
                    && m.tokens.end >= range.start
                    && m.tokens.end <= range.end =>
            {
                let actor = &analysis.actors[a];
                actor
                    .country
                    .filter(|_| {
                        matches!(
                            actor.kind,
                            ActorKind::Government | ActorKind::StateArmedForce
                        )
                    })
                    .map(|country| (m.tokens.start, country, actor.kind))
            }
            _ => None,
        });
        let Some((start, country, kind)) = covering else {
            continue;
        };
        if kind == ActorKind::Government {
            found.push((start..range.end, country, true));
        }
        if start >= 2 && matches!(doc.keys[start - 1].as_str(), "and" | "et") {
            if let Some(&other) = demonyms.get(&(start - 2)) {
                found.push((start - 2..start - 1, other, true));
            }
        }
    }
    for (range, country, armed) in found {
        // Already named otherwise (the gazetteer may know "armée malienne" itself): keep that.
        let named = analysis.mentions.iter().any(|m| {
            m.tokens.start < range.end
                && range.start < m.tokens.end
                && match m.referent {
                    Referent::Country(_) => false,
                    // "government troops" names the forces, not the government.
                    Referent::Actor(a) => {
                        !(armed && analysis.actors[a].kind == ActorKind::Government)
                    }
                    _ => true,
                }
        });
        if named {
            continue;
        }
        analysis
            .mentions
            .retain(|m| !(m.tokens.start >= range.start && m.tokens.end <= range.end));
        let actor = analysis.state_body_actor(country, armed);
        let sentence = analysis.doc.sentence_of[range.start];
        analysis.push_mention(range, sentence, Referent::Actor(actor), 0.85);
    }
}

/// Ministries: "le ministère nigérien de la Défense", "ministère de la Défense russe",
/// "Russia's defence ministry": a government actor named by its whole phrase.
fn ministries(analysis: &mut Analysis, demonyms: &HashMap<usize, usize>) {
    let n = analysis.doc.tokens.len();
    let bodies = &analysis.kb.lexicon.state_bodies;
    let ministry = |body: usize| bodies[body].body == BodyKind::Ministry;
    let forms = &analysis.kb.lexicon.state_body_forms;
    let mut found = Vec::new();
    for (_, range) in analysis.doc.find_forms_of(forms, ministry, 0..n) {
        if analysis.occupied[range.clone()].iter().any(|&o| o) {
            continue;
        }
        let doc = &analysis.doc;
        let mut start = range.start;
        let mut end = range.end;
        let mut country = demonyms.get(&end).copied();
        if country.is_some() {
            end += 1;
        }
        // The portfolio: "de la Défense", "of Defence", "des Affaires étrangères".
        if end < n && matches!(doc.keys[end].as_str(), "de" | "of") {
            let mut k = end + 1;
            if k < n && doc.keys[k] == "le" {
                k += 1;
            }
            if k < n && doc.tokens[k].capitalised && !analysis.occupied[k] {
                k += 1;
                while k < n
                    && doc.tokens[k].is_word()
                    && !doc.tokens[k].capitalised
                    && is_adjective_like(analysis, k)
                    && k < end + 5
                {
                    k += 1;
                }
                end = k;
            }
        }
        if country.is_none() {
            country = demonyms.get(&end).copied();
            if country.is_some() {
                end += 1;
            }
        }
        if country.is_none() {
            if let Some(&c) = start.checked_sub(1).and_then(|p| demonyms.get(&p)) {
                country = Some(c);
                start -= 1;
            }
        }
        // "ministère de la Santé du Hamas": a ministry of an actor.
        let owner = (end < n && doc.keys[end] == "de")
            .then(|| analysis.mention_starting_at(end + 1))
            .flatten()
            .filter(|m| matches!(m.referent, Referent::Actor(_)))
            .map(|m| m.tokens.end);
        if let Some(owner_end) = owner.filter(|_| country.is_none()) {
            end = owner_end;
        }
        if country.is_some() || owner.is_some() {
            found.push((start..end, country));
        }
    }
    for (range, country) in found {
        let name = capitalise(&analysis.doc.text_of(range.clone()));
        analysis
            .mentions
            .retain(|m| !(range.start <= m.tokens.start && m.tokens.end <= range.end));
        let actor = analysis.discovered_actor(&name, ActorKind::Government, 0.75);
        analysis.actors[actor].country = country;
        let sentence = analysis.doc.sentence_of[range.start];
        analysis.push_mention(range, sentence, Referent::Actor(actor), 0.75);
    }
}

/// Description nouns ("les séparatistes", "the group"), merged into the actor that follows them when there is one.
fn descriptions(analysis: &mut Analysis, demonyms: &HashMap<usize, usize>) {
    let n = analysis.doc.tokens.len();
    let lexicon = &analysis.kb.lexicon;
    let forms = &lexicon.description_forms;
    let matches = analysis.doc.find_forms(forms, 0..n);
    // A name that holds a description gives its actor the trait: "M23 rebels", "groupes armés séparatistes".
    let mut named_traits = Vec::new();
    for mention in &analysis.mentions {
        if let Referent::Actor(actor) = mention.referent {
            for (description, _) in analysis.doc.find_forms(forms, mention.tokens.clone()) {
                named_traits.extend(
                    lexicon.descriptions[description]
                        .trait_name
                        .clone()
                        .map(|t| (actor, t)),
                );
            }
        }
    }
    for (actor, trait_name) in named_traits {
        analysis.actors[actor].traits.push(trait_name);
    }
    let mut new_mentions = Vec::new();
    for (description, range) in matches {
        if analysis.occupied[range.clone()].iter().any(|&o| o) {
            continue;
        }
        let mut end = range.end;
        let mut country = None;
        if let Some(&c) = demonyms.get(&end) {
            country = Some(c);
            end += 1;
        }
        // Trailing adjectives make the phrase: "rebelles touaregs", "groupes armés séparatistes".
        let mut phrase_end = end;
        // A linking word is no qualifier: "djihadistes liés à Al-Qaïda" are not a group of
        // their own called "liés".
        let linking = lexicon.class("linking-adjective");
        while phrase_end < n
            && phrase_end < end + 2
            && is_adjective_like(analysis, phrase_end)
            && !analysis.doc.is_form(linking, phrase_end..phrase_end + 1)
        {
            phrase_end += 1;
        }
        let sentence = analysis.doc.sentence_of[range.start];
        let phrase = analysis.doc.text_of(range.start..phrase_end);
        // "les rebelles du CSP", "militaires de Wagner", "jihadistes de Boko Haram".
        let following = (phrase_end < n && analysis.doc.keys[phrase_end] == "de")
            .then(|| analysis.mention_starting_at(phrase_end + 1))
            .flatten()
            .cloned();
        if let Some(next) = following {
            match next.referent {
                Referent::Actor(actor) => {
                    let trait_name = lexicon.descriptions[description].trait_name.clone();
                    analysis.actors[actor].traits.extend(trait_name);
                    new_mentions.push((
                        range.start..next.tokens.end,
                        sentence,
                        Referent::Actor(actor),
                        0.8,
                    ));
                    continue;
                }
                Referent::Country(c)
                    if !lexicon.descriptions[description]
                        .kinds
                        .contains(&ActorKind::Country) =>
                {
                    let armed = lexicon.descriptions[description]
                        .kinds
                        .contains(&ActorKind::StateArmedForce);
                    let gov = lexicon.descriptions[description]
                        .kinds
                        .contains(&ActorKind::Government);
                    if armed || gov {
                        let actor = analysis.state_body_actor(c, armed);
                        new_mentions.push((
                            range.start..next.tokens.end,
                            sentence,
                            Referent::Actor(actor),
                            0.8,
                        ));
                        continue;
                    }
                }
                _ => {}
            }
        }
        // English puts the name first: "the M23 rebels", "Houthi militants".
        let before = range
            .start
            .checked_sub(1)
            .and_then(|p| analysis.mention_ending_at(p))
            .cloned();
        if let Some(before) = before {
            if let Referent::Actor(actor) = before.referent {
                if analysis.actors[actor].kind != ActorKind::Person {
                    let trait_name = lexicon.descriptions[description].trait_name.clone();
                    analysis.actors[actor].traits.extend(trait_name);
                    new_mentions.push((
                        before.tokens.start..end,
                        sentence,
                        Referent::Actor(actor),
                        0.8,
                    ));
                    continue;
                }
            }
        }
        // A description right before a name of its kind describes it: "the paramilitary
        // Rapid Support Forces", "le groupe jihadiste JNIM".
        let named_after = analysis
            .mention_starting_at(end)
            .filter(|m| m.sentence == sentence)
            .and_then(|m| match m.referent {
                Referent::Actor(actor)
                    if lexicon.descriptions[description]
                        .kinds
                        .contains(&analysis.actors[actor].kind) =>
                {
                    Some((actor, m.tokens.end))
                }
                _ => None,
            });
        if let Some((actor, stop)) = named_after {
            let trait_name = lexicon.descriptions[description].trait_name.clone();
            analysis.actors[actor].traits.extend(trait_name);
            new_mentions.push((range.start..stop, sentence, Referent::Actor(actor), 0.8));
            continue;
        }
        let pending = PendingDescription {
            description,
            country,
            phrase,
        };
        new_mentions.push((range.start..end, sentence, Referent::Pending(pending), 0.7));
    }
    for (range, sentence, referent, confidence) in new_mentions {
        analysis.mentions.retain(|m| {
            !(m.tokens.start >= range.start
                && m.tokens.end <= range.end
                && !matches!(m.referent, Referent::Actor(_)))
        });
        analysis.push_mention(range, sentence, referent, confidence);
    }
    // "une alliance de groupes séparatistes (CSP-DPA)": the phrase before a bracketed name describes it.
    let mut links = Vec::new();
    for mention in &analysis.mentions {
        let Referent::Actor(actor) = mention.referent else {
            continue;
        };
        let start = mention.tokens.start;
        if start == 0 || !analysis.doc.tokens[start - 1].is_punct('(') {
            continue;
        }
        let window_start = start
            .saturating_sub(12)
            .max(analysis.doc.sentences[mention.sentence].tokens.start);
        for other in &analysis.mentions {
            if other.tokens.start >= window_start && other.tokens.end < start {
                if let Referent::Pending(p) = &other.referent {
                    links.push((other.tokens.clone(), actor, p.description));
                }
            }
        }
    }
    for (tokens, actor, description) in links {
        let trait_name = analysis.kb.lexicon.descriptions[description]
            .trait_name
            .clone();
        analysis.actors[actor].traits.extend(trait_name);
        if let Some(m) = analysis.mentions.iter_mut().find(|m| m.tokens == tokens) {
            m.referent = Referent::Actor(actor);
        }
    }
}

fn is_adjective_like(analysis: &Analysis, t: usize) -> bool {
    let token = &analysis.doc.tokens[t];
    token.kind == TokenKind::Word
        && !token.capitalised
        && !analysis.occupied[t]
        && token.fold.chars().count() > 3
        && !analysis
            .kb
            .lexicon
            .class("not-a-name")
            .iter()
            .any(|(_, f)| {
                f.words.first().and_then(|w| w.as_deref()) == Some(analysis.doc.keys[t].as_str())
            })
        && ![
            "dans", "depuis", "pour", "avec", "sans", "vers", "chez", "from", "with", "into",
            "near", "were", "have", "said", "ont", "sont", "etait", "avaient",
        ]
        .contains(&token.fold.as_str())
        && (token.fold.ends_with('s')
            || token.fold.ends_with('e')
            || token.fold.ends_with("es")
            || analysis.doc.lang == Lang::Fr)
}

/// "le nord du Mali", "northern Mali", "le nord du pays", "du Nord".
fn directional_places(analysis: &mut Analysis) {
    let doc = &analysis.doc;
    let n = doc.tokens.len();
    let directions = analysis.kb.lexicon.class("direction");
    let adjectives = analysis.kb.lexicon.class("direction-adjective");
    let the_country = analysis.kb.lexicon.class("the-country");
    let mut found: Vec<(Range<usize>, String, Option<usize>)> = Vec::new();
    let mut parts_of_regions: Vec<Range<usize>> = Vec::new();
    for t in 0..n {
        if analysis.occupied[t] {
            continue;
        }
        if let Some(end) = doc.form_at(directions, t, n) {
            let determiner =
                t >= 1 && matches!(doc.keys[t - 1].as_str(), "le" | "de" | "au" | "the");
            // "plus au nord", "further north": a bearing, not a region.
            let relative =
                t >= 2 && matches!(doc.keys[t - 2].as_str(), "plus" | "further" | "farther");
            if !determiner || relative {
                continue;
            }
            let direction = canonical_direction(&doc.keys[t..end].join("-"));
            if end < n && matches!(doc.keys[end].as_str(), "de" | "of") {
                // "nord du Mali", "north of Mali", "nord du pays".
                let region = analysis
                    .mention_starting_at(end + 1)
                    .and_then(|m| match m.referent {
                        Referent::Country(c) => Some((m.tokens.end, Some(c))),
                        _ => None,
                    });
                let region = region.or_else(|| {
                    doc.form_at(the_country, end + 1, n)
                        .map(|e| (e, analysis.main_country))
                });
                if let Some((stop, country)) = region {
                    found.push((t..stop, direction, country));
                }
                // "au nord-ouest de Tessalit": a bearing from a town, not a region.
                continue;
            }
            // A bare "le nord", "du Nord": the main country's (English "the West" is rarely a region).
            if doc.lang == Lang::Fr {
                found.push((t..end, direction, analysis.main_country));
            }
        } else if let Some(end) = doc.form_at(adjectives, t, n) {
            if let Some(Referent::Country(c)) = analysis
                .mention_starting_at(end)
                .map(|m| m.referent.clone())
            {
                let stop = analysis
                    .mention_starting_at(end)
                    .map_or(end, |m| m.tokens.end);
                found.push((t..stop, canonical_direction(&doc.keys[t]), Some(c)));
            } else if let Some(region) = analysis.mention_starting_at(end).filter(
                |m| matches!(m.referent, Referent::Place(p) if analysis.places[p].specificity == 3),
            ) {
                // "northwestern Tigray": a part of a region, a place of its own.
                parts_of_regions.push(t..region.tokens.end);
            }
        }
    }
    for range in parts_of_regions {
        let name = capitalise(&analysis.doc.text_of(range.clone()));
        let place = analysis.discovered_place(&name, 0.6);
        let sentence = analysis.doc.sentence_of[range.start];
        analysis.push_mention(range, sentence, Referent::Place(place), 0.6);
    }
    for (range, direction, country) in found {
        let Some(country) = country else { continue };
        let place = analysis.directional_place(&direction, country);
        let sentence = analysis.doc.sentence_of[range.start];
        analysis.push_mention(range, sentence, Referent::Place(place), 0.7);
    }
}

/// "la province d'Alep", "Kharkiv region", "Sennar state": a town's name with a region
/// word names the region, not the town. It is the town's own region in the gazetteer
/// when their names agree ("Kharkiv" and "Kharkivska Region", "Aleppo" alias "Halab"
/// and "Ḩalab Province"), else a region of its own named as in the text.
fn designated_regions(analysis: &mut Analysis) {
    let before_words = analysis.kb.lexicon.class("region-word-before");
    let after_words = analysis.kb.lexicon.class("region-word-after");
    let n = analysis.doc.tokens.len();
    let mut changes: Vec<(usize, Range<usize>, Option<usize>)> = Vec::new(); // mention, tokens, known region
    for (i, m) in analysis.mentions.iter().enumerate() {
        let Referent::Place(p) = m.referent else {
            continue;
        };
        let EntityKey::Known(id) = &analysis.places[p].key else {
            continue;
        };
        if analysis.places[p].specificity != 4 {
            continue;
        }
        let start = (m.tokens.start.saturating_sub(3)..m.tokens.start).find(|&k| {
            analysis.doc.form_at(before_words, k, m.tokens.start) == Some(m.tokens.start)
        });
        let end = analysis
            .doc
            .form_at(after_words, m.tokens.end, n)
            .filter(|_| m.tokens.end < n);
        if start.is_none() && end.is_none() {
            continue;
        }
        let tokens = start.unwrap_or(m.tokens.start)..end.unwrap_or(m.tokens.end);
        let gazetteer = &analysis.kb.gazetteer;
        let town = gazetteer.place_position(id).map(|t| &gazetteer.places[t]);
        let region = town.and_then(|town| {
            let index = gazetteer.place_position(town.part_of.as_deref()?)?;
            let region = &gazetteer.places[index];
            let names = |place: &crate::ontology::KnownPlace| -> Vec<String> {
                place
                    .labels
                    .iter()
                    .chain(&place.aliases)
                    .map(|l| crate::text::fold(&l.text))
                    .collect()
            };
            let (town_names, region_names) = (names(town), names(region));
            let agree = town_names.iter().any(|t| {
                region_names.iter().any(|r| {
                    let common = t.chars().zip(r.chars()).take_while(|(a, b)| a == b).count();
                    common >= t.chars().count().min(REGION_NAME_PREFIX)
                })
            });
            agree.then_some(index)
        });
        changes.push((i, tokens, region));
    }
    for (i, tokens, region) in changes {
        let place = match region {
            Some(index) => analysis.known_place(index, 0.8),
            None => {
                let name = capitalise(&analysis.doc.text_of(tokens.clone()));
                let town = match analysis.mentions[i].referent {
                    Referent::Place(p) => analysis.places[p].country,
                    _ => None,
                };
                let place = analysis.discovered_place(&name, 0.7);
                analysis.places[place].country = town;
                analysis.places[place].specificity = 3;
                place
            }
        };
        for t in tokens.clone() {
            analysis.occupied[t] = true;
        }
        analysis.mentions[i].tokens = tokens;
        analysis.mentions[i].referent = Referent::Place(place);
    }
}

/// How many first letters a town's and a region's names must share to be namesakes.
const REGION_NAME_PREFIX: usize = 5;

/// "la frontière malienne", "the Russian border", "the Niger border": a border named by
/// the country on its other side is a place of its own, as wide as a region.
fn border_places(analysis: &mut Analysis) {
    let borders = analysis.kb.lexicon.class("border-noun");
    let n = analysis.doc.tokens.len();
    let mut found: Vec<(Range<usize>, usize)> = Vec::new(); // tokens, country
    for t in 0..n {
        if analysis.occupied[t] || !analysis.doc.is_form(borders, t..t + 1) {
            continue;
        }
        let same_sentence = |k: usize| analysis.doc.sentence_of[k] == analysis.doc.sentence_of[t];
        let found_here = match analysis.doc.lang {
            // The adjective after the noun: "frontière malienne".
            Lang::Fr => analysis
                .demonyms
                .get(&(t + 1))
                .filter(|_| t + 1 < n && same_sentence(t + 1))
                .map(|&c| (t..t + 2, c)),
            // The demonym or the country before it: "Russian border", "the Niger border".
            Lang::En => t.checked_sub(1).and_then(|before| {
                if let Some(&c) = analysis.demonyms.get(&before) {
                    return Some((before..t + 1, c));
                }
                analysis
                    .mentions
                    .iter()
                    .find(|m| m.tokens.end == t)
                    .and_then(|m| match m.referent {
                        Referent::Country(c) => Some((m.tokens.start..t + 1, c)),
                        _ => None,
                    })
            }),
        };
        found.extend(found_here);
    }
    for (range, country) in found {
        let name = capitalise(&analysis.doc.text_of(range.clone()));
        let place = analysis.discovered_place(&name, 0.6);
        analysis.places[place].country = Some(country);
        analysis.places[place].specificity = 3;
        let sentence = analysis.doc.sentence_of[range.start];
        analysis.push_mention(range, sentence, Referent::Place(place), 0.6);
    }
}

/// "la ville", "the city", "cette localité": the town named last before it.
/// ("la ville de Kidal" names the town itself and is matched with it.)
fn place_anaphora(analysis: &mut Analysis) {
    let forms = analysis.kb.lexicon.class("place-anaphor");
    let n = analysis.doc.tokens.len();
    let mut found = Vec::new();
    let mut t = 0;
    while t < n {
        let Some(end) = analysis.doc.form_at(forms, t, n) else {
            t += 1;
            continue;
        };
        let named_after = end < n && matches!(analysis.doc.keys[end].as_str(), "de" | "of");
        if !named_after && !analysis.occupied[t..end].iter().any(|&o| o) {
            let town = analysis
                .mentions
                .iter()
                .filter(|m| m.tokens.end <= t)
                .filter_map(|m| match m.referent {
                    Referent::Place(p) if analysis.places[p].specificity >= 4 => {
                        Some((m.tokens.end, p))
                    }
                    _ => None,
                })
                .max_by_key(|&(end, _)| end);
            if let Some((_, place)) = town {
                found.push((t..end, place));
            }
        }
        t = end;
    }
    for (range, place) in found {
        let sentence = analysis.doc.sentence_of[range.start];
        let confidence = analysis.places[place].confidence.min(0.6);
        analysis.push_mention(range, sentence, Referent::Place(place), confidence);
    }
}

/// The English name of a direction word, the key of a directional region.
fn canonical_direction(word: &str) -> String {
    let word = word
        .trim_end_matches("ern")
        .replace("northeast", "north-east")
        .replace("northwest", "north-west");
    let parts: Vec<&str> = word.split('-').collect();
    parts
        .iter()
        .map(|p| match *p {
            "nord" | "north" | "nor" => "north",
            "sud" | "south" | "sou" => "south",
            "est" | "east" | "eas" => "east",
            "ouest" | "west" | "wes" => "west",
            "centre" | "central" | "center" => "centre",
            other => other,
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The specificity of a place inside a town: a neighbourhood, a camp, a base (a town is 4).
pub const SITE_SPECIFICITY: u8 = 5;

/// Proper nouns absent from the gazetteer, typed by the cue before or after them.
fn discover_proper_nouns(analysis: &mut Analysis) {
    let doc = &analysis.doc;
    let n = doc.tokens.len();
    let lexicon = &analysis.kb.lexicon;
    let particles = lexicon.class("name-particle");
    let not_names = lexicon.class("not-a-name");
    let locatives = lexicon.class("locative");
    let spokesperson = lexicon.class("spokesperson");
    let roles = lexicon.class("person-role");
    let sub_town = lexicon.class("sub-town-cue");
    let mut sites: Vec<usize> = Vec::new(); // first tokens of names a sub-town cue introduces
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut t = 0;
    while t < n {
        let token = &doc.tokens[t];
        let starts = token.is_word()
            && token.capitalised
            && !analysis.occupied[t]
            && !doc.is_form(not_names, t..t + 1);
        if !starts {
            t += 1;
            continue;
        }
        let mut end = t + 1;
        while end < n
            && !analysis.occupied[end]
            && doc.tokens[end].is_word()
            && doc.sentence_of[end] == doc.sentence_of[t]
        {
            let next = &doc.tokens[end];
            if next.capitalised && !doc.is_form(not_names, end..end + 1) {
                end += 1;
            } else if doc.is_form(particles, end..end + 1)
                && end + 1 < n
                && doc.tokens[end + 1].capitalised
                && !analysis.occupied[end + 1]
            {
                end += 2;
            } else {
                break;
            }
        }
        runs.push(t..end);
        t = end;
    }
    let mut found: Vec<(Range<usize>, Option<ActorKind>, f32)> = Vec::new();
    for mut run in runs {
        // Capitalised titles inside the run ("French Foreign Minister Jean Dupuis"): the name
        // starts after the last cue word, and the cue types it.
        if let Some(k) = (run.start + 1..run.end).rev().find(|&k| {
            (run.start..k).any(|j| {
                lexicon
                    .discovery_cues
                    .iter()
                    .any(|c| c.actor_kind.is_some() && doc.is_list_form(&c.forms, j..k))
            })
        }) {
            run = k..run.end;
        }
        let sentence = doc.sentence_of[run.start];
        let sentence_start = doc.sentences[sentence].tokens.start;
        let before = |k: usize| run.start.checked_sub(k).filter(|&p| p >= sentence_start);
        // A cue right before: "localité de X", "colonel X", "groupe X".
        let cue = lexicon.discovery_cues.iter().find_map(|cue| {
            (1..=4).find_map(|len| {
                let start = before(len)?;
                doc.is_list_form(&cue.forms, start..run.start)
                    .then_some((cue.actor_kind, start))
            })
        });
        let words = run.len();
        if let Some((kind, cue_start)) = cue {
            if kind.is_none() && doc.is_form(sub_town, cue_start..run.start) {
                sites.push(run.start);
            }
            found.push((run, kind, 0.65));
            continue;
        }
        let locative =
            (1..=2).any(|len| before(len).is_some_and(|s| doc.is_form(locatives, s..run.start)));
        if locative && words <= 3 && !doc.tokens[run.start].acronym {
            found.push((run, None, 0.55));
            continue;
        }
        // "X, l'un des porte-parole de …", "X, spokesman for …", "X, a senior official".
        let after = run.end;
        let is_role = |k: usize| {
            doc.form_at(spokesperson, k, n).is_some() || doc.form_at(roles, k, n).is_some()
        };
        let role_after = after < n
            && doc.tokens[after].is_punct(',')
            && (after + 1..(after + 5).min(n)).any(is_role);
        // "le porte-parole du gouvernement, Wilfried X": a role, its complement, a comma, the name.
        // The role phrase runs back to the previous comma ("Au Mali, le porte-parole …, X").
        let role_before = before(1).is_some_and(|comma| {
            let from = (comma.saturating_sub(7).max(sentence_start)..comma)
                .rev()
                .find(|&k| doc.tokens[k].is_punct(','))
                .map_or(comma.saturating_sub(7).max(sentence_start), |k| k + 1);
            doc.tokens[comma].is_punct(',') && (from..comma).any(is_role)
        });
        // "a déclaré à l'AFP X": a named speaker after a reporting verb; "X said": before one.
        let reported = before(1).is_some_and(|p| analysis.is_reporting_end(p));
        let reporting_after = after < n
            && doc.is_form(&analysis.kb.lexicon.claim_cue_forms, after..after + 1)
            && doc.sentence_of[after] == sentence;
        if (2..=4).contains(&words) && (role_after || role_before || reported || reporting_after) {
            found.push((run, Some(ActorKind::Person), 0.6));
        }
    }
    for (run, kind, confidence) in found {
        let name = analysis.doc.text_of(run.clone());
        let sentence = analysis.doc.sentence_of[run.start];
        let referent = match kind {
            Some(kind) => Referent::Actor(analysis.discovered_actor(&name, kind, confidence)),
            None => {
                let place = analysis.discovered_place(&name, confidence);
                if sites.contains(&run.start) {
                    analysis.places[place].specificity = SITE_SPECIFICITY;
                }
                Referent::Place(place)
            }
        };
        analysis.push_mention(run, sentence, referent, confidence);
    }
}

/// Pronoun subjects ("Ils ont rompu …", "the army said it had …", "… qu'ils ont incendié"):
/// anywhere in a clause, a subject pronoun refers to the nearest compatible subject
/// before it: a clause subject earlier in its sentence, else the main subject of the
/// nearest previous sentence that has one. Places, quoted text and expletive uses
/// ("il y a", "it is") are skipped; "he"/"she" only refer to people, "it"/"they"
/// only to groups, forces, governments and countries.
fn pronouns(analysis: &mut Analysis) {
    let lexicon = &analysis.kb.lexicon;
    let forms = lexicon.class("pronoun");
    let doc = &analysis.doc;
    let n = doc.tokens.len();
    let mut found: Vec<(usize, usize, Referent)> = Vec::new();
    for t in 0..n {
        if !doc.is_form(forms, t..t + 1) || doc.quoted[t] || analysis.occupied[t] {
            continue;
        }
        if doc
            .form_at(lexicon.class("expletive-pronoun"), t, n)
            .is_some()
            || !subject_pronoun(analysis, t)
        {
            continue;
        }
        let person = doc.is_form(lexicon.class("person-pronoun"), t..t + 1);
        let group = doc.is_form(lexicon.class("group-pronoun"), t..t + 1);
        if let Some(referent) = antecedent(analysis, t, &found, person, group) {
            found.push((t, doc.sentence_of[t], referent));
        }
    }
    for (t, s, referent) in found {
        analysis.push_mention(t..t + 1, s, referent, 0.6);
        if let Some(m) = analysis.mentions.last_mut() {
            m.surface = false;
        }
    }
}

/// Whether the pronoun at `t` is a clause's subject: a nominative-only form ("ils",
/// "they"), or one that opens its clause, follows a conjunction or a reporting verb
/// ("said it", "a indiqué qu'elle"), or comes before a verb ("it seized", "elle a").
fn subject_pronoun(analysis: &Analysis, t: usize) -> bool {
    let doc = &analysis.doc;
    let lexicon = &analysis.kb.lexicon;
    if doc.is_form(lexicon.class("nominative-pronoun"), t..t + 1) {
        return true;
    }
    let sentence = doc.sentence_range(doc.sentence_of[t]);
    if t == sentence.start {
        return true;
    }
    let before = t - 1;
    let token = &doc.tokens[before];
    !token.is_word()
        || (0..=before).rev().take(3).any(|s| {
            doc.is_form(lexicon.class("clause-break"), s..before + 1)
                || doc.is_form(lexicon.class("pronoun-lead"), s..before + 1)
        })
        || analysis.is_reporting_end(before)
        // "On Monday it seized …": a verb right after it.
        || doc.tokens.get(t + 1).is_some_and(|next| {
            next.is_word()
                && (doc.is_form(lexicon.class("verb-after-pronoun"), t + 1..t + 2)
                    || doc.lang == Lang::En && next.fold.len() > 4 && next.fold.ends_with("ed"))
        })
}

/// The referent of a pronoun at `t`: see [`pronouns`]. `resolved` holds the pronouns
/// resolved before it (a pronoun may be the subject a later one refers to).
fn antecedent(
    analysis: &Analysis,
    t: usize,
    resolved: &[(usize, usize, Referent)],
    person: bool,
    group: bool,
) -> Option<Referent> {
    let doc = &analysis.doc;
    let s = doc.sentence_of[t];
    // Candidate subjects: (start, sentence, referent), before the pronoun, within two sentences.
    let mut subjects: Vec<(usize, usize, Referent)> = Vec::new();
    let mut clauses_seen: Vec<Range<usize>> = Vec::new();
    let mut mentions: Vec<(usize, usize, Referent)> = analysis
        .mentions
        .iter()
        .filter(|m| m.tokens.end <= t && m.sentence + 2 >= s && !m.quoted(analysis))
        .filter(|m| match m.referent {
            Referent::Actor(_) | Referent::Pending(_) => true,
            Referent::Country(_) => !super::events::is_locative(analysis, m.tokens.start),
            Referent::Place(_) => false,
        })
        // Not a name inside a longer one, nor the complement of a noun ("l'armée du Mali").
        .filter(|m| {
            !analysis.mentions.iter().any(|o| {
                o.tokens.start <= m.tokens.start
                    && m.tokens.end <= o.tokens.end
                    && o.tokens != m.tokens
            })
        })
        // "Sudan's paramilitary RSF": a possessor is not the subject.
        .filter(|m| doc.keys.get(m.tokens.end).is_none_or(|k| k != "'s"))
        .map(|m| (m.tokens.start, m.sentence, m.referent.clone()))
        .collect();
    mentions.extend(resolved.iter().filter(|r| r.1 + 2 >= s).cloned());
    mentions.sort_by_key(|m| m.0);
    for (start, sentence, referent) in mentions {
        let clause = analysis.clause_around(start);
        if clauses_seen.iter().any(|c| c.contains(&start)) {
            continue;
        }
        clauses_seen.push(clause);
        subjects.push((start, sentence, referent));
    }
    let compatible = |referent: &Referent| match referent {
        Referent::Actor(a) => {
            if analysis.actors[*a].kind == ActorKind::Person {
                person
            } else {
                group
            }
        }
        Referent::Pending(p) => {
            group
                && analysis.kb.lexicon.descriptions[p.description]
                    .kinds
                    .iter()
                    .any(|k| *k != ActorKind::Person)
        }
        Referent::Country(_) => group,
        Referent::Place(_) => false,
    };
    // The nearest earlier clause subject of the same sentence…
    let same = subjects
        .iter()
        .filter(|(_, sentence, r)| *sentence == s && compatible(r))
        .max_by_key(|(start, _, _)| *start);
    // … else, when the pronoun is in its sentence's first clause (quotes aside), the first subject of the nearest previous sentence that has one. Later in a
    // sentence whose subject is no actor ("les habitants … alors qu'ils fuyaient"), it
    // is that subject's.
    let breaks = analysis.kb.lexicon.class("clause-break");
    let sentence = doc.sentence_range(s);
    let opening = (sentence.start..t).all(|k| {
        doc.quoted[k]
            || !(doc.tokens[k].is_punct(';')
                || doc.form_at(breaks, k, sentence.end).is_some() && !analysis.occupied[k])
    });
    let chosen = same.or_else(|| {
        if !opening {
            return None;
        }
        (s.saturating_sub(2)..s).rev().find_map(|previous| {
            subjects
                .iter()
                .filter(|(_, sentence, _)| *sentence == previous)
                .find(|(_, _, r)| compatible(r))
        })
    });
    // A description left unresolved is still the antecedent: nothing to refer to then.
    chosen
        .map(|(_, _, r)| r.clone())
        .filter(|r| !matches!(r, Referent::Pending(_)))
}

/// "its forces", "leurs troupes": the forces of the actor the sentence is about
/// (its first actor before them), else of the previous sentence's subject.
fn possessive_forces(analysis: &mut Analysis) {
    let forms = analysis.kb.lexicon.class("possessive-forces");
    let n = analysis.doc.tokens.len();
    let mut found = Vec::new();
    let mut t = 0;
    while t < n {
        let Some(end) = analysis.doc.form_at(forms, t, n) else {
            t += 1;
            continue;
        };
        let s = analysis.doc.sentence_of[t];
        let owner = |sentence: usize, before: usize| {
            analysis
                .mentions
                .iter()
                .filter(|m| m.sentence == sentence && m.tokens.end <= before && !m.quoted(analysis))
                .filter(|m| matches!(m.referent, Referent::Actor(a) if analysis.actors[a].kind != ActorKind::Person))
                .min_by_key(|m| m.tokens.start)
                .map(|m| m.referent.clone())
        };
        let referent = owner(s, t).or_else(|| s.checked_sub(1).and_then(|p| owner(p, n)));
        if let Some(referent) = referent.filter(|_| !analysis.occupied[t..end].iter().any(|&o| o)) {
            found.push((t..end, s, referent));
        }
        t = end;
    }
    for (range, s, referent) in found {
        analysis.push_mention(range, s, referent, 0.6);
        if let Some(m) = analysis.mentions.last_mut() {
            m.surface = false;
        }
    }
}

/// "… though its rival, the Sudanese army, disputed …", "son rival, le JNIM": the rival
/// named in apposition is opposed to the possessive's owner, the nearest actor before it
/// in the sentence (a resolved pronoun included).
fn rivals(analysis: &mut Analysis) {
    let forms = analysis.kb.lexicon.class("possessive-rival");
    let doc = &analysis.doc;
    let n = doc.tokens.len();
    let actor_like = |m: &super::analysis::RawMention| match m.referent {
        Referent::Actor(_) => true,
        Referent::Country(_) => !super::events::is_locative(analysis, m.tokens.start),
        _ => false,
    };
    let mut found = Vec::new();
    let mut t = 0;
    while t < n {
        let Some(end) = doc.form_at(forms, t, n) else {
            t += 1;
            continue;
        };
        let s = doc.sentence_of[t];
        let sentence = doc.sentence_range(s);
        // One qualifier may stand before the comma ("its rival offshoot, ISWAP").
        let comma = (end..(end + 2).min(sentence.end)).find(|&k| doc.tokens[k].is_punct(','));
        let rival = comma.and_then(|c| {
            analysis
                .mentions
                .iter()
                .filter(|m| actor_like(m) && m.tokens.start > c && m.tokens.start <= c + 2)
                .min_by_key(|m| m.tokens.start)
        });
        let owner = analysis
            .mentions
            .iter()
            .filter(|m| {
                actor_like(m)
                    && m.tokens.end <= t
                    && m.tokens.start >= sentence.start
                    && !m.quoted(analysis)
            })
            .max_by_key(|m| (m.tokens.end, std::cmp::Reverse(m.tokens.start)));
        if let (Some(owner), Some(rival)) = (owner, rival) {
            if owner.referent != rival.referent && !doc.quoted[t] {
                found.push((
                    owner.referent.clone(),
                    rival.referent.clone(),
                    t..rival.tokens.end,
                    s,
                ));
            }
        }
        t = end;
    }
    for (owner, rival, tokens, s) in found {
        let cue = tokens.start..tokens.start + 1;
        analysis.rivalries.push((owner, rival.clone(), tokens));
        // The possessive phrase refers to the rival too (not a surface form of it).
        if !analysis.occupied[cue.start] {
            analysis.push_mention(cue, s, rival, 0.6);
            if let Some(m) = analysis.mentions.last_mut() {
                m.surface = false;
            }
        }
    }
}

/// Resolves pending descriptions: to an actor with the same trait, then to the
/// most salient actor of a compatible kind, else to a new actor named by the phrase.
fn resolve_descriptions(analysis: &mut Analysis) {
    let pending: Vec<usize> = (0..analysis.mentions.len())
        .filter(|&i| matches!(analysis.mentions[i].referent, Referent::Pending(_)))
        .collect();
    let salience = |analysis: &Analysis, actor: usize| {
        analysis
            .mentions
            .iter()
            .filter(|m| m.referent == Referent::Actor(actor))
            .count()
    };
    let mut created: HashMap<String, usize> = HashMap::new();
    for i in pending {
        let Referent::Pending(p) = analysis.mentions[i].referent.clone() else {
            continue;
        };
        let description = &analysis.kb.lexicon.descriptions[p.description];
        let kinds = description.kinds.clone();
        let trait_name = description.trait_name.clone();
        let position = analysis.mentions[i].tokens.start;
        let candidates: Vec<usize> = (0..analysis.actors.len())
            .filter(|&a| {
                analysis
                    .mentions
                    .iter()
                    .any(|m| m.referent == Referent::Actor(a))
            })
            .filter(|&a| kinds.contains(&analysis.actors[a].kind))
            .filter(|&a| {
                p.country
                    .is_none_or(|c| analysis.actors[a].country == Some(c))
            })
            .collect();
        let nearest = |analysis: &Analysis, set: &[usize]| -> Option<usize> {
            set.iter().copied().min_by_key(|&a| {
                analysis
                    .mentions
                    .iter()
                    .filter(|m| m.referent == Referent::Actor(a))
                    .map(|m| {
                        if m.tokens.start <= position {
                            position - m.tokens.start
                        } else {
                            4 * (m.tokens.start - position)
                        }
                    })
                    .min()
                    .unwrap_or(usize::MAX)
            })
        };
        let with_trait: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&a| {
                trait_name
                    .as_ref()
                    .is_some_and(|t| analysis.actors[a].traits.contains(t))
            })
            .collect();
        let chosen = if !with_trait.is_empty() {
            nearest(analysis, &with_trait)
        } else if let Some(known) =
            known_by_description(analysis, p.description).filter(|_| p.country.is_none())
        {
            // "la junte": the gazetteer's junta of the country the article names most.
            Some(analysis.known_actor(known, 0.7))
        } else if p.country.is_some() && !candidates.is_empty() {
            nearest(analysis, &candidates)
        } else if kinds
            .iter()
            .all(|k| matches!(k, ActorKind::StateArmedForce | ActorKind::Government))
            && !trait_name.as_ref().is_some_and(|t| {
                analysis
                    .kb
                    .lexicon
                    .class("named-body-trait")
                    .iter()
                    .any(|(_, f)| f.words.first().and_then(|w| w.as_deref()) == Some(t.as_str()))
            })
        {
            // "l'armée", "la junte": the main country's body when the article names it or the
            // gazetteer knows it, else the most mentioned body of that kind.
            let armed = kinds.contains(&ActorKind::StateArmedForce);
            let main = analysis.main_country;
            let home = candidates
                .iter()
                .copied()
                .filter(|&a| main.is_some() && analysis.actors[a].country == main)
                .max_by_key(|&a| salience(analysis, a));
            let linked = main.and_then(|c| {
                let place = &analysis.kb.gazetteer.places[c];
                let id = if armed {
                    place.armed_forces.clone()
                } else {
                    place.government.clone()
                };
                id.and_then(|id| analysis.kb.gazetteer.actor_position(&id))
            });
            home.or_else(|| linked.map(|index| analysis.known_actor(index, 0.7)))
                .or_else(|| {
                    candidates
                        .iter()
                        .copied()
                        .max_by_key(|&a| salience(analysis, a))
                })
                .or_else(|| main.map(|c| analysis.state_body_actor(c, armed)))
        } else if trait_name.is_none() {
            nearest(analysis, &candidates)
        } else {
            None
        };
        // Only non-state armed groups are named by a description alone, and only when
        // qualified: "les rebelles touaregs", "mercenaires russes", not "l'alliance".
        let nameable = kinds
            .iter()
            .all(|k| matches!(k, ActorKind::ArmedGroup | ActorKind::Coalition));
        let folded = crate::text::fold(&p.phrase);
        let qualifiers: Vec<&str> = folded.split(' ').skip(1).collect();
        let actor = match chosen {
            Some(actor) => actor,
            None if nameable && !qualifiers.is_empty() => {
                // "rebelles touaregs" and "séparatistes touaregs" are the same group.
                let key = qualifiers.join("-");
                match created.get(&key) {
                    Some(&a) => {
                        analysis.actors[a].traits.extend(trait_name.clone());
                        a
                    }
                    None => {
                        let a = analysis.discovered_actor(&capitalise(&p.phrase), kinds[0], 0.5);
                        analysis.actors[a].traits.extend(trait_name.clone());
                        analysis.actors[a].country = p.country;
                        created.insert(key, a);
                        a
                    }
                }
            }
            None => match p.country {
                // "alliés russes" with no Russian actor in the article: Russia's forces.
                Some(country) if kinds.contains(&ActorKind::StateArmedForce) => {
                    analysis.state_body_actor(country, true)
                }
                _ => continue,
            },
        };
        analysis.mentions[i].referent = Referent::Actor(actor);
    }
}

/// A gazetteer actor whose name holds the description's words ("Junte malienne" for "la junte"),
/// of a country the article names; the most named country wins.
fn known_by_description(analysis: &Analysis, description: usize) -> Option<usize> {
    let description = &analysis.kb.lexicon.descriptions[description];
    // Only bodies of a state are named after what they are ("Junte malienne"); group
    // names hold descriptive words by chance ("… et alliés").
    let state = description
        .kinds
        .iter()
        .all(|k| matches!(k, ActorKind::Government | ActorKind::StateArmedForce));
    if description.trait_name.is_none() || !state {
        return None;
    }
    let words: Vec<&str> = description
        .forms
        .iter()
        .filter_map(|f| f.words.last()?.as_deref())
        .collect();
    let mut weight: HashMap<usize, usize> = HashMap::new();
    for mention in &analysis.mentions {
        if let Referent::Country(c) = mention.referent {
            *weight.entry(c).or_default() += 2;
        }
    }
    for &c in analysis.demonyms.values() {
        *weight.entry(c).or_default() += 1;
    }
    let gazetteer = &analysis.kb.gazetteer;
    gazetteer
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| description.kinds.contains(&a.kind))
        .filter(|(_, a)| {
            a.labels.iter().chain(&a.aliases).any(|l| {
                crate::text::name_key(&l.text)
                    .iter()
                    .any(|w| words.contains(&super::document::match_key(w).as_str()))
            })
        })
        .filter_map(|(i, a)| {
            let country = gazetteer.place_position(a.country.as_deref()?)?;
            Some((i, *weight.get(&country)?))
        })
        .max_by_key(|&(i, w)| (w, std::cmp::Reverse(i)))
        .map(|(i, _)| i)
}

/// The text with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Analysis<'_> {
    /// The actor draft for a gazetteer actor, created on first use.
    pub fn known_actor(&mut self, index: usize, confidence: f32) -> usize {
        if let Some(&a) = self.known_actors.get(&index) {
            return a;
        }
        let known = &self.kb.gazetteer.actors[index];
        let draft = ActorDraft {
            key: EntityKey::Known(known.id.clone()),
            name: best_label(&known.labels, self.doc.lang).to_owned(),
            kind: known.kind,
            confidence,
            country: known
                .country
                .as_deref()
                .and_then(|c| self.kb.gazetteer.place_position(c)),
            traits: Vec::new(),
        };
        self.actors.push(draft);
        self.known_actors.insert(index, self.actors.len() - 1);
        self.actors.len() - 1
    }

    /// The place draft for a gazetteer place, created on first use.
    pub fn known_place(&mut self, index: usize, confidence: f32) -> usize {
        if let Some(&p) = self.known_places.get(&index) {
            return p;
        }
        let known = &self.kb.gazetteer.places[index];
        let draft = PlaceDraft {
            key: EntityKey::Known(known.id.clone()),
            name: best_label(&known.labels, self.doc.lang).to_owned(),
            country: known
                .country
                .as_deref()
                .and_then(|c| self.kb.gazetteer.place_position(c)),
            specificity: match known.place_type {
                PlaceType::Town => 4,
                PlaceType::Region => 3,
                PlaceType::Area if known.country.is_some() => 2,
                PlaceType::Area | PlaceType::Country => 1,
            },
            confidence,
        };
        self.places.push(draft);
        self.known_places.insert(index, self.places.len() - 1);
        self.places.len() - 1
    }

    /// The actor for a country acting as such.
    pub fn country_actor(&mut self, country: usize) -> usize {
        if let Some(&a) = self.country_actors.get(&country) {
            return a;
        }
        let known = &self.kb.gazetteer.places[country];
        self.actors.push(ActorDraft {
            key: EntityKey::Known(known.id.clone()),
            name: best_label(&known.labels, self.doc.lang).to_owned(),
            kind: ActorKind::Country,
            confidence: 0.9,
            country: Some(country),
            traits: Vec::new(),
        });
        self.country_actors.insert(country, self.actors.len() - 1);
        self.actors.len() - 1
    }

    /// The actor for a country's armed forces or government: the gazetteer's, else a new one.
    pub fn state_body_actor(&mut self, country: usize, armed_forces: bool) -> usize {
        let place = &self.kb.gazetteer.places[country];
        let linked = if armed_forces {
            place.armed_forces.clone()
        } else {
            place.government.clone()
        };
        if let Some(index) = linked.and_then(|id| self.kb.gazetteer.actor_position(&id)) {
            return self.known_actor(index, 0.85);
        }
        let country_name = best_label(&place.labels, self.doc.lang).to_owned();
        let demonym = place
            .demonyms
            .iter()
            .find(|d| d.lang == Some(self.doc.lang))
            .map(|d| d.text.clone())
            .unwrap_or_else(|| country_name.clone());
        let name = match (self.doc.lang, armed_forces) {
            (Lang::Fr, true) => format!("Armée {}", feminine(&demonym)),
            (Lang::Fr, false) => format!("Gouvernement {}", demonym),
            (Lang::En, true) => format!("{demonym} army"),
            (Lang::En, false) => format!("{demonym} government"),
        };
        let key = format!(
            "{}-{}",
            place.id,
            if armed_forces {
                "armed-forces"
            } else {
                "government"
            }
        );
        let kind = if armed_forces {
            ActorKind::StateArmedForce
        } else {
            ActorKind::Government
        };
        let a = self.discovered_actor_with_key(key, &name, kind, 0.7);
        self.actors[a].country = Some(country);
        a
    }

    /// A new actor found in the text (or the one already found under the same name).
    pub fn discovered_actor(&mut self, name: &str, kind: ActorKind, confidence: f32) -> usize {
        self.discovered_actor_with_key(slug(name), name, kind, confidence)
    }

    fn discovered_actor_with_key(
        &mut self,
        key: String,
        name: &str,
        kind: ActorKind,
        confidence: f32,
    ) -> usize {
        if let Some(a) = self
            .actors
            .iter()
            .position(|a| a.key == EntityKey::Discovered(key.clone()))
        {
            return a;
        }
        self.actors.push(ActorDraft {
            key: EntityKey::Discovered(key),
            name: name.to_owned(),
            kind,
            confidence,
            country: None,
            traits: Vec::new(),
        });
        self.actors.len() - 1
    }

    /// A new place found in the text, placed in the article's main country.
    pub fn discovered_place(&mut self, name: &str, confidence: f32) -> usize {
        let key = EntityKey::Discovered(slug(name));
        if let Some(p) = self.places.iter().position(|p| p.key == key) {
            return p;
        }
        self.places.push(PlaceDraft {
            key,
            name: name.to_owned(),
            country: self.main_country,
            specificity: 4,
            confidence,
        });
        self.places.len() - 1
    }

    /// The region of a country in one direction ("north-ml"), named in the article's language.
    pub fn directional_place(&mut self, direction: &str, country: usize) -> usize {
        let place = &self.kb.gazetteer.places[country];
        let key = EntityKey::Discovered(format!("{direction}-{}", place.id));
        if let Some(p) = self.places.iter().position(|p| p.key == key) {
            return p;
        }
        let country_name = best_label(&place.labels, self.doc.lang).to_owned();
        let name = match self.doc.lang {
            Lang::Fr => format!(
                "{} {}",
                capitalise(&french_direction(direction)),
                french_of(&country_name)
            ),
            Lang::En => format!(
                "{} {country_name}",
                capitalise(&english_direction(direction))
            ),
        };
        // The gazetteer may know the region ("nord du Mali", "northern Mali").
        let english = format!(
            "{} {}",
            english_direction(direction),
            best_label(&place.labels, Lang::En)
        );
        let known = self
            .kb
            .gazetteer
            .names
            .get(&crate::text::name_key(&english))
            .and_then(|entries| {
                entries.iter().find_map(|e| match e.target {
                    NameTarget::Place(p)
                        if self.kb.gazetteer.places[p].country.as_deref()
                            == Some(place.id.as_str()) =>
                    {
                        Some(p)
                    }
                    _ => None,
                })
            });
        if let Some(index) = known {
            return self.known_place(index, 0.8);
        }
        self.places.push(PlaceDraft {
            key,
            name,
            country: Some(country),
            specificity: 2,
            confidence: 0.7,
        });
        self.places.len() - 1
    }
}

fn french_direction(direction: &str) -> String {
    direction
        .replace("north", "nord")
        .replace("south", "sud")
        .replace("east", "est")
        .replace("west", "ouest")
}

fn english_direction(direction: &str) -> String {
    match direction {
        "centre" => "central".to_owned(),
        other => format!("{}ern", other.replace('-', "")),
    }
}

/// "du Mali", "de l'Algérie", "de la France": French "of" before a country name.
fn french_of(country: &str) -> String {
    let folded = crate::text::fold(country);
    if folded.starts_with(|c: char| "aeiouy".contains(c)) {
        format!("de l'{country}")
    } else if folded.ends_with('e') {
        format!("de la {country}")
    } else {
        format!("du {country}")
    }
}

/// A French demonym in the feminine singular ("malien" → "malienne"), for "Armée malienne".
fn feminine(demonym: &str) -> String {
    let lower = demonym.to_lowercase();
    if lower.ends_with('e') {
        lower
    } else if lower.ends_with("ien") || lower.ends_with("en") {
        format!("{lower}ne")
    } else if lower.ends_with('s') && !lower.ends_with("ais") && !lower.ends_with("ois") {
        lower.trim_end_matches('s').to_owned()
    } else {
        format!("{lower}e")
    }
}
