//! Calendar arithmetic: the periods (week, quarter, season, ...) a date falls in, their bounds,
//! and their TIMEX3 spellings. All of it is chrono; nothing here knows about text.

use crate::grammar::{Season, Unit};
use crate::Precision;
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime};

pub(crate) fn start_of(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::MIN)
}

/// The last second of a day: intervals are closed, `[earliest, latest]`.
pub(crate) fn end_of(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(23, 59, 59).unwrap_or_else(|| start_of(d))
}

pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let first = ymd(y, m, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// Moves a date by whole units; fractional counts go to the next smaller unit.
pub(crate) fn shift(d: NaiveDate, unit: Unit, n: f64) -> Option<NaiveDate> {
    let months = |m: f64| -> Option<NaiveDate> {
        let whole = m.round() as i64;
        if whole >= 0 {
            d.checked_add_months(Months::new(whole as u32))
        } else {
            d.checked_sub_months(Months::new((-whole) as u32))
        }
    };
    let days = |x: f64| -> Option<NaiveDate> {
        let whole = x.round() as i64;
        if whole >= 0 {
            d.checked_add_days(Days::new(whole as u64))
        } else {
            d.checked_sub_days(Days::new((-whole) as u64))
        }
    };
    match unit {
        // A date moves only by whole days: "48 hours ago" is two days back, "3 hours ago"
        // the same day.
        Unit::Second => Some(d),
        Unit::Minute => days(n / 1440.0),
        Unit::Hour => days(n / 24.0),
        Unit::Day => days(n),
        Unit::Week => days(n * 7.0),
        Unit::Month => months(n),
        Unit::Quarter => months(n * 3.0),
        Unit::Year => months(n * 12.0),
        Unit::Decade => months(n * 120.0),
        Unit::Century => months(n * 1200.0),
    }
}

/// A unit's length in days, for widening intervals and comparing durations.
pub(crate) fn unit_days(unit: Unit) -> f64 {
    match unit {
        Unit::Second => 1.0 / 86400.0,
        Unit::Minute => 1.0 / 1440.0,
        Unit::Hour => 1.0 / 24.0,
        Unit::Day => 1.0,
        Unit::Week => 7.0,
        Unit::Month => 30.44,
        Unit::Quarter => 91.31,
        Unit::Year => 365.25,
        Unit::Decade => 3652.5,
        Unit::Century => 36525.0,
    }
}

pub(crate) fn unit_precision(unit: Unit) -> Precision {
    match unit {
        Unit::Second => Precision::Second,
        Unit::Minute => Precision::Minute,
        Unit::Hour => Precision::Hour,
        Unit::Day => Precision::Day,
        Unit::Week => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Quarter => Precision::Quarter,
        Unit::Year => Precision::Year,
        Unit::Decade => Precision::Decade,
        Unit::Century => Precision::Century,
    }
}

pub(crate) fn season_code(s: Season) -> &'static str {
    match s {
        Season::Spring => "SP",
        Season::Summer => "SU",
        Season::Fall => "FA",
        Season::Winter => "WI",
    }
}

/// Meteorological seasons, northern hemisphere; winter `y` runs December `y` to February `y+1`.
pub(crate) fn season_bounds(y: i32, s: Season) -> Option<(NaiveDate, NaiveDate)> {
    Some(match s {
        Season::Spring => (ymd(y, 3, 1)?, ymd(y, 5, 31)?),
        Season::Summer => (ymd(y, 6, 1)?, ymd(y, 8, 31)?),
        Season::Fall => (ymd(y, 9, 1)?, ymd(y, 11, 30)?),
        Season::Winter => (ymd(y, 12, 1)?, month_end(y + 1, 2)?),
    })
}

/// The season a date falls in, as (season year, season).
pub(crate) fn season_of(d: NaiveDate) -> (i32, Season) {
    match d.month() {
        3..=5 => (d.year(), Season::Spring),
        6..=8 => (d.year(), Season::Summer),
        9..=11 => (d.year(), Season::Fall),
        12 => (d.year(), Season::Winter),
        _ => (d.year() - 1, Season::Winter),
    }
}

/// The calendar period of `precision` containing `d`: its TIMEX3 value and first/last day.
/// Precisions finer than a day are treated as the day.
pub(crate) fn period(d: NaiveDate, precision: Precision) -> Option<(String, NaiveDate, NaiveDate)> {
    let y = d.year();
    Some(match precision {
        Precision::Week => {
            let w = d.iso_week();
            let monday = NaiveDate::from_isoywd_opt(w.year(), w.week(), chrono::Weekday::Mon)?;
            (
                format!("{:04}-W{:02}", w.year(), w.week()),
                monday,
                monday + Days::new(6),
            )
        }
        Precision::Month => (
            format!("{y:04}-{:02}", d.month()),
            ymd(y, d.month(), 1)?,
            month_end(y, d.month())?,
        ),
        Precision::Season => {
            let (sy, s) = season_of(d);
            let (a, b) = season_bounds(sy, s)?;
            (format!("{sy:04}-{}", season_code(s)), a, b)
        }
        Precision::Quarter => {
            let q = (d.month() - 1) / 3 + 1;
            (
                format!("{y:04}-Q{q}"),
                ymd(y, 3 * q - 2, 1)?,
                month_end(y, 3 * q)?,
            )
        }
        Precision::Half => {
            let h = if d.month() <= 6 { 1 } else { 2 };
            (
                format!("{y:04}-H{h}"),
                ymd(y, 6 * h - 5, 1)?,
                month_end(y, 6 * h)?,
            )
        }
        Precision::Year => (format!("{y:04}"), ymd(y, 1, 1)?, ymd(y, 12, 31)?),
        Precision::Decade => {
            let dy = y.div_euclid(10) * 10;
            (
                format!("{:03}", dy / 10),
                ymd(dy, 1, 1)?,
                ymd(dy + 9, 12, 31)?,
            )
        }
        Precision::Century => {
            let cy = y.div_euclid(100) * 100;
            (
                format!("{:02}", cy / 100),
                ymd(cy, 1, 1)?,
                ymd(cy + 99, 12, 31)?,
            )
        }
        _ => (d.format("%Y-%m-%d").to_string(), d, d),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_have_timex3_spellings_and_bounds() {
        let d = ymd(2024, 12, 8).unwrap();
        let p = |pr| period(d, pr).unwrap();
        assert_eq!(p(Precision::Week).0, "2024-W49");
        assert_eq!(p(Precision::Week).1, ymd(2024, 12, 2).unwrap());
        assert_eq!(p(Precision::Quarter).0, "2024-Q4");
        assert_eq!(p(Precision::Season).0, "2024-WI");
        assert_eq!(p(Precision::Decade).0, "202");
        assert_eq!(p(Precision::Century).0, "20");
        assert_eq!(p(Precision::Month).2, ymd(2024, 12, 31).unwrap());
    }

    #[test]
    fn january_is_in_the_previous_years_winter() {
        assert_eq!(season_of(ymd(2025, 1, 15).unwrap()), (2024, Season::Winter));
    }

    #[test]
    fn shifting_by_months_clamps_to_month_end() {
        let d = ymd(2024, 3, 31).unwrap();
        assert_eq!(shift(d, Unit::Month, -1.0), ymd(2024, 2, 29));
        assert_eq!(shift(d, Unit::Year, 1.5), ymd(2025, 9, 30));
    }
}
