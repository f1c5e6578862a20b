//! The self-check: red flags first, then symptoms per leg, signs, risk factors, care tried and
//! safety items, ending in a plain summary. Pure Rust with no egui: the definition and words are
//! content, the flow and summary are functions of the answers.

mod answers;
pub mod answers_file;
pub mod code;
mod engine;
pub mod fhir;
mod model;
mod summary;

pub use answers::{Answer, Answers, Often, Side};
pub use engine::{BackResult, CheckFlow, Step, is_asked, progress};
pub use model::{
    AlertText, CheckUi, Condition, HandoffText, OptionDef, QuestionDef, QuestionKind, QuestionText,
    RedFlag, SelfCheckDef, SelfCheckText, SummaryText,
};
pub use summary::{Line, Summary, often_label, side_word};

/// The summary text for a hand-off code, as the screen showed it, in a language (default: the
/// content's default). A wrong, truncated or tampered code is an error, never a wrong summary.
pub fn summary_for_code(
    content: &crate::content::Content,
    code: &str,
    lang: Option<&str>,
) -> Result<String, String> {
    let language = content.language_named(lang)?;
    let answers = code::decode(&content.selfcheck, code).map_err(|e| e.to_string())?;
    let fill = |t: &str| content.fill(t);
    Ok(Summary::new(&content.selfcheck, &language.selfcheck, &answers, &fill).to_text())
}

/// The summary text for an answers file in a language (default: the content's default), as the
/// screen shows it. Errors name the file and what is wrong.
pub fn summary_for_file(
    content: &crate::content::Content,
    path: &std::path::Path,
    lang: Option<&str>,
) -> Result<String, String> {
    let language = content.language_named(lang)?;
    let answers = answers_file::read(path, &content.selfcheck)?;
    let fill = |t: &str| content.fill(t);
    Ok(Summary::new(&content.selfcheck, &language.selfcheck, &answers, &fill).to_text())
}
