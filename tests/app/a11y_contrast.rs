//! The high-contrast colour set meets WCAG AAA for text (7:1, 1.4.6) and 3:1 for controls, the
//! focus ring (drawn in the text colour) and meaningful graphics (1.4.11), measured on the
//! built-in theme, including colours the code mixes (a chosen answer's fill). Prints the ratios:
//!   cargo test --test app a11y_contrast:: -- --nocapture
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use vein_kiosk::content::Rgb;
use vein_kiosk::theme::Theme;

fn rgb(c: egui::Color32) -> Rgb {
    Rgb(c.r(), c.g(), c.b())
}

#[test]
fn high_contrast_text_is_7_to_1_and_graphics_3_to_1() {
    let c = common::content();
    let t = Theme::with_contrast(&c.theme, true);
    let text = [
        ("text", t.text, "background", t.background),
        ("text", t.text, "surface", t.surface),
        ("muted_text", t.muted_text, "background", t.background),
        ("muted_text", t.muted_text, "surface", t.surface),
        ("text", t.text, "control", t.control),
        ("text", t.text, "control_pressed", t.control_pressed),
        ("text", t.text, "chosen answer", t.chosen()),
        ("text", t.text, "callout", t.callout),
        ("text", t.text, "progress_todo", t.progress_todo),
        ("on_accent", t.on_accent, "accent", t.accent),
        ("on_accent", t.on_accent, "accent_pressed", t.accent_pressed),
        ("on_accent", t.on_accent, "progress_done", t.progress_done),
    ];
    let v = t.valve;
    let graphics = [
        ("focus ring (text)", t.text, "background", t.background),
        (
            "control_border",
            t.control_border,
            "background",
            t.background,
        ),
        ("control_border", t.control_border, "surface", t.surface),
        ("progress_done", t.progress_done, "background", t.background),
        (
            "chosen border (accent)",
            t.accent,
            "background",
            t.background,
        ),
        ("callout_border", t.callout_border, "callout", t.callout),
        ("valve outline", v.outline, "valve scene", v.scene),
        ("valve outline", v.outline, "vein", v.vein),
        ("blood", v.blood, "vein", v.vein),
        ("rising arrow", v.up, "valve scene", v.scene),
        ("slipping arrow", v.pool, "valve scene", v.scene),
    ];
    let mut failures = Vec::new();
    for (set, min) in [(&text[..], 7.0), (&graphics[..], 3.0)] {
        for (fg, a, bg, b) in set {
            let ratio = rgb(*a).contrast(rgb(*b));
            println!("{fg} on {bg}: {ratio:.1}:1 (at least {min}:1)");
            if ratio < min {
                failures.push(format!("{fg} on {bg}: {ratio:.2}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
