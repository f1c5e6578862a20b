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

/// Answers by question id. Never written to disk or logged by the kiosk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename = "Answers")]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    /// The answer to a question, if it was reached.
    pub fn get(&self, question: &str) -> Option<&Answer> {
        self.0.get(question)
    }
}
