//! The command-line tools for bundles: `vein-kiosk publish` and `vein-kiosk verify`, and the
//! kiosk's start-up (the last good bundle, and the thread that checks for newer ones).

use std::path::{Path, PathBuf};

use super::publish::{Publication, publish};
use super::{BundleError, Puller, Watch, fetch, pull};
use crate::content::{BundleSource, Content, ContentSource};

/// `vein-kiosk publish`: a report of what was written, or why nothing was.
pub fn publish_tool(
    content: &Path,
    out: &Path,
    version: u64,
    expires: Option<&str>,
    secret_key: &Path,
    config: Option<&Path>,
) -> Result<String, BundleError> {
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let (manifest, left_out) = publish(&Publication {
        content,
        out,
        version,
        expires,
        today: &today,
        secret_key,
        config,
        // Scripts give the password this way; otherwise minisign asks for it on the terminal.
        password: std::env::var("VEIN_KIOSK_KEY_PASSWORD").ok(),
    })?;
    let mut report = format!(
        "{}: content version {version}, {} files, signed; expires {}",
        out.display(),
        manifest.files.len(),
        expires.unwrap_or("never")
    );
    for file in left_out {
        report.push_str(&format!(
            "\nleft out: {file} (not a file kiosks read from a bundle)"
        ));
    }
    Ok(report)
}

/// `vein-kiosk verify`: whether the kiosk set up by `config` would take the bundle at `source`
/// (a URL or a folder) now, and if not, why.
pub fn verify_tool(source: &str, config: &Path) -> Result<String, BundleError> {
    let Some(content_source) = Content::content_source_in(config) else {
        // Say what is wrong with the file, or that it names no source.
        Content::load_with_config(ContentSource::BuiltIn, Some(config))
            .map_err(BundleError::Content)?;
        return Err(BundleError::Source(format!(
            "{} names no content_source (its public keys and cache)",
            config.display()
        )));
    };
    let url = if source.contains("://") {
        source.to_owned()
    } else {
        let folder = std::fs::canonicalize(source)
            .map_err(|e| BundleError::Source(format!("{source}: {e}")))?;
        format!("file://{}", folder.display())
    };
    let puller = Puller::new(
        &content_source,
        Some(config.to_path_buf()),
        fetch::FILE_TIME_LIMIT,
    )?
    .with_source(fetch::open(&url, fetch::FILE_TIME_LIMIT)?);
    let scratch = tempfile::tempdir()
        .map_err(|e| BundleError::Cache(format!("no room for a scratch folder: {e}")))?;
    let manifest = puller.check_into(scratch.path(), chrono::Local::now().date_naive())?;
    Ok(format!(
        "{url}: would be accepted: content version {} (created {}, expires {}), {} files, \
         signed by a key this kiosk knows, every file as signed, the content checked",
        manifest.content_version,
        manifest.created,
        manifest.expires.as_deref().unwrap_or("never"),
        manifest.files.len()
    ))
}

/// What a kiosk starts on and how it keeps up: `content` (as loaded) or the last good bundle,
/// the version shown, the settings file bundles are read with, and the content source (from the
/// content's settings, or from the settings file when those could not be used).
pub fn starting(content: Content, folder: Option<&Path>, config: Option<&Path>) -> Started {
    let settings_file = super::settings_file(folder, config);
    let source = content.settings.content_source.clone().or_else(|| {
        settings_file
            .as_deref()
            .and_then(Content::content_source_in)
    });
    let Some(source) = source else {
        return Started {
            content,
            in_use: None,
            settings_file,
            source: None,
        };
    };
    let (content, in_use) = pull::starting_content(
        content,
        &source,
        settings_file.clone(),
        chrono::Local::now().date_naive(),
    );
    Started {
        content,
        in_use,
        settings_file,
        source: Some(source),
    }
}

/// What a kiosk starts with (see [`starting`]).
pub struct Started {
    pub content: Content,
    /// The bundle version shown; None when not a bundle.
    pub in_use: Option<u64>,
    pub settings_file: Option<PathBuf>,
    pub source: Option<BundleSource>,
}

impl Started {
    /// Starts the thread that checks the content source (if any) every `check_minutes`.
    pub fn watch(&self, wake: impl Fn() + Send + 'static) -> Option<Watch> {
        let source = self.source.as_ref()?;
        let puller = match Puller::new(source, self.settings_file.clone(), fetch::FILE_TIME_LIMIT) {
            Ok(puller) => puller,
            Err(e) => {
                log::warn!("content will not be pulled: {e}");
                return None;
            }
        };
        log::info!(
            "checking {} for new content every {} min",
            puller.describe(),
            source.check_minutes
        );
        let every = std::time::Duration::from_secs(u64::from(source.check_minutes) * 60);
        match Watch::spawn(puller, every, self.in_use, wake) {
            Ok(watch) => Some(watch),
            Err(e) => {
                log::warn!("could not start the thread that checks for new content: {e}");
                None
            }
        }
    }
}
