//! Draws the animated valve with egui's painter: the calf, a stretch of vein with three valves,
//! blood moving, arrows; and the buttons that drive it. The motion itself is `crate::valve`.

use egui::{Color32, Pos2, Rect, Sense, Shape, Stroke, Ui, UiBuilder, pos2, vec2};

use super::View;
use super::widgets::{Look, big_button};
use crate::command::{Command, Visit};
use crate::theme::ValveColors;
use crate::valve::{ValveAnimation, ValveFrame, ValveMode, still};

/// The valve scene in `rect`, with its buttons below it.
pub fn show(
    ui: &mut Ui,
    view: &View<'_>,
    valve: &ValveAnimation,
    rect: Rect,
    out: &mut Vec<Command>,
) {
    let theme = view.theme;
    let words = &view.language().ui;
    let reduce = view.session.choices.reduce_motion;
    let button_h = theme.tokens.touch_target;
    let gap = theme.tokens.gap;
    // One row of three buttons if their labels fit, else the two modes above a full-width
    // squeeze button, else one button a row.
    let need = |label: &str| {
        ui.painter()
            .layout_no_wrap(label.to_owned(), theme.button(), Color32::WHITE)
            .size()
            .x
            + 4.0 * gap
    };
    let widest_mode = need(&words.valve_healthy).max(need(&words.valve_weak));
    let widest = widest_mode.max(need(&words.valve_squeeze));
    let rows: f32 = if 3.0 * widest + 2.0 * gap <= rect.width() {
        1.0
    } else if 2.0 * widest_mode + gap <= rect.width() {
        2.0
    } else {
        3.0
    };
    let controls_h = rows * button_h + (rows - 1.0) * gap;
    // What the scene shows in this mode, as a caption under it (a picture's title in words).
    let caption = match valve.mode() {
        ValveMode::Healthy => &words.valve_caption_healthy,
        ValveMode::Weak => &words.valve_caption_weak,
    };
    let (side, caption_h) = caption_room(
        ui,
        view,
        caption,
        vec2(rect.width(), rect.height() - controls_h - gap),
    );
    let scene = Rect::from_center_size(
        pos2(rect.center().x, rect.top() + side / 2.0),
        vec2(side, side),
    );
    let now = view.now;
    let frame = if reduce {
        still(valve.mode())
    } else {
        valve.frame(now)
    };

    let alt = view.text().map_or("", |t| t.alt.as_str());
    let response = ui.interact(scene, ui.scope_id().with("valve-scene"), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, alt));
    paint(ui, scene, &frame, &theme.valve);
    if response.clicked() {
        out.push(Visit::ValveSqueeze.into());
    }
    if let Some(next) = valve.next_frame(now, reduce) {
        ui.ctx().request_repaint_after(next);
    }

    draw_caption(ui, view, caption, scene, caption_h);
    let controls = Rect::from_min_max(
        pos2(rect.left(), scene.bottom() + caption_h + gap),
        rect.max,
    );
    ui.scope_builder(UiBuilder::new().max_rect(controls), |ui| {
        // Rows laid out explicitly: a wrapping row can spill a button under the footer.
        let columns = match rows as u8 {
            1 => 3.0,
            2 => 2.0,
            _ => 1.0,
        };
        let size = vec2(
            ((controls.width() - (columns - 1.0) * gap) / columns).floor(),
            button_h,
        );
        let mode_buttons = |ui: &mut Ui, out: &mut Vec<Command>| {
            for (label, mode) in [
                (&words.valve_healthy, ValveMode::Healthy),
                (&words.valve_weak, ValveMode::Weak),
            ] {
                let look = Look::Choice(valve.mode() == mode);
                if big_button(ui, theme, label, look, size).clicked() {
                    out.push(Visit::ValveMode(mode).into());
                }
            }
        };
        let squeeze = |ui: &mut Ui, out: &mut Vec<Command>, size| {
            if big_button(ui, theme, &words.valve_squeeze, Look::Primary, size).clicked() {
                out.push(Visit::ValveSqueeze.into());
            }
        };
        if rows > 2.0 {
            mode_buttons(ui, out);
            squeeze(ui, out, vec2(controls.width().floor(), button_h));
        } else if rows > 1.0 {
            ui.horizontal(|ui| mode_buttons(ui, out));
            squeeze(ui, out, vec2(controls.width().floor(), button_h));
        } else {
            ui.horizontal(|ui| {
                mode_buttons(ui, out);
                squeeze(ui, out, size);
            });
        }
    });
}

/// The scene's side and the caption's height (with its gap) in `room` above the buttons: the
/// caption as wide as the scene, so it stays in the picture's column. Where the caption would
/// take the scene down to less than half its side (large text on a short window), none: the
/// screen's words beside say the same, and the scene stays big enough to see.
fn caption_room(ui: &Ui, view: &View<'_>, caption: &str, room: egui::Vec2) -> (f32, f32) {
    let theme = view.theme;
    let gap = theme.tokens.gap;
    let height = |width: f32| {
        ui.painter()
            .layout(
                caption.to_owned(),
                theme.small(),
                theme.muted_text,
                width.max(1.0),
            )
            .size()
            .y
            + gap
    };
    let full = room.x.min(room.y).max(80.0);
    // A narrower scene makes the caption taller: a few steps settle it.
    let mut side = full;
    for _ in 0..3 {
        side = room.x.min(room.y - height(side));
    }
    let needed = height(side);
    side = side.min(room.y - needed);
    if side < full / 2.0 {
        (full, 0.0)
    } else {
        (side, needed)
    }
}

/// The caption, `height` tall (none when 0), centred under the scene and as wide as it.
fn draw_caption(ui: &mut Ui, view: &View<'_>, caption: &str, scene: Rect, height: f32) {
    let theme = view.theme;
    if height <= 0.0 {
        return;
    }
    let below = Rect::from_min_size(
        pos2(scene.left(), scene.bottom() + theme.tokens.gap / 2.0),
        vec2(scene.width(), height),
    );
    ui.scope_builder(UiBuilder::new().max_rect(below), |ui| {
        ui.vertical_centered(|ui| {
            let words = egui::RichText::new(caption)
                .font(theme.small())
                .color(theme.muted_text);
            ui.add(egui::Label::new(words).wrap());
        });
    });
}

/// Paints one frame of the scene into `r` (a square).
pub(crate) fn paint(ui: &Ui, r: Rect, f: &ValveFrame, c: &ValveColors) {
    #[rustfmt::skip]
    let ValveColors { scene, outline, skin, muscle, vein, blood, pool, up } = *c;
    let p = ui.painter_at(r);
    let s = r.width();
    let at = |x: f32, y: f32| pos2(r.left() + x * s, r.top() + y * s);
    p.rect_filled(r, s * 0.06, scene);

    // The calf: a rounded muscle beside the vein that swells toward it as it squeezes.
    let calf_c = at(0.32 + 0.05 * f.squeeze, 0.55);
    p.add(Shape::ellipse_filled(
        at(0.36, 0.55),
        vec2(s * 0.22, s * 0.40),
        skin,
    ));
    p.add(Shape::ellipse_filled(
        calf_c,
        vec2(s * (0.13 + 0.03 * f.squeeze), s * 0.28),
        muscle,
    ));
    p.add(Shape::ellipse_stroke(
        at(0.36, 0.55),
        vec2(s * 0.22, s * 0.40),
        Stroke::new(3.0, outline),
    ));
    if f.squeeze > 0.05 {
        for y in [0.42, 0.55, 0.68] {
            arrow(
                &p,
                at(0.12, y),
                at(0.12 + 0.08 * f.squeeze, y),
                Stroke::new(4.0, outline),
            );
        }
    }

    // The vein: a tube; weak valves let it bulge at the bottom where blood pools.
    let x = 0.62;
    let half = 0.11 - 0.015 * f.squeeze;
    let (top, bottom) = (0.08, 0.94);
    let bulge = 0.06 * f.pool;
    let wall = |t: f32, side: f32| {
        let y = top + (bottom - top) * t;
        let swell = if t > 0.6 {
            bulge * ((t - 0.6) / 0.4 * std::f32::consts::PI).sin()
        } else {
            0.0
        };
        at(x + side * (half + swell), y)
    };
    let steps = 24;
    let left: Vec<Pos2> = (0..=steps)
        .map(|i| wall(i as f32 / steps as f32, -1.0))
        .collect();
    let right: Vec<Pos2> = (0..=steps)
        .map(|i| wall(i as f32 / steps as f32, 1.0))
        .collect();
    let mut tube = left.clone();
    tube.extend(right.iter().rev());
    p.add(Shape::convex_polygon(tube, vein, Stroke::NONE));
    if f.pool > 0.0 {
        let pool_top = 0.62;
        let mut pooled: Vec<Pos2> = left
            .iter()
            .copied()
            .filter(|q| q.y >= at(0.0, pool_top).y)
            .collect();
        pooled.extend(
            right
                .iter()
                .rev()
                .copied()
                .filter(|q| q.y >= at(0.0, pool_top).y),
        );
        p.add(Shape::convex_polygon(
            pooled,
            pool.gamma_multiply(0.25 + 0.5 * f.pool),
            Stroke::NONE,
        ));
    }

    // Blood: beads rising through the vein.
    let spacing = 0.16;
    let radius = s * half * 0.45;
    for k in -1..8 {
        let y = bottom - 0.04 - (k as f32 + f.blood.rem_euclid(1.0)) * spacing;
        if y > top + 0.03 && y < bottom - 0.02 {
            p.circle_filled(at(x, y), radius, blood);
        }
    }

    // Valves: two flaps from the walls that meet in the middle when shut.
    for vy in [0.30, 0.55, 0.80] {
        for side in [-1.0_f32, 1.0] {
            let base = at(x + side * half, vy);
            let closed = at(x + side * 0.004, vy - half * 0.9);
            let open = at(x + side * half * 0.85, vy - half * 1.6);
            let tip = closed + (open - closed) * f.open;
            p.line_segment([base, tip], Stroke::new(4.0, outline));
        }
    }
    p.add(Shape::line(left, Stroke::new(4.0, outline)));
    p.add(Shape::line(right, Stroke::new(4.0, outline)));

    // Arrows: up (green) while blood rises, down (purple) while it slips back.
    if f.rising {
        arrow(&p, at(0.86, 0.72), at(0.86, 0.30), Stroke::new(8.0, up));
    }
    if f.slipping {
        arrow(&p, at(0.93, 0.40), at(0.93, 0.82), Stroke::new(8.0, pool));
    }
}

fn arrow(p: &egui::Painter, from: Pos2, to: Pos2, stroke: Stroke) {
    p.line_segment([from, to], stroke);
    let dir = (to - from).normalized();
    let normal = vec2(-dir.y, dir.x);
    let head = stroke.width * 2.2;
    p.add(Shape::convex_polygon(
        vec![to + dir * head, to - normal * head, to + normal * head],
        stroke.color,
        Stroke::NONE,
    ));
}
