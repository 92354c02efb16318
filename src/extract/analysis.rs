//! The working state of one extraction: the document, the mentions found so
//! far, and the actor and place drafts they refer to.

use super::document::Document;
use super::mentions::PendingDescription;
use super::{ActorKind, EntityKey};
use crate::date::PartialDate;
use crate::ontology::Knowledge;
use std::collections::HashMap;
use std::ops::Range;

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Referent {
    /// An actor draft.
    Actor(usize),
    /// A place draft.
    Place(usize),
    /// A country of the gazetteer (place index), actor or place depending on its use.
    Country(usize),
    /// A description not yet resolved.
    Pending(PendingDescription),
}

/// A mention found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct RawMention {
    /// Its tokens.
    pub tokens: Range<usize>,
    /// Its sentence.
    pub sentence: usize,
    /// What it refers to.
    pub referent: Referent,
    /// How sure we are.
    pub confidence: f32,
    /// Whether to report its text as a surface form (pronouns are not).
    pub surface: bool,
}

impl RawMention {
    /// Whether the mention lies inside quotation marks.
    pub fn quoted(&self, analysis: &Analysis) -> bool {
        analysis.doc.quoted[self.tokens.start]
    }
}

/// An actor being built.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorDraft {
    /// Its identity.
    pub key: EntityKey,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: ActorKind,
    /// How sure we are.
    pub confidence: f32,
    /// The gazetteer index of its country.
    pub country: Option<usize>,
    /// Traits the text gives it ("separatist").
    pub traits: Vec<String>,
}

/// A place being built.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceDraft {
    /// Its identity.
    pub key: EntityKey,
    /// Its name.
    pub name: String,
    /// The gazetteer index of its country.
    pub country: Option<usize>,
    /// How specific it is: [`SITE_SPECIFICITY`], [`TOWN_SPECIFICITY`],
    /// [`REGION_SPECIFICITY`], [`PART_OF_COUNTRY_SPECIFICITY`], 1 for a country or wide area.
    pub specificity: u8,
    /// How sure we are.
    pub confidence: f32,
}

/// The specificity of a place inside a town: a neighbourhood, a camp, a base.
pub const SITE_SPECIFICITY: u8 = 5;
/// The specificity of a town or a village.
pub const TOWN_SPECIFICITY: u8 = 4;
/// The specificity of a region (admin1 or admin2).
pub const REGION_SPECIFICITY: u8 = 3;
/// The specificity of a part of a country ("le nord du Mali", "eastern Congo").
pub const PART_OF_COUNTRY_SPECIFICITY: u8 = 2;

/// The state of one extraction.
pub struct Analysis<'a> {
    /// The tokenised body.
    pub doc: Document<'a>,
    /// The gazetteer and lexicon.
    pub kb: &'a Knowledge,
    /// The publication date.
    pub date: Option<PartialDate>,
    /// Mentions found so far.
    pub mentions: Vec<RawMention>,
    /// Actor drafts.
    pub actors: Vec<ActorDraft>,
    /// Place drafts.
    pub places: Vec<PlaceDraft>,
    /// Tokens already part of a mention or a news agency's name.
    pub occupied: Vec<bool>,
    /// Token ranges of news agency names.
    pub agencies: Vec<Range<usize>>,
    /// The country the article is mostly about (gazetteer place index).
    pub main_country: Option<usize>,
    /// Token ranges that name no participant of what their sentence reports: claim sources, "X-backed" modifiers.
    pub claim_sources: Vec<Range<usize>>,
    /// Demonym tokens ("malienne", "Israeli") → the gazetteer index of their country.
    pub demonyms: HashMap<usize, usize>,
    /// "X … its rival, Y": the owner, the rival and the tokens that tell it.
    pub rivalries: Vec<(Referent, Referent, Range<usize>)>,
    pub(super) known_actors: HashMap<usize, usize>,
    pub(super) known_places: HashMap<usize, usize>,
    pub(super) country_actors: HashMap<usize, usize>,
    pub(super) country_places: HashMap<usize, usize>,
}

impl<'a> Analysis<'a> {
    /// Starts an analysis of a document.
    pub fn new(doc: Document<'a>, kb: &'a Knowledge, date: Option<PartialDate>) -> Self {
        let n = doc.tokens.len();
        Self {
            doc,
            kb,
            date,
            mentions: Vec::new(),
            actors: Vec::new(),
            places: Vec::new(),
            occupied: vec![false; n],
            agencies: Vec::new(),
            main_country: None,
            claim_sources: Vec::new(),
            demonyms: HashMap::new(),
            rivalries: Vec::new(),
            known_actors: HashMap::new(),
            known_places: HashMap::new(),
            country_actors: HashMap::new(),
            country_places: HashMap::new(),
        }
    }

    /// Records a mention and marks its tokens as taken.
    pub fn push_mention(
        &mut self,
        tokens: Range<usize>,
        sentence: usize,
        referent: Referent,
        confidence: f32,
    ) {
        for t in tokens.clone() {
            self.occupied[t] = true;
        }
        self.mentions.push(RawMention {
            tokens,
            sentence,
            referent,
            confidence,
            surface: true,
        });
    }

    /// The longest mention starting at a token.
    pub fn mention_starting_at(&self, token: usize) -> Option<&RawMention> {
        self.mentions
            .iter()
            .filter(|m| m.tokens.start == token)
            .max_by_key(|m| m.tokens.end)
    }

    /// The longest mention whose last token is `token`.
    pub fn mention_ending_at(&self, token: usize) -> Option<&RawMention> {
        self.mentions
            .iter()
            .filter(|m| m.tokens.end == token + 1)
            .min_by_key(|m| m.tokens.start)
    }

    /// Whether a reporting cue ends at `token`, possibly followed by its addressee ("a déclaré à l'AFP").
    pub fn is_reporting_end(&self, token: usize) -> bool {
        let mut end = token;
        if let Some(agency) = self.agencies.iter().find(|a| a.contains(&token)) {
            end = agency.start;
            while end > 0 && matches!(self.doc.keys[end - 1].as_str(), "a" | "le" | "to") {
                end -= 1;
            }
            if end == 0 {
                return false;
            }
            end -= 1;
        }
        let forms = &self.kb.lexicon.claim_cue_forms;
        (0..=end)
            .rev()
            .take(7)
            .any(|start| self.doc.is_form(forms, start..end + 1))
    }

    /// The actor a mention refers to, promoting a country to an actor.
    pub fn actor_of(&mut self, mention: usize) -> Option<usize> {
        match self.mentions[mention].referent {
            Referent::Actor(a) => Some(a),
            Referent::Country(c) => {
                let actor = self.country_actor(c);
                self.mentions[mention].referent = Referent::Actor(actor);
                Some(actor)
            }
            _ => None,
        }
    }

    /// The place a mention refers to, turning a country mention into a place.
    pub fn place_of(&mut self, mention: usize) -> Option<usize> {
        match self.mentions[mention].referent {
            Referent::Place(p) => Some(p),
            Referent::Country(c) => Some(self.country_place(c)),
            _ => None,
        }
    }

    /// The place draft of a country.
    pub fn country_place(&mut self, country: usize) -> usize {
        if let Some(&p) = self.country_places.get(&country) {
            return p;
        }
        let p = self.known_place(country, 0.95);
        self.country_places.insert(country, p);
        p
    }

    /// The index of the clause start and end (exclusive) around a token, within its sentence.
    pub fn clause_around(&self, token: usize) -> Range<usize> {
        let sentence = self.doc.sentence_range(self.doc.sentence_of[token]);
        let breaks = self.kb.lexicon.class("clause-break");
        let is_break = |t: usize| {
            self.doc.tokens[t].is_punct(';')
                || self.doc.form_at(breaks, t, sentence.end).is_some() && !self.occupied[t]
        };
        let mut start = token;
        while start > sentence.start && !is_break(start - 1) {
            start -= 1;
        }
        // A break word may be several tokens ("après que"): step over the whole of it.
        let mut end = token + 1;
        while end < sentence.end && !is_break(end) {
            end += 1;
        }
        start..end
    }
}
