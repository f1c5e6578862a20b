//! Design tokens from `theme.rs` turned into egui colours, fonts and spacing, applied in one place.

use std::sync::Arc;

use egui::{
    Color32, CornerRadius, FontData, FontDefinitions, FontFamily, FontId, Stroke, TextStyle,
};

use crate::content::{Palette, Rgb, ThemeTokens};

/// The app's look: tokens plus the colours parsed from one of its two colour sets.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Sizes and spacing, as the content gives them.
    pub tokens: ThemeTokens,
    /// Whether these are the high-contrast colours.
    pub high_contrast: bool,
    pub background: Color32,
    pub surface: Color32,
    pub text: Color32,
    pub muted_text: Color32,
    pub accent: Color32,
    pub accent_pressed: Color32,
    pub on_accent: Color32,
    pub control: Color32,
    pub control_pressed: Color32,
    pub control_border: Color32,
    pub callout: Color32,
    pub callout_border: Color32,
    pub progress_done: Color32,
    pub progress_todo: Color32,
    /// Drawn behind pictures where the page is dark (high contrast).
    pub picture_plate: Option<Color32>,
    /// The animated valve's colours.
    pub valve: ValveColors,
}

/// The animated valve's colours, parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValveColors {
    pub scene: Color32,
    pub outline: Color32,
    pub skin: Color32,
    pub muscle: Color32,
    pub vein: Color32,
    pub blood: Color32,
    pub pool: Color32,
    pub up: Color32,
}

/// The bold font family, for headings and buttons.
pub fn bold() -> FontFamily {
    FontFamily::Name("bold".into())
}

/// A colour from the tokens. Colours were checked when the content loaded; one that still fails
/// to parse shows as magenta so it is noticed, never as a crash.
fn colour(hex: &str) -> Color32 {
    Rgb::parse(hex).map_or(Color32::from_rgb(255, 0, 255), |Rgb(r, g, b)| {
        Color32::from_rgb(r, g, b)
    })
}

impl Theme {
    /// The normal theme.
    pub fn new(tokens: &ThemeTokens) -> Self {
        Self::with_contrast(tokens, false)
    }

    /// The normal theme, or with `high_contrast` the second colour set (the visitor's choice).
    pub fn with_contrast(tokens: &ThemeTokens, high_contrast: bool) -> Self {
        let palette = if high_contrast {
            tokens.high_contrast.clone()
        } else {
            tokens.palette()
        };
        Self::from_palette(tokens, &palette, high_contrast)
    }

    fn from_palette(tokens: &ThemeTokens, p: &Palette, high_contrast: bool) -> Self {
        let v = &p.valve;
        Self {
            high_contrast,
            background: colour(&p.background),
            surface: colour(&p.surface),
            text: colour(&p.text),
            muted_text: colour(&p.muted_text),
            accent: colour(&p.accent),
            accent_pressed: colour(&p.accent_pressed),
            on_accent: colour(&p.on_accent),
            control: colour(&p.control),
            control_pressed: colour(&p.control_pressed),
            control_border: colour(&p.control_border),
            callout: colour(&p.callout),
            callout_border: colour(&p.callout_border),
            progress_done: colour(&p.progress_done),
            progress_todo: colour(&p.progress_todo),
            picture_plate: p.picture_plate.as_deref().map(colour),
            valve: ValveColors {
                scene: colour(&v.scene),
                outline: colour(&v.outline),
                skin: colour(&v.skin),
                muscle: colour(&v.muscle),
                vein: colour(&v.vein),
                blood: colour(&v.blood),
                pool: colour(&v.pool),
                up: colour(&v.up),
            },
            tokens: tokens.clone(),
        }
    }

    /// Paints the light plate behind a picture at `rect`, where the theme has one.
    pub fn plate(&self, painter: &egui::Painter, rect: egui::Rect) {
        if let Some(plate) = self.picture_plate {
            painter.rect_filled(rect, self.radius(), plate);
        }
    }

    /// Body text font.
    pub fn body(&self) -> FontId {
        FontId::new(self.tokens.body_size, FontFamily::Proportional)
    }

    /// Heading font.
    pub fn heading(&self) -> FontId {
        FontId::new(self.tokens.heading_size, bold())
    }

    /// Button and card-title font.
    pub fn button(&self) -> FontId {
        FontId::new(self.tokens.button_text_size, bold())
    }

    /// Small print (sources, staff notes).
    pub fn small(&self) -> FontId {
        FontId::new(self.tokens.small_size, FontFamily::Proportional)
    }

    /// The fill of a selected choice: the control colour tinted with the accent, light enough
    /// that text on it keeps the control's contrast.
    pub fn chosen(&self) -> Color32 {
        self.control.lerp_to_gamma(self.accent, 0.3)
    }

    /// Corner radius of cards and buttons.
    pub fn radius(&self) -> CornerRadius {
        CornerRadius::from(self.tokens.corner_radius)
    }

    /// Sets fonts, text sizes, colours and spacing on the context. Tests call this too.
    pub fn apply(&self, ctx: &egui::Context) {
        ctx.set_fonts(fonts());
        ctx.options_mut(|o| {
            // A patient must not quit or zoom the kiosk from the keyboard.
            o.zoom_with_keyboard = false;
            o.quit_shortcuts.clear();
        });
        self.restyle(ctx);
    }

    /// Sets only the style (colours, sizes): switching between the two colour sets.
    pub fn restyle(&self, ctx: &egui::Context) {
        ctx.global_style_mut(|style| self.style(style));
    }

    fn style(&self, style: &mut egui::Style) {
        let t = &self.tokens;
        style.text_styles = [
            (TextStyle::Heading, self.heading()),
            (TextStyle::Body, self.body()),
            (TextStyle::Button, self.button()),
            (TextStyle::Small, self.small()),
            (
                TextStyle::Monospace,
                FontId::new(t.small_size, FontFamily::Proportional),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(t.gap, t.gap);
        style.spacing.button_padding = egui::vec2(t.gap * 2.0, t.gap);
        style.spacing.interact_size = egui::vec2(t.touch_target, t.touch_target);
        // Solid, always-drawn scroll bars: on touch there is no hover to reveal a floating one.
        style.spacing.scroll = egui::style::ScrollStyle::solid();
        style.spacing.scroll.bar_width = 16.0;
        style.interaction.tooltip_delay = f32::INFINITY;
        // Text is read, never selected: a selectable label swallows the tap meant for what lies
        // behind it (the attract screen's "touch anywhere") and a finger drag would select words
        // instead of scrolling.
        style.interaction.selectable_labels = false;

        let v = &mut style.visuals;
        v.dark_mode = self.high_contrast;
        v.override_text_color = Some(self.text);
        v.panel_fill = self.background;
        v.window_fill = self.surface;
        v.extreme_bg_color = self.surface;
        v.selection.bg_fill = self.accent;
        v.selection.stroke = Stroke::new(2.0, self.on_accent);
        let radius = self.radius();
        let border = Stroke::new(2.0, self.control_border);
        for (w, fill) in [
            (&mut v.widgets.inactive, self.control),
            (&mut v.widgets.hovered, self.control),
            (&mut v.widgets.active, self.control_pressed),
            (&mut v.widgets.open, self.control_pressed),
        ] {
            w.bg_fill = fill;
            w.weak_bg_fill = fill;
            w.bg_stroke = border;
            w.fg_stroke = Stroke::new(2.0, self.text);
            w.corner_radius = radius;
            w.expansion = 0.0;
        }
        // Pressed looks pressed at once: darker fill and a thicker border.
        v.widgets.active.bg_stroke = Stroke::new(4.0, self.accent_pressed);
        v.widgets.noninteractive.fg_stroke = Stroke::new(1.0, self.text);
        v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, self.control_border);
    }
}

/// Atkinson Hyperlegible, embedded; no system fonts are read, so every kiosk looks the same.
pub fn fonts() -> FontDefinitions {
    let mut fonts = FontDefinitions::empty();
    fonts.font_data.insert(
        "regular".into(),
        Arc::new(FontData::from_static(include_bytes!(
            "../assets/fonts/AtkinsonHyperlegible-Regular.ttf"
        ))),
    );
    fonts.font_data.insert(
        "bold".into(),
        Arc::new(FontData::from_static(include_bytes!(
            "../assets/fonts/AtkinsonHyperlegible-Bold.ttf"
        ))),
    );
    fonts
        .families
        .insert(FontFamily::Proportional, vec!["regular".into()]);
    fonts
        .families
        .insert(FontFamily::Monospace, vec!["regular".into()]);
    fonts
        .families
        .insert(bold(), vec!["bold".into(), "regular".into()]);
    fonts
}
