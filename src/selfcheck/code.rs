//! The hand-off code: a person's answers as a short text a QR code or a USB scanner carries to
//! staff. Versioned, tied to the questions it was made with, checksummed, ids only: no sentences,
//! no language, nothing about the person but the answers.
//!
//! Layout before encoding: version (1 byte), fingerprint of the questions (2 bytes), one value per
//! question in the definition's order, CRC-16 (2 bytes). Then base32 (RFC 4648, no padding), which
//! uses only characters a QR code's compact alphanumeric mode has, behind the prefix `VK1-`.

use std::collections::BTreeSet;

use super::answers::{Answer, Answers, Often, Side};
use super::model::{QuestionKind, SelfCheckDef};

/// What every code starts with.
pub const PREFIX: &str = "VK1-";
const VERSION: u8 = 1;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Why a code was refused. Never a wrong summary: a code either decodes exactly or not at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("this is not a vein-kiosk code (it should start with {PREFIX})")]
    NotACode,
    #[error("the code has a character that no code contains: {0:?}")]
    BadCharacter(char),
    #[error("the code is too short: part of it is missing")]
    Truncated,
    #[error("the code has extra characters at the end")]
    TooLong,
    #[error("the code is damaged or mistyped: its checksum does not match")]
    Checksum,
    #[error("the code was made by a newer version of the kiosk (format {0})")]
    Version(u8),
    #[error("the code was made with different self-check questions than this kiosk's content")]
    OtherQuestions,
    #[error("the code holds an answer this kiosk does not know (question {0})")]
    BadAnswer(String),
    #[error(
        "the code is not one the kiosk makes (it was altered): ask the patient to show it again"
    )]
    NotCanonical,
}

/// The code for a set of answers. Answers to questions that these answers no longer lead to
/// (after going back and changing an earlier answer) are left out.
pub fn encode(def: &SelfCheckDef, answers: &Answers) -> String {
    let mut bytes = vec![VERSION];
    bytes.extend(fingerprint(def).to_be_bytes());
    for (index, q) in def.questions.iter().enumerate() {
        let asked = super::engine::is_asked(def, answers, index);
        match answers.get(&q.id).filter(|_| asked) {
            None => bytes.push(0),
            Some(Answer::Skipped) => bytes.push(1),
            Some(Answer::NotSure) => bytes.push(2),
            Some(Answer::Yes) => bytes.push(3),
            Some(Answer::No) => bytes.push(4),
            Some(Answer::Legs(side, often)) => {
                bytes.extend([5, side_byte(*side) * 4 + often_byte(*often)])
            }
            Some(Answer::Chose(chosen)) => {
                bytes.push(6);
                let options = q.kind.options();
                let mut mask = vec![0_u8; options.len().div_ceil(8)];
                for (i, o) in options.iter().enumerate() {
                    if chosen.contains(&o.id) {
                        mask[i / 8] |= 1 << (i % 8);
                    }
                }
                bytes.extend(mask);
            }
        }
    }
    let crc = crc16(&bytes);
    bytes.extend(crc.to_be_bytes());
    format!("{PREFIX}{}", base32(&bytes))
}

/// The code in groups of four after the prefix, for people to read and type ("VK1-ABCD EFGH …");
/// [`decode`] forgives the spaces.
pub fn grouped(code: &str) -> String {
    let Some(body) = code.strip_prefix(PREFIX) else {
        return code.to_owned();
    };
    let chars: Vec<char> = body.chars().collect();
    let groups: Vec<String> = chars.chunks(4).map(|c| c.iter().collect()).collect();
    format!("{PREFIX}{}", groups.join(" "))
}

/// The answers a code holds. Spaces, dashes after the prefix and lower case are forgiven (a
/// scanner or a person typing may add them); anything else wrong is refused.
pub fn decode(def: &SelfCheckDef, code: &str) -> Result<Answers, CodeError> {
    let code = code.trim();
    let upper = code.to_ascii_uppercase();
    let body = upper.strip_prefix(PREFIX).ok_or(CodeError::NotACode)?;
    let bytes = unbase32(body)?;
    // Version, fingerprint, one byte at least per question, checksum.
    if bytes.len() < 3 + def.questions.len() + 2 {
        return Err(CodeError::Truncated);
    }
    let (data, crc) = bytes.split_at(bytes.len() - 2);
    if crc16(data).to_be_bytes() != crc {
        return Err(CodeError::Checksum);
    }
    if data[0] != VERSION {
        return Err(CodeError::Version(data[0]));
    }
    if u16::from_be_bytes([data[1], data[2]]) != fingerprint(def) {
        return Err(CodeError::OtherQuestions);
    }
    let mut rest = &data[3..];
    let mut answers = Answers::default();
    for q in &def.questions {
        let bad = || CodeError::BadAnswer(q.id.clone());
        let (&tag, tail) = rest.split_first().ok_or(CodeError::Truncated)?;
        rest = tail;
        let answer = match tag {
            0 => None,
            1 => Some(Answer::Skipped),
            2 => Some(Answer::NotSure),
            3 => Some(Answer::Yes),
            4 => Some(Answer::No),
            5 => {
                let (&legs, tail) = rest.split_first().ok_or(CodeError::Truncated)?;
                rest = tail;
                Some(Answer::Legs(
                    side_from(legs / 4).ok_or_else(bad)?,
                    often_from(legs % 4).ok_or_else(bad)?,
                ))
            }
            6 => {
                let options = q.kind.options();
                let n = options.len().div_ceil(8);
                if rest.len() < n {
                    return Err(CodeError::Truncated);
                }
                let (mask, tail) = rest.split_at(n);
                rest = tail;
                let mut chosen = BTreeSet::new();
                for (i, o) in options.iter().enumerate() {
                    if mask[i / 8] & (1 << (i % 8)) != 0 {
                        chosen.insert(o.id.clone());
                    }
                }
                Some(Answer::Chose(chosen))
            }
            _ => return Err(bad()),
        };
        if let Some(answer) = answer {
            answers.0.insert(q.id.clone(), answer);
        }
    }
    if !rest.is_empty() {
        return Err(CodeError::OtherQuestions);
    }
    // The same checks as an answers file: shapes that fit each question, and no answer to a
    // question these answers would not have asked.
    if let Some(first) = super::answers_file::check(&answers, def).first() {
        return Err(CodeError::BadAnswer(first.clone()));
    }
    // One code for one set of answers: bits the kiosk never sets (past the last option of a
    // many-answers question) or an answer left out of a question not asked would make a second
    // code for the same answers, so a code counts only if encoding its answers gives it back.
    let again = encode(def, &answers);
    if unbase32(again.trim_start_matches(PREFIX))? != bytes {
        return Err(CodeError::NotCanonical);
    }
    Ok(answers)
}

/// Ties codes to the questions and answers they were made with (FNV-1a over the ids).
fn fingerprint(def: &SelfCheckDef) -> u16 {
    let mut h: u32 = 0x811c_9dc5;
    let mut feed = |s: &str| {
        for b in s.bytes().chain([0]) {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    };
    for q in &def.questions {
        feed(&q.id);
        if matches!(q.kind, QuestionKind::Legs) {
            feed("legs");
        }
        for o in q.kind.options() {
            feed(&o.id);
        }
    }
    (h ^ (h >> 16)) as u16
}

/// CRC-16/CCITT-FALSE.
fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in data {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut acc, mut bits) = (0_u32, 0);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((acc << (5 - bits)) & 31) as usize]));
    }
    out
}

fn unbase32(text: &str) -> Result<Vec<u8>, CodeError> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0_u32, 0);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        let v = ALPHABET
            .iter()
            .position(|&a| char::from(a) == c)
            .ok_or(CodeError::BadCharacter(c))?;
        acc = (acc << 5) | v as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
        }
    }
    // A real code ends with fewer than 5 unused bits, all zero: one form per code, so a character
    // added at the end (even an "A", all zero bits) or changed in the last place is refused.
    if bits >= 5 {
        return Err(CodeError::TooLong);
    }
    if acc & ((1 << bits) - 1) != 0 {
        return Err(CodeError::Checksum);
    }
    Ok(out)
}

fn side_byte(side: Side) -> u8 {
    match side {
        Side::Left => 0,
        Side::Right => 1,
        Side::Both => 2,
        Side::Neither => 3,
    }
}

fn side_from(b: u8) -> Option<Side> {
    [Side::Left, Side::Right, Side::Both, Side::Neither]
        .get(usize::from(b))
        .copied()
}

fn often_byte(often: Option<Often>) -> u8 {
    match often {
        None => 0,
        Some(Often::Sometimes) => 1,
        Some(Often::Often) => 2,
        Some(Often::MostDays) => 3,
    }
}

fn often_from(b: u8) -> Option<Option<Often>> {
    [
        None,
        Some(Often::Sometimes),
        Some(Often::Often),
        Some(Often::MostDays),
    ]
    .get(usize::from(b))
    .copied()
}

/// The QR code for a hand-off code, as rows of dark (true) and light modules, with its width.
pub fn qr_modules(code: &str) -> Option<(usize, Vec<bool>)> {
    let qr =
        qrcode::QrCode::with_error_correction_level(code.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = qr.width();
    let modules = qr
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((width, modules))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod canonical_tests {
    use super::*;

    fn def_and_code() -> (SelfCheckDef, String) {
        let c = crate::content::Content::built_in().expect("content");
        let mut answers = Answers::default();
        for q in &c.selfcheck.questions {
            if q.red_flag.is_some() {
                answers.0.insert(q.id.clone(), Answer::No);
            }
        }
        answers.0.insert("rf-leg".into(), Answer::Yes);
        let code = encode(&c.selfcheck, &answers);
        (c.selfcheck, code.replace(' ', ""))
    }

    /// Every kind of answer, each side and each "how often", through a code and back.
    #[test]
    fn every_kind_of_answer_comes_back_from_its_code_as_it_went_in() {
        let c = crate::content::Content::built_in().expect("content");
        let def = &c.selfcheck;
        let legs = [
            ("ache", Answer::Legs(Side::Left, Some(Often::Sometimes))),
            ("swelling", Answer::Legs(Side::Right, Some(Often::Often))),
            ("throbbing", Answer::Legs(Side::Both, Some(Often::MostDays))),
            ("cramps", Answer::Legs(Side::Neither, None)),
            ("itching", Answer::Skipped),
            ("restless", Answer::NotSure),
            ("better-raised", Answer::Yes),
        ];
        let mut answers = Answers::default();
        for q in &def.questions {
            if q.red_flag.is_some() {
                answers.0.insert(q.id.clone(), Answer::No);
            }
        }
        for (id, answer) in legs {
            answers.0.insert(id.into(), answer);
        }
        answers.0.insert(
            "signs".into(),
            Answer::Chose(["varicose".to_owned(), "ankle-veins".to_owned()].into()),
        );
        let code = encode(def, &answers);
        assert_eq!(decode(def, &code), Ok(answers.clone()), "{code}");
        // Each leg and each "how often" on its own, so no two share a byte by accident.
        for side in [Side::Left, Side::Right, Side::Both] {
            for often in [Often::Sometimes, Often::Often, Often::MostDays] {
                let mut one = answers.clone();
                one.0.insert("ache".into(), Answer::Legs(side, Some(often)));
                let code = encode(def, &one);
                assert_eq!(decode(def, &code), Ok(one), "{side:?} {often:?}: {code}");
            }
        }
    }
    #[test]
    fn one_canonical_form_only() {
        let (def, code) = def_and_code();
        assert!(decode(&def, &code).is_ok());
        // Forgiven: spaces, dashes, lower case.
        assert!(decode(&def, &grouped(&code)).is_ok());
        assert!(decode(&def, &code.to_ascii_lowercase()).is_ok());
        for extra in ["A", "AA", "Q", "7"] {
            assert!(
                decode(&def, &format!("{code}{extra}")).is_err(),
                "{code}{extra}"
            );
        }
    }

    #[test]
    fn spare_bits_in_an_options_mask_make_a_code_the_kiosk_never_made() {
        let c = crate::content::Content::built_in().expect("content");
        let def = &c.selfcheck;
        let mut answers = Answers::default();
        for q in &def.questions {
            if q.red_flag.is_some() {
                answers.0.insert(q.id.clone(), Answer::No);
            }
        }
        answers.0.insert(
            "signs".into(),
            Answer::Chose(["varicose".to_owned()].into()),
        );
        let code = encode(def, &answers);
        assert_eq!(decode(def, &code).expect("the kiosk's own code"), answers);
        // The same answers with a bit set past the last option of "signs", checksum made good.
        let mut bytes = unbase32(code.trim_start_matches(PREFIX)).expect("bytes");
        bytes.truncate(bytes.len() - 2);
        let signs = def
            .questions
            .iter()
            .position(|q| q.id == "signs")
            .expect("signs");
        let options = def.questions[signs].kind.options().len();
        assert!(!options.is_multiple_of(8), "a spare bit exists");
        // Walk to the mask: version, fingerprint, then one tag (and its bytes) per question.
        let mut at = 3;
        for q in &def.questions[..signs] {
            at += match answers.get(&q.id) {
                Some(Answer::Legs(..)) => 2,
                _ => 1,
            };
        }
        assert_eq!(bytes[at], 6, "the many-answers tag");
        let last = at + options.div_ceil(8);
        bytes[last] |= 1 << 7;
        let crc = crc16(&bytes);
        bytes.extend(crc.to_be_bytes());
        let forged = format!("{PREFIX}{}", base32(&bytes));
        assert!(
            matches!(decode(def, &forged), Err(CodeError::NotCanonical)),
            "{forged}"
        );
    }

    #[test]
    fn a_truncated_code_is_called_truncated_or_damaged_never_other_questions() {
        let (def, code) = def_and_code();
        for cut in 1..code.len() - PREFIX.len() {
            let short = &code[..code.len() - cut];
            let err = decode(&def, short).expect_err(short);
            assert!(
                matches!(
                    err,
                    CodeError::Truncated | CodeError::Checksum | CodeError::TooLong
                ),
                "{short}: {err}"
            );
        }
    }

    /// The modules drawn as a picture (4 pixels each, a 4-module light margin) read back by a
    /// QR reader to the same code.
    #[test]
    fn the_qr_modules_read_back_to_the_code() {
        let (_, code) = def_and_code();
        let (width, modules) = qr_modules(&code).expect("a QR code");
        assert_eq!(modules.len(), width * width);
        let (scale, margin) = (4, 4);
        let side = u32::try_from((width + 2 * margin) * scale).unwrap();
        let picture = image::GrayImage::from_fn(side, side, |x, y| {
            let (col, row) = (x as usize / scale, y as usize / scale);
            let inside =
                (margin..margin + width).contains(&col) && (margin..margin + width).contains(&row);
            let dark = inside && modules[(row - margin) * width + (col - margin)];
            image::Luma([if dark { 0 } else { 255 }])
        });
        let mut prepared = rqrr::PreparedImage::prepare(picture);
        let read: Vec<String> = prepared
            .detect_grids()
            .into_iter()
            .filter_map(|g| g.decode().ok().map(|(_, text)| text))
            .collect();
        assert_eq!(read, [code]);
    }

    #[test]
    fn the_checksum_is_crc_16_ccitt_false() {
        // The standard check value of CRC-16/CCITT-FALSE.
        assert_eq!(crc16(b"123456789"), 0x29B1);
        assert_eq!(crc16(b""), 0xFFFF);
    }

    fn tiny(questions: &str) -> SelfCheckDef {
        ron::from_str(&format!(
            "SelfCheck(groups: [\"g\"], questions: [{questions}])"
        ))
        .expect("a self-check")
    }

    /// Codes on paper outlive the kiosk that printed them: a kiosk with the same questions must
    /// read them, so the fingerprint's recipe (FNV-1a over the ids, folded to 16 bits) may never
    /// change by accident, and any change to the questions changes it. (0x72DA worked out
    /// apart from this code: FNV-1a 32 over "a", "b", "legs", "c", "x", "y", each with a zero
    /// byte after it, then the two halves XORed.)
    #[test]
    fn the_fingerprint_is_fixed_for_the_same_questions_and_moves_with_any_change() {
        let base = r#"Question(id: "a", kind: YesNo, group: "g"),
            Question(id: "b", kind: Legs, group: "g"),
            Question(id: "c", kind: Many([Option(id: "x"), Option(id: "y")]), group: "g")"#;
        assert_eq!(fingerprint(&tiny(base)), 0x72DA, "the recipe changed");
        let changes = [
            base.replace(r#"id: "a""#, r#"id: "z""#),
            base.replace("kind: Legs", "kind: YesNo"),
            base.replace(r#"Option(id: "y")"#, r#"Option(id: "w")"#),
            base.replace(r#"Question(id: "a", kind: YesNo, group: "g"),"#, ""),
        ];
        for changed in changes {
            assert_ne!(fingerprint(&tiny(&changed)), 0x72DA, "{changed}");
        }
    }

    #[test]
    fn a_code_shorter_than_its_questions_need_is_called_too_short() {
        let c = crate::content::Content::built_in().expect("content");
        let def = &c.selfcheck;
        let [hi, lo] = fingerprint(def).to_be_bytes();
        // Version, fingerprint, one byte per question: the checksum's two bytes are missing.
        let mut bytes = vec![VERSION, hi, lo];
        bytes.extend(vec![0; def.questions.len()]);
        for missing in 0..3 {
            let short = &bytes[..bytes.len() - missing];
            let code = format!("{PREFIX}{}", base32(short));
            assert_eq!(
                decode(def, &code),
                Err(CodeError::Truncated),
                "{missing} more missing"
            );
        }
    }

    #[test]
    fn a_last_answer_of_several_choices_needs_its_whole_mask() {
        let def = tiny(
            r#"Question(id: "a", kind: YesNo, group: "g"),
            Question(id: "c", kind: Many([Option(id: "x"), Option(id: "y")]), group: "g")"#,
        );
        let [hi, lo] = fingerprint(&def).to_be_bytes();
        let code = |data: &[u8]| {
            let mut bytes = data.to_vec();
            bytes.extend(crc16(data).to_be_bytes());
            format!("{PREFIX}{}", base32(&bytes))
        };
        // "a" unanswered, "c": tag 6 and its one-byte mask (y chosen), nothing after it.
        let whole = decode(&def, &code(&[VERSION, hi, lo, 0, 6, 0b10])).unwrap();
        let chose = whole.get("c").cloned();
        assert_eq!(chose, Some(Answer::Chose(BTreeSet::from(["y".to_owned()]))));
        assert_eq!(
            decode(&def, &code(&[VERSION, hi, lo, 0, 6])),
            Err(CodeError::Truncated),
            "the mask cut off"
        );
    }
}
