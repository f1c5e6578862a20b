//! One slide, painted for a room: the screen's title across the top, its words in a column, its
//! picture (or the animated valve, or the self-check's examples) beside them, and its sources
//! small at the foot. No controls: nothing on a slide is tapped. Type is larger than the kiosk's
//! and shrinks only as far as a long screen needs to fit.
//!
//! Everything is laid out as galleys and painted, not added as widgets, so a slide costs one
//! layout (cached by egui) and adds nothing to the presenter window's accessibility tree; the
//! presenter view names what the audience sees in words of its own.

mod column;
mod frame;
mod overlay;
mod pictures;

use egui::{Id, Painter, Rect, Ui, pos2, vec2};

use column::column;
use frame::{Frame, layout};
use overlay::{card_panel, card_rect, overlay, picture_panel};
pub(super) use pictures::picture;
use pictures::picture_column;

use super::{Stage, scaled};
use crate::content::{Language, ScreenDef, ScreenText};
use crate::present::SlideKind;
use crate::theme::Theme;
use crate::valve::ValveFrame;

/// Type on a slide 1080 pixels high is this many times the kiosk's size.
pub const ROOM: f32 = 1.3;
/// A long slide's type shrinks to fit, but on a screen never below this share of the room size
/// (a small preview may shrink further: its words are not there to be read).
const SMALLEST: f32 = 0.5;
const SMALLEST_PREVIEW: f32 = 0.25;

/// What the slide shows besides its words: the valve as it is now, an open card, a gallery
/// picture shown large.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    pub valve: Option<ValveFrame>,
    pub card: Option<&'a str>,
    pub picture: Option<usize>,
}

/// Paints slide `index` into `rect`.
pub fn paint(ui: &Ui, stage: &Stage<'_>, index: usize, rect: Rect, extras: Extras<'_>) {
    let language = stage.language();
    let Some(screen) = stage.content.flow.screens.get(index) else {
        return;
    };
    let Some(text) = language.screens.get(&screen.id) else {
        return;
    };
    let painter = ui.painter_at(rect);
    let kind = stage.presentation.kind(index);
    let base = rect.height() / 1080.0 * ROOM;
    let s = fit(ui, stage, (screen, text, index), rect, base);
    let theme = scaled(stage.tokens, s);
    painter.rect_filled(rect, 0.0, theme.background);
    let frame = Frame::new(rect, &theme);
    let title = title_galley(&painter, text, &frame, &theme);
    painter.galley(frame.inner.min, title.clone(), theme.text);
    let (words, picture, footer) = frame.split(title.size().y, layout(kind, text), &theme);
    let pieces = column(&painter, stage, (screen, text), words.width(), &theme);
    // Words that still do not fit are cut at their column, never drawn over the sources.
    let words_painter = ui.painter_at(words.intersect(rect));
    let mut y = words.top();
    for piece in &pieces {
        piece.paint(ui, &words_painter, pos2(words.left(), y), &theme);
        y += piece.height(&theme);
    }
    match (kind, picture) {
        (_, None) => {}
        (SlideKind::SelfCheck, Some(picture)) => {
            super::examples::paint(ui, stage, picture, &theme);
        }
        (SlideKind::Guide, Some(picture)) => {
            picture_column(ui, stage, (screen, text), picture, extras, &theme);
        }
    }
    sources(&painter, stage, (screen, index), footer, &theme);
    if let Some((id, card)) = extras
        .card
        .and_then(|id| text.cards.get(id).map(|card| (id, card)))
    {
        let picture = screen
            .card_pictures
            .get(id)
            .filter(|p| stage.pictures.contains(*p));
        let words = (card.title.as_str(), stage.content.fill(&card.text));
        let panel = card_rect(
            &painter,
            rect,
            picture.is_some(),
            (words.0, &words.1),
            &theme,
        );
        overlay(ui, rect, panel, &theme, |ui, inner| {
            card_panel(
                ui,
                inner,
                picture.map(String::as_str),
                (words.0, &words.1),
                &theme,
            );
        });
    }
    if let Some(i) = extras.picture
        && let Some(name) = screen.gallery.get(i)
    {
        let caption = text.gallery_alt.get(i).map_or("", String::as_str);
        let panel = rect.shrink2(vec2(rect.width() * 0.12, rect.height() * 0.06));
        overlay(ui, rect, panel, &theme, |ui, inner| {
            picture_panel(ui, stage, inner, name, caption, &theme);
        });
    }
}

/// The slide's title, laid out across the frame in the heading's font (the same for fitting and
/// drawing, so what was measured is what is drawn).
fn title_galley(
    painter: &Painter,
    text: &ScreenText,
    frame: &Frame,
    theme: &Theme,
) -> std::sync::Arc<egui::Galley> {
    painter.layout(
        text.title.clone(),
        theme.heading(),
        theme.text,
        frame.inner.width(),
    )
}

/// The scale at which the slide's words fit, remembered per slide, language and size (a slide
/// is laid out again only when one of them changes).
fn fit(
    ui: &Ui,
    stage: &Stage<'_>,
    (screen, text, index): (&ScreenDef, &ScreenText, usize),
    rect: Rect,
    base: f32,
) -> f32 {
    let id = Id::unique((
        "slide-fit",
        &screen.id,
        stage.presentation.language(),
        rect.size().round().x as i32,
        rect.size().round().y as i32,
    ));
    if let Some(s) = ui.data(|d| d.get_temp::<f32>(id)) {
        return s;
    }
    let painter = ui.painter();
    let smallest = base
        * if rect.height() >= 600.0 {
            SMALLEST
        } else {
            SMALLEST_PREVIEW
        };
    let mut s = base;
    for _ in 0..10 {
        let theme = scaled(stage.tokens, s);
        let frame = Frame::new(rect, &theme);
        let title = title_galley(painter, text, &frame, &theme);
        let kind = stage.presentation.kind(index);
        let (words, _, _) = frame.split(title.size().y, layout(kind, text), &theme);
        let need: f32 = column(painter, stage, (screen, text), words.width(), &theme)
            .iter()
            .map(|p| p.height(&theme))
            .sum();
        let room = words.height();
        if need <= room || s <= smallest {
            break;
        }
        s = (s * (room / need).sqrt().clamp(0.75, 0.97)).max(smallest);
    }
    ui.data_mut(|d| d.insert_temp(id, s));
    s
}

/// "Sources: …. Checked for accuracy on …" and the slide's number, small, along the foot.
fn sources(
    painter: &Painter,
    stage: &Stage<'_>,
    (screen, index): (&ScreenDef, usize),
    rect: Rect,
    theme: &Theme,
) {
    let language = stage.language();
    let number = painter.layout_no_wrap(
        format!("{} / {}", index + 1, stage.presentation.len()),
        theme.small(),
        theme.muted_text,
    );
    let cites = stage.content.citations(screen);
    let mut line = String::new();
    if !cites.is_empty() {
        line = format!("{}: {}. ", language.ui.sources, cites.join("; "));
    }
    line.push_str(&stage.content.reviewed_line(language));
    let width = rect.width() - number.size().x - theme.tokens.margin;
    let mut job = egui::text::LayoutJob::simple(line, theme.small(), theme.muted_text, width);
    job.wrap.max_rows = 2;
    let g = painter.layout_job(job);
    painter.galley(
        rect.left_bottom() - vec2(0.0, g.size().y),
        g,
        theme.muted_text,
    );
    painter.galley(
        rect.right_bottom() - number.size(),
        number,
        theme.muted_text,
    );
}

/// The slide's language, for the words the content gives every screen.
impl<'a> Stage<'a> {
    pub(super) fn language(&self) -> &'a Language {
        self.content.language(self.presentation.language())
    }
}
