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
    let mut buf = [0u8; 32];
    while out.len() < 7 {
        getrandom::fill(&mut buf)?;
        // Rejection sampling: 250 = 25 * 10, so every character is equally likely.
        for &b in &buf {
            if out.len() == 7 {
                break;
            }
            if b < 250 {
                if out.len() == 3 {
                    out.push('-');
                }
                out.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
            }
        }
    }
    Ok(out)
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
    fn the_default_system_is_the_kiosks_own() {
        assert_eq!(default_system("lobby-1"), "urn:vein-kiosk:lobby-1:answers");
    }
}
