//! Design tokens from `theme.rs` turned into egui colours, fonts and spacing, applied in one place.

use std::sync::Arc;

use egui::{
    Color32, CornerRadius, FontData, FontDefinitions, FontFamily, FontId, Stroke, TextStyle,
};

use crate::content::{Rgb, ThemeTokens};

/// The app's look: tokens plus the colours parsed from them.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Sizes and spacing, as the content gives them.
    pub tokens: ThemeTokens,
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
}

/// The bold font family, for headings and buttons.
pub fn bold() -> FontFamily {
    FontFamily::Name("bold".into())
}

impl Theme {
    /// Builds the theme from tokens. Colours were checked when the content loaded; one that
    /// still fails to parse shows as magenta so it is noticed, never as a crash.
    pub fn new(tokens: &ThemeTokens) -> Self {
        let c = |hex: &str| {
            Rgb::parse(hex).map_or(Color32::from_rgb(255, 0, 255), |Rgb(r, g, b)| {
                Color32::from_rgb(r, g, b)
            })
        };
        Self {
            background: c(&tokens.background),
            surface: c(&tokens.surface),
            text: c(&tokens.text),
            muted_text: c(&tokens.muted_text),
            accent: c(&tokens.accent),
            accent_pressed: c(&tokens.accent_pressed),
            on_accent: c(&tokens.on_accent),
            control: c(&tokens.control),
            control_pressed: c(&tokens.control_pressed),
            control_border: c(&tokens.control_border),
            callout: c(&tokens.callout),
            callout_border: c(&tokens.callout_border),
            progress_done: c(&tokens.progress_done),
            progress_todo: c(&tokens.progress_todo),
            tokens: tokens.clone(),
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
        v.dark_mode = false;
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
