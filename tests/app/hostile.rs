//! The defects a hostile probe found, each with the input that found it. Every test here failed
//! before its fix.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use vein_kiosk::content::{Content, ContentSource};

fn kiosk(args: &[&str], stdin: &str) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn hand_off_files_are_readable_by_the_kiosk_user_only() {
    let folder = tempfile::tempdir().unwrap();
    let written = vein_kiosk::handoff_folder::send(
        folder.path(),
        "vein-check-x",
        &[("pdf", b"a"), ("json", b"b")],
    )
    .unwrap();
    for file in written {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }
}

#[test]
fn set_pin_keeps_a_private_settings_file_private_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("settings.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/settings.ron"),
        &file,
    )
    .unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (ok, out) = kiosk(&["set-pin", "--config", file.to_str().unwrap()], "2468\n");
    assert!(ok, "{out}");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode, 0o600,
        "the PIN hash must not become readable by others"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["settings.ron"], "no temporary file left");
    // A failure (the temporary name is taken by a folder) leaves the file as it was.
    let before = std::fs::read(&file).unwrap();
    std::fs::create_dir(dir.path().join("settings.ron.tmp")).unwrap();
    std::fs::write(dir.path().join("settings.ron.tmp/keep"), b"x").unwrap();
    let (ok, _) = kiosk(&["set-pin", "--config", file.to_str().unwrap()], "1357\n");
    assert!(!ok);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn an_answers_file_that_answers_twice_is_refused_naming_the_question_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("twice.ron");
    std::fs::write(
        &file,
        "Answers({\n  \"rf-breathing\": Yes,\n  \"rf-breathing\": No,\n})\n",
    )
    .unwrap();
    let (ok, out) = kiosk(&["selfcheck", "--answers", file.to_str().unwrap()], "");
    assert!(!ok);
    assert!(out.contains("twice.ron:3: "), "{out}");
    assert!(out.contains("\"rf-breathing\" is answered twice"), "{out}");
}

#[test]
fn broken_pictures_are_reported_not_passed() {
    let dir = common::content_folder();
    let pictures = dir.path().join("illustrations");
    std::fs::create_dir_all(&pictures).unwrap();
    std::fs::write(
        pictures.join("welcome.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect",
    )
    .unwrap();
    std::fs::write(
        pictures.join("healthy-veins.svg"),
        "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&b;</text></svg>",
    )
    .unwrap();
    std::fs::write(
        pictures.join("symptoms.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200000\" height=\"10\"><rect width=\"1\" height=\"1\"/></svg>",
    )
    .unwrap();
    std::os::unix::fs::symlink("treatment.svg", pictures.join("treatment.svg")).unwrap();
    let problems = Content::load(ContentSource::Folder(dir.path().to_owned())).unwrap_err();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    for (picture, why) in [
        ("welcome.svg", "not an SVG the kiosk can draw"),
        ("healthy-veins.svg", "entities"),
        ("symptoms.svg", "200000x10"),
        ("treatment.svg", "cannot be read"),
    ] {
        assert!(
            text.iter()
                .any(|t| t.contains(picture) && t.contains(why) && t.contains("flow.ron:")),
            "{picture}: {why} in {text:#?}"
        );
    }
}

#[test]
fn a_huge_text_is_refused_by_check() {
    let dir = common::content_folder();
    let settings = dir.path().join("settings.ron");
    let text = std::fs::read_to_string(&settings).unwrap();
    let huge = "x".repeat(1_000_000);
    std::fs::write(
        &settings,
        text.replace("\"Your vein clinic\"", &format!("\"{huge}\"")),
    )
    .unwrap();
    let lang = dir.path().join("lang/en.ron");
    let text = std::fs::read_to_string(&lang).unwrap();
    std::fs::write(
        &lang,
        text.replacen(
            "next: \"Next\"",
            &format!("next: \"{}\"", "y".repeat(5000)),
            1,
        ),
    )
    .unwrap();
    let problems = Content::load(ContentSource::Folder(dir.path().to_owned())).unwrap_err();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        text.iter().any(|t| t.contains("settings.ron")
            && t.contains("clinic_name")
            && t.contains("1000000 characters")),
        "{text:#?}"
    );
    assert!(
        text.iter().any(|t| t.contains("en.ron")
            && t.contains("ui.next")
            && t.contains("5000 characters")),
        "{text:#?}"
    );
}

#[test]
fn a_typo_in_the_settings_keeps_the_staff_pin() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("settings.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/settings.ron"),
        &file,
    )
    .unwrap();
    let (ok, out) = kiosk(&["set-pin", "--config", file.to_str().unwrap()], "2468\n");
    assert!(ok, "{out}");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("idle_seconds:", "idle_secnds:")).unwrap();
    let (content, problems) = Content::load_or_built_in(None, Some(&file)).unwrap();
    assert!(!problems.is_empty(), "the typo is reported to staff");
    let hash = content
        .settings
        .staff_pin_hash
        .expect("the PIN survives the typo");
    assert!(vein_kiosk::kiosk::pin::verify("2468", &hash));
}

#[test]
fn check_warns_about_a_hand_off_folder_anyone_can_write_or_that_is_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let open = dir.path().join("open");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&open, &link).unwrap();
    for (folder, warning) in [
        (&open, "anyone on this computer may write"),
        (&link, "symbolic link"),
    ] {
        let file = dir.path().join("settings.ron");
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("content/settings.ron"),
        )
        .unwrap();
        let text = text.replace(
            "handoff_folder: None,",
            &format!("handoff_folder: Some(\"{}\"),", folder.display()),
        );
        std::fs::write(&file, text).unwrap();
        let (ok, out) = kiosk(&["check", "--config", file.to_str().unwrap()], "");
        assert!(ok, "a warning does not fail the check: {out}");
        assert!(out.contains("warning:") && out.contains(warning), "{out}");
    }
}

#[test]
fn set_pin_makes_the_settings_file_private_writes_through_a_link_and_refuses_easy_pins() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/settings.ron"),
        &real,
    )
    .unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o644)).unwrap();
    let link = dir.path().join("settings.ron");
    std::os::unix::fs::symlink("real.ron", &link).unwrap();
    // check warns once a PIN hash sits in a file others may read.
    let (ok, out) = kiosk(&["set-pin", "--config", link.to_str().unwrap()], "2468\n");
    assert!(ok, "{out}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is kept"
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the Argon2 hash is for the owner's eyes only");
    let (content, problems) = Content::load_or_built_in(None, Some(&link)).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(vein_kiosk::kiosk::pin::verify(
        "2468",
        content.settings.staff_pin_hash.as_deref().unwrap()
    ));
    // Easy PINs are refused, and nothing changes.
    let before = std::fs::read(&real).unwrap();
    for pin in ["0000", "1234", "4321", "123456", "99999999"] {
        let (ok, out) = kiosk(
            &["set-pin", "--config", link.to_str().unwrap()],
            &format!("{pin}\n"),
        );
        assert!(!ok, "{pin}");
        assert!(out.contains("too easy to guess"), "{out}");
    }
    assert_eq!(std::fs::read(&real).unwrap(), before);
    let (ok, out) = kiosk(&["check", "--config", real.to_str().unwrap()], "");
    assert!(ok && !out.contains("warning: the settings file"), "{out}");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (ok, out) = kiosk(&["check", "--config", real.to_str().unwrap()], "");
    assert!(ok, "a warning does not fail the check: {out}");
    assert!(
        out.contains("warning: the settings file") && out.contains("mode 644"),
        "{out}"
    );
}

#[test]
fn check_warns_about_a_clinic_name_the_printout_cannot_print() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("settings.ron");
    let built_in = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/settings.ron"),
    )
    .unwrap();
    let with_name = |name: &str| {
        built_in.replace(
            "clinic_name: \"Your vein clinic\"",
            &format!("clinic_name: \"{name}\""),
        )
    };
    std::fs::write(&config, with_name("Clínica Vascular Peña")).unwrap();
    let (ok, out) = kiosk(&["check", "--config", config.to_str().unwrap()], "");
    assert!(
        ok && !out.contains("cannot print"),
        "Latin with accents prints: {out}"
    );
    std::fs::write(&config, with_name("Клиника вен 静脉诊所")).unwrap();
    let (ok, out) = kiosk(&["check", "--config", config.to_str().unwrap()], "");
    assert!(ok, "a warning does not fail the check: {out}");
    assert!(
        out.contains("warning: settings.ron: clinic_name")
            && out.contains("Latin script only")
            && out.contains("Клинкаве静脉诊所"),
        "{out}"
    );
}
