//! How the sender proves who it is ([`Credentials`]), and a bearer token kept in a file (`auth: Bearer(token_file: ...)`), read again whenever the file
//! changes (its size, modification time or inode), so a clinic's IT can rotate it without
//! restarting the kiosk, and after a 401.

use std::os::unix::fs::MetadataExt as _;
use std::path::PathBuf;
use std::time::SystemTime;

use super::smart::SmartClient;

/// The largest token or key file read (a JWT access token is a few kilobytes, a 4096-bit RSA
/// key in PEM about 3.3); [`AuthError::TooLarge`] says this number.
pub(super) const MOST: u64 = 64 * 1024;

/// How to make a key the kiosk can use, for error messages.
const MAKE_KEY: &str = "make one with `openssl genpkey -algorithm EC -pkeyopt \
                        ec_paramgen_curve:P-384 -out kiosk-key.pem` (or -algorithm RSA)";

/// Why the kiosk has no credentials to send with: each says what IT can do about it. The
/// request waits and is tried again; the words reach the staff menu.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// A token or key file could not be read.
    #[error("the {what} file {path} cannot be read: {source}")]
    Unreadable {
        /// "token" or "private key".
        what: &'static str,
        /// The file.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// A token or key file is larger than anything it should hold.
    #[error("the {what} file {path} is larger than {MOST} bytes")]
    TooLarge {
        /// "token" or "private key".
        what: &'static str,
        /// The file.
        path: String,
    },
    /// The token file is empty or holds more than one word.
    #[error("the token file {0} holds no single token")]
    NoSingleToken(String),
    /// The key file holds no PEM private key.
    #[error("the private key file {path} holds no PEM private key ({why}); {MAKE_KEY}")]
    NoKey {
        /// The file.
        path: String,
        /// The PEM reader's words.
        why: String,
    },
    /// A key of a kind SMART Backend Services does not sign with here (ES384 or RS384 only).
    #[error(
        "the private key in {path} is neither a P-384 nor an RSA key ({why}); SMART needs ES384 \
         or RS384: {MAKE_KEY}"
    )]
    KeyKind {
        /// The file.
        path: String,
        /// ring's words.
        why: String,
    },
    /// An EC key in SEC1 form, which needs converting to PKCS#8 first.
    #[error(
        "the key in {0} is in SEC1 form (BEGIN EC PRIVATE KEY); convert it with \
         `openssl pkcs8 -topk8 -nocrypt -in {0} -out kiosk-key.pem`"
    )]
    Sec1(String),
    /// The key did not sign, or no randomness or clock for the assertion.
    #[error("the assertion could not be made: {0}")]
    Assertion(&'static str),
    /// The token endpoint could not be asked.
    #[error("the token endpoint {url} could not be reached: {source}")]
    Unreachable {
        /// The token URL.
        url: String,
        /// What the HTTP client said.
        source: Box<ureq::Error>,
    },
    /// The token endpoint said no.
    #[error(
        "the token endpoint refused the kiosk ({code}{}{said}); check client_id, the registered \
         key (vein-kiosk jwks) and scope",
        if said.is_empty() { "" } else { ": " }
    )]
    Refused {
        /// Its HTTP status.
        code: u16,
        /// Its `error` and `error_description`.
        said: String,
    },
    /// The token endpoint answered 200 without a token.
    #[error("the token endpoint {0} gave no access_token")]
    NoAccessToken(String),
}

/// A token file and what was last read from it.
#[derive(Debug)]
pub struct TokenFile {
    path: PathBuf,
    seen: Option<((u64, u64, i64, i64), String)>,
}

impl TokenFile {
    /// The token kept in `path`.
    pub fn new(path: PathBuf) -> Self {
        Self { path, seen: None }
    }

    /// The token, read again if the file changed. An error in words staff can act on.
    pub fn get(&mut self) -> Result<String, AuthError> {
        let path = || self.path.display().to_string();
        let unreadable = |source| AuthError::Unreadable {
            what: "token",
            path: path(),
            source,
        };
        let meta = std::fs::metadata(&self.path).map_err(unreadable)?;
        let stamp = (meta.ino(), meta.len(), meta.mtime(), meta.mtime_nsec());
        if let Some((seen, token)) = &self.seen
            && *seen == stamp
        {
            return Ok(token.clone());
        }
        if meta.len() > MOST {
            return Err(AuthError::TooLarge {
                what: "token",
                path: path(),
            });
        }
        let text = std::fs::read_to_string(&self.path).map_err(unreadable)?;
        let token = text.trim().to_owned();
        if token.is_empty() || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(AuthError::NoSingleToken(path()));
        }
        self.seen = Some((stamp, token.clone()));
        Ok(token)
    }

    /// Forget what was read (after a 401: the next `get` reads the file again).
    pub fn forget(&mut self) {
        self.seen = None;
    }
}

/// How the sender proves who it is, kept between requests.
#[derive(Debug)]
pub enum Credentials {
    /// No `Authorization` header.
    None,
    /// A bearer token read from its file.
    Bearer(TokenFile),
    /// An access token from SMART Backend Services.
    Smart(Box<SmartClient>),
}

impl Credentials {
    /// Ready to use what the settings ask for.
    pub fn new(auth: &super::Auth) -> Self {
        match auth {
            super::Auth::None => Self::None,
            super::Auth::BearerFile(path) => Self::Bearer(TokenFile::new(path.clone())),
            super::Auth::Smart(settings) => {
                Self::Smart(Box::new(SmartClient::new(settings.clone())))
            }
        }
    }

    /// The `Authorization` header's value for the next request (None: send none). An error in
    /// words staff can act on; the request waits and is tried again.
    /// `agent` reaches a SMART token endpoint when a new access token is needed.
    pub fn authorization(&mut self, agent: &ureq::Agent) -> Result<Option<String>, AuthError> {
        let bearer = |t: String| Some(format!("Bearer {t}"));
        match self {
            Self::None => Ok(None),
            Self::Bearer(file) => file.get().map(bearer),
            Self::Smart(client) => client.token(agent, SystemTime::now()).map(bearer),
        }
    }

    /// The server answered 401: what was used is forgotten and fetched or read afresh next time.
    /// True when asking again at once may succeed (a SMART token that was held is refreshed);
    /// a token file is only read again on the next try, after the usual wait.
    pub fn rejected(&mut self) -> bool {
        match self {
            Self::None => false,
            Self::Bearer(file) => {
                file.forget();
                false
            }
            Self::Smart(client) => client.forget(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        let mut t = TokenFile::new(path.clone());
        assert!(t.get().unwrap_err().to_string().contains("cannot be read"));
        std::fs::write(&path, "abc\n").unwrap();
        assert_eq!(t.get().unwrap(), "abc");
        // A new file (rotation by rename) is a new inode even within the same second.
        let next = dir.path().join("token.new");
        std::fs::write(&next, "defg").unwrap();
        std::fs::rename(&next, &path).unwrap();
        assert_eq!(t.get().unwrap(), "defg");
        std::fs::write(&path, "two words").unwrap();
        assert!(matches!(t.get(), Err(AuthError::NoSingleToken(_))));
    }

    #[test]
    fn an_unchanged_file_is_not_read_again_until_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        std::fs::write(&path, "abc").unwrap();
        let mut credentials = Credentials::new(&crate::outbox::Auth::BearerFile(path.clone()));
        let agent = ureq::Agent::new_with_defaults();
        assert_eq!(
            credentials.authorization(&agent).unwrap().as_deref(),
            Some("Bearer abc")
        );
        // The same file, size and time, different words: what was read is used.
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::fs::write(&path, "xyz").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert_eq!(
            credentials.authorization(&agent).unwrap().as_deref(),
            Some("Bearer abc")
        );
        // After a 401 it is read again, on the next try (not at once).
        assert!(!credentials.rejected());
        assert_eq!(
            credentials.authorization(&agent).unwrap().as_deref(),
            Some("Bearer xyz")
        );
        let mut none = Credentials::new(&crate::outbox::Auth::None);
        assert_eq!(none.authorization(&agent).unwrap(), None);
        assert!(!none.rejected());
    }

    #[test]
    fn a_token_file_holds_one_token_of_at_most_64_kib() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        let mut t = TokenFile::new(path.clone());
        std::fs::write(&path, "a".repeat(64 * 1024)).unwrap();
        assert_eq!(t.get().unwrap().len(), 64 * 1024);
        std::fs::write(&path, "a".repeat(64 * 1024 + 1)).unwrap();
        let e = t.get().unwrap_err().to_string();
        assert!(e.ends_with("is larger than 65536 bytes"), "{e}");
        for bad in ["", " \n", "ab\u{7}c"] {
            std::fs::write(&path, bad).unwrap();
            assert!(
                matches!(t.get(), Err(AuthError::NoSingleToken(_))),
                "{bad:?}"
            );
        }
    }
}
