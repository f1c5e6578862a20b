//! `lang/CODE.ron`: every word of one language: the screens, the controls, the staff menu,
//! presenter mode, the leaflet and the self-check's words.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `lang/CODE.ron`: every word of one language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// Language code, the same as the file name (`en`, `es`).
    pub code: String,
    /// The language's name in itself ("English", "Español").
    pub name: String,
    /// Words on buttons and other controls.
    pub ui: UiText,
    /// Progress-bar label of each section id.
    pub sections: BTreeMap<String, String>,
    /// Text of each screen id.
    pub screens: BTreeMap<String, ScreenText>,
    /// Words of the self-check.
    pub selfcheck: crate::selfcheck::SelfCheckText,
    /// Words of the take-home leaflet and its button.
    pub leaflet: LeafletText,
}

/// The take-home leaflet: its title, the button on Key points and how printing went.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Leaflet")]
pub struct LeafletText {
    pub title: String,
    /// Button: "Print a leaflet to take home".
    pub button: String,
    pub printing: String,
    pub printed: String,
    pub print_failed: String,
    /// On paper: the emergency number and the clinic's phone, with both placeholders.
    pub phones: String,
    /// On paper: "This leaflet holds no personal information."
    pub no_patient_data: String,
    /// On paper, a heading for a part in place of its screen's title, by screen id (a part that
    /// holds only some of a screen says so: "Compression stockings").
    #[serde(default)]
    pub headings: BTreeMap<String, String>,
    /// On paper, over a checklist part: "Tick a box on each day you do it."
    pub checklist: String,
    /// The days of the week, Monday first, as one or two letters for the checklist's columns.
    pub days: Vec<String>,
}

/// Words on controls, the same on every screen.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Ui")]
pub struct UiText {
    pub next: String,
    pub back: String,
    pub home: String,
    pub start: String,
    pub start_again: String,
    pub close: String,
    pub sources: String,
    /// Contains `{date}`.
    pub reviewed: String,
    /// How a date is written, with `{day}`, `{month}` and `{year}`: "{month} {day}, {year}".
    pub date: String,
    /// The names of the months, January first.
    pub months: Vec<String>,
    pub choose_language: String,
    pub tap_a_card: String,
    /// Shown small when a clinic's content failed to load.
    pub staff_warning: String,
    pub picture_missing: String,
    /// Kiosk attract screen: the invitation, in this language.
    pub attract_title: String,
    /// Kiosk attract screen: "Touch the screen to start".
    pub attract_touch: String,
    /// Idle warning title: "Are you still there?".
    pub still_there: String,
    /// Idle warning text, with `{seconds}`.
    pub still_there_text: String,
    /// Idle warning button: "Yes, I am here".
    pub still_here: String,
    /// Words of the staff menu.
    pub staff: StaffText,
    /// Words of presenter mode.
    pub presenter: PresenterText,
    /// Animated valve: show healthy valves.
    pub valve_healthy: String,
    /// Animated valve: show weak valves.
    pub valve_weak: String,
    /// Animated valve: squeeze the calf.
    pub valve_squeeze: String,
    /// Animated valve: the caption under it with healthy valves, saying what it shows.
    pub valve_caption_healthy: String,
    /// Animated valve: the caption under it with weak valves.
    pub valve_caption_weak: String,
    /// The visitor's controls on every screen: "Larger text" (100%, 150%, 200%).
    pub larger_text: String,
    /// "High contrast".
    pub high_contrast: String,
    /// "Read aloud".
    pub read_aloud: String,
    /// "Reduce motion": still pictures instead of animation.
    pub reduce_motion: String,
    /// For staff, small, when read-aloud cannot speak; with `{why}`.
    pub speech_unavailable: String,
    /// "Check your understanding": said after the right answer.
    pub quiz_right: String,
    /// Said after another answer, with `{answer}` (the right one).
    pub quiz_not_quite: String,
}

/// Words of the staff menu and its PIN pad.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Staff")]
pub struct StaffText {
    pub title: String,
    pub enter_pin: String,
    pub ok: String,
    pub clear: String,
    /// With `{tries}`.
    pub wrong_pin: String,
    /// With `{seconds}`.
    pub locked: String,
    pub leave_kiosk: String,
    pub reload: String,
    /// With `{problems}`.
    pub reload_failed: String,
    pub reloaded: String,
    pub default_language: String,
    pub print_test: String,
    /// "Test read aloud": speaks a sentence through the speech service and says how it went.
    pub speech_test: String,
    /// Said (and shown) when the test reached the speech service.
    pub speech_works: String,
    /// Shown when it did not, followed by the reason.
    pub speech_failed: String,
    pub printing: String,
    pub printed: String,
    /// With `{why}`.
    pub print_failed: String,
    pub usage: String,
    pub sessions: String,
    pub checks_finished: String,
    pub screens_reached: String,
    /// Content pulled from a clinic group's source: the version shown, with `{version}`.
    pub content_version: String,
    /// Shown instead while the kiosk still shows the content it was started with.
    pub content_installed: String,
    /// When the source was last checked, with `{time}`.
    pub content_checked: String,
    /// The last check failed and nothing changed, with `{why}` (in the log's words).
    pub content_check_failed: String,
    /// A newer version is ready and waits for nobody to be using the kiosk, with `{version}`.
    pub content_waiting: String,
    /// Heading of the FHIR server's part of the menu.
    pub record_title: String,
    /// The last resource the server confirmed, with `{time}`.
    pub record_last_sent: String,
    /// Nothing confirmed since the kiosk started.
    pub record_none_sent: String,
    /// Waiting in the outbox, with `{count}`.
    pub record_pending: String,
    /// Refused by the server (dead letters), with `{count}`.
    pub record_dead: String,
    /// The last problem in the log's words, with `{why}`.
    pub record_problem: String,
    /// Button: put the refused ones back in the queue.
    pub record_retry: String,
    /// After that button.
    pub record_retried: String,
    pub close: String,
}

/// The words of presenter mode in one language: the presenter view, the headings of the speaker
/// notes (also in `vein-kiosk text --notes`), the example labels on the self-check slide and the
/// windows' titles.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Presenter")]
pub struct PresenterText {
    /// With `{n}` and `{total}`.
    pub slide_of: String,
    /// Heading of the preview of what the audience sees.
    pub now: String,
    /// Heading of the preview of the next slide.
    pub next: String,
    /// Shown instead of the next slide after the last one.
    pub end: String,
    /// Heading of the speaker notes, with `{language}`.
    pub notes: String,
    /// How to see the notes in another language, with `{language}`.
    pub other_notes: String,
    pub say: String,
    /// Heading of the lines a presenter must say on the slide.
    pub must_say: String,
    /// The slide's share of the talk, with `{minutes}`.
    pub minutes: String,
    /// On a "Check your understanding" slide: the key that shows the right answers.
    pub reveal: String,
    pub facts: String,
    pub ask_the_room: String,
    pub patients_ask: String,
    pub answer: String,
    /// The talk's time, before the figure.
    pub elapsed: String,
    pub paused: String,
    pub not_started: String,
    pub black: String,
    pub white: String,
    pub overview: String,
    /// A slide number being typed, before the digits.
    pub go_to: String,
    /// Buttons of the presenter view.
    pub overview_button: String,
    pub hide_button: String,
    pub pause_button: String,
    pub reset_button: String,
    /// The row of the slide's cards.
    pub cards: String,
    /// The row of the slide's pictures.
    pub pictures: String,
    /// Closes the picture shown large.
    pub no_picture: String,
    /// Heading of the valve's controls.
    pub valve: String,
    /// The keys, in one line.
    pub keys: String,
    /// Above the example question on the self-check slide.
    pub example_question: String,
    /// Above the example summary on the self-check slide.
    pub example_summary: String,
    /// Title of the presenter window.
    pub presenter_title: String,
    /// Title of the audience window.
    pub audience_title: String,
}

impl PresenterText {
    /// "Slide 3 of 13".
    pub fn slide_of(&self, index: usize, total: usize) -> String {
        self.slide_of
            .replace("{n}", &(index + 1).to_string())
            .replace("{total}", &total.to_string())
    }
}

/// The words of one screen in one language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Screen")]
pub struct ScreenText {
    pub title: String,
    /// Description of the illustration for screen readers and placeholders.
    pub alt: String,
    pub body: Vec<Block>,
    /// Title and explanation of each card id of the screen.
    #[serde(default)]
    pub cards: BTreeMap<String, CardText>,
    /// Description of each gallery picture, in order.
    #[serde(default)]
    pub gallery_alt: Vec<String>,
    /// On a `Quiz` screen: the questions.
    #[serde(default)]
    pub quiz: Vec<QuizText>,
    /// What a member of staff says about this screen when presenting it (`--present`). Never
    /// shown to patients.
    pub notes: Notes,
}

/// One question of a "Check your understanding" screen.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Quiz")]
pub struct QuizText {
    pub ask: String,
    /// The answers offered, in order.
    pub answers: Vec<String>,
    /// Index of the right answer (the same in every language).
    pub right: usize,
    /// Shown after any answer: why the right answer is right.
    pub explain: String,
}

/// Speaker notes for one screen, for staff giving a talk: what to say, the key facts and their
/// sources, a question for the room, and a question patients often ask with its answer. Written
/// for staff, so the patient text's reading-grade limit does not apply; every fact must be right.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Notes")]
pub struct Notes {
    /// What the presenter may say, point by point.
    pub say: Vec<String>,
    /// What the presenter must say on this slide (shown first, marked).
    pub must_say: Vec<String>,
    /// Minutes to spend on the slide; all slides together fit a 15-minute talk.
    pub minutes: f32,
    /// The key facts, each with where it comes from.
    pub facts: Vec<Fact>,
    /// One question to ask the room.
    pub ask_the_room: String,
    /// A question patients often ask.
    pub patients_ask: String,
    /// An answer to it.
    pub answer: String,
}

/// A fact in the speaker notes and where it comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Fact")]
pub struct Fact {
    pub text: String,
    /// The source, as a citation a presenter can read out ("NICE CG168, Varicose veins").
    pub source: String,
}

/// One piece of a screen's body.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub enum Block {
    /// A short paragraph.
    Text(String),
    /// A bulleted list.
    Bullets(Vec<String>),
    /// A highlighted message.
    Callout(String),
    /// A side-by-side comparison (an Option Grid): `head[0]` labels the row labels' column,
    /// `head[1..]` name the columns; each row starts with its label and has one cell per column.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Chances as pictures (icon arrays): each shows 100 dots with `count` of them filled, over
    /// words that say the same number, so a risk is seen as well as read.
    Chances(Vec<Chance>),
}

/// One chance in a `Chances` block: `count` in 100, and the words that say it ("About 15 in 100
/// legs: ..."); `check` makes sure the words give the same number as the picture.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Chance")]
pub struct Chance {
    pub count: u32,
    pub text: String,
}

impl Chance {
    /// How many dots each picture has: a chance is `count` in this many.
    pub const DOTS: u32 = 100;
}

/// A tappable card and what it opens.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Card")]
pub struct CardText {
    pub title: String,
    pub text: String,
}
