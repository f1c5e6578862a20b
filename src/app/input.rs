//! Keys and swipes, read by route. Presentation clickers send PageDown/PageUp (sometimes arrows).

use egui::{Key, Modifiers};

use super::App;
use crate::command::{Command, Visit};
use crate::navigation::{Route, Swipe, classify_swipe};

/// The keys the app listens to, and what each means on a guide screen.
const KEYS: [(Key, Move); 9] = [
    (Key::ArrowRight, Move::Next),
    (Key::PageDown, Move::Next),
    (Key::Space, Move::Next),
    (Key::Enter, Move::Start),
    (Key::ArrowLeft, Move::Back),
    (Key::PageUp, Move::Back),
    (Key::Escape, Move::Back),
    (Key::Home, Move::Home),
    (Key::End, Move::End),
];

/// What a key or a swipe means, before the route says what it does there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Next,
    Back,
    Home,
    End,
    /// Enter: starts from the attract screen; elsewhere it is a focused button's.
    Start,
}

impl App {
    /// Turns this frame's keys and swipe into commands for the current route.
    pub(super) fn read_input(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut moves = Vec::new();
        let attract = matches!(self.session.route, Route::Attract);
        // A control reached with Tab owns Space and Enter (they press it), the arrows (they move
        // focus between controls, as between answer cards) and Escape (it lets go of the
        // control). The screen's title, where focus lands on a new screen, is not a control:
        // clicker keys keep their meanings there.
        let control_focused = ctx
            .memory(|m| m.focused())
            .is_some_and(|id| id != crate::ui::widgets::heading_id());
        // On a guide screen Left and Right are a clicker's keys whatever has the focus (egui
        // itself moves the focus with arrows, so a focused control is no sign of a keyboard
        // user there); Tab moves between controls.
        let guide = matches!(self.session.route, Route::Guide(_));
        ctx.input_mut(|i| {
            for (key, action) in KEYS {
                if action == Move::Start && !attract {
                    continue;
                }
                let clicker_arrow = guide && matches!(key, Key::ArrowLeft | Key::ArrowRight);
                if control_focused && owned_by_focus(key) && !clicker_arrow {
                    continue;
                }
                // Every press counts, even several in one frame (a clicker held down).
                while i.consume_key(Modifiers::NONE, key) {
                    moves.push((action, key == Key::Escape));
                }
            }
            if i.pointer.any_pressed() {
                self.swipe_start = i.pointer.press_origin().map(|p| (p, i.time));
            }
            if i.pointer.any_released()
                && let (Some((start, t0)), Some(end)) =
                    (self.swipe_start.take(), i.pointer.latest_pos())
            {
                let d = end - start;
                match classify_swipe(d.x, d.y, i.time - t0) {
                    Some(Swipe::Next) => moves.push((Move::Next, false)),
                    Some(Swipe::Back) => moves.push((Move::Back, false)),
                    None => {}
                }
            }
        });
        let last = self.content.flow.screens.len().saturating_sub(1);
        moves
            .into_iter()
            .filter_map(|(action, is_escape)| {
                command_for(&self.session.route, action, is_escape, last)
            })
            .collect()
    }
}

/// Keys that belong to a focused control rather than to paging.
fn owned_by_focus(key: Key) -> bool {
    matches!(
        key,
        Key::Space
            | Key::Enter
            | Key::Escape
            | Key::ArrowLeft
            | Key::ArrowRight
            | Key::ArrowUp
            | Key::ArrowDown
    )
}

/// What a move does on `route`: pages on a guide screen, Back in the self-check, a start on the
/// attract screen. Nothing while printing or sending, so no key can walk out of the check then.
fn command_for(route: &Route, action: Move, is_escape: bool, last: usize) -> Option<Command> {
    let visit = match route {
        Route::Attract => match action {
            Move::Next | Move::Start => Visit::Begin(None),
            Move::Back | Move::Home | Move::End => return None,
        },
        Route::Guide(guide) if guide.card.is_some() && is_escape => Visit::CloseCard,
        Route::Guide(_) => match action {
            Move::Next => Visit::Next,
            Move::Back => Visit::Back,
            Move::Home => Visit::Home,
            Move::End => Visit::GoTo(last),
            Move::Start => return None,
        },
        Route::Check(check) => match (&check.overlay, action) {
            (Some(crate::navigation::Overlay::Handoff(h)), _) if h.is_running() => return None,
            (Some(crate::navigation::Overlay::Code), Move::Back) => Visit::ShowCode(false),
            // In the self-check only Back moves: an answer is always a tap.
            (_, Move::Back) => Visit::CheckBack,
            (_, Move::Next | Move::Home | Move::End | Move::Start) => return None,
        },
    };
    Some(visit.into())
}
