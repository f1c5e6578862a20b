//! What controls ask for. Screens push [`Command`]s; the app carries them out after the frame.
//!
//! The type says who carries each one out, so a new command cannot fall through a catch-all:
//! [`Visit`] goes to the visitor's [`crate::session::Session`], [`KioskCommand`] to the
//! waiting-room runtime ([`crate::kiosk::Kiosk`]), and [`JobRequest`] starts background work
//! through the effects seam ([`crate::effects`]). Every `match` on them is exhaustive.

use crate::selfcheck::{Answer, Side};
use crate::valve::ValveMode;

/// A request from a control, a key or a swipe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Something the visitor does: moving, answering, opening a card.
    Visit(Visit),
    /// Kiosk mode: the idle warning and the staff PIN pad.
    Kiosk(KioskCommand),
    /// The staff menu's actions, carried out by the app.
    Staff(StaffAction),
    /// Work off the screen's thread: printing or sending the answers.
    Job(JobRequest),
    /// Read aloud is on and the visitor touched a paragraph: say these words now.
    Say(String),
}

/// What a visitor does. Carried out by [`crate::session::Session::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visit {
    /// The next screen.
    Next,
    /// The screen before.
    Back,
    /// The welcome screen.
    Home,
    /// A screen by index (a tap on the progress bar).
    GoTo(usize),
    /// Show every word in this language, keeping the place.
    SetLanguage(String),
    /// Open the explanation of a card on the current screen.
    OpenCard(String),
    /// Close the open card.
    CloseCard,
    /// On a "Check your understanding" screen: this answer (by index) to this question.
    QuizAnswer(usize, usize),
    /// Forget this visitor: back to the start in the default language.
    StartAgain,
    /// Begin the self-check.
    StartCheck,
    /// Answer the current self-check question and move on.
    CheckAnswer(Answer),
    /// On a legs question, pick which legs (neither answers at once).
    CheckSide(Side),
    /// On a many-answers question, tick or untick an option.
    CheckToggle(String),
    /// With read-aloud on, an answer touched once (by its label): it is said, and a second touch
    /// gives it.
    CheckArm(String),
    /// Back one step in the self-check (leaves it from the first question).
    CheckBack,
    /// From a red-flag alert, go on with the check.
    CheckContinue,
    /// Done: wipe every answer and start over for the next person.
    FinishCheck,
    /// Show (true) or hide the answers as a QR code for staff.
    ShowCode(bool),
    /// Close the printing or sending message.
    CloseHandoff,
    /// Kiosk: leave the attract screen and start a session, in this language if given.
    Begin(Option<String>),
    /// Animated valve: show healthy or weak valves.
    ValveMode(ValveMode),
    /// Animated valve: squeeze the calf.
    ValveSqueeze,
    /// "Larger text": the next text size (100%, 150%, 200%, then 100% again).
    LargerText,
    /// "High contrast" on or off.
    HighContrast,
    /// "Read aloud" on or off.
    ReadAloud,
    /// "Reduce motion" on or off.
    ReduceMotion,
}

/// Kiosk mode's own controls. Carried out by [`crate::kiosk::Kiosk::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KioskCommand {
    /// "Yes, I am here" on the idle warning.
    StillHere,
    /// Staff: a digit on the PIN pad.
    PinDigit(u8),
    /// Staff: clear the PIN pad.
    PinClear,
    /// Staff: check the PIN.
    PinSubmit,
    /// Staff: close the PIN pad or the staff menu.
    StaffClose,
}

/// What staff choose in the staff menu. Carried out by the app (it needs the window, the content
/// and the effects), and only while the menu is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffAction {
    /// Staff: quit the app.
    LeaveKiosk,
    /// Staff: load the content again from where it came from.
    ReloadContent,
    /// Staff: the language new sessions start in, until restart.
    SetDefaultLanguage(String),
    /// Staff: print a test page.
    PrintTestPage,
    /// Staff: say a sentence through the speech service, to see whether read-aloud works here.
    TestSpeech,
    /// Staff: put the answers the FHIR server refused (dead letters) back in the outbox's queue.
    RetryRefused,
}

/// Background work a visitor asks for from the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobRequest {
    /// Print the summary on the clinic's printer.
    PrintAnswers,
    /// Put the summary (PDF and FHIR file) into the clinic's hand-off folder.
    SendToStaff,
    /// Print the take-home leaflet (no patient data) from a guide screen that offers it.
    PrintLeaflet,
}

impl From<Visit> for Command {
    fn from(visit: Visit) -> Self {
        Self::Visit(visit)
    }
}

impl From<KioskCommand> for Command {
    fn from(command: KioskCommand) -> Self {
        Self::Kiosk(command)
    }
}

impl From<StaffAction> for Command {
    fn from(action: StaffAction) -> Self {
        Self::Staff(action)
    }
}

impl From<JobRequest> for Command {
    fn from(request: JobRequest) -> Self {
        Self::Job(request)
    }
}
