//! Read aloud at the edges: the end of every visit asks the speech service to forget it; with no
//! speech service nothing says "You heard your answer" (nothing was heard) and one touch gives an
//! answer; the hint never moves the answer cards between the first touch and the second; and the
//! log says read aloud "works again" only when the service took words again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::content;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vein_kiosk::app::App;
use vein_kiosk::command::{Command, KioskCommand, StaffAction, Visit};
use vein_kiosk::effects::{Call, Outcome, RecordingEffects};
use vein_kiosk::session::TextStep;

fn harness(effects: &RecordingEffects, kiosk: bool) -> Harness<'static, App> {
    let effects = effects.clone();
    let mut c = content();
    c.settings.staff_pin_hash = Some(vein_kiosk::kiosk::pin::hash("2468").unwrap());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| {
            let app = App::new(c, &[]).with_effects(Arc::new(effects));
            if kiosk { app.kiosk_mode(None) } else { app }
        });
    h.run();
    h
}

/// Lets speech jobs run.
fn settle(h: &mut Harness<'_, App>) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(300) {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
}

fn forgotten(effects: &RecordingEffects) -> usize {
    effects
        .calls()
        .iter()
        .filter(|c| **c == Call::ForgetSpeech)
        .count()
}

#[test]
fn every_end_of_a_visit_asks_the_speech_service_to_forget_it() {
    let c = content();
    let effects = RecordingEffects::new();
    let mut h = harness(&effects, true);
    let read = c.language("en").ui.read_aloud.clone();
    let mut expected = 0;
    let visit = |h: &mut Harness<'_, App>| {
        h.state_mut().apply(Visit::Begin(None));
        h.run();
        common::tap(h, &read);
        settle(h);
        assert!(matches!(effects.calls().last(), Some(Call::Speak { .. })));
    };
    // Start again.
    visit(&mut h);
    h.state_mut().apply(Visit::StartAgain);
    h.run();
    settle(&mut h);
    expected += 1;
    assert_eq!(forgotten(&effects), expected, "Start again");
    // Finish at the end of the self-check.
    visit(&mut h);
    h.state_mut().apply(Visit::StartCheck);
    for step in common::summary_steps() {
        h.state_mut().apply(step);
    }
    h.state_mut().apply(Visit::FinishCheck);
    h.run();
    settle(&mut h);
    expected += 1;
    assert_eq!(forgotten(&effects), expected, "Finish");
    // The idle wipe.
    visit(&mut h);
    for _ in 0..(125.0 / 0.25) as usize {
        h.step();
    }
    assert!(h.state().session().route.is_attract());
    settle(&mut h);
    expected += 1;
    assert_eq!(forgotten(&effects), expected, "the idle wipe");
    // New content from the staff menu.
    visit(&mut h);
    h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
    h.run();
    for d in [2, 4, 6, 8] {
        h.state_mut().apply(KioskCommand::PinDigit(d));
    }
    h.state_mut().apply(KioskCommand::PinSubmit);
    h.run();
    assert!(h.state().kiosk().unwrap().menu_open());
    h.state_mut()
        .apply(Command::Staff(StaffAction::ReloadContent));
    h.run();
    settle(&mut h);
    assert!(effects.calls().contains(&Call::LoadContent));
    expected += 1;
    assert_eq!(forgotten(&effects), expected, "reloaded content");
}

#[test]
fn the_log_says_read_aloud_works_again_only_when_it_does() {
    common::capture_logs();
    let c = content();
    let effects = RecordingEffects::new();
    effects.set_speech(Outcome::Fail("no speech service here".into()));
    let mut h = harness(&effects, false);
    h.state_mut().apply(Visit::GoTo(1));
    h.run();
    let read = c.language("en").ui.read_aloud.clone();
    let works_again = |lines: &[String]| lines.iter().filter(|l| l.contains("works again")).count();
    common::tap(&mut h, &read);
    settle(&mut h);
    let lines = common::logs_of_this_thread();
    assert!(
        lines.iter().any(|l| l.contains("no speech service here")),
        "{lines:?}"
    );
    // Off (a stop), on again, a new screen, a wipe: nothing of that shows speech working.
    common::tap(&mut h, &read);
    settle(&mut h);
    common::tap(&mut h, &read);
    settle(&mut h);
    h.state_mut().apply(Visit::Next);
    h.run();
    settle(&mut h);
    h.state_mut().apply(Visit::StartAgain);
    h.run();
    settle(&mut h);
    let lines = common::logs_of_this_thread();
    assert_eq!(works_again(&lines), 0, "{lines:?}");
    // The service is back and takes the words: now it is said, once.
    effects.set_speech(Outcome::Succeed);
    h.state_mut().apply(Visit::GoTo(2));
    h.run();
    if !h.state().session().choices.read_aloud {
        common::tap(&mut h, &read);
    }
    settle(&mut h);
    let lines = common::logs_of_this_thread();
    assert_eq!(works_again(&lines), 1, "{lines:?}");
}

#[test]
fn with_no_speech_service_one_touch_answers_and_no_hint_says_it_was_heard() {
    let c = content();
    let ui = &c.language("en").selfcheck.ui;
    let effects = RecordingEffects::new();
    effects.set_speech(Outcome::Fail("no speech service here".into()));
    let mut h = harness(&effects, false);
    common::walk(&mut h, &[Visit::StartCheck]);
    common::tap(&mut h, &c.language("en").ui.read_aloud);
    settle(&mut h);
    let step = |h: &Harness<'_, App>| h.state().session().route.check_step();
    let first = step(&h);
    common::tap(&mut h, &ui.no);
    settle(&mut h);
    assert!(
        h.query_by_label(&ui.tap_again).is_none(),
        "nothing was heard, so nothing says so"
    );
    assert_ne!(step(&h), first, "one touch answered");
}

/// The answer cards' places on a question.
fn cards(h: &Harness<'_, App>, labels: &[&str]) -> Vec<egui::Rect> {
    labels
        .iter()
        .map(|l| h.get_by_role_and_label(Role::Button, l).rect())
        .collect()
}

#[test]
fn the_hint_after_the_first_touch_never_moves_the_answer_cards() {
    let c = content();
    let ui = c.language("en").selfcheck.ui.clone();
    for step in [TextStep::Normal, TextStep::Larger, TextStep::Largest] {
        for size in [(1920.0, 1080.0), (1280.0, 800.0)] {
            let effects = RecordingEffects::new();
            let mut h = harness(&effects, false);
            while h.state().session().choices.text != step {
                h.state_mut().apply(Visit::LargerText);
                h.run();
            }
            h.set_size(egui::vec2(size.0, size.1) / step.zoom());
            common::walk(&mut h, &[Visit::StartCheck]);
            common::tap(&mut h, &c.language("en").ui.read_aloud);
            settle(&mut h);
            let at = format!("{}x{} {}%", size.0, size.1, step.percent());
            let labels = [ui.yes.as_str(), ui.no.as_str()];
            h.get_by_role_and_label(Role::Button, &ui.no).scroll_to_me();
            h.run();
            let before = cards(&h, &labels);
            h.get_by_role_and_label(Role::Button, &ui.no).click();
            h.run();
            settle(&mut h);
            assert!(h.query_by_label(&ui.tap_again).is_some(), "{at}: the hint");
            assert_eq!(cards(&h, &labels), before, "{at}: the cards stayed put");
            let first = h.state().session().route.check_step();
            h.get_by_role_and_label(Role::Button, &ui.no).click();
            h.run();
            assert_ne!(
                h.state().session().route.check_step(),
                first,
                "{at}: the second touch, where the first was, answered"
            );
        }
    }
}
