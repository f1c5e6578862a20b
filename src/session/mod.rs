//! One visitor's session: where they are ([`Route`]), their language and their answers. Visitor
//! commands change it here, outside any UI code, and say what happened ([`Event`]), so every
//! rule is testable without a window and usage counts follow from events, not from guesses.

use crate::command::Visit;
use crate::content::Content;
use crate::navigation::{Overlay, Route};
use crate::selfcheck::{Answer, Side, Step};

mod check;
mod choices;
mod guide;

use check::overlay_is_running;
use guide::guide_at;

pub use choices::{Choices, TextStep};

/// What a visitor command did, for usage counts and for the app's own clean-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A visitor left the attract screen, in this language.
    Began { language: String },
    /// A guide screen was shown (by index in the flow).
    Reached { screen: usize },
    /// The self-check began.
    CheckStarted,
    /// The self-check was finished from its summary, in this language.
    CheckFinished { language: String },
    /// Everything of the visitor was forgotten.
    Wiped,
}

/// The state of one visitor's session. Nothing here outlives [`Session::reset`].
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Where the visitor is.
    pub route: Route,
    /// Code of the language shown.
    pub language: String,
    /// The visitor's choices of text size, contrast, speech and motion.
    pub choices: Choices,
    default_choices: Choices,
    screens: usize,
    kiosk: bool,
    default_language: String,
    generation: u64,
    /// Whether a visitor has done anything since the session began or was wiped.
    visited: bool,
}

impl Session {
    /// A fresh session on the first screen of `content`, in its default language, at time `now`.
    pub fn new(content: &Content, now: f64) -> Self {
        Self::start(content, false, now)
    }

    /// A kiosk session: it starts, and after every reset returns, on the attract screen.
    pub fn kiosk(content: &Content, now: f64) -> Self {
        Self::start(content, true, now)
    }

    fn start(content: &Content, kiosk: bool, now: f64) -> Self {
        let language = content.settings.default_language.clone();
        let choices = Choices::defaults(&content.settings);
        let mut session = Self {
            route: Route::Attract,
            language: language.clone(),
            choices,
            default_choices: choices,
            screens: content.flow.screens.len().max(1),
            kiosk,
            default_language: language,
            generation: 0,
            visited: false,
        };
        session.route = session.first_route(content, now);
        session
    }

    /// The language new sessions start in.
    pub fn default_language(&self) -> &str {
        &self.default_language
    }

    /// Changes the language new sessions start in (staff menu). Between visitors (the attract
    /// screen) the kiosk shows it at once, so the next visitor starts in it.
    pub fn set_default_language(&mut self, code: &str) {
        code.clone_into(&mut self.default_language);
        if self.route.is_attract() {
            code.clone_into(&mut self.language);
        }
    }

    /// Continues the count of sessions from `previous` (a session replaced wholesale, as when
    /// staff reload the content), so the count never goes back.
    pub fn follow(&mut self, previous: &Session) {
        self.generation = previous.generation + 1;
    }

    /// Counts resets. UI state kept by egui (scroll positions) is keyed by it, so none of it
    /// carries over to the next visitor.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether nobody is in a visit: kiosk mode's attract screen, or (a kiosk without it) the
    /// first screen before anyone has done anything there. New content is shown only then,
    /// never under someone's eyes.
    pub fn between_visitors(&self) -> bool {
        match &self.route {
            Route::Attract => true,
            Route::Guide(_) => !self.kiosk && !self.visited,
            Route::Check(_) => false,
        }
    }

    /// Whether there is a guide screen after `screen`.
    pub fn has_next(&self, screen: usize) -> bool {
        screen + 1 < self.screens
    }

    /// Applies one visitor command at time `now` and says what happened.
    pub fn apply(&mut self, visit: Visit, content: &Content, now: f64) -> Vec<Event> {
        let def = &content.selfcheck;
        let mut events = Vec::new();
        // A wipe below (Start again, Finish) sets it back.
        self.visited = true;
        match visit {
            Visit::Next => {
                self.guide_move(content, now, &mut events, |at, len| (at + 1).min(len - 1))
            }
            Visit::Back => self.guide_move(content, now, &mut events, |at, _| at.saturating_sub(1)),
            Visit::Home => self.guide_move(content, now, &mut events, |_, _| 0),
            Visit::GoTo(index) => {
                self.guide_move(content, now, &mut events, |_, len| index.min(len - 1))
            }
            Visit::SetLanguage(code) => {
                if !matches!(self.route, Route::Attract) && offers(content, &code) {
                    self.language = code;
                }
            }
            Visit::OpenCard(id) => self.open_card(id, content),
            Visit::CloseCard => {
                if let Some(guide) = self.guide_mut() {
                    guide.card = None;
                }
            }
            Visit::QuizAnswer(question, answer) => self.quiz_answer(question, answer, content),
            Visit::StartAgain => {
                if !self.handoff_running() {
                    self.reset(content, now, &mut events);
                }
            }
            Visit::FinishCheck => self.finish_check(content, now, &mut events),
            Visit::Begin(language) => self.begin(language, content, now, &mut events),
            Visit::StartCheck => self.start_check(def, &mut events),
            Visit::CheckAnswer(answer) => {
                self.in_check(def, |check| check.flow.answer(def, answer))
            }
            Visit::CheckSide(Side::Neither) => self.in_check(def, |check| {
                check.flow.answer(def, Answer::Legs(Side::Neither, None));
            }),
            Visit::CheckSide(side) => {
                if let Some(check) = self.check_mut() {
                    check.draft.side = Some(side);
                    check.draft.armed = None;
                }
            }
            Visit::CheckToggle(option) => {
                if let Some(check) = self.check_mut() {
                    check.draft.armed = None;
                    if !check.draft.chosen.remove(&option) {
                        check.draft.chosen.insert(option);
                    }
                }
            }
            Visit::CheckArm(label) => {
                let read_aloud = self.choices.read_aloud;
                if let Some(check) = self.check_mut()
                    && matches!(check.flow.step(), Step::Question(_))
                    && check.overlay.is_none()
                    && read_aloud
                {
                    check.draft.armed = Some(label);
                }
            }
            Visit::CheckContinue => {
                self.in_check(def, |check| check.flow.continue_after_alert(def))
            }
            Visit::CheckBack => self.check_back(content, now, &mut events),
            Visit::ShowCode(show) => {
                if let Some(check) = self.check_mut()
                    && check.flow.step() == Step::Summary
                    && !check.overlay.as_ref().is_some_and(overlay_is_running)
                {
                    check.overlay = show.then_some(Overlay::Code);
                }
            }
            Visit::CloseHandoff => {
                if let Some(check) = self.check_mut()
                    && matches!(&check.overlay, Some(Overlay::Handoff(h)) if !h.is_running())
                {
                    check.overlay = None;
                }
            }
            Visit::ValveMode(mode) => {
                if let Some(valve) = self.valve_mut() {
                    valve.set_mode(mode, now);
                }
            }
            Visit::ValveSqueeze => {
                if let Some(valve) = self.valve_mut() {
                    valve.squeeze(now);
                }
            }
            Visit::LargerText => self.choose(|c| c.text = c.text.next()),
            Visit::HighContrast => self.choose(|c| c.high_contrast = !c.high_contrast),
            Visit::ReadAloud => self.choose(|c| c.read_aloud = !c.read_aloud),
            Visit::ReduceMotion => self.choose(|c| c.reduce_motion = !c.reduce_motion),
        }
        events
    }

    /// Changes a choice; only during a visit (the attract screen has no such controls).
    fn choose(&mut self, change: impl FnOnce(&mut Choices)) {
        if !self.route.is_attract() {
            change(&mut self.choices);
        }
    }

    /// Leaves the attract screen, in `language` when it is offered.
    fn begin(
        &mut self,
        language: Option<String>,
        content: &Content,
        now: f64,
        events: &mut Vec<Event>,
    ) {
        if !self.route.is_attract() {
            return;
        }
        if let Some(code) = language.filter(|code| offers(content, code)) {
            self.language = code;
        }
        events.push(Event::Began {
            language: self.language.clone(),
        });
        self.show_screen(0, content, now, events);
    }

    /// Forgets everything about this visitor, at time `now`.
    pub fn wipe(&mut self, content: &Content, now: f64) -> Vec<Event> {
        let mut events = Vec::new();
        self.reset(content, now, &mut events);
        events
    }

    fn reset(&mut self, content: &Content, now: f64, events: &mut Vec<Event>) {
        self.generation += 1;
        self.visited = false;
        self.language.clone_from(&self.default_language);
        self.choices = self.default_choices;
        self.screens = content.flow.screens.len().max(1);
        self.route = self.first_route(content, now);
        events.push(Event::Wiped);
        if let Route::Guide(guide) = &self.route {
            events.push(Event::Reached {
                screen: guide.screen,
            });
        }
    }

    fn first_route(&self, content: &Content, now: f64) -> Route {
        if self.kiosk {
            Route::Attract
        } else {
            Route::Guide(guide_at(0, content, now))
        }
    }
}

/// Whether the content has words in the language `code`.
fn offers(content: &Content, code: &str) -> bool {
    content.languages.iter().any(|l| l.code == code)
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::navigation::{Channel, Check, Draft, Handoff, HandoffState};
    use crate::selfcheck::CheckFlow;

    fn content() -> Content {
        Content::built_in().expect("built-in content")
    }

    fn screen(s: &Session) -> Option<usize> {
        s.route.guide().map(|g| g.screen)
    }

    #[test]
    fn language_change_keeps_the_place_and_start_again_forgets_it() {
        let c = content();
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::GoTo(3), &c, 0.0);
        s.apply(Visit::SetLanguage("es".into()), &c, 0.0);
        assert_eq!(screen(&s), Some(3));
        assert_eq!(s.language, "es");
        s.apply(Visit::OpenCard("family".into()), &c, 0.0);
        let events = s.apply(Visit::StartAgain, &c, 0.0);
        assert_eq!(events, [Event::Wiped, Event::Reached { screen: 0 }]);
        assert_eq!(screen(&s), Some(0));
        assert_eq!(s.language, "en");
        assert_eq!(s.route.open_card(), None);
        assert_eq!(s.generation(), 1);
    }

    #[test]
    fn a_quiz_answer_shows_on_its_screen_only_and_only_if_it_exists() {
        let c = content();
        let quiz = c.screen_index("check-understanding").expect("quiz screen");
        let questions = &c.language("en").screens["check-understanding"].quiz;
        let last = questions[0].answers.len() - 1;
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::GoTo(quiz - 1), &c, 0.0);
        s.apply(Visit::QuizAnswer(0, 0), &c, 0.0);
        assert_eq!(
            s.route.guide().map(|g| g.quiz.len()),
            Some(0),
            "not a quiz screen"
        );
        s.apply(Visit::GoTo(quiz), &c, 0.0);
        s.apply(Visit::QuizAnswer(0, last), &c, 0.0);
        s.apply(Visit::QuizAnswer(0, last + 1), &c, 0.0);
        s.apply(Visit::QuizAnswer(questions.len(), 0), &c, 0.0);
        let shown = s.route.guide().map(|g| g.quiz.clone()).unwrap_or_default();
        assert_eq!(shown.into_iter().collect::<Vec<_>>(), [(0, last)]);
        s.apply(Visit::QuizAnswer(0, 0), &c, 0.0);
        assert_eq!(
            s.route.guide().and_then(|g| g.quiz.get(&0).copied()),
            Some(0),
            "changed"
        );
    }

    #[test]
    fn the_leaflet_is_offered_and_its_printing_told_only_where_the_content_says() {
        use crate::navigation::LeafletPrint;
        let c = content();
        let offers: Vec<usize> = (0..c.flow.screens.len())
            .filter(|&i| c.flow.screens[i].offer_leaflet)
            .collect();
        assert!(!offers.is_empty() && offers.len() < c.flow.screens.len());
        let mut s = Session::new(&c, 0.0);
        for i in 0..c.flow.screens.len() {
            s.apply(Visit::GoTo(i), &c, 0.0);
            let offered = offers.contains(&i);
            assert_eq!(s.offers_leaflet(&c), offered, "screen {i}");
            assert_eq!(
                s.set_leaflet(LeafletPrint::Printed, &c),
                offered,
                "screen {i}"
            );
            let told = s.route.guide().and_then(|g| g.leaflet.clone());
            assert_eq!(told.is_some(), offered, "screen {i}");
        }
        s.apply(Visit::StartCheck, &c, 0.0);
        assert!(!s.offers_leaflet(&c), "not in the self-check");
    }

    #[test]
    fn the_valve_moves_on_with_time_and_a_touch() {
        let c = content();
        let at = (0..c.flow.screens.len())
            .find(|&i| c.flow.screens[i].valve.is_some())
            .expect("a valve screen");
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::GoTo(at), &c, 0.0);
        s.apply(Visit::ValveSqueeze, &c, 0.5);
        let before = s.route.valve().cloned().expect("the valve");
        s.tick_valve(3.0, false);
        let after = s.route.valve().cloned().expect("the valve");
        assert_ne!(after, before, "time moved the valve on");
        s.tick_valve(3.0, true);
        assert_ne!(s.route.valve().cloned(), Some(after), "a touch resumed it");
    }

    #[test]
    fn new_content_waits_until_nobody_is_in_a_visit() {
        let c = content();
        let mut window = Session::new(&c, 0.0);
        assert!(window.between_visitors(), "the first screen, untouched");
        window.apply(Visit::Next, &c, 0.0);
        window.apply(Visit::Back, &c, 0.0);
        assert!(
            !window.between_visitors(),
            "back on the first screen, but mid-visit"
        );
        window.apply(Visit::StartAgain, &c, 0.0);
        assert!(window.between_visitors(), "Start again ends the visit");
        let mut kiosk = Session::kiosk(&c, 0.0);
        assert!(kiosk.between_visitors(), "the attract screen");
        kiosk.apply(Visit::Begin(None), &c, 0.0);
        assert!(
            !kiosk.between_visitors(),
            "Welcome in kiosk mode is someone's visit"
        );
        kiosk.wipe(&c, 1.0);
        assert!(kiosk.between_visitors());
    }

    #[test]
    fn moving_closes_an_open_card_and_says_where_it_went() {
        let c = content();
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::OpenCard("age".into()), &c, 0.0);
        assert_eq!(
            s.apply(Visit::Next, &c, 0.0),
            [Event::Reached { screen: 1 }]
        );
        assert_eq!(s.route.open_card(), None);
        assert_eq!(screen(&s), Some(1));
        assert_eq!(
            s.apply(Visit::Back, &c, 0.0),
            [Event::Reached { screen: 0 }]
        );
        assert!(
            s.apply(Visit::Back, &c, 0.0).is_empty(),
            "no screen before the first"
        );
    }

    #[test]
    fn valve_buttons_change_the_valve_on_its_screen() {
        let c = content();
        let mut s = Session::new(&c, 0.0);
        let valve_screen = c
            .flow
            .screens
            .iter()
            .position(|s| s.valve == Some(crate::valve::ValveMode::Healthy))
            .expect("a healthy-valve screen");
        s.apply(Visit::GoTo(valve_screen), &c, 0.0);
        s.apply(Visit::ValveMode(crate::valve::ValveMode::Weak), &c, 1.0);
        let valve = s.route.valve().expect("valve");
        assert_eq!(valve.mode(), crate::valve::ValveMode::Weak);
        let before = valve.squeezes_asked();
        s.apply(Visit::ValveSqueeze, &c, 1.0);
        assert_eq!(s.route.valve().expect("valve").squeezes_asked(), before + 1);
        s.apply(Visit::Next, &c, 2.0);
        assert!(
            s.route.valve().is_none_or(|v| v.squeezes_asked() == 0),
            "another screen starts its own valve afresh"
        );
        s.apply(Visit::Home, &c, 3.0);
        assert_eq!(
            s.route.valve(),
            None,
            "the welcome screen has a still picture"
        );
    }

    #[test]
    fn finishing_the_check_wipes_every_answer() {
        let c = content();
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::GoTo(8), &c, 0.0);
        assert_eq!(s.apply(Visit::StartCheck, &c, 0.0), [Event::CheckStarted]);
        s.apply(Visit::CheckAnswer(Answer::No), &c, 0.0);
        s.apply(Visit::CheckAnswer(Answer::Yes), &c, 0.0);
        assert!(
            s.route
                .check()
                .is_some_and(|c| c.flow.answers().0.len() == 2)
        );
        s.apply(Visit::FinishCheck, &c, 0.0);
        assert!(
            s.route.check().is_some(),
            "Finish only works on the summary"
        );
    }

    #[test]
    fn back_from_the_first_question_leaves_the_check_where_it_began() {
        let c = content();
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::GoTo(8), &c, 0.0);
        s.apply(Visit::StartCheck, &c, 0.0);
        s.apply(Visit::CheckBack, &c, 0.0);
        assert_eq!(s.route.check(), None);
        assert_eq!(screen(&s), Some(8));
    }

    #[test]
    fn while_printing_nothing_leaves_the_summary() {
        let c = content();
        let mut s = Session::new(&c, 0.0);
        s.route = Route::Check(Box::new(Check {
            flow: CheckFlow::finished_with(crate::selfcheck::Answers::default()),
            draft: Draft::default(),
            from: 0,
            overlay: None,
        }));
        assert!(s.set_handoff(Handoff::new(Channel::Printer, HandoffState::Running)));
        for visit in [
            Visit::CheckBack,
            Visit::FinishCheck,
            Visit::ShowCode(true),
            Visit::CloseHandoff,
        ] {
            s.apply(visit, &c, 0.0);
            assert!(s.handoff_running(), "still printing");
        }
        assert!(s.set_handoff(Handoff::new(
            Channel::Printer,
            HandoffState::Failed("no paper".into())
        )));
        s.apply(Visit::ShowCode(true), &c, 0.0);
        assert_eq!(
            s.route.check().and_then(|c| c.overlay.clone()),
            Some(Overlay::Code)
        );
        let events = s.apply(Visit::FinishCheck, &c, 0.0);
        assert_eq!(
            events[0],
            Event::CheckFinished {
                language: "en".into()
            }
        );
        assert_eq!(s.route.check(), None);
    }

    #[test]
    fn the_staff_language_shows_at_once_between_visitors_and_never_under_a_visitor() {
        let c = content();
        let mut s = Session::kiosk(&c, 0.0);
        assert_eq!(s.default_language(), "en");
        s.set_default_language("es");
        assert_eq!(s.default_language(), "es");
        assert_eq!(s.language, "es", "the attract screen is in it at once");
        s.apply(Visit::Begin(Some("en".into())), &c, 0.0);
        s.set_default_language("es");
        assert_eq!(
            s.language, "en",
            "the visitor keeps the language they chose"
        );
        s.apply(Visit::StartAgain, &c, 0.0);
        assert_eq!(s.language, "es", "the next visitor starts in the staff's");
    }

    #[test]
    fn a_session_that_replaces_another_counts_on_from_it() {
        let c = content();
        let mut old = Session::new(&c, 0.0);
        old.apply(Visit::StartAgain, &c, 0.0);
        old.apply(Visit::StartAgain, &c, 0.0);
        assert_eq!(old.generation(), 2);
        let mut new = Session::new(&c, 0.0);
        assert_eq!(new.generation(), 0);
        new.follow(&old);
        assert_eq!(new.generation(), 3, "never back to a count egui has seen");
    }

    #[test]
    fn next_and_go_to_stop_at_the_last_screen() {
        let c = content();
        let last = c.flow.screens.len() - 1;
        let mut s = Session::new(&c, 0.0);
        assert!(s.has_next(0) && s.has_next(last - 1));
        assert!(!s.has_next(last) && !s.has_next(last + 1));
        s.apply(Visit::GoTo(last + 5), &c, 0.0);
        assert_eq!(
            screen(&s),
            Some(last),
            "a number past the end is the last screen"
        );
        s.apply(Visit::Next, &c, 0.0);
        assert_eq!(screen(&s), Some(last), "Next on the last screen stays");
        s.apply(Visit::Back, &c, 0.0);
        assert_eq!(screen(&s), Some(last - 1));
    }

    #[test]
    fn a_second_tap_unticks_an_option_and_display_choices_each_change_only_in_a_visit() {
        let c = content();
        let mut s = Session::kiosk(&c, 0.0);
        let defaults = s.choices;
        for visit in [
            Visit::LargerText,
            Visit::HighContrast,
            Visit::ReadAloud,
            Visit::ReduceMotion,
        ] {
            s.apply(visit, &c, 0.0);
        }
        assert_eq!(
            s.choices, defaults,
            "the attract screen has no such controls"
        );
        s.apply(Visit::Begin(None), &c, 0.0);
        s.apply(Visit::HighContrast, &c, 0.0);
        assert_eq!(s.choices.high_contrast, !defaults.high_contrast);
        s.apply(Visit::ReadAloud, &c, 0.0);
        assert_eq!(s.choices.read_aloud, !defaults.read_aloud);
        s.apply(Visit::ReduceMotion, &c, 0.0);
        assert_eq!(s.choices.reduce_motion, !defaults.reduce_motion);
        s.apply(Visit::LargerText, &c, 0.0);
        assert_eq!(s.choices.text, defaults.text.next());

        s.apply(Visit::StartCheck, &c, 0.0);
        let chosen = |s: &Session| s.route.check().map(|c| c.draft.chosen.len());
        s.apply(Visit::CheckToggle("a".into()), &c, 0.0);
        assert_eq!(chosen(&s), Some(1));
        s.apply(Visit::CheckToggle("a".into()), &c, 0.0);
        assert_eq!(chosen(&s), Some(0), "a second tap unticks it");
    }

    #[test]
    fn the_code_shows_on_the_summary_only_and_a_finished_handoff_closes() {
        let c = content();
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::StartCheck, &c, 0.0);
        s.apply(Visit::ShowCode(true), &c, 0.0);
        assert!(!s.route.showing_code(), "not on a question");
        s.route = Route::Check(Box::new(Check {
            flow: CheckFlow::finished_with(crate::selfcheck::Answers::default()),
            draft: Draft::default(),
            from: 0,
            overlay: None,
        }));
        s.apply(Visit::ShowCode(true), &c, 0.0);
        assert!(s.route.showing_code());
        s.apply(Visit::ShowCode(false), &c, 0.0);
        assert!(!s.route.showing_code());
        assert!(s.set_handoff(Handoff::new(Channel::Printer, HandoffState::Done)));
        assert!(s.route.handoff().is_some());
        s.apply(Visit::CloseHandoff, &c, 0.0);
        assert_eq!(s.route.overlay(), None, "a finished print's message closes");
    }

    #[test]
    fn going_back_shows_the_legs_and_options_chosen_before_and_a_hand_off_shows_on_the_summary_only()
     {
        let c = content();
        let def = &c.selfcheck;
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::StartCheck, &c, 0.0);
        assert!(
            !s.set_handoff(Handoff::new(Channel::Printer, HandoffState::Running)),
            "not over a question"
        );
        assert_eq!(s.route.overlay(), None);
        // Through the red flags with No, to the first legs question.
        while let Some(check) = s.route.check() {
            let Step::Question(i) = check.flow.step() else {
                break;
            };
            if def.questions[i].red_flag.is_none() {
                break;
            }
            s.apply(Visit::CheckAnswer(Answer::No), &c, 0.0);
        }
        let draft = |s: &Session| {
            s.route
                .check()
                .map(|c| c.draft.clone())
                .expect("in the check")
        };
        s.apply(Visit::CheckSide(Side::Right), &c, 0.0);
        s.apply(
            Visit::CheckAnswer(Answer::Legs(
                Side::Right,
                Some(crate::selfcheck::Often::Often),
            )),
            &c,
            0.0,
        );
        assert_eq!(draft(&s).side, None, "the next question starts empty");
        s.apply(Visit::CheckBack, &c, 0.0);
        assert_eq!(
            draft(&s).side,
            Some(Side::Right),
            "back: the leg chosen shows"
        );
        s.apply(Visit::CheckSide(Side::Neither), &c, 0.0);
        s.apply(Visit::CheckBack, &c, 0.0);
        assert_eq!(
            draft(&s).side,
            None,
            "back after Neither: no leg shows chosen"
        );
    }
}
