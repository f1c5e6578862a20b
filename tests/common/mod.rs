//! Shared test helpers: the real app in a kittest harness, and the content it shows.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::content::Content;

/// The built-in content; its loading is tested elsewhere.
pub fn content() -> Content {
    Content::built_in().expect("built-in content loads")
}

/// The real eframe app at a window size, without a renderer (fast).
pub fn app(size: (f32, f32)) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_max_steps(32)
        .build_eframe(|_cc| App::new(content(), &[]));
    harness.run();
    harness
}

/// The real eframe app rendering with wgpu, for snapshots.
pub fn rendered_app(size: (f32, f32)) -> Harness<'static, App> {
    rendered_app_with(size, content())
}

/// The same on other content (a clinic's settings, say).
pub fn rendered_app_with(size: (f32, f32), content: Content) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_max_steps(32)
        .wgpu()
        .build_eframe(move |_cc| App::new(content, &[]));
    harness.run();
    harness
}

/// Every QR code a scanner finds in a picture, decoded.
pub fn read_qrs(gray: image::GrayImage) -> Vec<String> {
    let mut prepared = rqrr::PreparedImage::prepare(gray);
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

/// Clicks the button a person would see with this label, scrolling it into view first as a
/// person would.
pub fn tap(harness: &mut Harness<'_, App>, label: &str) {
    assert!(
        harness
            .query_all_by_role_and_label(Role::Button, label)
            .next()
            .is_some(),
        "no button {label:?} is shown"
    );
    harness
        .get_by_role_and_label(Role::Button, label)
        .scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

/// The title of the screen shown, read from the accessibility tree (the first heading-size
/// label is the title, so we look it up by the content's title for the current screen).
pub fn shows_title(harness: &Harness<'_, App>, title: &str) -> bool {
    harness.query_by_label(title).is_some()
}

/// The title the content gives a screen in a language.
pub fn title(content: &Content, lang: &str, index: usize) -> String {
    let id = &content.flow.screens[index].id;
    content.language(lang).screens[id].title.clone()
}

/// Steps into the self-check that show each kind of screen it has.
pub fn check_states() -> Vec<(&'static str, Vec<Visit>)> {
    use vein_kiosk::selfcheck::{Answer, Often, Side};
    // "No" to every red flag, however many the content asks.
    let red_flags = content()
        .selfcheck
        .questions
        .iter()
        .filter(|q| q.red_flag.is_some())
        .count();
    let no_red_flags = || vec![Visit::CheckAnswer(Answer::No); red_flags];
    let neither6 = || vec![Visit::CheckSide(Side::Neither); 6];
    let chose = |ids: &[&str]| {
        Visit::CheckAnswer(Answer::Chose(ids.iter().map(|s| (*s).to_owned()).collect()))
    };
    let with = |mut a: Vec<Visit>, b: Vec<Visit>| {
        a.extend(b);
        a
    };
    let mut full = no_red_flags();
    for _ in 0..6 {
        full.push(Visit::CheckAnswer(Answer::Legs(
            Side::Both,
            Some(Often::MostDays),
        )));
    }
    full.extend([
        Visit::CheckAnswer(Answer::Yes),
        chose(&[
            "spider",
            "varicose",
            "swelling",
            "skin-dark",
            "skin-hard",
            "healed-sore",
            "open-sore",
        ]),
        chose(&["nurse"]),
        chose(&[
            "family",
            "clot",
            "injury",
            "standing",
            "pregnancies",
            "hormones",
            "weight",
            "smoking",
            "not-moving",
        ]),
        chose(&["stockings", "raising", "walking", "procedure"]),
        chose(&["stopped"]),
        chose(&["diabetes", "arteries", "pregnant"]),
    ]);
    vec![
        ("yes-no", vec![]),
        ("alert", vec![Visit::CheckAnswer(Answer::Yes)]),
        ("legs", no_red_flags()),
        (
            "legs-how-often",
            with(no_red_flags(), vec![Visit::CheckSide(Side::Both)]),
        ),
        ("signs", with(no_red_flags(), neither6())),
        (
            "one",
            with(
                with(no_red_flags(), neither6()),
                vec![chose(&["open-sore"])],
            ),
        ),
        (
            "many",
            with(with(no_red_flags(), neither6()), vec![chose(&[])]),
        ),
        ("summary", full),
    ]
}

/// Takes `steps` the way a person does: every step is a tap on what the screen shows, in the
/// language shown, scrolled into view first. Self-check answers become taps on their labels ("No",
/// "Both legs" then "Most days", each picture card then "Next"); `GoTo` taps the progress bar's
/// section, then Next or Back until there; `Begin` taps the attract screen (its corner, or a
/// language's invitation); the display settings, the language switch, cards, the valve's buttons
/// and the summary's buttons are tapped by their labels.
///
/// A step whose control is not on the screen, is covered by an open dialog, or changes nothing
/// when tapped fails with the step's name: a control that stops working fails the test that shows
/// its screen. Only steps no person can take by a tap are applied as commands (none today; the
/// match below has no catch-all, so a new step must be decided on).
pub fn walk(harness: &mut Harness<'_, App>, steps: &[Visit]) {
    for step in steps {
        take(harness, step);
    }
}

/// What a person (or staff) could notice of the app, leaving out what changes by itself (the
/// valve's clock): a tap that leaves this as it was did nothing.
fn noticed(app: &App) -> String {
    use vein_kiosk::navigation::Route;
    let s = app.session();
    let route = match &s.route {
        Route::Guide(g) => format!(
            "guide {} card {:?} valve {:?} quiz {:?} leaflet {:?}",
            g.screen,
            g.card,
            g.valve.as_ref().map(|v| (v.mode(), v.squeezes_asked())),
            g.quiz,
            g.leaflet
        ),
        other => format!("{other:?}"),
    };
    format!(
        "{route} | {} | {:?} | jobs {}",
        s.language,
        s.choices,
        app.jobs_running()
    )
}

/// What covers the screen (an open card, the QR code, the printing message), which a tap on the
/// screen behind would only close.
fn covering(app: &App) -> Option<String> {
    let route = &app.session().route;
    if let Some(card) = route.open_card() {
        return Some(format!("the card {card:?}"));
    }
    route.overlay().map(|o| format!("{o:?}"))
}

/// One step of [`walk`].
#[allow(clippy::too_many_lines)]
fn take(harness: &mut Harness<'_, App>, step: &Visit) {
    use vein_kiosk::navigation::Route;
    use vein_kiosk::selfcheck::{Answer, Often, QuestionKind, Side, Step};
    let content = harness.state().content().clone();
    let language = content
        .language(&harness.state().session().language)
        .clone();
    let words = &language.ui;
    let ui = &language.selfcheck.ui;
    let summary = &language.selfcheck.summary;
    let side_label = |side: Side| match side {
        Side::Left => ui.left.clone(),
        Side::Right => ui.right.clone(),
        Side::Both => ui.both.clone(),
        Side::Neither => ui.neither.clone(),
    };
    let route = harness.state().session().route.clone();
    let check_step = route.check_step();
    let question = match check_step {
        Some(Step::Question(i)) => Some(content.selfcheck.questions[i].clone()),
        _ => None,
    };
    let guide_screen = route.guide().map(|g| g.screen);
    // The screen's own words (its cards and quiz), on a guide screen.
    let screen_text = guide_screen.map(|i| language.screens[&content.flow.screens[i].id].clone());
    let cannot = |why: &str| -> ! { panic!("{step:?} cannot be tapped: {why}") };
    // Controls of the screen itself are out of reach while something covers it.
    let uncovered = |h: &Harness<'_, App>| {
        if let Some(what) = covering(h.state()) {
            cannot(&format!("{what} covers the screen"));
        }
    };
    let before = noticed(harness.state());
    // Whether a tap may leave everything as it was (choosing what is already chosen).
    let mut may_change_nothing = false;
    match step {
        Visit::Next => {
            let Some(at) = guide_screen else {
                cannot("not on a guide screen")
            };
            uncovered(harness);
            // The welcome screen's way on is "Start".
            tap(harness, if at == 0 { &words.start } else { &words.next });
        }
        Visit::Back | Visit::Home => {
            if guide_screen.is_none_or(|at| at == 0) {
                cannot("not on a guide screen after the first");
            }
            uncovered(harness);
            let label = if *step == Visit::Back {
                &words.back
            } else {
                &words.home
            };
            tap(harness, label);
        }
        Visit::GoTo(target) => {
            let target = (*target).min(content.flow.screens.len() - 1);
            let mut taps = 0;
            loop {
                let Some(at) = harness.state().session().route.guide().map(|g| g.screen) else {
                    cannot("not on a guide screen")
                };
                if at == target {
                    break;
                }
                uncovered(harness);
                taps += 1;
                assert!(
                    taps <= content.flow.screens.len() + 1,
                    "{step:?}: still on screen {at} after {taps} taps"
                );
                let section = &content.flow.screens[target].section;
                if *section == content.flow.screens[at].section {
                    let label = if target > at {
                        &words.next
                    } else {
                        &words.back
                    };
                    let label = if at == 0 { &words.start } else { label };
                    tap(harness, label);
                } else {
                    let name = language.sections.get(section).unwrap_or(section);
                    tap(harness, name);
                }
                let now = harness.state().session().route.guide().map(|g| g.screen);
                assert_ne!(
                    now,
                    Some(at),
                    "{step:?}: a tap towards screen {target} left it on screen {at}"
                );
            }
            may_change_nothing = true;
        }
        Visit::SetLanguage(code) => {
            if matches!(route, Route::Attract) {
                cannot("the attract screen has no language switch (Begin chooses one)");
            }
            uncovered(harness);
            may_change_nothing = harness.state().session().language == *code;
            tap(harness, &content.language(code).name);
        }
        Visit::OpenCard(id) => {
            uncovered(harness);
            let Some(text) = &screen_text else {
                cannot("not on a guide screen")
            };
            let title = text.cards.get(id).map_or(id.as_str(), |c| c.title.as_str());
            tap_choice(harness, title);
        }
        Visit::CloseCard => {
            if route.open_card().is_none() {
                cannot("no card is open");
            }
            tap(harness, &words.close);
        }
        Visit::QuizAnswer(index, choice) => {
            uncovered(harness);
            let Some(text) = &screen_text else {
                cannot("not on a guide screen")
            };
            let answer = text
                .quiz
                .get(*index)
                .and_then(|q| q.answers.get(*choice))
                .unwrap_or_else(|| cannot("no such question or answer"));
            may_change_nothing = route
                .guide()
                .is_some_and(|g| g.quiz.get(index) == Some(choice));
            tap(harness, &content.fill(answer));
        }
        Visit::StartAgain => {
            uncovered(harness);
            tap(harness, &words.start_again);
        }
        Visit::StartCheck => {
            uncovered(harness);
            tap(harness, &ui.start);
        }
        Visit::CheckAnswer(answer) => {
            uncovered(harness);
            let Some(q) = question else {
                cannot("not on a self-check question")
            };
            match answer {
                Answer::Yes => tap(harness, &ui.yes),
                Answer::No => tap(harness, &ui.no),
                Answer::NotSure => tap(harness, &ui.not_sure),
                Answer::Skipped => tap(harness, &ui.skip),
                Answer::Legs(side, often) => {
                    tap(harness, &side_label(*side));
                    if let Some(often) = often {
                        let label = match often {
                            Often::Sometimes => &ui.sometimes,
                            Often::Often => &ui.often,
                            Often::MostDays => &ui.most_days,
                        };
                        tap(harness, label);
                    }
                }
                Answer::Chose(chosen) => {
                    let words = &language.selfcheck.questions[&q.id];
                    match &q.kind {
                        QuestionKind::One(_) => {
                            let id = chosen.iter().next().expect("one option");
                            tap(harness, &words.options[id]);
                        }
                        QuestionKind::Many(_) if chosen.is_empty() => {
                            tap(harness, &ui.none_of_these);
                        }
                        QuestionKind::Many(_) => {
                            for id in chosen {
                                // Picture cards are check boxes; options without pictures,
                                // buttons.
                                tap_choice(harness, &words.options[id]);
                            }
                            tap(harness, &ui.next);
                        }
                        QuestionKind::YesNo | QuestionKind::Legs => {
                            panic!("{}: options chosen on a question without options", q.id)
                        }
                    }
                }
            }
        }
        Visit::CheckSide(side) => {
            uncovered(harness);
            if question.is_none() {
                cannot("not on a self-check question");
            }
            tap(harness, &side_label(*side));
        }
        Visit::CheckToggle(id) => {
            uncovered(harness);
            let Some(q) = question else {
                cannot("not on a self-check question")
            };
            let label = language.selfcheck.questions[&q.id]
                .options
                .get(id)
                .unwrap_or_else(|| cannot("the question has no such option"));
            tap_choice(harness, label);
        }
        Visit::CheckArm(label) => {
            uncovered(harness);
            tap_choice(harness, label);
        }
        Visit::CheckBack => {
            uncovered(harness);
            let label = match check_step {
                Some(Step::Summary) => &summary.change_answers,
                Some(_) => &ui.back,
                None => cannot("not in the self-check"),
            };
            tap(harness, label);
        }
        Visit::CheckContinue => {
            uncovered(harness);
            let Some(Step::Alert(_, flag)) = check_step else {
                cannot("no red-flag alert is shown")
            };
            tap(harness, &language.selfcheck.alerts[&flag].button);
        }
        Visit::FinishCheck => {
            if check_step != Some(Step::Summary) {
                cannot("not on the summary");
            }
            // From the summary, or from the message after printing or sending.
            if route.showing_code() {
                cannot("the QR code covers the summary");
            }
            tap_last(harness, &summary.finish);
        }
        Visit::ShowCode(true) => {
            if check_step != Some(Step::Summary) {
                cannot("not on the summary");
            }
            if route.showing_code() {
                cannot("the QR code is shown already");
            }
            // From the summary, or from the message after a failed print or send.
            tap_last(harness, &summary.show_to_staff);
        }
        Visit::ShowCode(false) => {
            if !route.showing_code() {
                cannot("the QR code is not shown");
            }
            tap(harness, &summary.close);
        }
        Visit::CloseHandoff => {
            if route.handoff().is_none() {
                cannot("no printing or sending message is shown");
            }
            tap(harness, &summary.close);
        }
        Visit::Begin(choice) => {
            if !matches!(route, Route::Attract) {
                cannot("not on the attract screen");
            }
            match choice {
                Some(code) => {
                    let l = content.language(code);
                    tap(
                        harness,
                        &format!("{}\n{}", l.ui.attract_title, l.ui.attract_touch),
                    );
                }
                // Anywhere but on a language's invitation: near the screen's top left corner.
                None => {
                    let label = &content.default_language().ui.attract_touch;
                    let corner = harness
                        .get_by_role_and_label(egui::accesskit::Role::Button, label)
                        .rect()
                        .min
                        + egui::vec2(8.0, 8.0);
                    tap_at(harness, corner);
                }
            }
        }
        Visit::ValveMode(mode) => {
            uncovered(harness);
            let Some(valve) = route.valve() else {
                cannot("no animated valve on this screen")
            };
            may_change_nothing = valve.mode() == *mode;
            let label = match mode {
                vein_kiosk::valve::ValveMode::Healthy => &words.valve_healthy,
                vein_kiosk::valve::ValveMode::Weak => &words.valve_weak,
            };
            tap(harness, label);
        }
        Visit::ValveSqueeze => {
            uncovered(harness);
            tap(harness, &words.valve_squeeze);
        }
        Visit::LargerText => {
            uncovered(harness);
            tap(harness, &words.larger_text);
        }
        Visit::HighContrast => {
            uncovered(harness);
            tap(harness, &words.high_contrast);
        }
        Visit::ReadAloud => {
            uncovered(harness);
            tap(harness, &words.read_aloud);
        }
        Visit::ReduceMotion => {
            uncovered(harness);
            tap(harness, &words.reduce_motion);
        }
    }
    assert!(
        may_change_nothing || noticed(harness.state()) != before,
        "tapping the control for {step:?} changed nothing (was: {before})"
    );
}

/// A tap (press and release) at a point of the window, as a finger makes it.
pub fn tap_at(harness: &mut Harness<'_, App>, pos: egui::Pos2) {
    harness.event(egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
    }
    harness.run();
}

/// Taps the last button shown with `label`: a dialog's own, when the screen behind it has one of
/// the same name (the summary's "Finish" under the message after printing).
pub fn tap_last(harness: &mut Harness<'_, App>, label: &str) {
    let missing = || -> ! { panic!("no button {label:?} is shown") };
    harness
        .query_all_by_role_and_label(Role::Button, label)
        .last()
        .unwrap_or_else(|| missing())
        .scroll_to_me();
    harness.run();
    harness
        .query_all_by_role_and_label(Role::Button, label)
        .last()
        .unwrap_or_else(|| missing())
        .click();
    harness.run();
}

/// Taps the answer card with `label`, a button or a check box, scrolled into view first.
pub fn tap_choice(harness: &mut Harness<'_, App>, label: &str) {
    let is_choice = |n: &egui_kittest::Node<'_>| {
        matches!(
            egui_kittest::kittest::NodeT::accesskit_node(n).role(),
            Role::Button | Role::CheckBox
        )
    };
    let find =
        |h: &Harness<'_, App>| -> bool { h.query_all_by_label(label).any(|n| is_choice(&n)) };
    assert!(find(harness), "{label:?} is not shown");
    if let Some(n) = harness.query_all_by_label(label).find(|n| is_choice(n)) {
        n.scroll_to_me();
    }
    harness.run();
    if let Some(n) = harness.query_all_by_label(label).find(|n| is_choice(n)) {
        n.click();
    }
    harness.run();
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the project's content folder in a temporary folder, ready to be changed.
pub fn content_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        dir.path(),
    );
    dir
}

/// The steps from the first question to the summary with every kind of answer given.
pub fn summary_steps() -> Vec<Visit> {
    check_states()
        .into_iter()
        .find(|(name, _)| *name == "summary")
        .map(|(_, steps)| steps)
        .expect("a summary state")
}

/// Lets background jobs finish, stepping the app's clock no faster than the real one (so a
/// job's time limit means what it says).
pub fn wait_for_jobs(harness: &mut Harness<'_, App>) {
    let start = std::time::Instant::now();
    while harness.state().jobs_running() > 0 {
        assert!(start.elapsed().as_secs() < 60, "a job never ended");
        std::thread::sleep(std::time::Duration::from_millis(250));
        harness.step();
    }
    harness.step();
    harness.step();
}

/// How many pictures a PDF holds (image XObjects), read back with lopdf.
pub fn pdf_images(pdf: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(pdf).expect("a valid PDF");
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Subtype")
                .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Image"))
        })
        .count()
}

/// The log lines written on this thread (the app logs from its frames, which a test runs on its
/// own thread) since it called [`capture_logs`].
pub fn logs_of_this_thread() -> Vec<String> {
    let id = std::thread::current().id();
    LOG_LINES
        .lock()
        .unwrap()
        .iter()
        .filter(|(thread, _)| *thread == id)
        .map(|(_, line)| line.clone())
        .collect()
}

static LOG_LINES: std::sync::Mutex<Vec<(std::thread::ThreadId, String)>> =
    std::sync::Mutex::new(Vec::new());
/// The threads whose lines are kept (no other test's lines pile up).
static LOGGED_THREADS: std::sync::Mutex<Vec<std::thread::ThreadId>> =
    std::sync::Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Info
    }

    fn log(&self, record: &log::Record<'_>) {
        let thread = std::thread::current().id();
        if self.enabled(record.metadata()) && LOGGED_THREADS.lock().unwrap().contains(&thread) {
            LOG_LINES
                .lock()
                .unwrap()
                .push((std::thread::current().id(), record.args().to_string()));
        }
    }

    fn flush(&self) {}
}

/// Keeps this thread's log lines at info and above for [`logs_of_this_thread`].
pub fn capture_logs() {
    LOGGED_THREADS
        .lock()
        .unwrap()
        .push(std::thread::current().id());
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        static CAPTURE: Capture = Capture;
        log::set_logger(&CAPTURE).expect("no other logger in the tests");
        log::set_max_level(log::LevelFilter::Info);
    });
}
