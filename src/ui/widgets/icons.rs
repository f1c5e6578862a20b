//! The visitor's controls (larger text, high contrast, read aloud, reduce motion): each a
//! pictogram painted by hand and its name.

use egui::{
    Align2, Color32, FontId, Response, Role, Sense, Stroke, StrokeKind, Ui, Vec2, WidgetInfo,
};

use crate::theme::Theme;

use super::focus_ring;

/// The pictogram drawn on a visitor's control, so it is found without reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    /// A small and a large letter A.
    LargerText,
    /// A circle, half dark.
    Contrast,
    /// A loudspeaker with sound waves.
    Speaker,
    /// Two still bars (pause).
    Still,
}

/// One of the visitor's controls (larger text, high contrast, read aloud, reduce motion): a
/// pictogram and its name, at least `min`. `on` makes it an on/off toggle (exposed as toggled);
/// `None` makes it a plain button. `badge` is a short note drawn at its right ("150%"), also
/// given to screen readers as the control's value.
pub fn access_button(
    ui: &mut Ui,
    theme: &Theme,
    (label, icon): (&str, Icon),
    on: Option<bool>,
    badge: Option<u16>,
    min: Vec2,
) -> Response {
    let font = theme.button();
    let gap = theme.tokens.gap;
    let icon_side = theme.tokens.button_text_size * 1.2;
    let galley = ui
        .painter()
        .layout_no_wrap(label.to_owned(), font.clone(), Color32::PLACEHOLDER);
    let badge_galley = badge.map(|b| {
        ui.painter()
            .layout_no_wrap(format!("{b}%"), font.clone(), Color32::PLACEHOLDER)
    });
    let badge_width = badge_galley.as_ref().map_or(0.0, |g| g.size().x + gap);
    // Room at the right for the tick that shows "on" (so it never covers the name).
    let tick_room = if on.is_some() { gap * 1.5 } else { 0.0 };
    let size = Vec2::new(
        gap * 3.0 + icon_side + galley.size().x + badge_width + tick_room,
        galley.size().y + gap * 2.0,
    )
    .max(min);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| {
        let mut info = match on {
            Some(on) => WidgetInfo::selected(Role::Button, true, on, label),
            None => WidgetInfo::labeled(Role::Button, true, label),
        };
        info.value = badge.map(f64::from);
        info
    });
    if ui.is_rect_visible(rect) {
        let pressed = response.is_pointer_button_down_on();
        let on = on == Some(true);
        let (fill, ink) = match (pressed, on) {
            (true, _) => (theme.control_pressed, theme.text),
            (false, true) => (theme.accent, theme.on_accent),
            (false, false) => (theme.control, theme.text),
        };
        let border = if on || pressed {
            Stroke::new(4.0, theme.text)
        } else {
            Stroke::new(2.0, theme.control_border)
        };
        let painter = ui.painter();
        painter.rect(rect, theme.radius(), fill, border, StrokeKind::Inside);
        focus_ring(ui, theme, &response);
        let icon_rect = egui::Rect::from_center_size(
            egui::pos2(rect.left() + gap * 1.5 + icon_side / 2.0, rect.center().y),
            Vec2::splat(icon_side),
        );
        paint_icon(ui.painter(), icon, icon_rect, ink, fill);
        let text_pos = egui::pos2(
            icon_rect.right() + gap,
            rect.center().y - galley.size().y / 2.0,
        );
        ui.painter().galley(text_pos, galley, ink);
        if let Some(badge) = badge_galley {
            let pos = egui::pos2(
                rect.right() - gap - badge.size().x,
                rect.center().y - badge.size().y / 2.0,
            );
            ui.painter().galley(pos, badge, ink);
        }
        if on {
            // On is shown by a tick too, not by colour alone.
            let c = egui::pos2(rect.right() - 12.0, rect.top() + 12.0);
            ui.painter().line(
                vec![
                    c + Vec2::new(-6.0, 0.0),
                    c + Vec2::new(-2.0, 4.0),
                    c + Vec2::new(5.0, -5.0),
                ],
                Stroke::new(3.0, ink),
            );
        }
    }
    response
}

fn paint_icon(painter: &egui::Painter, icon: Icon, r: egui::Rect, ink: Color32, fill: Color32) {
    let s = r.width();
    match icon {
        Icon::LargerText => {
            let small = FontId::new(s * 0.55, crate::theme::bold());
            let large = FontId::new(s * 0.95, crate::theme::bold());
            painter.text(r.left_bottom(), Align2::LEFT_BOTTOM, "A", small, ink);
            painter.text(r.right_bottom(), Align2::RIGHT_BOTTOM, "A", large, ink);
        }
        Icon::Contrast => {
            let c = r.center();
            let radius = s * 0.45;
            painter.circle(c, radius, fill, Stroke::new(2.5, ink));
            let half: Vec<egui::Pos2> = (0..=16)
                .map(|i| {
                    let a = std::f32::consts::PI * (-0.5 + i as f32 / 16.0);
                    c + Vec2::new(a.cos(), a.sin()) * radius
                })
                .collect();
            painter.add(egui::Shape::convex_polygon(half, ink, Stroke::NONE));
        }
        Icon::Speaker => {
            let x = r.left();
            let y = r.center().y;
            let body = [
                egui::pos2(x, y - s * 0.15),
                egui::pos2(x + s * 0.2, y - s * 0.15),
                egui::pos2(x + s * 0.45, y - s * 0.4),
                egui::pos2(x + s * 0.45, y + s * 0.4),
                egui::pos2(x + s * 0.2, y + s * 0.15),
                egui::pos2(x, y + s * 0.15),
            ];
            painter.add(egui::Shape::convex_polygon(
                body.to_vec(),
                ink,
                Stroke::NONE,
            ));
            for k in [0.25_f32, 0.45] {
                let centre = egui::pos2(x + s * 0.45, y);
                let arc: Vec<egui::Pos2> = (0..=8)
                    .map(|i| {
                        let a = -0.9 + 1.8 * i as f32 / 8.0;
                        centre + Vec2::new(a.cos(), a.sin()) * (s * k)
                    })
                    .collect();
                painter.add(egui::Shape::line(arc, Stroke::new(2.5, ink)));
            }
        }
        Icon::Still => {
            for dx in [0.28_f32, 0.62] {
                let bar = egui::Rect::from_min_size(
                    egui::pos2(r.left() + s * dx - s * 0.1, r.top() + s * 0.15),
                    Vec2::new(s * 0.2, s * 0.7),
                );
                painter.rect_filled(bar, 2.0, ink);
            }
        }
    }
}
