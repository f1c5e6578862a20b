//! One visitor's session: where they are, their language, what is open. Commands change it here,
//! outside any UI code, so every rule is testable without a window.

use crate::command::Command;
use crate::navigation::Navigation;

/// The state of one visitor's session. Nothing here outlives [`Session::reset`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Current screen.
    pub nav: Navigation,
    /// Code of the language shown.
    pub language: String,
    /// The card whose explanation is open, if any.
    pub open_card: Option<String>,
    default_language: String,
    generation: u64,
}

impl Session {
    /// A fresh session on the first of `screens` screens, in `default_language`.
    pub fn new(screens: usize, default_language: &str) -> Self {
        Self {
            nav: Navigation::new(screens),
            language: default_language.to_owned(),
            open_card: None,
            default_language: default_language.to_owned(),
            generation: 0,
        }
    }

    /// Applies one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Next => self.move_to(|nav| nav.next()),
            Command::Back => self.move_to(Navigation::back),
            Command::Home => self.move_to(Navigation::reset),
            Command::GoTo(index) => self.move_to(|nav| nav.go(index)),
            Command::SetLanguage(code) => self.language = code,
            Command::OpenCard(id) => self.open_card = Some(id),
            Command::CloseCard => self.open_card = None,
            Command::StartAgain => self.reset(),
        }
    }

    /// Counts resets. UI state kept by egui (scroll positions) is keyed by it, so none of it
    /// carries over to the next visitor.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Forgets everything about this visitor.
    pub fn reset(&mut self) {
        self.generation += 1;
        self.nav.reset();
        self.language.clone_from(&self.default_language);
        self.open_card = None;
    }

    fn move_to(&mut self, step: impl FnOnce(&mut Navigation)) {
        self.open_card = None;
        step(&mut self.nav);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_change_keeps_the_place_and_start_again_forgets_it() {
        let mut s = Session::new(5, "en");
        s.apply(Command::GoTo(3));
        s.apply(Command::SetLanguage("es".into()));
        assert_eq!(s.nav.index(), 3);
        assert_eq!(s.language, "es");
        s.apply(Command::OpenCard("family".into()));
        s.apply(Command::StartAgain);
        assert_eq!(s.nav.index(), 0);
        assert_eq!(s.language, "en");
        assert_eq!(s.open_card, None);
        assert_eq!(s.generation(), 1);
    }

    #[test]
    fn moving_closes_an_open_card() {
        let mut s = Session::new(5, "en");
        s.apply(Command::OpenCard("age".into()));
        s.apply(Command::Next);
        assert_eq!(s.open_card, None);
        assert_eq!(s.nav.index(), 1);
    }
}
