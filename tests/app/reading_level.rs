//! Every English screen reads at US grade 6 or below (Flesch-Kincaid). The reference measure is
//! `../shared/tools/reading-grade` (textstat); this is the same formula with a plain syllable
//! count, so a screen that drifts above grade 6 fails here without Python.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use vein_kiosk::content::Content;
use vein_kiosk::text::screen_words;

/// Vowel groups, less a silent final "e"; at least one per word.
fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    if w.is_empty() {
        return 0;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut count = 0;
    let mut previous = false;
    for &c in &w {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    if w.len() > 2 && w.ends_with(&['e']) && !w.ends_with(&['l', 'e']) && count > 1 {
        count -= 1;
    }
    count.max(1)
}

fn grade(text: &str) -> f64 {
    let sentences = text
        .split(['.', '!', '?', ':', '\n'])
        .filter(|s| {
            s.split_whitespace()
                .any(|w| w.chars().any(char::is_alphabetic))
        })
        .count()
        .max(1);
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let syllable_count: usize = words.iter().map(|w| syllables(w)).sum();
    let words_n = words.len().max(1) as f64;
    0.39 * (words_n / sentences as f64) + 11.8 * (syllable_count as f64 / words_n) - 15.59
}

#[test]
fn syllable_counter_is_sane() {
    assert_eq!(syllables("vein"), 1);
    assert_eq!(syllables("legs"), 1);
    assert_eq!(syllables("muscle"), 2);
    assert_eq!(syllables("insufficiency"), 5);
    assert!(grade("The cat sat on the mat.") < 2.0);
    assert!(
        grade(
            "Chronic venous insufficiency constitutes a pathophysiological manifestation of valvular incompetence."
        ) > 12.0
    );
}

#[test]
fn every_english_screen_is_grade_6_or_below() {
    let content = Content::built_in().unwrap();
    let english = content.language("en");
    let mut too_hard = Vec::new();
    for screen in &content.flow.screens {
        let g = grade(&screen_words(&content, english, screen));
        if g > 6.0 {
            too_hard.push(format!("{}: grade {g:.1}", screen.id));
        }
    }
    assert!(too_hard.is_empty(), "{too_hard:?}");
}

#[test]
fn the_english_self_check_is_grade_6_or_below() {
    let content = Content::built_in().unwrap();
    let words = vein_kiosk::text::selfcheck_words(&content, content.language("en"));
    let g = grade(&words);
    assert!(g <= 6.0, "self-check: grade {g:.1}");
}
