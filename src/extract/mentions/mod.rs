//! Mentions: gazetteer names, state bodies ("armée malienne"), descriptions,
//! directional regions ("le nord du Mali"), and proper nouns discovered from cues.
//! Descriptions and pronouns are resolved here too (in-article coreference).
//!
//! One module per stage, run in the order of [`find`]: `names` (the gazetteer's
//! names, the main country, capitals that act), `bodies` (state bodies and
//! ministries), `organisations` (a sibling: names by head noun), `descriptions`,
//! `places` (directional regions, region words, borders, "la ville"), `discovery`
//! (proper nouns from cues), `coreference` (pronouns, "its forces", rivals);
//! `drafts` creates the actor and place drafts they all point to.

use super::{ActorKind, EntityKey, Lang};
use crate::extract::analysis::{ActorDraft, Analysis, PlaceDraft, Referent};
use crate::ontology::{best_label, BodyKind, NameTarget, PlaceType};
use crate::text::{slug, TokenKind};
use std::collections::HashMap;
use std::ops::Range;

mod bodies;
mod coreference;
mod descriptions;
mod discovery;
mod drafts;
mod names;
mod places;

use bodies::*;
use coreference::*;
use descriptions::*;
use discovery::*;
use names::*;
use places::*;

pub use discovery::SITE_SPECIFICITY;

/// A description waiting to be resolved to an actor.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingDescription {
    /// Index of the lexicon description.
    pub description: usize,
    /// The country its demonym names, if any ("alliés russes").
    pub country: Option<usize>,
    /// The noun phrase, for naming a new actor.
    pub phrase: String,
}

/// Finds every mention and resolves descriptions and pronouns.
pub fn find(analysis: &mut Analysis) {
    skip_dateline(analysis);
    mark_news_agencies(analysis);
    let demonyms = gazetteer_names(analysis);
    analysis.demonyms = demonyms.clone();
    designated_regions(analysis);
    analysis.main_country = main_country(analysis, &demonyms);
    state_bodies(analysis, &demonyms);
    ministries(analysis, &demonyms);
    capitals_as_governments(analysis);
    super::organisations::find(analysis);
    descriptions(analysis, &demonyms);
    directional_places(analysis);
    border_places(analysis);
    discover_proper_nouns(analysis);
    place_anaphora(analysis);
    resolve_descriptions(analysis);
    pronouns(analysis);
    possessive_forces(analysis);
    rivals(analysis);
    analysis
        .mentions
        .sort_by_key(|m| (m.tokens.start, std::cmp::Reverse(m.tokens.end)));
}

/// A dateline opening the article ("BAMAKO (Reuters) -", "GOMA, Congo —") names where the
/// story was filed, not a place of the story: its words are skipped.
fn skip_dateline(analysis: &mut Analysis) {
    let tokens = &analysis.doc.tokens;
    let capitals = tokens
        .iter()
        .take_while(|t| {
            t.is_word()
                && (t.acronym
                    || t.text
                        .chars()
                        .all(|c| !c.is_alphabetic() || c.is_uppercase()))
        })
        .count();
    let next = tokens.get(capitals);
    let dateline = capitals > 0
        && next.is_some_and(|t| {
            t.is_punct('(')
                || t.is_punct('-')
                || t.is_punct('—')
                || t.is_punct('–')
                || t.is_punct(',')
        });
    if dateline {
        for slot in &mut analysis.occupied[..capitals] {
            *slot = true;
        }
    }
}

fn mark_news_agencies(analysis: &mut Analysis) {
    let doc = &analysis.doc;
    let forms = analysis.kb.lexicon.class("news-agency");
    let n = doc.tokens.len();
    let mut spans = Vec::new();
    let mut at = 0;
    while at < n {
        match doc.form_at_any_lang(forms, at, n) {
            Some(end) if doc.tokens[at].capitalised => {
                spans.push(at..end);
                at = end;
            }
            _ => at += 1,
        }
    }
    for span in spans {
        for t in span.clone() {
            analysis.occupied[t] = true;
        }
        analysis.agencies.push(span);
    }
}

/// The text with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
