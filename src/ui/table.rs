//! A side-by-side comparison (an Option Grid) on a guide screen: one row's question at a time,
//! with every option's answer to it beside the others where the width allows, under it where not.

use egui::{RichText, Ui, vec2};

use super::View;
use super::widgets::{keep_in_view, list, marked};

/// The narrowest a cell may be: a row's answers sit side by side in as many columns as fit this
/// (all of them on a wide screen), and wrap onto further lines where fewer fit.
const MIN_CELL: f32 = 200.0;

/// Draws `rows` against the columns named in `head[1..]`. Each cell shows its option's name in
/// bold over its answer; read aloud says the two as they show, so each is marked while it is said,
/// and a screen reader hears the cell as one item, "Option: answer".
pub fn show(ui: &mut Ui, view: &View<'_>, head: &[String], rows: &[Vec<String>]) {
    let theme = view.theme;
    let gap = theme.tokens.gap;
    let options = head.len().saturating_sub(1).max(1);
    // Narrower than the column by a scroll bar's width: when a long comparison first makes the
    // page scroll, the bar takes its room, and the row must not push the column wider.
    let width = ui.available_width() - 12.0;
    // In points, so "Larger text" (a zoom) leaves fewer, wider columns.
    let fit = (((width + gap) / (MIN_CELL + gap)).floor() as usize).clamp(1, options);
    // As even as the lines can be: five options that fit four a line go three and two.
    let lines = options.div_ceil(fit);
    let columns = options.div_ceil(lines);
    let cell_width = ((width - gap * (columns as f32 - 1.0)) / columns as f32).floor();
    for row in rows {
        let Some((label, cells)) = row.split_first() else {
            continue;
        };
        ui.add_space(gap / 2.0);
        ui.label(RichText::new(view.content.fill(label)).font(theme.button()));
        let pairs: Vec<(&String, &String)> = head.iter().skip(1).zip(cells).collect();
        list(ui, |ui| {
            for line in pairs.chunks(columns) {
                ui.horizontal_top(|ui| {
                    ui.spacing_mut().item_spacing = vec2(gap, gap / 2.0);
                    for (name, cell) in line {
                        cell_ui(ui, view, (name, cell), cell_width);
                    }
                });
                ui.add_space(gap / 2.0);
            }
        });
    }
}

/// One option's answer, as a list item: its name in bold, then the answer.
fn cell_ui(ui: &mut Ui, view: &View<'_>, (name, cell): (&String, &String), cell_width: f32) {
    let theme = view.theme;
    let gap = theme.tokens.gap;
    let name = view.content.fill(name);
    let words = view.content.fill(cell);
    let item = egui::UiBuilder::new()
        .accessibility_role(egui::accesskit::Role::ListItem)
        .accessibility_label(format!("{name}: {words}"));
    ui.scope_builder(item, |ui| {
        cell_frame(view).show(ui, |ui| {
            // The frame's margin and border, with room for their rounding to whole points, so a
            // line of cells never grows past the column.
            ui.set_width(cell_width - 2.0 * gap - 8.0);
            // The name over the answer, whatever the line of cells around it lays out.
            ui.vertical(|ui| {
                let bold = egui::FontId::new(theme.tokens.body_size, crate::theme::bold());
                let job = marked(ui, theme, &name, bold, theme.text);
                let shown = ui.add(egui::Label::new(job).wrap());
                keep_in_view(ui, &name, &shown);
                let job = marked(ui, theme, &words, theme.body(), theme.text);
                let shown = ui.add(egui::Label::new(job).wrap());
                keep_in_view(ui, &words, &shown);
            });
        });
    });
}

/// A quiet frame: a comparison is not a warning, so not the callout's amber. Also the chances'
/// tiles.
pub(super) fn cell_frame(view: &View<'_>) -> egui::Frame {
    let theme = view.theme;
    egui::Frame::new()
        .fill(theme.surface)
        .stroke(egui::Stroke::new(1.5, theme.control_border))
        .corner_radius(theme.radius())
        .inner_margin(theme.tokens.gap)
}
