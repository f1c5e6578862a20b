//! What screens ask the app to do. Screens push commands; the app applies them after the frame.

use crate::selfcheck::{Answer, Side};

/// A request from the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
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
    /// Forget this visitor: back to the welcome screen in the default language.
    StartAgain,
    /// Begin the self-check.
    StartCheck,
    /// Answer the current self-check question and move on.
    CheckAnswer(Answer),
    /// On a legs question, pick which legs (neither answers at once).
    CheckSide(Side),
    /// On a many-answers question, tick or untick an option.
    CheckToggle(String),
    /// Back one step in the self-check (leaves it from the first question).
    CheckBack,
    /// From a red-flag alert, go on with the check.
    CheckContinue,
    /// Done: wipe every answer and start over for the next person.
    FinishCheck,
    /// Show (true) or hide the answers as a QR code for staff.
    ShowCode(bool),
    /// Print the summary on the clinic's printer.
    PrintAnswers,
    /// Put the summary (PDF and FHIR file) into the clinic's hand-off folder.
    SendToStaff,
    /// Close the printing or sending message.
    CloseHandoff,
    /// Kiosk: leave the attract screen and start a session, in this language if given.
    Begin(Option<String>),
    /// Kiosk: "Yes, I am here" on the idle warning.
    StillHere,
    /// Kiosk staff: a digit on the PIN pad.
    PinDigit(u8),
    /// Kiosk staff: clear the PIN pad.
    PinClear,
    /// Kiosk staff: check the PIN.
    PinSubmit,
    /// Kiosk staff: close the PIN pad or the staff menu.
    StaffClose,
    /// Kiosk staff: quit the app.
    LeaveKiosk,
    /// Kiosk staff: load the content again from where it came from.
    ReloadContent,
    /// Kiosk staff: the language new sessions start in, until restart.
    SetDefaultLanguage(String),
    /// Kiosk staff: print a test page.
    PrintTestPage,
    /// Animated valve: show healthy or weak valves.
    ValveMode(crate::valve::ValveMode),
    /// Animated valve: squeeze the calf.
    ValveSqueeze,
}

impl Command {
    /// Whether the app (not the visitor's session) carries this command out.
    pub fn is_for_app(&self) -> bool {
        matches!(
            self,
            Self::StillHere
                | Self::PinDigit(_)
                | Self::PinClear
                | Self::PinSubmit
                | Self::StaffClose
                | Self::LeaveKiosk
                | Self::ReloadContent
                | Self::SetDefaultLanguage(_)
                | Self::PrintTestPage
                | Self::PrintAnswers
                | Self::SendToStaff
                | Self::ValveMode(_)
                | Self::ValveSqueeze
        )
    }
}
