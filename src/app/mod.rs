//! The eframe app: reads keys and swipes, draws the current screen, applies commands.

mod kiosk;

pub use kiosk::{KioskRuntime, STAFF_CORNER, STAFF_PRESS_SECONDS, Staff};

use std::collections::BTreeSet;

use egui::{Key, Modifiers, Pos2};

use crate::command::Command;
use crate::content::{Content, Problem};
use crate::navigation::{Swipe, classify_swipe};
use crate::session::Session;
use crate::theme::Theme;
use crate::ui::{self, View, picture_uri};

/// Keys and what they do. Presentation clickers send PageDown/PageUp (sometimes arrows).
const KEYS: [(Key, Command); 7] = [
    (Key::ArrowRight, Command::Next),
    (Key::PageDown, Command::Next),
    (Key::Space, Command::Next),
    (Key::ArrowLeft, Command::Back),
    (Key::PageUp, Command::Back),
    (Key::Home, Command::Home),
    (Key::Escape, Command::Back),
];

/// The kiosk.
pub struct KioskApp {
    content: Content,
    theme: Theme,
    session: Session,
    pictures: BTreeSet<String>,
    staff_warning: Option<String>,
    swipe_start: Option<(Pos2, f64)>,
    ready: bool,
    /// Fill the screen; how many more times to try where the window system ignores the request.
    fill_screen_tries: u8,
    /// Waiting-room kiosk mode, when on.
    kiosk: Option<KioskRuntime>,
    panic_next_frame: bool,
    /// Commands queued by [`Self::apply`].
    pending: Vec<Command>,
    /// The animated valve, when the screen shows it; which screen it belongs to.
    valve: Option<(usize, crate::valve::ValveAnimation)>,
    /// The answers being printed or sent, off the UI thread.
    handoff_job: Option<crate::print::PrintJob>,
}

impl KioskApp {
    /// A kiosk showing `content`. `skipped` holds the problems of a clinic's content that could
    /// not be used (the built-in content is shown instead); staff see a short note about them.
    pub fn new(content: Content, skipped: &[Problem]) -> Self {
        let staff_warning = skipped.first().map(|first| match skipped.len() {
            1 => first.to_string(),
            n => format!("{first} (+{} more)", n - 1),
        });
        let session = Session::new(
            content.flow.screens.len(),
            &content.settings.default_language,
        );
        Self {
            theme: Theme::new(&content.theme),
            content,
            session,
            pictures: BTreeSet::new(),
            staff_warning,
            swipe_start: None,
            ready: false,
            fill_screen_tries: 0,
            kiosk: None,
            panic_next_frame: false,
            pending: Vec::new(),
            valve: None,
            handoff_job: None,
        }
    }

    /// Waiting-room kiosk mode: the attract screen, the idle wipe, refusing to close, and the
    /// staff menu. `config` is the `--config` settings file, for reloading.
    pub fn kiosk_mode(mut self, config: Option<std::path::PathBuf>) -> Self {
        self.session = Session::kiosk(
            self.content.flow.screens.len(),
            &self.content.settings.default_language,
        );
        self.kiosk = Some(KioskRuntime::new(&self.content.settings, config));
        self
    }

    /// Kiosk mode's state, when on (for tests and tools).
    pub fn kiosk(&self) -> Option<&KioskRuntime> {
        self.kiosk.as_ref()
    }

    /// Makes the next frame panic, to prove the kiosk survives it. For tests only.
    #[doc(hidden)]
    pub fn panic_next_frame(&mut self) {
        self.panic_next_frame = true;
    }

    /// Keeps the animated valve in step with the screen: a fresh one when a valve screen is
    /// reached, none elsewhere; touches keep it running.
    fn tick_valve(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let index = self.session.nav.index();
        let mode = (!self.session.attract && self.session.check.is_none())
            .then(|| self.content.flow.screens.get(index).and_then(|s| s.valve))
            .flatten();
        let Some(mode) = mode else {
            self.valve = None;
            return;
        };
        if self.valve.as_ref().is_none_or(|(at, _)| *at != index) {
            self.valve = Some((index, crate::valve::ValveAnimation::new(mode, now)));
        }
        if let Some((_, valve)) = &mut self.valve {
            if ctx.input(|i| i.pointer.any_pressed()) {
                valve.touch(now);
            }
            valve.tick(now);
        }
    }

    /// Forgets the visitor: the session, kiosk state and everything egui remembers (scroll
    /// positions, open popups), but not the look.
    fn wipe(&mut self, ctx: &egui::Context) {
        self.session.reset();
        // A print still running finishes (its temp file is deleted then); nobody is told.
        self.handoff_job = None;
        if let Some(kiosk) = &mut self.kiosk {
            kiosk.wipe(ctx.input(|i| i.time));
        }
        ctx.memory_mut(|m| {
            let options = std::mem::take(&mut m.options);
            *m = egui::Memory::default();
            m.options = options;
        });
        ctx.request_repaint();
    }

    /// After a panic inside a frame: say so, and start over on the first screen (the attract
    /// screen in kiosk mode) rather than die.
    fn recover(&mut self, ctx: &egui::Context) {
        eprintln!(
            "vein-kiosk: a frame failed (see the panic message above); starting over for the next person"
        );
        self.wipe(ctx);
    }

    /// Makes sure the window fills the screen. Fullscreen is only a request on X11, and with no
    /// window manager (a bare X kiosk) nobody grants it; then the window is sized to the monitor,
    /// without decorations, at its corner.
    pub fn fill_screen(mut self) -> Self {
        self.fill_screen_tries = 3;
        self
    }

    fn keep_filling_screen(&mut self, ctx: &egui::Context) {
        if self.fill_screen_tries == 0 {
            return;
        }
        let (monitor, inner) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().inner_rect));
        let (Some(monitor), Some(inner)) = (monitor, inner) else {
            return;
        };
        if (inner.size() - monitor).length() <= 2.0 && inner.min.to_vec2().length() <= 2.0 {
            self.fill_screen_tries = 0;
            return;
        }
        self.fill_screen_tries -= 1;
        ctx.send_viewport_cmd(egui::ViewportCommand::Decorations(false));
        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(Pos2::ZERO));
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(monitor));
    }

    /// Sets up the context once (style, fonts, image loaders) and hands every picture to egui,
    /// so nothing is parsed or uploaded again per frame.
    fn setup(&mut self, ctx: &egui::Context) {
        if self.ready {
            return;
        }
        self.ready = true;
        self.theme.apply(ctx);
        egui_extras::install_image_loaders(ctx);
        let names: Vec<String> = self
            .content
            .all_pictures()
            .into_iter()
            .map(str::to_owned)
            .collect();
        for name in &names {
            if self.pictures.contains(name) {
                continue;
            }
            if let Some(bytes) = self.content.source.illustration(name) {
                ctx.include_bytes(picture_uri(name), bytes.into_owned());
                self.pictures.insert(name.clone());
            }
        }
    }

    /// The visitor's session, for tests and tools.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The content shown.
    pub fn content(&self) -> &Content {
        &self.content
    }

    /// Queues a command as if a control had asked for it; it is carried out at the start of the
    /// next frame, by the same path as a tap. For tools and tests that drive the app without input.
    pub fn apply(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// Turns this frame's keys and swipes into commands and applies them. Call before [`Self::show`].
    pub fn handle_input(&mut self, ctx: &egui::Context) {
        self.setup(ctx);
        self.poll_handoff(ctx);
        let queued = std::mem::take(&mut self.pending);
        self.run(ctx, queued);
        self.tick_valve(ctx);
        if let Some(kiosk) = &mut self.kiosk {
            let event = kiosk.frame(ctx, self.session.attract);
            if event == kiosk::KioskEvent::Expired {
                self.wipe(ctx);
            }
            if self.session.attract {
                // On the attract screen a key press starts, as a touch does (the screen handles
                // touches).
                let key = ctx.input_mut(|i| {
                    i.consume_key(Modifiers::NONE, Key::Space)
                        || i.consume_key(Modifiers::NONE, Key::Enter)
                });
                if key {
                    self.run(ctx, vec![Command::Begin(None)]);
                }
                return;
            }
        }
        let card_open = self.session.open_card.is_some();
        let in_check = self.session.check.is_some();
        let mut commands = Vec::new();
        ctx.input_mut(|i| {
            for (key, command) in &KEYS {
                // Every press counts, even several in one frame (a clicker held down).
                while i.consume_key(Modifiers::NONE, *key) {
                    commands.extend(match (command, card_open, in_check) {
                        (Command::Back, true, _) if *key == Key::Escape => Some(Command::CloseCard),
                        // In the self-check only Back moves: an answer is always a tap.
                        (Command::Back, _, true) => Some(Command::CheckBack),
                        (_, _, true) => None,
                        _ => Some(command.clone()),
                    });
                }
            }
            if i.pointer.any_pressed() {
                self.swipe_start = i.pointer.press_origin().map(|p| (p, i.time));
            }
            if i.pointer.any_released()
                && let (Some((start, t0)), Some(end)) =
                    (self.swipe_start.take(), i.pointer.latest_pos())
                && !card_open
            {
                let d = end - start;
                match (classify_swipe(d.x, d.y, i.time - t0), in_check) {
                    (Some(Swipe::Next), false) => commands.push(Command::Next),
                    (Some(Swipe::Back), false) => commands.push(Command::Back),
                    (Some(Swipe::Back), true) => commands.push(Command::CheckBack),
                    _ => {}
                }
            }
        });
        self.run(ctx, commands);
    }

    /// Draws the current screen and applies what it asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.setup(ui.ctx());
        if std::mem::take(&mut self.panic_next_frame) {
            panic!("a frame failed on purpose (test of recovery)");
        }
        let mut commands = Vec::new();
        let view = View {
            content: &self.content,
            theme: &self.theme,
            session: &self.session,
            pictures: &self.pictures,
            staff_warning: self.staff_warning.as_deref(),
            kiosk: self.kiosk.as_ref(),
            valve: self.valve.as_ref().map(|(_, v)| v),
            now: ui.input(|i| i.time),
        };
        ui::show(ui, &view, &mut commands);
        self.run(ui.ctx(), commands);
    }

    fn run(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        if commands.is_empty() {
            return;
        }
        for command in commands {
            if command.is_for_app() {
                self.app_command(&command, ctx);
                continue;
            }
            let finished = command == Command::FinishCheck
                && self
                    .session
                    .check
                    .as_ref()
                    .is_some_and(|c| c.step() == crate::selfcheck::Step::Summary);
            let begins = matches!(command, Command::Begin(_));
            let language_before = self.session.language.clone();
            self.session.apply(command, &self.content.selfcheck);
            if let Some(kiosk) = &mut self.kiosk {
                let language = self.session.language.clone();
                if begins {
                    *kiosk.usage.sessions.entry(language.clone()).or_default() += 1;
                }
                if finished {
                    // Counted in the language the check was taken in, not the one after the wipe.
                    *kiosk
                        .usage
                        .checks_finished
                        .entry(language_before.clone())
                        .or_default() += 1;
                }
                if !self.session.attract && self.session.check.is_none() {
                    let index = self.session.nav.index();
                    if let Some(screen) = self.content.flow.screens.get(index) {
                        kiosk.reached(index, &screen.id, &language);
                    }
                }
            }
            if finished && self.kiosk.is_some() {
                // Finishing the self-check wipes as the idle timeout does.
                self.wipe(ctx);
            }
        }
        // The frame just drawn shows the old state; draw once more. Otherwise egui only repaints
        // on input, so a still screen costs no CPU.
        ctx.request_repaint();
    }
}

impl KioskApp {
    /// Carries out a command meant for the app rather than the session (kiosk and staff).
    fn app_command(&mut self, command: &Command, ctx: &egui::Context) {
        match command {
            Command::PrintAnswers | Command::SendToStaff => {
                self.start_handoff(*command == Command::SendToStaff);
                return;
            }
            _ => {}
        }
        let now = ctx.input(|i| i.time);
        let words = self
            .content
            .language(&self.session.language)
            .ui
            .staff
            .clone();
        let Some(kiosk) = &mut self.kiosk else { return };
        match command {
            Command::StillHere => kiosk.idle.touch(now),
            Command::PinDigit(_) | Command::PinClear | Command::PinSubmit => {
                kiosk.pin(command, now, &words)
            }
            Command::StaffClose => kiosk.close_staff(),
            Command::LeaveKiosk => {
                kiosk.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::SetDefaultLanguage(code) => {
                self.session.set_default_language(code);
                code.clone_into(&mut self.content.settings.default_language);
            }
            Command::PrintTestPage => kiosk.print_test_page(&self.content.settings, &words),
            Command::ReloadContent => self.reload(&words),
            _ => {}
        }
    }

    /// Makes the PDF of the summary and prints it, or puts it with the FHIR file into the hand-off
    /// folder, on a background thread with a time limit.
    fn start_handoff(&mut self, send: bool) {
        use crate::session::Handoff;
        let Some(flow) = &self.session.check else {
            return;
        };
        if self.handoff_job.is_some() || flow.step() != crate::selfcheck::Step::Summary {
            return;
        }
        // The PDF is made on the background thread too: nothing here may hold up a frame.
        let content = self.content.clone();
        let answers = flow.answers().clone();
        let language = self.session.language.clone();
        let job = crate::print::PrintJob::spawn(crate::print::TIME_LIMIT, move || {
            let when = crate::handout::Stamp::now();
            let patient = content.language(&language);
            let handout = crate::handout::Handout::new(&content, &answers, patient, &when)?;
            let settings = &content.settings;
            if send {
                let folder = settings
                    .handoff_folder
                    .as_deref()
                    .ok_or("no hand-off folder is set")?;
                crate::handoff::send(
                    std::path::Path::new(folder),
                    &handout.file_stem(&when),
                    &[("pdf", &handout.pdf), ("json", handout.fhir.as_bytes())],
                )
                .map(|_| ())
                .map_err(|e| e.to_string())
            } else {
                let file = crate::print::temp_file("answers.pdf", &handout.pdf)?;
                crate::print::print_file(settings, &file, crate::print::TIME_LIMIT)
            }
        });
        self.handoff_job = Some(job);
        self.session.handoff = Some(if send {
            Handoff::Sending
        } else {
            Handoff::Printing
        });
    }

    /// Checks on printing or sending; keeps the screen drawing while it runs.
    fn poll_handoff(&mut self, ctx: &egui::Context) {
        use crate::print::PrintStatus;
        let Some(job) = &mut self.handoff_job else {
            return;
        };
        let send = self.session.handoff == Some(crate::session::Handoff::Sending);
        match job.poll() {
            PrintStatus::Printing => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            PrintStatus::Done => self.handoff_done(send, Ok(())),
            PrintStatus::Failed(why) => self.handoff_done(send, Err(why)),
        }
    }

    fn handoff_done(&mut self, send: bool, result: Result<(), String>) {
        use crate::session::Handoff;
        self.handoff_job = None;
        if let Err(why) = &result {
            // For staff, in the log; the reason names no patient and no answer.
            let what = if send { "sending" } else { "printing" };
            eprintln!("vein-kiosk: {what} the answers failed: {why}");
        }
        self.session.handoff = Some(match (send, result) {
            (false, Ok(())) => Handoff::Printed,
            (false, Err(why)) => Handoff::PrintFailed(why),
            (true, Ok(())) => Handoff::Sent,
            (true, Err(why)) => Handoff::SendFailed(why),
        });
    }

    /// Loads the content again from where it came from; on problems keeps what is shown.
    fn reload(&mut self, words: &crate::content::StaffText) {
        let config = self.kiosk.as_ref().and_then(|k| k.config.clone());
        match Content::load_with_config(self.content.source.clone(), config.as_deref()) {
            Ok(content) => {
                self.theme = Theme::new(&content.theme);
                self.session = Session::kiosk(
                    content.flow.screens.len(),
                    &content.settings.default_language,
                );
                self.content = content;
                self.pictures.clear();
                self.ready = false;
                if let Some(kiosk) = &mut self.kiosk {
                    kiosk.menu_message(words.reloaded.clone());
                }
            }
            Err(problems) => {
                for p in &problems {
                    eprintln!("{p}");
                }
                if let Some(kiosk) = &mut self.kiosk {
                    kiosk.menu_message(
                        words
                            .reload_failed
                            .replace("{problems}", &problems.len().to_string()),
                    );
                }
            }
        }
    }
}

impl eframe::App for KioskApp {
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
        // A bug in one frame must not take the kiosk off the wall.
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.show(ui))).is_err() {
            self.recover(ui.ctx());
        }
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.theme.background.to_normalized_gamma_f32()
    }

    fn persist_egui_memory(&self) -> bool {
        false
    }
}
