//! The audience window: where it opens (full screen on a monitor, or beside the presenter
//! view), its frame (its keys, the valve, the slide), its own full screen (F11), and the
//! valve's next frames while the audience can see it.

use std::sync::Mutex;

use egui::{ViewportBuilder, ViewportCommand, ViewportId};

use super::fullscreen::Window;
use super::keys::read_keys;
use super::{PresentApp, Shared, carry_out, lock, stage};
use crate::present::Outcome;
use crate::present::words::words;

/// The audience window's id.
pub(super) fn audience_id() -> ViewportId {
    ViewportId::from_hash_of("vein-kiosk-audience")
}

impl PresentApp {
    /// Where the slides go: full-screen on the monitor asked for, else on a monitor other than
    /// the presenter's when there are two, else in a window beside the presenter view.
    pub(super) fn place_audience(
        &self,
        ctx: &egui::Context,
        frame: &eframe::Frame,
    ) -> ViewportBuilder {
        let title = {
            let shared = lock(&self.shared);
            words(&shared.content, shared.presentation.language())
                .audience_title
                .clone()
        };
        let base = ViewportBuilder::default()
            .with_title(title)
            .with_app_id("vein-kiosk-slides")
            .with_min_inner_size([320.0, 180.0]);
        let monitors = frame.winit_window().map(|window| {
            let all: Vec<_> = window.available_monitors().collect();
            let current = window.current_monitor();
            for (i, m) in all.iter().enumerate() {
                let size = m.size();
                let at = m.position();
                log::info!(
                    "monitor {}: {} {}x{} at {},{}{}",
                    i + 1,
                    m.name().unwrap_or_default(),
                    size.width,
                    size.height,
                    at.x,
                    at.y,
                    if current.as_ref() == Some(m) {
                        " (presenter view)"
                    } else {
                        ""
                    }
                );
            }
            let here = current.and_then(|c| all.iter().position(|m| *m == c));
            (all.len(), here)
        });
        match (self.monitor, monitors) {
            (Some(n), Some((count, _))) if n < count => {
                log::info!("slides full-screen on monitor {}", n + 1);
                base.with_monitor(n)
            }
            (Some(n), found) => {
                log::warn!(
                    "--audience-monitor {}: there is no such monitor ({} found); the slides open in a window",
                    n + 1,
                    found.map_or(0, |(count, _)| count)
                );
                beside_presenter(ctx, base)
            }
            (None, Some((count, here))) if count >= 2 => {
                let other = (0..count).find(|i| Some(*i) != here).unwrap_or(1);
                log::info!("slides full-screen on monitor {}", other + 1);
                base.with_monitor(other)
            }
            (None, _) => beside_presenter(ctx, base),
        }
    }
}

/// Asks for the valve's next frame while it moves (never faster than it draws) and the
/// audience can see it: not behind a black or white screen, a picture or the overview.
pub(super) fn ask_for_valve_frames(ctx: &egui::Context, s: &Shared, now: f64) {
    let p = &s.presentation;
    let hidden = p.cover().is_some()
        || p.picture().is_some()
        || (p.overview().is_some() && !p.presenter_shown());
    if hidden {
        return;
    }
    let reduce = s.content.settings.reduce_motion;
    if let Some(next) = s
        .presentation
        .session()
        .route
        .valve()
        .and_then(|v| v.next_frame(now, reduce))
    {
        ctx.request_repaint_after(next);
    }
}

/// A window beside the presenter view, the two sharing the screen: the presenter view on the
/// left half, the slides on the right.
fn beside_presenter(ctx: &egui::Context, base: ViewportBuilder) -> ViewportBuilder {
    let monitor = ctx.input(|i| i.viewport().monitor_size);
    let Some(m) = monitor.filter(|m| m.x >= 640.0) else {
        return base.with_inner_size([960.0, 540.0]);
    };
    let half = (m.x / 2.0).floor();
    ctx.send_viewport_cmd(ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
    ctx.send_viewport_cmd(ViewportCommand::InnerSize(egui::vec2(
        half - 8.0,
        (m.y * 0.9).floor(),
    )));
    let width = half - 8.0;
    base.with_position([half, 0.0])
        .with_inner_size([width, (width * 9.0 / 16.0).floor()])
}

/// The audience window's frame: its keys, the valve, the slide.
pub(super) fn audience_frame(ui: &mut egui::Ui, shared: &Mutex<Shared>) {
    let ctx = ui.ctx().clone();
    let now = ctx.input(|i| i.time);
    log::trace!("audience frame at {now:.3}");
    let mut outcomes = Vec::new();
    let mut guard = lock(shared);
    let s = &mut *guard;
    let keys = read_keys(&ctx);
    let changed = !keys.is_empty();
    for key in keys {
        outcomes.extend(s.presentation.press(key, &s.content, now));
    }
    slides_window(&ctx, s);
    if ctx.input(|i| i.viewport().close_requested()) && !s.ending {
        outcomes.push(Outcome::End);
    }
    s.presentation.tick(now);
    let (clock, _) = (s.clock)();
    crate::ui::present::audience(ui, &stage(s, now, &clock));
    ask_for_valve_frames(&ctx, s, now);
    drop(guard);
    if changed {
        ctx.request_repaint();
        ctx.request_repaint_of(ViewportId::ROOT);
    }
    carry_out(&ctx, shared, &outcomes);
}

/// The slides window's own keys and full screen: F11 there goes full screen on whatever screen
/// the presenter dragged it to, and back; where no window manager grants it, the window is sized
/// and raised by hand (see [`super::fullscreen`]).
pub(super) fn slides_window(ctx: &egui::Context, s: &mut Shared) {
    let window = ctx.input(|i| {
        let v = i.viewport();
        Window {
            fullscreen: v.fullscreen.unwrap_or(false),
            outer: v.outer_rect,
            inner: v.inner_rect,
            monitor: v.monitor_size,
        }
    });
    let commands = if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F11)) {
        s.full_screen.toggle(window)
    } else {
        s.full_screen.follow(window)
    };
    if s.full_screen.waiting() {
        ctx.request_repaint_after(std::time::Duration::from_millis(200));
    }
    for command in commands {
        ctx.send_viewport_cmd(command);
    }
}
