//! The self-check part of a session: starting it, stepping back, finishing it, and the
//! printing or sending shown over its summary.

use super::{Event, Session};
use crate::content::Content;
use crate::navigation::{Check, Draft, Handoff, Overlay, Route};
use crate::selfcheck::{Answer, BackResult, CheckFlow, SelfCheckDef, Side, Step};

impl Session {
    pub(super) fn check_mut(&mut self) -> Option<&mut Check> {
        match &mut self.route {
            Route::Check(check) => Some(check),
            Route::Attract | Route::Guide(_) => None,
        }
    }

    /// From the summary only, and not while printing or sending: counted, then wiped.
    pub(super) fn finish_check(&mut self, content: &Content, now: f64, events: &mut Vec<Event>) {
        let at_summary = self.route.check_step() == Some(Step::Summary);
        if at_summary && !self.handoff_running() {
            events.push(Event::CheckFinished {
                language: self.language.clone(),
            });
            self.reset(content, now, events);
        }
    }

    /// Starts the self-check from the guide screen shown.
    pub(super) fn start_check(&mut self, def: &SelfCheckDef, events: &mut Vec<Event>) {
        let Some(from) = self.route.guide().map(|g| g.screen) else {
            return;
        };
        let mut check = Check {
            flow: CheckFlow::start(def),
            draft: Draft::default(),
            from,
            overlay: None,
        };
        sync_draft(&mut check, def);
        self.route = Route::Check(Box::new(check));
        events.push(Event::CheckStarted);
    }

    /// Printing or sending has started or ended; shown over the summary. Ignored anywhere else
    /// (the visitor it was for is gone), and says whether it was shown.
    pub fn set_handoff(&mut self, handoff: Handoff) -> bool {
        match &mut self.route {
            Route::Check(check) if check.flow.step() == Step::Summary => {
                check.overlay = Some(Overlay::Handoff(handoff));
                true
            }
            Route::Attract | Route::Guide(_) | Route::Check(_) => false,
        }
    }

    /// Whether the answers are being printed or sent right now (the screen waits for it).
    pub fn handoff_running(&self) -> bool {
        self.route
            .check()
            .and_then(|c| c.overlay.as_ref())
            .is_some_and(overlay_is_running)
    }

    pub(super) fn check_back(&mut self, content: &Content, now: f64, events: &mut Vec<Event>) {
        if self.handoff_running() {
            return;
        }
        let Route::Check(check) = &mut self.route else {
            return;
        };
        check.overlay = None;
        if check.flow.back() == BackResult::Left {
            let from = check.from;
            self.show_screen(from, content, now, events);
        } else {
            sync_draft(check, &content.selfcheck);
        }
    }

    pub(super) fn in_check(&mut self, def: &SelfCheckDef, step: impl FnOnce(&mut Check)) {
        if let Route::Check(check) = &mut self.route
            && check.overlay.is_none()
        {
            step(check);
            sync_draft(check, def);
        }
    }
}

pub(super) fn overlay_is_running(overlay: &Overlay) -> bool {
    matches!(overlay, Overlay::Handoff(h) if h.is_running())
}

/// The draft starts from the answer already given to the current question, so going back to
/// change an answer shows it.
pub(super) fn sync_draft(check: &mut Check, def: &SelfCheckDef) {
    check.draft = Draft::default();
    let Step::Question(index) = check.flow.step() else {
        return;
    };
    let Some(question) = def.questions.get(index) else {
        return;
    };
    match check.flow.answers().get(&question.id) {
        Some(Answer::Legs(side, _)) if *side != Side::Neither => check.draft.side = Some(*side),
        Some(Answer::Chose(chosen)) => check.draft.chosen.clone_from(chosen),
        Some(Answer::Yes | Answer::No | Answer::NotSure | Answer::Skipped | Answer::Legs(..))
        | None => {}
    }
}
