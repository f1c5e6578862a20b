//! The floor for animation cost: the cheapest eframe window (glow, one heading) redrawing a
//! moving circle at a given rate, at the kiosk's window size. `scripts/cpu-cost` runs it beside
//! the kiosk, so the kiosk's cost of motion is read against what any eframe window pays.
//!
//! `cargo run --release --features bench-floor --bin floor-animation -- [FPS]` (default 30).

use eframe::egui;

fn main() -> eframe::Result {
    let fps: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30.0);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("floor animation")
            .with_inner_size([1280.0, 800.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "floor-animation",
        options,
        Box::new(move |_cc| Ok(Box::new(Floor { fps }))),
    )
}

struct Floor {
    fps: f64,
}

impl eframe::App for Floor {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show_inside(ui, |ui| {
            ui.heading("floor animation");
            let t = ui.input(|i| i.time);
            let rect = ui.max_rect();
            #[allow(clippy::cast_possible_truncation)]
            let x = rect.left() + (rect.width() * (0.5 + 0.4 * t.sin() as f32));
            ui.painter().circle_filled(
                egui::pos2(x, rect.center().y),
                60.0,
                egui::Color32::DARK_RED,
            );
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(1.0 / self.fps));
    }
}
