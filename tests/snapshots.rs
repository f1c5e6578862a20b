//! A picture of every screen in both languages, rendered on the CPU (wgpu on Mesa), compared with
//! the reviewed images in tests/snapshots/. After a deliberate change: UPDATE_SNAPSHOTS=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{content, rendered_app};
use vein_kiosk::command::Command;

#[test]
fn every_screen_in_both_languages() {
    let content = content();
    let mut results = egui_kittest::SnapshotResults::new();
    for lang in ["en", "es"] {
        let mut h = rendered_app((1920.0, 1080.0));
        h.state_mut().apply(Command::SetLanguage(lang.into()));
        for (i, screen) in content.flow.screens.iter().enumerate() {
            h.state_mut().apply(Command::GoTo(i));
            h.run();
            results.add(h.try_snapshot(format!("{lang}-{:02}-{}", i + 1, screen.id)));
        }
    }
    results.unwrap();
}

#[test]
fn portrait_and_small_screens_and_an_open_card() {
    let content = content();
    let mut results = egui_kittest::SnapshotResults::new();
    let risk = content.screen_index("risk-factors").unwrap();
    for (size, name) in [((1080.0, 1920.0), "portrait"), ((1366.0, 768.0), "laptop")] {
        let mut h = rendered_app(size);
        h.state_mut().apply(Command::SetLanguage("es".into()));
        h.state_mut().apply(Command::GoTo(1));
        h.run();
        results.add(h.try_snapshot(format!("{name}-es-02-healthy-veins")));
        h.state_mut().apply(Command::GoTo(risk));
        h.state_mut().apply(Command::OpenCard("clot".into()));
        h.run();
        results.add(h.try_snapshot(format!("{name}-es-04-card-open")));
    }
    results.unwrap();
}
