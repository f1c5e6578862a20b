//! What issue 19 added for patients, driven as a person would: "Check your understanding" with
//! its kind feedback, the take-home leaflet (printed from Key points and made on the command
//! line, read back from the PDF), and the red-flag alerts' one way on.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{content, tap};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vein_kiosk::app::App;
use vein_kiosk::content::{Content, ScreenKind};
use vein_kiosk::selfcheck::{RedFlag, Step};

/// The app, in `lang`, on the screen with `id`, reached by tapping Next as a person does.
fn on_screen(content: Content, lang: &str, id: &str) -> Harness<'static, App> {
    let words = content.language(lang).clone();
    let target = content.screen_index(id).expect("screen");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(32)
        .build_eframe(move |_cc| App::new(content, &[]));
    h.run();
    tap(&mut h, &words.name);
    while h.state().session().route.screen_index() < target {
        let on_welcome = h.state().session().route.screen_index() == 0;
        tap(
            &mut h,
            if on_welcome {
                &words.ui.start
            } else {
                &words.ui.next
            },
        );
    }
    assert_eq!(h.state().session().route.screen_index(), target);
    h
}

fn quiz_screen(c: &Content) -> &str {
    &c.flow
        .screens
        .iter()
        .find(|s| s.kind == ScreenKind::Quiz)
        .expect("the content has a Check your understanding screen")
        .id
}

fn shown(h: &Harness<'_, App>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

#[test]
fn check_your_understanding_answers_kindly_at_once_and_keeps_nothing() {
    let c = content();
    let id = quiz_screen(&c).to_owned();
    for lang in ["en", "es"] {
        let words = c.language(lang).clone();
        let quiz = words.screens[&id].quiz.clone();
        assert!((3..=5).contains(&quiz.len()), "{lang}: 3 to 5 questions");
        let mut h = on_screen(c.clone(), lang, &id);
        for question in &quiz {
            assert!(
                shown(&h, &question.ask),
                "{lang}: {:?} is asked",
                question.ask
            );
            assert!(
                !shown(&h, &c.fill(&question.explain)),
                "no answer is given before a tap"
            );
        }
        // A wrong answer first: "not quite", the right answer named, and why.
        let first = &quiz[0];
        let wrong = (0..first.answers.len())
            .find(|i| *i != first.right)
            .unwrap();
        tap(&mut h, &first.answers[wrong]);
        let not_quite = words
            .ui
            .quiz_not_quite
            .replace("{answer}", &first.answers[first.right]);
        let not_quite = c.fill(&not_quite);
        assert!(shown(&h, &not_quite), "{lang}: {not_quite:?}");
        let explain = c.fill(&first.explain);
        assert!(shown(&h, &explain), "{lang}: the explanation shows");
        let chosen = h.get_by_role_and_label(Role::Button, &first.answers[wrong]);
        assert_eq!(
            egui_kittest::kittest::NodeT::accesskit_node(&chosen).toggled(),
            Some(egui::accesskit::Toggled::True),
            "{lang}: the answer tapped shows as chosen"
        );
        // Then the right one: "that is right".
        tap(&mut h, &first.answers[first.right]);
        assert!(shown(&h, &words.ui.quiz_right), "{lang}: right is said");
        assert!(
            !shown(&h, &not_quite),
            "{lang}: the earlier verdict is gone"
        );
        // Every question answers on its own.
        for question in &quiz[1..] {
            tap(&mut h, &question.answers[question.right]);
            let explain = c.fill(&question.explain);
            assert!(shown(&h, &explain), "{lang}: {explain:?}");
        }
        let route = &h.state().session().route;
        assert_eq!(route.guide().unwrap().quiz.len(), quiz.len());
        // Nothing is kept: leave the screen and come back, and no answer shows.
        tap(&mut h, &words.ui.back);
        tap(&mut h, &words.ui.next);
        assert!(h.state().session().route.guide().unwrap().quiz.is_empty());
        assert!(!shown(&h, &explain), "{lang}: gone once the screen is left");
        // Nor after Home.
        tap(&mut h, &first.answers[0]);
        tap(&mut h, &words.ui.home);
        assert_eq!(h.state().session().route.screen_index(), 0);
        assert!(h.state().session().route.guide().unwrap().quiz.is_empty());
    }
}

#[test]
fn every_quiz_answer_is_one_the_other_languages_agree_is_right() {
    // `check` holds the right answer to the same index in every language; this shows the rule
    // is met by what ships, for each question.
    let c = content();
    let id = quiz_screen(&c);
    let en = &c.language("en").screens[id].quiz;
    let es = &c.language("es").screens[id].quiz;
    assert_eq!(en.len(), es.len());
    for (a, b) in en.iter().zip(es) {
        assert_eq!(a.right, b.right, "{:?} / {:?}", a.ask, b.ask);
        assert_eq!(a.answers.len(), b.answers.len());
    }
}

/// Answers "No" to every red flag except `yes`, answered Yes; returns the harness on the alert.
fn alert_for(lang: &str, yes: &str) -> (Harness<'static, App>, Content) {
    let c = content();
    let mut h = common::app((1280.0, 800.0));
    let words = c.language(lang).clone();
    tap(&mut h, &words.name);
    tap(&mut h, &words.selfcheck.ui.start);
    loop {
        let Some(Step::Question(i)) = h.state().session().route.check_step() else {
            panic!("{yes} was never asked");
        };
        let id = c.selfcheck.questions[i].id.clone();
        if id == yes {
            tap(&mut h, &words.selfcheck.ui.yes);
            break;
        }
        tap(&mut h, &words.selfcheck.ui.no);
    }
    (h, c)
}

#[test]
fn a_sore_slow_to_heal_is_told_at_this_visit_and_an_infected_one_the_same_day() {
    for lang in ["en", "es"] {
        let (h, c) = alert_for(lang, "rf-sore-slow");
        let alerts = &c.language(lang).selfcheck.alerts;
        assert!(matches!(
            h.state().session().route.check_step(),
            Some(Step::Alert(_, RedFlag::Refer))
        ));
        assert!(shown(&h, &alerts[&RedFlag::Refer].title), "{lang}");
        assert!(
            !shown(&h, &alerts[&RedFlag::Urgent].text),
            "{lang}: not a same-day alert"
        );
        let (h, _) = alert_for(lang, "rf-sore-infected");
        assert!(matches!(
            h.state().session().route.check_step(),
            Some(Step::Alert(_, RedFlag::Urgent))
        ));
        assert!(
            shown(&h, &alerts[&RedFlag::Urgent].title),
            "{lang}: tell staff now"
        );
    }
}

#[test]
fn a_red_flag_goes_on_only_once_the_visitor_has_told_staff() {
    for lang in ["en", "es"] {
        let c = content();
        let alerts = &c.language(lang).selfcheck.alerts;
        // The three "tell staff now" alerts share the one button, which says so.
        let button = &alerts[&RedFlag::Emergency].button;
        for flag in [RedFlag::Urgent, RedFlag::Bleeding] {
            assert_eq!(&alerts[&flag].button, button, "{lang}: {flag:?}");
        }
        if lang == "en" {
            assert_eq!(button, "I have told a member of staff");
        }
        for (question, flag) in [
            ("rf-breathing", RedFlag::Emergency),
            ("rf-leg", RedFlag::Urgent),
            ("rf-bleeding", RedFlag::Bleeding),
        ] {
            let (mut h, _) = alert_for(lang, question);
            let step = h.state().session().route.check_step();
            assert!(
                matches!(step, Some(Step::Alert(_, f)) if f == flag),
                "{lang}: {step:?}"
            );
            // The only way on is the button that says staff were told.
            let ways_on: Vec<String> = h
                .get_all_by_role(Role::Button)
                .filter_map(|n| egui_kittest::kittest::NodeT::accesskit_node(&n).label())
                .filter(|l| *l != c.language(lang).selfcheck.ui.back)
                .collect();
            assert!(ways_on.contains(button), "{lang}: {ways_on:?}");
            tap(&mut h, button);
            assert!(
                matches!(
                    h.state().session().route.check_step(),
                    Some(Step::Question(_))
                ),
                "{lang}: the check goes on"
            );
        }
    }
}

/// A stand-in printer that keeps a copy of what it was given in `copy_to`.
fn keeping_printer(copy_to: &std::path::Path) -> Vec<String> {
    vec![
        "sh".into(),
        "-c".into(),
        format!("cp \"$1\" '{}'", copy_to.display()),
        "lp".into(),
    ]
}

fn leaflet_screen(c: &Content) -> String {
    c.flow
        .screens
        .iter()
        .find(|s| s.offer_leaflet)
        .expect("a screen offers the leaflet")
        .id
        .clone()
}

fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("a PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(
        (1..=2).contains(&pages.len()),
        "1 or 2 pages, not {}",
        pages.len()
    );
    let text = doc.extract_text(&pages).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What every leaflet must say: the numbers to call, when to get help and first aid for a
/// bleeding vein (the parts named in flow.ron), the date the content was checked.
fn assert_leaflet(text: &str, c: &Content, lang: &str) {
    let words = c.language(lang);
    assert!(
        text.contains(&c.settings.clinic_phone),
        "{lang}: clinic phone\n{text}"
    );
    assert!(
        text.contains(&c.settings.emergency_number),
        "{lang}: emergency number"
    );
    assert!(
        text.contains(&c.settings.clinic_name),
        "{lang}: clinic name"
    );
    for part in &c.flow.leaflet {
        let title = words
            .leaflet
            .headings
            .get(&part.screen)
            .unwrap_or(&words.screens[&part.screen].title);
        assert!(
            text.contains(title.as_str()),
            "{lang}: {title:?} is a part\n{text}"
        );
    }
    // Daily care is a checklist to tick at home: its words and the week's days are on paper.
    assert!(
        c.flow.leaflet.iter().any(|p| p.checklist),
        "a part is a checklist"
    );
    assert!(
        text.contains(&words.leaflet.checklist),
        "{lang}: the checklist says how to use it"
    );
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains(&squash(&c.reviewed_line(words))),
        "{lang}: reviewed date"
    );
    assert!(
        !text.contains("VK1-"),
        "no answer code: the leaflet holds no patient data"
    );
    assert!(!text.contains('{'), "every placeholder filled\n{text}");
}

#[test]
fn the_leaflet_prints_from_key_points_where_a_printer_is_set() {
    let out = tempfile::tempdir().unwrap();
    for lang in ["en", "es"] {
        let printed = out.path().join(format!("leaflet-{lang}.pdf"));
        let mut c = content();
        c.settings.print_command = Some(keeping_printer(&printed));
        let id = leaflet_screen(&c);
        let words = c.language(lang).leaflet.clone();
        let mut h = on_screen(c.clone(), lang, &id);
        tap(&mut h, &words.button);
        common::wait_for_jobs(&mut h);
        assert!(shown(&h, &words.printed), "{lang}: {:?}", words.printed);
        assert_leaflet(&pdf_text(&std::fs::read(&printed).unwrap()), &c, lang);
    }
}

#[test]
fn without_a_printer_no_leaflet_button_and_a_failed_print_says_so() {
    let c = content();
    let id = leaflet_screen(&c);
    let words = c.language("en").leaflet.clone();
    let h = on_screen(c.clone(), "en", &id);
    assert!(
        h.query_by_role_and_label(Role::Button, &words.button)
            .is_none()
    );

    let mut c = content();
    c.settings.print_command = Some(vec![
        "sh".into(),
        "-c".into(),
        "echo 'no paper' >&2; exit 1".into(),
    ]);
    let mut h = on_screen(c, "en", &id);
    tap(&mut h, &words.button);
    common::wait_for_jobs(&mut h);
    assert!(
        shown(&h, &words.print_failed),
        "the visitor is told plainly"
    );
    assert!(shown(&h, "no paper"), "staff see why, in small print");
    // It can be tried again.
    assert!(
        h.query_by_role_and_label(Role::Button, &words.button)
            .is_some()
    );
}

#[test]
fn the_leaflet_command_writes_the_same_leaflet() {
    let out = tempfile::tempdir().unwrap();
    let c = content();
    for lang in ["en", "es"] {
        let pdf = out.path().join(format!("{lang}.pdf"));
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
            .args(["leaflet", "--lang", lang, "--pdf"])
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let bytes = std::fs::read(&pdf).unwrap();
        assert_leaflet(&pdf_text(&bytes), &c, lang);
        // The steps' pictograms are on paper too: one of each the leaflet's parts show.
        let pictures: std::collections::BTreeSet<&String> = c
            .flow
            .leaflet
            .iter()
            .filter_map(|part| {
                c.flow
                    .screens
                    .iter()
                    .find(|s| s.id == part.screen)
                    .map(|s| (part, s))
            })
            .flat_map(|(part, screen)| {
                screen
                    .bullet_pictures
                    .iter()
                    .filter(|(block, _)| part.blocks.is_empty() || part.blocks.contains(block))
                    .flat_map(|(_, names)| names.iter().flatten())
            })
            .collect();
        assert!(
            pictures.len() >= 3,
            "the leaflet's parts have pictograms: {pictures:?}"
        );
        assert!(
            common::pdf_images(&bytes) >= pictures.len(),
            "{lang}: each pictogram is in the PDF"
        );
    }
}

#[test]
fn the_talk_fits_fifteen_minutes_and_every_slide_says_what_it_must() {
    let c = content();
    for language in &c.languages {
        let minutes: f32 = language.screens.values().map(|s| s.notes.minutes).sum();
        assert!(minutes <= 15.0, "{}: {minutes} minutes", language.code);
        for (id, screen) in &language.screens {
            assert!(!screen.notes.must_say.is_empty(), "{} {id}", language.code);
        }
    }
}
