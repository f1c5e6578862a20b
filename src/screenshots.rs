//! Renders every screen in every language to PNG without a display (`vein-kiosk-screenshots`),
//! through wgpu on whatever adapter is present; Mesa's CPU drivers are enough.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;

use crate::app::App;
use crate::command::Visit;
use crate::content::Content;

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

/// Writes `DIR/<lang>-<width>x<height>-<nn>-<screen>.png` for every screen, language and size.
pub fn render_all(content: &Content, dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for size in SIZES {
        for language in &content.languages {
            let mut harness = harness(content.clone(), size);
            for (i, screen) in content.flow.screens.iter().enumerate() {
                harness
                    .state_mut()
                    .apply(Visit::SetLanguage(language.code.clone()));
                harness.state_mut().apply(Visit::GoTo(i));
                harness.run_ok();
                let image = harness.render()?;
                let path = dir.join(format!(
                    "{}-{}x{}-{:02}-{}.png",
                    language.code,
                    size.0,
                    size.1,
                    i + 1,
                    screen.id
                ));
                image
                    .save(&path)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                written.push(path);
            }
        }
    }
    Ok(written)
}
