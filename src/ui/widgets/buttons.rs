//! Buttons: the big button of every action, the progress strip's segments, picture cards,
//! navigation buttons sized to share a row, and the keyboard focus ring they all draw.

use egui::{
    Align2, Color32, FontId, Response, Role, Sense, Stroke, StrokeKind, Ui, Vec2, WidgetInfo,
    text::LayoutJob,
};

use crate::theme::Theme;

use crate::ui::reading::reading;

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
