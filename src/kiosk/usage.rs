//! Anonymous usage counters for staff: counts only, never answers, kept in memory.

use std::collections::BTreeMap;

/// How the kiosk has been used since it started.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// Sessions started, by the language they ended in.
    pub sessions: BTreeMap<String, u32>,
    /// How many sessions reached each screen, by (screen id, language).
    pub screens: BTreeMap<(String, String), u32>,
    /// Self-checks finished, by language.
    pub checks_finished: BTreeMap<String, u32>,
}

impl Usage {
    /// Total sessions started.
    pub fn total_sessions(&self) -> u32 {
        self.sessions.values().sum()
    }
}
