//! "Check your understanding" (teach-back): each question with its answers as big buttons; a tap
//! shows at once, kindly, whether it was right and why. Nothing tapped is recorded or sent, and it
//! is gone when the screen is left.

use egui::{RichText, Ui, vec2};

use super::View;
use super::widgets::{Look, big_button, callout, keep_in_view, live_region, marked};
use crate::command::{Command, Visit};

/// Every question of the screen, in order.
pub fn show(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let Some(text) = view.text() else { return };
    let Some(guide) = view.session.route.guide() else {
        return;
    };
    let theme = view.theme;
    for (index, question) in text.quiz.iter().enumerate() {
        ui.add_space(theme.tokens.gap);
        let ask = view.content.fill(&question.ask);
        let job = marked(ui, theme, &ask, theme.button(), theme.text);
        let shown = ui.add(egui::Label::new(job).wrap());
        keep_in_view(ui, &ask, &shown);
        ui.add_space(theme.tokens.gap / 2.0);
        let picked = guide.quiz.get(&index).copied();
        let size = vec2(ui.available_width(), theme.tokens.touch_target * 1.2);
        for (choice, answer) in question.answers.iter().enumerate() {
            let label = view.content.fill(answer);
            let look = Look::Choice(picked == Some(choice));
            if big_button(ui, theme, &label, look, size).clicked() {
                out.push(Visit::QuizAnswer(index, choice).into());
                if view.session.choices.read_aloud {
                    // The screen is not read again from the top: only the feedback is said.
                    out.push(Command::Say(crate::speech::quiz_feedback(
                        view.content,
                        view.language(),
                        question,
                        choice,
                    )));
                }
            }
            ui.add_space(theme.tokens.gap / 3.0);
        }
        if let Some(picked) = picked {
            let feedback =
                crate::speech::quiz_feedback(view.content, view.language(), question, picked);
            let response = ui
                .scope(|ui| {
                    callout(
                        ui,
                        theme,
                        RichText::new(feedback.clone()).font(theme.body()),
                    )
                })
                .response;
            // Screen readers hear the feedback as soon as it appears.
            live_region(ui, &response, false);
            keep_in_view(ui, &feedback, &response);
        }
    }
}
