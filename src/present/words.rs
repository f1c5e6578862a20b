//! The presenter's own words (the presenter view, the notes' headings, the example labels on the
//! self-check slide, the windows' titles) live in each language file as `ui.presenter`, so
//! `check` finds any missing in one language and a new language brings its own. This is the one
//! way presenter code reaches them.

use crate::content::Content;

pub use crate::content::PresenterText as Words;

/// The presenter's words in the language `code` (the content's default language when it has
/// no such language).
pub fn words<'a>(content: &'a Content, code: &str) -> &'a Words {
    &content.language(code).ui.presenter
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_own_words_and_slides_are_counted_from_one() {
        let content = Content::built_in().expect("built-in content");
        assert_eq!(words(&content, "es").say, "Qué decir");
        assert_eq!(words(&content, "en").say, "Say");
        assert_eq!(words(&content, "en").slide_of(2, 13), "Slide 3 of 13");
    }
}
