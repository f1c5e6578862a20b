//! A comparison table and chances on a slide, laid out as galleys and painted: the table as a
//! grid (one row per question, one column per option, as on paper), so all its rows fit where a
//! list of every cell would not; the chances as tiles, each its 100 dots over its words.

use std::sync::Arc;

use egui::{Galley, Painter, Rect, Stroke, StrokeKind, pos2, vec2};

use crate::content::{Chance, Content};
use crate::theme::Theme;

/// The share of a table's width its row labels take; the options share the rest.
const LABEL_SHARE: f32 = 0.17;

/// A table laid out `width` wide: `cells[0]` is the head, each later row starts with its label.
pub struct Grid {
    cells: Vec<Vec<Arc<Galley>>>,
    widths: Vec<f32>,
}

impl Grid {
    pub fn new(
        painter: &Painter,
        content: &Content,
        (head, rows): (&[String], &[Vec<String>]),
        width: f32,
        theme: &Theme,
    ) -> Self {
        let pad = pad(theme);
        let options = head.len().saturating_sub(1).max(1);
        let label_w = (width * LABEL_SHARE).floor();
        let option_w = ((width - label_w) / options as f32).floor();
        let widths: Vec<f32> = std::iter::once(label_w)
            .chain(std::iter::repeat_n(option_w, options))
            .collect();
        let lay = |text: &str, column: usize, bold: bool| {
            let font = if bold { theme.button() } else { theme.body() };
            let room = widths.get(column).copied().unwrap_or(option_w) - 2.0 * pad;
            painter.layout(content.fill(text), font, theme.text, room.max(1.0))
        };
        let cells = std::iter::once(head)
            .chain(rows.iter().map(Vec::as_slice))
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, text)| lay(text, c, r == 0 || c == 0))
                    .collect()
            })
            .collect();
        Self { cells, widths }
    }

    fn row_height(row: &[Arc<Galley>], theme: &Theme) -> f32 {
        row.iter().map(|g| g.size().y).fold(0.0, f32::max) + 2.0 * pad(theme)
    }

    pub fn height(&self, theme: &Theme) -> f32 {
        self.cells
            .iter()
            .map(|row| Self::row_height(row, theme))
            .sum::<f32>()
            + theme.tokens.gap
    }

    /// The head on the surface colour, a line under every row.
    pub fn paint(&self, painter: &Painter, at: egui::Pos2, theme: &Theme) {
        let pad = pad(theme);
        let width: f32 = self.widths.iter().sum();
        let line = Stroke::new((theme.tokens.gap / 8.0).max(1.0), theme.control_border);
        let mut y = at.y;
        for (r, row) in self.cells.iter().enumerate() {
            let h = Self::row_height(row, theme);
            let band = Rect::from_min_size(pos2(at.x, y), vec2(width, h));
            if r == 0 {
                painter.rect(band, 0.0, theme.surface, line, StrokeKind::Inside);
            } else {
                painter.hline(band.x_range(), band.bottom(), line);
            }
            let mut x = at.x;
            for (c, galley) in row.iter().enumerate() {
                painter.galley(pos2(x + pad, y + pad), galley.clone(), theme.text);
                x += self.widths.get(c).copied().unwrap_or_default();
            }
            y += h;
        }
    }
}

fn pad(theme: &Theme) -> f32 {
    theme.tokens.gap * 0.4
}

/// Chances as tiles, up to five a row, each its dots over its words.
pub struct Chances {
    tiles: Vec<(u32, Arc<Galley>)>,
    columns: usize,
    width: f32,
}

impl Chances {
    pub fn new(
        painter: &Painter,
        content: &Content,
        chances: &[Chance],
        width: f32,
        theme: &Theme,
    ) -> Self {
        let gap = theme.tokens.gap;
        let columns = chances.len().clamp(1, 5);
        let tile_w = ((width - gap * (columns as f32 - 1.0)) / columns as f32).floor();
        let tiles = chances
            .iter()
            .map(|c| {
                let words = painter.layout(
                    content.fill(&c.text),
                    theme.body(),
                    theme.text,
                    (tile_w - 2.0 * gap).max(1.0),
                );
                (c.count, words)
            })
            .collect();
        Self {
            tiles,
            columns,
            width: tile_w,
        }
    }

    /// The side of a tile's square of dots.
    fn side(&self, theme: &Theme) -> f32 {
        (self.width - 2.0 * theme.tokens.gap).min(theme.tokens.body_size * 7.0)
    }

    fn row_height(&self, row: &[(u32, Arc<Galley>)], theme: &Theme) -> f32 {
        let pad = theme.tokens.gap;
        let text = row.iter().map(|(_, g)| g.size().y).fold(0.0, f32::max);
        self.side(theme) + text + 3.0 * pad
    }

    pub fn height(&self, theme: &Theme) -> f32 {
        self.tiles
            .chunks(self.columns)
            .map(|row| self.row_height(row, theme) + theme.tokens.gap)
            .sum()
    }

    pub fn paint(&self, painter: &Painter, at: egui::Pos2, theme: &Theme) {
        let t = &theme.tokens;
        let mut y = at.y;
        for row in self.tiles.chunks(self.columns) {
            let h = self.row_height(row, theme);
            for (i, (count, words)) in row.iter().enumerate() {
                let x = at.x + i as f32 * (self.width + t.gap);
                let r = Rect::from_min_size(pos2(x, y), vec2(self.width, h));
                if !painter.clip_rect().contains_rect(r) {
                    return;
                }
                painter.rect(
                    r,
                    theme.radius(),
                    theme.surface,
                    Stroke::new(2.0, theme.control_border),
                    StrokeKind::Inside,
                );
                let side = self.side(theme);
                let square = Rect::from_min_size(
                    pos2(r.center().x - side / 2.0, r.top() + t.gap),
                    vec2(side, side),
                );
                let (filled, empty) = crate::ui::chances::colours(theme);
                crate::ui::chances::paint(painter, square, *count, filled, empty);
                painter.galley(
                    pos2(r.left() + t.gap, square.bottom() + t.gap),
                    words.clone(),
                    theme.text,
                );
            }
            y += h + t.gap;
        }
    }
}
