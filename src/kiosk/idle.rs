//! The idle clock: after a while without a touch, ask "Are you still there?", then wipe. Time is
//! passed in (egui's input time, which tests step), never read from the system here.

/// What the idle clock says at a moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Idle {
    /// Someone is using the kiosk; the warning comes in this many seconds.
    Active { warn_in: f64 },
    /// "Are you still there?": the session is wiped in this many seconds unless someone taps.
    Warning { left: f64 },
    /// Nobody answered: wipe the session now.
    Expired,
}

/// Time since the last touch, against the clinic's idle and warning times.
#[derive(Debug, Clone, PartialEq)]
pub struct IdleClock {
    idle_after: f64,
    warn_for: f64,
    last_touch: f64,
}

impl IdleClock {
    /// A clock that warns after `idle_after` seconds and expires `warn_for` seconds later.
    pub fn new(idle_after: f64, warn_for: f64, now: f64) -> Self {
        Self {
            idle_after,
            warn_for,
            last_touch: now,
        }
    }

    /// Someone touched the screen (or pressed a key): start counting again.
    pub fn touch(&mut self, now: f64) {
        self.last_touch = now;
    }

    /// Where things stand at `now`.
    pub fn state(&self, now: f64) -> Idle {
        let idle = (now - self.last_touch).max(0.0);
        if idle < self.idle_after {
            Idle::Active {
                warn_in: self.idle_after - idle,
            }
        } else if idle < self.idle_after + self.warn_for {
            Idle::Warning {
                left: self.idle_after + self.warn_for - idle,
            }
        } else {
            Idle::Expired
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_then_expires_and_a_touch_starts_over() {
        let mut clock = IdleClock::new(90.0, 30.0, 100.0);
        assert_eq!(clock.state(150.0), Idle::Active { warn_in: 40.0 });
        assert_eq!(clock.state(190.0), Idle::Warning { left: 30.0 });
        assert_eq!(clock.state(219.0), Idle::Warning { left: 1.0 });
        assert_eq!(clock.state(220.0), Idle::Expired);
        clock.touch(215.0);
        assert_eq!(clock.state(220.0), Idle::Active { warn_in: 85.0 });
    }
}
