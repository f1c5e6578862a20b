//! The parts around every screen: progress bar and language switch on top, Back / Home / Next
//! below.

use egui::{Align, Layout, RichText, Ui, vec2};

use super::View;
use super::access;
use super::widgets::{Look, Progress, big_button, nav_button, progress_segment};
use crate::command::{Command, Visit};
use crate::selfcheck::{CheckFlow, Step, progress};

/// Whether the language switch shows in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguagePlace {
    /// Not shown: the welcome screen has its own big choice.
    Hidden,
    /// In the header's first row, after the visitor's controls.
    Header,
}

/// Where the language switch goes on the screen shown.
pub fn language_place(view: &View<'_>) -> LanguagePlace {
    if view.is_welcome() {
        LanguagePlace::Hidden
    } else {
        LanguagePlace::Header
    }
}

/// The visitor's controls first, then the language switch; the progress bar below them.
pub fn header(ui: &mut Ui, view: &View<'_>, place: LanguagePlace, out: &mut Vec<Command>) {
    let motion = view.session.route.valve().is_some();
    top_row(ui, view, motion, place == LanguagePlace::Header, out);
    progress_bar(ui, view, ui.available_width(), out);
}

/// The visitor's controls on the left and the language switch on the right, on one line when
/// they fit, else wrapped (the controls always first, in the same order).
pub fn top_row(
    ui: &mut Ui,
    view: &View<'_>,
    motion: bool,
    languages: bool,
    out: &mut Vec<Command>,
) {
    let gap = view.theme.tokens.gap;
    let access = access::width(ui, view, motion);
    let switch = if languages {
        language_switch_width(ui, view)
    } else {
        0.0
    };
    if access + switch + gap <= ui.available_width() {
        ui.horizontal(|ui| {
            access::bar(ui, view, motion, out);
            if languages {
                // At the right end, added left to right so screen readers meet them in order.
                ui.add_space((ui.available_width() - switch + gap).max(0.0));
                language_switch(ui, view, out);
            }
        });
    } else {
        ui.horizontal_wrapped(|ui| {
            access::bar(ui, view, motion, out);
            if languages {
                language_switch(ui, view, out);
            }
        });
    }
    // Read aloud is on but cannot speak here: said plainly, small, for staff.
    if let (true, Some(why)) = (view.session.choices.read_aloud, view.speech_problem) {
        let note = view.language().ui.speech_unavailable.replace("{why}", why);
        ui.add(
            egui::Label::new(
                RichText::new(note)
                    .font(view.theme.small())
                    .color(view.theme.muted_text),
            )
            .wrap(),
        );
    }
}

/// Narrowest a progress segment may be: room for its name in the small font. Narrower windows
/// (a large text size) put the segments in two or more even rows instead of cutting the names.
const MIN_SEGMENT_WIDTH: f32 = 110.0;

fn progress_bar(ui: &mut Ui, view: &View<'_>, width: f32, out: &mut Vec<Command>) {
    let flow = &view.content.flow;
    let gap = view.theme.tokens.gap;
    let n = flow.sections.len().max(1);
    let share = |k: usize| (width - gap * (k as f32 - 1.0)) / k as f32;
    let mut per_row = n;
    while per_row > 1 && share(per_row) < MIN_SEGMENT_WIDTH {
        per_row -= 1;
    }
    let rows = n.div_ceil(per_row);
    let per_row = n.div_ceil(rows);
    let size = vec2(share(per_row).max(48.0), view.theme.tokens.touch_target);
    let current = flow
        .sections
        .iter()
        .position(|s| *s == view.screen().section)
        .unwrap_or(0);
    let labels = &view.language().sections;
    let sections: Vec<(usize, &String)> = flow.sections.iter().enumerate().collect();
    for row in sections.chunks(per_row) {
        ui.horizontal(|ui| {
            for &(i, section) in row {
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
        });
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
pub fn footer(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let words = &view.language().ui;
    let check_words = &view.language().selfcheck.ui;
    let (main_label, main_command) = if view.is_welcome() {
        (&words.start, Command::from(Visit::Next))
    } else if view.screen().kind.starts_check() {
        (&check_words.start, Command::from(Visit::StartCheck))
    } else if view.session.has_next(view.screen_index()) {
        (&words.next, Command::from(Visit::Next))
    } else {
        (&words.start_again, Command::from(Visit::StartAgain))
    };
    let mut labels: Vec<&str> = Vec::new();
    if view.screen_index() > 0 {
        labels.extend([words.back.as_str(), &words.home]);
    }
    if view.is_welcome() {
        labels.push(&check_words.start);
    }
    labels.push(main_label);
    let size = view.nav_size_in(ui, ui.available_width(), &labels);
    ui.horizontal(|ui| {
        if view.screen_index() > 0 {
            if nav_button(ui, view.theme, &words.back, Look::Secondary, size).clicked() {
                out.push(Visit::Back.into());
            }
            if nav_button(ui, view.theme, &words.home, Look::Secondary, size).clicked() {
                out.push(Visit::Home.into());
            }
        }
        if view.is_welcome()
            && nav_button(ui, view.theme, &check_words.start, Look::Secondary, size).clicked()
        {
            out.push(Visit::StartCheck.into());
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if nav_button(ui, view.theme, main_label, Look::Primary, size).clicked() {
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

/// The self-check's header: the visitor's controls and the language switch, then how far along
/// the person is.
pub fn check_header(ui: &mut Ui, view: &View<'_>, flow: &CheckFlow, out: &mut Vec<Command>) {
    let theme = view.theme;
    let (number, total) = match flow.step() {
        Step::Question(index) => progress(&view.content.selfcheck, flow.answers(), index),
        Step::Alert(index, _) => progress(&view.content.selfcheck, flow.answers(), index),
        Step::Summary => (1, 1),
    };
    top_row(ui, view, false, true, out);
    ui.horizontal(|ui| {
        ui.allocate_ui_with_layout(
            vec2(ui.available_width(), theme.tokens.touch_target),
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
                let radius = 9.0;
                ui.painter().rect(
                    rect,
                    radius,
                    theme.progress_todo,
                    egui::Stroke::new(2.0, theme.control_border),
                    egui::StrokeKind::Inside,
                );
                let done = rect
                    .with_max_x(rect.left() + rect.width() * number as f32 / total.max(1) as f32);
                ui.painter().rect_filled(done, radius, theme.progress_done);
            },
        );
    });
}
