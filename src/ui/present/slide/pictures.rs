//! A guide slide's picture column: the screen's picture (or the valve) and its gallery
//! beneath, and a picture as large as fits (or a calm box saying what it would show).

use egui::{Rect, Stroke, StrokeKind, Ui, pos2, vec2};

use super::super::Stage;
use super::Extras;
use crate::content::{ScreenDef, ScreenText};
use crate::theme::Theme;
use crate::ui::picture_uri;

/// The picture column of a guide slide: the valve or the picture, and the gallery beneath.
pub(super) fn picture_column(
    ui: &Ui,
    stage: &Stage<'_>,
    (screen, text): (&ScreenDef, &ScreenText),
    rect: Rect,
    extras: Extras<'_>,
    theme: &Theme,
) {
    let gap = theme.tokens.gap;
    let strip = if screen.gallery.is_empty() {
        0.0
    } else {
        let n = screen.gallery.len() as f32;
        ((rect.width() - gap * (n - 1.0)) / n).min(rect.height() * 0.22)
    };
    let main_h = rect.height() - if strip > 0.0 { strip + gap } else { 0.0 };
    let side = main_h.min(rect.width());
    let main = Rect::from_center_size(
        pos2(rect.center().x, rect.top() + side / 2.0),
        vec2(side, side),
    );
    match (screen.valve, extras.valve) {
        (Some(mode), frame) => {
            let frame = frame.unwrap_or_else(|| crate::valve::still(mode));
            crate::ui::valve::paint(ui, main, &frame, &theme.valve);
        }
        (None, _) => picture(ui, stage, main, &screen.illustration, &text.alt, theme),
    }
    for (i, name) in screen.gallery.iter().enumerate() {
        let r = Rect::from_min_size(
            pos2(
                rect.left() + i as f32 * (strip + gap),
                rect.bottom() - strip,
            ),
            vec2(strip, strip),
        );
        let shown = extras.picture == Some(i);
        ui.painter().rect(
            r,
            theme.radius(),
            theme.surface,
            Stroke::new(
                if shown { 5.0 } else { 2.0 },
                if shown {
                    theme.accent
                } else {
                    theme.control_border
                },
            ),
            StrokeKind::Outside,
        );
        picture(ui, stage, r.shrink(gap * 0.5), name, "", theme);
    }
}

/// A picture as large as fits in the square `rect`, or a calm box saying what it would show.
pub(in crate::ui::present) fn picture(
    ui: &Ui,
    stage: &Stage<'_>,
    rect: Rect,
    name: &str,
    alt: &str,
    theme: &Theme,
) {
    if stage.pictures.contains(name) {
        egui::Image::from_uri(picture_uri(name))
            .show_loading_spinner(false)
            .paint_at(ui, rect);
        return;
    }
    let painter = ui.painter();
    painter.rect(
        rect,
        theme.radius(),
        theme.surface,
        Stroke::new(2.0, theme.control_border),
        StrokeKind::Inside,
    );
    let words = format!("{}\n{alt}", stage.language().ui.picture_missing);
    let g = painter.layout(
        words,
        theme.small(),
        theme.muted_text,
        rect.width() - 2.0 * theme.tokens.gap,
    );
    painter.galley(rect.center() - g.size() / 2.0, g, theme.muted_text);
}
