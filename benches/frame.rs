//! Building one frame (egui pass plus tessellation, no GPU) at 1920x1080, on every guide screen,
//! a self-check question, the summary and the attract screen, with the valve moving where it
//! is. `cargo bench --bench frame`. Each screen has a budget (BUDGET): the bench fails when a
//! screen's median frame goes over it, so a slow change is caught where it is measured.
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

/// The most one frame may take on the 2-core development machine, in release builds (measured
/// 0.05 to 0.07 ms per guide screen when this was set).
const BUDGET: std::time::Duration = std::time::Duration::from_micros(500);

/// Where the bench puts the app before measuring.
enum Place {
    Screen(&'static str),
    Question,
    Summary,
    Attract,
}

/// A warmed-up app at `place`, with its pictures loaded and fonts laid out.
fn app_on(ctx: &egui::Context, place: &Place) -> App {
    let content = Content::built_in().expect("built-in content");
    let mut app = App::new(content.clone(), &[]);
    let screen = match place {
        Place::Screen(id) => id,
        Place::Question => "question",
        Place::Summary => "summary",
        Place::Attract => "attract",
    };
    match place {
        Place::Screen(id) => app.apply(Visit::GoTo(
            content.screen_index(id).expect("screen exists"),
        )),
        Place::Question => app.apply(Visit::StartCheck),
        Place::Summary => {
            app.apply(Visit::StartCheck);
            for _ in 0..60 {
                app.apply(Visit::CheckAnswer(vein_kiosk::selfcheck::Answer::No));
                app.apply(Visit::CheckSide(vein_kiosk::selfcheck::Side::Neither));
                app.apply(Visit::CheckAnswer(vein_kiosk::selfcheck::Answer::Chose(
                    ["varicose".to_owned()].into(),
                )));
            }
        }
        Place::Attract => app = App::new(content, &[]).kiosk_mode(None),
    }
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
    assert!(shapes > 500, "{screen}: only {shapes} vertices drawn");
    eprintln!("{screen}: {shapes} vertices per frame");
    app
}

fn frame(c: &mut Criterion) {
    let content = Content::built_in().expect("built-in content");
    let mut places: Vec<(String, Place)> = content
        .flow
        .screens
        .iter()
        .map(|s| {
            let id: &'static str = Box::leak(s.id.clone().into_boxed_str());
            (id.to_owned(), Place::Screen(id))
        })
        .collect();
    places.push(("self-check question".into(), Place::Question));
    places.push(("summary".into(), Place::Summary));
    places.push(("attract".into(), Place::Attract));
    let mut over = Vec::new();
    for (name, place) in places {
        let ctx = egui::Context::default();
        let mut app = app_on(&ctx, &place);
        let mut t = 1.0;
        let mut one_frame = || {
            // The valve (where there is one) moves between frames.
            t += 1.0 / 15.0;
            let output = ctx.run_ui(input(t), |ui| {
                app.handle_input(ui.ctx());
                app.show(ui);
            });
            ctx.tessellate(output.shapes, output.pixels_per_point)
        };
        let mut times: Vec<std::time::Duration> = (0..51)
            .map(|_| {
                let start = std::time::Instant::now();
                std::hint::black_box(one_frame());
                start.elapsed()
            })
            .collect();
        times.sort();
        if times[25] > BUDGET {
            over.push(format!("{name}: median {:?} > {BUDGET:?}", times[25]));
        }
        c.bench_function(&format!("frame 1920x1080: {name}"), |b| {
            b.iter(&mut one_frame)
        });
    }
    assert!(over.is_empty(), "frames over budget:\n{}", over.join("\n"));
}

criterion_group!(benches, frame);
criterion_main!(benches);
