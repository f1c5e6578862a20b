//! Content pulled from a clinic group's source (`bundle`): taken in as the checking thread sends
//! it, and shown only between visitors.

use std::path::PathBuf;

use super::App;
use crate::bundle::{BundleStatus, Watch};
use crate::content::Content;

/// The app's side of pulling content.
pub(super) struct Pulling {
    watch: Watch,
    pub(super) status: BundleStatus,
    /// A newer bundle, checked and kept, waiting for nobody to be in a visit.
    waiting: Option<(u64, Box<Content>)>,
    /// The settings its content is read with (it has none of its own), for staff reloads too.
    pub(super) settings_file: Option<PathBuf>,
}

impl App {
    /// Takes new content from `watch` (started by the caller) and shows it between visitors.
    /// `in_use` is the version shown now (None: the content the kiosk was started with);
    /// `settings_file` the settings bundles are read with.
    #[must_use]
    pub fn pull_content(
        mut self,
        watch: Watch,
        in_use: Option<u64>,
        settings_file: Option<PathBuf>,
    ) -> Self {
        if let Some(link) = &self.fhir {
            link.set_content_version(in_use);
        }
        self.pulling = Some(Pulling {
            watch,
            status: BundleStatus {
                in_use,
                ..BundleStatus::default()
            },
            waiting: None,
            settings_file,
        });
        self
    }

    /// What staff are told about pulled content (None without a content source).
    pub fn bundle_status(&self) -> Option<&BundleStatus> {
        self.pulling.as_ref().map(|p| &p.status)
    }

    /// Takes in what the checking thread sent, and shows a waiting bundle once nobody is in a
    /// visit: the attract screen (or an untouched first screen), nothing being printed or sent,
    /// the staff menu closed.
    pub(super) fn take_content_updates(&mut self, ctx: &egui::Context, now: f64) {
        let Some(pulling) = &mut self.pulling else {
            return;
        };
        while let Some(update) = pulling.watch.next() {
            if let Some(new) = pulling.status.take(update) {
                pulling.waiting = Some(new);
            }
        }
        let staff_open = self
            .kiosk
            .as_ref()
            .is_some_and(|k| !matches!(k.staff, crate::kiosk::Staff::Closed));
        if pulling.waiting.is_none()
            || !self.session.between_visitors()
            || !self.jobs.is_empty()
            || staff_open
        {
            return;
        }
        let Some((version, content)) = pulling.waiting.take() else {
            return;
        };
        pulling.status.in_use = Some(version);
        if let Some(link) = &self.fhir {
            link.set_content_version(Some(version));
        }
        pulling.status.waiting = None;
        pulling.watch.showing(version);
        log::info!("now showing content version {version}");
        self.show_content(ctx, *content, now);
    }
}
