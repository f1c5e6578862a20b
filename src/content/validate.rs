//! Checks that span files: ids that must exist, must be unique, text present in every language,
//! pictures that exist, colours that are readable.

use std::collections::BTreeSet;

use super::model::{Block, Flow, Language, ScreenKind, Settings, ThemeTokens};
use super::{ContentSource, FileProblems, PLACEHOLDERS, Problem, Rgb};

/// Runs every check, adding what it finds to `problems`.
pub(super) fn all(
    source: &ContentSource,
    settings: &Settings,
    flow: &Flow,
    theme: &ThemeTokens,
    languages: &[(String, Language)],
    problems: &mut Vec<Problem>,
) {
    let read = |rel: &str| source.read(rel).unwrap_or_default();
    let flow_text = read("flow.ron");
    let theme_text = read("theme.ron");

    let mut p = FileProblems::new(source.display_path("flow.ron"), &flow_text, problems);
    check_flow(flow, source, &mut p);

    let mut p = FileProblems::new(source.display_path("theme.ron"), &theme_text, problems);
    check_theme(theme, &mut p);

    for (rel, language) in languages {
        let text = read(rel);
        let mut p = FileProblems::new(source.display_path(rel), &text, problems);
        check_language(rel, language, flow, &mut p);
    }
    check_same_shape(source, languages, &settings.default_language, problems);
}

/// Checks the settings (the content's own, or a `--config` file named `file`).
pub(super) fn settings(
    source: &ContentSource,
    settings: &Settings,
    file: &str,
    text: &str,
    languages: &[(String, Language)],
    problems: &mut Vec<Problem>,
) {
    let mut p = FileProblems::new(file.to_owned(), text, problems);
    let exists = |code: &str| languages.iter().any(|(_, l)| l.code == code);
    if !exists(&settings.default_language) {
        let code = &settings.default_language;
        p.at_path(
            &["default_language"],
            "default_language",
            format!("\"{code}\" has no language file lang/{code}.ron"),
        );
    }
    for (i, code) in settings.languages.iter().enumerate() {
        if !exists(code) {
            p.at_path(
                &["languages:", &format!("\"{code}\"")],
                format!("languages[{i}]"),
                format!("\"{code}\" has no language file lang/{code}.ron"),
            );
        }
    }
    if !settings.languages.is_empty() && !settings.languages.contains(&settings.default_language) {
        p.at_path(
            &["languages:"],
            "languages",
            "the default language must be one of the languages offered",
        );
    }
    if settings.idle_seconds < 15 {
        p.at_path(
            &["idle_seconds:"],
            "idle_seconds",
            "must be at least 15, so a reader is not interrupted mid-sentence",
        );
    }
    if settings.warning_seconds < 20 {
        p.at_path(
            &["warning_seconds:"],
            "warning_seconds",
            "must be at least 20 (WCAG 2.2.1: time to answer \"Are you still there?\")",
        );
    }
    if let Some(hash) = &settings.staff_pin_hash
        && argon2::PasswordHash::new(hash).is_err()
    {
        p.at_path(
            &["staff_pin_hash:"],
            "staff_pin_hash",
            "is not an Argon2 hash; write it with `vein-kiosk set-pin`",
        );
    }
    if let Some(logo) = &settings.logo
        && source.illustration(logo).is_none()
    {
        p.at_path(
            &["logo:"],
            "logo",
            format!("picture \"{logo}\" was not found in illustrations/"),
        );
    }
    if settings.print_command.as_ref().is_some_and(Vec::is_empty) {
        p.at_path(
            &["print_command:"],
            "print_command",
            "is empty; give the program and its arguments, or None to use lp",
        );
    }
}

/// Checks the self-check definition and every language's words for it.
pub(super) fn selfcheck(
    source: &ContentSource,
    def: &crate::selfcheck::SelfCheckDef,
    languages: &[(String, Language)],
    problems: &mut Vec<Problem>,
) {
    let text = source.read("selfcheck.ron").unwrap_or_default();
    let mut p = FileProblems::new(source.display_path("selfcheck.ron"), &text, problems);
    crate::selfcheck::validate::definition(def, source, &mut p);
    for (rel, language) in languages {
        let text = source.read(rel).unwrap_or_default();
        let mut p = FileProblems::new(source.display_path(rel), &text, problems);
        crate::selfcheck::validate::language(def, &language.selfcheck, &mut p);
    }
}

fn check_flow(flow: &Flow, source: &ContentSource, p: &mut FileProblems<'_>) {
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

fn check_theme(theme: &ThemeTokens, p: &mut FileProblems<'_>) {
    let colours = [
        ("background", &theme.background),
        ("surface", &theme.surface),
        ("text", &theme.text),
        ("muted_text", &theme.muted_text),
        ("accent", &theme.accent),
        ("accent_pressed", &theme.accent_pressed),
        ("on_accent", &theme.on_accent),
        ("control", &theme.control),
        ("control_pressed", &theme.control_pressed),
        ("control_border", &theme.control_border),
        ("callout", &theme.callout),
        ("callout_border", &theme.callout_border),
        ("progress_done", &theme.progress_done),
        ("progress_todo", &theme.progress_todo),
    ];
    let mut parsed = std::collections::BTreeMap::new();
    for (name, value) in colours {
        match Rgb::parse(value) {
            Ok(c) => {
                parsed.insert(name, c);
            }
            Err(why) => p.at_path(&[&format!("{name}:")], name, why),
        }
    }
    // Text on what it sits on must be readable (WCAG 1.4.3, 4.5:1); controls and bars 3:1 (1.4.11).
    let pairs = [
        ("text", "background", 4.5),
        ("text", "surface", 4.5),
        ("muted_text", "background", 4.5),
        ("text", "control", 4.5),
        ("text", "control_pressed", 4.5),
        ("text", "callout", 4.5),
        ("on_accent", "accent", 4.5),
        ("on_accent", "accent_pressed", 4.5),
        ("control_border", "background", 3.0),
        ("progress_done", "background", 3.0),
    ];
    for (fg, bg, min) in pairs {
        if let (Some(f), Some(b)) = (parsed.get(fg), parsed.get(bg)) {
            let ratio = f.contrast(*b);
            if ratio < min {
                p.at_path(
                    &[&format!("{fg}:")],
                    fg,
                    format!("contrast with {bg} is {ratio:.1}:1; it must be at least {min}:1"),
                );
            }
        }
    }
    let minimums = [
        ("body_size", theme.body_size, 24.0),
        ("small_size", theme.small_size, 18.0),
        ("button_text_size", theme.button_text_size, 24.0),
        ("touch_target", theme.touch_target, 48.0),
        ("gap", theme.gap, 8.0),
    ];
    for (name, value, min) in minimums {
        if value < min {
            p.at_path(
                &[&format!("{name}:")],
                name,
                format!("{value} is too small for a kiosk; it must be at least {min}"),
            );
        }
    }
}

fn check_language(rel: &str, language: &Language, flow: &Flow, p: &mut FileProblems<'_>) {
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
    check_strings(language, p);
}

/// Every string of a language must have words, and only placeholders the kiosk fills in.
fn check_strings(language: &Language, p: &mut FileProblems<'_>) {
    for (field, text) in strings(language) {
        let path = field_path(&field);
        let at = p
            .locator()
            .find_path(&path.iter().map(String::as_str).collect::<Vec<_>>());
        if text.trim().is_empty() {
            p.at(at, field.clone(), "text is empty");
        }
        for placeholder in text
            .match_indices('{')
            .filter_map(|(i, _)| text[i..].find('}').map(|j| &text[i..=i + j]))
        {
            if !PLACEHOLDERS.contains(&placeholder) {
                p.at(
                    at,
                    field.clone(),
                    format!(
                        "unknown placeholder {placeholder}; known: {}",
                        PLACEHOLDERS.join(", ")
                    ),
                );
            }
        }
    }
}

/// Every string of a language, named by its field.
fn strings(language: &Language) -> Vec<(String, &str)> {
    let ui = &language.ui;
    let mut out: Vec<(String, &str)> = [
        ("next", &ui.next),
        ("back", &ui.back),
        ("home", &ui.home),
        ("start", &ui.start),
        ("start_again", &ui.start_again),
        ("close", &ui.close),
        ("sources", &ui.sources),
        ("reviewed", &ui.reviewed),
        ("choose_language", &ui.choose_language),
        ("tap_a_card", &ui.tap_a_card),
        ("staff_warning", &ui.staff_warning),
        ("picture_missing", &ui.picture_missing),
    ]
    .into_iter()
    .map(|(k, v)| (format!("ui.{k}"), v.as_str()))
    .collect();
    out.push(("name".into(), &language.name));
    out.extend(selfcheck_strings(&language.selfcheck));
    for (id, label) in &language.sections {
        out.push((format!("sections.\"{id}\""), label));
    }
    for (id, screen) in &language.screens {
        out.push((format!("screens.\"{id}\".title"), &screen.title));
        out.push((format!("screens.\"{id}\".alt"), &screen.alt));
        for (i, block) in screen.body.iter().enumerate() {
            match block {
                Block::Text(t) | Block::Callout(t) => {
                    out.push((format!("screens.\"{id}\".body[{i}]"), t))
                }
                Block::Bullets(items) => {
                    for (j, t) in items.iter().enumerate() {
                        out.push((format!("screens.\"{id}\".body[{i}][{j}]"), t));
                    }
                }
            }
        }
        for (card, c) in &screen.cards {
            out.push((format!("screens.\"{id}\".cards.\"{card}\".title"), &c.title));
            out.push((format!("screens.\"{id}\".cards.\"{card}\".text"), &c.text));
        }
    }
    out
}

/// Every string of a language's self-check words, named by its field.
fn selfcheck_strings(check: &crate::selfcheck::SelfCheckText) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    let cu = &check.ui;
    for (k, v) in [
        ("start", &cu.start),
        ("progress", &cu.progress),
        ("yes", &cu.yes),
        ("no", &cu.no),
        ("not_sure", &cu.not_sure),
        ("skip", &cu.skip),
        ("next", &cu.next),
        ("back", &cu.back),
        ("none_of_these", &cu.none_of_these),
        ("tap_all", &cu.tap_all),
        ("which_leg", &cu.which_leg),
        ("left", &cu.left),
        ("right", &cu.right),
        ("both", &cu.both),
        ("neither", &cu.neither),
        ("how_often", &cu.how_often),
        ("sometimes", &cu.sometimes),
        ("often", &cu.often),
        ("most_days", &cu.most_days),
        ("continue_check", &cu.continue_check),
    ] {
        out.push((format!("selfcheck.ui.{k}"), v.as_str()));
    }
    let sm = &check.summary;
    for (k, v) in [
        ("title", &sm.title),
        ("red_flags", &sm.red_flags),
        ("left_leg", &sm.left_leg),
        ("right_leg", &sm.right_leg),
        ("not_sure", &sm.not_sure),
        ("nothing", &sm.nothing),
        ("next_step", &sm.next_step),
        ("not_a_diagnosis", &sm.not_a_diagnosis),
        ("finish", &sm.finish),
        ("change_answers", &sm.change_answers),
    ] {
        out.push((format!("selfcheck.summary.{k}"), v.as_str()));
    }
    let h = &check.handoff;
    for (k, v) in [
        ("print", &h.print),
        ("printing", &h.printing),
        ("printed", &h.printed),
        ("print_failed", &h.print_failed),
        ("send", &h.send),
        ("sending", &h.sending),
        ("sent", &h.sent),
        ("send_failed", &h.send_failed),
        ("when", &h.when),
        ("code", &h.code),
        ("name_line", &h.name_line),
        ("paper_next_step", &h.paper_next_step),
        ("staff_copy", &h.staff_copy),
        ("patient_language", &h.patient_language),
        ("scan_help", &h.scan_help),
    ] {
        out.push((format!("selfcheck.handoff.{k}"), v.as_str()));
    }
    for (flag, alert) in &check.alerts {
        out.push((format!("selfcheck.alerts.{flag:?}.title"), &alert.title));
        out.push((format!("selfcheck.alerts.{flag:?}.text"), &alert.text));
        out.push((
            format!("selfcheck.alerts.{flag:?}.unsure_title"),
            &alert.unsure_title,
        ));
    }
    out.extend(question_strings(check));
    out
}

/// The self-check's question, answer and group words, named by field.
fn question_strings(check: &crate::selfcheck::SelfCheckText) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    for (id, q) in &check.questions {
        out.push((format!("selfcheck.questions.\"{id}\".ask"), &q.ask));
        out.push((format!("selfcheck.questions.\"{id}\".summary"), &q.summary));
        for (o, label) in &q.options {
            out.push((
                format!("selfcheck.questions.\"{id}\".options.\"{o}\""),
                label,
            ));
        }
    }
    for (id, title) in &check.groups {
        out.push((format!("selfcheck.groups.\"{id}\""), title));
    }
    out
}

/// Needles that lead to a field named by [`strings`], for locating it in the file.
fn field_path(field: &str) -> Vec<String> {
    let mut path = Vec::new();
    for part in field.split('.') {
        if let Some(id) = part.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
            path.push(format!("\"{id}\":"));
        } else {
            let name = part.split('[').next().unwrap_or(part);
            path.push(format!("{name}:"));
        }
    }
    path
}

/// Every language must have the same blocks and bullets as the default one, so no patient misses
/// a sentence that others read.
fn check_same_shape(
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
                    _ => false,
                };
                if !same {
                    p.at_path(
                        &path,
                        format!("screens.\"{id}\".body[{i}]"),
                        format!(
                            "does not match block {i} of {default} (kind or number of bullets)"
                        ),
                    );
                }
            }
        }
    }
}
