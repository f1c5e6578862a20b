//! Waiting-room kiosk mode: the idle clock, the staff PIN pad, the usage counters and the state
//! that ties them together ([`Kiosk`]). Pure Rust with time passed in; the app wires them to
//! egui's input.

mod idle;
pub mod lock_state;
pub mod pin;
mod runtime;

pub use crate::usage::Usage;
pub use idle::{Idle, IdleClock};
pub use lock_state::{LockFile, LockFileError, LockState};
pub use pin::{PinError, PinPad, PinResult};
pub use runtime::{IdleEvent, Kiosk, STAFF_PRESS_SECONDS, Staff};
