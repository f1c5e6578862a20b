//! Read aloud on the screen: which sentence is being said, marked wherever it is shown, and kept
//! in view on a long page.

use egui::{Color32, FontId, Response, Stroke, Ui, text::LayoutJob};

use crate::theme::Theme;

/// Where this frame's sentence read aloud is kept for the text widgets.
fn reading_id() -> egui::Id {
    egui::Id::unique("vein-kiosk-reading-now")
}

/// Tells this frame's widgets which sentence is being read aloud (None: nothing is). It is words
/// of the content (an answer's label at most, when a visitor touched it to hear it), kept in
/// egui's memory for this frame and wiped with the rest of that memory when the visit ends.
pub fn set_reading(ctx: &egui::Context, sentence: Option<&str>) {
    let id = reading_id();
    ctx.data_mut(|d| match sentence {
        Some(s) => {
            d.insert_temp(id, std::sync::Arc::<str>::from(s));
        }
        None => d.remove::<std::sync::Arc<str>>(id),
    });
}

pub(super) fn reading(ui: &Ui) -> Option<std::sync::Arc<str>> {
    ui.data(|d| d.get_temp::<std::sync::Arc<str>>(reading_id()))
}

/// `text` in `font` and `color`, with the sentence being read aloud marked where `text` holds
/// it: the callout colour behind it (the text keeps its contrast there) and a line under it in the
/// callout's border colour, so the mark shows on the page and inside a callout alike.
pub fn marked(ui: &Ui, theme: &Theme, text: &str, font: FontId, color: Color32) -> LayoutJob {
    mark(
        text,
        reading(ui).as_deref(),
        egui::TextFormat::simple(font, color),
        theme,
    )
}

/// Where `sentence` stands in `text` as words of its own: "No" being said is not the start of
/// "Now" (which marked a question's first word and scrolled the page to it).
fn find_sentence(text: &str, sentence: &str) -> Option<std::ops::Range<usize>> {
    let sentence = sentence.trim();
    if sentence.is_empty() {
        return None;
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(sentence)
        .map(|(at, _)| at..at + sentence.len())
        .find(|r| !word(text[..r.start].chars().next_back()) && !word(text[r.end..].chars().next()))
}

fn mark(text: &str, sentence: Option<&str>, format: egui::TextFormat, theme: &Theme) -> LayoutJob {
    let mut job = LayoutJob::default();
    let found = sentence.and_then(|s| find_sentence(text, s));
    match found {
        Some(range) => {
            let marked = egui::TextFormat {
                background: theme.callout,
                underline: Stroke::new(3.0, theme.callout_border),
                ..format.clone()
            };
            job.append(&text[..range.start], 0.0, format.clone());
            job.append(&text[range.clone()], 0.0, marked);
            job.append(&text[range.end..], 0.0, format);
        }
        None => job.append(text, 0.0, format),
    }
    job
}

/// Scrolls `response` (which shows `text`) into the middle of the view when the sentence being
/// read aloud has just moved into it and it is not already in full view, so the mark is seen on
/// a long page; once per sentence, so a visitor who scrolls away is not pulled back until the
/// next sentence. What is in view stays put: an answer touched once to hear it is still under
/// the finger for the second touch.
pub fn keep_in_view(ui: &Ui, text: &str, response: &Response) {
    let Some(sentence) = reading(ui).filter(|s| find_sentence(text, s).is_some()) else {
        return;
    };
    let shown = egui::Id::unique("vein-kiosk-reading-scrolled-to");
    if ui
        .data(|d| d.get_temp::<std::sync::Arc<str>>(shown))
        .as_deref()
        != Some(&*sentence)
    {
        ui.data_mut(|d| d.insert_temp(shown, sentence));
        if !ui.clip_rect().contains_rect(response.rect) {
            response.scroll_to_me(Some(egui::Align::Center));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme() -> Theme {
        let content = crate::content::Content::built_in().unwrap_or_else(|p| panic!("{p:?}"));
        Theme::new(&content.theme)
    }

    #[test]
    fn the_sentence_being_read_is_marked_and_nothing_else() {
        let theme = theme();
        let format = egui::TextFormat::simple(theme.body(), theme.text);
        let text = "Veins carry blood. Valves keep it going up. Walk often.";
        let job = mark(
            text,
            Some("Valves keep it going up."),
            format.clone(),
            &theme,
        );
        assert_eq!(job.text, text, "the words are all there, in order");
        let marked: Vec<&str> = job
            .sections
            .iter()
            .filter(|s| s.format.background == theme.callout)
            .map(|s| &text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(marked, ["Valves keep it going up."]);
        // Not in this text, or nothing being read: no mark.
        for sentence in [Some("Sit with your legs up."), None, Some("  ")] {
            let job = mark(text, sentence, format.clone(), &theme);
            assert_eq!(job.sections.len(), 1);
            assert_eq!(job.sections[0].format.background, Color32::TRANSPARENT);
        }
    }

    #[test]
    fn an_answer_being_said_is_found_only_as_words_of_its_own() {
        let ask = "Now or in the last few days, have you had sudden trouble breathing?";
        assert_eq!(find_sentence(ask, "No"), None, "not the start of \"Now\"");
        assert_eq!(find_sentence("Yes or No?", "No"), Some(7..9));
        assert_eq!(find_sentence("Nothing. No.", "No."), Some(9..12));
        assert_eq!(find_sentence("Walk often.", " Walk often. "), Some(0..11));
    }
}
