//! A language file against the flow: its code, every section, screen, card and gallery caption,
//! and the same blocks and bullets as the default language.

use crate::content::model::{Block, Flow, Language};
use crate::content::{ContentSource, FileProblems, Problem};

pub(super) fn check_language(
    rel: &str,
    language: &Language,
    flow: &Flow,
    p: &mut FileProblems<'_>,
) {
    let stem = rel.trim_start_matches("lang/").trim_end_matches(".ron");
    if language.code != stem {
        p.at_path(
            &["code:"],
            "code",
            format!(
                "\"{}\" does not match the file name {stem}.ron",
                language.code
            ),
        );
    }
    for section in &flow.sections {
        if !language.sections.contains_key(section) {
            p.at_path(
                &["sections:"],
                format!("sections.\"{section}\""),
                "missing section label",
            );
        }
    }
    for key in language.sections.keys() {
        if !flow.sections.contains(key) {
            p.at_path(
                &["sections:", &format!("\"{key}\"")],
                format!("sections.\"{key}\""),
                "no section has this id in flow.ron",
            );
        }
    }
    for screen in &flow.screens {
        let Some(text) = language.screens.get(&screen.id) else {
            p.at_path(
                &["screens:"],
                format!("screens.\"{}\"", screen.id),
                "missing text for this screen",
            );
            continue;
        };
        let anchor = format!("\"{}\":", screen.id);
        if text.gallery_alt.len() != screen.gallery.len() {
            p.at_path(
                &["screens:", &anchor],
                format!("screens.\"{}\".gallery_alt", screen.id),
                format!(
                    "describes {} pictures; the screen's gallery has {}",
                    text.gallery_alt.len(),
                    screen.gallery.len()
                ),
            );
        }
        for (block, pictures) in &screen.bullet_pictures {
            match text.body.get(*block) {
                Some(Block::Bullets(items)) if items.len() == pictures.len() => {}
                _ => p.at_path(&["screens:", &anchor], format!("screens.\"{}\".body[{block}]", screen.id), format!("flow.ron gives {} bullet pictures for this block, so it must be a list of {} bullets", pictures.len(), pictures.len())),
            }
        }
        for card in &screen.cards {
            if !text.cards.contains_key(card) {
                p.at_path(
                    &["screens:", &anchor],
                    format!("screens.\"{}\".cards.\"{card}\"", screen.id),
                    "missing text for this card",
                );
            }
        }
        for card in text.cards.keys() {
            if !screen.cards.contains(card) {
                p.at_path(
                    &["screens:", &anchor, &format!("\"{card}\"")],
                    format!("screens.\"{}\".cards.\"{card}\"", screen.id),
                    "flow.ron lists no such card for this screen",
                );
            }
        }
    }
    for key in language.screens.keys() {
        if !flow.screens.iter().any(|s| &s.id == key) {
            p.at_path(
                &["screens:", &format!("\"{key}\":")],
                format!("screens.\"{key}\""),
                "no screen has this id in flow.ron",
            );
        }
    }
    super::strings::check_strings(language, p);
    super::teaching::check_teaching(language, flow, p);
}

/// Every language must have the same blocks and bullets as the default one, so no patient misses
/// a sentence that others read.
pub(super) fn check_same_shape(
    source: &ContentSource,
    languages: &[(String, Language)],
    default: &str,
    problems: &mut Vec<Problem>,
) {
    let Some((_, reference)) = languages.iter().find(|(_, l)| l.code == default) else {
        return;
    };
    for (rel, language) in languages.iter().filter(|(_, l)| l.code != default) {
        let text = source.read(rel).unwrap_or_default();
        let mut p = FileProblems::new(source.display_path(rel), &text, problems);
        for (id, screen) in &language.screens {
            let Some(theirs) = reference.screens.get(id) else {
                continue;
            };
            let path = [
                "screens:".to_owned(),
                format!("\"{id}\":"),
                "body:".to_owned(),
            ];
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            if let Some(why) = super::teaching::same_teaching(screen, theirs) {
                p.at_path(&path[..2], format!("screens.\"{id}\".quiz"), why);
            }
            if screen.body.len() != theirs.body.len() {
                p.at_path(
                    &path,
                    format!("screens.\"{id}\".body"),
                    format!(
                        "has {} blocks; {default} has {}",
                        screen.body.len(),
                        theirs.body.len()
                    ),
                );
                continue;
            }
            for (i, (mine, ref_block)) in screen.body.iter().zip(&theirs.body).enumerate() {
                let same = match (mine, ref_block) {
                    (Block::Text(_), Block::Text(_)) | (Block::Callout(_), Block::Callout(_)) => {
                        true
                    }
                    (Block::Bullets(a), Block::Bullets(b)) => a.len() == b.len(),
                    (
                        Block::Table { head, rows },
                        Block::Table {
                            head: their_head,
                            rows: their_rows,
                        },
                    ) => {
                        head.len() == their_head.len()
                            && rows.len() == their_rows.len()
                            && rows.iter().zip(their_rows).all(|(a, b)| a.len() == b.len())
                    }
                    // The same pictures with the same numbers: a chance is a clinical figure.
                    (Block::Chances(a), Block::Chances(b)) => {
                        a.iter().map(|c| c.count).eq(b.iter().map(|c| c.count))
                    }
                    (
                        Block::Text(_)
                        | Block::Callout(_)
                        | Block::Bullets(_)
                        | Block::Table { .. }
                        | Block::Chances(_),
                        _,
                    ) => false,
                };
                if !same {
                    p.at_path(
                        &path,
                        format!("screens.\"{id}\".body[{i}]"),
                        format!(
                            "does not match block {i} of {default} (kind, number of bullets, a table's rows and columns, or the chances and their numbers)"
                        ),
                    );
                }
            }
        }
    }
}
