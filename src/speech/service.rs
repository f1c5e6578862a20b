//! The real speech service: Speech Dispatcher on Linux and other Unix systems, talked to by one
//! speaker thread that owns the connection ([`super::ssip`]). It queues a request's utterances
//! one message each and follows the service's begin and end notices, so [`reading`] can tell the
//! screen which utterance is being said. At the end of a visit it drops what every client has
//! queued and lets go of the service, so a service started for the kiosk exits (Speech
//! Dispatcher's own `Timeout`, 5 s by default) and takes the visit's last words with it.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;

use super::ssip::{Connection, NoticeKind, SsipError};
use super::{Reading, Speech, SpeechError, Voice};

/// How long a caller waits for the speaker thread (connecting, which may start the service, and
/// then one answer).
const ANSWER_WITHIN: Duration = Duration::from_secs(12);
/// How long staff wait for the voice list (a whole answer may take `ssip::REPLY_WITHIN`).
const VOICES_WITHIN: Duration = Duration::from_secs(25);
/// How often the speaker thread looks for the service's notices while it speaks.
const LISTEN: Duration = Duration::from_millis(100);

enum Order {
    Speak(Speech, Sender<Result<(), SpeechError>>),
    Stop(u64, Sender<Result<(), SpeechError>>),
    Forget(u64, Sender<Result<(), SpeechError>>),
    Voices(Sender<Result<Vec<Voice>, SpeechError>>),
}

/// The speaker thread's inbox, made with the thread on first use.
static ORDERS: OnceLock<Mutex<Sender<Order>>> = OnceLock::new();
/// What is being said now, as the service's notices tell it.
static READING: Mutex<Option<Reading>> = Mutex::new(None);

/// The service's socket: `SPEECHD_ADDRESS` (`unix_socket:PATH`, as Speech Dispatcher's own
/// clients read it) or the usual place in the user's runtime directory.
pub fn socket() -> Option<PathBuf> {
    if let Ok(address) = std::env::var("SPEECHD_ADDRESS")
        && let Some(path) = address.strip_prefix("unix_socket:")
    {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(|dir| PathBuf::from(dir).join("speech-dispatcher/speechd.sock"))
}

/// Says `speech` in place of anything being said. Returns once the service has the words.
pub fn speak(speech: &Speech) -> Result<(), SpeechError> {
    ask(|reply| Order::Speak(speech.clone(), reply), ANSWER_WITHIN)
}

/// Stops speaking (request `seq`: older requests still on their way are dropped). Never starts
/// or reconnects to the service: with no connection there is nothing to stop.
pub fn stop(seq: u64) -> Result<(), SpeechError> {
    ask(|reply| Order::Stop(seq, reply), ANSWER_WITHIN)
}

/// The end of a visit: drops everything queued with the service (every client's, so nothing of
/// the visit is said later) and lets go of it. Never starts the service.
pub fn forget(seq: u64) -> Result<(), SpeechError> {
    ask(|reply| Order::Forget(seq, reply), ANSWER_WITHIN)
}

/// For staff: the voices the service offers (an error says why speech does not work here).
pub fn voices() -> Result<Vec<Voice>, SpeechError> {
    ask(Order::Voices, VOICES_WITHIN)
}

/// The utterance being said now, if any.
pub fn reading() -> Option<Reading> {
    *READING.lock().unwrap_or_else(PoisonError::into_inner)
}

fn set_reading(reading: Option<Reading>) {
    *READING.lock().unwrap_or_else(PoisonError::into_inner) = reading;
}

/// Hands an order to the speaker thread and waits at most `within` for its answer.
fn ask<T>(
    order: impl FnOnce(Sender<Result<T, SpeechError>>) -> Order,
    within: Duration,
) -> Result<T, SpeechError> {
    let orders = ORDERS.get_or_init(|| {
        let (send, receive) = channel();
        let spawned = std::thread::Builder::new()
            .name("read-aloud".into())
            .spawn(move || Speaker::default().run(&receive));
        if let Err(e) = spawned {
            log::warn!("read aloud: no speaker thread: {e}");
        }
        Mutex::new(send)
    });
    let (reply, answer) = channel();
    orders
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .send(order(reply))
        .map_err(|_| SpeechError::ThreadStopped)?;
    answer
        .recv_timeout(within)
        .map_err(|_| SpeechError::TimedOut)?
}

/// The words being said: their request and the service's message number for each.
struct Saying {
    seq: u64,
    messages: Vec<u32>,
}

#[derive(Default)]
struct Speaker {
    connection: Option<Connection>,
    latest: u64,
    saying: Option<Saying>,
}

impl Speaker {
    fn run(mut self, orders: &Receiver<Order>) {
        loop {
            let order = if self.saying.is_some() {
                match orders.recv_timeout(Duration::ZERO) {
                    Ok(order) => Some(order),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            } else {
                match orders.recv() {
                    Ok(order) => Some(order),
                    Err(_) => return,
                }
            };
            match order {
                Some(Order::Speak(speech, reply)) => {
                    let done = self.speak(&speech);
                    reply.send(done).ok();
                }
                Some(Order::Stop(seq, reply)) => {
                    self.stop(seq);
                    reply.send(Ok(())).ok();
                }
                Some(Order::Forget(seq, reply)) => {
                    self.forget(seq);
                    reply.send(Ok(())).ok();
                }
                Some(Order::Voices(reply)) => {
                    let voices = self.voices();
                    reply.send(voices).ok();
                }
                None => self.listen(),
            }
        }
    }

    fn speak(&mut self, speech: &Speech) -> Result<(), SpeechError> {
        if speech.seq < self.latest {
            return Ok(());
        }
        self.latest = speech.seq;
        self.saying = None;
        set_reading(None);
        let messages: Vec<u32> = self.with_connection(|c| {
            c.command("CANCEL self", 213)?;
            // "message": queued and said in turn; "text" would drop each sentence for the next.
            c.command("SET self PRIORITY message", 202)?;
            c.command(&format!("SET self LANGUAGE {}", speech.language), 201)?;
            let rate = speech.voice.rate.clamp(-100, 100);
            c.command(&format!("SET self RATE {rate}"), 203)?;
            if let Some(voice) = &speech.voice.voice {
                c.command(&format!("SET self SYNTHESIS_VOICE {voice}"), 209)?;
            }
            speech.utterances.iter().map(|line| c.speak(line)).collect()
        })?;
        if !messages.is_empty() {
            set_reading(Some(Reading {
                seq: speech.seq,
                index: 0,
            }));
            self.saying = Some(Saying {
                seq: speech.seq,
                messages,
            });
        }
        Ok(())
    }

    /// Stops what this kiosk is saying, on the connection it has (none: nothing to stop).
    fn stop(&mut self, seq: u64) {
        self.latest = self.latest.max(seq);
        self.saying = None;
        set_reading(None);
        if let Some(c) = self.connection.as_mut()
            && let Err(e) = c.command("CANCEL self", 213)
        {
            log::info!("read aloud: dropped the connection to Speech Dispatcher ({e})");
            self.connection = None;
        }
    }

    /// Drops every client's queued messages and hangs up.
    fn forget(&mut self, seq: u64) {
        self.latest = self.latest.max(seq);
        self.saying = None;
        set_reading(None);
        if let Some(mut c) = self.connection.take() {
            let done = c
                .command("CANCEL all", 213)
                .and_then(|_| c.command("QUIT", 231));
            if let Err(e) = done {
                log::info!("read aloud: at the end of the visit, Speech Dispatcher: {e}");
            }
        }
    }

    fn voices(&mut self) -> Result<Vec<Voice>, SpeechError> {
        let all = self.with_connection(Connection::voices)?;
        Ok(all
            .into_iter()
            .map(|(name, language)| Voice { name, language })
            .collect())
    }

    /// Reads the service's notices for a moment and follows what is being said.
    fn listen(&mut self) {
        let (Some(c), Some(saying)) = (self.connection.as_mut(), self.saying.as_ref()) else {
            self.saying = None;
            return;
        };
        let position = |message: Option<u32>| {
            message.and_then(|m| saying.messages.iter().position(|&n| n == m))
        };
        match c.notice(LISTEN) {
            Ok(Some(notice)) => match notice.kind {
                NoticeKind::Begin => {
                    if let Some(index) = position(notice.message) {
                        set_reading(Some(Reading {
                            seq: saying.seq,
                            index,
                        }));
                    }
                }
                NoticeKind::End | NoticeKind::Cancel => {
                    if position(notice.message).is_some_and(|i| i + 1 == saying.messages.len()) {
                        self.saying = None;
                        set_reading(None);
                    }
                }
                NoticeKind::Other => {}
            },
            Ok(None) => {}
            Err(e) => {
                log::info!("read aloud: lost Speech Dispatcher ({e})");
                self.connection = None;
                self.saying = None;
                set_reading(None);
            }
        }
    }

    fn with_connection<T>(
        &mut self,
        work: impl Fn(&mut Connection) -> Result<T, SsipError>,
    ) -> Result<T, SpeechError> {
        // One retry on a fresh connection: the service may have restarted since the last words.
        for attempt in 0..2 {
            if self.connection.is_none() {
                self.connection = Some(connect()?);
            }
            let Some(c) = self.connection.as_mut() else {
                continue;
            };
            match work(c) {
                Ok(done) => return Ok(done),
                Err(e) if attempt == 0 => {
                    log::info!("read aloud: reconnecting to Speech Dispatcher ({e})");
                    self.connection = None;
                }
                Err(e) => {
                    self.connection = None;
                    return Err(SpeechError::Failed(e.to_string()));
                }
            }
        }
        Err(SpeechError::NoConnection)
    }
}

fn connect() -> Result<Connection, SpeechError> {
    let path = socket().ok_or(SpeechError::NoSocket)?;
    let connection = match Connection::open(&path) {
        Ok(c) => c,
        Err(first) => {
            // As Speech Dispatcher's own library does: start the service for this user.
            let spawned = std::process::Command::new("speech-dispatcher")
                .arg("--spawn")
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status();
            if !spawned.is_ok_and(|s| s.success()) {
                return Err(SpeechError::NotRunning {
                    path: path.display().to_string(),
                    why: first.to_string(),
                });
            }
            let mut last = first;
            let mut connection = None;
            for _ in 0..20 {
                match Connection::open(&path) {
                    Ok(c) => {
                        connection = Some(c);
                        break;
                    }
                    Err(e) => last = e,
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            connection.ok_or_else(|| SpeechError::NotAnswering(last.to_string()))?
        }
    };
    let mut c = connection;
    let refused = |e: SsipError| SpeechError::Refused(e.to_string());
    c.command("SET self CLIENT_NAME vein-kiosk:read-aloud:main", 208)
        .map_err(refused)?;
    for notice in ["begin", "end", "cancel"] {
        c.command(&format!("SET self NOTIFICATION {notice} on"), 220)
            .map_err(refused)?;
    }
    Ok(c)
}
