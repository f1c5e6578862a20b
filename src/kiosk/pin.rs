//! The staff PIN pad's rules: digits in, a check against the stored Argon2 hash, and a lock that
//! grows after every five wrong tries. Time is passed in.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

/// Longest PIN the pad takes.
pub const MAX_DIGITS: usize = 8;
/// Shortest PIN `set-pin` accepts.
pub const MIN_DIGITS: usize = 4;
/// Wrong tries before the pad locks.
pub const TRIES: u32 = 5;
/// The first lock; each further lock doubles it.
pub const FIRST_LOCK_SECONDS: f64 = 30.0;

/// What happened when the PIN was entered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PinResult {
    /// Right PIN: open the staff menu.
    Open,
    /// Wrong PIN; this many tries before the pad locks.
    Wrong { tries_left: u32 },
    /// The pad is locked for this many more seconds.
    Locked { seconds: f64 },
}

/// The PIN pad's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PinPad {
    entered: String,
    failures: u32,
    locked_until: f64,
}

impl PinPad {
    /// How many digits are entered (the pad shows dots, never digits).
    pub fn entered_len(&self) -> usize {
        self.entered.len()
    }

    /// Adds a digit.
    pub fn digit(&mut self, d: u8) {
        if d <= 9 && self.entered.len() < MAX_DIGITS {
            self.entered.push(char::from(b'0' + d));
        }
    }

    /// Clears what was entered.
    pub fn clear(&mut self) {
        self.entered.clear();
    }

    /// Seconds the pad stays locked at `now` (0 when open).
    pub fn locked_for(&self, now: f64) -> f64 {
        (self.locked_until - now).max(0.0)
    }

    /// Wrong tries since the last right PIN.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// A pad with `failures` wrong tries behind it, locked for `locked_for` more seconds at `now`
    /// (as kept across a restart; see [`super::lock_state`]).
    pub fn restored(failures: u32, locked_for: f64, now: f64) -> Self {
        Self {
            entered: String::new(),
            failures,
            locked_until: now + locked_for.max(0.0),
        }
    }

    /// Checks what was entered with `verify` and clears it.
    pub fn submit(&mut self, now: f64, verify: impl FnOnce(&str) -> bool) -> PinResult {
        let entered = std::mem::take(&mut self.entered);
        if self.locked_for(now) > 0.0 {
            return PinResult::Locked {
                seconds: self.locked_for(now),
            };
        }
        if verify(&entered) {
            self.failures = 0;
            return PinResult::Open;
        }
        self.failures = self.failures.saturating_add(1);
        if self.failures.is_multiple_of(TRIES) {
            self.locked_until = now + lock_seconds(self.failures);
            PinResult::Locked {
                seconds: self.locked_for(now),
            }
        } else {
            PinResult::Wrong {
                tries_left: TRIES - self.failures % TRIES,
            }
        }
    }
}

/// How long the lock earned by the latest of `failures` wrong tries lasts: 0 before the first
/// five, then 30 s, doubling with each further five (at most 2^10 times as long, about 8.5 h).
pub fn lock_seconds(failures: u32) -> f64 {
    match failures / TRIES {
        0 => 0.0,
        locks => FIRST_LOCK_SECONDS * f64::from(2_u32.pow((locks - 1).min(10))),
    }
}

/// The whole seconds to show for a lock of `seconds`: rounded up, as a countdown shows, but after
/// dropping what floating-point time adds past a whole second (a 30 s lock read 30.000000001 s
/// and showed "Wait 31 seconds").
pub fn seconds_to_show(seconds: f64) -> u64 {
    let millis = (seconds.max(0.0) * 1000.0).round();
    // At most a few hours, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = (millis / 1000.0).ceil() as u64;
    whole
}

/// The wrong-PIN message with its `{tries}` filled in, in words that agree with the count. A
/// language file may write it without a plural ("Tries left: {tries}."); the built-in phrasings
/// "{tries} tries left" and "Le quedan {tries} intentos" are put in the singular for one.
pub fn tries_message(template: &str, tries_left: u32) -> String {
    let text = if tries_left == 1 {
        template
            .replace("{tries} tries", "{tries} try")
            .replace("quedan {tries} intentos", "queda {tries} intento")
    } else {
        template.to_owned()
    };
    text.replace("{tries}", &tries_left.to_string())
}

/// Whether `pin` matches the Argon2 hash (a PHC string). A malformed hash matches nothing.
pub fn verify(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Whether a PIN is one anyone would try first: all one digit (`0000`), or digits that each go
/// up or down by one (`1234`, `4321`, `123456`, `9876`).
pub fn is_trivial(pin: &str) -> bool {
    let digits: Vec<i16> = pin.bytes().map(i16::from).collect();
    let steps: Vec<i16> = digits.windows(2).map(|w| w[1] - w[0]).collect();
    [0, 1, -1]
        .iter()
        .any(|step| steps.iter().all(|s| s == step))
}

/// Why a new staff PIN was refused or could not be hashed (`set-pin` tells staff).
#[derive(Debug, thiserror::Error)]
pub enum PinError {
    /// Not all digits, or too few or too many.
    #[error("a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits")]
    Digits,
    /// One digit repeated, or digits in a row.
    #[error(
        "that PIN is too easy to guess (one digit repeated, or digits in a row); choose another"
    )]
    TooEasy,
    /// Argon2 failed to hash it.
    #[error("{0}")]
    Hash(argon2::password_hash::Error),
}

/// Hashes a PIN for the settings file. Refuses anything but 4 to 8 digits, and trivial PINs.
pub fn hash(pin: &str) -> Result<String, PinError> {
    if !(MIN_DIGITS..=MAX_DIGITS).contains(&pin.len()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(PinError::Digits);
    }
    if is_trivial(pin) {
        return Err(PinError::TooEasy);
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(PinError::Hash)
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    fn enter(pad: &mut PinPad, pin: &str) {
        for c in pin.bytes() {
            pad.digit(c - b'0');
        }
    }

    #[test]
    fn five_wrong_tries_lock_for_longer_each_time() {
        let mut pad = PinPad::default();
        let right = |p: &str| p == "2468";
        for left in (1..=4).rev() {
            enter(&mut pad, "1111");
            assert_eq!(
                pad.submit(0.0, right),
                PinResult::Wrong { tries_left: left }
            );
        }
        enter(&mut pad, "1111");
        assert_eq!(pad.submit(0.0, right), PinResult::Locked { seconds: 30.0 });
        // Even the right PIN is refused while locked.
        enter(&mut pad, "2468");
        assert_eq!(pad.submit(10.0, right), PinResult::Locked { seconds: 20.0 });
        for _ in 0..5 {
            enter(&mut pad, "0000");
            pad.submit(31.0, right);
        }
        assert_eq!(
            pad.locked_for(31.0),
            60.0,
            "the second lock is twice as long"
        );
        enter(&mut pad, "2468");
        assert_eq!(pad.submit(92.0, right), PinResult::Open);
    }

    #[test]
    fn hashes_verify_and_bad_pins_are_refused() {
        let h = hash("2468").expect("hashes");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("2468", &h));
        assert!(!verify("2469", &h));
        assert!(!verify("2468", "not a hash"));
        assert!(hash("12").is_err());
        assert!(hash("12ab").is_err());
    }

    #[test]
    fn a_lock_shows_the_seconds_it_lasts_and_one_try_is_singular() {
        assert_eq!(seconds_to_show(30.0), 30);
        assert_eq!(seconds_to_show(30.000_000_001), 30, "not 31");
        assert_eq!(seconds_to_show(29.2), 30);
        assert_eq!(seconds_to_show(0.0), 0);
        let en = "That PIN is not right. {tries} tries left.";
        assert_eq!(tries_message(en, 1), "That PIN is not right. 1 try left.");
        assert_eq!(tries_message(en, 3), "That PIN is not right. 3 tries left.");
        let es = "Ese PIN no es correcto. Le quedan {tries} intentos.";
        assert_eq!(
            tries_message(es, 1),
            "Ese PIN no es correcto. Le queda 1 intento."
        );
        assert_eq!(
            tries_message(es, 2),
            "Ese PIN no es correcto. Le quedan 2 intentos."
        );
        assert_eq!(tries_message("Tries left: {tries}.", 1), "Tries left: 1.");
    }

    #[test]
    fn trivial_pins_are_refused() {
        for pin in [
            "0000", "1111", "99999999", "1234", "4321", "123456", "0123", "9876", "23456789",
        ] {
            assert!(is_trivial(pin), "{pin}");
            assert!(hash(pin).is_err(), "{pin}");
        }
        for pin in ["2468", "1357", "2580", "1243", "9870"] {
            assert!(!is_trivial(pin), "{pin}");
        }
    }

    #[test]
    fn the_pad_takes_digits_up_to_eight_and_nothing_else_and_clears() {
        let mut pad = PinPad::default();
        for d in [1, 2, 3] {
            pad.digit(d);
        }
        assert_eq!(pad.entered_len(), 3);
        pad.digit(10);
        assert_eq!(pad.entered_len(), 3, "not a digit");
        for _ in 0..10 {
            pad.digit(9);
        }
        assert_eq!(pad.entered_len(), MAX_DIGITS, "at most eight");
        let mut seen = String::new();
        pad.submit(0.0, |pin| {
            pin.clone_into(&mut seen);
            false
        });
        assert_eq!(
            seen, "12399999",
            "the digits, in order, the ninth and later dropped"
        );
        pad.digit(4);
        pad.clear();
        assert_eq!(pad.entered_len(), 0);
        let mut empty = None;
        pad.submit(0.0, |pin| {
            empty = Some(pin.is_empty());
            false
        });
        assert_eq!(empty, Some(true), "cleared digits are not checked");
    }

    #[test]
    fn a_pad_restored_after_a_restart_keeps_its_count_and_its_lock() {
        let pad = PinPad::restored(7, 20.0, 1000.0);
        assert_eq!(pad.failures(), 7);
        assert!((pad.locked_for(1000.0) - 20.0).abs() < 1e-9);
        assert!((pad.locked_for(1015.0) - 5.0).abs() < 1e-9);
        assert_eq!(pad.entered_len(), 0);
        let open = PinPad::restored(3, -5.0, 1000.0);
        assert_eq!(
            open.locked_for(1000.0),
            0.0,
            "a lock in the past is no lock"
        );
        let mut pad = PinPad::restored(9, 0.0, 0.0);
        pad.digit(1);
        assert_eq!(
            pad.submit(0.0, |_| false),
            PinResult::Locked {
                seconds: lock_seconds(10)
            },
            "the tenth wrong try, counted on from the kept nine, locks for 60 s"
        );
        assert_eq!(pad.failures(), 10);
    }
}
