//! Starting and polling background jobs: the answers printed or sent, the staff test page. The
//! PDF is made on the job's thread too, so nothing here holds up a frame.

use std::time::Duration;

use super::App;
use crate::command::JobRequest;
use crate::handoff::Delivery;
use crate::handout::Handout;
use crate::job::{Job, JobKind, JobStatus, Lane, TIME_LIMIT};
use crate::navigation::{Channel, Handoff, HandoffState, LeafletPrint};
use crate::selfcheck::Step;

/// Why a job was refused while an earlier one on its channel has not ended (for staff, in small
/// print; the visitor is told plainly and offered the QR code).
fn busy_reason(lane: Lane) -> String {
    match lane {
        Lane::Printer => "the printer has not finished an earlier job".into(),
        Lane::Send => "an earlier send has not finished".into(),
        Lane::Speech => "the speech service is busy".into(),
    }
}

impl App {
    /// Whether a job nobody waits for any more still holds `lane` (ended ones are let go).
    fn lane_stuck(&mut self, lane: Lane) -> bool {
        self.abandoned.retain_mut(|job| !job.ended());
        self.abandoned.iter().any(|job| job.kind().lane() == lane)
    }

    /// The visitor is gone (or the content changed): their jobs are no one's any more, but each
    /// keeps its channel busy until its thread ends.
    pub(super) fn abandon_jobs(&mut self) {
        self.abandoned.append(&mut self.jobs);
    }

    /// Prints or sends the summary's answers, when the summary shows and nothing is running;
    /// or prints the take-home leaflet from a screen that offers it.
    pub(super) fn start_job(&mut self, request: JobRequest, now: f64) {
        match crate::handoff::chosen(request, &self.content.settings) {
            Some(channel) => self.start_handoff(channel, now),
            None => self.start_leaflet(now),
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
        if self.lane_stuck(Lane::Printer) {
            let why = busy_reason(Lane::Printer);
            log::warn!("leaflet not printed: {why}");
            self.session
                .set_leaflet(LeafletPrint::Failed(why), &self.content);
            return;
        }
        let content = self.content.clone();
        let language = self.session.language.clone();
        let effects = self.effects.clone();
        let job = Job::spawn(JobKind::PrintLeaflet, now, TIME_LIMIT, move || {
            let pdf = crate::handout::leaflet_pdf(&content, content.language(&language))?;
            effects.print(&content.settings, "leaflet.pdf", &pdf, TIME_LIMIT)
        });
        self.jobs.push(job);
        self.session
            .set_leaflet(LeafletPrint::Printing, &self.content);
    }

    /// Prints or sends the summary's answers through `channel`, when the summary shows and
    /// nothing is running.
    fn start_handoff(&mut self, channel: Channel, now: f64) {
        let kind = JobKind::Handoff(channel);
        let stuck = self.lane_stuck(kind.lane());
        let Some(check) = self.session.route.check() else {
            return;
        };
        if check.flow.step() != Step::Summary
            || self.session.handoff_running()
            || self
                .jobs
                .iter()
                .any(|j| matches!(j.kind(), JobKind::Handoff(_)))
        {
            return;
        }
        if stuck {
            let why = busy_reason(kind.lane());
            log::warn!("{kind:?} refused: {why}");
            self.session
                .set_handoff(Handoff::new(channel, HandoffState::Failed(why)));
            return;
        }
        let content = self.content.clone();
        let answers = check.flow.answers().clone();
        let language = self.session.language.clone();
        let effects = self.effects.clone();
        let record = self.fhir.as_ref().map(crate::outbox::Link::recorder);
        let job = Job::spawn(kind, now, TIME_LIMIT, move || {
            let when = effects.stamp();
            let handout = Handout::new(&content, &answers, content.language(&language), &when)?;
            crate::handoff::deliver(
                channel,
                &Delivery {
                    effects: &*effects,
                    settings: &content.settings,
                    handout: &handout,
                    when: &when,
                    record: record.as_ref(),
                },
            )
        });
        self.jobs.push(job);
        self.session
            .set_handoff(Handoff::new(channel, HandoffState::Running));
    }

    /// Staff: prints a test page.
    pub(super) fn start_test_page(&mut self, now: f64) {
        if self.jobs.iter().any(|j| j.kind() == JobKind::TestPage) {
            return;
        }
        if self.lane_stuck(Lane::Printer) {
            if let Some(kiosk) = &mut self.kiosk {
                kiosk.test_page = Some(JobStatus::Failed(busy_reason(Lane::Printer)));
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
                JobKind::Handoff(channel) => {
                    self.session
                        .set_handoff(Handoff::new(channel, status.into()));
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
