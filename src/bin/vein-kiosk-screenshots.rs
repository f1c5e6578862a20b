//! `vein-kiosk-screenshots DIR [--low-vision]`: every screen in every language as PNG, at
//! 1920x1080 and 1080x1920 (with `--low-vision` also at 200% text and in high contrast), without
//! a display (wgpu on whatever adapter is present; Mesa's CPU drivers are
//! enough).
//!
//! A program of its own, not a command of `vein-kiosk`: the renderer and test harness it needs
//! (wgpu, egui_kittest) would otherwise be linked into the kiosk on the wall, which never uses
//! them (measured: a 25.6 MB kiosk binary instead of 32.2 MB, about 0.5 MB less memory at start).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use vein_kiosk::content::{Content, ContentSource};

/// Render every screen in every language to PNG at 1920x1080 and 1080x1920; no display needed.
#[derive(Parser)]
#[command(name = "vein-kiosk-screenshots", version, about)]
struct Cli {
    /// Folder the PNG files go into.
    dir: PathBuf,
    /// Use a clinic's own content folder instead of the built-in content.
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
    /// Settings file to use instead of the content's settings.ron.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Also at 200% text, in high contrast, and both (file names `…-200-`, `…-contrast-`,
    /// `…-contrast-200-`): for a person to look at what a visitor with low vision sees.
    #[arg(long)]
    low_vision: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let source = cli
        .content
        .map_or(ContentSource::BuiltIn, ContentSource::Folder);
    let content = match Content::load_with_config(source, cli.config.as_deref()) {
        Ok(content) => content,
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            return ExitCode::FAILURE;
        }
    };
    let looks: &[vein_kiosk::screenshots::Look] = if cli.low_vision {
        &vein_kiosk::screenshots::LOW_VISION_LOOKS
    } else {
        &vein_kiosk::screenshots::DEFAULT_LOOK
    };
    match vein_kiosk::screenshots::render_all(&content, &cli.dir, looks) {
        Ok(files) => {
            println!("wrote {} screenshots to {}", files.len(), cli.dir.display());
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("vein-kiosk-screenshots: {why}");
            ExitCode::FAILURE
        }
    }
}
