//! The outbox and its sender against a real FHIR R4 server on loopback (Medplum's engine, see
//! `tests/fhir-server/server.mjs`): exactly one copy whatever the network does, dead letters
//! for what the server refuses, order kept, and nothing lost or doubled by a `kill -9`. Everything
//! the kiosk sends is also checked by a second validator pinned to FHIR 4.0.1 (`validator.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod full_disk;
mod kill;
mod kiosk;
pub mod server;
mod smart;
mod status;
mod tls;
mod usage;
mod validator;

use std::path::Path;
use std::time::{Duration, SystemTime};

use serde_json::json;
use vein_kiosk::content::Content;
use vein_kiosk::outbox::{
    Auth, Identifier, Outbox, Sender, SenderConfig, default_system, identify,
};
use vein_kiosk::selfcheck::answers_file;
use vein_kiosk::selfcheck::fhir::response;

use server::{Server, eventually};

fn config(base: &str) -> SenderConfig {
    SenderConfig {
        base_url: base.to_owned(),
        auth: Auth::None,
        ca_certs: Vec::new(),
        timeout: Duration::from_secs(5),
        idle_poll: Duration::from_millis(100),
    }
}

/// A visitor's answers as the kiosk would send them, under a fresh reference.
fn queue_visit(outbox: &Outbox) -> Identifier {
    static CONTENT: std::sync::OnceLock<Content> = std::sync::OnceLock::new();
    let c = CONTENT.get_or_init(|| Content::built_in().unwrap());
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/answers-many-symptoms-both-legs.ron");
    let answers = answers_file::read(&fixture, &c.selfcheck).unwrap();
    let words = &c.default_language().selfcheck;
    outbox
        .put_new(&default_system("lobby-1"), SystemTime::now(), |id| {
            let mut r = response(&c.selfcheck, words, &answers, "2026-12-05T10:00:00Z", "en");
            identify(&mut r, id);
            r
        })
        .unwrap()
}

fn pending(folder: &Path) -> u64 {
    Outbox::open(folder)
        .unwrap()
        .counts(SystemTime::now())
        .unwrap()
        .pending
}

fn wait_drained(folder: &Path, most: Duration) {
    eventually(most, "the outbox drains", || pending(folder) == 0);
}

/// Exactly one copy on the server, carrying the reference and nothing that names a person.
fn assert_one_copy(server: &Server, id: &Identifier) {
    let found = server.search("QuestionnaireResponse", id);
    assert_eq!(found.len(), 1, "{found:#?}");
    let r = &found[0];
    assert_eq!(r["identifier"], id.to_json());
    let text = r.to_string();
    for never in [
        "\"subject\"",
        "\"name\"",
        "\"birthDate\"",
        "\"author\"",
        "\"source\"",
    ] {
        assert!(!text.contains(never), "{never} sent: {text}");
    }
}

#[test]
fn a_send_arrives_exactly_once_and_staff_find_it_by_its_reference() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let id = queue_visit(&outbox);
    assert!(
        id.value.len() == 7 && id.value.as_bytes()[3] == b'-',
        "{id:?}"
    );
    let sender = Sender::start(dir.path(), config(&server.base)).unwrap();
    wait_drained(dir.path(), Duration::from_secs(30));
    assert_one_copy(&server, &id);
    let posts = server.posts();
    let search = format!("identifier={}&authored=2026-12-05T10:00:00Z", id.token());
    assert_eq!(posts, [(search, 201)]);
    let status = sender.status();
    assert_eq!(status.delivered, 1);
    assert!(status.last_success.is_some() && status.last_error.is_none());
    sender.stop();
}

#[test]
fn a_reply_lost_after_storing_still_leaves_exactly_one() {
    let server = Server::start();
    server.faults(&json!({ "loseReplies": 1 }));
    let dir = tempfile::tempdir().unwrap();
    let id = queue_visit(&Outbox::open(dir.path()).unwrap());
    let sender = Sender::start(dir.path(), config(&server.base)).unwrap();
    wait_drained(dir.path(), Duration::from_secs(30));
    sender.stop();
    let statuses: Vec<i64> = server.posts().iter().map(|p| p.1).collect();
    // Stored (201) but the reply cut, then the retry finds it (200) and stores nothing.
    assert_eq!(statuses, [-201, 200]);
    assert_one_copy(&server, &id);
}

#[test]
fn slow_and_failing_servers_are_retried_without_a_second_copy() {
    let server = Server::start();
    // Slower than the sender waits: it gives up, the server stores it anyway, the retry finds
    // it. Then two 500s and a 429 with Retry-After.
    server.faults(&json!({ "slowMs": 1500, "fail500": 2, "fail429": 1, "retryAfter": "1" }));
    let dir = tempfile::tempdir().unwrap();
    let id = queue_visit(&Outbox::open(dir.path()).unwrap());
    let mut c = config(&server.base);
    c.timeout = Duration::from_secs(1);
    let sender = Sender::start(dir.path(), c).unwrap();
    eventually(Duration::from_secs(30), "three failed tries", || {
        server.posts().len() >= 3
    });
    server.faults(&json!({ "slowMs": 0 }));
    wait_drained(dir.path(), Duration::from_secs(60));
    sender.stop();
    let statuses: Vec<i64> = server.posts().iter().map(|p| p.1).collect();
    assert!(statuses.starts_with(&[500, 500, 429]), "{statuses:?}");
    assert_one_copy(&server, &id);
}

#[test]
fn down_then_restarted_kiosk_delivers_once_when_the_server_is_back() {
    let server = Server::start();
    server.faults(&json!({ "down": true }));
    let dir = tempfile::tempdir().unwrap();
    let id = queue_visit(&Outbox::open(dir.path()).unwrap());
    let sender = Sender::start(dir.path(), config(&server.base)).unwrap();
    eventually(Duration::from_secs(30), "a failed try", || {
        Outbox::open(dir.path()).unwrap().list().unwrap()[0].attempts >= 1
    });
    let listed = Outbox::open(dir.path()).unwrap().list().unwrap();
    assert!(
        listed[0].last_error.as_deref().unwrap().contains("reached")
            || listed[0]
                .last_error
                .as_deref()
                .unwrap()
                .contains("connection"),
        "{listed:?}"
    );
    assert!(sender.status().last_error.is_some());
    sender.stop(); // the kiosk goes away with the answers still queued
    server.faults(&json!({ "down": false }));
    let sender = Sender::start(dir.path(), config(&server.base)).unwrap();
    wait_drained(dir.path(), Duration::from_secs(30));
    sender.stop();
    assert_eq!(
        server.posts().len(),
        1,
        "nothing reached the server while it was down"
    );
    assert_one_copy(&server, &id);
}

#[test]
fn a_bad_request_becomes_a_dead_letter_and_the_queue_goes_on() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let system = default_system("lobby-1");
    outbox
        .put_new(&system, SystemTime::now(), |id| {
            let mut bad = json!({ "resourceType": "QuestionnaireResponse", "status": "completed",
                                  "answerz": "not an R4 element" });
            identify(&mut bad, id);
            bad
        })
        .unwrap();
    let good = queue_visit(&outbox);
    let sender = Sender::start(dir.path(), config(&server.base)).unwrap();
    wait_drained(dir.path(), Duration::from_secs(30));
    sender.stop();
    assert_one_copy(&server, &good);
    let counts = outbox.counts(SystemTime::now()).unwrap();
    assert_eq!((counts.pending, counts.dead), (0, 1));
    let listed = outbox.list().unwrap();
    let reason = listed[0].dead.as_deref().unwrap();
    assert!(
        reason.contains("400") && reason.contains("answerz"),
        "{reason}"
    );
    // Staff put it back; the server refuses it again, and it is dead again, not lost.
    assert_eq!(outbox.retry_dead(SystemTime::now()).unwrap(), 1);
    let sender = Sender::start(dir.path(), config(&server.base)).unwrap();
    eventually(Duration::from_secs(30), "dead again", || {
        outbox.counts(SystemTime::now()).unwrap().dead == 1
    });
    sender.stop();
}

#[test]
fn the_token_comes_from_its_file_and_a_401_waits_for_a_good_one() {
    let server = Server::start();
    server.faults(&json!({ "token": "right-token" }));
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("fhir-token");
    std::fs::write(&token, "old-token\n").unwrap();
    let folder = dir.path().join("outbox");
    let id = queue_visit(&Outbox::open(&folder).unwrap());
    let mut c = config(&server.base);
    c.auth = Auth::BearerFile(token.clone());
    let sender = Sender::start(&folder, c).unwrap();
    eventually(Duration::from_secs(30), "a 401", || {
        server.posts().iter().any(|p| p.1 == 401)
    });
    assert_eq!(pending(&folder), 1, "a 401 keeps the answers queued");
    std::fs::write(&token, "right-token\n").unwrap(); // IT rotates the token
    wait_drained(&folder, Duration::from_secs(30));
    sender.stop();
    let log = server.log();
    assert_eq!(log.last().unwrap()["authorization"], "Bearer right-token");
    assert_eq!(log[0]["authorization"], "Bearer old-token");
    server.faults(&json!({ "token": null })); // staff's search below brings no token
    assert_one_copy(&server, &id);
}

#[test]
fn a_thousand_queued_sends_drain_in_order() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let ids: Vec<Identifier> = (0..1000).map(|_| queue_visit(&outbox)).collect();
    let sender = Sender::start(dir.path(), config(&server.base)).unwrap();
    let start = std::time::Instant::now();
    wait_drained(dir.path(), Duration::from_secs(300));
    let took = start.elapsed();
    sender.stop();
    eprintln!(
        "1000 sends drained in {took:?} ({:.0}/s)",
        1000.0 / took.as_secs_f64()
    );
    let posts = server.posts();
    let sent: Vec<String> = posts.iter().map(|p| p.0.clone()).collect();
    let queued: Vec<String> = ids
        .iter()
        .map(|i| format!("identifier={}&authored=2026-12-05T10:00:00Z", i.token()))
        .collect();
    assert_eq!(sent, queued, "in the order they were queued, each once");
    assert!(posts.iter().all(|p| p.1 == 201));
    assert_one_copy(&server, &ids[999]);
}
