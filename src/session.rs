//! One visitor's session: where they are, their language, what is open. Commands change it here,
//! outside any UI code, so every rule is testable without a window.

use std::collections::BTreeSet;

use crate::command::Command;
use crate::navigation::Navigation;
use crate::selfcheck::{Answer, BackResult, CheckFlow, SelfCheckDef, Side, Step};

/// A self-check answer being put together on screen: the legs picked before "how often", the
/// options ticked before Next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub side: Option<Side>,
    pub chosen: BTreeSet<String>,
}

/// Where printing or sending the answers stands, shown over the summary. Failures carry the
/// reason for staff (the patient is told plainly and offered the QR code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handoff {
    Printing,
    Printed,
    PrintFailed(String),
    Sending,
    Sent,
    SendFailed(String),
}

/// The state of one visitor's session. Nothing here outlives [`Session::reset`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Current screen.
    pub nav: Navigation,
    /// Code of the language shown.
    pub language: String,
    /// The card whose explanation is open, if any.
    pub open_card: Option<String>,
    /// The self-check, while the person is in it. Its answers live only here.
    pub check: Option<CheckFlow>,
    /// The answer being put together on the current self-check question.
    pub draft: Draft,
    /// Kiosk mode: the attract screen is showing, waiting for the next person.
    pub attract: bool,
    /// The summary's QR code for staff is showing.
    pub show_code: bool,
    /// Printing or sending the answers, and how it went.
    pub handoff: Option<Handoff>,
    kiosk: bool,
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
            check: None,
            draft: Draft::default(),
            attract: false,
            show_code: false,
            handoff: None,
            kiosk: false,
            default_language: default_language.to_owned(),
            generation: 0,
        }
    }

    /// A kiosk session: it starts, and after every reset returns, on the attract screen.
    pub fn kiosk(screens: usize, default_language: &str) -> Self {
        Self {
            attract: true,
            kiosk: true,
            ..Self::new(screens, default_language)
        }
    }

    /// The language new sessions start in.
    pub fn default_language(&self) -> &str {
        &self.default_language
    }

    /// Changes the language new sessions start in (staff menu).
    pub fn set_default_language(&mut self, code: &str) {
        code.clone_into(&mut self.default_language);
    }

    /// Applies one command. `check` is the self-check's definition.
    pub fn apply(&mut self, command: Command, check: &SelfCheckDef) {
        match command {
            Command::Next => self.move_to(|nav| nav.next()),
            Command::Back => self.move_to(Navigation::back),
            Command::Home => self.move_to(Navigation::reset),
            Command::GoTo(index) => self.move_to(|nav| nav.go(index)),
            Command::SetLanguage(code) => self.language = code,
            Command::OpenCard(id) => self.open_card = Some(id),
            Command::CloseCard => self.open_card = None,
            Command::StartAgain | Command::FinishCheck => self.reset(),
            Command::ShowCode(show) => {
                self.show_code = show && self.check.is_some();
                if self.show_code {
                    self.handoff = None;
                }
            }
            Command::CloseHandoff => self.handoff = None,
            Command::Begin(language) => {
                self.attract = false;
                if let Some(code) = language {
                    self.language = code;
                }
            }
            // Carried out by the app, not the session.
            Command::StillHere
            | Command::PinDigit(_)
            | Command::PinClear
            | Command::PinSubmit
            | Command::StaffClose
            | Command::LeaveKiosk
            | Command::ReloadContent
            | Command::SetDefaultLanguage(_)
            | Command::PrintTestPage
            | Command::PrintAnswers
            | Command::SendToStaff
            | Command::ValveMode(_)
            | Command::ValveSqueeze => {}
            Command::StartCheck => {
                self.open_card = None;
                self.check = Some(CheckFlow::start(check));
                self.sync_draft(check);
            }
            Command::CheckAnswer(answer) => self.in_check(check, |flow| flow.answer(check, answer)),
            Command::CheckSide(Side::Neither) => {
                self.in_check(check, |flow| {
                    flow.answer(check, Answer::Legs(Side::Neither, None))
                });
            }
            Command::CheckSide(side) => self.draft.side = Some(side),
            Command::CheckToggle(option) => {
                if !self.draft.chosen.remove(&option) {
                    self.draft.chosen.insert(option);
                }
            }
            Command::CheckContinue => self.in_check(check, |flow| flow.continue_after_alert(check)),
            Command::CheckBack => {
                self.show_code = false;
                if let Some(flow) = &mut self.check
                    && flow.back() == BackResult::Left
                {
                    self.check = None;
                }
                self.sync_draft(check);
            }
        }
    }

    fn in_check(&mut self, def: &SelfCheckDef, step: impl FnOnce(&mut CheckFlow)) {
        if let Some(flow) = &mut self.check {
            step(flow);
        }
        self.sync_draft(def);
    }

    /// The draft starts from the answer already given to the current question, so going back
    /// to change an answer shows it.
    fn sync_draft(&mut self, def: &SelfCheckDef) {
        self.draft = Draft::default();
        let Some(flow) = &self.check else { return };
        let Step::Question(index) = flow.step() else {
            return;
        };
        let Some(question) = def.questions.get(index) else {
            return;
        };
        match flow.answers().get(&question.id) {
            Some(Answer::Legs(side, _)) if *side != Side::Neither => self.draft.side = Some(*side),
            Some(Answer::Chose(chosen)) => self.draft.chosen.clone_from(chosen),
            _ => {}
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
        self.check = None;
        self.draft = Draft::default();
        self.attract = self.kiosk;
        self.show_code = false;
        self.handoff = None;
    }

    fn move_to(&mut self, step: impl FnOnce(&mut Navigation)) {
        self.open_card = None;
        step(&mut self.nav);
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    fn def() -> SelfCheckDef {
        crate::content::Content::built_in()
            .expect("built-in content")
            .selfcheck
    }

    #[test]
    fn language_change_keeps_the_place_and_start_again_forgets_it() {
        let mut s = Session::new(5, "en");
        s.apply(Command::GoTo(3), &def());
        s.apply(Command::SetLanguage("es".into()), &def());
        assert_eq!(s.nav.index(), 3);
        assert_eq!(s.language, "es");
        s.apply(Command::OpenCard("family".into()), &def());
        s.apply(Command::StartAgain, &def());
        assert_eq!(s.nav.index(), 0);
        assert_eq!(s.language, "en");
        assert_eq!(s.open_card, None);
        assert_eq!(s.generation(), 1);
    }

    #[test]
    fn moving_closes_an_open_card() {
        let mut s = Session::new(5, "en");
        s.apply(Command::OpenCard("age".into()), &def());
        s.apply(Command::Next, &def());
        assert_eq!(s.open_card, None);
        assert_eq!(s.nav.index(), 1);
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod check_tests {
    use super::*;

    #[test]
    fn finishing_the_check_wipes_every_answer() {
        let def = crate::content::Content::built_in()
            .expect("built-in content")
            .selfcheck;
        let mut s = Session::new(9, "en");
        s.apply(Command::GoTo(8), &def);
        s.apply(Command::StartCheck, &def);
        s.apply(Command::CheckAnswer(Answer::No), &def);
        s.apply(Command::CheckAnswer(Answer::Yes), &def);
        assert!(s.check.as_ref().is_some_and(|c| c.answers().0.len() == 2));
        s.apply(Command::ShowCode(true), &def);
        assert!(s.show_code);
        s.apply(Command::FinishCheck, &def);
        assert!(
            !s.show_code,
            "the QR of one person is never shown to the next"
        );
        assert_eq!(s.check, None);
        assert_eq!(s.nav.index(), 0);
        assert_eq!(s.draft, Draft::default());
    }

    #[test]
    fn back_from_the_first_question_leaves_the_check_where_it_began() {
        let def = crate::content::Content::built_in()
            .expect("built-in content")
            .selfcheck;
        let mut s = Session::new(9, "en");
        s.apply(Command::GoTo(8), &def);
        s.apply(Command::StartCheck, &def);
        s.apply(Command::CheckBack, &def);
        assert_eq!(s.check, None);
        assert_eq!(s.nav.index(), 8);
    }
}
