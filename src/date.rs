//! Calendar dates with a precision: a year, a month or a day.
//!
//! News gives dates at every precision ("en 2020", "fin 2023", "jeudi"), and
//! the article header itself may give only a month (`date 2024-07`). A
//! [`PartialDate`] keeps exactly what is known and no more.

use std::fmt;
use std::str::FromStr;

/// How precise a [`PartialDate`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// The year and the month are known.
    Month,
    /// The full date is known.
    Day,
}

/// A date known to year, month or day precision.
///
/// Ordering compares year, then month, then day, with an unknown part
/// sorting before any known one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year (proleptic Gregorian).
    pub year: i32,
    /// The month, 1–12, when known.
    pub month: Option<u8>,
    /// The day of the month, when known (only with a month).
    pub day: Option<u8>,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {value:?}: expected YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct DateError {
    /// The text that did not parse.
    pub value: String,
}

impl PartialDate {
    /// A date known to the year.
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// A date known to the month; `None` if the month is out of range.
    pub fn month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A date known to the day; `None` if it does not exist in the calendar.
    pub fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        (Self::month(year, month).is_some() && day >= 1 && day <= days_in_month(year, month))
            .then_some(Self {
                year,
                month: Some(month),
                day: Some(day),
            })
    }

    /// The precision of this date.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// Days since 1970-01-01 of the first day this date covers.
    pub fn first_day_number(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The day-precision date for a day number (days since 1970-01-01).
    pub fn from_day_number(days: i64) -> Self {
        let (year, month, day) = civil_from_days(days);
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Day of the week of a day-precision date: 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> Option<u8> {
        self.day?;
        // 1970-01-01 was a Thursday (3).
        Some(((self.first_day_number() + 3).rem_euclid(7)) as u8)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(value: &str) -> Result<Self, DateError> {
        let error = || DateError {
            value: value.to_owned(),
        };
        let mut parts = value.trim().split('-');
        let year_text = parts.next().ok_or_else(error)?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(error());
        }
        let year: i32 = year_text.parse().map_err(|_| error())?;
        let number = |text: Option<&str>| -> Result<Option<u8>, DateError> {
            match text {
                None => Ok(None),
                Some(t) if t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(t.parse().map_err(|_| error())?))
                }
                Some(_) => Err(error()),
            }
        };
        let month = number(parts.next())?;
        let day = number(parts.next())?;
        if parts.next().is_some() {
            return Err(error());
        }
        match (month, day) {
            (None, _) => Ok(Self::year(year)),
            (Some(m), None) => Self::month(year, m).ok_or_else(error),
            (Some(m), Some(d)) => Self::day(year, m, d).ok_or_else(error),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's civil-calendar algorithms.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            "2024".parse::<PartialDate>().unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            "2024-07".parse::<PartialDate>().unwrap().to_string(),
            "2024-07"
        );
        assert_eq!(
            "2024-02-29".parse::<PartialDate>().unwrap().precision(),
            Precision::Day
        );
    }

    #[test]
    fn refuses_nonsense() {
        for bad in [
            "",
            "24",
            "2024-13",
            "2023-02-29",
            "2024-7",
            "yesterday",
            "2024-07-01-01",
            "２０２４",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn weekdays_and_day_numbers_round_trip() {
        let date = PartialDate::day(2024, 7, 27).unwrap();
        assert_eq!(date.weekday(), Some(5)); // a Saturday
        assert_eq!(PartialDate::from_day_number(date.first_day_number()), date);
        assert_eq!(PartialDate::day(1970, 1, 1).unwrap().first_day_number(), 0);
    }
}
