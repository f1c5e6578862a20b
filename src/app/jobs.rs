//! Starting and polling background jobs: the answers printed or sent, the staff test page. The
//! PDF is made on the job's thread too, so nothing here holds up a frame.

use std::time::Duration;

use super::App;
use crate::command::JobRequest;
use crate::effects::EffectError;
use crate::handout::Handout;
use crate::job::{Channel, Job, JobKind, JobStatus, TIME_LIMIT};
use crate::navigation::{Handoff, LeafletPrint};
use crate::selfcheck::Step;

/// Why a job was refused while an earlier one on its channel has not ended (for staff, in small
/// print; the visitor is told plainly and offered the QR code).
fn busy_reason(channel: Channel) -> String {
    match channel {
        Channel::Printer => "the printer has not finished an earlier job".into(),
        Channel::Send => "an earlier send has not finished".into(),
        Channel::Speech => "the speech service is busy".into(),
    }
}

impl App {
    /// Whether a job nobody waits for any more still holds `channel` (ended ones are let go).
    fn channel_stuck(&mut self, channel: Channel) -> bool {
        self.abandoned.retain_mut(|job| !job.ended());
        self.abandoned
            .iter()
            .any(|job| job.kind().channel() == channel)
    }

    /// The visitor is gone (or the content changed): their jobs are no one's any more, but each
    /// keeps its channel busy until its thread ends.
    pub(super) fn abandon_jobs(&mut self) {
        self.abandoned.append(&mut self.jobs);
    }

    /// Prints or sends the summary's answers, when the summary shows and nothing is running;
    /// or prints the take-home leaflet from a screen that offers it.
    pub(super) fn start_job(&mut self, request: JobRequest, now: f64) {
        let kind = match request {
            JobRequest::PrintAnswers => JobKind::PrintAnswers,
            JobRequest::SendToStaff => JobKind::SendAnswers,
            JobRequest::PrintLeaflet => JobKind::PrintLeaflet,
        };
        match kind {
            JobKind::PrintLeaflet => self.start_leaflet(now),
            JobKind::PrintAnswers | JobKind::SendAnswers => self.start_handoff(kind, now),
            JobKind::TestPage | JobKind::Speak => {}
        }
    }

    /// Prints the take-home leaflet in the visitor's language: only from a guide screen that
    /// offers it and where a printer is set. One at a time: asked again while one prints, the
    /// screen says it is printing.
    fn start_leaflet(&mut self, now: f64) {
        if !self.session.offers_leaflet(&self.content) || !self.content.settings.can_print() {
            return;
        }
        if self.jobs.iter().any(|j| j.kind() == JobKind::PrintLeaflet) {
            self.session
                .set_leaflet(LeafletPrint::Printing, &self.content);
            return;
        }
        if self.channel_stuck(Channel::Printer) {
            let why = busy_reason(Channel::Printer);
            log::warn!("leaflet not printed: {why}");
            self.session
                .set_leaflet(LeafletPrint::Failed(why), &self.content);
            return;
        }
        let content = self.content.clone();
        let language = self.session.language.clone();
        let effects = self.effects.clone();
        let job = Job::spawn(JobKind::PrintLeaflet, now, TIME_LIMIT, move || {
            let pdf = crate::handout::leaflet_pdf(&content, content.language(&language))
                .map_err(EffectError::Handout)?;
            effects.print(&content.settings, "leaflet.pdf", &pdf, TIME_LIMIT)
        });
        self.jobs.push(job);
        self.session
            .set_leaflet(LeafletPrint::Printing, &self.content);
    }

    /// Prints or sends the summary's answers, when the summary shows and nothing is running.
    fn start_handoff(&mut self, kind: JobKind, now: f64) {
        let stuck = self.channel_stuck(kind.channel());
        let Some(check) = self.session.route.check() else {
            return;
        };
        if check.flow.step() != Step::Summary
            || self.session.handoff_running()
            || self
                .jobs
                .iter()
                .any(|j| matches!(j.kind(), JobKind::PrintAnswers | JobKind::SendAnswers))
        {
            return;
        }
        if stuck {
            let why = busy_reason(kind.channel());
            log::warn!("{kind:?} refused: {why}");
            self.session.set_handoff(match kind {
                JobKind::SendAnswers => Handoff::SendFailed(why),
                JobKind::PrintAnswers
                | JobKind::PrintLeaflet
                | JobKind::TestPage
                | JobKind::Speak => Handoff::PrintFailed(why),
            });
            return;
        }
        let content = self.content.clone();
        let answers = check.flow.answers().clone();
        let language = self.session.language.clone();
        let effects = self.effects.clone();
        let job = match kind {
            JobKind::SendAnswers => {
                let record = self.fhir.as_ref().map(crate::outbox::Link::recorder);
                if content.settings.fhir_server.is_some() && record.is_none() {
                    // The outbox could not be opened at start (staff were told): say so now.
                    Job::spawn(kind, now, TIME_LIMIT, || -> Result<(), EffectError> {
                        Err(EffectError::Record(
                            "the FHIR outbox is not open (see the staff menu)".into(),
                        ))
                    })
                } else {
                    Job::spawn(kind, now, TIME_LIMIT, move || {
                        let when = effects.stamp();
                        let handout =
                            Handout::new(&content, &answers, content.language(&language), &when)
                                .map_err(EffectError::Handout)?;
                        send(
                            &*effects,
                            &content.settings,
                            record.as_ref(),
                            &handout,
                            &when,
                        )
                    })
                }
            }
            JobKind::PrintAnswers | JobKind::PrintLeaflet | JobKind::TestPage | JobKind::Speak => {
                Job::spawn(kind, now, TIME_LIMIT, move || {
                    let when = effects.stamp();
                    let handout =
                        Handout::new(&content, &answers, content.language(&language), &when)
                            .map_err(EffectError::Handout)?;
                    effects.print(&content.settings, "answers.pdf", &handout.pdf, TIME_LIMIT)
                })
            }
        };
        let shown = match kind {
            JobKind::SendAnswers => Handoff::Sending,
            JobKind::PrintAnswers | JobKind::PrintLeaflet | JobKind::TestPage | JobKind::Speak => {
                Handoff::Printing
            }
        };
        self.jobs.push(job);
        self.session.set_handoff(shown);
    }

    /// Staff: prints a test page.
    pub(super) fn start_test_page(&mut self, now: f64) {
        if self.jobs.iter().any(|j| j.kind() == JobKind::TestPage) {
            return;
        }
        if self.channel_stuck(Channel::Printer) {
            if let Some(kiosk) = &mut self.kiosk {
                kiosk.test_page = Some(JobStatus::Failed(busy_reason(Channel::Printer)));
            }
            return;
        }
        let settings = self.content.settings.clone();
        let effects = self.effects.clone();
        let page = format!(
            "vein-kiosk test page\n\n{}\n\nIf you can read this, printing works.\n",
            settings.clinic_name
        );
        self.jobs
            .push(Job::spawn(JobKind::TestPage, now, TIME_LIMIT, move || {
                effects.print(&settings, "test-page.txt", page.as_bytes(), TIME_LIMIT)
            }));
        if let Some(kiosk) = &mut self.kiosk {
            kiosk.test_page = Some(JobStatus::Running);
        }
    }

    /// Checks on every job once per frame; shows what finished, and keeps drawing while any
    /// runs so its end is seen.
    pub(super) fn poll_jobs(&mut self, ctx: &egui::Context, now: f64) {
        let mut finished = Vec::new();
        for mut job in std::mem::take(&mut self.jobs) {
            match job.poll(now) {
                JobStatus::Running => self.jobs.push(job),
                status => {
                    finished.push((job.kind(), status));
                    if job.timed_out() {
                        self.abandoned.push(job);
                    }
                }
            }
        }
        self.abandoned.retain_mut(|job| !job.ended());
        if !self.jobs.is_empty() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        for (kind, status) in finished {
            ctx.request_repaint();
            if let JobStatus::Failed(why) = &status {
                // For staff, in the log; the reason names no patient and no answer.
                log::warn!("{kind:?} failed: {why}");
            }
            match kind {
                JobKind::PrintAnswers => {
                    self.session.set_handoff(match status {
                        JobStatus::Failed(why) => Handoff::PrintFailed(why),
                        JobStatus::Done | JobStatus::Recorded(_) | JobStatus::Running => {
                            Handoff::Printed
                        }
                    });
                }
                JobKind::SendAnswers => {
                    self.session.set_handoff(match status {
                        JobStatus::Failed(why) => Handoff::SendFailed(why),
                        JobStatus::Recorded(receipt) => Handoff::Recorded {
                            reference: receipt.reference,
                            delivered: receipt.delivered,
                        },
                        JobStatus::Done | JobStatus::Running => Handoff::Sent,
                    });
                }
                JobKind::PrintLeaflet => {
                    let print = match status {
                        JobStatus::Failed(why) => LeafletPrint::Failed(why),
                        JobStatus::Done | JobStatus::Recorded(_) | JobStatus::Running => {
                            LeafletPrint::Printed
                        }
                    };
                    self.session.set_leaflet(print, &self.content);
                }
                JobKind::TestPage => {
                    if let Some(kiosk) = &mut self.kiosk {
                        kiosk.test_page = Some(status);
                    }
                }
                // Speech jobs are the reader's own (app/speech.rs).
                JobKind::Speak => {}
            }
        }
    }
}

/// How long "Sending…" waits for the FHIR server to confirm before the screen says the answers
/// are on their way (they are safe in the outbox either way).
const CONFIRM_WAIT: Duration = Duration::from_secs(4);

/// "Send to staff": into the clinic's FHIR outbox when a server is set (the reference back),
/// and into the hand-off folder when one is set. With both, the record is what the visitor is
/// told about; a folder that fails beside it is logged for staff.
fn send(
    effects: &dyn crate::effects::Effects,
    settings: &crate::content::Settings,
    record: Option<&crate::outbox::Recorder>,
    handout: &Handout,
    when: &crate::handout::Stamp,
) -> Result<crate::job::Finished, EffectError> {
    let to_folder = || -> Result<(), EffectError> {
        let folder = settings
            .handoff_folder
            .as_deref()
            .ok_or(EffectError::NotSet("no hand-off folder is set"))?;
        effects.send(
            std::path::Path::new(folder),
            &handout.file_stem(when),
            &[("pdf", &handout.pdf), ("json", handout.fhir.as_bytes())],
        )
    };
    let Some(record) = record else {
        return to_folder().map(Into::into);
    };
    let resource: serde_json::Value = serde_json::from_str(&handout.fhir)
        .map_err(|e| EffectError::Record(format!("the answers' FHIR form: {e}")))?;
    let receipt = record
        .record(&resource, CONFIRM_WAIT)
        .map_err(|e| EffectError::Record(e.to_string()))?;
    if settings.handoff_folder.is_some()
        && let Err(why) = to_folder()
    {
        log::warn!("the answers are in the FHIR outbox, but the hand-off folder failed: {why}");
    }
    Ok(receipt.into())
}
