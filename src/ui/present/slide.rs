//! One slide, painted for a room: the screen's title across the top, its words in a column, its
//! picture (or the animated valve, or the self-check's examples) beside them, and its sources
//! small at the foot. No controls: nothing on a slide is tapped. Type is larger than the kiosk's
//! and shrinks only as far as a long screen needs to fit.
//!
//! Everything is laid out as galleys and painted, not added as widgets, so a slide costs one
//! layout (cached by egui) and adds nothing to the presenter window's accessibility tree; the
//! presenter view names what the audience sees in words of its own.

use std::sync::Arc;

use egui::{Color32, Galley, Id, Painter, Rect, Stroke, StrokeKind, Ui, pos2, vec2};

use super::{Stage, scaled};
use crate::content::{Block, Language, ScreenDef, ScreenText};
use crate::present::SlideKind;
use crate::theme::Theme;
use crate::ui::picture_uri;
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

/// How a slide shares its width.
#[derive(Debug, Clone, Copy)]
enum Layout {
    /// Words beside the screen's picture (or the valve).
    Picture,
    /// Words beside the self-check's examples.
    Examples,
    /// Words across the whole slide: a comparison or chances need the width more than the
    /// picture (in a column beside a picture, a table's last rows were cut off).
    Wide,
}

fn layout(kind: SlideKind, text: &ScreenText) -> Layout {
    let wide = text.body.iter().any(|b| match b {
        Block::Table { .. } | Block::Chances(_) => true,
        Block::Text(_) | Block::Bullets(_) | Block::Callout(_) => false,
    });
    match kind {
        SlideKind::SelfCheck => Layout::Examples,
        SlideKind::Guide if wide => Layout::Wide,
        SlideKind::Guide => Layout::Picture,
    }
}

/// Where the parts of a slide go.
struct Frame {
    inner: Rect,
    gap: f32,
}

impl Frame {
    fn new(rect: Rect, theme: &Theme) -> Self {
        Self {
            inner: rect.shrink((rect.height() * 0.045).max(theme.tokens.margin * 0.5)),
            gap: theme.tokens.margin,
        }
    }

    /// Below a title `title_h` high: the words, the picture beside them (above them on a
    /// portrait slide) and the footer line.
    fn split(&self, title_h: f32, layout: Layout, theme: &Theme) -> (Rect, Option<Rect>, Rect) {
        let r = self.inner;
        // Two lines: a screen with many sources still shows its review date.
        let footer_h = theme.tokens.small_size * 2.6;
        let body = Rect::from_min_max(
            pos2(r.left(), r.top() + title_h + self.gap * 0.75),
            pos2(r.right(), r.bottom() - footer_h - self.gap * 0.5),
        );
        let footer = Rect::from_min_max(pos2(r.left(), r.bottom() - footer_h), r.max);
        let share = match layout {
            Layout::Wide => return (body, None, footer),
            Layout::Picture => 0.38,
            // The self-check's examples are words: they get more of the width than a picture.
            Layout::Examples => 0.46,
        };
        if body.width() >= body.height() {
            let picture_w = (body.width() * share).min(body.height() * 1.2);
            let words = Rect::from_min_max(
                body.min,
                pos2(body.right() - picture_w - self.gap, body.bottom()),
            );
            let picture = Rect::from_min_max(pos2(body.right() - picture_w, body.top()), body.max);
            (words, Some(picture), footer)
        } else {
            let picture_h = (body.height() * 0.3).min(body.width());
            let picture = Rect::from_min_max(body.min, pos2(body.right(), body.top() + picture_h));
            let words =
                Rect::from_min_max(pos2(body.left(), picture.bottom() + self.gap), body.max);
            (words, Some(picture), footer)
        }
    }
}

/// A piece of the words column, laid out.
enum Piece {
    Text(Arc<Galley>),
    Bullet {
        galley: Arc<Galley>,
        picture: Option<String>,
    },
    /// A highlighted message, as wide as the column.
    Callout(Arc<Galley>, f32),
    /// Cards as tiles: each with its pictogram (if any) and title, `columns` a row.
    Cards {
        tiles: Vec<(Option<String>, Arc<Galley>)>,
        columns: usize,
        width: f32,
    },
    /// A comparison table as a grid.
    Grid(super::grid::Grid),
    /// Chances as tiles of 100 dots, each over its words.
    Chances(super::grid::Chances),
    Space,
}

impl Piece {
    fn height(&self, theme: &Theme) -> f32 {
        let t = &theme.tokens;
        match self {
            Self::Text(g) => g.size().y + t.gap,
            Self::Bullet { galley, .. } => galley.size().y.max(bullet_side(theme)) + t.gap * 0.6,
            Self::Callout(g, _) => g.size().y + 3.0 * t.gap + t.gap,
            Self::Cards { tiles, columns, .. } => tiles
                .chunks((*columns).max(1))
                .map(|row| tile_height(row, theme) + t.gap)
                .sum(),
            Self::Grid(grid) => grid.height(theme),
            Self::Chances(chances) => chances.height(theme),
            Self::Space => t.gap,
        }
    }

    fn paint(&self, ui: &Ui, painter: &Painter, at: egui::Pos2, theme: &Theme) {
        let t = &theme.tokens;
        match self {
            Self::Text(g) => {
                painter.galley(at, g.clone(), theme.text);
            }
            Self::Bullet { galley, picture } => {
                let side = bullet_side(theme);
                match picture {
                    Some(name) => {
                        let r = Rect::from_min_size(at, vec2(side, side));
                        if !painter.clip_rect().contains_rect(r) {
                            return;
                        }
                        egui::Image::from_uri(picture_uri(name))
                            .show_loading_spinner(false)
                            .paint_at(ui, r);
                    }
                    None => {
                        let c = at + vec2(side * 0.5, galley_row_middle(galley));
                        painter.circle_filled(c, t.body_size * 0.14, theme.text);
                    }
                }
                painter.galley(at + vec2(side + t.gap, 0.0), galley.clone(), theme.text);
            }
            Self::Callout(g, width) => {
                let pad = t.gap * 1.5;
                let r = Rect::from_min_size(at, vec2(*width, g.size().y + 2.0 * pad));
                painter.rect(
                    r,
                    theme.radius(),
                    theme.callout,
                    Stroke::new((t.gap / 4.0).max(1.5), theme.callout_border),
                    StrokeKind::Inside,
                );
                painter.galley(at + vec2(pad, pad), g.clone(), theme.text);
            }
            Self::Cards {
                tiles,
                columns,
                width,
            } => {
                let mut y = at.y;
                for row in tiles.chunks((*columns).max(1)) {
                    let h = tile_height(row, theme);
                    for (i, (picture, title)) in row.iter().enumerate() {
                        let x = at.x + i as f32 * (width + t.gap);
                        let r = Rect::from_min_size(pos2(x, y), vec2(*width, h));
                        if !painter.clip_rect().contains_rect(r) {
                            return;
                        }
                        tile(ui, painter, r, picture.as_deref(), title, theme);
                    }
                    y += h + t.gap;
                }
            }
            Self::Grid(grid) => grid.paint(painter, at, theme),
            Self::Chances(chances) => chances.paint(painter, at, theme),
            Self::Space => {}
        }
    }
}

fn bullet_side(theme: &Theme) -> f32 {
    theme.tokens.body_size * 1.5
}

fn galley_row_middle(g: &Galley) -> f32 {
    g.rows.first().map_or(0.0, |r| r.rect().center().y)
}

fn tile_side(theme: &Theme) -> f32 {
    theme.tokens.touch_target * 1.3
}

fn tile_height(row: &[(Option<String>, Arc<Galley>)], theme: &Theme) -> f32 {
    let pad = theme.tokens.gap;
    let text = row.iter().map(|(_, g)| g.size().y).fold(0.0, f32::max);
    let picture = if row.iter().any(|(p, _)| p.is_some()) {
        tile_side(theme) + pad
    } else {
        0.0
    };
    picture + text + 2.0 * pad
}

fn tile(
    ui: &Ui,
    painter: &Painter,
    r: Rect,
    picture: Option<&str>,
    title: &Arc<Galley>,
    theme: &Theme,
) {
    let pad = theme.tokens.gap;
    painter.rect(
        r,
        theme.radius(),
        theme.surface,
        Stroke::new(2.0, theme.control_border),
        StrokeKind::Inside,
    );
    let mut y = r.top() + pad;
    if let Some(name) = picture {
        let side = tile_side(theme).min(r.width() - 2.0 * pad);
        let pr = Rect::from_center_size(pos2(r.center().x, y + side / 2.0), vec2(side, side));
        egui::Image::from_uri(picture_uri(name))
            .show_loading_spinner(false)
            .paint_at(ui, pr);
        y += tile_side(theme) + pad;
    }
    painter.galley(
        pos2(r.center().x - title.size().x / 2.0, y),
        title.clone(),
        theme.text,
    );
}

/// The words of a slide as pieces `width` wide.
fn column(
    painter: &Painter,
    stage: &Stage<'_>,
    (screen, text): (&ScreenDef, &ScreenText),
    width: f32,
    theme: &Theme,
) -> Vec<Piece> {
    let content = stage.content;
    let body = |t: &str, w: f32| painter.layout(content.fill(t), theme.body(), theme.text, w);
    let mut pieces = Vec::new();
    if screen.kind.is_welcome() {
        pieces.push(Piece::Text(painter.layout(
            content.settings.clinic_name.clone(),
            theme.button(),
            theme.muted_text,
            width,
        )));
    }
    for (index, block) in text.body.iter().enumerate() {
        match block {
            Block::Text(t) => pieces.push(Piece::Text(body(t, width))),
            Block::Callout(t) => {
                pieces.push(Piece::Space);
                pieces.push(Piece::Callout(
                    body(t, width - 3.0 * theme.tokens.gap),
                    width,
                ));
            }
            Block::Bullets(items) => {
                let pictures = screen.bullet_pictures.get(&index);
                let indent = bullet_side(theme) + theme.tokens.gap;
                for (i, item) in items.iter().enumerate() {
                    let picture = pictures
                        .and_then(|p| p.get(i))
                        .and_then(Option::as_ref)
                        .filter(|p| stage.pictures.contains(*p))
                        .cloned();
                    pieces.push(Piece::Bullet {
                        galley: body(item, width - indent),
                        picture,
                    });
                }
                pieces.push(Piece::Space);
            }
            Block::Table { head, rows } => {
                let grid = super::grid::Grid::new(painter, content, (head, rows), width, theme);
                pieces.push(Piece::Grid(grid));
            }
            Block::Chances(chances) => {
                let tiles = super::grid::Chances::new(painter, content, chances, width, theme);
                pieces.push(Piece::Chances(tiles));
                pieces.push(Piece::Space);
            }
        }
    }
    quiz_pieces(painter, stage, text, width, theme, &mut pieces);
    if !screen.cards.is_empty() {
        let gap = theme.tokens.gap;
        let columns = ((width / (tile_side(theme) * 2.2)).floor() as usize).clamp(3, 6);
        let tile_w = ((width - gap * (columns as f32 - 1.0)) / columns as f32).floor();
        let tiles = screen
            .cards
            .iter()
            .map(|id| {
                let title = text.cards.get(id).map_or(id.as_str(), |c| c.title.as_str());
                let picture = screen
                    .card_pictures
                    .get(id)
                    .filter(|p| stage.pictures.contains(*p))
                    .cloned();
                let galley = painter.layout(
                    title.to_owned(),
                    theme.button(),
                    theme.text,
                    tile_w - 2.0 * gap,
                );
                (picture, galley)
            })
            .collect();
        pieces.push(Piece::Cards {
            tiles,
            columns,
            width: tile_w,
        });
    }
    pieces
}

/// "Check your understanding": the questions and answers; once the presenter shows them (A),
/// the right answer in bold and why, as the kiosk shows a visitor's right answer.
fn quiz_pieces(
    painter: &Painter,
    stage: &Stage<'_>,
    text: &ScreenText,
    width: f32,
    theme: &Theme,
    pieces: &mut Vec<Piece>,
) {
    let content = stage.content;
    let shown = stage.presentation.quiz();
    for (index, question) in text.quiz.iter().enumerate() {
        let picked = shown.and_then(|q| q.get(&index)).copied();
        pieces.push(Piece::Text(painter.layout(
            content.fill(&question.ask),
            theme.button(),
            theme.text,
            width,
        )));
        for (choice, answer) in question.answers.iter().enumerate() {
            let font = if picked.is_some() && choice == question.right {
                egui::FontId::new(theme.tokens.body_size, crate::theme::bold())
            } else {
                theme.body()
            };
            pieces.push(Piece::Bullet {
                galley: painter.layout(
                    content.fill(answer),
                    font,
                    theme.text,
                    width - bullet_side(theme),
                ),
                picture: None,
            });
        }
        if let Some(picked) = picked {
            let language = content.language(stage.presentation.language());
            let feedback = crate::speech::quiz_feedback(content, language, question, picked);
            pieces.push(Piece::Callout(
                painter.layout(
                    feedback,
                    theme.body(),
                    theme.text,
                    width - 3.0 * theme.tokens.gap,
                ),
                width,
            ));
        }
        pieces.push(Piece::Space);
    }
}

/// The picture column of a guide slide: the valve or the picture, and the gallery beneath.
fn picture_column(
    ui: &Ui,
    stage: &Stage<'_>,
    (screen, text): (&ScreenDef, &ScreenText),
    rect: Rect,
    extras: Extras<'_>,
    theme: &Theme,
) {
    let gap = theme.tokens.gap;
    let strip = if screen.gallery.is_empty() {
        0.0
    } else {
        let n = screen.gallery.len() as f32;
        ((rect.width() - gap * (n - 1.0)) / n).min(rect.height() * 0.22)
    };
    let main_h = rect.height() - if strip > 0.0 { strip + gap } else { 0.0 };
    let side = main_h.min(rect.width());
    let main = Rect::from_center_size(
        pos2(rect.center().x, rect.top() + side / 2.0),
        vec2(side, side),
    );
    match (screen.valve, extras.valve) {
        (Some(mode), frame) => {
            let frame = frame.unwrap_or_else(|| crate::valve::still(mode));
            crate::ui::valve::paint(ui, main, &frame, &theme.valve);
        }
        (None, _) => picture(ui, stage, main, &screen.illustration, &text.alt, theme),
    }
    for (i, name) in screen.gallery.iter().enumerate() {
        let r = Rect::from_min_size(
            pos2(
                rect.left() + i as f32 * (strip + gap),
                rect.bottom() - strip,
            ),
            vec2(strip, strip),
        );
        let shown = extras.picture == Some(i);
        ui.painter().rect(
            r,
            theme.radius(),
            theme.surface,
            Stroke::new(
                if shown { 5.0 } else { 2.0 },
                if shown {
                    theme.accent
                } else {
                    theme.control_border
                },
            ),
            StrokeKind::Outside,
        );
        picture(ui, stage, r.shrink(gap * 0.5), name, "", theme);
    }
}

/// A picture as large as fits in the square `rect`, or a calm box saying what it would show.
pub(super) fn picture(
    ui: &Ui,
    stage: &Stage<'_>,
    rect: Rect,
    name: &str,
    alt: &str,
    theme: &Theme,
) {
    if stage.pictures.contains(name) {
        egui::Image::from_uri(picture_uri(name))
            .show_loading_spinner(false)
            .paint_at(ui, rect);
        return;
    }
    let painter = ui.painter();
    painter.rect(
        rect,
        theme.radius(),
        theme.surface,
        Stroke::new(2.0, theme.control_border),
        StrokeKind::Inside,
    );
    let words = format!("{}\n{alt}", stage.language().ui.picture_missing);
    let g = painter.layout(
        words,
        theme.small(),
        theme.muted_text,
        rect.width() - 2.0 * theme.tokens.gap,
    );
    painter.galley(rect.center() - g.size() / 2.0, g, theme.muted_text);
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

/// Dims the slide and paints the panel `panel` over it; `add` paints inside the panel.
fn overlay(ui: &Ui, rect: Rect, panel: Rect, theme: &Theme, add: impl FnOnce(&Ui, Rect)) {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::from_black_alpha(110));
    painter.rect(
        panel,
        theme.radius(),
        theme.surface,
        Stroke::new(4.0, theme.control_border),
        StrokeKind::Inside,
    );
    add(ui, panel.shrink(theme.tokens.margin));
}

/// An open card's type: larger than the slide's, since its words are few.
fn card_fonts(theme: &Theme) -> (egui::FontId, egui::FontId) {
    let mut title = theme.heading();
    title.size = (title.size * 1.15).round();
    let mut body = theme.body();
    body.size = (body.size * 1.3).round();
    (title, body)
}

/// Where an open card's panel goes: 70% of the slide wide, as high as its words, centred.
fn card_rect(
    painter: &Painter,
    rect: Rect,
    picture: bool,
    (title, text): (&str, &str),
    theme: &Theme,
) -> Rect {
    let m = theme.tokens.margin;
    let width = rect.width() * 0.7;
    let side = if picture { width * 0.22 } else { 0.0 };
    let words_w = width - 2.0 * m - if picture { side + m } else { 0.0 };
    let (title_font, body_font) = card_fonts(theme);
    let t = painter.layout(title.to_owned(), title_font, theme.text, words_w);
    let b = painter.layout(text.to_owned(), body_font, theme.text, words_w);
    let height = (t.size().y + m + b.size().y).max(side) + 2.0 * m;
    Rect::from_center_size(rect.center(), vec2(width, height.min(rect.height() * 0.9)))
}

/// An open card: its pictogram, title and explanation, large.
fn card_panel(
    ui: &Ui,
    rect: Rect,
    picture: Option<&str>,
    (title, text): (&str, &str),
    theme: &Theme,
) {
    let painter = ui.painter_at(rect);
    let m = theme.tokens.margin;
    let mut left = rect.left();
    if let Some(name) = picture {
        // The same share of the panel as `card_rect` left for it.
        let side = (rect.width() + 2.0 * m) * 0.22;
        let r = Rect::from_min_size(rect.min, vec2(side, side));
        egui::Image::from_uri(picture_uri(name))
            .show_loading_spinner(false)
            .paint_at(ui, r);
        left += side + m;
    }
    let words_w = rect.right() - left;
    let (title_font, body_font) = card_fonts(theme);
    let t = painter.layout(title.to_owned(), title_font, theme.text, words_w);
    let b = painter.layout(text.to_owned(), body_font, theme.text, words_w);
    let t_h = t.size().y;
    painter.galley(pos2(left, rect.top()), t, theme.text);
    painter.galley(pos2(left, rect.top() + t_h + m), b, theme.text);
}

/// A gallery picture, large, with its description under it.
fn picture_panel(ui: &Ui, stage: &Stage<'_>, rect: Rect, name: &str, caption: &str, theme: &Theme) {
    let painter = ui.painter_at(rect);
    let g = painter.layout(caption.to_owned(), theme.body(), theme.text, rect.width());
    let side = (rect.height() - g.size().y - theme.tokens.margin).min(rect.width());
    let square = Rect::from_center_size(
        pos2(rect.center().x, rect.top() + side / 2.0),
        vec2(side, side),
    );
    picture(ui, stage, square, name, caption, theme);
    painter.galley(
        pos2(
            rect.center().x - g.size().x / 2.0,
            square.bottom() + theme.tokens.margin,
        ),
        g,
        theme.text,
    );
}

/// The slide's language, for the words the content gives every screen.
impl<'a> Stage<'a> {
    pub(super) fn language(&self) -> &'a Language {
        self.content.language(self.presentation.language())
    }
}
