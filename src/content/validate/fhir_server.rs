//! Settings for the clinic's FHIR server (issue 21): a kiosk id that can name a `Device`, an
//! address the answers may travel to, and files and folders the kiosk can find wherever it runs.

use super::super::model::{FhirAuth, Settings};
use super::FileProblems;

/// A FHIR `id`: letters, digits, `-` and `.`, 1 to 64 of them.
fn is_fhir_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

/// `https://`, or `http://` only to this machine: answers never cross a network in clear text.
fn is_safe_base(url: &str) -> bool {
    if url.starts_with("https://") && url.len() > "https://".len() {
        return true;
    }
    url.strip_prefix("http://").is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.rsplit_once(':').map_or(host, |(h, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                h
            } else {
                host
            }
        });
        matches!(host, "localhost" | "127.0.0.1" | "[::1]")
    })
}

pub(super) fn check_fhir_server(settings: &Settings, p: &mut FileProblems<'_>) {
    let id = &settings.kiosk_id;
    if !id.is_empty() && !is_fhir_id(id) {
        p.at_path(
            &["kiosk_id:"],
            "kiosk_id",
            "must be 1 to 64 letters, digits, - or . (it names the kiosk's Device on the server)",
        );
    }
    let Some(server) = &settings.fhir_server else {
        return;
    };
    if id.is_empty() {
        p.at_path(
            &["fhir_server:"],
            "kiosk_id",
            "is needed with fhir_server: it names this kiosk in everything it sends",
        );
    }
    let at = |field: &str| ["fhir_server:".to_owned(), format!("{field}:")];
    let mut problem = |field: &str, message: &str| {
        let [a, b] = at(field.rsplit('.').next().unwrap_or(field));
        p.at_path(&[&a, &b], format!("fhir_server.{field}"), message);
    };
    if !is_safe_base(&server.base_url) || server.base_url.contains(['?', '#', ' ']) {
        problem(
            "base_url",
            "must start with https:// (http:// only to this machine: localhost or 127.0.0.1), \
             with no ? or #",
        );
    }
    let absolute = |path: &str| std::path::Path::new(path).is_absolute();
    if !absolute(&server.outbox) {
        problem(
            "outbox",
            "must be an absolute folder (/var/lib/vein-kiosk/outbox)",
        );
    }
    if server.ca_file.as_deref().is_some_and(|f| !absolute(f)) {
        problem(
            "ca_file",
            "must be an absolute file (/etc/vein-kiosk/clinic-ca.pem)",
        );
    }
    if !(1..=1440).contains(&server.status_minutes) {
        problem(
            "status_minutes",
            &format!(
                "must be at least 1 and at most 1440 minutes (a day); it is {}",
                server.status_minutes
            ),
        );
    }
    if let Some(system) = &server.identifier_system
        && (!["urn:", "https://", "http://"]
            .iter()
            .any(|s| system.starts_with(s))
            || system.contains(['|', ' ', '?', '#']))
    {
        problem(
            "identifier_system",
            "must be a URI (urn:, https:// or http://) with no | ? # or spaces",
        );
    }
    check_auth(&server.auth, &mut problem);
}

/// Credentials the kiosk can find and a SMART client that asks for system scopes.
fn check_auth(auth: &FhirAuth, problem: &mut impl FnMut(&str, &str)) {
    let absolute = |path: &str| std::path::Path::new(path).is_absolute();
    match auth {
        FhirAuth::None => {}
        FhirAuth::Bearer { token_file } => {
            if !absolute(token_file) {
                problem(
                    "auth.token_file",
                    "must be an absolute file (/etc/vein-kiosk/fhir-token)",
                );
            }
        }
        FhirAuth::SmartBackend {
            client_id,
            token_url,
            private_key_file,
            scope,
            key_id,
        } => {
            if key_id.as_deref().is_some_and(|k| k.trim().is_empty()) {
                problem(
                    "auth.key_id",
                    "is empty; leave it out to use the key's thumbprint (vein-kiosk jwks)",
                );
            }
            if client_id.trim().is_empty() {
                problem(
                    "auth.client_id",
                    "is empty; give the id the server registered",
                );
            }
            if !is_safe_base(token_url) {
                problem(
                    "auth.token_url",
                    "must start with https:// (http:// only to this machine)",
                );
            }
            if !absolute(private_key_file) {
                problem("auth.private_key_file", "must be an absolute file");
            }
            if !scope.split_whitespace().any(|s| s.starts_with("system/")) {
                problem(
                    "auth.scope",
                    "must ask for system/ scopes (system/QuestionnaireResponse.write)",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clear_text_only_to_this_machine() {
        assert!(is_safe_base("https://fhir.example.org/r4"));
        assert!(is_safe_base("http://127.0.0.1:8080/fhir"));
        assert!(is_safe_base("http://localhost/fhir"));
        assert!(is_safe_base("http://[::1]:9/"));
        assert!(!is_safe_base("http://fhir.example.org/r4"));
        assert!(!is_safe_base("http://127.0.0.1.example.org/"));
        assert!(!is_safe_base("https://"));
        assert!(!is_safe_base("ftp://x/"));
    }

    #[test]
    fn kiosk_ids_are_fhir_ids() {
        assert!(is_fhir_id("lobby-1"));
        assert!(is_fhir_id("a.b"));
        assert!(!is_fhir_id(""));
        assert!(!is_fhir_id("lobby 1"));
        assert!(!is_fhir_id("lobby:1"));
        assert!(!is_fhir_id(&"x".repeat(65)));
    }
}
