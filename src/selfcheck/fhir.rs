//! HL7 FHIR R4 for the self-check: the `Questionnaire` generated from the content (branching as
//! `enableWhen`) and a `QuestionnaireResponse` for a person's answers. Answers are codings from
//! the project's own code system; there is no subject and no patient identifier.

use serde_json::{Value, json};

use super::answers::{Answer, Answers, Often, Side};
use super::engine::is_asked;
use super::model::{Condition, QuestionKind, SelfCheckDef, SelfCheckText};
use super::summary::{often_label, side_word};

/// The canonical URL of the questionnaire (version appended as `|1`).
pub const QUESTIONNAIRE: &str = "urn:vein-kiosk:fhir:Questionnaire/cvi-self-check";
/// The project's code system for answers.
pub const CODE_SYSTEM: &str = "urn:vein-kiosk:fhir:CodeSystem/cvi-self-check-answers";
const VERSION: &str = "1";

fn coding(code: &str, display: &str) -> Value {
    json!({ "system": CODE_SYSTEM, "code": code, "display": display })
}

fn side_code(side: Side) -> &'static str {
    match side {
        Side::Left => "left",
        Side::Right => "right",
        Side::Both => "both",
        Side::Neither => "neither",
    }
}

fn often_code(often: Often) -> &'static str {
    match often {
        Often::Sometimes => "sometimes",
        Often::Often => "often",
        Often::MostDays => "most-days",
    }
}

/// The codes a question's answers may take, with their words.
fn answer_options(kind: &QuestionKind, words: &SelfCheckText, id: &str) -> Vec<(String, String)> {
    let ui = &words.ui;
    let mut options: Vec<(String, String)> = match kind {
        QuestionKind::YesNo => vec![("yes".into(), ui.yes.clone()), ("no".into(), ui.no.clone())],
        QuestionKind::Legs => [Side::Left, Side::Right, Side::Both, Side::Neither]
            .into_iter()
            .map(|s| (side_code(s).to_owned(), side_word(words, s).to_owned()))
            .collect(),
        QuestionKind::One(o) | QuestionKind::Many(o) => o
            .iter()
            .map(|o| {
                let label = words
                    .questions
                    .get(id)
                    .and_then(|q| q.options.get(&o.id))
                    .cloned()
                    .unwrap_or_else(|| o.id.clone());
                (o.id.clone(), label)
            })
            .collect(),
    };
    options.push(("not-sure".into(), ui.not_sure.clone()));
    options
}

fn enable_when(condition: &Condition) -> Vec<Value> {
    match condition {
        Condition::Yes(q) => vec![json!({ "question": q, "operator": "=", "answerCoding": { "system": CODE_SYSTEM, "code": "yes" } })],
        Condition::Chose(q, o) => vec![json!({ "question": q, "operator": "=", "answerCoding": { "system": CODE_SYSTEM, "code": o } })],
        Condition::AnyLeg(q) => ["left", "right", "both"]
            .iter()
            .map(|c| json!({ "question": q, "operator": "=", "answerCoding": { "system": CODE_SYSTEM, "code": c } }))
            .collect(),
        Condition::Any(all) => all.iter().flat_map(enable_when).collect(),
    }
}

/// The R4 `Questionnaire`, in one language's words.
pub fn questionnaire(def: &SelfCheckDef, words: &SelfCheckText, language: &str) -> Value {
    let items: Vec<Value> = def
        .questions
        .iter()
        .map(|q| {
            let text = words.questions.get(&q.id).map_or(q.id.as_str(), |t| t.ask.as_str());
            let options: Vec<Value> = answer_options(&q.kind, words, &q.id)
                .iter()
                .map(|(code, display)| json!({ "valueCoding": coding(code, display) }))
                .collect();
            let mut item = json!({
                "linkId": q.id,
                "text": text,
                "type": "choice",
                "repeats": matches!(q.kind, QuestionKind::Many(_)),
                "answerOption": options,
            });
            if let Some(condition) = &q.ask_if {
                let when = enable_when(condition);
                item["enableBehavior"] = json!(if when.len() > 1 { "any" } else { "all" });
                item["enableWhen"] = Value::Array(when);
            }
            if q.kind == QuestionKind::Legs {
                let often: Vec<Value> = [Often::Sometimes, Often::Often, Often::MostDays]
                    .iter()
                    .map(|o| json!({ "valueCoding": coding(often_code(*o), often_label(words, *o)) }))
                    .collect();
                item["item"] = json!([{
                    "linkId": format!("{}.often", q.id),
                    "text": words.ui.how_often,
                    "type": "choice",
                    "answerOption": often,
                }]);
            }
            item
        })
        .collect();
    json!({
        "resourceType": "Questionnaire",
        "url": QUESTIONNAIRE,
        "version": VERSION,
        "name": "CviSelfCheck",
        "title": words.summary.title,
        "status": "active",
        "language": language,
        "subjectType": ["Patient"],
        "item": items,
    })
}

/// The R4 `QuestionnaireResponse` for `answers`, made at `authored` (an RFC 3339 time). Skipped
/// and unasked questions are left out.
pub fn response(
    def: &SelfCheckDef,
    words: &SelfCheckText,
    answers: &Answers,
    authored: &str,
    language: &str,
) -> Value {
    let mut items = Vec::new();
    for (index, q) in def.questions.iter().enumerate() {
        let Some(answer) = answers.get(&q.id).filter(|_| is_asked(def, answers, index)) else {
            continue;
        };
        let options = answer_options(&q.kind, words, &q.id);
        let display = |code: &str| {
            options
                .iter()
                .find(|(c, _)| c == code)
                .map_or(code.to_owned(), |(_, d)| d.clone())
        };
        let answer_of = |code: &str| json!({ "valueCoding": coding(code, &display(code)) });
        let values: Vec<Value> = match answer {
            Answer::Skipped => continue,
            Answer::NotSure => vec![answer_of("not-sure")],
            Answer::Yes => vec![answer_of("yes")],
            Answer::No => vec![answer_of("no")],
            Answer::Chose(chosen) => q
                .kind
                .options()
                .iter()
                .filter(|o| chosen.contains(&o.id))
                .map(|o| answer_of(&o.id))
                .collect(),
            Answer::Legs(side, often) => {
                let mut a = answer_of(side_code(*side));
                if let Some(often) = often {
                    a["item"] = json!([{
                        "linkId": format!("{}.often", q.id),
                        "answer": [{ "valueCoding": coding(often_code(*often), often_label(words, *often)) }],
                    }]);
                }
                vec![a]
            }
        };
        let text = words
            .questions
            .get(&q.id)
            .map_or(q.id.as_str(), |t| t.ask.as_str());
        let mut item = json!({ "linkId": q.id, "text": text });
        if !values.is_empty() {
            item["answer"] = Value::Array(values);
        }
        items.push(item);
    }
    json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": format!("{QUESTIONNAIRE}|{VERSION}"),
        "status": "completed",
        "authored": authored,
        "language": language,
        "item": items,
    })
}

/// Checks a `QuestionnaireResponse` against the R4 rules that matter here and the
/// `Questionnaire` it answers. Returns every problem found.
pub fn check_response(response: &Value, questionnaire: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut need = |ok: bool, what: &str| {
        if !ok {
            problems.push(what.to_owned());
        }
    };
    need(
        response["resourceType"] == "QuestionnaireResponse",
        "resourceType must be QuestionnaireResponse",
    );
    let statuses = [
        "in-progress",
        "completed",
        "amended",
        "entered-in-error",
        "stopped",
    ];
    need(
        response["status"]
            .as_str()
            .is_some_and(|s| statuses.contains(&s)),
        "status is required and must be an R4 status code",
    );
    let canonical = format!(
        "{}|{}",
        questionnaire["url"].as_str().unwrap_or(""),
        questionnaire["version"].as_str().unwrap_or("")
    );
    need(
        response["questionnaire"] == canonical.as_str(),
        "questionnaire must be the canonical URL|version of the Questionnaire",
    );
    need(
        response["authored"].as_str().is_some_and(is_fhir_datetime),
        "authored must be an R4 dateTime with a time zone",
    );
    need(
        response.get("subject").is_none()
            && response.get("author").is_none()
            && response.get("source").is_none(),
        "no patient identifiers (subject, author, source)",
    );
    let Some(defs) = questionnaire["item"].as_array() else {
        problems.push("the Questionnaire has no items".into());
        return problems;
    };
    for item in response["item"].as_array().into_iter().flatten() {
        let link = item["linkId"].as_str().unwrap_or("");
        let Some(def) = defs.iter().find(|d| d["linkId"] == link) else {
            problems.push(format!("item {link:?} is not in the Questionnaire"));
            continue;
        };
        let answers = item["answer"].as_array().cloned().unwrap_or_default();
        if answers.len() > 1 && def["repeats"] != true {
            problems.push(format!(
                "item {link:?} has several answers but does not repeat"
            ));
        }
        for a in &answers {
            let allowed = def["answerOption"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|o| {
                    o["valueCoding"]["code"] == a["valueCoding"]["code"]
                        && o["valueCoding"]["system"] == a["valueCoding"]["system"]
                });
            if !allowed {
                problems.push(format!(
                    "item {link:?}: answer {} is not one of its answerOptions",
                    a["valueCoding"]["code"]
                ));
            }
        }
    }
    problems
}

/// `YYYY-MM-DDThh:mm:ss(+|-)hh:mm` or `...Z`: an R4 dateTime with seconds and a zone.
fn is_fhir_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (s.ends_with('Z') || (b.len() == 25 && (b[19] == b'+' || b[19] == b'-')))
}

/// The current time as an R4 dateTime in UTC.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    utc(secs)
}

/// Seconds since 1970 as `YYYY-MM-DDThh:mm:ssZ` (civil-from-days, proleptic Gregorian).
pub fn utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            utc(1_795_000_000),
            "2026-11-18T11:06:40Z",
            "checked with Python datetime"
        );
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
        assert!(is_fhir_datetime(&utc(1_795_000_000)));
        assert!(is_fhir_datetime("2026-11-21T10:00:00+01:00"));
        assert!(!is_fhir_datetime("2026-11-21"));
    }

    #[test]
    fn utc_dates_about_century_and_era_ends() {
        // Each worked out with Python's datetime.
        for (secs, date) in [
            (4_102_444_799, "2099-12-31T23:59:59Z"),
            (4_107_499_200, "2100-02-28T12:00:00Z"),
            (4_107_542_400, "2100-03-01T00:00:00Z"),
            (13_574_649_599, "2400-02-29T23:59:59Z"),
            (13_574_649_600, "2400-03-01T00:00:00Z"),
            (1_772_323_200, "2026-03-01T00:00:00Z"),
        ] {
            assert_eq!(utc(secs), date);
        }
        let now = now_utc();
        assert!(
            is_fhir_datetime(&now) && now.as_str() > "2026-12-01",
            "{now}"
        );
    }

    #[test]
    fn a_fhir_datetime_has_every_separator_and_a_zone() {
        for good in ["2026-11-21T10:00:00Z", "2026-11-21T10:00:00-05:00"] {
            assert!(is_fhir_datetime(good), "{good}");
        }
        for bad in [
            "2026-11-21T10-00:00Z",
            "2026-11-21T10:00-00Z",
            "2026-11-21T10:00:00+0100",
            "2026-11-21T10:00:00*01:00",
            "2026-11-21T10:00:00",
            "2026/11-21T10:00:00Z",
            "2026-11-21 10:00:00Z",
            "2026-11-21T1a:00:00Z",
        ] {
            assert!(!is_fhir_datetime(bad), "{bad}");
        }
    }
}
