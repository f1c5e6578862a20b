//! Drawing presenter mode: the audience's slides ([`audience`]) and the presenter view
//! ([`presenter`]). Both read one [`Stage`]; the presenter view pushes
//! [`crate::present::Command`]s, the audience window has no controls at all.

mod examples;
mod grid;
mod notes;
mod overview;
mod presenter;
mod slide;

use std::collections::BTreeSet;

use egui::emath::GuiRounding as _;
use egui::{Color32, Rect, Sense, Ui};

pub use presenter::{SCALE as PRESENTER_SCALE, presenter};
pub use slide::ROOM;

use crate::content::{Content, ThemeTokens};
use crate::present::{Presentation, Shade};
use crate::theme::Theme;

/// What one frame of presenter mode shows: borrowed, read-only.
#[derive(Debug, Clone, Copy)]
pub struct Stage<'a> {
    pub content: &'a Content,
    pub presentation: &'a Presentation,
    /// Pictures that were found and handed to egui at start-up.
    pub pictures: &'a BTreeSet<String>,
    /// The design tokens as the content gives them; slides and the presenter view scale them.
    pub tokens: &'a ThemeTokens,
    /// The time now (egui's input time).
    pub now: f64,
    /// The time of day as the presenter reads it ("14:05").
    pub clock: &'a str,
}

/// The theme at `scale` times the content's sizes, in whole points: type, so that egui's font
/// atlas holds a few sizes rather than one per window size; lengths, so that widgets stay on
/// egui's pixel grid.
pub fn scaled(tokens: &ThemeTokens, scale: f32) -> Theme {
    let mut t = tokens.clone();
    for size in [
        &mut t.body_size,
        &mut t.heading_size,
        &mut t.card_title_size,
        &mut t.small_size,
        &mut t.button_text_size,
    ] {
        *size = (*size * scale).round().max(4.0);
    }
    for length in [
        &mut t.touch_target,
        &mut t.gap,
        &mut t.margin,
        &mut t.corner_radius,
        &mut t.max_text_width,
    ] {
        *length = (*length * scale).round().max(1.0);
    }
    Theme::new(&t)
}

/// The audience window: the current slide filling it, with the valve moving and any card or
/// picture the presenter opened; or a black or white screen; or, while the presenter view is
/// hidden, the overview.
pub fn audience(ui: &mut Ui, stage: &Stage<'_>) {
    let rect = ui.max_rect();
    ui.allocate_rect(rect, Sense::hover());
    let p = stage.presentation;
    match p.cover() {
        Some(Shade::Black) => {
            ui.painter().rect_filled(rect, 0.0, Color32::BLACK);
            return;
        }
        Some(Shade::White) => {
            ui.painter().rect_filled(rect, 0.0, Color32::WHITE);
            return;
        }
        None => {}
    }
    if let (Some(cursor), false) = (p.overview(), p.presenter_shown()) {
        overview::paint(ui, stage, rect, cursor, None);
        return;
    }
    slide::paint(ui, stage, p.current(), rect, live(stage));
}

/// What the current slide shows now besides its words: the valve moving (or still, for people
/// who asked for less motion), and the card or picture the presenter opened.
fn live<'a>(stage: &Stage<'a>) -> slide::Extras<'a> {
    let p = stage.presentation;
    let reduce = stage.content.settings.reduce_motion;
    slide::Extras {
        valve: p.session().route.valve().map(|v| {
            if reduce {
                crate::valve::still(v.mode())
            } else {
                v.frame(stage.now)
            }
        }),
        card: p.open_card(),
        picture: p.picture(),
    }
}

/// Paints slide `index` as a preview in `rect` (16:9 inside it): the current one as the
/// audience sees it but with the valve still, any other one as it will first appear.
fn preview(ui: &Ui, stage: &Stage<'_>, index: usize, rect: Rect) -> Rect {
    let p = stage.presentation;
    let size = egui::vec2(rect.width(), rect.width() * 9.0 / 16.0);
    let size = if size.y > rect.height() {
        egui::vec2(rect.height() * 16.0 / 9.0, rect.height())
    } else {
        size
    };
    // Inside the room by a point, so a frame drawn round it shows; on whole points.
    let r = Rect::from_min_size(rect.min + egui::vec2(1.0, 1.0), size - egui::vec2(2.0, 2.0))
        .round_ui();
    let extras = if index == p.current() {
        slide::Extras {
            valve: p
                .session()
                .route
                .valve()
                .map(|v| crate::valve::still(v.mode())),
            card: p.open_card(),
            picture: p.picture(),
        }
    } else {
        slide::Extras::default()
    };
    slide::paint(ui, stage, index, r, extras);
    r
}
