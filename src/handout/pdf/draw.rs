//! Drawing laid-out pages into a PDF with krilla, the fonts embedded.

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::{BOLD, Item, REGULAR};
use crate::handout::HandoutError;

/// Draws laid-out pages into a PDF. `logo` is the logo as a krilla image, if any; `pictures` are
/// the pictograms [`Item::Picture`] names.
pub fn render(
    pages: &[Vec<Item>],
    size: (f32, f32),
    logo: Option<&Image>,
    pictures: &[Image],
    metadata: Metadata,
) -> Result<Vec<u8>, HandoutError> {
    let regular = Font::new(REGULAR.into(), 0).ok_or(HandoutError::Font { which: "regular" })?;
    let bold = Font::new(BOLD.into(), 0).ok_or(HandoutError::Font { which: "bold" })?;
    let mut document = Document::new();
    document.set_metadata(metadata);
    let settings = PageSettings::from_wh(size.0, size.1).ok_or(HandoutError::PageSize)?;
    for items in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for item in items {
            draw(&mut surface, item, (&regular, &bold), logo, pictures);
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(HandoutError::Pdf)
}

fn fill(grey: u8) -> Fill {
    Fill {
        paint: luma::Color::new(grey).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn rect(x1: f32, y1: f32, x2: f32, y2: f32) -> Option<krilla::geom::Path> {
    let mut path = PathBuilder::new();
    path.push_rect(Rect::from_ltrb(x1, y1, x2, y2)?);
    path.finish()
}

fn draw(
    surface: &mut Surface<'_>,
    item: &Item,
    (regular, bold): (&Font, &Font),
    logo: Option<&Image>,
    pictures: &[Image],
) {
    match item {
        Item::Text {
            x,
            y,
            size,
            bold: is_bold,
            grey,
            text,
        } => {
            surface.set_fill(Some(fill(if *grey { 70 } else { 0 })));
            surface.set_stroke(None);
            let font = if *is_bold { bold } else { regular };
            surface.draw_text(
                Point::from_xy(*x, *y),
                font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Item::Box {
            rect: [x1, y1, x2, y2],
            fill: filled,
            stroke,
        } => {
            surface.set_fill(filled.then(|| fill(238)));
            surface.set_stroke(Some(Stroke {
                paint: luma::Color::new(0).into(),
                width: *stroke,
                ..Default::default()
            }));
            if let Some(path) = rect(*x1, *y1, *x2, *y2) {
                surface.draw_path(&path);
            }
        }
        Item::Rule { x1, x2, y } => {
            surface.set_stroke(None);
            surface.set_fill(Some(fill(0)));
            if let Some(path) = rect(*x1, *y - 0.5, *x2, *y + 0.5) {
                surface.draw_path(&path);
            }
        }
        Item::Qr {
            x,
            y,
            side,
            width,
            modules,
        } => {
            surface.set_stroke(None);
            // A quiet zone of 4 modules on every side, as scanners expect.
            let module = side / (*width as f32 + 8.0);
            let mut path = PathBuilder::new();
            for (i, dark) in modules.iter().enumerate() {
                if *dark {
                    let (cx, cy) = ((i % width) as f32 + 4.0, (i / width) as f32 + 4.0);
                    if let Some(r) =
                        Rect::from_xywh(x + cx * module, y + cy * module, module, module)
                    {
                        path.push_rect(r);
                    }
                }
            }
            surface.set_fill(Some(fill(0)));
            if let Some(path) = path.finish() {
                surface.draw_path(&path);
            }
        }
        Item::Logo { x, y, w, h } => {
            if let (Some(image), Some(size)) = (logo, Size::from_wh(*w, *h)) {
                surface.push_transform(&krilla::geom::Transform::from_translate(*x, *y));
                surface.draw_image(image.clone(), size);
                surface.pop();
            }
        }
        Item::Picture { x, y, side, index } => {
            if let (Some(image), Some(size)) = (pictures.get(*index), Size::from_wh(*side, *side)) {
                surface.push_transform(&krilla::geom::Transform::from_translate(*x, *y));
                surface.draw_image(image.clone(), size);
                surface.pop();
            }
        }
    }
}
