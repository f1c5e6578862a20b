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
}

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
        file.prop_map(Mangle::Folder),
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
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn a_mangled_content_folder_is_named_and_never_stops_the_kiosk(m in mangle()) {
        let dir = common::content_folder();
        apply(dir.path(), &m);
        let started = Instant::now();
        let loaded = Content::load(ContentSource::Folder(dir.path().to_owned()));
        prop_assert!(started.elapsed() < Duration::from_secs(20), "{:?} took {:?}", m, started.elapsed());
        if let Err(problems) = &loaded {
            prop_assert!(!problems.is_empty());
            for p in problems {
                let text = p.to_string();
                prop_assert!(
                    FILES.iter().any(|f| text.contains(f)),
                    "{:?}: a problem that names no file: {}", m, text
                );
            }
        }
        // The kiosk starts all the same: on the built-in content, with the staff note.
        let (content, skipped) = Content::load_or_built_in(Some(dir.path().to_owned()), None).unwrap();
        prop_assert_eq!(skipped.is_empty(), loaded.is_ok());
        prop_assert!(!content.flow.screens.is_empty());
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
        if let Err(why) = vein_kiosk::selfcheck::answers_file::read(&file, &built_in().selfcheck) {
            prop_assert!(why.contains("answers.ron"), "{}", why);
        }
    }

    #[test]
    fn any_text_given_as_a_code_is_decoded_or_refused(text in ".{0,200}", prefixed in any::<bool>()) {
        let code = if prefixed { format!("VK1-{text}") } else { text };
        let _ = vein_kiosk::selfcheck::code::decode(&built_in().selfcheck, &code);
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
        if let Err(problems) = Content::load_with_config(ContentSource::BuiltIn, Some(&file)) {
            prop_assert!(problems.iter().all(|p| p.to_string().contains("settings.ron")));
        }
        prop_assert!(Content::load_or_built_in(None, Some(&file)).is_ok());
        // set-pin's input: a PIN is 4 to 8 digits; anything else is refused, never a panic.
        let digits = pin.chars().all(|c| c.is_ascii_digit()) && (4..=8).contains(&pin.chars().count());
        prop_assert_eq!(vein_kiosk::kiosk::pin::hash(&pin).is_ok(), digits, "{:?}", pin);
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
