//! The shapes of the RON files in `content/`. Every struct denies unknown fields, so a typo in a
//! field name is reported instead of silently ignored.

use std::collections::BTreeMap;

use serde::Deserialize;

mod settings;
mod theme;
mod words;

pub use settings::{BundleSource, FhirAuth, FhirServer, Paper, Settings, SpeechVoice};
pub use theme::{Palette, ThemeTokens, ValveColours};
pub use words::{
    Block, CardText, Chance, Language, LeafletText, PresenterText, QuizText, ScreenText, StaffText,
    UiText,
};

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
