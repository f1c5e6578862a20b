//! The kiosk's usage on the clinic's FHIR server: a `MeasureReport` of counts (sessions,
//! screens reached, self-checks finished, in all and per language) put in the outbox at local
//! midnight and when the kiosk closes, delivered once, valid R4 4.0.1 by both validators, and
//! carrying nothing of any visitor.

use std::time::Duration;

use egui_kittest::Harness;
use serde_json::Value;
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::outbox::{Identifier, Sender, StatusConfig, USAGE_MEASURE};

use super::server::{Server, eventually};
use super::{config, wait_drained};
use crate::common::tap;

/// Every usage report the server holds for `kiosk_id`.
fn reports(server: &Server, kiosk_id: &str) -> Vec<Value> {
    server.search(
        "MeasureReport",
        &Identifier {
            system: format!("urn:vein-kiosk:{kiosk_id}:usage"),
            value: String::new(),
        },
    )
}

/// A population's count in a group (None: not counted there).
fn count(report: &Value, group: &str, code: &str) -> Option<u64> {
    report["group"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["code"]["coding"][0]["code"] == group)?["population"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"]["coding"][0]["code"] == code)
        .map(|p| p["count"].as_u64().unwrap())
}

#[test]
fn a_days_visits_reach_the_server_as_one_valid_report_when_the_kiosk_closes() {
    let server = Server::start();
    let outbox = tempfile::tempdir().unwrap();
    let mut c = crate::common::content();
    c.settings = super::status::settings_for(&server.base, outbox.path());
    let es = c.language("es").clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| App::new(c, &[]).kiosk_mode(None));
    h.run();
    // One visitor, in Spanish, through the self-check to its end.
    tap(
        &mut h,
        &format!("{}\n{}", es.ui.attract_title, es.ui.attract_touch),
    );
    crate::common::walk(&mut h, &[Visit::StartCheck]);
    crate::common::walk(&mut h, &crate::common::summary_steps());
    tap(&mut h, &es.selfcheck.summary.finish);
    let counted = h.state().kiosk().unwrap().usage.clone();
    assert_eq!(counted.total_sessions(), 1);
    assert!(
        reports(&server, "lobby-1").is_empty(),
        "not before the day ends"
    );

    // Staff close the kiosk: the day so far goes into the outbox, and the closing sender is
    // woken to send it while the process lasts (here it does: the test goes on).
    drop(h);
    eventually(
        Duration::from_secs(30),
        "the closing sender sends the day's report",
        || reports(&server, "lobby-1").len() == 1,
    );
    // A next start's sender finds nothing more to send: one report, not two.
    let sender = Sender::start(outbox.path(), config(&server.base)).unwrap();
    wait_drained(outbox.path(), Duration::from_secs(30));
    sender.stop();
    let found = reports(&server, "lobby-1");
    assert_eq!(found.len(), 1, "{found:#?}");
    let r = &found[0];
    assert_eq!(r["measure"], USAGE_MEASURE);
    assert_eq!(r["status"], "complete");
    assert_eq!(r["type"], "summary");
    assert_eq!(r["subject"]["identifier"]["value"], "lobby-1");
    assert_eq!(count(r, "all", "sessions"), Some(1));
    assert_eq!(count(r, "es", "sessions"), Some(1));
    assert_eq!(count(r, "es", "checks-finished"), Some(1));
    let screens: u32 = counted.screens.values().sum();
    let reported: u64 = r["group"][0]["population"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["code"]["coding"][0]["code"]
                .as_str()
                .unwrap()
                .starts_with("screen:")
        })
        .map(|p| p["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        reported,
        u64::from(screens),
        "every screen reached is counted"
    );
    super::validator::validate_r4(r).unwrap();
    // Counts only: no answers, no question, no person.
    let text = r.to_string();
    for never in [
        "\"item\"",
        "\"answer\"",
        "\"subject\":{\"reference\"",
        "\"name\"",
    ] {
        assert!(!text.contains(never), "{never} in {text}");
    }
}

#[test]
fn the_sender_reports_at_the_end_of_each_day_even_a_quiet_one() {
    let server = Server::start();
    let outbox = tempfile::tempdir().unwrap();
    // Days of two seconds instead of until midnight.
    let mut report = StatusConfig::new("night-1", Duration::from_secs(3600));
    report.usage_at = |after| after + Duration::from_secs(2);
    let ledger = std::sync::Arc::clone(&report.usage);
    ledger
        .lock()
        .unwrap()
        .counted
        .sessions
        .insert("en".into(), 3);
    let sender =
        Sender::start_reporting(outbox.path(), config(&server.base), Some(report)).unwrap();
    eventually(Duration::from_secs(30), "two days reported", || {
        reports(&server, "night-1").len() >= 2
    });
    sender.stop();
    let mut found = reports(&server, "night-1");
    found.sort_by_key(|r| r["period"]["start"].as_str().unwrap().to_owned());
    assert_eq!(count(&found[0], "all", "sessions"), Some(3));
    assert_eq!(
        count(&found[1], "all", "sessions"),
        Some(0),
        "a quiet day says so"
    );
    assert_eq!(
        found[0]["period"]["end"], found[1]["period"]["start"],
        "days meet"
    );
    for r in &found {
        super::validator::validate_r4(r).unwrap();
    }
}
