//! Printing through the system print service (CUPS `lp`, or the clinic's own command), off the UI
//! thread and with a time limit, so a printer that never answers cannot freeze the screen.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempPath;

use crate::content::Settings;

/// The command that prints `file`: the clinic's `print_command` with the file added, or
/// `lp [-d printer] file`.
pub fn command_for(settings: &Settings, file: &Path) -> (String, Vec<String>) {
    let file = file.display().to_string();
    if let Some(cmd) = settings.print_command.as_ref().filter(|c| !c.is_empty()) {
        let mut args = cmd[1..].to_vec();
        args.push(file);
        return (cmd[0].clone(), args);
    }
    let mut args = Vec::new();
    if let Some(printer) = &settings.printer {
        args.extend(["-d".to_owned(), printer.clone()]);
    }
    args.push(file);
    ("lp".to_owned(), args)
}

/// Why printing failed, in words for staff (the patient is told plainly on screen).
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The print command could not be started (not installed, not executable).
    #[error("could not start {program}: {source}")]
    Start {
        program: String,
        source: std::io::Error,
    },
    /// The print command ended with an error; `message` is the first line it wrote, if any.
    #[error("{program} failed ({status}){}", if message.is_empty() { String::new() } else { format!(": {message}") })]
    Failed {
        program: String,
        status: std::process::ExitStatus,
        message: String,
    },
    /// The print command did not end in time and was stopped.
    #[error("the printer did not answer within {seconds} seconds")]
    NoAnswer { seconds: u64 },
    /// Waiting for the print command failed.
    #[error("could not wait for {program}: {source}")]
    Wait {
        program: String,
        source: std::io::Error,
    },
    /// The temporary file to print could not be made.
    #[error("cannot make a temporary file to print: {0}")]
    TempFile(std::io::Error),
}

/// Prints `file` with the settings' command, waiting at most `limit`. Blocks: call it off the
/// UI thread.
pub fn print_file(settings: &Settings, file: &Path, limit: Duration) -> Result<(), PrintError> {
    let (program, args) = command_for(settings, file);
    run(&program, &args, limit)
}

fn run(program: &str, args: &[String], limit: Duration) -> Result<(), PrintError> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| PrintError::Start {
            program: program.to_owned(),
            source,
        })?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let mut err = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    // What it said is a courtesy to staff; its exit status is the failure.
                    std::io::Read::read_to_string(&mut stderr, &mut err).ok();
                }
                return Err(PrintError::Failed {
                    program: program.to_owned(),
                    status,
                    message: err.lines().next().unwrap_or("").trim().to_owned(),
                });
            }
            Ok(None) if started.elapsed() >= limit => {
                // Stopping a command that hangs: if it already ended, there is nothing to stop.
                child.kill().ok();
                child.wait().ok();
                return Err(PrintError::NoAnswer {
                    seconds: limit.as_secs(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(source) => {
                return Err(PrintError::Wait {
                    program: program.to_owned(),
                    source,
                });
            }
        }
    }
}

/// Writes `bytes` to a new temporary file for printing: a fresh name created exclusively
/// (readable by this user only), deleted when the returned path is dropped.
pub fn temp_file(name: &str, bytes: &[u8]) -> Result<TempPath, PrintError> {
    let mut file = tempfile::Builder::new()
        .prefix("vein-kiosk-")
        .suffix(&format!("-{name}"))
        .tempfile()
        .map_err(PrintError::TempFile)?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(PrintError::TempFile)?;
    Ok(file.into_temp_path())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn settings(cmd: &[&str]) -> Settings {
        let mut s = crate::content::Content::built_in()
            .expect("content")
            .settings;
        s.print_command = Some(cmd.iter().map(|s| (*s).to_owned()).collect());
        s
    }

    #[test]
    fn lp_gets_the_printer_and_the_file() {
        let mut s = settings(&[]);
        s.print_command = None;
        s.printer = Some("front-desk".into());
        let (program, args) = command_for(&s, Path::new("/tmp/x.pdf"));
        assert_eq!(program, "lp");
        assert_eq!(args, ["-d", "front-desk", "/tmp/x.pdf"]);
    }

    #[test]
    fn temporary_files_are_unique_private_and_removed() {
        use std::os::unix::fs::PermissionsExt as _;
        let a = temp_file("answers.pdf", b"one").unwrap();
        let b = temp_file("answers.pdf", b"two").unwrap();
        assert_ne!(a.to_path_buf(), b.to_path_buf());
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        let mode = std::fs::metadata(&a).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "nobody else may read it: {mode:o}");
        let path = a.to_path_buf();
        drop(a);
        assert!(!path.exists());
    }

    #[test]
    fn a_stand_in_printer_that_succeeds_fails_or_hangs() {
        let file = temp_file("ok.txt", b"test").unwrap();
        assert!(print_file(&settings(&["true"]), &file, Duration::from_secs(20)).is_ok());
        let failed = print_file(
            &settings(&["sh", "-c", "echo no printer >&2; exit 3", "lp"]),
            &file,
            Duration::from_secs(20),
        );
        assert!(
            matches!(&failed, Err(PrintError::Failed { message, .. }) if message == "no printer"),
            "{failed:?}"
        );
        let hung = print_file(
            &settings(&["sh", "-c", "sleep 30", "lp"]),
            &file,
            Duration::from_millis(300),
        );
        assert!(
            matches!(&hung, Err(PrintError::NoAnswer { seconds: 0 })),
            "{hung:?}"
        );
        let missing = print_file(
            &settings(&["/nonexistent/lp"]),
            &file,
            Duration::from_secs(20),
        );
        assert!(
            matches!(&missing, Err(PrintError::Start { .. })),
            "{missing:?}"
        );
    }
}
