//! The talk's timer: how long the presenter has been talking. Pure: time is passed in.

/// Elapsed time of a talk. It starts on the first advance, pauses and resumes on request, and
/// resets to zero (then waits for the next advance).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timer {
    /// Seconds counted before the current run (or before the pause).
    banked: f64,
    /// When the current run began, while running.
    running_since: Option<f64>,
    /// Whether it has started since the last reset (so a pause is not mistaken for "not yet").
    started: bool,
}

/// Where the timer stands, for the presenter view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerState {
    /// Waiting for the first advance.
    NotStarted,
    Running,
    Paused,
}

impl Timer {
    /// Starts the timer at `now` if it has not started since the last reset; otherwise nothing
    /// changes (a paused timer stays paused).
    pub fn start(&mut self, now: f64) {
        if !self.started {
            self.started = true;
            self.running_since = Some(now);
        }
    }

    /// Pauses a running timer, or runs a paused or not yet started one.
    pub fn toggle_pause(&mut self, now: f64) {
        match self.running_since.take() {
            Some(since) => self.banked += (now - since).max(0.0),
            None => {
                self.started = true;
                self.running_since = Some(now);
            }
        }
    }

    /// Back to zero, waiting for the next advance.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Seconds counted at `now`.
    pub fn elapsed(&self, now: f64) -> f64 {
        self.banked
            + self
                .running_since
                .map_or(0.0, |since| (now - since).max(0.0))
    }

    /// Running, paused, or not started.
    pub fn state(&self) -> TimerState {
        match (self.started, self.running_since) {
            (false, _) => TimerState::NotStarted,
            (true, Some(_)) => TimerState::Running,
            (true, None) => TimerState::Paused,
        }
    }
}

/// Seconds as `m:ss`, or `h:mm:ss` from an hour on.
pub fn format_elapsed(seconds: f64) -> String {
    let total = seconds.max(0.0).floor() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_for_the_start_then_counts() {
        let mut t = Timer::default();
        assert_eq!(t.state(), TimerState::NotStarted);
        assert_eq!(t.elapsed(50.0), 0.0);
        t.start(10.0);
        assert_eq!(t.state(), TimerState::Running);
        assert_eq!(t.elapsed(25.0), 15.0);
        t.start(20.0);
        assert_eq!(t.elapsed(25.0), 15.0, "a second start changes nothing");
    }

    #[test]
    fn pauses_resumes_and_resets() {
        let mut t = Timer::default();
        t.start(0.0);
        t.toggle_pause(10.0);
        assert_eq!(t.state(), TimerState::Paused);
        assert_eq!(t.elapsed(100.0), 10.0, "a paused timer stands still");
        t.start(100.0);
        assert_eq!(
            t.state(),
            TimerState::Paused,
            "an advance does not resume a pause"
        );
        t.toggle_pause(100.0);
        assert_eq!(t.elapsed(105.0), 15.0);
        t.reset();
        assert_eq!(t.state(), TimerState::NotStarted);
        assert_eq!(t.elapsed(200.0), 0.0);
        t.start(200.0);
        assert_eq!(t.elapsed(201.0), 1.0, "starts again on the next advance");
    }

    #[test]
    fn a_pause_before_the_start_starts_it() {
        let mut t = Timer::default();
        t.toggle_pause(5.0);
        assert_eq!(t.state(), TimerState::Running);
        assert_eq!(t.elapsed(6.0), 1.0);
    }

    #[test]
    fn formats_minutes_and_hours() {
        assert_eq!(format_elapsed(0.0), "0:00");
        assert_eq!(format_elapsed(59.9), "0:59");
        assert_eq!(format_elapsed(754.0), "12:34");
        assert_eq!(format_elapsed(3723.0), "1:02:03");
        assert_eq!(format_elapsed(-3.0), "0:00");
    }
}
