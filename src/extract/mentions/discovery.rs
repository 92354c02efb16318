//! Proper nouns absent from the gazetteer, typed by the cue before or after them.

use super::*;

pub use crate::extract::analysis::SITE_SPECIFICITY;

/// Proper nouns absent from the gazetteer, typed by the cue before or after them.
pub(super) fn discover_proper_nouns(analysis: &mut Analysis) {
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
