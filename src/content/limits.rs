//! The limits content must keep, in one place: `check` reports what breaks them and the loader
//! refuses it, so what `check` passes the kiosk can show, and a bad file costs a note to staff,
//! never a crash, a hang or the machine's memory.
//!
//! - Files are read only when they are regular files (a FIFO, a device or a folder is refused
//!   before it is opened, and it is opened non-blocking in case it was swapped since), inside the
//!   content folder (a link that leads outside it is refused), and never past a size cap.
//! - Pictures are PNG or SVG within [`MAX_PICTURE_SIDE`] pixels a side (PNG: read from the header,
//!   before decoding); an SVG may not refer to any file (only `data:` pictures inside it).
//! - Theme numbers are finite and inside [`THEME_RANGES`].
//! - A screen, its notes, the flow and the self-check have at most so many items and characters.

use std::borrow::Cow;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::content::model::ThemeTokens;

/// The largest content file (`settings.ron`, `flow.ron`, `theme.ron`, `selfcheck.ron`, each
/// `lang/CODE.ron`, or a `--config` settings file): 1 MiB. The built-in English file is 56 KB.
pub const MAX_CONTENT_FILE_BYTES: u64 = 1024 * 1024;
/// The largest picture file: 4 MiB.
pub const MAX_PICTURE_BYTES: u64 = 4 * 1024 * 1024;
/// The longest side of a picture, in pixels (a PNG's pixels, an SVG's declared size). egui is told
/// textures may be at most this wide (`app::MAX_TEXTURE_SIDE`), and every OpenGL driver the kiosk
/// meets allows at least this much, so a picture `check` passes is one the kiosk can upload.
pub const MAX_PICTURE_SIDE: u32 = 2048;
/// The most pixels a picture may have: [`MAX_PICTURE_SIDE`] squared, 4.2 Mpixel (16 MB decoded).
pub const MAX_PICTURE_PIXELS: u64 = MAX_PICTURE_SIDE as u64 * MAX_PICTURE_SIDE as u64;
/// The most language files in `lang/`.
pub const MAX_LANGUAGES: usize = 20;
/// The most screens in `flow.ron`.
pub const MAX_SCREENS: usize = 40;
/// The most cards on one screen.
pub const MAX_CARDS_PER_SCREEN: usize = 24;
/// The most pictures in one screen's gallery.
pub const MAX_GALLERY_PER_SCREEN: usize = 12;
/// The most pieces of text (title, picture descriptions, paragraphs, each bullet, each card's
/// title and text) one screen has in one language, speaker notes apart.
pub const MAX_STRINGS_PER_SCREEN: usize = 150;
/// The most characters of all of one screen's text in one language, speaker notes apart.
pub const MAX_CHARS_PER_SCREEN: usize = 15_000;
/// The most pieces of speaker notes (points to say, facts with their sources, the questions) of
/// one screen in one language.
pub const MAX_NOTE_STRINGS: usize = 60;
/// The most characters of one screen's speaker notes in one language.
pub const MAX_NOTE_CHARS: usize = 20_000;
/// The most questions in the self-check.
pub const MAX_QUESTIONS: usize = 60;
/// The most answers one question offers.
pub const MAX_OPTIONS_PER_QUESTION: usize = 24;

/// `idle_seconds`: at least 15 (a reader is not interrupted mid-sentence), at most 15 minutes (a
/// visit left behind is always wiped for the next person).
pub const IDLE_SECONDS: (u32, u32) = (15, 900);
/// `warning_seconds`: at least 20 (WCAG 2.2.1: time to answer "Are you still there?"), at most 5
/// minutes.
pub const WARNING_SECONDS: (u32, u32) = (20, 300);
/// `text_percent`: the visitor's "Larger text" steps run from 100 to 200.
pub const TEXT_PERCENT: (u16, u16) = (100, 200);
/// A read-aloud `rate`, in Speech Dispatcher's terms.
pub const SPEECH_RATE: (i8, i8) = (-100, 100);
/// The longest read-aloud voice name.
pub const MAX_VOICE_NAME: usize = 100;

/// Every number of `theme.ron`, with the least and the most it may be (logical pixels). A value
/// outside, or not a finite number (`NaN`, `inf`), is a problem.
pub const THEME_RANGES: [(&str, f32, f32); 10] = [
    ("body_size", 24.0, 64.0),
    ("heading_size", 24.0, 120.0),
    ("card_title_size", 18.0, 96.0),
    ("small_size", 18.0, 48.0),
    ("button_text_size", 24.0, 64.0),
    ("touch_target", 48.0, 160.0),
    ("gap", 8.0, 64.0),
    ("margin", 0.0, 160.0),
    ("corner_radius", 0.0, 64.0),
    ("max_text_width", 400.0, 4000.0),
];

/// The numbers of a theme, by the names in [`THEME_RANGES`] and in the same order.
pub fn theme_numbers(t: &ThemeTokens) -> [(&'static str, f32); 10] {
    [
        ("body_size", t.body_size),
        ("heading_size", t.heading_size),
        ("card_title_size", t.card_title_size),
        ("small_size", t.small_size),
        ("button_text_size", t.button_text_size),
        ("touch_target", t.touch_target),
        ("gap", t.gap),
        ("margin", t.margin),
        ("corner_radius", t.corner_radius),
        ("max_text_width", t.max_text_width),
    ]
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("is not a regular file (it is {0}); only regular files are read")]
    NotRegular(&'static str),
    #[error("leads outside the content folder (to {0}); only files inside it are read")]
    Outside(PathBuf),
    #[error("is {size} KB; the most it may be is {most} KB", size = .size / 1024, most = .most / 1024)]
    TooLarge { size: u64, most: u64 },
    #[error("is not UTF-8 text")]
    NotText,
    #[error("cannot be read: {0}")]
    Io(#[from] std::io::Error),
}

impl ReadError {
    /// Whether the file is simply not there (so a built-in one may stand in).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

/// What kind of thing a file that is not a regular file is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    let t = meta.file_type();
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "not a file"
    }
}

/// The bytes of the file at `path`, at most `most` of them, if it is a regular file and, when
/// `inside` is given, it (after following links) lies inside that folder. Checked with metadata
/// before opening; opened non-blocking and without following a link swapped in since, and checked
/// again on the open file, so a FIFO or a device never blocks or streams.
pub fn read_file(path: &Path, inside: Option<&Path>, most: u64) -> Result<Vec<u8>, ReadError> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let real = std::fs::canonicalize(path)?;
    if let Some(folder) = inside {
        let folder = std::fs::canonicalize(folder)?;
        if !real.starts_with(&folder) {
            return Err(ReadError::Outside(real));
        }
    }
    let meta = std::fs::metadata(&real)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    if meta.len() > most {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            most,
        });
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_NOCTTY)
        .open(&real)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(most)).unwrap_or(0));
    file.take(most + 1).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > most {
        return Err(ReadError::TooLarge { size: read, most });
    }
    Ok(bytes)
}

/// A content file's text: [`read_file`] with [`MAX_CONTENT_FILE_BYTES`], as UTF-8.
pub fn read_text(path: &Path, inside: Option<&Path>) -> Result<String, ReadError> {
    let bytes = read_file(path, inside, MAX_CONTENT_FILE_BYTES)?;
    String::from_utf8(bytes).map_err(|_| ReadError::NotText)
}

/// Why a picture cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("picture \"{0}\" was not found in illustrations/")]
    Missing(String),
    #[error("picture \"{0}\" {1}")]
    Unreadable(String, ReadError),
    #[error("picture \"{0}\" must be an .svg or .png file")]
    Kind(String),
    #[error("picture \"{0}\" is not a text SVG file")]
    NotText(String),
    #[error("picture \"{0}\" declares XML entities, which are not allowed")]
    Entities(String),
    #[error(
        "picture \"{0}\" refers to another file (\"{1}\"); a picture may only hold its own \
         (data: URIs), never read files"
    )]
    ExternalFile(String, String),
    #[error("picture \"{0}\" is not an SVG the kiosk can draw: {1}")]
    BadSvg(String, String),
    #[error("picture \"{0}\" cannot be read: {1}")]
    BadPng(String, String),
    #[error(
        "picture \"{name}\" is {width:.0}x{height:.0}; the most a side may be is {MAX_PICTURE_SIDE} \
         pixels ({MAX_PICTURE_PIXELS} pixels in all)"
    )]
    TooBig {
        name: String,
        width: f64,
        height: f64,
    },
}

/// usvg options that never read a file: an `<image>` may only be a `data:` URI. Every other
/// reference is refused, and its text put in `refused` so the caller can say which.
pub fn svg_options(refused: &std::sync::Mutex<Option<String>>) -> resvg::usvg::Options<'_> {
    let mut options = resvg::usvg::Options {
        resources_dir: None,
        ..resvg::usvg::Options::default()
    };
    options.image_href_resolver.resolve_string = Box::new(move |href: &str, _| {
        if let Ok(mut first) = refused.lock() {
            first.get_or_insert_with(|| href.chars().take(200).collect());
        }
        None
    });
    options
}

/// Whether picture bytes are within the limits and a kind the kiosk draws. Cheap enough for the
/// loader: a PNG's size comes from its header, an SVG is parsed (as egui_extras will, but with
/// no file access). `decode` also decodes a PNG whole, as `check` does.
pub fn check_picture(name: &str, bytes: &[u8], decode: bool) -> Result<(), PictureError> {
    if bytes.len() as u64 > MAX_PICTURE_BYTES {
        return Err(PictureError::Unreadable(
            name.to_owned(),
            ReadError::TooLarge {
                size: bytes.len() as u64,
                most: MAX_PICTURE_BYTES,
            },
        ));
    }
    let lower = name.to_ascii_lowercase();
    let (width, height) = if lower.ends_with(".svg") {
        let text = std::str::from_utf8(bytes).map_err(|_| PictureError::NotText(name.into()))?;
        // Entities have no use in a picture and are how an SVG makes itself huge.
        if text.contains("<!ENTITY") {
            return Err(PictureError::Entities(name.into()));
        }
        let refused = std::sync::Mutex::new(None);
        let tree = resvg::usvg::Tree::from_data(bytes, &svg_options(&refused))
            .map_err(|e| PictureError::BadSvg(name.into(), e.to_string()))?;
        if let Some(href) = refused.lock().ok().and_then(|mut r| r.take()) {
            return Err(PictureError::ExternalFile(name.into(), href));
        }
        (
            f64::from(tree.size().width()),
            f64::from(tree.size().height()),
        )
    } else if lower.ends_with(".png") {
        let (w, h) =
            image::ImageReader::with_format(std::io::Cursor::new(bytes), image::ImageFormat::Png)
                .into_dimensions()
                .map_err(|e| PictureError::BadPng(name.into(), e.to_string()))?;
        if within(f64::from(w), f64::from(h)) && decode {
            image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
                .map_err(|e| PictureError::BadPng(name.into(), e.to_string()))?;
        }
        (f64::from(w), f64::from(h))
    } else {
        return Err(PictureError::Kind(name.into()));
    };
    if within(width, height) {
        Ok(())
    } else {
        Err(PictureError::TooBig {
            name: name.into(),
            width,
            height,
        })
    }
}

/// Whether a picture's size is within [`MAX_PICTURE_SIDE`] and [`MAX_PICTURE_PIXELS`].
fn within(width: f64, height: f64) -> bool {
    let side = f64::from(MAX_PICTURE_SIDE);
    width.is_finite()
        && height.is_finite()
        && width <= side
        && height <= side
        && width * height <= MAX_PICTURE_PIXELS as f64
}

/// A clinic's picture `name` from `folder/illustrations/`, read and checked; `Ok(None)` when the
/// folder has no such file (so the built-in one may stand in).
pub fn folder_picture(
    folder: &Path,
    name: &str,
    decode: bool,
) -> Result<Option<Cow<'static, [u8]>>, PictureError> {
    let path = folder.join("illustrations").join(name);
    if std::fs::symlink_metadata(&path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Ok(None);
    }
    let bytes = read_file(&path, Some(folder), MAX_PICTURE_BYTES)
        .map_err(|e| PictureError::Unreadable(name.into(), e))?;
    check_picture(name, &bytes, decode)?;
    Ok(Some(Cow::Owned(bytes)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()));
        let err = read_text(&fifo, Some(dir.path())).unwrap_err();
        assert!(err.to_string().contains("a FIFO"), "{err}");
    }

    #[test]
    fn a_device_and_a_link_outside_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_text(Path::new("/dev/zero"), None).unwrap_err();
        assert!(err.to_string().contains("a device"), "{err}");
        let link = dir.path().join("passwd.ron");
        std::os::unix::fs::symlink("/etc/hostname", &link).unwrap();
        let err = read_text(&link, Some(dir.path())).unwrap_err();
        assert!(
            err.to_string().contains("outside the content folder"),
            "{err}"
        );
    }

    #[test]
    fn a_file_over_the_cap_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.ron");
        std::fs::write(&big, vec![b' '; 2 * 1024 * 1024]).unwrap();
        let err = read_text(&big, Some(dir.path())).unwrap_err();
        assert!(
            err.to_string().contains("the most it may be is 1024 KB"),
            "{err}"
        );
    }

    #[test]
    fn the_theme_table_names_every_number() {
        let names: Vec<&str> = THEME_RANGES.iter().map(|r| r.0).collect();
        let content = crate::content::Content::built_in().unwrap();
        let numbers: Vec<&str> = theme_numbers(&content.theme).iter().map(|n| n.0).collect();
        assert_eq!(names, numbers);
    }
}
