//! The real speech service: Speech Dispatcher on Linux and other Unix systems, talked to by one
//! speaker thread that owns the connection. It queues a request's utterances one message each
//! and follows the service's begin and end notices, so [`reading`] can tell the screen
//! which utterance is being said.

use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use ssip_client::{
    Client, ClientError, ClientName, ClientScope, Event, EventType, MessageScope, NotificationType,
    OK_CANCELED, OK_CLIENT_NAME_SET, OK_LANGUAGE_SET, OK_NOTIFICATION_SET, OK_PRIORITY_SET,
    OK_RATE_SET, OK_RECEIVING_DATA, OK_VOICE_SET, Priority,
};

use super::{Reading, Speech, Voice};

/// How long to wait for the service to answer.
const ANSWER_WITHIN: Duration = Duration::from_secs(3);
/// How often the speaker thread looks for the service's notices while it speaks.
const LISTEN: Duration = Duration::from_millis(100);

enum Order {
    Speak(Speech, Sender<Result<(), String>>),
    Stop(u64, Sender<Result<(), String>>),
    Voices(Sender<Result<Vec<Voice>, String>>),
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
pub fn speak(speech: &Speech) -> Result<(), String> {
    ask(|reply| Order::Speak(speech.clone(), reply))
}

/// Stops speaking (request `seq`: older requests still on their way are dropped).
pub fn stop(seq: u64) -> Result<(), String> {
    ask(|reply| Order::Stop(seq, reply))
}

/// For staff: the voices the service offers (an error says why speech does not work here).
pub fn voices() -> Result<Vec<Voice>, String> {
    ask(Order::Voices)
}

/// The utterance being said now, if any.
pub fn reading() -> Option<Reading> {
    *READING.lock().unwrap_or_else(PoisonError::into_inner)
}

fn set_reading(reading: Option<Reading>) {
    *READING.lock().unwrap_or_else(PoisonError::into_inner) = reading;
}

/// Hands an order to the speaker thread and waits for its answer.
fn ask<T>(order: impl FnOnce(Sender<Result<T, String>>) -> Order) -> Result<T, String> {
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
        .map_err(|_| "the read-aloud thread has stopped".to_owned())?;
    answer
        .recv_timeout(ANSWER_WITHIN * 4)
        .map_err(|_| "Speech Dispatcher did not answer in time".to_owned())?
}

/// The words being said: their request and the service's message number for each.
struct Saying {
    seq: u64,
    messages: Vec<u32>,
}

#[derive(Default)]
struct Speaker {
    client: Option<Client<UnixStream>>,
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
                    let done = self.stop(seq);
                    reply.send(done).ok();
                }
                Some(Order::Voices(reply)) => {
                    let voices = self.voices();
                    reply.send(voices).ok();
                }
                None => self.listen(),
            }
        }
    }

    fn speak(&mut self, speech: &Speech) -> Result<(), String> {
        if speech.seq < self.latest {
            return Ok(());
        }
        self.latest = speech.seq;
        self.saying = None;
        set_reading(None);
        let messages = self.with_client(|c| {
            c.cancel(MessageScope::Last)?;
            expect(c, OK_CANCELED)?;
            // "message": queued and said in turn; "text" would drop each sentence for the next.
            c.set_priority(Priority::Message)?;
            expect(c, OK_PRIORITY_SET)?;
            c.set_language(ClientScope::Current, &speech.language)?;
            expect(c, OK_LANGUAGE_SET)?;
            c.set_rate(ClientScope::Current, speech.voice.rate.clamp(-100, 100))?;
            expect(c, OK_RATE_SET)?;
            if let Some(voice) = &speech.voice.voice {
                c.set_synthesis_voice(ClientScope::Current, voice)?;
                expect(c, OK_VOICE_SET)?;
            }
            let mut messages = Vec::new();
            for line in &speech.utterances {
                // One line per message: the protocol ends a message with a line holding a dot.
                let line = line.replace(['\n', '\r'], " ");
                c.speak()?;
                expect(c, OK_RECEIVING_DATA)?;
                c.send_line(&line)?;
                messages.push(message_id(c)?);
            }
            Ok(messages)
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

    fn stop(&mut self, seq: u64) -> Result<(), String> {
        self.latest = self.latest.max(seq);
        self.saying = None;
        set_reading(None);
        if self.client.is_none() {
            return Ok(());
        }
        self.with_client(|c| {
            c.cancel(MessageScope::Last)?;
            expect(c, OK_CANCELED)
        })
    }

    fn voices(&mut self) -> Result<Vec<Voice>, String> {
        let all = self.with_client(|c| {
            c.list_synthesis_voices()?;
            loop {
                match c.receive_synthesis_voices() {
                    Err(ClientError::UnexpectedStatus(code)) if is_notice(code) => {}
                    done => return done,
                }
            }
        })?;
        Ok(all
            .into_iter()
            .map(|v| Voice {
                name: v.name,
                language: v.language.unwrap_or_default(),
            })
            .collect())
    }

    /// Reads the service's notices for a moment and follows what is being said.
    fn listen(&mut self) {
        let (Some(client), Some(saying)) = (self.client.as_mut(), self.saying.as_ref()) else {
            self.saying = None;
            return;
        };
        let position = |id: &ssip_client::EventId| {
            id.message
                .parse::<u32>()
                .ok()
                .and_then(|m| saying.messages.iter().position(|&n| n == m))
        };
        match client.receive_event() {
            Ok(Event {
                ntype: EventType::Begin,
                id,
            }) => {
                if let Some(index) = position(&id) {
                    set_reading(Some(Reading {
                        seq: saying.seq,
                        index,
                    }));
                }
            }
            Ok(Event {
                ntype: EventType::End | EventType::Cancel,
                id,
            }) => {
                if position(&id).is_some_and(|i| i + 1 == saying.messages.len()) {
                    self.saying = None;
                    set_reading(None);
                }
            }
            Ok(_) => {}
            Err(ClientError::Io(e)) if waiting(&e) => {}
            Err(e) => {
                log::info!("read aloud: lost Speech Dispatcher ({e})");
                self.client = None;
                self.saying = None;
                set_reading(None);
            }
        }
    }

    fn with_client<T>(
        &mut self,
        work: impl Fn(&mut Client<UnixStream>) -> Result<T, ClientError>,
    ) -> Result<T, String> {
        // One retry on a fresh connection: the service may have restarted since the last words.
        for attempt in 0..2 {
            if self.client.is_none() {
                self.client = Some(connect()?);
            }
            let Some(client) = self.client.as_mut() else {
                continue;
            };
            match work(client) {
                Ok(done) => return Ok(done),
                Err(e) if attempt == 0 => {
                    log::info!("read aloud: reconnecting to Speech Dispatcher ({e})");
                    self.client = None;
                }
                Err(e) => {
                    self.client = None;
                    return Err(format!("Speech Dispatcher: {e}"));
                }
            }
        }
        Err("Speech Dispatcher: no connection".into())
    }
}

/// Codes 700 to 799 are notices about messages (begun, ended, cancelled), which may arrive
/// before the answer to a command.
fn is_notice(code: u16) -> bool {
    (700..800).contains(&code)
}

/// A read that found nothing yet (the socket's short time limit), not a broken connection.
fn waiting(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

/// Waits for the answer `code` to the command just sent, passing over notices.
fn expect(c: &mut Client<UnixStream>, code: u16) -> Result<(), ClientError> {
    let until = Instant::now() + ANSWER_WITHIN;
    loop {
        match c.check_status(code) {
            Err(ClientError::UnexpectedStatus(other)) if is_notice(other) => {}
            Err(ClientError::Io(e)) if waiting(&e) && Instant::now() < until => {}
            done => return done.map(|_| ()),
        }
    }
}

/// Waits for the number the service gave the message just sent, passing over notices (which
/// the client reads as answers that are "not a message id").
fn message_id(c: &mut Client<UnixStream>) -> Result<u32, ClientError> {
    let until = Instant::now() + ANSWER_WITHIN;
    let mut notices = 0;
    loop {
        match c.receive_message_id() {
            Ok(id) => return Ok(id),
            Err(ClientError::Io(e))
                if e.kind() == std::io::ErrorKind::InvalidData && notices < 8 =>
            {
                notices += 1;
            }
            Err(ClientError::Io(e)) if waiting(&e) && Instant::now() < until => {}
            Err(e) => return Err(e),
        }
    }
}

fn connect() -> Result<Client<UnixStream>, String> {
    let path = socket().ok_or("no XDG_RUNTIME_DIR or SPEECHD_ADDRESS to find Speech Dispatcher")?;
    let open = || {
        ssip_client::fifo::Builder::new()
            .path(&path)
            .timeout(LISTEN)
            .build()
    };
    let client = match open() {
        Ok(client) => client,
        Err(first) => {
            // As Speech Dispatcher's own library does: start the service for this user.
            let spawned = std::process::Command::new("speech-dispatcher")
                .arg("--spawn")
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status();
            if !spawned.is_ok_and(|s| s.success()) {
                return Err(format!(
                    "Speech Dispatcher is not running at {} ({first}) and could not be started; install speech-dispatcher",
                    path.display()
                ));
            }
            let mut last = first;
            let mut client = None;
            for _ in 0..20 {
                match open() {
                    Ok(c) => {
                        client = Some(c);
                        break;
                    }
                    Err(e) => last = e,
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            client.ok_or_else(|| format!("Speech Dispatcher did not answer: {last}"))?
        }
    };
    let mut client = client;
    let refused = |e: ClientError| format!("Speech Dispatcher refused the connection: {e}");
    client
        .set_client_name(ClientName::new("vein-kiosk", "read-aloud"))
        .map_err(refused)?;
    expect(&mut client, OK_CLIENT_NAME_SET).map_err(refused)?;
    for notice in [
        NotificationType::Begin,
        NotificationType::End,
        NotificationType::Cancel,
    ] {
        client.set_notification(notice, true).map_err(refused)?;
        expect(&mut client, OK_NOTIFICATION_SET).map_err(refused)?;
    }
    Ok(client)
}
