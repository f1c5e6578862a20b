//! The staff and editor commands, run as a person would run them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn kiosk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
}

fn content_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

#[test]
fn check_passes_on_the_built_in_content() {
    let out = kiosk().arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("no problems (9 screens, 2 languages)"));
}

#[test]
fn check_prints_every_problem_with_its_place_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["", "lang"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    for rel in [
        "settings.ron",
        "flow.ron",
        "theme.ron",
        "selfcheck.ron",
        "lang/en.ron",
        "lang/es.ron",
    ] {
        std::fs::copy(content_dir().join(rel), dir.path().join(rel)).unwrap();
    }
    let flow = std::fs::read_to_string(dir.path().join("flow.ron")).unwrap();
    std::fs::write(
        dir.path().join("flow.ron"),
        flow.replace("\"treatment.svg\"", "\"gone.svg\"")
            .replace("\"gstt\"]", "\"gst\"]"),
    )
    .unwrap();
    let out = kiosk().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let flow_path = dir.path().join("flow.ron").display().to_string();
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with(&flow_path)).collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(": screens[6].illustration: picture \"gone.svg\"")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(": screens[1].sources: no source has the id \"gst\"")),
        "{err}"
    );
    assert!(err.contains("2 problem(s)"));
}

#[test]
fn text_prints_what_a_patient_reads_in_one_language() {
    let out = kiosk().args(["text", "--lang", "es"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("=== es 1/9 welcome ==="));
    assert!(text.contains("=== es 9/9 check-legs ==="));
    assert!(!text.contains("=== en "), "only Spanish");
    assert!(text.contains("Siguiente"), "controls are included");
    assert!(
        text.contains("=== es self-check ==="),
        "the self-check is included"
    );
    assert!(
        text.contains("¿Se le hinchan los tobillos o los pies?") || text.contains("tobillos"),
        "its questions"
    );
    assert!(
        text.contains("Por favor, avísele ahora a alguien del personal."),
        "its alerts"
    );
    assert!(
        !text.contains("{emergency_number}"),
        "placeholders are filled"
    );
    let bad = kiosk().args(["text", "--lang", "xx"]).output().unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("no language \"xx\"; the content has: en, es")
    );
}

#[test]
fn screenshots_renders_every_screen_language_and_size_without_a_display() {
    let dir = tempfile::tempdir().unwrap();
    let out = kiosk()
        .arg("screenshots")
        .arg(dir.path())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 9 * 2 * 2);
    let portrait = dir.path().join("es-1080x1920-05-symptoms.png");
    let (w, h) = image::image_dimensions(&portrait).unwrap();
    assert_eq!((w, h), (1080, 1920));
    let landscape = image::open(dir.path().join("en-1920x1080-01-welcome.png"))
        .unwrap()
        .to_rgba8();
    assert_eq!(landscape.dimensions(), (1920, 1080));
    // Not a blank image: the page has its background, dark text and the blue Start button.
    let colours: std::collections::BTreeSet<[u8; 4]> = landscape.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 50, "only {} colours", colours.len());
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn selfcheck_prints_the_summary_for_each_fixture() {
    let run = |file: &str, lang: &str| {
        let out = kiosk()
            .args(["selfcheck", "--lang", lang, "--answers"])
            .arg(fixture(file))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let none = run("answers-no-problems.ron", "en");
    assert!(none.starts_with("Answers to talk about with the vein team\n"));
    assert!(none.contains("You did not mark any leg problems."));
    assert!(!none.contains("Tell staff now"));

    let red = run("answers-red-flags.ron", "en");
    let top = red.find("Tell staff now").expect("red-flag block");
    assert!(
        top < red.find("What you feel").unwrap(),
        "red flags come first"
    );
    assert!(red.contains("- Sudden trouble breathing or chest pain\n"));
    assert!(red.contains("- A hard, painful, red lump along a vein: not sure\n"));
    assert!(!red.contains("Swollen"), "skipped answers appear nowhere");

    let many = run("answers-many-symptoms-both-legs.ron", "en");
    assert!(many.contains("- Left leg: Aching, heavy or tired (Most days); Swollen ankle or foot (Often); Throbbing or burning (Sometimes)"));
    assert!(many.contains("- Right leg: Aching, heavy or tired (Most days); Swollen ankle or foot (Often); Cramps at night (Often)"));
    assert!(many.contains("- Open sore cared for by: A nurse or doctor"));
    let es = run("answers-many-symptoms-both-legs.ron", "es");
    assert!(es.contains("Pierna izquierda: "));
    assert!(!es.contains("Left leg"));
}

#[test]
fn selfcheck_rejects_malformed_and_inconsistent_answer_files_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("syntax.ron", "Answers({ \"rf-leg\": Yes, ", ":1:"),
        (
            "unknown.ron",
            "Answers({ \"rf-legg\": Yes })",
            "\"rf-legg\" is not a question",
        ),
        (
            "shape.ron",
            "Answers({ \"ache\": Yes })",
            "\"ache\": Yes is not an answer this question takes",
        ),
        (
            "option.ron",
            "Answers({ \"signs\": Chose([\"spots\"]) })",
            "\"signs\"",
        ),
        (
            "legs.ron",
            "Answers({ \"ache\": Legs(Both, None) })",
            "\"ache\"",
        ),
        (
            "branch.ron",
            "Answers({ \"care\": Chose([\"raising\"]), \"stockings-help\": Chose([\"helped\"]) })",
            "\"stockings-help\" is answered, but with these answers it would not be asked",
        ),
    ];
    for (name, text, says) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = kiosk()
            .args(["selfcheck", "--answers"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&path.display().to_string()),
            "{name}: names the file: {err}"
        );
        assert!(err.contains(says), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}: no summary printed");
    }
}

#[test]
fn set_pin_writes_only_a_hash_and_check_validates_a_config_file() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("clinic.ron");
    std::fs::copy(content_dir().join("settings.ron"), &config).unwrap();
    let mut child = kiosk()
        .args(["set-pin", "--config"])
        .arg(&config)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"2468\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("staff_pin_hash: Some(\"$argon2id$"), "{text}");
    assert!(!text.contains("2468"), "the PIN itself is never written");
    assert!(
        text.contains("// Settings a clinic changes."),
        "comments are kept"
    );
    let hash = text
        .split('"')
        .find(|s| s.starts_with("$argon2id$"))
        .unwrap();
    assert!(vein_kiosk::kiosk::pin::verify("2468", hash));

    // check reads the config file and reports its problems with their place.
    let ok = kiosk()
        .args(["check", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    std::fs::write(
        &config,
        text.replace("warning_seconds: 30", "warning_seconds: 5"),
    )
    .unwrap();
    let bad = kiosk()
        .args(["check", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    let line = std::fs::read_to_string(&config)
        .unwrap()
        .lines()
        .position(|l| l.contains("warning_seconds: 5"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("{}:{line}:", config.display())),
        "{err}"
    );
    assert!(
        err.contains(": warning_seconds: must be at least 20"),
        "{err}"
    );

    // A PIN that is not 4 to 8 digits is refused and nothing is written.
    let before = std::fs::read_to_string(&config).unwrap();
    let mut child = kiosk()
        .args(["set-pin", "--config"])
        .arg(&config)
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"12\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&config).unwrap(), before);
}
