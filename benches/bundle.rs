//! Signed content bundles: how long a kiosk takes to verify and apply a bundle the size of the
//! built-in content with every built-in picture (goal: well under a second on the 2-core
//! development machine), to start on the last good one, and what a pull running beside the
//! screen does to a frame (goal: unchanged). `cargo bench --bench bundle`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use vein_kiosk::app::App;
use vein_kiosk::bundle::publish::{Publication, publish};
use vein_kiosk::bundle::{Pulled, Puller};
use vein_kiosk::command::Visit;
use vein_kiosk::content::{BundleSource, Content, ContentSource};

/// A published bundle (content plus every built-in picture) and a kiosk's settings for it.
struct Setup {
    _dir: tempfile::TempDir,
    source: BundleSource,
    settings: PathBuf,
    bytes: u64,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = dir.path().join("content");
    copy_dir(&root.join("content"), &content);
    copy_dir(
        &root.join("assets/illustrations"),
        &content.join("illustrations"),
    );
    let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let key = dir.path().join("group.key");
    std::fs::write(&key, pair.sk.to_box(None).unwrap().to_string()).unwrap();
    let out = dir.path().join("bundle");
    let (manifest, _) = publish(&Publication {
        content: &content,
        out: &out,
        version: 1,
        expires: None,
        today: "2026-12-05",
        secret_key: &key,
        config: None,
        password: None,
    })
    .unwrap();
    let settings = dir.path().join("kiosk.ron");
    std::fs::write(
        &settings,
        "(clinic_name: \"Bench\", default_language: \"en\", emergency_number: \"911\",
          clinic_phone: \"555-0100\")",
    )
    .unwrap();
    let source = BundleSource {
        url: format!("file://{}", out.display()),
        public_keys: vec![pair.pk.to_base64()],
        check_minutes: 15,
        cache: dir.path().join("cache").display().to_string(),
    };
    Setup {
        bytes: manifest.files.iter().map(|f| f.size).sum(),
        _dir: dir,
        source,
        settings,
    }
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
}

/// A puller into a fresh cache (so every pull downloads, checks and switches).
fn fresh_puller(s: &Setup, cache: &Path) -> Puller {
    let source = BundleSource {
        cache: cache.display().to_string(),
        ..s.source.clone()
    };
    Puller::new(&source, Some(s.settings.clone()), Duration::from_secs(30)).unwrap()
}

fn pull_once(s: &Setup) {
    let cache = tempfile::tempdir().unwrap();
    match fresh_puller(s, cache.path()).pull(today(), None) {
        Ok(Pulled::New { version: 1, .. }) => {}
        other => panic!("the bench bundle was not taken: {other:?}"),
    }
}

fn verify_and_apply(c: &mut Criterion) {
    let s = setup();
    eprintln!("bundle: {} bytes in all", s.bytes);
    c.bench_function("bundle: verify, check and keep (fresh cache)", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |cache| {
                let pulled = fresh_puller(&s, cache.path()).pull(today(), None).unwrap();
                assert!(matches!(pulled, Pulled::New { .. }));
                cache
            },
            BatchSize::PerIteration,
        );
    });
    let cache = tempfile::tempdir().unwrap();
    let puller = fresh_puller(&s, cache.path());
    puller.pull(today(), None).unwrap();
    c.bench_function("bundle: start on the last good one (checked again)", |b| {
        b.iter(|| assert!(puller.last_good(today()).unwrap().is_some()));
    });
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

fn frame_during_pull(c: &mut Criterion) {
    let s = setup();
    let content = Content::load_with_config(
        ContentSource::Folder(PathBuf::from(s.source.url.trim_start_matches("file://"))),
        Some(&s.settings),
    )
    .unwrap();
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
    c.bench_function("frame 1920x1080: healthy-veins, quiet", |b| {
        b.iter(&mut one_frame)
    });
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let pulls = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let puller = {
        let (stop, pulls) = (stop.clone(), pulls.clone());
        let s = setup();
        std::thread::spawn(move || {
            // As the kiosk's checking thread runs.
            vein_kiosk::bundle::watch::lower_priority();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                pull_once(&s);
                pulls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        })
    };
    c.bench_function(
        "frame 1920x1080: healthy-veins, a pull running beside it",
        |b| b.iter(&mut one_frame),
    );
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    puller.join().unwrap();
    let pulls = pulls.load(std::sync::atomic::Ordering::Relaxed);
    assert!(pulls > 0, "no pull ran beside the frames");
    eprintln!("{pulls} whole pulls ran beside the frames");
}

criterion_group!(benches, verify_and_apply, frame_during_pull);
criterion_main!(benches);
