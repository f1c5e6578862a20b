//! Work off the screen's thread, with a time limit: printing the answers, sending them to the
//! hand-off folder, the staff test page. One type for all of them, polled in one place (the
//! app), and each job knows what it is.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use crate::effects::EffectError;
use crate::navigation::{Channel, HandoffState};
use crate::outbox::Receipt;

/// How long printing or sending may take before the screen says it failed.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);

/// What a job is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// Printing or sending a visitor's answers through a channel (`handoff/`).
    Handoff(Channel),
    /// Staff: a test page.
    TestPage,
    /// The take-home leaflet (no patient data).
    PrintLeaflet,
    /// Read aloud: words handed to the speech service, or a stop.
    Speak,
}

/// What a job needs to itself: the one printer, the one way out to staff (a folder or the FHIR
/// outbox), the one speech service. A job on a lane whose last job never answered is refused
/// rather than started beside it, so a dead printer or network share holds one thread, not one
/// per visitor who tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Printer,
    Send,
    Speech,
}

impl JobKind {
    /// The lane this kind of job uses.
    pub fn lane(self) -> Lane {
        match self {
            Self::Handoff(Channel::Printer) | Self::TestPage | Self::PrintLeaflet => Lane::Printer,
            Self::Handoff(Channel::Folder | Channel::Record) => Lane::Send,
            Self::Speak => Lane::Speech,
        }
    }
}

/// Where a job stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobStatus {
    Running,
    Done,
    /// The answers are in the FHIR outbox under this reference (and perhaps already delivered).
    Recorded(Receipt),
    Failed(String),
}

impl From<JobStatus> for HandoffState {
    fn from(status: JobStatus) -> Self {
        match status {
            JobStatus::Running => Self::Running,
            JobStatus::Done => Self::Done,
            JobStatus::Recorded(receipt) => Self::Recorded {
                reference: receipt.reference,
                delivered: receipt.delivered,
            },
            JobStatus::Failed(why) => Self::Failed(why),
        }
    }
}

/// What finished work hands back: nothing, or the receipt of answers put in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finished {
    Done,
    Recorded(Receipt),
}

impl From<()> for Finished {
    fn from((): ()) -> Self {
        Self::Done
    }
}

impl From<Receipt> for Finished {
    fn from(receipt: Receipt) -> Self {
        Self::Recorded(receipt)
    }
}

/// Work running on its own thread.
#[derive(Debug)]
pub struct Job {
    kind: JobKind,
    result: Receiver<Result<Finished, EffectError>>,
    started: f64,
    limit: Duration,
    /// Reported failed at its time limit; its thread may still be running.
    timed_out: bool,
    /// Set by the thread once `work` has returned: tests wait on it so a run replays the same.
    returned: Arc<AtomicBool>,
}

impl Job {
    /// Runs `work` on a new thread, started at time `now` (the app's clock, in seconds). If it
    /// has not finished `limit` later it is reported as failed: a thread stuck on a dead printer
    /// or network share cannot be stopped, but the screen need not wait for it.
    pub fn spawn<R: Into<Finished>>(
        kind: JobKind,
        now: f64,
        limit: Duration,
        work: impl FnOnce() -> Result<R, EffectError> + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let returned = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&returned);
        std::thread::spawn(move || {
            // The screen may have moved on and dropped the job; then nobody needs the answer.
            tx.send(work().map(Into::into)).ok();
            flag.store(true, Ordering::Release);
        });
        Self {
            kind,
            result: rx,
            started: now,
            limit,
            timed_out: false,
            returned,
        }
    }

    /// What this job is.
    pub fn kind(&self) -> JobKind {
        self.kind
    }

    /// The job's status at time `now`; never blocks.
    pub fn poll(&mut self, now: f64) -> JobStatus {
        match self.result.try_recv() {
            Ok(Ok(Finished::Done)) => JobStatus::Done,
            Ok(Ok(Finished::Recorded(receipt))) => JobStatus::Recorded(receipt),
            Ok(Err(why)) => JobStatus::Failed(why.to_string()),
            Err(TryRecvError::Empty) if now - self.started > self.limit.as_secs_f64() => {
                self.timed_out = true;
                JobStatus::Failed(format!("no answer within {} seconds", self.limit.as_secs()))
            }
            Err(TryRecvError::Empty) => JobStatus::Running,
            Err(TryRecvError::Disconnected) => JobStatus::Failed("the job stopped".into()),
        }
    }
}

impl Job {
    /// Whether it was given up at its time limit (its thread may still be stuck).
    pub fn timed_out(&self) -> bool {
        self.timed_out
    }

    /// Whether its thread is still working (its result not yet sent). Unlike [`Job::poll`] this
    /// takes nothing out: a test can wait for the threads that will end before the next frame.
    pub fn working(&self) -> bool {
        !self.returned.load(Ordering::Acquire)
    }

    /// Whether its thread has ended (its result, if any, is dropped unread): for a job nobody
    /// waits for any more, kept only so its channel is known to be busy.
    pub fn ended(&mut self) -> bool {
        !matches!(self.result.try_recv(), Err(TryRecvError::Empty))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_that_never_ends_is_reported_after_the_limit_on_the_app_clock() {
        let (_keep, hold) = channel::<()>();
        let mut job = Job::spawn(
            JobKind::Handoff(Channel::Printer),
            100.0,
            TIME_LIMIT,
            move || {
                hold.recv().ok();
                Ok(())
            },
        );
        assert_eq!(job.poll(110.0), JobStatus::Running);
        assert!(matches!(job.poll(120.5), JobStatus::Failed(why) if why.contains("no answer")));
        assert_eq!(job.kind(), JobKind::Handoff(Channel::Printer));
    }

    #[test]
    fn a_result_is_reported_as_it_came() {
        let mut job = Job::spawn(JobKind::TestPage, 0.0, TIME_LIMIT, || {
            Err::<(), _>(EffectError::StandIn("no paper".into()))
        });
        let status = loop {
            match job.poll(0.0) {
                JobStatus::Running => std::thread::yield_now(),
                other => break other,
            }
        };
        assert_eq!(status, JobStatus::Failed("no paper".into()));
    }
}
