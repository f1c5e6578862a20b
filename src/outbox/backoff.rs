//! How long to wait before trying a failed send again: exponential (2 s, 4 s, 8 s, ...) capped
//! at 5 minutes, with "equal jitter" (half the step fixed, half random) so a room of kiosks
//! that lost the network together do not all come back in the same second; or, when the server
//! said `Retry-After`, what it asked (at most an hour, so a bad header cannot park the queue).

use std::time::{Duration, SystemTime};

/// The first wait.
pub const FIRST: Duration = Duration::from_secs(2);
/// The longest wait the backoff reaches.
pub const CAP: Duration = Duration::from_secs(5 * 60);
/// The longest `Retry-After` honoured.
pub const RETRY_AFTER_MOST: Duration = Duration::from_secs(60 * 60);

/// The wait after the `attempts`-th failed try (1 for the first), `jitter` in `0.0..1.0`.
pub fn delay(attempts: u32, retry_after: Option<Duration>, jitter: f64) -> Duration {
    if let Some(asked) = retry_after {
        return asked.min(RETRY_AFTER_MOST);
    }
    let doublings = attempts.saturating_sub(1).min(16);
    let step = FIRST.saturating_mul(1 << doublings).min(CAP);
    let half = step / 2;
    let wait = half + half.mul_f64(jitter.clamp(0.0, 1.0));
    // Whole milliseconds: what the outbox stores.
    Duration::from_millis(u64::try_from(wait.as_millis()).unwrap_or(u64::MAX))
}

/// A number in `0.0..1.0` from the system's randomness (0.5 if it has none to give).
pub fn jitter() -> f64 {
    let mut b = [0u8; 4];
    match getrandom::fill(&mut b) {
        Ok(()) => fraction(u32::from_le_bytes(b)),
        Err(_) => 0.5,
    }
}

/// 32 random bits as a number in `0.0..1.0` (never 1.0 itself).
fn fraction(bits: u32) -> f64 {
    f64::from(bits) / (f64::from(u32::MAX) + 1.0)
}

/// `Retry-After` as a wait from `now`: seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`). None when it is neither.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(when.timestamp()).ok()?);
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_with_jitter_and_stop_at_five_minutes() {
        assert_eq!(delay(1, None, 0.0), Duration::from_secs(1));
        assert_eq!(delay(1, None, 0.999_999), Duration::from_millis(1999));
        assert_eq!(delay(2, None, 0.5), Duration::from_secs(3));
        assert_eq!(delay(2, None, 0.0), Duration::from_secs(2));
        assert_eq!(delay(3, None, 1.0), Duration::from_secs(8));
        // 256 s at the eighth; from the ninth on, 5 minutes at most and half that at least.
        assert_eq!(delay(8, None, 1.0), Duration::from_secs(256));
        for attempts in [9, 10, 50, u32::MAX] {
            assert_eq!(delay(attempts, None, 1.0), Duration::from_secs(300));
            assert_eq!(delay(attempts, None, 0.0), Duration::from_secs(150));
        }
    }

    #[test]
    fn the_jitter_is_random_in_zero_to_one() {
        let draws: Vec<f64> = (0..8).map(|_| jitter()).collect();
        assert!(draws.iter().all(|j| (0.0..1.0).contains(j)), "{draws:?}");
        assert_eq!(fraction(0), 0.0);
        assert_eq!(fraction(1 << 31), 0.5);
        assert_eq!(fraction(u32::MAX), 1.0 - 1.0 / 4_294_967_296.0);
        // Eight draws of 32 random bits all the same: about one chance in 2^224.
        assert!(draws.iter().any(|j| *j != draws[0]), "{draws:?}");
    }

    #[test]
    fn retry_after_is_honoured_within_an_hour() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_000); // 07:20:00
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::from_secs(480))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        let asked = Some(Duration::from_secs(7));
        assert_eq!(delay(9, asked, 0.3), Duration::from_secs(7));
        assert_eq!(
            delay(1, Some(Duration::from_secs(86_400)), 0.3),
            Duration::from_secs(3600)
        );
        assert_eq!(
            delay(1, Some(Duration::from_secs(3599)), 0.3),
            Duration::from_secs(3599)
        );
    }
}
