//! Checks that span files: ids that must exist, must be unique, text present in every language,
//! pictures that exist, colours that are readable, and the self-check's branching. One file per
//! topic; each problem names its file, line, column and field.

mod fhir_server;
mod flow;
mod language;
mod selfcheck;
mod strings;
mod teaching;
#[cfg(test)]
mod tests;
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
        ("clinic_phone", settings.clinic_phone.as_str(), 30),
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
    // Numbers a patient is told to call: words would be no use to someone in trouble.
    for (field, number) in [
        ("emergency_number", &settings.emergency_number),
        ("clinic_phone", &settings.clinic_phone),
    ] {
        if !number.chars().any(|c| c.is_ascii_digit()) {
            p.at_path(
                &[&format!("{field}:")],
                field,
                "must be a phone number with digits (patients are told to call it)",
            );
        }
    }
    check_numbers(settings, &mut p);
    check_speech(settings, source, languages, &mut p);
    check_lists(settings, &mut p);
    check_content_source(settings, &mut p);
    fhir_server::check_fhir_server(settings, &mut p);
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

/// A content source the kiosk can use: an address it can read, keys that are minisign keys, a
/// sensible period and a cache folder of its own.
fn check_content_source(settings: &Settings, p: &mut FileProblems<'_>) {
    let Some(source) = &settings.content_source else {
        return;
    };
    let url = &source.url;
    let absolute_file = url
        .strip_prefix("file://")
        .is_some_and(|path| path.starts_with('/'));
    if !(absolute_file || url.starts_with("https://") || url.starts_with("http://")) {
        p.at_path(
            &["content_source:", "url:"],
            "content_source.url",
            "must start with https://, http:// or file:/// (an absolute folder)",
        );
    }
    if source.public_keys.is_empty() {
        p.at_path(
            &["content_source:", "public_keys:"],
            "content_source.public_keys",
            "is empty; a kiosk takes only content signed by a key it knows",
        );
    }
    for (i, key) in source.public_keys.iter().enumerate() {
        if minisign_verify::PublicKey::from_base64(key.trim()).is_err() {
            p.at_path(
                &["content_source:", "public_keys:"],
                format!("content_source.public_keys[{i}]"),
                "is not a minisign public key (the line that starts with RW in the .pub file)",
            );
        }
    }
    if !(1..=1440).contains(&source.check_minutes) {
        p.at_path(
            &["content_source:", "check_minutes:"],
            "content_source.check_minutes",
            format!(
                "must be at least 1 and at most 1440 minutes (a day); it is {}",
                source.check_minutes
            ),
        );
    }
    if !std::path::Path::new(&source.cache).is_absolute() {
        p.at_path(
            &["content_source:", "cache:"],
            "content_source.cache",
            "must be an absolute folder (/var/lib/vein-kiosk/content)",
        );
    }
}

/// Languages offered once each, and no empty folder, printer or program to print with.
fn check_lists(settings: &Settings, p: &mut FileProblems<'_>) {
    let mut seen = std::collections::BTreeSet::new();
    for (i, code) in settings.languages.iter().enumerate() {
        if !seen.insert(code) {
            p.at_path(
                &["languages:", &format!("\"{code}\""), &format!("\"{code}\"")],
                format!("languages[{i}]"),
                format!("\"{code}\" is listed twice"),
            );
        }
    }
    for (field, value) in [
        ("handoff_folder", settings.handoff_folder.as_deref()),
        ("printer", settings.printer.as_deref()),
    ] {
        if value.is_some_and(|v| v.trim().is_empty()) {
            p.at_path(
                &[&format!("{field}:")],
                field,
                "is empty; give one, or None for none",
            );
        }
    }
    if let Some(command) = &settings.print_command
        && command
            .first()
            .is_some_and(|program| program.trim().is_empty())
    {
        p.at_path(
            &["print_command:"],
            "print_command[0]",
            "the program to run is empty; give its name or path, or None to use lp",
        );
    }
}

/// The settings' numbers against their ranges in [`limits`](crate::content::limits).
fn check_numbers(settings: &Settings, p: &mut FileProblems<'_>) {
    use crate::content::limits::{IDLE_SECONDS, TEXT_PERCENT, WARNING_SECONDS};
    let ranges = [
        (
            "idle_seconds",
            u64::from(settings.idle_seconds),
            (u64::from(IDLE_SECONDS.0), u64::from(IDLE_SECONDS.1)),
            "seconds: at least 15 so a reader is not interrupted mid-sentence, at most 15 \
             minutes so a visit left behind is always wiped",
        ),
        (
            "warning_seconds",
            u64::from(settings.warning_seconds),
            (u64::from(WARNING_SECONDS.0), u64::from(WARNING_SECONDS.1)),
            "seconds (WCAG 2.2.1: time to answer \"Are you still there?\", and at most 5 \
             minutes before the visit is wiped)",
        ),
        (
            "text_percent",
            u64::from(settings.text_percent),
            (u64::from(TEXT_PERCENT.0), u64::from(TEXT_PERCENT.1)),
            "percent (the \"Larger text\" steps are 100, 150 and 200)",
        ),
    ];
    for (field, value, (least, most), unit) in ranges {
        if value < least {
            p.at_path(
                &[&format!("{field}:")],
                field,
                format!("must be at least {least} and at most {most} {unit}; it is {value}"),
            );
        } else if value > most {
            p.at_path(
                &[&format!("{field}:")],
                field,
                format!("must be at most {most} and at least {least} {unit}; it is {value}"),
            );
        }
    }
}

/// Read-aloud settings: a language the content has, a rate in range, and a voice name that is a
/// plain name (it is sent to the speech service as one line of its protocol).
fn check_speech(
    settings: &Settings,
    source: &ContentSource,
    languages: &[(String, Language)],
    p: &mut FileProblems<'_>,
) {
    use crate::content::limits::{MAX_VOICE_NAME, SPEECH_RATE};
    // A language file that is there but broken is reported on its own, not here again.
    let files = source.language_files();
    for (code, voice) in &settings.speech {
        let anchor = format!("\"{code}\"");
        let path = ["speech:", anchor.as_str()];
        let file = format!("lang/{code}.ron");
        if !languages.iter().any(|(_, l)| &l.code == code) && !files.contains(&file) {
            p.at_path(
                &path,
                format!("speech.\"{code}\""),
                format!("\"{code}\" has no language file lang/{code}.ron"),
            );
        }
        if !(SPEECH_RATE.0..=SPEECH_RATE.1).contains(&voice.rate) {
            p.at_path(
                &path,
                format!("speech.\"{code}\".rate"),
                format!(
                    "is {}; it must be from {} (slowest) to {} (fastest)",
                    voice.rate, SPEECH_RATE.0, SPEECH_RATE.1
                ),
            );
        }
        if let Some(name) = &voice.voice {
            let field = format!("speech.\"{code}\".voice");
            if name.trim().is_empty() {
                p.at_path(
                    &path,
                    field,
                    "is empty; give a voice's name, or None for the default",
                );
            } else if name.chars().any(char::is_control) {
                p.at_path(
                    &path,
                    field,
                    "contains a line break or another control character; a voice name is one line",
                );
            } else if name.chars().count() > MAX_VOICE_NAME {
                p.at_path(
                    &path,
                    field,
                    format!("is longer than {MAX_VOICE_NAME} characters"),
                );
            }
        }
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
