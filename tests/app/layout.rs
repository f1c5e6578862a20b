//! Every control on every screen, in both languages, at every supported window size: inside the
//! window, at least 48 px each way, with at least 8 px between controls, never under the header
//! or footer once scrolled into view.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{app, check_states, content};
use egui::{Rect, accesskit::Role};
use egui_kittest::kittest::{NodeT as _, Queryable};
use vein_kiosk::command::Visit;
use vein_kiosk::session::TextStep;

const SIZES: [(f32, f32); 5] = [
    (1920.0, 1080.0),
    (1080.0, 1920.0),
    (1366.0, 768.0),
    (1280.0, 800.0),
    (3840.0, 2160.0),
];
pub(crate) const MIN_TARGET: f32 = 48.0;
const MIN_GAP: f32 = 8.0;

fn buttons(h: &egui_kittest::Harness<'_, vein_kiosk::app::App>) -> Vec<(String, Rect)> {
    h.query_all_by_role(Role::Button)
        .map(|n| (n.accesskit_node().label().unwrap_or_default(), n.rect()))
        .collect()
}

pub(crate) fn too_close(a: Rect, b: Rect) -> bool {
    a.expand(MIN_GAP / 2.0 - 0.01)
        .intersects(b.expand(MIN_GAP / 2.0 - 0.01))
}

/// Checks every control and text of what the harness shows; adds what is wrong to `failures`.
fn check_layout(
    h: &mut egui_kittest::Harness<'_, vein_kiosk::app::App>,
    size: (f32, f32),
    at: &str,
    fixed_labels: &[&str],
    failures: &mut Vec<String>,
) {
    check_layout_of(h, size, at, fixed_labels, true, failures);
}

/// As [`check_layout`]; `text_column` says whether page text must stay clear of the picture
/// (false for dialogs, which sit over it).
fn check_layout_of(
    h: &mut egui_kittest::Harness<'_, vein_kiosk::app::App>,
    size: (f32, f32),
    at: &str,
    fixed_labels: &[&str],
    text_column: bool,
    failures: &mut Vec<String>,
) {
    let window = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size.0, size.1));
    // A control as big as the window is the screen itself (the attract screen's "touch anywhere").
    let controls = |h: &egui_kittest::Harness<'_, vein_kiosk::app::App>| {
        let mut all = buttons(h);
        all.extend(
            h.query_all_by_role(Role::CheckBox)
                .map(|n| (n.accesskit_node().label().unwrap_or_default(), n.rect())),
        );
        all.retain(|(_, r)| *r != window);
        all
    };
    let all = controls(h);
    if all.is_empty() {
        failures.push(format!("{at}: no controls found"));
    }
    let (fixed, body): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|(l, _)| fixed_labels.contains(&l.as_str()));
    for (label, r) in fixed.iter().chain(&body) {
        if r.width() < MIN_TARGET || r.height() < MIN_TARGET {
            failures.push(format!(
                "{at}: \"{label}\" is {:.0}x{:.0}",
                r.width(),
                r.height()
            ));
        }
    }
    for (a, (la, ra)) in fixed.iter().enumerate() {
        if !window.contains_rect(*ra) {
            failures.push(format!("{at}: \"{la}\" {ra:?} is outside the window"));
        }
        for (lb, rb) in &fixed[a + 1..] {
            if too_close(*ra, *rb) {
                failures.push(format!("{at}: \"{la}\" and \"{lb}\" overlap or touch"));
            }
        }
    }
    for (a, (la, ra)) in body.iter().enumerate() {
        for (lb, rb) in &body[a + 1..] {
            if too_close(*ra, *rb) {
                failures.push(format!("{at}: \"{la}\" and \"{lb}\" overlap or touch"));
            }
        }
    }
    // No text runs past its column: into the picture beside it, or off the window.
    // The screen's main picture is its largest image (galleries have smaller ones).
    let picture = h
        .query_all_by_role(Role::Image)
        .map(|n| n.rect())
        .max_by(|a, b| a.area().total_cmp(&b.area()));
    let right_edge = match picture {
        Some(p) if text_column && size.0 > size.1 && p.min.x > size.0 / 2.0 => p.min.x,
        _ => size.0,
    };
    for label in h.query_all_by_role(Role::Label) {
        let r = label.rect();
        // Words in the picture's own column (the valve's caption) may use it, inside the window.
        let edge = if r.min.x >= right_edge - 0.5 {
            size.0
        } else {
            right_edge
        };
        if r.max.x > edge + 0.5 || r.min.x < 0.0 {
            let node = label.accesskit_node();
            let text = node.label().or_else(|| node.value()).unwrap_or_default();
            failures.push(format!(
                "{at}: text {:?} runs to x={:.0}, past {edge:.0}",
                text.chars().take(40).collect::<String>(),
                r.max.x
            ));
        }
    }
    // Each scrolling control, once scrolled into view, is inside the window and clear of the
    // fixed ones.
    for (label, _) in &body {
        // The control itself, not a list item named like it (cards are both).
        let control = |n: &egui_kittest::Node<'_>| {
            matches!(n.accesskit_node().role(), Role::Button | Role::CheckBox)
        };
        let Some(node) = h.query_all_by_label(label).find(control) else {
            continue;
        };
        node.scroll_to_me();
        h.run();
        let Some(node) = h.query_all_by_label(label).find(control) else {
            continue;
        };
        let r = node.rect();
        if !window.contains_rect(r) {
            failures.push(format!(
                "{at}: \"{label}\" {r:?} is outside the window when scrolled to"
            ));
        }
        for (lf, rf) in controls(h)
            .iter()
            .filter(|(l, _)| fixed_labels.contains(&l.as_str()))
        {
            if r.intersects(*rf) {
                failures.push(format!(
                    "{at}: \"{label}\" lies under \"{lf}\" when scrolled to"
                ));
            }
        }
    }
}

/// The app at a window size (in pixels) and a text step: the window is `size / zoom` points, as
/// a real window of that many pixels is when the visitor chose that text size.
fn app_at(
    size: (f32, f32),
    step: TextStep,
) -> egui_kittest::Harness<'static, vein_kiosk::app::App> {
    let mut h = app(size);
    // Chosen as a person chooses them, by tapping (at the window's size in points, 100%).
    common::walk(&mut h, &[Visit::SetLanguage("en".into())]);
    while h.state().session().choices.text != step {
        common::walk(&mut h, &[Visit::LargerText]);
    }
    let points = egui::vec2(size.0, size.1) / step.zoom();
    h.set_size(points);
    h.run();
    assert!(
        (h.ctx.pixels_per_point() - step.zoom()).abs() < 1e-4,
        "egui draws at the chosen size"
    );
    h
}

/// The window in points at a size and text step.
fn points(size: (f32, f32), step: TextStep) -> (f32, f32) {
    (size.0 / step.zoom(), size.1 / step.zoom())
}

/// The visitor's controls and the language switch: fixed in the header unless the window is
/// small for the text size (then the header scrolls with the page).
fn header_labels<'a>(
    content: &'a vein_kiosk::content::Content,
    lang: &str,
    out: &mut Vec<&'a str>,
) {
    let words = &content.language(lang).ui;
    out.extend([
        words.larger_text.as_str(),
        &words.high_contrast,
        &words.read_aloud,
        &words.reduce_motion,
    ]);
    out.extend(content.languages.iter().map(|l| l.name.as_str()));
}

fn guide_screens_fit(step: TextStep) {
    let content = content();
    let mut failures = Vec::new();
    for size in SIZES {
        let window = points(size, step);
        let compact = vein_kiosk::ui::is_compact(egui::vec2(window.0, window.1));
        for lang in ["en", "es"] {
            let mut h = app_at(size, step);
            common::walk(&mut h, &[Visit::SetLanguage(lang.into())]);
            for (i, screen) in content.flow.screens.iter().enumerate() {
                // Next, screen by screen, as a person goes.
                common::walk(&mut h, &[Visit::GoTo(i)]);
                h.run();
                let at = format!(
                    "{}x{} {}% {lang} {}",
                    size.0,
                    size.1,
                    step.percent(),
                    screen.id
                );
                // The header and footer controls are fixed; everything else scrolls with the text.
                let words = &content.language(lang).ui;
                let check_start = &content.language(lang).selfcheck.ui.start;
                let mut fixed: Vec<&str> = vec![
                    &words.back,
                    &words.home,
                    &words.next,
                    &words.start,
                    &words.start_again,
                    check_start,
                ];
                if !compact {
                    fixed.extend(content.language(lang).sections.values().map(String::as_str));
                    header_labels(&content, lang, &mut fixed);
                }
                check_layout(&mut h, window, &at, &fixed, &mut failures);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} layout problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn controls_fit_do_not_overlap_and_are_big_enough_at_every_size() {
    guide_screens_fit(TextStep::Normal);
}

#[test]
fn guide_screens_fit_at_150_percent() {
    guide_screens_fit(TextStep::Larger);
}

#[test]
fn guide_screens_fit_at_200_percent() {
    guide_screens_fit(TextStep::Largest);
}

fn self_check_fits(step: TextStep) {
    let content = content();
    let mut failures = Vec::new();
    for size in SIZES {
        let window = points(size, step);
        let compact = vein_kiosk::ui::is_compact(egui::vec2(window.0, window.1));
        for lang in ["en", "es"] {
            let mut h = app_at(size, step);
            let w = &content.language(lang).selfcheck;
            let mut fixed: Vec<&str> = vec![
                &w.ui.back,
                &w.ui.not_sure,
                &w.ui.skip,
                &w.ui.next,
                &w.summary.finish,
                &w.summary.change_answers,
            ];
            fixed.extend(w.alerts.values().map(|a| a.button.as_str()));
            if !compact {
                header_labels(&content, lang, &mut fixed);
            }
            for (name, steps) in check_states() {
                // The next visitor: the session's reset (as after the idle time), which no control
                // of a self-check screen offers. It puts the text size back to 100%.
                h.state_mut().apply(Visit::StartAgain);
                h.run();
                let mut taps =
                    vec![Visit::LargerText; TextStep::ALL.iter().position(|s| *s == step).unwrap()];
                taps.extend([Visit::SetLanguage(lang.into()), Visit::StartCheck]);
                taps.extend(steps);
                common::walk(&mut h, &taps);
                h.run();
                let at = format!(
                    "{}x{} {}% {lang} check {name}",
                    size.0,
                    size.1,
                    step.percent()
                );
                let shown = match h.state().session().route.check_step() {
                    Some(vein_kiosk::selfcheck::Step::Question(i)) => {
                        content.selfcheck.questions[i].id.as_str()
                    }
                    Some(vein_kiosk::selfcheck::Step::Alert(..)) => "alert",
                    Some(vein_kiosk::selfcheck::Step::Summary) => "summary",
                    None => "none",
                };
                let expected = match name {
                    "yes-no" => "rf-breathing",
                    "legs" | "legs-how-often" => "ache",
                    "one" => "sore-care",
                    "many" => "risks",
                    other => other,
                };
                assert_eq!(shown, expected, "{at}");
                check_layout(&mut h, window, &at, &fixed, &mut failures);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} layout problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_self_check_fits_at_every_size() {
    self_check_fits(TextStep::Normal);
}

#[test]
fn the_self_check_fits_at_150_percent() {
    self_check_fits(TextStep::Larger);
}

#[test]
fn the_self_check_fits_at_200_percent() {
    self_check_fits(TextStep::Largest);
}

#[test]
fn body_text_is_at_least_24_px() {
    let content = content();
    assert!(content.theme.body_size >= 24.0);
    assert!(content.theme.button_text_size >= 24.0);
    let h = app((1920.0, 1080.0));
    let body = h.ctx.global_style().text_styles[&egui::TextStyle::Body].size;
    assert!(body >= 24.0, "body text is {body} px");
    assert_eq!(h.ctx.pixels_per_point(), 1.0);
}

#[test]
fn kiosk_screens_fit_at_every_size() {
    let mut c = content();
    c.settings.staff_pin_hash = Some(vein_kiosk::kiosk::pin::hash("2468").unwrap());
    let mut failures = Vec::new();
    for size in SIZES {
        let c2 = c.clone();
        let mut h = egui_kittest::Harness::builder()
            .with_size(egui::vec2(size.0, size.1))
            .with_max_steps(64)
            .build_eframe(move |_cc| vein_kiosk::app::App::new(c2, &[]).kiosk_mode(None));
        h.run();
        let at = |name: &str| format!("{}x{} kiosk {name}", size.0, size.1);
        check_layout(&mut h, size, &at("attract"), &[], &mut failures);
        let en = c.language("en").ui.clone();
        // Staff open their menu over the attract screen, which has no controls of the same names.
        h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
        h.run();
        let staff = &en.staff;
        let pad: Vec<String> = (0..=9).map(|d| d.to_string()).collect();
        let mut fixed: Vec<&str> = pad.iter().map(String::as_str).collect();
        fixed.extend([
            staff.ok.as_str(),
            staff.clear.as_str(),
            staff.close.as_str(),
        ]);
        check_layout_of(&mut h, size, &at("pin-pad"), &fixed, false, &mut failures);
        for d in ["2", "4", "6", "8", &staff.ok] {
            common::tap(&mut h, d);
        }
        assert!(
            matches!(
                h.state().kiosk().unwrap().staff,
                vein_kiosk::kiosk::Staff::Menu { .. }
            ),
            "{}",
            at("menu")
        );
        let mut fixed: Vec<&str> = vec![
            &staff.leave_kiosk,
            &staff.reload,
            &staff.print_test,
            &staff.speech_test,
            &staff.close,
        ];
        fixed.extend(c.languages.iter().map(|l| l.name.as_str()));
        check_layout_of(
            &mut h,
            size,
            &at("staff-menu"),
            &fixed,
            false,
            &mut failures,
        );
        common::tap(&mut h, &staff.close);
        common::walk(&mut h, &[Visit::Begin(None)]);
        for _ in 0..(92.0 / 0.25) as usize {
            h.step();
        }
        assert!(
            h.state().kiosk().unwrap().warning_left.is_some(),
            "{}",
            at("still-there")
        );
        check_layout_of(
            &mut h,
            size,
            &at("still-there"),
            &[&en.still_here],
            false,
            &mut failures,
        );
    }
    // Controls of the page under a dialog are still in the accessibility tree; only report
    // problems among the dialog's own controls.
    failures.retain(|f| !f.contains("lies under"));
    assert!(
        failures.is_empty(),
        "{} layout problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
