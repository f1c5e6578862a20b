//! The animated valve: a stretch of leg vein whose valves shut behind each calf squeeze
//! (healthy) or let blood slip back and pool (weak). This is its model: positions over time,
//! valve states, squeezes. Pure and time-injected; `crate::ui` draws it.

use std::time::Duration;

use serde::Deserialize;

/// Healthy valves or weak (leaking) ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ValveMode {
    Healthy,
    Weak,
}

/// A calf squeeze: the push, then the muscle relaxing.
pub const PUSH_SECONDS: f64 = 0.6;
pub const RELAX_SECONDS: f64 = 1.0;
/// While someone is watching, the calf squeezes by itself this often.
pub const AUTO_SQUEEZE_EVERY: f64 = 4.0;
/// After this long without a touch the animation stops and asks for no more frames.
pub const IDLE_STOP_SECONDS: f64 = 20.0;
/// The animation never draws faster than this. The squeeze is slow (0.6 s push, 1 s relax), so 15
/// frames a second (animation "on twos") read as smooth motion, and on a box without a GPU every
/// frame is the whole window filled by the CPU.
pub const MAX_FPS: f64 = 15.0;

/// How far blood moves up with one squeeze, in particle spacings.
const PUSH: f32 = 1.0;
/// How much of it slips back when the valves are weak.
const SLIP: f32 = 0.6;
/// Pooled blood added by each weak squeeze, and drained by each healthy one.
const POOL_STEP: f32 = 0.25;

/// What to draw at one moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValveFrame {
    /// How open the valve flaps are: 0 shut, 1 flat against the wall.
    pub open: f32,
    /// How far the calf is squeezing the vein: 0 relaxed, 1 fully.
    pub squeeze: f32,
    /// Position of the blood, in particle spacings (it only matters modulo 1).
    pub blood: f32,
    /// Blood is moving up now (show the up arrow).
    pub rising: bool,
    /// Blood is slipping back now (show the down arrow).
    pub slipping: bool,
    /// Blood pooled at the bottom: 0 none, 1 the vein bulges fully.
    pub pool: f32,
}

/// The animation's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ValveAnimation {
    mode: ValveMode,
    squeeze_started: Option<f64>,
    last_touch: f64,
    last_squeeze: f64,
    /// Blood moved by completed squeezes.
    blood: f32,
    pool: f32,
    /// Squeezes someone asked for (the button or a tap on the picture), not the automatic ones.
    squeezes_asked: u32,
}

impl ValveAnimation {
    /// An animation in `mode`, touched at `now` (so it runs for a while).
    pub fn new(mode: ValveMode, now: f64) -> Self {
        Self {
            mode,
            squeeze_started: None,
            last_touch: now,
            last_squeeze: now - AUTO_SQUEEZE_EVERY,
            blood: 0.0,
            pool: 0.0,
            squeezes_asked: 0,
        }
    }

    /// The current mode.
    pub fn mode(&self) -> ValveMode {
        self.mode
    }

    /// Switches healthy / weak; a touch.
    pub fn set_mode(&mut self, mode: ValveMode, now: f64) {
        self.mode = mode;
        self.last_touch = now;
    }

    /// A squeeze of the calf (the button, or a tap on the calf); a touch. Ignored while one is
    /// already under way.
    pub fn squeeze(&mut self, now: f64) {
        self.last_touch = now;
        self.squeezes_asked += 1;
        if self.squeeze_started.is_none() {
            self.squeeze_started = Some(now);
            self.last_squeeze = now;
        }
    }

    /// How many squeezes someone asked for (the automatic ones are not counted).
    pub fn squeezes_asked(&self) -> u32 {
        self.squeezes_asked
    }

    /// Someone touched the screen: keep running (a tap resumes a stopped animation).
    pub fn touch(&mut self, now: f64) {
        self.last_touch = now;
    }

    /// Whether it is moving: someone touched it in the last 20 seconds.
    pub fn is_running(&self, now: f64) -> bool {
        now - self.last_touch < IDLE_STOP_SECONDS
    }

    /// Advances to `now`: ends a finished squeeze (moving the blood on) and starts the next
    /// automatic one while running.
    pub fn tick(&mut self, now: f64) {
        if let Some(start) = self.squeeze_started
            && now - start >= PUSH_SECONDS + RELAX_SECONDS
        {
            self.squeeze_started = None;
            match self.mode {
                ValveMode::Healthy => {
                    self.blood += PUSH;
                    self.pool = (self.pool - POOL_STEP).max(0.0);
                }
                ValveMode::Weak => {
                    self.blood += PUSH - SLIP;
                    self.pool = (self.pool + POOL_STEP).min(1.0);
                }
            }
        }
        if self.squeeze_started.is_none()
            && self.is_running(now)
            && now - self.last_squeeze >= AUTO_SQUEEZE_EVERY
        {
            self.squeeze_started = Some(now);
            self.last_squeeze = now;
        }
    }

    /// What to draw at `now` (after [`Self::tick`]).
    pub fn frame(&self, now: f64) -> ValveFrame {
        let rest_open = match self.mode {
            ValveMode::Healthy => 0.0,
            // Weak valves never shut fully: that gap is the leak.
            ValveMode::Weak => 0.35,
        };
        let Some(start) = self.squeeze_started else {
            return ValveFrame {
                open: rest_open,
                squeeze: 0.0,
                blood: self.blood,
                rising: false,
                slipping: false,
                pool: self.pool,
            };
        };
        let t = (now - start).max(0.0);
        if t < PUSH_SECONDS {
            let p = ease((t / PUSH_SECONDS) as f32);
            ValveFrame {
                open: p.max(rest_open),
                squeeze: p,
                blood: self.blood + PUSH * p,
                rising: true,
                slipping: false,
                pool: self.pool,
            }
        } else {
            let r = ease(((t - PUSH_SECONDS) / RELAX_SECONDS).min(1.0) as f32);
            let (blood, slipping, pool) = match self.mode {
                ValveMode::Healthy => (
                    self.blood + PUSH,
                    false,
                    (self.pool - POOL_STEP * r).max(0.0),
                ),
                ValveMode::Weak => (
                    self.blood + PUSH - SLIP * r,
                    r < 1.0,
                    (self.pool + POOL_STEP * r).min(1.0),
                ),
            };
            let open = 1.0 - (1.0 - rest_open) * (r * 3.0).min(1.0);
            ValveFrame {
                open,
                squeeze: 1.0 - r,
                blood,
                rising: false,
                slipping,
                pool,
            }
        }
    }

    /// When to draw next: at most 30 times a second while running, never once stopped or when
    /// the person asked for less motion.
    pub fn next_frame(&self, now: f64, reduce_motion: bool) -> Option<Duration> {
        if reduce_motion {
            return None;
        }
        if self.squeeze_started.is_some() {
            return Some(Duration::from_secs_f64(1.0 / MAX_FPS));
        }
        // Between squeezes nothing moves: sleep until the next one starts.
        self.is_running(now).then(|| {
            let wait = (self.last_squeeze + AUTO_SQUEEZE_EVERY - now).max(1.0 / MAX_FPS);
            Duration::from_secs_f64(wait)
        })
    }
}

/// The still picture shown when motion is reduced: valves at rest, with both the push (up
/// arrow) and, for weak valves, the slip back (down arrow) and the pooled blood.
pub fn still(mode: ValveMode) -> ValveFrame {
    match mode {
        ValveMode::Healthy => ValveFrame {
            open: 0.0,
            squeeze: 0.0,
            blood: 0.0,
            rising: true,
            slipping: false,
            pool: 0.0,
        },
        ValveMode::Weak => ValveFrame {
            open: 0.35,
            squeeze: 0.0,
            blood: 0.0,
            rising: true,
            slipping: true,
            pool: 0.75,
        },
    }
}

/// Smooth start and end.
fn ease(x: f32) -> f32 {
    let x = x.clamp(0.0, 1.0);
    x * x * (3.0 - 2.0 * x)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn run(anim: &mut ValveAnimation, from: f64, to: f64) {
        let mut t = from;
        while t <= to {
            anim.tick(t);
            t += 1.0 / MAX_FPS;
        }
    }

    #[test]
    fn healthy_valves_move_blood_up_and_shut_behind_it() {
        let mut a = ValveAnimation::new(ValveMode::Healthy, 0.0);
        a.tick(0.0);
        assert!(
            a.frame(0.3).rising && a.frame(0.3).open > 0.3,
            "the push opens the valves"
        );
        run(&mut a, 0.0, 1.7);
        let f = a.frame(1.7);
        assert_eq!(f.open, 0.0, "shut after the squeeze");
        assert!((f.blood - PUSH).abs() < 1e-6, "blood moved up a whole step");
        assert_eq!(f.pool, 0.0);
        assert!(!f.slipping);
    }

    #[test]
    fn weak_valves_let_blood_slip_back_and_pool() {
        let mut a = ValveAnimation::new(ValveMode::Weak, 0.0);
        a.tick(0.0);
        assert!(
            a.frame(1.0).slipping,
            "blood slips back as the calf relaxes"
        );
        // Three whole squeezes, seen at rest before the fourth.
        let end = 3.0 * AUTO_SQUEEZE_EVERY - 0.1;
        run(&mut a, 0.0, end);
        let f = a.frame(end);
        assert!(f.open > 0.3, "weak valves never shut");
        assert!(
            f.blood < 3.0 * PUSH * 0.5,
            "less than half the blood got up: {}",
            f.blood
        );
        assert!(
            f.pool >= 0.75,
            "blood pools and the vein bulges: {}",
            f.pool
        );
        // Healthy squeezes drain the pool again.
        a.set_mode(ValveMode::Healthy, 9.5);
        run(&mut a, 9.5, 22.0);
        assert_eq!(a.frame(22.0).pool, 0.0);
    }

    #[test]
    fn stops_after_20_seconds_without_a_touch_and_never_under_reduce_motion() {
        let mut a = ValveAnimation::new(ValveMode::Healthy, 0.0);
        run(&mut a, 0.0, 19.0);
        assert!(
            a.next_frame(19.0, false)
                .is_some_and(|d| d.as_secs_f64() >= 1.0 / MAX_FPS - 1e-9),
            "at most MAX_FPS"
        );
        assert_eq!(a.next_frame(19.0, true), None, "reduce motion: no frames");
        run(&mut a, 19.0, 25.0);
        assert_eq!(a.next_frame(25.0, false), None, "idle: no frames");
        let still = a.frame(25.0);
        run(&mut a, 25.0, 40.0);
        assert_eq!(a.frame(40.0), still, "nothing moves once stopped");
        a.squeeze(40.0);
        assert!(a.next_frame(40.0, false).is_some(), "a tap resumes");
    }

    #[test]
    fn between_squeezes_nothing_is_drawn_until_the_next_one() {
        let mut a = ValveAnimation::new(ValveMode::Weak, 0.0);
        a.tick(0.0);
        assert_eq!(
            a.next_frame(0.0, false),
            Some(Duration::from_secs_f64(1.0 / MAX_FPS)),
            "a squeeze is under way: frames at the cap"
        );
        let done = PUSH_SECONDS + RELAX_SECONDS + 0.01;
        a.tick(done);
        let wait = a.next_frame(done, false).expect("still running");
        assert!(
            (wait.as_secs_f64() - (AUTO_SQUEEZE_EVERY - done)).abs() < 1e-6,
            "sleeps until the next squeeze: {wait:?}"
        );
        assert_eq!(
            a.frame(done),
            a.frame(done + 1.0),
            "and nothing moves meanwhile"
        );
    }

    /// The frames of one whole squeeze in `mode`, seen 120 times a second from the moment it
    /// starts to a moment after it ends, with the animation ticked before each frame as the app
    /// does. Starts after a first squeeze with weak valves, so the blood and the pool are not
    /// at zero.
    fn one_squeeze(mode: ValveMode) -> (ValveFrame, Vec<(f64, ValveFrame)>) {
        let mut a = ValveAnimation::new(ValveMode::Weak, 0.0);
        a.tick(0.0);
        a.tick(PUSH_SECONDS + RELAX_SECONDS);
        a.set_mode(mode, 1.9);
        let before = a.frame(2.0);
        assert!(before.pool > 0.2 && before.blood > 0.2, "{before:?}");
        a.squeeze(2.0);
        let frames = (0..=240)
            .map(|i| {
                let now = 2.0 + f64::from(i) / 120.0;
                a.touch(now);
                a.tick(now);
                (now - 2.0, a.frame(now))
            })
            .collect();
        (before, frames)
    }

    fn near(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn a_squeeze_pushes_then_relaxes_smoothly_and_comes_to_rest_where_it_should() {
        for (mode, rest_open, moved, pooled) in [
            (ValveMode::Healthy, 0.0, PUSH, -POOL_STEP),
            (ValveMode::Weak, 0.35, PUSH - SLIP, POOL_STEP),
        ] {
            let (before, frames) = one_squeeze(mode);
            assert!(
                near(before.open, rest_open) && before.squeeze == 0.0,
                "{mode:?}: at rest"
            );
            let at = |t: f64| {
                frames
                    .iter()
                    .find(|(when, _)| (when - t).abs() < 1e-9)
                    .map(|(_, f)| *f)
                    .unwrap()
            };
            // Halfway through the push (ease(0.5) is 0.5): half squeezed, half open (or the
            // weak valve's rest gap, if wider), half the blood's step up, and rising.
            let half = at(PUSH_SECONDS / 2.0);
            assert!(near(half.squeeze, 0.5), "{mode:?}: {half:?}");
            assert!(
                near(half.open, 0.5_f32.max(rest_open)),
                "{mode:?}: {half:?}"
            );
            assert!(
                near(half.blood, before.blood + PUSH * 0.5),
                "{mode:?}: {half:?}"
            );
            assert!(half.rising && !half.slipping && near(half.pool, before.pool));
            // At the top: fully squeezed and open, the whole step up.
            let top = at(PUSH_SECONDS);
            assert!(
                near(top.squeeze, 1.0) && near(top.open, 1.0),
                "{mode:?}: {top:?}"
            );
            assert!(near(top.blood, before.blood + PUSH) && !top.rising);
            // Halfway through relaxing: half squeezed, the valve shut again (it closes in the
            // first third), weak blood half slipped back, half the pool's change made.
            let relaxing = at(PUSH_SECONDS + RELAX_SECONDS / 2.0);
            assert!(near(relaxing.squeeze, 0.5), "{mode:?}: {relaxing:?}");
            assert!(near(relaxing.open, rest_open), "{mode:?}: {relaxing:?}");
            let slipped = PUSH - (PUSH - moved) / 2.0;
            assert!(
                near(relaxing.blood, before.blood + slipped),
                "{mode:?}: {relaxing:?}"
            );
            assert!(near(relaxing.pool, (before.pool + pooled / 2.0).max(0.0)));
            assert_eq!(relaxing.slipping, mode == ValveMode::Weak);
            // A sixth of the way through relaxing, the valve is still closing.
            let closing = at(PUSH_SECONDS + RELAX_SECONDS / 6.0);
            let r = ease(1.0 / 6.0);
            assert!(
                near(closing.open, 1.0 - (1.0 - rest_open) * r * 3.0),
                "{closing:?}"
            );
            // At rest again: the blood moved on by its step, the pool changed by its step.
            let (_, end) = frames.last().unwrap();
            assert!(near(end.blood, before.blood + moved), "{mode:?}: {end:?}");
            assert!(
                near(end.pool, (before.pool + pooled).clamp(0.0, 1.0)),
                "{end:?}"
            );
            assert!(near(end.open, rest_open) && end.squeeze == 0.0 && !end.slipping);
            // And nothing jumps from one frame to the next, the squeeze's end included.
            for pair in frames.windows(2) {
                let ((t, a), (_, b)) = (pair[0], pair[1]);
                let step = [
                    (a.open - b.open).abs(),
                    (a.squeeze - b.squeeze).abs(),
                    (a.blood - b.blood).abs(),
                    (a.pool - b.pool).abs(),
                ];
                assert!(
                    step.iter().all(|d| *d < 0.1),
                    "{mode:?}: a jump at {t:.3} s: {a:?} -> {b:?}"
                );
            }
        }
    }

    #[test]
    fn running_ends_exactly_twenty_seconds_after_the_last_touch() {
        let a = ValveAnimation::new(ValveMode::Healthy, 5.0);
        assert!(a.is_running(5.0 + IDLE_STOP_SECONDS - 0.001));
        assert!(!a.is_running(5.0 + IDLE_STOP_SECONDS));
    }

    #[test]
    fn a_squeeze_due_sooner_than_a_frame_is_waited_for_one_frame() {
        let mut a = ValveAnimation::new(ValveMode::Healthy, 0.0);
        a.tick(0.0);
        a.tick(PUSH_SECONDS + RELAX_SECONDS);
        let almost = AUTO_SQUEEZE_EVERY - 0.01;
        a.tick(almost);
        let wait = a.next_frame(almost, false).expect("running");
        assert!(
            (wait.as_secs_f64() - 1.0 / MAX_FPS).abs() < 1e-9,
            "one frame, not less: {wait:?}"
        );
    }
}
