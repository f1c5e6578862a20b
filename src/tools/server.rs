//! Tools for the clinic's FHIR server: `outbox`, `fleet` and `jwks`.

use vein_kiosk::content::Content;

/// Staff: `outbox` (Some(retry_dead)) or `fleet` (None), for the FHIR server of the settings.
pub fn fhir_tool(content: &Content, outbox: Option<bool>) -> Result<(), String> {
    let now = std::time::SystemTime::now();
    let report = match outbox {
        Some(retry_dead) => vein_kiosk::outbox::outbox_report(&content.settings, retry_dead, now)
            .map_err(|e| e.to_string()),
        None => vein_kiosk::outbox::fleet(&content.settings, now).map_err(|e| e.to_string()),
    };
    report.map(|r| print!("{r}"))
}

/// IT: the public key set of the SMART key in the settings.
pub fn jwks(content: &Content) -> Result<(), String> {
    use vein_kiosk::outbox::{Auth, SenderConfig};
    let server = content.settings.fhir_server.as_ref();
    let config = server
        .map(SenderConfig::from_settings)
        .transpose()
        .map_err(|e| e.to_string())?
        .ok_or("the settings have no fhir_server")?;
    let Auth::Smart(smart) = &config.auth else {
        return Err(
            "fhir_server.auth is not SmartBackend(...): there is no key to register".into(),
        );
    };
    let set = vein_kiosk::outbox::jwks(smart).map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(&set).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}
