//! The facts extracted from one article: plain data, no RDF.
//!
//! These structs are the intermediate representation between `extract`
//! and `rdf` (and the JSON printed by `extract --json`). Entities are
//! referred to by index into [`Facts::actors`] and [`Facts::places`].

use crate::date::PartialDate;

/// A language the extractor knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses an ISO 639-1 code (`fr`, `en`, case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A range of characters (Unicode scalar values, not bytes) in the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Offset of the first character.
    pub start: usize,
    /// Offset just past the last character.
    pub end: usize,
}

/// A piece of the article text that supports a fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Index of the sentence in [`Facts::sentences`].
    pub sentence: usize,
    /// Where the supporting text lies in the body.
    pub span: Span,
    /// The supporting text itself.
    pub text: String,
}

/// One sentence of the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Where the sentence lies in the body.
    pub span: Span,
    /// The sentence text.
    pub text: String,
}

/// Where an entity's identity comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKey {
    /// An entry of the gazetteer, by its local id (the last segment of its IRI).
    Known(String),
    /// An entity found in the text and absent from the gazetteer, by a slug of its name.
    Discovered(String),
}

/// The kind of an actor (mirrors the ontology's subclasses of `ag:Actor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// An army, police or other force of a state.
    StateArmedForce,
    /// A non-state armed group.
    ArmedGroup,
    /// An alliance of states or groups.
    Coalition,
    /// A government, ministry, presidency or junta.
    Government,
    /// A person.
    Person,
    /// Any other organisation (UN mission, NGO, news agency…).
    Organisation,
    /// A country acting as such.
    Country,
}

impl ActorKind {
    /// The local name of the ontology class (`StateArmedForce`, …).
    pub fn class_name(self) -> &'static str {
        match self {
            ActorKind::StateArmedForce => "StateArmedForce",
            ActorKind::ArmedGroup => "ArmedGroup",
            ActorKind::Coalition => "Coalition",
            ActorKind::Government => "Government",
            ActorKind::Person => "Person",
            ActorKind::Organisation => "Organisation",
            ActorKind::Country => "Country",
        }
    }

    /// Parses the local name of an ontology class.
    pub fn from_class_name(name: &str) -> Option<Self> {
        Some(match name {
            "StateArmedForce" => ActorKind::StateArmedForce,
            "ArmedGroup" => ActorKind::ArmedGroup,
            "Coalition" => ActorKind::Coalition,
            "Government" => ActorKind::Government,
            "Person" => ActorKind::Person,
            "Organisation" => ActorKind::Organisation,
            "Country" => ActorKind::Country,
            _ => return None,
        })
    }
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Where it lies in the body.
    pub span: Span,
    /// The surface form.
    pub text: String,
    /// Index of the sentence in [`Facts::sentences`].
    pub sentence: usize,
}

/// An actor the article talks about.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Its identity.
    pub key: EntityKey,
    /// Its canonical name (in the article's language when the gazetteer has one).
    pub name: String,
    /// Its kind.
    pub kind: ActorKind,
    /// Its occurrences, in text order.
    pub mentions: Vec<Mention>,
    /// How sure the extractor is that this actor is real and correctly identified, in [0, 1].
    pub confidence: f32,
}

/// A place the article talks about.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Its identity.
    pub key: EntityKey,
    /// Its canonical name.
    pub name: String,
    /// The name of the country it lies in, when known.
    pub country: Option<String>,
    /// The gazetteer key of that country, when known.
    pub country_key: Option<EntityKey>,
    /// Its occurrences, in text order.
    pub mentions: Vec<Mention>,
    /// How sure the extractor is of the identification (geocoding), in [0, 1].
    pub confidence: f32,
}

/// A reference to an extracted entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityRef {
    /// Index into [`Facts::actors`].
    Actor(usize),
    /// Index into [`Facts::places`].
    Place(usize),
}

/// The kind of an event (mirrors the ontology's subclasses of `ag:Event`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// Armed clashes between organised sides.
    Battle,
    /// A one-sided attack, ambush or bombing.
    Attack,
    /// A capture of a place or its control.
    Capture,
    /// An air or drone strike, shelling from afar.
    Airstrike,
    /// A crash or emergency landing.
    Crash,
    /// An agreement, treaty or ceasefire.
    Agreement,
    /// A speech act (also recorded as a claim).
    Statement,
    /// Anything else worth recording (withdrawal, coup, operation launch…).
    Other,
}

impl EventKind {
    /// The local name of the ontology class; `Other` maps to `OtherEvent`.
    pub fn class_name(self) -> &'static str {
        match self {
            EventKind::Battle => "Battle",
            EventKind::Attack => "Attack",
            EventKind::Capture => "Capture",
            EventKind::Airstrike => "Airstrike",
            EventKind::Crash => "Crash",
            EventKind::Agreement => "Agreement",
            EventKind::Statement => "Statement",
            EventKind::Other => "OtherEvent",
        }
    }

    /// The name used by the evaluation JSON (`Other` for [`EventKind::Other`]).
    pub fn eval_name(self) -> &'static str {
        match self {
            EventKind::Other => "Other",
            other => other.class_name(),
        }
    }

    /// Parses a class local name (`Battle`, …, `OtherEvent` or `Other`).
    pub fn from_class_name(name: &str) -> Option<Self> {
        Some(match name {
            "Battle" => EventKind::Battle,
            "Attack" => EventKind::Attack,
            "Capture" => EventKind::Capture,
            "Airstrike" => EventKind::Airstrike,
            "Crash" => EventKind::Crash,
            "Agreement" => EventKind::Agreement,
            "Statement" => EventKind::Statement,
            "OtherEvent" | "Other" => EventKind::Other,
            _ => return None,
        })
    }
}

/// The part an actor plays in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The side that attacks, strikes or captures.
    Attacker,
    /// The side attacked, or that loses the place.
    Target,
    /// One of the sides of a clash where neither is said to have started it.
    Side,
    /// Any other participation (a crashed aircraft's owner, a signatory…).
    Participant,
}

/// An actor taking part in an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// Index into [`Facts::actors`].
    pub actor: usize,
    /// Its role.
    pub role: Role,
    /// Actors on the same side share a side number (0 or 1); `None` when unknown.
    pub side: Option<u8>,
}

/// How a time expression anchors what it qualifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeAnchor {
    /// It happened at that time ("samedi", "in 2017").
    At,
    /// It holds since then ("depuis 2020", "since November").
    Since,
    /// It held until then ("jusqu'en 2022", "until March").
    Until,
}

/// A time expression and what it resolves to.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpression {
    /// The expression as written ("samedi", "fin 2023", "on Monday").
    pub text: String,
    /// Whether it marks a point, a start or an end.
    pub anchor: TimeAnchor,
    /// Where it lies in the body.
    pub span: Span,
    /// The date it denotes, at the precision the text and the article date allow.
    pub date: Option<PartialDate>,
}

/// Something that happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Its kind.
    pub kind: EventKind,
    /// The words that signal it ("combats", "pris le contrôle").
    pub trigger: Evidence,
    /// The actors taking part.
    pub participants: Vec<Participant>,
    /// Where it happened: index into [`Facts::places`].
    pub place: Option<usize>,
    /// When it happened.
    pub time: Option<TimeExpression>,
    /// The number of people killed: the most conservative figure stated.
    pub fatalities: Option<Fatalities>,
    /// How sure the extractor is, in [0, 1].
    pub confidence: f32,
}

/// A death toll of an event, as the text states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fatalities {
    /// The number of people killed (the lowest figure stated for the event).
    pub count: u32,
    /// The sentence that states it.
    pub evidence: Evidence,
    /// The claim that states it, when the sentence reports someone's words: index into [`Facts::claims`].
    pub claim: Option<usize>,
}

/// A relation predicate (mirrors the ontology's object properties).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationKind {
    /// Allied with (symmetric).
    AllyOf,
    /// Opposed to, fighting (symmetric).
    Opposes,
    /// Member, spokesperson or official of.
    MemberOf,
    /// Leads.
    Leads,
    /// Affiliated with, a branch of.
    AffiliatedWith,
    /// Broke an alliance with.
    BrokeAllianceWith,
    /// A place lies in another place.
    LocatedIn,
}

impl RelationKind {
    /// The local name of the ontology property (`allyOf`, …).
    pub fn property_name(self) -> &'static str {
        match self {
            RelationKind::AllyOf => "allyOf",
            RelationKind::Opposes => "opposes",
            RelationKind::MemberOf => "memberOf",
            RelationKind::Leads => "leads",
            RelationKind::AffiliatedWith => "affiliatedWith",
            RelationKind::BrokeAllianceWith => "brokeAllianceWith",
            RelationKind::LocatedIn => "locatedIn",
        }
    }

    /// Parses the local name of an ontology property.
    pub fn from_property_name(name: &str) -> Option<Self> {
        Some(match name {
            "allyOf" => RelationKind::AllyOf,
            "opposes" => RelationKind::Opposes,
            "memberOf" => RelationKind::MemberOf,
            "leads" => RelationKind::Leads,
            "affiliatedWith" => RelationKind::AffiliatedWith,
            "brokeAllianceWith" => RelationKind::BrokeAllianceWith,
            "locatedIn" => RelationKind::LocatedIn,
            _ => return None,
        })
    }

    /// Whether `a R b` implies `b R a`.
    pub fn is_symmetric(self) -> bool {
        matches!(self, RelationKind::AllyOf | RelationKind::Opposes)
    }
}

/// A relation between two entities stated in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// The subject.
    pub subject: EntityRef,
    /// The predicate.
    pub kind: RelationKind,
    /// The object.
    pub object: EntityRef,
    /// Since when it holds, when stated.
    pub since: Option<PartialDate>,
    /// Until when it held, when stated.
    pub until: Option<PartialDate>,
    /// The text that states it.
    pub evidence: Evidence,
    /// How sure the extractor is, in [0, 1].
    pub confidence: f32,
}

/// Who makes a claim.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimSource {
    /// An extracted actor: index into [`Facts::actors`].
    Actor(usize),
    /// A source described but not named ("une source humanitaire", "witnesses").
    Described(String),
}

/// A reported statement, attributed to its source rather than taken as fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Who says it.
    pub source: ClaimSource,
    /// What is said (the quote or the reported clause).
    pub statement: String,
    /// The reporting words ("a déclaré", "selon", "denied").
    pub cue: String,
    /// Whether the source denies rather than asserts.
    pub denial: bool,
    /// The event the claim is about, when one is found in the same sentence: index into [`Facts::events`].
    pub about: Option<usize>,
    /// The sentence that reports it.
    pub evidence: Evidence,
    /// How sure the extractor is, in [0, 1].
    pub confidence: f32,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// The article's language.
    pub lang: Lang,
    /// The publication date, when known.
    pub date: Option<PartialDate>,
    /// The body split into sentences.
    pub sentences: Vec<Sentence>,
    /// The actors.
    pub actors: Vec<Actor>,
    /// The places.
    pub places: Vec<Place>,
    /// The events.
    pub events: Vec<Event>,
    /// The relations.
    pub relations: Vec<Relation>,
    /// The claims.
    pub claims: Vec<Claim>,
    /// What the extractor noticed and could not use (never fatal).
    pub warnings: Vec<String>,
}
