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

/// Takes `steps` the way a person does: each self-check step becomes taps on the labels the
/// screen shows in the language shown ("No", "Both legs" then "Most days", each picture card
/// then "Next"), scrolled into view first. Steps that are not answers are applied as commands.
pub fn walk(harness: &mut Harness<'_, App>, steps: &[Visit]) {
    use vein_kiosk::selfcheck::{Answer, Often, QuestionKind, Side, Step};
    for step in steps {
        let content = harness.state().content().clone();
        let language = content
            .language(&harness.state().session().language)
            .clone();
        let ui = &language.selfcheck.ui;
        let side_label = |side: Side| match side {
            Side::Left => ui.left.clone(),
            Side::Right => ui.right.clone(),
            Side::Both => ui.both.clone(),
            Side::Neither => ui.neither.clone(),
        };
        let question = match harness.state().session().route.check_step() {
            Some(Step::Question(i)) => Some(content.selfcheck.questions[i].clone()),
            _ => None,
        };
        match (step, question) {
            (Visit::StartCheck, _) => tap(harness, &ui.start),
            (Visit::CheckAnswer(Answer::Yes), Some(_)) => tap(harness, &ui.yes),
            (Visit::CheckAnswer(Answer::No), Some(_)) => tap(harness, &ui.no),
            (Visit::CheckAnswer(Answer::NotSure), Some(_)) => tap(harness, &ui.not_sure),
            (Visit::CheckAnswer(Answer::Skipped), Some(_)) => tap(harness, &ui.skip),
            (Visit::CheckSide(side), Some(_)) => tap(harness, &side_label(*side)),
            (Visit::CheckAnswer(Answer::Legs(side, often)), Some(_)) => {
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
            (Visit::CheckAnswer(Answer::Chose(chosen)), Some(q)) => {
                let words = &language.selfcheck.questions[&q.id];
                match &q.kind {
                    QuestionKind::One(_) => {
                        let id = chosen.iter().next().expect("one option");
                        tap(harness, &words.options[id]);
                    }
                    QuestionKind::Many(_) if chosen.is_empty() => tap(harness, &ui.none_of_these),
                    QuestionKind::Many(_) => {
                        for id in chosen {
                            // Picture cards are check boxes; options without pictures, buttons.
                            tap_choice(harness, &words.options[id]);
                        }
                        tap(harness, &ui.next);
                    }
                    QuestionKind::YesNo | QuestionKind::Legs => {
                        panic!("{}: options chosen on a question without options", q.id)
                    }
                }
            }
            (other, _) => {
                harness.state_mut().apply(other.clone());
                harness.run();
            }
        }
    }
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
