//! Starts and stops the real FHIR server of `tests/fhir-server` (Medplum's engine under Node)
//! for one test, and speaks to its control port.
//!
//! Its npm packages come from `tests/fhir-server/node_modules` when someone installed them
//! there, or else are installed once with `npm ci` (exact versions from package-lock.json) into
//! `CARGO_TARGET_TMPDIR/fhir-server`, where they stay for later runs.

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;
use vein_kiosk::outbox::Identifier;

const FILES: [&str; 3] = ["package.json", "package-lock.json", "server.mjs"];

/// Node's version as (major, minor); Medplum 4.5 needs 20.19 or later.
fn node_version() -> (u32, u32) {
    let out = Command::new("node")
        .arg("--version")
        .output()
        .expect("node is installed (scripts/test installs it)");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.trim().trim_start_matches('v').split('.');
    let mut next = || parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (next(), next())
}

/// The folder to run `node server.mjs` in, with its node_modules.
fn folder() -> &'static Path {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let version = node_version();
        assert!(
            version >= (20, 19),
            "the test FHIR server (Medplum 4.5) needs Node 20.19 or later; this is {version:?}. \
             Debian 13 has it; on Debian 12 install NodeSource's nodejs 20"
        );
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fhir-server");
        if source.join("node_modules/@medplum/fhir-router").is_dir() {
            return source;
        }
        let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fhir-server");
        std::fs::create_dir_all(&cache).unwrap();
        let same_lock = std::fs::read(cache.join("package-lock.json")).ok()
            == std::fs::read(source.join("package-lock.json")).ok();
        for file in FILES {
            std::fs::copy(source.join(file), cache.join(file)).unwrap();
        }
        if !same_lock || !cache.join("node_modules/@medplum/fhir-router").is_dir() {
            let status = Command::new("npm")
                .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
                .current_dir(&cache)
                .status()
                .expect("npm is installed (scripts/test installs it)");
            assert!(status.success(), "npm ci in {}", cache.display());
        }
        cache
    })
}

/// What the server's SMART switch gives the kiosk's IT.
pub struct Smart {
    /// The private key, PKCS#8 PEM.
    pub private_key_pem: String,
    /// Where access tokens are asked for.
    pub token_url: String,
    /// The `kid` the server knows the key by.
    pub kid: String,
}

/// One running server, stopped when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/fhir/R4`
    pub base: String,
    control: String,
    agent: ureq::Agent,
}

impl Server {
    pub fn start() -> Self {
        Self::start_with(false)
    }

    /// The server over https, with a certificate for 127.0.0.1 signed by the test clinic
    /// authority `tests/fixtures/tls/clinic-ca.pem`.
    pub fn start_tls() -> Self {
        Self::start_with(true)
    }

    fn start_with(tls: bool) -> Self {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls");
        let mut command = Command::new("node");
        if tls {
            command
                .env("FHIR_TLS_CERT", fixtures.join("fhir-cert.pem"))
                .env("FHIR_TLS_KEY", fixtures.join("fhir-key.pem"));
        }
        let mut child = command
            .arg("server.mjs")
            .current_dir(folder())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = std::io::BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the FHIR server says where it listens");
        let ports: Vec<&str> = line.split_whitespace().skip(1).collect();
        assert_eq!(ports.len(), 2, "{line:?}");
        Self {
            child,
            base: format!(
                "{}://127.0.0.1:{}/fhir/R4",
                if tls { "https" } else { "http" },
                ports[0]
            ),
            control: format!("http://127.0.0.1:{}", ports[1]),
            agent: ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(30)))
                .http_status_as_error(false)
                .tls_config(
                    ureq::tls::TlsConfig::builder()
                        .root_certs(ureq::tls::RootCerts::new_with_certs(&[
                            ureq::tls::Certificate::from_pem(
                                &std::fs::read(fixtures.join("clinic-ca.pem")).unwrap(),
                            )
                            .unwrap(),
                        ]))
                        .build(),
                )
                .build()
                .new_agent(),
        }
    }

    /// Sets fault switches (see server.mjs), e.g. `json!({"down": true})`.
    pub fn faults(&self, set: &Value) {
        let reply = self
            .agent
            .post(format!("{}/faults", self.control))
            .send(set.to_string())
            .unwrap();
        assert_eq!(reply.status(), 200);
    }

    /// Every FHIR request the server saw, oldest first.
    pub fn log(&self) -> Vec<Value> {
        self.control_list("log")
    }

    /// Every SMART token request, oldest first: status, error, alg, kid.
    pub fn tokens(&self) -> Vec<Value> {
        self.control_list("tokens")
    }

    /// Switches SMART Backend Services on for `client_id`: the server makes a key pair (`alg`
    /// ES384 or RS384) and gives its private half, PEM, and the token URL; FHIR requests then
    /// need a token from there, valid `token_seconds`. The key's `kid` is its RFC 7638
    /// thumbprint as Node computes it.
    pub fn smart(&self, client_id: &str, alg: &str, token_seconds: u64) -> Smart {
        let mut reply = self
            .agent
            .post(format!("{}/smart", self.control))
            .send(
                serde_json::json!({"clientId": client_id, "alg": alg, "tokenSeconds": token_seconds})
                    .to_string(),
            )
            .unwrap();
        assert_eq!(reply.status(), 200);
        let said: Value =
            serde_json::from_str(&reply.body_mut().read_to_string().unwrap()).unwrap();
        let text = |k: &str| said[k].as_str().unwrap().to_owned();
        Smart {
            private_key_pem: text("privateKeyPem"),
            token_url: text("tokenUrl"),
            kid: text("kid"),
        }
    }

    fn control_list(&self, what: &str) -> Vec<Value> {
        let mut reply = self
            .agent
            .get(format!("{}/{what}", self.control))
            .call()
            .unwrap();
        serde_json::from_str::<Value>(&reply.body_mut().read_to_string().unwrap())
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    /// The POSTs the server saw: (If-None-Exist, status; negative: stored, reply cut).
    pub fn posts(&self) -> Vec<(String, i64)> {
        self.log()
            .iter()
            .filter(|e| e["method"] == "POST")
            .map(|e| {
                (
                    e["ifNoneExist"].as_str().unwrap_or_default().to_owned(),
                    e["status"].as_i64().unwrap(),
                )
            })
            .collect()
    }

    /// What `GET [base]/TYPE?identifier=system|value` finds, as staff would search.
    pub fn search(&self, resource_type: &str, identifier: &Identifier) -> Vec<Value> {
        let mut reply = self
            .agent
            .get(format!("{}/{resource_type}", self.base))
            .query("identifier", identifier.token())
            .header("x-harness", "staff")
            .call()
            .unwrap();
        assert_eq!(reply.status(), 200);
        let bundle: Value =
            serde_json::from_str(&reply.body_mut().read_to_string().unwrap()).unwrap();
        assert_eq!(bundle["resourceType"], "Bundle");
        bundle["entry"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e["resource"].clone())
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until `done` holds, checking every 50 ms, for at most `most`.
pub fn eventually(most: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < most, "not within {most:?}: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
