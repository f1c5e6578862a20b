//! Words on the screen for eyes and screen readers: callouts, titles, lists and paragraphs (the
//! sentence being read aloud marked), pictures on their plate, live regions.

use egui::{FontId, Response, Role, Sense, Stroke, Ui, Vec2, WidgetInfo, WidgetText};

use crate::theme::Theme;

use super::{keep_in_view, marked};

/// The amber frame of every highlighted message; `weight` sets its border and margin, higher for
/// more urgent messages (red flags).
pub fn callout_frame(theme: &Theme, weight: f32) -> egui::Frame {
    egui::Frame::new()
        .fill(theme.callout)
        .stroke(Stroke::new(3.0 * weight, theme.callout_border))
        .corner_radius(theme.radius())
        .inner_margin(theme.tokens.gap * 1.5 * weight)
}

/// A highlighted message with a coloured border.
pub fn callout(ui: &mut Ui, theme: &Theme, text: impl Into<WidgetText>) {
    callout_frame(theme, 1.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(text);
    });
}

/// The id of the screen's title, where keyboard focus lands on a new screen. Keys that page
/// (Space) still page while it has focus: it is not a control.
pub fn heading_id() -> egui::Id {
    egui::Id::unique("vein-kiosk-screen-heading")
}

/// A title: a heading for screen readers (with its text as its name). With `focus_key`, it is the
/// screen's title: it takes keyboard focus whenever the key (what is shown) changes, so a screen
/// reader starts reading the new screen at its title and Tab goes on from there.
pub fn heading(
    ui: &mut Ui,
    theme: &Theme,
    title: &str,
    font: FontId,
    focus_key: Option<u64>,
) -> Response {
    let mut job = marked(ui, theme, title, font, theme.text);
    job.wrap.max_width = ui.available_width();
    let galley = ui.painter().layout_job(job);
    let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::hover());
    let response = match focus_key {
        Some(_) => ui.interact(rect, heading_id(), Sense::focusable_noninteractive()),
        None => response,
    };
    response.widget_info(|| WidgetInfo::labeled(Role::Heading, true, title));
    keep_in_view(ui, title, &response);
    ui.painter().galley(rect.min, galley, theme.text);
    if let Some(key) = focus_key {
        let shown = egui::Id::unique("vein-kiosk-heading-shown-for");
        if ui.data(|d| d.get_temp::<u64>(shown)) != Some(key) {
            ui.data_mut(|d| d.insert_temp(shown, key));
            response.request_focus();
        }
    }
    response
}

/// Adds a picture with `add`, on the theme's light plate where it has one (high contrast: the
/// drawings were made for a light page).
pub fn on_plate(ui: &mut Ui, theme: &Theme, add: impl FnOnce(&mut Ui) -> Response) -> Response {
    let behind = ui.painter().add(egui::Shape::Noop);
    let response = add(ui);
    if let Some(plate) = theme.picture_plate {
        ui.painter().set(
            behind,
            egui::epaint::RectShape::filled(response.rect.expand(4.0), theme.radius(), plate),
        );
    }
    response
}

/// Makes what `response` shows a live region: screen readers announce it when it appears or
/// changes, at once (`urgent`: the red-flag alert) or politely (the idle countdown, whose number
/// changes every second and must not cut off everything else; the warning itself is read aloud).
pub fn live_region(ui: &Ui, response: &Response, urgent: bool) {
    let live = if urgent {
        egui::accesskit::Live::Assertive
    } else {
        egui::accesskit::Live::Polite
    };
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_live(live));
}

/// A list for screen readers (bullets, cards, the summary's lines): its items are read as "list
/// of N items".
pub fn list<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.scope_builder(egui::UiBuilder::new().accessibility_role(Role::List), add)
        .inner
}

/// One item of a [`list`]: `lead` (a pictogram, or a drawn bullet when None) and the item's
/// words, wrapped beside it. Screen readers read it as a list item with its words.
pub fn list_item(
    ui: &mut Ui,
    theme: &Theme,
    text: &str,
    font: Option<FontId>,
    lead: Option<&dyn Fn(&mut Ui)>,
) {
    let builder = egui::UiBuilder::new()
        .layout(egui::Layout::left_to_right(egui::Align::Min))
        .accessibility_role(Role::ListItem)
        .accessibility_label(text);
    ui.scope_builder(builder, |ui| {
        match lead {
            Some(lead) => lead(ui),
            None => {
                // A drawn dot: a "•" label would be read out as a separate item.
                let size = theme.tokens.body_size;
                let (rect, _) = ui.allocate_exact_size(Vec2::new(size * 0.6, size), Sense::hover());
                ui.painter().circle_filled(
                    egui::pos2(rect.center().x, rect.top() + size * 0.55),
                    size * 0.14,
                    theme.text,
                );
            }
        }
        let font = font.unwrap_or_else(|| theme.body());
        let response = ui.add(egui::Label::new(marked(ui, theme, text, font, theme.text)).wrap());
        keep_in_view(ui, text, &response);
    });
}

/// A paragraph, with the sentence being read aloud marked. While read-aloud is on
/// (`read_aloud`), touching it says it again, alone.
pub fn paragraph(
    ui: &mut Ui,
    theme: &Theme,
    words: &str,
    read_aloud: bool,
    out: &mut Vec<crate::command::Command>,
) -> Response {
    let text = marked(ui, theme, words, theme.body(), theme.text);
    let label = egui::Label::new(text).wrap();
    let label = if read_aloud {
        label.sense(Sense::click())
    } else {
        label
    };
    let response = ui.add(label);
    keep_in_view(ui, words, &response);
    if read_aloud && response.clicked() {
        out.push(crate::command::Command::Say(words.to_owned()));
    }
    response
}
