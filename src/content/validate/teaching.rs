//! What a language says beyond plain text, against the flow: comparison tables, "Check your
//! understanding" questions, the take-home leaflet's parts and the speaker notes' timing.

use crate::content::FileProblems;
use crate::content::model::{Block, Flow, Language, ScreenKind, ScreenText};

/// The longest the whole talk may be, in minutes: the speaker notes' `minutes` add up to at most
/// this.
pub const TALK_MINUTES: f32 = 15.0;

/// The most a "Check your understanding" screen may ask, and the answers each question offers.
const QUESTIONS: std::ops::RangeInclusive<usize> = 1..=6;
const ANSWERS: std::ops::RangeInclusive<usize> = 2..=5;

pub(super) fn check_teaching(language: &Language, flow: &Flow, p: &mut FileProblems<'_>) {
    let mut minutes = 0.0;
    for screen in &flow.screens {
        let Some(text) = language.screens.get(&screen.id) else {
            continue;
        };
        let id = &screen.id;
        let anchor = format!("\"{id}\":");
        check_tables(id, &anchor, text, p);
        check_chances(id, &anchor, text, p);
        check_quiz(id, &anchor, screen.kind, text, p);
        let notes = &text.notes;
        if !(notes.minutes.is_finite() && notes.minutes > 0.0 && notes.minutes <= 5.0) {
            p.at_path(
                &["screens:", &anchor, "minutes:"],
                format!("screens.\"{id}\".notes.minutes"),
                format!(
                    "is {}; a slide takes more than 0 and at most 5 minutes",
                    notes.minutes
                ),
            );
        } else {
            minutes += notes.minutes;
        }
        if notes.must_say.is_empty() {
            p.at_path(
                &["screens:", &anchor, "must_say:"],
                format!("screens.\"{id}\".notes.must_say"),
                "name at least one line the presenter must say",
            );
        }
    }
    if minutes > TALK_MINUTES + 0.001 {
        p.at_path(
            &["screens:"],
            "screens.*.notes.minutes",
            format!("the slides add up to {minutes} minutes; the talk must fit {TALK_MINUTES}"),
        );
    }
    if language.leaflet.days.len() != 7 {
        p.at_path(
            &["leaflet:", "days:"],
            "leaflet.days",
            format!("names {} days; a week has 7", language.leaflet.days.len()),
        );
    }
    for id in language.leaflet.headings.keys() {
        if !flow.leaflet.iter().any(|part| &part.screen == id) {
            p.at_path(
                &["leaflet:", "headings:", &format!("\"{id}\"")],
                format!("leaflet.headings.\"{id}\""),
                "no part of the leaflet (flow.ron) takes this screen",
            );
        }
    }
    for (i, part) in flow.leaflet.iter().enumerate() {
        let Some(text) = language.screens.get(&part.screen) else {
            continue;
        };
        for block in &part.blocks {
            if *block >= text.body.len() {
                p.at_path(
                    &["screens:", &format!("\"{}\":", part.screen)],
                    format!("flow leaflet[{i}].blocks"),
                    format!(
                        "the leaflet takes block {block} of \"{}\", which has {} blocks (numbered from 0)",
                        part.screen,
                        text.body.len()
                    ),
                );
            }
        }
    }
}

/// Every table: a head with the row labels' heading and a column at least, one row at least, and
/// each row one cell per head entry.
fn check_tables(id: &str, anchor: &str, text: &ScreenText, p: &mut FileProblems<'_>) {
    for (b, block) in text.body.iter().enumerate() {
        if let Block::Table { head, rows } = block {
            if head.len() < 2 {
                p.at_path(
                    &["screens:", anchor, "Table("],
                    format!("screens.\"{id}\".body[{b}].head"),
                    "a table needs the row labels' heading and at least one column",
                );
            }
            if rows.is_empty() {
                p.at_path(
                    &["screens:", anchor, "Table("],
                    format!("screens.\"{id}\".body[{b}].rows"),
                    "a table needs at least one row",
                );
            }
            for (r, row) in rows.iter().enumerate() {
                if row.len() != head.len() {
                    p.at_path(
                        &["screens:", anchor, "rows:"],
                        format!("screens.\"{id}\".body[{b}].rows[{r}]"),
                        format!(
                            "has {} cells; the head names {} (the row's label and one per column)",
                            row.len(),
                            head.len()
                        ),
                    );
                }
            }
        }
    }
}

/// The most pictures one `Chances` block may show.
const MOST_CHANCES: usize = 8;

/// Every `Chances` block: 1 to 8 pictures, each `count` 1 to 100, and words that give the same
/// number as the picture and say it is out of 100 (a picture and words that disagree about a
/// risk would mislead whichever one a patient trusts).
fn check_chances(id: &str, anchor: &str, text: &ScreenText, p: &mut FileProblems<'_>) {
    use crate::content::Chance;
    const DOTS: u32 = Chance::DOTS;
    for (b, block) in text.body.iter().enumerate() {
        let Block::Chances(chances) = block else {
            continue;
        };
        if chances.is_empty() || chances.len() > MOST_CHANCES {
            p.at_path(
                &["screens:", anchor, "Chances("],
                format!("screens.\"{id}\".body[{b}]"),
                format!(
                    "has {} pictures; a Chances block shows 1 to {MOST_CHANCES}",
                    chances.len()
                ),
            );
        }
        for (c, chance) in chances.iter().enumerate() {
            let field = format!("screens.\"{id}\".body[{b}][{c}]");
            let at = ["screens:", anchor, "Chances(", "count:"];
            if !(1..=DOTS).contains(&chance.count) {
                p.at_path(
                    &at,
                    format!("{field}.count"),
                    format!(
                        "is {}; a picture has {DOTS} dots, so count is 1 to {DOTS}",
                        chance.count
                    ),
                );
            } else if !says_number(&chance.text, chance.count) || !says_number(&chance.text, DOTS) {
                p.at_path(
                    &at,
                    format!("{field}.text"),
                    format!(
                        "must say the picture's number, {} in {DOTS}, in words that give both numbers",
                        chance.count
                    ),
                );
            }
        }
    }
}

/// Whether `text` has `number` as a whole number of its own ("15", not part of "150" or "1.5").
fn says_number(text: &str, number: u32) -> bool {
    let wanted = number.to_string();
    text.split(|c: char| !c.is_ascii_digit() && c != ',' && c != '.')
        .map(|word| word.trim_matches(|c| c == ',' || c == '.'))
        .any(|word| word == wanted)
}

/// A Quiz screen asks 1 to 6 questions, each with 2 to 5 answers and a right one that exists;
/// no other screen asks any.
fn check_quiz(
    id: &str,
    anchor: &str,
    kind: ScreenKind,
    text: &ScreenText,
    p: &mut FileProblems<'_>,
) {
    match kind {
        ScreenKind::Quiz => {
            if !QUESTIONS.contains(&text.quiz.len()) {
                p.at_path(
                    &["screens:", anchor],
                    format!("screens.\"{id}\".quiz"),
                    format!(
                        "has {} questions; a Quiz screen asks {} to {}",
                        text.quiz.len(),
                        QUESTIONS.start(),
                        QUESTIONS.end()
                    ),
                );
            }
            for (q, question) in text.quiz.iter().enumerate() {
                let field = format!("screens.\"{id}\".quiz[{q}]");
                let at = ["screens:", anchor, "quiz:"];
                if !ANSWERS.contains(&question.answers.len()) {
                    p.at_path(
                        &at,
                        format!("{field}.answers"),
                        format!(
                            "offers {} answers; a question offers {} to {}",
                            question.answers.len(),
                            ANSWERS.start(),
                            ANSWERS.end()
                        ),
                    );
                }
                if question.right >= question.answers.len() {
                    p.at_path(
                        &at,
                        format!("{field}.right"),
                        format!(
                            "is {}, but the answers are numbered from 0 to {}",
                            question.right,
                            question.answers.len().saturating_sub(1)
                        ),
                    );
                }
            }
        }
        ScreenKind::Welcome | ScreenKind::Info | ScreenKind::CheckEntry => {
            if !text.quiz.is_empty() {
                p.at_path(
                    &["screens:", anchor, "quiz:"],
                    format!("screens.\"{id}\".quiz"),
                    "only a screen of kind Quiz (in flow.ron) asks questions",
                );
            }
        }
    }
}

/// A table or the questions of a screen in `mine` against the default language's: the same
/// shape, and the same right answers, so no patient is told another answer is right.
pub(super) fn same_teaching(
    mine: &crate::content::ScreenText,
    theirs: &crate::content::ScreenText,
) -> Option<String> {
    if mine.quiz.len() != theirs.quiz.len() {
        return Some(format!(
            "asks {} questions; the default language asks {}",
            mine.quiz.len(),
            theirs.quiz.len()
        ));
    }
    for (q, (a, b)) in mine.quiz.iter().zip(&theirs.quiz).enumerate() {
        if a.answers.len() != b.answers.len() || a.right != b.right {
            return Some(format!(
                "quiz[{q}] offers {} answers with answer {} right; the default language offers {} with answer {} right",
                a.answers.len(),
                a.right,
                b.answers.len(),
                b.right
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::says_number;

    #[test]
    fn a_number_is_found_only_as_a_whole_number() {
        assert!(says_number("about 15 in 100 legs", 15));
        assert!(says_number("unas 15 de cada 100.", 100));
        assert!(says_number("(7 in 100)", 7));
        assert!(!says_number("about 150 in 1,000", 15));
        assert!(!says_number("about 3 in 1,000", 100));
        assert!(!says_number("1.5 in 100", 5));
        assert!(!says_number("no number here", 1));
    }
}
