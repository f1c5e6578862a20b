//! Read aloud in the app: once the visitor turns it on, each new screen is read when it appears
//! (talking-touchscreen mode); a new screen, the idle warning or the wipe replaces or stops what
//! is being said; turning it off stops it. The speaking itself is a job through the effects seam.

use std::hash::{Hash, Hasher};
use std::time::Duration;

use super::App;
use crate::job::{Job, JobKind, JobStatus};
use crate::speech::Speech;

/// How long the speech service may take to take the words.
const SPEECH_LIMIT: Duration = Duration::from_secs(5);

/// What a speech job asked of the service, which says what its outcome shows: only words the
/// service took show that read aloud works; a stop or the end of a visit asks nothing of a
/// service that is not there, so their success shows nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asked {
    Words,
    Quiet,
}

/// What read-aloud has said and is doing.
#[derive(Debug, Default)]
pub(super) struct Reader {
    /// What was last handed to the service (a hash of the words and the visitor), if anything is
    /// being read.
    spoken: Option<u64>,
    /// Counts requests, so the service can drop one overtaken by a newer one.
    seq: u64,
    jobs: Vec<(Job, Asked)>,
    /// Staff's "Test read aloud", while it runs.
    staff_test: Option<Job>,
    /// Why speech does not work, for staff (shown small, and logged once).
    pub(super) problem: Option<String>,
    /// The last words handed to the service, with their request number, so the screen can mark
    /// the one being said.
    said: Option<(u64, Vec<String>)>,
    /// Whether the watcher runs: a thread that asks the service ten times a second which sentence
    /// it is saying and wakes the screen only when that changes (a sentence lasts seconds, so the
    /// screen is redrawn a few times per paragraph, not at a steady rate).
    watching: bool,
    /// Held while the app lives; the watcher stops when it goes.
    alive: std::sync::Arc<()>,
}

impl App {
    /// Hands the service what the screen says when it changed and read-aloud is on, or stops it.
    pub(super) fn follow_speech(&mut self, now: f64) {
        let wanted = self.words_to_read();
        let key = wanted.as_ref().map(|(key, _)| *key);
        if key == self.reader.spoken {
            return;
        }
        self.reader.spoken = key;
        match wanted {
            Some((_, utterances)) => self.read(utterances, now),
            None => {
                self.reader.seq += 1;
                let seq = self.reader.seq;
                self.reader.said = None;
                let effects = self.effects.clone();
                let job = Job::spawn(JobKind::Speak, now, SPEECH_LIMIT, move || {
                    effects.stop_speaking(seq)
                });
                self.reader.jobs.push((job, Asked::Quiet));
            }
        }
    }

    /// The end of a visit (Finish, Start again, the idle wipe, new content): the speech service
    /// drops everything queued and is let go of, so it keeps nothing of this visitor once it
    /// exits. What the screen says next is asked for afresh.
    pub(super) fn forget_speech(&mut self, now: f64) {
        self.reader.seq += 1;
        let seq = self.reader.seq;
        self.reader.said = None;
        self.reader.spoken = None;
        let effects = self.effects.clone();
        let job = Job::spawn(JobKind::Speak, now, SPEECH_LIMIT, move || {
            effects.forget_speech(seq)
        });
        self.reader.jobs.push((job, Asked::Quiet));
    }

    /// A new request to the service: the next number, the language shown and the clinic's voice
    /// and rate for it.
    fn next_speech(&mut self, utterances: Vec<String>) -> Speech {
        self.reader.seq += 1;
        let language = self.session.language.clone();
        let voice = self
            .content
            .settings
            .speech
            .get(&language)
            .cloned()
            .unwrap_or_default();
        Speech {
            seq: self.reader.seq,
            language,
            voice,
            utterances,
        }
    }

    /// Says `utterances` in place of whatever is being said, and remembers them so the screen can
    /// mark the one being said.
    fn read(&mut self, utterances: Vec<String>, now: f64) {
        let speech = self.next_speech(utterances);
        self.reader.said = Some((speech.seq, speech.utterances.clone()));
        let effects = self.effects.clone();
        let job = Job::spawn(JobKind::Speak, now, SPEECH_LIMIT, move || {
            effects.speak(&speech)
        });
        self.reader.jobs.push((job, Asked::Words));
    }

    /// The words read now, with a key that changes when they should be read again: nothing when
    /// read-aloud is off or between visitors; the idle warning while it shows; else the screen.
    fn words_to_read(&self) -> Option<(u64, Vec<String>)> {
        if !self.session.choices.read_aloud {
            return None;
        }
        let language = self.content.language(&self.session.language);
        let mut hasher = std::hash::DefaultHasher::new();
        self.session.generation().hash(&mut hasher);
        language.code.hash(&mut hasher);
        let warning = self.kiosk.as_ref().and_then(|k| k.warning_left);
        let words = match warning {
            Some(left) => {
                "idle warning".hash(&mut hasher);
                let seconds = left.ceil().max(1.0) as u32;
                crate::speech::idle_warning(language, seconds)
            }
            None => {
                let words = crate::speech::utterances(&self.content, language, &self.session.route);
                words.hash(&mut hasher);
                words
            }
        };
        (!words.is_empty()).then(|| (hasher.finish(), words))
    }

    /// A touched paragraph, said alone in place of whatever was being said (read-aloud on only).
    pub(super) fn say(&mut self, words: String, now: f64) {
        if !self.session.choices.read_aloud {
            return;
        }
        let sentences = crate::speech::sentences(&words)
            .into_iter()
            .map(str::to_owned)
            .collect();
        self.read(sentences, now);
    }

    /// Staff: says "read aloud works" through the service, in the language shown; the staff menu
    /// then says whether it did (and why not).
    pub(super) fn test_speech(&mut self, now: f64) {
        if self.reader.staff_test.is_some() {
            return;
        }
        // Whatever the screen says is read again after the test.
        self.reader.spoken = None;
        self.reader.said = None;
        let words = &self.content.language(&self.session.language).ui.staff;
        let speech = self.next_speech(vec![words.speech_works.clone()]);
        let effects = self.effects.clone();
        self.reader.staff_test = Some(Job::spawn(JobKind::Speak, now, SPEECH_LIMIT, move || {
            effects.speak(&speech)
        }));
    }

    /// The sentence being read aloud now, as the speech service tells it (None when silent, or
    /// when what it says is not what this screen asked for).
    pub fn reading_now(&self) -> Option<&str> {
        let (seq, words) = self.reader.said.as_ref()?;
        let reading = self.effects.reading()?;
        if reading.seq != *seq {
            return None;
        }
        words.get(reading.index).map(String::as_str)
    }

    /// Read-aloud threads (speaking, stopping, the staff test) whose work has not returned.
    pub(super) fn speech_threads_working(&self) -> usize {
        let jobs = self.reader.jobs.iter().map(|(job, _)| job);
        jobs.chain(&self.reader.staff_test)
            .filter(|job| job.working())
            .count()
    }

    /// How many read-aloud jobs (speaking, stopping, the staff test) are running, for tests
    /// that wait for them to end.
    pub fn speech_jobs_running(&self) -> usize {
        self.reader.jobs.len() + usize::from(self.reader.staff_test.is_some())
    }

    /// Checks on speech jobs; a failure is said to staff (log and a small note), once per reason.
    pub(super) fn poll_speech(&mut self, ctx: &egui::Context, now: f64) {
        let mut outcomes = Vec::new();
        self.reader
            .jobs
            .retain_mut(|(job, asked)| match job.poll(now) {
                JobStatus::Running => true,
                status => {
                    outcomes.push((status, *asked));
                    false
                }
            });
        if !self.reader.jobs.is_empty() || self.reader.staff_test.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if self.reader.said.is_some() && !self.reader.watching {
            self.reader.watching = true;
            let effects = self.effects.clone();
            let ctx = ctx.clone();
            let alive = std::sync::Arc::downgrade(&self.reader.alive);
            let watcher = std::thread::Builder::new()
                .name("read-aloud-mark".into())
                .spawn(move || {
                    let mut last = None;
                    while alive.strong_count() > 0 {
                        std::thread::sleep(Duration::from_millis(100));
                        let now = effects.reading();
                        if now != last {
                            last = now;
                            ctx.request_repaint();
                        }
                    }
                });
            if let Err(e) = watcher {
                log::warn!("read aloud: the sentence being said cannot be marked: {e}");
            }
        }
        if let Some(status) = self.reader.staff_test.as_mut().map(|job| job.poll(now))
            && status != JobStatus::Running
        {
            self.reader.staff_test = None;
            let words = &self.content.language(&self.session.language).ui.staff;
            let message = match &status {
                JobStatus::Failed(why) => {
                    log::warn!("staff speech test: read aloud does not work: {why}");
                    format!("{} {why}", words.speech_failed)
                }
                JobStatus::Done | JobStatus::Recorded(_) | JobStatus::Running => {
                    log::info!("staff speech test: read aloud works");
                    words.speech_works.clone()
                }
            };
            if let Some(kiosk) = &mut self.kiosk {
                kiosk.menu_message(message);
            }
            outcomes.push((status, Asked::Words));
        }
        for (status, asked) in outcomes {
            let problem = match (status, asked) {
                (JobStatus::Failed(why), Asked::Words | Asked::Quiet) => Some(why),
                (JobStatus::Done | JobStatus::Recorded(_), Asked::Words) => None,
                // Stopping or forgetting with no service there succeeds and shows nothing.
                (JobStatus::Done | JobStatus::Recorded(_) | JobStatus::Running, Asked::Quiet)
                | (JobStatus::Running, Asked::Words) => continue,
            };
            if problem != self.reader.problem {
                if let Some(why) = &problem {
                    log::warn!("read aloud does not work: {why}");
                } else {
                    log::info!("read aloud works again");
                }
                self.reader.problem = problem;
                ctx.request_repaint();
            }
        }
    }
}
