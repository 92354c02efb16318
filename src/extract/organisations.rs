//! Organisations nobody listed: capitalised names built on a head noun
//! ("Arakan Army", "National Unity Government", "Front de libération du
//! Macina"), and acronyms introduced in brackets after a name and reused
//! ("the Arakan Army (AA) … the AA", "l'Armée de libération nationale (ELN)").
//!
//! The head nouns are word classes of the lexicon, one per actor kind
//! (`org-head-armed-group`, `org-head-state-force`, `org-head-government`,
//! `org-head-coalition`, `org-head-organisation`). English names end with their
//! head ("Kachin Independence Army") or continue after it with "of"/"for"
//! ("Army of the Republic of Vietnam"); French ones start with it ("Front
//! populaire pour …"). Places inside a name ("Arakan", "Tigray") become part of it.

use super::analysis::{Analysis, Referent};
use super::{ActorKind, Lang};
use std::ops::Range;

/// How sure a name found by its head noun is.
const HEAD_CONFIDENCE: f32 = 0.6;
/// How sure an acronym introduced in brackets is, for its reuses.
const ACRONYM_CONFIDENCE: f32 = 0.7;
/// The most tokens a name may have.
const LONGEST_NAME: usize = 10;

/// The head-noun classes and the kind of actor each names.
const HEAD_CLASSES: [(&str, ActorKind); 5] = [
    ("org-head-armed-group", ActorKind::ArmedGroup),
    ("org-head-state-force", ActorKind::StateArmedForce),
    ("org-head-government", ActorKind::Government),
    ("org-head-coalition", ActorKind::Coalition),
    ("org-head-organisation", ActorKind::Organisation),
];

/// Finds organisation names by their head noun, then bracketed acronyms and their reuses.
pub fn find(analysis: &mut Analysis) {
    headed_names(analysis);
    bracketed_acronyms(analysis);
}

/// The kind a head noun at `at` names, and the head's end.
fn head_at(analysis: &Analysis, at: usize) -> Option<(ActorKind, usize)> {
    let limit = analysis.doc.tokens.len();
    // The longest head wins: "Armed Forces" over "Forces", "Liberation Army" over "Army".
    HEAD_CLASSES
        .iter()
        .filter_map(|&(class, kind)| {
            analysis
                .doc
                .form_at(analysis.kb.lexicon.class(class), at, limit)
                .map(|end| (kind, end))
        })
        .max_by_key(|&(_, end)| end)
}

/// Whether a token may be part of a name: a capitalised word or a number
/// ("Mouvement du 23 mars"), not yet taken by an actor.
fn name_word(analysis: &Analysis, t: usize) -> bool {
    let token = &analysis.doc.tokens[t];
    let not_a_name = analysis.kb.lexicon.class("not-a-name");
    token.is_word()
        && (token.capitalised || token.text.chars().all(|c| c.is_ascii_digit()))
        && !taken_by_actor(analysis, t)
        && (!analysis.doc.is_form(not_a_name, t..t + 1) || head_at(analysis, t).is_some())
}

/// Whether an actor (or a pending description) mention covers a token.
fn taken_by_actor(analysis: &Analysis, t: usize) -> bool {
    analysis.mentions.iter().any(|m| {
        m.tokens.contains(&t) && matches!(m.referent, Referent::Actor(_) | Referent::Pending(_))
    })
}

/// Whether a token is a free word or part of a place mention (which a name may absorb).
fn absorbable(analysis: &Analysis, t: usize) -> bool {
    !analysis.occupied[t]
        || analysis.mentions.iter().any(|m| {
            m.tokens.contains(&t) && matches!(m.referent, Referent::Place(_) | Referent::Country(_))
        })
}

/// The particles that join the words of a name ("of", "for the", "de", "du", "pour l'").
fn is_particle(analysis: &Analysis, t: usize) -> bool {
    matches!(
        analysis.doc.keys[t].as_str(),
        "of" | "for" | "the" | "and" | "de" | "le" | "les" | "pour" | "et" | "en" | "'s"
    )
}

/// Capitalised names ending (English) or starting (French) with a head noun.
fn headed_names(analysis: &mut Analysis) {
    let n = analysis.doc.tokens.len();
    let name_words = analysis.kb.lexicon.class("org-name-word");
    let lower_case_heads = analysis.kb.lexicon.class("org-head-lower-case");
    let mut found: Vec<(Range<usize>, ActorKind)> = Vec::new();
    let mut t = 0;
    while t < n {
        let token = &analysis.doc.tokens[t];
        // "the Agwelek militia": a few heads name a group in lower case after a name word.
        let lower_case_head = !token.capitalised
            && t > 0
            && analysis.doc.is_form(lower_case_heads, t..t + 1)
            && analysis.doc.tokens[t - 1].capitalised
            && name_word(analysis, t - 1)
            && absorbable(analysis, t - 1)
            && analysis.doc.sentence_of[t - 1] == analysis.doc.sentence_of[t]
            && analysis
                .doc
                .sentence_range(analysis.doc.sentence_of[t])
                .start
                < t - 1;
        if !token.is_word() || !(token.capitalised || lower_case_head) || !absorbable(analysis, t) {
            t += 1;
            continue;
        }
        let Some((kind, head_end)) = head_at(analysis, t) else {
            t += 1;
            continue;
        };
        if (t..head_end).any(|k| !absorbable(analysis, k)) {
            t += 1;
            continue;
        }
        let sentence = analysis.doc.sentence_range(analysis.doc.sentence_of[t]);
        // Words before the head (English "Kachin Independence Army").
        let mut start = t;
        if analysis.doc.lang == Lang::En {
            while start > sentence.start && t - start < LONGEST_NAME {
                let before = start - 1;
                let joins = name_word(analysis, before) && absorbable(analysis, before)
                    || analysis.doc.keys[before] == "'s"
                        && before > sentence.start
                        && name_word(analysis, before - 1);
                if !joins {
                    break;
                }
                start = before;
            }
        }
        // Words after the head: capitalised words, or a particle and a capitalised word.
        let mut end = head_end;
        while end < sentence.end && end - start < LONGEST_NAME {
            if name_word(analysis, end) && absorbable(analysis, end) {
                end += 1;
                continue;
            }
            // French names go on in lower case with the words names are made of
            // ("Front patriotique du Kelmar", "Mouvement national de libération de l'Azawad").
            let mut next = end;
            while next < sentence.end
                && next - end < 6
                && (is_particle(analysis, next)
                    || analysis.doc.lang == Lang::Fr
                        && !analysis.doc.tokens[next].capitalised
                        && analysis.doc.is_form(name_words, next..next + 1)
                        && !analysis.occupied[next])
            {
                next += 1;
            }
            // Lower-case words must end on a particle before the capitalised word.
            if next > end && !is_particle(analysis, next - 1) {
                break;
            }
            // "the X Brigade and the Y Observatory": "and" then an article opens a new name.
            let new_phrase = (end..next.saturating_sub(1)).any(|k| {
                matches!(analysis.doc.keys[k].as_str(), "and" | "et")
                    && matches!(
                        analysis.doc.keys[k + 1].as_str(),
                        "the" | "le" | "la" | "les" | "l'"
                    )
            });
            if new_phrase {
                break;
            }
            if next > end
                && next < sentence.end
                && name_word(analysis, next)
                && absorbable(analysis, next)
                && !analysis.doc.tokens[next].acronym
            {
                end = next + 1;
            } else {
                break;
            }
        }
        // A name is more than its head; a sentence-initial head alone is an ordinary word.
        if end - start >= 2 && (start..end).any(|k| !(t..head_end).contains(&k)) {
            found.push((start..end, kind));
        }
        t = end.max(t + 1);
    }
    for (tokens, kind) in found {
        add_name(analysis, tokens, kind, HEAD_CONFIDENCE);
    }
}

/// Records a discovered organisation name over `tokens`, replacing the place
/// mentions it absorbs. A country and an armed-force head ("Sudan Army") name
/// that state's forces; a country and a government head, its government.
fn add_name(
    analysis: &mut Analysis,
    tokens: Range<usize>,
    kind: ActorKind,
    confidence: f32,
) -> usize {
    let inner_countries: Vec<usize> = analysis
        .mentions
        .iter()
        .filter(|m| m.tokens.start >= tokens.start && m.tokens.end <= tokens.end)
        .filter_map(|m| match m.referent {
            Referent::Country(c) => Some(c),
            _ => None,
        })
        .collect();
    let name_words = (tokens.start..tokens.end)
        .filter(|&k| {
            !analysis
                .mentions
                .iter()
                .any(|m| m.tokens.contains(&k) && matches!(m.referent, Referent::Country(_)))
        })
        .count();
    analysis
        .mentions
        .retain(|m| m.tokens.end <= tokens.start || m.tokens.start >= tokens.end);
    let sentence = analysis.doc.sentence_of[tokens.start];
    let actor = match (inner_countries.as_slice(), kind) {
        // Only the country and the head: "Sudan Army", "Mali Government".
        ([country], ActorKind::StateArmedForce | ActorKind::ArmedGroup) if name_words <= 2 => {
            analysis.state_body_actor(*country, true)
        }
        ([country], ActorKind::Government) if name_words <= 1 => {
            analysis.state_body_actor(*country, false)
        }
        _ => {
            let name = analysis.doc.text_of(tokens.clone());
            let name = name.strip_prefix("The ").unwrap_or(&name).to_owned();
            analysis.discovered_actor(&name, kind, confidence)
        }
    };
    analysis.push_mention(tokens, sentence, Referent::Actor(actor), confidence);
    actor
}

/// "Name (ACR)": the acronym names the actor just before it, and so do its later uses.
fn bracketed_acronyms(analysis: &mut Analysis) {
    let n = analysis.doc.tokens.len();
    let mut aliases: Vec<(String, usize, usize)> = Vec::new(); // (acronym, actor, first token after its brackets)
    for open in 1..n.saturating_sub(2) {
        let doc = &analysis.doc;
        if !doc.tokens[open].is_punct('(') || !doc.tokens[open + 2].is_punct(')') {
            continue;
        }
        let acronym_token = &doc.tokens[open + 1];
        if !is_acronym_like(&acronym_token.text) {
            continue;
        }
        let acronym = acronym_token.text.clone();
        let before = open - 1;
        let actor = match analysis
            .mention_ending_at(before)
            .map(|m| m.referent.clone())
        {
            Some(Referent::Actor(a)) => Some(a),
            Some(Referent::Place(_) | Referent::Country(_)) => None,
            Some(Referent::Pending(_)) => None,
            None => named_before(analysis, open, &acronym),
        };
        let Some(actor) = actor else { continue };
        // The acronym in brackets is a mention too, unless the gazetteer already took it.
        let sentence = analysis.doc.sentence_of[open];
        if !analysis.occupied[open + 1] {
            analysis.push_mention(
                open + 1..open + 2,
                sentence,
                Referent::Actor(actor),
                ACRONYM_CONFIDENCE,
            );
        }
        aliases.push((acronym, actor, open + 3));
    }
    for (acronym, actor, from) in aliases {
        for t in from..n {
            if analysis.occupied[t] || analysis.doc.tokens[t].text != acronym {
                continue;
            }
            let sentence = analysis.doc.sentence_of[t];
            analysis.push_mention(
                t..t + 1,
                sentence,
                Referent::Actor(actor),
                ACRONYM_CONFIDENCE,
            );
        }
    }
}

/// Whether a word reads as an acronym: two to eight letters (digits and a dash
/// allowed), mostly capitals ("AA", "TNLA", "FAMa", "M23").
fn is_acronym_like(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = text.chars().filter(|c| c.is_uppercase()).count();
    (2..=10).contains(&text.chars().count())
        && letters >= 1
        && capitals >= 2
        && capitals * 2 > letters
        && text.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// An actor named by the words before an acronym's brackets that no mention
/// covers: the shortest stretch that holds a head noun, or whose capitalised
/// initials spell the acronym ("Armée de libération nationale (ELN)").
fn named_before(analysis: &mut Analysis, open: usize, acronym: &str) -> Option<usize> {
    let doc = &analysis.doc;
    let sentence_start = doc.sentence_range(doc.sentence_of[open]).start;
    let letters: String = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let mut best: Option<(Range<usize>, Option<ActorKind>)> = None;
    let mut start = open;
    while start > sentence_start && open - start < LONGEST_NAME {
        let t = start - 1;
        if !doc.tokens[t].is_word() || !absorbable(analysis, t) || taken_by_actor(analysis, t) {
            break;
        }
        start = t;
        let span = start..open;
        let first = &doc.tokens[start];
        if !first.capitalised || is_particle(analysis, start) {
            continue;
        }
        let head = span
            .clone()
            .find_map(|k| head_at(analysis, k).map(|(kind, _)| kind));
        let initials: String = span
            .clone()
            .filter(|&k| !is_particle(analysis, k))
            .filter_map(|k| doc.tokens[k].text.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
        let spelled = letters.len() >= 2 && (initials == letters || initials.starts_with(&letters));
        if spelled || head.is_some() {
            best = Some((span, head));
            if spelled {
                break;
            }
        }
    }
    let (tokens, head) = best?;
    // Without a head noun the stretch spells the acronym: an organisation of unknown kind.
    let kind = head.unwrap_or(ActorKind::Organisation);
    Some(add_name(analysis, tokens, kind, ACRONYM_CONFIDENCE))
}
