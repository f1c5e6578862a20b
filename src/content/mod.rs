//! Education content: the RON files in `content/`, loaded from the binary or a clinic's folder,
//! and checked as a whole. Pure Rust: nothing here knows about egui.

mod color;
mod error;
pub mod limits;
mod model;
mod pin_hash;
mod problem;
mod source;
mod validate;

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use crate::selfcheck::SelfCheckDef;

pub use color::Rgb;
pub use error::{ContentError, NotAColour};
pub use model::{
    Block, BundleSource, CardText, Chance, FhirAuth, FhirServer, Flow, Language, LeafletPart,
    LeafletText, Palette, Paper, PresenterText, QuizText, ScreenDef, ScreenKind, ScreenText,
    Settings, SourceDef, SpeechVoice, StaffText, ThemeTokens, UiText, ValveColours,
};
pub use pin_hash::{settings_file_warnings, write_pin_hash};
pub use problem::{FileProblems, Locator, Problem};
pub use source::ContentSource;

/// The pictogram on the self-check's "tell a member of staff now" alert.
pub const TELL_STAFF_PICTURE: &str = "tell-staff.svg";

/// Placeholders that text may contain, filled in from settings.
pub const PLACEHOLDERS: [&str; 7] = [
    "{emergency_number}",
    "{clinic_phone}",
    "{date}",
    "{what}",
    "{n}",
    "{total}",
    "{clinic}",
];

/// Everything a kiosk shows, loaded and checked.
#[derive(Debug, Clone)]
pub struct Content {
    /// Where it was loaded from; pictures are looked up there too.
    pub source: ContentSource,
    pub settings: Settings,
    pub flow: Flow,
    pub theme: ThemeTokens,
    /// The self-check's questions and branching.
    pub selfcheck: SelfCheckDef,
    /// Every language, the default first, then by code.
    pub languages: Vec<Language>,
}

impl Content {
    /// Loads and checks content. Returns every problem found, not just the first.
    pub fn load(source: ContentSource) -> Result<Self, Vec<Problem>> {
        Self::load_with_config(source, None)
    }

    /// Loads and checks content, taking the settings from `config` (a settings file given with
    /// `--config`) instead of the content's own `settings.ron` when it is set.
    pub fn load_with_config(
        source: ContentSource,
        config: Option<&std::path::Path>,
    ) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let settings = match config {
            None => parse::<Settings>(&source, "settings.ron", &mut problems),
            Some(path) => {
                let file = path.display().to_string();
                match limits::read_text(path, None) {
                    Ok(text) => parse_text::<Settings>(file, &text, &mut problems),
                    Err(why) => {
                        problems.push(Problem::unreadable(file, why));
                        None
                    }
                }
            }
        };
        let flow = parse::<Flow>(&source, "flow.ron", &mut problems);
        let theme = parse::<ThemeTokens>(&source, "theme.ron", &mut problems);
        let selfcheck = parse::<SelfCheckDef>(&source, "selfcheck.ron", &mut problems);
        let mut languages = Vec::new();
        let files = source.language_files();
        if files.is_empty() {
            problems.push(Problem {
                file: source.display_path("lang/"),
                line: 1,
                col: 1,
                field: "lang".into(),
                message: "no language files (lang/CODE.ron) were found".into(),
            });
        }
        if files.len() > limits::MAX_LANGUAGES {
            problems.push(Problem {
                file: source.display_path("lang/"),
                line: 1,
                col: 1,
                field: "lang".into(),
                message: format!(
                    "has {} language files; the most the kiosk takes is {}",
                    files.len(),
                    limits::MAX_LANGUAGES
                ),
            });
        }
        for file in files.into_iter().take(limits::MAX_LANGUAGES) {
            if let Some(language) = parse::<Language>(&source, &file, &mut problems) {
                languages.push((file, language));
            }
        }
        let (Some(settings), Some(flow), Some(theme), Some(selfcheck)) =
            (settings, flow, theme, selfcheck)
        else {
            return Err(problems);
        };
        let settings_file = config.map_or_else(
            || source.display_path("settings.ron"),
            |p| p.display().to_string(),
        );
        let settings_text = match config {
            Some(path) => limits::read_text(path, None).unwrap_or_default(),
            None => source.read("settings.ron").unwrap_or_default(),
        };
        validate::settings(
            &source,
            &settings,
            &settings_file,
            &settings_text,
            &languages,
            &mut problems,
        );
        validate::all(&source, &settings, &flow, &theme, &languages, &mut problems);
        validate::selfcheck(&source, &selfcheck, &languages, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut languages: Vec<Language> = languages.into_iter().map(|(_, l)| l).collect();
        if settings.languages.is_empty() {
            languages.sort_by_key(|l| (l.code != settings.default_language, l.code.clone()));
        } else {
            // Only the languages offered, in the order the clinic gave.
            languages.retain(|l| settings.languages.contains(&l.code));
            languages.sort_by_key(|l| settings.languages.iter().position(|c| *c == l.code));
        }
        Ok(Self {
            source,
            settings,
            flow,
            theme,
            selfcheck,
            languages,
        })
    }

    /// The content compiled into the binary.
    pub fn built_in() -> Result<Self, Vec<Problem>> {
        Self::load(ContentSource::BuiltIn)
    }

    /// What the kiosk shows when started with `folder` and `config`: that content if it has no
    /// problems, else the built-in content together with the problems, so that a bad edit never
    /// stops a kiosk. `Err` only if the built-in content itself is broken.
    pub fn load_or_built_in(
        folder: Option<std::path::PathBuf>,
        config: Option<&std::path::Path>,
    ) -> Result<(Self, Vec<Problem>), Vec<Problem>> {
        let source = folder.map_or(ContentSource::BuiltIn, ContentSource::Folder);
        match Self::load_with_config(source.clone(), config) {
            Ok(content) => Ok((content, Vec::new())),
            Err(problems) if source == ContentSource::BuiltIn && config.is_none() => Err(problems),
            Err(problems) => {
                let mut fallback = Self::built_in()?;
                // Staff must still reach the menu that shows them the problem: keep the PIN when
                // its line is intact, even if another line of the settings is broken.
                let settings_text = match config {
                    Some(file) => limits::read_text(file, None).ok(),
                    None => source.read("settings.ron").ok(),
                };
                fallback.settings.staff_pin_hash = settings_text
                    .as_deref()
                    .and_then(pin_hash::salvage_pin_hash);
                Ok((fallback, problems))
            }
        }
    }

    /// Where a kiosk pulls signed content from, read from its settings file alone: a kiosk whose
    /// settings name a language only the group's bundle has fails to load them against the
    /// content it starts with, and must still find its source to fetch that bundle.
    pub fn content_source_in(file: &std::path::Path) -> Option<BundleSource> {
        let text = limits::read_text(file, None).ok()?;
        let mut problems = Vec::new();
        parse_text::<Settings>(file.display().to_string(), &text, &mut problems)?.content_source
    }

    /// The language with this code, or the default one.
    pub fn language(&self, code: &str) -> &Language {
        self.languages
            .iter()
            .find(|l| l.code == code)
            .unwrap_or_else(|| self.default_language())
    }

    /// The language a tool asked for with `--lang CODE`, or the default one when none was asked
    /// for. An unknown code is an error that lists the languages there are.
    pub fn language_named(&self, lang: Option<&str>) -> Result<&Language, ContentError> {
        let Some(code) = lang else {
            return Ok(self.default_language());
        };
        self.languages
            .iter()
            .find(|l| l.code == code)
            .ok_or_else(|| ContentError::NoLanguage {
                code: code.to_owned(),
                have: self.languages.iter().map(|l| l.code.clone()).collect(),
            })
    }

    /// The language a new session starts in.
    pub fn default_language(&self) -> &Language {
        // `load` guarantees the default language is offered.
        self.languages
            .iter()
            .find(|l| l.code == self.settings.default_language)
            .unwrap_or(&self.languages[0])
    }

    /// Index of the screen with this id in the flow.
    pub fn screen_index(&self, id: &str) -> Option<usize> {
        self.flow.screens.iter().position(|s| s.id == id)
    }

    /// The citations a screen shows, in the order it lists them.
    pub fn citations(&self, screen: &ScreenDef) -> Vec<&str> {
        screen
            .sources
            .iter()
            .filter_map(|id| self.flow.sources.iter().find(|s| &s.id == id))
            .map(|s| s.cite.as_str())
            .collect()
    }

    /// Every picture file the content uses: screens, cards, bullets, galleries, self-check cards,
    /// the logo and the red-flag pictogram.
    pub fn all_pictures(&self) -> Vec<&str> {
        let mut all: Vec<&str> = Vec::new();
        for s in &self.flow.screens {
            all.push(&s.illustration);
            all.extend(s.card_pictures.values().map(String::as_str));
            all.extend(
                s.bullet_pictures
                    .values()
                    .flatten()
                    .flatten()
                    .map(String::as_str),
            );
            all.extend(s.gallery.iter().map(String::as_str));
        }
        all.extend(
            self.selfcheck
                .questions
                .iter()
                .flat_map(|q| q.kind.options())
                .filter_map(|o| o.picture.as_deref()),
        );
        all.extend(self.settings.logo.as_deref());
        all.push(TELL_STAFF_PICTURE);
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The bytes of a screen's picture, if it exists.
    pub fn illustration(&self, screen: &ScreenDef) -> Option<Cow<'static, [u8]>> {
        self.source.illustration(&screen.illustration)
    }

    /// Text with its placeholders filled in from the settings.
    pub fn fill(&self, text: &str) -> String {
        text.replace("{emergency_number}", &self.settings.emergency_number)
            .replace("{clinic_phone}", &self.settings.clinic_phone)
            .replace("{date}", &self.flow.reviewed_on)
            .replace("{clinic}", &self.settings.clinic_name)
    }

    /// "Checked for accuracy on November 21, 2026." in `language`'s words, with the date written
    /// out as people read it (the flow keeps it as YYYY-MM-DD).
    pub fn reviewed_line(&self, language: &Language) -> String {
        let ui = &language.ui;
        let date = written_date(&self.flow.reviewed_on, &ui.date, &ui.months)
            .unwrap_or_else(|| self.flow.reviewed_on.clone());
        self.fill(&ui.reviewed.replace("{date}", &date))
    }
}

/// `iso` (YYYY-MM-DD) written with `pattern` (`{day}`, `{month}`, `{year}`) and month names;
/// `None` when the date or the names do not fit.
fn written_date(iso: &str, pattern: &str, months: &[String]) -> Option<String> {
    let mut parts = iso.splitn(3, '-');
    let year = parts.next()?;
    let month: usize = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let name = months.get(month.checked_sub(1)?)?;
    Some(
        pattern
            .replace("{day}", &day.to_string())
            .replace("{month}", name)
            .replace("{year}", year),
    )
}

/// Parses one RON file, turning a failure into a problem with its position and field.
fn parse<T: DeserializeOwned>(
    source: &ContentSource,
    rel: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let file = source.display_path(rel);
    let text = match source.read(rel) {
        Ok(text) => text,
        Err(why) => {
            problems.push(Problem::unreadable(file, why));
            return None;
        }
    };
    parse_text(file, &text, problems)
}

/// Parses RON text of the file named `file`, turning a failure into a problem.
fn parse_text<T: DeserializeOwned>(
    file: String,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match ron::Options::default().from_str::<T>(text) {
        Ok(value) => Some(value),
        Err(err) => {
            let (field, message) = describe(&err.code);
            problems.push(Problem {
                file,
                line: err.position.line,
                col: err.position.col,
                field,
                message,
            });
            None
        }
    }
}

/// The field a RON error is about, and a message for a content editor.
fn describe(code: &ron::Error) -> (String, String) {
    use ron::Error as E;
    let within =
        |outer: &Option<String>| outer.clone().map(|o| format!("{o}.")).unwrap_or_default();
    match code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            format!("{}{found}", within(outer)),
            format!("unknown field; expected one of: {}", expected.join(", ")),
        ),
        E::MissingStructField { field, outer } => {
            (format!("{}{field}", within(outer)), "missing field".into())
        }
        E::DuplicateStructField { field, outer } => (
            format!("{}{field}", within(outer)),
            "this field is given twice".into(),
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            format!("{}{found}", within(outer)),
            format!("unknown kind; expected one of: {}", expected.join(", ")),
        ),
        other => ("(syntax)".into(), other.to_string()),
    }
}
