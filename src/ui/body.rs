//! The screen itself: title, text, cards and picture, laid out for the window's shape.

use egui::{Id, Modal, Rect, RichText, ScrollArea, Ui, UiBuilder, pos2, vec2};

use super::View;
use super::illustration;
use super::picture_uri;
use super::widgets::{
    Look, big_button, callout, keep_in_view, list, list_item, marked, on_plate, paragraph,
    picture_card,
};
use crate::command::{Command, Visit};
use crate::content::{Block, ScreenKind};

/// Lays the picture beside the text on landscape screens and above it on portrait ones. The text
/// scrolls (by drag on touch) when it does not fit; the picture stays put. `compact`: the window
/// is small for the text size chosen, so the header, the picture and the text scroll as one page.
pub fn screen(ui: &mut Ui, view: &View<'_>, compact: bool, out: &mut Vec<Command>) {
    if compact {
        return compact_screen(ui, view, out);
    }
    let rect = ui.available_rect_before_wrap();
    let gap = view.theme.tokens.margin;
    let (text_rect, picture_rect) = if rect.width() >= rect.height() {
        let picture_width = (rect.width() * 0.38).min(rect.height()).min(900.0);
        (
            Rect::from_min_max(rect.min, pos2(rect.max.x - picture_width - gap, rect.max.y)),
            Rect::from_min_max(pos2(rect.max.x - picture_width, rect.min.y), rect.max),
        )
    } else {
        let picture_height = (rect.height() * 0.3).min(rect.width() * 0.7);
        (
            Rect::from_min_max(
                pos2(rect.min.x, rect.min.y + picture_height + gap),
                rect.max,
            ),
            Rect::from_min_max(rect.min, pos2(rect.max.x, rect.min.y + picture_height)),
        )
    };
    // The text first: screen readers and Tab meet the title before the picture.
    ui.scope_builder(UiBuilder::new().max_rect(text_rect), |ui| {
        ScrollArea::vertical()
            .id_salt(("screen", view.screen_index(), view.session.generation()))
            .auto_shrink(false)
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded)
            .show(ui, |ui| {
                ui.set_max_width(view.theme.tokens.max_text_width.min(ui.available_width()));
                if let Some(text) = view.text() {
                    heading(ui, view, &text.title);
                }
                text_column(ui, view, out);
            });
    });
    ui.scope_builder(UiBuilder::new().max_rect(picture_rect), |ui| {
        picture(ui, view, picture_rect, out);
    });
    ui.advance_cursor_after_rect(rect);
}

/// The screen's picture, or the animated valve with its buttons, in `rect`.
fn picture(ui: &mut Ui, view: &View<'_>, rect: Rect, out: &mut Vec<Command>) {
    match view.session.route.valve() {
        Some(valve) => super::valve::show(ui, view, valve, rect, out),
        None => illustration::show(ui, view, rect),
    }
}

/// One page that scrolls: the header, the title, the picture, then the text.
fn compact_screen(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let viewport = ui.available_size();
    ScrollArea::vertical()
        .id_salt(("page", view.screen_index(), view.session.generation()))
        .auto_shrink(false)
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded)
        .show(ui, |ui| {
            // Room for the scroll bar, so nothing sits under it.
            ui.set_max_width(ui.available_width() - 24.0);
            super::chrome::header(ui, view, super::chrome::language_place(view), out);
            ui.add_space(view.theme.tokens.gap);
            if let Some(text) = view.text() {
                heading(ui, view, &text.title);
            }
            let width = ui.available_width();
            let side = width.min(viewport.y * 0.7).max(120.0);
            let height = if view.session.route.valve().is_some() {
                let t = &view.theme.tokens;
                side + 3.0 * (t.touch_target + t.gap)
            } else {
                side
            };
            let (rect, _) = ui.allocate_exact_size(vec2(width, height), egui::Sense::hover());
            ui.scope_builder(UiBuilder::new().max_rect(rect), |ui| {
                picture(ui, view, rect, out);
            });
            ui.set_max_width(view.theme.tokens.max_text_width.min(width));
            text_column(ui, view, out);
        });
}

/// The screen's title: a heading for screen readers, and where keyboard focus lands when a new
/// screen appears.
pub(super) fn heading(ui: &mut Ui, view: &View<'_>, title: &str) {
    super::widgets::heading(
        ui,
        view.theme,
        title,
        view.theme.heading(),
        Some(view.screen_key()),
    );
}

fn text_column(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let theme = view.theme;
    let Some(text) = view.text() else { return };
    if view.is_welcome() {
        if let Some(logo) = view
            .content
            .settings
            .logo
            .as_deref()
            .filter(|l| view.pictures.contains(*l))
        {
            ui.add(
                egui::Image::from_uri(super::picture_uri(logo))
                    .max_height(96.0)
                    .alt_text(&view.content.settings.clinic_name),
            );
        }
        ui.label(
            RichText::new(&view.content.settings.clinic_name)
                .font(theme.button())
                .color(theme.muted_text),
        );
        // First, so that someone who does not read the default language finds it at once.
        language_choice(ui, view, out);
    }
    ui.add_space(theme.tokens.gap);
    for (index, block) in text.body.iter().enumerate() {
        match block {
            Block::Text(t) => {
                let words = view.content.fill(t);
                paragraph(ui, theme, &words, view.session.choices.read_aloud, out);
            }
            Block::Bullets(items) => {
                bullets(ui, view, items, view.screen().bullet_pictures.get(&index))
            }
            Block::Callout(t) => {
                let words = view.content.fill(t);
                let job = marked(ui, theme, &words, theme.body(), theme.text);
                let shown = ui.scope(|ui| callout(ui, theme, job)).response;
                keep_in_view(ui, &words, &shown);
            }
            Block::Table { head, rows } => super::table::show(ui, view, head, rows),
            Block::Chances(chances) => super::chances::show(ui, view, chances),
        }
        ui.add_space(theme.tokens.gap / 2.0);
    }
    match view.screen().kind {
        ScreenKind::Quiz => super::quiz::show(ui, view, out),
        ScreenKind::Welcome | ScreenKind::Info | ScreenKind::CheckEntry => {}
    }
    super::leaflet::show(ui, view, out);
    if !view.screen().cards.is_empty() {
        cards(ui, view, out);
    }
    if !view.screen().gallery.is_empty() {
        gallery(ui, view);
    }
    sources_line(ui, view);
}

/// The big language choice on the welcome screen, each language named in itself.
fn language_choice(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let theme = view.theme;
    ui.add_space(theme.tokens.gap);
    ui.label(RichText::new(&view.language().ui.choose_language).font(theme.button()));
    ui.horizontal_wrapped(|ui| {
        for language in &view.content.languages {
            let look = Look::Choice(language.code == view.session.language);
            let size = vec2(
                theme.tokens.touch_target * 3.5,
                theme.tokens.touch_target * 1.25,
            );
            if big_button(ui, theme, &language.name, look, size).clicked() {
                out.push(Visit::SetLanguage(language.code.clone()).into());
            }
        }
    });
}

/// Tappable cards, each opening a short explanation.
fn cards(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let theme = view.theme;
    let screen = view.screen();
    ui.label(RichText::new(&view.language().ui.tap_a_card).font(theme.button()));
    let gap = theme.tokens.gap;
    let columns = (ui.available_width() / 250.0).floor().clamp(2.0, 4.0);
    let width = ((ui.available_width() - gap * (columns - 1.0)) / columns).floor();
    // One list of all the cards ("list of N items"), each card an item named by its title; the
    // rows are plain containers, which screen readers pass through.
    let row = || UiBuilder::new().layout(egui::Layout::left_to_right(egui::Align::Min));
    list(ui, |ui| {
        for cards in screen.cards.chunks(columns as usize) {
            ui.scope_builder(row(), |ui| {
                for id in cards {
                    if card(ui, view, id, width) {
                        out.push(Visit::OpenCard(id.clone()).into());
                    }
                }
            });
        }
    });
}

/// One card (its picture and title, or its title alone), as a list item; true when tapped.
fn card(ui: &mut Ui, view: &View<'_>, id: &str, width: f32) -> bool {
    let theme = view.theme;
    let title = view
        .text()
        .and_then(|text| text.cards.get(id))
        .map_or(id, |c| c.title.as_str());
    let item = UiBuilder::new()
        .accessibility_role(egui::accesskit::Role::ListItem)
        .accessibility_label(title);
    ui.scope_builder(item, |ui| {
        match view
            .screen()
            .card_pictures
            .get(id)
            .filter(|p| view.pictures.contains(*p))
        {
            Some(picture) => picture_card(
                ui,
                theme,
                &picture_uri(picture),
                title,
                None,
                (width, 110.0),
            )
            .clicked(),
            None => big_button(
                ui,
                theme,
                title,
                Look::Secondary,
                vec2(width, theme.tokens.touch_target * 1.25),
            )
            .clicked(),
        }
    })
    .inner
}

/// Bullets, each with its pictogram where the content gives one, as a list for screen readers.
fn bullets(ui: &mut Ui, view: &View<'_>, items: &[String], pictures: Option<&Vec<Option<String>>>) {
    let side = view.theme.tokens.touch_target * 1.2;
    list(ui, |ui| {
        for (i, item) in items.iter().enumerate() {
            let picture = pictures
                .and_then(|p| p.get(i))
                .and_then(Option::as_ref)
                .filter(|p| view.pictures.contains(*p));
            let text = view.content.fill(item);
            let lead = |ui: &mut Ui| {
                if let Some(picture) = picture {
                    on_plate(ui, view.theme, |ui| {
                        ui.add(
                            egui::Image::from_uri(picture_uri(picture))
                                .fit_to_exact_size(vec2(side, side))
                                .show_loading_spinner(false),
                        )
                    });
                }
            };
            let lead: Option<&dyn Fn(&mut Ui)> = picture.is_some().then_some(&lead as _);
            list_item(ui, view.theme, &text, None, lead);
        }
    });
}

/// A row of smaller pictures with their descriptions as captions.
fn gallery(ui: &mut Ui, view: &View<'_>) {
    let screen = view.screen();
    let Some(text) = view.text() else { return };
    let gap = view.theme.tokens.gap;
    let columns = (ui.available_width() / 220.0).floor().clamp(2.0, 4.0);
    let width = ((ui.available_width() - gap * (columns - 1.0)) / columns).floor();
    let items: Vec<(&String, &str)> = screen
        .gallery
        .iter()
        .zip(
            text.gallery_alt
                .iter()
                .map(String::as_str)
                .chain(std::iter::repeat("")),
        )
        .collect();
    for row in items.chunks(columns as usize) {
        ui.horizontal_top(|ui| {
            for (picture, alt) in row {
                ui.allocate_ui(vec2(width, width * 1.6), |ui| {
                    ui.set_width(width);
                    ui.vertical(|ui| {
                        if view.pictures.contains(*picture) {
                            on_plate(ui, view.theme, |ui| {
                                ui.add(
                                    egui::Image::from_uri(picture_uri(picture))
                                        .alt_text(*alt)
                                        .fit_to_exact_size(vec2(width, width))
                                        .show_loading_spinner(false),
                                )
                            });
                        }
                        ui.add(
                            egui::Label::new(RichText::new(*alt).font(view.theme.small())).wrap(),
                        );
                    });
                });
            }
        });
    }
}

/// "Sources: …. Checked for accuracy on …", small, at the end of the text.
fn sources_line(ui: &mut Ui, view: &View<'_>) {
    let words = &view.language().ui;
    let cites = view.content.citations(view.screen());
    let mut line = String::new();
    if !cites.is_empty() {
        line = format!("{}: {}. ", words.sources, cites.join("; "));
    }
    line.push_str(&view.content.reviewed_line(view.language()));
    ui.add_space(view.theme.tokens.gap);
    ui.label(
        RichText::new(line)
            .font(view.theme.small())
            .color(view.theme.muted_text),
    );
}

/// The explanation of the open card, over the screen, with a big Close button.
pub fn card_modal(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    let (Some(id), Some(text)) = (view.session.route.open_card(), view.text()) else {
        return;
    };
    let Some(card) = text.cards.get(id) else {
        return;
    };
    let theme = view.theme;
    let frame = egui::Frame::new()
        .fill(theme.surface)
        .stroke(egui::Stroke::new(3.0, theme.control_border))
        .corner_radius(theme.radius())
        .inner_margin(theme.tokens.margin);
    let max_width =
        (ui.ctx().content_rect().width() - 4.0 * theme.tokens.margin).clamp(200.0, 760.0);
    let response = Modal::new(Id::unique("card"))
        .frame(frame)
        .show(ui.ctx(), |ui| {
            ui.set_width(max_width);
            // The explanation scrolls when the text is large and the window small; Close stays.
            let room = ui.ctx().content_rect().height()
                - 4.0 * theme.tokens.margin
                - view.nav_button_size().y;
            egui::ScrollArea::vertical()
                .max_height(room.max(100.0))
                .show(ui, |ui| {
                    super::widgets::heading(ui, theme, &card.title, theme.heading(), None);
                    ui.label(view.content.fill(&card.text));
                });
            ui.add_space(theme.tokens.gap);
            ui.vertical_centered(|ui| {
                if big_button(
                    ui,
                    theme,
                    &view.language().ui.close,
                    Look::Primary,
                    view.nav_button_size(),
                )
                .clicked()
                {
                    out.push(Visit::CloseCard.into());
                }
            });
        });
    if response.should_close() {
        out.push(Visit::CloseCard.into());
    }
}
