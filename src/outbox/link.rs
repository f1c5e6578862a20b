//! The app's end of the outbox: one sender thread for the kiosk's life, and a [`Recorder`] a
//! job uses to put a visitor's answers in the outbox and wait a moment for the server.

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use super::sender::Waker;
use super::{Outbox, OutboxError, Sender, SenderConfig, SenderStatus, default_system, identify};
use crate::content::Settings;

/// What a visitor is told after "Send to staff" with a FHIR server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The short reference to say at the desk (the resource's identifier value).
    pub reference: String,
    /// The server confirmed it within the wait; false: it is safe in the outbox and goes when
    /// the server answers.
    pub delivered: bool,
}

/// The running sender and where its outbox is.
pub struct Link {
    sender: Sender,
    recorder: Recorder,
    /// What the status report says about the content (None without a `kiosk_id`).
    facts: Option<std::sync::Arc<std::sync::Mutex<super::Facts>>>,
    /// The usage counts for the daily report, and the kiosk they are reported under (None
    /// without a `kiosk_id`).
    usage: Option<(std::sync::Arc<std::sync::Mutex<super::Ledger>>, String)>,
}

impl std::fmt::Debug for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Link")
            .field("recorder", &self.recorder)
            .finish_non_exhaustive()
    }
}

/// Puts resources in the outbox from any thread; cheap to clone.
#[derive(Debug, Clone)]
pub struct Recorder {
    folder: PathBuf,
    system: String,
    waker: Waker,
    references: super::References,
}

/// Why the kiosk's FHIR sender could not start (said to staff).
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// The `fhir_server` settings cannot be used.
    #[error(transparent)]
    Settings(#[from] super::sender::ConfigError),
    /// The outbox could not be opened.
    #[error(transparent)]
    Outbox(#[from] OutboxError),
}

impl Link {
    /// Starts the sender the settings ask for: None without `fhir_server`; an error (for staff)
    /// when the outbox cannot be opened or the settings cannot be used.
    pub fn start(settings: &Settings) -> Result<Option<Self>, LinkError> {
        let Some(server) = &settings.fhir_server else {
            return Ok(None);
        };
        let config = SenderConfig::from_settings(server)?;
        let folder = PathBuf::from(&server.outbox);
        // The kiosk's Device status, when it has a name to report under.
        let report = (!settings.kiosk_id.is_empty())
            .then(|| super::StatusConfig::new(&settings.kiosk_id, server.status_period()));
        let facts = report.as_ref().map(|r| std::sync::Arc::clone(&r.facts));
        let usage = report
            .as_ref()
            .map(|r| (std::sync::Arc::clone(&r.usage), r.kiosk_id.clone()));
        let sender = Sender::start_reporting(&folder, config, report)?;
        let system = server
            .identifier_system
            .clone()
            .unwrap_or_else(|| default_system(&settings.kiosk_id));
        let recorder = Recorder {
            folder,
            system,
            waker: sender.waker(),
            references: super::new_reference,
        };
        Ok(Some(Self {
            sender,
            recorder,
            facts,
            usage,
        }))
    }

    /// References drawn from `references` instead of at random (a snapshot's fixed one).
    #[must_use]
    pub fn with_references(mut self, references: super::References) -> Self {
        self.recorder.references = references;
        self
    }

    /// The content version shown now (None: as installed), for the next status report.
    pub fn set_content_version(&self, version: Option<u64>) {
        if let Some(facts) = &self.facts {
            facts
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .content_version = version;
            self.sender.report_now();
        }
    }

    /// The usage counts as they are now (the kiosk's since it started), for the daily report.
    pub fn set_usage(&self, counted: &crate::usage::Usage) {
        if let Some((ledger, _)) = &self.usage {
            let mut ledger = ledger
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if ledger.counted != *counted {
                ledger.counted = counted.clone();
            }
        }
    }

    /// Puts the report of the usage counted since the last one in the outbox now (when the
    /// kiosk closes), if anything was counted. On this thread: a moment's disk write.
    pub fn report_usage(&self) {
        let Some((ledger, kiosk_id)) = &self.usage else {
            return;
        };
        match Outbox::open(&self.recorder.folder) {
            Ok(outbox) => {
                if super::reporting::put_usage(&outbox, ledger, kiosk_id, SystemTime::now(), false)
                {
                    self.sender.wake();
                }
            }
            Err(e) => log::error!("outbox: the usage report: {e}"),
        }
    }

    /// A handle for a job's thread.
    pub fn recorder(&self) -> Recorder {
        self.recorder.clone()
    }

    /// What the sender has done, and the queue as last counted.
    pub fn status(&self) -> SenderStatus {
        self.sender.status()
    }

    /// Staff: put every dead letter back in the queue.
    pub fn retry_dead(&self) {
        self.sender.retry_dead();
    }
}

impl Drop for Link {
    /// The part of a day counted before the kiosk closes is reported, not lost.
    fn drop(&mut self) {
        self.report_usage();
    }
}

impl Recorder {
    /// Puts `resource` in the outbox under a fresh reference (it is on disk when this returns
    /// anything but an error), wakes the sender, and waits at most `wait` for the server to
    /// confirm it. Blocks: for a job's thread.
    pub fn record(&self, resource: &Value, wait: Duration) -> Result<Receipt, OutboxError> {
        let outbox = Outbox::open(&self.folder)?;
        let identifier =
            outbox.put_new_from(self.references, &self.system, SystemTime::now(), |id| {
                let mut r = resource.clone();
                identify(&mut r, id);
                r
            })?;
        self.waker.wake();
        let until = Instant::now() + wait;
        let mut delivered = !outbox.holds(&identifier)?;
        while !delivered && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(50));
            delivered = !outbox.holds(&identifier)?;
        }
        Ok(Receipt {
            reference: identifier.value,
            delivered,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn settings(base_url: String, folder: &std::path::Path, kiosk_id: &str) -> Settings {
        let folder = folder.display().to_string();
        crate::outbox::tests::settings_with_server(base_url, &folder, kiosk_id, 5)
    }

    #[test]
    fn a_kiosk_with_a_name_reports_its_status_and_one_without_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let (base, heard) = crate::outbox::tests::answer_once("200 OK", "{}".into());
        let link = Link::start(&settings(base, dir.path(), "lobby-1")).unwrap();
        assert!(link.is_some(), "a server is set: the sender starts");
        let request = heard.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(request.starts_with("PUT /Device/lobby-1 "), "{request}");
        drop(link);
        let (base, heard) = crate::outbox::tests::answer_once("200 OK", "{}".into());
        let unnamed = Link::start(&settings(base, dir.path(), "")).unwrap();
        assert!(unnamed.is_some());
        assert!(
            heard.recv_timeout(Duration::from_millis(500)).is_err(),
            "no name to report under: no status report"
        );
        // And without a server, no sender at all.
        let mut none = settings(String::new(), dir.path(), "lobby-1");
        none.fhir_server = None;
        assert!(Link::start(&none).unwrap().is_none());
    }
}
