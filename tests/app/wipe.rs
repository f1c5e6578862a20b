//! The wipe is complete: after each way a visit ends (Finish, Start again, the idle wipe, staff
//! reloading the content) nothing of the visitor remains, in the session, on the screen, in egui's
//! memory or in the speech service, and the next visitor sees the clinic's defaults. Each visit
//! is made by taps on what a person sees; the kiosk runs with a settings file (`--config`), as in
//! a waiting room, so that reloading reads the clinic's own settings again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub(crate) mod visit;

use crate::common;

use common::tap;
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::effects::{Call, Outcome, RecordingEffects};
use vein_kiosk::session::Choices;
use visit::{
    Clinic, EVERY_WIPE, PIN, Wipe, assert_nothing_remains, begin, press, to_last_screen, to_screen,
    to_summary, until, wait, wipe, words,
};
#[test]
fn the_answers_and_their_code_are_gone_after_finish_the_idle_wipe_and_a_reload() {
    let clinic = Clinic::new(false);
    for how in [Wipe::Finish, Wipe::Idle, Wipe::Reload] {
        let effects = RecordingEffects::new();
        let mut h = clinic.kiosk(clinic.content(how), &effects);
        begin(&mut h);
        to_summary(&mut h);
        let c = h.state().content().clone();
        let answers = h.state().session().route.check().unwrap().flow.answers();
        let code = vein_kiosk::selfcheck::code::encode(&c.selfcheck, answers);
        let summary = words(&h).selfcheck.summary;
        tap(&mut h, &summary.show_to_staff);
        assert!(h.query_all_by_label_contains(&code).next().is_some());
        if how == Wipe::Finish {
            tap(&mut h, &summary.close);
        }
        wipe(&mut h, how);
        assert!(h.state().session().route.check().is_none());
        assert_nothing_remains(&mut h, how, &[code.clone(), summary.title.clone()]);
        // The next visitor's self-check starts at its first question with no answer.
        begin(&mut h);
        common::walk(&mut h, &[Visit::StartCheck]);
        let check = h.state().session().route.check().unwrap();
        assert!(check.flow.answers().0.is_empty(), "{how:?}");
        assert_eq!(
            check.flow.step(),
            vein_kiosk::selfcheck::Step::Question(0),
            "{how:?}"
        );
    }
}

/// A visitor changes the language and each of their four choices, by taps, and ends on the
/// screen where `how` ends a visit (the summary, or the guide's last screen for Start again).
fn visit_changing_everything(h: &mut Harness<'_, App>, how: Wipe) {
    let defaults = Choices::defaults(&h.state().content().settings);
    begin(h);
    tap(h, "Español");
    // The first screen after Welcome shows the valve, so Reduce motion is there.
    tap(h, &words(h).ui.start);
    tap(h, &words(h).ui.reduce_motion);
    // Read aloud makes an answer take two touches: it is changed where no answer is given.
    let read_aloud_later = !defaults.read_aloud;
    if !read_aloud_later {
        tap(h, &words(h).ui.read_aloud);
    }
    if how == Wipe::StartAgain {
        to_last_screen(h);
    } else {
        tap(h, &words(h).ui.back);
        to_summary(h);
    }
    tap(h, &words(h).ui.larger_text);
    tap(h, &words(h).ui.high_contrast);
    if read_aloud_later {
        tap(h, &words(h).ui.read_aloud);
    }
    let s = h.state().session();
    let c = s.choices;
    assert_eq!(s.language, "es");
    assert!(
        c.text != defaults.text
            && c.high_contrast != defaults.high_contrast
            && c.read_aloud != defaults.read_aloud
            && c.reduce_motion != defaults.reduce_motion,
        "every choice changed: {c:?} against {defaults:?}"
    );
}

/// Whether the visitor's control with this label shows as on.
fn shows_on(h: &Harness<'_, App>, label: &str) -> bool {
    let node = h.get_by_role_and_label(Role::Button, label);
    node.accesskit_node().toggled() == Some(Toggled::True)
}

/// The next visitor's screens show the clinic's defaults, in its language.
fn next_visitor_sees_the_defaults(h: &mut Harness<'_, App>, effects: &RecordingEffects) {
    let d = Choices::defaults(&h.state().content().settings);
    let said = effects.calls().len();
    begin(h);
    let en = words(h);
    assert_eq!(en.code, h.state().session().default_language());
    assert!(h.query_by_label(&en.screens["welcome"].title).is_some());
    let larger = h.get_by_role_and_label(Role::Button, &en.ui.larger_text);
    let percent = larger.accesskit_node().numeric_value();
    assert_eq!(percent, Some(f64::from(d.text.percent())), "the size shown");
    assert!(
        (h.ctx.zoom_factor() - d.text.zoom()).abs() < 1e-6,
        "the size drawn"
    );
    assert_eq!(shows_on(h, &en.ui.high_contrast), d.high_contrast);
    let theme = &h.state().content().theme;
    let [plain, high] = [false, true].map(|on| vein_kiosk::theme::Theme::with_contrast(theme, on));
    assert_ne!(plain.background, high.background);
    let drawn = h.ctx.global_style().visuals.panel_fill;
    let wanted = if d.high_contrast { &high } else { &plain };
    assert_eq!(drawn, wanted.background, "the colours drawn");
    assert_eq!(shows_on(h, &en.ui.read_aloud), d.read_aloud);
    if d.read_aloud {
        until(h, "the welcome is read in the default language", |_| {
            effects.calls()[said..]
                .iter()
                .any(|c| matches!(c, Call::Speak { language, .. } if *language == en.code))
        });
    }
    tap(h, &en.ui.start);
    assert_eq!(shows_on(h, &en.ui.reduce_motion), d.reduce_motion);
}

fn choices_come_back(own_defaults: bool) {
    let clinic = Clinic::new(own_defaults);
    for how in EVERY_WIPE {
        let effects = RecordingEffects::new();
        let mut h = clinic.kiosk(clinic.content(how), &effects);
        visit_changing_everything(&mut h, how);
        wipe(&mut h, how);
        assert_nothing_remains(&mut h, how, &[]);
        next_visitor_sees_the_defaults(&mut h, &effects);
    }
}

#[test]
fn language_and_choices_go_back_to_the_built_in_defaults_after_every_wipe() {
    choices_come_back(false);
}

#[test]
fn language_and_choices_go_back_to_a_clinics_own_defaults_after_every_wipe() {
    choices_come_back(true);
}

#[test]
fn a_sentence_being_said_stops_at_every_wipe() {
    let clinic = Clinic::new(false);
    for how in EVERY_WIPE {
        let effects = RecordingEffects::new();
        let mut h = clinic.kiosk(clinic.content(how), &effects);
        begin(&mut h);
        match how {
            Wipe::Finish => to_summary(&mut h),
            Wipe::StartAgain => to_last_screen(&mut h),
            Wipe::Idle | Wipe::Reload => {}
        }
        let read = words(&h).ui.read_aloud;
        tap(&mut h, &read);
        until(&mut h, "a sentence is being said", |h| {
            effects.saying().is_some() && h.state().reading_now().is_some()
        });
        assert!(
            effects.read_on().is_some(),
            "a second sentence is being said"
        );
        wipe(&mut h, how);
        until(&mut h, "the speech service forgot the visit", |_| {
            effects.calls().contains(&Call::ForgetSpeech)
        });
        assert_eq!(effects.saying(), None, "{how:?}: speech goes on");
        assert_nothing_remains(&mut h, how, &[]);
    }
}

#[test]
fn a_hand_off_running_at_the_wipe_never_shows_to_the_next_visitor() {
    let clinic = Clinic::new(false);
    for how in [Wipe::Idle, Wipe::Reload] {
        let effects = RecordingEffects::new();
        effects.set_print(Outcome::Hang);
        let mut c = clinic.content(how);
        // The shortest idle times `check` allows (35 s) outlast the 20 s a printer is given, so
        // to be wiped while still printing, this clinic's times are shorter than allowed; and
        // frames are short, so the next visitor reaches the summary within those 20 s.
        c.settings.idle_seconds = 3;
        c.settings.warning_seconds = 3;
        let mut h = clinic.kiosk_stepping(c, &effects, 0.02);
        begin(&mut h);
        to_summary(&mut h);
        let handoff = words(&h).selfcheck.handoff;
        press(&mut h, &handoff.print);
        let started = h.ctx.input(|i| i.time);
        assert!(h.query_by_label(&handoff.printing).is_some());
        // The printout is made on the job's thread; then the printer is asked, and hangs.
        let asked = std::time::Instant::now();
        while !effects
            .calls()
            .iter()
            .any(|c| matches!(c, Call::Print { .. }))
        {
            assert!(
                asked.elapsed().as_secs() < 30,
                "the printer was never asked"
            );
            std::thread::yield_now();
        }
        match how {
            Wipe::Reload => {
                h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
                h.step();
                for key in PIN.chars().map(|d| d.to_string()) {
                    press(&mut h, &key);
                }
                let staff = words(&h).ui.staff;
                press(&mut h, &staff.ok);
                press(&mut h, &staff.reload);
                press(&mut h, &staff.close);
                h.run();
                assert!(h.state().session().route.is_attract(), "reloaded");
            }
            _ => wipe(&mut h, how),
        }
        // The next visitor reaches the summary while the old print still hangs; then it answers.
        begin(&mut h);
        to_summary(&mut h);
        let now = h.ctx.input(|i| i.time);
        assert!(
            now - started < vein_kiosk::job::TIME_LIMIT.as_secs_f64(),
            "the old print would still count as running ({} s)",
            now - started
        );
        effects.release();
        until(&mut h, "no job is left", |h| h.state().jobs_running() == 0);
        wait(&mut h, 1.0);
        let shown = [&handoff.printing, &handoff.printed, &handoff.print_failed];
        for message in shown {
            assert!(
                h.query_by_label(message).is_none(),
                "{how:?}: {message:?} shown to the next visitor"
            );
        }
        let check = h.state().session().route.check().unwrap();
        assert_eq!(check.overlay, None, "{how:?}");
    }
}

/// The title of the screen shown.
fn title_shown(h: &Harness<'_, App>) -> String {
    let w = words(h);
    match h.state().session().route.guide() {
        Some(guide) => w.screens[&h.state().content().flow.screens[guide.screen].id]
            .title
            .clone(),
        None => w.selfcheck.summary.title,
    }
}

#[test]
fn scroll_positions_and_open_cards_are_forgotten_by_every_wipe() {
    let clinic = Clinic::new(false);
    for how in EVERY_WIPE {
        let effects = RecordingEffects::new();
        let mut h = clinic.kiosk(clinic.content(how), &effects);
        begin(&mut h);
        // The visitor reads down the summary, the last screen, or a screen of cards.
        let screen = match how {
            Wipe::Finish => {
                to_summary(&mut h);
                None
            }
            Wipe::StartAgain => {
                to_last_screen(&mut h);
                h.state()
                    .content()
                    .flow
                    .screens
                    .last()
                    .map(|s| s.id.clone())
            }
            Wipe::Idle | Wipe::Reload => {
                to_screen(&mut h, "risk-factors");
                Some("risk-factors".to_owned())
            }
        };
        let title = title_shown(&h);
        let top = h.get_by_label(&title).rect().top();
        // The page is read down to its end; on the screen of cards, its last card is opened.
        let mut traces = Vec::new();
        if screen.as_deref() == Some("risk-factors") {
            let c = h.state().content().clone();
            let last = c.flow.screens[c.screen_index("risk-factors").unwrap()]
                .cards
                .last()
                .unwrap()
                .clone();
            let card = &words(&h).screens["risk-factors"].cards[&last];
            let text = c.fill(&card.text);
            common::tap_choice(&mut h, &card.title);
            assert!(
                h.query_by_label(&text).is_some(),
                "{how:?}: the card opened"
            );
            traces.push(text);
        } else {
            h.query_all_by_role(Role::Label)
                .last()
                .unwrap()
                .scroll_to_me();
            h.run();
        }
        assert!(
            h.query_by_label(&title)
                .is_none_or(|t| t.rect().top() < top - 50.0),
            "{how:?}: scrolled down"
        );
        let remembered = h.ctx.data(|d| {
            d.iter_temp_by_type::<egui::scroll_area::State>()
                .any(|s| s.unclamped_offset().y > 50.0)
        });
        assert!(remembered, "{how:?}: egui remembers the scroll");
        wipe(&mut h, how);
        assert_nothing_remains(&mut h, how, &traces);
        // The next visitor finds the screen at its top, with no card open.
        if let Some(id) = screen {
            begin(&mut h);
            to_screen(&mut h, &id);
            let now = h.get_by_label(&title).rect().top();
            assert!(
                (now - top).abs() < 1.0,
                "{how:?}: at the top ({now} against {top})"
            );
            assert_eq!(h.state().session().route.open_card(), None);
            for trace in &traces {
                assert!(
                    h.query_by_label(trace).is_none(),
                    "{how:?}: the card is shut"
                );
            }
        }
    }
}

/// The screens a visitor reached are the kiosk's only note of them (so each screen is counted
/// once per visit); after a reload the next visitor's screens are counted again.
#[test]
fn after_a_reload_the_next_visitors_screens_are_counted_afresh() {
    let clinic = Clinic::new(false);
    let effects = RecordingEffects::new();
    let mut h = clinic.kiosk(clinic.content(Wipe::Reload), &effects);
    let c = h.state().content().clone();
    let welcome = (c.flow.screens[0].id.clone(), "en".to_owned());
    let counted = |h: &Harness<'_, App>| {
        h.state()
            .kiosk()
            .unwrap()
            .usage
            .screens
            .get(&welcome)
            .copied()
    };
    begin(&mut h);
    assert_eq!(counted(&h), Some(1));
    wipe(&mut h, Wipe::Reload);
    begin(&mut h);
    assert_eq!(
        counted(&h),
        Some(2),
        "the next visitor's welcome screen counts"
    );
}
