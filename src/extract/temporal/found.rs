//! What the scanner finds: the parts of a time expression and their anchors.

use super::*;

/// Where a day, weekday or month lies relative to the article date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    /// The most recent one on or before the article date (the default).
    OnOrBefore,
    /// The most recent one strictly before ("dernier", "last").
    Before,
    /// The first one strictly after ("prochain", "next").
    After,
}

/// A period relative to the article date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    Day(i64),
    Week(i64),
    Weekend(Order),
    Month(i64),
    Year(i64),
}

/// The year of a month expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearRef {
    Given(i32),
    Recent(Order),
    Offset(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
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
pub(super) enum Core {
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
pub(super) struct RangeOpen {
    /// The anchor when no range end follows.
    pub(super) alone: TimeAnchor,
    /// Whether the word stays in the text when no range end follows ("from Monday" but "2006" for "de 2006").
    pub(super) kept_alone: bool,
    /// Whether "et"/"and" ends the range ("entre 2012 et 2022").
    pub(super) closed_by_and: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
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
    pub(super) fn is_weak(self) -> bool {
        matches!(
            self,
            Cue::Lead { weak: true, .. } | Cue::RangeOpen(_) | Cue::RangeClose | Cue::Conj
        )
    }
}

/// One expression found, in token indices.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    /// First token, cue included.
    pub(super) start: usize,
    /// First token after the cue.
    pub(super) bare_start: usize,
    /// One past the last token.
    pub(super) end: usize,
    pub(super) core: Core,
    pub(super) anchor: TimeAnchor,
    pub(super) range_open: Option<RangeOpen>,
    pub(super) range_closed: bool,
    /// This expression ends the range opened by the previous one.
    pub(super) closes_range: bool,
}

/// The optional words before a core, as matched at one position.
#[derive(Debug, Clone, Copy)]
pub(super) struct Lead {
    /// Where the lead starts (the position being parsed).
    pub(super) at: usize,
    /// Where the core must start.
    pub(super) core_start: usize,
    pub(super) cue: Cue,
    pub(super) after_cue: usize,
    pub(super) modifier: bool,
    pub(super) article: bool,
}
