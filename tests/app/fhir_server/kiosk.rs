//! "Send to staff" in the running kiosk with the clinic's FHIR server set, driven by taps, against
//! the real FHIR engine: the visitor sees a short reference, the server holds one response that
//! staff find by it, and nothing of it is left on the screen for the next person. Staff see the
//! connection in the staff menu, and can send refused answers again.

use std::path::Path;
use std::time::{Duration, SystemTime};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use serde_json::json;
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::content::{Content, FhirAuth, FhirServer};
use vein_kiosk::navigation::{Channel, Handoff};
use vein_kiosk::outbox::{Identifier, Outbox, default_system, identify};

use super::server::{Server, eventually};
use super::{assert_one_copy, pending};
use crate::common::{self, tap};

/// The built-in content with this kiosk's FHIR server and a staff PIN.
pub(super) fn content_for(base: &str, outbox: &Path) -> Content {
    let mut c = common::content();
    c.settings.kiosk_id = "lobby-1".into();
    c.settings.fhir_server = Some(FhirServer {
        base_url: base.to_owned(),
        auth: FhirAuth::None,
        outbox: outbox.display().to_string(),
        ca_file: None,
        status_minutes: 5,
        identifier_system: None,
    });
    c.settings.staff_pin_hash = Some(vein_kiosk::kiosk::pin::hash("2468").unwrap());
    c
}

/// The kiosk on the summary, reached by taps: a language, Check my legs, every answer.
pub(super) fn at_summary(content: Content) -> Harness<'static, App> {
    let h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(32)
        .build_eframe(move |_cc| App::new(content, &[]));
    walk_to_summary(h, "en")
}

fn walk_to_summary(mut h: Harness<'static, App>, lang: &str) -> Harness<'static, App> {
    h.run();
    tap(&mut h, &common::content().language(lang).name);
    let mut taps = vec![Visit::StartCheck];
    taps.extend(common::summary_steps());
    common::walk(&mut h, &taps);
    h.run();
    h
}

/// Taps "Send to staff" (in `lang`) and waits for the message that follows "Sending…".
pub(super) fn send(h: &mut Harness<'_, App>, lang: &str) {
    let send = common::content()
        .language(lang)
        .selfcheck
        .handoff
        .send
        .clone();
    h.get_by_role_and_label(Role::Button, &send).click();
    h.step();
    h.step();
    common::wait_for_jobs(h);
}

/// The reference the screen shows, and whether it says the server has the answers.
pub(super) fn shown_reference(h: &Harness<'_, App>) -> (String, bool) {
    let handoff = h.state().session().route.handoff();
    match handoff.and_then(Handoff::reference) {
        Some((reference, delivered)) => (reference.to_owned(), delivered),
        None => panic!("not sent to the record: {handoff:?}"),
    }
}

pub(super) fn identifier(reference: &str) -> Identifier {
    Identifier {
        system: default_system("lobby-1"),
        value: reference.to_owned(),
    }
}

#[test]
fn a_visitor_sends_to_the_record_sees_a_reference_and_staff_find_one_response_by_it() {
    let server = Server::start();
    let outbox = tempfile::tempdir().unwrap();
    let words = common::content().language("en").selfcheck.handoff.clone();
    let mut h = at_summary(content_for(&server.base, outbox.path()));
    send(&mut h, "en");
    let (reference, delivered) = shown_reference(&h);
    assert!(delivered, "the server was up: the answers reached it");
    assert!(
        h.query_by_label(&words.recorded).is_some(),
        "says it arrived"
    );
    assert!(h.query_by_label(&words.reference).is_some());
    assert!(h.query_by_label(&reference).is_some(), "shows {reference}");
    // Seven characters to say at the desk: three, a dash, three.
    assert_eq!(reference.len(), 7, "{reference}");
    assert_eq!(reference.as_bytes()[3], b'-');
    assert_one_copy(&server, &identifier(&reference));
    assert_eq!(
        pending(outbox.path()),
        0,
        "delivered answers leave the disk"
    );
    // Finish: the next person sees nothing of it.
    let finish = common::content()
        .language("en")
        .selfcheck
        .summary
        .finish
        .clone();
    let in_dialog = |n: &egui_kittest::Node<'_>| {
        let mut node = Some(n.accesskit_node());
        while let Some(at) = node {
            if at.role() == Role::Dialog {
                return true;
            }
            node = at.parent();
        }
        false
    };
    h.get_all_by_role_and_label(Role::Button, &finish)
        .find(in_dialog)
        .expect("Finish in the message")
        .click();
    h.run();
    assert!(h.query_by_label(&reference).is_none());
    assert!(h.query_all_by_label_contains(&reference).next().is_none());
    assert!(h.state().session().route.handoff().is_none());
}

#[test]
fn with_the_server_down_the_answers_wait_on_disk_and_arrive_once_when_it_is_back() {
    let server = Server::start();
    server.faults(&json!({"down": true}));
    let outbox = tempfile::tempdir().unwrap();
    let words = common::content().language("en").selfcheck.handoff.clone();
    let mut h = at_summary(content_for(&server.base, outbox.path()));
    send(&mut h, "en");
    let (reference, delivered) = shown_reference(&h);
    assert!(!delivered, "the server is down");
    assert!(h.query_by_label(&words.record_waiting).is_some());
    assert!(h.query_by_label(&reference).is_some());
    assert_eq!(pending(outbox.path()), 1, "safe on disk");
    server.faults(&json!({"down": false}));
    eventually(Duration::from_secs(60), "the outbox drains", || {
        pending(outbox.path()) == 0
    });
    assert_one_copy(&server, &identifier(&reference));
}

#[test]
fn an_outbox_that_cannot_be_used_says_so_and_offers_the_code() {
    // A folder inside a file cannot be made, whoever the user is.
    let content = content_for("http://127.0.0.1:9/fhir", Path::new("/dev/null/outbox"));
    let words = common::content().language("en").selfcheck.clone();
    let mut h = at_summary(content);
    send(&mut h, "en");
    assert!(
        h.state()
            .session()
            .route
            .handoff()
            .is_some_and(|h| h.channel == Channel::Record && h.failure().is_some()),
        "{:?}",
        h.state().session().route.handoff()
    );
    assert!(h.query_by_label(&words.handoff.send_failed).is_some());
    // The other way to reach staff is one tap away.
    let code = h
        .get_all_by_role_and_label(Role::Button, &words.summary.show_to_staff)
        .count();
    assert!(code >= 1, "Show to staff is offered");
}

fn open_staff_menu(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
    h.run();
    for d in "2468".chars() {
        tap(h, &d.to_string());
    }
    tap(h, &common::content().language("en").ui.staff.ok);
}

fn shows(h: &Harness<'_, App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// A response the server refused earlier (say, before a rule on it was fixed): a dead letter in
/// the outbox in `folder`. Its identifier back.
fn refused_earlier(folder: &Path) -> Identifier {
    {
        let queue = Outbox::open(folder).unwrap();
        let id = queue
            .put_new(&default_system("lobby-1"), SystemTime::now(), |id| {
                let mut r = json!({
                    "resourceType": "QuestionnaireResponse",
                    "status": "completed",
                    "authored": "2026-12-05T10:00:00Z",
                });
                identify(&mut r, id);
                r
            })
            .unwrap();
        let seq = queue.list().unwrap()[0].seq;
        queue
            .mark_dead(seq, "the server answered 400: a rule since fixed")
            .unwrap();
        id
    }
}

#[test]
fn staff_see_what_waits_and_what_was_refused_and_send_it_again() {
    let server = Server::start();
    let outbox = tempfile::tempdir().unwrap();
    let refused = refused_earlier(outbox.path());
    let staff = common::content().language("en").ui.staff.clone();
    let content = content_for(&server.base, outbox.path());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| App::new(content, &[]).kiosk_mode(None));
    h.run();
    open_staff_menu(&mut h);
    assert!(shows(&h, &staff.record_title));
    eventually(
        Duration::from_secs(30),
        "the menu counts the refused one",
        || {
            h.step();
            shows(&h, &staff.record_dead.replace("{count}", "1"))
        },
    );
    assert!(shows(&h, &staff.record_none_sent));
    assert!(shows(&h, &staff.record_pending.replace("{count}", "0")));
    // Staff send it again; the server takes it now, and the menu says so.
    tap(&mut h, &staff.record_retry);
    assert!(shows(&h, &staff.record_retried));
    // Not "nothing pending": the dead letter is not pending until the sender has put it back.
    eventually(
        Duration::from_secs(30),
        "the refused one is delivered",
        || {
            let counts = Outbox::open(outbox.path())
                .unwrap()
                .counts(SystemTime::now())
                .unwrap();
            counts.pending == 0 && counts.dead == 0
        },
    );
    assert_eq!(server.search("QuestionnaireResponse", &refused).len(), 1);
    let sent = staff
        .record_last_sent
        .split("{time}")
        .next()
        .unwrap()
        .to_owned();
    eventually(
        Duration::from_secs(10),
        "the menu shows the delivery",
        || {
            h.step();
            shows(&h, &sent)
        },
    );
    assert!(!shows(&h, &staff.record_dead.replace("{count}", "1")));
}

/// A reference that is the same every run, so the snapshots compare.
fn fixed_reference() -> Result<String, getrandom::Error> {
    Ok("7KQ-42M".into())
}

#[test]
fn snapshot_the_reference_after_sending() {
    let server = Server::start();
    let mut results = egui_kittest::SnapshotResults::new();
    for ((w, hgt), size, lang, down) in [
        ((1920.0, 1080.0), "1920x1080", "en", false),
        ((1080.0, 1920.0), "portrait", "en", false),
        ((1024.0, 600.0), "small", "en", false),
        ((1920.0, 1080.0), "1920x1080", "es", true),
    ] {
        server.faults(&json!({ "down": down }));
        let outbox = tempfile::tempdir().unwrap();
        let content = content_for(&server.base, outbox.path());
        let link = vein_kiosk::outbox::Link::start(&content.settings)
            .unwrap()
            .unwrap()
            .with_references(fixed_reference);
        let h = Harness::builder()
            .with_size(egui::vec2(w, hgt))
            .with_max_steps(32)
            .wgpu()
            .build_eframe(move |_cc| App::new(content, &[]).with_fhir(link));
        let mut h = walk_to_summary(h, lang);
        send(&mut h, lang);
        assert_eq!(shown_reference(&h), ("7KQ-42M".to_owned(), !down));
        h.run_steps(2);
        let state = if down { "waiting" } else { "delivered" };
        results.add(h.try_snapshot(format!("check-{size}-{lang}-sent-to-record-{state}")));
    }
    results.unwrap();
}

#[test]
fn a_reference_given_out_again_later_keeps_the_new_answers_too() {
    // References are short, so one comes round again some day. The server must then keep the
    // new visitor's answers beside the old ones, not answer "already held".
    let server = Server::start();
    let outbox = tempfile::tempdir().unwrap();
    let content = content_for(&server.base, outbox.path());
    let link = vein_kiosk::outbox::Link::start(&content.settings)
        .unwrap()
        .unwrap()
        .with_references(fixed_reference);
    let words = &content.default_language().selfcheck;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/answers-many-symptoms-both-legs.ron");
    let answers = vein_kiosk::selfcheck::answers_file::read(&fixture, &content.selfcheck).unwrap();
    let recorder = link.recorder();
    for authored in ["2026-03-02T09:15:00Z", "2026-12-05T10:00:00Z"] {
        let r = vein_kiosk::selfcheck::fhir::response(
            &content.selfcheck,
            words,
            &answers,
            authored,
            "en",
        );
        let receipt = recorder.record(&r, Duration::from_secs(20)).unwrap();
        assert_eq!(receipt.reference, "7KQ-42M");
        assert!(receipt.delivered, "{authored}");
    }
    let found = server.search("QuestionnaireResponse", &identifier("7KQ-42M"));
    let mut authored: Vec<&str> = found
        .iter()
        .filter_map(|r| r["authored"].as_str())
        .collect();
    authored.sort_unstable();
    assert_eq!(authored, ["2026-03-02T09:15:00Z", "2026-12-05T10:00:00Z"]);
    // A retry after a lost reply still finds its first try and adds nothing.
    server.faults(&json!({"loseReplies": 1}));
    let r = vein_kiosk::selfcheck::fhir::response(
        &content.selfcheck,
        words,
        &answers,
        "2026-12-06T08:00:00Z",
        "en",
    );
    recorder.record(&r, Duration::from_secs(30)).unwrap();
    eventually(Duration::from_secs(30), "the outbox drains", || {
        pending(outbox.path()) == 0
    });
    assert_eq!(
        server
            .search("QuestionnaireResponse", &identifier("7KQ-42M"))
            .len(),
        3
    );
}

#[test]
fn snapshot_the_staff_menu_with_a_refused_send() {
    let server = Server::start();
    let mut results = egui_kittest::SnapshotResults::new();
    let staff = common::content().language("en").ui.staff.clone();
    for ((w, hgt), size) in [((1920.0, 1080.0), "1920x1080"), ((1024.0, 600.0), "small")] {
        let outbox = tempfile::tempdir().unwrap();
        refused_earlier(outbox.path());
        let content = content_for(&server.base, outbox.path());
        let mut h = Harness::builder()
            .with_size(egui::vec2(w, hgt))
            .with_max_steps(64)
            .wgpu()
            .build_eframe(move |_cc| App::new(content, &[]).kiosk_mode(None));
        h.run();
        open_staff_menu(&mut h);
        let dead = staff.record_dead.replace("{count}", "1");
        eventually(
            Duration::from_secs(30),
            "the menu counts the refused one",
            || {
                h.step();
                shows(&h, &dead)
            },
        );
        h.run_steps(2);
        results.add(h.try_snapshot(format!("kiosk-{size}-staff-menu-fhir-server")));
    }
    results.unwrap();
}
