//! The visitor's own controls, on every guide screen and every self-check step, always first in
//! the header: Larger text, High contrast, Read aloud (and Reduce motion where something moves).

use egui::{Ui, vec2};

use super::View;
use super::widgets::{Icon, access_button};
use crate::command::{Command, Visit};

/// The controls in a row that wraps when the window is narrow. `motion` adds "Reduce motion"
/// (on screens with the animated valve).
pub fn bar(ui: &mut Ui, view: &View<'_>, motion: bool, out: &mut Vec<Command>) {
    let words = &view.language().ui;
    let choices = view.session.choices;
    let min = vec2(
        view.theme.tokens.touch_target,
        view.theme.tokens.touch_target,
    );
    // The size shown is always there (100%, 150%, 200%), so the control keeps its width.
    let badge = Some(choices.text.percent());
    let mut controls = vec![
        (
            &words.larger_text,
            Icon::LargerText,
            None,
            badge,
            Visit::LargerText,
        ),
        (
            &words.high_contrast,
            Icon::Contrast,
            Some(choices.high_contrast),
            None,
            Visit::HighContrast,
        ),
        (
            &words.read_aloud,
            Icon::Speaker,
            Some(choices.read_aloud),
            None,
            Visit::ReadAloud,
        ),
    ];
    if motion {
        controls.push((
            &words.reduce_motion,
            Icon::Still,
            Some(choices.reduce_motion),
            None,
            Visit::ReduceMotion,
        ));
    }
    for (label, icon, on, badge, visit) in controls {
        if access_button(ui, view.theme, (label, icon), on, badge, min).clicked() {
            out.push(visit.into());
        }
    }
}

/// Width the bar takes on one line.
pub fn width(ui: &Ui, view: &View<'_>, motion: bool) -> f32 {
    let words = &view.language().ui;
    let theme = view.theme;
    let gap = theme.tokens.gap;
    let mut labels = vec![
        format!("{} 200%", words.larger_text),
        words.high_contrast.clone(),
        words.read_aloud.clone(),
    ];
    if motion {
        labels.push(words.reduce_motion.clone());
    }
    labels
        .into_iter()
        .map(|label| {
            let text = ui
                .painter()
                .layout_no_wrap(label, theme.button(), egui::Color32::WHITE)
                .size()
                .x;
            (text + 4.0 * gap + theme.tokens.button_text_size * 1.2).max(theme.tokens.touch_target)
                + gap
        })
        .sum()
}
