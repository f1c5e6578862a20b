//! Short references a patient can say at the desk and staff can type: six characters from an
//! alphabet with no look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), drawn from the operating
//! system's randomness, shown as `7KQ-42M`. 25^6 (about 244 million) values: enough that two
//! visitors waiting together never share one, but not unique for ever (by the birthday bound a
//! kiosk giving out 100 a day is likely to repeat an earlier one within a year). So a reference
//! names a visit together with its day: the outbox refuses a repeat still queued, the sender's
//! conditional create also matches the answers' `authored` moment, and staff searching by
//! reference see the date beside each match. The system URI keeps kiosks apart.

/// The alphabet, 25 characters.
pub const ALPHABET: &[u8; 25] = b"34679ACDEFGHJKMNPQRTUVWXY";

/// A fresh reference like `7KQ-42M`; fails only when the system has no randomness to give.
pub fn new_reference() -> Result<String, getrandom::Error> {
    let mut out = String::with_capacity(7);
    // 64 draws of 32 bytes: fewer than 6 of 2,048 random bytes below 250 would take a broken
    // source of randomness, which is said rather than waited on for ever.
    for _ in 0..64 {
        let mut buf = [0u8; 32];
        getrandom::fill(&mut buf)?;
        for c in buf.iter().filter_map(|&b| character(b)) {
            if out.len() == 3 {
                out.push('-');
            }
            out.push(c);
            if out.len() == 7 {
                return Ok(out);
            }
        }
    }
    Err(getrandom::Error::UNEXPECTED)
}

/// The character a random byte stands for, or None for the bytes 250 to 255: rejection
/// sampling (250 = 25 * 10), so that every character is equally likely.
fn character(b: u8) -> Option<char> {
    (b < 250).then(|| char::from(ALPHABET[usize::from(b) % ALPHABET.len()]))
}

/// The default identifier system for what a kiosk sends: `urn:vein-kiosk:<kiosk_id>:answers`.
pub fn default_system(kiosk_id: &str) -> String {
    format!("urn:vein-kiosk:{kiosk_id}:answers")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn references_are_short_unambiguous_and_differ() {
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..2000 {
            let r = new_reference().unwrap();
            assert_eq!(r.len(), 7, "{r}");
            assert_eq!(&r[3..4], "-", "{r}");
            assert!(
                r.chars()
                    .filter(|c| *c != '-')
                    .all(|c| ALPHABET.contains(&(c as u8))),
                "{r}"
            );
            for bad in ['0', 'O', '1', 'I', 'L', '2', 'Z', '5', 'S', '8', 'B'] {
                assert!(!r.contains(bad), "{r} has {bad}");
            }
            seen.insert(r);
        }
        assert!(seen.len() > 1990, "{} distinct of 2000", seen.len());
    }

    #[test]
    fn every_character_from_ten_bytes_and_the_last_six_bytes_from_none() {
        let mut counts = std::collections::BTreeMap::new();
        for b in 0..=255u8 {
            if let Some(c) = character(b) {
                *counts.entry(c).or_insert(0) += 1;
            }
        }
        assert_eq!(counts.len(), 25);
        assert!(counts.values().all(|n| *n == 10), "{counts:?}");
        assert_eq!(
            [character(0), character(24), character(249)],
            [Some('3'), Some('Y'), Some('Y')]
        );
        assert_eq!(character(250), None);
    }

    #[test]
    fn the_default_system_is_the_kiosks_own() {
        assert_eq!(default_system("lobby-1"), "urn:vein-kiosk:lobby-1:answers");
    }
}
