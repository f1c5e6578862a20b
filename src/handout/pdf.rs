//! The printed answers as a PDF: laid out into a list of items per page first (pure, testable
//! arithmetic), then drawn with krilla. Fonts are the kiosk's own Atkinson Hyperlegible, embedded
//! and subset by krilla, with real text (selectable, searchable, read by screen readers).

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use crate::content::Paper;

mod coverage;
mod leaflet;
pub use coverage::{font_warnings, unprintable};
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

/// Text measurement with the same fonts the PDF embeds.
struct Measure {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

impl Measure {
    fn new() -> Result<Self, String> {
        let face = |data| ttf_parser::Face::parse(data, 0).map_err(|e| format!("font: {e}"));
        Ok(Self {
            regular: face(REGULAR)?,
            bold: face(BOLD)?,
        })
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(face.glyph_hor_advance(glyph).unwrap_or(0))
            })
            .sum();
        units as f32 * size / f32::from(face.units_per_em())
    }

    /// Greedy word wrap to `width` points; a word longer than a line is broken by characters.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size, bold) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if self.width(&line, size, bold) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Lays copies out on pages of `paper`; each copy starts on a new page. `logo` is the logo's
/// aspect ratio (width / height) when there is one.
pub struct Layout {
    measure: Measure,
    size: (f32, f32),
    pages: Vec<Vec<Item>>,
    y: f32,
    running_head: String,
    /// The column text flows in now: left and right edge.
    column: (f32, f32),
    /// While answers flow in two columns: where the columns start on this page, and how far
    /// down the first one went (None while still in the first).
    columns: Option<(f32, Option<f32>)>,
    /// Points kept free at the foot of the columns for what follows them.
    reserve: f32,
    /// How much of the room under the columns' top the first column may fill (0.5..=1.0); less
    /// than all of it balances the two columns.
    balance: f32,
    /// Type scale: 1 normally, a little less for the very longest answers so a copy stays on
    /// one page.
    scale: f32,
}

/// Type scales tried in turn until a copy fits one page; the smallest keeps body text at 10 pt.
const SCALES: [f32; 4] = [1.0, 0.93, 0.86, 0.8];

/// Space between two columns, in points.
const GUTTER: f32 = 20.0;

fn line_height(size: f32) -> f32 {
    size * 1.35
}

impl Layout {
    /// A type size at the current scale.
    fn sz(&self, base: f32) -> f32 {
        base * self.scale
    }

    pub fn new(paper: Paper) -> Result<Self, String> {
        Ok(Self {
            measure: Measure::new()?,
            size: page_size(paper),
            pages: Vec::new(),
            y: MARGIN,
            running_head: String::new(),
            column: (MARGIN, page_size(paper).0 - MARGIN),
            columns: None,
            reserve: 0.0,
            balance: 1.0,
            scale: 1.0,
        })
    }

    fn right(&self) -> f32 {
        self.size.0 - MARGIN
    }

    fn full_width(&mut self) {
        self.column = (MARGIN, self.right());
    }

    /// Starts flowing text in two columns from here down.
    fn two_columns(&mut self) {
        self.columns = Some((self.y, None));
        let middle = (MARGIN + self.right()) / 2.0;
        self.column = (MARGIN, middle - GUTTER / 2.0);
    }

    /// Ends the columns: what follows goes under the longer one, full width.
    fn end_columns(&mut self) {
        if let Some((_, Some(first_bottom))) = self.columns.take() {
            self.y = self.y.max(first_bottom);
        }
        self.full_width();
    }

    fn bottom(&self) -> f32 {
        // Room for the page number.
        self.size.1 - MARGIN - line_height(SMALL)
    }

    fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Makes room for `height` points, starting a continuation page when the page is full.
    fn room(&mut self, height: f32) {
        let limit = match self.columns {
            Some((top, None)) => top + (self.bottom() - self.reserve - top) * self.balance,
            Some((_, Some(_))) => self.bottom() - self.reserve,
            None => self.bottom(),
        };
        if self.y + height <= limit {
            return;
        }
        if let Some((top, None)) = self.columns {
            // Into the second column of this page.
            self.columns = Some((top, Some(self.y)));
            let middle = (MARGIN + self.right()) / 2.0;
            self.column = (middle + GUTTER / 2.0, self.right());
            self.y = top;
            return;
        }
        self.new_page();
        let head = self
            .measure
            .wrap(&self.running_head, SMALL, false, self.right() - MARGIN);
        if let Some(head) = head.first() {
            self.text_at(MARGIN, head, SMALL, false, true);
        }
        self.y += line_height(SMALL) / 2.0;
        if self.columns.is_some() {
            self.columns = Some((self.y, None));
            self.two_columns();
        }
    }

    fn text_at(&mut self, x: f32, text: &str, size: f32, bold: bool, grey: bool) {
        self.y += size;
        self.push(Item::Text {
            x,
            y: self.y,
            size,
            bold,
            grey,
            text: text.to_owned(),
        });
        self.y += line_height(size) - size;
    }

    /// A paragraph wrapped to the current column.
    fn paragraph(&mut self, text: &str, size: f32, bold: bool) {
        let (x0, x1) = self.column;
        let lines = self.measure.wrap(text, size, bold, x1 - x0);
        // A short paragraph is read as one: it is not split over two pages.
        if lines.len() <= 4 {
            self.room(lines.len() as f32 * line_height(size));
        }
        for line in lines {
            self.room(line_height(size));
            self.text_at(self.column.0, &line, size, bold, false);
        }
    }

    /// A bullet and its wrapped text, the text indented past the bullet.
    /// `depth` 0 is a bullet at the column's edge, 1 is an item under it.
    fn bullet(&mut self, mark: &str, text: &str, bold: bool, depth: u8) {
        let step = self.sz(BODY) * 1.1;
        let width = self.column.1 - self.column.0 - step * f32::from(depth + 1);
        let lines = self.measure.wrap(text, self.sz(BODY), bold, width);
        for (i, line) in lines.iter().enumerate() {
            self.room(line_height(self.sz(BODY)));
            // The column may have changed in `room`.
            let x = self.column.0 + step * f32::from(depth);
            let indent = x + step;
            if i == 0 {
                self.push(Item::Text {
                    x,
                    y: self.y + self.sz(BODY),
                    size: self.sz(BODY),
                    bold: false,
                    grey: false,
                    text: mark.to_owned(),
                });
            }
            self.text_at(indent, line, self.sz(BODY), bold, false);
        }
    }

    /// Lays out one copy, starting on a new page. The answers flow in one column, or in two when
    /// one would not fit the page.
    pub fn copy(&mut self, copy: &Copy<'_>, logo: Option<f32>) {
        let start = self.pages.len();
        'fit: for scale in SCALES {
            self.scale = scale;
            self.pages.truncate(start);
            self.copy_in(copy, logo, false);
            if self.pages.len() - start == 1 {
                break;
            }
            // Two columns, as even as they can be while the copy still fits one page.
            for step in 0..=10 {
                self.pages.truncate(start);
                self.balance = 0.5 + step as f32 * 0.05;
                self.copy_in(copy, logo, true);
                if self.pages.len() - start == 1 {
                    break 'fit;
                }
            }
        }
        // At the smallest size it may still run on; it then continues on a second page.
        self.balance = 1.0;
        self.scale = 1.0;
    }

    /// The height of the lines after the answers, kept free under two columns.
    fn tail_height(&self, copy: &Copy<'_>) -> f32 {
        let width = self.right() - MARGIN;
        let lines = |text: &str, size, bold| {
            self.measure.wrap(text, size, bold, width).len() as f32 * line_height(size)
        };
        lines(copy.nothing.unwrap_or(""), self.sz(BODY), false)
            + lines(copy.next_step, self.sz(HEADING), true)
            + lines(copy.not_a_diagnosis, self.sz(BODY), false)
            + 20.0
    }

    fn copy_in(&mut self, copy: &Copy<'_>, logo: Option<f32>, two_columns: bool) {
        self.full_width();
        self.columns = None;
        self.running_head = format!("{} · {} · {}", copy.clinic, copy.title, copy.qr);
        self.new_page();
        let top = self.y;
        let qr_left = self.right() - QR_SIDE;
        if let Some((width, modules)) = crate::selfcheck::code::qr_modules(copy.qr) {
            self.push(Item::Qr {
                x: qr_left,
                y: top,
                side: QR_SIDE,
                width,
                modules,
            });
        }
        // Under the QR code: what it is for, in small print.
        self.y = top + QR_SIDE + 2.0;
        let help = self.measure.wrap(copy.scan_help, SMALL, false, QR_SIDE);
        for line in help {
            self.text_at(qr_left, &line, SMALL, false, true);
        }
        let qr_bottom = self.y;

        let column = qr_left - 18.0;
        self.y = top;
        if let Some(aspect) = logo {
            let h = 44.0;
            let w = (h * aspect).min(column - MARGIN);
            self.push(Item::Logo {
                x: MARGIN,
                y: top,
                w,
                h: w / aspect,
            });
            self.y += w / aspect + 8.0;
        }
        self.column = (MARGIN, column);
        self.paragraph(copy.clinic, self.sz(CLINIC), true);
        self.paragraph(copy.title, self.sz(TITLE), true);
        self.y += 4.0;
        if let Some(note) = &copy.staff_note {
            self.paragraph(note, self.sz(BODY), true);
        }
        self.paragraph(&copy.when, self.sz(BODY), false);
        self.paragraph(&copy.code, self.sz(BODY), false);
        self.full_width();
        self.y = self.y.max(qr_bottom) + 14.0;

        // The blank line for the name: the label, then a rule to the right edge.
        let label = format!("{}:", copy.name_line);
        let label_width = self.measure.width(&label, self.sz(BODY), false);
        self.room(line_height(self.sz(BODY)) + 10.0);
        self.y += 10.0;
        self.text_at(MARGIN, &label, self.sz(BODY), false, false);
        let rule_y = self.y - line_height(self.sz(BODY)) + self.sz(BODY) + 2.0;
        let x1 = (MARGIN + label_width + 8.0).min(self.right() - 120.0);
        let right = self.right();
        self.push(Item::Rule {
            x1,
            x2: right,
            y: rule_y,
        });
        self.y += 14.0;

        if let Some((heading, lines)) = copy.red_flags {
            self.red_flags(heading, lines);
        }
        if two_columns {
            self.reserve = self.tail_height(copy);
            self.two_columns();
        }
        for (title, lines) in copy.groups {
            self.room(line_height(self.sz(HEADING)) + line_height(self.sz(BODY)) + 4.0);
            self.y += 4.0;
            self.paragraph(title, self.sz(HEADING), true);
            for line in lines {
                if line.items.is_empty() {
                    self.bullet("•", &line.label, false, 0);
                } else {
                    // Keep a label with its first item.
                    self.room(2.0 * line_height(self.sz(BODY)));
                    self.bullet("•", &format!("{}:", line.label), true, 0);
                    for item in &line.items {
                        self.bullet("–", item, false, 1);
                    }
                }
            }
            self.y += 6.0;
        }
        self.end_columns();
        self.reserve = 0.0;
        if let Some(nothing) = copy.nothing {
            self.paragraph(nothing, self.sz(BODY), false);
        }
        self.y += 8.0;
        self.paragraph(copy.next_step, self.sz(HEADING), true);
        self.y += 4.0;
        self.paragraph(copy.not_a_diagnosis, self.sz(BODY), false);
    }

    /// The red flags in an outlined box, so they are seen first even on a grey-scale printer.
    fn red_flags(&mut self, heading: &str, lines: &[String]) {
        let pad = 10.0;
        let inner = self.right() - MARGIN - 2.0 * pad;
        let heading_lines = self.measure.wrap(heading, self.sz(HEADING), true, inner);
        let mut height = heading_lines.len() as f32 * line_height(self.sz(HEADING)) + 2.0 * pad;
        for line in lines {
            height += self
                .measure
                .wrap(line, self.sz(BODY), true, inner - self.sz(BODY) * 1.1)
                .len() as f32
                * line_height(self.sz(BODY));
        }
        self.room(height);
        let right = self.right();
        self.push(Item::Box {
            rect: [MARGIN, self.y, right, self.y + height],
            fill: true,
            stroke: 2.5,
        });
        self.y += pad;
        for line in heading_lines {
            self.text_at(MARGIN + pad, &line, self.sz(HEADING), true, false);
        }
        self.column = (MARGIN + pad, self.right() - pad);
        for line in lines {
            self.bullet("!", line, true, 0);
        }
        self.full_width();
        self.y += pad + 10.0;
    }

    /// The finished pages, each with "n / total" at the foot.
    pub fn pages(mut self) -> Vec<Vec<Item>> {
        let total = self.pages.len();
        let (w, h) = self.size;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let text = format!("{} / {total}", i + 1);
            let width = self.measure.width(&text, SMALL, false);
            page.push(Item::Text {
                x: w - MARGIN - width,
                y: h - MARGIN + SMALL,
                size: SMALL,
                bold: false,
                grey: true,
                text,
            });
        }
        self.pages
    }

    pub fn page_size(&self) -> (f32, f32) {
        self.size
    }
}

/// The paper's size in points.
pub fn page_size(paper: Paper) -> (f32, f32) {
    match paper {
        Paper::Letter => (612.0, 792.0),
        Paper::A4 => (595.276, 841.89),
    }
}

/// Draws laid-out pages into a PDF. `logo` is the logo as a krilla image, if any; `pictures` are
/// the pictograms [`Item::Picture`] names.
pub fn render(
    pages: &[Vec<Item>],
    size: (f32, f32),
    logo: Option<&Image>,
    pictures: &[Image],
    metadata: Metadata,
) -> Result<Vec<u8>, String> {
    let regular = Font::new(REGULAR.into(), 0).ok_or("the regular font did not load")?;
    let bold = Font::new(BOLD.into(), 0).ok_or("the bold font did not load")?;
    let mut document = Document::new();
    document.set_metadata(metadata);
    let settings = PageSettings::from_wh(size.0, size.1).ok_or("bad page size")?;
    for items in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for item in items {
            draw(&mut surface, item, (&regular, &bold), logo, pictures);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| format!("the PDF could not be made: {e:?}"))
}

fn fill(grey: u8) -> Fill {
    Fill {
        paint: luma::Color::new(grey).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn rect(x1: f32, y1: f32, x2: f32, y2: f32) -> Option<krilla::geom::Path> {
    let mut path = PathBuilder::new();
    path.push_rect(Rect::from_ltrb(x1, y1, x2, y2)?);
    path.finish()
}

fn draw(
    surface: &mut Surface<'_>,
    item: &Item,
    (regular, bold): (&Font, &Font),
    logo: Option<&Image>,
    pictures: &[Image],
) {
    match item {
        Item::Text {
            x,
            y,
            size,
            bold: is_bold,
            grey,
            text,
        } => {
            surface.set_fill(Some(fill(if *grey { 70 } else { 0 })));
            surface.set_stroke(None);
            let font = if *is_bold { bold } else { regular };
            surface.draw_text(
                Point::from_xy(*x, *y),
                font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Item::Box {
            rect: [x1, y1, x2, y2],
            fill: filled,
            stroke,
        } => {
            surface.set_fill(filled.then(|| fill(238)));
            surface.set_stroke(Some(Stroke {
                paint: luma::Color::new(0).into(),
                width: *stroke,
                ..Default::default()
            }));
            if let Some(path) = rect(*x1, *y1, *x2, *y2) {
                surface.draw_path(&path);
            }
        }
        Item::Rule { x1, x2, y } => {
            surface.set_stroke(None);
            surface.set_fill(Some(fill(0)));
            if let Some(path) = rect(*x1, *y - 0.5, *x2, *y + 0.5) {
                surface.draw_path(&path);
            }
        }
        Item::Qr {
            x,
            y,
            side,
            width,
            modules,
        } => {
            surface.set_stroke(None);
            // A quiet zone of 4 modules on every side, as scanners expect.
            let module = side / (*width as f32 + 8.0);
            let mut path = PathBuilder::new();
            for (i, dark) in modules.iter().enumerate() {
                if *dark {
                    let (cx, cy) = ((i % width) as f32 + 4.0, (i / width) as f32 + 4.0);
                    if let Some(r) =
                        Rect::from_xywh(x + cx * module, y + cy * module, module, module)
                    {
                        path.push_rect(r);
                    }
                }
            }
            surface.set_fill(Some(fill(0)));
            if let Some(path) = path.finish() {
                surface.draw_path(&path);
            }
        }
        Item::Logo { x, y, w, h } => {
            if let (Some(image), Some(size)) = (logo, Size::from_wh(*w, *h)) {
                surface.push_transform(&krilla::geom::Transform::from_translate(*x, *y));
                surface.draw_image(image.clone(), size);
                surface.pop();
            }
        }
        Item::Picture { x, y, side, index } => {
            if let (Some(image), Some(size)) = (pictures.get(*index), Size::from_wh(*side, *side)) {
                surface.push_transform(&krilla::geom::Transform::from_translate(*x, *y));
                surface.draw_image(image.clone(), size);
                surface.pop();
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        let m = Measure::new().unwrap();
        let text = "Aching or heavy legs on both sides, worse at the end of the day (most days)";
        let lines = m.wrap(text, BODY, false, 150.0);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(m.width(line, BODY, false) <= 150.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
        // A word longer than a line is broken, not run off the page.
        let code = "VK1-ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOP";
        let lines = m.wrap(code, BODY, false, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), code);
    }
}
