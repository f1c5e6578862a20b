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

    /// What was counted after `earlier` (an older copy of these counts): each count less its
    /// earlier value, those that did not grow left out.
    #[must_use]
    pub fn since(&self, earlier: &Self) -> Self {
        fn less<K: Ord + Clone>(
            now: &BTreeMap<K, u32>,
            then: &BTreeMap<K, u32>,
        ) -> BTreeMap<K, u32> {
            now.iter()
                .filter_map(|(k, n)| {
                    let grown = n.saturating_sub(then.get(k).copied().unwrap_or(0));
                    (grown > 0).then(|| (k.clone(), grown))
                })
                .collect()
        }
        Self {
            sessions: less(&self.sessions, &earlier.sessions),
            screens: less(&self.screens, &earlier.screens),
            checks_finished: less(&self.checks_finished, &earlier.checks_finished),
        }
    }
}
