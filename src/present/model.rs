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
use crate::valve::ValveMode;

use super::timer::{Timer, TimerState};

/// Slides per row in the overview; Up and Down move the cursor by this much.
pub const OVERVIEW_COLUMNS: usize = 5;
/// The longest slide number that can be typed.
const MAX_DIGITS: usize = 3;

/// What the audience sees instead of the slide, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    /// The slide.
    None,
    /// A black screen (B or .).
    Black,
    /// A white screen (W).
    White,
}

/// How a slide is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlideKind {
    /// A guide screen, as words and its picture (or the animated valve).
    Guide,
    /// The way into the self-check, drawn as one slide that explains it with an example
    /// question and an example summary. Nothing is asked, recorded, printed or sent.
    SelfCheck,
}

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

/// What a key or a control of the presenter view asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// The next slide (or back from a black or white screen).
    Next,
    /// The slide before (or back from a black or white screen).
    Back,
    First,
    Last,
    /// A slide by index.
    GoTo(usize),
    /// A digit of a slide number.
    Digit(u8),
    /// Rubs out the last digit typed.
    EraseDigit,
    /// Goes to the slide number typed.
    Jump,
    /// Black or white screen; the same again returns to the slide.
    Cover(Cover),
    /// Opens or closes the overview.
    Overview,
    /// Moves the overview's cursor by this many slides.
    OverviewMove(isize),
    /// Puts the overview's cursor on a slide.
    OverviewSet(usize),
    /// Shows the slide under the overview's cursor.
    OverviewPick,
    /// Leaves, in this order: a number being typed, a black or white screen, the overview, a
    /// picture, a card. Never ends the presentation.
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
    /// Opens a card of the slide for the audience.
    OpenCard(String),
    CloseCard,
    /// Opens the slide's next card (after the last: none).
    NextCard,
    /// Shows one picture of the slide's gallery large, or none.
    Picture(Option<usize>),
    /// Shows the gallery's next picture (after the last: none).
    NextPicture,
    /// Healthy or weak valves.
    Valve(ValveMode),
    /// Switches between healthy and weak valves.
    ToggleValve,
    /// Squeezes the calf.
    Squeeze,
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

/// A presentation of the guide.
#[derive(Debug, Clone, PartialEq)]
pub struct Presentation {
    /// The audience's place: the slide's screen, its open card, its valve.
    session: Session,
    slides: Vec<SlideKind>,
    current: usize,
    cover: Cover,
    /// The overview's cursor, while it is open.
    overview: Option<usize>,
    /// Digits of a slide number being typed.
    typed: String,
    timer: Timer,
    presenter_shown: bool,
    notes_language: String,
    /// The gallery picture shown large, by index in the slide's gallery.
    picture: Option<usize>,
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
            slides,
            current: 0,
            cover: Cover::None,
            overview: None,
            typed: String::new(),
            timer: Timer::default(),
            presenter_shown: true,
            picture: None,
        }
    }

    /// The audience's session: the slide's screen, language, open card and valve.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Index of the slide shown (the same as its screen's index in the flow).
    pub fn current(&self) -> usize {
        self.current
    }

    /// The slide after the current one, if there is one.
    pub fn next_slide(&self) -> Option<usize> {
        (self.current + 1 < self.slides.len()).then_some(self.current + 1)
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

    /// What covers the audience's slide.
    pub fn cover(&self) -> Cover {
        self.cover
    }

    /// The overview's cursor, while the overview is open.
    pub fn overview(&self) -> Option<usize> {
        self.overview
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
        self.picture
    }

    /// The card open for the audience, if any.
    pub fn open_card(&self) -> Option<&str> {
        self.session.route.open_card()
    }

    /// What `key` asks for now: arrows move the overview's cursor while it is open, Enter and
    /// Backspace act on a number being typed.
    pub fn command_for(&self, key: Key) -> Command {
        let typing = !self.typed.is_empty();
        let overview = self.overview.is_some();
        let columns = OVERVIEW_COLUMNS as isize;
        match key {
            Key::Enter if typing => Command::Jump,
            Key::Backspace if typing => Command::EraseDigit,
            Key::Right | Key::PageDown | Key::Space if overview => Command::OverviewMove(1),
            Key::Left | Key::PageUp | Key::Backspace if overview => Command::OverviewMove(-1),
            Key::Down if overview => Command::OverviewMove(columns),
            Key::Up if overview => Command::OverviewMove(-columns),
            Key::Enter if overview => Command::OverviewPick,
            Key::Home if overview => Command::OverviewSet(0),
            Key::End if overview => Command::OverviewSet(self.len().saturating_sub(1)),
            Key::Right | Key::Down | Key::PageDown | Key::Space | Key::Enter => Command::Next,
            Key::Left | Key::Up | Key::PageUp | Key::Backspace => Command::Back,
            Key::Home => Command::First,
            Key::End => Command::Last,
            Key::Digit(d) => Command::Digit(d),
            Key::B | Key::Period => Command::Cover(Cover::Black),
            Key::W => Command::Cover(Cover::White),
            Key::Tab | Key::O => Command::Overview,
            Key::Escape => Command::Escape,
            Key::F5 => Command::Restart,
            Key::ShiftF5 => Command::Resume,
            Key::P => Command::PauseTimer,
            Key::R => Command::ResetTimer,
            Key::H => Command::TogglePresenter,
            Key::N => Command::OtherNotes,
            Key::V => Command::ToggleValve,
            Key::S => Command::Squeeze,
            Key::C => Command::NextCard,
            Key::G => Command::NextPicture,
            Key::A => Command::RevealAnswers,
            Key::CtrlQ => Command::End,
        }
    }

    /// Presses `key` at `now`: what it asks for, carried out.
    pub fn press(&mut self, key: Key, content: &Content, now: f64) -> Vec<Outcome> {
        self.apply(self.command_for(key), content, now)
    }

    /// Carries out `command` at time `now` and says what the windows must do.
    pub fn apply(&mut self, command: Command, content: &Content, now: f64) -> Vec<Outcome> {
        if !matches!(
            command,
            Command::Digit(_) | Command::EraseDigit | Command::Jump | Command::Escape
        ) {
            self.typed.clear();
        }
        let last = self.len().saturating_sub(1);
        match command {
            Command::Next => self.step(true, content, now),
            Command::Back => self.step(false, content, now),
            Command::First => self.jump(0, content, now),
            Command::Last => self.jump(last, content, now),
            Command::GoTo(index) => self.jump(index.min(last), content, now),
            Command::Digit(d) => {
                if d <= 9 && self.typed.len() < MAX_DIGITS {
                    self.typed.push(char::from(b'0' + d));
                }
            }
            Command::EraseDigit => {
                self.typed.pop();
            }
            Command::Jump => {
                let number: usize = std::mem::take(&mut self.typed).parse().unwrap_or(0);
                if number >= 1 {
                    self.jump((number - 1).min(last), content, now);
                }
            }
            Command::Cover(cover) => {
                self.cover = if self.cover == cover {
                    Cover::None
                } else {
                    cover
                };
            }
            Command::Overview => {
                self.overview = self.overview.xor(Some(self.current));
            }
            Command::OverviewMove(by) => self.move_cursor(|at| at.saturating_add_signed(by)),
            Command::OverviewSet(index) => self.move_cursor(|_| index),
            Command::OverviewPick => {
                if let Some(cursor) = self.overview {
                    self.jump(cursor, content, now);
                }
            }
            Command::Escape => self.escape(content, now),
            Command::Restart => {
                self.jump(0, content, now);
                self.timer.reset();
                self.timer.start(now);
            }
            Command::Resume => {
                self.cover = Cover::None;
                self.overview = None;
                self.timer.start(now);
            }
            Command::PauseTimer => self.timer.toggle_pause(now),
            Command::ResetTimer => self.timer.reset(),
            Command::TogglePresenter => {
                self.presenter_shown = !self.presenter_shown;
                return vec![Outcome::PresenterShown(self.presenter_shown)];
            }
            Command::OtherNotes => self.other_notes(content),
            Command::OpenCard(id) => {
                self.picture = None;
                self.visit(Visit::OpenCard(id), content, now);
            }
            Command::CloseCard => self.visit(Visit::CloseCard, content, now),
            Command::NextCard => self.next_card(content, now),
            Command::Picture(index) => self.show_picture(index, content, now),
            Command::NextPicture => {
                let next = self.picture.map_or(0, |i| i + 1);
                self.show_picture(Some(next), content, now);
            }
            Command::Valve(mode) => self.visit(Visit::ValveMode(mode), content, now),
            Command::ToggleValve => self.toggle_valve(content, now),
            Command::Squeeze => self.visit(Visit::ValveSqueeze, content, now),
            Command::RevealAnswers => self.reveal_answers(content, now),
            Command::End => return vec![Outcome::End],
        }
        Vec::new()
    }

    /// Every question of a "Check your understanding" slide answered rightly, so the slide shows
    /// the right answers and why. Other slides: nothing.
    fn reveal_answers(&mut self, content: &Content, now: f64) {
        let Some(screen) = content.flow.screens.get(self.current) else {
            return;
        };
        let language = content.language(&self.session.language);
        let rights: Vec<usize> = language
            .screens
            .get(&screen.id)
            .map(|t| t.quiz.iter().map(|q| q.right).collect())
            .unwrap_or_default();
        for (question, right) in rights.into_iter().enumerate() {
            self.visit(Visit::QuizAnswer(question, right), content, now);
        }
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
        if self.uncover() {
            return;
        }
        if forward {
            self.timer.start(now);
            let last = self.len().saturating_sub(1);
            self.go((self.current + 1).min(last), content, now);
        } else {
            self.go(self.current.saturating_sub(1), content, now);
        }
    }

    /// Moves the overview's cursor, if it is open, to where `to` says (kept on the grid).
    fn move_cursor(&mut self, to: impl FnOnce(usize) -> usize) {
        let last = self.len().saturating_sub(1);
        if let Some(cursor) = &mut self.overview {
            *cursor = to(*cursor).min(last);
        }
    }

    /// Shows a picture of the slide's gallery large (closing any card), or none.
    fn show_picture(&mut self, index: Option<usize>, content: &Content, now: f64) {
        self.picture = index.filter(|i| *i < self.gallery_len(content));
        if self.picture.is_some() {
            self.visit(Visit::CloseCard, content, now);
        }
    }

    fn toggle_valve(&mut self, content: &Content, now: f64) {
        if let Some(valve) = self.session.route.valve() {
            let other = match valve.mode() {
                ValveMode::Healthy => ValveMode::Weak,
                ValveMode::Weak => ValveMode::Healthy,
            };
            self.visit(Visit::ValveMode(other), content, now);
        }
    }

    /// Takes away a black or white screen; says whether there was one.
    fn uncover(&mut self) -> bool {
        std::mem::replace(&mut self.cover, Cover::None) != Cover::None
    }

    /// A jump (Home, End, a number, the overview): shows the slide, whatever covered it.
    fn jump(&mut self, index: usize, content: &Content, now: f64) {
        self.cover = Cover::None;
        self.overview = None;
        self.go(index, content, now);
    }

    /// Shows slide `index`, with no card or picture open; a move to another slide starts the
    /// timer.
    fn go(&mut self, index: usize, content: &Content, now: f64) {
        if index != self.current {
            self.timer.start(now);
        }
        self.current = index;
        self.picture = None;
        self.visit(Visit::GoTo(index), content, now);
    }

    fn visit(&mut self, visit: Visit, content: &Content, now: f64) {
        // Presenter mode counts nothing: the events only matter to the kiosk's usage counts.
        let _events = self.session.apply(visit, content, now);
    }

    fn escape(&mut self, content: &Content, now: f64) {
        if !self.typed.is_empty() {
            self.typed.clear();
            return;
        }
        // One layer at a time, the nearest first.
        if self.uncover() || self.overview.take().is_some() || self.picture.take().is_some() {
            return;
        }
        if self.open_card().is_some() {
            self.visit(Visit::CloseCard, content, now);
        }
    }

    fn other_notes(&mut self, content: &Content) {
        let codes: Vec<&str> = content.languages.iter().map(|l| l.code.as_str()).collect();
        let at = codes.iter().position(|c| *c == self.notes_language);
        let next = at.map_or(0, |i| (i + 1) % codes.len().max(1));
        if let Some(code) = codes.get(next) {
            (*code).clone_into(&mut self.notes_language);
        }
    }

    fn next_card(&mut self, content: &Content, now: f64) {
        let Some(screen) = content.flow.screens.get(self.current) else {
            return;
        };
        let next = match self.open_card() {
            None => screen.cards.first(),
            Some(open) => screen
                .cards
                .iter()
                .position(|c| c == open)
                .and_then(|i| screen.cards.get(i + 1)),
        };
        match next {
            Some(id) => {
                let id = id.clone();
                self.apply(Command::OpenCard(id), content, now);
            }
            None => self.visit(Visit::CloseCard, content, now),
        }
    }

    fn gallery_len(&self, content: &Content) -> usize {
        content
            .flow
            .screens
            .get(self.current)
            .map_or(0, |s| s.gallery.len())
    }
}
