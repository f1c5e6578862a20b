//! The printed answers: the PDF is read back with lopdf (pages, text, embedded fonts) and drawn
//! by a second, independent renderer (hayro) whose pixels must give back the QR code's answers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::content;
use vein_kiosk::content::{Content, Paper};
use vein_kiosk::handout::{Handout, Stamp, qr_png};
use vein_kiosk::selfcheck::code::decode;
use vein_kiosk::selfcheck::{Answers, Summary, answers_file};

fn stamp() -> Stamp {
    Stamp {
        local: "2026-11-21 14:05".into(),
        file: "20261121-140512".into(),
        utc: "2026-11-21T19:05:12Z".into(),
    }
}

fn fixture(content: &Content, name: &str) -> Answers {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("answers-{name}.ron"));
    answers_file::read(&path, &content.selfcheck).unwrap()
}

fn handout(content: &Content, name: &str, lang: &str) -> Handout {
    let answers = fixture(content, name);
    Handout::new(content, &answers, content.language(lang), &stamp()).unwrap()
}

/// The text of each page, as a PDF reader extracts it (spaces and line breaks normalised).
fn page_texts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("a valid PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|n| {
            let text = doc.extract_text(&[*n]).expect("text on the page");
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The summary's words for these answers in a language, in the order a copy prints them: the
/// title, the red-flag block, each group's title and lines (a list's label, then each item),
/// "nothing to report", the paper's next step and "not a diagnosis".
fn summary_words(content: &Content, answers: &Answers, lang: &str) -> Vec<String> {
    let words = &content.language(lang).selfcheck;
    let fill = |t: &str| content.fill(t);
    let summary = Summary::new(&content.selfcheck, words, answers, &fill);
    let mut out = vec![summary.title.clone()];
    if !summary.red_flags.1.is_empty() {
        out.push(summary.red_flags.0.clone());
        out.extend(summary.red_flags.1.iter().cloned());
    }
    for (title, lines) in &summary.groups {
        out.push(title.clone());
        for line in lines {
            if line.items.is_empty() {
                out.push(line.label.clone());
            } else {
                out.push(format!("{}:", line.label));
                out.extend(line.items.iter().cloned());
            }
        }
    }
    out.extend(summary.nothing.clone());
    out.push(words.handoff.paper_next_step.clone());
    out.push(summary.not_a_diagnosis.clone());
    out
}

/// Asserts that a page's text holds every word of the summary for these answers in this
/// language, in order: nothing left off, nothing out of place.
fn assert_page_holds_the_summary(page: &str, content: &Content, answers: &Answers, lang: &str) {
    let mut from = 0;
    for piece in summary_words(content, answers, lang) {
        let piece = squash(&piece);
        let Some(at) = page[from..].find(&piece) else {
            panic!("{lang}: {piece:?} missing (or out of order) after byte {from}:\n{page}");
        };
        from += at + piece.len();
    }
}

#[test]
fn english_patient_gets_one_page_with_everything_staff_need() {
    let content = content();
    let h = handout(&content, "many-symptoms-both-legs", "en");
    let pages = page_texts(&h.pdf);
    assert_eq!(
        pages.len(),
        1,
        "patient and clinic share a language: one copy"
    );
    let text = &pages[0];
    let words = &content.language("en").selfcheck;
    for expected in [
        content.settings.clinic_name.as_str(),
        &words.summary.title,
        "2026-11-21 14:05",
        &words.handoff.code,
        &words.handoff.name_line,
        &words.handoff.paper_next_step,
        &words.summary.not_a_diagnosis,
        "Left leg",
        "Right leg",
        "Swollen ankle or foot (Often)",
    ] {
        assert!(
            text.contains(&squash(expected)),
            "{expected:?} missing from the page:\n{text}"
        );
    }
    assert_page_holds_the_summary(
        text,
        &content,
        &fixture(&content, "many-symptoms-both-legs"),
        "en",
    );
    // The code is printed in groups a person can type; it decodes to the same answers.
    let printed: String = text
        .split("VK1-")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .take_while(|w| {
            w.len() <= 4
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .collect();
    assert_eq!(format!("VK1-{printed}"), h.code);
}

#[test]
fn red_flags_come_first_and_the_staff_copy_follows_in_the_clinic_language() {
    let content = content();
    let h = handout(&content, "red-flags", "es");
    let pages = page_texts(&h.pdf);
    assert_eq!(
        pages.len(),
        2,
        "a Spanish patient's copy, then a staff copy"
    );
    let es = &content.language("es").selfcheck;
    let en = &content.language("en").selfcheck;
    let red = pages[0].find(&squash(&es.summary.red_flags)).unwrap();
    let first_group = pages[0].find(&squash(&es.groups["symptoms"])).unwrap();
    assert!(
        red < first_group,
        "red flags above the answers: {}",
        pages[0]
    );
    assert!(pages[0].contains(&squash(&es.handoff.paper_next_step)));
    assert!(!pages[0].contains(&squash(&en.handoff.staff_copy)));
    assert!(pages[1].contains(&squash(&en.handoff.staff_copy)));
    assert!(pages[1].contains("Español"), "{}", pages[1]);
    assert!(pages[1].contains(&squash(&en.summary.red_flags)));
    assert!(pages[1].contains(&squash(&en.handoff.name_line)));
    let answers = fixture(&content, "red-flags");
    assert_page_holds_the_summary(&pages[0], &content, &answers, "es");
    assert_page_holds_the_summary(&pages[1], &content, &answers, "en");
}

#[test]
fn the_longest_answers_still_fit_one_page_per_copy_on_letter_and_a4() {
    let mut content = content();
    for paper in [Paper::Letter, Paper::A4] {
        content.settings.paper = paper;
        let h = handout(&content, "many-symptoms-both-legs", "es");
        let pages = page_texts(&h.pdf);
        assert_eq!(pages.len(), 2, "{paper:?}");
        // Fitting is not cutting: every answer is on its copy's one page.
        let answers = fixture(&content, "many-symptoms-both-legs");
        assert_page_holds_the_summary(&pages[0], &content, &answers, "es");
        assert_page_holds_the_summary(&pages[1], &content, &answers, "en");
    }
}

#[test]
fn fonts_are_embedded_and_text_is_real_text() {
    let content = content();
    let h = handout(&content, "no-problems", "en");
    let doc = lopdf::Document::load_mem(&h.pdf).unwrap();
    let mut embedded = 0;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict.has(b"FontFile2")
        {
            embedded += 1;
        }
    }
    assert_eq!(
        embedded, 2,
        "regular and bold Atkinson Hyperlegible, embedded"
    );
    let text = &page_texts(&h.pdf)[0];
    assert!(text.contains(&squash(&content.language("en").selfcheck.summary.nothing)));
    assert_page_holds_the_summary(text, &content, &fixture(&content, "no-problems"), "en");
}

/// Renders every page with hayro and reads the QR code back from the pixels.
fn qr_codes_on_pages(pdf: &[u8]) -> Vec<String> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::vello_cpu::color::palette::css::WHITE;
    let pdf = hayro::hayro_syntax::Pdf::new(pdf.to_vec()).expect("hayro reads the PDF");
    let cache = hayro::RenderCache::new();
    let settings = hayro::PixmapSettings {
        x_scale: 2.0,
        y_scale: 2.0,
        bg_color: WHITE,
    };
    pdf.pages()
        .iter()
        .map(|page| {
            let pixmap = hayro::render(
                page,
                &cache,
                &InterpreterSettings::default(),
                &hayro::RenderSettings::default(),
                &settings,
            );
            let png = pixmap.into_png().unwrap();
            let read = common::read_qrs(image::load_from_memory(&png).unwrap().to_luma8());
            assert_eq!(read.len(), 1, "one QR code per page");
            read[0].clone()
        })
        .collect()
}

#[test]
fn the_printed_qr_code_reads_back_to_the_same_answers() {
    let content = content();
    for (name, lang) in [("many-symptoms-both-legs", "es"), ("red-flags", "en")] {
        let answers = fixture(&content, name);
        let h = handout(&content, name, lang);
        for read in qr_codes_on_pages(&h.pdf) {
            assert_eq!(read, h.code);
            assert_eq!(decode(&content.selfcheck, &read).unwrap(), answers);
        }
    }
}

#[test]
fn the_qr_png_reads_back_to_the_same_answers() {
    let content = content();
    let answers = fixture(&content, "many-symptoms-both-legs");
    let h = handout(&content, "many-symptoms-both-legs", "en");
    let read = common::read_qrs(
        image::load_from_memory(&qr_png(&h.code).unwrap())
            .unwrap()
            .to_luma8(),
    );
    assert_eq!(read.len(), 1);
    assert_eq!(decode(&content.selfcheck, &read[0]).unwrap(), answers);
}

#[test]
fn a_configured_logo_is_drawn_and_a_broken_one_is_left_off() {
    let mut content = content();
    content.settings.logo = Some("welcome.svg".into());
    let h = handout(&content, "no-problems", "en");
    assert!(common::pdf_images(&h.pdf) >= 1, "the logo is in the PDF");

    content.settings.logo = Some("no-such-logo.png".into());
    let h = handout(&content, "no-problems", "en");
    let pages = page_texts(&h.pdf);
    assert_eq!(pages.len(), 1, "still printed, without the logo");
    assert_page_holds_the_summary(&pages[0], &content, &fixture(&content, "no-problems"), "en");
}

#[test]
fn the_fhir_file_is_in_the_clinic_language_and_has_no_identifiers() {
    let content = content();
    let h = handout(&content, "red-flags", "es");
    let json: serde_json::Value = serde_json::from_str(&h.fhir).unwrap();
    assert_eq!(json["resourceType"], "QuestionnaireResponse");
    assert_eq!(json["authored"], "2026-11-21T19:05:12Z");
    assert_eq!(json["language"], content.settings.default_language);
    assert!(json.get("subject").is_none() && json.get("identifier").is_none());
    // Files are named by the time and a random part: nothing of the answers, and never the
    // same name twice for the same minute.
    let stem = h.file_stem(&stamp());
    assert!(stem.starts_with("vein-check-20261121-140512-"), "{stem}");
    assert_eq!(
        stem.len(),
        "vein-check-20261121-140512-".len() + 6,
        "{stem}"
    );
    assert!(
        !stem.contains(&h.code[4..10]),
        "no part of the answer code: {stem}"
    );
    let stems: std::collections::BTreeSet<String> =
        (0..50).map(|_| h.file_stem(&stamp())).collect();
    assert_eq!(stems.len(), 50, "each name is new");
}

fn kiosk() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
}

/// The QR code in a PNG file, read back as a scanner would.
fn read_qr_png(path: &std::path::Path) -> String {
    let read = common::read_qrs(image::open(path).unwrap().to_luma8());
    assert_eq!(read.len(), 1);
    read[0].clone()
}

#[test]
fn handout_and_decode_write_the_pdf_fhir_and_qr_files() {
    let content = content();
    let out = tempfile::tempdir().unwrap();
    let (pdf, fhir, qr) = (
        out.path().join("a.pdf"),
        out.path().join("a.json"),
        out.path().join("a.png"),
    );
    let answers = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/answers-red-flags.ron");
    let run = kiosk()
        .args(["handout", "--lang", "es", "--answers"])
        .arg(&answers)
        .arg("--pdf")
        .arg(&pdf)
        .arg("--fhir")
        .arg(&fhir)
        .arg("--qr")
        .arg(&qr)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let code = read_qr_png(&qr);
    assert_eq!(
        decode(&content.selfcheck, &code).unwrap(),
        fixture(&content, "red-flags")
    );
    let pages = page_texts(&std::fs::read(&pdf).unwrap());
    assert_eq!(pages.len(), 2, "Spanish copy and staff copy");
    let red_flags = fixture(&content, "red-flags");
    assert_page_holds_the_summary(&pages[0], &content, &red_flags, "es");
    assert_page_holds_the_summary(&pages[1], &content, &red_flags, "en");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&fhir).unwrap()).unwrap();
    assert_eq!(json["resourceType"], "QuestionnaireResponse");

    // Staff with only the code get the same PDF text (the time aside) from decode.
    let pdf2 = out.path().join("b.pdf");
    let run = kiosk()
        .args(["decode", &code, "--lang", "es", "--pdf"])
        .arg(&pdf2)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let strip_time = |t: &str| {
        t.split_whitespace()
            .filter(|w| !w.contains(':') || !w.chars().next().unwrap().is_ascii_digit())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let again = page_texts(&std::fs::read(&pdf2).unwrap());
    assert_eq!(
        again.iter().map(|t| strip_time(t)).collect::<Vec<_>>(),
        pages.iter().map(|t| strip_time(t)).collect::<Vec<_>>()
    );

    // Nothing asked for, or a damaged code: an error, and no file.
    let none = kiosk()
        .args(["handout", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("--pdf"));
    let last = if code.ends_with('A') { 'B' } else { 'A' };
    let damaged = format!("{}{last}", &code[..code.len() - 1]);
    let pdf3 = out.path().join("c.pdf");
    let bad = kiosk()
        .args(["decode", &damaged, "--pdf"])
        .arg(&pdf3)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(bad.stdout.is_empty() && !pdf3.exists());
}
