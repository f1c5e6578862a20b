//! Why a printout, leaflet or QR code could not be made. None of these is a visitor's doing:
//! each is a defect or a broken build (fonts are compiled in), for staff to report.

/// Why making a handout (PDF, FHIR file or QR code) failed.
#[derive(Debug, thiserror::Error)]
pub enum HandoutError {
    /// An embedded font could not be read for measuring text.
    #[error("font: {0}")]
    FontFace(#[from] ttf_parser::FaceParsingError),
    /// An embedded font could not be loaded for drawing (`which` is "regular" or "bold").
    #[error("the {which} font did not load")]
    Font { which: &'static str },
    /// The paper size is not one a PDF page can have.
    #[error("bad page size")]
    PageSize,
    /// The PDF writer refused the document.
    #[error("the PDF could not be made: {0:?}")]
    Pdf(krilla::error::KrillaError),
    /// The answers' FHIR form could not be written out.
    #[error("{0}")]
    Fhir(#[from] serde_json::Error),
    /// The answer code is too long for a QR code.
    #[error("the code does not fit a QR code")]
    QrTooLong,
    /// The QR code is too large for an image.
    #[error("{0}")]
    QrSize(#[from] std::num::TryFromIntError),
    /// The QR code's PNG could not be encoded.
    #[error("{0}")]
    Png(#[from] image::ImageError),
}
