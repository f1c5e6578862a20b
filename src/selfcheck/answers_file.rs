//! Answers files (`vein-kiosk selfcheck --answers FILE.ron`): a way for staff and tests to
//! reproduce any summary without the screen. Checked as strictly as the screen would allow.

use std::path::{Path, PathBuf};

use super::answers::{Answer, Answers, Side};
use super::engine::is_asked;
use super::model::{QuestionKind, SelfCheckDef};

/// Why an answers file was refused. Each names the file; a parse error also its line.
#[derive(Debug, thiserror::Error)]
pub enum AnswersFileError {
    /// The file could not be read.
    #[error("{}: cannot be read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not answers as RON; `at` is `LINE` or `LINE:COLUMN`.
    #[error("{}:{at}: {message}", path.display())]
    Parse {
        path: PathBuf,
        at: String,
        message: String,
    },
    /// The answers are inconsistent with the self-check (one line each, see [`check`]).
    #[error("{}", each_named(path, problems))]
    Inconsistent {
        path: PathBuf,
        problems: Vec<String>,
    },
}

/// The problems, one a line, each after the file's name.
fn each_named(path: &Path, problems: &[String]) -> String {
    problems
        .iter()
        .map(|p| format!("{}: {p}", path.display()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads and checks an answers file. The error names the file and what is wrong.
pub fn read(path: &Path, def: &SelfCheckDef) -> Result<Answers, AnswersFileError> {
    let text = std::fs::read_to_string(path).map_err(|source| AnswersFileError::Read {
        path: path.to_owned(),
        source,
    })?;
    let answers: Answers = ron::Options::default().from_str(&text).map_err(|e| {
        let message = e.code.to_string();
        // The parser stands past the repeated answer when it sees it; name the line it is on.
        let line = message
            .split('"')
            .nth(1)
            .filter(|_| message.ends_with("is answered twice"))
            .and_then(|id| {
                let key = format!("\"{id}\"");
                text.lines()
                    .enumerate()
                    .filter(|(_, l)| l.contains(&key))
                    .nth(1)
                    .map(|(i, _)| i + 1)
            })
            .map_or_else(
                || format!("{}:{}", e.position.line, e.position.col),
                |line| line.to_string(),
            );
        AnswersFileError::Parse {
            path: path.to_owned(),
            at: line,
            message,
        }
    })?;
    let problems = check(&answers, def);
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(AnswersFileError::Inconsistent {
            path: path.to_owned(),
            problems,
        })
    }
}

/// Everything inconsistent about a set of answers: unknown questions or options, answers of the
/// wrong shape, and answers to questions that these answers would never lead to.
pub fn check(answers: &Answers, def: &SelfCheckDef) -> Vec<String> {
    let mut problems = Vec::new();
    for (id, answer) in &answers.0 {
        let Some(index) = def.questions.iter().position(|q| &q.id == id) else {
            problems.push(format!("\"{id}\" is not a question of this self-check"));
            continue;
        };
        let q = &def.questions[index];
        let shape_ok = match (&q.kind, answer) {
            (_, Answer::NotSure | Answer::Skipped)
            | (QuestionKind::YesNo, Answer::Yes | Answer::No) => true,
            (QuestionKind::Legs, Answer::Legs(Side::Neither, often)) => often.is_none(),
            (QuestionKind::Legs, Answer::Legs(_, often)) => often.is_some(),
            (QuestionKind::One(options), Answer::Chose(chosen)) => {
                chosen.len() == 1 && chosen.iter().all(|c| options.iter().any(|o| &o.id == c))
            }
            (QuestionKind::Many(options), Answer::Chose(chosen)) => {
                chosen.iter().all(|c| options.iter().any(|o| &o.id == c))
            }
            _ => false,
        };
        if q.red_flag.is_some() && *answer == Answer::Skipped {
            problems.push(format!(
                "\"{id}\" is a red flag: it is answered Yes, No or NotSure, never Skipped"
            ));
        }
        if !shape_ok {
            problems.push(format!(
                "\"{id}\": {answer:?} is not an answer this question takes ({})",
                expected(&q.kind)
            ));
        }
        if !is_asked(def, answers, index) {
            problems.push(format!(
                "\"{id}\" is answered, but with these answers it would not be asked"
            ));
        }
    }
    problems
}

fn expected(kind: &QuestionKind) -> String {
    let ids = |o: &[super::model::OptionDef]| {
        o.iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match kind {
        QuestionKind::YesNo => "Yes, No, NotSure or Skipped".into(),
        QuestionKind::Legs => "Legs(Left|Right|Both, Some(Sometimes|Often|MostDays)), Legs(Neither, None), NotSure or Skipped".into(),
        QuestionKind::One(o) => format!("Chose([one of: {}]), NotSure or Skipped", ids(o)),
        QuestionKind::Many(o) => format!("Chose([any of: {}]), NotSure or Skipped", ids(o)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn def() -> SelfCheckDef {
        crate::content::Content::built_in().unwrap().selfcheck
    }

    /// Nothing to report, with `care` and `stockings-help` answered as given.
    fn answers_with(care: &str, stockings_help: &str) -> String {
        format!(
            "Answers({{\n\
             \"rf-breathing\": No, \"rf-faint\": No, \"rf-leg\": No, \"rf-lump\": No,\n\
             \"rf-bleeding\": No, \"rf-sore-infected\": No, \"rf-sore-slow\": No,\n\
             \"ache\": Legs(Neither, None), \"swelling\": Legs(Neither, None),\n\
             \"throbbing\": Legs(Neither, None), \"cramps\": Legs(Neither, None),\n\
             \"itching\": Legs(Neither, None), \"restless\": Legs(Neither, None),\n\
             \"signs\": Chose([]), \"risks\": Chose([]), \"safety\": Chose([]),\n\
             \"care\": {care},\n\
             \"stockings-help\": {stockings_help},\n\
             }})\n"
        )
    }

    /// Reads `text` as an answers file; an error as said, with the file called `answers.ron`.
    fn read_text(text: &str) -> Result<Answers, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.ron");
        std::fs::write(&path, text).unwrap();
        read(&path, &def()).map_err(|e| {
            e.to_string()
                .replace(&path.display().to_string(), "answers.ron")
        })
    }

    fn said(text: &str) -> String {
        read_text(text).unwrap_err()
    }

    #[test]
    fn a_one_of_question_takes_exactly_one_of_its_own_options() {
        let care = "Chose([\"stockings\"])";
        let read = read_text(&answers_with(care, "Chose([\"helped\"])")).unwrap();
        assert_eq!(read.0.len(), 18, "every answer read back");
        let takes = "(Chose([one of: helped, a-little, not, stopped]), NotSure or Skipped)";
        // As written, and as the message shows it (a set).
        for (wrong, shown) in [
            (
                "Chose([\"helped\", \"not\"])",
                "Chose({\"helped\", \"not\"})",
            ),
            ("Chose([\"never\"])", "Chose({\"never\"})"),
            ("Chose([])", "Chose({})"),
        ] {
            assert_eq!(
                said(&answers_with(care, wrong)),
                format!(
                    "answers.ron: \"stockings-help\": {shown} is not an answer this question takes {takes}"
                )
            );
        }
    }

    #[test]
    fn each_problem_is_a_line_of_its_own_after_the_files_name() {
        // Two problems: a question these answers never lead to, and a wrong shape.
        let text = answers_with("Chose([])", "Yes");
        assert_eq!(
            said(&text),
            "answers.ron: \"stockings-help\": Yes is not an answer this question takes \
             (Chose([one of: helped, a-little, not, stopped]), NotSure or Skipped)\n\
             answers.ron: \"stockings-help\" is answered, but with these answers it would not be asked"
        );
    }

    #[test]
    fn a_question_answered_twice_is_named_at_its_second_line() {
        let text = answers_with(
            "Chose([\"stockings\"])",
            "Chose([\"helped\"]),\n\"ache\": No",
        );
        let second = text
            .lines()
            .position(|l| l.starts_with("\"ache\": No"))
            .unwrap()
            + 1;
        assert_eq!(second, 10);
        assert!(
            said(&text).starts_with(&format!("answers.ron:{second}: ")),
            "{}",
            said(&text)
        );
    }
}
