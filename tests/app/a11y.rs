//! For every patient: the visitor's own controls on every screen and step (named, toggled, in
//! the same place, wiped with the visit), what a screen reader finds (headings, list items, the
//! window's name), read-aloud through a recording stand-in, and the keyboard alone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{check_states, content};
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::effects::{Call, RecordingEffects};
use vein_kiosk::session::TextStep;

fn harness(effects: &RecordingEffects) -> Harness<'static, App> {
    let effects = effects.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(32)
        .build_eframe(move |_cc| App::new(content(), &[]).with_effects(Arc::new(effects)));
    h.run();
    h
}

/// The three controls' names in a language.
fn names(lang: &str) -> [String; 3] {
    let c = content();
    let ui = &c.language(lang).ui;
    [
        ui.larger_text.clone(),
        ui.high_contrast.clone(),
        ui.read_aloud.clone(),
    ]
}

fn control(h: &Harness<'_, App>, name: &str) -> (egui::Rect, Option<Toggled>) {
    let node = h.get_by_role_and_label(Role::Button, name);
    (node.rect(), node.accesskit_node().toggled())
}

#[test]
fn the_three_controls_are_on_every_screen_and_step_in_the_same_place() {
    let c = content();
    assert_eq!(
        names("en"),
        ["Larger text", "High contrast", "Read aloud"].map(String::from)
    );
    let mut h = harness(&RecordingEffects::new());
    for lang in ["en", "es"] {
        let mut places: Vec<egui::Rect> = Vec::new();
        let mut visits: Vec<(String, Vec<Visit>)> = (0..c.flow.screens.len())
            .map(|i| (c.flow.screens[i].id.clone(), vec![Visit::GoTo(i)]))
            .collect();
        for (name, steps) in check_states() {
            let mut all = vec![Visit::StartCheck];
            all.extend(steps);
            visits.push((format!("check {name}"), all));
        }
        for (name, steps) in visits {
            h.state_mut().apply(Visit::StartAgain);
            h.state_mut().apply(Visit::SetLanguage(lang.into()));
            for step in steps {
                h.state_mut().apply(step);
            }
            h.run();
            for (i, label) in names(lang).iter().enumerate() {
                let (rect, toggled) = control(&h, label);
                assert!(
                    rect.width() >= 48.0 && rect.height() >= 48.0,
                    "{lang} {name}: {label} is {rect:?}"
                );
                let expected = if i == 0 { None } else { Some(Toggled::False) };
                assert_eq!(toggled, expected, "{lang} {name}: {label} as a toggle");
                match places.get(i) {
                    Some(first) => assert_eq!(*first, rect, "{lang} {name}: {label} moved"),
                    None => places.push(rect),
                }
            }
        }
    }
}

#[test]
fn choices_show_at_once_and_go_with_the_visit() {
    let c = content();
    let mut h = harness(&RecordingEffects::new());
    let [larger, contrast, _] = names("en");
    common::tap(&mut h, &contrast);
    assert_eq!(control(&h, &contrast).1, Some(Toggled::True));
    for percent in [150, 200, 100] {
        common::tap(&mut h, &larger);
        let step = h.state().session().choices.text;
        assert_eq!(step.percent(), percent);
        // egui draws at the chosen size (text, buttons and pictures together).
        h.run();
        assert!((h.ctx.zoom_factor() - step.zoom()).abs() < 1e-6);
        let value = h
            .get_by_role_and_label(Role::Button, &larger)
            .accesskit_node()
            .numeric_value();
        assert_eq!(value, Some(f64::from(percent)), "the size is read out");
    }
    common::tap(&mut h, &larger);
    h.state_mut().apply(Visit::ReduceMotion);
    h.state_mut().apply(Visit::StartAgain);
    h.run();
    let choices = h.state().session().choices;
    assert_eq!(choices, vein_kiosk::session::Choices::defaults(&c.settings));
    assert_eq!(choices.text, TextStep::Normal);
    assert!(!choices.high_contrast && !choices.reduce_motion);
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-6, "back to 100%");
    assert_eq!(control(&h, &contrast).1, Some(Toggled::False));
}

#[test]
fn clinic_defaults_come_from_the_settings_and_come_back_after_a_wipe() {
    let mut c = content();
    c.settings.text_percent = 150;
    c.settings.high_contrast = true;
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .build_eframe(move |_cc| App::new(c, &[]));
    h.run();
    assert_eq!(h.state().session().choices.text, TextStep::Larger);
    h.state_mut().apply(Visit::HighContrast);
    h.state_mut().apply(Visit::StartAgain);
    h.run();
    assert!(h.state().session().choices.high_contrast);
}

#[test]
fn a_screen_reader_finds_a_named_window_headings_and_list_items() {
    let c = content();
    let mut h = harness(&RecordingEffects::new());
    let healthy = c.screen_index("healthy-veins").unwrap();
    h.state_mut().apply(Visit::GoTo(healthy));
    h.run();
    let en = c.language("en");
    let text = &en.screens["healthy-veins"];
    let heading = h.get_by_role(Role::Heading);
    assert_eq!(
        heading.accesskit_node().label().as_deref(),
        Some(text.title.as_str())
    );
    assert_eq!(
        h.state().window_title(),
        format!("{}: {}", c.settings.clinic_name, text.title)
    );
    let items: Vec<String> = h
        .query_all_by_role(Role::ListItem)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    let vein_kiosk::content::Block::Bullets(bullets) = text
        .body
        .iter()
        .find(|b| matches!(b, vein_kiosk::content::Block::Bullets(_)))
        .unwrap()
    else {
        unreachable!()
    };
    for bullet in bullets {
        assert!(items.contains(&c.fill(bullet)), "{bullet} is a list item");
    }
    assert!(
        h.query_by_label("•").is_none() && h.query_by_value("•").is_none(),
        "no bullet character is read as text"
    );
    // The language shown and the valve mode are both exposed as toggled.
    let english = h.get_by_role_and_label(Role::Button, "English");
    assert_eq!(english.accesskit_node().toggled(), Some(Toggled::True));
    let spanish = h.get_by_role_and_label(Role::Button, "Español");
    assert_eq!(spanish.accesskit_node().toggled(), Some(Toggled::False));
}

#[test]
fn the_cards_of_a_screen_are_one_list_whatever_the_rows() {
    let c = content();
    let mut h = harness(&RecordingEffects::new());
    let screen = c
        .flow
        .screens
        .iter()
        .position(|s| s.cards.len() > 4)
        .expect("a screen with more cards than fit in a row");
    h.state_mut().apply(Visit::GoTo(screen));
    h.run();
    let id = &c.flow.screens[screen].id;
    let titles: Vec<&str> = c.language("en").screens[id]
        .cards
        .values()
        .map(|card| card.title.as_str())
        .collect();
    let list_of = |item: &egui_kittest::Node<'_>| {
        let mut up = item.accesskit_node().parent();
        while let Some(node) = up.filter(|n| n.role() != Role::List) {
            up = node.parent();
        }
        up.map(|list| list.id())
    };
    let mut lists: Vec<_> = titles
        .iter()
        .map(|title| {
            list_of(&h.get_by_role_and_label(Role::ListItem, title))
                .unwrap_or_else(|| panic!("the card {title} is in no list"))
        })
        .collect();
    lists.dedup();
    assert_eq!(lists.len(), 1, "the cards are split over lists: {lists:?}");
    let items = h
        .query_all_by_role(Role::ListItem)
        .filter(|item| list_of(item) == Some(lists[0]))
        .count();
    assert_eq!(
        items,
        titles.len(),
        "the list holds every card and only cards"
    );
}

/// Lets speech jobs run to their end (waiting on that, not on the clock: a loaded machine may
/// take longer than any fixed time).
fn settle(h: &mut Harness<'_, App>) {
    let start = Instant::now();
    h.step();
    while h.state().speech_jobs_running() > 0 || h.state().jobs_running() > 0 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "a speech job never ended"
        );
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.step();
}

#[test]
fn read_aloud_reads_each_new_screen_and_stops_when_turned_off_or_wiped() {
    let c = content();
    let effects = RecordingEffects::new();
    let mut h = harness(&effects);
    h.state_mut().apply(Visit::GoTo(1));
    h.run();
    let [_, _, read] = names("en");
    common::tap(&mut h, &read);
    settle(&mut h);
    let spoken = |effects: &RecordingEffects| -> Vec<(String, Vec<String>)> {
        effects
            .calls()
            .into_iter()
            .filter_map(|c| match c {
                Call::Speak {
                    language,
                    utterances,
                } => Some((language, utterances)),
                _ => None,
            })
            .collect()
    };
    let said = spoken(&effects);
    assert_eq!(said.len(), 1, "{said:?}");
    let title1 = &c.language("en").screens[&c.flow.screens[1].id].title;
    assert_eq!(&said[0].1[0], title1);
    // A new screen is read when it appears; in Spanish after a change of language.
    h.state_mut().apply(Visit::Next);
    h.run();
    settle(&mut h);
    h.state_mut().apply(Visit::SetLanguage("es".into()));
    h.run();
    settle(&mut h);
    let said = spoken(&effects);
    assert_eq!(said.len(), 3, "{said:?}");
    assert_eq!(said[2].0, "es");
    assert_eq!(
        said[2].1[0],
        c.language("es").screens[&c.flow.screens[2].id].title
    );
    // Tapping again stops.
    let read_es = c.language("es").ui.read_aloud.clone();
    common::tap(&mut h, &read_es);
    settle(&mut h);
    assert_eq!(effects.calls().last(), Some(&Call::StopSpeaking));
    // On again, then the visit is wiped: it stops, and the service is asked to forget it all.
    common::tap(&mut h, &read_es);
    settle(&mut h);
    let before = effects.calls().len();
    h.state_mut().apply(Visit::StartAgain);
    h.run();
    settle(&mut h);
    // Forgetting the visit stops what was being said (the service drops every queued message).
    let calls = effects.calls().split_off(before);
    assert!(calls.contains(&Call::ForgetSpeech), "{calls:?}");
    assert!(
        calls.iter().any(|c| matches!(c, Call::Speak { .. })) == c.settings.read_aloud,
        "after a wipe it reads only if the clinic turned it on: {calls:?}"
    );
}

#[test]
fn keys_alone_tab_to_a_control_and_press_it_and_space_pages_otherwise() {
    let c = content();
    let mut h = harness(&RecordingEffects::new());
    h.state_mut().apply(Visit::GoTo(1));
    h.run();
    // Focus is on the screen's title: Space pages, as from a clicker.
    h.key_press(egui::Key::Space);
    h.run();
    assert_eq!(h.state().session().route.screen_index(), 2);
    // Shift+Tab from the title reaches the controls above it; the first is Larger text.
    for _ in 0..64 {
        let larger = h.get_by_role_and_label(Role::Button, &c.language("en").ui.larger_text);
        let on_larger = larger.accesskit_node().is_focused();
        if on_larger {
            break;
        }
        h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
        h.run();
    }
    h.key_press(egui::Key::Space);
    h.run();
    assert_eq!(
        h.state().session().choices.text,
        TextStep::Larger,
        "Space pressed the focused control"
    );
    assert_eq!(
        h.state().session().route.screen_index(),
        2,
        "and did not page"
    );
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().session().choices.text, TextStep::Largest);
    // PageDown, a clicker's key, still pages with a control focused.
    h.key_press(egui::Key::PageDown);
    h.run();
    assert_eq!(h.state().session().route.screen_index(), 3);
}

#[test]
fn the_red_flag_alert_is_a_heading_announced_at_once() {
    let mut h = harness(&RecordingEffects::new());
    h.state_mut().apply(Visit::StartCheck);
    h.state_mut()
        .apply(Visit::CheckAnswer(vein_kiosk::selfcheck::Answer::Yes));
    h.run();
    let heading = h.get_by_role(Role::Heading);
    assert_eq!(
        heading.accesskit_node().live(),
        egui::accesskit::Live::Assertive,
        "a live region"
    );
    assert!(
        h.state().window_title().ends_with(
            heading
                .accesskit_node()
                .label()
                .unwrap_or_default()
                .as_str()
        ),
        "the window is named after the alert"
    );
}

#[test]
fn staff_can_test_read_aloud_from_the_staff_menu() {
    let mut c = content();
    c.settings.staff_pin_hash = Some(vein_kiosk::kiosk::pin::hash("2468").unwrap());
    let effects = RecordingEffects::new();
    let recorder = effects.clone();
    let words = c.language("en").ui.staff.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .build_eframe(move |_cc| {
            App::new(c, &[])
                .kiosk_mode(None)
                .with_effects(Arc::new(recorder))
        });
    h.run();
    h.key_press_modifiers(egui::Modifiers::CTRL | egui::Modifiers::ALT, egui::Key::S);
    h.run();
    for d in [2, 4, 6, 8] {
        h.state_mut()
            .apply(vein_kiosk::command::KioskCommand::PinDigit(d));
    }
    h.state_mut()
        .apply(vein_kiosk::command::KioskCommand::PinSubmit);
    h.run();
    common::tap(&mut h, &words.speech_test);
    settle(&mut h);
    assert!(
        effects.calls().iter().any(
            |c| matches!(c, Call::Speak { utterances, .. } if utterances.as_slice() == std::slice::from_ref(&words.speech_works))
        ),
        "a sentence went to the speech service"
    );
    let message = match &h.state().kiosk().unwrap().staff {
        vein_kiosk::kiosk::Staff::Menu { message } => message.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(message.as_deref(), Some(words.speech_works.as_str()));
}

#[test]
fn with_read_aloud_on_touching_a_paragraph_says_it_alone() {
    let c = content();
    let effects = RecordingEffects::new();
    let mut h = harness(&effects);
    let i = c.screen_index("healthy-veins").unwrap();
    h.state_mut().apply(Visit::GoTo(i));
    h.state_mut().apply(Visit::ReadAloud);
    h.run();
    settle(&mut h);
    let vein_kiosk::content::Block::Text(first) =
        &c.language("en").screens["healthy-veins"].body[0]
    else {
        panic!("the screen starts with a paragraph")
    };
    let words = c.fill(first);
    h.get_by_value(&words).click();
    h.run();
    settle(&mut h);
    assert_eq!(
        effects.calls().last(),
        Some(&Call::Speak {
            language: "en".into(),
            utterances: vein_kiosk::speech::sentences(&words)
                .into_iter()
                .map(str::to_owned)
                .collect()
        })
    );
}

#[test]
fn the_sentence_being_read_is_marked_and_the_mark_follows_the_voice() {
    let c = content();
    let effects = RecordingEffects::new();
    let mut h = harness(&effects);
    let i = c.screen_index("healthy-veins").unwrap();
    h.state_mut().apply(Visit::GoTo(i));
    h.run();
    assert_eq!(h.state().reading_now(), None, "nothing is read until asked");
    let [_, _, read] = names("en");
    common::tap(&mut h, &read);
    settle(&mut h);
    let text = &c.language("en").screens["healthy-veins"];
    assert_eq!(h.state().reading_now(), Some(text.title.as_str()));
    // The service moves on to the next sentence: so does the mark, without a touch.
    let next = effects.read_on().expect("more than a title");
    settle(&mut h);
    assert_eq!(h.state().reading_now(), Some(next.as_str()));
    let vein_kiosk::content::Block::Text(first) = &text.body[0] else {
        panic!("the screen starts with a paragraph")
    };
    let first = c.fill(first);
    assert!(
        first.starts_with(&next),
        "the second sentence read is the first of the text: {next:?}"
    );
    // Silence (the end, or turned off): no mark.
    while effects.read_on().is_some() {}
    settle(&mut h);
    assert_eq!(h.state().reading_now(), None);
    h.state_mut().apply(Visit::Next);
    h.run();
    settle(&mut h);
    assert!(h.state().reading_now().is_some(), "the next screen is read");
    common::tap(&mut h, &read);
    settle(&mut h);
    assert_eq!(h.state().reading_now(), None, "turned off: no mark");
}

#[test]
fn with_read_aloud_on_the_first_touch_says_an_answer_and_the_second_gives_it() {
    let c = content();
    let en = c.language("en");
    let ui = &en.selfcheck.ui;
    let effects = RecordingEffects::new();
    let mut h = harness(&effects);
    common::walk(&mut h, &[Visit::StartCheck]);
    let [_, _, read] = names("en");
    common::tap(&mut h, &read);
    settle(&mut h);
    let step = |h: &Harness<'_, App>| h.state().session().route.check_step();
    let first = step(&h);
    let said_last = |effects: &RecordingEffects| match effects.calls().last() {
        Some(Call::Speak { utterances, .. }) => utterances.clone(),
        other => panic!("the last call was not speech: {other:?}"),
    };
    // First touch: the answer is said, not given, and the visitor is told to touch it again.
    common::tap(&mut h, &ui.no);
    settle(&mut h);
    assert_eq!(step(&h), first, "one touch did not answer");
    assert_eq!(said_last(&effects), std::slice::from_ref(&ui.no));
    assert!(h.query_by_label(&ui.tap_again).is_some(), "the hint shows");
    // Another answer is said in its turn, still not given.
    common::tap(&mut h, &ui.yes);
    settle(&mut h);
    assert_eq!(step(&h), first);
    assert_eq!(said_last(&effects), std::slice::from_ref(&ui.yes));
    // Back to No: said again; touched once more, straight after: given.
    common::tap(&mut h, &ui.no);
    settle(&mut h);
    assert_eq!(step(&h), first);
    assert_eq!(said_last(&effects), std::slice::from_ref(&ui.no));
    common::tap(&mut h, &ui.no);
    settle(&mut h);
    assert_ne!(step(&h), first, "the second touch answered");
    let q = &c.selfcheck.questions[0];
    assert_eq!(
        h.state()
            .session()
            .route
            .check()
            .unwrap()
            .flow
            .answers()
            .get(&q.id),
        Some(&vein_kiosk::selfcheck::Answer::No)
    );
    assert!(
        h.query_by_label(&ui.tap_again).is_none(),
        "a new question starts clean"
    );
    // Keys give an answer at once (screen readers and switches read it themselves).
    let now = step(&h);
    h.get_by_label(&ui.no).focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    settle(&mut h);
    assert_ne!(step(&h), now, "Enter on a focused answer answered");
}

#[test]
fn the_page_scrolls_to_the_sentence_being_read() {
    let c = content();
    let effects = RecordingEffects::new();
    let effects_for_app = effects.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1024.0, 600.0))
        .with_max_steps(32)
        .build_eframe(move |_cc| App::new(content(), &[]).with_effects(Arc::new(effects_for_app)));
    let i = c.screen_index("healthy-veins").unwrap();
    h.state_mut().apply(Visit::GoTo(i));
    h.state_mut().apply(Visit::ReadAloud);
    h.run();
    settle(&mut h);
    // On to the callout at the end of the text, below the fold at this size.
    let text = &c.language("en").screens["healthy-veins"];
    let last = text
        .body
        .iter()
        .rev()
        .find_map(|b| match b {
            vein_kiosk::content::Block::Callout(t) => Some(c.fill(t)),
            _ => None,
        })
        .expect("the screen ends its text with a callout");
    let below = |h: &Harness<'_, App>| {
        let rect = h.get_by_value(&last).rect();
        rect.bottom() > 600.0 - 80.0
    };
    assert!(below(&h), "the callout starts out of view at 1024x600");
    while effects.saying().is_some_and(|now| !last.contains(&now)) {
        effects.read_on();
    }
    assert!(effects.saying().is_some(), "the callout is read");
    settle(&mut h);
    h.run();
    assert!(!below(&h), "the page scrolled to the sentence being read");
}
