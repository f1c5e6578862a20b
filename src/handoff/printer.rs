//! "Print my answers": the answers' PDF on the clinic's printer (CUPS, or the clinic's command).

use super::Delivery;
use crate::effects::EffectError;
use crate::job::{Finished, TIME_LIMIT};
use crate::navigation::HandoffState;
use crate::selfcheck::HandoffText;

pub fn deliver(d: &Delivery<'_>) -> Result<Finished, EffectError> {
    d.effects
        .print(d.settings, "answers.pdf", &d.handout.pdf, TIME_LIMIT)
        .map(Into::into)
}

pub fn message<'a>(state: &HandoffState, h: &'a HandoffText) -> &'a str {
    match state {
        HandoffState::Running => &h.printing,
        HandoffState::Done | HandoffState::Recorded { .. } => &h.printed,
        HandoffState::Failed(_) => &h.print_failed,
    }
}
