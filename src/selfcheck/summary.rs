//! The summary: "Answers to talk about with the vein team". Built from answers and one
//! language's words; red flags on top, then each group, per leg where it matters. No diagnosis,
//! no stage, no score.

use std::fmt::Write as _;

use super::answers::{Answer, Answers, Often, Side};
use super::engine::is_asked;
use super::model::{QuestionKind, SelfCheckDef, SelfCheckText};

/// One line of a summary: a label and, for lists, its items ("Left leg": the symptoms in it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    pub items: Vec<String>,
}

impl Line {
    fn plain(label: String) -> Self {
        Self {
            label,
            items: Vec::new(),
        }
    }

    /// The line as one string: "label" or "label: item; item".
    pub fn text(&self) -> String {
        if self.items.is_empty() {
            self.label.clone()
        } else {
            format!("{}: {}", self.label, self.items.join("; "))
        }
    }
}

/// What the summary shows, as text ready for the screen, a printout or the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    /// Heading of the red-flag block, and its lines (empty when no red flag).
    pub red_flags: (String, Vec<String>),
    /// Each group with something to report: its title and lines.
    pub groups: Vec<(String, Vec<Line>)>,
    /// Said when nothing at all was reported.
    pub nothing: Option<String>,
    pub next_step: String,
    pub not_a_diagnosis: String,
}

impl Summary {
    /// Builds the summary. Only questions that are asked, given the answers, count; skipped
    /// questions appear nowhere; `fill` fills placeholders such as `{emergency_number}`.
    pub fn new(
        def: &SelfCheckDef,
        text: &SelfCheckText,
        answers: &Answers,
        fill: &dyn Fn(&str) -> String,
    ) -> Self {
        let s = &text.summary;
        let words = |id: &str| text.questions.get(id);
        let mut red_flags = Vec::new();
        let mut groups: Vec<(String, Vec<Line>)> = def
            .groups
            .iter()
            .map(|g| {
                (
                    text.groups.get(g).cloned().unwrap_or_else(|| g.clone()),
                    Vec::new(),
                )
            })
            .collect();
        let mut legs: Vec<(usize, Vec<String>, Vec<String>)> = Vec::new();
        for (index, q) in def.questions.iter().enumerate() {
            let (Some(answer), Some(w)) = (answers.get(&q.id), words(&q.id)) else {
                continue;
            };
            if !is_asked(def, answers, index) {
                continue;
            }
            let not_sure = s.not_sure.replace("{what}", &w.summary);
            if q.red_flag.is_some() {
                match answer {
                    Answer::Yes => red_flags.push(w.summary.clone()),
                    Answer::NotSure => red_flags.push(not_sure),
                    _ => {}
                }
                continue;
            }
            let Some(group) = def.groups.iter().position(|g| *g == q.group) else {
                continue;
            };
            if let (Answer::Legs(side, Some(often)), QuestionKind::Legs) = (answer, &q.kind) {
                let item = format!("{} ({})", w.summary, often_word(text, *often));
                let at = legs
                    .iter()
                    .position(|(g, _, _)| *g == group)
                    .unwrap_or_else(|| {
                        legs.push((group, Vec::new(), Vec::new()));
                        legs.len() - 1
                    });
                let (_, left, right) = &mut legs[at];
                if side.left() {
                    left.push(item.clone());
                }
                if side.right() {
                    right.push(item);
                }
                continue;
            }
            let line = group_line(answer, &q.kind, w, not_sure);
            groups[group].1.extend(line);
        }
        for (group, left, right) in legs {
            let mut lines = Vec::new();
            if !left.is_empty() {
                lines.push(Line {
                    label: s.left_leg.clone(),
                    items: left,
                });
            }
            if !right.is_empty() {
                lines.push(Line {
                    label: s.right_leg.clone(),
                    items: right,
                });
            }
            // Per-leg lines lead their group.
            groups[group].1.splice(0..0, lines);
        }
        groups.retain(|(_, lines)| !lines.is_empty());
        let nothing = (groups.is_empty() && red_flags.is_empty()).then(|| s.nothing.clone());
        Self {
            title: s.title.clone(),
            red_flags: (s.red_flags.clone(), red_flags),
            groups,
            nothing,
            next_step: fill(&s.next_step),
            not_a_diagnosis: s.not_a_diagnosis.clone(),
        }
    }

    /// The summary as plain text, exactly the words the screen shows.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}\n", self.title);
        if !self.red_flags.1.is_empty() {
            let _ = writeln!(out, "{}", self.red_flags.0);
            for line in &self.red_flags.1 {
                let _ = writeln!(out, "- {line}");
            }
            out.push('\n');
        }
        for (title, lines) in &self.groups {
            let _ = writeln!(out, "{title}");
            for line in lines {
                let _ = writeln!(out, "- {}", line.text());
            }
            out.push('\n');
        }
        if let Some(nothing) = &self.nothing {
            let _ = writeln!(out, "{nothing}\n");
        }
        let _ = writeln!(out, "{}\n\n{}", self.next_step, self.not_a_diagnosis);
        out
    }
}

/// The summary line of a non-legs answer, if it reports anything.
fn group_line(
    answer: &Answer,
    kind: &QuestionKind,
    w: &super::model::QuestionText,
    not_sure: String,
) -> Option<Line> {
    match (answer, kind) {
        (Answer::Yes, QuestionKind::YesNo) => Some(Line::plain(w.summary.clone())),
        (Answer::NotSure, _) => Some(Line::plain(not_sure)),
        (Answer::Chose(chosen), QuestionKind::One(options) | QuestionKind::Many(options))
            if !chosen.is_empty() =>
        {
            let items = options
                .iter()
                .filter(|o| chosen.contains(&o.id))
                .map(|o| {
                    w.options
                        .get(&o.id)
                        .cloned()
                        .unwrap_or_else(|| o.id.clone())
                })
                .collect();
            Some(Line {
                label: w.summary.clone(),
                items,
            })
        }
        _ => None,
    }
}

fn often_word(text: &SelfCheckText, often: Often) -> &str {
    match often {
        Often::Sometimes => &text.ui.sometimes,
        Often::Often => &text.ui.often,
        Often::MostDays => &text.ui.most_days,
    }
}

/// The word for a side, for the legs question's buttons.
pub fn side_word(text: &SelfCheckText, side: Side) -> &str {
    match side {
        Side::Left => &text.ui.left,
        Side::Right => &text.ui.right,
        Side::Both => &text.ui.both,
        Side::Neither => &text.ui.neither,
    }
}

/// The word for a frequency, for the legs question's buttons.
pub fn often_label(text: &SelfCheckText, often: Often) -> &str {
    often_word(text, often)
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::content::Content;

    fn legs(side: Side, often: Often) -> Answer {
        Answer::Legs(side, Some(often))
    }

    #[test]
    fn a_symptom_is_listed_under_each_leg_it_is_in_and_no_other() {
        let c = Content::built_in().expect("built-in content");
        let text = &c.language("en").selfcheck;
        let mut answers = Answers::default();
        answers
            .0
            .insert("ache".into(), legs(Side::Left, Often::Often));
        answers
            .0
            .insert("swelling".into(), legs(Side::Right, Often::MostDays));
        answers
            .0
            .insert("cramps".into(), legs(Side::Both, Often::Sometimes));
        let summary = Summary::new(&c.selfcheck, text, &answers, &|s| s.to_owned());
        let line = |label: &str| -> Vec<String> {
            summary
                .groups
                .iter()
                .flat_map(|(_, lines)| lines)
                .find(|l| l.label == label)
                .map(|l| l.items.clone())
                .unwrap_or_default()
        };
        let said = |id: &str| text.questions[id].summary.clone();
        let left = line(&text.summary.left_leg);
        let right = line(&text.summary.right_leg);
        let has = |items: &[String], id: &str| items.iter().any(|i| i.starts_with(&said(id)));
        assert!(
            has(&left, "ache") && !has(&right, "ache"),
            "{left:?} / {right:?}"
        );
        assert!(
            has(&right, "swelling") && !has(&left, "swelling"),
            "{left:?} / {right:?}"
        );
        assert!(
            has(&left, "cramps") && has(&right, "cramps"),
            "{left:?} / {right:?}"
        );
    }

    #[test]
    fn not_sure_is_reported_in_its_group_and_yes_or_no_as_asked() {
        let c = Content::built_in().expect("built-in content");
        let text = &c.language("en").selfcheck;
        let lines = |answers: &Answers| -> Vec<String> {
            let summary = Summary::new(&c.selfcheck, text, answers, &|s| s.to_owned());
            let mut all: Vec<String> = summary.red_flags.1.clone();
            all.extend(
                summary
                    .groups
                    .iter()
                    .flat_map(|(_, l)| l.iter().map(Line::text)),
            );
            all
        };
        let said = &text.questions["better-raised"].summary;
        let not_sure = text.summary.not_sure.replace("{what}", said);
        for (answer, expected) in [
            (Answer::NotSure, vec![not_sure.clone()]),
            (Answer::Yes, vec![said.clone()]),
            (Answer::No, vec![]),
            (Answer::Skipped, vec![]),
        ] {
            // Asked only when a leg aches, swells or throbs.
            let mut answers = Answers::default();
            answers
                .0
                .insert("ache".into(), legs(Side::Left, Often::Often));
            answers.0.insert("better-raised".into(), answer.clone());
            let about: Vec<String> = lines(&answers)
                .into_iter()
                .filter(|l| l.starts_with(said.as_str()))
                .collect();
            assert_eq!(about, expected, "{answer:?}");
        }
    }
}
