//! The overview: every slide as a tile (its number, title and picture) in a grid of
//! [`OVERVIEW_COLUMNS`], the cursor's tile outlined. In the presenter view each tile is a button;
//! on the audience window (while the presenter view is hidden) it is only painted.

use egui::{Rect, Sense, Stroke, StrokeKind, Ui, pos2, vec2};

use super::{Stage, scaled};
use crate::command::Visit;
use crate::present::{Command, OVERVIEW_COLUMNS};

/// Paints the overview into `rect` with the cursor on slide `cursor`. With `out`, tiles are
/// buttons that show their slide.
pub fn paint(
    ui: &mut Ui,
    stage: &Stage<'_>,
    rect: Rect,
    cursor: usize,
    out: Option<&mut Vec<Command>>,
) {
    let p = stage.presentation;
    let language = stage.language();
    let rows = p.len().div_ceil(OVERVIEW_COLUMNS).max(1);
    let theme = scaled(
        stage.tokens,
        (rect.height() / rows as f32 / 260.0).clamp(0.35, 1.0),
    );
    let gap = theme.tokens.gap * 1.5;
    ui.painter().rect_filled(rect, 0.0, theme.background);
    let inner = rect.shrink(gap);
    let cols = OVERVIEW_COLUMNS as f32;
    let w = (inner.width() - gap * (cols - 1.0)) / cols;
    let h = (inner.height() - gap * (rows as f32 - 1.0)) / rows as f32;
    let mut clicked = None;
    for (i, screen) in stage.content.flow.screens.iter().enumerate() {
        let (row, col) = (i / OVERVIEW_COLUMNS, i % OVERVIEW_COLUMNS);
        let r = Rect::from_min_size(
            pos2(
                inner.left() + col as f32 * (w + gap),
                inner.top() + row as f32 * (h + gap),
            ),
            vec2(w, h),
        );
        let title = language
            .screens
            .get(&screen.id)
            .map_or(screen.id.as_str(), |t| t.title.as_str());
        let label = format!("{}. {title}", i + 1);
        if out.is_some() {
            let response = ui.interact(r, ui.make_persistent_id(("overview", i)), Sense::click());
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, i == cursor, &label)
            });
            if response.clicked() {
                clicked = Some(i);
            }
        }
        let painter = ui.painter_at(r);
        let (fill, stroke) = if i == cursor {
            (theme.chosen(), Stroke::new(6.0, theme.accent))
        } else if i == p.current() {
            (theme.surface, Stroke::new(3.0, theme.text))
        } else {
            (theme.surface, Stroke::new(2.0, theme.control_border))
        };
        painter.rect(r, theme.radius(), fill, stroke, StrokeKind::Inside);
        let pad = theme.tokens.gap;
        let mut job =
            egui::text::LayoutJob::simple(label, theme.button(), theme.text, r.width() - 2.0 * pad);
        job.wrap.max_rows = 2;
        let g = painter.layout_job(job);
        let text_h = g.size().y;
        painter.galley(r.min + vec2(pad, pad), g, theme.text);
        let room = Rect::from_min_max(
            pos2(r.left() + pad, r.top() + 2.0 * pad + text_h),
            r.max - vec2(pad, pad),
        );
        let side = room.width().min(room.height());
        if side > 8.0 {
            let square = Rect::from_center_size(room.center(), vec2(side, side));
            super::slide::picture(ui, stage, square, &screen.illustration, "", &theme);
        }
    }
    if let (Some(i), Some(out)) = (clicked, out) {
        out.push(Command::from(Visit::GoTo(i)));
    }
}
