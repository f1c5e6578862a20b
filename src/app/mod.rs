//! The eframe app: ties the pure session, kiosk state and effects to egui. Each frame it turns
//! input into commands ([`input`]), carries them out ([`dispatch`]), polls background jobs
//! ([`jobs`]), applies kiosk lockdown ([`lockdown`]) and draws the route ([`crate::ui`]).

mod dispatch;
mod input;
mod jobs;
mod lockdown;
pub mod present;
mod pulling;
mod speech;
mod window;

pub use lockdown::STAFF_CORNER;
pub(crate) use window::hand_pictures_to_egui;
pub use window::{MAX_TEXTURE_SIDE, cap_texture_side};

use std::collections::BTreeSet;
use std::sync::Arc;

use egui::Pos2;

use crate::command::Command;
use crate::content::{Content, Problem};
use crate::effects::{Effects, SystemEffects};
use crate::job::Job;
use crate::kiosk::Kiosk;
use crate::session::Session;
use crate::theme::Theme;
use crate::ui::{self, View};

/// The kiosk app.
pub struct App {
    /// Whether the start-up time has been logged (once, after the first frame).
    first_frame_logged: bool,
    content: Content,
    theme: Theme,
    session: Session,
    pictures: BTreeSet<String>,
    /// The pictures were forgotten (a wipe, new content): hand egui their bytes again.
    pictures_stale: bool,
    staff_warning: Option<String>,
    swipe_start: Option<(Pos2, f64)>,
    ready: bool,
    /// Fill the screen; how many more times to try where the window system ignores the request.
    fill_screen_tries: u8,
    /// Waiting-room kiosk mode, when on.
    kiosk: Option<Kiosk>,
    panic_next_frame: bool,
    /// Commands queued by [`Self::apply`].
    pending: Vec<Command>,
    /// Work running off the screen's thread (printing, sending, the test page).
    jobs: Vec<Job>,
    /// Jobs nobody waits for any more (given up at their time limit, or a wiped visitor's),
    /// kept until their threads end so their channel counts as busy: a stuck printer or share
    /// holds one thread, not one per attempt.
    abandoned: Vec<Job>,
    /// Read aloud: what was said, and its jobs.
    reader: speech::Reader,
    /// The window's title as last sent.
    window_named: Option<String>,
    effects: Arc<dyn Effects>,
    /// Content pulled from a clinic group's source, when the settings name one.
    pulling: Option<pulling::Pulling>,
    /// The clinic's FHIR server: the outbox's sender, when the settings name a server.
    fhir: Option<crate::outbox::Link>,
}

impl App {
    /// A kiosk showing `content`. `skipped` holds the problems of a clinic's content that could
    /// not be used (the built-in content is shown instead); staff see a short note about them.
    pub fn new(content: Content, skipped: &[Problem]) -> Self {
        let mut staff_warning = skipped.first().map(|first| match skipped.len() {
            1 => first.to_string(),
            n => format!("{first} (+{} more)", n - 1),
        });
        // The sender lives as long as the kiosk; the settings it was started with stay its
        // settings until restart (content from a source or a reload never carries them).
        let fhir = crate::outbox::Link::start(&content.settings).unwrap_or_else(|why| {
            log::error!("the FHIR outbox cannot be used: {why}");
            staff_warning = Some(format!("FHIR outbox: {why}"));
            None
        });
        Self {
            first_frame_logged: false,
            theme: Theme::new(&content.theme),
            session: Session::new(&content, 0.0),
            content,
            pictures: BTreeSet::new(),
            pictures_stale: false,
            staff_warning,
            swipe_start: None,
            ready: false,
            fill_screen_tries: 0,
            kiosk: None,
            panic_next_frame: false,
            pending: Vec::new(),
            jobs: Vec::new(),
            abandoned: Vec::new(),
            reader: speech::Reader::default(),
            window_named: None,
            effects: Arc::new(SystemEffects),
            pulling: None,
            fhir,
        }
    }

    /// Sends to the clinic's FHIR server through `link` instead of the one the settings started
    /// (a test's, with fixed references).
    #[must_use]
    pub fn with_fhir(mut self, link: crate::outbox::Link) -> Self {
        self.fhir = Some(link);
        self
    }

    /// The FHIR outbox's sender as staff see it (None without a FHIR server).
    pub fn fhir_status(&self) -> Option<crate::outbox::SenderStatus> {
        self.fhir.as_ref().map(crate::outbox::Link::status)
    }

    /// Waiting-room kiosk mode: the attract screen, the idle wipe, refusing to close, and the
    /// staff menu. `config` is the `--config` settings file, for reloading; the PIN pad's wrong
    /// tries and lock are kept beside it across restarts (without it, in memory only).
    pub fn kiosk_mode(mut self, config: Option<std::path::PathBuf>) -> Self {
        self.session = Session::kiosk(&self.content, 0.0);
        let mut kiosk = Kiosk::new(&self.content.settings, config.clone(), 0.0);
        if let Some(config) = &config {
            let file = crate::kiosk::LockFile::beside(config);
            kiosk.keep_pin_lock(file, crate::kiosk::lock_state::wall_clock, 0.0);
        }
        self.kiosk = Some(kiosk);
        self
    }

    /// Uses `effects` for printing, sending, the clock stamp and reloading (tests and soak runs
    /// pass a [`crate::effects::RecordingEffects`]).
    pub fn with_effects(mut self, effects: Arc<dyn Effects>) -> Self {
        self.effects = effects;
        self
    }

    /// Makes sure the window fills the screen. Fullscreen is only a request on X11, and with no
    /// window manager (a bare X kiosk) nobody grants it; then the window is sized to the monitor,
    /// without decorations, at its corner.
    pub fn fill_screen(mut self) -> Self {
        self.fill_screen_tries = 3;
        self
    }

    /// Kiosk mode's state, when on (for tests and tools).
    pub fn kiosk(&self) -> Option<&Kiosk> {
        self.kiosk.as_ref()
    }

    /// The visitor's session, for tests and tools.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The content shown.
    pub fn content(&self) -> &Content {
        &self.content
    }

    /// How many background jobs are running (for tests and tools).
    pub fn jobs_running(&self) -> usize {
        self.jobs.len()
    }

    /// Background threads still working, of every job the app keeps (hand-offs, the test page,
    /// those given up at their limit, read aloud). For tests that must replay: they wait for
    /// these to end (or to hang on purpose) before the next frame.
    #[doc(hidden)]
    pub fn job_threads_working(&self) -> usize {
        let working = |jobs: &[crate::job::Job]| jobs.iter().filter(|j| j.working()).count();
        working(&self.jobs) + working(&self.abandoned) + self.speech_threads_working()
    }

    /// Makes the next frame panic, to prove the kiosk survives it. For tests only.
    #[doc(hidden)]
    pub fn panic_next_frame(&mut self) {
        self.panic_next_frame = true;
    }

    /// Queues a command as if a control had asked for it; it is carried out at the start of the
    /// next frame, by the same path as a tap. For tools and tests that drive the app without input.
    pub fn apply(&mut self, command: impl Into<Command>) {
        self.pending.push(command.into());
    }

    /// Sets up the context once (style, fonts, image loaders) and hands every picture to egui,
    /// so nothing is parsed or uploaded again per frame.
    fn setup(&mut self, ctx: &egui::Context) {
        if std::mem::take(&mut self.pictures_stale) {
            hand_pictures_to_egui(ctx, &self.content, &mut self.pictures);
        }
        if self.ready {
            return;
        }
        self.ready = true;
        self.theme.apply(ctx);
        egui_extras::install_image_loaders(ctx);
        hand_pictures_to_egui(ctx, &self.content, &mut self.pictures);
    }

    /// Reads this frame's input and carries out what it asks for. Call before [`Self::show`].
    pub fn handle_input(&mut self, ctx: &egui::Context) {
        self.setup(ctx);
        let now = ctx.input(|i| i.time);
        self.poll_jobs(ctx, now);
        self.poll_speech(ctx, now);
        self.take_content_updates(ctx, now);
        let queued = std::mem::take(&mut self.pending);
        self.run(ctx, queued);
        let touched = ctx.input(|i| i.pointer.any_pressed());
        self.session.tick_valve(now, touched);
        if self.kiosk.is_some() {
            self.lockdown(ctx, now);
        }
        let commands = self.read_input(ctx);
        self.run(ctx, commands);
        self.follow_choices(ctx);
        self.follow_speech(now);
    }

    /// Draws at the visitor's text size and in their colours. The staff menu keeps 100%: it is
    /// laid out for staff, over whatever the visitor chose.
    fn follow_choices(&mut self, ctx: &egui::Context) {
        let choices = self.session.choices;
        let staff_open = self
            .kiosk
            .as_ref()
            .is_some_and(|k| !matches!(k.staff, crate::kiosk::Staff::Closed));
        let zoom = if staff_open { 1.0 } else { choices.text.zoom() };
        if (ctx.zoom_factor() - zoom).abs() > f32::EPSILON {
            ctx.set_zoom_factor(zoom);
        }
        if self.theme.high_contrast != choices.high_contrast {
            self.theme = Theme::with_contrast(&self.content.theme, choices.high_contrast);
            self.theme.restyle(ctx);
        }
    }

    /// Draws the current route and carries out what it asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.setup(ui.ctx());
        if std::mem::take(&mut self.panic_next_frame) {
            panic!("a frame failed on purpose (test of recovery)");
        }
        let mut commands = Vec::new();
        let menu_open = self.kiosk.as_ref().is_some_and(Kiosk::menu_open);
        // Counted on the sender's thread; read only while staff can see it.
        let record = self
            .fhir
            .as_ref()
            .filter(|_| menu_open)
            .map(crate::outbox::Link::status);
        if record.is_some() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(1));
        }
        let view = View {
            content: &self.content,
            theme: &self.theme,
            session: &self.session,
            pictures: &self.pictures,
            staff_warning: self.staff_warning.as_deref(),
            speech_problem: self.reader.problem.as_deref(),
            kiosk: self.kiosk.as_ref(),
            now: ui.input(|i| i.time),
            reading: self.reading_now(),
            bundle: self.pulling.as_ref().map(|p| &p.status),
            record: record.as_ref(),
        };
        ui::show(ui, &view, &mut commands);
        self.name_window(ui.ctx());
        self.run(ui.ctx(), commands);
    }

    /// After a panic inside a frame: say so, and start over on the first screen (the attract
    /// screen in kiosk mode) rather than die.
    fn recover(&mut self, ctx: &egui::Context) {
        log::error!(
            "a frame failed (see the panic message above); starting over for the next person"
        );
        let now = ctx.input(|i| i.time);
        let events = self.session.wipe(&self.content, now);
        self.on_events(ctx, events, now);
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let frame = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.keep_filling_screen(ctx);
            self.handle_input(ctx);
        }));
        if frame.is_err() {
            self.recover(ctx);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let frame_began = std::time::Instant::now();
        // A bug in one frame must not take the kiosk off the wall.
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.show(ui))).is_err() {
            self.recover(ui.ctx());
        }
        if !self.first_frame_logged {
            self.first_frame_logged = true;
            log::info!(
                "ready: the first frame was laid out {} ms after start ({} ms of it for that frame)",
                crate::started().elapsed().as_millis(),
                frame_began.elapsed().as_millis()
            );
        }
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        cap_texture_side(raw_input);
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.theme.background.to_normalized_gamma_f32()
    }

    fn persist_egui_memory(&self) -> bool {
        false
    }
}
