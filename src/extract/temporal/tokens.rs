//! Tokens of a sentence (words, digit runs, single symbols) and the indexed
//! vocabulary tables matched against them.

use super::*;
use crate::text::TokenKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Number,
    Symbol,
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    /// Character offset of the first character in the sentence.
    pub(super) start: usize,
    /// Character offset just past the last character.
    pub(super) end: usize,
    /// Lower case, accents removed; apostrophes become `'`, hyphens `-`.
    pub(super) norm: String,
    pub(super) kind: Kind,
    /// Whether the first character is upper case.
    pub(super) capitalised: bool,
    /// A number written with separators ("2.000", "45 885", "1,5"): never a day or a year.
    pub(super) grouped: bool,
}

/// Refines the shared tokenizer's tokens ([`crate::text::tokenize`]) of a text whose
/// characters are `chars` for the time grammar, whose phrases are written token by token:
/// a word is its letters only ("l'" is "l" and "'", "1er" is "1" and "er"), a joining
/// hyphen is a token, and a number may be grouped by thin spaces ("45 885"). Offsets stay
/// those of the shared tokens.
pub(super) fn refine(chars: &[char], shared: &[crate::text::Token]) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(shared.len() + 4);
    for token in shared {
        if token.hyphen_before {
            tokens.push(symbol(token.start.saturating_sub(1), "-"));
        }
        if token.kind == TokenKind::Punct {
            tokens.push(symbol(token.start, &token.fold));
            continue;
        }
        // Most tokens are one plain word or one run of digits: keep them as they are.
        let plain_word =
            token.kind == TokenKind::Word && !token.acronym && token.text.chars().all(is_word_char);
        if plain_word {
            tokens.push(Token {
                start: token.start,
                end: token.end,
                norm: token.fold.clone(),
                kind: Kind::Word,
                capitalised: token.capitalised,
                grouped: false,
            });
            continue;
        }
        for piece in pieces(chars, token.start, token.end) {
            let joins_group = piece.kind == Kind::Number
                && tokens.last().is_some_and(|last| {
                    last.kind == Kind::Number
                        && last.end + 1 == piece.start
                        && chars.get(last.end).copied().is_some_and(is_group_separator)
                });
            match tokens.last_mut() {
                Some(last) if joins_group => {
                    last.end = piece.end;
                    last.norm = chars
                        .get(last.start..last.end)
                        .unwrap_or_default()
                        .iter()
                        .collect();
                    last.grouped = true;
                }
                _ => tokens.push(piece),
            }
        }
    }
    tokens
}

/// A single-character symbol token.
fn symbol(start: usize, norm: &str) -> Token {
    Token {
        start,
        end: start + 1,
        norm: norm.to_owned(),
        kind: Kind::Symbol,
        capitalised: false,
        grouped: false,
    }
}

/// The letter runs, digit runs (with their separators) and single symbols of one shared token.
fn pieces(chars: &[char], start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let at = i;
        let c = chars.get(i).copied().unwrap_or(' ');
        let kind = if is_word_char(c) {
            while i < end && chars.get(i).copied().is_some_and(is_word_char) {
                i += 1;
            }
            Kind::Word
        } else if c.is_ascii_digit() {
            while i < end
                && chars.get(i).is_some_and(|d| {
                    d.is_ascii_digit()
                        || is_group_separator(*d)
                            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                })
            {
                i += 1;
            }
            Kind::Number
        } else {
            i += 1;
            Kind::Symbol
        };
        let text: String = chars.get(at..i).unwrap_or_default().iter().collect();
        out.push(Token {
            start: at,
            end: i,
            norm: match kind {
                Kind::Number => text.clone(),
                _ => crate::text::fold(&text),
            },
            kind,
            capitalised: c.is_uppercase(),
            grouped: kind == Kind::Number && text.contains(|d: char| !d.is_ascii_digit()),
        });
    }
    out
}

pub(super) fn is_word_char(c: char) -> bool {
    // Combining accents (decomposed "é") stay inside their word.
    c.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Thousands and decimal separators inside a number: "2.000", "1,5", "45 885" (narrow spaces).
pub(super) fn is_group_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// The tokens of a vocabulary phrase, which is written already normalised: words split at
/// spaces, with `'` and `-` as tokens of their own ("jusqu'en" is "jusqu", "'", "en").
/// No allocation: this runs for every table entry at every position.
pub(super) fn phrase_tokens(phrase: &str) -> impl Iterator<Item = &str> {
    phrase.split_whitespace().flat_map(|word| {
        word.split_inclusive(['\'', '-']).flat_map(|piece| {
            match piece.char_indices().last() {
                Some((at, '\'' | '-')) if at > 0 => [piece.get(..at), piece.get(at..)],
                _ => [Some(piece), None],
            }
            .into_iter()
            .flatten()
        })
    })
}

/// A vocabulary table whose phrases are indexed (on first use) by their first token
/// and as a whole, so that a position is tried only against the phrases that can
/// begin there, and a word is looked up without a scan.
pub(super) struct Table<E: 'static> {
    pub(super) entries: &'static [E],
    pub(super) index: OnceLock<TableIndex>,
}

/// The indexes of a [`Table`]: positions of its entries, in table order.
pub(super) struct TableIndex {
    /// The first token of a phrase → its entries.
    pub(super) by_first: FxHashMap<&'static str, Vec<usize>>,
    /// A whole phrase → its entries.
    pub(super) by_phrase: FxHashMap<&'static str, Vec<usize>>,
}

/// An entry of a [`Table`]: a phrase, alone or with its value.
pub(super) trait Phrase {
    fn phrase(&self) -> &'static str;
}

impl Phrase for &'static str {
    fn phrase(&self) -> &'static str {
        self
    }
}

impl<T> Phrase for (&'static str, T) {
    fn phrase(&self) -> &'static str {
        self.0
    }
}

impl<T, U> Phrase for (&'static str, T, U) {
    fn phrase(&self) -> &'static str {
        self.0
    }
}

impl<E: Phrase> Table<E> {
    pub(super) const fn new(entries: &'static [E]) -> Self {
        Self {
            entries,
            index: OnceLock::new(),
        }
    }

    pub(super) fn index(&self) -> &TableIndex {
        self.index.get_or_init(|| {
            let mut by_first: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
            let mut by_phrase: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
            for (k, entry) in self.entries.iter().enumerate() {
                if let Some(first) = phrase_tokens(entry.phrase()).next() {
                    by_first.entry(first).or_default().push(k);
                }
                by_phrase.entry(entry.phrase()).or_default().push(k);
            }
            TableIndex {
                by_first,
                by_phrase,
            }
        })
    }

    /// The entries at the given positions.
    pub(super) fn entries_at<'t>(
        &'t self,
        positions: Option<&'t Vec<usize>>,
    ) -> impl Iterator<Item = &'static E> + 't {
        let entries = self.entries;
        positions
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(move |&k| &entries[k])
    }

    /// The entries whose phrase begins with the token `word`, in table order.
    pub(super) fn starting_with(
        &self,
        word: Option<&str>,
    ) -> impl Iterator<Item = &'static E> + '_ {
        self.entries_at(word.and_then(|w| self.index().by_first.get(w)))
    }

    /// The entries whose phrase is `word`, in table order.
    pub(super) fn exactly(&self, word: Option<&str>) -> impl Iterator<Item = &'static E> + '_ {
        self.entries_at(word.and_then(|w| self.index().by_phrase.get(w)))
    }
}
