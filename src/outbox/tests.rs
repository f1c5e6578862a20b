//! The outbox's queue on a real SQLite file: order, waits, dead letters, what staff see, the
//! modes of its files, and that a delivered body leaves the disk.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt as _;
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use super::*;

const SYSTEM: &str = "urn:vein-kiosk:test:answers";

fn t(seconds: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000 + seconds)
}

fn response(identifier: &Identifier, marker: &str) -> Value {
    json!({
        "resourceType": "QuestionnaireResponse",
        "identifier": identifier.to_json(),
        "status": "completed",
        "item": [{ "linkId": "q1", "text": marker }],
    })
}

fn ready(outbox: &Outbox, now: SystemTime) -> Entry {
    match outbox.next_due(now).unwrap() {
        Next::Ready(e) => e,
        other => panic!("nothing ready: {other:?}"),
    }
}

/// A web server on loopback for one request, for edges a real FHIR server cannot be made to
/// show (a huge body, a refusal of the fleet's search): reads the request whole, as a server
/// does, sends it to the receiver (head and body as text) and then answers `status`
/// (`"500 Internal Server Error"`) with `body` as FHIR JSON. Gives the base URL and the receiver.
pub(super) fn answer_once(
    status: &'static str,
    body: String,
) -> (String, std::sync::mpsc::Receiver<String>) {
    answer_once_after(Duration::ZERO, status, body)
}

/// [`answer_once`], the answer sent `delay` after the request was read (and told).
pub(super) fn answer_once_after(
    delay: Duration,
    status: &'static str,
    body: String,
) -> (String, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tell, heard) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream);
        let mut request = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            request.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        let mut sent = vec![0; length];
        reader.read_exact(&mut sent).unwrap();
        request.push_str(&String::from_utf8_lossy(&sent));
        let _ = tell.send(request);
        std::thread::sleep(delay);
        let mut stream = reader.into_inner();
        write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Type: application/fhir+json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
    });
    (base, heard)
}

/// Settings to send to `base_url` with no credentials, as a kiosk on a closed network does.
pub(super) fn plain_config(base_url: String) -> SenderConfig {
    SenderConfig {
        base_url,
        auth: Auth::None,
        ca_certs: Vec::new(),
        timeout: Duration::from_secs(10),
        idle_poll: Duration::from_secs(30),
    }
}

#[test]
fn a_put_survives_reopening_and_comes_out_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("outbox");
    let ids: Vec<Identifier> = {
        let outbox = Outbox::open(&folder).unwrap();
        (0..3)
            .map(|i| {
                outbox
                    .put_new(SYSTEM, t(i), |id| response(id, "x"))
                    .unwrap()
            })
            .collect()
    };
    let outbox = Outbox::open(&folder).unwrap();
    for id in &ids {
        let e = ready(&outbox, t(10));
        assert_eq!(&e.identifier, id);
        assert_eq!(e.resource_type, "QuestionnaireResponse");
        let body: Value = serde_json::from_str(&e.body).unwrap();
        assert_eq!(body["identifier"]["value"], id.value.as_str());
        outbox.mark_delivered(e.seq).unwrap();
    }
    assert_eq!(outbox.next_due(t(10)).unwrap(), Next::Empty);
}

#[test]
fn a_resource_must_carry_its_identifier() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let id = Identifier {
        system: SYSTEM.into(),
        value: "7KQ-42M".into(),
    };
    let other = Identifier {
        system: SYSTEM.into(),
        value: "7KQ-42N".into(),
    };
    assert!(matches!(
        outbox.put(&id, &response(&other, "x"), t(0)),
        Err(OutboxError::Resource(_))
    ));
    assert!(matches!(
        outbox.put(&id, &json!({ "identifier": id.to_json() }), t(0)),
        Err(OutboxError::Resource(_))
    ));
    // Device and MeasureReport carry a list of identifiers.
    let device = json!({ "resourceType": "Device", "identifier": [other.to_json(), id.to_json()] });
    outbox.put(&id, &device, t(0)).unwrap();
    // The same reference twice is refused.
    assert!(outbox.put(&id, &device, t(0)).is_err());
}

#[test]
fn a_failed_head_waits_and_holds_the_rest_back() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let first = outbox
        .put_new(SYSTEM, t(0), |id| response(id, "a"))
        .unwrap();
    outbox
        .put_new(SYSTEM, t(0), |id| response(id, "b"))
        .unwrap();
    let e = ready(&outbox, t(0));
    let wait = outbox.mark_failed(e.seq, "down", None, t(0)).unwrap();
    assert!((Duration::from_secs(1)..=Duration::from_secs(2)).contains(&wait));
    assert_eq!(outbox.next_due(t(0)).unwrap(), Next::WaitUntil(t(0) + wait));
    let again = ready(&outbox, t(3));
    assert_eq!(again.identifier, first);
    assert_eq!(again.attempts, 1);
    assert_eq!(again.last_error.as_deref(), Some("down"));
    let asked = Duration::from_secs(42);
    assert_eq!(
        outbox
            .mark_failed(e.seq, "busy", Some(asked), t(3))
            .unwrap(),
        asked
    );
    assert_eq!(
        outbox.counts(t(5)).unwrap().last_error.as_deref(),
        Some("busy")
    );
}

#[test]
fn dead_letters_step_aside_show_to_staff_without_answers_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let bad = outbox
        .put_new(SYSTEM, t(0), |id| response(id, "SECRET-ANSWER"))
        .unwrap();
    let good = outbox
        .put_new(SYSTEM, t(5), |id| response(id, "b"))
        .unwrap();
    let e = ready(&outbox, t(10));
    outbox
        .mark_dead(e.seq, "the server answered 400: Invalid")
        .unwrap();
    assert_eq!(ready(&outbox, t(10)).identifier, good);
    let counts = outbox.counts(t(70)).unwrap();
    assert_eq!((counts.pending, counts.dead), (1, 1));
    assert_eq!(counts.oldest_dead, Some(Duration::from_secs(70)));
    assert_eq!(counts.oldest_pending, Some(Duration::from_secs(65)));
    let listed = outbox.list().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].reference, bad.value);
    assert_eq!(
        listed[0].dead.as_deref(),
        Some("the server answered 400: Invalid")
    );
    assert_eq!(listed[1].dead, None);
    assert!(!format!("{listed:?}{counts:?}").contains("SECRET-ANSWER"));
    assert_eq!(outbox.retry_dead(t(80)).unwrap(), 1);
    let back = ready(&outbox, t(80));
    assert_eq!((back.identifier, back.attempts), (bad, 0));
}

#[test]
fn only_the_kiosks_user_may_read_it_and_a_link_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("deep").join("outbox");
    let outbox = Outbox::open(&folder).unwrap();
    outbox
        .put_new(SYSTEM, t(0), |id| response(id, "x"))
        .unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&folder), 0o700);
    let mut names = Vec::new();
    for file in std::fs::read_dir(&folder).unwrap() {
        let file = file.unwrap();
        assert_eq!(mode(&file.path()), 0o600, "{:?}", file.file_name());
        names.push(file.file_name().into_string().unwrap());
    }
    names.sort();
    assert_eq!(names, [DB_FILE, "outbox.sqlite3-shm", "outbox.sqlite3-wal"]);
    drop(outbox);
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&folder, &link).unwrap();
    assert!(matches!(
        Outbox::open(&link),
        Err(OutboxError::Folder { .. })
    ));
}

#[test]
fn a_delivered_body_leaves_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let marker = "ANSWER-THAT-MUST-GO-7f3a";
    outbox
        .put_new(SYSTEM, t(0), |id| response(id, marker))
        .unwrap();
    let on_disk = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|f| std::fs::read(f.unwrap().path()).unwrap())
            .any(|bytes| bytes.windows(marker.len()).any(|w| w == marker.as_bytes()))
    };
    assert!(on_disk(), "queued: on disk");
    let e = ready(&outbox, t(0));
    outbox.mark_delivered(e.seq).unwrap();
    assert!(
        !on_disk(),
        "delivered: no byte of it left in the database or its log"
    );
    let wal = dir.path().join("outbox.sqlite3-wal");
    assert_eq!(std::fs::metadata(wal).unwrap().len(), 0);
}

#[test]
fn a_clinic_ca_is_trusted_beside_the_system_roots_not_instead() {
    let pem = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/tls/clinic-ca.pem"
    ))
    .unwrap();
    let system = rustls_native_certs::load_native_certs().certs;
    let roots = sender::trusted_roots(std::slice::from_ref(&pem));
    assert_eq!(roots.len(), system.len() + 1);
    for (root, sys) in roots.iter().zip(&system) {
        assert_eq!(root.der(), sys.as_ref());
    }
    let clinic = ureq::tls::Certificate::from_pem(&pem).unwrap();
    assert_eq!(roots.last().unwrap().der(), clinic.der());
    // Nothing that is not a certificate (a key pasted in by mistake) is trusted.
    let mut with_junk = pem;
    with_junk.extend_from_slice(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assert_eq!(sender::trusted_roots(&[with_junk]).len(), system.len() + 1);
}

#[test]
fn an_identifier_is_searched_as_system_bar_value_and_given_once_or_added_to_a_list() {
    let id = Identifier {
        system: SYSTEM.to_owned(),
        value: "7KQ-42M".to_owned(),
    };
    // The token a search and If-None-Exist use: how the server refuses a second copy.
    assert_eq!(id.token(), "urn:vein-kiosk:test:answers|7KQ-42M");
    let given = json!({ "system": SYSTEM, "value": "7KQ-42M" });
    // A QuestionnaireResponse has one identifier (R4: 0..1), replaced, never a list.
    let mut answers =
        json!({ "resourceType": "QuestionnaireResponse", "identifier": { "value": "old" } });
    identify(&mut answers, &id);
    assert_eq!(answers["identifier"], given);
    // Others have a list: added to what is there, or a list of one.
    let mut device = json!({ "resourceType": "Device", "identifier": [{ "value": "serial" }] });
    identify(&mut device, &id);
    assert_eq!(device["identifier"], json!([{ "value": "serial" }, given]));
    let mut report = json!({ "resourceType": "MeasureReport" });
    identify(&mut report, &id);
    assert_eq!(report["identifier"], json!([given]));
}

#[test]
fn a_folder_that_cannot_be_made_says_why() {
    // sysfs refuses every new folder, even root's: the refusal itself is what staff read, not a
    // later "no such file".
    let Err(e) = Outbox::open(std::path::Path::new("/sys/vein-kiosk-outbox")) else {
        panic!("an outbox was made in /sys");
    };
    let said = e.to_string();
    assert!(said.contains("/sys/vein-kiosk-outbox"), "{said}");
    assert!(said.contains("Operation not permitted"), "{said}");
}

#[test]
fn a_folder_or_database_others_could_read_is_closed_and_a_linked_database_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("outbox");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    let db = folder.join(DB_FILE);
    std::fs::write(&db, "").unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(Outbox::open(&folder).unwrap());
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!((mode(&folder), mode(&db)), (0o700, 0o600));
    // The database file itself a link (to a file of someone else's): refused, not followed.
    let other = tempfile::tempdir().unwrap();
    let folder = other.path().join("outbox");
    std::fs::create_dir(&folder).unwrap();
    let elsewhere = other.path().join("elsewhere.sqlite3");
    std::fs::write(&elsewhere, "").unwrap();
    std::os::unix::fs::symlink(&elsewhere, folder.join(DB_FILE)).unwrap();
    match Outbox::open(&folder) {
        Err(OutboxError::Folder { why, .. }) => assert!(why.starts_with(DB_FILE), "{why}"),
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("a linked database was opened"),
    }
    assert_eq!(std::fs::metadata(&elsewhere).unwrap().len(), 0);
}

#[test]
fn a_resource_type_is_a_plain_word() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let id = Identifier {
        system: SYSTEM.into(),
        value: "7KQ-42M".into(),
    };
    for bad in ["", "Questionnaire Response", "Device/1", "QR1"] {
        let resource = json!({ "resourceType": bad, "identifier": id.to_json() });
        assert!(
            matches!(
                outbox.put(&id, &resource, t(0)),
                Err(OutboxError::Resource(_))
            ),
            "{bad:?}"
        );
    }
}

thread_local! {
    /// How many references this thread has drawn from `repeating` (a `References` is a plain
    /// `fn`, so the count lives beside it; per thread, so no other test can move it).
    static DRAWN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// References drawn in turn from a list, for a test of repeats.
fn repeating() -> Result<String, getrandom::Error> {
    let n = DRAWN.get();
    DRAWN.set(n + 1);
    Ok(["AAA-AAA", "AAA-AAA", "CCC-CCC"]
        .get(n)
        .copied()
        .unwrap_or("AAA-AAA")
        .to_owned())
}

#[test]
fn a_reference_still_queued_is_drawn_again_and_eight_repeats_give_up() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let first = outbox
        .put_new_from(repeating, SYSTEM, t(0), |id| response(id, "a"))
        .unwrap();
    assert_eq!(first.value, "AAA-AAA");
    // The second visitor draws AAA-AAA (still queued), then CCC-CCC.
    let second = outbox
        .put_new_from(repeating, SYSTEM, t(1), |id| response(id, "b"))
        .unwrap();
    assert_eq!(second.value, "CCC-CCC");
    assert_eq!(DRAWN.get(), 3);
    // From now on only AAA-AAA: eight tries, then a clear refusal.
    assert!(matches!(
        outbox.put_new_from(repeating, SYSTEM, t(2), |id| response(id, "c")),
        Err(OutboxError::References)
    ));
    assert_eq!(DRAWN.get(), 11);
    // Any other failure is said at once, not drawn again.
    let broken = outbox.put_new_from(
        repeating,
        SYSTEM,
        t(3),
        |_| json!({ "resourceType": "Device" }),
    );
    assert!(matches!(broken, Err(OutboxError::Resource(_))));
    assert_eq!(DRAWN.get(), 12);
    // So is a failure of the database other than a repeat (here a trigger that cannot run).
    rusqlite::Connection::open(dir.path().join(DB_FILE))
        .unwrap()
        .execute_batch("CREATE TRIGGER fail BEFORE INSERT ON entry BEGIN SELECT * FROM gone; END;")
        .unwrap();
    let failed = outbox.put_new_from(repeating, SYSTEM, t(4), |id| response(id, "d"));
    assert!(matches!(failed, Err(OutboxError::Db(_))), "{failed:?}");
    assert_eq!(DRAWN.get(), 13);
}

#[test]
fn the_outbox_holds_an_entry_until_it_is_delivered() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let id = outbox
        .put_new(SYSTEM, t(0), |id| response(id, "x"))
        .unwrap();
    let stranger = Identifier {
        system: SYSTEM.into(),
        value: "XXX-XXX".into(),
    };
    assert_eq!(
        (outbox.holds(&id).unwrap(), outbox.holds(&stranger).unwrap()),
        (true, false)
    );
    let head = ready(&outbox, t(1));
    outbox.mark_delivered(head.seq).unwrap();
    assert!(!outbox.holds(&id).unwrap());
}

#[test]
fn stopping_the_sender_waits_for_the_exchange_under_way() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let id = outbox
        .put_new(SYSTEM, SystemTime::now(), |id| response(id, "x"))
        .unwrap();
    let (base, heard) = answer_once_after(Duration::from_millis(500), "201 Created", "{}".into());
    let sender = Sender::start(dir.path(), plain_config(base)).unwrap();
    // The answers are at the server, which answers half a second later.
    heard.recv_timeout(Duration::from_secs(10)).unwrap();
    sender.stop();
    assert!(
        !outbox.holds(&id).unwrap(),
        "stop() returned before the server's answer was recorded"
    );
}

/// The built-in settings with a FHIR server at `base_url`, its outbox in `outbox`, reporting
/// every `status_minutes` under `kiosk_id`.
pub(super) fn settings_with_server(
    base_url: String,
    outbox: &str,
    kiosk_id: &str,
    status_minutes: u32,
) -> crate::content::Settings {
    let mut settings = crate::content::Content::built_in().unwrap().settings;
    settings.kiosk_id = kiosk_id.into();
    settings.fhir_server = Some(crate::content::FhirServer {
        base_url,
        auth: crate::content::FhirAuth::None,
        outbox: outbox.into(),
        ca_file: None,
        status_minutes,
        identifier_system: None,
    });
    settings
}

/// A sender for lobby-1 that reports its status at start and then hourly (its usage report
/// not due for a day), sending to `base`.
fn reporting_sender(folder: &std::path::Path, base: String) -> Sender {
    let mut report = StatusConfig::new("lobby-1", Duration::from_secs(3600));
    report.usage_at = |t| t + Duration::from_secs(24 * 60 * 60);
    Sender::start_reporting(folder, plain_config(base), Some(report)).unwrap()
}

/// Waits (10 s at most) until the sender has noted its first status report's answer: by then
/// its thread has looked at the queue and goes to wait.
fn wait_for_status_sent(sender: &Sender) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while sender.status().status_sent.is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        sender.status().status_sent.is_some(),
        "the status report's answer was noted"
    );
}

#[test]
fn a_dropped_sender_stops_even_while_a_waker_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let (base, _) = answer_once("200 OK", "{}".into());
    let sender = reporting_sender(dir.path(), base);
    wait_for_status_sent(&sender);
    // A job's thread may still hold a waker when its sender is let go: the old thread must
    // not go on draining, for another sender may start on the same outbox.
    let waker = sender.waker();
    drop(sender);
    outbox
        .put_new(SYSTEM, SystemTime::now(), |id| response(id, "x"))
        .unwrap();
    waker.wake();
    // A try would fail (the server answered once and is gone) and be noted on the entry.
    std::thread::sleep(Duration::from_millis(500));
    let counts = outbox.counts(SystemTime::now()).unwrap();
    assert_eq!(
        (counts.pending, counts.last_error),
        (1, None),
        "a dropped sender tried"
    );
}

#[test]
fn the_status_is_reported_at_start_and_not_again_before_its_period() {
    let dir = tempfile::tempdir().unwrap();
    let (base, heard) = answer_once("200 OK", "{}".into());
    let sender = reporting_sender(dir.path(), base);
    let request = heard.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(request.starts_with("PUT /Device/lobby-1 "), "{request}");
    wait_for_status_sent(&sender);
    // The server answers only once: another report before the hour is up would fail and be
    // noted here.
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        sender.status().status_error,
        None,
        "a second report came early"
    );
    sender.stop();
}
