//! Everything a person or a clinic can give the kiosk, mangled: content folders (flipped bytes,
//! truncation, lost and doubled lines, deep nesting, huge strings, invalid UTF-8, missing and
//! swapped files, a file that is a folder), answers files, answer codes, settings files and PINs.
//! Nothing panics or hangs; every content problem names its file; the kiosk always starts.
//!
//! Cases per target: `FUZZ_CASES` (default 150, what CI runs); e.g. `FUZZ_CASES=20000 cargo test
//! --release --test app fuzz::` for a long run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use vein_kiosk::content::{Content, ContentSource};

const FILES: [&str; 6] = [
    "flow.ron",
    "theme.ron",
    "settings.ron",
    "selfcheck.ron",
    "lang/en.ron",
    "lang/es.ron",
];

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150)
}

fn built_in() -> &'static Content {
    static CONTENT: std::sync::OnceLock<Content> = std::sync::OnceLock::new();
    CONTENT.get_or_init(|| Content::built_in().unwrap())
}

/// One way to break a content folder.
#[derive(Debug, Clone)]
enum Mangle {
    FlipByte(usize, usize, u8),
    Truncate(usize, usize),
    DeleteLine(usize, usize),
    DoubleLine(usize, usize),
    DeepNesting(usize, usize),
    HugeString(usize, usize),
    InvalidUtf8(usize, usize),
    Remove(usize),
    Swap(usize, usize),
    Folder(usize),
    /// The file becomes a FIFO (check and start once waited on it for ever).
    Fifo(usize),
    /// The file becomes a link to a device or a file outside the folder.
    LinkTo(usize, &'static str),
    /// A number of theme.ron (by its place among the sizes) becomes this text.
    ThemeNumber(usize, &'static str),
    /// A self-check card's picture becomes a PNG that says it is this many pixels a side.
    BigPicture(u32),
    /// A screen's SVG refers to this file in an `<image>`.
    SvgHref(&'static str),
    /// This many more bullets on the first list of every language.
    ManyBullets(usize),
}

/// Places outside a content folder that a link or an SVG may name.
const OUTSIDE: [&str; 4] = ["/dev/zero", "/dev/urandom", "/etc/passwd", "/proc/self/mem"];
/// Numbers theme.ron must not take.
const BAD_NUMBERS: [&str; 7] = ["1e9", "NaN", "inf", "-inf", "-1000.0", "0.0", "1e-45"];
/// The sizes in theme.ron, in its order.
const THEME_SIZES: [&str; 10] = [
    "body_size:",
    "heading_size:",
    "card_title_size:",
    "small_size:",
    "button_text_size:",
    "touch_target:",
    "gap:",
    "margin:",
    "corner_radius:",
    "max_text_width:",
];

fn mangle() -> impl Strategy<Value = Mangle> {
    let file = 0..FILES.len();
    prop_oneof![
        (file.clone(), any::<usize>(), 1u8..=255).prop_map(|(f, at, x)| Mangle::FlipByte(f, at, x)),
        (file.clone(), any::<usize>()).prop_map(|(f, at)| Mangle::Truncate(f, at)),
        (file.clone(), any::<usize>()).prop_map(|(f, at)| Mangle::DeleteLine(f, at)),
        (file.clone(), any::<usize>()).prop_map(|(f, at)| Mangle::DoubleLine(f, at)),
        (file.clone(), any::<usize>()).prop_map(|(f, at)| Mangle::DeepNesting(f, at)),
        (file.clone(), any::<usize>()).prop_map(|(f, at)| Mangle::HugeString(f, at)),
        (file.clone(), any::<usize>()).prop_map(|(f, at)| Mangle::InvalidUtf8(f, at)),
        file.clone().prop_map(Mangle::Remove),
        (file.clone(), file.clone()).prop_map(|(a, b)| Mangle::Swap(a, b)),
        file.clone().prop_map(Mangle::Folder),
        file.clone().prop_map(Mangle::Fifo),
        (file, prop::sample::select(&OUTSIDE[..])).prop_map(|(f, t)| Mangle::LinkTo(f, t)),
        (0..THEME_SIZES.len(), prop::sample::select(&BAD_NUMBERS[..]))
            .prop_map(|(i, n)| Mangle::ThemeNumber(i, n)),
        prop::sample::select(vec![2049_u32, 4096, 20_000, u32::MAX >> 1])
            .prop_map(Mangle::BigPicture),
        prop::sample::select(&OUTSIDE[..]).prop_map(Mangle::SvgHref),
        (100_usize..20_000).prop_map(Mangle::ManyBullets),
    ]
}

fn apply(dir: &Path, m: &Mangle) {
    let path = |f: usize| dir.join(FILES[f]);
    let edit = |f: usize, change: &dyn Fn(Vec<u8>) -> Vec<u8>| {
        let bytes = std::fs::read(path(f)).unwrap();
        std::fs::write(path(f), change(bytes)).unwrap();
    };
    let lines = |bytes: Vec<u8>, change: &dyn Fn(&mut Vec<Vec<u8>>, usize), at: usize| {
        let mut lines: Vec<Vec<u8>> = bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
        let n = lines.len();
        change(&mut lines, at % n);
        lines.join(&b'\n')
    };
    let insert = |f: usize, at: usize, what: &[u8]| {
        edit(f, &|mut b| {
            let i = at % (b.len() + 1);
            b.splice(i..i, what.iter().copied());
            b
        });
    };
    match m {
        Mangle::FlipByte(f, at, x) => edit(*f, &|mut b| {
            let i = at % b.len();
            b[i] ^= x;
            b
        }),
        Mangle::Truncate(f, at) => edit(*f, &|b| b[..at % b.len()].to_vec()),
        Mangle::DeleteLine(f, at) => edit(*f, &|b| lines(b, &|l, i| drop(l.remove(i)), *at)),
        Mangle::DoubleLine(f, at) => {
            edit(*f, &|b| lines(b, &|l, i| l.insert(i, l[i].clone()), *at))
        }
        Mangle::DeepNesting(f, at) => {
            let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
            insert(*f, *at, deep.as_bytes());
        }
        Mangle::HugeString(f, at) => {
            let huge = format!("\"{}\"", "x".repeat(2_000_000));
            insert(*f, *at, huge.as_bytes());
        }
        Mangle::InvalidUtf8(f, at) => insert(*f, *at, &[0xff, 0xfe, 0xc0, 0x80]),
        Mangle::Remove(f) => std::fs::remove_file(path(*f)).unwrap(),
        Mangle::Swap(a, b) => {
            let (x, y) = (
                std::fs::read(path(*a)).unwrap(),
                std::fs::read(path(*b)).unwrap(),
            );
            std::fs::write(path(*a), y).unwrap();
            std::fs::write(path(*b), x).unwrap();
        }
        Mangle::Folder(f) => {
            std::fs::remove_file(path(*f)).unwrap();
            std::fs::create_dir(path(*f)).unwrap();
        }
        Mangle::Fifo(f) => {
            std::fs::remove_file(path(*f)).unwrap();
            let made = std::process::Command::new("mkfifo")
                .arg(path(*f))
                .status()
                .unwrap();
            assert!(made.success());
        }
        Mangle::LinkTo(f, target) => {
            std::fs::remove_file(path(*f)).unwrap();
            std::os::unix::fs::symlink(target, path(*f)).unwrap();
        }
        Mangle::ThemeNumber(i, number) => {
            let theme = dir.join("theme.ron");
            let text = std::fs::read_to_string(&theme).unwrap();
            let at = text.find(THEME_SIZES[*i]).unwrap() + THEME_SIZES[*i].len();
            let end = at + text[at..].find(',').unwrap();
            std::fs::write(&theme, format!("{} {number}{}", &text[..at], &text[end..])).unwrap();
        }
        Mangle::BigPicture(side) => big_picture(dir, *side),
        Mangle::SvgHref(target) => svg_href(dir, target),
        Mangle::ManyBullets(n) => many_bullets(dir, *n),
    }
}

/// A self-check card's picture becomes a PNG that says it is `side` pixels a side.
fn big_picture(dir: &Path, side: u32) {
    let selfcheck = dir.join("selfcheck.ron");
    let text = std::fs::read_to_string(&selfcheck).unwrap();
    std::fs::write(&selfcheck, text.replace("sign-skin-dark.svg", "big.png")).unwrap();
    std::fs::create_dir_all(dir.join("illustrations")).unwrap();
    std::fs::write(
        dir.join("illustrations/big.png"),
        crate::validation::png_header(side, side),
    )
    .unwrap();
}

/// A screen's SVG refers to `target` in an `<image>`.
fn svg_href(dir: &Path, target: &str) {
    std::fs::create_dir_all(dir.join("illustrations")).unwrap();
    std::fs::write(
        dir.join("illustrations/treatment.svg"),
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">\
             <image href=\"{target}\" width=\"50\" height=\"50\"/></svg>"
        ),
    )
    .unwrap();
}

/// `n` more bullets on the first list of every language.
fn many_bullets(dir: &Path, n: usize) {
    let more = "\"More.\", ".repeat(n);
    for rel in ["lang/en.ron", "lang/es.ron"] {
        let file = dir.join(rel);
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replacen("Bullets([", &format!("Bullets([{more}"), 1),
        )
        .unwrap();
    }
}

/// Loads a mangled folder as `check` and as the kiosk's start do, within 20 seconds each: every
/// problem names its file, and the kiosk starts (on the built-in content if it must).
fn loads_or_names_its_problems(m: &Mangle) -> Result<(), TestCaseError> {
    let dir = common::content_folder();
    apply(dir.path(), m);
    let within = |f: Box<dyn FnOnce() -> Box<dyn std::any::Any + Send> + Send>| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(Duration::from_secs(20))
    };
    let folder = dir.path().to_owned();
    let started = Instant::now();
    let loaded = within(Box::new(move || {
        Box::new(Content::load(ContentSource::Folder(folder)))
    }));
    let Ok(loaded) = loaded else {
        return Err(TestCaseError::fail(format!(
            "{m:?}: check did not finish in 20 s"
        )));
    };
    prop_assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?} took {:?}",
        m,
        started.elapsed()
    );
    let loaded = *loaded
        .downcast::<Result<Content, Vec<vein_kiosk::content::Problem>>>()
        .unwrap();
    if let Err(problems) = &loaded {
        prop_assert!(!problems.is_empty());
        for p in problems {
            let text = p.to_string();
            prop_assert!(
                FILES.iter().any(|f| text.contains(f)),
                "{:?}: a problem that names no file: {}",
                m,
                text
            );
        }
    }
    // The kiosk starts all the same: on the built-in content, with the staff note.
    let folder = dir.path().to_owned();
    let Ok(started) = within(Box::new(move || {
        Box::new(Content::load_or_built_in(Some(folder), None))
    })) else {
        return Err(TestCaseError::fail(format!(
            "{m:?}: the kiosk's start did not finish in 20 s"
        )));
    };
    let (content, skipped) = started
        .downcast::<Result<(Content, Vec<vein_kiosk::content::Problem>), Vec<vein_kiosk::content::Problem>>>()
        .unwrap()
        .unwrap();
    prop_assert_eq!(skipped.is_empty(), loaded.is_ok());
    prop_assert!(!content.flow.screens.is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn a_mangled_content_folder_is_named_and_never_stops_the_kiosk(m in mangle()) {
        loads_or_names_its_problems(&m)?;
    }

    #[test]
    fn any_answers_file_is_read_or_refused_with_its_name(bytes in prop::collection::vec(any::<u8>(), 0..400), fixture in 0usize..3, cut in any::<usize>(), flip in any::<usize>()) {
        let dir = tempfile::tempdir().unwrap();
        let fixtures = ["answers-many-symptoms-both-legs.ron", "answers-no-problems.ron", "answers-red-flags.ron"];
        let mut text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixtures[fixture])).unwrap();
        // Half the cases: a real file mangled; half: noise.
        if flip % 2 == 0 {
            let i = flip % text.len();
            text[i] ^= 0x20;
            text.truncate(text.len() - cut % (text.len() / 2 + 1));
        } else {
            text = bytes;
        }
        let file = dir.path().join("answers.ron");
        std::fs::write(&file, &text).unwrap();
        let def = &built_in().selfcheck;
        match vein_kiosk::selfcheck::answers_file::read(&file, def) {
            Err(why) => prop_assert!(why.to_string().contains("answers.ron"), "{}", why),
            // Answers that are read make a code that gives them back, as the screen's would.
            Ok(answers) => {
                let code = vein_kiosk::selfcheck::code::encode(def, &answers);
                prop_assert_eq!(vein_kiosk::selfcheck::code::decode(def, &code).ok(), Some(answers));
            }
        }
    }

    #[test]
    fn any_text_given_as_a_code_is_decoded_or_refused(text in ".{0,200}", prefixed in any::<bool>()) {
        use vein_kiosk::selfcheck::{answers_file, code};
        let def = &built_in().selfcheck;
        let code = if prefixed { format!("VK1-{text}") } else { text };
        match code::decode(def, &code) {
            // What decodes is a set of answers the screen could have given, and it is the code's
            // one meaning: encoding it gives a code that decodes to the same answers.
            Ok(answers) => {
                prop_assert!(answers_file::check(&answers, def).is_empty(), "{:?}: {:?}", code, answers);
                let again = code::encode(def, &answers);
                prop_assert_eq!(code::decode(def, &again).ok(), Some(answers));
            }
            Err(why) => prop_assert!(!why.to_string().is_empty()),
        }
    }

    #[test]
    fn a_real_code_changed_by_a_slip_is_refused_or_means_what_it_says(
        fixture in 0usize..3,
        at in any::<usize>(),
        with in "[A-Z2-7 a-z-]",
        slip in 0u8..3,
    ) {
        use vein_kiosk::selfcheck::{answers_file, code};
        let def = &built_in().selfcheck;
        let fixtures = ["answers-many-symptoms-both-legs.ron", "answers-no-problems.ron", "answers-red-flags.ron"];
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixtures[fixture]);
        let answers = answers_file::read(&file, def).unwrap();
        let real = code::encode(def, &answers);
        let mut chars: Vec<char> = real.chars().collect();
        // After the prefix: a character typed wrong, one typed twice, or a space put in.
        let i = 4 + at % (chars.len() - 4);
        let c = with.chars().next().unwrap();
        match slip {
            0 => chars[i] = c,
            1 => chars.insert(i, chars[i]),
            _ => chars.insert(i, ' '),
        }
        let changed: String = chars.into_iter().collect();
        match code::decode(def, &changed) {
            Ok(decoded) => {
                prop_assert!(answers_file::check(&decoded, def).is_empty());
                let again = code::encode(def, &decoded);
                prop_assert_eq!(code::decode(def, &again).ok(), Some(decoded.clone()));
                // A code that still decodes after a slip is the same code read forgivingly
                // (a space, a dash or lower case), never another visitor's answers.
                prop_assert_eq!(decoded, answers, "{:?} decoded as other answers", changed);
            }
            Err(why) => prop_assert!(!why.to_string().is_empty()),
        }
    }

    #[test]
    fn any_settings_file_is_read_or_refused_and_any_pin_input_is_handled(
        m in (any::<usize>(), 1u8..=255, any::<usize>()),
        pin in ".{0,40}",
    ) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.ron");
        let mut bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/settings.ron")).unwrap();
        let i = m.0 % bytes.len();
        bytes[i] ^= m.1;
        bytes.truncate(bytes.len() - m.2 % (bytes.len() / 3 + 1));
        std::fs::write(&file, &bytes).unwrap();
        match Content::load_with_config(ContentSource::BuiltIn, Some(&file)) {
            Err(problems) => {
                prop_assert!(problems.iter().all(|p| p.to_string().contains("settings.ron")));
            }
            // A settings file that loads keeps the README's ranges, however it was changed.
            Ok(content) => {
                let s = &content.settings;
                prop_assert!((15..=900).contains(&s.idle_seconds), "idle {}", s.idle_seconds);
                prop_assert!((20..=300).contains(&s.warning_seconds), "warning {}", s.warning_seconds);
                prop_assert!((100..=200).contains(&s.text_percent), "text {}", s.text_percent);
                prop_assert!(s.speech.values().all(|v| (-100..=100).contains(&v.rate)));
                prop_assert!(s.languages.iter().all(|l| content.languages.iter().any(|c| &c.code == l)));
            }
        }
        prop_assert!(Content::load_or_built_in(None, Some(&file)).is_ok());
        // set-pin's input: a PIN is 4 to 8 digits; anything else is refused, never a panic.
        let digits = pin.chars().all(|c| c.is_ascii_digit())
            && (4..=8).contains(&pin.chars().count())
            && !vein_kiosk::kiosk::pin::is_trivial(&pin);
        prop_assert_eq!(vein_kiosk::kiosk::pin::hash(&pin).is_ok(), digits, "{:?}", pin);
    }
}

/// The inputs of issue 23 that passed `check` and then took the kiosk down, always tried.
#[test]
fn seeds_that_once_crashed_or_hung_the_kiosk() {
    let mut seeds = vec![
        Mangle::ThemeNumber(1, "1e9"),
        Mangle::ThemeNumber(7, "-1000.0"),
        Mangle::BigPicture(20_000),
        Mangle::SvgHref("/dev/zero"),
        Mangle::SvgHref("/etc/passwd"),
        Mangle::ManyBullets(100_000),
    ];
    for (f, _) in FILES.iter().enumerate() {
        seeds.push(Mangle::Fifo(f));
        seeds.push(Mangle::LinkTo(f, "/dev/zero"));
    }
    for number in BAD_NUMBERS {
        seeds.push(Mangle::ThemeNumber(0, number));
    }
    for m in seeds {
        loads_or_names_its_problems(&m).unwrap_or_else(|e| panic!("{m:?}: {e}"));
        // None of them passes check.
        let dir = common::content_folder();
        apply(dir.path(), &m);
        assert!(
            Content::load(ContentSource::Folder(dir.path().to_owned())).is_err(),
            "{m:?} passed check"
        );
    }
}

#[test]
fn a_fifty_megabyte_content_file_is_refused_quickly() {
    let dir = common::content_folder();
    let big = vec![b' '; 50 * 1024 * 1024];
    std::fs::write(dir.path().join("lang/es.ron"), big).unwrap();
    let started = Instant::now();
    let problems = Content::load(ContentSource::Folder(dir.path().to_owned())).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("lang/es.ron")),
        "{problems:?}"
    );
}

/// Settings of issue 23 that `check` once passed, always tried: each is refused, naming the file.
#[test]
fn settings_seeds_that_check_once_passed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("settings.ron");
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/settings.ron"))
            .unwrap();
    for (from, to) in [
        ("idle_seconds: 90", "idle_seconds: 4294967295"),
        ("warning_seconds: 30", "warning_seconds: 4294967295"),
        ("text_percent: 100", "text_percent: 0"),
        ("text_percent: 100", "text_percent: 65535"),
        ("rate: -10, voice: None", "rate: 127, voice: None"),
        ("rate: -10, voice: None", "rate: -128, voice: None"),
        (
            "rate: -10, voice: None",
            "rate: 0, voice: Some(\"x\\r\\nSET SELF VOLUME 100\")",
        ),
        ("rate: -10, voice: None", "rate: 0, voice: Some(\"\")"),
        ("\"es\": SpeechVoice", "\"xx\": SpeechVoice"),
        ("languages: []", "languages: [\"en\", \"en\"]"),
        ("handoff_folder: None", "handoff_folder: Some(\"\")"),
        ("print_command: None", "print_command: Some([\"\"])"),
    ] {
        assert!(text.contains(from), "{from}");
        std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
        let problems =
            Content::load_with_config(ContentSource::BuiltIn, Some(&file)).expect_err(to);
        assert!(
            problems
                .iter()
                .all(|p| p.to_string().contains("settings.ron")),
            "{to}: {problems:#?}"
        );
        let (content, skipped) = Content::load_or_built_in(None, Some(&file)).unwrap();
        assert!(!skipped.is_empty());
        assert!(!content.flow.screens.is_empty());
    }
    // A settings file that is a FIFO or a device is refused at once, never waited on.
    let fifo = dir.path().join("fifo.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for path in [fifo.as_path(), Path::new("/dev/zero")] {
        let problems = Content::load_with_config(ContentSource::BuiltIn, Some(path)).unwrap_err();
        assert!(
            problems[0].message.contains("not a regular file"),
            "{problems:#?}"
        );
    }
}
