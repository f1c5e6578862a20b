//! The kiosk's own status on the clinic's FHIR server: a `Device` whose id is the `kiosk_id`,
//! written with `PUT [base]/Device/<kiosk_id>` at start and every `status_minutes` (an update
//! that creates it the first time), so a clinic group sees which kiosks are alive
//! (`vein-kiosk fleet`). Counts and versions only: nothing of a visitor.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use super::Counts;

/// The identifier system of every kiosk's `Device` (its value is the `kiosk_id`); `fleet`
/// searches by it.
pub const DEVICE_SYSTEM: &str = "urn:vein-kiosk:device";

/// What the kiosk reports, and how often.
#[derive(Debug, Clone)]
pub struct StatusConfig {
    /// The `Device`'s id (`kiosk_id`).
    pub kiosk_id: String,
    /// Between reports (`status_minutes`).
    pub every: Duration,
    /// What the app knows that the sender does not (the content version), updated as it
    /// changes.
    pub facts: Arc<Mutex<Facts>>,
    /// The usage counted and reported (`usage.rs`): the app counts, the sender reports daily.
    pub usage: Arc<Mutex<super::usage::Ledger>>,
    /// When the usage report after a given moment is due: the next local midnight
    /// ([`super::next_midnight`]), or sooner in a test.
    pub usage_at: fn(SystemTime) -> SystemTime,
}

/// What the app tells the status report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The content shown: `3` for a pulled bundle's version, None for the content the kiosk was
    /// installed or started with.
    pub content_version: Option<u64>,
}

impl StatusConfig {
    /// Reports for `kiosk_id` every `every`, with nothing known yet about the content.
    pub fn new(kiosk_id: &str, every: Duration) -> Self {
        Self {
            kiosk_id: kiosk_id.to_owned(),
            every,
            facts: Arc::default(),
            usage: Arc::new(Mutex::new(super::usage::Ledger::new(SystemTime::now()))),
            usage_at: super::next_midnight,
        }
    }

    /// The facts as they are now.
    pub fn facts(&self) -> Facts {
        self.facts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// RFC 3339 in UTC, to the second.
fn utc(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::selfcheck::fhir::utc(secs)
}

/// The kiosk's `Device`: active, its app and content versions, the outbox's depth and dead
/// letters, and when the server last confirmed something.
pub fn device(
    kiosk_id: &str,
    facts: &Facts,
    counts: &Counts,
    last_success: Option<SystemTime>,
) -> Value {
    let content = facts
        .content_version
        .map_or_else(|| "as installed".to_owned(), |v| v.to_string());
    let count =
        |name: &str, n: u64| json!({ "type": { "text": name }, "valueQuantity": [{ "value": n }] });
    let mut property = vec![
        count("outbox-pending", counts.pending),
        count("dead-letters", counts.dead),
    ];
    if let Some(when) = last_success {
        property.push(json!({
            "type": { "text": "last-successful-send" },
            "valueCode": [{ "text": utc(when) }],
        }));
    }
    json!({
        "resourceType": "Device",
        "id": kiosk_id,
        "identifier": [{ "system": DEVICE_SYSTEM, "value": kiosk_id }],
        "status": "active",
        "manufacturer": "vein-kiosk",
        "deviceName": [{ "name": kiosk_id, "type": "user-friendly-name" }],
        "version": [
            { "type": { "text": "app" }, "value": env!("CARGO_PKG_VERSION") },
            { "type": { "text": "content" }, "value": content },
        ],
        "property": property,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_device_says_versions_and_counts_and_nothing_else() {
        let counts = Counts {
            pending: 2,
            dead: 1,
            ..Counts::default()
        };
        let facts = Facts {
            content_version: Some(7),
        };
        let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_780_000_000);
        let d = device("lobby-1", &facts, &counts, Some(when));
        assert_eq!(d["id"], "lobby-1");
        assert_eq!(d["identifier"][0]["system"], DEVICE_SYSTEM);
        assert_eq!(d["version"][1]["value"], "7");
        assert_eq!(d["property"][0]["valueQuantity"][0]["value"], 2);
        assert_eq!(d["property"][1]["valueQuantity"][0]["value"], 1);
        assert_eq!(
            d["property"][2]["valueCode"][0]["text"],
            "2026-05-28T20:26:40Z"
        );
        let none = device("lobby-1", &Facts::default(), &Counts::default(), None);
        assert_eq!(none["version"][1]["value"], "as installed");
        assert_eq!(none["property"].as_array().unwrap().len(), 2);
    }
}
