//! The self-check slide's examples: one question and a summary of made-up answers. Built from
//! the content, so a clinic's own questions appear; nothing here is anybody's answer, and nothing
//! is recorded, printed or sent.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::Content;
use crate::selfcheck::{
    Answer, Answers, Often, QuestionDef, QuestionKind, SelfCheckDef, Side, Summary,
};

/// The question shown as an example: the first one, as a person meets it.
pub fn question(def: &SelfCheckDef) -> Option<&QuestionDef> {
    def.questions.first()
}

/// Made-up answers that give a typical summary: no red flag, two symptoms in the legs (one in
/// both legs most days, one in the left leg sometimes) and the first two options of the first
/// question with options. Every other question is skipped.
pub fn answers(def: &SelfCheckDef) -> Answers {
    let mut answers = BTreeMap::new();
    let mut legs = [
        Answer::Legs(Side::Both, Some(Often::MostDays)),
        Answer::Legs(Side::Left, Some(Often::Sometimes)),
    ]
    .into_iter();
    let mut chose = true;
    for q in &def.questions {
        let answer = if q.red_flag.is_some() {
            Answer::No
        } else {
            match &q.kind {
                QuestionKind::Legs => legs.next().unwrap_or(Answer::Skipped),
                QuestionKind::Many(options) | QuestionKind::One(options)
                    if chose && !options.is_empty() =>
                {
                    chose = false;
                    let take = if matches!(q.kind, QuestionKind::One(_)) {
                        1
                    } else {
                        2
                    };
                    Answer::Chose(
                        options
                            .iter()
                            .take(take)
                            .map(|o| o.id.clone())
                            .collect::<BTreeSet<_>>(),
                    )
                }
                QuestionKind::YesNo | QuestionKind::One(_) | QuestionKind::Many(_) => {
                    Answer::Skipped
                }
            }
        };
        answers.insert(q.id.clone(), answer);
    }
    Answers(answers)
}

/// The example summary in the language `code`, worded exactly as the self-check words it.
pub fn summary(content: &Content, code: &str) -> Summary {
    let language = content.language(code);
    let fill = |t: &str| content.fill(t);
    Summary::new(
        &content.selfcheck,
        &language.selfcheck,
        &answers(&content.selfcheck),
        &fill,
    )
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_example_reports_symptoms_per_leg_and_no_red_flag() {
        let content = Content::built_in().expect("built-in content");
        for code in ["en", "es"] {
            let s = summary(&content, code);
            assert!(
                s.red_flags.1.is_empty(),
                "{code}: no red flag in the example"
            );
            assert!(s.nothing.is_none(), "{code}: the example reports something");
            let legs = &content.language(code).selfcheck.summary;
            let text = s.to_text();
            assert!(text.contains(&legs.left_leg), "{code}: {text}");
            assert!(text.contains(&legs.right_leg), "{code}: {text}");
        }
        let first = question(&content.selfcheck).expect("a question");
        assert!(
            first.red_flag.is_some(),
            "the check starts with a red flag, as a person meets it"
        );
    }
}
