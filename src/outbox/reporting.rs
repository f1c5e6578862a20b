//! What the sender reports besides the queue: the kiosk's status as its `Device` (`PUT`, at
//! start and every `status_minutes`) and the daily usage report put in the outbox at local
//! midnight.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use super::Outbox;
use super::exchange::{Request, exchange};
use super::sender::{Outcome, SenderConfig, SenderStatus};
use super::status::StatusConfig;
use super::token::Credentials;

/// Writes the kiosk's `Device` and notes how it went for the staff menu.
pub(super) fn report_status(
    agent: &ureq::Agent,
    config: &SenderConfig,
    credentials: &mut Credentials,
    report: &StatusConfig,
    status: &Mutex<SenderStatus>,
) {
    let known = status
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let outcome = send_status(agent, config, credentials, report, &known);
    let mut status = status.lock().unwrap_or_else(PoisonError::into_inner);
    match &outcome {
        Outcome::Delivered(_) => {
            status.status_sent = Some(SystemTime::now());
            status.status_error = None;
        }
        Outcome::Retry { why, .. } | Outcome::Dead(why) => {
            log::warn!("status report: {why}");
            status.status_error = Some(why.clone());
        }
    }
}

/// When `due` has come, puts the usage report in the outbox and sets when the next is due
/// (in an hour if the outbox could not take it). How long the sender may wait: zero when a
/// report was just put, to send it.
pub(super) fn daily_usage(
    outbox: &Outbox,
    report: &StatusConfig,
    due: &mut SystemTime,
    now: SystemTime,
) -> Duration {
    if now < *due {
        return due.duration_since(now).unwrap_or_default();
    }
    if put_usage(outbox, &report.usage, &report.kiosk_id, now, true) {
        *due = (report.usage_at)(now);
        Duration::ZERO
    } else {
        *due = now + Duration::from_secs(60 * 60);
        due.duration_since(now).unwrap_or_default()
    }
}

/// Ends the usage period at `now` with its report put in `outbox` (see `usage.rs`); whether
/// one was put. A report the outbox cannot take keeps its counts for the next try.
pub(super) fn put_usage(
    outbox: &Outbox,
    usage: &Mutex<super::Ledger>,
    kiosk_id: &str,
    now: SystemTime,
    even_if_empty: bool,
) -> bool {
    let mut ledger = usage.lock().unwrap_or_else(PoisonError::into_inner);
    ledger
        .close(kiosk_id, now, even_if_empty, |id, resource| {
            outbox.put(id, resource, now).map(|_| ())
        })
        .unwrap_or_else(|e| {
            log::error!("outbox: the usage report: {e}");
            false
        })
}

/// `PUT [base]/Device/<kiosk_id>`: the kiosk's status, as the sender knows it now.
fn send_status(
    agent: &ureq::Agent,
    config: &SenderConfig,
    credentials: &mut Credentials,
    report: &StatusConfig,
    status: &SenderStatus,
) -> Outcome {
    let device = super::status::device(
        &report.kiosk_id,
        &report.facts(),
        &status.counts,
        status.last_success,
    );
    let body = device.to_string();
    let path = format!("Device/{}", report.kiosk_id);
    let request = Request {
        put: true,
        path: &path,
        if_none_exist: None,
        body: &body,
    };
    exchange(agent, config, credentials, &request)
}
