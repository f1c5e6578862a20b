//! The self-check as the content defines it (`selfcheck.ron`), and the words for it in each
//! language. Language-free ids everywhere: answers, codes and files never carry sentences.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `selfcheck.ron`: every question in the order asked, and how the summary groups them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "SelfCheck")]
pub struct SelfCheckDef {
    /// Questions in the order they are asked. Red flags must come first.
    pub questions: Vec<QuestionDef>,
    /// Summary groups below the red flags, in the order shown.
    pub groups: Vec<String>,
}

/// One question, independent of language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Question")]
pub struct QuestionDef {
    /// Stable id: used in answers files, codes and the language files.
    pub id: String,
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// The summary group it is reported in (ignored for red flags, which go on top).
    pub group: String,
    /// Set for red-flag questions: a "yes" stops the check and asks the person to tell staff.
    #[serde(default)]
    pub red_flag: Option<RedFlag>,
    /// Asked only when this holds for the answers given so far. It may only look at earlier
    /// questions.
    #[serde(default)]
    pub ask_if: Option<Condition>,
}

/// The shape of a question's answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum QuestionKind {
    /// Yes or no.
    YesNo,
    /// Which leg (left, right, both, neither) and, unless neither, how often in the last 4 weeks.
    Legs,
    /// Exactly one of these options.
    One(Vec<OptionDef>),
    /// Any number of these options, or none of them.
    Many(Vec<OptionDef>),
}

/// A choice in a `One` or `Many` question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "Option")]
pub struct OptionDef {
    pub id: String,
    /// A picture card for the option (a file in illustrations/).
    #[serde(default)]
    pub picture: Option<String>,
}

impl QuestionKind {
    /// The options of a `One` or `Many` question; empty for the others.
    pub fn options(&self) -> &[OptionDef] {
        match self {
            Self::One(o) | Self::Many(o) => o,
            Self::YesNo | Self::Legs => &[],
        }
    }
}

/// How urgent a red flag is; decides what the alert says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub enum RedFlag {
    /// Call the emergency number and tell staff now (possible clot in the lungs).
    Emergency,
    /// Tell staff now (possible clot in a leg, phlebitis, an infected sore).
    Urgent,
    /// A bleeding vein: first aid and tell staff now.
    Bleeding,
    /// Not same-day: tell the vein team at this visit (a sore not healed in 2 weeks).
    Refer,
}

/// When a question is asked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Condition {
    /// This yes/no question was answered yes.
    Yes(String),
    /// This option of a `One` or `Many` question was chosen.
    Chose(String, String),
    /// This legs question was answered with any leg.
    AnyLeg(String),
    /// Any of these holds.
    Any(Vec<Condition>),
}

/// The words of the self-check in one language (the `selfcheck` field of `lang/CODE.ron`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "SelfCheck")]
pub struct SelfCheckText {
    /// Words on the self-check's controls.
    pub ui: CheckUi,
    /// Alert shown after a red flag, by kind.
    pub alerts: BTreeMap<RedFlag, AlertText>,
    /// Text of each question id.
    pub questions: BTreeMap<String, QuestionText>,
    /// Title of each summary group id.
    pub groups: BTreeMap<String, String>,
    /// Words of the summary.
    pub summary: SummaryText,
    /// Printing and sending the answers, and the words on the printed page.
    pub handoff: HandoffText,
}

/// Controls of the self-check.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Ui")]
pub struct CheckUi {
    pub start: String,
    /// Shown above the progress, with `{n}` and `{total}`.
    pub progress: String,
    pub yes: String,
    pub no: String,
    pub not_sure: String,
    pub skip: String,
    pub next: String,
    pub back: String,
    pub none_of_these: String,
    pub tap_all: String,
    /// With read-aloud on, after an answer is touched once and said.
    pub tap_again: String,
    pub which_leg: String,
    pub left: String,
    pub right: String,
    pub both: String,
    pub neither: String,
    pub how_often: String,
    pub sometimes: String,
    pub often: String,
    pub most_days: String,
}

/// What a red-flag alert says.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Alert")]
pub struct AlertText {
    /// Big: "Please tell a member of staff now."
    pub title: String,
    /// What else to do; may contain `{emergency_number}`.
    pub text: String,
    /// Big, when the person answered "Not sure": "Please ask a member of staff to check this with
    /// you now."
    pub unsure_title: String,
    /// The alert's only button, which goes on with the check: "I have told a member of staff".
    pub button: String,
}

/// The words of one question.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Question")]
pub struct QuestionText {
    /// The question as asked.
    pub ask: String,
    /// How the answer is named in the summary ("Aching or heavy legs").
    pub summary: String,
    /// Label of each option id.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
}

/// Words of the summary screen and printout.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Summary")]
pub struct SummaryText {
    /// "Answers to talk about with the vein team".
    pub title: String,
    pub red_flags: String,
    pub left_leg: String,
    pub right_leg: String,
    /// Shown for "not sure" answers: "{what}: not sure".
    pub not_sure: String,
    /// When nothing was reported in any group.
    pub nothing: String,
    /// The one next step: show or give this to staff.
    pub next_step: String,
    /// Says plainly this is not a diagnosis.
    pub not_a_diagnosis: String,
    pub finish: String,
    pub change_answers: String,
    /// Button that shows the answers as a QR code for staff.
    pub show_to_staff: String,
    /// Under the QR code: what it is and what it is not.
    pub code_help: String,
    pub close: String,
}

/// Printing the answers or sending them to staff, and the fixed words on the printed page.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Handoff")]
pub struct HandoffText {
    /// Button: "Print my answers".
    pub print: String,
    pub printing: String,
    pub printed: String,
    /// Shown when printing fails, with the QR code offered instead.
    pub print_failed: String,
    /// Button: "Send to staff" (into the clinic's hand-off folder).
    pub send: String,
    pub sending: String,
    pub sent: String,
    /// Sent to the clinic's record (FHIR server), which confirmed it; the reference follows.
    pub recorded: String,
    /// Saved for the clinic's record; it goes when the network answers. The reference follows.
    pub record_waiting: String,
    /// The label before the short reference to say at the desk.
    pub reference: String,
    pub send_failed: String,
    /// On paper: label of the date and time.
    pub when: String,
    /// On paper: label of the anonymous answer code.
    pub code: String,
    /// On paper: the blank line where staff write the name.
    pub name_line: String,
    /// On paper, instead of the screen's "show this screen".
    pub paper_next_step: String,
    /// On paper: heading of the copy in the clinic's language.
    pub staff_copy: String,
    /// On paper: label of the language the patient used.
    pub patient_language: String,
    /// On paper, under the QR code.
    pub scan_help: String,
}
