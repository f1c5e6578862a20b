//! "Print my answers" and "Send to staff" on the summary, driven as a person would: stand-in
//! printers that succeed and fail, real hand-off folders that work and that are missing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::{Duration, Instant};

use common::content;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::content::Content;

/// The app on the summary of the longest fixture, in `lang`, with `setup` applied to settings.
fn at_summary(lang: &str, setup: impl FnOnce(&mut Content)) -> Harness<'static, App> {
    let mut content = content();
    setup(&mut content);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(32)
        .build_eframe(move |_cc| App::new(content, &[]));
    h.run();
    common::tap(&mut h, &common::content().language(lang).name);
    let steps = common::summary_steps();
    // Reached by tapping: Check my legs, then every answer as a person gives it.
    let mut taps = vec![Visit::StartCheck];
    taps.extend(steps);
    common::walk(&mut h, &taps);
    h.run();
    h
}

/// Lets the background job finish (polling it, with a generous limit for a slow machine), then
/// checks that `label` is shown.
fn wait_for(h: &mut Harness<'_, App>, label: &str) {
    let start = Instant::now();
    while h.state().jobs_running() > 0 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the job never ended; {label:?} never appeared"
        );
        // A step is a quarter second of the app's clock: keep it no faster than the real one,
        // so the job's 20 s limit (on the app's clock) means what it says.
        std::thread::sleep(Duration::from_millis(250));
        h.step();
    }
    // A message that just appeared settles its layout in the next frames, as a person sees it.
    h.step();
    h.step();
    assert!(h.query_by_label(label).is_some(), "{label:?} is not shown");
}

/// The button with `label` inside the message (a dialog) over the summary, not the one behind it.
fn in_dialog<'t>(h: &'t Harness<'_, App>, label: &'t str) -> egui_kittest::Node<'t> {
    let mut found: Vec<_> = h
        .get_all_by_role_and_label(Role::Button, label)
        .filter(|n| {
            let mut node = Some(n.accesskit_node());
            while let Some(at) = node {
                if at.role() == Role::Dialog {
                    return true;
                }
                node = at.parent();
            }
            false
        })
        .collect();
    assert_eq!(found.len(), 1, "exactly one {label:?} in the message");
    found.remove(0)
}

/// Taps a button on a screen that keeps drawing (a spinner), so `run` would never settle.
fn press(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.step();
    h.step();
}

fn words(lang: &str) -> vein_kiosk::selfcheck::HandoffText {
    content().language(lang).selfcheck.handoff.clone()
}

#[test]
fn without_a_printer_or_folder_only_the_qr_code_is_offered() {
    let mut h = at_summary("en", |_| {});
    let w = words("en");
    assert!(h.query_by_label("Show to staff").is_some());
    assert!(h.query_by_role_and_label(Role::Button, &w.print).is_none());
    assert!(h.query_by_role_and_label(Role::Button, &w.send).is_none());
    h.run();
}

#[test]
fn printing_shows_progress_then_success_and_finish_wipes() {
    let out = tempfile::tempdir().unwrap();
    let printed = out.path().join("printed.pdf");
    let copy_to = printed.display().to_string();
    let mut h = at_summary("es", |c| {
        // A stand-in printer: a short pause, then keep what it was given.
        c.settings.print_command = Some(vec![
            "sh".into(),
            "-c".into(),
            format!("sleep 0.3; cp \"$1\" '{copy_to}'; echo \"$1\" > '{copy_to}.path'"),
            "lp".into(),
        ]);
    });
    let w = words("es");
    press(&mut h, &w.print);
    h.step();
    assert!(
        h.query_by_label(&w.printing).is_some(),
        "Printing… while the printer works"
    );
    wait_for(&mut h, &w.printed);
    // The printer got the PDF: two copies, Spanish first, then the staff copy in English (with
    // every answer given, each copy takes two pages).
    let pdf = std::fs::read(&printed).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert_eq!(pages.len(), 4);
    let first = doc.extract_text(&[pages[0]]).unwrap();
    let staff_copy = doc.extract_text(&[pages[2]]).unwrap();
    assert!(first.contains("Respuestas"), "{first}");
    assert!(staff_copy.contains("Copy"), "{staff_copy}");
    // The temporary PDF the printer was given is gone, and nobody else could read it.
    let temp = std::fs::read_to_string(format!("{copy_to}.path")).unwrap();
    let temp = std::path::Path::new(temp.trim());
    assert!(temp.starts_with(std::env::temp_dir()), "{temp:?}");
    assert!(!temp.exists(), "{temp:?} was left behind");

    let finish = content().language("es").selfcheck.summary.finish.clone();
    // The message's own Finish (the footer's is behind it).
    in_dialog(&h, &finish).click();
    h.run();
    let session = h.state().session();
    assert!(session.route.check().is_none(), "answers wiped");
    assert!(session.route.handoff().is_none());
    assert_eq!(session.route.screen_index(), 0, "back to Welcome");
    assert_eq!(session.language, content().settings.default_language);
}

#[test]
fn a_printer_that_fails_gets_a_plain_message_and_the_qr_code_instead() {
    let mut h = at_summary("en", |c| {
        c.settings.print_command = Some(vec![
            "sh".into(),
            "-c".into(),
            "echo 'lp: Error - The printer or class does not exist.' >&2; exit 1".into(),
            "lp".into(),
        ]);
    });
    let w = words("en");
    press(&mut h, &w.print);
    wait_for(&mut h, &w.print_failed);
    assert_eq!(
        w.print_failed,
        "The printer is not answering. Please show this screen to a member of staff."
    );
    // Staff who come over see why, in small print.
    assert!(
        h.query_by_label_contains("printer or class does not exist")
            .is_some()
    );
    // The QR code is offered instead: the message's own button.
    in_dialog(&h, "Show to staff").click();
    h.run();
    assert!(h.state().session().route.showing_code());
    assert!(h.state().session().route.handoff().is_none());
    assert!(h.state().session().route.check().is_some(), "answers kept");
}

#[test]
fn sending_puts_the_pdf_and_fhir_file_in_the_folder() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().display().to_string();
    let mut h = at_summary("en", |c| c.settings.handoff_folder = Some(path));
    let w = words("en");
    press(&mut h, &w.send);
    wait_for(&mut h, &w.sent);
    let mut names: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].starts_with("vein-check-") && names[0].ends_with(".json"));
    assert!(names[1].ends_with(".pdf"));
    assert_eq!(
        names[0].trim_end_matches(".json"),
        names[1].trim_end_matches(".pdf")
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.path().join(&names[0])).unwrap()).unwrap();
    assert_eq!(json["resourceType"], "QuestionnaireResponse");
    lopdf::Document::load_mem(&std::fs::read(folder.path().join(&names[1])).unwrap()).unwrap();

    // The PDF holds the summary's words (the clinic, the title), not just bytes.
    let pdf =
        lopdf::Document::load_mem(&std::fs::read(folder.path().join(&names[1])).unwrap()).unwrap();
    let text = pdf.extract_text(&[1]).unwrap();
    let c = content();
    let title = &c.language("en").selfcheck.summary.title;
    for words in [c.settings.clinic_name.as_str(), title.as_str()] {
        let first = words.split_whitespace().next().unwrap();
        assert!(text.contains(first), "{words:?} in the sent PDF: {text}");
    }

    // Sending again never overwrites the first pair.
    in_dialog(&h, "Close").click();
    h.run();
    assert_eq!(
        h.state().session().route.handoff(),
        None,
        "the message closes"
    );
    press(&mut h, &w.send);
    wait_for(&mut h, &w.sent);
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 4);
}

#[test]
fn a_missing_folder_is_said_plainly_and_nothing_is_written() {
    let parent = tempfile::tempdir().unwrap();
    let missing = parent.path().join("front-desk");
    let shown = missing.display().to_string();
    let mut h = at_summary("en", |c| c.settings.handoff_folder = Some(shown.clone()));
    let w = words("en");
    press(&mut h, &w.send);
    wait_for(&mut h, &w.send_failed);
    assert!(
        h.query_by_label_contains(&format!("{shown} does not exist"))
            .is_some(),
        "staff are told which folder"
    );
    assert!(!missing.exists());
    assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 0);
    assert!(
        h.query_all_by_role_and_label(Role::Button, "Show to staff")
            .count()
            >= 2,
        "offered in the message as well as on the summary"
    );
}

#[test]
fn a_printer_that_never_answers_fails_after_twenty_seconds_on_the_screen() {
    use std::sync::Arc;
    use vein_kiosk::effects::{Outcome, RecordingEffects};
    // The limit is shown by what the screen does (still printing at 19 s, failed at 21 s), not
    // by comparing the constant with a literal.
    let effects = RecordingEffects::new();
    effects.set_print(Outcome::Hang);
    let mut c = content();
    c.settings.print_command = Some(vec!["lp".into()]);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(32)
        .build_eframe({
            let effects = effects.clone();
            move |_cc| App::new(c, &[]).with_effects(Arc::new(effects))
        });
    h.run();
    let mut taps = vec![Visit::StartCheck];
    taps.extend(common::summary_steps());
    common::walk(&mut h, &taps);
    h.run();
    let w = words("en");
    press(&mut h, &w.print);
    // The app's clock moves a quarter second a step: 19 s in, still printing.
    for _ in 0..(19 * 4) {
        h.step();
    }
    assert!(
        h.query_by_label(&w.printing).is_some(),
        "still waiting at 19 s"
    );
    for _ in 0..(2 * 4) {
        h.step();
    }
    h.step();
    assert!(
        h.query_by_label(&w.print_failed).is_some(),
        "failed after 20 s"
    );
    assert!(
        h.query_by_label_contains("no answer within 20 seconds")
            .is_some()
    );
    assert!(h.state().session().route.check().is_some(), "answers kept");
    effects.release();
}

#[test]
fn a_printer_that_never_answers_holds_one_thread_not_one_per_visitor() {
    use std::sync::Arc;
    use vein_kiosk::effects::{Call, Outcome, RecordingEffects};
    let effects = RecordingEffects::new();
    effects.set_print(Outcome::Hang);
    let mut c = content();
    c.settings.print_command = Some(vec!["lp".into()]);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(32)
        .build_eframe({
            let effects = effects.clone();
            move |_cc| App::new(c, &[]).with_effects(Arc::new(effects))
        });
    h.run();
    let prints = || {
        effects
            .calls()
            .iter()
            .filter(|c| matches!(c, Call::Print { .. }))
            .count()
    };
    let w = words("en");
    let summary = common::content().language("en").selfcheck.summary.clone();
    let to_summary = |h: &mut Harness<'_, App>| {
        let mut taps = vec![Visit::StartCheck];
        taps.extend(common::summary_steps());
        common::walk(h, &taps);
        h.run();
    };
    to_summary(&mut h);
    press(&mut h, &w.print);
    // The printout is made first (slow in a debug build); then the printer hangs.
    let start = Instant::now();
    while prints() == 0 {
        assert!(start.elapsed() < Duration::from_secs(60), "never printed");
        std::thread::sleep(Duration::from_millis(50));
    }
    for _ in 0..(21 * 4) {
        h.step();
    }
    assert!(
        h.query_by_label(&w.print_failed).is_some(),
        "given up at 20 s"
    );
    assert_eq!(prints(), 1);
    // The same visitor tries again: told at once, and no second print is started beside the
    // stuck one.
    in_dialog(&h, &summary.close).click();
    h.run();
    press(&mut h, &w.print);
    assert!(h.query_by_label(&w.print_failed).is_some());
    assert!(
        h.query_by_label_contains("the printer has not finished an earlier job")
            .is_some()
    );
    assert_eq!(h.state().jobs_running(), 0);
    // The next visitor too.
    in_dialog(&h, &summary.close).click();
    h.run();
    common::walk(&mut h, &[Visit::FinishCheck]);
    to_summary(&mut h);
    press(&mut h, &w.print);
    h.run();
    assert!(h.query_by_label(&w.print_failed).is_some());
    assert_eq!(prints(), 1, "one stuck print, one thread");
    // The printer answers at last (the stuck print fails); the next print is started.
    effects.set_print(Outcome::Succeed);
    effects.release();
    in_dialog(&h, &summary.close).click();
    h.run();
    let start = Instant::now();
    loop {
        press(&mut h, &w.print);
        if h.state().jobs_running() > 0 {
            break;
        }
        h.run();
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "never printed again"
        );
        in_dialog(&h, &summary.close).click();
        h.run();
        std::thread::sleep(Duration::from_millis(50));
    }
    wait_for(&mut h, &w.printed);
    assert_eq!(prints(), 2);
}
