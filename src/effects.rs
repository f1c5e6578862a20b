//! Everything the kiosk does to the world outside its window goes through one seam: printing,
//! writing to the hand-off folder, the date and time stamped on a printout, and reading content
//! from disk. [`SystemEffects`] does it for real; [`RecordingEffects`] records each call and
//! succeeds, fails or hangs as a test or soak run asks. Effects block: they run on a
//! [`crate::job::Job`]'s thread, never on the screen's.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use crate::content::{Content, ContentSource, Problem, Settings};
use crate::handout::Stamp;

/// Why an effect failed. The message is for staff (the patient is told plainly); it never
/// names a patient or an answer.
#[derive(Debug, thiserror::Error)]
pub enum EffectError {
    /// Printing failed (the print command's own reason).
    #[error(transparent)]
    Print(#[from] crate::print::PrintError),
    /// Writing to the hand-off folder failed (names the folder).
    #[error(transparent)]
    Send(#[from] crate::handoff_folder::SendError),
    /// Putting the answers in the FHIR outbox failed (a full disk, an unusable folder).
    #[error(transparent)]
    Record(#[from] crate::outbox::OutboxError),
    /// The kiosk started without its FHIR outbox (staff were told then, in the staff menu).
    #[error("the FHIR outbox is not open (see the staff menu)")]
    NoOutbox,
    /// The answers' FHIR form could not be read back to queue it (a defect, never a visitor's).
    #[error("the answers' FHIR form: {0}")]
    FhirForm(#[from] serde_json::Error),
    /// Making the printout failed.
    #[error("could not make the printout: {0}")]
    Handout(#[from] crate::handout::HandoutError),
    /// The settings offer no such thing (no printer, no folder).
    #[error("{0}")]
    NotSet(&'static str),
    /// Read aloud failed (no speech service, no voice); the reason is for staff.
    #[error(transparent)]
    Speech(#[from] crate::speech::SpeechError),
    /// A stand-in for the world (`RecordingEffects`, in tests and soak runs) failing with the
    /// words it was given.
    #[error("{0}")]
    StandIn(String),
}

/// The outside world, as the app sees it.
pub trait Effects: Send + Sync + std::fmt::Debug {
    /// Prints `bytes` (a PDF or plain text, named `name` for the print queue) with the clinic's
    /// printer or print command, waiting at most `limit`. Blocks.
    fn print(
        &self,
        settings: &Settings,
        name: &str,
        bytes: &[u8],
        limit: Duration,
    ) -> Result<(), EffectError>;

    /// Writes `files` (extension, bytes) into the hand-off folder under one name. Blocks.
    fn send(&self, folder: &Path, stem: &str, files: &[(&str, &[u8])]) -> Result<(), EffectError>;

    /// The date and time now, for a printout.
    fn stamp(&self) -> Stamp;

    /// Loads content from where it came from (staff "Reload content").
    fn load_content(
        &self,
        source: &ContentSource,
        config: Option<&Path>,
    ) -> Result<Content, Vec<Problem>>;

    /// Read aloud: says `speech` in place of anything being said. Returns once the speech
    /// service has the words (speaking goes on by itself). Blocks briefly.
    fn speak(&self, speech: &crate::speech::Speech) -> Result<(), EffectError>;

    /// Read aloud: stops speaking (`seq` orders it among [`Self::speak`] requests).
    fn stop_speaking(&self, seq: u64) -> Result<(), EffectError>;

    /// Read aloud, at the end of a visit: the speech service drops everything queued (every
    /// client's) and the kiosk lets go of it, so a service started for the kiosk exits and
    /// takes the visit's words with it. Never starts the service.
    fn forget_speech(&self, seq: u64) -> Result<(), EffectError>;

    /// Read aloud: which utterance of which request is being said now (None when silent). Cheap:
    /// asked every frame while something is being read.
    fn reading(&self) -> Option<crate::speech::Reading>;
}

/// The real thing: CUPS (or the clinic's print command), the file system, the system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemEffects;

impl Effects for SystemEffects {
    fn print(
        &self,
        settings: &Settings,
        name: &str,
        bytes: &[u8],
        limit: Duration,
    ) -> Result<(), EffectError> {
        let file = crate::print::temp_file(name, bytes)?;
        Ok(crate::print::print_file(settings, &file, limit)?)
    }

    fn send(&self, folder: &Path, stem: &str, files: &[(&str, &[u8])]) -> Result<(), EffectError> {
        crate::handoff_folder::send(folder, stem, files)?;
        Ok(())
    }

    fn stamp(&self) -> Stamp {
        Stamp::now()
    }

    fn load_content(
        &self,
        source: &ContentSource,
        config: Option<&Path>,
    ) -> Result<Content, Vec<Problem>> {
        Content::load_with_config(source.clone(), config)
    }

    fn speak(&self, speech: &crate::speech::Speech) -> Result<(), EffectError> {
        crate::speech::service::speak(speech).map_err(EffectError::Speech)
    }

    fn stop_speaking(&self, seq: u64) -> Result<(), EffectError> {
        crate::speech::service::stop(seq).map_err(EffectError::Speech)
    }

    fn forget_speech(&self, seq: u64) -> Result<(), EffectError> {
        crate::speech::service::forget(seq).map_err(EffectError::Speech)
    }

    fn reading(&self) -> Option<crate::speech::Reading> {
        crate::speech::service::reading()
    }
}

/// What a [`RecordingEffects`] does when asked to print or send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Works.
    Succeed,
    /// Fails with this reason.
    Fail(String),
    /// Never answers (until [`RecordingEffects::release`]).
    Hang,
}

/// One call the app made through the seam.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// A print: the name and the bytes printed.
    Print { name: String, bytes: Vec<u8> },
    /// A send: the folder, the file stem and each file's extension and bytes.
    Send {
        folder: PathBuf,
        stem: String,
        files: Vec<(String, Vec<u8>)>,
    },
    /// Content was loaded again.
    LoadContent,
    /// Read aloud: words in a language.
    Speak {
        language: String,
        utterances: Vec<String>,
    },
    /// Read aloud stopped.
    StopSpeaking,
    /// The end of a visit: the speech service dropped everything and was let go.
    ForgetSpeech,
}

/// A stand-in for tests and soak runs: records every call, answers as told, never touches a
/// printer or a disk (content is loaded for real, from where it came from).
#[derive(Debug, Clone)]
pub struct RecordingEffects {
    inner: Arc<Recorder>,
}

#[derive(Debug)]
struct Recorder {
    calls: Mutex<Vec<Call>>,
    print: Mutex<Outcome>,
    send: Mutex<Outcome>,
    /// What speaking does: works, or fails as with no speech service.
    speech: Mutex<Outcome>,
    released: (Mutex<bool>, Condvar),
    /// Calls waiting in [`Outcome::Hang`] now.
    hanging: Mutex<usize>,
    stamp: Stamp,
    /// What the stand-in speech service is saying: the last request and the utterance reached.
    reading: Mutex<Option<(crate::speech::Speech, usize)>>,
}

impl Default for RecordingEffects {
    fn default() -> Self {
        Self::new()
    }
}

impl RecordingEffects {
    /// Prints and sends succeed; the stamp is a fixed date.
    pub fn new() -> Self {
        Self {
            inner: Arc::new(Recorder {
                calls: Mutex::new(Vec::new()),
                print: Mutex::new(Outcome::Succeed),
                send: Mutex::new(Outcome::Succeed),
                speech: Mutex::new(Outcome::Succeed),
                released: (Mutex::new(false), Condvar::new()),
                hanging: Mutex::new(0),
                stamp: Stamp {
                    local: "2026-11-21 14:05".into(),
                    file: "20261121-140512".into(),
                    utc: "2026-11-21T19:05:12Z".into(),
                },
                reading: Mutex::new(None),
            }),
        }
    }

    /// The stand-in speech service finishes the utterance it is saying and begins the next (or
    /// falls silent after the last); returns the utterance now being said.
    pub fn read_on(&self) -> Option<String> {
        let mut reading = lock(&self.inner.reading);
        let (speech, index) = reading.as_mut()?;
        *index += 1;
        match speech.utterances.get(*index).cloned() {
            Some(now) => Some(now),
            None => {
                *reading = None;
                None
            }
        }
    }

    /// The utterance the stand-in speech service is saying now.
    pub fn saying(&self) -> Option<String> {
        lock(&self.inner.reading)
            .as_ref()
            .and_then(|(speech, index)| speech.utterances.get(*index).cloned())
    }

    /// What the next prints do.
    pub fn set_print(&self, outcome: Outcome) {
        *lock(&self.inner.print) = outcome;
    }

    /// What the next sends do.
    pub fn set_send(&self, outcome: Outcome) {
        *lock(&self.inner.send) = outcome;
    }

    /// What the next speech requests do (`Fail`: as with no speech service).
    pub fn set_speech(&self, outcome: Outcome) {
        *lock(&self.inner.speech) = outcome;
    }

    /// Every call so far, oldest first.
    pub fn calls(&self) -> Vec<Call> {
        lock(&self.inner.calls).clone()
    }

    /// How many calls are waiting in [`Outcome::Hang`] now.
    pub fn hanging(&self) -> usize {
        *lock(&self.inner.hanging)
    }

    /// Lets every hanging call return (as failed), now and from now on.
    pub fn release(&self) {
        let (flag, wake) = &self.inner.released;
        *lock(flag) = true;
        wake.notify_all();
    }

    fn answer(&self, outcome: &Mutex<Outcome>) -> Result<(), EffectError> {
        let failure = EffectError::StandIn;
        let outcome = lock(outcome).clone();
        match outcome {
            Outcome::Succeed => Ok(()),
            Outcome::Fail(why) => Err(failure(why)),
            Outcome::Hang => {
                let (flag, wake) = &self.inner.released;
                let mut released = lock(flag);
                *lock(&self.inner.hanging) += 1;
                while !*released {
                    released = wake.wait(released).unwrap_or_else(PoisonError::into_inner);
                }
                *lock(&self.inner.hanging) -= 1;
                Err(failure("released after hanging".into()))
            }
        }
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        let (flag, wake) = &self.released;
        *flag.lock().unwrap_or_else(PoisonError::into_inner) = true;
        wake.notify_all();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Effects for RecordingEffects {
    fn print(
        &self,
        _settings: &Settings,
        name: &str,
        bytes: &[u8],
        _limit: Duration,
    ) -> Result<(), EffectError> {
        lock(&self.inner.calls).push(Call::Print {
            name: name.to_owned(),
            bytes: bytes.to_vec(),
        });
        self.answer(&self.inner.print)
    }

    fn send(&self, folder: &Path, stem: &str, files: &[(&str, &[u8])]) -> Result<(), EffectError> {
        lock(&self.inner.calls).push(Call::Send {
            folder: folder.to_owned(),
            stem: stem.to_owned(),
            files: files
                .iter()
                .map(|(ext, bytes)| ((*ext).to_owned(), bytes.to_vec()))
                .collect(),
        });
        self.answer(&self.inner.send)
    }

    fn stamp(&self) -> Stamp {
        self.inner.stamp.clone()
    }

    fn load_content(
        &self,
        source: &ContentSource,
        config: Option<&Path>,
    ) -> Result<Content, Vec<Problem>> {
        lock(&self.inner.calls).push(Call::LoadContent);
        Content::load_with_config(source.clone(), config)
    }

    fn speak(&self, speech: &crate::speech::Speech) -> Result<(), EffectError> {
        lock(&self.inner.calls).push(Call::Speak {
            language: speech.language.clone(),
            utterances: speech.utterances.clone(),
        });
        self.answer(&self.inner.speech)?;
        let mut reading = lock(&self.inner.reading);
        // As the service does: a request older than the one being said is dropped.
        if reading
            .as_ref()
            .is_none_or(|(said, _)| said.seq <= speech.seq)
        {
            *reading = (!speech.utterances.is_empty()).then(|| (speech.clone(), 0));
        }
        Ok(())
    }

    fn stop_speaking(&self, _seq: u64) -> Result<(), EffectError> {
        lock(&self.inner.calls).push(Call::StopSpeaking);
        *lock(&self.inner.reading) = None;
        Ok(())
    }

    fn forget_speech(&self, _seq: u64) -> Result<(), EffectError> {
        lock(&self.inner.calls).push(Call::ForgetSpeech);
        *lock(&self.inner.reading) = None;
        Ok(())
    }

    fn reading(&self) -> Option<crate::speech::Reading> {
        lock(&self.inner.reading)
            .as_ref()
            .map(|(speech, index)| crate::speech::Reading {
                seq: speech.seq,
                index: *index,
            })
    }
}
