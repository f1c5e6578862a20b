//! Design tokens: colours that are readable in both colour sets, touch targets big enough.

use crate::content::limits::THEME_RANGES;
use crate::content::model::{Palette, ThemeTokens};
use crate::content::{FileProblems, Rgb};

/// Text on what it sits on (WCAG 1.4.3 asks 4.5:1, 1.4.6 asks 7:1 of the high-contrast set).
const TEXT_PAIRS: [(&str, &str); 11] = [
    ("text", "background"),
    ("text", "surface"),
    ("muted_text", "background"),
    ("muted_text", "surface"),
    ("text", "control"),
    ("text", "control_pressed"),
    ("text", "callout"),
    ("text", "progress_todo"),
    ("on_accent", "accent"),
    ("on_accent", "accent_pressed"),
    ("on_accent", "progress_done"),
];

/// Controls, the focus ring (drawn in the text colour) and meaningful graphics against what is
/// next to them: 3:1 (WCAG 1.4.11).
const GRAPHIC_PAIRS: [(&str, &str); 11] = [
    ("control_border", "background"),
    ("control_border", "surface"),
    ("progress_done", "background"),
    ("progress_done", "surface"),
    ("accent", "background"),
    ("callout_border", "callout"),
    ("valve.outline", "valve.scene"),
    ("valve.outline", "valve.vein"),
    ("valve.blood", "valve.vein"),
    ("valve.up", "valve.scene"),
    ("valve.pool", "valve.scene"),
];

/// Every colour of a palette by the name `check` reports.
fn colours(p: &Palette) -> Vec<(&'static str, &str)> {
    let v = &p.valve;
    let mut all = p.page_colours();
    all.extend([
        ("valve.scene", v.scene.as_str()),
        ("valve.outline", &v.outline),
        ("valve.skin", &v.skin),
        ("valve.muscle", &v.muscle),
        ("valve.vein", &v.vein),
        ("valve.blood", &v.blood),
        ("valve.pool", &v.pool),
        ("valve.up", &v.up),
    ]);
    if let Some(plate) = &p.picture_plate {
        all.push(("picture_plate", plate));
    }
    all
}

/// The contrast of every checked pair of a palette, with the least each must reach:
/// `(foreground, background, ratio, minimum)`.
fn ratios(p: &Palette, text_min: f32) -> Vec<(&'static str, &'static str, f32, f32)> {
    let parsed: std::collections::BTreeMap<&str, Rgb> = colours(p)
        .into_iter()
        .filter_map(|(name, value)| Rgb::parse(value).ok().map(|c| (name, c)))
        .collect();
    let text = TEXT_PAIRS.iter().map(|pair| (pair, text_min));
    let graphics = GRAPHIC_PAIRS.iter().map(|pair| (pair, 3.0));
    text.chain(graphics)
        .filter_map(|(&(fg, bg), min)| {
            let (f, b) = (parsed.get(fg)?, parsed.get(bg)?);
            Some((fg, bg, f.contrast(*b), min))
        })
        .collect()
}

pub(super) fn check_theme(theme: &ThemeTokens, p: &mut FileProblems<'_>) {
    for (set, palette, text_min) in [
        (None, theme.palette(), 4.5),
        (Some("high_contrast"), theme.high_contrast.clone(), 7.0),
    ] {
        check_palette(set, &palette, text_min, p);
    }
    let numbers = crate::content::limits::theme_numbers(theme);
    for ((name, value), (_, least, most)) in numbers.into_iter().zip(THEME_RANGES) {
        let message = if !value.is_finite() {
            format!("{value} is not a number the kiosk can use; it must be from {least} to {most}")
        } else if value < least {
            format!("{value} is too small for a kiosk; it must be at least {least}")
        } else if value > most {
            format!("{value} is too large for a kiosk; it must be at most {most}")
        } else {
            continue;
        };
        p.at_path(&[&format!("{name}:")], name, message);
    }
}

/// Checks one colour set; `set` names it in the file (None: the top-level fields).
fn check_palette(set: Option<&str>, palette: &Palette, text_min: f32, p: &mut FileProblems<'_>) {
    // Where a colour is in the file: inside its set, inside `valve:` for the valve's.
    let place = |name: &str| -> (Vec<String>, String) {
        let mut path: Vec<String> = set.map(|s| format!("{s}:")).into_iter().collect();
        let leaf = match name.split_once('.') {
            Some((group, leaf)) => {
                path.push(format!("{group}:"));
                leaf
            }
            None => name,
        };
        path.push(format!("{leaf}:"));
        let field = set.map_or_else(|| name.to_owned(), |s| format!("{s}.{name}"));
        (path, field)
    };
    let mut report = |name: &str, message: String| {
        let (path, field) = place(name);
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        p.at_path(&path, field, message);
    };
    for (name, value) in colours(palette) {
        if let Err(why) = Rgb::parse(value) {
            report(name, why.to_string());
        }
    }
    for (fg, bg, ratio, min) in ratios(palette, text_min) {
        if ratio < min {
            report(
                fg,
                format!("contrast with {bg} is {ratio:.1}:1; it must be at least {min}:1"),
            );
        }
    }
}
