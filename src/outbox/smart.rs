//! SMART Backend Services (`auth: SmartBackend(...)`): how Epic, Oracle Health and Medplum
//! admit an unattended system. The kiosk signs a short-lived JWT with its private key (ES384 on
//! a P-384 key, or RS384 on an RSA key), posts it to the token endpoint as a
//! `client_assertion` with `grant_type=client_credentials`, and uses the access token it gets
//! back until shortly before it expires, or until the FHIR server answers 401.
//!
//! The key's public half is registered with the server once, as a JWK Set: `vein-kiosk jwks
//! --config FILE` prints it ([`jwks`]). Its `kid` is the settings' `key_id`, or else the key's
//! RFC 7638 thumbprint, so the kiosk and the printed set always agree.
//!
//! Signing is `ring`'s (already under rustls); nothing here holds a visitor's data.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use ring::rand::SystemRandom;
use ring::signature::{self, EcdsaKeyPair, KeyPair as _, RsaKeyPair};
use rustls_pki_types::PrivateKeyDer;
use rustls_pki_types::pem::PemObject as _;
use serde_json::{Value, json};

use super::token::{AuthError, MOST};

/// What SMART Backend Services needs, from the settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmartSettings {
    /// The client id the server registered for this kiosk (`iss` and `sub` of the assertion).
    pub client_id: String,
    /// The token endpoint (the assertion's `aud`).
    pub token_url: String,
    /// The kiosk's private key, PEM.
    pub private_key_file: PathBuf,
    /// The scopes asked for.
    pub scope: String,
    /// The `kid` the server knows the key by; None: its RFC 7638 thumbprint.
    pub key_id: Option<String>,
}

/// How long an assertion is valid (SMART allows at most five minutes).
const ASSERTION_LIFE: Duration = Duration::from_secs(240);
/// An access token's life when the server does not say.
const DEFAULT_LIFE: Duration = Duration::from_secs(300);
/// A token is fetched afresh this long before it expires (or at half its life, if shorter).
const MARGIN: Duration = Duration::from_secs(30);

/// The kiosk's signing key.
pub enum Key {
    /// ECDSA on P-384 with SHA-384.
    Es384(EcdsaKeyPair),
    /// RSA PKCS#1 v1.5 with SHA-384.
    Rs384(RsaKeyPair),
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.alg())
    }
}

impl Key {
    /// Reads a PEM private key: PKCS#8 (`BEGIN PRIVATE KEY`) holding a P-384 or RSA key, or
    /// PKCS#1 (`BEGIN RSA PRIVATE KEY`). An error in words IT can act on.
    pub fn read(path: &Path) -> Result<Self, AuthError> {
        let file = || path.display().to_string();
        let unreadable = |source| AuthError::Unreadable {
            what: "private key",
            path: file(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(unreadable)?;
        if meta.len() > MOST {
            return Err(AuthError::TooLarge {
                what: "private key",
                path: file(),
            });
        }
        let pem = std::fs::read(path).map_err(unreadable)?;
        let der = PrivateKeyDer::from_pem_slice(&pem).map_err(|e| AuthError::NoKey {
            path: file(),
            why: e.to_string(),
        })?;
        let rng = SystemRandom::new();
        let kind = |why: String| AuthError::KeyKind { path: file(), why };
        match &der {
            PrivateKeyDer::Pkcs8(p8) => {
                let bytes = p8.secret_pkcs8_der();
                if let Ok(ec) = EcdsaKeyPair::from_pkcs8(
                    &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
                    bytes,
                    &rng,
                ) {
                    return Ok(Self::Es384(ec));
                }
                RsaKeyPair::from_pkcs8(bytes)
                    .map(Self::Rs384)
                    .map_err(|e| kind(e.to_string()))
            }
            PrivateKeyDer::Pkcs1(p1) => RsaKeyPair::from_der(p1.secret_pkcs1_der())
                .map(Self::Rs384)
                .map_err(|e| kind(e.to_string())),
            PrivateKeyDer::Sec1(_) => Err(AuthError::Sec1(file())),
            _ => Err(kind("not a private key kind the kiosk knows".into())),
        }
    }

    /// `ES384` or `RS384`.
    pub fn alg(&self) -> &'static str {
        match self {
            Self::Es384(_) => "ES384",
            Self::Rs384(_) => "RS384",
        }
    }

    /// The public key as a JWK's required members, in RFC 7638's order (for the thumbprint).
    fn public_members(&self) -> Value {
        match self {
            Self::Es384(ec) => {
                // Uncompressed point: 0x04, then x and y of 48 bytes each.
                let point = ec.public_key().as_ref();
                let (x, y) = point[1..].split_at(48);
                json!({ "crv": "P-384", "kty": "EC", "x": B64.encode(x), "y": B64.encode(y) })
            }
            Self::Rs384(rsa) => {
                let parts = signature::RsaPublicKeyComponents::<Vec<u8>>::from(rsa.public());
                json!({ "e": B64.encode(&parts.e), "kty": "RSA", "n": B64.encode(&parts.n) })
            }
        }
    }

    /// The RFC 7638 thumbprint: SHA-256 of the required members, base64url.
    pub fn thumbprint(&self) -> String {
        // serde_json keeps object keys sorted (no preserve_order), as RFC 7638 asks.
        let canonical = self.public_members().to_string();
        B64.encode(ring::digest::digest(
            &ring::digest::SHA256,
            canonical.as_bytes(),
        ))
    }

    /// The public JWK to register, with its `kid`, `alg` and `use`.
    pub fn public_jwk(&self, kid: &str) -> Value {
        let mut jwk = self.public_members();
        jwk["kid"] = kid.into();
        jwk["alg"] = self.alg().into();
        jwk["use"] = "sig".into();
        jwk["key_ops"] = json!(["verify"]);
        jwk
    }

    /// Signs `message` (the JWT's `header.claims`).
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, AuthError> {
        let rng = SystemRandom::new();
        match self {
            Self::Es384(ec) => ec
                .sign(&rng, message)
                .map(|s| s.as_ref().to_vec())
                .map_err(|_| AuthError::Assertion("the key could not sign")),
            Self::Rs384(rsa) => {
                let mut out = vec![0; rsa.public().modulus_len()];
                rsa.sign(&signature::RSA_PKCS1_SHA384, &rng, message, &mut out)
                    .map_err(|_| AuthError::Assertion("the key could not sign"))?;
                Ok(out)
            }
        }
    }
}

/// The signed JWT the token endpoint is given: `iss` = `sub` = the client id, `aud` = the token
/// URL, a fresh `jti`, valid for four minutes from `now`.
pub fn assertion(
    key: &Key,
    kid: &str,
    settings: &SmartSettings,
    now: SystemTime,
    jti: &str,
) -> Result<String, AuthError> {
    let secs = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_err(|_| AuthError::Assertion("the clock is before 1970"))?
        .as_secs();
    let header = json!({ "alg": key.alg(), "kid": kid, "typ": "JWT" });
    let claims = json!({
        "iss": settings.client_id,
        "sub": settings.client_id,
        "aud": settings.token_url,
        "jti": jti,
        "iat": secs,
        "exp": secs + ASSERTION_LIFE.as_secs(),
    });
    let signed = format!(
        "{}.{}",
        B64.encode(header.to_string()),
        B64.encode(claims.to_string())
    );
    let signature = key.sign(signed.as_bytes())?;
    Ok(format!("{signed}.{}", B64.encode(signature)))
}

/// An access token and when to stop using it.
#[derive(Debug)]
struct Cached {
    token: String,
    refresh_at: SystemTime,
}

/// The SMART client the sender keeps: its key, read once, and the access token it holds.
#[derive(Debug)]
pub struct SmartClient {
    settings: SmartSettings,
    key: Option<Key>,
    cached: Option<Cached>,
}

impl SmartClient {
    /// A client for these settings; the key is read when first needed (so a key installed
    /// after the kiosk started is found).
    pub fn new(settings: SmartSettings) -> Self {
        Self {
            settings,
            key: None,
            cached: None,
        }
    }

    /// The access token to use at `now`: the cached one, or a new one from the token endpoint.
    pub fn token(&mut self, agent: &ureq::Agent, now: SystemTime) -> Result<String, AuthError> {
        if let Some(cached) = &self.cached
            && now < cached.refresh_at
        {
            return Ok(cached.token.clone());
        }
        self.cached = None;
        if self.key.is_none() {
            self.key = Some(Key::read(&self.settings.private_key_file)?);
        }
        let key = self
            .key
            .as_ref()
            .ok_or(AuthError::Assertion("the private key was not read"))?;
        let mut nonce = [0u8; 18];
        getrandom::fill(&mut nonce)
            .map_err(|_| AuthError::Assertion("the system gave no randomness"))?;
        let kid = kid(&self.settings, key);
        let jwt = assertion(key, &kid, &self.settings, now, &B64.encode(nonce))?;
        let (token, life) = fetch(agent, &self.settings, &jwt).inspect_err(|_| {
            // Read the key file again next time: IT may be putting the registered key in place.
            self.key = None;
        })?;
        let margin = MARGIN.min(life / 2);
        self.cached = Some(Cached {
            token: token.clone(),
            refresh_at: now + life.saturating_sub(margin),
        });
        Ok(token)
    }

    /// The FHIR server refused the token: forget it. True when one was held (so a fresh one
    /// may help at once).
    pub fn forget(&mut self) -> bool {
        self.cached.take().is_some()
    }
}

/// The `kid` the kiosk signs with.
fn kid(settings: &SmartSettings, key: &Key) -> String {
    settings.key_id.clone().unwrap_or_else(|| key.thumbprint())
}

/// Posts the assertion to the token endpoint; the access token and its life.
fn fetch(
    agent: &ureq::Agent,
    settings: &SmartSettings,
    jwt: &str,
) -> Result<(String, Duration), AuthError> {
    let url = &settings.token_url;
    let form = [
        ("grant_type", "client_credentials"),
        ("scope", settings.scope.as_str()),
        (
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ),
        ("client_assertion", jwt),
    ];
    let mut response = agent
        .post(url)
        .header("Accept", "application/json")
        .send_form(form)
        .map_err(|e| AuthError::Unreachable {
            url: url.clone(),
            source: Box::new(e),
        })?;
    let code = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(64 * 1024)
        .read_to_string()
        .unwrap_or_default();
    let body: Value = serde_json::from_str(&text).unwrap_or_default();
    if code != 200 {
        let error = body["error"].as_str().unwrap_or_default();
        let said = body["error_description"].as_str().unwrap_or_default();
        let said: String = format!("{error} {said}").trim().chars().take(300).collect();
        return Err(AuthError::Refused { code, said });
    }
    let token = body["access_token"]
        .as_str()
        .filter(|t| !t.is_empty() && !t.chars().any(char::is_whitespace))
        .ok_or_else(|| AuthError::NoAccessToken(url.clone()))?;
    let life = body["expires_in"]
        .as_u64()
        .map_or(DEFAULT_LIFE, Duration::from_secs);
    Ok((token.to_owned(), life))
}

/// The JWK Set to register with the server for these settings (`vein-kiosk jwks`).
pub fn jwks(settings: &SmartSettings) -> Result<Value, AuthError> {
    let key = Key::read(&settings.private_key_file)?;
    let kid = kid(settings, &key);
    Ok(json!({ "keys": [key.public_jwk(&kid)] }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A P-384 key made with ring (PKCS#8), written as PEM.
    fn es_key(dir: &Path) -> PathBuf {
        let rng = SystemRandom::new();
        let doc = EcdsaKeyPair::generate_pkcs8(&signature::ECDSA_P384_SHA384_FIXED_SIGNING, &rng)
            .unwrap();
        let pem = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            base64::engine::general_purpose::STANDARD.encode(doc.as_ref())
        );
        let path = dir.join("key.pem");
        std::fs::write(&path, pem).unwrap();
        path
    }

    fn settings(key: PathBuf) -> SmartSettings {
        SmartSettings {
            client_id: "lobby-1-client".into(),
            token_url: "https://auth.example.org/token".into(),
            private_key_file: key,
            scope: "system/QuestionnaireResponse.write".into(),
            key_id: None,
        }
    }

    #[test]
    fn the_assertion_says_who_for_whom_and_until_when_and_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings(es_key(dir.path()));
        let key = Key::read(&s.private_key_file).unwrap();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_465_100);
        let jwt = assertion(&key, "k1", &s, now, "n-1").unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: Value = serde_json::from_slice(&B64.decode(parts[0]).unwrap()).unwrap();
        let claims: Value = serde_json::from_slice(&B64.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(header, json!({"alg": "ES384", "kid": "k1", "typ": "JWT"}));
        assert_eq!(claims["iss"], "lobby-1-client");
        assert_eq!(claims["sub"], "lobby-1-client");
        assert_eq!(claims["aud"], "https://auth.example.org/token");
        assert_eq!(claims["jti"], "n-1");
        assert_eq!(claims["exp"].as_u64().unwrap() - 1_796_465_100, 240);
        // The signature verifies with the public key the JWK Set gives.
        let jwk = &jwks(&s).unwrap()["keys"][0];
        let mut point = vec![4u8];
        point.extend(B64.decode(jwk["x"].as_str().unwrap()).unwrap());
        point.extend(B64.decode(jwk["y"].as_str().unwrap()).unwrap());
        let public = signature::UnparsedPublicKey::new(&signature::ECDSA_P384_SHA384_FIXED, point);
        let signed = format!("{}.{}", parts[0], parts[1]);
        public
            .verify(signed.as_bytes(), &B64.decode(parts[2]).unwrap())
            .unwrap();
        assert_eq!(jwk["kid"], key.thumbprint());
        assert_eq!(jwk["alg"], "ES384");
    }

    #[test]
    fn keys_the_kiosk_cannot_use_are_named_with_the_way_out() {
        let dir = tempfile::tempdir().unwrap();
        let missing = Key::read(&dir.path().join("none.pem"))
            .unwrap_err()
            .to_string();
        assert!(missing.contains("cannot be read"), "{missing}");
        let junk = dir.path().join("junk.pem");
        std::fs::write(&junk, "not a key").unwrap();
        let said = Key::read(&junk).unwrap_err().to_string();
        assert!(said.contains("openssl genpkey"), "{said}");
        // A P-256 key is ES256, which this client does not sign with.
        let rng = SystemRandom::new();
        let p256 = EcdsaKeyPair::generate_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .unwrap();
        let path = dir.path().join("p256.pem");
        let pem = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            base64::engine::general_purpose::STANDARD.encode(p256.as_ref())
        );
        std::fs::write(&path, pem).unwrap();
        let said = Key::read(&path).unwrap_err().to_string();
        assert!(said.contains("neither a P-384 nor an RSA key"), "{said}");
    }

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/keys")
            .join(name)
    }

    #[test]
    fn an_rsa_key_in_pkcs1_signs_rs384_and_a_sec1_key_is_sent_to_be_converted() {
        let rsa = Key::read(&fixture("rsa-pkcs1.pem")).unwrap();
        assert_eq!(rsa.alg(), "RS384");
        // In a log line a key shows as its algorithm, never as its secret.
        assert_eq!(format!("{rsa:?}"), "RS384");
        assert_eq!(rsa.public_members()["kty"], "RSA");
        let sec1 = fixture("ec-sec1.pem");
        let said = Key::read(&sec1).unwrap_err().to_string();
        assert_eq!(
            said,
            format!(
                "the key in {0} is in SEC1 form (BEGIN EC PRIVATE KEY); convert it with \
                 `openssl pkcs8 -topk8 -nocrypt -in {0} -out kiosk-key.pem`",
                sec1.display()
            )
        );
        // What that command made of it is a key the kiosk signs with.
        let converted = Key::read(&fixture("ec-pkcs8-converted.pem")).unwrap();
        assert_eq!(converted.alg(), "ES384");
        // Each key's RFC 7638 thumbprint (its `kid`), worked out apart from the kiosk: the
        // public numbers from `openssl rsa -modulus` and `openssl ec -text`, put in the RFC's
        // JSON and hashed with Python's hashlib (see tests/fixtures/keys/README.md).
        assert_eq!(
            rsa.thumbprint(),
            "v7snpJ5RT6e0QbWWxfsFbvbkmfOPHc-2aHl3JUGhKwQ"
        );
        assert_eq!(
            converted.thumbprint(),
            "SjHA_irjyllW57xJvA6n5ZjJFTv3EKnGWeuak3LQjIg"
        );
    }

    #[test]
    fn a_key_file_is_read_up_to_64_kib() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.pem");
        std::fs::write(&path, vec![b'#'; 64 * 1024]).unwrap();
        let said = Key::read(&path).unwrap_err().to_string();
        assert!(
            said.contains("openssl genpkey"),
            "read, and no key found: {said}"
        );
        std::fs::write(&path, vec![b'#'; 64 * 1024 + 1]).unwrap();
        let said = Key::read(&path).unwrap_err().to_string();
        assert_eq!(
            said,
            format!(
                "the private key file {} is larger than 65536 bytes",
                path.display()
            )
        );
    }

    /// Points `client` at a one-request loopback token endpoint that answers `body`.
    fn endpoint(
        client: &mut SmartClient,
        answer: &'static str,
        body: &str,
    ) -> std::sync::mpsc::Receiver<String> {
        let (base, heard) = crate::outbox::tests::answer_once(answer, body.to_owned());
        client.settings.token_url = format!("{base}/token");
        heard
    }

    /// The agent the kiosk's sender uses (an HTTP error status is an answer, not a failure).
    fn kiosk_agent() -> ureq::Agent {
        crate::outbox::sender::agent(&crate::outbox::tests::plain_config(String::new()))
    }

    #[test]
    fn a_token_is_asked_for_with_a_signed_assertion_and_kept_until_its_margin() {
        let dir = tempfile::tempdir().unwrap();
        let mut client = SmartClient::new(settings(es_key(dir.path())));
        let agent = kiosk_agent();
        let at = |s: u64| SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000 + s);
        let token = r#"{"access_token":"first","token_type":"bearer","expires_in":100}"#;
        let heard = endpoint(&mut client, "200 OK", token);
        assert_eq!(client.token(&agent, at(0)).unwrap(), "first");
        let request = heard.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(request.starts_with("POST /token "), "{request}");
        for part in [
            "grant_type=client_credentials",
            "scope=system%2FQuestionnaireResponse.write",
            "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer",
            "client_assertion=ey",
        ] {
            assert!(request.contains(part), "{part}: {request}");
        }
        // Each endpoint answers once, so a token got again would fail here: a 100 s token is
        // used until 30 s before its end,
        assert_eq!(client.token(&agent, at(69)).unwrap(), "first");
        // (An access token may be a JWT of some kilobytes: this one is 6,000 characters.)
        let second = format!("second{}", "x".repeat(5994));
        let answer = format!(r#"{{"access_token":"{second}","expires_in":40}}"#);
        let heard = endpoint(&mut client, "200 OK", &answer);
        assert_eq!(client.token(&agent, at(70)).unwrap(), second);
        assert!(heard.recv_timeout(Duration::from_secs(10)).is_ok());
        // a 40 s one until half its life (20 s) is left,
        assert_eq!(client.token(&agent, at(89)).unwrap(), second);
        endpoint(&mut client, "200 OK", r#"{"access_token":"third"}"#);
        assert_eq!(client.token(&agent, at(90)).unwrap(), "third");
        // and one whose life is not said is taken as 300 s.
        assert_eq!(client.token(&agent, at(90 + 269)).unwrap(), "third");
        endpoint(&mut client, "200 OK", r#"{"access_token":"fourth"}"#);
        assert_eq!(client.token(&agent, at(90 + 270)).unwrap(), "fourth");
    }

    #[test]
    fn a_refusal_or_an_answer_without_a_token_is_said_with_the_way_out() {
        let dir = tempfile::tempdir().unwrap();
        let mut client = SmartClient::new(settings(es_key(dir.path())));
        let agent = kiosk_agent();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let refusal = r#"{"error":"invalid_client","error_description":"unknown kid"}"#;
        endpoint(&mut client, "400 Bad Request", refusal);
        assert_eq!(
            client.token(&agent, now).unwrap_err().to_string(),
            "the token endpoint refused the kiosk (400: invalid_client unknown kid); check \
             client_id, the registered key (vein-kiosk jwks) and scope"
        );
        for body in [r#"{"expires_in":300}"#, r#"{"access_token":"two words"}"#] {
            endpoint(&mut client, "200 OK", body);
            let url = client.settings.token_url.clone();
            assert_eq!(
                client.token(&agent, now).unwrap_err().to_string(),
                format!("the token endpoint {url} gave no access_token")
            );
        }
    }

    #[test]
    fn the_thumbprint_is_rfc_7638s() {
        // RFC 7638 section 3.1's example key and thumbprint.
        let members = json!({
            "e": "AQAB",
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
        });
        let digest = ring::digest::digest(&ring::digest::SHA256, members.to_string().as_bytes());
        assert_eq!(
            B64.encode(digest),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }

    #[test]
    fn a_refused_token_is_forgotten_and_a_fresh_one_may_help_only_if_one_was_held() {
        let dir = tempfile::tempdir().unwrap();
        let mut client = SmartClient::new(settings(dir.path().join("key.pem")));
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        client.cached = Some(Cached {
            token: "held".into(),
            refresh_at: now + Duration::from_secs(60),
        });
        // Held and fresh: used without asking the endpoint (none is reachable here).
        let agent = ureq::Agent::new_with_defaults();
        assert_eq!(client.token(&agent, now).unwrap(), "held");
        let mut credentials = crate::outbox::token::Credentials::Smart(Box::new(client));
        assert!(
            credentials.rejected(),
            "a held token was refused: ask again at once"
        );
        assert!(
            !credentials.rejected(),
            "nothing held: the next try waits its turn"
        );
    }
}
