//! Where the visitor is ([`Route`]) and how swipes move between screens. Pure: no egui.

use std::collections::BTreeSet;

use crate::selfcheck::{CheckFlow, Side};
use crate::valve::ValveAnimation;

/// Where the visitor is: the one value every screen, key, timer and the valve match on.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// Kiosk mode, between visitors: the invitation to touch.
    Attract,
    /// A screen of the guide.
    Guide(Guide),
    /// The self-check (questions, alerts, the summary).
    Check(Box<Check>),
}

/// A guide screen and what is open on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    /// Index of the screen in the flow.
    pub screen: usize,
    /// The card whose explanation is open, if any.
    pub card: Option<String>,
    /// The animated valve, on the screens that show it.
    pub valve: Option<ValveAnimation>,
    /// On a "Check your understanding" screen: the answer tapped for each question (by index).
    /// Nothing of it is recorded or sent; it is gone when the screen is left.
    pub quiz: std::collections::BTreeMap<usize, usize>,
    /// The take-home leaflet being printed from this screen, and how it went.
    pub leaflet: Option<LeafletPrint>,
}

/// Printing the take-home leaflet (it holds no patient data). Failures carry the reason for staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeafletPrint {
    Printing,
    Printed,
    Failed(String),
}

/// The self-check in progress. Its answers live only here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// Questions, answers and the current step.
    pub flow: CheckFlow,
    /// The answer being put together on the current question.
    pub draft: Draft,
    /// The guide screen the check was started from (Back from the first question returns there).
    pub from: usize,
    /// On the summary: the QR code, or printing/sending and how it went.
    pub overlay: Option<Overlay>,
}

/// What covers the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The answers as a QR code for staff.
    Code,
    /// Printing or sending the answers, and how it went.
    Handoff(Handoff),
}

/// A self-check answer being put together on screen: the legs picked before "how often", the
/// options ticked before Next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub side: Option<Side>,
    pub chosen: BTreeSet<String>,
    /// With read-aloud on, the answer touched once: it was said, and a second touch gives it.
    pub armed: Option<String>,
}

/// A way the visitor's answers reach staff. Each has one file in `handoff/` that delivers
/// through it and words what the screen says about it; a new way is a new variant here (the
/// compiler then lists every place that must know it) and a new file there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// "Print my answers" on the clinic's printer.
    Printer,
    /// "Send to staff" as files in the clinic's hand-off folder.
    Folder,
    /// "Send to staff" into the clinic's record: the FHIR outbox, then the FHIR server.
    Record,
}

/// Where a hand-off on a channel stands. Failures carry the reason for staff (the patient is
/// told plainly and offered the QR code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandoffState {
    Running,
    Done,
    /// In the clinic's FHIR outbox under this short reference, which the visitor says at the
    /// desk; `delivered`: the server confirmed it already (else it goes when the server answers).
    Recorded {
        reference: String,
        delivered: bool,
    },
    Failed(String),
}

/// Printing or sending the answers: through which channel, and how far it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handoff {
    pub channel: Channel,
    pub state: HandoffState,
}

impl Handoff {
    /// `channel` at `state`.
    pub fn new(channel: Channel, state: HandoffState) -> Self {
        Self { channel, state }
    }

    /// Still waiting for the printer, the folder or the outbox.
    pub fn is_running(&self) -> bool {
        matches!(self.state, HandoffState::Running)
    }

    /// Why it failed, for staff.
    pub fn failure(&self) -> Option<&str> {
        match &self.state {
            HandoffState::Failed(why) => Some(why),
            HandoffState::Running | HandoffState::Done | HandoffState::Recorded { .. } => None,
        }
    }

    /// The reference the visitor says at the desk, once the answers are in the outbox.
    pub fn reference(&self) -> Option<(&str, bool)> {
        match &self.state {
            HandoffState::Recorded {
                reference,
                delivered,
            } => Some((reference, *delivered)),
            HandoffState::Running | HandoffState::Done | HandoffState::Failed(_) => None,
        }
    }
}

impl Route {
    /// The guide screen shown, if a guide screen is shown.
    pub fn guide(&self) -> Option<&Guide> {
        match self {
            Self::Guide(guide) => Some(guide),
            Self::Attract | Self::Check(_) => None,
        }
    }

    /// The self-check, if the visitor is in it.
    pub fn check(&self) -> Option<&Check> {
        match self {
            Self::Check(check) => Some(check),
            Self::Attract | Self::Guide(_) => None,
        }
    }

    /// Whether the attract screen shows (kiosk mode, between visitors).
    pub fn is_attract(&self) -> bool {
        matches!(self, Self::Attract)
    }

    /// What covers the summary, if anything.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.check().and_then(|c| c.overlay.as_ref())
    }

    /// Whether the answers' QR code for staff shows.
    pub fn showing_code(&self) -> bool {
        self.overlay() == Some(&Overlay::Code)
    }

    /// Printing or sending, and how it went, while its message shows.
    pub fn handoff(&self) -> Option<&Handoff> {
        match self.overlay() {
            Some(Overlay::Handoff(handoff)) => Some(handoff),
            Some(Overlay::Code) | None => None,
        }
    }

    /// The self-check's step, if the visitor is in it.
    pub fn check_step(&self) -> Option<crate::selfcheck::Step> {
        self.check().map(|c| c.flow.step())
    }

    /// The animated valve, when the screen shows one.
    pub fn valve(&self) -> Option<&ValveAnimation> {
        self.guide().and_then(|g| g.valve.as_ref())
    }

    /// The open card, if any.
    pub fn open_card(&self) -> Option<&str> {
        self.guide().and_then(|g| g.card.as_deref())
    }

    /// The guide screen shown, or the one the self-check was started from.
    pub fn screen_index(&self) -> usize {
        match self {
            Self::Attract => 0,
            Self::Guide(guide) => guide.screen,
            Self::Check(check) => check.from,
        }
    }
}

/// Which way a swipe went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swipe {
    /// Finger moved right to left: go to the next screen.
    Next,
    /// Finger moved left to right: go back.
    Back,
}

/// The shortest horizontal travel, in points, that counts as a swipe.
pub const SWIPE_MIN_DISTANCE: f32 = 120.0;
/// The longest a swipe may take; slower moves are drags (reading, scrolling).
pub const SWIPE_MAX_SECONDS: f64 = 1.0;

/// Classifies a finger's travel `(dx, dy)` over `seconds`: a swipe is fast, long and mostly
/// sideways, so vertical scrolling never turns the page.
pub fn classify_swipe(dx: f32, dy: f32, seconds: f64) -> Option<Swipe> {
    if seconds > SWIPE_MAX_SECONDS || dx.abs() < SWIPE_MIN_DISTANCE || dx.abs() < 2.0 * dy.abs() {
        return None;
    }
    // Right to left (dx below zero; never zero here) is on to the next screen.
    Some(if dx.is_sign_negative() {
        Swipe::Next
    } else {
        Swipe::Back
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swipes_must_be_long_fast_and_sideways() {
        assert_eq!(classify_swipe(-200.0, 10.0, 0.3), Some(Swipe::Next));
        assert_eq!(classify_swipe(200.0, -30.0, 0.3), Some(Swipe::Back));
        assert_eq!(classify_swipe(-60.0, 0.0, 0.2), None, "too short");
        assert_eq!(classify_swipe(-200.0, 150.0, 0.2), None, "mostly vertical");
        assert_eq!(classify_swipe(-300.0, 0.0, 2.0), None, "too slow");
    }

    #[test]
    fn a_swipe_exactly_at_each_limit_still_turns_the_page() {
        let (far, slow) = (SWIPE_MIN_DISTANCE, SWIPE_MAX_SECONDS);
        assert_eq!(classify_swipe(-far, far / 2.0, slow), Some(Swipe::Next));
        assert_eq!(classify_swipe(far, -far / 2.0, slow), Some(Swipe::Back));
        assert_eq!(
            classify_swipe(-(far - 0.5), 0.0, 0.2),
            None,
            "just too short"
        );
        assert_eq!(
            classify_swipe(-far, far / 2.0 + 0.5, 0.2),
            None,
            "just too steep"
        );
        assert_eq!(
            classify_swipe(-far, 0.0, slow + 0.01),
            None,
            "just too slow"
        );
    }
}
