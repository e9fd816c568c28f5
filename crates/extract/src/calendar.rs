//! The English names of the weekdays and months, lower case: the stages that must know a
//! calendar word when they see one (a counted noun's phrase ends at one; a weekday names a
//! time's day) read them here.

/// Monday first, as ISO 8601 counts them.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether a lower-case word names a weekday or a month.
pub fn is_day_or_month(lower: &str) -> bool {
    WEEKDAYS.contains(&lower) || MONTHS.contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_months_are_known_and_nothing_else() {
        for (w, expect) in [
            ("sunday", true),
            ("may", true),
            ("december", true),
            ("weekend", false),
            ("Sunday", false),
        ] {
            assert_eq!(is_day_or_month(w), expect, "{w}");
        }
    }
}
