//! Claims: reported statements attributed to their source ("a déclaré X",
//! "selon une source humanitaire", "the army denied").

use super::analysis::{Analysis, Referent};
use super::{ActorKind, Claim, ClaimSource, Evidence};
use crate::ontology::CueFrame;
use std::ops::Range;

/// Finds the claims of the article. Records their sources' tokens in `analysis.claim_sources`.
pub fn find(analysis: &mut Analysis) -> Vec<Claim> {
    let mut claims: Vec<Claim> = Vec::new();
    for s in 0..analysis.doc.sentences.len() {
        let range = analysis.doc.sentence_range(s);
        let mut found = analysis
            .doc
            .find_forms(&analysis.kb.lexicon.claim_cue_forms, range.clone());
        found.extend(inverted_pronoun_cues(analysis, range.clone()));
        found.sort_by_key(|(_, r)| r.start);
        for (cue_index, cue_range) in found {
            if analysis.doc.quoted[cue_range.start] || analysis.occupied[cue_range.start] {
                continue;
            }
            let kb = analysis.kb;
            let cue = &kb.lexicon.claim_cues[cue_index];
            if hypothetical(analysis, cue_range.start)
                || (!cue.denial && negated(analysis, cue_range.start))
            {
                continue;
            }
            let sources = match cue.frame {
                CueFrame::According => sources_after(analysis, cue_range.end, range.end),
                _ => reporting_sources(analysis, cue_range.clone(), range.clone(), &claims),
            };
            let statement = statement_of(analysis, s);
            let span = analysis.doc.sentences[s].span;
            for (mut source, tokens) in sources {
                // "selon la même source", "the same source said": the previous claim's source.
                let same = tokens.as_ref().is_some_and(|range| {
                    let keys = &analysis.doc.keys;
                    (range.start.saturating_sub(1)..range.end)
                        .any(|k| matches!(keys[k].as_str(), "meme" | "same"))
                });
                if let (true, ClaimSource::Described(_), Some(previous)) =
                    (same, &source, claims.last())
                {
                    source = previous.source.clone();
                }
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
                // One claim per source and statement: "X, cité par l'AFP, a affirmé", "X said, adding".
                if claims
                    .iter()
                    .any(|c| c.evidence.sentence == s && c.source == source)
                {
                    continue;
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
        // « … »: a quotation with no reporting word of its own continues the previous
        // sentence's speaker.
        // Its speaker is a person named as the previous sentence's subject, without a
        // reporting word there ("X s'est exprimé dimanche. « … »"); a quotation that goes
        // on into the next sentence is attributed there, and one after a claim of the same
        // speaker continues that statement.
        let runs_on = s + 1 < analysis.doc.sentences.len()
            && analysis.doc.quoted[analysis.doc.sentence_range(s + 1).start];
        if s > 0
            && !runs_on
            && claims
                .iter()
                .all(|c| c.evidence.sentence != s && c.evidence.sentence != s - 1)
            && mostly_quoted(analysis, s)
        {
            let previous = (|| {
                let subject = analysis
                    .mentions
                    .iter()
                    .filter(|m| m.sentence == s - 1 && !m.quoted(analysis))
                    .filter(|m| matches!(m.referent, Referent::Actor(_)))
                    .min_by_key(|m| m.tokens.start)?;
                let Referent::Actor(a) = subject.referent else {
                    return None;
                };
                (analysis.actors[a].kind == ActorKind::Person).then(|| Claim {
                    source: ClaimSource::Actor(a),
                    statement: String::new(),
                    cue: String::new(),
                    denial: false,
                    about: None,
                    evidence: Evidence {
                        sentence: s,
                        span: analysis.doc.sentences[s].span,
                        text: String::new(),
                    },
                    confidence: 0.6,
                })
            })();
            if let Some(previous) = previous {
                let span = analysis.doc.sentences[s].span;
                claims.push(Claim {
                    statement: statement_of(analysis, s),
                    cue: String::new(),
                    denial: false,
                    about: None,
                    evidence: Evidence {
                        sentence: s,
                        span,
                        text: analysis.doc.slice(span),
                    },
                    confidence: 0.6,
                    ..previous
                });
            }
        }
    }
    claims
}

/// The sources of a reporting verb: its subject before it, or the speaker after it
/// when the order is inverted ("…, a déclaré X", "…,” said X", "a-t-il déclaré", "said he").
fn reporting_sources(
    analysis: &mut Analysis,
    cue: Range<usize>,
    sentence: Range<usize>,
    claims: &[Claim],
) -> Vec<(ClaimSource, Option<Range<usize>>)> {
    // "a-t-il déclaré", "précise-t-elle", "said he": the pronoun's antecedent.
    let pronouns = analysis.kb.lexicon.class("pronoun");
    let person = analysis.kb.lexicon.class("person-pronoun");
    let mut after = cue.end;
    if after < sentence.end
        && analysis.doc.keys[after] == "t"
        && analysis.doc.tokens[after].hyphen_before
    {
        after += 1;
    }
    let inverted_pronoun = (cue.start..cue.end.min(sentence.end))
        .chain(std::iter::once(after))
        .find(|&k| {
            k < sentence.end
                && analysis.doc.is_form(pronouns, k..k + 1)
                && (k < cue.end
                    || analysis.doc.tokens[k].hyphen_before
                    || (analysis.doc.lang == super::Lang::En
                        && analysis.doc.is_form(person, k..k + 1)
                        && (k + 1 >= sentence.end || !analysis.doc.tokens[k + 1].is_word())))
                && !analysis.doc.quoted[k]
        });
    if let Some(k) = inverted_pronoun {
        return antecedent(analysis, k, claims)
            .map(|source| vec![(source, None)])
            .unwrap_or_default();
    }
    let comma_before =
        cue.start > sentence.start && analysis.doc.tokens[cue.start - 1].is_punct(',');
    // "…, a affirmé que …", "…, said that …": the verb's complement follows, not its subject.
    let completive = cue.end < sentence.end
        && analysis
            .doc
            .form_at(
                analysis.kb.lexicon.class("completive"),
                cue.end,
                sentence.end,
            )
            .is_some();
    if comma_before && !completive {
        // French inverts after a comma ("…, a annoncé le ministère"); English mostly after
        // a quotation ("…,” said the ministry) or with the speaker alone after the verb.
        let quoted_before = (sentence.start..cue.start).any(|t| analysis.doc.quoted[t]);
        let french = analysis.doc.lang == super::Lang::Fr;
        let found = sources_after(analysis, cue.end, sentence.end);
        let ends_clause = |analysis: &Analysis, end: usize| {
            end >= sentence.end
                || !analysis.doc.tokens[end].is_word()
                || analysis
                    .doc
                    .form_at(analysis.kb.lexicon.class("speaker-end"), end, sentence.end)
                    .is_some()
        };
        let alone = found
            .last()
            .and_then(|(_, r)| r.as_ref())
            .is_some_and(|r| ends_clause(analysis, r.end));
        if french || quoted_before || (!found.is_empty() && alone) {
            return found;
        }
    } else if cue.start > sentence.start {
        // "…,” he said": the pronoun right before the verb.
        let k = cue.start - 1;
        if analysis.doc.is_form(pronouns, k..k + 1)
            && !analysis.doc.quoted[k]
            && analysis.mention_starting_at(k).is_none()
        {
            return antecedent(analysis, k, claims)
                .map(|source| vec![(source, None)])
                .unwrap_or_default();
        }
    }
    match subject_before(analysis, cue.start) {
        // "…, the U.S. military said": a trailing attribution names no participant.
        Some((source, tokens)) if trailing(analysis, tokens.start) => vec![(source, Some(tokens))],
        Some((source, _)) => vec![(source, None)],
        None => sources_after(analysis, cue.end, sentence.end),
    }
}

/// "a-t-il déclaré", "ont-ils affirmé": a compound reporting verb split by an inverted
/// pronoun, matched as the verb without it ("a déclaré"). Simple verbs ("précise-t-il")
/// match as they are.
fn inverted_pronoun_cues(analysis: &Analysis, range: Range<usize>) -> Vec<(usize, Range<usize>)> {
    let pronouns = analysis.kb.lexicon.class("pronoun");
    let doc = &analysis.doc;
    let mut found = Vec::new();
    for k in range.start + 1..range.end.saturating_sub(1) {
        if !doc.tokens[k].hyphen_before || !doc.is_form(pronouns, k..k + 1) {
            continue;
        }
        let mut aux = k - 1;
        if doc.keys[aux] == "t" && doc.tokens[aux].hyphen_before && aux > range.start {
            aux -= 1;
        }
        let joined = format!("{} {}", doc.tokens[aux].text, doc.tokens[k + 1].text);
        let probe = super::document::Document::new(&joined, doc.lang);
        let cues = probe.find_forms(&analysis.kb.lexicon.claim_cue_forms, 0..probe.tokens.len());
        if let Some((cue, _)) = cues.into_iter().find(|(_, r)| *r == (0..2)) {
            found.push((cue, aux..k + 2));
        }
    }
    found
}

/// Whether the reporting verb is hypothetical speech: "si le groupe déclare", "if it said".
fn hypothetical(analysis: &Analysis, cue: usize) -> bool {
    let clause = analysis.clause_around(cue);
    let forms = analysis.kb.lexicon.class("hypothetical");
    (clause.start..cue).any(|k| analysis.doc.form_at(forms, k, cue).is_some())
}

/// Whether a reporting verb is negated: "have not acknowledged", "never said", "n'a
/// jamais dit". What was not said is no claim (denial verbs are claims of their own).
fn negated(analysis: &Analysis, cue: usize) -> bool {
    let sentence = analysis.doc.sentence_range(analysis.doc.sentence_of[cue]);
    let forms = analysis.kb.lexicon.class("negation");
    (cue.saturating_sub(3).max(sentence.start)..cue)
        .any(|k| analysis.doc.form_at(forms, k, cue).is_some())
}

/// Whether most of a sentence's words are inside quotation marks.
fn mostly_quoted(analysis: &Analysis, s: usize) -> bool {
    let range = analysis.doc.sentence_range(s);
    let words: Vec<usize> = range
        .filter(|&t| analysis.doc.tokens[t].is_word())
        .collect();
    let quoted = words.iter().filter(|&&t| analysis.doc.quoted[t]).count();
    words.len() >= 4 && quoted * 10 >= words.len() * 8
}

/// The antecedent of a speaking pronoun: "il"/"she" the nearest person before it (or the
/// previous speaker), "ils"/"they"/"it" the previous sentence's subject or the nearest
/// organisation before it.
fn antecedent(analysis: &mut Analysis, pronoun: usize, claims: &[Claim]) -> Option<ClaimSource> {
    if let Some(index) = (0..analysis.mentions.len())
        .find(|&i| analysis.mentions[i].tokens == (pronoun..pronoun + 1))
    {
        return analysis.actor_of(index).map(ClaimSource::Actor);
    }
    let s = analysis.doc.sentence_of[pronoun];
    let singular_person = analysis.doc.is_form(
        analysis.kb.lexicon.class("person-pronoun"),
        pronoun..pronoun + 1,
    );
    let window = s.saturating_sub(3);
    let candidates: Vec<usize> = (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.sentence >= window
                && m.tokens.end <= pronoun
                && !m.quoted(analysis)
                && matches!(m.referent, Referent::Actor(_))
        })
        .collect();
    let is_person = |analysis: &Analysis, i: usize| matches!(analysis.mentions[i].referent, Referent::Actor(a) if analysis.actors[a].kind == ActorKind::Person);
    let chosen = if singular_person {
        // The previous speaker when a person, else the nearest person.
        let speaker = claims
            .iter()
            .rev()
            .find(|c| c.evidence.sentence + 2 >= s)
            .and_then(|c| match c.source {
                ClaimSource::Actor(a) if analysis.actors[a].kind == ActorKind::Person => Some(a),
                _ => None,
            });
        if let Some(a) = speaker {
            return Some(ClaimSource::Actor(a));
        }
        candidates
            .iter()
            .copied()
            .filter(|&i| is_person(analysis, i))
            .max_by_key(|&i| analysis.mentions[i].tokens.end)
            .or_else(|| {
                // "elle" may be an organisation: the subject of the sentence or the previous one.
                (analysis.doc.lang == super::Lang::Fr)
                    .then(|| subject_of(analysis, &candidates, s))
                    .flatten()
            })
    } else {
        subject_of(analysis, &candidates, s).or_else(|| {
            candidates
                .iter()
                .copied()
                .filter(|&i| !is_person(analysis, i))
                .max_by_key(|&i| analysis.mentions[i].tokens.end)
        })
    };
    chosen
        .and_then(|i| analysis.actor_of(i))
        .map(ClaimSource::Actor)
}

/// The first actor of the sentence, else of the previous sentence: its subject.
fn subject_of(analysis: &Analysis, candidates: &[usize], s: usize) -> Option<usize> {
    [s, s.saturating_sub(1)].into_iter().find_map(|sentence| {
        candidates
            .iter()
            .copied()
            .filter(|&i| analysis.mentions[i].sentence == sentence)
            .min_by_key(|&i| analysis.mentions[i].tokens.start)
    })
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
/// An aside between commas right before the verb ("X, who control most of Yemen, say",
/// "X, cité par l'AFP, a affirmé") is skipped when something stands before it.
fn subject_before(analysis: &mut Analysis, cue: usize) -> Option<(ClaimSource, Range<usize>)> {
    let clause = analysis.clause_around(cue);
    // The clause may start inside the aside ("who …"): look back to the sentence's start then.
    let sentence = analysis.doc.sentence_range(analysis.doc.sentence_of[cue]);
    let mut limit = cue;
    let mut start = clause.start;
    let mut end = cue.saturating_sub(1);
    while end > sentence.start && analysis.doc.tokens[end].is_punct(',') {
        let open = (sentence.start..end)
            .rev()
            .find(|&k| analysis.doc.tokens[k].is_punct(','));
        let Some(open) = open.filter(|&o| o > sentence.start) else {
            break;
        };
        // An aside that opens with a name is the subject itself: "X's envoy, Jane Doe, said".
        let named = analysis.mentions.iter().any(|m| {
            m.tokens.start == open + 1
                && matches!(m.referent, Referent::Actor(_) | Referent::Country(_))
        });
        let has_before = analysis.mentions.iter().any(|m| {
            m.tokens.end <= open
                && m.tokens.start >= sentence.start
                && matches!(m.referent, Referent::Actor(_) | Referent::Country(_))
        });
        if named || !has_before {
            break;
        }
        limit = open;
        start = start.min(analysis.clause_around(open.saturating_sub(1)).start);
        end = open;
    }
    if let Some(earlier) = spokesperson_named_before(analysis, start, limit) {
        return Some(earlier);
    }
    let described = described_before(analysis, start, limit);
    let index = (0..analysis.mentions.len())
        .filter(|&i| {
            let m = &analysis.mentions[i];
            m.tokens.start >= start && m.tokens.end <= limit && !analysis.doc.quoted[m.tokens.start]
        })
        .filter(|&i| {
            matches!(
                analysis.mentions[i].referent,
                Referent::Actor(_) | Referent::Country(_)
            )
        })
        // "un officier de l'armée camerounaise": the actor inside a described source is not it.
        .filter(|&i| {
            described
                .as_ref()
                .is_none_or(|(_, r)| !r.contains(&analysis.mentions[i].tokens.start))
        })
        .max_by_key(|&i| analysis.mentions[i].tokens.end);
    let Some(index) = index else {
        return described;
    };
    let tokens = analysis.mentions[index].tokens.clone();
    let actor = analysis.actor_of(index)?;
    Some((ClaimSource::Actor(actor), tokens))
}

/// "Le porte-parole du gouvernement a mis en garde", "the spokesman added": a spokesperson's
/// title with no name, where the article named a person with that title before ("le
/// porte-parole du gouvernement, Wilfried X"), is that person.
fn spokesperson_named_before(
    analysis: &mut Analysis,
    start: usize,
    limit: usize,
) -> Option<(ClaimSource, Range<usize>)> {
    let spokespeople = analysis.kb.lexicon.class("spokesperson");
    let role = (start..limit).find(|&k| analysis.doc.form_at(spokespeople, k, limit).is_some())?;
    let is_person = |analysis: &Analysis, i: usize| {
        matches!(analysis.mentions[i].referent,
            Referent::Actor(a) if analysis.actors[a].kind == ActorKind::Person)
    };
    let named_here = (0..analysis.mentions.len()).any(|i| {
        let m = &analysis.mentions[i];
        m.tokens.start >= start && m.tokens.end <= limit && is_person(analysis, i)
    });
    if named_here {
        return None;
    }
    let title = analysis.doc.keys[role].clone();
    let keys = &analysis.doc.keys;
    let earlier = (0..analysis.mentions.len())
        .filter(|&i| analysis.mentions[i].tokens.end <= start && is_person(analysis, i))
        .filter(|&i| {
            let m = &analysis.mentions[i];
            let sentence = analysis.doc.sentence_range(m.sentence);
            let near = m
                .tokens
                .start
                .saturating_sub(TITLE_REACH)
                .max(sentence.start)
                ..(m.tokens.end + TITLE_REACH).min(sentence.end);
            near.clone().any(|k| keys[k] == title)
        })
        .max_by_key(|&i| analysis.mentions[i].tokens.end)?;
    let person = analysis.actor_of(earlier)?;
    Some((ClaimSource::Actor(person), role..limit))
}

/// How far from a person's name its title may stand ("le porte-parole du gouvernement, X").
const TITLE_REACH: usize = 8;

/// "Des sources médicales … ont rapporté", "Un témoin a déclaré", "Two military commanders
/// said": a described subject, with its determiner or number, qualifiers and complement.
fn described_before(
    analysis: &Analysis,
    start: usize,
    cue: usize,
) -> Option<(ClaimSource, Range<usize>)> {
    let nouns = analysis.kb.lexicon.class("source-noun");
    let head = (start..cue)
        .find(|&k| analysis.doc.form_at(nouns, k, cue).is_some() && !analysis.doc.quoted[k])?;
    let end = analysis.doc.form_at(nouns, head, cue)?;
    let mut first = head;
    let determiners = analysis.kb.lexicon.class("source-determiner");
    while first > start && first + 4 > head {
        let k = first - 1;
        // "a security source", "one of the officers".
        let determiner = (first.saturating_sub(3).max(start)..first)
            .find(|&d| analysis.doc.form_at(determiners, d, first) == Some(first));
        if let Some(d) = determiner {
            first = d;
            break;
        }
        if analysis.doc.lang == super::Lang::En && is_qualifier(analysis, k) {
            first = k;
        } else {
            break;
        }
    }
    let stop = described_end(analysis, end, cue);
    Some((
        ClaimSource::Described(analysis.doc.text_of(first..stop)),
        first..stop,
    ))
}

/// The end of a described source: its qualifiers ("sécuritaire", "locales") and a
/// complement naming an actor ("de l'armée camerounaise", "of the army").
fn described_end(analysis: &Analysis, end: usize, limit: usize) -> usize {
    let mut stop = end;
    while stop < limit && stop < end + 3 && is_qualifier(analysis, stop) {
        stop += 1;
    }
    // Coordinated qualifiers: "sources diplomatiques et sécuritaires".
    if stop > end
        && stop + 1 < limit
        && matches!(analysis.doc.keys[stop].as_str(), "et" | "and")
        && is_qualifier(analysis, stop + 1)
        && !analysis
            .doc
            .is_form(analysis.kb.lexicon.class("source-noun"), stop + 1..stop + 2)
    {
        stop += 2;
    }
    if stop < limit && matches!(analysis.doc.keys[stop].as_str(), "de" | "of") {
        let mut k = stop + 1;
        while k < limit && matches!(analysis.doc.keys[k].as_str(), "le" | "the") {
            k += 1;
        }
        if let Some(m) = analysis.mention_starting_at(k) {
            if matches!(m.referent, Referent::Actor(_) | Referent::Country(_))
                && m.tokens.end <= limit
            {
                return m.tokens.end;
            }
        }
    }
    stop
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
        let stop = described_end(analysis, end, limit);
        // "un communiqué de l'armée", "a statement from the ministry": its issuer speaks.
        if analysis
            .doc
            .form_at(lexicon.class("source-document"), end - 1, end)
            .is_some()
            || analysis
                .doc
                .form_at(lexicon.class("source-document"), t, end)
                .is_some()
        {
            if let Some(issuer) = issuer_after(analysis, end, limit) {
                return Some(issuer);
            }
        }
        // "selon une source sécuritaire": the determiner or number belongs to the description.
        let first = if t > 0
            && analysis
                .doc
                .form_at(lexicon.class("source-determiner"), t - 1, t)
                .is_some()
        {
            t - 1
        } else {
            t
        };
        return Some((
            ClaimSource::Described(analysis.doc.text_of(first..stop)),
            stop,
        ));
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
        "dans",
        "de",
        "du",
        "des",
        "a",
        "au",
        "aux",
        "en",
        "sur",
        "qui",
        "que",
        "et",
        "ou",
        "le",
        "in",
        "of",
        "who",
        "on",
        "at",
        "and",
        "said",
        "told",
        "with",
        "from",
        "near",
        "par",
        "pour",
        "sous",
        "avec",
        "the",
        "to",
        "on",
        "cite",
        "citee",
        "cites",
        "citees",
        "quoted",
        "interroge",
        "interrogee",
        "contacte",
        "contactee",
        "speaking",
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

/// The issuer of a document: "(communiqué) de l'armée", "(statement) from/by/of the ministry".
fn issuer_after(analysis: &mut Analysis, end: usize, limit: usize) -> Option<(ClaimSource, usize)> {
    let mut k = end;
    while k < limit && is_qualifier(analysis, k) && k < end + 2 {
        k += 1;
    }
    if k >= limit || !matches!(analysis.doc.keys[k].as_str(), "de" | "of" | "from" | "by") {
        return None;
    }
    k += 1;
    while k < limit && matches!(analysis.doc.keys[k].as_str(), "le" | "the") {
        k += 1;
    }
    let index = (0..analysis.mentions.len())
        .filter(|&i| analysis.mentions[i].tokens.start == k)
        .max_by_key(|&i| analysis.mentions[i].tokens.end)?;
    let stop = analysis.mentions[index].tokens.end;
    let actor = analysis.actor_of(index)?;
    Some((ClaimSource::Actor(actor), stop))
}
