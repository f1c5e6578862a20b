//! Read aloud: what is spoken on each screen, as plain data built from the content (the same words
//! `vein-kiosk text` prints), and the real speech service.
//!
//! The service is Speech Dispatcher, reached over its own socket protocol (SSIP) by the kiosk's
//! own small client ([`ssip`]): no C library is needed to build the kiosk, nothing goes over a
//! network, and every line read from the service has a length and a time limit.
//! Speaking only queues the words with the service, so it returns at once; it still runs inside
//! a [`crate::job::Job`] through [`crate::effects::Effects`], never on the screen's thread.

use crate::content::{Block, Content, Language, SpeechVoice};
use crate::navigation::{Check, Route};
use crate::selfcheck::{QuestionKind, Side, Step, often_label, side_word};

/// One request to the speech service: say these words, in place of anything being said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speech {
    /// Counts requests: a request older than one already carried out is dropped, so a slow
    /// request can never talk over a newer screen or a stop.
    pub seq: u64,
    /// The language code of the words.
    pub language: String,
    /// The clinic's voice and rate for that language.
    pub voice: SpeechVoice,
    /// What to say, one sentence or item each, in reading order.
    pub utterances: Vec<String>,
}

/// What is read on `route` in `language`: title, text, bullets, cards and picture descriptions on
/// guide screens (an open card's explanation alone while it is open); the question and each
/// answer in the self-check; the alert on a red flag; the summary. Nothing on the attract screen.
pub fn utterances(content: &Content, language: &Language, route: &Route) -> Vec<String> {
    let mut out = Vec::new();
    match route {
        Route::Attract => {}
        Route::Guide(guide) => {
            if let Some(screen) = content.flow.screens.get(guide.screen) {
                guide_words(
                    content,
                    language,
                    screen,
                    guide.card.as_deref(),
                    &guide.quiz,
                    &mut out,
                );
            }
        }
        Route::Check(check) => check_words(content, language, check, &mut out),
    }
    // One sentence at a time, so the screen can mark the one being said.
    out.iter()
        .flat_map(|u| sentences(u))
        .map(str::to_owned)
        .collect()
}

/// What a "Check your understanding" question says after an answer: right, or not quite with
/// the right answer; then why. The screen shows the same words.
pub fn quiz_feedback(
    content: &Content,
    language: &Language,
    question: &crate::content::QuizText,
    picked: usize,
) -> String {
    let verdict = if picked == question.right {
        language.ui.quiz_right.clone()
    } else {
        let right = question
            .answers
            .get(question.right)
            .map(|a| content.fill(a))
            .unwrap_or_default();
        language.ui.quiz_not_quite.replace("{answer}", &right)
    };
    format!("{verdict} {}", content.fill(&question.explain))
}

/// The idle warning, spoken when it appears.
pub fn idle_warning(language: &Language, seconds: u32) -> Vec<String> {
    vec![
        language.ui.still_there.clone(),
        language
            .ui
            .still_there_text
            .replace("{seconds}", &seconds.to_string()),
        language.ui.still_here.clone(),
    ]
}

fn guide_words(
    content: &Content,
    language: &Language,
    screen: &crate::content::ScreenDef,
    card: Option<&str>,
    quiz: &std::collections::BTreeMap<usize, usize>,
    out: &mut Vec<String>,
) {
    let Some(text) = language
        .screens
        .get(&screen.id)
        .or_else(|| content.default_language().screens.get(&screen.id))
    else {
        return;
    };
    if let Some(card) = card.and_then(|id| text.cards.get(id)) {
        out.push(card.title.clone());
        out.push(content.fill(&card.text));
        return;
    }
    out.push(text.title.clone());
    if screen.kind.is_welcome() {
        out.push(content.settings.clinic_name.clone());
    }
    for block in &text.body {
        match block {
            Block::Text(t) | Block::Callout(t) => out.push(content.fill(t)),
            Block::Bullets(items) => out.extend(items.iter().map(|i| content.fill(i))),
            Block::Table { head, rows } => {
                for row in rows {
                    let mut cells = row.iter();
                    out.extend(cells.next().cloned());
                    // As the screen shows them: the option's name, then its answer.
                    for (name, cell) in head.iter().skip(1).zip(cells) {
                        out.push(content.fill(name));
                        out.push(content.fill(cell));
                    }
                }
            }
            Block::Chances(chances) => out.extend(chances.iter().map(|c| content.fill(&c.text))),
        }
    }
    for (index, question) in text.quiz.iter().enumerate() {
        out.push(content.fill(&question.ask));
        out.extend(question.answers.iter().map(|a| content.fill(a)));
        if let Some(&picked) = quiz.get(&index) {
            out.push(quiz_feedback(content, language, question, picked));
        }
    }
    if !screen.cards.is_empty() {
        out.push(language.ui.tap_a_card.clone());
        out.extend(
            screen
                .cards
                .iter()
                .filter_map(|id| text.cards.get(id).map(|c| c.title.clone())),
        );
    }
    out.push(text.alt.clone());
    out.extend(text.gallery_alt.iter().cloned());
}

fn check_words(content: &Content, language: &Language, check: &Check, out: &mut Vec<String>) {
    let words = &language.selfcheck;
    let flow = &check.flow;
    match flow.step() {
        Step::Question(index) => {
            let Some(q) = content.selfcheck.questions.get(index) else {
                return;
            };
            let Some(text) = words.questions.get(&q.id) else {
                return;
            };
            out.push(text.ask.clone());
            match &q.kind {
                QuestionKind::YesNo => out.extend([words.ui.yes.clone(), words.ui.no.clone()]),
                QuestionKind::Legs => {
                    out.push(words.ui.which_leg.clone());
                    out.extend(
                        [Side::Left, Side::Right, Side::Both, Side::Neither]
                            .map(|s| side_word(words, s).to_owned()),
                    );
                    if check.draft.side.is_some() {
                        out.push(words.ui.how_often.clone());
                        out.extend(
                            [
                                crate::selfcheck::Often::Sometimes,
                                crate::selfcheck::Often::Often,
                                crate::selfcheck::Often::MostDays,
                            ]
                            .map(|o| often_label(words, o).to_owned()),
                        );
                    }
                }
                QuestionKind::One(options) | QuestionKind::Many(options) => {
                    if matches!(q.kind, QuestionKind::Many(_)) {
                        out.push(words.ui.tap_all.clone());
                    }
                    out.extend(
                        options
                            .iter()
                            .filter_map(|o| text.options.get(&o.id).cloned()),
                    );
                    if matches!(q.kind, QuestionKind::Many(_)) {
                        out.push(words.ui.none_of_these.clone());
                    }
                }
            }
            out.push(words.ui.not_sure.clone());
            if q.red_flag.is_none() {
                out.push(words.ui.skip.clone());
            }
        }
        Step::Alert(index, flag) => {
            let Some(alert) = words.alerts.get(&flag) else {
                return;
            };
            let unsure = content
                .selfcheck
                .questions
                .get(index)
                .and_then(|q| flow.answers().get(&q.id))
                == Some(&crate::selfcheck::Answer::NotSure);
            out.push(if unsure {
                alert.unsure_title.clone()
            } else {
                alert.title.clone()
            });
            out.push(content.fill(&alert.text));
            if flag == crate::selfcheck::RedFlag::Emergency {
                out.push(content.settings.emergency_number.clone());
            }
        }
        Step::Summary => {
            let fill = |t: &str| content.fill(t);
            let s =
                crate::selfcheck::Summary::new(&content.selfcheck, words, flow.answers(), &fill);
            out.push(s.title);
            if !s.red_flags.1.is_empty() {
                out.push(s.red_flags.0);
                out.extend(s.red_flags.1);
            }
            for (title, lines) in s.groups {
                out.push(title);
                for line in lines {
                    if line.items.is_empty() {
                        out.push(line.label);
                    } else {
                        out.push(format!("{}: {}", line.label, line.items.join(", ")));
                    }
                }
            }
            out.extend(s.nothing);
            out.push(s.next_step);
            out.push(s.not_a_diagnosis);
        }
    }
}

/// Which of a request's utterances is being said now, so the screen can mark it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The request ([`Speech::seq`]).
    pub seq: u64,
    /// The utterance of that request being said.
    pub index: usize,
}

/// A synthesis voice the speech service offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    /// The name to put in `settings.ron` (`speech: {"es": (voice: Some("…"))}`).
    pub name: String,
    /// Its language code as the service gives it (such as `en-us` or `es`).
    pub language: String,
}

/// For staff (`vein-kiosk voices`): for each of the content's languages, the voices the service
/// offers and whether the voice the settings choose is one of them. Returns the report, and the
/// problems (a language with no voice, a chosen voice that is not offered) that make it fail.
pub fn voice_report(content: &Content, offered: &[Voice]) -> (String, Vec<String>) {
    use std::fmt::Write as _;
    let mut report = String::new();
    let mut problems = Vec::new();
    for language in &content.languages {
        let code = language.code.to_lowercase();
        let here: Vec<&Voice> = offered
            .iter()
            .filter(|v| {
                let theirs = v.language.to_lowercase();
                theirs == code
                    || theirs.starts_with(&format!("{code}-"))
                    || theirs.starts_with(&format!("{code}_"))
            })
            .collect();
        let names: Vec<&str> = here.iter().map(|v| v.name.as_str()).collect();
        let _ = writeln!(
            report,
            "{} ({}): {}",
            language.code,
            language.name,
            if names.is_empty() {
                "no voice".to_owned()
            } else {
                format!("{} voice(s): {}", names.len(), names.join(", "))
            }
        );
        if names.is_empty() {
            problems.push(format!(
                "the speech service has no voice for {} (for espeak-ng, install espeak-ng)",
                language.code
            ));
        }
        match content
            .settings
            .speech
            .get(&language.code)
            .and_then(|v| v.voice.as_deref())
        {
            None => {
                let _ = writeln!(
                    report,
                    "  settings.ron chooses none: the service's usual voice"
                );
            }
            Some(chosen) if names.contains(&chosen) => {
                let _ = writeln!(report, "  settings.ron chooses {chosen}: offered");
            }
            Some(chosen) => {
                let _ = writeln!(report, "  settings.ron chooses {chosen}: NOT offered");
                problems.push(format!(
                    "settings.ron chooses the voice {chosen:?} for {}, which the speech service does not offer",
                    language.code
                ));
            }
        }
    }
    (report, problems)
}

/// Splits a paragraph into its sentences, for reading one at a time with the one being said
/// marked on the screen. Each sentence keeps its end mark; nothing is lost or reordered.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends = matches!(c, '.' | '?' | '!')
            && chars.peek().is_some_and(|(_, next)| next.is_whitespace());
        if ends {
            let end = i + c.len_utf8();
            out.push(text[start..end].trim());
            start = end;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

mod error;
pub use error::SpeechError;

/// The real speech service: Speech Dispatcher on Linux and other Unix systems.
#[cfg(unix)]
pub mod service;
/// No speech service on other systems yet: read-aloud says so to staff.
#[cfg(not(unix))]
#[path = "unsupported.rs"]
pub mod service;
/// Speech Dispatcher's protocol, with limits.
#[cfg(unix)]
pub mod ssip;

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::command::Visit;
    use crate::session::Session;

    fn content() -> Content {
        Content::built_in().expect("built-in content")
    }

    #[test]
    fn every_screen_in_every_language_is_read_from_its_title_to_its_picture() {
        let c = content();
        for language in &c.languages {
            for (i, screen) in c.flow.screens.iter().enumerate() {
                let mut s = Session::new(&c, 0.0);
                s.apply(Visit::GoTo(i), &c, 0.0);
                let said = utterances(&c, language, &s.route);
                let text = &language.screens[&screen.id];
                assert_eq!(
                    said.first(),
                    Some(&text.title),
                    "{} {}",
                    language.code,
                    screen.id
                );
                for sentence in sentences(&text.alt) {
                    assert!(
                        said.iter().any(|u| u == sentence),
                        "{} {}: the picture",
                        language.code,
                        screen.id
                    );
                }
                // The same words `vein-kiosk text` prints, each item on its own.
                let printed = crate::text::screen_words(&c, language, screen);
                for u in &said {
                    assert!(
                        printed.contains(u.as_str())
                            || *u == language.ui.tap_a_card
                            || *u == c.settings.clinic_name,
                        "{} {}: {u:?} is not in the printed text",
                        language.code,
                        screen.id
                    );
                }
            }
        }
    }

    #[test]
    fn a_paragraph_is_read_one_sentence_at_a_time_with_nothing_lost() {
        let text =
            "Veins carry blood back to the heart. Do your legs ache? Walk often!  1.5 km a day.";
        assert_eq!(
            sentences(text),
            [
                "Veins carry blood back to the heart.",
                "Do your legs ache?",
                "Walk often!",
                "1.5 km a day."
            ]
        );
        assert_eq!(
            sentences("¿Le duelen las piernas? Camine."),
            ["¿Le duelen las piernas?", "Camine."]
        );
        assert_eq!(sentences("No end mark"), ["No end mark"]);
        assert!(sentences("  ").is_empty());
        // Every utterance of every screen is one sentence, and each is shown on the screen.
        let c = content();
        for language in &c.languages {
            for i in 0..c.flow.screens.len() {
                let mut s = Session::new(&c, 0.0);
                s.apply(Visit::GoTo(i), &c, 0.0);
                for u in utterances(&c, language, &s.route) {
                    assert_eq!(sentences(&u), [u.as_str()], "{}: {u:?}", language.code);
                }
            }
        }
    }

    #[test]
    fn the_voice_report_names_each_language_voices_and_the_chosen_voice() {
        let mut c = content();
        let offered = [
            Voice {
                name: "English (America)".into(),
                language: "en-US".into(),
            },
            Voice {
                name: "Spanish".into(),
                language: "es".into(),
            },
            Voice {
                name: "Esperanto".into(),
                language: "eo".into(),
            },
        ];
        let (report, problems) = voice_report(&c, &offered);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(
            report.contains("en (English): 1 voice(s): English (America)"),
            "{report}"
        );
        assert!(
            report.contains("es (Español): 1 voice(s): Spanish"),
            "{report}"
        );
        assert!(!report.contains("Esperanto"), "{report}");
        // A voice the service does not offer, and a language with no voice, are problems.
        c.settings.speech.insert(
            "es".into(),
            SpeechVoice {
                rate: 0,
                voice: Some("Castilian".into()),
            },
        );
        let (report, problems) = voice_report(&c, &offered[..1]);
        assert!(report.contains("es (Español): no voice"), "{report}");
        assert!(
            report.contains("chooses Castilian: NOT offered"),
            "{report}"
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems.iter().any(|p| p.contains("\"Castilian\"")),
            "{problems:?}"
        );
    }

    #[test]
    fn an_open_card_is_read_alone() {
        let c = content();
        let i = c.screen_index("risk-factors").expect("risk factors");
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::GoTo(i), &c, 0.0);
        s.apply(Visit::OpenCard("clot".into()), &c, 0.0);
        let en = c.language("en");
        let card = &en.screens["risk-factors"].cards["clot"];
        let text = c.fill(&card.text);
        let mut alone = vec![card.title.as_str()];
        alone.extend(sentences(&text));
        assert_eq!(utterances(&c, en, &s.route), alone);
    }

    #[test]
    fn a_question_is_read_with_every_answer_and_an_alert_with_what_to_do() {
        let c = content();
        let mut s = Session::new(&c, 0.0);
        s.apply(Visit::StartCheck, &c, 0.0);
        for language in &c.languages {
            let said = utterances(&c, language, &s.route);
            let w = &language.selfcheck;
            let first = &c.selfcheck.questions[0];
            assert_eq!(said[0], w.questions[&first.id].ask);
            assert!(said.contains(&w.ui.yes) && said.contains(&w.ui.no));
            assert!(said.contains(&w.ui.not_sure));
            assert!(!said.contains(&w.ui.skip), "a red flag is never skipped");
        }
        s.apply(Visit::CheckAnswer(crate::selfcheck::Answer::Yes), &c, 0.0);
        let en = c.language("en");
        let said = utterances(&c, en, &s.route);
        assert!(
            en.selfcheck.alerts.values().any(|a| said[0] == a.title),
            "the alert's title first: {said:?}"
        );
    }

    #[test]
    fn nothing_is_read_between_visitors_and_the_idle_warning_gives_the_seconds() {
        let c = content();
        let s = Session::kiosk(&c, 0.0);
        assert!(utterances(&c, c.language("en"), &s.route).is_empty());
        let said = idle_warning(c.language("es"), 30);
        assert!(said[1].contains("30"), "{said:?}");
    }
}
