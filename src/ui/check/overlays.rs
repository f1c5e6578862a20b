//! What covers the summary: the answers as a QR code, and printing or sending.

use egui::{RichText, Ui, vec2};

use super::super::View;
use super::super::widgets::{Look, big_button};
use crate::command::{Command, Visit};
use crate::navigation::Handoff;
use crate::selfcheck::CheckFlow;

/// The body of the self-check screen.
/// Printing or sending: "Printing…" while it runs, then how it went. After a failure the QR code
/// is offered instead; after success, Finish wipes the answers for the next person.
pub fn handoff_overlay(ui: &mut Ui, view: &View<'_>, handoff: &Handoff, out: &mut Vec<Command>) {
    let theme = view.theme;
    let words = &view.language().selfcheck;
    let h = &words.handoff;
    let (message, busy, failed) = match handoff {
        Handoff::Printing => (&h.printing, true, None),
        Handoff::Sending => (&h.sending, true, None),
        Handoff::Printed => (&h.printed, false, None),
        Handoff::Sent => (&h.sent, false, None),
        Handoff::PrintFailed(why) => (&h.print_failed, false, Some(why)),
        Handoff::SendFailed(why) => (&h.send_failed, false, Some(why)),
    };
    let screen = ui.ctx().content_rect();
    let width = (screen.width() * 0.8).min(theme.tokens.max_text_width);
    let frame = egui::Frame::new()
        .fill(theme.surface)
        .stroke(egui::Stroke::new(3.0, theme.control_border))
        .corner_radius(theme.radius())
        .inner_margin(theme.tokens.margin);
    let size = view.nav_button_size();
    egui::Modal::new(egui::Id::unique("handoff"))
        .frame(frame)
        .show(ui.ctx(), |ui| {
            ui.set_width(width);
            ui.vertical_centered(|ui| {
                if busy {
                    ui.add(egui::Spinner::new().size(theme.tokens.heading_size * 1.5));
                    ui.add_space(theme.tokens.gap);
                }
                ui.add(egui::Label::new(RichText::new(message).font(theme.heading())).wrap());
                if let Some(why) = failed {
                    ui.add_space(theme.tokens.gap);
                    // For staff who come over; plain words, no patient data.
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("({why})"))
                                .font(theme.small())
                                .color(theme.muted_text),
                        )
                        .wrap(),
                    );
                }
                if busy {
                    return;
                }
                ui.add_space(theme.tokens.gap * 2.0);
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing =
                        vec2(theme.tokens.gap * 1.5, theme.tokens.gap * 1.5);
                    if failed.is_some() {
                        if big_button(ui, theme, &words.summary.show_to_staff, Look::Primary, size)
                            .clicked()
                        {
                            out.push(Visit::ShowCode(true).into());
                        }
                    } else if big_button(ui, theme, &words.summary.finish, Look::Primary, size)
                        .clicked()
                    {
                        out.push(Visit::FinishCheck.into());
                    }
                    if big_button(ui, theme, &words.summary.close, Look::Secondary, size).clicked()
                    {
                        out.push(Visit::CloseHandoff.into());
                    }
                });
            });
        });
}

/// The answers as a large QR code for staff, with the code in text for a scanner or typing.
pub fn code_overlay(ui: &mut Ui, view: &View<'_>, flow: &CheckFlow, out: &mut Vec<Command>) {
    let theme = view.theme;
    let words = &view.language().selfcheck.summary;
    let code = crate::selfcheck::code::encode(&view.content.selfcheck, flow.answers());
    let screen = ui.ctx().content_rect();
    // Large enough to read at arm's length: most of the shorter side of the screen.
    let side = (screen.width().min(screen.height()) * 0.55).clamp(240.0, 900.0);
    let frame = egui::Frame::new()
        .fill(egui::Color32::WHITE)
        .stroke(egui::Stroke::new(3.0, theme.control_border))
        .corner_radius(theme.radius())
        .inner_margin(theme.tokens.margin);
    let response = egui::Modal::new(egui::Id::unique("staff-code"))
        .frame(frame)
        .show(ui.ctx(), |ui| {
            ui.set_width(side);
            ui.vertical_centered(|ui| {
                if let Some((width, modules)) = crate::selfcheck::code::qr_modules(&code) {
                    let (rect, response) =
                        ui.allocate_exact_size(vec2(side, side), egui::Sense::hover());
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Image, true, format!("QR {code}"))
                    });
                    // A quiet zone of 4 modules around the code, as scanners expect.
                    let module = side / (width as f32 + 8.0);
                    let origin = rect.min + vec2(4.0 * module, 4.0 * module);
                    let painter = ui.painter();
                    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
                    for (i, dark) in modules.iter().enumerate() {
                        if *dark {
                            let (x, y) = ((i % width) as f32, (i / width) as f32);
                            let cell = egui::Rect::from_min_size(
                                origin + vec2(x * module, y * module),
                                vec2(module.ceil(), module.ceil()),
                            );
                            painter.rect_filled(cell, 0.0, egui::Color32::BLACK);
                        }
                    }
                }
                ui.label(
                    RichText::new(&code)
                        .font(theme.small())
                        .color(theme.muted_text),
                );
                ui.add(egui::Label::new(&words.code_help).wrap());
                if big_button(
                    ui,
                    theme,
                    &words.close,
                    Look::Primary,
                    view.nav_button_size(),
                )
                .clicked()
                {
                    out.push(Visit::ShowCode(false).into());
                }
            });
        });
    if response.should_close() {
        out.push(Visit::ShowCode(false).into());
    }
}
