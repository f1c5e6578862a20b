//! The guide screens of a session: moving between them, the card and quiz answer open on one,
//! its animated valve and the take-home leaflet it may offer.

use super::{Event, Session};
use crate::content::Content;
use crate::navigation::{Guide, Route};
use crate::valve::ValveAnimation;

impl Session {
    pub(super) fn guide_mut(&mut self) -> Option<&mut Guide> {
        match &mut self.route {
            Route::Guide(guide) => Some(guide),
            Route::Attract | Route::Check(_) => None,
        }
    }

    /// Opens a card of the screen shown (no other card can open there).
    pub(super) fn open_card(&mut self, id: String, content: &Content) {
        if let Some(guide) = self.guide_mut()
            && content
                .flow
                .screens
                .get(guide.screen)
                .is_some_and(|s| s.cards.contains(&id))
        {
            guide.card = Some(id);
        }
    }

    /// On a "Check your understanding" screen, an answer tapped: the feedback shows. Another
    /// answer to the same question may be tapped; nothing is counted or kept.
    pub(super) fn quiz_answer(&mut self, question: usize, answer: usize, content: &Content) {
        let language = content.language(&self.language);
        if let Some(guide) = self.guide_mut()
            && let Some(screen) = content.flow.screens.get(guide.screen)
            && screen.kind.takes_quiz_answers()
            && language
                .screens
                .get(&screen.id)
                .and_then(|t| t.quiz.get(question))
                .is_some_and(|q| answer < q.answers.len())
        {
            guide.quiz.insert(question, answer);
        }
    }

    /// Whether the screen shown offers the take-home leaflet.
    pub fn offers_leaflet(&self, content: &Content) -> bool {
        self.route
            .guide()
            .and_then(|g| content.flow.screens.get(g.screen))
            .is_some_and(|s| s.offer_leaflet)
    }

    /// How printing the take-home leaflet goes, shown on a screen that offers it (a visitor who
    /// has moved on is not told on another screen). False when it is not shown.
    pub fn set_leaflet(
        &mut self,
        print: crate::navigation::LeafletPrint,
        content: &Content,
    ) -> bool {
        if !self.offers_leaflet(content) {
            return false;
        }
        match self.guide_mut() {
            Some(guide) => {
                guide.leaflet = Some(print);
                true
            }
            None => false,
        }
    }

    /// Keeps the animated valve moving: touches resume it, time moves it on.
    pub fn tick_valve(&mut self, now: f64, touched: bool) {
        if let Some(valve) = self.valve_mut() {
            if touched {
                valve.touch(now);
            }
            valve.tick(now);
        }
    }

    pub(super) fn valve_mut(&mut self) -> Option<&mut ValveAnimation> {
        match &mut self.route {
            Route::Guide(guide) => guide.valve.as_mut(),
            Route::Attract | Route::Check(_) => None,
        }
    }

    /// On a guide screen, moves to the screen `to(current, len)` picks, closing any card.
    pub(super) fn guide_move(
        &mut self,
        content: &Content,
        now: f64,
        events: &mut Vec<Event>,
        to: impl FnOnce(usize, usize) -> usize,
    ) {
        if let Route::Guide(guide) = &self.route {
            let target = to(guide.screen, self.screens);
            self.show_screen(target, content, now, events);
        }
    }

    pub(super) fn show_screen(
        &mut self,
        screen: usize,
        content: &Content,
        now: f64,
        events: &mut Vec<Event>,
    ) {
        let same = self.route.guide().is_some_and(|g| g.screen == screen);
        if let (true, Route::Guide(guide)) = (same, &mut self.route) {
            guide.card = None;
            return;
        }
        self.route = Route::Guide(guide_at(screen, content, now));
        events.push(Event::Reached { screen });
    }
}

/// A guide screen as first shown: no card open, a fresh valve where the flow puts one.
pub(super) fn guide_at(screen: usize, content: &Content, now: f64) -> Guide {
    let valve = content
        .flow
        .screens
        .get(screen)
        .and_then(|s| s.valve)
        .map(|mode| ValveAnimation::new(mode, now));
    Guide {
        screen,
        card: None,
        valve,
        quiz: std::collections::BTreeMap::new(),
        leaflet: None,
    }
}
