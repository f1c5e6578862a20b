//! Kiosk-mode screens: the attract screen, "Are you still there?", and the staff PIN pad and menu.

use egui::{Color32, Id, Modal, RichText, Sense, Stroke, Ui, UiBuilder, vec2};

use super::View;
use super::picture_uri;
use super::widgets::{Look, big_button, callout};
use crate::command::{Command, KioskCommand, StaffAction, Visit};
use crate::job::JobStatus;
use crate::kiosk::Staff;

/// The attract screen moves once every this many seconds: a ring breathes out around the
/// picture, and the highlighted invitation moves to the next language. Between pulses nothing is
/// drawn, so a kiosk that waits all day costs almost nothing.
const ATTRACT_CYCLE: f64 = 4.0;
/// How long each pulse lasts, and its frame rate: smooth enough for a slow motion.
const ATTRACT_PULSE: f64 = 0.6;
const ATTRACT_FPS: f64 = 12.0;

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
    ui.painter().rect_filled(rect, 0.0, theme.background);
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
            ui.vertical_centered(|ui| {
                ui.label(RichText::new(&words.still_there).font(theme.heading()));
                ui.label(
                    words
                        .still_there_text
                        .replace("{seconds}", &format!("{seconds}")),
                );
                ui.label(RichText::new(format!("{seconds}")).font(egui::FontId::new(
                    theme.tokens.heading_size * 1.6,
                    crate::theme::bold(),
                )));
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

/// The staff PIN pad or menu, over everything.
pub fn staff(ui: &mut Ui, view: &View<'_>, staff: &Staff, out: &mut Vec<Command>) {
    let theme = view.theme;
    let words = &view.language().ui.staff;
    let frame = egui::Frame::new()
        .fill(theme.surface)
        .stroke(Stroke::new(3.0, theme.control_border))
        .corner_radius(theme.radius())
        .inner_margin(theme.tokens.margin);
    let key = vec2(
        theme.tokens.touch_target * 1.8,
        theme.tokens.touch_target * 1.2,
    );
    let width = (ui.ctx().content_rect().width() - 4.0 * theme.tokens.margin).clamp(280.0, 760.0);
    Modal::new(Id::unique("staff"))
        .frame(frame)
        .show(ui.ctx(), |ui| {
            ui.set_width(width);
            ui.label(RichText::new(&words.title).font(theme.heading()));
            match staff {
                Staff::Closed => {}
                Staff::Pin { pad, message } => {
                    ui.label(RichText::new(&words.enter_pin).font(theme.button()));
                    pin_dots(ui, view, pad.entered_len());
                    if let Some(message) = message {
                        callout(ui, theme, message.as_str());
                    }
                    for row in [[1, 2, 3], [4, 5, 6], [7, 8, 9]] {
                        ui.horizontal(|ui| {
                            for d in row {
                                if big_button(ui, theme, &d.to_string(), Look::Secondary, key)
                                    .clicked()
                                {
                                    out.push(KioskCommand::PinDigit(d).into());
                                }
                            }
                        });
                    }
                    ui.horizontal(|ui| {
                        if big_button(ui, theme, &words.clear, Look::Secondary, key).clicked() {
                            out.push(KioskCommand::PinClear.into());
                        }
                        if big_button(ui, theme, "0", Look::Secondary, key).clicked() {
                            out.push(KioskCommand::PinDigit(0).into());
                        }
                        if big_button(ui, theme, &words.ok, Look::Primary, key).clicked() {
                            out.push(KioskCommand::PinSubmit.into());
                        }
                    });
                }
                Staff::Menu { message } => menu(ui, view, message.as_deref(), out),
            }
            ui.add_space(theme.tokens.gap);
            if big_button(
                ui,
                theme,
                &words.close,
                Look::Secondary,
                view.nav_button_size(),
            )
            .clicked()
            {
                out.push(KioskCommand::StaffClose.into());
            }
        });
}

/// One dot per digit entered (never the digits), drawn rather than typed: the font has no dot
/// glyphs.
fn pin_dots(ui: &mut Ui, view: &View<'_>, entered: usize) {
    let theme = view.theme;
    let shown = entered.max(4);
    let r = 12.0;
    let (rect, response) =
        ui.allocate_exact_size(vec2(shown as f32 * (3.0 * r), 3.0 * r), Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Label, true, format!("{entered} / {shown}"))
    });
    for i in 0..shown {
        let c = egui::pos2(rect.left() + r * 1.5 + i as f32 * 3.0 * r, rect.center().y);
        if i < entered {
            ui.painter().circle_filled(c, r, theme.text);
        } else {
            ui.painter()
                .circle_stroke(c, r, Stroke::new(2.0, theme.control_border));
        }
    }
}

fn menu(ui: &mut Ui, view: &View<'_>, message: Option<&str>, out: &mut Vec<Command>) {
    let theme = view.theme;
    let words = &view.language().ui.staff;
    let wide = vec2(theme.tokens.touch_target * 7.0, theme.tokens.touch_target);
    if let Some(message) = message {
        callout(ui, theme, message);
    }
    if let Some(status) = view.kiosk.and_then(|k| k.test_page.as_ref()) {
        let text = match status {
            JobStatus::Running => words.printing.clone(),
            JobStatus::Done => words.printed.clone(),
            JobStatus::Failed(why) => words.print_failed.replace("{why}", why),
        };
        callout(ui, theme, text);
    }
    for (label, command) in [
        (&words.leave_kiosk, Command::from(StaffAction::LeaveKiosk)),
        (&words.reload, Command::from(StaffAction::ReloadContent)),
        (&words.print_test, Command::from(StaffAction::PrintTestPage)),
    ] {
        if big_button(ui, theme, label, Look::Secondary, wide).clicked() {
            out.push(command);
        }
    }
    ui.label(RichText::new(&words.default_language).font(theme.button()));
    ui.horizontal(|ui| {
        for language in &view.content.languages {
            let look = Look::Choice(language.code == view.session.default_language());
            let size = vec2(theme.tokens.touch_target * 2.5, theme.tokens.touch_target);
            if big_button(ui, theme, &language.name, look, size).clicked() {
                out.push(StaffAction::SetDefaultLanguage(language.code.clone()).into());
            }
        }
    });
    if let Some(kiosk) = view.kiosk {
        let usage = &kiosk.usage;
        ui.label(RichText::new(&words.usage).font(theme.button()));
        let per_language = |counts: &std::collections::BTreeMap<String, u32>| {
            counts
                .iter()
                .map(|(code, n)| format!("{code} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        ui.label(format!(
            "{}: {} ({})",
            words.sessions,
            usage.total_sessions(),
            per_language(&usage.sessions)
        ));
        ui.label(format!(
            "{}: {} ({})",
            words.checks_finished,
            usage.checks_finished.values().sum::<u32>(),
            per_language(&usage.checks_finished)
        ));
        let screens: Vec<String> = view
            .content
            .flow
            .screens
            .iter()
            .map(|s| {
                let n: u32 = usage
                    .screens
                    .iter()
                    .filter(|((id, _), _)| *id == s.id)
                    .map(|(_, n)| n)
                    .sum();
                format!("{} {n}", s.id)
            })
            .collect();
        ui.label(
            RichText::new(format!("{}: {}", words.screens_reached, screens.join(", ")))
                .font(theme.small()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::attract_motion;

    #[test]
    fn the_attract_screen_rests_between_pulses() {
        let (pulse, lang, next) = attract_motion(0.3, 2);
        assert!(
            pulse > 0.0 && pulse < 1.0 && lang == 0 && next < 0.1,
            "pulsing at 12 fps"
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
