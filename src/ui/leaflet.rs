//! "Print a leaflet to take home", on the screens that offer it where a printer is set, and how
//! printing it went. The leaflet holds no patient data.

use egui::{RichText, Ui, vec2};

use super::View;
use super::widgets::{Look, big_button, callout, live_region};
use crate::command::{Command, JobRequest};
use crate::navigation::LeafletPrint;

pub fn show(ui: &mut Ui, view: &View<'_>, out: &mut Vec<Command>) {
    if !view.screen().offer_leaflet || !view.content.settings.can_print() {
        return;
    }
    let Some(guide) = view.session.route.guide() else {
        return;
    };
    let theme = view.theme;
    let words = &view.language().leaflet;
    ui.add_space(theme.tokens.gap);
    let printing = guide.leaflet == Some(LeafletPrint::Printing);
    let size = vec2(
        theme.tokens.touch_target * 5.0,
        theme.tokens.touch_target * 1.25,
    );
    let button = ui.add_enabled_ui(!printing, |ui| {
        big_button(ui, theme, &words.button, Look::Secondary, size)
    });
    if button.inner.clicked() {
        out.push(Command::Job(JobRequest::PrintLeaflet));
    }
    let message = match &guide.leaflet {
        None => return,
        Some(LeafletPrint::Printing) => view.content.fill(&words.printing),
        Some(LeafletPrint::Printed) => view.content.fill(&words.printed),
        Some(LeafletPrint::Failed(_)) => view.content.fill(&words.print_failed),
    };
    let response = ui
        .scope(|ui| callout(ui, theme, RichText::new(message).font(theme.body())))
        .response;
    live_region(ui, &response, false);
    if let Some(LeafletPrint::Failed(why)) = &guide.leaflet {
        // For staff, small: the reason names nothing of the visitor.
        ui.label(
            RichText::new(why)
                .font(theme.small())
                .color(theme.muted_text),
        );
    }
}
