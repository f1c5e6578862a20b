//! Carrying out commands: each kind goes to whoever the type says, and what happened
//! ([`Event`]) drives usage counts and clean-up. Every match here is exhaustive.

use super::App;
use crate::command::{Command, StaffAction};
use crate::content::{Content, StaffText};
use crate::session::{Event, Session};
use crate::theme::Theme;

impl App {
    /// Carries out `commands` in order, then draws once more: the frame just drawn shows the old
    /// state. Otherwise egui repaints only on input, so a still screen costs no CPU.
    pub(super) fn run(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        if commands.is_empty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        for command in commands {
            match command {
                Command::Visit(visit) => {
                    let events = self.session.apply(visit, &self.content, now);
                    self.on_events(ctx, events, now);
                }
                Command::Kiosk(command) => {
                    let words = self.staff_words();
                    match &mut self.kiosk {
                        Some(kiosk) => kiosk.apply(&command, now, &words),
                        None => log::warn!("{command:?} ignored: not in kiosk mode"),
                    }
                }
                Command::Staff(action) => self.staff_action(ctx, action, now),
                Command::Job(request) => self.start_job(request, now),
                Command::Say(words) => self.say(words, now),
            }
        }
        ctx.request_repaint();
    }

    /// Counts what a visitor did (counts only, never answers) and forgets them on a wipe.
    pub(super) fn on_events(&mut self, ctx: &egui::Context, events: Vec<Event>, now: f64) {
        let counted = !events.is_empty();
        for event in events {
            match event {
                Event::Began { language } => {
                    if let Some(kiosk) = &mut self.kiosk {
                        *kiosk.usage.sessions.entry(language).or_default() += 1;
                    }
                }
                Event::Reached { screen } => {
                    if let (Some(kiosk), Some(def)) =
                        (&mut self.kiosk, self.content.flow.screens.get(screen))
                    {
                        kiosk.reached(screen, &def.id, &self.session.language);
                    }
                }
                Event::CheckStarted => {}
                Event::CheckFinished { language } => {
                    if let Some(kiosk) = &mut self.kiosk {
                        *kiosk.usage.checks_finished.entry(language).or_default() += 1;
                    }
                }
                Event::Wiped => self.forget(ctx, now),
            }
        }
        if let (true, Some(kiosk), Some(link)) = (counted, &self.kiosk, &self.fhir) {
            link.set_usage(&kiosk.usage);
        }
    }

    /// After the session is wiped: no job of the visitor's is left to report, the kiosk forgets
    /// its part, and egui forgets scroll positions, open popups and cached text.
    fn forget(&mut self, ctx: &egui::Context, now: f64) {
        // A print still running finishes on its own thread; nobody is told, but its printer
        // counts as busy until it does.
        self.abandon_jobs();
        if let Some(kiosk) = &mut self.kiosk {
            kiosk.wipe(now);
        }
        self.forget_speech(now);
        forget_egui_memory(ctx);
        // egui keeps each picture at each size it was drawn (a visitor at 200% text, in
        // portrait, ...), which grew the kiosk's memory visit after visit: each visitor starts
        // with none, and the next frame hands egui the pictures' bytes again.
        forget_pictures(ctx, &mut self.pictures, &mut self.pictures_stale);
        ctx.request_repaint();
    }

    /// The staff menu's words in the language shown.
    fn staff_words(&self) -> StaffText {
        self.content
            .language(&self.session.language)
            .ui
            .staff
            .clone()
    }

    /// The staff menu's actions: only while the menu is open (behind the PIN).
    fn staff_action(&mut self, ctx: &egui::Context, action: StaffAction, now: f64) {
        if !self
            .kiosk
            .as_ref()
            .is_some_and(crate::kiosk::Kiosk::menu_open)
        {
            log::warn!("{action:?} ignored: the staff menu is not open");
            return;
        }
        match action {
            StaffAction::LeaveKiosk => {
                if let Some(kiosk) = &mut self.kiosk {
                    kiosk.allow_close = true;
                }
                log::info!("staff left kiosk mode");
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            StaffAction::ReloadContent => self.reload(ctx, now),
            StaffAction::SetDefaultLanguage(code) => {
                self.session.set_default_language(&code);
                self.content.settings.default_language = code;
            }
            StaffAction::PrintTestPage => self.start_test_page(now),
            StaffAction::TestSpeech => self.test_speech(now),
            StaffAction::RetryRefused => {
                if let Some(link) = &self.fhir {
                    link.retry_dead();
                    let words = self.staff_words();
                    if let Some(kiosk) = &mut self.kiosk {
                        kiosk.menu_message(words.record_retried.clone());
                    }
                }
            }
        }
    }

    /// Loads the content again from where it came from; on problems keeps what is shown.
    fn reload(&mut self, ctx: &egui::Context, now: f64) {
        let words = self.staff_words();
        // Pulled content has no settings.ron of its own: it is read with the kiosk's.
        let config = match &self.pulling {
            Some(pulling) => pulling.settings_file.clone(),
            None => self.kiosk.as_ref().and_then(|k| k.config.clone()),
        };
        match self
            .effects
            .load_content(&self.content.source, config.as_deref())
        {
            Ok(content) => {
                self.show_content(ctx, content, now);
                log::info!("content reloaded");
                // Said in the language the kiosk now shows, not the wiped visitor's.
                let reloaded = self.staff_words().reloaded;
                if let Some(kiosk) = &mut self.kiosk {
                    kiosk.forget_visitor(now);
                    kiosk.menu_message(reloaded);
                }
            }
            Err(problems) => {
                for p in &problems {
                    log::warn!("reload: {p}");
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

    /// Shows `content` from now on, with a new session: whoever was in the middle of a visit is
    /// forgotten like any wipe (their jobs and everything egui remembers), and the count of
    /// sessions goes on, so nothing keyed by it is reused.
    pub(super) fn show_content(&mut self, ctx: &egui::Context, mut content: Content, now: f64) {
        self.theme = Theme::new(&content.theme);
        let fresh = if self.kiosk.is_some() {
            Session::kiosk(&content, now)
        } else {
            Session::new(&content, now)
        };
        let previous = std::mem::replace(&mut self.session, fresh);
        self.session.follow(&previous);
        // The staff menu's "default language until restart" holds across new content, in the
        // session and in the settings the screens read (as the menu's own button sets both).
        let chosen = previous.default_language();
        if chosen != content.settings.default_language
            && content.languages.iter().any(|l| l.code == chosen)
        {
            self.session.set_default_language(chosen);
            chosen.clone_into(&mut content.settings.default_language);
        }
        self.abandon_jobs();
        self.forget_speech(now);
        forget_egui_memory(ctx);
        self.content = content;
        // egui keeps each picture it has decoded and drawn by its name; new content may have a
        // new picture under an old name, so all are drawn afresh from the new bytes.
        forget_pictures(ctx, &mut self.pictures, &mut self.pictures_stale);
        // And the new theme is applied.
        self.ready = false;
    }
}

/// Forgets every picture egui has decoded or drawn, and has the next frame hand it their bytes
/// again (`stale`).
fn forget_pictures(
    ctx: &egui::Context,
    held: &mut std::collections::BTreeSet<String>,
    stale: &mut bool,
) {
    ctx.forget_all_images();
    held.clear();
    *stale = true;
}

/// Everything egui remembers of a visitor (scroll positions, open popups, focus), but not the
/// options that make the kiosk look as it does.
fn forget_egui_memory(ctx: &egui::Context) {
    ctx.memory_mut(|m| {
        let options = std::mem::take(&mut m.options);
        *m = egui::Memory::default();
        m.options = options;
    });
}
