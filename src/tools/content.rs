//! Tools for the content and its settings: `check`, `set-pin` and `voices`.

use std::path::PathBuf;
use std::process::ExitCode;

use vein_kiosk::content::{Content, ContentSource};

use super::{print_problems, source};

pub fn check(dir: Option<PathBuf>, config: Option<&std::path::Path>) -> ExitCode {
    let source = source(dir);
    let name = config.map_or_else(
        || source.display_path(""),
        |c| format!("{} with {}", source.display_path(""), c.display()),
    );
    match Content::load_with_config(source, config) {
        Ok(content) => {
            println!(
                "{name}: no problems ({} screens, {} languages)",
                content.flow.screens.len(),
                content.languages.len()
            );
            let settings_file = match (config, &content.source) {
                (Some(file), _) => Some(file.to_path_buf()),
                (None, ContentSource::Folder(dir)) => Some(dir.join("settings.ron")),
                (None, ContentSource::BuiltIn) => None,
            };
            let warnings = settings_file
                .iter()
                .flat_map(|f| vein_kiosk::content::settings_file_warnings(f, &content.settings))
                .chain(vein_kiosk::handoff_folder::warnings(&content.settings))
                .chain(vein_kiosk::handout::pdf::font_warnings(&content.settings));
            for warning in warnings {
                println!("warning: {warning}");
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems);
            eprintln!("{name}: {} problem(s)", problems.len());
            ExitCode::FAILURE
        }
    }
}

/// Writes the Argon2 hash of a PIN read from standard input into a settings file.
pub fn set_pin(config: Option<PathBuf>, content: Option<PathBuf>) -> ExitCode {
    let Some(file) = config.or_else(|| content.map(|d| d.join("settings.ron"))) else {
        eprintln!(
            "vein-kiosk set-pin: say which settings file to change: --config FILE or --content DIR"
        );
        return ExitCode::FAILURE;
    };
    eprintln!("Type the new staff PIN (4 to 8 digits) and press Enter:");
    let mut pin = String::new();
    if let Err(e) = std::io::stdin().read_line(&mut pin) {
        eprintln!("vein-kiosk set-pin: cannot read the PIN: {e}");
        return ExitCode::FAILURE;
    }
    match vein_kiosk::kiosk::pin::hash(pin.trim())
        .map_err(|e| e.to_string())
        .and_then(|hash| {
            vein_kiosk::content::write_pin_hash(&file, &hash).map_err(|e| e.to_string())
        }) {
        Ok(()) => {
            println!("The staff PIN is set in {}.", file.display());
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("vein-kiosk set-pin: {why}");
            ExitCode::FAILURE
        }
    }
}

/// Staff: the speech service's voices for each language, and whether settings.ron's are offered.
pub fn voices(content: Content) -> Result<(), String> {
    let offered = vein_kiosk::speech::service::voices()
        .map_err(|why| format!("read aloud does not work here: {why}"))?;
    let (report, problems) = vein_kiosk::speech::voice_report(&content, &offered);
    print!("{report}");
    match problems.is_empty() {
        true => Ok(()),
        false => Err(problems.join("; ")),
    }
}
