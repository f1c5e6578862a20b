//! What the printout's font can print. Atkinson Hyperlegible, embedded in every PDF, covers the
//! Latin script only (English, Spanish and the other languages written with Latin letters, with
//! their accents); a clinic name in Cyrillic, Greek, Arabic, Hebrew, Chinese, Japanese or Korean
//! prints as empty boxes. `check` warns about such characters in what the printout takes from
//! the settings.

use super::{BOLD, REGULAR};
use crate::content::Settings;

/// The characters of `text` (other than spaces and control characters) that the regular or the
/// bold face has no glyph for, each once, in order.
pub fn unprintable(text: &str) -> Vec<char> {
    let faces: Vec<ttf_parser::Face<'static>> = [REGULAR, BOLD]
        .into_iter()
        .filter_map(|data| ttf_parser::Face::parse(data, 0).ok())
        .collect();
    let mut missing = Vec::new();
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() || missing.contains(&c) {
            continue;
        }
        if faces.len() < 2 || faces.iter().any(|f| f.glyph_index(c).is_none()) {
            missing.push(c);
        }
    }
    missing
}

/// For `check`: the settings the printout shows (the clinic's name, its phone, the emergency
/// number) that hold characters the font cannot print.
pub fn font_warnings(settings: &Settings) -> Vec<String> {
    [
        ("clinic_name", &settings.clinic_name),
        ("clinic_phone", &settings.clinic_phone),
        ("emergency_number", &settings.emergency_number),
    ]
    .into_iter()
    .filter_map(|(field, text)| {
        let missing = unprintable(text);
        (!missing.is_empty()).then(|| {
            let shown: String = missing.iter().take(12).collect();
            format!(
                "settings.ron: {field} {text:?} has characters the printed PDF's font \
                 (Atkinson Hyperlegible, Latin script only) cannot print, so they would print as \
                 empty boxes: {shown}{}",
                if missing.len() > 12 { "…" } else { "" }
            )
        })
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_prints_and_other_scripts_do_not() {
        for latin in [
            "Vein Clinic of St. Mary's",
            "Clínica Vascular Peña, Ñuñoa",
            "Gefäßzentrum Köln-Süd",
            "Żółta Klinika Łódź",
            "Ørsted & Åse — 24/7 (555) 010-0100",
        ] {
            assert_eq!(unprintable(latin), Vec::<char>::new(), "{latin}");
        }
        assert_eq!(
            unprintable("Клиника вен"),
            "Клинкаве".chars().collect::<Vec<_>>()
        );
        assert!(!unprintable("静脉诊所").is_empty());
        assert!(!unprintable("Κλινική").is_empty());
        assert!(!unprintable("عيادة").is_empty());
        assert_eq!(unprintable("Vein Clinic 静脉"), vec!['静', '脉']);
    }

    #[test]
    fn check_names_the_field_and_the_characters() {
        let mut settings: Settings = ron::Options::default()
            .from_str(include_str!("../../../content/settings.ron"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(font_warnings(&settings).is_empty());
        settings.clinic_name = "Клиника вен Latin".into();
        let warnings = font_warnings(&settings);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("clinic_name"), "{}", warnings[0]);
        assert!(warnings[0].contains("Клинкаве"), "{}", warnings[0]);
    }
}
