//! What covers the summary: the answers as a QR code, and printing or sending.
//!
//! Both are dialogs in the visitor's colours and at their text size, and both fit the window at
//! every size: the words scroll inside the dialog when there is not room for them all, and the
//! buttons stay below them, always in view. The QR code sits on a white plate of its own (with
//! the quiet zone scanners need), so it reads in high contrast too.

use egui::{Label, RichText, ScrollArea, Ui, Vec2, vec2};

use super::super::View;
use super::super::widgets::{Look, big_button};
use crate::command::{Command, Visit};
use crate::navigation::Handoff;
use crate::selfcheck::CheckFlow;
use crate::theme::Theme;

/// The frame's border.
const STROKE: f32 = 3.0;

/// A dialog's frame in the visitor's colours.
fn frame(theme: &Theme) -> egui::Frame {
    egui::Frame::new()
        .fill(theme.surface)
        .stroke(egui::Stroke::new(STROKE, theme.control_border))
        .corner_radius(theme.radius())
        .inner_margin(theme.tokens.margin)
}

/// The room a dialog's content has: the window less the frame and a gap at each edge.
fn room(ui: &Ui, theme: &Theme) -> Vec2 {
    let screen = ui.ctx().content_rect().size();
    let around = 2.0 * (theme.tokens.margin + STROKE + theme.tokens.gap);
    (screen - vec2(around, around)).max(vec2(1.0, 1.0))
}

/// Printing or sending: "Printing…" while it runs, then how it went. After a failure the QR code
/// is offered instead; after success, Finish wipes the answers for the next person.
pub fn handoff_overlay(ui: &mut Ui, view: &View<'_>, handoff: &Handoff, out: &mut Vec<Command>) {
    let theme = view.theme;
    let words = &view.language().selfcheck;
    let h = &words.handoff;
    let said = Said::of(handoff, h);
    let Said {
        message,
        busy,
        failed,
        reference,
    } = said;
    let room = room(ui, theme);
    let screen = ui.ctx().content_rect();
    let width = (screen.width() * 0.8)
        .min(theme.tokens.max_text_width)
        .min(room.x);
    let size = view.nav_button_size();
    let spacing = theme.tokens.gap * 1.5;
    // The buttons' rows: side by side when both fit, else one above the other.
    let rows = if busy {
        0.0
    } else if 2.0 * size.x + spacing <= width {
        1.0
    } else {
        2.0
    };
    let buttons = rows * (size.y + spacing) + theme.tokens.gap;
    let scroll = (room.y - buttons).max(size.y);
    // The words' height, so the scroll area is as tall as they are (or as the room), not only as
    // tall as the room below the dialog's top (egui's default inside a centred area).
    let gap = theme.tokens.gap;
    let tall = |text: &str, font| {
        ui.painter()
            .layout(text.to_owned(), font, theme.text, width - 16.0)
            .size()
            .y
            + gap
    };
    let reference_font = reference_font(theme);
    let mut words_height = tall(message, theme.heading());
    if let Some(reference) = reference {
        words_height += tall(&h.reference, theme.body()) + tall(reference, reference_font.clone());
    }
    if busy {
        words_height += theme.tokens.heading_size * 1.5 + gap * 2.0;
    }
    if let Some(why) = failed {
        words_height += tall(&format!("({why})"), theme.small()) + gap;
    }
    egui::Modal::new(egui::Id::unique("handoff"))
        .frame(frame(theme))
        .show(ui.ctx(), |ui| {
            ui.set_width(width);
            ui.vertical_centered(|ui| {
                ScrollArea::vertical()
                    .max_height(scroll)
                    .min_scrolled_height(words_height.min(scroll))
                    .auto_shrink([false, true])
                    .show(ui, |ui| said.show(ui, theme, h));
                if busy {
                    return;
                }
                ui.add_space(theme.tokens.gap);
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing = vec2(spacing, spacing);
                    let (first, visit) = match failed {
                        Some(_) => (&words.summary.show_to_staff, Visit::ShowCode(true)),
                        None => (&words.summary.finish, Visit::FinishCheck),
                    };
                    if big_button(ui, theme, first, Look::Primary, size).clicked() {
                        out.push(visit.into());
                    }
                    if big_button(ui, theme, &words.summary.close, Look::Secondary, size).clicked()
                    {
                        out.push(Visit::CloseHandoff.into());
                    }
                });
            });
        });
}

/// The reference is read out at the desk: large and bold (its letters never include 0, O, 1, I
/// or L, so the face need not tell them apart).
fn reference_font(theme: &Theme) -> egui::FontId {
    egui::FontId::new(theme.tokens.heading_size * 1.6, crate::theme::bold())
}

/// What the printing or sending message says.
#[derive(Clone, Copy)]
struct Said<'a> {
    message: &'a str,
    /// Still waiting: a spinner and no buttons.
    busy: bool,
    /// The reason, for staff, after a failure.
    failed: Option<&'a str>,
    /// The short reference to say at the desk, after sending to the clinic's record.
    reference: Option<&'a str>,
}

impl<'a> Said<'a> {
    fn of(handoff: &'a Handoff, h: &'a crate::selfcheck::HandoffText) -> Self {
        Self {
            message: crate::handoff::message(handoff, h),
            busy: handoff.is_running(),
            failed: handoff.failure(),
            reference: handoff.reference().map(|(reference, _)| reference),
        }
    }

    /// The words, centred: a spinner while busy, the message, the reference or the reason.
    fn show(self, ui: &mut Ui, theme: &Theme, h: &crate::selfcheck::HandoffText) {
        ui.vertical_centered(|ui| {
            if self.busy {
                ui.add(egui::Spinner::new().size(theme.tokens.heading_size * 1.5));
                ui.add_space(theme.tokens.gap);
            }
            ui.add(Label::new(RichText::new(self.message).font(theme.heading())).wrap());
            if let Some(reference) = self.reference {
                ui.add_space(theme.tokens.gap);
                ui.add(Label::new(RichText::new(&h.reference).font(theme.body())));
                let big = RichText::new(reference)
                    .font(reference_font(theme))
                    .color(theme.text);
                ui.add(Label::new(big));
            }
            if let Some(why) = self.failed {
                ui.add_space(theme.tokens.gap);
                // For staff who come over; plain words, no patient data.
                let why = RichText::new(format!("({why})"))
                    .font(theme.small())
                    .color(theme.muted_text);
                ui.add(Label::new(why).wrap());
            }
        });
    }
}

/// The answers as a large QR code for staff, with the code in text for a scanner or typing.
pub fn code_overlay(ui: &mut Ui, view: &View<'_>, flow: &CheckFlow, out: &mut Vec<Command>) {
    let theme = view.theme;
    let words = &view.language().selfcheck.summary;
    let code = crate::selfcheck::code::encode(&view.content.selfcheck, flow.answers());
    let screen = ui.ctx().content_rect();
    let room = room(ui, theme);
    // Large enough to read at arm's length: most of the shorter side of the screen, and never
    // under 240 pixels (whatever the text size) unless the window itself is smaller.
    let wanted = (screen.width().min(screen.height()) * 0.55).clamp(240.0, 900.0);
    let least = 240.0 / ui.ctx().pixels_per_point();
    let width = (screen.width() * 0.8)
        .min(theme.tokens.max_text_width)
        .max(wanted)
        .min(room.x);
    let gap = theme.tokens.gap;
    let layout = |text: &str, font| {
        ui.painter()
            .layout(text.to_owned(), font, theme.text, width - 16.0)
    };
    let code_text = layout(&code, theme.small());
    let help = layout(&words.code_help, theme.body());
    let button = view.nav_button_size();
    // The code and its words under the QR code, then the button, fill the rest of the height.
    let scroll = (room.y - button.y - gap * 2.0).max(least.min(room.y));
    let words_height = code_text.size().y + help.size().y + gap * 4.0;
    let side = (scroll - words_height)
        .min(wanted)
        .max(least)
        .min(scroll - gap)
        .min(width)
        .max(1.0);
    let response = egui::Modal::new(egui::Id::unique("staff-code"))
        .frame(frame(theme))
        .show(ui.ctx(), |ui| {
            ui.set_width(width);
            ui.vertical_centered(|ui| {
                ScrollArea::vertical()
                    .max_height(scroll)
                    .min_scrolled_height((side + words_height).min(scroll))
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        ui.vertical_centered(|ui| {
                            qr(ui, &code, side);
                            ui.add(Label::new(
                                RichText::new(&code)
                                    .font(theme.small())
                                    .color(theme.muted_text),
                            ));
                            ui.add(Label::new(
                                RichText::new(&words.code_help).color(theme.text),
                            ));
                        });
                    });
                ui.add_space(gap);
                if big_button(ui, theme, &words.close, Look::Primary, button).clicked() {
                    out.push(Visit::ShowCode(false).into());
                }
            });
        });
    if response.should_close() {
        out.push(Visit::ShowCode(false).into());
    }
}

/// The QR code of `code`, `side` points square, black on its own white plate with the quiet zone
/// of 4 modules around it that scanners expect.
fn qr(ui: &mut Ui, code: &str, side: f32) {
    let Some((width, modules)) = crate::selfcheck::code::qr_modules(code) else {
        return;
    };
    let (rect, response) = ui.allocate_exact_size(vec2(side, side), egui::Sense::hover());
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, format!("QR {code}")));
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
