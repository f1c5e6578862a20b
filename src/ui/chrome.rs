//! The parts around every screen: progress bar and language switch on top, Back / Home / Next
//! below.

use egui::{Align, Layout, RichText, Ui, vec2};

use super::View;
use super::widgets::{Look, Progress, big_button, progress_segment};
use crate::command::Command;

/// Narrowest a progress segment may be before the bar moves to its own row.
const MIN_SEGMENT_WIDTH: f32 = 120.0;

/// Progress bar and, except on the welcome screen (which has its own big choice), the language
/// switch. One row on wide screens, two on narrow ones.
pub fn header(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let gap = view.theme.tokens.gap;
    let sections = view.content.flow.sections.len() as f32;
    let languages_width = if view.is_welcome() { 0.0 } else { language_switch_width(ui, view) };
    let needed = sections * MIN_SEGMENT_WIDTH + (sections - 1.0) * gap;
    if ui.available_width() - languages_width - 2.0 * gap >= needed {
        ui.horizontal(|ui| {
            let width = ui.available_width() - languages_width - if languages_width > 0.0 { 2.0 * gap } else { 0.0 };
            progress_bar(ui, view, width, out);
            if !view.is_welcome() {
                ui.add_space(gap);
                language_switch(ui, view, out);
            }
        });
    } else {
        if !view.is_welcome() {
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                // Right to left: add in reverse so the order reads left to right.
                let langs = &view.content.languages;
                for language in langs.iter().rev() {
                    language_button(ui, view, language, out);
                }
            });
        }
        ui.horizontal(|ui| progress_bar(ui, view, ui.available_width(), out));
    }
}

fn progress_bar(ui: &mut Ui, view: &View<'_>, width: f32, out: &mut Vec<Command>) {
    let flow = &view.content.flow;
    let gap = view.theme.tokens.gap;
    let n = flow.sections.len().max(1) as f32;
    let size = vec2(((width - gap * (n - 1.0)) / n).max(48.0), view.theme.tokens.touch_target);
    let current = flow.sections.iter().position(|s| *s == view.screen().section).unwrap_or(0);
    let labels = &view.language().sections;
    for (i, section) in flow.sections.iter().enumerate() {
        let state = match i.cmp(&current) {
            std::cmp::Ordering::Less => Progress::Done,
            std::cmp::Ordering::Equal => Progress::Current,
            std::cmp::Ordering::Greater => Progress::ToCome,
        };
        let label = labels.get(section).map_or(section.as_str(), String::as_str);
        if progress_segment(ui, view.theme, label, state, size).clicked()
            && let Some(first) = flow.screens.iter().position(|s| s.section == *section)
        {
            out.push(Command::GoTo(first));
        }
    }
}

fn language_button(ui: &mut Ui, view: &View<'_>, language: &crate::content::Language, out: &mut Vec<Command>) {
    let t = view.theme.tokens.touch_target;
    let look = if language.code == view.session.language { Look::Selected } else { Look::Secondary };
    if big_button(ui, view.theme, &language.name, look, vec2(t * 2.2, t)).clicked() {
        out.push(Command::SetLanguage(language.code.clone()));
    }
}

fn language_switch(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    for language in &view.content.languages {
        language_button(ui, view, language, out);
    }
}

/// Width the language switch will take, measured from its labels.
fn language_switch_width(ui: &Ui, view: &View<'_>) -> f32 {
    let t = &view.theme.tokens;
    view.content
        .languages
        .iter()
        .map(|l| {
            let text = ui.painter().layout_no_wrap(l.name.clone(), view.theme.button(), egui::Color32::WHITE).size().x;
            (text + 4.0 * t.gap).max(t.touch_target * 2.2) + t.gap
        })
        .sum()
}

/// Back and Home on the left, the main action (Start, Next or Start again) on the right, and a
/// small note for staff when the clinic's content could not be used.
pub fn footer(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let words = &view.language().ui;
    let size = view.nav_button_size();
    ui.horizontal(|ui| {
        if view.session.nav.has_back() {
            if big_button(ui, view.theme, &words.back, Look::Secondary, size).clicked() {
                out.push(Command::Back);
            }
            if big_button(ui, view.theme, &words.home, Look::Secondary, size).clicked() {
                out.push(Command::Home);
            }
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            let (label, command) = if view.is_welcome() {
                (&words.start, Command::Next)
            } else if view.session.nav.has_next() {
                (&words.next, Command::Next)
            } else {
                (&words.start_again, Command::StartAgain)
            };
            if big_button(ui, view.theme, label, Look::Primary, size).clicked() {
                out.push(command);
            }
        });
    });
    if let Some(detail) = view.staff_warning {
        let note = format!("{} {detail}", words.staff_warning);
        ui.label(RichText::new(note).font(view.theme.small()).color(view.theme.muted_text));
    }
}
