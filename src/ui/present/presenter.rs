//! The presenter view: where the talk stands (slide x of y, the time, the clock, a black or white
//! screen, a number being typed), what the audience sees and what comes next, the controls of
//! the slide (valve, cards, pictures), the speaker notes, and buttons for every key. Words are in
//! the presenter's language (the slides' language); the notes switch language with N.

use egui::emath::GuiRounding as _;
use egui::{Color32, Rect, RichText, Ui, UiBuilder, pos2, vec2};

use super::{Stage, preview, scaled};
use crate::command::Visit;
use crate::present::words::words;
use crate::present::{Command, Shade, Talk, TimerState, format_elapsed};
use crate::theme::Theme;
use crate::ui::widgets::{Look, big_button};
use crate::valve::ValveMode;

/// The presenter view's sizes, as a share of the kiosk's: read at a laptop's distance.
pub const SCALE: f32 = 0.62;

/// Draws the presenter view over the whole of `ui` and pushes what its buttons ask for.
pub fn presenter(ui: &mut Ui, stage: &Stage<'_>, out: &mut Vec<Command>) {
    let theme = scaled(stage.tokens, SCALE);
    let rect = ui.max_rect();
    ui.painter().rect_filled(rect, 0.0, theme.background);
    let t = &theme.tokens;
    let inner = rect.shrink(t.margin * 0.6);
    let status_h = t.heading_size * 1.5;
    let bottom_h = t.touch_target + t.small_size * 1.6 + t.gap * 2.0;
    let status = Rect::from_min_size(inner.min, vec2(inner.width(), status_h));
    let bottom = Rect::from_min_max(pos2(inner.left(), inner.bottom() - bottom_h), inner.max);
    let middle = Rect::from_min_max(
        pos2(inner.left(), status.bottom() + t.gap),
        pos2(inner.right(), bottom.top() - t.gap),
    );
    in_rect(ui, status, |ui| status_bar(ui, stage, &theme, out));
    if let Some(cursor) = stage.presentation.overview() {
        let words = words(stage.content, stage.presentation.language());
        let hint_h = t.body_size * 1.6;
        in_rect(ui, middle, |ui| {
            ui.label(RichText::new(&words.overview).font(theme.body()));
        });
        let grid = Rect::from_min_max(pos2(middle.left(), middle.top() + hint_h), middle.max);
        super::overview::paint(ui, stage, grid, cursor, Some(out));
    } else {
        let left_w = (middle.width() * 0.56).floor();
        let left = Rect::from_min_size(middle.min, vec2(left_w - t.gap, middle.height()));
        let right = Rect::from_min_max(
            pos2(middle.left() + left_w + t.gap, middle.top()),
            middle.max,
        );
        in_rect(ui, left, |ui| now_column(ui, stage, &theme, out));
        in_rect(ui, right, |ui| next_column(ui, stage, &theme));
    }
    in_rect(ui, bottom, |ui| buttons(ui, stage, &theme, out));
}

fn in_rect(ui: &mut Ui, rect: Rect, add: impl FnOnce(&mut Ui)) {
    let rect = rect.round_ui();
    ui.scope_builder(UiBuilder::new().max_rect(rect), |ui| {
        ui.set_clip_rect(rect.intersect(ui.clip_rect()));
        add(ui);
    });
}

/// Slide x of y, the talk's time, the clock, and what covers the audience's slide.
fn status_bar(ui: &mut Ui, stage: &Stage<'_>, theme: &Theme, out: &mut Vec<Command>) {
    let p = stage.presentation;
    let words = words(stage.content, p.language());
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = theme.tokens.margin;
        ui.label(RichText::new(words.slide_of(p.current(), p.len())).font(theme.heading()));
        let time = format_elapsed(p.elapsed(stage.now));
        let state = match p.timer_state() {
            TimerState::Running => String::new(),
            TimerState::Paused => format!(" {}", words.paused),
            TimerState::NotStarted => format!(" ({})", words.not_started),
        };
        ui.label(RichText::new(format!("{} {time}{state}", words.elapsed)).font(theme.heading()));
        let size = vec2(theme.tokens.touch_target, theme.tokens.touch_target);
        let paused = p.timer_state() == TimerState::Paused;
        if big_button(ui, theme, &words.pause_button, Look::Choice(paused), size).clicked() {
            out.push(Command::from(Talk::PauseTimer));
        }
        if big_button(ui, theme, &words.reset_button, Look::Secondary, size).clicked() {
            out.push(Command::from(Talk::ResetTimer));
        }
        ui.label(
            RichText::new(stage.clock)
                .font(theme.heading())
                .color(theme.muted_text),
        );
        let badge = match p.cover() {
            Some(Shade::Black) => Some((&words.black, Color32::BLACK, Color32::WHITE)),
            Some(Shade::White) => Some((&words.white, Color32::WHITE, Color32::BLACK)),
            None => None,
        };
        if let Some((label, fill, text)) = badge {
            egui::Frame::new()
                .fill(fill)
                .stroke(egui::Stroke::new(2.0, theme.text))
                .corner_radius(theme.radius())
                .inner_margin(theme.tokens.gap)
                .show(ui, |ui| {
                    ui.label(RichText::new(label).font(theme.button()).color(text));
                });
        }
        if !p.typed().is_empty() {
            ui.label(
                RichText::new(format!("{} {}_", words.go_to, p.typed()))
                    .font(theme.heading())
                    .color(theme.accent),
            );
        }
    });
}

/// What the audience sees, and the controls of the slide under it.
fn now_column(ui: &mut Ui, stage: &Stage<'_>, theme: &Theme, out: &mut Vec<Command>) {
    let p = stage.presentation;
    let words = words(stage.content, p.language());
    let title = slide_title(stage, p.current());
    ui.label(RichText::new(format!("{}: {title}", words.now)).font(theme.button()));
    let room = ui.available_rect_before_wrap();
    let controls_h = controls_height(stage, theme);
    let area = Rect::from_min_max(
        room.min,
        pos2(room.right(), (room.bottom() - controls_h).max(room.top())),
    );
    let shown = preview(ui, stage, p.current(), area);
    match p.cover() {
        Some(Shade::Black) => cover(
            ui,
            shown,
            Color32::from_black_alpha(200),
            &words.black,
            theme,
        ),
        Some(Shade::White) => cover(
            ui,
            shown,
            Color32::from_white_alpha(220),
            &words.white,
            theme,
        ),
        None => {}
    }
    ui.painter().rect_stroke(
        shown,
        0.0,
        egui::Stroke::new(2.0, theme.control_border),
        egui::StrokeKind::Outside,
    );
    ui.advance_cursor_after_rect(shown);
    ui.add_space(theme.tokens.gap);
    slide_controls(ui, stage, theme, out);
}

fn cover(ui: &Ui, rect: Rect, fill: Color32, label: &str, theme: &Theme) {
    ui.painter().rect_filled(rect, 0.0, fill);
    let text = if fill.r() > 128 {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    let g = ui
        .painter()
        .layout_no_wrap(label.to_owned(), theme.heading(), text);
    ui.painter().galley(rect.center() - g.size() / 2.0, g, text);
}

/// Room the controls of the current slide take under the preview.
fn controls_height(stage: &Stage<'_>, theme: &Theme) -> f32 {
    let Some(screen) = stage.content.flow.screens.get(stage.presentation.current()) else {
        return 0.0;
    };
    let row = theme.tokens.touch_target + theme.tokens.gap * 2.0 + theme.tokens.small_size * 1.4;
    let card_rows = screen.cards.len().div_ceil(5) as f32;
    let mut h = theme.tokens.gap;
    if screen.valve.is_some() {
        h += row;
    }
    if !screen.cards.is_empty() {
        h += row + (card_rows - 1.0) * (theme.tokens.touch_target + theme.tokens.gap);
    }
    if !screen.gallery.is_empty() {
        h += row;
    }
    h
}

/// Valve, cards and pictures of the current slide, each a row of buttons.
fn slide_controls(ui: &mut Ui, stage: &Stage<'_>, theme: &Theme, out: &mut Vec<Command>) {
    let p = stage.presentation;
    let words = words(stage.content, p.language());
    let language = stage.language();
    let Some(screen) = stage.content.flow.screens.get(p.current()) else {
        return;
    };
    let Some(text) = language.screens.get(&screen.id) else {
        return;
    };
    let size = vec2(theme.tokens.touch_target * 1.6, theme.tokens.touch_target);
    let small = |ui: &mut Ui, label: &str| {
        ui.label(
            RichText::new(label)
                .font(theme.small())
                .color(theme.muted_text),
        );
    };
    if let Some(valve) = p.session().route.valve() {
        small(ui, &words.valve);
        ui.horizontal_wrapped(|ui| {
            for (label, mode) in [
                (&language.ui.valve_healthy, ValveMode::Healthy),
                (&language.ui.valve_weak, ValveMode::Weak),
            ] {
                if big_button(ui, theme, label, Look::Choice(valve.mode() == mode), size).clicked()
                {
                    out.push(Command::from(Visit::ValveMode(mode)));
                }
            }
            if big_button(ui, theme, &language.ui.valve_squeeze, Look::Primary, size).clicked() {
                out.push(Command::from(Visit::ValveSqueeze));
            }
        });
    }
    if !screen.cards.is_empty() {
        small(ui, &words.cards);
        ui.horizontal_wrapped(|ui| {
            for id in &screen.cards {
                let title = text.cards.get(id).map_or(id.as_str(), |c| c.title.as_str());
                let open = p.open_card() == Some(id.as_str());
                if big_button(ui, theme, title, Look::Choice(open), size).clicked() {
                    out.push(if open {
                        Command::from(Visit::CloseCard)
                    } else {
                        Command::from(Visit::OpenCard(id.clone()))
                    });
                }
            }
        });
    }
    if !screen.gallery.is_empty() {
        small(ui, &words.pictures);
        ui.horizontal_wrapped(|ui| {
            for (i, caption) in text
                .gallery_alt
                .iter()
                .enumerate()
                .take(screen.gallery.len())
            {
                let shown = p.picture() == Some(i);
                let label = short(&format!("{}. {caption}", i + 1), 28);
                if big_button(ui, theme, &label, Look::Choice(shown), size).clicked() {
                    out.push(Command::from(Talk::Picture((!shown).then_some(i))));
                }
            }
            if p.picture().is_some()
                && big_button(ui, theme, &words.no_picture, Look::Secondary, size).clicked()
            {
                out.push(Command::from(Talk::Picture(None)));
            }
        });
    }
}

/// The first `most` characters of `text`, with "…" when cut.
fn short(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_owned();
    }
    let cut: String = text.chars().take(most.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// The next slide, small, and the speaker notes.
fn next_column(ui: &mut Ui, stage: &Stage<'_>, theme: &Theme) {
    let p = stage.presentation;
    let words = words(stage.content, p.language());
    match p.next_slide() {
        Some(next) => {
            ui.label(
                RichText::new(format!("{}: {}", words.next, slide_title(stage, next)))
                    .font(theme.button()),
            );
            let room = ui.available_rect_before_wrap();
            let area =
                Rect::from_min_size(room.min, vec2(room.width() * 0.62, room.height() * 0.34));
            let shown = preview(ui, stage, next, area);
            ui.painter().rect_stroke(
                shown,
                0.0,
                egui::Stroke::new(1.0, theme.control_border),
                egui::StrokeKind::Outside,
            );
            ui.advance_cursor_after_rect(shown);
        }
        None => {
            ui.label(RichText::new(format!("{}: {}", words.next, words.end)).font(theme.button()));
        }
    }
    ui.add_space(theme.tokens.gap);
    super::notes::show(ui, stage, theme);
}

/// A button for each thing a key does, and the keys in one line.
fn buttons(ui: &mut Ui, stage: &Stage<'_>, theme: &Theme, out: &mut Vec<Command>) {
    let p = stage.presentation;
    let words = words(stage.content, p.language());
    let language = stage.language();
    let size = vec2(theme.tokens.touch_target * 2.0, theme.tokens.touch_target);
    ui.horizontal(|ui| {
        let buttons = [
            (
                language.ui.back.clone(),
                Command::from(Visit::Back),
                Look::Secondary,
            ),
            (
                language.ui.next.clone(),
                Command::from(Visit::Next),
                Look::Primary,
            ),
            (
                words.black.to_owned(),
                Command::from(Talk::Cover(Shade::Black)),
                Look::Choice(p.cover() == Some(Shade::Black)),
            ),
            (
                words.white.to_owned(),
                Command::from(Talk::Cover(Shade::White)),
                Look::Choice(p.cover() == Some(Shade::White)),
            ),
            (
                words.overview_button.to_owned(),
                Command::from(Talk::Overview),
                Look::Choice(p.overview().is_some()),
            ),
            (
                words.hide_button.to_owned(),
                Command::from(Talk::TogglePresenter),
                Look::Secondary,
            ),
        ];
        for (label, command, look) in buttons {
            if big_button(ui, theme, &label, look, size).clicked() {
                out.push(command);
            }
        }
    });
    ui.label(
        RichText::new(&words.keys)
            .font(theme.small())
            .color(theme.muted_text),
    );
}

fn slide_title<'a>(stage: &Stage<'a>, index: usize) -> &'a str {
    let Some(screen) = stage.content.flow.screens.get(index) else {
        return "";
    };
    stage
        .language()
        .screens
        .get(&screen.id)
        .map_or(screen.id.as_str(), |t| t.title.as_str())
}
