//! Checks that span files: ids that must exist, must be unique, text present in every language,
//! pictures that exist, colours that are readable, and the self-check's branching. One file per
//! topic; each problem names its file, line, column and field.

mod flow;
mod language;
mod selfcheck;
mod strings;
mod theme;

use super::model::{Flow, Language, Settings, ThemeTokens};
use super::{ContentSource, FileProblems, Problem};
use flow::check_flow;
use language::{check_language, check_same_shape};
use theme::check_theme;

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
    for (field, value, most) in [
        ("clinic_name", settings.clinic_name.as_str(), 100),
        ("emergency_number", settings.emergency_number.as_str(), 20),
        ("printer", settings.printer.as_deref().unwrap_or(""), 200),
        (
            "handoff_folder",
            settings.handoff_folder.as_deref().unwrap_or(""),
            1000,
        ),
    ] {
        let length = value.chars().count();
        if length > most {
            p.at_path(
                &[&format!("{field}:")],
                field,
                format!("is {length} characters long; the most it may be is {most}"),
            );
        }
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
        && let Some(why) = flow::missing_picture(source, logo)
    {
        p.at_path(&["logo:"], "logo", why);
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
    selfcheck::definition(def, source, &mut p);
    for (rel, language) in languages {
        let text = source.read(rel).unwrap_or_default();
        let mut p = FileProblems::new(source.display_path(rel), &text, problems);
        selfcheck::language(def, &language.selfcheck, &mut p);
    }
}
