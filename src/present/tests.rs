//! The presentation model, key by key: every key in each state, number jumps, black and white
//! screens, the overview, the timer, the presenter view, notes, cards, pictures and the valve.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::timer::TimerState;
use super::{Command, Key, OVERVIEW_COLUMNS, Outcome, Presentation, Shade, SlideKind, Talk};
use crate::command::Visit;
use crate::content::Content;
use crate::valve::ValveMode;

fn content() -> Content {
    Content::built_in().expect("built-in content")
}

fn at(c: &Content, id: &str) -> usize {
    c.screen_index(id).expect("screen")
}

/// A presentation in English, and the content.
fn start() -> (Presentation, Content) {
    let c = content();
    (Presentation::new(&c, None, 0.0), c)
}

fn press_all(p: &mut Presentation, c: &Content, keys: &[Key]) {
    for key in keys {
        p.press(*key, c, 1.0);
    }
}

#[test]
fn slides_are_the_screens_in_order_and_the_check_entry_is_the_self_check_slide() {
    let (p, c) = start();
    assert_eq!(p.len(), c.flow.screens.len());
    assert_eq!(p.current(), 0);
    assert_eq!(p.next_slide(), Some(1));
    let check = at(&c, "check-legs");
    for i in 0..p.len() {
        let expected = if i == check {
            SlideKind::SelfCheck
        } else {
            SlideKind::Guide
        };
        assert_eq!(p.kind(i), expected, "slide {i}");
    }
    assert_eq!(p.cover(), None);
    assert!(p.presenter_shown());
    assert_eq!(p.timer_state(), TimerState::NotStarted);
}

#[test]
fn every_next_key_advances_and_every_back_key_returns() {
    let (mut p, c) = start();
    for key in [Key::Right, Key::Down, Key::PageDown, Key::Space, Key::Enter] {
        let before = p.current();
        p.press(key, &c, 1.0);
        assert_eq!(p.current(), before + 1, "{key:?}");
        assert_eq!(p.session().route.screen_index(), p.current(), "{key:?}");
    }
    for key in [Key::Left, Key::Up, Key::PageUp, Key::Backspace] {
        let before = p.current();
        p.press(key, &c, 1.0);
        assert_eq!(p.current(), before - 1, "{key:?}");
    }
    assert_eq!(p.current(), 1);
}

#[test]
fn home_and_end_and_the_edges() {
    let (mut p, c) = start();
    p.press(Key::Left, &c, 1.0);
    assert_eq!(p.current(), 0, "nothing before the first slide");
    p.press(Key::End, &c, 1.0);
    assert_eq!(p.current(), p.len() - 1);
    assert_eq!(p.next_slide(), None);
    p.press(Key::Right, &c, 1.0);
    assert_eq!(p.current(), p.len() - 1, "nothing after the last slide");
    p.press(Key::Home, &c, 1.0);
    assert_eq!(p.current(), 0);
}

#[test]
fn a_number_then_enter_jumps_to_that_slide() {
    let (mut p, c) = start();
    press_all(&mut p, &c, &[Key::Digit(7)]);
    assert_eq!(p.typed(), "7");
    assert_eq!(p.current(), 0, "nothing moves until Enter");
    p.press(Key::Enter, &c, 1.0);
    assert_eq!(p.current(), 6, "slide 7 is index 6");
    assert_eq!(p.typed(), "");
    press_all(&mut p, &c, &[Key::Digit(1), Key::Digit(2), Key::Enter]);
    assert_eq!(p.current(), 11);
    press_all(&mut p, &c, &[Key::Digit(9), Key::Digit(9), Key::Enter]);
    assert_eq!(p.current(), p.len() - 1, "past the end: the last slide");
    press_all(&mut p, &c, &[Key::Digit(0), Key::Enter]);
    assert_eq!(
        p.current(),
        p.len() - 1,
        "slide 0 does not exist: nothing moves"
    );
    press_all(
        &mut p,
        &c,
        &[Key::Digit(1), Key::Digit(2), Key::Digit(3), Key::Digit(4)],
    );
    assert_eq!(p.typed(), "123", "three digits at most");
}

#[test]
fn backspace_rubs_out_a_digit_and_escape_forgets_the_number() {
    let (mut p, c) = start();
    press_all(
        &mut p,
        &c,
        &[Key::Right, Key::Right, Key::Digit(1), Key::Digit(2)],
    );
    p.press(Key::Backspace, &c, 1.0);
    assert_eq!(p.typed(), "1");
    assert_eq!(
        p.current(),
        2,
        "Backspace rubbed out a digit instead of going back"
    );
    p.press(Key::Escape, &c, 1.0);
    assert_eq!(p.typed(), "");
    p.press(Key::Enter, &c, 1.0);
    assert_eq!(p.current(), 3, "Enter with nothing typed is Next");
    p.press(Key::Digit(5), &c, 1.0);
    p.press(Key::B, &c, 1.0);
    assert_eq!(p.typed(), "", "any other key forgets the number");
}

#[test]
fn b_and_full_stop_black_out_and_the_same_key_returns() {
    let (mut p, c) = start();
    for key in [Key::B, Key::Period] {
        p.press(key, &c, 1.0);
        assert_eq!(p.cover(), Some(Shade::Black), "{key:?}");
        p.press(key, &c, 1.0);
        assert_eq!(p.cover(), None, "{key:?} again");
    }
    p.press(Key::W, &c, 1.0);
    assert_eq!(p.cover(), Some(Shade::White));
    p.press(Key::B, &c, 1.0);
    assert_eq!(p.cover(), Some(Shade::Black), "white to black at once");
    p.press(Key::W, &c, 1.0);
    p.press(Key::W, &c, 1.0);
    assert_eq!(p.cover(), None);
}

#[test]
fn an_advance_returns_from_black_or_white_without_moving() {
    let (mut p, c) = start();
    p.press(Key::Right, &c, 1.0);
    for key in [
        Key::Right,
        Key::PageDown,
        Key::Space,
        Key::Left,
        Key::PageUp,
    ] {
        p.press(Key::B, &c, 1.0);
        p.press(key, &c, 1.0);
        assert_eq!(p.cover(), None, "{key:?}");
        assert_eq!(p.current(), 1, "{key:?} showed the slide the audience had");
    }
    p.press(Key::W, &c, 1.0);
    press_all(&mut p, &c, &[Key::Digit(5), Key::Enter]);
    assert_eq!(
        (p.cover(), p.current()),
        (None, 4),
        "a jump shows the slide"
    );
    p.press(Key::B, &c, 1.0);
    p.press(Key::Escape, &c, 1.0);
    assert_eq!(p.cover(), None, "Esc leaves black");
}

#[test]
fn tab_or_o_opens_the_overview_at_the_current_slide() {
    let (mut p, c) = start();
    press_all(&mut p, &c, &[Key::Right, Key::Right]);
    for key in [Key::Tab, Key::O] {
        p.press(key, &c, 1.0);
        assert_eq!(p.overview(), Some(2), "{key:?}");
        p.press(key, &c, 1.0);
        assert_eq!(p.overview(), None, "{key:?} again closes it");
    }
}

#[test]
fn in_the_overview_arrows_move_the_cursor_and_enter_picks() {
    let (mut p, c) = start();
    p.press(Key::Tab, &c, 1.0);
    let cols = OVERVIEW_COLUMNS;
    p.press(Key::Right, &c, 1.0);
    assert_eq!(p.overview(), Some(1));
    p.press(Key::Down, &c, 1.0);
    assert_eq!(p.overview(), Some(1 + cols));
    p.press(Key::Left, &c, 1.0);
    assert_eq!(p.overview(), Some(cols));
    p.press(Key::Up, &c, 1.0);
    assert_eq!(p.overview(), Some(0));
    p.press(Key::Up, &c, 1.0);
    assert_eq!(p.overview(), Some(0), "the cursor stays on the grid");
    p.press(Key::End, &c, 1.0);
    assert_eq!(p.overview(), Some(p.len() - 1));
    p.press(Key::Down, &c, 1.0);
    assert_eq!(p.overview(), Some(p.len() - 1));
    p.press(Key::Home, &c, 1.0);
    press_all(
        &mut p,
        &c,
        &[Key::PageDown, Key::Space, Key::PageUp, Key::Down],
    );
    assert_eq!(p.overview(), Some(1 + cols));
    assert_eq!(
        p.current(),
        0,
        "moving the cursor shows the audience nothing new"
    );
    p.press(Key::Enter, &c, 1.0);
    assert_eq!(p.overview(), None);
    assert_eq!(p.current(), 1 + cols);
    assert_eq!(p.session().route.screen_index(), 1 + cols);
}

#[test]
fn escape_closes_the_overview_without_moving_and_never_ends() {
    let (mut p, c) = start();
    p.press(Key::Tab, &c, 1.0);
    p.press(Key::Down, &c, 1.0);
    let outcomes = p.press(Key::Escape, &c, 1.0);
    assert!(outcomes.is_empty());
    assert_eq!((p.overview(), p.current()), (None, 0));
    for _ in 0..5 {
        assert!(p.press(Key::Escape, &c, 1.0).is_empty(), "Esc never quits");
    }
    p.press(Key::Tab, &c, 1.0);
    press_all(&mut p, &c, &[Key::Digit(3), Key::Enter]);
    assert_eq!(
        (p.overview(), p.current()),
        (None, 2),
        "a number works in the overview"
    );
}

#[test]
fn escape_leaves_one_layer_at_a_time() {
    let (mut p, c) = start();
    let risk = at(&c, "risk-factors");
    p.apply(Command::from(Visit::GoTo(risk)), &c, 1.0);
    p.apply(Command::from(Visit::OpenCard("clot".into())), &c, 1.0);
    p.press(Key::Tab, &c, 1.0);
    p.press(Key::B, &c, 1.0);
    p.press(Key::Digit(4), &c, 1.0);
    p.press(Key::Escape, &c, 1.0);
    assert_eq!(p.typed(), "");
    assert_eq!(p.cover(), Some(Shade::Black));
    p.press(Key::Escape, &c, 1.0);
    assert_eq!(p.cover(), None);
    assert!(p.overview().is_some());
    p.press(Key::Escape, &c, 1.0);
    assert_eq!(p.overview(), None);
    assert_eq!(p.open_card(), Some("clot"));
    p.press(Key::Escape, &c, 1.0);
    assert_eq!(p.open_card(), None);
    assert_eq!(p.current(), risk);
}

#[test]
fn the_timer_starts_on_the_first_advance_pauses_and_resets() {
    let (mut p, c) = start();
    p.press(Key::B, &c, 5.0);
    p.press(Key::B, &c, 6.0);
    p.press(Key::Tab, &c, 7.0);
    p.press(Key::Tab, &c, 7.5);
    assert_eq!(p.timer_state(), TimerState::NotStarted, "no advance yet");
    p.press(Key::Right, &c, 10.0);
    assert_eq!(p.timer_state(), TimerState::Running);
    assert_eq!(p.elapsed(70.0), 60.0);
    p.press(Key::P, &c, 70.0);
    assert_eq!(p.timer_state(), TimerState::Paused);
    p.press(Key::Right, &c, 100.0);
    assert_eq!(
        p.elapsed(200.0),
        60.0,
        "paused stays paused while slides change"
    );
    p.press(Key::P, &c, 200.0);
    assert_eq!(p.elapsed(210.0), 70.0);
    p.press(Key::R, &c, 210.0);
    assert_eq!(p.timer_state(), TimerState::NotStarted);
    assert_eq!(p.elapsed(300.0), 0.0);
    p.press(Key::Left, &c, 300.0);
    assert_eq!(
        p.elapsed(301.0),
        1.0,
        "after a reset the next move starts it"
    );
}

#[test]
fn a_jump_starts_the_timer_but_staying_put_does_not() {
    let (mut p, c) = start();
    p.press(Key::Home, &c, 1.0);
    p.press(Key::Left, &c, 1.0);
    assert_eq!(p.timer_state(), TimerState::NotStarted);
    press_all(&mut p, &c, &[Key::Digit(4), Key::Enter]);
    assert_eq!(p.timer_state(), TimerState::Running);
}

#[test]
fn f5_starts_from_the_first_slide_and_shift_f5_from_the_current_one() {
    let (mut p, c) = start();
    press_all(&mut p, &c, &[Key::Right, Key::Right, Key::Right]);
    p.press(Key::W, &c, 50.0);
    p.press(Key::ShiftF5, &c, 50.0);
    assert_eq!((p.current(), p.cover()), (3, None));
    assert_eq!(p.elapsed(60.0), 59.0, "Shift+F5 keeps the time");
    p.press(Key::Tab, &c, 60.0);
    p.press(Key::B, &c, 60.0);
    p.press(Key::F5, &c, 100.0);
    assert_eq!((p.current(), p.cover(), p.overview()), (0, None, None));
    assert_eq!(p.timer_state(), TimerState::Running);
    assert_eq!(p.elapsed(130.0), 30.0, "F5 starts the time from zero");
}

#[test]
fn h_hides_and_shows_the_presenter_view_and_ctrl_q_ends() {
    let (mut p, c) = start();
    assert_eq!(p.press(Key::H, &c, 1.0), [Outcome::PresenterShown(false)]);
    assert!(!p.presenter_shown());
    assert_eq!(p.press(Key::H, &c, 1.0), [Outcome::PresenterShown(true)]);
    assert_eq!(p.press(Key::CtrlQ, &c, 1.0), [Outcome::End]);
}

#[test]
fn n_shows_the_notes_in_the_other_language_and_back() {
    let c = content();
    let mut p = Presentation::new(&c, Some("es"), 0.0);
    assert_eq!((p.language(), p.notes_language()), ("es", "es"));
    p.press(Key::N, &c, 1.0);
    assert_eq!((p.language(), p.notes_language()), ("es", "en"));
    p.press(Key::N, &c, 1.0);
    assert_eq!(p.notes_language(), "es");
    let unknown = Presentation::new(&c, Some("xx"), 0.0);
    assert_eq!(unknown.language(), c.settings.default_language);
}

#[test]
fn v_switches_the_valve_and_s_squeezes_it_only_where_there_is_one() {
    let (mut p, c) = start();
    let healthy = at(&c, "healthy-veins");
    p.press(Key::V, &c, 1.0);
    p.press(Key::S, &c, 1.0);
    assert!(
        p.session().route.valve().is_none(),
        "no valve on the welcome slide"
    );
    p.apply(Command::from(Visit::GoTo(healthy)), &c, 1.0);
    let valve = |p: &Presentation| p.session().route.valve().cloned().expect("valve");
    assert_eq!(valve(&p).mode(), ValveMode::Healthy);
    p.press(Key::V, &c, 2.0);
    assert_eq!(valve(&p).mode(), ValveMode::Weak);
    p.press(Key::V, &c, 3.0);
    assert_eq!(valve(&p).mode(), ValveMode::Healthy);
    p.press(Key::S, &c, 4.0);
    assert_eq!(valve(&p).squeezes_asked(), 1);
    p.apply(Command::from(Visit::ValveMode(ValveMode::Weak)), &c, 5.0);
    assert_eq!(valve(&p).mode(), ValveMode::Weak);
    p.apply(Command::from(Visit::ValveSqueeze), &c, 6.0);
    assert_eq!(valve(&p).squeezes_asked(), 2);
    p.tick(100.0);
    assert!(
        !valve(&p).is_running(100.0),
        "the valve stops when left alone"
    );
}

#[test]
fn cards_open_for_the_audience_one_after_another() {
    let (mut p, c) = start();
    let risk = at(&c, "risk-factors");
    p.press(Key::C, &c, 1.0);
    assert_eq!(p.open_card(), None, "no cards on the welcome slide");
    p.apply(Command::from(Visit::GoTo(risk)), &c, 1.0);
    let cards = &c.flow.screens[risk].cards;
    for id in cards {
        p.press(Key::C, &c, 1.0);
        assert_eq!(p.open_card(), Some(id.as_str()));
    }
    p.press(Key::C, &c, 1.0);
    assert_eq!(p.open_card(), None, "after the last card, none");
    p.apply(Command::from(Visit::OpenCard("nonsense".into())), &c, 1.0);
    assert_eq!(p.open_card(), None, "only the slide's own cards open");
    p.apply(Command::from(Visit::OpenCard("family".into())), &c, 1.0);
    p.apply(Command::from(Visit::CloseCard), &c, 1.0);
    assert_eq!(p.open_card(), None);
    p.apply(Command::from(Visit::OpenCard("family".into())), &c, 1.0);
    p.press(Key::Right, &c, 1.0);
    assert_eq!(p.open_card(), None, "a new slide opens with no card");
}

#[test]
fn gallery_pictures_step_for_the_audience() {
    let (mut p, c) = start();
    let healthy = at(&c, "healthy-veins");
    p.press(Key::G, &c, 1.0);
    assert_eq!(p.picture(), None, "no gallery on the welcome slide");
    p.apply(Command::from(Visit::GoTo(healthy)), &c, 1.0);
    let pictures = c.flow.screens[healthy].gallery.len();
    for i in 0..pictures {
        p.press(Key::G, &c, 1.0);
        assert_eq!(p.picture(), Some(i));
    }
    p.press(Key::G, &c, 1.0);
    assert_eq!(p.picture(), None, "after the last picture, none");
    p.apply(Command::from(Talk::Picture(Some(pictures))), &c, 1.0);
    assert_eq!(p.picture(), None, "no such picture");
    p.apply(Command::from(Talk::Picture(Some(1))), &c, 1.0);
    p.press(Key::Escape, &c, 1.0);
    assert_eq!(p.picture(), None, "Esc closes the picture");
    p.apply(Command::from(Talk::Picture(Some(1))), &c, 1.0);
    p.press(Key::Right, &c, 1.0);
    assert_eq!(p.picture(), None, "a new slide opens with no picture");
}

#[test]
fn a_card_and_a_picture_never_show_together() {
    let (mut p, c) = start();
    let symptoms = at(&c, "risk-factors");
    p.apply(Command::from(Visit::GoTo(symptoms)), &c, 1.0);
    p.apply(Command::from(Visit::OpenCard("age".into())), &c, 1.0);
    p.apply(Command::from(Talk::Picture(Some(0))), &c, 1.0);
    assert_eq!(p.picture(), None, "this slide has no gallery");
    assert_eq!(p.open_card(), Some("age"));
}

#[test]
fn every_key_has_a_meaning_and_none_quits_but_ctrl_q() {
    let keys = [
        Key::Right,
        Key::Left,
        Key::Up,
        Key::Down,
        Key::PageDown,
        Key::PageUp,
        Key::Space,
        Key::Enter,
        Key::Backspace,
        Key::Home,
        Key::End,
        Key::Digit(3),
        Key::B,
        Key::Period,
        Key::W,
        Key::Tab,
        Key::O,
        Key::Escape,
        Key::F5,
        Key::ShiftF5,
        Key::P,
        Key::R,
        Key::H,
        Key::N,
        Key::V,
        Key::S,
        Key::C,
        Key::G,
        Key::CtrlQ,
    ];
    let (mut p, c) = start();
    for key in keys {
        let ends = p.press(key, &c, 1.0).contains(&Outcome::End);
        assert_eq!(ends, key == Key::CtrlQ, "{key:?}");
    }
}

#[test]
fn a_shows_the_right_answers_on_the_check_your_understanding_slide_only() {
    let (mut p, c) = start();
    let quiz = c
        .flow
        .screens
        .iter()
        .position(|s| s.kind == crate::content::ScreenKind::Quiz)
        .expect("a quiz slide");
    // Elsewhere, A changes nothing.
    p.press(Key::A, &c, 1.0);
    assert!(p.quiz().is_some_and(std::collections::BTreeMap::is_empty));
    p.apply(Command::from(Visit::GoTo(quiz)), &c, 1.0);
    assert!(
        p.quiz().is_some_and(std::collections::BTreeMap::is_empty),
        "hidden at first"
    );
    p.press(Key::A, &c, 2.0);
    let id = &c.flow.screens[quiz].id;
    let rights: Vec<usize> = c.language("en").screens[id]
        .quiz
        .iter()
        .map(|q| q.right)
        .collect();
    let shown: Vec<usize> = p.quiz().expect("a guide slide").values().copied().collect();
    assert_eq!(shown, rights, "each question shows its right answer");
    // The next slide and back: hidden again for the next group.
    p.press(Key::Right, &c, 3.0);
    p.press(Key::Left, &c, 4.0);
    assert!(p.quiz().is_some_and(std::collections::BTreeMap::is_empty));
}

#[test]
fn keys_that_mean_what_a_visitors_keys_mean_send_the_visitors_commands() {
    let (p, c) = start();
    let last = c.flow.screens.len() - 1;
    for (key, visit) in [
        (Key::Right, Visit::Next),
        (Key::PageDown, Visit::Next),
        (Key::Left, Visit::Back),
        (Key::PageUp, Visit::Back),
        (Key::Home, Visit::Home),
        (Key::End, Visit::GoTo(last)),
        (Key::S, Visit::ValveSqueeze),
    ] {
        assert_eq!(p.command_for(key), Command::Visit(visit), "{key:?}");
    }
    assert_eq!(
        p.command_for(Key::B),
        Command::Talk(Talk::Cover(Shade::Black))
    );
}

#[test]
fn the_kiosks_own_visits_change_nothing_in_a_talk() {
    let (mut p, c) = start();
    p.press(Key::Right, &c, 1.0);
    let before = p.clone();
    for visit in [
        Visit::StartAgain,
        Visit::StartCheck,
        Visit::CheckAnswer(crate::selfcheck::Answer::Yes),
        Visit::CheckSide(crate::selfcheck::Side::Left),
        Visit::CheckToggle("x".into()),
        Visit::CheckArm("x".into()),
        Visit::CheckBack,
        Visit::CheckContinue,
        Visit::FinishCheck,
        Visit::ShowCode(true),
        Visit::CloseHandoff,
        Visit::Begin(None),
        Visit::LargerText,
        Visit::HighContrast,
        Visit::ReadAloud,
        Visit::ReduceMotion,
    ] {
        assert!(
            p.apply(visit.clone().into(), &c, 2.0).is_empty(),
            "{visit:?}"
        );
        assert_eq!(p, before, "{visit:?}");
    }
}
