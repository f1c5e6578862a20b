//! The self-check on screen: one question (or alert, or the summary) per step, with its footer;
//! the QR code and printing/sending messages over the summary.

mod overlays;
mod question;
mod summary;

use question::{alert, question};
use summary::summary;

pub use overlays::{code_overlay, handoff_overlay};

use egui::{Align, Layout, ScrollArea, Ui, vec2};

use super::View;
use super::picture_uri;
use super::widgets::{Look, nav_button};
use crate::command::{Command, Visit};
use crate::selfcheck::{Answer, CheckFlow, QuestionKind, Step};

/// The body of the self-check screen.
/// `compact`: the header scrolls with the step (see [`super::is_compact`]).
pub fn body(ui: &mut Ui, view: &View<'_>, flow: &CheckFlow, compact: bool, out: &mut Vec<Command>) {
    ScrollArea::vertical()
        .id_salt(("check", step_key(flow.step()), view.session.generation()))
        .auto_shrink(false)
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded)
        .show(ui, |ui| {
            if compact {
                ui.set_max_width(ui.available_width() - 24.0);
                super::chrome::check_header(ui, view, flow, out);
                ui.add_space(view.theme.tokens.gap);
            }
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
                Step::Alert(index, flag) => alert(ui, view, flow, index, flag),
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

pub(super) fn answer_size(view: &View<'_>, ui: &Ui, columns: f32) -> egui::Vec2 {
    let gap = view.theme.tokens.gap;
    let width = ((ui.available_width() - gap * (columns - 1.0)) / columns).floor();
    vec2(width, view.theme.tokens.touch_target * 1.4)
}

/// The self-check's footer: Back on the left; Not sure and Skip on questions; Next where an
/// answer is built in steps; Go on after an alert; Finish on the summary.
pub fn footer(ui: &mut Ui, view: &View<'_>, flow: &CheckFlow, out: &mut Vec<Command>) {
    let theme = view.theme;
    let words = &view.language().selfcheck;
    let back = if flow.step() == Step::Summary {
        &words.summary.change_answers
    } else {
        &words.ui.back
    };
    // An alert's only way on is its own button: "I have told a member of staff".
    let alert_button = match flow.step() {
        Step::Alert(_, flag) => words.alerts.get(&flag).map(|a| a.button.as_str()),
        Step::Question(_) | Step::Summary => None,
    };
    let mut labels: Vec<&str> = vec![back];
    match flow.step() {
        Step::Question(index) => {
            let q = view.content.selfcheck.questions.get(index);
            labels.push(&words.ui.not_sure);
            if q.is_none_or(|q| q.red_flag.is_none()) {
                labels.push(&words.ui.skip);
            }
            if q.is_some_and(|q| matches!(q.kind, QuestionKind::Many(_))) {
                labels.push(&words.ui.next);
            }
        }
        Step::Alert(..) => labels.extend(alert_button),
        Step::Summary => labels.push(&words.summary.finish),
    }
    let size = view.nav_size_in(ui, ui.available_width(), &labels);
    ui.horizontal(|ui| {
        if nav_button(ui, theme, back, Look::Secondary, size).clicked() {
            out.push(Visit::CheckBack.into());
        }
        if let Step::Question(index) = flow.step() {
            // A red flag is never skipped: doubt about one goes to staff.
            let red_flag = view
                .content
                .selfcheck
                .questions
                .get(index)
                .is_some_and(|q| q.red_flag.is_some());
            let answers = [
                (&words.ui.not_sure, Answer::NotSure),
                (&words.ui.skip, Answer::Skipped),
            ];
            for (label, answer) in answers.into_iter().take(if red_flag { 1 } else { 2 }) {
                if nav_button(ui, theme, label, Look::Secondary, size).clicked() {
                    choose(ui, view, label, Visit::CheckAnswer(answer), out);
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
                    if nav_button(ui, theme, &words.ui.next, Look::Primary, size).clicked() {
                        out.push(
                            Visit::CheckAnswer(Answer::Chose(view.draft().chosen.clone())).into(),
                        );
                    }
                });
            }
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            match flow.step() {
                Step::Alert(..) => {
                    if let Some(label) = alert_button
                        && nav_button(ui, theme, label, Look::Primary, size).clicked()
                    {
                        out.push(Visit::CheckContinue.into());
                    }
                }
                Step::Summary => {
                    if nav_button(ui, theme, &words.summary.finish, Look::Primary, size).clicked() {
                        out.push(Visit::FinishCheck.into());
                    }
                }
                Step::Question(_) => {}
            }
        });
    });
}

/// Whether the self-check asks for two touches on an answer (talking-touchscreen): read-aloud is
/// on and the speech service works. With no speech service nothing would be heard, so one touch
/// gives an answer and no "You heard your answer" is shown.
pub(super) fn talking(view: &View<'_>) -> bool {
    view.session.choices.read_aloud && view.speech_problem.is_none()
}

/// An answer touched. It is given at once; but while read-aloud is on and a finger or the mouse
/// touched it (talking-touchscreen), the first touch says it and a second touch of the same answer
/// gives it, so a visitor who cannot read hears an answer before choosing it. Keys (and so screen
/// readers and switches) give it at once, and so does a touch when there is no speech service.
pub(super) fn choose(ui: &Ui, view: &View<'_>, label: &str, give: Visit, out: &mut Vec<Command>) {
    let touched = ui.input(|i| i.pointer.any_released());
    let heard = view.draft().armed.as_deref() == Some(label);
    if talking(view) && touched && !heard {
        out.push(Visit::CheckArm(label.to_owned()).into());
        out.push(Command::Say(label.to_owned()));
    } else {
        out.push(give.into());
    }
}
