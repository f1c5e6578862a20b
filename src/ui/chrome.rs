//! The parts around every screen: progress bar and language switch on top, Back / Home / Next
//! below.

use egui::{Align, Layout, RichText, Ui, vec2};

use super::View;
use super::widgets::{Look, Progress, big_button, progress_segment};
use crate::command::{Command, Visit};
use crate::content::ScreenKind;
use crate::selfcheck::{CheckFlow, Step, progress};

/// Narrowest a progress segment may be beside the language switch.
const MIN_SEGMENT_WIDTH: f32 = 120.0;

/// Where the language switch goes, so it never crowds the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguagePlace {
    /// Not shown: the welcome screen has its own big choice.
    Hidden,
    /// Beside the progress bar (wide screens).
    Header,
    /// Between Home and Next (narrower screens).
    Footer,
    /// On its own row above the progress bar (very narrow screens).
    HeaderRow,
}

/// Decides where the language switch goes for a window `width` wide.
pub fn language_place(ui: &Ui, view: &View<'_>, width: f32) -> LanguagePlace {
    if view.is_welcome() {
        return LanguagePlace::Hidden;
    }
    let gap = view.theme.tokens.gap;
    let languages = language_switch_width(ui, view);
    let sections = view.content.flow.sections.len() as f32;
    let bar = sections * MIN_SEGMENT_WIDTH + (sections - 1.0) * gap;
    let words = &view.language().ui;
    let main_action = if view.session.has_next(view.screen_index()) {
        &words.next
    } else {
        &words.start_again
    };
    let footer: f32 = [&words.back, &words.home, main_action]
        .into_iter()
        .map(|label| button_width(ui, view, label) + gap)
        .sum::<f32>()
        + 2.0 * gap;
    if width >= bar + languages + 2.0 * gap {
        LanguagePlace::Header
    } else if width >= footer + languages {
        LanguagePlace::Footer
    } else {
        LanguagePlace::HeaderRow
    }
}

/// Progress bar, with the language switch beside or above it when that is where it goes.
pub fn header(ui: &mut Ui, view: &View<'_>, place: LanguagePlace, out: &mut Vec<Command>) {
    let gap = view.theme.tokens.gap;
    match place {
        LanguagePlace::Header => {
            let languages = language_switch_width(ui, view);
            ui.horizontal(|ui| {
                progress_bar(ui, view, ui.available_width() - languages - gap, out);
                ui.add_space(gap);
                language_switch(ui, view, out);
            });
        }
        LanguagePlace::HeaderRow => {
            ui.horizontal_wrapped(|ui| language_switch(ui, view, out));
            ui.horizontal(|ui| progress_bar(ui, view, ui.available_width(), out));
        }
        LanguagePlace::Hidden | LanguagePlace::Footer => {
            ui.horizontal(|ui| progress_bar(ui, view, ui.available_width(), out));
        }
    }
}

fn progress_bar(ui: &mut Ui, view: &View<'_>, width: f32, out: &mut Vec<Command>) {
    let flow = &view.content.flow;
    let gap = view.theme.tokens.gap;
    let n = flow.sections.len().max(1) as f32;
    let size = vec2(
        ((width - gap * (n - 1.0)) / n).max(48.0),
        view.theme.tokens.touch_target,
    );
    let current = flow
        .sections
        .iter()
        .position(|s| *s == view.screen().section)
        .unwrap_or(0);
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
            out.push(Visit::GoTo(first).into());
        }
    }
}

fn language_button(
    ui: &mut Ui,
    view: &View<'_>,
    language: &crate::content::Language,
    out: &mut Vec<Command>,
) {
    let t = view.theme.tokens.touch_target;
    let look = Look::Choice(language.code == view.session.language);
    if big_button(ui, view.theme, &language.name, look, vec2(t * 2.2, t)).clicked() {
        out.push(Visit::SetLanguage(language.code.clone()).into());
    }
}

fn language_switch(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    for language in &view.content.languages {
        language_button(ui, view, language, out);
    }
}

/// Width a big button with this label takes: its text and padding, or the minimum.
fn button_width(ui: &Ui, view: &View<'_>, label: &str) -> f32 {
    let text = ui
        .painter()
        .layout_no_wrap(label.to_owned(), view.theme.button(), egui::Color32::WHITE)
        .size()
        .x;
    (text + 4.0 * view.theme.tokens.gap).max(view.nav_button_size().x)
}

/// Width the language switch will take, measured from its labels.
fn language_switch_width(ui: &Ui, view: &View<'_>) -> f32 {
    let t = &view.theme.tokens;
    view.content
        .languages
        .iter()
        .map(|l| {
            let text = ui
                .painter()
                .layout_no_wrap(l.name.clone(), view.theme.button(), egui::Color32::WHITE)
                .size()
                .x;
            (text + 4.0 * t.gap).max(t.touch_target * 2.2) + t.gap
        })
        .sum()
}

/// Back and Home on the left, the main action (Start, Next or Start again) on the right, and a
/// small note for staff when the clinic's content could not be used.
pub fn footer(ui: &mut Ui, view: &View<'_>, place: LanguagePlace, out: &mut Vec<Command>) {
    let words = &view.language().ui;
    let size = view.nav_button_size();
    let check_words = &view.language().selfcheck.ui;
    let (main_label, main_command) = if view.is_welcome() {
        (&words.start, Command::from(Visit::Next))
    } else if view.screen().kind == ScreenKind::CheckEntry {
        (&check_words.start, Command::from(Visit::StartCheck))
    } else if view.session.has_next(view.screen_index()) {
        (&words.next, Command::from(Visit::Next))
    } else {
        (&words.start_again, Command::from(Visit::StartAgain))
    };
    ui.horizontal(|ui| {
        if view.screen_index() > 0 {
            if big_button(ui, view.theme, &words.back, Look::Secondary, size).clicked() {
                out.push(Visit::Back.into());
            }
            if big_button(ui, view.theme, &words.home, Look::Secondary, size).clicked() {
                out.push(Visit::Home.into());
            }
        }
        if view.is_welcome()
            && big_button(ui, view.theme, &check_words.start, Look::Secondary, size).clicked()
        {
            out.push(Visit::StartCheck.into());
        }
        if place == LanguagePlace::Footer {
            let languages = language_switch_width(ui, view);
            let main = button_width(ui, view, main_label);
            ui.add_space(
                ((ui.available_width() - main - languages) / 2.0).max(view.theme.tokens.gap),
            );
            language_switch(ui, view, out);
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if big_button(ui, view.theme, main_label, Look::Primary, size).clicked() {
                out.push(main_command);
            }
        });
    });
    if let Some(detail) = view.staff_warning {
        let note = format!("{} {detail}", words.staff_warning);
        ui.label(
            RichText::new(note)
                .font(view.theme.small())
                .color(view.theme.muted_text),
        );
    }
}

/// The self-check's header: how far along the person is, and the language switch.
pub fn check_header(ui: &mut Ui, view: &View<'_>, flow: &CheckFlow, out: &mut Vec<Command>) {
    let theme = view.theme;
    let gap = theme.tokens.gap;
    let languages = language_switch_width(ui, view);
    let (number, total) = match flow.step() {
        Step::Question(index) => progress(&view.content.selfcheck, flow.answers(), index),
        Step::Alert(index, _) => progress(&view.content.selfcheck, flow.answers(), index),
        Step::Summary => (1, 1),
    };
    ui.horizontal(|ui| {
        let width = (ui.available_width() - languages - 2.0 * gap).max(120.0);
        ui.allocate_ui_with_layout(
            vec2(width, theme.tokens.touch_target),
            Layout::left_to_right(Align::Center),
            |ui| {
                // On the summary the full bar says "done"; the title is right below it.
                if flow.step() != Step::Summary {
                    let label = view
                        .language()
                        .selfcheck
                        .ui
                        .progress
                        .replace("{n}", &number.to_string())
                        .replace("{total}", &total.to_string());
                    ui.label(RichText::new(label).font(theme.button()));
                }
                let bar = vec2(ui.available_width().max(40.0), 18.0);
                let (rect, _) = ui.allocate_exact_size(bar, egui::Sense::hover());
                ui.painter().rect_filled(rect, 9.0, theme.progress_todo);
                let done = rect
                    .with_max_x(rect.left() + rect.width() * number as f32 / total.max(1) as f32);
                ui.painter().rect_filled(done, 9.0, theme.progress_done);
            },
        );
        ui.add_space(gap);
        language_switch(ui, view, out);
    });
}
