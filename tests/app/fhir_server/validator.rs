//! A second, independent validator pinned to FHIR R4 4.0.1 exactly: Python's `fhir.resources`
//! 6.1.0 (pydantic models generated from the 4.0.1 definitions), run by
//! `tests/fhir-validate/validate.py` in a virtual environment the tests make once under
//! `CARGO_TARGET_TMPDIR/fhir-venv` from the exact pins in `tests/fhir-validate/requirements.txt`.
//! Medplum (the test server) validates against its own R4 definitions; this one refuses any
//! element 4.0.1 does not have (R4B's and R5's too), a missing required element, a list where
//! R4 allows one value and a malformed date, so what the kiosk sends is R4 by two readings.
//!
//! It needs `python3` with `venv` (Debian: `python3-venv`; scripts/test installs it) and PyPI
//! (or a mirror in `PIP_INDEX_URL`) the first time; without them the tests fail, they do not
//! skip.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};
use vein_kiosk::content::Content;
use vein_kiosk::outbox::{
    Identifier, Next, Outbox, Sender, default_system, identify, new_reference,
};
use vein_kiosk::selfcheck::answers_file;
use vein_kiosk::selfcheck::fhir::{questionnaire, response};

use super::server::Server;
use super::{config, queue_visit, wait_drained};

fn source() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fhir-validate")
}

/// The virtual environment's Python, with the pinned validator installed (made once; kept
/// for later runs while requirements.txt is unchanged).
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(make_venv)
}

fn make_venv() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let venv = tmp.join("fhir-venv");
    let python = venv.join("bin/python");
    let stamp = venv.join("installed-requirements.txt");
    let requirements = source().join("requirements.txt");
    let wanted = std::fs::read(&requirements).unwrap();
    std::fs::create_dir_all(tmp).unwrap();
    // Another test process (a second `cargo test`) may be making it too: one at a time.
    let lock = std::fs::File::create(tmp.join("fhir-venv.lock")).unwrap();
    lock.lock().unwrap();
    if python.exists() && std::fs::read(&stamp).ok().as_ref() == Some(&wanted) {
        return python;
    }
    let _ = std::fs::remove_dir_all(&venv);
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .output()
        .expect("python3 is installed (scripts/test installs it)");
    assert!(
        made.status.success(),
        "`python3 -m venv {}` failed; on Debian install python3-venv (scripts/test does):\n{}",
        venv.display(),
        String::from_utf8_lossy(&made.stderr)
    );
    let installed = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "--retries",
            "2",
            "--timeout",
            "30",
            "-r",
        ])
        .arg(&requirements)
        .output()
        .unwrap();
    assert!(
        installed.status.success(),
        "pip could not install the FHIR R4 validator (fhir.resources 6.1.0, pydantic 1) from \
         {}: is PyPI reachable (or a mirror set in PIP_INDEX_URL)?\n{}",
        requirements.display(),
        String::from_utf8_lossy(&installed.stderr)
    );
    std::fs::write(&stamp, &wanted).unwrap();
    python
}

/// Validates `resource` as FHIR R4 4.0.1 with fhir.resources 6.1.0: `Err` says why not.
/// Panics when the validator itself cannot run or is not the pinned one.
pub fn validate_r4(resource: &Value) -> Result<(), String> {
    let mut child = Command::new(python())
        // -I: isolated from PYTHONPATH and the user's site packages.
        .arg("-I")
        .arg(source().join("validate.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(resource.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    match out.status.code() {
        Some(0) => {
            assert_eq!(said, "ok");
            Ok(())
        }
        Some(1) => Err(said),
        _ => panic!(
            "the validator did not run: {:?}\n{said}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| Content::built_in().unwrap())
}

/// Every answers fixture in tests/fixtures.
fn answer_fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("answers-") && name.ends_with(".ron")
        })
        .collect();
    all.sort();
    assert!(all.len() >= 3, "{all:?}");
    all
}

fn fresh_identifier() -> Identifier {
    Identifier {
        system: default_system("lobby-1"),
        value: new_reference().unwrap(),
    }
}

fn assert_valid(what: &str, resource: &Value) {
    if let Err(why) = validate_r4(resource) {
        panic!("{what} is not valid FHIR R4 4.0.1:\n{why}\n{resource:#}");
    }
}

#[test]
fn every_response_and_questionnaire_the_kiosk_makes_is_valid_r4_4_0_1() {
    let c = content();
    assert!(c.languages.len() >= 2);
    for language in &c.languages {
        let lang = language.code.as_str();
        let words = &language.selfcheck;
        assert_valid(
            &format!("the Questionnaire in {lang}"),
            &questionnaire(&c.selfcheck, words, lang),
        );
        for fixture in answer_fixtures() {
            let answers = answers_file::read(&fixture, &c.selfcheck).unwrap();
            // As the outbox queues it: the self-check's response with the reference added.
            let mut r = response(&c.selfcheck, words, &answers, "2026-12-05T10:00:00Z", lang);
            identify(&mut r, &fresh_identifier());
            assert_valid(
                &format!(
                    "the QuestionnaireResponse for {} in {lang}",
                    fixture.display()
                ),
                &r,
            );
        }
    }
}

#[test]
fn identified_resources_with_a_list_of_identifiers_are_valid_r4_too() {
    // Device and MeasureReport carry identifiers as a list; `identify` adds to it.
    for mut resource in [
        json!({ "resourceType": "Device", "id": "lobby-1", "status": "active" }),
        json!({ "resourceType": "MeasureReport", "status": "complete", "type": "summary",
                "measure": "urn:vein-kiosk:usage", "period": { "start": "2026-12-05" } }),
    ] {
        identify(&mut resource, &fresh_identifier());
        assert_valid(resource["resourceType"].as_str().unwrap(), &resource);
    }
}

#[test]
fn the_validator_refuses_what_r4_4_0_1_does_not_allow() {
    let c = content();
    let answers = answers_file::read(&answer_fixtures()[0], &c.selfcheck).unwrap();
    let mut good = response(
        &c.selfcheck,
        &c.default_language().selfcheck,
        &answers,
        "2026-12-05T10:00:00Z",
        "en",
    );
    let id = fresh_identifier();
    identify(&mut good, &id);
    assert_valid("the untouched response", &good);

    let broken = |change: &dyn Fn(&mut Value)| {
        let mut r = good.clone();
        change(&mut r);
        r
    };
    let cases: [(&str, Value, &str); 5] = [
        (
            "an element R4 does not have",
            broken(&|r| r["answerz"] = json!("not an R4 element")),
            "answerz",
        ),
        (
            "no status (required)",
            broken(&|r| {
                r.as_object_mut().unwrap().remove("status");
            }),
            "status",
        ),
        (
            // R5 made QuestionnaireResponse.identifier a list; in R4 it is one Identifier.
            "a list of identifiers (R5's shape)",
            broken(&|r| r["identifier"] = json!([id.to_json()])),
            "identifier",
        ),
        (
            "a malformed date",
            broken(&|r| r["authored"] = json!("5 December 2026")),
            "authored",
        ),
        (
            "an item without its linkId",
            broken(&|r| {
                r["item"][0].as_object_mut().unwrap().remove("linkId");
            }),
            "linkId",
        ),
    ];
    for (what, resource, named) in cases {
        let why = validate_r4(&resource).expect_err(what);
        assert!(why.contains(named), "{what}: {why}");
    }
    // An element only R5 has (Questionnaire.item.answerConstraint): the pin is 4.0.1, not R5.
    let mut q = questionnaire(&c.selfcheck, &c.default_language().selfcheck, "en");
    q["item"][0]["answerConstraint"] = json!("optionsOnly");
    let why = validate_r4(&q).expect_err("an R5 element");
    assert!(why.contains("answerConstraint"), "{why}");
}

#[test]
fn what_the_outbox_sends_and_the_server_holds_is_valid_r4_4_0_1() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::open(dir.path()).unwrap();
    let id = queue_visit(&outbox);
    // The bytes the sender will POST, as they wait on disk.
    let Next::Ready(entry) = outbox.next_due(SystemTime::now()).unwrap() else {
        panic!("the visit is queued and due");
    };
    let sent: Value = serde_json::from_str(&entry.body).unwrap();
    assert_valid("the queued body", &sent);

    let sender = Sender::start(dir.path(), config(&server.base)).unwrap();
    wait_drained(dir.path(), Duration::from_secs(30));
    sender.stop();
    let found = server.search("QuestionnaireResponse", &id);
    assert_eq!(found.len(), 1, "{found:#?}");
    // Valid as the server holds it (with its id and meta) ...
    assert_valid("what the server holds", &found[0]);
    // ... and, but for those, what was sent.
    let mut held = found[0].clone();
    let fields = held.as_object_mut().unwrap();
    assert!(fields.remove("id").is_some() && fields.remove("meta").is_some());
    assert_eq!(held, sent, "the server holds what was sent");
}
