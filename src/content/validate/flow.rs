//! The flow: screens, sections, sources, cards and pictures (each picture parsed as it will be
//! drawn).

use std::collections::BTreeSet;

use crate::content::limits::{
    MAX_CARDS_PER_SCREEN, MAX_GALLERY_PER_SCREEN, MAX_SCREENS, MAX_STRINGS_PER_SCREEN,
};
use crate::content::model::Flow;
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
    if !flow.screens.first().is_some_and(|s| s.kind.is_welcome()) {
        p.at_path(
            &["screens"],
            "screens[0].kind",
            "the first screen must be the Welcome screen",
        );
    }
    if flow.screens.len() > MAX_SCREENS {
        p.at_path(
            &["screens"],
            "screens",
            format!(
                "has {} screens; the most the kiosk takes is {MAX_SCREENS}",
                flow.screens.len()
            ),
        );
    }
    let sources: BTreeSet<&str> = flow.sources.iter().map(|s| s.id.as_str()).collect();
    let mut ids = BTreeSet::new();
    let mut last_section: Option<usize> = None;
    // Past the limit, screens are not looked at one by one (nor their pictures read).
    for (i, screen) in flow.screens.iter().enumerate().take(MAX_SCREENS) {
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
    for (i, part) in flow.leaflet.iter().enumerate() {
        match flow.screens.iter().find(|s| s.id == part.screen) {
            None => p.at_path(
                &["leaflet:", &format!("\"{}\"", part.screen)],
                format!("leaflet[{i}].screen"),
                format!("no screen has the id \"{}\"", part.screen),
            ),
            Some(screen) if !screen.kind.fits_leaflet() => p.at_path(
                &["leaflet:", &format!("\"{}\"", part.screen)],
                format!("leaflet[{i}].screen"),
                format!(
                    "\"{}\" is a {:?} screen; the leaflet takes only Info screens",
                    part.screen, screen.kind
                ),
            ),
            Some(_) => {}
        }
    }
    if flow.leaflet.is_empty()
        && let Some(i) = flow.screens.iter().position(|s| s.offer_leaflet)
    {
        let at = screen_anchor(flow, i, p);
        p.at(
            at,
            format!("screens[{i}].offer_leaflet"),
            "offers the leaflet, but flow.ron's leaflet names no parts",
        );
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
    let bullet_pictures = screen.bullet_pictures.values().flatten().count();
    for (name, count, most) in [
        ("cards", screen.cards.len(), MAX_CARDS_PER_SCREEN),
        (
            "card_pictures",
            screen.card_pictures.len(),
            MAX_CARDS_PER_SCREEN,
        ),
        ("gallery", screen.gallery.len(), MAX_GALLERY_PER_SCREEN),
        ("bullet_pictures", bullet_pictures, MAX_STRINGS_PER_SCREEN),
    ] {
        if count > most {
            let o = off(p, &format!("{name}:"));
            p.at(
                o,
                field(name),
                format!("has {count} items; the most one screen may have is {most}"),
            );
            // Its pictures are not read one by one.
            return;
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
    if let Some(why) = missing_picture(source, &screen.illustration) {
        let o = off(p, "illustration:");
        p.at(o, field("illustration"), why);
    }
}

/// Why a picture cannot be shown, if it cannot: missing, unreadable, or outside the limits
/// (the same check the loader makes, and a PNG decoded whole).
pub(super) fn missing_picture(source: &ContentSource, name: &str) -> Option<String> {
    match source.picture(name, true) {
        Ok(Some(_)) => None,
        Ok(None) => Some(crate::content::limits::PictureError::Missing(name.into()).to_string()),
        Err(why) => Some(why.to_string()),
    }
}
