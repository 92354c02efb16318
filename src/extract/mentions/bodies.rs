//! Bodies of a state: "armée malienne", "Sudanese army", "Congo's government", ministries.

use super::*;

/// "armée malienne", "militaires tchadiens", "Sudanese army", "Congo's government", "… de Wagner et maliens".
pub(super) fn state_bodies(analysis: &mut Analysis, demonyms: &HashMap<usize, usize>) {
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
pub(super) fn ministries(analysis: &mut Analysis, demonyms: &HashMap<usize, usize>) {
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
