//! Handing the answers to staff: the code a QR carries, read back from the rendered screen, and
//! the staff decoder that refuses anything damaged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{content, rendered_app, tap};
use proptest::prelude::*;
use vein_kiosk::command::Visit;
use vein_kiosk::selfcheck::code::{CodeError, decode, encode};
use vein_kiosk::selfcheck::{Answer, Answers, Often, SelfCheckDef, Side, Summary, is_asked};

fn fixture(name: &str) -> Answers {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    vein_kiosk::selfcheck::answers_file::read(&path, &content().selfcheck).unwrap()
}

/// Any answers a person could give: each question answered (or not) in any way its kind allows.
fn any_answers(def: &SelfCheckDef) -> impl Strategy<Value = Answers> + use<> {
    let def = def.clone();
    prop::collection::vec(0usize..64, def.questions.len()).prop_map(move |picks| {
        let mut answers = Answers::default();
        for (q, pick) in def.questions.iter().zip(picks) {
            let answer = match (pick % 8, &q.kind) {
                (0, _) => continue,
                (1, _) => Answer::Skipped,
                (2, _) => Answer::NotSure,
                (_, vein_kiosk::selfcheck::QuestionKind::YesNo) => {
                    if pick % 2 == 0 {
                        Answer::Yes
                    } else {
                        Answer::No
                    }
                }
                (_, vein_kiosk::selfcheck::QuestionKind::Legs) => match pick % 4 {
                    0 => Answer::Legs(Side::Neither, None),
                    1 => Answer::Legs(Side::Left, Some(Often::Sometimes)),
                    2 => Answer::Legs(Side::Right, Some(Often::Often)),
                    _ => Answer::Legs(Side::Both, Some(Often::MostDays)),
                },
                (_, vein_kiosk::selfcheck::QuestionKind::One(options)) => {
                    Answer::Chose([options[pick % options.len()].id.clone()].into())
                }
                (_, vein_kiosk::selfcheck::QuestionKind::Many(options)) => Answer::Chose(
                    options
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| pick & (1 << (i % 6)) != 0)
                        .map(|(_, o)| o.id.clone())
                        .collect(),
                ),
            };
            answers.0.insert(q.id.clone(), answer);
        }
        answers
    })
}

/// Only the answers to questions these answers lead to.
fn asked_only(def: &SelfCheckDef, answers: &Answers) -> Answers {
    let mut kept = Answers::default();
    for (i, q) in def.questions.iter().enumerate() {
        if let Some(a) = answers.get(&q.id).filter(|_| is_asked(def, answers, i)) {
            kept.0.insert(q.id.clone(), a.clone());
        }
    }
    kept
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_code_gives_back_exactly_the_answers_and_the_same_summary(answers in any_answers(&content().selfcheck)) {
        let c = content();
        let def = &c.selfcheck;
        let code = encode(def, &answers);
        prop_assert!(code.len() < 120, "small enough for a QR at arm's length: {}", code.len());
        prop_assert!(code.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '-'));
        let back = decode(def, &code).unwrap();
        prop_assert_eq!(&back, &asked_only(def, &answers));
        let fill = |t: &str| c.fill(t);
        for language in &c.languages {
            prop_assert_eq!(
                Summary::new(def, &language.selfcheck, &back, &fill).to_text(),
                Summary::new(def, &language.selfcheck, &answers, &fill).to_text()
            );
        }
    }

    #[test]
    fn any_changed_or_missing_character_is_refused(answers in any_answers(&content().selfcheck), at in 4usize..200, by in 1u8..31) {
        let def = &content().selfcheck;
        let code = encode(def, &answers);
        let at = 4 + at % (code.len() - 4);
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let old = alphabet.iter().position(|&a| a == code.as_bytes()[at]).unwrap();
        let mut changed = code.clone().into_bytes();
        changed[at] = alphabet[(old + usize::from(by)) % 32];
        prop_assert!(decode(def, std::str::from_utf8(&changed).unwrap()).is_err(), "one changed character");
        prop_assert!(decode(def, &code[..at]).is_err(), "cut short");
    }
}

#[test]
fn clear_errors_for_what_is_not_a_code() {
    let def = &content().selfcheck;
    let code = encode(def, &fixture("answers-red-flags.ron"));
    assert_eq!(decode(def, "hello"), Err(CodeError::NotACode));
    assert_eq!(decode(def, "VK1-"), Err(CodeError::Truncated));
    assert_eq!(
        decode(def, &format!("{code}8")),
        Err(CodeError::BadCharacter('8'))
    );
    // A scanner's trailing newline and a person's lower case are forgiven.
    assert!(decode(def, &format!("{}\n", code.to_lowercase())).is_ok());
    // A code made with other questions is refused, not misread.
    let mut other = def.clone();
    other.questions.swap(6, 7);
    assert_eq!(decode(&other, &code), Err(CodeError::OtherQuestions));
}

/// Reads every QR code in an image, as a phone camera or 2D scanner would.
fn read_qr(image: &image::RgbaImage) -> Vec<String> {
    common::read_qrs(image::DynamicImage::ImageRgba8(image.clone()).to_luma8())
}

#[test]
fn the_qr_on_screen_reads_back_to_the_same_answers() {
    let c = content();
    let words = c.language("es").selfcheck.clone();
    for size in [(1920.0, 1080.0), (1080.0, 1920.0), (1280.0, 800.0)] {
        let mut h = rendered_app(size);
        h.state_mut().apply(Visit::SetLanguage("es".into()));
        h.state_mut().apply(Visit::StartCheck);
        for cmd in common::check_states()
            .into_iter()
            .find(|(n, _)| *n == "summary")
            .unwrap()
            .1
        {
            h.state_mut().apply(cmd);
        }
        h.state_mut().apply(Visit::CheckBack);
        h.run();
        h.state_mut().apply(Visit::CheckAnswer(Answer::Chose(
            ["diabetes".to_owned()].into(),
        )));
        h.run();
        let expected = h
            .state()
            .session()
            .route
            .check()
            .unwrap()
            .flow
            .answers()
            .clone();
        tap(&mut h, &words.summary.show_to_staff);
        assert!(h.state().session().route.showing_code());
        let shot = h.render().unwrap();
        let found = read_qr(&shot);
        assert_eq!(found.len(), 1, "{size:?}: one readable QR code on screen");
        let answers = decode(&c.selfcheck, &found[0]).unwrap();
        assert_eq!(answers, asked_only(&c.selfcheck, &expected), "{size:?}");
        tap(&mut h, &words.summary.close);
        assert!(!h.state().session().route.showing_code());
    }
}

#[test]
fn decode_prints_the_summary_and_refuses_a_damaged_code() {
    use std::io::Write as _;
    let code = encode(
        &content().selfcheck,
        &fixture("answers-many-symptoms-both-legs.ron"),
    );
    let kiosk = env!("CARGO_BIN_EXE_vein-kiosk");
    let out = std::process::Command::new(kiosk)
        .args(["decode", &code, "--lang", "es"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = vein_kiosk::selfcheck::summary_for_file(
        &content(),
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/answers-many-symptoms-both-legs.ron"),
        Some("es"),
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        expected,
        "the same words as the screen"
    );

    // As a USB scanner types it: on standard input, with a newline.
    let mut child = std::process::Command::new(kiosk)
        .arg("decode")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{code}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("Answers to talk about with the vein team")
    );

    let damaged = format!(
        "{}{}",
        &code[..code.len() - 1],
        if code.ends_with('A') { 'B' } else { 'A' }
    );
    let out = std::process::Command::new(kiosk)
        .args(["decode", &damaged])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "never a wrong summary");
    assert!(String::from_utf8_lossy(&out.stderr).contains("damaged or mistyped"));
}
