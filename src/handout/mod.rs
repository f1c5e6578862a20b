//! The answers handed to staff: a printable PDF (the patient's copy, plus a staff copy in the
//! clinic's language when the patient used another), the FHIR QuestionnaireResponse and the QR
//! code as a PNG. All made in memory from the answers; writing them anywhere is the caller's
//! choice (a temporary file for printing, the hand-off folder, or the staff's own paths).

mod error;
pub mod pdf;

pub use error::HandoutError;

use crate::content::{Content, Language};
use crate::selfcheck::{Answers, Summary, code, fhir};

/// When the answers were handed over, in the forms each output needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Local date and time for people: "2026-11-21 14:05".
    pub local: String,
    /// For file names: "20261121-140512".
    pub file: String,
    /// FHIR `authored`, in UTC: "2026-11-21T19:05:12Z".
    pub utc: String,
}

impl Stamp {
    /// Now, in the kiosk's time zone.
    pub fn now() -> Self {
        let now = chrono::Local::now();
        Self {
            local: now.format("%Y-%m-%d %H:%M").to_string(),
            file: now.format("%Y%m%d-%H%M%S").to_string(),
            utc: fhir::now_utc(),
        }
    }
}

/// The three things staff may receive for one patient's answers.
#[derive(Debug, Clone)]
pub struct Handout {
    /// The anonymous answer code (also in the QR code).
    pub code: String,
    pub pdf: Vec<u8>,
    /// FHIR R4 QuestionnaireResponse (JSON), in the clinic's language.
    pub fhir: String,
}

impl Handout {
    /// Makes the PDF and FHIR file for `answers`, which the patient gave in `patient`'s language.
    pub fn new(
        content: &Content,
        answers: &Answers,
        patient: &Language,
        when: &Stamp,
    ) -> Result<Self, HandoutError> {
        let code = code::encode(&content.selfcheck, answers);
        let pdf = pdf_bytes(content, answers, patient, when, &code)?;
        let clinic = content.default_language();
        let response = fhir::response(
            &content.selfcheck,
            &clinic.selfcheck,
            answers,
            &when.utc,
            &clinic.code,
        );
        let fhir = serde_json::to_string_pretty(&response)?;
        Ok(Self { code, pdf, fhir })
    }

    /// The name shared by the PDF and FHIR files of this handout: the time and a random part.
    /// Nothing of the answers: the start of the answer code, used before, gave away the first
    /// red-flag answer and was the same for most visitors.
    pub fn file_stem(&self, when: &Stamp) -> String {
        format!("vein-check-{}-{}", when.file, random_part())
    }
}

/// Six letters and digits that no one can foresee (std's per-process random keys over the time
/// now), from an alphabet without look-alikes (no 0/O, 1/I/L).
fn random_part() -> String {
    use std::hash::{BuildHasher, Hasher};
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(nanos);
    let mut bits = hasher.finish();
    (0..6)
        .map(|_| {
            let c = ALPHABET[(bits % ALPHABET.len() as u64) as usize];
            bits /= ALPHABET.len() as u64;
            char::from(c)
        })
        .collect()
}

/// The printable PDF: the patient's copy in their language and, when the clinic's language is
/// another, a staff copy in it.
pub fn pdf_bytes(
    content: &Content,
    answers: &Answers,
    patient: &Language,
    when: &Stamp,
    code: &str,
) -> Result<Vec<u8>, HandoutError> {
    let logo = logo(content);
    let aspect = logo.as_ref().map(|(_, aspect)| *aspect);
    let mut layout = pdf::Layout::new(content.settings.paper)?;
    let clinic = content.default_language();
    let mut copies = vec![(patient, None)];
    if clinic.code != patient.code {
        let h = &clinic.selfcheck.handoff;
        let note = format!(
            "{} · {}: {}",
            h.staff_copy, h.patient_language, patient.name
        );
        copies.push((clinic, Some(note)));
    }
    for (language, staff_note) in copies {
        let fill = |t: &str| content.fill(t);
        let words = &language.selfcheck;
        let summary = Summary::new(&content.selfcheck, words, answers, &fill);
        let h = &words.handoff;
        let copy = pdf::Copy {
            clinic: &content.settings.clinic_name,
            title: &summary.title,
            staff_note,
            when: format!("{}: {}", h.when, when.local),
            code: format!("{}: {}", h.code, code::grouped(code)),
            qr: code,
            name_line: &h.name_line,
            red_flags: (!summary.red_flags.1.is_empty())
                .then_some((summary.red_flags.0.as_str(), summary.red_flags.1.as_slice())),
            groups: &summary.groups,
            nothing: summary.nothing.as_deref(),
            next_step: &h.paper_next_step,
            not_a_diagnosis: &summary.not_a_diagnosis,
            scan_help: &h.scan_help,
        };
        layout.copy(&copy, aspect);
    }
    let size = layout.page_size();
    let pages = layout.pages();
    let metadata = krilla::metadata::Metadata::new()
        .title(format!(
            "{} · {}",
            content.settings.clinic_name, patient.selfcheck.summary.title
        ))
        .language(patient.code.clone())
        .creator("vein-kiosk".to_owned());
    pdf::render(
        &pages,
        size,
        logo.as_ref().map(|(image, _)| image),
        &[],
        metadata,
    )
}

/// The take-home leaflet in `language`: the parts of screens that `flow.ron`'s `leaflet` names,
/// with the emergency number and the clinic's phone on top. It holds no patient data.
pub fn leaflet_pdf(content: &Content, language: &Language) -> Result<Vec<u8>, HandoutError> {
    let fill = |t: &str| content.fill(t);
    let words = &language.leaflet;
    // The pictograms the screens show beside their steps go beside them on paper too.
    let mut pictures = Vec::new();
    let mut loaded: std::collections::BTreeMap<String, Option<usize>> = Default::default();
    let parts = content
        .flow
        .leaflet
        .iter()
        .filter_map(|part| {
            let text = language.screens.get(&part.screen)?;
            let screen = content.flow.screens.iter().find(|s| s.id == part.screen)?;
            let blocks = text
                .body
                .iter()
                .enumerate()
                .filter(|(i, _)| part.blocks.is_empty() || part.blocks.contains(i))
                .map(|(i, block)| {
                    let marks = screen
                        .bullet_pictures
                        .get(&i)
                        .map(|names| {
                            names
                                .iter()
                                .map(|name| {
                                    let name = name.as_ref()?;
                                    *loaded.entry(name.clone()).or_insert_with(|| {
                                        let image = picture(content, name)?;
                                        pictures.push(image);
                                        Some(pictures.len() - 1)
                                    })
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    (filled(block, &fill), marks)
                })
                .collect();
            let heading = words.headings.get(&part.screen).unwrap_or(&text.title);
            Some(pdf::LeafletPart {
                heading: fill(heading),
                blocks,
                checklist: part.checklist,
            })
        })
        .collect();
    let copy = pdf::LeafletCopy {
        clinic: content.settings.clinic_name.clone(),
        title: fill(&words.title),
        phones: fill(&words.phones),
        parts,
        reviewed: content.reviewed_line(language),
        no_patient_data: fill(&words.no_patient_data),
        checklist: fill(&words.checklist),
        days: words.days.clone(),
    };
    let logo = logo(content);
    let mut layout = pdf::Layout::new(content.settings.paper)?;
    layout.leaflet(&copy, logo.as_ref().map(|(_, aspect)| *aspect));
    let size = layout.page_size();
    let pages = layout.pages();
    let metadata = krilla::metadata::Metadata::new()
        .title(format!("{} · {}", copy.clinic, copy.title))
        .language(language.code.clone())
        .creator("vein-kiosk".to_owned());
    pdf::render(
        &pages,
        size,
        logo.as_ref().map(|(image, _)| image),
        &pictures,
        metadata,
    )
}

/// A block with its placeholders filled.
fn filled(block: &crate::content::Block, fill: &dyn Fn(&str) -> String) -> crate::content::Block {
    use crate::content::Block;
    let all = |items: &[String]| items.iter().map(|i| fill(i)).collect();
    match block {
        Block::Text(t) => Block::Text(fill(t)),
        Block::Callout(t) => Block::Callout(fill(t)),
        Block::Bullets(items) => Block::Bullets(all(items)),
        Block::Table { head, rows } => Block::Table {
            head: all(head),
            rows: rows.iter().map(|r| all(r)).collect(),
        },
        Block::Chances(chances) => Block::Chances(
            chances
                .iter()
                .map(|c| crate::content::Chance {
                    count: c.count,
                    text: fill(&c.text),
                })
                .collect(),
        ),
    }
}

/// A pictogram for paper, drawn to pixels at print resolution; None when it cannot be read.
fn picture(content: &Content, name: &str) -> Option<krilla::image::Image> {
    let (rgba, w, h) = pixels(content, name, 240)?;
    Some(krilla::image::Image::from_rgba8(rgba, w, h))
}

/// A picture of the content as RGBA pixels: an SVG drawn `long` pixels on its longer side, a PNG
/// as it is. None when it cannot be read.
fn pixels(content: &Content, name: &str, long: u32) -> Option<(Vec<u8>, u32, u32)> {
    let bytes = content.source.illustration(name)?;
    if name.to_ascii_lowercase().ends_with(".svg") {
        svg_pixels(&bytes, long)
    } else {
        let image = image::load_from_memory(&bytes).ok()?.to_rgba8();
        let (w, h) = image.dimensions();
        Some((image.into_raw(), w, h))
    }
}

/// The clinic's logo for paper, with its aspect ratio; SVG logos are drawn to pixels at print
/// resolution. A logo that cannot be read is left off (the `check` command reports it).
fn logo(content: &Content) -> Option<(krilla::image::Image, f32)> {
    let (rgba, w, h) = pixels(content, content.settings.logo.as_ref()?, 600)?;
    let aspect = w as f32 / h.max(1) as f32;
    Some((krilla::image::Image::from_rgba8(rgba, w, h), aspect))
}

/// An SVG drawn to RGBA pixels, `long` pixels on its longer side.
fn svg_pixels(bytes: &[u8], long: u32) -> Option<(Vec<u8>, u32, u32)> {
    // Never reads a file an `<image>` names (the loader refused such a logo already).
    let refused = std::sync::Mutex::new(None);
    let options = crate::content::limits::svg_options(&refused);
    let tree = resvg::usvg::Tree::from_data(bytes, &options).ok()?;
    let size = tree.size();
    let scale = long as f32 / size.width().max(size.height());
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h)?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Some((rgba, w, h))
}

/// The answer code as a QR code in a PNG: 12 pixels per module and a quiet zone of 4 modules,
/// black on white.
pub fn qr_png(code: &str) -> Result<Vec<u8>, HandoutError> {
    let (width, modules) = code::qr_modules(code).ok_or(HandoutError::QrTooLong)?;
    let scale = 12;
    let side = (width + 8) * scale;
    let side32 = u32::try_from(side)?;
    let image = image::GrayImage::from_fn(side32, side32, |x, y| {
        let (mx, my) = (x as usize / scale, y as usize / scale);
        let dark = mx >= 4
            && my >= 4
            && mx - 4 < width
            && my - 4 < width
            && modules[(my - 4) * width + (mx - 4)];
        image::Luma([if dark { 0 } else { 255 }])
    });
    let mut png = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
    Ok(png)
}
