//! Pictures for review of the visitor's choices: a guide screen, a question and the summary at
//! 200% text and in high contrast, landscape and portrait. Not a check (the snapshot and layout
//! tests check); run it to look:
//!   cargo test --test app a11y_report:: -- --ignored   (writes target/a11y-report/*.png)
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{check_states, content, rendered_app};
use vein_kiosk::command::Visit;
use vein_kiosk::session::TextStep;

/// Puts the harness at a text step and sizes its window as a real one of `size` pixels would be
/// at that zoom (egui_kittest gives the window in points).
fn at_step(
    h: &mut egui_kittest::Harness<'_, vein_kiosk::app::App>,
    size: (f32, f32),
    step: TextStep,
) {
    while h.state().session().choices.text != step {
        h.state_mut().apply(Visit::LargerText);
        h.run();
    }
    h.set_size(egui::vec2(size.0, size.1) / step.zoom());
    h.run();
}

#[test]
#[ignore = "writes what is read aloud for a person to look at"]
fn what_is_read_aloud_on_the_valve_screen_in_each_language() {
    let c = content();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/a11y-report");
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = vein_kiosk::session::Session::new(&c, 0.0);
    s.apply(
        Visit::GoTo(c.screen_index("healthy-veins").unwrap()),
        &c,
        0.0,
    );
    for language in &c.languages {
        let said = vein_kiosk::speech::utterances(&c, language, &s.route);
        let text: String = said
            .iter()
            .enumerate()
            .map(|(i, u)| format!("{:2}. {u}\n", i + 1))
            .collect();
        println!("== {} ==\n{text}", language.code);
        std::fs::write(dir.join(format!("utterances-{}.txt", language.code)), text).unwrap();
    }
}

#[test]
#[ignore = "writes pictures for a person to look at"]
fn pictures_at_200_percent_and_in_high_contrast() {
    let c = content();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/a11y-report");
    std::fs::create_dir_all(&dir).unwrap();
    let valve = c.screen_index("healthy-veins").unwrap();
    let states = check_states();
    let steps = |name: &str| states.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    for size in [(1920.0, 1080.0), (1080.0, 1920.0)] {
        for (mode, contrast, step) in [
            ("200", false, TextStep::Largest),
            ("contrast", true, TextStep::Normal),
            ("contrast-200", true, TextStep::Largest),
        ] {
            for lang in ["en", "es"] {
                let mut h = rendered_app(size);
                h.state_mut().apply(Visit::SetLanguage(lang.into()));
                if contrast {
                    h.state_mut().apply(Visit::HighContrast);
                }
                at_step(&mut h, size, step);
                let mut shots: Vec<(String, Vec<Visit>)> = vec![
                    ("guide".into(), vec![Visit::GoTo(valve)]),
                    ("question".into(), {
                        let mut s = vec![Visit::StartCheck];
                        s.extend(steps("legs-how-often"));
                        s
                    }),
                    ("summary".into(), {
                        let mut s = vec![Visit::StartCheck];
                        s.extend(steps("summary"));
                        s
                    }),
                ];
                for (name, visits) in shots.drain(..) {
                    h.state_mut().apply(Visit::CheckBack);
                    h.state_mut().apply(Visit::Home);
                    for v in visits {
                        h.state_mut().apply(v);
                    }
                    h.run();
                    let image = h.render().unwrap();
                    let file = format!("{}x{}-{mode}-{lang}-{name}.png", size.0, size.1);
                    image.save(dir.join(file)).unwrap();
                }
            }
        }
    }
}
