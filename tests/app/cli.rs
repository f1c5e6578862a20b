//! The staff and editor commands, run as a person would run them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn kiosk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
}

fn content_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The files of the built-in content that a clinic's own folder needs.
const CONTENT_FILES: [&str; 6] = [
    "settings.ron",
    "flow.ron",
    "theme.ron",
    "selfcheck.ron",
    "lang/en.ron",
    "lang/es.ron",
];

/// A clinic's content folder: a copy of the built-in content.
fn clinic_content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("lang")).unwrap();
    for rel in CONTENT_FILES {
        std::fs::copy(content_dir().join(rel), dir.path().join(rel)).unwrap();
    }
    dir
}

/// The built-in content, for the words and counts the output must hold.
fn built_in() -> vein_kiosk::content::Content {
    vein_kiosk::content::Content::built_in().unwrap()
}

/// Whether `line` is a whole line of `text`.
fn has_line(text: &str, line: &str) -> bool {
    text.lines().any(|l| l == line)
}

#[test]
fn check_passes_on_the_built_in_content() {
    let out = kiosk().arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = built_in();
    let says = format!(
        ": no problems ({} screens, {} languages)\n",
        c.flow.screens.len(),
        c.languages.len()
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.ends_with(&says), "{stdout}");
}

#[test]
fn check_prints_every_problem_with_its_place_and_fails() {
    let dir = clinic_content();
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
    // The missing picture, and each screen that cites the misspelt source.
    let cites = flow.matches("\"gstt\"]").count();
    assert_eq!(lines.len(), 1 + cites, "{err}");
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
    assert!(err.contains(&format!("{} problem(s)", 1 + cites)), "{err}");
}

#[test]
fn text_prints_what_a_patient_reads_in_one_language() {
    let content = built_in();
    let screens = content.flow.screens.len();
    let out = kiosk().args(["text", "--lang", "es"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let first = format!("=== es 1/{screens} {} ===", content.flow.screens[0].id);
    let last = format!(
        "=== es {screens}/{screens} {} ===",
        content.flow.screens[screens - 1].id
    );
    assert!(has_line(&text, &first), "{first}:\n{text}");
    assert!(has_line(&text, &last), "{last}:\n{text}");
    assert!(!text.contains("=== en "), "only Spanish");
    let controls = text
        .split("=== es controls ===\n")
        .nth(1)
        .expect("controls");
    assert!(has_line(controls, "Siguiente"), "controls are included");
    // The self-check: every question as a line, with each of its answers under it.
    let check = text
        .split("=== es self-check ===\n")
        .nth(1)
        .expect("the self-check is included");
    let words = &content.language("es").selfcheck;
    for q in &content.selfcheck.questions {
        let w = &words.questions[&q.id];
        let mut block = format!("\n{}\n", w.ask);
        for o in q.kind.options() {
            block += &format!("- {}\n", w.options[&o.id]);
        }
        assert!(
            check.contains(&block),
            "{}: {block:?} missing:\n{check}",
            q.id
        );
    }
    assert!(has_line(check, &words.questions["swelling"].ask), "{check}");
    // Its alerts, each whole, with the emergency number filled in.
    for (flag, alert) in &words.alerts {
        let block = format!(
            "{}\n{}\n{}\n",
            alert.title,
            alert.unsure_title,
            content.fill(&alert.text)
        );
        assert!(
            check.contains(&block),
            "{flag:?}: {block:?} missing:\n{check}"
        );
    }
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

/// The emergency number is the clinic's own, wherever the words say `{emergency_number}`: an
/// unusual one, so that a number written into the code ("911", the built-in default) shows.
#[test]
fn text_gives_the_clinics_own_emergency_number() {
    const NUMBER: &str = "0118 999 881";
    // Two copies of the content, the same but for the number.
    let as_built = clinic_content();
    let clinic = clinic_content();
    let settings = clinic.path().join("settings.ron");
    let before = std::fs::read_to_string(&settings).unwrap();
    let after = before.replace(
        "emergency_number: \"911\"",
        &format!("emergency_number: \"{NUMBER}\""),
    );
    assert_ne!(after, before, "the settings file names the number");
    std::fs::write(&settings, after).unwrap();
    let check = kiosk().arg("check").arg(clinic.path()).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let text = |dir: &std::path::Path, lang: &str| {
        let out = kiosk()
            .arg("--content")
            .arg(dir)
            .args(["text", "--lang", lang])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    for lang in ["en", "es"] {
        let default = text(as_built.path(), lang);
        let own = text(clinic.path(), lang);
        assert!(default.contains("911"), "{lang}: the words name the number");
        // Every place the default number was, the clinic's is, and nothing else changed.
        assert_eq!(own, default.replace("911", NUMBER), "{lang}");
        assert!(!own.contains("911"), "{lang}: the default number:\n{own}");
        assert!(!own.contains("{emergency_number}"), "{lang}");
    }
}

#[test]
fn screenshots_renders_every_screen_language_and_size_without_a_display() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vein-kiosk-screenshots"))
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
    let c = built_in();
    assert_eq!(files.len(), c.flow.screens.len() * c.languages.len() * 2);
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
    // Each summary whole, put together here from the content's words for the fixture's answers.
    let content = built_in();
    let fill = |t: &str| content.fill(t);
    for lang in ["en", "es"] {
        let w = &content.language(lang).selfcheck;
        let s = &w.summary;
        let said = |id: &str| w.questions[id].summary.as_str();
        let option = |q: &str, o: &str| w.questions[q].options[o].as_str();
        let ui = &w.ui;
        let end = format!("{}\n\n{}\n", fill(&s.next_step), s.not_a_diagnosis);

        assert_eq!(
            run("answers-no-problems.ron", lang),
            format!("{}\n\n{}\n\n{end}", s.title, s.nothing),
            "{lang}"
        );

        // Red flags first (right after the title), a "not sure" said as such, skipped answers
        // nowhere.
        let not_sure = s.not_sure.replace("{what}", said("rf-lump"));
        assert_eq!(
            run("answers-red-flags.ron", lang),
            format!(
                "{}\n\n{}\n- {}\n- {}\n- {not_sure}\n\n{}\n- {}: {} ({})\n\n{end}",
                s.title,
                s.red_flags,
                said("rf-breathing"),
                said("rf-leg"),
                w.groups["symptoms"],
                s.left_leg,
                said("ache"),
                ui.sometimes,
            ),
            "{lang}"
        );

        let many = run("answers-many-symptoms-both-legs.ron", lang);
        let left = format!(
            "- {}: {} ({}); {} ({}); {} ({}); {} ({})",
            s.left_leg,
            said("ache"),
            ui.most_days,
            said("swelling"),
            ui.often,
            said("throbbing"),
            ui.sometimes,
            said("itching"),
            ui.sometimes
        );
        let right = format!(
            "- {}: {} ({}); {} ({}); {} ({}); {} ({})",
            s.right_leg,
            said("ache"),
            ui.most_days,
            said("swelling"),
            ui.often,
            said("cramps"),
            ui.often,
            said("itching"),
            ui.sometimes
        );
        let signs = format!(
            "- {}: {}; {}; {}; {}",
            said("signs"),
            option("signs", "varicose"),
            option("signs", "swelling"),
            option("signs", "skin-dark"),
            option("signs", "open-sore")
        );
        let sore = format!("- {}: {}", said("sore-care"), option("sore-care", "nurse"));
        for line in [&left, &right, &signs, &sore] {
            assert!(has_line(&many, line), "{lang}: {line:?} missing:\n{many}");
        }
        assert!(
            many.starts_with(&format!(
                "{}\n\n{}\n{left}\n{right}\n- {}\n\n",
                s.title,
                w.groups["symptoms"],
                said("better-raised")
            )),
            "{lang}: legs first, no red-flag block:\n{many}"
        );
        assert!(many.ends_with(&end), "{lang}");
    }
}

#[test]
fn selfcheck_rejects_malformed_and_inconsistent_answer_files_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("syntax.ron", "Answers({ \"rf-leg\": Yes, ", "syntax.ron:1:"),
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
            "\"signs\": Chose({\"spots\"}) is not an answer this question takes",
        ),
        (
            "legs.ron",
            "Answers({ \"ache\": Legs(Both, None) })",
            "\"ache\": Legs(Both, None) is not an answer this question takes",
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

/// Runs the kiosk with `args` in `dir`, failing the test (not hanging it) past 60 seconds.
fn run_within(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut child = kiosk()
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("vein-kiosk {args:?} did not finish in 60 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn handout_and_decode_write_private_files_and_never_follow_a_planted_part_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let answers = fixture("answers-red-flags.ron");
    let def = built_in().selfcheck;
    let code = vein_kiosk::selfcheck::code::encode(
        &def,
        &vein_kiosk::selfcheck::answers_file::read(&answers, &def).unwrap(),
    );
    let answers = answers.to_str().unwrap().to_owned();
    let runs: [Vec<&str>; 2] = [
        vec![
            "handout",
            "--answers",
            &answers,
            "--pdf",
            "out.pdf",
            "--fhir",
            "out.json",
            "--qr",
            "out.png",
        ],
        vec![
            "decode", &code, "--pdf", "out.pdf", "--fhir", "out.json", "--qr", "out.png",
        ],
    ];
    for args in runs {
        let dir = tempfile::tempdir().unwrap();
        // What the old temporary name (OUT.part) met: a link to someone's file, and a FIFO.
        std::fs::write(dir.path().join("victim.txt"), "keep me").unwrap();
        std::os::unix::fs::symlink("victim.txt", dir.path().join("out.part")).unwrap();
        let made = Command::new("mkfifo")
            .arg(dir.path().join("fifo"))
            .status()
            .unwrap();
        assert!(made.success());
        let out = run_within(dir.path(), &args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("victim.txt")).unwrap(),
            "keep me"
        );
        for name in ["out.pdf", "out.json", "out.png"] {
            let meta = std::fs::symlink_metadata(dir.path().join(name)).unwrap();
            assert!(meta.is_file(), "{name}");
            assert_eq!(
                meta.permissions().mode() & 0o777,
                0o600,
                "{name}: the patient's answers"
            );
        }
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "fifo",
                "out.json",
                "out.part",
                "out.pdf",
                "out.png",
                "victim.txt"
            ]
        );
        // An output that is itself a link is replaced, not written through.
        std::fs::remove_file(dir.path().join("out.pdf")).unwrap();
        std::os::unix::fs::symlink("victim.txt", dir.path().join("out.pdf")).unwrap();
        std::fs::remove_file(dir.path().join("out.json")).unwrap();
        std::os::unix::fs::symlink("fifo", dir.path().join("out.json")).unwrap();
        let out = run_within(dir.path(), &args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("victim.txt")).unwrap(),
            "keep me"
        );
        assert!(
            std::fs::symlink_metadata(dir.path().join("out.pdf"))
                .unwrap()
                .is_file()
        );
    }
}
