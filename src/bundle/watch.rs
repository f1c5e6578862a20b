//! The thread that checks for new content every few minutes, off the screen's thread, and what
//! staff are shown about it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::time::Duration;

use super::{BundleError, Pulled, Puller};

/// What one check found, and when (local time, for staff).
#[derive(Debug)]
pub struct Update {
    pub checked: String,
    pub outcome: Result<Pulled, BundleError>,
}

/// What the staff menu says about pulled content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleStatus {
    /// The version on screen; None: not a bundle (the content the kiosk was started with).
    pub in_use: Option<u64>,
    /// When the source was last checked.
    pub checked: Option<String>,
    /// Why the last check failed; None when it did not.
    pub failed: Option<String>,
    /// A newer version, checked and kept, waiting for the visitor to leave.
    pub waiting: Option<u64>,
}

/// The app's end of the checking thread.
pub struct Watch {
    updates: Receiver<Update>,
    /// The version on screen (0: none), so the thread keeps it on disk until the switch.
    shown: Arc<AtomicU64>,
}

impl Watch {
    /// Checks with `puller` now and then every `every`, in a thread of its own; `wake` asks the
    /// screen to look (egui's `request_repaint`). The thread ends when the watch is dropped.
    pub fn spawn(
        puller: Puller,
        every: Duration,
        shown: Option<u64>,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<Self> {
        let (send, updates) = std::sync::mpsc::channel();
        let shown = Arc::new(AtomicU64::new(shown.unwrap_or(0)));
        let on_screen = Arc::clone(&shown);
        std::thread::Builder::new()
            .name("content-pull".into())
            .spawn(move || {
                lower_priority();
                loop {
                    let now = chrono::Local::now();
                    let keep = match on_screen.load(Ordering::Relaxed) {
                        0 => None,
                        v => Some(v),
                    };
                    let outcome = puller.pull(now.date_naive(), keep);
                    let update = Update {
                        checked: now.format("%Y-%m-%d %H:%M").to_string(),
                        outcome,
                    };
                    if send.send(update).is_err() {
                        return;
                    }
                    wake();
                    std::thread::sleep(every);
                }
            })?;
        Ok(Self { updates, shown })
    }

    /// A watch fed by hand (tests), and the sender that feeds it.
    pub fn channel(shown: Option<u64>) -> (Sender<Update>, Self) {
        let (send, updates) = std::sync::mpsc::channel();
        let shown = Arc::new(AtomicU64::new(shown.unwrap_or(0)));
        (send, Self { updates, shown })
    }

    /// The next update, if one has come.
    pub fn next(&self) -> Option<Update> {
        self.updates.try_recv().ok()
    }

    /// Tells the thread which version is on screen now.
    pub fn showing(&self, version: u64) {
        self.shown.store(version, Ordering::Relaxed);
    }
}

/// Runs the calling thread ten nice steps lower (nice 10 for a kiosk started at 0; at most 19),
/// so that checking and unpacking a bundle never takes the processor from the screen's frames on
/// a small kiosk computer. Relative, so a kiosk started at low priority (`nice -n 19`) never has
/// the thread lifted above itself.
pub fn lower_priority() {
    // SAFETY: gettid, getpriority and setpriority only read and set this thread's scheduling
    // value; all take plain integers and touch no memory of ours.
    let result = unsafe {
        let tid = u32::try_from(libc::gettid()).unwrap_or(0);
        let now = libc::getpriority(libc::PRIO_PROCESS, tid);
        libc::setpriority(libc::PRIO_PROCESS, tid, (now + 10).min(19))
    };
    if result != 0 {
        log::debug!(
            "the content thread keeps its priority: {}",
            std::io::Error::last_os_error()
        );
    }
}

impl BundleStatus {
    /// Takes in one update; returns new content to show when there is some.
    pub fn take(&mut self, update: Update) -> Option<(u64, Box<crate::content::Content>)> {
        self.checked = Some(update.checked);
        match update.outcome {
            Ok(Pulled::UpToDate { .. }) => {
                self.failed = None;
                None
            }
            Ok(Pulled::New { version, content }) => {
                self.failed = None;
                self.waiting = Some(version);
                log::info!("content version {version} is ready; it is shown between visitors");
                Some((version, content))
            }
            Err(e) => {
                log::warn!("content check failed, the content in use is kept: {e}");
                self.failed = Some(e.to_string());
                None
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    /// This thread's nice value.
    fn niceness() -> i32 {
        // SAFETY: reads this thread's own scheduling value.
        unsafe { libc::getpriority(libc::PRIO_PROCESS, u32::try_from(libc::gettid()).unwrap()) }
    }

    /// Ten steps below the screen (at most 19), whatever priority the tests run at: under
    /// `nice -n 19` it once set the thread to 10 as root, above the rest of the kiosk.
    #[test]
    fn the_checking_thread_runs_below_the_screen() {
        let own = niceness();
        let thread = std::thread::spawn(|| {
            let before = niceness();
            super::lower_priority();
            (before, niceness())
        })
        .join()
        .unwrap();
        assert_eq!(
            thread,
            (own, (own + 10).min(19)),
            "the thread's nice before and after"
        );
        assert_eq!(niceness(), own, "only the checking thread is lowered");
    }
}
