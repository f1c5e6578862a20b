//! The kiosk's own status on the clinic's FHIR server, and `vein-kiosk fleet` reading it back:
//! a `Device` per kiosk, written at start and again when the content changes, valid R4, with
//! counts and versions only.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};
use vein_kiosk::outbox::{DEVICE_SYSTEM, Identifier, Link, Outbox, identify};

use super::server::{Server, eventually};

pub(super) fn settings_for(base: &str, outbox: &Path) -> vein_kiosk::content::Settings {
    let mut c = crate::common::content();
    c.settings.kiosk_id = "lobby-1".into();
    c.settings.fhir_server = Some(vein_kiosk::content::FhirServer {
        base_url: base.to_owned(),
        auth: vein_kiosk::content::FhirAuth::None,
        outbox: outbox.display().to_string(),
        ca_file: None,
        status_minutes: 5,
        identifier_system: None,
    });
    c.settings
}

/// The Device the server holds for `id`, if any.
fn device(server: &Server, id: &str) -> Option<Value> {
    let found = server.search(
        "Device",
        &Identifier {
            system: DEVICE_SYSTEM.into(),
            value: id.into(),
        },
    );
    assert!(found.len() <= 1, "one Device per kiosk: {found:#?}");
    found.into_iter().next()
}

fn property(d: &Value, name: &str) -> Value {
    d["property"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["type"]["text"] == name)
        .map(|p| p["valueQuantity"][0]["value"].clone())
        .unwrap_or_default()
}

#[test]
fn the_kiosk_reports_its_status_at_start_and_when_its_content_changes() {
    let server = Server::start();
    let outbox = tempfile::tempdir().unwrap();
    {
        // An answer the server refused earlier: the status counts it (and never carries it).
        let queue = Outbox::open(outbox.path()).unwrap();
        queue
            .put_new("urn:vein-kiosk:lobby-1:answers", SystemTime::now(), |id| {
                let mut r = json!({"resourceType": "QuestionnaireResponse", "status": "completed"});
                identify(&mut r, id);
                r
            })
            .unwrap();
        let seq = queue.list().unwrap()[0].seq;
        queue.mark_dead(seq, "the server answered 400").unwrap();
    }
    let link = Link::start(&settings_for(&server.base, outbox.path()))
        .unwrap()
        .unwrap();
    eventually(
        Duration::from_secs(30),
        "the Device is written at start",
        || device(&server, "lobby-1").is_some(),
    );
    let d = device(&server, "lobby-1").unwrap();
    assert_eq!(d["id"], "lobby-1");
    assert_eq!(d["status"], "active");
    assert_eq!(d["version"][0]["value"], env!("CARGO_PKG_VERSION"));
    assert_eq!(d["version"][1]["value"], "as installed");
    assert_eq!(property(&d, "dead-letters"), 1);
    assert_eq!(property(&d, "outbox-pending"), 0);
    super::validator::validate_r4(&d).unwrap();
    // New content (a pulled bundle): reported at once, not at the next period.
    link.set_content_version(Some(7));
    eventually(
        Duration::from_secs(30),
        "the new content version is reported",
        || device(&server, "lobby-1").is_some_and(|d| d["version"][1]["value"] == "7"),
    );
    assert!(link.status().status_sent.is_some());
    assert!(link.status().status_error.is_none());
    let text = device(&server, "lobby-1").unwrap().to_string();
    assert!(!text.contains("QuestionnaireResponse"), "{text}");
}

/// A settings file for `vein-kiosk --config`: the built-in settings with this FHIR server.
fn settings_file(dir: &Path, base: &str, outbox: &Path) -> PathBuf {
    let built_in =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/settings.ron"))
            .unwrap();
    let server = format!(
        "    kiosk_id: \"lobby-9\",\n    fhir_server: Some(FhirServer(\n        base_url: \
         \"{base}\",\n        outbox: \"{}\",\n    )),\n",
        outbox.display()
    );
    let changed = built_in.replace(
        "    read_aloud: false,\n",
        &format!("    read_aloud: false,\n{server}"),
    );
    assert_ne!(changed, built_in);
    let file = dir.join("settings.ron");
    std::fs::write(&file, changed).unwrap();
    file
}

#[test]
fn fleet_lists_every_kiosk_that_reports() {
    let server = Server::start();
    let dirs: Vec<_> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    let mut links = Vec::new();
    for (id, dir) in ["lobby-1", "upstairs"].iter().zip(&dirs) {
        let mut settings = settings_for(&server.base, dir.path());
        settings.kiosk_id = (*id).into();
        links.push(Link::start(&settings).unwrap().unwrap());
        eventually(Duration::from_secs(30), "the kiosk reports", || {
            device(&server, id).is_some()
        });
    }
    links[1].set_content_version(Some(12));
    eventually(Duration::from_secs(30), "version 12 reported", || {
        device(&server, "upstairs").is_some_and(|d| d["version"][1]["value"] == "12")
    });
    let here = tempfile::tempdir().unwrap();
    let file = settings_file(here.path(), &server.base, &here.path().join("outbox"));
    let out = Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
        .arg("--config")
        .arg(&file)
        .arg("fleet")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("2 kiosks report"), "{text}");
    assert!(lines[1].starts_with("lobby-1  seen 0 min ago"), "{text}");
    assert!(
        lines[1].contains("content as installed  pending 0  dead 0"),
        "{text}"
    );
    assert!(lines[2].starts_with("upstairs  seen 0 min ago"), "{text}");
    assert!(lines[2].contains("content 12"), "{text}");
    assert!(!text.contains("NOT SEEN"), "{text}");
    // Asking the fleet makes no outbox for the one who asks.
    assert!(!here.path().join("outbox").exists());
}
