//! The staff PIN pad and menu (kiosk mode, behind a hidden gesture).

use egui::{Id, Modal, RichText, Sense, Stroke, Ui, vec2};

use super::View;
use super::widgets::{Look, big_button, callout};
use crate::command::{Command, KioskCommand, StaffAction};
use crate::job::JobStatus;
use crate::kiosk::Staff;

/// The staff PIN pad or menu, over everything.
pub fn staff(ui: &mut Ui, view: &View<'_>, staff: &Staff, out: &mut Vec<Command>) {
    let theme = view.theme;
    let frame = egui::Frame::new()
        .fill(theme.surface)
        .stroke(Stroke::new(3.0, theme.control_border))
        .corner_radius(theme.radius())
        .inner_margin(theme.tokens.margin);
    let screen = ui.ctx().content_rect();
    let width = (screen.width() - 4.0 * theme.tokens.margin).clamp(280.0, 760.0);
    // On a short window the menu scrolls inside the dialog, so every button can be reached;
    // Close stays below it, always in view.
    let close = view.nav_button_size();
    let height =
        (screen.height() - 4.0 * theme.tokens.margin - close.y - 2.0 * theme.tokens.gap).max(160.0);
    Modal::new(Id::unique("staff"))
        .frame(frame)
        .show(ui.ctx(), |ui| {
            ui.set_width(width);
            // The menu opens at its top, not where the PIN pad was scrolled to.
            let part = if matches!(staff, Staff::Menu { .. }) {
                "menu"
            } else {
                "pad"
            };
            egui::ScrollArea::vertical()
                .id_salt(part)
                .max_height(height)
                .min_scrolled_height(height)
                .auto_shrink([false, true])
                .show(ui, |ui| staff_body(ui, view, staff, out));
            ui.add_space(theme.tokens.gap);
            let words = &view.language().ui.staff;
            if big_button(ui, theme, &words.close, Look::Secondary, close).clicked() {
                out.push(KioskCommand::StaffClose.into());
            }
        });
}

/// What the dialog's scrolling part holds: the PIN pad or the menu.
fn staff_body(ui: &mut Ui, view: &View<'_>, staff: &Staff, out: &mut Vec<Command>) {
    let theme = view.theme;
    let words = &view.language().ui.staff;
    let key = vec2(
        theme.tokens.touch_target * 1.8,
        theme.tokens.touch_target * 1.2,
    );
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
                        if big_button(ui, theme, &d.to_string(), Look::Secondary, key).clicked() {
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
            JobStatus::Done | JobStatus::Recorded(_) => words.printed.clone(),
            JobStatus::Failed(why) => words.print_failed.replace("{why}", why),
        };
        callout(ui, theme, text);
    }
    // Two buttons a row, each half the menu at most.
    let cap = vec2(
        ((ui.available_width() - theme.tokens.gap) / 2.0).min(wide.x),
        wide.y,
    );
    let half = super::widgets::NavSize {
        cap,
        min_width: cap.x,
    };
    ui.horizontal(|ui| {
        for (label, command) in [
            (&words.leave_kiosk, Command::from(StaffAction::LeaveKiosk)),
            (&words.reload, Command::from(StaffAction::ReloadContent)),
        ] {
            if super::widgets::nav_button(ui, theme, label, Look::Secondary, half).clicked() {
                out.push(command);
            }
        }
    });
    // The two tests side by side: a page on the printer, a sentence through the speech service.
    ui.horizontal(|ui| {
        for (label, command) in [
            (&words.print_test, Command::from(StaffAction::PrintTestPage)),
            (&words.speech_test, Command::from(StaffAction::TestSpeech)),
        ] {
            if super::widgets::nav_button(ui, theme, label, Look::Secondary, half).clicked() {
                out.push(command);
            }
        }
    });
    if let Some(status) = view.bundle {
        content_status(ui, view, status);
    }
    if let Some(status) = view.record {
        record_status(ui, view, status, out);
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

/// The clinic's FHIR server: the last delivery, what waits, what was refused (with a button to
/// send it again), the last problem. Counts and times only, never a visitor's answers.
fn record_status(
    ui: &mut Ui,
    view: &View<'_>,
    status: &crate::outbox::SenderStatus,
    out: &mut Vec<Command>,
) {
    let words = &view.language().ui.staff;
    let theme = view.theme;
    let small = theme.small();
    ui.label(RichText::new(&words.record_title).font(theme.button()));
    let last = match status.last_success {
        Some(when) => {
            let when: chrono::DateTime<chrono::Local> = when.into();
            words
                .record_last_sent
                .replace("{time}", &when.format("%Y-%m-%d %H:%M").to_string())
        }
        None => words.record_none_sent.clone(),
    };
    ui.label(RichText::new(last).font(small.clone()));
    let counts = &status.counts;
    ui.label(
        RichText::new(
            words
                .record_pending
                .replace("{count}", &counts.pending.to_string()),
        )
        .font(small),
    );
    if counts.dead > 0 {
        let mut refused = words
            .record_dead
            .replace("{count}", &counts.dead.to_string());
        if let Some(why) = &counts.dead_reason {
            refused = format!("{refused} ({why})");
        }
        callout(ui, theme, refused);
        let size = vec2(theme.tokens.touch_target * 7.0, theme.tokens.touch_target);
        let size = vec2(size.x.min(ui.available_width()), size.y);
        if big_button(ui, theme, &words.record_retry, Look::Secondary, size).clicked() {
            out.push(StaffAction::RetryRefused.into());
        }
    }
    let problem = (status.last_error.as_ref())
        .or(counts.last_error.as_ref())
        .or(status.status_error.as_ref());
    if let Some(why) = problem {
        callout(ui, theme, words.record_problem.replace("{why}", why));
    }
}

/// Pulled content: the version shown, the last check, why it failed, a version waiting.
fn content_status(ui: &mut Ui, view: &View<'_>, status: &crate::bundle::BundleStatus) {
    let words = &view.language().ui.staff;
    let small = view.theme.small();
    let version = match status.in_use {
        Some(v) => words.content_version.replace("{version}", &v.to_string()),
        None => words.content_installed.clone(),
    };
    ui.label(RichText::new(version).font(small.clone()));
    if let Some(time) = &status.checked {
        ui.label(RichText::new(words.content_checked.replace("{time}", time)).font(small));
    }
    if let Some(waiting) = status.waiting {
        callout(
            ui,
            view.theme,
            words
                .content_waiting
                .replace("{version}", &waiting.to_string()),
        );
    }
    if let Some(why) = &status.failed {
        callout(
            ui,
            view.theme,
            words.content_check_failed.replace("{why}", why),
        );
    }
}
