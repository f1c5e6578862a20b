//! Laying the answers out on pages: a list of positioned [`Item`]s per page, pure arithmetic,
//! with one or two columns and a smaller type scale when a copy would not fit one page.

use super::measure::Measure;
use super::{BODY, CLINIC, Copy, HEADING, Item, MARGIN, QR_SIDE, SMALL, TITLE};
use crate::content::Paper;

/// Lays copies out on pages of `paper`; each copy starts on a new page. `logo` is the logo's
/// aspect ratio (width / height) when there is one.
pub struct Layout {
    pub(super) measure: Measure,
    pub(super) size: (f32, f32),
    pub(super) pages: Vec<Vec<Item>>,
    pub(super) y: f32,
    pub(super) running_head: String,
    /// The column text flows in now: left and right edge.
    pub(super) column: (f32, f32),
    /// While answers flow in two columns: where the columns start on this page, and how far
    /// down the first one went (None while still in the first).
    pub(super) columns: Option<(f32, Option<f32>)>,
    /// Points kept free at the foot of the columns for what follows them.
    pub(super) reserve: f32,
    /// How much of the room under the columns' top the first column may fill (0.5..=1.0); less
    /// than all of it balances the two columns.
    pub(super) balance: f32,
    /// Type scale: 1 normally, a little less for the very longest answers so a copy stays on
    /// one page.
    pub(super) scale: f32,
}

/// Type scales tried in turn until a copy fits one page; the smallest keeps body text at 10 pt.
pub(super) const SCALES: [f32; 4] = [1.0, 0.93, 0.86, 0.8];

/// Space between two columns, in points.
const GUTTER: f32 = 20.0;

pub(super) fn line_height(size: f32) -> f32 {
    size * 1.35
}

impl Layout {
    /// A type size at the current scale.
    pub(super) fn sz(&self, base: f32) -> f32 {
        base * self.scale
    }

    pub fn new(paper: Paper) -> Result<Self, crate::handout::HandoutError> {
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

    pub(super) fn right(&self) -> f32 {
        self.size.0 - MARGIN
    }

    pub(super) fn full_width(&mut self) {
        self.column = (MARGIN, self.right());
    }

    /// Starts flowing text in two columns from here down.
    pub(super) fn two_columns(&mut self) {
        self.columns = Some((self.y, None));
        let middle = (MARGIN + self.right()) / 2.0;
        self.column = (MARGIN, middle - GUTTER / 2.0);
    }

    /// Ends the columns: what follows goes under the longer one, full width.
    pub(super) fn end_columns(&mut self) {
        if let Some((_, Some(first_bottom))) = self.columns.take() {
            self.y = self.y.max(first_bottom);
        }
        self.full_width();
    }

    pub(super) fn bottom(&self) -> f32 {
        // Room for the page number.
        self.size.1 - MARGIN - line_height(SMALL)
    }

    pub(super) fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Makes room for `height` points, starting a continuation page when the page is full.
    pub(super) fn room(&mut self, height: f32) {
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

    pub(super) fn text_at(&mut self, x: f32, text: &str, size: f32, bold: bool, grey: bool) {
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
    pub(super) fn paragraph(&mut self, text: &str, size: f32, bold: bool) {
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
    pub(super) fn bullet(&mut self, mark: &str, text: &str, bold: bool, depth: u8) {
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
