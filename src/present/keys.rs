//! The presenter's keyboard (and a clicker's keys), and what each key means in the talk's state:
//! the arrows move the overview's cursor while it is open, Enter, Backspace and Escape act on a
//! number being typed.

use crate::command::Visit;

use super::audience::Shade;
use super::command::{Command, Talk};
use super::model::{OVERVIEW_COLUMNS, Presentation};

/// A key as clickers and keyboards send it, before the presentation says what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Right,
    Left,
    Up,
    Down,
    PageDown,
    PageUp,
    Space,
    Enter,
    Backspace,
    Home,
    End,
    Digit(u8),
    /// B: black screen.
    B,
    /// Full stop: black screen (many clickers send it).
    Period,
    /// W: white screen.
    W,
    Tab,
    /// O: overview.
    O,
    Escape,
    /// F5: from the first slide.
    F5,
    /// Shift+F5: from the current slide.
    ShiftF5,
    /// P: pause or resume the timer.
    P,
    /// R: reset the timer.
    R,
    /// H: hide or show the presenter view.
    H,
    /// N: the notes in the next language.
    N,
    /// V: healthy or weak valves.
    V,
    /// S: squeeze the calf.
    S,
    /// C: open the next card of the slide.
    C,
    /// G: show the next picture of the slide's gallery.
    G,
    /// A: show the right answers on a "Check your understanding" slide.
    A,
    /// Ctrl+Q: end the presentation.
    CtrlQ,
}

impl Presentation {
    /// What `key` asks for now.
    pub fn command_for(&self, key: Key) -> Command {
        let typing = !self.typed().is_empty();
        let overview = self.overview().is_some();
        let columns = OVERVIEW_COLUMNS as isize;
        let talk = match key {
            Key::Enter if typing => Talk::Jump,
            Key::Backspace if typing => Talk::EraseDigit,
            Key::Escape if typing => Talk::ClearNumber,
            Key::Right | Key::PageDown | Key::Space if overview => Talk::OverviewMove(1),
            Key::Left | Key::PageUp | Key::Backspace if overview => Talk::OverviewMove(-1),
            Key::Down if overview => Talk::OverviewMove(columns),
            Key::Up if overview => Talk::OverviewMove(-columns),
            Key::Enter if overview => Talk::OverviewPick,
            Key::Home if overview => Talk::OverviewSet(0),
            Key::End if overview => Talk::OverviewSet(self.len().saturating_sub(1)),
            Key::Right | Key::Down | Key::PageDown | Key::Space | Key::Enter => {
                return Visit::Next.into();
            }
            Key::Left | Key::Up | Key::PageUp | Key::Backspace => return Visit::Back.into(),
            Key::Home => return Visit::Home.into(),
            Key::S => return Visit::ValveSqueeze.into(),
            Key::End => return Visit::GoTo(self.len().saturating_sub(1)).into(),
            Key::Digit(d) => Talk::Digit(d),
            Key::B | Key::Period => Talk::Cover(Shade::Black),
            Key::W => Talk::Cover(Shade::White),
            Key::Tab | Key::O => Talk::Overview,
            Key::Escape => Talk::Escape,
            Key::F5 => Talk::Restart,
            Key::ShiftF5 => Talk::Resume,
            Key::P => Talk::PauseTimer,
            Key::R => Talk::ResetTimer,
            Key::H => Talk::TogglePresenter,
            Key::N => Talk::OtherNotes,
            Key::V => Talk::ToggleValve,
            Key::C => Talk::NextCard,
            Key::G => Talk::NextPicture,
            Key::A => Talk::RevealAnswers,
            Key::CtrlQ => Talk::End,
        };
        talk.into()
    }
}
