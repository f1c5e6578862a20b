//! The flow: screens, sections, sources, cards and pictures (each picture parsed as it will be
//! drawn).

use std::collections::BTreeSet;

use crate::content::model::{Flow, ScreenKind};
use crate::content::{ContentSource, FileProblems};

pub(super) fn check_flow(flow: &Flow, source: &ContentSource, p: &mut FileProblems<'_>) {
    let mut seen = BTreeSet::new();
    for (i, section) in flow.sections.iter().enumerate() {
        if !seen.insert(section) {
            p.at_path(
                &["sections", &format!("\"{section}\"")],
                format!("sections[{i}]"),
                format!("section \"{section}\" is listed twice"),
            );
        }
    }
    if flow.screens.first().map(|s| s.kind) != Some(ScreenKind::Welcome) {
        p.at_path(
            &["screens"],
            "screens[0].kind",
            "the first screen must be the Welcome screen",
        );
    }
    let sources: BTreeSet<&str> = flow.sources.iter().map(|s| s.id.as_str()).collect();
    let mut ids = BTreeSet::new();
    let mut last_section: Option<usize> = None;
    for (i, screen) in flow.screens.iter().enumerate() {
        if !ids.insert(screen.id.as_str()) {
            let at = screen_anchor(flow, i, p);
            p.at(
                at,
                format!("screens[{i}].id"),
                format!("screen id \"{}\" is used twice", screen.id),
            );
        }
        check_screen(flow, i, &sources, &mut last_section, source, p);
    }
    for section in &flow.sections {
        if !flow.screens.iter().any(|s| &s.section == section) {
            p.at_path(
                &["sections", &format!("\"{section}\"")],
                "sections",
                format!("section \"{section}\" has no screens"),
            );
        }
    }
    let mut cites = BTreeSet::new();
    for (i, s) in flow.sources.iter().enumerate() {
        if !cites.insert(&s.id) {
            p.at_path(
                &[
                    "sources:",
                    &format!("id: \"{}\"", s.id),
                    &format!("id: \"{}\"", s.id),
                ],
                format!("sources[{i}].id"),
                format!("source id \"{}\" is used twice", s.id),
            );
        }
    }
}

/// Where the `i`th screen's definition starts in flow.ron (the right one even when ids repeat).
fn screen_anchor(flow: &Flow, i: usize, p: &FileProblems<'_>) -> usize {
    let id = &flow.screens[i].id;
    let nth = flow.screens[..i].iter().filter(|s| s.id == *id).count();
    p.locator()
        .find_nth(0, &format!("id: \"{id}\""), nth)
        .unwrap_or(0)
}

/// Checks one screen of the flow: its section, sources, cards and picture.
fn check_screen(
    flow: &Flow,
    i: usize,
    sources: &BTreeSet<&str>,
    last_section: &mut Option<usize>,
    source: &ContentSource,
    p: &mut FileProblems<'_>,
) {
    let screen = &flow.screens[i];
    let at = screen_anchor(flow, i, p);
    let field = |name: &str| format!("screens[{i}].{name}");
    let off = |p: &FileProblems<'_>, needle: &str| p.locator().find(at, needle).unwrap_or(at);
    match flow.sections.iter().position(|s| *s == screen.section) {
        None => {
            let o = off(p, "section:");
            p.at(
                o,
                field("section"),
                format!("\"{}\" is not in the sections list", screen.section),
            );
        }
        Some(s) if last_section.is_some_and(|last| s < last) => {
            let o = off(p, "section:");
            p.at(
                o,
                field("section"),
                "screens of a section must come together, in the order of the sections list",
            );
        }
        Some(s) => *last_section = Some(s),
    }
    for cite in &screen.sources {
        if !sources.contains(cite.as_str()) {
            let o = off(p, &format!("\"{cite}\""));
            p.at(
                o,
                field("sources"),
                format!("no source has the id \"{cite}\""),
            );
        }
    }
    let mut cards = BTreeSet::new();
    for card in &screen.cards {
        if !cards.insert(card) {
            let o = off(p, "cards:");
            p.at(
                o,
                field("cards"),
                format!("card \"{card}\" is listed twice"),
            );
        }
    }
    for (card, picture) in &screen.card_pictures {
        let o = off(p, "card_pictures:");
        if !screen.cards.contains(card) {
            p.at(
                o,
                field("card_pictures"),
                format!("\"{card}\" is not one of this screen's cards"),
            );
        }
        if let Some(why) = missing_picture(source, picture) {
            p.at(o, field("card_pictures"), why);
        }
    }
    let extra = screen
        .bullet_pictures
        .values()
        .flatten()
        .flatten()
        .map(|pic| ("bullet_pictures", pic));
    for (name, picture) in extra.chain(screen.gallery.iter().map(|pic| ("gallery", pic))) {
        if let Some(why) = missing_picture(source, picture) {
            let o = off(p, &format!("{name}:"));
            p.at(o, field(name), why);
        }
    }
    let problem = match source.illustration(&screen.illustration) {
        None => Some(format!(
            "picture \"{}\" was not found in illustrations/",
            screen.illustration
        )),
        Some(bytes) => check_picture(&screen.illustration, &bytes).err(),
    };
    if let Some(why) = problem {
        let o = off(p, "illustration:");
        p.at(o, field("illustration"), why);
    }
}

/// Why a picture cannot be shown, if it cannot.
fn missing_picture(source: &ContentSource, name: &str) -> Option<String> {
    match source.illustration(name) {
        None => Some(format!(
            "picture \"{name}\" was not found in illustrations/"
        )),
        Some(bytes) => check_picture(name, &bytes).err(),
    }
}

/// Whether picture bytes look like a picture the kiosk can show.
fn check_picture(name: &str, bytes: &[u8]) -> Result<(), String> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".svg") {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| format!("picture \"{name}\" is not a text SVG file"))?;
        if !text.contains("<svg") {
            return Err(format!("picture \"{name}\" is not an SVG file"));
        }
        Ok(())
    } else if lower.ends_with(".png") {
        image::load_from_memory(bytes)
            .map(|_| ())
            .map_err(|e| format!("picture \"{name}\" cannot be read: {e}"))
    } else {
        Err(format!("picture \"{name}\" must be an .svg or .png file"))
    }
}
