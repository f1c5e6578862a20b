//! A person takes the self-check on screen along several paths, in both languages, and reads the
//! summary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{app, content, tap};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use vein_kiosk::app::App;
use vein_kiosk::content::Content;
use vein_kiosk::selfcheck::{SelfCheckText, Step};

fn words(content: &Content, lang: &str) -> SelfCheckText {
    content.language(lang).selfcheck.clone()
}

fn step(h: &Harness<'_, App>) -> Option<Step> {
    h.state().session().route.check_step()
}

fn current_id(h: &Harness<'_, App>) -> Option<String> {
    match step(h)? {
        Step::Question(i) => Some(h.state().content().selfcheck.questions[i].id.clone()),
        _ => None,
    }
}

/// Opens the check from the welcome screen in a language.
fn begin(lang: &str) -> (Harness<'static, App>, Content, SelfCheckText) {
    let content = content();
    let w = words(&content, lang);
    let mut h = app((1920.0, 1080.0));
    tap(&mut h, &content.language(lang).name);
    tap(&mut h, &w.ui.start);
    assert_eq!(current_id(&h).as_deref(), Some("rf-breathing"));
    assert!(h.query_by_label(&w.questions["rf-breathing"].ask).is_some());
    (h, content, w)
}

fn has_text(h: &Harness<'_, App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// The items the summary lists under a label ("Left leg:"), read top to bottom from the screen.
fn listed_under(h: &Harness<'_, App>, label: &str) -> Vec<String> {
    let mut texts: Vec<(egui::Rect, String)> = h
        .query_all_by_role(Role::Label)
        .map(|n| {
            let node = n.accesskit_node();
            (
                n.rect(),
                node.label().or_else(|| node.value()).unwrap_or_default(),
            )
        })
        .filter(|(_, t)| t != "•" && t != "–")
        .collect();
    texts.sort_by(|a, b| a.0.top().total_cmp(&b.0.top()));
    let heading = format!("{label}:");
    let Some(start) = texts.iter().position(|(_, t)| *t == heading) else {
        return Vec::new();
    };
    let indent = texts[start].0.left() + 5.0;
    // Items are indented under their label; the list ends where the indent does.
    texts[start + 1..]
        .iter()
        .take_while(|(r, _)| r.left() > indent)
        .map(|(_, t)| t.clone())
        .collect()
}

fn tick(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_role_and_label(Role::CheckBox, label)
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, label).click();
    h.run();
}

fn answer_no_to_red_flags(h: &mut Harness<'_, App>, w: &SelfCheckText) {
    for _ in 0..20 {
        if !current_id(h).is_some_and(|id| id.starts_with("rf-")) {
            return;
        }
        tap(h, &w.ui.no);
    }
    panic!(
        "still on a red-flag question after 20 answers: {:?}",
        step(h)
    );
}

/// Skips every remaining question (a red flag, which has no Skip, is answered No); fails rather
/// than loops if the check stops moving.
fn skip_rest(h: &mut Harness<'_, App>, w: &SelfCheckText) {
    for _ in 0..60 {
        match current_id(h) {
            None => return,
            Some(id) if id.starts_with("rf-") => {
                assert!(
                    h.query_by_label(&w.ui.skip).is_none(),
                    "{id}: a red flag has no Skip"
                );
                tap(h, &w.ui.no);
            }
            Some(_) => tap(h, &w.ui.skip),
        }
    }
    panic!("Skip did not reach the summary: {:?}", step(h));
}

#[test]
fn nothing_wrong_in_both_languages() {
    for lang in ["en", "es"] {
        let (mut h, _content, w) = begin(lang);
        answer_no_to_red_flags(&mut h, &w);
        for _ in 0..60 {
            let Some(id) = current_id(&h) else { break };
            match id.as_str() {
                "signs" | "risks" | "care" | "safety" => tap(&mut h, &w.ui.none_of_these),
                _ => tap(&mut h, &w.ui.neither),
            }
        }
        assert_eq!(step(&h), Some(Step::Summary));
        assert!(has_text(&h, &w.summary.title), "{lang}: summary title");
        assert!(
            has_text(&h, &w.summary.nothing),
            "{lang}: says nothing was marked"
        );
        assert!(
            !has_text(&h, &w.summary.red_flags),
            "{lang}: no red-flag block"
        );
        assert!(has_text(&h, &w.summary.next_step));
        // Finish wipes everything and returns to the welcome screen.
        tap(&mut h, &w.summary.finish);
        assert!(h.state().session().route.check().is_none());
        assert_eq!(h.state().session().route.screen_index(), 0);
        assert_eq!(h.state().session().language, "en");
    }
}

#[test]
fn a_red_flag_stops_the_check_then_the_person_may_go_on() {
    for lang in ["en", "es"] {
        let (mut h, content, w) = begin(lang);
        // The emergency group shows the clinic's emergency number.
        tap(&mut h, &w.ui.yes);
        assert!(matches!(step(&h), Some(Step::Alert(0, _))));
        assert!(has_text(
            &h,
            &w.alerts[&vein_kiosk::selfcheck::RedFlag::Emergency].title
        ));
        assert!(
            h.query_by_label(&content.settings.emergency_number)
                .is_some(),
            "{lang}: emergency number shown"
        );
        // The only way on is to say that staff were told.
        assert!(
            !has_text(&h, &w.ui.next),
            "{lang}: no plain Next on an alert"
        );
        tap(
            &mut h,
            &w.alerts[&vein_kiosk::selfcheck::RedFlag::Emergency].button,
        );
        assert_eq!(current_id(&h).as_deref(), Some("rf-faint"));
        tap(&mut h, &w.ui.no);
        // An urgent flag: tell staff, no emergency number.
        tap(&mut h, &w.ui.yes);
        assert!(has_text(
            &h,
            &w.alerts[&vein_kiosk::selfcheck::RedFlag::Urgent].title
        ));
        assert!(
            h.query_by_label(&content.settings.emergency_number)
                .is_none()
        );
        tap(
            &mut h,
            &w.alerts[&vein_kiosk::selfcheck::RedFlag::Urgent].button,
        );
        skip_rest(&mut h, &w);
        assert_eq!(step(&h), Some(Step::Summary));
        // Both red flags are in the block at the top, in the order asked.
        // A summary line is a list item holding its label: both carry the words.
        let top_of = |label: &str| {
            h.get_all_by_label(label)
                .find(|n| n.accesskit_node().role() != Role::ListItem)
                .unwrap()
                .rect()
        };
        let red = top_of(&w.summary.red_flags);
        let breathing = top_of(&w.questions["rf-breathing"].summary);
        let leg = top_of(&w.questions["rf-leg"].summary);
        assert!(red.top() < breathing.top() && breathing.top() < leg.top());
        let first_group = h.query_by_label(&w.groups["symptoms"]);
        assert!(first_group.is_none(), "skipped questions appear nowhere");
    }
}

#[test]
fn many_symptoms_on_both_legs_and_branching_questions() {
    for lang in ["en", "es"] {
        let (mut h, _content, w) = begin(lang);
        answer_no_to_red_flags(&mut h, &w);
        for _ in [
            "ache",
            "swelling",
            "throbbing",
            "cramps",
            "itching",
            "restless",
        ] {
            tap(&mut h, &w.ui.both);
            tap(&mut h, &w.ui.most_days);
        }
        assert_eq!(
            current_id(&h).as_deref(),
            Some("better-raised"),
            "asked because legs ache"
        );
        tap(&mut h, &w.ui.yes);
        assert_eq!(current_id(&h).as_deref(), Some("signs"));
        tick(&mut h, &w.questions["signs"].options["varicose"]);
        tick(&mut h, &w.questions["signs"].options["open-sore"]);
        tap(&mut h, &w.ui.next);
        assert_eq!(
            current_id(&h).as_deref(),
            Some("sore-care"),
            "asked because of the open sore"
        );
        tap(&mut h, &w.questions["sore-care"].options["nurse"]);
        tap(&mut h, &w.questions["risks"].options["family"]);
        tap(&mut h, &w.ui.next);
        tap(&mut h, &w.questions["care"].options["stockings"]);
        tap(&mut h, &w.ui.next);
        assert_eq!(
            current_id(&h).as_deref(),
            Some("stockings-help"),
            "asked because stockings were tried"
        );
        tap(&mut h, &w.questions["stockings-help"].options["a-little"]);
        tap(&mut h, &w.questions["safety"].options["diabetes"]);
        tap(&mut h, &w.ui.next);
        assert_eq!(step(&h), Some(Step::Summary));
        // Each leg lists every symptom, with how often.
        for leg in [&w.summary.left_leg, &w.summary.right_leg] {
            let items = listed_under(&h, leg);
            assert_eq!(items.len(), 6, "{lang} {leg}: {items:?}");
            assert_eq!(
                items[0],
                format!("{} ({})", w.questions["ache"].summary, w.ui.most_days)
            );
        }
        let signs = listed_under(&h, &w.questions["signs"].summary);
        assert_eq!(
            signs,
            [
                w.questions["signs"].options["varicose"].clone(),
                w.questions["signs"].options["open-sore"].clone()
            ],
            "{lang}"
        );
        assert!(has_text(
            &h,
            &w.questions["stockings-help"].options["a-little"]
        ));
        assert!(has_text(&h, &w.questions["safety"].options["diabetes"]));
        assert!(!has_text(&h, &w.summary.nothing));
    }
}

#[test]
fn going_back_to_change_an_answer() {
    let (mut h, _content, w) = begin("en");
    answer_no_to_red_flags(&mut h, &w);
    tap(&mut h, &w.ui.left);
    tap(&mut h, &w.ui.often);
    assert_eq!(current_id(&h).as_deref(), Some("swelling"));
    tap(&mut h, &w.ui.back);
    assert_eq!(current_id(&h).as_deref(), Some("ache"));
    // The earlier answer is shown as chosen, then changed.
    let toggled = |h: &Harness<'_, App>, label: &str| {
        matches!(
            h.get_by_role_and_label(Role::Button, label)
                .accesskit_node()
                .toggled(),
            Some(egui::accesskit::Toggled::True)
        )
    };
    assert!(
        toggled(&h, &w.ui.left),
        "the earlier answer is shown as chosen"
    );
    assert!(!toggled(&h, &w.ui.right));
    tap(&mut h, &w.ui.right);
    tap(&mut h, &w.ui.sometimes);
    skip_rest(&mut h, &w);
    assert_eq!(
        listed_under(&h, &w.summary.right_leg),
        [format!(
            "{} ({})",
            w.questions["ache"].summary, w.ui.sometimes
        )]
    );
    assert!(!has_text(&h, &w.summary.left_leg), "the old answer is gone");
    // From the summary, Back goes to the last question; Back from the first leaves the check.
    tap(&mut h, &w.summary.change_answers);
    assert!(current_id(&h).is_some());
    for _ in 0..60 {
        if h.state().session().route.check().is_none() {
            break;
        }
        tap(&mut h, &w.ui.back);
    }
    assert_eq!(
        h.state().session().route.screen_index(),
        0,
        "back where the check began"
    );
}

#[test]
fn not_sure_about_a_red_flag_goes_to_staff_and_is_reported_as_not_sure() {
    let (mut h, content, w) = begin("en");
    tap(&mut h, &w.ui.not_sure);
    assert!(
        matches!(step(&h), Some(Step::Alert(0, _))),
        "doubt stops the check too"
    );
    let alert = &w.alerts[&vein_kiosk::selfcheck::RedFlag::Emergency];
    assert!(has_text(&h, &alert.unsure_title), "worded for doubt");
    assert!(!has_text(&h, &alert.title));
    assert!(
        h.query_by_label(&content.settings.emergency_number)
            .is_some()
    );
    tap(&mut h, &alert.button);
    skip_rest(&mut h, &w);
    let line = w
        .summary
        .not_sure
        .replace("{what}", &w.questions["rf-breathing"].summary);
    assert!(has_text(&h, &line));
}

#[test]
fn the_check_can_start_from_the_last_education_screen() {
    let content = content();
    let w = words(&content, "en");
    let mut h = app((1280.0, 800.0));
    h.state_mut().apply(vein_kiosk::command::Visit::GoTo(
        content.flow.screens.len() - 1,
    ));
    h.run();
    tap(&mut h, &w.ui.start);
    assert_eq!(current_id(&h).as_deref(), Some("rf-breathing"));
    // Left, with the focus on the question's title (where it lands), goes back out of the check.
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert!(h.state().session().route.check().is_none());
    tap(&mut h, &w.ui.start);
    // Keys: Right answers nothing (egui may move the focus to a control with it, as arrows do
    // between controls); a clicker's Back (PageUp) leaves the check, whatever has the focus.
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(current_id(&h).as_deref(), Some("rf-breathing"));
    assert!(
        h.state()
            .session()
            .route
            .check()
            .unwrap()
            .flow
            .answers()
            .0
            .is_empty(),
        "Right answered nothing"
    );
    h.key_press(egui::Key::PageUp);
    h.run();
    assert!(h.state().session().route.check().is_none());
    assert_eq!(
        h.state().session().route.screen_index(),
        content.flow.screens.len() - 1
    );
}

#[test]
fn changing_language_in_the_middle_keeps_the_question_and_the_half_given_answer() {
    let (mut h, content, w) = begin("en");
    answer_no_to_red_flags(&mut h, &w);
    assert_eq!(current_id(&h).as_deref(), Some("ache"));
    tap(&mut h, &w.ui.both);
    tap(&mut h, &content.language("es").name);
    let es = words(&content, "es");
    assert_eq!(current_id(&h).as_deref(), Some("ache"), "the same question");
    assert!(
        h.query_by_label(&es.questions["ache"].ask).is_some(),
        "now in Spanish"
    );
    let both = h.get_by_role_and_label(Role::Button, &es.ui.both);
    assert_eq!(
        both.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "the legs already picked stay picked"
    );
    tap(&mut h, &es.ui.often);
    assert_eq!(current_id(&h).as_deref(), Some("swelling"));
    assert!(
        h.state()
            .session()
            .route
            .check()
            .is_some_and(|c| c.flow.answers().get("ache").is_some())
    );
}
