//! Building one frame (egui pass plus tessellation, no GPU) at 1920x1080: a static screen, and
//! the animated valve while it moves. `cargo bench --bench frame`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use vein_kiosk::app::App;
use vein_kiosk::command::Visit;
use vein_kiosk::content::Content;

fn input(time: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        time: Some(time),
        ..Default::default()
    }
}

/// A warmed-up app on `screen`, with its pictures loaded and fonts laid out.
fn app_on(ctx: &egui::Context, screen: &str) -> App {
    let content = Content::built_in().expect("built-in content");
    let index = content.screen_index(screen).expect("screen exists");
    let mut app = App::new(content, &[]);
    app.apply(Visit::GoTo(index));
    let mut shapes = 0;
    for frame in 0..20 {
        let output = ctx.run_ui(input(f64::from(frame) / 30.0), |ui| {
            app.handle_input(ui.ctx());
            app.show(ui);
        });
        shapes = ctx
            .tessellate(output.shapes, output.pixels_per_point)
            .iter()
            .map(|m| match &m.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum::<usize>();
    }
    // A benchmark of an empty frame would measure nothing: the screen must really be drawn.
    assert!(shapes > 2_000, "{screen}: only {shapes} vertices drawn");
    eprintln!("{screen}: {shapes} vertices per frame");
    app
}

fn frame(c: &mut Criterion) {
    for (name, screen) in [
        ("static screen (treatment)", "treatment"),
        ("animated valve", "healthy-veins"),
    ] {
        let ctx = egui::Context::default();
        let mut app = app_on(&ctx, screen);
        let mut t = 1.0;
        c.bench_function(&format!("frame 1920x1080: {name}"), |b| {
            b.iter(|| {
                // The valve moves between frames; the static screen does not.
                t += 1.0 / 30.0;
                let output = ctx.run_ui(input(t), |ui| {
                    app.handle_input(ui.ctx());
                    app.show(ui);
                });
                ctx.tessellate(output.shapes, output.pixels_per_point)
            });
        });
    }
}

criterion_group!(benches, frame);
criterion_main!(benches);
