//! The vocabulary as typed constants: our `ag:` terms and the standard ones we use.
//!
//! Every `ag:` term is declared in `ontology/actorgraph.ttl`; a test checks it,
//! so a typo here cannot mint a term nobody defined.

/// The `ag:` namespace: classes, individuals and properties of actorgraph.
///
/// When a class (or individual) and a property share a local name apart from
/// case (`ag:Place` / `ag:place`), the property's constant ends in `_PROPERTY`.
pub mod ag {
    use oxigraph::model::NamedNodeRef;

    /// The namespace IRI.
    pub const NAMESPACE: &str = "https://w3id.org/actorgraph/ns#";

    /// The class `ag:Actor`.
    pub const ACTOR: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Actor");
    /// The class `ag:StateArmedForce`.
    pub const STATE_ARMED_FORCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#StateArmedForce");
    /// The class `ag:ArmedGroup`.
    pub const ARMED_GROUP: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#ArmedGroup");
    /// The class `ag:Coalition`.
    pub const COALITION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Coalition");
    /// The class `ag:Government`.
    pub const GOVERNMENT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Government");
    /// The class `ag:Person`.
    pub const PERSON: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Person");
    /// The class `ag:Organisation`.
    pub const ORGANISATION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Organisation");
    /// The class `ag:Country`.
    pub const COUNTRY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Country");
    /// The class `ag:Place`.
    pub const PLACE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Place");
    /// The class `ag:Event`.
    pub const EVENT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Event");
    /// The class `ag:Battle`.
    pub const BATTLE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Battle");
    /// The class `ag:Attack`.
    pub const ATTACK: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Attack");
    /// The class `ag:Capture`.
    pub const CAPTURE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Capture");
    /// The class `ag:Airstrike`.
    pub const AIRSTRIKE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Airstrike");
    /// The class `ag:Crash`.
    pub const CRASH: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Crash");
    /// The class `ag:Agreement`.
    pub const AGREEMENT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Agreement");
    /// The class `ag:Statement`.
    pub const STATEMENT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Statement");
    /// The class `ag:OtherEvent`.
    pub const OTHER_EVENT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#OtherEvent");
    /// The class `ag:Claim`.
    pub const CLAIM: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Claim");
    /// The class `ag:Article`.
    pub const ARTICLE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Article");
    /// The class `ag:Sentence`.
    pub const SENTENCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Sentence");
    /// The class `ag:Mention`.
    pub const MENTION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Mention");
    /// The class `ag:Relationship`.
    pub const RELATIONSHIP: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Relationship");
    /// The class `ag:Participation`.
    pub const PARTICIPATION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Participation");
    /// The class `ag:DescribedSource`.
    pub const DESCRIBED_SOURCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#DescribedSource");
    /// The individual `ag:Attacker`.
    pub const ATTACKER: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Attacker");
    /// The individual `ag:Target`.
    pub const TARGET: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Target");
    /// The individual `ag:Side`.
    pub const SIDE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#Side");
    /// The individual `ag:ParticipantRole`.
    pub const PARTICIPANT_ROLE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#ParticipantRole");
    /// The property `ag:allyOf`.
    pub const ALLY_OF: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#allyOf");
    /// The property `ag:opposes`.
    pub const OPPOSES: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#opposes");
    /// The property `ag:memberOf`.
    pub const MEMBER_OF: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#memberOf");
    /// The property `ag:leads`.
    pub const LEADS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#leads");
    /// The property `ag:affiliatedWith`.
    pub const AFFILIATED_WITH: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#affiliatedWith");
    /// The property `ag:brokeAllianceWith`.
    pub const BROKE_ALLIANCE_WITH: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#brokeAllianceWith");
    /// The property `ag:locatedIn`.
    pub const LOCATED_IN: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#locatedIn");
    /// The property `ag:participant`.
    pub const PARTICIPANT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#participant");
    /// The property `ag:place`.
    pub const PLACE_PROPERTY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#place");
    /// The property `ag:participation`.
    pub const PARTICIPATION_PROPERTY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#participation");
    /// The property `ag:actor`.
    pub const ACTOR_PROPERTY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#actor");
    /// The property `ag:role`.
    pub const ROLE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#role");
    /// The property `ag:country`.
    pub const COUNTRY_PROPERTY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#country");
    /// The property `ag:mentions`.
    pub const MENTIONS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#mentions");
    /// The property `ag:refersTo`.
    pub const REFERS_TO: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#refersTo");
    /// The property `ag:inSentence`.
    pub const IN_SENTENCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#inSentence");
    /// The property `ag:inArticle`.
    pub const IN_ARTICLE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#inArticle");
    /// The property `ag:evidence`.
    pub const EVIDENCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#evidence");
    /// The property `ag:about`.
    pub const ABOUT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#about");
    /// The property `ag:fatalitiesEvidence`: the sentence that states an event's death toll.
    pub const FATALITIES_EVIDENCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#fatalitiesEvidence");
    /// The property `ag:fatalitiesClaim`: the claim that states an event's death toll.
    pub const FATALITIES_CLAIM: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#fatalitiesClaim");
    /// The property `ag:relationSubject`.
    pub const RELATION_SUBJECT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#relationSubject");
    /// The property `ag:relationPredicate`.
    pub const RELATION_PREDICATE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#relationPredicate");
    /// The property `ag:relationObject`.
    pub const RELATION_OBJECT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#relationObject");
    /// The property `ag:date`.
    pub const DATE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#date");
    /// The property `ag:datePrecision`.
    pub const DATE_PRECISION: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#datePrecision");
    /// The property `ag:dateText`.
    pub const DATE_TEXT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#dateText");
    /// The property `ag:since`.
    pub const SINCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#since");
    /// The property `ag:until`.
    pub const UNTIL: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#until");
    /// The property `ag:text`.
    pub const TEXT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#text");
    /// The property `ag:start`.
    pub const START: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#start");
    /// The property `ag:end`.
    pub const END: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#end");
    /// The property `ag:evidenceText`.
    pub const EVIDENCE_TEXT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#evidenceText");
    /// The property `ag:trigger`.
    pub const TRIGGER: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#trigger");
    /// The property `ag:confidence`.
    pub const CONFIDENCE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#confidence");
    /// The property `ag:sourceHash`: a digest of the files a graph was loaded from.
    pub const SOURCE_HASH: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#sourceHash");
    /// The property `ag:fatalities`.
    pub const FATALITIES: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#fatalities");
    /// The property `ag:side`.
    pub const SIDE_PROPERTY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#side");
    /// The property `ag:statement`.
    pub const STATEMENT_PROPERTY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#statement");
    /// The property `ag:cue`.
    pub const CUE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#cue");
    /// The property `ag:denial`.
    pub const DENIAL: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#denial");
    /// The property `ag:language`.
    pub const LANGUAGE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/ns#language");

    /// Every `ag:` term above, to check them against the ontology file.
    pub const ALL: &[NamedNodeRef<'static>] = &[
        ACTOR,
        STATE_ARMED_FORCE,
        ARMED_GROUP,
        COALITION,
        GOVERNMENT,
        PERSON,
        ORGANISATION,
        COUNTRY,
        PLACE,
        EVENT,
        BATTLE,
        ATTACK,
        CAPTURE,
        AIRSTRIKE,
        CRASH,
        AGREEMENT,
        STATEMENT,
        OTHER_EVENT,
        CLAIM,
        ARTICLE,
        SENTENCE,
        MENTION,
        RELATIONSHIP,
        PARTICIPATION,
        DESCRIBED_SOURCE,
        ATTACKER,
        TARGET,
        SIDE,
        PARTICIPANT_ROLE,
        ALLY_OF,
        OPPOSES,
        MEMBER_OF,
        LEADS,
        AFFILIATED_WITH,
        BROKE_ALLIANCE_WITH,
        LOCATED_IN,
        PARTICIPANT,
        PLACE_PROPERTY,
        PARTICIPATION_PROPERTY,
        ACTOR_PROPERTY,
        ROLE,
        COUNTRY_PROPERTY,
        MENTIONS,
        REFERS_TO,
        IN_SENTENCE,
        IN_ARTICLE,
        EVIDENCE,
        ABOUT,
        FATALITIES_EVIDENCE,
        FATALITIES_CLAIM,
        RELATION_SUBJECT,
        RELATION_PREDICATE,
        RELATION_OBJECT,
        DATE,
        DATE_PRECISION,
        DATE_TEXT,
        SINCE,
        UNTIL,
        TEXT,
        START,
        END,
        EVIDENCE_TEXT,
        TRIGGER,
        CONFIDENCE,
        SOURCE_HASH,
        FATALITIES,
        SIDE_PROPERTY,
        STATEMENT_PROPERTY,
        CUE,
        DENIAL,
        LANGUAGE,
    ];
}

/// The standard vocabularies we use: `rdf:`, `rdfs:`, `skos:`, `prov:`, `schema:`, `xsd:`.
pub mod std_terms {
    use oxigraph::model::NamedNodeRef;

    /// `rdf:type`.
    pub const RDF_TYPE: NamedNodeRef<'_> = oxigraph::model::vocab::rdf::TYPE;
    /// `rdfs:label`.
    pub const RDFS_LABEL: NamedNodeRef<'_> = oxigraph::model::vocab::rdfs::LABEL;
    /// `skos:altLabel`.
    pub const SKOS_ALT_LABEL: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#altLabel");
    /// `prov:wasDerivedFrom`: a fact comes from an article.
    pub const PROV_WAS_DERIVED_FROM: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#wasDerivedFrom");
    /// `prov:wasAttributedTo`: a claim is attributed to its source.
    pub const PROV_WAS_ATTRIBUTED_TO: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#wasAttributedTo");
    /// `prov:Agent`.
    pub const PROV_AGENT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/prov#Agent");
    /// `schema:url`.
    pub const SCHEMA_URL: NamedNodeRef<'_> = NamedNodeRef::new_unchecked("https://schema.org/url");
    /// `schema:headline`.
    pub const SCHEMA_HEADLINE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://schema.org/headline");
    /// `schema:NewsArticle`.
    pub const SCHEMA_NEWS_ARTICLE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://schema.org/NewsArticle");
    /// `xsd:date`.
    pub const XSD_DATE: NamedNodeRef<'_> = oxigraph::model::vocab::xsd::DATE;
    /// `xsd:gYearMonth`.
    pub const XSD_G_YEAR_MONTH: NamedNodeRef<'_> = oxigraph::model::vocab::xsd::G_YEAR_MONTH;
    /// `xsd:gYear`.
    pub const XSD_G_YEAR: NamedNodeRef<'_> = oxigraph::model::vocab::xsd::G_YEAR;
    /// `xsd:decimal`.
    pub const XSD_DECIMAL: NamedNodeRef<'_> = oxigraph::model::vocab::xsd::DECIMAL;
    /// `xsd:integer`.
    pub const XSD_INTEGER: NamedNodeRef<'_> = oxigraph::model::vocab::xsd::INTEGER;
    /// `xsd:boolean`.
    pub const XSD_BOOLEAN: NamedNodeRef<'_> = oxigraph::model::vocab::xsd::BOOLEAN;
}

/// The named graphs that hold the ontology and the gazetteer (articles each have their own).
pub mod graphs {
    use oxigraph::model::NamedNodeRef;

    /// The graph holding `ontology/actorgraph.ttl`.
    pub const ONTOLOGY: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/graph/ontology");
    /// The graph holding `ontology/gazetteer/*.ttl`.
    pub const GAZETTEER: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("https://w3id.org/actorgraph/graph/gazetteer");
}

/// SPARQL 1.1 Service Description terms (`sd:`), for the endpoint's description of itself.
pub mod sd {
    use oxigraph::model::NamedNodeRef;

    /// The namespace IRI.
    pub const NAMESPACE: &str = "http://www.w3.org/ns/sparql-service-description#";

    /// The class `sd:Service`.
    pub const SERVICE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#Service");
    /// `sd:endpoint`: the IRI the service answers at.
    pub const ENDPOINT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#endpoint");
    /// `sd:supportedLanguage`.
    pub const SUPPORTED_LANGUAGE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked(
        "http://www.w3.org/ns/sparql-service-description#supportedLanguage",
    );
    /// `sd:resultFormat`.
    pub const RESULT_FORMAT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#resultFormat");
    /// `sd:inputFormat`.
    pub const INPUT_FORMAT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#inputFormat");
    /// `sd:feature`.
    pub const FEATURE: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#feature");
    /// `sd:defaultEntailmentRegime`.
    pub const DEFAULT_ENTAILMENT_REGIME: NamedNodeRef<'_> = NamedNodeRef::new_unchecked(
        "http://www.w3.org/ns/sparql-service-description#defaultEntailmentRegime",
    );
    /// The language `sd:SPARQL10Query`.
    pub const SPARQL10_QUERY: NamedNodeRef<'_> = NamedNodeRef::new_unchecked(
        "http://www.w3.org/ns/sparql-service-description#SPARQL10Query",
    );
    /// The language `sd:SPARQL11Query`.
    pub const SPARQL11_QUERY: NamedNodeRef<'_> = NamedNodeRef::new_unchecked(
        "http://www.w3.org/ns/sparql-service-description#SPARQL11Query",
    );
    /// The language `sd:SPARQL11Update`.
    pub const SPARQL11_UPDATE: NamedNodeRef<'_> = NamedNodeRef::new_unchecked(
        "http://www.w3.org/ns/sparql-service-description#SPARQL11Update",
    );
    /// The feature `sd:UnionDefaultGraph`: the default graph is the union of the named graphs.
    pub const UNION_DEFAULT_GRAPH: NamedNodeRef<'_> = NamedNodeRef::new_unchecked(
        "http://www.w3.org/ns/sparql-service-description#UnionDefaultGraph",
    );
    /// The feature `sd:EmptyGraphs`: an empty named graph is kept.
    pub const EMPTY_GRAPHS: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/sparql-service-description#EmptyGraphs");
    /// The simple entailment regime (no inference).
    pub const SIMPLE_ENTAILMENT: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/entailment/Simple");
}

#[cfg(test)]
mod tests {
    use super::ag;
    use std::path::Path;

    /// Every `ag:` constant must be declared in the ontology file, as `ag:Name` at the start
    /// of a statement (the data engineer writes it with the `ag:` prefix).
    #[test]
    fn every_ag_term_is_declared_in_the_ontology() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/actorgraph.ttl");
        let Ok(turtle) = std::fs::read_to_string(&path) else {
            // The file is written on another branch; until it is merged there is nothing to check.
            eprintln!("{} is missing: skipping", path.display());
            return;
        };
        let mut subjects = std::collections::HashSet::new();
        for quad in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
            .for_slice(turtle.as_bytes())
        {
            let quad = quad.expect("ontology/actorgraph.ttl must parse");
            subjects.insert(quad.subject.to_string());
        }
        let missing: Vec<_> = ag::ALL
            .iter()
            .filter(|term| !subjects.contains(&term.to_string()))
            .map(|term| term.as_str().trim_start_matches(ag::NAMESPACE))
            .collect();
        assert!(
            missing.is_empty(),
            "not declared in actorgraph.ttl: {missing:?}"
        );
    }
}
