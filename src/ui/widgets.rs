//! Touch-sized controls, drawn by hand so that every one shows a pressed state the moment a finger
//! lands, needs no hover, and tells screen readers what it is.

use egui::{
    Align2, Color32, FontId, Response, Role, Sense, Stroke, StrokeKind, Ui, Vec2, WidgetInfo,
    WidgetText, text::LayoutJob,
};

use crate::theme::Theme;

use super::reading::reading;
pub use super::reading::{keep_in_view, marked, set_reading};

/// How a button looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The main action on the screen (Next, Start).
    Primary,
    /// Any other action.
    Secondary,
    /// One of a set of choices (a language, an answer, a valve mode): selected or not. Looks
    /// unlike an action when selected (a tinted fill and a thick border, not a solid one) and
    /// always tells screen readers whether it is selected.
    Choice(bool),
}

/// A big button: at least `min` in size, text wrapped to the width it gets, pressed state on touch.
pub fn big_button(ui: &mut Ui, theme: &Theme, label: &str, look: Look, min: Vec2) -> Response {
    let font = theme.button();
    let pad = Vec2::new(theme.tokens.gap * 2.0, theme.tokens.gap);
    let wrap_width = (ui.available_width() - 2.0 * pad.x)
        .max(min.x - 2.0 * pad.x)
        .max(40.0);
    let galley = ui
        .painter()
        .layout(label.to_owned(), font, Color32::PLACEHOLDER, wrap_width);
    let size = (galley.size() + 2.0 * pad).max(min);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| match look {
        Look::Choice(selected) => WidgetInfo::selected(Role::Button, true, selected, label),
        Look::Primary | Look::Secondary => WidgetInfo::labeled(Role::Button, true, label),
    });
    if ui.is_rect_visible(rect) {
        let pressed = response.is_pointer_button_down_on();
        let (fill, text, border) = match (look, pressed) {
            (Look::Primary, false) => (theme.accent, theme.on_accent, theme.accent),
            (Look::Primary, true) => (theme.accent_pressed, theme.on_accent, theme.text),
            (Look::Choice(true), false) => (theme.chosen(), theme.text, theme.accent),
            (Look::Secondary | Look::Choice(false), false) => {
                (theme.control, theme.text, theme.control_border)
            }
            (Look::Secondary | Look::Choice(_), true) => {
                (theme.control_pressed, theme.text, theme.text)
            }
        };
        let width = match (look, pressed) {
            (_, true) | (Look::Choice(true), false) => 5.0,
            (Look::Primary | Look::Secondary | Look::Choice(false), false) => 2.0,
        };
        let painter = ui.painter();
        painter.rect(
            rect,
            theme.radius(),
            fill,
            Stroke::new(width, border),
            StrokeKind::Inside,
        );
        if response.has_focus() {
            painter.rect_stroke(
                rect.expand(3.0),
                theme.radius(),
                Stroke::new(3.0, theme.text),
                StrokeKind::Outside,
            );
        }
        if reading(ui).is_some_and(|now| now.trim() == label.trim()) {
            // Being read aloud: a thick ring in the reading mark's colour, outside the focus ring.
            painter.rect_stroke(
                rect.expand(7.0),
                theme.radius(),
                Stroke::new(4.0, theme.callout_border),
                StrokeKind::Outside,
            );
        }
        let pos = rect.center() - galley.size() / 2.0;
        painter.galley(pos, galley, text);
    }
    response
}

/// One section of the progress bar: done, current, or still to come. Tapping it jumps there.
pub fn progress_segment(
    ui: &mut Ui,
    theme: &Theme,
    label: &str,
    state: Progress,
    size: Vec2,
) -> Response {
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| {
        WidgetInfo::selected(Role::Button, true, state == Progress::Current, label)
    });
    if ui.is_rect_visible(rect) {
        let pressed = response.is_pointer_button_down_on();
        let (fill, text) = match state {
            Progress::Done => (theme.progress_done, theme.on_accent),
            Progress::Current => (theme.accent_pressed, theme.on_accent),
            Progress::ToCome => (theme.progress_todo, theme.text),
        };
        let stroke = match (pressed, state) {
            (true, _) => Stroke::new(4.0, theme.text),
            (false, Progress::Current) => Stroke::new(3.0, theme.text),
            _ => Stroke::NONE,
        };
        let painter = ui.painter();
        painter.rect(rect, theme.radius(), fill, stroke, StrokeKind::Inside);
        focus_ring(ui, theme, &response);
        let galley =
            ui.painter()
                .layout_job(one_line(label, theme.small(), text, rect.width() - 12.0));
        painter.galley(
            Align2::CENTER_CENTER
                .align_size_within_rect(galley.size(), rect)
                .min,
            galley,
            text,
        );
    }
    response
}

/// Where a section stands relative to the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Done,
    Current,
    ToCome,
}

/// A single line of text that ends in "…" rather than spilling out of its box.
fn one_line(text: &str, font: FontId, color: Color32, width: f32) -> LayoutJob {
    let mut job = LayoutJob::simple_singleline(text.to_owned(), font, color);
    job.wrap.max_width = width.max(10.0);
    job.wrap.max_rows = 1;
    job.wrap.break_anywhere = true;
    job
}

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

/// A picture card: the picture with its label below. `selected` makes it a tick box (ticked when
/// `Some(true)`), for self-check signs; `None` makes it a plain button, for education cards.
pub fn picture_card(
    ui: &mut Ui,
    theme: &Theme,
    picture: &str,
    label: &str,
    selected: Option<bool>,
    size: (f32, f32),
) -> Response {
    let (width, picture_max) = size;
    let pad = theme.tokens.gap;
    let font = theme.button();
    let galley = ui.painter().layout(
        label.to_owned(),
        font,
        Color32::PLACEHOLDER,
        width - 2.0 * pad,
    );
    let picture_side = (width - 2.0 * pad).min(picture_max);
    // Room for two lines of label on every card, so a row of cards lines up.
    let two_lines = ui
        .painter()
        .layout_no_wrap("Ag\nAg".to_owned(), theme.button(), Color32::PLACEHOLDER)
        .size()
        .y;
    let size = Vec2::new(
        width,
        picture_side + galley.size().y.max(two_lines) + 3.0 * pad,
    );
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| match selected {
        Some(ticked) => WidgetInfo::selected(Role::CheckBox, true, ticked, label),
        None => WidgetInfo::labeled(Role::Button, true, label),
    });
    let selected = selected == Some(true);
    if ui.is_rect_visible(rect) {
        let pressed = response.is_pointer_button_down_on();
        let fill = if pressed {
            theme.control_pressed
        } else if selected {
            theme.callout
        } else {
            theme.surface
        };
        let stroke = if selected || pressed {
            Stroke::new(5.0, theme.accent)
        } else {
            Stroke::new(2.0, theme.control_border)
        };
        ui.painter()
            .rect(rect, theme.radius(), fill, stroke, StrokeKind::Inside);
        focus_ring(ui, theme, &response);
        let picture_rect = egui::Rect::from_center_size(
            egui::pos2(rect.center().x, rect.top() + pad + picture_side / 2.0),
            Vec2::splat(picture_side),
        );
        theme.plate(ui.painter(), picture_rect.expand(4.0));
        egui::Image::from_uri(picture)
            .show_loading_spinner(false)
            .paint_at(ui, picture_rect);
        let text_pos = egui::pos2(
            rect.center().x - galley.size().x / 2.0,
            picture_rect.bottom() + pad,
        );
        ui.painter().galley(text_pos, galley, theme.text);
        if selected {
            // A tick in a filled circle, top right: chosen is visible without colour alone.
            let c = rect.right_top() + Vec2::new(-28.0, 28.0);
            ui.painter().circle_filled(c, 20.0, theme.accent);
            let tick = [
                c + Vec2::new(-9.0, 0.0),
                c + Vec2::new(-2.0, 7.0),
                c + Vec2::new(10.0, -8.0),
            ];
            ui.painter()
                .line(tick.to_vec(), Stroke::new(4.0, theme.on_accent));
        }
    }
    response
}

/// The pictogram drawn on a visitor's control, so it is found without reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    /// A small and a large letter A.
    LargerText,
    /// A circle, half dark.
    Contrast,
    /// A loudspeaker with sound waves.
    Speaker,
    /// Two still bars (pause).
    Still,
}

/// One of the visitor's controls (larger text, high contrast, read aloud, reduce motion): a
/// pictogram and its name, at least `min`. `on` makes it an on/off toggle (exposed as toggled);
/// `None` makes it a plain button. `badge` is a short note drawn at its right ("150%"), also
/// given to screen readers as the control's value.
pub fn access_button(
    ui: &mut Ui,
    theme: &Theme,
    (label, icon): (&str, Icon),
    on: Option<bool>,
    badge: Option<u16>,
    min: Vec2,
) -> Response {
    let font = theme.button();
    let gap = theme.tokens.gap;
    let icon_side = theme.tokens.button_text_size * 1.2;
    let galley = ui
        .painter()
        .layout_no_wrap(label.to_owned(), font.clone(), Color32::PLACEHOLDER);
    let badge_galley = badge.map(|b| {
        ui.painter()
            .layout_no_wrap(format!("{b}%"), font.clone(), Color32::PLACEHOLDER)
    });
    let badge_width = badge_galley.as_ref().map_or(0.0, |g| g.size().x + gap);
    // Room at the right for the tick that shows "on" (so it never covers the name).
    let tick_room = if on.is_some() { gap * 1.5 } else { 0.0 };
    let size = Vec2::new(
        gap * 3.0 + icon_side + galley.size().x + badge_width + tick_room,
        galley.size().y + gap * 2.0,
    )
    .max(min);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| {
        let mut info = match on {
            Some(on) => WidgetInfo::selected(Role::Button, true, on, label),
            None => WidgetInfo::labeled(Role::Button, true, label),
        };
        info.value = badge.map(f64::from);
        info
    });
    if ui.is_rect_visible(rect) {
        let pressed = response.is_pointer_button_down_on();
        let on = on == Some(true);
        let (fill, ink) = match (pressed, on) {
            (true, _) => (theme.control_pressed, theme.text),
            (false, true) => (theme.accent, theme.on_accent),
            (false, false) => (theme.control, theme.text),
        };
        let border = if on || pressed {
            Stroke::new(4.0, theme.text)
        } else {
            Stroke::new(2.0, theme.control_border)
        };
        let painter = ui.painter();
        painter.rect(rect, theme.radius(), fill, border, StrokeKind::Inside);
        focus_ring(ui, theme, &response);
        let icon_rect = egui::Rect::from_center_size(
            egui::pos2(rect.left() + gap * 1.5 + icon_side / 2.0, rect.center().y),
            Vec2::splat(icon_side),
        );
        paint_icon(ui.painter(), icon, icon_rect, ink, fill);
        let text_pos = egui::pos2(
            icon_rect.right() + gap,
            rect.center().y - galley.size().y / 2.0,
        );
        ui.painter().galley(text_pos, galley, ink);
        if let Some(badge) = badge_galley {
            let pos = egui::pos2(
                rect.right() - gap - badge.size().x,
                rect.center().y - badge.size().y / 2.0,
            );
            ui.painter().galley(pos, badge, ink);
        }
        if on {
            // On is shown by a tick too, not by colour alone.
            let c = egui::pos2(rect.right() - 12.0, rect.top() + 12.0);
            ui.painter().line(
                vec![
                    c + Vec2::new(-6.0, 0.0),
                    c + Vec2::new(-2.0, 4.0),
                    c + Vec2::new(5.0, -5.0),
                ],
                Stroke::new(3.0, ink),
            );
        }
    }
    response
}

/// The keyboard focus ring: a thick ring in the text colour around a focused control (at least
/// 3:1 against the page in both colour sets; `check` measures text on background).
pub fn focus_ring(ui: &Ui, theme: &Theme, response: &Response) {
    if response.has_focus() {
        ui.painter().rect_stroke(
            response.rect.expand(3.0),
            theme.radius(),
            Stroke::new(4.0, theme.text),
            StrokeKind::Outside,
        );
    }
}

fn paint_icon(painter: &egui::Painter, icon: Icon, r: egui::Rect, ink: Color32, fill: Color32) {
    let s = r.width();
    match icon {
        Icon::LargerText => {
            let small = FontId::new(s * 0.55, crate::theme::bold());
            let large = FontId::new(s * 0.95, crate::theme::bold());
            painter.text(r.left_bottom(), Align2::LEFT_BOTTOM, "A", small, ink);
            painter.text(r.right_bottom(), Align2::RIGHT_BOTTOM, "A", large, ink);
        }
        Icon::Contrast => {
            let c = r.center();
            let radius = s * 0.45;
            painter.circle(c, radius, fill, Stroke::new(2.5, ink));
            let half: Vec<egui::Pos2> = (0..=16)
                .map(|i| {
                    let a = std::f32::consts::PI * (-0.5 + i as f32 / 16.0);
                    c + Vec2::new(a.cos(), a.sin()) * radius
                })
                .collect();
            painter.add(egui::Shape::convex_polygon(half, ink, Stroke::NONE));
        }
        Icon::Speaker => {
            let x = r.left();
            let y = r.center().y;
            let body = [
                egui::pos2(x, y - s * 0.15),
                egui::pos2(x + s * 0.2, y - s * 0.15),
                egui::pos2(x + s * 0.45, y - s * 0.4),
                egui::pos2(x + s * 0.45, y + s * 0.4),
                egui::pos2(x + s * 0.2, y + s * 0.15),
                egui::pos2(x, y + s * 0.15),
            ];
            painter.add(egui::Shape::convex_polygon(
                body.to_vec(),
                ink,
                Stroke::NONE,
            ));
            for k in [0.25_f32, 0.45] {
                let centre = egui::pos2(x + s * 0.45, y);
                let arc: Vec<egui::Pos2> = (0..=8)
                    .map(|i| {
                        let a = -0.9 + 1.8 * i as f32 / 8.0;
                        centre + Vec2::new(a.cos(), a.sin()) * (s * k)
                    })
                    .collect();
                painter.add(egui::Shape::line(arc, Stroke::new(2.5, ink)));
            }
        }
        Icon::Still => {
            for dx in [0.28_f32, 0.62] {
                let bar = egui::Rect::from_min_size(
                    egui::pos2(r.left() + s * dx - s * 0.1, r.top() + s * 0.15),
                    Vec2::new(s * 0.2, s * 0.7),
                );
                painter.rect_filled(bar, 2.0, ink);
            }
        }
    }
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

/// How wide the buttons of a row of navigation buttons may be (see [`nav_button`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NavSize {
    /// The most a button may take; a longer label wraps.
    pub cap: Vec2,
    /// The least a button takes (the usual navigation size, unless the row is short of room).
    pub min_width: f32,
}

/// A navigation button between `size.min_width` and `size.cap` wide (its label wraps beyond
/// that), so a row of them shares the footer however large the text is.
pub fn nav_button(ui: &mut Ui, theme: &Theme, label: &str, look: Look, size: NavSize) -> Response {
    let cap = size.cap;
    let min = Vec2::new(size.min_width.min(cap.x), cap.y);
    // The row's own direction, so a right-aligned main action stays at the right edge.
    let layout = *ui.layout();
    ui.allocate_ui_with_layout(cap, layout, |ui| {
        ui.set_max_width(cap.x);
        big_button(ui, theme, label, look, min)
    })
    .inner
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
