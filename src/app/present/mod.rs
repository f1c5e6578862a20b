//! The eframe app of presenter mode: two windows drawing one [`Presentation`].
//!
//! The **presenter view is the root viewport**: in eframe 0.37 only the root window gets an
//! AccessKit tree, and the presenter view is the window a person works in (its buttons, the
//! notes, the time), so that is where a screen reader must reach. The audience window is a
//! deferred viewport: it repaints on its own (the valve, at most 30 times a second) without
//! repainting the presenter view, and the presenter view's clock (once a second) never repaints
//! the slides. Keys work in both windows. Closing either window, or Ctrl+Q, ends the talk.

mod fullscreen;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use egui::{ViewportBuilder, ViewportCommand, ViewportId};

use self::fullscreen::{FullScreen, Window};
use crate::content::{Content, Problem};
use crate::present::words::words;
use crate::present::{Command, Key, Outcome, Presentation, TimerState};
use crate::ui::present::{Stage, presenter as presenter_view, scaled};

/// Which windows the app opens. Tests and headless tools draw one of them in the root window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Windows {
    /// The presenter view, and the slides in a second window.
    Both,
    /// Only the presenter view.
    PresenterOnly,
    /// Only the slides, in the root window.
    AudienceOnly,
}

/// The time of day as the presenter reads it, and the seconds until it next changes.
pub type Clock = fn() -> (String, f64);

/// The local time, hours and minutes.
pub fn wall_clock() -> (String, f64) {
    use chrono::Timelike as _;
    let now = chrono::Local::now();
    (
        now.format("%H:%M").to_string(),
        60.0 - f64::from(now.second()),
    )
}

/// What both windows share: the presentation and what it is drawn from.
struct Shared {
    content: Content,
    presentation: Presentation,
    pictures: BTreeSet<String>,
    clock: Clock,
    /// Commands queued by [`PresentApp::apply`], carried out at the next frame.
    pending: Vec<Command>,
    /// Set once the window system was asked to close everything.
    ending: bool,
    /// The slides window's full screen (F11), done by hand where nobody grants it.
    full_screen: FullScreen,
}

/// The presenter-mode app.
pub struct PresentApp {
    shared: Arc<Mutex<Shared>>,
    windows: Windows,
    /// `--audience-monitor`, counted from 0.
    monitor: Option<usize>,
    /// How the audience window opens, decided at the first frame (when monitors are known).
    audience: Option<ViewportBuilder>,
    ready: bool,
}

/// The audience window's id.
fn audience_id() -> ViewportId {
    ViewportId::from_hash_of("vein-kiosk-audience")
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic while drawing leaves the presentation as it was; keep going with it.
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

impl PresentApp {
    /// A presentation of `content` in `language` (the content's default when `None`), on the
    /// first slide.
    pub fn new(content: Content, language: Option<&str>) -> Self {
        let presentation = Presentation::new(&content, language, 0.0);
        Self {
            shared: Arc::new(Mutex::new(Shared {
                content,
                presentation,
                pictures: BTreeSet::new(),
                clock: wall_clock,
                pending: Vec::new(),
                ending: false,
                full_screen: FullScreen::default(),
            })),
            windows: Windows::Both,
            monitor: None,
            audience: None,
            ready: false,
        }
    }

    /// Opens only some of the windows (tests and headless tools).
    pub fn windows(mut self, windows: Windows) -> Self {
        self.windows = windows;
        self
    }

    /// Puts the slides full-screen on monitor `index` (counted from 0).
    pub fn audience_monitor(mut self, index: Option<usize>) -> Self {
        self.monitor = index;
        self
    }

    /// Reads the time of day from `clock` (tests pass a fixed one).
    pub fn with_clock(self, clock: Clock) -> Self {
        lock(&self.shared).clock = clock;
        self
    }

    /// Queues a command as if a key or a button had asked for it; it is carried out at the next
    /// frame, by the same path.
    pub fn apply(&mut self, command: Command) {
        lock(&self.shared).pending.push(command);
    }

    /// Whether the talk has been ended (Ctrl+Q or a closed window) and the windows asked to
    /// close.
    pub fn ending(&self) -> bool {
        lock(&self.shared).ending
    }

    /// A copy of the presentation as it stands (for tests and tools).
    pub fn presentation(&self) -> Presentation {
        lock(&self.shared).presentation.clone()
    }

    /// Style, fonts, image loaders and every picture, once.
    fn setup(&mut self, ctx: &egui::Context) {
        if self.ready {
            return;
        }
        self.ready = true;
        let mut shared = lock(&self.shared);
        // The presenter view's widgets take the global style; slides set their own sizes.
        scaled(&shared.content.theme, crate::ui::present::PRESENTER_SCALE).apply(ctx);
        egui_extras::install_image_loaders(ctx);
        let Shared {
            content, pictures, ..
        } = &mut *shared;
        super::hand_pictures_to_egui(ctx, content, pictures);
    }

    /// Where the slides go: full-screen on the monitor asked for, else on a monitor other than
    /// the presenter's when there are two, else in a window beside the presenter view.
    fn place_audience(&self, ctx: &egui::Context, frame: &eframe::Frame) -> ViewportBuilder {
        let title = {
            let shared = lock(&self.shared);
            words(&shared.content, shared.presentation.language())
                .audience_title
                .clone()
        };
        let base = ViewportBuilder::default()
            .with_title(title)
            .with_app_id("vein-kiosk-slides")
            .with_min_inner_size([320.0, 180.0]);
        let monitors = frame.winit_window().map(|window| {
            let all: Vec<_> = window.available_monitors().collect();
            let current = window.current_monitor();
            for (i, m) in all.iter().enumerate() {
                let size = m.size();
                let at = m.position();
                log::info!(
                    "monitor {}: {} {}x{} at {},{}{}",
                    i + 1,
                    m.name().unwrap_or_default(),
                    size.width,
                    size.height,
                    at.x,
                    at.y,
                    if current.as_ref() == Some(m) {
                        " (presenter view)"
                    } else {
                        ""
                    }
                );
            }
            let here = current.and_then(|c| all.iter().position(|m| *m == c));
            (all.len(), here)
        });
        match (self.monitor, monitors) {
            (Some(n), Some((count, _))) if n < count => {
                log::info!("slides full-screen on monitor {}", n + 1);
                base.with_monitor(n)
            }
            (Some(n), found) => {
                log::warn!(
                    "--audience-monitor {}: there is no such monitor ({} found); the slides open in a window",
                    n + 1,
                    found.map_or(0, |(count, _)| count)
                );
                beside_presenter(ctx, base)
            }
            (None, Some((count, here))) if count >= 2 => {
                let other = (0..count).find(|i| Some(*i) != here).unwrap_or(1);
                log::info!("slides full-screen on monitor {}", other + 1);
                base.with_monitor(other)
            }
            (None, _) => beside_presenter(ctx, base),
        }
    }

    fn presenter_frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        log::trace!("presenter frame at {now:.3}");
        let mut outcomes = Vec::new();
        let mut shared = lock(&self.shared);
        let s = &mut *shared;
        let mut changed = false;
        for command in std::mem::take(&mut s.pending) {
            outcomes.extend(s.presentation.apply(command, &s.content, now));
            changed = true;
        }
        for key in read_keys(&ctx) {
            outcomes.extend(s.presentation.press(key, &s.content, now));
            changed = true;
        }
        let (clock, next_tick) = (s.clock)();
        let mut out = Vec::new();
        match self.windows {
            Windows::AudienceOnly => {
                slides_window(&ctx, s);
                s.presentation.tick(now);
                crate::ui::present::audience(ui, &stage(s, now, &clock));
                ask_for_valve_frames(&ctx, s, now);
            }
            Windows::Both | Windows::PresenterOnly => {
                presenter_view(ui, &stage(s, now, &clock), &mut out);
            }
        }
        for command in out {
            outcomes.extend(s.presentation.apply(command, &s.content, now));
            changed = true;
        }
        if changed {
            ctx.request_repaint();
            ctx.request_repaint_of(audience_id());
        }
        if s.presentation.presenter_shown() && self.windows != Windows::AudienceOnly {
            // The clock: once a second while the talk's time runs, else when the minute turns.
            let wait = match s.presentation.timer_state() {
                TimerState::Running => 1.0 - s.presentation.elapsed(now).fract(),
                TimerState::Paused | TimerState::NotStarted => next_tick,
            };
            ctx.request_repaint_after_secs(wait.max(0.05) as f32);
        }
        drop(shared);
        self.carry_out(&ctx, &outcomes);
    }

    fn carry_out(&self, ctx: &egui::Context, outcomes: &[Outcome]) {
        carry_out(ctx, &self.shared, outcomes);
    }
}

/// The stage both windows draw.
fn stage<'a>(s: &'a Shared, now: f64, clock: &'a str) -> Stage<'a> {
    Stage {
        content: &s.content,
        presentation: &s.presentation,
        pictures: &s.pictures,
        tokens: &s.content.theme,
        now,
        clock,
    }
}

/// Asks for the valve's next frame while it moves (never faster than it draws) and the
/// audience can see it: not behind a black or white screen, a picture or the overview.
fn ask_for_valve_frames(ctx: &egui::Context, s: &Shared, now: f64) {
    let p = &s.presentation;
    let hidden = p.cover() != crate::present::Cover::None
        || p.picture().is_some()
        || (p.overview().is_some() && !p.presenter_shown());
    if hidden {
        return;
    }
    let reduce = s.content.settings.reduce_motion;
    if let Some(next) = s
        .presentation
        .session()
        .route
        .valve()
        .and_then(|v| v.next_frame(now, reduce))
    {
        ctx.request_repaint_after(next);
    }
}

/// What the windows must do after a command: close, or show or hide the presenter view.
fn carry_out(ctx: &egui::Context, shared: &Mutex<Shared>, outcomes: &[Outcome]) {
    for outcome in outcomes {
        match outcome {
            Outcome::End => {
                lock(shared).ending = true;
                log::info!("the presentation ended");
                ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::Close);
            }
            Outcome::PresenterShown(shown) => {
                ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::Visible(*shown));
                if *shown {
                    ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::Focus);
                }
            }
        }
    }
}

/// A window beside the presenter view, the two sharing the screen: the presenter view on the
/// left half, the slides on the right.
fn beside_presenter(ctx: &egui::Context, base: ViewportBuilder) -> ViewportBuilder {
    let monitor = ctx.input(|i| i.viewport().monitor_size);
    let Some(m) = monitor.filter(|m| m.x >= 640.0) else {
        return base.with_inner_size([960.0, 540.0]);
    };
    let half = (m.x / 2.0).floor();
    ctx.send_viewport_cmd(ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
    ctx.send_viewport_cmd(ViewportCommand::InnerSize(egui::vec2(
        half - 8.0,
        (m.y * 0.9).floor(),
    )));
    let width = half - 8.0;
    base.with_position([half, 0.0])
        .with_inner_size([width, (width * 9.0 / 16.0).floor()])
}

/// The audience window's frame: its keys, the valve, the slide.
fn audience_frame(ui: &mut egui::Ui, shared: &Mutex<Shared>) {
    let ctx = ui.ctx().clone();
    let now = ctx.input(|i| i.time);
    log::trace!("audience frame at {now:.3}");
    let mut outcomes = Vec::new();
    let mut guard = lock(shared);
    let s = &mut *guard;
    let keys = read_keys(&ctx);
    let changed = !keys.is_empty();
    for key in keys {
        outcomes.extend(s.presentation.press(key, &s.content, now));
    }
    slides_window(&ctx, s);
    if ctx.input(|i| i.viewport().close_requested()) && !s.ending {
        outcomes.push(Outcome::End);
    }
    s.presentation.tick(now);
    let (clock, _) = (s.clock)();
    crate::ui::present::audience(ui, &stage(s, now, &clock));
    ask_for_valve_frames(&ctx, s, now);
    drop(guard);
    if changed {
        ctx.request_repaint();
        ctx.request_repaint_of(ViewportId::ROOT);
    }
    carry_out(&ctx, shared, &outcomes);
}

/// The slides window's own keys and full screen: F11 there goes full screen on whatever screen
/// the presenter dragged it to, and back; where no window manager grants it, the window is sized
/// and raised by hand (see [`super::fullscreen`]).
fn slides_window(ctx: &egui::Context, s: &mut Shared) {
    let window = ctx.input(|i| {
        let v = i.viewport();
        Window {
            fullscreen: v.fullscreen.unwrap_or(false),
            outer: v.outer_rect,
            inner: v.inner_rect,
            monitor: v.monitor_size,
        }
    });
    let commands = if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F11)) {
        s.full_screen.toggle(window)
    } else {
        s.full_screen.follow(window)
    };
    if s.full_screen.waiting() {
        ctx.request_repaint_after(std::time::Duration::from_millis(200));
    }
    for command in commands {
        ctx.send_viewport_cmd(command);
    }
}

/// This frame's presentation keys, taken out of egui's input so no widget acts on them too.
/// Held keys repeat only for moving between slides.
fn read_keys(ctx: &egui::Context) -> Vec<Key> {
    ctx.input_mut(|i| {
        let mut keys = Vec::new();
        i.events.retain(|event| {
            let egui::Event::Key {
                key,
                pressed: true,
                repeat,
                modifiers,
                ..
            } = event
            else {
                return true;
            };
            match key_for(*key, *modifiers) {
                Some(k) if !*repeat || moves(k) => {
                    keys.push(k);
                    false
                }
                Some(_) => false,
                None => true,
            }
        });
        keys
    })
}

fn moves(key: Key) -> bool {
    matches!(
        key,
        Key::Right | Key::Left | Key::Up | Key::Down | Key::PageDown | Key::PageUp
    )
}

/// The presentation key for an egui key with its modifiers, if it is one.
pub fn key_for(key: egui::Key, modifiers: egui::Modifiers) -> Option<Key> {
    use egui::Key as E;
    if modifiers.command || modifiers.ctrl {
        return (key == E::Q && !modifiers.alt && !modifiers.shift).then_some(Key::CtrlQ);
    }
    if modifiers.alt || modifiers.mac_cmd {
        return None;
    }
    if modifiers.shift {
        return (key == E::F5).then_some(Key::ShiftF5);
    }
    let digits = [
        E::Num0,
        E::Num1,
        E::Num2,
        E::Num3,
        E::Num4,
        E::Num5,
        E::Num6,
        E::Num7,
        E::Num8,
        E::Num9,
    ];
    if let Some(d) = digits.iter().position(|d| *d == key) {
        return u8::try_from(d).ok().map(Key::Digit);
    }
    Some(match key {
        E::ArrowRight => Key::Right,
        E::ArrowLeft => Key::Left,
        E::ArrowUp => Key::Up,
        E::ArrowDown => Key::Down,
        E::PageDown => Key::PageDown,
        E::PageUp => Key::PageUp,
        E::Space => Key::Space,
        E::Enter => Key::Enter,
        E::Backspace => Key::Backspace,
        E::Home => Key::Home,
        E::End => Key::End,
        E::B => Key::B,
        E::Period => Key::Period,
        E::W => Key::W,
        E::Tab => Key::Tab,
        E::O => Key::O,
        E::Escape => Key::Escape,
        E::F5 => Key::F5,
        E::P => Key::P,
        E::R => Key::R,
        E::H => Key::H,
        E::N => Key::N,
        E::V => Key::V,
        E::S => Key::S,
        E::C => Key::C,
        E::G => Key::G,
        E::A => Key::A,
        _ => return None,
    })
}

impl eframe::App for PresentApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.setup(ui.ctx());
        if self.windows == Windows::Both && self.audience.is_none() {
            let builder = self.place_audience(ui.ctx(), frame);
            if builder.monitor.is_some() {
                lock(&self.shared).full_screen.asked_at_start();
            }
            self.audience = Some(builder);
        }
        self.presenter_frame(ui);
        if let (Windows::Both, Some(builder)) = (self.windows, &self.audience) {
            let shared = Arc::clone(&self.shared);
            ui.ctx()
                .show_viewport_deferred(audience_id(), builder.clone(), move |ui, _class| {
                    audience_frame(ui, &shared);
                });
        }
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        crate::app::cap_texture_side(raw_input);
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        egui::Color32::BLACK.to_normalized_gamma_f32()
    }

    fn persist_egui_memory(&self) -> bool {
        false
    }
}

/// `vein-kiosk --present`: loads the content (a clinic's folder that fails `check` falls back
/// to the built-in content, as the kiosk does) and runs the talk until a window closes.
pub fn run(
    dir: Option<PathBuf>,
    config: Option<PathBuf>,
    language: Option<String>,
    audience_monitor: Option<usize>,
) -> ExitCode {
    let (content, skipped) = match Content::load_or_built_in(dir, config.as_deref()) {
        Ok(loaded) => loaded,
        Err(problems) => {
            eprintln!("vein-kiosk: the built-in content is broken (a build defect):");
            report(&problems);
            return ExitCode::FAILURE;
        }
    };
    if !skipped.is_empty() {
        report(&skipped);
        log::warn!("the clinic's content could not be used; presenting the built-in content");
    }
    if let Err(why) = content.language_named(language.as_deref()) {
        eprintln!("vein-kiosk: {why}");
        return ExitCode::FAILURE;
    }
    let code = language.unwrap_or_else(|| content.settings.default_language.clone());
    let options = eframe::NativeOptions {
        viewport: ViewportBuilder::default()
            .with_title(words(&content, &code).presenter_title.clone())
            .with_app_id("vein-kiosk-presenter")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 480.0]),
        renderer: eframe::Renderer::Glow,
        persist_window: false,
        ..Default::default()
    };
    let app = PresentApp::new(content, Some(&code)).audience_monitor(audience_monitor);
    match eframe::run_native(
        "vein-kiosk-present",
        options,
        Box::new(move |_cc| Ok(Box::new(app))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            log::error!("could not open the windows: {e}");
            ExitCode::FAILURE
        }
    }
}

fn report(problems: &[Problem]) {
    for problem in problems {
        log::warn!("{problem}");
    }
}
