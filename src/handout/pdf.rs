//! The printed answers as a PDF: laid out into a list of items per page first (pure, testable
//! arithmetic), then drawn with krilla. Fonts are the kiosk's own Atkinson Hyperlegible, embedded
//! and subset by krilla, with real text (selectable, searchable, read by screen readers).

mod coverage;
mod draw;
mod layout;
mod leaflet;
mod measure;
pub use coverage::{font_warnings, unprintable};
pub use draw::render;
pub use layout::{Layout, page_size};
pub use leaflet::{LeafletCopy, LeafletPart};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Bold.ttf");

/// Body text size in points: large enough for older eyes on paper.
const BODY: f32 = 12.5;
const HEADING: f32 = 14.0;
const TITLE: f32 = 16.0;
const CLINIC: f32 = 19.0;
const SMALL: f32 = 9.5;
/// Points from the paper's edge to the text (0.7 inch: inside every printer's unprintable edge).
const MARGIN: f32 = 50.0;
/// The QR code's side in points (about 4 cm: readable by a phone at arm's length).
const QR_SIDE: f32 = 118.0;

/// One page element, positioned in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        grey: bool,
        text: String,
    },
    /// A box: filled with a light grey and/or outlined.
    Box {
        rect: [f32; 4],
        fill: bool,
        stroke: f32,
    },
    /// A horizontal line (the blank line where staff write the name).
    Rule { x1: f32, x2: f32, y: f32 },
    /// A QR code: `width` modules per side, quiet zone included in `side`.
    Qr {
        x: f32,
        y: f32,
        side: f32,
        width: usize,
        modules: Vec<bool>,
    },
    /// The clinic's logo.
    Logo { x: f32, y: f32, w: f32, h: f32 },
    /// A square pictogram beside a step, by index into the pictures given to [`render`].
    Picture {
        x: f32,
        y: f32,
        side: f32,
        index: usize,
    },
}

/// What a copy of the answers says, already in one language.
pub struct Copy<'a> {
    pub clinic: &'a str,
    pub title: &'a str,
    /// "Copy for staff · Patient's language: Español" on the staff copy.
    pub staff_note: Option<String>,
    pub when: String,
    /// "Answer code: VK1-…", the code in words.
    pub code: String,
    /// The code itself, drawn as the QR code.
    pub qr: &'a str,
    pub name_line: &'a str,
    pub red_flags: Option<(&'a str, &'a [String])>,
    pub groups: &'a [(String, Vec<crate::selfcheck::Line>)],
    pub nothing: Option<&'a str>,
    pub next_step: &'a str,
    pub not_a_diagnosis: &'a str,
    pub scan_help: &'a str,
}
