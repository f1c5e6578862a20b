//! The wipe is complete: after each way a visit ends (Finish, Start again, the idle wipe, staff
//! reloading the content) nothing of the visitor remains, in the session, on the screen, in egui's
//! memory or in the speech service, and the next visitor sees the clinic's defaults. Each visit
//! is made by taps on what a person sees; the kiosk runs with a settings file (`--config`), as in
//! a waiting room, so that reloading reads the clinic's own settings again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::PathBuf;
use std::sync::Arc;

use common::tap;
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::content::{Content, ContentSource, Language, ScreenKind};
use vein_kiosk::effects::{Call, Outcome, RecordingEffects};
use vein_kiosk::session::Choices;

pub const PIN: &str = "2468";

/// How a visit ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wipe {
    /// "Finish" on the summary.
    Finish,
    /// "Start again" at the end of a guide (a clinic whose guide does not end on the self-check).
    StartAgain,
    /// Nobody answered "Are you still there?".
    Idle,
    /// Staff reloaded the content from the staff menu.
    Reload,
}

pub const EVERY_WIPE: [Wipe; 4] = [Wipe::Finish, Wipe::StartAgain, Wipe::Idle, Wipe::Reload];

/// A clinic's settings file: short idle times, a printer, a PIN, and either the built-in
/// defaults for the visitor's choices or defaults that all differ from them.
pub struct Clinic {
    _dir: tempfile::TempDir,
    pub config: PathBuf,
}

impl Clinic {
    pub fn new(own_defaults: bool) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("settings.ron");
        let mut text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/settings.ron"))
                .unwrap();
        let mut set = |from: &str, to: &str| {
            assert!(text.contains(from), "settings.ron has {from}");
            text = text.replace(from, to);
        };
        set("idle_seconds: 90", "idle_seconds: 15");
        set("warning_seconds: 30", "warning_seconds: 20");
        set("printer: None", "printer: Some(\"front-desk\")");
        if own_defaults {
            set("text_percent: 100", "text_percent: 150");
            set("high_contrast: false", "high_contrast: true");
            set("read_aloud: false", "read_aloud: true");
            set("reduce_motion: false", "reduce_motion: true");
        }
        std::fs::write(&config, text).unwrap();
        let hash = vein_kiosk::kiosk::pin::hash(PIN).unwrap();
        vein_kiosk::content::write_pin_hash(&config, &hash).unwrap();
        Self { _dir: dir, config }
    }

    /// The content the kiosk starts with, for a visit that ends as `wipe` says: for Start again
    /// the guide ends on a screen of its own (the built-in guide ends on the self-check).
    pub fn content(&self, wipe: Wipe) -> Content {
        let mut c = Content::load_with_config(ContentSource::BuiltIn, Some(&self.config)).unwrap();
        if wipe == Wipe::StartAgain {
            c.flow.screens.retain(|s| s.kind != ScreenKind::CheckEntry);
        }
        c
    }

    /// `vein-kiosk --kiosk --config FILE` with `effects` for the world outside.
    pub fn kiosk(&self, c: Content, effects: &RecordingEffects) -> Harness<'static, App> {
        self.kiosk_stepping(c, effects, 0.25)
    }

    /// The same, its clock moving `step` seconds a frame.
    pub fn kiosk_stepping(
        &self,
        c: Content,
        effects: &RecordingEffects,
        step: f32,
    ) -> Harness<'static, App> {
        let (config, effects) = (self.config.clone(), effects.clone());
        let mut h = Harness::builder()
            .with_size(egui::vec2(1920.0, 1080.0))
            .with_step_dt(step)
            .with_max_steps(64)
            .build_eframe(move |_cc| {
                App::new(c, &[])
                    .kiosk_mode(Some(config))
                    .with_effects(Arc::new(effects))
            });
        h.run();
        h
    }
}

/// The words of the language shown.
pub fn words(h: &Harness<'_, App>) -> Language {
    let app = h.state();
    app.content().language(&app.session().language).clone()
}

/// Lets `seconds` of the app's clock pass with nobody touching the screen.
pub fn wait(h: &mut Harness<'_, App>, seconds: f64) {
    let time = |h: &Harness<'_, App>| h.ctx.input(|i| i.time);
    let end = time(h) + seconds;
    while time(h) < end {
        h.step();
    }
}

/// Steps until `done` holds (a job's thread has answered); fails after a few seconds.
pub fn until(h: &mut Harness<'_, App>, what: &str, done: impl Fn(&Harness<'_, App>) -> bool) {
    let start = std::time::Instant::now();
    while !done(h) {
        assert!(start.elapsed().as_secs() < 10, "never: {what}");
        std::thread::yield_now();
        h.step();
    }
}

/// Staff open the PIN pad with Ctrl+Alt+S and type `pin`.
pub fn enter_pin(h: &mut Harness<'_, App>, pin: &str) {
    if h.query_by_label(&words(h).ui.staff.enter_pin).is_none() {
        h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
        h.run();
    }
    for d in pin.chars() {
        tap(h, &d.to_string());
    }
    tap(h, &words(h).ui.staff.ok);
}

/// Taps a button a few frames long, where `tap` would wait for a screen that never settles (a
/// spinner turns while printing).
fn press(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    for _ in 0..3 {
        h.step();
    }
}

/// A visitor touches the attract screen and is shown the welcome screen.
pub fn begin(h: &mut Harness<'_, App>) {
    tap(h, &words(h).ui.attract_touch);
    assert!(!h.state().session().route.is_attract());
}

/// Walks from the welcome screen to the summary, by taps.
pub fn to_summary(h: &mut Harness<'_, App>) {
    common::walk(h, &[Visit::StartCheck]);
    common::walk(h, &common::summary_steps());
    assert!(
        h.query_by_label(&words(h).selfcheck.summary.title)
            .is_some()
    );
}

/// Taps Next until the guide's last screen, where Start again is.
pub fn to_last_screen(h: &mut Harness<'_, App>) {
    let last = h.state().content().flow.screens.last().unwrap().id.clone();
    to_screen(h, &last);
    let start_again = words(h).ui.start_again;
    assert!(
        h.query_by_role_and_label(Role::Button, &start_again)
            .is_some()
    );
}

/// Taps Start, then Next, until the guide screen `id`.
pub fn to_screen(h: &mut Harness<'_, App>, id: &str) {
    let index = h.state().content().screen_index(id).unwrap();
    while h.state().session().route.guide().map(|g| g.screen) != Some(index) {
        let w = words(h).ui;
        let welcome = h.query_by_role_and_label(Role::Button, &w.start).is_some();
        tap(h, if welcome { &w.start } else { &w.next });
    }
}

/// Ends the visit as `how` says, with taps, keys or time, as a person or nobody would.
pub fn wipe(h: &mut Harness<'_, App>, how: Wipe) {
    let before = h.state().session().generation();
    match how {
        Wipe::Finish => tap(h, &words(h).selfcheck.summary.finish),
        Wipe::StartAgain => tap(h, &words(h).ui.start_again),
        Wipe::Idle => {
            let s = &h.state().content().settings;
            let seconds = f64::from(s.idle_seconds + s.warning_seconds) + 1.0;
            wait(h, seconds);
        }
        Wipe::Reload => {
            enter_pin(h, PIN);
            tap(h, &words(h).ui.staff.reload);
            assert!(h.query_by_label(&words(h).ui.staff.reloaded).is_some());
            tap(h, &words(h).ui.staff.close);
        }
    }
    h.run();
    assert!(
        h.state().session().generation() > before && h.state().session().route.is_attract(),
        "{how:?} ended the visit"
    );
}

/// What must hold after any wipe: the attract screen in the default language with the clinic's
/// choices; none of `traces` (words only this visitor was shown) on the screen or in the window's
/// title; no scroll position and no sentence being read in egui's memory; nothing being said.
pub fn nothing_remains(h: &Harness<'_, App>, traces: &[String]) -> Result<(), String> {
    let app = h.state();
    let s = app.session();
    if !s.route.is_attract() {
        return Err(format!("not on the attract screen: {:?}", s.route));
    }
    if s.language != s.default_language() {
        return Err(format!("the language {} stayed", s.language));
    }
    let defaults = Choices::defaults(&app.content().settings);
    if s.choices != defaults {
        return Err(format!("choices {:?}, not {defaults:?}", s.choices));
    }
    if app.kiosk().is_some_and(|k| k.warning_left.is_some()) {
        return Err("the idle warning stayed".into());
    }
    for trace in traces {
        if let Some(node) = h.query_all_by_label_contains(trace).next() {
            return Err(format!("{trace:?} is still shown: {node:?}"));
        }
        if app.window_title().contains(trace.as_str()) {
            return Err(format!("{trace:?} is in the window's title"));
        }
    }
    let scrolled = h.ctx.data(|d| {
        d.iter_temp_by_type::<egui::scroll_area::State>()
            .filter(|state| state.unclamped_offset() != egui::Vec2::ZERO)
            .count()
    });
    if scrolled > 0 {
        return Err(format!("egui remembers {scrolled} scroll positions"));
    }
    let sentences = h.ctx.data(|d| d.count::<Arc<str>>());
    if sentences > 0 {
        return Err(format!("egui remembers {sentences} sentences read aloud"));
    }
    if let Some(said) = app.reading_now() {
        return Err(format!("{said:?} is marked as being said"));
    }
    Ok(())
}

fn assert_nothing_remains(h: &mut Harness<'_, App>, how: Wipe, traces: &[String]) {
    h.run();
    if let Err(why) = nothing_remains(h, traces) {
        panic!("after {how:?}: {why}");
    }
}

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
        effects.set_print(Outcome::Succeed);
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
        h.query_all_by_role(Role::Label)
            .last()
            .unwrap()
            .scroll_to_me();
        h.run();
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
        // On the screen of cards, one is open too.
        let mut traces = Vec::new();
        if screen.as_deref() == Some("risk-factors") {
            let card = &words(&h).screens["risk-factors"].cards["family"];
            let text = h.state().content().fill(&card.text);
            common::tap_choice(&mut h, &card.title);
            assert!(
                h.query_by_label(&text).is_some(),
                "{how:?}: the card opened"
            );
            traces.push(text);
        }
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
