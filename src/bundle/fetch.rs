//! Where a bundle's files are read from: a web server (`http://`, `https://`) or a folder
//! (`file://`, a USB stick or a mounted share). Every read has a size cap and, over the network,
//! a time limit, so a server that hangs or sends without end cannot hold the kiosk.

use std::path::PathBuf;
use std::time::Duration;

use super::BundleError;

/// How long one file may take to arrive over the network, start to end.
pub const FILE_TIME_LIMIT: Duration = Duration::from_secs(60);

/// A place a bundle's files are read from, by their path inside the bundle.
pub trait Source: Send {
    /// The bytes of `path`, refused if more than `most` of them.
    fn read(&self, path: &str, most: u64) -> Result<Vec<u8>, BundleError>;
    /// Where, for messages.
    fn describe(&self) -> String;
}

/// The source a `content_source` URL names.
pub fn open(url: &str, time_limit: Duration) -> Result<Box<dyn Source>, BundleError> {
    if let Some(path) = url.strip_prefix("file://") {
        if !path.starts_with('/') {
            return Err(BundleError::Source(format!(
                "\"{url}\" must be an absolute file URL (file:///media/usb/vein-kiosk/)"
            )));
        }
        return Ok(Box::new(Folder {
            root: PathBuf::from(path),
        }));
    }
    if url.starts_with("https://") || url.starts_with("http://") {
        let base = if url.ends_with('/') {
            url.to_owned()
        } else {
            format!("{url}/")
        };
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(time_limit))
            .max_redirects(3)
            .https_only(url.starts_with("https://"))
            .tls_config(tls)
            .user_agent(concat!("vein-kiosk/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        return Ok(Box::new(Web {
            base,
            agent,
            time_limit,
        }));
    }
    Err(BundleError::Source(format!(
        "\"{url}\" is not an http://, https:// or file:// address"
    )))
}

/// A folder: a USB stick or a mounted share.
struct Folder {
    root: PathBuf,
}

impl Source for Folder {
    fn read(&self, path: &str, most: u64) -> Result<Vec<u8>, BundleError> {
        let fail = |why: String| BundleError::Fetch {
            path: path.to_owned(),
            why,
        };
        // No part of the way may be a link: a bundle is plain files, and a link could lead
        // anywhere on the kiosk.
        let mut at = self.root.clone();
        for part in path.split('/') {
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(fail(
                        "is a symbolic link; a bundle holds only plain files".into(),
                    ));
                }
                Ok(_) => {}
                Err(e) => return Err(fail(format!("cannot be read: {e}"))),
            }
        }
        crate::content::limits::read_file(&at, Some(&self.root), most).map_err(|e| match e {
            crate::content::limits::ReadError::TooLarge { size, most } => BundleError::TooLarge {
                path: path.to_owned(),
                size,
                most,
            },
            other => fail(other.to_string()),
        })
    }

    fn describe(&self) -> String {
        format!("file://{}", self.root.display())
    }
}

/// A web server, through one agent (connections are reused within a pull).
struct Web {
    base: String,
    agent: ureq::Agent,
    time_limit: Duration,
}

impl Source for Web {
    fn read(&self, path: &str, most: u64) -> Result<Vec<u8>, BundleError> {
        let url = format!("{}{path}", self.base);
        let fail = |why: String| BundleError::Fetch {
            path: path.to_owned(),
            why,
        };
        let mut response = self
            .agent
            .get(&url)
            .call()
            .map_err(|e| fail(describe_error(&e, self.time_limit)))?;
        if let Some(length) = response.body().content_length()
            && length > most
        {
            return Err(BundleError::TooLarge {
                path: path.to_owned(),
                size: length,
                most,
            });
        }
        match response.body_mut().with_config().limit(most).read_to_vec() {
            Ok(bytes) => Ok(bytes),
            Err(ureq::Error::BodyExceedsLimit(_)) => Err(BundleError::TooLarge {
                path: path.to_owned(),
                size: most + 1,
                most,
            }),
            Err(e) => Err(fail(describe_error(&e, self.time_limit))),
        }
    }

    fn describe(&self) -> String {
        self.base.clone()
    }
}

/// A network error in words staff can act on.
fn describe_error(e: &ureq::Error, time_limit: Duration) -> String {
    match e {
        ureq::Error::StatusCode(code) => format!("the server answered {code}"),
        ureq::Error::Timeout(_) => format!(
            "the server did not send it within {} seconds",
            time_limit.as_secs_f32()
        ),
        ureq::Error::HostNotFound => "the server's name was not found (DNS)".into(),
        ureq::Error::ConnectionFailed => "the server could not be reached".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "nothing answers at that address (the server is down, or the port is wrong)".into()
        }
        ureq::Error::Io(io) => format!("the connection failed: {io}"),
        other => other.to_string(),
    }
}
