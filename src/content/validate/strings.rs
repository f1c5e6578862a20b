//! Every string of a language: words present, and only the placeholders the kiosk fills in.

use serde_json::Value;

use crate::content::model::Language;
use crate::content::{FileProblems, PLACEHOLDERS};

/// Every string of a language must have words, and only placeholders the kiosk fills in for that
/// field. The strings are found by walking the language's values, so a field added to the model
/// is checked without anyone remembering to list it here.
pub(super) fn check_strings(language: &Language, p: &mut FileProblems<'_>) {
    let all = strings(language);
    check_amounts(&all, p);
    for (field, text) in all {
        let path = field_path(&field);
        let at = p
            .locator()
            .find_path(&path.iter().map(String::as_str).collect::<Vec<_>>());
        // A table's corner (the heading over its row labels) may be left blank.
        if text.trim().is_empty() && !field.ends_with(".head[0]") {
            p.at(at, field.clone(), "text is empty");
        }
        let most = longest(&field);
        let length = text.chars().count();
        if length > most {
            p.at(
                at,
                field.clone(),
                format!("is {length} characters long; the most this text may be is {most}"),
            );
        }
        let extra = field_placeholders(&field);
        for placeholder in placeholders(&text) {
            if !PLACEHOLDERS.contains(&placeholder) && !extra.contains(&placeholder) {
                let known: Vec<&str> = PLACEHOLDERS.iter().chain(extra).copied().collect();
                p.at(
                    at,
                    field.clone(),
                    format!(
                        "unknown placeholder {placeholder}; known: {}",
                        known.join(", ")
                    ),
                );
            }
        }
        if field == "ui.date" {
            for needed in DATE_PARTS {
                if !text.contains(needed) {
                    p.at(at, field.clone(), format!("must contain {needed}"));
                }
            }
        }
    }
    if language.ui.months.len() != 12 {
        p.at_path(
            &["ui:", "months:"],
            "ui.months",
            format!("names {} months; a year has 12", language.ui.months.len()),
        );
    }
}

/// How much text one screen has, and its speaker notes, against the limits: so many pieces and so
/// many characters (a screen of 100,000 bullets would take the kiosk's memory and frame time).
fn check_amounts(all: &[(String, String)], p: &mut FileProblems<'_>) {
    use crate::content::limits::{
        MAX_CHARS_PER_SCREEN, MAX_NOTE_CHARS, MAX_NOTE_STRINGS, MAX_STRINGS_PER_SCREEN,
    };
    // (screen id, notes?) -> (pieces, characters)
    let mut amounts: std::collections::BTreeMap<(&str, bool), (usize, usize)> =
        std::collections::BTreeMap::new();
    for (field, text) in all {
        let Some(rest) = field.strip_prefix("screens.\"") else {
            continue;
        };
        let Some((id, inner)) = rest.split_once('"') else {
            continue;
        };
        let entry = amounts
            .entry((id, inner.starts_with(".notes")))
            .or_default();
        entry.0 += 1;
        entry.1 += text.chars().count();
    }
    for ((id, notes), (pieces, chars)) in amounts {
        let (what, field, most_pieces, most_chars) = if notes {
            let field = format!("screens.\"{id}\".notes");
            ("speaker notes", field, MAX_NOTE_STRINGS, MAX_NOTE_CHARS)
        } else {
            let field = format!("screens.\"{id}\"");
            ("text", field, MAX_STRINGS_PER_SCREEN, MAX_CHARS_PER_SCREEN)
        };
        let anchor = format!("\"{id}\":");
        let mut path = vec!["screens:", anchor.as_str()];
        if notes {
            path.push("notes:");
        }
        if pieces > most_pieces {
            p.at_path(
                &path,
                field.clone(),
                format!(
                    "has {pieces} pieces of {what}; the most one screen may have is {most_pieces}"
                ),
            );
        }
        if chars > most_chars {
            p.at_path(
                &path,
                field,
                format!(
                    "has {chars} characters of {what}; the most one screen may have is {most_chars}"
                ),
            );
        }
    }
}

/// The longest a text may be, by what it is: a label on a control or a title is short, a
/// paragraph or a card longer, speaker notes longest. A limit keeps a slip (a pasted file) from
/// taking the kiosk's memory.
fn longest(field: &str) -> usize {
    if field.contains(".notes") {
        6000
    } else if field.contains(".body[")
        || field.contains(".quiz[")
        || field.ends_with(".text")
        || field.contains(".alt")
        || field.contains("gallery_alt")
    {
        1500
    } else {
        400
    }
}

/// The parts of a written date.
const DATE_PARTS: [&str; 3] = ["{day}", "{month}", "{year}"];

/// Placeholders that only one field may use, besides the ones every text may use.
fn field_placeholders(field: &str) -> &'static [&'static str] {
    match field {
        "ui.still_there_text" | "ui.staff.locked" => &["{seconds}"],
        "ui.staff.wrong_pin" => &["{tries}"],
        "ui.staff.reload_failed" => &["{problems}"],
        "ui.staff.content_version" | "ui.staff.content_waiting" => &["{version}"],
        "ui.staff.content_checked" | "ui.staff.record_last_sent" => &["{time}"],
        "ui.staff.content_check_failed" | "ui.staff.record_problem" => &["{why}"],
        "ui.staff.record_pending" | "ui.staff.record_dead" => &["{count}"],
        "ui.staff.print_failed" | "ui.speech_unavailable" => &["{why}"],
        "ui.date" => &DATE_PARTS,
        "ui.quiz_not_quite" => &["{answer}"],
        "ui.presenter.notes" | "ui.presenter.other_notes" => &["{language}"],
        "ui.presenter.minutes" => &["{minutes}"],
        _ => &[],
    }
}

/// Every `{name}` in `text`.
fn placeholders(text: &str) -> Vec<&str> {
    text.match_indices('{')
        .filter_map(|(i, _)| text[i..].find('}').map(|j| &text[i..=i + j]))
        .collect()
}

/// Fields whose values are maps keyed by an id (written `"id"` in a field's name).
const ID_MAPS: [&str; 7] = [
    "headings",
    "sections",
    "screens",
    "cards",
    "questions",
    "options",
    "groups",
];
/// The kinds of a screen's body block, which are not part of a field's name.
const BLOCK_KINDS: [&str; 4] = ["Text", "Callout", "Bullets", "Table"];

/// Every string of a language, named by its field (`ui.staff.wrong_pin`,
/// `screens."welcome".body[2][0]`), found by walking its values.
fn strings(language: &Language) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match serde_json::to_value(language) {
        Ok(tree) => walk(&tree, String::new(), "", &mut out),
        Err(e) => log::error!("cannot walk the language's strings: {e}"),
    }
    out
}

fn walk(value: &Value, path: String, key: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(text) => out.push((path, text.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, format!("{path}[{i}]"), "", out);
            }
        }
        Value::Object(map) => {
            if let (1, Some((kind, inner))) = (map.len(), map.iter().next())
                && key.is_empty()
                && BLOCK_KINDS.contains(&kind.as_str())
            {
                walk(inner, path, "", out);
                return;
            }
            for (name, child) in map {
                let part = if ID_MAPS.contains(&key) {
                    format!("\"{name}\"")
                } else {
                    name.clone()
                };
                let child_path = if path.is_empty() {
                    part
                } else {
                    format!("{path}.{part}")
                };
                walk(child, child_path, name, out);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `check_amounts` says of `count` texts of `chars` characters each, under `field` of
    /// screen "a" and as many under screen "b".
    fn amounts(field: &str, count: usize, chars: usize) -> Vec<String> {
        let all: Vec<(String, String)> = ["a", "b"]
            .iter()
            .flat_map(|id| {
                (0..count)
                    .map(move |i| (format!("screens.\"{id}\".{field}[{i}]"), "é".repeat(chars)))
            })
            .collect();
        let mut problems = Vec::new();
        let mut p = FileProblems::new("lang/en.ron".into(), "", &mut problems);
        check_amounts(&all, &mut p);
        problems
            .into_iter()
            .map(|p| format!("{}: {}", p.field, p.message))
            .collect()
    }

    #[test]
    fn a_screen_holds_at_most_150_texts_of_15000_characters_in_all() {
        assert_eq!(amounts("body", 150, 100), Vec::<String>::new());
        assert_eq!(
            amounts("body", 151, 1),
            [
                "screens.\"a\": has 151 pieces of text; the most one screen may have is 150",
                "screens.\"b\": has 151 pieces of text; the most one screen may have is 150",
            ]
        );
        assert_eq!(
            amounts("body", 100, 151),
            [
                "screens.\"a\": has 15100 characters of text; the most one screen may have is 15000",
                "screens.\"b\": has 15100 characters of text; the most one screen may have is 15000",
            ]
        );
    }

    #[test]
    fn speaker_notes_at_most_60_texts_of_20000_characters_in_all() {
        assert_eq!(amounts("notes", 60, 333), Vec::<String>::new());
        assert_eq!(amounts("notes", 40, 500), Vec::<String>::new());
        let over = amounts("notes", 61, 1);
        assert_eq!(over.len(), 2);
        assert_eq!(
            over[0],
            "screens.\"a\".notes: has 61 pieces of speaker notes; the most one screen may have is 60"
        );
        let long = amounts("notes", 50, 401);
        assert_eq!(
            long[1],
            "screens.\"b\".notes: has 20050 characters of speaker notes; the most one screen may have is 20000"
        );
    }

    #[test]
    fn a_label_is_short_a_paragraph_longer_and_speaker_notes_longest() {
        for field in [
            "screens.\"a\".body[0]",
            "screens.\"a\".body[1][2]",
            "screens.\"a\".quiz[0].question",
            "selfcheck.questions.\"q\".text",
            "screens.\"a\".cards.\"c\".alt",
            "screens.\"a\".gallery_alt[0]",
        ] {
            assert_eq!(longest(field), 1500, "{field}");
        }
        assert_eq!(longest("screens.\"a\".notes[3]"), 6000);
        for field in ["ui.attract_title", "screens.\"a\".title", "ui.texts"] {
            assert_eq!(longest(field), 400, "{field}");
        }
    }
}
