//! The day and time the application takes as now. Every rule that depends on today (spend to
//! date, reviews due, a chair's action dated no later than today, the demo's dates) is given
//! it, never reads the system clock itself, so the same inputs always give the same answer.

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime};

use crate::year::parse_iso_date;

/// Where "today" comes from: the machine's clock, or a day fixed for a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    fixed: Option<NaiveDate>,
}

impl Clock {
    /// The machine's local clock.
    pub fn system() -> Clock {
        Clock { fixed: None }
    }

    /// A clock whose day is always `day` (its time of day still runs, so backups taken a
    /// second apart have different names).
    pub fn fixed(day: NaiveDate) -> Clock {
        Clock { fixed: Some(day) }
    }

    /// The clock a setting asks for: none or empty is the system clock, otherwise an ISO date
    /// (`2027-03-31`) fixes the day. Anything else is refused with a sentence.
    pub fn from_setting(setting: Option<&str>) -> Result<Clock, String> {
        match setting.map(str::trim) {
            None | Some("") => Ok(Clock::system()),
            Some(s) => parse_iso_date(s)
                .map(Clock::fixed)
                .ok_or_else(|| format!("PANEL_TODAY: \"{s}\" is not a date (YYYY-MM-DD)")),
        }
    }

    /// The clock `PANEL_TODAY` asks for (the system clock when it is not set).
    pub fn from_env() -> Result<Clock, String> {
        Clock::from_setting(std::env::var("PANEL_TODAY").ok().as_deref())
    }

    /// Today.
    pub fn today(&self) -> NaiveDate {
        self.fixed.unwrap_or_else(|| Local::now().date_naive())
    }

    /// Now, as local time: today's date with the machine's time of day.
    pub fn now(&self) -> NaiveDateTime {
        let time: NaiveTime = Local::now().time();
        self.today().and_time(time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_fixes_the_day_or_is_refused() {
        let c = Clock::from_setting(Some("2028-02-29")).unwrap();
        assert_eq!(c.today(), parse_iso_date("2028-02-29").unwrap());
        assert_eq!(c.now().date(), c.today());
        assert_eq!(Clock::from_setting(None).unwrap(), Clock::system());
        assert_eq!(Clock::from_setting(Some(" ")).unwrap(), Clock::system());
        let e = Clock::from_setting(Some("31/03/2027")).unwrap_err();
        assert!(e.contains("\"31/03/2027\" is not a date"), "{e}");
        assert!(Clock::from_setting(Some("2027-02-29")).is_err());
    }
}
