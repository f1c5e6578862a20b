//! Presenter mode through the real app: keys and buttons of the presenter view, the audience's
//! slides, and snapshots of each kind of slide and of the presenter view in both languages
//! (`tests/snapshots/present-*.png`; after a deliberate change, UPDATE_SNAPSHOTS=1).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::content;
use egui::Key as EguiKey;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vein_kiosk::present::app::{PresentApp, Windows};
use vein_kiosk::present::{Command, Cover, Presentation, TimerState};
use vein_kiosk::valve::ValveMode;

const SIZE: (f32, f32) = (1920.0, 1080.0);

fn fixed_clock() -> (String, f64) {
    ("10:30".to_owned(), 30.0)
}

/// The app showing one of its windows in the harness's root window.
fn app(
    windows: Windows,
    lang: &str,
    size: (f32, f32),
    render: bool,
) -> Harness<'static, PresentApp> {
    let lang = lang.to_owned();
    let builder = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_max_steps(64);
    let builder = if render { builder.wgpu() } else { builder };
    let mut harness = builder.build_eframe(move |_cc| {
        PresentApp::new(content(), Some(&lang))
            .windows(windows)
            .with_clock(fixed_clock)
    });
    harness.run();
    harness
}

fn state(h: &Harness<'_, PresentApp>) -> Presentation {
    h.state().presentation()
}

fn go(h: &mut Harness<'_, PresentApp>, command: Command) {
    h.state_mut().apply(command);
    h.run();
}

fn at(id: &str) -> usize {
    content().screen_index(id).unwrap()
}

#[test]
fn keys_in_the_presenter_view_drive_the_talk() {
    let mut h = app(Windows::PresenterOnly, "en", SIZE, false);
    assert!(h.query_by_label("Slide 1 of 13").is_some());
    h.key_press(EguiKey::ArrowRight);
    h.run();
    assert_eq!(state(&h).current(), 1);
    assert!(h.query_by_label("Slide 2 of 13").is_some());
    assert_eq!(state(&h).timer_state(), TimerState::Running);
    h.key_press(EguiKey::PageDown);
    h.key_press(EguiKey::Space);
    h.key_press(EguiKey::Enter);
    h.run();
    assert_eq!(state(&h).current(), 4);
    h.key_press(EguiKey::PageUp);
    h.key_press(EguiKey::Backspace);
    h.run();
    assert_eq!(state(&h).current(), 2);
    h.key_press(EguiKey::Num1);
    h.key_press(EguiKey::Num2);
    h.run();
    assert!(
        h.query_by_label("Go to slide 12_").is_some(),
        "the number shows while typed"
    );
    h.key_press(EguiKey::Enter);
    h.run();
    assert_eq!(state(&h).current(), 11);
    h.key_press(EguiKey::B);
    h.run();
    assert_eq!(state(&h).cover(), Cover::Black);
    assert!(
        h.query_by_role_and_label(Role::Label, "Black screen (B)")
            .is_some(),
        "the presenter is told what the audience sees"
    );
    h.key_press(EguiKey::Escape);
    h.run();
    assert_eq!(
        state(&h).cover(),
        Cover::None,
        "Esc leaves the black screen"
    );
    h.key_press(EguiKey::Tab);
    h.key_press(EguiKey::ArrowLeft);
    h.key_press(EguiKey::Enter);
    h.run();
    assert_eq!(state(&h).current(), 10, "overview: Left then Enter");
    h.key_press_modifiers(egui::Modifiers::SHIFT, EguiKey::F5);
    h.key_press(EguiKey::P);
    h.run();
    assert_eq!(state(&h).timer_state(), TimerState::Paused);
    h.key_press(EguiKey::F5);
    h.run();
    assert_eq!(state(&h).current(), 0, "F5 starts from the first slide");
}

#[test]
fn the_presenter_view_shows_notes_next_slide_time_and_clock() {
    let c = content();
    let mut h = app(Windows::PresenterOnly, "en", SIZE, false);
    go(&mut h, Command::GoTo(at("get-help")));
    let notes = &c.language("en").screens["get-help"].notes;
    assert!(
        h.query_by_label(&notes.ask_the_room).is_some(),
        "the question for the room"
    );
    assert!(
        h.query_by_label(&notes.patients_ask).is_some(),
        "a patient's question"
    );
    assert!(
        h.query_all_by_label_contains(&notes.facts[0].source)
            .next()
            .is_some(),
        "a fact's source"
    );
    assert!(
        h.query_by_label("Next: Your visit to the vein clinic")
            .is_some()
    );
    assert!(h.query_by_label("10:30").is_some(), "the clock");
    assert!(
        h.query_by_label_contains("Elapsed 0:").is_some(),
        "the talk's time"
    );
    assert!(h.query_by_label("Notes (English)").is_some());
    h.key_press(EguiKey::N);
    h.run();
    let es = &c.language("es").screens["get-help"].notes;
    assert!(
        h.query_by_label("Notes (Español)").is_some(),
        "N: the other language's notes"
    );
    assert!(h.query_by_label(&es.ask_the_room).is_some());
    assert!(
        h.query_by_label("Slide 9 of 13").is_some(),
        "the view itself stays in English"
    );
    go(&mut h, Command::Last);
    assert!(h.query_by_label("Next: End of the talk").is_some());
}

#[test]
fn the_presenter_drives_the_valve_cards_and_pictures_by_button() {
    let mut h = app(Windows::PresenterOnly, "en", SIZE, false);
    go(&mut h, Command::GoTo(at("healthy-veins")));
    h.get_by_role_and_label(Role::Button, "Weak valves").click();
    h.run();
    let valve = |h: &Harness<'_, PresentApp>| state(h).session().route.valve().cloned().unwrap();
    assert_eq!(valve(&h).mode(), ValveMode::Weak);
    h.get_by_role_and_label(Role::Button, "Squeeze the calf")
        .click();
    h.run();
    assert_eq!(valve(&h).squeezes_asked(), 1);
    h.key_press(EguiKey::V);
    h.key_press(EguiKey::S);
    h.run();
    assert_eq!(valve(&h).mode(), ValveMode::Healthy);
    assert_eq!(valve(&h).squeezes_asked(), 2);
    h.get_by_label_contains("2. The calf muscle").click();
    h.run();
    assert_eq!(state(&h).picture(), Some(1));
    go(&mut h, Command::GoTo(at("risk-factors")));
    h.get_by_role_and_label(Role::Button, "A past clot or leg injury")
        .click();
    h.run();
    assert_eq!(state(&h).open_card(), Some("clot"));
    h.get_by_role_and_label(Role::Button, "A past clot or leg injury")
        .click();
    h.run();
    assert_eq!(state(&h).open_card(), None, "a second click closes it");
    h.get_by_role_and_label(Role::Button, "Black screen (B)")
        .click();
    h.run();
    assert_eq!(state(&h).cover(), Cover::Black);
    h.get_by_role_and_label(Role::Button, "Next").click();
    h.run();
    assert_eq!(
        (state(&h).cover(), state(&h).current()),
        (Cover::None, at("risk-factors"))
    );
}

#[test]
fn ctrl_q_ends_and_escape_never_does() {
    let mut h = app(Windows::PresenterOnly, "en", SIZE, false);
    for _ in 0..3 {
        h.key_press(EguiKey::Escape);
    }
    h.run();
    assert_eq!(state(&h).current(), 0);
    h.key_press(EguiKey::H);
    h.run();
    assert!(!state(&h).presenter_shown());
    h.key_press(EguiKey::H);
    h.run();
    assert!(state(&h).presenter_shown());
}

#[test]
fn the_audience_sees_slides_without_touch_chrome() {
    let c = content();
    let mut h = app(Windows::AudienceOnly, "en", SIZE, false);
    // Nothing on a slide is a control: no Back, Next, Home, language or progress buttons.
    for (i, _) in c.flow.screens.iter().enumerate() {
        go(&mut h, Command::GoTo(i));
        let buttons = h.query_all_by_role(Role::Button).count();
        assert_eq!(buttons, 0, "slide {} has {buttons} buttons", i + 1);
    }
    h.key_press(EguiKey::Home);
    h.run();
    assert_eq!(
        state(&h).current(),
        0,
        "keys work in the audience window too"
    );
    h.key_press(EguiKey::W);
    h.run();
    assert_eq!(state(&h).cover(), Cover::White);
}

/// Pixels of a rendered harness, for checking what the audience sees.
fn pixels(h: &mut Harness<'_, PresentApp>) -> image::RgbaImage {
    h.render().expect("rendered")
}

#[test]
fn b_blanks_the_audience_and_an_advance_brings_the_slide_back() {
    let mut h = app(Windows::AudienceOnly, "en", (640.0, 360.0), true);
    go(&mut h, Command::GoTo(at("symptoms")));
    let slide = pixels(&mut h);
    h.key_press(EguiKey::B);
    h.run();
    let black = pixels(&mut h);
    assert!(black.pixels().all(|p| p.0[..3] == [0, 0, 0]), "all black");
    h.key_press(EguiKey::ArrowRight);
    h.run();
    assert_eq!(
        state(&h).current(),
        at("symptoms"),
        "the same slide returns"
    );
    assert_eq!(pixels(&mut h), slide);
    h.key_press(EguiKey::W);
    h.run();
    assert!(
        pixels(&mut h).pixels().all(|p| p.0[..3] == [255, 255, 255]),
        "all white"
    );
}

#[test]
fn snapshots_of_the_audience_slides_in_both_languages() {
    let mut results = egui_kittest::SnapshotResults::new();
    for lang in ["en", "es"] {
        let mut h = app(Windows::AudienceOnly, lang, SIZE, true);
        let shots: [(&str, Vec<Command>); 7] = [
            ("01-welcome", vec![Command::GoTo(0)]),
            ("02-valve", vec![Command::GoTo(at("healthy-veins"))]),
            ("04-cards", vec![Command::GoTo(at("risk-factors"))]),
            ("04-card-open", vec![Command::OpenCard("clot".into())]),
            ("05-long-slide", vec![Command::GoTo(at("symptoms"))]),
            ("05-picture", vec![Command::Picture(Some(2))]),
            ("13-self-check", vec![Command::GoTo(at("check-legs"))]),
        ];
        for (name, commands) in shots {
            for command in commands {
                h.state_mut().apply(command);
            }
            h.run();
            results.add(h.try_snapshot(format!("present-audience-{lang}-{name}")));
        }
    }
    results.unwrap();
}

#[test]
fn snapshots_of_the_presenter_view_in_both_languages() {
    let mut results = egui_kittest::SnapshotResults::new();
    for lang in ["en", "es"] {
        let mut h = app(Windows::PresenterOnly, lang, SIZE, true);
        let shots: [(&str, Vec<Command>); 4] = [
            ("valve", vec![Command::GoTo(at("healthy-veins"))]),
            (
                "cards",
                vec![
                    Command::GoTo(at("risk-factors")),
                    Command::OpenCard("age".into()),
                ],
            ),
            (
                "black",
                vec![
                    Command::CloseCard,
                    Command::GoTo(at("get-help")),
                    Command::Cover(Cover::Black),
                ],
            ),
            (
                "overview",
                vec![
                    Command::Cover(Cover::Black),
                    Command::Overview,
                    Command::OverviewMove(6),
                ],
            ),
        ];
        for (name, commands) in shots {
            for command in commands {
                h.state_mut().apply(command);
            }
            h.run();
            results.add(h.try_snapshot(format!("present-presenter-{lang}-{name}")));
        }
    }
    // A laptop's screen, with the longer Spanish labels.
    let mut h = app(Windows::PresenterOnly, "es", (1366.0, 768.0), true);
    go(&mut h, Command::GoTo(at("risk-factors")));
    results.add(h.try_snapshot("present-presenter-es-laptop"));
    results.unwrap();
}
