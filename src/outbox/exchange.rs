//! One exchange with the clinic's FHIR server: the request (a conditional create with
//! `If-None-Exist`, or a `PUT`), the credentials, one fresh token on a 401, and what the answer
//! means for the entry ([`classify`]), a network error in words staff can act on.

use std::time::{Duration, SystemTime};

use super::sender::{Outcome, SenderConfig};
use super::token::Credentials;
use super::{Entry, parse_retry_after};

/// `If-None-Exist`'s value is a query string: anything but plain URI characters is escaped.
fn query_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/|".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The conditional create's search: the identifier, and for answers also the moment they were
/// given (`authored`). Short references come round again (25^6 values: after some tens of
/// thousands of sends, a repeat of an earlier one is likely), and a server that matched a new
/// visitor's answers to an old response by reference alone would answer "already held" and keep
/// nothing. A retry carries the same body, so the same moment: it still matches its first try.
pub fn if_none_exist(entry: &Entry) -> String {
    let mut search = format!("identifier={}", query_escape(&entry.identifier.token()));
    if entry.resource_type == "QuestionnaireResponse"
        && let Ok(body) = serde_json::from_str::<serde_json::Value>(&entry.body)
        && let Some(authored) = body["authored"].as_str()
    {
        search.push_str("&authored=");
        search.push_str(&query_escape(authored));
    }
    search
}

/// One conditional create of `entry`.
pub(super) fn attempt(
    agent: &ureq::Agent,
    config: &SenderConfig,
    credentials: &mut Credentials,
    entry: &Entry,
) -> Outcome {
    let request = Request {
        put: false,
        path: &entry.resource_type,
        if_none_exist: Some(if_none_exist(entry)),
        body: &entry.body,
    };
    exchange(agent, config, credentials, &request)
}

/// One request to the server, below `base_url`.
pub(super) struct Request<'a> {
    /// PUT (an update, such as the kiosk's `Device`); else POST.
    pub put: bool,
    /// Below the base: `QuestionnaireResponse`, `Device/lobby-1`.
    pub path: &'a str,
    /// A conditional create's search.
    pub if_none_exist: Option<String>,
    /// The resource's JSON.
    pub body: &'a str,
}

/// Sends `request` with the credentials, and says what its answer means. A 401 with a SMART
/// token that was held fetches a fresh one and tries once more at once.
pub(super) fn exchange(
    agent: &ureq::Agent,
    config: &SenderConfig,
    credentials: &mut Credentials,
    request: &Request<'_>,
) -> Outcome {
    match exchange_once(agent, config, credentials, request) {
        Answer::Said(outcome) => outcome,
        Answer::Refused => {
            let fresh_may_help = credentials.rejected();
            if fresh_may_help {
                if let Answer::Said(outcome) = exchange_once(agent, config, credentials, request) {
                    return outcome;
                }
                credentials.rejected();
            }
            classify(401, None, "")
        }
    }
}

/// One try's answer: a 401 apart, for [`exchange`] to decide on.
enum Answer {
    Refused,
    Said(Outcome),
}

fn exchange_once(
    agent: &ureq::Agent,
    config: &SenderConfig,
    credentials: &mut Credentials,
    request: &Request<'_>,
) -> Answer {
    let url = format!("{}/{}", config.base_url.trim_end_matches('/'), request.path);
    let mut builder = if request.put {
        agent.put(&url)
    } else {
        agent.post(&url)
    }
    .header("Content-Type", "application/fhir+json")
    .header("Accept", "application/fhir+json");
    if let Some(search) = &request.if_none_exist {
        builder = builder.header("If-None-Exist", search);
    }
    match credentials.authorization(agent) {
        Ok(Some(value)) => builder = builder.header("Authorization", value),
        Ok(None) => {}
        Err(why) => {
            // Words for the staff menu: the edge where the error becomes a message.
            return Answer::Said(Outcome::Retry {
                why: why.to_string(),
                retry_after: None,
            });
        }
    }
    match builder.send(request.body) {
        Ok(mut response) => {
            let code = response.status().as_u16();
            if code == 401 {
                return Answer::Refused;
            }
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, SystemTime::now()));
            let body = if code >= 400 {
                response
                    .body_mut()
                    .with_config()
                    .limit(64 * 1024)
                    .read_to_string()
                    .unwrap_or_default()
            } else {
                String::new()
            };
            Answer::Said(classify(code, retry_after, &body))
        }
        Err(e) => Answer::Said(Outcome::Retry {
            why: describe_error(&e, config.timeout),
            retry_after: None,
        }),
    }
}

/// What an HTTP status means for the entry; `body` is the server's answer (an
/// `OperationOutcome`, whose first issue becomes the reason staff see).
pub fn classify(code: u16, retry_after: Option<Duration>, body: &str) -> Outcome {
    let reason = || {
        let outcome: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
        let issue = &outcome["issue"][0];
        let text = issue["diagnostics"]
            .as_str()
            .or_else(|| issue["details"]["text"].as_str())
            .unwrap_or_default();
        let place = issue["expression"][0].as_str().unwrap_or_default();
        let said: String = format!("{text} {place}").trim().chars().take(300).collect();
        if said.is_empty() {
            format!("the server answered {code}")
        } else {
            format!("the server answered {code}: {said}")
        }
    };
    match code {
        200..=299 => Outcome::Delivered(code),
        // Redirects are not followed (a POST must not wander): base_url needs fixing, and the
        // entry waits for it.
        300..=399 => Outcome::Retry {
            why: format!("the server redirected elsewhere ({code}); check fhir_server.base_url"),
            retry_after,
        },
        401 => Outcome::Retry {
            why: "the server did not accept the kiosk's token (401)".into(),
            retry_after,
        },
        408 | 429 | 500..=599 => Outcome::Retry {
            why: reason(),
            retry_after,
        },
        412 => Outcome::Dead(format!(
            "the server holds several resources with this reference (412): {}",
            reason()
        )),
        _ => Outcome::Dead(reason()),
    }
}

fn not_trusted(why: &dyn std::fmt::Display) -> String {
    format!(
        "the server's certificate is not trusted ({why}); a clinic's own certificate authority \
         goes in fhir_server.ca_file"
    )
}

/// A network error in words staff can act on.
fn describe_error(e: &ureq::Error, time_limit: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => format!(
            "the server did not answer within {} seconds",
            time_limit.as_secs_f32()
        ),
        ureq::Error::HostNotFound => "the server's name was not found (DNS)".into(),
        ureq::Error::ConnectionFailed => "the server could not be reached".into(),
        // rustls' refusal reaches ureq as an I/O error of kind InvalidData.
        ureq::Error::Io(io)
            if io.kind() == std::io::ErrorKind::InvalidData
                && io.to_string().contains("certificate") =>
        {
            not_trusted(io)
        }
        ureq::Error::Rustls(tls) => not_trusted(tls),
        ureq::Error::Io(io) => format!("the connection failed: {io}"),
        other => format!("the exchange failed: {other}"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::outbox::Identifier;

    fn entry(resource_type: &str, body: serde_json::Value) -> Entry {
        Entry {
            seq: 1,
            identifier: Identifier {
                system: "urn:vein-kiosk:lobby-1:answers".into(),
                value: "7KQ-42M".into(),
            },
            resource_type: resource_type.into(),
            body: body.to_string(),
            queued_at: SystemTime::UNIX_EPOCH,
            attempts: 0,
            next_attempt: SystemTime::UNIX_EPOCH,
            last_error: None,
        }
    }

    #[test]
    fn the_conditional_create_searches_the_identifier_and_for_answers_their_moment() {
        let answers = entry(
            "QuestionnaireResponse",
            serde_json::json!({ "authored": "2026-12-05T10:00:00+01:00" }),
        );
        assert_eq!(
            if_none_exist(&answers),
            "identifier=urn:vein-kiosk:lobby-1:answers|7KQ-42M\
             &authored=2026-12-05T10:00:00%2B01:00"
        );
        let device = entry("Device", serde_json::json!({ "authored": "2026-12-05" }));
        assert_eq!(
            if_none_exist(&device),
            "identifier=urn:vein-kiosk:lobby-1:answers|7KQ-42M"
        );
        let undated = entry("QuestionnaireResponse", serde_json::json!({}));
        assert_eq!(
            if_none_exist(&undated),
            "identifier=urn:vein-kiosk:lobby-1:answers|7KQ-42M"
        );
    }

    #[test]
    fn only_plain_uri_characters_go_unescaped() {
        assert_eq!(query_escape("aZ09-._~:/|"), "aZ09-._~:/|");
        assert_eq!(
            query_escape("a b&c=d#e?+é"),
            "a%20b%26c%3Dd%23e%3F%2B%C3%A9"
        );
    }

    fn retry(why: &str, retry_after: Option<Duration>) -> Outcome {
        Outcome::Retry {
            why: why.into(),
            retry_after,
        }
    }

    #[test]
    fn each_answer_is_delivered_tried_again_or_set_aside_for_good() {
        let wait = Some(Duration::from_secs(30));
        for code in [200, 201, 299] {
            assert_eq!(classify(code, None, ""), Outcome::Delivered(code));
        }
        for code in [300, 302, 399] {
            let why =
                format!("the server redirected elsewhere ({code}); check fhir_server.base_url");
            assert_eq!(classify(code, wait, ""), retry(&why, wait));
        }
        assert_eq!(
            classify(401, wait, ""),
            retry("the server did not accept the kiosk's token (401)", wait)
        );
        // Busy, slow or broken for now: the entry waits its turn again.
        for code in [408, 429, 500, 503, 599] {
            let why = format!("the server answered {code}");
            assert_eq!(classify(code, wait, ""), retry(&why, wait));
        }
        // Refused for good: set aside, the rest go on.
        for code in [400, 403, 404, 409, 422, 600] {
            assert_eq!(
                classify(code, wait, ""),
                Outcome::Dead(format!("the server answered {code}"))
            );
        }
        assert_eq!(
            classify(412, None, ""),
            Outcome::Dead(
                "the server holds several resources with this reference (412): the server \
                 answered 412"
                    .into()
            )
        );
    }

    #[test]
    fn the_servers_first_issue_is_the_reason_staff_see() {
        let outcome = |issue: serde_json::Value| {
            let body = serde_json::json!({ "resourceType": "OperationOutcome", "issue": [issue,
                { "diagnostics": "second" }] });
            classify(422, None, &body.to_string())
        };
        assert_eq!(
            outcome(
                serde_json::json!({ "diagnostics": "Unknown code", "details": { "text": "x" },
                                        "expression": ["QuestionnaireResponse.item[3]"] })
            ),
            Outcome::Dead(
                "the server answered 422: Unknown code QuestionnaireResponse.item[3]".into()
            )
        );
        assert_eq!(
            outcome(serde_json::json!({ "details": { "text": "Not allowed" } })),
            Outcome::Dead("the server answered 422: Not allowed".into())
        );
        let long = "é".repeat(400);
        let Outcome::Dead(why) = outcome(serde_json::json!({ "diagnostics": long })) else {
            panic!("422 is for good");
        };
        assert_eq!(why.chars().count(), "the server answered 422: ".len() + 300);
        assert_eq!(
            classify(503, None, "<html>busy</html>"),
            retry("the server answered 503", None)
        );
    }

    #[test]
    fn an_untrusted_certificate_says_where_the_clinics_authority_goes() {
        assert_eq!(
            not_trusted(&"UnknownIssuer"),
            "the server's certificate is not trusted (UnknownIssuer); a clinic's own certificate \
             authority goes in fhir_server.ca_file"
        );
    }

    #[test]
    fn a_network_error_in_words_staff_can_act_on() {
        let said = |e: ureq::Error| describe_error(&e, Duration::from_millis(7500));
        assert_eq!(
            said(ureq::Error::Timeout(ureq::Timeout::Global)),
            "the server did not answer within 7.5 seconds"
        );
        assert_eq!(
            said(ureq::Error::HostNotFound),
            "the server's name was not found (DNS)"
        );
        assert_eq!(
            said(ureq::Error::ConnectionFailed),
            "the server could not be reached"
        );
        let io = |kind, text: &str| ureq::Error::Io(std::io::Error::new(kind, text.to_owned()));
        let refused = said(io(
            std::io::ErrorKind::InvalidData,
            "invalid peer certificate: UnknownIssuer",
        ));
        assert!(
            refused.starts_with("the server's certificate is not trusted (invalid peer"),
            "{refused}"
        );
        assert!(
            refused.ends_with("goes in fhir_server.ca_file"),
            "{refused}"
        );
        // Only a certificate's refusal is called one.
        assert_eq!(
            said(io(std::io::ErrorKind::InvalidData, "bad frame")),
            "the connection failed: bad frame"
        );
        assert_eq!(
            said(io(
                std::io::ErrorKind::ConnectionReset,
                "certificate store reset"
            )),
            "the connection failed: certificate store reset"
        );
        assert!(said(ureq::Error::BadUri("x".into())).starts_with("the exchange failed: "));
    }

    /// A 500 whose body is an `OperationOutcome` padded to exactly `size` bytes.
    fn server_error_of_size(size: usize) -> String {
        let head = r#"{"resourceType":"OperationOutcome","issue":[{"diagnostics":"the database is busy"}],"padding":""#;
        let body = format!("{head}{}\"}}", "x".repeat(size - head.len() - 2));
        assert_eq!(body.len(), size);
        crate::outbox::tests::answer_once("500 Internal Server Error", body).0
    }

    fn send_to(base_url: String) -> Outcome {
        let config = crate::outbox::tests::plain_config(base_url);
        let agent = crate::outbox::sender::agent(&config);
        let mut credentials = Credentials::new(&config.auth);
        let answers = entry("QuestionnaireResponse", serde_json::json!({}));
        attempt(&agent, &config, &mut credentials, &answers)
    }

    #[test]
    fn an_error_body_is_read_up_to_64_kib_and_no_further() {
        // Just under the limit: the server's reason reaches staff.
        assert_eq!(
            send_to(server_error_of_size(64 * 1024 - 10)),
            retry("the server answered 500: the database is busy", None)
        );
        // Over it: nothing more is read, and staff see the status alone.
        assert_eq!(
            send_to(server_error_of_size(64 * 1024 + 10)),
            retry("the server answered 500", None)
        );
    }
}
