//! The eframe app of presenter mode: two windows drawing one [`Presentation`].
//!
//! The **presenter view is the root viewport**: in eframe 0.37 only the root window gets an
//! AccessKit tree, and the presenter view is the window a person works in (its buttons, the
//! notes, the time), so that is where a screen reader must reach. The audience window is a
//! deferred viewport: it repaints on its own (the valve, at most 30 times a second) without
//! repainting the presenter view, and the presenter view's clock (once a second) never repaints
//! the slides. Keys work in both windows. Closing either window, or Ctrl+Q, ends the talk.

mod audience;
mod cli;
mod fullscreen;
mod keys;

pub use cli::run;
pub use keys::key_for;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use egui::{ViewportBuilder, ViewportCommand, ViewportId};

use self::audience::{ask_for_valve_frames, audience_frame, audience_id, slides_window};
use self::fullscreen::FullScreen;
use self::keys::read_keys;
use crate::content::Content;
use crate::present::{Command, Outcome, Presentation, TimerState};
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
