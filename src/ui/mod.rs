//! Drawing. Everything here reads a [`View`] and pushes [`Command`]s; nothing here changes state.

mod attract;
mod body;
mod check;
mod chrome;
mod illustration;
mod staff;
mod valve;
pub mod widgets;

use std::collections::BTreeSet;

use egui::{CentralPanel, Frame, Panel, Ui, vec2};

pub use illustration::picture_uri;

use crate::command::Command;
use crate::content::{Content, Language, ScreenDef, ScreenKind, ScreenText};
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
    /// Kiosk mode's state, when on.
    pub kiosk: Option<&'a Kiosk>,
    /// The time now (egui's input time), for countdowns and gentle motion.
    pub now: f64,
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
        self.screen().kind == ScreenKind::Welcome
    }

    /// Minimum size of the big navigation buttons.
    pub fn nav_button_size(&self) -> egui::Vec2 {
        let t = self.theme.tokens.touch_target;
        vec2(t * 2.8, t * 1.15)
    }
}

/// Draws the whole kiosk: header, footer, the screen between them, and any open card.
pub fn show(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let t = &view.theme.tokens;
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
    let footer = Panel::bottom("footer")
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
            header.show(ui, |ui| chrome::check_header(ui, view, flow, out));
            footer.show(ui, |ui| check::footer(ui, view, flow, out));
            CentralPanel::default_margins()
                .frame(page)
                .show(ui, |ui| check::body(ui, view, flow, out));
            match &check.overlay {
                Some(Overlay::Code) => check::code_overlay(ui, view, flow, out),
                Some(Overlay::Handoff(handoff)) => check::handoff_overlay(ui, view, handoff, out),
                None => {}
            }
        }
        Route::Guide(_) => {
            let place = chrome::language_place(ui, view, ui.available_width() - 2.0 * t.margin);
            header.show(ui, |ui| chrome::header(ui, view, place, out));
            footer.show(ui, |ui| chrome::footer(ui, view, place, out));
            CentralPanel::default_margins()
                .frame(page)
                .show(ui, |ui| body::screen(ui, view, out));
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
