//! How a slide shares its room: its margins, and where the words, the picture (or the
//! self-check's examples) and the sources go below the title.

use egui::{Rect, pos2};

use crate::content::{Block, ScreenText};
use crate::present::SlideKind;
use crate::theme::Theme;

/// How a slide shares its width.
#[derive(Debug, Clone, Copy)]
pub(super) enum Layout {
    /// Words beside the screen's picture (or the valve).
    Picture,
    /// Words beside the self-check's examples.
    Examples,
    /// Words across the whole slide: a comparison or chances need the width more than the
    /// picture (in a column beside a picture, a table's last rows were cut off).
    Wide,
}

pub(super) fn layout(kind: SlideKind, text: &ScreenText) -> Layout {
    let wide = text.body.iter().any(|b| match b {
        Block::Table { .. } | Block::Chances(_) => true,
        Block::Text(_) | Block::Bullets(_) | Block::Callout(_) => false,
    });
    match kind {
        SlideKind::SelfCheck => Layout::Examples,
        SlideKind::Guide if wide => Layout::Wide,
        SlideKind::Guide => Layout::Picture,
    }
}

/// Where the parts of a slide go.
pub(super) struct Frame {
    pub(super) inner: Rect,
    pub(super) gap: f32,
}

impl Frame {
    pub(super) fn new(rect: Rect, theme: &Theme) -> Self {
        Self {
            inner: rect.shrink((rect.height() * 0.045).max(theme.tokens.margin * 0.5)),
            gap: theme.tokens.margin,
        }
    }

    /// Below a title `title_h` high: the words, the picture beside them (above them on a
    /// portrait slide) and the footer line.
    pub(super) fn split(
        &self,
        title_h: f32,
        layout: Layout,
        theme: &Theme,
    ) -> (Rect, Option<Rect>, Rect) {
        let r = self.inner;
        // Two lines: a screen with many sources still shows its review date.
        let footer_h = theme.tokens.small_size * 2.6;
        let body = Rect::from_min_max(
            pos2(r.left(), r.top() + title_h + self.gap * 0.75),
            pos2(r.right(), r.bottom() - footer_h - self.gap * 0.5),
        );
        let footer = Rect::from_min_max(pos2(r.left(), r.bottom() - footer_h), r.max);
        let share = match layout {
            Layout::Wide => return (body, None, footer),
            Layout::Picture => 0.38,
            // The self-check's examples are words: they get more of the width than a picture.
            Layout::Examples => 0.46,
        };
        if body.width() >= body.height() {
            let picture_w = (body.width() * share).min(body.height() * 1.2);
            let words = Rect::from_min_max(
                body.min,
                pos2(body.right() - picture_w - self.gap, body.bottom()),
            );
            let picture = Rect::from_min_max(pos2(body.right() - picture_w, body.top()), body.max);
            (words, Some(picture), footer)
        } else {
            let picture_h = (body.height() * 0.3).min(body.width());
            let picture = Rect::from_min_max(body.min, pos2(body.right(), body.top() + picture_h));
            let words =
                Rect::from_min_max(pos2(body.left(), picture.bottom() + self.gap), body.max);
            (words, Some(picture), footer)
        }
    }
}
