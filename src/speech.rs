//! Read aloud: what is spoken on each screen, as plain data built from the content (the same words
//! `vein-kiosk text` prints), and the real speech service.
//!
//! The service is Speech Dispatcher, reached over its own socket protocol (SSIP) by the pure-Rust
//! `ssip-client`: no C library is needed to build the kiosk, and nothing goes over a network.
//! Speaking only queues the words with the service, so it returns at once; it still runs inside
//! a [`crate::job::Job`] through [`crate::effects::Effects`], never on the screen's thread.

use crate::content::{Block, Content, Language, SpeechVoice};
use crate::navigation::{Check, Route};
use crate::selfcheck::{QuestionKind, Side, Step, often_label, side_word};

/// One request to the speech service: say these words, in place of anything being said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speech {
    /// Counts requests: a request older than one already carried out is dropped, so a slow
    /// request can never talk over a newer screen or a stop.
    pub seq: u64,
    /// The language code of the words.
    pub language: String,
    /// The clinic's voice and rate for that language.
    pub voice: SpeechVoice,
    /// What to say, one sentence or item each, in reading order.
    pub utterances: Vec<String>,
}

/// What is read on `route` in `language`: title, text, bullets, cards and picture descriptions on
/// guide screens (an open card's explanation alone while it is open); the question and each
/// answer in the self-check; the alert on a red flag; the summary. Nothing on the attract screen.
pub fn utterances(content: &Content, language: &Language, route: &Route) -> Vec<String> {
    let mut out = Vec::new();
    match route {
        Route::Attract => {}
        Route::Guide(guide) => {
            if let Some(screen) = content.flow.screens.get(guide.screen) {
                guide_words(content, language, screen, guide.card.as_deref(), &mut out);
            }
        }
        Route::Check(check) => check_words(content, language, check, &mut out),
    }
    out.retain(|u| !u.trim().is_empty());
    out
}

/// The idle warning, spoken when it appears.
pub fn idle_warning(language: &Language, seconds: u32) -> Vec<String> {
    vec![
        language.ui.still_there.clone(),
        language
            .ui
            .still_there_text
            .replace("{seconds}", &seconds.to_string()),
        language.ui.still_here.clone(),
    ]
}

fn guide_words(
    content: &Content,
    language: &Language,
    screen: &crate::content::ScreenDef,
    card: Option<&str>,
    out: &mut Vec<String>,
) {
    let Some(text) = language
        .screens
        .get(&screen.id)
        .or_else(|| content.default_language().screens.get(&screen.id))
    else {
        return;
    };
    if let Some(card) = card.and_then(|id| text.cards.get(id)) {
        out.push(card.title.clone());
        out.push(content.fill(&card.text));
        return;
    }
    out.push(text.title.clone());
    if screen.kind == crate::content::ScreenKind::Welcome {
        out.push(content.settings.clinic_name.clone());
    }
    for block in &text.body {
        match block {
            Block::Text(t) | Block::Callout(t) => out.push(content.fill(t)),
            Block::Bullets(items) => out.extend(items.iter().map(|i| content.fill(i))),
        }
    }
    if !screen.cards.is_empty() {
        out.push(language.ui.tap_a_card.clone());
        out.extend(
            screen
                .cards
                .iter()
                .filter_map(|id| text.cards.get(id).map(|c| c.title.clone())),
        );
    }
    out.push(text.alt.clone());
    out.extend(text.gallery_alt.iter().cloned());
}

fn check_words(content: &Content, language: &Language, check: &Check, out: &mut Vec<String>) {
    let words = &language.selfcheck;
    let flow = &check.flow;
    match flow.step() {
        Step::Question(index) => {
            let Some(q) = content.selfcheck.questions.get(index) else {
                return;
            };
            let Some(text) = words.questions.get(&q.id) else {
                return;
            };
            out.push(text.ask.clone());
            match &q.kind {
                QuestionKind::YesNo => out.extend([words.ui.yes.clone(), words.ui.no.clone()]),
                QuestionKind::Legs => {
                    out.push(words.ui.which_leg.clone());
                    out.extend(
                        [Side::Left, Side::Right, Side::Both, Side::Neither]
                            .map(|s| side_word(words, s).to_owned()),
                    );
                    if check.draft.side.is_some() {
                        out.push(words.ui.how_often.clone());
                        out.extend(
                            [
                                crate::selfcheck::Often::Sometimes,
                                crate::selfcheck::Often::Often,
                                crate::selfcheck::Often::MostDays,
                            ]
                            .map(|o| often_label(words, o).to_owned()),
                        );
                    }
                }
                QuestionKind::One(options) | QuestionKind::Many(options) => {
                    if matches!(q.kind, QuestionKind::Many(_)) {
                        out.push(words.ui.tap_all.clone());
                    }
                    out.extend(
                        options
                            .iter()
                            .filter_map(|o| text.options.get(&o.id).cloned()),
                    );
                    if matches!(q.kind, QuestionKind::Many(_)) {
                        out.push(words.ui.none_of_these.clone());
                    }
                }
            }
            out.push(words.ui.not_sure.clone());
            if q.red_flag.is_none() {
                out.push(words.ui.skip.clone());
            }
        }
        Step::Alert(index, flag) => {
            let Some(alert) = words.alerts.get(&flag) else {
                return;
            };
            let unsure = content
                .selfcheck
                .questions
                .get(index)
                .and_then(|q| flow.answers().get(&q.id))
                == Some(&crate::selfcheck::Answer::NotSure);
            out.push(if unsure {
                alert.unsure_title.clone()
            } else {
                alert.title.clone()
            });
            out.push(content.fill(&alert.text));
            if flag == crate::selfcheck::RedFlag::Emergency {
                out.push(content.settings.emergency_number.clone());
            }
        }
        Step::Summary => {
            let fill = |t: &str| content.fill(t);
            let s =
                crate::selfcheck::Summary::new(&content.selfcheck, words, flow.answers(), &fill);
            out.push(s.title);
            if !s.red_flags.1.is_empty() {
                out.push(s.red_flags.0);
                out.extend(s.red_flags.1);
            }
            for (title, lines) in s.groups {
                out.push(title);
                for line in lines {
                    if line.items.is_empty() {
                        out.push(line.label);
                    } else {
                        out.push(format!("{}: {}", line.label, line.items.join(", ")));
                    }
                }
            }
            out.extend(s.nothing);
            out.push(s.next_step);
            out.push(s.not_a_diagnosis);
        }
    }
}

/// The real speech service: Speech Dispatcher on Linux and other Unix systems.
#[cfg(unix)]
pub mod service {
    use std::os::unix::net::UnixStream;
    use std::path::PathBuf;
    use std::sync::{Mutex, PoisonError};
    use std::time::Duration;

    use ssip_client::{
        Client, ClientName, ClientScope, MessageScope, OK_CANCELED, OK_CLIENT_NAME_SET,
        OK_LANGUAGE_SET, OK_PRIORITY_SET, OK_RATE_SET, OK_VOICE_SET, Priority,
    };

    use super::Speech;

    /// How long to wait for the service to answer.
    const ANSWER_WITHIN: Duration = Duration::from_secs(3);

    struct Speaker {
        client: Option<Client<UnixStream>>,
        latest: u64,
    }

    /// One connection for the app's life, so that a stop reaches the words it stops.
    static SPEAKER: Mutex<Speaker> = Mutex::new(Speaker {
        client: None,
        latest: 0,
    });

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

    fn connect() -> Result<Client<UnixStream>, String> {
        let path =
            socket().ok_or("no XDG_RUNTIME_DIR or SPEECHD_ADDRESS to find Speech Dispatcher")?;
        let open = || {
            ssip_client::fifo::Builder::new()
                .path(&path)
                .timeout(ANSWER_WITHIN)
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
        client
            .set_client_name(ClientName::new("vein-kiosk", "read-aloud"))
            .and_then(|c| c.check_status(OK_CLIENT_NAME_SET))
            .map_err(|e| format!("Speech Dispatcher refused the connection: {e}"))?;
        Ok(client)
    }

    fn with_client<T>(
        speaker: &mut Speaker,
        work: impl Fn(&mut Client<UnixStream>) -> Result<T, ssip_client::ClientError>,
    ) -> Result<T, String> {
        // One retry on a fresh connection: the service may have restarted since the last words.
        for attempt in 0..2 {
            if speaker.client.is_none() {
                speaker.client = Some(connect()?);
            }
            let Some(client) = speaker.client.as_mut() else {
                continue;
            };
            match work(client) {
                Ok(done) => return Ok(done),
                Err(e) if attempt == 0 => {
                    log::info!("read aloud: reconnecting to Speech Dispatcher ({e})");
                    speaker.client = None;
                }
                Err(e) => {
                    speaker.client = None;
                    return Err(format!("Speech Dispatcher: {e}"));
                }
            }
        }
        Err("Speech Dispatcher: no connection".into())
    }

    /// Says `speech` in place of anything being said. Returns once the service has the words.
    pub fn speak(speech: &Speech) -> Result<(), String> {
        let mut speaker = SPEAKER.lock().unwrap_or_else(PoisonError::into_inner);
        if speech.seq < speaker.latest {
            return Ok(());
        }
        speaker.latest = speech.seq;
        with_client(&mut speaker, |c| {
            c.cancel(MessageScope::Last)?.check_status(OK_CANCELED)?;
            c.set_priority(Priority::Text)?
                .check_status(OK_PRIORITY_SET)?;
            c.set_language(ClientScope::Current, &speech.language)?
                .check_status(OK_LANGUAGE_SET)?;
            c.set_rate(ClientScope::Current, speech.voice.rate.clamp(-100, 100))?
                .check_status(OK_RATE_SET)?;
            if let Some(voice) = &speech.voice.voice {
                c.set_synthesis_voice(ClientScope::Current, voice)?
                    .check_status(OK_VOICE_SET)?;
            }
            for line in &speech.utterances {
                // One line per message: the protocol ends a message with a line holding a dot.
                let line = line.replace(['\n', '\r'], " ");
                c.speak()?
                    .check_receiving_data()?
                    .send_line(&line)?
                    .receive_message_id()?;
            }
            Ok(())
        })
    }

    /// Stops speaking (request `seq`: older requests still on their way are dropped).
    pub fn stop(seq: u64) -> Result<(), String> {
        let mut speaker = SPEAKER.lock().unwrap_or_else(PoisonError::into_inner);
        speaker.latest = speaker.latest.max(seq);
        if speaker.client.is_none() {
            return Ok(());
        }
        with_client(&mut speaker, |c| {
            c.cancel(MessageScope::Last)?.check_status(OK_CANCELED)?;
            Ok(())
        })
    }

    /// For staff: whether speech works here, and the voices the service offers for `languages`.
    pub fn voices(languages: &[&str]) -> Result<Vec<String>, String> {
        let mut speaker = SPEAKER.lock().unwrap_or_else(PoisonError::into_inner);
        let all = with_client(&mut speaker, |c| {
            c.list_synthesis_voices()?.receive_synthesis_voices()
        })?;
        Ok(all
            .into_iter()
            .filter(|v| {
                v.language
                    .as_deref()
                    .is_some_and(|l| languages.iter().any(|want| l.starts_with(want)))
            })
            .map(|v| format!("{} ({})", v.name, v.language.unwrap_or_default()))
            .collect())
    }
}

/// No Speech Dispatcher on this system: read-aloud says so to staff.
#[cfg(not(unix))]
pub mod service {
    use super::Speech;

    const UNSUPPORTED: &str = "read aloud needs Speech Dispatcher, which this system does not have";

    /// Always fails: no speech service is supported here yet.
    pub fn speak(_speech: &Speech) -> Result<(), String> {
        Err(UNSUPPORTED.into())
    }

    /// Nothing to stop.
    pub fn stop(_seq: u64) -> Result<(), String> {
        Ok(())
    }

    /// Always fails: no speech service is supported here yet.
    pub fn voices(_languages: &[&str]) -> Result<Vec<String>, String> {
        Err(UNSUPPORTED.into())
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::command::Visit;
    use crate::session::Session;

    fn content() -> Content {
        Content::built_in().expect("built-in content")
    }

    #[test]
    fn every_screen_in_every_language_is_read_from_its_title_to_its_picture() {
        let c = content();
        for language in &c.languages {
            for (i, screen) in c.flow.screens.iter().enumerate() {
                let mut s = Session::new(&c, 0.0);
                s.apply(Visit::GoTo(i), &c, 0.0);
                let said = utterances(&c, language, &s.route);
                let text = &language.screens[&screen.id];
                assert_eq!(
                    said.first(),
                    Some(&text.title),
                    "{} {}",
                    language.code,
                    screen.id
                );
                assert!(
                    said.contains(&text.alt),
                    "{} {}: the picture",
                    language.code,
                    screen.id
                );
                // The same words `vein-kiosk text` prints, each item on its own.
                let printed = crate::text::screen_words(&c, language, screen);
                for u in &said {
                    assert!(
                        printed.contains(u.as_str())
                            || *u == language.ui.tap_a_card
                            || *u == c.settings.clinic_name,
                        "{} {}: {u:?} is not in the printed text",
                        language.code,
                        screen.id
                    );
                }
            }
        }
    }

    #[test]
    fn an_open_card_is_read_alone() {
        let c = content();
        let i = c.screen_index("risk-factors").expect("risk factors");
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::GoTo(i), &c, 0.0);
        s.apply(Visit::OpenCard("clot".into()), &c, 0.0);
        let en = c.language("en");
        let card = &en.screens["risk-factors"].cards["clot"];
        assert_eq!(
            utterances(&c, en, &s.route),
            [card.title.clone(), c.fill(&card.text)]
        );
    }

    #[test]
    fn a_question_is_read_with_every_answer_and_an_alert_with_what_to_do() {
        let c = content();
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::StartCheck, &c, 0.0);
        for language in &c.languages {
            let said = utterances(&c, language, &s.route);
            let w = &language.selfcheck;
            let first = &c.selfcheck.questions[0];
            assert_eq!(said[0], w.questions[&first.id].ask);
            assert!(said.contains(&w.ui.yes) && said.contains(&w.ui.no));
            assert!(said.contains(&w.ui.not_sure));
            assert!(!said.contains(&w.ui.skip), "a red flag is never skipped");
        }
        s.apply(Visit::CheckAnswer(crate::selfcheck::Answer::Yes), &c, 0.0);
        let en = c.language("en");
        let said = utterances(&c, en, &s.route);
        assert!(
            en.selfcheck.alerts.values().any(|a| said[0] == a.title),
            "the alert's title first: {said:?}"
        );
    }

    #[test]
    fn nothing_is_read_between_visitors_and_the_idle_warning_gives_the_seconds() {
        let c = content();
        let s = Session::kiosk(&c, 0.0);
        assert!(utterances(&c, c.language("en"), &s.route).is_empty());
        let said = idle_warning(c.language("es"), 30);
        assert!(said[1].contains("30"), "{said:?}");
    }
}
