//! The checks run on the built-in content with one thing changed in memory: each rule at its
//! edge (the most a value may be passes, one more is refused) and the words it says, beside the
//! rules, so that a rule that breaks fails here in seconds. The app's `validation` tests check
//! the same problems in files, with their lines.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::super::model::{Language, Settings};
use super::super::{Content, Problem};

fn built_in() -> Content {
    Content::built_in().expect("the built-in content loads")
}

/// Each language with the file it came from, as the checks take them.
fn language_files(content: &Content) -> Vec<(String, Language)> {
    content
        .languages
        .iter()
        .map(|l| (format!("lang/{}.ron", l.code), l.clone()))
        .collect()
}

/// The problems the settings check finds in the built-in settings after `edit`.
pub(super) fn settings_problems(edit: impl FnOnce(&mut Settings)) -> Vec<Problem> {
    let content = built_in();
    let mut settings = content.settings.clone();
    edit(&mut settings);
    let text = content.source.read("settings.ron").unwrap();
    let mut problems = Vec::new();
    super::settings(
        &content.source,
        &settings,
        "settings.ron",
        &text,
        &language_files(&content),
        &mut problems,
    );
    problems
}

/// Asserts that `problems` is exactly one, about `field`, saying `says`.
#[track_caller]
pub(super) fn assert_one(problems: &[Problem], field: &str, says: &str) {
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].field, field, "{problems:#?}");
    assert!(problems[0].message.contains(says), "{problems:#?}");
}

#[test]
fn the_built_in_settings_pass() {
    assert_eq!(settings_problems(|_| {}), Vec::<Problem>::new());
}

#[test]
fn settings_texts_up_to_their_most_characters() {
    type Set = fn(&mut Settings, String);
    let fields: [(&str, usize, Set); 5] = [
        ("clinic_name", 100, |s, v| s.clinic_name = v),
        ("emergency_number", 20, |s, v| s.emergency_number = v),
        ("clinic_phone", 30, |s, v| s.clinic_phone = v),
        ("printer", 200, |s, v| s.printer = Some(v)),
        ("handoff_folder", 1000, |s, v| s.handoff_folder = Some(v)),
    ];
    for (field, most, set) in fields {
        // Characters, not bytes: "é" is two bytes.
        let text = |n: usize| format!("1{}", "é".repeat(n - 1));
        assert_eq!(settings_problems(|s| set(s, text(most))), vec![], "{field}");
        let over = settings_problems(|s| set(s, text(most + 1)));
        let says = format!(
            "is {} characters long; the most it may be is {most}",
            most + 1
        );
        assert_one(&over, field, &says);
    }
}

#[test]
fn settings_numbers_at_each_end_of_their_range() {
    type Set = fn(&mut Settings, u32);
    let numbers: [(&str, u32, u32, Set); 3] = [
        ("idle_seconds", 15, 900, |s, v| s.idle_seconds = v),
        ("warning_seconds", 20, 300, |s, v| s.warning_seconds = v),
        ("text_percent", 100, 200, |s, v| {
            s.text_percent = u16::try_from(v).unwrap();
        }),
    ];
    for (field, least, most, set) in numbers {
        assert_eq!(settings_problems(|s| set(s, least)), vec![], "{field}");
        assert_eq!(settings_problems(|s| set(s, most)), vec![], "{field}");
        let under = settings_problems(|s| set(s, least - 1));
        assert_one(
            &under,
            field,
            &format!("must be at least {least} and at most {most}"),
        );
        assert!(under[0].message.ends_with(&format!("it is {}", least - 1)));
        let over = settings_problems(|s| set(s, most + 1));
        assert_one(
            &over,
            field,
            &format!("must be at most {most} and at least {least}"),
        );
        assert!(over[0].message.ends_with(&format!("it is {}", most + 1)));
    }
}

#[test]
fn a_voice_name_is_one_line_of_at_most_100_characters() {
    let voice = |name: &str| {
        let name = name.to_owned();
        settings_problems(move |s| s.speech.get_mut("en").unwrap().voice = Some(name))
    };
    assert_eq!(voice(&"é".repeat(100)), vec![]);
    let field = "speech.\"en\".voice";
    assert_one(
        &voice(&"é".repeat(101)),
        field,
        "is longer than 100 characters",
    );
    assert_one(&voice("  "), field, "is empty");
    assert_one(
        &voice("Anna\nSET SELF RATE 100"),
        field,
        "control character",
    );
}

#[test]
fn a_speech_rate_from_minus_100_to_100() {
    let rate = |r: i8| settings_problems(move |s| s.speech.get_mut("es").unwrap().rate = r);
    assert_eq!(rate(-100), vec![]);
    assert_eq!(rate(100), vec![]);
    for r in [-101, 101] {
        assert_one(
            &rate(r),
            "speech.\"es\".rate",
            &format!("is {r}; it must be from -100 (slowest) to 100 (fastest)"),
        );
    }
}
