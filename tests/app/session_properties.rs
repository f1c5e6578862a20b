//! Any sequence of visitor commands, sensible or not, leaves the session somewhere real: a screen
//! that exists, its own valve, a card of that screen, an offered language, an overlay only over
//! the summary; wipes only count up. Run longer with PROPTEST_CASES=10000.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use vein_kiosk::command::Visit;
use vein_kiosk::content::Content;
use vein_kiosk::navigation::{Channel, Handoff, HandoffState, Route};
use vein_kiosk::selfcheck::{Answer, Often, Side, Step};
use vein_kiosk::session::{Event, Session};
use vein_kiosk::valve::ValveMode;

fn content() -> &'static Content {
    static CONTENT: std::sync::OnceLock<Content> = std::sync::OnceLock::new();
    CONTENT.get_or_init(|| Content::built_in().unwrap())
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("en".to_owned()),
        Just("es".to_owned()),
        Just("xx".to_owned()),
        Just("family".to_owned()),
        Just("age".to_owned()),
        Just("spider".to_owned()),
        Just("nurse".to_owned()),
        Just("nonsense".to_owned()),
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    let side = prop_oneof![
        Just(Side::Left),
        Just(Side::Right),
        Just(Side::Both),
        Just(Side::Neither)
    ];
    let often = prop_oneof![
        Just(None),
        Just(Some(Often::Sometimes)),
        Just(Some(Often::Often)),
        Just(Some(Often::MostDays))
    ];
    prop_oneof![
        Just(Answer::Yes),
        Just(Answer::No),
        Just(Answer::NotSure),
        Just(Answer::Skipped),
        (side, often).prop_map(|(s, o)| Answer::Legs(s, o)),
        prop::collection::btree_set(word(), 0..3).prop_map(Answer::Chose),
    ]
}

fn visit() -> impl Strategy<Value = Visit> {
    prop_oneof![
        Just(Visit::Next),
        Just(Visit::Back),
        Just(Visit::Home),
        (0usize..20).prop_map(Visit::GoTo),
        word().prop_map(Visit::SetLanguage),
        word().prop_map(Visit::OpenCard),
        Just(Visit::CloseCard),
        Just(Visit::StartAgain),
        Just(Visit::StartCheck),
        answer().prop_map(Visit::CheckAnswer),
        prop_oneof![
            Just(Side::Left),
            Just(Side::Right),
            Just(Side::Both),
            Just(Side::Neither)
        ]
        .prop_map(Visit::CheckSide),
        word().prop_map(Visit::CheckToggle),
        word().prop_map(Visit::CheckArm),
        (0usize..8, 0usize..8).prop_map(|(q, a)| Visit::QuizAnswer(q, a)),
        Just(Visit::CheckBack),
        Just(Visit::CheckContinue),
        Just(Visit::FinishCheck),
        any::<bool>().prop_map(Visit::ShowCode),
        Just(Visit::CloseHandoff),
        prop::option::of(word()).prop_map(Visit::Begin),
        prop_oneof![Just(ValveMode::Healthy), Just(ValveMode::Weak)].prop_map(Visit::ValveMode),
        Just(Visit::ValveSqueeze),
        Just(Visit::LargerText),
        Just(Visit::HighContrast),
        Just(Visit::ReadAloud),
        Just(Visit::ReduceMotion),
    ]
}

/// Which kind of visit a command is, numbered: written as a match with no catch-all, so a new
/// kind of visit does not compile here until it is numbered, and the test below then fails until
/// `visit()` makes it.
fn kind(v: &Visit) -> usize {
    match v {
        Visit::Next => 0,
        Visit::Back => 1,
        Visit::Home => 2,
        Visit::GoTo(_) => 3,
        Visit::SetLanguage(_) => 4,
        Visit::OpenCard(_) => 5,
        Visit::CloseCard => 6,
        Visit::QuizAnswer(..) => 7,
        Visit::StartAgain => 8,
        Visit::StartCheck => 9,
        Visit::CheckAnswer(_) => 10,
        Visit::CheckSide(_) => 11,
        Visit::CheckToggle(_) => 12,
        Visit::CheckArm(_) => 13,
        Visit::CheckBack => 14,
        Visit::CheckContinue => 15,
        Visit::FinishCheck => 16,
        Visit::ShowCode(_) => 17,
        Visit::CloseHandoff => 18,
        Visit::Begin(_) => 19,
        Visit::ValveMode(_) => 20,
        Visit::ValveSqueeze => 21,
        Visit::LargerText => 22,
        Visit::HighContrast => 23,
        Visit::ReadAloud => 24,
        Visit::ReduceMotion => 25,
    }
}
const KINDS: usize = 26;

#[test]
fn the_generator_makes_every_kind_of_visit_and_every_side() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = visit();
    let mut seen = [false; KINDS];
    let mut sides = std::collections::BTreeSet::new();
    for _ in 0..20_000 {
        let v = strategy.new_tree(&mut runner).unwrap().current();
        seen[kind(&v)] = true;
        if let Visit::CheckSide(side) = v {
            sides.insert(format!("{side:?}"));
        }
    }
    let missing: Vec<usize> = (0..KINDS).filter(|k| !seen[*k]).collect();
    assert!(missing.is_empty(), "kinds never generated: {missing:?}");
    assert_eq!(sides.len(), 4, "every side: {sides:?}");
}

/// Checks the session is somewhere real; says what is wrong if not.
fn consistent(s: &Session, c: &Content, kiosk: bool) -> Result<(), String> {
    if !c.languages.iter().any(|l| l.code == s.language) {
        return Err(format!("language {:?} is not offered", s.language));
    }
    match &s.route {
        Route::Attract if !kiosk => Err("the attract screen outside kiosk mode".into()),
        Route::Attract => Ok(()),
        Route::Guide(g) => {
            let screen = c.flow.screens.get(g.screen).ok_or("no such screen")?;
            if g.valve.as_ref().map(|v| v.mode()).is_some() != screen.valve.is_some() {
                return Err(format!("valve {:?} on screen {}", g.valve, screen.id));
            }
            if let Some(card) = &g.card
                && !screen.cards.contains(card)
            {
                return Err(format!("card {card} is not on {}", screen.id));
            }
            Ok(())
        }
        Route::Check(check) => {
            if check.from >= c.flow.screens.len() {
                return Err("began from no screen".into());
            }
            if check.overlay.is_some() && check.flow.step() != Step::Summary {
                return Err(format!("an overlay on {:?}", check.flow.step()));
            }
            Ok(())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300)
    ))]

    #[test]
    fn any_commands_keep_the_route_consistent(
        kiosk in any::<bool>(),
        visits in prop::collection::vec(visit(), 0..200),
        handoffs in prop::collection::vec(0u8..8, 0..10),
    ) {
        let c = content();
        let mut s = if kiosk { Session::kiosk(c, 0.0) } else { Session::new(c, 0.0) };
        let mut wipes = s.generation();
        for (i, v) in visits.into_iter().enumerate() {
            let now = i as f64 * 0.5;
            let events = s.apply(v.clone(), c, now);
            s.tick_valve(now, i % 3 == 0);
            // Jobs report back at odd moments; only the summary shows them.
            if let Some(h) = handoffs.get(i % 10.max(handoffs.len())) {
                let shown = s.set_handoff(match h {
                    0 => Handoff::new(Channel::Printer, HandoffState::Running),
                    1 => Handoff::new(Channel::Printer, HandoffState::Done),
                    2 => Handoff::new(Channel::Printer, HandoffState::Failed("x".into())),
                    3 => Handoff::new(Channel::Folder, HandoffState::Running),
                    4 => Handoff::new(Channel::Folder, HandoffState::Done),
                    5 => Handoff::new(
                        Channel::Record,
                        HandoffState::Recorded {
                            reference: "7KQ-42M".into(),
                            delivered: false,
                        },
                    ),
                    _ => Handoff::new(Channel::Folder, HandoffState::Failed("y".into())),
                });
                prop_assert_eq!(shown, s.route.check_step() == Some(Step::Summary));
            }
            prop_assert!(s.generation() >= wipes);
            if events.contains(&Event::Wiped) {
                prop_assert!(s.generation() > wipes, "a wipe counts");
                prop_assert_eq!(&s.language, s.default_language());
                prop_assert_eq!(s.route.is_attract(), kiosk);
            }
            wipes = s.generation();
            if let Err(why) = consistent(&s, c, kiosk) {
                prop_assert!(false, "after {:?}: {}", v, why);
            }
        }
    }
}
