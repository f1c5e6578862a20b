//! The slide's own shortcuts in a talk: its cards one after another, its gallery's pictures
//! large, the valve switched, a quiz slide's right answers and the notes' language.

use crate::command::Visit;
use crate::content::Content;
use crate::valve::ValveMode;

use super::Presentation;

impl Presentation {
    /// Every question of a "Check your understanding" slide answered rightly, so the slide shows
    /// the right answers and why. Other slides: nothing.
    pub(super) fn reveal_answers(&mut self, content: &Content, now: f64) {
        let Some(screen) = content.flow.screens.get(self.current()) else {
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

    /// Shows a picture of the slide's gallery large (closing any card), or none.
    pub(super) fn show_picture(&mut self, index: Option<usize>, content: &Content, now: f64) {
        let picture = index.filter(|i| *i < self.gallery_len(content));
        self.audience = self.audience.with_picture(picture);
        if picture.is_some() {
            self.visit(Visit::CloseCard, content, now);
        }
    }

    pub(super) fn toggle_valve(&mut self, content: &Content, now: f64) {
        if let Some(valve) = self.session.route.valve() {
            let other = match valve.mode() {
                ValveMode::Healthy => ValveMode::Weak,
                ValveMode::Weak => ValveMode::Healthy,
            };
            self.visit(Visit::ValveMode(other), content, now);
        }
    }

    pub(super) fn other_notes(&mut self, content: &Content) {
        let codes: Vec<&str> = content.languages.iter().map(|l| l.code.as_str()).collect();
        let at = codes.iter().position(|c| *c == self.notes_language);
        let next = at.map_or(0, |i| (i + 1) % codes.len().max(1));
        if let Some(code) = codes.get(next) {
            (*code).clone_into(&mut self.notes_language);
        }
    }

    pub(super) fn next_card(&mut self, content: &Content, now: f64) {
        let Some(screen) = content.flow.screens.get(self.current()) else {
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
                self.apply(Visit::OpenCard(id).into(), content, now);
            }
            None => self.visit(Visit::CloseCard, content, now),
        }
    }

    pub(super) fn gallery_len(&self, content: &Content) -> usize {
        content
            .flow
            .screens
            .get(self.current())
            .map_or(0, |s| s.gallery.len())
    }
}
