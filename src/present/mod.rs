//! Presenter mode (`vein-kiosk --present`): the guide as slides for a talk. The audience sees
//! the slides in a window of their own; the presenter sees the current and next slide, the
//! speaker notes, the time, and the controls for cards, pictures and the animated valve.
//!
//! [`model`] is the presentation itself, pure and time-injected: the audience's slide is a
//! [`crate::session::Session`] as on the kiosk, and what covers or opens over it is one
//! [`Audience`] value. [`command`] is what the presenter asks for: a kiosk [`crate::command::Visit`]
//! where it means the same, a [`Talk`] where it is the talk's own; [`keys`] maps the keyboard and
//! a clicker to those commands; [`timer`] counts the talk's time; [`words`] reaches the presenter's words in the language files. The drawing is in
//! `crate::ui::present` and the eframe app that owns the two windows in `crate::app::present`,
//! both above this pure model (as `session` sits below the kiosk's UI).

pub mod audience;
pub mod command;
pub mod example;
pub mod keys;
pub mod model;
pub mod timer;
pub mod words;

#[cfg(test)]
mod tests;

pub use audience::{Audience, Shade, Showing};
pub use command::{Command, Outcome, Talk};
pub use keys::Key;
pub use model::{OVERVIEW_COLUMNS, Presentation, SlideKind};
pub use timer::{Timer, TimerState, format_elapsed};
