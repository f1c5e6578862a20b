//! Waiting-room kiosk mode: the idle clock, the staff PIN pad and the usage counters. Pure Rust
//! with time passed in; the app wires them to the screen.

mod idle;
pub mod pin;
mod usage;

pub use idle::{Idle, IdleClock};
pub use pin::{PinPad, PinResult};
pub use usage::Usage;
