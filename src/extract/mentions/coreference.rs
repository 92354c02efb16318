//! Pronouns, "its forces" and "its rival": in-article coreference.

use super::*;

/// Pronoun subjects ("Ils ont rompu …", "the army said it had …", "… qu'ils ont incendié"):
/// anywhere in a clause, a subject pronoun refers to the nearest compatible subject
/// before it: a clause subject earlier in its sentence, else the main subject of the
/// nearest previous sentence that has one. Places, quoted text and expletive uses
/// ("il y a", "it is") are skipped; "he"/"she" only refer to people, "it"/"they"
/// only to groups, forces, governments and countries.
pub(super) fn pronouns(analysis: &mut Analysis) {
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
pub(super) fn subject_pronoun(analysis: &Analysis, t: usize) -> bool {
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
pub(super) fn antecedent(
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
            Referent::Country(_) => !crate::extract::events::is_locative(analysis, m.tokens.start),
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
pub(super) fn possessive_forces(analysis: &mut Analysis) {
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
pub(super) fn rivals(analysis: &mut Analysis) {
    let forms = analysis.kb.lexicon.class("possessive-rival");
    let doc = &analysis.doc;
    let n = doc.tokens.len();
    let actor_like = |m: &crate::extract::analysis::RawMention| match m.referent {
        Referent::Actor(_) => true,
        Referent::Country(_) => !crate::extract::events::is_locative(analysis, m.tokens.start),
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
