//! What screens ask the app to do. Screens push commands; the app applies them after the frame.

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
}
