//! Every dialog over a screen (an opened card, the answer code's QR, printing and sending and how
//! they went, "Are you still there?", the staff PIN pad and menu), in both colour sets, at every
//! text size, on a landscape, a laptop and a portrait screen: its text has the contrast the
//! colour set promises against what is really painted behind it (at least 4.5:1, 7:1 in high
//! contrast), nothing of it is cut off by the window's edge, and its controls are as big, as far
//! apart and as much inside the window as the screens' are (`layout::`).
//!
//! Contrast is read from what egui was asked to paint in the last frame: each piece of text after
//! the dialog's backdrop, its colour, and the colours of the filled shapes under its middle,
//! blended in order over the window's background.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::layout::{MIN_TARGET, too_close};

use std::sync::Arc;

use egui::accesskit::Role;
use egui::epaint::{ClippedShape, Shape};
use egui::{Color32, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use vein_kiosk::app::App;
use vein_kiosk::command::{JobRequest, KioskCommand, Visit};
use vein_kiosk::content::{Content, Rgb};
use vein_kiosk::effects::{Outcome, RecordingEffects};
use vein_kiosk::session::TextStep;
use vein_kiosk::theme::Theme;

const SIZES: [(f32, f32); 3] = [(1920.0, 1080.0), (1280.0, 800.0), (1080.0, 1920.0)];

/// Every shape, flattened, with the clip it is painted in.
fn flatten(shapes: &[ClippedShape]) -> Vec<(Rect, Shape)> {
    fn walk(clip: Rect, shape: &Shape, out: &mut Vec<(Rect, Shape)>) {
        match shape {
            Shape::Vec(inner) => inner.iter().for_each(|s| walk(clip, s, out)),
            other => out.push((clip, other.clone())),
        }
    }
    let mut out = Vec::new();
    for s in shapes {
        walk(s.clip_rect, &s.shape, &mut out);
    }
    out
}

fn rgb(c: Color32) -> Rgb {
    Rgb(c.r(), c.g(), c.b())
}

/// What a dialog paints that is wrong: text below `min_ratio` against what is behind it, and
/// text or drawing past the window's edge. Only what comes after the last dialog backdrop (a
/// translucent black over the whole window) is the dialog's.
fn painted_problems(h: &Harness<'_, App>, background: Color32, min_ratio: f32) -> Vec<String> {
    let window = h.ctx.content_rect();
    let shapes = flatten(&h.output().shapes);
    let backdrop = shapes.iter().rposition(|(_, s)| {
        matches!(s, Shape::Rect(r) if r.fill.a() > 0 && r.fill.a() < 255
            && r.fill.r() == 0 && r.rect.contains_rect(window.shrink(1.0)))
    });
    let Some(backdrop) = backdrop else {
        return vec!["no dialog is showing".into()];
    };
    let mut problems = Vec::new();
    for (i, (clip, shape)) in shapes.iter().enumerate().skip(backdrop + 1) {
        let bounds = shape.visual_bounding_rect();
        let shown = bounds.intersect(*clip);
        if shown.is_positive() && !window.expand(0.5).contains_rect(shown) {
            problems.push(format!(
                "{} is cut off by the window: {bounds:?}",
                describe(shape)
            ));
        }
        let Shape::Text(text) = shape else { continue };
        if !shown.is_positive() {
            continue;
        }
        // What is painted under the middle of the text.
        let at = shown.center();
        let behind = shapes[..i]
            .iter()
            .fold(background, |under, (clip, s)| match s {
                Shape::Rect(r) if r.rect.contains(at) && clip.contains(at) => under.blend(r.fill),
                _ => under,
            });
        for section in &text.galley.job.sections {
            let words = &text.galley.job.text[section.byte_range.start.0..section.byte_range.end.0];
            if words.trim().is_empty() {
                continue;
            }
            let color = match text.override_text_color {
                Some(c) => c,
                None if section.format.color == Color32::PLACEHOLDER => text.fallback_color,
                None => section.format.color,
            }
            .gamma_multiply(text.opacity_factor);
            let ratio = rgb(behind.blend(color)).contrast(rgb(behind));
            if ratio < min_ratio {
                problems.push(format!(
                    "{words:?}: {ratio:.2}:1 ({color:?} on {behind:?}), needs {min_ratio}:1"
                ));
            }
        }
    }
    problems
}

fn describe(shape: &Shape) -> String {
    match shape {
        Shape::Text(t) => format!(
            "text {:?}",
            t.galley.job.text.chars().take(40).collect::<String>()
        ),
        Shape::Rect(_) => "a filled box (the QR code's modules are drawn so)".into(),
        other => format!("a shape {:?}", std::mem::discriminant(other)),
    }
}

/// The dialog's own controls: at least 48 px each way, inside the window, 8 px apart.
fn control_problems(h: &Harness<'_, App>, labels: &[&str]) -> Vec<String> {
    let window = h.ctx.content_rect();
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for label in labels {
        // The dialog's own, drawn last (the summary under it has a "Close" or "Finish" too).
        let Some(node) = h.query_all_by_role_and_label(Role::Button, label).last() else {
            problems.push(format!("no \"{label}\""));
            continue;
        };
        let r = node.rect();
        if r.width() < MIN_TARGET || r.height() < MIN_TARGET {
            problems.push(format!("\"{label}\" is {:.0}x{:.0}", r.width(), r.height()));
        }
        if !window.expand(0.5).contains_rect(r) {
            problems.push(format!("\"{label}\" {r:?} is outside the window"));
        }
        found.push((*label, r));
    }
    for (i, (a, ra)) in found.iter().enumerate() {
        for (b, rb) in &found[i + 1..] {
            if too_close(*ra, *rb) {
                problems.push(format!("\"{a}\" and \"{b}\" overlap or touch"));
            }
        }
    }
    problems
}

/// The QR code (an image named "QR …") is whole inside the window.
fn qr_problems(h: &Harness<'_, App>) -> Vec<String> {
    let window = h.ctx.content_rect();
    let Some(qr) = h.query_all_by_role(Role::Image).find(|n| {
        n.accesskit_node()
            .label()
            .is_some_and(|l| l.starts_with("QR "))
    }) else {
        return vec!["no QR code".into()];
    };
    let r = qr.rect();
    if window.expand(0.5).contains_rect(r) {
        Vec::new()
    } else {
        vec![format!(
            "the QR code {r:?} is cut off by the window {window:?}"
        )]
    }
}

fn kiosk_content(folder: &std::path::Path) -> Content {
    let mut c = common::content();
    c.settings.staff_pin_hash = Some(vein_kiosk::kiosk::pin::hash("2468").unwrap());
    c.settings.printer = Some("front-desk".into());
    // The shortest idle times there are, so "Are you still there?" comes soon.
    c.settings.idle_seconds = 15;
    c.settings.warning_seconds = 20;
    c.settings.handoff_folder = Some(folder.display().to_string());
    c
}

/// The visitor's colour set and text size, as their own controls set them (here while a dialog
/// is open, which draws it as if they had been chosen before it opened). Applied as commands: the
/// dialog covers those controls, and closing it to tap them would change the dialog looked at.
fn choose(h: &mut Harness<'_, App>, size: (f32, f32), contrast: bool, step: TextStep) {
    if h.state().session().choices.high_contrast != contrast {
        h.state_mut().apply(Visit::HighContrast);
    }
    while h.state().session().choices.text != step {
        h.state_mut().apply(Visit::LargerText);
        h.step();
    }
    h.step();
    // A window of `size` pixels, in points at the zoom drawn with (the staff menu keeps 100%).
    h.set_size(egui::vec2(size.0, size.1) / h.ctx.zoom_factor());
}

/// Looks at the dialog showing in both colour sets at every text size; adds what is wrong.
fn look(
    h: &mut Harness<'_, App>,
    size: (f32, f32),
    dialog: &str,
    controls: &[&str],
    failures: &mut Vec<String>,
) {
    let c = common::content();
    for contrast in [false, true] {
        for step in TextStep::ALL {
            // The idle warning comes after 15 s: only when it is the dialog looked at.
            let warning = dialog == "are you still there";
            if !warning {
                h.state_mut().apply(KioskCommand::StillHere);
            }
            choose(h, size, contrast, step);
            // A spinner ("Printing…") and a countdown repaint for as long as they show: a few
            // frames for those.
            if warning || dialog == "printing" {
                h.run_steps(3);
            } else {
                h.run();
            }
            let theme = Theme::with_contrast(&c.theme, contrast);
            let min = if contrast { 7.0 } else { 4.5 };
            let mut found = painted_problems(h, theme.background, min);
            found.extend(control_problems(h, controls));
            if dialog == "the QR code" {
                found.extend(qr_problems(h));
            }
            let at = format!(
                "{}x{} {}%{}",
                size.0,
                size.1,
                step.percent(),
                if contrast { " high contrast" } else { "" }
            );
            failures.extend(found.into_iter().map(|p| format!("{at}, {dialog}: {p}")));
        }
    }
    choose(h, size, false, TextStep::Normal);
    h.run_steps(2);
}

/// Taps the summary's button for a job ("Print my answers", "Send to staff"), in English.
fn press(h: &mut Harness<'_, App>, request: JobRequest) {
    let handoff = h.state().content().language("en").selfcheck.handoff.clone();
    let label = match request {
        JobRequest::PrintAnswers => handoff.print.clone(),
        JobRequest::SendToStaff => handoff.send.clone(),
        JobRequest::PrintLeaflet => unreachable!("not on the summary"),
    };
    assert!(
        h.state().session().route.overlay().is_none(),
        "{label:?} is covered by {:?}",
        h.state().session().route.overlay()
    );
    // Scrolled to, then pressed; the job's spinner repaints, so one frame, not a run.
    h.get_by_role_and_label(Role::Button, &label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, &label).click();
    h.step();
}

/// Starts a job by tapping its button and lets it end. As a person would before pressing again,
/// the last print or send is let end first (a stuck one once `release` lets it go) and its
/// message is closed.
fn job(h: &mut Harness<'_, App>, request: JobRequest) {
    // No "Are you still there?" over the summary to answer first: the idle time starts again
    // (that dialog's own button is tapped where it is looked at).
    h.state_mut().apply(KioskCommand::StillHere);
    common::wait_for_jobs(h);
    let start = std::time::Instant::now();
    while h.state().job_threads_working() > 0 {
        assert!(start.elapsed().as_secs() < 30, "a stuck job never ended");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    if h.state().session().route.handoff().is_some() {
        common::walk(h, &[Visit::CloseHandoff]);
    }
    press(h, request);
    common::wait_for_jobs(h);
}

#[test]
fn every_dialog_has_contrast_and_fits_in_both_colour_sets_at_every_text_size() {
    let folder = tempfile::tempdir().unwrap();
    let c = kiosk_content(folder.path());
    let en = c.language("en").clone();
    let check = &en.selfcheck;
    let mut failures = Vec::new();
    for size in SIZES {
        let effects = RecordingEffects::new();
        let (c2, e2) = (c.clone(), effects.clone());
        let mut h = Harness::builder()
            .with_size(egui::vec2(size.0, size.1))
            .with_max_steps(64)
            .build_eframe(move |_cc| {
                App::new(c2, &[])
                    .kiosk_mode(None)
                    .with_effects(Arc::new(e2))
            });
        h.run();
        common::walk(&mut h, &[Visit::Begin(Some("en".into()))]);
        let f = &mut failures;

        // A card opened on "What makes CVI more likely".
        let risks = c
            .flow
            .screens
            .iter()
            .position(|s| s.id == "risk-factors")
            .unwrap();
        let card = c.flow.screens[risks].cards[0].clone();
        common::walk(&mut h, &[Visit::GoTo(risks), Visit::OpenCard(card)]);
        look(&mut h, size, "a card", &[&en.ui.close], f);
        common::walk(&mut h, &[Visit::CloseCard]);

        // The self-check's summary (from the last screen, which offers it): the QR code,
        // printing and sending.
        let mut taps = vec![Visit::GoTo(c.flow.screens.len() - 1), Visit::StartCheck];
        taps.extend(common::summary_steps());
        taps.push(Visit::ShowCode(true));
        common::walk(&mut h, &taps);
        look(&mut h, size, "the QR code", &[&check.summary.close], f);
        common::walk(&mut h, &[Visit::ShowCode(false)]);
        effects.set_print(Outcome::Hang);
        press(&mut h, JobRequest::PrintAnswers);
        look(&mut h, size, "printing", &[], f);
        effects.release();
        job(&mut h, JobRequest::PrintAnswers);
        let failed = [check.summary.show_to_staff.as_str(), &check.summary.close];
        look(&mut h, size, "printing failed", &failed, f);
        common::walk(&mut h, &[Visit::CloseHandoff]);
        effects.set_print(Outcome::Succeed);
        job(&mut h, JobRequest::PrintAnswers);
        let done = [check.summary.finish.as_str(), &check.summary.close];
        look(&mut h, size, "printed", &done, f);
        common::walk(&mut h, &[Visit::CloseHandoff]);
        effects.set_send(Outcome::Fail("the folder is full".into()));
        job(&mut h, JobRequest::SendToStaff);
        look(&mut h, size, "sending failed", &failed, f);
        common::walk(&mut h, &[Visit::CloseHandoff]);
        effects.set_send(Outcome::Succeed);
        job(&mut h, JobRequest::SendToStaff);
        look(&mut h, size, "sent", &done, f);
        common::walk(&mut h, &[Visit::CloseHandoff]);

        // "Are you still there?" after 15 s without a touch (counted from the tap just made).
        for _ in 0..(16.0 / 0.25) as usize {
            h.step();
        }
        look(&mut h, size, "are you still there", &[&en.ui.still_here], f);
        common::tap(&mut h, &en.ui.still_here);

        // The staff PIN pad and menu (always at 100%, in the visitor's colours).
        h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
        let staff = &en.ui.staff;
        let pad: Vec<String> = (0..=9).map(|d| d.to_string()).collect();
        let mut keys: Vec<&str> = pad.iter().map(String::as_str).collect();
        keys.extend([staff.ok.as_str(), &staff.clear, &staff.close]);
        look(&mut h, size, "the PIN pad", &keys, f);
        for key in ["2", "4", "6", "8", &staff.ok] {
            common::tap(&mut h, key);
        }
        let menu = [
            staff.leave_kiosk.as_str(),
            &staff.reload,
            &staff.print_test,
            &staff.speech_test,
            &staff.close,
        ];
        look(&mut h, size, "the staff menu", &menu, f);
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// "Send to staff" with the clinic's FHIR server (the real engine on loopback): the message with
/// the reference to say at the desk, and the staff menu's part about the server with a refused
/// send and its button, at every size, text size and colour set.
#[test]
fn the_reference_and_the_servers_staff_part_have_contrast_and_fit() {
    let server = crate::fhir_server::server::Server::start();
    let mut failures = Vec::new();
    for size in SIZES {
        let outbox = tempfile::tempdir().unwrap();
        {
            // One send the server refused earlier, so the menu shows the count and the button.
            let queue = vein_kiosk::outbox::Outbox::open(outbox.path()).unwrap();
            queue
                .put_new(
                    "urn:vein-kiosk:lobby-1:answers",
                    std::time::SystemTime::now(),
                    |id| {
                        let mut r = serde_json::json!({"resourceType": "QuestionnaireResponse"});
                        vein_kiosk::outbox::identify(&mut r, id);
                        r
                    },
                )
                .unwrap();
            let seq = queue.list().unwrap()[0].seq;
            queue.mark_dead(seq, "the server answered 400").unwrap();
        }
        let mut c = kiosk_content(outbox.path());
        c.settings.handoff_folder = None;
        c.settings.kiosk_id = "lobby-1".into();
        c.settings.fhir_server = Some(vein_kiosk::content::FhirServer {
            base_url: server.base.clone(),
            auth: vein_kiosk::content::FhirAuth::None,
            outbox: outbox.path().display().to_string(),
            ca_file: None,
            status_minutes: 5,
            identifier_system: None,
        });
        let en = c.language("en").clone();
        let mut h = Harness::builder()
            .with_size(egui::vec2(size.0, size.1))
            .with_max_steps(64)
            .build_eframe(move |_cc| App::new(c, &[]).kiosk_mode(None));
        h.run();
        let mut taps = vec![Visit::Begin(Some("en".into())), Visit::StartCheck];
        taps.extend(common::summary_steps());
        common::walk(&mut h, &taps);
        job(&mut h, JobRequest::SendToStaff);
        let check = &en.selfcheck;
        let done = [check.summary.finish.as_str(), &check.summary.close];
        look(&mut h, size, "sent to the record", &done, &mut failures);
        common::walk(&mut h, &[Visit::CloseHandoff]);
        h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
        h.run();
        let staff = &en.ui.staff;
        for key in ["2", "4", "6", "8", &staff.ok] {
            common::tap(&mut h, key);
        }
        assert!(
            h.state().kiosk().unwrap().menu_open(),
            "the staff menu is open"
        );
        // The sender counts the queue on its own thread: wait until the menu has the count.
        let dead = staff.record_dead.replace("{count}", "1");
        crate::fhir_server::server::eventually(
            std::time::Duration::from_secs(20),
            "the refused send is counted",
            || {
                h.step();
                h.query_all_by_label_contains(&dead).next().is_some()
            },
        );
        let menu = [staff.record_retry.as_str(), &staff.close];
        look(
            &mut h,
            size,
            "the staff menu with a FHIR server",
            &menu,
            &mut failures,
        );
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
