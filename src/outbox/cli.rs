//! `vein-kiosk outbox --config FILE [--retry-dead]`: the local queue as staff may see it
//! (counts, ages, references and reasons, never a body), and dead letters put back.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::{Counts, DB_FILE, Listed, Outbox, OutboxError};
use crate::content::Settings;

/// Why `vein-kiosk outbox` cannot report.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The settings name no FHIR server, so there is no outbox to show.
    #[error(
        "the settings set no fhir_server, so this kiosk has no outbox; give the kiosk's settings \
         file with --config FILE"
    )]
    NoServer,
    /// The outbox could not be opened or read.
    #[error(transparent)]
    Outbox(#[from] OutboxError),
}

/// What `vein-kiosk outbox` prints for the kiosk set up by `settings` at `now`; with
/// `retry_dead`, every dead letter is put back in the queue first and the text says how many.
/// Nothing of a resource's body is read.
pub fn outbox_report(
    settings: &Settings,
    retry_dead: bool,
    now: SystemTime,
) -> Result<String, CliError> {
    let server = settings.fhir_server.as_ref().ok_or(CliError::NoServer)?;
    let folder = Path::new(&server.outbox);
    let mut out = format!(
        "Outbox of kiosk {} in {}, sending to {}\n",
        settings.kiosk_id,
        folder.display(),
        server.base_url
    );
    // Looking must not make an outbox (a folder in the wrong place, or owned by whoever ran
    // this): the kiosk makes it when it first queues something.
    if !folder.join(DB_FILE).exists() {
        if retry_dead {
            out.push_str("No dead letters to put back.\n");
        }
        out.push_str("Nothing has been queued here yet (no outbox database).\n");
        return Ok(out);
    }
    let outbox = Outbox::open(folder)?;
    if retry_dead {
        let moved = outbox.retry_dead(now)?;
        let _ = writeln!(
            out,
            "Put {moved} dead letter{} back in the queue; the kiosk's sender tries {} again now.",
            plural(moved),
            if moved == 1 { "it" } else { "them" }
        );
    }
    counts(&mut out, &outbox.counts(now)?);
    let listed = outbox.list()?;
    if !listed.is_empty() {
        out.push('\n');
        for entry in &listed {
            line(&mut out, entry, now);
        }
    }
    Ok(out)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn counts(out: &mut String, counts: &Counts) {
    let oldest = |age: Option<Duration>| {
        age.map(|a| format!(", the oldest queued {} ago", duration(a)))
            .unwrap_or_default()
    };
    let _ = writeln!(
        out,
        "pending: {}{}",
        counts.pending,
        oldest(counts.oldest_pending)
    );
    let _ = writeln!(
        out,
        "dead letters: {}{}",
        counts.dead,
        oldest(counts.oldest_dead)
    );
    if let Some(error) = &counts.last_error {
        let _ = writeln!(out, "last error: {}", one_line(error));
    }
}

/// One entry: `#seq reference type, queued ... ago, N tries[, last error: ...][, DEAD: ...]`.
fn line(out: &mut String, entry: &Listed, now: SystemTime) {
    let age = now.duration_since(entry.queued_at).unwrap_or_default();
    let _ = write!(
        out,
        "#{} {} {}, queued {} ago, {} tr{}",
        entry.seq,
        entry.reference,
        entry.resource_type,
        duration(age),
        entry.attempts,
        if entry.attempts == 1 { "y" } else { "ies" }
    );
    match (&entry.dead, &entry.last_error) {
        // A dead letter's last error is its reason.
        (Some(reason), Some(error)) if error == reason => {}
        (_, Some(error)) => {
            let _ = write!(out, ", last error: {}", one_line(error));
        }
        (_, None) => {}
    }
    if let Some(reason) = &entry.dead {
        let _ = write!(out, ", DEAD: {}", one_line(reason));
    }
    out.push('\n');
}

/// A server's reason on one line, at most 300 characters.
fn one_line(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    match joined.char_indices().nth(300) {
        Some((cut, _)) => format!("{}...", &joined[..cut]),
        None => joined,
    }
}

/// `45 s`, `12 min`, `3 h 12 min`, `2 d 4 h`.
fn duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        3600..86_400 => format!("{} h {} min", s / 3600, s % 3600 / 60),
        _ => format!("{} d {} h", s / 86_400, s % 86_400 / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_in_the_largest_units_that_fit() {
        let d = |s: u64| duration(Duration::from_secs(s));
        assert_eq!(
            [d(0), d(59), d(60), d(3599), d(3600), d(3600 + 12 * 60 + 59)],
            ["0 s", "59 s", "1 min", "59 min", "1 h 0 min", "1 h 12 min"]
        );
        assert_eq!(
            [d(86_399), d(86_400), d(2 * 86_400 + 4 * 3600 + 59)],
            ["23 h 59 min", "1 d 0 h", "2 d 4 h"]
        );
    }

    #[test]
    fn a_servers_reason_on_one_line_of_at_most_300_characters() {
        assert_eq!(one_line("  HTTP 503:\n  busy\t now "), "HTTP 503: busy now");
        let long = "é".repeat(300);
        assert_eq!(one_line(&long), long);
        assert_eq!(one_line(&format!("{long}x")), format!("{long}..."));
    }

    fn listed(attempts: u32, last_error: Option<&str>, dead: Option<&str>) -> String {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(10_000);
        let entry = Listed {
            seq: 4,
            reference: "7KQ-42M".into(),
            resource_type: "QuestionnaireResponse".into(),
            queued_at: now - Duration::from_secs(125),
            attempts,
            last_error: last_error.map(Into::into),
            dead: dead.map(Into::into),
        };
        let mut out = String::new();
        line(&mut out, &entry, now);
        out
    }

    #[test]
    fn one_line_per_entry_with_its_tries_error_and_reason() {
        assert_eq!(
            listed(0, None, None),
            "#4 7KQ-42M QuestionnaireResponse, queued 2 min ago, 0 tries\n"
        );
        assert_eq!(
            listed(1, Some("HTTP 503"), None),
            "#4 7KQ-42M QuestionnaireResponse, queued 2 min ago, 1 try, last error: HTTP 503\n"
        );
        // A dead letter's reason is its last error: said once.
        assert_eq!(
            listed(3, Some("HTTP 422: bad"), Some("HTTP 422: bad")),
            "#4 7KQ-42M QuestionnaireResponse, queued 2 min ago, 3 tries, DEAD: HTTP 422: bad\n"
        );
        assert_eq!(
            listed(3, Some("timed out"), Some("put aside by staff")),
            "#4 7KQ-42M QuestionnaireResponse, queued 2 min ago, 3 tries, last error: timed out, \
             DEAD: put aside by staff\n"
        );
        assert_eq!([plural(0), plural(1), plural(2)], ["s", "", "s"]);
    }

    #[test]
    fn the_counts_with_the_oldest_ages_and_the_last_error() {
        let mut out = String::new();
        counts(
            &mut out,
            &Counts {
                pending: 2,
                dead: 1,
                oldest_pending: Some(Duration::from_secs(125)),
                oldest_dead: None,
                last_error: Some("HTTP 503:\n busy".into()),
                dead_reason: None,
            },
        );
        assert_eq!(
            out,
            "pending: 2, the oldest queued 2 min ago\ndead letters: 1\nlast error: HTTP 503: busy\n"
        );
    }
}
