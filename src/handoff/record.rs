//! "Send to staff" into the clinic's record: the answers as a FHIR `QuestionnaireResponse` in
//! the outbox (on disk before the screen says so) under a short reference the visitor says at
//! the desk, then to the FHIR server. With a hand-off folder set too, the files go there
//! beside it; the record is what the visitor is told about, and a folder that fails is logged.

use std::time::Duration;

use super::Delivery;
use crate::effects::EffectError;
use crate::job::Finished;
use crate::navigation::HandoffState;
use crate::selfcheck::HandoffText;

/// How long "Sending…" waits for the FHIR server to confirm before the screen says the answers
/// are on their way (they are safe in the outbox either way).
const CONFIRM_WAIT: Duration = Duration::from_secs(4);

pub fn deliver(d: &Delivery<'_>) -> Result<Finished, EffectError> {
    // The outbox could not be opened at start (staff were told): say so now.
    let record = d.record.ok_or(EffectError::NoOutbox)?;
    let resource: serde_json::Value = serde_json::from_str(&d.handout.fhir)?;
    let receipt = record.record(&resource, CONFIRM_WAIT)?;
    if d.settings.handoff_folder.is_some()
        && let Err(why) = super::folder::write(d)
    {
        log::warn!("the answers are in the FHIR outbox, but the hand-off folder failed: {why}");
    }
    Ok(receipt.into())
}

pub fn message<'a>(state: &HandoffState, h: &'a HandoffText) -> &'a str {
    match state {
        HandoffState::Running => &h.sending,
        HandoffState::Recorded {
            delivered: true, ..
        } => &h.recorded,
        // In the outbox, not yet confirmed (Done is not given by this channel; said the same).
        HandoffState::Recorded {
            delivered: false, ..
        }
        | HandoffState::Done => &h.record_waiting,
        HandoffState::Failed(_) => &h.send_failed,
    }
}
