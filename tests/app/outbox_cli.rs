//! `vein-kiosk outbox --config FILE [--retry-dead]`, run as staff run it: the queue's counts,
//! ages and references, never the answers; dead letters put back; and a clear refusal for a
//! kiosk with no FHIR server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use serde_json::json;
use vein_kiosk::outbox::{Identifier, Next, Outbox, default_system, identify};

/// A marker in the queued answers: it must never be printed.
const SECRET: &str = "Answer text only the body holds";

fn kiosk(settings: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
        .arg("--config")
        .arg(settings)
        .arg("outbox")
        .args(extra)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The built-in settings, with a FHIR server whose outbox is `outbox` when given.
fn settings(dir: &Path, outbox: Option<&Path>) -> PathBuf {
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/settings.ron"))
            .unwrap();
    let server = outbox.map_or_else(String::new, |o| {
        format!(
            "    kiosk_id: \"lobby-1\",\n    fhir_server: Some(FhirServer(\n        base_url: \
             \"https://fhir.example.org/r4\",\n        outbox: \"{}\",\n    )),\n",
            o.display()
        )
    });
    let file = dir.join("settings.ron");
    let changed = base.replace(
        "    read_aloud: false,\n",
        &format!("    read_aloud: false,\n{server}"),
    );
    assert!(outbox.is_none() || changed != base);
    std::fs::write(&file, changed).unwrap();
    file
}

fn queue(outbox: &Outbox, at: SystemTime) -> Identifier {
    outbox
        .put_new(&default_system("lobby-1"), at, |id| {
            let mut r = json!({ "resourceType": "QuestionnaireResponse", "status": "completed",
                                "item": [{ "linkId": "q1", "text": SECRET }] });
            identify(&mut r, id);
            r
        })
        .unwrap()
}

#[test]
fn staff_see_counts_ages_and_references_but_never_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("outbox");
    let hour_ago = SystemTime::now() - Duration::from_secs(3600 + 120);
    let outbox = Outbox::open(&folder).unwrap();
    let first = queue(&outbox, hour_ago);
    let second = queue(&outbox, SystemTime::now());
    let Next::Ready(head) = outbox.next_due(SystemTime::now()).unwrap() else {
        panic!("the first is due");
    };
    outbox
        .mark_failed(
            head.seq,
            "server not reached: connection refused",
            None,
            SystemTime::now(),
        )
        .unwrap();
    let out = kiosk(&settings(dir.path(), Some(&folder)), &[]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    for expected in [
        "pending: 2, the oldest queued 1 h 2 min ago",
        "dead letters: 0",
        "last error: server not reached: connection refused",
        &format!(
            "#1 {} QuestionnaireResponse, queued 1 h 2 min ago, 1 try",
            first.value
        ),
        &format!(
            "#2 {} QuestionnaireResponse, queued 0 s ago, 0 tries",
            second.value
        ),
        "https://fhir.example.org/r4",
    ] {
        assert!(said.contains(expected), "{expected:?} missing:\n{said}");
    }
    assert!(!said.contains(SECRET) && !said.contains("linkId"), "{said}");
}

#[test]
fn retry_dead_puts_dead_letters_back_in_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("outbox");
    let outbox = Outbox::open(&folder).unwrap();
    let id = queue(&outbox, SystemTime::now());
    let Next::Ready(entry) = outbox.next_due(SystemTime::now()).unwrap() else {
        panic!("due");
    };
    outbox
        .mark_dead(entry.seq, "HTTP 400: unknown element answerz")
        .unwrap();
    let file = settings(dir.path(), Some(&folder));

    let out = kiosk(&file, &[]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("pending: 0\n"), "{said}");
    assert!(
        said.contains("dead letters: 1, the oldest queued"),
        "{said}"
    );
    assert!(
        said.contains(&id.value) && said.contains("DEAD: HTTP 400: unknown element answerz"),
        "{said}"
    );

    let out = kiosk(&file, &["--retry-dead"]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("Put 1 dead letter back in the queue"),
        "{said}"
    );
    assert!(
        said.contains("pending: 1,") && said.contains("dead letters: 0\n"),
        "{said}"
    );
    let counts = outbox.counts(SystemTime::now()).unwrap();
    assert_eq!((counts.pending, counts.dead), (1, 0));
    assert!(!said.contains(SECRET), "{said}");
}

#[test]
fn looking_at_an_outbox_not_made_yet_makes_none() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("not-yet");
    let out = kiosk(&settings(dir.path(), Some(&folder)), &[]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("Nothing has been queued here yet"), "{said}");
    assert!(!folder.exists());
}

#[test]
fn without_a_fhir_server_it_says_so_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = kiosk(&settings(dir.path(), None), &["--retry-dead"]);
    let said = text(&out);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("no fhir_server") && said.contains("--config FILE"),
        "{said}"
    );
}
