//! One check for new content, start to finish, and the content a kiosk starts on.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;

use super::cache::{Cache, files_in};
use super::fetch::{self, Source};
use super::manifest::{MANIFEST, MAX_MANIFEST_BYTES, MAX_SIGNATURE_BYTES, Manifest, SIGNATURE};
use super::{BundleError, Keys, verify};
use crate::content::{BundleSource, Content, ContentSource, Problem};

/// What a check found.
#[derive(Debug)]
pub enum Pulled {
    /// The source offers the version already accepted.
    UpToDate { version: u64 },
    /// A newer bundle, checked, kept as the last good one, and loaded.
    New { version: u64, content: Box<Content> },
}

/// Everything one kiosk needs to pull: where from, whose signatures, where to keep it, and the
/// settings its content is checked with.
pub struct Puller {
    source: Box<dyn Source>,
    keys: Keys,
    cache: Cache,
    settings_file: Option<PathBuf>,
}

impl Puller {
    /// A puller for the settings' `content_source`.
    pub fn new(
        settings: &BundleSource,
        settings_file: Option<PathBuf>,
        time_limit: Duration,
    ) -> Result<Self, BundleError> {
        Ok(Self {
            source: fetch::open(&settings.url, time_limit)?,
            keys: Keys::from_lines(&settings.public_keys)?,
            cache: Cache::new(&settings.cache),
            settings_file,
        })
    }

    /// A puller reading from `source` instead of the settings' URL (`vein-kiosk verify`).
    pub fn with_source(mut self, source: Box<dyn Source>) -> Self {
        self.source = source;
        self
    }

    /// The cache.
    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    /// Where the bundles come from, for messages.
    pub fn describe(&self) -> String {
        self.source.describe()
    }

    /// Fetches the signed manifest and checks it against the keys, `today` and the last
    /// accepted version.
    fn manifest(&self, today: NaiveDate) -> Result<(Manifest, Vec<u8>, Vec<u8>), BundleError> {
        let signature = self.source.read(SIGNATURE, MAX_SIGNATURE_BYTES)?;
        let bytes = self.source.read(MANIFEST, MAX_MANIFEST_BYTES)?;
        let manifest = verify::manifest(&self.keys, &bytes, &signature, today)?;
        Ok((manifest, bytes, signature))
    }

    /// One check: if the source has a newer, valid bundle, downloads it, checks every file and
    /// the content, and makes it the last good one. `keep` is the version on screen, kept on
    /// disk until the kiosk switches.
    pub fn pull(&self, today: NaiveDate, keep: Option<u64>) -> Result<Pulled, BundleError> {
        let (manifest, bytes, signature) = self.manifest(today)?;
        let accepted = self.cache.current().map(|(v, _)| v);
        if accepted == Some(manifest.content_version) {
            return Ok(Pulled::UpToDate {
                version: manifest.content_version,
            });
        }
        verify::newer(&manifest, accepted)?;
        let staged = self.cache.stage()?;
        self.download(&manifest, |path, data| staged.write(path, data))?;
        staged.write(MANIFEST, &bytes)?;
        staged.write(SIGNATURE, &signature)?;
        staged.sync()?;
        let mut content = self.load(staged.path())?;
        let dir = self.cache.commit(staged, manifest.content_version, keep)?;
        content.source = ContentSource::Folder(dir);
        Ok(Pulled::New {
            version: manifest.content_version,
            content: Box::new(content),
        })
    }

    /// Everything a pull checks, into a folder of the caller's (nothing in the cache changes).
    /// The manifest, if the bundle would be accepted.
    pub fn check_into(&self, folder: &Path, today: NaiveDate) -> Result<Manifest, BundleError> {
        let (manifest, _, _) = self.manifest(today)?;
        verify::newer(&manifest, self.cache.current().map(|(v, _)| v))?;
        self.download(&manifest, |path, data| {
            let to = folder.join(path);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| BundleError::Cache(format!("{}: {e}", parent.display())))?;
            }
            std::fs::write(&to, data)
                .map_err(|e| BundleError::Cache(format!("{}: {e}", to.display())))
        })?;
        self.load(folder)?;
        Ok(manifest)
    }

    /// Reads each file the manifest lists, no more than its size, and checks its hash.
    fn download(
        &self,
        manifest: &Manifest,
        mut put: impl FnMut(&str, &[u8]) -> Result<(), BundleError>,
    ) -> Result<(), BundleError> {
        for entry in &manifest.files {
            // No more than the manifest's size is read: a file that goes on is refused there.
            let data = self
                .source
                .read(&entry.path, entry.size)
                .map_err(|e| match e {
                    BundleError::TooLarge { path, .. } => BundleError::FileChanged {
                        path,
                        why: format!(
                            "is larger than the {} bytes the manifest gives (changed after \
                             signing, or the server sends something else)",
                            entry.size
                        ),
                    },
                    other => other,
                })?;
            verify::file(entry, &data)?;
            put(&entry.path, &data)?;
        }
        Ok(())
    }

    /// Loads and checks the content in `folder` with this kiosk's settings, naming each
    /// problem by its path inside the bundle.
    fn load(&self, folder: &Path) -> Result<Content, BundleError> {
        let Some(settings_file) = &self.settings_file else {
            return Err(BundleError::Source(
                "a kiosk that pulls content needs its own settings file (--config)".into(),
            ));
        };
        Content::load_with_config(
            ContentSource::Folder(folder.to_path_buf()),
            Some(settings_file),
        )
        .map_err(|problems| BundleError::Content(inside(problems, folder)))
    }

    /// The last good bundle, checked again from disk (signature, every file's hash, no file
    /// more, the content) and loaded: what a kiosk starts on. An expired bundle is still shown
    /// (better than no clinic content at all) and said so in the log.
    pub fn last_good(&self, today: NaiveDate) -> Result<Option<(u64, Content)>, BundleError> {
        let Some((version, dir)) = self.cache.current() else {
            return Ok(None);
        };
        let folder = fetch::open(&format!("file://{}", dir.display()), Duration::ZERO)?;
        let signature = folder.read(SIGNATURE, MAX_SIGNATURE_BYTES)?;
        let bytes = folder.read(MANIFEST, MAX_MANIFEST_BYTES)?;
        self.keys.check(&bytes, &signature)?;
        let manifest = Manifest::parse(&bytes)?;
        if manifest.content_version != version {
            return Err(BundleError::Cache(format!(
                "holds version {} under the name v{version}",
                manifest.content_version
            )));
        }
        if let Err(BundleError::Expired { expired, .. }) =
            verify::manifest(&self.keys, &bytes, &signature, today)
        {
            log::warn!(
                "the content in use (version {version}) expired on {expired}; it is still shown \
                 until a newer one is published"
            );
        }
        let mut expected: Vec<String> = manifest.files.iter().map(|f| f.path.clone()).collect();
        expected.extend([MANIFEST.to_owned(), SIGNATURE.to_owned()]);
        expected.sort();
        if files_in(&dir) != expected {
            return Err(BundleError::Cache(format!(
                "folder {} holds files its manifest does not list, or lacks some",
                dir.display()
            )));
        }
        for entry in &manifest.files {
            verify::file(entry, &folder.read(&entry.path, entry.size)?)?;
        }
        Ok(Some((version, self.load(&dir)?)))
    }
}

/// Problems named by their path inside the bundle rather than the staging folder's.
fn inside(mut problems: Vec<Problem>, folder: &Path) -> Vec<Problem> {
    let prefix = format!("{}/", folder.display());
    for p in &mut problems {
        if let Some(rel) = p.file.strip_prefix(&prefix) {
            p.file = rel.to_owned();
        }
    }
    problems
}

/// The content a kiosk starts on: the last good bundle from `source` when the cache has one that
/// still checks out, else `content` as loaded. Also the version shown
/// (None: not a bundle). A cached bundle that fails its checks is forgotten, so the next pull
/// fetches a good one.
pub fn starting_content(
    content: Content,
    source: &BundleSource,
    settings_file: Option<PathBuf>,
    today: NaiveDate,
) -> (Content, Option<u64>) {
    let puller = match Puller::new(source, settings_file, fetch::FILE_TIME_LIMIT) {
        Ok(p) => p,
        Err(e) => {
            log::warn!("{e}");
            return (content, None);
        }
    };
    match puller.last_good(today) {
        Ok(Some((version, bundle))) => {
            log::info!("showing content version {version} from {}", source.cache);
            (bundle, Some(version))
        }
        Ok(None) => (content, None),
        Err(e) => {
            log::warn!("the last good content cannot be used ({e}); it will be fetched again");
            puller.cache().forget_current();
            (content, None)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// What a pull from a folder holding `signature` and `manifest` bytes says.
    fn pull_from(signature: &[u8], manifest: &[u8]) -> BundleError {
        let dir = tempfile::tempdir().unwrap();
        let bundle = dir.path().join("bundle");
        std::fs::create_dir(&bundle).unwrap();
        std::fs::write(bundle.join(SIGNATURE), signature).unwrap();
        std::fs::write(bundle.join(MANIFEST), manifest).unwrap();
        let settings = BundleSource {
            url: format!("file://{}", bundle.display()),
            public_keys: vec!["RWRINlDhlrNBDMS++q602zA+/ojp9BrOkq+oPRksqaEi2iSe0NPC0HEf".into()],
            check_minutes: 60,
            cache: dir.path().join("cache").display().to_string(),
        };
        let puller = Puller::new(&settings, None, Duration::from_secs(5)).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        match puller.pull(today, None) {
            Err(e) => e,
            Ok(_) => panic!("a pull of nothing signed succeeded"),
        }
    }

    #[test]
    fn a_manifest_up_to_256_kib_and_a_signature_up_to_4_kib_are_read_no_more() {
        let too_large = |e: BundleError| match e {
            BundleError::TooLarge { path, most, .. } => (path, most),
            other => panic!("{other}"),
        };
        assert_eq!(
            too_large(pull_from(&[b'x'; 4097], b"{}")),
            (SIGNATURE.to_owned(), 4096)
        );
        assert_eq!(
            too_large(pull_from(&[b'x'; 4096], &vec![b' '; 256 * 1024 + 1])),
            (MANIFEST.to_owned(), 262_144)
        );
        // At the limits both are read, and then the signature is what is wrong.
        let at_limits = pull_from(&[b'x'; 4096], &vec![b' '; 256 * 1024]);
        assert!(
            matches!(at_limits, BundleError::BadSignature(_)),
            "{at_limits}"
        );
    }
}
