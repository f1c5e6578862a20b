//! A picture of every screen in both languages, rendered on the CPU (wgpu on Mesa), compared with
//! the reviewed images in tests/snapshots/. After a deliberate change: UPDATE_SNAPSHOTS=1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{check_states, content, rendered_app};
use egui_kittest::kittest::Queryable;
use vein_kiosk::command::Visit;

/// Taps `steps` as a person does ([`common::walk`]), then the finger lifts: a touch screen shows
/// no pointer, as the pictures reached by commands never did.
fn walk(h: &mut egui_kittest::Harness<'_, vein_kiosk::app::App>, steps: &[Visit]) {
    common::walk(h, steps);
    h.remove_cursor();
}

#[test]
fn every_screen_in_both_languages() {
    let content = content();
    let mut results = egui_kittest::SnapshotResults::new();
    for lang in ["en", "es"] {
        let mut h = rendered_app((1920.0, 1080.0));
        // A touch screen shows no pointer. (Lifting the finger would take a frame, and the
        // animated valve would move on.)
        h.set_render_cursor(false);
        // Reached as a person reaches them: the language tapped, then Next screen by screen
        // (the walk lets each screen settle).
        common::walk(&mut h, &[Visit::SetLanguage(lang.into())]);
        for (i, screen) in content.flow.screens.iter().enumerate() {
            common::walk(&mut h, &[Visit::GoTo(i)]);
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
        // A touch screen shows no pointer (lifting the finger would take a frame, and the
        // animated valve would move on); the walk lets each screen settle.
        h.set_render_cursor(false);
        common::walk(&mut h, &[Visit::SetLanguage("es".into()), Visit::GoTo(1)]);
        results.add(h.try_snapshot(format!("{name}-es-02-healthy-veins")));
        // On the laptop the card is below the fold: scrolled to, as a person does.
        common::walk(&mut h, &[Visit::GoTo(risk), Visit::OpenCard("clot".into())]);
        results.add(h.try_snapshot(format!("{name}-es-04-card-open")));
    }
    results.unwrap();
}

#[test]
fn every_kind_of_self_check_screen() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (size, langs, label) in [
        ((1920.0, 1080.0), ["en", "es"], "1920x1080"),
        ((1080.0, 1920.0), ["es", "en"], "portrait"),
    ] {
        let mut h = rendered_app(size);
        for (name, steps) in check_states() {
            for lang in langs {
                if label == "portrait" && !matches!(name, "signs" | "summary")
                    || lang == "es" && !matches!(name, "alert" | "legs-how-often" | "summary")
                {
                    continue;
                }
                // The next visitor: the session's reset (as after the idle time), which no
                // control of a self-check screen offers.
                h.state_mut().apply(Visit::StartAgain);
                h.run();
                // Reached as a person reaches it: by tapping the language and the answers shown.
                let mut taps = vec![Visit::SetLanguage(lang.into()), Visit::StartCheck];
                taps.extend(steps.clone());
                common::walk(&mut h, &taps);
                h.run();
                results.add(h.try_snapshot(format!("check-{label}-{lang}-{name}")));
            }
        }
    }
    results.unwrap();
}

#[test]
fn kiosk_attract_idle_warning_and_staff_menu() {
    let mut c = content();
    c.settings.staff_pin_hash = Some(vein_kiosk::kiosk::pin::hash("2468").unwrap());
    let mut results = egui_kittest::SnapshotResults::new();
    for (size, name) in [
        ((1920.0, 1080.0), "1920x1080"),
        ((1080.0, 1920.0), "portrait"),
    ] {
        let c = c.clone();
        let mut h = egui_kittest::Harness::builder()
            .with_size(egui::vec2(size.0, size.1))
            .with_max_steps(64)
            .wgpu()
            .build_eframe(move |_cc| vein_kiosk::app::App::new(c, &[]).kiosk_mode(None));
        // The attract screen moves; a fixed moment of its motion is compared.
        h.run_steps(2);
        results.add(h.try_snapshot(format!("kiosk-{name}-attract")));
        walk(&mut h, &[Visit::Begin(None), Visit::GoTo(1)]);
        // 95 s after the last touch (the tap on Start): 25 seconds left.
        while h
            .state()
            .kiosk()
            .unwrap()
            .warning_left
            .is_none_or(|left| left > 25.0)
        {
            h.step();
        }
        results.add(h.try_snapshot(format!("kiosk-{name}-still-there")));
        common::tap(&mut h, &content().language("en").ui.still_here);
        h.remove_cursor();
        h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
        h.run();
        results.add(h.try_snapshot(format!("kiosk-{name}-pin-pad")));
    }
    results.unwrap();
}

#[test]
fn the_animated_valve_healthy_weak_and_still() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (size, name) in [
        ((1920.0, 1080.0), "1920x1080"),
        ((1080.0, 1920.0), "portrait"),
        ((1366.0, 768.0), "laptop"),
    ] {
        let mut h = rendered_app(size);
        walk(&mut h, &[Visit::GoTo(1)]);
        // Into the first automatic squeeze: blood rising, valves open.
        for _ in 0..2 {
            h.step();
        }
        results.add(h.try_snapshot(format!("valve-{name}-healthy-squeeze")));
        walk(&mut h, &[Visit::GoTo(2)]);
        // Relaxing: blood slipping back through the weak valves.
        for _ in 0..4 {
            h.step();
        }
        results.add(h.try_snapshot(format!("valve-{name}-weak-relax")));
    }
    let mut c = content();
    c.settings.reduce_motion = true;
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .wgpu()
        .build_eframe(move |_cc| vein_kiosk::app::App::new(c, &[]));
    h.run();
    walk(&mut h, &[Visit::GoTo(2)]);
    h.run();
    results.add(h.try_snapshot("valve-1920x1080-weak-still"));
    results.unwrap();
}

#[test]
fn show_to_staff_qr_code() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (size, name) in [
        ((1920.0, 1080.0), "1920x1080"),
        ((1080.0, 1920.0), "portrait"),
    ] {
        let mut h = rendered_app(size);
        let mut taps = vec![Visit::StartCheck];
        taps.extend(common::summary_steps());
        taps.push(Visit::ShowCode(true));
        walk(&mut h, &taps);
        h.run();
        results.add(h.try_snapshot(format!("check-{name}-en-show-to-staff")));
        // In high contrast at 150%: the code and its words readable, the QR code whole.
        if name == "1920x1080" {
            // The code covers the visitor's controls: closed, the settings tapped, shown again.
            walk(
                &mut h,
                &[
                    Visit::ShowCode(false),
                    Visit::HighContrast,
                    Visit::LargerText,
                    Visit::ShowCode(true),
                ],
            );
            h.run();
            h.set_size(egui::vec2(size.0, size.1) / 1.5);
            h.run();
            results.add(h.try_snapshot("check-1920x1080-en-show-to-staff-high-contrast-150"));
        }
    }
    results.unwrap();
}

/// The summary with every way to hand over set up, and the message after a failed print.
#[test]
fn print_failed_message() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (size, name) in [
        ((1920.0, 1080.0), "1920x1080"),
        ((1080.0, 1920.0), "portrait"),
    ] {
        let mut content = content();
        content.settings.print_command = Some(vec!["lp".into()]);
        content.settings.handoff_folder = Some("/nonexistent/front-desk".into());
        // A stand-in printer that fails at once with CUPS's own words: the picture must not
        // depend on how fast this machine makes the PDF (a slow one hits the 20 s limit).
        let effects = vein_kiosk::effects::RecordingEffects::new();
        effects.set_print(vein_kiosk::effects::Outcome::Fail(
            "lp: Error - The printer or class does not exist.".into(),
        ));
        let mut h = egui_kittest::Harness::builder()
            .with_size(egui::vec2(size.0, size.1))
            .with_max_steps(32)
            .wgpu()
            .build_eframe({
                let effects = effects.clone();
                move |_cc| {
                    vein_kiosk::app::App::new(content, &[])
                        .with_effects(std::sync::Arc::new(effects))
                }
            });
        h.run();
        let mut taps = vec![Visit::StartCheck];
        taps.extend(common::summary_steps());
        walk(&mut h, &taps);
        h.run();
        results.add(h.try_snapshot(format!("check-{name}-en-summary-all-handoffs")));
        h.get_by_role_and_label(egui::accesskit::Role::Button, "Print my answers")
            .click();
        h.step();
        let start = std::time::Instant::now();
        while h.state().jobs_running() > 0 {
            assert!(start.elapsed().as_secs() < 60, "the job never ended");
            // A step is a quarter second of the app's clock: no faster than the real one.
            std::thread::sleep(std::time::Duration::from_millis(250));
            h.step();
        }
        for _ in 0..4 {
            h.step();
        }
        assert!(
            h.query_by_label_contains("printer or class does not exist")
                .is_some()
        );
        results.add(h.try_snapshot(format!("check-{name}-en-print-failed")));
    }
    results.unwrap();
}

#[test]
fn the_sentence_being_read_aloud_is_marked_in_both_themes() {
    let content = content();
    let mut results = egui_kittest::SnapshotResults::new();
    let healthy = content.screen_index("healthy-veins").unwrap();
    for high_contrast in [false, true] {
        let effects = vein_kiosk::effects::RecordingEffects::new();
        let mut h = egui_kittest::Harness::builder()
            .with_size(egui::vec2(1920.0, 1080.0))
            .with_max_steps(32)
            .wgpu()
            .build_eframe({
                let effects = effects.clone();
                let content = content.clone();
                move |_cc| {
                    vein_kiosk::app::App::new(content, &[])
                        .with_effects(std::sync::Arc::new(effects))
                }
            });
        h.run();
        // A still valve: how many frames the wait takes must not change the picture.
        let mut taps = vec![Visit::GoTo(healthy), Visit::ReduceMotion];
        if high_contrast {
            taps.push(Visit::HighContrast);
        }
        taps.push(Visit::ReadAloud);
        walk(&mut h, &taps);
        h.run();
        let start = std::time::Instant::now();
        while effects.saying().is_none() {
            assert!(start.elapsed().as_secs() < 10, "nothing was read");
            std::thread::sleep(std::time::Duration::from_millis(20));
            h.step();
        }
        // Past the title and the first sentence: the second sentence is being said.
        effects.read_on();
        let second = effects.read_on().unwrap();
        h.run();
        assert_eq!(h.state().reading_now(), Some(second.as_str()));
        let name = if high_contrast {
            "read-aloud-mark-high-contrast"
        } else {
            "read-aloud-mark"
        };
        results.add(h.try_snapshot(name));
    }
    results.unwrap();
}
