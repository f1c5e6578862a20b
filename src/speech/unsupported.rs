//! No Speech Dispatcher on this system: read-aloud says so to staff.

use super::{Reading, Speech, Voice};

const UNSUPPORTED: &str = "read aloud needs Speech Dispatcher, which this system does not have";

/// Always fails: no speech service is supported here yet.
pub fn speak(_speech: &Speech) -> Result<(), String> {
    Err(UNSUPPORTED.into())
}

/// Nothing to stop.
pub fn stop(_seq: u64) -> Result<(), String> {
    Ok(())
}

/// Nothing was said, so nothing is kept.
pub fn forget(_seq: u64) -> Result<(), String> {
    Ok(())
}

/// Always fails: no speech service is supported here yet.
pub fn voices() -> Result<Vec<Voice>, String> {
    Err(UNSUPPORTED.into())
}

/// Nothing is ever said.
pub fn reading() -> Option<Reading> {
    None
}
