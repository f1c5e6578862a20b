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
}
