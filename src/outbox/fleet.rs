//! `vein-kiosk fleet --config FILE`: every kiosk's `Device` status on the clinic's FHIR server,
//! one line each, with the ones not heard from for three status periods flagged. The server is
//! asked with the kiosk's own settings and credentials; nothing of a visitor is involved.

use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use super::sender::{SenderConfig, agent};
use super::status::DEVICE_SYSTEM;
use super::token::Credentials;
use crate::content::Settings;

/// Why `vein-kiosk fleet` cannot report.
#[derive(Debug, thiserror::Error)]
pub enum FleetError {
    /// The settings name no FHIR server.
    #[error("the settings set no fhir_server; give a kiosk's settings file with --config FILE")]
    NoServer,
    /// The settings cannot be used to reach the server (auth, CA file).
    #[error("the fhir_server settings cannot be used: {0}")]
    Settings(#[source] super::sender::ConfigError),
    /// The server could not be asked, or said no.
    #[error("the FHIR server: {0}")]
    Server(String),
    /// No credentials to ask with (token file, SMART key or token endpoint).
    #[error("signing in to the FHIR server: {0}")]
    Auth(#[from] super::token::AuthError),
}

/// Asks the server in `settings` for every kiosk's `Device` and reports on them at `now`.
pub fn fleet(settings: &Settings, now: SystemTime) -> Result<String, FleetError> {
    let server = settings.fhir_server.as_ref().ok_or(FleetError::NoServer)?;
    let config = SenderConfig::from_settings(server).map_err(FleetError::Settings)?;
    let agent = agent(&config);
    let mut credentials = Credentials::new(&config.auth);
    let url = format!("{}/Device", config.base_url.trim_end_matches('/'));
    let mut request = agent
        .get(&url)
        .query("identifier", format!("{DEVICE_SYSTEM}|"))
        .query("_count", "1000")
        .header("Accept", "application/fhir+json");
    if let Some(value) = credentials.authorization(&agent)? {
        request = request.header("Authorization", value);
    }
    let mut response = request
        .call()
        .map_err(|e| FleetError::Server(e.to_string()))?;
    let code = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(16 * 1024 * 1024)
        .read_to_string()
        .map_err(|e| FleetError::Server(e.to_string()))?;
    if code != 200 {
        let said: String = text.chars().take(300).collect();
        return Err(FleetError::Server(format!("answered {code}: {said}")));
    }
    let bundle: Value =
        serde_json::from_str(&text).map_err(|e| FleetError::Server(format!("not JSON: {e}")))?;
    let devices: Vec<Value> = bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["resource"].clone())
        .collect();
    Ok(fleet_report(&devices, now, server.status_period()))
}

/// When the server last stored `device` (`meta.lastUpdated`).
fn last_seen(device: &Value) -> Option<SystemTime> {
    let text = device["meta"]["lastUpdated"].as_str()?;
    let when = chrono::DateTime::parse_from_rfc3339(text).ok()?;
    let millis = u64::try_from(when.timestamp_millis()).ok()?;
    Some(SystemTime::UNIX_EPOCH + Duration::from_millis(millis))
}

/// "4 min", "2 h 5 min", "3 d 1 h".
fn age(d: Duration) -> String {
    let minutes = d.as_secs() / 60;
    match minutes {
        0..60 => format!("{minutes} min"),
        60..1440 => format!("{} h {} min", minutes / 60, minutes % 60),
        _ => format!("{} d {} h", minutes / 1440, (minutes % 1440) / 60),
    }
}

/// One line per `Device` (sorted by id): when last seen, app and content versions, outbox
/// depth, dead letters, last successful send; `NOT SEEN` for one silent longer than three
/// periods of `every`.
pub fn fleet_report(devices: &[Value], now: SystemTime, every: Duration) -> String {
    let mut devices: Vec<&Value> = devices.iter().collect();
    devices.sort_by_key(|d| d["id"].as_str().unwrap_or_default().to_owned());
    let late = every * 3;
    let mut silent = 0;
    let mut out = format!(
        "{} kiosks report to this server (a kiosk silent for {} is flagged)\n",
        devices.len(),
        age(late)
    );
    for d in devices {
        let version = |name: &str| {
            d["version"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|v| v["type"]["text"] == name)
                .and_then(|v| v["value"].as_str())
                .unwrap_or("?")
                .to_owned()
        };
        let property = |name: &str| {
            let found = d["property"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|p| p["type"]["text"] == name);
            found.and_then(|p| {
                p["valueQuantity"][0]["value"]
                    .as_u64()
                    .map(|n| n.to_string())
                    .or_else(|| p["valueCode"][0]["text"].as_str().map(str::to_owned))
            })
        };
        let seen = last_seen(d);
        let ago = seen.map(|t| now.duration_since(t).unwrap_or_default());
        let _ = write!(
            out,
            "{}  seen {}  app {}  content {}  pending {}  dead {}  last send {}",
            d["id"].as_str().unwrap_or("?"),
            ago.map_or_else(|| "never".to_owned(), |a| format!("{} ago", age(a))),
            version("app"),
            version("content"),
            property("outbox-pending").unwrap_or_else(|| "?".into()),
            property("dead-letters").unwrap_or_else(|| "?".into()),
            property("last-successful-send").unwrap_or_else(|| "none since start".into()),
        );
        if ago.is_none_or(|a| a > late) {
            silent += 1;
            out.push_str("  NOT SEEN for over three status periods");
        }
        out.push('\n');
    }
    if silent > 0 {
        let _ = writeln!(
            out,
            "{silent} kiosks silent: check their power and network."
        );
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::outbox::{Counts, Facts, device};

    fn seen(mut d: Value, when: &str) -> Value {
        d["meta"] = serde_json::json!({ "lastUpdated": when });
        d
    }

    #[test]
    fn each_kiosk_is_one_line_and_a_silent_one_is_flagged() {
        let counts = Counts {
            pending: 3,
            dead: 1,
            ..Counts::default()
        };
        let facts = Facts {
            content_version: Some(7),
        };
        let fresh = seen(
            device("lobby-2", &facts, &counts, None),
            "2026-12-05T10:00:00.000Z",
        );
        let old = seen(
            device("lobby-1", &Facts::default(), &Counts::default(), None),
            "2026-12-05T09:30:00Z",
        );
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_465_100); // 10:05 UTC
        let report = fleet_report(&[fresh, old], now, Duration::from_secs(300));
        let lines: Vec<&str> = report.lines().collect();
        assert!(lines[0].starts_with("2 kiosks"), "{report}");
        assert!(lines[1].starts_with("lobby-1  seen 35 min ago"), "{report}");
        assert!(lines[1].ends_with("NOT SEEN for over three status periods"));
        assert!(lines[2].contains("lobby-2  seen 5 min ago"), "{report}");
        assert!(
            lines[2].contains("content 7  pending 3  dead 1"),
            "{report}"
        );
        assert!(!lines[2].contains("NOT SEEN"));
        assert_eq!(lines[3], "1 kiosks silent: check their power and network.");
    }

    #[test]
    fn a_kiosk_is_flagged_only_after_more_than_three_periods() {
        let seen_at = |s: &str| {
            seen(
                device("lobby-1", &Facts::default(), &Counts::default(), None),
                s,
            )
        };
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_465_100); // 10:05 UTC
        let every = Duration::from_secs(300);
        let on_time = fleet_report(&[seen_at("2026-12-05T09:50:00Z")], now, every);
        assert!(
            !on_time.contains("NOT SEEN"),
            "exactly three periods: {on_time}"
        );
        assert!(!on_time.contains("kiosks silent: check"), "{on_time}");
        let late = fleet_report(&[seen_at("2026-12-05T09:49:59Z")], now, every);
        assert!(late.contains("NOT SEEN"), "a second more: {late}");
        assert!(
            late.ends_with("\n1 kiosks silent: check their power and network.\n"),
            "{late}"
        );
    }

    #[test]
    fn ages_in_minutes_hours_and_days() {
        let age_of = |minutes: u64| age(Duration::from_secs(minutes * 60 + 59));
        assert_eq!(
            [
                age_of(0),
                age_of(59),
                age_of(60),
                age_of(1439),
                age_of(1440),
                age_of(3 * 1440 + 61)
            ],
            [
                "0 min",
                "59 min",
                "1 h 0 min",
                "23 h 59 min",
                "1 d 0 h",
                "3 d 1 h"
            ]
        );
    }

    /// A search result of one kiosk seen at 10:00, padded to at least `size` bytes.
    fn one_kiosk(size: usize) -> String {
        let d = seen(
            device("lobby-1", &Facts::default(), &Counts::default(), None),
            "2026-12-05T10:00:00Z",
        );
        let bundle = serde_json::json!({ "resourceType": "Bundle", "entry": [{ "resource": d }] });
        let text = bundle.to_string();
        let pad = size.saturating_sub(text.len() + 20);
        format!(
            "{}, \"padding\": \"{}\"}}",
            &text[..text.len() - 1],
            "x".repeat(pad)
        )
    }

    const TEN_PAST: u64 = 1_796_465_400; // 2026-12-05 10:10 UTC

    fn ask(
        status: &'static str,
        body: String,
        minutes: u32,
    ) -> (Result<String, FleetError>, String) {
        let (base, heard) = crate::outbox::tests::answer_once(status, body);
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(TEN_PAST);
        let report = fleet(
            &crate::outbox::tests::settings_with_server(base, "", "", minutes),
            now,
        );
        let request = heard
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_default();
        (report, request)
    }

    #[test]
    fn the_server_is_asked_for_every_kiosks_device_and_each_is_reported() {
        let (report, request) = ask("200 OK", one_kiosk(0), 10);
        let report = report.unwrap();
        assert!(
            request.starts_with("GET /Device?identifier=urn%3Avein-kiosk%3Adevice%7C&_count=1000 "),
            "{request}"
        );
        assert!(
            request.contains("\r\naccept: application/fhir+json\r\n"),
            "{request}"
        );
        let lines: Vec<&str> = report.lines().collect();
        // Three periods of 10 minutes.
        assert_eq!(
            lines[0],
            "1 kiosks report to this server (a kiosk silent for 30 min is flagged)"
        );
        assert!(lines[1].starts_with("lobby-1  seen 10 min ago"), "{report}");
        // No period at all is taken as one minute.
        let (report, _) = ask("200 OK", one_kiosk(0), 0);
        assert!(
            report
                .unwrap()
                .starts_with("1 kiosks report to this server (a kiosk silent for 3 min")
        );
    }

    #[test]
    fn a_large_fleet_is_read_up_to_16_mib_and_no_further() {
        let (report, _) = ask("200 OK", one_kiosk(2 * 1024 * 1024), 10);
        assert!(report.unwrap().starts_with("1 kiosks"));
        let (report, _) = ask("200 OK", one_kiosk(16 * 1024 * 1024 + 10), 10);
        let why = report.unwrap_err().to_string();
        assert!(why.starts_with("the FHIR server: "), "{why}");
    }

    #[test]
    fn a_refusal_says_the_status_and_the_servers_first_words() {
        let said = format!(
            "{{\"resourceType\":\"OperationOutcome\",\"x\":\"{}\"}}",
            "y".repeat(400)
        );
        let (report, _) = ask("403 Forbidden", said.clone(), 10);
        assert_eq!(
            report.unwrap_err().to_string(),
            format!("the FHIR server: answered 403: {}", &said[..300])
        );
        let (report, _) = ask("200 OK", "<html>".into(), 10);
        assert!(
            report
                .unwrap_err()
                .to_string()
                .starts_with("the FHIR server: not JSON: ")
        );
    }
}
