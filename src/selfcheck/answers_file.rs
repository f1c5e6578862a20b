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
