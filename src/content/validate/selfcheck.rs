//! Checks of the self-check definition and of each language's words for it.

use std::collections::BTreeSet;

use crate::content::{ContentSource, FileProblems};
use crate::selfcheck::{Condition, QuestionKind, SelfCheckDef, SelfCheckText};

/// Checks `selfcheck.ron`: unique ids, red flags first, groups, pictures, and branching that names
/// only earlier questions and real options (so it has no cycles) and leaves nothing unreachable.
pub(super) fn definition(def: &SelfCheckDef, source: &ContentSource, p: &mut FileProblems<'_>) {
    use crate::content::limits::{MAX_OPTIONS_PER_QUESTION, MAX_QUESTIONS};
    if def.questions.len() > MAX_QUESTIONS {
        p.at_path(
            &["questions"],
            "questions",
            format!(
                "has {} questions; the most the self-check takes is {MAX_QUESTIONS}",
                def.questions.len()
            ),
        );
        // Not looked at one by one (nor their pictures read).
        return;
    }
    let mut ids = BTreeSet::new();
    let mut seen_plain = false;
    for (i, q) in def.questions.iter().enumerate() {
        let nth = def.questions[..i].iter().filter(|o| o.id == q.id).count();
        let at = p
            .locator()
            .find_nth(0, &format!("id: \"{}\"", q.id), nth)
            .unwrap_or(0);
        let field = |name: &str| format!("questions[{i}].{name}");
        if !ids.insert(q.id.as_str()) {
            p.at(
                at,
                field("id"),
                format!("question id \"{}\" is used twice", q.id),
            );
        }
        match q.red_flag {
            Some(_) if seen_plain => p.at(
                at,
                field("red_flag"),
                "red-flag questions must come before all others",
            ),
            Some(_) if q.kind != QuestionKind::YesNo => {
                p.at(at, field("kind"), "a red-flag question must be YesNo")
            }
            Some(_) => {}
            None => {
                seen_plain = true;
                if !def.groups.contains(&q.group) {
                    let off = p.locator().find(at, "group:").unwrap_or(at);
                    p.at(
                        off,
                        field("group"),
                        format!("\"{}\" is not in the groups list", q.group),
                    );
                }
            }
        }
        if q.kind.options().len() > MAX_OPTIONS_PER_QUESTION {
            p.at(
                at,
                field("kind"),
                format!(
                    "offers {} answers; the most a question may offer is {MAX_OPTIONS_PER_QUESTION}",
                    q.kind.options().len()
                ),
            );
            continue;
        }
        let mut options = BTreeSet::new();
        for option in q.kind.options() {
            let off = p
                .locator()
                .find(at, &format!("\"{}\"", option.id))
                .unwrap_or(at);
            if !options.insert(&option.id) {
                p.at(
                    off,
                    field("kind"),
                    format!("option \"{}\" is listed twice", option.id),
                );
            }
            if let Some(picture) = &option.picture
                && let Some(why) = super::flow::missing_picture(source, picture)
            {
                p.at(off, field("kind"), why);
            }
        }
        if let Some(condition) = &q.ask_if {
            let off = p.locator().find(at, "ask_if:").unwrap_or(at);
            for why in condition_problems(def, condition, i) {
                p.at(off, field("ask_if"), why);
            }
        }
    }
    for index in unreachable(def) {
        let q = &def.questions[index];
        p.at_path(
            &[&format!("id: \"{}\"", q.id)],
            format!("questions[{index}].ask_if"),
            "this question can never be asked: its condition can never hold",
        );
    }
}

/// What is wrong with a condition on the question at `index`.
fn condition_problems(def: &SelfCheckDef, condition: &Condition, index: usize) -> Vec<String> {
    let mut out = Vec::new();
    let find = |id: &str| def.questions.iter().position(|q| q.id == id);
    let leaf = |id: &str, out: &mut Vec<String>| -> Option<usize> {
        match find(id) {
            None => {
                out.push(format!("names unknown question \"{id}\""));
                None
            }
            Some(j) if j >= index => {
                out.push(format!("names question \"{id}\", which is not asked before this one (a cycle or a forward reference)"));
                None
            }
            Some(j) => Some(j),
        }
    };
    match condition {
        Condition::Yes(q) => {
            if let Some(j) = leaf(q, &mut out)
                && def.questions[j].kind != QuestionKind::YesNo
            {
                out.push(format!("Yes(\"{q}\") needs a YesNo question"));
            }
        }
        Condition::AnyLeg(q) => {
            if let Some(j) = leaf(q, &mut out)
                && def.questions[j].kind != QuestionKind::Legs
            {
                out.push(format!("AnyLeg(\"{q}\") needs a Legs question"));
            }
        }
        Condition::Chose(q, option) => {
            if let Some(j) = leaf(q, &mut out)
                && !def.questions[j]
                    .kind
                    .options()
                    .iter()
                    .any(|o| &o.id == option)
            {
                out.push(format!(
                    "names unknown answer \"{option}\" of question \"{q}\""
                ));
            }
        }
        Condition::Any(all) => {
            for c in all {
                out.extend(condition_problems(def, c, index));
            }
        }
    }
    out
}

/// Questions whose condition can never hold: it only names questions that can never be asked.
fn unreachable(def: &SelfCheckDef) -> Vec<usize> {
    let mut reachable = vec![false; def.questions.len()];
    for (i, q) in def.questions.iter().enumerate() {
        reachable[i] = match &q.ask_if {
            None => true,
            Some(c) => can_hold(def, c, &reachable, i),
        };
    }
    // Conditions that are themselves broken are reported as such, not again as unreachable.
    (0..def.questions.len())
        .filter(|&i| !reachable[i])
        .filter(|&i| {
            def.questions[i]
                .ask_if
                .as_ref()
                .is_some_and(|c| condition_problems(def, c, i).is_empty())
        })
        .collect()
}

fn can_hold(def: &SelfCheckDef, c: &Condition, reachable: &[bool], index: usize) -> bool {
    let ok = |id: &str| {
        def.questions[..index]
            .iter()
            .position(|q| q.id == id)
            .is_some_and(|j| reachable[j])
    };
    match c {
        Condition::Yes(q) | Condition::AnyLeg(q) | Condition::Chose(q, _) => ok(q),
        Condition::Any(all) => all.iter().any(|c| can_hold(def, c, reachable, index)),
    }
}

/// Checks one language's self-check words against the definition: every question, option, group
/// and alert has text, and there is none for things that do not exist.
pub(super) fn language(def: &SelfCheckDef, text: &SelfCheckText, p: &mut FileProblems<'_>) {
    let base = ["selfcheck:"];
    for q in &def.questions {
        let Some(words) = text.questions.get(&q.id) else {
            p.at_path(
                &[base[0], "questions:"],
                format!("selfcheck.questions.\"{}\"", q.id),
                "missing text for this question",
            );
            continue;
        };
        for option in q.kind.options() {
            if !words.options.contains_key(&option.id) {
                p.at_path(
                    &[base[0], "questions:", &format!("\"{}\":", q.id)],
                    format!("selfcheck.questions.\"{}\".options.\"{}\"", q.id, option.id),
                    "missing text for this answer",
                );
            }
        }
        for key in words.options.keys() {
            if !q.kind.options().iter().any(|o| &o.id == key) {
                p.at_path(
                    &[
                        base[0],
                        "questions:",
                        &format!("\"{}\":", q.id),
                        &format!("\"{key}\""),
                    ],
                    format!("selfcheck.questions.\"{}\".options.\"{key}\"", q.id),
                    "the question has no such answer",
                );
            }
        }
        if let Some(flag) = q.red_flag
            && !text.alerts.contains_key(&flag)
        {
            p.at_path(
                &[base[0], "alerts:"],
                format!("selfcheck.alerts.{flag:?}"),
                "missing alert text for this kind of red flag",
            );
        }
    }
    for key in text.questions.keys() {
        if !def.questions.iter().any(|q| &q.id == key) {
            p.at_path(
                &[base[0], "questions:", &format!("\"{key}\":")],
                format!("selfcheck.questions.\"{key}\""),
                "no question has this id in selfcheck.ron",
            );
        }
    }
    for group in &def.groups {
        if !text.groups.contains_key(group) {
            p.at_path(
                &[base[0], "groups:"],
                format!("selfcheck.groups.\"{group}\""),
                "missing group title",
            );
        }
    }
}
