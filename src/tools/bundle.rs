//! Tools for signed content bundles: `bundle publish` and `bundle verify`.

use std::process::ExitCode;

use super::print_problems;
use crate::BundleTool;

/// `publish` and `verify`: signed content bundles for a clinic group.
pub fn bundle_tool(tool: BundleTool, config: Option<&std::path::Path>) -> ExitCode {
    match tool {
        BundleTool::Publish {
            content_dir,
            out_dir,
            version,
            expires,
            secret_key,
        } => report(vein_kiosk::bundle::tools::publish_tool(
            &content_dir,
            &out_dir,
            version,
            expires.as_deref(),
            &secret_key,
            config,
        )),
        BundleTool::Verify { source } => match config {
            Some(config) => report(vein_kiosk::bundle::tools::verify_tool(&source, config)),
            None => {
                eprintln!("vein-kiosk verify: say which kiosk's settings to use: --config FILE");
                ExitCode::FAILURE
            }
        },
    }
}

/// Prints a tool's report, or every reason it gives for refusing (each content problem on its
/// own line, naming file, line and field).
fn report(result: Result<String, vein_kiosk::bundle::BundleError>) -> ExitCode {
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(vein_kiosk::bundle::BundleError::Content(problems)) => {
            print_problems(&problems);
            eprintln!("refused: the content has {} problem(s)", problems.len());
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("refused: {e}");
            ExitCode::FAILURE
        }
    }
}
