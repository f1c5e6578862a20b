//! Everything kiosk mode keeps beside the visitor's session: the idle clock and its warning, the
//! staff gesture, PIN pad and menu, usage counts and the test page's status. Pure, with time
//! passed in; `crate::app` feeds it egui's input.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{Idle, IdleClock, LockFile, LockState, PinPad, PinResult, Usage, pin};
use crate::command::KioskCommand;
use crate::content::{Settings, StaffText};
use crate::job::JobStatus;

/// How long the staff gesture's press in the corner must last.
pub const STAFF_PRESS_SECONDS: f64 = 3.0;

/// The staff menu's state.
#[derive(Debug, Default)]
pub enum Staff {
    #[default]
    Closed,
    /// The PIN pad is showing; the message says why the last try failed.
    Pin {
        pad: PinPad,
        message: Option<String>,
    },
    /// The menu is open; the message reports the last action.
    Menu { message: Option<String> },
}

/// What the idle clock says after a frame's input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IdleEvent {
    /// Someone is here; the warning comes in this many seconds.
    Active { warn_in: f64 },
    /// "Are you still there?" with this many seconds left.
    Warning { left: f64 },
    /// Nobody answered: wipe the session.
    Expired,
}

/// Kiosk mode's state.
#[derive(Debug)]
pub struct Kiosk {
    pub idle: IdleClock,
    pub staff: Staff,
    pub usage: Usage,
    /// Staff chose "Leave kiosk mode": the next close request is honoured.
    pub allow_close: bool,
    /// Seconds left on "Are you still there?", while it shows.
    pub warning_left: Option<f64>,
    /// The last test page's status, shown in the staff menu.
    pub test_page: Option<JobStatus>,
    /// The settings file given with `--config`, for reloading.
    pub config: Option<PathBuf>,
    /// Hide the pointer (touch screens).
    pub touch_only: bool,
    pin_hash: Option<String>,
    corner_press: Option<f64>,
    reached: BTreeSet<usize>,
    /// The PIN pad while closed: its wrong tries and lock survive closing, warnings and wipes.
    staff_pad: PinPad,
    /// Where the pad's wrong tries and lock are kept across restarts (beside `--config`), and
    /// the wall clock it is kept by. None: in memory only.
    lock_file: Option<(LockFile, fn() -> f64)>,
}

impl Kiosk {
    /// Kiosk mode with the clinic's idle times, PIN hash and pointer setting, at time `now`.
    pub fn new(settings: &Settings, config: Option<PathBuf>, now: f64) -> Self {
        if settings.staff_pin_hash.is_none() {
            log::warn!(
                "no staff PIN is set (run `vein-kiosk set-pin`), so the staff menu is disabled"
            );
        }
        Self {
            idle: IdleClock::new(
                f64::from(settings.idle_seconds),
                f64::from(settings.warning_seconds),
                now,
            ),
            staff: Staff::Closed,
            usage: Usage::default(),
            allow_close: false,
            warning_left: None,
            test_page: None,
            config,
            touch_only: settings.touch_only,
            pin_hash: settings.staff_pin_hash.clone(),
            corner_press: None,
            reached: BTreeSet::new(),
            staff_pad: PinPad::default(),
            lock_file: None,
        }
    }

    /// Keeps the PIN pad's wrong tries and lock in `file` (read now, at `now`, and written after
    /// every try that changes them), by the wall clock `wall` (seconds since 1970). A restart
    /// then gives no fresh tries. A file that cannot be read is said in the log and the pad
    /// starts afresh; one that cannot be written leaves the lock in memory only, and says so.
    pub fn keep_pin_lock(&mut self, file: LockFile, wall: fn() -> f64, now: f64) {
        match file.load() {
            Ok(Some(state)) => {
                let left = state.remaining(wall());
                self.staff_pad = PinPad::restored(state.failures, left, now);
                if left > 0.0 {
                    log::warn!(
                        "the staff PIN pad stays locked for {} s more (kept across the restart in {})",
                        pin::seconds_to_show(left),
                        file.path().display()
                    );
                }
            }
            Ok(None) => {}
            Err(why) => log::warn!("the staff PIN pad starts afresh: {why}"),
        }
        self.lock_file = Some((file, wall));
    }

    /// Writes the pad's wrong tries and lock to the lock file, if there is one.
    fn save_pin_lock(&self, pad: &PinPad, now: f64) {
        let Some((file, wall)) = &self.lock_file else {
            return;
        };
        let state = LockState {
            failures: pad.failures(),
            locked_until: wall() + pad.locked_for(now),
        };
        if let Err(why) = file.save(&state) {
            log::warn!("the staff PIN lock is kept in memory only, a restart resets it: {why}");
        }
    }

    /// Reads a frame: `touched` is any press or key; on the attract screen nobody is timed out.
    pub fn tick(&mut self, now: f64, touched: bool, attract: bool) -> IdleEvent {
        if touched || attract {
            self.idle.touch(now);
        }
        match self.idle.state(now) {
            Idle::Active { warn_in } => {
                self.warning_left = None;
                IdleEvent::Active { warn_in }
            }
            Idle::Warning { left } => {
                // The staff menu closes itself when nobody is using it.
                self.close_staff();
                self.warning_left = Some(left);
                IdleEvent::Warning { left }
            }
            Idle::Expired => IdleEvent::Expired,
        }
    }

    /// The staff gesture: `pressed_in_corner` while a finger is held in the corner. Opens the
    /// PIN pad after [`STAFF_PRESS_SECONDS`]; returns how long until then while it is held.
    pub fn corner(&mut self, now: f64, pressed_in_corner: bool) -> Option<f64> {
        if !pressed_in_corner {
            self.corner_press = None;
            return None;
        }
        let start = *self.corner_press.get_or_insert(now);
        if now - start >= STAFF_PRESS_SECONDS {
            self.corner_press = None;
            self.open_pin_pad();
            None
        } else {
            Some(STAFF_PRESS_SECONDS - (now - start))
        }
    }

    /// Opens the PIN pad (the corner press or Ctrl+Alt+S), when a PIN is set.
    pub fn open_pin_pad(&mut self) {
        if self.pin_hash.is_none() {
            log::warn!("the staff gesture was used, but no staff PIN is set (vein-kiosk set-pin)");
            return;
        }
        if matches!(self.staff, Staff::Closed) {
            self.staff = Staff::Pin {
                pad: std::mem::take(&mut self.staff_pad),
                message: None,
            };
        }
    }

    /// Whether the staff menu (behind the PIN) is open.
    pub fn menu_open(&self) -> bool {
        matches!(self.staff, Staff::Menu { .. })
    }

    /// Forgets the visitor: idle warning, staff menu, screens reached. The PIN pad's lock stays.
    pub fn wipe(&mut self, now: f64) {
        self.close_staff();
        self.test_page = None;
        self.forget_visitor(now);
    }

    /// Forgets the visitor but leaves the staff menu as it is (staff reloading the content from
    /// it are told how that went): idle warning, corner press, screens reached.
    pub fn forget_visitor(&mut self, now: f64) {
        self.warning_left = None;
        self.corner_press = None;
        self.reached.clear();
        self.idle.touch(now);
    }

    /// Counts a screen reached in this session, once.
    pub fn reached(&mut self, index: usize, id: &str, language: &str) {
        if self.reached.insert(index) {
            *self
                .usage
                .screens
                .entry((id.to_owned(), language.to_owned()))
                .or_default() += 1;
        }
    }

    /// Carries out the idle warning's button and the PIN pad's keys at `now`; `words` gives the
    /// messages.
    pub fn apply(&mut self, command: &KioskCommand, now: f64, words: &StaffText) {
        match command {
            KioskCommand::StillHere => self.idle.touch(now),
            KioskCommand::PinDigit(d) => {
                if let Staff::Pin { pad, .. } = &mut self.staff {
                    pad.digit(*d);
                }
            }
            KioskCommand::PinClear => {
                if let Staff::Pin { pad, .. } = &mut self.staff {
                    pad.clear();
                }
            }
            KioskCommand::PinSubmit => self.submit_pin(now, words),
            KioskCommand::StaffClose => self.close_staff(),
        }
    }

    fn submit_pin(&mut self, now: f64, words: &StaffText) {
        let Staff::Pin { pad, .. } = &mut self.staff else {
            return;
        };
        let hash = self.pin_hash.clone().unwrap_or_default();
        let before = pad.failures();
        let result = pad.submit(now, |p| pin::verify(p, &hash));
        if pad.failures() != before {
            let pad = pad.clone();
            self.save_pin_lock(&pad, now);
        }
        let Staff::Pin { pad, message } = &mut self.staff else {
            return;
        };
        match result {
            PinResult::Open => {
                self.staff_pad = std::mem::take(pad);
                self.staff = Staff::Menu { message: None };
            }
            PinResult::Wrong { tries_left } => {
                *message = Some(pin::tries_message(&words.wrong_pin, tries_left));
            }
            PinResult::Locked { seconds } => {
                *message = Some(
                    words
                        .locked
                        .replace("{seconds}", &pin::seconds_to_show(seconds).to_string()),
                );
            }
        }
    }

    /// Closes the PIN pad or menu, keeping the pad's lock state for next time.
    pub fn close_staff(&mut self) {
        if let Staff::Pin { pad, .. } = &mut self.staff {
            pad.clear();
            self.staff_pad = std::mem::take(pad);
        }
        self.staff = Staff::Closed;
    }

    /// Sets the message shown in the staff menu.
    pub fn menu_message(&mut self, text: String) {
        if let Staff::Menu { message } = &mut self.staff {
            *message = Some(text);
        }
    }

    /// The PIN pad's lock, whether it is showing or closed: seconds left at `now`.
    pub fn pin_locked_for(&self, now: f64) -> f64 {
        match &self.staff {
            Staff::Pin { pad, .. } => pad.locked_for(now),
            Staff::Closed | Staff::Menu { .. } => self.staff_pad.locked_for(now),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::content::Content;

    fn wall() -> f64 {
        1_800_000_000.0
    }

    /// Types `digits` on the PIN pad and presses OK.
    fn enter(k: &mut Kiosk, digits: [u8; 4], now: f64, words: &StaffText) {
        for d in digits {
            k.apply(&KioskCommand::PinDigit(d), now, words);
        }
        k.apply(&KioskCommand::PinSubmit, now, words);
    }

    fn wrong_try(k: &mut Kiosk, now: f64, words: &StaffText) {
        enter(k, [1, 1, 1, 1], now, words);
    }

    #[test]
    fn the_pads_tries_and_lock_go_to_the_file_by_the_wall_clock_and_come_back_after_a_restart() {
        let c = Content::built_in().unwrap();
        let words = c.language("en").ui.staff.clone();
        let mut settings = c.settings.clone();
        settings.staff_pin_hash = Some(pin::hash("2468").unwrap());
        let dir = tempfile::tempdir().unwrap();
        let file = LockFile::beside(&dir.path().join("settings.ron"));

        let mut k = Kiosk::new(&settings, None, 0.0);
        k.keep_pin_lock(file.clone(), wall, 0.0);
        k.open_pin_pad();
        wrong_try(&mut k, 5.0, &words);
        assert_eq!(
            file.load().unwrap().map(|s| s.failures),
            Some(1),
            "each try kept"
        );
        for _ in 0..4 {
            wrong_try(&mut k, 10.0, &words);
        }
        let kept = file.load().unwrap().expect("kept");
        assert_eq!(kept.failures, 5);
        assert_eq!(
            kept.locked_until,
            wall() + FIRST_LOCK,
            "locked until 30 s after now, by the wall clock, not the app's"
        );

        // A restart: a new kiosk whose app clock starts elsewhere.
        let mut again = Kiosk::new(&settings, None, 500.0);
        assert_eq!(again.pin_locked_for(500.0), 0.0, "before the file is read");
        again.keep_pin_lock(file.clone(), wall, 500.0);
        assert_eq!(again.pin_locked_for(500.0), FIRST_LOCK, "no fresh tries");
        again.open_pin_pad();
        for _ in 0..5 {
            wrong_try(&mut again, 500.0 + FIRST_LOCK, &words);
        }
        assert_eq!(
            file.load().unwrap().map(|s| s.failures),
            Some(10),
            "counted on from the five kept"
        );
        assert_eq!(again.pin_locked_for(500.0 + FIRST_LOCK), 2.0 * FIRST_LOCK);
    }

    const FIRST_LOCK: f64 = pin::FIRST_LOCK_SECONDS;

    /// A kiosk with the built-in settings (idle 90 s, warning 30 s) and a PIN set.
    fn kiosk(now: f64) -> (Kiosk, StaffText) {
        let c = Content::built_in().unwrap();
        let mut settings = c.settings.clone();
        settings.staff_pin_hash = Some(pin::hash("2468").unwrap());
        (
            Kiosk::new(&settings, None, now),
            c.language("en").ui.staff.clone(),
        )
    }

    #[test]
    fn the_corner_held_three_seconds_opens_the_pad_and_letting_go_starts_again() {
        let (mut k, words) = kiosk(0.0);
        assert_eq!(k.corner(10.0, true), Some(STAFF_PRESS_SECONDS));
        assert_eq!(k.corner(11.0, true), Some(STAFF_PRESS_SECONDS - 1.0));
        assert_eq!(k.corner(12.0, false), None, "let go");
        assert_eq!(
            k.corner(12.5, true),
            Some(STAFF_PRESS_SECONDS),
            "timed afresh"
        );
        let left = k.corner(15.4, true).expect("still held");
        assert!((left - 0.1).abs() < 1e-9, "{left}");
        assert!(matches!(k.staff, Staff::Closed), "not yet");
        assert_eq!(k.corner(15.5, true), None, "three seconds: open");
        assert!(matches!(k.staff, Staff::Pin { .. }));
        assert!(!k.menu_open(), "the pad, not the menu");
        enter(&mut k, [2, 4, 6, 8], 16.0, &words);
        assert!(k.menu_open(), "the right PIN opens the menu");
        k.apply(&KioskCommand::StaffClose, 17.0, &words);
        assert!(!k.menu_open());
    }

    #[test]
    fn nobody_is_timed_out_on_the_attract_screen_and_a_touch_restarts_the_clock() {
        let (mut k, _) = kiosk(0.0);
        assert!(
            matches!(k.tick(100.0, false, true), IdleEvent::Active { .. }),
            "attract"
        );
        assert_eq!(
            k.tick(150.0, true, false),
            IdleEvent::Active { warn_in: 90.0 }
        );
        assert!(matches!(
            k.tick(241.0, false, false),
            IdleEvent::Warning { .. }
        ));
        assert!(k.warning_left.is_some());
        assert_eq!(
            k.tick(242.0, true, false),
            IdleEvent::Active { warn_in: 90.0 }
        );
        assert_eq!(k.warning_left, None);
        assert_eq!(k.tick(362.0, false, false), IdleEvent::Expired);
    }

    #[test]
    fn a_wipe_forgets_the_visitor_and_the_menu_and_counts_each_screen_once_a_visit() {
        let (mut k, words) = kiosk(0.0);
        k.reached(0, "welcome", "en");
        k.reached(0, "welcome", "en");
        k.reached(1, "healthy-veins", "en");
        let count = |k: &Kiosk, id: &str| k.usage.screens.get(&(id.into(), "en".into())).copied();
        assert_eq!(count(&k, "welcome"), Some(1), "once a visit");
        k.open_pin_pad();
        enter(&mut k, [2, 4, 6, 8], 1.0, &words);
        k.menu_message("printed".into());
        assert!(
            matches!(&k.staff, Staff::Menu { message: Some(m) } if m == "printed"),
            "the menu shows its message"
        );
        k.corner(2.0, true);
        k.tick(95.0, false, false);
        assert!(k.warning_left.is_some());
        k.wipe(130.0);
        assert!(matches!(k.staff, Staff::Closed), "the menu closed");
        assert_eq!(k.warning_left, None);
        assert_eq!(
            k.corner(131.0, true),
            Some(STAFF_PRESS_SECONDS),
            "the press forgotten"
        );
        assert_eq!(
            k.tick(131.0, false, false),
            IdleEvent::Active { warn_in: 89.0 }
        );
        k.reached(0, "welcome", "en");
        assert_eq!(
            count(&k, "welcome"),
            Some(2),
            "the next visitor counts again"
        );
        // forget_visitor alone leaves the menu open (staff reloading from it are told how
        // that went).
        k.open_pin_pad();
        enter(&mut k, [2, 4, 6, 8], 140.0, &words);
        k.forget_visitor(141.0);
        assert!(k.menu_open());
        k.reached(0, "welcome", "en");
        assert_eq!(count(&k, "welcome"), Some(3));
    }
}
