//! What a key or a control of the presenter view asks for. Where it means what a visitor's
//! command means on the kiosk (the next slide, the one before, a slide by number, a card, the
//! valve), it is that same [`Visit`]; only what belongs to a talk is a [`Talk`].

use crate::command::Visit;

use super::audience::Shade;

/// A presenter's request: a visitor's command, or one of the talk's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Means what it means on the kiosk. In a talk, Next and Back first take away a black or
    /// white screen, and a move by number or from the overview shows the slide whatever covers
    /// it. The self-check's and the kiosk's own visits do nothing in a talk: no control of
    /// presenter mode sends them (the self-check slide is an example, nothing is asked).
    Visit(Visit),
    /// The talk's own.
    Talk(Talk),
}

/// What only a talk has: covers, the overview, typing a slide number, the timer, the presenter
/// view and its notes, and the shortcuts that step through a slide's cards and pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Talk {
    /// A digit of a slide number.
    Digit(u8),
    /// Rubs out the last digit typed.
    EraseDigit,
    /// Forgets the number being typed.
    ClearNumber,
    /// Goes to the slide number typed.
    Jump,
    /// Black or white screen; the same again returns to the slide.
    Cover(Shade),
    /// Opens or closes the overview.
    Overview,
    /// Moves the overview's cursor by this many slides.
    OverviewMove(isize),
    /// Puts the overview's cursor on a slide.
    OverviewSet(usize),
    /// Shows the slide under the overview's cursor.
    OverviewPick,
    /// Takes away what is nearest: a black or white screen, the overview, a picture, a card.
    /// Never ends the presentation.
    Escape,
    /// F5: the first slide, the timer from zero.
    Restart,
    /// Shift+F5: the current slide, nothing covering it, the timer running.
    Resume,
    PauseTimer,
    ResetTimer,
    /// Hides or shows the presenter view.
    TogglePresenter,
    /// The notes in the next language.
    OtherNotes,
    /// Opens the slide's next card (after the last: none).
    NextCard,
    /// Shows one picture of the slide's gallery large, or none.
    Picture(Option<usize>),
    /// Shows the gallery's next picture (after the last: none).
    NextPicture,
    /// Switches between healthy and weak valves.
    ToggleValve,
    /// On a "Check your understanding" slide: shows each question's right answer and why, as a
    /// visitor's right answer shows on the kiosk.
    RevealAnswers,
    /// Ends the presentation.
    End,
}

/// What a command did that the windows must carry out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Close both windows.
    End,
    /// Show (true) or hide the presenter view.
    PresenterShown(bool),
}

impl From<Visit> for Command {
    fn from(visit: Visit) -> Self {
        Self::Visit(visit)
    }
}

impl From<Talk> for Command {
    fn from(talk: Talk) -> Self {
        Self::Talk(talk)
    }
}
