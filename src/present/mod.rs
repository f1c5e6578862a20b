//! Presenter mode (`vein-kiosk --present`): the guide as slides for a talk. The audience sees
//! the slides in a window of their own; the presenter sees the current and next slide, the
//! speaker notes, the time, and the controls for cards, pictures and the animated valve.
//!
//! [`model`] is the presentation itself, pure and time-injected; [`timer`] counts the talk's
//! time; [`words`] reaches the presenter's words in the language files. The drawing is in
//! `crate::ui::present` and the eframe app that owns the two windows in `crate::app::present`,
//! both above this pure model (as `session` sits below the kiosk's UI).

pub mod example;
pub mod model;
pub mod timer;
pub mod words;

#[cfg(test)]
mod tests;

pub use model::{Command, Cover, Key, OVERVIEW_COLUMNS, Outcome, Presentation, SlideKind};
pub use timer::{Timer, TimerState, format_elapsed};
