//! The ways a visitor's answers reach staff ([`Channel`]): one file each, holding how it
//! delivers and what the screen says about it. `app/jobs.rs` runs a delivery on a job's thread
//! and shows its [`Handoff`] over the summary; `ui/check/overlays.rs` asks [`message`] for the
//! words.
//!
//! A new channel: a variant of [`Channel`] (navigation.rs), a file here with its `deliver` and
//! `message`, its arms in the two matches below and in [`crate::job::JobKind::lane`] (the
//! compiler lists them all), its button and words in the content.

mod folder;
mod printer;
mod record;

use crate::command::JobRequest;
use crate::content::Settings;
use crate::effects::{EffectError, Effects};
use crate::handout::{Handout, Stamp};
use crate::job::Finished;
use crate::navigation::Channel;
use crate::outbox::Recorder;
use crate::selfcheck::HandoffText;

pub use crate::navigation::Handoff;

/// What a delivery needs: the world outside (effects), the clinic's settings, the answers
/// made into a handout at `when`, and the FHIR outbox when the kiosk has one.
pub struct Delivery<'a> {
    pub effects: &'a dyn Effects,
    pub settings: &'a Settings,
    pub handout: &'a Handout,
    pub when: &'a Stamp,
    pub record: Option<&'a Recorder>,
}

/// The channel a visitor's request goes through with these settings: None when it is not a
/// hand-off of the answers (the leaflet).
pub fn chosen(request: JobRequest, settings: &Settings) -> Option<Channel> {
    match request {
        JobRequest::PrintAnswers => Some(Channel::Printer),
        JobRequest::SendToStaff if settings.fhir_server.is_some() => Some(Channel::Record),
        JobRequest::SendToStaff => Some(Channel::Folder),
        JobRequest::PrintLeaflet => None,
    }
}

/// Delivers the answers through `channel`. Blocks: for a job's thread.
pub fn deliver(channel: Channel, delivery: &Delivery<'_>) -> Result<Finished, EffectError> {
    match channel {
        Channel::Printer => printer::deliver(delivery),
        Channel::Folder => folder::deliver(delivery),
        Channel::Record => record::deliver(delivery),
    }
}

/// What the screen says while and after `handoff` runs.
pub fn message<'a>(handoff: &Handoff, words: &'a HandoffText) -> &'a str {
    let state = &handoff.state;
    match handoff.channel {
        Channel::Printer => printer::message(state, words),
        Channel::Folder => folder::message(state, words),
        Channel::Record => record::message(state, words),
    }
}
