//! Integration tests for the hand-off folder, against real folders, and real tmpfs mounts for
//! the read-only and full cases. Mounting needs root, so those tests are `#[ignore]`d and CI (which
//! runs as root) runs them explicitly: `scripts/test --test app handoff_folder:: -- --ignored`. Run that
//! way they mount for real, and fail if they cannot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::tmpfs::Tmpfs;
use vein_kiosk::handoff_folder::{SendError, send};

const STEM: &str = "vein-check-20261121-1405";
const PDF: &[u8] = b"%PDF-1.7 results";
const FHIR: &[u8] = br#"{"resourceType":"Bundle"}"#;

/// Names of all entries in `dir`.
fn names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// Asserts that no temporary `.part` file is left in `dir`.
fn assert_no_part(dir: &Path) {
    let parts: Vec<String> = names(dir)
        .into_iter()
        .filter(|name| name.contains(".part"))
        .collect();
    assert!(parts.is_empty(), "temporary files left behind: {parts:?}");
}

/// Restores mode 0755 on drop, so the temporary folder can be removed even after a panic.
struct Writable<'a>(&'a Path);

impl Drop for Writable<'_> {
    fn drop(&mut self) {
        let _ = fs::set_permissions(self.0, fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn writes_both_files_with_their_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let paths = send(dir.path(), STEM, &[("pdf", PDF), ("json", FHIR)]).unwrap();

    let pdf = dir.path().join(format!("{STEM}.pdf"));
    let json = dir.path().join(format!("{STEM}.json"));
    assert_eq!(paths, vec![pdf.clone(), json.clone()]);
    assert_eq!(fs::read(&pdf).unwrap(), PDF);
    assert_eq!(fs::read(&json).unwrap(), FHIR);
    assert_eq!(
        names(dir.path()),
        set(&[&format!("{STEM}.pdf"), &format!("{STEM}.json")])
    );
    assert_no_part(dir.path());
}

#[test]
fn never_overwrites_and_picks_the_next_free_stem() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join(format!("{STEM}.pdf"));
    fs::write(&existing, b"someone else's report").unwrap();

    let first = send(dir.path(), STEM, &[("pdf", PDF), ("json", FHIR)]).unwrap();
    assert_eq!(
        first,
        vec![
            dir.path().join(format!("{STEM}-2.pdf")),
            dir.path().join(format!("{STEM}-2.json")),
        ]
    );
    assert_eq!(fs::read(&first[0]).unwrap(), PDF);
    assert_eq!(fs::read(&first[1]).unwrap(), FHIR);
    assert_eq!(fs::read(&existing).unwrap(), b"someone else's report");
    // The free `<stem>.json` must not have been used on its own.
    assert!(!dir.path().join(format!("{STEM}.json")).exists());

    let second = send(dir.path(), STEM, &[("pdf", b"second"), ("json", b"{}")]).unwrap();
    assert_eq!(
        second,
        vec![
            dir.path().join(format!("{STEM}-3.pdf")),
            dir.path().join(format!("{STEM}-3.json")),
        ]
    );
    assert_eq!(fs::read(&first[0]).unwrap(), PDF);
    assert_eq!(fs::read(&second[0]).unwrap(), b"second");
    assert_eq!(names(dir.path()).len(), 5);
    assert_no_part(dir.path());
}

#[test]
fn collision_on_a_later_file_moves_all_files_to_the_next_stem() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join(format!("{STEM}.json"));
    fs::write(&existing, b"old").unwrap();

    let paths = send(dir.path(), STEM, &[("pdf", PDF), ("json", FHIR)]).unwrap();
    assert_eq!(
        names(dir.path()),
        set(&[
            &format!("{STEM}.json"),
            &format!("{STEM}-2.pdf"),
            &format!("{STEM}-2.json"),
        ])
    );
    assert_eq!(fs::read(&paths[0]).unwrap(), PDF);
    assert_eq!(fs::read(&existing).unwrap(), b"old");
    assert_no_part(dir.path());
}

#[test]
fn concurrent_sends_never_clobber_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let results: Vec<Vec<PathBuf>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let folder = dir.path();
                scope.spawn(move || {
                    let pdf = format!("pdf {i}").into_bytes();
                    let json = format!("json {i}").into_bytes();
                    let paths = send(folder, STEM, &[("pdf", &pdf), ("json", &json)]).unwrap();
                    assert_eq!(fs::read(&paths[0]).unwrap(), pdf);
                    assert_eq!(fs::read(&paths[1]).unwrap(), json);
                    paths
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let all: BTreeSet<&PathBuf> = results.iter().flatten().collect();
    assert_eq!(all.len(), 16, "every send got its own names");
    assert_eq!(names(dir.path()).len(), 16);
    assert_no_part(dir.path());
}

#[test]
fn missing_folder_is_reported_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("front-desk");
    let err = send(&missing, STEM, &[("pdf", PDF), ("json", FHIR)]).unwrap_err();
    assert!(
        matches!(&err, SendError::Missing(p) if *p == missing),
        "{err:?}"
    );
    assert!(err.to_string().contains("front-desk"), "{err}");
    assert!(!missing.exists());
    assert!(names(dir.path()).is_empty());
}

#[test]
fn regular_file_is_not_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("front-desk");
    fs::write(&file, b"not a folder").unwrap();
    let err = send(&file, STEM, &[("pdf", PDF), ("json", FHIR)]).unwrap_err();
    assert!(
        matches!(&err, SendError::NotAFolder(p) if *p == file),
        "{err:?}"
    );
    assert!(err.to_string().contains("front-desk"), "{err}");
    assert_eq!(fs::read(&file).unwrap(), b"not a folder");
    assert_eq!(names(dir.path()), set(&["front-desk"]));
}

/// A folder whose mode bits forbid writing (0555). Root ignores mode bits, so whether this user
/// can write there is probed first; `send` must say "not writable" exactly when it cannot, and
/// write the hand-off when it can (it must not refuse a folder on its mode bits alone). As a
/// normal user this is the read-only case; as root, `read_only_mount_is_not_writable` is.
#[test]
fn a_folder_with_mode_0555_is_not_writable_exactly_when_this_user_cannot_write_it() {
    let dir = tempfile::tempdir().unwrap();
    let _restore = Writable(dir.path());
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join("probe");
    let can_write = fs::write(&probe, b"x").is_ok();
    let _ = fs::remove_file(&probe);
    let result = send(dir.path(), STEM, &[("pdf", PDF), ("json", FHIR)]);
    if can_write {
        let paths = result.unwrap();
        assert_eq!(fs::read(&paths[0]).unwrap(), PDF);
        assert_eq!(fs::read(&paths[1]).unwrap(), FHIR);
    } else {
        let err = result.unwrap_err();
        assert!(
            matches!(&err, SendError::NotWritable(p) if p == dir.path()),
            "{err:?}"
        );
        assert!(names(dir.path()).is_empty());
    }
    assert_no_part(dir.path());
}

#[test]
#[ignore = "needs root: mounts a tmpfs"]
fn read_only_mount_is_not_writable() {
    // Storage that really is read-only, whoever writes: root ignores mode bits, not `ro`.
    let mount = Tmpfs::mount("ro,size=64k")
        .unwrap_or_else(|e| panic!("cannot mount a read-only tmpfs (run as root): {e}"));
    let err = send(mount.path(), STEM, &[("pdf", PDF), ("json", FHIR)]).unwrap_err();
    assert!(
        matches!(&err, SendError::NotWritable(p) if p == mount.path()),
        "{err:?}"
    );
    assert!(names(mount.path()).is_empty());
}

#[test]
#[ignore = "needs root: mounts a tmpfs"]
fn full_folder_is_reported_and_nothing_is_left_behind() {
    let mount = Tmpfs::mount("size=64k")
        .unwrap_or_else(|e| panic!("cannot mount a small tmpfs (run as root): {e}"));
    let small = vec![1u8; 16 * 1024];
    let large = vec![2u8; 200 * 1024];

    let err = send(mount.path(), STEM, &[("pdf", &small), ("json", &large)]).unwrap_err();
    assert!(
        matches!(&err, SendError::Full(p) if p == mount.path()),
        "{err:?}"
    );
    assert!(err.to_string().contains("full"), "{err}");
    assert!(names(mount.path()).is_empty(), "{:?}", names(mount.path()));
    assert_no_part(mount.path());

    // The space is free again afterwards: a hand-off that fits still succeeds.
    let paths = send(mount.path(), STEM, &[("pdf", &small), ("json", FHIR)]).unwrap();
    assert_eq!(fs::read(&paths[0]).unwrap(), small);
    assert_eq!(names(mount.path()).len(), 2);
    assert_no_part(mount.path());
}

#[test]
fn invalid_names_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (stem, files) in [
        ("../escape", vec![("pdf", PDF)]),
        ("", vec![("pdf", PDF)]),
        (STEM, vec![("p/df", PDF)]),
        (STEM, vec![("pdf", PDF), ("PDF", PDF)]),
    ] {
        let err = send(dir.path(), stem, &files).unwrap_err();
        assert!(matches!(err, SendError::Other(..)), "{err:?}");
    }
    assert!(names(dir.path()).is_empty());
}

#[test]
fn a_folder_swapped_for_a_link_after_check_is_refused_at_send() {
    let root = TempDir::new().unwrap();
    let real = root.path().join("real");
    let elsewhere = root.path().join("elsewhere");
    fs::create_dir(&real).unwrap();
    fs::create_dir(&elsewhere).unwrap();
    send(&real, STEM, &[("pdf", PDF)]).unwrap();
    // Someone swaps the folder for a link to another place.
    fs::rename(&real, root.path().join("old")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &real).unwrap();
    let err = send(&real, STEM, &[("pdf", PDF), ("json", FHIR)]).unwrap_err();
    assert!(matches!(err, SendError::Link(_)), "{err:?}");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert!(names(&elsewhere).is_empty(), "nothing follows the link");
}

/// README: "A missing, read-only or full folder is said plainly, with the reason in small print
/// for staff": Send to staff on the summary, through the real folder code, into real mounts.
#[test]
#[ignore = "needs root: mounts a tmpfs"]
fn a_read_only_or_full_folder_is_said_on_the_screen() {
    use crate::common;
    use egui_kittest::kittest::Queryable;
    for (options, reason) in [("ro,size=64k", "not writable"), ("size=4k", "full")] {
        let mount = Tmpfs::mount(options)
            .unwrap_or_else(|e| panic!("cannot mount a tmpfs (run as root): {e}"));
        let mut c = common::content();
        c.settings.handoff_folder = Some(mount.path().display().to_string());
        let mut h = egui_kittest::Harness::builder()
            .with_size(egui::vec2(1920.0, 1080.0))
            .with_max_steps(64)
            .build_eframe(move |_cc| vein_kiosk::app::App::new(c, &[]));
        h.run();
        common::walk(&mut h, &[vein_kiosk::command::Visit::StartCheck]);
        common::walk(&mut h, &common::summary_steps());
        let handoff = common::content().language("en").selfcheck.handoff.clone();
        h.get_by_role_and_label(egui::accesskit::Role::Button, &handoff.send)
            .click();
        h.step();
        common::wait_for_jobs(&mut h);
        assert!(
            h.query_by_label(&handoff.send_failed).is_some(),
            "{options}: said plainly"
        );
        let small_print = h
            .query_all_by_label_contains(reason)
            .next()
            .and_then(|n| n.value());
        assert!(
            small_print.as_ref().is_some_and(
                |s| s.starts_with('(') && s.contains(&mount.path().display().to_string())
            ),
            "{options}: the reason for staff: {small_print:?}"
        );
        assert!(names(mount.path()).is_empty(), "{options}: nothing written");
    }
}
