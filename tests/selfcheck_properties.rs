//! Properties of the self-check engine and summary, for any sequence of answers, back-steps and
//! skips: the flow ends; red flags answered yes are at the top; nothing unanswered appears as
//! answered; the same answers always give the same summary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use vein_kiosk::content::Content;
use vein_kiosk::selfcheck::{
    Answer, CheckFlow, Often, QuestionKind, SelfCheckDef, Side, Step, Summary,
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

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => (0usize..64).prop_map(Action::Answer),
        1 => Just(Action::NotSure),
        1 => Just(Action::Skip),
        2 => Just(Action::Back),
        2 => Just(Action::Continue),
    ]
}

/// Every answer a question takes (besides not sure and skip).
fn possible(def: &SelfCheckDef, index: usize) -> Vec<Answer> {
    match &def.questions[index].kind {
        QuestionKind::YesNo => vec![Answer::Yes, Answer::No],
        QuestionKind::Legs => {
            let mut all = vec![Answer::Legs(Side::Neither, None)];
            for side in [Side::Left, Side::Right, Side::Both] {
                for often in [Often::Sometimes, Often::Often, Often::MostDays] {
                    all.push(Answer::Legs(side, Some(often)));
                }
            }
            all
        }
        QuestionKind::One(options) => options
            .iter()
            .map(|o| Answer::Chose([o.id.clone()].into()))
            .collect(),
        QuestionKind::Many(options) => (0..(1u32 << options.len().min(6)))
            .map(|mask| {
                Answer::Chose(
                    options
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .map(|(_, o)| o.id.clone())
                        .collect(),
                )
            })
            .collect(),
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
    {
        match (a, flow.step()) {
            (Action::Answer(n), Step::Question(i)) => {
                let all = possible(def, i);
                flow.answer(def, all[n % all.len()].clone());
            }
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
}

fn content() -> Content {
    Content::built_in().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_flow_always_ends(actions in prop::collection::vec(action(), 0..120)) {
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
        actions in prop::collection::vec(action(), 0..120),
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
    fn red_flags_answered_yes_are_at_the_top_and_nothing_unanswered_appears(actions in prop::collection::vec(action(), 0..120)) {
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
    fn the_same_answers_always_give_the_same_summary(actions in prop::collection::vec(action(), 0..80)) {
        let c = content();
        let def = &c.selfcheck;
        let a = play(def, &actions);
        let b = play(def, &actions);
        prop_assert_eq!(a.answers(), b.answers());
        let text = &c.default_language().selfcheck;
        let fill = |t: &str| c.fill(t);
        prop_assert_eq!(Summary::new(def, text, a.answers(), &fill), Summary::new(def, text, b.answers(), &fill));
        // Answers given to the summary from a file are summarised the same way.
        let resumed = CheckFlow::finished_with(a.answers().clone());
        prop_assert_eq!(Summary::new(def, text, resumed.answers(), &fill).to_text(), Summary::new(def, text, a.answers(), &fill).to_text());
    }
}
