//! Measuring text with the same fonts the PDF embeds: widths, and greedy word wrap.

use super::{BOLD, REGULAR};

/// Text measurement with the same fonts the PDF embeds.
pub(super) struct Measure {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

impl Measure {
    pub(super) fn new() -> Result<Self, crate::handout::HandoutError> {
        let face = ttf_parser::Face::parse;
        Ok(Self {
            regular: face(REGULAR, 0)?,
            bold: face(BOLD, 0)?,
        })
    }

    pub(super) fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(face.glyph_hor_advance(glyph).unwrap_or(0))
            })
            .sum();
        units as f32 * size / f32::from(face.units_per_em())
    }

    /// Greedy word wrap to `width` points; a word longer than a line is broken by characters.
    pub(super) fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size, bold) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if self.width(&line, size, bold) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::handout::pdf::BODY;

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        let m = Measure::new().unwrap();
        let text = "Aching or heavy legs on both sides, worse at the end of the day (most days)";
        let lines = m.wrap(text, BODY, false, 150.0);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(m.width(line, BODY, false) <= 150.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
        // A word longer than a line is broken, not run off the page.
        let code = "VK1-ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOP";
        let lines = m.wrap(code, BODY, false, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), code);
    }
}
