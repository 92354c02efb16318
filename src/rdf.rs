//! Facts → quads. Pure (no I/O) and the only module that mints IRIs.
//!
//! Each article becomes one named graph whose name is the article's IRI, so
//! re-ingesting an article replaces exactly what it said before. IRIs of
//! events, relations and claims are UUIDv5 of the article id and their index,
//! so they are stable across re-ingestion of the same text.

use crate::article::Article;
use crate::date::{PartialDate, Precision};
use crate::extract::{
    Actor, ActorKind, ClaimSource, EntityKey, EntityRef, Facts, Lang, Mention, Role, TimeAnchor,
};
use crate::vocab::{ag, std_terms as v};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

/// The base of every IRI actorgraph mints.
pub const BASE: &str = "https://w3id.org/actorgraph/";

/// The IRI of an article, which is also the name of its graph.
pub fn article_iri(id: &Uuid) -> NamedNode {
    NamedNode::new_unchecked(format!("{BASE}article/{id}"))
}

/// The named graph holding an article's quads (the article's own IRI).
pub fn graph_iri(id: &Uuid) -> NamedNode {
    article_iri(id)
}

/// Turns any text into a path segment of `[a-z0-9-]`: accents stripped, runs of
/// other characters become one `-`. Never empty (`unnamed` for text with no letter or digit).
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
    {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "unnamed".to_owned()
    } else {
        slug.to_owned()
    }
}

fn key_segment(key: &EntityKey) -> String {
    match key {
        EntityKey::Known(id) | EntityKey::Discovered(id) => slug(id),
    }
}

/// The IRI of a place: `…/place/{key}`.
pub fn place_iri(key: &EntityKey) -> NamedNode {
    NamedNode::new_unchecked(format!("{BASE}place/{}", key_segment(key)))
}

/// The IRI of an actor: `…/actor/{key}`, except countries, which live in the
/// place namespace because the gazetteer declares them as places (`…/place/ml`).
pub fn actor_iri(key: &EntityKey, kind: ActorKind) -> NamedNode {
    if kind == ActorKind::Country {
        return place_iri(key);
    }
    NamedNode::new_unchecked(format!("{BASE}actor/{}", key_segment(key)))
}

/// The IRI of a source described but not named ("une source humanitaire").
pub fn described_source_iri(description: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{BASE}source/{}", slug(description)))
}

fn minted_iri(article_id: &Uuid, kind: &str, index: usize) -> NamedNode {
    let id = Uuid::new_v5(article_id, format!("{kind}/{index}").as_bytes());
    NamedNode::new_unchecked(format!("{BASE}{kind}/{id}"))
}

/// The IRI of the `index`-th event of an article.
pub fn event_iri(article_id: &Uuid, index: usize) -> NamedNode {
    minted_iri(article_id, "event", index)
}

/// The IRI of the `index`-th relation of an article.
pub fn relation_iri(article_id: &Uuid, index: usize) -> NamedNode {
    minted_iri(article_id, "relation", index)
}

/// The IRI of the `index`-th claim of an article.
pub fn claim_iri(article_id: &Uuid, index: usize) -> NamedNode {
    minted_iri(article_id, "claim", index)
}

/// The IRI of the `index`-th sentence of an article.
pub fn sentence_iri(article_id: &Uuid, index: usize) -> NamedNode {
    NamedNode::new_unchecked(format!("{}#s{index}", article_iri(article_id).as_str()))
}

/// A date literal typed by its precision (`xsd:gYear`, `xsd:gYearMonth`, `xsd:date`).
pub fn date_literal(date: PartialDate) -> Literal {
    let datatype = match date.precision() {
        Precision::Year => v::XSD_G_YEAR,
        Precision::Month => v::XSD_G_YEAR_MONTH,
        Precision::Day => v::XSD_DATE,
    };
    Literal::new_typed_literal(date.to_string(), datatype)
}

fn precision_name(date: PartialDate) -> &'static str {
    match date.precision() {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
    }
}

fn integer(value: impl ToString) -> Literal {
    Literal::new_typed_literal(value.to_string(), v::XSD_INTEGER)
}

/// A confidence as `xsd:decimal` with two digits; out-of-range values are clamped.
fn confidence(value: f32) -> Literal {
    let value = if value.is_finite() {
        value.clamp(0.0, 1.0)
    } else {
        0.0
    };
    Literal::new_typed_literal(format!("{value:.2}"), v::XSD_DECIMAL)
}

fn class(name: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{name}", ag::NAMESPACE))
}

/// Collects the quads of one graph.
struct GraphBuilder {
    graph: GraphName,
    lang: Lang,
    quads: Vec<Quad>,
}

impl GraphBuilder {
    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::from(subject.clone()),
            predicate.into_owned(),
            object.into(),
            self.graph.clone(),
        ));
    }

    fn add_iri(
        &mut self,
        subject: &NamedNode,
        predicate: NamedNodeRef<'_>,
        object: NamedNodeRef<'_>,
    ) {
        self.add(subject, predicate, object.into_owned());
    }

    fn text(&self, value: &str) -> Literal {
        Literal::new_language_tagged_literal_unchecked(value, self.lang.code())
    }

    fn add_date(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, date: PartialDate) {
        self.add(subject, predicate, date_literal(date));
        if predicate == ag::DATE {
            self.add(
                subject,
                ag::DATE_PRECISION,
                Literal::new_simple_literal(precision_name(date)),
            );
        }
    }
}

/// Everything one article says, as quads in the article's named graph.
///
/// Facts that point at an index out of range (a bug upstream) are skipped
/// rather than panicking: a bad fact must not cost the whole article.
pub fn article_quads(article: &Article, facts: &Facts) -> Vec<Quad> {
    let id = &article.id;
    let article_node = article_iri(id);
    let mut out = GraphBuilder {
        graph: GraphName::NamedNode(graph_iri(id)),
        lang: facts.lang,
        quads: Vec::new(),
    };
    let actor_nodes: Vec<NamedNode> = facts
        .actors
        .iter()
        .map(|actor| actor_iri(&actor.key, actor.kind))
        .collect();
    let place_nodes: Vec<NamedNode> = facts
        .places
        .iter()
        .map(|place| place_iri(&place.key))
        .collect();
    let sentence_nodes: Vec<NamedNode> = (0..facts.sentences.len())
        .map(|index| sentence_iri(id, index))
        .collect();
    let entity = |entity: EntityRef| match entity {
        EntityRef::Actor(index) => actor_nodes.get(index).cloned(),
        EntityRef::Place(index) => place_nodes.get(index).cloned(),
    };

    // The article itself.
    out.add_iri(&article_node, v::RDF_TYPE, ag::ARTICLE);
    out.add_iri(&article_node, v::RDF_TYPE, v::SCHEMA_NEWS_ARTICLE);
    out.add(
        &article_node,
        ag::TEXT,
        Literal::new_simple_literal(&article.text),
    );
    out.add(
        &article_node,
        ag::LANGUAGE,
        Literal::new_simple_literal(article.lang.code()),
    );
    if let Some(date) = article.date {
        out.add_date(&article_node, ag::DATE, date);
    }
    if let Some(source) = &article.source {
        match NamedNode::new(source.as_str()) {
            Ok(url) => out.add(&article_node, v::SCHEMA_URL, url),
            // Not an absolute IRI ("AFP"): keep it, as text.
            Err(_) => out.add(
                &article_node,
                v::SCHEMA_URL,
                Literal::new_simple_literal(source),
            ),
        }
    }
    if let Some(title) = &article.title {
        out.add(&article_node, v::SCHEMA_HEADLINE, out.text(title));
    }
    for node in actor_nodes.iter().chain(&place_nodes) {
        out.add(&article_node, ag::MENTIONS, node.clone());
    }

    // Sentences.
    for (sentence, node) in facts.sentences.iter().zip(&sentence_nodes) {
        out.add_iri(node, v::RDF_TYPE, ag::SENTENCE);
        out.add(node, ag::TEXT, Literal::new_simple_literal(&sentence.text));
        out.add(node, ag::START, integer(sentence.span.start));
        out.add(node, ag::END, integer(sentence.span.end));
        out.add(node, ag::IN_ARTICLE, article_node.clone());
    }

    // Entities and their mentions.
    let mut n_mentions = 0;
    // `confidence`: how sure the mention's reading is, for entities described elsewhere
    // (a gazetteer place chosen among namesakes carries no article-specific node).
    let mut add_mentions =
        |out: &mut GraphBuilder, entity: &NamedNode, mentions: &[Mention], reading: Option<f32>| {
            for mention in mentions {
                let node =
                    NamedNode::new_unchecked(format!("{}#m{n_mentions}", article_node.as_str()));
                n_mentions += 1;
                out.add_iri(&node, v::RDF_TYPE, ag::MENTION);
                out.add(&node, ag::REFERS_TO, entity.clone());
                out.add(&node, ag::TEXT, Literal::new_simple_literal(&mention.text));
                out.add(&node, ag::START, integer(mention.span.start));
                out.add(&node, ag::END, integer(mention.span.end));
                if let Some(sentence) = sentence_nodes.get(mention.sentence) {
                    out.add(&node, ag::IN_SENTENCE, sentence.clone());
                }
                if let Some(value) = reading {
                    out.add(&node, ag::CONFIDENCE, confidence(value));
                }
            }
        };
    for (actor, node) in facts.actors.iter().zip(&actor_nodes) {
        add_actor(&mut out, actor, node);
        add_mentions(&mut out, node, &actor.mentions, None);
    }
    for (place, node) in facts.places.iter().zip(&place_nodes) {
        // Known places are described in the gazetteer graph: say nothing more here
        // than how sure each mention's reading is.
        let reading = matches!(place.key, EntityKey::Known(_)).then_some(place.confidence);
        if let EntityKey::Discovered(_) = place.key {
            out.add_iri(node, v::RDF_TYPE, ag::PLACE);
            out.add(node, v::RDFS_LABEL, out.text(&place.name));
            out.add(node, ag::CONFIDENCE, confidence(place.confidence));
            if let Some(country) = &place.country_key {
                out.add(node, ag::COUNTRY_PROPERTY, place_iri(country));
            }
        }
        add_mentions(&mut out, node, &place.mentions, reading);
    }

    // Events.
    for (index, event) in facts.events.iter().enumerate() {
        let node = event_iri(id, index);
        out.add_iri(&node, v::RDF_TYPE, ag::EVENT);
        out.add(&node, v::RDF_TYPE, class(event.kind.class_name()));
        for (k, participant) in event.participants.iter().enumerate() {
            let Some(actor) = actor_nodes.get(participant.actor) else {
                continue;
            };
            out.add(&node, ag::PARTICIPANT, actor.clone());
            let participation = NamedNode::new_unchecked(format!("{}#p{k}", node.as_str()));
            out.add(&node, ag::PARTICIPATION_PROPERTY, participation.clone());
            out.add_iri(&participation, v::RDF_TYPE, ag::PARTICIPATION);
            out.add(&participation, ag::ACTOR_PROPERTY, actor.clone());
            let role = match participant.role {
                Role::Attacker => ag::ATTACKER,
                Role::Target => ag::TARGET,
                Role::Side => ag::SIDE,
                Role::Participant => ag::PARTICIPANT_ROLE,
            };
            out.add_iri(&participation, ag::ROLE, role);
            if let Some(side) = participant.side {
                out.add(&participation, ag::SIDE_PROPERTY, integer(side));
            }
        }
        if let Some(place) = event.place.and_then(|index| place_nodes.get(index)) {
            out.add(&node, ag::PLACE_PROPERTY, place.clone());
        }
        if let Some(time) = &event.time {
            if let Some(date) = time.date {
                // Every dated event gets ag:date, so date filters find it; a
                // "depuis"/"until" time also says the event runs from or to it.
                out.add_date(&node, ag::DATE, date);
                match time.anchor {
                    TimeAnchor::At => {}
                    TimeAnchor::Since => out.add_date(&node, ag::SINCE, date),
                    TimeAnchor::Until => out.add_date(&node, ag::UNTIL, date),
                }
            }
            out.add(
                &node,
                ag::DATE_TEXT,
                Literal::new_simple_literal(&time.text),
            );
        }
        out.add(
            &node,
            ag::TRIGGER,
            Literal::new_simple_literal(&event.trigger.text),
        );
        if let Some(sentence) = sentence_nodes.get(event.trigger.sentence) {
            out.add(&node, ag::EVIDENCE, sentence.clone());
        }
        if let Some(fatalities) = &event.fatalities {
            out.add(&node, ag::FATALITIES, integer(fatalities.count));
            if let Some(sentence) = sentence_nodes.get(fatalities.evidence.sentence) {
                out.add(&node, ag::FATALITIES_EVIDENCE, sentence.clone());
            }
            if let Some(claim) = fatalities.claim.filter(|&c| c < facts.claims.len()) {
                out.add(&node, ag::FATALITIES_CLAIM, claim_iri(id, claim));
            }
        }
        out.add(&node, ag::CONFIDENCE, confidence(event.confidence));
        out.add(&node, v::PROV_WAS_DERIVED_FROM, article_node.clone());
    }

    // Relations: the direct triple for simple queries, and a node for provenance.
    for (index, relation) in facts.relations.iter().enumerate() {
        let (Some(subject), Some(object)) = (entity(relation.subject), entity(relation.object))
        else {
            continue;
        };
        let predicate = class(relation.kind.property_name());
        out.add(&subject, predicate.as_ref(), object.clone());
        if relation.kind.is_symmetric() {
            out.add(&object, predicate.as_ref(), subject.clone());
        }
        let node = relation_iri(id, index);
        out.add_iri(&node, v::RDF_TYPE, ag::RELATIONSHIP);
        out.add(&node, ag::RELATION_SUBJECT, subject);
        out.add(&node, ag::RELATION_PREDICATE, predicate);
        out.add(&node, ag::RELATION_OBJECT, object);
        if let Some(since) = relation.since {
            out.add_date(&node, ag::SINCE, since);
        }
        if let Some(until) = relation.until {
            out.add_date(&node, ag::UNTIL, until);
        }
        out.add(
            &node,
            ag::EVIDENCE_TEXT,
            Literal::new_simple_literal(&relation.evidence.text),
        );
        if let Some(sentence) = sentence_nodes.get(relation.evidence.sentence) {
            out.add(&node, ag::EVIDENCE, sentence.clone());
        }
        out.add(&node, ag::CONFIDENCE, confidence(relation.confidence));
        out.add(&node, v::PROV_WAS_DERIVED_FROM, article_node.clone());
    }

    // Claims: attributed to their source, never asserted as facts.
    for (index, claim) in facts.claims.iter().enumerate() {
        let source = match &claim.source {
            ClaimSource::Actor(actor) => match actor_nodes.get(*actor) {
                Some(node) => node.clone(),
                None => continue,
            },
            ClaimSource::Described(description) => {
                let node = described_source_iri(description);
                out.add_iri(&node, v::RDF_TYPE, ag::DESCRIBED_SOURCE);
                out.add_iri(&node, v::RDF_TYPE, v::PROV_AGENT);
                out.add(&node, v::RDFS_LABEL, out.text(description));
                node
            }
        };
        let node = claim_iri(id, index);
        out.add_iri(&node, v::RDF_TYPE, ag::CLAIM);
        out.add(&node, v::PROV_WAS_ATTRIBUTED_TO, source);
        out.add(
            &node,
            ag::STATEMENT_PROPERTY,
            Literal::new_simple_literal(&claim.statement),
        );
        out.add(&node, ag::CUE, Literal::new_simple_literal(&claim.cue));
        out.add(&node, ag::DENIAL, Literal::from(claim.denial));
        if let Some(event) = claim.about.filter(|&event| event < facts.events.len()) {
            out.add(&node, ag::ABOUT, event_iri(id, event));
        }
        if let Some(sentence) = sentence_nodes.get(claim.evidence.sentence) {
            out.add(&node, ag::EVIDENCE, sentence.clone());
        }
        out.add(&node, ag::CONFIDENCE, confidence(claim.confidence));
        out.add(&node, v::PROV_WAS_DERIVED_FROM, article_node.clone());
    }

    // Mentioning an entity twice yields duplicate `a` triples for described sources.
    let mut seen = std::collections::HashSet::new();
    out.quads.retain(|quad| seen.insert(quad.clone()));
    out.quads
}

/// Types and labels an actor. Known actors are described in the gazetteer graph,
/// so only discovered ones get a class, a label and a confidence here; a known
/// country acting as an actor gets `a ag:Country` so that it is found as an actor.
fn add_actor(out: &mut GraphBuilder, actor: &Actor, node: &NamedNode) {
    match actor.key {
        EntityKey::Known(_) => {
            if actor.kind == ActorKind::Country {
                out.add_iri(node, v::RDF_TYPE, ag::COUNTRY);
            }
        }
        EntityKey::Discovered(_) => {
            out.add(node, v::RDF_TYPE, class(actor.kind.class_name()));
            if actor.kind == ActorKind::Country {
                out.add_iri(node, v::RDF_TYPE, ag::PLACE);
            }
            out.add(node, v::RDFS_LABEL, out.text(&actor.name));
            out.add(node, ag::CONFIDENCE, confidence(actor.confidence));
        }
    }
}

/// The quads as sorted N-Quads lines: a stable text form for tests and diffs.
pub fn to_sorted_nquads(quads: &[Quad]) -> String {
    let mut lines: Vec<String> = quads.iter().map(|quad| format!("{quad} .\n")).collect();
    lines.sort();
    lines.concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{
        Claim, Event, EventKind, Evidence, Fatalities, Participant, Place, Relation, RelationKind,
        Sentence, Span, TimeExpression,
    };

    fn mention(text: &str, start: usize) -> Mention {
        Mention {
            span: Span {
                start,
                end: start + text.chars().count(),
            },
            text: text.into(),
            sentence: 0,
        }
    }

    fn evidence(text: &str) -> Evidence {
        Evidence {
            sentence: 0,
            span: Span {
                start: 0,
                end: text.chars().count(),
            },
            text: text.into(),
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Front de libération de l'Azawad"),
            "front-de-liberation-de-l-azawad"
        );
        assert_eq!(slug("  ---  "), "unnamed");
        assert_eq!(slug("FAMa"), "fama");
    }

    #[test]
    fn countries_live_in_the_place_namespace() {
        let key = EntityKey::Known("ml".into());
        assert_eq!(
            actor_iri(&key, ActorKind::Country).as_str(),
            "https://w3id.org/actorgraph/place/ml"
        );
        assert_eq!(
            actor_iri(&key, ActorKind::Government).as_str(),
            "https://w3id.org/actorgraph/actor/ml"
        );
    }

    #[test]
    fn small_article() {
        let text = "Les FAMa et Wagner combattent le CSP à Tinzaouatène. Une source locale a déclaré que dix soldats sont morts.";
        let article = Article::new(
            text,
            Some(PartialDate::month(2024, 7).unwrap()),
            Some("https://example.org/a".into()),
            Some("Combats".into()),
            Some(Lang::Fr),
        );
        let facts = Facts {
            lang: Lang::Fr,
            date: article.date,
            sentences: vec![Sentence {
                span: Span { start: 0, end: 52 },
                text: "Les FAMa et Wagner combattent le CSP à Tinzaouatène.".into(),
            }],
            actors: vec![
                crate::extract::Actor {
                    key: EntityKey::Known("fama".into()),
                    name: "Forces armées maliennes".into(),
                    kind: ActorKind::StateArmedForce,
                    mentions: vec![mention("FAMa", 4)],
                    confidence: 0.9,
                },
                crate::extract::Actor {
                    key: EntityKey::Discovered("Groupe Wagner".into()),
                    name: "Groupe Wagner".into(),
                    kind: ActorKind::ArmedGroup,
                    mentions: vec![mention("Wagner", 12)],
                    confidence: 0.7,
                },
            ],
            places: vec![
                Place {
                    key: EntityKey::Discovered("tinzaouatene".into()),
                    name: "Tinzaouatène".into(),
                    country: Some("Mali".into()),
                    country_key: Some(EntityKey::Known("ml".into())),
                    mentions: vec![mention("Tinzaouatène", 39)],
                    confidence: 0.5,
                },
                Place {
                    // A gazetteer place: only its mentions, each with how sure the reading is.
                    key: EntityKey::Known("kidal".into()),
                    name: "Kidal".into(),
                    country: Some("Mali".into()),
                    country_key: Some(EntityKey::Known("ml".into())),
                    mentions: vec![mention("Kidal", 0)],
                    confidence: 0.85,
                },
            ],
            events: vec![Event {
                kind: EventKind::Battle,
                trigger: evidence("combattent"),
                participants: vec![
                    Participant {
                        actor: 0,
                        role: Role::Side,
                        side: Some(0),
                    },
                    Participant {
                        actor: 1,
                        role: Role::Side,
                        side: Some(0),
                    },
                ],
                place: Some(0),
                time: Some(TimeExpression {
                    text: "samedi".into(),
                    anchor: TimeAnchor::At,
                    span: Span { start: 0, end: 6 },
                    date: PartialDate::day(2024, 7, 27),
                }),
                fatalities: Some(Fatalities {
                    count: 10,
                    evidence: evidence("Une source locale a déclaré"),
                    claim: Some(0),
                }),
                confidence: 0.8,
            }],
            relations: vec![Relation {
                subject: EntityRef::Actor(0),
                kind: RelationKind::AllyOf,
                object: EntityRef::Actor(1),
                since: Some(PartialDate::year(2021)),
                until: None,
                evidence: evidence("Les FAMa et Wagner"),
                confidence: 0.6,
            }],
            claims: vec![Claim {
                source: ClaimSource::Described("une source locale".into()),
                statement: "dix soldats sont morts".into(),
                cue: "a déclaré".into(),
                denial: false,
                about: Some(0),
                evidence: evidence("Une source locale a déclaré"),
                confidence: 0.7,
            }],
            warnings: Vec::new(),
        };
        let quads = article_quads(&article, &facts);
        let graph = GraphName::NamedNode(graph_iri(&article.id));
        assert!(quads.iter().all(|quad| quad.graph_name == graph));
        let nquads = to_sorted_nquads(&quads)
            .replace(article_iri(&article.id).as_str(), "A")
            .replace(event_iri(&article.id, 0).as_str(), "E")
            .replace(relation_iri(&article.id, 0).as_str(), "R")
            .replace(claim_iri(&article.id, 0).as_str(), "C");
        expect_test::expect_file!["../tests/snapshots/rdf_small_article.nq"].assert_eq(&nquads);
    }
}
