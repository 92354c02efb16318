//! Claims: reported statements attributed to their source ("a déclaré X",
//! "selon une source humanitaire", "the army denied").

use super::analysis::{Analysis, Referent};
use super::{ActorKind, Claim, ClaimSource, Evidence};
use crate::ontology::CueFrame;
use std::ops::Range;

/// Finds the claims of the article. Records their sources' tokens in `analysis.claim_sources`.
pub fn find(analysis: &mut Analysis) -> Vec<Claim> {
    let mut claims = Vec::new();
    for s in 0..analysis.doc.sentences.len() {
        let range = analysis.doc.sentence_range(s);
        let found = analysis
            .doc
            .find_forms(&analysis.kb.lexicon.claim_cue_forms, range.clone());
        for (cue_index, cue_range) in found {
            if analysis.doc.quoted[cue_range.start] || analysis.occupied[cue_range.start] {
                continue;
            }
            let kb = analysis.kb;
            let cue = &kb.lexicon.claim_cues[cue_index];
            // Sources named after the cue are not actors of what is reported; a subject may be.
            let sources = match cue.frame {
                CueFrame::According => sources_after(analysis, cue_range.end, range.end),
                _ => {
                    // French inverts after a comma ("…, a annoncé le ministère"); English
                    // mostly after a quotation ("…,” said the ministry).
                    let inverted = cue_range.start > range.start
                        && analysis.doc.tokens[cue_range.start - 1].is_punct(',')
                        && (analysis.doc.lang == super::Lang::Fr
                            || (range.start..cue_range.start).any(|t| analysis.doc.quoted[t]));
                    let subject = if inverted {
                        None
                    } else {
                        subject_before(analysis, cue_range.start)
                    };
                    match subject {
                        // "…, the U.S. military said": a trailing attribution names no participant.
                        Some((source, tokens)) if trailing(analysis, tokens.start) => {
                            vec![(source, Some(tokens))]
                        }
                        Some((source, _)) => vec![(source, None)],
                        None => sources_after(analysis, cue_range.end, range.end),
                    }
                }
            };
            let statement = statement_of(analysis, s);
            let span = analysis.doc.sentences[s].span;
            for (mut source, tokens) in sources {
                // "précise le communiqué", "the statement said": the author of the document,
                // who is the source named last.
                if let (ClaimSource::Described(text), Some(previous)) =
                    (&source, claims.last().map(|c: &Claim| c.source.clone()))
                {
                    let documents = analysis.kb.lexicon.class("source-document");
                    let is_document = tokens.as_ref().is_some_and(|range| {
                        range
                            .clone()
                            .any(|k| analysis.doc.form_at(documents, k, range.end).is_some())
                    }) || crate::text::fold(text)
                        .split(' ')
                        .any(|w| matches!(w, "communique" | "texte" | "statement"));
                    if is_document && matches!(previous, ClaimSource::Actor(_)) {
                        source = previous;
                    }
                }
                analysis.claim_sources.extend(tokens);
                claims.push(Claim {
                    source,
                    statement: statement.clone(),
                    cue: analysis.doc.text_of(cue_range.clone()),
                    denial: cue.denial,
                    about: None,
                    evidence: Evidence {
                        sentence: s,
                        span,
                        text: analysis.doc.slice(span),
                    },
                    confidence: 0.75,
                });
            }
        }
    }
    claims
}

/// Whether a subject follows a comma ("…, the army said"), after the reported content.
fn trailing(analysis: &Analysis, start: usize) -> bool {
    let mut t = start;
    while t > 0 && matches!(analysis.doc.keys[t - 1].as_str(), "the" | "le" | "a" | "an") {
        t -= 1;
    }
    t > 0 && analysis.doc.tokens[t - 1].is_punct(',')
}

/// The nearest actor mention before the cue in its clause: the reporting verb's subject.
fn subject_before(analysis: &mut Analysis, cue: usize) -> Option<(ClaimSource, Range<usize>)> {
    let clause = analysis.clause_around(cue);
    let index = (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.tokens.start >= clause.start
                && m.tokens.end <= cue
                && !analysis.doc.quoted[m.tokens.start]
        })
        .filter(|&i| {
            matches!(
                analysis.mentions[i].referent,
                Referent::Actor(_) | Referent::Country(_)
            )
        })
        .max_by_key(|&i| analysis.mentions[i].tokens.end);
    let Some(index) = index else {
        // "Des sources médicales … ont rapporté", "Un témoin a déclaré": a described subject.
        let nouns = analysis.kb.lexicon.class("source-noun");
        let start = (clause.start..cue)
            .find(|&k| analysis.doc.form_at(nouns, k, cue).is_some() && !analysis.doc.quoted[k])?;
        let end = analysis.doc.form_at(nouns, start, cue)?;
        let mut stop = end;
        while stop < cue && stop < end + 3 && is_qualifier(analysis, stop) {
            stop += 1;
        }
        return Some((
            ClaimSource::Described(analysis.doc.text_of(start..stop)),
            start..stop,
        ));
    };
    let tokens = analysis.mentions[index].tokens.clone();
    let actor = analysis.actor_of(index)?;
    Some((ClaimSource::Actor(actor), tokens))
}

/// The sources named after a cue: "à l'AFP un porte-parole des séparatistes et une source humanitaire".
fn sources_after(
    analysis: &mut Analysis,
    from: usize,
    limit: usize,
) -> Vec<(ClaimSource, Option<Range<usize>>)> {
    let mut sources = Vec::new();
    let mut t = from;
    while t < limit && sources.len() < 3 {
        t = skip_fillers(analysis, t, limit);
        let Some((source, end)) = source_at(analysis, t, limit) else {
            break;
        };
        sources.push((source, Some(t..end)));
        t = end;
        // Coordinated sources.
        if t < limit && matches!(analysis.doc.keys[t].as_str(), "et" | "and") {
            t += 1;
        } else {
            break;
        }
    }
    sources
}

/// Skips an addressee ("à l'AFP", "to Reuters"), adverbs ("aussi", "pour sa part") and determiners.
fn skip_fillers(analysis: &Analysis, mut t: usize, limit: usize) -> usize {
    const FILLERS: &[&str] = &[
        "a",
        "le",
        "un",
        "une",
        "aussi",
        "egalement",
        "encore",
        "pour",
        "sa",
        "son",
        "part",
        "par",
        "ailleurs",
        "to",
        "the",
        "an",
        "also",
        "reporters",
        "journalists",
        "de",
        "meme",
        "quant",
        "lui",
        "elle",
        "ensuite",
    ];
    let mut steps = 0;
    while t < limit && steps < 8 {
        if let Some(agency) = analysis.agencies.iter().find(|a| a.start == t) {
            // An agency right after the cue is the addressee unless nothing else follows.
            let after = agency.end;
            if after < limit
                && !analysis.doc.tokens[after].is_punct('.')
                && !analysis.doc.tokens[after].is_punct(',')
            {
                t = after;
                steps += 1;
                continue;
            }
            return t;
        }
        if (FILLERS.contains(&analysis.doc.keys[t].as_str())
            || analysis
                .doc
                .form_at(analysis.kb.lexicon.class("source-filler"), t, limit)
                .is_some())
            && analysis.mention_starting_at(t).is_none()
        {
            t += 1;
            steps += 1;
        } else {
            break;
        }
    }
    t
}

/// The source starting at a token: an actor, a spokesperson of an actor, a described source, an agency.
fn source_at(analysis: &mut Analysis, t: usize, limit: usize) -> Option<(ClaimSource, usize)> {
    if t >= limit {
        return None;
    }
    if let Some(index) = (0..analysis.mentions.len())
        .filter(|&i| analysis.mentions[i].tokens.start == t)
        .max_by_key(|&i| analysis.mentions[i].tokens.end)
    {
        let end = analysis.mentions[index].tokens.end;
        if let Some(actor) = analysis.actor_of(index) {
            return Some((ClaimSource::Actor(actor), end));
        }
    }
    let lexicon = &analysis.kb.lexicon;
    if let Some(end) = analysis
        .doc
        .form_at(lexicon.class("spokesperson"), t, limit)
    {
        // "un porte-parole du CSP": the organisation speaks.
        if end < limit && matches!(analysis.doc.keys[end].as_str(), "de" | "of") {
            let target = (0..analysis.mentions.len())
                .filter(|&i| analysis.mentions[i].tokens.start == end + 1)
                .max_by_key(|&i| analysis.mentions[i].tokens.end);
            if let Some(index) = target {
                let stop = analysis.mentions[index].tokens.end;
                if let Some(actor) = analysis.actor_of(index) {
                    return Some((ClaimSource::Actor(actor), stop));
                }
            }
        }
    }
    if let Some(agency) = analysis.agencies.iter().find(|a| a.start == t).cloned() {
        return Some((
            ClaimSource::Described(analysis.doc.text_of(agency.clone())),
            agency.end,
        ));
    }
    // English puts qualifiers first: "a local official", "two aid workers".
    let nouns = lexicon.class("source-noun");
    let head = (0..=2).find_map(|skip| {
        let at = t + skip;
        ((t..at).all(|q| q < limit && is_qualifier(analysis, q)) && at < limit)
            .then(|| analysis.doc.form_at(nouns, at, limit))
            .flatten()
    });
    if let Some(end) = head {
        let mut stop = end;
        while stop < limit && stop < end + 3 && is_qualifier(analysis, stop) {
            stop += 1;
        }
        return Some((ClaimSource::Described(analysis.doc.text_of(t..stop)), stop));
    }
    // "a déclaré le chef de la junte, le colonel Assimi Goïta": a title, then the speaker.
    let window = t..(t + 14).min(limit);
    let ahead: Vec<usize> = (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            window.contains(&m.tokens.start)
                && !analysis.doc.quoted[m.tokens.start]
                && matches!(m.referent, Referent::Actor(_))
                && !(t..m.tokens.start)
                    .any(|k| analysis.doc.tokens[k].is_punct('.') || analysis.doc.keys[k] == "\"")
        })
        .collect();
    let person = ahead.iter().copied().find(|&i| {
        matches!(analysis.mentions[i].referent, Referent::Actor(a) if analysis.actors[a].kind == ActorKind::Person)
    });
    if let Some(index) = person.or_else(|| ahead.first().copied()) {
        let end = analysis.mentions[index].tokens.end;
        if let Some(actor) = analysis.actor_of(index) {
            return Some((ClaimSource::Actor(actor), end));
        }
    }
    None
}

/// A lowercase adjective qualifying a source noun ("humanitaire", "militaire", "malienne", "locales").
fn is_qualifier(analysis: &Analysis, t: usize) -> bool {
    let token = &analysis.doc.tokens[t];
    const STOP: &[&str] = &[
        "dans", "de", "du", "des", "a", "au", "aux", "en", "sur", "qui", "que", "et", "ou", "le",
        "in", "of", "who", "on", "at", "and", "said", "told", "with", "from", "near", "par",
        "pour", "sous", "avec", "the", "to", "on",
    ];
    // "two aid workers sheltering there": a participle or an adverb ends the description.
    let english_clause = analysis.doc.lang == super::Lang::En
        && (token.fold.ends_with("ing") || matches!(token.fold.as_str(), "there" | "here"));
    token.is_word()
        && !token.capitalised
        && !english_clause
        && !STOP.contains(&analysis.doc.keys[t].as_str())
        && analysis
            .doc
            .form_at(analysis.kb.lexicon.class("source-filler"), t, t + 1)
            .is_none()
        && token.fold.chars().count() > 2
}

/// What the claim says: its quotation when it has a substantial one, else the sentence.
fn statement_of(analysis: &Analysis, sentence: usize) -> String {
    let range = analysis.doc.sentence_range(sentence);
    let quoted: Vec<usize> = range.clone().filter(|&t| analysis.doc.quoted[t]).collect();
    if let (Some(&first), Some(&last)) = (quoted.first(), quoted.last()) {
        let text = analysis.doc.text_of(first..last + 1);
        if text.chars().count() >= 30 {
            return text;
        }
    }
    analysis.doc.slice(analysis.doc.sentences[sentence].span)
}
