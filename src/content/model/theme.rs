//! `theme.ron`: design tokens, colours and their contrast pairs.

use serde::Deserialize;

/// Writes the theme's colour names once: the flat colour fields of [`ThemeTokens`] (as clinics
/// write them in `theme.ron`), the same fields of [`Palette`] (the high-contrast set), the
/// normal set as a `Palette` and each colour by the name `check` reports.
macro_rules! colour_tokens {
    ($($name:ident),* $(,)?) => {
        /// `theme.ron`: design tokens. Colours are `#RRGGBB`; sizes are logical pixels.
        #[derive(Debug, Clone, Deserialize)]
        #[serde(deny_unknown_fields, rename = "Theme")]
        pub struct ThemeTokens {
            $(pub $name: String,)*
            /// Colours of the animated valve.
            pub valve: ValveColours,
            /// The second token set, for the visitor's "High contrast" choice: text at least
            /// 7:1, controls, focus ring and meaningful graphics at least 3:1 (`check` measures
            /// both sets).
            pub high_contrast: Palette,
            pub body_size: f32,
            pub heading_size: f32,
            pub card_title_size: f32,
            pub small_size: f32,
            pub button_text_size: f32,
            /// Smallest side of anything a finger taps.
            pub touch_target: f32,
            /// Space between controls.
            pub gap: f32,
            pub margin: f32,
            pub corner_radius: f32,
            /// Longest line of body text, for reading comfort on wide screens.
            pub max_text_width: f32,
        }

        /// Every colour of a theme: the normal set (the flat colour fields of [`ThemeTokens`])
        /// or the high-contrast one.
        #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
        #[serde(deny_unknown_fields, rename = "Palette")]
        pub struct Palette {
            $(pub $name: String,)*
            /// A light plate drawn behind pictures, so drawings made for a light page stay
            /// visible on a dark one. None: pictures sit on the page.
            #[serde(default)]
            pub picture_plate: Option<String>,
            pub valve: ValveColours,
        }

        impl ThemeTokens {
            /// The normal colours as a [`Palette`].
            pub fn palette(&self) -> Palette {
                Palette {
                    $($name: self.$name.clone(),)*
                    picture_plate: None,
                    valve: self.valve.clone(),
                }
            }
        }

        impl Palette {
            /// The page's colours (not the valve's or the plate), each by its field name.
            pub fn page_colours(&self) -> Vec<(&'static str, &str)> {
                vec![$((stringify!($name), self.$name.as_str()),)*]
            }
        }
    };
}

colour_tokens!(
    background,
    surface,
    text,
    muted_text,
    accent,
    accent_pressed,
    on_accent,
    control,
    control_pressed,
    control_border,
    callout,
    callout_border,
    progress_done,
    progress_todo,
);

/// Colours of the animated valve: the scene behind it and what is drawn on it. Meaningful parts
/// (outline, blood, the arrows) keep at least 3:1 against the scene.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "Valve")]
pub struct ValveColours {
    pub scene: String,
    pub outline: String,
    pub skin: String,
    pub muscle: String,
    pub vein: String,
    pub blood: String,
    /// Pooling blood and the arrow of blood slipping back.
    pub pool: String,
    /// The arrow of blood rising.
    pub up: String,
}
