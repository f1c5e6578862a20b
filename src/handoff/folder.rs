//! "Send to staff" into the clinic's hand-off folder: the answers' PDF and FHIR JSON, written
//! whole through `handoff_folder.rs` (the effects' `send`).

use super::Delivery;
use crate::effects::EffectError;
use crate::job::Finished;
use crate::navigation::HandoffState;
use crate::selfcheck::HandoffText;

pub fn deliver(d: &Delivery<'_>) -> Result<Finished, EffectError> {
    write(d).map(Into::into)
}

/// Writes the files (also used beside the record when both are set).
pub(super) fn write(d: &Delivery<'_>) -> Result<(), EffectError> {
    let folder = d
        .settings
        .handoff_folder
        .as_deref()
        .ok_or(EffectError::NotSet("no hand-off folder is set"))?;
    d.effects.send(
        std::path::Path::new(folder),
        &d.handout.file_stem(d.when),
        &[("pdf", &d.handout.pdf), ("json", d.handout.fhir.as_bytes())],
    )
}

pub fn message<'a>(state: &HandoffState, h: &'a HandoffText) -> &'a str {
    match state {
        HandoffState::Running => &h.sending,
        HandoffState::Done | HandoffState::Recorded { .. } => &h.sent,
        HandoffState::Failed(_) => &h.send_failed,
    }
}
