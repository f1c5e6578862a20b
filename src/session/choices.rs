//! What a visitor chose about how the kiosk looks and sounds: text size, contrast, read aloud,
//! motion. Wiped with everything else of the visitor.

/// How large the whole interface is drawn: the visitor's "Larger text" (WCAG 1.4.4).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TextStep {
    /// 100%.
    #[default]
    Normal,
    /// 150%.
    Larger,
    /// 200%.
    Largest,
}

impl TextStep {
    /// Every step, smallest first.
    pub const ALL: [Self; 3] = [Self::Normal, Self::Larger, Self::Largest];

    /// The size in percent.
    pub fn percent(self) -> u16 {
        match self {
            Self::Normal => 100,
            Self::Larger => 150,
            Self::Largest => 200,
        }
    }

    /// The zoom factor the whole interface is drawn at.
    pub fn zoom(self) -> f32 {
        f32::from(self.percent()) / 100.0
    }

    /// The step after this one; after 200% back to 100%.
    pub fn next(self) -> Self {
        match self {
            Self::Normal => Self::Larger,
            Self::Larger => Self::Largest,
            Self::Largest => Self::Normal,
        }
    }

    /// The step nearest to `percent` (a clinic's setting).
    pub fn from_percent(percent: u16) -> Self {
        match percent {
            0..=124 => Self::Normal,
            125..=174 => Self::Larger,
            _ => Self::Largest,
        }
    }
}

/// What the visitor chose about how the kiosk looks and sounds. Wiped with everything else of
/// the visitor, back to the clinic's defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Choices {
    /// "Larger text".
    pub text: TextStep,
    /// "High contrast": the second colour set.
    pub high_contrast: bool,
    /// "Read aloud": each screen is spoken when it appears.
    pub read_aloud: bool,
    /// "Reduce motion": still pictures with arrows instead of animation.
    pub reduce_motion: bool,
}

impl Choices {
    /// The clinic's defaults from the settings.
    pub fn defaults(settings: &crate::content::Settings) -> Self {
        Self {
            text: TextStep::from_percent(settings.text_percent),
            high_contrast: settings.high_contrast,
            read_aloud: settings.read_aloud,
            reduce_motion: settings.reduce_motion,
        }
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn larger_text_goes_100_150_200_and_round_and_draws_at_that_zoom() {
        let sizes: Vec<(u16, f32)> = TextStep::ALL
            .iter()
            .map(|s| (s.percent(), s.zoom()))
            .collect();
        assert_eq!(sizes, [(100, 1.0), (150, 1.5), (200, 2.0)]);
        let mut step = TextStep::default();
        let mut seen = vec![step];
        for _ in 0..3 {
            step = step.next();
            seen.push(step);
        }
        assert_eq!(
            seen,
            [
                TextStep::Normal,
                TextStep::Larger,
                TextStep::Largest,
                TextStep::Normal
            ]
        );
    }

    #[test]
    fn a_clinics_size_is_the_nearest_step_and_its_defaults_are_the_visitors_start() {
        for (percent, step) in [
            (0, TextStep::Normal),
            (124, TextStep::Normal),
            (125, TextStep::Larger),
            (174, TextStep::Larger),
            (175, TextStep::Largest),
            (400, TextStep::Largest),
        ] {
            assert_eq!(TextStep::from_percent(percent), step, "{percent}%");
        }
        let mut settings = crate::content::Content::built_in()
            .expect("built-in content")
            .settings;
        settings.text_percent = 150;
        settings.high_contrast = true;
        settings.read_aloud = true;
        settings.reduce_motion = true;
        assert_eq!(
            Choices::defaults(&settings),
            Choices {
                text: TextStep::Larger,
                high_contrast: true,
                read_aloud: true,
                reduce_motion: true,
            }
        );
    }
}
