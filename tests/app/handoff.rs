//! Handing the answers to staff: the code a QR carries, read back from the rendered screen, and
//! the staff decoder that refuses anything damaged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::OnceLock;

use common::{content, rendered_app, tap};
use proptest::prelude::*;
use vein_kiosk::command::Visit;
use vein_kiosk::content::Content;
use vein_kiosk::selfcheck::code::{CodeError, decode, encode};
use vein_kiosk::selfcheck::{
    Answer, Answers, Often, QuestionKind, SelfCheckDef, Side, Summary, is_asked,
};

fn fixture(name: &str) -> Answers {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    vein_kiosk::selfcheck::answers_file::read(&path, &content().selfcheck).unwrap()
}

/// The built-in content, loaded once for every case.
fn built_in() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(content)
}

/// Any answers a person could give: each question answered (or not) in any way its kind allows
/// (a red flag never skipped):
/// yes or no, any of the 10 leg answers (neither, or left, right or both with each how-often),
/// any option of a one-choice question and any subset of a many-choice question (none of them
/// and all of them included).
fn any_answers(def: &SelfCheckDef) -> impl Strategy<Value = Answers> + use<> {
    let def = def.clone();
    prop::collection::vec((0u8..8, any::<u32>()), def.questions.len()).prop_map(move |picks| {
        let mut answers = Answers::default();
        for (q, (how, pick)) in def.questions.iter().zip(picks) {
            let pick = pick as usize;
            let answer = match (how, &q.kind) {
                (0, _) => continue,
                // A red flag cannot be skipped (the flow refuses it); it gets a yes or no instead.
                (1, _) if q.red_flag.is_none() => Answer::Skipped,
                (2, _) => Answer::NotSure,
                (_, QuestionKind::YesNo) => [Answer::Yes, Answer::No][pick % 2].clone(),
                (_, QuestionKind::Legs) => {
                    let mut all = vec![Answer::Legs(Side::Neither, None)];
                    for side in [Side::Left, Side::Right, Side::Both] {
                        for often in [Often::Sometimes, Often::Often, Often::MostDays] {
                            all.push(Answer::Legs(side, Some(often)));
                        }
                    }
                    all[pick % all.len()].clone()
                }
                (_, QuestionKind::One(options)) => {
                    Answer::Chose([options[pick % options.len()].id.clone()].into())
                }
                (_, QuestionKind::Many(options)) => Answer::Chose(
                    options
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| pick & (1 << i) != 0)
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
    fn a_code_gives_back_exactly_the_answers_and_the_same_summary(answers in any_answers(&built_in().selfcheck)) {
        let c = built_in();
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

    /// What the code's checksum guarantees. It is a CRC-16/CCITT-FALSE (polynomial 0x1021) over
    /// every byte before it (version, fingerprint, answers); a CRC of degree 16 detects every error
    /// that lies within 16 consecutive bits of the checked bytes and the CRC. One base32 character
    /// is 5 bits, so a changed character (5 bits) and two neighbouring characters swapped (10 bits)
    /// are always such an error: `decode` must refuse each of them with `CodeError::Checksum`
    /// (bits that fall in the last character's unused tail make it nonzero, which is refused
    /// with the same error). A code cut short is refused too, not by the CRC but because its
    /// answers no longer fill every question.
    #[test]
    fn any_changed_swapped_or_missing_character_is_refused(answers in any_answers(&built_in().selfcheck), at in 4usize..200, by in 1u8..32) {
        let def = &built_in().selfcheck;
        let code = encode(def, &answers);
        prop_assert_eq!(decode(def, &code), Ok(asked_only(def, &answers)), "the code itself decodes");
        let at = 4 + at % (code.len() - 4);
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let old = alphabet.iter().position(|&a| a == code.as_bytes()[at]).unwrap();
        let mut changed = code.clone().into_bytes();
        changed[at] = alphabet[(old + usize::from(by)) % 32];
        prop_assert_eq!(
            decode(def, std::str::from_utf8(&changed).unwrap()),
            Err(CodeError::Checksum),
            "character {} changed", at
        );
        prop_assert!(decode(def, &code[..at]).is_err(), "cut short");
        // Every swap of two neighbouring characters that changes the code. In the prefix "VK1-"
        // (and the prefix's dash with the first character after it) it is no longer a code.
        for i in 0..code.len() - 1 {
            let mut swapped = code.clone().into_bytes();
            swapped.swap(i, i + 1);
            if swapped == code.as_bytes() {
                continue; // two equal characters: the same code
            }
            let swapped = String::from_utf8(swapped).unwrap();
            let expected = if i < 4 { CodeError::NotACode } else { CodeError::Checksum };
            prop_assert_eq!(decode(def, &swapped), Err(expected), "{} swapped at {}", swapped, i);
        }
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
    // A scanner's trailing newline and a person's lower case are forgiven: the same answers.
    assert_eq!(
        decode(def, &format!("{}\n", code.to_lowercase())),
        Ok(fixture("answers-red-flags.ron"))
    );
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
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/answers-many-symptoms-both-legs.ron");
    let code = encode(
        &content().selfcheck,
        &fixture("answers-many-symptoms-both-legs.ron"),
    );
    let kiosk = env!("CARGO_BIN_EXE_vein-kiosk");
    for lang in [None, Some("es")] {
        let lang_args: Vec<&str> = lang.map(|l| vec!["--lang", l]).unwrap_or_default();
        let out = std::process::Command::new(kiosk)
            .args(["decode", &code])
            .args(&lang_args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let expected = vein_kiosk::text::summary_for_file(&content(), &file, lang).unwrap();
        let given = String::from_utf8(out.stdout).unwrap();
        assert_eq!(given, expected, "{lang:?}: the same words as the screen");

        // As a USB scanner types it: on standard input, with a newline. The whole output is the
        // same as with the code given as an argument.
        let mut child = std::process::Command::new(kiosk)
            .arg("decode")
            .args(&lang_args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{code}\n").as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            given,
            "{lang:?}: standard input and argument give the same output"
        );
    }

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
