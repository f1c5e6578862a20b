//! Presenter mode (`vein-kiosk --present`): the guide as slides for a talk. The audience sees
//! the slides in a window of their own; the presenter sees the current and next slide, the
//! speaker notes, the time, and the controls for cards, pictures and the animated valve.
//!
//! [`model`] is the presentation itself, pure and time-injected; [`timer`] counts the talk's
//! time; the eframe app that owns the two windows is in `app` and the drawing in
//! `crate::ui::present`.

pub mod app;
pub mod example;
pub mod fullscreen;
pub mod model;
pub mod timer;
pub mod words;

#[cfg(test)]
mod tests;

pub use model::{Command, Cover, Key, OVERVIEW_COLUMNS, Outcome, Presentation, SlideKind};
pub use timer::{Timer, TimerState, format_elapsed};
