//! The kiosk's tests that can share one process, in one test binary: each file below was a test
//! binary of its own, and each linked the whole GUI, PDF and rendering stack again (some 100 MB
//! and a link step apiece), which outgrew a CI machine's disk. Tests that change the process
//! itself stay in binaries of their own: `tests/memory.rs` (a global allocator), `tests/disk.rs`
//! (HOME, TMPDIR and the working folder) and `tests/speech_service.rs` (SPEECHD_ADDRESS).
//!
//! Run one part with its module name as the filter, e.g. `cargo test --test app soak::`.

#[path = "../common/mod.rs"]
mod common;

mod a11y;
mod a11y_contrast;
mod bundle;
mod bundle_cli;
mod bundle_fuzz;
mod bundle_kiosk;
mod cli;
mod controls;
mod fhir;
mod fhir_server;
mod flow;
mod fuzz;
mod handoff;
mod handoff_folder;
mod hostile;
mod kiosk;
mod layers;
mod layout;
mod outbox_cli;
mod overlays;
mod pdf;
mod picture_memory;
mod pictured;
mod pin_lock;
mod present;
mod present_fullscreen;
mod print_send;
mod promises;
mod read_aloud;
mod reading_level;
mod selfcheck_flow;
mod selfcheck_properties;
mod session_properties;
mod snapshots;
mod soak;
mod teaching;
mod tmpfs;
mod validation;
mod voices;
mod wipe;
