//! What issue 19 pictured for patients who read little: risks as 100 dots beside their numbers
//! on "Your choices side by side", and a caption under the animated valve that says what it shows
//! in each mode. Driven as a person would, in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{content, rendered_app, tap};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use vein_kiosk::command::Visit;
use vein_kiosk::content::{Block, Chance, Content};

/// The `Chances` of the screen `id` in `lang`.
fn chances<'c>(c: &'c Content, lang: &str, id: &str) -> &'c [Chance] {
    c.language(lang).screens[id]
        .body
        .iter()
        .find_map(|b| match b {
            Block::Chances(chances) => Some(chances.as_slice()),
            _ => None,
        })
        .expect("the screen shows chances as pictures")
}

#[test]
fn risks_show_as_100_dots_with_the_same_number_in_words() {
    let c = content();
    let id = "compare-options";
    let screen = c.screen_index(id).unwrap();
    let mut results = egui_kittest::SnapshotResults::new();
    for (lang, size, name) in [
        ("en", (1920.0, 1080.0), "1920x1080"),
        ("es", (1080.0, 1920.0), "portrait"),
        ("en", (1366.0, 768.0), "laptop"),
    ] {
        let shown = chances(&c, lang, id);
        assert!(shown.len() >= 4, "{lang}: the main risks are pictured");
        let mut h = rendered_app(size);
        h.state_mut().apply(Visit::SetLanguage(lang.into()));
        h.state_mut().apply(Visit::GoTo(screen));
        h.run();
        // Every picture is a list item a screen reader reads by its words, and the words give
        // the picture's own number out of 100.
        for chance in shown {
            let words = c.fill(&chance.text);
            assert!(
                h.query_by_role_and_label(Role::ListItem, &words).is_some(),
                "{lang}: {words:?} is a list item"
            );
            assert!(
                words.contains(&format!("{} ", chance.count)) && words.contains("100"),
                "{lang}: {words:?} says {} in 100",
                chance.count
            );
            // The dots themselves: `ui::chances`'s unit test counts them, the snapshots show them.
        }
        let first = c.fill(&shown[0].text);
        h.get_by_role_and_label(Role::ListItem, &first)
            .scroll_to_me();
        h.run();
        results.add(h.try_snapshot(format!("chances-{name}-{lang}")));
    }
    // The same numbers in both languages (`check` refuses content where they differ).
    let counts = |lang| {
        chances(&c, lang, id)
            .iter()
            .map(|c| c.count)
            .collect::<Vec<_>>()
    };
    assert_eq!(counts("en"), counts("es"));
    results.unwrap();
}

#[test]
fn the_valve_says_in_words_what_it_shows_in_each_mode() {
    let c = content();
    for lang in ["en", "es"] {
        let words = c.language(lang).ui.clone();
        // The kiosk's screen. On a short laptop window the scene is small and the caption gives
        // way to it (the words beside say the same); `layout::` checks it never overlaps there.
        let mut h = rendered_app((1920.0, 1080.0));
        h.state_mut().apply(Visit::SetLanguage(lang.into()));
        h.state_mut()
            .apply(Visit::GoTo(c.screen_index("healthy-veins").unwrap()));
        h.run();
        assert!(h.query_by_label(&words.valve_caption_healthy).is_some());
        assert!(h.query_by_label(&words.valve_caption_weak).is_none());
        tap(&mut h, &words.valve_weak);
        assert!(
            h.query_by_label(&words.valve_caption_weak).is_some(),
            "{lang}: Weak valves changes the caption"
        );
        assert!(h.query_by_label(&words.valve_caption_healthy).is_none());
        // The caption sits between the picture and its buttons, clear of both.
        let caption = h.get_by_label(&words.valve_caption_weak).rect();
        let button = h
            .get_by_role_and_label(Role::Button, &words.valve_weak)
            .rect();
        assert!(
            caption.max.y <= button.min.y,
            "{lang}: {caption:?} above {button:?}"
        );
        tap(&mut h, &words.valve_healthy);
        assert!(h.query_by_label(&words.valve_caption_healthy).is_some());
    }
}
