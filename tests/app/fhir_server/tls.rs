//! The outbox over https to a server whose certificate a clinic's own authority signed: trusted
//! with `ca_file`, refused without it (the answers wait, with a reason staff can act on).

use std::path::Path;
use std::time::Duration;

use vein_kiosk::content::FhirServer;
use vein_kiosk::outbox::{Outbox, Sender, SenderConfig};

use super::server::{Server, eventually};
use super::{assert_one_copy, pending, queue_visit, wait_drained};

fn settings(base: &str, outbox: &Path, ca_file: Option<&Path>) -> SenderConfig {
    let server = FhirServer {
        base_url: base.to_owned(),
        auth: vein_kiosk::content::FhirAuth::None,
        outbox: outbox.display().to_string(),
        ca_file: ca_file.map(|f| f.display().to_string()),
        status_minutes: 5,
        identifier_system: None,
    };
    let mut config = SenderConfig::from_settings(&server).unwrap();
    config.idle_poll = Duration::from_millis(100);
    config.timeout = Duration::from_secs(5);
    config
}

#[test]
fn a_clinic_authority_in_ca_file_is_trusted_and_without_it_the_answers_wait() {
    let server = Server::start_tls();
    assert!(server.base.starts_with("https://127.0.0.1:"));
    let ca = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls/clinic-ca.pem");
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("outbox");
    let id = queue_visit(&Outbox::open(&folder).unwrap());

    // Without ca_file the system's roots do not know the clinic's authority.
    let sender = Sender::start(&folder, settings(&server.base, &folder, None)).unwrap();
    eventually(Duration::from_secs(30), "a TLS refusal", || {
        sender.status().last_error.is_some()
    });
    let why = sender.status().last_error.unwrap();
    sender.stop();
    assert!(
        why.contains("certificate is not trusted") && why.contains("ca_file"),
        "{why}"
    );
    assert_eq!(pending(&folder), 1);
    assert!(server.posts().is_empty());

    let sender = Sender::start(&folder, settings(&server.base, &folder, Some(&ca))).unwrap();
    wait_drained(&folder, Duration::from_secs(30));
    sender.stop();
    assert_one_copy(&server, &id);
}
