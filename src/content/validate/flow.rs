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
    for (i, part) in flow.leaflet.iter().enumerate() {
        match flow.screens.iter().find(|s| s.id == part.screen) {
            None => p.at_path(
                &["leaflet:", &format!("\"{}\"", part.screen)],
                format!("leaflet[{i}].screen"),
                format!("no screen has the id \"{}\"", part.screen),
            ),
            Some(screen) if screen.kind != ScreenKind::Info => p.at_path(
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

/// Why a picture cannot be shown, if it cannot.
fn missing_picture(source: &ContentSource, name: &str) -> Option<String> {
    // A clinic's own picture that is there but cannot be read (a symlink loop, no permission)
    // must be reported, not quietly replaced by the built-in one.
    if let ContentSource::Folder(dir) = source {
        let path = dir.join("illustrations").join(name);
        if std::fs::symlink_metadata(&path).is_ok()
            && let Err(e) = std::fs::read(&path)
        {
            return Some(format!("picture \"{name}\" cannot be read: {e}"));
        }
    }
    match source.illustration(name) {
        None => Some(format!(
            "picture \"{name}\" was not found in illustrations/"
        )),
        Some(bytes) => check_picture(name, &bytes).err(),
    }
}

/// The largest picture file the kiosk takes, and the largest side, in pixels, it draws.
const MAX_PICTURE_BYTES: usize = 4 * 1024 * 1024;
const MAX_PICTURE_SIDE: f32 = 8192.0;

/// Whether picture bytes are a picture the kiosk can show: parsed as the app will draw it
/// (SVG with resvg, as egui_extras does; PNG with image), within limits of size.
fn check_picture(name: &str, bytes: &[u8]) -> Result<(), String> {
    if bytes.len() > MAX_PICTURE_BYTES {
        return Err(format!(
            "picture \"{name}\" is {} KB; the most a picture may be is {} KB",
            bytes.len() / 1024,
            MAX_PICTURE_BYTES / 1024
        ));
    }
    let lower = name.to_ascii_lowercase();
    let (width, height) = if lower.ends_with(".svg") {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| format!("picture \"{name}\" is not a text SVG file"))?;
        // Entities have no use in a picture and are how an SVG makes itself huge.
        if text.contains("<!ENTITY") {
            return Err(format!(
                "picture \"{name}\" declares XML entities, which are not allowed"
            ));
        }
        let tree = resvg::usvg::Tree::from_data(bytes, &resvg::usvg::Options::default())
            .map_err(|e| format!("picture \"{name}\" is not an SVG the kiosk can draw: {e}"))?;
        (tree.size().width(), tree.size().height())
    } else if lower.ends_with(".png") {
        let size = image::ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| format!("picture \"{name}\" cannot be read: {e}"))?
            .into_dimensions()
            .map_err(|e| format!("picture \"{name}\" cannot be read: {e}"))?;
        #[allow(clippy::cast_precision_loss)]
        let (w, h) = (size.0 as f32, size.1 as f32);
        if w <= MAX_PICTURE_SIDE && h <= MAX_PICTURE_SIDE {
            image::load_from_memory(bytes)
                .map_err(|e| format!("picture \"{name}\" cannot be read: {e}"))?;
        }
        (w, h)
    } else {
        return Err(format!("picture \"{name}\" must be an .svg or .png file"));
    };
    if width > MAX_PICTURE_SIDE || height > MAX_PICTURE_SIDE {
        return Err(format!(
            "picture \"{name}\" is {width:.0}x{height:.0}; the most a side may be is {MAX_PICTURE_SIDE:.0}"
        ));
    }
    Ok(())
}
