//! Resolution: the date a time expression denotes, against the article date.

use super::*;

/// The date a core denotes, given the article date, at the precision both allow.
pub(super) fn resolve(core: Core, article: Option<PartialDate>) -> Option<PartialDate> {
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
pub(super) fn year_of(order: Order, date: (u8, u8), article: (u8, u8), article_year: i32) -> i32 {
    match order {
        Order::OnOrBefore if date <= article => article_year,
        Order::Before if date < article => article_year,
        Order::After if date > article => article_year,
        Order::After => article_year + 1,
        _ => article_year - 1,
    }
}

/// A weekday: a day when the article has one, else only what the article date says.
pub(super) fn resolve_weekday(
    weekday: u8,
    order: Order,
    article: PartialDate,
) -> Option<PartialDate> {
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

pub(super) fn resolve_relative(rel: Rel, article: PartialDate) -> Option<PartialDate> {
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
pub(super) fn month_of(date: PartialDate) -> PartialDate {
    PartialDate { day: None, ..date }
}
