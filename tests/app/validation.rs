//! One test per kind of content problem: each message names the file, the line and the field.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use vein_kiosk::content::{Content, ContentSource, Problem};

/// A copy of the built-in content in a temporary folder, ready to be broken.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("content")
                .as_path(),
            dir.path(),
        );
        Self { dir }
    }

    fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let path = self.dir.path().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        self
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The problems `check` finds, within 20 seconds (a FIFO once made it wait for ever).
    fn problems(&self) -> Vec<Problem> {
        let dir = self.dir.path().to_owned();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(Content::load(ContentSource::Folder(dir)));
        });
        rx.recv_timeout(std::time::Duration::from_secs(20))
            .expect("check must not hang")
            .expect_err("content should fail")
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// The line (1-based) of the first line of `rel` containing `needle`.
    fn line_of(&self, rel: &str, needle: &str) -> usize {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        text.lines()
            .position(|l| l.contains(needle))
            .expect("needle present")
            + 1
    }
}

fn copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Asserts exactly one problem, in `rel`, at `line`, about `field`, whose message contains `says`.
fn assert_one(f: &Folder, rel: &str, line: usize, field: &str, says: &str) {
    let problems = f.problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert_eq!(PathBuf::from(&p.file), f.path(rel), "{p}");
    assert_eq!(p.line, line, "{p}");
    assert_eq!(p.field, field, "{p}");
    assert!(p.message.contains(says), "{p}");
    let shown = p.to_string();
    assert!(
        shown.starts_with(&format!("{}:{line}:", f.path(rel).display())),
        "{shown}"
    );
}

#[test]
fn the_built_in_content_has_no_problems() {
    let content = Content::built_in().unwrap();
    assert_eq!(content.languages.len(), 2);
    assert_eq!(content.default_language().code, "en");
}

#[test]
fn the_unchanged_copy_loads() {
    Content::load(ContentSource::Folder(Folder::new().dir.path().to_owned())).unwrap();
}

#[test]
fn syntax_error() {
    let f = Folder::new();
    f.edit(
        "settings.ron",
        "clinic_name: \"Your vein clinic\",",
        "clinic_name: \"Your vein clinic\" oops,",
    );
    let line = f.line_of("settings.ron", "oops");
    let p = &f.problems()[0];
    assert_eq!((p.line, p.field.as_str()), (line, "(syntax)"), "{p}");
}

#[test]
fn unknown_field() {
    let f = Folder::new();
    f.edit("settings.ron", "emergency_number:", "emergency_nubmer:");
    assert_one(
        &f,
        "settings.ron",
        f.line_of("settings.ron", "nubmer"),
        "Settings.emergency_nubmer",
        "unknown field",
    );
}

#[test]
fn missing_field() {
    let f = Folder::new();
    f.edit("lang/es.ron", "        close: \"Cerrar\",\n", "");
    let problems = f.problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].field, "Ui.close");
    assert!(problems[0].message.contains("missing"));
    assert_eq!(PathBuf::from(&problems[0].file), f.path("lang/es.ron"));
}

#[test]
fn duplicate_screen_id() {
    let f = Folder::new();
    f.edit(
        "flow.ron",
        "Screen(id: \"symptoms\"",
        "Screen(id: \"treatment\"",
    );
    let line = f.line_of("flow.ron", "Screen(id: \"treatment\"");
    // The second "treatment" is the duplicate; the texts for "symptoms" now belong to no screen.
    let problems = f.problems();
    let dup = problems
        .iter()
        .find(|p| p.message.contains("used twice"))
        .expect("duplicate reported");
    assert_eq!(dup.field, "screens[6].id");
    let second = std::fs::read_to_string(f.path("flow.ron"))
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("id: \"treatment\""))
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert!(line < second);
    assert_eq!(dup.line, second, "{dup}");
    assert!(
        problems
            .iter()
            .any(|p| p.field.contains("\"symptoms\"") && p.message.contains("no screen")),
        "{problems:#?}"
    );
}

#[test]
fn unknown_section() {
    let f = Folder::new();
    f.edit("flow.ron", "section: \"causes\"", "section: \"reasons\"");
    let problems = f.problems();
    let p = problems
        .iter()
        .find(|p| p.field == "screens[3].section")
        .expect("reported");
    assert_eq!(p.line, f.line_of("flow.ron", "\"reasons\""), "{p}");
    assert!(p.message.contains("not in the sections list"));
}

#[test]
fn unknown_source() {
    let f = Folder::new();
    f.edit(
        "flow.ron",
        "sources: [\"cleveland\", \"gstt\"]",
        "sources: [\"cleveland\", \"gst\"]",
    );
    assert_one(
        &f,
        "flow.ron",
        f.line_of("flow.ron", "\"gst\""),
        "screens[1].sources",
        "no source has the id \"gst\"",
    );
}

#[test]
fn missing_picture() {
    let f = Folder::new();
    f.edit(
        "flow.ron",
        "illustration: \"treatment.svg\"",
        "illustration: \"treatmnt.svg\"",
    );
    assert_one(
        &f,
        "flow.ron",
        f.line_of("flow.ron", "treatmnt.svg"),
        "screens[6].illustration",
        "was not found",
    );
}

#[test]
fn broken_picture() {
    let f = Folder::new();
    std::fs::create_dir_all(f.path("illustrations")).unwrap();
    std::fs::write(f.path("illustrations/treatment.svg"), "not a picture").unwrap();
    assert_one(
        &f,
        "flow.ron",
        f.line_of("flow.ron", "treatment.svg"),
        "screens[6].illustration",
        "is not an SVG",
    );
}

#[test]
fn screen_missing_in_a_language() {
    let f = Folder::new();
    f.edit("flow.ron", "        Screen(id: \"your-visit\",", "        Screen(id: \"extra\", section: \"help\", kind: Info,\n            illustration: \"get-help.svg\", sources: []),\n        Screen(id: \"your-visit\",");
    let problems = f.problems();
    assert_eq!(
        problems.len(),
        2,
        "missing in both languages: {problems:#?}"
    );
    for (p, rel) in problems.iter().zip(["lang/en.ron", "lang/es.ron"]) {
        assert_eq!(PathBuf::from(&p.file), f.path(rel));
        assert_eq!(p.field, "screens.\"extra\"");
        assert_eq!(p.line, f.line_of(rel, "screens: {"), "{p}");
    }
}

#[test]
fn card_missing_in_a_language() {
    let f = Folder::new();
    let text = std::fs::read_to_string(f.path("lang/es.ron")).unwrap();
    let start = text.find("\"tall\": Card(").unwrap();
    let end = start + text[start..].find("\n").unwrap() + 1;
    let line = text[start..end].to_owned();
    f.edit("lang/es.ron", &line, "");
    let p = &f.problems()[0];
    assert_eq!(p.field, "screens.\"risk-factors\".cards.\"tall\"", "{p}");
    assert_eq!(p.line, f.line_of("lang/es.ron", "\"risk-factors\":"), "{p}");
}

#[test]
fn text_present_in_one_language_and_missing_in_another() {
    let f = Folder::new();
    f.edit("lang/es.ron", "                    \"Desmayo\",\n", "");
    let p = &f.problems()[0];
    assert_eq!(PathBuf::from(&p.file), f.path("lang/es.ron"));
    assert_eq!(p.field, "screens.\"get-help\".body[1]", "{p}");
    assert!(p.message.contains("number of bullets"), "{p}");
}

#[test]
fn empty_text() {
    let f = Folder::new();
    f.edit("lang/en.ron", "next: \"Next\"", "next: \" \"");
    assert_one(
        &f,
        "lang/en.ron",
        f.line_of("lang/en.ron", "next: \" \""),
        "ui.next",
        "empty",
    );
}

#[test]
fn unknown_placeholder() {
    let f = Folder::new();
    f.edit("lang/en.ron", "{emergency_number}", "{emergency_phone}");
    let p = &f.problems()[0];
    assert!(
        p.message.contains("unknown placeholder {emergency_phone}"),
        "{p}"
    );
    // The first {emergency_number} in the file is reported, in the screen that holds it.
    let text = std::fs::read_to_string(f.path("lang/en.ron")).unwrap();
    let at = text.find("{emergency_phone}").unwrap();
    let screen = text[..at]
        .rmatch_indices(": Screen(")
        .next()
        .map(|(i, _)| {
            let start = text[..i]
                .rfind('"')
                .and_then(|e| text[..e].rfind('"'))
                .unwrap();
            &text[start + 1..i - 1]
        })
        .unwrap();
    assert!(
        p.field.starts_with(&format!("screens.\"{screen}\".")),
        "{p}: expected in {screen}"
    );
}

#[test]
fn bad_colour() {
    let f = Folder::new();
    f.edit("theme.ron", "accent: \"#1D5A8C\"", "accent: \"blue\"");
    assert_one(
        &f,
        "theme.ron",
        f.line_of("theme.ron", "\"blue\""),
        "accent",
        "not a colour",
    );
}

#[test]
fn unreadable_contrast() {
    let f = Folder::new();
    f.edit(
        "theme.ron",
        "muted_text: \"#3C4A57\"",
        "muted_text: \"#B0B8C0\"",
    );
    // Muted text is checked against every colour it is drawn on: the page and the panels.
    let line = f.line_of("theme.ron", "muted_text:");
    let problems = f.problems();
    assert!(!problems.is_empty());
    for p in &problems {
        assert!(p.file.ends_with("theme.ron"), "{p}");
        assert_eq!((p.line, p.field.as_str()), (line, "muted_text"), "{p}");
        assert!(p.message.contains("contrast"), "{p}");
    }
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("with background")),
        "{problems:#?}"
    );
}

#[test]
fn touch_target_too_small() {
    let f = Folder::new();
    f.edit("theme.ron", "touch_target: 64.0", "touch_target: 40.0");
    assert_one(
        &f,
        "theme.ron",
        f.line_of("theme.ron", "touch_target"),
        "touch_target",
        "at least 48",
    );
}

#[test]
fn default_language_without_a_file() {
    let f = Folder::new();
    f.edit(
        "settings.ron",
        "default_language: \"en\"",
        "default_language: \"fr\"",
    );
    assert_one(
        &f,
        "settings.ron",
        f.line_of("settings.ron", "default_language: \"fr\""),
        "default_language",
        "no language file",
    );
}

#[test]
fn language_code_not_matching_its_file() {
    let f = Folder::new();
    f.edit("lang/es.ron", "code: \"es\"", "code: \"sp\"");
    assert_one(
        &f,
        "lang/es.ron",
        f.line_of("lang/es.ron", "code: \"sp\""),
        "code",
        "does not match",
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let f = Folder::new();
    f.edit(
        "flow.ron",
        "illustration: \"treatment.svg\"",
        "illustration: \"nope.svg\"",
    )
    .edit("theme.ron", "accent: \"#1D5A8C\"", "accent: \"blue\"")
    .edit("lang/es.ron", "next: \"Siguiente\"", "next: \"\"");
    let problems = f.problems();
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

#[test]
fn a_new_language_is_just_a_file() {
    let f = Folder::new();
    let text = std::fs::read_to_string(f.path("lang/es.ron")).unwrap();
    std::fs::write(
        f.path("lang/pt.ron"),
        text.replace("code: \"es\"", "code: \"pt\"")
            .replace("name: \"Español\"", "name: \"Português\""),
    )
    .unwrap();
    let content = Content::load(ContentSource::Folder(f.dir.path().to_owned())).unwrap();
    let names: Vec<&str> = content.languages.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["English", "Español", "Português"]);
}

#[test]
fn selfcheck_branch_naming_an_unknown_question() {
    let f = Folder::new();
    f.edit(
        "selfcheck.ron",
        "ask_if: Some(Chose(\"care\", \"stockings\"))",
        "ask_if: Some(Chose(\"cares\", \"stockings\"))",
    );
    assert_one(
        &f,
        "selfcheck.ron",
        f.line_of("selfcheck.ron", "\"cares\""),
        "questions[18].ask_if",
        "unknown question \"cares\"",
    );
}

#[test]
fn selfcheck_branch_naming_an_unknown_answer() {
    let f = Folder::new();
    f.edit(
        "selfcheck.ron",
        "Chose(\"signs\", \"open-sore\")",
        "Chose(\"signs\", \"open-sores\")",
    );
    assert_one(
        &f,
        "selfcheck.ron",
        f.line_of("selfcheck.ron", "\"open-sores\""),
        "questions[15].ask_if",
        "unknown answer \"open-sores\"",
    );
}

#[test]
fn selfcheck_branch_looking_forward_is_a_cycle() {
    let f = Folder::new();
    f.edit(
        "selfcheck.ron",
        "ask_if: Some(Chose(\"signs\", \"open-sore\"))",
        "ask_if: Some(Chose(\"care\", \"stockings\"))",
    );
    assert_one(
        &f,
        "selfcheck.ron",
        f.line_of("selfcheck.ron", "Question(id: \"sore-care\""),
        "questions[15].ask_if",
        "a cycle or a forward reference",
    );
}

#[test]
fn selfcheck_unreachable_question() {
    let f = Folder::new();
    // A condition that can never hold: "any of nothing".
    f.edit("selfcheck.ron", "Question(id: \"sore-care\", group: \"signs\", ask_if: Some(Chose(\"signs\", \"open-sore\"))", "Question(id: \"sore-care\", group: \"signs\", ask_if: Some(Any([]))");
    let problems = f.problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].field, "questions[15].ask_if");
    assert!(
        problems[0].message.contains("can never be asked"),
        "{}",
        problems[0]
    );
    assert_eq!(
        problems[0].line,
        f.line_of("selfcheck.ron", "Question(id: \"sore-care\"")
    );
}

#[test]
fn selfcheck_red_flag_after_other_questions() {
    let f = Folder::new();
    f.edit(
        "selfcheck.ron",
        "Question(id: \"better-raised\", kind: YesNo, group: \"symptoms\",",
        "Question(id: \"better-raised\", kind: YesNo, group: \"symptoms\", red_flag: Some(Urgent),",
    );
    let problems = f.problems();
    let p = problems
        .iter()
        .find(|p| p.field == "questions[13].red_flag")
        .expect("reported");
    assert!(p.message.contains("must come before"), "{p}");
}

#[test]
fn selfcheck_text_missing_in_a_language() {
    let f = Folder::new();
    f.edit(
        "lang/es.ron",
        "                    \"diabetes\": ",
        "                    \"diabetis\": ",
    );
    let problems = f.problems();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems.iter().all(|p| p.file == f.path("lang/es.ron")));
    assert!(problems.iter().any(|p| p.field
        == "selfcheck.questions.\"safety\".options.\"diabetes\""
        && p.message.contains("missing")));
    assert!(problems.iter().any(|p| p.field
        == "selfcheck.questions.\"safety\".options.\"diabetis\""
        && p.line == f.line_of("lang/es.ron", "\"diabetis\"")));
}

#[test]
fn selfcheck_missing_picture_card() {
    let f = Folder::new();
    f.edit(
        "selfcheck.ron",
        "picture: Some(\"sign-spider.svg\")",
        "picture: Some(\"sign-spidr.svg\")",
    );
    assert_one(
        &f,
        "selfcheck.ron",
        f.line_of("selfcheck.ron", "\"spider\""),
        "questions[14].kind",
        "sign-spidr.svg",
    );
}

#[test]
fn gallery_without_a_description_in_a_language() {
    let f = Folder::new();
    let es = std::fs::read_to_string(f.path("lang/es.ron")).unwrap();
    let start = es.find("\"Una válvula que no cierra.").unwrap();
    let end = start + es[start..].find('\n').unwrap() + 1;
    let line = es[start..end].to_owned();
    f.edit("lang/es.ron", &line, "");
    assert_one(
        &f,
        "lang/es.ron",
        f.line_of("lang/es.ron", "\"what-goes-wrong\": Screen("),
        "screens.\"what-goes-wrong\".gallery_alt",
        "describes 1 pictures; the screen's gallery has 2",
    );
}

#[test]
fn missing_card_pictogram() {
    let f = Folder::new();
    f.edit(
        "flow.ron",
        "\"tall\": \"risk-tall.svg\"",
        "\"tall\": \"risk-tal.svg\"",
    );
    assert_one(
        &f,
        "flow.ron",
        f.line_of("flow.ron", "card_pictures:"),
        "screens[3].card_pictures",
        "risk-tal.svg",
    );
}

#[test]
fn bullet_pictures_for_a_block_that_is_not_that_list() {
    let f = Folder::new();
    f.edit(
        "flow.ron",
        "bullet_pictures: {3: [",
        "bullet_pictures: {2: [",
    );
    let problems = f.problems();
    assert_eq!(problems.len(), 2, "both languages: {problems:#?}");
    assert!(
        problems
            .iter()
            .all(|p| p.field == "screens.\"getting-worse\".body[2]"
                && p.message.contains("must be a list of 5 bullets"))
    );
}

#[test]
fn every_string_of_a_language_is_checked_even_ones_no_table_lists() {
    // Fields a hand-kept table once missed: the attract screen, the idle warning, the staff menu.
    let f = Folder::new();
    let line = f.line_of("lang/en.ron", "attract_touch:");
    let text = std::fs::read_to_string(f.path("lang/en.ron")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[line - 1] = "        attract_touch: \"\",".into();
    std::fs::write(f.path("lang/en.ron"), lines.join("\n")).unwrap();
    assert_one(&f, "lang/en.ron", line, "ui.attract_touch", "text is empty");

    let f = Folder::new();
    let line = f.line_of("lang/es.ron", "wrong_pin:");
    let text = std::fs::read_to_string(f.path("lang/es.ron")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[line - 1] = lines[line - 1].replace("{tries}", "{seconds}");
    std::fs::write(f.path("lang/es.ron"), lines.join("\n")).unwrap();
    assert_one(
        &f,
        "lang/es.ron",
        line,
        "ui.staff.wrong_pin",
        "unknown placeholder {seconds}",
    );
}

#[test]
fn a_language_file_missing_a_field_names_the_file_line_and_field() {
    let f = Folder::new();
    let line = f.line_of("lang/en.ron", "valve_squeeze:");
    let text = std::fs::read_to_string(f.path("lang/en.ron")).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != line - 1)
        .map(|(_, l)| l)
        .collect();
    std::fs::write(f.path("lang/en.ron"), kept.join("\n")).unwrap();
    let problems = f.problems();
    assert!(
        problems.iter().any(|p| p.file.ends_with("lang/en.ron")
            && p.field.contains("valve_squeeze")
            && p.line > 0),
        "{problems:#?}"
    );
}

/// The start of a PNG file that says it is `width` x `height` pixels: the header a picture's size
/// is read from (the pixels after it are not needed to be refused).
pub fn png_header(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFF_u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (
            &b"IHDR"[..],
            [
                &width.to_be_bytes()[..],
                &height.to_be_bytes(),
                &[8, 6, 0, 0, 0],
            ]
            .concat(),
        ),
        // An empty zlib stream: readers stop at the first IDAT to report the size.
        (
            b"IDAT",
            vec![0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        ),
        (b"IEND", Vec::new()),
    ] {
        let chunk = [kind, &data].concat();
        out.extend(u32::try_from(data.len()).unwrap().to_be_bytes());
        out.extend(&chunk);
        out.extend(crc32(&chunk).to_be_bytes());
    }
    out
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

#[test]
fn theme_size_far_too_large() {
    let f = Folder::new();
    f.edit("theme.ron", "heading_size: 46.0", "heading_size: 1e9");
    assert_one(
        &f,
        "theme.ron",
        f.line_of("theme.ron", "heading_size"),
        "heading_size",
        "must be at most 120",
    );
}

#[test]
fn theme_numbers_that_are_not_finite_or_are_negative() {
    for (from, to, field, says) in [
        ("margin: 28.0", "margin: NaN", "margin", "not a number"),
        (
            "body_size: 28.0",
            "body_size: inf",
            "body_size",
            "not a number",
        ),
        ("gap: 12.0", "gap: -inf", "gap", "not a number"),
        ("margin: 28.0", "margin: -1000.0", "margin", "at least 0"),
        (
            "corner_radius: 14.0",
            "corner_radius: -1.0",
            "corner_radius",
            "at least 0",
        ),
        (
            "max_text_width: 1100.0",
            "max_text_width: 0.0",
            "max_text_width",
            "at least 400",
        ),
    ] {
        let f = Folder::new();
        f.edit("theme.ron", from, to);
        assert_one(&f, "theme.ron", f.line_of("theme.ron", to), field, says);
    }
}

#[test]
fn logo_with_too_many_pixels() {
    let f = Folder::new();
    f.edit(
        "settings.ron",
        "clinic_name: \"Your vein clinic\",",
        "clinic_name: \"Your vein clinic\",\n    logo: Some(\"logo.png\"),",
    )
    .write("illustrations/logo.png", png_header(20_000, 20_000));
    assert_one(
        &f,
        "settings.ron",
        f.line_of("settings.ron", "logo:"),
        "logo",
        "is 20000x20000; the most a side may be is 2048",
    );
    // The loader refuses it too: the logo is drawn as a missing picture, never uploaded.
    let source = ContentSource::Folder(f.dir.path().to_owned());
    assert!(source.illustration("logo.png").is_none());
}

#[test]
fn selfcheck_picture_card_with_too_many_pixels() {
    let f = Folder::new();
    f.edit(
        "selfcheck.ron",
        "picture: Some(\"sign-spider.svg\")",
        "picture: Some(\"sign-spider.png\")",
    )
    .write("illustrations/sign-spider.png", png_header(4096, 4096));
    assert_one(
        &f,
        "selfcheck.ron",
        f.line_of("selfcheck.ron", "\"spider\""),
        "questions[14].kind",
        "is 4096x4096",
    );
}

#[test]
fn content_file_that_is_a_fifo() {
    let f = Folder::new();
    std::fs::remove_file(f.path("theme.ron")).unwrap();
    mkfifo(&f.path("theme.ron"));
    assert_one(
        &f,
        "theme.ron",
        1,
        "(file)",
        "is not a regular file (it is a FIFO)",
    );
}

#[test]
fn content_file_over_the_size_cap() {
    let f = Folder::new();
    let text = std::fs::read_to_string(f.path("lang/es.ron")).unwrap();
    // Valid RON all the same: a long comment.
    let padded = format!("// {}\n{text}", "x".repeat(1_100_000));
    f.write("lang/es.ron", padded);
    assert_one(
        &f,
        "lang/es.ron",
        1,
        "(file)",
        "the most it may be is 1024 KB",
    );
}

#[test]
fn content_file_linked_outside_the_folder() {
    let f = Folder::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("theme.ron");
    std::fs::rename(f.path("theme.ron"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, f.path("theme.ron")).unwrap();
    assert_one(&f, "theme.ron", 1, "(file)", "outside the content folder");
    // A link that stays inside the folder is fine.
    std::fs::remove_file(f.path("theme.ron")).unwrap();
    std::fs::rename(&outside, f.path("theme-real.ron")).unwrap();
    std::os::unix::fs::symlink("theme-real.ron", f.path("theme.ron")).unwrap();
    Content::load(ContentSource::Folder(f.dir.path().to_owned())).unwrap();
}

#[test]
fn svg_that_refers_to_a_file() {
    let f = Folder::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let fifo = elsewhere.path().join("fifo");
    mkfifo(&fifo);
    for target in [fifo.display().to_string(), "/etc/hostname".to_owned()] {
        f.write(
            "illustrations/treatment.svg",
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">\
                 <image href=\"{target}\" width=\"50\" height=\"50\"/></svg>"
            ),
        );
        assert_one(
            &f,
            "flow.ron",
            f.line_of("flow.ron", "treatment.svg"),
            "screens[6].illustration",
            &format!("refers to another file (\"{target}\")"),
        );
        let source = ContentSource::Folder(f.dir.path().to_owned());
        assert!(source.illustration("treatment.svg").is_none());
    }
}

#[test]
fn selfcheck_picture_card_linked_to_a_device() {
    let f = Folder::new();
    std::fs::create_dir_all(f.path("illustrations")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", f.path("illustrations/sign-skin-dark.svg")).unwrap();
    assert_one(
        &f,
        "selfcheck.ron",
        f.line_of("selfcheck.ron", "sign-skin-dark.svg"),
        "questions[14].kind",
        "outside the content folder",
    );
}

#[test]
fn picture_linked_outside_the_folder() {
    let f = Folder::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("secret.svg");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/illustrations/treatment.svg"),
        &outside,
    )
    .unwrap();
    std::fs::create_dir_all(f.path("illustrations")).unwrap();
    std::os::unix::fs::symlink(&outside, f.path("illustrations/treatment.svg")).unwrap();
    assert_one(
        &f,
        "flow.ron",
        f.line_of("flow.ron", "treatment.svg"),
        "screens[6].illustration",
        "outside the content folder",
    );
}

#[test]
fn too_many_bullets_on_one_screen() {
    let f = Folder::new();
    let many = "\"More.\", ".repeat(200);
    for rel in ["lang/en.ron", "lang/es.ron"] {
        f.edit(rel, "Bullets([", &format!("Bullets([{many}"));
    }
    let problems = f.problems();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    for (p, rel) in problems.iter().zip(["lang/en.ron", "lang/es.ron"]) {
        assert_eq!(PathBuf::from(&p.file), f.path(rel), "{p}");
        assert_eq!(p.field, "screens.\"welcome\"", "{p}");
        assert_eq!(p.line, f.line_of(rel, "\"welcome\": Screen("), "{p}");
        assert!(
            p.message
                .contains("pieces of text; the most one screen may have is 150"),
            "{p}"
        );
    }
}

#[test]
fn too_many_speaker_notes_on_one_screen() {
    let f = Folder::new();
    let long = format!("\"{}\", ", "Say this. ".repeat(100));
    f.edit(
        "lang/en.ron",
        "say: [",
        &format!("say: [{}", long.repeat(30)),
    );
    assert_one(
        &f,
        "lang/en.ron",
        f.line_of("lang/en.ron", "notes: Notes("),
        "screens.\"welcome\".notes",
        "characters of speaker notes; the most one screen may have is 20000",
    );
}

#[test]
fn a_theme_at_the_edges_of_every_range_passes_check_and_every_screen_draws() {
    use vein_kiosk::content::limits::{THEME_RANGES, theme_numbers};
    let built_in = Content::built_in().unwrap();
    for edge in [0, 1] {
        let f = Folder::new();
        for ((name, value), (_, least, most)) in
            theme_numbers(&built_in.theme).into_iter().zip(THEME_RANGES)
        {
            let to = if edge == 0 { least } else { most };
            f.edit(
                "theme.ron",
                &format!("{name}: {value:.1}"),
                &format!("{name}: {to:.1}"),
            );
        }
        let content = Content::load(ContentSource::Folder(f.dir.path().to_owned())).unwrap();
        let screens = content.flow.screens.len();
        for size in [(1280.0, 800.0), (1080.0, 1920.0)] {
            let content = content.clone();
            let mut harness = egui_kittest::Harness::builder()
                .with_size(egui::vec2(size.0, size.1))
                .build_eframe(move |_cc| vein_kiosk::app::App::new(content, &[]));
            for _ in 0..screens {
                harness.run_steps(2);
                harness.state_mut().apply(vein_kiosk::command::Visit::Next);
            }
            harness.run_steps(2);
        }
    }
}

#[test]
fn settings_numbers_out_of_range_say_the_range() {
    for (from, to, field, says) in [
        (
            "idle_seconds: 90",
            "idle_seconds: 4294967295",
            "idle_seconds",
            "at most 900 and at least 15 seconds",
        ),
        (
            "warning_seconds: 30",
            "warning_seconds: 4294967295",
            "warning_seconds",
            "at most 300 and at least 20",
        ),
        (
            "idle_seconds: 90",
            "idle_seconds: 3",
            "idle_seconds",
            "at least 15 and at most 900",
        ),
        (
            "text_percent: 100",
            "text_percent: 0",
            "text_percent",
            "at least 100 and at most 200",
        ),
        (
            "text_percent: 100",
            "text_percent: 65535",
            "text_percent",
            "at most 200",
        ),
    ] {
        let f = Folder::new();
        f.edit("settings.ron", from, to);
        assert_one(
            &f,
            "settings.ron",
            f.line_of("settings.ron", to),
            field,
            says,
        );
    }
}

#[test]
fn settings_speech_that_the_speech_service_must_not_get() {
    for (to, field, says) in [
        (
            "\"en\": SpeechVoice(rate: -128, voice: None)",
            "speech.\"en\".rate",
            "from -100 (slowest) to 100",
        ),
        (
            "\"en\": SpeechVoice(rate: 127, voice: None)",
            "speech.\"en\".rate",
            "from -100",
        ),
        (
            "\"en\": SpeechVoice(rate: 0, voice: Some(\"a\\r\\nQUIT\"))",
            "speech.\"en\".voice",
            "line break",
        ),
        (
            "\"en\": SpeechVoice(rate: 0, voice: Some(\"\"))",
            "speech.\"en\".voice",
            "is empty",
        ),
        (
            "\"fr\": SpeechVoice(rate: 0, voice: None)",
            "speech.\"fr\"",
            "no language file lang/fr.ron",
        ),
    ] {
        let f = Folder::new();
        f.edit(
            "settings.ron",
            "\"en\": SpeechVoice(rate: -10, voice: None)",
            to,
        );
        let needle = &to[..6];
        assert_one(
            &f,
            "settings.ron",
            f.line_of("settings.ron", needle),
            field,
            says,
        );
    }
}

#[test]
fn settings_language_offered_twice() {
    let f = Folder::new();
    f.edit(
        "settings.ron",
        "languages: [],",
        "languages: [\"en\", \"es\", \"en\"],",
    );
    assert_one(
        &f,
        "settings.ron",
        f.line_of("settings.ron", "languages: ["),
        "languages[2]",
        "\"en\" is listed twice",
    );
}

#[test]
fn settings_empty_folder_printer_and_print_command() {
    for (from, to, field) in [
        (
            "handoff_folder: None",
            "handoff_folder: Some(\"\")",
            "handoff_folder",
        ),
        ("printer: None", "printer: Some(\" \")", "printer"),
        (
            "print_command: None",
            "print_command: Some([\"\"])",
            "print_command[0]",
        ),
        (
            "print_command: None",
            "print_command: Some([\"\", \"-d\", \"x\"])",
            "print_command[0]",
        ),
    ] {
        let f = Folder::new();
        f.edit("settings.ron", from, to);
        assert_one(
            &f,
            "settings.ron",
            f.line_of("settings.ron", to),
            field,
            "empty",
        );
    }
}

#[test]
fn a_broken_settings_file_keeps_a_pin_however_its_line_is_written() {
    let hash = vein_kiosk::kiosk::pin::hash("2580").unwrap();
    for line in [
        format!("staff_pin_hash:Some(\"{hash}\"),"),
        format!("staff_pin_hash : Some( \"{hash}\" ),"),
        format!("staff_pin_hash: Some(r\"{hash}\"),"),
        format!("staff_pin_hash: Some(r#\"{hash}\"#),"),
        format!("staff_pin_hash:\n        Some(\"{hash}\"),"),
        format!("touch_only: false, staff_pin_hash: Some(\"{hash}\"),"),
    ] {
        let f = Folder::new();
        f.edit("settings.ron", "staff_pin_hash: None,", &line)
            // Broken elsewhere: the kiosk falls back to the built-in content.
            .edit("settings.ron", "idle_seconds:", "idle_secnds:");
        let file = f.path("settings.ron");
        let (content, problems) = Content::load_or_built_in(None, Some(&file)).unwrap();
        assert!(!problems.is_empty());
        assert_eq!(
            content.settings.staff_pin_hash.as_deref(),
            Some(hash.as_str()),
            "{line}"
        );
    }
    // A PIN in a comment line is not one.
    let f = Folder::new();
    f.edit(
        "settings.ron",
        "staff_pin_hash: None,",
        &format!("// staff_pin_hash: Some(\"{hash}\"),"),
    )
    .edit("settings.ron", "idle_seconds:", "idle_secnds:");
    let (content, _) = Content::load_or_built_in(None, Some(&f.path("settings.ron"))).unwrap();
    assert_eq!(content.settings.staff_pin_hash, None);
}

/// Asserts that some problem is in `rel`, about `field`, and says `says`.
fn assert_has(problems: &[Problem], f: &Folder, rel: &str, field: &str, says: &str) {
    assert!(
        problems
            .iter()
            .any(|p| std::path::Path::new(&p.file) == f.path(rel)
                && p.field == field
                && p.message.contains(says)),
        "no problem in {rel} about {field} saying {says:?}: {problems:#?}"
    );
}

#[test]
fn a_table_row_missing_a_cell() {
    let f = Folder::new();
    f.edit("lang/es.ron", "[\"Anestesia\", ", "[");
    let problems = f.problems();
    assert_has(
        &problems,
        &f,
        "lang/es.ron",
        "screens.\"compare-options\".body[1].rows[0]",
        "cells",
    );
}

#[test]
fn a_quiz_whose_right_answer_differs_between_languages() {
    let f = Folder::new();
    f.edit("lang/es.ron", "right: 1,", "right: 0,");
    let problems = f.problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_has(
        &problems,
        &f,
        "lang/es.ron",
        "screens.\"check-understanding\".quiz",
        "right",
    );
}

#[test]
fn a_quiz_answer_that_does_not_exist() {
    let f = Folder::new();
    f.edit("lang/en.ron", "right: 1,", "right: 7,");
    assert_has(
        &f.problems(),
        &f,
        "lang/en.ron",
        "screens.\"check-understanding\".quiz[0].right",
        "numbered from 0",
    );
}

#[test]
fn a_talk_longer_than_fifteen_minutes() {
    let f = Folder::new();
    f.edit("lang/es.ron", "minutes: 1.0,", "minutes: 5.0,");
    f.edit("lang/es.ron", "minutes: 1.0,", "minutes: 5.0,");
    f.edit("lang/es.ron", "minutes: 1.0,", "minutes: 5.0,");
    let problems = f.problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_has(
        &problems,
        &f,
        "lang/es.ron",
        "screens.*.notes.minutes",
        "must fit 15",
    );
}

#[test]
fn a_clinic_phone_without_digits() {
    let f = Folder::new();
    f.edit(
        "settings.ron",
        "clinic_phone: \"555-0100\"",
        "clinic_phone: \"call us\"",
    );
    assert_one(
        &f,
        "settings.ron",
        f.line_of("settings.ron", "clinic_phone: \"call us\""),
        "clinic_phone",
        "digits",
    );
}

#[test]
fn a_leaflet_part_naming_no_screen() {
    let f = Folder::new();
    f.edit(
        "flow.ron",
        "Part(screen: \"get-help\"",
        "Part(screen: \"get-hlep\"",
    );
    assert_one(
        &f,
        "flow.ron",
        f.line_of("flow.ron", "get-hlep"),
        "leaflet[1].screen",
        "no screen has the id",
    );
}

#[test]
fn a_leaflet_part_taking_a_block_the_screen_has_not() {
    let f = Folder::new();
    f.edit(
        "flow.ron",
        "Part(screen: \"key-points\", blocks: [0])",
        "Part(screen: \"key-points\", blocks: [40])",
    );
    let problems = f.problems();
    for rel in ["lang/en.ron", "lang/es.ron"] {
        assert_has(&problems, &f, rel, "flow leaflet[0].blocks", "block 40");
    }
}

#[test]
fn a_leaflet_checklist_week_without_seven_days() {
    let f = Folder::new();
    f.edit(
        "lang/es.ron",
        "days: [\"Lu\", \"Ma\", \"Mi\", \"Ju\", \"Vi\", \"Sá\", \"Do\"]",
        "days: [\"Lu\", \"Ma\", \"Mi\", \"Ju\", \"Vi\", \"Sá\"]",
    );
    assert_one(
        &f,
        "lang/es.ron",
        f.line_of("lang/es.ron", "days: ["),
        "leaflet.days",
        "a week has 7",
    );
}

#[test]
fn a_chance_whose_words_give_another_number_than_its_picture() {
    let f = Folder::new();
    f.edit(
        "lang/en.ron",
        "Chance(count: 7, text: \"A reaction to the glue: about 7 in 100",
        "Chance(count: 7, text: \"A reaction to the glue: about 70 in 100",
    );
    assert_has(
        &f.problems(),
        &f,
        "lang/en.ron",
        "screens.\"compare-options\".body[3][2].text",
        "7 in 100",
    );
}

#[test]
fn a_chance_of_more_than_100_in_100() {
    let f = Folder::new();
    f.edit("lang/es.ron", "Chance(count: 18,", "Chance(count: 180,")
        .edit("lang/en.ron", "Chance(count: 18,", "Chance(count: 180,");
    for rel in ["lang/en.ron", "lang/es.ron"] {
        assert_has(
            &f.problems(),
            &f,
            rel,
            "screens.\"compare-options\".body[3][3].count",
            "1 to 100",
        );
    }
}

#[test]
fn a_chance_pictured_with_another_number_in_one_language() {
    // Both languages' words agree with their own pictures, but not with each other.
    let f = Folder::new();
    f.edit(
        "lang/es.ron",
        "Chance(count: 7, text: \"Una reacción al pegamento: unas 7 de cada 100",
        "Chance(count: 8, text: \"Una reacción al pegamento: unas 8 de cada 100",
    );
    let problems = f.problems();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_has(
        &problems,
        &f,
        "lang/es.ron",
        "screens.\"compare-options\".body[3]",
        "numbers",
    );
}

#[test]
fn settings_content_source_the_kiosk_cannot_use() {
    let good_key = "RWRINlDhlrNBDMS++q602zA+/ojp9BrOkq+oPRksqaEi2iSe0NPC0HEf";
    let source = |url: &str, key: &str, minutes: u32, cache: &str| {
        format!(
            "    read_aloud: false,\n    content_source: Some(ContentSource(\n        url: \"{url}\",\n        public_keys: [\"{key}\"],\n        check_minutes: {minutes},\n        cache: \"{cache}\",\n    )),"
        )
    };
    let cache = "/var/lib/vein-kiosk/content";
    for (to, needle, field, says) in [
        (
            source("ftp://example.org/", good_key, 15, cache),
            "url:",
            "content_source.url",
            "https://, http:// or file:///",
        ),
        (
            source("file://relative/", good_key, 15, cache),
            "url:",
            "content_source.url",
            "file:///",
        ),
        (
            source("https://example.org/", "RWnot-a-key", 15, cache),
            "public_keys:",
            "content_source.public_keys[0]",
            "not a minisign public key",
        ),
        (
            source("https://example.org/", good_key, 0, cache),
            "check_minutes:",
            "content_source.check_minutes",
            "at least 1 and at most 1440",
        ),
        (
            source("https://example.org/", good_key, 15, "cache"),
            "cache:",
            "content_source.cache",
            "absolute folder",
        ),
    ] {
        let f = Folder::new();
        f.edit("settings.ron", "    read_aloud: false,", &to);
        assert_one(
            &f,
            "settings.ron",
            f.line_of("settings.ron", needle),
            field,
            says,
        );
    }
    let f = Folder::new();
    f.edit(
        "settings.ron",
        "    read_aloud: false,",
        &source("https://example.org/", good_key, 15, cache),
    );
    assert!(
        Content::load(ContentSource::Folder(f.dir.path().to_path_buf())).is_ok(),
        "a good content source is accepted"
    );
}

#[test]
fn settings_fhir_server_the_kiosk_cannot_use() {
    let server = |kiosk: &str, base: &str, auth: &str, outbox: &str, minutes: u32| {
        format!(
            "    read_aloud: false,\n{kiosk}    fhir_server: Some(FhirServer(\n        base_url: \"{base}\",\n        auth: {auth},\n        outbox: \"{outbox}\",\n        status_minutes: {minutes},\n    )),"
        )
    };
    let id = "    kiosk_id: \"lobby-1\",\n";
    let base = "https://fhir.example.org/r4";
    let bearer = "Bearer(token_file: \"/etc/vein-kiosk/fhir-token\")";
    let outbox = "/var/lib/vein-kiosk/outbox";
    let smart = |scope: &str| {
        format!(
            "SmartBackend(client_id: \"kiosk\", token_url: \"https://fhir.example.org/token\", private_key_file: \"/etc/vein-kiosk/key.pem\", scope: \"{scope}\")"
        )
    };
    for (to, needle, field, says) in [
        (
            server(id, "http://fhir.example.org/r4", bearer, outbox, 5),
            "base_url:",
            "fhir_server.base_url",
            "https://",
        ),
        (
            server(id, base, "Bearer(token_file: \"fhir-token\")", outbox, 5),
            "auth:",
            "fhir_server.auth.token_file",
            "absolute file",
        ),
        (
            server(id, base, bearer, "outbox", 5),
            "outbox:",
            "fhir_server.outbox",
            "absolute folder",
        ),
        (
            server(id, base, bearer, outbox, 0),
            "status_minutes:",
            "fhir_server.status_minutes",
            "at least 1 and at most 1440",
        ),
        (
            server("", base, bearer, outbox, 5),
            "fhir_server:",
            "kiosk_id",
            "needed with fhir_server",
        ),
        (
            server("    kiosk_id: \"lobby 1\",\n", base, "None", outbox, 5),
            "kiosk_id:",
            "kiosk_id",
            "letters, digits",
        ),
        (
            server(id, base, &smart("patient/*.read"), outbox, 5),
            "auth:",
            "fhir_server.auth.scope",
            "system/",
        ),
    ] {
        let f = Folder::new();
        f.edit("settings.ron", "    read_aloud: false,", &to);
        assert_one(
            &f,
            "settings.ron",
            f.line_of("settings.ron", needle),
            field,
            says,
        );
    }
    for auth in [
        bearer.to_owned(),
        "None".to_owned(),
        smart("system/QuestionnaireResponse.write"),
    ] {
        let f = Folder::new();
        f.edit(
            "settings.ron",
            "    read_aloud: false,",
            &server(id, base, &auth, outbox, 5),
        );
        let content = Content::load(ContentSource::Folder(f.dir.path().to_path_buf()))
            .unwrap_or_else(|e| panic!("{auth} is accepted: {e:?}"));
        let fhir = content.settings.fhir_server.expect("a server");
        assert_eq!(fhir.status_minutes, 5);
        assert_eq!(content.settings.kiosk_id, "lobby-1");
    }
}
