//! `vein-kiosk voices` against stand-in speech services on a real Unix socket, doing what the real
//! one does on a bad day and what no real one should: a long list whose first line comes late
//! (espeak-ng's 13,363 voices: 103 ms), notices between its lines, a line that never ends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead as _, BufReader, Write as _};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A stand-in service answering what the kiosk asks when it connects, with `voices` answering
/// the voice list. Returns its folder, its socket and how many connections it took.
fn stand_in(voices: fn(&mut UnixStream)) -> (tempfile::TempDir, PathBuf, Arc<AtomicUsize>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("speechd.sock");
    let listener = UnixListener::bind(&path).unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&connections);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            counted.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                    let answer: &[u8] = match line.trim_end() {
                        l if l.starts_with("SET self CLIENT_NAME") => b"208 OK CLIENT NAME SET\r\n",
                        l if l.starts_with("SET self NOTIFICATION") => {
                            b"220 OK NOTIFICATION SET\r\n"
                        }
                        "LIST SYNTHESIS_VOICES" => {
                            voices(&mut stream);
                            b""
                        }
                        "QUIT" => b"231 HAPPY HACKING\r\n",
                        _ => b"300 ERR UNKNOWN\r\n",
                    };
                    if stream.write_all(answer).is_err() {
                        return;
                    }
                    line.clear();
                }
            });
        }
    });
    (dir, path, connections)
}

/// `vein-kiosk voices` with the stand-in as its speech service.
fn voices_command(socket: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vein-kiosk"));
    command
        .arg("voices")
        .env(
            "SPEECHD_ADDRESS",
            format!("unix_socket:{}", socket.display()),
        )
        .env("RUST_LOG", "info");
    command
}

#[test]
fn a_long_list_that_starts_late_with_notices_between_its_lines_is_read_on_one_connection() {
    let (_dir, socket, connections) = stand_in(|out| {
        std::thread::sleep(Duration::from_millis(250));
        for chunk in 0..10 {
            let mut text = String::new();
            for i in 0..300 {
                let lang = if i % 2 == 0 { "en-US" } else { "es" };
                text.push_str(&format!("249-voice-{chunk}-{i}\t{lang}\tnone\r\n"));
            }
            if chunk % 3 == 1 {
                text.push_str("701-9\r\n701-1\r\n701 BEGIN\r\n702-9\r\n702-1\r\n702 END\r\n");
            }
            if out.write_all(text.as_bytes()).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(120));
        }
        out.write_all(b"249 OK VOICE LIST SENT\r\n").ok();
    });
    let out = voices_command(&socket).output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(report.contains("en (English): 1500 voice(s)"), "{report}");
    assert!(report.contains("es (Español): 1500 voice(s)"), "{report}");
    assert_eq!(
        connections.load(Ordering::SeqCst),
        1,
        "no reconnecting: {log}"
    );
}

/// The most memory (resident, in KiB) the process `pid` had, as the kernel counts it.
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn a_line_that_never_ends_is_refused_at_4_kib_and_the_tool_stays_small() {
    let (_dir, socket, _connections) = stand_in(|out| {
        out.write_all(b"249-").ok();
        let block = vec![b'x'; 64 * 1024];
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if out.write_all(&block).is_err() {
                return;
            }
        }
    });
    let started = Instant::now();
    let mut child = voices_command(&socket)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut peak = 0;
    let status = loop {
        peak = peak.max(peak_kib(child.id()));
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "still reading after 15 s ({peak} KiB)"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut log = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut log).unwrap();
    assert!(!status.success());
    assert!(log.contains("longer than 4096 bytes"), "{log}");
    println!("refused in {:?}, peak {peak} KiB", started.elapsed());
    assert!(peak < 300 * 1024, "grew to {peak} KiB");
}
