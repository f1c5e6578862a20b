//! A person walks the education flow: by tapping labelled buttons, by keys, by swiping, in
//! English and Spanish.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{app, content, shows_title, tap, title};
use egui::{Event, Key, PointerButton, Pos2, accesskit::Role};
use egui_kittest::kittest::{NodeT as _, Queryable};

#[test]
fn every_screen_can_be_reached_by_tapping_next_in_both_languages() {
    let content = content();
    for lang in ["en", "es"] {
        let mut h = app((1920.0, 1080.0));
        let name = &content.language(lang).name;
        tap(&mut h, name);
        let words = content.language(lang).ui.clone();
        assert!(
            shows_title(&h, &title(&content, lang, 0)),
            "{lang}: welcome title"
        );
        tap(&mut h, &words.start);
        for i in 1..content.flow.screens.len() {
            assert!(
                shows_title(&h, &title(&content, lang, i)),
                "{lang}: screen {i} title shown"
            );
            assert_eq!(h.state().session().route.screen_index(), i);
            if i + 1 < content.flow.screens.len() {
                tap(&mut h, &words.next);
            }
        }
        // The last screen leads into the self-check instead of Next.
        assert!(
            h.query_by_role_and_label(Role::Button, &words.next)
                .is_none()
        );
        let check = &content.language(lang).selfcheck.ui.start;
        assert!(h.query_by_role_and_label(Role::Button, check).is_some());
        tap(&mut h, &words.home);
        assert_eq!(h.state().session().route.screen_index(), 0);
        assert_eq!(
            h.state().session().language,
            lang,
            "Home keeps the language"
        );
    }
}

#[test]
fn back_and_home_buttons_move_as_labelled() {
    let content = content();
    let words = content.language("en").ui.clone();
    let mut h = app((1920.0, 1080.0));
    tap(&mut h, &words.start);
    tap(&mut h, &words.next);
    tap(&mut h, &words.next);
    assert!(shows_title(&h, &title(&content, "en", 3)));
    tap(&mut h, &words.back);
    assert!(shows_title(&h, &title(&content, "en", 2)));
    tap(&mut h, &words.home);
    assert!(shows_title(&h, &title(&content, "en", 0)));
    assert!(
        h.query_by_role_and_label(Role::Button, &words.back)
            .is_none(),
        "no Back on the first screen"
    );
}

#[test]
fn keys_move_like_a_presentation_clicker() {
    let content = content();
    let mut h = app((1366.0, 768.0));
    let press = |h: &mut egui_kittest::Harness<'_, _>, key| {
        h.key_press(key);
        h.run();
    };
    for (key, expected) in [
        (Key::ArrowRight, 1),
        (Key::PageDown, 2),
        (Key::Space, 3),
        (Key::ArrowLeft, 2),
        (Key::PageUp, 1),
        (Key::PageDown, 2),
        (Key::Escape, 1),
        (Key::PageDown, 2),
        (Key::Home, 0),
    ] {
        press(&mut h, key);
        assert_eq!(
            h.state().session().route.screen_index(),
            expected,
            "after {key:?}"
        );
        assert!(shows_title(&h, &title(&content, "en", expected)));
    }
    // Walk to the end by keys; it stops on the last screen.
    for _ in 0..20 {
        press(&mut h, Key::ArrowRight);
    }
    assert_eq!(
        h.state().session().route.screen_index(),
        content.flow.screens.len() - 1
    );
}

#[test]
fn switching_language_keeps_the_screen() {
    let content = content();
    let mut h = app((1920.0, 1080.0));
    h.state_mut().apply(vein_kiosk::command::Visit::GoTo(4));
    h.run();
    assert!(shows_title(&h, &title(&content, "en", 4)));
    tap(&mut h, "Español");
    assert_eq!(h.state().session().route.screen_index(), 4);
    assert!(shows_title(&h, &title(&content, "es", 4)));
    // The controls changed language too.
    assert!(
        h.query_by_role_and_label(Role::Button, &content.language("es").ui.next)
            .is_some()
    );
    tap(&mut h, "English");
    assert!(shows_title(&h, &title(&content, "en", 4)));
}

#[test]
fn tapping_a_progress_section_jumps_to_it() {
    let content = content();
    let mut h = app((1920.0, 1080.0));
    let label = content.language("en").sections["treatment"].clone();
    tap(&mut h, &label);
    let index = content.screen_index("treatment").unwrap();
    assert_eq!(h.state().session().route.screen_index(), index);
    assert!(shows_title(&h, &title(&content, "en", index)));
}

#[test]
fn risk_factor_cards_open_and_close() {
    let content = content();
    let mut h = app((1920.0, 1080.0));
    let index = content.screen_index("risk-factors").unwrap();
    h.state_mut().apply(vein_kiosk::command::Visit::GoTo(index));
    h.run();
    let card = content.language("en").screens["risk-factors"].cards["family"].clone();
    h.get_by_role_and_label(Role::Button, &card.title)
        .scroll_to_me();
    h.run();
    tap(&mut h, &card.title);
    assert!(
        h.query_by_label(&card.text).is_some(),
        "the explanation is shown"
    );
    tap(&mut h, &content.language("en").ui.close);
    assert!(
        h.query_by_label(&card.text).is_none(),
        "the explanation is closed"
    );
    // Esc closes an open card rather than leaving the screen.
    tap(&mut h, &card.title);
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label(&card.text).is_none());
    assert_eq!(h.state().session().route.screen_index(), index);
}

fn swipe(h: &mut egui_kittest::Harness<'_, vein_kiosk::app::App>, from: Pos2, to: Pos2) {
    h.event(Event::PointerMoved(from));
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Default::default(),
    });
    h.step();
    // Two frames of movement: about half a second at kittest's 0.25 s step, like a real swipe.
    for k in 1..=2 {
        h.event(Event::PointerMoved(from + (to - from) * (k as f32 / 2.0)));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Default::default(),
    });
    h.run();
}

#[test]
fn swiping_left_goes_on_and_right_goes_back_but_scrolling_does_not() {
    let mut h = app((1080.0, 1920.0));
    swipe(&mut h, Pos2::new(900.0, 900.0), Pos2::new(300.0, 920.0));
    assert_eq!(h.state().session().route.screen_index(), 1);
    swipe(&mut h, Pos2::new(900.0, 900.0), Pos2::new(300.0, 900.0));
    assert_eq!(h.state().session().route.screen_index(), 2);
    swipe(&mut h, Pos2::new(300.0, 900.0), Pos2::new(900.0, 900.0));
    assert_eq!(h.state().session().route.screen_index(), 1);
    // A vertical drag scrolls; it never turns the page.
    swipe(&mut h, Pos2::new(500.0, 1400.0), Pos2::new(540.0, 900.0));
    assert_eq!(h.state().session().route.screen_index(), 1);
}

#[test]
fn the_emergency_number_comes_from_settings() {
    // An unusual number: a hard-coded "911" would not pass.
    let mut content = content();
    content.settings.emergency_number = "0118 999 881".into();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .build_eframe({
            let content = content.clone();
            move |_cc| vein_kiosk::app::App::new(content, &[])
        });
    h.state_mut().apply(vein_kiosk::command::Visit::GoTo(
        content.screen_index("get-help").unwrap(),
    ));
    h.run();
    assert!(
        h.query_all_by_label_contains("call 0118 999 881")
            .next()
            .is_some()
    );
    assert!(h.query_all_by_label_contains("911").next().is_none());
    assert!(h.query_by_label_contains("{emergency_number}").is_none());
}

#[test]
fn no_key_quits_or_zooms_the_kiosk() {
    let h = app((1280.0, 800.0));
    let quits = h.ctx.options(|o| o.quit_shortcuts.clone());
    assert!(quits.is_empty(), "Ctrl+Q and friends are off: {quits:?}");
    assert!(!h.ctx.options(|o| o.zoom_with_keyboard));
}

#[test]
fn each_picture_has_its_alt_text_for_screen_readers() {
    let content = content();
    let mut h = app((1920.0, 1080.0));
    for lang in ["en", "es"] {
        h.state_mut()
            .apply(vein_kiosk::command::Visit::SetLanguage(lang.into()));
        for (i, screen) in content.flow.screens.iter().enumerate() {
            h.state_mut().apply(vein_kiosk::command::Visit::GoTo(i));
            h.run();
            let alt = &content.language(lang).screens[&screen.id].alt;
            assert!(
                h.query_by_role_and_label(Role::Image, alt).is_some(),
                "{lang} {}: picture labelled {alt:?}",
                screen.id
            );
        }
    }
}

#[test]
fn a_missing_picture_shows_a_labelled_placeholder() {
    let mut content = content();
    content.flow.screens[4].illustration = "not-there.svg".into();
    let alt = content.language("en").screens["symptoms"].alt.clone();
    let missing = content.language("en").ui.picture_missing.clone();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|_cc| vein_kiosk::app::App::new(content, &[]));
    h.state_mut().apply(vein_kiosk::command::Visit::GoTo(4));
    h.run();
    assert!(
        h.query_by_label(&missing).is_some(),
        "placeholder says the picture is missing"
    );
    assert!(
        h.query_by_label(&alt).is_some(),
        "and what it would have shown"
    );
}

#[test]
fn broken_clinic_content_falls_back_to_built_in_and_tells_staff() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("settings.ron"), "Settings(clinic_name: 3)").unwrap();
    let (content, skipped) =
        vein_kiosk::content::Content::load_or_built_in(Some(dir.path().to_owned()), None).unwrap();
    assert_eq!(content.source, vein_kiosk::content::ContentSource::BuiltIn);
    assert!(
        skipped.len() >= 2,
        "settings and missing files: {skipped:#?}"
    );
    let first = skipped[0].to_string();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|_cc| vein_kiosk::app::App::new(content, &skipped));
    h.run();
    let note = h.get_by_label_contains(&first);
    let text = note
        .accesskit_node()
        .label()
        .or_else(|| note.accesskit_node().value())
        .unwrap_or_default();
    assert!(text.starts_with("For staff:"), "{text}");
    assert!(
        text.contains(&format!("(+{} more)", skipped.len() - 1)),
        "{text}"
    );
    // The patient still gets the whole flow.
    assert!(h.query_by_role_and_label(Role::Button, "Start").is_some());
}

fn repaint_delay(h: &egui_kittest::Harness<'_, vein_kiosk::app::App>) -> std::time::Duration {
    h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay
}

#[test]
fn the_valve_stops_asking_for_frames_when_idle_off_screen_or_under_reduce_motion() {
    let mut h = app((1920.0, 1080.0));
    assert_eq!(
        repaint_delay(&h),
        std::time::Duration::MAX,
        "a still screen asks for no frames"
    );
    h.state_mut().apply(vein_kiosk::command::Visit::GoTo(1));
    h.run();
    let running = repaint_delay(&h);
    let cap = std::time::Duration::from_secs_f64(1.0 / vein_kiosk::valve::MAX_FPS);
    assert!(
        running >= cap - std::time::Duration::from_millis(1)
            && running < cap + std::time::Duration::from_millis(5),
        "frame-rate cap while squeezing: {running:?}"
    );
    // 21 seconds without a touch.
    for _ in 0..84 {
        h.step();
    }
    assert_eq!(
        repaint_delay(&h),
        std::time::Duration::MAX,
        "stopped after 20 s idle"
    );
    // A tap on the scene squeezes and resumes.
    tap(&mut h, &content().language("en").ui.valve_squeeze);
    assert!(repaint_delay(&h) < cap + std::time::Duration::from_millis(5));
    // Off the valve screen it asks for nothing.
    h.state_mut().apply(vein_kiosk::command::Visit::GoTo(3));
    h.run();
    h.step();
    assert_eq!(repaint_delay(&h), std::time::Duration::MAX);

    // A clinic turns motion off in its settings file (read as the kiosk reads it).
    let dir = tempfile::tempdir().unwrap();
    let defaults = std::fs::read_to_string("content/settings.ron").unwrap();
    assert!(
        defaults.contains("reduce_motion: false,"),
        "the built-in default leaves motion on"
    );
    let file = dir.path().join("settings.ron");
    std::fs::write(
        &file,
        defaults.replace("reduce_motion: false,", "reduce_motion: true,"),
    )
    .unwrap();
    let c = vein_kiosk::content::Content::load_with_config(
        vein_kiosk::content::ContentSource::BuiltIn,
        Some(&file),
    )
    .unwrap();
    assert!(c.settings.reduce_motion);
    let mut still = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .build_eframe(move |_cc| vein_kiosk::app::App::new(c, &[]));
    still.state_mut().apply(vein_kiosk::command::Visit::GoTo(1));
    still.run();
    still.step();
    assert_eq!(
        repaint_delay(&still),
        std::time::Duration::MAX,
        "reduce motion: no animation at all"
    );
    tap(&mut still, &content().language("en").ui.valve_squeeze);
    still.step();
    assert_eq!(repaint_delay(&still), std::time::Duration::MAX);
}
