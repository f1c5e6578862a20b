//! What a person answered: ids only, in memory only.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// Which legs a symptom is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Side {
    Left,
    Right,
    Both,
    Neither,
}

impl Side {
    /// Whether the symptom is in the left leg.
    pub fn left(self) -> bool {
        matches!(self, Self::Left | Self::Both)
    }

    /// Whether the symptom is in the right leg.
    pub fn right(self) -> bool {
        matches!(self, Self::Right | Self::Both)
    }
}

/// How often, in the last 4 weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Often {
    Sometimes,
    Often,
    MostDays,
}

/// One answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Answer {
    Yes,
    No,
    /// A legs question; `often` is `None` only with `Side::Neither`.
    Legs(Side, Option<Often>),
    /// Options chosen in a `One` (exactly one) or `Many` (any number; none means "none of these")
    /// question.
    Chose(BTreeSet<String>),
    NotSure,
    /// Passed over; shown nowhere as an answer.
    Skipped,
}

/// Answers by question id. Never written to disk or logged by the kiosk. Read from a file, a
/// question answered twice is refused (the last answer would silently win and could hide a
/// red flag).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename = "Answers")]
pub struct Answers(pub BTreeMap<String, Answer>);

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Outer;
        struct Map;
        impl<'de> serde::de::Visitor<'de> for Outer {
            type Value = Answers;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("Answers({ \"question\": answer, ... })")
            }
            fn visit_newtype_struct<D: serde::Deserializer<'de>>(
                self,
                inner: D,
            ) -> Result<Answers, D::Error> {
                inner.deserialize_map(Map).map(Answers)
            }
        }
        impl<'de> serde::de::Visitor<'de> for Map {
            type Value = BTreeMap<String, Answer>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of question ids to answers")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((id, answer)) = map.next_entry::<String, Answer>()? {
                    if out.contains_key(&id) {
                        return Err(serde::de::Error::custom(format!(
                            "\"{id}\" is answered twice"
                        )));
                    }
                    out.insert(id, answer);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_newtype_struct("Answers", Outer)
    }
}

impl Answers {
    /// The answer to a question, if it was reached.
    pub fn get(&self, question: &str) -> Option<&Answer> {
        self.0.get(question)
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_answers_file_reads_back_what_was_written() {
        let mut answers = Answers::default();
        answers
            .0
            .insert("ache".into(), Answer::Legs(Side::Left, Some(Often::Often)));
        answers.0.insert("smoke".into(), Answer::No);
        let text = ron::to_string(&answers).unwrap();
        let back: Answers = ron::from_str(&text).unwrap();
        assert_eq!(back, answers);
        assert_eq!(back.get("smoke"), Some(&Answer::No));
        assert_eq!(back.get("weight"), None);
    }

    #[test]
    fn a_question_answered_twice_is_refused() {
        let twice = r#"Answers({"smoke": No, "smoke": Yes})"#;
        let why = ron::from_str::<Answers>(twice).unwrap_err().to_string();
        assert!(why.contains("\"smoke\" is answered twice"), "{why}");
    }

    #[test]
    fn each_side_says_which_legs_it_is_in() {
        let legs = |s: Side| (s.left(), s.right());
        assert_eq!(legs(Side::Left), (true, false));
        assert_eq!(legs(Side::Right), (false, true));
        assert_eq!(legs(Side::Both), (true, true));
        assert_eq!(legs(Side::Neither), (false, false));
    }
}
