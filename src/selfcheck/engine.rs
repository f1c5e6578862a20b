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

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    //! The branching and red-flag rules on a small definition written for them, so each rule is
    //! caught where it lives (the app's property and flow tests take the real self-check).
    use super::*;
    use crate::selfcheck::answers::{Often, Side};

    const DEF: &str = r#"SelfCheck(
        questions: [
            Question(id: "bleed", kind: YesNo, group: "g", red_flag: Some(Bleeding)),
            Question(id: "a", kind: YesNo, group: "g"),
            Question(id: "legs", kind: Legs, group: "g"),
            Question(id: "c", kind: Many([Option(id: "x"), Option(id: "y")]), group: "g"),
            Question(id: "if-a", kind: YesNo, group: "g", ask_if: Some(Yes("a"))),
            Question(id: "if-legs", kind: YesNo, group: "g", ask_if: Some(AnyLeg("legs"))),
            Question(id: "if-x", kind: YesNo, group: "g", ask_if: Some(Chose("c", "x"))),
            Question(id: "if-if-a", kind: YesNo, group: "g", ask_if: Some(Yes("if-a"))),
            Question(id: "if-any", kind: YesNo, group: "g", ask_if: Some(Any([Yes("a"), Chose("c", "y")]))),
            Question(id: "if-later", kind: YesNo, group: "g", ask_if: Some(Yes("last"))),
            Question(id: "last", kind: YesNo, group: "g"),
        ],
        groups: ["g"],
    )"#;

    fn def() -> SelfCheckDef {
        ron::from_str(DEF).unwrap()
    }

    fn at(def: &SelfCheckDef, id: &str) -> usize {
        def.questions.iter().position(|q| q.id == id).unwrap()
    }

    fn answers(given: &[(&str, Answer)]) -> Answers {
        Answers(
            given
                .iter()
                .map(|(q, a)| ((*q).to_owned(), a.clone()))
                .collect(),
        )
    }

    fn chose(ids: &[&str]) -> Answer {
        Answer::Chose(ids.iter().map(|s| (*s).to_owned()).collect())
    }

    fn asked(def: &SelfCheckDef, given: &Answers) -> Vec<String> {
        (0..def.questions.len())
            .filter(|&i| is_asked(def, given, i))
            .map(|i| def.questions[i].id.clone())
            .collect()
    }

    #[test]
    fn each_condition_asks_its_question_only_when_it_holds() {
        let d = def();
        let base = ["bleed", "a", "legs", "c", "last"];
        assert_eq!(asked(&d, &Answers::default()), base, "nothing answered");
        let all_no = answers(&[
            ("a", Answer::No),
            ("legs", Answer::Legs(Side::Neither, None)),
            ("c", chose(&[])),
        ]);
        assert_eq!(asked(&d, &all_no), base, "no, neither leg, none chosen");
        let left = Answer::Legs(Side::Left, Some(Often::Often));
        let right = Answer::Legs(Side::Right, Some(Often::Sometimes));
        for (given, also) in [
            (vec![("a", Answer::Yes)], vec!["if-a", "if-any"]),
            (vec![("a", Answer::NotSure)], vec![]),
            (vec![("legs", left)], vec!["if-legs"]),
            (vec![("legs", right)], vec!["if-legs"]),
            (vec![("c", chose(&["x"]))], vec!["if-x"]),
            (vec![("c", chose(&["y"]))], vec!["if-any"]),
            (
                vec![("a", Answer::Yes), ("if-a", Answer::Yes)],
                vec!["if-a", "if-if-a", "if-any"],
            ),
            (vec![("a", Answer::No), ("if-a", Answer::Yes)], vec![]),
            (vec![("last", Answer::Yes)], vec![]),
        ] {
            let given = answers(&given);
            let mut expected: Vec<&str> = base.to_vec();
            expected.extend(also);
            let mut expected: Vec<String> = expected.into_iter().map(str::to_owned).collect();
            expected.sort_by_key(|id| at(&d, id));
            assert_eq!(asked(&d, &given), expected, "{given:?}");
        }
    }

    #[test]
    fn a_question_is_asked_only_when_its_condition_looks_at_an_earlier_asked_one() {
        let d = def();
        // "if-if-a" looks at "if-a", which "a" = No leaves unasked: an old yes there counts
        // for nothing. "if-later" looks at a later question, which can never count.
        let given = answers(&[
            ("a", Answer::No),
            ("if-a", Answer::Yes),
            ("last", Answer::Yes),
        ]);
        assert!(!is_asked(&d, &given, at(&d, "if-if-a")));
        assert!(!is_asked(&d, &given, at(&d, "if-later")));
        assert!(!is_asked(&d, &given, d.questions.len()), "no such question");
    }

    #[test]
    fn the_next_question_and_the_progress_follow_the_branching() {
        let d = def();
        let none = Answers::default();
        assert_eq!(next_question(&d, &none, None), Some(0));
        assert_eq!(
            next_question(&d, &none, Some(at(&d, "a"))),
            Some(at(&d, "legs"))
        );
        assert_eq!(
            next_question(&d, &none, Some(at(&d, "c"))),
            Some(at(&d, "last"))
        );
        assert_eq!(next_question(&d, &none, Some(at(&d, "last"))), None);
        let yes = answers(&[("a", Answer::Yes)]);
        assert_eq!(
            next_question(&d, &yes, Some(at(&d, "c"))),
            Some(at(&d, "if-a"))
        );
        assert_eq!(progress(&d, &none, at(&d, "legs")), (3, 5));
        assert_eq!(progress(&d, &yes, at(&d, "if-a")), (5, 7));
        assert_eq!(progress(&d, &yes, at(&d, "last")), (7, 7));
    }

    #[test]
    fn a_red_flag_is_never_skipped_and_a_yes_or_doubt_about_it_alerts() {
        let d = def();
        let mut flow = CheckFlow::start(&d);
        assert_eq!(flow.step(), Step::Question(0));
        flow.answer(&d, Answer::Skipped);
        assert_eq!(
            flow.step(),
            Step::Question(0),
            "a red flag cannot be skipped"
        );
        assert_eq!(
            (flow.answers().get("bleed"), flow.answered_count()),
            (None, 0)
        );
        for doubt in [Answer::Yes, Answer::NotSure] {
            let mut flow = CheckFlow::start(&d);
            flow.answer(&d, doubt.clone());
            assert_eq!(flow.step(), Step::Alert(0, RedFlag::Bleeding), "{doubt:?}");
            flow.continue_after_alert(&d);
            assert_eq!(flow.step(), Step::Question(at(&d, "a")), "{doubt:?}");
        }
        flow.answer(&d, Answer::No);
        assert_eq!(flow.step(), Step::Question(at(&d, "a")), "no: on, no alert");
        // Any other question may be skipped, and that moves on too.
        flow.answer(&d, Answer::Skipped);
        assert_eq!(flow.step(), Step::Question(at(&d, "legs")));
        assert_eq!(flow.answers().get("a"), Some(&Answer::Skipped));
        assert_eq!(flow.answered_count(), 2);
    }

    #[test]
    fn back_returns_through_the_answered_questions_keeping_their_answers() {
        let d = def();
        let mut flow = CheckFlow::start(&d);
        flow.answer(&d, Answer::No);
        flow.answer(&d, Answer::Yes);
        assert_eq!(flow.step(), Step::Question(at(&d, "legs")));
        assert_eq!(flow.back(), BackResult::Moved);
        assert_eq!(flow.step(), Step::Question(at(&d, "a")));
        assert_eq!(
            flow.answers().get("a"),
            Some(&Answer::Yes),
            "kept to change"
        );
        assert_eq!(flow.back(), BackResult::Moved);
        assert_eq!((flow.step(), flow.answered_count()), (Step::Question(0), 0));
        assert_eq!(flow.back(), BackResult::Left);
        let done = CheckFlow::finished_with(answers(&[("a", Answer::Yes)]));
        assert_eq!(done.step(), Step::Summary);
        assert_eq!(done.answers().get("a"), Some(&Answer::Yes));
    }
}
