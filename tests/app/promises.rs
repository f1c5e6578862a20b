//! README promises that had no test: the idle times as shipped, a tap on the valve picture, a
//! panic inside a frame, the log line without a PIN, the idle countdown as a live region, the idle
//! warning spoken, and the staff's note when there is no speech service.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::wipe::visit::{self, Clinic, Wipe};

use common::{content, tap};
use egui::accesskit::{Live, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use vein_kiosk::app::App;
use vein_kiosk::content::{Content, ContentSource};
use vein_kiosk::effects::{Call, Outcome, RecordingEffects};

fn kiosk(c: Content) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| App::new(c, &[]).kiosk_mode(None));
    h.run();
    h
}

fn now(h: &Harness<'_, App>) -> f64 {
    h.ctx.input(|i| i.time)
}

/// Waits until `at` on the app's clock.
fn wait_until(h: &mut Harness<'_, App>, at: f64) {
    let left = at - now(h);
    visit::wait(h, left);
}

/// README: "after `idle_seconds` (default 90) … counts down `warning_seconds` (default 30)": the
/// kiosk as shipped, and a clinic's settings file that leaves both out.
#[test]
fn as_shipped_the_warning_comes_after_90_s_and_the_wipe_30_s_later() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("settings.ron");
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/settings.ron"))
            .unwrap();
    let left_out: String = shipped
        .lines()
        .filter(|l| !l.contains("idle_seconds:") && !l.contains("warning_seconds:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(left_out, shipped);
    std::fs::write(&config, left_out).unwrap();
    let clinics = [
        ("as shipped", content()),
        (
            "left out",
            Content::load_with_config(ContentSource::BuiltIn, Some(&config)).unwrap(),
        ),
    ];
    for (name, c) in clinics {
        let en = c.language("en").ui.clone();
        let mut h = kiosk(c);
        h.get_by_role_and_label(Role::Button, &en.attract_touch)
            .click();
        let before = now(&h);
        h.run();
        // The visit began (the idle clock's start) within the frames of that tap.
        let touched = now(&h);
        let warned = |h: &Harness<'_, App>| h.query_by_label(&en.still_there).is_some();
        wait_until(&mut h, touched + 88.0);
        assert!(!warned(&h), "{name}: no warning before 90 s");
        wait_until(&mut h, before + 91.0);
        assert!(warned(&h), "{name}: the warning at 90 s");
        wait_until(&mut h, touched + 118.0);
        assert!(
            !h.state().session().route.is_attract(),
            "{name}: 30 s to answer"
        );
        wait_until(&mut h, before + 121.0);
        assert!(
            h.state().session().route.is_attract(),
            "{name}: wiped at 120 s"
        );
    }
}

/// README: "Squeeze the calf (or a tap on the picture) drives a squeeze".
#[test]
fn a_tap_on_the_valve_picture_squeezes() {
    let c = content();
    let mut h = common::app((1920.0, 1080.0));
    tap(&mut h, &c.language("en").ui.start);
    let alt = &c.language("en").screens[&c.flow.screens[1].id].alt;
    let squeezes =
        |h: &Harness<'_, App>| h.state().session().route.valve().unwrap().squeezes_asked();
    let before = squeezes(&h);
    let picture = h.get_by_role_and_label(Role::Image, alt).rect().center();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: picture,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run_ok();
    assert_eq!(squeezes(&h), before + 1, "one tap, one squeeze");
}

/// README: "A bug inside a frame is caught, logged …, and the kiosk starts over on the attract
/// screen": as any end of a visit, with nothing of the visitor left.
#[test]
fn a_panic_inside_a_frame_is_logged_and_wipes_the_visit() {
    common::capture_logs();
    let clinic = Clinic::new(false);
    let effects = RecordingEffects::new();
    let mut h = clinic.kiosk(clinic.content(Wipe::Idle), &effects);
    visit::begin(&mut h);
    tap(&mut h, "Español");
    let larger = visit::words(&h).ui.larger_text;
    tap(&mut h, &larger);
    visit::to_screen(&mut h, "risk-factors");
    h.state_mut().panic_next_frame();
    h.run();
    let lines = common::logs_of_this_thread();
    assert!(
        lines.iter().any(|l| l.contains("a frame failed")),
        "{lines:?}"
    );
    if let Err(why) = visit::nothing_remains(&h, &[]) {
        panic!("after a panic: {why}");
    }
    assert!(effects.calls().contains(&Call::ForgetSpeech));
}

/// README: "Without a PIN the staff menu is disabled (the log says so)", at start and when the
/// staff gesture is tried.
#[test]
fn without_a_pin_the_log_says_the_staff_menu_is_disabled() {
    common::capture_logs();
    let mut h = kiosk(content());
    let lines = common::logs_of_this_thread();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("no staff PIN is set") && l.contains("set-pin")),
        "{lines:?}"
    );
    h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
    h.run();
    let lines = common::logs_of_this_thread();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("staff gesture was used, but no staff PIN is set")),
        "{lines:?}"
    );
}

/// README: "the idle countdown [is a] live region", and the idle warning is spoken in place of
/// what the screen was saying.
#[test]
fn the_idle_warning_is_spoken_and_its_countdown_is_a_live_region() {
    let clinic = Clinic::new(false);
    let effects = RecordingEffects::new();
    let mut h = clinic.kiosk(clinic.content(Wipe::Idle), &effects);
    visit::begin(&mut h);
    let en = visit::words(&h).ui;
    tap(&mut h, &en.read_aloud);
    visit::until(&mut h, "the welcome is being said", |_| {
        effects.saying().is_some()
    });
    let screen = effects.saying().unwrap();
    let idle = f64::from(h.state().content().settings.idle_seconds);
    visit::wait(&mut h, idle + 0.5);
    assert!(h.query_by_label(&en.still_there).is_some());
    visit::until(&mut h, "the warning is said", |_| {
        effects.saying().as_deref() == Some(en.still_there.as_str())
    });
    assert_ne!(
        effects.saying(),
        Some(screen),
        "the screen is no longer read"
    );
    let said = effects.calls().into_iter().rev().find_map(|c| match c {
        Call::Speak { utterances, .. } => Some(utterances),
        _ => None,
    });
    let said = said.unwrap();
    assert_eq!(said.last(), Some(&en.still_here), "{said:?}");
    // The sentence with the seconds left is announced as it changes.
    let countdown = |h: &Harness<'_, App>| {
        h.query_all_by_role(Role::Label)
            .find(|n| n.accesskit_node().live() != Live::Off)
            .and_then(|n| n.accesskit_node().value())
    };
    let first = countdown(&h).expect("a live region");
    let seconds = |text: &str| -> String { text.chars().filter(char::is_ascii_digit).collect() };
    assert!(!seconds(&first).is_empty(), "{first}");
    visit::wait(&mut h, 2.0);
    let later = countdown(&h).expect("still a live region");
    assert_ne!(seconds(&later), seconds(&first), "{first} then {later}");
}

/// README: with no speech service "the kiosk works as before and says so to staff: a small note
/// under the controls while Read aloud is on".
#[test]
fn with_no_speech_service_a_note_shows_while_read_aloud_is_on() {
    let clinic = Clinic::new(false);
    let effects = RecordingEffects::new();
    effects.set_speech(Outcome::Fail("no speech service here".into()));
    let mut h = clinic.kiosk(clinic.content(Wipe::Idle), &effects);
    visit::begin(&mut h);
    let en = visit::words(&h).ui;
    let note = en
        .speech_unavailable
        .replace("{why}", "no speech service here");
    assert!(h.query_by_label(&note).is_none());
    tap(&mut h, &en.read_aloud);
    visit::until(&mut h, "the note shows", |h| {
        h.query_by_label(&note).is_some()
    });
    tap(&mut h, &en.read_aloud);
    assert!(
        h.query_by_label(&note).is_none(),
        "gone with Read aloud off"
    );
}

/// The `warning:` lines `vein-kiosk check --config FILE` prints about a hand-off folder.
fn check_warnings(folder: &std::path::Path) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("settings.ron");
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/settings.ron"))
            .unwrap();
    let set = format!("handoff_folder: Some({:?})", folder.display().to_string());
    assert!(shipped.contains("handoff_folder: None"));
    std::fs::write(&config, shipped.replace("handoff_folder: None", &set)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
        .arg("check")
        .arg("--config")
        .arg(&config)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("warning:") && l.contains("hand-off folder"))
        .map(str::to_owned)
        .collect()
}

/// README: "`vein-kiosk check --config FILE` warns when the folder is a link, world-writable, or
/// not writable by the kiosk".
#[test]
fn check_warns_about_a_linked_world_writable_or_unwritable_hand_off_folder() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let mode = |path: &std::path::Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    let good = dir.path().join("good");
    std::fs::create_dir(&good).unwrap();
    mode(&good, 0o750);
    assert_eq!(check_warnings(&good), Vec::<String>::new(), "a good folder");

    let open = dir.path().join("open");
    std::fs::create_dir(&open).unwrap();
    mode(&open, 0o777);
    let said = check_warnings(&open);
    assert!(said.len() == 1 && said[0].contains("anyone"), "{said:?}");

    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&good, &link).unwrap();
    let said = check_warnings(&link);
    assert!(
        said.len() == 1 && said[0].contains("symbolic link"),
        "{said:?}"
    );

    // Read only: by its mode for most users; root writes there anyway, so for root /proc.
    let shut = dir.path().join("shut");
    std::fs::create_dir(&shut).unwrap();
    mode(&shut, 0o555);
    let root_writes = std::fs::write(shut.join("probe"), b"").is_ok();
    let shut = if root_writes {
        std::path::PathBuf::from("/proc")
    } else {
        shut
    };
    let said = check_warnings(&shut);
    assert!(
        said.len() == 1 && said[0].contains("cannot write"),
        "{said:?}"
    );
}

/// README: "Space or Enter presses the focused control and the arrows move between controls
/// (answer cards)": on a question of picture cards, Right moves the focus to the next card and
/// Space chooses that one.
#[test]
fn the_arrows_move_between_answer_cards_and_space_chooses_the_one_focused() {
    use vein_kiosk::selfcheck::Step;
    let c = content();
    let mut h = common::app((1920.0, 1080.0));
    let signs = common::check_states()
        .into_iter()
        .find(|(name, _)| *name == "signs")
        .unwrap()
        .1;
    common::walk(&mut h, &[vein_kiosk::command::Visit::StartCheck]);
    common::walk(&mut h, &signs);
    let Some(Step::Question(i)) = h.state().session().route.check_step() else {
        panic!("a question");
    };
    let id = &c.selfcheck.questions[i].id;
    let options = &c.language("en").selfcheck.questions[id].options;
    // The cards in reading order: by row, then from the left.
    let mut cards: Vec<(egui::Rect, String, String)> = options
        .iter()
        .filter_map(|(option, label)| {
            let node = h
                .query_all_by_label(label)
                .find(|n| matches!(n.accesskit_node().role(), Role::Button | Role::CheckBox))?;
            Some((node.rect(), option.clone(), label.clone()))
        })
        .collect();
    cards.sort_by(|a, b| {
        (a.0.top(), a.0.left())
            .partial_cmp(&(b.0.top(), b.0.left()))
            .unwrap()
    });
    assert!(cards.len() > 2, "{cards:?}");
    let card = |h: &Harness<'_, App>, label: &str| {
        h.query_all_by_label(label)
            .find(|n| matches!(n.accesskit_node().role(), Role::Button | Role::CheckBox))
            .map(|n| n.is_focused())
    };
    let first = h
        .query_all_by_label(&cards[0].2)
        .find(|n| matches!(n.accesskit_node().role(), Role::Button | Role::CheckBox));
    first.unwrap().focus();
    h.run();
    assert_eq!(
        card(&h, &cards[0].2),
        Some(true),
        "the first card has the focus"
    );
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(card(&h, &cards[1].2), Some(true), "Right: the next card");
    assert_eq!(card(&h, &cards[0].2), Some(false));
    h.key_press(egui::Key::Space);
    h.run();
    let chosen = &h.state().session().route.check().unwrap().draft.chosen;
    assert!(
        chosen.contains(&cards[1].1) && !chosen.contains(&cards[0].1),
        "{chosen:?}"
    );
}
