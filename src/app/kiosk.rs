//! What the app does in waiting-room kiosk mode: the idle wipe, refusing to close, the staff
//! gesture, PIN and menu, usage counters and the test page. The rules themselves live in the pure
//! `crate::kiosk` module; this wires them to egui's input and the session.

use std::collections::BTreeSet;
use std::path::PathBuf;

use egui::{Key, Modifiers, Pos2, Rect, ViewportCommand, vec2};

use crate::kiosk::{Idle, IdleClock, PinPad, PinResult, Usage, pin};
use crate::print::{PrintJob, PrintStatus, TIME_LIMIT, temp_file};

/// Size of the corner where a long press opens the staff PIN pad.
pub const STAFF_CORNER: f32 = 120.0;
/// How long that press must last.
pub const STAFF_PRESS_SECONDS: f64 = 3.0;

/// The staff menu's state.
#[derive(Debug, Default)]
pub enum Staff {
    #[default]
    Closed,
    /// The PIN pad is showing; the message says why the last try failed.
    Pin {
        pad: PinPad,
        message: Option<String>,
    },
    /// The menu is open; the message reports the last action.
    Menu { message: Option<String> },
}

/// Everything kiosk mode keeps beside the visitor's session.
#[derive(Debug)]
pub struct KioskRuntime {
    pub idle: IdleClock,
    pub staff: Staff,
    pub usage: Usage,
    /// Staff chose "Leave kiosk mode": the next close request is honoured.
    pub allow_close: bool,
    /// Seconds left on "Are you still there?", while it shows.
    pub warning_left: Option<f64>,
    /// A test page being printed, and its last status.
    pub print: Option<(PrintJob, PrintStatus)>,
    /// The settings file given with `--config`, for reloading.
    pub config: Option<PathBuf>,
    pin_hash: Option<String>,
    touch_only: bool,
    corner_press: Option<f64>,
    reached: BTreeSet<usize>,
    staff_pad: PinPad,
}

/// What the kiosk asks the app to do after reading a frame's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KioskEvent {
    /// Nothing beyond what was handled.
    None,
    /// Nobody answered "Are you still there?": wipe the session.
    Expired,
}

impl KioskRuntime {
    /// Kiosk mode with the clinic's idle times, PIN hash and pointer setting.
    pub fn new(settings: &crate::content::Settings, config: Option<PathBuf>) -> Self {
        if settings.staff_pin_hash.is_none() {
            eprintln!(
                "vein-kiosk: no staff PIN is set (run `vein-kiosk set-pin`), so the staff menu is disabled"
            );
        }
        Self {
            idle: IdleClock::new(
                f64::from(settings.idle_seconds),
                f64::from(settings.warning_seconds),
                0.0,
            ),
            staff: Staff::Closed,
            usage: Usage::default(),
            allow_close: false,
            warning_left: None,
            print: None,
            config,
            pin_hash: settings.staff_pin_hash.clone(),
            touch_only: settings.touch_only,
            corner_press: None,
            reached: BTreeSet::new(),
            staff_pad: PinPad::default(),
        }
    }

    /// Reads this frame's input: touches reset the idle clock, close requests are refused, the
    /// hidden gesture opens the PIN pad; then says whether the session has expired.
    pub fn frame(&mut self, ctx: &egui::Context, attract: bool) -> KioskEvent {
        let now = ctx.input(|i| i.time);
        let touched = ctx.input(|i| {
            i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::PointerButton { pressed: true, .. }
                        | egui::Event::Key { pressed: true, .. }
                        | egui::Event::Touch { .. }
                )
            })
        });
        if touched || attract {
            self.idle.touch(now);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        }
        if self.touch_only {
            ctx.set_cursor_icon(egui::CursorIcon::None);
        }
        self.staff_gesture(ctx, now);
        self.poll_print(ctx);
        match self.idle.state(now) {
            Idle::Active { warn_in } => {
                self.warning_left = None;
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(warn_in));
                KioskEvent::None
            }
            Idle::Warning { left } => {
                // The staff menu closes itself when nobody is using it.
                self.staff = Staff::Closed;
                self.warning_left = Some(left);
                // Wake for the next whole second of the countdown.
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                    left.fract().max(0.05),
                ));
                KioskEvent::None
            }
            Idle::Expired => KioskEvent::Expired,
        }
    }

    /// Forgets the session: idle warning, staff menu, pending print, screens reached.
    pub fn wipe(&mut self, now: f64) {
        self.warning_left = None;
        self.staff = Staff::Closed;
        self.print = None;
        self.corner_press = None;
        self.reached.clear();
        self.idle.touch(now);
    }

    /// Counts a screen reached in this session, once.
    pub fn reached(&mut self, index: usize, id: &str, language: &str) {
        if self.reached.insert(index) {
            *self
                .usage
                .screens
                .entry((id.to_owned(), language.to_owned()))
                .or_default() += 1;
        }
    }

    fn staff_gesture(&mut self, ctx: &egui::Context, now: f64) {
        let corner = Rect::from_min_size(Pos2::ZERO, vec2(STAFF_CORNER, STAFF_CORNER));
        let (down, origin) = ctx.input(|i| (i.pointer.primary_down(), i.pointer.press_origin()));
        match (down, origin) {
            (true, Some(p)) if corner.contains(p) => {
                let start = *self.corner_press.get_or_insert(now);
                if now - start >= STAFF_PRESS_SECONDS {
                    self.corner_press = None;
                    self.open_pin_pad();
                } else {
                    ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                        STAFF_PRESS_SECONDS - (now - start),
                    ));
                }
            }
            _ => self.corner_press = None,
        }
        let keys = ctx.input_mut(|i| i.consume_key(Modifiers::CTRL | Modifiers::ALT, Key::S));
        if keys {
            self.open_pin_pad();
        }
    }

    fn open_pin_pad(&mut self) {
        if self.pin_hash.is_none() {
            eprintln!(
                "vein-kiosk: the staff gesture was used, but no staff PIN is set (vein-kiosk set-pin)"
            );
            return;
        }
        if matches!(self.staff, Staff::Closed) {
            self.staff = Staff::Pin {
                pad: std::mem::take(&mut self.staff_pad),
                message: None,
            };
        }
    }

    /// A PIN-pad key or the OK button. `words` gives the messages.
    pub fn pin(
        &mut self,
        command: &crate::command::Command,
        now: f64,
        words: &crate::content::StaffText,
    ) {
        use crate::command::Command;
        let Staff::Pin { pad, message } = &mut self.staff else {
            return;
        };
        match command {
            Command::PinDigit(d) => pad.digit(*d),
            Command::PinClear => pad.clear(),
            Command::PinSubmit => {
                let hash = self.pin_hash.clone().unwrap_or_default();
                match pad.submit(now, |p| pin::verify(p, &hash)) {
                    PinResult::Open => {
                        self.staff_pad = std::mem::take(pad);
                        self.staff = Staff::Menu { message: None };
                    }
                    PinResult::Wrong { tries_left } => {
                        *message = Some(words.wrong_pin.replace("{tries}", &tries_left.to_string()))
                    }
                    PinResult::Locked { seconds } => {
                        *message = Some(
                            words
                                .locked
                                .replace("{seconds}", &format!("{}", seconds.ceil())),
                        )
                    }
                }
            }
            _ => {}
        }
    }

    /// Closes the PIN pad or menu, keeping the pad's lock state for next time.
    pub fn close_staff(&mut self) {
        if let Staff::Pin { pad, .. } = &mut self.staff {
            pad.clear();
            self.staff_pad = std::mem::take(pad);
        }
        self.staff = Staff::Closed;
    }

    /// Sets the message shown in the staff menu.
    pub fn menu_message(&mut self, text: String) {
        if let Staff::Menu { message } = &mut self.staff {
            *message = Some(text);
        }
    }

    /// Starts printing a test page.
    pub fn print_test_page(
        &mut self,
        settings: &crate::content::Settings,
        words: &crate::content::StaffText,
    ) {
        let page = format!(
            "vein-kiosk test page\n\n{}\n\nIf you can read this, printing works.\n",
            settings.clinic_name
        );
        match temp_file("test-page.txt", page.as_bytes()) {
            Ok(file) => {
                self.print = Some((
                    PrintJob::start(settings, file, TIME_LIMIT),
                    PrintStatus::Printing,
                ))
            }
            Err(why) => self.menu_message(words.print_failed.replace("{why}", &why)),
        }
    }

    fn poll_print(&mut self, ctx: &egui::Context) {
        if let Some((job, status)) = &mut self.print
            && *status == PrintStatus::Printing
        {
            *status = job.poll();
            if *status == PrintStatus::Printing {
                ctx.request_repaint_after(std::time::Duration::from_millis(200));
            } else {
                ctx.request_repaint();
            }
        }
    }
}
