//! Renders every screen in every language to PNG without a display (`vein-kiosk-screenshots`),
//! through wgpu on whatever adapter is present; Mesa's CPU drivers are enough.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;

use crate::app::App;
use crate::command::Visit;
use crate::content::Content;
use crate::session::TextStep;

/// The sizes every screen is rendered at: the common landscape and portrait kiosk screens.
pub const SIZES: [(u32, u32); 2] = [(1920, 1080), (1080, 1920)];

/// A harness running the real kiosk at `size`, rendering with wgpu.
pub fn harness(content: Content, size: (u32, u32)) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(size.0 as f32, size.1 as f32))
        .with_max_steps(16)
        .wgpu()
        .build_ui_state(
            |ui, app: &mut App| {
                app.handle_input(ui.ctx());
                app.show(ui);
            },
            App::new(content, &[]),
        )
}

/// How the visitor's own choices are set for a set of screenshots: the text step and whether
/// high contrast is on, with the name that goes into each file's name ("" for the defaults).
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub name: &'static str,
    pub text: TextStep,
    pub high_contrast: bool,
}

/// The clinic's defaults only.
pub const DEFAULT_LOOK: [Look; 1] = [Look {
    name: "",
    text: TextStep::Normal,
    high_contrast: false,
}];

/// The defaults and the choices a person with low vision makes: 200% text, high contrast, both.
pub const LOW_VISION_LOOKS: [Look; 4] = [
    DEFAULT_LOOK[0],
    Look {
        name: "200-",
        text: TextStep::Largest,
        high_contrast: false,
    },
    Look {
        name: "contrast-",
        text: TextStep::Normal,
        high_contrast: true,
    },
    Look {
        name: "contrast-200-",
        text: TextStep::Largest,
        high_contrast: true,
    },
];

/// Why the screenshots could not all be written.
#[derive(Debug, thiserror::Error)]
pub enum ScreenshotError {
    /// The folder to write into could not be made.
    #[error("cannot create {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A screen could not be rendered (egui_kittest gives its reason in words).
    #[error("{0}")]
    Render(String),
    /// A screenshot could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: image::ImageError,
    },
}

/// Writes `DIR/<lang>-<width>x<height>-<look><nn>-<screen>.png` for every screen, language, size
/// and look. A larger text step is a zoom, so the window is given in points as a real window of
/// `size` pixels has at that zoom.
pub fn render_all(
    content: &Content,
    dir: &Path,
    looks: &[Look],
) -> Result<Vec<PathBuf>, ScreenshotError> {
    std::fs::create_dir_all(dir).map_err(|source| ScreenshotError::CreateDir {
        path: dir.to_owned(),
        source,
    })?;
    let mut written = Vec::new();
    for size in SIZES {
        for look in looks {
            for language in &content.languages {
                let mut harness = harness(content.clone(), size);
                // "Larger text" steps 100, 150, 200%; each step takes effect with a frame.
                for _ in 0..TextStep::ALL.len() {
                    if harness.state().session().choices.text == look.text {
                        break;
                    }
                    harness.state_mut().apply(Visit::LargerText);
                    harness.run_ok();
                }
                if look.high_contrast {
                    harness.state_mut().apply(Visit::HighContrast);
                }
                let zoom = look.text.zoom();
                harness.set_size(egui::vec2(size.0 as f32 / zoom, size.1 as f32 / zoom));
                for (i, screen) in content.flow.screens.iter().enumerate() {
                    harness
                        .state_mut()
                        .apply(Visit::SetLanguage(language.code.clone()));
                    harness.state_mut().apply(Visit::GoTo(i));
                    harness.run_ok();
                    let image = harness.render().map_err(ScreenshotError::Render)?;
                    let path = dir.join(format!(
                        "{}-{}x{}-{}{:02}-{}.png",
                        language.code,
                        size.0,
                        size.1,
                        look.name,
                        i + 1,
                        screen.id
                    ));
                    if let Err(source) = image.save(&path) {
                        return Err(ScreenshotError::Write { path, source });
                    }
                    written.push(path);
                }
            }
        }
    }
    Ok(written)
}
