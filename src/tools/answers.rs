//! Tools for the self-check's answers: the FHIR Questionnaire, and a handout's files (PDF,
//! FHIR, QR code) for answers from a file or a code.

use vein_kiosk::content::Content;

use super::write_file;
use crate::Outputs;

/// The self-check as a FHIR R4 Questionnaire in `lang`, printed.
pub fn fhir_questionnaire(content: &Content, lang: Option<&str>) -> Result<(), String> {
    let language = content.language_named(lang)?;
    let q = vein_kiosk::selfcheck::fhir::questionnaire(
        &content.selfcheck,
        &language.selfcheck,
        &language.code,
    );
    let json = serde_json::to_string_pretty(&q).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}

/// Writes the files staff asked for, each complete or not at all.
pub fn write_outputs(
    content: &Content,
    answers: &vein_kiosk::selfcheck::Answers,
    lang: Option<&str>,
    out: &Outputs,
) -> Result<(), String> {
    use vein_kiosk::handout::{Handout, Stamp, qr_png};
    let patient = content.language_named(lang)?;
    let handout = Handout::new(content, answers, patient, &Stamp::now())?;
    let write = write_file;
    if let Some(path) = &out.pdf {
        write(path, &handout.pdf)?;
    }
    if let Some(path) = &out.fhir {
        write(path, handout.fhir.as_bytes())?;
    }
    if let Some(path) = &out.qr {
        write(path, &qr_png(&handout.code)?)?;
    }
    Ok(())
}
