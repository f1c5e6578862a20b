//! SMART Backend Services against the test server's token endpoint, which checks each
//! assertion as SMART asks (signature with the registered public key, alg, kid, iss = sub =
//! client id, aud, exp at most five minutes ahead, jti never reused): one token for many sends,
//! a fresh one at once when the server answers 401 or when it nears its end, RS384 as well as
//! ES384, a key the server does not know waiting with a reason staff can act on, and
//! `vein-kiosk jwks` printing the key the server knows.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::{Value, json};
use vein_kiosk::outbox::{Auth, Outbox, Sender, SmartSettings};

use super::server::{Server, Smart, eventually};
use super::{assert_one_copy, config, pending, queue_visit, wait_drained};

const CLIENT: &str = "lobby-1-client";
const SCOPE: &str = "system/QuestionnaireResponse.write system/Device.write";

fn smart_auth(smart: &Smart, key: &Path) -> Auth {
    std::fs::write(key, &smart.private_key_pem).unwrap();
    Auth::Smart(SmartSettings {
        client_id: CLIENT.into(),
        token_url: smart.token_url.clone(),
        private_key_file: key.to_owned(),
        scope: SCOPE.into(),
        key_id: None,
    })
}

/// The FHIR POSTs' (status, Authorization) in order.
fn posts_with_tokens(server: &Server) -> Vec<(i64, String)> {
    server
        .log()
        .iter()
        .filter(|e| e["method"] == "POST")
        .map(|e| {
            (
                e["status"].as_i64().unwrap(),
                e["authorization"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn granted(server: &Server) -> Vec<Value> {
    server
        .tokens()
        .into_iter()
        .filter(|t| t["status"] == 200)
        .collect()
}

#[test]
fn one_token_serves_many_sends_and_a_401_fetches_a_fresh_one_at_once() {
    let server = Server::start();
    let smart = server.smart(CLIENT, "ES384", 300);
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("outbox");
    let outbox = Outbox::open(&folder).unwrap();
    let ids: Vec<_> = (0..3).map(|_| queue_visit(&outbox)).collect();
    let mut c = config(&server.base);
    c.auth = smart_auth(&smart, &dir.path().join("key.pem"));
    let sender = Sender::start(&folder, c).unwrap();
    wait_drained(&folder, Duration::from_secs(30));

    let tokens = server.tokens();
    assert_eq!(tokens.len(), 1, "one token for three sends: {tokens:#?}");
    assert_eq!(tokens[0]["status"], 200, "{tokens:#?}");
    assert_eq!(tokens[0]["alg"], "ES384");
    assert_eq!(
        tokens[0]["kid"],
        smart.kid.as_str(),
        "kid is the key's thumbprint"
    );
    assert_eq!(tokens[0]["scope"], SCOPE);
    let posts = posts_with_tokens(&server);
    assert_eq!(posts.len(), 3);
    assert!(
        posts.iter().all(|p| p.0 == 201 && p.1 == posts[0].1),
        "{posts:?}"
    );

    // The server forgets every token it gave (a restart, a revocation): the next send meets a
    // 401, fetches a fresh token and is delivered in the same try, not after a backoff.
    server.faults(&json!({ "revokeTokens": true }));
    let late = queue_visit(&outbox);
    sender.wake();
    wait_drained(&folder, Duration::from_secs(30));
    let status = sender.status();
    sender.stop();
    let posts = posts_with_tokens(&server);
    assert_eq!(posts.len(), 5, "{posts:?}");
    assert_eq!(posts[3].0, 401);
    assert_eq!(posts[4].0, 201);
    assert_ne!(posts[4].1, posts[3].1, "a new token");
    assert_eq!(granted(&server).len(), 2);
    assert_eq!(
        status.last_error, None,
        "the refresh is not an error staff see"
    );
    for id in ids.iter().chain([&late]) {
        assert_one_copy(&server, id);
    }
}

#[test]
fn a_token_near_its_end_is_renewed_before_use() {
    let server = Server::start();
    let smart = server.smart(CLIENT, "ES384", 2);
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("outbox");
    let outbox = Outbox::open(&folder).unwrap();
    queue_visit(&outbox);
    let mut c = config(&server.base);
    c.auth = smart_auth(&smart, &dir.path().join("key.pem"));
    let sender = Sender::start(&folder, c).unwrap();
    wait_drained(&folder, Duration::from_secs(30));
    std::thread::sleep(Duration::from_millis(2500)); // the token has expired
    queue_visit(&outbox);
    sender.wake();
    wait_drained(&folder, Duration::from_secs(30));
    sender.stop();
    let posts = posts_with_tokens(&server);
    assert_eq!(posts.iter().map(|p| p.0).collect::<Vec<_>>(), [201, 201]);
    assert_ne!(posts[0].1, posts[1].1);
    assert_eq!(
        granted(&server).len(),
        2,
        "renewed before use, not after a 401"
    );
}

#[test]
fn an_rsa_key_works_and_a_key_the_server_does_not_know_waits_with_a_reason() {
    let server = Server::start();
    // The first key is replaced before the kiosk starts: the server knows only the second.
    let unknown = server.smart(CLIENT, "RS384", 300);
    let known = server.smart(CLIENT, "RS384", 300);
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.pem");
    let folder = dir.path().join("outbox");
    let id = queue_visit(&Outbox::open(&folder).unwrap());
    let mut c = config(&server.base);
    c.auth = smart_auth(&unknown, &key);
    let sender = Sender::start(&folder, c).unwrap();
    eventually(
        Duration::from_secs(30),
        "the token endpoint refuses",
        || sender.status().last_error.is_some(),
    );
    let why = sender.status().last_error.unwrap();
    assert!(
        why.contains("token endpoint refused the kiosk") && why.contains("unknown kid"),
        "{why}"
    );
    assert!(why.contains("vein-kiosk jwks"), "says how to fix it: {why}");
    assert!(server.posts().is_empty(), "nothing sent without a token");
    assert_eq!(pending(&folder), 1, "the answers wait, not dead");

    // IT puts the registered key in place; the next try reads it.
    std::fs::write(&key, &known.private_key_pem).unwrap();
    wait_drained(&folder, Duration::from_secs(60));
    sender.stop();
    let last = server.tokens().pop().unwrap();
    assert_eq!(last["status"], 200);
    assert_eq!(last["alg"], "RS384");
    assert_one_copy(&server, &id);
}

/// Settings for the kiosk binary: the built-in ones with this FHIR server and SMART key.
fn settings(dir: &Path, server: &Server, smart: &Smart) -> PathBuf {
    let key = dir.join("kiosk-key.pem");
    std::fs::write(&key, &smart.private_key_pem).unwrap();
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/settings.ron"))
            .unwrap();
    let server = format!(
        "    kiosk_id: \"lobby-1\",\n    fhir_server: Some(FhirServer(\n        base_url: \"{}\",\n        \
         auth: SmartBackend(client_id: \"{CLIENT}\", token_url: \"{}\", private_key_file: \
         \"{}\", scope: \"system/Device.read\"),\n        outbox: \"{}\",\n    )),\n",
        server.base,
        smart.token_url,
        key.display(),
        dir.join("outbox").display()
    );
    let changed = base.replace(
        "    read_aloud: false,\n",
        &format!("    read_aloud: false,\n{server}"),
    );
    assert_ne!(changed, base);
    let file = dir.join("settings.ron");
    std::fs::write(&file, changed).unwrap();
    file
}

fn kiosk(settings: &Path, tool: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
        .arg("--config")
        .arg(settings)
        .arg(tool)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn jwks_prints_the_key_the_server_knows_and_fleet_signs_in_with_it() {
    let server = Server::start();
    let smart = server.smart(CLIENT, "ES384", 300);
    let dir = tempfile::tempdir().unwrap();
    let file = settings(dir.path(), &server, &smart);

    let (ok, printed) = kiosk(&file, "jwks");
    assert!(ok, "{printed}");
    let set: Value = serde_json::from_str(&printed).unwrap();
    let key = &set["keys"][0];
    assert_eq!(
        key["kid"],
        smart.kid.as_str(),
        "Node's thumbprint of the same key"
    );
    assert_eq!(key["kty"], "EC");
    assert_eq!(key["crv"], "P-384");
    assert_eq!(key["alg"], "ES384");
    assert!(key.get("d").is_none(), "never the private part: {printed}");

    // The staff's fleet command reaches the server through the same sign-in.
    let (ok, printed) = kiosk(&file, "fleet");
    assert!(ok, "{printed}");
    assert_eq!(granted(&server).len(), 1, "{printed}");
    assert!(server.log().iter().all(|e| e["status"] == 200));
}
