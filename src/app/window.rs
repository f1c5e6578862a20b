//! The window and egui's context: the window's name, filling the screen in kiosk mode, the
//! texture size egui is told it may use, and the pictures handed to it.

use std::collections::BTreeSet;

use egui::Pos2;

use super::App;
use crate::content::Content;
use crate::ui::picture_uri;

impl App {
    /// The window's name, for the window list and screen readers: the clinic's name and the
    /// title of what is shown.
    pub fn window_title(&self) -> String {
        let language = self.content.language(&self.session.language);
        let shown = match &self.session.route {
            crate::navigation::Route::Attract => Some(language.ui.attract_title.clone()),
            route => crate::speech::utterances(&self.content, language, route)
                .into_iter()
                .next(),
        };
        let clinic = &self.content.settings.clinic_name;
        match shown {
            Some(title) => format!("{clinic}: {title}"),
            None => clinic.clone(),
        }
    }

    pub(super) fn name_window(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| {
            node.set_label(title.clone());
        });
        if self.window_named.as_deref() != Some(title.as_str()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_named = Some(title);
        }
    }

    pub(super) fn keep_filling_screen(&mut self, ctx: &egui::Context) {
        if self.fill_screen_tries == 0 {
            return;
        }
        let (monitor, inner) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().inner_rect));
        let (Some(monitor), Some(inner)) = (monitor, inner) else {
            return;
        };
        if (inner.size() - monitor).length() <= 2.0 && inner.min.to_vec2().length() <= 2.0 {
            self.fill_screen_tries = 0;
            return;
        }
        self.fill_screen_tries -= 1;
        ctx.send_viewport_cmd(egui::ViewportCommand::Decorations(false));
        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(Pos2::ZERO));
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(monitor));
    }
}

/// The widest texture egui is told it may make. egui makes its glyph atlas as wide as the driver
/// allows: 16384 pixels with Mesa's software renderer, so even a few rows of the kiosk's large
/// glyphs took 4 MB in the process and 4 MB more in the driver (PSS 96 MB against 89 MB with
/// this cap, measured at start-up under Xvfb). 2048 is egui's own default and what every test and
/// snapshot runs with. Only egui's own bookkeeping reads it; the driver's real limit still holds
/// for a wider picture.
pub const MAX_TEXTURE_SIDE: usize = 2048;

// A picture `check` passes must fit in a texture egui is told it may make.
const _: () = assert!(crate::content::limits::MAX_PICTURE_SIDE as usize <= MAX_TEXTURE_SIDE);

/// Lowers the driver's texture limit to [`MAX_TEXTURE_SIDE`] (eframe passes it on the first frame).
pub fn cap_texture_side(raw_input: &mut egui::RawInput) {
    if let Some(side) = raw_input.max_texture_side.as_mut() {
        *side = (*side).min(MAX_TEXTURE_SIDE);
    }
}

/// Hands egui the bytes of every picture `content` names that it does not hold yet (by
/// [`picture_uri`]), and notes each in `held`; a missing one is left to the placeholder. Both
/// the kiosk and presenter mode load their pictures this way.
pub(crate) fn hand_pictures_to_egui(
    ctx: &egui::Context,
    content: &Content,
    held: &mut BTreeSet<String>,
) {
    for name in content.all_pictures() {
        if held.contains(name) {
            continue;
        }
        if let Some(bytes) = content.source.illustration(name) {
            ctx.include_bytes(picture_uri(name), bytes.into_owned());
            held.insert(name.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_texture_limit_is_capped_and_never_raised() {
        let mut input = egui::RawInput {
            max_texture_side: Some(16384),
            ..Default::default()
        };
        cap_texture_side(&mut input);
        assert_eq!(input.max_texture_side, Some(MAX_TEXTURE_SIDE));
        input.max_texture_side = Some(1024);
        cap_texture_side(&mut input);
        assert_eq!(
            input.max_texture_side,
            Some(1024),
            "a smaller driver limit stays"
        );
        input.max_texture_side = None;
        cap_texture_side(&mut input);
        assert_eq!(
            input.max_texture_side, None,
            "frames without the limit keep egui's"
        );
    }
}
