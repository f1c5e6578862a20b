//! No Speech Dispatcher on this system: read-aloud says so to staff.

use super::{Reading, Speech, SpeechError, Voice};

/// Always fails: no speech service is supported here yet.
pub fn speak(_speech: &Speech) -> Result<(), SpeechError> {
    Err(SpeechError::Unsupported)
}

/// Nothing to stop.
pub fn stop(_seq: u64) -> Result<(), SpeechError> {
    Ok(())
}

/// Nothing was said, so nothing is kept.
pub fn forget(_seq: u64) -> Result<(), SpeechError> {
    Ok(())
}

/// Always fails: no speech service is supported here yet.
pub fn voices() -> Result<Vec<Voice>, SpeechError> {
    Err(SpeechError::Unsupported)
}

/// Nothing is ever said.
pub fn reading() -> Option<Reading> {
    None
}
