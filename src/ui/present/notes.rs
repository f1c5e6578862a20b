//! The speaker notes of the current slide in the presenter view: what to say, the key facts with
//! their sources, a question for the room, and a patient's question with its answer. Real labels
//! (the presenter window is the one with a screen reader's view), scrolling when long.

use egui::{RichText, ScrollArea, Ui};

use super::Stage;
use crate::present::words::words;
use crate::theme::Theme;

/// The notes of the current slide in the notes language, with the way to the other language.
pub fn show(ui: &mut Ui, stage: &Stage<'_>, theme: &Theme) {
    let p = stage.presentation;
    let content = stage.content;
    let chrome = words(content, p.language());
    let language = content.language(p.notes_language());
    let words = &language.ui.presenter;
    let Some(screen) = content.flow.screens.get(p.current()) else {
        return;
    };
    let Some(notes) = language.screens.get(&screen.id).map(|t| &t.notes) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(chrome.notes.replace("{language}", &language.name)).font(theme.button()),
        );
        if let Some(other) = other_language(stage) {
            ui.label(
                RichText::new(chrome.other_notes.replace("{language}", other))
                    .font(theme.small())
                    .color(theme.muted_text),
            );
        }
    });
    let fill = |t: &str| content.fill(t);
    ScrollArea::vertical()
        .id_salt(("notes", p.current(), p.notes_language()))
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.label(
                RichText::new(
                    words
                        .minutes
                        .replace("{minutes}", &notes.minutes.to_string()),
                )
                .font(theme.small())
                .color(theme.muted_text),
            );
            // What must be said comes first, in bold, so it is never skipped for time.
            heading(ui, &words.must_say, theme);
            for point in &notes.must_say {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!("! {}", fill(point)))
                            .font(theme.body())
                            .strong(),
                    );
                });
            }
            if !notes.say.is_empty() {
                heading(ui, &words.say, theme);
            }
            for point in &notes.say {
                bullet(ui, &fill(point), theme);
            }
            heading(ui, &words.facts, theme);
            for fact in &notes.facts {
                bullet(ui, &fill(&fact.text), theme);
                ui.indent("source", |ui| {
                    ui.label(
                        RichText::new(&fact.source)
                            .font(theme.small())
                            .color(theme.muted_text),
                    );
                });
            }
            heading(ui, &words.ask_the_room, theme);
            ui.label(RichText::new(fill(&notes.ask_the_room)).font(theme.body()));
            heading(ui, &words.patients_ask, theme);
            ui.label(
                RichText::new(fill(&notes.patients_ask))
                    .font(theme.body())
                    .strong(),
            );
            ui.label(
                RichText::new(format!("{}: {}", words.answer, fill(&notes.answer)))
                    .font(theme.body()),
            );
        });
}

/// The language N switches the notes to, by its own name.
fn other_language<'a>(stage: &Stage<'a>) -> Option<&'a str> {
    let languages = &stage.content.languages;
    if languages.len() < 2 {
        return None;
    }
    let at = languages
        .iter()
        .position(|l| l.code == stage.presentation.notes_language())?;
    Some(&languages[(at + 1) % languages.len()].name)
}

fn heading(ui: &mut Ui, text: &str, theme: &Theme) {
    ui.add_space(theme.tokens.gap * 0.5);
    ui.label(RichText::new(text).font(theme.button()).color(theme.accent));
}

fn bullet(ui: &mut Ui, text: &str, theme: &Theme) {
    ui.horizontal_top(|ui| {
        ui.label(RichText::new("•").font(theme.body()));
        ui.add(egui::Label::new(RichText::new(text).font(theme.body())).wrap());
    });
}
