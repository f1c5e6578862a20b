//! A question, its answer cards and pictures, and the red-flag alert.

use egui::{RichText, Ui, vec2};

use super::super::View;
use super::super::picture_uri;
use super::super::widgets::{Look, big_button, callout_frame, picture_card};
use super::answer_size;
use crate::command::{Command, Visit};
use crate::selfcheck::{
    Answer, CheckFlow, Often, QuestionDef, QuestionKind, Side, often_label, side_word,
};

/// The body of the self-check screen.
pub(super) fn question(
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
    super::super::widgets::heading(
        ui,
        theme,
        &text.ask,
        theme.heading(),
        Some(view.screen_key()),
    );
    if super::talking(view) {
        tap_again(ui, view, &words.ui.tap_again, view.draft().armed.is_some());
    }
    ui.add_space(theme.tokens.gap * 2.0);
    let previous = flow.answers().get(&q.id);
    match &q.kind {
        QuestionKind::YesNo => {
            let size = answer_size(view, ui, 2.0);
            ui.horizontal(|ui| {
                for (label, answer) in [(&words.ui.yes, Answer::Yes), (&words.ui.no, Answer::No)] {
                    let look = Look::Choice(previous == Some(&answer));
                    if big_button(ui, theme, label, look, size).clicked() {
                        super::choose(ui, view, label, Visit::CheckAnswer(answer), out);
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
                let look = Look::Choice(chosen);
                if big_button(ui, theme, label, look, size).clicked() {
                    let answer = Answer::Chose([option.id.clone()].into());
                    super::choose(ui, view, label, Visit::CheckAnswer(answer), out);
                }
            }
        }
        QuestionKind::Many(options) => {
            ui.label(RichText::new(&words.ui.tap_all).font(theme.body()));
            let none = matches!(previous, Some(Answer::Chose(c)) if c.is_empty());
            let none_look = Look::Choice(none);
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
                    let look = Look::Choice(view.draft().chosen.contains(&option.id));
                    if big_button(ui, theme, label, look, size).clicked() {
                        super::choose(ui, view, label, Visit::CheckToggle(option.id.clone()), out);
                    }
                }
                ui.add_space(theme.tokens.gap);
                let none_of_these = &words.ui.none_of_these;
                if big_button(ui, theme, none_of_these, none_look, size).clicked() {
                    let none = Visit::CheckAnswer(Answer::Chose(Default::default()));
                    super::choose(ui, view, none_of_these, none, out);
                }
            }
        }
    }
}

/// "You heard your answer. Tap it again to choose it." after the first touch on an answer. Its
/// room is kept before that touch too (an empty frame of the same size), so the answer cards
/// do not move between the first touch and the second: the second lands where the first did.
fn tap_again(ui: &mut Ui, view: &View<'_>, text: &str, shown: bool) {
    let theme = view.theme;
    let frame = callout_frame(theme, 1.0);
    let inside = ui.available_width() - frame.total_margin().sum().x;
    let galley = ui.painter().layout(
        text.to_owned(),
        theme.body(),
        egui::Color32::PLACEHOLDER,
        inside.max(1.0),
    );
    let frame = if shown {
        frame
    } else {
        frame
            .fill(egui::Color32::TRANSPARENT)
            .stroke(egui::Stroke::NONE)
            .inner_margin(frame.total_margin())
    };
    frame.show(ui, |ui| {
        ui.set_width(inside);
        if shown {
            ui.add(egui::Label::new(galley));
        } else {
            ui.allocate_space(galley.size());
        }
    });
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
    // One card a row on a narrow page (a large text size), and pictures no taller than a good
    // part of what the page shows, so a whole card always fits in view.
    let columns = (ui.available_width() / 400.0).floor().clamp(1.0, 4.0);
    let picture_max = (ui.clip_rect().height() * 0.4).clamp(80.0, 220.0);
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
                        let chosen = view.draft().chosen.contains(&option.id);
                        let response = picture_card(
                            ui,
                            theme,
                            &picture,
                            label,
                            Some(chosen),
                            (width, picture_max),
                        );
                        card_height = card_height.max(response.rect.height());
                        if response.clicked() {
                            let toggle = Visit::CheckToggle(option.id.clone());
                            super::choose(ui, view, label, toggle, out);
                        }
                    }
                    None => {
                        let words = &view.language().selfcheck.ui;
                        let size = vec2(width, card_height.max(theme.tokens.touch_target * 1.4));
                        if big_button(ui, theme, &words.none_of_these, none_look, size).clicked() {
                            let none = Visit::CheckAnswer(Answer::Chose(Default::default()));
                            super::choose(ui, view, &words.none_of_these, none, out);
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
    let picked = view.draft().side;
    ui.horizontal_wrapped(|ui| {
        for side in [Side::Left, Side::Right, Side::Both, Side::Neither] {
            let was = matches!(previous, Some(Answer::Legs(s, _)) if *s == side);
            let look = Look::Choice(picked == Some(side) || (picked.is_none() && was));
            let label = side_word(words, side);
            if big_button(ui, theme, label, look, size).clicked() {
                super::choose(ui, view, label, Visit::CheckSide(side), out);
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
            let look = Look::Choice(was);
            let label = often_label(words, often);
            if big_button(ui, theme, label, look, size).clicked() {
                let answer = Answer::Legs(side, Some(often));
                super::choose(ui, view, label, Visit::CheckAnswer(answer), out);
            }
        }
    });
}

pub(super) fn alert(
    ui: &mut Ui,
    view: &View<'_>,
    flow: &CheckFlow,
    index: usize,
    flag: crate::selfcheck::RedFlag,
) {
    let theme = view.theme;
    let Some(words) = view.language().selfcheck.alerts.get(&flag) else {
        return;
    };
    let unsure = view
        .content
        .selfcheck
        .questions
        .get(index)
        .and_then(|q| flow.answers().get(&q.id))
        == Some(&Answer::NotSure);
    let title = if unsure {
        &words.unsure_title
    } else {
        &words.title
    };
    // The most urgent message the kiosk shows: the heaviest frame.
    callout_frame(theme, 2.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let tell_staff = crate::content::TELL_STAFF_PICTURE;
        if view.pictures.contains(tell_staff) {
            let side = theme.tokens.touch_target * 2.5;
            super::super::widgets::on_plate(ui, theme, |ui| {
                ui.add(
                    egui::Image::from_uri(super::picture_uri(tell_staff))
                        .fit_to_exact_size(vec2(side, side))
                        .show_loading_spinner(false),
                )
            });
        }
        // The screen's title, and a live region: screen readers announce it at once.
        let title = super::super::widgets::heading(
            ui,
            theme,
            title,
            egui::FontId::new(theme.tokens.heading_size * 1.3, crate::theme::bold()),
            Some(view.screen_key()),
        );
        super::super::widgets::live_region(ui, &title, true);
        ui.add_space(theme.tokens.gap);
        let font = egui::FontId::new(theme.tokens.body_size * 1.2, egui::FontFamily::Proportional);
        let text = view.content.fill(&words.text);
        ui.label(super::super::widgets::marked(
            ui, theme, &text, font, theme.text,
        ));
        if flag == crate::selfcheck::RedFlag::Emergency {
            ui.add_space(theme.tokens.gap);
            ui.label(RichText::new(&view.content.settings.emergency_number).font(
                egui::FontId::new(theme.tokens.heading_size * 2.0, crate::theme::bold()),
            ));
        }
    });
}
