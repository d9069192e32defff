//! Hybrid logical clock: timestamps that order edits deterministically across laptops.
//!
//! A reading is `YYYY-MM-DDTHH:MM:SS.mmmZ-CCCC` (UTC wall time in milliseconds and a
//! four-digit counter). Readings compare correctly as strings. The clock never runs
//! backwards, and after observing a remote reading it stays ahead of it, so an edit
//! made after reading someone else's data always wins over that data. Ties between
//! devices are broken by device id in the merge rule.

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hlc {
    millis: i64,
    counter: u32,
}

const MAX_COUNTER: u32 = 9999;

impl Hlc {
    /// Restores the clock from the last persisted reading (or starts at zero).
    pub fn resume(last: Option<&str>) -> Hlc {
        last.and_then(Hlc::parse).unwrap_or(Hlc {
            millis: 0,
            counter: 0,
        })
    }

    /// Parses a reading; `None` when malformed.
    pub fn parse(s: &str) -> Option<Hlc> {
        let (time, counter) = s.rsplit_once('-')?;
        if counter.len() != 4 {
            return None;
        }
        let counter: u32 = counter.parse().ok()?;
        let dt = DateTime::parse_from_rfc3339(time).ok()?;
        Some(Hlc {
            millis: dt.timestamp_millis(),
            counter,
        })
    }

    /// Advances the clock for a local event at wall time `now` and returns the reading.
    pub fn tick(&mut self, now: DateTime<Utc>) -> String {
        let wall = now.timestamp_millis();
        if wall > self.millis {
            self.millis = wall;
            self.counter = 0;
        } else if self.counter >= MAX_COUNTER {
            self.millis += 1;
            self.counter = 0;
        } else {
            self.counter += 1;
        }
        self.format()
    }

    /// Moves the clock past a remote reading, if that reading is ahead.
    pub fn observe(&mut self, remote: &str) {
        if let Some(r) = Hlc::parse(remote) {
            if r > *self {
                *self = r;
            }
        }
    }

    pub fn format(&self) -> String {
        let dt = Utc
            .timestamp_millis_opt(self.millis)
            .single()
            .unwrap_or_default();
        format!(
            "{}-{:04}",
            dt.format("%Y-%m-%dT%H:%M:%S%.3fZ"),
            self.counter
        )
    }
}

/// Everything a write needs to stamp a synced record.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// A fresh UUIDv7, used when the write creates a record.
    pub id: String,
    /// Wall-clock creation time (RFC 3339, UTC).
    pub created_at: String,
    /// Hybrid logical clock reading for `updated_at`.
    pub hlc: String,
    pub device_id: String,
    pub author: String,
}

impl Stamp {
    pub fn new(now: DateTime<Utc>, hlc: String, device_id: &str, author: &str) -> Stamp {
        Stamp {
            id: uuid::Uuid::now_v7().to_string(),
            created_at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            hlc,
            device_id: device_id.to_string(),
            author: author.to_string(),
        }
    }

    /// A stamp with explicit, reproducible values (demo data, tests).
    pub fn fixed(
        id: uuid::Uuid,
        at: DateTime<Utc>,
        counter: u32,
        device_id: &str,
        author: &str,
    ) -> Stamp {
        let hlc = Hlc {
            millis: at.timestamp_millis(),
            counter,
        }
        .format();
        Stamp {
            id: id.to_string(),
            created_at: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            hlc,
            device_id: device_id.to_string(),
            author: author.to_string(),
        }
    }
}

/// Stamps writes for one installation; clones share the clock.
#[derive(Debug, Clone)]
pub struct Stamper {
    clock: Arc<Mutex<Hlc>>,
    device_id: String,
    author: String,
}

impl Stamper {
    pub fn new(clock: Arc<Mutex<Hlc>>, device_id: &str, author: &str) -> Stamper {
        Stamper {
            clock,
            device_id: device_id.to_string(),
            author: author.to_string(),
        }
    }

    pub(crate) fn for_author(&self, author: &str) -> Stamper {
        Stamper {
            clock: self.clock.clone(),
            device_id: self.device_id.clone(),
            author: author.to_string(),
        }
    }

    pub fn stamp(&self) -> Stamp {
        let now = Utc::now();
        let hlc = self
            .clock
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .tick(now);
        Stamp::new(now, hlc, &self.device_id, &self.author)
    }

    pub fn observe(&self, remote: &str) {
        self.clock
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .observe(remote);
    }

    /// Saves the clock so it never runs backwards across restarts. Call inside
    /// the write's transaction.
    pub fn persist(&self, conn: &Connection) -> rusqlite::Result<()> {
        let last = self
            .clock
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .format();
        super::meta::set(conn, "hlc_last", Some(&last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_are_monotonic_and_sort_as_strings() {
        let mut c = Hlc::resume(None);
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
        let a = c.tick(t);
        let b = c.tick(t);
        let earlier = c.tick(t - chrono::Duration::seconds(5));
        assert!(a < b && b < earlier, "{a} {b} {earlier}");
        assert_eq!(Hlc::parse(&earlier).unwrap().format(), earlier);
    }

    #[test]
    fn observing_a_remote_reading_keeps_local_edits_after_it() {
        let mut c = Hlc::resume(None);
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
        let remote = "2026-03-01T12:00:00.000Z-0007";
        c.observe(remote);
        let local = c.tick(t);
        assert!(local.as_str() > remote);
    }

    #[test]
    fn malformed_readings_are_rejected() {
        for s in ["", "2026-03-01", "2026-03-01T12:00:00.000Z-7", "x-0001"] {
            assert!(Hlc::parse(s).is_none(), "{s}");
        }
    }
}
