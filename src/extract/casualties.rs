//! Casualty figures: "Quinze militaires ont été tués", "killing at least 12
//! people", "un bilan de 45.885 morts". Each figure goes to the event told in
//! its sentence; an event keeps the most conservative (lowest) figure, with the
//! sentence that states it.
//!
//! The words that say "killed" are the lexicon's `killed` (after the figure)
//! and `killing` (before it) classes; number words are French and English
//! grammar, written here.

use super::analysis::Analysis;
use super::events::Told;
use super::{Evidence, Fatalities};
use crate::text::TokenKind;

/// Words between a figure and its "killed" word ("Quinze militaires nigériens ont été tués"),
/// commas of an apposition aside.
const MAX_GAP: usize = 5;

/// Words that may stand between "killing" and its figure ("killing at least 12").
const APPROXIMATE: &[&str] = &[
    "at", "least", "au", "moins", "some", "about", "quelque", "environ", "plus", "de", "d'",
    "more", "than", "over", "nearly", "almost", "près", "pres",
];

/// Sets each event's fatalities from the figures stated in its sentences.
pub fn attach(analysis: &Analysis, told: &mut [Told]) {
    for sentence in 0..analysis.doc.sentences.len() {
        for (count, at) in figures(analysis, sentence) {
            // The event told in this sentence whose trigger is nearest the figure.
            let position = analysis.doc.tokens[at].start;
            let Some(event) = told
                .iter_mut()
                .filter(|t| t.sentences.contains(&sentence))
                .min_by_key(|t| {
                    let trigger = &t.event.trigger;
                    (
                        trigger.sentence != sentence,
                        trigger.span.start.abs_diff(position),
                    )
                })
                .map(|t| &mut t.event)
            else {
                continue;
            };
            if event.fatalities.as_ref().is_none_or(|f| count < f.count) {
                let span = analysis.doc.sentences[sentence].span;
                event.fatalities = Some(Fatalities {
                    count,
                    evidence: Evidence {
                        sentence,
                        span,
                        text: analysis.doc.slice(span),
                    },
                    claim: None,
                });
            }
        }
    }
}

/// The death tolls stated in a sentence: (count, token of the figure).
fn figures(analysis: &Analysis, sentence: usize) -> Vec<(u32, usize)> {
    let doc = &analysis.doc;
    let range = doc.sentence_range(sentence);
    let killed = analysis.kb.lexicon.class("killed");
    let killing = analysis.kb.lexicon.class("killing");
    let mut found = Vec::new();
    let mut t = range.start;
    while t < range.end {
        let Some((count, end)) = number_at(analysis, t, range.end) else {
            t += 1;
            continue;
        };
        // A year ("en 2009", "in 2023") is no toll.
        let year = (1900..=2100).contains(&count)
            && t > range.start
            && matches!(
                doc.keys[t - 1].as_str(),
                "en" | "in" | "since" | "depuis" | "de"
            );
        // "Quinze militaires … ont été tués", "45.885 morts", "12 people were killed".
        // An apposition may stand between ("45.885 personnes, essentiellement des civils, ont été tuées").
        let killed_after = (end..(end + MAX_GAP + 4).min(range.end))
            .take_while(|&k| {
                (doc.tokens[k].is_word() || doc.tokens[k].is_punct(','))
                    && number_at(analysis, k, range.end).is_none()
            })
            .any(|k| doc.form_at(killed, k, range.end).is_some());
        // "killing at least 12", "tuant au moins douze personnes".
        let killing_before = (t.saturating_sub(5).max(range.start)..t).any(|k| {
            doc.form_at(killing, k, t).is_some_and(|e| {
                (e..t)
                    .all(|w| doc.tokens[w].is_word() && APPROXIMATE.contains(&doc.keys[w].as_str()))
            })
        });
        if !year && (killed_after || killing_before) {
            found.push((count, t));
        }
        t = end;
    }
    found
}

/// A number written at token `t`, in digits ("15", "45.885", "3,000", "40 000") or
/// in words ("quinze", "vingt-deux", "twenty-one", "a dozen"): its value and end.
pub(super) fn number_at(analysis: &Analysis, t: usize, limit: usize) -> Option<(u32, usize)> {
    let tokens = &analysis.doc.tokens;
    let token = &tokens[t];
    if token.kind == TokenKind::Number {
        let digits: String = token.text.chars().filter(char::is_ascii_digit).collect();
        // "2,5" or "1er" are not counts of people.
        let grouped = token
            .text
            .split(['.', ','])
            .skip(1)
            .all(|group| group.len() == 3);
        if !grouped || token.text.chars().any(char::is_alphabetic) {
            return None;
        }
        let mut value: u64 = digits.parse().ok()?;
        let mut end = t + 1;
        // "40 000": a group of three digits after a space.
        while end < limit
            && tokens[end].kind == TokenKind::Number
            && tokens[end].text.len() == 3
            && tokens[end].text.chars().all(|c| c.is_ascii_digit())
            && value < 1000
        {
            value = value * 1000 + tokens[end].text.parse::<u64>().ok()?;
            end += 1;
        }
        return u32::try_from(value).ok().map(|v| (v, end));
    }
    // "un", "one" alone is an article or a pronoun far more often than a toll.
    if matches!(analysis.doc.keys[t].as_str(), "un" | "une" | "one") {
        return None;
    }
    // Number words, hyphenated compounds ("vingt-deux") arrive as tokens with `hyphen_before`.
    let mut total: u32 = 0;
    let mut current: u32 = 0;
    let mut end = t;
    while end < limit {
        let key = analysis.doc.keys[end].as_str();
        let joined = end == t || tokens[end].hyphen_before || matches!(key, "et" | "and");
        if !joined {
            break;
        }
        if matches!(key, "et" | "and") {
            // "vingt et un", "one hundred and five": only between number words.
            if end + 1 < limit && word_value(&analysis.doc.keys[end + 1]).is_some() && end > t {
                end += 1;
                continue;
            }
            break;
        }
        match (key, word_value(key)) {
            ("cent" | "cents" | "hundred", _) => current = current.max(1) * 100,
            ("mille" | "thousand", _) => {
                total += current.max(1) * 1000;
                current = 0;
            }
            (_, Some(v)) => current += v,
            (_, None) => break,
        }
        end += 1;
        // Words of one number follow each other: "deux cent", "two hundred".
        while end < limit
            && !tokens[end].hyphen_before
            && matches!(
                analysis.doc.keys[end].as_str(),
                "cent" | "cents" | "mille" | "hundred" | "thousand"
            )
        {
            match analysis.doc.keys[end].as_str() {
                "mille" | "thousand" => {
                    total += current.max(1) * 1000;
                    current = 0;
                }
                _ => current = current.max(1) * 100,
            }
            end += 1;
        }
    }
    let value = total + current;
    (end > t && value > 0).then_some((value, end))
}

/// The value of a French or English number word up to ninety.
fn word_value(key: &str) -> Option<u32> {
    Some(match key {
        "un" | "une" | "one" => 1,
        "deux" | "two" => 2,
        "trois" | "three" => 3,
        "quatre" | "four" => 4,
        "cinq" | "five" => 5,
        "six" => 6,
        "sept" | "seven" => 7,
        "huit" | "eight" => 8,
        "neuf" | "nine" => 9,
        "dix" | "ten" => 10,
        "onze" | "eleven" => 11,
        "douze" | "twelve" | "dozen" | "douzaine" => 12,
        "treize" | "thirteen" => 13,
        "quatorze" | "fourteen" => 14,
        "quinze" | "fifteen" => 15,
        "seize" | "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "vingt" | "vingts" | "twenty" | "vingtaine" => 20,
        "trente" | "thirty" | "trentaine" => 30,
        "quarante" | "forty" | "quarantaine" => 40,
        "cinquante" | "fifty" | "cinquantaine" => 50,
        "soixante" | "sixty" | "soixantaine" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}
