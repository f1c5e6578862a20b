//! What opens over a slide: an open card, large, or a gallery picture shown large with its
//! description, each on a panel over the dimmed slide.

use egui::{Color32, Painter, Rect, Stroke, StrokeKind, Ui, pos2, vec2};

use super::super::Stage;
use super::pictures::picture;
use crate::theme::Theme;
use crate::ui::picture_uri;

/// Dims the slide and paints the panel `panel` over it; `add` paints inside the panel.
pub(super) fn overlay(
    ui: &Ui,
    rect: Rect,
    panel: Rect,
    theme: &Theme,
    add: impl FnOnce(&Ui, Rect),
) {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::from_black_alpha(110));
    painter.rect(
        panel,
        theme.radius(),
        theme.surface,
        Stroke::new(4.0, theme.control_border),
        StrokeKind::Inside,
    );
    add(ui, panel.shrink(theme.tokens.margin));
}

/// An open card's type: larger than the slide's, since its words are few.
fn card_fonts(theme: &Theme) -> (egui::FontId, egui::FontId) {
    let mut title = theme.heading();
    title.size = (title.size * 1.15).round();
    let mut body = theme.body();
    body.size = (body.size * 1.3).round();
    (title, body)
}

/// Where an open card's panel goes: 70% of the slide wide, as high as its words, centred.
pub(super) fn card_rect(
    painter: &Painter,
    rect: Rect,
    picture: bool,
    (title, text): (&str, &str),
    theme: &Theme,
) -> Rect {
    let m = theme.tokens.margin;
    let width = rect.width() * 0.7;
    let side = if picture { width * 0.22 } else { 0.0 };
    let words_w = width - 2.0 * m - if picture { side + m } else { 0.0 };
    let (title_font, body_font) = card_fonts(theme);
    let t = painter.layout(title.to_owned(), title_font, theme.text, words_w);
    let b = painter.layout(text.to_owned(), body_font, theme.text, words_w);
    let height = (t.size().y + m + b.size().y).max(side) + 2.0 * m;
    Rect::from_center_size(rect.center(), vec2(width, height.min(rect.height() * 0.9)))
}

/// An open card: its pictogram, title and explanation, large.
pub(super) fn card_panel(
    ui: &Ui,
    rect: Rect,
    picture: Option<&str>,
    (title, text): (&str, &str),
    theme: &Theme,
) {
    let painter = ui.painter_at(rect);
    let m = theme.tokens.margin;
    let mut left = rect.left();
    if let Some(name) = picture {
        // The same share of the panel as `card_rect` left for it.
        let side = (rect.width() + 2.0 * m) * 0.22;
        let r = Rect::from_min_size(rect.min, vec2(side, side));
        egui::Image::from_uri(picture_uri(name))
            .show_loading_spinner(false)
            .paint_at(ui, r);
        left += side + m;
    }
    let words_w = rect.right() - left;
    let (title_font, body_font) = card_fonts(theme);
    let t = painter.layout(title.to_owned(), title_font, theme.text, words_w);
    let b = painter.layout(text.to_owned(), body_font, theme.text, words_w);
    let t_h = t.size().y;
    painter.galley(pos2(left, rect.top()), t, theme.text);
    painter.galley(pos2(left, rect.top() + t_h + m), b, theme.text);
}

/// A gallery picture, large, with its description under it.
pub(super) fn picture_panel(
    ui: &Ui,
    stage: &Stage<'_>,
    rect: Rect,
    name: &str,
    caption: &str,
    theme: &Theme,
) {
    let painter = ui.painter_at(rect);
    let g = painter.layout(caption.to_owned(), theme.body(), theme.text, rect.width());
    let side = (rect.height() - g.size().y - theme.tokens.margin).min(rect.width());
    let square = Rect::from_center_size(
        pos2(rect.center().x, rect.top() + side / 2.0),
        vec2(side, side),
    );
    picture(ui, stage, square, name, caption, theme);
    painter.galley(
        pos2(
            rect.center().x - g.size().x / 2.0,
            square.bottom() + theme.tokens.margin,
        ),
        g,
        theme.text,
    );
}
