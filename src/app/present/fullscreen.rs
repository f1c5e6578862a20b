//! The slides window's full screen: put on a monitor at the start, and F11 in and out of it.
//!
//! Full screen is only a request on X11, and with no window manager nobody grants it: winit moves
//! the window to the monitor's corner at its old size. There it lay under the presenter view,
//! and a window wholly covered is not drawn again, so it never saw the next F11 either: the
//! slides were gone for good. With no window manager (a window without decorations: its outer
//! and inner rectangles are the same), F11 therefore raises the window first, in the same frame
//! (mapping it again puts it on top, the one way winit offers on a bare X server), and when it
//! has not become the monitor's size a few frames later it is sized by hand. F11 again puts it
//! back where and as big as it was, on top. With a window manager, full screen is its job;
//! leaving asks for focus, which raises the window.

use egui::{Pos2, Rect, Vec2, ViewportCommand};

/// What the window system says about the slides window this frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// Whether it is full screen, as the window system reports it (or as it was asked).
    pub fullscreen: bool,
    /// Its place and size, with decorations.
    pub outer: Option<Rect>,
    /// Its drawing area.
    pub inner: Option<Rect>,
    /// The size of the monitor it is on.
    pub monitor: Option<Vec2>,
}

impl Window {
    /// No decorations around it: on X11, no window manager (or one already full screen).
    fn bare(&self) -> bool {
        matches!((self.outer, self.inner), (Some(o), Some(i)) if o == i)
    }
}

/// The slides window's full-screen state, kept between frames.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FullScreen {
    /// Frames left in which to see whether full screen was granted.
    tries: u8,
    /// Where the window was and how big before F11, to put it back by hand.
    before: Option<(Pos2, Vec2)>,
    /// Nobody grants full screen here: it is done by hand.
    by_hand: bool,
}

/// How many frames to wait for the window system before doing it by hand.
const TRIES: u8 = 3;

/// Unmapping the window and mapping it again: on a bare X server, this puts it on top.
const RAISE: [ViewportCommand; 2] = [
    ViewportCommand::Visible(false),
    ViewportCommand::Visible(true),
];

impl FullScreen {
    /// Full screen was asked for when the window was made (on a monitor of its own).
    pub fn asked_at_start(&mut self) {
        self.tries = TRIES;
    }

    /// Whether it is still watching for the window system (the caller draws again soon).
    pub fn waiting(&self) -> bool {
        self.tries > 0
    }

    /// F11: into full screen, or out of it.
    pub fn toggle(&mut self, window: Window) -> Vec<ViewportCommand> {
        let mut out = Vec::new();
        if window.fullscreen {
            // Whether it was done by hand was settled on the way in (a window full screen has
            // no decorations under a window manager either).
            self.tries = 0;
            out.push(ViewportCommand::Fullscreen(false));
            match (self.by_hand, self.before.take()) {
                (true, before) => {
                    out.push(ViewportCommand::Decorations(true));
                    if let Some((at, size)) = before {
                        out.push(ViewportCommand::OuterPosition(at));
                        out.push(ViewportCommand::InnerSize(size));
                    }
                    out.extend(RAISE);
                }
                (false, _) => out.push(ViewportCommand::Focus),
            }
            self.by_hand = false;
        } else {
            if let (Some(outer), Some(inner)) = (window.outer, window.inner) {
                self.before = Some((outer.min, inner.size()));
            }
            self.tries = TRIES;
            self.by_hand = window.bare();
            if self.by_hand {
                out.extend(RAISE);
            }
            out.push(ViewportCommand::Fullscreen(true));
        }
        out
    }

    /// Each frame: when full screen was asked for and the window is still not the monitor's size
    /// a few frames later, it is made so by hand.
    pub fn follow(&mut self, window: Window) -> Vec<ViewportCommand> {
        if self.tries == 0 {
            return Vec::new();
        }
        let (Some(monitor), Some(inner)) = (window.monitor, window.inner) else {
            return Vec::new();
        };
        if (inner.size() - monitor).length() <= 2.0 {
            self.tries = 0;
            return Vec::new();
        }
        self.tries -= 1;
        if self.tries > 0 {
            // Give the window system a frame or two first.
            return Vec::new();
        }
        self.by_hand = true;
        vec![
            ViewportCommand::Decorations(false),
            ViewportCommand::InnerSize(monitor),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(fullscreen: bool, at: (f32, f32), size: (f32, f32), title_bar: f32) -> Window {
        let inner = Rect::from_min_size(egui::pos2(at.0, at.1), egui::vec2(size.0, size.1));
        let outer = Rect::from_min_max(inner.min - egui::vec2(0.0, title_bar), inner.max);
        Window {
            fullscreen,
            outer: Some(outer),
            inner: Some(inner),
            monitor: Some(egui::vec2(1920.0, 1080.0)),
        }
    }

    #[test]
    fn with_no_window_manager_f11_raises_at_once_sizes_by_hand_and_puts_it_back_on_top() {
        let mut f = FullScreen::default();
        let beside = window(false, (960.0, 0.0), (952.0, 535.0), 0.0);
        assert_eq!(
            f.toggle(beside),
            [
                ViewportCommand::Visible(false),
                ViewportCommand::Visible(true),
                ViewportCommand::Fullscreen(true)
            ],
            "raised in the same frame: once covered, it would not be drawn again"
        );
        // Nobody grants it: winit moved it to the corner at its old size.
        let ignored = window(true, (0.0, 0.0), (952.0, 535.0), 0.0);
        assert!(f.follow(ignored).is_empty());
        assert!(f.follow(ignored).is_empty());
        assert_eq!(
            f.follow(ignored),
            [
                ViewportCommand::Decorations(false),
                ViewportCommand::InnerSize(egui::vec2(1920.0, 1080.0))
            ]
        );
        assert!(f.follow(ignored).is_empty(), "once");
        // F11 again: back where it was, as big as it was, on top.
        assert_eq!(
            f.toggle(window(true, (0.0, 0.0), (1920.0, 1080.0), 0.0)),
            [
                ViewportCommand::Fullscreen(false),
                ViewportCommand::Decorations(true),
                ViewportCommand::OuterPosition(egui::pos2(960.0, 0.0)),
                ViewportCommand::InnerSize(egui::vec2(952.0, 535.0)),
                ViewportCommand::Visible(false),
                ViewportCommand::Visible(true),
            ]
        );
        // And a third time, as the first.
        assert_eq!(
            f.toggle(beside).last(),
            Some(&ViewportCommand::Fullscreen(true))
        );
    }

    #[test]
    fn with_a_window_manager_full_screen_is_its_job() {
        let mut f = FullScreen::default();
        let decorated = window(false, (960.0, 30.0), (952.0, 535.0), 30.0);
        assert_eq!(f.toggle(decorated), [ViewportCommand::Fullscreen(true)]);
        let granted = window(true, (0.0, 0.0), (1920.0, 1080.0), 0.0);
        for _ in 0..5 {
            assert!(f.follow(granted).is_empty());
        }
        assert_eq!(
            f.toggle(granted),
            [ViewportCommand::Fullscreen(false), ViewportCommand::Focus]
        );
    }

    #[test]
    fn full_screen_at_the_start_is_sized_by_hand_when_not_granted() {
        let mut f = FullScreen::default();
        f.asked_at_start();
        let ignored = window(true, (1920.0, 0.0), (800.0, 600.0), 0.0);
        let out: Vec<_> = (0..4).flat_map(|_| f.follow(ignored)).collect();
        assert_eq!(
            out,
            [
                ViewportCommand::Decorations(false),
                ViewportCommand::InnerSize(egui::vec2(1920.0, 1080.0))
            ]
        );
    }
}
