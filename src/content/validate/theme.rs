//! Design tokens: colours that are readable, touch targets big enough.

use crate::content::model::ThemeTokens;
use crate::content::{FileProblems, Rgb};

pub(super) fn check_theme(theme: &ThemeTokens, p: &mut FileProblems<'_>) {
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
