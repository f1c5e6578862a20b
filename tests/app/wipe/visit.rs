//! Visits made by taps for the wipe's tests, and what must hold after a wipe.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::PathBuf;
use std::sync::Arc;

use common::tap;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::content::{Content, ContentSource, Language, ScreenKind};
use vein_kiosk::effects::RecordingEffects;
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
pub fn press(h: &mut Harness<'_, App>, label: &str) {
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

pub fn assert_nothing_remains(h: &mut Harness<'_, App>, how: Wipe, traces: &[String]) {
    h.run();
    if let Err(why) = nothing_remains(h, traces) {
        panic!("after {how:?}: {why}");
    }
}
