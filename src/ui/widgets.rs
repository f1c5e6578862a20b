//! Touch-sized controls, drawn by hand so that every one shows a pressed state the moment a finger
//! lands, needs no hover, and tells screen readers what it is.

mod buttons;
mod icons;
mod text;

pub use super::reading::{keep_in_view, marked, set_reading};
pub use buttons::{
    Look, NavSize, Progress, big_button, focus_ring, nav_button, picture_card, progress_segment,
};
pub use icons::{Icon, access_button};
pub use text::{
    callout, callout_frame, heading, heading_id, list, list_item, live_region, on_plate, paragraph,
};
