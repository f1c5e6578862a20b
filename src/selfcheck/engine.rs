//! Moving through the self-check: which question comes next, red-flag stops, back and skip.
//! The flow holds only positions and answers; the definition is passed in, so it is plain data
//! that a session can own and wipe.

use super::answers::{Answer, Answers};
use super::model::{Condition, RedFlag, SelfCheckDef};

/// Where the person is in the self-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The question at this index of the definition.
    Question(usize),
    /// A red flag was answered yes or not sure: tell staff now. Shown after the question at this index.
    Alert(usize, RedFlag),
    /// All done: the summary.
    Summary,
}

/// One person's way through the self-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckFlow {
    step: Step,
    /// Questions answered on the way here, most recent last (for Back).
    history: Vec<usize>,
    answers: Answers,
}

/// What Back did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackResult {
    /// Moved to an earlier step of the check.
    Moved,
    /// Already at the first question: the caller leaves the check.
    Left,
}

impl CheckFlow {
    /// Starts at the first question that is asked (or the summary, if none is).
    pub fn start(def: &SelfCheckDef) -> Self {
        let answers = Answers::default();
        let step = next_question(def, &answers, None).map_or(Step::Summary, Step::Question);
        Self {
            step,
            history: Vec::new(),
            answers,
        }
    }

    /// A flow resumed from answers (an answers file): positioned at the summary.
    pub fn finished_with(answers: Answers) -> Self {
        Self {
            step: Step::Summary,
            history: Vec::new(),
            answers,
        }
    }

    /// The current step.
    pub fn step(&self) -> Step {
        self.step
    }

    /// Every answer given so far, including to questions no longer asked after a change.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// How many answered questions Back steps through before it leaves the check (the tests of
    /// each control's own effect tell by it where Back should lead).
    pub fn answered_count(&self) -> usize {
        self.history.len()
    }

    /// Records the answer to the current question and moves on: to an alert if it was a red
    /// flag answered yes or not sure, else to the next question that is asked, else to the summary.
    /// Ignored unless a question is showing.
    pub fn answer(&mut self, def: &SelfCheckDef, answer: Answer) {
        let Step::Question(index) = self.step else {
            return;
        };
        let Some(question) = def.questions.get(index) else {
            return;
        };
        // A red flag is never skipped, and doubt about one goes to staff as a yes does.
        if question.red_flag.is_some() && answer == Answer::Skipped {
            return;
        }
        let flag = question
            .red_flag
            .filter(|_| matches!(answer, Answer::Yes | Answer::NotSure));
        self.answers.0.insert(question.id.clone(), answer);
        self.history.push(index);
        self.step = match flag {
            Some(flag) => Step::Alert(index, flag),
            None => self.after(def, index),
        };
    }

    /// From an alert, goes on with the check.
    pub fn continue_after_alert(&mut self, def: &SelfCheckDef) {
        if let Step::Alert(index, _) = self.step {
            self.step = self.after(def, index);
        }
    }

    /// Back to the question answered before this step, keeping its answer to change.
    pub fn back(&mut self) -> BackResult {
        match self.history.pop() {
            Some(index) => {
                self.step = Step::Question(index);
                BackResult::Moved
            }
            None => BackResult::Left,
        }
    }

    fn after(&self, def: &SelfCheckDef, index: usize) -> Step {
        next_question(def, &self.answers, Some(index)).map_or(Step::Summary, Step::Question)
    }
}

/// The first question after `after` (or from the start) whose condition holds.
fn next_question(def: &SelfCheckDef, answers: &Answers, after: Option<usize>) -> Option<usize> {
    let from = after.map_or(0, |i| i + 1);
    (from..def.questions.len()).find(|&i| is_asked(def, answers, i))
}

/// Whether the question at `index` is asked, given the answers. A question whose condition looks
/// at a question that is itself not asked is not asked either.
pub fn is_asked(def: &SelfCheckDef, answers: &Answers, index: usize) -> bool {
    let Some(question) = def.questions.get(index) else {
        return false;
    };
    match &question.ask_if {
        None => true,
        Some(condition) => holds(def, answers, condition, index),
    }
}

fn holds(def: &SelfCheckDef, answers: &Answers, condition: &Condition, before: usize) -> bool {
    let asked = |id: &str| {
        def.questions[..before]
            .iter()
            .position(|q| q.id == id)
            .is_some_and(|i| is_asked(def, answers, i))
    };
    match condition {
        Condition::Yes(q) => asked(q) && answers.get(q) == Some(&Answer::Yes),
        Condition::Chose(q, option) => {
            asked(q)
                && matches!(answers.get(q), Some(Answer::Chose(chosen)) if chosen.contains(option))
        }
        Condition::AnyLeg(q) => {
            asked(q)
                && matches!(answers.get(q), Some(Answer::Legs(side, _)) if side.left() || side.right())
        }
        Condition::Any(all) => all.iter().any(|c| holds(def, answers, c, before)),
    }
}

/// Where the question at `index` stands among the questions asked with these answers:
/// `(number, total)`, both counting from 1. Branching can change the total as answers change.
pub fn progress(def: &SelfCheckDef, answers: &Answers, index: usize) -> (usize, usize) {
    let asked: Vec<usize> = (0..def.questions.len())
        .filter(|&i| is_asked(def, answers, i))
        .collect();
    let number = asked.iter().filter(|&&i| i <= index).count().max(1);
    (number, asked.len().max(number))
}
