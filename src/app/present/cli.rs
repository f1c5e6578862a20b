//! The command-line entry of presenter mode (`vein-kiosk --present`): load the content, open
//! the windows, run the talk.

use std::path::PathBuf;
use std::process::ExitCode;

use egui::ViewportBuilder;

use super::PresentApp;
use crate::content::{Content, Problem};
use crate::present::words::words;

/// `vein-kiosk --present`: loads the content (a clinic's folder that fails `check` falls back
/// to the built-in content, as the kiosk does) and runs the talk until a window closes.
pub fn run(
    dir: Option<PathBuf>,
    config: Option<PathBuf>,
    language: Option<String>,
    audience_monitor: Option<usize>,
) -> ExitCode {
    let (content, skipped) = match Content::load_or_built_in(dir, config.as_deref()) {
        Ok(loaded) => loaded,
        Err(problems) => {
            eprintln!("vein-kiosk: the built-in content is broken (a build defect):");
            report(&problems);
            return ExitCode::FAILURE;
        }
    };
    if !skipped.is_empty() {
        report(&skipped);
        log::warn!("the clinic's content could not be used; presenting the built-in content");
    }
    if let Err(why) = content.language_named(language.as_deref()) {
        eprintln!("vein-kiosk: {why}");
        return ExitCode::FAILURE;
    }
    let code = language.unwrap_or_else(|| content.settings.default_language.clone());
    let options = eframe::NativeOptions {
        viewport: ViewportBuilder::default()
            .with_title(words(&content, &code).presenter_title.clone())
            .with_app_id("vein-kiosk-presenter")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 480.0]),
        renderer: eframe::Renderer::Glow,
        persist_window: false,
        ..Default::default()
    };
    let app = PresentApp::new(content, Some(&code)).audience_monitor(audience_monitor);
    match eframe::run_native(
        "vein-kiosk-present",
        options,
        Box::new(move |_cc| Ok(Box::new(app))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            log::error!("could not open the windows: {e}");
            ExitCode::FAILURE
        }
    }
}

fn report(problems: &[Problem]) {
    for problem in problems {
        log::warn!("{problem}");
    }
}
