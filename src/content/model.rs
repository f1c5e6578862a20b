//! The shapes of the RON files in `content/`. Every struct denies unknown fields, so a typo in a
//! field name is reported instead of silently ignored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `settings.ron` (or the file given with `--config`): what a clinic changes. Every field but the
/// first three has a built-in default, so a short file is enough.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Shown on the welcome screen.
    pub clinic_name: String,
    /// The language the kiosk starts in and returns to; the code of a file in `lang/`.
    pub default_language: String,
    /// The local emergency number, substituted for `{emergency_number}` in text.
    pub emergency_number: String,
    /// The clinic's own phone number, substituted for `{clinic_phone}` in text: who to call
    /// the same day (a sign of a clot in a leg, a bleeding vein that stopped, an infected sore).
    pub clinic_phone: String,
    /// Languages offered, in this order. Empty: every language file, the default first.
    #[serde(default)]
    pub languages: Vec<String>,
    /// A logo shown on the welcome screen and printouts (a file in illustrations/).
    #[serde(default)]
    pub logo: Option<String>,
    /// Kiosk mode: seconds without a touch before "Are you still there?".
    #[serde(default = "default_idle_seconds")]
    pub idle_seconds: u32,
    /// Kiosk mode: seconds that question counts down before the session is wiped.
    #[serde(default = "default_warning_seconds")]
    pub warning_seconds: u32,
    /// Kiosk mode: hide the pointer (a touchscreen with no mouse).
    #[serde(default)]
    pub touch_only: bool,
    /// Argon2 hash (PHC string) of the staff PIN, written by `vein-kiosk set-pin`. None: no staff
    /// menu.
    #[serde(default)]
    pub staff_pin_hash: Option<String>,
    /// CUPS printer name for `lp -d`. Setting it (or `print_command`) offers patients "Print my
    /// answers"; None: no such button, and the staff test page goes to the system default.
    #[serde(default)]
    pub printer: Option<String>,
    /// The whole print command, if `lp` is not right; the file to print is appended.
    #[serde(default)]
    pub print_command: Option<Vec<String>>,
    /// Paper size of printed answers.
    #[serde(default)]
    pub paper: Paper,
    /// A folder where "Send to staff" puts the answers (PDF and FHIR file). None: no such button.
    #[serde(default)]
    pub handoff_folder: Option<String>,
    /// Still pictures with arrows instead of animation, for people who are bothered by motion.
    /// The clinic's default for the visitor's "Reduce motion" choice.
    #[serde(default)]
    pub reduce_motion: bool,
    /// The clinic's default for the visitor's "Larger text" choice, in percent: 100, 150 or 200
    /// (other values round to the nearest of these).
    #[serde(default = "default_text_percent")]
    pub text_percent: u16,
    /// The clinic's default for the visitor's "High contrast" choice.
    #[serde(default)]
    pub high_contrast: bool,
    /// The clinic's default for the visitor's "Read aloud" choice (talking-touchscreen mode).
    #[serde(default)]
    pub read_aloud: bool,
    /// Read-aloud voice and rate per language code; a language not listed uses the speech
    /// service's default voice for it at normal rate.
    #[serde(default)]
    pub speech: BTreeMap<String, SpeechVoice>,
    /// Where signed content bundles are pulled from (a clinic group's publishing point). None:
    /// the kiosk shows the content it was started with, as always.
    #[serde(default)]
    pub content_source: Option<BundleSource>,
    /// Names this kiosk in everything it sends to the clinic's FHIR server (its `Device` id and
    /// the default system of its references): letters, digits, `-` and `.`, at most 64. Needed
    /// when `fhir_server` is set; empty (the default): not named. A plain string, as the README
    /// writes it (`kiosk_id: "lobby-1"`), not `Some(...)`.
    #[serde(default)]
    pub kiosk_id: String,
    /// The clinic's FHIR R4 server: answers sent to staff go there through a durable outbox
    /// (see `outbox`). None: no server, the kiosk works as before.
    #[serde(default)]
    pub fhir_server: Option<FhirServer>,
}

/// The clinic's FHIR server and how the kiosk reaches it (issue 21).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FhirServer {
    /// The server's base, e.g. `https://fhir.example.org/r4` (resources are POSTed to
    /// `base_url/QuestionnaireResponse`).
    pub base_url: String,
    /// How the kiosk proves who it is.
    #[serde(default)]
    pub auth: FhirAuth,
    /// A folder of the kiosk's own for the outbox (created `0700`; the database in it `0600`).
    pub outbox: String,
    /// A PEM file of the clinic's private certificate authority, trusted beside the system's.
    #[serde(default)]
    pub ca_file: Option<String>,
    /// Minutes between the kiosk's status reports.
    #[serde(default = "default_status_minutes")]
    pub status_minutes: u32,
    /// The `identifier.system` of the references the kiosk gives; None:
    /// `urn:vein-kiosk:<kiosk_id>:answers`.
    #[serde(default)]
    pub identifier_system: Option<String>,
}

fn default_status_minutes() -> u32 {
    5
}

/// How the kiosk authenticates to the FHIR server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum FhirAuth {
    /// No `Authorization` header (a server on a closed network that admits the kiosk by address).
    #[default]
    None,
    /// `Authorization: Bearer <token>`, the token read from a file (re-read when it changes).
    Bearer {
        /// The file holding the token (surrounding white space is ignored).
        token_file: String,
    },
    /// SMART Backend Services: a signed JWT assertion exchanged for an access token. Parsed and
    /// checked; the sender does not speak it yet.
    SmartBackend {
        /// The client id the server registered for this kiosk.
        client_id: String,
        /// The server's token endpoint.
        token_url: String,
        /// The kiosk's private key (PEM, RS384 or ES384).
        private_key_file: String,
        /// The scopes asked for, e.g. `system/QuestionnaireResponse.write`.
        scope: String,
    },
}

/// Where a kiosk pulls signed content from, and whose signatures it accepts (see `bundle`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "ContentSource")]
pub struct BundleSource {
    /// The folder a bundle is published in: `https://…/`, `http://…/` or `file:///…/` (a USB
    /// stick or a mounted share).
    pub url: String,
    /// minisign public keys (the `RW…` line of a `.pub` file). A bundle signed by any of them is
    /// accepted; two let a group rotate its key.
    pub public_keys: Vec<String>,
    /// Minutes between checks for a newer bundle (and one at start).
    #[serde(default = "default_check_minutes")]
    pub check_minutes: u32,
    /// A folder of the kiosk's own where the last good bundle is kept.
    pub cache: String,
}

fn default_check_minutes() -> u32 {
    15
}

/// How read-aloud speaks one language (Speech Dispatcher's terms).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeechVoice {
    /// Speaking rate from -100 (slowest) to 100 (fastest); 0 is the voice's normal rate.
    #[serde(default)]
    pub rate: i8,
    /// A synthesis voice by name (`spd-say -L` lists them); None: the default for the language.
    #[serde(default)]
    pub voice: Option<String>,
}

fn default_text_percent() -> u16 {
    100
}

/// Paper size for printed answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Paper {
    /// US Letter, 8.5 x 11 inches.
    #[default]
    Letter,
    /// ISO A4, 210 x 297 mm.
    A4,
}

impl Settings {
    /// Whether "Print my answers" is offered: only where a clinic set up a printer.
    pub fn can_print(&self) -> bool {
        self.printer.is_some() || self.print_command.as_ref().is_some_and(|c| !c.is_empty())
    }
}

fn default_idle_seconds() -> u32 {
    90
}

fn default_warning_seconds() -> u32 {
    30
}

/// `flow.ron`: the screens in order, their sections, pictures and sources.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// When a clinician last checked the content (ISO date).
    pub reviewed_on: String,
    /// Section ids, in the order the progress bar shows them.
    pub sections: Vec<String>,
    /// The education screens, in the order a patient meets them.
    pub screens: Vec<ScreenDef>,
    /// What the take-home leaflet holds: parts of screens, in order.
    #[serde(default)]
    pub leaflet: Vec<LeafletPart>,
    /// Every source a screen may cite.
    pub sources: Vec<SourceDef>,
}

/// One education screen, independent of language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Screen")]
pub struct ScreenDef {
    /// Stable id, used by the language files and for navigation.
    pub id: String,
    /// The section of the progress bar this screen belongs to.
    pub section: String,
    /// What the screen offers beyond text.
    pub kind: ScreenKind,
    /// Path of the picture, relative to the content folder or the built-in assets.
    pub illustration: String,
    /// Ids of the sources in [`Flow::sources`] that back this screen.
    pub sources: Vec<String>,
    /// Ids of the cards shown on this screen; each opens a short explanation.
    #[serde(default)]
    pub cards: Vec<String>,
    /// Show the animated valve instead of the picture, starting in this mode.
    #[serde(default)]
    pub valve: Option<crate::valve::ValveMode>,
    /// A pictogram on each card, by card id.
    #[serde(default)]
    pub card_pictures: BTreeMap<String, String>,
    /// Pictograms beside the bullets of a body block, by block index, one per bullet (None: a
    /// plain bullet). The bullet's words are the picture's description.
    #[serde(default)]
    pub bullet_pictures: BTreeMap<usize, Vec<Option<String>>>,
    /// A row of smaller pictures under the text; each language describes them in `gallery_alt`.
    #[serde(default)]
    pub gallery: Vec<String>,
    /// Offer "Print a leaflet to take home" here (where a printer is set).
    #[serde(default)]
    pub offer_leaflet: bool,
}

/// What kind of screen this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ScreenKind {
    /// The first screen: language choice and Start.
    Welcome,
    /// A page of education.
    Info,
    /// "Check your understanding": a few questions with touch answers and kind feedback
    /// (teach-back). Nothing tapped is recorded or sent.
    Quiz,
    /// The way into the self-check.
    CheckEntry,
}

/// What each kind of screen does, each written as a match over every kind: a new kind does not
/// compile until someone decides, here, what it does in each place that asks.
impl ScreenKind {
    /// The welcome screen: the language choice, the clinic's name (on screen, on its slide and
    /// read aloud) and Start.
    pub fn is_welcome(self) -> bool {
        match self {
            Self::Welcome => true,
            Self::Info | Self::Quiz | Self::CheckEntry => false,
        }
    }

    /// The footer's main action begins the self-check.
    pub fn starts_check(self) -> bool {
        match self {
            Self::CheckEntry => true,
            Self::Welcome | Self::Info | Self::Quiz => false,
        }
    }

    /// Its questions take taps ("Check your understanding").
    pub fn takes_quiz_answers(self) -> bool {
        match self {
            Self::Quiz => true,
            Self::Welcome | Self::Info | Self::CheckEntry => false,
        }
    }

    /// The take-home leaflet may hold parts of it.
    pub fn fits_leaflet(self) -> bool {
        match self {
            Self::Info => true,
            Self::Welcome | Self::Quiz | Self::CheckEntry => false,
        }
    }
}

/// A part of the take-home leaflet: a screen's title and some of its body blocks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Part")]
pub struct LeafletPart {
    /// The screen id.
    pub screen: String,
    /// Indices into the screen's body; empty: every block.
    #[serde(default)]
    pub blocks: Vec<usize>,
    /// Its lists become a checklist on paper: a box for each day of the week beside each step.
    #[serde(default)]
    pub checklist: bool,
}

/// A citation shown in a screen's "Sources" line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Source")]
pub struct SourceDef {
    /// Id screens use to cite it.
    pub id: String,
    /// The short citation shown to readers.
    pub cite: String,
}

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

/// `theme.ron`: design tokens. Colours are `#RRGGBB`; sizes are logical pixels.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Theme")]
pub struct ThemeTokens {
    pub background: String,
    pub surface: String,
    pub text: String,
    pub muted_text: String,
    pub accent: String,
    pub accent_pressed: String,
    pub on_accent: String,
    pub control: String,
    pub control_pressed: String,
    pub control_border: String,
    pub callout: String,
    pub callout_border: String,
    pub progress_done: String,
    pub progress_todo: String,
    /// Colours of the animated valve.
    pub valve: ValveColours,
    /// The second token set, for the visitor's "High contrast" choice: text at least 7:1,
    /// controls, focus ring and meaningful graphics at least 3:1 (`check` measures both sets).
    pub high_contrast: Palette,
    pub body_size: f32,
    pub heading_size: f32,
    pub card_title_size: f32,
    pub small_size: f32,
    pub button_text_size: f32,
    /// Smallest side of anything a finger taps.
    pub touch_target: f32,
    /// Space between controls.
    pub gap: f32,
    pub margin: f32,
    pub corner_radius: f32,
    /// Longest line of body text, for reading comfort on wide screens.
    pub max_text_width: f32,
}

/// Colours of the animated valve: the scene behind it and what is drawn on it. Meaningful parts
/// (outline, blood, the arrows) keep at least 3:1 against the scene.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "Valve")]
pub struct ValveColours {
    pub scene: String,
    pub outline: String,
    pub skin: String,
    pub muscle: String,
    pub vein: String,
    pub blood: String,
    /// Pooling blood and the arrow of blood slipping back.
    pub pool: String,
    /// The arrow of blood rising.
    pub up: String,
}

/// Every colour of a theme: the normal set (the flat fields of [`ThemeTokens`]) or the
/// high-contrast one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "Palette")]
pub struct Palette {
    pub background: String,
    pub surface: String,
    pub text: String,
    pub muted_text: String,
    pub accent: String,
    pub accent_pressed: String,
    pub on_accent: String,
    pub control: String,
    pub control_pressed: String,
    pub control_border: String,
    pub callout: String,
    pub callout_border: String,
    pub progress_done: String,
    pub progress_todo: String,
    /// A light plate drawn behind pictures, so drawings made for a light page stay visible on a
    /// dark one. None: pictures sit on the page.
    #[serde(default)]
    pub picture_plate: Option<String>,
    pub valve: ValveColours,
}

impl ThemeTokens {
    /// The normal colours as a [`Palette`].
    pub fn palette(&self) -> Palette {
        Palette {
            background: self.background.clone(),
            surface: self.surface.clone(),
            text: self.text.clone(),
            muted_text: self.muted_text.clone(),
            accent: self.accent.clone(),
            accent_pressed: self.accent_pressed.clone(),
            on_accent: self.on_accent.clone(),
            control: self.control.clone(),
            control_pressed: self.control_pressed.clone(),
            control_border: self.control_border.clone(),
            callout: self.callout.clone(),
            callout_border: self.callout_border.clone(),
            progress_done: self.progress_done.clone(),
            progress_todo: self.progress_todo.clone(),
            picture_plate: None,
            valve: self.valve.clone(),
        }
    }
}
