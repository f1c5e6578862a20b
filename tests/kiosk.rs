//! Waiting-room kiosk mode, driven with kittest's stepped clock: minutes pass instantly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{content, tap};
use egui::accesskit::Role;
use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vein_kiosk::app::{App, STAFF_CORNER};
use vein_kiosk::command::Visit;
use vein_kiosk::content::Content;
use vein_kiosk::kiosk::Staff;
use vein_kiosk::selfcheck::Answer;

const PIN: &str = "2468";
/// kittest's default step: a quarter of a second.
const STEP: f64 = 0.25;

fn kiosk_content() -> Content {
    let mut c = content();
    c.settings.idle_seconds = 90;
    c.settings.warning_seconds = 30;
    c.settings.staff_pin_hash = Some(vein_kiosk::kiosk::pin::hash(PIN).unwrap());
    c
}

fn kiosk(c: Content) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| App::new(c, &[]).kiosk_mode(None));
    h.run();
    h
}

/// Lets `seconds` pass with nobody touching the screen.
fn wait(h: &mut Harness<'_, App>, seconds: f64) {
    for _ in 0..(seconds / STEP).round() as usize {
        h.step();
    }
}

fn warning_shows(h: &Harness<'_, App>) -> bool {
    h.query_by_label(&content().language("en").ui.still_there)
        .is_some()
}

fn on_attract(h: &Harness<'_, App>) -> bool {
    h.state().session().route.is_attract()
}

#[test]
fn the_attract_screen_invites_in_every_language_and_a_touch_starts() {
    let c = kiosk_content();
    let mut h = kiosk(c.clone());
    assert!(on_attract(&h));
    for language in &c.languages {
        assert!(
            h.query_all_by_label_contains(&language.ui.attract_touch)
                .next()
                .is_some(),
            "{}",
            language.code
        );
    }
    // The Spanish invitation starts in Spanish.
    let es = &c.language("es").ui;
    tap(
        &mut h,
        &format!("{}\n{}", es.attract_title, es.attract_touch),
    );
    assert!(!on_attract(&h));
    assert_eq!(h.state().session().language, "es");
    assert!(
        h.query_by_label(&c.language("es").screens["welcome"].title)
            .is_some()
    );
}

#[test]
fn idle_warning_comes_on_time_a_tap_extends_and_expiry_wipes_everything() {
    let c = kiosk_content();
    let mut h = kiosk(c.clone());
    let en = c.language("en").ui.clone();
    tap(&mut h, &en.attract_touch);
    // Someone reads, switches to Spanish, opens a card, then starts the self-check.
    tap(&mut h, "Español");
    h.state_mut()
        .apply(Visit::GoTo(c.screen_index("risk-factors").unwrap()));
    h.state_mut().apply(Visit::OpenCard("family".into()));
    h.run();
    h.state_mut().apply(Visit::StartCheck);
    h.state_mut().apply(Visit::CheckAnswer(Answer::Yes));
    h.state_mut().apply(Visit::CheckContinue);
    h.run();
    assert!(
        h.state()
            .session()
            .route
            .check()
            .is_some_and(|c| !c.flow.answers().0.is_empty())
    );

    wait(&mut h, 89.0);
    assert!(!warning_shows(&h), "no warning before 90 s");
    wait(&mut h, 1.5);
    let es = c.language("es").ui.clone();
    assert!(
        h.query_by_label(&es.still_there).is_some(),
        "warning at 90 s, in the visitor's language"
    );
    let left = h
        .state()
        .kiosk()
        .unwrap()
        .warning_left
        .expect("counting down");
    assert!((27.0..=30.0).contains(&left), "counts down from 30: {left}");
    assert!(
        h.query_all_by_label(&format!("{}", left.ceil()))
            .next()
            .is_some(),
        "the seconds left are shown"
    );

    // One tap continues, as often as needed.
    for _ in 0..3 {
        tap(&mut h, &es.still_here);
        assert!(h.query_by_label(&es.still_there).is_none());
        wait(&mut h, 91.0);
        assert!(h.query_by_label(&es.still_there).is_some());
    }
    // Nobody answers: after 30 s more, everything of this visitor is gone.
    wait(&mut h, 30.5);
    h.run();
    let s = h.state().session();
    assert!(s.route.is_attract(), "back on the attract screen");
    assert_eq!(s.language, "en", "language back to the default");
    assert_eq!(s.route.open_card(), None);
    assert!(h.query_by_label(&es.still_there).is_none());
    assert!(
        h.query_all_by_label_contains(&en.attract_touch)
            .next()
            .is_some()
    );
    // The attract screen itself never times out.
    wait(&mut h, 300.0);
    assert!(on_attract(&h) && !warning_shows(&h));
}

#[test]
fn finishing_the_self_check_wipes_like_a_timeout() {
    let c = kiosk_content();
    let mut h = kiosk(c.clone());
    let es = c.language("es").ui.clone();
    tap(
        &mut h,
        &format!("{}\n{}", es.attract_title, es.attract_touch),
    );
    h.state_mut().apply(Visit::StartCheck);
    h.run();
    for _ in 0..40 {
        if h.state()
            .session()
            .route
            .check_step()
            .is_some_and(|step| step == vein_kiosk::selfcheck::Step::Summary)
        {
            break;
        }
        // Red flags are never skipped; everything after them may be.
        h.state_mut().apply(Visit::CheckAnswer(Answer::No));
        h.state_mut().apply(Visit::CheckAnswer(Answer::Skipped));
    }
    h.run();
    tap(&mut h, &c.language("es").selfcheck.summary.finish);
    assert!(on_attract(&h));
    assert!(h.state().session().route.check().is_none());
    assert_eq!(h.state().session().language, "en");
    let usage = &h.state().kiosk().unwrap().usage;
    assert_eq!(usage.sessions.get("es"), Some(&1), "{usage:?}");
    assert_eq!(usage.checks_finished.get("es"), Some(&1));
}

fn close_request(h: &mut Harness<'_, App>) -> bool {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.step();
    h.output().viewport_output[&ViewportId::ROOT]
        .commands
        .contains(&ViewportCommand::CancelClose)
}

#[test]
fn close_requests_are_refused_in_kiosk_mode_and_honoured_in_window_mode() {
    let mut h = kiosk(kiosk_content());
    assert!(close_request(&mut h), "kiosk refuses to close");
    let mut window = common::app((1280.0, 800.0));
    assert!(!close_request(&mut window), "a window closes when asked");
    assert!(h.ctx.options(|o| o.quit_shortcuts.is_empty()));
}

fn long_press_corner(h: &mut Harness<'_, App>) {
    let p = egui::pos2(STAFF_CORNER / 2.0, STAFF_CORNER / 2.0);
    h.event(egui::Event::PointerMoved(p));
    h.event(egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Default::default(),
    });
    wait(h, 3.5);
    h.event(egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Default::default(),
    });
    h.run();
}

fn enter_pin(h: &mut Harness<'_, App>, pin: &str) {
    for d in pin.chars() {
        tap(h, &d.to_string());
    }
    tap(h, &content().language("en").ui.staff.ok);
}

#[test]
fn the_right_pin_opens_the_staff_menu_and_five_wrong_ones_lock_it() {
    let c = kiosk_content();
    let staff = c.language("en").ui.staff.clone();
    let mut h = kiosk(c);
    tap(&mut h, &content().language("en").ui.attract_touch);
    // A short press in the corner does nothing.
    tap(&mut h, &content().language("en").ui.start);
    assert!(matches!(h.state().kiosk().unwrap().staff, Staff::Closed));
    long_press_corner(&mut h);
    assert!(
        h.query_by_label(&staff.enter_pin).is_some(),
        "a long press in the corner opens the PIN pad"
    );
    for tries_left in (1..=4).rev() {
        enter_pin(&mut h, "1111");
        let msg = staff.wrong_pin.replace("{tries}", &tries_left.to_string());
        assert!(h.query_by_label(&msg).is_some(), "{msg}");
    }
    enter_pin(&mut h, "1111");
    assert!(
        h.query_by_label(&staff.locked.replace("{seconds}", "30"))
            .is_some()
    );
    enter_pin(&mut h, PIN);
    assert!(
        h.query_by_role_and_label(Role::Button, &staff.leave_kiosk)
            .is_none(),
        "locked even for the right PIN"
    );
    wait(&mut h, 31.0);
    enter_pin(&mut h, PIN);
    assert!(
        h.query_by_role_and_label(Role::Button, &staff.leave_kiosk)
            .is_some(),
        "the right PIN opens the menu"
    );
    assert!(
        h.query_by_label_contains(&staff.sessions).is_some(),
        "usage counters are shown"
    );
    // Leave kiosk mode: the close that follows is honoured.
    h.get_by_role_and_label(Role::Button, &staff.leave_kiosk)
        .click();
    let mut asked = false;
    for _ in 0..4 {
        h.step();
        asked |= h.output().viewport_output[&ViewportId::ROOT]
            .commands
            .contains(&ViewportCommand::Close);
    }
    assert!(asked, "the app asks to close");
    assert!(!close_request(&mut h));
}

#[test]
fn the_staff_key_combination_opens_the_pad_but_only_with_a_pin_set() {
    let staff = content().language("en").ui.staff.clone();
    let mut h = kiosk(kiosk_content());
    h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
    h.run();
    assert!(h.query_by_label(&staff.enter_pin).is_some());

    let mut no_pin = kiosk(content());
    no_pin.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
    no_pin.run();
    long_press_corner(&mut no_pin);
    assert!(
        no_pin.query_by_label(&staff.enter_pin).is_none(),
        "no PIN configured: no staff menu"
    );
}

#[test]
fn a_panic_inside_a_frame_ends_on_the_attract_screen() {
    let mut h = kiosk(kiosk_content());
    h.state_mut().apply(Visit::Begin(None));
    h.state_mut().apply(Visit::GoTo(3));
    h.run();
    h.state_mut().panic_next_frame();
    h.run();
    assert!(on_attract(&h), "recovered to the attract screen");
    assert!(
        h.query_all_by_label_contains(&content().language("en").ui.attract_touch)
            .next()
            .is_some()
    );
}

#[test]
fn touch_only_hides_the_pointer_and_a_logo_shows_on_welcome() {
    let mut c = kiosk_content();
    c.settings.touch_only = true;
    c.settings.logo = Some("get-help.svg".into());
    let name = c.settings.clinic_name.clone();
    let mut h = kiosk(c);
    h.run();
    assert_eq!(
        h.output().platform_output.cursor_icon,
        egui::CursorIcon::None
    );
    h.state_mut().apply(Visit::Begin(None));
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Image, &name).is_some(),
        "the clinic's logo, named for screen readers"
    );
    assert_eq!(
        h.output().platform_output.cursor_icon,
        egui::CursorIcon::None
    );
    let mut plain = kiosk(kiosk_content());
    plain.run();
    assert_ne!(
        plain.output().platform_output.cursor_icon,
        egui::CursorIcon::None
    );
}
