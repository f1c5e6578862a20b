//! The words column of a slide: its text, bullets (with their pictograms), callouts, card
//! tiles, tables, chances and the self-check's questions, laid out as pieces and painted.

use std::sync::Arc;

use egui::{Galley, Painter, Rect, Stroke, StrokeKind, Ui, pos2, vec2};

use super::super::Stage;
use crate::content::{Block, ScreenDef, ScreenText};
use crate::theme::Theme;
use crate::ui::picture_uri;

/// A piece of the words column, laid out.
pub(super) enum Piece {
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
    Grid(super::super::grid::Grid),
    /// Chances as tiles of 100 dots, each over its words.
    Chances(super::super::grid::Chances),
    Space,
}

impl Piece {
    pub(super) fn height(&self, theme: &Theme) -> f32 {
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

    pub(super) fn paint(&self, ui: &Ui, painter: &Painter, at: egui::Pos2, theme: &Theme) {
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
pub(super) fn column(
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
                let grid =
                    super::super::grid::Grid::new(painter, content, (head, rows), width, theme);
                pieces.push(Piece::Grid(grid));
            }
            Block::Chances(chances) => {
                let tiles =
                    super::super::grid::Chances::new(painter, content, chances, width, theme);
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
