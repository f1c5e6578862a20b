//! A screen's picture, or a labelled placeholder when it is missing or cannot be drawn.

use egui::{Image, Rect, RichText, Stroke, StrokeKind, Ui, UiBuilder};

use super::View;

/// The egui URI under which a picture's bytes are registered at start-up.
pub fn picture_uri(name: &str) -> String {
    format!("bytes://illustrations/{name}")
}

/// Draws the current screen's picture as large as fits in `rect`, keeping its shape.
pub fn show(ui: &mut Ui, view: &View<'_>, rect: Rect) {
    let screen = view.screen();
    let alt = view.text().map_or("", |t| t.alt.as_str());
    let theme = view.theme;
    // The picture's description as a caption under it, so what it shows is said in words too.
    // Painted, not a widget: a screen reader already hears it as the picture's alt text.
    let caption = ui.painter().layout(
        alt.to_owned(),
        theme.small(),
        theme.muted_text,
        rect.width().min(rect.height()) * 0.95,
    );
    let room = caption.size().y + theme.tokens.gap;
    let side = rect.width().min(rect.height() - room).max(0.0);
    let square = Rect::from_center_size(
        egui::pos2(rect.center().x, rect.top() + (rect.height() - room) / 2.0),
        egui::vec2(side, side),
    );
    if view.pictures.contains(&screen.illustration) {
        let image = Image::from_uri(picture_uri(&screen.illustration))
            .alt_text(alt)
            .fit_to_exact_size(square.size())
            .show_loading_spinner(false);
        if image.load_for_size(ui.ctx(), square.size()).is_ok() {
            theme.plate(ui.painter(), square);
            ui.put(square, image);
            let at = egui::pos2(
                rect.center().x - caption.size().x / 2.0,
                square.bottom() + theme.tokens.gap / 2.0,
            );
            ui.painter().galley(at, caption, theme.muted_text);
            return;
        }
    }
    placeholder(ui, view, square, alt);
}

/// A calm box that says the picture is missing and what it would have shown.
fn placeholder(ui: &mut Ui, view: &View<'_>, rect: Rect, alt: &str) {
    let theme = view.theme;
    ui.painter().rect(
        rect,
        theme.radius(),
        theme.surface,
        Stroke::new(3.0, theme.control_border),
        StrokeKind::Inside,
    );
    let inner = rect.shrink(theme.tokens.margin);
    ui.scope_builder(UiBuilder::new().max_rect(inner), |ui| {
        ui.vertical_centered(|ui| {
            ui.label(RichText::new(&view.language().ui.picture_missing).font(theme.button()));
            ui.label(
                RichText::new(alt)
                    .font(theme.small())
                    .color(theme.muted_text),
            );
        });
    });
}
