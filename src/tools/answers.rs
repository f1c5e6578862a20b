//! Tools for the self-check's answers: the FHIR Questionnaire, and a handout's files (PDF,
//! FHIR, QR code) for answers from a file or a code.

use vein_kiosk::content::Content;

use super::write_file;
use crate::Outputs;

/// The self-check as a FHIR R4 Questionnaire in `lang`, printed.
pub fn fhir_questionnaire(content: &Content, lang: Option<&str>) -> Result<(), String> {
    let language = content.language_named(lang).map_err(|e| e.to_string())?;
    let q = vein_kiosk::selfcheck::fhir::questionnaire(
        &content.selfcheck,
        &language.selfcheck,
        &language.code,
    );
    let json = serde_json::to_string_pretty(&q).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}

/// `handout ANSWERS`: the files staff asked for, from an answers file.
pub fn handout(
    content: &Content,
    answers: &std::path::Path,
    lang: Option<&str>,
    out: &Outputs,
) -> Result<(), String> {
    if !out.any() {
        return Err("say which files to write: --pdf, --fhir and/or --qr".into());
    }
    let answers = vein_kiosk::selfcheck::answers_file::read(answers, &content.selfcheck)
        .map_err(|e| e.to_string())?;
    write_outputs(content, &answers, lang, out)
}

/// `decode [CODE]`: the summary a patient's code holds (the code read from standard input when
/// not given), and the files staff asked for.
pub fn decode(
    content: &Content,
    code: Option<String>,
    lang: Option<&str>,
    out: &Outputs,
) -> Result<(), String> {
    let code = match code {
        Some(code) => code,
        None => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| format!("cannot read the code: {e}"))?;
            line
        }
    };
    print!(
        "{}",
        vein_kiosk::text::summary_for_code(content, &code, lang).map_err(|e| e.to_string())?
    );
    if out.any() {
        let answers = vein_kiosk::selfcheck::code::decode(&content.selfcheck, &code)
            .map_err(|e| e.to_string())?;
        write_outputs(content, &answers, lang, out)?;
    }
    Ok(())
}

/// Writes the files staff asked for, each complete or not at all.
fn write_outputs(
    content: &Content,
    answers: &vein_kiosk::selfcheck::Answers,
    lang: Option<&str>,
    out: &Outputs,
) -> Result<(), String> {
    use vein_kiosk::handout::{Handout, Stamp, qr_png};
    let patient = content.language_named(lang).map_err(|e| e.to_string())?;
    let handout =
        Handout::new(content, answers, patient, &Stamp::now()).map_err(|e| e.to_string())?;
    let write = write_file;
    if let Some(path) = &out.pdf {
        write(path, &handout.pdf)?;
    }
    if let Some(path) = &out.fhir {
        write(path, handout.fhir.as_bytes())?;
    }
    if let Some(path) = &out.qr {
        write(path, &qr_png(&handout.code).map_err(|e| e.to_string())?)?;
    }
    Ok(())
}
