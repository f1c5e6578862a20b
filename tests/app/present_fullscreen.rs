//! F11 in the slides window on an X server with no window manager (no decorations, full screen
//! never granted): the window is raised in the same frame as the key, sized to its monitor by
//! hand when nobody grants full screen, and put back where and as big as it was, on top, by the
//! second F11. (Checked for real under Xvfb with no window manager: with the old handling the
//! first F11 left the slides under the presenter view, where they were never drawn again.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use egui::{Rect, ViewportCommand, ViewportId, pos2, vec2};
use egui_kittest::Harness;
use vein_kiosk::app::present::{PresentApp, Windows};

/// What the window system tells the slides window: where it is, its monitor, full screen or not.
fn tell(h: &mut Harness<'_, PresentApp>, at: Rect, fullscreen: bool) {
    let viewport = h.input_mut().viewports.entry(ViewportId::ROOT).or_default();
    viewport.outer_rect = Some(at);
    viewport.inner_rect = Some(at);
    viewport.monitor_size = Some(vec2(1920.0, 1080.0));
    viewport.fullscreen = Some(fullscreen);
}

/// F11 pressed, in the next frame alone (kittest's `key_press` gives press and release a frame
/// each, and only the last frame's output can be read).
fn f11(h: &mut Harness<'_, PresentApp>) {
    h.input_mut().events.push(egui::Event::Key {
        key: egui::Key::F11,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    });
}

/// Every command the app sent the window over `frames` frames.
fn sent(h: &mut Harness<'_, PresentApp>, frames: usize) -> Vec<ViewportCommand> {
    let mut all = Vec::new();
    for _ in 0..frames {
        h.step();
        if let Some(out) = h.output().viewport_output.get(&ViewportId::ROOT) {
            all.extend(out.commands.iter().cloned());
        }
    }
    all
}

#[test]
fn f11_twice_with_no_window_manager_leaves_the_slides_on_top_where_they_were() {
    let mut h = Harness::builder()
        .with_size(vec2(952.0, 535.0))
        .build_eframe(|_cc| {
            PresentApp::new(common::content(), None).windows(Windows::AudienceOnly)
        });
    h.run();
    let beside = Rect::from_min_size(pos2(960.0, 0.0), vec2(952.0, 535.0));
    tell(&mut h, beside, false);
    f11(&mut h);
    let first = sent(&mut h, 1);
    assert_eq!(
        first,
        [
            ViewportCommand::Visible(false),
            ViewportCommand::Visible(true),
            ViewportCommand::Fullscreen(true)
        ],
        "raised over the presenter view in the same frame"
    );
    // Nobody grants full screen: winit moved it to the corner at its old size.
    tell(
        &mut h,
        Rect::from_min_size(pos2(0.0, 0.0), vec2(952.0, 535.0)),
        true,
    );
    let by_hand = sent(&mut h, 4);
    assert!(
        by_hand.contains(&ViewportCommand::InnerSize(vec2(1920.0, 1080.0))),
        "{by_hand:?}"
    );
    tell(
        &mut h,
        Rect::from_min_size(pos2(0.0, 0.0), vec2(1920.0, 1080.0)),
        true,
    );
    f11(&mut h);
    let second = sent(&mut h, 1);
    assert_eq!(
        second,
        [
            ViewportCommand::Fullscreen(false),
            ViewportCommand::Decorations(true),
            ViewportCommand::OuterPosition(pos2(960.0, 0.0)),
            ViewportCommand::InnerSize(vec2(952.0, 535.0)),
            ViewportCommand::Visible(false),
            ViewportCommand::Visible(true),
        ],
        "back where it was, as big, on top"
    );
}
