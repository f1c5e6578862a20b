//! Colours as the content writes them (`#RRGGBB`) and their WCAG contrast.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#RRGGBB`.
    pub fn parse(text: &str) -> Result<Self, super::NotAColour> {
        let wrong = || super::NotAColour(text.to_owned());
        let hex = text
            .strip_prefix('#')
            .filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()))
            .ok_or_else(wrong)?;
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| wrong());
        Ok(Self(byte(0)?, byte(2)?, byte(4)?))
    }

    /// Relative luminance (WCAG 2.x).
    pub fn luminance(self) -> f32 {
        let channel = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Contrast ratio between two colours, from 1 to 21.
    pub fn contrast(self, other: Self) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_on_white_is_21_to_1() {
        let ratio = Rgb(0, 0, 0).contrast(Rgb(255, 255, 255));
        assert!((ratio - 21.0).abs() < 0.01, "{ratio}");
    }

    #[test]
    fn parse_rejects_short_and_non_hex() {
        assert_eq!(Rgb::parse("#1D5A8C"), Ok(Rgb(0x1D, 0x5A, 0x8C)));
        assert!(Rgb::parse("#1D5A8").is_err());
        assert!(Rgb::parse("1D5A8C").is_err());
        assert!(Rgb::parse("#GG5A8C").is_err());
    }
}
