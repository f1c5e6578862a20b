//! Drawing. Everything here reads a [`View`] and pushes [`Command`]s; nothing here changes state.

mod access;
mod attract;
mod body;
pub(crate) mod chances;
mod check;
mod chrome;
mod illustration;
mod leaflet;
pub mod present;
mod quiz;
mod reading;
mod staff;
mod table;
mod valve;
pub mod widgets;

use std::collections::BTreeSet;

use egui::{CentralPanel, Frame, Panel, Ui, UiBuilder, vec2};

pub use illustration::picture_uri;

use crate::command::Command;
use crate::content::{Content, Language, ScreenDef, ScreenText};
use crate::kiosk::{Kiosk, Staff};
use crate::navigation::{Draft, Overlay, Route};
use crate::session::Session;
use crate::theme::Theme;

/// What one frame shows: borrowed from the app, read-only.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub content: &'a Content,
    pub theme: &'a Theme,
    pub session: &'a Session,
    /// Pictures that were found and handed to egui at start-up.
    pub pictures: &'a BTreeSet<String>,
    /// The first problem of a clinic's content that could not be used, for staff.
    pub staff_warning: Option<&'a str>,
    /// Why read-aloud cannot speak on this machine, for staff.
    pub speech_problem: Option<&'a str>,
    /// Kiosk mode's state, when on.
    pub kiosk: Option<&'a Kiosk>,
    /// The time now (egui's input time), for countdowns and gentle motion.
    pub now: f64,
    /// The sentence being read aloud now, marked wherever it is shown.
    pub reading: Option<&'a str>,
    /// Content pulled from a clinic group's source: the version shown and the last check, for
    /// staff. None when the kiosk has no content source.
    pub bundle: Option<&'a crate::bundle::BundleStatus>,
    /// The FHIR outbox's sender, as staff see it. None when the kiosk has no FHIR server.
    pub record: Option<&'a crate::outbox::SenderStatus>,
}

impl<'a> View<'a> {
    /// The language being shown.
    pub fn language(&self) -> &'a Language {
        self.content.language(&self.session.language)
    }

    /// The current screen's definition.
    pub fn screen(&self) -> &'a ScreenDef {
        let screens = &self.content.flow.screens;
        &screens[self.screen_index().min(screens.len() - 1)]
    }

    /// Index of the guide screen shown (or the one the self-check began from).
    pub fn screen_index(&self) -> usize {
        self.session.route.screen_index()
    }

    /// The self-check answer being put together (empty outside the self-check).
    pub fn draft(&self) -> &'a Draft {
        static EMPTY: Draft = Draft {
            side: None,
            chosen: std::collections::BTreeSet::new(),
            armed: None,
        };
        self.session.route.check().map_or(&EMPTY, |c| &c.draft)
    }

    /// The current screen's words, if the language has them (checked at load, so it does).
    pub fn text(&self) -> Option<&'a ScreenText> {
        let id = &self.screen().id;
        self.language()
            .screens
            .get(id)
            .or_else(|| self.content.default_language().screens.get(id))
    }

    /// Whether this is the welcome screen.
    pub fn is_welcome(&self) -> bool {
        self.screen().kind.is_welcome()
    }

    /// Says what is shown, leaving out the language: it changes when the visitor moves to another
    /// screen or step (keyboard focus then goes to the new title).
    pub fn screen_key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        self.session.generation().hash(&mut hasher);
        match &self.session.route {
            Route::Attract => 0_u8.hash(&mut hasher),
            Route::Guide(guide) => (1_u8, guide.screen).hash(&mut hasher),
            Route::Check(check) => (2_u8, format!("{:?}", check.flow.step())).hash(&mut hasher),
        }
        hasher.finish()
    }

    /// How wide each of a row of navigation buttons with these labels may be in `width`: the
    /// usual size when they all fit so; else each as wide as its label; else an equal share
    /// (their labels wrap), as at a large text size on a narrow window.
    pub fn nav_size_in(&self, ui: &Ui, width: f32, labels: &[&str]) -> widgets::NavSize {
        let usual = self.nav_button_size();
        let gap = self.theme.tokens.gap;
        let n = labels.len().max(1) as f32;
        let room = width - gap * (n - 1.0) - 1.0;
        let natural: Vec<f32> = labels
            .iter()
            .map(|label| {
                ui.painter()
                    .layout_no_wrap(
                        (*label).to_owned(),
                        self.theme.button(),
                        egui::Color32::WHITE,
                    )
                    .size()
                    .x
                    + 4.0 * gap
            })
            .collect();
        let widest = natural.iter().copied().fold(0.0_f32, f32::max);
        let wanted: f32 = natural.iter().map(|w| w.max(usual.x)).sum();
        let (cap, min_width) = if wanted <= room {
            (widest.max(usual.x), usual.x)
        } else if natural.iter().sum::<f32>() <= room {
            (widest, 0.0)
        } else {
            ((room / n).floor(), 0.0)
        };
        widgets::NavSize {
            cap: vec2(cap.max(self.theme.tokens.touch_target), usual.y),
            min_width,
        }
    }

    /// Minimum size of the big navigation buttons.
    pub fn nav_button_size(&self) -> egui::Vec2 {
        let t = self.theme.tokens.touch_target;
        vec2(t * 2.8, t * 1.15)
    }
}

/// Whether the window, at the visitor's text size, is too small to keep the header fixed: then
/// the header scrolls with the page (reflow, WCAG 1.4.10) and only the footer stays put.
pub fn is_compact(size: egui::Vec2) -> bool {
    size.y < 720.0 || size.x < 640.0
}

/// Draws the whole kiosk: header, the screen, footer, and any open card. They are drawn in
/// reading order (header, screen, footer), which is also the order Tab moves through them.
pub fn show(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    widgets::set_reading(ui.ctx(), view.reading);
    let t = &view.theme.tokens;
    let compact = is_compact(ui.ctx().content_rect().size());
    let bar = Frame::new()
        .fill(view.theme.surface)
        .inner_margin(vec2(t.margin, t.gap));
    let page = Frame::new()
        .fill(view.theme.background)
        .inner_margin(vec2(t.margin, t.gap * 2.0));
    let header = Panel::top("header")
        .resizable(false)
        .show_separator_line(false)
        .frame(bar);
    match &view.session.route {
        Route::Attract => {
            CentralPanel::default_margins()
                .frame(Frame::new())
                .show(ui, |ui| attract::attract(ui, view, out));
        }
        Route::Check(check) => {
            let flow = &check.flow;
            if !compact {
                header.show(ui, |ui| chrome::check_header(ui, view, flow, out));
            }
            with_footer(
                ui,
                (page, bar),
                |ui, out| check::body(ui, view, flow, compact, out),
                |ui, out| check::footer(ui, view, flow, out),
                out,
            );
            match &check.overlay {
                Some(Overlay::Code) => check::code_overlay(ui, view, flow, out),
                Some(Overlay::Handoff(handoff)) => check::handoff_overlay(ui, view, handoff, out),
                None => {}
            }
        }
        Route::Guide(_) => {
            let place = chrome::language_place(view);
            if !compact {
                header.show(ui, |ui| chrome::header(ui, view, place, out));
            }
            with_footer(
                ui,
                (page, bar),
                |ui, out| body::screen(ui, view, compact, out),
                |ui, out| chrome::footer(ui, view, out),
                out,
            );
            body::card_modal(ui, view, out);
        }
    }
    if let Some(state) = view.kiosk {
        if let Some(left) = state.warning_left {
            attract::still_there(ui, view, left, out);
        }
        if !matches!(state.staff, Staff::Closed) {
            staff::staff(ui, view, &state.staff, out);
        }
    }
}

/// The rest of the window: the page, with the footer fixed at its bottom, drawn after the page
/// so that keyboard focus reaches it last. The footer's height is the one it took last frame
/// (it wraps on narrow windows); when that changes, the frame is drawn again.
fn with_footer(
    ui: &mut Ui,
    (page, bar): (Frame, Frame),
    body: impl FnOnce(&mut Ui, &mut Vec<Command>),
    footer: impl FnOnce(&mut Ui, &mut Vec<Command>),
    out: &mut Vec<Command>,
) {
    let remembered = egui::Id::unique("footer-height");
    CentralPanel::default_margins()
        .frame(Frame::new())
        .show(ui, |ui| {
            let rect = ui.max_rect();
            let height = ui
                .data(|d| d.get_temp::<f32>(remembered))
                .unwrap_or(rect.height() * 0.15)
                .min(rect.height() * 0.6);
            let page_rect = rect.with_max_y(rect.max.y - height);
            let footer_rect = rect.with_min_y(rect.max.y - height);
            ui.scope_builder(UiBuilder::new().max_rect(page_rect), |ui| {
                page.show(ui, |ui| {
                    ui.set_min_size(ui.available_size());
                    body(ui, out);
                });
            });
            let used = ui
                .scope_builder(UiBuilder::new().max_rect(footer_rect), |ui| {
                    bar.show(ui, |ui| {
                        ui.set_min_width(ui.available_width());
                        footer(ui, out);
                    })
                    .response
                    .rect
                    .height()
                })
                .inner;
            if (used - height).abs() > 0.5 {
                ui.data_mut(|d| d.insert_temp(remembered, used));
                ui.ctx().request_repaint();
            }
            // The footer's bar colour reaches the window's bottom edge.
            ui.painter().rect_filled(
                footer_rect.with_min_y(footer_rect.min.y + used),
                0.0,
                ui.visuals().window_fill,
            );
        });
}
