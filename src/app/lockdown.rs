//! Kiosk mode's hold on the window and input: close requests refused, the pointer hidden on
//! touch screens, the staff gesture, and the idle wipe. The rules are in [`crate::kiosk`].

use std::time::Duration;

use egui::{Key, Modifiers, Pos2, Rect, ViewportCommand, vec2};

use super::App;
use crate::kiosk::IdleEvent;
use crate::navigation::Route;

/// Size of the corner where a long press opens the staff PIN pad.
pub const STAFF_CORNER: f32 = 120.0;

impl App {
    /// Reads this frame's input for kiosk mode; wipes the session when the idle time runs out.
    pub(super) fn lockdown(&mut self, ctx: &egui::Context, now: f64) {
        let attract = matches!(self.session.route, Route::Attract);
        let Some(kiosk) = &mut self.kiosk else {
            return;
        };
        let touched = ctx.input(|i| {
            i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::PointerButton { pressed: true, .. }
                        | egui::Event::Key { pressed: true, .. }
                        | egui::Event::Touch { .. }
                )
            })
        });
        if ctx.input(|i| i.viewport().close_requested()) && !kiosk.allow_close {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        }
        if kiosk.touch_only {
            ctx.set_cursor_icon(egui::CursorIcon::None);
        }
        let corner = Rect::from_min_size(Pos2::ZERO, vec2(STAFF_CORNER, STAFF_CORNER));
        let in_corner = ctx.input(|i| {
            i.pointer.primary_down() && i.pointer.press_origin().is_some_and(|p| corner.contains(p))
        });
        if let Some(wait) = kiosk.corner(now, in_corner) {
            ctx.request_repaint_after(Duration::from_secs_f64(wait));
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::CTRL | Modifiers::ALT, Key::S)) {
            kiosk.open_pin_pad();
        }
        match kiosk.tick(now, touched, attract) {
            IdleEvent::Active { warn_in } => {
                ctx.request_repaint_after(Duration::from_secs_f64(warn_in));
            }
            IdleEvent::Warning { left } => {
                // Wake for the next whole second of the countdown.
                ctx.request_repaint_after(Duration::from_secs_f64(left.fract().max(0.05)));
            }
            IdleEvent::Expired => {
                log::info!("nobody answered the idle warning; wiping the session");
                let events = self.session.wipe(&self.content, now);
                self.on_events(ctx, events, now);
            }
        }
    }
}
