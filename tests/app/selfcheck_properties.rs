//! Properties of the self-check engine and summary, for any sequence of answers, back-steps and
//! skips: the flow ends; red flags answered yes are at the top; nothing unanswered appears as
//! answered; the red-flag block is there exactly when a red flag was answered yes or not sure.
//! The generators can give every answer each question takes (every subset of a picture-card
//! question, every leg and how-often pair), which a deterministic test below checks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use vein_kiosk::content::Content;
use vein_kiosk::selfcheck::{
    Answer, CheckFlow, Often, QuestionKind, SelfCheckDef, Side, Step, Summary, is_asked,
};

/// What a person may do on any step.
#[derive(Debug, Clone)]
enum Action {
    /// Answer with the n-th possible answer of the current question (wrapped).
    Answer(usize),
    NotSure,
    Skip,
    Back,
    Continue,
}

/// At least the number of answers any question takes (2^9 subsets of a nine-option question), so
/// that `n % count` reaches every answer of every question.
const ANSWER_PICKS: usize = 1 << 16;

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => (0usize..ANSWER_PICKS).prop_map(Action::Answer),
        1 => Just(Action::NotSure),
        1 => Just(Action::Skip),
        2 => Just(Action::Back),
        2 => Just(Action::Continue),
    ]
}

fn actions(max: usize) -> impl Strategy<Value = Vec<Action>> {
    prop::collection::vec(action(), 0..max)
}

/// Every leg answer: neither, or a side with how often (10 in all).
fn every_legs_answer() -> Vec<Answer> {
    let mut all = vec![Answer::Legs(Side::Neither, None)];
    for side in [Side::Left, Side::Right, Side::Both] {
        for often in [Often::Sometimes, Often::Often, Often::MostDays] {
            all.push(Answer::Legs(side, Some(often)));
        }
    }
    all
}

/// How many answers (besides not sure and skip) the question at `index` takes.
fn answer_count(def: &SelfCheckDef, index: usize) -> usize {
    match &def.questions[index].kind {
        QuestionKind::YesNo => 2,
        QuestionKind::Legs => every_legs_answer().len(),
        QuestionKind::One(options) => options.len(),
        // Every subset, the empty one ("none of these") included.
        QuestionKind::Many(options) => 1 << options.len(),
    }
}

/// The n-th answer (wrapped) the question at `index` takes; over `0..answer_count` these are all
/// different and are every answer the question takes.
fn nth_answer(def: &SelfCheckDef, index: usize, n: usize) -> Answer {
    let n = n % answer_count(def, index);
    match &def.questions[index].kind {
        QuestionKind::YesNo => [Answer::Yes, Answer::No][n].clone(),
        QuestionKind::Legs => every_legs_answer()[n].clone(),
        QuestionKind::One(options) => Answer::Chose([options[n].id.clone()].into()),
        QuestionKind::Many(options) => Answer::Chose(
            options
                .iter()
                .enumerate()
                .filter(|(i, _)| n & (1 << i) != 0)
                .map(|(_, o)| o.id.clone())
                .collect(),
        ),
    }
}

fn play(def: &SelfCheckDef, actions: &[Action]) -> CheckFlow {
    let mut flow = CheckFlow::start(def);
    for a in actions {
        play_one(def, &mut flow, a);
    }
    flow
}

fn play_one(def: &SelfCheckDef, flow: &mut CheckFlow, a: &Action) {
    match (a, flow.step()) {
        (Action::Answer(n), Step::Question(i)) => flow.answer(def, nth_answer(def, i, *n)),
        (Action::NotSure, _) => flow.answer(def, Answer::NotSure),
        (Action::Skip, _) => flow.answer(def, Answer::Skipped),
        // Back from the first question would leave the check; the flow itself stays put.
        (Action::Back, _) => {
            flow.back();
        }
        (Action::Continue, _) => flow.continue_after_alert(def),
        _ => {}
    }
}

/// The built-in content, loaded once for every case.
fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| Content::built_in().unwrap())
}

fn question(def: &SelfCheckDef, id: &str) -> usize {
    def.questions.iter().position(|q| q.id == id).unwrap()
}

#[test]
fn the_generators_give_every_answer_each_question_takes() {
    let def = &content().selfcheck;
    for (i, q) in def.questions.iter().enumerate() {
        let count = answer_count(def, i);
        assert!(count <= ANSWER_PICKS, "{}: {count} answers", q.id);
        let made: Vec<Answer> = (0..count).map(|n| nth_answer(def, i, n)).collect();
        let distinct: BTreeSet<String> = made.iter().map(|a| format!("{a:?}")).collect();
        assert_eq!(distinct.len(), count, "{}: all different", q.id);
        // Picks beyond the count wrap onto the same answers.
        assert_eq!(nth_answer(def, i, count + 1), made[1 % count], "{}", q.id);
        match &q.kind {
            QuestionKind::YesNo => {
                assert!(made.contains(&Answer::Yes) && made.contains(&Answer::No))
            }
            QuestionKind::Legs => {
                assert_eq!(count, 10, "{}: neither, and 3 sides x 3 frequencies", q.id);
                for often in [Often::Sometimes, Often::Often, Often::MostDays] {
                    for side in [Side::Left, Side::Right, Side::Both] {
                        assert!(made.contains(&Answer::Legs(side, Some(often))), "{}", q.id);
                    }
                }
                assert!(
                    made.contains(&Answer::Legs(Side::Neither, None)),
                    "{}",
                    q.id
                );
            }
            QuestionKind::One(options) | QuestionKind::Many(options) => {
                let chosen: Vec<BTreeSet<String>> = made
                    .iter()
                    .map(|a| match a {
                        Answer::Chose(c) => c.clone(),
                        other => panic!("{}: {other:?}", q.id),
                    })
                    .collect();
                // Each option alone ("open-sore" among the signs included).
                for o in options {
                    assert!(
                        chosen.contains(&[o.id.clone()].into()),
                        "{}: {} alone",
                        q.id,
                        o.id
                    );
                }
                if matches!(q.kind, QuestionKind::Many(_)) {
                    assert_eq!(count, 1 << options.len(), "{}: every subset", q.id);
                    assert!(chosen.contains(&BTreeSet::new()), "{}: none of these", q.id);
                    let all: BTreeSet<String> = options.iter().map(|o| o.id.clone()).collect();
                    assert!(chosen.contains(&all), "{}: all of them", q.id);
                }
            }
        }
    }
}

#[test]
fn choosing_an_open_sore_leads_to_the_sore_care_question_and_only_then() {
    let def = &content().selfcheck;
    let (signs, sore_care) = (question(def, "signs"), question(def, "sore-care"));
    let to_signs = |flow: &mut CheckFlow| {
        while let Step::Question(i) = flow.step() {
            if i == signs {
                return;
            }
            let answer = match def.questions[i].kind {
                QuestionKind::Legs => Answer::Legs(Side::Neither, None),
                _ => Answer::No,
            };
            flow.answer(def, answer);
        }
        panic!("never reached the signs: {:?}", flow.step());
    };
    for n in 0..answer_count(def, signs) {
        let mut flow = CheckFlow::start(def);
        to_signs(&mut flow);
        let answer = nth_answer(def, signs, n);
        let open_sore = matches!(&answer, Answer::Chose(c) if c.contains("open-sore"));
        flow.answer(def, answer.clone());
        assert_eq!(
            flow.step() == Step::Question(sore_care),
            open_sore,
            "{answer:?} went to {:?}",
            flow.step()
        );
    }
}

/// Random runs reach every question, the sore-care branch and the stockings branch included:
/// the same strategy as the properties, sampled with a fixed seed.
#[test]
fn generated_runs_reach_every_question() {
    let def = &content().selfcheck;
    let mut runner = TestRunner::deterministic();
    let strategy = actions(120);
    let mut reached = BTreeSet::new();
    for _ in 0..400 {
        let run = strategy.new_tree(&mut runner).unwrap().current();
        let mut flow = CheckFlow::start(def);
        for a in &run {
            if let Step::Question(i) = flow.step() {
                reached.insert(def.questions[i].id.clone());
            }
            play_one(def, &mut flow, a);
        }
        if let Step::Question(i) = flow.step() {
            reached.insert(def.questions[i].id.clone());
        }
    }
    let every: BTreeSet<String> = def.questions.iter().map(|q| q.id.clone()).collect();
    assert_eq!(reached, every, "questions never reached in 400 runs");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_flow_always_ends(actions in actions(120)) {
        let c = content();
        let def = &c.selfcheck;
        let mut flow = play(def, &actions);
        // From anywhere, "no" to red flags, skipping the rest and going on reaches the summary
        // within one pass.
        for _ in 0..=def.questions.len() * 2 {
            match flow.step() {
                Step::Summary => break,
                Step::Alert(..) => flow.continue_after_alert(def),
                Step::Question(i) if def.questions[i].red_flag.is_some() => {
                    flow.answer(def, Answer::No);
                }
                Step::Question(_) => flow.answer(def, Answer::Skipped),
            }
        }
        prop_assert_eq!(flow.step(), Step::Summary);
    }

    #[test]
    fn yes_or_not_sure_to_a_red_flag_always_alerts_and_skip_never_passes_one(
        actions in actions(120),
    ) {
        let c = content();
        let def = &c.selfcheck;
        let mut flow = CheckFlow::start(def);
        for a in &actions {
            let Step::Question(i) = flow.step() else {
                play_one(def, &mut flow, a);
                continue;
            };
            let before = flow.step();
            play_one(def, &mut flow, a);
            if def.questions[i].red_flag.is_none() {
                continue;
            }
            match flow.answers().get(&def.questions[i].id) {
                Some(Answer::Yes | Answer::NotSure)
                    if matches!(a, Action::Answer(_) | Action::NotSure) =>
                {
                    prop_assert!(
                        matches!(flow.step(), Step::Alert(at, _) if at == i),
                        "{:?} on {} went to {:?}", a, def.questions[i].id, flow.step()
                    );
                }
                _ => {}
            }
            if matches!(a, Action::Skip) {
                prop_assert_eq!(flow.step(), before, "a red flag cannot be skipped");
            }
        }
    }

    #[test]
    fn red_flags_answered_yes_are_at_the_top_and_nothing_unanswered_appears(actions in actions(120)) {
        let c = content();
        let def = &c.selfcheck;
        let flow = play(def, &actions);
        for language in &c.languages {
            let text = &language.selfcheck;
            let summary = Summary::new(def, text, flow.answers(), &|t: &str| c.fill(t));
            let yes: Vec<&str> = def.questions.iter()
                .filter(|q| q.red_flag.is_some() && flow.answers().get(&q.id) == Some(&Answer::Yes))
                .map(|q| text.questions[&q.id].summary.as_str())
                .collect();
            // Each red flag answered yes is a line of the red-flag block, which comes first.
            for line in &yes {
                prop_assert!(summary.red_flags.1.iter().any(|l| l == line), "{line} missing from the top");
            }
            let printed = summary.to_text();
            if !yes.is_empty() {
                let top = printed.find(&summary.red_flags.0).unwrap();
                for (title, _) in &summary.groups {
                    prop_assert!(top < printed.find(title.as_str()).unwrap());
                }
            }
            // A question never answered, or skipped, contributes no line.
            for q in &def.questions {
                let answered = matches!(flow.answers().get(&q.id), Some(a) if *a != Answer::Skipped);
                if !answered {
                    let label = &text.questions[&q.id].summary;
                    let starts = summary.groups.iter().flat_map(|(_, l)| l).map(|l| l.text()).chain(summary.red_flags.1.iter().cloned())
                        .any(|l| l.starts_with(&format!("{label}:")) || l == *label);
                    prop_assert!(!starts, "unanswered {} appears: {label}", q.id);
                }
            }
        }
    }

    #[test]
    fn the_red_flag_block_is_there_exactly_when_a_red_flag_asked_was_answered_yes_or_not_sure(
        actions in actions(120),
    ) {
        let c = content();
        let def = &c.selfcheck;
        let flow = play(def, &actions);
        let answers = flow.answers();
        for language in &c.languages {
            let text = &language.selfcheck;
            let summary = Summary::new(def, text, answers, &|t: &str| c.fill(t));
            // Worked out from the answers alone, not from the summary's code.
            let flagged: Vec<(&str, &Answer)> = def.questions.iter().enumerate()
                .filter(|(i, q)| q.red_flag.is_some() && is_asked(def, answers, *i))
                .filter_map(|(_, q)| match answers.get(&q.id) {
                    Some(a @ (Answer::Yes | Answer::NotSure)) => Some((q.id.as_str(), a)),
                    _ => None,
                })
                .collect();
            let lines = &summary.red_flags.1;
            prop_assert_eq!(lines.len(), flagged.len(), "{}: {:?} for {:?}", language.code, lines, flagged);
            for (id, answer) in &flagged {
                let words = text.questions[*id].summary.as_str();
                let found = if **answer == Answer::Yes {
                    lines.iter().any(|l| l == words)
                } else {
                    // "…: not sure": the question's words, said as doubt, never as a plain yes.
                    lines.iter().any(|l| l.contains(words) && l != words)
                };
                prop_assert!(found, "{}: {} ({:?}) not in the red-flag block {:?}", language.code, id, answer, lines);
            }
            // On the page: the block's heading is the first thing after the title, or nowhere.
            let printed = summary.to_text();
            let heading = summary.red_flags.0.as_str();
            let shown = printed.lines().filter(|l| *l == heading).count();
            if flagged.is_empty() {
                prop_assert_eq!(shown, 0, "{}: a red-flag block with no red flag:\n{}", language.code, printed);
                prop_assert!(!printed.lines().any(|l| l.starts_with("- ") && def.questions.iter()
                    .filter(|q| q.red_flag.is_some())
                    .any(|q| l.contains(text.questions[&q.id].summary.as_str()))),
                    "{}: a red flag reported though none was flagged:\n{}", language.code, printed);
            } else {
                prop_assert_eq!(shown, 1, "{}:\n{}", language.code, printed);
                prop_assert_eq!(printed.lines().nth(2), Some(heading), "{}:\n{}", language.code, printed);
                for (i, line) in lines.iter().enumerate() {
                    let expected = format!("- {line}");
                    prop_assert_eq!(printed.lines().nth(3 + i), Some(expected.as_str()));
                }
            }
        }
    }
}
