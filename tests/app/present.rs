//! Presenter mode through the real app: keys and buttons of the presenter view, the audience's
//! slides, and snapshots of each kind of slide and of the presenter view in both languages
//! (`tests/snapshots/present-*.png`; after a deliberate change, UPDATE_SNAPSHOTS=1).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::content;
use egui::Key as EguiKey;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vein_kiosk::app::present::{PresentApp, Windows};
use vein_kiosk::command::Visit;
use vein_kiosk::present::{Command, Presentation, Shade, Talk, TimerState};
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
    let total = content().flow.screens.len();
    assert!(h.query_by_label(&format!("Slide 1 of {total}")).is_some());
    h.key_press(EguiKey::ArrowRight);
    h.run();
    assert_eq!(state(&h).current(), 1);
    assert!(h.query_by_label(&format!("Slide 2 of {total}")).is_some());
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
    assert_eq!(state(&h).cover(), Some(Shade::Black));
    assert!(
        h.query_by_role_and_label(Role::Label, "Black screen (B)")
            .is_some(),
        "the presenter is told what the audience sees"
    );
    h.key_press(EguiKey::Escape);
    h.run();
    assert_eq!(state(&h).cover(), None, "Esc leaves the black screen");
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
    go(&mut h, Command::from(Visit::GoTo(at("get-help"))));
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
        h.query_by_label(&format!(
            "Slide {} of {}",
            at("get-help") + 1,
            c.flow.screens.len()
        ))
        .is_some(),
        "the view itself stays in English"
    );
    go(&mut h, Command::from(Visit::GoTo(usize::MAX)));
    assert!(h.query_by_label("Next: End of the talk").is_some());
}

#[test]
fn the_presenter_drives_the_valve_cards_and_pictures_by_button() {
    let mut h = app(Windows::PresenterOnly, "en", SIZE, false);
    go(&mut h, Command::from(Visit::GoTo(at("healthy-veins"))));
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
    go(&mut h, Command::from(Visit::GoTo(at("risk-factors"))));
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
    assert_eq!(state(&h).cover(), Some(Shade::Black));
    h.get_by_role_and_label(Role::Button, "Next").click();
    h.run();
    assert_eq!(
        (state(&h).cover(), state(&h).current()),
        (None, at("risk-factors"))
    );
}

#[test]
fn ctrl_q_ends_and_escape_never_does() {
    let mut h = app(Windows::PresenterOnly, "en", SIZE, false);
    for _ in 0..3 {
        h.key_press(EguiKey::Escape);
    }
    h.run();
    assert!(!h.state().ending(), "Escape never ends the talk");
    assert_eq!(state(&h).current(), 0);
    h.key_press(EguiKey::H);
    h.run();
    assert!(!state(&h).presenter_shown());
    h.key_press(EguiKey::H);
    h.run();
    assert!(state(&h).presenter_shown());
    assert!(!h.state().ending());
    // Ctrl+Q ends it (the window's Close command itself is taken by the test harness).
    h.key_press_modifiers(egui::Modifiers::CTRL, EguiKey::Q);
    h.run();
    assert!(h.state().ending(), "Ctrl+Q ends the talk");
}

#[test]
fn the_audience_sees_slides_without_touch_chrome() {
    let c = content();
    let mut h = app(Windows::AudienceOnly, "en", SIZE, false);
    // Nothing on a slide is a control: no Back, Next, Home, language or progress buttons.
    for (i, _) in c.flow.screens.iter().enumerate() {
        go(&mut h, Command::from(Visit::GoTo(i)));
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
    assert_eq!(state(&h).cover(), Some(Shade::White));
}

/// Pixels of a rendered harness, for checking what the audience sees.
fn pixels(h: &mut Harness<'_, PresentApp>) -> image::RgbaImage {
    h.render().expect("rendered")
}

#[test]
fn b_blanks_the_audience_and_an_advance_brings_the_slide_back() {
    let mut h = app(Windows::AudienceOnly, "en", (640.0, 360.0), true);
    go(&mut h, Command::from(Visit::GoTo(at("symptoms"))));
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
        let shots: [(&str, Vec<Command>); 8] = [
            ("01-welcome", vec![Command::from(Visit::GoTo(0))]),
            (
                "02-valve",
                vec![Command::from(Visit::GoTo(at("healthy-veins")))],
            ),
            (
                "04-cards",
                vec![Command::from(Visit::GoTo(at("risk-factors")))],
            ),
            (
                "04-card-open",
                vec![Command::from(Visit::OpenCard("clot".into()))],
            ),
            (
                "05-long-slide",
                vec![Command::from(Visit::GoTo(at("symptoms")))],
            ),
            ("05-picture", vec![Command::from(Talk::Picture(Some(2)))]),
            (
                "09-table-and-chances",
                vec![Command::from(Visit::GoTo(at("compare-options")))],
            ),
            (
                "13-self-check",
                vec![Command::from(Visit::GoTo(at("check-legs")))],
            ),
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
            (
                "valve",
                vec![Command::from(Visit::GoTo(at("healthy-veins")))],
            ),
            (
                "cards",
                vec![
                    Command::from(Visit::GoTo(at("risk-factors"))),
                    Command::from(Visit::OpenCard("age".into())),
                ],
            ),
            (
                "black",
                vec![
                    Command::from(Visit::CloseCard),
                    Command::from(Visit::GoTo(at("get-help"))),
                    Command::from(Talk::Cover(Shade::Black)),
                ],
            ),
            (
                "overview",
                vec![
                    Command::from(Talk::Cover(Shade::Black)),
                    Command::from(Talk::Overview),
                    Command::from(Talk::OverviewMove(6)),
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
    go(&mut h, Command::from(Visit::GoTo(at("risk-factors"))));
    results.add(h.try_snapshot("present-presenter-es-laptop"));
    results.unwrap();
}

#[test]
fn every_screen_has_notes_in_both_languages_with_the_same_shape() {
    let c = content();
    for screen in &c.flow.screens {
        let en = &c.language("en").screens[&screen.id].notes;
        let es = &c.language("es").screens[&screen.id].notes;
        for notes in [en, es] {
            assert!(
                !notes.must_say.is_empty(),
                "{}: what must be said",
                screen.id
            );
            assert!(
                notes.must_say.len() + notes.say.len() >= 2,
                "{}: a few points to say",
                screen.id
            );
            assert!(notes.minutes > 0.0, "{}: a share of the talk", screen.id);
            assert!(!notes.facts.is_empty(), "{}: key facts", screen.id);
            for fact in &notes.facts {
                assert!(
                    !fact.source.trim().is_empty(),
                    "{}: every fact has a source",
                    screen.id
                );
            }
            assert!(
                notes.patients_ask.ends_with('?'),
                "{}: a question",
                screen.id
            );
            assert!(
                notes.ask_the_room.contains('?'),
                "{}: a question",
                screen.id
            );
        }
        assert_eq!(en.say.len(), es.say.len(), "{}: the same points", screen.id);
        assert_eq!(
            en.must_say.len(),
            es.must_say.len(),
            "{}: the same must-say points",
            screen.id
        );
        assert_eq!(en.minutes, es.minutes, "{}: the same time", screen.id);
        assert_eq!(
            en.facts.len(),
            es.facts.len(),
            "{}: the same facts",
            screen.id
        );
    }
}

#[test]
fn text_notes_prints_the_notes_with_placeholders_filled() {
    let c = content();
    let text = vein_kiosk::text::speaker_notes(&c, Some("es"), Some("get-help")).unwrap();
    let notes = &c.language("es").screens["get-help"].notes;
    let heading = format!(
        "=== es {}/{} get-help: ",
        at("get-help") + 1,
        c.flow.screens.len()
    );
    assert!(text.starts_with(&heading), "{text}");
    for label in [
        "Hay que decir:",
        "Qué decir:",
        "Datos clave:",
        "Pregunta para la sala:",
        "Respuesta:",
    ] {
        assert!(text.contains(label), "{label}");
    }
    assert!(text.contains(&notes.patients_ask));
    assert!(text.contains(&format!("({})", notes.facts[0].source)));
    assert!(!text.contains('{'), "placeholders are filled: {text}");
    assert!(text.contains(&c.settings.emergency_number));
    let all = vein_kiosk::text::speaker_notes(&c, None, None).unwrap();
    assert_eq!(all.matches("=== ").count(), 2 * c.flow.screens.len());
    assert!(vein_kiosk::text::speaker_notes(&c, None, Some("nope")).is_err());
}

/// A copy of the built-in content with `edit` applied to lang/es.ron; the problems `check` finds.
fn problems_after(edit: impl Fn(String) -> String) -> Vec<vein_kiosk::content::Problem> {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        dir.path(),
    );
    let es = dir.path().join("lang/es.ron");
    std::fs::write(&es, edit(std::fs::read_to_string(&es).unwrap())).unwrap();
    vein_kiosk::content::Content::load(vein_kiosk::content::ContentSource::Folder(
        dir.path().to_owned(),
    ))
    .err()
    .unwrap_or_default()
}

#[test]
fn check_reports_missing_and_empty_notes() {
    let problems = problems_after(|text| {
        let screen = text.find("\"get-help\": Screen(").unwrap();
        let start = screen + text[screen..].find("            notes: Notes(").unwrap();
        let end =
            start + text[start..].find("\n            ),\n").unwrap() + "\n            ),\n".len();
        format!("{}{}", &text[..start], &text[end..])
    });
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].file.ends_with("lang/es.ron"));
    assert!(problems[0].to_string().contains("notes"), "{}", problems[0]);
    assert!(
        problems[0].to_string().contains("missing"),
        "{}",
        problems[0]
    );

    let problems = problems_after(|text| {
        let answer =
            text.find("                answer: \"").unwrap() + "                answer: ".len();
        let end = answer + text[answer..].find(",\n").unwrap();
        format!("{}\"\"{}", &text[..answer], &text[end..])
    });
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].field, "screens.\"welcome\".notes.answer");
    assert!(problems[0].message.contains("empty"), "{}", problems[0]);
}

#[test]
fn clicker_and_keyboard_keys_map_to_presentation_keys() {
    use egui::Modifiers as M;
    use vein_kiosk::app::present::key_for;
    use vein_kiosk::present::Key;
    let plain = [
        (EguiKey::ArrowRight, Key::Right),
        (EguiKey::ArrowLeft, Key::Left),
        (EguiKey::ArrowUp, Key::Up),
        (EguiKey::ArrowDown, Key::Down),
        (EguiKey::PageDown, Key::PageDown),
        (EguiKey::PageUp, Key::PageUp),
        (EguiKey::Space, Key::Space),
        (EguiKey::Enter, Key::Enter),
        (EguiKey::Backspace, Key::Backspace),
        (EguiKey::Home, Key::Home),
        (EguiKey::End, Key::End),
        (EguiKey::Num0, Key::Digit(0)),
        (EguiKey::Num9, Key::Digit(9)),
        (EguiKey::B, Key::B),
        (EguiKey::Period, Key::Period),
        (EguiKey::W, Key::W),
        (EguiKey::Tab, Key::Tab),
        (EguiKey::O, Key::O),
        (EguiKey::Escape, Key::Escape),
        (EguiKey::F5, Key::F5),
        (EguiKey::P, Key::P),
        (EguiKey::R, Key::R),
        (EguiKey::H, Key::H),
        (EguiKey::N, Key::N),
        (EguiKey::V, Key::V),
        (EguiKey::S, Key::S),
        (EguiKey::C, Key::C),
        (EguiKey::G, Key::G),
    ];
    for (egui_key, key) in plain {
        assert_eq!(key_for(egui_key, M::NONE), Some(key), "{egui_key:?}");
    }
    assert_eq!(key_for(EguiKey::F5, M::SHIFT), Some(Key::ShiftF5));
    assert_eq!(key_for(EguiKey::Q, M::CTRL), Some(Key::CtrlQ));
    assert_eq!(key_for(EguiKey::Q, M::COMMAND), Some(Key::CtrlQ));
    assert_eq!(key_for(EguiKey::Q, M::NONE), None, "Q alone does nothing");
    assert_eq!(
        key_for(EguiKey::Tab, M::ALT),
        None,
        "Alt+Tab belongs to the desktop"
    );
    assert_eq!(key_for(EguiKey::B, M::CTRL), None);
    assert_eq!(
        key_for(EguiKey::F11, M::NONE),
        None,
        "F11 is the slides window's own"
    );
}
