//! The `vein-kiosk` program's staff and editor tools (`main.rs` parses the command line and
//! runs the kiosk): what they share here, and one file per kind of tool.

mod answers;
mod bundle;
mod content;
mod server;

use std::path::PathBuf;
use std::process::ExitCode;

use vein_kiosk::content::{Content, ContentSource, Problem};

pub use answers::{decode, fhir_questionnaire, handout};
pub use bundle::bundle_tool;
pub use content::{check, set_pin, voices};
pub use server::{fhir_tool, jwks};

/// Writes `bytes` to `path` privately, as the kiosk's hand-off does (see
/// [`vein_kiosk::private_file::write`]), and says so.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    vein_kiosk::private_file::write(path, bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

pub fn source(dir: Option<PathBuf>) -> ContentSource {
    dir.map_or(ContentSource::BuiltIn, ContentSource::Folder)
}

pub fn print_problems(problems: &[Problem]) {
    for problem in problems {
        eprintln!("{problem}");
    }
}

/// Runs a staff or editor tool on the content of `dir` (or the built-in content) with the
/// settings of `config` when given, as the kiosk itself would read them.
pub fn with_content(
    (dir, config): (Option<PathBuf>, Option<&std::path::Path>),
    tool: impl FnOnce(Content) -> Result<(), String>,
) -> ExitCode {
    match Content::load_with_config(source(dir), config) {
        Err(problems) => {
            print_problems(&problems);
            ExitCode::FAILURE
        }
        Ok(content) => match tool(content) {
            Ok(()) => ExitCode::SUCCESS,
            Err(why) => {
                eprintln!("vein-kiosk: {why}");
                ExitCode::FAILURE
            }
        },
    }
}
