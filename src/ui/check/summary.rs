//! "Answers to talk about with the vein team": red flags on top, then each group.

use egui::{RichText, Ui, vec2};

use super::super::View;
use super::super::widgets::{Look, big_button, callout, callout_frame, list, list_item};
use crate::command::{Command, JobRequest, Visit};
use crate::selfcheck::{CheckFlow, Line, Summary};

/// The body of the self-check screen.
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

pub(super) fn summary(ui: &mut Ui, view: &View<'_>, flow: &CheckFlow, out: &mut Vec<Command>) {
    let theme = view.theme;
    let s = summary_of(view, flow);
    super::super::widgets::heading(
        ui,
        theme,
        &s.title,
        theme.heading(),
        Some(view.screen_key()),
    );
    ui.add_space(theme.tokens.gap);
    handoff_buttons(ui, view, out);
    ui.add_space(theme.tokens.gap);
    if !s.red_flags.1.is_empty() {
        callout_frame(theme, 1.6).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&s.red_flags.0).font(theme.button()));
            bullets(ui, theme, &s.red_flags.1);
        });
        ui.add_space(theme.tokens.gap);
    }
    for (title, lines) in &s.groups {
        ui.label(RichText::new(title).font(theme.button()));
        list(ui, |ui| {
            for line in lines {
                summary_line(ui, view, line);
            }
        });
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
            out.push(Visit::ShowCode(true).into());
        }
        if settings.can_print()
            && big_button(ui, theme, &words.handoff.print, Look::Secondary, size).clicked()
        {
            out.push(JobRequest::PrintAnswers.into());
        }
        if settings.can_send()
            && big_button(ui, theme, &words.handoff.send, Look::Secondary, size).clicked()
        {
            out.push(JobRequest::SendToStaff.into());
        }
    });
}

/// A line of the summary: a plain bullet, or a label with its items listed under it so staff can
/// scan them. Each is a list item for screen readers.
fn summary_line(ui: &mut Ui, view: &View<'_>, line: &Line) {
    let theme = view.theme;
    if line.items.is_empty() {
        list_item(ui, theme, &line.label, None, None);
        return;
    }
    let bold = egui::FontId::new(theme.tokens.body_size, crate::theme::bold());
    list_item(ui, theme, &format!("{}:", line.label), Some(bold), None);
    ui.indent(("items", &line.label), |ui| {
        list(ui, |ui| {
            for item in &line.items {
                list_item(ui, theme, item, None, None);
            }
        });
    });
}

fn bullets(ui: &mut Ui, theme: &crate::theme::Theme, lines: &[String]) {
    list(ui, |ui| {
        for line in lines {
            list_item(ui, theme, line, None, None);
        }
    });
}
