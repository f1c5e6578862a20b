//! `theme.ron`: design tokens, colours and their contrast pairs.

use serde::Deserialize;

/// `theme.ron`: design tokens. Colours are `#RRGGBB`; sizes are logical pixels.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Theme")]
pub struct ThemeTokens {
    pub background: String,
    pub surface: String,
    pub text: String,
    pub muted_text: String,
    pub accent: String,
    pub accent_pressed: String,
    pub on_accent: String,
    pub control: String,
    pub control_pressed: String,
    pub control_border: String,
    pub callout: String,
    pub callout_border: String,
    pub progress_done: String,
    pub progress_todo: String,
    /// Colours of the animated valve.
    pub valve: ValveColours,
    /// The second token set, for the visitor's "High contrast" choice: text at least 7:1,
    /// controls, focus ring and meaningful graphics at least 3:1 (`check` measures both sets).
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

/// Every colour of a theme: the normal set (the flat fields of [`ThemeTokens`]) or the
/// high-contrast one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "Palette")]
pub struct Palette {
    pub background: String,
    pub surface: String,
    pub text: String,
    pub muted_text: String,
    pub accent: String,
    pub accent_pressed: String,
    pub on_accent: String,
    pub control: String,
    pub control_pressed: String,
    pub control_border: String,
    pub callout: String,
    pub callout_border: String,
    pub progress_done: String,
    pub progress_todo: String,
    /// A light plate drawn behind pictures, so drawings made for a light page stay visible on a
    /// dark one. None: pictures sit on the page.
    #[serde(default)]
    pub picture_plate: Option<String>,
    pub valve: ValveColours,
}

impl ThemeTokens {
    /// The normal colours as a [`Palette`].
    pub fn palette(&self) -> Palette {
        Palette {
            background: self.background.clone(),
            surface: self.surface.clone(),
            text: self.text.clone(),
            muted_text: self.muted_text.clone(),
            accent: self.accent.clone(),
            accent_pressed: self.accent_pressed.clone(),
            on_accent: self.on_accent.clone(),
            control: self.control.clone(),
            control_pressed: self.control_pressed.clone(),
            control_border: self.control_border.clone(),
            callout: self.callout.clone(),
            callout_border: self.callout_border.clone(),
            progress_done: self.progress_done.clone(),
            progress_todo: self.progress_todo.clone(),
            picture_plate: None,
            valve: self.valve.clone(),
        }
    }
}
