//! The vocabulary of time expressions: month and weekday names, cues, modifiers,
//! units and numbers, normalised (lower case, no accents; apostrophes and hyphens are
//! their own tokens, so "jusqu'en" is "jusqu" "'" "en").

use super::*;

/// How safely a month word can be taken for a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MonthWord {
    /// Always a month ("juillet", "November").
    Full,
    /// An abbreviation ("Aug.", "janv."): only before a day or a year.
    Abbrev,
    /// Also an ordinary word ("may", "march"): only with a cue, a day or a year.
    Ambiguous,
    /// Ambiguous in that language only ("Mars" the planet in English).
    AmbiguousIn(Lang),
}

pub(super) static MONTHS: Table<(&str, u8, MonthWord)> = Table::new(&[
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
pub(super) static WEEKDAYS: Table<(&str, u8)> = Table::new(&[
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
pub(super) static PARTS_OF_DAY: Table<&str> = Table::new(&[
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
pub(super) static ORDER_SUFFIXES: Table<(&str, Order)> = Table::new(&[
    ("dernier", Order::Before),
    ("derniere", Order::Before),
    ("passe", Order::Before),
    ("passee", Order::Before),
    ("prochain", Order::After),
    ("prochaine", Order::After),
]);

/// Words before a weekday or month that place it ("last Friday", "next July").
pub(super) static ORDER_PREFIXES: Table<(&str, Order)> = Table::new(&[
    ("last", Order::Before),
    ("this", Order::OnOrBefore),
    ("next", Order::After),
]);

/// Phrases after a month that give its year relative to the article ("May last year").
pub(super) static YEAR_SUFFIXES: Table<(&str, i32)> = Table::new(&[
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
pub(super) static RELATIVE: Table<(&str, Rel)> = Table::new(&[
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
pub(super) static PERIODS: Table<(&str, Rel)> = Table::new(&[
    ("l'annee", Rel::Year(0)),
    ("the year", Rel::Year(0)),
    ("le mois", Rel::Month(0)),
    ("du mois", Rel::Month(0)),
    ("the month", Rel::Month(0)),
    ("la semaine", Rel::Week(0)),
    ("the week", Rel::Week(0)),
]);

/// Words that introduce a date and say how it anchors ("depuis 2020", "until March").
pub(super) static CUES: Table<(&str, Cue)> = Table::new(&[
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
pub(super) static MODIFIERS: Table<&str> = Table::new(&[
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
pub(super) static ARTICLES: Table<&str> = Table::new(&["on", "le", "ce"]);

pub(super) static SEASONS: Table<&str> = Table::new(&[
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

pub(super) static UNITS: Table<(&str, Unit)> = Table::new(&[
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

pub(super) static NUMBER_WORDS: Table<(&str, i64)> = Table::new(&[
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
pub(super) static VAGUE_QUANTITIES: Table<&str> = Table::new(&[
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
pub(super) static RECENT: Table<&str> = Table::new(&[
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
pub(super) static DURATION_LEADS: Table<(&str, bool)> = Table::new(&[
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
pub(super) const AFTER_YEAR_OK: &[&str] = &[
    "a", "au", "et", "ou", "puis", "jusqu", "il", "elle", "ils", "elles", "on", "le", "la", "les",
    "l", "quand", "lorsque", "alors", "selon", "pendant", "par", "ou", "en", "de", "du", "d",
    "avant", "apres", "depuis", "and", "or", "to", "then", "until", "when", "during", "the", "he",
    "she", "it", "they", "we", "in", "by", "before", "after", "since", "was", "were", "is",
];
