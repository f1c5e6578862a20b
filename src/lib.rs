//! vein-kiosk: a touch-first patient-education kiosk about chronic venous insufficiency.
//!
//! Pure modules (`content`, `navigation`, `session`, `command`) hold every rule; `ui` draws a
//! [`ui::View`] and returns [`command::Command`]s; [`app::App`] ties them to eframe.

pub mod app;
pub mod bundle;
pub mod command;
pub mod content;
pub mod effects;
pub mod handoff;
pub mod handoff_folder;
pub mod handout;
pub mod job;
pub mod kiosk;
pub mod navigation;
pub mod outbox;
pub mod present;
pub mod print;
pub mod private_file;
#[cfg(feature = "screenshots")]
pub mod screenshots;
pub mod selfcheck;
pub mod session;
pub mod speech;
pub mod text;
pub mod theme;
pub mod ui;
pub mod usage;
pub mod valve;
pub mod zeroing;

/// When the process started (the first call, which `main` makes at once): for the start-up time
/// in the log.
pub fn started() -> std::time::Instant {
    static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *STARTED.get_or_init(std::time::Instant::now)
}
