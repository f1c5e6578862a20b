//! Starting and polling background jobs: the answers printed or sent, the staff test page. The
//! PDF is made on the job's thread too, so nothing here holds up a frame.

use std::time::Duration;

use super::App;
use crate::command::JobRequest;
use crate::effects::EffectError;
use crate::handout::Handout;
use crate::job::{Job, JobKind, JobStatus, TIME_LIMIT};
use crate::navigation::{Handoff, LeafletPrint};
use crate::selfcheck::Step;

impl App {
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
        let content = self.content.clone();
        let answers = check.flow.answers().clone();
        let language = self.session.language.clone();
        let effects = self.effects.clone();
        let shown = match kind {
            JobKind::SendAnswers => Handoff::Sending,
            JobKind::PrintAnswers | JobKind::PrintLeaflet | JobKind::TestPage | JobKind::Speak => {
                Handoff::Printing
            }
        };
        let job = Job::spawn(kind, now, TIME_LIMIT, move || {
            let when = effects.stamp();
            let patient = content.language(&language);
            let handout =
                Handout::new(&content, &answers, patient, &when).map_err(EffectError::Handout)?;
            let settings = &content.settings;
            match kind {
                JobKind::SendAnswers => {
                    let folder = settings
                        .handoff_folder
                        .as_deref()
                        .ok_or(EffectError::NotSet("no hand-off folder is set"))?;
                    effects.send(
                        std::path::Path::new(folder),
                        &handout.file_stem(&when),
                        &[("pdf", &handout.pdf), ("json", handout.fhir.as_bytes())],
                    )
                }
                JobKind::PrintAnswers | JobKind::TestPage | JobKind::PrintLeaflet => {
                    effects.print(settings, "answers.pdf", &handout.pdf, TIME_LIMIT)
                }
                JobKind::Speak => Err(EffectError::NotSet("reading aloud hands nothing over")),
            }
        });
        self.jobs.push(job);
        self.session.set_handoff(shown);
    }

    /// Staff: prints a test page.
    pub(super) fn start_test_page(&mut self, now: f64) {
        if self.jobs.iter().any(|j| j.kind() == JobKind::TestPage) {
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
        self.jobs.retain_mut(|job| match job.poll(now) {
            JobStatus::Running => true,
            status => {
                finished.push((job.kind(), status));
                false
            }
        });
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
                        JobStatus::Done | JobStatus::Running => Handoff::Printed,
                    });
                }
                JobKind::SendAnswers => {
                    self.session.set_handoff(match status {
                        JobStatus::Failed(why) => Handoff::SendFailed(why),
                        JobStatus::Done | JobStatus::Running => Handoff::Sent,
                    });
                }
                JobKind::PrintLeaflet => {
                    let print = match status {
                        JobStatus::Failed(why) => LeafletPrint::Failed(why),
                        JobStatus::Done | JobStatus::Running => LeafletPrint::Printed,
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
