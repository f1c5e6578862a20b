//! Pulled content in the running kiosk: shown between visitors only, and what staff see about it.
//! One test runs the real checking thread against a real web server; the others feed the
//! kiosk's end by hand, so the moment of each update is the test's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vein_kiosk::app::App;
use vein_kiosk::bundle::{BundleError, Pulled, Update, Watch};
use vein_kiosk::content::{Content, ContentSource};

use crate::bundle::{Server, group_content, key, kiosk_settings, publish_to};
use crate::common::{self, tap};

const STEP: f64 = 0.25;

fn kiosk(
    content: Content,
    watch: Watch,
    settings: Option<std::path::PathBuf>,
) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| {
            App::new(content, &[])
                .kiosk_mode(None)
                .pull_content(watch, None, settings)
        });
    h.run();
    h
}

/// The checking thread's message that a newer bundle, `content` as `version`, is ready.
fn offer(send: &std::sync::mpsc::Sender<Update>, checked: &str, version: u64, content: Content) {
    send.send(Update {
        checked: checked.into(),
        outcome: Ok(Pulled::New {
            version,
            content: Box::new(content),
        }),
    })
    .unwrap();
}

fn kiosk_content() -> Content {
    let mut c = common::content();
    c.settings.staff_pin_hash = Some(vein_kiosk::kiosk::pin::hash("2468").unwrap());
    c
}

/// The group's content with this attract title, loaded as a pulled bundle is.
fn bundle_content(title: &str) -> (tempfile::TempDir, Content) {
    let dir = group_content(title);
    let content = Content::load(ContentSource::Folder(dir.path().to_path_buf())).unwrap();
    (dir, content)
}

/// Whether some node's label holds `text` (the attract screen is one button with its title and
/// invitation).
fn shows(h: &Harness<'_, App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

fn open_staff_menu(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
    h.run();
    for d in "2468".chars() {
        tap(h, &d.to_string());
    }
    tap(h, &common::content().language("en").ui.staff.ok);
    assert!(shows(h, &common::content().language("en").ui.staff.title));
}

#[test]
fn new_content_waits_for_the_visitor_to_leave_and_then_shows() {
    let words = common::content().language("en").ui.clone();
    let (send, watch) = Watch::channel(None);
    let mut h = kiosk(kiosk_content(), watch, None);
    tap(&mut h, &words.attract_touch);
    assert!(!h.state().session().route.is_attract(), "a visit began");
    let (_dir, content) = bundle_content("Learn about your leg veins, version 4");
    offer(&send, "2026-12-05 10:40", 4, content);
    // Minutes of someone reading: the content they read does not change under them.
    tap(&mut h, &words.start);
    tap(&mut h, &words.next);
    for _ in 0..40 {
        h.step();
    }
    assert_eq!(
        h.state().content().language("en").ui.attract_title,
        words.attract_title
    );
    assert_eq!(h.state().bundle_status().unwrap().waiting, Some(4));
    assert_eq!(h.state().bundle_status().unwrap().in_use, None);
    // They leave; the idle wipe brings the attract screen, and with it the new content.
    let settings = &h.state().content().settings;
    let idle = f64::from(settings.idle_seconds + settings.warning_seconds) + 2.0;
    for _ in 0..(idle / STEP) as usize {
        h.step();
    }
    h.run();
    assert!(h.state().session().route.is_attract());
    assert!(
        shows(&h, "Learn about your leg veins, version 4"),
        "the next visitor sees the new content"
    );
    assert!(!shows(
        &h,
        &format!("{}\n{}", words.attract_title, words.attract_touch)
    ));
    assert_eq!(h.state().bundle_status().unwrap().in_use, Some(4));
    assert_eq!(h.state().bundle_status().unwrap().waiting, None);
}

#[test]
fn staff_see_the_version_the_last_check_and_why_it_failed() {
    let staff = common::content().language("en").ui.staff.clone();
    let (send, watch) = Watch::channel(None);
    let mut h = kiosk(kiosk_content(), watch, None);
    open_staff_menu(&mut h);
    assert!(shows(&h, &staff.content_installed));
    send.send(Update {
        checked: "2026-12-05 10:40".into(),
        outcome: Err(BundleError::UnknownKey),
    })
    .unwrap();
    h.run();
    let failed = staff
        .content_check_failed
        .replace("{why}", &BundleError::UnknownKey.to_string());
    assert!(shows(&h, &failed), "the reason is shown in plain words");
    assert!(shows(
        &h,
        &staff.content_checked.replace("{time}", "2026-12-05 10:40")
    ));
    // A new version while the menu is open waits for it to close (and is said to wait).
    let (_dir, content) = bundle_content("Version five");
    offer(&send, "2026-12-05 10:55", 5, content);
    h.run();
    assert!(shows(&h, &staff.content_waiting.replace("{version}", "5")));
    assert!(!shows(&h, &failed), "a good check clears the old failure");
    tap(&mut h, &staff.close);
    assert!(shows(&h, "Version five"), "shown once the menu is closed");
    open_staff_menu(&mut h);
    assert!(shows(&h, &staff.content_version.replace("{version}", "5")));
}

#[test]
fn the_real_thread_pulls_from_a_real_server_and_the_kiosk_shows_it() {
    let key = key();
    let served = tempfile::tempdir().unwrap();
    publish_to(
        group_content("Pulled over HTTP").path(),
        served.path(),
        3,
        &key,
    );
    let server = Server::serve(served.path());
    let kiosk_dir = tempfile::tempdir().unwrap();
    let settings = kiosk_settings(
        kiosk_dir.path(),
        &server.url,
        &key.public,
        &kiosk_dir.path().join("cache"),
    );
    let content = Content::load_with_config(ContentSource::BuiltIn, Some(&settings)).unwrap();
    let started = vein_kiosk::bundle::tools::starting(content, None, Some(&settings));
    let watch = started
        .watch(|| {})
        .expect("the settings name a content source");
    let content = started.content;
    let mut h = kiosk(content, watch, Some(settings));
    // Waits on the condition (the thread's first check), not on a fixed time.
    let began = std::time::Instant::now();
    while h.state().bundle_status().unwrap().in_use.is_none() {
        assert!(
            began.elapsed().as_secs() < 60,
            "the first check never arrived"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    h.run();
    assert!(shows(&h, "Pulled over HTTP"));
    assert_eq!(h.state().bundle_status().unwrap().failed, None);
    // Staff reload reads the bundle again with the kiosk's settings (it has none of its own).
    open_staff_menu(&mut h);
    let staff = h.state().content().language("en").ui.staff.clone();
    tap(&mut h, &staff.reload);
    assert!(shows(&h, &staff.reloaded), "reloading a bundle works");
    assert!(
        h.query_by_role_and_label(
            Role::Label,
            &staff.content_version.replace("{version}", "3")
        )
        .is_some()
    );
    drop(server);
}

#[test]
fn snapshot_the_staff_menu_with_pulled_content() {
    let mut results = egui_kittest::SnapshotResults::new();
    for ((w, hgt), name) in [
        ((1920.0, 1080.0), "1920x1080"),
        ((1080.0, 1920.0), "portrait"),
        ((1024.0, 600.0), "small"),
    ] {
        let (send, watch) = Watch::channel(None);
        let content = kiosk_content();
        let mut h = Harness::builder()
            .with_size(egui::vec2(w, hgt))
            .with_max_steps(64)
            .wgpu()
            .build_eframe(move |_cc| {
                App::new(content, &[])
                    .kiosk_mode(None)
                    .pull_content(watch, None, None)
            });
        h.run();
        let (_dir, content) = bundle_content("Learn about your leg veins");
        offer(&send, "2026-12-05 10:40", 12, content);
        h.run();
        send.send(Update {
            checked: "2026-12-05 10:55".into(),
            outcome: Err(BundleError::Fetch {
                path: "manifest.json.minisig".into(),
                why: "the server could not be reached".into(),
            }),
        })
        .unwrap();
        h.run_steps(2);
        open_staff_menu(&mut h);
        h.run_steps(2);
        results.add(h.try_snapshot(format!("kiosk-{name}-staff-menu-pulled-content")));
    }
    results.unwrap();
}

/// The size of the texture egui holds for a picture, once it has been drawn.
fn texture_size(h: &Harness<'_, App>, name: &str) -> Option<egui::Vec2> {
    match h
        .ctx
        .try_load_texture(
            &vein_kiosk::ui::picture_uri(name),
            egui::TextureOptions::default(),
            egui::SizeHint::default(),
        )
        .ok()?
    {
        egui::load::TexturePoll::Ready { texture } => Some(texture.size),
        egui::load::TexturePoll::Pending { .. } => None,
    }
}

#[test]
fn a_picture_changed_in_a_new_bundle_is_drawn_anew_not_from_the_old_one() {
    let (send, watch) = Watch::channel(None);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| App::new(common::content(), &[]).pull_content(watch, None, None));
    h.run();
    let before = texture_size(&h, "welcome.svg").expect("the welcome picture was drawn");
    // The group draws a new welcome picture, twice as wide as it is tall.
    let dir = group_content("New picture");
    std::fs::create_dir_all(dir.path().join("illustrations")).unwrap();
    std::fs::write(
        dir.path().join("illustrations/welcome.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#3a7"/></svg>"##,
    )
    .unwrap();
    let content = Content::load(ContentSource::Folder(dir.path().to_path_buf())).unwrap();
    offer(&send, "2026-12-05 11:00", 2, content);
    h.run();
    h.run();
    assert_eq!(
        h.state().bundle_status().unwrap().in_use,
        Some(2),
        "shown on the untouched Welcome"
    );
    let after = texture_size(&h, "welcome.svg").expect("the new picture was drawn");
    assert!(
        (after.x / after.y - 2.0).abs() < 0.01,
        "the new picture's shape (before {before:?}, after {after:?})"
    );
}

#[test]
fn the_staffs_default_language_holds_across_new_content_on_every_part_of_the_screen() {
    // Found by the soak: after staff chose Español as the default and new content came, the
    // session started in Spanish but the attract screen's touch-anywhere label stayed English.
    let (send, watch) = Watch::channel(None);
    let mut h = kiosk(kiosk_content(), watch, None);
    open_staff_menu(&mut h);
    tap(&mut h, "Español");
    let staff = common::content().language("en").ui.staff.clone();
    tap(&mut h, &common::content().language("es").ui.staff.close);
    let (_dir, content) = bundle_content("Learn about your leg veins");
    offer(&send, "2026-12-05 11:50", 3, content);
    h.run();
    assert_eq!(h.state().bundle_status().unwrap().in_use, Some(3));
    assert_eq!(h.state().session().default_language(), "es");
    assert_eq!(h.state().content().settings.default_language, "es");
    let touch = common::content().language("es").ui.attract_touch.clone();
    assert!(
        h.query_by_label(&touch).is_some(),
        "the attract screen invites in the default language"
    );
    assert!(h.query_by_label(&staff.title).is_none());
}
