//! The FHIR R4 export: a Questionnaire generated from the content, and QuestionnaireResponses
//! that pass the R4 rules and match a reviewed golden file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::{Value, json};
use vein_kiosk::content::Content;
use vein_kiosk::selfcheck::fhir::{check_response, questionnaire, response};
use vein_kiosk::selfcheck::{Answers, answers_file};

const AUTHORED: &str = "2026-11-21T10:00:00Z";

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn answers(c: &Content, name: &str) -> Answers {
    answers_file::read(&fixtures().join(name), &c.selfcheck).unwrap()
}

#[test]
fn the_questionnaire_has_every_question_and_its_branching() {
    let c = Content::built_in().unwrap();
    let q = questionnaire(&c.selfcheck, &c.default_language().selfcheck, "en");
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(q["status"], "active");
    let items = q["item"].as_array().unwrap();
    assert_eq!(items.len(), c.selfcheck.questions.len());
    let item = |id: &str| items.iter().find(|i| i["linkId"] == id).unwrap().clone();
    assert_eq!(
        item("stockings-help")["enableWhen"],
        json!([{ "question": "care", "operator": "=", "answerCoding": { "system": vein_kiosk::selfcheck::fhir::CODE_SYSTEM, "code": "stockings" } }])
    );
    assert_eq!(item("better-raised")["enableBehavior"], "any");
    assert_eq!(item("signs")["repeats"], true);
    assert_eq!(item("ache")["item"][0]["linkId"], "ache.often");
    // Words in the language asked for, codes the same in every language.
    let es = questionnaire(&c.selfcheck, &c.language("es").selfcheck, "es");
    assert_ne!(es["item"][0]["text"], q["item"][0]["text"]);
    assert_eq!(
        es["item"][0]["answerOption"][0]["valueCoding"]["code"],
        "yes"
    );
}

#[test]
fn every_fixture_gives_a_valid_response_without_identifiers() {
    let c = Content::built_in().unwrap();
    for lang in ["en", "es"] {
        let words = &c.language(lang).selfcheck;
        let q = questionnaire(&c.selfcheck, words, lang);
        for name in [
            "answers-no-problems.ron",
            "answers-red-flags.ron",
            "answers-many-symptoms-both-legs.ron",
        ] {
            let r = response(&c.selfcheck, words, &answers(&c, name), AUTHORED, lang);
            assert_eq!(
                check_response(&r, &q),
                Vec::<String>::new(),
                "{lang} {name}"
            );
            let text = r.to_string();
            assert!(
                !text.contains("\"subject\"") && !text.contains("\"identifier\""),
                "no identifiers"
            );
        }
    }
}

#[test]
fn the_response_matches_the_reviewed_golden_file() {
    let c = Content::built_in().unwrap();
    let r = response(
        &c.selfcheck,
        &c.default_language().selfcheck,
        &answers(&c, "answers-many-symptoms-both-legs.ron"),
        AUTHORED,
        "en",
    );
    let golden_path = fixtures().join("fhir-many-symptoms-both-legs.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(
            &golden_path,
            serde_json::to_string_pretty(&r).unwrap() + "\n",
        )
        .unwrap();
    }
    let golden: Value =
        serde_json::from_str(&std::fs::read_to_string(&golden_path).unwrap()).unwrap();
    assert_eq!(
        r, golden,
        "regenerate with UPDATE_GOLDEN=1 and review the diff"
    );
}

#[test]
fn the_checker_catches_what_r4_forbids() {
    let c = Content::built_in().unwrap();
    let words = &c.default_language().selfcheck;
    let q = questionnaire(&c.selfcheck, words, "en");
    let good = response(
        &c.selfcheck,
        words,
        &answers(&c, "answers-many-symptoms-both-legs.ron"),
        AUTHORED,
        "en",
    );
    // The checker passes the good response, so each complaint below is about its one edit.
    assert_eq!(check_response(&good, &q), Vec::<String>::new());
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut r = good.clone();
        edit(&mut r);
        check_response(&r, &q)
    };
    assert!(
        !broken(&|r| r["status"] = json!("done")).is_empty(),
        "status code"
    );
    assert!(
        !broken(&|r| {
            r.as_object_mut().unwrap().remove("status");
        })
        .is_empty(),
        "status required"
    );
    assert!(
        !broken(&|r| r["authored"] = json!("yesterday")).is_empty(),
        "dateTime"
    );
    assert!(
        !broken(&|r| r["subject"] = json!({ "reference": "Patient/1" })).is_empty(),
        "no identifiers"
    );
    assert!(
        !broken(&|r| r["questionnaire"] = json!("urn:other")).is_empty(),
        "canonical"
    );
    assert!(
        !broken(&|r| r["item"][0]["answer"][0]["valueCoding"]["code"] = json!("maybe")).is_empty(),
        "answer not an option"
    );
    assert!(
        !broken(&|r| r["item"][0]["linkId"] = json!("unknown")).is_empty(),
        "unknown linkId"
    );
    let two = |r: &mut Value| {
        let a = r["item"][0]["answer"][0].clone();
        r["item"][0]["answer"].as_array_mut().unwrap().push(a);
    };
    assert!(
        !broken(&two).is_empty(),
        "several answers to a non-repeating item"
    );
}

#[test]
fn decode_writes_the_fhir_file() {
    let c = Content::built_in().unwrap();
    let code =
        vein_kiosk::selfcheck::code::encode(&c.selfcheck, &answers(&c, "answers-red-flags.ron"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("response.json");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
        .args(["decode", &code, "--fhir"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let q = questionnaire(&c.selfcheck, &c.default_language().selfcheck, "en");
    assert_eq!(check_response(&r, &q), Vec::<String>::new());
    assert_eq!(r["item"][0]["linkId"], "rf-breathing");
    assert_eq!(r["item"][0]["answer"][0]["valueCoding"]["code"], "yes");
    // The whole file: the response for the code's answers, in the clinic's language, stamped
    // with the time it was written (the one thing the code does not hold).
    let authored = r["authored"].as_str().expect("authored");
    assert!(
        authored.len() == 20 && authored.ends_with('Z') && authored.as_bytes()[10] == b'T',
        "a UTC dateTime: {authored}"
    );
    assert_eq!(
        r,
        response(
            &c.selfcheck,
            &c.default_language().selfcheck,
            &answers(&c, "answers-red-flags.ron"),
            authored,
            &c.default_language().code,
        )
    );
    let printed = std::process::Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
        .arg("fhir-questionnaire")
        .output()
        .unwrap();
    let printed: Value = serde_json::from_slice(&printed.stdout).unwrap();
    assert_eq!(
        printed, q,
        "fhir-questionnaire prints the same Questionnaire"
    );
}

#[test]
fn an_unknown_language_is_refused_not_replaced() {
    for args in [
        vec!["fhir-questionnaire", "--lang", "xx"],
        vec!["decode", "VK1-AAAA", "--lang", "xx"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr)
                .contains("no language \"xx\"; the content has: en, es"),
            "{args:?}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
