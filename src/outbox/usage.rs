//! The kiosk's daily usage on the clinic's FHIR server: once a day (at local midnight, and for
//! the part of a day when the kiosk is closed) a `MeasureReport` of the counts the staff menu
//! shows, through the outbox like everything else. Counts only: sessions started, screens
//! reached and self-checks finished, in all and per language; nothing of any one visitor.
//!
//! R4 4.0.1 asks a `MeasureReport` for `status`, `type`, `measure` and `period`. The measure is
//! the kiosk's own canonical ([`USAGE_MEASURE`]), its counts coded in [`USAGE_CODES`]
//! (`sessions`, `checks-finished`, `screen:<screen id>`); one `group` holds the totals (code
//! `all`) and one each language (code = its BCP 47 tag). The subject is the kiosk's `Device`,
//! named by its identifier (`urn:vein-kiosk:device|<kiosk_id>`), so the report stands even
//! before the first status report has made the `Device`.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use super::{DEVICE_SYSTEM, Identifier};
use crate::usage::Usage;

/// The canonical of the usage measure.
pub const USAGE_MEASURE: &str = "urn:vein-kiosk:fhir:Measure/kiosk-usage";
/// The code system of the counts.
pub const USAGE_CODES: &str = "urn:vein-kiosk:usage";

/// What has been counted, what of it was reported, and since when the current period runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// Everything counted since the kiosk started (the staff menu's numbers).
    pub counted: Usage,
    /// What `counted` was when the last report was made.
    pub reported: Usage,
    /// The start of the period not yet reported.
    pub since: SystemTime,
}

impl Ledger {
    /// Nothing counted; the first period starts at `now`.
    pub fn new(now: SystemTime) -> Self {
        Self {
            counted: Usage::default(),
            reported: Usage::default(),
            since: now,
        }
    }

    /// Ends the period at `now` if `put` takes its report (what was counted in it; when nothing
    /// was, only if `even_if_empty`), and starts a new one from `now`. If `put` fails, the
    /// period and its counts stay for the next try. Whether a report was put.
    pub fn close<E>(
        &mut self,
        kiosk_id: &str,
        now: SystemTime,
        even_if_empty: bool,
        put: impl FnOnce(&Identifier, &Value) -> Result<(), E>,
    ) -> Result<bool, E> {
        let period = self.counted.since(&self.reported);
        if period == Usage::default() && !even_if_empty {
            return Ok(false);
        }
        let (identifier, report) = measure_report(kiosk_id, &period, self.since, now);
        put(&identifier, &report)?;
        self.reported = self.counted.clone();
        self.since = now;
        Ok(true)
    }
}

/// RFC 3339 in UTC, to the second.
fn utc(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::selfcheck::fhir::utc(secs)
}

/// The report's identifier: the kiosk's usage system, and the period's start
/// (`urn:vein-kiosk:lobby-1:usage|2026-12-05T00:00:00Z`), so a retry never makes a second one.
pub fn usage_identifier(kiosk_id: &str, start: SystemTime) -> Identifier {
    Identifier {
        system: format!("urn:vein-kiosk:{kiosk_id}:usage"),
        value: utc(start),
    }
}

/// The `MeasureReport` of `usage`, counted from `start` to `end`.
pub fn measure_report(
    kiosk_id: &str,
    usage: &Usage,
    start: SystemTime,
    end: SystemTime,
) -> (Identifier, Value) {
    let identifier = usage_identifier(kiosk_id, start);
    let population = |code: &str, count: u32| {
        json!({
            "code": { "coding": [{ "system": USAGE_CODES, "code": code }] },
            "count": count,
        })
    };
    // Every language anything was counted in, in a stable order.
    let mut languages: Vec<&String> = usage
        .sessions
        .keys()
        .chain(usage.checks_finished.keys())
        .chain(usage.screens.keys().map(|(_, lang)| lang))
        .collect();
    languages.sort();
    languages.dedup();
    let counts_for = |language: Option<&str>| {
        let wanted = |lang: &str| language.is_none_or(|l| l == lang);
        let sum = |map: &BTreeMap<String, u32>| -> u32 {
            map.iter().filter(|(l, _)| wanted(l)).map(|(_, n)| n).sum()
        };
        let mut screens: BTreeMap<&str, u32> = BTreeMap::new();
        for ((screen, lang), n) in &usage.screens {
            if wanted(lang) {
                *screens.entry(screen).or_default() += n;
            }
        }
        let mut list = vec![
            population("sessions", sum(&usage.sessions)),
            population("checks-finished", sum(&usage.checks_finished)),
        ];
        list.extend(
            screens
                .into_iter()
                .map(|(screen, n)| population(&format!("screen:{screen}"), n)),
        );
        Value::Array(list)
    };
    let mut groups = vec![json!({
        "code": { "coding": [{ "system": USAGE_CODES, "code": "all" }], "text": "All languages" },
        "population": counts_for(None),
    })];
    groups.extend(languages.iter().map(|lang| {
        json!({
            "code": { "coding": [{ "system": "urn:ietf:bcp:47", "code": lang }] },
            "population": counts_for(Some(lang)),
        })
    }));
    let report = json!({
        "resourceType": "MeasureReport",
        "identifier": [identifier.to_json()],
        "status": "complete",
        "type": "summary",
        "measure": USAGE_MEASURE,
        "subject": {
            "type": "Device",
            "identifier": { "system": DEVICE_SYSTEM, "value": kiosk_id },
        },
        "date": utc(end),
        "period": { "start": utc(start), "end": utc(end) },
        "group": groups,
    });
    (identifier, report)
}

/// The first local midnight after `after` (the next day's report is due then).
pub fn next_midnight(after: SystemTime) -> SystemTime {
    use chrono::{Days, Local, TimeZone as _};
    let local: chrono::DateTime<Local> = after.into();
    let midnight = local
        .date_naive()
        .checked_add_days(Days::new(1))
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .and_then(|naive| Local.from_local_datetime(&naive).earliest());
    // Where the clocks jump forward at 00:00, chrono gives the moment they jump (tested in
    // Santiago). None would need a jump from before midnight to after it, which no zone in the
    // time zone database makes from 2000 to 2030; it would report a day later at worst.
    midnight.map_or(after + Duration::from_secs(24 * 60 * 60), SystemTime::from)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn t(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn usage() -> Usage {
        let mut u = Usage::default();
        u.sessions.insert("en".into(), 5);
        u.sessions.insert("es".into(), 2);
        u.checks_finished.insert("es".into(), 1);
        u.screens.insert(("veins".into(), "en".into()), 4);
        u.screens.insert(("veins".into(), "es".into()), 2);
        u.screens.insert(("check".into(), "es".into()), 1);
        u
    }

    #[test]
    fn the_report_counts_in_all_and_per_language_and_nothing_else() {
        let (id, r) = measure_report("lobby-1", &usage(), t(1_796_428_800), t(1_796_515_200));
        assert_eq!(id.system, "urn:vein-kiosk:lobby-1:usage");
        assert_eq!(id.value, "2026-12-05T00:00:00Z");
        assert_eq!(r["identifier"][0], id.to_json());
        assert_eq!(r["period"]["end"], "2026-12-06T00:00:00Z");
        let groups = r["group"].as_array().unwrap();
        assert_eq!(groups.len(), 3, "all, en, es");
        let count = |g: &Value, code: &str| {
            g["population"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["code"]["coding"][0]["code"] == code)
                .map(|p| p["count"].as_u64().unwrap())
        };
        assert_eq!(count(&groups[0], "sessions"), Some(7));
        assert_eq!(count(&groups[0], "screen:veins"), Some(6));
        assert_eq!(count(&groups[0], "checks-finished"), Some(1));
        assert_eq!(groups[1]["code"]["coding"][0]["code"], "en");
        assert_eq!(count(&groups[1], "checks-finished"), Some(0));
        assert_eq!(count(&groups[1], "screen:check"), None);
        assert_eq!(count(&groups[2], "screen:check"), Some(1));
    }

    /// Closes the ledger's period, keeping what would be put.
    fn close(ledger: &mut Ledger, now: u64, even_if_empty: bool) -> Option<(Identifier, Value)> {
        let mut put = None;
        let made = ledger
            .close("k", t(now), even_if_empty, |id, r| {
                put = Some((id.clone(), r.clone()));
                Ok::<(), ()>(())
            })
            .unwrap();
        assert_eq!(made, put.is_some());
        put
    }

    #[test]
    fn a_period_reports_only_what_it_counted_and_an_empty_one_only_when_asked() {
        let mut ledger = Ledger::new(t(1_000));
        ledger.counted = usage();
        let (first, r) = close(&mut ledger, 2_000, false).unwrap();
        assert_eq!(r["group"][0]["population"][0]["count"], 7);
        assert_eq!(ledger.since, t(2_000));
        assert!(close(&mut ledger, 3_000, false).is_none(), "nothing new");
        ledger.counted.sessions.insert("en".into(), 6);
        // A report the outbox cannot take keeps its period and counts for the next try.
        let refused = ledger.close("k", t(3_000), false, |_, _| Err("disk full"));
        assert_eq!(refused, Err("disk full"));
        assert_eq!(ledger.since, t(2_000));
        let (second, r) = close(&mut ledger, 3_000, false).unwrap();
        assert_ne!(first, second);
        assert_eq!(
            r["group"][0]["population"][0]["count"], 1,
            "only the new session"
        );
        assert_eq!(r["period"]["start"], "1970-01-01T00:33:20Z");
        let (_, quiet) = close(&mut ledger, 90_000, true).unwrap();
        assert_eq!(quiet["group"][0]["population"][0]["count"], 0);
    }

    #[test]
    fn the_next_midnight_is_within_a_day_and_at_local_midnight() {
        use chrono::Timelike as _;
        let now = t(1_796_465_100);
        let next = next_midnight(now);
        assert!(next > now && next <= now + Duration::from_secs(25 * 3600));
        let local: chrono::DateTime<chrono::Local> = next.into();
        assert_eq!((local.hour(), local.minute(), local.second()), (0, 0, 0));
        assert!(next_midnight(next) > next);
    }

    /// Chile's clocks go from 23:59:59 on 5 September 2026 straight to 01:00 on the 6th: the
    /// 6th has no 00:00 on the wall. The time zone is the process's, so this runs in a child
    /// process with `TZ=America/Santiago`, started by the test below.
    #[test]
    #[ignore = "run by the_day_is_reported_when_the_clocks_jump_at_midnight, in a child process"]
    fn child_in_santiago() {
        use chrono::Timelike as _;
        // Due at the moment the 5th ends, when the clocks jump (04:00 UTC), not a day later.
        let noon_before = t(1_788_624_000); // 2026-09-05 12:00 -04
        assert_eq!(next_midnight(noon_before), t(1_788_667_200));
        // The next day has a midnight again (00:00 -03 on the 7th).
        let noon_after = t(1_788_706_800); // 2026-09-06 12:00 -03
        let next = next_midnight(noon_after);
        assert_eq!(next, t(1_788_750_000));
        let local: chrono::DateTime<chrono::Local> = next.into();
        assert_eq!((local.hour(), local.minute()), (0, 0));
    }

    #[test]
    fn the_day_is_reported_when_the_clocks_jump_at_midnight() {
        let zone = std::path::Path::new("/usr/share/zoneinfo/America/Santiago");
        assert!(
            zone.exists(),
            "needs the time zone database (apt-get install tzdata)"
        );
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "outbox::usage::tests::child_in_santiago",
                "--ignored",
            ])
            .env("TZ", "America/Santiago")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && said.contains("test result: ok. 1 passed"),
            "{said}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
