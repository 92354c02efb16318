//! The lexicon: event triggers, relation and claim cues, descriptions, word classes.
//!
//! Each entry holds forms (folded token sequences, with `…` for a gap of up to
//! six words) and what finding one means. How forms attach to their
//! arguments is given by a [`CueFrame`].

use super::form_index::FormIndex;
use super::turtle::{read_nodes, Node, Value};
use super::OntologyError;
use crate::extract::{ActorKind, EventKind, Lang, RelationKind};
use crate::text::{key_form, match_key, tokenize, TokenKind};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

const AG: &str = "https://w3id.org/actorgraph/ns#";
const LEX: &str = "https://w3id.org/actorgraph/lexicon#";

/// One form of a cue: folded words, `None` for a gap of up to four words.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// The form as written.
    pub text: String,
    /// Its language (`None`: any).
    pub lang: Option<Lang>,
    /// Folded words; `None` is a gap.
    pub words: Vec<Option<String>>,
    /// The words' matching keys (`text::match_key`), computed once here rather
    /// than at every comparison with a token.
    pub keys: Vec<Option<String>>,
}

/// How a cue's arguments are found around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueFrame {
    /// Subject on the left, object on the right ("X, allié de Y").
    LeftRight,
    /// Object on the left, subject on the right ("X dirigé par Y" → Y leads X).
    RightLeft,
    /// The cue's own noun phrase is the object, the actor before it the subject ("X et ses alliés Y").
    Possessive,
    /// Object before the cue, subject right after ("TPLF spokesman Getachew Reda").
    Prenominal,
    /// The clause's subject is the subject, the actor after the cue the object ("ils ont rompu avec Y").
    ClauseSubject,
    /// Both ends follow the cue, joined by "à", "et", "against"… ("oppose X à Y", "war between X and Y").
    Between,
    /// The clause's coordinated subjects act together, each the others' ally ("les armées
    /// congolaise et ougandaise mènent des opérations conjointes", "X and Y launched a joint offensive").
    Joint,
    /// A reporting verb: the source is its subject, or follows it when inverted ("», a déclaré X").
    Reporting,
    /// The source follows the cue ("selon X", "according to X").
    According,
}

impl CueFrame {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "LeftRight" => CueFrame::LeftRight,
            "RightLeft" => CueFrame::RightLeft,
            "Possessive" => CueFrame::Possessive,
            "Prenominal" => CueFrame::Prenominal,
            "ClauseSubject" => CueFrame::ClauseSubject,
            "Between" => CueFrame::Between,
            "Joint" => CueFrame::Joint,
            "Reporting" => CueFrame::Reporting,
            "According" => CueFrame::According,
            _ => return None,
        })
    }
}

/// Words that signal an event of a kind.
#[derive(Debug, Clone, PartialEq)]
pub struct EventTrigger {
    /// The forms.
    pub forms: Vec<Form>,
    /// The kind of event.
    pub kind: EventKind,
    /// How sure a match makes us, in [0, 1].
    pub confidence: f32,
    /// Whether the place must follow the trigger as its object (`lex:objectFollows`):
    /// "ont repris Kidal" is a capture, "les combats ont repris à Kidal" is not.
    pub object_follows: bool,
    /// Whether the event needs an agent (`lex:agentRequired`): its subject in the active
    /// ("gunmen killed"), or a "by"/"par" phrase in the passive ("tués par des hommes
    /// armés"). "Five soldiers were killed" alone is a toll, not an event of its own.
    pub agent_required: bool,
    /// Whether the trigger tells a capture from what was taken (`lex:subjectTaken`):
    /// the place is its subject before it, the taker after it ("fell to", "reprise par").
    /// It stands only in the passive or when its form ends on the agent's word.
    pub subject_taken: bool,
}

/// Words that state a relation.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationCue {
    /// The forms.
    pub forms: Vec<Form>,
    /// The relation stated.
    pub kind: RelationKind,
    /// Where its arguments are.
    pub frame: CueFrame,
    /// How sure a match makes us, in [0, 1].
    pub confidence: f32,
}

/// Words that report a statement.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimCue {
    /// The forms.
    pub forms: Vec<Form>,
    /// Whether it denies ("dément", "denied").
    pub denial: bool,
    /// Where the source is.
    pub frame: CueFrame,
}

/// A description that refers back (or forward) to an actor: "les séparatistes", "the group".
#[derive(Debug, Clone, PartialEq)]
pub struct Description {
    /// The head nouns.
    pub forms: Vec<Form>,
    /// The kinds of actor it may refer to.
    pub kinds: Vec<ActorKind>,
    /// A trait that links it to actors described the same way ("separatist").
    pub trait_name: Option<String>,
}

/// What kind of state body a noun names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// The armed forces ("armée", "army").
    ArmedForces,
    /// The government ("autorités", "government").
    Government,
    /// A ministry, named with its portfolio ("ministère nigérien de la Défense").
    Ministry,
}

/// A body of a state, named by a noun and a demonym: "armée malienne", "Sudanese army".
#[derive(Debug, Clone, PartialEq)]
pub struct StateBody {
    /// The nouns.
    pub forms: Vec<Form>,
    /// Which body.
    pub body: BodyKind,
}

/// Words that introduce an unknown proper noun and tell its type: "la localité de X", "colonel X".
#[derive(Debug, Clone, PartialEq)]
pub struct DiscoveryCue {
    /// The forms.
    pub forms: Vec<Form>,
    /// The actor kind introduced, or `None` for a place.
    pub actor_kind: Option<ActorKind>,
}

/// A named class of function words the extractor needs ("locative", "clause-break"…).
#[derive(Debug, Clone, PartialEq)]
pub struct WordClass {
    /// The class's name.
    pub name: String,
    /// Its forms.
    pub forms: Vec<Form>,
}

/// All lexicon entries, and the indexes of their forms.
///
/// The indexes are built by [`Lexicon::finish`] once every file is read; an entry
/// added or changed afterwards is not in them.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    /// Event triggers.
    pub triggers: Vec<EventTrigger>,
    /// Relation cues.
    pub relation_cues: Vec<RelationCue>,
    /// Claim cues.
    pub claim_cues: Vec<ClaimCue>,
    /// Descriptions.
    pub descriptions: Vec<Description>,
    /// State bodies.
    pub state_bodies: Vec<StateBody>,
    /// Discovery cues.
    pub discovery_cues: Vec<DiscoveryCue>,
    /// Word classes by name.
    pub word_classes: HashMap<String, WordClass>,
    /// The forms of the event triggers, owned by trigger index.
    pub trigger_forms: FormIndex,
    /// The forms of the relation cues, owned by cue index.
    pub relation_cue_forms: FormIndex,
    /// The forms of the claim cues, owned by cue index.
    pub claim_cue_forms: FormIndex,
    /// The forms of the descriptions, owned by description index.
    pub description_forms: FormIndex,
    /// The forms of the state bodies, owned by state body index.
    pub state_body_forms: FormIndex,
    /// The forms of each word class, by class name.
    class_forms: FxHashMap<String, FormIndex>,
}

/// What [`Lexicon::class`] gives for a class the lexicon lacks.
static NO_FORMS: LazyLock<FormIndex> = LazyLock::new(FormIndex::default);

/// The forms of a list of entries, each owned by its entry's index.
fn entry_forms<T>(entries: &[T], forms: impl Fn(&T) -> &[Form]) -> FormIndex {
    FormIndex::new(
        entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| forms(e).iter().map(move |f| (i, f))),
    )
}

impl Lexicon {
    /// Reads one Turtle file of lexicon entries.
    pub fn add_file(&mut self, path: &Path) -> Result<(), OntologyError> {
        for node in read_nodes(path)? {
            let error = |message: &str| OntologyError::Entry {
                path: path.to_owned(),
                subject: node.subject.clone(),
                message: message.to_owned(),
            };
            let class = |name: &str| node.has_type(&format!("{LEX}{name}"));
            if ![
                "EventTrigger",
                "RelationCue",
                "ClaimCue",
                "Description",
                "StateBody",
                "DiscoveryCue",
                "WordClass",
            ]
            .iter()
            .any(|c| class(c))
            {
                continue;
            }
            let forms = forms(&node);
            if forms.is_empty() {
                return Err(error("an entry needs at least one lex:form"));
            }
            let confidence = node
                .literal(&format!("{LEX}confidence"))
                .and_then(|c| c.parse::<f32>().ok())
                .unwrap_or(0.8)
                .clamp(0.0, 1.0);
            let frame = || {
                node.iri(&format!("{LEX}frame"))
                    .and_then(|f| f.strip_prefix(LEX))
                    .and_then(CueFrame::parse)
            };
            if class("EventTrigger") {
                let kind = node
                    .iri(&format!("{AG}eventType"))
                    .and_then(|t| t.strip_prefix(AG))
                    .and_then(EventKind::from_class_name)
                    .ok_or_else(|| error("a trigger needs ag:eventType with an ag: event class"))?;
                let object_follows = node
                    .literal(&format!("{LEX}objectFollows"))
                    .is_some_and(|v| v == "true" || v == "1");
                let agent_required = node
                    .literal(&format!("{LEX}agentRequired"))
                    .is_some_and(|v| v == "true" || v == "1");
                let subject_taken = node
                    .literal(&format!("{LEX}subjectTaken"))
                    .is_some_and(|v| v == "true" || v == "1");
                self.triggers.push(EventTrigger {
                    forms,
                    kind,
                    confidence,
                    object_follows,
                    agent_required,
                    subject_taken,
                });
            } else if class("RelationCue") {
                let kind = node
                    .iri(&format!("{LEX}predicate"))
                    .and_then(|t| t.strip_prefix(AG))
                    .and_then(RelationKind::from_property_name)
                    .ok_or_else(|| {
                        error("a relation cue needs lex:predicate with an ag: relation")
                    })?;
                let frame = frame().ok_or_else(|| error("a relation cue needs a lex:frame"))?;
                self.relation_cues.push(RelationCue {
                    forms,
                    kind,
                    frame,
                    confidence,
                });
            } else if class("ClaimCue") {
                let denial = node.literal(&format!("{LEX}denial")) == Some("true");
                let frame = frame().unwrap_or(CueFrame::Reporting);
                self.claim_cues.push(ClaimCue {
                    forms,
                    denial,
                    frame,
                });
            } else if class("Description") {
                let kinds: Vec<ActorKind> = node
                    .values(&format!("{LEX}refersTo"))
                    .iter()
                    .filter_map(|v| v.iri()?.strip_prefix(AG))
                    .filter_map(ActorKind::from_class_name)
                    .collect();
                if kinds.is_empty() {
                    return Err(error(
                        "a description needs lex:refersTo with an ag: actor class",
                    ));
                }
                let trait_name = node.literal(&format!("{LEX}trait")).map(str::to_owned);
                self.descriptions.push(Description {
                    forms,
                    kinds,
                    trait_name,
                });
            } else if class("StateBody") {
                let body = match node.iri(&format!("{LEX}body")).and_then(|b| b.strip_prefix(LEX)) {
                    Some("ArmedForces") => BodyKind::ArmedForces,
                    Some("Government") => BodyKind::Government,
                    Some("Ministry") => BodyKind::Ministry,
                    _ => {
                        return Err(error(
                            "a state body needs lex:body lex:ArmedForces, lex:Government or lex:Ministry",
                        ))
                    }
                };
                self.state_bodies.push(StateBody { forms, body });
            } else if class("DiscoveryCue") {
                let introduces = node
                    .iri(&format!("{LEX}introduces"))
                    .and_then(|t| t.strip_prefix(AG))
                    .ok_or_else(|| {
                        error("a discovery cue needs lex:introduces with an ag: class")
                    })?;
                let actor_kind = match introduces {
                    "Place" => None,
                    other => Some(ActorKind::from_class_name(other).ok_or_else(|| {
                        error("lex:introduces must be ag:Place or an actor class")
                    })?),
                };
                self.discovery_cues.push(DiscoveryCue { forms, actor_kind });
            } else {
                let name = node
                    .literal(&format!("{LEX}name"))
                    .ok_or_else(|| error("a word class needs a lex:name"))?
                    .to_owned();
                let class = self.word_classes.entry(name.clone()).or_insert(WordClass {
                    name,
                    forms: Vec::new(),
                });
                class.forms.extend(forms);
            }
        }
        Ok(())
    }

    /// Builds the form indexes, once every file is read.
    pub fn finish(&mut self) {
        self.trigger_forms = entry_forms(&self.triggers, |t| &t.forms);
        self.relation_cue_forms = entry_forms(&self.relation_cues, |c| &c.forms);
        self.claim_cue_forms = entry_forms(&self.claim_cues, |c| &c.forms);
        self.description_forms = entry_forms(&self.descriptions, |d| &d.forms);
        self.state_body_forms = entry_forms(&self.state_bodies, |b| &b.forms);
        self.class_forms = self
            .word_classes
            .iter()
            .map(|(name, class)| (name.clone(), FormIndex::of_forms(&class.forms)))
            .collect();
    }

    /// The forms of a word class (none if the lexicon lacks it).
    pub fn class(&self, name: &str) -> &FormIndex {
        self.class_forms.get(name).unwrap_or(&NO_FORMS)
    }
}

fn forms(node: &Node) -> Vec<Form> {
    node.values(&format!("{LEX}form"))
        .iter()
        .filter_map(|v| match v {
            Value::Literal { value, lang } => {
                Some(form(value, lang.as_deref().and_then(Lang::from_code)))
            }
            _ => None,
        })
        .filter(|f| !f.words.is_empty())
        .collect()
}

/// Parses a written form into folded words and gaps.
pub fn form(text: &str, lang: Option<Lang>) -> Form {
    let mut words = Vec::new();
    for token in tokenize(text) {
        if token.text == "…" {
            words.push(None);
        } else if token.kind != TokenKind::Punct || token.text == "\"" {
            words.push(Some(key_form(&token.fold)));
        }
    }
    let keys = words.iter().map(|w| w.as_deref().map(match_key)).collect();
    Form {
        text: text.to_owned(),
        lang,
        words,
        keys,
    }
}
