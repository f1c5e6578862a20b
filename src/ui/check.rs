//! The self-check's screens: one question at a time, the red-flag alert, and the summary.

use egui::{Align, Layout, RichText, ScrollArea, Ui, vec2};

use super::View;
use super::picture_uri;
use super::widgets::{Look, big_button, callout, callout_frame, picture_card};
use crate::command::Command;
use crate::selfcheck::{
    Answer, CheckFlow, Line, Often, QuestionDef, QuestionKind, Side, Step, Summary, often_label,
    side_word,
};
use crate::session::Handoff;

/// The body of the self-check screen.
pub fn body(ui: &mut Ui, view: &View<'_>, flow: &CheckFlow, out: &mut Vec<Command>) {
    ScrollArea::vertical()
        .id_salt(("check", step_key(flow.step()), view.session.generation()))
        .auto_shrink(false)
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded)
        .show(ui, |ui| {
            // Wider than reading text, so picture cards fit in two rows on a landscape screen.
            ui.set_max_width(
                ui.available_width()
                    .min(view.theme.tokens.max_text_width * 1.6),
            );
            match flow.step() {
                Step::Question(index) => {
                    if let Some(q) = view.content.selfcheck.questions.get(index) {
                        question(ui, view, q, flow, out);
                    }
                }
                Step::Alert(_, flag) => alert(ui, view, flag),
                Step::Summary => summary(ui, view, flow, out),
            }
        });
}

fn step_key(step: Step) -> (u8, usize) {
    match step {
        Step::Question(i) => (0, i),
        Step::Alert(i, _) => (1, i),
        Step::Summary => (2, 0),
    }
}

fn answer_size(view: &View<'_>, ui: &Ui, columns: f32) -> egui::Vec2 {
    let gap = view.theme.tokens.gap;
    let width = ((ui.available_width() - gap * (columns - 1.0)) / columns).floor();
    vec2(width, view.theme.tokens.touch_target * 1.4)
}

fn question(
    ui: &mut Ui,
    view: &View<'_>,
    q: &QuestionDef,
    flow: &CheckFlow,
    out: &mut Vec<Command>,
) {
    let theme = view.theme;
    let words = &view.language().selfcheck;
    let Some(text) = words.questions.get(&q.id) else {
        return;
    };
    ui.label(RichText::new(&text.ask).font(theme.heading()));
    ui.add_space(theme.tokens.gap * 2.0);
    let previous = flow.answers().get(&q.id);
    match &q.kind {
        QuestionKind::YesNo => {
            let size = answer_size(view, ui, 2.0);
            ui.horizontal(|ui| {
                for (label, answer) in [(&words.ui.yes, Answer::Yes), (&words.ui.no, Answer::No)] {
                    let look = if previous == Some(&answer) {
                        Look::Selected
                    } else {
                        Look::Secondary
                    };
                    if big_button(ui, theme, label, look, size).clicked() {
                        out.push(Command::CheckAnswer(answer));
                    }
                }
            });
        }
        QuestionKind::Legs => legs(ui, view, previous, out),
        QuestionKind::One(options) => {
            let size = answer_size(view, ui, 1.0);
            for option in options {
                let label = text
                    .options
                    .get(&option.id)
                    .map_or(option.id.as_str(), String::as_str);
                let chosen = matches!(previous, Some(Answer::Chose(c)) if c.contains(&option.id));
                let look = if chosen {
                    Look::Selected
                } else {
                    Look::Secondary
                };
                if big_button(ui, theme, label, look, size).clicked() {
                    out.push(Command::CheckAnswer(Answer::Chose(
                        [option.id.clone()].into(),
                    )));
                }
            }
        }
        QuestionKind::Many(options) => {
            ui.label(RichText::new(&words.ui.tap_all).font(theme.body()));
            let none = matches!(previous, Some(Answer::Chose(c)) if c.is_empty());
            let none_look = if none {
                Look::Selected
            } else {
                Look::Secondary
            };
            if options.iter().any(|o| o.picture.is_some()) {
                picture_grid(ui, view, options, text, none_look, out);
            } else {
                let size = vec2(
                    answer_size(view, ui, 1.0).x,
                    theme.tokens.touch_target * 1.2,
                );
                for option in options {
                    let label = text
                        .options
                        .get(&option.id)
                        .map_or(option.id.as_str(), String::as_str);
                    let look = if view.session.draft.chosen.contains(&option.id) {
                        Look::Selected
                    } else {
                        Look::Secondary
                    };
                    if big_button(ui, theme, label, look, size).clicked() {
                        out.push(Command::CheckToggle(option.id.clone()));
                    }
                }
                ui.add_space(theme.tokens.gap);
                if big_button(ui, theme, &words.ui.none_of_these, none_look, size).clicked() {
                    out.push(Command::CheckAnswer(Answer::Chose(Default::default())));
                }
            }
        }
    }
}

/// Picture cards in rows of equal cards, with "None of these" as the last card.
fn picture_grid(
    ui: &mut Ui,
    view: &View<'_>,
    options: &[crate::selfcheck::OptionDef],
    text: &crate::selfcheck::QuestionText,
    none_look: Look,
    out: &mut Vec<Command>,
) {
    let theme = view.theme;
    let columns = (ui.available_width() / 400.0).floor().clamp(2.0, 4.0);
    let width = answer_size(view, ui, columns).x;
    let mut cells: Vec<Option<&crate::selfcheck::OptionDef>> = options.iter().map(Some).collect();
    cells.push(None);
    let mut card_height = 0.0_f32;
    for row in cells.chunks(columns as usize) {
        ui.horizontal_top(|ui| {
            for cell in row {
                match cell {
                    Some(option) => {
                        let label = text
                            .options
                            .get(&option.id)
                            .map_or(option.id.as_str(), String::as_str);
                        let picture = option
                            .picture
                            .as_deref()
                            .map(picture_uri)
                            .unwrap_or_default();
                        let chosen = view.session.draft.chosen.contains(&option.id);
                        let response =
                            picture_card(ui, theme, &picture, label, Some(chosen), (width, 220.0));
                        card_height = card_height.max(response.rect.height());
                        if response.clicked() {
                            out.push(Command::CheckToggle(option.id.clone()));
                        }
                    }
                    None => {
                        let words = &view.language().selfcheck.ui;
                        let size = vec2(width, card_height.max(theme.tokens.touch_target * 1.4));
                        if big_button(ui, theme, &words.none_of_these, none_look, size).clicked() {
                            out.push(Command::CheckAnswer(Answer::Chose(Default::default())));
                        }
                    }
                }
            }
        });
    }
}

fn legs(ui: &mut Ui, view: &View<'_>, previous: Option<&Answer>, out: &mut Vec<Command>) {
    let theme = view.theme;
    let words = &view.language().selfcheck;
    ui.label(RichText::new(&words.ui.which_leg).font(theme.button()));
    let columns = if ui.available_width() > 900.0 {
        4.0
    } else {
        2.0
    };
    let size = answer_size(view, ui, columns);
    let picked = view.session.draft.side;
    ui.horizontal_wrapped(|ui| {
        for side in [Side::Left, Side::Right, Side::Both, Side::Neither] {
            let was = matches!(previous, Some(Answer::Legs(s, _)) if *s == side);
            let look = if picked == Some(side) || (picked.is_none() && was) {
                Look::Selected
            } else {
                Look::Secondary
            };
            if big_button(ui, theme, side_word(words, side), look, size).clicked() {
                out.push(Command::CheckSide(side));
            }
        }
    });
    let Some(side) = picked else { return };
    ui.add_space(theme.tokens.gap * 2.0);
    ui.label(RichText::new(&words.ui.how_often).font(theme.button()));
    let size = answer_size(view, ui, if columns > 2.0 { 3.0 } else { 1.0 });
    ui.horizontal_wrapped(|ui| {
        for often in [Often::Sometimes, Often::Often, Often::MostDays] {
            let was = previous == Some(&Answer::Legs(side, Some(often)));
            let look = if was { Look::Selected } else { Look::Secondary };
            if big_button(ui, theme, often_label(words, often), look, size).clicked() {
                out.push(Command::CheckAnswer(Answer::Legs(side, Some(often))));
            }
        }
    });
}

fn alert(ui: &mut Ui, view: &View<'_>, flag: crate::selfcheck::RedFlag) {
    let theme = view.theme;
    let Some(words) = view.language().selfcheck.alerts.get(&flag) else {
        return;
    };
    // The most urgent message the kiosk shows: the heaviest frame.
    callout_frame(theme, 2.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let tell_staff = crate::content::TELL_STAFF_PICTURE;
        if view.pictures.contains(tell_staff) {
            let side = theme.tokens.touch_target * 2.5;
            ui.add(
                egui::Image::from_uri(super::picture_uri(tell_staff))
                    .fit_to_exact_size(vec2(side, side))
                    .show_loading_spinner(false),
            );
        }
        ui.label(RichText::new(&words.title).font(egui::FontId::new(
            theme.tokens.heading_size * 1.3,
            crate::theme::bold(),
        )));
        ui.add_space(theme.tokens.gap);
        ui.label(
            RichText::new(view.content.fill(&words.text)).font(egui::FontId::new(
                theme.tokens.body_size * 1.2,
                egui::FontFamily::Proportional,
            )),
        );
        if flag == crate::selfcheck::RedFlag::Emergency {
            ui.add_space(theme.tokens.gap);
            ui.label(RichText::new(&view.content.settings.emergency_number).font(
                egui::FontId::new(theme.tokens.heading_size * 2.0, crate::theme::bold()),
            ));
        }
    });
}

/// The summary as the content words it; the same [`Summary`] makes the printed and CLI text.
pub fn summary_of(view: &View<'_>, flow: &CheckFlow) -> Summary {
    let fill = |t: &str| view.content.fill(t);
    Summary::new(
        &view.content.selfcheck,
        &view.language().selfcheck,
        flow.answers(),
        &fill,
    )
}

fn summary(ui: &mut Ui, view: &View<'_>, flow: &CheckFlow, out: &mut Vec<Command>) {
    let theme = view.theme;
    let s = summary_of(view, flow);
    ui.label(RichText::new(&s.title).font(theme.heading()));
    ui.add_space(theme.tokens.gap);
    handoff_buttons(ui, view, out);
    ui.add_space(theme.tokens.gap);
    if !s.red_flags.1.is_empty() {
        callout_frame(theme, 1.6).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&s.red_flags.0).font(theme.button()));
            bullets(ui, &s.red_flags.1);
        });
        ui.add_space(theme.tokens.gap);
    }
    for (title, lines) in &s.groups {
        ui.label(RichText::new(title).font(theme.button()));
        for line in lines {
            summary_line(ui, view, line);
        }
        ui.add_space(theme.tokens.gap / 2.0);
    }
    if let Some(nothing) = &s.nothing {
        ui.label(nothing);
    }
    callout(ui, theme, RichText::new(&s.next_step).font(theme.button()));
    ui.label(
        RichText::new(&s.not_a_diagnosis)
            .font(theme.small())
            .color(theme.muted_text),
    );
}

/// The ways to hand the answers to staff: the QR code always; printing and sending where the
/// clinic set them up.
fn handoff_buttons(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let theme = view.theme;
    let settings = &view.content.settings;
    let words = &view.language().selfcheck;
    let size = view.nav_button_size();
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(theme.tokens.gap * 1.5, theme.tokens.gap * 1.5);
        if big_button(ui, theme, &words.summary.show_to_staff, Look::Primary, size).clicked() {
            out.push(Command::ShowCode(true));
        }
        if settings.can_print()
            && big_button(ui, theme, &words.handoff.print, Look::Secondary, size).clicked()
        {
            out.push(Command::PrintAnswers);
        }
        if settings.handoff_folder.is_some()
            && big_button(ui, theme, &words.handoff.send, Look::Secondary, size).clicked()
        {
            out.push(Command::SendToStaff);
        }
    });
}

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
                            out.push(Command::ShowCode(true));
                        }
                    } else if big_button(ui, theme, &words.summary.finish, Look::Primary, size)
                        .clicked()
                    {
                        out.push(Command::FinishCheck);
                    }
                    if big_button(ui, theme, &words.summary.close, Look::Secondary, size).clicked()
                    {
                        out.push(Command::CloseHandoff);
                    }
                });
            });
        });
}

/// A line of the summary: a plain bullet, or a label with its items listed under it so staff can
/// scan them.
fn summary_line(ui: &mut Ui, view: &View<'_>, line: &Line) {
    if line.items.is_empty() {
        bullets(ui, std::slice::from_ref(&line.label));
        return;
    }
    ui.horizontal_top(|ui| {
        ui.label("•");
        ui.add(
            egui::Label::new(
                RichText::new(format!("{}:", line.label)).font(egui::FontId::new(
                    view.theme.tokens.body_size,
                    crate::theme::bold(),
                )),
            )
            .wrap(),
        );
    });
    ui.indent(("items", &line.label), |ui| {
        for item in &line.items {
            ui.horizontal_top(|ui| {
                ui.label("–");
                ui.add(egui::Label::new(item).wrap());
            });
        }
    });
}

fn bullets(ui: &mut Ui, lines: &[String]) {
    for line in lines {
        ui.horizontal_top(|ui| {
            ui.label("•");
            ui.add(egui::Label::new(line).wrap());
        });
    }
}

/// The self-check's footer: Back on the left; Not sure and Skip on questions; Next where an
/// answer is built in steps; Go on after an alert; Finish on the summary.
pub fn footer(ui: &mut Ui, view: &View<'_>, flow: &CheckFlow, out: &mut Vec<Command>) {
    let theme = view.theme;
    let words = &view.language().selfcheck;
    let size = view.nav_button_size();
    ui.horizontal(|ui| {
        let back = if flow.step() == Step::Summary {
            &words.summary.change_answers
        } else {
            &words.ui.back
        };
        if big_button(ui, theme, back, Look::Secondary, size).clicked() {
            out.push(Command::CheckBack);
        }
        if let Step::Question(index) = flow.step() {
            for (label, answer) in [
                (&words.ui.not_sure, Answer::NotSure),
                (&words.ui.skip, Answer::Skipped),
            ] {
                if big_button(ui, theme, label, Look::Secondary, size).clicked() {
                    out.push(Command::CheckAnswer(answer));
                }
            }
            let many = view
                .content
                .selfcheck
                .questions
                .get(index)
                .is_some_and(|q| matches!(q.kind, QuestionKind::Many(_)));
            if many {
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    if big_button(ui, theme, &words.ui.next, Look::Primary, size).clicked() {
                        out.push(Command::CheckAnswer(Answer::Chose(
                            view.session.draft.chosen.clone(),
                        )));
                    }
                });
            }
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            match flow.step() {
                Step::Alert(..) => {
                    if big_button(ui, theme, &words.ui.continue_check, Look::Primary, size)
                        .clicked()
                    {
                        out.push(Command::CheckContinue);
                    }
                }
                Step::Summary => {
                    if big_button(ui, theme, &words.summary.finish, Look::Primary, size).clicked() {
                        out.push(Command::FinishCheck);
                    }
                }
                Step::Question(_) => {}
            }
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
                    out.push(Command::ShowCode(false));
                }
            });
        });
    if response.should_close() {
        out.push(Command::ShowCode(false));
    }
}
