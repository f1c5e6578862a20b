//! The SSIP connection against a stand-in service on a real Unix socket, doing what a real
//! Speech Dispatcher does only on a bad day: answering slowly, putting notices between the lines
//! of an answer, sending a line that never ends or an answer that never ends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead as _, BufReader, Write as _};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::*;

/// A stand-in service that runs `script` on the first connection; returns its socket and what
/// the script returns (the lines it read, say).
fn serve<T: Send + 'static>(
    script: impl FnOnce(BufReader<UnixStream>, UnixStream) -> T + Send + 'static,
) -> (tempfile::TempDir, PathBuf, JoinHandle<T>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("speechd.sock");
    let listener = UnixListener::bind(&path).unwrap();
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let reader = BufReader::new(stream.try_clone().unwrap());
        script(reader, stream)
    });
    (dir, path, handle)
}

fn read_line(reader: &mut BufReader<UnixStream>) -> String {
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    line.trim_end().to_owned()
}

#[test]
fn a_slow_voice_list_with_notices_between_its_lines_is_read_whole_on_one_connection() {
    let (_dir, path, server) = serve(|mut reader, mut out| {
        assert_eq!(read_line(&mut reader), "LIST SYNTHESIS_VOICES");
        // The first line comes late (103 ms was measured with espeak-ng; 100 ms was the limit).
        std::thread::sleep(Duration::from_millis(300));
        for chunk in 0..5 {
            let mut text = String::new();
            for i in 0..100 {
                text.push_str(&format!("249-voice{chunk}-{i}\ten-US\tnone\r\n"));
            }
            if chunk == 2 {
                // A notice about a message, between two lines of the answer.
                text.push_str("701-17\r\n701-3\r\n701 BEGIN\r\n");
            }
            out.write_all(text.as_bytes()).unwrap();
            std::thread::sleep(Duration::from_millis(150));
        }
        out.write_all(b"249 OK VOICE LIST SENT\r\n").unwrap();
        std::thread::sleep(Duration::from_millis(100));
    });
    let mut c = Connection::open(&path).unwrap();
    let voices = c.voices().expect("the whole list");
    assert_eq!(voices.len(), 500);
    assert_eq!(voices[0], ("voice0-0".to_owned(), "en-US".to_owned()));
    assert!(voices.iter().all(|(name, _)| name.starts_with("voice")));
    let notice = c.notice(Duration::ZERO).unwrap();
    assert_eq!(
        notice,
        Some(Notice {
            kind: NoticeKind::Begin,
            message: Some(17)
        }),
        "the notice was set aside, not lost"
    );
    server.join().unwrap();
}

#[test]
fn a_line_that_never_ends_is_refused_without_growing() {
    let (_dir, path, server) = serve(|mut reader, mut out| {
        assert_eq!(read_line(&mut reader), "LIST SYNTHESIS_VOICES");
        out.write_all(b"249-").unwrap();
        let block = vec![b'x'; 64 * 1024];
        let started = Instant::now();
        // Until the kiosk hangs up (or 10 s: then it never did).
        while started.elapsed() < Duration::from_secs(10) {
            if out.write_all(&block).is_err() {
                return true;
            }
        }
        false
    });
    let mut c = Connection::open(&path).unwrap();
    let started = Instant::now();
    let result = c.voices();
    assert!(matches!(result, Err(SsipError::LineTooLong)), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(c.buffered() < 4 * MAX_LINE, "held {} bytes", c.buffered());
    drop(c);
    assert!(server.join().unwrap(), "the connection was dropped");
}

#[test]
fn an_answer_that_stops_halfway_times_out_after_two_seconds() {
    let (_dir, path, server) = serve(|mut reader, mut out| {
        assert_eq!(read_line(&mut reader), "LIST SYNTHESIS_VOICES");
        out.write_all(b"249-one\ten\tnone\r\n249-tw").unwrap();
        std::thread::sleep(Duration::from_secs(4));
    });
    let mut c = Connection::open(&path).unwrap();
    let started = Instant::now();
    let result = c.voices();
    assert!(
        matches!(result, Err(SsipError::TimedOut(t)) if t == LINE_WITHIN),
        "{result:?}"
    );
    let waited = started.elapsed();
    assert!(
        waited >= LINE_WITHIN && waited < LINE_WITHIN * 2,
        "{waited:?}"
    );
    drop(c);
    server.join().unwrap();
}

#[test]
fn an_answer_that_never_ends_is_refused() {
    let (_dir, path, server) = serve(|mut reader, mut out| {
        assert_eq!(read_line(&mut reader), "LIST SYNTHESIS_VOICES");
        let block = "249-v\ten\tnone\r\n".repeat(1000);
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if out.write_all(block.as_bytes()).is_err() {
                return;
            }
        }
    });
    let mut c = Connection::open(&path).unwrap();
    let result = c.voices();
    assert!(
        matches!(
            result,
            Err(SsipError::ReplyTooLong | SsipError::TimedOut(REPLY_WITHIN))
        ),
        "{result:?}"
    );
    drop(c);
    server.join().unwrap();
}

#[test]
fn sentences_are_escaped_and_line_breaks_never_reach_the_service() {
    let (_dir, path, server) = serve(|mut reader, mut out| {
        let mut got = Vec::new();
        assert_eq!(read_line(&mut reader), "SPEAK");
        out.write_all(b"230 OK RECEIVING DATA\r\n").unwrap();
        got.push(read_line(&mut reader));
        got.push(read_line(&mut reader));
        out.write_all(b"702-3\r\n702-1\r\n702 END\r\n225-42\r\n225 OK MESSAGE QUEUED\r\n")
            .unwrap();
        got.push(read_line(&mut reader));
        got
    });
    let mut c = Connection::open(&path).unwrap();
    assert_eq!(c.speak(".hidden\nQUIT").unwrap(), 42);
    assert!(matches!(
        c.command("SET self SYNTHESIS_VOICE a\r\nQUIT", 209),
        Err(SsipError::LineBreak)
    ));
    c.command("CANCEL self", 213).ok();
    let got = server.join().unwrap();
    assert_eq!(got, ["..hidden QUIT", ".", "CANCEL self"]);
}
