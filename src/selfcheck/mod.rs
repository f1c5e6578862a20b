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
