//! Time expressions: finding them in a sentence and resolving them against the article date.
//!
//! Wire copy dates events loosely: "samedi", "late Sunday night", "fin 2023",
//! "depuis des mois". The scanner works on one token pass over the sentence
//! (words, numbers and single symbols, lower-cased and stripped of accents)
//! and tries, at each token, a small grammar:
//!
//! ```text
//! [cue] [modifier] [article] core
//! ```
//!
//! where the cue gives the anchor ("depuis", "until", "de … à …"), the
//! modifier a part of the period ("fin", "early", "mi-"), the article a
//! filler word ("on", "le", "ce") and the core the date itself (weekday,
//! day and month, month, year, relative phrase). The longest match at the
//! leftmost position wins, so matches never overlap.
//!
//! Dates are resolved against the publication date at the precision it
//! allows: a weekday in an article dated only `2024-07` resolves to July 2024,
//! never to an invented day.

use crate::date::PartialDate;
use crate::extract::{Lang, Span, TimeAnchor, TimeExpression};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

mod found;
mod resolve;
mod scanner;
#[cfg(test)]
mod tests;
mod tokens;
mod vocabulary;

use found::*;
use resolve::*;
use scanner::*;
use tokens::*;
use vocabulary::*;

/// Finds the time expressions of one sentence and resolves them against the article date.
///
/// `sentence` is the sentence text, `offset` the character offset of its first character in the
/// article body (added to spans so they are body offsets), `lang` the article language,
/// `article_date` the publication date. Expressions come back in text order and never overlap.
pub fn find_time_expressions(
    sentence: &str,
    offset: usize,
    lang: Lang,
    article_date: Option<PartialDate>,
) -> Vec<TimeExpression> {
    let chars: Vec<char> = sentence.chars().collect();
    let shared = crate::text::tokenize(sentence);
    scan(&chars, &shared, offset, lang, article_date)
}

/// Like [`find_time_expressions`], on tokens the shared tokenizer already made of a text
/// whose characters are `chars` (an article body and one sentence's tokens): spans are
/// offsets into `chars`.
pub fn time_expressions_in(
    chars: &[char],
    shared: &[crate::text::Token],
    lang: Lang,
    article_date: Option<PartialDate>,
) -> Vec<TimeExpression> {
    scan(chars, shared, 0, lang, article_date)
}

/// The scan itself: tokens refined for the grammar, spans shifted by `offset`.
fn scan(
    chars: &[char],
    shared: &[crate::text::Token],
    offset: usize,
    lang: Lang,
    article_date: Option<PartialDate>,
) -> Vec<TimeExpression> {
    let tokens = refine(chars, shared);
    let scanner = Scanner {
        tokens: &tokens,
        lang,
    };

    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Only an expression ending right here can be continued ("en 2020 et 2021").
        let prev = found.last().copied().filter(|p| p.end == i);
        match scanner.parse_at(i, prev.as_ref()) {
            Some(f) => {
                if f.closes_range {
                    if let Some(p) = found.last_mut() {
                        p.anchor = TimeAnchor::Since;
                        p.range_closed = true;
                    }
                }
                i = f.end.max(i + 1);
                found.push(f);
            }
            None => i += 1,
        }
    }

    found
        .iter()
        .filter_map(|f| {
            // A lone "de 2006" is "2006": the preposition only matters in a range.
            let first = match f.range_open {
                Some(open) if !f.range_closed && !open.kept_alone => f.bare_start,
                _ => f.start,
            };
            let start = tokens.get(first)?.start;
            let end = tokens.get(f.end.checked_sub(1)?)?.end;
            let text: String = chars.get(start..end)?.iter().collect();
            Some(TimeExpression {
                text,
                anchor: f.anchor,
                span: Span {
                    start: offset.saturating_add(start),
                    end: offset.saturating_add(end),
                },
                date: resolve(f.core, article_date),
            })
        })
        .collect()
}
