//! The one thread that drains the outbox, in order, to the clinic's FHIR server.
//!
//! Each entry is `POST [base]/[type]` with `If-None-Exist: identifier=system|value`: the server
//! creates it once (201) and answers 200 without a second copy when it already holds it (a try
//! whose reply was lost). Through ureq: blocking, rustls, no redirects, time limits on the
//! connection and the whole exchange.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use super::exchange::attempt;
use super::reporting::{daily_usage, report_status};
use super::smart::SmartSettings;
use super::status::StatusConfig;
use super::token::Credentials;
use super::{Next, Outbox, OutboxError};
use crate::content::{FhirAuth, FhirServer};

/// How the sender proves who it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No `Authorization` header.
    None,
    /// `Authorization: Bearer` with the token in this file.
    BearerFile(PathBuf),
    /// SMART Backend Services: an access token got with a signed assertion.
    Smart(SmartSettings),
}

/// Where and how to send.
#[derive(Debug, Clone)]
pub struct SenderConfig {
    /// The server's base URL (`https://fhir.example.org/r4`).
    pub base_url: String,
    /// Credentials.
    pub auth: Auth,
    /// PEM certificates of the clinic's own authority, trusted beside the system's roots.
    pub ca_certs: Vec<Vec<u8>>,
    /// The longest one exchange may take, connection included.
    pub timeout: Duration,
    /// How often an idle sender looks at the queue without being woken (another process, such
    /// as `vein-kiosk outbox --retry-dead`, may have changed it).
    pub idle_poll: Duration,
}

/// Why the `fhir_server` settings cannot be used to reach the server.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The clinic's own certificate authority file cannot be read.
    #[error("ca_file {file} cannot be read: {source}")]
    CaFile {
        file: String,
        source: std::io::Error,
    },
}

impl SenderConfig {
    /// From the settings; an error names what cannot be used.
    pub fn from_settings(server: &FhirServer) -> Result<Self, ConfigError> {
        let auth = match &server.auth {
            FhirAuth::None => Auth::None,
            FhirAuth::Bearer { token_file } => Auth::BearerFile(PathBuf::from(token_file)),
            FhirAuth::SmartBackend {
                client_id,
                token_url,
                private_key_file,
                scope,
                key_id,
            } => Auth::Smart(SmartSettings {
                client_id: client_id.clone(),
                token_url: token_url.clone(),
                private_key_file: PathBuf::from(private_key_file),
                scope: scope.clone(),
                key_id: key_id.clone(),
            }),
        };
        let ca_certs = match &server.ca_file {
            None => Vec::new(),
            Some(file) => vec![std::fs::read(file).map_err(|source| ConfigError::CaFile {
                file: file.clone(),
                source,
            })?],
        };
        Ok(Self {
            base_url: server.base_url.clone(),
            auth,
            ca_certs,
            timeout: Duration::from_secs(30),
            idle_poll: Duration::from_secs(30),
        })
    }
}

/// What one try came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server holds it (201 created, or 200: it held it already).
    Delivered(u16),
    /// Try again later: no connection, a timeout, 5xx, 408, 429, 401, or the token unreadable.
    Retry {
        /// In words, for staff.
        why: String,
        /// What the server asked with `Retry-After`.
        retry_after: Option<Duration>,
    },
    /// The server refused this resource for good (any other 4xx).
    Dead(String),
}

/// What the sender has done, for the staff menu.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SenderStatus {
    /// When the server last confirmed a resource.
    pub last_success: Option<SystemTime>,
    /// The last thing that went wrong, in words (cleared by a success).
    pub last_error: Option<String>,
    /// Resources confirmed since the sender started.
    pub delivered: u64,
    /// The queue as last counted (after every try, and at least every idle poll).
    pub counts: super::Counts,
    /// When the server last took the kiosk's `Device` status.
    pub status_sent: Option<SystemTime>,
    /// Why the last status report failed (cleared when one succeeds).
    pub status_error: Option<String>,
}

enum Signal {
    Wake,
    RetryDead,
    /// Send the status report now (something in it changed).
    Report,
    Stop,
}

/// Wakes the sender from another thread (a send put in the outbox); cheap to clone.
#[derive(Clone)]
pub struct Waker(mpsc::Sender<Signal>);

impl Waker {
    /// Something was put in the outbox: look now.
    pub fn wake(&self) {
        let _ = self.0.send(Signal::Wake);
    }
}

impl std::fmt::Debug for Waker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Waker")
    }
}

/// The sender thread. Dropping it asks it to stop (after the exchange under way).
pub struct Sender {
    signal: mpsc::Sender<Signal>,
    thread: Option<JoinHandle<()>>,
    status: Arc<Mutex<SenderStatus>>,
}

impl Sender {
    /// Opens the outbox in `folder` and starts draining it.
    pub fn start(folder: &std::path::Path, config: SenderConfig) -> Result<Self, OutboxError> {
        Self::start_reporting(folder, config, None)
    }

    /// [`Self::start`], also writing the kiosk's `Device` status at start and every
    /// `status.every` (see `status.rs`).
    pub fn start_reporting(
        folder: &std::path::Path,
        config: SenderConfig,
        report: Option<StatusConfig>,
    ) -> Result<Self, OutboxError> {
        let outbox = Outbox::open(folder)?;
        let (signal, signals) = mpsc::channel();
        let status = Arc::new(Mutex::new(SenderStatus::default()));
        let shared = Arc::clone(&status);
        let thread = std::thread::Builder::new()
            .name("fhir-outbox".into())
            .spawn(move || run(&outbox, &config, report.as_ref(), &signals, &shared))
            .map_err(|e| OutboxError::Folder {
                path: folder.display().to_string(),
                why: format!("no thread for the sender: {e}"),
            })?;
        Ok(Self {
            signal,
            thread: Some(thread),
            status,
        })
    }

    /// Something was put in the outbox: look now.
    pub fn wake(&self) {
        let _ = self.signal.send(Signal::Wake);
    }

    /// A waker for other threads.
    pub fn waker(&self) -> Waker {
        Waker(self.signal.clone())
    }

    /// Send the status report at once (the content version changed).
    pub fn report_now(&self) {
        let _ = self.signal.send(Signal::Report);
    }

    /// Staff: put every dead letter back in the queue (done on the sender's thread).
    pub fn retry_dead(&self) {
        let _ = self.signal.send(Signal::RetryDead);
    }

    /// What the sender has done so far.
    pub fn status(&self) -> SenderStatus {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Stops the thread and waits for it (at most one exchange's time limit).
    pub fn stop(mut self) {
        let _ = self.signal.send(Signal::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        let _ = self.signal.send(Signal::Stop);
    }
}

pub(super) fn agent(config: &SenderConfig) -> ureq::Agent {
    let roots = if config.ca_certs.is_empty() {
        ureq::tls::RootCerts::PlatformVerifier
    } else {
        ureq::tls::RootCerts::new_with_certs(&trusted_roots(&config.ca_certs))
    };
    ureq::Agent::config_builder()
        .timeout_global(Some(config.timeout))
        .timeout_connect(Some(config.timeout.min(Duration::from_secs(10))))
        .http_status_as_error(false)
        .max_redirects(0)
        .https_only(config.base_url.starts_with("https://"))
        .tls_config(ureq::tls::TlsConfig::builder().root_certs(roots).build())
        .user_agent(concat!("vein-kiosk/", env!("CARGO_PKG_VERSION")))
        .build()
        .new_agent()
}

/// The system's trusted roots and then the clinic's own authority (`ca_file`, PEM): beside
/// them, not instead of them, so a server behind a public certificate keeps working when a
/// `ca_file` is added.
pub(super) fn trusted_roots(ca_certs: &[Vec<u8>]) -> Vec<ureq::tls::Certificate<'static>> {
    let system = rustls_native_certs::load_native_certs().certs;
    let mut certs: Vec<_> = system
        .iter()
        .map(|der| ureq::tls::Certificate::from_der(der.as_ref()).to_owned())
        .collect();
    certs.extend(
        ca_certs
            .iter()
            .flat_map(|pem| ureq::tls::parse_pem(pem).collect::<Vec<_>>())
            .filter_map(|item| match item {
                Ok(ureq::tls::PemItem::Certificate(c)) => Some(c),
                _ => None,
            }),
    );
    certs
}

fn run(
    outbox: &Outbox,
    config: &SenderConfig,
    report: Option<&StatusConfig>,
    signals: &mpsc::Receiver<Signal>,
    status: &Mutex<SenderStatus>,
) {
    let agent = agent(config);
    let mut credentials = Credentials::new(&config.auth);
    // The first status report goes at start; usage at the next local midnight.
    let mut next_status = SystemTime::now();
    let mut next_usage = report.map_or_else(SystemTime::now, |r| (r.usage_at)(SystemTime::now()));
    let note = |f: &dyn Fn(&mut SenderStatus)| {
        f(&mut status.lock().unwrap_or_else(PoisonError::into_inner))
    };
    loop {
        let now = SystemTime::now();
        let wait = match outbox.next_due(now) {
            Ok(Next::Ready(entry)) => {
                let outcome = attempt(&agent, config, &mut credentials, &entry);
                let recorded = match &outcome {
                    Outcome::Delivered(_) => outbox.mark_delivered(entry.seq),
                    Outcome::Retry { why, retry_after } => outbox
                        .mark_failed(entry.seq, why, *retry_after, SystemTime::now())
                        .map(|_| ()),
                    Outcome::Dead(why) => outbox.mark_dead(entry.seq, why),
                };
                match (&outcome, recorded) {
                    (_, Err(e)) => {
                        log::error!("outbox: {e}");
                        note(&|s| s.last_error = Some(e.to_string()));
                    }
                    (Outcome::Delivered(_), Ok(())) => note(&|s| {
                        s.last_success = Some(SystemTime::now());
                        s.last_error = None;
                        s.delivered += 1;
                    }),
                    (Outcome::Retry { why, .. } | Outcome::Dead(why), Ok(())) => {
                        log::warn!("outbox: {} {}: {why}", entry.resource_type, entry.seq);
                        note(&|s| s.last_error = Some(why.clone()));
                    }
                }
                Duration::ZERO
            }
            Ok(Next::WaitUntil(when)) => when
                .duration_since(now)
                .unwrap_or_default()
                .min(config.idle_poll),
            Ok(Next::Empty) => config.idle_poll,
            Err(e) => {
                log::error!("outbox: {e}");
                note(&|s| s.last_error = Some(e.to_string()));
                Duration::from_secs(5)
            }
        };
        match outbox.counts(SystemTime::now()) {
            Ok(counts) => note(&|s| s.counts = counts.clone()),
            Err(e) => log::error!("outbox: {e}"),
        }
        let mut wait = wait;
        if let Some(report) = report {
            let now = SystemTime::now();
            if now >= next_status {
                report_status(&agent, config, &mut credentials, report, status);
                next_status = now + report.every;
            }
            wait = wait.min(next_status.duration_since(now).unwrap_or_default());
            wait = wait.min(daily_usage(outbox, report, &mut next_usage, now));
        }
        let signal = if wait.is_zero() {
            signals.try_recv().map_err(|e| match e {
                TryRecvError::Empty => RecvTimeoutError::Timeout,
                TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
            })
        } else {
            signals.recv_timeout(wait)
        };
        match signal {
            Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            Ok(Signal::RetryDead) => match outbox.retry_dead(SystemTime::now()) {
                Ok(n) => log::info!("outbox: staff put {n} dead letters back in the queue"),
                Err(e) => {
                    log::error!("outbox: {e}");
                    note(&|s| s.last_error = Some(e.to_string()));
                }
            },
            Ok(Signal::Report) => next_status = SystemTime::now(),
            Ok(Signal::Wake) | Err(RecvTimeoutError::Timeout) => {}
        }
    }
}
