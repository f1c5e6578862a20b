//! The staff PIN pad's wrong tries and lock outlive a restart of the kiosk (systemd's
//! `Restart=always` must not hand out five fresh tries) and the visitor's wipe: they are kept in
//! `<settings>.lock-state` beside the `--config` file, readable by the kiosk's user only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use common::{content, tap};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::content::Content;
use vein_kiosk::effects::RecordingEffects;
use vein_kiosk::kiosk::{LockFile, LockState};

use crate::wipe::visit::{self, Clinic, Wipe};

const PIN: &str = "2468";

fn kiosk_content() -> Content {
    let mut c = content();
    c.settings.staff_pin_hash = Some(vein_kiosk::kiosk::pin::hash(PIN).unwrap());
    c
}

/// A settings file holding the PIN's hash, as `set-pin` leaves it.
fn settings_file(dir: &Path) -> PathBuf {
    let file = dir.join("settings.ron");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/content/settings.ron"),
        &file,
    )
    .unwrap();
    let hash = vein_kiosk::kiosk::pin::hash(PIN).unwrap();
    vein_kiosk::content::write_pin_hash(&file, &hash).unwrap();
    file
}

/// The kiosk started as `vein-kiosk --kiosk --config FILE`.
fn start(config: Option<&Path>) -> Harness<'static, App> {
    let config = config.map(Path::to_path_buf);
    let c = kiosk_content();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| App::new(c, &[]).kiosk_mode(config));
    h.run();
    h
}

fn open_pad(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
    h.run();
}

fn enter_pin(h: &mut Harness<'_, App>, pin: &str) {
    for d in pin.chars() {
        tap(h, &d.to_string());
    }
    tap(h, &content().language("en").ui.staff.ok);
}

/// The "Wait N seconds" message shown, with its N.
fn locked_seconds(h: &Harness<'_, App>) -> Option<u64> {
    let locked = content().language("en").ui.staff.locked.clone();
    (0..=30).rev().find(|n| {
        h.query_by_label(&locked.replace("{seconds}", &n.to_string()))
            .is_some()
    })
}

fn menu_open(h: &Harness<'_, App>) -> bool {
    let staff = content().language("en").ui.staff.clone();
    h.query_by_role_and_label(Role::Button, &staff.leave_kiosk)
        .is_some()
}

#[test]
fn a_restart_gives_no_fresh_tries_and_keeps_the_lock() {
    let staff = content().language("en").ui.staff.clone();
    let dir = tempfile::tempdir().unwrap();
    let config = settings_file(dir.path());
    let kept = LockFile::beside(&config);
    common::capture_logs();
    // What the log says of a lock kept across a restart (for staff reading it after one).
    let said_locked = || {
        common::logs_of_this_thread()
            .iter()
            .filter(|l| l.starts_with("the staff PIN pad stays locked for "))
            .count()
    };

    // Four wrong tries, then the kiosk restarts.
    let mut h = start(Some(&config));
    open_pad(&mut h);
    for _ in 0..4 {
        enter_pin(&mut h, "1111");
    }
    let one_left = vein_kiosk::kiosk::pin::tries_message(&staff.wrong_pin, 1);
    assert!(h.query_by_label(&one_left).is_some(), "{one_left}");
    drop(h);
    let file = kept.path();
    assert_eq!(
        std::fs::metadata(file).unwrap().permissions().mode() & 0o777,
        0o600,
        "readable by the kiosk's user only"
    );
    assert_eq!(kept.load().unwrap().map(|s| s.failures), Some(4));

    // After the restart the fifth wrong try locks: the four before it were kept.
    let mut h = start(Some(&config));
    open_pad(&mut h);
    enter_pin(&mut h, "1111");
    assert_eq!(locked_seconds(&h), Some(30), "the fifth try locks for 30 s");
    drop(h);
    assert_eq!(said_locked(), 0, "four tries kept, no lock to speak of");

    // Restarted during the lock: still locked, even for the right PIN.
    let mut h = start(Some(&config));
    open_pad(&mut h);
    enter_pin(&mut h, PIN);
    let left = locked_seconds(&h);
    assert!(
        left.is_some_and(|s| s > 0),
        "still locked after the restart: {left:?}"
    );
    assert!(!menu_open(&h));
    assert_eq!(
        said_locked(),
        1,
        "the lock kept across the restart is in the log"
    );

    // The visitor's wipe keeps the lock, in memory and on disk.
    let before = kept.load().unwrap().unwrap();
    h.state_mut().apply(Visit::Begin(None));
    h.run();
    h.state_mut().apply(Visit::StartAgain);
    h.run();
    let now = h.ctx.input(|i| i.time);
    assert!(h.state().kiosk().unwrap().pin_locked_for(now) > 0.0);
    assert_eq!(kept.load().unwrap(), Some(before), "the file is untouched");

    // When the lock has run out, the right PIN opens the menu and the count starts again.
    let mut ran_out = before;
    ran_out.locked_until = vein_kiosk::kiosk::lock_state::wall_clock() - 1.0;
    kept.save(&ran_out).unwrap();
    drop(h);
    let mut h = start(Some(&config));
    open_pad(&mut h);
    enter_pin(&mut h, PIN);
    assert!(menu_open(&h), "the right PIN opens the menu");
    assert_eq!(kept.load().unwrap().map(|s| s.failures), Some(0));
    assert_eq!(said_locked(), 1, "a lock that ran out is not said again");
}

#[test]
fn a_clock_set_back_or_a_broken_file_never_locks_the_pad_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let config = settings_file(dir.path());
    let kept = LockFile::beside(&config);
    // A lock written an hour "in the future" (the clock went back an hour since): only the
    // 30 s that five tries earn.
    kept.save(&LockState {
        failures: 5,
        locked_until: vein_kiosk::kiosk::lock_state::wall_clock() + 3600.0,
    })
    .unwrap();
    let h = start(Some(&config));
    let now = h.ctx.input(|i| i.time);
    let left = h.state().kiosk().unwrap().pin_locked_for(now);
    assert!(left > 29.0 && left <= 30.0, "{left}");
    drop(h);
    // A file that is not one: fresh tries, and the kiosk runs.
    std::fs::write(kept.path(), "failures lots\n").unwrap();
    let mut h = start(Some(&config));
    open_pad(&mut h);
    enter_pin(&mut h, PIN);
    assert!(menu_open(&h));
}

#[test]
fn without_a_settings_file_the_lock_is_in_memory_only() {
    let mut h = start(None);
    open_pad(&mut h);
    for _ in 0..5 {
        enter_pin(&mut h, "1111");
    }
    assert_eq!(locked_seconds(&h), Some(30));
    // Nothing was written where a lock file could be: the working folder and the content.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cwd = std::env::current_dir().unwrap();
    for folder in [cwd.as_path(), root, &root.join("content")] {
        let found: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".lock-state"))
            .collect();
        assert!(found.is_empty(), "{found:?}");
    }
}

/// The seconds a locked pad says to wait, read from the screen in the language shown.
fn wait_shown(h: &Harness<'_, App>) -> Option<u64> {
    let locked = visit::words(h).ui.staff.locked;
    (0..=240).rev().find(|n| {
        h.query_by_label(&locked.replace("{seconds}", &n.to_string()))
            .is_some()
    })
}

/// A lock must outlive the visitor's wipe, or ending a visit would give fresh tries: each test
/// locks the pad during a visit, ends the visit, and shows the right PIN still refused.
#[test]
fn a_lock_active_when_a_visit_is_finished_or_started_again_stays() {
    for how in [Wipe::Finish, Wipe::StartAgain] {
        // A clinic of its own each time: the tries are kept beside its settings file.
        let clinic = Clinic::new(false);
        let effects = RecordingEffects::new();
        let mut h = clinic.kiosk(clinic.content(how), &effects);
        visit::begin(&mut h);
        match how {
            Wipe::StartAgain => visit::to_last_screen(&mut h),
            _ => visit::to_summary(&mut h),
        }
        for _ in 0..5 {
            visit::enter_pin(&mut h, "1111");
        }
        assert_eq!(wait_shown(&h), Some(30), "{how:?}");
        let close = visit::words(&h).ui.staff.close;
        tap(&mut h, &close);
        visit::wipe(&mut h, how);
        visit::enter_pin(&mut h, visit::PIN);
        let left = wait_shown(&h);
        assert!(left.is_some_and(|s| s > 0), "{how:?}: {left:?}");
        assert!(
            !menu_open(&h),
            "{how:?}: the right PIN is refused while locked"
        );
    }
}

/// Five wrong tries lock for 30 s, five more for 60 s, the next five for 120 s ("and so on"),
/// and the third lock outlasts the idle wipe of the visit it came in.
#[test]
fn the_third_lock_is_twice_the_second_and_outlasts_the_idle_wipe() {
    let clinic = Clinic::new(false);
    let effects = RecordingEffects::new();
    let mut h = clinic.kiosk(clinic.content(Wipe::Idle), &effects);
    visit::begin(&mut h);
    for (lock, seconds) in [(1, 30_u32), (2, 60), (3, 120)] {
        for _ in 0..5 {
            visit::enter_pin(&mut h, "1111");
        }
        assert_eq!(wait_shown(&h), Some(u64::from(seconds)), "lock {lock}");
        if lock < 3 {
            visit::wait(&mut h, f64::from(seconds) + 1.0);
        }
    }
    let locked_at = h.ctx.input(|i| i.time);
    let close = visit::words(&h).ui.staff.close;
    tap(&mut h, &close);
    if h.state().session().route.is_attract() {
        visit::begin(&mut h);
    }
    visit::wipe(&mut h, Wipe::Idle);
    visit::enter_pin(&mut h, visit::PIN);
    let gone = h.ctx.input(|i| i.time) - locked_at;
    let left = wait_shown(&h).expect("still locked after the idle wipe");
    assert!(
        left > 0 && left as f64 <= 120.0 - gone + 1.0,
        "{left} s left, {gone} s after a 120 s lock"
    );
    assert!(!menu_open(&h), "the right PIN is refused while locked");
}

/// On a full disk the kept lock is replaced whole or not at all: the save says it failed, and
/// what was kept before is still there, whole. (Writing in place is only for a folder where the
/// kiosk may not make a file, with the file made there in advance.)
#[test]
#[ignore = "needs root: mounts a tmpfs"]
fn on_a_full_disk_the_kept_lock_is_never_half_written() {
    use std::io::Write as _;
    let mount = crate::tmpfs::Tmpfs::mount("size=64k")
        .unwrap_or_else(|e| panic!("cannot mount a small tmpfs (run as root): {e}"));
    let kept = LockFile::beside(&mount.path().join("settings.ron"));
    let before = LockState {
        failures: 3,
        locked_until: 1_800_000_000.0,
    };
    kept.save(&before).unwrap();
    let mut filler = std::fs::File::create(mount.path().join("filler")).unwrap();
    let full = (0..1000).any(|_| filler.write_all(&[0u8; 4096]).is_err());
    assert!(full, "the 64 KiB tmpfs filled");
    let after = LockState {
        failures: 4,
        locked_until: 1_800_000_300.0,
    };
    let err = kept.save(&after).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("cannot write {}", kept.path().display())),
        "{err}"
    );
    assert_eq!(kept.load().unwrap(), Some(before));
}
