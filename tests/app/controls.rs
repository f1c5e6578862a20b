//! Every control does what its label says. On every guide screen, with a card open, on every kind
//! of self-check step and on the summary with its overlays (the QR code, the answers printed or
//! sent, and failing to), in both languages, each button is tapped by its label and the change it
//! is for must follow: Next the next screen, a language its words with the place kept, a card
//! title that card, an answer that answer recorded, Print a print, and so on. What a label does is
//! worked out here from the content's words, not asked of the app; a label the test does not know
//! fails it, so a new control cannot pass unchecked. In kiosk mode, "Yes, I am here", every key of
//! the staff PIN pad and every button of the staff menu are tapped the same way.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{check_states, content};
use egui::accesskit::{Role, Toggled};
use egui::{ViewportCommand, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use vein_kiosk::app::{App, STAFF_CORNER};
use vein_kiosk::command::{JobRequest, Visit};
use vein_kiosk::content::{Content, FhirAuth, FhirServer, Language};
use vein_kiosk::effects::{Call, Outcome, RecordingEffects};
use vein_kiosk::job::JobStatus;
use vein_kiosk::kiosk::{Idle, STAFF_PRESS_SECONDS, Staff};
use vein_kiosk::navigation::{Channel, Check, LeafletPrint, Overlay, Route};
use vein_kiosk::outbox::Outbox;
use vein_kiosk::selfcheck::{Answer, CheckFlow, Often, QuestionKind, Side, Step};
use vein_kiosk::session::{Choices, Session};
use vein_kiosk::valve::ValveMode;

/// What a person or staff could notice about the app, leaving out what any press changes anyway
/// (the valve's "last touched" time).
fn fingerprint(app: &App) -> String {
    let s = app.session();
    format!(
        "{} | {} | {:?} | wipes {} | jobs {}",
        fingerprint_route(&s.route),
        s.language,
        s.choices,
        s.generation(),
        app.jobs_running()
    )
}

fn fingerprint_route(route: &Route) -> String {
    match route {
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
    }
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

/// Lets background jobs finish, so the next state can be reached. `wait_for_jobs` waits a
/// quarter second per step, as long as each step moves the app's clock: the clock must not outrun
/// the job's thread (making a PDF takes seconds in a debug build), or the job's time limit runs
/// out.
fn settle(h: &mut Harness<'_, App>) {
    common::wait_for_jobs(h);
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

/// How a state is reached: visitor commands, then perhaps a job that is let finish (the answers
/// printed, so the message about it shows).
#[derive(Clone, Default)]
struct Way {
    steps: Vec<Visit>,
    job: Option<JobRequest>,
    /// The job fails (the printer is out of paper, the folder cannot be reached).
    fails: bool,
}

impl Way {
    fn visits(steps: &[Visit]) -> Self {
        Self {
            steps: steps.to_vec(),
            job: None,
            fails: false,
        }
    }
}

fn reach_way(h: &mut Harness<'_, App>, effects: &RecordingEffects, lang: &str, way: &Way) {
    reach(h, lang, &way.steps);
    if let Some(job) = way.job {
        if way.fails {
            effects.set_print(Outcome::Fail("out of paper".into()));
            effects.set_send(Outcome::Fail("the folder is not there".into()));
        }
        h.state_mut().apply(job);
        // Queued commands are carried out at the next frame: start the job, then let it end.
        h.step();
        settle(h);
        effects.set_print(Outcome::Succeed);
        effects.set_send(Outcome::Succeed);
    }
}

/// What a button must do, known from its label and where it is: the test's own idea of each
/// control, not the app's.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Effect {
    /// This guide screen, with no card open.
    Screen(usize),
    /// Every word in this language; the place, answers and choices stay.
    Language(String),
    /// These choices of text size, contrast, speech and motion; the place stays.
    Choices(Choices),
    OpenCard(String),
    CloseCard,
    Valve(ValveMode),
    Squeeze,
    /// This answer picked for this question of "Check your understanding".
    Quiz(usize, usize),
    /// The take-home leaflet printed.
    Leaflet,
    /// The self-check begun at its first question, from this screen.
    StartCheck,
    /// Everything of this visitor forgotten: the first screen, the default language and choices.
    StartOver,
    /// This answer recorded for the question shown, and the check moved on.
    Answer(Answer),
    /// These legs picked; nothing answered yet.
    Side(Side),
    /// This option ticked or unticked; nothing answered yet.
    Toggle(String),
    /// Back one step of the check (out of it from its first question), answers kept.
    CheckBack,
    /// On from a red-flag alert to what follows it.
    Continue,
    /// The answers shown as a QR code.
    ShowCode,
    /// The QR code or the printing message closed, the summary under it.
    CloseOverlay,
    /// The answers handed over through this channel.
    Handoff(Channel),
}

/// The effects found for one label.
struct Found<'a> {
    label: &'a str,
    effects: Vec<Effect>,
}

impl Found<'_> {
    /// A control named `words` is there for `effect`.
    fn is(&mut self, words: &str, effect: Effect) {
        if words == self.label && !self.effects.contains(&effect) {
            self.effects.push(effect);
        }
    }
}

/// Every effect a button with `label` may have in the state `before` (more than one means two
/// different controls share a name). Empty: a control the test does not know.
fn effects_of(label: &str, before: &Session, c: &Content) -> Vec<Effect> {
    let l = c.language(&before.language);
    let mut found = Found {
        label,
        effects: Vec::new(),
    };
    // The visitor's own controls and the language switch, on every guide screen and step.
    let mut choices = before.choices;
    choices.text = choices.text.next();
    found.is(&l.ui.larger_text, Effect::Choices(choices));
    for (words, flip) in [
        (&l.ui.high_contrast, 0),
        (&l.ui.read_aloud, 1),
        (&l.ui.reduce_motion, 2),
    ] {
        let mut choices = before.choices;
        match flip {
            0 => choices.high_contrast = !choices.high_contrast,
            1 => choices.read_aloud = !choices.read_aloud,
            _ => choices.reduce_motion = !choices.reduce_motion,
        }
        found.is(words, Effect::Choices(choices));
    }
    for language in &c.languages {
        found.is(&language.name, Effect::Language(language.code.clone()));
    }
    match &before.route {
        Route::Attract => {}
        Route::Guide(g) => guide_effects(&mut found, g.screen, l, c),
        Route::Check(check) => check_effects(&mut found, check, l, c),
    }
    found.effects
}

/// The guide's controls on screen `at`: sections, the footer, the valve, cards, the quiz, the
/// leaflet.
fn guide_effects(found: &mut Found<'_>, at: usize, l: &Language, c: &Content) {
    let def = &c.flow.screens[at];
    for section in &c.flow.sections {
        let name = l.sections.get(section).unwrap_or(section);
        let first = c.flow.screens.iter().position(|s| s.section == *section);
        found.is(name, Effect::Screen(first.unwrap()));
    }
    found.is(&l.ui.start, Effect::Screen(at + 1));
    found.is(&l.ui.next, Effect::Screen(at + 1));
    found.is(&l.ui.back, Effect::Screen(at.saturating_sub(1)));
    found.is(&l.ui.home, Effect::Screen(0));
    found.is(&l.ui.start_again, Effect::StartOver);
    found.is(&l.selfcheck.ui.start, Effect::StartCheck);
    found.is(&l.ui.close, Effect::CloseCard);
    if def.valve.is_some() {
        found.is(&l.ui.valve_healthy, Effect::Valve(ValveMode::Healthy));
        found.is(&l.ui.valve_weak, Effect::Valve(ValveMode::Weak));
        found.is(&l.ui.valve_squeeze, Effect::Squeeze);
    }
    if def.offer_leaflet {
        found.is(&l.leaflet.button, Effect::Leaflet);
    }
    if let Some(text) = l.screens.get(&def.id) {
        for id in &def.cards {
            let title = text.cards.get(id).map_or(id.as_str(), |t| t.title.as_str());
            found.is(title, Effect::OpenCard(id.clone()));
        }
        for (q, question) in text.quiz.iter().enumerate() {
            for (a, answer) in question.answers.iter().enumerate() {
                found.is(&c.fill(answer), Effect::Quiz(q, a));
            }
        }
    }
}

/// The self-check's controls at its current step, and over the summary.
fn check_effects(found: &mut Found<'_>, check: &Check, l: &Language, c: &Content) {
    let w = &l.selfcheck;
    found.is(&w.summary.close, Effect::CloseOverlay);
    match check.flow.step() {
        Step::Question(i) => {
            let q = &c.selfcheck.questions[i];
            let options = w.questions.get(&q.id).map(|t| &t.options);
            let option = |id: &str| {
                options
                    .and_then(|o| o.get(id))
                    .map_or(id.to_owned(), Clone::clone)
            };
            found.is(&w.ui.back, Effect::CheckBack);
            found.is(&w.ui.not_sure, Effect::Answer(Answer::NotSure));
            found.is(&w.ui.skip, Effect::Answer(Answer::Skipped));
            match &q.kind {
                QuestionKind::YesNo => {
                    found.is(&w.ui.yes, Effect::Answer(Answer::Yes));
                    found.is(&w.ui.no, Effect::Answer(Answer::No));
                }
                QuestionKind::Legs => {
                    found.is(&w.ui.left, Effect::Side(Side::Left));
                    found.is(&w.ui.right, Effect::Side(Side::Right));
                    found.is(&w.ui.both, Effect::Side(Side::Both));
                    let neither = Answer::Legs(Side::Neither, None);
                    found.is(&w.ui.neither, Effect::Answer(neither));
                    if let Some(side) = check.draft.side {
                        for (words, often) in [
                            (&w.ui.sometimes, Often::Sometimes),
                            (&w.ui.often, Often::Often),
                            (&w.ui.most_days, Often::MostDays),
                        ] {
                            found.is(words, Effect::Answer(Answer::Legs(side, Some(often))));
                        }
                    }
                }
                QuestionKind::One(all) => {
                    for o in all {
                        let one = Answer::Chose([o.id.clone()].into());
                        found.is(&option(&o.id), Effect::Answer(one));
                    }
                }
                QuestionKind::Many(all) => {
                    for o in all {
                        found.is(&option(&o.id), Effect::Toggle(o.id.clone()));
                    }
                    let none = Answer::Chose(Default::default());
                    found.is(&w.ui.none_of_these, Effect::Answer(none));
                    let ticked = Answer::Chose(check.draft.chosen.clone());
                    found.is(&w.ui.next, Effect::Answer(ticked));
                }
            }
        }
        Step::Alert(_, flag) => {
            found.is(&w.ui.back, Effect::CheckBack);
            if let Some(alert) = w.alerts.get(&flag) {
                found.is(&alert.button, Effect::Continue);
            }
        }
        Step::Summary => {
            found.is(&w.summary.change_answers, Effect::CheckBack);
            found.is(&w.summary.finish, Effect::StartOver);
            found.is(&w.summary.show_to_staff, Effect::ShowCode);
            found.is(&w.handoff.print, Effect::Handoff(Channel::Printer));
            found.is(&w.handoff.send, Effect::Handoff(Channel::Folder));
        }
    }
}

/// Where the visitor is, without the valve's clock: screen, card, valve, quiz, leaflet, or step,
/// draft, overlay and answers.
fn place(s: &Session) -> String {
    fingerprint_route(&s.route)
}

/// Calls to the printer and the hand-off folder so far.
fn handed(effects: &RecordingEffects) -> (usize, usize) {
    let calls = effects.calls();
    let prints = calls.iter().filter(|c| matches!(c, Call::Print { .. }));
    let sends = calls.iter().filter(|c| matches!(c, Call::Send { .. }));
    (prints.count(), sends.count())
}

/// Whether the app now shows `effect`'s result, against `before`.
fn check_effect(
    effect: &Effect,
    before: &Session,
    h: &mut Harness<'_, App>,
    effects: &RecordingEffects,
    handed_before: (usize, usize),
) -> Result<(), String> {
    let c = h.state().content().clone();
    let after = h.state().session().clone();
    match effect {
        Effect::Leaflet | Effect::Handoff(_) => job_done(effect, h, effects, handed_before),
        Effect::Answer(_)
        | Effect::Side(_)
        | Effect::Toggle(_)
        | Effect::CheckBack
        | Effect::Continue
        | Effect::ShowCode
        | Effect::CloseOverlay => check_moved(effect, before, &after, &c),
        _ => guide_moved(effect, before, &after, &c),
    }
}

/// Fails with "`what` changed" unless `ok`: something that had to stay.
fn same(what: &str, ok: bool) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("{what} changed"))
    }
}

/// Fails with `what` (what should have happened) unless `ok`.
fn want(what: String, ok: bool) -> Result<(), String> {
    if ok { Ok(()) } else { Err(what) }
}

/// A guide control's effect, or one shown everywhere (a language, a choice, starting over).
fn guide_moved(
    effect: &Effect,
    before: &Session,
    after: &Session,
    c: &Content,
) -> Result<(), String> {
    let guide = after.route.guide();
    let check = after.route.check();
    match effect {
        Effect::Screen(n) => {
            want(
                format!("screen {n} with no card"),
                guide.is_some_and(|g| g.screen == *n && g.card.is_none()),
            )?;
            same("the language", after.language == before.language)?;
            same("the session", after.generation() == before.generation())
        }
        Effect::Language(code) => {
            want(format!("language {code}"), after.language == *code)?;
            same("the place", place(after) == place(before))?;
            same("the choices", after.choices == before.choices)
        }
        Effect::Choices(choices) => {
            want(format!("{choices:?}"), after.choices == *choices)?;
            same("the place", place(after) == place(before))?;
            same("the language", after.language == before.language)
        }
        Effect::OpenCard(id) => want(
            format!("card {id} open on the same screen"),
            guide.is_some_and(|g| {
                g.card.as_deref() == Some(id.as_str())
                    && Some(g.screen) == before.route.guide().map(|b| b.screen)
            }),
        ),
        Effect::CloseCard => want(
            "no card, the same screen".into(),
            guide.is_some_and(|g| {
                g.card.is_none() && Some(g.screen) == before.route.guide().map(|b| b.screen)
            }),
        ),
        Effect::Valve(mode) => want(
            format!("valves {mode:?}"),
            after.route.valve().is_some_and(|v| v.mode() == *mode),
        ),
        Effect::Squeeze => {
            let asked = |s: &Session| s.route.valve().map(|v| v.squeezes_asked());
            want(
                "one squeeze more".into(),
                asked(after) == asked(before).map(|n| n + 1),
            )
        }
        Effect::Quiz(q, a) => want(
            format!("answer {a} to question {q}"),
            guide.is_some_and(|g| g.quiz.get(q) == Some(a)),
        ),
        Effect::StartCheck => {
            let first = CheckFlow::start(&c.selfcheck).step();
            want(
                format!("the check at {first:?}, from this screen, nothing answered"),
                check.is_some_and(|k| {
                    k.flow.step() == first
                        && k.flow.answers().0.is_empty()
                        && Some(k.from) == before.route.guide().map(|g| g.screen)
                }),
            )?;
            same("the language", after.language == before.language)
        }
        Effect::StartOver => {
            want(
                "a new session".into(),
                after.generation() == before.generation() + 1,
            )?;
            want(
                "the first screen".into(),
                guide.is_some_and(|g| g.screen == 0 && g.card.is_none()),
            )?;
            want(
                "the default language".into(),
                after.language == before.default_language(),
            )?;
            want(
                "the clinic's choices".into(),
                after.choices == Session::new(c, 0.0).choices,
            )
        }
        _ => unreachable!("{effect:?}"),
    }
}

/// A self-check control's effect.
fn check_moved(
    effect: &Effect,
    before: &Session,
    after: &Session,
    c: &Content,
) -> Result<(), String> {
    let guide = after.route.guide();
    let check = after.route.check();
    let was = before.route.check();
    let answers = |s: Option<&Check>| s.map(|c| c.flow.answers().clone());
    match effect {
        Effect::Answer(answer) => {
            let k = check.ok_or("the check was left")?;
            let b = was.unwrap();
            let Step::Question(i) = b.flow.step() else {
                return Err("no question was shown".into());
            };
            let id = &c.selfcheck.questions[i].id;
            want(
                format!("{id}: {answer:?}, not {:?}", k.flow.answers().get(id)),
                k.flow.answers().get(id) == Some(answer),
            )?;
            want("the check moved on".into(), k.flow.step() != b.flow.step())
        }
        Effect::Side(side) => {
            want(
                format!("{side:?} picked"),
                check.is_some_and(|k| k.draft.side == Some(*side)),
            )?;
            same(
                "the step",
                after.route.check_step() == before.route.check_step(),
            )?;
            same("the answers", answers(check) == answers(was))
        }
        Effect::Toggle(id) => {
            let mut chosen = was.unwrap().draft.chosen.clone();
            if !chosen.remove(id) {
                chosen.insert(id.clone());
            }
            want(
                format!("{id} ticked or unticked"),
                check.is_some_and(|k| k.draft.chosen == chosen),
            )?;
            same(
                "the step",
                after.route.check_step() == before.route.check_step(),
            )?;
            same("the answers", answers(check) == answers(was))
        }
        Effect::CheckBack => {
            let b = was.unwrap();
            if b.flow.answered_count() == 0 {
                return want(
                    format!("back on screen {}", b.from),
                    guide.is_some_and(|g| g.screen == b.from),
                );
            }
            let k = check.ok_or("the check was left")?;
            let back = match (b.flow.step(), k.flow.step()) {
                (Step::Alert(i, _), Step::Question(j)) => i == j,
                (Step::Question(i), Step::Question(j)) => j < i,
                (Step::Summary, Step::Question(_)) => true,
                _ => false,
            };
            want(
                format!("back from {:?}, not {:?}", b.flow.step(), k.flow.step()),
                back,
            )?;
            same("the answers", answers(check) == answers(was))
        }
        Effect::Continue => {
            let Step::Alert(i, _) = was.unwrap().flow.step() else {
                return Err("no alert was shown".into());
            };
            let on = check.map(|k| k.flow.step());
            want(
                format!("on from the alert after question {i}, not {on:?}"),
                matches!(on, Some(Step::Question(j)) if j > i) || on == Some(Step::Summary),
            )?;
            same("the answers", answers(check) == answers(was))
        }
        Effect::ShowCode => want(
            "the QR code".into(),
            check.is_some_and(|k| k.overlay == Some(Overlay::Code)),
        ),
        Effect::CloseOverlay => {
            want(
                "the summary, uncovered".into(),
                check.is_some_and(|k| k.overlay.is_none() && k.flow.step() == Step::Summary),
            )?;
            same("the answers", answers(check) == answers(was))
        }
        _ => unreachable!("{effect:?}"),
    }
}

/// A control that starts a job: it shows at once as under way, and when it ends there was one
/// call through the effects and its outcome is shown.
fn job_done(
    effect: &Effect,
    h: &mut Harness<'_, App>,
    effects: &RecordingEffects,
    handed_before: (usize, usize),
) -> Result<(), String> {
    let want = |what: String, ok: bool| if ok { Ok(()) } else { Err(what) };
    let after = h.state().session().clone();
    let guide = after.route.guide();
    let check = after.route.check();
    match effect {
        Effect::Leaflet => {
            want(
                "the leaflet printing".into(),
                guide.is_some_and(|g| g.leaflet.is_some()),
            )?;
            settle(h);
            want("one print".into(), handed(effects).0 == handed_before.0 + 1)?;
            let printed = h.state().session().route.guide().map(|g| g.leaflet.clone());
            want(
                format!("the leaflet printed, not {printed:?}"),
                printed == Some(Some(LeafletPrint::Printed)),
            )
        }
        Effect::Handoff(channel) => {
            let overlay = check.and_then(|k| k.overlay.clone());
            want(
                format!("{channel:?} at work, not {overlay:?}"),
                matches!(&overlay, Some(Overlay::Handoff(h)) if h.channel == *channel),
            )?;
            settle(h);
            let (prints, sends) = handed(effects);
            let (one_more, other) = match channel {
                Channel::Printer => (prints == handed_before.0 + 1, sends == handed_before.1),
                Channel::Folder | Channel::Record => {
                    (sends == handed_before.1 + 1, prints == handed_before.0)
                }
            };
            want(
                format!("one hand-off through {channel:?}"),
                one_more && other,
            )?;
            let overlay = h
                .state()
                .session()
                .route
                .check()
                .and_then(|k| k.overlay.clone());
            want(
                format!("the outcome shown, not {overlay:?}"),
                matches!(&overlay, Some(Overlay::Handoff(h)) if h.channel == *channel && !h.is_running()),
            )
        }
        _ => unreachable!("{effect:?}"),
    }
}

/// Taps each button of the state `way` leads to, from a fresh copy of that state each time, and
/// checks that it did what it is for. Over a modal (an open card, the QR code, the printing
/// message) only the modal's own buttons are tapped: `under` leads to what it covers, whose
/// buttons cannot be reached.
fn tap_each(
    h: &mut Harness<'_, App>,
    effects: &RecordingEffects,
    (lang, name): (&str, &str),
    (way, under): (&Way, Option<&Way>),
    failures: &mut Vec<String>,
) {
    let covered = under.map_or_else(Vec::new, |under| {
        reach_way(h, effects, lang, under);
        buttons(h)
    });
    reach_way(h, effects, lang, way);
    let all: Vec<_> = buttons(h)
        .into_iter()
        .filter(|b| !covered.contains(b))
        .collect();
    assert!(!all.is_empty(), "{lang} {name}: no buttons at all");
    for (label, nth, chosen) in all {
        reach_way(h, effects, lang, way);
        let before = h.state().session().clone();
        let print = fingerprint(h.state());
        let what = format!("{lang} {name}: {label:?}");
        let expected = effects_of(&label, &before, h.state().content());
        let effect = match expected.as_slice() {
            [] => {
                failures.push(format!(
                    "{what}: a control the test does not know: add what it should do"
                ));
                continue;
            }
            [one] => one.clone(),
            many => {
                failures.push(format!("{what}: one name for different controls: {many:?}"));
                continue;
            }
        };
        let handed_before = handed(effects);
        let node = h
            .query_all_by_label(&label)
            .filter(|n| matches!(n.accesskit_node().role(), Role::Button | Role::CheckBox))
            .nth(nth)
            .unwrap_or_else(|| panic!("{what} went away"));
        node.scroll_to_me();
        h.run_ok();
        h.query_all_by_label(&label)
            .filter(|n| matches!(n.accesskit_node().role(), Role::Button | Role::CheckBox))
            .nth(nth)
            .unwrap()
            .click();
        h.run_ok();
        if fingerprint(h.state()) == print && !chosen {
            failures.push(format!("{what}: did nothing (expected {effect:?})"));
            continue;
        }
        if let Err(why) = check_effect(&effect, &before, h, effects, handed_before) {
            failures.push(format!("{what}: expected {effect:?}: {why}"));
        }
    }
}

#[test]
fn every_control_on_every_screen_and_step_does_what_its_label_says() {
    let c = content();
    let effects = RecordingEffects::new();
    let mut h = harness(&effects);
    let mut failures = Vec::new();
    let mut f = |h: &mut Harness<'_, App>, lang, name: &str, way: &Way, under: Option<&Way>| {
        tap_each(h, &effects, (lang, name), (way, under), &mut failures);
    };
    for lang in ["en", "es"] {
        for (i, screen) in c.flow.screens.iter().enumerate() {
            let here = Way::visits(&[Visit::GoTo(i)]);
            f(&mut h, lang, &screen.id, &here, None);
            if let Some(card) = screen.cards.first() {
                let open = Way::visits(&[Visit::GoTo(i), Visit::OpenCard(card.clone())]);
                let name = format!("{} card {card}", screen.id);
                f(&mut h, lang, &name, &open, Some(&here));
            }
        }
        for (name, steps) in check_states() {
            let mut all = vec![Visit::StartCheck];
            all.extend(steps);
            let way = Way::visits(&all);
            f(&mut h, lang, name, &way, None);
            if name == "summary" {
                let mut code = all.clone();
                code.push(Visit::ShowCode(true));
                f(
                    &mut h,
                    lang,
                    "summary code",
                    &Way::visits(&code),
                    Some(&way),
                );
                // Done and failed show different buttons; a failed send shows what a failed
                // print does.
                let handed = [
                    (JobRequest::PrintAnswers, false),
                    (JobRequest::PrintAnswers, true),
                    (JobRequest::SendToStaff, false),
                ];
                for (job, fails) in handed {
                    let handed = Way {
                        steps: all.clone(),
                        job: Some(job),
                        fails,
                    };
                    let name = format!("summary {job:?} fails {fails}");
                    f(&mut h, lang, &name, &handed, Some(&way));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "controls that do not do what their label says:\n{}",
        failures.join("\n")
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

/// The built-in content in kiosk mode: a staff PIN, a printer, the usual idle times, and with
/// `outbox` the clinic's FHIR server (one nobody answers at), its outbox there.
fn kiosk_content(outbox: Option<&Path>) -> Content {
    let mut c = everything_offered();
    c.settings.idle_seconds = 90;
    c.settings.warning_seconds = 30;
    c.settings.staff_pin_hash = Some(vein_kiosk::kiosk::pin::hash(PIN).unwrap());
    if let Some(outbox) = outbox {
        c.settings.kiosk_id = "lobby-1".into();
        c.settings.fhir_server = Some(FhirServer {
            base_url: "http://127.0.0.1:9/fhir".into(),
            auth: FhirAuth::None,
            outbox: outbox.display().to_string(),
            ca_file: None,
            status_minutes: 5,
            identifier_system: None,
        });
    }
    c
}

const PIN: &str = "2468";

fn kiosk(c: Content, effects: &RecordingEffects) -> Harness<'static, App> {
    let effects = effects.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| {
            App::new(c, &[])
                .kiosk_mode(None)
                .with_effects(Arc::new(effects))
        });
    h.run_ok();
    h
}

/// Lets `seconds` of the app's clock pass with nobody touching the screen.
fn wait(h: &mut Harness<'_, App>, seconds: f64) {
    let time = |h: &Harness<'_, App>| h.ctx.input(|i| i.time);
    let end = time(h) + seconds;
    while time(h) < end {
        h.step();
    }
}

fn now(h: &Harness<'_, App>) -> f64 {
    h.ctx.input(|i| i.time)
}

/// A visitor's answers, or none outside the check.
fn answers(s: &Session) -> Option<vein_kiosk::selfcheck::Answers> {
    s.route.check().map(|c| c.flow.answers().clone())
}

#[test]
fn yes_i_am_here_closes_the_warning_keeps_the_visit_and_restarts_the_idle_clock() {
    let c = kiosk_content(None);
    let (en, es) = (c.language("en").clone(), c.language("es").clone());
    let effects = RecordingEffects::new();
    let mut h = kiosk(c.clone(), &effects);
    common::tap(&mut h, &en.ui.attract_touch);
    // A visitor reads in Spanish and answers a question of the self-check.
    common::tap(&mut h, &es.name);
    common::walk(&mut h, &[Visit::StartCheck, Visit::CheckAnswer(Answer::No)]);
    let visit = h.state().session().clone();
    assert!(answers(&visit).is_some_and(|a| !a.0.is_empty()));

    wait(&mut h, 91.0);
    let warning = |h: &Harness<'_, App>| h.query_by_label(&es.ui.still_there).is_some();
    assert!(warning(&h), "the warning, in the visitor's language");
    let left = h.state().kiosk().unwrap().warning_left.unwrap();
    let deadline = now(&h) + left;

    // Activated as a screen reader or switch does, with no press on the screen: a press anywhere
    // restarts the idle clock by itself, so only the button's own effect is seen.
    h.get_by_role_and_label(Role::Button, &es.ui.still_here)
        .click_accesskit();
    h.run_ok();
    let tapped = now(&h);
    assert!(!warning(&h), "the warning closes");
    assert_eq!(h.state().kiosk().unwrap().warning_left, None);
    let s = h.state().session();
    assert_eq!(s.generation(), visit.generation(), "the same visit");
    assert_eq!(place(s), place(&visit), "the same step of the check");
    assert_eq!(answers(s), answers(&visit), "the answers kept");
    assert_eq!(s.language, "es", "the language kept");
    // The idle clock starts again from the tap: the whole 90 s before the next warning.
    match h.state().kiosk().unwrap().idle.state(tapped) {
        Idle::Active { warn_in } => assert!(warn_in > 89.0, "{warn_in}"),
        other => panic!("{other:?}"),
    }
    // The wipe does not come at the old deadline.
    let until = deadline - now(&h) + 5.0;
    wait(&mut h, until);
    let s = h.state().session();
    assert!(!s.route.is_attract() && !warning(&h), "no wipe, no warning");
    assert_eq!(s.generation(), visit.generation());
    assert_eq!(answers(s), answers(&visit));
    // The next warning comes 90 s after the tap, not before.
    let until = tapped + 89.0 - now(&h);
    wait(&mut h, until);
    assert!(!warning(&h), "no warning before 90 s from the tap");
    wait(&mut h, 2.0);
    assert!(warning(&h), "the warning again 90 s after the tap");
}

/// Holds a finger in the staff corner for long enough: the staff gesture.
fn staff_gesture(h: &mut Harness<'_, App>) {
    let p = egui::pos2(STAFF_CORNER / 2.0, STAFF_CORNER / 2.0);
    h.event(egui::Event::PointerMoved(p));
    let button = |pressed| egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    h.event(button(true));
    wait(h, STAFF_PRESS_SECONDS + 0.5);
    h.event(button(false));
    h.run_ok();
}

/// Opens the staff menu as staff do: the gesture, then the PIN tapped on the pad.
fn open_staff_menu(h: &mut Harness<'_, App>) {
    staff_gesture(h);
    let staff = content().language("en").ui.staff.clone();
    assert!(h.query_by_label(&staff.enter_pin).is_some(), "the PIN pad");
    for d in PIN.chars() {
        common::tap(h, &d.to_string());
    }
    common::tap(h, &staff.ok);
    assert!(h.state().kiosk().unwrap().menu_open(), "the staff menu");
}

/// A kiosk in the middle of a visit (a screen, a language, a choice of text size) with the
/// staff menu open over it, and the buttons the visit shows under the menu.
fn menu_over_a_visit(
    c: &Content,
    effects: &RecordingEffects,
) -> (Harness<'static, App>, Vec<(String, usize, bool)>) {
    let mut h = kiosk(c.clone(), effects);
    let en = c.language("en");
    common::tap(&mut h, &en.ui.attract_touch);
    common::tap(&mut h, &en.ui.start);
    common::tap(&mut h, &en.ui.larger_text);
    let covered = buttons(&h);
    open_staff_menu(&mut h);
    (h, covered)
}

/// A refused send waiting in a new outbox, as the FHIR server left it.
fn refused_send(folder: &Path) {
    let queue = Outbox::open(folder).unwrap();
    queue
        .put_new(
            "urn:vein-kiosk:lobby-1:answers",
            std::time::SystemTime::now(),
            |id| {
                let mut r = serde_json::json!({"resourceType": "QuestionnaireResponse"});
                vein_kiosk::outbox::identify(&mut r, id);
                r
            },
        )
        .unwrap();
    let seq = queue.list().unwrap()[0].seq;
    queue.mark_dead(seq, "the server answered 400").unwrap();
}

fn menu_message(h: &Harness<'_, App>) -> Option<String> {
    match &h.state().kiosk().unwrap().staff {
        Staff::Menu { message } => message.clone(),
        Staff::Closed | Staff::Pin { .. } => None,
    }
}

/// Lets the speech test end.
fn speech_done(h: &mut Harness<'_, App>) {
    let start = Instant::now();
    while h.state().speech_jobs_running() > 0 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "speech never ended"
        );
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    h.run_ok();
}

/// Waits for the sender to put the refused send back in the queue of `outbox`.
fn sent_again(h: &mut Harness<'_, App>, outbox: &Path) -> Result<(), String> {
    let outbox = Outbox::open(outbox).unwrap();
    let start = Instant::now();
    loop {
        let counts = outbox.counts(std::time::SystemTime::now()).unwrap();
        if counts.dead == 0 {
            return Ok(());
        }
        if start.elapsed() > Duration::from_secs(20) {
            return Err(format!("the refused send is still refused: {counts:?}"));
        }
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
}

/// What one staff-menu button must do, checked after it was tapped; `visit` is the session
/// before.
fn check_staff_effect(
    label: &str,
    h: &mut Harness<'_, App>,
    effects: &RecordingEffects,
    (visit, calls, asked_close): (&Session, usize, bool),
    outbox: Option<&Path>,
) -> Result<(), String> {
    let c = content();
    let staff = &c.language("en").ui.staff;
    let want = |what: &str, ok: bool| if ok { Ok(()) } else { Err(what.to_owned()) };
    let new_calls = |effects: &RecordingEffects| effects.calls().split_off(calls);
    let visit_kept = |h: &Harness<'_, App>| {
        let s = h.state().session();
        want(
            "the visit is kept",
            s.generation() == visit.generation()
                && place(s) == place(visit)
                && s.language == visit.language
                && s.choices == visit.choices,
        )
    };
    let menu_open = |h: &Harness<'_, App>| h.state().kiosk().unwrap().menu_open();
    if label == staff.leave_kiosk {
        want("the app asks to close", asked_close)?;
        want(
            "the close that follows is honoured",
            h.state().kiosk().unwrap().allow_close,
        )
    } else if label == staff.reload {
        let loads = new_calls(effects)
            .into_iter()
            .filter(|c| *c == Call::LoadContent)
            .count();
        want("the content loaded again, once", loads == 1)?;
        want(
            "the menu says it reloaded",
            menu_message(h).as_deref() == Some(&staff.reloaded) && menu_open(h),
        )?;
        let s = h.state().session();
        want(
            "the visitor is forgotten",
            s.generation() > visit.generation() && s.route.is_attract(),
        )
    } else if let Some(l) = c.languages.iter().find(|l| l.name == label) {
        want(
            &format!("new visits start in {}", l.code),
            h.state().session().default_language() == l.code
                && h.state().content().settings.default_language == l.code,
        )?;
        want("the menu stays", menu_open(h))?;
        visit_kept(h)
    } else if label == staff.print_test {
        common::wait_for_jobs(h);
        h.run_ok();
        let printed = new_calls(effects);
        want(
            &format!("one test page printed, not {printed:?}"),
            matches!(printed.as_slice(), [Call::Print { name, bytes }]
                if name == "test-page.txt"
                    && String::from_utf8_lossy(bytes).contains(&c.settings.clinic_name)),
        )?;
        want(
            "the menu says it printed",
            h.state().kiosk().unwrap().test_page == Some(JobStatus::Done)
                && h.query_by_label(&staff.printed).is_some(),
        )?;
        visit_kept(h)
    } else if label == staff.speech_test {
        speech_done(h);
        let said = new_calls(effects);
        want(
            &format!("the sentence said, not {said:?}"),
            said.iter().any(|c| {
                matches!(c, Call::Speak { utterances, .. }
                if utterances.as_slice() == std::slice::from_ref(&staff.speech_works))
            }),
        )?;
        want(
            "the menu says speech works",
            menu_message(h).as_deref() == Some(&staff.speech_works),
        )?;
        visit_kept(h)
    } else if label == staff.record_retry {
        want(
            "the menu says it is sent again",
            menu_message(h).as_deref() == Some(&staff.record_retried),
        )?;
        sent_again(h, outbox.ok_or("no outbox")?)?;
        visit_kept(h)
    } else if label == staff.close {
        want(
            "the menu closes",
            matches!(h.state().kiosk().unwrap().staff, Staff::Closed)
                && h.query_by_label(&staff.title).is_none(),
        )?;
        visit_kept(h)
    } else {
        Err("a control the test does not know: add what it should do".into())
    }
}

/// Every button of the staff menu, found in the accessibility tree and tapped by its label on a
/// menu opened as staff open it, does its own job; with the clinic's FHIR server set and a send
/// it refused, "Send again" is there too.
#[test]
fn every_staff_menu_button_does_its_own_job() {
    let staff = content().language("en").ui.staff.clone();
    let folder = tempfile::tempdir().unwrap();
    refused_send(folder.path());
    let mut failures = Vec::new();
    for outbox in [None, Some(folder.path())] {
        let c = kiosk_content(outbox);
        let effects = RecordingEffects::new();
        let (mut h, covered) = menu_over_a_visit(&c, &effects);
        if outbox.is_some() {
            // The sender counts the outbox on its own thread.
            let start = Instant::now();
            while h
                .query_by_role_and_label(Role::Button, &staff.record_retry)
                .is_none()
            {
                assert!(
                    start.elapsed() < Duration::from_secs(20),
                    "the refused send is never offered again"
                );
                std::thread::sleep(Duration::from_millis(50));
                h.step();
            }
        }
        let menu: Vec<_> = buttons(&h)
            .into_iter()
            .filter(|b| !covered.contains(b))
            .collect();
        let labels: Vec<&str> = menu.iter().map(|(l, _, _)| l.as_str()).collect();
        let mut expected = vec![
            staff.leave_kiosk.as_str(),
            &staff.reload,
            &staff.print_test,
            &staff.speech_test,
            &staff.close,
        ];
        expected.extend(c.languages.iter().map(|l| l.name.as_str()));
        if outbox.is_some() {
            expected.push(&staff.record_retry);
        }
        for label in &expected {
            assert!(
                labels.contains(label),
                "{label:?} is in the menu: {labels:?}"
            );
        }
        drop(h);
        for (label, nth, _) in &menu {
            let (mut h, _) = menu_over_a_visit(&c, &effects);
            if outbox.is_some() && *label == staff.record_retry {
                while h
                    .query_by_role_and_label(Role::Button, &staff.record_retry)
                    .is_none()
                {
                    std::thread::sleep(Duration::from_millis(50));
                    h.step();
                }
            }
            let visit = h.state().session().clone();
            let calls = effects.calls().len();
            h.query_all_by_label(label)
                .filter(|n| n.accesskit_node().role() == Role::Button)
                .nth(*nth)
                .unwrap_or_else(|| panic!("{label:?} went away"))
                .click();
            // What the app asks of the window is seen in the frames right after the tap.
            let mut asked_close = false;
            for _ in 0..4 {
                h.step();
                asked_close |= h.output().viewport_output[&ViewportId::ROOT]
                    .commands
                    .contains(&ViewportCommand::Close);
            }
            h.run_ok();
            let before = (&visit, calls, asked_close);
            if let Err(why) = check_staff_effect(label, &mut h, &effects, before, outbox) {
                failures.push(format!("FHIR {}: {label:?}: {why}", outbox.is_some()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "staff-menu buttons that do not do what their label says:\n{}",
        failures.join("\n")
    );
}

/// The digits typed on the PIN pad showing, or None when it is not showing.
fn typed(h: &Harness<'_, App>) -> Option<usize> {
    match &h.state().kiosk().unwrap().staff {
        Staff::Pin { pad, .. } => Some(pad.entered_len()),
        Staff::Closed | Staff::Menu { .. } => None,
    }
}

/// The PIN pad opened by the staff gesture over a visit, two digits typed, and the buttons the
/// visit shows under it.
fn pad_over_a_visit(
    c: &Content,
    effects: &RecordingEffects,
) -> (Harness<'static, App>, Vec<(String, usize, bool)>) {
    let mut h = kiosk(c.clone(), effects);
    let en = c.language("en");
    common::tap(&mut h, &en.ui.attract_touch);
    common::tap(&mut h, &en.ui.start);
    let covered = buttons(&h);
    staff_gesture(&mut h);
    common::tap(&mut h, "2");
    common::tap(&mut h, "4");
    assert_eq!(typed(&h), Some(2), "the PIN pad, two digits typed");
    (h, covered)
}

/// Every key of the PIN pad, found in the accessibility tree and tapped by its label, does its
/// own job: a digit adds one, Clear empties, OK tries the PIN typed (a wrong one here), Close
/// closes and keeps the visit.
#[test]
fn every_pin_pad_key_does_its_own_job() {
    let c = kiosk_content(None);
    let staff = c.language("en").ui.staff.clone();
    let effects = RecordingEffects::new();
    let (h, covered) = pad_over_a_visit(&c, &effects);
    let pad: Vec<_> = buttons(&h)
        .into_iter()
        .filter(|b| !covered.contains(b))
        .collect();
    drop(h);
    let labels: Vec<&str> = pad.iter().map(|(l, _, _)| l.as_str()).collect();
    let digits: Vec<String> = (0..=9).map(|d: u8| d.to_string()).collect();
    for label in
        digits
            .iter()
            .map(String::as_str)
            .chain([staff.clear.as_str(), &staff.ok, &staff.close])
    {
        assert!(
            labels.contains(&label),
            "{label:?} is on the pad: {labels:?}"
        );
    }
    let mut failures = Vec::new();
    for (label, nth, _) in &pad {
        let (mut h, _) = pad_over_a_visit(&c, &effects);
        let visit = h.state().session().clone();
        h.query_all_by_label(label)
            .filter(|n| n.accesskit_node().role() == Role::Button)
            .nth(*nth)
            .unwrap_or_else(|| panic!("{label:?} went away"))
            .click();
        h.run_ok();
        let message = match &h.state().kiosk().unwrap().staff {
            Staff::Pin { message, .. } => message.clone(),
            Staff::Closed | Staff::Menu { .. } => None,
        };
        let s = h.state().session();
        let kept = s.generation() == visit.generation() && place(s) == place(&visit);
        let ok = if digits.contains(label) {
            typed(&h) == Some(3)
        } else if *label == staff.clear {
            typed(&h) == Some(0)
        } else if *label == staff.ok {
            let wrong = vein_kiosk::kiosk::pin::tries_message(&staff.wrong_pin, 4);
            message == Some(wrong) && !h.state().kiosk().unwrap().menu_open()
        } else if *label == staff.close {
            typed(&h).is_none() && !h.state().kiosk().unwrap().menu_open()
        } else {
            failures.push(format!(
                "{label:?}: a control the test does not know: add what it should do"
            ));
            continue;
        };
        if !(ok && kept) {
            failures.push(format!(
                "{label:?}: typed {:?}, message {message:?}, visit kept {kept}",
                typed(&h)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "PIN pad keys that do not do what their label says:\n{}",
        failures.join("\n")
    );
}
