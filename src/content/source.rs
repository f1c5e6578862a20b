//! Where content and pictures come from: the copy compiled into the binary, or a clinic's folder.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

static BUILT_IN_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static BUILT_IN_ILLUSTRATIONS: Dir<'static> =
    include_dir!("$CARGO_MANIFEST_DIR/assets/illustrations");

/// A place content files are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentSource {
    /// The `content/` and `assets/` folders compiled into the binary.
    BuiltIn,
    /// A clinic's own content folder. Pictures it does not have come from the built-in assets.
    Folder(PathBuf),
}

impl ContentSource {
    /// The text of a content file, by its path inside the content folder (`lang/en.ron`).
    pub fn read(&self, rel: &str) -> Result<String, super::ContentError> {
        match self {
            Self::BuiltIn => BUILT_IN_CONTENT
                .get_file(rel)
                .and_then(|f| f.contents_utf8())
                .map(str::to_owned)
                .ok_or(super::ContentError::NotBuiltIn),
            Self::Folder(dir) => Ok(super::limits::read_text(&dir.join(rel), Some(dir))?),
        }
    }

    /// The name to show for a content file in messages.
    pub fn display_path(&self, rel: &str) -> String {
        match self {
            Self::BuiltIn => format!("content/{rel}"),
            Self::Folder(dir) => dir.join(rel).display().to_string(),
        }
    }

    /// Paths (inside the content folder) of every language file, sorted.
    pub fn language_files(&self) -> Vec<String> {
        let mut files: Vec<String> = match self {
            Self::BuiltIn => BUILT_IN_CONTENT
                .get_dir("lang")
                .map(|d| {
                    d.files()
                        .filter_map(|f| f.path().to_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            Self::Folder(dir) => std::fs::read_dir(dir.join("lang"))
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .filter_map(|e| e.file_name().to_str().map(|n| format!("lang/{n}")))
                        .collect()
                })
                .unwrap_or_default(),
        };
        files.retain(|f| Path::new(f).extension().is_some_and(|e| e == "ron"));
        files.sort();
        files
    }

    /// The bytes of an illustration the kiosk can draw, by file name: from the clinic's
    /// `illustrations/` folder if it has it, else from the built-in `assets/illustrations/`.
    /// `None` if neither has it, or the clinic's is refused (outside the folder, not a regular
    /// file, too large, a file reference in an SVG: see [`super::limits`]); the screen then
    /// draws a placeholder, and `check` says why.
    pub fn illustration(&self, name: &str) -> Option<Cow<'static, [u8]>> {
        match self.picture(name, false) {
            Ok(found) => found,
            Err(why) => {
                log::warn!("{why}; a placeholder is shown instead");
                None
            }
        }
    }

    /// An illustration as [`Self::illustration`] finds it, or why it cannot be shown. `decode`
    /// also decodes a PNG whole (what `check` does; the loader reads only its header).
    pub fn picture(
        &self,
        name: &str,
        decode: bool,
    ) -> Result<Option<Cow<'static, [u8]>>, super::limits::PictureError> {
        if let Self::Folder(dir) = self
            && let Some(bytes) = super::limits::folder_picture(dir, name, decode)?
        {
            return Ok(Some(bytes));
        }
        Ok(BUILT_IN_ILLUSTRATIONS
            .get_file(name)
            .map(|f| Cow::Borrowed(f.contents())))
    }
}
