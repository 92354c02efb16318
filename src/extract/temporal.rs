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
    let tokens = tokenize(&chars);
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

// ---------------------------------------------------------------------------
// Vocabulary (normalised: lower case, no accents; apostrophes and hyphens are
// their own tokens, so "jusqu'en" is "jusqu" "'" "en").
// ---------------------------------------------------------------------------

/// How safely a month word can be taken for a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MonthWord {
    /// Always a month ("juillet", "November").
    Full,
    /// An abbreviation ("Aug.", "janv."): only before a day or a year.
    Abbrev,
    /// Also an ordinary word ("may", "march"): only with a cue, a day or a year.
    Ambiguous,
    /// Ambiguous in that language only ("Mars" the planet in English).
    AmbiguousIn(Lang),
}

static MONTHS: Table<(&str, u8, MonthWord)> = Table::new(&[
    ("janvier", 1, MonthWord::Full),
    ("fevrier", 2, MonthWord::Full),
    ("mars", 3, MonthWord::AmbiguousIn(Lang::En)),
    ("avril", 4, MonthWord::Full),
    ("mai", 5, MonthWord::Full),
    ("juin", 6, MonthWord::Full),
    ("juillet", 7, MonthWord::Full),
    ("aout", 8, MonthWord::Full),
    ("septembre", 9, MonthWord::Full),
    ("octobre", 10, MonthWord::Full),
    ("novembre", 11, MonthWord::Full),
    ("decembre", 12, MonthWord::Full),
    ("january", 1, MonthWord::Full),
    ("february", 2, MonthWord::Full),
    ("march", 3, MonthWord::Ambiguous),
    ("april", 4, MonthWord::Full),
    ("may", 5, MonthWord::Ambiguous),
    ("june", 6, MonthWord::Full),
    ("july", 7, MonthWord::Full),
    ("august", 8, MonthWord::Full),
    ("september", 9, MonthWord::Full),
    ("october", 10, MonthWord::Full),
    ("november", 11, MonthWord::Full),
    ("december", 12, MonthWord::Full),
    ("janv", 1, MonthWord::Abbrev),
    ("jan", 1, MonthWord::Abbrev),
    ("fevr", 2, MonthWord::Abbrev),
    ("fev", 2, MonthWord::Abbrev),
    ("feb", 2, MonthWord::Abbrev),
    ("mar", 3, MonthWord::Abbrev),
    ("avr", 4, MonthWord::Abbrev),
    ("apr", 4, MonthWord::Abbrev),
    ("jun", 6, MonthWord::Abbrev),
    ("juil", 7, MonthWord::Abbrev),
    ("jul", 7, MonthWord::Abbrev),
    ("aug", 8, MonthWord::Abbrev),
    ("sept", 9, MonthWord::Abbrev),
    ("sep", 9, MonthWord::Abbrev),
    ("oct", 10, MonthWord::Abbrev),
    ("nov", 11, MonthWord::Abbrev),
    ("dec", 12, MonthWord::Abbrev),
]);

/// Weekday names, 0 = Monday … 6 = Sunday (as [`PartialDate::weekday`]).
static WEEKDAYS: Table<(&str, u8)> = Table::new(&[
    ("lundi", 0),
    ("mardi", 1),
    ("mercredi", 2),
    ("jeudi", 3),
    ("vendredi", 4),
    ("samedi", 5),
    ("dimanche", 6),
    ("monday", 0),
    ("tuesday", 1),
    ("wednesday", 2),
    ("thursday", 3),
    ("friday", 4),
    ("saturday", 5),
    ("sunday", 6),
]);

/// Parts of the day that may follow a weekday or "hier" ("jeudi soir", "Monday morning").
static PARTS_OF_DAY: Table<&str> = Table::new(&[
    "apres-midi",
    "matin",
    "soir",
    "soiree",
    "nuit",
    "morning",
    "afternoon",
    "evening",
    "night",
]);

/// Words after a weekday, month or date that place it before or after the article date.
static ORDER_SUFFIXES: Table<(&str, Order)> = Table::new(&[
    ("dernier", Order::Before),
    ("derniere", Order::Before),
    ("passe", Order::Before),
    ("passee", Order::Before),
    ("prochain", Order::After),
    ("prochaine", Order::After),
]);

/// Words before a weekday or month that place it ("last Friday", "next July").
static ORDER_PREFIXES: Table<(&str, Order)> = Table::new(&[
    ("last", Order::Before),
    ("this", Order::OnOrBefore),
    ("next", Order::After),
]);

/// Phrases after a month that give its year relative to the article ("May last year").
static YEAR_SUFFIXES: Table<(&str, i32)> = Table::new(&[
    ("last year", -1),
    ("this year", 0),
    ("next year", 1),
    ("de l'an dernier", -1),
    ("de l'annee derniere", -1),
    ("de l'an passe", -1),
    ("de l'annee passee", -1),
    ("l'an dernier", -1),
    ("l'annee derniere", -1),
    ("l'an passe", -1),
    ("l'annee passee", -1),
    ("de cette annee", 0),
    ("cette annee", 0),
]);

/// Relative expressions, resolved against the article date.
static RELATIVE: Table<(&str, Rel)> = Table::new(&[
    ("avant-hier", Rel::Day(-2)),
    ("apres-demain", Rel::Day(2)),
    ("the day before yesterday", Rel::Day(-2)),
    ("the day after tomorrow", Rel::Day(2)),
    ("hier", Rel::Day(-1)),
    ("yesterday", Rel::Day(-1)),
    ("last night", Rel::Day(-1)),
    ("aujourd'hui", Rel::Day(0)),
    ("today", Rel::Day(0)),
    ("tonight", Rel::Day(0)),
    ("overnight", Rel::Day(0)),
    ("ce matin", Rel::Day(0)),
    ("ce soir", Rel::Day(0)),
    ("cet apres-midi", Rel::Day(0)),
    ("cette nuit", Rel::Day(0)),
    ("this morning", Rel::Day(0)),
    ("this afternoon", Rel::Day(0)),
    ("this evening", Rel::Day(0)),
    ("demain", Rel::Day(1)),
    ("tomorrow", Rel::Day(1)),
    ("la semaine derniere", Rel::Week(-1)),
    ("la semaine passee", Rel::Week(-1)),
    ("last week", Rel::Week(-1)),
    ("cette semaine", Rel::Week(0)),
    ("this week", Rel::Week(0)),
    ("la semaine prochaine", Rel::Week(1)),
    ("next week", Rel::Week(1)),
    ("le week-end dernier", Rel::Weekend(Order::Before)),
    ("le week-end passe", Rel::Weekend(Order::Before)),
    ("le weekend dernier", Rel::Weekend(Order::Before)),
    ("last weekend", Rel::Weekend(Order::Before)),
    ("ce week-end", Rel::Weekend(Order::OnOrBefore)),
    ("ce weekend", Rel::Weekend(Order::OnOrBefore)),
    ("le week-end", Rel::Weekend(Order::OnOrBefore)),
    ("le weekend", Rel::Weekend(Order::OnOrBefore)),
    ("this weekend", Rel::Weekend(Order::OnOrBefore)),
    ("over the weekend", Rel::Weekend(Order::OnOrBefore)),
    ("le mois dernier", Rel::Month(-1)),
    ("le mois passe", Rel::Month(-1)),
    ("last month", Rel::Month(-1)),
    ("ce mois-ci", Rel::Month(0)),
    ("ce mois", Rel::Month(0)),
    ("this month", Rel::Month(0)),
    ("le mois prochain", Rel::Month(1)),
    ("next month", Rel::Month(1)),
    ("l'an dernier", Rel::Year(-1)),
    ("l'annee derniere", Rel::Year(-1)),
    ("l'an passe", Rel::Year(-1)),
    ("l'annee passee", Rel::Year(-1)),
    ("last year", Rel::Year(-1)),
    ("cette annee", Rel::Year(0)),
    ("this year", Rel::Year(0)),
    ("l'an prochain", Rel::Year(1)),
    ("l'annee prochaine", Rel::Year(1)),
    ("next year", Rel::Year(1)),
]);

/// The current period, named only after a modifier ("depuis le début de l'année", "by the end of
/// the year"): alone, "l'année" or "the week" is too often some other year or week.
static PERIODS: Table<(&str, Rel)> = Table::new(&[
    ("l'annee", Rel::Year(0)),
    ("the year", Rel::Year(0)),
    ("le mois", Rel::Month(0)),
    ("du mois", Rel::Month(0)),
    ("the month", Rel::Month(0)),
    ("la semaine", Rel::Week(0)),
    ("the week", Rel::Week(0)),
]);

/// Words that introduce a date and say how it anchors ("depuis 2020", "until March").
static CUES: Table<(&str, Cue)> = Table::new(&[
    (
        "depuis",
        Cue::Lead {
            anchor: TimeAnchor::Since,
            weak: false,
        },
    ),
    (
        "since",
        Cue::Lead {
            anchor: TimeAnchor::Since,
            weak: false,
        },
    ),
    (
        "a partir de",
        Cue::Lead {
            anchor: TimeAnchor::Since,
            weak: false,
        },
    ),
    (
        "a partir du",
        Cue::Lead {
            anchor: TimeAnchor::Since,
            weak: false,
        },
    ),
    // "dès" loses its accent to become "des", the plural article: weak.
    (
        "des",
        Cue::Lead {
            anchor: TimeAnchor::Since,
            weak: true,
        },
    ),
    (
        "jusqu'en",
        Cue::Lead {
            anchor: TimeAnchor::Until,
            weak: false,
        },
    ),
    (
        "jusqu'a",
        Cue::Lead {
            anchor: TimeAnchor::Until,
            weak: false,
        },
    ),
    (
        "jusqu'au",
        Cue::Lead {
            anchor: TimeAnchor::Until,
            weak: false,
        },
    ),
    (
        "until",
        Cue::Lead {
            anchor: TimeAnchor::Until,
            weak: false,
        },
    ),
    (
        "till",
        Cue::Lead {
            anchor: TimeAnchor::Until,
            weak: false,
        },
    ),
    (
        "d'ici",
        Cue::Lead {
            anchor: TimeAnchor::Until,
            weak: false,
        },
    ),
    (
        "d'ici a",
        Cue::Lead {
            anchor: TimeAnchor::Until,
            weak: false,
        },
    ),
    (
        "by",
        Cue::Lead {
            anchor: TimeAnchor::Until,
            weak: true,
        },
    ),
    (
        "en",
        Cue::Lead {
            anchor: TimeAnchor::At,
            weak: false,
        },
    ),
    (
        "in",
        Cue::Lead {
            anchor: TimeAnchor::At,
            weak: false,
        },
    ),
    (
        "l'annee",
        Cue::Lead {
            anchor: TimeAnchor::At,
            weak: false,
        },
    ),
    (
        "annee",
        Cue::Lead {
            anchor: TimeAnchor::At,
            weak: false,
        },
    ),
    (
        "the year",
        Cue::Lead {
            anchor: TimeAnchor::At,
            weak: false,
        },
    ),
    (
        "year",
        Cue::Lead {
            anchor: TimeAnchor::At,
            weak: false,
        },
    ),
    (
        "de",
        Cue::RangeOpen(RangeOpen {
            alone: TimeAnchor::At,
            kept_alone: false,
            closed_by_and: false,
        }),
    ),
    (
        "du",
        Cue::RangeOpen(RangeOpen {
            alone: TimeAnchor::At,
            kept_alone: false,
            closed_by_and: false,
        }),
    ),
    (
        "from",
        Cue::RangeOpen(RangeOpen {
            alone: TimeAnchor::Since,
            kept_alone: true,
            closed_by_and: false,
        }),
    ),
    (
        "entre",
        Cue::RangeOpen(RangeOpen {
            alone: TimeAnchor::At,
            kept_alone: false,
            closed_by_and: true,
        }),
    ),
    (
        "between",
        Cue::RangeOpen(RangeOpen {
            alone: TimeAnchor::At,
            kept_alone: false,
            closed_by_and: true,
        }),
    ),
    ("a", Cue::RangeClose),
    ("au", Cue::RangeClose),
    ("to", Cue::RangeClose),
    ("et", Cue::Conj),
    ("and", Cue::Conj),
    ("ou", Cue::Conj),
    ("or", Cue::Conj),
    (",", Cue::Conj),
]);

/// Words that pick a part of a period ("fin 2023", "mid-July", "early on Monday").
static MODIFIERS: Table<&str> = Table::new(&[
    "fin de",
    "fin",
    "debut de",
    "debut",
    "mi-",
    "courant",
    "a la fin de",
    "au debut de",
    "at the end of",
    "at the beginning of",
    "at the start of",
    "la fin de",
    "le debut de",
    "the end of",
    "the beginning of",
    "the start of",
    "late",
    "early",
    "mid-",
    "mid",
    "earlier",
    "later",
    "tot",
    "tard",
]);

/// Filler words between the cue and a weekday or a date ("on Monday", "le 7 octobre").
static ARTICLES: Table<&str> = Table::new(&["on", "le", "ce"]);

static SEASONS: Table<&str> = Table::new(&[
    "ete",
    "hiver",
    "printemps",
    "automne",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
]);

static UNITS: Table<(&str, Unit)> = Table::new(&[
    ("heure", Unit::Hour),
    ("heures", Unit::Hour),
    ("hour", Unit::Hour),
    ("hours", Unit::Hour),
    ("jour", Unit::Day),
    ("jours", Unit::Day),
    ("nuit", Unit::Day),
    ("nuits", Unit::Day),
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("night", Unit::Day),
    ("nights", Unit::Day),
    ("semaine", Unit::Week),
    ("semaines", Unit::Week),
    ("week", Unit::Week),
    ("weeks", Unit::Week),
    ("mois", Unit::Month),
    ("month", Unit::Month),
    ("months", Unit::Month),
    ("an", Unit::Year),
    ("ans", Unit::Year),
    ("annee", Unit::Year),
    ("annees", Unit::Year),
    ("year", Unit::Year),
    ("years", Unit::Year),
    ("decennie", Unit::Decade),
    ("decennies", Unit::Decade),
    ("decade", Unit::Decade),
    ("decades", Unit::Decade),
    ("temps", Unit::Vague),
]);

static NUMBER_WORDS: Table<(&str, i64)> = Table::new(&[
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("quinze", 15),
    ("vingt", 20),
    ("trente", 30),
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
]);

/// Words that may sit between a duration's lead and its unit ("depuis plusieurs jours").
static VAGUE_QUANTITIES: Table<&str> = Table::new(&[
    "des",
    "plusieurs",
    "quelques",
    "de",
    "nombreux",
    "nombreuses",
    "longs",
    "longues",
    "bien",
    "several",
    "many",
    "some",
    "few",
    "the",
    "recent",
    "recents",
    "past",
    "last",
    "derniers",
    "dernieres",
    "dernier",
    "derniere",
]);

/// Of those, the ones that make "in …" or "ces …" mean "recently".
static RECENT: Table<&str> = Table::new(&[
    "recent",
    "recents",
    "past",
    "last",
    "derniers",
    "dernieres",
    "dernier",
    "derniere",
]);

/// Words that introduce a duration, and whether they need a "recent" word to mean one.
static DURATION_LEADS: Table<(&str, bool)> = Table::new(&[
    ("depuis", false),
    ("for", false),
    ("pendant", false),
    ("durant", false),
    ("au cours des", true),
    ("ces", true),
    ("in", true),
    ("over", true),
    ("during", true),
]);

/// Words that may follow a year introduced by a weak cue ("de 2012 à 2022", "by 2030, the…").
/// Any other lower-case word suggests a count: "plus de 2000 soldats", "by 2000 troops".
const AFTER_YEAR_OK: &[&str] = &[
    "a", "au", "et", "ou", "puis", "jusqu", "il", "elle", "ils", "elles", "on", "le", "la", "les",
    "l", "quand", "lorsque", "alors", "selon", "pendant", "par", "ou", "en", "de", "du", "d",
    "avant", "apres", "depuis", "and", "or", "to", "then", "until", "when", "during", "the", "he",
    "she", "it", "they", "we", "in", "by", "before", "after", "since", "was", "were", "is",
];

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Symbol,
}

#[derive(Debug, Clone)]
struct Token {
    /// Character offset of the first character in the sentence.
    start: usize,
    /// Character offset just past the last character.
    end: usize,
    /// Lower case, accents removed; apostrophes become `'`, hyphens `-`.
    norm: String,
    kind: Kind,
    /// Whether the first character is upper case.
    capitalised: bool,
    /// A number written with separators ("2.000", "45 885", "1,5"): never a day or a year.
    grouped: bool,
}

/// Splits a text into words, digit runs and single symbols, keeping character offsets.
fn tokenize(chars: &[char]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let mut grouped = false;
            i += 1;
            loop {
                match (chars.get(i), chars.get(i + 1)) {
                    (Some(d), _) if d.is_ascii_digit() => i += 1,
                    (Some(&s), Some(d)) if is_group_separator(s) && d.is_ascii_digit() => {
                        grouped = true;
                        i += 2;
                    }
                    _ => break,
                }
            }
            let norm = chars.get(start..i).unwrap_or_default().iter().collect();
            tokens.push(Token {
                start,
                end: i,
                norm,
                kind: Kind::Number,
                capitalised: false,
                grouped,
            });
        } else if is_word_char(c) {
            while chars.get(i).is_some_and(|&c| is_word_char(c)) {
                i += 1;
            }
            let norm = fold(chars.get(start..i).unwrap_or_default());
            let capitalised = c.is_uppercase();
            tokens.push(Token {
                start,
                end: i,
                norm,
                kind: Kind::Word,
                capitalised,
                grouped: false,
            });
        } else {
            i += 1;
            let norm = match c {
                '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' => "'".to_owned(),
                '-' | '\u{2010}' | '\u{2011}' => "-".to_owned(),
                other => other.to_string(),
            };
            let kind = Kind::Symbol;
            tokens.push(Token {
                start,
                end: i,
                norm,
                kind,
                capitalised: false,
                grouped: false,
            });
        }
    }
    tokens
}

fn is_word_char(c: char) -> bool {
    // Combining accents (decomposed "é") stay inside their word.
    c.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Thousands and decimal separators inside a number: "2.000", "1,5", "45 885" (narrow spaces).
fn is_group_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Lower-cases and strips the accents of a word, so "Février" and "fevrier" compare equal.
fn fold(word: &[char]) -> String {
    let mut out = String::with_capacity(word.len());
    for lower in word.iter().flat_map(|c| c.to_lowercase()) {
        match lower {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'û' | 'ü' | 'ù' | 'ú' => out.push('u'),
            'ÿ' => out.push('y'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '\u{0300}'..='\u{036F}' => {}
            other => out.push(other),
        }
    }
    out
}

/// The tokens of a vocabulary phrase, which is written already normalised: words split at
/// spaces, with `'` and `-` as tokens of their own ("jusqu'en" is "jusqu", "'", "en").
/// No allocation: this runs for every table entry at every position.
fn phrase_tokens(phrase: &str) -> impl Iterator<Item = &str> {
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
struct Table<E: 'static> {
    entries: &'static [E],
    index: OnceLock<TableIndex>,
}

/// The indexes of a [`Table`]: positions of its entries, in table order.
struct TableIndex {
    /// The first token of a phrase → its entries.
    by_first: FxHashMap<&'static str, Vec<usize>>,
    /// A whole phrase → its entries.
    by_phrase: FxHashMap<&'static str, Vec<usize>>,
}

/// An entry of a [`Table`]: a phrase, alone or with its value.
trait Phrase {
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
    const fn new(entries: &'static [E]) -> Self {
        Self {
            entries,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &TableIndex {
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
    fn entries_at<'t>(
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
    fn starting_with(&self, word: Option<&str>) -> impl Iterator<Item = &'static E> + '_ {
        self.entries_at(word.and_then(|w| self.index().by_first.get(w)))
    }

    /// The entries whose phrase is `word`, in table order.
    fn exactly(&self, word: Option<&str>) -> impl Iterator<Item = &'static E> + '_ {
        self.entries_at(word.and_then(|w| self.index().by_phrase.get(w)))
    }
}

// ---------------------------------------------------------------------------
// What is found
// ---------------------------------------------------------------------------

/// Where a day, weekday or month lies relative to the article date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// The most recent one on or before the article date (the default).
    OnOrBefore,
    /// The most recent one strictly before ("dernier", "last").
    Before,
    /// The first one strictly after ("prochain", "next").
    After,
}

/// A period relative to the article date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    Day(i64),
    Week(i64),
    Weekend(Order),
    Month(i64),
    Year(i64),
}

/// The year of a month expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearRef {
    Given(i32),
    Recent(Order),
    Offset(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Vague,
}

/// The date part of an expression, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Core {
    Weekday {
        weekday: u8,
        order: Order,
    },
    Date {
        day: u8,
        month: u8,
        year: Option<i32>,
        order: Order,
    },
    Month {
        month: u8,
        year: YearRef,
    },
    Year(i32),
    Relative(Rel),
    /// A time expression with no date to give ("depuis des mois").
    Unresolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RangeOpen {
    /// The anchor when no range end follows.
    alone: TimeAnchor,
    /// Whether the word stays in the text when no range end follows ("from Monday" but "2006" for "de 2006").
    kept_alone: bool,
    /// Whether "et"/"and" ends the range ("entre 2012 et 2022").
    closed_by_and: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    None,
    /// A preposition that introduces a date and gives its anchor. Weak ones also introduce counts.
    Lead {
        anchor: TimeAnchor,
        weak: bool,
    },
    /// Opens a possible range: "de", "from", "entre".
    RangeOpen(RangeOpen),
    /// Ends a range opened just before: "à", "to".
    RangeClose,
    /// Adds a date to the one just before: "et", "and", ",".
    Conj,
}

impl Cue {
    fn is_weak(self) -> bool {
        matches!(
            self,
            Cue::Lead { weak: true, .. } | Cue::RangeOpen(_) | Cue::RangeClose | Cue::Conj
        )
    }
}

/// One expression found, in token indices.
#[derive(Debug, Clone, Copy)]
struct Found {
    /// First token, cue included.
    start: usize,
    /// First token after the cue.
    bare_start: usize,
    /// One past the last token.
    end: usize,
    core: Core,
    anchor: TimeAnchor,
    range_open: Option<RangeOpen>,
    range_closed: bool,
    /// This expression ends the range opened by the previous one.
    closes_range: bool,
}

/// The optional words before a core, as matched at one position.
#[derive(Debug, Clone, Copy)]
struct Lead {
    /// Where the lead starts (the position being parsed).
    at: usize,
    /// Where the core must start.
    core_start: usize,
    cue: Cue,
    after_cue: usize,
    modifier: bool,
    article: bool,
}

// ---------------------------------------------------------------------------
// Scanning
// ---------------------------------------------------------------------------

struct Scanner<'a> {
    tokens: &'a [Token],
    lang: Lang,
}

impl Scanner<'_> {
    fn norm(&self, i: usize) -> Option<&str> {
        self.tokens.get(i).map(|t| t.norm.as_str())
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.norm(i) == Some(word)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// Whether tokens `a` and `b` touch (no space between).
    fn adjacent(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        }
    }

    /// The end of `phrase` if it is written at `i`.
    fn phrase(&self, i: usize, phrase: &str) -> Option<usize> {
        // Cheap rejection first: the phrase must begin with the token at `i`.
        if !self
            .norm(i)
            .is_some_and(|n| !n.is_empty() && phrase.starts_with(n))
        {
            return None;
        }
        let mut end = i;
        for word in phrase_tokens(phrase) {
            if self.norm(end)? != word {
                return None;
            }
            end += 1;
        }
        Some(end)
    }

    /// The longest phrase of a table written at `i`, with its value.
    fn longest<T: Copy>(&self, i: usize, table: &Table<(&str, T)>) -> Option<(usize, T)> {
        table
            .starting_with(self.norm(i))
            .filter_map(|&(p, value)| self.phrase(i, p).map(|end| (end, value)))
            .fold(None, |best: Option<(usize, T)>, (end, value)| match best {
                Some((e, _)) if e >= end => best,
                _ => Some((end, value)),
            })
    }

    /// Every phrase of a list written at `i`, by end.
    fn all_ends<'s>(&'s self, i: usize, list: &'s Table<&str>) -> impl Iterator<Item = usize> + 's {
        list.starting_with(self.norm(i))
            .filter_map(move |p| self.phrase(i, p))
    }

    /// The expression starting at token `i`, the longest one if several.
    fn parse_at(&self, i: usize, prev: Option<&Found>) -> Option<Found> {
        let mut best = self.duration(i);
        for lead in self.leads(i) {
            for (end, core) in self.cores(&lead) {
                if best.is_some_and(|b| b.end >= end) {
                    continue;
                }
                if let Some(found) = self.accept(&lead, end, core, prev) {
                    best = Some(found);
                }
            }
        }
        best
    }

    /// Every way of reading cue, modifier and article words at `i`.
    fn leads(&self, i: usize) -> Vec<Lead> {
        // Each word is optional: first without it, then every way of reading it.
        let cues = std::iter::once((Cue::None, i)).chain(
            CUES.starting_with(self.norm(i))
                .filter_map(|&(p, cue)| self.phrase(i, p).map(|e| (cue, e))),
        );
        let mut leads = Vec::new();
        for (cue, after_cue) in cues {
            let modifiers = std::iter::once((false, after_cue))
                .chain(self.all_ends(after_cue, &MODIFIERS).map(|e| (true, e)));
            for (modifier, after_modifier) in modifiers {
                let articles = std::iter::once((false, after_modifier))
                    .chain(self.all_ends(after_modifier, &ARTICLES).map(|e| (true, e)));
                for (article, core_start) in articles {
                    leads.push(Lead {
                        at: i,
                        core_start,
                        cue,
                        after_cue,
                        modifier,
                        article,
                    });
                }
            }
        }
        leads
    }

    /// Every core readable after a lead, with its end.
    fn cores(&self, lead: &Lead) -> Vec<(usize, Core)> {
        let i = lead.core_start;
        let context = lead.cue != Cue::None || lead.modifier;
        let mut cores = Vec::new();
        cores.extend(self.weekday(i));
        cores.extend(self.explicit_date(i));
        cores.extend(self.month(i, context));
        cores.extend(self.year_at(i).map(|y| (i + 1, Core::Year(y))));
        cores.extend(self.season(i));
        cores.extend(self.relative(i));
        if lead.modifier {
            cores.extend(
                self.longest(i, &PERIODS)
                    .map(|(e, rel)| (e, Core::Relative(rel))),
            );
        }
        cores
    }

    /// Checks that the words before a core suit it, and builds the expression.
    fn accept(&self, lead: &Lead, end: usize, core: Core, prev: Option<&Found>) -> Option<Found> {
        let cue = lead.cue;
        let ok = match core {
            // A bare number is a count: a year needs a cue ("en 2020") or a modifier ("fin 2023");
            // a season names itself ("l'été 2022").
            Core::Year(_) if self.year_at(lead.core_start).is_none() => !lead.article,
            Core::Year(_) => {
                !lead.article
                    && (cue != Cue::None || lead.modifier)
                    && !(cue.is_weak() && !lead.modifier && self.looks_like_count(end))
            }
            Core::Month { .. } => !lead.article,
            // "de samedi à dimanche" is a night, not a range of days.
            // "de samedi à dimanche" is a night, not a range of days; "from Monday" is a start.
            Core::Weekday { .. } => match cue {
                Cue::RangeOpen(open) => open.kept_alone,
                Cue::Conj => false,
                _ => true,
            },
            Core::Date { .. } => true,
            Core::Relative(_) => !lead.article && matches!(cue, Cue::None | Cue::Lead { .. }),
            Core::Unresolved => false,
        };
        if !ok {
            return None;
        }

        let mut found = Found {
            start: lead.at,
            bare_start: lead.after_cue,
            end,
            core,
            anchor: TimeAnchor::At,
            range_open: None,
            range_closed: false,
            closes_range: false,
        };
        let prev_open = prev.and_then(|p| p.range_open.filter(|_| !p.range_closed));
        match cue {
            Cue::None => {}
            Cue::Lead { anchor, .. } => {
                found.anchor = anchor;
                found.closes_range = anchor == TimeAnchor::Until && prev_open.is_some();
            }
            Cue::RangeOpen(open) => {
                found.anchor = open.alone;
                found.range_open = Some(open);
            }
            Cue::RangeClose => {
                prev_open?;
                found.anchor = TimeAnchor::Until;
                found.closes_range = true;
            }
            Cue::Conj => {
                let p = prev?;
                if prev_open.is_some_and(|o| o.closed_by_and) {
                    found.anchor = TimeAnchor::Until;
                    found.closes_range = true;
                } else {
                    // "en 2020 et 2021": the second date is read like the first, without "et".
                    found.anchor = p.anchor;
                    found.start = lead.after_cue;
                }
            }
        }
        Some(found)
    }

    /// Whether the word after a year read with a weak cue makes it a count ("de 2000 soldats").
    fn looks_like_count(&self, next: usize) -> bool {
        match self.tokens.get(next) {
            // A capitalised word (a name, a new clause) is not the counted noun.
            Some(t) if t.kind == Kind::Word => {
                !t.capitalised && !AFTER_YEAR_OK.contains(&t.norm.as_str())
            }
            Some(t) => t.norm == "%",
            None => false,
        }
    }

    // -- cores --------------------------------------------------------------

    /// "samedi", "jeudi soir", "dimanche dernier", "last Friday", "lundi 28 octobre".
    fn weekday(&self, i: usize) -> Option<(usize, Core)> {
        let (prefix, j) = match self.longest(i, &ORDER_PREFIXES) {
            Some((e, order)) => (Some(order), e),
            None => (None, i),
        };
        let weekday = WEEKDAYS.exactly(self.norm(j)).next().map(|&(_, d)| d)?;
        let mut end = j + 1;
        if prefix.is_none() {
            // The weekday of an explicit date adds nothing: "lundi 28 octobre", "Monday, Oct. 28".
            let k = if self.is(end, ",") { end + 1 } else { end };
            if let Some(date) = self.explicit_date(k) {
                return Some(date);
            }
        }
        end = self.part_of_day(end).unwrap_or(end);
        let mut order = prefix.unwrap_or(Order::OnOrBefore);
        if prefix.is_none() {
            if let Some((e, o)) = self.longest(end, &ORDER_SUFFIXES) {
                order = o;
                end = e;
            }
        }
        Some((end, Core::Weekday { weekday, order }))
    }

    fn part_of_day(&self, i: usize) -> Option<usize> {
        self.all_ends(i, &PARTS_OF_DAY).max()
    }

    /// "28 octobre", "1er janvier 2024", "7-Octobre", "Aug. 24", "Sept. 1, 2022".
    fn explicit_date(&self, i: usize) -> Option<(usize, Core)> {
        self.day_first(i).or_else(|| self.month_first(i))
    }

    fn day_first(&self, i: usize) -> Option<(usize, Core)> {
        let (day, mut j) = self.day_number(i)?;
        if self.is(j, "-") && self.adjacent(j - 1, j) && self.adjacent(j, j + 1) {
            // "7-Octobre", the French name of the day.
            j += 1;
        } else if self.is(j, "of") {
            j += 1;
        }
        let (month, word, end) = self.month_name(j)?;
        let after = self.after_abbrev_dot(end, word);
        match self.year_at(after) {
            Some(year) => self.date(day, month, Some(year), after + 1),
            None => self.date(day, month, None, end),
        }
    }

    fn month_first(&self, i: usize) -> Option<(usize, Core)> {
        let (month, word, end) = self.month_name(i)?;
        let (day, k) = self.day_number(self.after_abbrev_dot(end, word))?;
        if self.is(k, ",") {
            if let Some(year) = self.year_at(k + 1) {
                return self.date(day, month, Some(year), k + 2);
            }
        }
        match self.year_at(k) {
            Some(year) => self.date(day, month, Some(year), k + 1),
            None => self.date(day, month, None, k),
        }
    }

    /// A checked date, with "dernier" after it when the year is left out.
    fn date(&self, day: u8, month: u8, year: Option<i32>, end: usize) -> Option<(usize, Core)> {
        // Without a year, check against a leap year so that "29 février" stays possible.
        PartialDate::day(year.unwrap_or(2000), month, day)?;
        let (end, order) = match (year, self.longest(end, &ORDER_SUFFIXES)) {
            (None, Some((e, o))) => (e, o),
            _ => (end, Order::OnOrBefore),
        };
        Some((
            end,
            Core::Date {
                day,
                month,
                year,
                order,
            },
        ))
    }

    /// A day of the month, with its ordinal suffix ("1er", "24th").
    fn day_number(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.tokens.get(i)?;
        if t.kind != Kind::Number || t.grouped || t.norm.len() > 2 {
            return None;
        }
        let day: u8 = t.norm.parse().ok()?;
        if !(1..=31).contains(&day) {
            return None;
        }
        let mut end = i + 1;
        let ordinal = ["er", "re", "e", "eme", "st", "nd", "rd", "th"];
        if self.adjacent(i, end) && self.norm(end).is_some_and(|n| ordinal.contains(&n)) {
            end += 1;
        }
        // "24h", "7e régiment": letters glued to the number make something else.
        if self.adjacent(end - 1, end) && self.kind(end) == Some(Kind::Word) {
            return None;
        }
        Some((day, end))
    }

    fn month_name(&self, i: usize) -> Option<(u8, MonthWord, usize)> {
        let norm = self.norm(i)?;
        MONTHS
            .exactly(Some(norm))
            .next()
            .map(|&(_, month, word)| (month, word, i + 1))
    }

    /// After an abbreviated month, its full stop if a number follows ("Aug. 24").
    fn after_abbrev_dot(&self, end: usize, word: MonthWord) -> usize {
        let dot = word == MonthWord::Abbrev && self.is(end, ".") && self.adjacent(end - 1, end);
        if dot && self.kind(end + 1) == Some(Kind::Number) {
            end + 1
        } else {
            end
        }
    }

    /// "juillet", "juillet 2023", "May last year", "last July", "juillet dernier".
    fn month(&self, i: usize, context: bool) -> Option<(usize, Core)> {
        let (prefix, j) = match self.longest(i, &ORDER_PREFIXES) {
            Some((e, order)) => (Some(order), e),
            None => (None, i),
        };
        let (month, word, end) = self.month_name(j)?;
        let after = self.after_abbrev_dot(end, word);
        if let Some(year) = self.year_at(after) {
            if prefix.is_none() {
                return Some((
                    after + 1,
                    Core::Month {
                        month,
                        year: YearRef::Given(year),
                    },
                ));
            }
        }
        if word == MonthWord::Abbrev {
            return None;
        }
        let suffix = if prefix.is_some() {
            None
        } else if let Some((e, k)) = self.longest(end, &YEAR_SUFFIXES) {
            Some((e, YearRef::Offset(i64::from(k))))
        } else {
            self.longest(end, &ORDER_SUFFIXES)
                .map(|(e, o)| (e, YearRef::Recent(o)))
        };
        let ambiguous = match word {
            MonthWord::Ambiguous => true,
            MonthWord::AmbiguousIn(lang) => lang == self.lang,
            _ => false,
        };
        if ambiguous && !context && prefix.is_none() && suffix.is_none() {
            return None;
        }
        let (end, year) =
            suffix.unwrap_or((end, YearRef::Recent(prefix.unwrap_or(Order::OnOrBefore))));
        Some((end, Core::Month { month, year }))
    }

    /// A four-digit year between 1900 and 2100, not glued to letters ("2020s").
    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.tokens.get(i)?;
        if t.kind != Kind::Number || t.grouped || t.norm.len() != 4 {
            return None;
        }
        let year: i32 = t.norm.parse().ok()?;
        let glued = self.adjacent(i, i + 1) && self.kind(i + 1) == Some(Kind::Word);
        ((1900..=2100).contains(&year) && !glued).then_some(year)
    }

    /// "l'été 2022", "the summer of 2022": the year is all that can be said.
    fn season(&self, i: usize) -> Option<(usize, Core)> {
        let mut j = i;
        if let Some(e) = self.phrase(j, "l'").or_else(|| self.phrase(j, "the")) {
            j = e;
        }
        SEASONS.exactly(self.norm(j)).next()?;
        j += 1;
        if self.is(j, "de") || self.is(j, "of") {
            j += 1;
        }
        self.year_at(j).map(|y| (j + 1, Core::Year(y)))
    }

    /// "hier", "hier soir", "last week", "le mois dernier", "l'an dernier".
    fn relative(&self, i: usize) -> Option<(usize, Core)> {
        let (mut end, rel) = self.longest(i, &RELATIVE)?;
        if matches!(rel, Rel::Day(_)) {
            end = self.part_of_day(end).unwrap_or(end);
        }
        Some((end, Core::Relative(rel)))
    }

    /// Durations: "depuis des mois", "for several days", "ces derniers jours" (unresolved,
    /// `Since`), and "il y a deux semaines", "three years ago" (resolved, `At`).
    fn duration(&self, i: usize) -> Option<Found> {
        let found = |end: usize, core: Core, anchor: TimeAnchor| Found {
            start: i,
            bare_start: i,
            end,
            core,
            anchor,
            range_open: None,
            range_closed: false,
            closes_range: false,
        };
        if let Some(j) = self.phrase(i, "il y a") {
            let q = self.quantity(j)?;
            return Some(found(q.end, q.ago(), TimeAnchor::At));
        }
        if let Some(q) = self.quantity(i) {
            if self.is(q.end, "ago") {
                return Some(found(q.end + 1, q.ago(), TimeAnchor::At));
            }
        }
        DURATION_LEADS
            .starting_with(self.norm(i))
            .filter_map(|&(lead, needs_recent)| {
                let q = self.quantity(self.phrase(i, lead)?)?;
                (!needs_recent || q.recent).then_some(q.end)
            })
            .max()
            .map(|end| found(end, Core::Unresolved, TimeAnchor::Since))
    }

    /// A quantity of time units: "des mois", "plusieurs jours", "two years", "the past few weeks".
    fn quantity(&self, i: usize) -> Option<Quantity> {
        let mut count: Option<i64> = None;
        let mut vague = false;
        let mut recent = false;
        for j in i..i + 5 {
            let t = self.tokens.get(j)?;
            // A unit ends the quantity, but a lone singular one is no duration ("depuis an"),
            // and "an" may be the article of "an hour".
            let norm = Some(t.norm.as_str());
            let unit = UNITS.exactly(norm).next().map(|&(_, u)| u);
            if let Some(unit) = unit.filter(|_| j > i || t.norm.ends_with('s')) {
                let count = if vague { None } else { count };
                return Some(Quantity {
                    end: j + 1,
                    unit,
                    count,
                    recent,
                });
            }
            let number = match t.kind {
                Kind::Number if !t.grouped && t.norm.len() <= 4 => t.norm.parse().ok(),
                _ => NUMBER_WORDS.exactly(norm).next().map(|&(_, n)| n),
            };
            if let Some(n) = number {
                vague |= count.is_some();
                count = Some(n);
            } else if VAGUE_QUANTITIES.exactly(norm).next().is_some() {
                vague = true;
                recent |= RECENT.exactly(norm).next().is_some();
            } else {
                return None;
            }
        }
        None
    }
}

/// A number of time units, as read by [`Scanner::quantity`].
#[derive(Debug, Clone, Copy)]
struct Quantity {
    end: usize,
    unit: Unit,
    /// The number of units, when exactly one number was given.
    count: Option<i64>,
    /// Whether a word like "derniers" or "recent" was seen.
    recent: bool,
}

impl Quantity {
    /// The core of "il y a <quantity>" / "<quantity> ago".
    fn ago(self) -> Core {
        let Some(n) = self.count else {
            return Core::Unresolved;
        };
        match self.unit {
            Unit::Hour => Core::Relative(Rel::Day(0)),
            Unit::Day => Core::Relative(Rel::Day(-n)),
            Unit::Week => Core::Relative(Rel::Week(-n)),
            Unit::Month => Core::Relative(Rel::Month(-n)),
            Unit::Year => Core::Relative(Rel::Year(-n)),
            Unit::Decade => Core::Relative(Rel::Year(-10 * n)),
            Unit::Vague => Core::Unresolved,
        }
    }
}

// ---------------------------------------------------------------------------
// Resolution
// ---------------------------------------------------------------------------

/// The date a core denotes, given the article date, at the precision both allow.
fn resolve(core: Core, article: Option<PartialDate>) -> Option<PartialDate> {
    match core {
        Core::Year(year) => Some(PartialDate::year(year)),
        Core::Month {
            month,
            year: YearRef::Given(year),
        } => PartialDate::month(year, month),
        Core::Month { month, year } => {
            let a = article?;
            let year = match (year, a.month) {
                (YearRef::Offset(k), _) => i32::try_from(i64::from(a.year) + k).ok()?,
                (YearRef::Recent(order), Some(am)) => year_of(order, (month, 0), (am, 0), a.year),
                _ => a.year,
            };
            PartialDate::month(year, month)
        }
        Core::Date {
            day,
            month,
            year: Some(year),
            ..
        } => PartialDate::day(year, month, day),
        Core::Date {
            day,
            month,
            year: None,
            order,
        } => {
            let a = article?;
            let year = match a.month {
                Some(am) => year_of(order, (month, day), (am, a.day.unwrap_or(day)), a.year),
                None => a.year,
            };
            // 29 February of a year without one: the month is still right.
            PartialDate::day(year, month, day).or_else(|| PartialDate::month(year, month))
        }
        Core::Weekday { weekday, order } => resolve_weekday(weekday, order, article?),
        Core::Relative(rel) => resolve_relative(rel, article?),
        Core::Unresolved => None,
    }
}

/// The year that puts (month, day) in the given order relative to the article's (month, day).
fn year_of(order: Order, date: (u8, u8), article: (u8, u8), article_year: i32) -> i32 {
    match order {
        Order::OnOrBefore if date <= article => article_year,
        Order::Before if date < article => article_year,
        Order::After if date > article => article_year,
        Order::After => article_year + 1,
        _ => article_year - 1,
    }
}

/// A weekday: a day when the article has one, else only what the article date says.
fn resolve_weekday(weekday: u8, order: Order, article: PartialDate) -> Option<PartialDate> {
    let Some(today) = article.weekday() else {
        // No day to count from: the article's month (or year) is all that is known.
        return Some(article);
    };
    let today = i64::from(today);
    let target = i64::from(weekday);
    let shift = match order {
        Order::OnOrBefore => -(today - target).rem_euclid(7),
        Order::Before => -((today - target - 1).rem_euclid(7) + 1),
        Order::After => (target - today - 1).rem_euclid(7) + 1,
    };
    Some(PartialDate::from_day_number(
        article.first_day_number() + shift,
    ))
}

fn resolve_relative(rel: Rel, article: PartialDate) -> Option<PartialDate> {
    let has_day = article.day.is_some();
    match rel {
        Rel::Day(k) if has_day => {
            Some(PartialDate::from_day_number(article.first_day_number() + k))
        }
        // Without a day, "hier" is somewhere in the article's month (or year).
        Rel::Day(_) => Some(article),
        // A week straddles months: give the month of the day it points to.
        Rel::Week(k) if has_day => Some(month_of(PartialDate::from_day_number(
            article.first_day_number() + 7 * k,
        ))),
        Rel::Week(_) => Some(article),
        Rel::Weekend(order) => resolve_weekday(5, order, article).map(month_of),
        Rel::Month(k) => match article.month {
            Some(month) => {
                let index = i64::from(article.year) * 12 + i64::from(month) - 1 + k;
                let year = i32::try_from(index.div_euclid(12)).ok()?;
                PartialDate::month(year, u8::try_from(index.rem_euclid(12) + 1).ok()?)
            }
            // "ce mois-ci" in an article dated to the year is in that year; "le mois dernier"
            // may not be.
            None => (k == 0).then_some(article),
        },
        Rel::Year(k) => Some(PartialDate::year(
            i32::try_from(i64::from(article.year) + k).ok()?,
        )),
    }
}

/// A date cut to its month (a year-precision date is left as is).
fn month_of(date: PartialDate) -> PartialDate {
    PartialDate { day: None, ..date }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, anchor, date) of each expression found in `sentence`; `date` "" means none.
    fn find(sentence: &str, lang: Lang, date: &str) -> Vec<(String, TimeAnchor, Option<String>)> {
        let article = (!date.is_empty()).then(|| date.parse::<PartialDate>().expect("test date"));
        find_time_expressions(sentence, 0, lang, article)
            .into_iter()
            .map(|e| (e.text, e.anchor, e.date.map(|d| d.to_string())))
            .collect()
    }

    /// The single expression of `sentence`, as (text, date).
    fn one(sentence: &str, lang: Lang, date: &str) -> (String, Option<String>) {
        let found = find(sentence, lang, date);
        assert_eq!(found.len(), 1, "{sentence:?} gave {found:?}");
        let (text, _, date) = found.into_iter().next().expect("one expression");
        (text, date)
    }

    fn at(text: &str, date: &str) -> (String, Option<String>) {
        (text.to_owned(), (!date.is_empty()).then(|| date.to_owned()))
    }

    fn anchored(
        text: &str,
        anchor: TimeAnchor,
        date: &str,
    ) -> (String, TimeAnchor, Option<String>) {
        (
            text.to_owned(),
            anchor,
            (!date.is_empty()).then(|| date.to_owned()),
        )
    }

    use Lang::{En, Fr};
    use TimeAnchor::{At, Since, Until};

    // -- weekdays ------------------------------------------------------------

    #[test]
    fn weekday_with_month_precision_article_gives_the_month() {
        assert_eq!(
            one("Les tirs ont repris samedi au nord.", Fr, "2024-07"),
            at("samedi", "2024-07")
        );
        assert_eq!(
            one("Shelling resumed on Saturday.", En, "2024-07"),
            at("on Saturday", "2024-07")
        );
    }

    #[test]
    fn weekday_with_year_precision_or_no_article_date() {
        assert_eq!(
            one("Le convoi est parti jeudi.", Fr, "2024"),
            at("jeudi", "2024")
        );
        assert_eq!(one("Le convoi est parti jeudi.", Fr, ""), at("jeudi", ""));
    }

    #[test]
    fn english_weekdays_resolve_on_or_before_the_article_day() {
        // 2025-01-27 is a Monday.
        let date = "2025-01-27";
        assert_eq!(
            one("Militants raided a post early on Monday.", En, date),
            at("early on Monday", "2025-01-27")
        );
        assert_eq!(
            one("Late Sunday night, drones hit a depot.", En, date),
            at("Late Sunday night", "2025-01-26")
        );
        assert_eq!(
            one("Talks ended Monday morning.", En, date),
            at("Monday morning", "2025-01-27")
        );
        assert_eq!(
            one("The bridge fell last Friday.", En, date),
            at("last Friday", "2025-01-24")
        );
        assert_eq!(
            one("The bridge fell Tuesday.", En, date),
            at("Tuesday", "2025-01-21")
        );
        // 2023-09-17 is a Sunday.
        assert_eq!(
            one("Gunmen stormed a village on Saturday.", En, "2023-09-17"),
            at("on Saturday", "2023-09-16")
        );
    }

    #[test]
    fn french_weekdays_and_dernier() {
        // 2025-01-07 is a Tuesday: the same day counts, "dernier" is strictly before.
        let date = "2025-01-07";
        assert_eq!(
            one("Des explosions ont retenti mardi soir.", Fr, date),
            at("mardi soir", "2025-01-07")
        );
        assert_eq!(
            one("Il est arrivé mardi matin.", Fr, date),
            at("mardi matin", "2025-01-07")
        );
        assert_eq!(
            one("Le camp a été visé mardi dernier.", Fr, date),
            at("mardi dernier", "2024-12-31")
        );
        assert_eq!(
            one("Le camp a été visé dimanche dernier.", Fr, date),
            at("dimanche dernier", "2025-01-05")
        );
        assert_eq!(
            one("Le blocus a été levé ce samedi.", Fr, date),
            at("ce samedi", "2025-01-04")
        );
        assert_eq!(
            one("Jeudi soir, la ville était calme.", Fr, date),
            at("Jeudi soir", "2025-01-02")
        );
    }

    #[test]
    fn weekday_followed_by_a_date_takes_the_date() {
        assert_eq!(
            one(
                "Le sommet s'est ouvert lundi 28 octobre en Russie.",
                Fr,
                "2024-10-28"
            ),
            at("lundi 28 octobre", "2024-10-28")
        );
        assert_eq!(
            one(
                "It opened on Monday, Oct. 28, in the capital.",
                En,
                "2024-11-02"
            ),
            at("on Monday, Oct. 28", "2024-10-28")
        );
    }

    // -- explicit dates ------------------------------------------------------

    #[test]
    fn day_and_month_take_the_most_recent_year() {
        assert_eq!(
            one("The convoy was hit on Aug. 24.", En, "2022-09-01"),
            at("on Aug. 24", "2022-08-24")
        );
        assert_eq!(
            one("The convoy was hit August 24.", En, "2023-08-01"),
            at("August 24", "2022-08-24")
        );
        assert_eq!(
            one("La trêve date du 28 octobre.", Fr, "2024-10-27"),
            at("28 octobre", "2023-10-28")
        );
        assert_eq!(
            one("La trêve date du 28 octobre.", Fr, "2024-10-28"),
            at("28 octobre", "2024-10-28")
        );
        // With a month-precision article, the month alone decides.
        assert_eq!(
            one("La trêve date du 28 octobre.", Fr, "2024-10"),
            at("28 octobre", "2024-10-28")
        );
        assert_eq!(
            one("La trêve date du 28 octobre.", Fr, ""),
            at("28 octobre", "")
        );
    }

    #[test]
    fn dates_with_a_year() {
        assert_eq!(
            one(
                "Tout a changé le 7 octobre 2023 au matin.",
                Fr,
                "2025-01-01"
            ),
            at("le 7 octobre 2023", "2023-10-07")
        );
        assert_eq!(
            one("The accord of 24 August 2022 failed.", En, ""),
            at("24 August 2022", "2022-08-24")
        );
        assert_eq!(
            one("Fighting began Sept. 1, 2022, near the river.", En, ""),
            at("Sept. 1, 2022", "2022-09-01")
        );
        assert_eq!(
            one("La loi entre en vigueur le 1er janvier 2024.", Fr, ""),
            at("le 1er janvier 2024", "2024-01-01")
        );
        assert_eq!(
            one("It was signed on March 3rd 2021.", En, ""),
            at("on March 3rd 2021", "2021-03-03")
        );
    }

    #[test]
    fn sept_octobre_names_the_most_recent_7_october() {
        assert_eq!(
            one(
                "Depuis le 7-Octobre, la région est en guerre.",
                Fr,
                "2024-03-01"
            ),
            at("Depuis le 7-Octobre", "2023-10-07")
        );
        assert_eq!(
            find("Depuis le 7-Octobre, tout a changé.", Fr, "2024-10-07")[0].1,
            Since
        );
        assert_eq!(
            one("Les attaques du 7-Octobre.", Fr, "2024-10-06"),
            at("7-Octobre", "2023-10-07")
        );
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert!(find("Le 31 février, rien.", Fr, "2024-03-01")
            .iter()
            .all(|(t, _, _)| t != "31 février"));
        assert_eq!(
            one("Né le 29 février.", Fr, "2024-03-01"),
            at("le 29 février", "2024-02-29")
        );
        assert_eq!(
            one("Né le 29 février.", Fr, "2023-03-01"),
            at("le 29 février", "2023-02")
        );
    }

    // -- months --------------------------------------------------------------

    #[test]
    fn months_without_a_year_take_the_most_recent() {
        assert_eq!(
            one("Les troupes sont arrivées en juillet.", Fr, "2024-03-10"),
            at("en juillet", "2023-07")
        );
        assert_eq!(
            one("The troops arrived in July.", En, "2024-08-02"),
            at("in July", "2024-07")
        );
        assert_eq!(
            one("The troops arrived in July.", En, "2024-07"),
            at("in July", "2024-07")
        );
        assert_eq!(
            one("The troops arrived in July.", En, "2024"),
            at("in July", "2024-07")
        );
        assert_eq!(
            one(
                "Ils ont quitté la ville en juillet dernier.",
                Fr,
                "2024-07-20"
            ),
            at("en juillet dernier", "2023-07")
        );
        assert_eq!(
            one("Les renforts sont attendus en mars.", Fr, "2024-04-01"),
            at("en mars", "2024-03")
        );
    }

    #[test]
    fn months_with_a_year_and_anchors() {
        assert_eq!(
            one("Le siège a commencé en juillet 2023.", Fr, ""),
            at("en juillet 2023", "2023-07")
        );
        assert_eq!(
            one("Le siège a commencé juillet 2023.", Fr, ""),
            at("juillet 2023", "2023-07")
        );
        assert_eq!(
            one("The siege began July 2023.", En, ""),
            at("July 2023", "2023-07")
        );
        assert_eq!(
            one("It was taken in November 2020 by rebels.", En, ""),
            at("in November 2020", "2020-11")
        );
        assert_eq!(
            find("Prices rose since November.", En, "2024-02-10"),
            vec![anchored("since November", Since, "2023-11")]
        );
        assert_eq!(
            find("Le port est fermé depuis novembre.", Fr, "2024-12-01"),
            vec![anchored("depuis novembre", Since, "2024-11")]
        );
        assert_eq!(
            find("Les accords valent jusqu'à mars 2025.", Fr, ""),
            vec![anchored("jusqu'à mars 2025", Until, "2025-03")]
        );
    }

    #[test]
    fn month_of_last_year() {
        assert_eq!(
            one("The talks collapsed in May last year.", En, "2023-09-17"),
            at("in May last year", "2022-05")
        );
        assert_eq!(
            one(
                "Les pourparlers ont échoué en mai de l'année dernière.",
                Fr,
                "2023-09-17"
            ),
            at("en mai de l'année dernière", "2022-05")
        );
        assert_eq!(
            one("Le barrage a cédé en août l'an dernier.", Fr, "2023-01"),
            at("en août l'an dernier", "2022-08")
        );
    }

    #[test]
    fn ambiguous_english_months_need_context() {
        assert!(find("The troops may withdraw soon.", En, "2024-05-01").is_empty());
        assert!(find("May God protect them, she said.", En, "2024-05-01").is_empty());
        assert!(find("They march on the capital.", En, "2024-05-01").is_empty());
        assert!(find("Probes to Mars cost billions.", En, "2024-05-01").is_empty());
        assert_eq!(
            one("The vote is due in May.", En, "2024-06-01"),
            at("in May", "2024-05")
        );
        assert_eq!(
            one("Since May, prices doubled.", En, "2024-06-01"),
            at("Since May", "2024-05")
        );
        assert_eq!(
            one("It fell last May.", En, "2024-06-01"),
            at("last May", "2024-05")
        );
        assert_eq!(
            one("It fell last May.", En, "2024-05-20"),
            at("last May", "2023-05")
        );
        assert_eq!(
            one("Elections in mid-May were cancelled.", En, "2024-06-01"),
            at("in mid-May", "2024-05")
        );
        assert_eq!(one("May 2020 was calm.", En, ""), at("May 2020", "2020-05"));
        assert_eq!(
            one("Fighting on May 3 killed dozens.", En, "2024-06-01"),
            at("on May 3", "2024-05-03")
        );
    }

    #[test]
    fn month_names_are_accent_insensitive() {
        assert_eq!(
            one("Rien depuis fevrier 2022.", Fr, ""),
            at("depuis fevrier 2022", "2022-02")
        );
        assert_eq!(
            one("Rien depuis février 2022.", Fr, ""),
            at("depuis février 2022", "2022-02")
        );
        assert_eq!(
            one("Rien en aout 2021.", Fr, ""),
            at("en aout 2021", "2021-08")
        );
        assert_eq!(
            one("Rien en AOÛT 2021.", Fr, ""),
            at("en AOÛT 2021", "2021-08")
        );
        // A decomposed "é" (e + combining acute) folds the same way.
        assert_eq!(
            one("Rien depuis fe\u{301}vrier 2022.", Fr, ""),
            at("depuis fe\u{301}vrier 2022", "2022-02")
        );
    }

    #[test]
    fn parts_of_a_month() {
        assert_eq!(
            one("Les pluies ont cessé fin juillet.", Fr, "2024-09-01"),
            at("fin juillet", "2024-07")
        );
        assert_eq!(
            one("Les pluies ont cessé mi-juillet.", Fr, "2024-09-01"),
            at("mi-juillet", "2024-07")
        );
        assert_eq!(
            one("The rains stopped in early July 2021.", En, ""),
            at("in early July 2021", "2021-07")
        );
    }

    // -- years ---------------------------------------------------------------

    #[test]
    fn years_with_a_cue() {
        assert_eq!(
            find("Le groupe est apparu en 2020.", Fr, ""),
            vec![anchored("en 2020", At, "2020")]
        );
        assert_eq!(
            find("The group appeared in 2017.", En, ""),
            vec![anchored("in 2017", At, "2017")]
        );
        assert_eq!(
            find("L'armée tient la ville depuis 2020.", Fr, ""),
            vec![anchored("depuis 2020", Since, "2020")]
        );
        assert_eq!(
            find("The army has held it since 2012.", En, ""),
            vec![anchored("since 2012", Since, "2012")]
        );
        assert_eq!(
            find("La base restera ouverte jusqu'en 2022.", Fr, ""),
            vec![anchored("jusqu'en 2022", Until, "2022")]
        );
        assert_eq!(
            find("La base restera ouverte jusqu’en 2022.", Fr, ""),
            vec![anchored("jusqu’en 2022", Until, "2022")]
        );
        assert_eq!(
            find("The base stays open until 2022.", En, ""),
            vec![anchored("until 2022", Until, "2022")]
        );
        assert_eq!(
            find("Le retrait doit être achevé d'ici 2026.", Fr, ""),
            vec![anchored("d'ici 2026", Until, "2026")]
        );
        assert_eq!(
            find("Troops are to leave by 2026, he said.", En, ""),
            vec![anchored("by 2026", Until, "2026")]
        );
        assert_eq!(
            find("Elle a été fondée l'année 2015.", Fr, ""),
            vec![anchored("l'année 2015", At, "2015")]
        );
    }

    #[test]
    fn parts_of_a_year_keep_year_precision() {
        assert_eq!(
            one("La milice est née fin 2023.", Fr, "2024-07"),
            at("fin 2023", "2023")
        );
        assert_eq!(
            one("Le retrait aura lieu début 2024.", Fr, ""),
            at("début 2024", "2024")
        );
        assert_eq!(
            one("Le front a bougé mi-2023.", Fr, ""),
            at("mi-2023", "2023")
        );
        assert_eq!(
            one("The front moved in late 2023.", En, ""),
            at("in late 2023", "2023")
        );
        assert_eq!(
            one("The front moved early 2024.", En, ""),
            at("early 2024", "2024")
        );
        assert_eq!(
            one("The front moved in mid-2022.", En, ""),
            at("in mid-2022", "2022")
        );
        assert_eq!(
            find("Il est en poste depuis fin 2021.", Fr, ""),
            vec![anchored("depuis fin 2021", Since, "2021")]
        );
        assert_eq!(
            one("Il faut attendre l'été 2022.", Fr, ""),
            at("l'été 2022", "2022")
        );
        assert_eq!(
            one("It happened in the summer of 2022.", En, ""),
            at("in the summer of 2022", "2022")
        );
    }

    #[test]
    fn year_ranges_and_lists() {
        assert_eq!(
            find("Il a dirigé le pays de 2012 à 2022.", Fr, ""),
            vec![
                anchored("de 2012", Since, "2012"),
                anchored("à 2022", Until, "2022")
            ]
        );
        assert_eq!(
            find("He led the country from 2012 to 2022.", En, ""),
            vec![
                anchored("from 2012", Since, "2012"),
                anchored("to 2022", Until, "2022")
            ]
        );
        assert_eq!(
            find("Il a dirigé le pays entre 2012 et 2022.", Fr, ""),
            vec![
                anchored("entre 2012", Since, "2012"),
                anchored("et 2022", Until, "2022")
            ]
        );
        assert_eq!(
            find("Des élections ont eu lieu en 2020 et 2021.", Fr, ""),
            vec![
                anchored("en 2020", At, "2020"),
                anchored("2021", At, "2021")
            ]
        );
        assert_eq!(
            find("Elections were held in 2017, 2018 and 2019.", En, ""),
            vec![
                anchored("in 2017", At, "2017"),
                anchored("2018", At, "2018"),
                anchored("2019", At, "2019")
            ]
        );
        assert_eq!(
            find("La guerre de 2006 a laissé des traces.", Fr, ""),
            vec![anchored("2006", At, "2006")]
        );
        assert_eq!(
            find("De janvier à mars, les combats ont duré.", Fr, "2024-05-01"),
            vec![
                anchored("De janvier", Since, "2024-01"),
                anchored("à mars", Until, "2024-03")
            ]
        );
    }

    #[test]
    fn counts_are_not_years() {
        for sentence in [
            "Plus de 2000 soldats ont été déployés.",
            "2000 soldats ont été déployés.",
            "Le bilan s'élève à 45.885 morts.",
            "Le bilan atteint 1.208 victimes en 2.000 jours.",
            "Quelque 45 885 personnes ont fui.",
            "The toll rose by 2000 people.",
            "Some 1,208 people fled in 2,000 trucks.",
            "The 2020s were violent.",
            "Ils étaient 1950 à 2000 manifestants.",
        ] {
            assert!(
                find(sentence, Fr, "2024-07-01").is_empty(),
                "{sentence}: {:?}",
                find(sentence, Fr, "2024-07-01")
            );
        }
    }

    // -- relative expressions ------------------------------------------------

    #[test]
    fn relative_days() {
        let date = "2024-03-15";
        assert_eq!(
            one("L'attaque a eu lieu hier.", Fr, date),
            at("hier", "2024-03-14")
        );
        assert_eq!(
            one("L'attaque a eu lieu hier soir.", Fr, date),
            at("hier soir", "2024-03-14")
        );
        assert_eq!(
            one("L'attaque a eu lieu avant-hier.", Fr, date),
            at("avant-hier", "2024-03-13")
        );
        assert_eq!(
            one("Aujourd'hui, le calme est revenu.", Fr, date),
            at("Aujourd'hui", "2024-03-15")
        );
        assert_eq!(
            one("Aujourd’hui, le calme est revenu.", Fr, date),
            at("Aujourd’hui", "2024-03-15")
        );
        assert_eq!(
            one("Cette nuit, des tirs ont éclaté.", Fr, date),
            at("Cette nuit", "2024-03-15")
        );
        assert_eq!(
            one("The attack came yesterday.", En, date),
            at("yesterday", "2024-03-14")
        );
        assert_eq!(
            one("The attack came today.", En, date),
            at("today", "2024-03-15")
        );
        assert_eq!(
            one("The attack came yesterday.", En, "2024-03-01"),
            at("yesterday", "2024-02-29")
        );
        // Without a day, "hier" is in the article's month.
        assert_eq!(
            one("L'attaque a eu lieu hier.", Fr, "2024-03"),
            at("hier", "2024-03")
        );
        assert_eq!(one("L'attaque a eu lieu hier.", Fr, ""), at("hier", ""));
    }

    #[test]
    fn relative_weeks_months_years() {
        assert_eq!(
            one("Ils ont fui la semaine dernière.", Fr, "2024-03-05"),
            at("la semaine dernière", "2024-02")
        );
        assert_eq!(
            one("They fled last week.", En, "2024-03-20"),
            at("last week", "2024-03")
        );
        assert_eq!(
            one("They fled last week.", En, "2024-03"),
            at("last week", "2024-03")
        );
        assert_eq!(
            one("Ils fuient cette semaine.", Fr, "2024-03-20"),
            at("cette semaine", "2024-03")
        );
        assert_eq!(
            one("They flee this week.", En, "2024-03-20"),
            at("this week", "2024-03")
        );
        assert_eq!(
            one(
                "Le cessez-le-feu a été rompu le mois dernier.",
                Fr,
                "2023-11"
            ),
            at("le mois dernier", "2023-10")
        );
        assert_eq!(
            one("The truce broke down last month.", En, "2024-01-10"),
            at("last month", "2023-12")
        );
        assert_eq!(
            one("La trêve tient ce mois-ci.", Fr, "2024-01-10"),
            at("ce mois-ci", "2024-01")
        );
        assert_eq!(
            one("Rien cette année.", Fr, "2024-01-10"),
            at("cette année", "2024")
        );
        assert_eq!(
            one("Nothing this year.", En, "2024"),
            at("this year", "2024")
        );
        assert_eq!(
            one("Rien l'an dernier.", Fr, "2024-01-10"),
            at("l'an dernier", "2023")
        );
        assert_eq!(
            one("Rien l'année dernière.", Fr, "2024"),
            at("l'année dernière", "2023")
        );
        assert_eq!(
            one("Nothing last year.", En, "2024-05"),
            at("last year", "2023")
        );
        assert_eq!(
            find("Il gouverne depuis l'an dernier.", Fr, "2024-05"),
            vec![anchored("depuis l'an dernier", Since, "2023")]
        );
        // "le mois dernier" needs the article's month.
        assert_eq!(
            one("Rien le mois dernier.", Fr, "2024"),
            at("le mois dernier", "")
        );
    }

    #[test]
    fn ago_phrases_resolve() {
        assert_eq!(
            one(
                "Le village a été pris il y a deux semaines.",
                Fr,
                "2024-03-10"
            ),
            at("il y a deux semaines", "2024-02")
        );
        assert_eq!(
            one("The village fell three years ago.", En, "2024-03-10"),
            at("three years ago", "2021")
        );
        assert_eq!(
            one("The village fell 10 days ago.", En, "2024-03-10"),
            at("10 days ago", "2024-02-29")
        );
    }

    #[test]
    fn parts_of_the_current_period() {
        let date = "2024-03-15";
        assert_eq!(
            find("Le prix a doublé depuis le début de l'année.", Fr, date),
            vec![anchored("depuis le début de l'année", Since, "2024")]
        );
        assert_eq!(
            find("The base will close by the end of the year.", En, date),
            vec![anchored("by the end of the year", Until, "2024")]
        );
        assert_eq!(
            one("Ils sont partis fin de l'année dernière.", Fr, date),
            at("fin de l'année dernière", "2023")
        );
        assert_eq!(
            one("They met earlier this week.", En, date),
            at("earlier this week", "2024-03")
        );
        // Without a modifier, "l'année" is not this year.
        assert!(find("L'année a été rude.", Fr, date).is_empty());
    }

    #[test]
    fn weekday_ranges_and_nights() {
        let date = "2024-03-15"; // a Friday
        assert_eq!(
            find("Dans la nuit de samedi à dimanche, des tirs.", Fr, date),
            vec![
                anchored("samedi", At, "2024-03-09"),
                anchored("dimanche", At, "2024-03-10")
            ]
        );
        assert_eq!(
            find("Shops shut from Monday to Wednesday.", En, date),
            vec![
                anchored("from Monday", Since, "2024-03-11"),
                anchored("to Wednesday", Until, "2024-03-13")
            ]
        );
        assert_eq!(
            find("Talks resume until Thursday.", En, date),
            vec![anchored("until Thursday", Until, "2024-03-14")]
        );
        assert_eq!(
            one("Le vote aura lieu samedi prochain.", Fr, date),
            at("samedi prochain", "2024-03-16")
        );
        assert_eq!(
            one("The vote is next Friday.", En, date),
            at("next Friday", "2024-03-22")
        );
        assert_eq!(
            one("Monday's strike killed four.", En, date),
            at("Monday", "2024-03-11")
        );
    }

    #[test]
    fn more_ago_phrases() {
        assert_eq!(
            one("The village fell an hour ago.", En, "2024-03-10"),
            at("an hour ago", "2024-03-10")
        );
        assert_eq!(
            one("Le village est tombé il y a un an.", Fr, "2024-03-10"),
            at("il y a un an", "2023")
        );
        assert_eq!(
            find(
                "Le village est tombé il y a plusieurs mois.",
                Fr,
                "2024-03-10"
            ),
            vec![anchored("il y a plusieurs mois", At, "")]
        );
        assert!(find("Il y a deux soldats blessés.", Fr, "2024-03-10").is_empty());
    }

    #[test]
    fn more_vague_durations() {
        let date = "2024-01-01";
        assert_eq!(
            find("They have marched for an hour.", En, date),
            vec![anchored("for an hour", Since, "")]
        );
        assert_eq!(
            find("Le front bouge au cours des derniers mois.", Fr, date),
            vec![anchored("au cours des derniers mois", Since, "")]
        );
        assert_eq!(
            find("Ils marchent depuis de longues semaines.", Fr, date),
            vec![anchored("depuis de longues semaines", Since, "")]
        );
    }

    // -- vague durations -----------------------------------------------------

    #[test]
    fn vague_durations_are_since_without_a_date() {
        assert_eq!(
            find(
                "Une mobilisation d'une ampleur inédite depuis des mois.",
                Fr,
                "2024-01-01"
            ),
            vec![anchored("depuis des mois", Since, "")]
        );
        assert_eq!(
            find("Ils marchent depuis plusieurs jours.", Fr, "2024-01-01"),
            vec![anchored("depuis plusieurs jours", Since, "")]
        );
        assert_eq!(
            find("Ils marchent depuis trois ans.", Fr, "2024-01-01"),
            vec![anchored("depuis trois ans", Since, "")]
        );
        assert_eq!(
            find("They have marched for several days.", En, "2024-01-01"),
            vec![anchored("for several days", Since, "")]
        );
        assert_eq!(
            find("They have marched for months.", En, "2024-01-01"),
            vec![anchored("for months", Since, "")]
        );
        assert_eq!(
            find(
                "Les tirs ont redoublé ces derniers jours.",
                Fr,
                "2024-01-01"
            ),
            vec![anchored("ces derniers jours", Since, "")]
        );
        assert_eq!(
            find("Fire intensified in recent weeks.", En, "2024-01-01"),
            vec![anchored("in recent weeks", Since, "")]
        );
        assert!(find("Ils ont marché pendant la nuit blanche.", Fr, "").is_empty());
        assert!(find("He served for the first time.", En, "").is_empty());
    }

    // -- spans, boundaries, robustness -------------------------------------

    #[test]
    fn spans_are_character_offsets_in_the_body() {
        let sentence = "Dès février, l'armée a reculé ; jeudi, elle a contre-attaqué.";
        let found = find_time_expressions(sentence, 100, Fr, "2024-03-15".parse().ok());
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].text, "Dès février");
        assert_eq!(found[0].anchor, Since);
        assert_eq!(
            found[0].span,
            Span {
                start: 100,
                end: 111
            }
        );
        let jeudi = sentence
            .chars()
            .collect::<Vec<_>>()
            .windows(5)
            .position(|w| w.iter().collect::<String>() == "jeudi");
        assert_eq!(jeudi, Some(32));
        assert_eq!(
            found[1].span,
            Span {
                start: 132,
                end: 137
            }
        );
        assert_eq!(found[1].date, "2024-03-14".parse().ok());
        // The text is the exact slice of the sentence at those character offsets.
        let chars: Vec<char> = sentence.chars().collect();
        for e in &found {
            let slice: String = chars[e.span.start - 100..e.span.end - 100].iter().collect();
            assert_eq!(slice, e.text);
        }
    }

    #[test]
    fn words_must_match_whole() {
        for sentence in [
            "Thierry a parlé.",
            "Les mardis sont calmes.",
            "Mayotte est loin.",
            "Un enfant est né.",
            "Sundays are quiet.",
        ] {
            assert!(find(sentence, Fr, "2024-03-15").is_empty(), "{sentence}");
        }
    }

    #[test]
    fn results_are_ordered_and_disjoint() {
        let found = find_time_expressions(
            "Hier, après des combats depuis le 7 octobre 2023 et jusqu'en 2024, le front a bougé samedi.",
            0,
            Fr,
            "2024-03-15".parse().ok(),
        );
        let texts: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Hier",
                "depuis le 7 octobre 2023",
                "jusqu'en 2024",
                "samedi"
            ]
        );
        assert!(found.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = "’'-‑ 2020- -2020 fin mi- 1er 31 32 0 janv. Aug. , et à de 7-Octobre 🙂 é\u{301} İ ß 99999999999999999999 il y a 99999 ans";
        let chars: Vec<char> = odd.chars().collect();
        // Every prefix and every suffix, so that each construction is cut at each point.
        let pieces = (0..=chars.len()).flat_map(|n| [&chars[..n], &chars[n..]]);
        for piece in pieces {
            let text: String = piece.iter().collect();
            for date in [
                None,
                "2024".parse().ok(),
                "2024-02".parse().ok(),
                "2024-02-29".parse().ok(),
            ] {
                for e in find_time_expressions(&text, 7, Fr, date) {
                    assert!(e.span.start < e.span.end && e.span.end <= piece.len() + 7);
                }
            }
        }
        assert!(find_time_expressions("", 0, En, None).is_empty());
    }
}
