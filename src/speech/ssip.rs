//! Speech Dispatcher's protocol (SSIP) over its Unix socket: as much of it as read aloud uses,
//! read with limits a misbehaving service cannot get past.
//!
//! - A line from the service is at most [`MAX_LINE`] bytes: a longer one (or one that never ends)
//!   is an error and the connection is dropped; what is kept while a line arrives never grows
//!   past that.
//! - Each line of an answer must come within [`LINE_WITHIN`] of the one before, and a whole answer
//!   within [`REPLY_WITHIN`] and [`MAX_REPLY_LINES`] lines (the espeak-ng module's 13,363 voices
//!   come in well under that; their first line took 103 ms, so a short limit is not enough).
//! - Notices about messages (codes 700-799: begun, ended, cancelled) may come at any time, even
//!   between the lines of an answer: they are set aside for [`Connection::notice`], never taken
//!   for the answer and never a reason to reconnect.
//! - What the kiosk sends is one line per command and per sentence: a line break in it is refused
//!   (a voice name cannot smuggle in a command), and a sentence starting with a dot is escaped.

use std::collections::VecDeque;
use std::io::{Read as _, Write as _};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

/// The longest line taken from the service, in bytes.
pub const MAX_LINE: usize = 4096;
/// The longest wait for the next line of an answer.
pub const LINE_WITHIN: Duration = Duration::from_secs(2);
/// The longest wait for a whole answer.
pub const REPLY_WITHIN: Duration = Duration::from_secs(10);
/// The most lines one answer may have.
pub const MAX_REPLY_LINES: usize = 100_000;
/// The most lines one notice may have (an index mark has three).
const MAX_NOTICE_LINES: usize = 8;

/// Why talking to the service failed. After any of these the connection is not to be used again.
#[derive(Debug, thiserror::Error)]
pub enum SsipError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("no answer within {0:?}")]
    TimedOut(Duration),
    #[error("the service sent a line longer than {MAX_LINE} bytes")]
    LineTooLong,
    #[error("the service sent an answer longer than {MAX_REPLY_LINES} lines")]
    ReplyTooLong,
    #[error("the service closed the connection")]
    Closed,
    #[error("the service sent something that is not SSIP: {0:?}")]
    Malformed(String),
    #[error("the service answered \"{code} {text}\" (expected {expected})")]
    Refused {
        code: u16,
        text: String,
        expected: u16,
    },
    #[error("refused to send a line break to the service")]
    LineBreak,
}

/// An answer: its code, the words of its last line, and the lines before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub code: u16,
    pub text: String,
    pub lines: Vec<String>,
}

/// What a notice says about a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Begin,
    End,
    Cancel,
    /// Paused, resumed, an index mark: nothing read aloud follows.
    Other,
}

/// A notice about a message: what happened, and the service's number for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub message: Option<u32>,
}

/// One connection to the service.
#[derive(Debug)]
pub struct Connection {
    stream: UnixStream,
    /// Bytes read that do not yet make a whole line: never more than [`MAX_LINE`] plus one read.
    pending: Vec<u8>,
    /// Notices that came while waiting for an answer.
    notices: VecDeque<Notice>,
    /// The lines of a notice still arriving.
    notice_lines: Vec<String>,
}

/// Codes 700 to 799 are notices about messages, which may arrive between the lines of an answer.
pub fn is_notice(code: u16) -> bool {
    (700..800).contains(&code)
}

/// A line's code, whether it is the last of its answer, and its words.
fn parse(line: &str) -> Result<(u16, bool, &str), SsipError> {
    let malformed = || SsipError::Malformed(line.chars().take(80).collect());
    let (Some(code), Some(mark)) = (line.get(..3), line.get(3..4)) else {
        return Err(malformed());
    };
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed());
    }
    let code: u16 = code.parse().map_err(|_| malformed())?;
    let text = line.get(4..).unwrap_or_default();
    match mark {
        " " => Ok((code, true, text)),
        "-" => Ok((code, false, text)),
        _ => Err(malformed()),
    }
}

impl Connection {
    /// Connects to the service's socket.
    pub fn open(path: &Path) -> std::io::Result<Self> {
        let stream = UnixStream::connect(path)?;
        stream.set_write_timeout(Some(LINE_WITHIN))?;
        Ok(Self {
            stream,
            pending: Vec::new(),
            notices: VecDeque::new(),
            notice_lines: Vec::new(),
        })
    }

    /// The next whole line, or `None` when none came before `until`.
    fn line(&mut self, until: Instant) -> Result<Option<String>, SsipError> {
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                if end > MAX_LINE {
                    return Err(SsipError::LineTooLong);
                }
                let raw: Vec<u8> = self.pending.drain(..=end).collect();
                let text = String::from_utf8_lossy(&raw);
                return Ok(Some(text.trim_end_matches(['\r', '\n']).to_owned()));
            }
            if self.pending.len() > MAX_LINE {
                return Err(SsipError::LineTooLong);
            }
            let now = Instant::now();
            if now >= until {
                return Ok(None);
            }
            let wait = (until - now).max(Duration::from_millis(1));
            self.stream.set_read_timeout(Some(wait))?;
            let mut chunk = [0_u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return Err(SsipError::Closed),
                Ok(n) => self.pending.extend_from_slice(&chunk[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock
                            | std::io::ErrorKind::TimedOut
                            | std::io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Takes in one line of a notice; a whole notice goes to the queue.
    fn notice_line(&mut self, code: u16, last: bool, text: &str) -> Result<(), SsipError> {
        if !last {
            if self.notice_lines.len() >= MAX_NOTICE_LINES {
                return Err(SsipError::Malformed(format!("a notice of {code} too long")));
            }
            self.notice_lines.push(text.to_owned());
            return Ok(());
        }
        let lines = std::mem::take(&mut self.notice_lines);
        let kind = match code {
            701 => NoticeKind::Begin,
            702 => NoticeKind::End,
            703 => NoticeKind::Cancel,
            _ => NoticeKind::Other,
        };
        let message = lines.first().and_then(|m| m.trim().parse().ok());
        self.notices.push_back(Notice { kind, message });
        Ok(())
    }

    /// Reads an answer, setting notices aside.
    fn reply(&mut self) -> Result<Reply, SsipError> {
        let started = Instant::now();
        let mut lines = Vec::new();
        loop {
            let until = (Instant::now() + LINE_WITHIN).min(started + REPLY_WITHIN);
            let Some(line) = self.line(until)? else {
                let waited = if Instant::now() >= started + REPLY_WITHIN {
                    REPLY_WITHIN
                } else {
                    LINE_WITHIN
                };
                return Err(SsipError::TimedOut(waited));
            };
            let (code, last, text) = parse(&line)?;
            if is_notice(code) {
                self.notice_line(code, last, text)?;
            } else if last {
                return Ok(Reply {
                    code,
                    text: text.to_owned(),
                    lines,
                });
            } else if lines.len() >= MAX_REPLY_LINES {
                return Err(SsipError::ReplyTooLong);
            } else {
                lines.push(text.to_owned());
            }
        }
    }

    fn send(&mut self, line: &str) -> Result<(), SsipError> {
        if line.contains(['\r', '\n']) {
            return Err(SsipError::LineBreak);
        }
        self.stream.write_all(format!("{line}\r\n").as_bytes())?;
        Ok(())
    }

    /// Sends a command and waits for its answer, which must have code `expected`.
    pub fn command(&mut self, line: &str, expected: u16) -> Result<Reply, SsipError> {
        self.send(line)?;
        self.expect(expected)
    }

    fn expect(&mut self, expected: u16) -> Result<Reply, SsipError> {
        let reply = self.reply()?;
        if reply.code == expected {
            Ok(reply)
        } else {
            Err(SsipError::Refused {
                code: reply.code,
                text: reply.text,
                expected,
            })
        }
    }

    /// Says one line of text; returns the service's number for the message.
    pub fn speak(&mut self, text: &str) -> Result<u32, SsipError> {
        let text = text.replace(['\r', '\n'], " ");
        self.command("SPEAK", 230)?;
        // A line holding only a dot ends the text; a leading dot is doubled, as SSIP says.
        let escaped = if text.starts_with('.') {
            format!(".{text}")
        } else {
            text
        };
        self.send(&escaped)?;
        let queued = self.command(".", 225)?;
        queued
            .lines
            .first()
            .and_then(|id| id.trim().parse().ok())
            .ok_or_else(|| SsipError::Malformed("a message queued without its number".into()))
    }

    /// The service's voices: name and language of each.
    pub fn voices(&mut self) -> Result<Vec<(String, String)>, SsipError> {
        let reply = self.command("LIST SYNTHESIS_VOICES", 249)?;
        Ok(reply
            .lines
            .iter()
            .map(|line| {
                let mut parts = line.split('\t');
                let name = parts.next().unwrap_or_default().to_owned();
                let language = parts.next().filter(|l| *l != "none").unwrap_or_default();
                (name, language.to_owned())
            })
            .collect())
    }

    /// The next notice about a message, waiting at most `wait` for one (`None`: none came).
    pub fn notice(&mut self, wait: Duration) -> Result<Option<Notice>, SsipError> {
        let until = Instant::now() + wait;
        loop {
            if let Some(notice) = self.notices.pop_front() {
                return Ok(Some(notice));
            }
            let Some(line) = self.line(until)? else {
                return Ok(None);
            };
            let (code, last, text) = parse(&line)?;
            if !is_notice(code) {
                // An answer nobody asked for: the conversation is out of step.
                return Err(SsipError::Malformed(line.chars().take(80).collect()));
            }
            self.notice_line(code, last, text)?;
        }
    }

    /// Bytes held while a line arrives (for tests of the limit).
    #[doc(hidden)]
    pub fn buffered(&self) -> usize {
        self.pending.capacity()
    }
}

#[cfg(test)]
#[path = "ssip_tests.rs"]
mod tests;
