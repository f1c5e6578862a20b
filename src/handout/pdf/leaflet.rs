//! The take-home leaflet on paper: the clinic, the phone numbers in a box, then parts of screens
//! (their titles and chosen blocks) as the kiosk shows them. No patient data of any kind.

use super::layout::{SCALES, line_height};
use super::{BODY, CLINIC, HEADING, Item, Layout, MARGIN, SMALL, TITLE};
use crate::content::Block;

/// Everything the leaflet says, already in one language with placeholders filled.
pub struct LeafletCopy {
    pub clinic: String,
    pub title: String,
    /// "Emergency: 911. Clinic: 555-0100."
    pub phones: String,
    /// Each part: its heading, the blocks it holds, each with the pictogram of each bullet (an
    /// index into the pictures given to `render`), if any, and whether it is a checklist.
    pub parts: Vec<LeafletPart>,
    /// Over a checklist: "Tick a box on each day you do it."
    pub checklist: String,
    /// The checklist's columns: the days of the week, Monday first.
    pub days: Vec<String>,
    /// "Checked for accuracy on …"
    pub reviewed: String,
    pub no_patient_data: String,
}

/// One part of the leaflet, ready for paper.
pub struct LeafletPart {
    pub heading: String,
    pub blocks: Vec<(Block, Vec<Option<usize>>)>,
    /// Its steps get a box for each day of the week.
    pub checklist: bool,
}

/// The side of a checklist's box, and the room between boxes, in points.
const BOX: f32 = 13.0;
const BOX_GAP: f32 = 4.0;

/// The most pages a leaflet may take before its type is made smaller.
const PAGES: usize = 2;

impl Layout {
    /// Lays the leaflet out from a new page, as large as it can be while it fits two pages.
    pub fn leaflet(&mut self, copy: &LeafletCopy, logo: Option<f32>) {
        let start = self.pages.len();
        for scale in SCALES {
            self.scale = scale;
            self.pages.truncate(start);
            self.leaflet_in(copy, logo);
            if self.pages.len() - start <= PAGES {
                break;
            }
        }
        self.scale = 1.0;
    }

    fn leaflet_in(&mut self, copy: &LeafletCopy, logo: Option<f32>) {
        self.full_width();
        self.columns = None;
        self.running_head = format!("{} · {}", copy.clinic, copy.title);
        self.new_page();
        if let Some(aspect) = logo {
            let h = 44.0;
            let w = (h * aspect).min(self.right() - MARGIN);
            let y = self.y;
            self.push(Item::Logo {
                x: MARGIN,
                y,
                w,
                h: w / aspect,
            });
            self.y += w / aspect + 8.0;
        }
        self.paragraph(&copy.clinic, self.sz(CLINIC), true);
        self.paragraph(&copy.title, self.sz(TITLE), true);
        self.y += 6.0;
        self.boxed(&copy.phones);
        for part in &copy.parts {
            let blocks = &part.blocks;
            self.room(line_height(self.sz(HEADING)) + 2.0 * line_height(self.sz(BODY)) + 6.0);
            self.y += 6.0;
            self.paragraph(&part.heading, self.sz(HEADING), true);
            let days = if part.checklist {
                self.paragraph(&copy.checklist, self.sz(BODY), false);
                self.day_letters(&copy.days);
                copy.days.len()
            } else {
                0
            };
            for (i, (block, marks)) in blocks.iter().enumerate() {
                // A lead-in ("…Then do this:") stays on the page with the first steps it leads to.
                if let (Block::Text(lead) | Block::Callout(lead), Some((Block::Bullets(_), _))) =
                    (block, blocks.get(i + 1))
                {
                    let width = self.column.1 - self.column.0;
                    let lines = self.measure.wrap(lead, self.sz(BODY), true, width).len() + 2;
                    self.room(lines as f32 * line_height(self.sz(BODY)));
                }
                match block {
                    Block::Bullets(items) if days > 0 || marks.iter().any(Option::is_some) => {
                        for (j, item) in items.iter().enumerate() {
                            self.pictured_step(item, marks.get(j).copied().flatten(), days);
                        }
                        self.y += 3.0;
                    }
                    _ => self.block(block),
                }
            }
        }
        self.y += 8.0;
        self.paragraph(&copy.reviewed, self.sz(SMALL), false);
        self.paragraph(&copy.no_patient_data, self.sz(SMALL), false);
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Text(text) => {
                self.paragraph(text, self.sz(BODY), false);
                self.y += 3.0;
            }
            Block::Callout(text) => {
                self.paragraph(text, self.sz(BODY), true);
                self.y += 3.0;
            }
            Block::Bullets(items) => {
                for item in items {
                    self.bullet("•", item, false, 0);
                }
                self.y += 3.0;
            }
            Block::Table { head, rows } => {
                // On paper, one option after another: its name, then each row's label and cell.
                for (column, name) in head.iter().enumerate().skip(1) {
                    self.room(2.0 * line_height(self.sz(BODY)));
                    self.bullet("•", name, true, 0);
                    for row in rows {
                        if let (Some(label), Some(cell)) = (row.first(), row.get(column)) {
                            self.bullet("–", &format!("{label}: {cell}"), false, 1);
                        }
                    }
                }
                self.y += 3.0;
            }
            Block::Chances(chances) => {
                // On paper, the words: each says its number.
                for chance in chances {
                    self.bullet("•", &chance.text, false, 0);
                }
                self.y += 3.0;
            }
        }
    }

    /// The width of a checklist's boxes for `days` days (none: 0).
    fn boxes_width(days: usize) -> f32 {
        if days == 0 {
            0.0
        } else {
            days as f32 * (BOX + BOX_GAP) + 6.0
        }
    }

    /// The day letters over a checklist's columns of boxes, at the column's right edge.
    fn day_letters(&mut self, days: &[String]) {
        self.room(line_height(self.sz(BODY)));
        let left = self.column.1 - Self::boxes_width(days.len()) + 6.0;
        let y = self.y + self.sz(SMALL);
        for (i, day) in days.iter().enumerate() {
            let width = self.measure.width(day, self.sz(SMALL), true);
            let x = left + i as f32 * (BOX + BOX_GAP) + (BOX - width) / 2.0;
            self.push(Item::Text {
                x,
                y,
                size: self.sz(SMALL),
                bold: true,
                grey: false,
                text: day.clone(),
            });
        }
        self.y += line_height(self.sz(SMALL)) + 2.0;
    }

    /// A step with its pictogram at the left (or the room for one), the words beside it, and
    /// with `days` > 0 a box to tick for each day at the right.
    fn pictured_step(&mut self, text: &str, picture: Option<usize>, days: usize) {
        // About 16 mm, as large as keeps the leaflet to two pages: a four-step picture stays
        // readable on paper.
        let side = 2.8 * line_height(self.sz(BODY));
        let x = self.column.0;
        let indent = side + 10.0;
        let width = self.column.1 - x - indent - Self::boxes_width(days);
        // On a checklist, the step's first sentence in bold is its row's heading ("Walk every
        // day."), the rest how to do it.
        let (head, rest) = if days > 0 {
            first_sentence(text)
        } else {
            ("", text)
        };
        let lines: Vec<(String, bool)> = [(head, true), (rest, false)]
            .into_iter()
            .filter(|(words, _)| !words.is_empty())
            .flat_map(|(words, bold)| {
                let wrapped = self.measure.wrap(words, self.sz(BODY), bold, width);
                wrapped.into_iter().map(move |line| (line, bold))
            })
            .collect();
        // A step without a picture takes only its lines (its words still start where the
        // pictured steps' do), unless it has boxes to tick.
        let side = if picture.is_some() || days > 0 {
            side
        } else {
            0.0
        };
        let height = (lines.len() as f32 * line_height(self.sz(BODY))).max(side);
        self.room(height + 4.0);
        let top = self.y;
        if let Some(index) = picture {
            self.push(Item::Picture {
                x,
                y: top,
                side,
                index,
            });
        }
        let left = self.column.1 - Self::boxes_width(days) + 6.0;
        for day in 0..days {
            let bx = left + day as f32 * (BOX + BOX_GAP);
            self.push(Item::Box {
                rect: [bx, top + 2.0, bx + BOX, top + 2.0 + BOX],
                fill: false,
                stroke: 1.2,
            });
        }
        for (line, bold) in lines {
            self.text_at(x + indent, &line, self.sz(BODY), bold, false);
        }
        self.y = self.y.max(top + side) + 4.0;
    }

    /// A line of bold text in an outlined box (the phone numbers), so it is found at a glance.
    fn boxed(&mut self, text: &str) {
        let pad = 8.0;
        let inner = self.right() - MARGIN - 2.0 * pad;
        let lines = self.measure.wrap(text, self.sz(HEADING), true, inner);
        let height = lines.len() as f32 * line_height(self.sz(HEADING)) + 2.0 * pad;
        self.room(height);
        let right = self.right();
        self.push(Item::Box {
            rect: [MARGIN, self.y, right, self.y + height],
            fill: true,
            stroke: 2.0,
        });
        self.y += pad;
        for line in lines {
            self.text_at(MARGIN + pad, &line, self.sz(HEADING), true, false);
        }
        self.y += pad + 6.0;
    }
}
/// A text's first sentence (up to ". ", "? " or "! ") and the rest; all of it when it has one.
fn first_sentence(text: &str) -> (&str, &str) {
    text.match_indices(['.', '?', '!'])
        .map(|(i, _)| i + 1)
        .find(|&end| text[end..].starts_with(' '))
        .map_or((text, ""), |end| (&text[..end], text[end..].trim_start()))
}
