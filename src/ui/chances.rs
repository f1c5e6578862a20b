//! Chances as pictures (icon arrays): 100 dots, one for each of 100 people or legs, with as many
//! filled as the words count ("about 15 in 100"), so a number is seen as well as read. The kiosk's
//! screen and the presenter's slide draw them with the same `paint`.

use egui::{Color32, Painter, Rect, Stroke, Ui, pos2, vec2};

use super::View;
use super::widgets::{keep_in_view, list, marked};
use crate::content::Chance;
use crate::theme::Theme;

/// How many dots a picture has, and how many a row: ten rows of ten.
const DOTS: u32 = Chance::DOTS;
const PER_ROW: u32 = 10;

/// The narrowest a picture's tile may be, and the widest its square of dots grows.
const MIN_TILE: f32 = 220.0;
pub const MAX_GRID: f32 = 240.0;

/// Paints 100 dots in the square `r`, row by row from the top left: the first `count` filled
/// with `filled`, the rest as rings of `empty`, so the two differ in shape as well as colour.
pub fn paint(painter: &Painter, r: Rect, count: u32, filled: Color32, empty: Color32) {
    let cell = r.width().min(r.height()) / PER_ROW as f32;
    let radius = cell * 0.38;
    let ring = Stroke::new((cell * 0.09).max(1.5), empty);
    for i in 0..DOTS {
        let (row, col) = (i / PER_ROW, i % PER_ROW);
        let centre = pos2(
            r.left() + (col as f32 + 0.5) * cell,
            r.top() + (row as f32 + 0.5) * cell,
        );
        if i < count {
            painter.circle_filled(centre, radius, filled);
        } else {
            painter.circle_stroke(centre, radius - ring.width / 2.0, ring);
        }
    }
}

/// The dots' colours in `theme`: filled in the accent, empty in the controls' border colour;
/// `check` measures both against the page in each colour set.
pub fn colours(theme: &Theme) -> (Color32, Color32) {
    (theme.accent, theme.control_border)
}

/// Draws `chances` side by side where the width allows, each picture over its words, as a list a
/// screen reader reads item by item (each item is its words: they say the number).
pub fn show(ui: &mut Ui, view: &View<'_>, chances: &[Chance]) {
    let theme = view.theme;
    let gap = theme.tokens.gap;
    let count = chances.len().max(1);
    // As the comparison table: narrower than the column by a scroll bar, and in points, so
    // "Larger text" leaves fewer, wider tiles.
    let width = ui.available_width() - 12.0;
    let fit = (((width + gap) / (MIN_TILE + gap)).floor() as usize).clamp(1, count);
    let lines = count.div_ceil(fit);
    let columns = count.div_ceil(lines);
    let tile_width = ((width - gap * (columns as f32 - 1.0)) / columns as f32).floor();
    list(ui, |ui| {
        for line in chances.chunks(columns) {
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing = vec2(gap, gap / 2.0);
                for chance in line {
                    tile(ui, view, chance, tile_width);
                }
            });
            ui.add_space(gap / 2.0);
        }
    });
}

/// One picture and its words in a quiet frame, as a list item.
fn tile(ui: &mut Ui, view: &View<'_>, chance: &Chance, tile_width: f32) {
    let theme = view.theme;
    let gap = theme.tokens.gap;
    let words = view.content.fill(&chance.text);
    let item = egui::UiBuilder::new()
        .accessibility_role(egui::accesskit::Role::ListItem)
        .accessibility_label(words.clone());
    ui.scope_builder(item, |ui| {
        super::table::cell_frame(view).show(ui, |ui| {
            // The frame's margin and border, with room for their rounding to whole points.
            let inner = tile_width - 2.0 * gap - 8.0;
            ui.set_width(inner);
            ui.vertical(|ui| {
                let side = inner.min(MAX_GRID);
                let (rect, _) = ui.allocate_exact_size(vec2(inner, side), egui::Sense::hover());
                let square = Rect::from_center_size(rect.center(), vec2(side, side));
                let (filled, empty) = colours(theme);
                paint(ui.painter(), square, chance.count, filled, empty);
                let job = marked(ui, theme, &words, theme.body(), theme.text);
                let shown = ui.add(egui::Label::new(job).wrap());
                keep_in_view(ui, &words, &shown);
            });
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The circles painted into a square: (filled with `FILLED`, rings of `EMPTY`).
    fn dots(count: u32) -> (usize, usize) {
        const FILLED: Color32 = Color32::from_rgb(200, 0, 0);
        const EMPTY: Color32 = Color32::from_rgb(0, 0, 200);
        let ctx = egui::Context::default();
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let r = Rect::from_min_size(pos2(10.0, 10.0), vec2(200.0, 200.0));
            paint(ui.painter(), r, count, FILLED, EMPTY);
        });
        out.textures_delta.clear();
        let circles: Vec<egui::epaint::CircleShape> = out
            .shapes
            .iter()
            .filter_map(|c| match &c.shape {
                egui::Shape::Circle(circle) => Some(*circle),
                _ => None,
            })
            .collect();
        let filled = circles.iter().filter(|c| c.fill == FILLED).count();
        let rings = circles
            .iter()
            .filter(|c| c.fill == Color32::TRANSPARENT && c.stroke.color == EMPTY)
            .count();
        (filled, rings)
    }

    #[test]
    fn a_picture_fills_as_many_of_its_100_dots_as_its_count() {
        for count in [1, 7, 15, 18, 20, 99, 100] {
            assert_eq!(dots(count), (count as usize, (DOTS - count) as usize));
        }
    }
}
