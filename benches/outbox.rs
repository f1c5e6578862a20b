//! The FHIR outbox against the real test server (Medplum's engine on loopback, as the tests run
//! it): how many queued answers the sender drains per second (goal: at least 50/s), and a frame
//! of the kiosk while its own sender is busy draining beside it (goal: unchanged).
//! `cargo bench --bench outbox`; `OUTBOX_BENCH_SENDS` sets how many answers one drain sends
//! (default 500).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/app/fhir_server/server.rs"]
#[allow(dead_code)]
mod server;

use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use criterion::{Criterion, criterion_group, criterion_main};
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::content::{Content, FhirAuth, FhirServer};
use vein_kiosk::outbox::{Auth, Outbox, Sender, SenderConfig, default_system, identify};
use vein_kiosk::selfcheck::answers_file;
use vein_kiosk::selfcheck::fhir::response;

fn sends() -> usize {
    std::env::var("OUTBOX_BENCH_SENDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500)
}

/// Puts `n` visitors' answers (the fixture with many symptoms) in the outbox at `folder`.
fn queue(folder: &Path, n: usize) {
    let c = Content::built_in().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/answers-many-symptoms-both-legs.ron");
    let answers = answers_file::read(&fixture, &c.selfcheck).unwrap();
    let words = &c.default_language().selfcheck;
    let outbox = Outbox::open(folder).unwrap();
    for _ in 0..n {
        outbox
            .put_new(&default_system("bench"), SystemTime::now(), |id| {
                let mut r = response(&c.selfcheck, words, &answers, "2026-12-05T10:00:00Z", "en");
                identify(&mut r, id);
                r
            })
            .unwrap();
    }
}

fn pending(folder: &Path) -> u64 {
    Outbox::open(folder)
        .unwrap()
        .counts(SystemTime::now())
        .unwrap()
        .pending
}

fn drain_rate(_c: &mut Criterion) {
    let n = sends();
    let mut rates = Vec::new();
    for _ in 0..3 {
        // A fresh server each time: its in-memory store grows with every answer it holds.
        let server = server::Server::start();
        let dir = tempfile::tempdir().unwrap();
        queue(dir.path(), n);
        let config = SenderConfig {
            base_url: server.base.clone(),
            auth: Auth::None,
            ca_certs: Vec::new(),
            timeout: Duration::from_secs(30),
            idle_poll: Duration::from_millis(50),
        };
        let start = Instant::now();
        let sender = Sender::start(dir.path(), config).unwrap();
        while pending(dir.path()) > 0 {
            std::thread::sleep(Duration::from_millis(20));
        }
        let took = start.elapsed();
        sender.stop();
        assert_eq!(server.posts().len(), n, "each answer sent once");
        rates.push(n as f64 / took.as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    eprintln!(
        "outbox: {n} queued answers drained at {:.0}/s (median of 3; {:.0}-{:.0}/s)",
        rates[1], rates[0], rates[2]
    );
}

fn input(time: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        time: Some(time),
        ..Default::default()
    }
}

fn frame_with_sender_busy(c: &mut Criterion) {
    let server = server::Server::start();
    let quiet = Content::built_in().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut busy = quiet.clone();
    busy.settings.kiosk_id = "bench".into();
    busy.settings.fhir_server = Some(FhirServer {
        base_url: server.base.clone(),
        auth: FhirAuth::None,
        outbox: dir.path().display().to_string(),
        ca_file: None,
        status_minutes: 5,
        identifier_system: None,
    });
    // Enough answers that the kiosk's own sender is still draining when the frames end.
    queue(dir.path(), 20 * sends());
    for (name, content) in [("quiet", quiet), ("its sender draining beside it", busy)] {
        let ctx = egui::Context::default();
        let mut app = App::new(content.clone(), &[]);
        app.apply(Visit::GoTo(content.screen_index("healthy-veins").unwrap()));
        let mut t = 0.0;
        let mut one_frame = || {
            t += 1.0 / 15.0;
            let output = ctx.run_ui(input(t), |ui| {
                app.handle_input(ui.ctx());
                app.show(ui);
            });
            ctx.tessellate(output.shapes, output.pixels_per_point)
        };
        for _ in 0..20 {
            one_frame();
        }
        c.bench_function(&format!("frame 1920x1080: healthy-veins, {name}"), |b| {
            b.iter(&mut one_frame)
        });
    }
    let left = pending(dir.path());
    let sent = server.posts().len();
    assert!(sent > 0, "the sender sent nothing beside the frames");
    assert!(
        left > 0,
        "the sender ran out of work before the frames ended"
    );
    eprintln!("outbox: {sent} answers sent beside the frames, {left} still queued");
}

criterion_group!(benches, drain_rate, frame_with_sender_busy);
criterion_main!(benches);
