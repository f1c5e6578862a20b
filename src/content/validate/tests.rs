//! The checks run on the built-in content with one thing changed in memory: each rule at its
//! edge (the most a value may be passes, one more is refused) and the words it says, beside the
//! rules, so that a rule that breaks fails here in seconds. The app's `validation` tests check
//! the same problems in files, with their lines.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::super::FileProblems;
use super::super::model::{
    Block, FhirAuth, FhirServer, Flow, Language, QuizText, ScreenKind, Settings, ThemeTokens,
};
use super::super::{Content, Problem};
use crate::selfcheck::{Condition, OptionDef, QuestionKind, SelfCheckDef};

/// Loaded once for every test here (each load checks all of it).
fn built_in() -> &'static Content {
    static CONTENT: std::sync::OnceLock<Content> = std::sync::OnceLock::new();
    CONTENT.get_or_init(|| Content::built_in().expect("the built-in content loads"))
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
        &language_files(content),
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

/// A FHIR server setting the kiosk can use, with every optional part given.
fn fhir_server() -> FhirServer {
    FhirServer {
        base_url: "https://fhir.example.org/r4".into(),
        auth: FhirAuth::SmartBackend {
            client_id: "lobby".into(),
            token_url: "https://auth.example.org/token".into(),
            private_key_file: "/etc/vein-kiosk/smart.pem".into(),
            scope: "system/QuestionnaireResponse.write system/Device.write".into(),
            key_id: Some("k1".into()),
        },
        outbox: "/var/lib/vein-kiosk/outbox".into(),
        ca_file: Some("/etc/vein-kiosk/clinic-ca.pem".into()),
        status_minutes: 5,
        identifier_system: Some("urn:example:answers".into()),
    }
}

/// The problems found with `fhir_server()` changed by `edit`, for the kiosk "lobby-1".
fn fhir_problems(edit: impl FnOnce(&mut FhirServer)) -> Vec<Problem> {
    let mut server = fhir_server();
    edit(&mut server);
    settings_problems(move |s| {
        s.kiosk_id = "lobby-1".into();
        s.fhir_server = Some(server);
    })
}

#[test]
fn a_fhir_server_with_every_part_given_passes_and_each_part_is_checked() {
    assert_eq!(fhir_problems(|_| {}), vec![]);
    assert_one(
        &fhir_problems(|f| f.ca_file = Some("clinic-ca.pem".into())),
        "fhir_server.ca_file",
        "must be an absolute file",
    );
    assert_eq!(fhir_problems(|f| f.ca_file = None), vec![]);
    assert_one(
        &fhir_problems(|f| f.outbox = "outbox".into()),
        "fhir_server.outbox",
        "must be an absolute folder",
    );
    for (minutes, fine) in [(0, false), (1, true), (1440, true), (1441, false)] {
        let problems = fhir_problems(|f| f.status_minutes = minutes);
        if fine {
            assert_eq!(problems, vec![], "{minutes}");
        } else {
            assert_one(
                &problems,
                "fhir_server.status_minutes",
                &format!("it is {minutes}"),
            );
        }
    }
    for base in [
        "http://fhir.example.org/r4",
        "https://x/r4?x=1",
        "https://x/r4#a",
        "https://x/ r4",
    ] {
        assert_one(
            &fhir_problems(|f| f.base_url = base.into()),
            "fhir_server.base_url",
            "must start with https://",
        );
    }
    assert_eq!(
        fhir_problems(|f| f.base_url = "http://localhost:8103/fhir/R4".into()),
        vec![]
    );
}

#[test]
fn an_identifier_system_is_a_uri_with_nothing_a_search_token_would_split() {
    for good in [
        "urn:example:answers",
        "https://clinic.example/ids",
        "http://clinic.example/ids",
    ] {
        assert_eq!(
            fhir_problems(|f| f.identifier_system = Some(good.into())),
            vec![],
            "{good}"
        );
    }
    for bad in [
        "clinic-answers",
        "ftp://clinic.example/ids",
        "urn:a|b",
        "urn:a b",
        "https://clinic.example/ids?x",
        "https://clinic.example/ids#x",
    ] {
        assert_one(
            &fhir_problems(|f| f.identifier_system = Some(bad.into())),
            "fhir_server.identifier_system",
            "must be a URI",
        );
    }
}

#[test]
fn a_kiosk_id_names_a_device_and_is_needed_with_a_server() {
    let with_id = |id: &str| {
        let id = id.to_owned();
        settings_problems(move |s| s.kiosk_id = id)
    };
    assert_eq!(with_id("lobby-1"), vec![]);
    assert_eq!(with_id(&"a".repeat(64)), vec![]);
    assert_one(
        &with_id(&"a".repeat(65)),
        "kiosk_id",
        "must be 1 to 64 letters",
    );
    assert_one(
        &settings_problems(|s| s.fhir_server = Some(fhir_server())),
        "kiosk_id",
        "is needed with fhir_server",
    );
}

#[test]
fn smart_backend_credentials_the_kiosk_can_use() {
    let smart =
        |edit: fn(&mut String, &mut String, &mut String, &mut String, &mut Option<String>)| {
            fhir_problems(move |f| {
                if let FhirAuth::SmartBackend {
                    client_id,
                    token_url,
                    private_key_file,
                    scope,
                    key_id,
                } = &mut f.auth
                {
                    edit(client_id, token_url, private_key_file, scope, key_id);
                }
            })
        };
    assert_one(
        &smart(|c, _, _, _, _| *c = " ".into()),
        "fhir_server.auth.client_id",
        "is empty",
    );
    assert_one(
        &smart(|_, t, _, _, _| *t = "http://auth.example.org/token".into()),
        "fhir_server.auth.token_url",
        "must start with https://",
    );
    assert_one(
        &smart(|_, _, k, _, _| *k = "smart.pem".into()),
        "fhir_server.auth.private_key_file",
        "must be an absolute file",
    );
    assert_one(
        &smart(|_, _, _, s, _| *s = "user/QuestionnaireResponse.write".into()),
        "fhir_server.auth.scope",
        "must ask for system/ scopes",
    );
    assert_one(
        &smart(|_, _, _, _, id| *id = Some(String::new())),
        "fhir_server.auth.key_id",
        "is empty",
    );
    assert_eq!(smart(|_, _, _, _, id| *id = None), vec![]);
    let bearer = |file: &str| {
        let file = file.to_owned();
        fhir_problems(move |f| f.auth = FhirAuth::Bearer { token_file: file })
    };
    assert_eq!(bearer("/etc/vein-kiosk/fhir-token"), vec![]);
    assert_one(
        &bearer("fhir-token"),
        "fhir_server.auth.token_file",
        "must be an absolute file",
    );
}

/// What `check` finds in `file` of the built-in content, with its flow and English changed by
/// `edit` first.
fn checked(
    file: &str,
    edit: impl FnOnce(&mut Flow, &mut Language),
    check: impl FnOnce(&Flow, &Language, &mut FileProblems<'_>),
) -> Vec<Problem> {
    let content = built_in();
    let mut flow = content.flow.clone();
    let mut english = content.languages[0].clone();
    edit(&mut flow, &mut english);
    let text = content.source.read(file).unwrap();
    let mut problems = Vec::new();
    let mut p = FileProblems::new(file.into(), &text, &mut problems);
    check(&flow, &english, &mut p);
    problems
}

/// The problems the flow check finds in the built-in flow after `edit`.
fn flow_problems(edit: impl FnOnce(&mut Flow)) -> Vec<Problem> {
    checked(
        "flow.ron",
        |f, _| edit(f),
        |f, _, p| {
            super::flow::check_flow(f, &built_in().source, p);
        },
    )
}

#[test]
fn at_most_40_screens() {
    let screens = |n: usize| {
        move |flow: &mut Flow| {
            // More of the second screen's kind, beside it (a section's screens come together).
            let extra = flow.screens[1].clone();
            for i in flow.screens.len()..n {
                let mut screen = extra.clone();
                screen.id = format!("extra-{i}");
                flow.screens.insert(2, screen);
            }
        }
    };
    assert_eq!(flow_problems(screens(40)), vec![]);
    assert_one(
        &flow_problems(screens(41)),
        "screens",
        "has 41 screens; the most the kiosk takes is 40",
    );
}

#[test]
fn the_leaflet_takes_info_screens_and_every_section_has_screens() {
    let welcome = built_in().flow.screens[0].id.clone();
    let problems = flow_problems(move |f| f.leaflet[0].screen = welcome);
    assert_one(
        &problems,
        "leaflet[0].screen",
        "is a Welcome screen; the leaflet takes only Info screens",
    );
    let problems = flow_problems(|f| f.leaflet[0].screen = "nowhere".into());
    assert_one(
        &problems,
        "leaflet[0].screen",
        "no screen has the id \"nowhere\"",
    );
    let problems = flow_problems(|f| f.sections.push("extra".into()));
    assert_one(&problems, "sections", "section \"extra\" has no screens");
}

/// The problems the self-check definition's check finds after `edit`.
fn selfcheck_problems(edit: impl FnOnce(&mut SelfCheckDef)) -> Vec<Problem> {
    let content = built_in();
    let mut def = content.selfcheck.clone();
    edit(&mut def);
    let text = content.source.read("selfcheck.ron").unwrap();
    let mut problems = Vec::new();
    let mut p = FileProblems::new("selfcheck.ron".into(), &text, &mut problems);
    super::selfcheck::definition(&def, &content.source, &mut p);
    problems
}

/// The index of the question `id` in the built-in self-check.
fn question(def: &SelfCheckDef, id: &str) -> usize {
    def.questions.iter().position(|q| q.id == id).unwrap()
}

/// The built-in self-check with question `id`'s condition set to `condition`.
fn asked_if(id: &'static str, condition: Condition) -> Vec<Problem> {
    selfcheck_problems(move |d| {
        let i = question(d, id);
        d.questions[i].ask_if = Some(condition);
    })
}

fn yes(id: &str) -> Condition {
    Condition::Yes(id.into())
}

#[test]
fn red_flags_come_first_and_are_yes_or_no() {
    assert_eq!(selfcheck_problems(|_| {}), vec![]);
    // A plain question moved above the last red flag.
    let problems = selfcheck_problems(|d| {
        let ache = d.questions.remove(question(d, "ache"));
        d.questions.insert(1, ache);
    });
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields.len(), 6, "{problems:#?}");
    assert!(
        fields.iter().all(|f| f.ends_with(".red_flag")),
        "{problems:#?}"
    );
    assert!(problems[0].message.contains("must come before all others"));
    let problems = selfcheck_problems(|d| d.questions[0].kind = QuestionKind::Legs);
    assert_one(
        &problems,
        "questions[0].kind",
        "a red-flag question must be YesNo",
    );
    // A red flag's group is not looked at (red flags go on top); a plain question's is.
    assert_eq!(
        selfcheck_problems(|d| d.questions[0].group = "none".into()),
        vec![]
    );
    let problems = selfcheck_problems(|d| {
        let i = question(d, "ache");
        d.questions[i].group = "none".into();
    });
    assert_one(
        &problems,
        "questions[7].group",
        "\"none\" is not in the groups list",
    );
}

#[test]
fn at_most_60_questions_and_24_answers_each_once() {
    let questions = |n: usize| {
        move |d: &mut SelfCheckDef| {
            let last = d.questions.last().unwrap().clone();
            for i in d.questions.len()..n {
                let mut q = last.clone();
                q.id = format!("extra-{i}");
                q.ask_if = None;
                d.questions.push(q);
            }
        }
    };
    assert_eq!(selfcheck_problems(questions(60)), vec![]);
    assert_one(
        &selfcheck_problems(questions(61)),
        "questions",
        "has 61 questions; the most the self-check takes is 60",
    );
    let options = |n: usize| {
        move |d: &mut SelfCheckDef| {
            let i = question(d, "risks");
            let options = (0..n)
                .map(|k| OptionDef {
                    id: format!("o{k}"),
                    picture: None,
                })
                .collect();
            d.questions[i].kind = QuestionKind::Many(options);
        }
    };
    let risks = question(&built_in().selfcheck, "risks");
    assert_eq!(selfcheck_problems(options(24)), vec![]);
    assert_one(
        &selfcheck_problems(options(25)),
        &format!("questions[{risks}].kind"),
        "offers 25 answers; the most a question may offer is 24",
    );
    let problems = selfcheck_problems(|d| {
        let i = question(d, "risks");
        if let QuestionKind::Many(options) = &mut d.questions[i].kind {
            options[1].id = options[0].id.clone();
        }
    });
    assert_one(
        &problems,
        &format!("questions[{risks}].kind"),
        "is listed twice",
    );
}

#[test]
fn a_condition_names_an_earlier_question_of_the_right_kind_and_a_real_answer() {
    let field = format!(
        "questions[{}].ask_if",
        question(&built_in().selfcheck, "sore-care")
    );
    for (condition, says) in [
        (yes("nothing"), "names unknown question \"nothing\""),
        (yes("sore-care"), "which is not asked before this one"),
        (yes("stockings-help"), "which is not asked before this one"),
        (yes("ache"), "Yes(\"ache\") needs a YesNo question"),
        (
            Condition::AnyLeg("better-raised".into()),
            "AnyLeg(\"better-raised\") needs a Legs question",
        ),
        (
            Condition::Chose("signs".into(), "warts".into()),
            "names unknown answer \"warts\" of question \"signs\"",
        ),
        (
            Condition::Any(vec![yes("better-raised"), yes("ache")]),
            "needs a YesNo question",
        ),
    ] {
        assert_one(&asked_if("sore-care", condition), &field, says);
    }
    for fine in [
        yes("better-raised"),
        Condition::AnyLeg("ache".into()),
        Condition::Chose("signs".into(), "eczema".into()),
        Condition::Any(vec![yes("better-raised"), Condition::AnyLeg("ache".into())]),
    ] {
        assert_eq!(asked_if("sore-care", fine.clone()), vec![], "{fine:?}");
    }
}

#[test]
fn a_question_whose_condition_can_never_hold_is_named() {
    // "sore-care" asked only after "stockings-help" (a later question: reported as such), and
    // "stockings-help" only after a "sore-care" answer, so it can never be asked.
    let problems = selfcheck_problems(|d| {
        let sore = question(d, "sore-care");
        let stockings = question(d, "stockings-help");
        d.questions[stockings].ask_if = Some(Condition::Chose("sore-care".into(), "nurse".into()));
        d.questions[sore].ask_if = Some(yes("stockings-help"));
    });
    let fields: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.field.as_str(), p.message.as_str()))
        .collect();
    let sore = question(&built_in().selfcheck, "sore-care");
    let stockings = question(&built_in().selfcheck, "stockings-help");
    assert_eq!(fields.len(), 2, "{problems:#?}");
    assert_eq!(fields[0].0, format!("questions[{sore}].ask_if"));
    assert!(fields[0].1.contains("not asked before this one"));
    assert_eq!(fields[1].0, format!("questions[{stockings}].ask_if"));
    assert_eq!(
        fields[1].1,
        "this question can never be asked: its condition can never hold"
    );
    // Any of several: it can hold when one of them can, though the other never can.
    let problems = selfcheck_problems(|d| {
        let sore = question(d, "sore-care");
        let stockings = question(d, "stockings-help");
        d.questions[sore].ask_if = Some(yes("stockings-help"));
        d.questions[stockings].ask_if = Some(Condition::Any(vec![
            Condition::Chose("sore-care".into(), "nurse".into()),
            Condition::Chose("care".into(), "stockings".into()),
        ]));
    });
    assert_one(
        &problems,
        &format!("questions[{sore}].ask_if"),
        "not asked before this one",
    );
}

#[test]
fn a_sections_screens_come_together_in_the_sections_order() {
    let last = built_in().flow.screens.len() - 1;
    let problems = flow_problems(|f| {
        let screen = f.screens.remove(last);
        f.screens.insert(1, screen);
    });
    assert!(!problems.is_empty());
    assert!(
        problems.iter().all(|p| p.field.ends_with(".section")
            && p.message
                == "screens of a section must come together, in the order of the sections list"),
        "{problems:#?}"
    );
    let problems = flow_problems(|f| f.screens[1].section = "elsewhere".into());
    assert_one(
        &problems,
        "screens[1].section",
        "\"elsewhere\" is not in the sections list",
    );
}

#[test]
fn at_most_24_cards_and_12_gallery_pictures_on_a_screen() {
    let cards = |n: usize| {
        move |f: &mut Flow| f.screens[1].cards = (0..n).map(|i| format!("c{i}")).collect()
    };
    assert_eq!(flow_problems(cards(24)), vec![]);
    assert_one(
        &flow_problems(cards(25)),
        "screens[1].cards",
        "has 25 items; the most one screen may have is 24",
    );
    let gallery = |n: usize| {
        move |f: &mut Flow| {
            let picture = f.screens[1].illustration.clone();
            f.screens[1].gallery = vec![picture; n];
        }
    };
    assert_eq!(flow_problems(gallery(12)), vec![]);
    assert_one(
        &flow_problems(gallery(13)),
        "screens[1].gallery",
        "has 13 items; the most one screen may have is 12",
    );
}

/// The problems the language check finds in the built-in English after `edit`.
fn language_problems(edit: impl FnOnce(&mut Flow, &mut Language)) -> Vec<Problem> {
    checked("lang/en.ron", edit, |f, l, p| {
        super::language::check_language("lang/en.ron", l, f, p);
    })
}

#[test]
fn a_language_has_words_for_everything_the_flow_shows_and_nothing_else() {
    assert_eq!(language_problems(|_, _| {}), vec![]);
    let problems = language_problems(|_, l| l.code = "fr".into());
    assert_one(
        &problems,
        "code",
        "\"fr\" does not match the file name en.ron",
    );
    let problems = language_problems(|f, _| f.sections.push("extra".into()));
    assert_one(&problems, "sections.\"extra\"", "missing section label");
    let problems = language_problems(|f, _| f.sections.pop().map(drop).unwrap());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].message, "no section has this id in flow.ron");
    let problems = language_problems(|f, _| {
        let mut screen = f.screens[1].clone();
        screen.id = "extra".into();
        f.screens.insert(2, screen);
    });
    assert_one(
        &problems,
        "screens.\"extra\"",
        "missing text for this screen",
    );
    let problems = language_problems(|f, _| f.screens[1].id = "renamed".into());
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert!(fields.contains(&"screens.\"renamed\""), "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.message == "no screen has this id in flow.ron")
    );
}

#[test]
fn a_screens_gallery_cards_and_bullet_pictures_match_its_words() {
    let with_pictures = built_in()
        .flow
        .screens
        .iter()
        .position(|s| !s.bullet_pictures.is_empty())
        .expect("a screen with bullet pictures");
    let id = built_in().flow.screens[with_pictures].id.clone();
    let problems = language_problems(|f, _| {
        let pictures = f.screens[with_pictures]
            .bullet_pictures
            .values_mut()
            .next()
            .unwrap();
        pictures.push(None);
    });
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0]
            .field
            .starts_with(&format!("screens.\"{id}\".body["))
    );
    assert!(problems[0].message.starts_with("flow.ron gives "));
    let problems = language_problems(|f, _| {
        let picture = f.screens[1].illustration.clone();
        f.screens[1].gallery.push(picture);
    });
    let screen = built_in().flow.screens[1].id.clone();
    assert_one(
        &problems,
        &format!("screens.\"{screen}\".gallery_alt"),
        "the screen's gallery has",
    );
    let problems = language_problems(|f, _| f.screens[1].cards.push("extra".into()));
    assert_one(
        &problems,
        &format!("screens.\"{screen}\".cards.\"extra\""),
        "missing text for this card",
    );
    let with_cards = built_in()
        .flow
        .screens
        .iter()
        .position(|s| !s.cards.is_empty())
        .unwrap();
    let cards_screen = built_in().flow.screens[with_cards].id.clone();
    let problems = language_problems(|f, _| {
        f.screens[with_cards].cards.pop();
        f.screens[with_cards].card_pictures.clear();
    });
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0]
            .field
            .starts_with(&format!("screens.\"{cards_screen}\".cards."))
    );
    assert_eq!(
        problems[0].message,
        "flow.ron lists no such card for this screen"
    );
}

/// The problems found comparing the built-in Spanish, after `edit`, with the English.
fn same_shape_problems(edit: impl FnOnce(&mut Language)) -> Vec<Problem> {
    let content = built_in();
    let mut files = language_files(content);
    let spanish = files.iter_mut().find(|(_, l)| l.code == "es").unwrap();
    edit(&mut spanish.1);
    let mut problems = Vec::new();
    super::language::check_same_shape(&content.source, &files, "en", &mut problems);
    problems
}

#[test]
fn a_table_has_the_same_head_rows_and_cells_in_every_language() {
    assert_eq!(same_shape_problems(|_| {}), vec![]);
    let (id, block) = built_in().languages[0]
        .screens
        .iter()
        .find_map(|(id, s)| {
            let i = s
                .body
                .iter()
                .position(|b| matches!(b, Block::Table { .. }))?;
            Some((id.clone(), i))
        })
        .expect("a screen with a table");
    let field = format!("screens.\"{id}\".body[{block}]");
    type Change = fn(&mut Vec<String>, &mut Vec<Vec<String>>);
    let changes: [Change; 3] = [
        |head, _| head.push("más".into()),
        |_, rows| rows.push(rows[0].clone()),
        |_, rows| {
            rows[0].pop();
        },
    ];
    for change in changes {
        let id = id.clone();
        let problems = same_shape_problems(move |es| {
            if let Some(Block::Table { head, rows }) =
                es.screens.get_mut(&id).unwrap().body.get_mut(block)
            {
                change(head, rows);
            }
        });
        assert_one(
            &problems,
            &field,
            &format!("does not match block {block} of en"),
        );
    }
}

/// The problems the strings check finds in the built-in English after `edit`.
fn strings_problems(edit: impl FnOnce(&mut Language)) -> Vec<Problem> {
    checked(
        "lang/en.ron",
        |_, l| edit(l),
        |_, l, p| super::strings::check_strings(l, p),
    )
}

#[test]
fn a_line_of_the_screen_up_to_400_characters_a_paragraph_up_to_1500() {
    let title = |n: usize| move |l: &mut Language| l.ui.attract_title = "é".repeat(n);
    assert_eq!(strings_problems(title(400)), vec![]);
    assert_one(
        &strings_problems(title(401)),
        "ui.attract_title",
        "is 401 characters long; the most this text may be is 400",
    );
    let (id, block) = built_in().languages[0]
        .screens
        .iter()
        .find_map(|(id, s)| {
            let i = s.body.iter().position(|b| matches!(b, Block::Text(_)))?;
            Some((id.clone(), i))
        })
        .unwrap();
    let body = |n: usize| {
        let id = id.clone();
        move |l: &mut Language| {
            l.screens.get_mut(&id).unwrap().body[block] = Block::Text("é".repeat(n));
        }
    };
    assert_eq!(strings_problems(body(1500)), vec![]);
    assert_one(
        &strings_problems(body(1501)),
        &format!("screens.\"{id}\".body[{block}]"),
        "the most this text may be is 1500",
    );
}

#[test]
fn self_check_words_only_for_questions_it_has() {
    let problems = checked(
        "lang/en.ron",
        |_, l| {
            let words = l.selfcheck.questions.values().next().unwrap().clone();
            l.selfcheck.questions.insert("gone".into(), words);
        },
        |_, l, p| super::selfcheck::language(&built_in().selfcheck, &l.selfcheck, p),
    );
    assert_one(
        &problems,
        "selfcheck.questions.\"gone\"",
        "no question has this id in selfcheck.ron",
    );
}

/// The problems the teaching check finds in the built-in English after `edit`.
fn teaching_problems(edit: impl FnOnce(&mut Flow, &mut Language)) -> Vec<Problem> {
    checked("lang/en.ron", edit, |f, l, p| {
        super::teaching::check_teaching(l, f, p)
    })
}

/// The id of the built-in flow's first screen of `kind`.
fn screen_of(kind: ScreenKind) -> String {
    built_in()
        .flow
        .screens
        .iter()
        .find(|s| s.kind == kind)
        .unwrap()
        .id
        .clone()
}

#[test]
fn a_slide_takes_more_than_0_and_at_most_5_minutes_and_the_talk_15() {
    let id = screen_of(ScreenKind::Info);
    let minutes = |m: f32| {
        let id = id.clone();
        teaching_problems(move |_, l| l.screens.get_mut(&id).unwrap().notes.minutes = m)
    };
    let field = format!("screens.\"{id}\".notes.minutes");
    for bad in [0.0, -1.0, 5.01, f32::NAN, f32::INFINITY] {
        assert_one(
            &minutes(bad),
            &field,
            "a slide takes more than 0 and at most 5 minutes",
        );
    }
    for fine in [0.01, 5.0] {
        assert!(minutes(fine).iter().all(|p| p.field != field), "{fine}");
    }
    // The whole talk: every slide's minutes scaled so they add up to 15, then a little more.
    let scaled = |total: f32| {
        move |_: &mut Flow, l: &mut Language| {
            let sum: f32 = l.screens.values().map(|s| s.notes.minutes).sum();
            for s in l.screens.values_mut() {
                s.notes.minutes *= total / sum;
            }
        }
    };
    assert_eq!(teaching_problems(scaled(15.0)), vec![]);
    assert_one(
        &teaching_problems(scaled(15.1)),
        "screens.*.notes.minutes",
        "the talk must fit 15",
    );
    let problems = teaching_problems(|_, l| l.screens.get_mut(&id).unwrap().notes.must_say.clear());
    assert_one(
        &problems,
        &format!("screens.\"{id}\".notes.must_say"),
        "name at least one line",
    );
}

#[test]
fn a_quiz_asks_1_to_6_questions_of_2_to_5_answers_and_only_on_a_quiz_screen() {
    let quiz = screen_of(ScreenKind::Quiz);
    let with = |change: &dyn Fn(&mut Vec<QuizText>)| {
        let quiz = quiz.clone();
        teaching_problems(move |_, l| change(&mut l.screens.get_mut(&quiz).unwrap().quiz))
    };
    let field = format!("screens.\"{quiz}\".quiz");
    assert_one(
        &with(&|q| q.truncate(0)),
        &field,
        "has 0 questions; a Quiz screen asks 1 to 6",
    );
    assert_eq!(with(&|q| q.truncate(1)), vec![]);
    assert_eq!(with(&|q| q.resize(6, q[0].clone())), vec![]);
    assert_one(
        &with(&|q| q.resize(7, q[0].clone())),
        &field,
        "has 7 questions",
    );
    let answers = format!("{field}[0].answers");
    let q0 = |n: usize| {
        move |q: &mut Vec<QuizText>| {
            q[0].answers.resize(n, "another".into());
            q[0].right = 0;
        }
    };
    assert_one(
        &with(&q0(1)),
        &answers,
        "offers 1 answers; a question offers 2 to 5",
    );
    assert_eq!(with(&q0(2)), vec![]);
    assert_eq!(with(&q0(5)), vec![]);
    assert_one(&with(&q0(6)), &answers, "offers 6 answers");
    let right = |q: &mut Vec<QuizText>| q[0].right = q[0].answers.len();
    assert_one(
        &with(&right),
        &format!("{field}[0].right"),
        "the answers are numbered from 0 to",
    );
    let info = screen_of(ScreenKind::Info);
    let asked = teaching_problems(move |_, l| {
        let question = l.screens[&quiz].quiz[0].clone();
        l.screens.get_mut(&info).unwrap().quiz.push(question);
    });
    assert_eq!(asked.len(), 1, "{asked:#?}");
    assert_eq!(
        asked[0].message,
        "only a screen of kind Quiz (in flow.ron) asks questions"
    );
}

#[test]
fn the_leaflet_has_seven_days_and_takes_only_blocks_and_screens_that_exist() {
    assert_one(
        &teaching_problems(|_, l| {
            l.leaflet.days.pop();
        }),
        "leaflet.days",
        "names 6 days; a week has 7",
    );
    let part = built_in().flow.leaflet[0].screen.clone();
    let blocks = built_in().languages[0].screens[&part].body.len();
    assert_eq!(
        teaching_problems(|f, _| f.leaflet[0].blocks = vec![blocks - 1]),
        vec![]
    );
    assert_one(
        &teaching_problems(|f, _| f.leaflet[0].blocks = vec![blocks]),
        "flow leaflet[0].blocks",
        &format!("the leaflet takes block {blocks} of \"{part}\", which has {blocks} blocks"),
    );
    let welcome = screen_of(ScreenKind::Welcome);
    let heading = teaching_problems(move |_, l| {
        l.leaflet.headings.insert(welcome, "x".into());
    });
    assert_eq!(heading.len(), 1, "{heading:#?}");
    assert_eq!(
        heading[0].message,
        "no part of the leaflet (flow.ron) takes this screen"
    );
}

/// The problems the teaching check finds with the first Info screen's first block `block`.
fn block_problems(block: Block) -> (String, Vec<Problem>) {
    let id = screen_of(ScreenKind::Info);
    let problems = {
        let id = id.clone();
        teaching_problems(move |_, l| l.screens.get_mut(&id).unwrap().body[0] = block)
    };
    (format!("screens.\"{id}\".body[0]"), problems)
}

#[test]
fn a_table_has_a_head_of_two_or_more_a_row_and_a_cell_for_each_heading() {
    let words = |n: usize| (0..n).map(|i| format!("w{i}")).collect::<Vec<_>>();
    let table = |head: usize, rows: &[usize]| Block::Table {
        head: words(head),
        rows: rows.iter().map(|n| words(*n)).collect(),
    };
    assert_eq!(block_problems(table(2, &[2])).1, vec![]);
    let (field, problems) = block_problems(table(1, &[1]));
    assert_one(
        &problems,
        &format!("{field}.head"),
        "needs the row labels' heading and at least one column",
    );
    let (field, problems) = block_problems(table(3, &[]));
    assert_one(
        &problems,
        &format!("{field}.rows"),
        "needs at least one row",
    );
    let (field, problems) = block_problems(table(3, &[3, 2]));
    assert_one(
        &problems,
        &format!("{field}.rows[1]"),
        "has 2 cells; the head names 3",
    );
}

#[test]
fn a_chance_is_1_to_100_in_100_and_its_words_give_both_numbers() {
    let chance = |count: u32, text: &str| crate::content::Chance {
        count,
        text: text.into(),
    };
    let fine = |n: usize| Block::Chances(vec![chance(15, "About 15 in 100 people"); n]);
    assert_eq!(block_problems(fine(1)).1, vec![]);
    assert_eq!(block_problems(fine(8)).1, vec![]);
    for n in [0, 9] {
        let (field, problems) = block_problems(fine(n));
        assert_one(
            &problems,
            &field,
            &format!("has {n} pictures; a Chances block shows 1 to 8"),
        );
    }
    for (count, text) in [(1, "1 in 100"), (100, "100 in 100")] {
        assert_eq!(
            block_problems(Block::Chances(vec![chance(count, text)])).1,
            vec![]
        );
    }
    for count in [0, 101] {
        let (field, problems) = block_problems(Block::Chances(vec![chance(count, "0 in 100")]));
        assert_one(&problems, &format!("{field}[0].count"), "count is 1 to 100");
    }
    for words in [
        "About 150 in 100",
        "About 1.5 in 100",
        "About 15 in 1000",
        "About 15 people",
        "15 in 100.5",
    ] {
        let (field, problems) = block_problems(Block::Chances(vec![chance(15, words)]));
        assert_one(
            &problems,
            &format!("{field}[0].text"),
            "must say the picture's number, 15 in 100",
        );
    }
    for words in ["15 in 100.", "(15, in 100,)", "15/100"] {
        assert_eq!(
            block_problems(Block::Chances(vec![chance(15, words)])).1,
            vec![],
            "{words}"
        );
    }
}

/// The problems the theme check finds in the built-in theme after `edit`.
fn theme_problems(edit: impl FnOnce(&mut ThemeTokens)) -> Vec<Problem> {
    let content = built_in();
    let mut theme = content.theme.clone();
    edit(&mut theme);
    let text = content.source.read("theme.ron").unwrap();
    let mut problems = Vec::new();
    let mut p = FileProblems::new("theme.ron".into(), &text, &mut problems);
    super::theme::check_theme(&theme, &mut p);
    problems
}

#[test]
fn text_and_graphics_are_measured_against_what_they_sit_on_in_both_colour_sets() {
    assert_eq!(theme_problems(|_| {}), vec![]);
    let has = |problems: &[Problem], field: &str, message: &str| {
        assert!(
            problems
                .iter()
                .any(|p| p.field == field && p.message == message),
            "{field}: {message}\n{problems:#?}"
        );
    };
    // Text the colour of the page: 1:1, where text needs 4.5:1, and 7:1 in high contrast.
    let problems = theme_problems(|t| t.muted_text = t.background.clone());
    has(
        &problems,
        "muted_text",
        "contrast with background is 1.0:1; it must be at least 4.5:1",
    );
    let problems = theme_problems(|t| {
        t.high_contrast.muted_text = t.high_contrast.background.clone();
    });
    has(
        &problems,
        "high_contrast.muted_text",
        "contrast with background is 1.0:1; it must be at least 7:1",
    );
    // "At least": a pair at exactly the least passes. #E838EA on the scene's #EAF2F8 is 3:1 to
    // the last bit (found by trying every colour).
    let exactly =
        crate::content::Rgb(0xE8, 0x38, 0xEA).contrast(crate::content::Rgb(0xEA, 0xF2, 0xF8));
    assert_eq!(
        (built_in().theme.valve.scene.as_str(), exactly),
        ("#EAF2F8", 3.0)
    );
    assert_eq!(theme_problems(|t| t.valve.pool = "#E838EA".into()), vec![]);
    // A meaningful graphic needs 3:1 (in the valve, pooling blood against the scene).
    let problems = theme_problems(|t| t.valve.pool = t.valve.scene.clone());
    assert_one(
        &problems,
        "valve.pool",
        "contrast with valve.scene is 1.0:1; it must be at least 3:1",
    );
}

#[test]
fn every_colour_must_be_one_the_kiosk_can_draw() {
    let problems = theme_problems(|t| t.valve.up = "blue".into());
    assert_one(
        &problems,
        "valve.up",
        "\"blue\" is not a colour like \"#1D5A8C\"",
    );
    let problems = theme_problems(|t| t.high_contrast.picture_plate = Some("#12".into()));
    assert_one(
        &problems,
        "high_contrast.picture_plate",
        "\"#12\" is not a colour like \"#1D5A8C\"",
    );
}

#[test]
fn a_quiz_asks_the_same_with_the_same_right_answer_in_every_language() {
    let quiz_screen = "check-understanding";
    let field = format!("screens.\"{quiz_screen}\".quiz");
    let edit = |change: fn(&mut Vec<QuizText>)| {
        same_shape_problems(move |es| change(&mut es.screens.get_mut(quiz_screen).unwrap().quiz))
    };
    let asked = built_in().languages[0].screens[quiz_screen].quiz.len();
    let problems = edit(|quiz| {
        quiz.pop();
    });
    assert_one(
        &problems,
        &field,
        &format!(
            "asks {} questions; the default language asks {asked}",
            asked - 1
        ),
    );
    // Another answer right, or one answer more, in one language: each is named.
    let first = &built_in().languages[0].screens[quiz_screen].quiz[0];
    let (offered, right) = (first.answers.len(), first.right);
    let problems = edit(|quiz| quiz[0].right = (quiz[0].right + 1) % quiz[0].answers.len());
    assert_one(
        &problems,
        &field,
        &format!(
            "quiz[0] offers {offered} answers with answer {} right; the default language offers {offered} with answer {right} right",
            (right + 1) % offered
        ),
    );
    let problems = edit(|quiz| quiz[0].answers.push("Otra".into()));
    assert_one(
        &problems,
        &field,
        &format!(
            "quiz[0] offers {} answers with answer {right} right; the default language offers {offered} with answer {right} right",
            offered + 1
        ),
    );
}

/// The theme's numbers, by name, to change one in a test.
fn theme_number<'a>(t: &'a mut ThemeTokens, name: &str) -> &'a mut f32 {
    let all = [
        ("body_size", &mut t.body_size),
        ("heading_size", &mut t.heading_size),
        ("card_title_size", &mut t.card_title_size),
        ("small_size", &mut t.small_size),
        ("button_text_size", &mut t.button_text_size),
        ("touch_target", &mut t.touch_target),
        ("gap", &mut t.gap),
        ("margin", &mut t.margin),
        ("corner_radius", &mut t.corner_radius),
        ("max_text_width", &mut t.max_text_width),
    ];
    all.into_iter()
        .find_map(|(n, v)| (n == name).then_some(v))
        .expect("a theme number")
}

#[test]
fn each_theme_number_from_its_least_to_its_most() {
    use crate::content::limits::THEME_RANGES;
    for (name, least, most) in THEME_RANGES {
        for fine in [least, most] {
            assert_eq!(
                theme_problems(|t| *theme_number(t, name) = fine),
                vec![],
                "{name} {fine}"
            );
        }
        let below = least - 0.5;
        assert_one(
            &theme_problems(|t| *theme_number(t, name) = below),
            name,
            &format!("{below} is too small for a kiosk; it must be at least {least}"),
        );
        let above = most + 0.5;
        assert_one(
            &theme_problems(|t| *theme_number(t, name) = above),
            name,
            &format!("{above} is too large for a kiosk; it must be at most {most}"),
        );
        assert_one(
            &theme_problems(|t| *theme_number(t, name) = f32::NAN),
            name,
            &format!("NaN is not a number the kiosk can use; it must be from {least} to {most}"),
        );
    }
}
