//! Every control does what its label says. On every guide screen, with a card open, on every kind
//! of self-check step and on the summary with its overlays, in both languages, each button is
//! tapped by its label and something a person can see or staff can count must change: the route,
//! a selection, the valve, an answer, a job. The only taps allowed to change nothing are choosing
//! what is already chosen (listed by name below, with the reason).
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
use vein_kiosk::content::Content;
use vein_kiosk::effects::{Outcome, RecordingEffects};
use vein_kiosk::navigation::Route;
use vein_kiosk::selfcheck::Step;
use vein_kiosk::valve::ValveMode;

/// What a person or staff could notice about the app, leaving out what any press changes anyway
/// (the valve's "last touched" time).
fn fingerprint(app: &App) -> String {
    let s = app.session();
    let route = match &s.route {
        Route::Attract => "attract".to_owned(),
        Route::Guide(g) => format!(
            "guide {} card {:?} valve {:?} quiz {:?} leaflet {:?}",
            g.screen,
            g.card,
            g.valve.as_ref().map(|v| (v.mode(), v.squeezes_asked())),
            g.quiz,
            g.leaflet
        ),
        Route::Check(c) => format!(
            "check {:?} draft {:?} overlay {:?} answers {:?} from {}",
            c.flow.step(),
            c.draft,
            c.overlay,
            c.flow.answers(),
            c.from
        ),
    };
    format!(
        "{route} | {} | {:?} | wipes {} | jobs {}",
        s.language,
        s.choices,
        s.generation(),
        app.jobs_running()
    )
}

/// Content that offers every way to hand over the answers (through recording stand-ins).
fn everything_offered() -> Content {
    let mut c = content();
    c.settings.print_command = Some(vec!["lp".into()]);
    c.settings.handoff_folder = Some("/nonexistent/front-desk".into());
    c
}

fn harness(effects: &RecordingEffects) -> Harness<'static, App> {
    let effects = effects.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(32)
        .build_eframe(move |_cc| {
            App::new(everything_offered(), &[]).with_effects(Arc::new(effects))
        });
    h.run_ok();
    h
}

/// Lets background jobs finish, so the next state can be reached.
fn settle(h: &mut Harness<'_, App>) {
    let start = Instant::now();
    while h.state().jobs_running() > 0 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "a job never ended"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run_ok();
}

/// Puts the app in a state by the command path (the state's own controls are what is tested).
fn reach(h: &mut Harness<'_, App>, lang: &str, steps: &[Visit]) {
    settle(h);
    h.state_mut().apply(Visit::CloseHandoff);
    h.state_mut().apply(Visit::StartAgain);
    h.state_mut().apply(Visit::SetLanguage(lang.into()));
    for step in steps {
        h.state_mut().apply(step.clone());
    }
    h.run_ok();
}

/// Every button shown, by label, with its place among buttons of the same label and whether it
/// is a choice already chosen.
fn buttons(h: &Harness<'_, App>) -> Vec<(String, usize, bool)> {
    let mut seen: Vec<(String, usize, bool)> = Vec::new();
    let controls = h
        .query_all_by_role(Role::Button)
        .chain(h.query_all_by_role(Role::CheckBox));
    for node in controls {
        let label = node.accesskit_node().label().unwrap_or_default();
        let chosen = node.accesskit_node().toggled() == Some(Toggled::True);
        let nth = seen.iter().filter(|(l, _, _)| *l == label).count();
        seen.push((label, nth, chosen));
    }
    seen
}

/// Taps each button of the state `steps` lead to, from a fresh copy of that state each time, and
/// notes what changed nothing. Over a modal (an open card, the QR code) only the modal's own
/// buttons are tapped: `under` leads to what it covers, whose buttons cannot be reached.
fn tap_each(
    h: &mut Harness<'_, App>,
    lang: &str,
    name: &str,
    (steps, under): (&[Visit], Option<&[Visit]>),
    dead: &mut Vec<String>,
    no_ops: &mut Vec<String>,
) {
    let covered = under.map_or_else(Vec::new, |under| {
        reach(h, lang, under);
        buttons(h)
    });
    reach(h, lang, steps);
    let all: Vec<_> = buttons(h)
        .into_iter()
        .filter(|b| !covered.contains(b))
        .collect();
    assert!(!all.is_empty(), "{lang} {name}: no buttons at all");
    for (label, nth, chosen) in all {
        reach(h, lang, steps);
        let before = fingerprint(h.state());
        let node = h
            .query_all_by_label(&label)
            .filter(|n| matches!(n.accesskit_node().role(), Role::Button | Role::CheckBox))
            .nth(nth)
            .unwrap_or_else(|| panic!("{lang} {name}: {label:?} went away"));
        node.scroll_to_me();
        h.run_ok();
        h.query_all_by_label(&label)
            .filter(|n| matches!(n.accesskit_node().role(), Role::Button | Role::CheckBox))
            .nth(nth)
            .unwrap()
            .click();
        h.run_ok();
        if fingerprint(h.state()) == before {
            let what = format!("{lang} {name}: {label:?}");
            if chosen {
                no_ops.push(what);
            } else {
                dead.push(what);
            }
        }
    }
}

#[test]
fn every_control_on_every_screen_and_step_changes_something() {
    let c = content();
    let effects = RecordingEffects::new();
    let mut h = harness(&effects);
    let mut dead = Vec::new();
    let mut no_ops = Vec::new();
    for lang in ["en", "es"] {
        for (i, screen) in c.flow.screens.iter().enumerate() {
            let here = [Visit::GoTo(i)];
            tap_each(
                &mut h,
                lang,
                &screen.id,
                (&here, None),
                &mut dead,
                &mut no_ops,
            );
            if let Some(card) = screen.cards.first() {
                let steps = [Visit::GoTo(i), Visit::OpenCard(card.clone())];
                let name = format!("{} card {card}", screen.id);
                let state = (&steps[..], Some(&here[..]));
                tap_each(&mut h, lang, &name, state, &mut dead, &mut no_ops);
            }
        }
        for (name, steps) in check_states() {
            let mut all = vec![Visit::StartCheck];
            all.extend(steps);
            tap_each(&mut h, lang, name, (&all, None), &mut dead, &mut no_ops);
            if name == "summary" {
                let mut code = all.clone();
                code.push(Visit::ShowCode(true));
                let state = (&code[..], Some(&all[..]));
                tap_each(&mut h, lang, "summary code", state, &mut dead, &mut no_ops);
            }
        }
    }
    assert!(
        dead.is_empty(),
        "controls that did nothing:\n{}",
        dead.join("\n")
    );
    // Choosing again what is already chosen changes nothing, on purpose: the language shown,
    // the valve mode shown, the legs already picked, the section already open in the progress
    // bar. Nothing else may be a no-op.
    let mut chosen_again: Vec<String> = Vec::new();
    for l in &c.languages {
        chosen_again.push(l.name.clone());
        chosen_again.extend([l.ui.valve_healthy.clone(), l.ui.valve_weak.clone()]);
        let s = &l.selfcheck.ui;
        chosen_again.extend([s.left.clone(), s.right.clone(), s.both.clone()]);
        chosen_again.extend(l.sections.values().cloned());
    }
    for what in &no_ops {
        assert!(
            chosen_again
                .iter()
                .any(|label| what.ends_with(&format!("{label:?}"))),
            "an unexpected no-op: {what}"
        );
    }
    assert!(
        !no_ops.is_empty(),
        "the chosen language is always there to re-choose"
    );
}

#[test]
fn weak_valves_leak_healthy_valves_shut_and_squeeze_squeezes() {
    let c = content();
    let effects = RecordingEffects::new();
    let mut h = harness(&effects);
    let words = &c.language("en").ui;
    let at = c
        .flow
        .screens
        .iter()
        .position(|s| s.valve == Some(ValveMode::Healthy))
        .unwrap();
    reach(&mut h, "en", &[Visit::GoTo(at)]);
    let valve = |h: &Harness<'_, App>| h.state().session().route.valve().cloned().unwrap();
    let squeezes = valve(&h).squeezes_asked();

    // A tap on empty space is not a squeeze.
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(5.0, 600.0),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(5.0, 600.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_ok();
    assert_eq!(
        valve(&h).squeezes_asked(),
        squeezes,
        "no squeeze from empty space"
    );

    common::tap(&mut h, &words.valve_weak);
    assert_eq!(valve(&h).mode(), ValveMode::Weak);
    common::tap(&mut h, &words.valve_squeeze);
    let v = valve(&h);
    assert_eq!(v.squeezes_asked(), squeezes + 1);
    // Through a whole squeeze, weak valves let blood slip back and pool.
    let now = h.ctx.input(|i| i.time);
    let mut model = v.clone();
    let mut slipped = false;
    for step in 0..40 {
        let t = now + f64::from(step) * 0.1;
        model.tick(t);
        slipped |= model.frame(t).slipping;
    }
    assert!(slipped, "weak valves: blood slips back");
    assert!(
        model.frame(now + 4.0).pool > 0.0,
        "weak valves: blood pools"
    );

    common::tap(&mut h, &words.valve_healthy);
    let mut model = valve(&h);
    assert_eq!(model.mode(), ValveMode::Healthy);
    for step in 0..40 {
        let t = now + 10.0 + f64::from(step) * 0.1;
        model.tick(t);
        assert!(!model.frame(t).slipping, "healthy valves never leak");
    }
    assert!(
        h.get_by_role_and_label(Role::Button, &words.valve_healthy)
            .accesskit_node()
            .toggled()
            == Some(Toggled::True),
        "the mode shown is exposed as selected"
    );
    assert!(
        h.get_by_role_and_label(Role::Button, &words.valve_squeeze)
            .accesskit_node()
            .toggled()
            .is_none(),
        "an action is not a toggle"
    );
}

#[test]
fn while_printing_no_key_or_swipe_leaves_the_check() {
    let effects = RecordingEffects::new();
    effects.set_print(Outcome::Hang);
    let mut h = harness(&effects);
    let mut steps = common::summary_steps();
    steps.insert(0, Visit::StartCheck);
    reach(&mut h, "en", &steps);
    let w = content().language("en").selfcheck.clone();
    h.get_all_by_role_and_label(Role::Button, &w.handoff.print)
        .next()
        .unwrap()
        .click();
    h.step();
    h.step();
    let printing = |h: &Harness<'_, App>| h.state().session().handoff_running();
    assert!(printing(&h));
    for key in [
        egui::Key::ArrowLeft,
        egui::Key::PageUp,
        egui::Key::Escape,
        egui::Key::Home,
        egui::Key::ArrowRight,
        egui::Key::Space,
    ] {
        // A step is a quarter second of the app's clock; the printer's 20 s limit must not run
        // out while keys are pressed.
        h.key_press(key);
        h.step();
        h.step();
        assert!(printing(&h), "{key:?} left the printing message");
        assert_eq!(
            h.state().session().route.check_step(),
            Some(Step::Summary),
            "{key:?}"
        );
    }
    effects.release();
    settle(&mut h);
    assert!(!printing(&h));
    assert!(
        h.state().session().route.handoff().is_some(),
        "the outcome is shown"
    );
}
