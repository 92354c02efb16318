//! The scanner: the grammar `[cue] [modifier] [article] core` tried at each token.

use super::*;

pub(super) struct Scanner<'a> {
    pub(super) tokens: &'a [Token],
    pub(super) lang: Lang,
}

impl Scanner<'_> {
    pub(super) fn norm(&self, i: usize) -> Option<&str> {
        self.tokens.get(i).map(|t| t.norm.as_str())
    }

    pub(super) fn is(&self, i: usize, word: &str) -> bool {
        self.norm(i) == Some(word)
    }

    pub(super) fn kind(&self, i: usize) -> Option<Kind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// Whether tokens `a` and `b` touch (no space between).
    pub(super) fn adjacent(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        }
    }

    /// The end of `phrase` if it is written at `i`.
    pub(super) fn phrase(&self, i: usize, phrase: &str) -> Option<usize> {
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
    pub(super) fn longest<T: Copy>(
        &self,
        i: usize,
        table: &Table<(&str, T)>,
    ) -> Option<(usize, T)> {
        table
            .starting_with(self.norm(i))
            .filter_map(|&(p, value)| self.phrase(i, p).map(|end| (end, value)))
            .fold(None, |best: Option<(usize, T)>, (end, value)| match best {
                Some((e, _)) if e >= end => best,
                _ => Some((end, value)),
            })
    }

    /// Every phrase of a list written at `i`, by end.
    pub(super) fn all_ends<'s>(
        &'s self,
        i: usize,
        list: &'s Table<&str>,
    ) -> impl Iterator<Item = usize> + 's {
        list.starting_with(self.norm(i))
            .filter_map(move |p| self.phrase(i, p))
    }

    /// The expression starting at token `i`, the longest one if several.
    pub(super) fn parse_at(&self, i: usize, prev: Option<&Found>) -> Option<Found> {
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
    pub(super) fn leads(&self, i: usize) -> Vec<Lead> {
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
    pub(super) fn cores(&self, lead: &Lead) -> Vec<(usize, Core)> {
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
    pub(super) fn accept(
        &self,
        lead: &Lead,
        end: usize,
        core: Core,
        prev: Option<&Found>,
    ) -> Option<Found> {
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
    pub(super) fn looks_like_count(&self, next: usize) -> bool {
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
    pub(super) fn weekday(&self, i: usize) -> Option<(usize, Core)> {
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

    pub(super) fn part_of_day(&self, i: usize) -> Option<usize> {
        self.all_ends(i, &PARTS_OF_DAY).max()
    }

    /// "28 octobre", "1er janvier 2024", "7-Octobre", "Aug. 24", "Sept. 1, 2022".
    pub(super) fn explicit_date(&self, i: usize) -> Option<(usize, Core)> {
        self.day_first(i).or_else(|| self.month_first(i))
    }

    pub(super) fn day_first(&self, i: usize) -> Option<(usize, Core)> {
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

    pub(super) fn month_first(&self, i: usize) -> Option<(usize, Core)> {
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
    pub(super) fn date(
        &self,
        day: u8,
        month: u8,
        year: Option<i32>,
        end: usize,
    ) -> Option<(usize, Core)> {
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
    pub(super) fn day_number(&self, i: usize) -> Option<(u8, usize)> {
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

    pub(super) fn month_name(&self, i: usize) -> Option<(u8, MonthWord, usize)> {
        let norm = self.norm(i)?;
        MONTHS
            .exactly(Some(norm))
            .next()
            .map(|&(_, month, word)| (month, word, i + 1))
    }

    /// After an abbreviated month, its full stop if a number follows ("Aug. 24").
    pub(super) fn after_abbrev_dot(&self, end: usize, word: MonthWord) -> usize {
        let dot = word == MonthWord::Abbrev && self.is(end, ".") && self.adjacent(end - 1, end);
        if dot && self.kind(end + 1) == Some(Kind::Number) {
            end + 1
        } else {
            end
        }
    }

    /// "juillet", "juillet 2023", "May last year", "last July", "juillet dernier".
    pub(super) fn month(&self, i: usize, context: bool) -> Option<(usize, Core)> {
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
    pub(super) fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.tokens.get(i)?;
        if t.kind != Kind::Number || t.grouped || t.norm.len() != 4 {
            return None;
        }
        let year: i32 = t.norm.parse().ok()?;
        let glued = self.adjacent(i, i + 1) && self.kind(i + 1) == Some(Kind::Word);
        ((1900..=2100).contains(&year) && !glued).then_some(year)
    }

    /// "l'été 2022", "the summer of 2022": the year is all that can be said.
    pub(super) fn season(&self, i: usize) -> Option<(usize, Core)> {
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
    pub(super) fn relative(&self, i: usize) -> Option<(usize, Core)> {
        let (mut end, rel) = self.longest(i, &RELATIVE)?;
        if matches!(rel, Rel::Day(_)) {
            end = self.part_of_day(end).unwrap_or(end);
        }
        Some((end, Core::Relative(rel)))
    }

    /// Durations: "depuis des mois", "for several days", "ces derniers jours" (unresolved,
    /// `Since`), and "il y a deux semaines", "three years ago" (resolved, `At`).
    pub(super) fn duration(&self, i: usize) -> Option<Found> {
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
    pub(super) fn quantity(&self, i: usize) -> Option<Quantity> {
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
pub(super) struct Quantity {
    pub(super) end: usize,
    pub(super) unit: Unit,
    /// The number of units, when exactly one number was given.
    pub(super) count: Option<i64>,
    /// Whether a word like "derniers" or "recent" was seen.
    pub(super) recent: bool,
}

impl Quantity {
    /// The core of "il y a <quantity>" / "<quantity> ago".
    pub(super) fn ago(self) -> Core {
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
