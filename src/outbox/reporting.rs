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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::outbox::{DB_FILE, Ledger};

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000 + seconds)
    }

    fn a_day_after(t: SystemTime) -> SystemTime {
        t + Duration::from_secs(24 * 60 * 60)
    }

    /// Lobby 1's reports, its usage counted from `at(0)`, the next report a day after the last.
    fn lobby() -> StatusConfig {
        let mut report = StatusConfig::new("lobby-1", Duration::from_secs(300));
        report.usage = Arc::new(Mutex::new(Ledger::new(at(0))));
        report.usage_at = a_day_after;
        report
    }

    fn pending(outbox: &Outbox) -> u64 {
        outbox.counts(at(0)).unwrap().pending
    }

    /// Makes every later put fail, as a database that cannot take a write does.
    fn refuse_puts(folder: &std::path::Path) {
        rusqlite::Connection::open(folder.join(DB_FILE))
            .unwrap()
            .execute_batch(
                "CREATE TRIGGER fail BEFORE INSERT ON entry BEGIN SELECT * FROM gone; END;",
            )
            .unwrap();
    }

    #[test]
    fn the_status_is_a_put_of_the_device_and_how_it_went_is_kept_for_staff() {
        let report = lobby();
        report.facts.lock().unwrap().content_version = Some(12);
        let status = Mutex::new(SenderStatus::default());
        let send = |answer: &'static str| {
            let (base, heard) = crate::outbox::tests::answer_once(answer, "{}".into());
            let config = crate::outbox::tests::plain_config(base);
            let agent = crate::outbox::sender::agent(&config);
            let mut credentials = Credentials::new(&config.auth);
            report_status(&agent, &config, &mut credentials, &report, &status);
            heard.recv_timeout(Duration::from_secs(10)).unwrap()
        };
        let request = send("200 OK");
        assert!(request.starts_with("PUT /Device/lobby-1 "), "{request}");
        assert!(request.contains(r#""resourceType":"Device""#), "{request}");
        // What the app told it: the content version shown.
        assert!(
            request.contains(r#"{"type":{"text":"content"},"value":"12"}"#),
            "{request}"
        );
        let sent = status.lock().unwrap().status_sent;
        assert!(sent.is_some());
        assert_eq!(status.lock().unwrap().status_error, None);
        // A refusal is kept for the staff menu, beside when the last report went.
        send("500 Internal Server Error");
        let after = status.lock().unwrap().clone();
        assert_eq!(
            (after.status_sent, after.status_error.as_deref()),
            (sent, Some("the server answered 500"))
        );
        // And the next success clears it.
        send("200 OK");
        assert_eq!(status.lock().unwrap().status_error, None);
    }

    #[test]
    fn the_daily_report_is_put_when_due_and_the_next_one_is_set() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::open(dir.path()).unwrap();
        let report = lobby();
        let mut due = at(100);
        // Before it is due: nothing is put, and the sender may wait until it is.
        let wait = daily_usage(&outbox, &report, &mut due, at(40));
        assert_eq!(
            (wait, due, pending(&outbox)),
            (Duration::from_secs(60), at(100), 0)
        );
        // When it is due: a report even of a day with nothing counted, sent at once, and the
        // next one due a day later.
        let wait = daily_usage(&outbox, &report, &mut due, at(100));
        assert_eq!(
            (wait, due, pending(&outbox)),
            (Duration::ZERO, a_day_after(at(100)), 1)
        );
        assert_eq!(report.usage.lock().unwrap().since, at(100));
    }

    #[test]
    fn a_report_the_outbox_cannot_take_is_tried_again_in_an_hour_with_its_counts() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::open(dir.path()).unwrap();
        let report = lobby();
        report
            .usage
            .lock()
            .unwrap()
            .counted
            .sessions
            .insert("en".into(), 3);
        refuse_puts(dir.path());
        let mut due = at(100);
        let wait = daily_usage(&outbox, &report, &mut due, at(150));
        assert_eq!((wait, due), (Duration::from_secs(3600), at(3750)));
        let ledger = report.usage.lock().unwrap();
        assert_eq!((ledger.since, ledger.reported.total_sessions()), (at(0), 0));
    }

    #[test]
    fn on_closing_a_report_is_put_only_when_something_was_counted() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = Outbox::open(dir.path()).unwrap();
        let usage = Mutex::new(Ledger::new(at(0)));
        assert!(!put_usage(&outbox, &usage, "lobby-1", at(10), false));
        assert_eq!(pending(&outbox), 0);
        usage
            .lock()
            .unwrap()
            .counted
            .sessions
            .insert("es".into(), 1);
        assert!(put_usage(&outbox, &usage, "lobby-1", at(20), false));
        assert_eq!(pending(&outbox), 1);
        // Said, not thrown, when the outbox cannot take it.
        usage
            .lock()
            .unwrap()
            .counted
            .sessions
            .insert("es".into(), 2);
        refuse_puts(dir.path());
        assert!(!put_usage(&outbox, &usage, "lobby-1", at(30), false));
    }
}
