//! Printing through the system print service (CUPS `lp`, or the clinic's own command), off the UI
//! thread and with a time limit, so a printer that never answers cannot freeze the screen.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::content::Settings;

/// How long a print command may take before it is stopped and reported as failed.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);

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

/// A print running in the background.
#[derive(Debug)]
pub struct PrintJob {
    result: Receiver<Result<(), String>>,
    started: Instant,
    limit: Duration,
}

/// Where a print job stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintStatus {
    Printing,
    Done,
    Failed(String),
}

impl PrintJob {
    /// Prints `file` with the settings' command on a background thread. `file` is deleted when the
    /// command ends (it is a temporary copy made for printing), whatever the outcome.
    pub fn start(settings: &Settings, file: PathBuf, limit: Duration) -> Self {
        let settings = settings.clone();
        Self::spawn(limit, move || print_file(&settings, &file, limit))
    }

    /// Runs `work` on a background thread. If it has not finished a moment after `limit`, it is
    /// reported as failed (a thread stuck on a dead network share cannot be stopped, but the
    /// screen need not wait for it).
    pub fn spawn(
        limit: Duration,
        work: impl FnOnce() -> Result<(), String> + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(work()); // The screen may have moved on; nobody needs the answer then.
        });
        Self {
            result: rx,
            started: Instant::now(),
            limit,
        }
    }

    /// The job's status now; never blocks.
    pub fn poll(&mut self) -> PrintStatus {
        match self.result.try_recv() {
            Ok(Ok(())) => PrintStatus::Done,
            Ok(Err(why)) => PrintStatus::Failed(why),
            Err(TryRecvError::Empty)
                if self.started.elapsed() > self.limit + Duration::from_secs(2) =>
            {
                PrintStatus::Failed(format!("no answer within {} seconds", self.limit.as_secs()))
            }
            Err(TryRecvError::Empty) => PrintStatus::Printing,
            Err(TryRecvError::Disconnected) => PrintStatus::Failed("the print job stopped".into()),
        }
    }
}

/// Prints `file` with the settings' command, waiting at most `limit`, then deletes `file` (a
/// temporary copy made for printing) whatever the outcome. Blocks: call it off the UI thread.
pub fn print_file(settings: &Settings, file: &Path, limit: Duration) -> Result<(), String> {
    let (program, args) = command_for(settings, file);
    let result = run(&program, &args, limit);
    let _ = std::fs::remove_file(file); // A leftover temp file is not worth failing a print for.
    result
}

fn run(program: &str, args: &[String], limit: Duration) -> Result<(), String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let mut err = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
                }
                let err = err.lines().next().unwrap_or("").trim().to_owned();
                return Err(format!(
                    "{program} failed ({status}){}",
                    if err.is_empty() {
                        String::new()
                    } else {
                        format!(": {err}")
                    }
                ));
            }
            Ok(None) if started.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "the printer did not answer within {} seconds",
                    limit.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(e.to_string()),
        }
    }
}

/// Writes `text` to a new temporary file for printing.
pub fn temp_file(name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let path = std::env::temp_dir().join(format!("vein-kiosk-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
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

    fn wait(job: &mut PrintJob) -> PrintStatus {
        let start = Instant::now();
        loop {
            match job.poll() {
                PrintStatus::Printing if start.elapsed() < Duration::from_secs(10) => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                other => return other,
            }
        }
    }

    #[test]
    fn work_that_never_ends_is_reported_after_the_limit() {
        let mut job = PrintJob::spawn(Duration::ZERO, || {
            std::thread::sleep(Duration::from_secs(60));
            Ok(())
        });
        assert_eq!(job.poll(), PrintStatus::Printing);
        std::thread::sleep(Duration::from_millis(2100));
        assert!(matches!(job.poll(), PrintStatus::Failed(why) if why.contains("no answer")));
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
    fn a_stand_in_printer_that_succeeds_fails_or_hangs() {
        let file = temp_file("ok.txt", b"test").unwrap();
        assert_eq!(
            wait(&mut PrintJob::start(
                &settings(&["true"]),
                file.clone(),
                TIME_LIMIT
            )),
            PrintStatus::Done
        );
        assert!(
            !file.exists(),
            "the temporary file is deleted after printing"
        );

        let file = temp_file("fail.txt", b"test").unwrap();
        let failed = wait(&mut PrintJob::start(
            &settings(&["sh", "-c", "echo no printer >&2; exit 3", "lp"]),
            file,
            TIME_LIMIT,
        ));
        assert!(
            matches!(&failed, PrintStatus::Failed(why) if why.contains("no printer")),
            "{failed:?}"
        );

        let file = temp_file("hang.txt", b"test").unwrap();
        let hung = wait(&mut PrintJob::start(
            &settings(&["sh", "-c", "sleep 30", "lp"]),
            file.clone(),
            Duration::from_millis(300),
        ));
        assert!(
            matches!(&hung, PrintStatus::Failed(why) if why.contains("did not answer")),
            "{hung:?}"
        );
        assert!(!file.exists());

        let file = temp_file("missing.txt", b"test").unwrap();
        let missing = wait(&mut PrintJob::start(
            &settings(&["/nonexistent/lp"]),
            file,
            TIME_LIMIT,
        ));
        assert!(
            matches!(&missing, PrintStatus::Failed(why) if why.contains("could not start")),
            "{missing:?}"
        );
    }
}
