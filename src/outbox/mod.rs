//! The FHIR outbox (issue 21): what the kiosk sends to the clinic's FHIR server waits on disk
//! until the server confirms it, so a power cut, a `kill -9` or a dead network loses nothing and
//! a retry duplicates nothing.
//!
//! - [`Outbox`] (`store.rs`) is the queue: one SQLite database, `outbox.sqlite3`, in the folder
//!   the settings name (`fhir_server.outbox`; the folder `0700`, the database and its `-wal` and
//!   `-shm` files `0600`), in WAL mode with `synchronous=FULL`, so [`Outbox::put`] has reached
//!   the disk when it returns. An entry is the resource's JSON, its identifier, its type, how
//!   often it was tried, when it may be tried next and why the last try failed. Delivered
//!   entries are deleted (and with `secure_delete`, their bytes overwritten); the write-ahead
//!   log is truncated whenever the queue is empty.
//! - Every resource carries an [`Identifier`]: a short reference a patient can say at the desk
//!   (`reference.rs`, e.g. `7KQ-42M`) under a system URI, by default
//!   `urn:vein-kiosk:<kiosk_id>:answers`. Staff find it with
//!   `GET QuestionnaireResponse?identifier=urn:vein-kiosk:lobby-1:answers|7KQ-42M` (or the value
//!   alone), and the sender's conditional create uses it so the server never stores a second
//!   copy.
//! - [`Sender`] (`sender.rs`; one request and what its answer means in `exchange.rs`) is one
//!   thread that drains the queue in order: 2xx delivered; timeouts, no connection, 5xx, 408,
//!   429 and 401 retried after a wait (`backoff.rs`: exponential with jitter, capped at 5
//!   minutes, or what `Retry-After` asks); any other 4xx puts the entry on the dead-letter list
//!   with the server's reason, which staff see (counts, ages and reasons, never the body) and
//!   can put back with [`Outbox::retry_dead`].
//! - `cli.rs` is `vein-kiosk outbox --config FILE [--retry-dead]`, the same view on the command
//!   line ([`outbox_report`]).
//! - `status.rs` is the kiosk's own `Device` on the server (id = `kiosk_id`), written by the
//!   sender (`reporting.rs`) at start and every `status_minutes`; `fleet.rs` is `vein-kiosk
//!   fleet`, which reads every kiosk's back and flags the silent ones. `usage.rs` is the daily
//!   `MeasureReport` of the usage counts, which the sender puts in the outbox at local midnight
//!   (and the app when the kiosk closes).
//! - `token.rs` and `smart.rs` are the credentials: a bearer token from a file, or SMART Backend
//!   Services (a signed JWT assertion for an access token, kept until it expires; refreshed at
//!   once when the server answers 401).
//! - `link.rs` is the app's end: the one sender for the kiosk's life and a [`Recorder`] that
//!   puts a visitor's answers in the outbox and waits a moment for the server.

mod backoff;
mod cli;
mod exchange;
mod fleet;
mod link;
mod reference;
mod reporting;
mod sender;
mod smart;
mod status;
mod store;
#[cfg(test)]
mod tests;
mod token;
mod usage;

use std::time::{Duration, SystemTime};

pub use backoff::{CAP as BACKOFF_CAP, delay as backoff_delay, parse_retry_after};
pub use cli::{CliError, outbox_report};
pub use exchange::{classify, if_none_exist};
pub use fleet::{FleetError, fleet, fleet_report};
pub use link::{Link, LinkError, Receipt, Recorder};
pub use reference::{default_system, new_reference};
pub use sender::{Auth, ConfigError, Outcome, Sender, SenderConfig, SenderStatus, Waker};
pub use smart::{Key, SmartSettings, assertion, jwks};
pub use status::{DEVICE_SYSTEM, Facts, StatusConfig, device};
pub use store::{DB_FILE, Outbox};
pub use token::AuthError;
pub use usage::{
    Ledger, USAGE_CODES, USAGE_MEASURE, measure_report, next_midnight, usage_identifier,
};

/// Where fresh references come from: [`new_reference`] (random), or a fixed one in a test.
pub type References = fn() -> Result<String, getrandom::Error>;

/// A resource's business identifier: the server finds it (and refuses a second copy) by
/// `system|value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    /// A URI naming who gives out the values (the kiosk, or a scheme of the clinic's).
    pub system: String,
    /// The reference itself, e.g. `7KQ-42M`.
    pub value: String,
}

impl Identifier {
    /// `system|value`, as a FHIR token search and `If-None-Exist` write it.
    pub fn token(&self) -> String {
        format!("{}|{}", self.system, self.value)
    }

    /// The identifier as FHIR JSON.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({ "system": self.system, "value": self.value })
    }
}

/// Gives `resource` the identifier: as its one `identifier` where R4 allows one
/// (`QuestionnaireResponse`), added to its list elsewhere (`Device`, `MeasureReport`, ...).
/// The self-check's response (`selfcheck::fhir::response`) carries no identifier of its own
/// (the file and QR code hand-offs have no reference); the outbox's copy gets this one, and
/// still no name, birth date or subject.
pub fn identify(resource: &mut serde_json::Value, identifier: &Identifier) {
    let id = identifier.to_json();
    if resource["resourceType"] == "QuestionnaireResponse" {
        resource["identifier"] = id;
    } else if let Some(list) = resource["identifier"].as_array_mut() {
        list.push(id);
    } else {
        resource["identifier"] = serde_json::Value::Array(vec![id]);
    }
}

/// One queued resource, as the sender needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Order of arrival; never reused.
    pub seq: i64,
    /// What the server finds it by.
    pub identifier: Identifier,
    /// `QuestionnaireResponse`, `Device`, `MeasureReport`, ...
    pub resource_type: String,
    /// The resource's JSON.
    pub body: String,
    /// When it was put in the outbox.
    pub queued_at: SystemTime,
    /// Tries so far.
    pub attempts: u32,
    /// Not to be tried before this.
    pub next_attempt: SystemTime,
    /// Why the last try failed.
    pub last_error: Option<String>,
}

/// What the sender should do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Send this entry now (the oldest one not dead).
    Ready(Entry),
    /// The oldest entry is waiting for its next try at this time (later ones wait behind it).
    WaitUntil(SystemTime),
    /// Nothing to send.
    Empty,
}

/// One entry as staff may see it: never its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Order of arrival.
    pub seq: i64,
    /// The reference (identifier value) the patient was given.
    pub reference: String,
    /// The resource's type.
    pub resource_type: String,
    /// When it was queued.
    pub queued_at: SystemTime,
    /// Tries so far.
    pub attempts: u32,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// Some(reason): on the dead-letter list, not tried again until staff retry it.
    pub dead: Option<String>,
}

/// The outbox at a glance, for the staff menu and `vein-kiosk outbox`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Waiting to be sent.
    pub pending: u64,
    /// On the dead-letter list.
    pub dead: u64,
    /// How long the oldest pending entry has waited.
    pub oldest_pending: Option<Duration>,
    /// How long the oldest dead letter has been there (since it was queued).
    pub oldest_dead: Option<Duration>,
    /// The last error of the entry at the head of the queue.
    pub last_error: Option<String>,
    /// Why the newest dead letter was refused (the server's words).
    pub dead_reason: Option<String>,
}

/// What can go wrong with the outbox itself (not with sending).
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    /// The folder or the database file could not be made or is not safe to use.
    #[error("outbox folder {path}: {why}")]
    Folder {
        /// The folder.
        path: String,
        /// Why, in words.
        why: String,
    },
    /// The disk holding the outbox has no room: nothing was queued.
    #[error("the disk of the outbox folder {path} is full; nothing was queued")]
    Full {
        /// The folder.
        path: String,
    },
    /// SQLite said no.
    #[error("outbox database: {0}")]
    Db(#[from] rusqlite::Error),
    /// The resource given to `put` cannot be sent as it is.
    #[error("not a resource the outbox can send: {0}")]
    Resource(String),
    /// No fresh reference could be found (practically impossible: 25^6 values).
    #[error("no unused reference after several tries")]
    References,
    /// The operating system gave no randomness for a reference.
    #[error("no randomness for a reference: {0}")]
    Random(getrandom::Error),
}
