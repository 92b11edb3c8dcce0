//! The server's notion of "now": the real clock in production, a clock the
//! tests set themselves, so nothing they assert depends on the machine's.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, SecondsFormat, Utc};

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The machine's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until it is moved.
#[derive(Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    pub fn at(rfc3339: &str) -> ManualClock {
        let t = DateTime::parse_from_rfc3339(rfc3339)
            .expect("a valid RFC 3339 moment")
            .with_timezone(&Utc);
        ManualClock(Arc::new(Mutex::new(t)))
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *t += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// How moments are stored: RFC 3339 in UTC with milliseconds, so they sort
/// as text in both databases.
pub fn stored(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A stored moment read back.
pub fn parse_stored(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_moments_sort_as_text_and_read_back() {
        let clock = ManualClock::at("2026-11-23T09:59:59.5+01:00");
        let sa = stored(clock.now());
        // A clone is the same clock.
        clock.clone().advance(chrono::Duration::milliseconds(600));
        let sb = stored(clock.now());
        assert_eq!(sa, "2026-11-23T08:59:59.500Z");
        assert_eq!(sb, "2026-11-23T09:00:00.100Z");
        assert!(sa < sb);
        assert_eq!(parse_stored(&sb), Some(clock.now()));
    }
}
