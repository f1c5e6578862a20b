//! Kiosk mode between and around visitors: the attract screen and "Are you still there?".

use egui::{Color32, Id, Modal, RichText, Sense, Stroke, Ui, UiBuilder, vec2};

use super::View;
use super::picture_uri;
use super::widgets::{Look, big_button};
use crate::command::{Command, KioskCommand, Visit};

/// The attract screen moves once every this many seconds: a ring breathes out around the
/// picture, and the highlighted invitation moves to the next language. Between pulses nothing is
/// drawn, so a kiosk that waits all day costs almost nothing.
const ATTRACT_CYCLE: f64 = 4.0;
/// How long each pulse lasts, and its frame rate: smooth enough for a slow motion.
const ATTRACT_PULSE: f64 = 0.6;
const ATTRACT_FPS: f64 = 8.0;

/// Where the attract screen's motion stands at `t`: the pulse's progress (0 to 1, 1 when at
/// rest), which language is highlighted, and when to draw again.
pub fn attract_motion(t: f64, languages: usize) -> (f32, usize, f64) {
    let cycle = (t / ATTRACT_CYCLE).floor();
    let phase = t - cycle * ATTRACT_CYCLE;
    let highlighted = (cycle as usize) % languages.max(1);
    if phase < ATTRACT_PULSE {
        (
            (phase / ATTRACT_PULSE) as f32,
            highlighted,
            1.0 / ATTRACT_FPS,
        )
    } else {
        (1.0, highlighted, ATTRACT_CYCLE - phase)
    }
}

/// The attract screen: an invitation in every language, each named in its own words. A touch
/// anywhere starts in the default language; a touch on a language's invitation starts in it.
pub fn attract(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let theme = view.theme;
    let rect = ui.max_rect();
    // The window is cleared to the background colour already (App::clear_color): filling it
    // again would make the CPU paint every pixel twice per frame on a box without a GPU.
    let default = view.content.default_language();
    let anywhere = ui.interact(rect, Id::unique("attract-anywhere"), Sense::click());
    anywhere.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, &default.ui.attract_touch)
    });

    // A ring breathes out around the picture once per cycle: the only motion.
    let (pulse, highlighted, next) = attract_motion(view.now, view.content.languages.len());
    let side = (rect.width().min(rect.height()) * 0.32).min(520.0);
    let center = egui::pos2(
        rect.center().x,
        rect.top() + rect.height() * 0.08 + side / 2.0 + 20.0,
    );
    let ring = Stroke::new(6.0, theme.accent.gamma_multiply(0.6));
    ui.painter().circle_stroke(center, side * 0.56, ring);
    if pulse < 1.0 {
        let fading = Stroke::new(6.0, theme.accent.gamma_multiply(0.6 * (1.0 - pulse)));
        ui.painter()
            .circle_stroke(center, side * (0.56 + 0.12 * pulse), fading);
    }
    let picture = egui::Rect::from_center_size(center, vec2(side, side));
    if view.pictures.contains("welcome.svg") {
        egui::Image::from_uri(picture_uri("welcome.svg"))
            .show_loading_spinner(false)
            .paint_at(ui, picture);
    }
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs_f64(next));

    let column = egui::Rect::from_min_max(
        egui::pos2(rect.left() + theme.tokens.margin, center.y + side * 0.65),
        egui::pos2(
            rect.right() - theme.tokens.margin,
            rect.bottom() - theme.tokens.margin,
        ),
    );
    ui.scope_builder(UiBuilder::new().max_rect(column), |ui| {
        ui.vertical_centered(|ui| {
            ui.label(
                RichText::new(&view.content.settings.clinic_name)
                    .font(theme.button())
                    .color(theme.muted_text),
            );
            ui.add_space(theme.tokens.gap);
            let width = (ui.available_width()).min(900.0);
            for (i, language) in view.content.languages.iter().enumerate() {
                let label = format!(
                    "{}\n{}",
                    language.ui.attract_title, language.ui.attract_touch
                );
                let look = if i == highlighted {
                    Look::Primary
                } else {
                    Look::Secondary
                };
                if big_button(
                    ui,
                    theme,
                    &label,
                    look,
                    vec2(width, theme.tokens.touch_target * 1.8),
                )
                .clicked()
                {
                    out.push(Visit::Begin(Some(language.code.clone())).into());
                }
            }
        });
    });
    if anywhere.clicked() {
        out.push(Visit::Begin(None).into());
    }
}

/// "Are you still there?" with a countdown. One tap anywhere continues.
pub fn still_there(ui: &mut Ui, view: &View<'_>, left: f64, out: &mut Vec<Command>) {
    let theme = view.theme;
    let words = &view.language().ui;
    let seconds = left.ceil().max(1.0);
    let frame = egui::Frame::new()
        .fill(theme.surface)
        .stroke(Stroke::new(4.0, theme.accent))
        .corner_radius(theme.radius())
        .inner_margin(theme.tokens.margin * 1.5);
    let width = (ui.ctx().content_rect().width() - 4.0 * theme.tokens.margin).clamp(280.0, 900.0);
    let response = Modal::new(Id::unique("still-there"))
        .frame(frame)
        .backdrop_color(Color32::from_black_alpha(140))
        .show(ui.ctx(), |ui| {
            ui.set_width(width);
            let room = ui.ctx().content_rect().height()
                - 5.0 * theme.tokens.margin
                - theme.tokens.touch_target * 1.3;
            ui.vertical_centered(|ui| {
                egui::ScrollArea::vertical()
                    .max_height(room.max(80.0))
                    .show(ui, |ui| {
                        ui.label(RichText::new(&words.still_there).font(theme.heading()));
                        // Announced by screen readers as it changes (a live region).
                        let countdown = ui.label(
                            words
                                .still_there_text
                                .replace("{seconds}", &format!("{seconds}")),
                        );
                        super::widgets::live_region(ui, &countdown, false);
                        ui.label(RichText::new(format!("{seconds}")).font(egui::FontId::new(
                            theme.tokens.heading_size * 1.6,
                            crate::theme::bold(),
                        )));
                    });
                let size = vec2(width.min(520.0), theme.tokens.touch_target * 1.3);
                if big_button(ui, theme, &words.still_here, Look::Primary, size).clicked() {
                    out.push(KioskCommand::StillHere.into());
                }
            });
        });
    if response.backdrop_response.clicked() {
        out.push(KioskCommand::StillHere.into());
    }
}

#[cfg(test)]
mod tests {
    use super::attract_motion;

    #[test]
    fn the_attract_screen_rests_between_pulses() {
        let (pulse, lang, next) = attract_motion(0.3, 2);
        assert!(
            pulse > 0.0
                && pulse < 1.0
                && lang == 0
                && (next - 1.0 / super::ATTRACT_FPS).abs() < 1e-9,
            "pulsing at ATTRACT_FPS frames a second"
        );
        let (pulse, lang, next) = attract_motion(1.0, 2);
        assert_eq!((pulse, lang), (1.0, 0));
        assert!(
            (next - 3.0).abs() < 1e-9,
            "then rests until the next cycle: {next}"
        );
        assert_eq!(
            attract_motion(4.1, 2).1,
            1,
            "the next language is highlighted"
        );
        assert_eq!(attract_motion(8.1, 2).1, 0);
    }
}
