//! egui keeps each picture at each size it has drawn; the kiosk forgets them at every wipe, so
//! its memory does not grow visit after visit (issue 24: the monkey run's rising PSS).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use vein_kiosk::app::App;

use crate::common::{self, tap};

fn textures(h: &Harness<'_, App>) -> usize {
    h.ctx.tex_manager().read().num_allocated()
}

/// One visitor: starts, reads four screens at each text size, and leaves (the idle wipe).
fn visit(h: &mut Harness<'static, App>) -> usize {
    let ui = common::content().language("en").ui.clone();
    tap(h, &ui.attract_touch);
    tap(h, &ui.start);
    for _ in 0..3 {
        for _ in 0..4 {
            tap(h, &ui.next);
        }
        tap(h, &ui.larger_text);
    }
    let during = textures(h);
    let settings = &h.state().content().settings;
    let idle = f64::from(settings.idle_seconds + settings.warning_seconds) + 2.0;
    for _ in 0..(idle / 0.25) as usize {
        h.step();
    }
    h.run();
    assert!(
        h.state().session().route.is_attract(),
        "the visit was wiped"
    );
    during
}

#[test]
fn pictures_drawn_for_one_visitor_are_let_go_at_the_wipe() {
    let c = common::content();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| App::new(c, &[]).kiosk_mode(None));
    h.run();
    let at_rest = textures(&h);
    let during = visit(&mut h);
    let after = textures(&h);
    assert!(
        during > at_rest + 8,
        "the visit drew pictures at three sizes ({at_rest} -> {during} textures)"
    );
    assert!(
        after <= at_rest + 1,
        "after the wipe only the attract screen's are held ({at_rest} at rest, {after} after)"
    );
    // And a second visitor leaves it where the first did: no growth from visit to visit.
    visit(&mut h);
    assert_eq!(textures(&h), after);
}
