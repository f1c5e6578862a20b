//! The presentation: which slide the audience sees (or a black or white screen), the overview
//! and its cursor, a slide number being typed, the talk's timer, whether the presenter view
//! shows and which language its notes are in. Pure: no egui, time passed in.
//!
//! Slides are the guide's screens in order. The open card and the animated valve of the slide
//! live in a [`Session`], the same one the kiosk uses, and change through
//! [`Session::apply`]: presenter mode pushes the kiosk's own [`Visit`]s.

use crate::command::Visit;
use crate::content::{Content, ScreenKind};
use crate::session::Session;

use super::audience::{Audience, Peeled, Shade};
use super::command::{Command, Outcome, Talk};
use super::keys::Key;
use super::timer::{Timer, TimerState};

mod shortcuts;

/// Slides per row in the overview; Up and Down move the cursor by this much.
pub const OVERVIEW_COLUMNS: usize = 5;
/// The longest slide number that can be typed.
const MAX_DIGITS: usize = 3;

/// How a slide is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlideKind {
    /// A guide screen, as words and its picture (or the animated valve).
    Guide,
    /// The way into the self-check, drawn as one slide that explains it with an example
    /// question and an example summary. Nothing is asked, recorded, printed or sent.
    SelfCheck,
}

/// A presentation of the guide.
#[derive(Debug, Clone, PartialEq)]
pub struct Presentation {
    /// The audience's place: the slide's screen, its open card, its valve.
    session: Session,
    /// What covers or opens over that slide.
    audience: Audience,
    slides: Vec<SlideKind>,
    /// Digits of a slide number the presenter is typing (the audience does not see them).
    typed: String,
    timer: Timer,
    presenter_shown: bool,
    notes_language: String,
}

impl Presentation {
    /// A presentation of `content` in `language` (the content's default when `None` or not
    /// offered), on the first slide at time `now`. The notes start in the same language.
    pub fn new(content: &Content, language: Option<&str>, now: f64) -> Self {
        let mut session = Session::new(content, now);
        if let Some(code) = language {
            session.apply(Visit::SetLanguage(code.to_owned()), content, now);
        }
        let slides = content
            .flow
            .screens
            .iter()
            .map(|s| match s.kind {
                ScreenKind::CheckEntry => SlideKind::SelfCheck,
                ScreenKind::Welcome | ScreenKind::Info | ScreenKind::Quiz => SlideKind::Guide,
            })
            .collect();
        Self {
            notes_language: session.language.clone(),
            session,
            audience: Audience::default(),
            slides,
            typed: String::new(),
            timer: Timer::default(),
            presenter_shown: true,
        }
    }

    /// The audience's session: the slide's screen, language, open card and valve.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Index of the slide shown (the same as its screen's index in the flow).
    pub fn current(&self) -> usize {
        self.session.route.screen_index()
    }

    /// The slide after the current one, if there is one.
    pub fn next_slide(&self) -> Option<usize> {
        let next = self.current() + 1;
        (next < self.slides.len()).then_some(next)
    }

    /// How many slides there are.
    pub fn len(&self) -> usize {
        self.slides.len()
    }

    /// Whether there are no slides (content always has screens, so never in practice).
    pub fn is_empty(&self) -> bool {
        self.slides.is_empty()
    }

    /// How slide `index` is drawn.
    pub fn kind(&self, index: usize) -> SlideKind {
        self.slides.get(index).copied().unwrap_or(SlideKind::Guide)
    }

    /// What the audience sees over the slide, as one value.
    pub fn audience(&self) -> Audience {
        self.audience
    }

    /// The black or white screen over the audience's slide, if any.
    pub fn cover(&self) -> Option<Shade> {
        self.audience.shade()
    }

    /// The overview's cursor, while the overview is open.
    pub fn overview(&self) -> Option<usize> {
        self.audience.overview()
    }

    /// The slide number being typed, as typed.
    pub fn typed(&self) -> &str {
        &self.typed
    }

    /// Seconds of talk at `now`.
    pub fn elapsed(&self, now: f64) -> f64 {
        self.timer.elapsed(now)
    }

    /// Whether the timer is running, paused or waiting for the first advance.
    pub fn timer_state(&self) -> TimerState {
        self.timer.state()
    }

    /// Whether the presenter view shows (H hides it, for a mirrored projector).
    pub fn presenter_shown(&self) -> bool {
        self.presenter_shown
    }

    /// The language of the slides.
    pub fn language(&self) -> &str {
        &self.session.language
    }

    /// The language of the speaker notes.
    pub fn notes_language(&self) -> &str {
        &self.notes_language
    }

    /// The gallery picture shown large, if any.
    pub fn picture(&self) -> Option<usize> {
        self.audience.picture()
    }

    /// The card open for the audience, if any.
    pub fn open_card(&self) -> Option<&str> {
        self.session.route.open_card()
    }

    /// Presses `key` at `now`: what it asks for, carried out.
    pub fn press(&mut self, key: Key, content: &Content, now: f64) -> Vec<Outcome> {
        self.apply(self.command_for(key), content, now)
    }

    /// Carries out `command` at time `now` and says what the windows must do. A number being
    /// typed is forgotten by anything but typing it.
    pub fn apply(&mut self, command: Command, content: &Content, now: f64) -> Vec<Outcome> {
        if !matches!(
            command,
            Command::Talk(Talk::Digit(_) | Talk::EraseDigit | Talk::Jump)
        ) {
            self.typed.clear();
        }
        match command {
            Command::Visit(visit) => {
                self.apply_visit(visit, content, now);
                Vec::new()
            }
            Command::Talk(talk) => self.apply_talk(talk, content, now),
        }
    }

    /// A visitor's command, as it works in a talk.
    fn apply_visit(&mut self, visit: Visit, content: &Content, now: f64) {
        let last = self.len().saturating_sub(1);
        match visit {
            Visit::Next => self.step(true, content, now),
            Visit::Back => self.step(false, content, now),
            Visit::Home => self.jump(0, content, now),
            Visit::GoTo(index) => self.jump(index.min(last), content, now),
            Visit::OpenCard(id) => {
                self.audience = self.audience.with_picture(None);
                self.visit(Visit::OpenCard(id), content, now);
            }
            visit @ (Visit::CloseCard
            | Visit::QuizAnswer(..)
            | Visit::ValveMode(_)
            | Visit::ValveSqueeze
            | Visit::SetLanguage(_)) => self.visit(visit, content, now),
            // The self-check slide is an example (nothing is asked, recorded, printed or sent)
            // and a talk has no kiosk session, display settings or hand-off: no control of
            // presenter mode sends these, and they change nothing here.
            Visit::StartAgain
            | Visit::StartCheck
            | Visit::CheckAnswer(_)
            | Visit::CheckSide(_)
            | Visit::CheckToggle(_)
            | Visit::CheckArm(_)
            | Visit::CheckBack
            | Visit::CheckContinue
            | Visit::FinishCheck
            | Visit::ShowCode(_)
            | Visit::CloseHandoff
            | Visit::Begin(_)
            | Visit::LargerText
            | Visit::HighContrast
            | Visit::ReadAloud
            | Visit::ReduceMotion => {}
        }
    }

    /// One of the talk's own commands.
    fn apply_talk(&mut self, talk: Talk, content: &Content, now: f64) -> Vec<Outcome> {
        let last = self.len().saturating_sub(1);
        match talk {
            Talk::Digit(d) => {
                if d <= 9 && self.typed.len() < MAX_DIGITS {
                    self.typed.push(char::from(b'0' + d));
                }
            }
            Talk::EraseDigit => {
                self.typed.pop();
            }
            Talk::ClearNumber => {} // `apply` has forgotten it.
            Talk::Jump => {
                let number: usize = std::mem::take(&mut self.typed).parse().unwrap_or(0);
                if number >= 1 {
                    self.jump((number - 1).min(last), content, now);
                }
            }
            Talk::Cover(shade) => self.audience = self.audience.toggle_shade(shade),
            Talk::Overview => self.audience = self.audience.toggle_overview(self.current()),
            Talk::OverviewMove(by) => {
                self.audience = self
                    .audience
                    .move_cursor(self.len(), |at| at.saturating_add_signed(by));
            }
            Talk::OverviewSet(index) => {
                self.audience = self.audience.move_cursor(self.len(), |_| index);
            }
            Talk::OverviewPick => {
                if let Some(cursor) = self.audience.overview() {
                    self.jump(cursor, content, now);
                }
            }
            Talk::Escape => self.escape(content, now),
            Talk::Restart => {
                self.jump(0, content, now);
                self.timer.reset();
                self.timer.start(now);
            }
            Talk::Resume => {
                self.audience = Audience::default().with_picture(self.audience.picture());
                self.timer.start(now);
            }
            Talk::PauseTimer => self.timer.toggle_pause(now),
            Talk::ResetTimer => self.timer.reset(),
            Talk::TogglePresenter => {
                self.presenter_shown = !self.presenter_shown;
                return vec![Outcome::PresenterShown(self.presenter_shown)];
            }
            Talk::OtherNotes => self.other_notes(content),
            Talk::NextCard => self.next_card(content, now),
            Talk::Picture(index) => self.show_picture(index, content, now),
            Talk::NextPicture => {
                let next = self.audience.picture().map_or(0, |i| i + 1);
                self.show_picture(Some(next), content, now);
            }
            Talk::ToggleValve => self.toggle_valve(content, now),
            Talk::RevealAnswers => self.reveal_answers(content, now),
            Talk::End => return vec![Outcome::End],
        }
        Vec::new()
    }

    /// The answers shown on a "Check your understanding" slide, by question.
    pub fn quiz(&self) -> Option<&std::collections::BTreeMap<usize, usize>> {
        self.session.route.guide().map(|g| &g.quiz)
    }

    /// Moves the valve on to `now` (the audience window calls this each frame it draws).
    pub fn tick(&mut self, now: f64) {
        self.session.tick_valve(now, false);
    }

    /// Next (`forward`) or Back: takes away a black or white screen if there is one, else moves.
    /// Only going forward counts as the first advance that starts the timer.
    fn step(&mut self, forward: bool, content: &Content, now: f64) {
        let (uncovered, was_covered) = self.audience.uncovered();
        if was_covered {
            self.audience = uncovered;
            return;
        }
        let current = self.current();
        if forward {
            self.timer.start(now);
            let last = self.len().saturating_sub(1);
            self.go((current + 1).min(last), content, now);
        } else {
            self.go(current.saturating_sub(1), content, now);
        }
    }

    /// A jump (Home, End, a number, the overview): shows the slide, whatever covered it.
    fn jump(&mut self, index: usize, content: &Content, now: f64) {
        self.audience = Audience::default();
        self.go(index, content, now);
    }

    /// Shows slide `index`, with no card or picture open; a move to another slide starts the
    /// timer.
    fn go(&mut self, index: usize, content: &Content, now: f64) {
        if index != self.current() {
            self.timer.start(now);
        }
        self.audience = self.audience.with_picture(None);
        self.visit(Visit::GoTo(index), content, now);
    }

    fn visit(&mut self, visit: Visit, content: &Content, now: f64) {
        // Presenter mode counts nothing: the events only matter to the kiosk's usage counts.
        let _events = self.session.apply(visit, content, now);
    }

    /// Escape: one layer at a time, the nearest first; with nothing over the slide, its card.
    fn escape(&mut self, content: &Content, now: f64) {
        let (peeled, what) = self.audience.peel();
        self.audience = peeled;
        match what {
            Peeled::Layer => {}
            Peeled::Nothing => {
                if self.open_card().is_some() {
                    self.visit(Visit::CloseCard, content, now);
                }
            }
        }
    }
}
