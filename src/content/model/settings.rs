//! `settings.ron` (or `--config FILE`): what each kiosk sets for itself, never part of a bundle.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `settings.ron` (or the file given with `--config`): what a clinic changes. Every field but the
/// first three has a built-in default, so a short file is enough.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Shown on the welcome screen.
    pub clinic_name: String,
    /// The language the kiosk starts in and returns to; the code of a file in `lang/`.
    pub default_language: String,
    /// The local emergency number, substituted for `{emergency_number}` in text.
    pub emergency_number: String,
    /// The clinic's own phone number, substituted for `{clinic_phone}` in text: who to call
    /// the same day (a sign of a clot in a leg, a bleeding vein that stopped, an infected sore).
    pub clinic_phone: String,
    /// Languages offered, in this order. Empty: every language file, the default first.
    #[serde(default)]
    pub languages: Vec<String>,
    /// A logo shown on the welcome screen and printouts (a file in illustrations/).
    #[serde(default)]
    pub logo: Option<String>,
    /// Kiosk mode: seconds without a touch before "Are you still there?".
    #[serde(default = "default_idle_seconds")]
    pub idle_seconds: u32,
    /// Kiosk mode: seconds that question counts down before the session is wiped.
    #[serde(default = "default_warning_seconds")]
    pub warning_seconds: u32,
    /// Kiosk mode: hide the pointer (a touchscreen with no mouse).
    #[serde(default)]
    pub touch_only: bool,
    /// Argon2 hash (PHC string) of the staff PIN, written by `vein-kiosk set-pin`. None: no staff
    /// menu.
    #[serde(default)]
    pub staff_pin_hash: Option<String>,
    /// CUPS printer name for `lp -d`. Setting it (or `print_command`) offers patients "Print my
    /// answers"; None: no such button, and the staff test page goes to the system default.
    #[serde(default)]
    pub printer: Option<String>,
    /// The whole print command, if `lp` is not right; the file to print is appended.
    #[serde(default)]
    pub print_command: Option<Vec<String>>,
    /// Paper size of printed answers.
    #[serde(default)]
    pub paper: Paper,
    /// A folder where "Send to staff" puts the answers (PDF and FHIR file). None (and no
    /// `fhir_server`): no such button.
    #[serde(default)]
    pub handoff_folder: Option<String>,
    /// Still pictures with arrows instead of animation, for people who are bothered by motion.
    /// The clinic's default for the visitor's "Reduce motion" choice.
    #[serde(default)]
    pub reduce_motion: bool,
    /// The clinic's default for the visitor's "Larger text" choice, in percent: 100, 150 or 200
    /// (other values round to the nearest of these).
    #[serde(default = "default_text_percent")]
    pub text_percent: u16,
    /// The clinic's default for the visitor's "High contrast" choice.
    #[serde(default)]
    pub high_contrast: bool,
    /// The clinic's default for the visitor's "Read aloud" choice (talking-touchscreen mode).
    #[serde(default)]
    pub read_aloud: bool,
    /// Read-aloud voice and rate per language code; a language not listed uses the speech
    /// service's default voice for it at normal rate.
    #[serde(default)]
    pub speech: BTreeMap<String, SpeechVoice>,
    /// Where signed content bundles are pulled from (a clinic group's publishing point). None:
    /// the kiosk shows the content it was started with, as always.
    #[serde(default)]
    pub content_source: Option<BundleSource>,
    /// Names this kiosk in everything it sends to the clinic's FHIR server (its `Device` id and
    /// the default system of its references): letters, digits, `-` and `.`, at most 64. Needed
    /// when `fhir_server` is set; empty (the default): not named. A plain string, as the README
    /// writes it (`kiosk_id: "lobby-1"`), not `Some(...)`.
    #[serde(default)]
    pub kiosk_id: String,
    /// The clinic's FHIR R4 server: answers sent to staff go there through a durable outbox
    /// (see `outbox`). None: no server, the kiosk works as before.
    #[serde(default)]
    pub fhir_server: Option<FhirServer>,
}

/// The clinic's FHIR server and how the kiosk reaches it (issue 21).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FhirServer {
    /// The server's base, e.g. `https://fhir.example.org/r4` (resources are POSTed to
    /// `base_url/QuestionnaireResponse`).
    pub base_url: String,
    /// How the kiosk proves who it is.
    #[serde(default)]
    pub auth: FhirAuth,
    /// A folder of the kiosk's own for the outbox (created `0700`; the database in it `0600`).
    pub outbox: String,
    /// A PEM file of the clinic's private certificate authority, trusted beside the system's.
    #[serde(default)]
    pub ca_file: Option<String>,
    /// Minutes between the kiosk's status reports.
    #[serde(default = "default_status_minutes")]
    pub status_minutes: u32,
    /// The `identifier.system` of the references the kiosk gives; None:
    /// `urn:vein-kiosk:<kiosk_id>:answers`.
    #[serde(default)]
    pub identifier_system: Option<String>,
}

impl FhirServer {
    /// Between the kiosk's status reports: `status_minutes`, and at least a minute (`check`
    /// refuses 0; this keeps a setting that skipped it from reporting without pause).
    pub fn status_period(&self) -> std::time::Duration {
        std::time::Duration::from_secs(u64::from(self.status_minutes.max(1)) * 60)
    }
}

fn default_status_minutes() -> u32 {
    5
}

/// How the kiosk authenticates to the FHIR server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum FhirAuth {
    /// No `Authorization` header (a server on a closed network that admits the kiosk by address).
    #[default]
    None,
    /// `Authorization: Bearer <token>`, the token read from a file (re-read when it changes).
    Bearer {
        /// The file holding the token (surrounding white space is ignored).
        token_file: String,
    },
    /// SMART Backend Services: a signed JWT assertion (ES384 or RS384) exchanged for an access
    /// token, kept until it expires.
    SmartBackend {
        /// The client id the server registered for this kiosk.
        client_id: String,
        /// The server's token endpoint.
        token_url: String,
        /// The kiosk's private key (PEM, RS384 or ES384).
        private_key_file: String,
        /// The scopes asked for, e.g. `system/QuestionnaireResponse.write`.
        scope: String,
        /// The `kid` the server registered the key under; None: the key's RFC 7638 thumbprint
        /// (what `vein-kiosk jwks` prints).
        #[serde(default)]
        key_id: Option<String>,
    },
}

/// Where a kiosk pulls signed content from, and whose signatures it accepts (see `bundle`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "ContentSource")]
pub struct BundleSource {
    /// The folder a bundle is published in: `https://…/`, `http://…/` or `file:///…/` (a USB
    /// stick or a mounted share).
    pub url: String,
    /// minisign public keys (the `RW…` line of a `.pub` file). A bundle signed by any of them is
    /// accepted; two let a group rotate its key.
    pub public_keys: Vec<String>,
    /// Minutes between checks for a newer bundle (and one at start).
    #[serde(default = "default_check_minutes")]
    pub check_minutes: u32,
    /// A folder of the kiosk's own where the last good bundle is kept.
    pub cache: String,
}

fn default_check_minutes() -> u32 {
    15
}

/// How read-aloud speaks one language (Speech Dispatcher's terms).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeechVoice {
    /// Speaking rate from -100 (slowest) to 100 (fastest); 0 is the voice's normal rate.
    #[serde(default)]
    pub rate: i8,
    /// A synthesis voice by name (`spd-say -L` lists them); None: the default for the language.
    #[serde(default)]
    pub voice: Option<String>,
}

fn default_text_percent() -> u16 {
    100
}

/// Paper size for printed answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Paper {
    /// US Letter, 8.5 x 11 inches.
    #[default]
    Letter,
    /// ISO A4, 210 x 297 mm.
    A4,
}

impl Settings {
    /// Whether "Print my answers" is offered: only where a clinic set up a printer.
    pub fn can_print(&self) -> bool {
        self.printer.is_some() || self.print_command.as_ref().is_some_and(|c| !c.is_empty())
    }

    /// Whether "Send to staff" is offered: where a clinic set up a hand-off folder or its FHIR
    /// server (or both: then the answers go to each).
    pub fn can_send(&self) -> bool {
        self.handoff_folder.is_some() || self.fhir_server.is_some()
    }
}

fn default_idle_seconds() -> u32 {
    90
}

fn default_warning_seconds() -> u32 {
    30
}
