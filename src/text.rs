//! Every word a patient reads, as plain text: for clinicians' review, translators and reading-level
//! checks (`vein-kiosk text`).

use std::fmt::Write as _;

use crate::content::{Block, Content, ContentError, Language, ScreenDef};

/// Why a text tool (`vein-kiosk text`, `selfcheck`, `decode`) has nothing to print.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// The flow has no screen with this id.
    #[error("no screen \"{0}\"")]
    NoScreen(String),
    /// No such language, or the content could not be read.
    #[error(transparent)]
    Content(#[from] ContentError),
    /// A hand-off code that is wrong, truncated or tampered with.
    #[error(transparent)]
    Code(#[from] crate::selfcheck::code::CodeError),
    /// An answers file that cannot be read or is inconsistent.
    #[error(transparent)]
    AnswersFile(#[from] crate::selfcheck::answers_file::AnswersFileError),
}

/// The words of one screen in one language: title, body, cards and picture description. No
/// sources, so the text can be measured for reading level as a patient meets it.
pub fn screen_words(content: &Content, language: &Language, screen: &ScreenDef) -> String {
    let mut out = String::new();
    let Some(text) = language.screens.get(&screen.id) else {
        return out;
    };
    let _ = writeln!(out, "{}\n", text.title);
    for block in &text.body {
        match block {
            Block::Text(t) | Block::Callout(t) => {
                let _ = writeln!(out, "{}\n", content.fill(t));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", content.fill(item));
                }
                out.push('\n');
            }
            Block::Table { head, rows } => {
                // Row by row, each cell with its column's name, as read aloud reads it.
                for row in rows {
                    let mut cells = row.iter();
                    let label = cells.next().map(String::as_str).unwrap_or_default();
                    let _ = writeln!(out, "{label}:");
                    for (name, cell) in head.iter().skip(1).zip(cells) {
                        let _ = writeln!(out, "- {name}: {}", content.fill(cell));
                    }
                }
                out.push('\n');
            }
            Block::Chances(chances) => {
                // The words of each picture of 100 dots: they say its number.
                for chance in chances {
                    let _ = writeln!(out, "- {}", content.fill(&chance.text));
                }
                out.push('\n');
            }
        }
    }
    for question in &text.quiz {
        let _ = writeln!(out, "{}", content.fill(&question.ask));
        for answer in &question.answers {
            let _ = writeln!(out, "- {}", content.fill(answer));
        }
        let _ = writeln!(out, "{}\n", content.fill(&question.explain));
    }
    for id in &screen.cards {
        if let Some(card) = text.cards.get(id) {
            let _ = writeln!(out, "{}. {}\n", card.title, content.fill(&card.text));
        }
    }
    let _ = writeln!(out, "{}", text.alt);
    for caption in &text.gallery_alt {
        let _ = writeln!(out, "{caption}");
    }
    out
}

/// All patient-facing text of the given languages (all if `None`), screen by screen, with each
/// screen's sources and the words on the controls.
pub fn patient_text(
    content: &Content,
    lang: Option<&str>,
    only_screen: Option<&str>,
) -> Result<String, TextError> {
    let languages = chosen(content, lang, only_screen)?;
    let mut out = String::new();
    for language in languages {
        for (i, screen) in screens(content, only_screen) {
            let _ = writeln!(
                out,
                "=== {} {}/{} {} ===\n",
                language.code,
                i + 1,
                content.flow.screens.len(),
                screen.id
            );
            out.push_str(&screen_words(content, language, screen));
            let cites = content.citations(screen);
            if !cites.is_empty() {
                let _ = writeln!(out, "{}: {}.", language.ui.sources, cites.join("; "));
            }
            out.push('\n');
        }
        if only_screen.is_none() {
            out.push_str(&selfcheck_words(content, language));
            let ui = &language.ui;
            let _ = writeln!(out, "=== {} controls ===\n", language.code);
            for word in [
                &ui.next,
                &ui.back,
                &ui.home,
                &ui.start,
                &ui.start_again,
                &ui.close,
                &ui.choose_language,
                &ui.tap_a_card,
                &ui.picture_missing,
            ] {
                let _ = writeln!(out, "{word}");
            }
            let sections: Vec<&str> = content
                .flow
                .sections
                .iter()
                .filter_map(|s| language.sections.get(s).map(String::as_str))
                .collect();
            let _ = writeln!(
                out,
                "{}\n{}\n",
                sections.join(" | "),
                content.reviewed_line(language)
            );
        }
    }
    Ok(out)
}

/// The self-check's words in one language: every question with its answers, the alerts and the
/// summary's fixed words.
pub fn selfcheck_words(content: &Content, language: &Language) -> String {
    let mut out = String::new();
    let words = &language.selfcheck;
    let _ = writeln!(out, "=== {} self-check ===\n", language.code);
    for q in &content.selfcheck.questions {
        let Some(text) = words.questions.get(&q.id) else {
            continue;
        };
        let _ = writeln!(out, "{}", text.ask);
        for option in q.kind.options() {
            if let Some(label) = text.options.get(&option.id) {
                let _ = writeln!(out, "- {label}");
            }
        }
        out.push('\n');
    }
    for alert in words.alerts.values() {
        let _ = writeln!(
            out,
            "{}\n{}\n{}\n",
            alert.title,
            alert.unsure_title,
            content.fill(&alert.text)
        );
    }
    let s = &words.summary;
    for word in [
        &s.title,
        &s.nothing,
        &s.next_step,
        &s.not_a_diagnosis,
        &s.code_help,
    ] {
        let _ = writeln!(out, "{}", content.fill(word));
    }
    let h = &words.handoff;
    for word in [
        &h.printed,
        &h.print_failed,
        &h.sent,
        &h.recorded,
        &h.record_waiting,
        &h.send_failed,
        &h.paper_next_step,
    ] {
        let _ = writeln!(out, "{}", content.fill(word));
    }
    out.push('\n');
    out
}

/// The speaker notes of the given languages (all if `None`) and screens (all if `None`), screen
/// by screen, for review and as a presenter's handout (`vein-kiosk text --notes`).
pub fn speaker_notes(
    content: &Content,
    lang: Option<&str>,
    only_screen: Option<&str>,
) -> Result<String, TextError> {
    let languages = chosen(content, lang, only_screen)?;
    let mut out = String::new();
    for language in languages {
        let words = &language.ui.presenter;
        for (i, screen) in screens(content, only_screen) {
            let Some(text) = language.screens.get(&screen.id) else {
                continue;
            };
            let notes = &text.notes;
            let _ = writeln!(
                out,
                "=== {} {}/{} {}: {} ===\n",
                language.code,
                i + 1,
                content.flow.screens.len(),
                screen.id,
                text.title
            );
            let minutes = format!("{}", notes.minutes);
            let _ = writeln!(out, "{}\n", words.minutes.replace("{minutes}", &minutes));
            let _ = writeln!(out, "{}:", words.must_say);
            for point in &notes.must_say {
                let _ = writeln!(out, "- {}", content.fill(point));
            }
            let _ = writeln!(out, "\n{}:", words.say);
            for point in &notes.say {
                let _ = writeln!(out, "- {}", content.fill(point));
            }
            let _ = writeln!(out, "\n{}:", words.facts);
            for fact in &notes.facts {
                let _ = writeln!(out, "- {} ({})", content.fill(&fact.text), fact.source);
            }
            let _ = writeln!(
                out,
                "\n{}: {}\n\n{}: {}\n{}: {}\n",
                words.ask_the_room,
                content.fill(&notes.ask_the_room),
                words.patients_ask,
                content.fill(&notes.patients_ask),
                words.answer,
                content.fill(&notes.answer)
            );
        }
    }
    Ok(out)
}

/// The summary text for a hand-off code, as the screen showed it, in a language (default: the
/// content's default). A wrong, truncated or tampered code is an error, never a wrong summary.
pub fn summary_for_code(
    content: &crate::content::Content,
    code: &str,
    lang: Option<&str>,
) -> Result<String, TextError> {
    let language = content.language_named(lang)?;
    let answers = crate::selfcheck::code::decode(&content.selfcheck, code)?;
    let fill = |t: &str| content.fill(t);
    Ok(
        crate::selfcheck::Summary::new(&content.selfcheck, &language.selfcheck, &answers, &fill)
            .to_text(),
    )
}

/// The summary text for an answers file in a language (default: the content's default), as the
/// screen shows it. Errors name the file and what is wrong.
pub fn summary_for_file(
    content: &crate::content::Content,
    path: &std::path::Path,
    lang: Option<&str>,
) -> Result<String, TextError> {
    let language = content.language_named(lang)?;
    let answers = crate::selfcheck::answers_file::read(path, &content.selfcheck)?;
    let fill = |t: &str| content.fill(t);
    Ok(
        crate::selfcheck::Summary::new(&content.selfcheck, &language.selfcheck, &answers, &fill)
            .to_text(),
    )
}

/// The languages asked for (all if `None`), after checking that the screen asked for exists.
/// The screens to write out, with their place in the flow: all, or the one named.
fn screens<'a>(
    content: &'a Content,
    only: Option<&'a str>,
) -> impl Iterator<Item = (usize, &'a ScreenDef)> {
    let wanted = move |screen: &ScreenDef| only.is_none_or(|id| id == screen.id);
    content
        .flow
        .screens
        .iter()
        .enumerate()
        .filter(move |(_, screen)| wanted(screen))
}

fn chosen<'a>(
    content: &'a Content,
    lang: Option<&str>,
    only_screen: Option<&str>,
) -> Result<Vec<&'a Language>, TextError> {
    if let Some(id) = only_screen
        && content.screen_index(id).is_none()
    {
        return Err(TextError::NoScreen(id.to_owned()));
    }
    Ok(match lang {
        None => content.languages.iter().collect(),
        Some(_) => vec![content.language_named(lang)?],
    })
}
